//! Every case of tests/golden/providers.jsonl, made by botocore 1.44.8, must come out byte
//! for byte: every preset, AWS in every region of every partition with dualstack, FIPS and
//! accelerate, DNS and non-DNS bucket names, auto addressing and both overrides, every
//! operation, SigV4 and SigV2 where the provider has it.
//!
//! The endpoint, region and addressing go through what the CLI and the Python package use:
//! `Provider` parsed from the `--endpoint` text and `Provider::place` with the case's
//! region, AWS options, addressing override and signature.

use crate::support::golden_request;

use presign::endpoint::{AwsOptions, PlaceOptions};
use presign::{
    AddressingStyle, Config, Credentials, Expiry, Presigner, Provider, SignatureVersion,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    endpoint: String,
    region: Option<String>,
    dualstack: bool,
    fips: bool,
    accelerate: bool,
    /// botocore's `us_east_1_regional_endpoint = regional`.
    #[serde(default)]
    us_east_1_regional: bool,
    addressing: String,
    operation: String,
    signature: String,
    bucket: String,
    key: String,
    params: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    access_key: String,
    secret_key: String,
    session_token: Option<String>,
    expires: u64,
    time: String,
    botocore: Botocore,
    url: String,
}

/// How botocore was called for the case.
#[derive(Deserialize)]
struct Botocore {
    endpoint_url: Option<String>,
}

fn cases() -> Vec<Case> {
    include_str!("../golden/providers.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("golden case is valid JSON"))
        .collect()
}

/// The configuration the CLI builds for the case's settings, with `endpoint` in the place of
/// the case's: `Provider::place`, which the CLI and the Python package call.
fn config_for(case: &Case, endpoint: &str) -> Result<Config, presign::Error> {
    let provider: Provider = endpoint.parse()?;
    let options = PlaceOptions {
        region: case.region.clone(),
        aws: AwsOptions {
            dualstack: case.dualstack,
            fips: case.fips,
            accelerate: case.accelerate,
        },
        addressing: match case.addressing.as_str() {
            "virtual" => Some(AddressingStyle::VirtualHost),
            "path" => Some(AddressingStyle::Path),
            _ => None,
        },
        signature: case.signature.parse::<SignatureVersion>()?,
    };
    let credentials = Credentials::new(
        case.access_key.clone(),
        case.secret_key.as_str().into(),
        case.session_token.as_deref().map(Into::into),
    )?;
    let placement = match case.us_east_1_regional {
        true => provider.place_us_east_1_regional(&options)?,
        false => provider.place(&options)?,
    };
    let mut config = placement.into_config(credentials);
    config.expires = Expiry::from_secs(case.expires).expect("positive expiry");
    Ok(config)
}

fn presign(case: &Case) -> Result<String, presign::Error> {
    presign_for(case, &case.endpoint)
}

/// [`presign`] with `endpoint` in the place of the case's.
fn presign_for(case: &Case, endpoint: &str) -> Result<String, presign::Error> {
    let presigner = Presigner::new(
        &config_for(case, endpoint)?,
        presign::parse_time(&case.time)?,
    )?;
    golden_request::presign_case(
        &presigner,
        golden_request::Case {
            name: &case.name,
            operation: &case.operation,
            bucket: &case.bucket,
            key: &case.key,
            params: &case.params,
            headers: case.headers.iter(),
        },
    )
}

#[test]
fn provider_golden_cases_match_botocore_byte_for_byte() {
    let cases = cases();
    assert!(cases.len() >= 500, "only {} provider cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| match presign(case) {
            Ok(url) if url == case.url => None,
            Ok(url) => Some(format!(
                "{}:\n  botocore {}\n  presign  {url}",
                case.name, case.url
            )),
            Err(e) => Some(format!("{}: error {e}", case.name)),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Storj's cases name its gateways by their older names (`global`, `us1`, `eu1`, `ap1`, as
/// botocore was given the URLs they stand for): signed with the `storj` presets, each comes
/// out as botocore's URL too, byte for byte.
#[test]
fn storj_presets_sign_the_storj_cases_byte_for_byte() {
    let cases = cases();
    let mut checked = 0;
    for case in &cases {
        let Some(preset) = presign::endpoint::PRESETS
            .iter()
            .find(|p| p.provider == "Storj" && p.aliases.contains(&case.endpoint.as_str()))
        else {
            continue;
        };
        for name in std::iter::once(preset.name).chain(preset.aliases.iter().copied()) {
            let url = presign_for(case, name).unwrap_or_else(|e| panic!("{}: {e}", case.name));
            assert_eq!(url, case.url, "{} with --endpoint {name}", case.name);
            checked += 1;
        }
    }
    assert!(checked >= 4 * 29, "only {checked} Storj cases");
}

#[test]
fn provider_golden_cases_cover_what_issue_15_asks_for() {
    let cases = cases();
    let count = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for preset in presign::endpoint::PRESETS {
        // A name with a placeholder (`b2:REGION`) by its provider part; the others (and
        // their other names: Storj's cases use `global`, `us1`, ...) whole.
        let names: Vec<&str> = std::iter::once(preset.name)
            .chain(preset.aliases.iter().copied())
            .collect();
        let n = count(&|c| {
            names
                .iter()
                .any(|name| match name.contains(char::is_uppercase) {
                    true => c.endpoint.split(':').next() == name.split(':').next(),
                    false => c.endpoint == *name,
                })
        });
        counts.push((format!("preset {}", preset.name), n));
    }
    let mut regions: Vec<&str> = cases
        .iter()
        .filter(|c| c.endpoint == "aws")
        .filter_map(|c| c.region.as_deref())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    counts.push(("AWS regions (30+)".into(), regions.len().min(30) / 30));
    for partition in presign::endpoint::PARTITIONS {
        let n = count(&|c| {
            c.endpoint == "aws"
                && presign::endpoint::aws_partition(c.region.as_deref().unwrap_or("us-east-1")).id
                    == partition.id
        });
        counts.push((format!("partition {}", partition.id), n));
    }
    counts.push(("dualstack".into(), count(&|c| c.dualstack)));
    counts.push(("fips".into(), count(&|c| c.fips)));
    counts.push(("fips+dualstack".into(), count(&|c| c.fips && c.dualstack)));
    counts.push(("accelerate".into(), count(&|c| c.accelerate)));
    counts.push((
        "accelerate+dualstack".into(),
        count(&|c| c.accelerate && c.dualstack),
    ));
    for addressing in ["auto", "path", "virtual"] {
        counts.push((
            format!("addressing {addressing}"),
            count(&|c| c.addressing == addressing),
        ));
    }
    counts.push((
        "auto: dotted bucket".into(),
        count(&|c| c.addressing == "auto" && c.bucket.contains('.')),
    ));
    counts.push((
        "auto: legacy bucket".into(),
        count(&|c| c.addressing == "auto" && c.bucket.contains('_')),
    ));
    for op in [
        "get_object",
        "head_object",
        "put_object",
        "delete_object",
        "create_multipart_upload",
        "upload_part",
        "complete_multipart_upload",
        "abort_multipart_upload",
    ] {
        for sig in ["v4", "v2"] {
            let n = count(&|c| c.operation == op && c.signature == sig);
            counts.push((format!("{op} {sig}"), n));
        }
    }
    // us-east-1 with no region and no endpoint_url: botocore's own default host.
    counts.push((
        "us-east-1, nothing set, botocore without endpoint_url".into(),
        count(&|c| {
            c.endpoint == "aws"
                && c.region.is_none()
                && c.botocore.endpoint_url.is_none()
                && !c.dualstack
                && !c.fips
        }),
    ));
    let thin: Vec<_> = counts.iter().filter(|(_, n)| *n < 1).collect();
    assert!(thin.is_empty(), "too few provider cases: {thin:?}");
    // No SigV2 case for the providers that speak SigV4 only: presign refuses it.
    assert_eq!(
        count(&|c| c.signature == "v2"
            && (c.endpoint.starts_with("r2:") || c.endpoint.starts_with("b2:"))),
        0
    );
}
