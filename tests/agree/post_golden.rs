//! Every POST form botocore produced (tests/golden/botocore_post.jsonl, made by
//! tests/golden/generate_post.py) must come out byte for byte: the url, every field in
//! order, the policy text and the signature, SigV4 and SigV2, path and virtual host, with
//! and without session tokens. A few cases also go through the real binary's `-o json`.

use assert_cmd::cargo::cargo_bin;
use presign::post::{ContentTypeRule, PostForm, PostPolicy, SuccessStatus, presign_post};
use presign::{AddressingStyle, Config, Credentials, Expiry, SignatureVersion, Target};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Case {
    name: String,
    signature: String,
    addressing: String,
    endpoint: String,
    region: String,
    bucket: String,
    key: String,
    access_key: String,
    secret_key: String,
    session_token: Option<String>,
    expires: u64,
    time: String,
    acl: Option<String>,
    content_type: Option<BTreeMap<String, String>>,
    size: Option<(u64, u64)>,
    meta: Vec<(String, String)>,
    success_status: Option<String>,
    redirect: Option<String>,
    fields: Vec<(String, String)>,
    // What botocore returned.
    url: String,
    fields_out: Vec<(String, String)>,
    policy: String,
}

fn cases() -> Vec<Case> {
    include_str!("../golden/botocore_post.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("golden case is valid JSON"))
        .collect()
}

fn policy(case: &Case) -> PostPolicy {
    PostPolicy {
        acl: case.acl.clone(),
        content_type: case.content_type.as_ref().map(|ct| {
            match (ct.get("exact"), ct.get("prefix")) {
                (Some(t), None) => ContentTypeRule::Exact(t.clone()),
                (None, Some(p)) => ContentTypeRule::StartsWith(p.clone()),
                _ => panic!("{}: content_type is exact or prefix", case.name),
            }
        }),
        size: case.size,
        meta: case.meta.clone(),
        success_status: case.success_status.as_deref().map(|s| match s {
            "200" => SuccessStatus::Ok200,
            "201" => SuccessStatus::Created201,
            "204" => SuccessStatus::NoContent204,
            other => panic!("{}: status {other}", case.name),
        }),
        redirect: case.redirect.clone(),
        fields: case.fields.clone(),
    }
}

fn sign(case: &Case) -> Result<PostForm, presign::Error> {
    let credentials = Credentials::new(
        case.access_key.clone(),
        case.secret_key.as_str().into(),
        case.session_token.as_deref().map(Into::into),
    )?;
    let mut config = Config::new(case.endpoint.parse()?, case.region.clone(), credentials);
    config.signature = case.signature.parse::<SignatureVersion>()?;
    config.addressing = match case.addressing.as_str() {
        "path" => AddressingStyle::Path,
        _ => AddressingStyle::VirtualHost,
    };
    config.expires = Expiry::from_secs(case.expires).expect("positive expiry");
    let target = Target::new(&case.bucket, &case.key)?;
    presign_post(
        &config,
        presign::parse_time(&case.time)?,
        target,
        &policy(case),
    )
}

#[test]
fn botocore_post_forms_match_byte_for_byte() {
    let cases = cases();
    assert!(cases.len() >= 300, "only {} golden cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        match sign(case) {
            Ok(form) => {
                if form.url != case.url {
                    failures.push(format!("{}: url {} != {}", case.name, form.url, case.url));
                }
                if form.policy != case.policy {
                    failures.push(format!(
                        "{}:\n  botocore policy {}\n  presign  policy {}",
                        case.name, case.policy, form.policy
                    ));
                }
                if form.fields != case.fields_out {
                    failures.push(format!(
                        "{}:\n  botocore fields {:?}\n  presign  fields {:?}",
                        case.name, case.fields_out, form.fields
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: presign refused: {e}", case.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}

/// The corpus covers what it claims to: both signatures, both addressing styles, tokens,
/// `${filename}` keys, every policy setting, and non-ASCII text in the policy.
#[test]
fn the_corpus_covers_every_setting() {
    let cases = cases();
    let count = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count();
    for (what, n) in [
        ("v2", count(&|c| c.signature == "v2")),
        ("virtual host", count(&|c| c.addressing == "virtual")),
        ("session token", count(&|c| c.session_token.is_some())),
        ("${filename}", count(&|c| c.key.ends_with("${filename}"))),
        ("acl", count(&|c| c.acl.is_some())),
        ("content type", count(&|c| c.content_type.is_some())),
        ("size", count(&|c| c.size.is_some())),
        ("meta", count(&|c| !c.meta.is_empty())),
        ("status", count(&|c| c.success_status.is_some())),
        ("redirect", count(&|c| c.redirect.is_some())),
        ("fields", count(&|c| !c.fields.is_empty())),
        ("\\u escapes", count(&|c| c.policy.contains("\\u"))),
        ("surrogates", count(&|c| c.policy.contains("\\ud83d"))),
    ] {
        assert!(n >= 10, "only {n} cases with {what}");
    }
}

/// The binary builds the same form from its flags: `presign post ... -o json` gives
/// botocore's url and fields for cases whose settings have a flag.
#[test]
fn the_binary_prints_botocore_fields() {
    let home = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for case in cases().iter().filter(|c| {
        // Flags cannot carry a NUL or other control characters through argv well.
        !c.key.chars().any(char::is_control)
            && c.fields
                .iter()
                .all(|(_, v)| !v.chars().any(char::is_control))
            && !c.key.starts_with('-')
    }) {
        let mut cmd = std::process::Command::new(cargo_bin("presign"));
        cmd.env_clear()
            .env("HOME", home.path())
            .env("PRESIGN_ACCESS_KEY", &case.access_key)
            .env("PRESIGN_SECRET_KEY", &case.secret_key)
            .args([
                "post",
                "--endpoint",
                &case.endpoint,
                "--region",
                &case.region,
            ])
            .args(["--signature", &case.signature, "--at", &case.time])
            .args(["--expires", &case.expires.to_string()]);
        if let Some(t) = &case.session_token {
            cmd.args(["--session-token", t]);
        }
        if case.addressing == "virtual" {
            cmd.arg("--virtual-host");
        }
        if let Some(acl) = &case.acl {
            cmd.args(["--acl", acl]);
        }
        if let Some(ct) = &case.content_type {
            match (ct.get("exact"), ct.get("prefix")) {
                (Some(t), _) => cmd.arg(format!("--content-type={t}")),
                (_, Some(p)) => cmd.arg(format!("--content-type-prefix={p}")),
                _ => unreachable!(),
            };
        }
        if let Some((min, max)) = case.size {
            cmd.args([
                "--min-size",
                &min.to_string(),
                "--max-size",
                &max.to_string(),
            ]);
        }
        for (k, v) in &case.meta {
            cmd.arg(format!("--meta={k}={v}"));
        }
        if let Some(s) = &case.success_status {
            cmd.args(["--success-status", s]);
        }
        if let Some(r) = &case.redirect {
            cmd.arg(format!("--redirect={r}"));
        }
        for (n, v) in &case.fields {
            cmd.arg(format!("--field={n}={v}"));
        }
        cmd.arg("--").arg(format!("{}/{}", case.bucket, case.key));
        let out = cmd.output().unwrap();
        // A legacy bucket name on AWS outside us-east-1: botocore signs the form (and so
        // does the library, checked above), but no such bucket exists, and the CLI says so.
        let aws_elsewhere = case.endpoint.starts_with("https://s3.")
            && case.endpoint.ends_with(".amazonaws.com")
            && !case.endpoint.contains("us-east-1");
        if aws_elsewhere && !presign::request::bucket_is_dns_compatible(&case.bucket) {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{}: {stderr}", case.name);
            assert!(
                stderr.contains("cannot exist in"),
                "{}: {stderr}",
                case.name
            );
            continue;
        }
        assert!(
            out.status.success(),
            "{}: {}",
            case.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["url"], case.url.as_str(), "{}", case.name);
        let fields = json["fields"].as_object().unwrap();
        assert_eq!(fields.len(), case.fields_out.len(), "{}", case.name);
        // serde_json's map sorts its keys: the order is checked on the text.
        let mut last = 0;
        for (name, value) in &case.fields_out {
            assert_eq!(fields[name], value.as_str(), "{}: {name}", case.name);
            let at = text
                .find(&format!("{}: ", serde_json::to_string(name).unwrap()))
                .unwrap();
            assert!(at > last, "{}: field {name} out of order", case.name);
            last = at;
        }
        checked += 1;
        if checked == 40 {
            break;
        }
    }
    assert_eq!(checked, 40);
}
