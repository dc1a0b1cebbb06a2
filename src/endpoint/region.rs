//! The signing region, e.g. `us-east-1`, and the region an AWS S3 host name is in.

use crate::endpoint::aws::PARTITIONS;
use crate::error::Error;

/// Checks a region name.
///
/// The region is part of the credential scope, whose parts are separated by `/` and
/// which goes into the URL; anything outside letters, digits, `-`, `_` and `.` would
/// give a URL that no server accepts, so it is refused before signing.
pub fn check_region(region: &str) -> Result<(), Error> {
    let reason = if region.is_empty() {
        "it is empty"
    } else if region.len() > 64 {
        "it is longer than 64 characters"
    } else if crate::quote::holds_secret_shape(region) {
        // It would sign, and print the secret in every URL's credential scope.
        "it looks like a secret key, not a region name"
    } else if !region
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        "it contains a character that cannot appear in a credential scope"
    } else {
        return Ok(());
    };
    Err(Error::InvalidRegion {
        value: region.to_owned(),
        reason,
    })
}

/// The region an AWS S3 endpoint host is in, as the credential scope must name it, or
/// `None` when the host does not say (`s3.amazonaws.com`, `s3-external-1.amazonaws.com`,
/// any other service, any non-AWS host).
///
/// The forms, each with an optional bucket in front (virtual-host style), are those of
/// botocore 1.44.8's endpoint data: `s3.REGION`, `s3.dualstack.REGION`, `s3-fips.REGION`
/// and `s3-fips.dualstack.REGION` under each partition's DNS suffix (`amazonaws.com` for
/// `aws` and `aws-us-gov`, `amazonaws.com.cn`, `amazonaws.eu`, `c2s.ic.gov`, ...; no FIPS
/// where the partition has none, as in China); and AWS's older `s3-REGION.amazonaws.com`,
/// gone from that data but still served by the regions launched before 2019. REGION must
/// be one of the partition's or match its region pattern, so `s3-external-1` or
/// `s3.cn-north-1.amazonaws.com` infer nothing. A FIPS endpoint signs for its own region
/// (botocore's `credentialScope`). `host` is in lowercase, as
/// [`Endpoint::host`](crate::Endpoint::host) gives it.
pub(crate) fn region_from_host(host: &str) -> Option<&str> {
    let host = host.strip_suffix('.').unwrap_or(host); // a fully qualified name
    PARTITIONS.iter().find_map(|partition| {
        let names = host.strip_suffix(partition.dns_suffix)?.strip_suffix('.')?;
        let mut labels = names.rsplit('.');
        let last = labels.next()?;
        let (service, region) = match last.strip_prefix("s3-") {
            // The legacy dash form exists only under amazonaws.com; `s3-fips.REGION` and
            // `s3-external-1` also start so, and are told apart by the region pattern.
            Some(region)
                if partition.dns_suffix == "amazonaws.com" && partition.has_region(region) =>
            {
                ("s3", region)
            }
            _ => {
                let mut service = labels.next()?;
                if service == "dualstack" {
                    service = labels.next()?;
                }
                (service, last)
            }
        };
        let service_fits = service == "s3" || (service == "s3-fips" && partition.has_fips());
        (service_fits && partition.has_region(region)).then_some(region)
    })
}

#[cfg(test)]
mod tests {
    use super::{check_region, region_from_host};

    #[test]
    fn the_four_aws_forms_name_their_region() {
        for (host, region) in [
            ("s3.eu-west-1.amazonaws.com", "eu-west-1"),
            ("s3-eu-west-1.amazonaws.com", "eu-west-1"),
            ("s3.dualstack.eu-west-1.amazonaws.com", "eu-west-1"),
            ("my-bucket.s3.eu-west-1.amazonaws.com", "eu-west-1"),
            // Virtual host on the other forms, and bucket names with dots.
            (
                "my.dotted.bucket.s3.ap-southeast-2.amazonaws.com",
                "ap-southeast-2",
            ),
            ("my-bucket.s3-us-west-2.amazonaws.com", "us-west-2"),
            (
                "my-bucket.s3.dualstack.sa-east-1.amazonaws.com",
                "sa-east-1",
            ),
            ("s3.us-east-1.amazonaws.com", "us-east-1"),
            ("s3.mx-central-1.amazonaws.com", "mx-central-1"),
            // A fully qualified name.
            ("s3.eu-west-1.amazonaws.com.", "eu-west-1"),
            // GovCloud, FIPS: botocore's credentialScope is the region itself.
            ("s3.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            ("s3-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            ("s3-fips.dualstack.us-east-2.amazonaws.com", "us-east-2"),
            ("s3-us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            // China: its own suffix and its own regions.
            ("s3.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            (
                "s3.dualstack.cn-northwest-1.amazonaws.com.cn",
                "cn-northwest-1",
            ),
            ("my-bucket.s3.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            // The other partitions' suffixes.
            ("s3.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
            ("b-1.s3-fips.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"),
            ("s3.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"),
            ("s3.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"),
            ("s3.dualstack.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"),
        ] {
            assert_eq!(region_from_host(host), Some(region), "{host}");
        }
    }

    #[test]
    fn near_misses_name_no_region() {
        for host in [
            // Global endpoints: us-east-1 by default, and any region's bucket through them.
            "s3.amazonaws.com",
            "my-bucket.s3.amazonaws.com",
            "s3-external-1.amazonaws.com",
            "s3-accelerate.amazonaws.com",
            "my-bucket.s3-accelerate.dualstack.amazonaws.com",
            // Other services and S3 features that are not plain object endpoints.
            "ec2.eu-west-1.amazonaws.com",
            "s3-website-eu-west-1.amazonaws.com",
            "my-bucket.s3-website.eu-west-1.amazonaws.com",
            "s3-object-lambda.eu-west-1.amazonaws.com",
            "ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com",
            "evils3.eu-west-1.amazonaws.com",
            "s3-fips-us-gov-west-1.amazonaws.com",
            // A region of another partition, or no region at all.
            "s3.cn-north-1.amazonaws.com",
            "s3.eu-west-1.amazonaws.com.cn",
            "s3-cn-north-1.amazonaws.com.cn",
            "s3-fips.cn-north-1.amazonaws.com.cn",
            "s3-fips.eusc-de-east-1.amazonaws.eu",
            "s3.eu-west-1.c2s.ic.gov",
            "s3-us-iso-east-1.c2s.ic.gov",
            "s3.xx-west-1.amazonaws.com",
            "s3.eu-west.amazonaws.com",
            "s3.eu-west-1a.amazonaws.com",
            "s3.dualstack.amazonaws.com",
            "amazonaws.com",
            ".amazonaws.com",
            // Not AWS's domain.
            "s3.eu-west-1.amazonaws.com.evil.example",
            "s3.eu-west-1.notamazonaws.com",
            "s3.eu-west-1.wasabisys.com",
            "gateway.storjshare.io",
            "127.0.0.1",
            "",
            // Upper case is not what Endpoint::host gives; it is not guessed at.
            "S3.EU-WEST-1.AMAZONAWS.COM",
        ] {
            assert_eq!(region_from_host(host), None, "{host}");
        }
    }

    #[test]
    fn regions() {
        for ok in ["us-east-1", "auto", "eu_west.2"] {
            assert!(check_region(ok).is_ok());
        }
        for bad in ["", "us east", "us/east", "us-east-1\n", "é"] {
            assert!(check_region(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn aws_hosts_name_their_region() {
        assert_eq!(
            region_from_host("s3.eu-west-1.amazonaws.com"),
            Some("eu-west-1")
        );
        assert_eq!(
            region_from_host("my-bucket.s3-us-west-2.amazonaws.com"),
            Some("us-west-2")
        );
        assert_eq!(
            region_from_host("s3.us-iso-east-1.c2s.ic.gov"),
            Some("us-iso-east-1")
        );
        assert_eq!(region_from_host("s3.amazonaws.com"), None);
        assert_eq!(region_from_host("gateway.storjshare.io"), None);
    }
}
