//! aws-sigv4's full request signer is the oracle: for random keys, regions, times,
//! expiries, endpoints, content types and tokens, every SigV4 URL presign produces must
//! carry exactly the query parameters and signature aws-sigv4 computes for that request.
//!
//! The URL handed to aws-sigv4 is not presign's: the test builds it itself, from the
//! endpoint, the bucket and the key, with its own RFC 3986 encoder
//! (`support/independent.rs`). presign's URL must equal it up to the query, so an
//! encoding or addressing bug (say `~` written as `%7E`, or the bucket label dropped from
//! a virtual host) fails here instead of being signed consistently on both sides.

use crate::support::independent;
use crate::support::regressions;

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use chrono::{DateTime, Utc};
use presign::{
    AddressingStyle, Config, Credentials, Expiry, Presigner, Request, SignedHeaders, Target,
};
use proptest::prelude::*;
use std::time::Duration;

#[derive(Debug)]
struct Input {
    key: String,
    bucket: String,
    region: String,
    secs: i64,
    expires: u64,
    endpoint: &'static str,
    virtual_host: bool,
    put: bool,
    content_type: Option<String>,
    token: Option<String>,
    secret: String,
}

fn input() -> impl Strategy<Value = Input> {
    (
        (
            // Any Unicode, plus a bias towards the characters that trip encoders.
            prop_oneof![
                "\\PC{1,100}",
                "[ /+%~=&?#.\\t'()*!$,;:@\\[\\]{}|^`\"<>\\\\a-z]{1,60}",
                "(/|\\./|\\.\\./|//|[a-z ]{1,5}){1,10}",
            ],
            prop_oneof![
                "[a-z0-9][a-z0-9-]{1,20}[a-z0-9]",
                "[a-z0-9]{1,8}(\\.[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?){1,3}",
                // Legacy names: path style only.
                "[a-zA-Z0-9._-]{1,70}",
                "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
            ],
            "[a-z0-9-]{1,20}",
            // 1970 to 9999.
            0i64..253_402_300_799,
            1u64..=604_800,
        ),
        (
            prop::sample::select(vec![
                "https://gateway.storjshare.io",
                "http://localhost:9000",
                "https://s3.eu-west-1.amazonaws.com",
                "https://minio.example.com:9443",
                "http://ceph.internal",
                "http://127.0.0.1:7777",
                "http://[::1]:9000",
                // The URL keeps these as written; the signature covers the host
                // lowercase and without the default port.
                "https://S3.EU-West-1.AmazonAWS.com:443",
                "http://Ceph.Internal:80",
                "https://minio.example.com:09443",
            ]),
            any::<bool>(),
            any::<bool>(),
            prop::option::of("[a-zA-Z]{1,10}/[a-zA-Z0-9.+-]{1,20}(; charset=[a-zA-Z0-9-]{1,8})?"),
            prop::option::of("[A-Za-z0-9/+=]{1,80}"),
            "[!-~]{1,60}",
        ),
    )
        .prop_map(
            |(
                (key, bucket, region, secs, expires),
                (endpoint, virtual_host, put, content_type, token, secret),
            )| Input {
                key,
                bucket,
                region,
                secs,
                expires,
                endpoint,
                virtual_host,
                put,
                content_type: if put { content_type } else { None },
                token,
                secret,
            },
        )
}

/// (name, decoded value) pairs of a URL's query, sorted.
fn sorted_params(query: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    v.sort();
    v
}

fn check(input: &Input) -> Result<(), TestCaseError> {
    let target = match Target::new(&input.bucket, &input.key) {
        Ok(target) => target,
        Err(e) => {
            // Only a bucket botocore refuses, or a key over 1024 bytes.
            prop_assert!(
                !independent::bucket_is_path_name(&input.bucket) || input.key.len() > 1024,
                "{:?} refused: {}",
                input,
                e
            );
            return Ok(());
        }
    };
    let time: DateTime<Utc> = DateTime::from_timestamp(input.secs, 0).unwrap();
    let creds = Credentials::new(
        "AKIDEXAMPLE",
        input.secret.as_str().into(),
        input.token.as_deref().map(Into::into),
    )
    .unwrap();
    let mut config = Config::new(input.endpoint.parse().unwrap(), input.region.clone(), creds);
    config.expires = Expiry::from_secs(input.expires).unwrap();
    if input.virtual_host {
        config.addressing = AddressingStyle::VirtualHost;
    }
    let url = presign_url(&config, time, target, input);
    let refusals = independent::virtual_host_refusals(input.endpoint, &input.bucket);
    if input.virtual_host && !refusals.is_empty() {
        let e = url.expect_err("virtual host for a non-DNS bucket, on an IP, or dotted over https");
        prop_assert!(
            refusals.iter().any(|&r| independent::is_refusal(&e, r)),
            "{:?} for {:?}",
            e,
            refusals
        );
        return Ok(());
    }
    let ours = url.unwrap();
    let method = if input.put { "PUT" } else { "GET" };
    let (base, query) = ours.split_once('?').unwrap();

    // The URL up to the query, built without presign's encoder or endpoint code.
    let expected_base = independent::expected_base(
        input.endpoint,
        &input.bucket,
        &input.key,
        input.virtual_host,
    );
    prop_assert_eq!(base, expected_base.as_str(), "key {:?}", input.key);
    // Every query name and value is written with the same RFC 3986 encoding, `/` included.
    for pair in query.split('&') {
        let (name, value) = url::form_urlencoded::parse(pair.as_bytes()).next().unwrap();
        let reencoded = format!(
            "{}={}",
            independent::percent_encode(&name, false),
            independent::percent_encode(&value, false)
        );
        prop_assert_eq!(pair, reencoded.as_str(), "URL {}", ours);
    }

    // The oracle signs the same method, URL (the independent one, with the host as a
    // client sends it: lowercase, no default port) and headers.
    let signed_base = independent::expected_signed_base(
        input.endpoint,
        &input.bucket,
        &input.key,
        input.virtual_host,
    );
    let identity = aws_credential_types::Credentials::new(
        "AKIDEXAMPLE",
        input.secret.clone(),
        input.token.clone(),
        None,
        "oracle",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(input.expires));
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&input.region)
        .name("s3")
        .time(time.into())
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let headers: Vec<(&str, &str)> = input
        .content_type
        .as_deref()
        .map(|ct| ("content-type", ct))
        .into_iter()
        .collect();
    let signable = SignableRequest::new(
        method,
        &signed_base,
        headers.into_iter(),
        SignableBody::UnsignedPayload,
    )
    .unwrap();
    let out = sign(signable, &params).unwrap();
    let mut oracle: Vec<(String, String)> = out
        .output()
        .params()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.to_string()))
        .collect();
    oracle.sort();

    prop_assert_eq!(sorted_params(query), oracle, "URL {}", ours);
    let expected_tail = format!("&X-Amz-Signature={}", out.signature());
    prop_assert!(ours.ends_with(&expected_tail), "URL {}", ours);
    Ok(())
}

/// presign's part: the one place to adapt when the `Request` API changes.
fn presign_url(
    config: &Config,
    time: DateTime<Utc>,
    target: Target<'_>,
    input: &Input,
) -> Result<String, presign::Error> {
    let mut headers = SignedHeaders::new();
    if let Some(ct) = &input.content_type {
        headers.insert_str("content-type", ct)?;
    }
    let request = if input.put {
        Request::put(target)
    } else {
        Request::get(target)
    };
    Presigner::new(config, time)?.presign(&request.headers(&headers))
}

proptest! {
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(2000)))]

    #[test]
    fn every_sigv4_url_equals_aws_sigv4(input in input()) {
        check(&input)?;
    }
}
