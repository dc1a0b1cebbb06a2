//! The table of endpoint presets: what `presign endpoints` prints, the completion scripts
//! offer and the "Providers" table of docs/reference.md shows, with the document each fact comes from.
//! `provider.rs` implements them; its tests check the two agree.

/// One preset, as `presign endpoints` lists it and the "Providers" table of docs/reference.md shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// What `--endpoint` takes: `r2:ACCOUNT_ID`.
    pub name: &'static str,
    /// Other names `--endpoint` takes for it: Storj's `global` for `storj`.
    pub aliases: &'static [&'static str],
    /// The provider, as messages group the presets: `Cloudflare R2`.
    pub provider: &'static str,
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
        aliases: &[],
        provider: "AWS",
        endpoint: "https://s3.amazonaws.com (us-east-1), https://s3.REGION.amazonaws.com, .amazonaws.com.cn, ... (--dualstack, --fips, --accelerate)",
        region: "the region setting (us-east-1 when none)",
        addressing: "auto",
        limits: "--accelerate: virtual host only, not with --fips; --fips in the US, Canada, GovCloud and ISO regions endpoints.json lists; no dualstack in aws-iso-e/-f",
        source: "botocore 1.44.8's S3 endpoint ruleset, partitions.json and endpoints.json",
    },
    Preset {
        name: "storj",
        aliases: &["storj:global", "global"],
        provider: "Storj",
        endpoint: "https://gateway.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "storj:us1",
        aliases: &["us1"],
        provider: "Storj",
        endpoint: "https://gateway.us1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "storj:eu1",
        aliases: &["eu1"],
        provider: "Storj",
        endpoint: "https://gateway.eu1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "storj:ap1",
        aliases: &["ap1"],
        provider: "Storj",
        endpoint: "https://gateway.ap1.storjshare.io",
        region: "us-east-1",
        addressing: "path",
        limits: "no x-amz-checksum-* (use --content-md5)",
        source: "https://storj.dev/dcs/api/s3/s3-compatibility",
    },
    Preset {
        name: "r2:ACCOUNT_ID",
        aliases: &[],
        provider: "Cloudflare R2",
        endpoint: "https://ACCOUNT_ID.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/api/s3/api/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:eu",
        aliases: &[],
        provider: "Cloudflare R2",
        endpoint: "https://ACCOUNT_ID.eu.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/reference/data-location/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:fedramp",
        aliases: &[],
        provider: "Cloudflare R2",
        endpoint: "https://ACCOUNT_ID.fedramp.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/r2/reference/data-location/",
    },
    Preset {
        name: "r2:ACCOUNT_ID:us",
        aliases: &[],
        provider: "Cloudflare R2",
        endpoint: "https://ACCOUNT_ID.us.r2.cloudflarestorage.com",
        region: "auto",
        addressing: "path",
        limits: "SigV4 only; no POST forms (use put)",
        source: "https://developers.cloudflare.com/changelog/post/2026-08-17-r2-us-jurisdiction/",
    },
    Preset {
        name: "b2:REGION",
        aliases: &[],
        provider: "Backblaze B2",
        endpoint: "https://s3.REGION.backblazeb2.com",
        region: "REGION",
        addressing: "path",
        limits: "SigV4 only; POST forms not documented (warning)",
        source: "https://www.backblaze.com/apidocs/introduction-to-the-s3-compatible-api",
    },
    Preset {
        name: "gcs",
        aliases: &[],
        provider: "Google Cloud Storage",
        endpoint: "https://storage.googleapis.com",
        region: "auto",
        addressing: "path",
        limits: "HMAC keys only",
        source: "https://cloud.google.com/storage/docs/aws-simple-migration",
    },
    Preset {
        name: "wasabi:REGION",
        aliases: &[],
        provider: "Wasabi",
        endpoint: "https://s3.REGION.wasabisys.com",
        region: "REGION",
        addressing: "path",
        limits: "",
        source: "https://docs.wasabi.com/docs/rest-api-introduction",
    },
    Preset {
        name: "spaces:REGION",
        aliases: &[],
        provider: "DigitalOcean Spaces",
        endpoint: "https://REGION.digitaloceanspaces.com",
        region: "REGION",
        addressing: "auto",
        limits: "",
        source: "https://docs.digitalocean.com/reference/api/spaces/",
    },
];

/// The preset names as completion offers them: whole names, and the provider prefix of
/// those that take a value (`r2:`, `b2:`, ...). Storj's short names are offered too.
pub const PRESET_NAMES: [&str; 14] = [
    "aws",
    "gcs",
    "storj",
    "storj:us1",
    "storj:eu1",
    "storj:ap1",
    "global",
    "us1",
    "eu1",
    "ap1",
    "r2:",
    "b2:",
    "wasabi:",
    "spaces:",
];

/// Every preset name and alias, grouped by provider in the table's order, for messages:
/// `AWS: aws; Storj: storj, storj:us1, ..., also storj:global, global, ...; Cloudflare
/// R2: r2:ACCOUNT_ID, ...`.
pub(crate) fn presets_by_provider() -> String {
    let mut out = String::new();
    let mut rest = &PRESETS[..];
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|p| p.provider == first.provider)
            .count();
        let (group, after) = rest.split_at(n);
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(first.provider);
        out.push_str(": ");
        let names: Vec<&str> = group.iter().map(|p| p.name).collect();
        out.push_str(&names.join(", "));
        let aliases: Vec<&str> = group.iter().flat_map(|p| p.aliases).copied().collect();
        if !aliases.is_empty() {
            out.push_str(", also ");
            out.push_str(&aliases.join(", "));
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_by_provider_names_every_preset_and_alias_once() {
        let text = presets_by_provider();
        assert!(
            text.starts_with("AWS: aws; Storj: storj, storj:us1, storj:eu1, storj:ap1, also "),
            "{text}"
        );
        for p in PRESETS {
            for name in std::iter::once(&p.name).chain(p.aliases) {
                let n = text
                    .split([',', ';'])
                    .filter(|item| item.trim().rsplit(' ').next() == Some(*name))
                    .count();
                assert_eq!(n, 1, "{name} in {text}");
            }
        }
        // Each provider is one group: the table keeps a provider's rows together.
        let mut providers: Vec<&str> = PRESETS.iter().map(|p| p.provider).collect();
        providers.sort_unstable();
        providers.dedup();
        assert_eq!(text.matches("; ").count() + 1, providers.len(), "{text}");
    }
}
