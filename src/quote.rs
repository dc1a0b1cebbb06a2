//! How a value the user gave is shown in a message: on one line, and never when it looks
//! like a secret key.
//!
//! Messages land in terminals and CI logs. A value with a line break would forge a second
//! line, one with an escape sequence would drive the terminal, and a secret key pasted in
//! the wrong place (`AWS_REGION=$AWS_SECRET_ACCESS_KEY` in a CI mix-up) would be printed
//! into a log that many people read. So every value an error or a warning quotes goes
//! through [`Quoted`] (or [`ShownPath`] for file names), and the binary passes each whole
//! message through [`one_line`] as a last guard.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// AWS secret keys are 40 characters, Storj's 53, R2's 64; access key ids are 16 to 32
/// (AWS 20, Storj 28, R2 32).
pub(crate) const SECRET_KEY_MIN_LEN: usize = 40;

fn is_base64(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '=')
}

/// The shape of a secret key: 40 or more characters of base64.
pub(crate) fn looks_like_secret_key(s: &str) -> bool {
    s.len() >= SECRET_KEY_MIN_LEN && s.chars().all(is_base64)
}

/// Whether `s` holds something shaped like a secret key: a run of at least 40 base64
/// characters with a letter and a digit in it (AWS's, Storj's and R2's secrets all have
/// both; a long path such as `/home/me/projects/presign/configs/production` has none).
/// A run, not the whole value, so `"wJalr...KEY\n"`, `https://wJalr...KEY/` and
/// `secret=wJalr...KEY` are caught too.
pub fn holds_secret_shape(s: &str) -> bool {
    s.split(|c: char| !is_base64(c)).any(|run| {
        run.len() >= SECRET_KEY_MIN_LEN
            && run.bytes().any(|b| b.is_ascii_digit())
            && run.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// `text` with every run shaped like a secret key (see [`holds_secret_shape`]) replaced
/// by a note saying so; borrowed when there is none. For messages made elsewhere that
/// quote the user (clap's: `invalid value '...' for '--output'`).
pub fn hide_secrets(text: &str) -> Cow<'_, str> {
    if !holds_secret_shape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if holds_secret_shape(run) {
            out.push_str(&format!(
                "({} characters that look like a secret key, not shown)",
                run.len()
            ));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if is_base64(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    Cow::Owned(out)
}

/// A user's value quoted for a message: `"..."` with control characters escaped (Rust's
/// `Debug` quoting, so the message stays one line), or, when it holds something shaped
/// like a secret key, a note saying so instead of the value.
///
/// ```
/// assert_eq!(presign::quote::Quoted("us/east").to_string(), r#""us/east""#);
/// assert_eq!(presign::quote::Quoted("a\nb").to_string(), r#""a\nb""#);
/// let hidden = presign::quote::Quoted("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").to_string();
/// assert_eq!(hidden, "(40 characters that look like a secret key, not shown)");
/// ```
#[derive(Clone, Copy)]
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if holds_secret_shape(self.0) {
            hidden(f, self.0.chars().count())
        } else {
            write!(f, "{:?}", self.0)
        }
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn hidden(f: &mut fmt::Formatter<'_>, length: usize) -> fmt::Result {
    write!(
        f,
        "({length} characters that look like a secret key, not shown)"
    )
}

/// A file name for a message, as the system shows it but on one line (control characters
/// escaped), and not shown when it holds something shaped like a secret key
/// (`--secret-key-file "$SECRET"` is an easy slip).
#[derive(Clone, Copy)]
pub struct ShownPath<'a>(pub &'a Path);

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.to_string_lossy();
        if holds_secret_shape(&text) {
            hidden(f, text.chars().count())
        } else {
            f.write_str(&one_line(&text))
        }
    }
}

/// Characters that would break a message's one line or steer the terminal: controls (line
/// breaks, escape sequences), Unicode line and paragraph separators, and the bidirectional
/// overrides that reorder what is shown.
fn breaks_the_line(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that would break its line (see above) written as a Rust
/// escape (`\n`, `\u{1b}`); borrowed when there is none.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(breaks_the_line) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if breaks_the_line(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const STORJ_SECRET: &str = "jzqk7wqhm5njvhb4xvr4ozd4qjsn3rjg2e4pqqfhu7ufqvenfqrdk";
    const R2_SECRET: &str = "3f8e0c1d2b4a59687f6e5d4c3b2a19080f1e2d3c4b5a69788796a5b4c3d2e1f0";

    #[test]
    fn secret_shaped_values_are_hidden_wherever_they_sit() {
        for value in [
            AWS_SECRET.to_owned(),
            STORJ_SECRET.to_owned(),
            R2_SECRET.to_owned(),
            format!("{AWS_SECRET}\n"),
            format!(" {AWS_SECRET} "),
            format!("https://{AWS_SECRET}.example.com"),
            format!("secret={AWS_SECRET}"),
            format!("/home/me/{STORJ_SECRET}"),
        ] {
            let shown = Quoted(&value).to_string();
            assert!(
                shown.contains("look like a secret key, not shown"),
                "{shown}"
            );
            assert!(
                !shown.contains("EXAMPLEKEY") && !shown.contains("jzqk"),
                "{shown}"
            );
            let path = ShownPath(Path::new(&value)).to_string();
            assert!(path.contains("not shown"), "{path}");
        }
    }

    #[test]
    fn ordinary_values_are_quoted_as_they_are() {
        for (value, shown) in [
            ("us/east", r#""us/east""#),
            ("AKIAIOSFODNN7EXAMPLE", r#""AKIAIOSFODNN7EXAMPLE""#),
            ("a\nb\u{1b}[31m", r#""a\nb\u{1b}[31m""#),
            // 40 characters, but no digit: a word, a path, not a secret.
            (
                "/home/someone/projects/presign/configs/production",
                r#""/home/someone/projects/presign/configs/production""#,
            ),
            // 39 characters of a secret's shape.
            (
                &AWS_SECRET[1..],
                r#""JalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY""#,
            ),
        ] {
            assert_eq!(Quoted(value).to_string(), shown);
        }
    }

    #[test]
    fn paths_stay_on_one_line() {
        let path = ShownPath(Path::new("dir\nwith\r\u{1b}[2Jodd\u{202e}name.toml")).to_string();
        assert_eq!(path, r"dir\nwith\r\u{1b}[2Jodd\u{202e}name.toml");
        assert_eq!(
            ShownPath(Path::new("tests/data/x.toml")).to_string(),
            "tests/data/x.toml"
        );
    }

    #[test]
    fn hide_secrets_replaces_only_the_secret_shaped_runs() {
        let text = format!("invalid value '{AWS_SECRET}' for '--output <FORMAT>'");
        assert_eq!(
            hide_secrets(&text),
            "invalid value '(40 characters that look like a secret key, not shown)' for '--output <FORMAT>'"
        );
        assert!(matches!(
            hide_secrets("invalid value 'yaml'"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn one_line_escapes_only_what_breaks_a_line() {
        assert!(matches!(one_line("plain \"text\" é"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\nb\u{2028}c\u{7f}"), r"a\nb\u{2028}c\u{7f}");
    }
}
