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

/// `2026-01-01T00:00:00Z`: RFC 3339 in UTC, whole seconds; a year past 9999, which RFC
/// 3339 cannot write, as ISO 8601's expanded form (`+10000-01-07T23:59:59Z`). Written field by field, as it
/// runs for every line of `verify -` and `-o json` (chrono's `format` parses its pattern
/// each time).
pub fn format_time(t: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(20);
    // Signing takes years 1970 to 9999 (`check_time`), but a URL read back can expire
    // later (SigV4 signed late in 9999 with a week to run, SigV2's `Expires` in seconds):
    // such a year is written as ISO 8601's expanded years and chrono write it, with a sign
    // and all its digits (`+10000-01-07T23:59:59Z`), never cut to its low four.
    let year = t.year();
    let digits = year.unsigned_abs().checked_ilog10().unwrap_or(0) + 1;
    if !(0..=9999).contains(&year) {
        out.push(if year < 0 { '-' } else { '+' });
    }
    let mut push = |n: u32, digits: u32, after: char| {
        for d in (0..digits).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(d)) % 10) as u8));
        }
        if after != '\0' {
            out.push(after);
        }
    };
    push(year.unsigned_abs(), digits.max(4), '-');
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

    /// Regression (review of issue 17, finding 6): a URL expiring after the year 9999
    /// read back as expiring in year 0 (`0000-01-07T23:59:59Z`).
    #[test]
    fn years_past_9999_are_written_whole() {
        for (secs, text) in [
            (253402300799, "9999-12-31T23:59:59Z"),
            (253402300800, "+10000-01-01T00:00:00Z"),
            (253402905599, "+10000-01-07T23:59:59Z"),
            (255169526400, "+10056-01-01T00:00:00Z"),
            (0, "1970-01-01T00:00:00Z"),
        ] {
            let t = DateTime::from_timestamp(secs, 0).unwrap();
            assert_eq!(format_time(t), text);
            // chrono writes them so too (with an offset for the `Z`).
            assert_eq!(
                t.to_rfc3339().replace("+00:00", "Z"),
                text,
                "as chrono writes it"
            );
        }
        let max = DateTime::<Utc>::MAX_UTC.with_nanosecond(0).unwrap();
        assert_eq!(format_time(max), max.to_rfc3339().replace("+00:00", "Z"));
    }

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
