//! How presign behaves at the edges: a reader that goes away, secrets from files,
//! commands and stdin, file permissions, and arbitrary command lines.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use proptest::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

const AT: &str = "2026-01-01T00:00:00Z";

fn presign(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("presign").unwrap();
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["--at", AT]);
    cmd
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    let home = tempfile::tempdir().unwrap();
    let keys = home.path().join("keys");
    let mut f = std::fs::File::create(&keys).unwrap();
    for i in 0..200_000 {
        writeln!(f, "my-bucket/key-{i}").unwrap();
    }
    drop(f);
    // `presign get - < keys | head -1`
    let mut child = std::process::Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .args(["--access-key", "AK", "--secret-key", "s", "get", "-"])
        .stdin(std::fs::File::open(&keys).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.starts_with("https://gateway.storjshare.io/my-bucket/key-0?"),
        "{first}"
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn secret_key_file_and_stdin() {
    let home = tempfile::tempdir().unwrap();
    let expected = presign(home.path())
        .args([
            "--access-key",
            "AK",
            "--secret-key",
            "the-secret",
            "get",
            "abc/k",
        ])
        .output()
        .unwrap()
        .stdout;
    let file = home.path().join("secret");
    std::fs::write(&file, "the-secret\nsecond line ignored\n").unwrap();
    let from_file = presign(home.path())
        .args(["--access-key", "AK", "--secret-key-file"])
        .arg(&file)
        .args(["get", "abc/k"])
        .output()
        .unwrap();
    assert_eq!(from_file.stdout, expected);
    let from_stdin = presign(home.path())
        .args([
            "--access-key",
            "AK",
            "--secret-key-file",
            "-",
            "get",
            "abc/k",
        ])
        .write_stdin("the-secret\r\n")
        .output()
        .unwrap();
    assert_eq!(from_stdin.stdout, expected);
    std::fs::write(&file, "\n").unwrap();
    let empty = presign(home.path())
        .args(["--access-key", "AK", "--secret-key-file"])
        .arg(&file)
        .args(["get", "abc/k"])
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the first line is empty"));
}

#[test]
fn secret_key_command_takes_the_first_line() {
    let home = tempfile::tempdir().unwrap();
    let expected = presign(home.path())
        .args([
            "--access-key",
            "AK",
            "--secret-key",
            "from-a-command",
            "get",
            "abc/k",
        ])
        .output()
        .unwrap()
        .stdout;
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.default]\naccess_key = \"AK\"\nsecret_key_command = \"printf 'from-a-command\\\\nmore'\"\n",
    )
    .unwrap();
    let out = presign(home.path())
        .arg("--config")
        .arg(&config)
        .args(["get", "abc/k"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.stdout, expected);
    // Not run when a higher source has the keys, even though the profile is read for
    // its other settings (here the region).
    let marker = home.path().join("command-ran");
    std::fs::write(
        &config,
        format!(
            "[profiles.default]\nregion = \"eu-west-1\"\naccess_key = \"AK\"\nsecret_key_command = \"touch {}; exit 1\"\n",
            marker.display()
        ),
    )
    .unwrap();
    let out = presign(home.path())
        .arg("--config")
        .arg(&config)
        .args([
            "--access-key",
            "AK",
            "--secret-key",
            "from-a-command",
            "get",
            "abc/k",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("%2Feu-west-1%2F"));
    assert!(
        !marker.exists(),
        "secret_key_command ran although its keys were not used"
    );
}

#[test]
fn a_profile_file_with_a_secret_readable_by_others_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.default]\naccess_key = \"AK\"\nsecret_key = \"s\"\n",
    )
    .unwrap();
    for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false)] {
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = presign(home.path())
            .arg("--config")
            .arg(&config)
            .args(["get", "abc/k"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.contains(&format!("chmod 600 {}", config.display())),
            warned,
            "{mode:o}: {stderr}"
        );
    }
    // A profile without secrets is nobody's business.
    std::fs::write(&config, "[profiles.default]\nregion = \"eu-west-1\"\n").unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = presign(home.path())
        .arg("--config")
        .arg(&config)
        .args(["--access-key", "AK", "--secret-key", "s", "get", "abc/k"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Words a command line might be made of, good and bad.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "get",
            "put",
            "-",
            "--",
            "--endpoint",
            "--region",
            "--expires",
            "-e",
            "--signature",
            "--virtual-host",
            "--path-style",
            "--at",
            "--profile",
            "--content-type",
            "--session-token",
            "abc/k",
            "s3://abc/a b",
            "v2",
            "v4",
            "7d",
            "8d",
            "0",
            "global",
            "eu1",
            "http://localhost:9000",
            "text/plain",
            "2026-01-01T00:00:00Z",
            "my.bucket/k",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_command_line_exits_0_1_or_2_and_prints_only_urls(words in prop::collection::vec(word(), 0..7)) {
        let home = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", home.path())
            .env("PRESIGN_ACCESS_KEY", "AK")
            .env("PRESIGN_SECRET_KEY", "CANARY-SECRET-41")
            .args(&words)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(matches!(out.status.code(), Some(0..=2)), "{:?}: {:?} {}", words, out.status, stderr);
        prop_assert!(!stderr.contains("panicked"), "{:?}: {}", words, stderr);
        prop_assert!(!stdout.contains("CANARY") && !stderr.contains("CANARY"), "{:?}", words);
        // Help and version print text; `-` with empty stdin prints nothing, rightly.
        let quiet_ok = words.iter().any(|w| ["--help", "-h", "--version", "-V", "-"].contains(&w.as_str()));
        if out.status.code() == Some(0) && !quiet_ok {
            prop_assert!(!stdout.is_empty(), "{:?}: success without output", words);
            for line in stdout.lines() {
                prop_assert!(line.starts_with("http") && line.bytes().all(|b| b.is_ascii_graphic()), "{:?}: {:?}", words, line);
            }
        } else if out.status.code() != Some(0) {
            prop_assert!(!stderr.trim().is_empty(), "{:?}: failed silently", words);
        }
    }
}
