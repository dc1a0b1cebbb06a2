//! `Content-Disposition: attachment` with a file name, for "save as" downloads.
//!
//! RFC 6266: a plain ASCII name goes in a quoted `filename="..."`; any other name goes in
//! `filename*=UTF-8''...` (RFC 5987 percent-encoding), after an ASCII `filename` fallback
//! for clients that do not read the extended form.

use crate::encode::{Slash, encode_into};
use crate::error::Error;

/// The `Content-Disposition` value that makes a browser save the download as `name`.
///
/// ```
/// assert_eq!(
///     presign::request::attachment("Q3 report.pdf").unwrap(),
///     "attachment; filename=\"Q3 report.pdf\""
/// );
/// assert_eq!(
///     presign::request::attachment("Bericht Q3 – März.pdf").unwrap(),
///     "attachment; filename=\"Bericht Q3 _ M_rz.pdf\"; filename*=UTF-8''Bericht%20Q3%20%E2%80%93%20M%C3%A4rz.pdf"
/// );
/// ```
pub fn attachment(name: &str) -> Result<String, Error> {
    let reason = if name.is_empty() {
        Some("it is empty")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else {
        None
    };
    if let Some(reason) = reason {
        return Err(Error::InvalidFileName {
            value: name.to_owned(),
            reason,
        });
    }
    let mut value = String::with_capacity(name.len() * 2 + 40);
    value.push_str("attachment; filename=\"");
    for c in name.chars() {
        match c {
            '"' | '\\' => {
                value.push('\\');
                value.push(c);
            }
            ' '..='~' => value.push(c),
            _ => value.push('_'),
        }
    }
    value.push('"');
    if !name.is_ascii() {
        value.push_str("; filename*=UTF-8''");
        encode_into(&mut value, name, Slash::Encode);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(
            attachment(r#"a "b" \c.txt"#).unwrap(),
            r#"attachment; filename="a \"b\" \\c.txt""#
        );
    }

    #[test]
    fn unicode_gets_the_extended_form() {
        assert_eq!(
            attachment("日本.txt").unwrap(),
            "attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt"
        );
    }

    #[test]
    fn refused() {
        assert!(attachment("").is_err());
        assert!(attachment("a\nb").is_err());
        assert!(attachment("a\u{7f}").is_err());
    }
}
