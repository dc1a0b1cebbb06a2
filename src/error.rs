//! The library's one error type.
//!
//! Every variant names the value that was wrong (never a secret) and says what to do
//! instead, because these messages are shown to the user as they are. Values the user
//! set go through [`Quoted`]: escaped onto one line, and hidden when they look like a
//! secret key. Targets are data, not settings: they are quoted as they are (a key may
//! well be a 40-character hash, and the URL would print it anyway).

use crate::quote::{Quoted, hide_secrets, one_line};
use std::fmt;

/// What kind of mistake an [`Error`] reports; the CLI maps it to an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input was wrong: a target, a bucket, a key, a duration, a time, an endpoint.
    Input,
    /// A configuration file or a credential was wrong or missing.
    Config,
}

/// An error from parsing input, loading a profile or presigning.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("invalid target {}: {reason}; write it as BUCKET/KEY or s3://BUCKET/KEY", Quoted(.target))]
    InvalidTarget {
        target: String,
        reason: &'static str,
    },

    /// Another form pasted where `BUCKET/KEY` goes: a URL, `s3:/b/k`, an ARN, or a host
    /// name as the bucket. `reason` says what it is and what to write instead.
    #[error("invalid target {}: {}", Quoted(.target), hide_secrets(.reason))]
    MistypedTarget { target: String, reason: String },

    #[error(
        "bucket {} cannot exist in {region}: its name is a legacy one ({reason}), which only buckets made in us-east-1 before March 2018 can have; sign for us-east-1 (--region us-east-1) if the bucket is there, else check its name",
        Quoted(.bucket)
    )]
    LegacyBucketOutsideUsEast1 {
        bucket: String,
        region: String,
        reason: &'static str,
    },

    #[error("invalid bucket name {}: {reason}", Quoted(.bucket))]
    InvalidBucket {
        bucket: String,
        reason: &'static str,
    },

    #[error(
        "bucket {} cannot be a host name, as virtual-host addressing needs: {reason}; use path style",
        Quoted(.bucket)
    )]
    BucketNotDnsCompatible {
        bucket: String,
        reason: &'static str,
    },

    #[error("invalid object key in {}: {reason}", Quoted(.target))]
    InvalidKey { target: String, reason: String },

    #[error(
        "invalid duration {}: {reason}; use seconds (3600) or a number with a unit: 90s, 15m, 12h, 7d",
        Quoted(.value)
    )]
    InvalidDuration { value: String, reason: &'static str },

    #[error(
        "expiry of {seconds} s is too long for SigV4: the limit is 604800 s (7d); use --expires 7d or less, or --signature v2"
    )]
    ExpiryTooLong { seconds: u64 },

    #[error("invalid time {}: {reason}; use RFC 3339, e.g. 2026-01-01T00:00:00Z", Quoted(.value))]
    InvalidTime { value: String, reason: String },

    /// `hint` says what the value looks like and what to write for it.
    #[error(
        "unknown endpoint {}: {}use a URL such as https://s3.example.com[:port] or a preset (presign endpoints describes them): {}",
        Quoted(.value),
        hint.as_deref().map(|h| format!("{h}; else ")).unwrap_or_default(),
        crate::endpoint::preset::presets_by_provider()
    )]
    UnknownEndpoint { value: String, hint: Option<String> },

    /// An endpoint URL with the bucket in front of a provider's S3 host, as a bucket's URL
    /// has it: presign puts the bucket in itself, so every URL would name it twice.
    #[error(
        "invalid endpoint {}: it holds the bucket {} in front of the S3 host; write {}, and give the bucket in the target ({}/KEY)",
        Quoted(.value),
        Quoted(.bucket),
        hide_secrets(.options),
        hide_secrets(.bucket)
    )]
    EndpointWithBucket {
        value: String,
        bucket: String,
        options: String,
    },

    /// A host name given as the endpoint, or a URL with its `//` mistyped.
    #[error("invalid endpoint {}: an endpoint is a URL; write {}", Quoted(.value), hide_secrets(.fix))]
    EndpointWithoutScheme { value: String, fix: String },

    #[error("invalid endpoint {}: {reason}", Quoted(.value))]
    InvalidEndpoint { value: String, reason: &'static str },

    #[error("invalid endpoint {}: {reason}", Quoted(.value))]
    InvalidPreset { value: String, reason: String },

    #[error("{option} is not available for region {}: {reason}", hide_secrets(.region))]
    AwsOptionUnavailable {
        option: &'static str,
        region: String,
        reason: &'static str,
    },

    #[error(
        "{option} names AWS S3 hosts, but the endpoint is {}; use it with --endpoint aws, or drop {option}",
        hide_secrets(.endpoint)
    )]
    AwsOnlyOption {
        option: &'static str,
        endpoint: String,
    },

    #[error(
        "region {} cannot be part of an AWS host name: an AWS region is lowercase letters, digits and '-', e.g. eu-west-1",
        Quoted(.value)
    )]
    InvalidAwsRegion { value: String },

    #[error("{reason}; use --signature v4")]
    SigV2Unsupported { reason: &'static str },

    #[error(
        "path style cannot be used with S3 Transfer Acceleration (--accelerate), which takes the bucket in the host name; drop one of them"
    )]
    PathStyleWithAccelerate,

    #[error(
        "bucket {} cannot be used with --accelerate: {reason}, and S3 Transfer Acceleration takes the bucket in the host name only; drop --accelerate",
        Quoted(.bucket)
    )]
    AccelerateBucket {
        bucket: String,
        reason: &'static str,
    },

    #[error(
        "invalid region {}: {reason}; use letters, digits, '-', '_' or '.', e.g. us-east-1",
        Quoted(.value)
    )]
    InvalidRegion { value: String, reason: &'static str },

    #[error("invalid signature version {}: use v4 or v2", Quoted(.value))]
    InvalidSignatureVersion { value: String },

    #[error("invalid access key {}: {reason}", Quoted(.value))]
    InvalidAccessKey { value: String, reason: &'static str },

    /// The access key has a secret key's shape, so it is not quoted.
    #[error(
        "invalid access key: it looks like a secret key ({length} characters), so it is not shown; {}",
        if *swapped {
            "and the secret key looks like an access key id: the two look swapped"
        } else {
            "give the access key id (e.g. AKIA... or the 28-character Storj id) instead"
        }
    )]
    AccessKeyLooksLikeSecret { length: usize, swapped: bool },

    #[error("invalid {what}: {reason}")]
    InvalidSecret {
        what: &'static str,
        reason: &'static str,
    },

    #[error(
        "bucket {} contains '.', which breaks TLS certificate checks for https://{}.{host}; drop --virtual-host to use path style",
        Quoted(.bucket),
        hide_secrets(.bucket)
    )]
    DottedBucketOverHttps { bucket: String, host: String },

    #[error(
        "--virtual-host needs a DNS name in the endpoint, not the IP address {host}; drop --virtual-host to use path style"
    )]
    VirtualHostOnIp { host: String },

    #[error("signing time {time} is outside the years 1970 to 9999; pass a time in that range")]
    TimeOutOfRange { time: String },

    #[error("unknown query parameter {}: presign signs S3's object sub-resources only", Quoted(.name))]
    UnknownParam { name: String },

    #[error("query parameter {param} is given twice")]
    DuplicateParam { param: crate::param::Param },

    #[error("invalid {param} {}: {reason}", Quoted(.value))]
    InvalidParam {
        param: crate::param::Param,
        value: String,
        reason: &'static str,
    },

    #[error("invalid part number {}: S3 numbers parts 1 to 10000", Quoted(.value))]
    InvalidPartNumber { value: String },

    #[error(
        "header {} cannot be signed: presign sets it itself or proxies change it",
        Quoted(.name)
    )]
    ReservedHeader { name: String },

    #[error("header {} is given twice", Quoted(.name))]
    DuplicateHeader { name: String },

    #[error("invalid header name {}: use letters, digits and '-'", Quoted(.name))]
    InvalidHeaderName { name: String },

    #[error("invalid value {} for header {name}: {reason}", Quoted(.value))]
    InvalidHeaderValue {
        name: String,
        value: String,
        reason: &'static str,
    },

    /// A value of one of [`crate::RequestOptions`]' options (or [`crate::ListOptions`]'),
    /// named as the CLI's flag without `--`; `reason` quotes the value (never a secret).
    #[error("{option}: {reason}")]
    InvalidOption {
        option: &'static str,
        reason: String,
    },

    #[error(
        "SigV2 cannot sign the {header} header (botocore drops it without a word, so the URL would not enforce it); use --signature v4"
    )]
    UnsignableWithSigV2 { header: String },

    #[error(
        "SigV2 does not sign the {param} parameter (anyone holding the URL could change it); use --signature v4"
    )]
    UnsignableParamWithSigV2 { param: crate::param::Param },

    #[error(
        "SigV2 cannot carry the {header} header in the URL (only SigV4 signs headers moved into the query); use --signature v4"
    )]
    HoistedWithSigV2 { header: String },

    /// The key is a secret: the message never holds it.
    #[error("invalid SSE-C key: {reason} (the value is not shown: it is a secret)")]
    InvalidCustomerKey { reason: String },

    #[error("invalid {header} value {}: {reason}", Quoted(.value))]
    InvalidChecksum {
        header: &'static str,
        value: String,
        reason: &'static str,
    },

    #[error("invalid file name {}: {reason}", Quoted(.value))]
    InvalidFileName { value: String, reason: &'static str },

    #[error("{} is not a URL: {reason}", Quoted(.value))]
    NotAUrl { value: String, reason: &'static str },

    #[error("{} is not a presigned S3 URL: {reason}", Quoted(.url))]
    NotPresigned { url: String, reason: String },
    #[error("the size range runs backwards: the minimum {min} is above the maximum {max}")]
    SizeRangeBackwards { min: u64, max: u64 },

    #[error("invalid form field name {}: use letters, digits, '-', '_' and '.'", Quoted(.name))]
    InvalidFieldName { name: String },

    #[error(
        "form field {} {}",
        Quoted(.name),
        match instead {
            Some(option) => format!("has its own option: use {option}"),
            None => "is one presign sets itself; leave it out".to_owned(),
        }
    )]
    ReservedField {
        name: String,
        instead: Option<&'static str>,
    },

    #[error(
        "form field {} is given twice (field names are case-insensitive)",
        Quoted(.name)
    )]
    DuplicateField { name: String },

    #[error("invalid redirect {}: {reason}", Quoted(.value))]
    InvalidRedirect { value: String, reason: &'static str },

    // The message is the parser's, which quotes what it found (`unknown field `...``).
    #[error("{}:{line}:{column}: {}", one_line(.path), one_line(&hide_secrets(.message)))]
    ProfileSyntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Error {
    /// Whether this is an input mistake or a configuration problem.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::ProfileSyntax { .. } => ErrorKind::Config,
            Error::InvalidAccessKey { .. }
            | Error::AccessKeyLooksLikeSecret { .. }
            | Error::InvalidSecret { .. } => ErrorKind::Config,
            _ => ErrorKind::Input,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Input => "input error",
            ErrorKind::Config => "configuration error",
        })
    }
}
