//! End to end for `presign post`: the real binary signs a POST policy, curl posts the form
//! as multipart/form-data, and a real S3 server on 127.0.0.1 (s3s-fs, which checks the
//! signature, the expiry and every condition) stores the file or refuses it — SigV4 and
//! SigV2 alike. s3s-fs accepts a SigV4 form only within 15 minutes of its x-amz-date, so
//! these tests sign at the current time.

use crate::support;

use assert_cmd::cargo::cargo_bin;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};
use tempfile::TempDir;

const BUCKET: &str = "post-bucket";
const SIGNATURES: [&str; 2] = ["v4", "v2"];

struct Fixture {
    server: S3Server,
    dir: TempDir,
}

/// What the server answered.
struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn code(&self) -> &str {
        self.body
            .split("<Code>")
            .nth(1)
            .and_then(|s| s.split("</Code>").next())
            .unwrap_or("")
    }
}

/// A signed form as `-o json` prints it.
struct Form {
    url: String,
    fields: Vec<(String, String)>,
}

impl Form {
    fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.fields.push((name.to_owned(), value.to_owned())),
        }
    }

    fn get(&self, name: &str) -> &str {
        &self.fields.iter().find(|(n, _)| n == name).unwrap().1
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

    fn presign_cmd(&self, signature: &str) -> Command {
        let mut cmd = Command::new(cargo_bin("presign"));
        cmd.env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
            .env("PRESIGN_SECRET_KEY", SECRET_KEY)
            .env("PRESIGN_ENDPOINT", self.server.endpoint())
            .current_dir(self.dir.path())
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
        String::from_utf8(out.stdout).unwrap()
    }

    /// `presign post ARGS -o json`, parsed.
    fn form(&self, signature: &str, args: &[&str]) -> Form {
        let mut all = vec!["post"];
        all.extend_from_slice(args);
        let text = self.presign(signature, &all);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        Form {
            url: json["url"].as_str().unwrap().to_owned(),
            fields: json["fields"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
        }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Posts the form's fields, then the file, as a browser does.
    fn post(&self, form: &Form, file: &Path) -> Reply {
        let mut cmd = Command::new("curl");
        cmd.args(["--silent", "--show-error", "--write-out", "\n%{http_code}"]);
        for (name, value) in &form.fields {
            cmd.arg("--form-string").arg(format!("{name}={value}"));
        }
        cmd.arg("-F")
            .arg(format!("file=@{}", file.display()))
            .arg(&form.url);
        let out = cmd
            .output()
            .expect("curl is installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "curl: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let (body, status) = text.rsplit_once('\n').unwrap();
        Reply {
            status: status.parse().unwrap(),
            body: body.to_owned(),
        }
    }

    fn stored(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.server.object_path(BUCKET, key)).ok()
    }

    /// Runs a curl line presign printed, with sh, in the fixture's folder.
    fn sh(&self, line: &str, env: &[(&str, &str)]) -> std::process::Output {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(line)
            .current_dir(self.dir.path())
            .envs(env.iter().copied());
        cmd.output().unwrap()
    }
}

/// Asserts a refusal: a 4xx, the S3 code expected, and nothing stored under `key`.
fn assert_refused(fx: &Fixture, reply: &Reply, code: &str, key: &str, what: &str) {
    assert!(
        (400..500).contains(&reply.status) && reply.code() == code,
        "{what}: expected a refusal with {code}, got {} {}",
        reply.status,
        reply.body
    );
    assert_eq!(fx.stored(key), None, "{what}: {key} was stored");
}

#[test]
fn the_curl_line_uploads_the_file_byte_for_byte() {
    let Some(fx) = Fixture::new(&["sh"]) else {
        return;
    };
    for sig in SIGNATURES {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
        fx.file("report.csv", &bytes);
        let key = format!("inbox-{sig}/report.csv");
        let line = fx.presign(
            sig,
            &[
                "post",
                &format!("{BUCKET}/{key}"),
                "--max-size",
                "5MB",
                "-o",
                "curl",
            ],
        );
        assert!(
            line.starts_with("curl --fail ") && line.ends_with('\n'),
            "{line}"
        );
        assert!(line.contains(" -F file=@report.csv "), "{line}");
        let out = fx.sh(&line, &[]);
        assert!(
            out.status.success(),
            "{sig}: {line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(fx.stored(&key).as_deref(), Some(&bytes[..]), "{sig}");
    }
}

/// `${filename}` keys: the curl line names the file, so the key comes out right even on
/// servers (s3s) that do not fill in `${filename}`; hard names survive sh and curl.
#[test]
fn filename_keys_with_hard_names_and_a_content_type_prefix() {
    let Some(fx) = Fixture::new(&["sh"]) else {
        return;
    };
    for sig in SIGNATURES {
        let name = format!("it's a;b, \"c\" $HOME {sig}.png");
        fx.file(&name, b"\x89PNG fake");
        let line = fx.presign(
            sig,
            &[
                "post",
                &format!("{BUCKET}/shots/${{filename}}"),
                "--content-type-prefix",
                "image/",
                "--file",
                &name,
                "-o",
                "curl",
            ],
        );
        // Without CONTENT_TYPE the shell stops, and says why.
        let out = fx.sh(&line, &[]);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("CONTENT_TYPE"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = fx.sh(&line, &[("CONTENT_TYPE", "text/plain")]);
        assert!(!out.status.success(), "{sig}: a text/plain upload got in");
        let key = format!("shots/{name}");
        assert_eq!(fx.stored(&key), None);
        let out = fx.sh(&line, &[("CONTENT_TYPE", "image/png")]);
        assert!(
            out.status.success(),
            "{sig}: {line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(fx.stored(&key).as_deref(), Some(&b"\x89PNG fake"[..]));
    }
}

#[test]
fn success_status_and_redirect() {
    let Some(fx) = Fixture::new(&[]) else {
        return;
    };
    let file = fx.file("a.txt", b"hello");
    for sig in SIGNATURES {
        for (status, expect) in [(None, 204), (Some("201"), 201), (Some("200"), 200)] {
            let key = format!("{sig}/status-{expect}.txt");
            let target = format!("{BUCKET}/{key}");
            let mut args = vec![target.as_str()];
            if let Some(s) = status {
                args.extend(["--success-status", s]);
            }
            let reply = fx.post(&fx.form(sig, &args), &file);
            assert_eq!(reply.status, expect, "{sig} {status:?}: {}", reply.body);
            if expect == 201 {
                assert!(
                    reply.body.contains(&format!("<Key>{key}</Key>")),
                    "{}",
                    reply.body
                );
            }
            assert_eq!(fx.stored(&key).as_deref(), Some(&b"hello"[..]));
        }
        let target = format!("{BUCKET}/{sig}/redirected.txt");
        let form = fx.form(sig, &[&target, "--redirect", "https://example.com/done"]);
        let reply = fx.post(&form, &file);
        assert_eq!(reply.status, 303, "{sig}: {}", reply.body);
    }
}

#[test]
fn sizes_outside_the_range_are_refused() {
    let Some(fx) = Fixture::new(&[]) else {
        return;
    };
    let small = fx.file("small.bin", &[7; 99]);
    let exact = fx.file("exact.bin", &[7; 100]);
    let top = fx.file("top.bin", &[7; 1024]);
    let big = fx.file("big.bin", &[7; 1025]);
    for sig in SIGNATURES {
        let key = format!("{sig}/sized.bin");
        let target = format!("{BUCKET}/{key}");
        let form = fx.form(sig, &[&target, "--min-size", "100", "--max-size", "1KiB"]);
        let reply = fx.post(&form, &big);
        assert_refused(&fx, &reply, "EntityTooLarge", &key, "1025 bytes");
        let reply = fx.post(&form, &small);
        assert_refused(&fx, &reply, "EntityTooSmall", &key, "99 bytes");
        for file in [&exact, &top] {
            let reply = fx.post(&form, file);
            assert_eq!(reply.status, 204, "{sig}: {}", reply.body);
            assert_eq!(fx.stored(&key), Some(std::fs::read(file).unwrap()));
        }
    }
}

#[test]
fn wrong_content_type_and_keys_outside_the_prefix_are_refused() {
    let Some(fx) = Fixture::new(&[]) else {
        return;
    };
    let file = fx.file("photo.png", b"not really a png");
    for sig in SIGNATURES {
        // Exact type: it is among the fields; any other value is refused.
        let key = format!("{sig}/exact.png");
        let mut form = fx.form(
            sig,
            &[&format!("{BUCKET}/{key}"), "--content-type", "image/png"],
        );
        assert_eq!(form.get("Content-Type"), "image/png");
        form.set("Content-Type", "text/html");
        let reply = fx.post(&form, &file);
        assert_refused(
            &fx,
            &reply,
            "InvalidPolicyDocument",
            &key,
            "wrong exact type",
        );
        form.set("Content-Type", "image/png");
        assert_eq!(fx.post(&form, &file).status, 204);

        // A prefix: the uploader adds the field.
        let key = format!("{sig}/uploads/photo.png");
        let mut form = fx.form(
            sig,
            &[
                &format!("{BUCKET}/{sig}/uploads/${{filename}}"),
                "--content-type-prefix",
                "image/",
            ],
        );
        form.set("key", &key);
        form.set("Content-Type", "application/pdf");
        let reply = fx.post(&form, &file);
        assert_refused(
            &fx,
            &reply,
            "InvalidPolicyDocument",
            &key,
            "type outside the prefix",
        );

        // A key outside the prefix.
        form.set("Content-Type", "image/png");
        form.set("key", &format!("{sig}/elsewhere/photo.png"));
        let reply = fx.post(&form, &file);
        assert_refused(
            &fx,
            &reply,
            "InvalidPolicyDocument",
            &format!("{sig}/elsewhere/photo.png"),
            "key outside the prefix",
        );
        form.set("key", &key);
        let reply = fx.post(&form, &file);
        assert_eq!(reply.status, 204, "{sig}: {}", reply.body);
        assert_eq!(fx.stored(&key).as_deref(), Some(&b"not really a png"[..]));
    }
}

#[test]
fn changed_policies_signatures_and_expired_forms_are_refused() {
    let Some(fx) = Fixture::new(&[]) else {
        return;
    };
    let file = fx.file("f.txt", b"payload");
    for sig in SIGNATURES {
        let key = format!("{sig}/guarded.txt");
        let target = format!("{BUCKET}/{key}");
        let form = fx.form(sig, &[&target, "--max-size", "10"]);

        // Widen the size range in the policy, keep the signature.
        let mut changed = Form {
            url: form.url.clone(),
            fields: form.fields.clone(),
        };
        let policy = String::from_utf8(STANDARD.decode(form.get("policy")).unwrap()).unwrap();
        let wider = policy.replace("0, 10]", "0, 1000000]");
        assert_ne!(wider, policy);
        changed.set("policy", &STANDARD.encode(wider));
        let reply = fx.post(&changed, &file);
        assert_refused(&fx, &reply, "SignatureDoesNotMatch", &key, "changed policy");

        // Change one character of the signature.
        let sig_field = if sig == "v4" {
            "x-amz-signature"
        } else {
            "signature"
        };
        let mut changed = Form {
            url: form.url.clone(),
            fields: form.fields.clone(),
        };
        let s = form.get(sig_field);
        let flipped = if s.starts_with('a') { "b" } else { "a" };
        changed.set(sig_field, &format!("{flipped}{}", &s[1..]));
        let reply = fx.post(&changed, &file);
        assert_refused(
            &fx,
            &reply,
            "SignatureDoesNotMatch",
            &key,
            "changed signature",
        );

        // A field the policy does not cover: botocore's trap, refused by the server.
        let mut changed = Form {
            url: form.url.clone(),
            fields: form.fields.clone(),
        };
        changed.set("Cache-Control", "max-age=60");
        let reply = fx.post(&changed, &file);
        assert_refused(&fx, &reply, "AccessDenied", &key, "uncovered field");

        // The untouched form works.
        assert_eq!(fx.post(&form, &file).status, 204);

        // Expired: signed 10 minutes ago (within s3s's 15-minute SigV4 clock window),
        // valid for 1 minute.
        let at = (chrono::Utc::now() - chrono::Duration::minutes(10))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let key = format!("{sig}/expired.txt");
        let old = fx.form(
            sig,
            &[&format!("{BUCKET}/{key}"), "--at", &at, "--expires", "60"],
        );
        let reply = fx.post(&old, &file);
        assert!(
            reply.status == 403 && reply.body.to_lowercase().contains("expired"),
            "{sig}: {} {}",
            reply.status,
            reply.body
        );
        assert_eq!(fx.stored(&key), None);
    }
}

/// `--field` and `--meta` add their conditions, so the server takes them; metadata comes
/// back on HEAD through a presigned URL.
#[test]
fn fields_and_metadata_are_covered() {
    let Some(fx) = Fixture::new(&[]) else {
        return;
    };
    let file = fx.file("m.txt", b"meta");
    for sig in SIGNATURES {
        let key = format!("{sig}/meta.txt");
        let target = format!("{BUCKET}/{key}");
        let form = fx.form(
            sig,
            &[
                &target,
                "--meta",
                "Owner=ci",
                "--field",
                "Cache-Control=max-age=60",
                "--field",
                "x-ignore-note=@not-a-file;type=x",
                "--acl",
                "private",
            ],
        );
        let reply = fx.post(&form, &file);
        assert_eq!(reply.status, 204, "{sig}: {}", reply.body);
        let url = fx.presign(sig, &["head", &target]);
        let out = Command::new("curl")
            .args(["--silent", "--fail", "--head", url.trim()])
            .output()
            .unwrap();
        let headers = String::from_utf8_lossy(&out.stdout).to_lowercase();
        assert!(headers.contains("x-amz-meta-owner: ci"), "{headers}");
    }
}
