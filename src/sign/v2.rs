//! Legacy AWS Signature Version 2 query signing, as botocore's `HmacV1QueryAuth` does it.
//!
//! The string to sign is `METHOD\nCONTENT-MD5\nCONTENT-TYPE\nEXPIRES\n`, the sorted
//! `x-amz-*:value` lines (the session token's among them), and the canonical resource:
//! `/BUCKET/KEY` (naming the bucket even for virtual-host URLs) with the sub-resources,
//! `?partNumber=1&uploadId=ID`. It is signed with HMAC-SHA1 and base64. botocore also
//! copies every signed header and the token into the query, in the order they were
//! given, between `Signature` and `Expires`; so do we.

use crate::credentials::Credentials;
use crate::encode::{Slash, encode, encode_into};
use crate::sign::v4::Canonical;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

/// SigV2 sub-resources that are part of the string to sign (botocore's `QSAOfInterest`).
pub(crate) const SIGV2_SUBRESOURCES: [&str; 35] = [
    "accelerate",
    "acl",
    "cors",
    "defaultObjectAcl",
    "location",
    "logging",
    "partNumber",
    "policy",
    "requestPayment",
    "torrent",
    "versioning",
    "versionId",
    "versions",
    "website",
    "uploads",
    "uploadId",
    "response-content-type",
    "response-content-language",
    "response-expires",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "delete",
    "lifecycle",
    "tagging",
    "restore",
    "storageClass",
    "notification",
    "replication",
    "analytics",
    "metrics",
    "inventory",
    "select",
    "select-type",
    "object-lock",
];

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

    /// Signs one request and appends the auth parameters to `out`.
    ///
    /// `out[path_start..query_start]` is the encoded path; `out[query_start..]` is `?` and
    /// then each operation parameter followed by `&`. For virtual-host URLs the bucket
    /// (`req.host_prefix`) is put before the path, as the canonical resource is
    /// `/BUCKET/KEY` either way.
    pub(crate) fn finish_url(
        &self,
        req: &Canonical<'_>,
        out: &mut String,
        path_start: usize,
        query_start: usize,
    ) {
        let headers = req.headers;
        let mut mac = self.mac.clone();
        mac.update(req.method.as_bytes());
        mac.update(b"\n");
        mac.update(headers.v2_md5().as_bytes());
        mac.update(b"\n");
        mac.update(headers.v2_type().as_bytes());
        mac.update(b"\n");
        mac.update(self.expires.as_bytes());
        mac.update(b"\n");
        // `x-amz-*` lines are sorted by name; the token's line sorts among them.
        let (amz_before, amz_after) = headers.v2_amz();
        mac.update(amz_before.as_bytes());
        if let Some((token, _)) = &self.token {
            mac.update(b"x-amz-security-token:");
            mac.update(token.as_bytes());
            mac.update(b"\n");
        }
        mac.update(amz_after.as_bytes());
        if let Some(bucket) = req.host_prefix {
            mac.update(b"/");
            mac.update(bucket.as_bytes());
        }
        mac.update(&out.as_bytes()[path_start..query_start]);
        // Sub-resources: sorted by name, values decoded (so as given), bare if valueless.
        let (order, n) = req.params.sorted();
        for (k, &i) in order[..n].iter().enumerate() {
            let (param, value) = req.params.at(i);
            mac.update(if k == 0 { b"?" } else { b"&" });
            mac.update(param.as_str().as_bytes());
            if !param.is_valueless() {
                mac.update(b"=");
                mac.update(value.as_bytes());
            }
        }
        let digest = mac.finalize().into_bytes();
        let mut b64 = [0u8; 28];
        let n = STANDARD
            .encode_slice(digest, &mut b64)
            .expect("20 bytes fit 28 base64 digits");
        let signature = std::str::from_utf8(&b64[..n]).expect("base64 is ASCII");

        out.push_str("AWSAccessKeyId=");
        out.push_str(&self.access_key);
        out.push_str("&Signature=");
        encode_into(out, signature, Slash::Encode);
        out.push_str(headers.v2_query());
        if let Some((_, token)) = &self.token {
            out.push_str("&x-amz-security-token=");
            out.push_str(token);
        }
        out.push_str("&Expires=");
        out.push_str(&self.expires);
    }
}
