//! How each signed URL is written: the URL alone, a JSON object, or a curl command.
//!
//! Everything that is the same for every URL of a run (the method, the headers as JSON or
//! as `-H` arguments, the expiry) is rendered once; per URL only the URL, the bucket and
//! key, and the file name are written, into a reused buffer.

use crate::cli::note::shell_quote;
use crate::cli::operation::Kind;
use clap::ValueEnum;
use presign::{PartNumber, SignedHeaders, Target};
use std::path::Path;

/// `-o, --output`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One URL per line.
    #[default]
    Url,
    /// One JSON object per line (JSON Lines): method, url, headers, bucket, key,
    /// expires_at (and part_number).
    Json,
    /// One curl command per line, quoted for POSIX sh, bash and zsh.
    Curl,
}

/// Renders lines in one format for one run.
pub struct Renderer {
    format: Format,
    kind: Kind,
    /// JSON: `{"method":"PUT","url":"`; curl: `curl --fail --path-as-is ... `.
    head: String,
    /// JSON: `,"headers":{...},"expires_at":"..."`.
    tail: String,
    /// `--file`, for the curl line.
    file: Option<String>,
}

impl Renderer {
    pub fn new(
        format: Format,
        kind: Kind,
        headers: &SignedHeaders,
        expires_at: &str,
        file: Option<&Path>,
    ) -> Self {
        let method = kind.method();
        let method = method.as_str();
        let (head, tail) = match format {
            Format::Url => (String::new(), String::new()),
            Format::Json => {
                let mut tail = String::from(",\"headers\":{");
                for (i, (name, value)) in headers.iter().enumerate() {
                    if i > 0 {
                        tail.push(',');
                    }
                    json_string(&mut tail, name.as_str());
                    tail.push(':');
                    json_string(&mut tail, value);
                }
                tail.push_str("},\"expires_at\":");
                json_string(&mut tail, expires_at);
                (format!("{{\"method\":\"{method}\",\"url\":\""), tail)
            }
            Format::Curl => {
                let mut head = String::from("curl --fail --path-as-is");
                match kind {
                    Kind::Get | Kind::Put | Kind::Part => {}
                    Kind::Head => head.push_str(" --head"),
                    Kind::Delete | Kind::Abort | Kind::Create => {
                        head.push_str(" -X ");
                        head.push_str(method);
                    }
                    // curl would add a Content-Type a SigV2 URL did not sign.
                    Kind::Complete => head.push_str(" -X POST -H 'Content-Type:'"),
                }
                for (name, value) in headers.iter() {
                    head.push_str(" -H ");
                    head.push_str(&shell_quote(&format!("{name}: {value}")));
                }
                (head, String::new())
            }
        };
        Renderer {
            format,
            kind,
            head,
            tail,
            file: file.map(|p| p.to_string_lossy().into_owned()),
        }
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
                }
                line.push('}');
            }
            Format::Curl => {
                line.push_str(&self.head);
                let file = || {
                    let base = self.file.clone().unwrap_or_else(|| file_name(target.key()));
                    match part {
                        Some(n) => format!("{base}.part{n}"),
                        None => base,
                    }
                };
                match self.kind {
                    Kind::Get => {
                        line.push_str(" --output ");
                        line.push_str(&shell_quote(&file()));
                    }
                    Kind::Put | Kind::Part => {
                        line.push_str(" --upload-file ");
                        line.push_str(&shell_quote(&file()));
                    }
                    Kind::Complete => {
                        line.push_str(" --data-binary ");
                        line.push_str(&shell_quote(&format!(
                            "@{}",
                            self.file.as_deref().unwrap_or("parts.xml")
                        )));
                    }
                    Kind::Head | Kind::Delete | Kind::Create | Kind::Abort => {}
                }
                line.push(' ');
                line.push_str(&shell_quote(url));
            }
        }
        line.push('\n');
    }
}

/// The local file for a key: its last path segment, or `download` when that is empty
/// or a dot segment (`dir/`, `a/..`), which no file can be named.
fn file_name(key: &str) -> String {
    match key.rsplit('/').next() {
        Some(name) if !matches!(name, "" | "." | "..") => name.to_owned(),
        _ => "download".to_owned(),
    }
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
        assert_eq!(file_name("dir/report.pdf"), "report.pdf");
        assert_eq!(file_name("report.pdf"), "report.pdf");
        for k in ["dir/", "a/..", ".", "/"] {
            assert_eq!(file_name(k), "download", "{k}");
        }
    }
}
