//! Settings from every place a user keeps them, resolved to one [`Config`] with the source
//! of each value: what the command line, the Python package and any later binding share,
//! so that the same environment and files give the same URL everywhere.
//!
//! Sources, highest first; each setting is taken from the first source that has it:
//! 1. the caller's [`Overrides`] (command-line flags, keyword arguments);
//! 2. a profile named in the overrides (presign's file, then the AWS shared files): it
//!    wins over the environment, as in the AWS CLI;
//! 3. `PRESIGN_*` variables, then the standard `AWS_*` ones;
//! 4. the selected profile in presign's TOML file;
//! 5. the selected profile in `~/.aws/credentials`, then `~/.aws/config`.
//!
//! Credentials are taken as a unit: the access key, secret key and session token all
//! come from the first source that has an access key or a secret key, so a stale
//! `AWS_SESSION_TOKEN` never gets attached to keys from a profile. A session token among
//! the overrides is the one exception: an explicit value always applies.
//!
//! Files are read only when a setting is still missing after the sources above them.
//!
//! The module does no I/O of its own: the caller hands it the variables as an
//! [`Environment`] and the files and `secret_key_command` through a [`System`]. With the
//! `system` feature, [`OsSystem`] is the real one.

mod aws_profile;
mod environment;
mod error;
mod expiring_keys;
mod files;
mod layer;
mod mismatch;
mod place;
mod sources;
mod system;

pub use environment::Environment;
pub use error::Error;
pub use mismatch::{AWS_EXAMPLE_KEY, is_aws_key};
#[cfg(feature = "system")]
pub use system::OsSystem;
pub use system::{
    CommandFailure, MAX_CONFIG_BYTES, MAX_SECRET_LINE, SecretLineError, System, read_secret_line,
};

use crate::SignatureVersion;
use crate::{AddressingStyle, Config, Credentials, Expiry, Provider, SIGV4_MAX_EXPIRES, Secret};
use chrono::{DateTime, Utc};
use files::{Files, Toml};
use layer::{Layer, SecretSource, Supplies, Val, visit};
use sources::{AWS_ENDPOINT_VARIABLES, aws_env_layer, overrides_layer, presign_env_layer};
use std::path::PathBuf;

/// What the caller sets itself, over every other source: the command line's flags, a
/// binding's keyword arguments. Each value's errors name it as [`Naming`] says.
#[derive(Default)]
pub struct Overrides {
    pub access_key: Option<String>,
    pub secret_key: Option<Secret>,
    /// Where the secret key was read from, when the caller read it itself
    /// (`--secret-key-file`); the setting's own name otherwise.
    pub secret_key_origin: Option<String>,
    pub session_token: Option<Secret>,
    /// A URL or a preset, as [`Provider`] parses it.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// `v4` or `v2`.
    pub signature: Option<String>,
    /// As [`Expiry`] parses it: `3600`, `90s`, `15m`, `12h`, `7d`.
    pub expires: Option<String>,
    pub addressing: Option<AddressingStyle>,
    pub dualstack: Option<bool>,
    pub fips: Option<bool>,
    pub accelerate: Option<bool>,
    /// The profile to read, over `PRESIGN_PROFILE` and the AWS variables.
    pub profile: Option<String>,
    /// presign's profile file, over `PRESIGN_CONFIG` and the default places.
    pub config_file: Option<PathBuf>,
    pub naming: Naming,
}

/// How the caller's overrides are named in messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Naming {
    /// Command-line flags: `--region`, `--path-style`.
    #[default]
    Flags,
    /// Keyword arguments: `region=`, `addressing=`.
    Keywords,
}

/// One setting, as [`Naming`] names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Setting {
    AccessKey,
    SecretKey,
    SessionToken,
    Endpoint,
    Region,
    Signature,
    Expires,
    Addressing(AddressingStyle),
    Dualstack,
    Fips,
    Accelerate,
    Profile,
    ConfigFile,
}

impl Naming {
    pub(crate) fn name(self, setting: Setting) -> &'static str {
        use Setting as S;
        match self {
            Naming::Flags => match setting {
                S::AccessKey => "--access-key",
                S::SecretKey => "--secret-key",
                S::SessionToken => "--session-token",
                S::Endpoint => "--endpoint",
                S::Region => "--region",
                S::Signature => "--signature",
                S::Expires => "--expires",
                S::Addressing(AddressingStyle::Path) => "--path-style",
                S::Addressing(AddressingStyle::VirtualHost) => "--virtual-host",
                S::Dualstack => "--dualstack",
                S::Fips => "--fips",
                S::Accelerate => "--accelerate",
                S::Profile => "--profile",
                S::ConfigFile => "--config",
            },
            Naming::Keywords => match setting {
                S::AccessKey => "access_key=",
                S::SecretKey => "secret_key=",
                S::SessionToken => "session_token=",
                S::Endpoint => "endpoint=",
                S::Region => "region=",
                S::Signature => "signature=",
                S::Expires => "expires=",
                S::Addressing(_) => "addressing=",
                S::Dualstack => "dualstack=",
                S::Fips => "fips=",
                S::Accelerate => "accelerate=",
                S::Profile => "profile=",
                S::ConfigFile => "config_file=",
            },
        }
    }
}

/// Whether a value's origin is one of the caller's overrides (a flag, a keyword): an
/// input error, rather than a configuration error in a file or a variable.
pub(crate) fn is_override(origin: &str) -> bool {
    origin.starts_with("--") || origin.ends_with('=')
}

/// The resolved settings, with where each came from.
#[derive(Debug)]
pub struct Resolved {
    pub config: Config,
    /// The provider the endpoint stands for, with its limits.
    pub provider: Provider,
    /// Where each setting came from.
    pub sources: Sources,
    /// What deserves a word but does not stop signing, one line each, without a prefix.
    pub warnings: Vec<String>,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3: worth saying
    /// where the endpoint is shown.
    pub endpoint_by_keys: bool,
}

/// Where each resolved setting came from: a flag or keyword, a variable's name, a key in a
/// file (`region in [default] of ~/.aws/config`), or `None` for a default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
    /// The endpoint's origin, or why the default was chosen ("AWS S3 for us-west-2,
    /// because the keys came from AWS_ACCESS_KEY_ID and no endpoint is set").
    pub endpoint: String,
    pub region: Option<String>,
    pub signature: Option<String>,
    pub expires: Option<String>,
    pub addressing: Option<String>,
    pub dualstack: Option<String>,
    pub fips: Option<String>,
    pub accelerate: Option<String>,
    /// The profile looked for in the profile files, and what chose it (`None`: the
    /// default, `default`); no profile when no file was read for one.
    pub profile: Option<(String, Option<String>)>,
    /// The places looked at, in order.
    pub looked_at: Vec<String>,
}

/// Resolves every setting as of `time` (which checks expiries and temporary keys).
pub fn resolve(
    overrides: &Overrides,
    env: &Environment,
    system: &dyn System,
    time: DateTime<Utc>,
) -> Result<Resolved, Error> {
    let mut warnings = Vec::new();
    match resolve_into(overrides, env, system, time, &mut warnings) {
        Ok(mut resolved) => {
            warnings.append(&mut resolved.warnings);
            resolved.warnings = warnings;
            Ok(resolved)
        }
        Err(e) => Err(e.with_warnings(warnings)),
    }
}

fn resolve_into(
    overrides: &Overrides,
    env: &Environment,
    system: &dyn System,
    time: DateTime<Utc>,
    warnings: &mut Vec<String>,
) -> Result<Resolved, Error> {
    if let Some(name) = env.not_utf8.first() {
        return Err(Error::config(format!(
            "{name} is set but its value is not valid UTF-8; fix or unset it"
        )));
    }
    let mut merged = overrides_layer(overrides);
    // What was typed is checked before any file is read: a typo is reported first.
    check_overrides(&merged)?;
    let mut looked_at = vec![merged.name.clone()];
    let files = Files::locate(overrides, env, system)?;

    // presign's profile file, loaded once when first needed.
    let mut toml = None;
    let mut profile = None;
    if let Some(name) = &overrides.profile {
        let origin = overrides.naming.name(Setting::Profile);
        profile = Some((name.clone(), Some(origin.to_owned())));
        let loaded = files.load_toml(warnings)?;
        files.merge_profile(name, true, loaded, &mut merged, &mut looked_at, warnings)?;
    }
    visit(&mut merged, presign_env_layer(env), &mut looked_at);
    // botocore ignores AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL when the variable
    // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's key of that name says so: the
    // key is looked up only when such a variable would supply the endpoint.
    let aws_endpoint_wanted =
        merged.endpoint.is_none() && env.first(&AWS_ENDPOINT_VARIABLES).is_some();
    let ignore_endpoints = match (files.ignore_endpoints_env, aws_endpoint_wanted) {
        (Some(ignore), _) => ignore,
        (None, false) => false,
        (None, true) => {
            let name = match &overrides.profile {
                Some(name) => name.clone(),
                None => {
                    let loaded = files.load_toml(warnings)?;
                    let name = selected_profile(env, loaded.as_ref()).0;
                    toml = Some(loaded);
                    name
                }
            };
            files.ignore_endpoints(&name)?
        }
    };
    visit(
        &mut merged,
        aws_env_layer(env, ignore_endpoints)?,
        &mut looked_at,
    );
    if overrides.profile.is_none() && merged.lacks_any(Supplies::TOML_PROFILE) {
        let toml = match toml {
            Some(loaded) => loaded,
            None => files.load_toml(warnings)?,
        };
        let (name, why) = selected_profile(env, toml.as_ref());
        profile = Some((name.clone(), why.clone()));
        files.merge_profile(
            &name,
            why.is_some(),
            toml,
            &mut merged,
            &mut looked_at,
            warnings,
        )?;
    }

    let region_note = region_note(env);
    let resolved = build(
        merged,
        looked_at,
        profile,
        overrides.naming,
        system,
        time,
        warnings,
    )?;
    if resolved.sources.region.as_deref() == Some("AWS_REGION") {
        warnings.extend(region_note);
    }
    Ok(resolved)
}

/// `AWS_REGION` and `AWS_DEFAULT_REGION` set to different regions: presign takes
/// `AWS_REGION`, as the AWS CLI v2 and the other AWS SDKs do, but boto3 takes
/// `AWS_DEFAULT_REGION`, so the two tools would sign for different regions: worth a word
/// when `AWS_REGION` is the region used.
fn region_note(env: &Environment) -> Option<String> {
    let region = env.get("AWS_REGION")?;
    let default = env.get("AWS_DEFAULT_REGION").filter(|d| *d != region)?;
    Some(format!(
        "AWS_REGION ({}) and AWS_DEFAULT_REGION ({}) differ: presign signs for AWS_REGION's, as the AWS CLI v2 and the AWS SDKs do, but boto3 reads only AWS_DEFAULT_REGION; unset the one you do not mean",
        crate::quote::Quoted(region),
        crate::quote::Quoted(default)
    ))
}

/// The variables that choose the profile, the first set winning: presign's, then
/// botocore's two (it reads `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`).
const PROFILE_VARIABLES: [&str; 3] = ["PRESIGN_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_PROFILE"];

/// The profile chosen without an override: the first of [`PROFILE_VARIABLES`] set, else
/// the profile file's `default_profile`, else `default`; and what chose it, when something
/// did.
fn selected_profile(env: &Environment, toml: Option<&Toml>) -> (String, Option<String>) {
    match (
        env.first(&PROFILE_VARIABLES),
        toml.and_then(|t| t.file.default_profile.clone()),
    ) {
        (Some((var, n)), _) => (n.to_owned(), Some(var.to_owned())),
        (None, Some(n)) => (
            n,
            toml.map(|t| format!("default_profile in {}", crate::quote::ShownPath(&t.path))),
        ),
        (None, None) => ("default".to_owned(), None),
    }
}

/// The values typed as overrides that can be checked alone: the endpoint, the signature
/// version, the expiry and the region, each before any file is read.
fn check_overrides(layer: &Layer) -> Result<(), Error> {
    if let Some(v) = &layer.endpoint {
        v.value
            .parse::<Provider>()
            .map_err(|e| Error::blame(&v.origin, e))?;
    }
    let signature = match &layer.signature {
        Some(v) => Some(
            v.value
                .parse::<SignatureVersion>()
                .map_err(|e| Error::blame(&v.origin, e))?,
        ),
        None => None,
    };
    if let Some(v) = &layer.expires {
        let expiry = v
            .value
            .parse::<Expiry>()
            .map_err(|e| Error::blame(&v.origin, e))?;
        // Longer than SigV4 allows, with SigV4 asked for: no file can make it valid.
        let seconds = expiry.as_secs();
        if signature == Some(SignatureVersion::V4) && seconds > SIGV4_MAX_EXPIRES {
            return Err(Error::blame(
                &v.origin,
                crate::Error::ExpiryTooLong { seconds },
            ));
        }
    }
    if let Some(v) = &layer.region {
        crate::endpoint::check_region(&v.value).map_err(|e| Error::blame(&v.origin, e))?;
    }
    Ok(())
}

fn build(
    mut layer: Layer,
    looked_at: Vec<String>,
    profile: Option<(String, Option<String>)>,
    naming: Naming,
    system: &dyn System,
    time: DateTime<Utc>,
    warnings: &mut Vec<String>,
) -> Result<Resolved, Error> {
    // The values that make the URL are checked before the keys: a bad expiry is reported
    // even when the keys are missing too.
    let signature = match &layer.signature {
        Some(v) => v.value.parse().map_err(|e| Error::blame(&v.origin, e))?,
        None => SignatureVersion::default(),
    };
    let expires = match &layer.expires {
        Some(v) => v
            .value
            .parse::<Expiry>()
            .map_err(|e| Error::blame(&v.origin, e))?,
        None => Expiry::default(),
    };
    check_expiry(
        signature,
        expires,
        time,
        layer.signature.as_ref(),
        layer.expires.as_ref(),
    )?;
    let key_origin = layer.access_key.as_ref().map(|v| v.origin.clone());
    let place = place::choose(&layer, key_origin.as_deref(), signature, warnings)?;
    check_virtual_host(
        &place.placement.endpoint,
        layer.endpoint.as_ref(),
        layer.virtual_host.as_ref(),
    )?;

    // Before the keys are used (a secret_key_command may prompt): keys for another
    // provider than the endpoint's.
    if let Some(ak) = &layer.access_key {
        let origins = mismatch::Origins {
            access_key: &ak.value,
            key_origin: &ak.origin,
            endpoint_origin: &place.origin,
            naming,
        };
        mismatch::check(&layer, &place.provider, &origins, warnings)?;
    }
    let credentials = match (layer.access_key.take(), layer.secret_key.take()) {
        (Some(ak), Some(sk)) => {
            let secret = match sk.value {
                SecretSource::Value(secret) => secret,
                SecretSource::Command(cmd) => system::run_secret_command(system, &cmd, &sk.origin)?,
            };
            let token = layer.session_token.take();
            let token_origin = token.as_ref().map(|t| t.origin.clone());
            let token = token.map(|t| t.value);
            // Each value's error names its own source: an empty `--session-token` is the
            // flag's fault (exit 2), not the access key's.
            let credentials = Credentials::new(ak.value, secret, token).map_err(|e| {
                let origin = match &e {
                    crate::Error::InvalidSecret {
                        what: "session token",
                        ..
                    } => token_origin.as_deref().unwrap_or(&ak.origin),
                    crate::Error::InvalidSecret { .. } => &sk.origin,
                    _ => &ak.origin,
                };
                Error::blame(origin, e)
            })?;
            (credentials, ak.origin, sk.origin, token_origin)
        }
        (Some(ak), None) => {
            return Err(Error::config(format!(
                "{} is set but no secret key goes with it; set the secret key in the same place",
                ak.origin
            )));
        }
        (None, Some(sk)) => {
            return Err(Error::config(format!(
                "{} is set but no access key goes with it; set the access key in the same place",
                sk.origin
            )));
        }
        (None, None) => {
            return Err(Error::config(format!(
                "no credentials found; looked at: {}. Pass --access-key and --secret-key-file, set PRESIGN_ACCESS_KEY and PRESIGN_SECRET_KEY, or add a profile",
                looked_at.join("; ")
            )));
        }
    };
    let (credentials, key_origin, secret_origin, token_origin) = credentials;
    let mut config = place.placement.into_config(credentials);
    config.expires = expires;
    if let Some(warning) =
        expiring_keys::warning(&config, time, layer.credential_expiration.as_ref())?
    {
        warnings.push(warning);
    }
    let origin = |v: &Option<Val<bool>>| v.as_ref().map(|v| v.origin.clone());
    Ok(Resolved {
        sources: Sources {
            access_key: key_origin,
            secret_key: secret_origin,
            session_token: token_origin,
            endpoint: place.origin,
            region: place.region_origin,
            signature: layer.signature.as_ref().map(|v| v.origin.clone()),
            expires: layer.expires.as_ref().map(|v| v.origin.clone()),
            addressing: origin(&layer.virtual_host),
            dualstack: place.aws.dualstack,
            fips: place.aws.fips,
            accelerate: place.aws.accelerate,
            profile,
            looked_at,
        },
        config,
        provider: place.provider,
        warnings: Vec::new(),
        endpoint_by_keys: place.by_keys,
    })
}

/// SigV4 URLs last at most 7 days; a SigV2 expiry time must stay a valid timestamp.
fn check_expiry(
    signature: SignatureVersion,
    expires: Expiry,
    time: DateTime<Utc>,
    signature_val: Option<&Val<String>>,
    expires_val: Option<&Val<String>>,
) -> Result<(), Error> {
    let Some(expires_val) = expires_val else {
        return Ok(()); // The default, one hour, suits both.
    };
    let seconds = expires.as_secs();
    let problem = match signature {
        SignatureVersion::V4 if seconds > SIGV4_MAX_EXPIRES => {
            crate::Error::ExpiryTooLong { seconds }
        }
        SignatureVersion::V2
            if i64::try_from(seconds)
                .ok()
                .and_then(|s| time.timestamp().checked_add(s))
                .is_none() =>
        {
            crate::Error::InvalidDuration {
                value: expires_val.value.clone(),
                reason: "it is too large",
            }
        }
        _ => return Ok(()),
    };
    let flag_involved = expires_val.is_override() || signature_val.is_some_and(Val::is_override);
    let signature_origin = signature_val
        .map(|s| format!(" (signature {} from {})", s.value, s.origin))
        .unwrap_or_default();
    Err(Error::by(
        flag_involved,
        format!("{}: {problem}{signature_origin}", expires_val.origin),
    ))
}

/// A bucket cannot be prefixed to an IP address.
fn check_virtual_host(
    endpoint: &crate::Endpoint,
    endpoint_val: Option<&Val<String>>,
    virtual_host: Option<&Val<bool>>,
) -> Result<(), Error> {
    let Some(vh) = virtual_host.filter(|v| v.value) else {
        return Ok(());
    };
    if !endpoint.is_ip() {
        return Ok(());
    }
    let host = endpoint.host().to_owned();
    if vh.is_override() {
        return Err(Error::input(
            crate::Error::VirtualHostOnIp { host }.to_string(),
        ));
    }
    let endpoint_origin = endpoint_val.map_or("the default", |e| e.origin.as_str());
    Err(Error::by(
        endpoint_val.is_some_and(Val::is_override),
        format!(
            "{} asks for virtual-host addressing, which needs a DNS name in the endpoint, not the IP address {host} (endpoint from {endpoint_origin}); use path style there, or pass --path-style",
            vh.origin
        ),
    ))
}

/// When what is signed as of `time` for `expires` stops working, if that is a time RFC
/// 3339 can write (up to the year 9999; SigV2 allows more).
pub fn expiry_end(time: DateTime<Utc>, expires: Expiry) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    i64::try_from(expires.as_secs())
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|d| time.checked_add_signed(d))
        .filter(|t| t.year() <= 9999)
}
