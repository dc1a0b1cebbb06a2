//! Ceph's radosgw on 127.0.0.1: the strictest S3 server that installs here (Debian's and
//! Ubuntu's `radosgw`, `ceph-mon` and `ceph-osd` packages). Where s3s-fs takes anything
//! HTTP allows, radosgw answers 411 Length Required to a part copy PUT without a
//! `Content-Length` and to a chunked upload (`curl --upload-file -`), as S3's rules say.
//!
//! [`Radosgw::start`] runs `radosgw/start.sh`: a cluster of one monitor and one in-memory
//! OSD, radosgw with a user holding [`ACCESS_KEY`] and [`SECRET_KEY`], on ports of its own
//! (some 15 s). Dropping it stops the daemons, also when the test failed; a watchdog the
//! script starts stops them if the test process ends without dropping it (killed). Tests
//! take turns, one cluster at a time per test binary: each costs a core while it starts and
//! some hundred MB. Without the programs, `start` skips (and fails under CI, whose `.ci/run`
//! installs them).

pub use crate::support::s3_server::{ACCESS_KEY, SECRET_KEY};

use crate::support::programs;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// What the cluster needs, all from the three packages but curl.
const PROGRAMS: [&str; 8] = [
    "radosgw",
    "radosgw-admin",
    "ceph-mon",
    "ceph-osd",
    "ceph",
    "ceph-authtool",
    "monmaptool",
    "curl",
];

static TURN: Mutex<()> = Mutex::new(());

pub struct Radosgw {
    pub port: u16,
    dir: tempfile::TempDir,
    // Last: released after the daemons have stopped.
    _turn: MutexGuard<'static, ()>,
}

impl Radosgw {
    /// A running radosgw with `buckets`, or `None` (after a skip line) when the programs
    /// are missing. Panics, failing the test, when the cluster does not start.
    pub fn start(buckets: &[&str]) -> Option<Self> {
        let missing: Vec<&str> = PROGRAMS
            .into_iter()
            .filter(|p| programs::find(p).is_none())
            .collect();
        if !missing.is_empty() {
            programs::skip(&format!(
                "the radosgw half of this test needs {} (not on PATH): install the radosgw, ceph-mon and ceph-osd packages (Debian, Ubuntu) to run it (under CI it fails)",
                missing.join(", ")
            ));
            return None;
        }
        // A test that failed while holding its turn poisons the lock; the next one runs.
        let turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let [port, mon, mon_v1] = free_ports();
        let rgw = Radosgw {
            port,
            dir: tempfile::tempdir().expect("a folder for the cluster"),
            _turn: turn,
        };
        let log = rgw.dir.path().join("start.log");
        let out = Command::new("bash")
            .arg(script("start.sh"))
            .arg(rgw.cluster())
            .args([ACCESS_KEY, SECRET_KEY])
            .env("RGW_PORT", port.to_string())
            .env("MON_PORT", mon.to_string())
            .env("MON_V1_PORT", mon_v1.to_string())
            .env("OWNER_PID", std::process::id().to_string())
            .stdin(std::process::Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(rgw.dir.path().join("start.err")).unwrap())
            .status()
            .expect("bash runs start.sh");
        if !out.success() {
            // `rgw` is dropped by the panic: what did start is stopped.
            panic!(
                "radosgw did not start ({out}): {}{}",
                std::fs::read_to_string(&log).unwrap_or_default(),
                std::fs::read_to_string(rgw.dir.path().join("start.err")).unwrap_or_default()
            );
        }
        for bucket in buckets {
            rgw.create_bucket(bucket);
        }
        Some(rgw)
    }

    /// The endpoint to pass to `presign --endpoint`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Creates `bucket`, signed by curl's own SigV4 (presign signs no bucket operations).
    fn create_bucket(&self, bucket: &str) {
        // radosgw wants the payload's hash, which curl's --aws-sigv4 does not send.
        const EMPTY_SHA256: &str =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let out = Command::new("curl")
            .args(["--silent", "--show-error", "--fail", "-X", "PUT"])
            .args(["--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
            .arg(format!("{ACCESS_KEY}:{SECRET_KEY}"))
            .args(["-H", &format!("x-amz-content-sha256: {EMPTY_SHA256}")])
            .args(["-H", "Content-Length: 0"])
            .arg(format!("{}/{bucket}", self.endpoint()))
            .output()
            .expect("curl runs");
        assert!(
            out.status.success(),
            "radosgw did not create bucket {bucket}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The folder the cluster keeps its data, logs and pid files in.
    fn cluster(&self) -> std::path::PathBuf {
        self.dir.path().join("cluster")
    }
}

impl Drop for Radosgw {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script("stop.sh"))
            .arg(self.cluster())
            .stdin(std::process::Stdio::null())
            .status();
    }
}

fn script(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support/radosgw")
        .join(name)
}

/// Three ports nothing listens on now: radosgw's and the monitor's two.
fn free_ports() -> [u16; 3] {
    let listeners: Vec<std::net::TcpListener> = (0..3)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0"))
        .collect();
    let port = |i: usize| listeners[i].local_addr().unwrap().port();
    [port(0), port(1), port(2)]
}
