//! Checking a presigned URL offline, as a server would: recompute its signature from the
//! URL itself and a secret key, for each HTTP method (the method is signed but not
//! written in the URL), and say which one it is good for and whether it is valid now.
//!
//! This is a verifier, not the signer run again: the canonical request is built from the
//! URL as received (every query parameter, sorted; the path decoded and encoded again, as
//! S3 does), so it checks URLs from any tool, and its canonical request and string to
//! sign can be compared line by line with those in a server's `SignatureDoesNotMatch`.

use crate::encode::{Slash, encode_into, is_canonical};
use crate::endpoint::{AddressingStyle, SignatureVersion};
use crate::hex;
use crate::inspect::Presigned;
use crate::request::headers::{is_download_header, is_upload_header};
use crate::secret::Secret;
use crate::sign::v2::SIGV2_SUBRESOURCES;
use crate::sign::v4::signing_key;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use http::Method;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::fmt;

mod common;
mod refusal;
mod timing;

pub(crate) use refusal::aws_host_region;
pub(crate) use refusal::refusal;
pub use refusal::{Refusal, redact_token};
use timing::timing;
pub use timing::{MAX_CLOCK_SKEW_SECS, Timing};

/// The methods a presigned object URL can be for, in the order tried by default.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::PUT,
    Method::HEAD,
    Method::DELETE,
    Method::POST,
];

/// What one method's signature check computed. Its `{:?}` hides a session token's value.
#[derive(Clone)]
pub struct Attempt {
    pub method: Method,
    /// SigV4 only.
    pub canonical_request: Option<String>,
    pub string_to_sign: String,
    pub matches: bool,
}

impl fmt::Debug for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attempt")
            .field("method", &self.method)
            .field(
                "canonical_request",
                &self.canonical_request.as_deref().map(redact_token),
            )
            .field("string_to_sign", &redact_token(&self.string_to_sign))
            .field("matches", &self.matches)
            .finish()
    }
}

/// The outcome of checking one URL.
#[derive(Clone, Debug)]
pub struct Report {
    /// The method the signature is good for, if any.
    pub method: Option<Method>,
    pub attempts: Vec<Attempt>,
    /// Signed headers (besides `host`) whose values were not given: without them the
    /// signature cannot be checked. A SigV2 URL's are the headers it has copies of in its
    /// query (`content-type`, `content-md5`, `x-amz-*`), which servers read from the
    /// request's headers as they do a SigV4 URL's.
    pub missing_headers: Vec<String>,
    /// A SigV2 URL's signed `x-amz-meta-*` headers, on which servers differ: some (s3s)
    /// read them from the request's headers, as `method` and `missing_headers` take
    /// them; others (radosgw) read their copies in the query, joined to a header of the
    /// same name, so that they take the request only without those headers. Empty for
    /// SigV4. While it is not, the URL is not [`Report::is_valid`]: that depends on
    /// the server.
    pub disputed_headers: Vec<String>,
    /// With `disputed_headers`: the method the signature is right for where they are
    /// read from the query's copies, for the request without them (the other signed
    /// headers as given); `None` when it matches none, or when another signed header's
    /// value was not given.
    pub method_from_query_copies: Option<Method>,
    /// The URL's access key differs from the one checked with.
    pub access_key_differs: bool,
    /// What servers refuse in the URL whatever its signature.
    pub refusal: Option<Refusal>,
    pub timing: Timing,
    /// When the URL expires.
    pub expires_at: DateTime<Utc>,
}

impl Report {
    /// Signature right for some method, nothing servers refuse, and valid now, whatever
    /// the server (a SigV2 URL that signs `x-amz-meta-*` depends on it).
    pub fn is_valid(&self) -> bool {
        self.method.is_some()
            && self.disputed_headers.is_empty()
            && !self.access_key_differs
            && self.refusal.is_none()
            && self.timing.is_valid()
    }
}

/// A SigV4 credential scope.
struct Scope<'a> {
    /// `YYYYMMDD`, the date of `X-Amz-Date` (`parse` checks that they agree).
    date: &'a str,
    region: &'a str,
    service: &'a str,
}

impl<'a> Scope<'a> {
    fn of(url: &'a Presigned<'_>) -> Self {
        Scope {
            date: url
                .amz_date
                .as_deref()
                .and_then(|d| d.get(..8))
                .unwrap_or_default(),
            region: url.region.as_deref().unwrap_or_default(),
            service: url.service.as_deref().unwrap_or("s3"),
        }
    }
}

/// Buffers reused from one URL to the next.
#[derive(Default)]
struct Scratch {
    creq: String,
    encoded: String,
    spans: Vec<(usize, usize, usize)>,
    /// The quick way's last credential and `X-Amz-Date` as read, which a batch repeats:
    /// the credential's four parts as byte ranges, the date as an instant.
    credential: String,
    credential_parts: [(usize, usize); 4],
    amz_date: String,
    signed_at: Option<DateTime<Utc>>,
}

/// A SigV4 signing key for one scope, as HMAC states: keyed with it (which spares the
/// four HMACs of deriving it and the two compressions of keying, per URL), and also
/// past the string to sign's lines before the hash, for one `X-Amz-Date`.
struct KeyCache {
    date: String,
    region: String,
    service: String,
    keyed: Hmac<Sha256>,
    amz_date: Option<String>,
    prefixed: Hmac<Sha256>,
}

/// Checks presigned URLs against one secret key.
pub struct Verifier {
    access_key: String,
    secret: Secret,
    /// The last SigV4 URL's signing state: a batch from one run shares it.
    key_cache: RefCell<Option<KeyCache>>,
    scratch: RefCell<Scratch>,
}

impl Verifier {
    pub fn new(access_key: &str, secret: Secret) -> Self {
        Verifier {
            access_key: access_key.to_owned(),
            secret,
            key_cache: RefCell::new(None),
            scratch: RefCell::new(Scratch::default()),
        }
    }

    /// Checks `url` as of `now`. `headers` gives the values of signed headers (lowercase
    /// names); `explain` keeps every attempt's canonical request and string to sign.
    pub fn verify(
        &self,
        url: &Presigned<'_>,
        headers: &[(String, String)],
        now: DateTime<Utc>,
        explain: bool,
    ) -> Report {
        let access_key_differs = url.access_key != self.access_key;
        let timing = timing(url.signed_at, url.expires_at, now);
        let mut missing_headers = Vec::new();
        let mut attempts = Vec::new();
        for name in &url.signed_headers {
            if name != "host" && header(headers, name).is_none() {
                missing_headers.push(name.to_string());
            }
        }
        let method = if missing_headers.is_empty() {
            self.first_match(
                url,
                headers,
                MetaFrom::Headers,
                explain.then_some(&mut attempts),
            )
        } else {
            None
        };
        let disputed_headers: Vec<String> = if url.signature_version == SignatureVersion::V2 {
            (url.signed_headers.iter())
                .filter(|h| is_meta(h))
                .map(|h| h.to_string())
                .collect()
        } else {
            Vec::new()
        };
        let method_from_query_copies =
            if !disputed_headers.is_empty() && missing_headers.iter().all(|h| is_meta(h)) {
                self.first_match(url, headers, MetaFrom::Query, None)
            } else {
                None
            };
        Report {
            method,
            attempts,
            missing_headers,
            disputed_headers,
            method_from_query_copies,
            access_key_differs,
            refusal: refusal(url),
            timing,
            expires_at: url.expires_at,
        }
    }

    /// The first method, likeliest first, whose signature `url` has as a server reading
    /// `x-amz-meta-*` as `meta` says computes it; each attempt kept in `explain`.
    fn first_match(
        &self,
        url: &Presigned<'_>,
        headers: &[(String, String)],
        meta: MetaFrom,
        mut explain: Option<&mut Vec<Attempt>>,
    ) -> Option<Method> {
        let order = method_order(
            |name| url.query.iter().any(|p| p.name == name),
            url.signed_headers.iter().map(|h| &**h),
        );
        order.into_iter().find(|m| {
            let attempt = self.attempt(url, m, headers, meta, explain.is_some());
            let matches = attempt.matches;
            if let Some(attempts) = explain.as_deref_mut() {
                attempts.push(attempt);
            }
            matches
        })
    }

    /// Computes the signature `url` would have for `method` and compares, with every
    /// signed header's value from `headers` (as s3s reads even a SigV2 URL's
    /// `x-amz-meta-*`).
    pub fn check(
        &self,
        url: &Presigned<'_>,
        method: &Method,
        headers: &[(String, String)],
    ) -> Attempt {
        self.attempt(url, method, headers, MetaFrom::Headers, true)
    }

    /// [`Verifier::check`], reading a SigV2 URL's `x-amz-meta-*` as `meta` says, keeping
    /// the canonical request and string to sign only when `keep` (they cost two
    /// allocations that a batch does not need).
    fn attempt(
        &self,
        url: &Presigned<'_>,
        method: &Method,
        headers: &[(String, String)],
        meta: MetaFrom,
        keep: bool,
    ) -> Attempt {
        match url.signature_version {
            SignatureVersion::V4 => {
                let mut scratch = self.scratch.borrow_mut();
                let Scratch {
                    creq,
                    encoded,
                    spans,
                    ..
                } = &mut *scratch;
                creq.clear();
                canonical_request_v4(creq, encoded, spans, url, method, headers);
                let hash = hex::encode32(&Sha256::digest(creq.as_bytes()).into());
                let scope = Scope::of(url);
                let amz_date = url.amz_date.as_deref().unwrap_or_default();
                let tag = decode_hex32(&url.signature);
                Attempt {
                    method: method.clone(),
                    matches: self.verifies_v4(amz_date, &scope, &hash, tag.as_ref()),
                    canonical_request: keep.then(|| creq.clone()),
                    string_to_sign: if keep {
                        string_to_sign_v4(amz_date, &scope).concat() + hex::as_str(&hash)
                    } else {
                        String::new()
                    },
                }
            }
            SignatureVersion::V2 => {
                let sts = string_to_sign_v2(url, method, headers, meta);
                let mut mac = Hmac::<Sha1>::new_from_slice(self.secret.expose().as_bytes())
                    .expect("HMAC takes keys of any size");
                mac.update(sts.as_bytes());
                // Compared by the MAC itself, in constant time.
                let matches = STANDARD
                    .decode(url.signature.as_bytes())
                    .is_ok_and(|tag| mac.verify_slice(&tag).is_ok());
                Attempt {
                    method: method.clone(),
                    matches,
                    canonical_request: None,
                    string_to_sign: sts,
                }
            }
        }
    }

    /// Whether `tag` is the SigV4 signature of the string to sign for a canonical request
    /// whose SHA-256 is `hash` (lowercase hex), compared by the MAC itself
    /// ([`Mac::verify_slice`], in constant time).
    fn verifies_v4(
        &self,
        amz_date: &str,
        scope: &Scope<'_>,
        hash: &[u8; 64],
        tag: Option<&[u8; 32]>,
    ) -> bool {
        let mut cache = self.key_cache.borrow_mut();
        // Checked in place: moving the cached states out and back costs a batch time.
        let same_scope = matches!(&*cache, Some(c) if c.date == scope.date
            && c.region == scope.region
            && c.service == scope.service);
        if !same_scope {
            let key = signing_key(
                self.secret.expose(),
                scope.date,
                scope.region,
                scope.service,
            );
            let keyed = Hmac::<Sha256>::new_from_slice(&*key).expect("HMAC takes keys of any size");
            *cache = Some(KeyCache {
                date: scope.date.to_owned(),
                region: scope.region.to_owned(),
                service: scope.service.to_owned(),
                prefixed: keyed.clone(),
                keyed,
                amz_date: None,
            });
        }
        let Some(cached) = cache.as_mut() else {
            return false;
        };
        if cached.amz_date.as_deref() != Some(amz_date) {
            cached.prefixed = cached.keyed.clone();
            for piece in string_to_sign_v4(amz_date, scope) {
                cached.prefixed.update(piece.as_bytes());
            }
            cached.amz_date = Some(amz_date.to_owned());
        }
        let Some(tag) = tag else {
            return false;
        };
        let mut mac = cached.prefixed.clone();
        mac.update(hash);
        mac.verify_slice(tag).is_ok()
    }
}

/// Each byte's value as a lowercase hex digit; `0xff` for any other byte.
const HEX_VALUE: [u8; 256] = {
    let mut table = [0xff; 256];
    let mut i = 0;
    while i < 16 {
        table[b"0123456789abcdef"[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// A SigV4 signature as the 32 bytes it writes in lowercase hex (as S3 compares it:
/// uppercase hex is not the signature); `None` for any other text. Without a branch per
/// digit: this runs for every line of `verify -`, and digit by digit it cost a tenth of
/// the batch's time.
fn decode_hex32(text: &str) -> Option<[u8; 32]> {
    let digits: &[u8; 64] = text.as_bytes().try_into().ok()?;
    let mut out = [0u8; 32];
    let mut bad = 0;
    for (o, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let (hi, lo) = (
            HEX_VALUE[usize::from(pair[0])],
            HEX_VALUE[usize::from(pair[1])],
        );
        bad |= hi | lo;
        *o = hi << 4 | lo;
    }
    // A digit's value is below 16; `0xff` sets the high bits.
    (bad & 0xf0 == 0).then_some(out)
}

/// The likeliest methods first, from what the URL carries (`has` tells whether a query
/// parameter is there; `signed` are the signed header names): `?uploads` is a POST, a
/// part number with an upload id a PUT, a signed body digest or content type an upload,
/// a signed range or condition a download.
fn method_order<'h>(
    has: impl Fn(&str) -> bool,
    signed: impl Iterator<Item = &'h str>,
) -> [Method; 5] {
    let (mut upload, mut download) = (false, false);
    for h in signed {
        upload |= is_upload_header(h);
        download |= is_download_header(h);
    }
    let first: &[Method] = if has("list-type") {
        &[Method::GET]
    } else if has("uploads") {
        &[Method::POST]
    } else if has("partNumber") && has("uploadId") {
        &[Method::PUT]
    } else if has("uploadId") {
        &[Method::POST, Method::DELETE]
    } else if upload {
        &[Method::PUT]
    } else if download {
        &[Method::GET, Method::HEAD]
    } else {
        &[]
    };
    let mut order = METHODS;
    // The likely ones to the front, the others after them in their usual order.
    order.sort_by_key(|m| !first.contains(m));
    order
}

/// The value given for header `name` (lowercase).
fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The SigV4 canonical request of `url` for `method`, into `out`. `encoded` and `spans`
/// are scratch space kept between calls, so a batch allocates little per URL.
fn canonical_request_v4(
    out: &mut String,
    encoded: &mut String,
    spans: &mut Vec<(usize, usize, usize)>,
    url: &Presigned<'_>,
    method: &Method,
    headers: &[(String, String)],
) {
    out.push_str(method.as_str());
    out.push('\n');
    // S3 compares the path decoded and encoded again, `/` kept; a path already written
    // that way is copied as it is.
    if is_canonical(url.raw_path, true, &mut false) {
        out.push_str(url.raw_path);
    } else {
        match crate::encode::percent_decode(url.raw_path) {
            Some(path) => encode_into(out, &path, Slash::Keep),
            None => out.push_str(url.raw_path),
        }
    }
    out.push('\n');
    // Every parameter but the signature, each name and value encoded, sorted by name
    // and then value (not by `name=value` as one string: `a-b` sorts after `a`).
    encoded.clear();
    spans.clear();
    for p in url.query.iter().filter(|p| p.name != "X-Amz-Signature") {
        let start = encoded.len();
        canonical_component(encoded, p.raw_name, &p.name);
        let name_end = encoded.len();
        canonical_component(
            encoded,
            p.raw_value.unwrap_or(""),
            p.value.as_deref().unwrap_or(""),
        );
        spans.push((start, name_end, encoded.len()));
    }
    spans.sort_unstable_by(|a, b| {
        (&encoded[a.0..a.1], &encoded[a.1..a.2]).cmp(&(&encoded[b.0..b.1], &encoded[b.1..b.2]))
    });
    for (i, &(start, name_end, end)) in spans.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&encoded[start..name_end]);
        out.push('=');
        out.push_str(&encoded[name_end..end]);
    }
    out.push('\n');
    let mut names: Vec<&str> = url.signed_headers.iter().map(|h| &**h).collect();
    names.sort_unstable();
    for name in &names {
        out.push_str(name);
        out.push(':');
        if *name == "host" {
            url.push_host_header(out);
            out.push('\n');
            continue;
        }
        push_folded(out, header(headers, name).unwrap_or_default());
        out.push('\n');
    }
    out.push('\n');
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
    out.push('\n');
    out.push_str(
        url.param("X-Amz-Content-Sha256")
            .unwrap_or("UNSIGNED-PAYLOAD"),
    );
}

/// Appends a header value as the canonical request has it: trimmed, inner runs of
/// whitespace folded to one space.
fn push_folded(out: &mut String, value: &str) {
    for (i, word) in value.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Appends a query name or value as the canonical request has it: S3's encoding of the
/// decoded text. A component the URL already writes that way (presign's, botocore's) is
/// copied as it is, which spares decoding and encoding it again.
fn canonical_component(out: &mut String, raw: &str, decoded: &str) {
    if is_canonical(raw, false, &mut false) {
        out.push_str(raw);
    } else {
        encode_into(out, decoded, Slash::Encode);
    }
}

/// The SigV4 string to sign but its last line (the canonical request's SHA-256 in hex),
/// in pieces.
fn string_to_sign_v4<'a>(amz_date: &'a str, scope: &Scope<'a>) -> [&'a str; 9] {
    [
        "AWS4-HMAC-SHA256\n",
        amz_date,
        "\n",
        scope.date,
        "/",
        scope.region,
        "/",
        scope.service,
        "/aws4_request\n",
    ]
}

/// Where a server reads a SigV2 URL's signed `x-amz-meta-*` from (every other signed
/// header comes from the request's headers on every server).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MetaFrom {
    /// The request's headers, as s3s-fs does.
    Headers,
    /// Their copies in the query, joined to a header of the same name, as radosgw does;
    /// for the request without such a header.
    Query,
}

/// A user metadata header, `x-amz-meta-*` (lowercase).
fn is_meta(name: &str) -> bool {
    name.starts_with("x-amz-meta-")
}

/// SigV2's string to sign for `url` and `method`, as a server builds it from the request:
/// `Content-MD5`, `Content-Type` and every `x-amz-*` header from `headers` (servers read
/// those, not the copies botocore puts in the query), except what `meta` takes from the
/// query; the session token from the query, where it is sent.
fn string_to_sign_v2(
    url: &Presigned<'_>,
    method: &Method,
    headers: &[(String, String)],
    meta: MetaFrom,
) -> String {
    let trim = |v: &str| v.trim_matches([' ', '\t']).to_owned();
    let mut s = String::with_capacity(256);
    s.push_str(method.as_str());
    s.push('\n');
    s.push_str(&header(headers, "content-md5").map(trim).unwrap_or_default());
    s.push('\n');
    s.push_str(
        &header(headers, "content-type")
            .map(trim)
            .unwrap_or_default(),
    );
    s.push('\n');
    s.push_str(url.param("Expires").unwrap_or_default());
    s.push('\n');
    let from_query = |name: &str| {
        (meta == MetaFrom::Query && is_meta(name))
            || (crate::inspect::is_token_name(name) && header(headers, name).is_none())
    };
    let mut amz: Vec<(&str, String)> = (headers.iter())
        .filter(|(n, _)| n.starts_with("x-amz-") && !from_query(n))
        .map(|(n, v)| (n.as_str(), trim(v)))
        .chain(
            (url.query.iter())
                .filter(|p| p.name.starts_with("x-amz-") && from_query(&p.name))
                .map(|p| (&*p.name, trim(p.value.as_deref().unwrap_or_default()))),
        )
        .collect();
    // By name, a repeated header's values joined by commas in the order sent.
    amz.sort_by_key(|(n, _)| *n);
    for (i, (name, v)) in amz.iter().enumerate() {
        if i > 0 && amz[i - 1].0 == *name {
            s.push(',');
        } else {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(name);
            s.push(':');
        }
        s.push_str(v);
    }
    if !amz.is_empty() {
        s.push('\n');
    }
    if url.addressing == AddressingStyle::VirtualHost {
        s.push('/');
        s.push_str(&url.bucket);
    }
    s.push_str(url.raw_path);
    let mut sub: Vec<(&str, Option<&str>)> = url
        .query
        .iter()
        .filter(|p| SIGV2_SUBRESOURCES.contains(&&*p.name))
        .map(|p| (&*p.name, p.value.as_deref()))
        .collect();
    sub.sort_by_key(|(n, _)| *n);
    for (i, (name, v)) in sub.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(name);
        if let Some(v) = v {
            s.push('=');
            s.push_str(v);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constant-time comparison takes what the string comparison took: lowercase
    /// hex of 32 bytes, nothing else.
    #[test]
    fn signatures_decode_as_lowercase_hex_only() {
        let hex = "00ff10ab".repeat(8);
        assert_eq!(decode_hex32(&hex).unwrap()[..4], [0x00, 0xff, 0x10, 0xab]);
        for bad in [
            hex.to_uppercase(),
            hex[..62].to_owned(),
            format!("{hex}0"),
            "zz".repeat(32),
        ] {
            assert_eq!(decode_hex32(&bad), None, "{bad}");
        }
    }
}
