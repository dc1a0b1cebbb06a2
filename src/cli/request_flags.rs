//! The flags that bound what a URL's holder may do, as data: each is a row naming its flag,
//! the header it signs and how the typed value becomes the header's value. Which
//! operations take a row is decided by which clap groups their subcommand flattens
//! (`request_args.rs`); whether SigV2 can carry it follows from the header's name (SigV2
//! signs only `x-amz-*`, Content-MD5 and Content-Type, and the library refuses the rest,
//! naming the flag); whether it may go into the URL is [`presign::may_go_in_query`].
//!
//! Headers are added after the ones of `operation.rs`, in this order (the SigV2 query
//! carries them so, and the golden cases pass them to botocore so): if-match,
//! if-none-match, content-length, x-amz-copy-source, x-amz-copy-source-range,
//! x-amz-metadata-directive, x-amz-copy-source-if-*, x-amz-server-side-encryption*,
//! x-amz-object-lock-*, x-amz-request-payer, x-amz-expected-bucket-owner, and last the
//! SSE-C algorithm, key and key MD5 (botocore appends the MD5 after everything).

use crate::cli::failure::Failure;
use crate::cli::operation::{Plan, Value};
use crate::cli::request_args::{
    Conditions, CopySource, CustomerKey, Encryption, List, ObjectLock, RequestOptions,
};
use crate::cli::values::http_date;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use presign::{Param, Quoted, ShownPath, Target};
use std::path::PathBuf;

/// How a typed value becomes a header value, or why it cannot.
type Check = fn(&str) -> Result<String, String>;

fn as_typed(v: &str) -> Result<String, String> {
    Ok(v.to_owned())
}

fn star(v: &str) -> Result<String, String> {
    if v == "*" {
        Ok("*".to_owned())
    } else {
        Err(format!(
            "{} is not '*': If-None-Match: * is the only form S3 takes on a write (quote it for the shell: --if-none-match '*')",
            Quoted(v)
        ))
    }
}

fn one_of(v: &str, allowed: &[&str]) -> Result<String, String> {
    allowed
        .iter()
        .find(|a| **a == v)
        .map(|a| (*a).to_owned())
        .ok_or_else(|| {
            format!(
                "unknown value {}; use one of: {}",
                Quoted(v),
                allowed.join(", ")
            )
        })
}

fn sse(v: &str) -> Result<String, String> {
    one_of(v, &["AES256", "aws:kms", "aws:kms:dsse"])
}

fn lock_mode(v: &str) -> Result<String, String> {
    one_of(v, &["GOVERNANCE", "COMPLIANCE"])
}

fn legal_hold(v: &str) -> Result<String, String> {
    match v.to_ascii_lowercase().as_str() {
        "on" => Ok("ON".to_owned()),
        "off" => Ok("OFF".to_owned()),
        _ => Err(format!("unknown value {}; use on or off", Quoted(v))),
    }
}

fn account(v: &str) -> Result<String, String> {
    if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(v.to_owned())
    } else {
        Err(format!(
            "{} is not an AWS account id: use its 12 digits, e.g. 111122223333",
            Quoted(v)
        ))
    }
}

/// A JSON object, base64'd as S3 wants the encryption context. Only its shape is checked
/// (`{...}`, one line): S3 answers a malformed one with 400.
fn kms_context(v: &str) -> Result<String, String> {
    let t = v.trim();
    if !(t.starts_with('{') && t.ends_with('}')) || v.chars().any(char::is_control) {
        return Err(format!(
            "{} is not a JSON object on one line, e.g. '{{\"project\":\"q3\"}}'",
            Quoted(v)
        ));
    }
    Ok(STANDARD.encode(v))
}

/// RFC 3339, in the future, written as botocore writes it (UTC, whole seconds).
fn retain_until(v: &str) -> Result<String, String> {
    let t = presign::parse_time(v).map_err(|_| {
        format!(
            "invalid time {}: use RFC 3339, e.g. 2030-01-01T00:00:00Z",
            Quoted(v)
        )
    })?;
    if t <= chrono::Utc::now() {
        return Err(format!(
            "{} is in the past: an object cannot be locked until then",
            Quoted(v)
        ));
    }
    Ok(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn etag(v: &str) -> Result<String, String> {
    if v.trim().is_empty() {
        Err("it is empty: give the ETag an earlier answer carried".to_owned())
    } else {
        Ok(v.to_owned())
    }
}

impl<'a> Plan<'a> {
    /// Adds each given row: `(flag, header, value, check)`.
    fn rows(&mut self, rows: &[(&'static str, &str, Option<&str>, Check)]) -> Result<(), Failure> {
        for &(flag, header, value, check) in rows {
            let Some(value) = value else { continue };
            let value = check(value).map_err(|e| Failure::flag(flag, e))?;
            self.text(flag, header, Some(&value))?;
        }
        Ok(())
    }

    /// `--if-match`, `--if-none-match`.
    pub(crate) fn conditions(&mut self, c: &Conditions) -> Result<(), Failure> {
        self.rows(&[
            ("--if-match", "if-match", c.if_match.as_deref(), etag),
            (
                "--if-none-match",
                "if-none-match",
                c.if_none_match.as_deref(),
                star,
            ),
        ])
    }

    /// `--content-length N|@FILE`: the size of FILE is read when the headers are made.
    pub(crate) fn content_length(&mut self, value: Option<&str>) -> Result<(), Failure> {
        let Some(value) = value else { return Ok(()) };
        let flag = "--content-length";
        let value = match value.strip_prefix('@') {
            Some("") => return Err(Failure::flag(flag, "'@' must be followed by a file name")),
            Some(path) => Value::FileSize(PathBuf::from(path)),
            None => match value.parse::<u64>() {
                // S3 takes at most 5 GiB in one PUT.
                Ok(n) if n <= 5 << 30 => Value::Text(n.to_string()),
                Ok(_) => {
                    return Err(Failure::flag(
                        flag,
                        format!(
                            "{value} bytes is more than the 5 GiB one PUT takes; use multipart"
                        ),
                    ));
                }
                Err(_) => {
                    return Err(Failure::flag(
                        flag,
                        format!(
                            "{} is not a number of bytes (0 or more), nor @FILE",
                            Quoted(value)
                        ),
                    ));
                }
            },
        };
        self.push_header(flag, "content-length", value);
        Ok(())
    }

    /// `--sse`, `--sse-kms-key-id`, `--sse-kms-context`, `--sse-bucket-key`.
    pub(crate) fn encryption(&mut self, e: &Encryption) -> Result<(), Failure> {
        let kms = matches!(e.sse.as_deref(), Some("aws:kms" | "aws:kms:dsse"));
        for (flag, given) in [
            ("--sse-kms-key-id", e.sse_kms_key_id.is_some()),
            ("--sse-kms-context", e.sse_kms_context.is_some()),
            ("--sse-bucket-key", e.sse_bucket_key),
        ] {
            if given && !kms && e.sse.as_deref().is_none_or(|v| sse(v).is_ok()) {
                return Err(Failure::flag(
                    flag,
                    "it applies to KMS encryption only: add --sse aws:kms (or aws:kms:dsse)",
                ));
            }
        }
        let base = "x-amz-server-side-encryption";
        self.rows(&[
            ("--sse", base, e.sse.as_deref(), sse),
            (
                "--sse-kms-key-id",
                "x-amz-server-side-encryption-aws-kms-key-id",
                e.sse_kms_key_id.as_deref(),
                as_typed,
            ),
            (
                "--sse-kms-context",
                "x-amz-server-side-encryption-context",
                e.sse_kms_context.as_deref(),
                kms_context,
            ),
            (
                "--sse-bucket-key",
                "x-amz-server-side-encryption-bucket-key-enabled",
                e.sse_bucket_key.then_some("true"),
                as_typed,
            ),
        ])
    }

    /// `--object-lock-mode`, `--object-lock-retain-until`, `--legal-hold`.
    pub(crate) fn lock(&mut self, l: &ObjectLock) -> Result<(), Failure> {
        if l.object_lock_mode.is_some() != l.object_lock_retain_until.is_some() {
            let (flag, other) = if l.object_lock_mode.is_some() {
                ("--object-lock-mode", "--object-lock-retain-until TIME")
            } else {
                ("--object-lock-retain-until", "--object-lock-mode MODE")
            };
            return Err(Failure::flag(
                flag,
                format!("S3 takes a lock mode and a retain-until date together: add {other}"),
            ));
        }
        self.rows(&[
            (
                "--object-lock-mode",
                "x-amz-object-lock-mode",
                l.object_lock_mode.as_deref(),
                lock_mode,
            ),
            (
                "--object-lock-retain-until",
                "x-amz-object-lock-retain-until-date",
                l.object_lock_retain_until.as_deref(),
                retain_until,
            ),
            (
                "--legal-hold",
                "x-amz-object-lock-legal-hold",
                l.legal_hold.as_deref(),
                legal_hold,
            ),
        ])
    }

    /// `--request-payer`, `--expected-bucket-owner`, `--in-url`.
    pub(crate) fn request_options(&mut self, r: &RequestOptions) -> Result<(), Failure> {
        self.in_url = r.in_url;
        self.rows(&[
            (
                "--request-payer",
                "x-amz-request-payer",
                r.request_payer.then_some("requester"),
                as_typed,
            ),
            (
                "--expected-bucket-owner",
                "x-amz-expected-bucket-owner",
                r.expected_bucket_owner.as_deref(),
                account,
            ),
        ])
    }

    /// `--sse-c-key BASE64|@FILE`: the algorithm, the key (base64) and its MD5, last of
    /// all headers but the copy source's MD5. The key is a secret: no message below shows
    /// it, whatever it is.
    pub(crate) fn customer_key(&mut self, k: &CustomerKey) -> Result<(), Failure> {
        let Some(value) = &k.sse_c_key else {
            return self.copy_source_key_md5();
        };
        let key = read_customer_key("--sse-c-key", value)?;
        for (name, value) in key.headers() {
            self.push_header("--sse-c-key", name, Value::Text(value));
        }
        self.copy_source_key_md5()
    }

    /// `--copy-source-sse-c-key`: the algorithm and the key after the copy's own headers;
    /// the MD5 is kept for the very end, where botocore appends it.
    pub(crate) fn copy_source_key(&mut self, s: &CopySource) -> Result<(), Failure> {
        let Some(value) = &s.copy_source_sse_c_key else {
            return Ok(());
        };
        let flag = "--copy-source-sse-c-key";
        let [algorithm, key, md5] = read_customer_key(flag, value)?.copy_source_headers();
        for (name, value) in [algorithm, key] {
            self.push_header(flag, name, Value::Text(value));
        }
        self.copy_source_md5 = Some(md5.1);
        Ok(())
    }

    fn copy_source_key_md5(&mut self) -> Result<(), Failure> {
        if let Some(md5) = self.copy_source_md5.take() {
            let name = presign::COPY_SOURCE_SSE_C_HEADERS[2];
            self.push_header("--copy-source-sse-c-key", name, Value::Text(md5));
        }
        Ok(())
    }

    /// `x-amz-copy-source` from SOURCE (`BUCKET/KEY`, encoded as botocore does, with
    /// `?versionId=`), the range, and the source conditions.
    pub(crate) fn copy_source(
        &mut self,
        flag: &'static str,
        source: &str,
        range: Option<&str>,
        s: &CopySource,
    ) -> Result<(), Failure> {
        let target = Target::parse(source).map_err(|e| Failure::flag(flag, e))?;
        let mut header = String::new();
        presign::encode_copy_source(&mut header, target.bucket(), target.key());
        if let Some(id) = &s.source_version_id {
            presign::Params::new()
                .push(presign::Param::VersionId, id)
                .map_err(|e| Failure::flag("--source-version-id", e))?;
            header.push_str("?versionId=");
            header.push_str(id);
        }
        self.text(flag, "x-amz-copy-source", Some(&header))?;
        if let Some(range) = range {
            crate::cli::values::check_range(range)
                .map_err(|e| Failure::flag("--source-range", e))?;
        }
        self.text("--source-range", "x-amz-copy-source-range", range)?;
        Ok(())
    }

    /// `--copy-source-if-*`.
    pub(crate) fn copy_conditions(&mut self, s: &CopySource) -> Result<(), Failure> {
        self.rows(&[
            (
                "--copy-source-if-match",
                "x-amz-copy-source-if-match",
                s.copy_source_if_match.as_deref(),
                etag,
            ),
            (
                "--copy-source-if-none-match",
                "x-amz-copy-source-if-none-match",
                s.copy_source_if_none_match.as_deref(),
                etag,
            ),
            (
                "--copy-source-if-modified-since",
                "x-amz-copy-source-if-modified-since",
                s.copy_source_if_modified_since.as_deref(),
                http_date,
            ),
            (
                "--copy-source-if-unmodified-since",
                "x-amz-copy-source-if-unmodified-since",
                s.copy_source_if_unmodified_since.as_deref(),
                http_date,
            ),
        ])
    }

    /// `list BUCKET[/PREFIX]`: the ListObjectsV2 parameters, in botocore's order for the
    /// golden cases (prefix, delimiter, max-keys, start-after, continuation-token,
    /// fetch-owner), then `encoding-type=url`, which botocore always adds last: keys come
    /// back percent-encoded.
    pub(crate) fn list(&mut self, l: &'a List) -> Result<(), Failure> {
        let rest = l.target.strip_prefix("s3://").unwrap_or(&l.target);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        Target::bucket_only(bucket)?;
        self.bucket = Some(bucket);
        // First, as in the URL; `output.rs` builds the request with the library's
        // constructor, which sets it too.
        self.param("list", Param::ListType, "2".to_owned())?;
        if let Some(n) = &l.max_keys
            && !n.parse::<u16>().is_ok_and(|n| (1..=1000).contains(&n))
        {
            return Err(Failure::flag(
                "--max-keys",
                format!("{} is not a number from 1 to 1000", Quoted(n)),
            ));
        }
        for (flag, param, value) in [
            (
                "PREFIX",
                Param::Prefix,
                (!prefix.is_empty()).then_some(prefix),
            ),
            ("--delimiter", Param::Delimiter, l.delimiter.as_deref()),
            ("--max-keys", Param::MaxKeys, l.max_keys.as_deref()),
            ("--start-after", Param::StartAfter, l.start_after.as_deref()),
            (
                "--continuation-token",
                Param::ContinuationToken,
                l.continuation_token.as_deref(),
            ),
            (
                "--fetch-owner",
                Param::FetchOwner,
                l.fetch_owner.then_some("true"),
            ),
            ("", Param::EncodingType, Some("url")),
        ] {
            if let Some(value) = value {
                self.param(flag, param, value.to_owned())?;
            }
        }
        self.request_options(&l.request)
    }

    /// `--metadata-directive COPY|REPLACE`.
    pub(crate) fn metadata_directive(&mut self, v: Option<&str>) -> Result<(), Failure> {
        self.rows(&[
            ("--metadata-directive", "x-amz-metadata-directive", v, |v| {
                one_of(v, &["COPY", "REPLACE"])
            }),
        ])
    }
}

/// An SSE-C key from BASE64 or @FILE; errors name `flag` and the file, never the key.
fn read_customer_key(flag: &str, value: &str) -> Result<presign::CustomerKey, Failure> {
    match value.strip_prefix('@') {
        Some("") => Err(Failure::flag(flag, "'@' must be followed by a file name")),
        Some(path) => {
            let path = PathBuf::from(path);
            let bytes = zeroize::Zeroizing::new(std::fs::read(&path).map_err(|e| {
                Failure::flag(flag, format!("cannot read {}: {e}", ShownPath(&path)))
            })?);
            presign::CustomerKey::from_bytes(&bytes)
                .map_err(|e| Failure::flag(flag, format!("{}: {e}", ShownPath(&path))))
        }
        None => presign::CustomerKey::from_base64(value).map_err(|e| Failure::flag(flag, e)),
    }
}
