//! The resolved settings as lines a user can read, each with where it came from: what
//! `presign config` prints on stdout and `--verbose` on stderr. The secret key and the
//! session token are shown only as set or not.

use crate::cli::config::Settings;
use presign::post::push_json_string;
use presign::{AddressingStyle, SignatureVersion};

/// One setting: its name, its value as shown, and where it came from.
pub struct Shown {
    pub name: &'static str,
    pub value: String,
    pub source: String,
}

/// Every setting a URL is signed with, in the order `presign config` prints them.
pub fn settings(s: &Settings) -> Vec<Shown> {
    let config = &s.config;
    let sources = &s.sources;
    let default = |source: &Option<String>, why: &str| {
        source.clone().unwrap_or_else(|| format!("default{why}"))
    };
    let set = |on: bool| if on { "set" } else { "not set" }.to_owned();
    let token = config.credentials.session_token().is_some();
    let region_default = match s.provider.region() {
        Some(_) => " (the endpoint's)",
        None => "",
    };
    let mut shown = vec![
        Shown {
            name: "access_key",
            value: config.credentials.access_key().to_owned(),
            source: sources.access_key.clone(),
        },
        Shown {
            name: "secret_key",
            value: set(true),
            source: sources.secret_key.clone(),
        },
        Shown {
            name: "session_token",
            value: set(token),
            source: sources
                .session_token
                .clone()
                .unwrap_or_else(|| "-".to_owned()),
        },
        Shown {
            name: "endpoint",
            value: config.endpoint.to_string(),
            source: sources.endpoint.clone(),
        },
        Shown {
            name: "provider",
            value: s.provider.describe(),
            source: "the endpoint".to_owned(),
        },
        Shown {
            name: "region",
            value: config.region.clone(),
            source: default(&sources.region, region_default),
        },
        Shown {
            name: "signature",
            value: match config.signature {
                SignatureVersion::V4 => "v4",
                SignatureVersion::V2 => "v2",
            }
            .to_owned(),
            source: default(&sources.signature, ""),
        },
        Shown {
            name: "addressing",
            value: match (config.auto_addressing, config.addressing) {
                (true, _) => "virtual host where the bucket name allows, else path",
                (false, AddressingStyle::VirtualHost) => "virtual host",
                (false, AddressingStyle::Path) => "path",
            }
            .to_owned(),
            source: default(&sources.addressing, " (the endpoint's)"),
        },
    ];
    for (name, source) in [
        ("dualstack", &sources.dualstack),
        ("fips", &sources.fips),
        ("accelerate", &sources.accelerate),
    ] {
        if let Some(source) = source {
            shown.push(Shown {
                name,
                value: "on".to_owned(),
                source: source.clone(),
            });
        }
    }
    shown.push(Shown {
        name: "expires",
        value: format!("{} s", config.expires.as_secs()),
        source: default(&sources.expires, ""),
    });
    let (profile, chosen_by) = match &sources.profile {
        Some((name, by)) => (name.clone(), default(by, "")),
        None => ("none".to_owned(), "no profile file was needed".to_owned()),
    };
    shown.push(Shown {
        name: "profile",
        value: profile,
        source: chosen_by,
    });
    shown
}

/// One line per setting, aligned: `region      eu-west-1   AWS_REGION`.
pub fn text(s: &Settings) -> String {
    let shown = settings(s);
    let name_width = shown.iter().map(|s| s.name.len()).max().unwrap_or(0);
    let value_width = shown.iter().map(|s| s.value.len()).max().unwrap_or(0);
    let mut out = String::new();
    for line in &shown {
        let text = format!(
            "{:name_width$}  {:value_width$}  {}",
            line.name, line.value, line.source
        );
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// One JSON object: each setting's name to `{"value": ..., "source": ...}`.
pub fn json(s: &Settings) -> String {
    let mut out = String::from("{");
    for (i, line) in settings(s).iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, line.name);
        out.push_str(":{\"value\":");
        push_json_string(&mut out, &line.value);
        out.push_str(",\"source\":");
        push_json_string(&mut out, &line.source);
        out.push('}');
    }
    out.push_str("}\n");
    out
}
