//! Percent-encoding shared by the URL path, the canonical request and the query.
//!
//! S3 signing only verifies if the bytes we sign are the bytes we send, so there is exactly
//! one encoder here, used for both. It is the encoding botocore applies (Python's
//! `urllib.parse.quote`): RFC 3986 unreserved characters stay as they are, everything else
//! becomes `%XX` with uppercase hex over the UTF-8 bytes. A space is `%20`, never `+`.

use std::borrow::Cow;

/// Whether `/` is kept (object key paths) or encoded (query values such as the credential).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slash {
    Keep,
    Encode,
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Per byte, whether it is written as it is: in a query component (RFC 3986 unreserved,
/// `A-Z a-z 0-9 - . _ ~`) and in a path (`/` too). One table look-up per byte on the
/// per-URL path, instead of five comparisons, and runs checked without a branch a byte.
const PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            table[b] = IN_QUERY | IN_PATH;
        } else if c == b'/' {
            table[b] = IN_PATH;
        }
        b += 1;
    }
    table
};
const IN_QUERY: u8 = 1;
const IN_PATH: u8 = 2;

/// A byte that is written as it is; everything else is `%XX`.
#[inline]
pub(crate) fn is_unreserved(b: u8) -> bool {
    PLAIN[usize::from(b)] & IN_QUERY != 0
}

/// Whether `raw` is already in this encoding: unreserved bytes (and `/` in a `path`) as
/// they are, every other byte as `%XX` with uppercase hex. Sets `high` when an escape
/// stands for a non-ASCII byte (whether they make UTF-8 is for the caller to see).
pub(crate) fn is_canonical(raw: &str, path: bool, high: &mut bool) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match canonical_run(b, i, path, high) {
            Some(end) => i = end,
            None => return false,
        }
    }
    true
}

/// From `b[i]`, the end of a run of bytes written as they are, or of one escape in this
/// encoding (`%XX`, uppercase hex, for a byte that needs it); `None` at any other byte
/// (or at the end). `high` is set by an escape of a non-ASCII byte.
pub(crate) fn canonical_run(b: &[u8], mut i: usize, path: bool, high: &mut bool) -> Option<usize> {
    let bit = if path { IN_PATH } else { IN_QUERY };
    let plain = |c: u8| PLAIN[usize::from(c)] & bit != 0;
    let start = i;
    // Eight bytes a step without a branch per byte, then byte by byte.
    while let Some(chunk) = b.get(i..i + 8)
        && chunk
            .iter()
            .fold(bit, |all, &c| all & PLAIN[usize::from(c)])
            != 0
    {
        i += 8;
    }
    while let Some(&c) = b.get(i)
        && plain(c)
    {
        i += 1;
    }
    if i > start {
        return Some(i);
    }
    if b.get(i) != Some(&b'%') {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let value = digit(*b.get(i + 1)?)? << 4 | digit(*b.get(i + 2)?)?;
    // An escaped character that needs no escape is not canonical.
    if plain(value) {
        return None;
    }
    *high |= value >= 0x80;
    Some(i + 3)
}

/// Appends `input` to `out`, percent-encoded.
pub(crate) fn encode_into(out: &mut String, input: &str, slash: Slash) {
    let bytes = input.as_bytes();
    // Copy runs of unreserved bytes in one go: keys are mostly plain ASCII. A run only
    // holds ASCII (every other byte is escaped), so its ends are char boundaries; an
    // empty run is skipped because `start` may then sit inside a multi-byte character.
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) || (b == b'/' && slash == Slash::Keep) {
            continue;
        }
        if start < i {
            out.push_str(&input[start..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
        start = i + 1;
    }
    if start < bytes.len() {
        out.push_str(&input[start..]);
    }
}

/// `input`, percent-encoded, as a new string. For set-up work, not the per-URL path.
pub(crate) fn encode(input: &str, slash: Slash) -> String {
    let mut out = String::with_capacity(input.len() * 3);
    encode_into(&mut out, input, slash);
    out
}

/// Decodes `%XX` escapes; `None` if one is malformed or the bytes are not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<Cow<'_, str>> {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'%') else {
        return Some(Cow::Borrowed(text));
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            // Copy the run up to the next escape in one go.
            let run = bytes[i..]
                .iter()
                .position(|&b| b == b'%')
                .unwrap_or(bytes.len() - i);
            out.extend_from_slice(&bytes[i..i + run]);
            i += run;
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

/// `x-amz-copy-source` as botocore writes it: `BUCKET/KEY` percent-encoded with `/` kept
/// (`percent_encode(f"{bucket}/{key}", safe="-._~/")`).
pub fn encode_copy_source(out: &mut String, bucket: &str, key: &str) {
    encode_into(out, bucket, Slash::Keep);
    out.push('/');
    encode_into(out, key, Slash::Keep);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_stay() {
        let s = "AZaz09-._~";
        assert_eq!(encode(s, Slash::Encode), s);
    }

    #[test]
    fn space_is_percent_20_never_plus() {
        assert_eq!(encode("a b+c", Slash::Keep), "a%20b%2Bc");
    }

    #[test]
    fn slash_is_kept_only_in_paths() {
        assert_eq!(encode("a/b", Slash::Keep), "a/b");
        assert_eq!(encode("a/b", Slash::Encode), "a%2Fb");
    }

    #[test]
    fn reserved_and_unicode_use_uppercase_hex_on_utf8_bytes() {
        assert_eq!(
            encode("%?#&=ü😀\t", Slash::Keep),
            "%25%3F%23%26%3D%C3%BC%F0%9F%98%80%09"
        );
    }

    #[test]
    fn already_encoded_input_is_encoded_again_not_decoded() {
        // A key that literally contains "%20" must stay distinct from a key with a space.
        assert_eq!(encode("%20", Slash::Keep), "%2520");
    }
}
