//! How a command fails: bad input (exit 2, with a message that says how to fix it), a check
//! that found something broken (exit 3: `knot audit verify`), or anything else (exit 1).

use std::fmt;
use std::process::ExitCode;

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// The user's input was wrong; the message says what and how to fix it.
    BadInput(String),
    /// A check ran and found what it guards broken (the audit chain); the message names
    /// where.
    Broken(String),
    /// Something else went wrong (a file could not be written, …).
    Other(anyhow::Error),
}

impl Failure {
    /// Prints the message on stderr and gives the exit code.
    pub fn report(self) -> ExitCode {
        eprintln!("knot: {self}");
        match self {
            Failure::BadInput(_) => ExitCode::from(2),
            Failure::Broken(_) => ExitCode::from(3),
            Failure::Other(_) => ExitCode::from(1),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::BadInput(message) | Failure::Broken(message) => f.write_str(message),
            Failure::Other(error) => write!(f, "{error:#}"),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

/// Shorthand for a bad-input failure.
pub fn bad_input(message: impl Into<String>) -> Failure {
    Failure::BadInput(message.into())
}
