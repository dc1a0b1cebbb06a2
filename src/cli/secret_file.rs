//! The secret key from a file, from stdin, or from the output of a command.

use crate::cli::failure::Failure;
use crate::cli::files::read_text;
use anyhow::{Context, anyhow};
use presign::Secret;
use std::io::BufRead;
use std::path::Path;
use zeroize::Zeroizing;

/// The first line of a file (or stdin for `-`), without its line ending.
pub fn read_secret_file(path: &Path, stdin_is_targets: bool) -> Result<Secret, Failure> {
    let mut line = Zeroizing::new(String::new());
    if path == Path::new("-") {
        if stdin_is_targets {
            return Err(Failure::usage(anyhow!(
                "--secret-key-file - and the target - both want stdin; put the secret in a file or read targets from a file with xargs"
            )));
        }
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("--secret-key-file -: cannot read stdin")
            .map_err(Failure::config)?;
    } else {
        let text = read_text(path).map_err(Failure::config)?.ok_or_else(|| {
            Failure::config(anyhow!(
                "--secret-key-file {}: no such file",
                path.display()
            ))
        })?;
        line.push_str(text.lines().next().unwrap_or(""));
    }
    let secret = line.trim_end_matches(['\r', '\n']);
    if secret.is_empty() {
        return Err(Failure::config(anyhow!(
            "--secret-key-file {}: the first line is empty; put the secret key on it",
            path.display()
        )));
    }
    Ok(Secret::new(secret))
}

/// Runs `secret_key_command` through the shell and takes the first line of its output.
/// Its output is never shown: it is the secret.
pub fn run_secret_command(cmd: &str, origin: &str) -> Result<Secret, Failure> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Failure::config(anyhow!("{origin}: cannot run {cmd:?}: {e}")))?;
    let stdout = Zeroizing::new(output.stdout);
    if !output.status.success() {
        return Err(Failure::config(anyhow!(
            "{origin}: {cmd:?} failed ({}); run it yourself to see why",
            output.status
        )));
    }
    let text = std::str::from_utf8(&stdout).map_err(|_| {
        Failure::config(anyhow!(
            "{origin}: {cmd:?} printed something that is not UTF-8"
        ))
    })?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(Failure::config(anyhow!(
            "{origin}: {cmd:?} printed nothing on its first line; it must print the secret key"
        )));
    }
    Ok(Secret::new(line))
}
