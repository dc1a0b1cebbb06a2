//! Any bytes as a target line: parsing gives a target or an error with a message, and a
//! parsed target always signs into one line of visible ASCII, in every style.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presign::{
    AddressingStyle, Config, Credentials, Method, Presigner, Request, SignatureVersion, Target,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Target::parse(text) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(target) => {
            let creds = Credentials::new("AK", "secret".into(), Some("token".into())).unwrap();
            for signature in [SignatureVersion::V4, SignatureVersion::V2] {
                for addressing in [AddressingStyle::Path, AddressingStyle::VirtualHost] {
                    let mut config = Config::new(
                        "http://localhost:9000".parse().unwrap(),
                        "us-east-1",
                        creds.clone(),
                    );
                    config.signature = signature;
                    config.addressing = addressing;
                    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
                    let p = Presigner::new(&config, time).unwrap();
                    let url = p
                        .presign(&Request {
                            method: Method::Put,
                            target,
                            content_type: Some("text/plain"),
                        })
                        .unwrap();
                    assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url}");
                }
            }
        }
    }
});
