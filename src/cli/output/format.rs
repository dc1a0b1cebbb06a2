//! How each signed URL is written: the URL alone, a JSON object, or a curl command.
//!
//! Everything that is the same for every URL of a run (the method, the headers as JSON or
//! as `-H` arguments, the expiry) is rendered once; per URL only the URL, the bucket and
//! key, and the file name are written, into a reused buffer.

use crate::cli::args::Format;
use crate::cli::kind::Kind;
use crate::cli::output::note::{NO_BODY, curl_header, headers_to_send, shell_quote, signed_length};
use crate::cli::parts::FileParts;
use presign::{PartNumber, SignedHeaders, Target};
use std::path::Path;

/// Renders lines in one format for one run.
pub struct Renderer {
    format: Format,
    kind: Kind,
    /// JSON: `{"method":"PUT","url":"`; curl: `curl --fail --globoff --path-as-is ... `.
    head: String,
    /// JSON: `,"headers":{...},"expires_at":"..."`.
    tail: String,
    /// `--file`, for the curl line.
    file: Option<String>,
    /// `multipart complete`: the line pipes the body in (`--etag`, `--parts-file`).
    body: bool,
    /// `multipart part --file`: the parts the file makes, whose bytes each line sends.
    split: Option<FileParts>,
}

impl Renderer {
    pub fn new(
        format: Format,
        kind: Kind,
        headers: &SignedHeaders,
        expires_at: &str,
        file: Option<&Path>,
        body: Option<&str>,
        split: Option<FileParts>,
    ) -> Self {
        let method = kind.method();
        let method = method.as_str();
        let (head, tail) = match format {
            Format::Url => (String::new(), String::new()),
            Format::Json => {
                let mut tail = String::from(",\"headers\":{");
                for (i, (name, value)) in headers_to_send(headers).enumerate() {
                    if i > 0 {
                        tail.push(',');
                    }
                    json_string(&mut tail, name);
                    tail.push(':');
                    json_string(&mut tail, value);
                }
                tail.push('}');
                // Not a header to set (a client that sets it sends that many bytes of any
                // body): the size the body must have.
                if let Some(n) = signed_length(headers) {
                    tail.push_str(",\"content_length\":");
                    tail.push_str(n);
                }
                tail.push_str(",\"expires_at\":");
                json_string(&mut tail, expires_at);
                if kind == Kind::Complete {
                    if let Some(body) = body {
                        tail.push_str(",\"body\":");
                        json_string(&mut tail, body);
                    }
                    // A SigV2 URL did not sign a Content-Type, and clients add one to a
                    // POST body: the client must send none.
                    tail.push_str(",\"omit_headers\":[\"content-type\"]");
                }
                (format!("{{\"method\":\"{method}\",\"url\":\""), tail)
            }
            Format::Curl => {
                // --globoff: curl would expand `[1-2]` and `{a,b}` in the file name (and
                // the URL) and send other files than the one meant (issue 16).
                let mut head = String::new();
                if let Some(body) = body {
                    // printf is built into the shells: no limit on the length of its
                    // argument, which 10,000 parts would pass for curl's.
                    head.push_str("printf '%s' ");
                    head.push_str(&shell_quote(body));
                    head.push_str(" | ");
                }
                head.push_str("curl --fail --globoff --path-as-is");
                match kind {
                    Kind::Get | Kind::Put | Kind::Part | Kind::List => {}
                    Kind::Head => head.push_str(" --head"),
                    Kind::Delete | Kind::Abort | Kind::Create | Kind::Copy | Kind::PartCopy => {
                        head.push_str(" -X ");
                        head.push_str(method);
                    }
                    // curl would add a Content-Type a SigV2 URL did not sign.
                    Kind::Complete => head.push_str(" -X POST -H 'Content-Type:'"),
                }
                if kind.has_empty_body() {
                    head.push_str(NO_BODY);
                }
                // No `-H content-length`: curl sends the file's own length, which the
                // signature then checks.
                for (name, value) in headers_to_send(headers) {
                    head.push_str(" -H ");
                    head.push_str(&curl_header(name, value));
                }
                (head, String::new())
            }
        };
        Renderer {
            format,
            kind,
            head,
            tail,
            // `Plan` refused a path that is not UTF-8, which a line cannot carry.
            file: file.and_then(Path::to_str).map(str::to_owned),
            body: body.is_some(),
            split,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Appends the line for `url` (and its newline) to `line`.
    pub fn render(
        &self,
        line: &mut String,
        url: &str,
        target: &Target<'_>,
        part: Option<&PartNumber>,
    ) {
        match self.format {
            Format::Url => line.push_str(url),
            Format::Json => {
                line.push_str(&self.head);
                // A presigned URL is visible ASCII with no `"` or `\`: nothing to escape.
                line.push_str(url);
                line.push_str("\",\"bucket\":");
                json_string(line, target.bucket());
                line.push_str(",\"key\":");
                json_string(line, target.key());
                line.push_str(&self.tail);
                if let Some(n) = part {
                    line.push_str(",\"part_number\":");
                    line.push_str(n.as_str());
                    if let Some(split) = &self.split {
                        let (offset, length) = split.range(n.get().into());
                        line.push_str(&format!(",\"offset\":{offset},\"length\":{length}"));
                    }
                }
                line.push('}');
            }
            Format::Curl if self.split.is_some() => self.render_part(line, url, target, part),
            Format::Curl => {
                line.push_str(&self.head);
                match self.kind {
                    Kind::Get => {
                        line.push_str(" --output ");
                        line.push_str(&self.local_file(target.key(), part));
                    }
                    Kind::Put | Kind::Part => {
                        line.push_str(" --upload-file ");
                        line.push_str(&self.local_file(target.key(), part));
                        if target.key().ends_with('/') {
                            // curl appends the file's name to a URL whose path ends in
                            // '/', and the server refuses that path (403); the request
                            // target is sent exactly as given.
                            line.push_str(" --request-target ");
                            line.push_str(&shell_quote(request_target(url)));
                        }
                    }
                    Kind::Complete if self.body => line.push_str(" --data-binary @-"),
                    Kind::Complete => {
                        let file = self.file.as_deref().unwrap_or("parts.xml");
                        line.push_str(" --data-binary ");
                        line.push_str(&shell_quote(&format!("@{}", curl_path(file))));
                    }
                    // A listing is written to stdout; a copy has no body.
                    Kind::Head
                    | Kind::Delete
                    | Kind::Create
                    | Kind::Abort
                    | Kind::List
                    | Kind::Copy
                    | Kind::PartCopy => {}
                }
                line.push(' ');
                line.push_str(&shell_quote(url));
            }
        }
        line.push('\n');
    }

    /// A `multipart part --file` line: the part's bytes of the file, cut with `tail` and
    /// `head`, sent by curl with their length (servers refuse a chunked upload, which
    /// `--upload-file -` alone would be), and the answer's ETag printed as `N ETAG`, the
    /// line `complete --parts-file` reads; without an ETag, a message and exit status 1.
    fn render_part(
        &self,
        line: &mut String,
        url: &str,
        target: &Target<'_>,
        part: Option<&PartNumber>,
    ) {
        let (Some(split), Some(file), Some(n)) = (&self.split, &self.file, part) else {
            unreachable!("a split is made from --file, and every URL of it is a part");
        };
        let (offset, length) = split.range(n.get().into());
        // POSIX tail counts from 1; a name starting with '-' would be an option.
        let file = if file.starts_with('-') {
            shell_quote(&format!("./{file}"))
        } else {
            shell_quote(file)
        };
        line.push_str(&format!(
            "tail -c +{} {file} | head -c {length} | ",
            offset + 1
        ));
        line.push_str(&self.head);
        line.push_str(&format!(
            " -H 'Transfer-Encoding:' -H 'Content-Length: {length}' --upload-file -"
        ));
        if target.key().ends_with('/') {
            line.push_str(" --request-target ");
            line.push_str(&shell_quote(request_target(url)));
        }
        line.push_str(" --dump-header - --output /dev/null ");
        line.push_str(&shell_quote(url));
        line.push_str(" | awk -v part=");
        line.push_str(n.as_str());
        line.push(' ');
        line.push_str(PRINT_ETAG);
    }

    /// The file a `get` curl line downloads to, before quoting, and where its name comes
    /// from: `--file`, else the key's last segment, else `download`.
    pub fn download_name<'k>(&'k self, key: &'k str) -> (&'k str, &'static str) {
        match (&self.file, last_segment(key)) {
            (Some(file), _) => (file, "--file "),
            (None, Some(name)) => (name, "the key's last segment "),
            (None, None) => ("download", "the name for keys with no last segment "),
        }
    }

    /// The local file of a curl line, as one shell word: `--file`, else the key's last
    /// segment (`.partN` appended for a part). A key with no usable last segment (`dir/`,
    /// `a/..`) downloads to `download`, and uploads `$FILE`, which the shell asks for.
    fn local_file(&self, key: &str, part: Option<&PartNumber>) -> String {
        let suffix = part.map(|n| format!(".part{n}")).unwrap_or_default();
        let name = match &self.file {
            Some(file) => Some(file.as_str()),
            None => last_segment(key),
        };
        match name {
            Some(name) => {
                if self.file.is_none() && self.kind == Kind::Get && name.starts_with('.') {
                    warn_once_about_hidden_files(key, name);
                }
                shell_quote(&curl_path(&format!("{name}{suffix}")))
            }
            None if self.kind == Kind::Get => shell_quote(&format!("download{suffix}")),
            None => format!("\"${{FILE:?set FILE to the file to upload}}{suffix}\""),
        }
    }
}

/// The awk program that reads curl's `--dump-header -` and prints `PART ETAG`, or says
/// there was no ETag and exits 1: header names in any case, CRLF line ends, the ETag as
/// sent (with its quotes). `print | "cat 1>&2"` is POSIX awk's stderr.
const PRINT_ETAG: &str = r#"'{ sub(/\r$/, "") } tolower(substr($0, 1, 5)) == "etag:" { etag = substr($0, 6); gsub(/^[ \t]+|[ \t]+$/, "", etag) } END { if (etag == "") { print "part " part ": no ETag in the answer; run its line again" | "cat 1>&2"; exit 1 } print part, etag }'"#;

/// A key's last path segment, unless it is empty or a dot segment, which no file can be
/// named.
fn last_segment(key: &str) -> Option<&str> {
    key.rsplit('/')
        .next()
        .filter(|name| !matches!(*name, "" | "." | ".."))
}

/// `name` as curl reads a file name: `-` means stdin or stdout to curl (and `.` stdin to
/// `--upload-file`), so they become `./-` and `./.`.
fn curl_path(name: &str) -> std::borrow::Cow<'_, str> {
    if matches!(name, "-" | ".") {
        format!("./{name}").into()
    } else {
        name.into()
    }
}

/// The path and query of `url`: what curl sends on the request line.
fn request_target(url: &str) -> &str {
    let rest = url.find("://").map_or(url, |i| &url[i + 3..]);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// A download named after a key like `.profile` lands as a hidden file (and may replace
/// one in the folder it runs in): say so, once.
fn warn_once_about_hidden_files(key: &str, name: &str) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        eprintln!(
            "presign: warning: the curl line saves key {} as the hidden file {} (its last segment), replacing any file of that name; give --file to choose another name",
            presign::quote::Quoted(key),
            presign::quote::Quoted(name)
        );
    });
}

/// Appends `text` as a JSON string: quotes, backslashes and control characters escaped,
/// everything else (all of Unicode) as it is.
pub fn json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // A C1 control (U+0080 to U+009F, `C2 80` to `C2 9F`) drives some terminals
        // as ESC does: escaped too.
        if b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) {
            out.push_str(&text[start..i]);
            out.push_str(&format!("\\u{:04x}", bytes[i + 1]));
            start = i + 2;
            continue;
        }
        if i < start {
            continue; // the second byte of a C1 control, written above
        }
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f | 0x7f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_parse_back() {
        for text in [
            "plain",
            "quote \" back \\ slash",
            "nl\ncr\rtab\t",
            "\u{1}\u{7f}",
            "c1 \u{9b}31m \u{85}",
            "日本 😀",
            "",
        ] {
            let mut out = String::new();
            json_string(&mut out, text);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, text, "{out}");
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(last_segment("dir/report.pdf"), Some("report.pdf"));
        assert_eq!(last_segment("report.pdf"), Some("report.pdf"));
        for k in ["dir/", "a/..", ".", "/", "a/."] {
            assert_eq!(last_segment(k), None, "{k}");
        }
        assert_eq!(curl_path("-"), "./-");
        assert_eq!(curl_path("."), "./.");
        assert_eq!(curl_path("-x"), "-x");
        assert_eq!(
            request_target("http://localhost:9/b/dir/?X-Amz-Date=1"),
            "/b/dir/?X-Amz-Date=1"
        );
        assert_eq!(request_target("https://b.host/k/"), "/k/");
    }
}
