//! Any bytes as presign's TOML profile file or an AWS shared file: a parsed file or an
//! error naming a line and column; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presign::files::{IniFile, ProfileFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ProfileFile::parse("fuzz.toml", text) {
        Ok(file) => {
            for profile in file.profiles.values() {
                if let Some(e) = &profile.expires {
                    let _ = e.to_text().parse::<presign::Expiry>();
                }
                if let Some(r) = &profile.region {
                    let _ = presign::endpoint::check_region(r);
                }
                if let Some(e) = &profile.endpoint {
                    let _ = e.parse::<presign::Endpoint>();
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.toml:")),
    }
    match IniFile::parse("credentials", text) {
        Ok(ini) => {
            let _ = ini.get("default", "aws_access_key_id");
        }
        Err(e) => assert!(e.to_string().starts_with("credentials:")),
    }
});
