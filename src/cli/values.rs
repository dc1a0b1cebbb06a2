//! Parsers for the values of operation flags: part ranges, dates, canned ACLs.

use crate::cli::failure::Failure;
use presign::{PartNumber, Quoted};

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

/// `N` (parts 1 to N) or `A-B`.
pub fn parse_parts(text: &str) -> Result<(PartNumber, PartNumber), Failure> {
    let fail = |reason: &str| {
        Failure::flag(
            "--parts",
            format!(
                "invalid part range {}: {reason}; write N (parts 1 to N) or A-B, within 1 to 10000",
                Quoted(text)
            ),
        )
    };
    let number = |s: &str| -> Result<PartNumber, Failure> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(&format!("{} is not a whole number", Quoted(s))));
        }
        // Digits that do not fit a u32 are still a number, just far outside the range.
        let outside = || fail(&format!("part {s} is outside 1 to 10000"));
        let n: u32 = s.parse().map_err(|_| outside())?;
        PartNumber::new(n).map_err(|_| outside())
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (
            PartNumber::new(1).expect("1 is a part number"),
            number(text)?,
        ),
    };
    if first > last {
        return Err(fail("the range runs backwards"));
    }
    Ok((first, last))
}

/// An HTTP date (`Thu, 01 Jan 2026 00:00:00 GMT`), RFC 3339 or epoch seconds, as the
/// HTTP date that botocore sends for a timestamp parameter.
///
/// An HTTP date writes the year with four digits and has no leap second, so only the
/// years 1970 to 9999 are taken (as for `--at`), and `:60` is refused: a server reads
/// anything else as an invalid date, which is the same as none.
pub fn http_date(text: &str) -> Result<String, String> {
    use chrono::{DateTime, Datelike, Timelike, Utc};
    let fail = |reason: &str| {
        format!(
            "invalid date {}: {reason}use an HTTP date (Thu, 01 Jan 2026 00:00:00 GMT), RFC 3339 (2026-01-01T00:00:00Z) or epoch seconds, in the years 1970 to 9999",
            Quoted(text)
        )
    };
    let time: Option<DateTime<Utc>> = if let Ok(secs) = text.parse::<i64>() {
        DateTime::from_timestamp(secs, 0)
    } else if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        if t.nanosecond() >= 1_000_000_000 {
            return Err(fail("it is a leap second (:60), which HTTP dates do not have; "));
        }
        Some(t.with_timezone(&Utc))
    } else {
        match presign::parse_time(text) {
            Ok(t) => Some(t),
            Err(presign::Error::TimeOutOfRange { .. }) => None,
            Err(presign::Error::InvalidTime { reason, .. }) if reason.contains("leap second") => {
                return Err(fail("it is a leap second (:60), which HTTP dates do not have; "));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_ranges() {
        let range = |s| parse_parts(s).map(|(a, b)| (a.get(), b.get()));
        assert_eq!(range("400").ok(), Some((1, 400)));
        assert_eq!(range("3-7").ok(), Some((3, 7)));
        assert_eq!(range("10000-10000").ok(), Some((10000, 10000)));
        for bad in ["0", "10001", "7-3", "", "-", "1-", "a", "1-2-3", " 1", "+5"] {
            assert!(range(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn too_large_parts_is_out_of_range_not_not_a_whole_number() {
        for (text, part) in [
            ("99999999999", "99999999999"),
            ("1-99999999999", "99999999999"),
            ("4294967296", "4294967296"),
            ("10001-99999999999999999999999", "10001"),
        ] {
            let e = format!("{:#}", parse_parts(text).unwrap_err().error);
            assert!(e.contains(&format!("part {part} is outside 1 to 10000")), "{e}");
            assert!(!e.contains("whole number"), "{e}");
        }
        let e = format!("{:#}", parse_parts("1-x").unwrap_err().error);
        assert!(e.contains("\"x\" is not a whole number"), "{e}");
    }

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
}
