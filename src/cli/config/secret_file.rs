//! The secret key from a file or from stdin (`--secret-key-file`): the first line, read
//! in bounded memory that is wiped on drop.

use crate::cli::failure::Failure;
use anyhow::anyhow;
use presign::Secret;
use presign::quote::ShownPath;
use presign::settings::read_secret_line;
use std::io;
use std::path::Path;

/// The first line of a file (or stdin for `-`), without its line ending.
pub fn read_secret_file(path: &Path, stdin_is_targets: bool) -> Result<Secret, Failure> {
    let what = format!("--secret-key-file {}", ShownPath(path));
    let found = if path == Path::new("-") {
        if stdin_is_targets {
            return Err(Failure::usage(anyhow!(
                "--secret-key-file - and the target - both want stdin; put the secret in a file or read targets from a file with xargs"
            )));
        }
        read_secret_line(&mut io::stdin().lock())
            .map_err(|e| Failure::config(anyhow!("{what}: cannot read stdin: {e}")))?
    } else {
        let mut file = std::fs::File::open(path).map_err(|e| {
            Failure::config(match e.kind() {
                io::ErrorKind::NotFound => anyhow!("{what}: no such file"),
                _ => anyhow!("{what}: cannot read it: {e}"),
            })
        })?;
        read_secret_line(&mut file)
            .map_err(|e| Failure::config(anyhow!("{what}: cannot read it: {e}")))?
    };
    found.map_err(|e| Failure::config(anyhow!("{what}: {}", e.describe(false))))
}
