//! The options that bound what a URL's holder may do (issue 17) and those of the copy and
//! list operations, as one table shared by the CLI and the Python package: each row names
//! its option, the header it signs and how the typed value becomes the header's value.
//!
//! An option is named as the CLI's flag without `--` (`if-none-match`); the Python package
//! names it with `_` for `-` (`if_none_match`). Errors are [`Error::InvalidOption`], naming
//! the option, so each caller puts its own spelling in front of the same message.
//!
//! Which operations take an option is the caller's choice (the CLI's subcommands, the
//! Python methods); whether SigV2 can carry it follows from the header's name, and whether
//! it may go into the URL is [`crate::request::may_go_in_query`].
//!
//! Headers come after the object's own (content-type ... x-amz-tagging), in this order
//! (the SigV2 query carries them so, and botocore serializes its Params in the order they
//! are given, which is how the golden cases give them): if-match, if-none-match,
//! content-length, x-amz-copy-source, x-amz-copy-source-range, x-amz-metadata-directive,
//! x-amz-tagging-directive, x-amz-copy-source-if-*, the copy source's SSE-C algorithm and
//! key, x-amz-server-side-encryption*, x-amz-object-lock-*, x-amz-request-payer,
//! x-amz-expected-bucket-owner, x-amz-source-expected-bucket-owner, the SSE-C algorithm,
//! key and key MD5, and last the copy
//! source's key MD5 (botocore's handlers append the MD5s after everything).
//!
//! ```
//! use presign::{Request, RequestOptions, SignedHeaders, Target};
//!
//! let at = presign::parse_time("2026-01-01T00:00:00Z")?;
//! let mut headers = SignedHeaders::new();
//! headers.insert_str("content-type", "text/csv")?;
//! let options = RequestOptions {
//!     if_none_match: Some("*"),
//!     content_length: Some("1024"),
//!     object_lock_mode: Some("GOVERNANCE"),
//!     object_lock_retain_until: Some("2026-02-01T00:00:00Z"),
//!     ..RequestOptions::default()
//! };
//! options.add_to(&mut headers, at)?;
//! let names: Vec<_> = headers.iter().map(|(n, _)| n.as_str()).collect();
//! assert_eq!(names, ["content-type", "if-none-match", "content-length",
//!     "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date"]);
//! let request = Request::put(Target::parse("b-1/k")?).headers(&headers);
//!
//! // Before the signing time: refused, naming the option.
//! let e = options.add_to(&mut SignedHeaders::new(), presign::parse_time("2027-01-01T00:00:00Z")?);
//! assert!(e.unwrap_err().to_string().starts_with("object-lock-retain-until: "));
//! # let _ = request;
//! # Ok::<(), presign::Error>(())
//! ```

use crate::encode::encode_copy_source;
use crate::error::Error;
use crate::param::{Param, Params};
use crate::quote::Quoted;
use crate::request::sse_c::CustomerKey;
use crate::request::values::check_closed_range;
use crate::request::values::http_date;
use crate::{SignedHeaders, Target, parse_time};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use std::borrow::Cow;

/// Issue 17's options as typed (text, as a command line or a keyword gives them); `None`
/// (or `false`) leaves the header out. SSE-C keys come read: the CLI reads `@FILE`, the
/// Python package takes bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestOptions<'a> {
    /// `If-Match: ETAG`: only overwrite that version.
    pub if_match: Option<&'a str>,
    /// `If-None-Match: *`: create, never overwrite.
    pub if_none_match: Option<&'a str>,
    /// `Content-Length`: exactly this many bytes (decimal, at most 5 GiB).
    pub content_length: Option<&'a str>,
    /// The object a copy reads: `BUCKET/KEY` or `s3://BUCKET/KEY` (option `copy-source`).
    pub copy_source: Option<&'a str>,
    pub source_version_id: Option<&'a str>,
    /// `bytes=A-B` of the source (UploadPartCopy).
    pub source_range: Option<&'a str>,
    /// `COPY` or `REPLACE` the source's metadata.
    pub metadata_directive: Option<&'a str>,
    /// `COPY` or `REPLACE` the source's tags.
    pub tagging_directive: Option<&'a str>,
    pub copy_source_if_match: Option<&'a str>,
    pub copy_source_if_none_match: Option<&'a str>,
    /// HTTP date, RFC 3339 or epoch seconds.
    pub copy_source_if_modified_since: Option<&'a str>,
    pub copy_source_if_unmodified_since: Option<&'a str>,
    /// The SSE-C key the copy source is encrypted with.
    pub copy_source_sse_c_key: Option<&'a CustomerKey>,
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub sse: Option<&'a str>,
    pub sse_kms_key_id: Option<&'a str>,
    /// A JSON object on one line; S3 wants it base64'd, which is done here.
    pub sse_kms_context: Option<&'a str>,
    pub sse_bucket_key: bool,
    /// `GOVERNANCE` or `COMPLIANCE`, with a retain-until date.
    pub object_lock_mode: Option<&'a str>,
    /// RFC 3339, after the signing time.
    pub object_lock_retain_until: Option<&'a str>,
    /// `on` or `off`, in any case.
    pub legal_hold: Option<&'a str>,
    pub request_payer: bool,
    /// The bucket owner's 12-digit account id.
    pub expected_bucket_owner: Option<&'a str>,
    /// The copy source's bucket owner's.
    pub expected_source_bucket_owner: Option<&'a str>,
    /// SSE-C: the key the object is (to be) encrypted with.
    pub sse_c_key: Option<&'a CustomerKey>,
}

/// One header an option signs: the option's name, the header's and its value.
#[derive(Clone, PartialEq, Eq)]
pub struct OptionHeader {
    pub option: &'static str,
    pub name: &'static str,
    pub value: String,
}

impl OptionHeader {
    /// Adds this header to `headers`, after those already there; an error names the option.
    pub fn add_to(&self, headers: &mut SignedHeaders) -> Result<(), Error> {
        headers
            .insert_str(self.name, &self.value)
            .map_err(|e| fail(self.option, e.to_string()))
    }
}

impl std::fmt::Debug for OptionHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = crate::request::SECRET_HEADERS.contains(&self.name);
        f.debug_struct("OptionHeader")
            .field("option", &self.option)
            .field("name", &self.name)
            .field("value", if secret { &"(redacted)" } else { &self.value })
            .finish()
    }
}

/// How a typed value becomes a header value, or why it cannot; the second argument is the
/// signing time.
type Check = fn(&str, DateTime<Utc>) -> Result<String, String>;

fn fail(option: &'static str, reason: impl Into<String>) -> Error {
    Error::InvalidOption {
        option,
        reason: reason.into(),
    }
}

fn as_typed(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    Ok(v.to_owned())
}

fn star(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    if v == "*" {
        return Ok("*".to_owned());
    }
    Err(format!(
        "{} is not '*': If-None-Match: * is the only form S3 takes on a write (quote it for the shell: --if-none-match '*')",
        Quoted(v)
    ))
}

fn one_of(v: &str, allowed: &[&str]) -> Result<String, String> {
    match allowed.iter().find(|a| **a == v) {
        Some(a) => Ok((*a).to_owned()),
        None => Err(format!(
            "unknown value {}; use one of: {}",
            Quoted(v),
            allowed.join(", ")
        )),
    }
}

const SSE: [&str; 3] = ["AES256", "aws:kms", "aws:kms:dsse"];

fn sse(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    one_of(v, &SSE)
}

fn lock_mode(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    one_of(v, &["GOVERNANCE", "COMPLIANCE"])
}

fn directive(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    one_of(v, &["COPY", "REPLACE"])
}

fn legal_hold(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    match v.to_ascii_lowercase().as_str() {
        "on" => Ok("ON".to_owned()),
        "off" => Ok("OFF".to_owned()),
        _ => Err(format!("unknown value {}; use on or off", Quoted(v))),
    }
}

fn account(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(v.to_owned());
    }
    Err(format!(
        "{} is not an AWS account id: use its 12 digits, e.g. 111122223333",
        Quoted(v)
    ))
}

/// A JSON object, base64'd as S3 wants the encryption context. KMS takes only string
/// keys and string values (`{"project":"q3"}`); S3 answers anything else with 400, so the
/// object is read here, flat, with JSON's string escapes.
fn kms_context(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    if v.chars().any(char::is_control) || flat_string_object(v).is_none() {
        return Err(format!(
            "{} is not a JSON object of strings on one line (KMS takes string keys and string values), e.g. '{{\"project\":\"q3\"}}'",
            Quoted(v)
        ));
    }
    Ok(STANDARD.encode(v))
}

/// `Some` when `v` is a JSON object whose keys and values are all strings.
fn flat_string_object(v: &str) -> Option<()> {
    let mut rest = v
        .trim_matches(json_space)
        .strip_prefix('{')?
        .trim_start_matches(json_space);
    if let Some(end) = rest.strip_prefix('}') {
        return end.is_empty().then_some(());
    }
    loop {
        rest = json_string(rest)?.trim_start_matches(json_space);
        rest = rest.strip_prefix(':')?.trim_start_matches(json_space);
        rest = json_string(rest)?.trim_start_matches(json_space);
        match rest.split_at_checked(1)? {
            (",", r) => rest = r.trim_start_matches(json_space),
            ("}", r) => return r.is_empty().then_some(()),
            _ => return None,
        }
    }
}

fn json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The text after the JSON string `v` starts with.
fn json_string(v: &str) -> Option<&str> {
    let body = v.strip_prefix('"')?;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some(&body[i + 1..]),
            '\\' => match chars.next()?.1 {
                '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {}
                'u' => {
                    for _ in 0..4 {
                        chars.next().filter(|(_, h)| h.is_ascii_hexdigit())?;
                    }
                }
                _ => return None,
            },
            _ => {}
        }
    }
    None
}

/// RFC 3339, after the signing time (not the machine's clock: a URL signed `--at` a
/// past instant is judged as of that instant), written as botocore writes it (UTC, whole
/// seconds).
fn retain_until(v: &str, at: DateTime<Utc>) -> Result<String, String> {
    let t = parse_time(v).map_err(|_| {
        format!(
            "invalid time {}: use RFC 3339, e.g. 2030-01-01T00:00:00Z",
            Quoted(v)
        )
    })?;
    if t <= at {
        return Err(format!(
            "{} is in the past: an object cannot be locked until then",
            Quoted(v)
        ));
    }
    Ok(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn etag(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    if v.trim().is_empty() {
        return Err("it is empty: give the ETag an earlier answer carried".to_owned());
    }
    Ok(v.to_owned())
}

fn date(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    http_date(v)
}

fn source_range(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    check_closed_range(v).map(|()| v.to_owned())
}

/// S3 takes at most 5 GiB in one PUT.
fn length(v: &str, _: DateTime<Utc>) -> Result<String, String> {
    match v.parse::<u64>() {
        Ok(n) if n <= 5 << 30 => Ok(n.to_string()),
        Ok(_) => Err(format!(
            "{v} bytes is more than the 5 GiB one PUT takes; use multipart"
        )),
        Err(_) => Err(format!(
            "{} is not a number of bytes (0 or more), nor @FILE",
            Quoted(v)
        )),
    }
}

impl RequestOptions<'_> {
    /// The headers these options sign, checked, in the documented order, each value
    /// checked alone as a header (so the error names the option). `at` is the signing
    /// time, against which a retain-until date must be in the future.
    pub fn headers(&self, at: DateTime<Utc>) -> Result<Vec<OptionHeader>, Error> {
        self.check_pairs()?;
        let mut out = Vec::new();
        push_rows(
            &mut out,
            &[
                ("if-match", "if-match", self.if_match, etag),
                ("if-none-match", "if-none-match", self.if_none_match, star),
                (
                    "content-length",
                    "content-length",
                    self.content_length,
                    length,
                ),
            ],
            at,
        )?;
        if let Some(source) = self.copy_source {
            let value = copy_source_header(source, self.source_version_id)?;
            push(&mut out, "copy-source", "x-amz-copy-source", value)?;
            let range_row = (
                "source-range",
                "x-amz-copy-source-range",
                self.source_range,
                source_range as Check,
            );
            push_rows(&mut out, &[range_row], at)?;
        }
        let b = "x-amz-server-side-encryption";
        push_rows(
            &mut out,
            &[
                (
                    "metadata-directive",
                    "x-amz-metadata-directive",
                    self.metadata_directive,
                    directive,
                ),
                (
                    "tagging-directive",
                    "x-amz-tagging-directive",
                    self.tagging_directive,
                    directive,
                ),
                (
                    "copy-source-if-match",
                    "x-amz-copy-source-if-match",
                    self.copy_source_if_match,
                    etag,
                ),
                (
                    "copy-source-if-none-match",
                    "x-amz-copy-source-if-none-match",
                    self.copy_source_if_none_match,
                    etag,
                ),
                (
                    "copy-source-if-modified-since",
                    "x-amz-copy-source-if-modified-since",
                    self.copy_source_if_modified_since,
                    date,
                ),
                (
                    "copy-source-if-unmodified-since",
                    "x-amz-copy-source-if-unmodified-since",
                    self.copy_source_if_unmodified_since,
                    date,
                ),
            ],
            at,
        )?;
        let copy_md5 = match self.copy_source_sse_c_key {
            Some(key) => {
                let [algorithm, key, md5] = key.copy_source_headers();
                for (name, value) in [algorithm, key] {
                    push(&mut out, "copy-source-sse-c-key", name, value)?;
                }
                Some(md5)
            }
            None => None,
        };
        push_rows(
            &mut out,
            &[
                ("sse", b, self.sse, sse),
                (
                    "sse-kms-key-id",
                    "x-amz-server-side-encryption-aws-kms-key-id",
                    self.sse_kms_key_id,
                    as_typed,
                ),
                (
                    "sse-kms-context",
                    "x-amz-server-side-encryption-context",
                    self.sse_kms_context,
                    kms_context,
                ),
                (
                    "sse-bucket-key",
                    "x-amz-server-side-encryption-bucket-key-enabled",
                    self.sse_bucket_key.then_some("true"),
                    as_typed,
                ),
                (
                    "object-lock-mode",
                    "x-amz-object-lock-mode",
                    self.object_lock_mode,
                    lock_mode,
                ),
                (
                    "object-lock-retain-until",
                    "x-amz-object-lock-retain-until-date",
                    self.object_lock_retain_until,
                    retain_until,
                ),
                (
                    "legal-hold",
                    "x-amz-object-lock-legal-hold",
                    self.legal_hold,
                    legal_hold,
                ),
                (
                    "request-payer",
                    "x-amz-request-payer",
                    self.request_payer.then_some("requester"),
                    as_typed,
                ),
                (
                    "expected-bucket-owner",
                    "x-amz-expected-bucket-owner",
                    self.expected_bucket_owner,
                    account,
                ),
                (
                    "expected-source-bucket-owner",
                    "x-amz-source-expected-bucket-owner",
                    self.expected_source_bucket_owner,
                    account,
                ),
            ],
            at,
        )?;
        if let Some(key) = self.sse_c_key {
            for (name, value) in key.headers() {
                push(&mut out, "sse-c-key", name, value)?;
            }
        }
        if let Some((name, value)) = copy_md5 {
            push(&mut out, "copy-source-sse-c-key", name, value)?;
        }
        Ok(out)
    }

    /// Adds [`RequestOptions::headers`] to `headers`, after those already there.
    pub fn add_to(&self, headers: &mut SignedHeaders, at: DateTime<Utc>) -> Result<(), Error> {
        self.headers(at)?.iter().try_for_each(|h| h.add_to(headers))
    }

    /// The options S3 takes only together with another.
    fn check_pairs(&self) -> Result<(), Error> {
        let kms = matches!(self.sse, Some("aws:kms" | "aws:kms:dsse"));
        for (option, given) in [
            ("sse-kms-key-id", self.sse_kms_key_id.is_some()),
            ("sse-kms-context", self.sse_kms_context.is_some()),
            ("sse-bucket-key", self.sse_bucket_key),
        ] {
            // An unknown --sse is reported as such, below.
            if given && !kms && self.sse.is_none_or(|v| SSE.contains(&v)) {
                return Err(fail(
                    option,
                    "it applies to KMS encryption only: add --sse aws:kms (or aws:kms:dsse)",
                ));
            }
        }
        // S3 answers 400: one object has one kind of encryption.
        if self.sse_c_key.is_some() && self.sse.is_some_and(|v| SSE.contains(&v)) {
            return Err(fail(
                "sse-c-key",
                "S3 encrypts an object one way: with a key of your own (SSE-C) or with --sse, not both; drop one",
            ));
        }
        if self.sse_bucket_key && self.sse == Some("aws:kms:dsse") {
            return Err(fail(
                "sse-bucket-key",
                "S3 Bucket Keys do not work with DSSE-KMS (aws:kms:dsse); drop --sse-bucket-key or use --sse aws:kms",
            ));
        }
        let (mode, until) = (self.object_lock_mode, self.object_lock_retain_until);
        if mode.is_some() != until.is_some() {
            let (option, other) = if mode.is_some() {
                ("object-lock-mode", "--object-lock-retain-until TIME")
            } else {
                ("object-lock-retain-until", "--object-lock-mode MODE")
            };
            return Err(fail(
                option,
                format!("S3 takes a lock mode and a retain-until date together: add {other}"),
            ));
        }
        Ok(())
    }
}

fn push_rows(
    out: &mut Vec<OptionHeader>,
    rows: &[(&'static str, &'static str, Option<&str>, Check)],
    at: DateTime<Utc>,
) -> Result<(), Error> {
    for &(option, name, value, check) in rows {
        if let Some(value) = value {
            let value = check(value, at).map_err(|e| fail(option, e))?;
            push(out, option, name, value)?;
        }
    }
    Ok(())
}

/// Adds a header whose value is checked alone now, so the error names the option.
fn push(
    out: &mut Vec<OptionHeader>,
    option: &'static str,
    name: &'static str,
    value: String,
) -> Result<(), Error> {
    SignedHeaders::new()
        .insert_str(name, &value)
        .map_err(|e| fail(option, e.to_string()))?;
    out.push(OptionHeader {
        option,
        name,
        value,
    });
    Ok(())
}

/// `x-amz-copy-source` for SOURCE (`BUCKET/KEY`), encoded as botocore encodes it, with
/// `?versionId=` when a version is given.
fn copy_source_header(source: &str, version: Option<&str>) -> Result<String, Error> {
    let target = Target::parse(source).map_err(|e| fail("copy-source", e.to_string()))?;
    let mut header = String::new();
    encode_copy_source(&mut header, target.bucket(), target.key());
    if let Some(id) = version {
        Params::new()
            .push(Param::VersionId, id)
            .map_err(|e| fail("source-version-id", e.to_string()))?;
        header.push_str("?versionId=");
        header.push_str(id);
    }
    Ok(header)
}

/// Why a SigV2 URL cannot carry a header SigV2 could sign, if it cannot: the SSE-C keys
/// (botocore copies a SigV2 URL's signed `x-amz-*` headers into its query, so the key
/// would be in the URL itself) and SSE-KMS (AWS takes KMS requests signed with SigV4
/// only). The CLI asks this of every header it signs, the bindings through
/// [`RequestOptions::add_headers`].
pub fn sigv2_refusal(header: &str, value: &str) -> Option<&'static str> {
    match header {
        "x-amz-server-side-encryption-customer-key"
        | "x-amz-copy-source-server-side-encryption-customer-key" => Some(
            "a SigV2 URL carries its signed x-amz-* headers in its query, so the key would be in the URL itself; use --signature v4",
        ),
        "x-amz-server-side-encryption" if value.starts_with("aws:kms") => {
            Some("S3 takes SSE-KMS requests signed with SigV4 only; use --signature v4")
        }
        _ => None,
    }
}

/// Why SigV2 cannot take `--in-url`.
pub const SIGV2_IN_URL_REFUSAL: &str =
    "SigV2 signs no header moved into the query; use --signature v4";

impl RequestOptions<'_> {
    /// Adds the options' headers to `headers`, after its own, for a URL signed with
    /// `signature`, then moves what may go into the URL there when `in_url` (`--in-url`).
    /// SigV2 is refused as the CLI refuses it: it signs no header moved into the query
    /// ([`SIGV2_IN_URL_REFUSAL`], named `in-url`), nor a header [`sigv2_refusal`] names
    /// (named after the option that set it). What the bindings call; an error is an
    /// [`Error::InvalidOption`] naming the option as the CLI's flag, without `--`.
    pub fn add_headers(
        &self,
        headers: &mut SignedHeaders,
        at: DateTime<Utc>,
        signature: crate::SignatureVersion,
        in_url: bool,
    ) -> Result<(), Error> {
        let option_headers = self.headers(at)?;
        if signature == crate::SignatureVersion::V2 {
            if in_url {
                return Err(fail("in-url", SIGV2_IN_URL_REFUSAL));
            }
            for h in &option_headers {
                if let Some(reason) = sigv2_refusal(h.name, &h.value) {
                    return Err(fail(h.option, reason));
                }
            }
        }
        for h in &option_headers {
            h.add_to(headers)?;
        }
        if in_url {
            headers.move_to_query();
        }
        Ok(())
    }

    /// A warning for a copy onto its own source that changes nothing: S3 refuses (400
    /// InvalidRequest) a copy "without changing the object's metadata, storage class,
    /// website redirect location or encryption attributes", but takes one whose source is
    /// encrypted (SSE-KMS, SSE-C) or whose bucket encrypts by default (moto models this
    /// too), which a URL signed offline cannot know: a warning, not a refusal. A copy of
    /// a given version onto the key changes it (that is how an older version is restored).
    /// `headers` names the object's own headers (`x-amz-storage-class`).
    pub fn copy_to_itself_warning<'h>(
        &self,
        dest: &Target,
        headers: impl IntoIterator<Item = &'h str>,
    ) -> Result<Option<&'static str>, Error> {
        let Some(source) = self.copy_source else {
            return Ok(None);
        };
        let source = Target::parse(source).map_err(|e| fail("copy-source", e.to_string()))?;
        let changes = self.source_version_id.is_some()
            || self.metadata_directive == Some("REPLACE")
            || self.sse.is_some()
            || self.sse_c_key.is_some()
            || self.copy_source_sse_c_key.is_some()
            || headers.into_iter().any(|name| {
                matches!(
                    name,
                    "x-amz-storage-class" | "x-amz-website-redirect-location"
                )
            });
        let same = source.bucket() == dest.bucket() && source.key() == dest.key();
        Ok((same && !changes).then_some(
            "the copy is onto its own source and changes nothing: S3 refuses that (400) unless the object is encrypted with SSE-KMS or the bucket encrypts by default; to change it, add --metadata-directive REPLACE, a --storage-class or --sse, or copy a --source-version-id",
        ))
    }
}

/// Why a copy would not apply `header` under these directives, if it would not: S3 keeps
/// the source's metadata (`x-amz-meta-*` and the content headers) unless
/// `metadata_directive` is `REPLACE`, and the source's tags unless `tagging_directive` is
/// `REPLACE`, ignoring the new ones without a word. The ACL and the storage class are
/// not metadata: a copy applies them whatever the directives (changing an object's
/// storage class is a copy onto itself with `x-amz-storage-class`).
pub fn copy_ignores(
    header: &str,
    metadata_directive: Option<&str>,
    tagging_directive: Option<&str>,
) -> Option<&'static str> {
    match header {
        "x-amz-acl" | "x-amz-storage-class" => return None,
        "x-amz-tagging" => {
            return (tagging_directive != Some("REPLACE")).then_some(
                "a copy keeps the source's tags unless told otherwise: add --tagging-directive REPLACE",
            );
        }
        _ => {}
    }
    (metadata_directive != Some("REPLACE")).then_some(
        "a copy keeps the source's metadata unless told otherwise: add --metadata-directive REPLACE",
    )
}

/// One ListObjectsV2 parameter: the option that gave it, the parameter and its value.
pub(crate) type ListParam<'a> = (&'static str, Param, Cow<'a, str>);

/// ListObjectsV2's options as typed; the prefix is the option `prefix`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ListOptions<'a> {
    pub prefix: Option<&'a str>,
    pub delimiter: Option<&'a str>,
    /// 1 to 1000.
    pub max_keys: Option<&'a str>,
    pub start_after: Option<&'a str>,
    pub continuation_token: Option<&'a str>,
    pub fetch_owner: bool,
}

impl<'a> ListOptions<'a> {
    /// The parameters after `list-type=2` (which [`crate::Request::list_objects_v2`]
    /// sets), checked, in botocore's order, ending with `encoding-type=url`, which
    /// botocore always adds: keys come back percent-encoded. Each with its option.
    pub fn params(&self) -> Result<Vec<ListParam<'a>>, Error> {
        // Written as botocore writes its integer: `01` is `1`.
        let max_keys = match self.max_keys {
            Some(n) => match n.parse::<u16>() {
                Ok(k) if (1..=1000).contains(&k) && n.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(k.to_string())
                }
                _ => {
                    return Err(fail(
                        "max-keys",
                        format!("{} is not a number from 1 to 1000", Quoted(n)),
                    ));
                }
            },
            None => None,
        };
        let mut out = Vec::new();
        for (option, param, value) in [
            (
                "prefix",
                Param::Prefix,
                self.prefix.filter(|p| !p.is_empty()).map(Cow::Borrowed),
            ),
            (
                "delimiter",
                Param::Delimiter,
                self.delimiter.map(Cow::Borrowed),
            ),
            ("max-keys", Param::MaxKeys, max_keys.map(Cow::Owned)),
            (
                "start-after",
                Param::StartAfter,
                self.start_after.map(Cow::Borrowed),
            ),
            (
                "continuation-token",
                Param::ContinuationToken,
                self.continuation_token.map(Cow::Borrowed),
            ),
            (
                "fetch-owner",
                Param::FetchOwner,
                self.fetch_owner.then_some(Cow::Borrowed("true")),
            ),
            ("", Param::EncodingType, Some(Cow::Borrowed("url"))),
        ] {
            if let Some(value) = value {
                Params::new()
                    .push(param, &value)
                    .map_err(|e| fail(option, e.to_string()))?;
                out.push((option, param, value));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        parse_time(text).unwrap()
    }

    /// The retain-until date is judged against the signing time, not the machine's
    /// clock: a URL signed for 2020 may lock until 2021.
    #[test]
    fn retain_until_is_judged_against_the_signing_time() {
        let options = RequestOptions {
            object_lock_mode: Some("GOVERNANCE"),
            object_lock_retain_until: Some("2021-01-01T00:00:00Z"),
            ..RequestOptions::default()
        };
        let headers = options.headers(at("2020-06-01T00:00:00Z")).unwrap();
        assert_eq!(headers[1].value, "2021-01-01T00:00:00Z");
        let e = options.headers(at("2021-01-01T00:00:00Z")).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidOption { option: "object-lock-retain-until", reason } if reason.contains("is in the past")),
            "{e}"
        );
    }

    /// The bindings' one call: headers after the caller's own, `in_url` moving them into
    /// the query, and SigV2's refusals named after the option.
    #[test]
    fn add_headers_orders_moves_and_refuses_as_the_cli() {
        use crate::SignatureVersion::{V2, V4};
        let now = at("2026-01-01T00:00:00Z");
        let options = RequestOptions {
            request_payer: true,
            expected_bucket_owner: Some("111122223333"),
            ..RequestOptions::default()
        };
        let mut headers = SignedHeaders::default();
        headers.insert_str("content-type", "text/plain").unwrap();
        options.add_headers(&mut headers, now, V4, false).unwrap();
        let names: Vec<_> = headers.iter().map(|(n, _)| n.as_str().to_owned()).collect();
        assert_eq!(
            names,
            [
                "content-type",
                "x-amz-request-payer",
                "x-amz-expected-bucket-owner"
            ]
        );
        assert_eq!(headers.in_query().count(), 0);

        let mut moved = SignedHeaders::default();
        options.add_headers(&mut moved, now, V4, true).unwrap();
        assert_eq!(moved.in_query().count(), 2);

        // SigV2 signs these, but none moved into the query.
        options
            .add_headers(&mut SignedHeaders::default(), now, V2, false)
            .unwrap();
        let e = options
            .add_headers(&mut SignedHeaders::default(), now, V2, true)
            .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidOption { option: "in-url", reason } if reason == SIGV2_IN_URL_REFUSAL),
            "{e}"
        );
        let kms = RequestOptions {
            sse: Some("aws:kms"),
            ..RequestOptions::default()
        };
        let e = kms
            .add_headers(&mut SignedHeaders::default(), now, V2, false)
            .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidOption { option: "sse", reason } if reason.contains("SigV4 only")),
            "{e}"
        );
        kms.add_headers(&mut SignedHeaders::default(), now, V4, false)
            .unwrap();
    }

    #[test]
    fn copy_tagging_needs_the_tagging_directive() {
        assert!(copy_ignores("x-amz-tagging", Some("REPLACE"), None).is_some());
        assert!(copy_ignores("x-amz-tagging", None, Some("REPLACE")).is_none());
        assert!(copy_ignores("x-amz-meta-a", None, Some("REPLACE")).is_some());
        assert!(copy_ignores("content-type", Some("REPLACE"), None).is_none());
        assert!(copy_ignores("x-amz-storage-class", None, None).is_none());
        assert!(copy_ignores("x-amz-acl", Some("COPY"), Some("COPY")).is_none());
    }

    #[test]
    fn debug_hides_the_sse_c_key() {
        let key = CustomerKey::from_bytes(&[7; 32]).unwrap();
        let options = RequestOptions {
            sse_c_key: Some(&key),
            copy_source: Some("a/b"),
            copy_source_sse_c_key: Some(&key),
            ..RequestOptions::default()
        };
        let headers = options.headers(at("2026-01-01T00:00:00Z")).unwrap();
        let shown = format!("{options:?} {headers:?}");
        let secret = STANDARD.encode([7; 32]);
        assert!(!shown.contains(&secret), "{shown}");
        // The copy source's MD5 is last, after the object's own SSE-C trio.
        let names: Vec<_> = headers.iter().map(|h| h.name).collect();
        assert_eq!(
            names.last(),
            Some(&"x-amz-copy-source-server-side-encryption-customer-key-md5")
        );
    }
}
