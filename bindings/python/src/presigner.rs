//! `presign.Presigner`: one configuration, any number of URLs, from any thread.
//!
//! This file is what Python sees of the class: its struct, its one `#[pymethods]` block
//! with every signature and docstring, and its properties. Each method turns its keywords
//! into an [`Op`], what it signs and the keyword groups it allows; [`sign`] makes the URLs
//! and [`post`] the POST forms.

mod post;
mod sign;

use crate::bounds::{
    Bounds, CONDITIONS, COPY_SOURCE, CUSTOMER_KEY, DIRECTIVES, ENCRYPTION, LENGTH, LOCK, REQUEST,
    SOURCE_RANGE,
};
use crate::convert::{error, expiry, int, optional_int, pairs, time, warn};
use crate::options::{Download, Integrity, Object, Signed};
use presign::endpoint::AwsOptions;
use presign::{AddressingStyle, Config, Expiry, PartNumber, Provider};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use sign::sign_many;
use std::sync::{Arc, Mutex};

/// The endpoint of a `Presigner` constructed without one: Storj's global gateway, the
/// CLI's default for keys that come from none of AWS's sources.
const DEFAULT_ENDPOINT: &str = "global";

/// Signs presigned S3 URLs and POST forms for one set of credentials and one endpoint.
///
/// `Presigner(access_key, secret_key, ...)` takes the keys by hand. Without `endpoint` it
/// signs for Storj's global gateway (https://gateway.storjshare.io), the CLI's default
/// for keys that come from none of AWS's sources; pass `endpoint="aws"` for AWS S3, or
/// your provider's preset or URL. An AWS access key id (AKIA or ASIA and 16 more
/// upper-case letters and digits) without `endpoint` raises `presign.Error` rather than
/// go to Storj, which would refuse it (AWS's documented example key id,
/// AKIAIOSFODNN7EXAMPLE, is let through: examples use it with every provider).
///
/// `Presigner.from_env(profile=None, **overrides)` resolves the settings as the CLI
/// does: the keywords given (`access_key`, `secret_key`, `session_token`, `endpoint`,
/// `region`, `signature`, `expires`, `addressing`, `dualstack`, `fips`, `accelerate`,
/// `config_file`), then a profile named by `profile`, the `PRESIGN_*` and `AWS_*`
/// variables of `os.environ`, presign's profile file and the AWS shared files. Keys from
/// AWS's variables or files with no endpoint set sign for AWS S3. The settings' `expires`
/// is the default of every method's `expires`. Warnings are `UserWarning`s; a setting
/// that cannot be used raises `presign.Error`, naming where it came from.
///
/// Immutable and thread-safe: share one across threads. Each URL costs one hash and one
/// HMAC; the signing key is derived once per signing second and expiry.
#[pyclass(frozen, module = "presign", name = "Presigner")]
pub struct Presigner {
    config: Config,
    /// What the endpoint stands for: its limits (POST forms) are checked per call.
    provider: Provider,
    /// The library's presigner for the last (signing second, expiry) asked for: a batch,
    /// and every call within one second, reuse its derived key.
    last: Mutex<Option<(i64, u64, Arc<presign::Presigner>)>>,
}

/// Which operation: decides the method and the operation's own query parameters.
enum Op<'a> {
    Get,
    Head,
    Put,
    Delete,
    Create,
    Part(&'a str, PartNumber),
    Complete(&'a str),
    Abort(&'a str),
    List,
    Copy,
    PartCopy(&'a str, PartNumber),
}

#[pymethods]
impl Presigner {
    #[new]
    #[pyo3(signature = (access_key, secret_key, session_token=None, endpoint=None, region=None, signature="v4", addressing=None, *, dualstack=false, fips=false, accelerate=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        access_key: String,
        secret_key: String,
        session_token: Option<String>,
        endpoint: Option<&str>,
        region: Option<String>,
        signature: &str,
        addressing: Option<&str>,
        dualstack: bool,
        fips: bool,
        accelerate: bool,
    ) -> PyResult<Self> {
        let aws = AwsOptions {
            dualstack,
            fips,
            accelerate,
        };
        let (presigner, warnings) = Self::build(
            (access_key, secret_key, session_token),
            endpoint.unwrap_or(DEFAULT_ENDPOINT),
            region,
            signature,
            addressing,
            aws,
        )?;
        if endpoint.is_none() {
            crate::settings::check_default_endpoint(presigner.access_key(), &presigner.provider)?;
        }
        for warning in warnings {
            warn(py, &warning.to_string())?;
        }
        Ok(presigner)
    }

    /// A presigner with the settings the CLI would use: the keywords given here, then
    /// `PRESIGN_*` and `AWS_*` variables (from `os.environ`), presign's profile file and
    /// the AWS shared files, as `presign get` resolves them.
    #[classmethod]
    #[pyo3(signature = (profile=None, **overrides))]
    fn from_env(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        profile: Option<&Bound<'_, PyAny>>,
        overrides: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let overrides = crate::settings::overrides(profile, overrides)?;
        let resolved = crate::settings::resolve(py, overrides)?;
        Ok(Presigner {
            config: resolved.config,
            provider: resolved.provider,
            last: Mutex::new(None),
        })
    }

    /// The boto3 drop-in's constructor: the credentials, and the location botocore
    /// resolved (endpoint URL, region, signature, addressing), without presign's warnings
    /// (boto3 gives none).
    #[staticmethod]
    fn _for_boto3(
        credentials: (String, String, Option<String>),
        location: (String, Option<String>, String, Option<String>),
    ) -> PyResult<Self> {
        let (endpoint, region, signature, addressing) = location;
        let aws = AwsOptions::default();
        let (presigner, _) = Self::build(
            credentials,
            &endpoint,
            region,
            &signature,
            addressing.as_deref(),
            aws,
        )?;
        Ok(presigner)
    }

    /// The access key id (not a secret: it is in every URL).
    #[getter]
    fn access_key(&self) -> &str {
        self.config.credentials.access_key()
    }

    #[getter]
    fn endpoint(&self) -> String {
        self.config.endpoint.to_string()
    }

    #[getter]
    fn region(&self) -> &str {
        &self.config.region
    }

    #[getter]
    fn signature(&self) -> String {
        self.config.signature.to_string()
    }

    /// The expiry of a URL whose method is given no `expires`, in seconds: one hour, or
    /// the `expires` of the settings `from_env` read.
    #[getter]
    fn expires(&self) -> u64 {
        self.config.expires.as_secs()
    }

    #[getter]
    fn addressing(&self) -> &'static str {
        match (self.config.auto_addressing, self.config.addressing) {
            (true, _) => "auto",
            (false, AddressingStyle::Path) => "path",
            (false, AddressingStyle::VirtualHost) => "virtual",
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Presigner(access_key={:?}, endpoint={:?}, region={:?}, signature={:?}, addressing={:?})",
            self.access_key(),
            self.endpoint(),
            self.region(),
            self.signature(),
            self.addressing()
        )
    }

    /// A `GetObject` URL: download.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, version_id=None, download_as=None, response_content_type=None, response_content_disposition=None, response_cache_control=None, response_content_encoding=None, response_content_language=None, response_expires=None, range=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn get(
        &self,
        bucket: String,
        key: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        version_id: Option<String>,
        download_as: Option<String>,
        response_content_type: Option<String>,
        response_content_disposition: Option<String>,
        response_cache_control: Option<String>,
        response_content_encoding: Option<String>,
        response_content_language: Option<String>,
        response_expires: Option<String>,
        range: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let signed = Download {
            version_id,
            download_as,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            response_content_encoding,
            response_content_language,
            response_expires,
            range,
        }
        .signed()?;
        let kw = ("get", options, &[CUSTOMER_KEY, REQUEST][..]);
        self.sign(Op::Get, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// A `HeadObject` URL: the object's metadata, without its body.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, version_id=None, download_as=None, response_content_type=None, response_content_disposition=None, response_cache_control=None, response_content_encoding=None, response_content_language=None, response_expires=None, range=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn head(
        &self,
        bucket: String,
        key: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        version_id: Option<String>,
        download_as: Option<String>,
        response_content_type: Option<String>,
        response_content_disposition: Option<String>,
        response_cache_control: Option<String>,
        response_content_encoding: Option<String>,
        response_content_language: Option<String>,
        response_expires: Option<String>,
        range: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let signed = Download {
            version_id,
            download_as,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            response_content_encoding,
            response_content_language,
            response_expires,
            range,
        }
        .signed()?;
        let kw = ("head", options, &[CUSTOMER_KEY, REQUEST][..]);
        self.sign(Op::Head, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// A `PutObject` URL: upload. Every header option is signed: the uploader must send it.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, content_type=None, content_md5=None, checksum_crc32=None, checksum_crc32c=None, checksum_sha1=None, checksum_sha256=None, metadata=None, acl=None, cache_control=None, content_disposition=None, content_encoding=None, content_language=None, storage_class=None, tagging=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn put(
        &self,
        bucket: String,
        key: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        content_type: Option<String>,
        content_md5: Option<String>,
        checksum_crc32: Option<String>,
        checksum_crc32c: Option<String>,
        checksum_sha1: Option<String>,
        checksum_sha256: Option<String>,
        metadata: Option<&Bound<'_, PyAny>>,
        acl: Option<String>,
        cache_control: Option<String>,
        content_disposition: Option<String>,
        content_encoding: Option<String>,
        content_language: Option<String>,
        storage_class: Option<String>,
        tagging: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let integrity = Integrity {
            content_md5,
            checksum_crc32,
            checksum_crc32c,
            checksum_sha1,
            checksum_sha256,
        };
        let signed = Object {
            content_type,
            metadata: pairs("metadata", metadata)?,
            acl,
            cache_control,
            content_disposition,
            content_encoding,
            content_language,
            storage_class,
            tagging,
        }
        .signed(Some(&integrity))?;
        let groups = [CONDITIONS, LENGTH, ENCRYPTION, LOCK, REQUEST, CUSTOMER_KEY];
        let kw = ("put", options, &groups[..]);
        self.sign(Op::Put, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// A `DeleteObject` URL.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, version_id=None, **options))]
    fn delete(
        &self,
        bucket: String,
        key: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        version_id: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let signed = Download {
            version_id,
            ..Download::default()
        }
        .signed()?;
        let kw = ("delete", options, &[REQUEST][..]);
        self.sign(Op::Delete, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// A `CreateMultipartUpload` URL (POST): its answer carries the UploadId.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, content_type=None, metadata=None, acl=None, cache_control=None, content_disposition=None, content_encoding=None, content_language=None, storage_class=None, tagging=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn create_multipart_upload(
        &self,
        bucket: String,
        key: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        content_type: Option<String>,
        metadata: Option<&Bound<'_, PyAny>>,
        acl: Option<String>,
        cache_control: Option<String>,
        content_disposition: Option<String>,
        content_encoding: Option<String>,
        content_language: Option<String>,
        storage_class: Option<String>,
        tagging: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let signed = Object {
            content_type,
            metadata: pairs("metadata", metadata)?,
            acl,
            cache_control,
            content_disposition,
            content_encoding,
            content_language,
            storage_class,
            tagging,
        }
        .signed(None)?;
        let groups = [ENCRYPTION, LOCK, REQUEST, CUSTOMER_KEY];
        let kw = ("create_multipart_upload", options, &groups[..]);
        self.sign(Op::Create, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// An `UploadPart` URL (PUT) for part `part_number` (1 to 10000) of `upload_id`.
    #[pyo3(signature = (bucket, key, upload_id, part_number, *, expires=None, at=None, content_md5=None, checksum_crc32=None, checksum_crc32c=None, checksum_sha1=None, checksum_sha256=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn upload_part(
        &self,
        bucket: String,
        key: String,
        upload_id: String,
        part_number: &Bound<'_, PyAny>,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        content_md5: Option<String>,
        checksum_crc32: Option<String>,
        checksum_crc32c: Option<String>,
        checksum_sha1: Option<String>,
        checksum_sha256: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let part = int("part_number", part_number)?;
        let part = PartNumber::new(part).map_err(|e| error("part_number", e))?;
        let mut signed = Signed::default();
        Integrity {
            content_md5,
            checksum_crc32,
            checksum_crc32c,
            checksum_sha1,
            checksum_sha256,
        }
        .add_to(&mut signed)?;
        let op = Op::Part(&upload_id, part);
        let kw = ("upload_part", options, &[LENGTH, REQUEST, CUSTOMER_KEY][..]);
        self.sign(op, (&bucket, &key), signed, kw, None, expires, at)
    }

    /// A `CompleteMultipartUpload` URL (POST the parts list as XML).
    #[pyo3(signature = (bucket, key, upload_id, *, expires=None, at=None, **options))]
    fn complete_multipart_upload(
        &self,
        bucket: String,
        key: String,
        upload_id: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let op = Op::Complete(&upload_id);
        let groups = [CONDITIONS, REQUEST, CUSTOMER_KEY];
        let kw = ("complete_multipart_upload", options, &groups[..]);
        self.sign(
            op,
            (&bucket, &key),
            Signed::default(),
            kw,
            None,
            expires,
            at,
        )
    }

    /// An `AbortMultipartUpload` URL (DELETE: discard the parts).
    #[pyo3(signature = (bucket, key, upload_id, *, expires=None, at=None, **options))]
    fn abort_multipart_upload(
        &self,
        bucket: String,
        key: String,
        upload_id: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let op = Op::Abort(&upload_id);
        let kw = ("abort_multipart_upload", options, &[REQUEST][..]);
        self.sign(
            op,
            (&bucket, &key),
            Signed::default(),
            kw,
            None,
            expires,
            at,
        )
    }

    /// A `ListObjectsV2` URL (GET): the keys under `prefix`, as boto3's
    /// `list_objects_v2` asks for them (`encoding-type=url`: keys come percent-encoded).
    #[pyo3(signature = (bucket, prefix=None, *, expires=None, at=None, delimiter=None, max_keys=None, start_after=None, continuation_token=None, fetch_owner=false, **options))]
    #[allow(clippy::too_many_arguments)]
    fn list_objects(
        &self,
        bucket: String,
        prefix: Option<String>,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        delimiter: Option<String>,
        max_keys: Option<&Bound<'_, PyAny>>,
        start_after: Option<String>,
        continuation_token: Option<String>,
        fetch_owner: bool,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let max_keys = optional_int::<i128>("max_keys", max_keys)?.map(|n| n.to_string());
        let list = presign::ListOptions {
            prefix: prefix.as_deref(),
            delimiter: delimiter.as_deref(),
            max_keys: max_keys.as_deref(),
            start_after: start_after.as_deref(),
            continuation_token: continuation_token.as_deref(),
            fetch_owner,
        };
        let mut signed = Signed::default();
        for (_, param, value) in list.params().map_err(crate::bounds::option_error)? {
            signed.params.push((param, value.into_owned()));
        }
        let kw = ("list_objects", options, &[REQUEST][..]);
        self.sign(Op::List, (&bucket, ""), signed, kw, None, expires, at)
    }

    /// A `CopyObject` URL (PUT on `bucket`/`key`): the server copies `source`
    /// (`"BUCKET/KEY"`, as the CLI's `copy SOURCE`). The object headers need
    /// `metadata_directive="REPLACE"`, `tagging` needs `tagging_directive="REPLACE"`.
    #[pyo3(signature = (bucket, key, source, *, expires=None, at=None, content_type=None, metadata=None, acl=None, cache_control=None, content_disposition=None, content_encoding=None, content_language=None, storage_class=None, tagging=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn copy_object(
        &self,
        bucket: String,
        key: String,
        source: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        content_type: Option<String>,
        metadata: Option<&Bound<'_, PyAny>>,
        acl: Option<String>,
        cache_control: Option<String>,
        content_disposition: Option<String>,
        content_encoding: Option<String>,
        content_language: Option<String>,
        storage_class: Option<String>,
        tagging: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let signed = Object {
            content_type,
            metadata: pairs("metadata", metadata)?,
            acl,
            cache_control,
            content_disposition,
            content_encoding,
            content_language,
            storage_class,
            tagging,
        }
        .signed(None)?;
        let directive = |kw: &str| -> PyResult<Option<String>> {
            options
                .map(|o| o.get_item(kw))
                .transpose()?
                .flatten()
                .filter(|v| !v.is_none())
                .map(|v| v.extract::<String>())
                .transpose()
        };
        let (metadata, tagging) = (
            directive("metadata_directive")?,
            directive("tagging_directive")?,
        );
        // S3 would copy the source's metadata or tags and ignore these without a word.
        for (name, _) in signed.headers.iter() {
            if let Some(reason) = presign::request::copy_ignores(
                name.as_str(),
                metadata.as_deref(),
                tagging.as_deref(),
            ) {
                return Err(error(&crate::bounds::object_keyword(name.as_str()), reason));
            }
        }
        let groups = [
            DIRECTIVES,
            COPY_SOURCE,
            CONDITIONS,
            ENCRYPTION,
            LOCK,
            REQUEST,
            CUSTOMER_KEY,
        ];
        let kw = ("copy_object", options, &groups[..]);
        self.sign(
            Op::Copy,
            (&bucket, &key),
            signed,
            kw,
            Some(source),
            expires,
            at,
        )
    }

    /// An `UploadPartCopy` URL (PUT part `part_number` of `upload_id`): the server copies
    /// `source` (`"BUCKET/KEY"`), or `source_range` (`bytes=A-B`) of it.
    #[pyo3(signature = (bucket, key, upload_id, part_number, source, *, expires=None, at=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn upload_part_copy(
        &self,
        bucket: String,
        key: String,
        upload_id: String,
        part_number: &Bound<'_, PyAny>,
        source: String,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let part = int("part_number", part_number)?;
        let part = PartNumber::new(part).map_err(|e| error("part_number", e))?;
        let op = Op::PartCopy(&upload_id, part);
        let groups = [SOURCE_RANGE, COPY_SOURCE, REQUEST, CUSTOMER_KEY];
        let kw = ("upload_part_copy", options, &groups[..]);
        self.sign(
            op,
            (&bucket, &key),
            Signed::default(),
            kw,
            Some(source),
            expires,
            at,
        )
    }

    /// `GetObject` URLs for every key of `keys`, in order, in one call that releases the
    /// GIL while it signs.
    #[pyo3(signature = (bucket, keys, *, expires=None, at=None, download_as=None, response_content_type=None, response_content_disposition=None, response_cache_control=None, response_content_encoding=None, response_content_language=None, response_expires=None, range=None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn get_many<'py>(
        &self,
        py: Python<'py>,
        bucket: String,
        keys: &Bound<'py, PyAny>,
        expires: Option<&Bound<'py, PyAny>>,
        at: Option<&Bound<'py, PyAny>>,
        download_as: Option<String>,
        response_content_type: Option<String>,
        response_content_disposition: Option<String>,
        response_cache_control: Option<String>,
        response_content_encoding: Option<String>,
        response_content_language: Option<String>,
        response_expires: Option<String>,
        range: Option<String>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyList>> {
        if keys.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "keys: expected an iterable of str, not one str",
            ));
        }
        let mut signed = Download {
            download_as,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            response_content_encoding,
            response_content_language,
            response_expires,
            range,
            ..Download::default()
        }
        .signed()?;
        let at = time(at)?;
        Bounds::read("get_many", options, &[CUSTOMER_KEY, REQUEST])?.add_to(
            &mut signed.headers,
            at,
            self.config.signature,
        )?;
        let presigner = self.at(at, self.expiry(expires)?)?;
        let mut texts: Vec<String> = Vec::new();
        if let Ok(list) = keys.cast::<PyList>() {
            texts.reserve(list.len());
        }
        for (i, key) in keys.try_iter()?.enumerate() {
            texts.push(
                key?.extract()
                    .map_err(|_| PyTypeError::new_err(format!("keys[{i}]: expected str")))?,
            );
        }
        let chunks = py.detach(|| sign_many(&presigner, &bucket, &texts, &signed))?;
        let urls = chunks.iter().flat_map(|(buffer, ends)| {
            let starts = std::iter::once(0).chain(ends.iter().copied());
            starts.zip(ends.iter().copied()).map(|(a, b)| &buffer[a..b])
        });
        let list = PyList::new(py, urls)?;
        Ok(list)
    }

    /// A browser upload form (POST policy): `{"url": ..., "fields": {...}}`, the fields in
    /// botocore's order; post them all, then the file as `file`, last.
    #[pyo3(signature = (bucket, key, *, expires=None, at=None, acl=None, content_type=None, content_type_prefix=None, min_size=None, max_size=None, metadata=None, success_status=None, redirect=None, fields=None))]
    #[allow(clippy::too_many_arguments)]
    fn post<'py>(
        &self,
        py: Python<'py>,
        bucket: String,
        key: String,
        expires: Option<&Bound<'py, PyAny>>,
        at: Option<&Bound<'py, PyAny>>,
        acl: Option<String>,
        content_type: Option<String>,
        content_type_prefix: Option<String>,
        min_size: Option<&Bound<'py, PyAny>>,
        max_size: Option<&Bound<'py, PyAny>>,
        metadata: Option<&Bound<'py, PyAny>>,
        success_status: Option<&Bound<'py, PyAny>>,
        redirect: Option<String>,
        fields: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.post_form(
            py,
            bucket,
            key,
            expires,
            at,
            acl,
            content_type,
            content_type_prefix,
            min_size,
            max_size,
            metadata,
            success_status,
            redirect,
            fields,
        )
    }

    /// The boto3 drop-in's entry: `op` is the method (`GET`, `PUT`, ...), `key` `None`
    /// for a bucket's request; `params` and `headers` come in the order of boto3's
    /// `Params` (the URL carries them so);
    /// `uploads` puts CreateMultipartUpload's valueless `uploads` first. `at` is whole
    /// seconds since the epoch, read from the clock botocore reads.
    #[allow(clippy::too_many_arguments)]
    fn _sign(
        &self,
        method: &str,
        bucket: &str,
        key: Option<&str>,
        uploads: bool,
        params: Vec<(String, String)>,
        headers: Vec<(String, String)>,
        expires: u64,
        at: i64,
    ) -> PyResult<String> {
        self.sign_for_boto3(method, bucket, key, uploads, params, headers, expires, at)
    }

    /// The drop-in's POST form: no fields or conditions of the caller's.
    fn _post<'py>(
        &self,
        py: Python<'py>,
        bucket: &str,
        key: &str,
        expires: u64,
        at: i64,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.post_form_for_boto3(py, bucket, key, expires, at)
    }
}

impl Presigner {
    /// A method's `expires`, or this presigner's default when it is `None`.
    fn expiry(&self, expires: Option<&Bound<'_, PyAny>>) -> PyResult<Expiry> {
        match expires.filter(|e| !e.is_none()) {
            Some(e) => expiry(Some(e)),
            None => Ok(self.config.expires),
        }
    }
}
