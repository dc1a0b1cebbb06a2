//! The library's messages in a binding's words.
//!
//! Errors and warnings give the fix in the command line's words ("use --expires 7d or
//! less, or --signature v2", "drop --virtual-host"), and the settings chain names its
//! overrides as keywords (`region=`, [`crate::settings::Naming::Keywords`]). A binding's
//! caller passes named options instead, so a binding hands each message to [`respell`]
//! with its [`Spelling`] on the way out: a flag becomes the option's name, with the flag's
//! value as a value of the binding's language where the message gives one (Python's
//! `expires="7d"`, `dualstack=True`; JavaScript's `expires: "7d"`, `dualstack: true`).
//!
//! What is left alone: a user's value quoted in the message (`"..."`, where `--` may be
//! part of a bucket or a key), and the AWS CLI's own command lines (`aws configure
//! export-credentials --profile dev --format env`), whose flags are that program's.

/// How a binding names options and writes values.
#[derive(Clone, Copy, Debug)]
pub struct Spelling {
    /// How a flag's words are joined: `content_type` or `contentType`.
    pub case: Case,
    /// Between an option and its value: `=` (Python's keywords) or `: ` (an object's
    /// properties).
    pub assign: &'static str,
    /// After an option named without a value: `=` (Python's `region=`) or nothing.
    pub bare: &'static str,
    /// The language's true: `True` or `true`. An on/off flag is named with it.
    pub truth: &'static str,
    /// Flags whose option has another name, both as the command line writes them
    /// (`secret-key-file` is `secret-key`); the rest keep their name, respelled.
    pub renamed: &'static [(&'static str, &'static str)],
    /// Options the binding has, as it spells them: another flag is left as written. Empty:
    /// every flag is an option.
    pub known: &'static [&'static str],
    /// Whole phrases that only make sense on a command line, replaced first.
    pub phrases: &'static [(&'static str, &'static str)],
}

/// How a flag's words are joined into an option's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `content_type`, as Python's keywords.
    Snake,
    /// `contentType`, as JavaScript's properties.
    Camel,
}

impl Case {
    /// `words` (`content-type` or `content_type`) in this case.
    pub fn apply(self, words: &str) -> String {
        match self {
            Case::Snake => words.replace('-', "_"),
            Case::Camel => {
                let mut out = String::with_capacity(words.len());
                let mut upper = false;
                for c in words.chars() {
                    if c == '-' || c == '_' {
                        upper = true;
                    } else if upper {
                        out.extend(c.to_uppercase());
                        upper = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

/// The command line's on/off flags: named with the language's true.
const SWITCHES: &[&str] = &[
    "dualstack",
    "fips",
    "accelerate",
    "sse-bucket-key",
    "request-payer",
    "in-url",
    "fetch-owner",
];

/// Flags that are one value of an option: `--path-style` is `addressing="path"`.
const FIXED: &[(&str, &str, &str)] = &[
    ("path-style", "addressing", "path"),
    ("virtual-host", "addressing", "virtual"),
];

/// The keywords the settings chain names its overrides with
/// ([`crate::settings::Naming::Keywords`]): a value given after one (`pass endpoint= aws`)
/// is joined to it.
const SETTINGS_KEYWORDS: &[&str] = &[
    "access_key",
    "secret_key",
    "session_token",
    "endpoint",
    "region",
    "signature",
    "expires",
    "addressing",
    "profile",
    "config_file",
];

/// The switches among them: named as an origin (`(accelerate=)`), they were set on.
const SETTINGS_SWITCHES: &[&str] = &["dualstack", "fips", "accelerate"];

/// Uppercase words that are values, not placeholders (`--metadata-directive REPLACE`).
const UPPERCASE_VALUES: &[&str] = &["REPLACE", "COPY"];

/// `message` with every flag of the command line and every settings keyword written as
/// `spelling` names options.
pub fn respell(message: &str, spelling: &Spelling) -> String {
    let mut text = message.to_owned();
    for (phrase, instead) in spelling.phrases {
        text = text.replace(phrase, instead);
    }
    if !text.contains("--") && !text.contains('=') {
        return text;
    }
    // A message that starts with the keyword at fault, as the settings name it
    // (`region=: invalid region`), starts with the option and a colon, as the bindings'
    // own errors do (`region: ...`).
    if let Some(colon) = text.find("=: ")
        && text[..colon]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_')
    {
        let name = spelling.case.apply(&text[..colon]);
        text.replace_range(..colon + 1, &name);
    }
    Scanner {
        text: &text,
        at: 0,
        out: String::with_capacity(text.len()),
        spelling,
    }
    .run()
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
    out: String,
    spelling: &'a Spelling,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Whether the character before the current position ends a word: a flag or a
    /// keyword starts there.
    fn at_word_start(&self) -> bool {
        self.text[..self.at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '/' | ','))
    }

    fn run(mut self) -> String {
        while let Some(c) = self.rest().chars().next() {
            let rest = self.rest();
            if c == '"' {
                self.copy_quoted();
            } else if rest.starts_with("aws configure ") {
                // The AWS CLI's command line, to the end of its parenthesis.
                let end = rest.find(')').unwrap_or(rest.len());
                self.copy(end);
            } else {
                let rewritten = self.at_word_start()
                    && ((rest.starts_with("--") && self.flag())
                        || (c.is_ascii_lowercase() && self.keyword()));
                if !rewritten {
                    self.copy(c.len_utf8());
                }
            }
        }
        self.out
    }

    fn copy(&mut self, len: usize) {
        self.out.push_str(&self.rest()[..len]);
        self.at += len;
    }

    /// A double-quoted value, with its escapes, as it is.
    fn copy_quoted(&mut self) {
        let rest = self.rest();
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(1) {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        self.copy(end);
    }

    /// An option's name and a value of the language after it.
    fn named_value(&mut self, name: &str, value: &str) {
        self.out.push_str(name);
        self.out.push_str(self.spelling.assign);
        self.out.push_str(value);
    }

    /// Rewrites the flag at the current position; false if there is none, or if it is
    /// not one of the binding's options.
    fn flag(&mut self) -> bool {
        let rest = &self.rest()[2..];
        let len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        let flag = &rest[..len];
        if flag.is_empty() || !flag.starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        let case = self.spelling.case;
        if let Some((_, option, value)) = FIXED.iter().find(|(f, _, _)| *f == flag) {
            self.at += 2 + len;
            self.named_value(&case.apply(option), &format!("\"{value}\""));
            return true;
        }
        let words = self
            .spelling
            .renamed
            .iter()
            .find(|(f, _)| *f == flag)
            .map_or(flag, |(_, name)| name);
        let name = case.apply(words);
        if !self.spelling.known.is_empty() && !self.spelling.known.contains(&name.as_str()) {
            return false;
        }
        self.at += 2 + len;
        if SWITCHES.contains(&flag) {
            self.named_value(&name, self.spelling.truth);
        } else {
            self.value(&name);
        }
        true
    }

    /// Joins a settings keyword to the value the message gives after it
    /// (`endpoint= aws` is `endpoint="aws"`), and gives a switch named as an origin its
    /// value (`(accelerate=)` is `(accelerate=True)`); false if there is no such keyword
    /// here.
    fn keyword(&mut self) -> bool {
        let rest = self.rest();
        let case = self.spelling.case;
        if let Some(switch) = SETTINGS_SWITCHES.iter().find(|k| {
            rest.strip_prefix(**k)
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|r| r.starts_with([')', ',', ';']) || r.is_empty())
        }) {
            self.at += switch.len() + 1;
            self.named_value(&case.apply(switch), self.spelling.truth);
            return true;
        }
        let Some(keyword) = SETTINGS_KEYWORDS
            .iter()
            .find(|k| rest.starts_with(*k) && rest[k.len()..].starts_with('='))
        else {
            return false;
        };
        self.at += keyword.len() + 1;
        self.value(&case.apply(keyword));
        true
    }

    /// `name` and the value that follows a space, as a value of the language; `name`
    /// alone when what follows is not a value (`--region)`, `--sse, not both`).
    fn value(&mut self, name: &str) {
        let rest = self.rest();
        let bare = |s: &mut Self| {
            s.out.push_str(name);
            s.out.push_str(s.spelling.bare);
        };
        let Some(after) = rest.strip_prefix(' ') else {
            return bare(self);
        };
        if after.starts_with('"') {
            self.at += 1;
            self.out.push_str(name);
            self.out.push_str(self.spelling.assign);
            self.copy_quoted();
            return;
        }
        let token_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let token = after[..token_len].trim_end_matches([',', ';', ')', '.']);
        let value = if let Some(inner) = token.strip_prefix('\'').and_then(|t| t.strip_suffix('\''))
        {
            Some(inner)
        } else if UPPERCASE_VALUES.contains(&token)
            || token == "aws"
            || (token.contains(|c: char| c.is_ascii_digit() || c == ':')
                && token.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ':' | '-' | '.')
                }))
        {
            Some(token)
        } else if !token.is_empty() && token.chars().all(|c| c.is_ascii_uppercase()) {
            // A placeholder (`--object-lock-mode MODE`): the name alone says it.
            self.at += 1 + token.len();
            return bare(self);
        } else {
            None
        };
        match value {
            // Seconds are a number; anything else is text.
            Some(v) if v.chars().all(|c| c.is_ascii_digit()) => self.named_value(name, v),
            Some(v) => self.named_value(name, &format!("\"{v}\"")),
            None => return bare(self),
        }
        self.at += 1 + token.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYWORDS: Spelling = Spelling {
        case: Case::Snake,
        assign: "=",
        bare: "=",
        truth: "True",
        renamed: &[("meta", "metadata")],
        known: &[],
        phrases: &[],
    };

    const PROPERTIES: Spelling = Spelling {
        case: Case::Camel,
        assign: ": ",
        bare: "",
        truth: "true",
        renamed: &[("meta", "metadata")],
        known: &[
            "expires",
            "signature",
            "metadata",
            "contentType",
            "dualstack",
        ],
        phrases: &[],
    };

    #[test]
    fn flags_become_options_with_values_of_the_language() {
        let message = "use --expires 7d or less, or --signature v2; --meta k=v; drop --dualstack, \
                       set --content-type; not --upload-file f; \"--expires 9d\" stays";
        assert_eq!(
            respell(message, &KEYWORDS),
            "use expires=\"7d\" or less, or signature=\"v2\"; metadata= k=v; drop dualstack=True, \
             set content_type=; not upload_file= f; \"--expires 9d\" stays"
        );
        assert_eq!(
            respell(message, &PROPERTIES),
            "use expires: \"7d\" or less, or signature: \"v2\"; metadata k=v; drop dualstack: true, \
             set contentType; not --upload-file f; \"--expires 9d\" stays"
        );
        assert_eq!(
            respell("use --expires 3600", &PROPERTIES),
            "use expires: 3600"
        );
        assert_eq!(respell("no flag here", &KEYWORDS), "no flag here");
    }
}
