//! The binary's half: everything that touches arguments, the environment, files and
//! stdout. The library never sees any of it.

pub mod args;
pub mod aws_profile;
pub mod complete_body;
pub mod digest;
pub mod endpoints;
pub mod env;
pub mod expiring_keys;
pub mod failure;
pub mod files;
pub mod format;
pub mod generate;
pub mod inspect;
pub mod layer;
pub mod lines;
pub mod note;
pub mod operation;
pub mod output;
pub mod place;
pub mod post;
pub mod post_page;
pub mod request_args;
pub mod request_flags;
pub mod resolve;
pub mod secret_file;
pub mod sources;
pub mod url_args;
pub mod values;
pub mod verify;
