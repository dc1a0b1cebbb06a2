//! A HOME of its own for the binary: presign's profile file and the AWS shared files written
//! there, nothing inherited from the environment but PATH, the signing time fixed.
//!
//! Used by tests/cli/providers.rs, tests/cli/settings.rs and
//! tests/agree/settings_sources_golden.rs.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

pub const AK: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const AT: &str = "2026-01-01T00:00:00Z";

pub struct Home(pub TempDir);

impl Home {
    pub fn new() -> Self {
        Home(tempfile::tempdir().unwrap())
    }

    /// Writes `rel` under HOME, creating its directories; its path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn config(&self, text: &str) -> &Self {
        self.write(".aws/config", text);
        self
    }

    pub fn credentials(&self, text: &str) -> &Self {
        self.write(".aws/credentials", text);
        self
    }

    /// The standard AWS files of a new user: keys, and `config` as the config file.
    pub fn aws_files(&self, config: &str) -> &Self {
        self.credentials(&format!(
            "[default]\naws_access_key_id = {AK}\naws_secret_access_key = {SK}\n"
        ))
        .config(config)
    }

    /// The binary with only HOME and PATH, at AT.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.unsigned();
        cmd.args(["--at", AT]);
        cmd
    }

    /// [`Home::cmd`] without `--at`: for the commands that sign nothing (`endpoints`,
    /// `completions`, `man`), which take no connection option.
    pub fn unsigned(&self) -> Command {
        let mut cmd = Command::cargo_bin("presign").unwrap();
        cmd.env_clear()
            .env("HOME", self.0.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd
    }
}

/// (exit code, stdout, stderr)
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
