//! Issue 17's keywords (what bounds a URL's holder: a pinned size, create-only,
//! encryption, requester pays, object lock, headers in the URL; and the copy source's):
//! taken from `**kwargs` against each method's groups, as the CLI's subcommands flatten
//! their flag groups, and signed through the library's table ([`presign::RequestOptions`]),
//! the same the CLI uses, so the checks, the headers, their order and the messages are
//! the CLI's, with the keyword in place of the flag.

use crate::convert::error;
use chrono::{DateTime, Utc};
use presign::request::CustomerKey;
use presign::{SignatureVersion, SignedHeaders};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyString};

/// A keyword group: the keywords one CLI flag group becomes.
pub type Group = &'static [&'static str];

pub const CONDITIONS: Group = &["if_match", "if_none_match"];
pub const LENGTH: Group = &["content_length"];
pub const ENCRYPTION: Group = &["sse", "sse_kms_key_id", "sse_kms_context", "sse_bucket_key"];
pub const CUSTOMER_KEY: Group = &["sse_c_key"];
pub const LOCK: Group = &["object_lock_mode", "object_lock_retain_until", "legal_hold"];
pub const REQUEST: Group = &["request_payer", "expected_bucket_owner", "in_url"];
pub const COPY_SOURCE: Group = &[
    "source_version_id",
    "copy_source_if_match",
    "copy_source_if_none_match",
    "copy_source_if_modified_since",
    "copy_source_if_unmodified_since",
    "copy_source_sse_c_key",
    "expected_source_bucket_owner",
];
pub const DIRECTIVES: Group = &["metadata_directive", "tagging_directive"];
pub const SOURCE_RANGE: Group = &["source_range"];

/// The keywords given, read.
#[derive(Default)]
pub struct Bounds {
    text: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    sse_c_key: Option<CustomerKey>,
    copy_source_sse_c_key: Option<CustomerKey>,
    /// `source` of `copy_object` and `upload_part_copy`.
    pub source: Option<String>,
}

impl Bounds {
    /// Reads `kwargs` for `method`, which takes the keywords of `groups`; any other is a
    /// `TypeError`, as Python gives for an unknown keyword.
    pub fn read(
        method: &str,
        kwargs: Option<&Bound<'_, PyDict>>,
        groups: &[Group],
    ) -> PyResult<Bounds> {
        let mut b = Bounds::default();
        let Some(kwargs) = kwargs else {
            return Ok(b);
        };
        for (name, value) in kwargs.iter() {
            let name: String = name.extract()?;
            let Some(&kw) = groups.iter().flat_map(|g| g.iter()).find(|k| **k == name) else {
                return Err(PyTypeError::new_err(format!(
                    "{method}() got an unexpected keyword argument '{name}'"
                )));
            };
            if value.is_none() {
                continue;
            }
            b.take(kw, &value)?;
        }
        Ok(b)
    }

    fn take(&mut self, kw: &'static str, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let expected = |what: &str| {
            PyTypeError::new_err(format!(
                "{kw}: expected {what}, not {}",
                value
                    .get_type()
                    .name()
                    .map_or_else(|_| "?".to_owned(), |n| n.to_string())
            ))
        };
        match kw {
            "sse_bucket_key" | "request_payer" | "in_url" => {
                if value
                    .cast::<PyBool>()
                    .map_err(|_| expected("bool"))?
                    .is_true()
                {
                    self.flags.push(kw);
                }
            }
            // An int: the CLI's @FILE has no Python form; os.path.getsize() gives one.
            "content_length" => {
                let length: i128 = crate::convert::int(kw, value)?;
                self.text.push((kw, length.to_string()));
            }
            "sse_c_key" | "copy_source_sse_c_key" => {
                let key = if let Ok(bytes) = value.cast::<PyBytes>() {
                    CustomerKey::from_bytes(bytes.as_bytes())
                } else if let Ok(text) = value.cast::<PyString>() {
                    CustomerKey::from_base64(&text.to_cow()?)
                } else {
                    return Err(expected("bytes (32) or base64 str"));
                }
                .map_err(|e| error(kw, e))?;
                match kw {
                    "sse_c_key" => self.sse_c_key = Some(key),
                    _ => self.copy_source_sse_c_key = Some(key),
                }
            }
            // JSON text, as the CLI takes it, or a dict, written as compact JSON.
            "sse_kms_context" if value.is_instance_of::<PyDict>() => {
                let json = value.py().import("json")?;
                let kwargs = PyDict::new(value.py());
                kwargs.set_item("separators", (",", ":"))?;
                let text = json.call_method("dumps", (value,), Some(&kwargs))?;
                self.text.push((kw, text.extract()?));
            }
            "legal_hold" if value.is_instance_of::<PyBool>() => {
                let on = value.is_truthy()?;
                self.text
                    .push((kw, if on { "on" } else { "off" }.to_owned()));
            }
            // An aware datetime, or RFC 3339 text as `at` takes.
            "object_lock_retain_until" if !value.is_instance_of::<PyString>() => {
                let t = crate::convert::aware(kw, value)?;
                self.text.push((kw, presign::format_time(t)));
            }
            _ => {
                let text = value.cast::<PyString>().map_err(|_| expected("str"))?;
                self.text.push((kw, text.to_cow()?.into_owned()));
            }
        }
        Ok(())
    }

    fn get(&self, kw: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(k, _)| *k == kw)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, kw: &str) -> bool {
        self.flags.contains(&kw)
    }

    /// The library's options for these keywords.
    pub fn options(&self) -> presign::RequestOptions<'_> {
        let g = |kw| self.get(kw);
        presign::RequestOptions {
            if_match: g("if_match"),
            if_none_match: g("if_none_match"),
            content_length: g("content_length"),
            copy_source: self.source.as_deref(),
            source_version_id: g("source_version_id"),
            source_range: g("source_range"),
            metadata_directive: g("metadata_directive"),
            tagging_directive: g("tagging_directive"),
            copy_source_if_match: g("copy_source_if_match"),
            copy_source_if_none_match: g("copy_source_if_none_match"),
            copy_source_if_modified_since: g("copy_source_if_modified_since"),
            copy_source_if_unmodified_since: g("copy_source_if_unmodified_since"),
            copy_source_sse_c_key: self.copy_source_sse_c_key.as_ref(),
            sse: g("sse"),
            sse_kms_key_id: g("sse_kms_key_id"),
            sse_kms_context: g("sse_kms_context"),
            sse_bucket_key: self.flag("sse_bucket_key"),
            object_lock_mode: g("object_lock_mode"),
            object_lock_retain_until: g("object_lock_retain_until"),
            legal_hold: g("legal_hold"),
            request_payer: self.flag("request_payer"),
            expected_bucket_owner: g("expected_bucket_owner"),
            expected_source_bucket_owner: g("expected_source_bucket_owner"),
            sse_c_key: self.sse_c_key.as_ref(),
        }
    }

    /// Adds the headers after `headers`' own, then moves what may go into the URL there
    /// (`in_url`). SigV2 is refused as the CLI refuses it: it signs no header in the
    /// query, and would carry an SSE-C key in the URL itself.
    pub fn add_to(
        &self,
        headers: &mut SignedHeaders,
        at: DateTime<Utc>,
        signature: SignatureVersion,
    ) -> PyResult<()> {
        self.options()
            .add_headers(headers, at, signature, self.flag("in_url"))
            .map_err(option_error)
    }
}

/// A library error about an option, named by its keyword.
pub fn option_error(e: presign::Error) -> PyErr {
    match e {
        presign::Error::InvalidOption { option, reason } => error(&keyword(option), reason),
        e => error("", e),
    }
}

/// The keyword of an option of the library's table.
pub fn keyword(option: &str) -> String {
    match option {
        "copy-source" => "source".to_owned(),
        o => o.replace('-', "_"),
    }
}

/// The keyword that set an object header (`put`'s own), for an error about it.
pub fn object_keyword(header: &str) -> String {
    match header {
        h if h.starts_with("x-amz-meta-") => "metadata".to_owned(),
        "x-amz-acl" => "acl".to_owned(),
        "x-amz-storage-class" => "storage_class".to_owned(),
        "x-amz-tagging" => "tagging".to_owned(),
        h => h.replace('-', "_"),
    }
}
