//! A snapshot of the environment variables the settings read, taken once by the caller.
//!
//! Empty values count as unset, as most tools treat them. The values of the secret
//! variables are kept as [`Secret`] from the moment they are read, so `Debug` on an
//! `Environment` cannot print them and they are wiped on drop.

use crate::Secret;
use std::ffi::OsString;
use std::path::PathBuf;

/// The variables presign reads, from the process or from wherever the caller keeps them
/// (a binding's `os.environ`, a test's table).
#[derive(Debug, Default)]
pub struct Environment {
    vars: Vec<(&'static str, Value)>,
    /// Variables that are set but not valid UTF-8: an error, not silently unset.
    pub(crate) not_utf8: Vec<&'static str>,
    pub(crate) home: Option<PathBuf>,
    pub(crate) xdg_config_home: Option<PathBuf>,
}

/// A variable's value: plain, or a secret that `Debug` redacts.
#[derive(Debug)]
enum Value {
    Plain(String),
    Secret(Secret),
}

const NAMES: [&str; 25] = [
    "PRESIGN_ACCESS_KEY",
    "PRESIGN_SECRET_KEY",
    "PRESIGN_SESSION_TOKEN",
    "PRESIGN_ENDPOINT",
    "PRESIGN_REGION",
    "PRESIGN_PROFILE",
    "PRESIGN_CONFIG",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL",
    "AWS_DEFAULT_PROFILE",
    "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
];

/// The variables whose values are secrets.
const SECRET_NAMES: [&str; 5] = [
    "PRESIGN_SECRET_KEY",
    "PRESIGN_SESSION_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
];

impl Environment {
    /// The process's own variables.
    #[cfg(feature = "system")]
    pub fn from_process() -> Self {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// The snapshot, with `lookup` giving each variable's value (`None` when unset).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Self {
        let path = |name| lookup(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let mut vars = Vec::new();
        let mut not_utf8 = Vec::new();
        for name in NAMES {
            match lookup(name).map(OsString::into_string) {
                Some(Ok(value)) if !value.is_empty() => {
                    let value = if SECRET_NAMES.contains(&name) {
                        Value::Secret(Secret::new(value))
                    } else {
                        Value::Plain(value)
                    };
                    vars.push((name, value));
                }
                Some(Err(_)) => not_utf8.push(name),
                _ => {}
            }
        }
        Environment {
            vars,
            not_utf8,
            home: path("HOME"),
            xdg_config_home: path("XDG_CONFIG_HOME"),
        }
    }

    fn value(&self, name: &str) -> Option<&Value> {
        debug_assert!(NAMES.contains(&name), "{name} is not in Environment::NAMES");
        self.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The value of `name`, one of the variables presign reads that hold no secret.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        match self.value(name)? {
            Value::Plain(v) => Some(v),
            Value::Secret(_) => {
                debug_assert!(false, "{name} holds a secret: use Environment::secret");
                None
            }
        }
    }

    /// The value of `name`, one of the variables that hold a secret.
    pub(crate) fn secret(&self, name: &str) -> Option<&Secret> {
        match self.value(name)? {
            Value::Secret(v) => Some(v),
            Value::Plain(_) => {
                debug_assert!(false, "{name} holds no secret: use Environment::get");
                None
            }
        }
    }

    /// The first of `names` that holds a secret and is set, with its name.
    pub(crate) fn first_secret(&self, names: &[&'static str]) -> Option<(&'static str, &Secret)> {
        names.iter().find_map(|&n| self.secret(n).map(|v| (n, v)))
    }

    /// The first of `names` that is set, with its name.
    pub(crate) fn first(&self, names: &[&'static str]) -> Option<(&'static str, &str)> {
        names.iter().find_map(|&n| self.get(n).map(|v| (n, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        Environment::from_lookup(|name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn debug_never_shows_a_secret_variable() {
        let e = env(&[
            ("PRESIGN_SECRET_KEY", "SECRET-ONE"),
            ("PRESIGN_SESSION_TOKEN", "SECRET-TWO"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET-THREE"),
            ("AWS_SESSION_TOKEN", "SECRET-FOUR"),
            ("AWS_REGION", "eu-west-1"),
        ]);
        let debug = format!("{e:?} {e:#?}");
        assert!(!debug.contains("SECRET-"), "{debug}");
        assert!(
            debug.contains("AWS_SECRET_ACCESS_KEY") && debug.contains("eu-west-1"),
            "{debug}"
        );
        assert_eq!(
            e.secret("AWS_SESSION_TOKEN").map(Secret::expose),
            Some("SECRET-FOUR")
        );
        assert_eq!(e.get("AWS_REGION"), Some("eu-west-1"));
    }

    #[cfg(unix)] // builds a non-UTF-8 OsString from bytes, which only Unix allows
    #[test]
    fn empty_is_unset_and_not_utf8_is_recorded() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(b"x\xff".to_vec());
        let e = Environment::from_lookup(|name| match name {
            "AWS_REGION" => Some(OsString::new()),
            "PRESIGN_SECRET_KEY" => Some(bad.clone()),
            _ => None,
        });
        assert_eq!(e.get("AWS_REGION"), None);
        assert_eq!(e.not_utf8, ["PRESIGN_SECRET_KEY"]);
    }
}
