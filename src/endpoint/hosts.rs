//! The S3 hosts of the providers presign knows, read back to the `--endpoint` that names
//! them. A host name pasted where a bucket goes (`b.s3.amazonaws.com/k`,
//! `gateway.storjshare.io/b/k`), a URL pasted as a target, or a host given as an endpoint
//! without `https://` is a mistake whose fix this says: the bucket in front of the host,
//! if any, and the preset (or URL) that reaches the host.

use crate::endpoint::aws::PARTITIONS;
use crate::endpoint::provider::STORJ_PRESETS;
use crate::endpoint::region::region_from_host;

/// A provider's S3 host, maybe with a bucket label in front of it (virtual-host style).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KnownHost<'a> {
    /// The bucket in front of the endpoint's host name, as written.
    pub bucket: Option<&'a str>,
    /// The options that reach the endpoint: `--endpoint storj:eu1`, `--endpoint aws
    /// --region us-west-2`.
    pub options: String,
    /// The preset alone (`storj:eu1`, `aws`), when a preset reaches the host.
    pub preset: Option<String>,
}

/// Whether `host` (no port, any case) is under `domain`; the labels in front of it.
fn labels_under<'a>(host: &'a str, domain: &str) -> Option<&'a str> {
    let split = host.len().checked_sub(domain.len() + 1)?;
    (host.is_char_boundary(split)
        && host.as_bytes()[split] == b'.'
        && host[split + 1..].eq_ignore_ascii_case(domain))
    .then(|| &host[..split])
}

/// In `names` (labels joined by '.'), the rightmost label for which `is_start` holds: the
/// text in front of it (the bucket, `None` when empty) and where that label starts.
fn split_at_label(names: &str, is_start: impl Fn(&str) -> bool) -> Option<(Option<&str>, usize)> {
    let mut end = names.len();
    loop {
        let start = names[..end].rfind('.').map_or(0, |dot| dot + 1);
        if is_start(&names[start..end]) {
            let bucket = start.checked_sub(1).map(|dot| &names[..dot]);
            return Some((bucket.filter(|b| !b.is_empty()), start));
        }
        end = start.checked_sub(1)?;
    }
}

/// The provider's S3 host that `host` (a host name without port, any case) is, or ends
/// with: AWS S3's in every partition (`s3.REGION.amazonaws.com`, `s3-REGION...`,
/// `s3.dualstack...`, `s3-fips...`, `s3-accelerate...`, `.amazonaws.com.cn`, ...), Storj's
/// gateways, R2's, Backblaze's, Wasabi's, Spaces' and Google's. `None` for any other host,
/// so a bucket named after a domain of its owner (`www.example.com`) is never taken for one.
pub(crate) fn known_host(host: &str) -> Option<KnownHost<'_>> {
    let host = host.strip_suffix('.').unwrap_or(host); // a fully qualified name
    let is = |label: &str, name: &str| label.eq_ignore_ascii_case(name);
    let preset = |bucket, preset: String| {
        Some(KnownHost {
            bucket,
            options: format!("--endpoint {preset}"),
            preset: Some(preset),
        })
    };
    let url = |bucket, endpoint: &str| {
        Some(KnownHost {
            bucket,
            options: format!("--endpoint https://{}", endpoint.to_ascii_lowercase()),
            preset: None,
        })
    };
    if let Some(names) = PARTITIONS
        .iter()
        .find_map(|p| labels_under(host, p.dns_suffix))
    {
        let s3 = |l: &str| is(l, "s3") || (l.len() > 3 && l[..3].eq_ignore_ascii_case("s3-"));
        let (bucket, start) = split_at_label(names, s3)?;
        return Some(aws(bucket, &host[start..]));
    }
    if let Some(names) = labels_under(host, "storjshare.io") {
        let (bucket, start) = split_at_label(names, |l| is(l, "gateway"))?;
        return match names[start..].split_once('.') {
            None => preset(bucket, "storj".to_owned()),
            Some((_, region)) => match STORJ_PRESETS.iter().find(|(r, _)| is(r, region)) {
                Some((region, _)) => preset(bucket, format!("storj:{region}")),
                None => url(bucket, &host[start..]),
            },
        };
    }
    if let Some(names) = labels_under(host, "r2.cloudflarestorage.com") {
        // ACCOUNT_ID[.JURISDICTION]: the account is the rightmost label but a jurisdiction.
        let jurisdictions = ["eu", "fedramp", "us"];
        let (names, jurisdiction) = match names.rsplit_once('.') {
            Some((front, last)) if jurisdictions.iter().any(|j| is(last, j)) => (front, Some(last)),
            _ => (names, None),
        };
        let (bucket, account, start) = match names.rsplit_once('.') {
            Some((bucket, account)) => (Some(bucket), account, bucket.len() + 1),
            None => (None, names, 0),
        };
        let hex = account.len() == 32 && account.bytes().all(|b| b.is_ascii_hexdigit());
        return if hex {
            let j = jurisdiction.map(|j| format!(":{}", j.to_ascii_lowercase()));
            let account = account.to_ascii_lowercase();
            preset(bucket, format!("r2:{account}{}", j.unwrap_or_default()))
        } else {
            url(bucket, &host[start..])
        };
    }
    for (domain, name) in [("backblazeb2.com", "b2"), ("wasabisys.com", "wasabi")] {
        if let Some(names) = labels_under(host, domain) {
            let (bucket, start) = split_at_label(names, |l| is(l, "s3"))?;
            // Wasabi's first host, s3.wasabisys.com, is its us-east-1.
            let region = match names[start..].split_once('.') {
                Some((_, region)) => region.to_ascii_lowercase(),
                None if name == "wasabi" => "us-east-1".to_owned(),
                None => return None,
            };
            return preset(bucket, format!("{name}:{region}"));
        }
    }
    if let Some(names) = labels_under(host, "digitaloceanspaces.com") {
        // [BUCKET.]REGION[.cdn].digitaloceanspaces.com
        let names = names
            .strip_suffix(".cdn")
            .or_else(|| names.strip_suffix(".CDN"))
            .unwrap_or(names);
        let (bucket, region) = match names.rsplit_once('.') {
            Some((bucket, region)) => (Some(bucket), region),
            None => (None, names),
        };
        return preset(bucket, format!("spaces:{}", region.to_ascii_lowercase()));
    }
    if is(host, "storage.googleapis.com") {
        return preset(None, "gcs".to_owned());
    }
    if let Some(bucket) = labels_under(host, "storage.googleapis.com") {
        return preset(Some(bucket), "gcs".to_owned());
    }
    None
}

/// AWS S3's host from `endpoint` (its names, from the `s3...` label on, and the partition's
/// suffix): `--endpoint aws`, with the region the host names and the AWS options.
fn aws<'a>(bucket: Option<&'a str>, endpoint: &str) -> KnownHost<'a> {
    let endpoint = endpoint.to_ascii_lowercase();
    let mut options = "--endpoint aws".to_owned();
    if let Some(region) = region_from_host(&endpoint) {
        options.push_str(" --region ");
        options.push_str(region);
    }
    let labels: Vec<&str> = endpoint.split('.').collect();
    for (flag, on) in [
        ("--dualstack", labels.contains(&"dualstack")),
        ("--fips", labels[0] == "s3-fips"),
        ("--accelerate", labels[0] == "s3-accelerate"),
    ] {
        if on {
            options.push(' ');
            options.push_str(flag);
        }
    }
    KnownHost {
        bucket,
        options,
        preset: Some("aws".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";

    fn read(host: &str) -> Option<(Option<&str>, String)> {
        known_host(host).map(|k| (k.bucket, k.options))
    }

    #[test]
    fn each_providers_hosts_read_back_to_bucket_and_options() {
        let r2 = format!("my-bucket.{ACCOUNT}.eu.r2.cloudflarestorage.com");
        for (host, bucket, options) in [
            ("s3.amazonaws.com", None, "--endpoint aws".to_owned()),
            ("b.s3.amazonaws.com", Some("b"), "--endpoint aws".to_owned()),
            (
                "my.dotted.bucket.s3.us-west-2.amazonaws.com",
                Some("my.dotted.bucket"),
                "--endpoint aws --region us-west-2".to_owned(),
            ),
            (
                "B.S3-EU-WEST-1.AMAZONAWS.COM",
                Some("B"),
                "--endpoint aws --region eu-west-1".to_owned(),
            ),
            (
                "b.s3-accelerate.amazonaws.com",
                Some("b"),
                "--endpoint aws --accelerate".to_owned(),
            ),
            (
                "b.s3-accelerate.dualstack.amazonaws.com",
                Some("b"),
                "--endpoint aws --dualstack --accelerate".to_owned(),
            ),
            (
                "s3-fips.dualstack.us-east-2.amazonaws.com",
                None,
                "--endpoint aws --region us-east-2 --dualstack --fips".to_owned(),
            ),
            (
                "b.s3.cn-north-1.amazonaws.com.cn",
                Some("b"),
                "--endpoint aws --region cn-north-1".to_owned(),
            ),
            ("gateway.storjshare.io", None, "--endpoint storj".to_owned()),
            (
                "b.gateway.eu1.storjshare.io",
                Some("b"),
                "--endpoint storj:eu1".to_owned(),
            ),
            (
                "gateway.xx9.storjshare.io",
                None,
                "--endpoint https://gateway.xx9.storjshare.io".to_owned(),
            ),
            (
                &r2,
                Some("my-bucket"),
                format!("--endpoint r2:{ACCOUNT}:eu"),
            ),
            (
                "ACCOUNT.r2.cloudflarestorage.com",
                None,
                "--endpoint https://account.r2.cloudflarestorage.com".to_owned(),
            ),
            (
                "s3.us-west-004.backblazeb2.com",
                None,
                "--endpoint b2:us-west-004".to_owned(),
            ),
            (
                "b.s3.eu-central-1.wasabisys.com",
                Some("b"),
                "--endpoint wasabi:eu-central-1".to_owned(),
            ),
            (
                "s3.wasabisys.com",
                None,
                "--endpoint wasabi:us-east-1".to_owned(),
            ),
            (
                "b.nyc3.digitaloceanspaces.com",
                Some("b"),
                "--endpoint spaces:nyc3".to_owned(),
            ),
            (
                "b.nyc3.cdn.digitaloceanspaces.com",
                Some("b"),
                "--endpoint spaces:nyc3".to_owned(),
            ),
            ("storage.googleapis.com", None, "--endpoint gcs".to_owned()),
            (
                "b.storage.googleapis.com.",
                Some("b"),
                "--endpoint gcs".to_owned(),
            ),
        ] {
            assert_eq!(read(host), Some((bucket, options)), "{host}");
        }
    }

    /// Names a bucket may well have: a domain of its own, or one that only looks alike.
    #[test]
    fn other_hosts_are_not_known() {
        for host in [
            "www.example.com",
            "logs.2026",
            "amazonaws.com",
            "ec2.us-east-1.amazonaws.com",
            "my.amazonaws.com",
            "s3.amazonaws.com.example.org",
            "link.storjshare.io",
            "storjshare.io",
            "r2.cloudflarestorage.com",
            "f000.backblazeb2.com",
            "googleapis.com",
            "b.example.s3",
        ] {
            assert_eq!(read(host), None, "{host}");
        }
    }
}
