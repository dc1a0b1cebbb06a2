//! Temporary keys that die before the URL: a warning with both times.

use crate::cli::config::layer::Val;
use crate::cli::failure::Failure;
use anyhow::anyhow;
use chrono::{DateTime, Utc};
use presign::Config;

/// Temporary keys with a known expiry (`AWS_CREDENTIAL_EXPIRATION`, a profile's
/// `credential_expiration`) stop working before a URL that outlives them: S3 then refuses
/// it, though its own expiry has not come (aws/aws-cli#5076). A warning, with both times.
pub fn warning(
    config: &Config,
    time: DateTime<Utc>,
    expiration: Option<&Val<String>>,
) -> Result<Option<String>, Failure> {
    let Some(v) = expiration else {
        return Ok(None);
    };
    let keys_end = presign::parse_time(v.value.trim())
        .map_err(|e| Failure::config(anyhow!("{}: {e}", v.origin)))?;
    let url_end = i64::try_from(config.expires.as_secs())
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|d| time.checked_add_signed(d));
    let (keys, at) = (presign::format_time(keys_end), presign::format_time(time));
    Ok(if keys_end <= time {
        Some(format!(
            "presign: warning: the credentials expired at {keys} (from {}), before the signing time {at}: servers refuse every URL they sign. Get new credentials.",
            v.origin
        ))
    } else {
        url_end.filter(|end| *end > keys_end).map(|end| {
            format!(
                "presign: warning: the URLs expire at {}, but the credentials that sign them expire at {keys} (from {}): the URLs stop working then. Use --expires {}s or less, or longer-lived credentials.",
                presign::format_time(end),
                v.origin,
                (keys_end - time).num_seconds()
            )
        })
    })
}
