//! Where the bucket lives, chosen from the merged settings: the provider (a preset, a URL,
//! or the default the keys imply), the signing region, the endpoint with the AWS options,
//! how buckets are addressed, and the provider's limits that depend on the signature.

use crate::cli::failure::Failure;
use crate::cli::layer::{Layer, Val};
use crate::cli::resolve::failure_for;
use anyhow::anyhow;
use presign::{
    AddressingStyle, AwsOptions, Config, Credentials, PlaceOptions, Provider, SignatureVersion,
};

/// The provider, the configuration it resolves to, and where the endpoint came from.
pub struct Place {
    pub provider: Provider,
    /// Endpoint, region, signature and addressing set; the default expiry.
    pub config: Config,
    /// The endpoint's origin: a flag, a variable, a file, or why the default was chosen.
    pub origin: String,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3.
    pub by_keys: bool,
}

/// A value's error, blamed on where it came from (a flag: exit 2; else 1).
fn blame(origin: &str, e: presign::Error) -> Failure {
    failure_for(origin.starts_with("--"), anyhow!("{origin}: {e}"))
}

/// Chooses the provider and resolves it with the region, the AWS options, the signature
/// and the addressing ([`Provider::place`]), each error blamed on the setting at fault and
/// each warning printed; `key_origin` is where the access key came from.
pub fn choose(
    layer: &Layer,
    key_origin: Option<&str>,
    credentials: Credentials,
) -> Result<Place, Failure> {
    // With no endpoint set anywhere, the keys decide: keys from an AWS source are for AWS
    // S3, presign's own are for Storj (its first target, and the default before AWS).
    let provider: Provider = match &layer.endpoint {
        Some(v) => v.value.parse().map_err(|e| blame(&v.origin, e))?,
        None if layer.aws_keys => Provider::Aws,
        None => "global".parse()?,
    };
    let endpoint_origin = match (&layer.endpoint, key_origin) {
        (Some(v), _) => v.origin.clone(),
        (None, Some(keys)) if layer.aws_keys => {
            let region = layer.region.as_ref().map_or("us-east-1", |v| &v.value);
            format!("AWS S3 for {region}, because the keys came from {keys} and no endpoint is set")
        }
        _ => "the default".to_owned(),
    };
    let signature = match &layer.signature {
        Some(v) => v.value.parse().map_err(|e| blame(&v.origin, e))?,
        None => SignatureVersion::default(),
    };
    let options = PlaceOptions {
        region: layer.region.as_ref().map(|v| v.value.clone()),
        aws: AwsOptions {
            dualstack: layer.dualstack.as_ref().is_some_and(|v| v.value),
            fips: layer.fips.as_ref().is_some_and(|v| v.value),
            accelerate: layer.accelerate.as_ref().is_some_and(|v| v.value),
        },
        addressing: layer.virtual_host.as_ref().map(|v| match v.value {
            true => AddressingStyle::VirtualHost,
            false => AddressingStyle::Path,
        }),
        signature,
    };
    let placement = provider
        .place(&options)
        .map_err(|e| refusal(e, layer, &endpoint_origin))?;
    for warning in &placement.warnings {
        let region = layer.region.as_ref().map_or("the default", |v| &v.origin);
        eprintln!(
            "presign: warning: {}",
            warning.message(Some((region, &endpoint_origin)))
        );
    }
    Ok(Place {
        provider,
        config: placement.into_config(credentials),
        origin: endpoint_origin,
        by_keys: layer.endpoint.is_none() && layer.aws_keys,
    })
}

/// The library's refusal, naming where the value at fault came from; its origin decides
/// the exit code.
fn refusal(e: presign::Error, layer: &Layer, endpoint_origin: &str) -> Failure {
    match &e {
        presign::Error::InvalidRegion { .. } => {
            let origin = layer.region.as_ref().map_or("--region", |v| &v.origin);
            return blame(origin, e);
        }
        presign::Error::SigV2Unsupported { reason } => {
            let signature = layer
                .signature
                .as_ref()
                .map_or("--signature", |v| &v.origin);
            return failure_for(
                signature.starts_with("--") || endpoint_origin.starts_with("--"),
                anyhow!(
                    "{signature}: {reason} (endpoint from {endpoint_origin}); use --signature v4"
                ),
            );
        }
        presign::Error::PathStyleWithAccelerate => {
            let accelerate = layer
                .accelerate
                .as_ref()
                .map_or("--accelerate", |a| &a.origin);
            let path = layer.virtual_host.as_ref();
            return failure_for(
                path.is_some_and(Val::is_flag) || accelerate.starts_with("--"),
                anyhow!(
                    "{}: path style cannot be used with S3 Transfer Acceleration ({accelerate}), which takes the bucket in the host name; drop one of them",
                    path.map_or("--path-style", |v| &v.origin)
                ),
            );
        }
        _ => {}
    }
    // The option the error names is the value at fault; its origin decides the code.
    let option = match &e {
        presign::Error::AwsOnlyOption { option, .. }
        | presign::Error::AwsOptionUnavailable { option, .. } => Some(*option),
        _ => None,
    };
    let set = match option {
        Some("--dualstack") => layer.dualstack.as_ref(),
        Some("--fips") => layer.fips.as_ref(),
        Some("--accelerate") => layer.accelerate.as_ref(),
        _ => None,
    };
    // No such setting: the region asked for it (`fips-REGION`), or is at fault itself.
    let origin = set
        .map(|v| v.origin.as_str())
        .or(layer.region.as_ref().map(|v| v.origin.as_str()))
        .unwrap_or(endpoint_origin);
    let text = e.to_string();
    let error = if text.starts_with(origin) {
        anyhow!("{text} (endpoint from {endpoint_origin})")
    } else {
        anyhow!("{origin}: {text} (endpoint from {endpoint_origin})")
    };
    failure_for(origin.starts_with("--"), error)
}
