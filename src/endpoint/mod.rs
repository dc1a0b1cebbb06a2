//! Where the bucket lives. An [`Endpoint`] is an S3 endpoint URL, checked as botocore
//! checks `endpoint_url`; a [`Provider`] is a preset that stands for one (`aws`,
//! `storj`, `r2:ACCOUNT_ID`, ...; the table is [`PRESETS`]), with AWS's hosts for
//! every partition ([`aws_endpoint`], [`PARTITIONS`]). [`Provider::place`] turns a provider,
//! a region and the AWS options into a [`Placement`]: the endpoint, the signing region,
//! the [`AddressingStyle`] and the [`SignatureVersion`] a run signs with.

pub(crate) mod aws;
pub(crate) mod hosts;
pub(crate) mod placement;
pub(crate) mod preset;
pub(crate) mod provider;
pub(crate) mod region;

pub use aws::{AwsOptions, PARTITIONS, Partition, aws_endpoint, aws_partition};
pub use placement::{PlaceOptions, PlaceWarning, Placement};
pub use preset::{PRESET_NAMES, PRESETS, Preset};
pub use provider::{DefaultAddressing, Provider, STORJ_PRESETS};
pub use region::check_region;

use crate::error::Error;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// An S3 endpoint: scheme, host and port, nothing else.
///
/// Like botocore, it keeps two forms of `host[:port]`: the URL carries the text as it
/// was written (`S3.Example.COM:443`), while the signed `Host` header is lowercase and
/// leaves out the scheme's default port (`s3.example.com`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    https: bool,
    /// Lowercase host name, IPv4 address, or IPv6 address in brackets, as written.
    host: String,
    /// `host[:port]` as the `Host` header carries it: the port only when not the default.
    authority: String,
    /// `host[:port]` exactly as written in the endpoint URL.
    url_authority: String,
    is_ip: bool,
    /// An S3 Transfer Acceleration host: buckets go in the host name, never in the path.
    accelerate: bool,
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

    /// `host[:port]`, as sent in the `Host` header and signed: lowercase, and without the
    /// port when it is the scheme's default (botocore's `_host_from_url`).
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// `host[:port]` as the URL carries it: exactly as written in the endpoint, case and
    /// explicit port kept (`https://S3.Example.COM:443` stays so), as botocore prints it.
    pub fn url_authority(&self) -> &str {
        &self.url_authority
    }

    /// Whether the host is an IP address (no bucket can be prefixed to it).
    pub fn is_ip(&self) -> bool {
        self.is_ip
    }

    /// Whether this is an S3 Transfer Acceleration endpoint, which takes virtual-host
    /// addressing only (see [`aws_endpoint`]).
    pub fn is_accelerate(&self) -> bool {
        self.accelerate
    }

    /// An AWS host resolved from a region (`aws.rs`), always https.
    pub(crate) fn aws(host: String, accelerate: bool) -> Result<Self, Error> {
        let mut endpoint = Self::parse_url(&format!("https://{host}"))?;
        endpoint.accelerate = accelerate;
        Ok(endpoint)
    }

    /// `http://` or `https://`.
    pub fn scheme_prefix(&self) -> &'static str {
        if self.https { "https://" } else { "http://" }
    }
}

impl FromStr for Endpoint {
    type Err = Error;

    /// Parses an `http(s)://host[:port]` URL, or a provider preset (`global`,
    /// `r2:ACCOUNT_ID`, `b2:REGION`, ... see [`Provider`]) for the endpoint
    /// it stands for; `aws` stands for its us-east-1 endpoint here, as no region is given.
    ///
    /// A path, query, fragment or user name in the URL is refused: S3 addresses buckets
    /// from the root, and a URL that silently dropped them would point elsewhere. So are
    /// the host names and ports botocore refuses (`http://-h`, `http://a..b`, `http://a_b`),
    /// ports outside 1 to 65535, and a provider's S3 host with a bucket in front of it
    /// (`https://my-bucket.s3.amazonaws.com`: the bucket goes in the target).
    ///
    /// Errors quote the value with any user info replaced by `***`: it may hold a password.
    fn from_str(value: &str) -> Result<Self, Error> {
        if value.contains("://") {
            return Self::parse_url(value);
        }
        let provider: crate::Provider = value.parse()?;
        provider.endpoint(provider.region().unwrap_or("us-east-1"), Default::default())
    }
}

impl Endpoint {
    /// An `http(s)://host[:port]` URL.
    pub(crate) fn parse_url(value: &str) -> Result<Self, Error> {
        let url_text = value;
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
        // botocore uses the host as written, not as the url crate normalises it
        // (`127.1`, `[0:0::1]`, IDNA): take it from the text.
        let written = after_scheme(url_text);
        let url_authority =
            &written[..written.find(['/', '?', '#', '\\']).unwrap_or(written.len())];
        let host_end = match url_authority.strip_prefix('[') {
            Some(rest) => rest.find(']').map_or(url_authority.len(), |i| i + 2),
            None => url_authority.find(':').unwrap_or(url_authority.len()),
        };
        let written_host = &url_authority[..host_end];
        // The url crate refuses a port over 65535 as "not a valid URL" and takes port 0,
        // which nothing listens on: both get their own message.
        if let Some(port) = url_authority[host_end..].strip_prefix(':')
            && !port.is_empty()
            && !(port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p)))
        {
            return fail("the port must be a number from 1 to 65535");
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
        let is_ip = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => false,
            Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
            _ => return fail("it has no host; write it as https://host[:port]"),
        };
        // `http:///h` and `http://\h`: the url crate finds a host after the slashes, but
        // none is written where the URL would carry it; botocore refuses these too.
        if written_host.is_empty() {
            return fail("it has no host; write it as https://host[:port]");
        }
        if !written_host.starts_with('[')
            && let Some(reason) = host_name_problem(written_host)
        {
            return fail(reason);
        }
        let host = written_host.to_ascii_lowercase();
        // `https://BUCKET.s3.amazonaws.com`, a bucket's URL: the bucket would be named twice.
        if let Some(known) = hosts::known_host(&host)
            && let Some(bucket) = known.bucket
        {
            return Err(Error::EndpointWithBucket {
                value: redact_user_info(value).into_owned(),
                bucket: bucket.to_owned(),
                options: known.options,
            });
        }
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
            url_authority: url_authority.to_owned(),
            is_ip,
            accelerate: false,
        })
    }
}

/// What is wrong with a host name, as botocore's `is_valid_endpoint_url` sees it: dot-separated
/// labels of 1 to 63 ASCII letters, digits and '-', none starting or ending with '-', at
/// most 253 characters in all; one trailing dot (a fully qualified name) is allowed.
fn host_name_problem(host: &str) -> Option<&'static str> {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 {
        return Some("the host name is longer than 253 characters");
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Some("the host name has an empty label ('..', or a '.' at the start)");
        }
        if label.len() > 63 {
            return Some("a label of the host name is longer than 63 characters");
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Some(
                "the host name may hold only ASCII letters, digits, '-' and '.' (no '_', which botocore refuses too); use the server's IP address or a name without '_'",
            );
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("a label of the host name starts or ends with '-'");
        }
    }
    None
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
pub(crate) fn redact_user_info(value: &str) -> Cow<'_, str> {
    let start = value.len() - after_scheme(value).len();
    match value[start..].rfind('@') {
        Some(at) => Cow::Owned(format!("{}***{}", &value[..start], &value[start + at..])),
        None => Cow::Borrowed(value),
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.scheme_prefix(), self.url_authority)
    }
}

/// Which signature algorithm to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignatureVersion {
    /// AWS Signature Version 4 (HMAC-SHA256), at most seven days.
    #[default]
    V4,
    /// Legacy Signature Version 2 (HMAC-SHA1), for old servers; any expiry.
    V2,
}

impl FromStr for SignatureVersion {
    type Err = Error;

    fn from_str(value: &str) -> Result<Self, Error> {
        match value {
            "v4" | "s3v4" => Ok(SignatureVersion::V4),
            "v2" | "s3" => Ok(SignatureVersion::V2),
            _ => Err(Error::InvalidSignatureVersion {
                value: value.to_owned(),
            }),
        }
    }
}

impl fmt::Display for SignatureVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureVersion::V4 => "v4",
            SignatureVersion::V2 => "v2",
        })
    }
}

/// How the bucket is put into the URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AddressingStyle {
    /// `https://host/bucket/key`: works with every endpoint and every bucket name.
    #[default]
    Path,
    /// `https://bucket.host/key`.
    VirtualHost,
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

    /// What botocore 1.44.8 puts in the URL and signs as `host`, for each endpoint URL
    /// (`generate_presigned_url` with path style; `_host_from_url` in botocore/auth.py).
    #[test]
    fn url_and_signed_host_as_botocore_has_them() {
        for (endpoint, url, signed) in [
            (
                "https://h.example:443",
                "https://h.example:443",
                "h.example",
            ),
            (
                "https://S3.Example.COM",
                "https://S3.Example.COM",
                "s3.example.com",
            ),
            ("http://h:80", "http://h:80", "h"),
            ("HTTPS://h.example", "https://h.example", "h.example"),
            ("http://[::1]:443", "http://[::1]:443", "[::1]:443"),
            ("https://[::1]:443", "https://[::1]:443", "[::1]"),
            (
                "https://[0:0::1]:9000",
                "https://[0:0::1]:9000",
                "[0:0::1]:9000",
            ),
            (
                "http://[::FFFF:1.2.3.4]",
                "http://[::FFFF:1.2.3.4]",
                "[::ffff:1.2.3.4]",
            ),
            ("https://h.example/", "https://h.example", "h.example"),
            (
                "https://h.example:8443/",
                "https://h.example:8443",
                "h.example:8443",
            ),
            ("http://H.Example:80/", "http://H.Example:80", "h.example"),
            (
                "https://H.Example:0443",
                "https://H.Example:0443",
                "h.example",
            ),
            (
                "https://h.example:08443",
                "https://h.example:08443",
                "h.example:8443",
            ),
            ("https://h.example.", "https://h.example.", "h.example."),
            ("http://127.1:9000", "http://127.1:9000", "127.1:9000"),
        ] {
            let e = ep(endpoint);
            let url_form = format!("{}{}", e.scheme_prefix(), e.url_authority());
            assert_eq!(
                (url_form.as_str(), e.authority()),
                (url, signed),
                "{endpoint}"
            );
            assert_eq!(e.to_string(), url);
        }
        assert!(ep("http://127.1:9000").is_ip());
        assert_eq!(ep("https://[::1]").host(), "[::1]");
        // botocore refuses a host that is not ASCII; so does presign.
        assert!("https://b\u{fc}cher.example".parse::<Endpoint>().is_err());
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

    /// A bucket's URL given as the endpoint (`https://my-bucket.s3.amazonaws.com`, copied
    /// from a console) signed path-style URLs that named the bucket twice.
    #[test]
    fn an_endpoint_with_the_bucket_in_its_host_is_refused() {
        for (value, says) in [
            (
                "https://my-bucket.s3.amazonaws.com",
                r#"invalid endpoint "https://my-bucket.s3.amazonaws.com": it holds the bucket "my-bucket" in front of the S3 host; write --endpoint aws, and give the bucket in the target (my-bucket/KEY)"#,
            ),
            (
                "https://My-Bucket.S3.eu-west-1.amazonaws.com/",
                "write --endpoint aws --region eu-west-1, and give the bucket in the target (my-bucket/KEY)",
            ),
            (
                "https://b.gateway.eu1.storjshare.io",
                "write --endpoint storj:eu1",
            ),
            (
                "https://b.nyc3.digitaloceanspaces.com",
                "write --endpoint spaces:nyc3",
            ),
        ] {
            let e = value.parse::<Endpoint>().unwrap_err().to_string();
            assert!(e.contains(says), "{value}: {e}");
        }
        for ok in [
            "https://s3.amazonaws.com",
            "https://s3-accelerate.amazonaws.com",
            "https://gateway.storjshare.io",
            "https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com",
            "https://nyc3.digitaloceanspaces.com",
            "https://files.example.com",
        ] {
            assert!(ok.parse::<Endpoint>().is_ok(), "{ok}");
        }
    }

    #[test]
    fn user_info_is_replaced_up_to_the_last_at() {
        assert_eq!(
            redact_user_info("https://AK:s3cr/et@h.example"),
            "https://***@h.example"
        );
        assert_eq!(redact_user_info("https://h.example"), "https://h.example");
    }
}
