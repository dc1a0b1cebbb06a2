//! The sources of settings, each turned into a [`Layer`]: the caller's overrides, the
//! `PRESIGN_*` and `AWS_*` variables, a profile of presign's TOML file, a profile of the
//! AWS shared files.

use crate::files::IniSection;
use crate::quote::{Quoted, ShownPath};
use crate::settings::layer::{Layer, SecretSource, Val, val};
use crate::settings::{Environment, Error, Overrides, Setting};
use crate::{AddressingStyle, Secret};
use std::path::Path;

/// The caller's overrides, each named as its [`Naming`](crate::settings::Naming) says.
pub(crate) fn overrides_layer(o: &Overrides) -> Layer {
    let name = |setting| o.naming.name(setting).to_owned();
    let named = |setting| move || name(setting);
    let flag = |on: Option<bool>, setting| val(on.filter(|on| *on), named(setting));
    Layer {
        name: format!("{}/{}", name(Setting::AccessKey), name(Setting::SecretKey)),
        access_key: val(o.access_key.clone(), named(Setting::AccessKey)),
        secret_key: val(o.secret_key.clone().map(SecretSource::Value), || {
            o.secret_key_origin
                .clone()
                .unwrap_or_else(|| name(Setting::SecretKey))
        }),
        session_token: val(o.session_token.clone(), named(Setting::SessionToken)),
        endpoint: val(o.endpoint.clone(), named(Setting::Endpoint)),
        region: val(o.region.clone(), named(Setting::Region)),
        signature: val(o.signature.clone(), named(Setting::Signature)),
        expires: val(o.expires.clone(), named(Setting::Expires)),
        virtual_host: o.addressing.map(|style| Val {
            value: style == AddressingStyle::VirtualHost,
            origin: name(Setting::Addressing(style)),
        }),
        dualstack: flag(o.dualstack, Setting::Dualstack),
        fips: flag(o.fips, Setting::Fips),
        accelerate: flag(o.accelerate, Setting::Accelerate),
        ..Layer::default()
    }
}

/// A boolean setting of an AWS source: `true` or `false` in any case. botocore reads
/// anything but `true` as false, so `yes`, `1` or ` true` (a variable is not trimmed;
/// configparser trims a file's values before they get here) would silently mean off:
/// refused instead.
pub(crate) fn aws_bool(v: Val<String>) -> Result<Val<bool>, Error> {
    let text = v.value.as_str();
    let value = if text.eq_ignore_ascii_case("true") {
        true
    } else if text.eq_ignore_ascii_case("false") {
        false
    } else {
        return Err(Error::config(format!(
            "{}: {} is neither true nor false (botocore would read it as false); write true or false",
            v.origin,
            Quoted(&v.value)
        )));
    };
    Ok(Val {
        value,
        origin: v.origin,
    })
}

fn aws_bool_opt(v: Option<Val<String>>) -> Result<Option<Val<bool>>, Error> {
    v.map(aws_bool).transpose()
}

fn env_val(env: &Environment, name: &'static str) -> Option<Val<String>> {
    val(env.get(name).map(str::to_owned), || name.to_owned())
}

fn env_secret(env: &Environment, name: &'static str) -> Option<Val<Secret>> {
    val(env.secret(name).cloned(), || name.to_owned())
}

fn env_secret_key(env: &Environment, name: &'static str) -> Option<Val<SecretSource>> {
    val(env.secret(name).cloned().map(SecretSource::Value), || {
        name.to_owned()
    })
}

pub(crate) fn presign_env_layer(env: &Environment) -> Layer {
    Layer {
        name: "PRESIGN_ACCESS_KEY/PRESIGN_SECRET_KEY".to_owned(),
        access_key: env_val(env, "PRESIGN_ACCESS_KEY"),
        secret_key: env_secret_key(env, "PRESIGN_SECRET_KEY"),
        session_token: env_secret(env, "PRESIGN_SESSION_TOKEN"),
        endpoint: env_val(env, "PRESIGN_ENDPOINT"),
        region: env_val(env, "PRESIGN_REGION"),
        ..Layer::default()
    }
}

/// The standard `AWS_*` variables. `ignore_endpoints`: botocore's
/// `ignore_configured_endpoint_urls` is on, so `AWS_ENDPOINT_URL_S3` and
/// `AWS_ENDPOINT_URL` are not read.
pub(crate) fn aws_env_layer(env: &Environment, ignore_endpoints: bool) -> Result<Layer, Error> {
    let first = |names: &[&'static str]| {
        env.first(names).map(|(name, v)| Val {
            value: v.to_owned(),
            origin: name.to_owned(),
        })
    };
    let endpoint = match ignore_endpoints {
        true => None,
        false => first(&AWS_ENDPOINT_VARIABLES),
    };
    Ok(Layer {
        name: "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY".to_owned(),
        access_key: env_val(env, "AWS_ACCESS_KEY_ID"),
        secret_key: env_secret_key(env, "AWS_SECRET_ACCESS_KEY"),
        // botocore reads the older name first.
        session_token: env
            .first_secret(&["AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"])
            .map(|(name, token)| Val {
                value: token.clone(),
                origin: name.to_owned(),
            }),
        endpoint,
        region: first(&["AWS_REGION", "AWS_DEFAULT_REGION"]),
        dualstack: aws_bool_opt(env_val(env, "AWS_USE_DUALSTACK_ENDPOINT"))?,
        fips: aws_bool_opt(env_val(env, "AWS_USE_FIPS_ENDPOINT"))?,
        credential_expiration: env_val(env, "AWS_CREDENTIAL_EXPIRATION"),
        us_east_1_regional: env_val(env, "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"),
        aws_keys: true,
        aws_side: true,
        ..Layer::default()
    })
}

/// The variables that set an endpoint for S3 in botocore, the first set winning.
pub(crate) const AWS_ENDPOINT_VARIABLES: [&str; 2] = ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"];

/// A section's session token as botocore reads it: `aws_security_token` (the older name)
/// if the key is there, else `aws_session_token`. botocore signs a key that is there but
/// empty as an empty `X-Amz-Security-Token`, which S3 refuses: an error here.
fn session_token(
    section: IniSection<'_>,
    origin: &dyn Fn(&str) -> String,
) -> Result<Option<Val<String>>, Error> {
    let Some((key, value)) = ["aws_security_token", "aws_session_token"]
        .into_iter()
        .find_map(|k| section.get(k).map(|v| (k, v)))
    else {
        return Ok(None);
    };
    if value.is_empty() {
        return Err(Error::config(format!(
            "{}: the session token is empty, which botocore would sign as an empty X-Amz-Security-Token that S3 refuses; remove the line, or give the token",
            origin(key)
        )));
    }
    Ok(Some(Val {
        value: value.to_owned(),
        origin: origin(key),
    }))
}

fn secret_val(v: Option<Val<String>>) -> Option<Val<Secret>> {
    v.map(|v| Val {
        value: Secret::new(v.value),
        origin: v.origin,
    })
}

fn secret_key_val(v: Option<Val<String>>) -> Option<Val<SecretSource>> {
    v.map(|v| Val {
        value: SecretSource::Value(Secret::new(v.value)),
        origin: v.origin,
    })
}

pub(crate) fn toml_layer(
    name: &str,
    path: &Path,
    p: &crate::files::Profile,
) -> Result<Layer, Error> {
    let at = |key: &str| format!("{key} in profile {name:?} of {}", ShownPath(path));
    let secret_key = match (&p.secret_key, &p.secret_key_command) {
        (Some(_), Some(_)) => {
            return Err(Error::config(format!(
                "{}: set secret_key or secret_key_command, not both",
                at("secret_key")
            )));
        }
        (Some(s), None) => Some(Val {
            value: SecretSource::Value(s.clone()),
            origin: at("secret_key"),
        }),
        (None, Some(cmd)) => Some(Val {
            value: SecretSource::Command(cmd.clone()),
            origin: at("secret_key_command"),
        }),
        (None, None) => None,
    };
    Ok(Layer {
        name: format!("profile {name:?} in {}", ShownPath(path)),
        profile: Some(name.to_owned()),
        access_key: val(p.access_key.clone(), || at("access_key")),
        secret_key,
        session_token: val(p.session_token.clone(), || at("session_token")),
        endpoint: val(p.endpoint.clone(), || at("endpoint")),
        region: val(p.region.clone(), || at("region")),
        signature: val(p.signature.clone(), || at("signature")),
        expires: val(p.expires.as_ref().map(|e| e.to_text()), || at("expires")),
        virtual_host: val(p.virtual_host, || at("virtual_host")),
        dualstack: val(p.dualstack, || at("dualstack")),
        fips: val(p.fips, || at("fips")),
        accelerate: val(p.accelerate, || at("accelerate")),
        credential_expiration: val(p.credential_expiration.clone(), || {
            at("credential_expiration")
        }),
        ..Layer::default()
    })
}

/// A profile of the AWS credentials or config file: keys, `endpoint_url` (unless
/// `ignore_endpoints`: botocore's `ignore_configured_endpoint_urls` is on), `region`,
/// `s3 = addressing_style`, `use_fips_endpoint`, `use_dualstack_endpoint` (also under
/// `s3 =`, as botocore reads it), `s3 = use_accelerate_endpoint` and
/// `s3_us_east_1_regional_endpoint` (also under `s3 =`). Empty values count as unset,
/// but for the addressing style, which botocore refuses when empty. A value botocore
/// refuses (an addressing style) or would silently read as false (a switch that is
/// neither true nor false) is an error naming the file and the profile.
pub(crate) fn aws_layer(
    section: IniSection<'_>,
    path: &Path,
    ignore_endpoints: bool,
) -> Result<Layer, Error> {
    // Section names are raw text from the file: escaped, as they go into messages.
    let name = crate::quote::one_line(section.name());
    let origin = |key: &str| format!("{key} in [{name}] of {}", ShownPath(path));
    let get = |key: &str| {
        section.get(key).filter(|v| !v.is_empty()).map(|v| Val {
            value: v.to_owned(),
            origin: origin(key),
        })
    };
    let virtual_host = match section.get("s3.addressing_style") {
        None | Some("auto") => None,
        Some("virtual") => Some(true),
        Some("path") => Some(false),
        Some(other) => {
            return Err(Error::config(format!(
                "{}: invalid addressing style {}: use virtual, path or auto (botocore refuses it too)",
                origin("s3.addressing_style"),
                Quoted(other)
            )));
        }
    };
    Ok(Layer {
        name: format!("[{name}] in {}", ShownPath(path)),
        access_key: get("aws_access_key_id"),
        secret_key: secret_key_val(get("aws_secret_access_key")),
        session_token: secret_val(session_token(section, &origin)?),
        endpoint: get("endpoint_url").filter(|_| !ignore_endpoints),
        region: get("region"),
        virtual_host: val(virtual_host, || origin("s3.addressing_style")),
        dualstack: aws_bool_opt(
            get("s3.use_dualstack_endpoint").or_else(|| get("use_dualstack_endpoint")),
        )?,
        fips: aws_bool_opt(get("use_fips_endpoint"))?,
        accelerate: aws_bool_opt(get("s3.use_accelerate_endpoint"))?,
        us_east_1_regional: get("s3_us_east_1_regional_endpoint")
            .or_else(|| get("s3.us_east_1_regional_endpoint")),
        aws_keys: true,
        aws_side: true,
        ..Layer::default()
    })
}
