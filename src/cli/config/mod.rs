//! Turns the command line, the environment and the files into one presign `Config`.
//!
//! Sources, highest first; each setting is taken from the first source that has it:
//! 1. command-line flags;
//! 2. a profile named with `--profile` (presign's file, then the AWS shared files): it
//!    wins over the environment, as in the AWS CLI;
//! 3. `PRESIGN_*` variables, then the standard `AWS_*` ones;
//! 4. the selected profile in presign's TOML file;
//! 5. the selected profile in `~/.aws/credentials`, then `~/.aws/config`.
//!
//! Credentials are taken as a unit: the access key, secret key and session token all
//! come from the first source that has an access key or a secret key, so a stale
//! `AWS_SESSION_TOKEN` never gets attached to keys from a profile. `--session-token`
//! on the command line is the one exception: an explicit flag always applies.
//!
//! Files are read only when a setting is still missing after the sources above them.

pub mod aws_profile;
pub mod env;
pub mod expiring_keys;
pub mod files;
pub mod layer;
pub mod place;
pub mod reference;
pub mod secret_file;
pub mod sources;

use crate::cli::args::Options;
use crate::cli::config::env::Env;
use crate::cli::config::files::{Files, Toml};
use crate::cli::config::layer::{Layer, SecretSource, Supplies, Val, visit};
use crate::cli::config::secret_file::run_secret_command;
use crate::cli::config::sources::{
    AWS_ENDPOINT_VARIABLES, aws_env_layer, flags_layer, presign_env_layer,
};
use crate::cli::failure::Failure;
use anyhow::anyhow;
use chrono::{DateTime, Datelike, Timelike, Utc};
use presign::{Config, Credentials, Expiry, Provider, SIGV4_MAX_EXPIRES, SignatureVersion};

/// What the run needs, resolved and checked.
pub struct Settings {
    pub config: Config,
    pub time: DateTime<Utc>,
    /// Where the expiry came from (`--expires`, `expires in profile ...`), for errors
    /// found later; `None` for the default.
    pub expires_origin: Option<String>,
    /// Where the endpoint came from: a flag, a variable, a file, or why the default was
    /// chosen ("AWS S3 for us-west-2, because the keys came from AWS_ACCESS_KEY_ID ...").
    pub endpoint_origin: String,
    /// The provider the endpoint stands for, with its limits.
    pub provider: Provider,
    /// Where `signature` came from when a file or a variable set it (a refusal of what
    /// SigV2 cannot sign names it: "use --signature v4" alone hides why it was v2).
    pub signature_origin: Option<String>,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3: worth saying
    /// where `--explain` shows what was signed.
    pub endpoint_by_keys: bool,
}

impl Settings {
    /// When what a run signs stops working, or an error when that is after the year 9999,
    /// which `what` (`-o json`, a POST policy: RFC 3339 dates) cannot write. The error names
    /// where the expiry came from, so it exits 1 when that is a file or a variable.
    pub fn expiry_end(&self, what: &str) -> Result<DateTime<Utc>, Failure> {
        let seconds = self.config.expires.as_secs();
        let end = i64::try_from(seconds)
            .ok()
            .and_then(chrono::TimeDelta::try_seconds)
            .and_then(|d| self.time.checked_add_signed(d))
            .filter(|t| t.year() <= 9999);
        if let Some(end) = end {
            return Ok(end);
        }
        let origin = self
            .expires_origin
            .as_deref()
            .unwrap_or("the default expiry");
        let error = anyhow::anyhow!(
            "{origin}: an expiry of {seconds} s from {} ends after the year 9999, which {what} cannot write; use a shorter expiry or an earlier --at",
            presign::format_time(self.time)
        );
        Err(match self.expires_origin.as_deref() {
            Some(o) if !o.starts_with("--") => Failure::config(error),
            _ => Failure::usage(error),
        })
    }

    /// A POST form for a provider that has none is refused (exit 2: the command asks for
    /// it), and one it does not document gets a warning.
    pub fn check_post(&self) -> Result<(), Failure> {
        if let Some(reason) = self.provider.post_refusal() {
            return Err(Failure::usage(anyhow!(
                "presign post: {reason} (endpoint from {})",
                self.endpoint_origin
            )));
        }
        if let Some(doubt) = self.provider.post_warning() {
            eprintln!("presign: warning: {doubt}");
        }
        Ok(())
    }
}

/// Resolves every setting. `stdin_is_targets` says whether stdin is already taken.
pub fn resolve(opts: &Options, env: &Env, stdin_is_targets: bool) -> Result<Settings, Failure> {
    if let Some(name) = env.not_utf8.first() {
        return Err(Failure::config(anyhow!(
            "{name} is set but its value is not valid UTF-8; fix or unset it"
        )));
    }
    let flags = flags_layer(opts, stdin_is_targets)?;
    let time = match &opts.at {
        Some(at) => presign::parse_time(at).map_err(|e| Failure::usage(anyhow!("--at: {e}")))?,
        None => now(),
    };

    let mut merged = flags;
    let mut looked_at = vec![merged.name.clone()];
    let files = Files::locate(opts, env)?;

    // presign's profile file, loaded once when first needed.
    let mut toml = None;
    if let Some(name) = &opts.profile {
        files.merge_profile(name, true, files.load_toml()?, &mut merged, &mut looked_at)?;
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
            let name = match &opts.profile {
                Some(name) => name.clone(),
                None => {
                    let loaded = files.load_toml()?;
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
    if opts.profile.is_none() && merged.lacks_any(Supplies::TOML_PROFILE) {
        let toml = match toml {
            Some(loaded) => loaded,
            None => files.load_toml()?,
        };
        let (name, explicit) = selected_profile(env, toml.as_ref());
        files.merge_profile(&name, explicit, toml, &mut merged, &mut looked_at)?;
    }

    build_config(merged, &looked_at, time)
}

/// The profile chosen without `--profile`: `PRESIGN_PROFILE`, else `AWS_PROFILE`, else the
/// profile file's `default_profile`, else `default`; and whether it was chosen by name.
fn selected_profile(env: &Env, toml: Option<&Toml>) -> (String, bool) {
    match (
        env.first(&["PRESIGN_PROFILE", "AWS_PROFILE"]),
        toml.and_then(|t| t.file.default_profile.clone()),
    ) {
        (Some((_, n)), _) => (n.to_owned(), true),
        (None, Some(n)) => (n, true),
        (None, None) => ("default".to_owned(), false),
    }
}

/// The signing time when `--at` is not given: now, in whole seconds as botocore signs.
fn now() -> DateTime<Utc> {
    let now = Utc::now();
    if let Some(warning) = clock_warning(now) {
        eprintln!("{warning}");
    }
    now.with_nanosecond(0).unwrap_or(now)
}

/// A clock before 2020 is almost certainly wrong (a board without a battery, a VM
/// restored from an old snapshot), and servers refuse URLs signed at the wrong time.
fn clock_warning(now: DateTime<Utc>) -> Option<String> {
    (now.year() < 2020).then(|| {
        format!(
            "presign: warning: the system clock says {}; servers reject URLs signed at a wrong time. Fix the clock or pass --at.",
            now.format("%Y-%m-%dT%H:%M:%SZ")
        )
    })
}

fn build_config(
    mut layer: Layer,
    looked_at: &[String],
    time: DateTime<Utc>,
) -> Result<Settings, Failure> {
    // A value's error names where it came from. Values typed on the command line are
    // input (exit 2); values from the environment or files are configuration (exit 1).
    let fail = |origin: &str, e: presign::Error| {
        let error = anyhow!("{origin}: {e}");
        if origin.starts_with("--") {
            Failure::usage(error)
        } else {
            Failure::config(error)
        }
    };

    let key_origin = layer.access_key.as_ref().map(|v| v.origin.clone());
    let credentials = match (layer.access_key.take(), layer.secret_key.take()) {
        (Some(ak), Some(sk)) => {
            let secret = match sk.value {
                SecretSource::Value(secret) => secret,
                SecretSource::Command(cmd) => run_secret_command(&cmd, &sk.origin)?,
            };
            let token = layer.session_token.take();
            let token_origin = token.as_ref().map(|t| t.origin.clone());
            let token = token.map(|t| t.value);
            // Each value's error names its own source: an empty `--session-token` is the
            // flag's fault (exit 2), not the access key's.
            Credentials::new(ak.value, secret, token).map_err(|e| {
                let origin = match &e {
                    presign::Error::InvalidSecret {
                        what: "session token",
                        ..
                    } => token_origin.as_deref().unwrap_or(&ak.origin),
                    presign::Error::InvalidSecret { .. } => &sk.origin,
                    _ => &ak.origin,
                };
                fail(origin, e)
            })?
        }
        (Some(ak), None) => {
            return Err(Failure::config(anyhow!(
                "{} is set but no secret key goes with it; set the secret key in the same place",
                ak.origin
            )));
        }
        (None, Some(sk)) => {
            return Err(Failure::config(anyhow!(
                "{} is set but no access key goes with it; set the access key in the same place",
                sk.origin
            )));
        }
        (None, None) => {
            return Err(Failure::config(anyhow!(
                "no credentials found; looked at: {}. Pass --access-key and --secret-key-file, set PRESIGN_ACCESS_KEY and PRESIGN_SECRET_KEY, or add a profile",
                looked_at.join("; ")
            )));
        }
    };

    let place = place::choose(&layer, key_origin.as_deref(), credentials)?;
    let mut config = place.config;
    if let Some(v) = &layer.expires {
        config.expires = v.value.parse::<Expiry>().map_err(|e| fail(&v.origin, e))?;
    }
    check_expiry(
        &config,
        time,
        layer.signature.as_ref(),
        layer.expires.as_ref(),
    )?;
    check_virtual_host(
        &config,
        layer.endpoint.as_ref(),
        layer.virtual_host.as_ref(),
    )?;
    if let Some(warning) =
        expiring_keys::warning(&config, time, layer.credential_expiration.as_ref())?
    {
        eprintln!("{warning}");
    }
    Ok(Settings {
        expires_origin: layer.expires.as_ref().map(|v| v.origin.clone()),
        config,
        time,
        endpoint_origin: place.origin,
        provider: place.provider,
        endpoint_by_keys: place.by_keys,
        signature_origin: layer
            .signature
            .as_ref()
            .filter(|v| !v.is_flag())
            .map(|v| v.origin.clone()),
    })
}

// The checks below involve two values, so they are made here, where the origin of each
// is known: the error names the source, and exits 1 when no flag is involved. The
// presigner makes them again, but could only blame the flags.

/// Exit 2 if any of the values was typed on the command line, else 1.
pub fn failure_for(flag_involved: bool, error: anyhow::Error) -> Failure {
    if flag_involved {
        Failure::usage(error)
    } else {
        Failure::config(error)
    }
}

/// SigV4 URLs last at most 7 days; a SigV2 expiry time must stay a valid timestamp.
fn check_expiry(
    config: &Config,
    time: DateTime<Utc>,
    signature: Option<&Val<String>>,
    expires: Option<&Val<String>>,
) -> Result<(), Failure> {
    let Some(expires) = expires else {
        return Ok(()); // The default, one hour, suits both.
    };
    let seconds = config.expires.as_secs();
    let problem = match config.signature {
        SignatureVersion::V4 if seconds > SIGV4_MAX_EXPIRES => {
            presign::Error::ExpiryTooLong { seconds }
        }
        SignatureVersion::V2
            if i64::try_from(seconds)
                .ok()
                .and_then(|s| time.timestamp().checked_add(s))
                .is_none() =>
        {
            presign::Error::InvalidDuration {
                value: expires.value.clone(),
                reason: "it is too large",
            }
        }
        _ => return Ok(()),
    };
    let flag_involved = expires.is_flag() || signature.is_some_and(Val::is_flag);
    let signature_origin = signature
        .map(|s| format!(" (signature {} from {})", s.value, s.origin))
        .unwrap_or_default();
    Err(failure_for(
        flag_involved,
        anyhow!("{}: {problem}{signature_origin}", expires.origin),
    ))
}

/// A bucket cannot be prefixed to an IP address.
fn check_virtual_host(
    config: &Config,
    endpoint: Option<&Val<String>>,
    virtual_host: Option<&Val<bool>>,
) -> Result<(), Failure> {
    let Some(vh) = virtual_host.filter(|v| v.value) else {
        return Ok(());
    };
    if !config.endpoint.is_ip() {
        return Ok(());
    }
    let host = config.endpoint.host().to_owned();
    if vh.is_flag() {
        return Err(Failure::usage(presign::Error::VirtualHostOnIp { host }));
    }
    let endpoint_origin = endpoint.map_or("the default", |e| e.origin.as_str());
    Err(failure_for(
        endpoint.is_some_and(Val::is_flag),
        anyhow!(
            "{} asks for virtual-host addressing, which needs a DNS name in the endpoint, not the IP address {host} (endpoint from {endpoint_origin}); use path style there, or pass --path-style",
            vh.origin
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_before_2020_is_suspicious() {
        let old = presign::parse_time("2019-12-31T23:59:59Z").unwrap();
        let warning = clock_warning(old).unwrap();
        assert!(
            warning.contains("2019-12-31T23:59:59Z") && warning.contains("--at"),
            "{warning}"
        );
        assert_eq!(
            clock_warning(presign::parse_time("2020-01-01T00:00:00Z").unwrap()),
            None
        );
    }
}
