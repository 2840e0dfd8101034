//! Diagnostics: errors and warnings about a rule set, located in its files.
//!
//! Every problem found while loading or checking a rule set becomes a
//! [`Diagnostic`]: a severity, a stable machine-readable [`DiagnosticKind`], a
//! message, an optional help text, and the place in the source it concerns
//! (file, 1-based line and column, and the text of that line). A diagnostic
//! carries the source line itself, so it can be rendered long after the rule
//! files are gone, like a compiler error:
//!
//! ```text
//! error: unknown field `keyword`
//!   --> departments/teknik.toml:12:1
//!    |
//! 12 | keyword = ["snö"]
//!    | ^^^^^^^ did you mean `keywords`?
//! ```

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule set works, but something looks wrong. `check --strict`
    /// treats warnings as errors.
    Warning,
    /// The rule set cannot be used until this is fixed.
    Error,
}

/// What kind of problem a [`Diagnostic`] reports. The serialised names are
/// stable and meant for programs (tests, editors, the C and WASM bindings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A file could not be read.
    Io,
    /// The file is not valid TOML.
    Syntax,
    /// A value has the wrong type or shape (a string where a number belongs,
    /// a missing required field).
    Type,
    /// A key the format does not know.
    UnknownKey,
    /// A value outside what the format allows (a ROSA level of 7, a bad
    /// duration).
    InvalidValue,
    /// A reference to a department, unit or enquiry type that does not exist.
    UnknownReference,
    /// Two things share an id or a form code.
    Duplicate,
    /// The rule set contradicts the ROSA policy (a level 5–6 type forced to
    /// the first line).
    Policy,
    /// An enquiry type with no form code, keyword or phrase.
    Unrecognisable,
    /// The same keyword claimed by types in different departments at equal
    /// weight.
    KeywordConflict,
    /// An enquiry type without a test case.
    Untested,
    /// An escalation path that loops back on itself.
    Cycle,
    /// A rule set folder without the files it needs.
    Missing,
    /// Something exceeds a documented limit (file size, nesting depth).
    Limit,
}

/// Where in a rule file a [`Diagnostic`] points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file, relative to the rule set folder (`departments/teknik.toml`).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: usize,
    /// The whole source line the location is on, without its line break.
    pub source_line: String,
    /// Width of the offending text on that line, in characters (at least 1).
    pub width: usize,
}

impl Location {
    /// Locates the byte range `span` in `source`, a file named `file`.
    ///
    /// Out-of-range spans are clamped to the text, so a location can always
    /// be made.
    pub fn from_span(file: &str, source: &str, span: Range<usize>) -> Location {
        Location::from_span_indexed(file, source, &line_starts(source), span)
    }

    /// Like [`Location::from_span`], with the byte offsets of the source's
    /// line starts computed beforehand by [`line_starts`], so locating many
    /// spans in one file does not rescan it each time.
    pub(crate) fn from_span_indexed(
        file: &str,
        source: &str,
        line_starts: &[usize],
        span: Range<usize>,
    ) -> Location {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_index = line_starts.partition_point(|&s| s <= start).max(1) - 1;
        let line_start = line_starts.get(line_index).copied().unwrap_or(0).min(start);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let column = source[line_start..start].chars().count() + 1;
        let source_line = source[line_start..line_end].trim_end_matches('\r');
        let width = source[start..end.min(line_end)].chars().count().max(1);
        Location {
            file: file.to_owned(),
            line: line_index + 1,
            column,
            source_line: source_line.to_owned(),
            width,
        }
    }

    /// A location for a whole file, when no better place is known.
    pub fn file_only(file: &str) -> Location {
        Location {
            file: file.to_owned(),
            line: 1,
            column: 1,
            source_line: String::new(),
            width: 1,
        }
    }
}

/// The byte offset of the start of every line of `source`.
pub(crate) fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in a rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem this is.
    pub kind: DiagnosticKind,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the user can do about it, when we know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where the problem is.
    pub location: Location,
}

impl Diagnostic {
    /// A new error diagnostic.
    pub fn error(kind: DiagnosticKind, message: impl Into<String>, location: Location) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            message: message.into(),
            help: None,
            location,
        }
    }

    /// A new warning diagnostic.
    pub fn warning(kind: DiagnosticKind, message: impl Into<String>, location: Location) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, message, location)
        }
    }

    /// Adds a help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic like a compiler does, with the source line and
    /// a caret under the offending text. `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let loc = &self.location;
        let line = loc.source_line.as_str();
        // The caret range, in bytes within the line.
        let start = byte_offset(line, loc.column - 1);
        let end = byte_offset(line, loc.column - 1 + loc.width);
        let label = self.help.as_deref().unwrap_or("");
        let title = level.primary_title(&self.message);
        let group = if line.is_empty() {
            let origin = format!("{}:{}:{}", loc.file, loc.line, loc.column);
            let group = title.element(annotate_snippets::Origin::path(origin));
            match &self.help {
                Some(help) => group.element(Level::HELP.message(help)),
                None => group,
            }
        } else {
            title.element(
                Snippet::source(line)
                    .line_start(loc.line)
                    .path(&loc.file)
                    .annotation(
                        AnnotationKind::Primary
                            .span(start..end.max(start))
                            .label(label),
                    ),
            )
        };
        renderer.render(&[group])
    }
}

fn byte_offset(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A rule set could not be loaded: one or more error diagnostics (and any
/// warnings found on the way).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", render_all(.diagnostics))]
#[non_exhaustive]
pub struct LoadError {
    /// Every problem found, errors first, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// The error diagnostics only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The first error, which every `LoadError` has.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.errors().next()
    }
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render(false));
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "rule set not loaded: {errors} error{}",
        if errors == 1 { "" } else { "s" }
    ));
    out
}

/// Sorts diagnostics errors first, then by file, line and column.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.location.file.cmp(&b.location.file))
            .then_with(|| a.location.line.cmp(&b.location.line))
            .then_with(|| a.location.column.cmp(&b.location.column))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_is_one_based_and_counts_characters() {
        let src = "a = 1\nnamn = \"åäö\" # x\n";
        let start = src.find("# x").unwrap_or(0);
        let loc = Location::from_span("f.toml", src, start..start + 3);
        assert_eq!((loc.line, loc.column, loc.width), (2, 14, 3));
        assert_eq!(loc.source_line, "namn = \"åäö\" # x");
    }

    #[test]
    fn out_of_range_span_is_clamped() {
        let loc = Location::from_span("f.toml", "ab", 10..20);
        assert_eq!((loc.line, loc.column), (1, 3));
    }

    #[test]
    fn render_shows_file_line_and_caret() {
        let src = "[department]\nid = 1\n";
        let at = src.find('1').unwrap_or(0);
        let d = Diagnostic::error(
            DiagnosticKind::Type,
            "invalid type: integer `1`, expected a string",
            Location::from_span("departments/x.toml", src, at..at + 1),
        )
        .with_help("write the id in quotes");
        let text = d.render(false);
        assert!(text.contains("departments/x.toml:2:6"), "{text}");
        assert!(text.contains("2 | id = 1"), "{text}");
        assert!(text.contains("^ write the id in quotes"), "{text}");
    }
}
