//! Settings a user can see and trust, through the real binary in a HOME of its own:
//! `presign config` and `--verbose` name where each setting came from and never show a
//! secret; keys and an endpoint of different providers are refused or warned about; an
//! unselected profile file, an unknown profile and a `~` in a file variable are named; a
//! value typed on the command line is checked before any file is read. Each test is named
//! after the defect it pins.

use crate::support::home;

use assert_cmd::Command;
use home::{Home, SK, run};

/// An AWS access key id of a real key's shape (not AWS's documented example).
const AWS_KEY: &str = "AKIAOTHEROTHEREXAMP1";
/// An access key id of Storj's shape.
const STORJ_KEY: &str = "jwexamplestorjaccesskeyid0aa";
const STORJ_SECRET: &str = "jzexamplestorjsecretkeyexampleexampleexampleexam";

/// presign's profile file, private (no warning about its mode).
fn toml(home: &Home, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = home.write(".config/presign/config.toml", text);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A profile file whose default profile is Storj's, with its own keys.
fn storj_default_profile(home: &Home) {
    toml(
        home,
        &format!(
            "default_profile = \"storj\"\n[profiles.storj]\naccess_key = \"{STORJ_KEY}\"\nsecret_key = \"{STORJ_SECRET}\"\nendpoint = \"eu1\"\n"
        ),
    );
}

fn with_aws_keys(home: &Home) -> Command {
    let mut cmd = home.cmd();
    cmd.env("AWS_ACCESS_KEY_ID", AWS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SK);
    cmd
}

fn get(cmd: &mut Command) -> (i32, String, String) {
    run(cmd.args(["get", "b-1/k"]))
}

#[test]
fn aws_keys_exported_are_refused_for_a_storj_profile_files_endpoint() {
    let home = Home::new();
    storj_default_profile(&home);
    let (code, stdout, stderr) = get(&mut with_aws_keys(&home));
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    for part in [
        "AWS_ACCESS_KEY_ID",
        "is an AWS access key id",
        "Storj",
        "endpoint in profile \"storj\"",
        "were passed over",
        "--profile \"storj\"",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // The fix the message gives works: the profile's own keys sign for its endpoint.
    let (code, stdout, stderr) = get(with_aws_keys(&home).args(["-p", "storj"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("https://gateway.eu1.storjshare.io/b-1/k?")
            && stdout.contains(&format!("Credential={STORJ_KEY}%2F")),
        "{stdout}"
    );
}

#[test]
fn a_storj_profiles_keys_are_refused_for_endpoint_aws() {
    let home = Home::new();
    storj_default_profile(&home);
    let (code, stdout, stderr) = get(home.cmd().args(["--endpoint", "aws"]));
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    for part in [
        "is not an AWS access key id",
        "AWS S3 (aws) (from --endpoint)",
        "the keys' own endpoint (endpoint in profile \"storj\"",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    // The same through a variable: a configuration error.
    let (code, _, stderr) = get(home.cmd().env("PRESIGN_ENDPOINT", "aws"));
    assert_eq!(code, 1, "{stderr}");
    // And through an AWS endpoint URL, which is AWS's as much as the preset.
    let (code, _, stderr) = get(home
        .cmd()
        .args(["--endpoint", "https://s3.eu-west-1.amazonaws.com"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is not an AWS access key id"), "{stderr}");
}

/// Keys and endpoint from different sources without the settings showing a mix-up: the
/// provider will refuse the URL, which is said, but the URL is printed.
#[test]
fn an_aws_key_with_another_providers_endpoint_from_elsewhere_is_warned_about() {
    let home = Home::new();
    for endpoint in [
        "r2:0123456789abcdef0123456789abcdef",
        "b2:us-west-004",
        "gcs",
        "spaces:nyc3",
        "wasabi:eu-central-1",
        "eu1",
        "https://gateway.storjshare.io",
    ] {
        let (code, stdout, stderr) = get(with_aws_keys(&home).args(["--endpoint", endpoint]));
        assert_eq!(code, 0, "{endpoint}: {stderr}");
        assert!(stdout.starts_with("https://"), "{endpoint}: {stdout}");
        assert!(
            stderr.starts_with("presign: warning: access key \"AKIAOTHEROTHEREXAMP1\" (from AWS_ACCESS_KEY_ID) is an AWS access key id, but the endpoint is ")
                && stderr.contains("(from --endpoint), which will refuse it")
                && stderr.lines().count() == 1,
            "{endpoint}: {stderr}"
        );
    }
    // Wasabi's keys may look like AWS's: even with the mix-up shown, only a warning.
    toml(
        &home,
        &format!(
            "[profiles.default]\naccess_key = \"{AWS_KEY}\"\nsecret_key = \"{SK}\"\nendpoint = \"aws\"\n"
        ),
    );
    let (code, _, stderr) = get(home.cmd().args(["--endpoint", "wasabi:eu-central-1"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("presign: warning: "), "{stderr}");
}

#[test]
fn keys_and_endpoint_set_together_are_taken_as_meant() {
    let home = Home::new();
    // Typed together, or in one profile, or one set of variables: no word.
    for cmd in [
        home.cmd()
            .args(["--access-key", AWS_KEY, "--secret-key", SK])
            .args(["--endpoint", "eu1"]),
        home.cmd()
            .env("PRESIGN_ACCESS_KEY", AWS_KEY)
            .env("PRESIGN_SECRET_KEY", SK)
            .env("PRESIGN_ENDPOINT", "gcs"),
    ] {
        let (code, _, stderr) = get(cmd);
        assert_eq!((code, stderr.as_str()), (0, ""));
    }
    // A flag naming the keys' own endpoint again overrides nothing.
    storj_default_profile(&home);
    let (code, _, stderr) = get(home.cmd().args(["--endpoint", "eu1"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn an_overridden_endpoint_of_the_keys_own_profile_is_warned_about() {
    let home = Home::new();
    toml(
        &home,
        &format!(
            "[profiles.default]\naccess_key = \"0051234567890ab0000000001\"\nsecret_key = \"{SK}\"\nendpoint = \"b2:us-west-004\"\n"
        ),
    );
    let (code, stdout, stderr) = get(home.cmd().env("PRESIGN_ENDPOINT", "gcs"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("https://storage.googleapis.com/"));
    assert!(
        stderr.contains("signing for Google Cloud Storage (gcs) (endpoint from PRESIGN_ENDPOINT)")
            && stderr.contains("the keys' own endpoint (endpoint in profile \"default\""),
        "{stderr}"
    );
}

#[test]
fn an_aws_key_for_the_storj_default_is_warned_about_but_not_awss_example_key() {
    let home = Home::new();
    let (code, stdout, stderr) = get(home
        .cmd()
        .env("PRESIGN_ACCESS_KEY", AWS_KEY)
        .env("PRESIGN_SECRET_KEY", SK));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("https://gateway.storjshare.io/"));
    assert!(
        stderr.contains("no endpoint is set and the default is Storj")
            && stderr.contains("pass --endpoint aws"),
        "{stderr}"
    );
    let (_, _, stderr) = get(home
        .cmd()
        .env("PRESIGN_ACCESS_KEY", home::AK)
        .env("PRESIGN_SECRET_KEY", SK));
    assert_eq!(stderr, "");
}

/// `presign config`: each setting with its source; never the secret key or the token.
#[test]
fn config_shows_each_setting_with_its_source_and_no_secret() {
    let home = Home::new();
    home.config("[default]\nregion = eu-west-1\n");
    let secret_token = "tokenvalue-tokenvalue-tokenvalue";
    let (code, stdout, stderr) = run(with_aws_keys(&home)
        .env("AWS_SECURITY_TOKEN", secret_token)
        .args(["config"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name}: {stdout}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("access_key"),
        format!("access_key {AWS_KEY} AWS_ACCESS_KEY_ID")
    );
    assert_eq!(line("secret_key"), "secret_key set AWS_SECRET_ACCESS_KEY");
    assert_eq!(
        line("session_token"),
        "session_token set AWS_SECURITY_TOKEN"
    );
    assert!(line("region").starts_with("region eu-west-1 region in [default] of "));
    assert!(line("endpoint").starts_with("endpoint https://s3.eu-west-1.amazonaws.com AWS S3"));
    assert_eq!(line("expires"), "expires 3600 s default");
    assert!(
        !stdout.contains(SK) && !stdout.contains(secret_token),
        "{stdout}"
    );

    // JSON: the same, as one object.
    let (code, json, _) = run(with_aws_keys(&home).args(["config", "-o", "json"]));
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["access_key"]["value"], AWS_KEY);
    assert_eq!(json["access_key"]["source"], "AWS_ACCESS_KEY_ID");
    assert_eq!(json["region"]["value"], "eu-west-1");
    assert_eq!(json["session_token"]["value"], "not set");

    // --verbose prints the same lines on stderr, and the URL on stdout.
    let (code, url, verbose) = run(with_aws_keys(&home)
        .env("AWS_SECURITY_TOKEN", secret_token)
        .args(["get", "b-1/k", "-v"]));
    assert_eq!(code, 0);
    assert!(
        url.starts_with("https://b-1.s3.eu-west-1.amazonaws.com/k?"),
        "{url}"
    );
    assert_eq!(verbose, stdout);
    // A refusal is the same for config as for a command that signs.
    storj_default_profile(&home);
    let (code, _, config_err) = run(with_aws_keys(&home).args(["config"]));
    let (get_code, _, get_err) = get(&mut with_aws_keys(&home));
    assert_eq!((code, config_err), (get_code, get_err));
}

#[test]
fn a_profile_file_without_a_selected_profile_is_named_not_skipped_silently() {
    let home = Home::new();
    toml(
        &home,
        &format!(
            "[profiles.storj]\naccess_key = \"{STORJ_KEY}\"\nsecret_key = \"{STORJ_SECRET}\"\n"
        ),
    );
    // AWS keys sign instead: said.
    let (code, _, stderr) = get(&mut with_aws_keys(&home));
    assert_eq!(code, 0);
    assert!(
        stderr.contains("config.toml has profiles (storj) but none is selected")
            && stderr.contains("default_profile"),
        "{stderr}"
    );
    // No keys anywhere: the list of places looked at names it.
    let (code, _, stderr) = get(&mut home.cmd());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no credentials found")
            && stderr.contains("config.toml (profiles storj, none selected)"),
        "{stderr}"
    );
    // presign's own keys: the profile file is not theirs to miss.
    let (_, _, stderr) = get(home
        .cmd()
        .env("PRESIGN_ACCESS_KEY", STORJ_KEY)
        .env("PRESIGN_SECRET_KEY", STORJ_SECRET));
    assert_eq!(stderr, "");
}

#[test]
fn an_unknown_profile_lists_the_profiles_of_every_file() {
    let home = Home::new();
    toml(&home, "[profiles.storj]\nendpoint = \"eu1\"\n");
    home.credentials(&format!(
        "[work]\naws_access_key_id = {AWS_KEY}\naws_secret_access_key = {SK}\n"
    ))
    .config("[profile dev]\nregion = eu-west-1\n[default]\n");
    let (code, _, stderr) = get(home.cmd().args(["-p", "nosuch"]));
    assert_eq!(code, 1);
    for part in [
        "unknown profile \"nosuch\"",
        "config.toml: storj",
        ".aws/credentials: work",
        ".aws/config: dev, default",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
}

#[test]
fn botocores_profile_and_token_variables_are_read() {
    let home = Home::new();
    home.credentials(&format!(
        "[default]\naws_access_key_id = {}\naws_secret_access_key = {SK}\n[work]\naws_access_key_id = {AWS_KEY}\naws_secret_access_key = {SK}\naws_security_token = file-token\n",
        home::AK
    ));
    // AWS_DEFAULT_PROFILE before AWS_PROFILE, as botocore.
    let (code, url, stderr) = get(home
        .cmd()
        .env("AWS_DEFAULT_PROFILE", "work")
        .env("AWS_PROFILE", "default"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        url.contains(&format!("Credential={AWS_KEY}%2F"))
            && url.contains("X-Amz-Security-Token=file-token"),
        "{url}"
    );
    // AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN.
    let (_, url, _) = get(with_aws_keys(&home)
        .env("AWS_SECURITY_TOKEN", "older-name")
        .env("AWS_SESSION_TOKEN", "newer-name"));
    assert!(url.contains("X-Amz-Security-Token=older-name"), "{url}");
}

#[test]
fn a_tilde_in_a_file_variable_is_the_home_directory() {
    let home = Home::new();
    home.write(
        "elsewhere/creds",
        &format!("[default]\naws_access_key_id = {AWS_KEY}\naws_secret_access_key = {SK}\n"),
    );
    home.write("elsewhere/config", "[default]\nregion = eu-west-1\n");
    let (code, url, stderr) = get(home
        .cmd()
        .env("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds")
        .env("AWS_CONFIG_FILE", "~/elsewhere/config"));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        url.starts_with("https://b-1.s3.eu-west-1.amazonaws.com/"),
        "{url}"
    );
    toml(&home, "[profiles.default]\nregion = \"eu-west-2\"\n");
    std::fs::rename(
        home.0.path().join(".config/presign/config.toml"),
        home.0.path().join("elsewhere/presign.toml"),
    )
    .unwrap();
    let (_, url, _) = get(with_aws_keys(&home).env("PRESIGN_CONFIG", "~/elsewhere/presign.toml"));
    assert!(url.contains("%2Feu-west-2%2F"), "{url}");
    for name in [
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "PRESIGN_CONFIG",
    ] {
        let (code, _, stderr) = get(with_aws_keys(&home).env(name, "~bob/config"));
        assert_eq!(code, 1, "{name}");
        assert!(
            stderr.contains(&format!(
                "{name}: \"~bob/config\" starts with ~ and a user name"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn aws_region_and_aws_default_region_that_differ_are_named() {
    let home = Home::new();
    let (code, url, stderr) = get(with_aws_keys(&home)
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_DEFAULT_REGION", "us-west-2"));
    assert_eq!(code, 0);
    assert!(url.contains("%2Feu-west-1%2F"), "{url}");
    assert!(
        stderr.contains("AWS_REGION (\"eu-west-1\") and AWS_DEFAULT_REGION (\"us-west-2\") differ")
            && stderr.contains("boto3 reads only AWS_DEFAULT_REGION"),
        "{stderr}"
    );
    // The same region twice, or a region set elsewhere that wins: nothing to say.
    let (_, _, stderr) = get(with_aws_keys(&home)
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_DEFAULT_REGION", "eu-west-1"));
    assert_eq!(stderr, "");
    let (_, _, stderr) = get(with_aws_keys(&home)
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_DEFAULT_REGION", "us-west-2")
        .args(["--region", "ap-south-1"]));
    assert_eq!(stderr, "");
}

/// What was typed is checked before the configuration: the expiry before the missing
/// keys, the endpoint before a broken profile file.
#[test]
fn flags_are_checked_before_the_configuration() {
    let home = Home::new();
    let (code, _, stderr) = get(home.cmd().args(["--expires", "30d"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--expires: expiry of 2592000 s is too long"),
        "{stderr}"
    );
    toml(&home, "this is not = = toml");
    for (flag, value) in [
        ("--endpoint", "nosuch"),
        ("--signature", "v5"),
        ("--expires", "soon"),
        ("--region", "eu west"),
    ] {
        let (code, _, stderr) = get(home.cmd().args([flag, value]));
        assert_eq!(code, 2, "{flag}: {stderr}");
        assert!(
            stderr.starts_with(&format!("presign: error: {flag}: ")),
            "{stderr}"
        );
    }
}
