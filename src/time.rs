//! The signing time. The library never reads the clock: callers pass the instant in.

use crate::error::Error;
use chrono::{DateTime, Datelike, Utc};

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
