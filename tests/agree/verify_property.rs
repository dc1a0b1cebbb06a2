//! `verify(presign(x))`: for random requests of every operation, SigV4 and SigV2, path and
//! virtual host, with signed headers, parameters and session tokens, the URL verifies for
//! exactly x's method at its signing instant and has expired one second after its expiry.
//! And URLs signed by aws-sigv4, not by presign, read back and verify the same way.

use crate::support::both_ways;
use crate::support::independent;
use crate::support::regressions;

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use presign::verify::{Timing, Verifier};
use presign::{
    AddressingStyle, Config, Credentials, Expiry, Method, Param, PartNumber, Presigner, Request,
    SignatureVersion, SignedHeaders, Target,
};
use proptest::prelude::*;
use std::time::Duration;

const ALL: [Method; 5] = [
    Method::GET,
    Method::PUT,
    Method::HEAD,
    Method::DELETE,
    Method::POST,
];
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

#[derive(Debug, Clone)]
struct Input {
    op: usize,
    v2: bool,
    virtual_host: bool,
    https: bool,
    key: String,
    token: Option<String>,
    expires: u64,
    time: i64,
    headers: Vec<(String, String)>,
    version: Option<String>,
    disposition: Option<String>,
    part: u32,
    upload_id: String,
}

fn input() -> impl Strategy<Value = Input> {
    (
        (0usize..8, any::<bool>(), any::<bool>(), any::<bool>()),
        "[a-zA-Z0-9 /._~+=&%?#!'()*,;:@$\\[\\]{}|^`\"<>\u{e9}\u{65e5}\u{1f600}-]{1,40}",
        proptest::option::of("[A-Za-z0-9+/=]{8,40}"),
        (1u64..=604_800, 1_600_000_000i64..2_000_000_000),
        proptest::sample::subsequence(
            vec![
                ("content-type", "text/plain; charset=utf-8"),
                ("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="),
                ("x-amz-meta-owner", "  two   words "),
                ("x-amz-acl", "private"),
                ("cache-control", "max-age=60"),
            ],
            0..4,
        ),
        (
            proptest::option::of("[A-Za-z0-9+/=._-]{1,20}"),
            proptest::option::of("attachment; filename=\"[a-z ]{1,10}\\.pdf\""),
            1u32..=10_000,
            "[A-Za-z0-9._~+/= -]{1,30}",
        ),
    )
        .prop_map(
            |((op, v2, virtual_host, https), key, token, (expires, time), headers, rest)| Input {
                op,
                v2,
                virtual_host,
                https,
                key,
                token,
                expires,
                time,
                headers: headers
                    .into_iter()
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .collect(),
                version: rest.0,
                disposition: rest.1,
                part: rest.2,
                upload_id: rest.3,
            },
        )
}

/// The operation's method, and whether it takes object headers, download parameters.
fn op_method(op: usize) -> Method {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::POST,
        Method::PUT,
        Method::POST,
        Method::DELETE,
    ][op]
        .clone()
}

proptest! {
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(1500)))]

    #[test]
    fn verify_of_presign_is_valid_for_exactly_its_method(input in input()) {
        let endpoint = if input.https { "https://s3.example.com" } else { "http://localhost:9000" };
        let creds = Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            SECRET.into(),
            input.token.as_deref().map(Into::into),
        ).unwrap();
        let mut config = Config::new(endpoint.parse().unwrap(), "eu-west-1", creds);
        config.signature = if input.v2 { SignatureVersion::V2 } else { SignatureVersion::V4 };
        if input.virtual_host {
            config.addressing = AddressingStyle::VirtualHost;
        }
        config.expires = Expiry::from_secs(input.expires).unwrap();
        let time = chrono::DateTime::from_timestamp(input.time, 0).unwrap();
        let presigner = Presigner::new(&config, time).unwrap();

        // Object headers for the operations that take them; SigV2 only those it signs.
        let mut headers = SignedHeaders::new();
        let takes_headers = matches!(input.op, 2 | 4 | 5);
        let mut given = Vec::new();
        for (n, v) in &input.headers {
            let sigv2_ok = n != "cache-control";
            let fits = match input.op {
                2 => true,
                4 => n != "content-md5",
                5 => n == "content-md5",
                _ => false,
            };
            if takes_headers && fits && (!input.v2 || sigv2_ok) {
                headers.insert_str(n, v).unwrap();
                given.push((n.clone(), v.clone()));
            }
        }
        let target = Target::new("my-bucket", &input.key).unwrap();
        let part = PartNumber::new(input.part).unwrap();
        let id = input.upload_id.as_str();
        let mut request = match input.op {
            0 => Request::get(target),
            1 => Request::head(target),
            2 => Request::put(target),
            3 => Request::delete(target),
            4 => Request::create_multipart_upload(target),
            5 => Request::upload_part(target, id, &part).unwrap(),
            6 => Request::complete_multipart_upload(target, id).unwrap(),
            _ => Request::abort_multipart_upload(target, id).unwrap(),
        }
        .headers(&headers);
        if matches!(input.op, 0 | 1 | 3)
            && let Some(v) = &input.version
        {
            request = request.param(Param::VersionId, v).unwrap();
        }
        if matches!(input.op, 0 | 1)
            && let Some(d) = &input.disposition
        {
            request = request.param(Param::ResponseContentDisposition, d).unwrap();
        }
        let url = presigner.presign(&request).unwrap();

        let endpoint = endpoint.parse().unwrap();
        let parsed = presign::inspect::parse(&url, Some(&endpoint)).unwrap();
        prop_assert_eq!(&*parsed.key, input.key.as_str());
        prop_assert_eq!(&*parsed.bucket, "my-bucket");
        let verifier = Verifier::new("AKIAIOSFODNN7EXAMPLE", SECRET.into());
        let (report, quick) = both_ways::verify(&verifier, &url, Some(&endpoint), &given, time);
        // presign writes every SigV4 URL in the form the quick way takes.
        prop_assert_eq!(quick, !input.v2, "{}", url);
        let want = op_method(input.op);
        prop_assert_eq!(report.method.as_ref(), Some(&want), "{}", url);
        prop_assert!(both_ways::good_either_way(&report), "{:?} {}", report, url);
        for other in ALL.iter().filter(|m| **m != want) {
            prop_assert!(!verifier.check(&parsed, other, &given).matches, "{} also valid for {}", url, other);
        }
        let after = time + chrono::TimeDelta::seconds(input.expires as i64 + 1);
        let (report, _) = both_ways::verify(&verifier, &url, Some(&endpoint), &given, after);
        prop_assert_eq!(report.timing, Timing::Expired { seconds_ago: 1 });
        prop_assert!(!report.is_valid());
        let at_end = time + chrono::TimeDelta::seconds(input.expires as i64);
        let (report, _) = both_ways::verify(&verifier, &url, Some(&endpoint), &given, at_end);
        prop_assert!(both_ways::good_either_way(&report), "valid to the last second");
    }

    /// aws-sigv4 signs (its own encoding, its own parameter order): inspect reads the
    /// URL back, and verify finds it valid for its method and no other.
    #[test]
    fn aws_sigv4_urls_inspect_and_verify(
        key in "[a-zA-Z0-9 /._~+=&%?!'()*,;:@$\u{e9}\u{1f600}-]{1,30}",
        put in any::<bool>(),
        content_type in proptest::option::of("[a-z]{1,8}/[a-z]{1,8}"),
        token in proptest::option::of("[A-Za-z0-9+/=]{8,30}"),
        expires in 1u64..=604_800,
    ) {
        let time = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        let base = independent::expected_base("https://s3.example.com", "my-bucket", &key, false);
        let identity = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE", SECRET, token.clone(), None, "oracle",
        ).into();
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(Duration::from_secs(expires));
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("ap-south-1")
            .name("s3")
            .time(time.into())
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let method = if put { "PUT" } else { "GET" };
        let ct = if put { content_type.clone() } else { None };
        let headers: Vec<(&str, &str)> = ct.as_deref().map(|c| ("content-type", c)).into_iter().collect();
        let signable = SignableRequest::new(method, &base, headers.into_iter(), SignableBody::UnsignedPayload).unwrap();
        let out = sign(signable, &params).unwrap();
        let query: Vec<String> = out
            .output()
            .params()
            .iter()
            .map(|(k, v)| format!("{}={}", independent::percent_encode(k, false), independent::percent_encode(v, false)))
            .collect();
        let url = format!("{base}?{}", query.join("&"));

        let parsed = presign::inspect::parse(&url, None).unwrap();
        prop_assert_eq!(&*parsed.key, key.as_str());
        prop_assert_eq!(&*parsed.bucket, "my-bucket");
        prop_assert_eq!(parsed.region.as_deref(), Some("ap-south-1"));
        prop_assert_eq!(parsed.expires_secs, Some(expires));
        prop_assert_eq!(parsed.session_token.as_deref(), token.as_deref());
        let given: Vec<(String, String)> = ct.iter().map(|c| ("content-type".to_owned(), c.clone())).collect();
        let verifier = Verifier::new("AKIDEXAMPLE", SECRET.into());
        // aws-sigv4 writes the query in its own order: the quick way sorts it, or leaves
        // the URL to the general way; where it answers, it agrees.
        let (report, _) = both_ways::verify(&verifier, &url, None, &given, time);
        let want: Method = method.parse().unwrap();
        prop_assert_eq!(report.method.as_ref(), Some(&want), "{}", url);
        prop_assert!(report.is_valid());
        for other in ALL.iter().filter(|m| **m != want) {
            prop_assert!(!verifier.check(&parsed, other, &given).matches);
        }
    }
}
