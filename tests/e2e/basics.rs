//! End to end: the real `presign` binary signs, curl sends, and a real S3 server on
//! 127.0.0.1 (s3s-fs, which verifies signatures) accepts good URLs and rejects forged,
//! misused and expired ones — for SigV4 and SigV2 alike.

use crate::support;

use assert_cmd::cargo::cargo_bin;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};
use tempfile::TempDir;

const BUCKET: &str = "e2e-bucket";
const SIGNATURES: [&str; 2] = ["v4", "v2"];

struct Fixture {
    server: S3Server,
    dir: TempDir,
}

/// What the server answered: status, headers and body.
struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    /// The value of response header `name` (case-insensitive), if the server sent it.
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    /// The S3 error code in the body, e.g. `SignatureDoesNotMatch`.
    fn code(&self) -> String {
        let body = String::from_utf8_lossy(&self.body);
        body.split("<Code>")
            .nth(1)
            .and_then(|s| s.split("</Code>").next())
            .unwrap_or("")
            .to_owned()
    }
}

impl Fixture {
    /// A server and a folder, when curl and everything else in `needs` is installed
    /// (else the test is skipped, or fails under CI: `support/programs.rs`).
    fn new(needs: &[&str]) -> Option<Self> {
        if !support::programs::have(&[&["curl"], needs].concat()) {
            return None;
        }
        Some(Fixture {
            server: S3Server::start(&[BUCKET]),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    /// `presign` against this server, in a clean environment, credentials in variables.
    fn presign_cmd(&self, signature: &str) -> Command {
        let mut cmd = Command::new(cargo_bin("presign"));
        cmd.env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
            .env("PRESIGN_SECRET_KEY", SECRET_KEY)
            .env("PRESIGN_ENDPOINT", self.server.endpoint())
            .args(["--signature", signature]);
        cmd
    }

    fn presign(&self, signature: &str, args: &[&str]) -> String {
        let out = self.presign_cmd(signature).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "presign {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap();
        assert_eq!(url.lines().count(), 1, "{url}");
        url.trim_end().to_owned()
    }

    /// Every URL presign prints (one per line), e.g. one per part.
    fn presign_lines(&self, signature: &str, args: &[&str]) -> Vec<String> {
        let out = self.presign_cmd(signature).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "presign {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn curl(&self, args: &[&str], url: &str) -> Reply {
        let body = self.dir.path().join("curl-body");
        let headers = self.dir.path().join("curl-headers");
        let _ = std::fs::remove_file(&body);
        let out = Command::new("curl")
            // --path-as-is: keep `.`/`..` key segments, as presign's warning tells users.
            .args([
                "--silent",
                "--show-error",
                "--globoff",
                "--path-as-is",
                "--output",
            ])
            .arg(&body)
            .arg("--dump-header")
            .arg(&headers)
            .args(["--write-out", "%{http_code}"])
            .args(args)
            .arg(url)
            .output()
            .expect("curl is installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "curl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let status = String::from_utf8(out.stdout).unwrap().parse().unwrap();
        let body = std::fs::read(&body).unwrap_or_default();
        let headers = std::fs::read_to_string(&headers).unwrap_or_default();
        Reply {
            status,
            headers,
            body,
        }
    }

    fn put(&self, url: &str, file: &Path, extra: &[&str]) -> Reply {
        let mut args = vec!["--upload-file", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.curl(&args, url)
    }

    fn get(&self, url: &str) -> Reply {
        self.curl(&[], url)
    }

    fn stored(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.server.object_path(BUCKET, key)).ok()
    }
}

fn target(key: &str) -> String {
    format!("{BUCKET}/{key}")
}

fn assert_ok(reply: &Reply, what: &str) {
    assert_eq!(
        reply.status,
        200,
        "{what}: {} {}",
        reply.code(),
        String::from_utf8_lossy(&reply.body)
    );
}

#[test]
fn upload_then_download_small_and_5_mib() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let big: Vec<u8> = (0..5 * 1024 * 1024u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        for (key, bytes) in [
            (format!("small-{sig}.txt"), b"hello, presign\n".to_vec()),
            (format!("big-{sig}.bin"), big),
        ] {
            let file = f.file(&key, &bytes);
            let put = f.put(&f.presign(sig, &["put", &target(&key)]), &file, &[]);
            assert_ok(&put, &format!("{sig} PUT {key}"));
            assert_eq!(
                f.stored(&key).as_deref(),
                Some(&bytes[..]),
                "{sig} {key} on disk"
            );
            let get = f.get(&f.presign(sig, &["get", &target(&key)]));
            assert_ok(&get, &format!("{sig} GET {key}"));
            assert_eq!(get.body, bytes, "{sig} {key} downloaded");
        }
    }
}

#[test]
fn hard_keys_round_trip() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    let keys = [
        "with space.txt",
        "plus+sign",
        "percent%25and%",
        "tilde~",
        "equals=and&amp",
        "question?mark",
        "hash#tag",
        "quote's",
        "paren(1)",
        "ünïcödé/日本語.txt",
        "emoji 😀🚀",
        "double//slash",
        "/leading-slash",
        "dir/./dot",
        "dir/../dotdot",
    ];
    for sig in SIGNATURES {
        for key in keys {
            let key = format!("{sig}-{key}");
            let body = format!("body of {key:?}").into_bytes();
            let file = f.file("hard", &body);
            let put = f.put(&f.presign(sig, &["put", &target(&key)]), &file, &[]);
            assert_ok(&put, &format!("{sig} PUT {key:?}"));
            let get = f.get(&f.presign(sig, &["get", &target(&key)]));
            assert_ok(&get, &format!("{sig} GET {key:?}"));
            assert_eq!(get.body, body, "{sig} {key:?}");
            // Where a file path cannot hold the key as it is (s3s-fs resolves `.`, `..`
            // and `//` as a path would), the round trip above is the proof.
            if !key.contains("/.") && !key.contains("//") {
                assert_eq!(
                    f.stored(&key),
                    Some(body),
                    "{sig} {key:?} stored under its own name"
                );
            }
        }
    }
}

/// A key that starts with `/`: s3s-fs joins it to the bucket folder as an absolute path,
/// which escapes its root, and answers 500 InternalError *after* verifying the signature.
/// So the proof is: our URL gets past authentication (not 403), while the same URL with
/// one signature character changed is refused with 403.
#[test]
fn leading_slash_keys_pass_signature_checks() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("/{sig}-leading-slash");
        let file = f.file("lead", b"lead");
        let url = f.presign(sig, &["put", &target(&key)]);
        let reply = f.put(&url, &file, &[]);
        eprintln!("{sig}: PUT {key:?} -> {} {}", reply.status, reply.code());
        assert_ne!(
            reply.status,
            403,
            "{sig}: signature for {key:?} refused: {}",
            reply.code()
        );
        assert_eq!(f.put(&tamper_signature(&url), &file, &[]).status, 403);
    }
}

#[test]
fn virtual_host_urls_work_on_localhost() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("virtual-{sig}.txt");
        let put_url = f.presign(sig, &["put", "--virtual-host", &target(&key)]);
        assert!(
            put_url.starts_with(&format!(
                "http://{BUCKET}.localhost:{}/{key}?",
                f.server.port
            )),
            "{put_url}"
        );
        let file = f.file("v", b"virtual");
        assert_ok(&f.put(&put_url, &file, &[]), &format!("{sig} virtual PUT"));
        assert_eq!(f.stored(&key).as_deref(), Some(&b"virtual"[..]));
        let get = f.get(&f.presign(sig, &["get", "--virtual-host", &target(&key)]));
        assert_ok(&get, &format!("{sig} virtual GET"));
        assert_eq!(get.body, b"virtual");
    }
}

#[test]
fn content_type_is_enforced() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("typed-{sig}.txt");
        let url = f.presign(sig, &["put", "--content-type", "text/plain", &target(&key)]);
        let file = f.file("t", b"typed");
        let wrong = f.put(&url, &file, &["-H", "Content-Type: application/json"]);
        assert_eq!(wrong.status, 403, "{sig} wrong type: {}", wrong.code());
        assert_eq!(
            f.stored(&key),
            None,
            "{sig}: a rejected upload left an object"
        );
        assert_ok(
            &f.put(&url, &file, &["-H", "Content-Type: text/plain"]),
            &format!("{sig} right type"),
        );
        assert_eq!(f.stored(&key).as_deref(), Some(&b"typed"[..]));
        eprintln!(
            "{sig}: PUT with the wrong Content-Type -> {} {}",
            wrong.status,
            wrong.code()
        );
    }
}

#[test]
fn forged_misused_and_expired_urls_are_rejected() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let a = format!("a-{sig}.txt");
        let b = format!("b-{sig}.txt");
        let original = f.file("orig", b"original");
        assert_ok(
            &f.put(&f.presign(sig, &["put", &target(&a)]), &original, &[]),
            "seed a",
        );
        assert_ok(
            &f.put(&f.presign(sig, &["put", &target(&b)]), &original, &[]),
            "seed b",
        );
        let attack = f.file("attack", b"attacker's bytes");

        let put_a = f.presign(sig, &["put", &target(&a)]);
        let tampered = tamper_signature(&put_a);
        let for_b = put_a.replacen(&format!("/{a}?"), &format!("/{b}?"), 1);
        let get_a = f.presign(sig, &["get", &target(&a)]);
        let wrong_secret = {
            let out = f
                .presign_cmd(sig)
                .env("PRESIGN_SECRET_KEY", "not-the-secret")
                .args(["put", &target(&a)])
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
        };
        let unknown_key = {
            let out = f
                .presign_cmd(sig)
                .env("PRESIGN_ACCESS_KEY", "AKIAUNKNOWNKEY")
                .args(["put", &target(&a)])
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
        };
        // The expiring URL works while it is valid (re-uploading the same bytes) ...
        let expiring = f.presign(sig, &["put", "--expires", "3", &target(&a)]);
        assert_ok(
            &f.put(&expiring, &original, &[]),
            &format!("{sig} before expiry"),
        );
        // ... and not after. SigV2 counts whole seconds: wait past the time for sure.
        std::thread::sleep(std::time::Duration::from_millis(4200));

        for (case, url) in [
            ("one signature character changed", &tampered),
            ("URL for key A used for key B", &for_b),
            ("GET URL used for PUT", &get_a),
            ("signed with the wrong secret", &wrong_secret),
            ("unknown access key", &unknown_key),
            ("expired (--expires 3, then 4.2 s)", &expiring),
        ] {
            let reply = f.put(url, &attack, &[]);
            eprintln!("{sig}: {case} -> {} {}", reply.status, reply.code());
            assert_eq!(reply.status, 403, "{sig}: {case}: {}", reply.code());
            assert_eq!(
                f.stored(&a).as_deref(),
                Some(&b"original"[..]),
                "{sig}: {case} changed a"
            );
            assert_eq!(
                f.stored(&b).as_deref(),
                Some(&b"original"[..]),
                "{sig}: {case} changed b"
            );
        }
    }
}

/// Changes one character of the signature to another valid character.
fn tamper_signature(url: &str) -> String {
    let marker = if url.contains("X-Amz-Signature=") {
        "X-Amz-Signature="
    } else {
        "Signature="
    };
    let at = url.find(marker).unwrap() + marker.len();
    let mut bytes = url.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn session_token_is_carried_in_the_query() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("token-{sig}.txt");
        let url = f.presign(
            sig,
            &[
                "put",
                "--session-token",
                "FwoGZXIvYXdzE/token+=",
                &target(&key),
            ],
        );
        let param = if sig == "v4" {
            "X-Amz-Security-Token="
        } else {
            "x-amz-security-token="
        };
        assert!(
            url.contains(&format!("{param}FwoGZXIvYXdzE%2Ftoken%2B%3D")),
            "{url}"
        );
        let reply = f.put(&url, &f.file("tok", b"token"), &[]);
        eprintln!(
            "{sig}: URL with a session token -> {} {}",
            reply.status,
            reply.code()
        );
        if sig == "v4" {
            // s3s-fs has no temporary credentials: it checks the signature, which covers
            // the token, and accepts the URL.
            assert_ok(&reply, "v4 with session token");
        } else {
            // botocore (and presign, byte for byte: see the golden cases) put the token in
            // the SigV2 string to sign as `x-amz-security-token:...`, as S3 expects. s3s
            // 0.14.1 builds that part from request headers only, never from the query, so
            // it computes a different signature. This pins that known server gap; the
            // check that does catch a wrong SigV2 token signature is in
            // tests/agree/sigv2_oracle.rs (s3s verifies it there with the token sent as a header).
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (403, "SignatureDoesNotMatch")
            );
        }
    }
}

#[test]
fn shell_example_round_trips() {
    let Some(f) = Fixture::new(&["sh", "mktemp", "cmp", "wc"]) else {
        return;
    };
    let file = f.file(
        "example.txt",
        b"uploaded and downloaded by examples/upload-download.sh\n",
    );
    let out = Command::new("sh")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/upload-download.sh"
        ))
        .arg(target("from-the-example.txt"))
        .arg(&file)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", f.dir.path())
        .env("PRESIGN", cargo_bin("presign"))
        .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_SECRET_KEY", SECRET_KEY)
        .env("PRESIGN_ENDPOINT", f.server.endpoint())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("round trip ok"));
    assert_eq!(
        f.stored("from-the-example.txt"),
        Some(std::fs::read(&file).unwrap())
    );
}

/// `-H 'name: value'` for each header, as presign's note tells the client to send them.
fn header_args(headers: &[(&str, &str)]) -> Vec<String> {
    headers
        .iter()
        .flat_map(|(n, v)| ["-H".to_owned(), format!("{n}: {v}")])
        .collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn head_reports_the_object_and_delete_removes_it() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("head-delete-{sig}.bin");
        let bytes = vec![b'x'; 1234];
        let file = f.file("hd", &bytes);
        assert_ok(
            &f.put(&f.presign(sig, &["put", &target(&key)]), &file, &[]),
            "seed",
        );

        let head_url = f.presign(sig, &["head", &target(&key)]);
        let head = f.curl(&["--head"], &head_url);
        assert_ok(&head, &format!("{sig} HEAD"));
        assert_eq!(
            head.header("content-length").as_deref(),
            Some("1234"),
            "{sig}"
        );
        // A HEAD URL is good for HEAD only.
        assert_eq!(f.get(&head_url).status, 403, "{sig}: HEAD URL used for GET");

        let delete_url = f.presign(sig, &["delete", &target(&key)]);
        assert_eq!(f.curl(&["-X", "DELETE"], &head_url).status, 403, "{sig}");
        assert_eq!(f.stored(&key).as_deref(), Some(&bytes[..]), "{sig}");
        let deleted = f.curl(&["-X", "DELETE"], &delete_url);
        assert_eq!(deleted.status, 204, "{sig} DELETE: {}", deleted.code());
        assert_eq!(f.stored(&key), None, "{sig}: DELETE left the object");
        let after = f.curl(&["--head"], &head_url);
        assert_eq!(after.status, 404, "{sig}: HEAD after DELETE");
        eprintln!("{sig}: HEAD 200 (length 1234), DELETE 204, HEAD after DELETE 404");
    }
}

#[test]
fn download_as_sets_the_content_disposition() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    for sig in SIGNATURES {
        let key = format!("a1b2c3-{sig}");
        assert_ok(
            &f.put(
                &f.presign(sig, &["put", &target(&key)]),
                &f.file("d", b"pdf"),
                &[],
            ),
            "seed",
        );
        for (name, want) in [
            ("Q3 report.pdf", "attachment; filename=\"Q3 report.pdf\""),
            (
                "Bericht Q3 – März.pdf",
                "attachment; filename=\"Bericht Q3 _ M_rz.pdf\"; filename*=UTF-8''Bericht%20Q3%20%E2%80%93%20M%C3%A4rz.pdf",
            ),
        ] {
            let url = f.presign(sig, &["get", &target(&key), "--download-as", name]);
            let got = f.get(&url);
            assert_ok(&got, &format!("{sig} GET --download-as {name:?}"));
            assert_eq!(got.body, b"pdf");
            assert_eq!(
                got.header("content-disposition").as_deref(),
                Some(want),
                "{sig}"
            );
            // The override is signed: another one is refused.
            let other = url.replace("attachment", "inline");
            assert_eq!(f.get(&other).status, 403, "{sig}: changed disposition");
        }
        let url = f.presign(
            sig,
            &[
                "get",
                &target(&key),
                "--response-content-type",
                "application/pdf",
            ],
        );
        let got = f.get(&url);
        assert_eq!(
            got.header("content-type").as_deref(),
            Some("application/pdf")
        );
    }
}

#[test]
fn digests_pin_the_uploaded_bytes() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    let right = f.file("right.bin", b"the bytes that were announced\n");
    let wrong = f.file("wrong.bin", b"some other bytes of any length\n");
    let right_arg = format!("@{}", right.display());
    for sig in SIGNATURES {
        for (flag, header) in [
            ("--content-md5", "content-md5"),
            ("--checksum-sha256", "x-amz-checksum-sha256"),
            ("--checksum-crc32", "x-amz-checksum-crc32"),
            ("--checksum-crc32c", "x-amz-checksum-crc32c"),
            ("--checksum-sha1", "x-amz-checksum-sha1"),
        ] {
            let key = format!("digest-{sig}{flag}");
            let url = f.presign(sig, &["put", &target(&key), flag, &right_arg]);
            let out = f
                .presign_cmd(sig)
                .args(["put", &target(&key), flag, &right_arg])
                .output()
                .unwrap();
            // The note names the header and its value: take the value from there, as a
            // user would.
            let note = String::from_utf8(out.stderr).unwrap();
            let value = note
                .split(&format!("-H '{header}: "))
                .nth(1)
                .and_then(|s| s.split('\'').next())
                .unwrap_or_else(|| panic!("{sig} {flag}: no {header} in the note: {note}"))
                .to_owned();
            let h = header_args(&[(header, &value)]);

            let missing = f.put(&url, &right, &[]);
            assert_eq!(missing.status, 403, "{sig} {flag}: header left out");
            let other = f.put(&url, &wrong, &strs(&h));
            assert_eq!(
                other.status,
                400,
                "{sig} {flag}: other file: {}",
                other.code()
            );
            assert_eq!(other.code(), "BadDigest", "{sig} {flag}");
            // (s3s-fs writes the object before it compares the digest, so a refused
            // upload can still be on its disk: the 400 is the server's verdict.)
            assert_ok(&f.put(&url, &right, &strs(&h)), &format!("{sig} {flag}"));
            assert_eq!(f.stored(&key), Some(std::fs::read(&right).unwrap()));
            eprintln!(
                "{sig} {flag}: right file 200, other file 400 BadDigest, header left out 403"
            );
        }
    }
}

#[test]
fn metadata_comes_back_and_every_signed_header_is_required() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    let file = f.file("m", b"with metadata");
    for sig in SIGNATURES {
        let key = format!("meta-{sig}.txt");
        let url = f.presign(
            sig,
            &[
                "put",
                &target(&key),
                "--content-type",
                "text/plain",
                "--meta",
                "owner=ci",
                "--meta",
                "Build=812",
                "--acl",
                "private",
            ],
        );
        let headers = [
            ("content-type", "text/plain"),
            ("x-amz-meta-owner", "ci"),
            ("x-amz-meta-build", "812"),
            ("x-amz-acl", "private"),
        ];
        for left_out in 0..headers.len() {
            let some: Vec<_> = (0..headers.len())
                .filter(|&i| i != left_out)
                .map(|i| headers[i])
                .collect();
            let reply = f.put(&url, &file, &strs(&header_args(&some)));
            assert_eq!(reply.status, 403, "{sig}: {} left out", headers[left_out].0);
        }
        assert_eq!(f.stored(&key), None);
        assert_ok(
            &f.put(&url, &file, &strs(&header_args(&headers))),
            &format!("{sig} all headers"),
        );
        let head = f.curl(&["--head"], &f.presign(sig, &["head", &target(&key)]));
        assert_ok(&head, "HEAD");
        assert_eq!(
            head.header("x-amz-meta-owner").as_deref(),
            Some("ci"),
            "{sig}"
        );
        assert_eq!(
            head.header("x-amz-meta-build").as_deref(),
            Some("812"),
            "{sig}"
        );
        assert_eq!(head.header("content-type").as_deref(), Some("text/plain"));
    }
}

/// `multipart-upload.sh` through presigned URLs only, in SigV4 and SigV2 (chosen with a
/// profile file, as a user would), on a file of four parts: three of 5 MiB, the least S3
/// (and s3s-fs: `EntityTooSmall`) takes for any part but the last, and a short one. On
/// s3s-fs, and on radosgw, which refuses a PUT or POST without a length.
#[test]
fn multipart_example_uploads_in_parts() {
    let Some(f) = Fixture::new(&[
        "sh", "mktemp", "sed", "split", "ls", "wc", "tr", "cmp", "grep", "cat",
    ]) else {
        return;
    };
    let bytes: Vec<u8> = (0..(3 * 5 * 1024 * 1024 + 12345) as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let file = f.file("big.iso", &bytes);
    for sig in SIGNATURES {
        let key = format!("big-{sig}.iso");
        multipart_example(&f.server.endpoint(), f.dir.path(), &file, &key, sig);
        assert_eq!(f.stored(&key).as_deref(), Some(&bytes[..]), "{sig}");
    }
    let Some(rgw) = support::radosgw::Radosgw::start(&[BUCKET]) else {
        return;
    };
    for sig in SIGNATURES {
        // The script downloads the object again and compares it with the file.
        multipart_example(
            &rgw.endpoint(),
            f.dir.path(),
            &file,
            &format!("big-{sig}.iso"),
            sig,
        );
    }
}

/// Runs examples/multipart-upload.sh FILE BUCKET/KEY against `endpoint`, with 5 MiB parts
/// and `sig` set in a profile file; it must report 4 parts.
fn multipart_example(endpoint: &str, dir: &Path, file: &Path, key: &str, sig: &str) {
    let profile = dir.join(format!("profile-{sig}.toml"));
    std::fs::write(
        &profile,
        format!("[profiles.default]\nsignature = \"{sig}\"\n"),
    )
    .unwrap();
    let out = Command::new("sh")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/multipart-upload.sh"
        ))
        .arg(file)
        .arg(target(key))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("PRESIGN", cargo_bin("presign"))
        .env("PRESIGN_CONFIG", &profile)
        .env("PART_SIZE", "5242880")
        .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_SECRET_KEY", SECRET_KEY)
        .env("PRESIGN_ENDPOINT", endpoint)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{endpoint} {sig}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("multipart upload ok: 4 parts"),
        "{endpoint} {sig}: {stdout}"
    );
}

#[test]
fn abort_discards_the_upload() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    let part = f.file("part", b"part one");
    for sig in SIGNATURES {
        let key = format!("aborted-{sig}.bin");
        let create = f.curl(
            &["-X", "POST"],
            &f.presign(sig, &["multipart", "create", &target(&key)]),
        );
        assert_ok(&create, &format!("{sig} create"));
        let body = String::from_utf8_lossy(&create.body);
        let id = body
            .split("<UploadId>")
            .nth(1)
            .and_then(|s| s.split("</UploadId>").next())
            .unwrap_or_else(|| panic!("{sig}: no UploadId in {body}"))
            .to_owned();
        let urls = f.presign_lines(
            sig,
            &[
                "multipart",
                "part",
                &target(&key),
                "--upload-id",
                &id,
                "--parts",
                "2",
            ],
        );
        assert_eq!(urls.len(), 2, "{sig}: {urls:?}");
        assert!(urls[1].contains("partNumber=2&uploadId="), "{}", urls[1]);
        assert_ok(&f.put(&urls[0], &part, &[]), &format!("{sig} part 1"));
        let abort = f.presign(
            sig,
            &["multipart", "abort", &target(&key), "--upload-id", &id],
        );
        let aborted = f.curl(&["-X", "DELETE"], &abort);
        assert_eq!(aborted.status, 204, "{sig} abort: {}", aborted.code());
        // The upload is gone: s3s-fs answers a part for it with 403 AccessDenied (AWS says
        // 404 NoSuchUpload); either way not a signature error, and nothing is stored.
        let late = f.put(&urls[1], &part, &[]);
        assert!(
            matches!(late.status, 403 | 404) && late.code() != "SignatureDoesNotMatch",
            "{sig}: part after abort: {} {}",
            late.status,
            late.code()
        );
        let complete = f.presign(
            sig,
            &["multipart", "complete", &target(&key), "--upload-id", &id],
        );
        assert_ne!(
            f.curl(
                &[
                    "-X",
                    "POST",
                    "-H",
                    "Content-Type:",
                    "--data-binary",
                    "<CompleteMultipartUpload/>"
                ],
                &complete
            )
            .status,
            200,
            "{sig}: complete after abort"
        );
        assert_eq!(f.stored(&key), None, "{sig}");
        eprintln!(
            "{sig}: create 200, part 200, abort 204, part after abort {} {}",
            late.status,
            late.code()
        );
    }
}

/// The signing instant both runs of a comparison use, so their URLs are the same.
fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `-o json` lines parse and carry what `-o url` prints; `-o curl` lines, run by `sh` as
/// they are, upload, download, read and delete hard keys with signed headers.
#[test]
fn json_and_curl_outputs_work_as_printed() {
    let Some(f) = Fixture::new(&["sh"]) else {
        return;
    };
    let body = b"uploaded by a printed curl line\n";
    let file = f.file("source.txt", body);
    let at = now_rfc3339();
    for sig in SIGNATURES {
        let keys = [
            format!("{sig}/it's \"quoted\" $HOME `x` !bang.txt"),
            format!("{sig}/space name.txt"),
            format!("{sig}/\u{fc}n\u{ef}/\u{65e5}\u{672c}.txt"),
        ];
        let targets: Vec<String> = keys.iter().map(|k| target(k)).collect();
        let signed = ["--content-type", "text/plain", "--meta", "owner=ci"];
        let mut put: Vec<&str> = vec!["put", "--at", &at];
        put.extend(signed);
        put.extend(targets.iter().map(String::as_str));

        let urls = f.presign_lines(sig, &put);
        let mut json_args = put.clone();
        json_args.extend(["-o", "json"]);
        let lines = f.presign_lines(sig, &json_args);
        assert_eq!(lines.len(), keys.len());
        for ((line, url), key) in lines.iter().zip(&urls).zip(&keys) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["url"], url.as_str(), "{sig}: json url = url output");
            assert_eq!(v["method"], "PUT");
            assert_eq!(v["bucket"], BUCKET);
            assert_eq!(v["key"], key.as_str());
            assert_eq!(v["headers"]["content-type"], "text/plain");
            assert_eq!(v["headers"]["x-amz-meta-owner"], "ci");
            let expires = v["expires_at"].as_str().unwrap();
            assert!(expires.len() == 20 && expires.ends_with('Z'), "{expires}");
        }

        // Upload: each printed line, run as it is.
        let mut curl_args = put.clone();
        curl_args.extend(["-o", "curl", "--file", file.to_str().unwrap()]);
        for line in f.presign_lines(sig, &curl_args) {
            let out = Command::new("sh").arg("-c").arg(&line).output().unwrap();
            assert!(
                out.status.success(),
                "{sig}: {line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for key in &keys {
            if !key.contains("/.") {
                assert_eq!(f.stored(key).as_deref(), Some(&body[..]), "{sig} {key:?}");
            }
        }
        // Download into the key's last segment, in a folder of its own.
        let downloads = tempfile::tempdir().unwrap();
        let mut get: Vec<&str> = vec!["get", "-o", "curl"];
        get.extend(targets.iter().map(String::as_str));
        for line in f.presign_lines(sig, &get) {
            let out = Command::new("sh")
                .arg("-c")
                .arg(&line)
                .current_dir(downloads.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{sig}: {line}");
        }
        for key in &keys {
            let name = key.rsplit('/').next().unwrap();
            assert_eq!(
                std::fs::read(downloads.path().join(name)).unwrap(),
                body,
                "{sig} {name:?}"
            );
        }
        // HEAD and DELETE lines.
        let mut head: Vec<&str> = vec!["head", "-o", "curl"];
        head.extend(targets.iter().map(String::as_str));
        for line in f.presign_lines(sig, &head) {
            let out = Command::new("sh").arg("-c").arg(&line).output().unwrap();
            assert!(out.status.success(), "{sig}: {line}");
            assert!(String::from_utf8_lossy(&out.stdout).contains("x-amz-meta-owner: ci"));
        }
        let mut delete: Vec<&str> = vec!["delete", "-o", "curl"];
        delete.extend(targets.iter().map(String::as_str));
        for line in f.presign_lines(sig, &delete) {
            let out = Command::new("sh").arg("-c").arg(&line).output().unwrap();
            assert!(out.status.success(), "{sig}: {line}");
        }
        for key in &keys {
            assert_eq!(f.stored(key), None, "{sig}: {key:?} deleted");
        }
        eprintln!(
            "{sig}: -o json = -o url; -o curl put/get/head/delete ran for {} hard keys",
            keys.len()
        );
    }
}

/// `presign verify`'s verdict is the server's: valid where it answers 200, invalid where
/// it answers 403 (tampered, another secret, expired).
#[test]
fn verify_agrees_with_the_server() {
    let Some(f) = Fixture::new(&[]) else {
        return;
    };
    let file = f.file("v", b"verified");
    let verify = |sig: &str, url: &str| -> (i32, String) {
        let out = f.presign_cmd(sig).args(["verify", url]).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    for sig in SIGNATURES {
        let key = format!("verified-{sig}.txt");
        let put = f.presign(sig, &["put", &target(&key)]);
        assert_eq!(verify(sig, &put).0, 0, "{sig}: {}", verify(sig, &put).1);
        assert_ok(&f.put(&put, &file, &[]), "put");
        let get = f.presign(sig, &["get", &target(&key)]);
        let expiring = f.presign(sig, &["get", "--expires", "2", &target(&key)]);
        let wrong_secret = {
            let out = f
                .presign_cmd(sig)
                .env("PRESIGN_SECRET_KEY", "not-the-secret")
                .args(["get", &target(&key)])
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
        };
        let cases = vec![
            ("valid", get.clone(), 200, 0),
            ("signature changed", tamper_signature(&get), 403, 3),
            (
                "other key in the path",
                get.replacen(&key, "verified-other.txt", 1),
                403,
                3,
            ),
            ("another secret", wrong_secret, 403, 3),
        ];
        for (case, url, status, code) in &cases {
            let reply = f.get(url);
            let (exit, says) = verify(sig, url);
            eprintln!(
                "{sig}: {case}: server {} {}, verify exit {exit}: {}",
                reply.status,
                reply.code(),
                says.trim()
            );
            assert_eq!(
                (reply.status, exit),
                (*status, *code),
                "{sig}: {case}: {says}"
            );
        }
        assert_eq!(f.get(&expiring).status, 200);
        assert_eq!(verify(sig, &expiring).0, 0);
        std::thread::sleep(std::time::Duration::from_millis(3200));
        let reply = f.get(&expiring);
        let (exit, says) = verify(sig, &expiring);
        eprintln!(
            "{sig}: expired: server {} {}, verify exit {exit}: {}",
            reply.status,
            reply.code(),
            says.trim()
        );
        assert_eq!((reply.status, exit), (403, 3), "{sig}: {says}");
        assert!(says.contains("expired"), "{says}");
    }
}
