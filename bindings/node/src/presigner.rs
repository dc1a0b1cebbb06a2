//! `NativePresigner`, the class index.js wraps as `Presigner`: one configuration, any
//! number of URLs. Each method reads its options object against the option groups it
//! takes, turns them into an [`Op`] and what it signs, and [`sign`] makes the URL.

mod build;
mod post;
mod sign;

pub use build::addressing;

use crate::error::{Kind, Result, error, guard, type_error};
use crate::js::{Given, text, whole};
use crate::options::{
    self, Bounds, CONDITIONS, COPY_SOURCE, CUSTOMER_KEY, DIRECTIVES, DOWNLOAD, ENCRYPTION, Group,
    INTEGRITY, LENGTH, LIST, LOCK, OBJECT, PART, REQUEST, SOURCE_RANGE, Signed, UPLOAD, VERSION,
};
use napi::bindgen_prelude::{Array, Env, Object, Uint32Array, Unknown, Utf16String};
use napi_derive::napi;
use presign::{AddressingStyle, Config, PartNumber, Provider};
use std::sync::{Arc, Mutex};

/// Signs presigned S3 URLs and POST forms for one set of credentials and one endpoint.
#[napi]
pub struct NativePresigner {
    config: Config,
    /// What the endpoint stands for: its limits (POST forms) are checked per call.
    provider: Provider,
    /// The library's presigner for the last (signing second, expiry) asked for: a batch,
    /// and every call within one second, reuse its derived key.
    last: Mutex<Option<(i64, u64, Arc<presign::Presigner>)>>,
    /// Warnings not yet handed to JavaScript (index.js emits them as process warnings).
    warnings: Mutex<Vec<String>>,
}

/// Which operation: decides the method and the operation's own query parameters.
enum Op {
    Get,
    Head,
    Put,
    Delete,
    Create,
    Part(String, PartNumber),
    Complete(String),
    Abort(String),
    List,
    Copy,
    PartCopy(String, PartNumber),
}

/// A method's name, for its errors, and the option groups it takes besides `expires`
/// and `at`.
type Method = (&'static str, &'static [Group]);

const GET: Method = ("get", &[DOWNLOAD, CUSTOMER_KEY, REQUEST]);
const HEAD: Method = ("head", &[DOWNLOAD, CUSTOMER_KEY, REQUEST]);
const GET_MANY: Method = ("getMany", &[DOWNLOAD, CUSTOMER_KEY, REQUEST]);
const PUT: Method = (
    "put",
    &[
        OBJECT,
        INTEGRITY,
        CONDITIONS,
        LENGTH,
        ENCRYPTION,
        LOCK,
        REQUEST,
        CUSTOMER_KEY,
    ],
);
const DELETE: Method = ("delete", &[VERSION, REQUEST]);
const CREATE: Method = (
    "createMultipartUpload",
    &[OBJECT, ENCRYPTION, LOCK, REQUEST, CUSTOMER_KEY],
);
const UPLOAD_PART: Method = (
    "uploadPart",
    &[UPLOAD, PART, INTEGRITY, LENGTH, REQUEST, CUSTOMER_KEY],
);
const COMPLETE: Method = (
    "completeMultipartUpload",
    &[UPLOAD, CONDITIONS, REQUEST, CUSTOMER_KEY],
);
const ABORT: Method = ("abortMultipartUpload", &[UPLOAD, REQUEST]);
const LIST_OBJECTS: Method = ("listObjects", &[LIST, REQUEST]);
const COPY: Method = (
    "copyObject",
    &[
        COPY_SOURCE,
        OBJECT,
        DIRECTIVES,
        CONDITIONS,
        ENCRYPTION,
        LOCK,
        REQUEST,
        CUSTOMER_KEY,
    ],
);
const PART_COPY: Method = (
    "uploadPartCopy",
    &[
        UPLOAD,
        PART,
        COPY_SOURCE,
        SOURCE_RANGE,
        REQUEST,
        CUSTOMER_KEY,
    ],
);

/// The groups of `method` with `expires` and `at`.
fn groups(method: Method) -> Vec<Group> {
    let mut all = vec![options::COMMON];
    all.extend_from_slice(method.1);
    all
}

/// A required option of `method`.
fn required(method: &str, given: &Given<'_>, name: &str) -> Result<String> {
    given
        .text(name)?
        .ok_or_else(|| type_error(format!("{method}(): the {name} option is required")))
}

/// The upload id and part number of `uploadPart` and `uploadPartCopy`.
fn part(method: &str, given: &Given<'_>) -> Result<(String, PartNumber)> {
    let id = required(method, given, "uploadId")?;
    let number = given
        .get("partNumber")
        .ok_or_else(|| type_error(format!("{method}(): the partNumber option is required")))?;
    let number = whole("partNumber", number)?;
    let part = u32::try_from(number)
        .ok()
        .and_then(|n| PartNumber::new(n).ok())
        .ok_or_else(|| {
            error(
                "partNumber",
                format!("invalid part number {number}: S3 numbers parts 1 to 10000"),
            )
        })?;
    Ok((id, part))
}

#[napi]
impl NativePresigner {
    /// `new Presigner({ accessKey, secretKey, ... })`.
    #[napi(constructor)]
    pub fn new(options: Unknown<'_>) -> napi::Result<Self, Kind> {
        guard(|| build::from_options(options))
    }

    /// `Presigner.fromEnv(options)`: the settings chain over `env` (process.env).
    #[napi(factory)]
    pub fn from_env(options: Option<Unknown<'_>>, env: Unknown<'_>) -> napi::Result<Self, Kind> {
        guard(|| crate::settings::from_env(options, env))
    }

    /// The warnings of the construction or the last call, once.
    #[napi]
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The access key id (not a secret: it is in every URL).
    #[napi(getter)]
    pub fn access_key(&self) -> String {
        self.config.credentials.access_key().to_owned()
    }

    #[napi(getter)]
    pub fn endpoint(&self) -> String {
        self.config.endpoint.to_string()
    }

    #[napi(getter)]
    pub fn region(&self) -> String {
        self.config.region.clone()
    }

    #[napi(getter)]
    pub fn signature(&self) -> String {
        self.config.signature.to_string()
    }

    /// The expiry of a URL whose call gives no `expires`, in seconds.
    #[napi(getter)]
    pub fn expires(&self) -> u32 {
        u32::try_from(self.config.expires.as_secs()).unwrap_or(u32::MAX)
    }

    #[napi(getter)]
    pub fn addressing(&self) -> &'static str {
        match (self.config.auto_addressing, self.config.addressing) {
            (true, _) => "auto",
            (false, AddressingStyle::Path) => "path",
            (false, AddressingStyle::VirtualHost) => "virtual",
        }
    }

    #[napi]
    pub fn get(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(GET, (&bucket, Some(&key)), options, |given| {
            Ok((Op::Get, options::download(given)?))
        })
    }

    #[napi]
    pub fn head(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(HEAD, (&bucket, Some(&key)), options, |given| {
            Ok((Op::Head, options::download(given)?))
        })
    }

    #[napi]
    pub fn put(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(PUT, (&bucket, Some(&key)), options, |given| {
            Ok((Op::Put, options::object(given)?))
        })
    }

    #[napi]
    pub fn delete(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(DELETE, (&bucket, Some(&key)), options, |given| {
            Ok((Op::Delete, options::download(given)?))
        })
    }

    #[napi]
    pub fn create_multipart_upload(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(CREATE, (&bucket, Some(&key)), options, |given| {
            Ok((Op::Create, options::object(given)?))
        })
    }

    #[napi]
    pub fn upload_part(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(UPLOAD_PART, (&bucket, Some(&key)), options, |given| {
            let (id, number) = part(UPLOAD_PART.0, given)?;
            let mut signed = Signed::default();
            options::integrity(given, &mut signed)?;
            Ok((Op::Part(id, number), signed))
        })
    }

    #[napi]
    pub fn complete_multipart_upload(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(COMPLETE, (&bucket, Some(&key)), options, |given| {
            let id = required(COMPLETE.0, given, "uploadId")?;
            Ok((Op::Complete(id), Signed::default()))
        })
    }

    #[napi]
    pub fn abort_multipart_upload(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(ABORT, (&bucket, Some(&key)), options, |given| {
            let id = required(ABORT.0, given, "uploadId")?;
            Ok((Op::Abort(id), Signed::default()))
        })
    }

    /// A `ListObjectsV2` URL, as boto3's `list_objects_v2` asks for it
    /// (`encoding-type=url`: keys come percent-encoded).
    #[napi]
    pub fn list_objects(
        &self,
        bucket: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(LIST_OBJECTS, (&bucket, None), options, |given| {
            let max_keys = given
                .get("maxKeys")
                .map(|v| whole("maxKeys", v).map(|n| n.to_string()))
                .transpose()?;
            let (prefix, delimiter) = (given.text("prefix")?, given.text("delimiter")?);
            let start_after = given.text("startAfter")?;
            let continuation_token = given.text("continuationToken")?;
            let list = presign::ListOptions {
                prefix: prefix.as_deref(),
                delimiter: delimiter.as_deref(),
                max_keys: max_keys.as_deref(),
                start_after: start_after.as_deref(),
                continuation_token: continuation_token.as_deref(),
                fetch_owner: given.flag("fetchOwner")?,
            };
            let mut signed = Signed::default();
            for (_, param, value) in list.params().map_err(options::option_error)? {
                signed.params.push((param, value.into_owned()));
            }
            Ok((Op::List, signed))
        })
    }

    /// A `CopyObject` URL (PUT on `bucket`/`key`): the server copies `source`
    /// (`"BUCKET/KEY"`). The object headers need `metadataDirective: "REPLACE"`,
    /// `tagging` needs `taggingDirective: "REPLACE"`.
    #[napi]
    pub fn copy_object(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(COPY, (&bucket, Some(&key)), options, |given| {
            required(COPY.0, given, "source")?;
            let signed = options::object(given)?;
            let (metadata, tagging) = (
                given.text("metadataDirective")?,
                given.text("taggingDirective")?,
            );
            // S3 would copy the source's metadata or tags and ignore these without a word.
            for (name, _) in signed.headers.iter() {
                if let Some(reason) = presign::request::copy_ignores(
                    name.as_str(),
                    metadata.as_deref(),
                    tagging.as_deref(),
                ) {
                    return Err(error(&options::header_option(name.as_str()), reason));
                }
            }
            Ok((Op::Copy, signed))
        })
    }

    /// An `UploadPartCopy` URL (PUT part `partNumber` of `uploadId`): the server copies
    /// `source`, or `sourceRange` (`bytes=A-B`) of it.
    #[napi]
    pub fn upload_part_copy(
        &self,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Kind> {
        self.url(PART_COPY, (&bucket, Some(&key)), options, |given| {
            let (id, number) = part(PART_COPY.0, given)?;
            required(PART_COPY.0, given, "source")?;
            Ok((Op::PartCopy(id, number), Signed::default()))
        })
    }

    /// `GetObject` URLs for every key, in order; a large batch is signed on every core.
    /// index.js hands the keys over joined, with each key's length in UTF-16 code units
    /// (one string and one array cross into Rust instead of a string per key), and gets
    /// the URLs back as `[text, ends, text, ends, ...]`: a few long strings, each with the
    /// end of every URL in it, which it slices (V8 shares the memory). Creating a million
    /// strings one Node-API call at a time costs more than signing them.
    #[napi]
    pub fn get_many<'env>(
        &self,
        env: &'env Env,
        bucket: Unknown<'_>,
        joined: Utf16String,
        lengths: Uint32Array,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Array<'env>, Kind> {
        guard(|| {
            let given = Given::read(GET_MANY.0, options, &groups(GET_MANY))?;
            let mut signed = options::download(&given)?;
            if signed
                .params
                .iter()
                .any(|(p, _)| *p == presign::Param::VersionId)
            {
                return Err(type_error(
                    "getMany(): unknown option \"versionId\" (a version belongs to one key)",
                ));
            }
            let bucket = text("bucket", &bucket)?;
            let total: u64 = lengths.iter().map(|&n| u64::from(n)).sum();
            if total != joined.len() as u64 {
                return Err(type_error(
                    "keys: the lengths do not add up to the joined keys",
                ));
            }
            let at = crate::js::time("at", given.get("at"))?;
            Bounds::read(&given)?.add_to(&mut signed.headers, at, self.config.signature)?;
            let presigner = self.at(at, self.expiry(&given)?)?;
            let chunks = u32::try_from(sign::chunks(lengths.len())).unwrap_or(u32::MAX);
            let mut answer = env.create_array(2 * chunks)?;
            sign::sign_many(
                &presigner,
                &bucket,
                &joined,
                &lengths,
                &signed,
                |c, text, ends| {
                    let c = u32::try_from(c).unwrap_or(u32::MAX);
                    answer.set(2 * c, env.create_string_latin1(text.as_bytes())?)?;
                    answer.set(2 * c + 1, Uint32Array::new(ends))?;
                    Ok(())
                },
            )?;
            Ok(answer)
        })
    }

    /// A browser upload form (POST policy): `{ url, fields }`, the fields in botocore's
    /// order; post them all, then the file as `file`, last.
    #[napi]
    pub fn post<'env>(
        &self,
        env: &'env Env,
        bucket: Unknown<'_>,
        key: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Object<'env>, Kind> {
        guard(|| self.post_form(env, &bucket, &key, options))
    }
}

impl NativePresigner {
    /// One URL of `method`: its options read and checked against the groups it takes,
    /// `make` choosing the operation and what it signs from them.
    fn url(
        &self,
        method: Method,
        target: (&Unknown<'_>, Option<&Unknown<'_>>),
        options: Option<Unknown<'_>>,
        make: impl FnOnce(&Given<'_>) -> Result<(Op, Signed)>,
    ) -> napi::Result<String, Kind> {
        guard(|| {
            let given = Given::read(method.0, options, &groups(method))?;
            let (op, signed) = make(&given)?;
            self.sign(op, target, signed, &given)
        })
    }

    /// The presigner for settings the library's chain resolved, with its warnings.
    pub fn from_resolved(resolved: presign::settings::Resolved) -> Self {
        NativePresigner {
            config: resolved.config,
            provider: resolved.provider,
            last: Mutex::new(None),
            warnings: Mutex::new(resolved.warnings),
        }
    }

    fn warn(&self, message: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(message);
    }
}
