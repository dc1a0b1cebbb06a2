//! How long a URL stays valid: `3600`, `90s`, `15m`, `12h`, `7d`.

use crate::error::Error;
use std::fmt;
use std::str::FromStr;

/// SigV4's upper limit on `X-Amz-Expires`: seven days.
pub const SIGV4_MAX_EXPIRES: u64 = 7 * 24 * 3600;

/// A positive number of seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expiry(u64);

impl Expiry {
    /// A validity of `seconds`; zero is refused.
    pub fn from_secs(seconds: u64) -> Option<Self> {
        (seconds > 0).then_some(Expiry(seconds))
    }

    /// The validity in seconds.
    pub fn as_secs(self) -> u64 {
        self.0
    }
}

impl Default for Expiry {
    /// One hour, as botocore's default.
    fn default() -> Self {
        Expiry(3600)
    }
}

impl FromStr for Expiry {
    type Err = Error;

    fn from_str(value: &str) -> Result<Self, Error> {
        let fail = |reason| {
            Err(Error::InvalidDuration {
                value: value.to_owned(),
                reason,
            })
        };
        let (digits, unit) = match value.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => value.split_at(i),
            None => (value, ""),
        };
        if digits.is_empty() {
            return fail("it does not start with a number");
        }
        let scale = match unit {
            "" | "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            _ => return fail("the unit must be s, m, h or d"),
        };
        let Some(seconds) = digits
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
        else {
            return fail("it is too large");
        };
        match Expiry::from_secs(seconds) {
            Some(e) => Ok(e),
            None => fail("it must be at least 1 second"),
        }
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}s", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> Result<u64, Error> {
        s.parse::<Expiry>().map(Expiry::as_secs)
    }

    #[test]
    fn units() {
        assert_eq!(secs("3600").unwrap(), 3600);
        assert_eq!(secs("90s").unwrap(), 90);
        assert_eq!(secs("15m").unwrap(), 900);
        assert_eq!(secs("12h").unwrap(), 43200);
        assert_eq!(secs("7d").unwrap(), SIGV4_MAX_EXPIRES);
    }

    #[test]
    fn bad_durations() {
        for bad in [
            "",
            "0",
            "0s",
            "-1",
            "1.5h",
            "h",
            "1w",
            "1 h",
            " 1",
            "1H",
            "99999999999999999999",
        ] {
            assert!(secs(bad).is_err(), "{bad:?}");
        }
        let e = secs("300000000000000d").unwrap_err().to_string();
        assert!(e.contains("too large"), "{e}");
    }
}
