//! `multipart part --file`: the parts a file makes, as URLs, JSON and curl lines, the
//! default part size, the expiry warning and what S3's limits refuse, through the binary.
//! The lines sent to real servers: tests/e2e/multipart.rs.

use assert_cmd::cargo::cargo_bin;
use std::path::Path;
use std::process::{Command, Output};

const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// presign in `dir` (the files' folder, an empty HOME), signing as of a fixed instant.
fn presign(dir: &Path, args: &[&str]) -> Output {
    Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", dir)
        .env("PRESIGN_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "PRESIGN_SECRET_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .current_dir(dir)
        .args(["--at", "2026-01-01T00:00:00Z"])
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// A file of `size` bytes that takes no room (sparse): its size is all presign reads.
fn sized(dir: &Path, name: &str, size: u64) {
    std::fs::File::create(dir.join(name))
        .unwrap()
        .set_len(size)
        .unwrap();
}

fn part(file: &str, more: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["multipart", "part", "my-bucket/big.iso", "--upload-id", "U"]
        .map(str::to_owned)
        .to_vec();
    args.push(format!("--file={file}"));
    args.extend(more.iter().map(|s| (*s).to_owned()));
    args
}

fn run(dir: &Path, args: &[String]) -> Output {
    presign(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The URLs of `--file` are those of `--parts 1-N`, one a line and nothing else on
/// stdout; the note on stderr says which bytes each takes.
#[test]
fn multipart_file_prints_the_urls_of_its_parts_and_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    sized(dir.path(), "big.iso", 11 * MIB + 7);
    let out = run(dir.path(), &part("big.iso", &["--part-size", "5MiB"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let by_number = presign(
        dir.path(),
        &[
            "multipart",
            "part",
            "my-bucket/big.iso",
            "--upload-id",
            "U",
            "--parts",
            "3",
        ],
    );
    assert_eq!(text(&out.stdout), text(&by_number.stdout));
    assert_eq!(
        text(&out.stderr),
        "presign: note: big.iso is 11534343 bytes in 3 parts: URL N is for the 5242880 bytes from offset (N-1)*5242880, the last for the 1048583 left; send each with its Content-Length (servers refuse a chunked upload): -o curl prints lines that do\n"
    );
    // One part: no arithmetic to explain.
    sized(dir.path(), "small.bin", 10);
    let out = run(dir.path(), &part("small.bin", &[]));
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    assert_eq!(
        text(&out.stderr),
        "presign: note: small.bin is 10 bytes in one part; send it with its Content-Length (servers refuse a chunked upload): -o curl prints a line that does\n"
    );
}

/// `-o json`: each part's line has `offset` and `length`, which cover the file in order,
/// besides what `--parts` lines have.
#[test]
fn multipart_file_json_lines_give_each_part_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let size = 11 * MIB + 7;
    sized(dir.path(), "big.iso", size);
    let out = run(
        dir.path(),
        &part("big.iso", &["--part-size", "5MiB", "-o", "json"]),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let by_number = presign(
        dir.path(),
        &[
            "multipart",
            "part",
            "my-bucket/big.iso",
            "--upload-id",
            "U",
            "--parts",
            "3",
            "-o",
            "json",
        ],
    );
    let mut next = 0;
    for (line, plain) in text(&out.stdout)
        .lines()
        .zip(text(&by_number.stdout).lines())
    {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["offset"], next, "{line}");
        let length = v["length"].as_u64().unwrap();
        assert!(length == 5 * MIB || next + length == size, "{line}");
        next += length;
        let o = v.as_object_mut().unwrap();
        o.remove("offset");
        o.remove("length");
        assert_eq!(v, serde_json::from_str::<serde_json::Value>(plain).unwrap());
    }
    assert_eq!(next, size);
}

/// `-o curl`: a line a part, cutting its bytes with tail and head, sent with their length
/// (never chunked), printing `N ETAG`; file names that tail or curl would read as options
/// or globs are one file, and signed headers are sent.
#[test]
fn multipart_file_curl_lines_send_each_range_with_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let name = "-it's [1].iso";
    sized(dir.path(), name, 11 * MIB + 7);
    let out = run(
        dir.path(),
        &part(
            name,
            &["--part-size", "5MiB", "--request-payer", "-o", "curl"],
        ),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let lines = text(&out.stdout);
    let lines: Vec<&str> = lines.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, (start, length, n)) in lines.iter().zip([
        (1, 5 * MIB, 1),
        (5 * MIB + 1, 5 * MIB, 2),
        (10 * MIB + 1, MIB + 7, 3),
    ]) {
        let head = format!(
            "tail -c +{start} './-it'\\''s [1].iso' | head -c {length} | curl --fail --globoff --path-as-is -H 'x-amz-request-payer: requester' -H 'Transfer-Encoding:' -H 'Content-Length: {length}' --upload-file - --dump-header - --output /dev/null 'https://gateway.storjshare.io/my-bucket/big.iso?partNumber={n}&uploadId=U&"
        );
        assert!(line.starts_with(&head), "{line}\n{head}");
        assert!(line.contains(&format!("' | awk -v part={n} '")), "{line}");
    }
}

/// With no --part-size, parts are 8 MiB, doubled until 10,000 hold the file; a file too
/// large for 10,000 parts of the size given is refused with the size that fits.
#[test]
fn multipart_file_default_part_size_keeps_within_10000_parts() {
    let dir = tempfile::tempdir().unwrap();
    for (size, part_size, count) in [(5 * GIB, 8 * MIB, 640), (100 * GIB, 16 * MIB, 6400)] {
        sized(dir.path(), "big.iso", size);
        let out = run(dir.path(), &part("big.iso", &["-o", "json", "-e", "7d"]));
        assert!(out.status.success(), "{}", text(&out.stderr));
        let out = text(&out.stdout);
        assert_eq!(out.lines().count(), count, "{size}");
        let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(first["length"], part_size, "{size}");
    }
    sized(dir.path(), "big.iso", 60 * GIB);
    let out = run(dir.path(), &part("big.iso", &["--part-size", "5MiB"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "presign: error: --part-size: big.iso is 64424509440 bytes: 12288 parts of 5 MiB (5242880 bytes), and S3 takes at most 10,000; give --part-size 7MiB or more, or leave it out to have one chosen\n"
    );
}

/// URLs that may expire before a slow link has sent the file are signed, with a warning
/// that says how long the upload may take and which --expires covers it.
#[test]
fn multipart_file_warns_when_the_urls_may_expire_before_the_last_part() {
    let dir = tempfile::tempdir().unwrap();
    sized(dir.path(), "big.iso", 5 * GIB);
    let out = run(dir.path(), &part("big.iso", &["-o", "json"]));
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "presign: warning: the part URLs expire 1h after signing, but sending the 5.0 GiB of big.iso takes some 1h 25m at 1 MiB/s, a slow link, one part after another: the last parts may find their URLs expired (403); sign with a longer expiry: --expires 2h or more\n"
    );
    let out = run(
        dir.path(),
        &part("big.iso", &["-o", "json", "--expires", "2h"]),
    );
    assert_eq!(text(&out.stderr), "");
    // Longer than SigV4 allows: the longest, and a faster upload.
    sized(dir.path(), "big.iso", 2048 * GIB);
    let out = run(dir.path(), &part("big.iso", &["-o", "json"]));
    assert!(
        text(&out.stderr).ends_with(
            "; sign with the longest expiry there is, --expires 7d, and send the parts faster\n"
        ),
        "{}",
        text(&out.stderr)
    );
}

/// A digest pins one part's bytes: refused when the file makes several, signed when one.
#[test]
fn multipart_file_takes_a_digest_only_for_one_part() {
    let dir = tempfile::tempdir().unwrap();
    sized(dir.path(), "big.iso", 11 * MIB);
    let out = run(dir.path(), &part("big.iso", &["--content-md5", "@big.iso"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "presign: error: --content-md5: a digest pins the bytes of one part, but --file big.iso makes 2 parts; leave it out\n"
    );
    std::fs::write(dir.path().join("small.bin"), b"one part").unwrap();
    let out = run(
        dir.path(),
        &part("small.bin", &["--content-md5", "@small.bin", "-o", "curl"]),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(" -H 'content-md5: "));
}

/// `--file` still names a curl line's local file, and only that, for the other commands.
#[test]
fn file_without_curl_is_still_refused_for_the_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["put", "my-bucket/k"][..], &["get", "my-bucket/k"]] {
        let out = presign(dir.path(), &[args, &["--file", "x"]].concat());
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            text(&out.stderr),
            "presign: error: --file: it names the local file of a curl line: use it with -o curl\n"
        );
    }
}
