//! The flags that bound what a URL's holder may do, on the library's table
//! ([`presign::RequestOptions`], [`presign::ListOptions`]): which header each signs, how
//! its value is checked and in which order the headers come are the library's, shared
//! with the Python package. Here are only what a command line adds: which subcommand takes
//! which flag (the clap groups of `args::request` each fill their fields), `@FILE`
//! values (an SSE-C key read from a file, a length measured when the headers are made),
//! and the flag each option is spelled as in an error.

use crate::cli::args::request::{
    Conditions, CopySource, CustomerKey, Encryption, List, ObjectLock, RequestOptions,
};
use crate::cli::commands::url::{Plan, Value};
use crate::cli::failure::Failure;
use crate::cli::kind::Kind;
use presign::quote::ShownPath;
use presign::{Param, Target};
use std::borrow::Cow;
use std::io::Read;
use std::path::PathBuf;

/// The options of one command line, borrowed from its flags.
pub(crate) type Options<'a> = presign::RequestOptions<'a>;

impl Conditions {
    pub(crate) fn fill<'a>(&'a self, o: &mut Options<'a>) {
        o.if_match = self.if_match.as_deref();
        o.if_none_match = self.if_none_match.as_deref();
    }
}

impl Encryption {
    pub(crate) fn fill<'a>(&'a self, o: &mut Options<'a>) {
        o.sse = self.sse.as_deref();
        o.sse_kms_key_id = self.sse_kms_key_id.as_deref();
        o.sse_kms_context = self.sse_kms_context.as_deref();
        o.sse_bucket_key = self.sse_bucket_key;
    }
}

impl ObjectLock {
    pub(crate) fn fill<'a>(&'a self, o: &mut Options<'a>) {
        o.object_lock_mode = self.object_lock_mode.as_deref();
        o.object_lock_retain_until = self.object_lock_retain_until.as_deref();
        o.legal_hold = self.legal_hold.as_deref();
    }
}

impl RequestOptions {
    pub(crate) fn fill<'a>(&'a self, o: &mut Options<'a>) {
        o.request_payer = self.request_payer;
        o.expected_bucket_owner = self.expected_bucket_owner.as_deref();
    }
}

impl CopySource {
    /// All but the SSE-C key, which [`Keys`] reads.
    pub(crate) fn fill<'a>(&'a self, source: &'a str, o: &mut Options<'a>) {
        o.copy_source = Some(source);
        o.source_version_id = self.source_version_id.as_deref();
        o.copy_source_if_match = self.copy_source_if_match.as_deref();
        o.copy_source_if_none_match = self.copy_source_if_none_match.as_deref();
        o.copy_source_if_modified_since = self.copy_source_if_modified_since.as_deref();
        o.copy_source_if_unmodified_since = self.copy_source_if_unmodified_since.as_deref();
        o.expected_source_bucket_owner = self.expected_source_bucket_owner.as_deref();
    }
}

/// The SSE-C keys of `--sse-c-key` and `--copy-source-sse-c-key`, read (BASE64 or
/// @FILE), to lend to the options.
#[derive(Default)]
pub(crate) struct Keys {
    sse_c: Option<presign::request::CustomerKey>,
    copy_source: Option<presign::request::CustomerKey>,
}

impl Keys {
    pub(crate) fn read(k: &CustomerKey, s: Option<&CopySource>) -> Result<Keys, Failure> {
        let copy = s.and_then(|s| s.copy_source_sse_c_key.as_deref());
        Ok(Keys {
            sse_c: k
                .sse_c_key
                .as_deref()
                .map(|v| read_customer_key("--sse-c-key", v))
                .transpose()?,
            copy_source: copy
                .map(|v| read_customer_key("--copy-source-sse-c-key", v))
                .transpose()?,
        })
    }

    pub(crate) fn fill<'a>(&'a self, o: &mut Options<'a>) {
        o.sse_c_key = self.sse_c.as_ref();
        o.copy_source_sse_c_key = self.copy_source.as_ref();
    }
}

impl<'a> Plan<'a> {
    /// The flag an option of the library's table is typed as.
    fn flag(&self, option: &'static str) -> Cow<'static, str> {
        match (option, self.kind) {
            ("copy-source", Kind::Copy) => "copy SOURCE".into(),
            ("copy-source", _) => "--source".into(),
            ("prefix", _) => "PREFIX".into(),
            (option, _) => format!("--{option}").into(),
        }
    }

    pub(crate) fn failure(&self, e: presign::Error) -> Failure {
        match e {
            presign::Error::InvalidOption { option, reason } => {
                Failure::flag(&self.flag(option), reason)
            }
            e => Failure::usage(e),
        }
    }

    /// Adds the headers of `o` (after the object's own) and `--in-url`.
    /// `--content-length @FILE` keeps its place in the order; the file's size is read when
    /// the headers are made. `at` is `--at`: a retain-until date is judged against it.
    pub(crate) fn options<'o>(
        &mut self,
        mut o: Options<'o>,
        content_length: Option<&'o str>,
        r: &'o RequestOptions,
        at: Option<&str>,
    ) -> Result<(), Failure> {
        r.fill(&mut o);
        self.in_url = r.in_url;
        let mut size_of = None;
        o.content_length = match content_length.map(|v| (v, v.strip_prefix('@'))) {
            Some((_, Some(""))) => {
                return Err(Failure::flag(
                    "--content-length",
                    "'@' must be followed by a file name",
                ));
            }
            Some((_, Some(path))) => {
                size_of = Some(PathBuf::from(path));
                Some("0")
            }
            Some((v, None)) => Some(v),
            None => None,
        };
        let at = match (o.object_lock_retain_until, at) {
            (Some(_), Some(at)) => {
                presign::parse_time(at).map_err(|e| Failure::usage(anyhow::anyhow!("--at: {e}")))?
            }
            _ => chrono::Utc::now(),
        };
        for h in o.headers(at).map_err(|e| self.failure(e))? {
            let value = match (h.name, &size_of) {
                ("content-length", Some(path)) => Value::FileSize(path.clone()),
                _ => Value::Text(h.value),
            };
            let flag = self.flag(h.option);
            self.push_header(flag, h.name, value);
        }
        Ok(())
    }

    /// `list BUCKET[/PREFIX]`: ListObjectsV2's parameters after `list-type=2`.
    pub(crate) fn list(&mut self, l: &'a List, at: Option<&str>) -> Result<(), Failure> {
        let (bucket, prefix) = Target::parse_listing(&l.target)?;
        self.bucket = Some(bucket.bucket());
        // First, as in the URL; `output` builds the request with the library's
        // constructor, which sets it too.
        self.param("list", Param::ListType, "2".to_owned())?;
        let options = presign::ListOptions {
            prefix: Some(prefix),
            delimiter: l.delimiter.as_deref(),
            max_keys: l.max_keys.as_deref(),
            start_after: l.start_after.as_deref(),
            continuation_token: l.continuation_token.as_deref(),
            fetch_owner: l.fetch_owner,
        };
        for (_, param, value) in options.params().map_err(|e| self.failure(e))? {
            self.params.push((param, value.into_owned()));
        }
        self.options(Options::default(), None, &l.request, at)
    }
}

/// The most an SSE-C key file may hold: the base64 of 32 bytes is 44 characters.
const MAX_KEY_FILE: u64 = 4096;

/// An SSE-C key from BASE64 or @FILE; errors name `flag` and the file, never the key.
fn read_customer_key(flag: &str, value: &str) -> Result<presign::request::CustomerKey, Failure> {
    match value.strip_prefix('@') {
        Some("") => Err(Failure::flag(flag, "'@' must be followed by a file name")),
        Some(path) => {
            let path = PathBuf::from(path);
            let cannot = |e: std::io::Error| {
                Failure::flag(flag, format!("cannot read {}: {e}", ShownPath(&path)))
            };
            // A key is 32 bytes, or 44 in base64 with a newline: a bounded read, so
            // `@/dev/zero` or a large file by mistake is refused at once.
            let mut bytes = zeroize::Zeroizing::new(Vec::new());
            std::fs::File::open(&path)
                .and_then(|f| f.take(MAX_KEY_FILE + 1).read_to_end(&mut bytes))
                .map_err(cannot)?;
            if bytes.len() as u64 > MAX_KEY_FILE {
                return Err(Failure::flag(
                    flag,
                    format!(
                        "{} holds more than {MAX_KEY_FILE} bytes: an SSE-C key file holds the 32-byte key or its base64",
                        ShownPath(&path)
                    ),
                ));
            }
            // The 32 bytes, or their base64 (44 characters, a newline after them or not).
            let key = match std::str::from_utf8(&bytes).map(str::trim) {
                Ok(text) if bytes.len() != 32 && text.len() == 44 => {
                    presign::request::CustomerKey::from_base64(text)
                }
                _ => presign::request::CustomerKey::from_bytes(&bytes),
            };
            key.map_err(|e| Failure::flag(flag, format!("{}: {e}", ShownPath(&path))))
        }
        None => {
            presign::request::CustomerKey::from_base64(value).map_err(|e| Failure::flag(flag, e))
        }
    }
}
