//! A real browser uses the page `presign post -o html` writes: headless Chromium opens it
//! from `file://`, a file is picked, the Upload button is clicked, and s3s-fs on
//! 127.0.0.1 must hold the file byte for byte; a file over the limit must be refused.
//!
//! Chromium is driven through the DevTools protocol over one websocket (tungstenite):
//! `DOM.setFileInputFiles` picks the file as a user would, and `Page.captureScreenshot`
//! keeps a picture of the page (`target/post-upload-page.png`; with
//! `UPDATE_SCREENSHOT=1`, also `docs/post-upload-page.png`).
//!
//! Without Chromium, or curl (which reads DevTools' list of pages), the test says why and
//! passes, except under CI (`CI` set), where `.ci/run` installs both and their absence is a
//! failure.

use crate::support;

use assert_cmd::cargo::cargo_bin;
use serde_json::{Value, json};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

const BUCKET: &str = "browser-bucket";

/// The browser to drive, when it and curl (which reads DevTools' list of pages) are
/// installed; else the test is skipped, or fails under CI (`support/programs.rs`).
fn chromium() -> Option<PathBuf> {
    if !support::programs::have(&["curl"]) {
        return None;
    }
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let found = names.iter().find_map(|name| support::programs::find(name));
    if found.is_none() {
        support::programs::skip(
            "this test needs chromium (not on PATH, nor CHROMIUM set); install Debian's chromium to run it (under CI it fails)",
        );
    }
    found
}

/// A headless Chromium and a DevTools connection to its one page.
struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path, url: &str) -> Self {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                // Chromium refuses to run as root with its sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--window-size=900,760",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        // Chromium writes its DevTools port to the profile once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let port = wait_for("DevToolsActivePort", Duration::from_secs(60), || {
            std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|t| t.lines().next()?.parse::<u16>().ok())
        });
        let page_ws = wait_for("the page target", Duration::from_secs(30), || {
            let out = Command::new("curl")
                .args(["--silent", &format!("http://127.0.0.1:{port}/json/list")])
                .output()
                .ok()?;
            let targets: Value = serde_json::from_slice(&out.stdout).ok()?;
            targets
                .as_array()?
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_owned))
        });
        let (ws, _) = tungstenite::connect(page_ws.as_str()).expect("DevTools websocket");
        Browser {
            child,
            ws,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends one DevTools command and returns its result (events in between are skipped).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"id": id, "method": method, "params": params});
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.ws.read().expect("DevTools answer");
            let Message::Text(text) = reply else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        r["result"]["value"].clone()
    }

    /// Waits until the server's answer (not the page itself) is shown and has `needle`.
    fn wait_for_answer(&mut self, needle: &str) -> String {
        self.wait_for("location.protocol === 'http:' && document.readyState === 'complete' ? document.documentElement.textContent : ''", needle)
    }

    /// Waits until the page from `file://` is loaded and shows `needle`.
    fn wait_for_page(&mut self, needle: &str) -> String {
        self.wait_for("location.protocol === 'file:' && document.readyState === 'complete' ? document.documentElement.textContent : ''", needle)
    }

    fn wait_for(&mut self, expression: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self
                .eval(expression)
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the page never showed {needle:?}: {text}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn pick_file(&mut self, path: &Path) {
        let doc = self.call("DOM.getDocument", json!({}));
        let node = self.call(
            "DOM.querySelector",
            json!({"nodeId": doc["root"]["nodeId"], "selector": "input[type=file]"}),
        );
        self.call(
            "DOM.setFileInputFiles",
            json!({"nodeId": node["nodeId"], "files": [path.to_str().unwrap()]}),
        );
    }

    fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for_page("Upload");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Writes `presign post ARGS -o html` to `page` (signed now, for this server).
fn write_page(server: &S3Server, dir: &Path, page: &Path, args: &[&str]) {
    let out = Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", dir)
        .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_SECRET_KEY", SECRET_KEY)
        .env("PRESIGN_ENDPOINT", server.endpoint())
        .arg("post")
        .args(args)
        .args(["-o", "html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(page, out.stdout).unwrap();
}

#[test]
fn a_browser_uploads_through_the_page_and_too_large_files_are_refused() {
    let Some(binary) = chromium() else {
        return;
    };
    let server = S3Server::start(&[BUCKET]);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("upload.html");
    write_page(
        &server,
        dir.path(),
        &page,
        &[
            &format!("{BUCKET}/uploads/${{filename}}"),
            "--max-size",
            "20KiB",
            "--content-type-prefix",
            "image/",
            "--expires",
            "1h",
        ],
    );
    let page_url = format!("file://{}", page.display());
    let photo: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let photo_path = dir.path().join("holiday photo.png");
    std::fs::write(&photo_path, &photo).unwrap();
    let big_path = dir.path().join("too big.png");
    std::fs::write(&big_path, vec![1u8; 20 * 1024 + 1]).unwrap();

    let mut browser = Browser::launch(&binary, &page_url);
    browser.wait_for_page("Upload");
    let facts = browser.eval("document.querySelector('dl').textContent");
    let facts = facts.as_str().unwrap();
    assert!(facts.contains("20 KiB (20480 bytes)"), "{facts}");
    assert!(facts.contains("image/"), "{facts}");

    // Pick the file as a user would: the page fills in the type and the key.
    browser.pick_file(&photo_path);
    assert_eq!(
        browser.eval("document.getElementById('content-type').value"),
        "image/png"
    );
    assert_eq!(
        browser.eval("document.querySelector('input[name=key]').value"),
        "uploads/holiday photo.png"
    );
    let shot = browser.call("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        shot["data"].as_str().unwrap(),
    )
    .unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 5000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(root.join("target/post-upload-page.png"), &png).unwrap();
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root.join("docs/post-upload-page.png"), &png).unwrap();
    }

    browser.eval("document.querySelector('button[type=submit]').click()");
    // The page asks for 201, so the browser shows the server's answer.
    browser.wait_for_answer("uploads/holiday photo.png");
    let stored = server.object_path(BUCKET, "uploads/holiday photo.png");
    assert_eq!(std::fs::read(&stored).unwrap(), photo);

    // A file over the limit: the page warns, the server refuses.
    browser.open(&page_url);
    browser.pick_file(&big_path);
    let warning = browser.eval("document.getElementById('check').textContent");
    assert!(
        warning.as_str().unwrap().contains("larger than the limit"),
        "{warning}"
    );
    browser.eval("document.querySelector('button[type=submit]').click()");
    browser.wait_for_answer("EntityTooLarge");
    assert!(!server.object_path(BUCKET, "uploads/too big.png").exists());
}

/// With JavaScript off the page still reads and uploads: the uploader types the type.
#[test]
fn the_page_works_without_javascript() {
    let Some(binary) = chromium() else {
        return;
    };
    let server = S3Server::start(&[BUCKET]);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("upload.html");
    write_page(
        &server,
        dir.path(),
        &page,
        &[&format!("{BUCKET}/inbox/report.csv"), "--max-size", "5MB"],
    );
    let report = b"a,b\n1,2\n".to_vec();
    let report_path = dir.path().join("report.csv");
    std::fs::write(&report_path, &report).unwrap();

    let mut browser = Browser::launch(&binary, "about:blank");
    browser.call(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    browser.open(&format!("file://{}", page.display()));
    browser.pick_file(&report_path);
    // No script runs; clicking goes through the DevTools input events.
    let doc = browser.call("DOM.getDocument", json!({}));
    let button = browser.call(
        "DOM.querySelector",
        json!({"nodeId": doc["root"]["nodeId"], "selector": "button[type=submit]"}),
    );
    let model = browser.call("DOM.getBoxModel", json!({"nodeId": button["nodeId"]}));
    let quad = &model["model"]["content"];
    let (x, y) = (
        (quad[0].as_f64().unwrap() + quad[4].as_f64().unwrap()) / 2.0,
        (quad[1].as_f64().unwrap() + quad[5].as_f64().unwrap()) / 2.0,
    );
    for kind in ["mousePressed", "mouseReleased"] {
        browser.call(
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
        );
    }
    browser.wait_for_answer("inbox/report.csv");
    let stored = server.object_path(BUCKET, "inbox/report.csv");
    assert_eq!(std::fs::read(stored).unwrap(), report);
}

/// A machine without Chromium skips the browser tests, and plain `cargo test` output says
/// so (no `--nocapture`: libtest hides what a passing test prints with `eprintln!`); under
/// CI the test fails instead. Run again here with curl alone on PATH.
#[test]
fn without_chromium_the_skip_shows_in_plain_cargo_test_output() {
    let bin = tempfile::tempdir().unwrap();
    if let Some(curl) = support::programs::find("curl") {
        std::os::unix::fs::symlink(curl, bin.path().join("curl")).unwrap();
    }
    for ci in [false, true] {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        // The test's full name in this binary (tests/e2e/main.rs): module, then function.
        cmd.args(["--exact", "browser_post::the_page_works_without_javascript"])
            .env("PATH", bin.path())
            .env_remove("CHROMIUM")
            .env_remove("CI");
        if ci {
            cmd.env("CI", "1");
        }
        let out = cmd.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("this test needs "), "CI={ci}: {text}");
        assert_eq!(out.status.success(), !ci, "CI={ci}: {text}");
        if !ci {
            assert!(text.contains("skipped: this test needs "), "{text}");
            assert!(text.contains("1 passed"), "{text}");
        }
    }
}
