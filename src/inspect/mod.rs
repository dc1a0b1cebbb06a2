//! Reading a presigned URL back: which signature, which object, who signed it, for how
//! long, with which parameters and signed headers.
//!
//! Any tool's presigned S3 URL reads back (SigV4 or SigV2, path or virtual host), not only
//! presign's: the fields come from the query as S3 defines them. Nothing here needs
//! credentials, and the session token's value is never kept apart from what verification
//! needs.

use crate::endpoint::Endpoint;
use crate::endpoint::{AddressingStyle, SignatureVersion};
use crate::error::Error;
use crate::quote::Quoted;
use chrono::{DateTime, TimeZone, Utc};
use std::borrow::Cow;
use std::fmt;

mod decode;
mod host;

use decode::Undecodable;
pub(crate) use decode::control_char;
pub(crate) use decode::decode;
pub(crate) use host::{ends_with_ignore_case, host_only, port_is_a_number};
use host::{redact_password, virtual_host_bucket};

/// One query parameter: its raw (encoded) text and its decoded name and value.
#[derive(Clone, PartialEq, Eq)]
pub struct QueryPair<'a> {
    pub raw_name: &'a str,
    /// The value as the URL writes it (percent-encoded), `None` without `=`.
    pub raw_value: Option<&'a str>,
    pub name: Cow<'a, str>,
    /// `None` for a parameter without `=` (`?uploads`).
    pub value: Option<Cow<'a, str>>,
}

/// The name every server reads the session token under, in any case: `X-Amz-Security-Token`
/// (SigV4, and MinIO for SigV2), `x-amz-security-token` (botocore's SigV2 header copy).
pub(crate) fn is_token_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("x-amz-security-token")
}

/// A token's value never shows, not even in `{:?}`.
/// A parameter whose value is a secret: the session token, and the SSE-C keys, which a
/// SigV2 URL signed by botocore carries in its query.
fn is_secret_name(name: &str) -> bool {
    is_token_name(name)
        || crate::request::SECRET_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
}

impl QueryPair<'_> {
    /// The value as output may show it: a secret's (an SSE-C key in the query) as
    /// `(redacted, N characters)`, as `verify --explain` shows it.
    pub fn shown_value(&self) -> Option<Cow<'_, str>> {
        let value = self.value.as_deref()?;
        Some(if is_secret_name(&self.name) {
            Cow::Owned(format!("(redacted, {} characters)", value.chars().count()))
        } else {
            Cow::Borrowed(value)
        })
    }
}

impl fmt::Debug for QueryPair<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if is_secret_name(&self.name) {
            let hidden = self.value.as_ref().map(|_| "(redacted)");
            return f
                .debug_struct("QueryPair")
                .field("name", &self.name)
                .field("value", &hidden)
                .finish_non_exhaustive();
        }
        f.debug_struct("QueryPair")
            .field("raw_name", &self.raw_name)
            .field("raw_value", &self.raw_value)
            .field("name", &self.name)
            .field("value", &self.value)
            .finish()
    }
}

/// A session token: its value is kept for verification and never shown.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken<'a>(pub Cow<'a, str>);

impl std::ops::Deref for SessionToken<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(redacted, {} characters)", self.0.chars().count())
    }
}

/// What a presigned URL says about itself.
#[derive(Clone, Debug)]
pub struct Presigned<'a> {
    pub signature_version: SignatureVersion,
    pub https: bool,
    /// `host[:port]` as the URL has it.
    pub authority: &'a str,
    /// The path as the URL has it (percent-encoded).
    pub raw_path: &'a str,
    pub addressing: AddressingStyle,
    pub bucket: Cow<'a, str>,
    /// The object key, decoded; empty for a bucket-level URL.
    pub key: Cow<'a, str>,
    pub access_key: Cow<'a, str>,
    /// SigV4: the credential scope's region and service.
    pub region: Option<Cow<'a, str>>,
    pub service: Option<Cow<'a, str>>,
    /// SigV4: `X-Amz-Date`.
    pub signed_at: Option<DateTime<Utc>>,
    /// SigV4: `X-Amz-Date` as the URL writes it, for the string to sign.
    pub amz_date: Option<Cow<'a, str>>,
    /// SigV4: signed at + `X-Amz-Expires`; SigV2: `Expires`.
    pub expires_at: DateTime<Utc>,
    /// SigV4: `X-Amz-Expires`.
    pub expires_secs: Option<u64>,
    /// Lowercase names; SigV4's `X-Amz-SignedHeaders` (with `host`), SigV2's header copies.
    pub signed_headers: Vec<Cow<'a, str>>,
    /// Every parameter but the signature's own (`X-Amz-Algorithm`, `X-Amz-Credential`,
    /// `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`; SigV2's
    /// `AWSAccessKeyId`, `Signature`, `Expires`) and the session token, in URL order:
    /// operation parameters (`partNumber`, `uploadId`, `response-*`, `versionId`, `x-id`)
    /// and headers in the query (`X-Amz-Acl`, SigV2's `x-amz-*` copies), in any case.
    pub params: Vec<QueryPair<'a>>,
    /// Every query parameter, in URL order (what verification canonicalises).
    pub query: Vec<QueryPair<'a>>,
    pub signature: Cow<'a, str>,
    /// Under any spelling of its name, in any case: `X-Amz-Security-Token`, `x-amz-security-token`.
    pub session_token: Option<SessionToken<'a>>,
}

impl Presigned<'_> {
    /// The endpoint part of the URL: `https://host[:port]` without the bucket label.
    pub fn endpoint(&self) -> String {
        let scheme = if self.https { "https://" } else { "http://" };
        match self.addressing {
            AddressingStyle::Path => format!("{scheme}{}", self.authority),
            AddressingStyle::VirtualHost => {
                format!("{scheme}{}", &self.authority[self.bucket.len() + 1..])
            }
        }
    }

    /// The value of query parameter `name` (decoded), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_deref())
    }

    /// The `Host` header a client sends for this URL: lowercase, default port left out.
    pub fn host_header(&self) -> String {
        let mut host = String::with_capacity(self.authority.len());
        self.push_host_header(&mut host);
        host
    }

    /// The S3 operation the URL's parameters and signed headers point to, with its
    /// method; the method itself is signed but not written in the URL. Only what one
    /// operation alone carries names it: `x-amz-request-payer` and
    /// `x-amz-expected-bucket-owner` go with every operation, SSE-C keys with downloads and
    /// uploads, `If-Match`/`If-None-Match` with downloads and conditional writes. A
    /// subresource of an operation presign does not sign (`?acl`, `?tagging`) is named as
    /// such: S3 runs that operation whatever else the URL holds.
    ///
    /// `x-id`, which the AWS SDKs built from the service model (JavaScript v3, Go v2,
    /// Rust) write (`?x-id=GetObject`), narrows the answer when it names one of the
    /// operations the rest allows. S3 does not act on it (it picks the operation from the
    /// method and the subresources), so an `x-id` that contradicts them does not change the
    /// answer: it is said to disagree. An `x-id` that names no operation presign signs is
    /// left to the `params` (never echoed here).
    pub fn likely_operation(&self) -> Cow<'static, str> {
        use Operation::*;
        let found = self.operation_by_structure();
        let Some(said) = self.x_id() else {
            return found.text;
        };
        // Every operation but a listing is on an object: it needs a key.
        let fits = (said == ListObjectsV2) == self.key.is_empty()
            && found.ops.is_none_or(|ops| ops.contains(&said));
        if fits && found.ops == Some(&[said]) {
            Cow::Owned(format!("{}, as its x-id says", found.text))
        } else if fits {
            Cow::Owned(format!(
                "{} ({}){}, by its x-id",
                said.name(),
                said.method(),
                found.of
            ))
        } else {
            Cow::Owned(format!(
                "{}; its x-id says {}, which the rest of the URL contradicts (S3 goes by the rest)",
                found.text,
                said.name()
            ))
        }
    }

    /// The operation `x-id` names, when every `x-id` in the URL names the same one that
    /// presign signs.
    fn x_id(&self) -> Option<Operation> {
        let mut ids = self.params.iter().filter(|p| p.name == "x-id");
        let first = Operation::named(ids.next()?.value.as_deref()?)?;
        ids.all(|p| p.value.as_deref().and_then(Operation::named) == Some(first))
            .then_some(first)
    }

    /// What the parameters and signed headers alone say, and of what (` of one part`).
    fn operation_by_structure(&self) -> Found {
        use crate::request::headers::{is_download_header, is_upload_header};
        use Operation::*;
        let found = |ops: &'static [Operation], text: &'static str| Found {
            ops: Some(ops),
            text: Cow::Borrowed(text),
            of: "",
        };
        let has = |n: &str| self.params.iter().any(|p| p.name == n);
        let signed = || self.signed_headers.iter().map(|h| &**h);
        let copy = signed().any(|h| h == "x-amz-copy-source");
        // S3 reads a header hoisted into the query in any case: the Go SDKs write
        // `X-Amz-Meta-Owner`, `X-Amz-Storage-Class`.
        let upload_in_query = self.params.iter().any(|p| {
            let name = p.name.to_ascii_lowercase();
            crate::request::headers::may_go_in_query(&name)
                && !matches!(
                    &*name,
                    "x-amz-request-payer" | "x-amz-expected-bucket-owner"
                )
        });
        let conditional = || signed().any(|h| h == "if-match" || h == "if-none-match");
        // A subresource of an operation presign does not sign (`?acl`, `?tagging`): S3
        // runs that one, whatever else the URL holds.
        let other = crate::sign::v2::SIGV2_SUBRESOURCES
            .iter()
            .chain(&OTHER_SUBRESOURCES)
            .find(|s| !PRESIGN_SUBRESOURCES.contains(s) && !s.starts_with("response-") && has(s));
        if let Some(sub) = other {
            Found {
                ops: Some(&[]),
                text: Cow::Owned(format!(
                    "an operation on its ?{sub} subresource, not one presign signs"
                )),
                of: "",
            }
        } else if has("uploads") && self.key.is_empty() {
            found(&[], "ListMultipartUploads (GET), not one presign signs")
        } else if has("list-type") {
            found(&[ListObjectsV2], "ListObjectsV2 (GET)")
        } else if copy && has("partNumber") && has("uploadId") {
            found(&[UploadPartCopy], "UploadPartCopy (PUT)")
        } else if copy {
            found(&[CopyObject], "CopyObject (PUT)")
        } else if has("uploads") {
            found(&[CreateMultipartUpload], "CreateMultipartUpload (POST)")
        } else if has("partNumber") && has("uploadId") {
            found(&[UploadPart], "UploadPart (PUT)")
        } else if has("uploadId") && conditional() {
            // An abort takes no condition.
            found(
                &[CompleteMultipartUpload],
                "CompleteMultipartUpload (POST), by its signed headers",
            )
        } else if has("uploadId") {
            found(
                &[CompleteMultipartUpload, AbortMultipartUpload],
                "CompleteMultipartUpload (POST) or AbortMultipartUpload (DELETE)",
            )
        } else if self.params.iter().any(|p| p.name.starts_with("response-")) {
            found(
                &[GetObject, HeadObject],
                "GetObject (GET) or HeadObject (HEAD)",
            )
        } else if signed().any(is_upload_header) {
            found(&[PutObject], "PutObject (PUT), by its signed headers")
        } else if upload_in_query {
            found(&[PutObject], "PutObject (PUT), by the headers in its query")
        } else if signed().any(is_download_header) {
            found(
                &[GetObject, HeadObject],
                "GetObject (GET) or HeadObject (HEAD), by its signed headers",
            )
        } else if conditional() {
            found(
                &[GetObject, HeadObject, PutObject],
                "GetObject (GET), HeadObject (HEAD) or PutObject (PUT, a conditional write), by its signed headers",
            )
        } else if has("partNumber") {
            Found {
                of: " of one part",
                ..found(
                    &[GetObject, HeadObject],
                    "GetObject (GET) or HeadObject (HEAD) of one part",
                )
            }
        } else if has("versionId") {
            Found {
                of: " of one version",
                ..found(
                    &[GetObject, HeadObject, DeleteObject],
                    "GetObject (GET), HeadObject (HEAD) or DeleteObject (DELETE) of one version",
                )
            }
        } else {
            Found {
                ops: None,
                text: Cow::Borrowed("not written in the URL: presign verify finds it"),
                of: "",
            }
        }
    }

    /// Appends [`Presigned::host_header`] to `out`.
    pub fn push_host_header(&self, out: &mut String) {
        let default = if self.https { ":443" } else { ":80" };
        let authority = self
            .authority
            .strip_suffix(default)
            .unwrap_or(self.authority);
        out.extend(authority.chars().map(|c| c.to_ascii_lowercase()));
    }
}

/// The S3 operations presign signs, as `x-id` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operation {
    GetObject,
    HeadObject,
    PutObject,
    DeleteObject,
    ListObjectsV2,
    CopyObject,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
}

impl Operation {
    const ALL: [Operation; 11] = [
        Operation::GetObject,
        Operation::HeadObject,
        Operation::PutObject,
        Operation::DeleteObject,
        Operation::ListObjectsV2,
        Operation::CopyObject,
        Operation::CreateMultipartUpload,
        Operation::UploadPart,
        Operation::UploadPartCopy,
        Operation::CompleteMultipartUpload,
        Operation::AbortMultipartUpload,
    ];

    /// The operation `text` names exactly, as the SDKs write it.
    fn named(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.name() == text)
    }

    fn name(self) -> &'static str {
        match self {
            Operation::GetObject => "GetObject",
            Operation::HeadObject => "HeadObject",
            Operation::PutObject => "PutObject",
            Operation::DeleteObject => "DeleteObject",
            Operation::ListObjectsV2 => "ListObjectsV2",
            Operation::CopyObject => "CopyObject",
            Operation::CreateMultipartUpload => "CreateMultipartUpload",
            Operation::UploadPart => "UploadPart",
            Operation::UploadPartCopy => "UploadPartCopy",
            Operation::CompleteMultipartUpload => "CompleteMultipartUpload",
            Operation::AbortMultipartUpload => "AbortMultipartUpload",
        }
    }

    fn method(self) -> &'static str {
        match self {
            Operation::GetObject | Operation::ListObjectsV2 => "GET",
            Operation::HeadObject => "HEAD",
            Operation::PutObject
            | Operation::CopyObject
            | Operation::UploadPart
            | Operation::UploadPartCopy => "PUT",
            Operation::DeleteObject | Operation::AbortMultipartUpload => "DELETE",
            Operation::CreateMultipartUpload | Operation::CompleteMultipartUpload => "POST",
        }
    }
}

/// What the structure of a URL says: the operations it allows (`None`: nothing known, any;
/// none: only one presign does not sign) and how `inspect` words them.
struct Found {
    ops: Option<&'static [Operation]>,
    text: Cow<'static, str>,
    /// Which instance of the object it is about (` of one part`, ` of one version`), for
    /// the wording an `x-id` narrows.
    of: &'static str,
}

/// The subresources of the operations presign signs (with `response-*`).
const PRESIGN_SUBRESOURCES: [&str; 5] = [
    "partNumber",
    "uploadId",
    "uploads",
    "versionId",
    "list-type",
];

/// Subresources of S3 operations SigV2 predates, which presign does not sign either.
const OTHER_SUBRESOURCES: [&str; 8] = [
    "retention",
    "legal-hold",
    "attributes",
    "encryption",
    "ownershipControls",
    "publicAccessBlock",
    "intelligent-tiering",
    "policyStatus",
];

/// Query parameters that belong to the signature itself, never to the operation: exactly
/// the ones every presigned URL has ([`V4_UNIQUE`], [`V2_UNIQUE`]), whose contents the
/// other fields show, and the session token, which is never shown under any spelling.
/// Names are case-sensitive, as s3s, MinIO and S3 read them.
///
/// Everything else is shown, whatever its case: `X-Amz-Acl`, `X-Amz-Meta-*` and
/// `X-Amz-Storage-Class` as the Go SDKs hoist headers into the query; SigV2's header
/// copies (`x-amz-acl`, `content-type`), whose values the signed headers' names do not
/// show; `X-Amz-Content-Sha256`, which can pin the body; `X-Amz-User-Agent` and `x-id`,
/// which S3 ignores but are signed. A secret among them (an SSE-C key) shows redacted
/// ([`QueryPair::shown_value`]).
fn is_auth_param(name: &str, v2: bool) -> bool {
    is_token_name(name)
        || if v2 {
            V2_UNIQUE.contains(&name)
        } else {
            V4_UNIQUE.contains(&name)
        }
}

/// The auth parameters every presigned URL has, each once: a server refuses one twice
/// (400 Bad Request: s3s's `get_unique`, S3's AuthorizationQueryParametersError).
const V4_UNIQUE: [&str; 6] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
];
const V2_UNIQUE: [&str; 3] = ["AWSAccessKeyId", "Signature", "Expires"];

/// `AK%2FDATE%2FREGION%2FSERVICE%2Faws4_request` as four borrowed parts, when `%2F` is
/// its only escape; `None` otherwise (the caller decodes instead).
pub(crate) fn split_credential(raw: &str) -> Option<[&str; 4]> {
    // By hand, one pass over the bytes: this runs for every line of `verify -`.
    let b = raw.as_bytes();
    let mut out = [""; 4];
    let (mut parts, mut start, mut i) = (0, 0, 0);
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        if parts == 4 || b.get(i + 1..i + 3) != Some(b"2F") {
            return None;
        }
        out[parts] = &raw[start..i];
        parts += 1;
        i += 3;
        start = i;
    }
    (parts == 4 && &raw[start..] == "aws4_request" && out.iter().all(|p| !p.is_empty()))
        .then_some(out)
}

/// `YYYYMMDDTHHMMSSZ`, read by hand: this runs for every URL `verify -` reads.
pub(crate) fn parse_amz_date(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        text.get(r.clone())
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let date = chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(4..6)?, num(6..8)?)?;
    let time = date.and_hms_opt(num(9..11)?, num(11..13)?, num(13..15)?)?;
    Some(Utc.from_utc_datetime(&time))
}

fn not_presigned(url: &str, reason: String) -> Error {
    Error::NotPresigned {
        url: shorten(url),
        reason,
    }
}

/// A URL as an error quotes it: without its query (which can carry a session token),
/// its user info (a password) replaced by `***` as `--endpoint` does, and at most 100
/// characters.
pub(crate) fn shorten(url: &str) -> String {
    let url = &*redact_password(url);
    // The redaction can swallow the URL's `?` when an `@` stands in its query (text that
    // is no URL at all), leaving query pairs after the `***@`: a `&` ends what is shown
    // too, so no pair (a session token's) is ever quoted.
    let (base, cut) = match url.find(['?', '&']) {
        Some(i) => (&url[..i], Some(&url[i..i + 1])),
        None => (url, None),
    };
    match (base.char_indices().nth(100), cut) {
        (Some((i, _)), _) => format!("{}...", &base[..i]),
        (None, Some("?")) => format!("{base}?..."),
        (None, Some(_)) => format!("{base}..."),
        (None, None) => base.to_owned(),
    }
}

/// Reads a presigned URL. `endpoint`, when given, says which host is the endpoint, so a
/// bucket label in front of it is recognised as virtual-host addressing; without it,
/// S3's, Storj's and `localhost` host names are recognised.
pub fn parse<'a>(url: &'a str, endpoint: Option<&Endpoint>) -> Result<Presigned<'a>, Error> {
    let (https, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(Error::NotAUrl {
            value: shorten(url),
            reason: "it does not start with https:// or http://",
        });
    };
    // A URL writes every control character %-escaped; one written raw would reach the
    // terminal with the fields that hold it.
    if control_char(url).is_some() {
        return Err(Error::NotAUrl {
            value: shorten(url),
            reason: "it holds a control character, which a URL writes %-escaped",
        });
    }
    let rest = rest.split('#').next().unwrap_or(rest);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.is_empty() || authority.contains(['@', ' ']) {
        return Err(Error::NotAUrl {
            value: shorten(url),
            reason: "it has no host name, or one with user info or spaces",
        });
    }
    if !port_is_a_number(authority) {
        return Err(Error::NotAUrl {
            value: shorten(url),
            reason: "its host name is followed by a port that is not a number",
        });
    }
    let rest = &rest[authority_end..];
    let (raw_path, query_text) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let raw_path = if raw_path.is_empty() { "/" } else { raw_path };

    let mut query = Vec::with_capacity(12);
    // Split by hand, one pass over the bytes: this runs for every line of `verify -`.
    let mut rest_query = query_text;
    while !rest_query.is_empty() {
        let end = rest_query
            .bytes()
            .position(|b| b == b'&')
            .unwrap_or(rest_query.len());
        let pair = &rest_query[..end];
        rest_query = rest_query.get(end + 1..).unwrap_or("");
        if pair.is_empty() {
            continue;
        }
        let (raw_name, raw_value) = match pair.bytes().position(|b| b == b'=') {
            Some(i) => (&pair[..i], Some(&pair[i + 1..])),
            None => (pair, None),
        };
        let name = decode(raw_name, true)
            .map_err(|e| not_presigned(url, e.says("a query parameter's name")))?;
        let value = match raw_value {
            Some(v) => Some(decode(v, true).map_err(|e| {
                not_presigned(url, e.says(&format!("the value of {}", Quoted(&name))))
            })?),
            None => None,
        };
        // Decoded, a name or value could still drive the terminal that shows it.
        let what = match (control_char(&name), value.as_deref().and_then(control_char)) {
            (Some(c), _) => Some((c, "a query parameter's name".to_owned())),
            (None, Some(c)) => Some((c, format!("the value of {}", Quoted(&name)))),
            (None, None) => None,
        };
        if let Some((c, what)) = what {
            return Err(not_presigned(
                url,
                format!("{what} holds the control character {c:?}, which no S3 signer writes"),
            ));
        }
        query.push(QueryPair {
            raw_name,
            raw_value,
            name,
            value,
        });
    }
    // Borrowed: this runs for every line of `verify -`.
    let get = |name: &str| -> Option<&str> {
        query
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_deref())
    };
    // For the fields kept: a clone of the value, borrowed from the URL when not decoded.
    let take = |name: &str| -> Option<Cow<'a, str>> {
        query
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    let v4 = get("X-Amz-Algorithm").is_some() || get("X-Amz-Signature").is_some();
    let v2 = !v4 && (get("Signature").is_some() || get("AWSAccessKeyId").is_some());
    if !v4 && !v2 {
        return Err(not_presigned(
            url,
            "it has neither X-Amz-Signature (SigV4) nor Signature (SigV2)".to_owned(),
        ));
    }
    // A server reads each auth parameter once: twice, it refuses the URL instead of
    // picking one (s3s and S3 answer 400).
    let unique: &[&str] = if v4 { &V4_UNIQUE } else { &V2_UNIQUE };
    for name in unique {
        if query.iter().filter(|p| p.name == *name).count() > 1 {
            return Err(not_presigned(
                url,
                format!("it has {name} more than once, which servers refuse (400 Bad Request)"),
            ));
        }
    }
    if query.iter().filter(|p| is_token_name(&p.name)).count() > 1 {
        return Err(not_presigned(
            url,
            "it has a session token (X-Amz-Security-Token) more than once, which S3 refuses"
                .to_owned(),
        ));
    }
    let require = |names: &[&str]| -> Result<(), Error> {
        let missing: Vec<&str> = names.iter().copied().filter(|n| get(n).is_none()).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(not_presigned(
                url,
                format!("it lacks {}", missing.join(", ")),
            ))
        }
    };

    let path_error = |e: Undecodable| not_presigned(url, e.says("the path"));
    let host_only_bucket = virtual_host_bucket(authority, endpoint);
    let (addressing, bucket, key) = match host_only_bucket {
        Some(bucket) => (
            AddressingStyle::VirtualHost,
            Cow::Borrowed(bucket),
            decode(&raw_path[1..], false).map_err(path_error)?,
        ),
        None => {
            let path = &raw_path[1..];
            let (b, k) = path.split_once('/').unwrap_or((path, ""));
            (
                AddressingStyle::Path,
                decode(b, false).map_err(path_error)?,
                decode(k, false).map_err(path_error)?,
            )
        }
    };

    let signed_headers: Vec<Cow<'_, str>>;
    let (access_key, region, service, signed_at, expires_at, expires_secs, signature, version);
    let amz_date_raw;
    if v4 {
        require(&V4_UNIQUE)?;
        let algorithm = get("X-Amz-Algorithm").unwrap_or_default();
        if algorithm != "AWS4-HMAC-SHA256" {
            return Err(not_presigned(
                url,
                format!(
                    "X-Amz-Algorithm is {}, not AWS4-HMAC-SHA256",
                    Quoted(algorithm)
                ),
            ));
        }
        let credential = get("X-Amz-Credential").unwrap_or_default();
        let parts: Vec<&str> = credential.rsplitn(5, '/').collect();
        if parts.len() != 5 || parts[0] != "aws4_request" {
            return Err(not_presigned(
                url,
                format!(
                    "X-Amz-Credential {} is not ACCESS-KEY/DATE/REGION/SERVICE/aws4_request",
                    Quoted(credential)
                ),
            ));
        }
        let amz_date = get("X-Amz-Date").unwrap_or_default();
        let at = parse_amz_date(amz_date).ok_or_else(|| {
            not_presigned(
                url,
                format!("X-Amz-Date {} is not YYYYMMDDTHHMMSSZ", Quoted(amz_date)),
            )
        })?;
        if amz_date[..8] != *parts[3] {
            return Err(not_presigned(
                url,
                format!(
                    "X-Amz-Date {amz_date} is not on the credential's date {}",
                    Quoted(parts[3])
                ),
            ));
        }
        let expires = get("X-Amz-Expires").unwrap_or_default();
        let secs: u64 = expires.parse().map_err(|_| {
            let what = if expires.starts_with('-') {
                "is negative"
            } else {
                "is not a number of seconds"
            };
            not_presigned(url, format!("X-Amz-Expires {} {what}", Quoted(expires)))
        })?;
        amz_date_raw = take("X-Amz-Date");
        // Borrowed from the URL when its credential is escaped only at the `/`s (as every
        // signer writes it): no allocation for the per-line fields of `verify -`.
        let raw_credential = query
            .iter()
            .find(|p| p.name == "X-Amz-Credential")
            .and_then(|p| p.raw_value);
        match raw_credential.and_then(split_credential) {
            Some([ak, _date, r, svc]) => {
                access_key = Cow::Borrowed(ak);
                region = Some(Cow::Borrowed(r));
                service = Some(Cow::Borrowed(svc));
            }
            None => {
                access_key = Cow::Owned(parts[4].to_owned());
                region = Some(Cow::Owned(parts[2].to_owned()));
                service = Some(Cow::Owned(parts[1].to_owned()));
            }
        }
        signed_at = Some(at);
        expires_at = i64::try_from(secs)
            .ok()
            .and_then(chrono::TimeDelta::try_seconds)
            .and_then(|d| at.checked_add_signed(d))
            .ok_or_else(|| not_presigned(url, format!("X-Amz-Expires {secs} is out of range")))?;
        expires_secs = Some(secs);
        // An empty list signs no header (not one header without a name).
        let list = take("X-Amz-SignedHeaders").unwrap_or_default();
        if !list.is_empty() && list.split(';').any(str::is_empty) {
            return Err(not_presigned(
                url,
                format!(
                    "X-Amz-SignedHeaders {} has an empty header name",
                    Quoted(&list)
                ),
            ));
        }
        signed_headers = match list {
            Cow::Borrowed("") => Vec::new(),
            Cow::Borrowed(list) => list.split(';').map(Cow::Borrowed).collect(),
            Cow::Owned(list) => list.split(';').map(|h| Cow::Owned(h.to_owned())).collect(),
        };
        signature = take("X-Amz-Signature").unwrap_or_default();
        version = SignatureVersion::V4;
    } else {
        require(&V2_UNIQUE)?;
        let expires = get("Expires").unwrap_or_default();
        let epoch: i64 = expires.parse().map_err(|_| {
            not_presigned(
                url,
                format!("Expires {} is not epoch seconds", Quoted(expires)),
            )
        })?;
        access_key = take("AWSAccessKeyId").unwrap_or_default();
        region = None;
        service = None;
        signed_at = None;
        amz_date_raw = None;
        expires_at = DateTime::from_timestamp(epoch, 0)
            .ok_or_else(|| not_presigned(url, format!("Expires {epoch} is out of range")))?;
        expires_secs = None;
        signed_headers = query
            .iter()
            .filter(|p| {
                p.name == "content-type"
                    || p.name == "content-md5"
                    || (p.name.starts_with("x-amz-") && !is_token_name(&p.name))
            })
            .map(|p| p.name.clone())
            .collect();
        signature = take("Signature").unwrap_or_default();
        version = SignatureVersion::V2;
    }
    let session_token = query
        .iter()
        .find(|p| is_token_name(&p.name))
        .and_then(|p| p.value.clone())
        .map(SessionToken);
    let params = query
        .iter()
        .filter(|p| !is_auth_param(&p.name, !v4))
        .cloned()
        .collect();
    Ok(Presigned {
        signature_version: version,
        https,
        authority,
        raw_path,
        addressing,
        bucket,
        key,
        access_key,
        region,
        service,
        signed_at,
        amz_date: amz_date_raw,
        expires_at,
        expires_secs,
        signed_headers,
        params,
        query,
        signature,
        session_token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigv4_url_reads_back() {
        let url = "https://gateway.storjshare.io/my-bucket/dir/a%20b.txt?partNumber=3&uploadId=a%20b&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-md5%3Bhost&X-Amz-Security-Token=tok&X-Amz-Signature=abc";
        let p = parse(url, None).unwrap();
        assert_eq!(p.signature_version, SignatureVersion::V4);
        assert_eq!((&*p.bucket, &*p.key), ("my-bucket", "dir/a b.txt"));
        assert_eq!(p.addressing, AddressingStyle::Path);
        assert_eq!(p.access_key, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(p.region.as_deref(), Some("us-east-1"));
        assert_eq!(p.expires_at.to_rfc3339(), "2026-01-01T01:00:00+00:00");
        assert_eq!(p.signed_headers, ["content-md5", "host"]);
        let params: Vec<_> = p
            .params
            .iter()
            .map(|q| (&*q.name, q.value.as_deref()))
            .collect();
        assert_eq!(
            params,
            [("partNumber", Some("3")), ("uploadId", Some("a b"))]
        );
        assert_eq!(p.session_token.as_deref(), Some("tok"));
        assert_eq!(p.endpoint(), "https://gateway.storjshare.io");
    }

    #[test]
    fn sigv2_virtual_host_reads_back() {
        let url = "https://my-bucket.gateway.storjshare.io/k?uploads&AWSAccessKeyId=AK&Signature=x%2By%3D&content-type=text%2Fplain&Expires=1767229200";
        let p = parse(url, None).unwrap();
        assert_eq!(p.signature_version, SignatureVersion::V2);
        assert_eq!(p.addressing, AddressingStyle::VirtualHost);
        assert_eq!((&*p.bucket, &*p.key), ("my-bucket", "k"));
        assert_eq!(p.signature, "x+y=");
        assert_eq!(p.signed_headers, ["content-type"]);
        assert_eq!(p.params[0].name, "uploads");
        assert_eq!(p.params[0].value, None);
        assert_eq!(p.endpoint(), "https://gateway.storjshare.io");
    }

    /// Regression (issue 16.4): a password in the URL's user info is never quoted,
    /// even when a `/`, `?` or `#` in it ends the authority early.
    #[test]
    fn a_password_in_the_url_is_redacted() {
        for url in [
            "https://AK:SECRET@h/b/k?X-Amz-Signature=x",
            "https://AK:SE/CRET@h/b/k?X-Amz-Signature=x",
            "https://AK:SE?CRET@h/b/k?X-Amz-Signature=x",
            "https://AK:SE#CRET@h/b/k?X-Amz-Signature=x",
            "http://SECRET@h",
        ] {
            let e = parse(url, None).unwrap_err().to_string();
            assert!(!e.contains("SECRET") && !e.contains("CRET"), "{e}");
            assert!(e.contains("***"), "{e}");
        }
        // An `@` in a key of a URL with a good host is the key's.
        assert_eq!(
            redact_password("https://h/b/a@b.png"),
            "https://h/b/a@b.png"
        );
        assert!(!port_is_a_number("h:x") && !port_is_a_number("[::1"));
        assert!(
            port_is_a_number("h:9000") && port_is_a_number("[::1]:443") && port_is_a_number("h")
        );
    }

    /// Regression (fuzz target presigned_url): text that is no URL, with an `@` in its
    /// query, had its `?` swallowed by the password redaction, and the error quoted the
    /// query pairs after the `***@`, a session token among them.
    #[test]
    fn an_at_sign_in_the_query_of_text_that_is_no_url_never_quotes_the_query() {
        for text in [
            "s3:x?a@zz&x-amz-security-token=SECRET-TOKEN",
            "s3:x?a@zz?X-Amz-Security-Token=SECRET-TOKEN",
            "ftp://h:x?a@zz&X-Amz-Signature=x&x-amz-security-token=SECRET-TOKEN",
        ] {
            let e = parse(text, None).unwrap_err().to_string();
            assert!(
                !e.contains("SECRET-TOKEN") && !e.contains("security-token"),
                "{e}"
            );
        }
        // A key with `&` is cut there, without a made-up `?`.
        assert_eq!(shorten("https://h/b/a&b"), "https://h/b/a...");
        assert_eq!(shorten("https://h/b/k?X=1"), "https://h/b/k?...");
    }

    /// Regression (issue 16.3): the token under every spelling is the token, never a
    /// parameter, and `{:?}` hides it.
    #[test]
    fn the_session_token_under_any_spelling() {
        let v4 = "https://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";
        let v2 = "https://h/b/k?AWSAccessKeyId=AK&Signature=x&Expires=1";
        for base in [v4, v2] {
            for name in [
                "X-Amz-Security-Token",
                "x-amz-security-token",
                "X-AMZ-Security-TOKEN",
            ] {
                let url = format!("{base}&{name}=SECRET-TOKEN");
                let p = parse(&url, None).unwrap();
                assert_eq!(p.session_token.as_deref(), Some("SECRET-TOKEN"), "{url}");
                assert!(p.params.iter().all(|q| !is_token_name(&q.name)), "{url}");
                assert!(p.signed_headers.iter().all(|h| !is_token_name(h)), "{url}");
                let debug = format!("{p:?}");
                assert!(!debug.contains("SECRET-TOKEN"), "{debug}");
            }
        }
    }

    const V4_AUTH: &str = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";
    const V2_AUTH: &str = "AWSAccessKeyId=AK&Signature=x&Expires=1";

    fn shown(p: &Presigned<'_>) -> Vec<(String, Option<String>)> {
        p.params
            .iter()
            .map(|q| (q.name.to_string(), q.shown_value().map(|v| v.into_owned())))
            .collect()
    }

    fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.map(str::to_owned)))
            .collect()
    }

    /// Regression (outside review, finding 1): every `X-Amz-`-prefixed parameter was taken
    /// for SigV4's own and hidden, `X-Amz-Acl=public-read-write` and `X-Amz-Meta-*` (as the
    /// Go SDKs hoist headers) among them, though the signature covers them. Only the six
    /// auth parameters (case-sensitive) and the token (in any case) are left out; SigV2's
    /// header copies show with their values; an SSE-C key shows redacted.
    #[test]
    fn inspect_shows_every_parameter_that_is_not_an_auth_parameter() {
        let extra = "X-Amz-Acl=public-read-write&X-Amz-Meta-Owner=x&X-Amz-Storage-Class=GLACIER&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-User-Agent=aws-sdk-js&x-id=PutObject&x-amz-signature=lower&X-AMZ-SECURITY-TOKEN=SECRET-TOKEN&X-Amz-Server-Side-Encryption-Customer-Key=SECRET-KEY";
        let url = format!("https://h/b/k?{V4_AUTH}&{extra}");
        let p = parse(&url, None).unwrap();
        assert_eq!(
            shown(&p),
            pairs(&[
                ("X-Amz-Acl", Some("public-read-write")),
                ("X-Amz-Meta-Owner", Some("x")),
                ("X-Amz-Storage-Class", Some("GLACIER")),
                ("X-Amz-Content-Sha256", Some("UNSIGNED-PAYLOAD")),
                ("X-Amz-User-Agent", Some("aws-sdk-js")),
                ("x-id", Some("PutObject")),
                ("x-amz-signature", Some("lower")),
                (
                    "X-Amz-Server-Side-Encryption-Customer-Key",
                    Some("(redacted, 10 characters)")
                ),
            ])
        );
        assert_eq!(p.session_token.as_deref(), Some("SECRET-TOKEN"));
        assert_eq!(p.signed_headers, ["host"]);

        // SigV2 as botocore signs it: the header copies, lowercase, in the query.
        let url = format!(
            "https://h/b/k?{V2_AUTH}&x-amz-acl=public-read-write&content-type=text%2Fplain&content-md5=MD5&x-amz-meta-owner=x&X-Amz-Storage-Class=GLACIER&x-amz-security-token=SECRET-TOKEN&x-amz-server-side-encryption-customer-key=SECRET-KEY"
        );
        let p = parse(&url, None).unwrap();
        assert_eq!(
            shown(&p),
            pairs(&[
                ("x-amz-acl", Some("public-read-write")),
                ("content-type", Some("text/plain")),
                ("content-md5", Some("MD5")),
                ("x-amz-meta-owner", Some("x")),
                ("X-Amz-Storage-Class", Some("GLACIER")),
                (
                    "x-amz-server-side-encryption-customer-key",
                    Some("(redacted, 10 characters)")
                ),
            ])
        );
        assert_eq!(
            p.signed_headers,
            [
                "x-amz-acl",
                "content-type",
                "content-md5",
                "x-amz-meta-owner",
                "x-amz-server-side-encryption-customer-key"
            ]
        );
        assert_eq!(p.session_token.as_deref(), Some("SECRET-TOKEN"));
        assert!(!format!("{p:?}").contains("SECRET"));
    }

    /// Regression (outside review, finding 2): `x-id=GetObject`, which the AWS SDKs built
    /// from the service model write, named no operation. It narrows what the rest of the
    /// URL allows; against the rest, it is said to disagree; unknown, it is ignored and
    /// never echoed.
    #[test]
    fn inspect_names_the_operation_an_x_id_names() {
        for (path, query, says) in [
            ("/b/k", "x-id=GetObject", "GetObject (GET), by its x-id"),
            ("/b/k", "x-id=PutObject", "PutObject (PUT), by its x-id"),
            ("/b/k", "x-id=HeadObject", "HeadObject (HEAD), by its x-id"),
            (
                "/b/k",
                "x-id=DeleteObject",
                "DeleteObject (DELETE), by its x-id",
            ),
            (
                "/b/k",
                "x-id=AbortMultipartUpload&uploadId=U",
                "AbortMultipartUpload (DELETE), by its x-id",
            ),
            (
                "/b/k",
                "x-id=CompleteMultipartUpload&uploadId=U",
                "CompleteMultipartUpload (POST), by its x-id",
            ),
            (
                "/b/k",
                "x-id=UploadPart&partNumber=1&uploadId=U",
                "UploadPart (PUT), as its x-id says",
            ),
            (
                "/b/k",
                "x-id=GetObject&response-content-type=a",
                "GetObject (GET), by its x-id",
            ),
            (
                "/b/k",
                "x-id=GetObject&partNumber=2",
                "GetObject (GET) of one part, by its x-id",
            ),
            (
                "/b/k",
                "x-id=DeleteObject&versionId=3",
                "DeleteObject (DELETE) of one version, by its x-id",
            ),
            (
                "/b/k",
                "x-id=PutObject&X-Amz-Meta-Owner=x",
                "PutObject (PUT), by the headers in its query, as its x-id says",
            ),
            (
                "/b/",
                "list-type=2&x-id=ListObjectsV2",
                "ListObjectsV2 (GET), as its x-id says",
            ),
            // Contradicted: what the rest says stands.
            (
                "/b/k",
                "x-id=GetObject&partNumber=1&uploadId=U",
                "UploadPart (PUT); its x-id says GetObject, which the rest of the URL contradicts (S3 goes by the rest)",
            ),
            (
                "/b/k",
                "x-id=ListObjectsV2",
                "not written in the URL: presign verify finds it; its x-id says ListObjectsV2, which the rest of the URL contradicts (S3 goes by the rest)",
            ),
            (
                "/b/",
                "x-id=GetObject",
                "not written in the URL: presign verify finds it; its x-id says GetObject, which the rest of the URL contradicts (S3 goes by the rest)",
            ),
            // Two that disagree, or an operation presign does not sign: no word of it.
            (
                "/b/k",
                "x-id=GetObject&x-id=PutObject",
                "not written in the URL: presign verify finds it",
            ),
            (
                "/b/k",
                "x-id=AKIASECRETSHAPED",
                "not written in the URL: presign verify finds it",
            ),
            (
                "/b/k",
                "x-id",
                "not written in the URL: presign verify finds it",
            ),
            (
                "/b/k",
                "X-Id=GetObject",
                "not written in the URL: presign verify finds it",
            ),
            (
                "/b/k",
                "x-id=getobject",
                "not written in the URL: presign verify finds it",
            ),
        ] {
            for auth in [V4_AUTH, V2_AUTH] {
                let url = format!("https://h{path}?{query}&{auth}");
                let p = parse(&url, None).unwrap();
                assert_eq!(p.likely_operation(), says, "{url}");
            }
        }
    }

    /// A subresource of an operation presign does not sign decides the operation, whatever
    /// else the URL holds: `?tagging&versionId=3` was a download or delete "of one version",
    /// `GET /bucket?uploads` a CreateMultipartUpload.
    #[test]
    fn a_subresource_of_another_operation_is_named_as_such() {
        for (path, query, says) in [
            (
                "/b/k",
                "tagging&versionId=3",
                "an operation on its ?tagging subresource, not one presign signs",
            ),
            (
                "/b/k",
                "acl&response-content-type=a",
                "an operation on its ?acl subresource, not one presign signs",
            ),
            (
                "/b/k",
                "retention",
                "an operation on its ?retention subresource, not one presign signs",
            ),
            (
                "/b/k",
                "tagging&x-id=GetObject",
                "an operation on its ?tagging subresource, not one presign signs; its x-id says GetObject, which the rest of the URL contradicts (S3 goes by the rest)",
            ),
            (
                "/b/",
                "uploads",
                "ListMultipartUploads (GET), not one presign signs",
            ),
            ("/b/k", "uploads", "CreateMultipartUpload (POST)"),
        ] {
            for auth in [V4_AUTH, V2_AUTH] {
                let url = format!("https://h{path}?{query}&{auth}");
                let p = parse(&url, None).unwrap();
                assert_eq!(p.likely_operation(), says, "{url}");
            }
        }
    }

    #[test]
    fn not_presigned() {
        for (url, says) in [
            ("ftp://h/b/k", "https://"),
            ("https://h/b/k", "neither X-Amz-Signature"),
            (
                "https://h/b/k?X-Amz-Signature=x",
                "lacks X-Amz-Algorithm, X-Amz-Credential",
            ),
            (
                "https://h/b/k?AWSAccessKeyId=a&Signature=s",
                "lacks Expires",
            ),
            ("https:///b/k?X-Amz-Signature=x", "no host"),
        ] {
            let e = parse(url, None).unwrap_err().to_string();
            assert!(e.contains(says), "{url}: {e}");
        }
    }
}
