//! Any text as `--expires`, `--at`, `--region` or `--endpoint`: a value or an error with a
//! message. A parsed duration is at least one second.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.parse::<presign::Expiry>() {
        Ok(e) => assert!(e.as_secs() >= 1),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let _ = presign::parse_time(text);
    let _ = presign::endpoint::check_region(text);
    let _ = text.parse::<presign::Endpoint>();
});
