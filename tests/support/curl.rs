//! curl as the holder of a presigned URL runs it: the status, the response headers and
//! the body, for the end-to-end tests of issue 17 (tests/e2e/request.rs, moto.rs).

use std::path::Path;
use std::process::Command;

/// What the server answered.
pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of response header `name` (case-insensitive), if the server sent it.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `curl ARGS URL`, its body and headers kept in `dir`.
pub fn curl(dir: &Path, args: &[&str], url: &str) -> Reply {
    let body = dir.join("curl-body");
    let headers = dir.join("curl-headers");
    let _ = std::fs::remove_file(&body);
    let out = Command::new("curl")
        .args(["--silent", "--show-error", "--globoff", "--output"])
        .arg(&body)
        .arg("--dump-header")
        .arg(&headers)
        .args(["--write-out", "%{http_code}"])
        .args(args)
        .arg(url)
        .output()
        .expect("curl runs");
    assert!(
        out.status.success(),
        "curl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Reply {
        status: String::from_utf8(out.stdout).unwrap().parse().unwrap(),
        headers: std::fs::read_to_string(&headers).unwrap_or_default(),
        body: std::fs::read(&body).unwrap_or_default(),
    }
}
