//! POST policy forms for browser uploads, byte for byte what botocore's
//! `generate_presigned_post` produces.
//!
//! A presigned PUT URL cannot bound the size of an upload and a browser cannot send one
//! without JavaScript. A POST policy can: it is a JSON document (expiry plus conditions on
//! the form's fields and the file's length), base64-encoded and signed, which the uploader
//! posts as `multipart/form-data` with the file last.
//!
//! botocore builds it in a fixed way, and so does this module:
//! * conditions: the caller's (see [`PostPolicy`] for the order presign puts them in),
//!   then `{"bucket": B}`, then `{"key": K}` — or `["starts-with", "$key", PREFIX]` when the
//!   key ends in `${filename}` — then the auth conditions (SigV4: `x-amz-algorithm`,
//!   `x-amz-credential`, `x-amz-date`; both: `x-amz-security-token` with a session token);
//! * fields: the caller's, `key`, the auth fields (SigV4: `x-amz-algorithm`,
//!   `x-amz-credential`, `x-amz-date`; SigV2: `AWSAccessKeyId`; both: the token), `policy`,
//!   then the signature (`x-amz-signature` or `signature`);
//! * the policy text is Python's `json.dumps` with its defaults: `", "` and `": "` as
//!   separators and every non-ASCII character as `\uXXXX` ([`push_json_string`]);
//! * SigV4 signs the base64 policy with HMAC-SHA256 under the usual signing key (hex);
//!   SigV2 with HMAC-SHA1 under the secret key (base64);
//! * the URL is the bucket's: `https://host/bucket` or `https://bucket.host/`.

pub(crate) mod json;
pub(crate) mod policy;

use crate::credentials::Credentials;
use crate::endpoint::{AddressingStyle, SignatureVersion};
use crate::error::Error;
use crate::hex;
pub use crate::post::policy::{
    Condition, ContentTypeRule, FILENAME_PLACEHOLDER, FormFields, MAX_POST_SIZE, PostPolicy,
    SuccessStatus,
};
use crate::request::target::Target;
use crate::sign::v4::signing_key;
use crate::sign::{Config, check_virtual_host};
use crate::time::check_time;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, KeyInit, Mac};
pub use json::push_json_string;
use sha1::Sha1;
use sha2::Sha256;
use std::fmt;

/// A signed POST form: where to post it and the fields to send before the file.
#[derive(Clone, PartialEq, Eq)]
pub struct PostForm {
    /// The bucket's URL: `https://host/bucket` (path style) or `https://bucket.host/`.
    pub url: String,
    /// Every form field, in botocore's order; the uploader sends them, then `file` last.
    pub fields: FormFields,
    /// The policy document, exactly as signed (the `policy` field is its base64).
    pub policy: String,
    /// When the policy stops working.
    pub expiration: DateTime<Utc>,
}

impl PostForm {
    /// The value of field `name`, if the form has it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for PostForm {
    /// Field names only: the fields and the policy carry the session token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostForm")
            .field("url", &self.url)
            .field(
                "fields",
                &self.fields.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("expiration", &self.expiration)
            .finish_non_exhaustive()
    }
}

/// Signs a POST policy for `target` as of `time`, valid for `config.expires`.
///
/// ```
/// use presign::{Config, Credentials, Target};
/// use presign::post::{PostPolicy, presign_post};
///
/// let creds = Credentials::new(
///     "AKIAIOSFODNN7EXAMPLE",
///     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
///     None,
/// )?;
/// let config = Config::new("https://gateway.storjshare.io".parse()?, "us-east-1", creds);
/// let time = presign::parse_time("2026-01-01T00:00:00Z")?;
/// let form = presign_post(&config, time, Target::parse("bucket/key.txt")?, &PostPolicy::default())?;
/// assert_eq!(form.url, "https://gateway.storjshare.io/bucket");
/// assert_eq!(
///     form.field("x-amz-signature"),
///     Some("768859651be4f98187ec5bee872337fa30ff31ca39cdb9c99984fd971ac5ba2f")
/// );
/// # Ok::<(), presign::Error>(())
/// ```
pub fn presign_post(
    config: &Config,
    time: DateTime<Utc>,
    target: Target<'_>,
    policy: &PostPolicy,
) -> Result<PostForm, Error> {
    let expires = config.check(time)?;
    let expiration = i64::try_from(expires)
        .ok()
        .and_then(TimeDelta::try_seconds)
        .and_then(|d| time.checked_add_signed(d))
        .filter(|t| check_time(*t).is_ok())
        .ok_or(Error::InvalidDuration {
            value: config.expires.to_string(),
            reason: "it is too large",
        })?;

    let bucket = target.bucket();
    let virtual_host = config.addressing_for(bucket) == AddressingStyle::VirtualHost;
    if virtual_host {
        check_virtual_host(&config.endpoint, bucket)?;
    }
    let mut url = String::from(config.endpoint.scheme_prefix());
    if virtual_host {
        url.push_str(bucket);
        url.push('.');
        url.push_str(config.endpoint.url_authority());
        url.push('/');
    } else {
        url.push_str(config.endpoint.url_authority());
        url.push('/');
        url.push_str(bucket);
    }

    let (mut fields, mut conditions) = policy.fields_and_conditions()?;
    let key = target.key();
    conditions.push(Condition::Equals("bucket".to_owned(), bucket.to_owned()));
    conditions.push(match key.strip_suffix(FILENAME_PLACEHOLDER) {
        Some(prefix) => Condition::StartsWith("key".to_owned(), prefix.to_owned()),
        None => Condition::Equals("key".to_owned(), key.to_owned()),
    });
    fields.push(("key".to_owned(), key.to_owned()));

    let credentials = &config.credentials;
    let date = time.format("%Y%m%d").to_string();
    let auth: Vec<(&str, String)> = match config.signature {
        SignatureVersion::V4 => vec![
            ("x-amz-algorithm", "AWS4-HMAC-SHA256".to_owned()),
            (
                "x-amz-credential",
                format!(
                    "{}/{date}/{}/s3/aws4_request",
                    credentials.access_key(),
                    config.region
                ),
            ),
            ("x-amz-date", time.format("%Y%m%dT%H%M%SZ").to_string()),
        ],
        SignatureVersion::V2 => vec![("AWSAccessKeyId", credentials.access_key().to_owned())],
    };
    for (name, value) in auth {
        if config.signature == SignatureVersion::V4 {
            conditions.push(Condition::Equals(name.to_owned(), value.clone()));
        }
        fields.push((name.to_owned(), value));
    }
    if let Some(token) = credentials.session_token() {
        let token = token.expose().to_owned();
        conditions.push(Condition::Equals(
            "x-amz-security-token".to_owned(),
            token.clone(),
        ));
        fields.push(("x-amz-security-token".to_owned(), token));
    }

    let mut policy_json = String::with_capacity(256);
    policy_json.push_str("{\"expiration\": ");
    push_json_string(
        &mut policy_json,
        &expiration.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    policy_json.push_str(", \"conditions\": [");
    for (i, condition) in conditions.iter().enumerate() {
        if i > 0 {
            policy_json.push_str(", ");
        }
        condition.write_json(&mut policy_json);
    }
    policy_json.push_str("]}");
    let policy_b64 = STANDARD.encode(policy_json.as_bytes());

    let signature = sign(credentials, config, &date, &policy_b64);
    fields.push(("policy".to_owned(), policy_b64));
    fields.push(signature);
    Ok(PostForm {
        url,
        fields,
        policy: policy_json,
        expiration,
    })
}

/// The signature field: SigV4 signs the base64 policy as its whole string to sign.
fn sign(
    credentials: &Credentials,
    config: &Config,
    date: &str,
    policy_b64: &str,
) -> (String, String) {
    let secret = credentials.secret_key().expose();
    match config.signature {
        SignatureVersion::V4 => {
            let key = signing_key(secret, date, &config.region, "s3");
            let mut mac = Hmac::<Sha256>::new_from_slice(&*key).expect("HMAC takes any key");
            mac.update(policy_b64.as_bytes());
            let digest = hex::encode32(&mac.finalize().into_bytes().into());
            (
                "x-amz-signature".to_owned(),
                hex::as_str(&digest).to_owned(),
            )
        }
        SignatureVersion::V2 => {
            let mut mac =
                Hmac::<Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
            mac.update(policy_b64.as_bytes());
            (
                "signature".to_owned(),
                STANDARD.encode(mac.finalize().into_bytes()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, text);
        out
    }

    /// Python: `json.dumps(text)` for each input.
    #[test]
    fn strings_are_escaped_as_python_does() {
        for (text, python) in [
            ("plain/key.txt", r#""plain/key.txt""#),
            ("q\"b\\s", r#""q\"b\\s""#),
            ("\n\r\t\u{8}\u{c}", r#""\n\r\t\b\f""#),
            ("\u{0}\u{1f}\u{7f}", r#""\u0000\u001f\u007f""#),
            ("ü日", r#""\u00fc\u65e5""#),
            ("\u{1f600}", r#""\ud83d\ude00""#),
            ("</script>", r#""</script>""#),
        ] {
            assert_eq!(json(text), python, "{text:?}");
        }
    }

    #[test]
    fn the_documented_order() {
        let policy = PostPolicy {
            acl: Some("private".into()),
            content_type: Some(ContentTypeRule::StartsWith("image/".into())),
            size: Some((1, 10)),
            meta: vec![("Owner".into(), "ci".into())],
            success_status: Some(SuccessStatus::Created201),
            redirect: Some("https://example.com/done".into()),
            fields: vec![("Cache-Control".into(), "max-age=60".into())],
        };
        let (fields, conditions) = policy.fields_and_conditions().unwrap();
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "acl",
                "x-amz-meta-owner",
                "success_action_status",
                "success_action_redirect",
                "Cache-Control"
            ]
        );
        assert_eq!(conditions.len(), 7);
        assert_eq!(conditions[2], Condition::ContentLengthRange(1, 10));
    }

    #[test]
    fn refusals() {
        let with_field = |name: &str| PostPolicy {
            fields: vec![(name.into(), "v".into())],
            ..PostPolicy::default()
        };
        for name in ["key", "Policy", "X-Amz-Signature", "AWSAccessKeyId", "file"] {
            assert!(matches!(
                with_field(name).fields_and_conditions(),
                Err(Error::ReservedField { instead: None, .. })
            ));
        }
        for name in ["acl", "Content-Type", "x-amz-meta-a", "redirect"] {
            assert!(matches!(
                with_field(name).fields_and_conditions(),
                Err(Error::ReservedField {
                    instead: Some(_),
                    ..
                })
            ));
        }
        for name in ["", "a b", "a\"b", "a=b"] {
            assert!(matches!(
                with_field(name).fields_and_conditions(),
                Err(Error::InvalidFieldName { .. })
            ));
        }
        let backwards = PostPolicy {
            size: Some((2, 1)),
            ..PostPolicy::default()
        };
        assert!(backwards.fields_and_conditions().is_err());
        for bad in [
            "ftp://x.example/",
            "/relative",
            "javascript:alert(1)",
            "https://",
        ] {
            let p = PostPolicy {
                redirect: Some(bad.into()),
                ..PostPolicy::default()
            };
            assert!(
                matches!(
                    p.fields_and_conditions(),
                    Err(Error::InvalidRedirect { .. })
                ),
                "{bad}"
            );
        }
    }
}
