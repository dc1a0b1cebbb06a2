//! The S3 providers presign knows by name: what `--endpoint aws`, `r2:ACCOUNT_ID`,
//! `b2:REGION`, `gcs`, `wasabi:REGION`, `spaces:REGION` and the Storj presets stand for —
//! host form, signing region, addressing — and what each provider does not support.
//!
//! Every fact here comes from the provider's own documentation (the `source` of each
//! [`PRESETS`](crate::endpoint::PRESETS) row, repeated in the "Providers" table of docs/reference.md).

use crate::endpoint::Endpoint;
use crate::endpoint::aws::{AwsOptions, PARTITIONS, aws_endpoint};
use crate::error::Error;
use crate::quote::Quoted;
use std::str::FromStr;

/// Storj's hosted S3 gateways, by region: `--endpoint storj:REGION` (`storj` alone is
/// `global`), or the region alone, the gateways' short preset names.
pub const STORJ_PRESETS: [(&str, &str); 4] = [
    ("global", "https://gateway.storjshare.io"),
    ("us1", "https://gateway.us1.storjshare.io"),
    ("eu1", "https://gateway.eu1.storjshare.io"),
    ("ap1", "https://gateway.ap1.storjshare.io"),
];

/// Cloudflare R2's jurisdictions, each with its own host.
const R2_JURISDICTIONS: [&str; 3] = ["eu", "fedramp", "us"];

/// Where the bucket lives: an endpoint URL, or a provider by its preset name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Provider {
    /// An endpoint given as a URL: used as written, path style by default.
    Url(Endpoint),
    /// AWS S3, for the region of the configuration ([`aws_endpoint`]).
    Aws,
    /// A Storj hosted gateway (`storj`, `storj:us1`, `storj:eu1`, `storj:ap1`): its URL.
    Storj(&'static str),
    /// Cloudflare R2: the account id and an optional jurisdiction (`eu`, `fedramp`, `us`).
    R2 {
        account: String,
        jurisdiction: Option<&'static str>,
    },
    /// Backblaze B2, in its region (`us-west-004`).
    B2 { region: String },
    /// Google Cloud Storage's XML API, with HMAC keys.
    Gcs,
    /// Wasabi, in its region (`eu-central-1`).
    Wasabi { region: String },
    /// DigitalOcean Spaces, in its region (`nyc3`).
    Spaces { region: String },
}

/// How a provider addresses buckets unless told otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultAddressing {
    /// `https://host/bucket/key`.
    Path,
    /// AWS's "auto": virtual host for buckets that can be a host name, path style for the
    /// rest (dotted names over https, legacy names).
    Auto,
}

impl FromStr for Provider {
    type Err = Error;

    /// A URL (`https://host[:port]`) or a preset: `aws`, `storj[:us1|:eu1|:ap1|:global]`
    /// (or Storj's short `global`, `us1`, `eu1`, `ap1`), `r2:ACCOUNT_ID[:eu|:fedramp|:us]`,
    /// `b2:REGION`, `gcs`, `wasabi:REGION`, `spaces:REGION`.
    ///
    /// ```
    /// use presign::Provider;
    /// let r2: Provider = "r2:0123456789abcdef0123456789abcdef:eu".parse()?;
    /// assert_eq!(r2.region(), Some("auto"));
    /// assert_eq!(
    ///     r2.endpoint("auto", Default::default())?.to_string(),
    ///     "https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com"
    /// );
    /// assert!("r3:x".parse::<Provider>().is_err());
    /// # Ok::<(), presign::Error>(())
    /// ```
    fn from_str(value: &str) -> Result<Self, Error> {
        if value.contains("://") {
            return Endpoint::parse_url(value).map(Provider::Url);
        }
        let storj = |region: &str| {
            STORJ_PRESETS
                .iter()
                .find(|(name, _)| *name == region)
                .map(|(_, url)| Provider::Storj(url))
        };
        if let Some(gateway) = storj(value) {
            return Ok(gateway);
        }
        let (name, rest) = match value.split_once(':') {
            Some((name, rest)) => (name, Some(rest)),
            None => (value, None),
        };
        // Text before an '@' may be a password or a secret key pasted in the wrong place.
        let invalid = |reason: String| Error::InvalidPreset {
            value: crate::endpoint::redact_user_info(value).into_owned(),
            reason,
        };
        let region = |example: &str| match rest.filter(|r| !r.is_empty()) {
            Some(r) if is_host_label(r) => Ok(r.to_owned()),
            Some(r) => Err(invalid(format!(
                "{} is not a region: use lowercase letters, digits and '-', as in {name}:{example}",
                Quoted(r)
            ))),
            None => Err(invalid(format!(
                "{name} needs its region: write {name}:REGION, e.g. {name}:{example}"
            ))),
        };
        match (name, rest) {
            ("aws", None) => Ok(Provider::Aws),
            ("storj", None) => Ok(Provider::Storj(STORJ_PRESETS[0].1)),
            ("storj", Some(region)) => storj(region).ok_or_else(|| {
                invalid(format!(
                    "unknown Storj gateway {}: use storj (the global gateway), storj:us1, storj:eu1 or storj:ap1",
                    Quoted(region)
                ))
            }),
            ("gcs", None) => Ok(Provider::Gcs),
            ("aws" | "gcs", Some(_)) => Err(invalid(format!(
                "{name} takes nothing after ':'; write {name} (the region is a setting of its own: --region)"
            ))),
            ("r2", None) => Err(invalid(
                "r2 needs the account id: write r2:ACCOUNT_ID (32 hex digits, from the Cloudflare dashboard)".to_owned(),
            )),
            ("r2", Some(rest)) => {
                let (account, jurisdiction) = match rest.split_once(':') {
                    Some((a, j)) => match R2_JURISDICTIONS.iter().find(|&&k| k == j) {
                        Some(j) => (a, Some(*j)),
                        None => {
                            return Err(invalid(format!(
                                "unknown R2 jurisdiction {}: use r2:ACCOUNT_ID, or add :eu, :fedramp or :us",
                                Quoted(j)
                            )));
                        }
                    },
                    None => (rest, None),
                };
                if account.len() != 32 || !account.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(invalid(format!(
                        "{} is not an R2 account id: it is 32 hex digits, shown in the Cloudflare dashboard",
                        Quoted(account)
                    )));
                }
                Ok(Provider::R2 {
                    account: account.to_ascii_lowercase(),
                    jurisdiction,
                })
            }
            ("b2", _) => region("us-west-004").map(|region| Provider::B2 { region }),
            ("wasabi", _) => region("eu-central-1").map(|region| Provider::Wasabi { region }),
            ("spaces", _) => region("nyc3").map(|region| Provider::Spaces { region }),
            _ => Err(not_a_preset(value)),
        }
    }
}

/// The error for a value that is neither a URL nor a preset: a host name without
/// `https://` (or with its `//` mistyped) is told to add it; anything else gets the presets,
/// with a hint when it looks like something else presign knows.
fn not_a_preset(value: &str) -> Error {
    if let Some(fix) = missing_scheme(value) {
        return Error::EndpointWithoutScheme {
            value: value.to_owned(),
            fix,
        };
    }
    let name = value.split(':').next().unwrap_or(value);
    let hint = if value != value.to_ascii_lowercase()
        && value.to_ascii_lowercase().parse::<Provider>().is_ok()
    {
        Some(format!(
            "presets are lowercase: write {}",
            value.to_ascii_lowercase()
        ))
    } else if PARTITIONS.iter().any(|p| p.has_region(value)) {
        Some(
            "it is an AWS region: write aws, and the region as a setting of its own (--region)"
                .to_owned(),
        )
    } else if let Some((_, fix)) = PROVIDER_WORDS
        .iter()
        .find(|(words, _)| words.contains(&name))
    {
        Some((*fix).to_owned())
    } else if is_storj_like(name) {
        Some("Storj's gateways are storj, storj:us1, storj:eu1 and storj:ap1".to_owned())
    } else {
        None
    };
    Error::UnknownEndpoint {
        value: crate::endpoint::redact_user_info(value).into_owned(),
        hint,
    }
}

/// Names of providers that are not their preset, and what to write for each.
const PROVIDER_WORDS: [(&[&str], &str); 5] = [
    (&["amazon", "s3", "amazonaws"], "for AWS S3, write aws"),
    (&["cloudflare"], "for Cloudflare R2, write r2:ACCOUNT_ID"),
    (
        &["backblaze"],
        "for Backblaze B2, write b2:REGION, e.g. b2:us-west-004",
    ),
    (
        &["google", "gcp", "gs"],
        "for Google Cloud Storage, write gcs",
    ),
    (
        &["digitalocean", "do"],
        "for DigitalOcean Spaces, write spaces:REGION, e.g. spaces:nyc3",
    ),
];

/// A Storj gateway's shape (`eu2`, `us3`): two letters and a digit.
fn is_storj_like(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 3
        && b[0].is_ascii_alphabetic()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_digit()
}

/// What to write for an endpoint given as a host name without its scheme
/// (`gateway.storjshare.io`, `s3.example.com:9000`, `localhost:9000`, `[::1]:9000`) or with
/// its `//` mistyped (`https:/h`, `https//h`): the URL, and the preset when one reaches
/// the host. `None` for anything else, and for a value with user info, which no message
/// repeats.
fn missing_scheme(value: &str) -> Option<String> {
    if value.contains('@') {
        return None;
    }
    // `https:/h`, `https//h`, `https:h`: a scheme whose `://` is mistyped.
    let mistyped = ["https", "http"].iter().find_map(|scheme| {
        let after = value.get(scheme.len()..)?;
        let rest = after.trim_start_matches([':', '/', '\\']);
        let typed = value[..scheme.len()].eq_ignore_ascii_case(scheme);
        (typed && rest.len() < after.len()).then_some((*scheme, rest))
    });
    let (scheme, rest) = mistyped.unwrap_or(("https", value));
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => (authority, v6.split_once("]:").map(|(_, p)| p)),
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let name_chars = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = host.starts_with('[') || (!host.is_empty() && host.bytes().all(name_chars));
    let hostlike = mistyped.is_some()
        || host.starts_with('[')
        || host.contains('.')
        || host.eq_ignore_ascii_case("localhost")
        || port.is_some();
    if !(host_ok && port_ok && hostlike) {
        return None;
    }
    let mut fix = format!("{scheme}://{authority}");
    if mistyped.is_none() {
        fix.push_str(" (or http:// for a server without TLS)");
    }
    // A preset that alone reaches the host (not AWS's, which also needs the region).
    if let Some(known) = crate::endpoint::hosts::known_host(host)
        && let (None, None, Some(preset)) = (known.bucket, port, known.preset)
        && known.options == format!("--endpoint {preset}")
    {
        fix.push_str(&format!(", or its preset {preset}"));
    }
    Some(fix)
}

/// A DNS label: lowercase letters, digits and '-', not at either end.
fn is_host_label(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 63
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

impl Provider {
    /// The signing region the preset implies (`auto` for R2 and GCS, the preset's region
    /// for B2, Wasabi and Spaces); `None` when the region is a setting of its own (AWS,
    /// Storj, a URL).
    pub fn region(&self) -> Option<&str> {
        match self {
            Provider::R2 { .. } | Provider::Gcs => Some("auto"),
            Provider::B2 { region } | Provider::Wasabi { region } | Provider::Spaces { region } => {
                Some(region)
            }
            Provider::Url(_) | Provider::Aws | Provider::Storj(_) => None,
        }
    }

    /// Whether signing for `region` suits this provider: its own region, or one it
    /// documents as an alias (R2 takes `us-east-1` for `auto`). Always true when the
    /// provider implies no region.
    pub fn accepts_region(&self, region: &str) -> bool {
        match (self, self.region()) {
            (Provider::R2 { .. }, _) => region == "auto" || region == "us-east-1",
            (_, Some(own)) => own == region,
            (_, None) => true,
        }
    }

    /// The endpoint, for the signing `region` (AWS) and the AWS-only `options`.
    ///
    /// `options` other than the default are refused for every other provider: they name
    /// AWS hosts.
    pub fn endpoint(&self, region: &str, options: AwsOptions) -> Result<Endpoint, Error> {
        if !matches!(self, Provider::Aws) {
            let set = [
                (options.dualstack, "--dualstack"),
                (options.fips, "--fips"),
                (options.accelerate, "--accelerate"),
            ];
            if let Some((_, option)) = set.iter().find(|(on, _)| *on) {
                return Err(Error::AwsOnlyOption {
                    option,
                    endpoint: self.describe(),
                });
            }
        }
        let url = match self {
            Provider::Url(endpoint) => return Ok(endpoint.clone()),
            Provider::Aws => return aws_endpoint(region, options),
            Provider::Storj(url) => (*url).to_owned(),
            Provider::R2 {
                account,
                jurisdiction,
            } => match jurisdiction {
                Some(j) => format!("https://{account}.{j}.r2.cloudflarestorage.com"),
                None => format!("https://{account}.r2.cloudflarestorage.com"),
            },
            Provider::B2 { region } => format!("https://s3.{region}.backblazeb2.com"),
            Provider::Gcs => "https://storage.googleapis.com".to_owned(),
            Provider::Wasabi { region } => format!("https://s3.{region}.wasabisys.com"),
            Provider::Spaces { region } => format!("https://{region}.digitaloceanspaces.com"),
        };
        Endpoint::parse_url(&url)
    }

    /// How buckets are addressed unless `--path-style` or `--virtual-host` says otherwise.
    pub fn default_addressing(&self) -> DefaultAddressing {
        match self {
            Provider::Aws | Provider::Spaces { .. } => DefaultAddressing::Auto,
            Provider::Url(e) if is_s3_accelerate_url(e) => DefaultAddressing::Auto,
            _ => DefaultAddressing::Path,
        }
    }

    /// The provider's name and endpoint form, for messages: `Cloudflare R2 (r2:...)`.
    pub fn describe(&self) -> String {
        match self {
            Provider::Url(e) => e.to_string(),
            Provider::Aws => "AWS S3 (aws)".to_owned(),
            Provider::Storj(url) => format!("Storj ({url})"),
            Provider::R2 { .. } => "Cloudflare R2".to_owned(),
            Provider::B2 { region } => format!("Backblaze B2 (b2:{region})"),
            Provider::Gcs => "Google Cloud Storage (gcs)".to_owned(),
            Provider::Wasabi { region } => format!("Wasabi (wasabi:{region})"),
            Provider::Spaces { region } => format!("DigitalOcean Spaces (spaces:{region})"),
        }
    }

    /// Why SigV2 cannot sign for this provider, if it cannot.
    pub fn sigv2_refusal(&self) -> Option<&'static str> {
        match self {
            Provider::R2 { .. } => Some("Cloudflare R2 accepts SigV4 only"),
            Provider::B2 { .. } => Some("Backblaze B2's S3 API accepts SigV4 only"),
            _ => None,
        }
    }

    /// Why a browser upload form (POST policy) cannot work with this provider, if it
    /// cannot: an error, with what to use instead.
    pub fn post_refusal(&self) -> Option<&'static str> {
        match self {
            Provider::R2 { .. } => Some(
                "Cloudflare R2 does not implement POST object (browser form uploads); presign a PUT URL instead: presign put BUCKET/KEY",
            ),
            _ => None,
        }
    }

    /// A doubt about POST forms worth a warning: the provider does not document them.
    pub fn post_warning(&self) -> Option<&'static str> {
        match self {
            Provider::B2 { .. } => Some(
                "Backblaze B2 does not list POST object (browser form uploads) among its S3 calls; if the form is refused, presign a PUT URL instead",
            ),
            _ => None,
        }
    }
}

/// An endpoint URL of S3 Transfer Acceleration as botocore recognizes one
/// (`is_s3_accelerate_url`): the host `s3-accelerate.amazonaws.com`, or with `dualstack`
/// between, no port. botocore then addresses buckets as AWS does (virtual host where the
/// name allows), not in the path as for other endpoint URLs.
fn is_s3_accelerate_url(endpoint: &Endpoint) -> bool {
    if endpoint.url_authority().contains(':') {
        return false; // botocore compares the whole netloc, port included.
    }
    let host = endpoint.host().to_ascii_lowercase();
    let Some(features) = host
        .strip_prefix("s3-accelerate")
        .and_then(|h| h.strip_suffix("amazonaws.com"))
    else {
        return false;
    };
    matches!(features, "." | ".dualstack.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::preset::{PRESET_NAMES, PRESETS, Preset};

    fn endpoint(value: &str) -> String {
        let p: Provider = value.parse().unwrap();
        let region = p.region().unwrap_or("us-east-1").to_owned();
        p.endpoint(&region, AwsOptions::default())
            .unwrap()
            .to_string()
    }

    const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn each_preset_is_its_providers_documented_host() {
        for (value, url) in [
            ("aws", "https://s3.amazonaws.com"),
            ("gcs", "https://storage.googleapis.com"),
            ("global", "https://gateway.storjshare.io"),
            ("eu1", "https://gateway.eu1.storjshare.io"),
            ("b2:us-west-004", "https://s3.us-west-004.backblazeb2.com"),
            (
                "wasabi:eu-central-1",
                "https://s3.eu-central-1.wasabisys.com",
            ),
            ("spaces:nyc3", "https://nyc3.digitaloceanspaces.com"),
        ] {
            assert_eq!(endpoint(value), url, "{value}");
        }
        assert_eq!(
            endpoint(&format!("r2:{ACCOUNT}")),
            format!("https://{ACCOUNT}.r2.cloudflarestorage.com")
        );
        for j in ["eu", "fedramp", "us"] {
            assert_eq!(
                endpoint(&format!("r2:{}:{j}", ACCOUNT.to_uppercase())),
                format!("https://{ACCOUNT}.{j}.r2.cloudflarestorage.com")
            );
        }
    }

    #[test]
    fn every_listed_preset_parses_once_its_placeholders_are_filled() {
        for preset in PRESETS {
            let value = preset
                .name
                .replace("ACCOUNT_ID", ACCOUNT)
                .replace("REGION", "eu-central-1");
            let p: Provider = value.parse().unwrap();
            let url = endpoint(&value);
            let expected = preset
                .endpoint
                .split(' ')
                .next()
                .unwrap()
                .replace("ACCOUNT_ID", ACCOUNT)
                .replace("REGION", "eu-central-1");
            assert_eq!(url, expected, "{value}");
            let addressing = match p.default_addressing() {
                DefaultAddressing::Path => "path",
                DefaultAddressing::Auto => "auto",
            };
            assert_eq!(addressing, preset.addressing, "{value}");
            let region = p.region().unwrap_or("us-east-1");
            assert!(
                preset.region.replace("REGION", "eu-central-1") == region
                    || preset.region.contains("us-east-1"),
                "{value}: {region}"
            );
        }
        for name in PRESET_NAMES {
            let listed = |p: &Preset| {
                p.name.starts_with(name) || p.aliases.iter().any(|a| a.starts_with(name))
            };
            assert!(PRESETS.iter().any(listed), "{name}");
        }
    }

    /// Each alias is its preset's other name: the same provider, byte for byte.
    #[test]
    fn every_alias_is_its_preset() {
        for preset in PRESETS {
            for alias in preset.aliases {
                assert_eq!(
                    alias.parse::<Provider>().unwrap(),
                    preset.name.parse::<Provider>().unwrap(),
                    "{alias}"
                );
            }
        }
    }

    /// Storj, the default endpoint, had no name of its own: `--endpoint storj` was refused,
    /// and `global`, `us1`, `eu1` and `ap1` did not say whose they were.
    #[test]
    fn storj_has_presets_of_its_own_and_keeps_the_old_names() {
        for (new, old, url) in [
            ("storj", "global", "https://gateway.storjshare.io"),
            ("storj:global", "global", "https://gateway.storjshare.io"),
            ("storj:us1", "us1", "https://gateway.us1.storjshare.io"),
            ("storj:eu1", "eu1", "https://gateway.eu1.storjshare.io"),
            ("storj:ap1", "ap1", "https://gateway.ap1.storjshare.io"),
        ] {
            assert_eq!(endpoint(new), url, "{new}");
            assert_eq!(endpoint(old), url, "{old}");
            let p: Provider = new.parse().unwrap();
            assert_eq!(p.describe(), format!("Storj ({url})"));
            assert_eq!(p.default_addressing(), DefaultAddressing::Path);
        }
    }

    #[test]
    fn bad_presets_say_what_to_write() {
        for (value, says) in [
            ("r2", "r2 needs the account id: write r2:ACCOUNT_ID"),
            ("r2:", "\"\" is not an R2 account id"),
            (
                "r2:1234",
                "\"1234\" is not an R2 account id: it is 32 hex digits",
            ),
            (
                "r2:0123456789abcdef0123456789abcdeg",
                "is not an R2 account id",
            ),
            (
                "r2:0123456789abcdef0123456789abcdef:asia",
                "unknown R2 jurisdiction \"asia\"",
            ),
            (
                "b2",
                "b2 needs its region: write b2:REGION, e.g. b2:us-west-004",
            ),
            ("b2:", "needs its region"),
            ("wasabi:EU_1", "\"EU_1\" is not a region"),
            ("spaces:-nyc3", "is not a region"),
            ("aws:eu-west-1", "aws takes nothing after ':'"),
            ("gcs:x", "gcs takes nothing after ':'"),
            (
                "storj:eu2",
                "invalid endpoint \"storj:eu2\": unknown Storj gateway \"eu2\": use storj (the global gateway), storj:us1, storj:eu1 or storj:ap1",
            ),
            ("storj:", "unknown Storj gateway \"\""),
            (
                "eu2",
                "unknown endpoint \"eu2\": Storj's gateways are storj, storj:us1, storj:eu1 and storj:ap1; else use a URL",
            ),
            (
                "us-east-1",
                "it is an AWS region: write aws, and the region as a setting of its own (--region)",
            ),
            ("Storj:EU1", "presets are lowercase: write storj:eu1"),
            ("cloudflare", "for Cloudflare R2, write r2:ACCOUNT_ID"),
            ("", "unknown endpoint"),
        ] {
            let e = match value.parse::<Provider>() {
                Err(e) => e.to_string(),
                Ok(p) => panic!("{value}: {p:?}"),
            };
            assert!(e.contains(says), "{value}: {e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }

    /// The unknown-endpoint message listed the presets without their providers, so
    /// nothing said that `global`, `us1`, `eu1` and `ap1` are Storj's.
    #[test]
    fn unknown_endpoints_list_the_presets_by_provider() {
        let e = "r3:abc".parse::<Provider>().unwrap_err().to_string();
        assert_eq!(
            e,
            "unknown endpoint \"r3:abc\": use a URL such as https://s3.example.com[:port] or a preset (presign endpoints describes them): AWS: aws; Storj: storj, storj:us1, storj:eu1, storj:ap1, also storj:global, global, us1, eu1, ap1; Cloudflare R2: r2:ACCOUNT_ID, r2:ACCOUNT_ID:eu, r2:ACCOUNT_ID:fedramp, r2:ACCOUNT_ID:us; Backblaze B2: b2:REGION; Google Cloud Storage: gcs; Wasabi: wasabi:REGION; DigitalOcean Spaces: spaces:REGION"
        );
    }

    /// A host name given as the endpoint was refused as an unknown preset, without saying
    /// that an endpoint URL starts with https://.
    #[test]
    fn an_endpoint_host_without_https_says_to_add_it() {
        for (value, fix) in [
            (
                "gateway.storjshare.io",
                "write https://gateway.storjshare.io (or http:// for a server without TLS), or its preset storj",
            ),
            (
                "s3.example.com:9000",
                "write https://s3.example.com:9000 (or http:// for a server without TLS)",
            ),
            (
                "localhost:9000",
                "write https://localhost:9000 (or http:// for a server without TLS)",
            ),
            (
                "minio:9000",
                "write https://minio:9000 (or http:// for a server without TLS)",
            ),
            (
                "[::1]:9000",
                "write https://[::1]:9000 (or http:// for a server without TLS)",
            ),
            (
                "s3.eu-west-1.amazonaws.com",
                "write https://s3.eu-west-1.amazonaws.com (or http:// for a server without TLS)",
            ),
            ("https:/h.example", "write https://h.example"),
            ("http//h.example:80", "write http://h.example:80"),
            (
                "https:gateway.eu1.storjshare.io",
                "write https://gateway.eu1.storjshare.io, or its preset storj:eu1",
            ),
        ] {
            let e = value.parse::<Provider>().unwrap_err().to_string();
            assert_eq!(
                e,
                format!("invalid endpoint {value:?}: an endpoint is a URL; {fix}"),
                "{value}"
            );
            assert!(value.parse::<Endpoint>().is_err(), "{value}");
        }
        // A URL's fix never repeats user info; the value is redacted as before.
        let e = "AK:SECRET@s3.example.com".parse::<Provider>().unwrap_err();
        assert!(!e.to_string().contains("SECRET"), "{e}");
        assert!(matches!(e, Error::UnknownEndpoint { .. }), "{e}");
    }

    #[test]
    fn regions_and_limits() {
        let r2: Provider = format!("r2:{ACCOUNT}").parse().unwrap();
        assert!(r2.accepts_region("auto") && r2.accepts_region("us-east-1"));
        assert!(!r2.accepts_region("eu-west-1"));
        assert!(r2.sigv2_refusal().is_some() && r2.post_refusal().is_some());
        let b2: Provider = "b2:us-west-004".parse().unwrap();
        assert!(b2.accepts_region("us-west-004") && !b2.accepts_region("us-east-1"));
        assert!(b2.sigv2_refusal().is_some() && b2.post_refusal().is_none());
        assert!(b2.post_warning().is_some());
        let aws = Provider::Aws;
        assert!(aws.accepts_region("anything") && aws.sigv2_refusal().is_none());
        let e = b2
            .endpoint(
                "us-west-004",
                AwsOptions {
                    accelerate: true,
                    ..AwsOptions::default()
                },
            )
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("--accelerate") && e.contains("b2:us-west-004"),
            "{e}"
        );
    }
}
