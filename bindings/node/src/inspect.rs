//! `inspect` and `verify`: reading presigned URLs back.

use crate::error::{Kind, Result, error, guard, type_error};
use crate::js::{Given, pairs, text, time};
use napi::bindgen_prelude::{Env, Object, Unknown};
use napi_derive::napi;
use presign::verify::{Timing, Verifier};
use presign::{AddressingStyle, Endpoint, SignatureVersion};

fn endpoint(given: &Given<'_>) -> Result<Option<Endpoint>> {
    given
        .text("endpoint")?
        .map(|e| e.parse().map_err(|e| error("endpoint", e)))
        .transpose()
}

/// What a presigned URL says about itself, as `presign inspect -o json` prints it: the
/// session token's presence, never its value.
#[napi]
pub fn inspect<'env>(
    env: &'env Env,
    url: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Object<'env>, Kind> {
    guard(|| {
        let given = Given::read("inspect", options, &[&["endpoint", "at"]])?;
        let url = text("url", &url)?;
        let endpoint = endpoint(&given)?;
        let now = time("at", given.get("at"))?;
        let u = presign::inspect::parse(&url, endpoint.as_ref()).map_err(|e| error("url", e))?;
        let mut d = Object::new(env)?;
        let v4 = u.signature_version == SignatureVersion::V4;
        d.set("signature", if v4 { "v4" } else { "v2" })?;
        d.set("endpoint", u.endpoint())?;
        d.set(
            "addressing",
            match u.addressing {
                AddressingStyle::Path => "path",
                AddressingStyle::VirtualHost => "virtual",
            },
        )?;
        d.set("bucket", &*u.bucket)?;
        d.set("key", &*u.key)?;
        d.set("accessKey", &*u.access_key)?;
        d.set("region", u.region.as_deref())?;
        d.set("signedAt", u.signed_at.map(presign::format_time))?;
        d.set("expiresAt", presign::format_time(u.expires_at))?;
        d.set("expired", now > u.expires_at)?;
        let headers: Vec<String> = u.signed_headers.iter().map(|h| h.to_string()).collect();
        d.set("signedHeaders", headers)?;
        let mut params = Object::new(env)?;
        for p in &u.params {
            params.set(&*p.name, p.shown_value().as_deref())?;
        }
        d.set("params", params)?;
        d.set("sessionToken", u.session_token.is_some())?;
        Ok(d)
    })
}

/// Recomputes a presigned URL's signature offline, as a server would, for each method.
#[napi]
pub fn verify<'env>(
    env: &'env Env,
    url: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Object<'env>, Kind> {
    guard(|| {
        let allowed: &[&str] = &["accessKey", "secretKey", "at", "headers", "endpoint"];
        let given = Given::read("verify", Some(options), &[allowed])?;
        let url = text("url", &url)?;
        let required = |name: &str| {
            given
                .text(name)?
                .ok_or_else(|| type_error(format!("verify(): the {name} option is required")))
        };
        let (access_key, secret_key) = (required("accessKey")?, required("secretKey")?);
        let endpoint = endpoint(&given)?;
        let now = time("at", given.get("at"))?;
        let headers: Vec<(String, String)> = match given.get("headers") {
            Some(h) => pairs("headers", h)?
                .into_iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v))
                .collect(),
            None => Vec::new(),
        };
        let u = presign::inspect::parse(&url, endpoint.as_ref()).map_err(|e| error("url", e))?;
        let verifier = Verifier::new(&access_key, presign::Secret::new(secret_key));
        let report = verifier.verify(&u, &headers, now, false);
        let (timing, seconds) = match report.timing {
            // Signed up to 15 minutes ahead: servers take it, as they do a valid one.
            Timing::Valid { seconds_left } | Timing::ValidSignedAhead { seconds_left, .. } => {
                ("valid", seconds_left)
            }
            Timing::Expired { seconds_ago } => ("expired", seconds_ago),
            Timing::NotYetValid { seconds_until } => ("not yet valid", seconds_until),
        };
        let mut d = Object::new(env)?;
        d.set("valid", report.is_valid())?;
        d.set("method", report.method.as_ref().map(|m| m.to_string()))?;
        d.set("missingHeaders", report.missing_headers.clone())?;
        d.set("accessKeyDiffers", report.access_key_differs)?;
        d.set("refusal", report.refusal.as_ref().map(ToString::to_string))?;
        d.set("timing", timing)?;
        d.set("seconds", seconds as f64)?;
        d.set("expiresAt", presign::format_time(report.expires_at))?;
        Ok(d)
    })
}
