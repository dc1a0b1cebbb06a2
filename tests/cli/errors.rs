//! Every row of the error table (docs/reference.md, between its `errors` markers), run as
//! written: the message, the exit code, and no secret anywhere in the output. The table is
//! the test's data, so the documentation cannot drift from the program.

use crate::support::docs;
use assert_cmd::cargo::cargo_bin;
use std::process::{Command, Stdio};

/// Planted in every credential source the rows use; must never be printed.
const CANARY_SECRET: &str = "LEAK-CANARY-SECRET-7f3a9";
const CANARY_TOKEN: &str = "LEAK-CANARY-TOKEN-5c1e2";
/// The secret inside tests/data/*.toml and the AWS fixture.
const FIXTURE_SECRET: &str = "FIXTURE-SECRET-zq9";
/// The rows of the table: a table cut short, or a row lost in a move, fails here.
const ROWS: usize = 202;

struct Row {
    mistake: String,
    keys: bool,
    command: String,
    says: String,
    exit: i32,
}

fn rows() -> Vec<Row> {
    let table = docs::between("errors");
    let rows: Vec<Row> = docs::table(&table.text)
        .into_iter()
        .map(|cells| {
            assert_eq!(cells.len(), 5, "{}: malformed row: {cells:?}", table.page);
            let code = |c: &str| c.trim_matches('`').to_owned();
            Row {
                mistake: cells[0].clone(),
                keys: cells[1] == "keys",
                command: code(&cells[2]),
                says: code(&cells[3]),
                exit: cells[4].parse().expect("exit code"),
            }
        })
        .collect();
    assert_eq!(
        rows.len(),
        ROWS,
        "rows in the error table of {}",
        table.page
    );
    rows
}

/// Runs a row's command: `VAR=value` words set variables, `< FILE` and `> FILE`
/// redirect, the rest are arguments (no row needs shell quoting).
fn run(row: &Row, home: &std::path::Path) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(cargo_bin("presign"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null());
    if row.keys {
        cmd.env("PRESIGN_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
            .env("PRESIGN_SECRET_KEY", CANARY_SECRET)
            .env("PRESIGN_SESSION_TOKEN", CANARY_TOKEN);
    }
    let mut words = row.command.split_whitespace().peekable();
    while let Some(w) = words.next_if(|w| w.contains('=') && !w.starts_with('-')) {
        let (k, v) = w.split_once('=').unwrap();
        cmd.env(k, v);
    }
    assert_eq!(words.next(), Some("presign"), "{}", row.command);
    let mut stdout_to_file = false;
    while let Some(w) = words.next() {
        match w {
            "<" => {
                let f = std::fs::File::open(words.next().unwrap()).unwrap();
                cmd.stdin(f);
            }
            ">" => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(words.next().unwrap())
                    .unwrap();
                cmd.stdout(f);
                stdout_to_file = true;
            }
            arg => {
                cmd.arg(arg);
            }
        }
    }
    if !stdout_to_file {
        cmd.stdout(Stdio::piped());
    }
    let out = cmd.stderr(Stdio::piped()).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_documented_error_says_what_the_table_says() {
    let rows = rows();
    let home = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for row in &rows {
        let (code, stdout, stderr) = run(row, home.path());
        let mut problems = Vec::new();
        if code != Some(row.exit) {
            problems.push(format!("exit {code:?}, documented {}", row.exit));
        }
        if !stderr.contains(&row.says) {
            problems.push("message differs".to_owned());
        }
        if stderr.contains("panicked") {
            problems.push("panicked".to_owned());
        }
        // Whatever was printed before the error is a complete URL (or, from verify, a
        // verdict).
        let printed = |l: &str| {
            l.starts_with("https://")
                || row.command.contains(" verify ") && l.starts_with("invalid: ")
        };
        if stdout.lines().any(|l| !printed(l)) {
            problems.push(format!("stdout has a non-URL line: {stdout:?}"));
        }
        for canary in [CANARY_SECRET, CANARY_TOKEN, FIXTURE_SECRET] {
            if stdout.contains(canary) && canary != CANARY_TOKEN || stderr.contains(canary) {
                problems.push(format!("{canary} leaked"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({}): {}\n  stderr: {}",
                row.mistake,
                row.command,
                problems.join("; "),
                stderr.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn our_errors_are_one_line() {
    let home = tempfile::tempdir().unwrap();
    for row in &rows() {
        let (_, _, stderr) = run(row, home.path());
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("presign: warning:"))
            .collect();
        assert_eq!(errors.len(), 1, "{}: {stderr}", row.mistake);
        assert!(
            errors[0].starts_with("presign: error: "),
            "{}: {stderr}",
            row.mistake
        );
    }
}

#[test]
fn a_secret_given_as_a_flag_never_appears_in_errors() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["get", "bad!bucket/k"],
        vec!["get", "my-bucket/k", "-e", "8d"],
        vec!["get", "my-bucket/k", "--access-key", "A K"],
        vec!["get", "my-bucket/k", "--region", "x y"],
        vec!["get", "my-bucket/k", "--bogus"],
        vec!["put", "my-bucket/k", "--content-type", "\u{7}"],
    ] {
        let out = Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", home.path())
            .args([
                "--access-key",
                "AK",
                "--secret-key",
                CANARY_SECRET,
                "--session-token",
                CANARY_TOKEN,
            ])
            .args(&args)
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        for text in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(text);
            assert!(
                !text.contains(CANARY_SECRET) && !text.contains(CANARY_TOKEN),
                "{args:?}: {text}"
            );
        }
    }
}

/// A password in an endpoint's user info, or a secret key typed where the access key
/// goes, must not be quoted back, whichever source it came from.
#[test]
fn a_secret_in_an_endpoint_or_in_the_access_key_place_is_never_echoed() {
    const PASSWORD: &str = "wJalrPASSWORD/CANARY";
    let endpoint = format!("https://AK:{PASSWORD}@s3.example.com");
    let home = tempfile::tempdir().unwrap();
    let toml = home.path().join("p.toml");
    std::fs::write(
        &toml,
        format!("[profiles.default]\nendpoint = \"{endpoint}\"\n"),
    )
    .unwrap();
    let aws_config = home.path().join("aws-config");
    std::fs::write(
        &aws_config,
        format!("[default]\nendpoint_url = {endpoint}\n"),
    )
    .unwrap();
    let secret_as_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    type Setup<'a> = (&'a str, Vec<(&'a str, String)>, Vec<String>, &'a str, i32);
    let keys = |extra: &[&str]| {
        let mut a: Vec<String> = ["--access-key", "AK", "--secret-key", "s"]
            .map(String::from)
            .to_vec();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cases: Vec<Setup> = vec![
        (
            "--endpoint",
            vec![],
            keys(&["--endpoint", &endpoint]),
            "https://***@s3.example.com",
            2,
        ),
        (
            "PRESIGN_ENDPOINT",
            vec![("PRESIGN_ENDPOINT", endpoint.clone())],
            keys(&[]),
            "PRESIGN_ENDPOINT: invalid endpoint \"https://***@s3.example.com\"",
            1,
        ),
        (
            "AWS_ENDPOINT_URL",
            vec![("AWS_ENDPOINT_URL", endpoint.clone())],
            keys(&[]),
            "AWS_ENDPOINT_URL: invalid endpoint \"https://***@s3.example.com\"",
            1,
        ),
        (
            "AWS_ENDPOINT_URL_S3",
            vec![("AWS_ENDPOINT_URL_S3", endpoint.clone())],
            keys(&[]),
            "AWS_ENDPOINT_URL_S3: invalid endpoint \"https://***@s3.example.com\"",
            1,
        ),
        (
            "profile file",
            vec![],
            keys(&["--config", toml.to_str().unwrap()]),
            "endpoint in profile \"default\"",
            1,
        ),
        (
            "AWS config",
            vec![("AWS_CONFIG_FILE", aws_config.display().to_string())],
            keys(&[]),
            "endpoint_url in [default]",
            1,
        ),
        (
            "swapped flags",
            vec![],
            [
                "--access-key",
                secret_as_access_key,
                "--secret-key",
                "AKIAIOSFODNN7EXAMPLE",
            ]
            .map(String::from)
            .to_vec(),
            "--access-key: invalid access key: it looks like a secret key (40 characters), so it is not shown; and the secret key looks like an access key id: the two look swapped",
            2,
        ),
        (
            "swapped variables",
            vec![
                ("AWS_ACCESS_KEY_ID", secret_as_access_key.to_owned()),
                ("AWS_SECRET_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE".to_owned()),
            ],
            vec![],
            "AWS_ACCESS_KEY_ID: invalid access key: it looks like a secret key",
            1,
        ),
        (
            "secret as access key",
            vec![
                ("PRESIGN_ACCESS_KEY", secret_as_access_key.to_owned()),
                ("PRESIGN_SECRET_KEY", secret_as_access_key.to_owned()),
            ],
            vec![],
            "looks like a secret key (40 characters), so it is not shown; give the access key id",
            1,
        ),
    ];
    for (name, vars, args, says, exit) in cases {
        let out = Command::new(cargo_bin("presign"))
            .env_clear()
            .env("HOME", home.path())
            .envs(vars)
            .args(&args)
            .args(["get", "my-bucket/k"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(exit), "{name}: {stderr}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        for leaked in [PASSWORD, "wJalr", "EXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE"] {
            assert!(
                !stderr.contains(leaked),
                "{name}: {leaked} leaked: {stderr}"
            );
        }
        assert!(out.stdout.is_empty(), "{name}");
    }
}

/// A value shaped like a secret key, given as any setting (a CI job that passes
/// `$AWS_SECRET_ACCESS_KEY` to the wrong flag or variable), is refused without being
/// quoted, from every source: a flag, a variable, presign's profile file, the AWS files.
/// A regression test: `AWS_REGION: invalid region "wJalr..."` printed it.
#[test]
fn a_secret_shaped_value_in_any_setting_is_never_echoed() {
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const STORJ: &str = "jzqk7wqhm5njvhb4xvr4ozd4qjsn3rjg2e4pqqfhu7ufqvenfqrdk";
    let home = tempfile::tempdir().unwrap();
    let file = |name: &str, text: String| {
        let p = home.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let toml = |key: &str, value: &str| {
        file(
            &format!("{key}.toml"),
            format!("[profiles.default]\n{key} = \"{value}\"\n"),
        )
    };
    let aws = |key: &str, value: &str| {
        file(
            &format!("aws-{key}"),
            format!("[default]\n{key} = {value}\n"),
        )
    };
    let s = SECRET;
    let keys = ["--access-key", "AKIAIOSFODNN7EXAMPLE", "--secret-key", "x"];
    let owned = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let with_keys = |a: &[&str]| {
        let mut v = owned(&keys);
        v.extend(owned(a));
        v
    };
    let nl = format!("{s}\n");
    let bell = format!("{s}\u{7}");
    // (variables, arguments); every case fails with a refusal of the setting it plants.
    type Case<'a> = (Vec<(&'a str, String)>, Vec<String>);
    let flag = |a: &[&str]| -> Case { (vec![], with_keys(a)) };
    let mut cases: Vec<Case> = vec![
        flag(&["--region", s, "get", "b-1/k"]),
        flag(&["--region", STORJ, "get", "b-1/k"]),
        flag(&["--region", &nl, "get", "b-1/k"]),
        flag(&["--endpoint", s, "get", "b-1/k"]),
        flag(&["--endpoint", &format!("https://{s}"), "get", "b-1/k"]),
        flag(&["--profile", s, "get", "b-1/k"]),
        flag(&["--signature", s, "get", "b-1/k"]),
        flag(&["--expires", s, "get", "b-1/k"]),
        flag(&["--at", s, "get", "b-1/k"]),
        flag(&["--config", s, "get", "b-1/k"]),
        (
            vec![],
            owned(&["--access-key", "AK", "--secret-key-file", s, "get", "b-1/k"]),
        ),
        flag(&["get", "b-1/k", "-o", s]),
        flag(&[s, "b-1/k"]),
        flag(&["put", "b-1/k", "--content-type", &bell]),
        flag(&["put", "b-1/k", "--content-md5", s]),
        flag(&["put", "b-1/k", "--content-md5", &format!("@{s}")]),
        flag(&["put", "b-1/k", "--checksum-sha256", s]),
        flag(&["put", "b-1/k", "--meta", s]),
        flag(&["put", "b-1/k", "--meta", &format!("k={bell}")]),
        flag(&["put", "b-1/k", "--acl", s]),
        flag(&["put", "b-1/k", "--storage-class", s]),
        flag(&["put", "b-1/k", "--tagging", s]),
        flag(&["put", "b-1/k", "--cache-control", &bell]),
        flag(&["get", "b-1/k", "--range", s]),
        flag(&["get", "b-1/k", "--response-expires", s]),
        flag(&["get", "b-1/k", "--response-content-type", &bell]),
        flag(&["get", "b-1/k", "--download-as", &bell]),
        flag(&["get", "b-1/k", "--version-id", &bell]),
        flag(&["multipart", "abort", "b-1/k", "--upload-id", &bell]),
        flag(&[
            "multipart",
            "part",
            "b-1/k",
            "--upload-id",
            "u",
            "--parts",
            s,
        ]),
        flag(&["post", "b-1/k", "--max-size", s]),
        flag(&["post", "b-1/k", "--max-size", &format!("5{s}")]),
        flag(&["post", "b-1/k", "--field", s]),
        flag(&["post", "b-1/k", "--redirect", s]),
        flag(&["post", "b-1/k", "--acl", s]),
        flag(&["verify", "https://example.com/b/k", "--header", s]),
        // inspect signs nothing and takes no keys (it refuses them): its own --endpoint.
        (
            vec![],
            owned(&["inspect", "--endpoint", s, "https://example.com/b/k"]),
        ),
        (
            vec![("AWS_DEFAULT_REGION", nl.clone())],
            with_keys(&["get", "b-1/k"]),
        ),
        flag(&["--config", &toml("region", s), "get", "b-1/k"]),
        flag(&["--config", &toml("endpoint", s), "get", "b-1/k"]),
        flag(&["--config", &toml("signature", s), "get", "b-1/k"]),
        flag(&["--config", &toml("expires", s), "get", "b-1/k"]),
        (
            vec![],
            owned(&[
                "--config",
                &file(
                    "ak.toml",
                    format!("[profiles.default]\naccess_key = \"{s}\"\nsecret_key = \"x\"\n"),
                ),
                "get",
                "b-1/k",
            ]),
        ),
        (
            vec![],
            owned(&[
                "--config",
                &file(
                    "cmd.toml",
                    format!(
                        "[profiles.default]\naccess_key = \"AK\"\nsecret_key_command = \"{s}\"\n"
                    ),
                ),
                "get",
                "b-1/k",
            ]),
        ),
        flag(&[
            "--config",
            &file("dp.toml", format!("default_profile = \"{s}\"\n")),
            "get",
            "b-1/k",
        ]),
        flag(&[
            "--config",
            &file("syntax.toml", format!("[profiles.default]\nregion = {s}\n")),
            "get",
            "b-1/k",
        ]),
        flag(&[
            "--config",
            &file("key.toml", format!("[profiles.default]\n\"{s}\" = 1\n")),
            "get",
            "b-1/k",
        ]),
        (
            vec![("AWS_CONFIG_FILE", aws("region", s))],
            with_keys(&["get", "b-1/k"]),
        ),
        (
            vec![("AWS_CONFIG_FILE", aws("endpoint_url", s))],
            with_keys(&["get", "b-1/k"]),
        ),
        (
            vec![(
                "AWS_SHARED_CREDENTIALS_FILE",
                file(
                    "creds",
                    format!("[default]\naws_access_key_id = {s}\naws_secret_access_key = x\n"),
                ),
            )],
            owned(&["get", "b-1/k"]),
        ),
        (
            vec![(
                "AWS_SHARED_CREDENTIALS_FILE",
                file("creds-syntax", format!("[default]\n{s}\n")),
            )],
            owned(&["get", "b-1/k"]),
        ),
    ];
    // Each variable alone; the AWS file locations only matter while keys are missing.
    for var in [
        "PRESIGN_REGION",
        "AWS_REGION",
        "PRESIGN_ENDPOINT",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_S3",
        "PRESIGN_PROFILE",
        "AWS_PROFILE",
        "PRESIGN_CONFIG",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
    ] {
        let args = if var.ends_with("_FILE") {
            owned(&["get", "b-1/k"])
        } else {
            with_keys(&["get", "b-1/k"])
        };
        cases.push((vec![(var, s.into())], args));
    }
    let mut failures = Vec::new();
    for (vars, args) in &cases {
        let setting = format!("{vars:?} {args:?}");
        let out = Command::new(cargo_bin("presign"))
            .current_dir(home.path())
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("presign: warning:"))
            .collect();
        let leaked = ["wJalr", "EXAMPLEKEY", "K7MDENG", "jzqk7", "qfhu7"]
            .iter()
            .any(|part| {
                stderr.contains(part) || String::from_utf8_lossy(&out.stdout).contains(part)
            });
        // A parser's complaint about the file's syntax need not quote the value at all.
        let hidden = stderr.contains("not shown") || setting.contains("syntax");
        if out.status.success() || leaked || errors.len() != 1 || !hidden {
            failures.push(format!("{setting}: exit {:?}: {stderr}", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
