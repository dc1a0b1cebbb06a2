//! What a presigned URL's origin and path must be, written in the tests from the specs
//! and sharing no code with presign (`src/encode.rs`, `src/endpoint.rs`), so that the
//! oracles built on it catch an encoding or addressing bug instead of copying it.
//!
//! Included with `#[path]` by the oracle tests; each uses a part.

#![allow(dead_code)]

/// RFC 3986 §2.3 unreserved characters stay, `/` stays when `keep_slash`, and every other
/// UTF-8 byte is `%XX` with uppercase hex (§2.1). This is what botocore's
/// `urllib.parse.quote(key, safe="/~")` does, and what S3's SigV4 canonical URI expects.
pub fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for &b in text.as_bytes() {
        let unreserved = b.is_ascii_uppercase()
            || b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || b"-._~".contains(&b);
        if unreserved || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `scheme://[bucket.]authority[/bucket]/encoded-key`: the URL before its query.
///
/// `endpoint_origin` is the endpoint as the test wrote it (`https://host[:port]`, already
/// lowercase and without a default port), so the authority is everything after `://`.
pub fn expected_base(endpoint_origin: &str, bucket: &str, key: &str, virtual_host: bool) -> String {
    let (scheme, authority) = endpoint_origin
        .split_once("://")
        .expect("the test's endpoints are scheme://authority");
    let path = percent_encode(key, true);
    if virtual_host {
        format!("{scheme}://{bucket}.{authority}/{path}")
    } else {
        format!("{scheme}://{authority}/{bucket}/{path}")
    }
}

/// The authority (`host[:port]`) of a test endpoint, bucket label not included.
pub fn authority(endpoint_origin: &str) -> &str {
    endpoint_origin
        .split_once("://")
        .expect("the test's endpoints are scheme://authority")
        .1
}

/// Whether presign must refuse virtual-host addressing here: an IP host cannot take a
/// bucket label, and a dotted bucket label breaks the TLS certificate of an https host.
pub fn virtual_host_refused(endpoint_origin: &str, bucket: &str) -> bool {
    let host = authority(endpoint_origin);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let is_ip = host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok();
    is_ip || (endpoint_origin.starts_with("https://") && bucket.contains('.'))
}

#[test]
fn the_independent_encoder_follows_the_spec() {
    // Worked examples, not derived from presign.
    assert_eq!(percent_encode("AZaz09-._~", false), "AZaz09-._~");
    assert_eq!(percent_encode("a b+c/d", true), "a%20b%2Bc/d");
    assert_eq!(percent_encode("a/b", false), "a%2Fb");
    assert_eq!(percent_encode("ü😀%", true), "%C3%BC%F0%9F%98%80%25");
    assert_eq!(
        expected_base("http://localhost:9000", "b-1", "k", true),
        "http://b-1.localhost:9000/k"
    );
    assert_eq!(
        expected_base("https://h.example", "b-1", "~x", false),
        "https://h.example/b-1/~x"
    );
}
