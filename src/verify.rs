//! Checking a presigned URL offline, as a server would: recompute its signature from the
//! URL itself and a secret key, for each HTTP method (the method is signed but not
//! written in the URL), and say which one it is good for and whether it is valid now.
//!
//! This is a verifier, not the signer run again: the canonical request is built from the
//! URL as received (every query parameter, sorted; the path decoded and encoded again, as
//! S3 does), so it checks URLs from any tool, and its canonical request and string to
//! sign can be compared line by line with those in a server's `SignatureDoesNotMatch`.

use crate::encode::{Slash, encode_into, is_canonical};
use crate::expiry::SIGV4_MAX_EXPIRES;
use crate::hex;
use crate::inspect::{Presigned, host_only};
use crate::presigner::{AddressingStyle, SignatureVersion};
use crate::region::region_from_host;
use crate::secret::Secret;
use crate::sigv2::SIGV2_SUBRESOURCES;
use crate::sigv4::signing_key;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use http::Method;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

mod common;

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

/// `text` (a canonical request, a string to sign) with the value of every session token
/// in it, as a query parameter (`X-Amz-Security-Token=...`) or a header line
/// (`x-amz-security-token:...`), any case, replaced by its length.
pub fn redact_token(text: &str) -> Cow<'_, str> {
    const NAME: &str = "x-amz-security-token";
    let lower = text.to_ascii_lowercase();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find(NAME).map(|i| from + i) {
        let value_start = at + NAME.len() + 1;
        from = at + NAME.len();
        if !matches!(text.as_bytes().get(at + NAME.len()), Some(b'=' | b':')) {
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

/// How far in the future a SigV4 URL may be signed and still be taken: the clock skew
/// s3s (`presigned_url_max_skew_time_secs`), MinIO and Storj (`globalMaxSkewTime`) and S3
/// allow, 15 minutes.
pub const MAX_CLOCK_SKEW_SECS: i64 = 900;

/// Whether the URL is good now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    Valid {
        seconds_left: i64,
    },
    /// Valid, though signed up to [`MAX_CLOCK_SKEW_SECS`] ahead of now (the signer's
    /// clock is ahead, or `--at` is before the signing instant): servers take it.
    ValidSignedAhead {
        seconds_ahead: i64,
        seconds_left: i64,
    },
    Expired {
        seconds_ago: i64,
    },
    /// Signed more than [`MAX_CLOCK_SKEW_SECS`] in the future: `seconds_until` the
    /// signing instant.
    NotYetValid {
        seconds_until: i64,
    },
}

impl Timing {
    /// Whether servers take the URL now (the signature aside).
    pub fn is_valid(self) -> bool {
        matches!(self, Timing::Valid { .. } | Timing::ValidSignedAhead { .. })
    }
}

/// Why servers refuse a SigV4 URL whatever its signature: S3 for each; MinIO and Storj
/// for all but the region (they take any); s3s-fs only for the service (see
/// `tests/e2e_verify.rs`, which holds every verdict against it).
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
                "the credential scope's service is {service:?}, not \"s3\""
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
                "the credential scope's region is {region:?}, but the host is S3's in {host_region}"
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
    // Most hosts are not AWS's: their last letter rules them out.
    if !matches!(host.as_bytes().last(), Some(b'm' | b'M' | b'n' | b'N')) {
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
pub fn refusal(url: &Presigned<'_>) -> Option<Refusal> {
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

/// The outcome of checking one URL.
#[derive(Clone, Debug)]
pub struct Report {
    /// The method the signature is good for, if any.
    pub method: Option<Method>,
    pub attempts: Vec<Attempt>,
    /// Signed headers (besides `host`) whose values were not given: without them the
    /// signature cannot be checked.
    pub missing_headers: Vec<String>,
    /// The URL's access key differs from the one checked with.
    pub access_key_differs: bool,
    /// What servers refuse in the URL whatever its signature.
    pub refusal: Option<Refusal>,
    pub timing: Timing,
    /// When the URL expires.
    pub expires_at: DateTime<Utc>,
}

impl Report {
    /// Signature right for some method, nothing servers refuse, and valid now.
    pub fn is_valid(&self) -> bool {
        self.method.is_some()
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
        let mut method = None;
        if url.signature_version == SignatureVersion::V4 {
            for name in &url.signed_headers {
                if name != "host" && header(headers, name).is_none() {
                    missing_headers.push(name.to_string());
                }
            }
        }
        if missing_headers.is_empty() {
            for m in method_order(
                |name| url.query.iter().any(|p| p.name == name),
                url.signed_headers.iter().map(|h| &**h),
            ) {
                let attempt = self.attempt(url, &m, headers, explain);
                let matches = attempt.matches;
                if explain {
                    attempts.push(attempt);
                }
                if matches {
                    method = Some(m);
                    break;
                }
            }
        }
        Report {
            method,
            attempts,
            missing_headers,
            access_key_differs,
            refusal: refusal(url),
            timing,
            expires_at: url.expires_at,
        }
    }

    /// Computes the signature `url` would have for `method` and compares.
    pub fn check(
        &self,
        url: &Presigned<'_>,
        method: &Method,
        headers: &[(String, String)],
    ) -> Attempt {
        self.attempt(url, method, headers, true)
    }

    /// [`Verifier::check`], keeping the canonical request and string to sign only when
    /// `keep` (they cost two allocations that a batch does not need).
    fn attempt(
        &self,
        url: &Presigned<'_>,
        method: &Method,
        headers: &[(String, String)],
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
                let sts = string_to_sign_v2(url, method, headers);
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

/// Valid from [`MAX_CLOCK_SKEW_SECS`] before the signing instant to the expiry, both
/// included (as s3s, MinIO and S3 count).
fn timing(
    signed_at: Option<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Timing {
    if let Some(at) = signed_at
        && now < at
    {
        let ahead = at - now;
        if ahead > chrono::TimeDelta::seconds(MAX_CLOCK_SKEW_SECS) {
            return Timing::NotYetValid {
                seconds_until: ahead.num_seconds(),
            };
        }
        return Timing::ValidSignedAhead {
            seconds_ahead: ahead.num_seconds(),
            seconds_left: (expires_at - now).num_seconds(),
        };
    }
    if now <= expires_at {
        Timing::Valid {
            seconds_left: (expires_at - now).num_seconds(),
        }
    } else {
        Timing::Expired {
            seconds_ago: (now - expires_at).num_seconds(),
        }
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
    ) || h.starts_with("x-amz-meta-")
        || h.starts_with("x-amz-checksum-") && h != "x-amz-checksum-mode"
        || h.starts_with("x-amz-grant-")
        || h.starts_with("x-amz-object-lock-")
}

/// A signed header only a download sends (a range, a condition on the stored object).
pub(crate) fn is_download_header(h: &str) -> bool {
    matches!(
        h,
        "range"
            | "if-match"
            | "if-none-match"
            | "if-modified-since"
            | "if-unmodified-since"
            | "x-amz-checksum-mode"
    )
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
    let first: &[Method] = if has("uploads") {
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

fn string_to_sign_v2(url: &Presigned<'_>, method: &Method, headers: &[(String, String)]) -> String {
    // A header's value: as given, else the copy botocore puts in the query.
    let value = |name: &str| {
        header(headers, name)
            .or_else(|| url.param(name))
            .map(str::to_owned)
    };
    let strip = |v: String| v.trim_matches([' ', '\t']).to_owned();
    let mut s = String::with_capacity(256);
    s.push_str(method.as_str());
    s.push('\n');
    s.push_str(&value("content-md5").map(strip).unwrap_or_default());
    s.push('\n');
    s.push_str(&value("content-type").map(strip).unwrap_or_default());
    s.push('\n');
    s.push_str(url.param("Expires").unwrap_or_default());
    s.push('\n');
    let mut amz: Vec<(String, String)> = url
        .query
        .iter()
        .filter(|p| p.name.starts_with("x-amz-"))
        .map(|p| {
            (
                p.name.to_string(),
                value(&p.name).map(strip).unwrap_or_default(),
            )
        })
        .collect();
    amz.sort();
    for (name, v) in amz {
        s.push_str(&name);
        s.push(':');
        s.push_str(&v);
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
    use crate::parse_time;

    /// Regression (issue 16.2): 15 minutes of clock skew, as s3s counts it (refused
    /// when the signing instant is more than 900 s ahead).
    #[test]
    fn valid_up_to_15_minutes_before_the_signing_instant() {
        let at = parse_time("2026-01-01T00:15:00Z").unwrap();
        let expires = parse_time("2026-01-01T01:15:00Z").unwrap();
        let t = |now: &str| timing(Some(at), expires, parse_time(now).unwrap());
        assert_eq!(
            t("2026-01-01T00:00:00Z"),
            Timing::ValidSignedAhead {
                seconds_ahead: 900,
                seconds_left: 4500
            }
        );
        assert_eq!(
            t("2025-12-31T23:59:59Z"),
            Timing::NotYetValid { seconds_until: 901 }
        );
        assert_eq!(
            t("2026-01-01T00:15:00Z"),
            Timing::Valid { seconds_left: 3600 }
        );
        assert_eq!(
            t("2026-01-01T01:15:01Z"),
            Timing::Expired { seconds_ago: 1 }
        );
        assert!(t("2026-01-01T00:14:59Z").is_valid());
        // SigV2 has no signing instant, so no skew: only the expiry counts.
        assert_eq!(
            timing(None, expires, parse_time("2026-01-01T01:15:00Z").unwrap()),
            Timing::Valid { seconds_left: 0 }
        );
    }

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
