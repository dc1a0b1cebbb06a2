//! AWS S3's own endpoints, for a region and the dualstack, FIPS and accelerate options, as
//! the AWS SDKs resolve them.
//!
//! The data is botocore 1.44.8's: the partitions of `partitions.json` (which region is in
//! which partition, and its DNS suffix), and the host forms its S3 endpoint ruleset gives
//! in path style (`s3.REGION.SUFFIX`, `s3.dualstack.REGION.SUFFIX`, `s3-fips.REGION.SUFFIX`,
//! `s3-fips.dualstack.REGION.SUFFIX`, `s3-accelerate[.dualstack].SUFFIX`, and the global
//! `s3.amazonaws.com` for us-east-1), with the combinations it refuses. The golden cases of
//! `tests/golden/providers.py` check every form against botocore.
//!
//! One deliberate difference: for a virtual-host URL outside us-east-1, botocore's presigner
//! prints the global host (`BUCKET.s3.amazonaws.com`, signed for the other region; even
//! `BUCKET.s3-fips.us-east-1.amazonaws.com` for FIPS). S3 answers such URLs with a 307
//! redirect for young buckets, which browsers do not follow for CORS requests, and refuses
//! them for regions opened after March 2019 (boto/boto3#2864, #1982). presign puts the
//! bucket in front of the regional host instead, which is what botocore prints when given
//! that host as `endpoint_url`.

use crate::endpoint::Endpoint;
use crate::error::Error;

/// The options that change which AWS host serves a region.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AwsOptions {
    /// IPv6 and IPv4: `s3.dualstack.REGION...`.
    pub dualstack: bool,
    /// FIPS 140 validated endpoints: `s3-fips.REGION...`.
    pub fips: bool,
    /// S3 Transfer Acceleration: `BUCKET.s3-accelerate...`, virtual-host addressing only.
    pub accelerate: bool,
}

/// An AWS partition: a group of regions sharing a DNS suffix.
#[derive(Debug)]
pub struct Partition {
    /// botocore's partition id: `aws`, `aws-cn`, `aws-us-gov`, ...
    pub id: &'static str,
    /// The DNS suffix of its S3 hosts.
    pub dns_suffix: &'static str,
    /// The start of its `regionRegex` (`^PREFIX\w+\-\d+$`); empty for `aws`, whose regex is
    /// `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`.
    prefix: &'static str,
    /// The regions botocore lists for it (matched before any regex, as botocore does).
    regions: &'static [&'static str],
    /// Whether the S3 ruleset has dualstack hosts there.
    dualstack: bool,
    /// The regions with a FIPS S3 endpoint in botocore's `endpoints.json` (its S3 ruleset
    /// would build `s3-fips.REGION...` for any region, hosts that do not exist).
    fips_regions: &'static [&'static str],
    /// Why `--fips` is refused elsewhere in the partition.
    no_fips: &'static str,
    /// The same, for FIPS asked for by a `fips-REGION` or `REGION-fips` region.
    no_fips_by_region: &'static str,
    /// Whether the S3 ruleset has accelerate hosts there.
    accelerate: bool,
}

/// botocore 1.44.8's partitions, in its order (a region matches the first partition that
/// lists it, else the first whose pattern it matches, else `aws`).
pub const PARTITIONS: [Partition; 8] = [
    Partition {
        id: "aws",
        dns_suffix: "amazonaws.com",
        prefix: "",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "me-west-1",
            "mx-central-1",
            "sa-east-1",
            "sa-west-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        dualstack: true,
        fips_regions: &[
            "ca-central-1",
            "ca-west-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        no_fips: "AWS has FIPS S3 endpoints only in ca-central-1, ca-west-1, us-east-1, us-east-2, us-west-1 and us-west-2 (botocore's endpoints.json); drop --fips or pick one of those regions",
        no_fips_by_region: "AWS has FIPS S3 endpoints only in ca-central-1, ca-west-1, us-east-1, us-east-2, us-west-1 and us-west-2 (botocore's endpoints.json); write the region without fips, or pick one of those regions",
        accelerate: true,
    },
    Partition {
        id: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        prefix: "cn-",
        regions: &["cn-north-1", "cn-northwest-1"],
        dualstack: true,
        fips_regions: &[],
        no_fips: "AWS has no FIPS S3 endpoints in this partition; drop --fips",
        no_fips_by_region: "AWS has no FIPS S3 endpoints in this partition; write the region without fips",
        accelerate: false,
    },
    Partition {
        id: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        prefix: "eusc-de-",
        regions: &["eusc-de-east-1"],
        dualstack: true,
        fips_regions: &[],
        no_fips: "AWS has no FIPS S3 endpoints in this partition; drop --fips",
        no_fips_by_region: "AWS has no FIPS S3 endpoints in this partition; write the region without fips",
        accelerate: true,
    },
    Partition {
        id: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        prefix: "us-iso-",
        regions: &["us-iso-east-1", "us-iso-west-1"],
        dualstack: true,
        fips_regions: &["us-iso-east-1", "us-iso-west-1"],
        no_fips: "AWS has FIPS S3 endpoints only in us-iso-east-1 and us-iso-west-1 (botocore's endpoints.json); drop --fips or pick one of those regions",
        no_fips_by_region: "AWS has FIPS S3 endpoints only in us-iso-east-1 and us-iso-west-1 (botocore's endpoints.json); write the region without fips, or pick one of those regions",
        accelerate: true,
    },
    Partition {
        id: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        prefix: "us-isob-",
        regions: &["us-isob-east-1", "us-isob-west-1"],
        dualstack: true,
        fips_regions: &["us-isob-east-1"],
        no_fips: "AWS has FIPS S3 endpoints only in us-isob-east-1 (botocore's endpoints.json); drop --fips or pick one of those regions",
        no_fips_by_region: "AWS has FIPS S3 endpoints only in us-isob-east-1 (botocore's endpoints.json); write the region without fips, or pick one of those regions",
        accelerate: true,
    },
    Partition {
        id: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        prefix: "eu-isoe-",
        regions: &["eu-isoe-west-1"],
        dualstack: false,
        fips_regions: &[],
        no_fips: "AWS has no FIPS S3 endpoints in this partition; drop --fips",
        no_fips_by_region: "AWS has no FIPS S3 endpoints in this partition; write the region without fips",
        accelerate: true,
    },
    Partition {
        id: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        prefix: "us-isof-",
        regions: &["us-isof-east-1", "us-isof-south-1"],
        dualstack: false,
        fips_regions: &[],
        no_fips: "AWS has no FIPS S3 endpoints in this partition; drop --fips",
        no_fips_by_region: "AWS has no FIPS S3 endpoints in this partition; write the region without fips",
        accelerate: true,
    },
    Partition {
        id: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        prefix: "us-gov-",
        regions: &["us-gov-east-1", "us-gov-west-1"],
        dualstack: true,
        fips_regions: &["us-gov-east-1", "us-gov-west-1"],
        no_fips: "AWS has FIPS S3 endpoints only in us-gov-east-1 and us-gov-west-1 (botocore's endpoints.json); drop --fips or pick one of those regions",
        no_fips_by_region: "AWS has FIPS S3 endpoints only in us-gov-east-1 and us-gov-west-1 (botocore's endpoints.json); write the region without fips, or pick one of those regions",
        accelerate: true,
    },
];

/// The prefixes of the `aws` partition's `regionRegex`.
const AWS_PREFIXES: [&str; 9] = [
    "us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-",
];

impl Partition {
    /// Whether `region` is one of this partition's, listed or matching its pattern.
    pub(crate) fn has_region(&self, region: &str) -> bool {
        self.regions.contains(&region) || self.matches(region)
    }

    /// Whether the partition has FIPS S3 endpoints at all.
    pub(crate) fn has_fips(&self) -> bool {
        !self.fips_regions.is_empty()
    }

    /// Whether `region` matches this partition's `regionRegex`.
    fn matches(&self, region: &str) -> bool {
        let rest = if self.prefix.is_empty() {
            AWS_PREFIXES.iter().find_map(|p| region.strip_prefix(p))
        } else {
            region.strip_prefix(self.prefix)
        };
        rest.is_some_and(is_word_dash_number)
    }
}

/// `\w+\-\d+` (what follows the partition's prefix): `west-1`, `southeast-7`.
fn is_word_dash_number(text: &str) -> bool {
    text.split_once('-').is_some_and(|(name, number)| {
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The partition `region` is in: the one that lists it, else the first whose pattern it
/// matches, else `aws` (so an unknown region still gets AWS's standard host form).
///
/// ```
/// assert_eq!(presign::endpoint::aws_partition("cn-north-1").id, "aws-cn");
/// assert_eq!(presign::endpoint::aws_partition("us-gov-west-1").id, "aws-us-gov");
/// assert_eq!(presign::endpoint::aws_partition("xx-nowhere-1").id, "aws");
/// ```
pub fn aws_partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| p.matches(region)))
        .unwrap_or(&PARTITIONS[0])
}

/// botocore's pseudo regions: `aws-global` is us-east-1, and `fips-REGION` or
/// `REGION-fips` is REGION with FIPS. The region to sign for, and whether it asks for FIPS.
pub(crate) fn aws_region_alias(region: &str) -> (&str, bool) {
    if region == "aws-global" {
        return ("us-east-1", false);
    }
    match region
        .strip_prefix("fips-")
        .or_else(|| region.strip_suffix("-fips"))
    {
        Some(base) if !base.is_empty() => (base, true),
        _ => (region, false),
    }
}

/// What [`crate::Provider::place`] names FIPS by when the region asked for it.
pub(crate) const FIPS_BY_REGION: &str = "FIPS (asked for by the region's fips- or -fips)";

/// A refusal of FIPS that a `fips-REGION` or `REGION-fips` region asked for, not
/// `--fips`: it says so, and its fix is the region without fips, not "drop --fips".
pub(crate) fn fips_by_region(e: Error) -> Error {
    match e {
        Error::AwsOptionUnavailable {
            option: "--fips",
            region,
            reason,
        } => Error::AwsOptionUnavailable {
            option: FIPS_BY_REGION,
            reason: PARTITIONS
                .iter()
                .find(|p| p.no_fips == reason)
                .map_or(reason, |p| p.no_fips_by_region),
            region,
        },
        e => e,
    }
}

/// The AWS S3 endpoint for `region` with `options`, as the SDKs resolve it: the host that
/// path-style URLs use, and virtual-host URLs put the bucket in front of. With `accelerate`
/// the endpoint only takes virtual-host addressing ([`Endpoint::is_accelerate`]).
///
/// The combinations AWS has no host for are refused, naming the option: FIPS outside the
/// regions `endpoints.json` gives a FIPS endpoint (the US and Canada, GovCloud, two ISO
/// partitions), FIPS with accelerate, accelerate in China, dualstack in the aws-iso-e and
/// aws-iso-f partitions.
///
/// ```
/// use presign::endpoint::{AwsOptions, aws_endpoint};
/// let e = |r, o| aws_endpoint(r, o).unwrap().to_string();
/// assert_eq!(e("us-east-1", AwsOptions::default()), "https://s3.amazonaws.com");
/// assert_eq!(e("eu-west-1", AwsOptions::default()), "https://s3.eu-west-1.amazonaws.com");
/// let fips = AwsOptions { fips: true, dualstack: true, ..AwsOptions::default() };
/// assert_eq!(e("us-west-2", fips), "https://s3-fips.dualstack.us-west-2.amazonaws.com");
/// ```
pub fn aws_endpoint(region: &str, options: AwsOptions) -> Result<Endpoint, Error> {
    resolve(region, options, true)
}

/// [`aws_endpoint`] with botocore's `us_east_1_regional_endpoint = regional`
/// (`AWS_S3_US_EAST_1_REGIONAL_ENDPOINT`): us-east-1 gets its regional host
/// `s3.us-east-1.amazonaws.com` instead of the global `s3.amazonaws.com`; every other
/// region and option resolves as there ([`crate::Provider::place_us_east_1_regional`]).
pub(crate) fn aws_endpoint_regional(region: &str, options: AwsOptions) -> Result<Endpoint, Error> {
    resolve(region, options, false)
}

fn resolve(region: &str, options: AwsOptions, global_us_east_1: bool) -> Result<Endpoint, Error> {
    let partition = aws_partition(region);
    let refuse = |option: &'static str, reason: &'static str| {
        Err(Error::AwsOptionUnavailable {
            option,
            region: region.to_owned(),
            reason,
        })
    };
    if options.accelerate && options.fips {
        return refuse(
            "--accelerate",
            "S3 Transfer Acceleration has no FIPS endpoints; drop --fips or --accelerate",
        );
    }
    if options.fips && !partition.fips_regions.contains(&region) {
        return refuse("--fips", partition.no_fips);
    }
    if options.accelerate && !partition.accelerate {
        return refuse(
            "--accelerate",
            "S3 Transfer Acceleration is not offered in this partition; drop --accelerate",
        );
    }
    if options.dualstack && !partition.dualstack {
        return refuse(
            "--dualstack",
            "AWS has no dualstack S3 endpoints in this partition; drop --dualstack",
        );
    }
    // A region is a host label here: `us_east` or `eu.west` would make another host.
    if !region
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || region.starts_with('-')
        || region.ends_with('-')
    {
        return Err(Error::InvalidAwsRegion {
            value: region.to_owned(),
        });
    }
    let suffix = partition.dns_suffix;
    let dualstack = if options.dualstack { "dualstack." } else { "" };
    let host = if options.accelerate {
        format!("s3-accelerate.{dualstack}{suffix}")
    } else if options.fips {
        format!("s3-fips.{dualstack}{region}.{suffix}")
    } else if options.dualstack {
        format!("s3.dualstack.{region}.{suffix}")
    } else if region == "us-east-1" && global_us_east_1 {
        // botocore keeps the global host for us-east-1 (its `us_east_1_regional_endpoint`
        // defaults to `legacy`), and it serves that region's buckets directly.
        "s3.amazonaws.com".to_owned()
    } else {
        format!("s3.{region}.{suffix}")
    };
    Endpoint::aws(host, options.accelerate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(region: &str, dualstack: bool, fips: bool, accelerate: bool) -> String {
        let options = AwsOptions {
            dualstack,
            fips,
            accelerate,
        };
        match aws_endpoint(region, options) {
            Ok(e) => e.host().to_owned(),
            Err(e) => format!("error: {e}"),
        }
    }

    /// What botocore 1.44.8 prints in path style (accelerate: virtual host) for these
    /// regions, measured with `create_client(..., region_name=R)` and no endpoint_url.
    #[test]
    fn hosts_are_botocores() {
        for (region, d, f, a, expected) in [
            ("us-east-1", false, false, false, "s3.amazonaws.com"),
            (
                "us-east-1",
                true,
                false,
                false,
                "s3.dualstack.us-east-1.amazonaws.com",
            ),
            (
                "us-east-1",
                false,
                true,
                false,
                "s3-fips.us-east-1.amazonaws.com",
            ),
            (
                "us-west-2",
                false,
                false,
                false,
                "s3.us-west-2.amazonaws.com",
            ),
            (
                "us-west-2",
                true,
                true,
                false,
                "s3-fips.dualstack.us-west-2.amazonaws.com",
            ),
            (
                "us-west-2",
                false,
                false,
                true,
                "s3-accelerate.amazonaws.com",
            ),
            (
                "us-west-2",
                true,
                false,
                true,
                "s3-accelerate.dualstack.amazonaws.com",
            ),
            (
                "cn-north-1",
                false,
                false,
                false,
                "s3.cn-north-1.amazonaws.com.cn",
            ),
            (
                "cn-north-1",
                true,
                false,
                false,
                "s3.dualstack.cn-north-1.amazonaws.com.cn",
            ),
            (
                "us-gov-west-1",
                false,
                true,
                false,
                "s3-fips.us-gov-west-1.amazonaws.com",
            ),
            (
                "us-iso-east-1",
                false,
                false,
                false,
                "s3.us-iso-east-1.c2s.ic.gov",
            ),
            (
                "us-isob-east-1",
                false,
                false,
                true,
                "s3-accelerate.sc2s.sgov.gov",
            ),
            (
                "us-isob-east-1",
                false,
                true,
                false,
                "s3-fips.us-isob-east-1.sc2s.sgov.gov",
            ),
            (
                "us-isof-south-1",
                false,
                false,
                false,
                "s3.us-isof-south-1.csp.hci.ic.gov",
            ),
            (
                "eusc-de-east-1",
                true,
                false,
                false,
                "s3.dualstack.eusc-de-east-1.amazonaws.eu",
            ),
            // Unknown regions: the aws partition's form, or the one their pattern names.
            ("xx-foo-1", false, false, false, "s3.xx-foo-1.amazonaws.com"),
            ("foo", true, false, false, "s3.dualstack.foo.amazonaws.com"),
            (
                "us-iso-north-9",
                false,
                false,
                false,
                "s3.us-iso-north-9.c2s.ic.gov",
            ),
            (
                "cn-south-3",
                false,
                false,
                false,
                "s3.cn-south-3.amazonaws.com.cn",
            ),
        ] {
            assert_eq!(host(region, d, f, a), expected, "{region} {d} {f} {a}");
        }
    }

    #[test]
    fn combinations_aws_has_no_host_for_are_refused() {
        for (region, d, f, a, option) in [
            ("us-west-2", false, true, true, "--accelerate"),
            ("cn-north-1", false, true, false, "--fips"),
            ("eu-west-1", false, true, false, "--fips"),
            ("eu-isoe-west-1", false, true, false, "--fips"),
            ("us-isob-west-1", true, true, false, "--fips"),
            ("xx-foo-1", false, true, false, "--fips"),
            ("cn-northwest-1", true, true, false, "--fips"),
            ("cn-north-1", false, false, true, "--accelerate"),
            ("eu-isoe-west-1", true, false, false, "--dualstack"),
            ("us-isof-south-1", true, false, true, "--dualstack"),
        ] {
            let e = host(region, d, f, a);
            assert!(e.starts_with(&format!("error: {option} ")), "{region}: {e}");
            assert!(e.contains(region), "{e}");
        }
    }

    #[test]
    fn us_east_1_regional_changes_only_the_global_host() {
        let regional = |region, d, f, a| {
            let options = AwsOptions {
                dualstack: d,
                fips: f,
                accelerate: a,
            };
            aws_endpoint_regional(region, options).unwrap().to_string()
        };
        assert_eq!(
            regional("us-east-1", false, false, false),
            "https://s3.us-east-1.amazonaws.com"
        );
        for (region, d, f, a) in [
            ("eu-west-1", false, false, false),
            ("us-east-1", true, false, false),
            ("us-east-1", false, true, false),
            ("us-east-1", false, false, true),
            ("cn-north-1", false, false, false),
        ] {
            let options = AwsOptions {
                dualstack: d,
                fips: f,
                accelerate: a,
            };
            assert_eq!(
                regional(region, d, f, a),
                aws_endpoint(region, options).unwrap().to_string(),
                "{region}"
            );
        }
    }

    #[test]
    fn fips_asked_for_by_the_region_never_says_drop_fips() {
        for region in [
            "eu-west-1",
            "cn-north-1",
            "eu-isoe-west-1",
            "us-iso-north-9",
        ] {
            let options = AwsOptions {
                fips: true,
                ..AwsOptions::default()
            };
            let e = fips_by_region(aws_endpoint(region, options).unwrap_err()).to_string();
            assert!(
                e.starts_with(FIPS_BY_REGION)
                    && e.contains("write the region without fips")
                    && !e.contains("--fips"),
                "{e}"
            );
        }
        for p in PARTITIONS {
            assert!(!p.no_fips_by_region.contains("--fips"), "{}", p.id);
        }
    }

    #[test]
    fn accelerate_endpoints_say_so() {
        let options = AwsOptions {
            accelerate: true,
            ..AwsOptions::default()
        };
        assert!(aws_endpoint("eu-west-1", options).unwrap().is_accelerate());
        assert!(
            !aws_endpoint("eu-west-1", AwsOptions::default())
                .unwrap()
                .is_accelerate()
        );
    }

    #[test]
    fn pseudo_regions_name_their_region_and_fips() {
        assert_eq!(aws_region_alias("aws-global"), ("us-east-1", false));
        assert_eq!(aws_region_alias("fips-us-west-2"), ("us-west-2", true));
        assert_eq!(aws_region_alias("eu-west-1"), ("eu-west-1", false));
    }
}
