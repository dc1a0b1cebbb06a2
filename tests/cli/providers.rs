//! Providers through the real binary, in an empty HOME: the default endpoint that follows
//! the keys (issue 15), the AWS options from every source, the warnings (a region against
//! a preset, credentials that die before the URL), `presign endpoints`, and `verify
//! --explain` naming where the endpoint came from. The URLs are botocore 1.44.8's
//! (tests/golden/providers.jsonl checks the full matrix through the library).

use crate::support::home;

use assert_cmd::Command;
use home::{AK, Home, SK, run};

/// botocore: `create_client("s3", region_name="us-west-2", endpoint_url=
/// "https://s3.us-west-2.amazonaws.com", config=Config(signature_version="s3v4",
/// s3={"addressing_style": "virtual"}))`, `get_object` my-bucket/a.txt at AT.
const US_WEST_2_URL: &str = "https://my-bucket.s3.us-west-2.amazonaws.com/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=286ce4bd02a9f155de1c2fa4fd6ea7486a472f55ecc5c7e97dc6575a59425936";
/// botocore with `region_name="us-east-1"`, no endpoint_url, `Config(signature_version="s3v4")`.
const US_EAST_1_URL: &str = "https://my-bucket.s3.amazonaws.com/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e363b188c0f1c97c7c921d303470ec7eb90e64b098e88665673ab15fdebb202c";

/// An application key id of Backblaze B2's shape.
const B2_KEY: &str = "0051234567890ab0000000001";

fn url_of(cmd: &mut Command) -> String {
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim_end().to_owned()
}

/// Issue 15: AWS keys in the AWS files, a region in the config, no endpoint anywhere got a
/// Storj URL signed for us-west-2, silently. Now: AWS S3's regional host, as botocore.
#[test]
fn aws_files_without_endpoint_give_an_aws_url_not_a_storj_one() {
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\n");
    let (code, stdout, stderr) = run(home.cmd().args(["get", "my-bucket/a.txt"]));
    assert_eq!(
        (code, stdout.trim_end(), stderr.as_str()),
        (0, US_WEST_2_URL, "")
    );
}

#[test]
fn aws_variables_without_region_give_botocores_us_east_1_url() {
    let home = Home::new();
    let url = url_of(
        home.cmd()
            .env("AWS_ACCESS_KEY_ID", AK)
            .env("AWS_SECRET_ACCESS_KEY", SK)
            .args(["get", "my-bucket/a.txt"]),
    );
    assert_eq!(url, US_EAST_1_URL);
    // --endpoint aws is the same, whatever the keys' source.
    let explicit = url_of(home.cmd().args([
        "--access-key",
        AK,
        "--secret-key",
        SK,
        "--endpoint",
        "aws",
        "get",
        "my-bucket/a.txt",
    ]));
    assert_eq!(explicit, US_EAST_1_URL);
}

#[test]
fn presigns_own_keys_keep_the_storj_default_and_explicit_endpoints_keep_path_style() {
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\n");
    let url = url_of(
        home.cmd()
            .env("PRESIGN_ACCESS_KEY", AK)
            .env("PRESIGN_SECRET_KEY", SK)
            .args(["get", "my-bucket/a.txt"]),
    );
    assert!(
        url.starts_with("https://gateway.storjshare.io/my-bucket/a.txt?"),
        "{url}"
    );
    // An AWS host written as a URL is used as written: path style, as before.
    let url = url_of(home.cmd().args([
        "--endpoint",
        "https://s3.us-west-2.amazonaws.com",
        "get",
        "my-bucket/a.txt",
    ]));
    assert!(
        url.starts_with("https://s3.us-west-2.amazonaws.com/my-bucket/a.txt?"),
        "{url}"
    );
}

/// Auto addressing on AWS: virtual host for DNS names, path style for dotted and legacy
/// names; `--path-style` and `--virtual-host` override it.
#[test]
fn aws_auto_addressing_and_its_overrides() {
    let home = Home::new();
    home.aws_files("[default]\nregion = eu-west-1\n");
    let base = |target: &str, extra: &[&str]| {
        let url = url_of(home.cmd().args(extra).args(["get", target]));
        url.split('?').next().unwrap().to_owned()
    };
    for (target, extra, expected) in [
        (
            "my-bucket/k",
            &[][..],
            "https://my-bucket.s3.eu-west-1.amazonaws.com/k",
        ),
        (
            "my.bucket/k",
            &[],
            "https://s3.eu-west-1.amazonaws.com/my.bucket/k",
        ),
        (
            "My_Bucket/k",
            &[],
            "https://s3.eu-west-1.amazonaws.com/My_Bucket/k",
        ),
        (
            "my-bucket/k",
            &["--path-style"],
            "https://s3.eu-west-1.amazonaws.com/my-bucket/k",
        ),
        (
            "my-bucket/k",
            &["--dualstack"],
            "https://my-bucket.s3.dualstack.eu-west-1.amazonaws.com/k",
        ),
        (
            "my-bucket/k",
            &["--fips", "--region", "us-east-2"],
            "https://my-bucket.s3-fips.us-east-2.amazonaws.com/k",
        ),
        (
            "my-bucket/k",
            &["--region", "aws-global"],
            "https://my-bucket.s3.amazonaws.com/k",
        ),
        (
            "my-bucket/k",
            &["--region", "fips-us-east-2"],
            "https://my-bucket.s3-fips.us-east-2.amazonaws.com/k",
        ),
        (
            "my-bucket/k",
            &["--accelerate"],
            "https://my-bucket.s3-accelerate.amazonaws.com/k",
        ),
        (
            "my-bucket/k",
            &["--region", "cn-north-1"],
            "https://my-bucket.s3.cn-north-1.amazonaws.com.cn/k",
        ),
    ] {
        assert_eq!(base(target, extra), expected, "{target} {extra:?}");
    }
    // A dotted bucket asked for in virtual host over https is refused, as before.
    let (code, _, stderr) = run(home.cmd().args(["--virtual-host", "get", "my.bucket/k"]));
    assert_eq!(code, 2, "{stderr}");
}

/// Every source of the AWS options: the variables, the AWS config (nested `s3 =` block
/// and top level), presign's profile keys.
#[test]
fn aws_options_from_variables_aws_config_and_profiles() {
    let host = |home: &Home, cmd: &mut Command| {
        let url = url_of(cmd.args(["get", "my-bucket/k"]));
        let _ = home;
        url.split('/').nth(2).unwrap().to_owned()
    };
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\n");
    assert_eq!(
        host(&home, home.cmd().env("AWS_USE_DUALSTACK_ENDPOINT", "true")),
        "my-bucket.s3.dualstack.us-west-2.amazonaws.com"
    );
    assert_eq!(
        host(&home, home.cmd().env("AWS_USE_FIPS_ENDPOINT", "TRUE")),
        "my-bucket.s3-fips.us-west-2.amazonaws.com"
    );
    // botocore reads anything but "true" as false, so "yes" would silently mean off:
    // refused (tests/cli/settings.rs has the siblings); "false" in any case is off.
    let (code, _, stderr) = run(home
        .cmd()
        .env("AWS_USE_FIPS_ENDPOINT", "yes")
        .args(["get", "my-bucket/k"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("AWS_USE_FIPS_ENDPOINT: \"yes\" is neither true nor false"),
        "{stderr}"
    );
    assert_eq!(
        host(&home, home.cmd().env("AWS_USE_FIPS_ENDPOINT", "False")),
        "my-bucket.s3.us-west-2.amazonaws.com"
    );
    let home = Home::new();
    home.aws_files(
        "[default]\nregion = us-west-2\nuse_fips_endpoint = true\ns3 =\n  use_accelerate_endpoint = false\n  use_dualstack_endpoint = true\n",
    );
    assert_eq!(
        host(&home, &mut home.cmd()),
        "my-bucket.s3-fips.dualstack.us-west-2.amazonaws.com"
    );
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\nuse_dualstack_endpoint = true\n");
    assert_eq!(
        host(&home, &mut home.cmd()),
        "my-bucket.s3.dualstack.us-west-2.amazonaws.com"
    );
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\ns3 =\n  use_accelerate_endpoint = true\n");
    assert_eq!(
        host(&home, &mut home.cmd()),
        "my-bucket.s3-accelerate.amazonaws.com"
    );
    let home = Home::new();
    home.write(
        ".config/presign/config.toml",
        &format!(
            "[profiles.default]\nendpoint = \"aws\"\nregion = \"ap-south-1\"\ndualstack = true\naccess_key = \"{AK}\"\nsecret_key = \"{SK}\"\n"
        ),
    );
    assert_eq!(
        host(&home, &mut home.cmd()),
        "my-bucket.s3.dualstack.ap-south-1.amazonaws.com"
    );
    home.write(
        ".config/presign/config.toml",
        &format!(
            "[profiles.default]\nendpoint = \"aws\"\nregion = \"us-east-2\"\nfips = true\naccelerate = false\naccess_key = \"{AK}\"\nsecret_key = \"{SK}\"\n[profiles.fast]\nendpoint = \"aws\"\naccelerate = true\naccess_key = \"{AK}\"\nsecret_key = \"{SK}\"\n"
        ),
    );
    assert_eq!(
        host(&home, &mut home.cmd()),
        "my-bucket.s3-fips.us-east-2.amazonaws.com"
    );
    assert_eq!(
        host(&home, home.cmd().args(["--profile", "fast"])),
        "my-bucket.s3-accelerate.amazonaws.com"
    );
}

#[test]
fn presets_work_from_the_flag_the_variable_and_the_profile_file() {
    let home = Home::new();
    // A key of B2's shape (an AWS key id with another provider's preset is refused).
    home.write(
        ".config/presign/config.toml",
        &format!(
            "[profiles.default]\nendpoint = \"b2:us-west-004\"\naccess_key = \"{B2_KEY}\"\nsecret_key = \"{SK}\"\n"
        ),
    );
    let url = url_of(home.cmd().args(["get", "my-bucket/k"]));
    assert!(
        url.starts_with("https://s3.us-west-004.backblazeb2.com/my-bucket/k?")
            && url.contains("%2Fus-west-004%2Fs3%2F"),
        "{url}"
    );
    let url = url_of(
        home.cmd()
            .env("PRESIGN_ENDPOINT", "gcs")
            .args(["get", "my-bucket/k"]),
    );
    assert!(
        url.starts_with("https://storage.googleapis.com/my-bucket/k?")
            && url.contains("%2Fauto%2Fs3%2F"),
        "{url}"
    );
    let url = url_of(
        home.cmd()
            .args(["--endpoint", "spaces:nyc3", "get", "my-bucket/k"]),
    );
    assert!(
        url.starts_with("https://my-bucket.nyc3.digitaloceanspaces.com/k?"),
        "{url}"
    );
}

/// A region that contradicts the preset is used, with one warning naming both.
#[test]
fn a_region_against_the_preset_warns_once() {
    let home = Home::new();
    let (code, stdout, stderr) = run(home.cmd().args([
        "--access-key",
        AK,
        "--secret-key",
        SK,
        "--endpoint",
        "wasabi:eu-central-1",
        "--region",
        "us-east-1",
        "get",
        "b-1/k1",
        "b-1/k2",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 2);
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "signing for region us-east-1 (from --region), but Wasabi (wasabi:eu-central-1)"
        ) && stderr.contains("signs for eu-central-1"),
        "{stderr}"
    );
    // R2 documents us-east-1 as an alias of auto: no warning.
    let (code, _, stderr) = run(home.cmd().args([
        "--access-key",
        AK,
        "--secret-key",
        SK,
        "--endpoint",
        "r2:0123456789abcdef0123456789abcdef",
        "--region",
        "us-east-1",
        "get",
        "b-1/k",
    ]));
    assert_eq!((code, stderr.as_str()), (0, ""));
}

/// aws/aws-cli#5076: temporary keys that expire before the URL.
#[test]
fn credentials_that_die_before_the_url_warn_once_with_both_times() {
    let home = Home::new();
    let cmd = |expiration: &str, expires: &str| {
        let mut c = home.cmd();
        c.env("AWS_ACCESS_KEY_ID", AK)
            .env("AWS_SECRET_ACCESS_KEY", SK)
            .env("AWS_SESSION_TOKEN", "TOKEN")
            .env("AWS_CREDENTIAL_EXPIRATION", expiration)
            .args(["get", "b-1/k1", "b-1/k2", "--expires", expires]);
        c
    };
    let (code, _, stderr) = run(&mut cmd("2026-01-01T00:30:00Z", "1h"));
    assert_eq!(code, 0);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the URLs expire at 2026-01-01T01:00:00Z, but the credentials that sign them expire at 2026-01-01T00:30:00Z (from AWS_CREDENTIAL_EXPIRATION)")
            && stderr.contains("--expires 1800s"),
        "{stderr}"
    );
    // The aws CLI's export-credentials writes an offset: the same instant.
    let (_, _, stderr) = run(&mut cmd("2026-01-01T01:30:00+01:00", "1h"));
    assert!(
        stderr.contains("expire at 2026-01-01T00:30:00Z"),
        "{stderr}"
    );
    // A URL that ends before the keys: nothing to say.
    let (code, _, stderr) = run(&mut cmd("2026-01-01T00:30:00Z", "15m"));
    assert_eq!((code, stderr.as_str()), (0, ""));
    let (_, _, stderr) = run(&mut cmd("2025-12-31T23:00:00Z", "15m"));
    assert!(
        stderr.contains("the credentials expired at 2025-12-31T23:00:00Z"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&mut cmd("tomorrow", "15m"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("AWS_CREDENTIAL_EXPIRATION: invalid time \"tomorrow\""),
        "{stderr}"
    );
    // From presign's profile file too.
    home.write(
        ".config/presign/config.toml",
        &format!(
            "[profiles.default]\naccess_key = \"{AK}\"\nsecret_key = \"{SK}\"\ncredential_expiration = \"2026-01-01T00:10:00Z\"\n"
        ),
    );
    let (_, _, stderr) = run(home.cmd().args(["get", "b-1/k"]));
    assert!(
        stderr.contains("credential_expiration in profile \"default\""),
        "{stderr}"
    );
}

#[test]
fn verify_explain_names_where_the_default_endpoint_came_from() {
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\n");
    let (code, _, stderr) = run(home.cmd().args(["verify", US_WEST_2_URL, "--explain"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the endpoint is https://s3.us-west-2.amazonaws.com (from AWS S3 for us-west-2, because the keys came from aws_access_key_id in [default] of"),
        "{stderr}"
    );
    // An endpoint the user set needs no such note.
    let (code, _, stderr) =
        run(home
            .cmd()
            .args(["verify", US_WEST_2_URL, "--explain", "--endpoint", "aws"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn endpoints_lists_every_preset_as_text_and_json() {
    let home = Home::new();
    let (code, text, _) = run(home.unsigned().arg("endpoints"));
    assert_eq!(code, 0);
    let (_, json, _) = run(home.unsigned().args(["endpoints", "-o", "json"]));
    assert_eq!(text.lines().count(), presign::endpoint::PRESETS.len());
    for (line, preset) in json.lines().zip(presign::endpoint::PRESETS) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["name"], preset.name);
        assert_eq!(v["endpoint"], preset.endpoint);
        assert_eq!(v["region"], preset.region);
        assert!(v["source"].as_str().unwrap().len() > 10, "{line}");
    }
    for name in [
        "aws ",
        "r2:ACCOUNT_ID ",
        "b2:REGION ",
        "gcs ",
        "wasabi:REGION ",
        "spaces:REGION ",
        "global ",
    ] {
        assert!(text.lines().any(|l| l.starts_with(name)), "{name}: {text}");
    }
}

/// `presign endpoints` fits the width: with COLUMNS (or a terminal), a preset whose line
/// is wider is wrapped under its name, every line fitting but for a word longer than
/// the room; the words stay the same. Without either, one preset a line, however long,
/// for scripts; `-o json` is the same at any width.
#[test]
fn endpoints_fit_the_width() {
    let home = Home::new();
    let (_, one_line, _) = run(home.unsigned().arg("endpoints"));
    assert_eq!(one_line.lines().count(), presign::endpoint::PRESETS.len());
    assert!(one_line.lines().any(|l| l.len() > 200), "{one_line}");
    let (_, json, _) = run(home.unsigned().args(["endpoints", "-o", "json"]));
    let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    for columns in [120, 100, 80, 60, 40] {
        let (code, text, stderr) = run(home
            .unsigned()
            .env("COLUMNS", columns.to_string())
            .arg("endpoints"));
        assert_eq!((code, stderr.as_str()), (0, ""));
        for line in text.lines() {
            assert!(
                line.chars().count() <= columns || !line.trim().contains(' '),
                "COLUMNS={columns}: {line:?}"
            );
        }
        assert_eq!(words(&text), words(&one_line), "COLUMNS={columns}");
        let starts = text.lines().filter(|l| !l.starts_with(' ')).count();
        assert_eq!(
            starts,
            presign::endpoint::PRESETS.len(),
            "COLUMNS={columns}:\n{text}"
        );
        let (_, same, _) = run(home.unsigned().env("COLUMNS", columns.to_string()).args([
            "endpoints",
            "-o",
            "json",
        ]));
        assert_eq!(same, json);
    }
    // At 80 columns, the details stay beside the names.
    let (_, text, _) = run(home.unsigned().env("COLUMNS", "80").arg("endpoints"));
    assert!(
        text.starts_with("aws                    https://s3.amazonaws.com (us-east-1),\n                       https://"),
        "{text}"
    );
}

/// A B2 form is made, with a warning: B2 does not list POST object among its calls.
#[test]
fn post_on_b2_warns_and_on_r2_is_refused() {
    let home = Home::new();
    let base = [
        "--access-key",
        AK,
        "--secret-key",
        SK,
        "post",
        "b-1/k",
        "--endpoint",
    ];
    let (code, stdout, stderr) = run(home.cmd().args(base).arg("b2:us-west-004"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("https://s3.us-west-004.backblazeb2.com/b-1"),
        "{stdout}"
    );
    assert!(
        stderr.contains("Backblaze B2 does not list POST object"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run(home
        .cmd()
        .args(base)
        .arg("r2:0123456789abcdef0123456789abcdef"));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("presign put"), "{stderr}");
}

/// A session token bounds a URL: inspect cannot know when the session ends, and says so.
#[test]
fn inspect_says_a_session_token_bounds_the_url() {
    let home = Home::new();
    let url = url_of(home.cmd().args([
        "--access-key",
        AK,
        "--secret-key",
        SK,
        "--session-token",
        "TOKEN",
        "get",
        "b-1/k",
    ]));
    let (code, stdout, _) = run(home.cmd().args(["inspect", &url]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains(
            "session token:  present (not shown): valid until the earlier of the URL's expiry and the session's"
        ),
        "{stdout}"
    );
}

/// POST forms follow the same addressing: botocore's `generate_presigned_post` with the
/// regional host as endpoint_url gives these URLs (without it, the global host again).
#[test]
fn post_forms_on_aws_use_the_regional_host_and_auto_addressing() {
    let home = Home::new();
    home.aws_files("[default]\nregion = us-west-2\n");
    for (target, url) in [
        (
            "my-bucket/k",
            "https://my-bucket.s3.us-west-2.amazonaws.com/",
        ),
        (
            "my.bucket/k",
            "https://s3.us-west-2.amazonaws.com/my.bucket",
        ),
    ] {
        let (code, stdout, stderr) = run(home.cmd().args(["post", target]));
        assert_eq!(code, 0, "{stderr}");
        let form: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(form["url"], url);
        assert!(
            form["fields"]["x-amz-credential"]
                .as_str()
                .unwrap()
                .contains("/us-west-2/s3/"),
            "{stdout}"
        );
    }
}

/// The "Providers" table of the docs and `presign endpoints` come from two places: every
/// preset must be in both, with the same endpoint form and region.
#[test]
fn docs_providers_table_lists_every_preset() {
    let section = crate::support::docs::section("Providers");
    let table: Vec<&str> = section
        .text
        .lines()
        .skip_while(|l| !l.starts_with("| preset"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    // One row per preset, the R2 jurisdictions and Storj's four gateways sharing theirs.
    assert_eq!(
        table.len(),
        7,
        "rows of the providers table in {}",
        section.page
    );
    for preset in presign::endpoint::PRESETS {
        // `r2:ACCOUNT_ID:eu` is on the row of `r2:ACCOUNT_ID`, as `:eu`.
        let (name, jurisdiction) = match preset.name.strip_prefix("r2:ACCOUNT_ID:") {
            Some(j) => ("r2:ACCOUNT_ID", Some(j)),
            None => (preset.name, None),
        };
        let row = table
            .iter()
            .find(|row| {
                let first_cell = row.split('|').nth(1).unwrap_or("");
                first_cell.contains(&format!("`{name}`"))
            })
            .unwrap_or_else(|| panic!("{} is not in the providers table", preset.name));
        let host = preset.endpoint.split(' ').next().unwrap();
        let listed = match jurisdiction {
            Some(j) => row.contains(&format!("`:{j}`")) && row.contains(&format!(".{j}.")),
            None => row.contains(host),
        };
        assert!(listed, "{}: {host} not in {row}", preset.name);
        assert!(
            row.contains(preset.region.split(' ').next().unwrap()),
            "{}: region {} not in {row}",
            preset.name,
            preset.region
        );
    }
}

/// Regression (outside review, finding 7): the providers table gave FIPS to `us-iso-*`,
/// while presign refuses `--fips` for an aws-iso region that `endpoints.json` lists no
/// FIPS host for (`us-iso-north-9`), as it does in every partition (botocore 1.44.8's
/// endpoint rules would build `s3-fips.REGION...` for any region of a partition that
/// supports FIPS, `eu-west-1` included: presign goes by the hosts AWS has). Each region
/// the table names for FIPS gets its host; a pattern there would claim regions that are
/// refused, so the table names regions.
#[test]
fn the_fips_regions_the_docs_name_get_a_fips_host() {
    let section = crate::support::docs::section("Providers");
    let row = section
        .text
        .lines()
        .find(|l| l.starts_with("| `aws` |"))
        .unwrap();
    let named = row
        .split("`--fips` only where `endpoints.json` has a FIPS host (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("no FIPS regions in {row}"));
    let home = Home::new();
    let fips = |region: &str| {
        run(home
            .cmd()
            .env("PRESIGN_ACCESS_KEY", AK)
            .env("PRESIGN_SECRET_KEY", SK)
            .args(["get", "my-bucket/k", "--endpoint", "aws", "--fips"])
            .args(["--region", region]))
    };
    let mut regions = 0;
    for item in named.split(", ") {
        assert!(
            !item.contains('*'),
            "a pattern, not regions: {item} in {row}"
        );
        if !item.bytes().any(|b| b.is_ascii_digit()) {
            continue; // "the US and Canada regions", "GovCloud"
        }
        let (code, stdout, stderr) = fips(item);
        assert_eq!(code, 0, "{item}: {stderr}");
        assert!(
            stdout.contains(&format!(".s3-fips.{item}.")),
            "{item}: {stdout}"
        );
        regions += 1;
    }
    assert_eq!(regions, 3, "{named}");
    // Regions of those partitions that endpoints.json gives no FIPS host.
    for region in ["us-iso-north-9", "us-isob-west-1"] {
        let (code, _, stderr) = fips(region);
        assert_eq!(code, 2, "{region}");
        assert!(
            stderr.contains("AWS has FIPS S3 endpoints only in"),
            "{region}: {stderr}"
        );
    }
}
