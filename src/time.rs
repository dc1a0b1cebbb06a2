//! The signing time. The library never reads the clock: callers pass the instant in.

use crate::error::Error;
use chrono::{DateTime, Datelike, Timelike, Utc};

/// Parses an RFC 3339 instant such as `2026-01-01T00:00:00Z` or `2026-01-01T01:00:00+01:00`.
pub fn parse_time(value: &str) -> Result<DateTime<Utc>, Error> {
    let t = DateTime::parse_from_rfc3339(value).map_err(|e| Error::InvalidTime {
        value: value.to_owned(),
        reason: e.to_string(),
    })?;
    let t = t.with_timezone(&Utc);
    check_time(t)?;
    Ok(t)
}

/// `2026-01-01T00:00:00Z`: RFC 3339 in UTC, whole seconds. Written field by field, as it
/// runs for every line of `verify -` and `-o json` (chrono's `format` parses its pattern
/// each time).
pub fn format_time(t: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(20);
    let mut push = |n: u32, digits: u32, after: char| {
        for d in (0..digits).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(d)) % 10) as u8));
        }
        if after != '\0' {
            out.push(after);
        }
    };
    // Years are 1970 to 9999 here (`check_time`); others still print their low digits.
    push(t.year().unsigned_abs(), 4, '-');
    push(t.month(), 2, '-');
    push(t.day(), 2, 'T');
    push(t.hour(), 2, ':');
    push(t.minute(), 2, ':');
    push(t.second(), 2, 'Z');
    out
}

/// SigV4 writes the year with four digits and SigV2 counts seconds since 1970, so only
/// those years can be signed.
pub(crate) fn check_time(t: DateTime<Utc>) -> Result<(), Error> {
    if (1970..=9999).contains(&t.year()) {
        Ok(())
    } else {
        Err(Error::TimeOutOfRange {
            time: t.to_rfc3339(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_as_chrono_would() {
        for text in [
            "2026-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            let t = super::parse_time(text).unwrap();
            assert_eq!(super::format_time(t), text);
            assert_eq!(
                super::format_time(t),
                t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
        }
    }

    use super::*;

    #[test]
    fn offsets_are_converted_to_utc() {
        let t = parse_time("2026-01-01T01:00:00+01:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-01-01T00:00:00+00:00");
    }

    #[test]
    fn bad_times() {
        for bad in [
            "",
            "2026-01-01",
            "yesterday",
            "1969-12-31T23:59:59Z",
            "2026-13-01T00:00:00Z",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }
}
