//! The headers a presigned URL's signature covers.
//!
//! A URL signed with `Content-Type: image/png` only works when the client sends exactly that
//! header, which is how an upload URL pins what may be uploaded. The set is built once per
//! run and every form the two signers need is computed then, so a batch of URLs that all
//! carry the same headers costs no more per URL than the bytes hashed.

use crate::encode::{Slash, encode_into};
use crate::error::Error;
use http::{HeaderName, HeaderValue};
use std::fmt;

/// Headers presign sets itself, or that no signature may cover.
///
/// `host` and the token are signed by the presigner; the rest are botocore's
/// `SIGNED_HEADERS_BLACKLIST` (hop-by-hop headers that proxies change), which botocore
/// would silently leave unsigned.
const RESERVED: [&str; 15] = [
    "host",
    "authorization",
    "x-amz-security-token",
    "x-amz-date",
    "x-amz-content-sha256",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "trailer",
    "transfer-encoding",
];

/// Headers whose value is a secret (an SSE-C key): `Debug` hides it, and the CLI shows it
/// only where the holder of the URL must send it.
pub const SECRET_HEADERS: [&str; 2] = [
    "x-amz-server-side-encryption-customer-key",
    "x-amz-copy-source-server-side-encryption-customer-key",
];

/// Whether S3 (and the servers tested: s3s, MinIO, Storj's gateway, Ceph) also read this
/// signed header from the query, so that `--in-url` may move it there: user metadata, the
/// ACL, the storage class, requester pays, object lock and the expected owner.
///
/// The rest stay headers: S3 ignores a tagging or SSE parameter in the query
/// (aws-sdk-js-v3#1701, aws-sdk-go-v2#1017), and checksums, `content-*` and conditionals
/// are read from headers only.
pub fn may_go_in_query(name: &str) -> bool {
    name.starts_with("x-amz-meta-")
        || matches!(
            name,
            "x-amz-acl"
                | "x-amz-storage-class"
                | "x-amz-request-payer"
                | "x-amz-expected-bucket-owner"
                | "x-amz-object-lock-mode"
                | "x-amz-object-lock-retain-until-date"
                | "x-amz-object-lock-legal-hold"
        )
}

/// Signed request headers, in the order they were added, with their canonical forms.
#[derive(Clone, Default)]
pub struct SignedHeaders {
    list: Vec<(HeaderName, HeaderValue)>,
    /// Headers moved into the signed query ([`SignedHeaders::move_to_query`]).
    query: Vec<(HeaderName, HeaderValue)>,
    /// ... as the URL carries them, `name=value&` each, in the order added.
    query_url: String,
    /// ... as the canonical query has them: `&name=value`, sorted.
    query_canonical: String,
    /// SigV4 canonical header lines (`name:trimmed value\n`) sorting before `host`.
    v4_before_host: String,
    /// ... and after it.
    v4_after_host: String,
    /// `X-Amz-SignedHeaders` (`content-type;host`); empty means `host`.
    v4_signed: String,
    /// ... percent-encoded, as the query carries it (`content-type%3Bhost`).
    v4_signed_encoded: String,
    /// SigV2's `Content-MD5` and `Content-Type` lines (values stripped).
    v2_md5: String,
    v2_type: String,
    /// SigV2 `x-amz-*:value\n` lines sorting before `x-amz-security-token` and after it,
    /// so the presigner can put the token's line in between.
    v2_amz_before_token: String,
    v2_amz_after_token: String,
    /// The copies botocore puts into a SigV2 query: `&name=value` in the order added.
    v2_query: String,
    /// The first header SigV2 cannot sign, if any.
    v2_unsignable: Option<HeaderName>,
}

impl SignedHeaders {
    /// No headers: the URL is signed for `host` only.
    pub const fn new() -> Self {
        SignedHeaders {
            list: Vec::new(),
            query: Vec::new(),
            query_url: String::new(),
            query_canonical: String::new(),
            v4_before_host: String::new(),
            v4_after_host: String::new(),
            v4_signed: String::new(),
            v4_signed_encoded: String::new(),
            v2_md5: String::new(),
            v2_type: String::new(),
            v2_amz_before_token: String::new(),
            v2_amz_after_token: String::new(),
            v2_query: String::new(),
            v2_unsignable: None,
        }
    }

    /// Adds a header after those already there.
    ///
    /// The value must be visible ASCII, spaces and tabs: a client sends nothing else
    /// unchanged, and botocore refuses non-ASCII metadata. It must not be empty either,
    /// but for user metadata (`x-amz-meta-*`), which botocore signs and S3 stores empty
    /// (curl sends an empty header as `-H 'Name;'`). A name may appear once.
    pub fn insert(&mut self, name: HeaderName, value: HeaderValue) -> Result<(), Error> {
        if RESERVED.contains(&name.as_str()) {
            return Err(Error::ReservedHeader {
                name: name.as_str().to_owned(),
            });
        }
        if self.list.iter().chain(&self.query).any(|(n, _)| *n == name) {
            return Err(Error::DuplicateHeader {
                name: name.as_str().to_owned(),
            });
        }
        let reason = match value.to_str() {
            Err(_) => Some("it is not plain ASCII"),
            Ok(v)
                if v.trim_matches([' ', '\t']).is_empty()
                    && !name.as_str().starts_with("x-amz-meta-") =>
            {
                Some("it is empty")
            }
            Ok(_) => None,
        };
        if let Some(reason) = reason {
            return Err(Error::InvalidHeaderValue {
                name: name.as_str().to_owned(),
                value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
                reason,
            });
        }
        self.list.push((name, value));
        self.rebuild();
        Ok(())
    }

    /// Parses and adds `name: value`, e.g. from text a user typed.
    pub fn insert_str(&mut self, name: &str, value: &str) -> Result<(), Error> {
        let header_name =
            HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::InvalidHeaderName {
                name: name.to_owned(),
            })?;
        let header_value = HeaderValue::from_str(value).map_err(|_| Error::InvalidHeaderValue {
            name: header_name.as_str().to_owned(),
            value: value.to_owned(),
            reason: "it contains a control character",
        })?;
        self.insert(header_name, header_value)
    }

    /// Moves every header a server also reads from the query ([`may_go_in_query`]) into
    /// the URL: the holder then sends only the rest. Returns how many moved.
    pub fn move_to_query(&mut self) -> usize {
        let (moved, kept) = std::mem::take(&mut self.list)
            .into_iter()
            .partition(|(n, _)| may_go_in_query(n.as_str()));
        self.list = kept;
        let moved: Vec<_> = moved;
        let n = moved.len();
        self.query.extend(moved);
        self.rebuild();
        n
    }

    /// The headers moved into the query, in the order they were added.
    pub fn in_query(&self) -> impl Iterator<Item = (&HeaderName, &str)> {
        self.query
            .iter()
            .map(|(n, v)| (n, v.to_str().unwrap_or_default()))
    }

    /// The headers in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&HeaderName, &str)> {
        // `insert` accepts only values that are valid `str`.
        self.list
            .iter()
            .map(|(n, v)| (n, v.to_str().unwrap_or_default()))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The first header SigV2 does not sign (only `Content-MD5`, `Content-Type` and
    /// `x-amz-*` are in its string to sign): botocore drops such a header silently,
    /// presign refuses it.
    pub fn unsignable_with_sigv2(&self) -> Option<&HeaderName> {
        self.v2_unsignable.as_ref()
    }

    fn rebuild(&mut self) {
        let mut sorted: Vec<(&str, &str)> = self.iter().map(|(n, v)| (n.as_str(), v)).collect();
        sorted.sort_unstable();

        let mut before = String::new();
        let mut after = String::new();
        let mut names: Vec<&str> = vec!["host"];
        for &(name, value) in &sorted {
            let lines = if name < "host" {
                &mut before
            } else {
                &mut after
            };
            lines.push_str(name);
            lines.push(':');
            // SigV4 canonical values: trimmed, inner runs of whitespace folded to one space.
            for (i, word) in value.split_ascii_whitespace().enumerate() {
                if i > 0 {
                    lines.push(' ');
                }
                lines.push_str(word);
            }
            lines.push('\n');
            names.push(name);
        }
        names.sort_unstable();
        let signed = names.join(";");
        let mut signed_encoded = String::new();
        encode_into(&mut signed_encoded, &signed, Slash::Encode);

        let mut md5 = String::new();
        let mut content_type = String::new();
        let mut amz_before = String::new();
        let mut amz_after = String::new();
        let mut query = String::new();
        let mut unsignable = None;
        // SigV2 values are stripped only (botocore: `value.strip()`), not folded.
        let strip = |v: &str| v.trim_matches([' ', '\t']).to_owned();
        for &(name, value) in &sorted {
            match name {
                "content-md5" => md5 = strip(value),
                "content-type" => content_type = strip(value),
                _ if name.starts_with("x-amz-") => {
                    let lines = if name < "x-amz-security-token" {
                        &mut amz_before
                    } else {
                        &mut amz_after
                    };
                    lines.push_str(name);
                    lines.push(':');
                    lines.push_str(value.trim_matches([' ', '\t']));
                    lines.push('\n');
                }
                _ => {}
            }
        }
        for (name, value) in self.iter() {
            let name = name.as_str();
            if name == "content-md5" || name == "content-type" || name.starts_with("x-amz-") {
                query.push('&');
                query.push_str(name);
                query.push('=');
                encode_into(&mut query, value, Slash::Encode);
            } else if unsignable.is_none() {
                unsignable = Some(HeaderName::from_bytes(name.as_bytes()).expect("valid name"));
            }
        }
        let mut query_url = String::new();
        let mut in_query: Vec<String> = Vec::new();
        for (name, value) in self.in_query() {
            let mut pair = String::new();
            encode_into(&mut pair, name.as_str(), Slash::Encode);
            pair.push('=');
            encode_into(&mut pair, value, Slash::Encode);
            query_url.push_str(&pair);
            query_url.push('&');
            in_query.push(pair);
        }
        // Sorted by encoded name, then value, as the canonical query is.
        in_query.sort_unstable_by(|a, b| {
            let split = |p: &str| p.split_once('=').map(|(n, v)| (n.to_owned(), v.to_owned()));
            split(a).cmp(&split(b))
        });
        let query_canonical: String = in_query.iter().map(|p| format!("&{p}")).collect();
        *self = SignedHeaders {
            list: std::mem::take(&mut self.list),
            query: std::mem::take(&mut self.query),
            query_url,
            query_canonical,
            v4_before_host: before,
            v4_after_host: after,
            v4_signed: signed,
            v4_signed_encoded: signed_encoded,
            v2_md5: md5,
            v2_type: content_type,
            v2_amz_before_token: amz_before,
            v2_amz_after_token: amz_after,
            v2_query: query,
            v2_unsignable: unsignable,
        };
    }

    /// The moved headers as the URL carries them: `name=value&` each.
    pub(crate) fn query_url(&self) -> &str {
        &self.query_url
    }

    /// ... and as the canonical query has them: `&name=value`, sorted.
    pub(crate) fn query_canonical(&self) -> &str {
        &self.query_canonical
    }

    pub(crate) fn v4_before_host(&self) -> &str {
        &self.v4_before_host
    }

    pub(crate) fn v4_after_host(&self) -> &str {
        &self.v4_after_host
    }

    /// The `X-Amz-SignedHeaders` value as the query carries it.
    pub(crate) fn v4_signed_encoded(&self) -> &str {
        if self.v4_signed_encoded.is_empty() {
            "host"
        } else {
            &self.v4_signed_encoded
        }
    }

    /// The signed header names, `;`-separated, as the canonical request lists them.
    pub(crate) fn v4_signed_names(&self) -> &str {
        if self.v4_signed.is_empty() {
            "host"
        } else {
            &self.v4_signed
        }
    }

    pub(crate) fn v2_md5(&self) -> &str {
        &self.v2_md5
    }

    pub(crate) fn v2_type(&self) -> &str {
        &self.v2_type
    }

    pub(crate) fn v2_amz(&self) -> (&str, &str) {
        (&self.v2_amz_before_token, &self.v2_amz_after_token)
    }

    pub(crate) fn v2_query(&self) -> &str {
        &self.v2_query
    }
}

impl fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |(n, v): (&HeaderName, &'_ str)| {
            let v = if SECRET_HEADERS.contains(&n.as_str()) {
                "(redacted)".to_owned()
            } else {
                v.to_owned()
            };
            (n.as_str().to_owned(), v)
        };
        let mut map = f.debug_map();
        map.entries(self.iter().map(shown));
        if !self.query.is_empty() {
            map.entries(
                self.in_query()
                    .map(shown)
                    .map(|(n, v)| (format!("?{n}"), v)),
            );
        }
        map.finish()
    }
}

/// A signed header only an upload sends (its body's digest, type or checksum, what to
/// store with it).
pub(crate) fn is_upload_header(h: &str) -> bool {
    matches!(
        h,
        "content-md5"
            | "content-type"
            | "content-encoding"
            | "content-language"
            | "content-disposition"
            | "cache-control"
            | "expires"
            | "x-amz-acl"
            | "x-amz-storage-class"
            | "x-amz-tagging"
            | "x-amz-sdk-checksum-algorithm"
            | "x-amz-website-redirect-location"
            | "content-length"
            | "x-amz-metadata-directive"
    ) || h.starts_with("x-amz-meta-")
        || h.starts_with("x-amz-copy-source")
        || h.starts_with("x-amz-server-side-encryption") && !h.contains("-customer-")
        || h.starts_with("x-amz-checksum-") && h != "x-amz-checksum-mode"
        || h.starts_with("x-amz-grant-")
        || h.starts_with("x-amz-object-lock-")
}

/// A signed header only a download sends (a range, a date condition on the stored
/// object); `If-Match` and `If-None-Match` are uploads' conditional writes too.
pub(crate) fn is_download_header(h: &str) -> bool {
    matches!(
        h,
        "range" | "if-modified-since" | "if-unmodified-since" | "x-amz-checksum-mode"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> SignedHeaders {
        let mut h = SignedHeaders::new();
        for (n, v) in pairs {
            h.insert_str(n, v).unwrap();
        }
        h
    }

    #[test]
    fn sigv4_forms() {
        let h = headers(&[
            ("x-amz-meta-b", "  two   words "),
            ("Content-Type", "text/plain"),
            ("range", "bytes=0-9"),
        ]);
        assert_eq!(h.v4_before_host(), "content-type:text/plain\n");
        assert_eq!(
            h.v4_after_host(),
            "range:bytes=0-9\nx-amz-meta-b:two words\n"
        );
        assert_eq!(
            h.v4_signed_encoded(),
            "content-type%3Bhost%3Brange%3Bx-amz-meta-b"
        );
        assert_eq!(SignedHeaders::new().v4_signed_encoded(), "host");
    }

    #[test]
    fn sigv2_forms() {
        let h = headers(&[
            ("x-amz-tagging", "a=b"),
            ("content-type", " text/plain "),
            ("x-amz-meta-a", " a  b "),
            ("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="),
        ]);
        assert_eq!(h.v2_md5(), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(h.v2_type(), "text/plain");
        assert_eq!(h.v2_amz(), ("x-amz-meta-a:a  b\n", "x-amz-tagging:a=b\n"));
        assert_eq!(
            h.v2_query(),
            "&x-amz-tagging=a%3Db&content-type=%20text%2Fplain%20&x-amz-meta-a=%20a%20%20b%20&content-md5=1B2M2Y8AsgTpgAmY7PhCfg%3D%3D"
        );
        assert!(h.unsignable_with_sigv2().is_none());
        let h = headers(&[("content-type", "a/b"), ("cache-control", "no-cache")]);
        assert_eq!(h.unsignable_with_sigv2().unwrap().as_str(), "cache-control");
    }

    #[test]
    fn refused() {
        let mut h = SignedHeaders::new();
        for (name, value) in [
            ("host", "x"),
            ("X-Amz-Security-Token", "x"),
            ("content-type", ""),
            ("content-type", "   "),
            ("x-amz-meta-a", "caf\u{e9}"),
            ("x-amz-meta-a", "a\nb"),
            ("bad name", "x"),
        ] {
            assert!(h.insert_str(name, value).is_err(), "{name}: {value:?}");
        }
        h.insert_str("content-type", "a/b").unwrap();
        let e = h.insert_str("Content-Type", "c/d").unwrap_err().to_string();
        assert!(e.contains("content-type"), "{e}");
    }

    /// Regression (outside review, finding 7): an empty metadata value was refused, though
    /// botocore signs it (`x-amz-meta-owner:` in the canonical request, `x-amz-meta-owner=`
    /// among SigV2's copies) and S3 stores it. Other headers stay refused empty.
    #[test]
    fn an_empty_metadata_value_is_signed() {
        let h = headers(&[("x-amz-meta-owner", ""), ("x-amz-meta-blank", "  ")]);
        assert_eq!(h.len(), 2);
        assert!(
            h.v2_query().contains("&x-amz-meta-owner=&"),
            "{}",
            h.v2_query()
        );
        assert!(
            SignedHeaders::new()
                .insert_str("cache-control", "")
                .is_err()
        );
    }
}
