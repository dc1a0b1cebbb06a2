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

use crate::cli::args::Options;
use crate::cli::env::Env;
use crate::cli::failure::Failure;
use anyhow::{Context, anyhow};
use chrono::{DateTime, Datelike, Timelike, Utc};
use presign::{
    AddressingStyle, Config, Credentials, Endpoint, Expiry, IniFile, ProfileFile, Secret,
    SignatureVersion,
};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// What the run needs, resolved and checked.
pub struct Settings {
    pub config: Config,
    pub time: DateTime<Utc>,
}

/// A value and where it came from, e.g. `--region` or `region in profile "x" of FILE`.
struct Val<T> {
    value: T,
    origin: String,
}

/// A secret key, or the command that prints it. The command runs only if this source's
/// credentials are the ones used: it may well prompt for a passphrase.
enum SecretSource {
    Value(Secret),
    Command(String),
}

/// One source of settings.
#[derive(Default)]
struct Layer {
    /// For the list of places looked at when no credentials are found.
    name: String,
    access_key: Option<Val<String>>,
    secret_key: Option<Val<SecretSource>>,
    session_token: Option<Val<Secret>>,
    endpoint: Option<Val<String>>,
    region: Option<Val<String>>,
    signature: Option<Val<String>>,
    expires: Option<Val<String>>,
    virtual_host: Option<Val<bool>>,
}

impl Layer {
    fn is_complete(&self) -> bool {
        (self.access_key.is_some() || self.secret_key.is_some())
            && self.endpoint.is_some()
            && self.region.is_some()
            && self.signature.is_some()
            && self.expires.is_some()
            && self.virtual_host.is_some()
    }

    /// Fills what `self` lacks from `lower`; credentials only as a unit.
    fn fill_from(&mut self, lower: &mut Layer) {
        let has_keys = |l: &Layer| l.access_key.is_some() || l.secret_key.is_some();
        // A token alone (a stale AWS_SESSION_TOKEN, say) never joins another source's keys.
        if !has_keys(self) && has_keys(lower) {
            self.access_key = lower.access_key.take();
            self.secret_key = lower.secret_key.take();
            if self.session_token.is_none() {
                self.session_token = lower.session_token.take();
            }
        }
        fill(&mut self.endpoint, &mut lower.endpoint);
        fill(&mut self.region, &mut lower.region);
        fill(&mut self.signature, &mut lower.signature);
        fill(&mut self.expires, &mut lower.expires);
        fill(&mut self.virtual_host, &mut lower.virtual_host);
    }
}

fn visit(merged: &mut Layer, mut layer: Layer, looked_at: &mut Vec<String>) {
    looked_at.push(layer.name.clone());
    merged.fill_from(&mut layer);
}

fn fill<T>(slot: &mut Option<T>, lower: &mut Option<T>) {
    if slot.is_none() {
        *slot = lower.take();
    }
}

fn val<T>(value: Option<T>, origin: impl FnOnce() -> String) -> Option<Val<T>> {
    value.map(|value| Val {
        value,
        origin: origin(),
    })
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
    let files = Files::locate(opts, env);

    if let Some(name) = &opts.profile {
        let toml = files.load_toml()?;
        for layer in files.profile_layers(name, true, toml, &mut looked_at)? {
            visit(&mut merged, layer, &mut looked_at);
        }
    }
    visit(&mut merged, presign_env_layer(env), &mut looked_at);
    visit(&mut merged, aws_env_layer(env), &mut looked_at);
    if opts.profile.is_none() && !merged.is_complete() {
        let selected = env
            .first(&["PRESIGN_PROFILE", "AWS_PROFILE"])
            .map(|(_, v)| v.to_owned());
        let toml = files.load_toml()?;
        let (name, explicit) = match (
            selected,
            toml.as_ref().and_then(|t| t.file.default_profile.clone()),
        ) {
            (Some(n), _) => (n, true),
            (None, Some(n)) => (n, true),
            (None, None) => ("default".to_owned(), false),
        };
        for layer in files.profile_layers(&name, explicit, toml, &mut looked_at)? {
            visit(&mut merged, layer, &mut looked_at);
        }
    }

    let config = build_config(merged, &looked_at)?;
    Ok(Settings { config, time })
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

fn build_config(layer: Layer, looked_at: &[String]) -> Result<Config, Failure> {
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

    let credentials = match (layer.access_key, layer.secret_key) {
        (Some(ak), Some(sk)) => {
            let secret = match sk.value {
                SecretSource::Value(secret) => secret,
                SecretSource::Command(cmd) => run_secret_command(&cmd, &sk.origin)?,
            };
            let token = layer.session_token.map(|t| t.value);
            Credentials::new(ak.value, secret, token).map_err(|e| fail(&ak.origin, e))?
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

    let endpoint: Endpoint = match &layer.endpoint {
        Some(v) => v.value.parse().map_err(|e| fail(&v.origin, e))?,
        None => "global".parse()?,
    };
    let region = match layer.region {
        Some(v) => {
            presign::check_region(&v.value).map_err(|e| fail(&v.origin, e))?;
            v.value
        }
        None => "us-east-1".to_owned(),
    };
    let mut config = Config::new(endpoint, region, credentials);
    if let Some(v) = &layer.signature {
        config.signature = v
            .value
            .parse::<SignatureVersion>()
            .map_err(|e| fail(&v.origin, e))?;
    }
    if let Some(v) = &layer.expires {
        config.expires = v.value.parse::<Expiry>().map_err(|e| fail(&v.origin, e))?;
    }
    if let Some(Val { value: true, .. }) = layer.virtual_host {
        config.addressing = AddressingStyle::VirtualHost;
    }
    Ok(config)
}

fn flags_layer(opts: &Options, stdin_is_targets: bool) -> Result<Layer, Failure> {
    let secret_key = match (&opts.secret_key, &opts.secret_key_file) {
        (Some(s), _) => Some(Secret::new(s.clone())),
        (None, Some(path)) => Some(read_secret_file(path, stdin_is_targets)?),
        (None, None) => None,
    };
    let secret_origin = if opts.secret_key_file.is_some() {
        "--secret-key-file"
    } else {
        "--secret-key"
    };
    let flag = |name: &'static str| move || format!("--{name}");
    let virtual_host = match (opts.virtual_host, opts.path_style) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    Ok(Layer {
        name: "--access-key/--secret-key".to_owned(),
        access_key: val(opts.access_key.clone(), flag("access-key")),
        secret_key: val(secret_key.map(SecretSource::Value), || {
            secret_origin.to_owned()
        }),
        session_token: val(
            opts.session_token.clone().map(Secret::new),
            flag("session-token"),
        ),
        endpoint: val(opts.endpoint.clone(), flag("endpoint")),
        region: val(opts.region.clone(), flag("region")),
        signature: val(opts.signature.clone(), flag("signature")),
        expires: val(opts.expires.clone(), flag("expires")),
        virtual_host: val(virtual_host, flag("virtual-host")),
    })
}

/// The first line of a file (or stdin for `-`), without its line ending.
fn read_secret_file(path: &Path, stdin_is_targets: bool) -> Result<Secret, Failure> {
    let mut line = Zeroizing::new(String::new());
    if path == Path::new("-") {
        if stdin_is_targets {
            return Err(Failure::usage(anyhow!(
                "--secret-key-file - and the target - both want stdin; put the secret in a file or read targets from a file with xargs"
            )));
        }
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("--secret-key-file -: cannot read stdin")
            .map_err(Failure::config)?;
    } else {
        let text = read_text(path).map_err(Failure::config)?.ok_or_else(|| {
            Failure::config(anyhow!(
                "--secret-key-file {}: no such file",
                path.display()
            ))
        })?;
        line.push_str(text.lines().next().unwrap_or(""));
    }
    let secret = line.trim_end_matches(['\r', '\n']);
    if secret.is_empty() {
        return Err(Failure::config(anyhow!(
            "--secret-key-file {}: the first line is empty; put the secret key on it",
            path.display()
        )));
    }
    Ok(Secret::new(secret))
}

fn env_val(env: &Env, name: &'static str) -> Option<Val<String>> {
    val(env.get(name).map(str::to_owned), || name.to_owned())
}

fn presign_env_layer(env: &Env) -> Layer {
    Layer {
        name: "PRESIGN_ACCESS_KEY/PRESIGN_SECRET_KEY".to_owned(),
        access_key: env_val(env, "PRESIGN_ACCESS_KEY"),
        secret_key: secret_key_val(env_val(env, "PRESIGN_SECRET_KEY")),
        session_token: secret_val(env_val(env, "PRESIGN_SESSION_TOKEN")),
        endpoint: env_val(env, "PRESIGN_ENDPOINT"),
        region: env_val(env, "PRESIGN_REGION"),
        ..Layer::default()
    }
}

fn aws_env_layer(env: &Env) -> Layer {
    let first = |names: &[&'static str]| {
        env.first(names).map(|(name, v)| Val {
            value: v.to_owned(),
            origin: name.to_owned(),
        })
    };
    Layer {
        name: "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY".to_owned(),
        access_key: env_val(env, "AWS_ACCESS_KEY_ID"),
        secret_key: secret_key_val(env_val(env, "AWS_SECRET_ACCESS_KEY")),
        session_token: secret_val(env_val(env, "AWS_SESSION_TOKEN")),
        endpoint: first(&["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]),
        region: first(&["AWS_REGION", "AWS_DEFAULT_REGION"]),
        ..Layer::default()
    }
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

/// Reads a whole file; `Ok(None)` if it does not exist. The text is wiped on drop.
fn read_text(path: &Path) -> anyhow::Result<Option<Zeroizing<String>>> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let bytes = Zeroizing::new(bytes);
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| anyhow!("{}: the file is not valid UTF-8", path.display()))?;
            Ok(Some(Zeroizing::new(text.to_owned())))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// A loaded presign profile file.
struct Toml {
    path: PathBuf,
    file: ProfileFile,
}

/// Where the three files are, and whether the user named the TOML one explicitly.
struct Files {
    toml: Option<(PathBuf, bool)>,
    aws_credentials: Option<PathBuf>,
    aws_config: Option<PathBuf>,
}

impl Files {
    fn locate(opts: &Options, env: &Env) -> Self {
        let home_file = |rel: &str| env.home.as_ref().map(|h| h.join(rel));
        let toml = if let Some(p) = &opts.config {
            Some((p.clone(), true))
        } else if let Some(p) = env.get("PRESIGN_CONFIG") {
            Some((PathBuf::from(p), true))
        } else if let Some(x) = &env.xdg_config_home {
            Some((x.join("presign/config.toml"), false))
        } else {
            home_file(".config/presign/config.toml").map(|p| (p, false))
        };
        Files {
            toml,
            aws_credentials: env
                .get("AWS_SHARED_CREDENTIALS_FILE")
                .map(PathBuf::from)
                .or_else(|| home_file(".aws/credentials")),
            aws_config: env
                .get("AWS_CONFIG_FILE")
                .map(PathBuf::from)
                .or_else(|| home_file(".aws/config")),
        }
    }

    /// Loads presign's TOML file; a missing file is an error only if it was named.
    fn load_toml(&self) -> Result<Option<Toml>, Failure> {
        let Some((path, named)) = &self.toml else {
            return Ok(None);
        };
        let text = read_text(path).map_err(Failure::config)?;
        let Some(text) = text else {
            if *named {
                return Err(Failure::config(anyhow!(
                    "profile file {} does not exist; create it or fix --config / PRESIGN_CONFIG",
                    path.display()
                )));
            }
            return Ok(None);
        };
        let file = ProfileFile::parse(&path.display().to_string(), &text)?;
        warn_if_readable_by_others(path, &file);
        Ok(Some(Toml {
            path: path.clone(),
            file,
        }))
    }

    /// The layers for profile `name`: presign's file, AWS credentials, AWS config.
    /// An explicitly chosen profile that exists in none of them is an error.
    fn profile_layers(
        &self,
        name: &str,
        explicit: bool,
        toml: Option<Toml>,
        looked_at: &mut Vec<String>,
    ) -> Result<Vec<Layer>, Failure> {
        let mut layers = Vec::new();
        let mut searched = Vec::new();
        match &toml {
            Some(t) => {
                searched.push(t.path.display().to_string());
                if let Some(p) = t.file.profiles.get(name) {
                    layers.push(toml_layer(name, &t.path, p)?);
                }
            }
            None => {
                if let Some((p, _)) = &self.toml {
                    looked_at.push(format!("{} (no such file)", p.display()));
                }
            }
        }
        let config_section = if name == "default" {
            "default".to_owned()
        } else {
            format!("profile {name}")
        };
        for (path, section) in [
            (&self.aws_credentials, name.to_owned()),
            (&self.aws_config, config_section),
        ] {
            let Some(path) = path else { continue };
            let Some(text) = read_text(path).map_err(Failure::config)? else {
                looked_at.push(format!("{} (no such file)", path.display()));
                continue;
            };
            searched.push(path.display().to_string());
            let ini = IniFile::parse(&path.display().to_string(), &text)?;
            if ini.has_section(&section) {
                layers.push(aws_layer(&ini, &section, path));
            }
        }
        if explicit && layers.is_empty() {
            let known = toml
                .as_ref()
                .map(|t| {
                    t.file
                        .profiles
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|k| !k.is_empty())
                .map(|k| format!(" (profiles in the profile file: {k})"))
                .unwrap_or_default();
            let searched = if searched.is_empty() {
                "no profile file exists".to_owned()
            } else {
                format!("searched {}", searched.join(", "))
            };
            return Err(Failure::config(anyhow!(
                "unknown profile {name:?}: {searched}{known}; check the name or add the profile"
            )));
        }
        Ok(layers)
    }
}

fn toml_layer(name: &str, path: &Path, p: &presign::Profile) -> Result<Layer, Failure> {
    let at = |key: &str| format!("{key} in profile {name:?} of {}", path.display());
    let secret_key = match (&p.secret_key, &p.secret_key_command) {
        (Some(_), Some(_)) => {
            return Err(Failure::config(anyhow!(
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
        name: format!("profile {name:?} in {}", path.display()),
        access_key: val(p.access_key.clone(), || at("access_key")),
        secret_key,
        session_token: val(p.session_token.clone(), || at("session_token")),
        endpoint: val(p.endpoint.clone(), || at("endpoint")),
        region: val(p.region.clone(), || at("region")),
        signature: val(p.signature.clone(), || at("signature")),
        expires: val(p.expires.as_ref().map(|e| e.to_text()), || at("expires")),
        virtual_host: val(p.virtual_host, || at("virtual_host")),
    })
}

/// Runs `secret_key_command` through the shell and takes the first line of its output.
/// Its output is never shown: it is the secret.
fn run_secret_command(cmd: &str, origin: &str) -> Result<Secret, Failure> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Failure::config(anyhow!("{origin}: cannot run {cmd:?}: {e}")))?;
    let stdout = Zeroizing::new(output.stdout);
    if !output.status.success() {
        return Err(Failure::config(anyhow!(
            "{origin}: {cmd:?} failed ({}); run it yourself to see why",
            output.status
        )));
    }
    let text = std::str::from_utf8(&stdout).map_err(|_| {
        Failure::config(anyhow!(
            "{origin}: {cmd:?} printed something that is not UTF-8"
        ))
    })?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(Failure::config(anyhow!(
            "{origin}: {cmd:?} printed nothing on its first line; it must print the secret key"
        )));
    }
    Ok(Secret::new(line))
}

fn aws_layer(ini: &IniFile, section: &str, path: &Path) -> Layer {
    let get = |key: &str| {
        ini.get(section, key)
            .filter(|v| !v.is_empty())
            .map(|v| Val {
                value: v.to_owned(),
                origin: format!("{key} in [{section}] of {}", path.display()),
            })
    };
    let virtual_host = get("s3.addressing_style").and_then(|v| match v.value.as_str() {
        "virtual" => Some(Val {
            value: true,
            origin: v.origin,
        }),
        "path" => Some(Val {
            value: false,
            origin: v.origin,
        }),
        _ => None,
    });
    Layer {
        name: format!("[{section}] in {}", path.display()),
        access_key: get("aws_access_key_id"),
        secret_key: secret_key_val(get("aws_secret_access_key")),
        session_token: secret_val(get("aws_session_token")),
        endpoint: get("endpoint_url"),
        region: get("region"),
        virtual_host,
        ..Layer::default()
    }
}

/// Like ssh with private keys: a secret in a file others can read deserves a warning.
fn warn_if_readable_by_others(path: &Path, file: &ProfileFile) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let has_secret = file
            .profiles
            .values()
            .any(|p| p.secret_key.is_some() || p.session_token.is_some());
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        if has_secret && mode & 0o077 != 0 {
            eprintln!(
                "presign: warning: {} holds a secret key and is readable by others (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            );
        }
    }
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
