//! Presigned S3 URLs, byte for byte what botocore's `generate_presigned_url` produces.
//!
//! The library is pure: no clock, no environment, no files. Build a [`Config`] (by hand,
//! or from the variables and files a caller hands to [`settings`]), pick the signing
//! instant, create a [`Presigner`] once and ask it for as many URLs as you like.
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
//!
//! The root holds what signing needs: [`Presigner`] and its [`Config`] ([`Endpoint`],
//! [`Credentials`], [`Expiry`], [`SignatureVersion`], [`AddressingStyle`]), and the
//! [`Request`] to sign ([`Target`], [`SignedHeaders`], [`Param`], [`RequestOptions`]).
//! The rest is grouped by family:
//!
//! - [`request`]: what one URL may do: header and parameter checks, checksums, SSE-C
//!   keys, the flags that bound an upload (`RequestOptions`), listings and copies.
//! - [`endpoint`]: where the bucket lives: providers and their presets, AWS partitions and
//!   host names, and [`Placement`](endpoint::Placement), which turns a [`Provider`] into
//!   an endpoint, a signing region and an addressing style.
//! - [`files`]: presign's profile file and the AWS shared files, parsed from text the
//!   caller has read.
//! - [`settings`]: the settings chain: overrides, variables, profile files and presets
//!   resolved to one `Config`, with where each value came from. With the `system`
//!   feature, `OsSystem` reads the real files.
//! - [`post`]: browser upload forms (`presign_post`) and their policies.
//! - [`inspect`]: reading a presigned URL back into its parts.
//! - [`verify`]: checking a presigned URL offline against the keys, and why a server
//!   would refuse it.
//! - [`quote`]: values quoted for messages, with secret-shaped text hidden.

// The public API is what the root and the family modules re-export, on purpose: an item
// marked `pub` that no path reaches from outside, or a type a public signature uses but no
// caller can name, is a mistake in that list.
#![warn(unreachable_pub, unnameable_types)]

mod credentials;
mod encode;
mod error;
mod expiry;
mod hex;
mod param;
pub mod quote;
mod secret;
mod time;

pub mod endpoint;
pub mod files;
pub mod inspect;
pub mod naming;
pub mod post;
pub mod request;
pub mod settings;
mod sign;
pub mod verify;

pub use credentials::Credentials;
pub use endpoint::{AddressingStyle, Endpoint, Provider, SignatureVersion};
pub use error::{Error, ErrorKind};
pub use expiry::{Expiry, SIGV4_MAX_EXPIRES};
pub use http::{self, Method};
pub use param::{Param, Params};
pub use request::{ListOptions, PartNumber, Request, RequestOptions, SignedHeaders, Target};
pub use secret::Secret;
pub use sign::{Config, Presigner};
pub use time::{format_time, parse_time};
