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

    pub fn config(error: impl Into<anyhow::Error>) -> Self {
        Failure {
            code: CONFIG,
            error: error.into(),
        }
    }

    /// A library error, with its kind deciding the code.
    pub fn from_lib(error: presign::Error) -> Self {
        match error.kind() {
            ErrorKind::Config => Failure::config(error),
            _ => Failure::usage(error),
        }
    }
}

impl From<presign::Error> for Failure {
    fn from(error: presign::Error) -> Self {
        Failure::from_lib(error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:#}` prints the whole chain of causes on one line.
        write!(f, "presign: error: {:#}", self.error)
    }
}
