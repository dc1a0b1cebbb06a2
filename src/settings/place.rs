//! Where the bucket lives, chosen from the merged settings: the provider (a preset, a URL,
//! or the default the keys imply), the signing region, the endpoint with the AWS options,
//! how buckets are addressed, and the provider's limits that depend on the signature.

use crate::endpoint::{AwsOptions, PlaceOptions, Placement};
use crate::quote::Quoted;
use crate::settings::layer::{Layer, Val};
use crate::settings::{Error, is_override};
use crate::{AddressingStyle, Provider, SignatureVersion};

/// The provider, where the bucket lives with it, and where the endpoint came from.
pub(crate) struct Place {
    pub(crate) provider: Provider,
    /// Endpoint, region, signature and addressing.
    pub(crate) placement: Placement,
    /// The endpoint's origin: a flag, a variable, a file, or why the default was chosen.
    pub(crate) origin: String,
    /// The region's origin, when the region set is the one signed with.
    pub(crate) region_origin: Option<String>,
    /// The origins of the AWS switches in effect.
    pub(crate) aws: AwsOrigins,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3.
    pub(crate) by_keys: bool,
}

/// Where the AWS switches in effect came from.
#[derive(Default)]
pub(crate) struct AwsOrigins {
    pub(crate) dualstack: Option<String>,
    pub(crate) fips: Option<String>,
    pub(crate) accelerate: Option<String>,
}

/// A value's error, blamed on where it came from.
fn blame(origin: &str, e: crate::Error) -> Error {
    Error::blame(origin, e)
}

/// Chooses the provider and resolves it with the region, the AWS options, the signature
/// and the addressing ([`Provider::place`]), each error blamed on the setting at fault and
/// each warning added to `warnings`; `key_origin` is where the access key came from.
pub(crate) fn choose(
    layer: &Layer,
    key_origin: Option<&str>,
    signature: SignatureVersion,
    warnings: &mut Vec<String>,
) -> Result<Place, Error> {
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
    let region = region_for(&provider, layer);
    if let Some(r) = region.filter(|_| layer.aws_side_options.region) {
        check_aws_region(r)?;
    }
    let aws = aws_options(&provider, layer);
    let options = PlaceOptions {
        region: region.map(|v| v.value.clone()),
        aws: AwsOptions {
            dualstack: aws.dualstack.is_some_and(|v| v.value),
            fips: aws.fips.is_some_and(|v| v.value),
            accelerate: aws.accelerate.is_some_and(|v| v.value),
        },
        addressing: layer.virtual_host.as_ref().map(|v| match v.value {
            true => AddressingStyle::VirtualHost,
            false => AddressingStyle::Path,
        }),
        signature,
    };
    let placement = match us_east_1_regional(layer)? {
        true => provider.place_us_east_1_regional(&options),
        false => provider.place(&options),
    }
    .map_err(|e| refusal(e, layer, region, aws, &endpoint_origin))?;
    for warning in &placement.warnings {
        let region = region.map_or("the default", |v| &v.origin);
        warnings.push(warning.message(Some((region, &endpoint_origin))));
    }
    let origin = |v: Option<&Val<bool>>| v.filter(|v| v.value).map(|v| v.origin.clone());
    Ok(Place {
        provider,
        placement,
        origin: endpoint_origin,
        region_origin: region.map(|v| v.origin.clone()),
        aws: AwsOrigins {
            dualstack: origin(aws.dualstack),
            fips: origin(aws.fips),
            accelerate: origin(aws.accelerate),
        },
        by_keys: layer.endpoint.is_none() && layer.aws_keys,
    })
}

/// The region to sign with: the one set, unless the endpoint is a preset that carries its
/// own region (`b2:REGION`, `r2:...`: `auto`) and the region comes from a less specific
/// source than the preset (`PRESIGN_REGION` under `--endpoint b2:us-west-004`), or from an
/// AWS source (`AWS_REGION`, `region` in `~/.aws/config`) other than the preset's own:
/// that region was meant for another endpoint. A region from the same source as the
/// preset, or a more specific one of presign's, still wins, with the warning.
fn region_for<'a>(provider: &Provider, layer: &'a Layer) -> Option<&'a Val<String>> {
    let region = layer.region.as_ref()?;
    let elsewhere = layer.region_rank > layer.endpoint_rank
        || (layer.aws_side_options.region && layer.region_rank != layer.endpoint_rank);
    let preset_wins = provider.region().is_some() && layer.endpoint.is_some() && elsewhere;
    (!preset_wins).then_some(region)
}

/// A region from an AWS source, as botocore checks it (`validate_region_name`): a host
/// label, letters, digits and '-' not at either end, not all digits, at most 63
/// characters. presign's own sources may name any region a server takes (`my_region`), but
/// one in the AWS files or variables that botocore refuses is refused here too. A value
/// presign's own check refuses is left to it (it hides a secret-shaped one). Only the
/// region used is checked: one a higher source overrides does not matter.
fn check_aws_region(v: &Val<String>) -> Result<(), Error> {
    let r = v.value.as_str();
    let presign_takes = !r.is_empty()
        && r.len() <= 64
        && !crate::quote::holds_secret_shape(r)
        && r.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let host_label = r.len() <= 63
        && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !r.starts_with('-')
        && !r.ends_with('-')
        && !r.bytes().all(|b| b.is_ascii_digit());
    if presign_takes && !host_label {
        return Err(Error::config(format!(
            "{}: invalid region {}: botocore takes only letters, digits and '-' (not at either end) there, e.g. us-west-2",
            v.origin,
            Quoted(r)
        )));
    }
    Ok(())
}

/// The dualstack, FIPS and accelerate switches in effect. Those from an AWS source (the
/// `AWS_*` variables, the AWS files) are for AWS's endpoints: botocore ignores dualstack
/// and FIPS with an endpoint of its own, so presign drops them for any endpoint but
/// `aws`. Acceleration with such an endpoint is an error in botocore too ("A custom
/// endpoint cannot be combined with S3 Accelerate"), so it stays refused, as the switches
/// typed as flags or written in presign's own profile file are: there they were asked for
/// next to the endpoint.
fn aws_options<'a>(provider: &Provider, layer: &'a Layer) -> AwsVals<'a> {
    let aws = matches!(provider, Provider::Aws);
    let side = layer.aws_side_options;
    AwsVals {
        dualstack: layer.dualstack.as_ref().filter(|_| aws || !side.dualstack),
        fips: layer.fips.as_ref().filter(|_| aws || !side.fips),
        accelerate: layer.accelerate.as_ref(),
    }
}

/// The AWS switches in effect, with their origins.
#[derive(Clone, Copy)]
struct AwsVals<'a> {
    dualstack: Option<&'a Val<bool>>,
    fips: Option<&'a Val<bool>>,
    accelerate: Option<&'a Val<bool>>,
}

/// `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT` or the AWS config's
/// `s3_us_east_1_regional_endpoint`: `legacy` (botocore's default) or `regional`; any
/// other value is an error there too.
fn us_east_1_regional(layer: &Layer) -> Result<bool, Error> {
    match layer.us_east_1_regional.as_ref() {
        None => Ok(false),
        Some(v) if v.value == "legacy" => Ok(false),
        Some(v) if v.value == "regional" => Ok(true),
        Some(v) => Err(Error::config(format!(
            "{}: invalid value {}: use legacy (the global host s3.amazonaws.com for us-east-1) or regional (s3.us-east-1.amazonaws.com), as botocore",
            v.origin,
            Quoted(&v.value)
        ))),
    }
}

/// The library's refusal, naming where the value at fault came from; its origin decides
/// the exit code.
fn refusal(
    e: crate::Error,
    layer: &Layer,
    region: Option<&Val<String>>,
    aws: AwsVals<'_>,
    endpoint_origin: &str,
) -> Error {
    match &e {
        crate::Error::InvalidRegion { .. } => {
            let origin = region.map_or("--region", |v| &v.origin);
            return blame(origin, e);
        }
        crate::Error::SigV2Unsupported { reason } => {
            let signature = layer
                .signature
                .as_ref()
                .map_or("--signature", |v| &v.origin);
            return Error::by(
                is_override(signature) || is_override(endpoint_origin),
                format!(
                    "{signature}: {reason} (endpoint from {endpoint_origin}); use --signature v4"
                ),
            );
        }
        crate::Error::PathStyleWithAccelerate => {
            let accelerate = aws.accelerate.map_or("--accelerate", |a| &a.origin);
            let path = layer.virtual_host.as_ref();
            return Error::by(
                path.is_some_and(Val::is_override) || is_override(accelerate),
                format!(
                    "{}: path style cannot be used with S3 Transfer Acceleration ({accelerate}), which takes the bucket in the host name; drop one of them",
                    path.map_or("--path-style", |v| &v.origin)
                ),
            );
        }
        _ => {}
    }
    // The option the error names is the value at fault; its origin decides the code.
    let option = match &e {
        crate::Error::AwsOnlyOption { option, .. }
        | crate::Error::AwsOptionUnavailable { option, .. } => Some(*option),
        _ => None,
    };
    let set = |option: &str| match option {
        "--dualstack" => aws.dualstack,
        "--fips" => aws.fips,
        "--accelerate" => aws.accelerate,
        _ => None,
    };
    // No such setting: the region asked for it (`fips-REGION`), or is at fault itself.
    let origin = option
        .and_then(set)
        .map(|v| v.origin.as_str())
        .or(region.map(|v| v.origin.as_str()))
        .unwrap_or(endpoint_origin);
    // The library names the flags; a switch set elsewhere is named where it was set, with
    // the fix that applies there.
    let mut text = e.to_string();
    // Two switches in one refusal (FIPS with acceleration): a flag among them is input.
    let flag_involved = is_override(origin)
        || ["--dualstack", "--fips", "--accelerate"]
            .iter()
            .any(|o| text.contains(o) && set(o).is_some_and(Val::is_override));
    for option in ["--dualstack", "--fips", "--accelerate"] {
        let what = match option {
            "--dualstack" => "dualstack",
            "--fips" => "FIPS",
            _ => "S3 Transfer Acceleration",
        };
        let (name, fix) = match set(option) {
            Some(v) if v.is_override() => continue,
            Some(v) if v.origin.starts_with("AWS_") => (
                format!("{what} ({})", v.origin),
                format!("unset {}", v.origin),
            ),
            Some(v) => (
                format!("{what} ({})", v.origin),
                format!("set {} to false", v.origin),
            ),
            None => continue,
        };
        text = text
            .replace(&format!("drop {option}"), &fix)
            .replace(&format!("or {option}"), &format!("or {fix}"))
            .replace(option, &name);
    }
    let error = if text.starts_with(origin) || text.contains(&format!("({origin})")) {
        format!("{text} (endpoint from {endpoint_origin})")
    } else {
        format!("{origin}: {text} (endpoint from {endpoint_origin})")
    };
    Error::by(flag_involved, error)
}
