//! Issue 17 on a second S3 server: moto 5.2.5's server (PyPI `moto[server]`), which,
//! unlike s3s-fs, applies x-amz-* headers given in the query (`--in-url`), checks
//! If-None-Match on writes and stores SSE-C objects. moto does not verify signatures, so
//! the signature side of these URLs is tested on s3s-fs (`request.rs`).
//!
//! The server is `$PRESIGN_MOTO_SERVER`, else `moto_server` on PATH (`.ci/run` installs
//! it in target/moto-venv and sets the variable); without it the tests skip, and fail
//! under CI.

use crate::support::curl;
use crate::support::programs;

use assert_cmd::cargo::cargo_bin;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

const BUCKET: &str = "moto-bucket";

struct Moto {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto_server() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PRESIGN_MOTO_SERVER") {
        return Some(PathBuf::from(p));
    }
    if programs::have(&["moto_server"]) {
        programs::find("moto_server")
    } else {
        None
    }
}

impl Moto {
    fn start() -> Option<Self> {
        if !programs::have(&["curl"]) {
            return None;
        }
        let server = moto_server()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let moto = Moto {
            child,
            port,
            dir: tempfile::tempdir().unwrap(),
        };
        // Up to 20 s for the server to answer; then the bucket (moto takes any request).
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let (status, _, _) = moto.curl(&["-X", "PUT"], &format!("{}/{BUCKET}", moto.endpoint()));
        assert_eq!(status, 200, "moto creates the bucket");
        Some(moto)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn presign(&self, args: &[&str]) -> String {
        let out = Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PRESIGN_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
            .env(
                "PRESIGN_SECRET_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )
            .env("PRESIGN_ENDPOINT", self.endpoint())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
    }

    /// (status, response headers, body).
    fn curl(&self, args: &[&str], url: &str) -> (u16, String, Vec<u8>) {
        let r = curl::curl(self.dir.path(), args, url);
        (r.status, r.headers, r.body)
    }

    fn file(&self, bytes: &[u8]) -> String {
        let p = self.dir.path().join("upload");
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_owned()
    }
}

fn header(headers: &str, name: &str) -> Option<String> {
    curl::Reply {
        status: 0,
        headers: headers.to_owned(),
        body: Vec::new(),
    }
    .header(name)
}

#[test]
fn in_url_metadata_comes_back_on_head_after_a_bare_upload() {
    let Some(m) = Moto::start() else { return };
    let url = m.presign(&[
        "put",
        &format!("{BUCKET}/hoisted.txt"),
        "--meta",
        "owner=ci",
        "--meta",
        "Build=812",
        "--in-url",
    ]);
    let file = m.file(b"no headers needed");
    let (status, _, _) = m.curl(&["--upload-file", &file], &url);
    assert_eq!(status, 200);
    let (status, headers, _) = m.curl(
        &["--head"],
        &m.presign(&["head", &format!("{BUCKET}/hoisted.txt")]),
    );
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "x-amz-meta-owner").as_deref(),
        Some("ci"),
        "{headers}"
    );
    assert_eq!(
        header(&headers, "x-amz-meta-build").as_deref(),
        Some("812"),
        "{headers}"
    );
}

#[test]
fn if_none_match_creates_once_and_refuses_the_second_upload() {
    let Some(m) = Moto::start() else { return };
    let url = m.presign(&["put", &format!("{BUCKET}/once.txt"), "--if-none-match", "*"]);
    let first = m.file(b"first");
    assert_eq!(
        m.curl(&["-H", "If-None-Match: *", "--upload-file", &first], &url)
            .0,
        200
    );
    let second = m.file(b"second");
    assert_eq!(
        m.curl(&["-H", "If-None-Match: *", "--upload-file", &second], &url)
            .0,
        412
    );
    let (_, _, body) = m.curl(&[], &m.presign(&["get", &format!("{BUCKET}/once.txt")]));
    assert_eq!(body, b"first");
}

#[test]
fn sse_c_round_trips_with_the_printed_curl_lines() {
    let Some(m) = Moto::start() else { return };
    let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    // -o json carries the three headers the holder must send.
    let json = m.presign(&[
        "put",
        &format!("{BUCKET}/ssec.bin"),
        "--sse-c-key",
        key,
        "-o",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut args = Vec::new();
    for (n, val) in v["headers"].as_object().unwrap() {
        args.push("-H".to_owned());
        args.push(format!("{n}: {}", val.as_str().unwrap()));
    }
    let file = m.file(b"customer-keyed bytes");
    let mut put = args.clone();
    put.extend(["--upload-file".to_owned(), file]);
    let put: Vec<&str> = put.iter().map(String::as_str).collect();
    let (status, _, _) = m.curl(&put, v["url"].as_str().unwrap());
    assert_eq!(status, 200);
    let get = m.presign(&["get", &format!("{BUCKET}/ssec.bin"), "--sse-c-key", key]);
    let get_args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, _, body) = m.curl(&get_args, &get);
    assert_eq!(status, 200);
    assert_eq!(body, b"customer-keyed bytes");
}

#[test]
fn copy_and_list_work_on_moto_too() {
    let Some(m) = Moto::start() else { return };
    for key in ["docs/a.txt", "docs/b.txt", "else/c.txt"] {
        let file = m.file(key.as_bytes());
        assert_eq!(
            m.curl(
                &["--upload-file", &file],
                &m.presign(&["put", &format!("{BUCKET}/{key}")])
            )
            .0,
            200
        );
    }
    let url = m.presign(&[
        "copy",
        &format!("{BUCKET}/docs/a.txt"),
        &format!("{BUCKET}/copied.txt"),
    ]);
    let src = format!("x-amz-copy-source: {BUCKET}/docs/a.txt");
    assert_eq!(m.curl(&["-X", "PUT", "-H", &src], &url).0, 200);
    let (_, _, body) = m.curl(&[], &m.presign(&["get", &format!("{BUCKET}/copied.txt")]));
    assert_eq!(body, b"docs/a.txt");
    let (status, _, xml) = m.curl(&[], &m.presign(&["list", &format!("{BUCKET}/docs/")]));
    assert_eq!(status, 200);
    let xml = String::from_utf8(xml).unwrap();
    assert!(
        xml.contains("docs/a.txt") && xml.contains("docs/b.txt"),
        "{xml}"
    );
    assert!(!xml.contains("else/") && !xml.contains("copied"), "{xml}");
}

/// An outside review: the README said `--in-url` moves the storage class to where
/// "servers also read" it. moto 5.2.5 does not: a hoisted `x-amz-storage-class` is signed
/// and accepted but not applied, while the header form is. The server table (docs/guide.md) says
/// so; this test notices if moto changes.
#[test]
fn in_url_storage_class_is_accepted_but_not_applied_by_moto() {
    let Some(m) = Moto::start() else { return };
    let file = m.file(b"cold");
    let key = |k: &str| format!("{BUCKET}/{k}");
    let hoisted = m.presign(&[
        "put",
        &key("hoisted-class"),
        "--storage-class",
        "STANDARD_IA",
        "--in-url",
    ]);
    assert!(
        hoisted.contains("x-amz-storage-class=STANDARD_IA"),
        "{hoisted}"
    );
    let (status, _, _) = m.curl(&["--upload-file", &file], &hoisted);
    assert_eq!(status, 200);
    let header_form = m.presign(&[
        "put",
        &key("header-class"),
        "--storage-class",
        "STANDARD_IA",
    ]);
    let (status, _, _) = m.curl(
        &[
            "--upload-file",
            &file,
            "-H",
            "x-amz-storage-class: STANDARD_IA",
        ],
        &header_form,
    );
    assert_eq!(status, 200);
    let class = |k: &str| {
        let (status, headers, _) = m.curl(&["--head"], &m.presign(&["head", &key(k)]));
        assert_eq!(status, 200);
        header(&headers, "x-amz-storage-class")
    };
    assert_eq!(class("header-class").as_deref(), Some("STANDARD_IA"));
    assert_eq!(
        class("hoisted-class"),
        None,
        "moto now applies a hoisted storage class: update the server table of docs/guide.md"
    );
}
