//! `verify` reads a URL as a server does: each verdict here is held against s3s-fs 0.14.1
//! on 127.0.0.1, for the URLs where a verifier could read the query otherwise than the
//! server (`+`, a repeated auth parameter), for what servers refuse whatever the
//! signature, and for a URL signed in the future. Where s3s is more lenient than S3,
//! MinIO and Storj (it has no 7-day cap, takes the `sts` service, does not require `host`
//! to be signed, does not read session tokens), the test pins s3s's answer and verify
//! keeps S3's (the sources: /work/shared/reference/botocore-presign.md §3 and §4, and
//! s3s's `ops/signature.rs`).
//!
//! Each URL is re-signed here by a signer written from the spec, over the query as the
//! server reads it (or, for the `+` case, as a verifier that keeps `+` would), and sent
//! over a plain TCP connection: no outside program is needed.

use crate::support;

use crate::support::both_ways;
use crate::support::independent;

use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, KeyInit, Mac};
use presign::verify::{Refusal, Report, Timing, Verifier};
use presign::{Config, Credentials, Presigner, Request, SignatureVersion, Target};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};

const BUCKET: &str = "verify-bucket";
const KEY: &str = "dir/object.txt";

/// The server's status line for `GET url` with `headers`.
fn status(url: &str, headers: &[(&str, &str)]) -> u16 {
    let rest = url.strip_prefix("http://").unwrap();
    let (authority, target) = rest.split_at(rest.find('/').unwrap());
    let port: u16 = authority.rsplit_once(':').unwrap().1.parse().unwrap();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut request =
        format!("GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (n, v) in headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line for {url}: {reply:?}"))
}

/// How a `+` in the query is read when signing.
#[derive(Clone, Copy, PartialEq)]
enum Plus {
    /// A space, as servers (and HTML forms) read it.
    Space,
    /// A literal `+`.
    Literal,
}

fn decode(text: &str, plus: Plus) -> String {
    let text = if plus == Plus::Space {
        text.replace('+', " ")
    } else {
        text.to_owned()
    };
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `url` (without `X-Amz-Signature`) signed for GET from the SigV4 spec: the query
/// decoded as `plus` says, each part encoded again, sorted; the signed headers' values
/// from `headers` (`host` from the URL).
fn sign_v4(url: &str, headers: &[(&str, &str)], plus: Plus) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (authority, target) = rest.split_at(rest.find('/').unwrap());
    let (path, query) = target.split_once('?').unwrap();
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(n, plus), decode(v, plus))
        })
        .collect();
    let get = |name: &str| pairs.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let (amz_date, credential, signed) = (
        get("X-Amz-Date"),
        get("X-Amz-Credential"),
        get("X-Amz-SignedHeaders"),
    );
    let mut encoded: Vec<(String, String)> = pairs
        .drain(..)
        .map(|(n, v)| {
            (
                independent::percent_encode(&n, false),
                independent::percent_encode(&v, false),
            )
        })
        .collect();
    encoded.sort();
    let canonical_query: Vec<String> = encoded.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let value = match name {
            "host" => authority,
            _ => {
                headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .unwrap()
                    .1
            }
        };
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let creq = format!(
        "GET\n{path}\n{}\n{canonical_headers}\n{signed}\nUNSIGNED-PAYLOAD",
        canonical_query.join("&")
    );
    let scope: Vec<&str> = credential.split_once('/').unwrap().1.split('/').collect();
    let sts = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{}\n{}",
        scope.join("/"),
        hex(&Sha256::digest(creq.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{SECRET_KEY}").as_bytes(), scope[0]);
    for part in &scope[1..] {
        key = hmac(&key, part);
    }
    format!("{url}&X-Amz-Signature={}", hex(&hmac(&key, &sts)))
}

struct Fixture {
    server: S3Server,
}

impl Fixture {
    fn new() -> Self {
        let server = S3Server::start(&[BUCKET]);
        let path = server.object_path(BUCKET, KEY);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"verified").unwrap();
        Fixture { server }
    }

    /// presign's GET URL for the object, signed at `at`.
    fn url(&self, signature: SignatureVersion, at: DateTime<Utc>) -> String {
        let creds = Credentials::new(ACCESS_KEY, SECRET_KEY.into(), None).unwrap();
        let mut config = Config::new(self.server.endpoint().parse().unwrap(), "us-east-1", creds);
        config.signature = signature;
        let presigner = Presigner::new(&config, at).unwrap();
        presigner
            .presign(&Request::get(Target::new(BUCKET, KEY).unwrap()))
            .unwrap()
    }

    /// A SigV4 URL signed now with `change` made to its query (before the signature),
    /// re-signed over the query as `plus` reads it.
    fn changed(
        &self,
        change: impl Fn(&str) -> String,
        headers: &[(&str, &str)],
        plus: Plus,
    ) -> String {
        let url = self.url(SignatureVersion::V4, now());
        let unsigned = &url[..url.find("&X-Amz-Signature=").unwrap()];
        sign_v4(&change(unsigned), headers, plus)
    }
}

/// Now, whole seconds (as a URL writes its date).
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap()
}

/// verify's report for `url` (both ways) with `headers`, now; `None` when presign does
/// not read it as a presigned URL (refused with exit 2), with the reason.
fn verdict(url: &str, headers: &[(&str, &str)]) -> Result<Report, String> {
    let verifier = Verifier::new(ACCESS_KEY, SECRET_KEY.into());
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned()))
        .collect();
    if let Err(e) = presign::inspect::parse(url, None) {
        return Err(e.to_string());
    }
    Ok(both_ways::verify(&verifier, url, None, &headers, Utc::now()).0)
}

#[test]
fn the_fixture_url_is_valid_both_ways() {
    let f = Fixture::new();
    for sig in [SignatureVersion::V4, SignatureVersion::V2] {
        let url = f.url(sig, now());
        assert_eq!(status(&url, &[]), 200, "{url}");
        assert!(verdict(&url, &[]).unwrap().is_valid());
    }
    // The test's own signer agrees with presign's on an unchanged URL.
    let url = f.url(SignatureVersion::V4, now());
    let resigned = f.changed(|u| u.to_owned(), &[], Plus::Space);
    assert_eq!(url, resigned);
}

/// Regression (issue 16.2): verify kept `+` literally, where s3s, S3, MinIO and Go read
/// a space: it called valid what the server refused, and the reverse.
#[test]
fn plus_in_a_query_is_a_space() {
    let f = Fixture::new();
    let add = |u: &str| format!("{u}&response-content-type=text+plain");
    let as_servers_read = f.changed(add, &[], Plus::Space);
    assert_eq!(status(&as_servers_read, &[]), 200);
    assert!(verdict(&as_servers_read, &[]).unwrap().is_valid());
    let as_literal = f.changed(add, &[], Plus::Literal);
    assert_eq!(status(&as_literal, &[]), 403);
    let report = verdict(&as_literal, &[]).unwrap();
    assert!(report.method.is_none() && !report.is_valid(), "{report:?}");
}

/// Regression (issue 16.2): a repeated auth parameter was taken as its first value;
/// s3s (`get_unique`) answers 400 Bad Request, and presign refuses to read the URL.
#[test]
fn a_repeated_auth_parameter_is_refused() {
    let f = Fixture::new();
    let v4 = [
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Date",
        "X-Amz-Expires",
        "X-Amz-SignedHeaders",
        "X-Amz-Signature",
    ];
    let v2 = ["AWSAccessKeyId", "Signature", "Expires"];
    let all = (v4.map(|n| (SignatureVersion::V4, n)).into_iter())
        .chain(v2.map(|n| (SignatureVersion::V2, n)));
    for (sig, name) in all {
        let url = f.url(sig, now());
        let start = url
            .find(&format!("?{name}="))
            .or_else(|| url.find(&format!("&{name}=")))
            .unwrap()
            + 1;
        let end = url[start..].find('&').map_or(url.len(), |i| start + i);
        let twice = format!("{url}&{}", &url[start..end]);
        assert_eq!(status(&twice, &[]), 400, "{name}");
        let refused = verdict(&twice, &[]).unwrap_err();
        assert!(
            refused.contains(&format!("it has {name} more than once")),
            "{refused}"
        );
    }
    // A session token twice, in two spellings: s3s reads no token (200), S3 takes one;
    // presign refuses to guess which one counts.
    let two_tokens = f.changed(
        |u| format!("{u}&X-Amz-Security-Token=a&x-amz-security-token=b"),
        &[],
        Plus::Space,
    );
    assert_eq!(status(&two_tokens, &[]), 200);
    let refused = verdict(&two_tokens, &[]).unwrap_err();
    assert!(refused.contains("session token"), "{refused}");
    assert!(
        !refused.contains("=a") && !refused.contains("=b"),
        "{refused}"
    );
}

/// Regression (issue 16.2): verify called valid what S3 and Storj refuse.
#[test]
fn what_servers_refuse_whatever_the_signature() {
    let f = Fixture::new();
    let expires = |to: &'static str| {
        move |u: &str| u.replacen("X-Amz-Expires=3600", &format!("X-Amz-Expires={to}"), 1)
    };
    // Over 7 days: MinIO/Storj (ErrMaximumExpires) and S3 answer 400; s3s has no cap.
    let long = f.changed(expires("604801"), &[], Plus::Space);
    assert_eq!(status(&long, &[]), 200, "s3s takes any u32");
    let report = verdict(&long, &[]).unwrap();
    assert_eq!(
        report.refusal,
        Some(Refusal::ExpiresTooLong { seconds: 604_801 })
    );
    assert!(!report.is_valid() && report.method.is_some());
    // Exactly 7 days is taken by all.
    let week = f.changed(expires("604800"), &[], Plus::Space);
    assert_eq!(status(&week, &[]), 200);
    assert!(verdict(&week, &[]).unwrap().is_valid());
    // Negative or not a number: 400 on s3s (and MinIO's ErrNegativeExpires); not read.
    for bad in ["-1", "soon"] {
        let url = f.changed(expires(bad), &[], Plus::Space);
        assert_eq!(status(&url, &[]), 400, "{bad}");
        assert!(
            verdict(&url, &[]).unwrap_err().contains("X-Amz-Expires"),
            "{bad}"
        );
    }
    // Another service: s3s answers 501 NotImplemented for any but s3 and sts; S3 and
    // MinIO take s3 only.
    let service =
        |to: &'static str| move |u: &str| u.replacen("%2Fs3%2F", &format!("%2F{to}%2F"), 1);
    let iam = f.changed(service("iam"), &[], Plus::Space);
    assert_eq!(status(&iam, &[]), 501);
    let report = verdict(&iam, &[]).unwrap();
    assert_eq!(
        report.refusal,
        Some(Refusal::NotS3 {
            service: "iam".to_owned()
        })
    );
    assert!(!report.is_valid());
    let sts = f.changed(service("sts"), &[], Plus::Space);
    assert_eq!(status(&sts, &[]), 200, "s3s also takes sts");
    assert!(!verdict(&sts, &[]).unwrap().is_valid());
    // A scope that does not end in aws4_request: 400 on s3s; not read.
    let terminator = f.changed(
        |u| u.replacen("aws4_request", "aws4_requesx", 1),
        &[],
        Plus::Space,
    );
    assert_eq!(status(&terminator, &[]), 400);
    assert!(
        verdict(&terminator, &[])
            .unwrap_err()
            .contains("aws4_request")
    );
    // `host` not signed: S3 and MinIO (ErrUnsignedHeaders) refuse it; s3s takes it.
    let header = [("x-test", "1")];
    let no_host = f.changed(
        |u| u.replacen("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-test", 1),
        &header,
        Plus::Space,
    );
    assert_eq!(status(&no_host, &header), 200, "s3s does not require host");
    let report = verdict(&no_host, &header).unwrap();
    assert_eq!(report.refusal, Some(Refusal::HostNotSigned));
    assert!(report.method.is_some() && !report.is_valid());
}

/// Regression (issue 16.2): a URL signed a minute in the future was called invalid;
/// s3s (`presigned_url_max_skew_time_secs`), MinIO and Storj (`globalMaxSkewTime`) take
/// up to 15 minutes of clock skew.
#[test]
fn a_url_signed_up_to_15_minutes_ahead_is_valid() {
    let f = Fixture::new();
    // SigV4 only: a SigV2 URL has no signing instant, only its `Expires`.
    let ahead = f.url(SignatureVersion::V4, now() + TimeDelta::seconds(600));
    assert_eq!(status(&ahead, &[]), 200);
    let report = verdict(&ahead, &[]).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert!(
        matches!(report.timing, Timing::ValidSignedAhead { seconds_ahead, .. } if (595..=600).contains(&seconds_ahead)),
        "{report:?}"
    );
    let too_far = f.url(SignatureVersion::V4, now() + TimeDelta::seconds(1000));
    assert_eq!(status(&too_far, &[]), 403, "RequestTimeTooSkewed");
    let report = verdict(&too_far, &[]).unwrap();
    assert!(
        matches!(report.timing, Timing::NotYetValid { .. }),
        "{report:?}"
    );
    assert!(!report.is_valid());
}

/// Regression (issue 16.7): a virtual-host URL for a bucket with dots, which presign
/// makes over http, verifies (SigV2 signs the bucket) and the server takes it.
#[test]
fn a_dotted_bucket_in_the_host_verifies() {
    let server = S3Server::start(&["my.bucket"]);
    let path = server.object_path("my.bucket", "k");
    std::fs::write(&path, b"dotted").unwrap();
    for sig in [SignatureVersion::V4, SignatureVersion::V2] {
        let creds = Credentials::new(ACCESS_KEY, SECRET_KEY.into(), None).unwrap();
        let mut config = Config::new(server.endpoint().parse().unwrap(), "us-east-1", creds);
        config.signature = sig;
        config.addressing = presign::AddressingStyle::VirtualHost;
        let url = Presigner::new(&config, now())
            .unwrap()
            .presign(&Request::get(Target::new("my.bucket", "k").unwrap()))
            .unwrap();
        assert!(url.starts_with("http://my.bucket.localhost:"), "{url}");
        // Sent to 127.0.0.1 with the URL's Host header.
        let rest = url.strip_prefix("http://").unwrap();
        let (authority, target) = rest.split_at(rest.find('/').unwrap());
        let port = authority.rsplit_once(':').unwrap().1;
        let direct = format!("http://127.0.0.1:{port}{target}");
        let mut stream =
            std::net::TcpStream::connect(("127.0.0.1", port.parse().unwrap())).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        assert!(
            reply.starts_with("HTTP/1.1 200"),
            "{sig:?} {direct}: {reply}"
        );
        let parsed = presign::inspect::parse(&url, None).unwrap();
        assert_eq!((&*parsed.bucket, &*parsed.key), ("my.bucket", "k"));
        assert!(verdict(&url, &[]).unwrap().is_valid(), "{sig:?} {url}");
    }
}
