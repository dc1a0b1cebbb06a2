//! What the settings read outside the process's memory, handed in by the caller: files and
//! the output of `secret_key_command`. [`OsSystem`] (the `system` feature) is the real one;
//! tests and embedders may give their own.

use crate::Secret;
use crate::quote::{Quoted, ShownPath};
use crate::settings::Error;
use std::io::{self, Read};
use std::path::Path;
use zeroize::Zeroizing;

/// The largest profile file or AWS shared file presign reads. A real one is a few KiB;
/// anything past this is the wrong file (`--config /dev/zero`, a disk image, a log),
/// and reading it whole would take the memory and the time it is big.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Secret keys are 40 to 64 characters. A first line longer than this is not a secret
/// key (a private key, a binary, a file with no newline), and is refused, unread.
pub const MAX_SECRET_LINE: usize = 4096;

/// The files and commands the settings need.
pub trait System {
    /// At most the first `limit` bytes of the file at `path`; `Ok(None)` if it does not
    /// exist.
    fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Zeroizing<Vec<u8>>>>;

    /// Whether users other than the owner may read the file: a secret in it deserves a
    /// warning, as ssh gives for private keys.
    fn readable_by_others(&self, path: &Path) -> Option<u32> {
        let _ = path;
        None
    }

    /// Runs `command` (a profile's `secret_key_command`) and returns the secret key it
    /// prints on its first line, or why it did not.
    fn secret_from_command(&self, command: &str) -> Result<Secret, CommandFailure>;
}

/// Why `secret_key_command` gave no secret key.
#[derive(Debug)]
pub enum CommandFailure {
    /// It could not be started.
    NotStarted(io::Error),
    /// It ran; what went wrong, as a phrase that follows the command ("failed (exit
    /// status: 1); run it yourself to see why").
    Failed(String),
}

/// Reads a whole file of at most [`MAX_CONFIG_BYTES`]; `Ok(None)` if it does not exist.
/// The text is wiped on drop.
pub(crate) fn read_text(
    system: &dyn System,
    path: &Path,
) -> Result<Option<Zeroizing<String>>, Error> {
    let shown = ShownPath(path);
    let bytes = system
        .read(path, MAX_CONFIG_BYTES + 1)
        .map_err(|e| Error::config(format!("cannot read {shown}: {e}")))?;
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Error::config(format!(
            "{shown}: the file is larger than {} MiB, which no profile or AWS shared file is; check that this is the right file",
            MAX_CONFIG_BYTES >> 20
        )));
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::config(format!("{shown}: the file is not valid UTF-8")))?;
    Ok(Some(Zeroizing::new(text.to_owned())))
}

/// Runs `secret_key_command` through `system`, its failure named with where it was set.
/// A secret key pasted as the command is not run: the shell would echo it
/// ("sh: 1: ...: not found") before presign could hide it.
pub(crate) fn run_secret_command(
    system: &dyn System,
    command: &str,
    origin: &str,
) -> Result<Secret, Error> {
    // The command is quoted as any setting is: a secret pasted there is not shown.
    let shown = Quoted(command);
    if !command.trim().contains(char::is_whitespace) && crate::quote::holds_secret_shape(command) {
        return Err(Error::config(format!(
            "{origin}: {shown} is not run: it looks like a secret key, not a command; set secret_key_command to a command that prints the secret key (e.g. pass show storj/secret-key)"
        )));
    }
    system
        .secret_from_command(command)
        .map_err(|failure| match failure {
            CommandFailure::NotStarted(e) => {
                Error::config(format!("{origin}: cannot run {shown}: {e}"))
            }
            CommandFailure::Failed(message) => {
                Error::config(format!("{origin}: {shown} {message}"))
            }
        })
}

/// Why a first line is not a secret key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretLineError {
    Empty,
    TooLong,
    NotUtf8,
}

impl SecretLineError {
    /// What is wrong, for a message that names the file or command first.
    pub fn describe(self, printed: bool) -> String {
        match (self, printed) {
            (SecretLineError::Empty, false) => {
                "the first line is empty; put the secret key on it".to_owned()
            }
            (SecretLineError::Empty, true) => {
                "printed nothing on its first line; it must print the secret key".to_owned()
            }
            (SecretLineError::TooLong, false) => format!(
                "the first line is longer than {MAX_SECRET_LINE} bytes, which no secret key is; check that this is the right file"
            ),
            (SecretLineError::TooLong, true) => format!(
                "printed a first line longer than {MAX_SECRET_LINE} bytes; it must print the secret key on its first line"
            ),
            (SecretLineError::NotUtf8, false) => {
                "the first line is not valid UTF-8; check that this is the right file".to_owned()
            }
            (SecretLineError::NotUtf8, true) => "printed something that is not UTF-8".to_owned(),
        }
    }
}

/// The first line of `reader` as a secret key, without its line ending (LF or CRLF).
/// Reads at most [`MAX_SECRET_LINE`] + 2 bytes (a line and its CRLF), stopping at the
/// first newline, into memory that is wiped on drop.
pub fn read_secret_line(reader: &mut dyn Read) -> io::Result<Result<Secret, SecretLineError>> {
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
    let read = &bytes[..filled];
    let mut line = match read.iter().position(|&b| b == b'\n') {
        Some(end) => &read[..end],
        None => read,
    };
    // A CR before the LF, or as the very last byte (a file saved on Windows without a
    // final newline), ends the line too.
    if let Some(rest) = line.strip_suffix(b"\r") {
        line = rest;
    }
    Ok(if line.len() > MAX_SECRET_LINE {
        Err(SecretLineError::TooLong)
    } else if line.is_empty() {
        Err(SecretLineError::Empty)
    } else {
        match std::str::from_utf8(line) {
            Ok(text) => Ok(Secret::new(text)),
            Err(_) => Err(SecretLineError::NotUtf8),
        }
    })
}

#[cfg(feature = "system")]
pub use os::OsSystem;

#[cfg(feature = "system")]
mod os {
    use super::{CommandFailure, SecretLineError, System, read_secret_line};
    use crate::Secret;
    use std::io::{self, Read};
    use std::path::Path;
    use std::process::{Command, Stdio};
    use zeroize::Zeroizing;

    /// What `secret_key_command` may print after the first line (notes, as `pass` prints),
    /// read and thrown away so that the command can finish.
    const MAX_COMMAND_OUTPUT: usize = 1 << 20;

    /// The real files, and `secret_key_command` run by the platform's shell.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct OsSystem;

    impl System for OsSystem {
        fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
            let file = match std::fs::File::open(path) {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e),
            };
            let mut bytes = Zeroizing::new(Vec::new());
            file.take(limit).read_to_end(&mut bytes)?;
            Ok(Some(bytes))
        }

        fn readable_by_others(&self, path: &Path) -> Option<u32> {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path).ok()?.permissions().mode();
                (mode & 0o077 != 0).then_some(mode & 0o777)
            }
            #[cfg(not(unix))]
            {
                let _ = path;
                None
            }
        }

        /// Its output is never shown: it is the secret. Lines after the first (`pass`
        /// prints notes there) are read and thrown away, so the command can finish and
        /// report success.
        fn secret_from_command(&self, command: &str) -> Result<Secret, CommandFailure> {
            use CommandFailure::Failed;
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
                .arg(command)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .map_err(CommandFailure::NotStarted)?;
            let Some(mut stdout) = child.stdout.take() else {
                return Err(Failed("has no stdout to read".to_owned()));
            };
            let found = read_secret_line(&mut stdout);
            // No need to wait for the rest of something that is not a secret key, nor for
            // a command that does not stop talking (`yes`).
            let too_long = matches!(found, Ok(Err(SecretLineError::TooLong)));
            let mut overflow = too_long;
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
                .map_err(|e| Failed(format!("could not be waited for: {e}")))?;
            if overflow && !too_long {
                return Err(Failed(format!(
                    "printed more than {MAX_COMMAND_OUTPUT} bytes after its first line; it must print the secret key and stop"
                )));
            }
            let found = found.map_err(|e| Failed(format!("could not be read: {e}")))?;
            match found {
                Err(e @ SecretLineError::TooLong) => Err(Failed(e.describe(true))),
                _ if !status.success() => Err(Failed(format!(
                    "failed ({status}); run it yourself to see why"
                ))),
                Ok(secret) => Ok(secret),
                Err(e) => Err(Failed(e.describe(true))),
            }
        }
    }
}
