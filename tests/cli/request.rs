//! Upload URLs for strangers through the binary: what docs/guide.md promises
//! about output (the SSE-C key only where the holder needs it, the note, `--in-url`), and
//! the values presign derives (the KMS context in base64, the retain-until date as botocore
//! writes it).

use assert_cmd::cargo::cargo_bin;
use std::process::{Command, Output};

const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const KEY_MD5: &str = "tP/LI3N87DFaSk0aoqYgzg==";

fn presign(args: &[&str]) -> Output {
    presign_at("2026-01-01T00:00:00Z", args)
}

fn presign_at(at: &str, args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .env("PRESIGN_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "PRESIGN_SECRET_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .args(["--at", at])
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn sse_c_key_is_printed_only_where_the_holder_must_send_it() {
    for cmd in [
        &["put", "b-1/k"][..],
        &["get", "b-1/k"],
        &["head", "b-1/k"],
        &["multipart", "create", "b-1/k"],
        &[
            "multipart",
            "part",
            "b-1/k",
            "--upload-id",
            "U",
            "--parts",
            "3",
        ],
        &["multipart", "complete", "b-1/k", "--upload-id", "U"],
        &["copy", "a-1/k", "b-1/k"],
        &[
            "multipart",
            "part-copy",
            "b-1/k",
            "--upload-id",
            "U",
            "--part",
            "1",
            "--source",
            "a-1/k",
        ],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--sse-c-key", KEY]);
        let out = presign(&args);
        assert!(out.status.success(), "{cmd:?}: {}", text(&out.stderr));
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(
            !stdout.contains(KEY) && !stderr.contains(KEY),
            "{cmd:?}: {stdout}{stderr}"
        );
        assert!(
            stderr.contains("\"x-amz-server-side-encryption-customer-key: $SSE_C_KEY\""),
            "{cmd:?}: {stderr}"
        );
        assert!(stderr.contains(KEY_MD5), "{stderr}");
        for format in ["json", "curl"] {
            let mut with = args.clone();
            with.extend(["-o", format]);
            let out = presign(&with);
            assert!(out.status.success(), "{}", text(&out.stderr));
            let stdout = text(&out.stdout);
            assert!(
                stdout.contains(KEY) && stdout.contains(KEY_MD5),
                "{cmd:?} -o {format}: {stdout}"
            );
            assert!(!text(&out.stderr).contains(KEY));
        }
    }
}

/// Whatever the bad key looks like (short, long, not base64, a secret-shaped string),
/// the error names the flag and never the value.
#[test]
fn a_bad_sse_c_key_is_never_echoed() {
    for bad in [
        "c2hvcnQ=",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY!",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
        "MY-SECRET-CANARY-77",
    ] {
        let out = presign(&["put", "b-1/k", "--sse-c-key", bad]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("presign: error: --sse-c-key: "),
            "{stderr}"
        );
        assert!(!stderr.contains(bad), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn derived_values_are_what_s3_wants() {
    let out = presign(&[
        "put",
        "b-1/k",
        "-o",
        "json",
        "--sse",
        "aws:kms",
        "--sse-kms-context",
        r#"{"team":"data"}"#,
        "--sse-bucket-key",
        "--object-lock-mode",
        "GOVERNANCE",
        "--object-lock-retain-until",
        "2030-01-01T01:00:00+01:00",
        "--legal-hold",
        "On",
        "--request-payer",
        "--expected-bucket-owner",
        "111122223333",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let h = &v["headers"];
    assert_eq!(
        h["x-amz-server-side-encryption-context"],
        "eyJ0ZWFtIjoiZGF0YSJ9"
    );
    assert_eq!(h["x-amz-server-side-encryption-bucket-key-enabled"], "true");
    assert_eq!(
        h["x-amz-object-lock-retain-until-date"],
        "2030-01-01T00:00:00Z"
    );
    assert_eq!(h["x-amz-object-lock-legal-hold"], "ON");
    assert_eq!(h["x-amz-request-payer"], "requester");
    assert_eq!(h["x-amz-expected-bucket-owner"], "111122223333");
}

#[test]
fn in_url_moves_what_servers_read_from_the_query_and_the_note_names_the_rest() {
    let out = presign(&[
        "put",
        "b-1/k",
        "--meta",
        "owner=ci",
        "--acl",
        "private",
        "--if-none-match",
        "*",
        "--sse",
        "AES256",
        "--tagging",
        "a=b",
        "--in-url",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (url, note) = (text(&out.stdout), text(&out.stderr));
    assert!(
        url.contains("?x-amz-meta-owner=ci&x-amz-acl=private&X-Amz-Algorithm="),
        "{url}"
    );
    assert!(
        url.contains("X-Amz-SignedHeaders=host%3Bif-none-match%3Bx-amz-server-side-encryption%3Bx-amz-tagging&"),
        "{url}"
    );
    for kept in [
        "if-none-match: *",
        "x-amz-server-side-encryption: AES256",
        "x-amz-tagging: a=b",
    ] {
        assert!(note.contains(kept), "{note}");
    }
    assert!(
        !note.contains("x-amz-meta-owner") && !note.contains("x-amz-acl"),
        "{note}"
    );
    // Everything moved: no note at all; -o json lists no header.
    let out = presign(&[
        "put", "b-1/k", "--meta", "owner=ci", "--in-url", "-o", "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["headers"], serde_json::json!({}));
    let out = presign(&["put", "b-1/k", "--meta", "owner=ci", "--in-url"]);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn list_and_copy_lines_are_ready_to_run() {
    let out = presign(&[
        "list",
        "s3://b-1/photos/",
        "--delimiter",
        "/",
        "--max-keys",
        "10",
        "--fetch-owner",
        "-o",
        "curl",
    ]);
    let line = text(&out.stdout);
    assert!(line.starts_with("curl --fail --globoff --path-as-is 'https://gateway.storjshare.io/b-1?list-type=2&prefix=photos%2F&delimiter=%2F&max-keys=10&fetch-owner=true&encoding-type=url&X-Amz-"), "{line}");
    let out = presign(&[
        "copy",
        "a-1/dir/a b.txt",
        "b-1/k",
        "--source-version-id",
        "v1",
        "-o",
        "curl",
    ]);
    let line = text(&out.stdout);
    assert!(line.starts_with("curl --fail --globoff --path-as-is -X PUT -H 'Content-Length: 0' -H 'x-amz-copy-source: a-1/dir/a%20b.txt?versionId=v1' 'https://"), "{line}");
    let out = presign(&[
        "multipart",
        "part-copy",
        "b-1/k",
        "--upload-id",
        "U",
        "--part",
        "3",
        "--source",
        "a-1/k",
        "--source-range",
        "bytes=0-99",
    ]);
    let url = text(&out.stdout);
    assert!(
        url.starts_with("https://gateway.storjshare.io/b-1/k?partNumber=3&uploadId=U&"),
        "{url}"
    );
    assert!(
        url.contains("X-Amz-SignedHeaders=host%3Bx-amz-copy-source%3Bx-amz-copy-source-range&"),
        "{url}"
    );
}

#[test]
fn help_names_the_new_subcommands() {
    let out = Command::new(cargo_bin("presign"))
        .arg("--help")
        .output()
        .unwrap();
    let help = text(&out.stdout);
    for sub in ["list", "copy"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(sub)),
            "{help}"
        );
    }
    let out = Command::new(cargo_bin("presign"))
        .args(["multipart", "--help"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("part-copy"));
    assert!(help.contains("--if-none-match '*'"), "{help}");
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = presign(args);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn inspect_and_verify_read_the_new_operations() {
    let url = |args: &[&str]| run(args).1.trim_end().to_owned();
    let cases = [
        (
            url(&["list", "b-1/p/", "--delimiter", "/"]),
            "ListObjectsV2 (GET)",
            vec![],
            "GET",
        ),
        (
            url(&["copy", "a-1/k", "b-1/k"]),
            "CopyObject (PUT)",
            vec!["x-amz-copy-source: a-1/k"],
            "PUT",
        ),
        (
            url(&[
                "multipart",
                "part-copy",
                "b-1/k",
                "--upload-id",
                "U",
                "--part",
                "2",
                "--source",
                "a-1/k",
            ]),
            "UploadPartCopy (PUT)",
            vec!["x-amz-copy-source: a-1/k"],
            "PUT",
        ),
        (
            url(&["put", "b-1/k", "--meta", "a=b", "--in-url"]),
            "PutObject (PUT), by the headers in its query",
            vec![],
            "PUT",
        ),
        (
            url(&[
                "put",
                "b-1/k",
                "--content-length",
                "5",
                "--if-none-match",
                "*",
            ]),
            "PutObject (PUT), by its signed headers",
            vec!["content-length: 5", "if-none-match: *"],
            "PUT",
        ),
    ];
    for (u, operation, headers, method) in &cases {
        let (code, out, err) = run(&["inspect", u]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            out.contains(&format!("operation:      {operation}")),
            "{out}"
        );
        let mut args = vec!["verify", u.as_str()];
        for h in headers {
            args.extend(["--header", h]);
        }
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(0), "{u}: {out}{err}");
        assert!(out.starts_with(&format!("valid: {method},")), "{out}");
    }
    // verify --explain names the signed header the request lacks.
    let (code, out, _) = run(&[
        "verify",
        "--explain",
        &cases[4].0,
        "--header",
        "if-none-match: *",
    ]);
    assert_eq!(code, Some(3));
    assert!(out.contains("content-length"), "{out}");
}

/// Siblings of the SSE-C rule: `verify --explain` prints the canonical request, where the
/// key given with --header would be; SigV2 would put it into the URL.
#[test]
fn sse_c_key_stays_out_of_verify_explain_and_sigv2_urls() {
    let url = run(&["get", "b-1/k", "--sse-c-key", KEY])
        .1
        .trim_end()
        .to_owned();
    let algorithm = "x-amz-server-side-encryption-customer-algorithm: AES256".to_owned();
    let key = format!("x-amz-server-side-encryption-customer-key: {KEY}");
    let md5 = format!("x-amz-server-side-encryption-customer-key-md5: {KEY_MD5}");
    let (code, out, err) = run(&[
        "verify",
        "--explain",
        &url,
        "--header",
        &algorithm,
        "--header",
        &key,
        "--header",
        &md5,
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains(KEY) && !err.contains(KEY), "{out}{err}");
    assert!(
        out.contains("x-amz-server-side-encryption-customer-key:(redacted, 44 characters)"),
        "{out}"
    );
    assert!(out.contains(KEY_MD5), "the MD5 is no secret: {out}");
    let (code, out, err) = run(&["put", "b-1/k", "--sse-c-key", KEY, "--signature", "v2"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty() && !err.contains(KEY), "{out}{err}");
}

/// A copy of an SSE-C source signs the source's key under the copy-source names, its
/// MD5 last (as botocore), and shows it only where the holder sends it.
#[test]
fn copy_source_sse_c_key_is_signed_and_kept_out_of_the_note() {
    let args = [
        "copy",
        "a-1/k",
        "b-1/k",
        "--copy-source-sse-c-key",
        KEY,
        "--sse-c-key",
        KEY,
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains(KEY) && !err.contains(KEY), "{out}{err}");
    assert!(
        err.contains(
            "\"x-amz-copy-source-server-side-encryption-customer-key: $COPY_SOURCE_SSE_C_KEY\""
        ),
        "{err}"
    );
    let mut json = args.to_vec();
    json.extend(["-o", "json"]);
    let out = presign(&json);
    // -o json keeps the signing order: the source's MD5 after the object's.
    let line = text(&out.stdout);
    let at = |name: &str| line.find(&format!("\"{name}\":")).unwrap();
    assert!(
        at("x-amz-copy-source-server-side-encryption-customer-key-md5")
            > at("x-amz-server-side-encryption-customer-key-md5"),
        "{line}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["headers"]["x-amz-copy-source-server-side-encryption-customer-key"],
        KEY
    );
    assert_eq!(
        v["headers"]["x-amz-copy-source-server-side-encryption-customer-key-md5"],
        KEY_MD5
    );
    let (code, _, err) = run(&[
        "copy",
        "a-1/k",
        "b-1/k",
        "--copy-source-sse-c-key",
        "c2hvcnQ=",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("presign: error: --copy-source-sse-c-key: invalid SSE-C key"),
        "{err}"
    );
}

/// `--object-lock-retain-until` was checked against the machine's clock, while the URL is
/// signed `--at` another instant: a URL signed for 2020 could not lock until 2021, and
/// one signed for 2040 could lock "until" 2030. It is judged against `--at` now.
#[test]
fn retain_until_is_judged_against_at_not_the_clock() {
    let lock = |at: &str, until: &str| {
        presign_at(
            at,
            &[
                "put",
                "b-1/k",
                "-o",
                "json",
                "--object-lock-mode",
                "GOVERNANCE",
                "--object-lock-retain-until",
                until,
            ],
        )
    };
    let out = lock("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["headers"]["x-amz-object-lock-retain-until-date"],
        "2021-01-01T00:00:00Z"
    );
    let out = lock("2040-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "presign: error: --object-lock-retain-until: \"2030-01-01T00:00:00Z\" is in the past: an object cannot be locked until then\n"
    );
}

/// `copy --tagging` signed x-amz-tagging without x-amz-tagging-directive: S3 copies the
/// source's tags and ignores the header without a word. presign refuses it unless
/// `--tagging-directive REPLACE` is given (`--metadata-directive` governs metadata, not
/// tags), and signs the directive after the metadata directive.
#[test]
fn copy_tagging_without_tagging_directive_replace_is_refused_and_acl_needs_no_directive() {
    for extra in [
        &[][..],
        &["--metadata-directive", "REPLACE"],
        &["--tagging-directive", "COPY"],
    ] {
        let mut args = vec!["copy", "a-1/k", "b-1/k", "--tagging", "a=b"];
        args.extend(extra);
        let out = presign(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            "presign: error: --tagging: a copy keeps the source's tags unless told otherwise: add --tagging-directive REPLACE\n"
        );
    }
    let out = presign(&[
        "copy",
        "a-1/k",
        "b-1/k",
        "-o",
        "json",
        "--tagging",
        "a=b",
        "--tagging-directive",
        "REPLACE",
        "--metadata-directive",
        "COPY",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["headers"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(v["headers"]["x-amz-tagging"], "a=b");
    assert_eq!(v["headers"]["x-amz-tagging-directive"], "REPLACE");
    let url = v["url"].as_str().unwrap();
    assert!(
        url.contains("x-amz-metadata-directive%3Bx-amz-tagging%3Bx-amz-tagging-directive"),
        "{url} {names:?}"
    );
    // The ACL and the storage class are not metadata: a copy applies them under COPY too
    // (a copy onto itself with a storage class is how S3 changes one).
    let out = presign(&[
        "copy",
        "b-1/k",
        "b-1/k",
        "-o",
        "json",
        "--storage-class",
        "GLACIER_IR",
        "--acl",
        "private",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["headers"]["x-amz-storage-class"], "GLACIER_IR");
    // Tags alone with REPLACE, metadata still needs its own directive.
    let out = presign(&[
        "copy",
        "a-1/k",
        "b-1/k",
        "--meta",
        "a=b",
        "--tagging-directive",
        "REPLACE",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--meta: a copy keeps the source's metadata"));
}

/// An outside review: presign signed URLs S3 refuses (SSE-C with `--sse`, a bucket key with
/// DSSE-KMS, SSE-KMS on SigV2, an open-ended part-copy range, a KMS context with a
/// non-string). Each is refused naming its flag; what S3 takes next to each still signs.
/// A copy onto itself that changes nothing is warned of, not refused: S3 takes it when
/// the object is encrypted, which a URL signed offline cannot know.
#[test]
fn what_s3_refuses_is_refused_and_its_neighbours_sign() {
    let part_copy = "multipart part-copy b-1/k --upload-id U --part 1 --source a/b --source-range";
    let refused = [
        (
            format!("put b-1/k --sse aws:kms --sse-c-key {KEY}"),
            "--sse-c-key: ",
        ),
        (
            format!("copy a/b b-1/k --sse AES256 --sse-c-key {KEY}"),
            "--sse-c-key: ",
        ),
        (
            "put b-1/k --sse aws:kms:dsse --sse-bucket-key".into(),
            "--sse-bucket-key: ",
        ),
        (
            "multipart create b-1/k --sse aws:kms:dsse --signature v2".into(),
            "--sse: ",
        ),
        (format!("{part_copy} bytes=-5"), "--source-range: "),
        (format!("{part_copy} bytes=5-"), "--source-range: "),
        (
            r#"put b-1/k --sse aws:kms --sse-kms-context {"a":["b"]}"#.into(),
            "--sse-kms-context: ",
        ),
        (
            r#"put b-1/k --sse aws:kms --sse-kms-context {"a":"b",}"#.into(),
            "--sse-kms-context: ",
        ),
    ];
    for (line, start) in &refused {
        let args: Vec<&str> = line.split(' ').collect();
        let out = presign(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{line}: {err}");
        assert!(
            err.starts_with(&format!("presign: error: {start}")),
            "{line}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains(KEY), "{err}");
    }
    let signed = [
        // The copy source's key with the destination's SSE: a re-encryption.
        format!("copy a/b b-1/k --sse AES256 --copy-source-sse-c-key {KEY}"),
        "put b-1/k --sse aws:kms --sse-bucket-key".into(),
        "put b-1/k --sse AES256 --signature v2".into(),
        format!("{part_copy} bytes=0-0"),
        r#"put b-1/k --sse aws:kms --sse-kms-context {"a":"b\"\u00e9","c":""}"#.into(),
        // Onto itself, changing something S3 counts: allowed.
        "copy b-1/k b-1/k --storage-class GLACIER".into(),
        "copy b-1/k b-1/k --source-version-id v1".into(),
        "copy b-1/k b-1/k --metadata-directive REPLACE --meta a=b".into(),
    ];
    for line in &signed {
        let args: Vec<&str> = line.split(' ').collect();
        let out = presign(&args);
        assert_eq!(out.status.code(), Some(0), "{line}: {}", text(&out.stderr));
        assert!(
            !text(&out.stderr).contains("warning"),
            "{line}: {}",
            text(&out.stderr)
        );
    }
    let out = presign(&["copy", "s3://b-1/k", "b-1/k", "--tagging-directive", "COPY"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).starts_with("presign: warning: the copy is onto its own source and changes nothing: S3 refuses that (400) unless"),
        "{}",
        text(&out.stderr)
    );
    let out = presign(&["copy", "b-1/k", "b-1/k", "--copy-source-sse-c-key", KEY]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
    // JSON's spaces around the object, keys and values.
    let spaced = r#" { "a" : "b" , "c":"" } "#;
    let out = presign(&[
        "put",
        "b-1/k",
        "--sse",
        "aws:kms",
        "--sse-kms-context",
        spaced,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `--max-keys 01` was signed as `max-keys=01`; botocore writes its integer `1`.
#[test]
fn max_keys_is_written_as_botocore_writes_an_integer() {
    let out = presign(&["list", "b-1", "--max-keys", "0100"]);
    assert!(
        text(&out.stdout).contains("?list-type=2&max-keys=100&"),
        "{}",
        text(&out.stdout)
    );
    for bad in ["+1", "0", "1001", " 1", "1e2"] {
        let out = presign(&["list", "b-1", "--max-keys", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(text(&out.stderr).contains("--max-keys: "), "{bad}");
    }
}

/// `--sse-c-key @/dev/zero` read without a bound (gigabytes in seconds); `--content-length
/// @DIR` signed the directory's 4096; `--content-md5 @/dev/zero` would hash forever and
/// `@DIR` failed without naming the flag.
#[cfg(unix)]
#[test]
fn file_values_read_only_files_of_the_upload() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["put", "b-1/k", "--sse-c-key", "@/dev/zero"],
            "--sse-c-key: ",
        ),
        (
            &["get", "b-1/k", "--sse-c-key", "@/dev/urandom"],
            "--sse-c-key: ",
        ),
        (
            &[
                "copy",
                "a/b",
                "b-1/k",
                "--copy-source-sse-c-key",
                "@/dev/zero",
            ],
            "--copy-source-sse-c-key: ",
        ),
        (
            &["put", "b-1/k", "--content-length", &format!("@{dir}")],
            "--content-length: ",
        ),
        (
            &["put", "b-1/k", "--content-md5", "@/dev/zero"],
            "--content-md5: ",
        ),
        (
            &["put", "b-1/k", "--checksum-sha256", &format!("@{dir}")],
            "--checksum-sha256: ",
        ),
    ];
    for (args, start) in cases {
        let out = presign(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("presign: error: {start}")),
            "{args:?}: {err}"
        );
    }
}

/// A refusal of what SigV2 cannot sign said "use --signature v4" without saying that a
/// profile had chosen SigV2 (an outside review): it names the profile now, and says
/// nothing more when the flag chose it.
#[test]
fn a_sigv2_refusal_names_the_profile_that_chose_sigv2() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("presign.toml");
    std::fs::write(&config, "[profiles.old]\nsignature = \"v2\"\n").unwrap();
    let config = config.to_str().unwrap();
    for args in [
        &["list", "b-1"][..],
        &["put", "b-1/k", "--sse-c-key", KEY],
        &["put", "b-1/k", "--meta", "a=b", "--in-url"],
        &["put", "b-1/k", "--content-length", "3"],
    ] {
        let out = presign(&[&["--config", config, "--profile", "old"][..], args].concat());
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("; use --signature v4 (SigV2 from signature in profile \"old\" of "),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let out = presign(&[args, &["--signature", "v2"]].concat());
        assert!(
            !text(&out.stderr).contains("SigV2 from"),
            "{}",
            text(&out.stderr)
        );
    }
}

/// A second review: an SSE-C key file holding the key's base64 was refused ("it is 45
/// bytes") though the messages said such a file is taken; and `@/dev/null`, the empty
/// body, was refused with the devices that never end.
#[cfg(unix)]
#[test]
fn key_files_take_base64_and_dev_null_is_the_empty_body() {
    let dir = tempfile::tempdir().unwrap();
    let by_flag = text(&presign(&["get", "b-1/k", "--sse-c-key", KEY, "-o", "json"]).stdout);
    for (name, content) in [
        ("b64-newline.key", format!("{KEY}\n")),
        ("b64.key", KEY.to_owned()),
        ("b64-crlf.key", format!("  {KEY}\r\n")),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let arg = format!("@{}", path.display());
        let out = presign(&["get", "b-1/k", "--sse-c-key", &arg, "-o", "json"]);
        assert_eq!(text(&out.stdout), by_flag, "{name}: {}", text(&out.stderr));
    }
    let raw = dir.path().join("raw.key");
    std::fs::write(&raw, (0u8..32).collect::<Vec<u8>>()).unwrap();
    let out = presign(&[
        "get",
        "b-1/k",
        "--sse-c-key",
        &format!("@{}", raw.display()),
        "-o",
        "json",
    ]);
    assert_eq!(text(&out.stdout), by_flag, "{}", text(&out.stderr));
    // The empty body: MD5 1B2M2Y8AsgTpgAmY7PhCfg==, length 0.
    let out = presign(&[
        "put",
        "b-1/k",
        "--content-md5",
        "@/dev/null",
        "--content-length",
        "@/dev/null",
        "-o",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert!(
        json.contains(r#""content-md5":"1B2M2Y8AsgTpgAmY7PhCfg==""#),
        "{json}"
    );
    assert!(json.contains(r#""content_length":0"#), "{json}");
}
