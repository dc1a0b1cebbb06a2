//! The secret key from a file, from stdin, or from the output of a command: the first
//! line, read in bounded memory that is wiped on drop.

use crate::cli::failure::Failure;
use crate::cli::lines::{LineRead, read_line_bounded};
use anyhow::anyhow;
use presign::Secret;
use presign::quote::{Quoted, ShownPath};
use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use zeroize::Zeroizing;

/// Secret keys are 40 to 64 characters. A first line longer than this is not a secret
/// key (a private key, a binary, a file with no newline), and is refused, unread.
pub const MAX_SECRET_LINE: usize = 4096;

/// What `secret_key_command` may print after the first line (notes, as `pass` prints),
/// read and thrown away so that the command can finish.
const MAX_COMMAND_OUTPUT: usize = 1 << 20;

/// The first line of `reader`, or why there is none.
enum FirstLine {
    Line(Secret),
    Empty,
    TooLong,
    NotUtf8,
}

/// Reads at most `MAX_SECRET_LINE + 2` bytes (a line and its CRLF), stopping at the first
/// newline, into memory that is wiped on drop.
fn first_line(reader: &mut dyn Read) -> io::Result<FirstLine> {
    let mut bytes = Zeroizing::new(vec![0u8; MAX_SECRET_LINE + 2]);
    let mut filled = 0;
    while filled < bytes.len() {
        match reader.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                let newline = bytes[filled..filled + n].contains(&b'\n');
                filled += n;
                if newline {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let mut line = Zeroizing::new(Vec::with_capacity(MAX_SECRET_LINE + 1));
    let found = read_line_bounded(&mut &bytes[..filled], &mut line, MAX_SECRET_LINE)?;
    Ok(match found {
        LineRead::TooLong => FirstLine::TooLong,
        LineRead::Eof => FirstLine::Empty,
        LineRead::Line if line.is_empty() => FirstLine::Empty,
        LineRead::Line => match std::str::from_utf8(&line) {
            Ok(text) => FirstLine::Line(Secret::new(text)),
            Err(_) => FirstLine::NotUtf8,
        },
    })
}

/// The first line of a file (or stdin for `-`), without its line ending.
pub fn read_secret_file(path: &Path, stdin_is_targets: bool) -> Result<Secret, Failure> {
    let what = format!("--secret-key-file {}", ShownPath(path));
    let found = if path == Path::new("-") {
        if stdin_is_targets {
            return Err(Failure::usage(anyhow!(
                "--secret-key-file - and the target - both want stdin; put the secret in a file or read targets from a file with xargs"
            )));
        }
        first_line(&mut io::stdin().lock())
            .map_err(|e| Failure::config(anyhow!("{what}: cannot read stdin: {e}")))?
    } else {
        let mut file = std::fs::File::open(path).map_err(|e| {
            Failure::config(match e.kind() {
                io::ErrorKind::NotFound => anyhow!("{what}: no such file"),
                _ => anyhow!("{what}: cannot read it: {e}"),
            })
        })?;
        first_line(&mut file)
            .map_err(|e| Failure::config(anyhow!("{what}: cannot read it: {e}")))?
    };
    match found {
        FirstLine::Line(secret) => Ok(secret),
        FirstLine::Empty => Err(Failure::config(anyhow!(
            "{what}: the first line is empty; put the secret key on it"
        ))),
        FirstLine::TooLong => Err(Failure::config(anyhow!(
            "{what}: the first line is longer than {MAX_SECRET_LINE} bytes, which no secret key is; check that this is the right file"
        ))),
        FirstLine::NotUtf8 => Err(Failure::config(anyhow!(
            "{what}: the first line is not valid UTF-8; check that this is the right file"
        ))),
    }
}

/// Runs `secret_key_command` through the shell and takes the first line of its output.
/// Its output is never shown: it is the secret. Lines after the first (`pass` prints
/// notes there) are read and thrown away, so the command can finish and report success.
pub fn run_secret_command(cmd: &str, origin: &str) -> Result<Secret, Failure> {
    // The command is quoted as any setting is: a secret pasted there is not shown.
    let shown = Quoted(cmd);
    let fail = |message: String| Failure::config(anyhow!("{origin}: {shown} {message}"));
    // A secret key pasted as the command would be echoed by the shell ("sh: 1: ...: not
    // found") before presign could hide it: it is not run.
    if !cmd.trim().contains(char::is_whitespace) && presign::quote::holds_secret_shape(cmd) {
        return Err(Failure::config(anyhow!(
            "{origin}: {shown} is not run: it looks like a secret key, not a command; set secret_key_command to a command that prints the secret key (e.g. pass show storj/secret-key)"
        )));
    }
    // The platform's shell, as git runs its credential helpers: `sh -c` on Unix,
    // `cmd /C` on Windows, which has no sh.
    #[cfg(not(windows))]
    let mut shell = Command::new("sh");
    #[cfg(not(windows))]
    shell.arg("-c");
    #[cfg(windows)]
    let mut shell = Command::new("cmd");
    #[cfg(windows)]
    shell.arg("/C");
    let mut child = shell
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| Failure::config(anyhow!("{origin}: cannot run {shown}: {e}")))?;
    let Some(mut stdout) = child.stdout.take() else {
        return Err(fail("has no stdout to read".to_owned()));
    };
    let found = first_line(&mut stdout);
    // No need to wait for the rest of something that is not a secret key, nor for a
    // command that does not stop talking (`yes`).
    let mut overflow = matches!(found, Ok(FirstLine::TooLong));
    let mut scratch = Zeroizing::new([0u8; 512]);
    let mut rest = 0;
    while !overflow {
        match stdout.read(&mut scratch[..]) {
            Ok(0) => break,
            Ok(n) => {
                rest += n;
                overflow = rest > MAX_COMMAND_OUTPUT;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    if overflow {
        let _ = child.kill();
    }
    drop(stdout);
    let status = child
        .wait()
        .map_err(|e| fail(format!("could not be waited for: {e}")))?;
    if overflow && !matches!(found, Ok(FirstLine::TooLong)) {
        return Err(fail(format!(
            "printed more than {MAX_COMMAND_OUTPUT} bytes after its first line; it must print the secret key and stop"
        )));
    }
    let found = found.map_err(|e| fail(format!("could not be read: {e}")))?;
    let message = match found {
        FirstLine::TooLong => format!(
            "printed a first line longer than {MAX_SECRET_LINE} bytes; it must print the secret key on its first line"
        ),
        _ if !status.success() => format!("failed ({status}); run it yourself to see why"),
        FirstLine::Line(secret) => return Ok(secret),
        FirstLine::Empty => {
            "printed nothing on its first line; it must print the secret key".to_owned()
        }
        FirstLine::NotUtf8 => "printed something that is not UTF-8".to_owned(),
    };
    Err(fail(message))
}
