//! The AWS shared files, `~/.aws/credentials` and `~/.aws/config`, parsed from text
//! exactly as botocore 1.44.8 reads them.
//!
//! botocore hands the file to Python's `configparser.RawConfigParser` with its defaults
//! (`raw_config_parse` in botocore/configloader.py), and this is a port of it:
//! - a header is `[` + anything + the *last* `]` on the line, so `[default] # main` is
//!   `default`; the name is not trimmed;
//! - `key = value` or `key: value`, split at the first `=` or `:`; keys are lowercased;
//! - comments are whole lines starting with `#` or `;`; there are no inline comments;
//! - a line indented deeper than its key continues the value; a value that starts with
//!   such a line is a nested block (`s3 =` then `  addressing_style = virtual`), stored
//!   here under `s3.addressing_style`;
//! - a repeated section or key, a line that is no setting, and a setting before the
//!   first header make the whole file an error; `[DEFAULT]` holds values every section
//!   inherits; LF, CRLF and CR all end lines; a byte-order mark is not skipped.
//!
//! The credentials file is looked up by raw section name ([`IniFile::section`]); the
//! config file by profile name as `build_profile_map` maps them ([`IniFile::profile`]).

use crate::error::Error;
use zeroize::Zeroizing;

/// A value: text, or a nested block of `key = value` pairs.
enum Value {
    Text(Zeroizing<String>),
    Nested(Vec<(String, Zeroizing<String>)>),
}

type Entries = Vec<(String, Value)>;

/// A parsed INI file. Values are wiped from memory on drop: they include secret keys.
#[derive(Default)]
pub struct IniFile {
    /// Sections in file order, `[DEFAULT]` left out.
    sections: Vec<(String, Entries)>,
    /// `[DEFAULT]`: every section inherits these keys.
    defaults: Entries,
}

/// One section of an [`IniFile`], with the `[DEFAULT]` keys it inherits.
#[derive(Clone, Copy)]
pub struct IniSection<'a> {
    name: &'a str,
    entries: &'a Entries,
    defaults: &'a Entries,
}

impl<'a> IniSection<'a> {
    /// The section's name as written between the brackets, e.g. `profile work`.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// A value; `s3.addressing_style` reads `addressing_style` in the nested `s3` block.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let (outer, inner) = match key.split_once('.') {
            Some((o, i)) => (o, Some(i)),
            None => (key, None),
        };
        let value = find(self.entries, outer).or_else(|| find(self.defaults, outer))?;
        match (value, inner) {
            (Value::Text(t), None) => Some(t),
            (Value::Nested(pairs), Some(inner)) => pairs
                .iter()
                .rfind(|(k, _)| k == inner)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The first key that makes botocore get this profile's credentials some other way
    /// than from static keys: assuming a role (`role_arn`, `source_profile`,
    /// `credential_source`, `web_identity_token_file`), SSO (`sso_*`) or running
    /// `credential_process`. presign signs offline with the keys it is given, so it can
    /// only say that it does not do these.
    pub fn credential_provider_key(&self) -> Option<&'a str> {
        const KEYS: [&str; 5] = [
            "role_arn",
            "source_profile",
            "credential_source",
            "web_identity_token_file",
            "credential_process",
        ];
        let own = |entries: &'a Entries| {
            entries
                .iter()
                .map(|(k, _)| k.as_str())
                .find(|k| KEYS.contains(k) || k.starts_with("sso_") || *k == "login_session")
        };
        own(self.entries).or_else(|| own(self.defaults))
    }

    /// Every key (nested ones as `outer.inner`) and value, the section's own first.
    pub fn entries(&self) -> Vec<(String, &'a str)> {
        let mut out = Vec::new();
        for (key, value) in self.entries.iter().chain(
            self.defaults
                .iter()
                .filter(|(k, _)| find(self.entries, k).is_none()),
        ) {
            match value {
                Value::Text(t) => out.push((key.clone(), t.as_str())),
                Value::Nested(pairs) => {
                    for (inner, v) in pairs {
                        let flat = format!("{key}.{inner}");
                        out.retain(|(k, _)| *k != flat);
                        out.push((flat, v.as_str()));
                    }
                }
            }
        }
        out
    }
}

fn find<'a>(entries: &'a Entries, key: &str) -> Option<&'a Value> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Python's `str.isspace`, which `strip()` and the regex `\s` use.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The lines of a text file as Python reads them in text mode: LF, CRLF and CR end one.
fn python_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            Some(i) => {
                let skip = if text[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[i + skip..]).filter(|r| !r.is_empty());
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text).filter(|t| !t.is_empty())
            }
        }
    })
}

impl IniFile {
    /// Parses the file's text; `path` is only used in error messages.
    pub fn parse(path: &str, text: &str) -> Result<Self, Error> {
        let fail = |line: usize, message: String| Error::ProfileSyntax {
            path: path.to_owned(),
            line,
            column: 1,
            message,
        };
        // (section index or None for DEFAULT, key, lines of the value, line number)
        let mut values: Vec<(Option<usize>, String, Vec<&str>, usize)> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut current: Option<Option<usize>> = None;
        let mut open_value = false;
        let mut indent_level = usize::MAX;
        let mut first_bad_line = None;
        let mut seen_keys = std::collections::HashSet::new();
        for (index, line) in python_lines(text).enumerate() {
            let number = index + 1;
            let value = line.trim_matches(is_space);
            if value.starts_with(['#', ';']) {
                continue;
            }
            if value.is_empty() {
                // An empty line inside a value stays part of it (trimmed at the end).
                if let (true, Some(v)) = (open_value, values.last_mut()) {
                    v.2.push("");
                }
                continue;
            }
            let indent = line.chars().take_while(|&c| is_space(c)).count();
            if open_value && indent > indent_level {
                if let Some(v) = values.last_mut() {
                    v.2.push(value);
                }
                continue;
            }
            indent_level = indent;
            if let Some(end) = value
                .rfind(']')
                .filter(|&j| value.starts_with('[') && j >= 2)
            {
                let name = &value[1..end];
                open_value = false;
                if name == "DEFAULT" {
                    current = Some(None);
                } else if names.contains(&name) {
                    return Err(fail(
                        number,
                        format!("section [{name}] appears twice; merge the two"),
                    ));
                } else {
                    names.push(name);
                    current = Some(Some(names.len() - 1));
                }
                continue;
            }
            let Some(section) = current else {
                return Err(fail(
                    number,
                    "a setting before the first [section] header".to_owned(),
                ));
            };
            let Some(split) = value.find(['=', ':']) else {
                first_bad_line.get_or_insert((number, "expected 'key = value'"));
                continue;
            };
            let key = value[..split].trim_end_matches(is_space).to_lowercase();
            if key.is_empty() {
                first_bad_line.get_or_insert((number, "expected 'key = value', found no key"));
            }
            if !seen_keys.insert((section, key.clone())) {
                return Err(fail(
                    number,
                    format!("key {key:?} appears twice in its section; keep one"),
                ));
            }
            let text = value[split + 1..].trim_matches(is_space);
            // Python continues a value only under a key that is not empty.
            open_value = !key.is_empty();
            values.push((section, key, vec![text], number));
        }
        if let Some((number, message)) = first_bad_line {
            return Err(fail(number, message.to_owned()));
        }

        let mut file = IniFile {
            sections: names.iter().map(|n| (n.to_string(), Vec::new())).collect(),
            defaults: Vec::new(),
        };
        for (section, key, lines, number) in values {
            let joined = Zeroizing::new(lines.join("\n"));
            let joined = joined.trim_end_matches(is_space);
            let value = match joined.strip_prefix('\n') {
                Some(_) => Value::Nested(parse_nested(joined).ok_or_else(|| {
                    fail(
                        number,
                        format!("expected 'key = value' lines nested under {key:?}"),
                    )
                })?),
                None => Value::Text(Zeroizing::new(joined.to_owned())),
            };
            match section {
                Some(i) => file.sections[i].1.push((key, value)),
                None => file.defaults.push((key, value)),
            }
        }
        Ok(file)
    }

    /// A section by its exact name, as botocore looks up the credentials file.
    pub fn section(&self, name: &str) -> Option<IniSection<'_>> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(name, entries)| self.view(name, entries))
    }

    /// A profile as botocore's `build_profile_map` finds it in the config file:
    /// `[default]`, or a section whose name starts with `profile` and splits (as a shell
    /// would) into two words, the second the profile's name: `[profile  work]` and
    /// `[profile "work"]` are `work`, `[profile default]` is `default`. When two sections
    /// map to one profile, the later one in the file wins, whole.
    pub fn profile(&self, name: &str) -> Option<IniSection<'_>> {
        self.sections
            .iter()
            .rfind(|(section, _)| profile_name(section).as_deref() == Some(name))
            .map(|(section, entries)| self.view(section, entries))
    }

    /// A `[services NAME]` section, which a profile's `services = NAME` points to for
    /// per-service settings (`s3 =` then `  endpoint_url = ...`): as `build_profile_map`
    /// maps it, the name split as a shell would, the later section winning.
    pub fn services(&self, name: &str) -> Option<IniSection<'_>> {
        self.sections
            .iter()
            .rfind(|(section, _)| {
                section.starts_with("services")
                    && !section.starts_with("profile")
                    && matches!(shell_words(section).as_deref(), Some([_, n]) if n == name)
            })
            .map(|(section, entries)| self.view(section, entries))
    }

    /// The profile names the file defines, as [`IniFile::profile`] finds them.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (section, _) in &self.sections {
            if let Some(name) = profile_name(section).filter(|n| !names.contains(n)) {
                names.push(name);
            }
        }
        names
    }

    /// The sections, in file order.
    pub fn sections(&self) -> impl Iterator<Item = IniSection<'_>> {
        self.sections.iter().map(|(n, e)| self.view(n, e))
    }

    /// A value from a section named exactly `section`.
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.section(section)?.get(key)
    }

    /// Whether the file has a section named exactly `section`.
    pub fn has_section(&self, section: &str) -> bool {
        self.section(section).is_some()
    }

    fn view<'a>(&'a self, name: &'a str, entries: &'a Entries) -> IniSection<'a> {
        IniSection {
            name,
            entries,
            defaults: &self.defaults,
        }
    }
}

/// botocore's `_parse_nested`: `key = value` lines, split at the first `=` only.
fn parse_nested(text: &str) -> Option<Vec<(String, Zeroizing<String>)>> {
    let mut pairs = Vec::new();
    // Python's `splitlines` also breaks at these.
    for line in text.split([
        '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}', '\u{2029}',
    ]) {
        let line = line.trim_matches(is_space);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_matches(is_space).to_owned();
        pairs.retain(|(k, _): &(String, _)| *k != key);
        pairs.push((key, Zeroizing::new(value.trim_matches(is_space).to_owned())));
    }
    Some(pairs)
}

/// The profile a config-file section defines, as `build_profile_map` maps it.
fn profile_name(section: &str) -> Option<String> {
    if section == "default" {
        return Some(section.to_owned());
    }
    if !section.starts_with("profile") {
        return None;
    }
    match shell_words(section)?.as_slice() {
        [_, name] => Some(name.clone()),
        _ => None,
    }
}

/// Python's `shlex.split` (POSIX mode, no comments); `None` for an unclosed quote or a
/// trailing backslash, which botocore then ignores the section for.
fn shell_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
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
            "# comment\n[default] # main account\nRegion = eu-west-1\n[profile  storj]\nendpoint_url: https://x\ns3 =\n  addressing_style = virtual\nregion=us-1 # not a comment\n",
        )
        .unwrap();
        assert_eq!(f.get("default", "region"), Some("eu-west-1"));
        let storj = f.profile("storj").unwrap();
        assert_eq!(storj.name(), "profile  storj");
        assert_eq!(storj.get("endpoint_url"), Some("https://x"));
        assert_eq!(storj.get("s3.addressing_style"), Some("virtual"));
        assert_eq!(storj.get("s3"), None);
        assert_eq!(storj.get("region"), Some("us-1 # not a comment"));
        assert!(f.section("storj").is_none());
    }

    #[test]
    fn profile_default_and_default_the_later_wins() {
        let f = IniFile::parse(
            "c",
            "[default]\nregion = a\n[profile default]\nregion = b\n",
        )
        .unwrap();
        assert_eq!(f.profile("default").unwrap().get("region"), Some("b"));
        assert_eq!(f.section("default").unwrap().get("region"), Some("a"));
        assert_eq!(f.profile_names(), ["default"]);
    }

    #[test]
    fn services_sections_are_found_by_their_second_word() {
        let f = IniFile::parse(
            "config",
            "[services  my]\ns3 =\n  endpoint_url = https://a\n[services 'my']\ns3 =\n  endpoint_url = https://b\n[profile my]\nregion = x\n[services]\nx = 1\n",
        )
        .unwrap();
        let my = f.services("my").unwrap();
        assert_eq!(my.get("s3.endpoint_url"), Some("https://b"));
        assert!(f.services("x").is_none() && f.services("").is_none());
        assert_eq!(f.profile("my").unwrap().get("region"), Some("x"));
    }

    #[test]
    fn shell_words_as_python_shlex() {
        assert_eq!(shell_words("profile  'a b'").unwrap(), ["profile", "a b"]);
        assert_eq!(
            shell_words(r#"profile "a\"b\c""#).unwrap(),
            ["profile", r#"a"b\c"#]
        );
        assert_eq!(shell_words(r"profile a\ b").unwrap(), ["profile", "a b"]);
        assert_eq!(shell_words("profile ''").unwrap(), ["profile", ""]);
        assert!(shell_words("profile 'a").is_none());
    }

    #[test]
    fn credential_providers_presign_cannot_use_are_found() {
        let f = IniFile::parse(
            "config",
            "[profile role]\nregion = x\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = b\n[profile sso]\nsso_session = s\n[profile proc]\ncredential_process = /bin/true\n[profile web]\nweb_identity_token_file = /t\n[profile keys]\naws_access_key_id = AK\n",
        )
        .unwrap();
        let key = |p: &str| f.profile(p).unwrap().credential_provider_key();
        assert_eq!(key("role"), Some("role_arn"));
        assert_eq!(key("sso"), Some("sso_session"));
        assert_eq!(key("proc"), Some("credential_process"));
        assert_eq!(key("web"), Some("web_identity_token_file"));
        assert_eq!(key("keys"), None);
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let e = IniFile::parse("creds", "[a]\nx = 1\njunk\n").unwrap_err();
        assert_eq!(e.to_string(), "creds:3:1: expected 'key = value'");
        assert!(IniFile::parse("creds", "x = 1\n").is_err());
        assert!(IniFile::parse("creds", "[a\n").is_err());
        assert!(IniFile::parse("creds", "[a]\nx = 1\nX = 2\n").is_err());
        assert!(IniFile::parse("creds", "[a]\n[a]\n").is_err());
        assert!(IniFile::parse("creds", "\u{feff}[a]\n").is_err());
    }

    /// Found by the `aws_files` proptest in CI: Python continues a value only under a key
    /// that is not empty, so after `:` the indented `s3=` is a key of its own and the next
    /// `s3=` repeats it; configparser raises that at once, before the pending empty-key error.
    #[test]
    fn an_empty_key_takes_no_continuation_lines() {
        let e = IniFile::parse("credentials", "[default]\n;\r:\n\ts3=\ns3=").unwrap_err();
        assert_eq!(
            e.to_string(),
            "credentials:5:1: key \"s3\" appears twice in its section; keep one"
        );
        let e = IniFile::parse("credentials", "[a]\n= 1\n  x = 2\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "credentials:2:1: expected 'key = value', found no key"
        );
    }
}
