//! End to end: the real `presign` binary signs, curl sends, and a real S3 server on
//! 127.0.0.1 (s3s-fs, which verifies signatures) accepts good URLs and rejects forged,
//! misused and expired ones — for SigV4 and SigV2 alike.

mod support;

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

/// What the server answered: status and body.
struct Reply {
    status: u16,
    body: Vec<u8>,
}

impl Reply {
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
    fn new() -> Self {
        Fixture {
            server: S3Server::start(&[BUCKET]),
            dir: tempfile::tempdir().unwrap(),
        }
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

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn curl(&self, args: &[&str], url: &str) -> Reply {
        let body = self.dir.path().join("curl-body");
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
        Reply { status, body }
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
    let f = Fixture::new();
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
            // it computes a different signature. This pins that known server gap.
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (403, "SignatureDoesNotMatch")
            );
        }
    }
}

#[test]
fn shell_example_round_trips() {
    let f = Fixture::new();
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
