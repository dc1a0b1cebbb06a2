//! `multipart part --file`: a whole multipart upload through the lines presign prints and
//! nothing else (create, every part, complete, then a download), on s3s-fs and on radosgw,
//! which refuses a chunked upload and a PUT without a length. See tests/README.md.

use crate::support;

use support::radosgw::Radosgw;
use support::s3_server::S3Server;
use support::site::{Site, xml_value};

const BUCKET: &str = "multipart-bucket";
/// The local file: a name curl and tail would read as an option, with brackets curl would
/// glob and a space.
const FILE: &str = "-big [1].iso";
/// Two parts of 5 MiB and a short third: not a multiple of the part size.
const SIZE: usize = 11 * 1024 * 1024 + 12345;

/// Regression: planning a large upload meant computing the parts by hand, the curl lines
/// uploaded `KEY.partN` files no tool makes, and their ETags were thrown away.
/// `multipart part --file FILE --part-size 5MiB -o curl`, run by `sh -e` as printed, sends
/// each byte range of FILE with its length and prints `N ETAG` lines, which `complete
/// --parts-file` takes; the object downloads byte for byte as FILE. SigV4 and SigV2, on
/// s3s-fs and on radosgw.
#[test]
fn multipart_file_uploads_through_the_printed_lines_only() {
    if !support::programs::have(&["sh", "curl", "tail", "head", "awk", "cat"]) {
        return;
    }
    let s3s = S3Server::start(&[BUCKET]);
    upload_by_the_lines(&Site::new("s3s-fs", s3s.endpoint()));
    drop(s3s);
    let Some(rgw) = Radosgw::start(&[BUCKET]) else {
        return;
    };
    let site = Site::new("radosgw", rgw.endpoint());
    // The premise: radosgw refuses what `curl --upload-file -` alone sends (chunked).
    let id = create(&site, "v4", &format!("{BUCKET}/premise"));
    let (url, _) = site.presign(
        "v4",
        &[
            "multipart",
            "part",
            &format!("{BUCKET}/premise"),
            "--upload-id",
            &id,
            "--parts",
            "1",
        ],
    );
    let status = site.run(
        "printf 'some bytes' | curl -s -o /dev/null -w '%{http_code}' --upload-file - \"$URL\"",
        &[("URL", url.trim())],
    );
    assert_eq!(status, "411", "radosgw took a chunked upload");
    upload_by_the_lines(&site);
}

fn upload_by_the_lines(site: &Site) {
    let bytes: Vec<u8> = (0..SIZE as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    site.file(FILE, &bytes);
    let name = site.name;
    for sig in ["v4", "v2"] {
        let target = format!("{BUCKET}/{sig}/big.iso");
        let id = create(site, sig, &target);
        let (lines, _) = site.presign(
            sig,
            &[
                "multipart",
                "part",
                &target,
                "--upload-id",
                &id,
                &format!("--file={FILE}"),
                "--part-size",
                "5MiB",
                "-o",
                "curl",
            ],
        );
        assert_eq!(lines.lines().count(), 3, "{name} {sig}: {lines}");
        site.file("parts.sh", lines.as_bytes());
        let etags = site.run("sh -e parts.sh > etags.txt && cat etags.txt", &[]);
        let numbers: Vec<&str> = etags
            .lines()
            .map(|l| l.split_once(' ').expect("N ETAG").0)
            .collect();
        assert_eq!(numbers, ["1", "2", "3"], "{name} {sig}: {etags}");

        let (line, _) = site.presign(
            sig,
            &[
                "multipart",
                "complete",
                &target,
                "--upload-id",
                &id,
                "--parts-file",
                "etags.txt",
                "-o",
                "curl",
            ],
        );
        let answer = site.run(&line, &[]);
        assert!(
            answer.contains("<CompleteMultipartUploadResult"),
            "{name} {sig}: {answer}"
        );
        assert!(
            site.download(&target) == bytes,
            "{name} {sig}: the object is not the file"
        );

        // A part that fails (an upload id the server does not know) prints no ETag line,
        // says which part, and fails the line: `sh -e` stops there.
        let (line, _) = site.presign(
            sig,
            &[
                "multipart",
                "part",
                &target,
                "--upload-id",
                "no-such-upload",
                &format!("--file={FILE}"),
                "--part-size",
                "5MiB",
                "-o",
                "curl",
            ],
        );
        let out = site.sh(line.lines().next().unwrap(), &[]);
        assert!(
            !out.status.success(),
            "{name} {sig}: a failed part succeeded"
        );
        assert!(
            out.stdout.is_empty(),
            "{name} {sig}: a failed part printed an ETag"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("part 1: no ETag in the answer; run its line again"),
            "{name} {sig}: {stderr}"
        );
    }
}

/// The UploadId of a new upload of `target`, created by the printed line.
fn create(site: &Site, sig: &str, target: &str) -> String {
    let (line, _) = site.presign(sig, &["multipart", "create", target, "-o", "curl"]);
    xml_value(&site.run(&line, &[]), "UploadId")
}
