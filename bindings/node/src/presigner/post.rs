//! `post`: a browser upload form (POST policy) with the caller's conditions, checked
//! option by option, as `{ url, fields }` with the fields in botocore's order.

use super::NativePresigner;
use crate::error::{Result, error, library};
use crate::js::{Given, text, whole};
use napi::bindgen_prelude::{Env, Object, Unknown};
use presign::Target;
use presign::post::{ContentTypeRule, PostPolicy, SuccessStatus};

const OPTIONS: &[&str] = &[
    "expires",
    "at",
    "acl",
    "contentType",
    "contentTypePrefix",
    "minSize",
    "maxSize",
    "metadata",
    "successStatus",
    "redirect",
    "fields",
];

impl NativePresigner {
    pub(super) fn post_form<'env>(
        &self,
        env: &'env Env,
        bucket: &Unknown<'_>,
        key: &Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Object<'env>> {
        let given = Given::read("post", options, &[OPTIONS])?;
        let (bucket, key) = (text("bucket", bucket)?, text("key", key)?);
        if let Some(reason) = self.provider.post_refusal() {
            return Err(error("endpoint", reason));
        }
        if let Some(doubt) = self.provider.post_warning() {
            self.warn(doubt.to_owned());
        }
        let mut config = self.config.clone();
        config.expires = self.expiry(&given)?;
        let at = crate::js::time("at", given.get("at"))?;
        let acl = given.text("acl")?;
        if let Some(acl) = &acl {
            presign::request::check_canned_acl(acl).map_err(|e| error("acl", e))?;
        }
        let content_type = match (given.text("contentType")?, given.text("contentTypePrefix")?) {
            (Some(_), Some(_)) => {
                return Err(error(
                    "contentType",
                    "it cannot be used with contentTypePrefix: give one of the two",
                ));
            }
            (Some(t), None) => Some(ContentTypeRule::Exact(t)),
            (None, Some(p)) => Some(ContentTypeRule::StartsWith(p)),
            (None, None) => None,
        };
        let size = |name| given.get(name).map(|v| whole(name, v)).transpose();
        let size = match (size("minSize")?, size("maxSize")?) {
            (None, None) => None,
            (Some(min), Some(max)) if min > max => {
                return Err(error(
                    "minSize",
                    format!("{min} is above maxSize {max}; make the minimum at most the maximum"),
                ));
            }
            (min, max) => Some((
                min.unwrap_or(0),
                max.unwrap_or(presign::post::MAX_POST_SIZE),
            )),
        };
        if let Some((min, max)) = size
            && min > max
        {
            return Err(error(
                "minSize",
                format!("{min} bytes is above S3's largest upload, {max} bytes"),
            ));
        }
        let success_status = match given
            .get("successStatus")
            .map(|v| whole("successStatus", v))
        {
            None => None,
            Some(Ok(200)) => Some(SuccessStatus::Ok200),
            Some(Ok(201)) => Some(SuccessStatus::Created201),
            Some(Ok(204)) => Some(SuccessStatus::NoContent204),
            Some(Ok(other)) => {
                return Err(error(
                    "successStatus",
                    format!("invalid value {other}: S3 answers 200, 201 or 204"),
                ));
            }
            Some(Err(e)) => return Err(e),
        };
        let metadata = given.pairs("metadata")?;
        for (key, _) in &metadata {
            presign::request::check_meta_key(key).map_err(|e| error("metadata", e))?;
        }
        let prefix = matches!(content_type, Some(ContentTypeRule::StartsWith(_)));
        let policy = PostPolicy {
            acl,
            content_type,
            size,
            meta: metadata,
            success_status,
            redirect: given.text("redirect")?,
            fields: given.pairs("fields")?,
        };
        let target = Target::new(&bucket, &key).map_err(library)?;
        let form = presign::post::presign_post(&config, at, target, &policy).map_err(|e| {
            let option = match &e {
                presign::Error::InvalidRedirect { .. } => "redirect",
                presign::Error::InvalidHeaderValue { name, .. }
                | presign::Error::DuplicateField { name }
                    if name.starts_with("x-amz-meta-") =>
                {
                    "metadata"
                }
                presign::Error::InvalidHeaderValue { name, .. } if name == "content-type" => {
                    if prefix {
                        "contentTypePrefix"
                    } else {
                        "contentType"
                    }
                }
                presign::Error::ReservedField { .. }
                | presign::Error::DuplicateField { .. }
                | presign::Error::InvalidFieldName { .. } => "fields",
                _ => crate::error::option_of(&e),
            };
            error(option, e)
        })?;
        let mut fields = Object::new(env)?;
        for (name, value) in &form.fields {
            fields.set(name, value.as_str())?;
        }
        let mut out = Object::new(env)?;
        out.set("url", form.url.as_str())?;
        out.set("fields", fields)?;
        Ok(out)
    }
}
