//! Issue 17 end to end on a real S3 server (s3s-fs 0.14.1, in-process on 127.0.0.1): the
//! URLs presign prints for strangers, sent by curl exactly as docs/guide.md's recipes say.
//! What s3s-fs does not implement (If-None-Match, SSE-C, hoisted metadata) is pinned as
//! what it does today, so a new s3s-fs that starts honouring it shows up here.

use crate::support;

use assert_cmd::cargo::cargo_bin;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::curl::Reply;
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};
use tempfile::TempDir;

const BUCKET: &str = "req-bucket";

struct Fixture {
    server: S3Server,
    dir: TempDir,
}

impl Fixture {
    fn new() -> Option<Self> {
        if !support::programs::have(&["curl"]) {
            return None;
        }
        Some(Fixture {
            server: S3Server::start(&[BUCKET]),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    /// The one URL `presign ARGS` prints (SigV4, credentials and endpoint in variables).
    fn presign(&self, args: &[&str]) -> String {
        let out = Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
            .env("PRESIGN_SECRET_KEY", SECRET_KEY)
            .env("PRESIGN_ENDPOINT", self.server.endpoint())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "presign {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap();
        assert_eq!(url.lines().count(), 1, "{url}");
        url.trim_end().to_owned()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn curl(&self, args: &[&str], url: &str) -> Reply {
        support::curl::curl(self.dir.path(), args, url)
    }

    fn upload(&self, url: &str, file: &Path, headers: &[&str]) -> Reply {
        let mut args = vec!["--upload-file", file.to_str().unwrap()];
        for h in headers {
            args.extend(["-H", h]);
        }
        self.curl(&args, url)
    }

    fn stored(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.server.object_path(BUCKET, key)).ok()
    }

    /// Uploads `bytes` as `key` through a plain presigned PUT.
    fn put_object(&self, key: &str, bytes: &[u8]) {
        let file = self.file("seed", bytes);
        let url = self.presign(&["put", &format!("{BUCKET}/{key}")]);
        assert_eq!(self.upload(&url, &file, &[]).status, 200);
    }
}

#[test]
fn content_length_url_takes_exactly_that_many_bytes() {
    let Some(f) = Fixture::new() else { return };
    let url = f.presign(&["put", &format!("{BUCKET}/sized"), "--content-length", "10"]);
    for (n, status) in [(9, 403), (11, 403), (0, 403), (10, 200)] {
        let file = f.file("body", &vec![b'x'; n]);
        let reply = f.upload(&url, &file, &[]);
        assert_eq!(reply.status, status, "{n} bytes: {}", reply.text());
    }
    assert_eq!(f.stored("sized").unwrap(), vec![b'x'; 10]);
    // @FILE signs that file's size.
    let file = f.file("exact", b"twelve bytes");
    let path = format!("@{}", file.display());
    let url = f.presign(&[
        "put",
        &format!("{BUCKET}/at-file"),
        "--content-length",
        &path,
    ]);
    assert_eq!(f.upload(&url, &file, &[]).status, 200);
    let longer = f.file("longer", b"thirteen bytes");
    assert_eq!(f.upload(&url, &longer, &[]).status, 403);
}

/// s3s-fs 0.14.1 does not implement conditional writes: it accepts the second upload.
/// The URL still signs If-None-Match, so a request without it is refused (403).
#[test]
fn if_none_match_is_signed_and_required() {
    let Some(f) = Fixture::new() else { return };
    let url = f.presign(&["put", &format!("{BUCKET}/once"), "--if-none-match", "*"]);
    let file = f.file("b", b"first");
    assert_eq!(f.upload(&url, &file, &[]).status, 403, "without the header");
    assert_eq!(f.stored("once"), None);
    assert_eq!(f.upload(&url, &file, &["If-None-Match: *"]).status, 200);
    let second = f.upload(&url, &f.file("c", b"second"), &["If-None-Match: *"]);
    // 412 on S3, MinIO, R2 and Storj; s3s-fs does not check the condition.
    assert!(
        second.status == 200 || second.status == 412,
        "{}",
        second.status
    );
}

#[test]
fn in_url_metadata_needs_no_header() {
    let Some(f) = Fixture::new() else { return };
    let url = f.presign(&[
        "put",
        &format!("{BUCKET}/hoisted"),
        "--meta",
        "owner=ci",
        "--acl",
        "private",
        "--in-url",
    ]);
    assert!(url.contains("x-amz-meta-owner=ci&"), "{url}");
    assert!(url.contains("X-Amz-SignedHeaders=host&"), "{url}");
    let file = f.file("h", b"hoisted metadata");
    // A bare curl --upload-file, as docs/guide.md's recipe says.
    let reply = f.upload(&url, &file, &[]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(f.stored("hoisted").unwrap(), b"hoisted metadata");
    let head = f.curl(
        &["--head"],
        &f.presign(&["head", &format!("{BUCKET}/hoisted")]),
    );
    assert_eq!(head.status, 200);
    eprintln!("HEAD after hoisted put: {}", head.headers);
    // The hoisted value is signed: changing it breaks the signature.
    let forged = url.replace("x-amz-meta-owner=ci", "x-amz-meta-owner=me");
    assert_eq!(f.upload(&forged, &file, &[]).status, 403);
}

#[test]
fn list_lists_the_prefix_and_nothing_outside_it() {
    let Some(f) = Fixture::new() else { return };
    for key in [
        "photos/a.jpg",
        "photos/b c.jpg",
        "photos/sub/d.jpg",
        "other/e.jpg",
    ] {
        f.put_object(key, key.as_bytes());
    }
    let url = f.presign(&["list", &format!("{BUCKET}/photos/"), "--delimiter", "/"]);
    let reply = f.curl(&[], &url);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let xml = reply.text();
    assert!(xml.contains("<Key>photos/a.jpg</Key>"), "{xml}");
    // encoding-type=url (botocore always asks for it): S3 percent-encodes the keys of
    // its answer; s3s-fs 0.14.1 echoes <EncodingType>url</EncodingType> but does not.
    assert!(xml.contains("<EncodingType>url</EncodingType>"), "{xml}");
    assert!(
        xml.contains("<Key>photos/b c.jpg</Key>") || xml.contains("<Key>photos/b%20c.jpg</Key>"),
        "{xml}"
    );
    assert!(xml.contains("<Prefix>photos/sub/</Prefix>"), "{xml}");
    assert!(!xml.contains("other/"), "{xml}");
    assert!(!xml.contains("<Key>photos/sub/d.jpg</Key>"), "{xml}");
    // The prefix is signed: another prefix in the same URL is refused.
    let forged = url.replace("prefix=photos%2F", "prefix=other%2F");
    assert_ne!(forged, url);
    assert_eq!(f.curl(&[], &forged).status, 403);
    let url = f.presign(&["list", BUCKET, "--max-keys", "1"]);
    let xml = f.curl(&[], &url).text();
    assert_eq!(xml.matches("<Key>").count(), 1, "{xml}");
}

#[test]
fn copy_and_part_copy_copy_byte_for_byte() {
    let Some(f) = Fixture::new() else { return };
    let source: Vec<u8> = (0..=255u8).cycle().take(6 << 20).collect();
    f.put_object("src/big.bin", &source);
    let url = f.presign(&[
        "copy",
        &format!("{BUCKET}/src/big.bin"),
        &format!("{BUCKET}/dst/copy.bin"),
    ]);
    let reply = f.curl(
        &[
            "-X",
            "PUT",
            "-H",
            &format!("x-amz-copy-source: {BUCKET}/src/big.bin"),
        ],
        &url,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(f.stored("dst/copy.bin").unwrap() == source, "copy differs");
    // Without the signed source header: refused.
    assert_eq!(f.curl(&["-X", "PUT"], &url).status, 403);

    // part-copy: two parts from ranges of the source, then complete.
    let create = f.presign(&["multipart", "create", &format!("{BUCKET}/dst/parts.bin")]);
    let xml = f.curl(&["-X", "POST"], &create).text();
    let id = xml
        .split("<UploadId>")
        .nth(1)
        .unwrap()
        .split("</UploadId>")
        .next()
        .unwrap()
        .to_owned();
    let half = 5 << 20;
    let mut etags = Vec::new();
    for (n, range) in [
        (1, format!("bytes=0-{}", half - 1)),
        (2, format!("bytes={half}-{}", source.len() - 1)),
    ] {
        let url = f.presign(&[
            "multipart",
            "part-copy",
            &format!("{BUCKET}/dst/parts.bin"),
            "--upload-id",
            &id,
            "--part",
            &n.to_string(),
            "--source",
            &format!("{BUCKET}/src/big.bin"),
            "--source-range",
            &range,
        ]);
        let reply = f.curl(
            &[
                "-X",
                "PUT",
                "-H",
                &format!("x-amz-copy-source: {BUCKET}/src/big.bin"),
                "-H",
                &format!("x-amz-copy-source-range: {range}"),
            ],
            &url,
        );
        assert_eq!(reply.status, 200, "part {n}: {}", reply.text());
        let xml = reply.text();
        let etag = xml
            .split("<ETag>")
            .nth(1)
            .unwrap()
            .split("</ETag>")
            .next()
            .unwrap()
            .replace("&quot;", "\"");
        etags.push(format!("{n}={etag}"));
    }
    let mut args = vec![
        "multipart".to_owned(),
        "complete".into(),
        format!("{BUCKET}/dst/parts.bin"),
        "--upload-id".into(),
        id.clone(),
    ];
    for e in &etags {
        args.extend(["--etag".to_owned(), e.clone()]);
    }
    args.push("--body".into());
    let out = Command::new(cargo_bin("presign"))
        .args(&args)
        .output()
        .unwrap();
    let body = f.file("parts.xml", &out.stdout);
    let complete = f.presign(&[
        "multipart",
        "complete",
        &format!("{BUCKET}/dst/parts.bin"),
        "--upload-id",
        &id,
    ]);
    let reply = f.curl(
        &[
            "-X",
            "POST",
            "-H",
            "Content-Type:",
            "--data-binary",
            &format!("@{}", body.display()),
        ],
        &complete,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        f.stored("dst/parts.bin").unwrap() == source,
        "part copy differs"
    );
}

#[test]
fn request_payer_and_expected_owner_are_accepted_and_required() {
    let Some(f) = Fixture::new() else { return };
    let url = f.presign(&[
        "put",
        &format!("{BUCKET}/payer"),
        "--request-payer",
        "--expected-bucket-owner",
        "111122223333",
    ]);
    let file = f.file("p", b"payer");
    let headers = [
        "x-amz-request-payer: requester",
        "x-amz-expected-bucket-owner: 111122223333",
    ];
    assert_eq!(
        f.upload(&url, &file, &headers[..1]).status,
        403,
        "owner left out"
    );
    assert_eq!(
        f.upload(&url, &file, &headers[1..]).status,
        403,
        "payer left out"
    );
    assert_eq!(f.upload(&url, &file, &headers).status, 200);
    // Hoisted, the same URL needs no header at all.
    let url = f.presign(&[
        "get",
        &format!("{BUCKET}/payer"),
        "--request-payer",
        "--expected-bucket-owner",
        "111122223333",
        "--in-url",
    ]);
    let reply = f.curl(&[], &url);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, b"payer");
}

/// s3s-fs 0.14.1 has no SSE-C: it stores the bytes as sent and ignores the key headers.
/// The URL signs all three, so leaving the key out is refused.
#[test]
fn sse_c_headers_are_signed_and_required() {
    let Some(f) = Fixture::new() else { return };
    let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    let url = f.presign(&["put", &format!("{BUCKET}/ssec"), "--sse-c-key", key]);
    let file = f.file("s", b"secret bytes");
    let all = [
        "x-amz-server-side-encryption-customer-algorithm: AES256".to_owned(),
        format!("x-amz-server-side-encryption-customer-key: {key}"),
        "x-amz-server-side-encryption-customer-key-md5: tP/LI3N87DFaSk0aoqYgzg==".to_owned(),
    ];
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    assert_eq!(f.upload(&url, &file, &all[..2]).status, 403, "MD5 left out");
    let reply = f.upload(&url, &file, &all);
    assert!(
        reply.status == 200 || reply.status == 400 || reply.status == 501,
        "{}: {}",
        reply.status,
        reply.text()
    );
    let _ = reply.header("x-amz-server-side-encryption-customer-algorithm");
}
