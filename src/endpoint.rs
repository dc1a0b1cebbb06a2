//! Where the bucket lives: an S3 endpoint URL or a Storj gateway preset.

use crate::error::Error;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Storj's hosted S3 gateways, by the name users pass to `--endpoint`.
pub const STORJ_PRESETS: [(&str, &str); 4] = [
    ("global", "https://gateway.storjshare.io"),
    ("us1", "https://gateway.us1.storjshare.io"),
    ("eu1", "https://gateway.eu1.storjshare.io"),
    ("ap1", "https://gateway.ap1.storjshare.io"),
];

/// An S3 endpoint: scheme, host and port, nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    https: bool,
    /// Lowercase host name, IPv4 address, or IPv6 address in brackets.
    host: String,
    /// `host[:port]` as the `Host` header carries it: the port only when not the default.
    authority: String,
    is_ip: bool,
}

impl Endpoint {
    /// Whether the scheme is `https`.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// The host, without port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// `host[:port]`, as sent in the `Host` header and signed.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// Whether the host is an IP address (no bucket can be prefixed to it).
    pub fn is_ip(&self) -> bool {
        self.is_ip
    }

    /// `http://` or `https://`.
    pub fn scheme_prefix(&self) -> &'static str {
        if self.https { "https://" } else { "http://" }
    }
}

impl FromStr for Endpoint {
    type Err = Error;

    /// Parses a preset name (`global`, `us1`, `eu1`, `ap1`) or an `http(s)://host[:port]` URL.
    ///
    /// A path, query, fragment or user name in the URL is refused: S3 addresses buckets
    /// from the root, and a URL that silently dropped them would point elsewhere.
    ///
    /// Errors quote the value with any user info replaced by `***`: it may hold a password.
    fn from_str(value: &str) -> Result<Self, Error> {
        let url_text = match STORJ_PRESETS.iter().find(|(name, _)| *name == value) {
            Some((_, url)) => *url,
            None if value.contains("://") => value,
            None => {
                return Err(Error::UnknownEndpoint {
                    value: redact_user_info(value).into_owned(),
                });
            }
        };
        let fail = |reason| {
            Err(Error::InvalidEndpoint {
                value: redact_user_info(value).into_owned(),
                reason,
            })
        };
        // Before parsing: a password holding '/' (as AWS secret keys do) would otherwise be
        // read as the start of a path, and the error would blame the wrong thing.
        if after_scheme(value).contains('@') {
            return fail(
                "it must not contain a user name or password ('@'); pass keys with --access-key/--secret-key",
            );
        }
        let Ok(url) = url::Url::parse(url_text) else {
            return fail("it is not a valid URL; write it as https://host[:port]");
        };
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => return fail("the scheme must be https:// or http://"),
        };
        if url.path() != "/" && !url.path().is_empty() {
            return fail(
                "it must not have a path; give only https://host[:port] and the bucket as part of the target",
            );
        }
        if url.query().is_some() || url.fragment().is_some() {
            return fail("it must not have a query or fragment; give only https://host[:port]");
        }
        let (host, is_ip) = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => (d.to_ascii_lowercase(), false),
            Some(url::Host::Ipv4(ip)) => (ip.to_string(), true),
            Some(url::Host::Ipv6(ip)) => (format!("[{ip}]"), true),
            _ => return fail("it has no host; write it as https://host[:port]"),
        };
        // `Url::port` is None for the scheme's default port, which is also how botocore
        // leaves the port out of the signed Host header.
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        Ok(Endpoint {
            https,
            host,
            authority,
            is_ip,
        })
    }
}

/// The text after `scheme://`, or all of it without a scheme.
fn after_scheme(value: &str) -> &str {
    value.find("://").map_or(value, |i| &value[i + 3..])
}

/// `value` with everything between the scheme and the last `@` replaced by `***`.
///
/// That part is user info: a password, or a secret key pasted in the wrong place. It
/// must never reach an error message. Redacting up to the *last* `@` also covers a
/// password that itself holds `@`, `/` or `:`.
///
/// ```
/// assert_eq!(presign::redact_user_info("https://AK:s3cr/et@h.example"), "https://***@h.example");
/// assert_eq!(presign::redact_user_info("https://h.example"), "https://h.example");
/// ```
pub fn redact_user_info(value: &str) -> Cow<'_, str> {
    let start = value.len() - after_scheme(value).len();
    match value[start..].rfind('@') {
        Some(at) => Cow::Owned(format!("{}***{}", &value[..start], &value[start + at..])),
        None => Cow::Borrowed(value),
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.scheme_prefix(), self.authority)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(s: &str) -> Endpoint {
        s.parse().unwrap()
    }

    #[test]
    fn presets() {
        assert_eq!(ep("global").to_string(), "https://gateway.storjshare.io");
        assert_eq!(ep("eu1").authority(), "gateway.eu1.storjshare.io");
    }

    #[test]
    fn ports_and_schemes() {
        let e = ep("http://LocalHost:9000/");
        assert!(!e.is_https());
        assert_eq!(e.authority(), "localhost:9000");
        assert_eq!(ep("https://h.example:443").authority(), "h.example");
        assert_eq!(ep("http://[::1]:9000").authority(), "[::1]:9000");
        assert!(ep("http://127.0.0.1:1").is_ip());
    }

    #[test]
    fn user_info_is_redacted_in_every_error() {
        for (value, shown) in [
            (
                "https://AK:wJalrSECRET@s3.example.com",
                "https://***@s3.example.com",
            ),
            (
                "https://AK:wJalr/SECRET@s3.example.com/x",
                "https://***@s3.example.com/x",
            ),
            (
                "https://AK:a@b@s3.example.com",
                "https://***@s3.example.com",
            ),
            ("ftp://u:SECRET@h", "ftp://***@h"),
            ("u:SECRET@s3.example.com", "***@s3.example.com"),
        ] {
            let e = value.parse::<Endpoint>().unwrap_err().to_string();
            assert!(!e.contains("SECRET"), "{value}: {e}");
            assert!(e.contains(&format!("{shown:?}")), "{value}: {e}");
        }
    }

    #[test]
    fn refused_parts() {
        for bad in [
            "gateway.storjshare.io",
            "ftp://h",
            "https://u:p@h",
            "https://h/path",
            "https://h/?q",
            "https://h/#f",
            "https://",
            "eu2",
        ] {
            assert!(bad.parse::<Endpoint>().is_err(), "{bad}");
        }
    }
}
