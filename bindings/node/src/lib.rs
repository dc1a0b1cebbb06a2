//! The native half of the `presign-s3` npm package: `presign.node`.
//!
//! This crate signs nothing itself: it converts JavaScript arguments to presign's request
//! model, calls the library and converts its answers and refusals back. index.js wraps it:
//! the `Presigner` class, the `PresignError` class its errors become (by their `code`),
//! and the warnings it emits.

// The unit tests' build has no Node to register the exports with: they look unused there.
#![cfg_attr(test, allow(dead_code))]

mod error;
mod inspect;
mod js;
mod options;
mod presigner;
mod settings;

use napi_derive::napi;

/// Panics on purpose, so the tests can show that a Rust panic reaches JavaScript as an
/// error instead of aborting the Node process.
#[napi(js_name = "_panicForTest")]
pub fn panic_for_test() -> napi::Result<(), error::Kind> {
    error::guard(|| panic!("presign: deliberate panic for the test suite"))
}

/// The package's version.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
