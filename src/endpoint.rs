//! Where the bucket lives: an S3 endpoint URL or a Storj gateway preset.

use crate::error::Error;
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
    fn from_str(value: &str) -> Result<Self, Error> {
        let url_text = match STORJ_PRESETS.iter().find(|(name, _)| *name == value) {
            Some((_, url)) => *url,
            None if value.contains("://") => value,
            None => {
                return Err(Error::UnknownEndpoint {
                    value: value.to_owned(),
                });
            }
        };
        let fail = |reason| {
            Err(Error::InvalidEndpoint {
                value: value.to_owned(),
                reason,
            })
        };
        let Ok(url) = url::Url::parse(url_text) else {
            return fail("it is not a valid URL; write it as https://host[:port]");
        };
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => return fail("the scheme must be https:// or http://"),
        };
        if !url.username().is_empty() || url.password().is_some() {
            return fail(
                "it must not contain a user name or password; pass keys with --access-key/--secret-key",
            );
        }
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
