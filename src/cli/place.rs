//! Where the bucket lives, chosen from the merged settings: the provider (a preset, a URL,
//! or the default the keys imply), the signing region, the endpoint with the AWS options,
//! how buckets are addressed, and the provider's limits that depend on the signature.

use crate::cli::failure::Failure;
use crate::cli::layer::{Layer, Val};
use crate::cli::resolve::failure_for;
use anyhow::anyhow;
use presign::{
    AddressingStyle, AwsOptions, Config, DefaultAddressing, Endpoint, Provider, SignatureVersion,
};

/// The provider, its endpoint and region, and where the endpoint came from.
pub struct Place {
    pub provider: Provider,
    pub endpoint: Endpoint,
    pub region: String,
    /// The endpoint's origin: a flag, a variable, a file, or why the default was chosen.
    pub origin: String,
    /// The region an AWS host written as a URL names, if it does.
    pub host_region: Option<String>,
    /// Whether no endpoint was set and the keys' AWS source chose AWS S3.
    pub by_keys: bool,
}

/// A value's error, blamed on where it came from (a flag: exit 2; else 1).
fn blame(origin: &str, e: presign::Error) -> Failure {
    failure_for(origin.starts_with("--"), anyhow!("{origin}: {e}"))
}

/// Chooses the provider, region and endpoint; `key_origin` is where the access key came from.
pub fn choose(layer: &Layer, key_origin: Option<&str>) -> Result<Place, Failure> {
    // With no endpoint set anywhere, the keys decide: keys from an AWS source are for AWS
    // S3, presign's own are for Storj (its first target, and the default before AWS).
    let provider: Provider = match &layer.endpoint {
        Some(v) => v.value.parse().map_err(|e| blame(&v.origin, e))?,
        None if layer.aws_keys => Provider::Aws,
        None => "global".parse()?,
    };
    // An AWS host name says which region it serves: signing for another one gives URLs
    // that S3 refuses. botocore does not look (it signs for us-east-1 when no region is
    // set); presign does, and warns when a region set somewhere disagrees.
    let host_region = match &provider {
        Provider::Url(e) => presign::region_from_host(e.host()).map(str::to_owned),
        _ => None,
    };
    let region = match &layer.region {
        Some(v) => {
            presign::check_region(&v.value).map_err(|e| blame(&v.origin, e))?;
            v.value.clone()
        }
        None => provider
            .region()
            .map(str::to_owned)
            .or_else(|| host_region.clone())
            .unwrap_or_else(|| "us-east-1".to_owned()),
    };
    let endpoint_origin = match (&layer.endpoint, key_origin) {
        (Some(v), _) => v.origin.clone(),
        (None, Some(keys)) if layer.aws_keys => {
            format!("AWS S3 for {region}, because the keys came from {keys} and no endpoint is set")
        }
        _ => "the default".to_owned(),
    };
    let mut options = AwsOptions {
        dualstack: layer.dualstack.as_ref().is_some_and(|v| v.value),
        fips: layer.fips.as_ref().is_some_and(|v| v.value),
        accelerate: layer.accelerate.as_ref().is_some_and(|v| v.value),
    };
    // As botocore: `aws-global` signs for us-east-1, `fips-REGION` is REGION with FIPS.
    let region = match (&provider, presign::aws_region_alias(&region)) {
        (Provider::Aws, (signing, fips)) => {
            options.fips |= fips;
            signing.to_owned()
        }
        _ => region,
    };
    let endpoint = provider.endpoint(&region, options).map_err(|e| {
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
            .unwrap_or(&endpoint_origin);
        let text = e.to_string();
        let error = if text.starts_with(origin) {
            anyhow!("{text} (endpoint from {endpoint_origin})")
        } else {
            anyhow!("{origin}: {text} (endpoint from {endpoint_origin})")
        };
        failure_for(origin.starts_with("--"), error)
    })?;
    Ok(Place {
        provider,
        endpoint,
        region,
        origin: endpoint_origin,
        host_region,
        by_keys: layer.endpoint.is_none() && layer.aws_keys,
    })
}

impl Place {
    /// The provider's limits once the signature is known: a region against the preset
    /// warns, SigV2 where the provider has none is refused.
    pub fn check_signature(&self, config: &Config, layer: &Layer) -> Result<(), Failure> {
        let (provider, endpoint_origin) = (&self.provider, &self.origin);
        if let (Some(own), Some(set)) = (provider.region(), &layer.region)
            && !provider.accepts_region(&set.value)
            && config.signature == SignatureVersion::V4
        {
            let warning = format!(
                "presign: warning: signing for region {} (from {}), but {} (from {endpoint_origin}) signs for {own}: it may refuse such URLs. Leave the region unset to take {own}.",
                set.value,
                set.origin,
                provider.describe()
            );
            // A region is the user's text: a secret pasted into AWS_REGION stays hidden.
            eprintln!("{}", presign::hide_secrets(&warning));
        }
        if let (SignatureVersion::V2, Some(reason)) = (config.signature, provider.sigv2_refusal()) {
            let signature = layer
                .signature
                .as_ref()
                .map_or("--signature", |v| &v.origin);
            return Err(failure_for(
                signature.starts_with("--") || endpoint_origin.starts_with("--"),
                anyhow!(
                    "{signature}: {reason} (endpoint from {endpoint_origin}); use --signature v4"
                ),
            ));
        }
        Ok(())
    }

    /// Addressing: an override, else the provider's default; accelerate takes virtual
    /// host only, and refuses path style asked for anywhere.
    pub fn set_addressing(&self, config: &mut Config, layer: &Layer) -> Result<(), Failure> {
        let provider = &self.provider;
        match &layer.virtual_host {
            Some(Val { value: true, .. }) => config.addressing = AddressingStyle::VirtualHost,
            Some(_) => {}
            None => {
                config.auto_addressing = provider.default_addressing() == DefaultAddressing::Auto
            }
        }
        if config.endpoint.is_accelerate() {
            if let Some(v) = layer.virtual_host.as_ref().filter(|v| !v.value) {
                let accelerate = layer
                    .accelerate
                    .as_ref()
                    .map_or("--accelerate", |a| &a.origin);
                return Err(failure_for(
                    v.is_flag() || accelerate.starts_with("--"),
                    anyhow!(
                        "{}: path style cannot be used with S3 Transfer Acceleration ({accelerate}), which takes the bucket in the host name; drop one of them",
                        v.origin
                    ),
                ));
            }
            config.addressing = AddressingStyle::VirtualHost;
            config.auto_addressing = false;
        }
        Ok(())
    }
}
