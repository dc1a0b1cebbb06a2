//! Turns the command line into the library's settings overrides and resolves them with
//! the process's environment and files ([`presign::settings`]): the order of the sources,
//! the botocore rules and every check live there, shared with the bindings. What stays
//! here is the command line's part: the secret key file, the signing instant, printing the
//! warnings, and the exit code an error ends with.

pub mod reference;
pub mod secret_file;
pub mod show;

use crate::cli::args::Options;
use crate::cli::config::secret_file::read_secret_file;
use crate::cli::failure::Failure;
use anyhow::anyhow;
use chrono::{DateTime, Datelike, Timelike, Utc};
use presign::settings::{Environment, OsSystem, Overrides, Sources};
use presign::{AddressingStyle, Config, Provider, Secret};

/// What the run needs, resolved and checked.
pub struct Settings {
    pub config: Config,
    pub time: DateTime<Utc>,
    /// The provider the endpoint stands for, with its limits.
    pub provider: Provider,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3: worth saying
    /// where `--explain` shows what was signed.
    pub endpoint_by_keys: bool,
    /// Where each setting came from: the expiry's for errors found later, the
    /// endpoint's (a flag, a variable, a file, or why the default was chosen) for
    /// refusals that depend on it.
    pub sources: Sources,
}

impl Settings {
    /// Where `signature` came from when a file or a variable set it (a refusal of what
    /// SigV2 cannot sign names it: "use --signature v4" alone hides why it was v2).
    pub fn signature_origin(&self) -> Option<&str> {
        self.sources
            .signature
            .as_deref()
            .filter(|o| !o.starts_with("--"))
    }

    /// When what a run signs stops working, or an error when that is after the year 9999,
    /// which `what` (`-o json`, a POST policy: RFC 3339 dates) cannot write. The error names
    /// where the expiry came from, so it exits 1 when that is a file or a variable.
    pub fn expiry_end(&self, what: &str) -> Result<DateTime<Utc>, Failure> {
        let seconds = self.config.expires.as_secs();
        if let Some(end) = presign::settings::expiry_end(self.time, self.config.expires) {
            return Ok(end);
        }
        let expires_origin = self.sources.expires.as_deref();
        let origin = expires_origin.unwrap_or("the default expiry");
        let error = anyhow::anyhow!(
            "{origin}: an expiry of {seconds} s from {} ends after the year 9999, which {what} cannot write; use a shorter expiry or an earlier --at",
            presign::format_time(self.time)
        );
        Err(match expires_origin {
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
                self.sources.endpoint
            )));
        }
        if let Some(doubt) = self.provider.post_warning() {
            eprintln!("presign: warning: {doubt}");
        }
        Ok(())
    }
}

/// Resolves every setting. `stdin_is_targets` says whether stdin is already taken.
pub fn resolve(opts: &Options, stdin_is_targets: bool) -> Result<Settings, Failure> {
    let secret_key = match (&opts.secret_key, &opts.secret_key_file) {
        (Some(s), _) => Some(Secret::new(s.clone())),
        (None, Some(path)) => Some(read_secret_file(path, stdin_is_targets)?),
        (None, None) => None,
    };
    let time = match &opts.at {
        Some(at) => presign::parse_time(at).map_err(|e| Failure::usage(anyhow!("--at: {e}")))?,
        None => now(),
    };
    let overrides = Overrides {
        access_key: opts.access_key.clone(),
        secret_key,
        secret_key_origin: opts
            .secret_key_file
            .is_some()
            .then(|| "--secret-key-file".to_owned()),
        session_token: opts.session_token.clone().map(Secret::new),
        endpoint: opts.endpoint.clone(),
        region: opts.region.clone(),
        signature: opts.signature.clone(),
        expires: opts.expires.clone(),
        addressing: match (opts.virtual_host, opts.path_style) {
            (true, _) => Some(AddressingStyle::VirtualHost),
            (_, true) => Some(AddressingStyle::Path),
            _ => None,
        },
        dualstack: Some(opts.dualstack),
        fips: Some(opts.fips),
        accelerate: Some(opts.accelerate),
        profile: opts.profile.clone(),
        config_file: opts.config.clone(),
        ..Overrides::default()
    };
    let env = Environment::from_process();
    let resolved = presign::settings::resolve(&overrides, &env, &OsSystem, time);
    let warnings = match &resolved {
        Ok(r) => &r.warnings,
        Err(e) => e.warnings(),
    };
    for warning in warnings {
        eprintln!("presign: warning: {warning}");
    }
    let resolved = resolved.map_err(|e| {
        let error = anyhow!("{e}");
        if e.is_input() {
            Failure::usage(error)
        } else {
            Failure::config(error)
        }
    })?;
    let settings = Settings {
        config: resolved.config,
        time,
        provider: resolved.provider,
        endpoint_by_keys: resolved.endpoint_by_keys,
        sources: resolved.sources,
    };
    if opts.verbose {
        eprint!("{}", show::text(&settings));
    }
    Ok(settings)
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
