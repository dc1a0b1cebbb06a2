//! The AWS shared files, `~/.aws/credentials` and `~/.aws/config`, parsed from text.
//!
//! They are INI files as botocore reads them: `[section]` headers, `key = value` (or
//! `key: value`) lines, full-line comments with `#` or `;`, no inline comments. An
//! indented line under a key with an empty value is a nested setting (`s3 =` then
//! `  addressing_style = virtual`); it is stored as `s3.addressing_style`.

use crate::error::Error;
use zeroize::Zeroizing;

/// `key = value` pairs of one section, in file order.
type Entries = Vec<(String, Zeroizing<String>)>;

/// A parsed INI file. Values are wiped from memory on drop: they include secret keys.
#[derive(Default)]
pub struct IniFile {
    sections: Vec<(String, Entries)>,
}

impl IniFile {
    /// Parses the file's text; `path` is only used in error messages.
    pub fn parse(path: &str, text: &str) -> Result<Self, Error> {
        let mut file = IniFile::default();
        let mut parent: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let fail = |message: &str| Error::ProfileSyntax {
                path: path.to_owned(),
                line: index + 1,
                column: 1,
                message: message.to_owned(),
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[') {
                let name = header
                    .strip_suffix(']')
                    .ok_or_else(|| fail("a section header must end with ']'"))?;
                file.sections.push((name.trim().to_owned(), Vec::new()));
                parent = None;
                continue;
            }
            let Some((_, entries)) = file.sections.last_mut() else {
                return Err(fail("a setting before the first [section] header"));
            };
            let split = line
                .find(['=', ':'])
                .ok_or_else(|| fail("expected 'key = value'"))?;
            let key = line[..split].trim();
            let value = line[split + 1..].trim();
            if key.is_empty() {
                return Err(fail("expected 'key = value', found no key"));
            }
            let nested = raw.starts_with([' ', '\t']);
            let full_key = match (&parent, nested) {
                (Some(p), true) => format!("{p}.{key}"),
                _ => {
                    parent = value.is_empty().then(|| key.to_owned());
                    key.to_owned()
                }
            };
            entries.push((full_key, Zeroizing::new(value.to_owned())));
        }
        Ok(file)
    }

    /// A value from a section; the last one wins if a key repeats.
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.sections
            .iter()
            .filter(|(name, _)| name == section)
            .flat_map(|(_, entries)| entries.iter())
            .rfind(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the file has this section.
    pub fn has_section(&self, section: &str) -> bool {
        self.sections.iter().any(|(name, _)| name == section)
    }
}

impl std::fmt::Debug for IniFile {
    /// Section names only: values may be secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.sections.iter().map(|(name, _)| name))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_and_nested_settings() {
        let f = IniFile::parse(
            "config",
            "# comment\n[default]\nregion = eu-west-1\n[profile storj]\nendpoint_url: https://x\ns3 =\n  addressing_style = virtual\nregion=us-1 # not a comment\n",
        )
        .unwrap();
        assert_eq!(f.get("default", "region"), Some("eu-west-1"));
        assert_eq!(f.get("profile storj", "endpoint_url"), Some("https://x"));
        assert_eq!(
            f.get("profile storj", "s3.addressing_style"),
            Some("virtual")
        );
        assert_eq!(
            f.get("profile storj", "region"),
            Some("us-1 # not a comment")
        );
        assert!(f.has_section("profile storj"));
        assert!(!f.has_section("storj"));
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let e = IniFile::parse("creds", "[a]\nx = 1\njunk\n").unwrap_err();
        assert_eq!(e.to_string(), "creds:3:1: expected 'key = value'");
        assert!(IniFile::parse("creds", "x = 1\n").is_err());
        assert!(IniFile::parse("creds", "[a\n").is_err());
    }
}
