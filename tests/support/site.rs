//! A server and a folder that presign's printed lines run in, as a user runs them: the
//! lines come from the real binary (credentials and endpoint in variables) and `sh` runs
//! each as printed, with the user's PATH. The same test then runs on s3s-fs and on radosgw
//! (`support::radosgw`), whose rules differ.

use assert_cmd::cargo::cargo_bin;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub struct Site {
    /// The server's name, for failure messages.
    pub name: &'static str,
    pub endpoint: String,
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(name: &'static str, endpoint: String) -> Self {
        Site {
            name,
            endpoint,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// presign's stdout and stderr for `args` signed with `sig` (v4 or v2); it must succeed.
    pub fn presign(&self, sig: &str, args: &[&str]) -> (String, String) {
        let out = Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PRESIGN_ACCESS_KEY", crate::support::s3_server::ACCESS_KEY)
            .env("PRESIGN_SECRET_KEY", crate::support::s3_server::SECRET_KEY)
            .env("PRESIGN_ENDPOINT", &self.endpoint)
            .current_dir(self.dir.path())
            .args(["--signature", sig])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "{}: presign {args:?}: {stderr}",
            self.name
        );
        (String::from_utf8(out.stdout).unwrap(), stderr)
    }

    /// `line` run by sh in the folder, with `env` set and nothing on stdin.
    pub fn sh(&self, line: &str, env: &[(&str, &str)]) -> Output {
        Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(self.dir.path())
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// `line`'s stdout; it must succeed.
    pub fn run(&self, line: &str, env: &[(&str, &str)]) -> String {
        let out = self.sh(line, env);
        assert!(
            out.status.success(),
            "{}: {line}\n{}{}",
            self.name,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(name)).unwrap()
    }

    /// The object's bytes, downloaded by the printed `get -o curl` line.
    pub fn download(&self, target: &str) -> Vec<u8> {
        let (line, _) = self.presign("v4", &["get", target, "-o", "curl", "--file", "got"]);
        self.run(&line, &[]);
        self.read("got")
    }
}

/// The text between `<TAG>` and `</TAG>` in a server's XML answer.
pub fn xml_value(answer: &str, tag: &str) -> String {
    answer
        .split(&format!("<{tag}>"))
        .nth(1)
        .and_then(|s| s.split(&format!("</{tag}>")).next())
        .unwrap_or_else(|| panic!("no <{tag}> in {answer}"))
        .to_owned()
}
