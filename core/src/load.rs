//! Reading a rule set: from a folder, or from (file name, TOML text) pairs.
//!
//! A rule set is `municipality.toml` plus one `departments/<id>.toml` per
//! department. Every file is parsed even when an earlier one failed, so one
//! load reports every problem at once.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{self, Diagnostic, DiagnosticKind, LoadError, Location};
use crate::model::{DepartmentFile, MunicipalityFile};

/// Largest rule file accepted, in bytes. A real department file is a few
/// tens of kilobytes; anything near this is a mistake, not a rule set.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Most department files in one rule set.
pub const MAX_FILES: usize = 1000;

/// The name of the municipality file in a rule set.
pub const MUNICIPALITY_FILE: &str = "municipality.toml";

/// One rule file's name and text, kept so diagnostics can quote it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the rule set folder, with `/` separators.
    pub name: String,
    /// The TOML text.
    pub text: String,
    /// Byte offsets of the line starts, for locating diagnostics.
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(name: String, text: String) -> SourceFile {
        let line_starts = diagnostic::line_starts(&text);
        SourceFile {
            name,
            text,
            line_starts,
        }
    }
}

/// A parsed rule set, before it is checked and compiled into a
/// [`Router`](crate::Router).
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub(crate) sources: Vec<SourceFile>,
    /// Index into `sources` of `municipality.toml`.
    pub(crate) municipality_source: usize,
    pub(crate) municipality: MunicipalityFile,
    /// Each department with the index of its source.
    pub(crate) departments: Vec<(usize, DepartmentFile)>,
}

impl RuleSet {
    /// Reads `municipality.toml` and `departments/*.toml` from `dir`.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<RuleSet, LoadError> {
        let dir = dir.as_ref();
        let mut files = Vec::new();
        let mut diagnostics = Vec::new();
        let read = |rel: &str, diagnostics: &mut Vec<Diagnostic>| -> Option<String> {
            let path = dir.join(rel);
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Some(text),
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                        diagnostics.push(Diagnostic::error(
                            DiagnosticKind::Syntax,
                            "the file is not valid UTF-8",
                            Location::from_span(rel, &text, at..at + 1),
                        ));
                        None
                    }
                },
                Err(e) => {
                    diagnostics.push(Diagnostic::error(
                        DiagnosticKind::Io,
                        format!("cannot read `{}`: {e}", path.display()),
                        Location::file_only(rel),
                    ));
                    None
                }
            }
        };
        if let Some(text) = read(MUNICIPALITY_FILE, &mut diagnostics) {
            files.push((MUNICIPALITY_FILE.to_owned(), text));
        }
        let dep_dir = dir.join("departments");
        match std::fs::read_dir(&dep_dir) {
            Ok(entries) => {
                let mut names: Vec<String> = entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".toml"))
                    .collect();
                names.sort();
                for name in names {
                    let rel = format!("departments/{name}");
                    if let Some(text) = read(&rel, &mut diagnostics) {
                        files.push((rel, text));
                    }
                }
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                DiagnosticKind::Missing,
                format!("cannot read the folder `{}`: {e}", dep_dir.display()),
                Location::file_only("departments"),
            )),
        }
        Self::parse(files, diagnostics)
    }

    /// Builds a rule set from file names and TOML texts, for hosts that keep
    /// their rules somewhere other than a file system (a database, a
    /// browser). Names are `municipality.toml` and `departments/<id>.toml`.
    pub fn from_sources<I, N, T>(files: I) -> Result<RuleSet, LoadError>
    where
        I: IntoIterator<Item = (N, T)>,
        N: Into<String>,
        T: Into<String>,
    {
        let mut diagnostics = Vec::new();
        let mut out = Vec::new();
        for (name, text) in files {
            let name = name.into().replace('\\', "/");
            let name = name.trim_start_matches("./").to_owned();
            let is_department = name
                .strip_prefix("departments/")
                .is_some_and(|rest| rest.ends_with(".toml") && !rest.contains('/'));
            if name != MUNICIPALITY_FILE && !is_department {
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticKind::Missing,
                        format!("unexpected rule file `{name}`"),
                        Location::file_only(&name),
                    )
                    .with_help("a rule set has `municipality.toml` and `departments/<id>.toml`"),
                );
                continue;
            }
            out.push((name, text.into()));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Self::parse(out, diagnostics)
    }

    fn parse(
        files: Vec<(String, String)>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<RuleSet, LoadError> {
        let mut sources = Vec::new();
        let mut municipality = None;
        let mut departments = Vec::new();
        let department_count = files.iter().filter(|(n, _)| n != MUNICIPALITY_FILE).count();
        if department_count > MAX_FILES {
            diagnostics.push(Diagnostic::error(
                DiagnosticKind::Limit,
                format!("{department_count} department files, more than the limit of {MAX_FILES}"),
                Location::file_only("departments"),
            ));
            return Err(finish(diagnostics));
        }
        for (name, text) in files {
            let index = sources.len();
            if name == MUNICIPALITY_FILE && municipality.is_some() {
                diagnostics.push(Diagnostic::error(
                    DiagnosticKind::Duplicate,
                    "`municipality.toml` given twice",
                    Location::file_only(&name),
                ));
                continue;
            }
            if let Some(d) = check_limits(&name, &text) {
                diagnostics.push(d);
                sources.push(SourceFile::new(name, text));
                continue;
            }
            if name == MUNICIPALITY_FILE {
                match parse_toml::<MunicipalityFile>(&name, &text) {
                    Ok(m) => municipality = Some((index, m)),
                    Err(d) => diagnostics.push(*d),
                }
            } else {
                match parse_toml::<DepartmentFile>(&name, &text) {
                    Ok(d) => departments.push((index, d)),
                    Err(d) => diagnostics.push(*d),
                }
            }
            sources.push(SourceFile::new(name, text));
        }
        let Some((municipality_source, municipality)) = municipality else {
            if !diagnostics
                .iter()
                .any(|d| d.location.file == MUNICIPALITY_FILE)
            {
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticKind::Missing,
                        "the rule set has no `municipality.toml`",
                        Location::file_only(MUNICIPALITY_FILE),
                    )
                    .with_help(
                        "every rule set folder needs a `municipality.toml` beside `departments/`",
                    ),
                );
            }
            return Err(finish(diagnostics));
        };
        if diagnostics
            .iter()
            .any(|d| d.severity == diagnostic::Severity::Error)
        {
            return Err(finish(diagnostics));
        }
        Ok(RuleSet {
            sources,
            municipality_source,
            municipality,
            departments,
        })
    }

    /// The rule files, in load order (`municipality.toml` first).
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }

    /// The municipality's name.
    pub fn municipality_name(&self) -> &str {
        &self.municipality.municipality.name
    }

    /// A location in source file `index`.
    pub(crate) fn locate(&self, index: usize, span: Range<usize>) -> Location {
        let file = &self.sources[index];
        Location::from_span_indexed(&file.name, &file.text, &file.line_starts, span)
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>) -> LoadError {
    diagnostic::sort(&mut diagnostics);
    LoadError { diagnostics }
}

/// Rejects files too large before the TOML parser sees them, so a hostile
/// file cannot exhaust memory. (Nesting depth is bounded by the TOML parser
/// itself, which reports "max recursion depth met".)
fn check_limits(name: &str, text: &str) -> Option<Diagnostic> {
    (text.len() > MAX_FILE_BYTES).then(|| {
        Diagnostic::error(
            DiagnosticKind::Limit,
            format!(
                "the file is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                text.len()
            ),
            Location::file_only(name),
        )
    })
}

/// Parses one file, turning the first error into a located diagnostic.
fn parse_toml<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Box<Diagnostic>> {
    toml::from_str::<T>(text).map_err(|e| Box::new(toml_diagnostic(name, text, &e)))
}

fn toml_diagnostic(name: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    // Only on this error path: parsing the text as a plain table tells a
    // TOML syntax error from a value that does not fit the format.
    let syntax = toml::de::DeTable::parse(text).is_err();
    let message = e.message().trim().to_owned();
    let span = e.span().unwrap_or(0..0);
    let location = Location::from_span(name, text, span);
    let kind = if syntax {
        if message.starts_with("duplicate key") {
            DiagnosticKind::Duplicate
        } else if message.contains("recursion") {
            DiagnosticKind::Limit
        } else {
            DiagnosticKind::Syntax
        }
    } else if message.starts_with("unknown field") {
        DiagnosticKind::UnknownKey
    } else if message.starts_with("duplicate field") {
        DiagnosticKind::Duplicate
    } else if message.starts_with("invalid type") || message.starts_with("missing field") {
        DiagnosticKind::Type
    } else {
        DiagnosticKind::InvalidValue
    };
    let diagnostic = Diagnostic::error(kind, first_line(&message), location);
    match kind {
        DiagnosticKind::UnknownKey => match did_you_mean(&message) {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        },
        DiagnosticKind::InvalidValue if message.starts_with("unknown variant") => {
            match did_you_mean(&message) {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            }
        }
        DiagnosticKind::Type if message.starts_with("missing field") => {
            let field = backticked(&message).next().unwrap_or_default();
            diagnostic.with_help(format!("add `{field} = …` to this table"))
        }
        _ => diagnostic,
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).to_owned()
}

fn backticked(message: &str) -> impl Iterator<Item = &str> {
    message.split('`').skip(1).step_by(2)
}

/// From serde's "unknown field `keyword`, expected one of `keywords`, …",
/// suggests the closest expected name.
pub(crate) fn did_you_mean(message: &str) -> Option<String> {
    let mut names = backticked(message);
    let unknown = names.next()?;
    let expected: Vec<&str> = names.collect();
    suggest(unknown, &expected)
        .map(|best| format!("did you mean `{best}`?"))
        .or_else(|| {
            (!expected.is_empty()).then(|| {
                format!(
                    "expected one of {}",
                    expected
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
}

/// The candidate closest to `word`, if any is close enough to be a typo.
pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (*c, strsim::jaro_winkler(word, c)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field() {
        let msg = "unknown field `keyword`, expected one of `id`, `name`, `keywords`, `phrases`";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("did you mean `keywords`?")
        );
    }

    #[test]
    fn lists_the_fields_when_nothing_is_close() {
        let msg = "unknown field `zzz`, expected `id` or `name`";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("expected one of `id`, `name`")
        );
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let text = format!("a = {}{}", "[".repeat(500), "]".repeat(500));
        let d = parse_toml::<toml::Table>("departments/x.toml", &text).err();
        assert_eq!(d.map(|d| d.kind), Some(DiagnosticKind::Limit));
    }
}
