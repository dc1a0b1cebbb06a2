//! Temporary keys that die before the URL: a warning with both times.

use crate::Config;
use crate::settings::Error;
use crate::settings::layer::Val;
use chrono::{DateTime, Utc};

/// Temporary keys with a known expiry (`AWS_CREDENTIAL_EXPIRATION`, a profile's
/// `credential_expiration`) stop working before a URL that outlives them: S3 then refuses
/// it, though its own expiry has not come (aws/aws-cli#5076). A warning, with both times.
pub(crate) fn warning(
    config: &Config,
    time: DateTime<Utc>,
    expiration: Option<&Val<String>>,
) -> Result<Option<String>, Error> {
    let Some(v) = expiration else {
        return Ok(None);
    };
    let keys_end = crate::parse_time(v.value.trim())
        .map_err(|e| Error::config(format!("{}: {e}", v.origin)))?;
    let url_end = i64::try_from(config.expires.as_secs())
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|d| time.checked_add_signed(d));
    let (keys, at) = (crate::format_time(keys_end), crate::format_time(time));
    Ok(if keys_end <= time {
        Some(format!(
            "the credentials expired at {keys} (from {}), before the signing time {at}: servers refuse every URL they sign. Get new credentials.",
            v.origin
        ))
    } else {
        url_end.filter(|end| *end > keys_end).map(|end| {
            format!(
                "the URLs expire at {}, but the credentials that sign them expire at {keys} (from {}): the URLs stop working then. Use --expires {}s or less, or longer-lived credentials.",
                crate::format_time(end),
                v.origin,
                (keys_end - time).num_seconds()
            )
        })
    })
}
