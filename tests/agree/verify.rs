//! `verify` agrees with botocore: every golden URL is valid for its own method and only
//! that one, at its signing instant; any change to what it signs, another secret, another
//! region or another key makes it fail; one second past its expiry it has expired. And
//! `inspect` reads every golden URL back to the bucket, key, expiry and parameters that
//! made it.

use crate::support::both_ways;

use presign::inspect::Presigned;
use presign::verify::{Refusal, Report, Timing, Verifier};
use presign::{Endpoint, Method};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    operation: String,
    signature: String,
    endpoint: String,
    bucket: String,
    key: String,
    region: String,
    params: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    access_key: String,
    secret_key: String,
    session_token: Option<String>,
    expires: u64,
    time: String,
    url: String,
}

fn cases() -> Vec<Case> {
    include_str!("../golden/botocore.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        // SigV2 URLs from which botocore dropped a header: presign refuses to make them.
        .filter(|c: &Case| {
            c.signature == "v4"
                || c.headers.iter().all(|(n, _)| {
                    let n = n.to_ascii_lowercase();
                    n == "content-md5" || n == "content-type" || n.starts_with("x-amz-")
                })
        })
        .collect()
}

fn method(op: &str) -> Method {
    match op {
        "get_object" => Method::GET,
        "head_object" => Method::HEAD,
        "put_object" | "upload_part" => Method::PUT,
        "delete_object" | "abort_multipart_upload" => Method::DELETE,
        _ => Method::POST,
    }
}

fn headers(case: &Case) -> Vec<(String, String)> {
    case.headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect()
}

fn parse<'a>(case: &Case, url: &'a str) -> Presigned<'a> {
    let endpoint: Endpoint = case.endpoint.parse().unwrap();
    presign::inspect::parse(url, Some(&endpoint)).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

/// The report for `url` from both ways (see `support/both_ways.rs`), and whether the
/// quick way answered.
fn verify(
    verifier: &Verifier,
    case: &Case,
    url: &str,
    headers: &[(String, String)],
    now: chrono::DateTime<chrono::Utc>,
) -> (Report, bool) {
    let endpoint: Endpoint = case.endpoint.parse().unwrap();
    both_ways::verify(verifier, url, Some(&endpoint), headers, now)
}

const ALL: [Method; 5] = [
    Method::GET,
    Method::PUT,
    Method::HEAD,
    Method::DELETE,
    Method::POST,
];

#[test]
fn every_golden_url_verifies_for_its_method_only() {
    let cases = cases();
    assert!(cases.len() >= 1500, "{}", cases.len());
    let (mut quick, mut wrong_region) = (0, 0);
    for case in &cases {
        let url = parse(case, &case.url);
        let verifier = Verifier::new(&case.access_key, case.secret_key.as_str().into());
        let now = presign::parse_time(&case.time).unwrap();
        let (report, answered) = verify(&verifier, case, &case.url, &headers(case), now);
        quick += usize::from(answered);
        let want = method(&case.operation);
        assert_eq!(report.method.as_ref(), Some(&want), "{}", case.name);
        // botocore signs what it is told, also for a region AWS's host contradicts
        // (`s3.eu-west-1.amazonaws.com` with us-east-1), which S3 refuses whatever the
        // signature (400 AuthorizationQueryParametersError).
        if case.signature == "v4"
            && case.endpoint == "https://s3.eu-west-1.amazonaws.com"
            && case.region != "eu-west-1"
        {
            assert_eq!(
                report.refusal,
                Some(Refusal::WrongRegion {
                    region: case.region.clone(),
                    host_region: "eu-west-1".to_owned()
                }),
                "{}",
                case.name
            );
            assert!(!report.is_valid() && !answered, "{}", case.name);
            wrong_region += 1;
        } else {
            assert!(
                both_ways::good_either_way(&report),
                "{}: {report:?}",
                case.name
            );
            // A SigV2 URL's metadata is read from the query by some servers, from the
            // request by others: it depends on the server, never plainly valid.
            let meta: Vec<String> = (headers(case).into_iter())
                .map(|(n, _)| n)
                .filter(|n| case.signature == "v2" && n.starts_with("x-amz-meta-"))
                .collect();
            assert_eq!(report.disputed_headers, meta, "{}", case.name);
            assert_eq!(report.is_valid(), meta.is_empty(), "{}", case.name);
        }
        for other in ALL.iter().filter(|m| **m != want) {
            assert!(
                !verifier.check(&url, other, &headers(case)).matches,
                "{}: also valid for {other}",
                case.name
            );
        }
        // One second after the expiry, it has expired.
        let later = url.expires_at + chrono::TimeDelta::seconds(1);
        let (report, answered) = verify(&verifier, case, &case.url, &headers(case), later);
        assert_eq!(
            answered,
            case.signature == "v4" && report.refusal.is_none(),
            "{}",
            case.name
        );
        assert_eq!(
            report.timing,
            Timing::Expired { seconds_ago: 1 },
            "{}",
            case.name
        );
        assert!(!report.is_valid());
    }
    // Every SigV4 golden URL (botocore's, in the common form) that servers take whatever
    // its signature takes the quick way.
    let v4 = cases.iter().filter(|c| c.signature == "v4").count();
    assert!(wrong_region > 50, "{wrong_region}");
    assert_eq!(quick + wrong_region, v4);
}

/// Every character of the URL that the signature covers, changed, fails: the path, each
/// parameter, the credential, the date, the expiry, the signed headers, the token.
#[test]
fn a_change_anywhere_in_the_signed_part_fails() {
    let cases = cases();
    let mut checked = 0;
    for case in cases.iter().step_by(7) {
        let verifier = Verifier::new(&case.access_key, case.secret_key.as_str().into());
        let now = presign::parse_time(&case.time).unwrap();
        let sig_at = case
            .url
            .find("X-Amz-Signature=")
            .or_else(|| case.url.find("Signature="))
            .unwrap();
        let path_at = case.url[8..].find('/').unwrap() + 8;
        for at in (path_at + 1..sig_at).step_by(5) {
            let b = case.url.as_bytes()[at];
            // Changing a separator or an escape makes another URL shape: flip letters and
            // digits only, to another character of the same kind.
            let new = match b {
                b'a'..=b'y' | b'A'..=b'Y' | b'0'..=b'8' => b + 1,
                b'z' => b'a',
                b'Z' => b'A',
                b'9' => b'0',
                _ => continue,
            };
            let mut bytes = case.url.clone().into_bytes();
            bytes[at] = new;
            let tampered = String::from_utf8(bytes).unwrap();
            if presign::inspect::parse(&tampered, Some(&case.endpoint.parse().unwrap())).is_err() {
                continue; // no longer a presigned URL at all: refused as such
            }
            let (report, _) = verify(&verifier, case, &tampered, &headers(case), now);
            assert!(
                !report.is_valid() && !both_ways::good_either_way(&report),
                "{}: still valid with byte {at} changed: {tampered}",
                case.name
            );
            checked += 1;
        }
    }
    assert!(checked > 5000, "only {checked} changed URLs checked");
}

#[test]
fn another_secret_or_key_fails() {
    for case in cases().iter().step_by(11) {
        let now = presign::parse_time(&case.time).unwrap();
        let wrong = Verifier::new(&case.access_key, "not-the-secret".into());
        let (report, _) = verify(&wrong, case, &case.url, &headers(case), now);
        assert!(
            report.method.is_none() && !report.is_valid(),
            "{}",
            case.name
        );
        let other_key = Verifier::new("AKIAOTHERKEY", case.secret_key.as_str().into());
        let (report, _) = verify(&other_key, case, &case.url, &headers(case), now);
        assert!(
            report.access_key_differs && !report.is_valid(),
            "{}",
            case.name
        );
        // A signed header with another value fails too.
        if let Some((name, _)) = headers(case).first() {
            let changed = vec![(name.clone(), "changed".to_owned())];
            let right = Verifier::new(&case.access_key, case.secret_key.as_str().into());
            assert!(
                !verify(&right, case, &case.url, &changed, now).0.is_valid(),
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn another_region_fails() {
    for case in cases().iter().filter(|c| c.signature == "v4").step_by(13) {
        let moved = case.url.replacen(
            &format!("%2F{}%2Fs3%2F", case.region),
            "%2Fxx-other-1%2Fs3%2F",
            1,
        );
        assert_ne!(moved, case.url);
        let verifier = Verifier::new(&case.access_key, case.secret_key.as_str().into());
        let now = presign::parse_time(&case.time).unwrap();
        assert!(
            !verify(&verifier, case, &moved, &headers(case), now)
                .0
                .is_valid(),
            "{}",
            case.name
        );
    }
}

#[test]
fn inspect_reads_every_golden_url_back() {
    for case in cases() {
        let url = parse(&case, &case.url);
        assert_eq!(url.bucket, case.bucket, "{}", case.name);
        assert_eq!(url.key, case.key, "{}", case.name);
        assert_eq!(url.access_key, case.access_key, "{}", case.name);
        assert_eq!(url.signature_version.to_string(), case.signature);
        let signed_at = presign::parse_time(&case.time).unwrap();
        let expires_at = signed_at + chrono::TimeDelta::seconds(case.expires as i64);
        assert_eq!(url.expires_at, expires_at, "{}", case.name);
        assert_eq!(
            url.session_token.as_deref(),
            case.session_token.as_deref(),
            "{}",
            case.name
        );
        if case.signature == "v4" {
            assert_eq!(
                url.region.as_deref(),
                Some(case.region.as_str()),
                "{}",
                case.name
            );
            assert_eq!(url.signed_at, Some(signed_at));
        }
        // SigV2's header copies show among the parameters too, with the headers' values.
        let v2_copy =
            |name: &str| case.signature == "v2" && url.signed_headers.iter().any(|h| h == name);
        for p in url.params.iter().filter(|p| v2_copy(&p.name)) {
            let given = case
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&p.name))
                .map(|(_, v)| v.as_str());
            assert_eq!(p.value.as_deref(), given, "{}: {}", case.name, p.name);
        }
        // The operation's parameters, in order (`uploads` is the operation's own marker).
        let params: Vec<(String, String)> = url
            .params
            .iter()
            .filter(|p| p.name != "uploads" && !v2_copy(&p.name))
            .map(|p| {
                (
                    p.name.to_string(),
                    p.value.as_deref().unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(params, case.params, "{}", case.name);
        let mut signed: Vec<String> = url.signed_headers.iter().map(|h| h.to_string()).collect();
        signed.retain(|h| h != "host");
        let mut want: Vec<String> = case
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        signed.sort();
        want.sort();
        assert_eq!(signed, want, "{}", case.name);
    }
}

/// Regression (issue 16.3): no `{:?}` of what reading and verifying a URL makes (the URL
/// read back, its report with every attempt's canonical request and string to sign)
/// shows a session token, for every golden URL that has one.
#[test]
fn debug_output_never_shows_the_session_token() {
    let mut checked = 0;
    for case in cases() {
        let Some(token) = &case.session_token else {
            continue;
        };
        let url = parse(&case, &case.url);
        let verifier = Verifier::new(&case.access_key, case.secret_key.as_str().into());
        let now = presign::parse_time(&case.time).unwrap();
        let report = verifier.verify(&url, &headers(&case), now, true);
        assert!(
            both_ways::good_either_way(&report) || report.refusal.is_some(),
            "{}",
            case.name
        );
        for shown in [format!("{url:?}"), format!("{report:?}")] {
            assert!(!shown.contains(token.as_str()), "{}: {shown}", case.name);
            assert!(shown.contains("redacted"), "{}: {shown}", case.name);
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}
