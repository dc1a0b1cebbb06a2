//! The table of endpoint presets: what `presign endpoints` prints, the completion scripts
//! offer and the "Providers" table of docs/reference.md shows, with the document each fact comes from.
//! `provider.rs` implements them; its tests check the two agree.

/// One preset, as `presign endpoints` lists it and the "Providers" table of docs/reference.md shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// What `--endpoint` takes: `r2:ACCOUNT_ID`.
    pub name: &'static str,
    /// The endpoint it stands for, with the same placeholders.
    pub endpoint: &'static str,
    /// The signing region.
    pub region: &'static str,
    /// `path`, or `auto` (virtual host where the bucket name allows).
    pub addressing: &'static str,
    /// What the provider does not support, as presign enforces it; empty when nothing.
    pub limits: &'static str,
    /// Where these facts come from.
    pub source: &'static str,
}

/// Every preset `--endpoint` takes, in the order `presign endpoints` prints them.
pub const PRESETS: [Preset; 13] = [
    Preset {
        name: "aws",
        endpoint: "https://s3.amazonaws.com (us-east-1), https://s3.REGION.amazonaws.com, .amazonaws.com.cn, ... (--dualstack, --fips, --accelerate)",
        region: "the region setting (us-east-1 when none)",
        addressing: "auto",
        limits: "--accelerate: virtual host only, not with --fips; --fips in the US, Canada, GovCloud and ISO regions endpoints.json lists; no dualstack in aws-iso-e/-f",
        source: "botocore 1.44.8's S3 endpoint ruleset, partitions.json and endpoints.json",
    },
    Preset {
        name: "r2:ACCOUNT_ID",
        endpoint: "https://ACCOUNT_ID.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/api/s3/api/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:eu",
        endpoint: "https://ACCOUNT_ID.eu.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/reference/data-location/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:fedramp",
        endpoint: "https://ACCOUNT_ID.fedramp.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/reference/data-location/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:us",
        endpoint: "https://ACCOUNT_ID.us.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/changelog/post/2026-08-17-r2-us-jurisdiction/",
    },
    Preset {
        name: "b2:REGION",
        endpoint: "https://s3.REGION.backblazeb2.com",
        region: "REGION",
        addressing: "path",
        limits: "SigV4 only; POST forms not documented (warning)",
        source: "https://www.backblaze.com/apidocs/introduction-to-the-s3-compatible-api",
    },
    Preset {
        name: "gcs",
        endpoint: "https://storage.googleapis.com",
        region: "auto",
        addressing: "path",
        limits: "HMAC keys only",
        source: "https://cloud.google.com/storage/docs/aws-simple-migration",
    },
    Preset {
        name: "wasabi:REGION",
        endpoint: "https://s3.REGION.wasabisys.com",
        region: "REGION",
        addressing: "path",
        limits: "",
        source: "https://docs.wasabi.com/docs/rest-api-introduction",
    },
    Preset {
        name: "spaces:REGION",
        endpoint: "https://REGION.digitaloceanspaces.com",
        region: "REGION",
        addressing: "auto",
        limits: "",
        source: "https://docs.digitalocean.com/reference/api/spaces/",
    },
    Preset {
        name: "global",
        endpoint: "https://gateway.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "us1",
        endpoint: "https://gateway.us1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "eu1",
        endpoint: "https://gateway.eu1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "ap1",
        endpoint: "https://gateway.ap1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
];

/// The preset names as completion offers them: whole names, and the provider prefix of
/// those that take a value (`r2:`, `b2:`, ...).
pub const PRESET_NAMES: [&str; 10] = [
    "aws", "gcs", "global", "us1", "eu1", "ap1", "r2:", "b2:", "wasabi:", "spaces:",
];
