//! The host part of a presigned URL: where its endpoint starts behind a bucket label, its
//! port, and its user info, which no message may show.

use crate::endpoint::Endpoint;
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

/// Whether `host` ends with `suffix`, any case, without allocating.
pub(crate) fn ends_with_ignore_case(host: &str, suffix: &str) -> bool {
    host.len() >= suffix.len()
        && host.is_char_boundary(host.len() - suffix.len())
        && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Where the endpoint starts in a host name that puts the bucket in front, for every host
/// presign prints without `--endpoint` being given back: S3's in every AWS partition
/// (`s3.REGION.amazonaws.com`, `s3-REGION...`, `s3.dualstack...`, `s3-fips...`,
/// `s3-accelerate...`, under each partition's DNS suffix: `.amazonaws.com.cn`,
/// `.c2s.ic.gov`, `.amazonaws.eu`...), and every preset's: Storj's gateways
/// (`gateway[.REGION].storjshare.io`), R2's (`ACCOUNT[.JURISDICTION].r2.cloudflarestorage.com`),
/// Backblaze's and Wasabi's (`s3.REGION.backblazeb2.com`, `s3.REGION.wasabisys.com`),
/// Spaces' (`REGION.digitaloceanspaces.com`), Google's (`storage.googleapis.com`), and
/// `localhost`. The endpoint is the rightmost label that starts one, so a bucket with dots
/// (`my.bucket.s3.amazonaws.com`) is kept whole.
fn known_endpoint_start(host: &str) -> Option<usize> {
    let host = host.strip_suffix('.').unwrap_or(host); // a fully qualified name
    let labels_from_right = |is_start: &dyn Fn(&str) -> bool| -> Option<usize> {
        let mut end = host.len();
        while let Some(dot) = host[..end].rfind('.') {
            let label = &host[dot + 1..end];
            if is_start(label) {
                return Some(dot + 1);
            }
            end = dot;
        }
        None
    };
    let s3_label = |l: &str| {
        l.eq_ignore_ascii_case("s3") || (l.len() > 3 && l[..3].eq_ignore_ascii_case("s3-"))
    };
    if crate::endpoint::aws::PARTITIONS
        .iter()
        .any(|p| is_under(host, p.dns_suffix))
    {
        labels_from_right(&s3_label)
    } else if is_under(host, "storjshare.io") {
        labels_from_right(&|l| l.eq_ignore_ascii_case("gateway"))
    } else if is_under(host, "r2.cloudflarestorage.com") {
        // The account id is 32 hex digits; a jurisdiction (`eu`) may follow it.
        labels_from_right(&|l| l.len() == 32 && l.bytes().all(|b| b.is_ascii_hexdigit()))
    } else if is_under(host, "backblazeb2.com") || is_under(host, "wasabisys.com") {
        labels_from_right(&s3_label)
    } else if is_under(host, "digitaloceanspaces.com") {
        // `[BUCKET.]REGION.digitaloceanspaces.com`: the endpoint starts at the region.
        let names = &host[..host.len() - "digitaloceanspaces.com".len() - 1];
        Some(names.rfind('.').map_or(0, |dot| dot + 1))
    } else if is_under(host, "storage.googleapis.com") {
        Some(host.len() - "storage.googleapis.com".len())
    } else if is_under(host, "localhost") {
        Some(host.len() - "localhost".len())
    } else {
        None
    }
}

/// Whether `host` is a name under `domain` (ends with `.DOMAIN`), any case.
fn is_under(host: &str, domain: &str) -> bool {
    host.len() > domain.len()
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
        && ends_with_ignore_case(host, domain)
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

/// Where the authority of `url` starts as a browser reads it: after the scheme and any run
/// of `/` and `\\` (`https:///u:pw@host`, `https:/u:pw@host` and `https:\\\\u:pw@host` all
/// have the user info `u:pw`); 0 when `url` has no scheme.
fn authority_start(url: &str) -> usize {
    let scheme_end = url
        .find(':')
        .filter(|&i| {
            i > 0
                && url.as_bytes()[0].is_ascii_alphabetic()
                && url[..i]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        })
        .map_or(0, |i| i + 1);
    let slashes = url[scheme_end..]
        .bytes()
        .take_while(|b| matches!(b, b'/' | b'\\'))
        .count();
    if scheme_end == 0 && slashes == 0 {
        0
    } else {
        scheme_end + slashes
    }
}

/// `url` with any user info replaced by `***`: an `@` in its authority (as browsers find
/// it, whatever the slashes after the scheme), or anywhere after an authority that is no
/// `host[:port]` (a password with `/`, `?` or `#` in it ends the authority early:
/// `https://AK:SE/CRET@host`). An `@` in the path of a URL with a good host (a key
/// `a@b.png`) is left alone.
pub(super) fn redact_password(url: &str) -> Cow<'_, str> {
    let start = authority_start(url);
    let rest = &url[start..];
    let authority = &rest[..rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len())];
    if let Some(at) = authority.rfind('@') {
        return Cow::Owned(format!("{}***{}", &url[..start], &rest[at..]));
    }
    if !port_is_a_number(authority) && rest.contains('@') {
        // The last `@` of all: a password may hold `/`, `?`, `#` and `@`.
        let at = rest.rfind('@').expect("checked above");
        return Cow::Owned(format!("{}***{}", &url[..start], &rest[at..]));
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
            // Regression (review of issue 17): every partition's and preset's hosts.
            ("b-1.s3.us-iso-east-1.c2s.ic.gov", Some("b-1")),
            ("b-1.s3.eusc-de-east-1.amazonaws.eu", Some("b-1")),
            ("a.b.s3-fips.us-isob-east-1.sc2s.sgov.gov", Some("a.b")),
            ("b-1.s3-accelerate.amazonaws.com.", Some("b-1")),
            ("b-1.nyc3.digitaloceanspaces.com", Some("b-1")),
            ("nyc3.digitaloceanspaces.com", None),
            ("b-1.storage.googleapis.com", Some("b-1")),
            ("storage.googleapis.com", None),
            ("B-1.S3.EU-CENTRAL-1.WASABISYS.COM", Some("B-1")),
            ("s3.us-west-004.backblazeb2.com", None),
            ("b.c.s3.us-west-004.backblazeb2.com", Some("b.c")),
            (
                "b-1.0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com",
                Some("b-1"),
            ),
            (
                "0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com",
                None,
            ),
        ] {
            assert_eq!(virtual_host_bucket(host, None), bucket, "{host}");
        }
        let ep: Endpoint = "https://s3.example.com".parse().unwrap();
        assert_eq!(
            virtual_host_bucket("my.bucket.s3.example.com", Some(&ep)),
            Some("my.bucket")
        );
    }

    /// Regression (review of issue 17, finding 5): browsers read user info after any run
    /// of `/` and `\` behind the scheme; `https:///u:pw@host` showed the password.
    #[test]
    fn passwords_are_redacted_however_the_slashes_go() {
        for (url, shown) in [
            ("https:///u:pw@h/k", "https:///***@h/k"),
            ("https:/u:pw@h/k", "https:/***@h/k"),
            ("https:\\\\u:pw@h/k", "https:\\\\***@h/k"),
            ("https://u:p/w@h/k", "https://***@h/k"),
            ("https://u:p@w@h/k?a@b", "https://***@h/k?a@b"),
            ("https://h/b/a@b.png", "https://h/b/a@b.png"),
            ("u:pw@h/k", "u:***@h/k"),
        ] {
            assert_eq!(redact_password(url), shown, "{url}");
        }
    }

    #[test]
    fn an_endpoint_given_decides() {
        let ep: Endpoint = "https://s3.example.com".parse().unwrap();
        assert_eq!(
            virtual_host_bucket("my.bucket.s3.example.com", Some(&ep)),
            Some("my.bucket")
        );
    }
}
