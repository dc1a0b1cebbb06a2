//! Percent-decoding a URL's parts as servers do, and the characters no decoded field
//! may hold.

use std::borrow::Cow;

/// Why a part of a URL does not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Undecodable {
    /// A `%` not followed by two hex digits.
    Malformed,
    /// Well-formed escapes whose bytes are not UTF-8 (`%FF`).
    NotUtf8,
}

impl Undecodable {
    pub(super) fn says(self, what: &str) -> String {
        match self {
            Undecodable::Malformed => {
                format!("{what} has a malformed %-escape (a % not followed by two hex digits)")
            }
            Undecodable::NotUtf8 => format!(
                "{what} has %-escapes whose bytes are not UTF-8 text (such as %FF), which no S3 signer writes"
            ),
        }
    }
}

/// Percent-decodes `text` as servers do: in a query (`plus`) a `+` is a space, as S3,
/// s3s, MinIO and Go's `net/url` read it (HTML form encoding); in a path it is a `+`.
pub(crate) fn decode(text: &str, plus: bool) -> Result<Cow<'_, str>, Undecodable> {
    let bytes = text.as_bytes();
    let special = |b: u8| b == b'%' || (plus && b == b'+');
    let Some(first) = bytes.iter().position(|&b| special(b)) else {
        return Ok(Cow::Borrowed(text));
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |at: usize| {
                    bytes
                        .get(at)
                        .and_then(|&c| (c as char).to_digit(16))
                        .ok_or(Undecodable::Malformed)
                };
                out.push((hex(i + 1)? * 16 + hex(i + 2)?) as u8);
                i += 3;
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                // Copy the run up to the next escape in one go.
                let run = bytes[i..]
                    .iter()
                    .position(|&b| special(b))
                    .unwrap_or(bytes.len() - i);
                out.extend_from_slice(&bytes[i..i + run]);
                i += run;
            }
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| Undecodable::NotUtf8)
}

/// The first character that would drive a terminal (C0 controls but tab, DEL, C1
/// controls): no field a signer writes holds one, and printed raw it could rewrite the
/// screen or forge a line of output.
pub(crate) fn control_char(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| (c.is_control() && c != '\t') || c == '\u{7f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 16.2): `+` in a query is a space, as servers read it; in the
    /// path it stays a `+`.
    #[test]
    fn plus_is_a_space_in_the_query_only() {
        let url = "https://h/b/a+b?AWSAccessKeyId=AK&Signature=x&Expires=1&v=a+b%2Bc&a+b=1";
        let p = crate::inspect::parse(url, None).unwrap();
        assert_eq!(p.key, "a+b");
        let params: Vec<_> = p
            .params
            .iter()
            .map(|q| (&*q.name, q.value.as_deref()))
            .collect();
        assert_eq!(params, [("v", Some("a b+c")), ("a b", Some("1"))]);
        assert_eq!(decode("a+b%2Bc", true).unwrap(), "a b+c");
        assert_eq!(decode("a+b%2Bc", false).unwrap(), "a+b+c");
        assert_eq!(decode("%ZZ", true), Err(Undecodable::Malformed));
        assert_eq!(decode("%4", true), Err(Undecodable::Malformed));
        assert_eq!(decode("%FF", true), Err(Undecodable::NotUtf8));
        assert_eq!(decode("%C3%A9", true).unwrap(), "\u{e9}");
    }
}
