//! presign's own profile file (TOML), parsed from text the caller has read.
//!
//! ```toml
//! default_profile = "storj"
//! [profiles.storj]
//! endpoint = "us1"
//! access_key = "..."
//! secret_key = "..."
//! ```
//! Unknown keys are refused, naming the key: a typo such as `acess_key` would otherwise
//! be ignored and the URL signed with other credentials.

use crate::error::Error;
use crate::secret::Secret;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// The profile used when none is named on the command line or in the environment.
    pub default_profile: Option<String>,
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One `[profiles.NAME]` table. Every field is optional; values are checked when used,
/// so that the error can say which profile and file they came from.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key: Option<String>,
    pub secret_key: Option<Secret>,
    pub session_token: Option<Secret>,
    /// Run this command and take the first line of its output as the secret key.
    pub secret_key_command: Option<String>,
    pub signature: Option<String>,
    pub virtual_host: Option<bool>,
    pub expires: Option<DurationValue>,
    /// AWS only: the dualstack (IPv6) host.
    pub dualstack: Option<bool>,
    /// AWS only: the FIPS host.
    pub fips: Option<bool>,
    /// AWS only: S3 Transfer Acceleration.
    pub accelerate: Option<bool>,
    /// When temporary keys expire (RFC 3339): presign warns when a URL would outlive them.
    pub credential_expiration: Option<String>,
}

/// `expires = "1h"` or `expires = 3600`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum DurationValue {
    Seconds(u64),
    Text(String),
}

impl DurationValue {
    /// The value as `--expires` would take it.
    pub fn to_text(&self) -> String {
        match self {
            DurationValue::Seconds(s) => s.to_string(),
            DurationValue::Text(t) => t.clone(),
        }
    }
}

impl ProfileFile {
    /// Parses the file's text; `path` is only used in error messages.
    pub fn parse(path: &str, text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((1, 1));
            Error::ProfileSyntax {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim_end().replace('\n', "; "),
            }
        })
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_file() {
        let f = ProfileFile::parse(
            "c.toml",
            r#"
default_profile = "storj"
[profiles.storj]
endpoint = "us1"
region = "us-east-1"
access_key = "AK"
secret_key = "SK"
session_token = "T"
signature = "v2"
virtual_host = true
expires = "1h"
dualstack = true
fips = false
accelerate = true
credential_expiration = "2026-01-01T06:00:00Z"
[profiles.other]
expires = 60
"#,
        )
        .unwrap();
        assert_eq!(f.default_profile.as_deref(), Some("storj"));
        let p = &f.profiles["storj"];
        assert_eq!(p.secret_key.as_ref().unwrap().expose(), "SK");
        assert_eq!(p.virtual_host, Some(true));
        assert_eq!(
            (p.dualstack, p.fips, p.accelerate),
            (Some(true), Some(false), Some(true))
        );
        assert_eq!(
            p.credential_expiration.as_deref(),
            Some("2026-01-01T06:00:00Z")
        );
        assert_eq!(
            f.profiles["other"].expires,
            Some(DurationValue::Seconds(60))
        );
    }

    #[test]
    fn unknown_key_is_named_with_its_position() {
        let e = ProfileFile::parse("c.toml", "[profiles.x]\nacess_key = \"AK\"\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("c.toml:2:1: "), "{msg}");
        assert!(msg.contains("acess_key"), "{msg}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = ProfileFile::parse("c.toml", "[profiles.x]\nregion = \n").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:"), "{e}");
    }

    #[test]
    fn a_secret_of_the_wrong_type_is_not_echoed() {
        let e = ProfileFile::parse("c.toml", "[profiles.x]\nsecret_key = 123456789\n").unwrap_err();
        assert!(!e.to_string().contains("123456789"), "{e}");
    }
}
