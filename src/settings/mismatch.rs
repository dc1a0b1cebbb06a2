//! Keys and an endpoint that belong to different providers. The settings chain takes each
//! setting from the first source that has it, so keys exported for AWS can meet the
//! endpoint of a Storj profile: the provider refuses the URL, and the access key id has
//! been handed to a provider it is not for.
//!
//! - The access key's shape says which provider it is for: AWS issues ids of 20
//!   characters starting `AKIA` or `ASIA`, and no other provider does. When the shape
//!   contradicts the endpoint and the two came from different sources, the URL cannot
//!   work. It is refused where the settings show the mix-up (the endpoint's source had
//!   keys of its own that were passed over, or the keys' source named an endpoint of its
//!   own that was overridden); otherwise, as when keys exported in the environment meet
//!   an endpoint typed on the command line, a warning says the provider will refuse it.
//! - Keys of any shape signing for an endpoint whose own source had other keys, or whose
//!   own source named another endpoint, get a warning naming both sources.
//! - No endpoint set and AWS-shaped keys of presign's own: the default, Storj's gateway,
//!   gets a warning.
//!
//! AWS's documented example key, `AKIAIOSFODNN7EXAMPLE`, which examples use with every
//! provider, draws none of the warnings for another provider's endpoint (it is still
//! refused where the settings show a mix-up).

use crate::Provider;
use crate::settings::layer::{EndpointSource, Layer};
use crate::settings::{Error, Naming, Setting, is_override};

/// Whether `access_key` has the shape of an AWS access key id: `AKIA` (long-term) or
/// `ASIA` (temporary) and 16 more upper-case letters and digits. No other provider issues
/// ids of that shape but Wasabi, whose 20 random characters could take it.
///
/// ```
/// assert!(presign::settings::is_aws_key("AKIAIOSFODNN7EXAMPLE"));
/// assert!(!presign::settings::is_aws_key("jwexamplestorjaccesskeyid0aa"));
/// ```
pub fn is_aws_key(access_key: &str) -> bool {
    access_key.len() == 20
        && (access_key.starts_with("AKIA") || access_key.starts_with("ASIA"))
        && access_key
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The access key id of AWS's documentation: no account has it, and examples use it with
/// every provider, so it draws no warning for an endpoint that is not AWS's.
pub const AWS_EXAMPLE_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// Where the keys and the endpoint came from.
pub(crate) struct Origins<'a> {
    pub(crate) access_key: &'a str,
    pub(crate) key_origin: &'a str,
    pub(crate) endpoint_origin: &'a str,
    pub(crate) naming: Naming,
}

/// What the key's shape says against the endpoint, if anything.
enum Contradiction {
    /// An AWS key id for another provider's endpoint. `certain`: the provider issues no
    /// key of that shape (Wasabi's 20 random upper-case characters could, in theory).
    AwsKeyElsewhere { certain: bool },
    /// A key that is not an AWS key id, for AWS S3.
    OtherKeyOnAws,
}

/// Whose endpoint this is, as far as the key's shape can tell: AWS, a provider that
/// issues its own keys, or one that cannot be told (an endpoint URL of a server of one's
/// own, which takes whatever keys it was given).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Aws,
    /// Another provider; `aws_shaped_keys`: whether it could issue an id of AWS's shape
    /// (Wasabi's are 20 random upper-case letters and digits).
    Other {
        aws_shaped_keys: bool,
    },
    Unknown,
}

/// Endpoint URLs of the providers the presets stand for count as those providers.
fn owner(provider: &Provider) -> Owner {
    let host = match provider {
        Provider::Aws => return Owner::Aws,
        Provider::Wasabi { .. } => {
            return Owner::Other {
                aws_shaped_keys: true,
            };
        }
        Provider::Url(endpoint) => endpoint.host().to_ascii_lowercase(),
        _ => {
            return Owner::Other {
                aws_shaped_keys: false,
            };
        }
    };
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if under("amazonaws.com") || under("amazonaws.com.cn") {
        Owner::Aws
    } else if under("wasabisys.com") {
        Owner::Other {
            aws_shaped_keys: true,
        }
    } else if [
        "storjshare.io",
        "r2.cloudflarestorage.com",
        "backblazeb2.com",
        "storage.googleapis.com",
        "digitaloceanspaces.com",
    ]
    .iter()
    .any(|d| under(d))
    {
        Owner::Other {
            aws_shaped_keys: false,
        }
    } else {
        Owner::Unknown
    }
}

fn contradiction(access_key: &str, provider: &Provider) -> Option<Contradiction> {
    let aws_key = is_aws_key(access_key);
    match owner(provider) {
        Owner::Aws if !aws_key => Some(Contradiction::OtherKeyOnAws),
        Owner::Other { aws_shaped_keys } if aws_key => Some(Contradiction::AwsKeyElsewhere {
            certain: !aws_shaped_keys,
        }),
        _ => None,
    }
}

/// Refuses keys that cannot work with the endpoint where the settings show a mix-up, and
/// adds a warning where the key and the endpoint only look mismatched.
pub(crate) fn check(
    layer: &Layer,
    provider: &Provider,
    o: &Origins<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let key = crate::quote::Quoted(o.access_key);
    let endpoint_flag = o.naming.name(Setting::Endpoint);
    let describe = provider.describe();
    let found = contradiction(o.access_key, provider);
    if layer.endpoint.is_none() {
        // The default: AWS for keys from an AWS source, else Storj's gateway.
        // AWS's documented example key id is a placeholder that examples (these docs'
        // too) use with every provider; a real AWS key is what deserves the warning.
        if let (Some(Contradiction::AwsKeyElsewhere { .. }), false) =
            (found, o.access_key == AWS_EXAMPLE_KEY)
        {
            warnings.push(format!(
                "access key {key} (from {}) is an AWS access key id, but no endpoint is set and the default is {describe}, which will refuse it; pass {endpoint_flag} aws to sign for AWS S3, or {endpoint_flag} with your provider",
                o.key_origin
            ));
        }
        return Ok(());
    }
    if layer.keys_beside_endpoint() {
        return Ok(()); // Set together, as the user meant them.
    }
    let passed_over = match &layer.endpoint_source {
        Some(source) if source.has_keys => Some(format!(
            "the keys in {} beside the endpoint were passed over",
            source.name
        )),
        _ => None,
    };
    let overridden = layer
        .keys_endpoint_overridden
        .as_ref()
        .map(|e| format!("the keys' own endpoint ({e}) was overridden"));
    let mix_up = passed_over.or(overridden);
    let why = match found {
        Some(Contradiction::AwsKeyElsewhere { .. }) => "is an AWS access key id",
        Some(Contradiction::OtherKeyOnAws) => {
            "is not an AWS access key id (those are 20 characters starting AKIA or ASIA)"
        }
        None => {
            if let Some(mix_up) = mix_up {
                warnings.push(format!(
                    "signing for {describe} (endpoint from {}) with access key {key} from {}: {mix_up}; {}",
                    o.endpoint_origin,
                    o.key_origin,
                    fix(layer, o)
                ));
            }
            return Ok(());
        }
    };
    let text = format!(
        "access key {key} (from {}) {why}, but the endpoint is {describe} (from {}), which will refuse it",
        o.key_origin, o.endpoint_origin
    );
    match (mix_up, found) {
        (
            Some(mix_up),
            Some(Contradiction::OtherKeyOnAws | Contradiction::AwsKeyElsewhere { certain: true }),
        ) => Err(Error::by(
            is_override(o.key_origin) || is_override(o.endpoint_origin),
            format!(
                "{text}, and the URL would hand the key id to it; {mix_up}; {}",
                fix(layer, o)
            ),
        )),
        // AWS's example key with another provider is an example, not a mistake.
        (_, Some(Contradiction::AwsKeyElsewhere { .. })) if o.access_key == AWS_EXAMPLE_KEY => {
            Ok(())
        }
        _ => {
            warnings.push(format!("{text}; {}", fix(layer, o)));
            Ok(())
        }
    }
}

/// How to make the keys and the endpoint come from one place.
fn fix(layer: &Layer, o: &Origins<'_>) -> String {
    let profile = o.naming.name(Setting::Profile);
    let endpoint = o.naming.name(Setting::Endpoint);
    match &layer.endpoint_source {
        // The endpoint's source is a profile with keys of its own: name it.
        Some(EndpointSource {
            has_keys: true,
            profile: Some(name),
            ..
        }) => format!(
            "to sign with that profile's keys, pass {profile} {}; to keep the keys from {}, pass {endpoint} for their provider",
            crate::quote::Quoted(name),
            o.key_origin
        ),
        _ => format!(
            "give keys for this endpoint, or pass {endpoint} for the provider the keys from {} are for",
            o.key_origin
        ),
    }
}
