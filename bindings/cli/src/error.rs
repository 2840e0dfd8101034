//! Exit codes and the errors that end a command early.
//!
//! The codes follow BSD `sysexits.h` where one fits, so scripts can tell a
//! bad rule set (65) from a missing folder (66) from a failed test (1).

use std::io;
use std::path::PathBuf;

use kommunlots::LoadError;

/// Everything went well.
pub const SUCCESS: u8 = 0;
/// The command ran, and its answer is "no": a test case failed, or
/// `check --strict` found warnings.
pub const FAILURE: u8 = 1;
/// The command line was wrong (clap's own usage errors exit with it too).
pub const USAGE: u8 = 2;
/// The input data was bad: a rule set that does not load, a malformed
/// enquiry line (`EX_DATAERR`).
pub const DATA_ERROR: u8 = 65;
/// The rule set folder does not exist (`EX_NOINPUT`).
pub const NO_INPUT: u8 = 66;
/// Reading or writing failed (`EX_IOERR`).
pub const IO_ERROR: u8 = 74;

/// Why a command stopped before it could give its answer.
#[derive(Debug)]
pub enum CliError {
    /// An input named on the command line is missing: the rule set
    /// folder, or a file such as a corpus.
    NoInput {
        /// What it is ("the rule set folder").
        what: &'static str,
        /// The path as given.
        path: PathBuf,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The rule set failed to load; the diagnostics say why.
    Load(LoadError),
    /// Reading or writing failed.
    Io(io::Error),
    /// An argument clap accepted names something the rule set lacks.
    Usage(String),
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError::Load(e)
    }
}

impl CliError {
    /// The process exit code for this error. A closed pipe (`| head -1`) is
    /// not a failure: whoever reads our output has all it wanted.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::NoInput { .. } => NO_INPUT,
            CliError::Load(_) => DATA_ERROR,
            CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => SUCCESS,
            CliError::Io(_) => IO_ERROR,
            CliError::Usage(_) => USAGE,
        }
    }
}

/// Whether `result` failed only because the reader of stdout went away.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}
