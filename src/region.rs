//! The signing region, e.g. `us-east-1`.

use crate::error::Error;

/// Checks a region name.
///
/// The region is part of the credential scope, whose parts are separated by `/` and
/// which goes into the URL; anything outside letters, digits, `-`, `_` and `.` would
/// give a URL that no server accepts, so it is refused before signing.
pub fn check_region(region: &str) -> Result<(), Error> {
    let reason = if region.is_empty() {
        "it is empty"
    } else if region.len() > 64 {
        "it is longer than 64 characters"
    } else if !region
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        "it contains a character that cannot appear in a credential scope"
    } else {
        return Ok(());
    };
    Err(Error::InvalidRegion {
        value: region.to_owned(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::check_region;

    #[test]
    fn regions() {
        for ok in ["us-east-1", "auto", "eu_west.2"] {
            assert!(check_region(ok).is_ok());
        }
        for bad in ["", "us east", "us/east", "us-east-1\n", "é"] {
            assert!(check_region(bad).is_err(), "{bad:?}");
        }
    }
}
