//! The real `presign` binary, run as a user runs it, with no server: each module starts it
//! in an empty temporary HOME (or one the test writes) and checks what it prints and its
//! exit code. See tests/README.md.

#[path = "../support/mod.rs"]
mod support;

mod basics;
mod completions;
mod docs;
mod errors;
mod failure_modes;
mod multipart;
mod post;
mod providers;
mod readback;
mod request;
mod settings;
mod settings_shown;
mod verify;
