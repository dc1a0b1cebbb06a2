//! `Presigner.fromEnv(options)`: the settings the CLI would use, from the library's chain
//! ([`presign::settings`]): the options given, then a profile named by `profile`, the
//! `PRESIGN_*` and `AWS_*` variables of `process.env`, presign's profile file and the AWS
//! shared files. Files and `secret_key_command` are read as the CLI reads them
//! ([`OsSystem`]).

use crate::error::{Result, error};
use crate::js::{Given, absent, boolean};
use crate::presigner::NativePresigner;
use chrono::{DateTime, Timelike, Utc};
use napi::bindgen_prelude::{JsValue, Unknown};
use presign::Secret;
use presign::settings::{Environment, Naming, OsSystem, Overrides};
use std::ffi::OsString;
use std::path::PathBuf;

const OPTIONS: &[&str] = &[
    "profile",
    "configFile",
    "accessKey",
    "secretKey",
    "sessionToken",
    "endpoint",
    "region",
    "signature",
    "expires",
    "addressing",
    "dualstack",
    "fips",
    "accelerate",
];

/// `fromEnv`'s options as the library's overrides, each checked for its type.
fn overrides(given: &Given<'_>) -> Result<Overrides> {
    // `true` turns an AWS option on over every other source; `false` leaves it to them,
    // as leaving out the CLI's flag does.
    let switch = |name: &str| -> Result<Option<bool>> {
        Ok(given
            .get(name)
            .map(|v| boolean(name, v))
            .transpose()?
            .filter(|on| *on))
    };
    Ok(Overrides {
        access_key: given.text("accessKey")?,
        secret_key: given.text("secretKey")?.map(Secret::new),
        session_token: given.text("sessionToken")?.map(Secret::new),
        endpoint: given.text("endpoint")?,
        region: given.text("region")?,
        signature: given.text("signature")?,
        // Checked here as the methods check it; the library takes seconds as text.
        expires: given
            .get("expires")
            .map(|v| crate::js::expiry(Some(v)).map(|e| e.as_secs().to_string()))
            .transpose()?,
        addressing: crate::presigner::addressing(given.text("addressing")?.as_deref())?,
        dualstack: switch("dualstack")?,
        fips: switch("fips")?,
        accelerate: switch("accelerate")?,
        profile: given.text("profile")?,
        config_file: given.text("configFile")?.map(PathBuf::from),
        naming: Naming::Keywords,
        ..Overrides::default()
    })
}

/// The presigner `fromEnv` makes, with the chain's warnings to emit.
pub fn from_env(options: Option<Unknown<'_>>, env: Unknown<'_>) -> Result<NativePresigner> {
    let given = Given::read("fromEnv", options, &[OPTIONS])?;
    let overrides = overrides(&given)?;
    let variables = if absent(&env) {
        None
    } else {
        Some(env.coerce_to_object()?)
    };
    let env = Environment::from_lookup(|name| {
        let value: String = variables.as_ref()?.get(name).ok()??;
        Some(OsString::from(value))
    });
    let resolved = presign::settings::resolve(&overrides, &env, &OsSystem, now())
        .map_err(|e| error("", e.message()))?;
    Ok(NativePresigner::from_resolved(resolved))
}

/// Now, in whole seconds, as the CLI checks its settings when `--at` is not given.
fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.with_nanosecond(0).unwrap_or(now)
}
