//! Hostile input never panics and never yields a wrong answer: every parser accepts
//! exactly what its rules (restated here from the specs and the docs, not from presign's
//! code) allow, returns values that round-trip, and refuses the rest with an error of the
//! right kind whose one-line message names the bad value; every URL is one line of
//! visible ASCII whose path decodes back to the key.

use presign::{
    AddressingStyle, Config, Credentials, Endpoint, ErrorKind, Expiry, IniFile, Method, Presigner,
    ProfileFile, Request, SignatureVersion, SignedHeaders, Target,
};
use proptest::prelude::*;

/// Arbitrary text, with a bias towards the characters each parser cares about.
fn text(special: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(&format!("[{special}a-z0-9]{{0,40}}")).unwrap(),
    ]
}

/// A refusal a user can act on: the expected kind, one line, naming the value as typed
/// (Debug-quoted, so control characters cannot break the line) and saying more than that.
fn assert_refusal(e: &presign::Error, kind: ErrorKind, value: &str) -> Result<(), TestCaseError> {
    let message = e.to_string();
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

/// S3's bucket naming rules, from the S3 user guide.
fn bucket_is_valid(b: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (3..=63).contains(&b.len())
        && b.chars().all(|c| alnum(c) || c == '.' || c == '-')
        && b.starts_with(alnum)
        && b.ends_with(alnum)
        && !b.contains("..")
        && b.parse::<std::net::Ipv4Addr>().is_err()
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
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn targets(s in prop_oneof![
        text("/:.%+ \\t\\n?#-"),
        "(s3://)?[a-z0-9.-]{0,70}/\\PC{0,40}",
    ]) {
        let rest = s.strip_prefix("s3://").unwrap_or(&s);
        let split = rest.split_once('/');
        let valid = split.is_some_and(|(b, k)| bucket_is_valid(b) && key_is_valid(k));
        match Target::parse(&s) {
            Err(e) => {
                prop_assert!(!valid, "{:?} refused: {}", s, e);
                // A bad bucket is named on its own, anything else with the whole target.
                let named = match split {
                    Some((b, _)) if !b.is_empty() && !bucket_is_valid(b) => b,
                    _ => &s,
                };
                assert_refusal(&e, ErrorKind::Input, named)?;
            }
            Ok(t) => {
                prop_assert!(valid, "{:?} accepted", s);
                // The parts are the input's, cut at the first '/'.
                prop_assert_eq!(format!("{}/{}", t.bucket(), t.key()), rest);
                for setup in presigners() {
                    for ct in [None, Some("text/plain")] {
                        let refused = setup.virtual_host && setup.https && t.bucket().contains('.');
                        match presign(&setup.presigner, Method::PUT, t, ct) {
                            Ok(url) => {
                                prop_assert!(!refused, "{}", url);
                                assert_url(&url, &setup, t)?;
                            }
                            // Only a dotted bucket as an https host may be refused.
                            Err(e) => {
                                prop_assert!(refused, "{}", e);
                                assert_refusal(&e, ErrorKind::Input, t.bucket())?;
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn buckets(s in prop_oneof![text("-._A-Z"), "[a-z0-9.-]{1,66}", "[0-9]{1,3}(\\.[0-9]{1,3}){3}"]) {
        match presign::check_bucket(&s) {
            Ok(()) => prop_assert!(bucket_is_valid(&s), "{:?} accepted", s),
            Err(e) => {
                prop_assert!(!bucket_is_valid(&s), "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Input, &s)?;
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
                assert_refusal(&e, ErrorKind::Input, &format!("my-bucket/{key}"))?;
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
                // The same instant as the text says, offset applied: RFC 3339 written
                // back with the offset is that instant.
                let fixed = chrono::DateTime::parse_from_rfc3339(&s).unwrap();
                prop_assert_eq!(t.timestamp(), fixed.timestamp());
                prop_assert_eq!(t.timestamp_subsec_nanos(), fixed.timestamp_subsec_nanos());
                prop_assert_eq!(presign::parse_time(&t.to_rfc3339()).unwrap(), t);
            }
            Err(e) => {
                // Refused only if it is not RFC 3339, or outside the signable years.
                let in_range = chrono::DateTime::parse_from_rfc3339(&s).is_ok_and(|t| {
                    use chrono::Datelike;
                    (1970..=9999).contains(&t.to_utc().year())
                });
                prop_assert!(!in_range, "{:?} refused: {}", s, e);
                let message = e.to_string();
                prop_assert_eq!(e.kind(), ErrorKind::Input);
                prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
                // A syntax error names the text; a time out of range names the instant.
                prop_assert!(message.contains(&format!("{s:?}")) || message.contains("outside the years 1970 to 9999"), "{}", message);
            }
        }
    }

    #[test]
    fn endpoints(s in prop_oneof![text(":/.@?#\\[\\]"), "https?://[a-zA-Z0-9.:@\\[\\]/?#-]{0,30}"]) {
        // A preset name, or an http(s) URL (WHATWG parsing, as browsers and curl do) with
        // a host and nothing but an optional '/' after it: scheme://host[:port] is kept,
        // the host as the URL standard writes it, a default port dropped.
        let preset = presign::STORJ_PRESETS.iter().find(|(name, _)| *name == s);
        let expected = url::Url::parse(preset.map_or(s.as_str(), |(_, url)| *url))
            .ok()
            .filter(|u| {
                matches!(u.scheme(), "http" | "https")
                    && u.username().is_empty()
                    && u.password().is_none()
                    && matches!(u.path(), "" | "/")
                    && u.query().is_none()
                    && u.fragment().is_none()
                    && u.host_str().is_some_and(|h| !h.is_empty())
                    && (preset.is_some() || s.contains("://"))
            })
            .map(|u| {
                let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
                format!("{}://{}{port}", u.scheme(), u.host_str().unwrap())
            });
        match s.parse::<Endpoint>() {
            Err(e) => {
                prop_assert_eq!(expected, None, "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Input, &s)?;
            }
            Ok(endpoint) => {
                let shown = endpoint.to_string();
                prop_assert_eq!(Some(shown.clone()), expected, "{:?}", s);
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
    fn regions(s in text("-_./ ")) {
        let valid = (1..=64).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
        match presign::check_region(&s) {
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
    fn access_keys(s in text(" /\\t\\n")) {
        let valid = !s.is_empty() && !s.contains('/') && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        match Credentials::new(s.clone(), "secret".into(), None) {
            Err(e) => {
                prop_assert!(!valid, "{:?} refused: {}", s, e);
                assert_refusal(&e, ErrorKind::Config, &s)?;
            }
            Ok(c) => {
                prop_assert!(valid, "{:?} accepted", s);
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
            "[ \\t]{0,2}(aws_access_key_id|aws_secret_access_key|region|s3|endpoint_url|[a-z_]{1,8}) ?[=:]? ?[a-z0-9 =:]{0,10}",
            "[#;].{0,10}",
        ], 0..12).prop_map(|lines| lines.join("\n")),
    ]) {
        // botocore's INI rules: blank and `#`/`;` lines are skipped; `[name]` opens a
        // section; any other line is `key = value` or `key: value` with a key, inside a
        // section. The first line breaking them is the error.
        let mut in_section = false;
        let mut first_bad = None;
        for (i, raw) in s.lines().enumerate() {
            let l = raw.trim();
            let ok = if l.is_empty() || l.starts_with(['#', ';']) {
                true
            } else if l.starts_with('[') {
                in_section |= l.ends_with(']');
                l.ends_with(']')
            } else {
                in_section && l.find(['=', ':']).is_some_and(|at| !l[..at].trim().is_empty())
            };
            if !ok {
                first_bad = Some(i + 1);
                break;
            }
        }
        match IniFile::parse("credentials", &s) {
            Ok(ini) => {
                prop_assert_eq!(first_bad, None, "{:?} accepted", s);
                for l in s.lines().map(str::trim) {
                    if let Some(name) = l.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                        prop_assert!(ini.has_section(name.trim()), "[{}] in {:?}", name, s);
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind(), ErrorKind::Config);
                let message = e.to_string();
                let expected = format!("credentials:{}:1: ", first_bad.unwrap_or(0));
                prop_assert!(message.starts_with(&expected), "{} for {:?}", message, s);
                prop_assert!(!message.contains(['\n', '\r']), "{:?}", message);
            }
        }
    }
}
