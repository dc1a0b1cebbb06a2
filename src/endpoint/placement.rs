//! Where a provider puts the bucket, resolved once for every caller (the CLI and the
//! Python package): from a [`Provider`], the region if one is set, the AWS options, an
//! addressing override and the signature version come the endpoint, the signing region,
//! the addressing (fixed, or AWS's auto) and the provider's refusals and warnings.

use crate::endpoint::Endpoint;
use crate::endpoint::aws::{AwsOptions, aws_endpoint_regional, aws_region_alias, fips_by_region};
use crate::endpoint::provider::{DefaultAddressing, Provider};
use crate::endpoint::region::{check_region, region_from_host};
use crate::endpoint::{AddressingStyle, SignatureVersion};
use crate::error::Error;
use crate::quote::hide_secrets;
use std::fmt;

/// What is set besides the provider; each field's default means "not set".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceOptions {
    /// The signing region; `None`: the preset's, else the region an AWS host in the
    /// endpoint URL names, else `us-east-1`.
    pub region: Option<String>,
    /// `--dualstack`, `--fips`, `--accelerate`: AWS only.
    pub aws: AwsOptions,
    /// `--path-style` or `--virtual-host`; `None`: the provider's default.
    pub addressing: Option<AddressingStyle>,
    /// The signature: SigV2 is refused where the provider has none.
    pub signature: SignatureVersion,
}

/// The resolved parts of a configuration, with what is worth a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub endpoint: Endpoint,
    /// The region to sign for (`aws-global` and `fips-REGION` already resolved).
    pub region: String,
    pub signature: SignatureVersion,
    /// The addressing, unless `auto_addressing` decides per bucket.
    pub addressing: AddressingStyle,
    /// AWS's auto addressing ([`Config::auto_addressing`](crate::Config::auto_addressing)).
    pub auto_addressing: bool,
    /// Doubts that do not stop the signing, for the caller to show.
    pub warnings: Vec<PlaceWarning>,
}

/// A region set that the endpoint will probably refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlaceWarning {
    /// The endpoint URL is an AWS host of another region: S3 refuses such URLs.
    RegionNotEndpoints {
        region: String,
        endpoint: String,
        host_region: String,
    },
    /// The preset signs for another region: the provider may refuse such URLs.
    RegionNotPresets {
        region: String,
        provider: String,
        own: String,
    },
}

impl PlaceWarning {
    /// The warning; with `origins` (where the region and the endpoint came from) it
    /// names them, as the CLI does. A region is the user's text: a secret pasted there
    /// stays hidden.
    pub fn message(&self, origins: Option<(&str, &str)>) -> String {
        let from = |i: usize| match origins {
            Some((region, endpoint)) => format!(" (from {})", [region, endpoint][i]),
            None => String::new(),
        };
        let text = match self {
            PlaceWarning::RegionNotEndpoints {
                region,
                endpoint,
                host_region,
            } => format!(
                "signing for region {region}{}, but the endpoint {endpoint}{} is in {host_region}: S3 refuses such URLs. Set the region to {host_region}, or leave it unset to take the endpoint's.",
                from(0),
                from(1)
            ),
            PlaceWarning::RegionNotPresets {
                region,
                provider,
                own,
            } => format!(
                "signing for region {region}{}, but {provider}{} signs for {own}: it may refuse such URLs. Leave the region unset to take {own}.",
                from(0),
                from(1)
            ),
        };
        hide_secrets(&text).into_owned()
    }
}

impl fmt::Display for PlaceWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(None))
    }
}

impl Provider {
    /// Resolves `options` for this provider as `presign` does: the endpoint, the signing
    /// region, the addressing, and the warnings. Refused, with the option at fault named:
    /// an invalid region, AWS options elsewhere than AWS or where AWS has no such host
    /// ([`aws_endpoint`](crate::endpoint::aws_endpoint)), SigV2 where the provider has none
    /// ([`Error::SigV2Unsupported`]), path style with S3 Transfer Acceleration.
    ///
    /// ```
    /// use presign::Provider;
    /// use presign::endpoint::PlaceOptions;
    /// let options = PlaceOptions { region: Some("eu-west-1".into()), ..Default::default() };
    /// let aws = Provider::Aws.place(&options)?;
    /// assert_eq!(aws.endpoint.to_string(), "https://s3.eu-west-1.amazonaws.com");
    /// assert!(aws.auto_addressing && aws.warnings.is_empty());
    /// let r2: Provider = "r2:0123456789abcdef0123456789abcdef".parse()?;
    /// let r2 = r2.place(&PlaceOptions::default())?;
    /// assert_eq!((r2.region.as_str(), r2.auto_addressing), ("auto", false));
    /// # Ok::<(), presign::Error>(())
    /// ```
    pub fn place(&self, options: &PlaceOptions) -> Result<Placement, Error> {
        // An AWS host name says which region it serves: signing for another one gives URLs
        // that S3 refuses. botocore does not look (it signs for us-east-1 when no region is
        // set); presign does, and warns when a region set disagrees.
        let host_region = match self {
            Provider::Url(e) => region_from_host(e.host()),
            _ => None,
        };
        let region = match &options.region {
            Some(r) => {
                check_region(r)?;
                r.clone()
            }
            None => self
                .region()
                .or(host_region)
                .unwrap_or("us-east-1")
                .to_owned(),
        };
        let mut aws = options.aws;
        // As botocore: `aws-global` signs for us-east-1, `fips-REGION` is REGION with FIPS.
        let region = match (self, aws_region_alias(&region)) {
            (Provider::Aws, (signing, fips)) => {
                aws.fips |= fips;
                signing.to_owned()
            }
            _ => region,
        };
        // FIPS the region asked for is refused as such, not as a --fips never typed.
        let by_region = aws.fips && !options.aws.fips;
        let endpoint = self
            .endpoint(&region, aws)
            .map_err(|e| if by_region { fips_by_region(e) } else { e })?;
        let v4 = options.signature == SignatureVersion::V4;
        let mut warnings = Vec::new();
        if let (Some(host_region), Some(set), true) = (host_region, &options.region, v4)
            && set != host_region
        {
            warnings.push(PlaceWarning::RegionNotEndpoints {
                region: set.clone(),
                endpoint: endpoint.to_string(),
                host_region: host_region.to_owned(),
            });
        }
        if let (Some(own), Some(set), true) = (self.region(), &options.region, v4)
            && !self.accepts_region(set)
        {
            warnings.push(PlaceWarning::RegionNotPresets {
                region: set.clone(),
                provider: self.describe(),
                own: own.to_owned(),
            });
        }
        if let (false, Some(reason)) = (v4, self.sigv2_refusal()) {
            return Err(Error::SigV2Unsupported { reason });
        }
        let (addressing, auto_addressing) = match options.addressing {
            // Acceleration takes the bucket in the host name only.
            Some(AddressingStyle::Path) if endpoint.is_accelerate() => {
                return Err(Error::PathStyleWithAccelerate);
            }
            _ if endpoint.is_accelerate() => (AddressingStyle::VirtualHost, false),
            Some(style) => (style, false),
            None => (
                AddressingStyle::Path,
                self.default_addressing() == DefaultAddressing::Auto,
            ),
        };
        Ok(Placement {
            endpoint,
            region,
            signature: options.signature,
            addressing,
            auto_addressing,
            warnings,
        })
    }

    /// [`Provider::place`] with botocore's `us_east_1_regional_endpoint = regional`
    /// (`AWS_S3_US_EAST_1_REGIONAL_ENDPOINT`, the AWS config's
    /// `s3_us_east_1_regional_endpoint`): for AWS with the region set to us-east-1, the
    /// regional host `s3.us-east-1.amazonaws.com` instead of the global one. As in
    /// botocore, no region set (us-east-1 by default) and `aws-global` keep the global
    /// host, and every other provider and region is placed as by [`Provider::place`].
    ///
    /// ```
    /// use presign::Provider;
    /// use presign::endpoint::PlaceOptions;
    /// let options = PlaceOptions { region: Some("us-east-1".into()), ..Default::default() };
    /// let p = Provider::Aws.place_us_east_1_regional(&options)?;
    /// assert_eq!(p.endpoint.to_string(), "https://s3.us-east-1.amazonaws.com");
    /// let p = Provider::Aws.place_us_east_1_regional(&PlaceOptions::default())?;
    /// assert_eq!(p.endpoint.to_string(), "https://s3.amazonaws.com");
    /// # Ok::<(), presign::Error>(())
    /// ```
    pub fn place_us_east_1_regional(&self, options: &PlaceOptions) -> Result<Placement, Error> {
        let mut placement = self.place(options)?;
        if matches!(self, Provider::Aws) && options.region.as_deref() == Some("us-east-1") {
            placement.endpoint = aws_endpoint_regional("us-east-1", options.aws)?;
        }
        Ok(placement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R2: &str = "r2:0123456789abcdef0123456789abcdef";

    fn place(provider: &str, options: PlaceOptions) -> Result<Placement, Error> {
        provider.parse::<Provider>()?.place(&options)
    }

    #[test]
    fn presets_sign_for_their_own_region_and_aws_for_the_one_set() {
        for (provider, region, endpoint, signing) in [
            (
                R2,
                None,
                "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com",
                "auto",
            ),
            ("gcs", None, "https://storage.googleapis.com", "auto"),
            (
                "b2:us-west-004",
                None,
                "https://s3.us-west-004.backblazeb2.com",
                "us-west-004",
            ),
            (
                "aws",
                Some("eu-west-1"),
                "https://s3.eu-west-1.amazonaws.com",
                "eu-west-1",
            ),
            (
                "aws",
                Some("aws-global"),
                "https://s3.amazonaws.com",
                "us-east-1",
            ),
            (
                "aws",
                Some("fips-us-west-2"),
                "https://s3-fips.us-west-2.amazonaws.com",
                "us-west-2",
            ),
            (
                "https://s3.eu-west-2.amazonaws.com",
                None,
                "https://s3.eu-west-2.amazonaws.com",
                "eu-west-2",
            ),
            ("global", None, "https://gateway.storjshare.io", "us-east-1"),
        ] {
            let options = PlaceOptions {
                region: region.map(str::to_owned),
                ..PlaceOptions::default()
            };
            let p = place(provider, options).unwrap();
            assert_eq!(
                (p.endpoint.to_string().as_str(), p.region.as_str()),
                (endpoint, signing),
                "{provider}"
            );
            assert!(p.warnings.is_empty(), "{provider}");
        }
    }

    #[test]
    fn refusals_are_typed() {
        let v2 = PlaceOptions {
            signature: SignatureVersion::V2,
            ..PlaceOptions::default()
        };
        assert!(matches!(
            place(R2, v2.clone()),
            Err(Error::SigV2Unsupported { .. })
        ));
        assert!(matches!(
            place("b2:us-west-004", v2.clone()),
            Err(Error::SigV2Unsupported { .. })
        ));
        assert!(place("gcs", v2).is_ok());
        let accelerate_path = PlaceOptions {
            aws: AwsOptions {
                accelerate: true,
                ..AwsOptions::default()
            },
            addressing: Some(AddressingStyle::Path),
            ..PlaceOptions::default()
        };
        assert!(matches!(
            place("aws", accelerate_path),
            Err(Error::PathStyleWithAccelerate)
        ));
    }

    #[test]
    fn a_region_against_the_endpoint_warns_under_sigv4_only() {
        let mut options = PlaceOptions {
            region: Some("eu-west-1".into()),
            ..PlaceOptions::default()
        };
        let p = place(R2, options.clone()).unwrap();
        assert_eq!(
            p.warnings[0].to_string(),
            "signing for region eu-west-1, but Cloudflare R2 signs for auto: it may refuse such URLs. Leave the region unset to take auto."
        );
        let p = place("https://s3.us-west-2.amazonaws.com", options.clone()).unwrap();
        assert!(
            p.warnings[0]
                .message(Some(("--region", "--endpoint")))
                .starts_with("signing for region eu-west-1 (from --region), but the endpoint https://s3.us-west-2.amazonaws.com (from --endpoint) is in us-west-2")
        );
        options.signature = SignatureVersion::V2;
        assert!(
            place("https://s3.us-west-2.amazonaws.com", options)
                .unwrap()
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn a_secret_shaped_region_is_refused_before_any_warning_and_never_shown() {
        let secret = "wJalrXUtnFEMI0K7MDENG0bPxRfiCYEXAMPLEKEY";
        let options = PlaceOptions {
            region: Some(secret.into()),
            ..PlaceOptions::default()
        };
        for provider in [R2, "https://s3.us-west-2.amazonaws.com", "aws"] {
            let e = place(provider, options.clone()).unwrap_err();
            assert!(matches!(e, Error::InvalidRegion { .. }), "{provider}: {e}");
            assert!(!e.to_string().contains(secret), "{e}");
        }
    }
}
