//! Credentials: an access key id, a secret key and an optional session token.

use crate::error::Error;
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

    #[test]
    fn access_key_with_whitespace_is_refused() {
        let e = Credentials::new("AK \n", "s".into(), None).unwrap_err();
        assert!(e.to_string().contains("whitespace"), "{e}");
    }
}
