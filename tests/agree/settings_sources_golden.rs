//! Every case of tests/golden/settings_sources.jsonl, made by botocore 1.44.8 from AWS
//! settings spread over the environment and the AWS shared files (endpoint variables,
//! `services` sections, `ignore_configured_endpoint_urls`, the dualstack, FIPS, accelerate
//! and us-east-1 switches with and without an endpoint of one's own, addressing styles,
//! regions, and the credential chain), run through the presign binary in a HOME of its
//! own: where botocore signs with static keys, presign prints the same URL; where it uses
//! another credential provider or raises, presign refuses. `presign config` resolves the
//! same settings: it shows the URL's access key id, region and endpoint, each with a
//! source, and refuses what `get` refuses with the same message.

use crate::support::home;

use home::{Home, run};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Case {
    name: String,
    credentials: String,
    config: String,
    env: BTreeMap<String, String>,
    /// botocore's credential provider, when it got that far.
    method: Option<String>,
    /// The URL botocore printed, when it signed with static keys.
    url: Option<String>,
    /// What botocore raised instead.
    error: Option<String>,
    /// The bucket signed for, when not `b.1`.
    bucket: Option<String>,
    /// More files under HOME (which the case's variables name with `~`).
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Where presign follows another rule than botocore's; `url` is then that rule's URL.
    rule: Option<String>,
}

fn cases() -> Vec<Case> {
    include_str!("../golden/settings_sources.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("golden case is valid JSON"))
        .collect()
}

#[test]
fn settings_golden_cases_match_botocore() {
    let cases = cases();
    assert!(cases.len() >= 250, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let (mut signed, mut refused) = (0, 0);
    for case in &cases {
        let home = Home::new();
        home.credentials(&case.credentials).config(&case.config);
        for (rel, text) in &case.files {
            home.write(rel, text);
        }
        let target = format!("{}/k", case.bucket.as_deref().unwrap_or("b.1"));
        let (code, stdout, stderr) =
            run(home
                .cmd()
                .envs(&case.env)
                .args(["get", &target, "--expires", "3600"]));
        let got = stdout.trim_end();
        // `presign config` resolves the same settings: it shows what the URL carries.
        let (config_code, config, config_err) =
            run(home.cmd().envs(&case.env).args(["config", "-o", "json"]));
        match (&case.url, &case.error) {
            (Some(url), _) => {
                signed += 1;
                if (code, got) != (0, url.as_str()) {
                    failures.push(format!(
                        "{} ({:?}{}):\n  botocore {url}\n  presign  {got} {stderr}",
                        case.name,
                        case.method,
                        case.rule
                            .as_deref()
                            .map(|r| format!(", rule: {r}"))
                            .unwrap_or_default()
                    ));
                }
                if let Err(why) = config_agrees(url, config_code, &config) {
                    failures.push(format!(
                        "{}: presign config {why}: {config} {config_err}",
                        case.name
                    ));
                }
            }
            (None, error) => {
                refused += 1;
                let why = error.as_deref().or(case.method.as_deref()).unwrap_or("?");
                if code == 0 || !got.is_empty() || stderr.lines().count() != 1 {
                    failures.push(format!(
                        "{}: botocore {why}, presign exit {code}: {got} {stderr}",
                        case.name
                    ));
                }
                // A refusal about the bucket is no setting's: config, which has no
                // target, resolves.
                let about_bucket = stderr.contains("bucket \"");
                if !about_bucket && (config_code, config_err.as_str()) != (code, stderr.as_str()) {
                    failures.push(format!(
                        "{}: presign config exit {config_code} ({config_err}), get exit {code} ({stderr})",
                        case.name
                    ));
                }
            }
        }
    }
    assert!(
        signed >= 170 && refused >= 50,
        "{signed} signed, {refused} refused"
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Whether `presign config -o json` shows what the URL botocore printed carries: the access
/// key id and the region of its credential scope, and its endpoint (the URL's scheme and
/// host, but for a bucket the host may start with).
fn config_agrees(url: &str, code: i32, config: &str) -> Result<(), String> {
    if code != 0 {
        return Err(format!("exit {code}"));
    }
    let json: serde_json::Value = serde_json::from_str(config).map_err(|e| e.to_string())?;
    let value = |name: &str| json[name]["value"].as_str().unwrap_or_default().to_owned();
    let credential = url
        .split("X-Amz-Credential=")
        .nth(1)
        .and_then(|c| c.split('&').next())
        .ok_or("no credential in the URL")?;
    let scope: Vec<&str> = credential.split("%2F").collect();
    if value("access_key") != scope[0] {
        return Err(format!("access_key is not {}", scope[0]));
    }
    if value("region") != scope[2] {
        return Err(format!("region is not {}", scope[2]));
    }
    let (scheme, rest) = url.split_once("://").ok_or("no scheme")?;
    let authority = rest.split('/').next().unwrap_or_default();
    let endpoint = value("endpoint");
    let (e_scheme, e_authority) = endpoint.split_once("://").ok_or("no endpoint scheme")?;
    let same_host = authority == e_authority || authority.ends_with(&format!(".{e_authority}"));
    if e_scheme != scheme || !same_host {
        return Err(format!(
            "endpoint {endpoint} is not the URL's {scheme}://{authority}"
        ));
    }
    for setting in ["access_key", "region", "endpoint", "secret_key"] {
        if json[setting]["source"].as_str().is_none_or(str::is_empty) {
            return Err(format!("{setting} has no source"));
        }
    }
    Ok(())
}
