//! SSE-C: the three headers that make S3 encrypt (and decrypt) an object with a key the
//! client sends, computed as botocore's `sse_md5` handler computes them.
//!
//! The key is a secret: it lives in a zeroizing buffer, and nothing here puts it into an
//! error message.

use crate::error::Error;
use crate::request::headers::SignedHeaders;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest, Md5};
use zeroize::Zeroizing;

/// The SSE-C headers in the order botocore sends them (it appends the MD5 last).
pub(crate) const SSE_C_HEADERS: [&str; 3] = [
    "x-amz-server-side-encryption-customer-algorithm",
    "x-amz-server-side-encryption-customer-key",
    "x-amz-server-side-encryption-customer-key-md5",
];

/// The same three for the source of a copy (CopyObject, UploadPartCopy) encrypted with
/// SSE-C; botocore appends this MD5 after everything, the other MD5 included.
pub(crate) const COPY_SOURCE_SSE_C_HEADERS: [&str; 3] = [
    "x-amz-copy-source-server-side-encryption-customer-algorithm",
    "x-amz-copy-source-server-side-encryption-customer-key",
    "x-amz-copy-source-server-side-encryption-customer-key-md5",
];

/// An SSE-C key: exactly 32 bytes (AES-256). `Debug` does not show it.
pub struct CustomerKey {
    key: Zeroizing<Vec<u8>>,
}

impl CustomerKey {
    /// A key from its raw bytes, which must be 32.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != 32 {
            return Err(Error::InvalidCustomerKey {
                reason: format!(
                    "it is {} bytes; an SSE-C key is exactly 32 bytes (AES-256)",
                    bytes.len()
                ),
            });
        }
        Ok(CustomerKey {
            key: Zeroizing::new(bytes.to_vec()),
        })
    }

    /// A key from its base64 form (44 characters).
    pub fn from_base64(text: &str) -> Result<Self, Error> {
        let bytes = Zeroizing::new(STANDARD.decode(text.trim()).map_err(|_| {
            Error::InvalidCustomerKey {
                reason: "it is not base64; give the 32-byte key as base64 (44 characters)"
                    .to_owned(),
            }
        })?);
        Self::from_bytes(&bytes)
    }

    /// The three signed headers: `AES256`, the key in base64 and the key's MD5 in base64.
    pub fn headers(&self) -> [(&'static str, String); 3] {
        self.named(SSE_C_HEADERS)
    }

    /// The same values under the copy source's names, for a key that decrypts the source.
    pub fn copy_source_headers(&self) -> [(&'static str, String); 3] {
        self.named(COPY_SOURCE_SSE_C_HEADERS)
    }

    fn named(&self, names: [&'static str; 3]) -> [(&'static str, String); 3] {
        [
            (names[0], "AES256".to_owned()),
            (names[1], STANDARD.encode(&*self.key)),
            (names[2], STANDARD.encode(Md5::digest(&*self.key))),
        ]
    }

    /// Adds the three headers to `headers`.
    pub fn insert_into(&self, headers: &mut SignedHeaders) -> Result<(), Error> {
        for (name, value) in self.headers() {
            headers.insert_str(name, &value)?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for CustomerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CustomerKey(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The MD5 botocore sends for 32 bytes of 'k' (botocore 1.44.8, SSECustomerKey=b"k"*32).
    #[test]
    fn headers_are_what_botocore_sends() {
        let key = CustomerKey::from_bytes(&[b'k'; 32]).unwrap();
        let h = key.headers();
        assert_eq!(h[0].1, "AES256");
        assert_eq!(h[1].1, "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=");
        assert_eq!(h[2].1, "mT2HRsMGJ5IX5C+0rreZ8Q==");
        assert_eq!(format!("{key:?}"), "CustomerKey(redacted)");
    }

    #[test]
    fn bad_keys_are_not_echoed() {
        for bad in [
            "a2tra2tra2tra2s=",
            "not base64 at all!",
            "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2tr",
        ] {
            let e = CustomerKey::from_base64(bad).unwrap_err().to_string();
            assert!(!e.contains(bad), "{e}");
            assert!(e.contains("32 bytes") || e.contains("base64"), "{e}");
        }
    }
}
