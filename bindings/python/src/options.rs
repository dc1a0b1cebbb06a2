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
//! The value checks are the library's (`presign::request::check_tagging`, `check_range`, ...), the
//! same the CLI runs, so the messages are the CLI's.

use crate::convert::error;
use presign::request::Checksum;
use presign::{Param, SignedHeaders};
use pyo3::prelude::*;

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
                Some(presign::request::attachment(&name).map_err(|e| error("download_as", e))?),
            ),
            (None, v) => ("response_content_disposition", v),
        };
        let expires = self
            .response_expires
            .as_deref()
            .map(presign::request::http_date)
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
        if let Some(range) = &self.range {
            presign::request::check_range(range).map_err(|e| error("range", e))?;
        }
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
            presign::request::check_meta_key(key).map_err(|e| error("metadata", e))?;
            let name = format!("x-amz-meta-{}", key.to_ascii_lowercase());
            if s.headers.iter().any(|(n, _)| n.as_str() == name) {
                return Err(error(
                    "metadata",
                    format!(
                        "key {} is given twice (keys are case-insensitive)",
                        presign::quote::Quoted(key)
                    ),
                ));
            }
            s.header("metadata", &name, Some(value))?;
        }
        if let Some(acl) = &self.acl {
            presign::request::check_canned_acl(acl).map_err(|e| error("acl", e))?;
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
        if let Some(class) = &self.storage_class {
            presign::request::check_storage_class(class).map_err(|e| error("storage_class", e))?;
        }
        s.header(
            "storage_class",
            "x-amz-storage-class",
            self.storage_class.as_deref(),
        )?;
        if let Some(tags) = &self.tagging {
            presign::request::check_tagging(tags).map_err(|e| error("tagging", e))?;
        }
        s.header("tagging", "x-amz-tagging", self.tagging.as_deref())?;
        Ok(s)
    }
}
