//! The binary's half: everything that touches arguments, the environment, files and
//! stdout. The library never sees any of it.
//!
//! Four rooms and four leaves, with dependencies that go one way:
//!
//! - [`args`]: the command line as typed. clap only; it uses no other room.
//! - [`config`]: flags + environment + files → one resolved [`config::Settings`]. Uses
//!   `args` and the leaves.
//! - [`commands`]: one module per subcommand. Uses `args`, `config`, `output` and the
//!   leaves; nothing uses it but `main.rs`.
//! - [`output`]: how results are written (formats, notes, stdout). Uses `args::Format`
//!   and the leaves only: it never sees configuration or a command.
//! - Leaves, which use no room: [`failure`] (errors and exit codes), [`kind`] (what a URL
//!   is for), [`lines`] (bounded line reading) and [`parts`] (a file's parts for a
//!   multipart upload).
//!
//! A new piece goes in the room whose job it is; if it would need an arrow against this
//! order, the shared part belongs one level down (a leaf, or the library).

pub mod args;
pub mod commands;
pub mod config;
pub mod failure;
pub mod kind;
pub mod lines;
pub mod output;
pub mod parts;
