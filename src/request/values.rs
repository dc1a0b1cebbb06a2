//! The values S3 reads from an object request's headers and parameters, checked as S3
//! reads them: canned ACLs, metadata keys, storage classes, tags, ranges and HTTP dates.
//!
//! What S3 would refuse is refused before a URL is made, so that no URL is handed out
//! that every request through fails with. Each check returns the reason as a message that
//! quotes the value (through [`Quoted`], so a secret-shaped value is not shown); callers
//! put the name of their option in front (the CLI its flag, the Python package its
//! keyword).

use crate::encode::percent_decode;
use crate::error::Error;
use crate::quote::Quoted;
use crate::time::parse_time;
use chrono::{DateTime, Datelike, Utc};

/// S3's canned ACLs.
pub const CANNED_ACLS: [&str; 7] = [
    "private",
    "public-read",
    "public-read-write",
    "authenticated-read",
    "aws-exec-read",
    "bucket-owner-read",
    "bucket-owner-full-control",
];

/// A canned ACL (`x-amz-acl`): one of [`CANNED_ACLS`].
pub fn check_canned_acl(acl: &str) -> Result<(), String> {
    if CANNED_ACLS.contains(&acl) {
        return Ok(());
    }
    Err(format!(
        "unknown canned ACL {}; use one of: {}",
        Quoted(acl),
        CANNED_ACLS.join(", ")
    ))
}

/// A user-metadata key (`x-amz-meta-KEY`): letters, digits, `-`, `_` and `.`.
pub fn check_meta_key(key: &str) -> Result<(), String> {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Ok(());
    }
    Err(format!(
        "invalid key {}: use letters, digits, '-', '_' and '.'",
        Quoted(key)
    ))
}

/// A storage class (`x-amz-storage-class`) in S3's form: uppercase letters, digits, `_`.
pub fn check_storage_class(class: &str) -> Result<(), String> {
    if !class.is_empty()
        && class
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return Ok(());
    }
    Err(format!(
        "invalid storage class {}: use uppercase letters, digits and '_', e.g. STANDARD_IA",
        Quoted(class)
    ))
}

/// An HTTP date (`Thu, 01 Jan 2026 00:00:00 GMT`), RFC 3339 or epoch seconds, as the
/// HTTP date that botocore sends for a timestamp parameter.
///
/// An HTTP date writes the year with four digits and has no leap second, so only the
/// years 1970 to 9999 are taken (as for `--at`), and `:60` is refused: a server reads
/// anything else as an invalid date, which is the same as none.
pub fn http_date(text: &str) -> Result<String, String> {
    use chrono::Timelike;
    let fail = |reason: &str| {
        format!(
            "invalid date {}: {reason}use an HTTP date (Thu, 01 Jan 2026 00:00:00 GMT), RFC 3339 (2026-01-01T00:00:00Z) or epoch seconds",
            Quoted(text)
        )
    };
    let time: Option<DateTime<Utc>> = if let Ok(secs) = text.parse::<i64>() {
        DateTime::from_timestamp(secs, 0)
    } else if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        if t.nanosecond() >= 1_000_000_000 {
            return Err(fail(
                "it is a leap second (:60), which HTTP dates do not have; ",
            ));
        }
        Some(t.with_timezone(&Utc))
    } else {
        match parse_time(text) {
            Ok(t) => Some(t),
            Err(Error::TimeOutOfRange { .. }) => None,
            Err(Error::InvalidTime { reason, .. }) if reason.contains("leap second") => {
                return Err(fail(
                    "it is a leap second (:60), which HTTP dates do not have; ",
                ));
            }
            Err(_) => return Err(fail("")),
        }
    };
    match time {
        Some(t) if (1970..=9999).contains(&t.year()) => {
            Ok(t.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
        }
        _ => Err(fail("it is outside the years 1970 to 9999; ")),
    }
}

/// S3's limits on object tags (its `InvalidTag` and `BadRequest` answers): at most 10
/// tags, keys of 1 to 128 characters, values of at most 256, a key once, and no key in
/// the `aws:` namespace, which S3 keeps for itself.
const MAX_TAGS: usize = 10;
const MAX_TAG_KEY_CHARS: usize = 128;
const MAX_TAG_VALUE_CHARS: usize = 256;

/// Checks `--tagging` as S3 reads `x-amz-tagging`: a URL-encoded query, `k=v&k2=v2`
/// (`+` a space, `%XX` a byte, the bytes UTF-8). What S3 would refuse is refused here,
/// naming the tag, so that no upload URL is made that every upload through fails with.
/// The characters themselves are left to the server: S3 documents a set, but S3-likes
/// (Scality, MinIO) take any UTF-8.
pub fn check_tagging(text: &str) -> Result<(), String> {
    let fail = |reason: String| {
        format!(
            "invalid tags {}: {reason}; write them as KEY=VALUE&KEY2=VALUE2, URL-encoded (%XX)",
            Quoted(text)
        )
    };
    let mut keys: Vec<String> = Vec::new();
    for pair in text.split('&') {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(fail(format!("{} has no '='", Quoted(pair))));
        };
        let key = form_decode(key).map_err(|e| fail(format!("in the key {}: {e}", Quoted(key))))?;
        let value =
            form_decode(value).map_err(|e| fail(format!("in the value {}: {e}", Quoted(value))))?;
        if key.is_empty() {
            return Err(fail(format!("{} has an empty key", Quoted(pair))));
        }
        if key.chars().count() > MAX_TAG_KEY_CHARS {
            return Err(fail(format!(
                "the key {} is longer than S3's {MAX_TAG_KEY_CHARS} characters",
                Quoted(&key)
            )));
        }
        if value.chars().count() > MAX_TAG_VALUE_CHARS {
            return Err(fail(format!(
                "the value of {} is longer than S3's {MAX_TAG_VALUE_CHARS} characters",
                Quoted(&key)
            )));
        }
        if key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
            return Err(fail(format!(
                "the key {} is in the aws: namespace, which S3 keeps for itself",
                Quoted(&key)
            )));
        }
        if keys.contains(&key) {
            return Err(fail(format!("the key {} is given twice", Quoted(&key))));
        }
        keys.push(key);
    }
    if keys.len() > MAX_TAGS {
        return Err(fail(format!(
            "{} tags, but S3 allows at most {MAX_TAGS} per object",
            keys.len()
        )));
    }
    Ok(())
}

/// One part of a URL-encoded form, decoded: `+` is a space, `%XX` a byte; the bytes must
/// be UTF-8.
fn form_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    // The first '%' not followed by two hex digits, and what follows it, for the message.
    let bad = (0..bytes.len()).find(|&i| {
        bytes[i] == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if let Some(i) = bad {
        let seen: String = text[i..].chars().take(3).collect();
        return Err(format!(
            "{} is not an escape: '%' must be followed by two hex digits (write '%' itself as %25)",
            Quoted(&seen)
        ));
    }
    percent_decode(&text.replace('+', " "))
        .map(|t| t.into_owned())
        .ok_or_else(|| "the escapes decode to bytes that are not UTF-8".to_owned())
}

/// Checks `--range` as S3 reads a `Range` header: one range of bytes, `bytes=FIRST-LAST`
/// (first at most last), `bytes=FIRST-` (to the end) or `bytes=-COUNT` (the last COUNT
/// bytes, at least 1), with numbers that fit a signed 64-bit integer as servers parse
/// them. S3 serves one range per request and ignores a header it cannot read (it sends
/// the whole object), so a signed header of another form pins nothing useful.
pub fn check_range(text: &str) -> Result<(), String> {
    range(text, false)
}

/// Checks `--source-range`: UploadPartCopy takes one closed range only, `bytes=FIRST-LAST`
/// (S3 answers `bytes=0-` and `bytes=-5` with 400 InvalidArgument).
pub(crate) fn check_closed_range(text: &str) -> Result<(), String> {
    range(text, true)
}

fn range(text: &str, closed: bool) -> Result<(), String> {
    let forms = if closed {
        "bytes=FIRST-LAST"
    } else {
        "bytes=FIRST-LAST, bytes=FIRST- or bytes=-COUNT"
    };
    let fail = |reason: &str| {
        format!(
            "invalid range {}: {reason}; write {forms}, e.g. bytes=0-1023",
            Quoted(text)
        )
    };
    let open = || {
        format!(
            "{} is open-ended: a part copy takes the source's bytes as bytes=FIRST-LAST, both ends given, e.g. bytes=0-5242879",
            Quoted(text)
        )
    };
    let Some(spec) = text.strip_prefix("bytes=") else {
        return Err(fail(
            "S3 serves ranges of bytes only: it must start with bytes=",
        ));
    };
    if spec.contains(',') {
        return Err(fail("S3 serves one range per request"));
    }
    let number = |s: &str| -> Result<u64, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(&format!("{} is not a whole number", Quoted(s))));
        }
        s.parse::<i64>()
            .ok()
            .and_then(|n| u64::try_from(n).ok())
            .ok_or_else(|| fail(&format!("{s} is larger than any object (2^63 - 1 at most)")))
    };
    let Some((first, last)) = spec.split_once('-') else {
        return Err(fail("it has no '-'"));
    };
    match (first.is_empty(), last.is_empty()) {
        (true, true) => Err(fail("it gives neither end")),
        (true, false) => match number(last)? {
            _ if closed => Err(open()),
            0 => Err(fail("a suffix range of 0 bytes selects nothing")),
            _ => Ok(()),
        },
        (false, true) if closed => number(first).and_then(|_| Err(open())),
        (false, true) => number(first).map(drop),
        (false, false) => {
            if number(first)? > number(last)? {
                Err(fail("the range runs backwards: FIRST is above LAST"))
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_expires_outside_http_date_years_is_refused() {
        for bad in [
            "999999999999",
            "253402300800",
            "1969-12-31T23:59:59Z",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Thu, 31 Dec 2026 23:59:60 GMT",
            "2026-12-31T23:59:60Z",
        ] {
            let e = http_date(bad).unwrap_err();
            assert!(
                e.contains("outside the years 1970 to 9999") || e.contains("leap second"),
                "{bad}: {e}"
            );
        }
        assert!(http_date("10000-01-01T00:00:00Z").is_err());
        assert_eq!(http_date("0").unwrap(), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            http_date("253402300799").unwrap(),
            "Fri, 31 Dec 9999 23:59:59 GMT"
        );
    }

    #[test]
    fn dates_become_http_dates() {
        let want = "Thu, 01 Jan 2026 00:00:00 GMT";
        for input in [
            want,
            "2026-01-01T00:00:00Z",
            "1767225600",
            "2026-01-01T01:00:00+01:00",
        ] {
            assert_eq!(http_date(input).unwrap(), want, "{input}");
        }
        assert!(http_date("next week").is_err());
    }

    #[test]
    fn tagging_is_checked_as_s3_reads_it() {
        for good in [
            "a=b",
            "project=x&owner=ci",
            "a=",
            "a%20b=c%2Fd",
            "k+1=v+1",
            "caf%C3%A9=%E2%82%AC",
            "a=b=c",
        ] {
            assert!(check_tagging(good).is_ok(), "{good}");
        }
        let ten: Vec<String> = (0..10).map(|i| format!("k{i}=v")).collect();
        assert!(check_tagging(&ten.join("&")).is_ok());
        let eleven: Vec<String> = (0..11).map(|i| format!("k{i}=v")).collect();
        let long_key = format!("{}=v", "k".repeat(129));
        let long_value = format!("k={}", "v".repeat(257));
        for (bad, says) in [
            ("a=%ZZ", "\"%ZZ\" is not an escape"),
            ("a=%4", "\"%4\" is not an escape"),
            ("a%=b", "\"%\" is not an escape"),
            ("a=%+1", "not an escape"),
            ("a=%FF", "not UTF-8"),
            ("=v", "empty key"),
            ("a=b&&c=d", "\"\" has no '='"),
            ("project", "has no '='"),
            ("a=1&a=2", "the key \"a\" is given twice"),
            ("a=1&%61=2", "given twice"),
            ("aws:owner=x", "aws: namespace"),
            ("AWS%3Aowner=x", "aws: namespace"),
            (
                eleven.join("&").as_str(),
                "11 tags, but S3 allows at most 10",
            ),
            (long_key.as_str(), "longer than S3's 128 characters"),
            (long_value.as_str(), "longer than S3's 256 characters"),
        ] {
            let e = check_tagging(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
        // 128 and 256 characters, counted as characters, not bytes.
        assert!(check_tagging(&format!("{}={}", "é".repeat(128), "é".repeat(256))).is_ok());
    }

    #[test]
    fn ranges_are_the_one_range_of_bytes_s3_serves() {
        for good in [
            "bytes=0-9",
            "bytes=9-9",
            "bytes=100-",
            "bytes=-500",
            "bytes=0-9223372036854775807",
        ] {
            assert!(check_range(good).is_ok(), "{good}");
        }
        for (bad, says) in [
            ("items=0-9", "ranges of bytes only"),
            ("Bytes=0-9", "ranges of bytes only"),
            ("bytes=9-0", "runs backwards"),
            ("bytes=0-9223372036854775808", "larger than any object"),
            ("bytes=99999999999999999999-", "larger than any object"),
            ("bytes=0-1,5-9", "one range per request"),
            ("bytes=-0", "selects nothing"),
            ("bytes=-", "neither end"),
            ("bytes=5", "no '-'"),
            ("bytes= 0-9", "not a whole number"),
            ("bytes=0x10-", "not a whole number"),
            ("bytes=+1-2", "not a whole number"),
        ] {
            let e = check_range(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn acls_meta_keys_and_storage_classes() {
        assert!(check_canned_acl("public-read").is_ok());
        assert!(
            check_canned_acl("public")
                .unwrap_err()
                .contains("unknown canned ACL \"public\"")
        );
        assert!(check_meta_key("Build.no-1_x").is_ok());
        for bad in ["", "a b", "caf\u{e9}", "a=b"] {
            assert!(check_meta_key(bad).is_err(), "{bad:?}");
        }
        assert!(check_storage_class("STANDARD_IA").is_ok());
        for bad in ["", "cold", "STANDARD-IA"] {
            assert!(check_storage_class(bad).is_err(), "{bad:?}");
        }
    }
}
