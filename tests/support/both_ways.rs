//! Verifying a URL both ways the library offers: the general one (`parse_presigned`, then
//! `Verifier::verify`) and the quick one for the common form (`Verifier::verify_common`,
//! what `presign verify` tries first). Wherever the quick way answers, its report must be
//! the general way's: the verify tests go through here, so every URL they check (golden,
//! random, tampered, from aws-sigv4) holds the two together.
//!
//! Used by the verify tests (tests/agree/verify.rs, verify_property.rs; tests/e2e/verify.rs).

use chrono::{DateTime, Utc};
use presign::Endpoint;
use presign::verify::{Report, Verifier};

/// The general way's report for `url` (which must read as a presigned URL), and whether
/// the quick way answered too (with the same report).
pub fn verify(
    verifier: &Verifier,
    url: &str,
    endpoint: Option<&Endpoint>,
    headers: &[(String, String)],
    now: DateTime<Utc>,
) -> (Report, bool) {
    let parsed = presign::inspect::parse(url, endpoint)
        .unwrap_or_else(|e| panic!("{url} does not read back: {e}"));
    let general = verifier.verify(&parsed, headers, now, false);
    let quick = verifier.verify_common(url, headers, now);
    if let Some(quick) = &quick {
        assert_eq!(
            (
                &quick.method,
                quick.timing,
                quick.expires_at,
                quick.access_key_differs,
                &quick.missing_headers,
                &quick.refusal,
            ),
            (
                &general.method,
                general.timing,
                general.expires_at,
                general.access_key_differs,
                &general.missing_headers,
                &general.refusal,
            ),
            "the quick way disagrees for {url}"
        );
        assert!(
            general.is_valid() || !general.timing.is_valid(),
            "the quick way answered for a URL whose signature does not match: {url}"
        );
    }
    (general, quick.is_some())
}

/// Whether `report` finds its URL good for the same method on every reading servers have:
/// valid, or, for a SigV2 URL that signs `x-amz-meta-*` (which is never plainly valid), its
/// signature right both where they are read from the request's headers and where from the
/// query's copies, valid now, and nothing else against it.
pub fn good_either_way(report: &Report) -> bool {
    report.is_valid()
        || (!report.disputed_headers.is_empty()
            && report.method.is_some()
            && report.method_from_query_copies == report.method
            && report.missing_headers.is_empty()
            && !report.access_key_differs
            && report.refusal.is_none()
            && report.timing.is_valid())
}
