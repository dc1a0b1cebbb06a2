//! A profile of the AWS shared files as botocore reads it: the credentials file's section
//! and the config file's profile together, the `services` section it names, its
//! `ignore_configured_endpoint_urls`, and the credential chain that decides whether the
//! static keys in it are what the AWS SDKs would sign with.

use crate::files::{IniFile, IniSection};
use crate::quote::{Quoted, ShownPath};
use crate::settings::Error;
use crate::settings::layer::Val;
use crate::settings::sources::aws_bool;
use std::path::{Path, PathBuf};

/// The AWS shared files, each `None` if it does not exist.
pub(crate) struct AwsFiles {
    pub(crate) credentials: Option<(PathBuf, IniFile)>,
    pub(crate) config: Option<(PathBuf, IniFile)>,
}

/// A profile of the AWS files: its section in the credentials file and in the config
/// file, with their paths. botocore merges the two, the credentials file's keys winning.
#[derive(Clone, Copy)]
pub(crate) struct AwsProfile<'a> {
    pub(crate) credentials: Option<(IniSection<'a>, &'a Path)>,
    pub(crate) config: Option<(IniSection<'a>, &'a Path)>,
}

impl<'a> AwsProfile<'a> {
    pub(crate) fn sections(&self) -> impl Iterator<Item = (IniSection<'a>, &'a Path)> {
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
        crate::quote::one_line(section.name()),
        ShownPath(path)
    )
}

fn has_keys(section: IniSection<'_>) -> bool {
    ["aws_access_key_id", "aws_secret_access_key"]
        .iter()
        .any(|k| section.get(k).is_some_and(|v| !v.is_empty()))
}

impl AwsFiles {
    /// Profile `name`: as botocore, the credentials file by section name, the config
    /// file by profile name (`[default]`, `[profile NAME]`).
    pub(crate) fn profile(&self, name: &str) -> AwsProfile<'_> {
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
pub(crate) fn ignore_key(profile: AwsProfile<'_>) -> Result<bool, Error> {
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
pub(crate) fn services_endpoint(
    profile: AwsProfile<'_>,
    config: Option<&(PathBuf, IniFile)>,
) -> Result<Option<Val<String>>, Error> {
    let Some((name, section, path)) = profile.find("services") else {
        return Ok(None);
    };
    let services = config.and_then(|(p, f)| f.services(name).map(|s| (s, p)));
    let Some((services, services_path)) = services.filter(|(s, _)| !s.entries().is_empty()) else {
        let config = config.map_or("the AWS config file".to_owned(), |(p, _)| {
            ShownPath(p).to_string()
        });
        return Err(Error::config(format!(
            "{}: there is no [services {}] section with settings in {config}; add it (s3 =, then   endpoint_url = URL) or remove the key",
            at("services", section, path),
            crate::quote::hide_secrets(&crate::quote::one_line(name))
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
pub(crate) fn check_credential_chain(
    name: &str,
    profile: AwsProfile<'_>,
    web_identity_env: bool,
) -> Result<(), Error> {
    let fix = format!(
        "export temporary keys with: eval \"$(aws configure export-credentials --profile {} --format env)\", and let presign read them from the environment",
        crate::quote::one_line(name)
    );
    let Some((keys, keys_path)) = profile.sections().find(|(s, _)| has_keys(*s)) else {
        // No keys: the first key that names another provider, over "no credentials".
        let Some((section, path, key)) = profile
            .sections()
            .find_map(|(s, p)| s.credential_provider_key().map(|k| (s, p, k)))
        else {
            return Ok(());
        };
        return Err(Error::config(format!(
            "[{}] in {}: {key} is not supported: presign signs offline with static keys and does not assume roles, use SSO or run credential_process; give this profile aws_access_key_id and aws_secret_access_key, or {fix}",
            crate::quote::one_line(section.name()),
            ShownPath(path)
        )));
    };
    let keys_at = format!(
        "not from the keys in [{}] of {}",
        crate::quote::one_line(keys.name()),
        ShownPath(keys_path)
    );
    let refuse = |key: &str, how: &str| {
        let Some((_, section, path)) = profile.find(key) else {
            return Ok(());
        };
        Err(Error::config(format!(
            "[{}] in {}: {key} is not supported: presign signs offline with static keys, and with {key} the AWS SDKs get the credentials of profile {} by {how}, {keys_at}; {fix}, or remove {key} to sign with those keys",
            crate::quote::one_line(section.name()),
            ShownPath(path),
            Quoted(name)
        )))
    };
    if profile.find("web_identity_token_file").is_none() {
        refuse("role_arn", "assuming a role")?;
    }
    if web_identity_env {
        return Err(Error::config(format!(
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
