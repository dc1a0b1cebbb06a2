//! The body of `multipart complete`: the `CompleteMultipartUpload` XML that lists each
//! part's number and ETag, from `--etag N=ETAG` flags or a `--parts-file` of `N ETAG`
//! lines (what a client collects from the answers to its part uploads).
//!
//! S3 refuses a list out of ascending order (InvalidPartOrder), a part twice, a number
//! outside 1 to 10000 and an ETag it did not give: presign refuses them first, with the
//! flag or the file and line, so the mistake is found before the upload is spent.

use crate::cli::failure::Failure;
use presign::quote::{Quoted, ShownPath};
use std::io::Read;
use std::path::Path;

/// The largest parts file read: 10,000 lines of a part number and an ETag fit many times.
const MAX_PARTS_FILE: u64 = 4 << 20;

/// The XML body for the parts given by `--etag` flags or a parts file (`-`: stdin).
pub fn from_flags(etags: &[String], parts_file: Option<&Path>) -> Result<String, Failure> {
    let mut parts = Parts::default();
    for flag in etags {
        let (number, etag) = flag.split_once('=').ok_or_else(|| {
            Failure::flag(
                "--etag",
                format!(
                    "{} has no '='; write it as N=ETAG, e.g. 1=\"3858f62230ac3c915f300c664312c63f\"",
                    Quoted(flag)
                ),
            )
        })?;
        parts
            .push(number, etag)
            .map_err(|e| Failure::flag("--etag", format!("{}: {e}", Quoted(flag))))?;
    }
    if let Some(path) = parts_file {
        let text = read_bounded(path)?;
        let name = shown(path);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let at = |e: &dyn std::fmt::Display| {
                Failure::flag("--parts-file", format!("{name}: line {}: {e}", i + 1))
            };
            let (number, etag) = line.split_once([' ', '\t']).ok_or_else(|| {
                at(&format_args!(
                    "{} is not 'N ETAG' (a part number, a space, its ETag)",
                    presign::quote::Quoted(line)
                ))
            })?;
            parts.push(number, etag.trim()).map_err(|e| at(&e))?;
        }
        if parts.count == 0 {
            return Err(Failure::flag(
                "--parts-file",
                format!("{name}: no parts in it; write one 'N ETAG' line per part"),
            ));
        }
    }
    parts.xml.push_str("</CompleteMultipartUpload>");
    Ok(parts.xml)
}

/// The parts so far, as XML, and the last part number (they must ascend).
#[derive(Default)]
struct Parts {
    xml: String,
    last: u16,
    count: usize,
}

impl Parts {
    fn push(&mut self, number: &str, etag: &str) -> Result<(), String> {
        let n: u16 = match number.parse::<u32>() {
            Ok(n @ 1..=10000) => n as u16,
            _ if number.bytes().all(|b| b.is_ascii_digit()) && !number.is_empty() => {
                return Err(format!("part number {number} is outside 1 to 10000"));
            }
            _ => {
                return Err(format!(
                    "part number {} is not a whole number from 1 to 10000",
                    presign::quote::Quoted(number)
                ));
            }
        };
        if n == self.last {
            return Err(format!("part {n} is given twice; give each part once"));
        }
        if n < self.last {
            return Err(format!(
                "part {n} comes after part {}; list the parts in ascending order, as S3 requires",
                self.last
            ));
        }
        let tag = etag
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(etag);
        // RFC 9110's entity-tag characters: visible ASCII but the double quote.
        if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_graphic() && b != b'"') {
            return Err(format!(
                "invalid ETag {}: give the ETag the part's upload answered, e.g. \"3858f62230ac3c915f300c664312c63f\"",
                Quoted(etag)
            ));
        }
        if self.xml.is_empty() {
            self.xml.push_str("<CompleteMultipartUpload>");
        }
        self.xml.push_str(&format!(
            "<Part><PartNumber>{n}</PartNumber><ETag>\"{}\"</ETag></Part>",
            xml_escape(tag)
        ));
        self.last = n;
        self.count += 1;
        Ok(())
    }
}

/// `&`, `<` and `>` are entity-tag characters and XML's own.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The file's name in messages (`-` is stdin), on one line.
fn shown(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_owned()
    } else {
        ShownPath(path).to_string()
    }
}

/// The parts file as text, refused past a size no list of parts reaches (`/dev/zero`).
fn read_bounded(path: &Path) -> Result<String, Failure> {
    let fail =
        |e: &dyn std::fmt::Display| Failure::flag("--parts-file", format!("{}: {e}", shown(path)));
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_PARTS_FILE + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_PARTS_FILE + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| fail(&format_args!("cannot read it: {e}")))?;
    if bytes.len() as u64 > MAX_PARTS_FILE {
        return Err(fail(&format_args!(
            "larger than {} MiB, more than any list of 10000 parts",
            MAX_PARTS_FILE >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|_| fail(&"not valid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn etags(flags: &[&str]) -> Result<String, String> {
        let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        from_flags(&flags, None).map_err(|f| format!("{:#}", f.error))
    }

    #[test]
    fn bodies() {
        assert_eq!(
            etags(&["1=\"a1\"", "2=b2", "10000=c&<>"]).unwrap(),
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"a1\"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\"b2\"</ETag></Part><Part><PartNumber>10000</PartNumber><ETag>\"c&amp;&lt;&gt;\"</ETag></Part></CompleteMultipartUpload>"
        );
    }

    #[test]
    fn bad_parts() {
        for (flags, says) in [
            (&["1=a", "1=b"][..], "part 1 is given twice"),
            (&["2=a", "1=b"], "part 1 comes after part 2"),
            (&["0=a"], "part number 0 is outside 1 to 10000"),
            (&["10001=a"], "part number 10001 is outside 1 to 10000"),
            (&["99999999999=a"], "outside 1 to 10000"),
            (&["x=a"], "\"x\" is not a whole number"),
            (&["-1=a"], "is not a whole number"),
            (&["1="], "invalid ETag \"\""),
            (&["1=\"\""], "invalid ETag"),
            (&["1=a b"], "invalid ETag \"a b\""),
            (&["1=a\"b"], "invalid ETag"),
            (&["1"], "has no '='"),
        ] {
            let e = etags(flags).unwrap_err();
            assert!(
                e.starts_with("--etag: ") && e.contains(says),
                "{flags:?}: {e}"
            );
            assert_eq!(e.lines().count(), 1, "{e}");
        }
    }
}
