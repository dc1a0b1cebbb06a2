//! Where presign's profile file and the AWS shared files are, and reading them.

use crate::cli::args::Options;
use crate::cli::config::aws_profile::{
    AwsFiles, check_credential_chain, ignore_key, services_endpoint,
};
use crate::cli::config::env::Env;
use crate::cli::config::layer::{Layer, Supplies, Val, visit};
use crate::cli::config::sources::{AWS_ENDPOINT_VARIABLES, aws_bool, aws_layer, toml_layer};
use crate::cli::failure::Failure;
use anyhow::anyhow;
use presign::files::{IniFile, ProfileFile};
use presign::quote::{Quoted, ShownPath};
use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use zeroize::Zeroizing;

/// The largest profile file or AWS shared file presign reads. A real one is a few KiB;
/// anything past this is the wrong file (`--config /dev/zero`, a disk image, a log),
/// and reading it whole would take the memory and the time it is big.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a whole file of at most [`MAX_CONFIG_BYTES`] (reading one byte more, at most,
/// to tell); `Ok(None)` if it does not exist. The text is wiped on drop.
pub fn read_text(path: &Path) -> anyhow::Result<Option<Zeroizing<String>>> {
    let shown = ShownPath(path);
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow!("cannot read {shown}: {e}")),
    };
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(anyhow!(
            "{shown}: the file is larger than {} MiB, which no profile or AWS shared file is; check that this is the right file",
            MAX_CONFIG_BYTES >> 20
        ));
    }
    let text =
        std::str::from_utf8(&bytes).map_err(|_| anyhow!("{shown}: the file is not valid UTF-8"))?;
    Ok(Some(Zeroizing::new(text.to_owned())))
}

/// A loaded presign profile file.
pub struct Toml {
    pub path: PathBuf,
    pub file: ProfileFile,
}

/// Where the three files are, and whether the user named the TOML one explicitly; with
/// what of the environment botocore reads the AWS files' profile with.
pub struct Files {
    toml: Option<(PathBuf, bool)>,
    aws_credentials: Option<PathBuf>,
    aws_config: Option<PathBuf>,
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, which beats the config key of that name.
    pub ignore_endpoints_env: Option<bool>,
    /// Whether `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` is set: botocore takes it over
    /// the AWS files' endpoints, whichever profile is chosen.
    aws_endpoint_env: bool,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE`, unless `--profile` is given (botocore reads it only
    /// when no profile is passed explicitly).
    web_identity_env: bool,
    /// The AWS files, parsed once when first needed.
    aws: RefCell<Option<Rc<AwsFiles>>>,
}

impl Files {
    pub fn locate(opts: &Options, env: &Env) -> Result<Self, Failure> {
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
        let ignore_endpoints_env = env
            .get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .map(|v| {
                aws_bool(Val {
                    value: v.to_owned(),
                    origin: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS".to_owned(),
                })
            })
            .transpose()?
            .map(|v| v.value);
        Ok(Files {
            toml,
            aws_credentials: env
                .get("AWS_SHARED_CREDENTIALS_FILE")
                .map(PathBuf::from)
                .or_else(|| home_file(".aws/credentials")),
            aws_config: env
                .get("AWS_CONFIG_FILE")
                .map(PathBuf::from)
                .or_else(|| home_file(".aws/config")),
            ignore_endpoints_env,
            aws_endpoint_env: env.first(&AWS_ENDPOINT_VARIABLES).is_some(),
            web_identity_env: opts.profile.is_none()
                && env.get("AWS_WEB_IDENTITY_TOKEN_FILE").is_some(),
            aws: RefCell::new(None),
        })
    }

    /// Loads presign's TOML file; a missing file is an error only if it was named.
    pub fn load_toml(&self) -> Result<Option<Toml>, Failure> {
        let Some((path, named)) = &self.toml else {
            return Ok(None);
        };
        let text = read_text(path).map_err(Failure::config)?;
        let Some(text) = text else {
            if *named {
                return Err(Failure::config(anyhow!(
                    "profile file {} does not exist; create it or fix --config / PRESIGN_CONFIG",
                    ShownPath(path)
                )));
            }
            return Ok(None);
        };
        let file = ProfileFile::parse(&ShownPath(path).to_string(), &text)?;
        warn_if_readable_by_others(path, &file);
        Ok(Some(Toml {
            path: path.clone(),
            file,
        }))
    }

    /// The AWS shared files, read and parsed on the first call.
    fn aws_files(&self) -> Result<Rc<AwsFiles>, Failure> {
        if let Some(files) = &*self.aws.borrow() {
            return Ok(Rc::clone(files));
        }
        let read = |path: &Option<PathBuf>| -> Result<Option<(PathBuf, IniFile)>, Failure> {
            let Some(path) = path else { return Ok(None) };
            let Some(text) = read_text(path).map_err(Failure::config)? else {
                return Ok(None);
            };
            let ini = IniFile::parse(&ShownPath(path).to_string(), &text)?;
            Ok(Some((path.clone(), ini)))
        };
        let files = Rc::new(AwsFiles {
            credentials: read(&self.aws_credentials)?,
            config: read(&self.aws_config)?,
        });
        *self.aws.borrow_mut() = Some(Rc::clone(&files));
        Ok(files)
    }

    /// botocore's `ignore_configured_endpoint_urls` for profile `name`: the variable,
    /// else the profile's key (the credentials file's winning, as botocore merges them).
    pub fn ignore_endpoints(&self, name: &str) -> Result<bool, Failure> {
        if let Some(ignore) = self.ignore_endpoints_env {
            return Ok(ignore);
        }
        let files = self.aws_files()?;
        let profile = files.profile(name);
        ignore_key(profile)
    }

    /// Merges profile `name` under `merged`: presign's file, then the AWS credentials and
    /// config files. The AWS files are read only while they could still fill a missing
    /// setting (they have no signature version or expiry), or to find a profile chosen
    /// by name. An explicitly chosen profile that exists in none of them is an error.
    pub fn merge_profile(
        &self,
        name: &str,
        explicit: bool,
        toml: Option<Toml>,
        merged: &mut Layer,
        looked_at: &mut Vec<String>,
    ) -> Result<(), Failure> {
        let mut found = false;
        let mut searched = Vec::new();
        match &toml {
            Some(t) => {
                searched.push(ShownPath(&t.path).to_string());
                if let Some(p) = t.file.profiles.get(name) {
                    visit(merged, toml_layer(name, &t.path, p)?, looked_at);
                    found = true;
                }
            }
            None => {
                if let Some((p, _)) = &self.toml {
                    looked_at.push(format!("{} (no such file)", ShownPath(p)));
                }
            }
        }
        if merged.lacks_any(Supplies::AWS_FILES) || (explicit && !found) {
            let files = self.aws_files()?;
            for (path, file) in [
                (&self.aws_credentials, &files.credentials),
                (&self.aws_config, &files.config),
            ] {
                match (path, file) {
                    (Some(path), None) => {
                        looked_at.push(format!("{} (no such file)", ShownPath(path)))
                    }
                    (Some(path), Some(_)) => searched.push(ShownPath(path).to_string()),
                    (None, _) => {}
                }
            }
            let profile = files.profile(name);
            if !merged.has_keys() {
                check_credential_chain(name, profile, self.web_identity_env)?;
            }
            // As botocore: AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL beat the files'
            // endpoints, and ignore_configured_endpoint_urls turns them all off.
            let ignore = self
                .ignore_endpoints_env
                .map_or_else(|| ignore_key(profile), Ok)?;
            let use_endpoints = !ignore && !self.aws_endpoint_env;
            let mut services = match use_endpoints {
                true => services_endpoint(profile, files.config.as_ref())?,
                false => None,
            };
            for (section, path) in profile.sections() {
                let mut layer = aws_layer(section, path, !use_endpoints)?;
                // A services section's s3 endpoint_url beats the profile's endpoint_url.
                if let Some(endpoint) = services.take() {
                    layer.endpoint = Some(endpoint);
                }
                visit(merged, layer, looked_at);
                found = true;
            }
        }
        if explicit && !found {
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
                "unknown profile {}: {searched}{known}; check the name or add the profile",
                Quoted(name)
            )));
        }
        Ok(())
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
                ShownPath(path),
                mode & 0o777,
                ShownPath(path)
            );
        }
    }
}
