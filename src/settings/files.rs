//! Where presign's profile file and the AWS shared files are, and reading them.

use crate::files::{IniFile, ProfileFile};
use crate::quote::{Quoted, ShownPath};
use crate::settings::aws_profile::{
    AwsFiles, check_credential_chain, ignore_key, services_endpoint,
};
use crate::settings::layer::{Layer, Supplies, Val, visit};
use crate::settings::sources::{AWS_ENDPOINT_VARIABLES, aws_bool, aws_layer, toml_layer};
use crate::settings::system::read_text;
use crate::settings::{Environment, Error, Overrides, Setting, System};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A path from variable `name` with a leading `~` or `~/` read as the home directory, as
/// botocore expands the AWS files' variables (`os.path.expanduser`): quoted in a
/// `.env` file or set by a program, the `~` reaches presign unexpanded, and taken
/// literally the file would silently not be found. `~user` is refused: the home of
/// another user is not in the environment.
fn expand_home(value: &str, name: &str, env: &Environment) -> Result<PathBuf, Error> {
    let Some(rest) = value.strip_prefix('~') else {
        return Ok(PathBuf::from(value));
    };
    if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with(std::path::MAIN_SEPARATOR)) {
        return Err(Error::config(format!(
            "{name}: {} starts with ~ and a user name, which presign does not expand; write the full path",
            Quoted(value)
        )));
    }
    let Some(home) = &env.home else {
        return Err(Error::config(format!(
            "{name}: {} starts with ~, but HOME is not set; write the full path or set HOME",
            Quoted(value)
        )));
    };
    let rest = rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]);
    Ok(if rest.is_empty() {
        home.clone()
    } else {
        home.join(rest)
    })
}

/// A loaded presign profile file.
pub(crate) struct Toml {
    pub(crate) path: PathBuf,
    pub(crate) file: ProfileFile,
}

/// Where the three files are, and whether the user named the TOML one explicitly; with
/// what of the environment botocore reads the AWS files' profile with.
pub(crate) struct Files<'s> {
    system: &'s dyn System,
    /// presign's profile file, and what named it when something did (else it is in a
    /// default place, and may well not exist).
    toml: Option<(PathBuf, Option<String>)>,
    aws_credentials: Option<PathBuf>,
    aws_config: Option<PathBuf>,
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, which beats the config key of that name.
    pub(crate) ignore_endpoints_env: Option<bool>,
    /// Whether `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` is set: botocore takes it over
    /// the AWS files' endpoints, whichever profile is chosen.
    aws_endpoint_env: bool,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE`, unless `--profile` is given (botocore reads it only
    /// when no profile is passed explicitly).
    web_identity_env: bool,
    /// The AWS files, parsed once when first needed.
    aws: RefCell<Option<Rc<AwsFiles>>>,
}

impl<'s> Files<'s> {
    pub(crate) fn locate(
        overrides: &Overrides,
        env: &Environment,
        system: &'s dyn System,
    ) -> Result<Self, Error> {
        let home_file = |rel: &str| env.home.as_ref().map(|h| h.join(rel));
        let toml = if let Some(p) = &overrides.config_file {
            let name = overrides.naming.name(Setting::ConfigFile).to_owned();
            Some((p.clone(), Some(name)))
        } else if let Some(p) = env.get("PRESIGN_CONFIG") {
            let path = expand_home(p, "PRESIGN_CONFIG", env)?;
            Some((path, Some("PRESIGN_CONFIG".to_owned())))
        } else if let Some(x) = &env.xdg_config_home {
            Some((x.join("presign/config.toml"), None))
        } else {
            home_file(".config/presign/config.toml").map(|p| (p, None))
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
            system,
            toml,
            aws_credentials: match env.get("AWS_SHARED_CREDENTIALS_FILE") {
                Some(p) => Some(expand_home(p, "AWS_SHARED_CREDENTIALS_FILE", env)?),
                None => home_file(".aws/credentials"),
            },
            aws_config: match env.get("AWS_CONFIG_FILE") {
                Some(p) => Some(expand_home(p, "AWS_CONFIG_FILE", env)?),
                None => home_file(".aws/config"),
            },
            ignore_endpoints_env,
            aws_endpoint_env: env.first(&AWS_ENDPOINT_VARIABLES).is_some(),
            web_identity_env: overrides.profile.is_none()
                && env.get("AWS_WEB_IDENTITY_TOKEN_FILE").is_some(),
            aws: RefCell::new(None),
        })
    }

    /// Loads presign's TOML file; a missing file is an error only if it was named.
    pub(crate) fn load_toml(&self, warnings: &mut Vec<String>) -> Result<Option<Toml>, Error> {
        let Some((path, named)) = &self.toml else {
            return Ok(None);
        };
        let text = read_text(self.system, path)?;
        let Some(text) = text else {
            if named.is_some() {
                return Err(Error::config(format!(
                    "profile file {} does not exist; create it or fix --config / PRESIGN_CONFIG",
                    ShownPath(path)
                )));
            }
            return Ok(None);
        };
        let file = ProfileFile::parse(&ShownPath(path).to_string(), &text)?;
        warnings.extend(self.readable_by_others(path, &file));
        Ok(Some(Toml {
            path: path.clone(),
            file,
        }))
    }

    /// The AWS shared files, read and parsed on the first call.
    fn aws_files(&self) -> Result<Rc<AwsFiles>, Error> {
        if let Some(files) = &*self.aws.borrow() {
            return Ok(Rc::clone(files));
        }
        let read = |path: &Option<PathBuf>| -> Result<Option<(PathBuf, IniFile)>, Error> {
            let Some(path) = path else { return Ok(None) };
            let Some(text) = read_text(self.system, path)? else {
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
    pub(crate) fn ignore_endpoints(&self, name: &str) -> Result<bool, Error> {
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
    pub(crate) fn merge_profile(
        &self,
        name: &str,
        explicit: bool,
        toml: Option<Toml>,
        merged: &mut Layer,
        looked_at: &mut Vec<String>,
        warnings: &mut Vec<String>,
    ) -> Result<(), Error> {
        let mut found = false;
        let mut searched = Vec::new();
        // A profile file with profiles, none of them chosen.
        let mut unselected = None;
        match &toml {
            Some(t) => {
                searched.push(ShownPath(&t.path).to_string());
                if let Some(p) = t.file.profiles.get(name) {
                    visit(merged, toml_layer(name, &t.path, p)?, looked_at);
                    found = true;
                } else if !explicit && !t.file.profiles.is_empty() {
                    // Profiles, none of them chosen: never skipped without a word.
                    let names: Vec<&str> = t.file.profiles.keys().map(String::as_str).collect();
                    let path = ShownPath(&t.path);
                    looked_at.push(format!(
                        "{path} (profiles {}, none selected)",
                        names.join(", ")
                    ));
                    unselected = Some(format!(
                        "{path} has profiles ({}) but none is selected, so none was read: set default_profile = \"NAME\" in it, or choose one with PRESIGN_PROFILE or --profile",
                        names.join(", ")
                    ));
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
                layer.group = Some(format!("AWS profile {name}"));
                layer.profile = Some(name.to_owned());
                // A services section's s3 endpoint_url beats the profile's endpoint_url.
                if let Some(endpoint) = services.take() {
                    layer.endpoint = Some(endpoint);
                }
                visit(merged, layer, looked_at);
                found = true;
            }
        }
        // Said when AWS keys sign instead of a profile the user may have meant; without
        // keys, the list of places looked at in the error names the file.
        if merged.aws_keys {
            warnings.extend(unselected);
        }
        if explicit && !found {
            let searched = if searched.is_empty() {
                "no profile file exists".to_owned()
            } else {
                format!("searched {}", searched.join(", "))
            };
            let known = self.known_profiles(toml.as_ref())?;
            let known = match known.is_empty() {
                true => String::new(),
                false => format!(" ({})", known.join("; ")),
            };
            return Err(Error::config(format!(
                "unknown profile {}: {searched}{known}; check the name or add the profile",
                Quoted(name)
            )));
        }
        Ok(())
    }

    /// The profiles each file read defines, one entry a file that has any:
    /// `profiles in FILE: a, b`. The AWS files are read if they were not yet.
    fn known_profiles(&self, toml: Option<&Toml>) -> Result<Vec<String>, Error> {
        let mut known = Vec::new();
        let mut list = |path: &Path, names: Vec<String>| {
            if !names.is_empty() {
                let names: Vec<String> = names
                    .iter()
                    .map(|n| crate::quote::one_line(n).into_owned())
                    .collect();
                known.push(format!(
                    "profiles in {}: {}",
                    ShownPath(path),
                    names.join(", ")
                ));
            }
        };
        if let Some(t) = toml {
            list(&t.path, t.file.profiles.keys().cloned().collect());
        }
        let files = self.aws_files()?;
        if let Some((path, file)) = &files.credentials {
            list(path, file.sections().map(|s| s.name().to_owned()).collect());
        }
        if let Some((path, file)) = &files.config {
            list(path, file.profile_names());
        }
        Ok(known)
    }
}

impl Files<'_> {
    /// Like ssh with private keys: a secret in a file others can read deserves a warning.
    fn readable_by_others(&self, path: &Path, file: &ProfileFile) -> Option<String> {
        let has_secret = file
            .profiles
            .values()
            .any(|p| p.secret_key.is_some() || p.session_token.is_some());
        let mode = self
            .system
            .readable_by_others(path)
            .filter(|_| has_secret)?;
        Some(format!(
            "{} holds a secret key and is readable by others (mode {mode:o}); run: chmod 600 {}",
            ShownPath(path),
            ShownPath(path)
        ))
    }
}
