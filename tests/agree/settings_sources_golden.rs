//! Every case of tests/golden/settings_sources.jsonl, made by botocore 1.44.8 from AWS
//! settings spread over the environment and the AWS shared files (endpoint variables,
//! `services` sections, `ignore_configured_endpoint_urls`, the dualstack, FIPS, accelerate
//! and us-east-1 switches with and without an endpoint of one's own, addressing styles,
//! regions, and the credential chain), run through the presign binary in a HOME of its
//! own: where botocore signs with static keys, presign prints the same URL; where it uses
//! another credential provider or raises, presign refuses.

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
        let (code, stdout, stderr) =
            run(home
                .cmd()
                .envs(&case.env)
                .args(["get", "b.1/k", "--expires", "3600"]));
        let got = stdout.trim_end();
        match (&case.url, &case.error) {
            (Some(url), _) => {
                signed += 1;
                if (code, got) != (0, url.as_str()) {
                    failures.push(format!(
                        "{} ({:?}):\n  botocore {url}\n  presign  {got} {stderr}",
                        case.name, case.method
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
            }
        }
    }
    assert!(
        signed >= 150 && refused >= 50,
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
