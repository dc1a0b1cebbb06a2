//! AWS Signature Version 4, query-string form, as botocore's `S3SigV4QueryAuth` does it.
//!
//! Everything that is the same for every URL of a run is computed once in [`SigV4::new`]:
//! the signing key (four HMACs), the HMAC state with the fixed start of the string to
//! sign already absorbed, and the query strings. Per URL only the canonical request is
//! hashed (streamed into SHA-256, never built as a string) and one HMAC is finished.

use crate::credentials::Credentials;
use crate::encode::{Slash, encode};
use crate::hex;
use crate::param::Params;
use crate::request::headers::SignedHeaders;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

type HmacSha256 = Hmac<Sha256>;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The parts of a request that the canonical request needs, beyond the fixed ones.
pub(crate) struct Canonical<'a> {
    pub method: &'a str,
    /// The `Host` header: an optional bucket label, then the endpoint's `host[:port]`.
    pub host_prefix: Option<&'a str>,
    pub authority: &'a str,
    pub params: &'a Params<'a>,
    pub headers: &'a SignedHeaders,
}

/// A SigV4 query signer for one set of credentials, region, time and expiry.
#[derive(Clone)]
pub(crate) struct SigV4 {
    /// Keyed with the signing key, with `ALGORITHM\nDATE\nSCOPE\n` already absorbed.
    mac: HmacSha256,
    /// The canonical query up to the signed headers' value: the `X-Amz-*` parameters sort
    /// before every operation parameter (uppercase before lowercase), the token before
    /// `X-Amz-SignedHeaders`.
    canonical_head: String,
    /// The URL's auth parameters up to the signed headers' value, in botocore's order.
    url_head: String,
    /// `&X-Amz-Security-Token=...` (the URL puts it after the signed headers), or empty.
    url_token: String,
}

impl SigV4 {
    pub(crate) fn new(
        credentials: &Credentials,
        region: &str,
        time: DateTime<Utc>,
        expires_secs: u64,
    ) -> Self {
        let date = time.format("%Y%m%d").to_string();
        let amz_date = time.format("%Y%m%dT%H%M%SZ").to_string();
        let scope = format!("{date}/{region}/s3/aws4_request");
        let signing_key = signing_key(credentials.secret_key().expose(), &date, region, "s3");
        let mut mac = hmac(&*signing_key);
        mac.update(format!("{ALGORITHM}\n{amz_date}\n{scope}\n").as_bytes());

        let credential = encode(
            &format!("{}/{scope}", credentials.access_key()),
            Slash::Encode,
        );
        let head = format!(
            "X-Amz-Algorithm={ALGORITHM}&X-Amz-Credential={credential}&X-Amz-Date={amz_date}&X-Amz-Expires={expires_secs}"
        );
        let token = credentials
            .session_token()
            .map(|t| {
                format!(
                    "&X-Amz-Security-Token={}",
                    encode(t.expose(), Slash::Encode)
                )
            })
            .unwrap_or_default();
        SigV4 {
            mac,
            canonical_head: format!("{head}{token}&X-Amz-SignedHeaders="),
            url_head: format!("{head}&X-Amz-SignedHeaders="),
            url_token: token,
        }
    }

    /// Signs one request and appends the auth parameters and the signature to `out`.
    ///
    /// `out[path_start..query_start]` is the encoded path; `out[query_start..]` is `?` and
    /// then each operation parameter as `name=value&`, in `req.params` order.
    pub(crate) fn finish_url(
        &self,
        req: &Canonical<'_>,
        out: &mut String,
        path_start: usize,
        query_start: usize,
    ) {
        let signed = req.headers.v4_signed_encoded();
        let mut h = Sha256::new();
        h.update(req.method);
        h.update("\n");
        h.update(&out[path_start..query_start]);
        h.update("\n");
        h.update(&self.canonical_head);
        h.update(signed);
        // The operation parameters, sorted by name, are already encoded in the URL.
        let (order, n) = req.params.sorted();
        for &i in &order[..n] {
            let span = param_span(out, query_start, usize::from(i));
            h.update("&");
            h.update(span);
        }
        // Headers moved into the query are all `x-amz-*`: they sort after every
        // operation parameter (each of which starts with a lower letter than `x`).
        h.update(req.headers.query_canonical());
        h.update("\n");
        h.update(req.headers.v4_before_host());
        h.update("host:");
        if let Some(bucket) = req.host_prefix {
            h.update(bucket);
            h.update(".");
        }
        h.update(req.authority);
        h.update("\n");
        h.update(req.headers.v4_after_host());
        h.update("\n");
        h.update(req.headers.v4_signed_names());
        h.update("\nUNSIGNED-PAYLOAD");
        let creq_hash = hex::encode32(&h.finalize().into());

        let mut mac = self.mac.clone();
        mac.update(&creq_hash);
        let signature = hex::encode32(&mac.finalize().into_bytes().into());

        out.push_str(&self.url_head);
        out.push_str(signed);
        out.push_str(&self.url_token);
        out.push_str("&X-Amz-Signature=");
        out.push_str(hex::as_str(&signature));
    }
}

/// The `index`th `name=value` of the operation parameters written after `query_start`.
fn param_span(out: &str, query_start: usize, index: usize) -> &str {
    out[query_start + 1..]
        .split('&')
        .nth(index)
        .expect("the caller wrote every parameter")
}

fn hmac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    HmacSha256::new_from_slice(key).expect("HMAC takes keys of any size")
}

/// The SigV4 signing key: it depends only on the secret, the date, the region and the
/// service, which is why one key serves every URL of a run.
pub(crate) fn signing_key(
    secret: &str,
    date: &str,
    region: &str,
    service: &str,
) -> Zeroizing<[u8; 32]> {
    let step = |key: &[u8], data: &str| -> Zeroizing<[u8; 32]> {
        let mut mac = hmac(key);
        mac.update(data.as_bytes());
        Zeroizing::new(mac.finalize().into_bytes().into())
    };
    let k_secret = Zeroizing::new(format!("AWS4{secret}"));
    let k_date = step(k_secret.as_bytes(), date);
    let k_region = step(&*k_date, region);
    let k_service = step(&*k_region, service);
    step(&*k_service, "aws4_request")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signing-key example from AWS's SigV4 documentation
    /// ("Examples of how to derive a signing key for Signature Version 4").
    #[test]
    fn aws_documented_signing_key() {
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex::as_str(&hex::encode32(&key)),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }
}
