//! Digests an upload URL can pin: `Content-MD5` and S3's `x-amz-checksum-*` headers.
//!
//! A URL signed with a digest accepts exactly the bytes that hash to it: the server
//! recomputes the digest of the body and refuses anything else (`BadDigest`). Values are
//! base64 of the raw digest (CRCs big-endian), as S3 wants them.

use crate::error::Error;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::io::{self, Read};

/// A digest S3 can check an upload against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Checksum {
    /// `Content-MD5`: every S3 server checks it.
    Md5,
    /// `x-amz-checksum-crc32`.
    Crc32,
    /// `x-amz-checksum-crc32c`.
    Crc32c,
    /// `x-amz-checksum-sha1`.
    Sha1,
    /// `x-amz-checksum-sha256`.
    Sha256,
}

impl Checksum {
    /// The header that carries it.
    pub const fn header(self) -> &'static str {
        match self {
            Checksum::Md5 => "content-md5",
            Checksum::Crc32 => "x-amz-checksum-crc32",
            Checksum::Crc32c => "x-amz-checksum-crc32c",
            Checksum::Sha1 => "x-amz-checksum-sha1",
            Checksum::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The digest's length in bytes.
    #[allow(clippy::len_without_is_empty)] // a digest length, not a collection
    pub const fn len(self) -> usize {
        match self {
            Checksum::Md5 => 16,
            Checksum::Crc32 | Checksum::Crc32c => 4,
            Checksum::Sha1 => 20,
            Checksum::Sha256 => 32,
        }
    }

    /// Checks a base64 value: valid standard base64 (with padding) of a digest of the
    /// right length. A wrong value would only fail later, at upload time, as `BadDigest`
    /// or `InvalidDigest`.
    pub fn check(self, value: &str) -> Result<(), Error> {
        let reason = match STANDARD.decode(value) {
            Err(_) => "it is not valid base64 (A-Z a-z 0-9 + / with = padding)",
            Ok(bytes) if bytes.len() != self.len() => match self {
                Checksum::Md5 => "an MD5 digest is 16 bytes, 24 base64 characters",
                Checksum::Crc32 | Checksum::Crc32c => "a CRC is 4 bytes, 8 base64 characters",
                Checksum::Sha1 => "a SHA-1 digest is 20 bytes, 28 base64 characters",
                Checksum::Sha256 => "a SHA-256 digest is 32 bytes, 44 base64 characters",
            },
            Ok(_) => return Ok(()),
        };
        Err(Error::InvalidChecksum {
            header: self.header(),
            value: value.to_owned(),
            reason,
        })
    }
}

/// Computes several digests of one stream in a single pass, in constant memory.
///
/// `progress` is called with the number of bytes read so far after each block.
pub fn digest_stream(
    checksums: &[Checksum],
    mut input: impl Read,
    mut progress: impl FnMut(u64),
) -> io::Result<Vec<String>> {
    let mut md5 = checksums.contains(&Checksum::Md5).then(md5::Md5::new);
    let mut crc32 = checksums
        .contains(&Checksum::Crc32)
        .then(crc32fast::Hasher::new);
    let mut crc32c = checksums.contains(&Checksum::Crc32c).then_some(0u32);
    let mut sha1 = checksums.contains(&Checksum::Sha1).then(Sha1::new);
    let mut sha256 = checksums.contains(&Checksum::Sha256).then(Sha256::new);
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let block = &buf[..n];
        if let Some(h) = &mut md5 {
            h.update(block);
        }
        if let Some(h) = &mut crc32 {
            h.update(block);
        }
        if let Some(c) = &mut crc32c {
            *c = crc32c::crc32c_append(*c, block);
        }
        if let Some(h) = &mut sha1 {
            h.update(block);
        }
        if let Some(h) = &mut sha256 {
            h.update(block);
        }
        total += n as u64;
        progress(total);
    }
    Ok(checksums
        .iter()
        .map(|c| match c {
            Checksum::Md5 => STANDARD.encode(md5.take().unwrap_or_default().finalize()),
            Checksum::Crc32 => {
                STANDARD.encode(crc32.take().unwrap_or_default().finalize().to_be_bytes())
            }
            Checksum::Crc32c => STANDARD.encode(crc32c.unwrap_or(0).to_be_bytes()),
            Checksum::Sha1 => STANDARD.encode(sha1.take().unwrap_or_default().finalize()),
            Checksum::Sha256 => STANDARD.encode(sha256.take().unwrap_or_default().finalize()),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digests of the empty input and of "hello world", from coreutils and AWS's docs.
    #[test]
    fn known_digests() {
        let all = [
            Checksum::Md5,
            Checksum::Crc32,
            Checksum::Crc32c,
            Checksum::Sha1,
            Checksum::Sha256,
        ];
        let empty = digest_stream(&all, &b""[..], |_| {}).unwrap();
        assert_eq!(
            empty,
            [
                "1B2M2Y8AsgTpgAmY7PhCfg==",
                "AAAAAA==",
                "AAAAAA==",
                "2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            ]
        );
        let hello = digest_stream(&all, &b"hello world"[..], |_| {}).unwrap();
        assert_eq!(
            hello,
            [
                "XrY7u+Ae7tCTyyK7j1rNww==",
                "DUoRhQ==",
                "yZRlqg==",
                "Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
                "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            ]
        );
        for (c, v) in all.iter().zip(&hello) {
            c.check(v).unwrap();
        }
    }

    #[test]
    fn bad_values() {
        for (c, v) in [
            (Checksum::Md5, "not base64!"),
            (Checksum::Md5, "AAAAAA=="),
            (Checksum::Crc32, "1B2M2Y8AsgTpgAmY7PhCfg=="),
            (
                Checksum::Sha256,
                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
            ),
        ] {
            let e = c.check(v).unwrap_err().to_string();
            // A value of 40 base64 characters or more has a secret key's shape: the error
            // does not quote it (as for every setting), but still says what is wrong.
            let shown = if v.len() >= 40 { "not shown" } else { v };
            assert!(e.contains(shown) && e.contains(c.header()), "{e}");
        }
    }

    #[test]
    fn progress_reports_every_byte() {
        let data = vec![7u8; 600 * 1024];
        let mut last = 0;
        digest_stream(&[Checksum::Sha256], &data[..], |n| last = n).unwrap();
        assert_eq!(last, data.len() as u64);
    }
}
