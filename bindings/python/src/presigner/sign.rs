//! Signing for [`Presigner`]'s methods: the endpoint resolved into a configuration, the
//! library's presigner kept per signing second, and an [`Op`] with the headers and
//! parameters it signs turned into a URL, one at a time or a batch across threads.

use super::{Op, Presigner};
use crate::bounds::{Bounds, Group};
use crate::convert::{error, library, time, warn, whole_seconds};
use crate::options::Signed;
use chrono::{DateTime, Utc};
use presign::endpoint::{AwsOptions, PlaceOptions, PlaceWarning};
use presign::{
    Credentials, Expiry, Method, Param, Provider, Request, Secret, SignatureVersion, Target,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::{Arc, Mutex};

impl Presigner {
    /// The endpoint resolved as the CLI resolves it ([`Provider::place`]), and its warnings.
    pub(super) fn build(
        (access_key, secret_key, session_token): (String, String, Option<String>),
        endpoint: &str,
        region: Option<String>,
        signature: &str,
        addressing: Option<&str>,
        aws: AwsOptions,
    ) -> PyResult<(Self, Vec<PlaceWarning>)> {
        let credentials = Credentials::new(
            access_key,
            Secret::new(secret_key),
            session_token.map(Secret::new),
        )
        .map_err(|e| error("", e))?;
        let provider: Provider = endpoint.parse().map_err(|e| error("endpoint", e))?;
        let signature: SignatureVersion = signature.parse().map_err(|e| error("signature", e))?;
        let addressing = crate::settings::addressing(addressing)?;
        let options = PlaceOptions {
            region,
            aws,
            addressing,
            signature,
        };
        let placement = provider
            .place(&options)
            .map_err(|e| error(place_arg(&e, &options), e))?;
        let warnings = placement.warnings.clone();
        let presigner = Presigner {
            config: placement.into_config(credentials),
            provider,
            last: Mutex::new(None),
        };
        Ok((presigner, warnings))
    }

    /// The library's presigner for `at` and `expires`, made once per signing second.
    pub(super) fn at(
        &self,
        at: DateTime<Utc>,
        expires: Expiry,
    ) -> PyResult<Arc<presign::Presigner>> {
        let second = at.timestamp();
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((s, e, p)) = &*last
            && *s == second
            && *e == expires.as_secs()
        {
            return Ok(Arc::clone(p));
        }
        let mut config = self.config.clone();
        config.expires = expires;
        let presigner = Arc::new(presign::Presigner::new(&config, at).map_err(library)?);
        *last = Some((second, expires.as_secs(), Arc::clone(&presigner)));
        Ok(presigner)
    }

    /// Signs `op` on `bucket`/`key` with `signed` and the issue-17 keywords of `kwargs`
    /// that `groups` allow (`method` names the method in a `TypeError`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn sign(
        &self,
        op: Op<'_>,
        (bucket, key): (&str, &str),
        mut signed: Signed,
        (method, kwargs, groups): (&str, Option<&Bound<'_, PyDict>>, &[Group]),
        source: Option<String>,
        expires: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let at = time(at)?;
        let mut bounds = Bounds::read(method, kwargs, groups)?;
        bounds.source = source;
        let target = match op {
            Op::List => Target::bucket_only(bucket),
            _ => Target::new(bucket, key),
        }
        .map_err(library)?;
        if matches!(op, Op::Copy) {
            let names = signed.headers.iter().map(|(n, _)| n.as_str());
            let warning = bounds
                .options()
                .copy_to_itself_warning(&target, names)
                .map_err(crate::bounds::option_error)?;
            if let Some(warning) = warning {
                Python::attach(|py| warn(py, warning))?;
            }
        }
        bounds.add_to(&mut signed.headers, at, self.config.signature)?;
        let presigner = self.at(at, self.expiry(expires)?)?;
        let signed = &signed;
        let mut url = String::with_capacity(512);
        sign_into(&presigner, &op, target, signed, &mut url)?;
        Ok(url)
    }

    /// `_sign`'s body: `method` on `bucket`/`key` (`None`: the bucket) with boto3's
    /// `params` and `headers`, in their order.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn sign_for_boto3(
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
        let expires = Expiry::from_secs(expires)
            .ok_or_else(|| error("expires", "it must be at least 1 second"))?;
        let presigner = self.at(whole_seconds(at)?, expires)?;
        let method: Method = method
            .parse()
            .map_err(|_| error("method", format!("invalid method {method:?}")))?;
        // No key: a bucket's request (ListObjectsV2).
        let target = match key {
            Some(key) => Target::new(bucket, key),
            None => Target::bucket_only(bucket),
        }
        .map_err(library)?;
        let mut signed = Signed::default();
        for (name, value) in &headers {
            signed.header("", name, Some(value))?;
        }
        let mut request = Request::new(&method, target).headers(&signed.headers);
        if uploads {
            request = request.param(Param::Uploads, "").map_err(library)?;
        }
        for (name, value) in &params {
            let param: Param = name.parse().map_err(library)?;
            request = request.param(param, value).map_err(library)?;
        }
        let mut url = String::with_capacity(512);
        presigner
            .presign_into(&request, &mut url)
            .map_err(library)?;
        Ok(url)
    }
}

/// Appends the URL of `op` on `target` to `out`.
fn sign_into(
    presigner: &presign::Presigner,
    op: &Op<'_>,
    target: Target<'_>,
    signed: &Signed,
    out: &mut String,
) -> PyResult<()> {
    let request = match op {
        Op::Get => Request::get(target),
        Op::Head => Request::head(target),
        Op::Put => Request::put(target),
        Op::Delete => Request::delete(target),
        Op::Create => Request::create_multipart_upload(target),
        Op::Part(id, part) => {
            Request::upload_part(target, id, part).map_err(|e| error("upload_id", e))?
        }
        Op::Complete(id) => {
            Request::complete_multipart_upload(target, id).map_err(|e| error("upload_id", e))?
        }
        Op::Abort(id) => {
            Request::abort_multipart_upload(target, id).map_err(|e| error("upload_id", e))?
        }
        Op::List => Request::list_objects_v2(target),
        Op::Copy => Request::copy_object(target),
        Op::PartCopy(id, part) => {
            Request::upload_part_copy(target, id, part).map_err(|e| error("upload_id", e))?
        }
    };
    let mut request = request.headers(&signed.headers);
    for (param, value) in &signed.params {
        request = request.param(*param, value).map_err(library)?;
    }
    presigner.presign_into(&request, out).map_err(|e| match &e {
        // Named after the keyword that set the header, as the CLI names its flag.
        presign::Error::UnsignableWithSigV2 { header } => {
            error(&crate::bounds::object_keyword(header), e)
        }
        _ => library(e),
    })
}

/// GET URLs for `keys`, in order, as chunks of one buffer each with the end of every URL
/// in it. A large batch is split across the machine's cores (the GIL is released here).
pub(super) fn sign_many(
    presigner: &presign::Presigner,
    bucket: &str,
    keys: &[String],
    signed: &Signed,
) -> PyResult<Vec<(String, Vec<usize>)>> {
    let chunk = |offset: usize, keys: &[String]| -> PyResult<(String, Vec<usize>)> {
        let mut buffer = String::with_capacity(keys.len() * 320);
        let mut ends = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let target = Target::new(bucket, key).map_err(|e| match e {
                presign::Error::InvalidKey { .. } => error(&format!("keys[{}]", offset + i), e),
                e => library(e),
            })?;
            sign_into(presigner, &Op::Get, target, signed, &mut buffer)?;
            ends.push(buffer.len());
        }
        Ok((buffer, ends))
    };
    // Below this, starting threads costs more than it saves.
    const PER_THREAD: usize = 16_384;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(keys.len().div_ceil(PER_THREAD))
        .max(1);
    if threads == 1 {
        return Ok(vec![chunk(0, keys)?]);
    }
    let size = keys.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = keys
            .chunks(size)
            .enumerate()
            .map(|(n, part)| scope.spawn(move || chunk(n * size, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// The keyword a refusal of [`Provider::place`] is about, as the CLI picks the flag: the
/// AWS option it names when that was set, else the region when set, else the endpoint.
fn place_arg(e: &presign::Error, options: &PlaceOptions) -> &'static str {
    let set = |option: &str| match option {
        "--dualstack" => options.aws.dualstack.then_some("dualstack"),
        "--fips" => options.aws.fips.then_some("fips"),
        "--accelerate" => options.aws.accelerate.then_some("accelerate"),
        _ => None,
    };
    let region = options.region.as_ref().map(|_| "region");
    match e {
        presign::Error::SigV2Unsupported { .. } => "signature",
        presign::Error::PathStyleWithAccelerate => "addressing",
        presign::Error::AwsOnlyOption { option, .. }
        | presign::Error::AwsOptionUnavailable { option, .. } => {
            set(option).or(region).unwrap_or("endpoint")
        }
        _ => region.unwrap_or("endpoint"),
    }
}
