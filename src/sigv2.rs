//! Legacy AWS Signature Version 2 query signing, as botocore's `HmacV1QueryAuth` does it.
//!
//! The string to sign is `METHOD\n\nCONTENT-TYPE\nEXPIRES\n[x-amz-security-token:T\n]/BUCKET/KEY`
//! (the canonical resource names the bucket even for virtual-host URLs), signed with
//! HMAC-SHA1 and base64. botocore also copies the content type and the token into the
//! query, in that order, between `Signature` and `Expires`; so do we.

use crate::credentials::Credentials;
use crate::encode::{Slash, encode, encode_into};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

/// A SigV2 query signer for one set of credentials and one expiry instant.
#[derive(Clone)]
pub(crate) struct SigV2 {
    /// Keyed with the secret key.
    mac: HmacSha1,
    /// `Expires`: epoch seconds at which the URL stops working.
    expires: String,
    access_key: String,
    /// The token as signed, and as it appears in the query.
    token: Option<(String, String)>,
}

impl SigV2 {
    pub(crate) fn new(credentials: &Credentials, expires_at: i64) -> Self {
        let mac = HmacSha1::new_from_slice(credentials.secret_key().expose().as_bytes())
            .expect("HMAC takes keys of any size");
        SigV2 {
            mac,
            expires: expires_at.to_string(),
            access_key: encode(credentials.access_key(), Slash::Encode),
            token: credentials.session_token().map(|t| {
                let t = t.expose();
                (t.to_owned(), encode(t, Slash::Encode))
            }),
        }
    }

    /// Signs one request whose encoded path is `out[path_start..]`, and appends the query.
    ///
    /// For virtual-host URLs the bucket is passed in `bucket` and put before the path, as
    /// the canonical resource is `/BUCKET/KEY` either way.
    pub(crate) fn finish_url(
        &self,
        method: &str,
        bucket: Option<&str>,
        content_type: Option<&str>,
        out: &mut String,
        path_start: usize,
    ) {
        let mut mac = self.mac.clone();
        mac.update(method.as_bytes());
        mac.update(b"\n\n");
        mac.update(content_type.unwrap_or("").as_bytes());
        mac.update(b"\n");
        mac.update(self.expires.as_bytes());
        mac.update(b"\n");
        if let Some((token, _)) = &self.token {
            mac.update(b"x-amz-security-token:");
            mac.update(token.as_bytes());
            mac.update(b"\n");
        }
        if let Some(bucket) = bucket {
            mac.update(b"/");
            mac.update(bucket.as_bytes());
        }
        mac.update(&out.as_bytes()[path_start..]);
        let digest = mac.finalize().into_bytes();
        let mut b64 = [0u8; 28];
        let n = STANDARD
            .encode_slice(digest, &mut b64)
            .expect("20 bytes fit 28 base64 digits");
        let signature = std::str::from_utf8(&b64[..n]).expect("base64 is ASCII");

        out.push_str("?AWSAccessKeyId=");
        out.push_str(&self.access_key);
        out.push_str("&Signature=");
        encode_into(out, signature, Slash::Encode);
        if let Some(ct) = content_type {
            out.push_str("&content-type=");
            encode_into(out, ct, Slash::Encode);
        }
        if let Some((_, token)) = &self.token {
            out.push_str("&x-amz-security-token=");
            out.push_str(token);
        }
        out.push_str("&Expires=");
        out.push_str(&self.expires);
    }
}
