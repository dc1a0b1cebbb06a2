//! The one note a run prints on stderr when its URLs only work if the client sends
//! something more: the headers the signature covers, or (to complete a multipart upload)
//! a body without a Content-Type. It shows the curl line, quoted for POSIX shells.

use crate::cli::operation::Kind;
use presign::SignedHeaders;

/// `text` as one POSIX shell word: single-quoted, with `'` written as `'\''`.
pub fn shell_quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        if c == '\'' {
            quoted.push_str("'\\''");
        } else {
            quoted.push(c);
        }
    }
    quoted.push('\'');
    quoted
}

/// The note for a run, if its URLs need more than the URL itself.
pub fn note(kind: Kind, headers: &SignedHeaders) -> Option<String> {
    if headers.is_empty() && kind != Kind::Complete {
        return None;
    }
    let verb = match kind {
        Kind::Get => "-o FILE",
        Kind::List => "-o listing.xml",
        Kind::Copy | Kind::PartCopy => "-X PUT",
        Kind::Head => "--head",
        Kind::Put | Kind::Part => "--upload-file FILE",
        Kind::Delete | Kind::Abort => "-X DELETE",
        Kind::Create => "-X POST",
        // curl would send Content-Type: application/x-www-form-urlencoded, which a SigV2
        // URL did not sign: the empty -H removes it.
        Kind::Complete => "-X POST -H 'Content-Type:' --data-binary @parts.xml",
    };
    let mut line = format!("curl --fail --globoff {verb}");
    for (name, value) in headers.iter() {
        line.push_str(" -H ");
        if presign::SECRET_HEADERS.contains(&name.as_str()) {
            // A note is not where a secret belongs: the holder puts the key in.
            let variable = if name.as_str().starts_with("x-amz-copy-source") {
                "COPY_SOURCE_SSE_C_KEY"
            } else {
                "SSE_C_KEY"
            };
            line.push_str(&format!("\"{name}: ${variable}\""));
        } else {
            line.push_str(&shell_quote(&format!("{name}: {value}")));
        }
    }
    line.push_str(" \"$URL\"");
    let what = if headers.is_empty() {
        "POST the list of parts as XML (--etag N=ETAG or --parts-file FILE, with --body, prints it), with no Content-Type"
    } else {
        "the signature covers headers: send them exactly as signed"
    };
    Some(format!("presign: note: {what}: {line}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_the_shell() {
        for text in ["plain", "it's", "a b $HOME `x` \"q\" !", "new\nline", ""] {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("printf %s {}", shell_quote(text)))
                .output()
                .unwrap();
            assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
        }
    }

    #[test]
    fn notes() {
        assert_eq!(note(Kind::Get, &SignedHeaders::new()), None);
        let mut h = SignedHeaders::new();
        h.insert_str("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")
            .unwrap();
        h.insert_str("x-amz-meta-who", "O'Brien").unwrap();
        assert_eq!(
            note(Kind::Put, &h).unwrap(),
            "presign: note: the signature covers headers: send them exactly as signed: curl --fail --globoff --upload-file FILE -H 'content-md5: 1B2M2Y8AsgTpgAmY7PhCfg==' -H 'x-amz-meta-who: O'\\''Brien' \"$URL\""
        );
        assert!(
            note(Kind::Complete, &SignedHeaders::new())
                .unwrap()
                .contains("-H 'Content-Type:'")
        );
    }
}
