//! When a URL is good: from 15 minutes before its signing instant (the clock skew servers
//! allow) to its expiry, both included.

use chrono::{DateTime, Utc};

/// How far in the future a SigV4 URL may be signed and still be taken: the clock skew
/// s3s (`presigned_url_max_skew_time_secs`), MinIO and Storj (`globalMaxSkewTime`) and S3
/// allow, 15 minutes.
pub const MAX_CLOCK_SKEW_SECS: i64 = 900;

/// Whether the URL is good now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    Valid {
        seconds_left: i64,
    },
    /// Valid, though signed up to [`MAX_CLOCK_SKEW_SECS`] ahead of now (the signer's
    /// clock is ahead, or `--at` is before the signing instant): servers take it.
    ValidSignedAhead {
        seconds_ahead: i64,
        seconds_left: i64,
    },
    Expired {
        seconds_ago: i64,
    },
    /// Signed more than [`MAX_CLOCK_SKEW_SECS`] in the future: `seconds_until` the
    /// signing instant.
    NotYetValid {
        seconds_until: i64,
    },
}

impl Timing {
    /// Whether servers take the URL now (the signature aside).
    pub fn is_valid(self) -> bool {
        matches!(self, Timing::Valid { .. } | Timing::ValidSignedAhead { .. })
    }
}

/// Valid from [`MAX_CLOCK_SKEW_SECS`] before the signing instant to the expiry, both
/// included (as s3s, MinIO and S3 count).
pub(super) fn timing(
    signed_at: Option<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Timing {
    if let Some(at) = signed_at
        && now < at
    {
        let ahead = at - now;
        if ahead > chrono::TimeDelta::seconds(MAX_CLOCK_SKEW_SECS) {
            return Timing::NotYetValid {
                seconds_until: ahead.num_seconds(),
            };
        }
        return Timing::ValidSignedAhead {
            seconds_ahead: ahead.num_seconds(),
            seconds_left: (expires_at - now).num_seconds(),
        };
    }
    if now <= expires_at {
        Timing::Valid {
            seconds_left: (expires_at - now).num_seconds(),
        }
    } else {
        Timing::Expired {
            seconds_ago: (now - expires_at).num_seconds(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_time;

    /// Regression (issue 16.2): 15 minutes of clock skew, as s3s counts it (refused
    /// when the signing instant is more than 900 s ahead).
    #[test]
    fn valid_up_to_15_minutes_before_the_signing_instant() {
        let at = parse_time("2026-01-01T00:15:00Z").unwrap();
        let expires = parse_time("2026-01-01T01:15:00Z").unwrap();
        let t = |now: &str| timing(Some(at), expires, parse_time(now).unwrap());
        assert_eq!(
            t("2026-01-01T00:00:00Z"),
            Timing::ValidSignedAhead {
                seconds_ahead: 900,
                seconds_left: 4500
            }
        );
        assert_eq!(
            t("2025-12-31T23:59:59Z"),
            Timing::NotYetValid { seconds_until: 901 }
        );
        assert_eq!(
            t("2026-01-01T00:15:00Z"),
            Timing::Valid { seconds_left: 3600 }
        );
        assert_eq!(
            t("2026-01-01T01:15:01Z"),
            Timing::Expired { seconds_ago: 1 }
        );
        assert!(t("2026-01-01T00:14:59Z").is_valid());
        // SigV2 has no signing instant, so no skew: only the expiry counts.
        assert_eq!(
            timing(None, expires, parse_time("2026-01-01T01:15:00Z").unwrap()),
            Timing::Valid { seconds_left: 0 }
        );
    }
}
