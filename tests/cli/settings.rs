//! Where settings come from, as botocore 1.44.8 decides it for the same files and
//! variables: its credential chain (a role, SSO or web identity beside static keys), its
//! configured-endpoint rules (`services` sections, `ignore_configured_endpoint_urls`), the
//! AWS-side switches that only apply to AWS's endpoints, a preset's own region against a
//! region from a less specific source, the AWS config values botocore refuses or would
//! silently read as false, the session token's own origin, and
//! `us_east_1_regional_endpoint`. Each test is named after the defect an outside review
//! found; the URLs are botocore's (the call is given above each constant).

use crate::support::home;

use assert_cmd::Command;
use home::{AK, Home, SK, run};

const WORK_AK: &str = "AKIAWORKWORKEXAMPLE1";
const R2: &str = "r2:0123456789abcdef0123456789abcdef";

// botocore 1.44.8: `create_client("s3", config=Config(signature_version="s3v4"))` with the
// AWS keys above in the environment and the named AWS config, then
// `generate_presigned_url("get_object", {"Bucket": "b-1", "Key": "k"})` at AT.

/// `[default] region = us-west-2, services = my` and `[services my] s3 = endpoint_url =
/// https://minio.example.com:9000`.
const SERVICES_URL: &str = "https://minio.example.com:9000/b-1/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=7888c1a16910bff500f6199e1dc071179aa06f63698aa253b119493a5ce5d812";
/// `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional`, `AWS_DEFAULT_REGION=us-east-1`.
const REGIONAL_URL: &str = "https://b-1.s3.us-east-1.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=262f22c093e17c2a062f32eedc869d19513f8af18144af8e0d9274baff477e45";
/// `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional` and no region: still the global host.
const GLOBAL_URL: &str = "https://b-1.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=bd0bbe7dbed0a2d7234fde91886f58e131c9b12ab40d365d3436d745a7a2c0f1";
/// `AWS_USE_DUALSTACK_ENDPOINT=true`, `AWS_ENDPOINT_URL=https://minio.example.com`: the
/// switch is ignored for an endpoint of one's own.
const MINIO_URL: &str = "https://minio.example.com/b-1/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0b602847b2423d500cb53f37f714dc4b64d29b80e8c791384d342c2cba33b194";

/// The binary with the AWS keys in the environment.
fn with_aws_keys(home: &Home) -> Command {
    let mut cmd = home.cmd();
    cmd.env("AWS_ACCESS_KEY_ID", AK)
        .env("AWS_SECRET_ACCESS_KEY", SK);
    cmd
}

/// The binary with presign's own keys in the environment.
fn with_presign_keys(home: &Home) -> Command {
    with_presign_key(home, AK)
}

/// The binary with presign's own keys in the environment, `access_key` among them.
fn with_presign_key(home: &Home, access_key: &str) -> Command {
    let mut cmd = home.cmd();
    cmd.env("PRESIGN_ACCESS_KEY", access_key)
        .env("PRESIGN_SECRET_KEY", SK);
    cmd
}

/// An access key id of no provider's shape in particular (not an AWS one).
const NEUTRAL_KEY: &str = "EXAMPLEKEYEXAMPLEKEY";

/// presign's profile file, private as it should be (no warning about its mode).
fn toml(home: &Home, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = home.write(".config/presign/config.toml", text);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn keys(access_key: &str) -> String {
    format!("aws_access_key_id = {access_key}\naws_secret_access_key = {SK}\n")
}

fn url(cmd: &mut Command) -> String {
    let (code, stdout, stderr) = run(cmd.args(["get", "b-1/k"]));
    assert_eq!(code, 0, "{stderr}");
    stdout.trim_end().to_owned()
}

/// The error of a run that must fail with `code`, printing nothing on stdout.
fn error(cmd: &mut Command, code: i32) -> String {
    let (got, stdout, stderr) = run(cmd.args(["get", "b-1/k"]));
    assert_eq!((got, stdout.as_str()), (code, ""), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains(SK), "{stderr}");
    stderr
}

fn access_key_of(url: &str) -> &str {
    let credential = url.split("X-Amz-Credential=").nth(1).unwrap();
    credential.split("%2F").next().unwrap()
}

fn host_of(url: &str) -> &str {
    url.split("://").nth(1).unwrap().split('/').next().unwrap()
}

fn region_of(url: &str) -> &str {
    url.split("X-Amz-Credential=")
        .nth(1)
        .unwrap()
        .split("%2F")
        .nth(2)
        .unwrap()
}

/// Review finding 1: `[work]` keys in the credentials file and `role_arn` +
/// `source_profile` in `[profile work]` of the config signed with the static keys, exit 0.
/// botocore's chain (env, assume-role, web identity, SSO, credentials file, login,
/// credential_process, config file) uses `assume-role` there.
#[test]
fn aws_profile_that_assumes_a_role_is_refused_not_signed_with_the_keys_beside_it() {
    let home = Home::new();
    home.credentials(&format!(
        "[default]\n{}[work]\n{}",
        keys(AK),
        keys(WORK_AK)
    ))
    .config("[profile work]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n");
    for cmd in [
        home.cmd().args(["-p", "work"]),
        home.cmd().env("AWS_PROFILE", "work"),
    ] {
        let e = error(cmd, 1);
        assert!(
            e.contains("[profile work] in ")
                && e.contains(".aws/config: role_arn is not supported")
                && e.contains("assuming a role, not from the keys in [work] of ")
                && e.contains(
                    r#"eval "$(aws configure export-credentials --profile work --format env)""#
                ),
            "{e}"
        );
    }
    // botocore: the environment's keys come first in its chain, so they are used.
    let url = url(with_aws_keys(&home).env("AWS_PROFILE", "work"));
    assert_eq!(access_key_of(&url), AK);
    // A role_arn in the credentials file counts as well: botocore merges the two files.
    home.credentials(&format!(
        "[work]\n{}role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = work\n",
        keys(WORK_AK)
    ))
    .config("");
    let e = error(home.cmd().args(["-p", "work"]), 1);
    assert!(
        e.contains(".aws/credentials: role_arn is not supported"),
        "{e}"
    );
}

/// The siblings of finding 1: every provider botocore puts before the file the keys are
/// in. Each row: credentials file, config file, extra variables, and what presign says
/// (`None`: it signs with the files' keys, as botocore's `shared-credentials-file` or
/// `config-file` provider does; measured with `Session().get_credentials().method`).
#[test]
fn every_provider_botocore_tries_before_the_keys_file_is_refused_and_the_later_ones_are_not() {
    let home = Home::new();
    let process = "credential_process = /bin/false\n";
    let sso = "sso_account_id = 123456789012\nsso_role_name = r\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n";
    /// (credentials file, config file, variables, the refusal or None)
    type Case<'a> = (String, String, &'a [(&'a str, &'a str)], Option<&'a str>);
    let cases: [Case; 9] = [
        // botocore: sso
        (
            format!("[default]\n{}", keys(AK)),
            format!("[default]\n{sso}"),
            &[],
            Some("[default] in CONFIG: sso_account_id is not supported"),
        ),
        // botocore: shared-credentials-file (an SSO start URL alone names no role)
        (
            format!("[default]\n{}", keys(AK)),
            "[default]\nsso_start_url = https://x.awsapps.com/start\n".to_owned(),
            &[],
            None,
        ),
        // botocore: assume-role-with-web-identity
        (
            format!("[default]\n{}", keys(AK)),
            "[default]\nweb_identity_token_file = /t\nrole_arn = arn:aws:iam::1:role/x\n"
                .to_owned(),
            &[],
            Some("[default] in CONFIG: web_identity_token_file is not supported"),
        ),
        (
            format!("[default]\n{}", keys(AK)),
            String::new(),
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/x"),
            ],
            Some("AWS_WEB_IDENTITY_TOKEN_FILE is not supported"),
        ),
        // botocore: shared-credentials-file, then credential_process
        (
            format!("[default]\n{}", keys(AK)),
            format!("[default]\n{process}"),
            &[],
            None,
        ),
        // botocore: custom-process, before the config file's keys
        (
            String::new(),
            format!("[default]\n{}{process}", keys(AK)),
            &[],
            Some("[default] in CONFIG: credential_process is not supported"),
        ),
        // botocore: login, before the config file's keys (after the credentials file's)
        (
            String::new(),
            format!("[default]\n{}login_session = x\n", keys(AK)),
            &[],
            Some("[default] in CONFIG: login_session is not supported"),
        ),
        (
            format!("[default]\n{}", keys(AK)),
            "[default]\nlogin_session = x\n".to_owned(),
            &[],
            None,
        ),
        // botocore: shared-credentials-file (source_profile means nothing without role_arn)
        (
            format!("[default]\n{}", keys(AK)),
            "[default]\nsource_profile = x\n".to_owned(),
            &[],
            None,
        ),
    ];
    let config_path = home.0.path().join(".aws/config").display().to_string();
    for (credentials, config, vars, refusal) in cases {
        home.credentials(&credentials).config(&config);
        let mut cmd = home.cmd();
        cmd.envs(vars.iter().copied());
        match refusal {
            Some(says) => {
                let e = error(&mut cmd, 1);
                let says = says.replace("CONFIG", &config_path);
                assert!(e.contains(&says), "{config}: {e}");
            }
            None => assert_eq!(access_key_of(&url(&mut cmd)), AK, "{config}"),
        }
    }
    // botocore reads AWS_WEB_IDENTITY_TOKEN_FILE only when no profile is passed by name.
    home.credentials(&format!("[default]\n{}", keys(AK)))
        .config("");
    let url = url(home
        .cmd()
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")
        .args(["-p", "default"]));
    assert_eq!(access_key_of(&url), AK);
}

/// Review finding 2: `services = my` and a `[services my]` section with an s3
/// endpoint_url were ignored (an AWS URL); botocore uses the minio endpoint.
#[test]
fn aws_config_services_endpoint_is_used_as_botocore_uses_it() {
    let home = Home::new();
    let services = "[default]\nregion = us-west-2\nservices = my\n[services my]\ns3 =\n  endpoint_url = https://minio.example.com:9000\n";
    home.config(services);
    assert_eq!(url(&mut with_aws_keys(&home)), SERVICES_URL);
    // Its rank, as botocore's lookup order: AWS_ENDPOINT_URL_S3 > AWS_ENDPOINT_URL >
    // the services section > the profile's endpoint_url.
    home.config(&format!("{services}[profile other]\n").replace(
        "services = my\n",
        "services = my\nendpoint_url = https://profile.example.com\n",
    ));
    assert_eq!(
        host_of(&url(&mut with_aws_keys(&home))),
        "minio.example.com:9000"
    );
    let env_url = url(with_aws_keys(&home).env("AWS_ENDPOINT_URL", "https://global.example.com"));
    assert_eq!(host_of(&env_url), "global.example.com");
    let s3_url = url(with_aws_keys(&home)
        .env("AWS_ENDPOINT_URL", "https://global.example.com")
        .env("AWS_ENDPOINT_URL_S3", "https://s3only.example.com"));
    assert_eq!(host_of(&s3_url), "s3only.example.com");
    // A services section with no s3 endpoint_url leaves the profile's.
    home.config("[default]\nservices = my\nendpoint_url = https://profile.example.com\n[services my]\nsqs =\n  endpoint_url = https://q.example.com\n");
    assert_eq!(
        host_of(&url(&mut with_aws_keys(&home))),
        "profile.example.com"
    );
    // botocore: InvalidConfigError, the services section does not exist.
    home.config("[default]\nregion = us-west-2\nservices = nope\n");
    let e = error(&mut with_aws_keys(&home), 1);
    assert!(
        e.contains("services in [default] of ") && e.contains("no [services nope] section"),
        "{e}"
    );
    // The same profile with --profile: AWS_ENDPOINT_URL still beats the files' endpoints.
    home.config(services);
    let url = url(with_aws_keys(&home)
        .env("AWS_ENDPOINT_URL", "https://global.example.com")
        .args(["-p", "default"]));
    assert_eq!(host_of(&url), "global.example.com");
}

/// Review finding 2, reversed: `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` and the config
/// key `ignore_configured_endpoint_urls = true` were ignored (the minio URL); botocore
/// turns every configured endpoint off and prints the AWS URL.
#[test]
fn ignore_configured_endpoint_urls_turns_off_every_aws_configured_endpoint() {
    let home = Home::new();
    home.config("[default]\nregion = us-west-2\n");
    let aws = url(&mut with_aws_keys(&home));
    assert!(
        aws.starts_with("https://b-1.s3.us-west-2.amazonaws.com/k?"),
        "{aws}"
    );
    let with_endpoint = "[default]\nregion = us-west-2\nendpoint_url = https://minio.example.com\nservices = my\n[services my]\ns3 =\n  endpoint_url = https://svc.example.com\n";
    home.config(with_endpoint);
    assert_eq!(host_of(&url(&mut with_aws_keys(&home))), "svc.example.com");
    for value in ["true", "TRUE"] {
        let url = url(with_aws_keys(&home)
            .env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", value)
            .env("AWS_ENDPOINT_URL", "https://e.example.com"));
        assert_eq!(url, aws);
    }
    home.config(&with_endpoint.replace(
        "region = us-west-2\n",
        "region = us-west-2\nignore_configured_endpoint_urls = true\n",
    ));
    assert_eq!(url(&mut with_aws_keys(&home)), aws);
    assert_eq!(
        url(with_aws_keys(&home).env("AWS_ENDPOINT_URL_S3", "https://e.example.com")),
        aws
    );
    // The variable beats the key, as in botocore.
    let url_false = url(with_aws_keys(&home).env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"));
    assert_eq!(host_of(&url_false), "svc.example.com");
    // presign's own settings are not "configured endpoint URLs": they still apply.
    let flag = url(with_aws_keys(&home)
        .env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")
        .args(["--endpoint", "https://flag.example.com"]));
    assert_eq!(host_of(&flag), "flag.example.com");
    let variable = url(with_aws_keys(&home)
        .env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")
        .env("PRESIGN_ENDPOINT", "https://presign.example.com"));
    assert_eq!(host_of(&variable), "presign.example.com");
    // A value that is neither true nor false is refused (botocore: false).
    let e = error(
        with_aws_keys(&home).env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes"),
        1,
    );
    assert!(
        e.contains("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: \"yes\" is neither true nor false"),
        "{e}"
    );
}

/// With AWS_ENDPOINT_URL the config is read for its ignore_configured_endpoint_urls, so a
/// broken config is reported rather than skipped.
#[test]
fn aws_endpoint_url_reads_the_config_for_its_ignore_key() {
    let home = Home::new();
    home.config("[default]\nnot a setting\n");
    let e = error(
        with_aws_keys(&home)
            .env("AWS_ENDPOINT_URL", "https://e.example.com")
            .env("AWS_REGION", "eu-west-1")
            .arg("--path-style"),
        1,
    );
    assert!(e.contains(".aws/config:2:1"), "{e}");
}

/// Review finding 3: AWS_USE_DUALSTACK_ENDPOINT / AWS_USE_FIPS_ENDPOINT and the AWS
/// config's `use_dualstack_endpoint` broke every non-AWS endpoint with "drop --dualstack",
/// a flag never typed, and no way to turn them off. botocore ignores them with an endpoint
/// of one's own.
#[test]
fn aws_side_dualstack_and_fips_do_not_break_other_endpoints() {
    let home = Home::new();
    assert_eq!(
        url(with_aws_keys(&home)
            .env("AWS_USE_DUALSTACK_ENDPOINT", "true")
            .env("AWS_ENDPOINT_URL", "https://minio.example.com")),
        MINIO_URL
    );
    let plain = |endpoint: &str| url(with_presign_keys(&home).args(["--endpoint", endpoint]));
    for (var, endpoint) in [
        ("AWS_USE_DUALSTACK_ENDPOINT", "global"),
        ("AWS_USE_DUALSTACK_ENDPOINT", R2),
        ("AWS_USE_FIPS_ENDPOINT", R2),
        ("AWS_USE_FIPS_ENDPOINT", "https://minio.example.com"),
    ] {
        let got = url(with_presign_keys(&home)
            .env(var, "true")
            .args(["--endpoint", endpoint]));
        assert_eq!(got, plain(endpoint), "{var} {endpoint}");
    }
    // The Storj default of presign's own keys, with the switch in the environment.
    assert_eq!(
        url(with_presign_keys(&home).env("AWS_USE_DUALSTACK_ENDPOINT", "true")),
        plain("global")
    );
    for config in [
        "[default]\ns3 =\n  use_dualstack_endpoint = true\n",
        "[default]\nuse_dualstack_endpoint = true\nuse_fips_endpoint = true\n",
    ] {
        home.config(config);
        assert_eq!(
            url(with_presign_keys(&home).args(["--endpoint", R2])),
            plain(R2)
        );
        // ...and still apply to AWS.
        let aws = url(with_presign_keys(&home).args(["--endpoint", "aws"]));
        assert!(host_of(&aws).contains("dualstack"), "{aws}");
    }
    home.config("");
    // Typed as a flag, or written in presign's own profile next to the endpoint, the
    // switch is a contradiction the user made: refused, naming it.
    let e = error(
        with_presign_keys(&home).args(["--endpoint", R2, "--dualstack"]),
        2,
    );
    assert!(e.contains("--dualstack names AWS S3 hosts"), "{e}");
    home.write(
        ".config/presign/config.toml",
        &format!("[profiles.default]\nendpoint = \"{R2}\"\nfips = true\n"),
    );
    let e = error(&mut with_presign_keys(&home), 1);
    assert!(
        e.contains("FIPS (fips in profile \"default\" of ") && e.contains("to false"),
        "{e}"
    );
    std::fs::remove_file(home.0.path().join(".config/presign/config.toml")).unwrap();
    // botocore refuses acceleration with an endpoint of one's own ("A custom endpoint
    // cannot be combined with S3 Accelerate"): refused, naming the config key.
    home.config("[default]\ns3 =\n  use_accelerate_endpoint = true\n");
    let e = error(with_presign_keys(&home).args(["--endpoint", R2]), 1);
    assert!(
        e.starts_with(
            "presign: error: S3 Transfer Acceleration (s3.use_accelerate_endpoint in [default] of "
        ) && e.contains("set s3.use_accelerate_endpoint in [default] of ")
            && !e.contains("--accelerate names"),
        "{e}"
    );
}

/// Review finding 3, the messages: `--region cn-north-1-fips` and AWS_USE_FIPS_ENDPOINT
/// said "drop --fips", a flag the user never typed.
#[test]
fn fips_refusals_name_the_real_source_not_the_flag() {
    let home = Home::new();
    let e = error(
        with_aws_keys(&home).args(["--region", "cn-north-1-fips"]),
        2,
    );
    assert!(
        e.contains("--region: FIPS (asked for by the region's fips- or -fips) is not available for region cn-north-1")
            && e.contains("; write the region without fips")
            && !e.contains("--fips"),
        "{e}"
    );
    let e = error(
        with_aws_keys(&home)
            .env("AWS_USE_FIPS_ENDPOINT", "true")
            .env("AWS_REGION", "eu-west-1"),
        1,
    );
    assert!(
        e.contains("FIPS (AWS_USE_FIPS_ENDPOINT) is not available for region eu-west-1")
            && e.contains("unset AWS_USE_FIPS_ENDPOINT")
            && !e.contains("--fips"),
        "{e}"
    );
    home.config("[default]\nregion = eu-west-1\nuse_fips_endpoint = true\n");
    let e = error(&mut with_aws_keys(&home), 1);
    assert!(
        e.contains("FIPS (use_fips_endpoint in [default] of ")
            && e.contains("set use_fips_endpoint in [default] of ")
            && !e.contains("--fips"),
        "{e}"
    );
    home.config("[default]\nregion = cn-north-1\ns3 =\n  use_accelerate_endpoint = true\n");
    let e = error(&mut with_aws_keys(&home), 1);
    assert!(
        e.contains("S3 Transfer Acceleration (s3.use_accelerate_endpoint in [default] of ")
            && !e.contains("--accelerate"),
        "{e}"
    );
    // Two switches from two sources: each named with its own fix.
    home.config("[default]\nregion = us-west-2\ns3 =\n  use_accelerate_endpoint = true\n");
    let e = error(with_aws_keys(&home).arg("--fips"), 2);
    assert!(
        e.contains("S3 Transfer Acceleration has no FIPS endpoints; drop --fips or set s3.use_accelerate_endpoint in [default] of "),
        "{e}"
    );
    // The flag keeps the flag's words.
    home.config("");
    let e = error(
        with_aws_keys(&home).args(["--fips", "--region", "eu-west-1"]),
        2,
    );
    assert!(
        e.contains("--fips is not available") && e.contains("drop --fips"),
        "{e}"
    );
}

/// Review finding 4: `region = us-west-2` in ~/.aws/config beat a preset typed on the
/// command line (`--endpoint b2:us-west-004` signed for us-west-2, with a warning). A
/// preset's own region now wins over a region from a less specific source.
#[test]
fn aws_config_region_does_not_override_a_preset_typed_on_the_command_line() {
    let home = Home::new();
    home.config("[default]\nregion = us-west-2\n");
    for (endpoint, region) in [
        ("b2:us-west-004", "us-west-004"),
        (R2, "auto"),
        ("gcs", "auto"),
        ("wasabi:eu-central-1", "eu-central-1"),
        ("spaces:nyc3", "nyc3"),
    ] {
        for cmd in [
            with_presign_key(&home, NEUTRAL_KEY).args(["--endpoint", endpoint]),
            with_presign_key(&home, NEUTRAL_KEY)
                .env("AWS_REGION", "eu-west-1")
                .args(["--endpoint", endpoint]),
            with_presign_key(&home, NEUTRAL_KEY)
                .env("PRESIGN_REGION", "eu-west-1")
                .args(["--endpoint", endpoint]),
            with_presign_key(&home, NEUTRAL_KEY)
                .env("PRESIGN_ENDPOINT", endpoint)
                .env("AWS_REGION", "eu-west-1"),
        ] {
            let (code, stdout, stderr) = run(cmd.args(["get", "b-1/k"]));
            assert_eq!((code, stderr.as_str()), (0, ""), "{endpoint}");
            assert_eq!(region_of(&stdout), region, "{endpoint}");
        }
    }
    // An AWS region is for AWS: it does not override the preset of presign's profile file
    // either, though the variable stands above the file.
    toml(&home, "[profiles.default]\nendpoint = \"b2:us-west-004\"\n");
    let (code, stdout, stderr) = run(with_presign_key(&home, NEUTRAL_KEY)
        .env("AWS_REGION", "eu-west-1")
        .args(["get", "b-1/k"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(region_of(&stdout), "us-west-004");
    // presign's own variable does, standing above the file: it wins, with the warning.
    let (code, stdout, stderr) = run(with_presign_key(&home, NEUTRAL_KEY)
        .env("PRESIGN_REGION", "us-east-1")
        .args(["get", "b-1/k"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(region_of(&stdout), "us-east-1");
    assert!(
        stderr.contains("warning: signing for region us-east-1"),
        "{stderr}"
    );
    // ...while the AWS config's own endpoint_url preset takes the region beside it.
    std::fs::remove_file(home.0.path().join(".config/presign/config.toml")).unwrap();
    home.config("[default]\nregion = us-east-1\nendpoint_url = b2:us-west-004\n");
    let (code, stdout, stderr) = run(with_presign_key(&home, NEUTRAL_KEY).args(["get", "b-1/k"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(region_of(&stdout), "us-east-1");
    assert!(
        stderr.contains("warning: signing for region us-east-1"),
        "{stderr}"
    );
    home.config("[default]\nregion = us-west-2\n");
    // A region from the same source or a more specific one of presign's still wins,
    // warning once.
    for cmd in [
        with_presign_key(&home, NEUTRAL_KEY).args([
            "--endpoint",
            "b2:us-west-004",
            "--region",
            "us-east-1",
        ]),
        with_presign_key(&home, NEUTRAL_KEY)
            .env("PRESIGN_ENDPOINT", "b2:us-west-004")
            .env("PRESIGN_REGION", "us-east-1"),
        with_presign_key(&home, NEUTRAL_KEY)
            .env("PRESIGN_ENDPOINT", "b2:us-west-004")
            .args(["--region", "us-east-1"]),
    ] {
        let (code, stdout, stderr) = run(cmd.args(["get", "b-1/k"]));
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(region_of(&stdout), "us-east-1");
        assert_eq!(
            stderr
                .matches("warning: signing for region us-east-1")
                .count(),
            1,
            "{stderr}"
        );
    }
    home.write(
        ".config/presign/config.toml",
        "[profiles.default]\nendpoint = \"b2:us-west-004\"\nregion = \"us-east-1\"\n",
    );
    let (code, stdout, stderr) = run(with_presign_key(&home, NEUTRAL_KEY).args(["get", "b-1/k"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(region_of(&stdout), "us-east-1");
    assert!(
        stderr.contains("warning: signing for region us-east-1"),
        "{stderr}"
    );
    // An endpoint that carries no region (aws, a URL, Storj) still takes the file's.
    std::fs::remove_file(home.0.path().join(".config/presign/config.toml")).unwrap();
    let aws = url(with_presign_key(&home, NEUTRAL_KEY).args(["--endpoint", "aws"]));
    assert_eq!(region_of(&aws), "us-west-2");
}

/// Review finding 5: `s3 = addressing_style = pth` gave a virtual-host URL, exit 0;
/// botocore raises InvalidS3AddressingStyleError. Siblings: every other AWS config value
/// presign reads (botocore reads a switch that is not `true` as false: refused, so `yes`
/// does not silently mean off; a bad region is refused by both).
#[test]
fn invalid_aws_config_values_are_refused_naming_the_file_and_value() {
    let home = Home::new();
    let config = home.0.path().join(".aws/config").display().to_string();
    for (text, says) in [
        (
            "[default]\ns3 =\n  addressing_style = pth\n",
            format!(
                "s3.addressing_style in [default] of {config}: invalid addressing style \"pth\": use virtual, path or auto"
            ),
        ),
        // botocore refuses these too: the value is case-sensitive, and empty is no style.
        (
            "[default]\ns3 =\n  addressing_style = Virtual\n",
            "invalid addressing style \"Virtual\"".to_owned(),
        ),
        (
            "[default]\ns3 =\n  addressing_style =\n",
            "invalid addressing style \"\"".to_owned(),
        ),
        (
            "[default]\nuse_fips_endpoint = yes\n",
            format!(
                "use_fips_endpoint in [default] of {config}: \"yes\" is neither true nor false"
            ),
        ),
        (
            "[default]\nuse_dualstack_endpoint = 1\n",
            "use_dualstack_endpoint in [default] of".to_owned(),
        ),
        (
            "[default]\ns3 =\n  use_dualstack_endpoint = on\n",
            "s3.use_dualstack_endpoint in [default] of".to_owned(),
        ),
        (
            "[default]\ns3 =\n  use_accelerate_endpoint = enabled\n",
            "s3.use_accelerate_endpoint in [default] of".to_owned(),
        ),
        (
            "[default]\nregion = us_west\n",
            format!("region in [default] of {config}:"),
        ),
        (
            "[default]\ns3_us_east_1_regional_endpoint = bogus\n",
            format!(
                "s3_us_east_1_regional_endpoint in [default] of {config}: invalid value \"bogus\": use legacy"
            ),
        ),
        (
            "[default]\ns3 =\n  us_east_1_regional_endpoint = Regional\n",
            "s3.us_east_1_regional_endpoint in [default] of".to_owned(),
        ),
    ] {
        home.config(text);
        let e = error(&mut with_aws_keys(&home), 1);
        assert!(e.contains(&says), "{text}: {e}");
    }
    for (var, value) in [
        ("AWS_USE_DUALSTACK_ENDPOINT", "1"),
        ("AWS_USE_FIPS_ENDPOINT", "yes"),
        ("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "Regional"),
    ] {
        home.config("");
        let e = error(with_aws_keys(&home).env(var, value), 1);
        assert!(e.starts_with(&format!("presign: error: {var}: ")), "{e}");
    }
    // The values botocore takes still work: auto is the default, case does not matter
    // for the switches.
    home.config("[default]\ns3 =\n  addressing_style = auto\nuse_fips_endpoint = FALSE\n");
    assert_eq!(url(&mut with_aws_keys(&home)), GLOBAL_URL);
    // A secret pasted as a value is not shown.
    home.config(&format!("[default]\ns3 =\n  addressing_style = {SK}\n"));
    let e = error(&mut with_aws_keys(&home), 1);
    assert!(e.contains("not shown"), "{e}");
}

/// Review finding 6: `--session-token ""` was blamed on the access key's source
/// (`PRESIGN_ACCESS_KEY: invalid session token`, exit 1). It names the token's own source,
/// and exits 2 for a flag.
#[test]
fn empty_session_token_is_blamed_on_its_own_source() {
    let home = Home::new();
    for cmd in [
        &mut with_presign_keys(&home),
        &mut with_aws_keys(&home),
        with_presign_keys(&home).args(["--access-key", AK, "--secret-key", SK]),
    ] {
        let e = error(cmd.args(["--session-token", ""]), 2);
        assert!(
            e.starts_with("presign: error: --session-token: invalid session token: it is empty"),
            "{e}"
        );
    }
    toml(
        &home,
        &format!(
            "[profiles.default]\naccess_key = \"{AK}\"\nsecret_key = \"{SK}\"\nsession_token = \"\"\n"
        ),
    );
    let e = error(&mut home.cmd(), 1);
    assert!(
        e.contains("session_token in profile \"default\" of ")
            && e.contains("invalid session token"),
        "{e}"
    );
    // The sibling: an empty secret key names the secret's source.
    let e = error(home.cmd().args(["--access-key", AK, "--secret-key", ""]), 2);
    assert!(
        e.starts_with("presign: error: --secret-key: invalid secret key"),
        "{e}"
    );
}

/// Review finding 7: AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional (and the config's
/// `s3_us_east_1_regional_endpoint = regional`) was ignored. botocore 1.44.8 (default
/// `legacy`) then gives the regional host for a region set to us-east-1; with no region
/// set it keeps the global host.
#[test]
fn us_east_1_regional_endpoint_gives_the_regional_host_as_botocore() {
    let home = Home::new();
    let regional = || {
        let mut cmd = with_aws_keys(&home);
        cmd.env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "regional");
        cmd
    };
    assert_eq!(
        url(regional().env("AWS_DEFAULT_REGION", "us-east-1")),
        REGIONAL_URL
    );
    assert_eq!(
        url(regional().args(["--region", "us-east-1"])),
        REGIONAL_URL
    );
    assert_eq!(url(&mut regional()), GLOBAL_URL);
    assert_eq!(url(regional().args(["--region", "aws-global"])), GLOBAL_URL);
    assert_eq!(
        url(with_aws_keys(&home)
            .env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "legacy")
            .args(["--region", "us-east-1"])),
        GLOBAL_URL
    );
    for config in [
        "[default]\nregion = us-east-1\ns3_us_east_1_regional_endpoint = regional\n",
        "[default]\nregion = us-east-1\ns3 =\n  us_east_1_regional_endpoint = regional\n",
        // The top-level key beats the nested one, as botocore looks them up.
        "[default]\nregion = us-east-1\ns3_us_east_1_regional_endpoint = regional\ns3 =\n  us_east_1_regional_endpoint = legacy\n",
    ] {
        home.config(config);
        assert_eq!(url(&mut with_aws_keys(&home)), REGIONAL_URL, "{config}");
    }
    // The variable beats the file.
    assert_eq!(
        url(with_aws_keys(&home).env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "legacy")),
        GLOBAL_URL
    );
    // Path style, as botocore: https://s3.us-east-1.amazonaws.com/b-1/k.
    let path = url(with_aws_keys(&home).arg("--path-style"));
    assert!(
        path.starts_with("https://s3.us-east-1.amazonaws.com/b-1/k?"),
        "{path}"
    );
    // Other regions and endpoints are untouched.
    let west = url(with_aws_keys(&home).args(["--region", "us-west-2"]));
    assert_eq!(host_of(&west), "b-1.s3.us-west-2.amazonaws.com");
    let b2 = url(with_aws_keys(&home).args(["--endpoint", "b2:us-west-004"]));
    assert_eq!(host_of(&b2), "s3.us-west-004.backblazeb2.com");
}

/// The values the new checks quote (a services name, a switch, a us-east-1 setting, an
/// addressing style), each set to a secret key: refused without showing it.
#[test]
fn a_secret_pasted_into_the_new_aws_settings_is_never_shown() {
    let home = Home::new();
    for config in [
        format!("[default]\nservices = {SK}\n"),
        format!(
            "[default]\nignore_configured_endpoint_urls = {SK}\nendpoint_url = https://e.example.com\n"
        ),
        format!("[default]\ns3_us_east_1_regional_endpoint = {SK}\n"),
        format!("[default]\nuse_fips_endpoint = {SK}\n"),
        format!("[default]\ns3 =\n  use_dualstack_endpoint = {SK}\n"),
        format!("[default]\ns3 =\n  addressing_style = {SK}\n"),
    ] {
        home.config(&config);
        let e = error(&mut with_aws_keys(&home), 1);
        assert!(e.contains("not shown"), "{config}: {e}");
    }
    home.config("");
    for var in [
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
        "AWS_USE_FIPS_ENDPOINT",
        "AWS_USE_DUALSTACK_ENDPOINT",
    ] {
        let e = error(
            with_aws_keys(&home)
                .env(var, SK)
                .env("AWS_ENDPOINT_URL", "https://e.example.com"),
            1,
        );
        assert!(e.contains("not shown"), "{var}: {e}");
    }
}

/// A second review: `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=' true'` was trimmed and read as
/// true, where botocore reads only `true` itself (so the endpoint stayed); the AWS_USE_*
/// switches likewise. A variable is not trimmed: ` true` is neither true nor false, and
/// refused as such.
#[test]
fn aws_switches_in_variables_are_not_trimmed() {
    let home = Home::new();
    for var in [
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_USE_FIPS_ENDPOINT",
        "AWS_USE_DUALSTACK_ENDPOINT",
    ] {
        for value in [" true", "true ", "\ttrue"] {
            let mut cmd = with_aws_keys(&home);
            cmd.env(var, value)
                .env("AWS_ENDPOINT_URL", "https://m.example.com");
            let stderr = error(&mut cmd, 1);
            assert!(
                stderr.contains(&format!("{var}: ")),
                "{var}={value:?}: {stderr}"
            );
            assert!(stderr.contains("is neither true nor false"), "{stderr}");
        }
        // Any case of the word itself is read.
        let mut cmd = with_aws_keys(&home);
        cmd.env(var, "TRUE")
            .env("AWS_ENDPOINT_URL", "https://m.example.com");
        let (code, _, stderr) = run(cmd.args(["get", "b-1/k"]));
        assert_eq!(code, 0, "{var}=TRUE: {stderr}");
    }
}
