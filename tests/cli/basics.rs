//! The real binary, in an empty temporary HOME with no inherited AWS_/PRESIGN_ variables.

use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

const AK: &str = "AKIAIOSFODNN7EXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AT: &str = "2026-01-01T00:00:00Z";

/// A sandbox: its own HOME, a clean environment, a fixed signing time.
struct Sandbox {
    home: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.home.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> std::path::PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        set_mode(&p, 0o600);
        p
    }

    /// `presign` with no credentials anywhere.
    fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("presign").unwrap();
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .arg("--at")
            .arg(AT);
        cmd
    }

    /// `presign` with the documentation's example keys on the command line.
    fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.args(["--access-key", AK, "--secret-key", SK]);
        cmd
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with `code`; returns its stderr.
fn fails(cmd: &mut Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The region in the URL's credential scope, e.g. `us-east-1`.
fn region_of(url: &str) -> &str {
    let scope = url.split("X-Amz-Credential=").nth(1).unwrap();
    scope.split("%2F").nth(2).unwrap()
}

fn access_key_of(url: &str) -> &str {
    let scope = url.split("X-Amz-Credential=").nth(1).unwrap();
    scope.split("%2F").next().unwrap()
}

fn host_of(url: &str) -> &str {
    url.split("://").nth(1).unwrap().split('/').next().unwrap()
}

// The URL botocore 1.44.8 prints for these inputs (tests/golden/generate.py, by hand).
const README_URL: &str = "https://gateway.storjshare.io/my-bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=95442c887ef9547d23a84819c1aaf93936ec4182c03b0401c8022ad90a4378ad\n";

#[test]
fn prints_the_url_botocore_prints() {
    let s = Sandbox::new();
    assert_eq!(stdout(s.cmd().args(["get", "my-bucket/k"])), README_URL);
    assert_eq!(
        stdout(s.cmd().args(["get", "s3://my-bucket/k"])),
        README_URL
    );
}

#[test]
fn options_work_before_and_after_the_subcommand() {
    let s = Sandbox::new();
    let before = stdout(
        s.cmd()
            .args(["--region", "eu-west-1", "-e", "15m", "get", "abc/k"]),
    );
    let after = stdout(
        s.cmd()
            .args(["get", "abc/k", "--region", "eu-west-1", "-e", "15m"]),
    );
    assert_eq!(before, after);
    assert_eq!(region_of(&before), "eu-west-1");
    assert!(before.contains("X-Amz-Expires=900&"));
}

#[test]
fn several_targets_print_one_url_each_in_order() {
    let s = Sandbox::new();
    let out = stdout(s.cmd().args(["put", "abc/one", "abc/two", "abc/three"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, key) in lines.iter().zip(["one", "two", "three"]) {
        assert!(
            line.starts_with(&format!("https://gateway.storjshare.io/abc/{key}?")),
            "{line}"
        );
    }
}

#[test]
fn stdin_batch_strips_lf_and_crlf_and_keeps_everything_else() {
    let s = Sandbox::new();
    let out = stdout(
        s.cmd()
            .args(["get", "-"])
            .write_stdin("b-1/k1\nb-1/a b\r\nb-1/tab\t \n"),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("https://gateway.storjshare.io/b-1/k1?"));
    assert!(lines[1].starts_with("https://gateway.storjshare.io/b-1/a%20b?"));
    assert!(lines[2].starts_with("https://gateway.storjshare.io/b-1/tab%09%20?"));
    // The same as signing them as arguments.
    let args = stdout(s.cmd().args(["get", "b-1/k1", "b-1/a b", "b-1/tab\t "]));
    assert_eq!(out, args);
}

#[test]
fn stdin_bad_line_stops_there_with_its_number() {
    let s = Sandbox::new();
    let out = s
        .cmd()
        .args(["get", "-"])
        .write_stdin("b-1/k1\nnope\nb-1/k3\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("stdin line 2") && err.contains("\"nope\""),
        "{err}"
    );
}

#[test]
fn double_dash_passes_targets_that_start_with_a_dash() {
    let s = Sandbox::new();
    let err = fails(s.cmd().args(["get", "--", "-a!b/k"]), 2);
    assert!(err.contains("invalid bucket name \"-a!b\""), "{err}");
}

#[test]
fn hard_keys_are_encoded_not_normalized() {
    let s = Sandbox::new();
    let out = stdout(s.cmd().args(["get", "abc//a/./../b c+%?#~é😀"]));
    assert!(
        out.starts_with(
            "https://gateway.storjshare.io/abc//a/./../b%20c%2B%25%3F%23~%C3%A9%F0%9F%98%80?"
        ),
        "{out}"
    );
}

#[test]
fn put_with_content_type_signs_it() {
    let s = Sandbox::new();
    let out = stdout(
        s.cmd()
            .args(["put", "abc/k", "--content-type", "text/plain"]),
    );
    assert!(
        out.contains("X-Amz-SignedHeaders=content-type%3Bhost&"),
        "{out}"
    );
    let v2 = stdout(s.cmd().args([
        "put",
        "abc/k",
        "--content-type",
        "text/plain",
        "--signature",
        "v2",
    ]));
    assert!(v2.contains("&content-type=text%2Fplain&Expires="), "{v2}");
}

#[test]
fn endpoints_presets_and_virtual_host() {
    let s = Sandbox::new();
    for (preset, host) in [
        ("global", "gateway.storjshare.io"),
        ("us1", "gateway.us1.storjshare.io"),
        ("eu1", "gateway.eu1.storjshare.io"),
        ("ap1", "gateway.ap1.storjshare.io"),
        ("http://localhost:9000", "localhost:9000"),
    ] {
        let out = stdout(s.cmd().args(["get", "abc/k", "--endpoint", preset]));
        assert_eq!(host_of(&out), host);
    }
    let out = stdout(
        s.cmd()
            .args(["get", "abc/k", "--endpoint", "eu1", "--virtual-host"]),
    );
    assert!(
        out.starts_with("https://abc.gateway.eu1.storjshare.io/k?"),
        "{out}"
    );
}

#[test]
fn sigv2_takes_any_positive_expiry() {
    let s = Sandbox::new();
    let out = stdout(
        s.cmd()
            .args(["get", "abc/k", "--signature", "v2", "-e", "30d"]),
    );
    // 2026-01-01T00:00:00Z is 1767225600; plus 30 days.
    assert!(
        out.trim_end()
            .ends_with(&format!("&Expires={}", 1_767_225_600 + 30 * 86_400)),
        "{out}"
    );
}

// --- precedence ---------------------------------------------------------------------

#[test]
fn flags_beat_environment() {
    let s = Sandbox::new();
    let out = stdout(s.cmd().env("PRESIGN_REGION", "eu-west-1").args([
        "get",
        "abc/k",
        "--region",
        "ap-southeast-2",
    ]));
    assert_eq!(region_of(&out), "ap-southeast-2");
    let out = stdout(
        s.cmd()
            .env("PRESIGN_ACCESS_KEY", "ENVKEY")
            .env("PRESIGN_SECRET_KEY", "x")
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), AK);
}

#[test]
fn presign_variables_beat_aws_variables() {
    let s = Sandbox::new();
    let out = stdout(
        s.bare()
            .envs([
                ("PRESIGN_ACCESS_KEY", "PKEY"),
                ("PRESIGN_SECRET_KEY", "ps"),
                ("AWS_ACCESS_KEY_ID", "AKEY"),
                ("AWS_SECRET_ACCESS_KEY", "as"),
                ("PRESIGN_REGION", "eu-west-1"),
                ("AWS_REGION", "us-west-2"),
                ("PRESIGN_ENDPOINT", "us1"),
                ("AWS_ENDPOINT_URL", "http://aws.example"),
            ])
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "PKEY");
    assert_eq!(region_of(&out), "eu-west-1");
    assert_eq!(host_of(&out), "gateway.us1.storjshare.io");
}

#[test]
fn aws_variables_in_their_own_order() {
    let s = Sandbox::new();
    let out = stdout(
        s.bare()
            .envs([
                ("AWS_ACCESS_KEY_ID", "AKEY"),
                ("AWS_SECRET_ACCESS_KEY", "as"),
                ("AWS_SESSION_TOKEN", "TOK"),
                ("AWS_REGION", "us-west-2"),
                ("AWS_DEFAULT_REGION", "eu-north-1"),
                ("AWS_ENDPOINT_URL_S3", "http://s3only.example:9000"),
                ("AWS_ENDPOINT_URL", "http://all.example"),
            ])
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "AKEY");
    assert_eq!(region_of(&out), "us-west-2");
    assert_eq!(host_of(&out), "s3only.example:9000");
    assert!(out.contains("X-Amz-Security-Token=TOK"), "{out}");
    let out = stdout(
        s.bare()
            .envs([
                ("AWS_ACCESS_KEY_ID", "A"),
                ("AWS_SECRET_ACCESS_KEY", "s"),
                ("AWS_DEFAULT_REGION", "eu-north-1"),
            ])
            .args(["get", "abc/k"]),
    );
    assert_eq!(region_of(&out), "eu-north-1");
}

const TOML: &str = r#"
default_profile = "main"
[profiles.main]
endpoint = "eu1"
region = "eu-main"
access_key = "TOMLMAIN"
secret_key = "tm"
expires = "2h"
[profiles.other]
endpoint = "http://localhost:9000"
region = "other-region"
access_key = "TOMLOTHER"
secret_key = "to"
signature = "v2"
virtual_host = true
"#;

#[test]
fn profile_file_default_profile_is_used() {
    let s = Sandbox::new();
    s.write(".config/presign/config.toml", TOML);
    let out = stdout(s.bare().args(["get", "abc/k"]));
    assert_eq!(access_key_of(&out), "TOMLMAIN");
    assert_eq!(region_of(&out), "eu-main");
    assert_eq!(host_of(&out), "gateway.eu1.storjshare.io");
    assert!(out.contains("X-Amz-Expires=7200&"));
}

#[test]
fn profile_file_locations() {
    let s = Sandbox::new();
    let xdg = s.write("xdg/presign/config.toml", TOML);
    let out = stdout(
        s.bare()
            .env("XDG_CONFIG_HOME", xdg.parent().unwrap().parent().unwrap())
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "TOMLMAIN");
    let elsewhere = s.write("elsewhere.toml", &TOML.replace("TOMLMAIN", "VIAENV"));
    let out = stdout(
        s.bare()
            .env("PRESIGN_CONFIG", &elsewhere)
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "VIAENV");
    let flag = s.write("flag.toml", &TOML.replace("TOMLMAIN", "VIAFLAG"));
    let out = stdout(
        s.bare()
            .env("PRESIGN_CONFIG", &elsewhere)
            .arg("--config")
            .arg(&flag)
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "VIAFLAG");
}

#[test]
fn environment_beats_the_default_profile() {
    let s = Sandbox::new();
    s.write(".config/presign/config.toml", TOML);
    let out = stdout(
        s.bare()
            .envs([
                ("PRESIGN_ACCESS_KEY", "ENVKEY"),
                ("PRESIGN_SECRET_KEY", "e"),
                ("AWS_REGION", "us-west-1"),
            ])
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "ENVKEY");
    assert_eq!(region_of(&out), "us-west-1");
    // What the environment does not set still comes from the profile.
    assert_eq!(host_of(&out), "gateway.eu1.storjshare.io");
}

#[test]
fn explicit_profile_beats_environment() {
    let s = Sandbox::new();
    s.write(".config/presign/config.toml", TOML);
    let out = stdout(
        s.bare()
            .envs([
                ("PRESIGN_ACCESS_KEY", "ENVKEY"),
                ("PRESIGN_SECRET_KEY", "e"),
                ("PRESIGN_REGION", "env-region"),
            ])
            .args(["--profile", "other", "get", "abc/k"]),
    );
    assert!(
        out.starts_with("http://abc.localhost:9000/k?AWSAccessKeyId=TOMLOTHER&"),
        "{out}"
    );
    // Selected by PRESIGN_PROFILE instead, the profile ranks below the environment.
    let out = stdout(
        s.bare()
            .envs([
                ("PRESIGN_ACCESS_KEY", "ENVKEY"),
                ("PRESIGN_SECRET_KEY", "e"),
                ("PRESIGN_PROFILE", "other"),
            ])
            .args(["get", "abc/k"]),
    );
    assert!(
        out.starts_with("http://abc.localhost:9000/k?AWSAccessKeyId=ENVKEY&"),
        "{out}"
    );
    // And flags beat the profile.
    let out = stdout(s.bare().args([
        "-p",
        "other",
        "--path-style",
        "--signature",
        "v4",
        "get",
        "abc/k",
    ]));
    assert!(
        out.starts_with("http://localhost:9000/abc/k?X-Amz-Algorithm"),
        "{out}"
    );
}

const AWS_CREDENTIALS: &str = "[default]\naws_access_key_id = AWSDEFAULT\naws_secret_access_key = ad\n\n[work]\naws_access_key_id = AWSWORK\naws_secret_access_key = aw\naws_session_token = WORKTOKEN\n";
const AWS_CONFIG: &str = "[default]\nregion = eu-central-1\n\n[profile work]\nregion = ap-northeast-1\nendpoint_url = https://s3.work.example\ns3 =\n  addressing_style = virtual\n";

#[test]
fn aws_shared_files_are_the_last_resort() {
    let s = Sandbox::new();
    s.write(".aws/credentials", AWS_CREDENTIALS);
    s.write(".aws/config", AWS_CONFIG);
    let out = stdout(s.bare().args(["get", "abc/k"]));
    assert_eq!(access_key_of(&out), "AWSDEFAULT");
    assert_eq!(region_of(&out), "eu-central-1");
    // Keys from the AWS files, no endpoint anywhere: AWS S3 for the region (issue 15).
    assert_eq!(host_of(&out), "abc.s3.eu-central-1.amazonaws.com");

    let out = stdout(s.bare().env("AWS_PROFILE", "work").args(["get", "abc/k"]));
    assert_eq!(access_key_of(&out), "AWSWORK");
    assert_eq!(region_of(&out), "ap-northeast-1");
    assert_eq!(host_of(&out), "abc.s3.work.example");
    assert!(out.contains("X-Amz-Security-Token=WORKTOKEN"), "{out}");
}

#[test]
fn aws_file_locations_come_from_the_environment() {
    let s = Sandbox::new();
    let creds = s.write(
        "elsewhere/creds",
        &AWS_CREDENTIALS.replace("AWSDEFAULT", "MOVED"),
    );
    let config = s.write("elsewhere/conf", AWS_CONFIG);
    let out = stdout(
        s.bare()
            .env("AWS_SHARED_CREDENTIALS_FILE", &creds)
            .env("AWS_CONFIG_FILE", &config)
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "MOVED");
    assert_eq!(region_of(&out), "eu-central-1");
}

#[test]
fn profile_file_beats_aws_files() {
    let s = Sandbox::new();
    s.write(".aws/credentials", AWS_CREDENTIALS);
    s.write(
        ".config/presign/config.toml",
        "[profiles.default]\naccess_key = \"TOMLDEFAULT\"\nsecret_key = \"t\"\n",
    );
    let out = stdout(s.bare().args(["get", "abc/k"]));
    assert_eq!(access_key_of(&out), "TOMLDEFAULT");
}

#[test]
fn a_session_token_never_joins_keys_from_another_source() {
    let s = Sandbox::new();
    s.write(".aws/credentials", AWS_CREDENTIALS);
    let out = stdout(
        s.bare()
            .env("AWS_SESSION_TOKEN", "STALE")
            .args(["get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "AWSDEFAULT");
    assert!(!out.contains("Security-Token"), "{out}");
    // An explicit flag does apply.
    let out = stdout(
        s.bare()
            .args(["--session-token", "FLAGTOKEN", "get", "abc/k"]),
    );
    assert!(out.contains("X-Amz-Security-Token=FLAGTOKEN"), "{out}");
}

// --- errors -------------------------------------------------------------------------

#[test]
fn input_errors_exit_2_and_name_the_value() {
    let s = Sandbox::new();
    let long_key = format!("abc/{}", "k".repeat(1025));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["get", "nobucket"], "invalid target \"nobucket\""),
        (
            vec!["get", "bad!bucket/k"],
            "invalid bucket name \"bad!bucket\"",
        ),
        (vec!["get", "abc/"], "the key is empty"),
        (vec!["get", &long_key], "1025 bytes"),
        (vec!["get", "abc/k", "-e", "1y"], "invalid duration \"1y\""),
        (vec!["get", "abc/k", "-e", "0"], "at least 1 second"),
        (vec!["get", "abc/k", "-e", "8d"], "the limit is 604800 s"),
        (
            vec!["get", "abc/k", "--endpoint", "eu2"],
            "unknown endpoint \"eu2\"",
        ),
        (
            vec!["get", "abc/k", "--endpoint", "https://h/path"],
            "must not have a path",
        ),
        (
            vec!["get", "abc/k", "--at", "tomorrow"],
            "--at: invalid time \"tomorrow\"",
        ),
        (
            vec!["get", "abc/k", "--region", "us east"],
            "invalid region \"us east\"",
        ),
        (vec!["get", "abc/k", "--signature", "v3"], "use v4 or v2"),
        (
            vec!["get", "a.b.c/k", "--virtual-host"],
            "drop --virtual-host",
        ),
        (
            vec!["get", "abc/k", "--content-type", "text/plain"],
            "unexpected argument '--content-type'",
        ),
        (
            vec!["put", "abc/k", "--content-type", "text/plain\n"],
            "control",
        ),
        (vec!["get", "abc/k", "-"], "must be the only target"),
    ];
    for (args, expected) in cases {
        let err = fails(s.cmd().args(&args), 2);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            err.starts_with("presign: error: ") && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
}

#[test]
fn usage_errors_from_clap_exit_2() {
    let s = Sandbox::new();
    for args in [
        &["get"][..],
        &["frobnicate", "abc/k"],
        &["get", "abc/k", "--bogus"],
        &["multipart", "part", "abc/k", "--parts", "3"],
    ] {
        let err = fails(s.cmd().args(args), 2);
        // One line, like every other error, with the usage and where to read more.
        assert!(
            err.starts_with("presign: error: ") && err.lines().count() == 1,
            "{args:?}: {err}"
        );
        assert!(
            err.contains("usage: presign") && err.contains("--help'"),
            "{err}"
        );
    }
}

/// clap lists what is missing, or the values it takes, below its first line: the one-line
/// error keeps them (it used to end in "were not provided:;").
#[test]
fn usage_errors_keep_the_missing_arguments_and_the_possible_values() {
    let s = Sandbox::new();
    let err = fails(s.cmd().arg("get"), 2);
    assert!(
        err.starts_with(
            "presign: error: the following required arguments were not provided: <TARGET>...; usage: "
        ),
        "{err}"
    );
    let err = fails(s.bare().args(["completions", "ksh"]), 2);
    assert!(
        err.contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn no_credentials_lists_every_place_looked_at() {
    let s = Sandbox::new();
    let err = fails(s.bare().args(["get", "abc/k"]), 1);
    for place in [
        "--access-key",
        "PRESIGN_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "config.toml",
        ".aws/credentials",
        ".aws/config",
    ] {
        assert!(err.contains(place), "{place} missing from: {err}");
    }
}

#[test]
fn half_credentials_are_an_error() {
    let s = Sandbox::new();
    let err = fails(
        s.bare()
            .env("PRESIGN_ACCESS_KEY", "AK")
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .args(["get", "abc/k"]),
        1,
    );
    assert!(
        err.contains("PRESIGN_ACCESS_KEY is set but no secret key"),
        "{err}"
    );
}

#[test]
fn config_errors_exit_1_and_name_the_file() {
    let s = Sandbox::new();
    let bad = s.write(
        "bad.toml",
        "[profiles.x]\nregion = \"a\"\nacess_key = \"AK\"\n",
    );
    let err = fails(s.bare().arg("--config").arg(&bad).args(["get", "abc/k"]), 1);
    assert!(
        err.contains(&format!("{}:3:1:", bad.display())) && err.contains("acess_key"),
        "{err}"
    );

    let broken = s.write("broken.toml", "[profiles.x\n");
    let err = fails(
        s.bare().arg("--config").arg(&broken).args(["get", "abc/k"]),
        1,
    );
    assert!(err.contains(&format!("{}:1:", broken.display())), "{err}");

    let err = fails(
        s.bare()
            .arg("--config")
            .arg(s.path("missing.toml"))
            .args(["get", "abc/k"]),
        1,
    );
    assert!(err.contains("missing.toml does not exist"), "{err}");

    s.write(".config/presign/config.toml", TOML);
    let err = fails(s.bare().args(["-p", "nope", "get", "abc/k"]), 1);
    assert!(
        err.contains("unknown profile \"nope\"") && err.contains("main, other"),
        "{err}"
    );
    let err = fails(
        s.bare().env("AWS_PROFILE", "nope").args(["get", "abc/k"]),
        1,
    );
    assert!(err.contains("unknown profile \"nope\""), "{err}");

    let bad_value = s.write(
        "v.toml",
        "[profiles.default]\naccess_key = \"A\"\nsecret_key = \"s\"\nexpires = \"soon\"\n",
    );
    let err = fails(
        s.bare()
            .arg("--config")
            .arg(&bad_value)
            .args(["get", "abc/k"]),
        1,
    );
    assert!(
        err.contains("expires in profile \"default\"") && err.contains("\"soon\""),
        "{err}"
    );

    let aws = s.write("awscreds", "[default]\nnot a setting\n");
    let err = fails(
        s.bare()
            .env("AWS_SHARED_CREDENTIALS_FILE", &aws)
            .args(["get", "abc/k"]),
        1,
    );
    assert!(err.contains("awscreds:2:1"), "{err}");
}

#[test]
fn help_documents_exit_codes() {
    let s = Sandbox::new();
    let out = stdout(s.bare().arg("--help"));
    assert!(
        out.contains("Exit codes:\n  0  success") && out.contains("\n  3  verify: "),
        "{out}"
    );
}

/// `text` with its runs of whitespace made one space, and without backticks.
fn words(text: &str) -> String {
    text.replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the docs say of `--help` is what it prints: the number of recipes it ends with,
/// the text of exit code 3 (in the docs' exit code table, and in --help, hence the man
/// page), and `--region`'s default in the connection options table; `endpoints -o`
/// describes presets.
#[test]
fn help_texts_say_what_the_docs_say() {
    let docs = crate::support::docs::all_text();
    let s = Sandbox::new();
    let help = stdout(s.bare().arg("--help"));
    let recipes = help
        .split("\nExamples:\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.trim_start().starts_with("# "))
        .count();
    let numbers = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    assert!(
        words(&docs).contains(&format!("and {} recipes;", numbers[recipes])),
        "--help has {recipes} recipes; the docs say otherwise"
    );
    // Exit code 3: one text in --help (and so the man page, made from it) and the docs.
    let block = help.split("\nExit codes:\n").nth(1).unwrap();
    let three = block
        .split("\n  3  ")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let tables = crate::support::docs::sections("Exit codes");
    assert!(!tables.is_empty(), "the docs have an Exit codes table");
    for table in tables {
        let row = table
            .text
            .lines()
            .find(|l| l.starts_with("| 3 | `verify`"))
            .unwrap_or_else(|| panic!("{}: exit code 3", table.page))
            .to_owned();
        let row = row.trim_start_matches("| 3 | ").trim_end_matches(" |");
        let row = row.split(" (see ").next().unwrap();
        assert_eq!(words(three), words(row), "{}", table.page);
    }
    let endpoints = stdout(s.bare().args(["endpoints", "--help"]));
    let values = endpoints
        .split("Possible values:")
        .nth(1)
        .and_then(|v| v.split("[default: text]").next())
        .unwrap();
    assert!(!values.contains("URL"), "{values}");
    assert!(values.contains("One preset a line"), "{values}");
    let region_row = docs
        .lines()
        .find(|l| l.starts_with("| `--region <REGION>` |"))
        .unwrap();
    assert!(region_row.contains("the preset's, else the AWS endpoint's region, else `us-east-1`"));
    // The commands that sign list --region; inspect, which signs nothing, takes none.
    for command in ["get", "put", "list", "post", "verify"] {
        let help = stdout(s.bare().args([command, "--help"]));
        assert!(
            words(&help).contains(
                "Signing region [default: the preset's, else the AWS endpoint's region, else us-east-1]"
            ),
            "{command}: {help}"
        );
    }
}

/// Regression (outside review, finding 7): `--config`'s help gave its default as
/// `$PRESIGN_CONFIG, else ~/.config/presign/config.toml`, leaving out
/// `$XDG_CONFIG_HOME/presign/config.toml`, which is read between them
/// (`profile_file_locations`). The help says what the connection options table says.
#[test]
fn config_help_names_xdg_config_home() {
    let docs = crate::support::docs::all_text();
    let row = docs
        .lines()
        .find(|l| l.starts_with("| `--config <FILE>` |"))
        .unwrap();
    let default = words(row.trim_end_matches(" |").rsplit(" | ").next().unwrap());
    assert!(
        default.contains("$XDG_CONFIG_HOME/presign/config.toml"),
        "{row}"
    );
    let s = Sandbox::new();
    for command in ["get", "put", "verify"] {
        let help = stdout(s.bare().args([command, "--help"]));
        assert!(
            words(&help).contains(&format!("Profile file [default: {default}]")),
            "{command}: {help}"
        );
    }
}

#[test]
fn dot_segments_are_kept_with_one_warning() {
    let s = Sandbox::new();
    let out = s
        .cmd()
        .args(["get", "abc/a/./b", "abc/../c", "abc/plain"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let urls = String::from_utf8(out.stdout).unwrap();
    assert!(
        urls.starts_with("https://gateway.storjshare.io/abc/a/./b?"),
        "{urls}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("--path-as-is").count(), 1, "{err}");
}

#[test]
fn a_variable_that_is_not_utf8_is_an_error_not_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let bad = std::ffi::OsStr::from_bytes(b"secret\xff");
    let err = fails(
        s.bare()
            .env("PRESIGN_ACCESS_KEY", "AK")
            .env("PRESIGN_SECRET_KEY", bad)
            .args(["get", "abc/k"]),
        1,
    );
    assert!(
        err.contains("PRESIGN_SECRET_KEY is set but its value is not valid UTF-8"),
        "{err}"
    );
}

// --- bounded lines (stdin targets, secret files, secret commands) --------------------

#[test]
fn stdin_skips_blank_lines_and_takes_a_final_cr_as_a_line_ending() {
    let s = Sandbox::new();
    let out = stdout(
        s.cmd()
            .args(["get", "-"])
            .write_stdin("\nb-1/k1\n\n  \r\nb-1/k2\r"),
    );
    let args = stdout(s.cmd().args(["get", "b-1/k1", "b-1/k2"]));
    assert_eq!(out, args);
}

#[test]
fn stdin_refuses_an_overlong_line_with_its_number_quoting_only_its_start() {
    let s = Sandbox::new();
    let long = format!("b-1/{}", "x".repeat(8 << 20));
    let out = s
        .cmd()
        .args(["get", "-"])
        .write_stdin(format!("b-1/k1\n\n{long}\nb-1/k4\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("stdin line 3: the line is longer than 4096 bytes"),
        "{err}"
    );
    assert!(err.len() < 300, "quotes too much: {} bytes", err.len());
}

#[test]
fn a_secret_key_file_with_an_overlong_first_line_is_refused_unquoted() {
    let s = Sandbox::new();
    let secretish = "SECRETISH".repeat(1000);
    for (name, text) in [
        ("long-line", format!("{secretish}\nshort\n")),
        ("no-newline", "SECRETISH".repeat(200_000)),
    ] {
        let file = s.write(name, &text);
        let err = fails(
            s.bare()
                .args(["--access-key", AK, "--secret-key-file"])
                .arg(&file)
                .args(["get", "abc/k"]),
            1,
        );
        assert!(
            err.contains("the first line is longer than 4096 bytes"),
            "{err}"
        );
        assert!(!err.contains("SECRETISH"), "{name}: {err}");
    }
    // 4096 bytes and CRLF is still a secret; so is a last line ending in a lone CR.
    for text in [format!("{}\r\n", "k".repeat(4096)), format!("{SK}\r")] {
        let file = s.write("ok", &text);
        stdout(
            s.bare()
                .args(["--access-key", AK, "--secret-key-file"])
                .arg(&file)
                .args(["get", "abc/k"]),
        );
    }
    let file = s.write("crlf", &format!("{SK}\r"));
    let via_file = stdout(
        s.bare()
            .args(["--access-key", AK, "--secret-key-file"])
            .arg(&file)
            .args(["get", "abc/k"]),
    );
    assert_eq!(via_file, stdout(s.cmd().args(["get", "abc/k"])));
}

#[test]
fn a_secret_key_command_that_prints_too_much_is_refused_unquoted() {
    let s = Sandbox::new();
    for (cmd, says) in [
        (
            "printf 'SECRETISH%.0s' $(seq 1000)",
            "printed a first line longer than 4096 bytes",
        ),
        (
            "yes SECRETISH",
            "printed more than 1048576 bytes after its first line",
        ),
    ] {
        let config = s.write(
            "p.toml",
            &format!("[profiles.default]\naccess_key = \"AK\"\nsecret_key_command = \"{cmd}\"\n"),
        );
        let err = fails(
            s.bare().arg("--config").arg(&config).args(["get", "abc/k"]),
            1,
        );
        assert!(err.contains(says), "{err}");
        assert!(
            !err.contains("SECRETISH\n") && err.matches("SECRETISH").count() <= 1,
            "{err}"
        );
    }
    // Notes after the first line, as `pass` prints them, are fine.
    let config = s.write(
        "p.toml",
        &format!(
            "[profiles.default]\naccess_key = \"{AK}\"\nsecret_key_command = \"printf '{SK}\\\\nurl: x\\\\n'\"\n"
        ),
    );
    let out = stdout(s.bare().arg("--config").arg(&config).args(["get", "abc/k"]));
    assert_eq!(out, stdout(s.cmd().args(["get", "abc/k"])));
}

#[test]
fn aws_files_are_not_read_when_they_could_not_add_anything() {
    let s = Sandbox::new();
    s.write(".aws/credentials", "[default]\nnot a setting\n");
    s.write(".aws/config", "[default]\nnot a setting either\n");
    // The AWS files hold keys, endpoint_url, region and addressing_style, nothing else:
    // with all of those given, the broken files are never opened.
    let full = [
        "--endpoint",
        "http://localhost:9000",
        "--region",
        "eu-west-1",
        "--path-style",
    ];
    let out = stdout(s.cmd().args(full).args(["get", "abc/k"]));
    assert!(out.starts_with("http://localhost:9000/abc/k?"), "{out}");
    let out = stdout(
        s.bare()
            .envs([
                ("AWS_ACCESS_KEY_ID", "AKEY"),
                ("AWS_SECRET_ACCESS_KEY", "as"),
                ("AWS_ENDPOINT_URL", "http://localhost:9000"),
                ("AWS_REGION", "eu-west-1"),
                // Without it, the config is read for its ignore_configured_endpoint_urls,
                // which botocore lets turn AWS_ENDPOINT_URL off (tests/cli/settings.rs).
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"),
            ])
            .args(["--virtual-host", "get", "abc/k"]),
    );
    assert_eq!(access_key_of(&out), "AKEY");
    // One setting the AWS files could supply is missing: now they are read.
    let err = fails(s.cmd().args(&full[..4]).args(["get", "abc/k"]), 1);
    assert!(err.contains(".aws/credentials:2:1"), "{err}");
}

#[test]
fn a_bad_combination_from_a_file_names_it_and_exits_1() {
    let s = Sandbox::new();
    let toml = s.write(
        "p.toml",
        "[profiles.default]\naccess_key = \"AK\"\nsecret_key = \"s\"\nexpires = \"8d\"\n[profiles.ip]\naccess_key = \"AK\"\nsecret_key = \"s\"\nendpoint = \"http://127.0.0.1:9000\"\nvirtual_host = true\n[profiles.v2]\naccess_key = \"AK\"\nsecret_key = \"s\"\nsignature = \"v2\"\nexpires = 9223372036854775807\n",
    );
    let run = |args: &[&str]| {
        s.bare()
            .arg("--config")
            .arg(&toml)
            .args(args)
            .args(["get", "abc/k"])
            .output()
            .unwrap()
    };
    let check = |args: &[&str], code: i32, says: &[&str]| {
        let out = run(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        for s in says {
            assert!(err.contains(s), "{args:?}: {s:?} not in {err}");
        }
        err
    };
    let err = check(
        &[],
        1,
        &[
            "expires in profile \"default\" of",
            "expiry of 691200 s is too long for SigV4",
        ],
    );
    assert!(!err.contains("--expires:"), "{err}");
    // A flag in the mix makes it an input error.
    check(
        &["--signature", "v4"],
        2,
        &[
            "expires in profile \"default\"",
            "(signature v4 from --signature)",
        ],
    );
    check(&["--signature", "v2"], 0, &[]);
    let err = check(
        &["-p", "ip"],
        1,
        &[
            "virtual_host in profile \"ip\" of",
            "not the IP address 127.0.0.1",
            "endpoint from endpoint in profile \"ip\"",
        ],
    );
    assert!(!err.contains("--virtual-host"), "{err}");
    check(
        &["-p", "ip", "--endpoint", "http://[::1]:9000"],
        2,
        &["not the IP address [::1]"],
    );
    check(&["-p", "ip", "--path-style"], 0, &[]);
    check(
        &["-p", "v2"],
        1,
        &["expires in profile \"v2\"", "it is too large"],
    );

    // The same from the AWS config file and a variable.
    s.write(
        ".aws/config",
        "[default]\ns3 =\n  addressing_style = virtual\n",
    );
    let out = s
        .cmd()
        .env("AWS_ENDPOINT_URL", "http://10.0.0.1")
        .args(["get", "abc/k"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("s3.addressing_style in [default] of")
            && err.contains("endpoint from AWS_ENDPOINT_URL"),
        "{err}"
    );
}

// botocore 1.44.8, path style, the README's keys and time (see tests/golden/generate.py).
const LEGACY_URL: &str = "https://gateway.storjshare.io/My_Old_Bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=cd22ecf795d0521a25e4714293c90e124d71d19330506ccd52d876194396f551\n";
const LONG_BUCKET_SIGNATURE: &str =
    "aca9673830f6b658e6013e94b0ce12a2fc0bc4184518e5db0d0cabfaf97c4e1f";

#[test]
fn legacy_bucket_names_sign_in_path_style_as_botocore_does() {
    let s = Sandbox::new();
    assert_eq!(stdout(s.cmd().args(["get", "My_Old_Bucket/k"])), LEGACY_URL);
    let long = format!("{}/k", "x".repeat(255));
    let out = stdout(s.cmd().args(["get", &long]));
    assert!(out.trim_end().ends_with(LONG_BUCKET_SIGNATURE), "{out}");
    // botocore's limit is 255 characters of letters, digits, '.', '-', '_'.
    let err = fails(s.cmd().args(["get", &format!("x{long}")]), 2);
    assert!(err.contains("1 to 255 characters"), "{err}");
}

#[test]
fn aws_files_are_read_as_botocore_reads_them() {
    let s = Sandbox::new();
    s.write(
        ".aws/credentials",
        "[default] # main account\naws_access_key_id = AWSDEFAULT\naws_secret_access_key = ad\n",
    );
    s.write(
        ".aws/config",
        "[default]\nregion = from-default\n[profile default]\nregion = eu-west-3\n[profile  work]\nregion = ap-south-1\n",
    );
    let out = stdout(s.bare().args(["get", "abc/k"]));
    assert_eq!(access_key_of(&out), "AWSDEFAULT");
    // botocore: [profile default] after [default] replaces it.
    assert_eq!(region_of(&out), "eu-west-3");
    let out = stdout(s.cmd().env("AWS_PROFILE", "work").args(["get", "abc/k"]));
    assert_eq!(region_of(&out), "ap-south-1");
}

#[test]
fn a_legacy_bucket_name_is_warned_about_once_and_refused_as_a_host_name() {
    let s = Sandbox::new();
    let out = s
        .cmd()
        .args(["get", "My_Old_Bucket/a", "My_Old_Bucket/b"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("legacy name").count(), 1, "{stderr}");
    assert!(stderr.contains("\"My_Old_Bucket\""), "{stderr}");
    let err = fails(
        s.cmd().args(["get", "My_Old_Bucket/a", "--virtual-host"]),
        2,
    );
    assert!(err.contains("My_Old_Bucket"), "{err}");
}

/// Every check that can fail for a target runs before the first URL is written; in a
/// stdin batch the error names the line.
#[test]
fn no_url_is_printed_when_a_later_target_cannot_be_signed() {
    let s = Sandbox::new();
    // The second bucket cannot be a host name under https: nothing at all is printed.
    fails(
        s.cmd()
            .args(["get", "b-1/k", "my.bucket/k", "--virtual-host"]),
        2,
    );
    let mut cmd = s.cmd();
    cmd.args(["get", "-", "--virtual-host"])
        .write_stdin("b-1/k\nmy.bucket/k\n");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("stdin line 2: ") && stderr.contains("my.bucket"),
        "{stderr}"
    );
}

/// Without a region anywhere, an AWS endpoint host name gives it; before, presign signed
/// for us-east-1 and S3 refused every URL.
#[test]
fn the_region_comes_from_an_aws_endpoint_when_none_is_set() {
    let s = Sandbox::new();
    for (endpoint, region) in [
        ("https://s3.eu-west-1.amazonaws.com", "eu-west-1"),
        ("https://s3-ap-southeast-2.amazonaws.com", "ap-southeast-2"),
        ("https://s3.dualstack.us-west-2.amazonaws.com", "us-west-2"),
        ("https://my-bucket.s3.sa-east-1.amazonaws.com", "sa-east-1"),
        ("https://s3.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("https://s3.amazonaws.com", "us-east-1"),
        ("https://s3.example.com", "us-east-1"),
    ] {
        let out = s
            .cmd()
            .args(["get", "my-bucket/k", "--endpoint", endpoint])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{endpoint}: {stderr}");
        assert_eq!(stderr, "", "{endpoint}");
        let url = String::from_utf8(out.stdout).unwrap();
        assert_eq!(region_of(&url), region, "{endpoint}: {url}");
    }
    // From the environment and from the AWS config file alike.
    let url = stdout(
        s.cmd()
            .env(
                "AWS_ENDPOINT_URL_S3",
                "https://s3.eu-central-1.amazonaws.com",
            )
            .args(["get", "my-bucket/k"]),
    );
    assert_eq!(region_of(&url), "eu-central-1");
    let config = s.write(
        ".aws/config",
        "[default]\nendpoint_url = https://s3.us-east-2.amazonaws.com\n",
    );
    let url = stdout(
        s.cmd()
            .env("AWS_CONFIG_FILE", &config)
            .args(["get", "my-bucket/k"]),
    );
    assert_eq!(region_of(&url), "us-east-2");
}

/// botocore 1.44.8 does not read the region from an explicit endpoint: with
/// `region_name=None` and `endpoint_url="https://s3.eu-west-1.amazonaws.com"` it signs for
/// us-east-1, a URL S3 refuses. presign's URL is the one botocore prints when told the
/// region (`region_name="eu-west-1"`), and `--region us-east-1` gives botocore's
/// no-region URL back (both by hand, path style, at 2026-01-01T00:00:00Z).
#[test]
fn an_inferred_region_signs_as_botocore_does_when_told_the_region() {
    const BOTOCORE_EU_WEST_1: &str = "https://s3.eu-west-1.amazonaws.com/my-bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0c70456e19d128e2dceaccfe5c82b59ddb3c112e16dc46c691b312d69c9ffe1a\n";
    const BOTOCORE_NO_REGION: &str = "https://s3.eu-west-1.amazonaws.com/my-bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=5f6abc9917741e9037c3f8de281ebd360c8fa517d38121f6e9ac2c8f95b55f3a\n";
    let s = Sandbox::new();
    let endpoint = ["--endpoint", "https://s3.eu-west-1.amazonaws.com"];
    assert_eq!(
        stdout(s.cmd().args(endpoint).args(["get", "my-bucket/k"])),
        BOTOCORE_EU_WEST_1
    );
    let out = s
        .cmd()
        .args(endpoint)
        .args(["--region", "us-east-1", "get", "my-bucket/k"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), BOTOCORE_NO_REGION);
}

/// A region set somewhere wins, but when it contradicts the host name presign says so
/// once, naming where each came from.
#[test]
fn a_region_that_contradicts_the_endpoint_is_used_with_one_warning() {
    let s = Sandbox::new();
    let out = s
        .cmd()
        .args(["--endpoint", "https://s3.eu-west-1.amazonaws.com"])
        .args(["--region", "us-east-1", "get", "my-bucket/a", "my-bucket/b"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let urls = String::from_utf8(out.stdout).unwrap();
    assert_eq!(urls.lines().count(), 2);
    assert!(urls.lines().all(|u| region_of(u) == "us-east-1"), "{urls}");
    assert_eq!(
        stderr,
        "presign: warning: signing for region us-east-1 (from --region), but the endpoint https://s3.eu-west-1.amazonaws.com (from --endpoint) is in eu-west-1: S3 refuses such URLs. Set the region to eu-west-1, or leave it unset to take the endpoint's.\n"
    );

    // Origins other than flags are named as such.
    let out = s
        .cmd()
        .env("AWS_REGION", "eu-west-2")
        .env("PRESIGN_ENDPOINT", "https://s3-eu-west-1.amazonaws.com")
        .args(["get", "my-bucket/k"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("region eu-west-2 (from AWS_REGION)")
            && stderr.contains("(from PRESIGN_ENDPOINT) is in eu-west-1"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // No warning when they agree, for hosts that name no region, or for SigV2 (whose
    // signature has no region).
    for args in [
        &[
            "--endpoint",
            "https://s3.eu-west-1.amazonaws.com",
            "--region",
            "eu-west-1",
        ][..],
        &[
            "--endpoint",
            "https://s3.amazonaws.com",
            "--region",
            "eu-west-1",
        ],
        &[
            "--endpoint",
            "https://s3.example.com",
            "--region",
            "eu-west-1",
        ],
        &[
            "--endpoint",
            "https://s3.eu-west-1.amazonaws.com",
            "--region",
            "us-east-1",
            "--signature",
            "v2",
        ],
    ] {
        let out = s
            .cmd()
            .args(args)
            .args(["get", "my-bucket/k"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// A regression test: a profile that gets its keys by assuming a role, through SSO, from
/// `credential_process` or a web identity token ended in a "no credentials found" that
/// did not say why. presign signs offline with static keys; it says so, naming the
/// profile, the file and the key.
#[test]
fn profiles_that_assume_roles_or_use_sso_are_named_as_unsupported() {
    let s = Sandbox::new();
    let config = s.write(
        "aws/config",
        "[default]\ncredential_process = /usr/bin/false\n\
         [profile work]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nregion = eu-west-1\n\
         [profile base]\nregion = us-east-1\n\
         [profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n\
         [profile web]\nweb_identity_token_file = /var/run/token\n\
         [profile both]\nrole_arn = arn:aws:iam::123456789012:role/deploy\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n",
    );
    let credentials = s.write(
        "aws/credentials",
        "[proc]\ncredential_process = /usr/bin/false\n",
    );
    let env = |cmd: &mut Command| {
        cmd.env("AWS_CONFIG_FILE", &config)
            .env("AWS_SHARED_CREDENTIALS_FILE", &credentials);
    };
    for (profile, section, file, key) in [
        (None, "[default]", "config", "credential_process"),
        (Some("work"), "[profile work]", "config", "role_arn"),
        (Some("sso"), "[profile sso]", "config", "sso_session"),
        (
            Some("web"),
            "[profile web]",
            "config",
            "web_identity_token_file",
        ),
        (Some("proc"), "[proc]", "credentials", "credential_process"),
    ] {
        let mut cmd = s.bare();
        env(&mut cmd);
        if let Some(p) = profile {
            cmd.args(["--profile", p]);
        }
        let stderr = fails(cmd.args(["get", "my-bucket/k"]), 1);
        let says = format!(
            "{section} in {}: {key} is not supported",
            s.path(&format!("aws/{file}")).display()
        );
        assert!(stderr.contains(&says), "{profile:?}: {stderr}");
        assert!(!stderr.contains("no credentials found"), "{stderr}");
    }
    // Keys given elsewhere win as before; the profile still gives its region.
    let mut cmd = s.cmd();
    env(&mut cmd);
    let url = stdout(cmd.args(["--profile", "work", "get", "my-bucket/k"]));
    assert_eq!(region_of(&url), "eu-west-1");
    // A profile with static keys beside role_arn is refused too: botocore assumes the role
    // before it looks at the keys (tests/cli/settings.rs covers the chain).
    let mut cmd = s.bare();
    env(&mut cmd);
    let stderr = fails(cmd.args(["--profile", "both", "get", "my-bucket/k"]), 1);
    assert!(
        stderr.contains("[profile both] in ") && stderr.contains("role_arn is not supported"),
        "{stderr}"
    );
}

/// A regression test: paths with a line break printed two lines. Every message quoting a
/// path or a value stays on one line, with control characters escaped, and no escape
/// sequence reaches the terminal.
#[test]
fn paths_and_values_with_line_breaks_stay_on_one_line() {
    let s = Sandbox::new();
    let odd = "odd\ndir\u{1b}[31m";
    let malformed = s.write(&format!("{odd}/bad.toml"), "[profiles.x\n");
    let aws_malformed = s.write(&format!("{odd}/config"), "[default]\njunk\n");
    let readable = s.write(
        &format!("{odd}/open.toml"),
        "[profiles.default]\naccess_key = \"AK\"\nsecret_key = \"s\"\n",
    );
    set_mode(&readable, 0o644);
    let missing = s.path(&format!("{odd}/missing"));
    let missing = missing.to_str().unwrap();
    type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a str>, i32);
    let cases: Vec<Case> = vec![
        (vec![], vec!["--config", malformed.to_str().unwrap()], 1),
        (vec![], vec!["--config", missing], 1),
        (vec![("PRESIGN_CONFIG", missing)], vec![], 1),
        (
            vec![("AWS_CONFIG_FILE", aws_malformed.to_str().unwrap())],
            vec![],
            1,
        ),
        (vec![("AWS_CONFIG_FILE", missing)], vec![], 1),
        (
            vec![],
            vec!["--access-key", "AK", "--secret-key-file", missing],
            1,
        ),
        (vec![], vec!["--profile", "x\ny"], 1),
        (vec![], vec!["--region", "us\neast-1"], 2),
        (vec![], vec!["--endpoint", "https://a\nb"], 2),
        (vec![], vec!["--at", "2026\n"], 2),
        (vec![], vec!["-o", "js\non"], 2),
    ];
    for (vars, args, code) in cases {
        // Values are checked once there are keys; the files are read while there are none.
        let mut cmd = if code == 2 { s.cmd() } else { s.bare() };
        let stderr = fails(
            cmd.envs(vars.clone())
                .args(&args)
                .args(["get", "my-bucket/k"]),
            code,
        );
        assert_eq!(stderr.lines().count(), 1, "{vars:?} {args:?}: {stderr}");
        assert!(!stderr.contains('\u{1b}'), "{vars:?} {args:?}: {stderr:?}");
    }
    let stderr = fails(
        s.cmd()
            .args(["put", "my-bucket/k", "--content-md5"])
            .arg(format!("@{missing}")),
        1,
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(r"odd\ndir\u{1b}[31m/missing"), "{stderr}");
    // The warning about a readable secret, too.
    let out = s
        .bare()
        .args(["--config", readable.to_str().unwrap(), "get", "my-bucket/k"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("is readable by others") && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    // A section name from an AWS file, in the warning that names where a region came from.
    let odd_section = "x\u{1b}[31m";
    let credentials = s.write(
        "odd-credentials",
        &format!("[{odd_section}]\nregion = eu-west-1\n"),
    );
    let out = s
        .cmd()
        .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
        .env("AWS_PROFILE", odd_section)
        .args([
            "--endpoint",
            "https://s3.us-east-2.amazonaws.com",
            "get",
            "my-bucket/k",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(r"region in [x\u{1b}[31m] of"), "{stderr:?}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}
