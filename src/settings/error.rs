//! Why settings could not be resolved: one message naming where the value at fault came
//! from, and whether that was one of the caller's overrides.

use crate::settings::is_override;
use std::fmt;

/// A setting that cannot be used, named with its source and the fix.
///
/// [`is_input`](Error::is_input) tells a value the caller passed (a flag, a keyword: the
/// command line exits 2) from one in a variable or a file (exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    input: bool,
    /// Warnings found before the error, which still deserve to be shown.
    warnings: Vec<String>,
}

impl Error {
    /// A value in the environment or a file is at fault.
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::by(false, message)
    }

    /// A value the caller passed is at fault.
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Error::by(true, message)
    }

    /// An input error if `input`, else a configuration error.
    pub(crate) fn by(input: bool, message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            input,
            warnings: Vec::new(),
        }
    }

    /// `error`, prefixed with the origin of the value at fault, which decides its kind.
    pub(crate) fn blame(origin: &str, error: impl fmt::Display) -> Self {
        Error::by(is_override(origin), format!("{origin}: {error}"))
    }

    /// Whether a value the caller passed is at fault, rather than the environment or a
    /// file.
    pub fn is_input(&self) -> bool {
        self.input
    }

    /// What deserved a warning before the error was found (a profile file others can
    /// read, say), one line each, without a prefix.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub(crate) fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.warnings = warnings;
        self
    }

    /// The message, without a prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::Error> for Error {
    /// A library error about a file's contents or a value: its kind decides.
    fn from(error: crate::Error) -> Self {
        let input = !matches!(error.kind(), crate::ErrorKind::Config);
        Error::by(input, error.to_string())
    }
}
