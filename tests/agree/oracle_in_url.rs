//! `--in-url` against aws-sigv4: a URL whose x-amz-* headers presign moved into the query
//! must carry exactly the signature aws-sigv4 computes for the same request with those
//! headers given as query parameters (and the rest still as headers). botocore has no
//! such option, so this is the outside check of the hoisting.

use crate::support::independent;
use crate::support::regressions;

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use chrono::DateTime;
use presign::{Config, Credentials, Expiry, Presigner, Request, SignedHeaders, Target};
use proptest::prelude::*;
use std::time::Duration;

const ENDPOINT: &str = "http://localhost:9000";

/// Headers to sign: every one `--in-url` moves, and some it must keep.
fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let value = "[!-~]([ !-~]{0,20}[!-~])?";
    (
        prop::collection::btree_map("[a-z0-9_.-]{1,12}", value, 0..4),
        prop::option::of(prop::sample::select(vec!["private", "public-read"])),
        prop::option::of(prop::sample::select(vec!["STANDARD_IA", "GLACIER"])),
        any::<bool>(),
        prop::option::of("[0-9]{12}"),
        prop::option::of(prop::sample::select(vec!["ON", "OFF"])),
        prop::option::of("[a-z]{1,8}/[a-z]{1,8}"),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["AES256", "aws:kms"])),
        prop::option::of("[a-z]{1,5}=[a-z]{1,5}"),
    )
        .prop_map(
            |(meta, acl, class, payer, owner, hold, ctype, create, sse, tags)| {
                let mut h: Vec<(String, String)> = Vec::new();
                if let Some(t) = ctype {
                    h.push(("content-type".into(), t));
                }
                for (k, v) in meta {
                    h.push((format!("x-amz-meta-{k}"), v));
                }
                let mut opt = |name: &str, v: Option<String>| {
                    if let Some(v) = v {
                        h.push((name.into(), v));
                    }
                };
                opt("x-amz-acl", acl.map(str::to_owned));
                opt("x-amz-storage-class", class.map(str::to_owned));
                opt("if-none-match", create.then(|| "*".to_owned()));
                opt("x-amz-server-side-encryption", sse.map(str::to_owned));
                opt("x-amz-tagging", tags);
                opt("x-amz-object-lock-legal-hold", hold.map(str::to_owned));
                opt("x-amz-request-payer", payer.then(|| "requester".to_owned()));
                opt("x-amz-expected-bucket-owner", owner);
                h
            },
        )
}

proptest! {
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(500)))]

    #[test]
    fn in_url_equals_aws_sigv4_with_the_headers_as_query(
        key in "[ -~\u{e9}\u{65e5}]{1,40}",
        headers in headers(),
        secs in 0i64..4_000_000_000,
        expires in 1u64..=604_800,
    ) {
        let time = DateTime::from_timestamp(secs, 0).unwrap();
        let creds = Credentials::new("AKIDEXAMPLE", "secret/key+x".into(), None).unwrap();
        let mut config = Config::new(ENDPOINT.parse().unwrap(), "eu-west-1", creds);
        config.expires = Expiry::from_secs(expires).unwrap();
        let mut signed = SignedHeaders::new();
        for (n, v) in &headers {
            signed.insert_str(n, v).unwrap();
        }
        signed.move_to_query();
        let target = Target::new("bucket", &key).unwrap();
        let url = Presigner::new(&config, time)
            .unwrap()
            .presign(&Request::put(target).headers(&signed))
            .unwrap();

        let (kept, moved): (Vec<_>, Vec<_>) =
            headers.iter().partition(|(n, _)| !presign::request::may_go_in_query(n));
        for (n, _) in &kept {
            prop_assert!(
                ["content-type", "if-none-match", "x-amz-server-side-encryption", "x-amz-tagging"]
                    .contains(&n.as_str()),
                "{} was kept", n
            );
        }
        // The oracle's URL: the moved headers as query parameters, encoded independently.
        let mut base = independent::expected_signed_base(ENDPOINT, "bucket", &key, false);
        for (i, (n, v)) in moved.iter().enumerate() {
            base.push(if i == 0 { '?' } else { '&' });
            base.push_str(&independent::percent_encode(n, false));
            base.push('=');
            base.push_str(&independent::percent_encode(v, false));
        }
        let identity = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE", "secret/key+x", None, None, "oracle",
        )
        .into();
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(Duration::from_secs(expires));
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("eu-west-1")
            .name("s3")
            .time(time.into())
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let signable = SignableRequest::new(
            "PUT",
            &base,
            kept.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            SignableBody::UnsignedPayload,
        )
        .unwrap();
        let out = sign(signable, &params).unwrap();
        let tail = format!("&X-Amz-Signature={}", out.signature());
        prop_assert!(url.ends_with(&tail), "presign {}\noracle signs {}", url, base);
        // And the URL carries each moved header, encoded as the oracle's query has it.
        for (n, v) in &moved {
            let pair = format!(
                "{}={}&",
                independent::percent_encode(n, false),
                independent::percent_encode(v, false)
            );
            prop_assert!(url.contains(&pair), "{} not in {}", pair, url);
        }
    }
}
