//! Targets (`BUCKET/KEY`, `s3://BUCKET/KEY`), bucket names and object keys.

use crate::error::Error;

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

    /// Checks both parts; `target` names the input in a key error.
    fn checked(
        bucket: &'a str,
        key: &'a str,
        target: impl FnOnce() -> String,
    ) -> Result<Self, Error> {
        check_bucket(bucket)?;
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

    /// Parses `BUCKET/KEY` or `s3://BUCKET/KEY`.
    ///
    /// The key is taken byte for byte: `//`, a leading `/`, `.` and `..` segments, spaces
    /// and any Unicode stay as they are, because S3 stores them as distinct keys.
    ///
    /// ```
    /// let t = presign::Target::parse("s3://my-bucket//a/../b c").unwrap();
    /// assert_eq!((t.bucket(), t.key()), ("my-bucket", "/a/../b c"));
    /// ```
    pub fn parse(text: &'a str) -> Result<Self, Error> {
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
fn dns_bucket_problem(bucket: &str) -> Option<&'static str> {
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
