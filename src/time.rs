//! The signing time. The library never reads the clock: callers pass the instant in.

use crate::error::Error;
use chrono::{DateTime, Datelike, Timelike, Utc};

/// Parses an RFC 3339 instant such as `2026-01-01T00:00:00Z` or `2026-01-01T01:00:00+01:00`.
///
/// RFC 3339's own variants are read as it allows: `t` and `z` in lower case, a space for
/// the `T`, any offset (converted to UTC; `-00:00` is UTC). A fraction of a second is
/// dropped: signatures carry whole seconds, and botocore signs the time truncated so.
/// A leap second (`23:59:60`) is refused: SigV4's `X-Amz-Date` has no second 60 (servers
/// refuse it, as `presign inspect` does), and moving it to another second would sign a
/// time the user did not give.
pub fn parse_time(value: &str) -> Result<DateTime<Utc>, Error> {
    let fail = |reason: String| Error::InvalidTime {
        value: value.to_owned(),
        reason,
    };
    let t = DateTime::parse_from_rfc3339(value).map_err(|e| fail(e.to_string()))?;
    if t.nanosecond() >= 1_000_000_000 {
        return Err(fail(
            "it is a leap second (:60), which a signature cannot carry (write :59, or :00 of the next minute)"
                .to_owned(),
        ));
    }
    let t = t.with_timezone(&Utc);
    let t = t.with_nanosecond(0).unwrap_or(t);
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
    fn leap_seconds_are_refused() {
        // A regression test: `--at ...23:59:60Z` signed X-Amz-Date=...235960Z, which
        // servers and presign's own inspect refuse.
        for leap in [
            "2026-06-30T23:59:60Z",
            "2026-12-31T23:59:60.5Z",
            "2027-01-01T00:59:60+01:00",
        ] {
            let e = parse_time(leap).unwrap_err().to_string();
            assert!(e.contains("leap second"), "{leap}: {e}");
        }
    }

    #[test]
    fn rfc3339_variants_read_as_the_rfc_allows() {
        let want = parse_time("2026-01-01T00:00:00Z").unwrap();
        for same in [
            "2026-01-01t00:00:00z",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00-00:00",
            "2026-01-01T00:00:00.999999999Z",
            "2026-01-01T05:30:00.5+05:30",
            "2025-12-31T23:01:00.1-00:59",
        ] {
            let t = parse_time(same).unwrap();
            assert_eq!(t, want, "{same}");
            assert_eq!(t.nanosecond(), 0, "{same}");
            assert_eq!(format_time(t), "2026-01-01T00:00:00Z", "{same}");
        }
        for bad in [
            "2026-01-01T00:00:00+0100",
            "2026-01-01T00:00:00,5Z",
            "2026-01-01T00:00Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00 Z",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
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
