//! Presigned S3 URLs, byte for byte what botocore's `generate_presigned_url` produces.
//!
//! The library is pure: no clock, no environment, no files. Build a [`Config`], pick the
//! signing instant, create a [`Presigner`] once and ask it for as many URLs as you like.
//! The profile and AWS shared-file parsers work on text the caller has read.
//!
//! ```
//! use presign::{Config, Credentials, Presigner, Request, Target};
//!
//! let creds = Credentials::new("AKIAIOSFODNN7EXAMPLE", "secret".into(), None)?;
//! let config = Config::new("eu1".parse()?, "us-east-1", creds);
//! let presigner = Presigner::new(&config, presign::parse_time("2026-01-01T00:00:00Z")?)?;
//! let url = presigner.presign(&Request::put(Target::parse("b-1/a b.txt")?))?;
//! assert!(url.starts_with("https://gateway.eu1.storjshare.io/b-1/a%20b.txt?"));
//! # Ok::<(), presign::Error>(())
//! ```

mod credentials;
mod encode;
mod error;
mod expiry;
mod hex;
mod param;
mod quote;
mod secret;
mod time;

pub mod endpoint;
pub mod files;
pub mod inspect;
pub mod post;
pub mod request;
mod sign;
pub mod verify;

pub use credentials::Credentials;
pub use encode::{encode_copy_source, percent_decode};
pub use endpoint::aws::{
    AwsOptions, PARTITIONS, Partition, aws_endpoint, aws_partition, aws_region_alias,
};
pub use endpoint::placement::{PlaceOptions, PlaceWarning, Placement};
pub use endpoint::preset::{PRESET_NAMES, PRESETS, Preset};
pub use endpoint::provider::{DefaultAddressing, Provider, STORJ_PRESETS};
pub use endpoint::region::{check_region, region_from_host};
pub use endpoint::{Endpoint, redact_user_info};
pub use error::{Error, ErrorKind};
pub use expiry::{Expiry, SIGV4_MAX_EXPIRES};
pub use files::aws::{IniFile, IniSection};
pub use files::profile::{DurationValue, Profile, ProfileFile};
pub use http::{self, HeaderName, HeaderValue, Method};
pub use inspect::{Presigned, QueryPair, SessionToken, parse as parse_presigned};
pub use param::{MAX_PARAMS, Param, Params};
pub use post::{
    Condition, ContentTypeRule, FILENAME_PLACEHOLDER, FormFields, MAX_POST_SIZE, PostForm,
    PostPolicy, SuccessStatus, presign_post, push_json_string,
};
pub use quote::{Quoted, ShownPath, hide_secrets, holds_secret_shape, one_line};
pub use request::checksum::{Checksum, digest_stream};
pub use request::disposition::attachment;
pub use request::headers::{SECRET_HEADERS, SignedHeaders, may_go_in_query};
pub use request::options::{
    ListOptions, ListParam, OptionHeader, RequestOptions, SIGV2_IN_URL_REFUSAL, copy_ignores,
    sigv2_refusal,
};
pub use request::sse_c::{COPY_SOURCE_SSE_C_HEADERS, CustomerKey, SSE_C_HEADERS};
pub use request::target::{
    MAX_BUCKET_BYTES, MAX_KEY_BYTES, Target, bucket_is_dns_compatible, check_bucket,
    check_dns_bucket,
};
pub use request::values::{
    CANNED_ACLS, check_canned_acl, check_meta_key, check_range, check_storage_class, check_tagging,
    http_date,
};
pub use request::{NO_HEADERS, PartNumber, Request};
pub use secret::Secret;
pub use sign::{AddressingStyle, Config, Presigner, SignatureVersion};
pub use time::{format_time, parse_time};
pub use verify::{
    Attempt, MAX_CLOCK_SKEW_SECS, Refusal, Report, Timing, Verifier, redact_token, refusal,
};
