//! End to end: the real `presign` binary's URLs and forms sent by real programs (curl, sh,
//! a browser, the Python package's tests) to real S3 servers on 127.0.0.1 (s3s-fs
//! in-process, moto's server). See tests/README.md.

#[path = "../support/mod.rs"]
mod support;

mod basics;
mod browser_post;
mod curl;
mod moto;
mod multipart;
mod node;
mod post;
mod python;
mod request;
mod verify;
mod verify_headers;
