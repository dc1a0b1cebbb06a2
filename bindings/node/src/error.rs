//! Errors at the boundary: what a call refuses, thrown as `PresignError` or `TypeError`
//! (index.js makes them from the error's `code`), and a panic caught before it unwinds
//! into Node, which would abort the process.

use std::fmt::Display;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The `code` of a thrown error, which index.js turns into its class.
pub enum Kind {
    /// A value presign cannot sign or read: `PresignError`.
    Presign,
    /// A value of the wrong type, or an unknown option: `TypeError`.
    Type,
    /// A Rust panic, caught: `PresignError`, saying it is a bug.
    Panic,
    /// Node-API itself failed (out of memory, a pending exception): thrown as is.
    Napi,
}

impl AsRef<str> for Kind {
    fn as_ref(&self) -> &str {
        match self {
            Kind::Presign => "PRESIGN_ERROR",
            Kind::Type => "PRESIGN_TYPE_ERROR",
            Kind::Panic => "PRESIGN_PANIC",
            Kind::Napi => "PRESIGN_NAPI",
        }
    }
}

/// What a call refuses, before it is thrown.
#[derive(Debug)]
pub enum Fail {
    Presign(String),
    Type(String),
    Napi(String),
}

impl From<napi::Error> for Fail {
    fn from(e: napi::Error) -> Self {
        Fail::Napi(e.reason.clone())
    }
}

pub type Result<T> = std::result::Result<T, Fail>;

/// `PresignError` with the library's message, prefixed by the option it is about (as the
/// CLI prefixes its flag): `expires: invalid duration "1y": ...`. The flags and keywords
/// the library's messages name are given as this package's options.
pub fn error(option: &str, message: impl Display) -> Fail {
    let message = camel_case(&message.to_string());
    if option.is_empty() {
        Fail::Presign(message)
    } else {
        Fail::Presign(format!("{option}: {message}"))
    }
}

/// `TypeError`.
pub fn type_error(message: impl Into<String>) -> Fail {
    Fail::Type(message.into())
}

/// A library error as `PresignError`, prefixed by the option it is about.
pub fn library(e: presign::Error) -> Fail {
    error(option_of(&e), e)
}

/// The option a library error from building or using a presigner is about.
pub fn option_of(e: &presign::Error) -> &'static str {
    match e {
        presign::Error::ExpiryTooLong { .. } | presign::Error::InvalidDuration { .. } => "expires",
        presign::Error::TimeOutOfRange { .. } | presign::Error::InvalidTime { .. } => "at",
        presign::Error::InvalidBucket { .. }
        | presign::Error::BucketNotDnsCompatible { .. }
        | presign::Error::DottedBucketOverHttps { .. }
        | presign::Error::AccelerateBucket { .. }
        | presign::Error::VirtualHostOnIp { .. } => "bucket",
        presign::Error::InvalidKey { .. } => "key",
        _ => "",
    }
}

/// Runs one call into the library: its refusals become the errors index.js throws, and a
/// panic becomes an error instead of unwinding into Node (which aborts the process).
pub fn guard<T>(f: impl FnOnce() -> Result<T>) -> napi::Result<T, Kind> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(Fail::Presign(m))) => Err(napi::Error::new(Kind::Presign, m)),
        Ok(Err(Fail::Type(m))) => Err(napi::Error::new(Kind::Type, m)),
        Ok(Err(Fail::Napi(m))) => Err(napi::Error::new(Kind::Napi, m)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            Err(napi::Error::new(
                Kind::Panic,
                format!("internal error (a bug in presign, please report it): {what}"),
            ))
        }
    }
}

/// The CLI's flags and the settings chain's keywords (`region=`) that the library's
/// messages name, as this package's options. Anything else is left as written.
const SPECIAL: [(&str, &str); 12] = [
    ("--signature v4", "signature: \"v4\""),
    ("--signature v2", "signature: \"v2\""),
    ("--path-style", "addressing: \"path\""),
    ("--virtual-host", "addressing: \"virtual\""),
    ("--meta", "metadata"),
    ("--copy-source", "source"),
    ("--parts", "partNumber"),
    ("--part", "partNumber"),
    ("--secret-key-file", "secretKey"),
    ("--config", "configFile"),
    ("--at", "at"),
    ("--sse-c-key", "sseCKey"),
];

/// The option names a `--flag` or `keyword=` of the library's messages may stand for.
const OPTIONS: &[&str] = &[
    "accessKey",
    "secretKey",
    "sessionToken",
    "endpoint",
    "region",
    "signature",
    "expires",
    "addressing",
    "dualstack",
    "fips",
    "accelerate",
    "profile",
    "configFile",
    "uploadId",
    "source",
    "versionId",
    "downloadAs",
    "responseContentType",
    "responseContentDisposition",
    "responseCacheControl",
    "responseContentEncoding",
    "responseContentLanguage",
    "responseExpires",
    "range",
    "contentType",
    "contentMd5",
    "checksumCrc32",
    "checksumCrc32c",
    "checksumSha1",
    "checksumSha256",
    "acl",
    "cacheControl",
    "contentDisposition",
    "contentEncoding",
    "contentLanguage",
    "storageClass",
    "tagging",
    "ifMatch",
    "ifNoneMatch",
    "contentLength",
    "sse",
    "sseKmsKeyId",
    "sseKmsContext",
    "sseBucketKey",
    "copySourceSseCKey",
    "objectLockMode",
    "objectLockRetainUntil",
    "legalHold",
    "requestPayer",
    "expectedBucketOwner",
    "inUrl",
    "sourceVersionId",
    "sourceRange",
    "metadataDirective",
    "taggingDirective",
    "copySourceIfMatch",
    "copySourceIfNoneMatch",
    "copySourceIfModifiedSince",
    "copySourceIfUnmodifiedSince",
    "expectedSourceBucketOwner",
    "contentTypePrefix",
    "minSize",
    "maxSize",
    "successStatus",
    "redirect",
    "fields",
    "prefix",
    "delimiter",
    "maxKeys",
    "startAfter",
    "continuationToken",
    "fetchOwner",
];

/// `content-type` or `content_type` as `contentType`.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
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

/// `message` with the CLI's flags (`--expires`) and the settings' keywords (`expires=`)
/// it names written as this package's options (`expires`).
pub fn camel_case(message: &str) -> String {
    if !message.contains("--") && !message.contains('=') {
        return message.to_owned();
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    'scan: while !rest.is_empty() {
        let at_word = out
            .chars()
            .last()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        if at_word && rest.starts_with("--") {
            for (flag, option) in SPECIAL {
                if let Some(after) = rest.strip_prefix(flag)
                    && !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
                {
                    out.push_str(option);
                    rest = after;
                    continue 'scan;
                }
            }
            let end = rest[2..]
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .map_or(rest.len(), |n| n + 2);
            let option = camel(&rest[2..end]);
            if OPTIONS.contains(&option.as_str()) {
                out.push_str(&option);
                rest = &rest[end..];
                continue;
            }
        }
        if at_word && rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            let end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .unwrap_or(rest.len());
            if rest[end..].starts_with('=') {
                let option = camel(&rest[..end]);
                if OPTIONS.contains(&option.as_str()) {
                    out.push_str(&option);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn flags_and_keywords_become_options() {
        assert_eq!(
            camel_case("an expiry over 7 days needs --signature v2; or shorten --expires"),
            "an expiry over 7 days needs signature: \"v2\"; or shorten expires"
        );
        assert_eq!(
            camel_case("region=: invalid region \"a b\"; see --path-style"),
            "region: invalid region \"a b\"; see addressing: \"path\""
        );
        assert_eq!(
            camel_case("give --content-type and --meta k=v, not --upload-file x=y"),
            "give contentType and metadata k=v, not --upload-file x=y"
        );
        assert_eq!(camel_case("a=b --sse-c-key"), "a=b sseCKey");
    }
}
