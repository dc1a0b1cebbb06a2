//! How presign behaves at the edges: a reader that goes away, secrets from files,
//! commands and stdin, file permissions, and arbitrary command lines.

use crate::support::regressions;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use proptest::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

/// A case botocore signed: tests/golden/botocore.jsonl, which CI regenerates from the
/// pinned botocore. Its `url` is the expected output, known without running presign.
fn golden(name: &str) -> serde_json::Value {
    include_str!("../golden/botocore.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no golden case {name}"))
}

fn field<'a>(case: &'a serde_json::Value, name: &str) -> &'a str {
    case[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} in {case}"))
}

/// Case 001: v4 GET, path style, global endpoint, us-east-1, 1 h, no token.
const CASE: &str = "case-0001-v4-get-path";
/// Case 215: v4 PUT, path style, eu1, eu-west-1, 15 min, no token.
const EU_CASE: &str = "case-0215-v4-put-path";

/// The options that select the case's request, credentials excluded; the region too
/// unless `with_region`.
fn request_args(case: &serde_json::Value, with_region: bool) -> Vec<String> {
    assert!(case["session_token"].is_null() && case["headers"] == serde_json::json!([]));
    let mut args = vec![
        "--at".to_owned(),
        field(case, "time").to_owned(),
        "--endpoint".to_owned(),
        field(case, "endpoint").to_owned(),
        "--expires".to_owned(),
        case["expires"].to_string(),
        "--signature".to_owned(),
        field(case, "signature").to_owned(),
    ];
    if with_region {
        args.extend(["--region".to_owned(), field(case, "region").to_owned()]);
    }
    if field(case, "addressing") == "virtual" {
        args.push("--virtual-host".to_owned());
    }
    args.push(
        field(case, "operation")
            .trim_end_matches("_object")
            .to_owned(),
    );
    args.push(format!("{}/{}", field(case, "bucket"), field(case, "key")));
    args
}

/// What presign must print for the case: botocore's URL and a newline.
fn expected(case: &serde_json::Value) -> String {
    format!("{}\n", field(case, "url"))
}

fn presign(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("presign").unwrap();
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

/// Exit 0, nothing on stderr, and exactly `want` on stdout.
#[track_caller]
fn assert_prints(out: &std::process::Output, want: &str) {
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).as_ref(),
            String::from_utf8_lossy(&out.stdout).as_ref()
        ),
        (Some(0), "", want)
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    let case = golden(CASE);
    let home = tempfile::tempdir().unwrap();
    let keys = home.path().join("keys");
    let mut f = std::fs::File::create(&keys).unwrap();
    // The case's target first, so the one line read is known; then enough lines that
    // presign is still writing when the reader goes away.
    writeln!(f, "{}/{}", field(&case, "bucket"), field(&case, "key")).unwrap();
    for i in 0..200_000 {
        writeln!(f, "my-bucket/key-{i}").unwrap();
    }
    drop(f);
    let mut args = request_args(&case, true);
    args.pop();
    args.push("-".to_owned());
    // `presign get - < keys | head -1`
    let mut child = std::process::Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .args(["--access-key", field(&case, "access_key")])
        .args(["--secret-key", field(&case, "secret_key")])
        .args(&args)
        .stdin(std::fs::File::open(&keys).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, expected(&case));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn secret_key_file_and_stdin() {
    let case = golden(CASE);
    let (access_key, secret) = (field(&case, "access_key"), field(&case, "secret_key"));
    let want = expected(&case);
    let home = tempfile::tempdir().unwrap();
    // On the command line, for reference: botocore's URL.
    let direct = presign(home.path())
        .args(["--access-key", access_key, "--secret-key", secret])
        .args(request_args(&case, true))
        .output()
        .unwrap();
    assert_prints(&direct, &want);
    // From the first line of a file.
    let file = home.path().join("secret");
    std::fs::write(&file, format!("{secret}\nsecond line ignored\n")).unwrap();
    let from_file = presign(home.path())
        .args(["--access-key", access_key, "--secret-key-file"])
        .arg(&file)
        .args(request_args(&case, true))
        .output()
        .unwrap();
    assert_prints(&from_file, &want);
    // From stdin, with a CRLF line end.
    let from_stdin = presign(home.path())
        .args(["--access-key", access_key, "--secret-key-file", "-"])
        .args(request_args(&case, true))
        .write_stdin(format!("{secret}\r\n"))
        .output()
        .unwrap();
    assert_prints(&from_stdin, &want);
    // A different secret in the file gives a different URL: the file is really read.
    std::fs::write(&file, format!("{secret}x\n")).unwrap();
    let other = presign(home.path())
        .args(["--access-key", access_key, "--secret-key-file"])
        .arg(&file)
        .args(request_args(&case, true))
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(0));
    assert_ne!(String::from_utf8_lossy(&other.stdout), want);
    std::fs::write(&file, "\n").unwrap();
    let empty = presign(home.path())
        .args(["--access-key", access_key, "--secret-key-file"])
        .arg(&file)
        .args(request_args(&case, true))
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&empty.stdout), "");
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the first line is empty"));
}

#[test]
fn secret_key_command_takes_the_first_line() {
    let case = golden(CASE);
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.default]\naccess_key = \"{}\"\nsecret_key_command = \"printf '{}\\\\nmore'\"\nendpoint = \"{}\"\n",
            field(&case, "access_key"),
            field(&case, "secret_key"),
            field(&case, "endpoint"),
        ),
    )
    .unwrap();
    let out = presign(home.path())
        .arg("--config")
        .arg(&config)
        .args(request_args(&case, true))
        .output()
        .unwrap();
    assert_prints(&out, &expected(&case));
    // Not run when a higher source has the keys, even though the profile is read for
    // its other settings (here the region, which only the profile gives).
    let case = golden(EU_CASE);
    assert_eq!(field(&case, "region"), "eu-west-1");
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
        .args(["--access-key", field(&case, "access_key")])
        .args(["--secret-key", field(&case, "secret_key")])
        .args(request_args(&case, false))
        .output()
        .unwrap();
    assert_prints(&out, &expected(&case));
    assert!(
        !marker.exists(),
        "secret_key_command ran although its keys were not used"
    );
}

#[test]
fn a_profile_file_with_a_secret_readable_by_others_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let case = golden(CASE);
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.default]\naccess_key = \"{}\"\nsecret_key = \"{}\"\n",
            field(&case, "access_key"),
            field(&case, "secret_key"),
        ),
    )
    .unwrap();
    for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false)] {
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = presign(home.path())
            .arg("--config")
            .arg(&config)
            .args(request_args(&case, true))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{mode:o}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected(&case));
        assert_eq!(
            stderr.contains(&format!("chmod 600 {}", config.display())),
            warned,
            "{mode:o}: {stderr}"
        );
    }
    // A profile without secrets is nobody's business.
    let case = golden(EU_CASE);
    std::fs::write(&config, "[profiles.default]\nregion = \"eu-west-1\"\n").unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = presign(home.path())
        .arg("--config")
        .arg(&config)
        .args(["--access-key", field(&case, "access_key")])
        .args(["--secret-key", field(&case, "secret_key")])
        .args(request_args(&case, false))
        .output()
        .unwrap();
    assert_prints(&out, &expected(&case));
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
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(300)))]

    #[test]
    fn any_command_line_exits_0_1_or_2_and_prints_only_urls(line in prop_oneof![
        3 => prop::collection::vec(word(), 0..7).prop_map(|words| (words, None)),
        // Lines that must work: without them this would pass if presign always failed.
        1 => valid_line().prop_map(|v| (v.words.clone(), Some(v))),
    ]) {
        let (words, valid) = line;
        let out = run(&words);
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
        if let Some(valid) = valid {
            prop_assert_eq!(out.status.code(), Some(0), "{:?}: {}", valid, stderr);
            // Nothing but the note on the headers a signed content type needs.
            prop_assert!(stderr.lines().all(|l| l.starts_with("presign: note: the signature covers headers")), "{:?}: {}", valid, stderr);
            let lines: Vec<&str> = stdout.lines().collect();
            prop_assert_eq!(lines.len(), 1, "{:?}: {}", valid, stdout);
            prop_assert!(lines[0].starts_with(&valid.prefix), "{:?}: {}", valid, stdout);
            prop_assert!(lines[0].contains(&valid.expires_param), "{:?}: {}", valid, stdout);
        }
    }
}

/// A command line that must work, and what its one URL must start and end with.
#[derive(Debug)]
struct Valid {
    words: Vec<String>,
    prefix: String,
    expires_param: String,
}

/// Valid command lines from the documented options (`presign --help`): a few of them in
/// any combination, then `get` or `put` and a target.
fn valid_line() -> impl Strategy<Value = Valid> {
    (
        prop::sample::select(vec![
            (None, "https://", "gateway.storjshare.io"),
            (Some("global"), "https://", "gateway.storjshare.io"),
            (Some("eu1"), "https://", "gateway.eu1.storjshare.io"),
            (Some("http://localhost:9000"), "http://", "localhost:9000"),
        ]),
        prop::option::of(prop::sample::select(vec!["us-east-1", "eu-west-1"])),
        prop::option::of(prop::sample::select(vec![
            ("7d", 604_800u64),
            ("90s", 90),
            ("15m", 900),
            ("3600", 3600),
        ])),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            ("abc/k", "abc", "k"),
            ("s3://abc/a b", "abc", "a%20b"),
        ]),
    )
        .prop_map(
            |(endpoint, region, expires, v2, virtual_host, token, put, target)| {
                let (endpoint, scheme, authority) = endpoint;
                let mut words: Vec<String> = Vec::new();
                let mut opt = |name: &str, value: &str| {
                    words.push(name.to_owned());
                    words.push(value.to_owned());
                };
                if let Some(e) = endpoint {
                    opt("--endpoint", e);
                }
                if let Some(r) = region {
                    opt("--region", r);
                }
                if let Some((e, _)) = expires {
                    opt("-e", e);
                }
                if v2 {
                    opt("--signature", "v2");
                }
                if token {
                    opt("--session-token", "tok");
                }
                if virtual_host {
                    words.push("--virtual-host".to_owned());
                }
                words.push(if put { "put" } else { "get" }.to_owned());
                if put {
                    words.push("--content-type".to_owned());
                    words.push("text/plain".to_owned());
                }
                let (target, bucket, path) = target;
                words.push(target.to_owned());
                let prefix = if virtual_host {
                    format!("{scheme}{bucket}.{authority}/{path}?")
                } else {
                    format!("{scheme}{authority}/{bucket}/{path}?")
                };
                let seconds = expires.map_or(3600, |(_, s)| s);
                let expires_param = if v2 {
                    "&Expires=".to_owned() // an instant, not a duration
                } else {
                    format!("&X-Amz-Expires={seconds}&")
                };
                Valid {
                    words,
                    prefix,
                    expires_param,
                }
            },
        )
}

/// What presign prints for `words`, with keys in the environment and nothing on stdin.
fn run(words: &[String]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    std::process::Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .env("PRESIGN_ACCESS_KEY", "AK")
        .env("PRESIGN_SECRET_KEY", "CANARY-SECRET-41")
        .args(words)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// A regression test: `--config /dev/zero` read 2.1 GB in 3 s before failing. Every file
/// presign reads whole is refused past 1 MiB, naming it, after reading at most one byte
/// more; the secret-key sources stop after their first line.
#[cfg(unix)] // /dev/zero
#[test]
fn files_without_a_bound_are_refused_naming_the_file() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.toml");
    // Valid TOML (comments) one byte over the bound; the bound itself is accepted.
    let line = format!("#{}\n", "x".repeat(1022));
    std::fs::write(&big, format!("{}\n", line.repeat(1024))).unwrap();
    let fits = home.path().join("fits.toml");
    std::fs::write(&fits, line.repeat(1024)).unwrap();
    let command_toml = home.path().join("command.toml");
    std::fs::write(
        &command_toml,
        "[profiles.default]\naccess_key = \"AK\"\nsecret_key_command = \"cat /dev/zero\"\n",
    )
    .unwrap();
    let big = big.to_str().unwrap();
    let command_toml = command_toml.to_str().unwrap();
    const KEYS: [&str; 4] = ["--access-key", "AK", "--secret-key", "s"];
    fn with_keys<'a>(a: &[&'a str]) -> Vec<&'a str> {
        [&KEYS[..], a].concat()
    }
    // (variables, arguments, message): the AWS files are read only while keys are missing.
    type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![],
            with_keys(&["--config", "/dev/zero"]),
            "/dev/zero: the file is larger than 1 MiB",
        ),
        (
            vec![],
            with_keys(&["--config", big]),
            "big.toml: the file is larger than 1 MiB",
        ),
        (
            vec![("PRESIGN_CONFIG", "/dev/zero")],
            with_keys(&[]),
            "/dev/zero: the file is larger than 1 MiB",
        ),
        (
            vec![("AWS_CONFIG_FILE", "/dev/zero")],
            vec![],
            "/dev/zero: the file is larger than 1 MiB",
        ),
        (
            vec![("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")],
            vec![],
            "/dev/zero: the file is larger than 1 MiB",
        ),
        (
            vec![],
            vec!["--access-key", "AK", "--secret-key-file", "/dev/zero"],
            "--secret-key-file /dev/zero: the first line is longer than 4096 bytes",
        ),
        (
            vec![],
            vec!["--config", command_toml],
            "printed a first line longer than 4096 bytes",
        ),
    ];
    for (vars, args, says) in cases {
        let mut cmd = presign(home.path());
        let started = std::time::Instant::now();
        let out = cmd
            .envs(vars.clone())
            .args(&args)
            .args(["get", "my-bucket/k"])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{vars:?} {args:?}: {stderr}");
        assert!(stderr.contains(says), "{vars:?} {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{vars:?} {args:?}: {:?}",
            started.elapsed()
        );
    }
    let out = presign(home.path())
        .args(KEYS)
        .args(["--config", fits.to_str().unwrap(), "get", "my-bucket/k"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `@FILE` digests stream: hashing an endless pipe (`@/dev/stdin` fed zeros) runs in
/// constant memory (it never ends, as `sha256sum` of it does not; the test stops it). A
/// device such as /dev/zero is refused outright: it is no file anyone uploads.
#[cfg(target_os = "linux")] // /dev/stdin, and /proc for the resident size
#[test]
fn a_digest_of_an_endless_file_streams_in_constant_memory() {
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .args(["--access-key", "AK", "--secret-key", "s"])
        .args(["put", "my-bucket/k", "--content-md5", "@/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Zeros until presign is stopped and the pipe breaks.
    let feeder = std::thread::spawn(move || {
        let zeros = vec![0u8; 1 << 16];
        while std::io::Write::write_all(&mut stdin, &zeros).is_ok() {}
    });
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id()));
    child.kill().unwrap();
    child.wait().unwrap();
    feeder.join().unwrap();
    let Ok(status) = status else {
        panic!("presign ended before it was measured");
    };
    let rss_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status");
    assert!(
        rss_kib < 32 * 1024,
        "{rss_kib} KiB resident after 1.5 s of an endless pipe"
    );
}
