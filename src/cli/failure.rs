//! How the binary fails: one message on stderr and a documented exit code.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success (also when the reader of stdout went away) |
//! | 1 | configuration error (credentials, profile files) or a failed write |
//! | 2 | usage or input error (arguments, targets, values given on the command line) |

use presign::ErrorKind;
use std::fmt;

pub const CONFIG: u8 = 1;
pub const USAGE: u8 = 2;

/// An error on its way to stderr, with the exit code it ends the process with.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl Failure {
    pub fn usage(error: impl Into<anyhow::Error>) -> Self {
        Failure {
            code: USAGE,
            error: error.into(),
        }
    }

    /// A bad value typed for `flag`: exit 2, the message naming the flag.
    pub fn flag(flag: &str, error: impl fmt::Display) -> Self {
        Failure::usage(anyhow::anyhow!("{flag}: {error}"))
    }

    pub fn config(error: impl Into<anyhow::Error>) -> Self {
        Failure {
            code: CONFIG,
            error: error.into(),
        }
    }

    /// Exit `code` with nothing more on stderr: what went wrong is already on stdout
    /// (`verify`'s verdict on its one URL).
    pub fn said(code: u8) -> Self {
        Failure {
            code,
            error: anyhow::Error::new(Said),
        }
    }

    /// Whether there is nothing to print ([`Failure::said`]).
    pub fn is_said(&self) -> bool {
        self.error.is::<Said>()
    }

    /// A library error, with its kind deciding the code.
    pub fn from_lib(error: presign::Error) -> Self {
        match error.kind() {
            ErrorKind::Config => Failure::config(error),
            _ => Failure::usage(error),
        }
    }
}

/// The error of [`Failure::said`].
#[derive(Debug)]
struct Said;

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("see the line above")
    }
}

impl std::error::Error for Said {}

impl From<presign::Error> for Failure {
    fn from(error: presign::Error) -> Self {
        Failure::from_lib(error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:#}` prints the whole chain of causes on one line; `one_line` keeps it there
        // whatever a value in it holds (a path with a line break, an escape sequence).
        // `hide_secrets` is the last guard for a value quoted without `Quoted` (a line of
        // a parts file, a stdin line, an @FILE's contents): a secret is never echoed.
        let message = format!("{:#}", self.error);
        write!(
            f,
            "presign: error: {}",
            presign::quote::one_line(&presign::quote::hide_secrets(&message))
        )
    }
}

/// A command-line parsing error as one line, like every other error: clap's message (with
/// the missing arguments or the possible values it lists below it), its tip, the usage,
/// and where to read more. `--help` and `--version` print as clap
/// prints them.
pub fn clap_error(error: clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind as K;
    if matches!(
        error.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return std::process::ExitCode::from(if error.use_stderr() { USAGE } else { 0 });
    }
    let text = error.render().to_string();
    let mut message = String::new();
    let mut usage = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(first) = line.strip_prefix("error: ") {
            message.push_str(first);
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            message.push_str(&format!(" ({tip})"));
        } else if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u.to_owned());
        } else if !line.starts_with("For more information") {
            // The rest of the message: the missing arguments, the possible values.
            message.push(' ');
            message.push_str(line);
        }
    }
    if let Some(u) = usage {
        let command: Vec<&str> = u
            .split(' ')
            .take_while(|w| !w.starts_with(['-', '[', '<']))
            .collect();
        message.push_str(&format!("; usage: {u}; see '{} --help'", command.join(" ")));
    }
    // clap quotes what was typed: a secret pasted as a value or a subcommand is hidden.
    eprintln!(
        "presign: error: {}",
        presign::quote::one_line(&presign::quote::hide_secrets(&message))
    );
    std::process::ExitCode::from(USAGE)
}
