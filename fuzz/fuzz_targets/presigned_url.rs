//! Any text as a presigned URL for `inspect` and `verify`: it reads back or is refused with
//! a one-line message that never quotes the query (which can carry a session token), and
//! checking a URL never panics, the quick way (`verify_common`) included. The token is
//! planted under each spelling a server or signer uses (`X-Amz-Security-Token`,
//! botocore's SigV2 `x-amz-security-token`, any case), and no error, `{:?}` of the URL
//! read back or of its report, or token-redacted `--explain` text may quote it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presign::Method;
use presign::verify::Verifier;

const CANARY: &str = "CANARY-TOKEN-4242";
const SPELLINGS: [&str; 3] = [
    "X-Amz-Security-Token",
    "x-amz-security-token",
    "X-AMZ-SECURITY-TOKEN",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A session token planted in the query must never appear in an error. An input that
    // already holds the canary text elsewhere (the fuzzer learns it) may be quoted for
    // that part, which is not a token: skip it.
    if text.contains(CANARY) {
        return;
    }
    let separator = if text.contains('?') { '&' } else { '?' };
    let name = SPELLINGS[usize::from(pick) % SPELLINGS.len()];
    let text = format!("{text}{separator}{name}={CANARY}");
    let verifier = Verifier::new("AK", "secret".into());
    let epoch = presign::parse_time("1970-01-01T00:00:00Z").expect("a valid time");
    let quick = verifier.verify_common(&text, &[], epoch);
    match presign::inspect::parse(&text, None) {
        Err(e) => {
            assert!(quick.is_none(), "the quick way answered for a URL that does not read");
            let message = e.to_string();
            assert!(!message.is_empty());
            assert!(!message.contains('\n'), "{message}");
            assert!(!message.contains(CANARY), "{message}");
        }
        Ok(url) => {
            let now = url.expires_at;
            let report = verifier.verify(&url, &[], now, true);
            let _ = report.is_valid();
            let _ = verifier.check(&url, &Method::GET, &[]);
            let _ = url.endpoint();
            let _ = url.likely_operation();
            for shown in [format!("{url:?}"), format!("{report:?}")] {
                assert!(!shown.contains(CANARY), "{shown}");
            }
            for attempt in &report.attempts {
                for part in [attempt.canonical_request.as_deref(), Some(&attempt.string_to_sign)] {
                    let shown = presign::verify::redact_token(part.unwrap_or_default());
                    assert!(!shown.contains(CANARY), "{shown}");
                }
            }
            // Every decoded field a terminal shows is free of control characters.
            for field in [&*url.access_key, url.authority]
                .into_iter()
                .chain(url.region.as_deref())
                .chain(url.service.as_deref())
                .chain(url.signed_headers.iter().map(|h| &**h))
                .chain(url.params.iter().map(|p| &*p.name))
                .chain(url.params.iter().filter_map(|p| p.value.as_deref()))
            {
                assert!(
                    !field.chars().any(|c| c.is_control() && c != '\t'),
                    "{field:?}"
                );
            }
        }
    }
});
