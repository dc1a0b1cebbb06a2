//! Targets (`BUCKET/KEY`, `s3://BUCKET/KEY`), bucket names and object keys, and the other
//! forms a copy and paste gives (a URL, `s3:/b/k`, an ARN, a host name as the bucket),
//! refused with what to write instead.

use crate::endpoint::hosts::known_host;
use crate::error::Error;
use crate::quote::Quoted;
use std::borrow::Cow;

/// S3's limit on the length of an object key, in UTF-8 bytes.
pub(crate) const MAX_KEY_BYTES: usize = 1024;

/// A checked bucket and object key, borrowed from the text they came from.
///
/// The only ways to make one check both parts, so a `Target` is always signable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    bucket: &'a str,
    key: &'a str,
}

impl<'a> Target<'a> {
    /// A target from a bucket name and a key, both checked.
    pub fn new(bucket: &'a str, key: &'a str) -> Result<Self, Error> {
        Self::checked(bucket, key, || format!("{bucket}/{key}"))
    }

    /// Checks both parts; `target` names the input in an error about them.
    fn checked(bucket: &'a str, key: &'a str, target: impl Fn() -> String) -> Result<Self, Error> {
        check_bucket(bucket)?;
        check_not_a_host(bucket, key, &target, Form::Object)?;
        check_key(key).map_err(|reason| Error::InvalidKey {
            target: target(),
            reason,
        })?;
        Ok(Target { bucket, key })
    }

    /// A bucket with no object, for bucket operations (ListObjectsV2): the URL's path is
    /// `/BUCKET` (path style) or `/` (virtual host), as botocore writes it.
    pub fn bucket_only(bucket: &'a str) -> Result<Self, Error> {
        check_bucket(bucket)?;
        check_not_a_host(bucket, "", &|| bucket.to_owned(), Form::Listing)?;
        Ok(Target { bucket, key: "" })
    }

    /// Whether the target names a bucket only ([`Target::bucket_only`]).
    pub fn is_bucket_only(&self) -> bool {
        self.key.is_empty()
    }

    /// The bucket name, checked against S3's naming rules.
    pub fn bucket(&self) -> &'a str {
        self.bucket
    }

    /// The object key: every byte after the first `/`, unchanged.
    pub fn key(&self) -> &'a str {
        self.key
    }

    /// Whether the bucket has a legacy name (uppercase, `_`, over 63 characters, ...):
    /// fine in path style, which botocore then uses, but not a valid host name.
    pub fn is_legacy_bucket(&self) -> bool {
        !bucket_is_dns_compatible(self.bucket)
    }

    /// Whether the key has a `.` or `..` path segment. The URL keeps them (S3 keys are
    /// not paths), but most HTTP clients remove them before sending unless told not to
    /// (`curl --path-as-is`), and the signature then no longer matches.
    pub fn has_dot_segments(&self) -> bool {
        // One pass over the bytes, not a split: this runs for every key of a batch.
        let b = self.key.as_bytes();
        b.iter().enumerate().any(|(i, &c)| {
            c == b'.'
                && (i == 0 || b[i - 1] == b'/')
                && matches!(&b[i + 1..], [] | [b'/', ..] | [b'.'] | [b'.', b'/', ..])
        })
    }

    /// Whether the key starts or ends with whitespace (a space, a tab, a line break, a
    /// no-break space...). S3 keeps it as part of the key, so the URL is for another object
    /// than the one without it; pasted text often brings it along by mistake.
    pub fn has_surrounding_whitespace(&self) -> bool {
        self.key.starts_with(char::is_whitespace) || self.key.ends_with(char::is_whitespace)
    }

    /// Parses `BUCKET/KEY` or `s3://BUCKET/KEY`.
    ///
    /// The key is taken byte for byte: `//`, a leading `/`, `.` and `..` segments, spaces
    /// and any Unicode stay as they are, because S3 stores them as distinct keys.
    ///
    /// What a copy and paste gives instead is refused with what to write: a URL
    /// (`https://b.s3.amazonaws.com/k` is `b/k` with `--endpoint aws`), a mistyped prefix
    /// (`s3:/b/k`, `S3://b/k`, `s3//b/k`), an S3 ARN, and a bucket that is a provider's host
    /// name (`b.s3.amazonaws.com/k`, `gateway.storjshare.io/b/k`).
    ///
    /// ```
    /// let t = presign::Target::parse("s3://my-bucket//a/../b c").unwrap();
    /// assert_eq!((t.bucket(), t.key()), ("my-bucket", "/a/../b c"));
    /// let e = presign::Target::parse("https://my-bucket.s3.amazonaws.com/k").unwrap_err();
    /// assert!(e.to_string().contains(r#"write "my-bucket/k" with --endpoint aws"#), "{e}");
    /// ```
    pub fn parse(text: &'a str) -> Result<Self, Error> {
        if let Some(e) = mistyped(text, Form::Object) {
            return Err(e);
        }
        let rest = text.strip_prefix("s3://").unwrap_or(text);
        let Some((bucket, key)) = rest.split_once('/') else {
            let reason = if rest.is_empty() {
                "it is empty"
            } else if rest == "-" {
                // Where a lone `-` means stdin, it never gets here: this is a place that
                // takes one target (copy's SOURCE, --source).
                "a lone '-' (stdin) stands only for the target list of get, head, put, delete, copy's DEST and multipart, not for this one target"
            } else {
                "there is no '/' between bucket and key"
            };
            return Err(Error::InvalidTarget {
                target: text.to_owned(),
                reason,
            });
        };
        if bucket.is_empty() {
            return Err(Error::InvalidTarget {
                target: text.to_owned(),
                reason: "the bucket name is empty",
            });
        }
        Self::checked(bucket, key, || text.to_owned())
    }

    /// Parses the `BUCKET[/PREFIX]` or `s3://BUCKET[/PREFIX]` of a listing: the bucket (as
    /// [`Target::bucket_only`]) and the prefix, every byte after the first `/` (maybe
    /// none). The forms a copy and paste gives are refused as by [`Target::parse`].
    ///
    /// ```
    /// let (t, prefix) = presign::Target::parse_listing("s3://my-bucket/photos/").unwrap();
    /// assert_eq!((t.bucket(), prefix), ("my-bucket", "photos/"));
    /// ```
    pub fn parse_listing(text: &'a str) -> Result<(Self, &'a str), Error> {
        if let Some(e) = mistyped(text, Form::Listing) {
            return Err(e);
        }
        let rest = text.strip_prefix("s3://").unwrap_or(text);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        check_bucket(bucket)?;
        check_not_a_host(bucket, prefix, &|| text.to_owned(), Form::Listing)?;
        Ok((Target { bucket, key: "" }, prefix))
    }
}

/// What a target names: an object (`BUCKET/KEY`) or a listing (`BUCKET[/PREFIX]`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Object,
    Listing,
}

impl Form {
    /// `text` quoted, when it is a target of this form: what a message tells the user to
    /// write.
    fn quoted_if_valid(self, text: &str) -> Option<String> {
        self.takes(text).then(|| Quoted(text).to_string())
    }

    /// Whether [`Target::parse`] (or [`Target::parse_listing`]) takes `text`, decided
    /// without writing their refusals. A refusal suggests a part of the text when that
    /// part is a target; asking `parse` would write the part's own refusal, which asks
    /// of a smaller part again, and so on: time exponential in the text's length.
    fn takes(self, text: &str) -> bool {
        if mistake(text).is_some() {
            return false;
        }
        let rest = text.strip_prefix("s3://").unwrap_or(text);
        let bucket_ok = |b: &str| check_bucket(b).is_ok() && !is_provider_host(b);
        match self {
            Form::Object => rest
                .split_once('/')
                .is_some_and(|(b, k)| !b.is_empty() && bucket_ok(b) && check_key(k).is_ok()),
            Form::Listing => bucket_ok(rest.split_once('/').map_or(rest, |(b, _)| b)),
        }
    }

    /// `text` quoted when it is a target of this form, else the form's placeholder.
    fn suggest(self, text: &str) -> String {
        self.quoted_if_valid(text)
            .unwrap_or_else(|| self.placeholder().to_owned())
    }

    fn placeholder(self) -> &'static str {
        match self {
            Form::Object => "BUCKET/KEY",
            Form::Listing => "BUCKET[/PREFIX]",
        }
    }
}

/// A form that a copy and paste gives instead of `BUCKET/KEY` or `s3://BUCKET/KEY`.
enum Mistake<'t> {
    /// `https://...`; `colon` ends the scheme.
    Url { colon: usize },
    /// A mistyped `s3://` (`s3:/b/k`, `s3:b/k`, `S3://b/k`, `s3:///b/k`, `s3//b/k`):
    /// what was written for it, and the rest.
    S3 {
        prefix: &'t str,
        rest: &'t str,
        colon: bool,
    },
    /// An ARN.
    Arn,
    /// Another scheme (`gs://b/k`, `s3a://b/k`).
    Scheme { scheme: &'t str, rest: &'t str },
    /// A server's `host:port` (`localhost:9000/b/k`).
    HostPort { head: &'t str },
}

/// Which copy-and-paste form `text` is, if any. Only the text before the first `/` is
/// scanned, unless it holds a `:`: this runs for every line of a batch.
fn mistake(text: &str) -> Option<Mistake<'_>> {
    let head = &text[..text.find('/').unwrap_or(text.len())];
    match head.find(':') {
        Some(colon) => {
            let scheme = &text[..colon];
            let after = &text[colon..];
            let rest = after.trim_start_matches([':', '/']);
            let prefix = &text[..text.len() - rest.len()];
            let is = |name: &str| scheme.eq_ignore_ascii_case(name);
            if is("https") || is("http") {
                Some(Mistake::Url { colon })
            } else if prefix == "s3://" {
                None
            } else if is("s3") {
                Some(Mistake::S3 {
                    prefix,
                    rest,
                    colon: true,
                })
            } else if is("arn") {
                Some(Mistake::Arn)
            } else if scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
                && after.starts_with(":/")
            {
                Some(Mistake::Scheme { scheme, rest })
            } else if head[colon + 1..].bytes().all(|b| b.is_ascii_digit())
                && colon + 1 < head.len()
                && scheme.contains(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
            {
                Some(Mistake::HostPort { head })
            } else {
                None
            }
        }
        None if head.eq_ignore_ascii_case("s3") && text[2..].starts_with("//") => {
            let rest = text[2..].trim_start_matches('/');
            Some(Mistake::S3 {
                prefix: &text[..text.len() - rest.len()],
                rest,
                colon: false,
            })
        }
        None => None,
    }
}

/// A target in a form that a copy and paste gives ([`mistake`]), refused with what to
/// write. `None` for anything else, checked as a target then.
fn mistyped(text: &str, form: Form) -> Option<Error> {
    let reason = match mistake(text)? {
        Mistake::Url { colon } => url_reason(text, colon, form),
        Mistake::S3 {
            prefix,
            rest,
            colon: true,
        } => format!(
            "{} is not the s3:// prefix; write {}",
            Quoted(prefix),
            s3_or_plain(rest, form)
        ),
        Mistake::S3 { prefix, rest, .. } => format!(
            "{} is not the s3:// prefix (the ':' is missing); write {}",
            Quoted(prefix),
            s3_or_plain(rest, form)
        ),
        Mistake::Arn => arn_reason(text, form),
        Mistake::Scheme { scheme, rest } => {
            let gcs = match form
                .quoted_if_valid(rest)
                .filter(|_| scheme.eq_ignore_ascii_case("gs"))
            {
                Some(target) => {
                    format!("; for Google Cloud Storage, write {target} with --endpoint gcs")
                }
                None => String::new(),
            };
            format!(
                "presign takes s3:// only, not {scheme}://; write {}{gcs}",
                s3_or_plain(rest, form)
            )
        }
        Mistake::HostPort { head } => {
            // `localhost:9000/b/k`: a server's host and port where the bucket goes.
            let rest = text[head.len()..].strip_prefix('/').unwrap_or("");
            format!(
                "{} is a server's host and port, not a bucket; write {} with --endpoint https://{head} (or http:// for a server without TLS)",
                Quoted(head),
                form.suggest(rest)
            )
        }
    };
    let target = match reason.starts_with("it is a URL") {
        // A URL is shown without its query, which can hold a session token.
        true => crate::inspect::shorten(text),
        false => text.to_owned(),
    };
    Some(Error::MistypedTarget { target, reason })
}

/// `"s3://REST" or "REST"` when REST is a target of `form`, else the form in general.
fn s3_or_plain(rest: &str, form: Form) -> String {
    match form.quoted_if_valid(rest) {
        Some(target) => format!("{} or {target}", Quoted(&format!("s3://{rest}"))),
        None => format!("it as {0} or s3://{0}", form.placeholder()),
    }
}

/// Why a URL is no target, and the `BUCKET/KEY` and `--endpoint` it stands for: the bucket
/// in front of a provider's host or first in the path, the key after it (%-decoded), and
/// the preset that reaches the host (else the URL's own scheme and host, path style
/// assumed). `colon` ends the scheme.
fn url_reason(text: &str, colon: usize, form: Form) -> String {
    let scheme = text[..colon].to_ascii_lowercase();
    let after = text[colon..].trim_start_matches([':', '/', '\\']);
    let end = after.find(['/', '?', '#', '\\']).unwrap_or(after.len());
    // User info is left out of what is shown: it may be a password.
    let authority = after[..end]
        .rsplit_once('@')
        .map_or(&after[..end], |(_, h)| h);
    let host = crate::inspect::host_only(authority);
    let rest = &after[end..];
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let raw_path = rest[..path_end]
        .strip_prefix('/')
        .unwrap_or(&rest[..path_end]);
    let path = crate::inspect::decode(raw_path, false).unwrap_or(Cow::Borrowed(raw_path));
    let join = |bucket: &str| match path.is_empty() {
        true => bucket.to_owned(),
        false => format!("{bucket}/{path}"),
    };
    let (named, options, guessed) = match known_host(host) {
        Some(known) => match known.bucket {
            Some(bucket) => (join(bucket), known.options, false),
            None => (path.clone().into_owned(), known.options, false),
        },
        None => (
            path.clone().into_owned(),
            format!("--endpoint {scheme}://{authority}"),
            true,
        ),
    };
    let mut reason = format!(
        "it is a URL, not {}: write {} with {options}",
        form.placeholder(),
        form.suggest(&named)
    );
    if guessed {
        reason.push_str(" (if the URL is path style, https://HOST/BUCKET/KEY)");
    }
    if rest[path_end..].contains("Signature=") {
        reason.push_str("; it is presigned already: presign inspect shows what it holds");
    }
    reason
}

/// Why an ARN is no target: an S3 bucket's or object's ARN (`arn:aws:s3:::BUCKET/KEY`)
/// names the target after its `:::`; others (access points, S3 Object Lambda, other
/// services) are not buckets.
fn arn_reason(text: &str, form: Form) -> String {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    match fields[..] {
        [_, _, "s3", "", "", resource] if !resource.is_empty() => {
            format!("it is an ARN; write {}", form.suggest(resource))
        }
        _ => "it is an ARN, not a bucket: presign signs for a bucket's objects; write BUCKET/KEY"
            .to_owned(),
    }
}

/// Refuses a bucket that is a provider's S3 host name (`b.s3.amazonaws.com`,
/// `gateway.storjshare.io`): no one but the provider can own such a domain, so it is a URL
/// pasted without its scheme, and the message says what to write. `rest` is what followed
/// the bucket (the key or the prefix); `target` names the input. Cheap for other names: a
/// bucket without a `.` is no host name.
fn check_not_a_host(
    bucket: &str,
    rest: &str,
    target: &dyn Fn() -> String,
    form: Form,
) -> Result<(), Error> {
    let Some(known) = bucket.contains('.').then(|| known_host(bucket)).flatten() else {
        return Ok(());
    };
    let named = match (known.bucket, rest) {
        (Some(b), "") => Cow::Borrowed(b),
        (Some(b), rest) => Cow::Owned(format!("{b}/{rest}")),
        (None, rest) => Cow::Borrowed(rest),
    };
    Err(Error::MistypedTarget {
        target: target(),
        reason: format!(
            "{} is the host name of an S3 endpoint, not a bucket; write {} with {}",
            Quoted(bucket),
            form.suggest(&named),
            known.options
        ),
    })
}

/// Whether `bucket` is a provider's S3 host name, which [`check_not_a_host`] refuses.
fn is_provider_host(bucket: &str) -> bool {
    bucket.contains('.') && known_host(bucket).is_some()
}

/// S3's limit on the length of a legacy bucket name (us-east-1 buckets made before 2018).
pub(crate) const MAX_BUCKET_BYTES: usize = 255;

/// Checks a bucket name as botocore does before signing in path style: 1 to 255
/// letters (either case), digits, `.`, `-` and `_` (`VALID_BUCKET` in botocore's
/// handlers.py). That admits the legacy names old us-east-1 buckets still have
/// (`My_Bucket`); whether a name can also be a host name is
/// [`bucket_is_dns_compatible`].
///
/// ```
/// assert!(presign::request::check_bucket("my-bucket.logs").is_ok());
/// assert!(presign::request::check_bucket("My_Legacy_Bucket").is_ok());
/// assert!(presign::request::check_bucket("no spaces").is_err());
/// ```
pub fn check_bucket(bucket: &str) -> Result<(), Error> {
    let fail = |reason| {
        Err(Error::InvalidBucket {
            bucket: bucket.to_owned(),
            reason,
        })
    };
    if bucket.is_empty() || bucket.len() > MAX_BUCKET_BYTES {
        return fail("it must be 1 to 255 characters long");
    }
    if !bucket
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    {
        if bucket.starts_with(char::is_whitespace) || bucket.ends_with(char::is_whitespace) {
            return fail("it starts or ends with whitespace, which no bucket name has; drop it");
        }
        return fail("use only letters, digits, '.', '-' and '_'");
    }
    Ok(())
}

/// Whether a bucket name follows S3's rules for new buckets, which make it usable as a
/// host name (`https://BUCKET.HOST/KEY`): 3 to 63 lowercase letters, digits, `.` and
/// `-`, starting and ending with a letter or digit, no `..`, not an IPv4 address.
/// Names that pass [`check_bucket`] but not this are legacy: path style only.
///
/// ```
/// assert!(presign::request::bucket_is_dns_compatible("my-bucket.logs"));
/// assert!(!presign::request::bucket_is_dns_compatible("My_Legacy_Bucket"));
/// ```
pub fn bucket_is_dns_compatible(bucket: &str) -> bool {
    // No error is built: "auto" addressing asks this for every URL of a batch.
    dns_bucket_problem(bucket).is_none()
}

/// Checks that a bucket name can be a host name (see [`bucket_is_dns_compatible`]);
/// the error says which rule it breaks. For virtual-host addressing.
pub fn check_dns_bucket(bucket: &str) -> Result<(), Error> {
    match dns_bucket_problem(bucket) {
        None => Ok(()),
        Some(reason) => Err(Error::BucketNotDnsCompatible {
            bucket: bucket.to_owned(),
            reason,
        }),
    }
}

/// The rule of [`bucket_is_dns_compatible`] a name breaks, if any.
pub(crate) fn dns_bucket_problem(bucket: &str) -> Option<&'static str> {
    let bytes = bucket.as_bytes();
    if bytes.len() < 3 || bytes.len() > 63 {
        return Some("a host name label must be 3 to 63 characters long");
    }
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return Some("it has an uppercase letter or '_'");
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return Some("it must start and end with a lowercase letter or a digit");
    }
    if bucket.contains("..") {
        return Some("it contains two adjacent periods");
    }
    if bucket.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("it is formatted as an IP address");
    }
    None
}

/// Checks an object key; the error is the reason, for the caller to wrap.
fn check_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("the key is empty; name an object after the '/'".to_owned());
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(format!(
            "the key is {} bytes long; S3 allows at most {MAX_KEY_BYTES} bytes",
            key.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_everything_after_the_first_slash() {
        let t = Target::parse("b-1//x/./../y z+%?#\t ").unwrap();
        assert_eq!(t.bucket(), "b-1");
        assert_eq!(t.key(), "/x/./../y z+%?#\t ");
    }

    #[test]
    fn dot_segments() {
        for (key, dots) in [
            ("a/./b", true),
            ("../a", true),
            ("a/..", true),
            ("a.b/.c/..d", false),
            (".", true),
            ("..", true),
            ("/./", true),
            ("a//../", true),
            ("...", false),
            ("a/.../b", false),
            ("a./b.", false),
        ] {
            let split = key.split('/').any(|s| s == "." || s == "..");
            assert_eq!(split, dots, "the test's own answer for {key}");
            assert_eq!(
                Target::new("abc", key).unwrap().has_dot_segments(),
                dots,
                "{key}"
            );
        }
    }

    #[test]
    fn s3_scheme_is_optional() {
        assert_eq!(
            Target::parse("s3://abc/k").unwrap(),
            Target::parse("abc/k").unwrap()
        );
    }

    #[test]
    fn missing_parts_are_errors() {
        for bad in ["", "abc", "abc/", "/k", "s3://", "s3:///k"] {
            assert!(Target::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn key_length_limit_is_in_bytes() {
        let ok = format!("abc/{}", "é".repeat(512));
        assert!(Target::parse(&ok).is_ok());
        let long = format!("abc/{}a", "é".repeat(512));
        let e = Target::parse(&long).unwrap_err().to_string();
        assert!(e.contains("1025 bytes"), "{e}");
    }

    #[test]
    fn bucket_rules_are_botocores_for_path_style() {
        let max = "a".repeat(255);
        for ok in [
            "abc",
            "a.b-c",
            "123",
            "a",
            "Ab",
            "My_Bucket",
            "-ab",
            "a..b",
            "192.168.5.4",
            &max,
        ] {
            assert!(check_bucket(ok).is_ok(), "{ok}");
        }
        for bad in ["", &"a".repeat(256), "a b", "añb", "a!b", "a/b", "a:b"] {
            assert!(check_bucket(bad).is_err(), "{bad}");
        }
        let t = Target::parse("My_Old_Bucket/k").unwrap();
        assert!(t.is_legacy_bucket());
        assert!(!Target::parse("my-bucket/k").unwrap().is_legacy_bucket());
    }

    fn refusal(text: &str) -> String {
        match Target::parse(text) {
            Err(e @ Error::MistypedTarget { .. }) => e.to_string(),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    /// `presign put https://b.s3.amazonaws.com/f.pdf` said `invalid bucket name "https:"`.
    #[test]
    fn a_url_given_as_the_target_says_which_target_and_endpoint_it_names() {
        for (url, says) in [
            (
                "https://b.s3.amazonaws.com/f.pdf",
                r#"invalid target "https://b.s3.amazonaws.com/f.pdf": it is a URL, not BUCKET/KEY: write "b/f.pdf" with --endpoint aws"#,
            ),
            (
                "HTTPS://my.bucket.s3.us-west-2.amazonaws.com/a%20b/c+d.txt#top",
                r#"write "my.bucket/a b/c+d.txt" with --endpoint aws --region us-west-2"#,
            ),
            (
                "https://s3.eu-west-1.amazonaws.com/b/k",
                r#"write "b/k" with --endpoint aws --region eu-west-1"#,
            ),
            (
                "https://gateway.eu1.storjshare.io/b/k/",
                r#"write "b/k/" with --endpoint storj:eu1"#,
            ),
            (
                "http://127.0.0.1:9000/b/k",
                r#"write "b/k" with --endpoint http://127.0.0.1:9000 (if the URL is path style, https://HOST/BUCKET/KEY)"#,
            ),
            // No key: the form, with the endpoint.
            (
                "https://b.s3.amazonaws.com/",
                "write BUCKET/KEY with --endpoint aws",
            ),
            // One slash too few is a URL all the same.
            ("https:/b.s3.amazonaws.com/k", r#"write "b/k""#),
        ] {
            let e = refusal(url);
            assert!(e.contains(says), "{url}: {e}");
        }
    }

    /// A presigned URL pasted as the target: its query (a session token) and its user info
    /// are not repeated, and `inspect` is named.
    #[test]
    fn a_presigned_url_given_as_the_target_is_shown_without_its_query() {
        let e = refusal(
            "https://me:PASSWORD@b.s3.amazonaws.com/k?X-Amz-Security-Token=TOKEN&X-Amz-Signature=00",
        );
        assert!(!e.contains("TOKEN") && !e.contains("PASSWORD"), "{e}");
        assert!(
            e.starts_with(r#"invalid target "https://***@b.s3.amazonaws.com/k?...""#),
            "{e}"
        );
        assert!(
            e.ends_with("; it is presigned already: presign inspect shows what it holds"),
            "{e}"
        );
    }

    /// `s3:/b/k` and its siblings said `invalid bucket name "s3:"` (or signed for a bucket
    /// named `s3`).
    #[test]
    fn a_mistyped_s3_prefix_says_how_to_write_it() {
        for (text, prefix) in [
            ("s3:/b/k", "s3:/"),
            ("s3:b/k", "s3:"),
            ("S3://b/k", "S3://"),
            ("s3:///b/k", "s3:///"),
            ("s3:////b/k", "s3:////"),
            ("s3::/b/k", "s3::/"),
        ] {
            assert_eq!(
                refusal(text),
                format!(
                    r#"invalid target {text:?}: {prefix:?} is not the s3:// prefix; write "s3://b/k" or "b/k""#
                )
            );
        }
        assert_eq!(
            refusal("s3//b/k"),
            r#"invalid target "s3//b/k": "s3//" is not the s3:// prefix (the ':' is missing); write "s3://b/k" or "b/k""#
        );
        // Nothing after the prefix that is a target: the forms.
        assert!(refusal("s3:///k").ends_with("write it as BUCKET/KEY or s3://BUCKET/KEY"));
        // Other schemes and ARNs name the target too.
        assert!(refusal("gs://b/k").ends_with(
            r#"presign takes s3:// only, not gs://; write "s3://b/k" or "b/k"; for Google Cloud Storage, write "b/k" with --endpoint gcs"#
        ));
        assert!(refusal("s3a://b/k").contains(r#"not s3a://; write "s3://b/k" or "b/k""#));
        assert!(refusal("arn:aws:s3:::b/k").ends_with(r#"it is an ARN; write "b/k""#));
        assert_eq!(
            refusal("localhost:9000/b/k"),
            r#"invalid target "localhost:9000/b/k": "localhost:9000" is a server's host and port, not a bucket; write "b/k" with --endpoint https://localhost:9000 (or http:// for a server without TLS)"#
        );
        assert!(
            refusal("s3.example.com:9000/b")
                .contains("write BUCKET/KEY with --endpoint https://s3.example.com:9000")
        );
        assert!(
            refusal("arn:aws:s3:us-east-1:123456789012:accesspoint/ap").contains("not a bucket")
        );
        // The right forms still parse: a bucket named s3 is s3://s3//k.
        for ok in ["s3://b/k", "b/k", "s3://s3//k", "s3/k"] {
            assert!(Target::parse(ok).is_ok(), "{ok}");
        }
    }

    /// `b.s3.amazonaws.com/k` signed for a bucket of that name.
    #[test]
    fn a_bucket_that_is_an_s3_host_name_is_refused_with_the_target_it_stands_for() {
        for (text, says) in [
            (
                "b.s3.amazonaws.com/k",
                r#"invalid target "b.s3.amazonaws.com/k": "b.s3.amazonaws.com" is the host name of an S3 endpoint, not a bucket; write "b/k" with --endpoint aws"#,
            ),
            (
                "b.s3.us-west-2.amazonaws.com/k",
                r#"write "b/k" with --endpoint aws --region us-west-2"#,
            ),
            (
                "b.s3-accelerate.amazonaws.com/k",
                r#"write "b/k" with --endpoint aws --accelerate"#,
            ),
            (
                "s3://gateway.storjshare.io/b/k",
                r#""gateway.storjshare.io" is the host name of an S3 endpoint, not a bucket; write "b/k" with --endpoint storj"#,
            ),
            (
                "0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/b/k",
                r#"write "b/k" with --endpoint r2:0123456789abcdef0123456789abcdef"#,
            ),
            // Only the host: no target to offer.
            (
                "storage.googleapis.com/k",
                "write BUCKET/KEY with --endpoint gcs",
            ),
        ] {
            let e = refusal(text);
            assert!(e.contains(says), "{text}: {e}");
        }
        // The same for a target made of parts (the Python package's), and for a listing.
        let e = Target::new("b.s3.amazonaws.com", "k")
            .unwrap_err()
            .to_string();
        assert!(e.contains(r#"write "b/k" with --endpoint aws"#), "{e}");
        let e = Target::bucket_only("b.s3.amazonaws.com")
            .unwrap_err()
            .to_string();
        assert!(e.contains(r#"write "b" with --endpoint aws"#), "{e}");
        // A bucket named after a domain of its own is a bucket (S3 website hosting).
        for ok in [
            "www.example.com/index.html",
            "logs.2026/k",
            "my.amazonaws.com/k",
        ] {
            assert!(Target::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn listings_refuse_the_same_mistakes() {
        for (text, says) in [
            (
                "https://b.s3.amazonaws.com/photos/",
                r#"it is a URL, not BUCKET[/PREFIX]: write "b/photos/" with --endpoint aws"#,
            ),
            ("s3:/b", r#"write "s3://b" or "b""#),
            (
                "gateway.storjshare.io/b/photos/",
                r#"write "b/photos/" with --endpoint storj"#,
            ),
        ] {
            let e = Target::parse_listing(text).unwrap_err().to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
        let (t, prefix) = Target::parse_listing("s3://b-1").unwrap();
        assert_eq!((t.bucket(), prefix, t.is_bucket_only()), ("b-1", "", true));
        assert!(Target::parse_listing("bad!bucket/p").is_err());
    }

    /// A pasted key with a trailing space signed for another object without a word: the
    /// CLI warns on what this says.
    #[test]
    fn keys_with_surrounding_whitespace_are_told_apart() {
        for (key, flagged) in [
            ("f.pdf ", true),
            (" f.pdf", true),
            ("f.pdf\t", true),
            ("f.pdf\n", true),
            ("f.pdf\u{a0}", true),
            ("a b.pdf", false),
            ("f.pdf", false),
        ] {
            let t = Target::new("b-1", key).unwrap();
            assert_eq!(t.has_surrounding_whitespace(), flagged, "{key:?}");
        }
        let e = Target::parse(" b-1/k").unwrap_err().to_string();
        assert!(
            e.contains("it starts or ends with whitespace, which no bucket name has; drop it"),
            "{e}"
        );
    }

    #[test]
    fn dns_rules_for_virtual_host() {
        for ok in ["abc", "a.b-c", "123", &"a".repeat(63)] {
            assert!(bucket_is_dns_compatible(ok), "{ok}");
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "Abc",
            "a_b",
            "-ab",
            "ab-",
            ".ab",
            "a..b",
            "192.168.5.4",
        ] {
            assert!(!bucket_is_dns_compatible(bad), "{bad}");
            let e = check_dns_bucket(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
    }
}
