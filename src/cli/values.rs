//! Parsers for the values of operation flags: part ranges, dates, canned ACLs.

use crate::cli::failure::Failure;
use presign::PartNumber;

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
                "invalid part range {text:?}: {reason}; write N (parts 1 to N) or A-B, within 1 to 10000"
            ),
        )
    };
    let number = |s: &str| -> Result<PartNumber, Failure> {
        let n: u32 = s
            .parse()
            .map_err(|_| fail(&format!("{s:?} is not a whole number")))?;
        PartNumber::new(n).map_err(|_| fail(&format!("part {n} is outside 1 to 10000")))
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
pub fn http_date(text: &str) -> Result<String, String> {
    use chrono::{DateTime, Utc};
    let time: Option<DateTime<Utc>> = if let Ok(secs) = text.parse::<i64>() {
        DateTime::from_timestamp(secs, 0)
    } else if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        Some(t.with_timezone(&Utc))
    } else {
        presign::parse_time(text).ok()
    };
    match time {
        Some(t) => Ok(t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()),
        None => Err(format!(
            "invalid date {text:?}: use an HTTP date (Thu, 01 Jan 2026 00:00:00 GMT), RFC 3339 (2026-01-01T00:00:00Z) or epoch seconds"
        )),
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
        for bad in ["0", "10001", "7-3", "", "-", "1-", "a", "1-2-3", " 1"] {
            assert!(range(bad).is_err(), "{bad:?}");
        }
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
