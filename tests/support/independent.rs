//! What a presigned URL's origin and path must be, written in the tests from the specs
//! and sharing no code with presign (`src/encode.rs`, `src/endpoint/mod.rs`, `src/request/target.rs`),
//! so that the oracles built on it catch an encoding or addressing bug instead of copying
//! it.
//!
//! Used by the oracle tests; each uses a part.

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

/// `(scheme, authority)` of a test endpoint written `scheme://host[:port]`: the scheme
/// lowercase (RFC 3986 §3.1: it is case-insensitive and written lowercase), the
/// authority exactly as the test wrote it.
fn split_endpoint(endpoint: &str) -> (String, &str) {
    let (scheme, authority) = endpoint
        .split_once("://")
        .expect("the test's endpoints are scheme://authority");
    (scheme.to_ascii_lowercase(), authority)
}

/// `scheme://[bucket.]authority[/bucket]/encoded-key`: the URL before its query.
///
/// The URL carries the endpoint's authority as written (botocore prints
/// `https://S3.Example.COM:443/...` so); only the signature uses [`signed_host`].
pub fn expected_base(endpoint: &str, bucket: &str, key: &str, virtual_host: bool) -> String {
    let (scheme, authority) = split_endpoint(endpoint);
    base_with(&scheme, authority, bucket, key, virtual_host)
}

/// The same URL with the host as it is signed: what a client sends as `Host`.
pub fn expected_signed_base(endpoint: &str, bucket: &str, key: &str, virtual_host: bool) -> String {
    let (scheme, _) = split_endpoint(endpoint);
    base_with(&scheme, &signed_host(endpoint), bucket, key, virtual_host)
}

fn base_with(scheme: &str, authority: &str, bucket: &str, key: &str, virtual_host: bool) -> String {
    let path = percent_encode(key, true);
    if virtual_host {
        format!("{scheme}://{bucket}.{authority}/{path}")
    } else {
        format!("{scheme}://{authority}/{bucket}/{path}")
    }
}

/// The authority (`host[:port]`) of a test endpoint as written, bucket label not included.
pub fn authority(endpoint: &str) -> &str {
    split_endpoint(endpoint).1
}

/// The `Host` header value a SigV4/SigV2 signature covers: host names are
/// case-insensitive (RFC 3986 §3.2.2) and signed lowercase, and the port is left out
/// when it is the scheme's default (RFC 9110 §7.2, botocore's `_host_from_url`), a port
/// with leading zeros being the number it spells.
pub fn signed_host(endpoint: &str) -> String {
    let (scheme, authority) = split_endpoint(endpoint);
    let port_at = if authority.starts_with('[') {
        authority.find("]:").map(|i| i + 1)
    } else {
        authority.rfind(':')
    };
    let (host, port) = match port_at {
        Some(i) => (&authority[..i], Some(&authority[i + 1..])),
        None => (authority, None),
    };
    let host = host.to_ascii_lowercase();
    let default = if scheme == "https" { 443 } else { 80 };
    match port.map(|p| p.parse::<u16>().expect("the test's ports are numbers")) {
        Some(p) if p != default => format!("{host}:{p}"),
        _ => host,
    }
}

/// S3's rules for a bucket name that can be a host label (S3 user guide, "General
/// purpose bucket naming rules"): 3 to 63 lowercase letters, digits, `.` and `-`,
/// starting and ending with a letter or digit, no `..`, not shaped like an IPv4 address.
pub fn bucket_is_dns_name(b: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (3..=63).contains(&b.len())
        && b.chars().all(|c| alnum(c) || c == '.' || c == '-')
        && b.starts_with(alnum)
        && b.ends_with(alnum)
        && !b.contains("..")
        && b.parse::<std::net::Ipv4Addr>().is_err()
}

/// botocore's `VALID_BUCKET` (handlers.py), the rule for path style: 1 to 255 letters
/// of either case, digits, `.`, `-` and `_`. Legacy us-east-1 buckets have such names.
pub fn bucket_is_path_name(b: &str) -> bool {
    (1..=255).contains(&b.len())
        && b.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
}

/// Why presign must refuse virtual-host addressing of `bucket` on `endpoint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The bucket name cannot be a host label.
    NotDnsName,
    /// An IP host cannot take a bucket label.
    IpHost,
    /// A dotted bucket label breaks the TLS certificate of an https host.
    DottedOverHttps,
}

/// Every reason presign must refuse virtual-host addressing here (empty: it must not).
pub fn virtual_host_refusals(endpoint: &str, bucket: &str) -> Vec<Refusal> {
    let (scheme, authority) = split_endpoint(endpoint);
    let host = if authority.starts_with('[') {
        &authority[..=authority.find(']').expect("a closed IPv6 literal")]
    } else {
        authority.split(':').next().unwrap()
    };
    let mut out = Vec::new();
    if !bucket_is_dns_name(bucket) {
        out.push(Refusal::NotDnsName);
    }
    if host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        out.push(Refusal::IpHost);
    }
    if scheme == "https" && bucket.contains('.') {
        out.push(Refusal::DottedOverHttps);
    }
    out
}

/// Whether presign must refuse virtual-host addressing here.
pub fn virtual_host_refused(endpoint: &str, bucket: &str) -> bool {
    !virtual_host_refusals(endpoint, bucket).is_empty()
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
    assert_eq!(
        expected_base("https://S3.Example.COM:443", "b-1", "k", true),
        "https://b-1.S3.Example.COM:443/k"
    );
    assert_eq!(
        expected_signed_base("https://S3.Example.COM:443", "b-1", "k", true),
        "https://b-1.s3.example.com/k"
    );
    assert_eq!(signed_host("http://H:80"), "h");
    assert_eq!(signed_host("http://H:443"), "h:443");
    assert_eq!(signed_host("https://h:08443"), "h:8443");
    assert_eq!(signed_host("http://[::1]:9000"), "[::1]:9000");
    assert_eq!(signed_host("https://[::1]:443"), "[::1]");
    assert!(bucket_is_path_name("My_Bucket") && !bucket_is_dns_name("My_Bucket"));
    assert!(bucket_is_path_name("10.0.0.1") && !bucket_is_dns_name("10.0.0.1"));
    assert!(!bucket_is_path_name("a b") && !bucket_is_path_name(""));
    assert_eq!(
        virtual_host_refusals("https://h.example", "a.b"),
        [Refusal::DottedOverHttps]
    );
    assert_eq!(
        virtual_host_refusals("http://127.0.0.1:9000", "A_b"),
        [Refusal::NotDnsName, Refusal::IpHost]
    );
    assert!(!virtual_host_refused("http://h.example", "a.b"));
}

/// Whether `e` is presign's error for refusal `r`.
pub fn is_refusal(e: &presign::Error, r: Refusal) -> bool {
    matches!(
        (e, r),
        (
            presign::Error::BucketNotDnsCompatible { .. },
            Refusal::NotDnsName
        ) | (presign::Error::VirtualHostOnIp { .. }, Refusal::IpHost)
            | (
                presign::Error::DottedBucketOverHttps { .. },
                Refusal::DottedOverHttps
            )
    )
}
