//! The host part of a presigned URL: where its endpoint starts behind a bucket label, its
//! port, and its user info, which no message may show.

use crate::endpoint::{Endpoint, redact_user_info};
use std::borrow::Cow;

/// `host` without its `:port`.
pub(crate) fn host_only(authority: &str) -> &str {
    authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) && !h.ends_with(']') {
            h
        } else {
            authority
        }
    })
}

/// Whether `authority` is `host`, `host:PORT` or `[v6]:PORT` with PORT in digits: what is
/// left of `https://AK:SECRET/WITH/SLASHES@host` before its first `/` is not.
pub(crate) fn port_is_a_number(authority: &str) -> bool {
    let after_host = match authority.strip_prefix('[') {
        Some(rest) => match rest.find(']') {
            Some(i) => &rest[i + 1..],
            None => return false,
        },
        None => authority
            .bytes()
            .position(|b| b == b':')
            .map_or("", |i| &authority[i..]),
    };
    after_host.is_empty()
        || after_host
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Where the endpoint starts in a host name that puts the bucket in front, for the
/// names recognised without `--endpoint`: S3's (`s3.REGION.amazonaws.com`,
/// `s3-REGION...`, `s3.dualstack...`, `.amazonaws.com.cn`), Storj's gateways
/// (`gateway[.REGION].storjshare.io`) and `localhost`. The endpoint is the rightmost
/// label that starts one, so a bucket with dots (`my.bucket.s3.amazonaws.com`) is
/// kept whole.
fn known_endpoint_start(host: &str) -> Option<usize> {
    let lower = host.to_ascii_lowercase();
    let labels_from_right = |is_start: &dyn Fn(&str) -> bool| -> Option<usize> {
        let mut end = lower.len();
        while let Some(dot) = lower[..end].rfind('.') {
            let label = &lower[dot + 1..end];
            if is_start(label) {
                return Some(dot + 1);
            }
            end = dot;
        }
        None
    };
    if lower.ends_with(".amazonaws.com") || lower.ends_with(".amazonaws.com.cn") {
        labels_from_right(&|l| l == "s3" || l.starts_with("s3-"))
    } else if lower.ends_with(".storjshare.io") {
        labels_from_right(&|l| l == "gateway")
    } else if lower.ends_with(".localhost") {
        Some(lower.len() - "localhost".len())
    } else {
        None
    }
}

/// The bucket label of a virtual-host URL: in front of the configured endpoint's host,
/// or of S3's, Storj's or `localhost` (where `bucket.localhost` resolves to the machine
/// itself).
pub(super) fn virtual_host_bucket<'a>(
    host: &'a str,
    endpoint: Option<&Endpoint>,
) -> Option<&'a str> {
    let host_only = host_only(host);
    // The configured endpoint decides, when the URL is for it (compared without
    // allocating: this runs for every line of `verify -`).
    if let Some(ep) = endpoint {
        let ep_host = ep.host();
        if host_only.eq_ignore_ascii_case(ep_host) {
            return None;
        }
        if let Some(split) = host_only.len().checked_sub(ep_host.len() + 1)
            && host_only.as_bytes()[split] == b'.'
            && host_only.is_char_boundary(split)
            && host_only[split + 1..].eq_ignore_ascii_case(ep_host)
        {
            return Some(&host_only[..split]);
        }
    }
    let start = known_endpoint_start(host_only)?;
    // `start` follows a `.`; a bucket is what is before it, when there is one.
    (start > 1).then(|| &host_only[..start - 1])
}

/// `url` with any user info replaced by `***`: an `@` in its authority, or anywhere after
/// an authority that is no `host[:port]` (a password with `/`, `?` or `#` in it ends the
/// authority early: `https://AK:SE/CRET@host`). An `@` in the path of a URL with a good
/// host (a key `a@b.png`) is left alone.
pub(super) fn redact_password(url: &str) -> Cow<'_, str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.contains('@') {
        let end = url.len() - rest.len() + authority.len();
        let kept = redact_user_info(&url[..end]).into_owned();
        return Cow::Owned(kept + &url[end..]);
    }
    if !port_is_a_number(authority) && rest.contains('@') {
        return redact_user_info(url);
    }
    Cow::Borrowed(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 16.7): a dotted bucket in front of S3's or Storj's host names
    /// was cut at its first dot.
    #[test]
    fn dotted_buckets_in_virtual_hosts() {
        for (host, bucket) in [
            ("my.bucket.s3.us-east-1.amazonaws.com", Some("my.bucket")),
            (
                "my.s3.bucket.s3-eu-west-1.amazonaws.com",
                Some("my.s3.bucket"),
            ),
            ("a.b.c.s3.dualstack.eu-west-1.amazonaws.com", Some("a.b.c")),
            ("my.bucket.s3.amazonaws.com:443", Some("my.bucket")),
            ("b.s3.cn-north-1.amazonaws.com.cn", Some("b")),
            ("s3.us-east-1.amazonaws.com", None),
            ("my.bucket.gateway.storjshare.io", Some("my.bucket")),
            ("my.bucket.gateway.eu1.storjshare.io", Some("my.bucket")),
            ("gateway.storjshare.io", None),
            ("my.bucket.localhost:9000", Some("my.bucket")),
            ("localhost:9000", None),
            ("my.bucket.example.com", None),
        ] {
            assert_eq!(virtual_host_bucket(host, None), bucket, "{host}");
        }
        let ep: Endpoint = "https://s3.example.com".parse().unwrap();
        assert_eq!(
            virtual_host_bucket("my.bucket.s3.example.com", Some(&ep)),
            Some("my.bucket")
        );
    }
}
