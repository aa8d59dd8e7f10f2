//! What a subcommand can fail with, and the exit code each failure gives.

/// What a subcommand can fail with.
#[derive(Debug)]
pub enum Failure {
    /// The core refused the input: exit code 1.
    Refused(qianming::Error),
    /// The command line is unusable (missing secret, unreadable stdin): exit code 2.
    Usage(String),
}

impl From<qianming::Error> for Failure {
    fn from(error: qianming::Error) -> Self {
        Failure::Refused(error)
    }
}
