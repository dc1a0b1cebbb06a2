//! The one note a run prints on stderr when its URLs only work if the client sends
//! something more: the headers the signature covers, or (to complete a multipart upload)
//! a body without a Content-Type. It shows the curl line, quoted for POSIX shells.

use crate::cli::kind::Kind;
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

/// curl's `-H` argument that sends header `name` with `value`, quoted: `'name: value'`,
/// or `'name;'` for an empty value (curl drops a header given as `name:` or `name: `, and
/// sends `name;` as the header with nothing after its colon).
pub fn curl_header(name: &str, value: &str) -> String {
    if value.trim_matches([' ', '\t']).is_empty() {
        shell_quote(&format!("{name};"))
    } else {
        shell_quote(&format!("{name}: {value}"))
    }
}

/// What a curl line adds for a request with an empty body ([`Kind::has_empty_body`]):
/// curl sends no `Content-Length` for `-X PUT` alone. A header, not `--data-binary ''`,
/// which would add a Content-Type that a SigV2 URL did not sign.
pub const NO_BODY: &str = " -H 'Content-Length: 0'";

/// The signed headers a client must be told to send: all but `Content-Length`, which a
/// client computes from the body. `curl -H 'content-length: N'` with a file of another
/// size sends exactly N bytes (a longer file is cut, a shorter one hangs), which would undo
/// what signing the length is for: a body of one byte more or less is refused.
pub fn headers_to_send(headers: &SignedHeaders) -> impl Iterator<Item = (&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str(), value))
        .filter(|(name, _)| *name != "content-length")
}

/// The signed `Content-Length`, the exact size the body must have.
pub fn signed_length(headers: &SignedHeaders) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.as_str() == "content-length")
        .map(|(_, value)| value)
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
    let mut line = format!("curl --fail --globoff --path-as-is {verb}");
    if kind.has_empty_body() {
        line.push_str(NO_BODY);
    }
    for (name, value) in headers_to_send(headers) {
        line.push_str(" -H ");
        if presign::request::SECRET_HEADERS.contains(&name) {
            // A note is not where a secret belongs: the holder puts the key in.
            let variable = if name.starts_with("x-amz-copy-source") {
                "COPY_SOURCE_SSE_C_KEY"
            } else {
                "SSE_C_KEY"
            };
            line.push_str(&format!("\"{name}: ${variable}\""));
        } else {
            line.push_str(&curl_header(name, value));
        }
    }
    line.push_str(" \"$URL\"");
    let what = if headers.is_empty() {
        "POST the list of parts as XML (--etag N=ETAG or --parts-file FILE, with --body, prints it), with no Content-Type"
    } else {
        "the signature covers headers: send them exactly as signed"
    };
    let length = |n| {
        format!(
            "the body must be exactly {n} bytes (curl sends the file's length; one byte more or less is refused)"
        )
    };
    match signed_length(headers) {
        // The length is the only signed header: there is no header to send.
        Some(n) if headers.iter().count() == 1 => Some(format!(
            "presign: note: the signature covers the body's length: {}: {line}",
            length(n)
        )),
        Some(n) => Some(format!("presign: note: {what}; {}: {line}", length(n))),
        None => Some(format!("presign: note: {what}: {line}")),
    }
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
            "presign: note: the signature covers headers: send them exactly as signed: curl --fail --globoff --path-as-is --upload-file FILE -H 'content-md5: 1B2M2Y8AsgTpgAmY7PhCfg==' -H 'x-amz-meta-who: O'\\''Brien' \"$URL\""
        );
        // Regression (review of issue 17, finding 1): `-H 'content-length: N'` makes curl
        // send N bytes of any file, so a wrong-sized file got through, cut, or hung.
        let mut h = SignedHeaders::new();
        h.insert_str("content-length", "10").unwrap();
        assert_eq!(
            note(Kind::Put, &h).unwrap(),
            "presign: note: the signature covers the body's length: the body must be exactly 10 bytes (curl sends the file's length; one byte more or less is refused): curl --fail --globoff --path-as-is --upload-file FILE \"$URL\""
        );
        h.insert_str("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")
            .unwrap();
        assert_eq!(
            note(Kind::Part, &h).unwrap(),
            "presign: note: the signature covers headers: send them exactly as signed; the body must be exactly 10 bytes (curl sends the file's length; one byte more or less is refused): curl --fail --globoff --path-as-is --upload-file FILE -H 'content-md5: 1B2M2Y8AsgTpgAmY7PhCfg==' \"$URL\""
        );
        assert!(
            note(Kind::Complete, &SignedHeaders::new())
                .unwrap()
                .contains("-H 'Content-Type:'")
        );
    }

    /// Regression: the part copy's note had `curl -X PUT` with no body and no length,
    /// which Ceph's radosgw answers 411 Length Required. Every request without a body
    /// sends `Content-Length: 0`; the others send their body's length, or none.
    #[test]
    fn notes_for_requests_without_a_body_send_a_length_of_zero() {
        let mut h = SignedHeaders::new();
        h.insert_str("x-amz-copy-source", "b/k").unwrap();
        for (kind, verb) in [
            (Kind::Copy, "-X PUT"),
            (Kind::PartCopy, "-X PUT"),
            (Kind::Create, "-X POST"),
        ] {
            assert_eq!(
                note(kind, &h).unwrap(),
                format!(
                    "presign: note: the signature covers headers: send them exactly as signed: curl --fail --globoff --path-as-is {verb} -H 'Content-Length: 0' -H 'x-amz-copy-source: b/k' \"$URL\""
                )
            );
        }
        for kind in [
            Kind::Get,
            Kind::Head,
            Kind::Put,
            Kind::Part,
            Kind::Delete,
            Kind::Abort,
            Kind::List,
            Kind::Complete,
        ] {
            assert!(
                !note(kind, &h).unwrap().contains("Content-Length"),
                "{kind:?}"
            );
        }
    }
}
