//! Errors at the boundary: what a call refuses, thrown as `PresignError` or `TypeError`
//! (index.js makes them from the error's `code`), and a panic caught before it unwinds
//! into Node, which would abort the process.

use presign::naming::{Case, Spelling, respell};
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

/// This package's options: the library's [`presign::naming`] writes the CLI's flags and
/// the settings chain's keywords (`region=`) in its messages as these, with a value as
/// JavaScript writes it (`expires: "7d"`, `dualstack: true`). A flag that is no option
/// here (curl's `--upload-file`) is left as written.
const NODE: Spelling = Spelling {
    case: Case::Camel,
    assign: ": ",
    bare: "",
    truth: "true",
    renamed: &[
        ("secret-key-file", "secret-key"),
        ("config", "config-file"),
        ("meta", "metadata"),
        ("copy-source", "source"),
        ("parts", "part-number"),
        ("part", "part-number"),
    ],
    known: OPTIONS,
    phrases: &[
        (
            "quote it for the shell: --if-none-match '*'",
            "pass ifNoneMatch: \"*\"",
        ),
        (
            "a PUT URL instead: presign put BUCKET/KEY",
            "a PUT URL instead (put)",
        ),
    ],
};

/// The option names a `--flag` or `keyword=` of the library's messages may stand for.
const OPTIONS: &[&str] = &[
    "at",
    "metadata",
    "partNumber",
    "sseCKey",
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
    Case::Camel.apply(name)
}

/// `message` with the CLI's flags (`--expires 7d`) and the settings' keywords
/// (`expires=`) it names written as this package's options (`expires: "7d"`).
pub fn camel_case(message: &str) -> String {
    respell(message, &NODE)
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
        assert_eq!(
            camel_case("the limit is 604800 s (7d); use --expires 7d or less, or --signature v2"),
            "the limit is 604800 s (7d); use expires: \"7d\" or less, or signature: \"v2\""
        );
        assert_eq!(
            camel_case("use it with --endpoint aws, or drop --dualstack (accelerate=)"),
            "use it with endpoint: \"aws\", or drop dualstack: true (accelerate: true)"
        );
        assert_eq!(
            camel_case("config_file=: no such file; pass profile= \"storj\" or --part 3"),
            "configFile: no such file; pass profile: \"storj\" or partNumber: 3"
        );
        assert_eq!(
            camel_case(
                "invalid key \"--expires 7d\" (aws configure export-credentials --profile dev)"
            ),
            "invalid key \"--expires 7d\" (aws configure export-credentials --profile dev)"
        );
    }
}
