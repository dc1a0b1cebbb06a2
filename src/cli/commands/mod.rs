//! One module per subcommand. Each takes what was typed (`args`), resolves what it needs
//! (`config`) and writes through `output`; nothing but `main.rs` calls into here.

pub mod config;
pub mod endpoints;
pub mod generate;
pub mod inspect;
pub mod post;
pub mod url;
pub mod verify;
