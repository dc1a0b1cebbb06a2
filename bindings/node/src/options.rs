//! Options to query parameters and signed headers, as the CLI's flags make them.
//!
//! Each option is a CLI flag in camelCase (`downloadAs` is `--download-as`) and is
//! checked as the CLI checks it, with its message, prefixed by the option. Headers are
//! added in the CLI's documented order (the SigV2 query carries them in that order, as
//! botocore does for its Params): content-type, content-md5, x-amz-checksum-crc32,
//! -crc32c, -sha1, -sha256, x-amz-meta-* (as given), x-amz-acl, cache-control,
//! content-disposition, content-encoding, content-language, x-amz-storage-class,
//! x-amz-tagging, range; then those of the library's option table
//! ([`presign::RequestOptions`]: conditions, a pinned length, encryption, object lock,
//! requester pays, the copy source's), which checks them, orders them and refuses what
//! SigV2 cannot sign, as for the CLI.

use crate::error::{Result, error, library, type_error};
use crate::js::{Given, instant, text, type_name, whole};
use chrono::{DateTime, Utc};
use presign::request::{Checksum, CustomerKey};
use presign::{Param, SignatureVersion, SignedHeaders};

/// An option group: the options one CLI flag group becomes.
pub type Group = &'static [&'static str];

pub const COMMON: Group = &["expires", "at"];
pub const DOWNLOAD: Group = &[
    "versionId",
    "downloadAs",
    "responseContentType",
    "responseContentDisposition",
    "responseCacheControl",
    "responseContentEncoding",
    "responseContentLanguage",
    "responseExpires",
    "range",
];
pub const VERSION: Group = &["versionId"];
pub const INTEGRITY: Group = &[
    "contentMd5",
    "checksumCrc32",
    "checksumCrc32c",
    "checksumSha1",
    "checksumSha256",
];
pub const OBJECT: Group = &[
    "contentType",
    "metadata",
    "acl",
    "cacheControl",
    "contentDisposition",
    "contentEncoding",
    "contentLanguage",
    "storageClass",
    "tagging",
];
pub const CONDITIONS: Group = &["ifMatch", "ifNoneMatch"];
pub const LENGTH: Group = &["contentLength"];
pub const ENCRYPTION: Group = &["sse", "sseKmsKeyId", "sseKmsContext", "sseBucketKey"];
pub const CUSTOMER_KEY: Group = &["sseCKey"];
pub const LOCK: Group = &["objectLockMode", "objectLockRetainUntil", "legalHold"];
pub const REQUEST: Group = &["requestPayer", "expectedBucketOwner", "inUrl"];
pub const COPY_SOURCE: Group = &[
    "source",
    "sourceVersionId",
    "copySourceIfMatch",
    "copySourceIfNoneMatch",
    "copySourceIfModifiedSince",
    "copySourceIfUnmodifiedSince",
    "copySourceSseCKey",
    "expectedSourceBucketOwner",
];
pub const DIRECTIVES: Group = &["metadataDirective", "taggingDirective"];
pub const SOURCE_RANGE: Group = &["sourceRange"];
pub const UPLOAD: Group = &["uploadId"];
pub const PART: Group = &["partNumber"];
pub const LIST: Group = &[
    "prefix",
    "delimiter",
    "maxKeys",
    "startAfter",
    "continuationToken",
    "fetchOwner",
];

/// What one call signs beyond the operation's own parameters.
#[derive(Default)]
pub struct Signed {
    /// Optional query parameters, in URL order.
    pub params: Vec<(Param, String)>,
    pub headers: SignedHeaders,
}

impl Signed {
    fn param(&mut self, option: &str, param: Param, value: Option<String>) -> Result<()> {
        let Some(value) = value else { return Ok(()) };
        presign::Params::new()
            .push(param, &value)
            .map_err(|e| error(option, e))?;
        self.params.push((param, value));
        Ok(())
    }

    fn header(&mut self, option: &str, name: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => self
                .headers
                .insert_str(name, value)
                .map_err(|e| error(option, e)),
            None => Ok(()),
        }
    }
}

/// `get`, `head`, `delete` and `getMany`: the version, the response overrides, a range.
pub fn download(given: &Given<'_>) -> Result<Signed> {
    let mut s = Signed::default();
    s.param("versionId", Param::VersionId, given.text("versionId")?)?;
    let (option, disposition) = match (
        given.text("downloadAs")?,
        given.text("responseContentDisposition")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(error(
                "downloadAs",
                "it sets responseContentDisposition: give one of the two",
            ));
        }
        (Some(name), None) => (
            "downloadAs",
            Some(presign::request::attachment(&name).map_err(|e| error("downloadAs", e))?),
        ),
        (None, v) => ("responseContentDisposition", v),
    };
    let expires = given
        .text("responseExpires")?
        .map(|v| presign::request::http_date(&v))
        .transpose()
        .map_err(|e| error("responseExpires", e))?;
    let ct = given.text("responseContentType")?;
    s.param("responseContentType", Param::ResponseContentType, ct)?;
    s.param(option, Param::ResponseContentDisposition, disposition)?;
    for (option, param) in [
        ("responseCacheControl", Param::ResponseCacheControl),
        ("responseContentEncoding", Param::ResponseContentEncoding),
        ("responseContentLanguage", Param::ResponseContentLanguage),
    ] {
        s.param(option, param, given.text(option)?)?;
    }
    s.param("responseExpires", Param::ResponseExpires, expires)?;
    if let Some(range) = given.text("range")? {
        presign::request::check_range(&range).map_err(|e| error("range", e))?;
        s.header("range", "range", Some(&range))?;
    }
    Ok(s)
}

/// The stored object's headers (`put`, `createMultipartUpload`, `copyObject`), with the
/// integrity options (`contentMd5`, `checksum*`) after the content type where the method
/// takes them.
pub fn object(given: &Given<'_>) -> Result<Signed> {
    let mut s = Signed::default();
    s.header(
        "contentType",
        "content-type",
        given.text("contentType")?.as_deref(),
    )?;
    integrity(given, &mut s)?;
    for (key, value) in given.pairs("metadata")? {
        presign::request::check_meta_key(&key).map_err(|e| error("metadata", e))?;
        let name = format!("x-amz-meta-{}", key.to_ascii_lowercase());
        if s.headers.iter().any(|(n, _)| n.as_str() == name) {
            return Err(error(
                "metadata",
                format!(
                    "key {} is given twice (keys are case-insensitive)",
                    presign::quote::Quoted(&key)
                ),
            ));
        }
        s.header("metadata", &name, Some(&value))?;
    }
    type Check = fn(&str) -> std::result::Result<(), String>;
    let none: Option<Check> = None;
    for (option, header, check) in [
        (
            "acl",
            "x-amz-acl",
            Some(presign::request::check_canned_acl as Check),
        ),
        ("cacheControl", "cache-control", none),
        ("contentDisposition", "content-disposition", none),
        ("contentEncoding", "content-encoding", none),
        ("contentLanguage", "content-language", none),
        (
            "storageClass",
            "x-amz-storage-class",
            Some(presign::request::check_storage_class as Check),
        ),
        (
            "tagging",
            "x-amz-tagging",
            Some(presign::request::check_tagging as Check),
        ),
    ] {
        if let Some(value) = given.text(option)? {
            if let Some(check) = check {
                check(&value).map_err(|e| error(option, e))?;
            }
            s.header(option, header, Some(&value))?;
        }
    }
    Ok(s)
}

/// `contentMd5` and the `checksum*` options: base64 digests, checked for their size.
pub fn integrity(given: &Given<'_>, s: &mut Signed) -> Result<()> {
    for (option, checksum) in [
        ("contentMd5", Checksum::Md5),
        ("checksumCrc32", Checksum::Crc32),
        ("checksumCrc32c", Checksum::Crc32c),
        ("checksumSha1", Checksum::Sha1),
        ("checksumSha256", Checksum::Sha256),
    ] {
        if let Some(value) = given.text(option)? {
            checksum.check(&value).map_err(|e| error(option, e))?;
            s.header(option, checksum.header(), Some(&value))?;
        }
    }
    Ok(())
}

/// The options of the library's table ([`presign::RequestOptions`]), read.
#[derive(Default)]
pub struct Bounds {
    text: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    sse_c_key: Option<CustomerKey>,
    copy_source_sse_c_key: Option<CustomerKey>,
}

/// The options read as text, checked by the library.
const TEXT: [&str; 18] = [
    "ifMatch",
    "ifNoneMatch",
    "source",
    "sourceVersionId",
    "sourceRange",
    "metadataDirective",
    "taggingDirective",
    "copySourceIfMatch",
    "copySourceIfNoneMatch",
    "copySourceIfModifiedSince",
    "copySourceIfUnmodifiedSince",
    "sse",
    "sseKmsKeyId",
    "objectLockMode",
    "expectedBucketOwner",
    "expectedSourceBucketOwner",
    "objectLockRetainUntil",
    "legalHold",
];

impl Bounds {
    /// Reads the table's options among `given`.
    pub fn read(given: &Given<'_>) -> Result<Bounds> {
        let mut b = Bounds::default();
        for name in given.names() {
            let Some(value) = given.get(name) else {
                continue;
            };
            match name {
                "sseBucketKey" | "requestPayer" | "inUrl" if given.flag(name)? => {
                    b.flags.push(name);
                }
                // A number: the CLI's @FILE has no form here; fs.statSync(f).size gives one.
                "contentLength" => b.text.push((name, whole(name, value)?.to_string())),
                "sseCKey" | "copySourceSseCKey" => {
                    let key = match given.bytes(name)? {
                        Some(bytes) => CustomerKey::from_bytes(&bytes),
                        None if type_name(value) == "string" => {
                            CustomerKey::from_base64(&text(name, value)?)
                        }
                        None => {
                            return Err(type_error(format!(
                                "{name}: expected a Uint8Array (a Buffer) of 32 bytes or base64 text, not {}",
                                type_name(value)
                            )));
                        }
                    }
                    .map_err(|e| error(name, e))?;
                    match name {
                        "sseCKey" => b.sse_c_key = Some(key),
                        _ => b.copy_source_sse_c_key = Some(key),
                    }
                }
                // JSON text, as the CLI takes it, or an object of strings, written as
                // JSON.stringify writes it.
                "sseKmsContext" => {
                    let json = match type_name(value) {
                        "string" => text(name, value)?,
                        _ => json_object(&given.pairs(name)?),
                    };
                    b.text.push((name, json));
                }
                "legalHold" if type_name(value) == "boolean" => {
                    let on = given.flag(name)?;
                    b.text
                        .push((name, if on { "on" } else { "off" }.to_owned()));
                }
                "objectLockRetainUntil" if type_name(value) == "Date" => {
                    b.text
                        .push((name, presign::format_time(instant(name, value)?)));
                }
                _ if TEXT.contains(&name) => b.text.push((name, text(name, value)?)),
                _ => {}
            }
        }
        Ok(b)
    }

    fn get(&self, option: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(k, _)| *k == option)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, option: &str) -> bool {
        self.flags.contains(&option)
    }

    /// The library's options for these.
    pub fn options(&self) -> presign::RequestOptions<'_> {
        let g = |option| self.get(option);
        presign::RequestOptions {
            if_match: g("ifMatch"),
            if_none_match: g("ifNoneMatch"),
            content_length: g("contentLength"),
            copy_source: g("source"),
            source_version_id: g("sourceVersionId"),
            source_range: g("sourceRange"),
            metadata_directive: g("metadataDirective"),
            tagging_directive: g("taggingDirective"),
            copy_source_if_match: g("copySourceIfMatch"),
            copy_source_if_none_match: g("copySourceIfNoneMatch"),
            copy_source_if_modified_since: g("copySourceIfModifiedSince"),
            copy_source_if_unmodified_since: g("copySourceIfUnmodifiedSince"),
            copy_source_sse_c_key: self.copy_source_sse_c_key.as_ref(),
            sse: g("sse"),
            sse_kms_key_id: g("sseKmsKeyId"),
            sse_kms_context: g("sseKmsContext"),
            sse_bucket_key: self.flag("sseBucketKey"),
            object_lock_mode: g("objectLockMode"),
            object_lock_retain_until: g("objectLockRetainUntil"),
            legal_hold: g("legalHold"),
            request_payer: self.flag("requestPayer"),
            expected_bucket_owner: g("expectedBucketOwner"),
            expected_source_bucket_owner: g("expectedSourceBucketOwner"),
            sse_c_key: self.sse_c_key.as_ref(),
        }
    }

    /// Adds the table's headers after `headers`' own, then moves what may go into the URL
    /// there (`inUrl`). SigV2 is refused as the CLI refuses it: it signs no header in the
    /// query, and would carry an SSE-C key in the URL itself.
    pub fn add_to(
        &self,
        headers: &mut SignedHeaders,
        at: DateTime<Utc>,
        signature: SignatureVersion,
    ) -> Result<()> {
        self.options()
            .add_headers(headers, at, signature, self.flag("inUrl"))
            .map_err(option_error)
    }
}

/// A library error about an option, named as this package names it.
pub fn option_error(e: presign::Error) -> crate::error::Fail {
    match e {
        presign::Error::InvalidOption { option, reason } => error(&option_name(option), reason),
        e => library(e),
    }
}

/// This package's name for an option of the library's table (`copy-source` is `source`).
pub fn option_name(option: &str) -> String {
    match option {
        "copy-source" => "source".to_owned(),
        o => crate::error::camel(o),
    }
}

/// The option that set an object header (`put`'s own), for an error about it.
pub fn header_option(header: &str) -> String {
    match header {
        h if h.starts_with("x-amz-meta-") => "metadata".to_owned(),
        "x-amz-acl" => "acl".to_owned(),
        "x-amz-storage-class" => "storageClass".to_owned(),
        "x-amz-tagging" => "tagging".to_owned(),
        "content-md5" => "contentMd5".to_owned(),
        h if h.starts_with("x-amz-checksum-") => {
            crate::error::camel(&format!("checksum-{}", &h["x-amz-checksum-".len()..]))
        }
        h => crate::error::camel(h),
    }
}

/// `pairs` as JSON.stringify writes an object of strings: `{"k":"v"}`.
fn json_object(pairs: &[(String, String)]) -> String {
    fn quoted(out: &mut String, s: &str) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    let mut out = String::from("{");
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quoted(&mut out, k);
        out.push(':');
        quoted(&mut out, v);
    }
    out.push('}');
    out
}
