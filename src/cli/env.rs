//! A snapshot of the environment variables presign reads, taken once at start-up.
//!
//! Empty values count as unset, as most tools treat them.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Env {
    vars: Vec<(&'static str, String)>,
    /// Variables that are set but not valid UTF-8: an error, not silently unset.
    pub not_utf8: Vec<&'static str>,
    pub home: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
}

const NAMES: [&str; 17] = [
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
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL",
    "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
];

impl Env {
    pub fn from_process() -> Self {
        let path = |name| {
            std::env::var_os(name)
                .filter(|v: &OsString| !v.is_empty())
                .map(PathBuf::from)
        };
        let mut vars = Vec::new();
        let mut not_utf8 = Vec::new();
        for name in NAMES {
            match std::env::var(name) {
                Ok(value) if !value.is_empty() => vars.push((name, value)),
                Err(std::env::VarError::NotUnicode(_)) => not_utf8.push(name),
                _ => {}
            }
        }
        Env {
            vars,
            not_utf8,
            home: path("HOME"),
            xdg_config_home: path("XDG_CONFIG_HOME"),
        }
    }

    /// The value of `name`, which must be one of the variables presign reads.
    pub fn get(&self, name: &str) -> Option<&str> {
        debug_assert!(NAMES.contains(&name), "{name} is not in Env::NAMES");
        self.vars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first of `names` that is set, with its name.
    pub fn first(&self, names: &[&'static str]) -> Option<(&'static str, &str)> {
        names.iter().find_map(|&n| self.get(n).map(|v| (n, v)))
    }
}
