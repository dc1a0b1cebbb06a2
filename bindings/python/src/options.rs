//! Keyword options to query parameters and signed headers, as the CLI's flags make them.
//!
//! Each keyword is a CLI flag in snake_case (`download_as` is `--download-as`) and is
//! checked as the CLI checks it, with its message, prefixed by the keyword. Headers are
//! added in the CLI's documented order (the SigV2 query carries them in that order, as
//! botocore does for its Params): content-type, content-md5, x-amz-checksum-crc32,
//! -crc32c, -sha1, -sha256, x-amz-meta-* (as given), x-amz-acl, cache-control,
//! content-disposition, content-encoding, content-language, x-amz-storage-class,
//! x-amz-tagging, range.
//!
//! The checks of canned ACLs, storage classes, tags, metadata keys and HTTP dates are the
//! CLI's (src/cli/operation.rs, src/cli/values.rs), which the library does not have yet;
//! they are repeated here with the same messages until it does.

use crate::convert::error;
use presign::{Checksum, Param, SignedHeaders};
use pyo3::prelude::*;

/// S3's canned ACLs (the CLI's `--acl` list).
const CANNED_ACLS: [&str; 7] = [
    "private",
    "public-read",
    "public-read-write",
    "authenticated-read",
    "aws-exec-read",
    "bucket-owner-read",
    "bucket-owner-full-control",
];

/// What one call signs beyond the operation's own parameters.
#[derive(Default)]
pub struct Signed {
    /// Optional query parameters, in URL order.
    pub params: Vec<(Param, String)>,
    pub headers: SignedHeaders,
}

impl Signed {
    fn param(&mut self, arg: &str, param: Param, value: Option<String>) -> PyResult<()> {
        let Some(value) = value else { return Ok(()) };
        presign::Params::new()
            .push(param, &value)
            .map_err(|e| error(arg, e))?;
        self.params.push((param, value));
        Ok(())
    }

    pub fn header(&mut self, arg: &str, name: &str, value: Option<&str>) -> PyResult<()> {
        match value {
            Some(value) => self
                .headers
                .insert_str(name, value)
                .map_err(|e| error(arg, e)),
            None => Ok(()),
        }
    }
}

/// `get`, `head` and `get_many`: `--version-id`, `--download-as`, `--response-*`, `--range`.
#[derive(Default)]
pub struct Download {
    pub version_id: Option<String>,
    pub download_as: Option<String>,
    pub response_content_type: Option<String>,
    pub response_content_disposition: Option<String>,
    pub response_cache_control: Option<String>,
    pub response_content_encoding: Option<String>,
    pub response_content_language: Option<String>,
    pub response_expires: Option<String>,
    pub range: Option<String>,
}

impl Download {
    pub fn signed(self) -> PyResult<Signed> {
        let mut s = Signed::default();
        s.param("version_id", Param::VersionId, self.version_id)?;
        let (arg, disposition) = match (self.download_as, self.response_content_disposition) {
            (Some(_), Some(_)) => {
                return Err(error(
                    "download_as",
                    "it sets response_content_disposition: give one of the two",
                ));
            }
            (Some(name), None) => (
                "download_as",
                Some(presign::attachment(&name).map_err(|e| error("download_as", e))?),
            ),
            (None, v) => ("response_content_disposition", v),
        };
        let expires = self
            .response_expires
            .as_deref()
            .map(http_date)
            .transpose()
            .map_err(|e| error("response_expires", e))?;
        s.param(
            "response_content_type",
            Param::ResponseContentType,
            self.response_content_type,
        )?;
        s.param(arg, Param::ResponseContentDisposition, disposition)?;
        s.param(
            "response_cache_control",
            Param::ResponseCacheControl,
            self.response_cache_control,
        )?;
        s.param(
            "response_content_encoding",
            Param::ResponseContentEncoding,
            self.response_content_encoding,
        )?;
        s.param(
            "response_content_language",
            Param::ResponseContentLanguage,
            self.response_content_language,
        )?;
        s.param("response_expires", Param::ResponseExpires, expires)?;
        s.header("range", "range", self.range.as_deref())?;
        Ok(s)
    }
}

/// `--content-md5` and the `--checksum-*` flags (`put`, `upload_part`): base64 values.
#[derive(Default)]
pub struct Integrity {
    pub content_md5: Option<String>,
    pub checksum_crc32: Option<String>,
    pub checksum_crc32c: Option<String>,
    pub checksum_sha1: Option<String>,
    pub checksum_sha256: Option<String>,
}

impl Integrity {
    pub fn add_to(&self, s: &mut Signed) -> PyResult<()> {
        for (arg, checksum, value) in [
            ("content_md5", Checksum::Md5, &self.content_md5),
            ("checksum_crc32", Checksum::Crc32, &self.checksum_crc32),
            ("checksum_crc32c", Checksum::Crc32c, &self.checksum_crc32c),
            ("checksum_sha1", Checksum::Sha1, &self.checksum_sha1),
            ("checksum_sha256", Checksum::Sha256, &self.checksum_sha256),
        ] {
            if let Some(value) = value {
                checksum.check(value).map_err(|e| error(arg, e))?;
                s.header(arg, checksum.header(), Some(value))?;
            }
        }
        Ok(())
    }
}

/// The stored object's headers (`put`, `create_multipart_upload`).
#[derive(Default)]
pub struct Object {
    pub content_type: Option<String>,
    /// `--meta KEY=VALUE`, as a mapping in its order.
    pub metadata: Vec<(String, String)>,
    pub acl: Option<String>,
    pub cache_control: Option<String>,
    pub content_disposition: Option<String>,
    pub content_encoding: Option<String>,
    pub content_language: Option<String>,
    pub storage_class: Option<String>,
    pub tagging: Option<String>,
}

impl Object {
    pub fn signed(&self, integrity: Option<&Integrity>) -> PyResult<Signed> {
        let mut s = Signed::default();
        s.header("content_type", "content-type", self.content_type.as_deref())?;
        if let Some(i) = integrity {
            i.add_to(&mut s)?;
        }
        for (key, value) in &self.metadata {
            check_meta_key(key)?;
            let name = format!("x-amz-meta-{}", key.to_ascii_lowercase());
            if s.headers.iter().any(|(n, _)| n.as_str() == name) {
                return Err(error(
                    "metadata",
                    format!("key {key:?} is given twice (keys are case-insensitive)"),
                ));
            }
            s.header("metadata", &name, Some(value))?;
        }
        if let Some(acl) = &self.acl
            && !CANNED_ACLS.contains(&acl.as_str())
        {
            return Err(error(
                "acl",
                format!(
                    "unknown canned ACL {acl:?}; use one of: {}",
                    CANNED_ACLS.join(", ")
                ),
            ));
        }
        s.header("acl", "x-amz-acl", self.acl.as_deref())?;
        s.header(
            "cache_control",
            "cache-control",
            self.cache_control.as_deref(),
        )?;
        s.header(
            "content_disposition",
            "content-disposition",
            self.content_disposition.as_deref(),
        )?;
        s.header(
            "content_encoding",
            "content-encoding",
            self.content_encoding.as_deref(),
        )?;
        s.header(
            "content_language",
            "content-language",
            self.content_language.as_deref(),
        )?;
        if let Some(class) = &self.storage_class
            && (class.is_empty()
                || !class
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
        {
            return Err(error(
                "storage_class",
                format!(
                    "invalid storage class {class:?}: use uppercase letters, digits and '_', e.g. STANDARD_IA"
                ),
            ));
        }
        s.header(
            "storage_class",
            "x-amz-storage-class",
            self.storage_class.as_deref(),
        )?;
        if let Some(tags) = &self.tagging
            && tags
                .split('&')
                .any(|pair| pair.split_once('=').is_none_or(|(k, _)| k.is_empty()))
        {
            return Err(error(
                "tagging",
                format!("invalid tags {tags:?}: write them as KEY=VALUE&KEY2=VALUE2 (URL-encoded)"),
            ));
        }
        s.header("tagging", "x-amz-tagging", self.tagging.as_deref())?;
        Ok(s)
    }
}

/// A metadata key as `--meta` takes it: letters, digits, `-`, `_` and `.`.
pub fn check_meta_key(key: &str) -> PyResult<()> {
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(error(
            "metadata",
            format!("invalid key {key:?}: use letters, digits, '-', '_' and '.'"),
        ));
    }
    Ok(())
}

/// An HTTP date (`Thu, 01 Jan 2026 00:00:00 GMT`), RFC 3339 or epoch seconds, as the HTTP
/// date botocore sends for a timestamp parameter (the CLI's `--response-expires`).
fn http_date(text: &str) -> Result<String, String> {
    use chrono::{DateTime, Utc};
    let time: Option<DateTime<Utc>> = if let Ok(secs) = text.parse::<i64>() {
        DateTime::from_timestamp(secs, 0)
    } else if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        Some(t.with_timezone(&Utc))
    } else {
        presign::parse_time(text).ok()
    };
    match time {
        Some(t) => Ok(t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()),
        None => Err(format!(
            "invalid date {text:?}: use an HTTP date (Thu, 01 Jan 2026 00:00:00 GMT), RFC 3339 (2026-01-01T00:00:00Z) or epoch seconds"
        )),
    }
}
