//! Credentials: an access key id, a secret key and an optional session token.

use crate::error::Error;
// The guard every quoted value goes through; a refused access key this long is never
// quoted: whatever it is, it is the length of a secret.
use crate::quote::{SECRET_KEY_MIN_LEN, looks_like_secret_key};
use crate::secret::Secret;
use std::fmt;

/// The keys a URL is signed with. `Debug` shows the access key id only.
#[derive(Clone)]
pub struct Credentials {
    access_key: String,
    secret_key: Secret,
    session_token: Option<Secret>,
}

impl Credentials {
    /// Checks and bundles credentials.
    ///
    /// The access key id ends up in the URL and in the credential scope, whose parts are
    /// separated by `/`; whitespace, control characters or a `/` in it would give a URL
    /// that every server rejects, so they are refused here.
    ///
    /// A refused access key is quoted in the error unless it has the shape of a secret key:
    /// then it is most likely one, pasted in the wrong place. Keys that look swapped (the
    /// access key shaped like a secret key, the secret like an access key id) are refused
    /// even when the access key would pass, because it would be printed in every URL.
    pub fn new(
        access_key: impl Into<String>,
        secret_key: Secret,
        session_token: Option<Secret>,
    ) -> Result<Self, Error> {
        let access_key = access_key.into();
        let reason = if access_key.is_empty() {
            Some("it is empty")
        } else if access_key
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            Some(
                "it contains whitespace or a control character; check for a stray space or newline",
            )
        } else if access_key.contains('/') {
            Some("it contains '/', which no access key id has")
        } else {
            None
        };
        let swapped =
            looks_like_secret_key(&access_key) && looks_like_access_key(secret_key.expose());
        if (reason.is_some() && access_key.chars().count() >= SECRET_KEY_MIN_LEN) || swapped {
            return Err(Error::AccessKeyLooksLikeSecret {
                length: access_key.chars().count(),
                swapped,
            });
        }
        if let Some(reason) = reason {
            return Err(Error::InvalidAccessKey {
                value: access_key,
                reason,
            });
        }
        if secret_key.expose().is_empty() {
            return Err(Error::InvalidSecret {
                what: "secret key",
                reason: "it is empty",
            });
        }
        if session_token
            .as_ref()
            .is_some_and(|t| t.expose().is_empty())
        {
            return Err(Error::InvalidSecret {
                what: "session token",
                reason: "it is empty; leave it out instead",
            });
        }
        Ok(Credentials {
            access_key,
            secret_key,
            session_token,
        })
    }

    /// The access key id.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The secret key.
    pub fn secret_key(&self) -> &Secret {
        &self.secret_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&Secret> {
        self.session_token.as_ref()
    }
}

/// The shape of an access key id: 16 to 32 letters and digits.
fn looks_like_access_key(s: &str) -> bool {
    (16..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key)
            .field("session_token", &self.session_token)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secret_and_token() {
        let c = Credentials::new("AK", "SECRETVALUE".into(), Some("TOKENVALUE".into())).unwrap();
        let d = format!("{c:?}");
        assert!(d.contains("AK"));
        assert!(
            !d.contains("SECRETVALUE") && !d.contains("TOKENVALUE"),
            "{d}"
        );
    }

    const AWS_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn a_secret_key_in_the_access_key_place_is_not_quoted() {
        for access_key in [
            AWS_SECRET.to_owned(),
            format!("{AWS_SECRET}\n"),
            format!("\"{AWS_SECRET}\""),
        ] {
            let e = Credentials::new(access_key.as_str(), "x".into(), None).unwrap_err();
            let msg = e.to_string();
            assert!(!msg.contains("EXAMPLEKEY"), "{msg}");
            assert!(msg.contains("looks like a secret key"), "{msg}");
            assert!(!msg.contains("swapped"), "{msg}");
        }
    }

    #[test]
    fn swapped_keys_are_named_as_swapped_and_never_signed() {
        // With '/', the access key is refused anyway; without, it would be a valid id.
        for secret_as_access_key in [AWS_SECRET, "wJalrXUtnFEMI0K7MDENG0bPxRfiCYEXAMPLEKEY"] {
            let e = Credentials::new(secret_as_access_key, "AKIAIOSFODNN7EXAMPLE".into(), None)
                .unwrap_err()
                .to_string();
            assert!(e.contains("look swapped"), "{e}");
            assert!(
                !e.contains("EXAMPLEKEY") && !e.contains("AKIAIOSFODNN7"),
                "{e}"
            );
        }
        // A long access id with a long secret (Google Cloud's HMAC keys) is fine.
        let gcs_id = "GOOG1EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPL";
        assert!(Credentials::new(gcs_id, AWS_SECRET.into(), None).is_ok());
    }

    #[test]
    fn a_short_bad_access_key_is_still_quoted() {
        let e = Credentials::new("AK/X", "x".into(), None).unwrap_err();
        assert!(e.to_string().contains("\"AK/X\""), "{e}");
    }

    #[test]
    fn access_key_with_whitespace_is_refused() {
        let e = Credentials::new("AK \n", "s".into(), None).unwrap_err();
        assert!(e.to_string().contains("whitespace"), "{e}");
    }
}
