//! `kommunlots test DIR --corpus FILE`: route a corpus of labelled
//! enquiries (`kommunlots::corpus`) and report those that no longer reach
//! their department, and the known misses that now do.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use kommunlots::Router;
use kommunlots::corpus::{Checked, LabelledEnquiry, Verdict};
use kommunlots::lines::LineReader;
use serde_json::{Value, json};

use crate::error::CliError;
use crate::output;

/// One line of the corpus and what came of it.
pub struct Line {
    /// 1-based line number in the file.
    pub number: usize,
    /// The labelled enquiry and its check, or why the line is not one.
    pub result: Result<(LabelledEnquiry, Checked), String>,
}

/// A corpus file routed.
pub struct Report {
    /// The file, as given.
    pub path: PathBuf,
    /// Every non-blank line, in order.
    pub lines: Vec<Line>,
}

impl Report {
    /// How many lines came to `verdict`.
    fn count(&self, verdict: Verdict) -> usize {
        self.checked()
            .filter(|(_, _, c)| c.verdict == verdict)
            .count()
    }

    /// The lines that are labelled enquiries, with their checks.
    fn checked(&self) -> impl Iterator<Item = (usize, &LabelledEnquiry, &Checked)> {
        self.lines
            .iter()
            .filter_map(|l| l.result.as_ref().ok().map(|(e, c)| (l.number, e, c)))
    }

    /// The lines that are not labelled enquiries, with why.
    fn errors(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines
            .iter()
            .filter_map(|l| l.result.as_ref().err().map(|e| (l.number, e.as_str())))
    }

    /// How many enquiries fail the check (wrong, or a known miss fixed).
    pub fn failed(&self) -> usize {
        self.checked().filter(|(_, _, c)| c.verdict.fails()).count()
    }

    /// Whether a line could not be read as a labelled enquiry.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Routes every line of the corpus at `path` with `router`.
pub fn check(router: &Router, path: &Path) -> Result<Report, CliError> {
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => CliError::NoInput {
            what: "the corpus file",
            path: path.to_path_buf(),
            reason: "does not exist",
        },
        _ => CliError::Io(e),
    })?;
    let mut input = LineReader::new(BufReader::new(file));
    let mut lines = Vec::new();
    while let Some((number, text)) = input.next_line()? {
        let number = usize::try_from(number).unwrap_or(usize::MAX);
        let result = text
            .map_err(|e| e.to_string())
            .and_then(|line| {
                LabelledEnquiry::from_json(line)
                    .map_err(|e| format!("column {}: {}", e.column, e.message))
            })
            .and_then(|labelled| match router.label_error(&labelled) {
                Some(error) => Err(error),
                None => Ok(labelled),
            })
            .map(|labelled| {
                let checked = router.check_labelled(&labelled);
                (labelled, checked)
            });
        lines.push(Line { number, result });
    }
    Ok(Report {
        path: path.to_path_buf(),
        lines,
    })
}

/// How a failure shows who handles an enquiry.
fn handled_by(first_line: bool) -> &'static str {
    if first_line {
        ", handled by the first line"
    } else {
        ", handled by the department"
    }
}

/// Writes the report for a person: a summary line, then each failure and
/// each unreadable line.
pub fn print_text(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let file = report.path.display();
    for (number, labelled, checked) in report.checked().filter(|(_, _, c)| c.verdict.fails()) {
        let d = &checked.decision;
        let mut got = d.enquiry_type.as_deref().map_or_else(
            || format!("{} ({})", d.department, output::status_name(d.status)),
            |ty| format!("{} ({ty})", d.department),
        );
        let mut expected = labelled.enquiry_type.as_deref().map_or_else(
            || labelled.department.clone(),
            |ty| format!("{} ({ty})", labelled.department),
        );
        // The level and the first line, where the line names them.
        if let Some(level) = labelled.level {
            expected.push_str(&format!(", level {level}"));
            let got_level = d.rosa_level.map_or("none".to_owned(), |l| l.to_string());
            got.push_str(&format!(", level {got_level}"));
        }
        if let Some(first_line) = labelled.first_line {
            expected.push_str(handled_by(first_line));
            got.push_str(handled_by(d.first_line));
        }
        writeln!(out, "\n---- {file}:{number} ----")?;
        if let Some(text) = &labelled.text {
            writeln!(out, "  text:     {text:?}")?;
        }
        if checked.verdict == Verdict::FixedKnownMiss {
            let why = labelled.known_miss.as_deref().unwrap_or_default();
            writeln!(
                out,
                "  now reaches {got}: remove `known_miss` ({why:?}), so that it guards the fix"
            )?;
            continue;
        }
        writeln!(out, "  expected: {expected}")?;
        writeln!(out, "  got:      {got}")?;
        if let Some(why) = &checked.why_not {
            writeln!(out, "  why not:  {why}")?;
        }
        writeln!(out, "  explanation: {}", d.explanation.text)?;
    }
    for (number, error) in report.errors() {
        writeln!(out, "\nerror: {file}:{number}: {error}")?;
    }
    writeln!(
        out,
        "\ncorpus {file}: {} reached their department, {} wrong, {} known misses, {} known misses fixed, {} unreadable lines",
        report.count(Verdict::Right),
        report.count(Verdict::Wrong),
        report.count(Verdict::KnownMiss),
        report.count(Verdict::FixedKnownMiss),
        report.errors().count(),
    )
}

/// The report as JSON: the counts, each failure with its decision, and
/// each unreadable line.
pub fn to_json(report: &Report) -> serde_json::Result<Value> {
    let mut failures = Vec::new();
    for (number, labelled, checked) in report.checked().filter(|(_, _, c)| c.verdict.fails()) {
        failures.push(json!({
            "line": number,
            "verdict": checked.verdict,
            "enquiry": labelled,
            "decision": serde_json::to_value(&checked.decision)?,
            "why_not": serde_json::to_value(&checked.why_not)?,
        }));
    }
    let errors: Vec<Value> = report
        .errors()
        .map(|(line, error)| json!({ "line": line, "error": error }))
        .collect();
    Ok(json!({
        "file": report.path.display().to_string(),
        "right": report.count(Verdict::Right),
        "wrong": report.count(Verdict::Wrong),
        "known_misses": report.count(Verdict::KnownMiss),
        "fixed_known_misses": report.count(Verdict::FixedKnownMiss),
        "failures": failures,
        "errors": errors,
    }))
}
