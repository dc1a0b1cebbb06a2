//! Where presign's profile file and the AWS shared files are, and reading them.

use crate::cli::args::Options;
use crate::cli::env::Env;
use crate::cli::failure::Failure;
use crate::cli::layer::{Layer, Supplies, visit};
use crate::cli::sources::{aws_layer, toml_layer};
use anyhow::anyhow;
use presign::{IniFile, IniSection, ProfileFile, Quoted, ShownPath};
use std::io::Read;
use std::path::{Path, PathBuf};
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

/// Where the three files are, and whether the user named the TOML one explicitly.
pub struct Files {
    toml: Option<(PathBuf, bool)>,
    aws_credentials: Option<PathBuf>,
    aws_config: Option<PathBuf>,
}

impl Files {
    pub fn locate(opts: &Options, env: &Env) -> Self {
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

    /// Merges profile `name` under `merged`: presign's file, then the AWS credentials and
    /// config files. Each file is read only while it could still fill a missing setting
    /// (the AWS files have no signature version or expiry), or to find a profile chosen
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
        // As botocore: the credentials file by section name, the config file by profile
        // name (`[default]`, `[profile NAME]`).
        for (path, is_config) in [(&self.aws_credentials, false), (&self.aws_config, true)] {
            let Some(path) = path else { continue };
            if !merged.lacks_any(Supplies::AWS_FILES) && (found || !explicit) {
                continue;
            }
            let Some(text) = read_text(path).map_err(Failure::config)? else {
                looked_at.push(format!("{} (no such file)", ShownPath(path)));
                continue;
            };
            searched.push(ShownPath(path).to_string());
            let ini = IniFile::parse(&ShownPath(path).to_string(), &text)?;
            let section = if is_config {
                ini.profile(name)
            } else {
                ini.section(name)
            };
            if let Some(section) = section {
                unsupported_provider(section, path, merged)?;
                visit(merged, aws_layer(section, path), looked_at);
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

/// A profile that would supply the keys but gets them by assuming a role, through SSO or
/// from `credential_process` instead: without this, the run ends in a "no credentials"
/// that does not say why (or signs with keys from a lower source the user did not mean).
fn unsupported_provider(
    section: IniSection<'_>,
    path: &Path,
    merged: &Layer,
) -> Result<(), Failure> {
    let needs_keys = Supplies {
        credentials: true,
        endpoint: false,
        region: false,
        signature: false,
        expires: false,
        virtual_host: false,
        aws_options: false,
    };
    let has_keys = ["aws_access_key_id", "aws_secret_access_key"]
        .iter()
        .any(|k| section.get(k).is_some_and(|v| !v.is_empty()));
    let Some(key) = section.credential_provider_key() else {
        return Ok(());
    };
    if has_keys || !merged.lacks_any(needs_keys) {
        return Ok(());
    }
    Err(Failure::config(anyhow!(
        "[{}] in {}: {key} is not supported: presign signs offline with static keys and does not assume roles, use SSO or run credential_process; give this profile aws_access_key_id and aws_secret_access_key, or export temporary keys (aws configure export-credentials --format env) and let presign read them from the environment",
        presign::one_line(section.name()),
        ShownPath(path)
    )))
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
