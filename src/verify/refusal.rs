//! What servers refuse in a SigV4 URL whatever its signature, and a session token's value
//! kept out of what `--explain` and `{:?}` show.

use crate::endpoint::SignatureVersion;
use crate::endpoint::aws::PARTITIONS;
use crate::endpoint::region::region_from_host;
use crate::expiry::SIGV4_MAX_EXPIRES;
use crate::inspect::{Presigned, ends_with_ignore_case, host_only};
use crate::quote::Quoted;
use std::borrow::Cow;
use std::fmt;

/// Why servers refuse a SigV4 URL whatever its signature: S3 for each; MinIO and Storj
/// for all but the region (they take any); s3s-fs only for the service (see
/// `tests/e2e/verify.rs`, which holds every verdict against it).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// `X-Amz-Expires` is over [`SIGV4_MAX_EXPIRES`].
    ExpiresTooLong { seconds: u64 },
    /// The credential scope's service is not `s3`.
    NotS3 { service: String },
    /// `host` is not among the signed headers.
    HostNotSigned,
    /// The credential scope's region is not the one the AWS host name names.
    WrongRegion { region: String, host_region: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::ExpiresTooLong { seconds } => write!(
                f,
                "X-Amz-Expires is {seconds} s, over the {SIGV4_MAX_EXPIRES} s (7 days) S3, MinIO and Storj allow"
            ),
            Refusal::NotS3 { service } => write!(
                f,
                "the credential scope's service is {}, not \"s3\"",
                Quoted(service)
            ),
            Refusal::HostNotSigned => write!(
                f,
                "X-Amz-SignedHeaders does not list host, which S3, MinIO and Storj require"
            ),
            Refusal::WrongRegion {
                region,
                host_region,
            } => write!(
                f,
                "the credential scope's region is {}, but the host is S3's in {host_region}",
                Quoted(region)
            ),
        }
    }
}

/// The region an AWS S3 host name names (`[bucket.]s3.REGION.amazonaws.com` and the
/// other forms [`region_from_host`] knows), lowercase; `None` for any other host.
/// Allocates only for a host written with capitals: the quick way of `verify -` asks it
/// for every URL.
pub(crate) fn aws_host_region(authority: &str) -> Option<Cow<'_, str>> {
    let host = host_only(authority);
    // Most hosts are not AWS's: no partition's DNS suffix ends them (every partition's:
    // `c2s.ic.gov` and `amazonaws.eu` hosts name a region as `amazonaws.com` ones do).
    let host_no_dot = host.strip_suffix('.').unwrap_or(host);
    if !PARTITIONS
        .iter()
        .any(|p| ends_with_ignore_case(host_no_dot, p.dns_suffix))
    {
        return None;
    }
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = host.to_ascii_lowercase();
        return region_from_host(&lower).map(|r| Cow::Owned(r.to_owned()));
    }
    region_from_host(host).map(Cow::Borrowed)
}

/// What servers refuse in `url` before its signature counts (SigV4; SigV2 has none of
/// these parameters).
pub(crate) fn refusal(url: &Presigned<'_>) -> Option<Refusal> {
    if url.signature_version != SignatureVersion::V4 {
        return None;
    }
    if let Some(seconds) = url.expires_secs.filter(|&s| s > SIGV4_MAX_EXPIRES) {
        return Some(Refusal::ExpiresTooLong { seconds });
    }
    let service = url.service.as_deref().unwrap_or_default();
    if service != "s3" {
        return Some(Refusal::NotS3 {
            service: service.to_owned(),
        });
    }
    if !url.signed_headers.iter().any(|h| h == "host") {
        return Some(Refusal::HostNotSigned);
    }
    let region = url.region.as_deref().unwrap_or_default();
    if let Some(host_region) = aws_host_region(url.authority)
        && host_region != region
    {
        return Some(Refusal::WrongRegion {
            region: region.to_owned(),
            host_region: host_region.into_owned(),
        });
    }
    None
}

/// `text` (a canonical request, a string to sign) with the value of every session token
/// in it, as a query parameter (`X-Amz-Security-Token=...`) or a header line
/// (`x-amz-security-token:...`), any case, replaced by its length; likewise the SSE-C
/// keys ([`crate::request::SECRET_HEADERS`]).
pub fn redact_token(text: &str) -> Cow<'_, str> {
    // The SSE-C keys a client sends are secrets too (`--header` takes them).
    let mut out = redact_named(text, "x-amz-security-token");
    for name in crate::request::headers::SECRET_HEADERS {
        if let Cow::Owned(o) = redact_named(&out, name) {
            out = Cow::Owned(o);
        }
    }
    out
}

/// `text` with the value after each `NAME=` or `NAME:` (case-insensitive) replaced by its
/// length.
fn redact_named<'t>(text: &'t str, name: &str) -> Cow<'t, str> {
    let lower = text.to_ascii_lowercase();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| from + i) {
        let value_start = at + name.len() + 1;
        from = at + name.len();
        if !matches!(text.as_bytes().get(at + name.len()), Some(b'=' | b':')) {
            continue;
        }
        let value_end = text[value_start..]
            .find(['&', '\n'])
            .map_or(text.len(), |i| value_start + i);
        out.push_str(&text[copied..value_start]);
        let length = text[value_start..value_end].chars().count();
        out.push_str(&format!("(redacted, {length} characters)"));
        copied = value_end;
        from = value_end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_shows_by_its_length_only() {
        let creq = "GET\n/b/k\nX-Amz-Date=1&X-Amz-Security-Token=abc%2Fdef&a=b\nhost:h\nx-amz-security-token:tok\n";
        assert_eq!(
            redact_token(creq),
            "GET\n/b/k\nX-Amz-Date=1&X-Amz-Security-Token=(redacted, 9 characters)&a=b\nhost:h\nx-amz-security-token:(redacted, 3 characters)\n"
        );
        let end = "a=1&x-amz-security-token=zz";
        assert_eq!(
            redact_token(end),
            "a=1&x-amz-security-token=(redacted, 2 characters)"
        );
        assert_eq!(redact_token("no token here"), "no token here");
        assert_eq!(
            redact_token("x-amz-security-tokens=1"),
            "x-amz-security-tokens=1"
        );
    }

    #[test]
    fn regions_of_aws_hosts() {
        for (host, region) in [
            ("s3.eu-west-1.amazonaws.com", Some("eu-west-1")),
            (
                "My.Bucket.S3.EU-WEST-1.AmazonAWS.com:443",
                Some("eu-west-1"),
            ),
            ("b.s3-us-west-2.amazonaws.com", Some("us-west-2")),
            ("s3.dualstack.ap-south-1.amazonaws.com", Some("ap-south-1")),
            ("s3.amazonaws.com", None),
            ("b.s3-accelerate.amazonaws.com", None),
            ("gateway.storjshare.io", None),
            ("s3.example.com", None),
        ] {
            assert_eq!(aws_host_region(host).as_deref(), region, "{host}");
        }
    }
}
