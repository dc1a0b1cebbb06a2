//! Any bytes as a target line: parsing gives a target or an error with a message, and a
//! parsed target always signs into one line of visible ASCII, in every style (or, as a
//! virtual host, is refused because its bucket cannot be a host name); every URL reads
//! back to its target and verifies for its method.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presign::{AddressingStyle, Config, Credentials, Method, Presigner, Request, SignatureVersion, SignedHeaders, Target};
use presign::verify::Verifier;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Target::parse(text) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(target) => {
            let creds = Credentials::new("AK", "secret".into(), Some("token".into())).unwrap();
            let mut headers = SignedHeaders::new();
            headers.insert_str("content-type", "text/plain").unwrap();
            let endpoint: presign::Endpoint = "http://localhost:9000".parse().unwrap();
            for signature in [SignatureVersion::V4, SignatureVersion::V2] {
                for addressing in [AddressingStyle::Path, AddressingStyle::VirtualHost] {
                    let mut config = Config::new(endpoint.clone(), "us-east-1", creds.clone());
                    config.signature = signature;
                    config.addressing = addressing;
                    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
                    let p = Presigner::new(&config, time).unwrap();
                    let url = match p.presign(&Request::put(target).headers(&headers)) {
                        Ok(url) => url,
                        Err(e) => {
                            assert_eq!(addressing, AddressingStyle::VirtualHost, "{e}");
                            assert!(!presign::request::bucket_is_dns_compatible(target.bucket()), "{e}");
                            continue;
                        }
                    };
                    assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url}");
                    let back = presign::inspect::parse(&url, Some(&endpoint)).unwrap();
                    assert_eq!(&*back.bucket, target.bucket(), "{url}");
                    assert_eq!(&*back.key, target.key(), "{url}");
                    let given = [("content-type".to_owned(), "text/plain".to_owned())];
                    let report = Verifier::new("AK", "secret".into()).verify(&back, &given, time, false);
                    assert_eq!(report.method, Some(Method::PUT), "{url}");
                }
            }
        }
    }
});
