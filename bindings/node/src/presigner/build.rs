//! `new Presigner({...})`: the keys and the endpoint, resolved as the CLI resolves its
//! flags ([`Provider::place`]), with its warnings.

use super::NativePresigner;
use crate::error::{Result, error};
use crate::js::{Given, boolean};
use napi::bindgen_prelude::Unknown;
use presign::endpoint::{AwsOptions, PlaceOptions};
use presign::{AddressingStyle, Credentials, Provider, Secret, SignatureVersion};
use std::sync::Mutex;

/// The constructor's options.
const OPTIONS: &[&str] = &[
    "accessKey",
    "secretKey",
    "sessionToken",
    "endpoint",
    "region",
    "signature",
    "addressing",
    "dualstack",
    "fips",
    "accelerate",
];

/// The endpoint without `endpoint`: Storj's global gateway, the CLI's default for keys
/// that come from none of AWS's sources.
const DEFAULT_ENDPOINT: &str = "global";

/// `addressing`: absent (the provider's default), `"path"` or `"virtual"`.
pub fn addressing(value: Option<&str>) -> Result<Option<AddressingStyle>> {
    match value {
        None => Ok(None),
        Some("path") => Ok(Some(AddressingStyle::Path)),
        Some("virtual") => Ok(Some(AddressingStyle::VirtualHost)),
        Some(other) => Err(error(
            "addressing",
            format!(
                "invalid addressing style {}: use \"path\" or \"virtual\"",
                presign::quote::Quoted(other)
            ),
        )),
    }
}

/// A presigner for the constructor's `options`.
pub fn from_options(options: Unknown<'_>) -> Result<NativePresigner> {
    let given = Given::read("Presigner", Some(options), &[OPTIONS])?;
    let required = |name: &str| {
        given.text(name)?.ok_or_else(|| {
            crate::error::type_error(format!("Presigner(): the {name} option is required"))
        })
    };
    let credentials = Credentials::new(
        required("accessKey")?,
        Secret::new(required("secretKey")?),
        given.text("sessionToken")?.map(Secret::new),
    )
    .map_err(|e| error("", e))?;
    let switch = |name: &str| -> Result<bool> {
        Ok(given
            .get(name)
            .map(|v| boolean(name, v))
            .transpose()?
            .unwrap_or(false))
    };
    let aws = AwsOptions {
        dualstack: switch("dualstack")?,
        fips: switch("fips")?,
        accelerate: switch("accelerate")?,
    };
    let endpoint = given.text("endpoint")?;
    let provider: Provider = endpoint
        .as_deref()
        .unwrap_or(DEFAULT_ENDPOINT)
        .parse()
        .map_err(|e| error("endpoint", e))?;
    let signature: SignatureVersion = given
        .text("signature")?
        .as_deref()
        .unwrap_or("v4")
        .parse()
        .map_err(|e| error("signature", e))?;
    let options = PlaceOptions {
        region: given.text("region")?,
        aws,
        addressing: addressing(given.text("addressing")?.as_deref())?,
        signature,
    };
    let placement = provider
        .place(&options)
        .map_err(|e| error(place_option(&e, &options), e))?;
    let warnings = placement.warnings.iter().map(ToString::to_string).collect();
    let presigner = NativePresigner {
        config: placement.into_config(credentials),
        provider,
        last: Mutex::new(None),
        warnings: Mutex::new(warnings),
    };
    if endpoint.is_none() {
        check_default_endpoint(&presigner.access_key(), &presigner.provider)?;
    }
    Ok(presigner)
}

/// The option a refusal of [`Provider::place`] is about, as the CLI picks the flag: the
/// AWS option it names when that was set, else the region when set, else the endpoint.
fn place_option(e: &presign::Error, options: &PlaceOptions) -> &'static str {
    let set = |option: &str| match option {
        "--dualstack" => options.aws.dualstack.then_some("dualstack"),
        "--fips" => options.aws.fips.then_some("fips"),
        "--accelerate" => options.aws.accelerate.then_some("accelerate"),
        _ => None,
    };
    let region = options.region.as_ref().map(|_| "region");
    match e {
        presign::Error::SigV2Unsupported { .. } => "signature",
        presign::Error::PathStyleWithAccelerate => "addressing",
        presign::Error::AwsOnlyOption { option, .. }
        | presign::Error::AwsOptionUnavailable { option, .. } => {
            set(option).or(region).unwrap_or("endpoint")
        }
        _ => region.unwrap_or("endpoint"),
    }
}

/// AWS's documented example access key id: examples use it with every provider.
const AWS_EXAMPLE_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// The constructor without `endpoint` signs for Storj's global gateway. No AWS key id
/// (AKIA or ASIA and 16 upper-case letters and digits) is sent there by default: Storj
/// issues no key of that shape, so the URL could never work, and the key id would reach
/// Storj and everyone the URL is handed to. AWS's example key id is let through.
fn check_default_endpoint(access_key: &str, default: &Provider) -> Result<()> {
    let aws_shaped = access_key.len() == 20
        && (access_key.starts_with("AKIA") || access_key.starts_with("ASIA"))
        && access_key
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !aws_shaped || access_key == AWS_EXAMPLE_KEY {
        return Ok(());
    }
    Err(error(
        "accessKey",
        format!(
            "{} is an AWS access key id, but no endpoint was given and the default is {}, which will refuse it; pass endpoint: \"aws\" to sign for AWS S3, or the endpoint of the provider the keys are for (Presigner.fromEnv() picks AWS S3 for keys from AWS's variables and files)",
            presign::quote::Quoted(access_key),
            default.describe()
        ),
    ))
}
