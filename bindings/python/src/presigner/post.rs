//! POST policy forms for [`Presigner`]: the bodies of `post` (a browser upload form with
//! the caller's conditions, checked keyword by keyword) and `_post` (the boto3 drop-in's
//! bare form), and the dict botocore returns.

use super::Presigner;
use crate::convert::{error, library, optional_int, pairs, time, warn, whole_seconds};
use crate::options::Object;
use presign::post::{ContentTypeRule, PostPolicy, SuccessStatus};
use presign::{Expiry, Target};
use pyo3::prelude::*;
use pyo3::types::PyDict;

impl Presigner {
    /// `post`'s body: the form for `bucket`/`key` with the caller's conditions.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn post_form<'py>(
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
        let min_size: Option<u64> = optional_int("min_size", min_size)?;
        let max_size: Option<u64> = optional_int("max_size", max_size)?;
        let success_status: Option<u16> = optional_int("success_status", success_status)?;
        if let Some(reason) = self.provider.post_refusal() {
            return Err(error("endpoint", reason));
        }
        if let Some(doubt) = self.provider.post_warning() {
            warn(py, doubt)?;
        }
        let mut config = self.config.clone();
        config.expires = self.expiry(expires)?;
        let at = time(at)?;
        if let Some(acl) = &acl {
            Object {
                acl: Some(acl.clone()),
                ..Object::default()
            }
            .signed(None)?;
        }
        let content_type = match (content_type, content_type_prefix) {
            (Some(_), Some(_)) => {
                return Err(error(
                    "content_type",
                    "it cannot be used with content_type_prefix: give one of the two",
                ));
            }
            (Some(t), None) => Some(ContentTypeRule::Exact(t)),
            (None, Some(p)) => Some(ContentTypeRule::StartsWith(p)),
            (None, None) => None,
        };
        if let (Some(min), Some(max)) = (min_size, max_size)
            && min > max
        {
            return Err(error(
                "min_size",
                format!("{min} is above max_size {max}; make the minimum at most the maximum"),
            ));
        }
        let size = match (min_size, max_size) {
            (None, None) => None,
            (min, max) => Some((
                min.unwrap_or(0),
                max.unwrap_or(presign::post::MAX_POST_SIZE),
            )),
        };
        if let Some((min, max)) = size
            && min > max
        {
            return Err(error(
                "min_size",
                format!("{min} bytes is above S3's largest upload, {max} bytes"),
            ));
        }
        let success_status = match success_status {
            None => None,
            Some(200) => Some(SuccessStatus::Ok200),
            Some(201) => Some(SuccessStatus::Created201),
            Some(204) => Some(SuccessStatus::NoContent204),
            Some(other) => {
                return Err(error(
                    "success_status",
                    format!("invalid value {other}: S3 answers 200, 201 or 204"),
                ));
            }
        };
        let metadata = pairs("metadata", metadata)?;
        for (key, _) in &metadata {
            presign::request::check_meta_key(key).map_err(|e| error("metadata", e))?;
        }
        let policy = PostPolicy {
            acl,
            content_type,
            size,
            meta: metadata,
            success_status,
            redirect,
            fields: pairs("fields", fields)?,
        };
        let target = Target::new(&bucket, &key).map_err(library)?;
        let prefix = matches!(policy.content_type, Some(ContentTypeRule::StartsWith(_)));
        let form = presign::post::presign_post(&config, at, target, &policy).map_err(|e| {
            let arg = match &e {
                presign::Error::InvalidRedirect { .. } => "redirect",
                presign::Error::InvalidHeaderValue { name, .. }
                | presign::Error::DuplicateField { name }
                    if name.starts_with("x-amz-meta-") =>
                {
                    "metadata"
                }
                presign::Error::InvalidHeaderValue { name, .. } if name == "content-type" => {
                    if prefix {
                        "content_type_prefix"
                    } else {
                        "content_type"
                    }
                }
                presign::Error::ReservedField { .. }
                | presign::Error::DuplicateField { .. }
                | presign::Error::InvalidFieldName { .. } => "fields",
                _ => crate::convert::arg_of(&e),
            };
            error(arg, e)
        })?;
        form_dict(py, &form)
    }

    /// `_post`'s body: the form for `bucket`/`key` with no fields or conditions.
    pub(super) fn post_form_for_boto3<'py>(
        &self,
        py: Python<'py>,
        bucket: &str,
        key: &str,
        expires: u64,
        at: i64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut config = self.config.clone();
        config.expires = Expiry::from_secs(expires)
            .ok_or_else(|| error("expires", "it must be at least 1 second"))?;
        let target = Target::new(bucket, key).map_err(library)?;
        let form = presign::post::presign_post(
            &config,
            whole_seconds(at)?,
            target,
            &PostPolicy::default(),
        )
        .map_err(library)?;
        form_dict(py, &form)
    }
}

/// A POST form as botocore returns it: `{"url": ..., "fields": {...}}`.
fn form_dict<'py>(py: Python<'py>, form: &presign::post::PostForm) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("url", &form.url)?;
    let fields = PyDict::new(py);
    for (name, value) in &form.fields {
        fields.set_item(name, value)?;
    }
    out.set_item("fields", fields)?;
    Ok(out)
}
