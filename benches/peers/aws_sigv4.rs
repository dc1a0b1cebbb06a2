//! Benchmark peer: aws-sigv4's full request signer, on the same job as `presign get -`
//! (read BUCKET/KEY lines on stdin, print one presigned SigV4 URL per line). It derives
//! the signing key and parses the URI for every URL, as callers of `http_request::sign`
//! do. benches/compare.sh runs it beside presign on the same keys.
//!
//! Usage: `bench-peer-aws-sigv4 [EPOCH_SECONDS] < keys` (default: now).

use aws_sigv4::http_request::{
    PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use std::io::{BufRead, BufWriter, Write};
use std::time::{Duration, SystemTime};

fn main() {
    let identity = aws_credential_types::Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "bench",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(3600));
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    let time = match std::env::args().nth(1) {
        Some(secs) => {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs.parse().expect("epoch seconds"))
        }
        None => SystemTime::now(),
    };
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("s3")
        .time(time)
        .settings(settings)
        .build()
        .expect("signing params")
        .into();

    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.expect("stdin");
        let (bucket, key) = line.split_once('/').expect("BUCKET/KEY");
        let mut url = format!("https://gateway.storjshare.io/{bucket}/");
        // The same encoding presign uses, so both sign the same path.
        for b in key.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                url.push(char::from(b));
            } else {
                url.push_str(&format!("%{b:02X}"));
            }
        }
        let request = SignableRequest::new(
            "GET",
            url.as_str(),
            std::iter::empty(),
            SignableBody::UnsignedPayload,
        )
        .expect("signable request");
        let (instructions, _) = sign(request, &params).expect("sign").into_parts();
        let mut request = http::Request::builder()
            .uri(url.as_str())
            .body(())
            .expect("request");
        instructions.apply_to_request_http1x(&mut request);
        writeln!(out, "{}", request.uri()).expect("stdout");
    }
    out.flush().expect("stdout");
}
