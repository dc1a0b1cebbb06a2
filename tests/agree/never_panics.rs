//! Hostile input never panics and never yields a wrong answer: every parser accepts
//! exactly what its rules (restated here from the specs and the docs, not from presign's
//! code) allow, returns values that round-trip, and refuses the rest with an error of the
//! right kind whose one-line message names the bad value; every URL is one line of
//! visible ASCII whose path decodes back to the key.

use crate::support::independent;
use crate::support::regressions;

use presign::files::{IniFile, ProfileFile};
use presign::{
    AddressingStyle, Config, Credentials, Endpoint, ErrorKind, Expiry, Method, Presigner, Request,
    SignatureVersion, SignedHeaders, Target,
};
use proptest::prelude::*;

/// Arbitrary text, with a bias towards the characters each parser cares about.
fn text(special: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(&format!("[{special}a-z0-9]{{0,40}}")).unwrap(),
    ]
}

/// Whether `s` holds what a secret key looks like, as docs/configuration.md words it: a run of 40 or
/// more base64 characters with a letter and a digit.
fn secret_shaped(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || "+/=".contains(c)))
        .any(|run| {
            run.len() >= 40
                && run.contains(|c: char| c.is_ascii_digit())
                && run.contains(|c: char| c.is_ascii_alphabetic())
        })
}

/// A refusal of a setting a user can act on: the expected kind, one line, naming the value
/// as typed (Debug-quoted, so control characters cannot break the line) and saying more
/// than that; a value shaped like a secret key is not named but said to be hidden.
fn assert_refusal(e: &presign::Error, kind: ErrorKind, value: &str) -> Result<(), TestCaseError> {
    refusal(e, kind, value, true)
}

/// The same for data (targets, buckets, keys): a secret pasted as a target (`--sse-c-key
/// KEY KEY` puts the key in the target list) is not echoed either (review of issue 17);
/// other data is named.
fn assert_data_refusal(
    e: &presign::Error,
    kind: ErrorKind,
    value: &str,
) -> Result<(), TestCaseError> {
    refusal(e, kind, value, true)
}

fn refusal(
    e: &presign::Error,
    kind: ErrorKind,
    value: &str,
    hides_secrets: bool,
) -> Result<(), TestCaseError> {
    let message = e.to_string();
    if hides_secrets && secret_shaped(value) {
        prop_assert_eq!(e.kind(), kind, "{}", message);
        prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
        prop_assert!(
            message.contains("look like a secret key, not shown"),
            "{:?}",
            message
        );
        prop_assert!(!message.contains(value), "{:?}", message);
        return Ok(());
    }
    let quoted = format!("{value:?}");
    prop_assert_eq!(e.kind(), kind, "{}", message);
    prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
    prop_assert!(
        message.contains(&quoted),
        "{:?} does not name {}",
        message,
        quoted
    );
    prop_assert!(
        message.len() > quoted.len() + 10,
        "{:?} gives no reason",
        message
    );
    Ok(())
}

/// Whether `s` may be one of the forms a copy and paste gives that a target is refused as
/// (more than those: this is what each refusal needs): a ':' before the first '/' but in
/// the `s3://` prefix (a URL, another scheme, a mistyped `s3://`, an ARN), `s3//`, or a bucket
/// under a provider's S3 domain.
fn pasted_form(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let head = lower.split('/').next().unwrap_or("");
    let proper =
        lower.starts_with("s3://") && s.starts_with("s3") && !lower[5..].starts_with(['/', ':']);
    let bucket = match proper {
        true => lower[5..].split('/').next().unwrap_or(""),
        false => head,
    };
    let domains = [
        ".amazonaws.com",
        ".amazonaws.com.cn",
        ".amazonaws.eu",
        ".ic.gov",
        ".sgov.gov",
        ".adc-e.uk",
        ".storjshare.io",
        ".r2.cloudflarestorage.com",
        ".backblazeb2.com",
        ".wasabisys.com",
        ".digitaloceanspaces.com",
        "storage.googleapis.com",
    ];
    (head.contains(':') && !proper)
        || lower.starts_with("s3//")
        || domains
            .iter()
            .any(|d| bucket.trim_end_matches('.').ends_with(d))
}

/// S3 object keys: 1 to 1024 bytes of UTF-8.
fn key_is_valid(k: &str) -> bool {
    (1..=1024).contains(&k.len())
}

/// `%XX` decoding; anything else is taken as it is.
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(byte) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

struct Setup {
    https: bool,
    virtual_host: bool,
    presigner: Presigner,
}

fn presigners() -> Vec<Setup> {
    let creds = Credentials::new("AK", "secret".into(), Some("tok/+=".into())).unwrap();
    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
    let mut out = Vec::new();
    for endpoint in ["https://gateway.storjshare.io", "http://localhost:9000"] {
        for signature in [SignatureVersion::V4, SignatureVersion::V2] {
            for addressing in [AddressingStyle::Path, AddressingStyle::VirtualHost] {
                let mut c = Config::new(endpoint.parse().unwrap(), "us-east-1", creds.clone());
                c.signature = signature;
                c.addressing = addressing;
                out.push(Setup {
                    https: endpoint.starts_with("https:"),
                    virtual_host: addressing == AddressingStyle::VirtualHost,
                    presigner: Presigner::new(&c, time).unwrap(),
                });
            }
        }
    }
    out
}

/// presign's part: the one place to adapt when the `Request` API changes.
fn presign(
    p: &Presigner,
    method: Method,
    target: Target<'_>,
    content_type: Option<&str>,
) -> Result<String, presign::Error> {
    let mut headers = SignedHeaders::new();
    if let Some(ct) = content_type {
        headers.insert_str("content-type", ct)?;
    }
    p.presign(&Request::new(&method, target).headers(&headers))
}

/// One line of visible ASCII, for the right bucket, whose path decodes back to the key.
fn assert_url(url: &str, setup: &Setup, target: Target<'_>) -> Result<(), TestCaseError> {
    prop_assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{:?}", url);
    let scheme = if setup.https { "https://" } else { "http://" };
    let rest = url.strip_prefix(scheme);
    prop_assert!(rest.is_some(), "{}", url);
    let (origin_and_path, _query) = rest.unwrap().split_once('?').unwrap();
    let (host, path) = origin_and_path.split_at(origin_and_path.find('/').unwrap());
    let bucket = target.bucket();
    let key_path = if setup.virtual_host {
        prop_assert!(host.starts_with(&format!("{bucket}.")), "{}", url);
        path.strip_prefix('/')
    } else {
        path.strip_prefix(&format!("/{bucket}/"))
    };
    prop_assert!(key_path.is_some(), "{}", url);
    prop_assert_eq!(
        percent_decode(key_path.unwrap()),
        target.key().as_bytes(),
        "{}",
        url
    );
    Ok(())
}

proptest! {
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(3000)))]

    #[test]
    fn targets(s in prop_oneof![
        text("/:.%+ \\t\\n?#-"),
        "(s3://)?[a-z0-9.-]{0,70}/\\PC{0,40}",
        "(s3://)?[a-zA-Z0-9._-]{0,70}/[a-z/.]{0,5}",
        // What a copy and paste gives: URLs, mistyped prefixes, ARNs, host names as buckets.
        "([hH][tT]{2}[pP][sS]?|[sS]3|gs|arn:aws:s3::)[:/]{0,4}[a-zA-Z0-9.@:-]{0,30}(/[a-zA-Z0-9 %?&=+.-]{0,12}){0,3}",
        "(s3://)?([a-z0-9-]{1,8}\\.)?(s3|s3-accelerate|s3\\.us-west-2|gateway|gateway\\.eu1|[0-9a-f]{32}|storage)\\.(amazonaws\\.com|storjshare\\.io|r2\\.cloudflarestorage\\.com|googleapis\\.com)(/[a-z]{0,5}){0,2}",
    ]) {
        let rest = s.strip_prefix("s3://").unwrap_or(&s);
        let split = rest.split_once('/');
        let valid = split.is_some_and(|(b, k)| independent::bucket_is_path_name(b) && key_is_valid(k));
        match Target::parse(&s) {
            // What a copy and paste gives: named whole (a URL without its query).
            Err(e @ presign::Error::MistypedTarget { .. }) => {
                prop_assert!(pasted_form(&s), "{:?} refused: {}", s, e);
                let presign::Error::MistypedTarget { target, .. } = &e else { unreachable!() };
                prop_assert!(target == &s || s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("http")), "{}", e);
                assert_data_refusal(&e, ErrorKind::Input, target)?;
            }
            Err(e) => {
                prop_assert!(!valid, "{:?} refused: {}", s, e);
                // A bad bucket is named on its own, anything else with the whole target.
                let named = match split {
                    Some((b, _)) if !b.is_empty() && !independent::bucket_is_path_name(b) => b,
                    _ => &s,
                };
                assert_data_refusal(&e, ErrorKind::Input, named)?;
            }
            Ok(t) => {
                prop_assert!(valid, "{:?} accepted", s);
                prop_assert!(!s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("s3//")), "{:?} accepted", s);
                // The parts are the input's, cut at the first '/'.
                prop_assert_eq!(format!("{}/{}", t.bucket(), t.key()), rest);
                for setup in presigners() {
                    for ct in [None, Some("text/plain")] {
                        // Virtual host needs a bucket that can be a host label, and no dot
                        // in it over https; path style takes every valid bucket.
                        let refused = setup.virtual_host
                            && (!independent::bucket_is_dns_name(t.bucket())
                                || (setup.https && t.bucket().contains('.')));
                        match presign(&setup.presigner, Method::PUT, t, ct) {
                            Ok(url) => {
                                prop_assert!(!refused, "{}", url);
                                assert_url(&url, &setup, t)?;
                            }
                            Err(e) => {
                                prop_assert!(refused, "{}", e);
                                assert_data_refusal(&e, ErrorKind::Input, t.bucket())?;
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn buckets(s in prop_oneof![
        text("-._A-Z"),
        "[a-z0-9.-]{1,66}",
        "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
        "[a-zA-Z0-9._-]{250,260}",
    ]) {
        match presign::request::check_bucket(&s) {
            Ok(()) => prop_assert!(independent::bucket_is_path_name(&s), "{:?} accepted", s),
            Err(e) => {
                prop_assert!(!independent::bucket_is_path_name(&s), "{:?} refused: {}", s, e);
                assert_data_refusal(&e, ErrorKind::Input, &s)?;
            }
        }
        // The stricter rule for virtual host: a DNS name, or an error naming the bucket.
        prop_assert_eq!(presign::request::bucket_is_dns_compatible(&s), independent::bucket_is_dns_name(&s), "{:?}", s);
        match presign::request::check_dns_bucket(&s) {
            Ok(()) => prop_assert!(independent::bucket_is_dns_name(&s), "{:?} accepted", s),
            Err(e) => {
                prop_assert!(!independent::bucket_is_dns_name(&s), "{:?} refused: {}", s, e);
                assert_data_refusal(&e, ErrorKind::Input, &s)?;
            }
        }
    }

    #[test]
    fn keys(key in prop_oneof![
        any::<String>(),
        // Text that already looks percent-encoded must not be decoded on the way.
        "(%[0-9A-Fa-f]{2}|[ /+%~a-z]){1,20}",
        "\\PC{1020,1030}",
        "é{510,515}",
    ]) {
        match Target::new("my-bucket", &key) {
            Err(e) => {
                prop_assert!(!key_is_valid(&key), "{:?} refused: {}", key, e);
                assert_data_refusal(&e, ErrorKind::Input, &format!("my-bucket/{key}"))?;
                if !key.is_empty() {
                    let size = format!("{} bytes", key.len());
                    prop_assert!(e.to_string().contains(&size), "{}", e);
                }
            }
            Ok(t) => {
                prop_assert!(key_is_valid(&key), "{:?} accepted", key);
                prop_assert_eq!(t.key(), key.as_str());
                for setup in presigners() {
                    let url = presign(&setup.presigner, Method::GET, t, None).unwrap();
                    assert_url(&url, &setup, t)?;
                }
            }
        }
    }

    #[test]
    fn durations(s in prop_oneof![text("smhdw .-"), "[0-9]{1,21}[smhdw]?"]) {
        // `N` or `N` followed by one of s, m, h, d; positive, and no more than u64 seconds.
        let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
        let scale = match unit { "" | "s" => Some(1u64), "m" => Some(60), "h" => Some(3600), "d" => Some(86400), _ => None };
        let expected = scale
            .filter(|_| !digits.is_empty())
            .and_then(|scale| digits.parse::<u64>().ok()?.checked_mul(scale))
            .filter(|&secs| secs > 0);
        match s.parse::<Expiry>() {
            Ok(e) => {
                prop_assert_eq!(Some(e.as_secs()), expected, "{:?}", s);
                // What it prints parses back to the same validity.
                prop_assert_eq!(e.to_string().parse::<Expiry>().unwrap(), e);
            }
            Err(e) => {
                prop_assert_eq!(expected, None, "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Input, &s)?;
            }
        }
    }

    #[test]
    fn times(s in prop_oneof![text("-:TZ+."), "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})"]) {
        match presign::parse_time(&s) {
            Ok(t) => {
                use chrono::Datelike;
                prop_assert!((1970..=9999).contains(&t.year()), "{:?} -> {}", s, t);
                // The same instant as the text says, offset applied, in whole seconds (a
                // signature carries no fraction): RFC 3339 written back is that instant.
                let fixed = chrono::DateTime::parse_from_rfc3339(&s).unwrap();
                prop_assert_eq!(t.timestamp(), fixed.timestamp());
                prop_assert_eq!(t.timestamp_subsec_nanos(), 0);
                prop_assert_eq!(presign::parse_time(&t.to_rfc3339()).unwrap(), t);
            }
            Err(e) => {
                // Refused only if it is not RFC 3339, outside the signable years, or a
                // leap second (:60), which no X-Amz-Date can carry.
                let in_range = chrono::DateTime::parse_from_rfc3339(&s).is_ok_and(|t| {
                    use chrono::{Datelike, Timelike};
                    (1970..=9999).contains(&t.to_utc().year()) && t.second() < 60 && t.nanosecond() < 1_000_000_000
                });
                prop_assert!(!in_range, "{:?} refused: {}", s, e);
                let message = e.to_string();
                prop_assert_eq!(e.kind(), ErrorKind::Input);
                prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
                // A syntax error names the text (unless it is shaped like a secret key,
                // which is never shown); a time out of range names the instant.
                if secret_shaped(&s) {
                    prop_assert!(!message.contains(&s), "{}", message);
                } else {
                    prop_assert!(message.contains(&format!("{s:?}")) || message.contains("outside the years 1970 to 9999"), "{}", message);
                }
            }
        }
    }

    #[test]
    fn endpoints(s in prop_oneof![
        text(":/.@?#\\[\\]"),
        "https?://[a-zA-Z0-9.:@\\[\\]/?#-]{0,30}",
        // Case and explicit ports, kept in the URL as written.
        "[hH][tT]{2}[pP][sS]?://[A-Za-z0-9._-]{1,12}(:0?[0-9]{1,5})?/?",
        // A bucket's URL: a bucket in front of a provider's host.
        "https?://([a-z0-9-]{1,8}\\.)?(s3|s3\\.eu-west-1|gateway|nyc3)\\.(amazonaws\\.com|storjshare\\.io|digitaloceanspaces\\.com)/?",
        // A password in the URL, which no error may show.
        "(https?://)?[a-z]{1,5}:SECRET[a-zA-Z0-9/@:]{0,10}@[a-z.]{1,10}(/[a-z]{0,3})?",
    ]) {
        // A preset name, or an http(s) URL (WHATWG parsing, as browsers and curl do) with
        // a host and nothing but an optional '/' after it. Any '@' after the scheme starts
        // user info, which is refused. The URL keeps `host[:port]` exactly as written
        // (botocore prints it so), and the host must then be a host name botocore takes,
        // or an IPv6 literal; the signed host is that host lowercase, with the
        // port only when it is not the scheme's default (botocore's `_host_from_url`).
        let after_scheme = |t: &str| t.find("://").map_or(0, |i| i + 3);
        let user_info_end = s[after_scheme(&s)..].rfind('@').map(|at| after_scheme(&s) + at);
        // The provider presets (`aws`, `r2:ACCOUNT_ID`, ...) have their own tests
        // (src/endpoint/provider.rs, tests/agree/providers_golden.rs); here they must only not panic.
        if !s.contains("://")
            && (["aws", "gcs", "storj"].contains(&s.as_str())
                || ["r2:", "b2:", "wasabi:", "spaces:", "storj:"].iter().any(|p| s.starts_with(p)))
        {
            let _ = s.parse::<Endpoint>();
            return Ok(());
        }
        let preset = presign::endpoint::STORJ_PRESETS.iter().find(|(name, _)| *name == s);
        let url_text = preset.map_or(s.as_str(), |(_, url)| *url);
        let expected = url::Url::parse(url_text)
            .ok()
            .filter(|u| {
                matches!(u.scheme(), "http" | "https")
                    && user_info_end.is_none()
                    && matches!(u.path(), "" | "/")
                    && u.query().is_none()
                    && u.fragment().is_none()
                    && u.host_str().is_some_and(|h| !h.is_empty())
                    && (preset.is_some() || s.contains("://"))
            })
            .and_then(|u| {
                let written = &url_text[after_scheme(url_text)..];
                // In an http(s) URL, '\\' ends the authority as '/' does.
                let authority = &written[..written.find(['/', '?', '#', '\\']).unwrap_or(written.len())];
                let host = if authority.starts_with('[') {
                    &authority[..=authority.find(']')?]
                } else {
                    authority.split(':').next().unwrap()
                };
                // botocore's host rule: labels of 1 to 63 letters, digits and '-', not
                // starting or ending with '-', one trailing '.' allowed; a written port
                // is 1 to 65535.
                let name = host.strip_suffix('.').unwrap_or(host);
                let plain = name.len() <= 253
                    && name.split('.').all(|l| {
                        (1..=63).contains(&l.len())
                            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                            && !l.starts_with('-')
                            && !l.ends_with('-')
                    });
                let port_ok = match authority[host.len()..].strip_prefix(':') {
                    Some(p) if !p.is_empty() => p.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p)),
                    _ => true,
                };
                if !port_ok {
                    return None;
                }
                // The host is the one written: `http:///h` does not borrow one from the path.
                (host.starts_with('[') || (plain && !host.is_empty())).then(|| {
                    let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
                    (
                        format!("{}://{authority}", u.scheme()),
                        format!("{}{port}", host.to_ascii_lowercase()),
                    )
                })
            });
        match s.parse::<Endpoint>() {
            Err(e) => {
                // A bucket in front of a provider's S3 host is refused too (a bucket's URL).
                if !matches!(e, presign::Error::EndpointWithBucket { .. }) {
                    prop_assert_eq!(expected, None, "{:?} refused: {}", s, e);
                }
                match user_info_end {
                    // The user info (between the scheme and the last '@') is shown as ***.
                    Some(end) => {
                        let message = e.to_string();
                        let redacted = format!("{}***{}", &s[..after_scheme(&s)], &s[end..]);
                        assert_refusal(&e, ErrorKind::Input, &redacted)?;
                        prop_assert!(!message.contains(&format!("{s:?}")), "{}", message);
                        if s[after_scheme(&s)..end].contains("SECRET") {
                            prop_assert!(!message.contains("SECRET"), "{}", message);
                        }
                    }
                    None => assert_refusal(&e, ErrorKind::Input, &s)?,
                }
            }
            Ok(endpoint) => {
                let shown = endpoint.to_string();
                prop_assert!(expected.is_some(), "{:?} accepted as {}", s, shown);
                let (url_origin, signed_host) = expected.unwrap();
                prop_assert_eq!(&shown, &url_origin, "{:?}", s);
                prop_assert_eq!(endpoint.authority(), signed_host.as_str(), "{:?}", s);
                prop_assert_eq!(shown.parse::<Endpoint>().unwrap(), endpoint.clone());
                let creds = Credentials::new("AK", "s".into(), None).unwrap();
                let config = Config::new(endpoint, "us-east-1", creds);
                let p = Presigner::new(&config, chrono::Utc::now()).unwrap();
                let url = presign(&p, Method::GET, Target::parse("abc/k").unwrap(), None).unwrap();
                prop_assert!(url.starts_with(&format!("{shown}/abc/k?")), "{} -> {}", shown, url);
                prop_assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{:?}", url);
            }
        }
    }

    #[test]
    fn regions(s in prop_oneof![text("-_./ "), "[a-z0-9/]{35,45}"]) {
        // A region shaped like a secret key would print it in every URL's scope.
        let valid = (1..=64).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            && !secret_shaped(&s);
        match presign::endpoint::check_region(&s) {
            Err(e) => {
                prop_assert!(!valid, "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Input, &s)?;
            }
            Ok(()) => {
                prop_assert!(valid, "{:?} accepted", s);
                let creds = Credentials::new("AK", "s".into(), None).unwrap();
                let config = Config::new("global".parse().unwrap(), s.clone(), creds);
                let p = Presigner::new(&config, chrono::Utc::now()).unwrap();
                let url = presign(&p, Method::GET, Target::parse("abc/k").unwrap(), None).unwrap();
                prop_assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{:?}", url);
                let scope = format!("%2F{s}%2Fs3%2F");
                prop_assert!(url.contains(&scope), "{}", url);
            }
        }
    }

    #[test]
    fn access_keys(
        s in prop_oneof![
            text(" /\\t\\n"),
            // Secret-key shaped: 40 or more characters of base64.
            "[A-Za-z0-9/+=]{38,45}[ \\n]?",
        ],
        secret in prop::sample::select(vec!["secret", "AKIAIOSFODNN7EXAMPLE"]),
    ) {
        let valid = !s.is_empty() && !s.contains('/') && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        // AWS secret keys are 40 characters of base64, access key ids 16 to 32 letters
        // and digits: an access key and secret of those shapes are the two swapped.
        let secret_shaped = s.len() >= 40
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"/+=".contains(&b));
        let id_shaped = (16..=32).contains(&secret.len()) && secret.bytes().all(|b| b.is_ascii_alphanumeric());
        let swapped = secret_shaped && id_shaped;
        match Credentials::new(s.clone(), secret.into(), None) {
            Err(e) => {
                prop_assert!(!valid || swapped, "{:?} refused: {}", s, e);
                if swapped || s.chars().count() >= 40 {
                    // As long as a secret key: never shown, not even in part.
                    let message = e.to_string();
                    prop_assert_eq!(e.kind(), ErrorKind::Config);
                    prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
                    prop_assert!(!message.contains(&format!("{s:?}")), "{:?} quotes the key", message);
                    if s.trim().len() >= 16 {
                        prop_assert!(!message.contains(s.trim()), "{:?} shows the key", message);
                    }
                    prop_assert!(message.contains("looks like a secret key"), "{}", message);
                    prop_assert_eq!(message.contains("swapped"), swapped, "{}", message);
                } else {
                    assert_refusal(&e, ErrorKind::Config, &s)?;
                }
            }
            Ok(c) => {
                prop_assert!(valid && !swapped, "{:?} accepted with secret {:?}", s, secret);
                prop_assert_eq!(c.access_key(), s.as_str());
            }
        }
    }

    #[test]
    fn signed_header_values(s in text("/;= \\t\\n")) {
        // Sent as a header exactly as signed: visible ASCII, spaces and tabs, and something
        // other than whitespace (curl drops a header whose value is empty).
        let valid = s.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
            && !s.trim_matches([' ', '\t']).is_empty();
        let mut headers = SignedHeaders::new();
        match headers.insert_str("content-type", &s) {
            Err(e) => {
                prop_assert!(!valid, "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Input, &s)?;
                prop_assert!(headers.is_empty());
            }
            Ok(()) => {
                prop_assert!(valid, "{:?} accepted", s);
                let stored: Vec<_> = headers.iter().map(|(n, v)| (n.as_str(), v)).collect();
                prop_assert_eq!(stored, vec![("content-type", s.as_str())]);
            }
        }
    }

    #[test]
    fn profile_files(s in prop_oneof![
        any::<String>(),
        // Lines that look like a profile file, mixing known keys, junk and bad syntax.
        proptest::collection::vec(prop_oneof![
            Just("[profiles.p]".to_owned()),
            Just("default_profile = \"p\"".to_owned()),
            "(endpoint|region|access_key|secret_key|secret_key_command|session_token|signature|virtual_host|expires|bogus) = (\"[a-z0-9 .:/]{0,10}\"|[0-9]{1,5}|true|\\[\\]|\\{\\})",
            "[\\[\\]=\"a-z .]{0,20}",
        ], 0..12).prop_map(|lines| lines.join("\n")),
    ]) {
        match ProfileFile::parse("p.toml", &s) {
            Ok(file) => {
                // Every profile table in the text is there.
                if s.lines().any(|l| l == "[profiles.p]") {
                    prop_assert!(file.profiles.contains_key("p"), "{:?}", s);
                }
                if s.lines().any(|l| l == "default_profile = \"p\"") {
                    prop_assert_eq!(file.default_profile.as_deref(), Some("p"));
                }
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert_eq!(e.kind(), ErrorKind::Config);
                prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
                // path:line:column: reason, pointing inside the text.
                let mut parts = message.splitn(4, ':');
                prop_assert_eq!(parts.next(), Some("p.toml"));
                let line: usize = parts.next().unwrap().parse().unwrap();
                let column: usize = parts.next().unwrap().parse().unwrap();
                prop_assert!(!parts.next().unwrap().trim().is_empty(), "{}", message);
                let lines = s.split('\n').count();
                prop_assert!((1..=lines).contains(&line), "{} in {} lines", message, lines);
                let width = s.split('\n').nth(line - 1).unwrap().chars().count();
                prop_assert!((1..=width + 1).contains(&column), "{}: line is {} wide", message, width);
            }
        }
    }

    #[test]
    fn aws_files(s in prop_oneof![
        any::<String>(),
        proptest::collection::vec(prop_oneof![
            "\\[(default|profile [a-z]{1,5}|[a-z ]{0,8})\\]?",
            // Headers with a ']' inside or text after the last one.
            "\\[[a-z\\]]{0,3}\\][ a-z#\\]]{0,4}",
            "[ \\t]{0,2}(aws_access_key_id|aws_secret_access_key|region|s3|endpoint_url|[a-z_]{1,8}) ?[=:]? ?[a-z0-9 =:]{0,10}",
            // Nested or continued values.
            "(s3|region) ?=",
            "[ \\t]{1,4}[a-z_]{1,8}( ?= ?[a-z0-9]{0,5})?",
            "[ \\t]{0,2}[#;].{0,10}",
            "[ \\t]{0,2}",
        ], 0..12).prop_map(|lines| lines.join("\n")),
    ]) {
        match IniFile::parse("credentials", &s) {
            Ok(ini) => {
                let model = botocore_ini(&s);
                prop_assert!(model.is_ok(), "{:?} accepted; botocore refuses it at line {:?}", s, model);
                let sections = model.unwrap();
                let names: Vec<&str> = ini.sections().map(|section| section.name()).collect();
                let expected: Vec<&str> = sections.iter().map(|(name, _)| name.as_str()).collect();
                prop_assert_eq!(names, expected, "{:?}", s);
                for (name, values) in &sections {
                    let section = ini.section(name).unwrap();
                    // Keys with a '.' are not looked up: `get` reads `outer.inner` as nested.
                    for (key, value) in values.iter().filter(|(k, _)| !k.contains('.')) {
                        match value {
                            IniValue::Text(text) => {
                                prop_assert_eq!(section.get(key), Some(text.as_str()), "[{}] {} in {:?}", name, key, s);
                            }
                            IniValue::Nested(pairs) => {
                                prop_assert_eq!(section.get(key), None, "[{}] {} in {:?}", name, key, s);
                                for (inner, v) in pairs {
                                    let flat = format!("{key}.{inner}");
                                    prop_assert_eq!(section.get(&flat), Some(v.as_str()), "[{}] {} in {:?}", name, flat, s);
                                }
                            }
                        }
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind(), ErrorKind::Config);
                let message = e.to_string();
                prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
                let model = botocore_ini(&s);
                prop_assert!(model.is_err(), "{:?} refused: {}", s, message);
                // path:line:column: reason, at the line botocore reports.
                let expected = format!("credentials:{}:1: ", model.unwrap_err());
                prop_assert!(message.starts_with(&expected), "{} for {:?}", message, s);
                prop_assert!(message.len() > expected.len() + 5, "{:?} gives no reason", message);
            }
        }
    }
}

/// A value as botocore returns it: text, or a nested block (`s3 =` then indented
/// `key = value` lines), the later of two equal inner keys winning.
#[derive(Debug)]
enum IniValue {
    Text(String),
    Nested(Vec<(String, String)>),
}

/// Python's `str.isspace`, which `strip()` and the regex `\s` use.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The lines of a file read in Python's text mode: LF, CRLF and CR each end one.
fn py_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(end) = rest.find(['\r', '\n']) else {
            lines.push(rest);
            break;
        };
        lines.push(&rest[..end]);
        let newline = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + newline..];
    }
    lines
}

/// What botocore's `raw_config_parse` makes of a file: `configparser.RawConfigParser`
/// with its defaults (`_read` and `_join_multiline_values` in Python's configparser.py),
/// then `_parse_nested` on every value that starts with a newline. The sections (not
/// `[DEFAULT]`) in file order, each with its values (its own, then the inherited
/// `[DEFAULT]` ones), or the number of the line the error is at.
#[allow(clippy::type_complexity)]
fn botocore_ini(text: &str) -> Result<Vec<(String, Vec<(String, IniValue)>)>, usize> {
    // Sections by name, `DEFAULT` included, each key with its value lines and line number.
    let mut sections: Vec<(String, Vec<(String, Vec<String>, usize)>)> = Vec::new();
    let mut current: Option<usize> = None;
    // The option a deeper-indented line continues: Python's `optname`, if truthy.
    let mut option: Option<usize> = None;
    let mut indent_level = 0;
    let mut first_parse_error = None;
    for (index, line) in py_lines(text).into_iter().enumerate() {
        let number = index + 1;
        let value = line.trim_matches(py_space);
        // A whole-line comment is skipped, and is not an empty line of a value.
        if value.starts_with(['#', ';']) {
            continue;
        }
        if value.is_empty() {
            if let (Some(c), Some(o)) = (current, option) {
                sections[c].1[o].1.push(String::new());
            }
            continue;
        }
        let indent = line.chars().position(|c| !py_space(c)).unwrap_or(0);
        if let (Some(c), Some(o)) = (current, option)
            && indent > indent_level
        {
            sections[c].1[o].1.push(value.to_owned());
            continue;
        }
        indent_level = indent;
        // SECTCRE `\[(?P<header>.+)\]`, matched at the start: up to the last ']'.
        if let Some(end) = value
            .rfind(']')
            .filter(|&end| value.starts_with('[') && end >= 2)
        {
            let name = &value[1..end];
            match sections.iter().position(|(n, _)| n == name) {
                // Strict mode: a section given twice is an error; DEFAULT may reopen.
                Some(_) if name != "DEFAULT" => return Err(number),
                Some(i) => current = Some(i),
                None => {
                    sections.push((name.to_owned(), Vec::new()));
                    current = Some(sections.len() - 1);
                }
            }
            option = None;
            continue;
        }
        let Some(c) = current else {
            return Err(number); // MissingSectionHeaderError
        };
        // OPTCRE: the key up to the first '=' or ':', stripped on the right, lowercased.
        let Some(at) = value.find(['=', ':']) else {
            first_parse_error.get_or_insert(number);
            continue;
        };
        let key = value[..at].trim_end_matches(py_space).to_lowercase();
        if key.is_empty() {
            first_parse_error.get_or_insert(number);
        }
        // Strict mode: a key given twice in a section is an error.
        if sections[c].1.iter().any(|(k, _, _)| *k == key) {
            return Err(number);
        }
        let v = value[at + 1..].trim_matches(py_space).to_owned();
        sections[c].1.push((key.clone(), vec![v], number));
        option = (!key.is_empty()).then(|| sections[c].1.len() - 1);
    }
    if let Some(number) = first_parse_error {
        return Err(number); // ParsingError, raised at the end for the first bad line
    }

    let defaults: Vec<(String, Vec<String>, usize)> = sections
        .iter()
        .find(|(name, _)| name == "DEFAULT")
        .map(|(_, values)| values.clone())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (name, own) in sections.iter().filter(|(name, _)| name != "DEFAULT") {
        let inherited = defaults
            .iter()
            .filter(|(k, _, _)| own.iter().all(|(o, _, _)| o != k));
        let mut values = Vec::new();
        for (key, lines, number) in own.iter().chain(inherited) {
            let joined = lines.join("\n");
            let joined = joined.trim_end_matches(py_space);
            let value = if joined.starts_with('\n') {
                // `_parse_nested`: `splitlines`, then `key = value` split at the first '='.
                let mut pairs: Vec<(String, String)> = Vec::new();
                for l in joined.split([
                    '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}',
                    '\u{2029}',
                ]) {
                    let l = l.trim_matches(py_space);
                    if l.is_empty() {
                        continue;
                    }
                    let (k, v) = l.split_once('=').ok_or(*number)?;
                    let k = k.trim_matches(py_space).to_owned();
                    pairs.retain(|(p, _)| *p != k);
                    pairs.push((k, v.trim_matches(py_space).to_owned()));
                }
                IniValue::Nested(pairs)
            } else {
                IniValue::Text(joined.to_owned())
            };
            values.push((key.clone(), value));
        }
        out.push((name.clone(), values));
    }
    Ok(out)
}

/// The URL carries the host as written, so an endpoint whose written host is empty (the
/// URL standard would take `h` from `http:///h`) has no host to carry: refused, as
/// botocore refuses it (`is_valid_endpoint_url`). The `endpoints` property finds these
/// at random; this pins them.
#[test]
fn an_endpoint_without_a_written_host_is_refused() {
    for value in [
        "http:///h",
        "https:////h.example",
        "http://\\h",
        "http://:9000",
    ] {
        match value.parse::<Endpoint>() {
            Ok(e) => panic!("{value:?} accepted as {e}"),
            Err(e) => assert!(e.to_string().contains(&format!("{value:?}")), "{e}"),
        }
    }
}

/// What breaks a message's line or steers a terminal: controls, Unicode line and
/// paragraph separators, bidirectional overrides and isolates.
fn breaks_a_line(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(regressions::beside_source(ProptestConfig::with_cases(2000)))]

    /// Whatever a value holds, the way presign quotes it in a message is one line that
    /// never shows a run shaped like a secret key, and an ordinary value is shown as typed.
    #[test]
    fn quoted_values_are_one_line_and_never_show_a_secret(s in prop_oneof![
        any::<String>(),
        "[A-Za-z0-9/+=\n\u{1b}\u{2028}\u{202e} .-]{0,90}",
    ]) {
        let quoted = presign::quote::Quoted(&s).to_string();
        let path = presign::quote::ShownPath(std::path::Path::new(&s)).to_string();
        let hidden = presign::quote::hide_secrets(&s);
        let one = presign::quote::one_line(&s);
        for shown in [&quoted, &path, &presign::quote::one_line(&hidden).into_owned(), &one.to_string()] {
            prop_assert!(!shown.chars().any(breaks_a_line), "{:?} -> {:?}", s, shown);
        }
        for shown in [&quoted, &path, &hidden.to_string()] {
            prop_assert!(!secret_shaped(shown), "{:?} -> {:?}", s, shown);
        }
        if secret_shaped(&s) {
            prop_assert!(quoted.contains("not shown") && path.contains("not shown"), "{:?}", quoted);
        } else {
            prop_assert_eq!(&quoted, &format!("{s:?}"));
            prop_assert_eq!(hidden.as_ref(), s.as_str());
        }
        // Escaping only: nothing else changes.
        if !s.chars().any(breaks_a_line) {
            prop_assert_eq!(one.as_ref(), s.as_str());
        }
    }
}
