//! JSON strings written as Python's `json.dumps` writes them: the policy document is
//! signed as text, so the form's bytes must be botocore's. A leaf of the `post` family, so
//! that the policy can use it without importing its parent.

use std::fmt::Write;

/// Appends `text` as a JSON string exactly as Python's `json.dumps` writes it by default
/// (`ensure_ascii=True`): `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`; every other character
/// outside printable ASCII (DEL included) as `\u00xx`, lowercase hex, and characters beyond
/// the BMP as a surrogate pair. The policy is signed as text, so one byte of difference
/// would change the signature.
pub fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}
