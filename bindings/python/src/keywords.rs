//! The CLI's flags in the library's messages, as this package's keyword arguments.
//!
//! The library's errors and warnings give the fix in the command line's words ("use
//! --expires 7d or less, or --signature v2", "drop --virtual-host"). A Python caller
//! passes keywords, so every message the package raises or warns with goes through
//! [`keywords`] once, on its way out (`convert::error`, `convert::warn`): a flag becomes
//! its keyword, with the flag's value as a Python value where the message gives one
//! (`expires="7d"`, `signature="v2"`, `addressing="path"`, `dualstack=True`).
//!
//! What is left alone: a user's value quoted in the message (`"..."`, where `--` may be
//! part of a bucket or a key), and the AWS CLI's own command lines (`aws configure
//! export-credentials --profile dev --format env`), whose flags are that program's.

/// How a flag is written as a keyword.
#[derive(Clone, Copy)]
enum Form {
    /// A flag that takes a value: `--region` is `region=`, `--expires 7d` is
    /// `expires="7d"`.
    Value(&'static str),
    /// An on/off flag: `--dualstack` is `dualstack=True`.
    Switch(&'static str),
    /// A flag that is one value of a keyword: `--path-style` is `addressing="path"`.
    Fixed(&'static str),
}

/// The flags whose keyword is not the flag's name in snake_case, or that are switches.
/// Every other `--some-flag` is `some_flag=`, as the request options are named
/// (`bounds::keyword`).
const FLAGS: &[(&str, Form)] = &[
    ("secret-key-file", Form::Value("secret_key")),
    ("config", Form::Value("config_file")),
    ("meta", Form::Value("metadata")),
    ("copy-source", Form::Value("source")),
    ("path-style", Form::Fixed("addressing=\"path\"")),
    ("virtual-host", Form::Fixed("addressing=\"virtual\"")),
    ("dualstack", Form::Switch("dualstack")),
    ("fips", Form::Switch("fips")),
    ("accelerate", Form::Switch("accelerate")),
    ("sse-bucket-key", Form::Switch("sse_bucket_key")),
    ("request-payer", Form::Switch("request_payer")),
    ("in-url", Form::Switch("in_url")),
    ("fetch-owner", Form::Switch("fetch_owner")),
];

/// The keywords `presign::settings` names its overrides with (`Naming::Keywords`): a
/// value given after one (`pass endpoint= aws`) is joined to it (`endpoint="aws"`).
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

/// Whole phrases that only make sense on a command line, replaced before the flags.
const PHRASES: &[(&str, &str)] = &[
    (
        "quote it for the shell: --if-none-match '*'",
        "pass if_none_match=\"*\"",
    ),
    (
        "a PUT URL instead: presign put BUCKET/KEY",
        "a PUT URL instead (put)",
    ),
];

/// Uppercase words that are values, not placeholders (`--metadata-directive REPLACE`).
const UPPERCASE_VALUES: &[&str] = &["REPLACE", "COPY"];

/// `message` with every flag of the command line written as this package's keyword.
pub fn keywords(message: &str) -> String {
    let mut text = message.to_owned();
    for (phrase, instead) in PHRASES {
        text = text.replace(phrase, instead);
    }
    // A message that starts with the keyword at fault, as the settings name it
    // (`region=: invalid region`), is prefixed as the constructor's errors are
    // (`region: ...`).
    if let Some(colon) = text.find("=: ")
        && text[..colon]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_')
    {
        text.replace_range(colon..colon + 1, "");
    }
    Scanner::new(&text).run()
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
    out: String,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            at: 0,
            out: String::with_capacity(text.len()),
        }
    }

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

    /// Rewrites the flag at the current position; false if there is none.
    fn flag(&mut self) -> bool {
        let rest = &self.rest()[2..];
        let len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        let name = &rest[..len];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        let form = FLAGS
            .iter()
            .find(|(flag, _)| *flag == name)
            .map_or(Form::Value(""), |(_, form)| *form);
        self.at += 2 + len;
        match form {
            Form::Switch(keyword) => {
                self.out.push_str(keyword);
                self.out.push_str("=True");
            }
            Form::Fixed(text) => self.out.push_str(text),
            Form::Value(keyword) => {
                match keyword {
                    "" => self.out.push_str(&name.replace('-', "_")),
                    keyword => self.out.push_str(keyword),
                }
                self.out.push('=');
                self.value();
            }
        }
        true
    }

    /// Joins a settings keyword to the value the message gives after it
    /// (`endpoint= aws` is `endpoint="aws"`), and gives a switch named as an origin its
    /// value (`(accelerate=)` is `(accelerate=True)`); false if there is no such keyword
    /// here.
    fn keyword(&mut self) -> bool {
        let rest = self.rest();
        if let Some(switch) = SETTINGS_SWITCHES.iter().find(|k| {
            rest.strip_prefix(**k)
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|r| r.starts_with([')', ',', ';']) || r.is_empty())
        }) {
            self.copy(switch.len() + 1);
            self.out.push_str("True");
            return true;
        }
        let Some(keyword) = SETTINGS_KEYWORDS
            .iter()
            .find(|k| rest.starts_with(*k) && rest[k.len()..].starts_with("= "))
        else {
            return false;
        };
        self.copy(keyword.len() + 1);
        self.value();
        true
    }

    /// After `keyword=`: the value that follows a space, as a Python value, or nothing
    /// when what follows is not a value (`--region)`, `--sse, not both`).
    fn value(&mut self) {
        let rest = self.rest();
        let Some(after) = rest.strip_prefix(' ') else {
            return;
        };
        if after.starts_with('"') {
            self.at += 1;
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
            // A placeholder (`--object-lock-mode MODE`): the keyword alone says it.
            self.at += 1 + token.len();
            return;
        } else {
            None
        };
        if let Some(value) = value {
            // Seconds are an int in Python; anything else is text.
            if value.chars().all(|c| c.is_ascii_digit()) {
                self.out.push_str(value);
            } else {
                self.out.push('"');
                self.out.push_str(value);
                self.out.push('"');
            }
            self.at += 1 + token.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::keywords;

    #[test]
    fn flags_become_keywords() {
        for (cli, python) in [
            (
                "expiry of 691200 s is too long for SigV4: the limit is 604800 s (7d); use --expires 7d or less, or --signature v2",
                "expiry of 691200 s is too long for SigV4: the limit is 604800 s (7d); use expires=\"7d\" or less, or signature=\"v2\"",
            ),
            (
                "--virtual-host needs a DNS name in the endpoint, not the IP address 10.0.0.1; drop --virtual-host to use path style",
                "addressing=\"virtual\" needs a DNS name in the endpoint, not the IP address 10.0.0.1; drop addressing=\"virtual\" to use path style",
            ),
            (
                "--dualstack names AWS S3 hosts, but the endpoint is x; use it with --endpoint aws, or drop --dualstack",
                "dualstack=True names AWS S3 hosts, but the endpoint is x; use it with endpoint=\"aws\", or drop dualstack=True",
            ),
            (
                "path style cannot be used with S3 Transfer Acceleration (--accelerate), which takes the bucket in the host name; drop one of them",
                "path style cannot be used with S3 Transfer Acceleration (accelerate=True), which takes the bucket in the host name; drop one of them",
            ),
            (
                "Use --expires 3000s or less, or longer-lived credentials.",
                "Use expires=\"3000s\" or less, or longer-lived credentials.",
            ),
            ("use --expires 3600", "use expires=3600"),
            (
                "Pass --access-key and --secret-key-file, set PRESIGN_ACCESS_KEY",
                "Pass access_key= and secret_key=, set PRESIGN_ACCESS_KEY",
            ),
            (
                "pass keys with --access-key/--secret-key",
                "pass keys with access_key=/secret_key=",
            ),
            (
                "create it or fix --config / PRESIGN_CONFIG",
                "create it or fix config_file= / PRESIGN_CONFIG",
            ),
            (
                "the region is a setting of its own: --region)",
                "the region is a setting of its own: region=)",
            ),
            (
                "add --sse aws:kms (or aws:kms:dsse)",
                "add sse=\"aws:kms\" (or aws:kms:dsse)",
            ),
            (
                "with --sse, not both; drop one",
                "with sse=, not both; drop one",
            ),
            (
                "drop --sse-bucket-key or use --sse aws:kms",
                "drop sse_bucket_key=True or use sse=\"aws:kms\"",
            ),
            (
                "add --object-lock-retain-until TIME",
                "add object_lock_retain_until=",
            ),
            (
                "add --metadata-directive REPLACE, a --storage-class or --sse, or copy a --source-version-id",
                "add metadata_directive=\"REPLACE\", a storage_class= or sse=, or copy a source_version_id=",
            ),
            (
                "is not '*': If-None-Match: * is the only form S3 takes on a write (quote it for the shell: --if-none-match '*')",
                "is not '*': If-None-Match: * is the only form S3 takes on a write (pass if_none_match=\"*\")",
            ),
            (
                "form field \"acl\" has its own option: use --acl",
                "form field \"acl\" has its own option: use acl=",
            ),
            ("use --meta", "use metadata="),
            (
                "pass endpoint= aws to sign for AWS S3, or endpoint= with your provider",
                "pass endpoint=\"aws\" to sign for AWS S3, or endpoint= with your provider",
            ),
            (
                "to sign with that profile's keys, pass profile= \"storj\"; to keep",
                "to sign with that profile's keys, pass profile=\"storj\"; to keep",
            ),
            (
                "region=: invalid region \"x\"",
                "region: invalid region \"x\"",
            ),
            (
                "dualstack=: AWS has no dualstack S3 endpoints in this partition; drop dualstack=",
                "dualstack: AWS has no dualstack S3 endpoints in this partition; drop dualstack=True",
            ),
            (
                "path style cannot be used with S3 Transfer Acceleration (accelerate=), which",
                "path style cannot be used with S3 Transfer Acceleration (accelerate=True), which",
            ),
            (
                "presign a PUT URL instead: presign put BUCKET/KEY",
                "presign a PUT URL instead (put)",
            ),
        ] {
            assert_eq!(keywords(cli), python);
        }
    }

    #[test]
    fn quoted_values_and_aws_commands_stay() {
        for text in [
            "invalid bucket name \"--expires 7d\": use only letters",
            "invalid key \"a \\\" --fips\"",
            "export temporary keys (aws configure export-credentials --profile \"dev\" --format env) and let presign read them",
            "no flag here",
            "a--b is not a flag",
        ] {
            assert_eq!(keywords(text), text);
        }
    }
}
