//! Hostile input never panics and never yields a broken URL: every parser returns a
//! value or a typed error with a message, and every URL is one line of visible ASCII.

use presign::{
    AddressingStyle, Config, Credentials, Endpoint, Expiry, IniFile, Method, Presigner,
    ProfileFile, Request, SignatureVersion, Target,
};
use proptest::prelude::*;

/// Arbitrary text, with a bias towards the characters each parser cares about.
fn text(special: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(&format!("[{special}a-z0-9]{{0,40}}")).unwrap(),
    ]
}

fn assert_message(e: &presign::Error) {
    assert!(!e.to_string().trim().is_empty(), "{e:?} has no message");
}

fn presigners() -> Vec<Presigner> {
    let creds = Credentials::new("AK", "secret".into(), Some("tok/+=".into())).unwrap();
    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
    let mut out = Vec::new();
    for endpoint in ["https://gateway.storjshare.io", "http://localhost:9000"] {
        for signature in [SignatureVersion::V4, SignatureVersion::V2] {
            for addressing in [AddressingStyle::Path, AddressingStyle::VirtualHost] {
                let mut c = Config::new(endpoint.parse().unwrap(), "us-east-1", creds.clone());
                c.signature = signature;
                c.addressing = addressing;
                out.push(Presigner::new(&c, time).unwrap());
            }
        }
    }
    out
}

fn assert_one_visible_line(url: &str) {
    assert!(url.starts_with("http"), "{url}");
    assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn targets(s in prop_oneof![
        text("/:.%+ \\t\\n?#-"),
        "(s3://)?[a-z0-9.-]{0,70}/\\PC{0,40}",
    ]) {
        match Target::parse(&s) {
            Err(e) => assert_message(&e),
            Ok(t) => {
                for p in presigners() {
                    for ct in [None, Some("text/plain")] {
                        match p.presign(&Request { method: Method::Put, target: t, content_type: ct }) {
                            Ok(url) => assert_one_visible_line(&url),
                            // Only a dotted bucket as an https host may be refused here.
                            Err(e) => prop_assert!(t.bucket().contains('.'), "{e}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn buckets(s in text(".-_A-Z")) {
        if let Err(e) = presign::check_bucket(&s) { assert_message(&e) }
    }

    #[test]
    fn keys(key in any::<String>()) {
        match Target::new("my-bucket", &key) {
            Err(e) => assert_message(&e),
            Ok(t) => {
                for p in presigners() {
                    assert_one_visible_line(&p.presign(&Request::new(Method::Get, t)).unwrap());
                }
            }
        }
    }

    #[test]
    fn durations(s in text("smhdw .-")) {
        match s.parse::<Expiry>() {
            Ok(e) => prop_assert!(e.as_secs() >= 1),
            Err(e) => assert_message(&e),
        }
    }

    #[test]
    fn times(s in prop_oneof![text("-:TZ+."), "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})"]) {
        if let Err(e) = presign::parse_time(&s) { assert_message(&e) }
    }

    #[test]
    fn endpoints(s in prop_oneof![text(":/.@?#\\[\\]"), "https?://[a-z0-9.:@\\[\\]/?#-]{0,30}"]) {
        match s.parse::<Endpoint>() {
            Err(e) => assert_message(&e),
            Ok(endpoint) => {
                let creds = Credentials::new("AK", "s".into(), None).unwrap();
                let config = Config::new(endpoint, "us-east-1", creds);
                let p = Presigner::new(&config, chrono::Utc::now()).unwrap();
                let url = p.presign(&Request::new(Method::Get, Target::parse("abc/k").unwrap())).unwrap();
                assert_one_visible_line(&url);
            }
        }
    }

    #[test]
    fn regions(s in text("-_./ ")) {
        match presign::check_region(&s) {
            Err(e) => assert_message(&e),
            Ok(()) => {
                let creds = Credentials::new("AK", "s".into(), None).unwrap();
                let config = Config::new("global".parse().unwrap(), s.clone(), creds);
                let url = Presigner::new(&config, chrono::Utc::now()).unwrap()
                    .presign(&Request::new(Method::Get, Target::parse("abc/k").unwrap())).unwrap();
                assert_one_visible_line(&url);
                let scope = format!("%2F{s}%2Fs3%2F");
                prop_assert!(url.contains(&scope), "{}", url);
            }
        }
    }

    #[test]
    fn access_keys(s in text(" /\\t\\n")) {
        if let Err(e) = Credentials::new(s, "secret".into(), None) { assert_message(&e) }
    }

    #[test]
    fn content_types(s in text("/;= \\t\\n")) {
        if let Err(e) = presign::check_content_type(&s) { assert_message(&e) }
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
            Ok(_) => {}
            Err(e) => prop_assert!(e.to_string().starts_with("p.toml:"), "{e}"),
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
        match IniFile::parse("credentials", &s) {
            Ok(ini) => { let _ = ini.get("default", "region"); }
            Err(e) => prop_assert!(e.to_string().starts_with("credentials:"), "{e}"),
        }
    }
}
