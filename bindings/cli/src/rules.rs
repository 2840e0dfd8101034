//! Opening a rule set folder given on the command line.

use std::path::Path;

use kommunlots::{LoadError, Router, RuleSet};

use crate::error::CliError;

/// Fails with [`CliError::NoInput`] unless `dir` is an existing folder, so a
/// typo in the path is exit code 66, not a list of rule-file diagnostics.
pub fn ensure_dir(dir: &Path) -> Result<(), CliError> {
    let reason = match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => "is not a folder",
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "does not exist",
        Err(_) => "cannot be read",
    };
    Err(CliError::NoInput {
        what: "the rule set folder",
        path: dir.to_path_buf(),
        reason,
    })
}

/// Loads, checks and compiles the rule set in `dir`.
pub fn load_router(dir: &Path) -> Result<Router, CliError> {
    ensure_dir(dir)?;
    Ok(Router::from_dir(dir)?)
}

/// Reads and parses the rule set in `dir` without checking it.
pub fn load_rule_set(dir: &Path) -> Result<Result<RuleSet, LoadError>, CliError> {
    ensure_dir(dir)?;
    Ok(RuleSet::from_dir(dir))
}
