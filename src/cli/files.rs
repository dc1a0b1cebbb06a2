//! Where presign's profile file and the AWS shared files are, and reading them.

use crate::cli::args::Options;
use crate::cli::env::Env;
use crate::cli::failure::Failure;
use crate::cli::layer::{Layer, Supplies, Val, visit};
use crate::cli::sources::{AWS_ENDPOINT_VARIABLES, aws_bool, aws_layer, toml_layer};
use anyhow::anyhow;
use presign::{IniFile, IniSection, ProfileFile, Quoted, ShownPath};
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

/// The AWS shared files, each `None` if it does not exist.
pub struct AwsFiles {
    credentials: Option<(PathBuf, IniFile)>,
    config: Option<(PathBuf, IniFile)>,
}

/// A profile of the AWS files: its section in the credentials file and in the config
/// file, with their paths. botocore merges the two, the credentials file's keys winning.
#[derive(Clone, Copy)]
struct AwsProfile<'a> {
    credentials: Option<(IniSection<'a>, &'a Path)>,
    config: Option<(IniSection<'a>, &'a Path)>,
}

impl<'a> AwsProfile<'a> {
    fn sections(&self) -> impl Iterator<Item = (IniSection<'a>, &'a Path)> {
        self.credentials.into_iter().chain(self.config)
    }

    /// A key of the merged profile, with the section and the file it is in.
    fn find(&self, key: &str) -> Option<(&'a str, IniSection<'a>, &'a Path)> {
        self.sections()
            .find_map(|(s, p)| s.get(key).map(|v| (v, s, p)))
    }
}

/// Where a value of a section is, for messages: `role_arn in [profile work] of FILE`.
fn at(key: &str, section: IniSection<'_>, path: &Path) -> String {
    format!(
        "{key} in [{}] of {}",
        presign::one_line(section.name()),
        ShownPath(path)
    )
}

fn has_keys(section: IniSection<'_>) -> bool {
    ["aws_access_key_id", "aws_secret_access_key"]
        .iter()
        .any(|k| section.get(k).is_some_and(|v| !v.is_empty()))
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

impl AwsFiles {
    /// Profile `name`: as botocore, the credentials file by section name, the config
    /// file by profile name (`[default]`, `[profile NAME]`).
    fn profile(&self, name: &str) -> AwsProfile<'_> {
        AwsProfile {
            credentials: self
                .credentials
                .as_ref()
                .and_then(|(p, f)| f.section(name).map(|s| (s, p.as_path()))),
            config: self
                .config
                .as_ref()
                .and_then(|(p, f)| f.profile(name).map(|s| (s, p.as_path()))),
        }
    }
}

/// The profile's `ignore_configured_endpoint_urls`, false when unset.
fn ignore_key(profile: AwsProfile<'_>) -> Result<bool, Failure> {
    match profile.find("ignore_configured_endpoint_urls") {
        Some((value, section, path)) => Ok(aws_bool(Val {
            value: value.to_owned(),
            origin: at("ignore_configured_endpoint_urls", section, path),
        })?
        .value),
        None => Ok(false),
    }
}

/// The s3 `endpoint_url` of the `[services NAME]` section the profile's `services = NAME`
/// names, as botocore's configured-endpoint rules read it; a section that does not exist
/// is an error there too.
fn services_endpoint(
    profile: AwsProfile<'_>,
    config: Option<&(PathBuf, IniFile)>,
) -> Result<Option<Val<String>>, Failure> {
    let Some((name, section, path)) = profile.find("services") else {
        return Ok(None);
    };
    let services = config.and_then(|(p, f)| f.services(name).map(|s| (s, p)));
    let Some((services, services_path)) = services.filter(|(s, _)| !s.entries().is_empty()) else {
        let config = config.map_or("the AWS config file".to_owned(), |(p, _)| {
            ShownPath(p).to_string()
        });
        return Err(Failure::config(anyhow!(
            "{}: there is no [services {}] section with settings in {config}; add it (s3 =, then   endpoint_url = URL) or remove the key",
            at("services", section, path),
            presign::hide_secrets(&presign::one_line(name))
        )));
    };
    Ok(services
        .get("s3.endpoint_url")
        .filter(|v| !v.is_empty())
        .map(|v| Val {
            value: v.to_owned(),
            origin: at("s3.endpoint_url", services, services_path),
        }))
}

/// botocore's credential chain, for a profile whose keys presign would take: the
/// environment, assuming a role (`role_arn`), web identity (`web_identity_token_file`,
/// or `AWS_WEB_IDENTITY_TOKEN_FILE`), SSO (`sso_account_id`, `sso_role_name`), the
/// credentials file, `login_session`, `credential_process`, the config file. A provider
/// before the file the keys are in is what the AWS SDKs use, and presign signs offline
/// with static keys: signing with the keys beside it would give URLs for another
/// principal, so it is refused. A profile without keys that names such a provider gets
/// the same refusal rather than a "no credentials" that does not say why.
fn check_credential_chain(
    name: &str,
    profile: AwsProfile<'_>,
    web_identity_env: bool,
) -> Result<(), Failure> {
    let fix = format!(
        "export temporary keys (aws configure export-credentials --profile {} --format env) and let presign read them from the environment",
        presign::one_line(name)
    );
    let Some((keys, keys_path)) = profile.sections().find(|(s, _)| has_keys(*s)) else {
        // No keys: the first key that names another provider, over "no credentials".
        let Some((section, path, key)) = profile
            .sections()
            .find_map(|(s, p)| s.credential_provider_key().map(|k| (s, p, k)))
        else {
            return Ok(());
        };
        return Err(Failure::config(anyhow!(
            "[{}] in {}: {key} is not supported: presign signs offline with static keys and does not assume roles, use SSO or run credential_process; give this profile aws_access_key_id and aws_secret_access_key, or {fix}",
            presign::one_line(section.name()),
            ShownPath(path)
        )));
    };
    let keys_at = format!(
        "not from the keys in [{}] of {}",
        presign::one_line(keys.name()),
        ShownPath(keys_path)
    );
    let refuse = |key: &str, how: &str| {
        let Some((_, section, path)) = profile.find(key) else {
            return Ok(());
        };
        Err(Failure::config(anyhow!(
            "[{}] in {}: {key} is not supported: presign signs offline with static keys, and with {key} the AWS SDKs get the credentials of profile {} by {how}, {keys_at}; {fix}, or remove {key} to sign with those keys",
            presign::one_line(section.name()),
            ShownPath(path),
            Quoted(name)
        )))
    };
    if profile.find("web_identity_token_file").is_none() {
        refuse("role_arn", "assuming a role")?;
    }
    if web_identity_env {
        return Err(Failure::config(anyhow!(
            "AWS_WEB_IDENTITY_TOKEN_FILE is not supported: presign signs offline with static keys, and with it set the AWS SDKs get the credentials by assuming a role with web identity, {keys_at}; unset it to sign with those keys, or {fix}"
        )));
    }
    refuse(
        "web_identity_token_file",
        "assuming a role with web identity",
    )?;
    refuse("sso_account_id", "SSO")?;
    refuse("sso_role_name", "SSO")?;
    // These come after the credentials file in the chain, before the config file.
    if profile.credentials.is_none_or(|(c, _)| !has_keys(c)) {
        refuse("login_session", "an AWS sign-in session")?;
        refuse("credential_process", "running credential_process")?;
    }
    Ok(())
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
