//! The presigner: configuration in, URLs out.

pub(crate) mod v2;
pub(crate) mod v4;

use crate::credentials::Credentials;
use crate::encode::{Slash, encode_into};
use crate::endpoint::placement::Placement;
use crate::endpoint::region::{check_region, region_from_host};
use crate::endpoint::{AddressingStyle, Endpoint, SignatureVersion};
use crate::error::Error;
use crate::expiry::{Expiry, SIGV4_MAX_EXPIRES};
use crate::param::Params;
use crate::request::Request;
use crate::request::headers::SignedHeaders;
use crate::request::target::{bucket_is_dns_compatible, check_dns_bucket, dns_bucket_problem};
use crate::sign::v2::SigV2;
use crate::sign::v4::{Canonical, SigV4};
use crate::time::check_time;
use chrono::{DateTime, Utc};
use std::fmt;

/// Everything a run of presigning needs, apart from the time.
#[derive(Clone, Debug)]
pub struct Config {
    pub endpoint: Endpoint,
    pub region: String,
    pub credentials: Credentials,
    pub signature: SignatureVersion,
    pub addressing: AddressingStyle,
    /// AWS's "auto" addressing, over `addressing` (which it leaves unused): virtual host
    /// for a bucket that can be a host name of the endpoint, path style for the rest
    /// (dotted names over https, legacy names, IP endpoints), decided per URL as botocore
    /// decides it.
    pub auto_addressing: bool,
    pub expires: Expiry,
}

impl Config {
    /// A configuration with SigV4, path style and a one-hour expiry.
    pub fn new(endpoint: Endpoint, region: impl Into<String>, credentials: Credentials) -> Self {
        Config {
            endpoint,
            region: region.into(),
            credentials,
            signature: SignatureVersion::default(),
            addressing: AddressingStyle::default(),
            auto_addressing: false,
            expires: Expiry::default(),
        }
    }

    /// How a URL for `bucket` is addressed: `addressing`, or with `auto_addressing` what
    /// the bucket name allows.
    pub fn addressing_for(&self, bucket: &str) -> AddressingStyle {
        addressing_for(
            &self.endpoint,
            self.addressing,
            self.auto_addressing,
            bucket,
        )
    }

    /// The checks every signature of this configuration needs as of `time` (presigned
    /// URLs and POST forms alike); the expiry in seconds.
    pub(crate) fn check(&self, time: DateTime<Utc>) -> Result<u64, Error> {
        check_time(time)?;
        check_region(&self.region)?;
        let expires = self.expires.as_secs();
        if self.signature == SignatureVersion::V4 && expires > SIGV4_MAX_EXPIRES {
            return Err(Error::ExpiryTooLong { seconds: expires });
        }
        Ok(expires)
    }

    /// Whether a bucket of this name can exist where the URLs go: see
    /// [`Presigner::check_bucket_can_exist`].
    pub fn check_bucket_can_exist(&self, bucket: &str) -> Result<(), Error> {
        check_legacy_bucket(aws_region_without_legacy_buckets(self).as_deref(), bucket)
    }
}

/// The AWS region a configuration's URLs go to, when it is not us-east-1: the region its
/// S3 host names, else the one signed for (SigV2 signs for none: the global host is
/// us-east-1's). `None` for us-east-1 and for every endpoint that is not AWS S3.
fn aws_region_without_legacy_buckets(config: &Config) -> Option<String> {
    let host = config.endpoint.host();
    let aws = crate::endpoint::hosts::known_host(host)
        .is_some_and(|k| k.bucket.is_none() && k.preset.as_deref() == Some("aws"));
    if !aws {
        return None;
    }
    let region = match (region_from_host(host), config.signature) {
        (Some(region), _) => region,
        (None, SignatureVersion::V4) => &config.region,
        (None, SignatureVersion::V2) => "us-east-1",
    };
    (region != "us-east-1").then(|| region.to_owned())
}

/// Refuses a legacy bucket name (see [`bucket_is_dns_compatible`]) for AWS `region`, where
/// none exists; any name passes with no region (us-east-1, or not AWS).
fn check_legacy_bucket(region: Option<&str>, bucket: &str) -> Result<(), Error> {
    // The name is read only for AWS outside us-east-1: this runs for every URL of a batch.
    let Some(region) = region else {
        return Ok(());
    };
    match dns_bucket_problem(bucket) {
        Some(reason) => Err(Error::LegacyBucketOutsideUsEast1 {
            bucket: bucket.to_owned(),
            region: region.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Presigns URLs for one configuration at one instant.
///
/// Creating it does the per-run work (key derivation, query strings); each URL after that
/// costs one hash and one HMAC.
///
/// ```
/// use presign::{Config, Credentials, Presigner, Request, Target};
///
/// let creds = Credentials::new(
///     "AKIAIOSFODNN7EXAMPLE",
///     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
///     None,
/// )?;
/// let config = Config::new("https://gateway.storjshare.io".parse()?, "us-east-1", creds);
/// let time = presign::parse_time("2026-01-01T00:00:00Z")?;
/// let presigner = Presigner::new(&config, time)?;
/// let url = presigner.presign(&Request::get(Target::parse("my-bucket/k")?))?;
/// assert!(url.starts_with("https://gateway.storjshare.io/my-bucket/k?X-Amz-Algorithm="));
/// # Ok::<(), presign::Error>(())
/// ```
#[derive(Clone)]
pub struct Presigner {
    endpoint: Endpoint,
    addressing: AddressingStyle,
    auto_addressing: bool,
    signer: Signer,
    /// AWS's region when it is not us-east-1, where no legacy bucket name exists.
    legacy_free_region: Option<String>,
}

#[derive(Clone)]
enum Signer {
    V4(SigV4),
    V2(SigV2),
}

impl Presigner {
    /// Checks the configuration and prepares to sign as of `time`.
    pub fn new(config: &Config, time: DateTime<Utc>) -> Result<Self, Error> {
        let expires = config.check(time)?;
        let signer = match config.signature {
            SignatureVersion::V4 => Signer::V4(SigV4::new(
                &config.credentials,
                &config.region,
                time,
                expires,
            )),
            SignatureVersion::V2 => {
                let expires_at = i64::try_from(expires)
                    .ok()
                    .and_then(|e| time.timestamp().checked_add(e))
                    .ok_or(Error::InvalidDuration {
                        value: config.expires.to_string(),
                        reason: "it is too large",
                    })?;
                Signer::V2(SigV2::new(&config.credentials, expires_at))
            }
        };
        Ok(Presigner {
            endpoint: config.endpoint.clone(),
            addressing: config.addressing,
            auto_addressing: config.auto_addressing,
            signer,
            legacy_free_region: aws_region_without_legacy_buckets(config),
        })
    }

    /// The presigned URL for `request`.
    pub fn presign(&self, request: &Request<'_>) -> Result<String, Error> {
        let mut url = String::with_capacity(512);
        self.presign_into(request, &mut url)?;
        Ok(url)
    }

    /// Appends the presigned URL for `request` to `out`; on error `out` is unchanged.
    pub fn presign_into(&self, request: &Request<'_>, out: &mut String) -> Result<(), Error> {
        self.check_headers(request.headers)?;
        self.check_params(&request.params)?;
        let bucket = request.target.bucket();
        let virtual_host = addressing_for(
            &self.endpoint,
            self.addressing,
            self.auto_addressing,
            bucket,
        ) == AddressingStyle::VirtualHost;
        if virtual_host && !self.auto_addressing {
            self.check_virtual_host(bucket)?;
        }

        out.push_str(self.endpoint.scheme_prefix());
        if virtual_host {
            out.push_str(bucket);
            out.push('.');
        }
        // The URL keeps the endpoint as written (botocore prints `S3.Example.COM:443` so);
        // the signature covers the normalised host, as the server sees it.
        out.push_str(self.endpoint.url_authority());
        let path_start = out.len();
        if !virtual_host {
            out.push('/');
            out.push_str(bucket);
        }
        // A bucket operation's path is `/BUCKET` in path style, `/` on a virtual host.
        if virtual_host || !request.target.is_bucket_only() {
            out.push('/');
            encode_into(out, request.target.key(), Slash::Keep);
        }

        // The operation's parameters come first in the query, in the request's order;
        // SigV4 writes a valueless one as `uploads=`, SigV2 as `uploads` (as botocore).
        let query_start = out.len();
        out.push('?');
        let v2 = matches!(self.signer, Signer::V2(_));
        for (param, value) in request.params.iter() {
            out.push_str(param.as_str());
            if !(v2 && param.is_valueless()) {
                out.push('=');
                encode_into(out, value, Slash::Encode);
            }
            out.push('&');
        }
        // Headers moved into the query (`--in-url`) follow, in the order added; the
        // signers find them after the parameters.
        out.push_str(request.headers.query_url());

        // The signers read the path and the parameters back from `out`.
        let canonical = Canonical {
            method: request.method.as_str(),
            host_prefix: virtual_host.then_some(bucket),
            authority: self.endpoint.authority(),
            params: &request.params,
            headers: request.headers,
        };
        match &self.signer {
            Signer::V4(v4) => v4.finish_url(&canonical, out, path_start, query_start),
            Signer::V2(v2) => v2.finish_url(&canonical, out, path_start, query_start),
        }
        Ok(())
    }

    /// Whether every URL signed with `headers` can be made: SigV2 cannot sign
    /// `Cache-Control`, `Content-Disposition`, `Content-Encoding`, `Content-Language`,
    /// `Range` and the like, and a URL that silently left one out would not pin it.
    pub fn check_headers(&self, headers: &SignedHeaders) -> Result<(), Error> {
        if let (Signer::V2(_), Some(name)) = (&self.signer, headers.unsignable_with_sigv2()) {
            return Err(Error::UnsignableWithSigV2 {
                header: name.as_str().to_owned(),
            });
        }
        if let (Signer::V2(_), Some((name, _))) = (&self.signer, headers.in_query().next()) {
            return Err(Error::HoistedWithSigV2 {
                header: name.as_str().to_owned(),
            });
        }
        Ok(())
    }

    /// Whether SigV2 signs every parameter: it signs only its sub-resources, so a
    /// ListObjectsV2 URL would let its holder change the prefix.
    pub fn check_params(&self, params: &Params<'_>) -> Result<(), Error> {
        if let Signer::V2(_) = &self.signer
            && let Some((param, _)) = params.iter().find(|(p, _)| !p.signed_by_sigv2())
        {
            return Err(Error::UnsignableParamWithSigV2 { param });
        }
        Ok(())
    }

    /// Whether `bucket` can be put into the host name of this endpoint.
    pub fn check_virtual_host(&self, bucket: &str) -> Result<(), Error> {
        check_virtual_host(&self.endpoint, bucket)
    }

    /// Whether a bucket of this name can exist where the URLs go. A legacy name
    /// (uppercase, `_`, ...: not [`bucket_is_dns_compatible`]) exists only in AWS's
    /// us-east-1, which allowed such names until March 2018; for AWS S3 in any other
    /// region such a URL can only fail. botocore signs it all the same, and so do
    /// [`Presigner::presign`] and [`presign_post`](crate::post::presign_post); the CLI
    /// asks this first. Every name passes for an endpoint that is not AWS S3.
    ///
    /// ```
    /// use presign::{Config, Credentials, Presigner};
    /// let creds = Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(), None)?;
    /// let config = Config::new("https://s3.eu-west-1.amazonaws.com".parse()?, "eu-west-1", creds);
    /// let presigner = Presigner::new(&config, presign::parse_time("2026-01-01T00:00:00Z")?)?;
    /// assert!(presigner.check_bucket_can_exist("my-bucket").is_ok());
    /// assert!(presigner.check_bucket_can_exist("My_Bucket").is_err());
    /// # Ok::<(), presign::Error>(())
    /// ```
    pub fn check_bucket_can_exist(&self, bucket: &str) -> Result<(), Error> {
        check_legacy_bucket(self.legacy_free_region.as_deref(), bucket)
    }

    /// Whether URLs are virtual-host style whatever the bucket (with "auto" addressing,
    /// only those whose bucket can be a host name are, and none fails for that).
    pub fn is_virtual_host(&self) -> bool {
        self.addressing == AddressingStyle::VirtualHost && !self.auto_addressing
    }
}

impl fmt::Debug for Presigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Presigner")
            .field("endpoint", &self.endpoint)
            .field("addressing", &self.addressing)
            .finish_non_exhaustive()
    }
}

/// How a URL for `bucket` is addressed (see [`Config::auto_addressing`]). A cheap scan of
/// the bucket name: it runs for every URL.
fn addressing_for(
    endpoint: &Endpoint,
    addressing: AddressingStyle,
    auto: bool,
    bucket: &str,
) -> AddressingStyle {
    if !auto {
        return addressing;
    }
    let fits = bucket_is_dns_compatible(bucket)
        && !endpoint.is_ip()
        && !(endpoint.is_https() && bucket.contains('.'));
    if fits {
        AddressingStyle::VirtualHost
    } else {
        AddressingStyle::Path
    }
}

/// Whether `bucket` can be put into the host name of `endpoint` (presigned URLs and POST
/// forms alike).
pub(crate) fn check_virtual_host(endpoint: &Endpoint, bucket: &str) -> Result<(), Error> {
    if endpoint.is_accelerate() {
        // No path style to fall back to: say why the bucket cannot be used at all.
        let reason = if !bucket_is_dns_compatible(bucket) {
            Some("its name cannot be a host name (uppercase, '_', or not 3 to 63 characters)")
        } else if bucket.contains('.') {
            Some("its name has '.', which breaks the TLS certificate check of the accelerate host")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(Error::AccelerateBucket {
                bucket: bucket.to_owned(),
                reason,
            });
        }
    }
    // Legacy names (uppercase, `_`, long) sign in path style only: no host name holds them.
    check_dns_bucket(bucket)?;
    if endpoint.is_ip() {
        return Err(Error::VirtualHostOnIp {
            host: endpoint.host().to_owned(),
        });
    }
    if endpoint.is_https() && bucket.contains('.') {
        return Err(Error::DottedBucketOverHttps {
            bucket: bucket.to_owned(),
            host: endpoint.authority().to_owned(),
        });
    }
    Ok(())
}

// Written here, not beside `Placement`, so that the endpoint family does not depend on
// the signer; an inherent impl keeps its path wherever it is written.
impl Placement {
    /// A configuration with these parts, `credentials` and the default expiry.
    pub fn into_config(self, credentials: Credentials) -> Config {
        let mut config = Config::new(self.endpoint, self.region, credentials);
        config.signature = self.signature;
        config.addressing = self.addressing;
        config.auto_addressing = self.auto_addressing;
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::PlaceOptions;
    use crate::endpoint::Provider;

    fn config(endpoint: &str, region: Option<&str>, signature: SignatureVersion) -> Config {
        let options = PlaceOptions {
            region: region.map(str::to_owned),
            signature,
            ..PlaceOptions::default()
        };
        let credentials = Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            None,
        )
        .unwrap();
        let placement = endpoint
            .parse::<Provider>()
            .unwrap()
            .place(&options)
            .unwrap();
        placement.into_config(credentials)
    }

    /// `My_Bucket/k` with AWS in eu-west-1 signed, for a bucket that cannot exist there:
    /// legacy names exist in us-east-1 only.
    #[test]
    fn a_legacy_bucket_outside_us_east_1_on_aws_cannot_exist() {
        let time = crate::time::parse_time("2026-01-01T00:00:00Z").unwrap();
        let v4 = SignatureVersion::V4;
        let v2 = SignatureVersion::V2;
        for (endpoint, region, signature, refused_in) in [
            ("aws", Some("eu-west-1"), v4, Some("eu-west-1")),
            ("aws", Some("cn-north-1"), v4, Some("cn-north-1")),
            ("aws", None, v4, None),
            ("aws", Some("us-east-1"), v4, None),
            ("aws", Some("aws-global"), v4, None),
            (
                "https://s3.eu-west-1.amazonaws.com",
                None,
                v4,
                Some("eu-west-1"),
            ),
            (
                "https://s3.eu-west-1.amazonaws.com",
                None,
                v2,
                Some("eu-west-1"),
            ),
            ("https://s3.amazonaws.com", None, v2, None),
            (
                "https://s3.amazonaws.com",
                Some("eu-west-1"),
                v4,
                Some("eu-west-1"),
            ),
            ("https://s3.us-east-1.amazonaws.com", None, v4, None),
            ("eu1", Some("eu-west-1"), v4, None),
            ("https://minio.example.com", Some("eu-west-1"), v4, None),
        ] {
            let config = config(endpoint, region, signature);
            let presigner = Presigner::new(&config, time).unwrap();
            for bucket in ["My_Bucket", "ab", "-ab", "a..b", "192.168.5.4"] {
                let (from_config, from_presigner) = (
                    config.check_bucket_can_exist(bucket),
                    presigner.check_bucket_can_exist(bucket),
                );
                match refused_in {
                    Some(region) => {
                        let e = from_presigner.unwrap_err().to_string();
                        assert!(
                            e.starts_with(&format!(
                                "bucket {bucket:?} cannot exist in {region}: its name is a legacy one ("
                            )),
                            "{endpoint} {bucket}: {e}"
                        );
                        assert_eq!(from_config.unwrap_err().to_string(), e);
                    }
                    None => {
                        assert!(from_presigner.is_ok() && from_config.is_ok(), "{endpoint}");
                    }
                }
            }
            assert!(presigner.check_bucket_can_exist("my-bucket").is_ok());
            // The URL itself is botocore's, whatever the name: the check is the caller's.
            let target = crate::Target::new("My_Bucket", "k").unwrap();
            assert!(presigner.presign(&Request::get(target)).is_ok());
        }
    }
}
