//! `kommunlots test`: run the `[[test]]` cases of every department file,
//! and with `--corpus`, route a corpus of labelled enquiries too.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use kommunlots::Decision;
use kommunlots::WhyNot;
use kommunlots::testing::{Mismatch, TestCase};
use serde_json::json;

use crate::corpus;
use crate::error::{CliError, DATA_ERROR, FAILURE, SUCCESS};
use crate::output::{self, Format};
use crate::rules;

/// Arguments of `kommunlots test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set folder (holding `municipality.toml` and `departments/`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Run only the cases whose full name (`departments/teknik.toml/<case>`)
    /// contains FILTER.
    #[arg(value_name = "FILTER")]
    pub filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also route a corpus of labelled enquiries: JSON Lines of
    /// `{"text", "channel", "form", "department", "type", "level",
    /// "first_line", "known_miss"}` (rules/README.md, "A corpus of real
    /// enquiries"). Fails on an enquiry that misses its department (or the
    /// type, level or first line its line names), and on a `known_miss`
    /// that no longer misses.
    #[arg(long, value_name = "FILE")]
    pub corpus: Option<PathBuf>,
}

/// One case and what came of it.
struct Outcome<'a> {
    case: &'a TestCase,
    decision: Decision,
    mismatches: Vec<Mismatch>,
    /// Why the enquiry did not go to the type the case expects.
    why_not: Option<WhyNot>,
}

/// Runs `kommunlots test`.
pub fn run(args: &Args) -> Result<u8, CliError> {
    let router = rules::load_router(&args.dir)?;
    let outcomes: Vec<Outcome<'_>> = router
        .tests()
        .iter()
        .filter(|case| {
            args.filter
                .as_deref()
                .is_none_or(|f| case.full_name().contains(f))
        })
        .map(|case| {
            let (decision, mismatches) = case.run(&router);
            let why_not = case.why_not(&router, &decision);
            Outcome {
                case,
                decision,
                mismatches,
                why_not,
            }
        })
        .collect();
    if let Some(filter) = &args.filter
        && outcomes.is_empty()
    {
        output::eprint_line(&format!("warning: no test case matches `{filter}`"));
    }
    let failed = outcomes.iter().filter(|o| !o.mismatches.is_empty()).count();
    let passed = outcomes.len() - failed;
    let report = match &args.corpus {
        Some(path) => Some(corpus::check(&router, path)?),
        None => None,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Text => {
            print_text(&mut out, &outcomes, passed, failed)?;
            if let Some(report) = &report {
                corpus::print_text(&mut out, report)?;
            }
        }
        Format::Json => print_json(&mut out, &outcomes, passed, failed, report.as_ref())?,
    }
    out.flush()?;
    Ok(match &report {
        Some(r) if r.has_errors() => DATA_ERROR,
        Some(r) if r.failed() > 0 => FAILURE,
        _ if failed > 0 => FAILURE,
        _ => SUCCESS,
    })
}

fn print_text(
    out: &mut impl Write,
    outcomes: &[Outcome<'_>],
    passed: usize,
    failed: usize,
) -> io::Result<()> {
    for o in outcomes {
        let verdict = if o.mismatches.is_empty() {
            "ok"
        } else {
            "FAILED"
        };
        writeln!(out, "{verdict:<6} {}", o.case.full_name())?;
    }
    let failures = outcomes.iter().filter(|o| !o.mismatches.is_empty());
    for (i, o) in failures.enumerate() {
        if i == 0 {
            writeln!(out, "\nfailures:")?;
        }
        writeln!(
            out,
            "\n---- {} (line {}) ----",
            o.case.full_name(),
            o.case.line
        )?;
        let enquiry = &o.case.enquiry;
        if let Some(text) = &enquiry.text {
            writeln!(out, "  text:    {text:?}")?;
        }
        if let Some(form) = &enquiry.form {
            writeln!(out, "  form:    {form}")?;
        }
        if let Some(channel) = enquiry.channel {
            writeln!(out, "  channel: {channel}")?;
        }
        // The decision's form of it: RFC 3339 in the municipality's offset.
        if let Some(received) = &o.decision.received_at
            && enquiry.received_at.is_some()
        {
            writeln!(out, "  received_at: {received}")?;
        }
        for m in &o.mismatches {
            writeln!(out, "  {m}")?;
        }
        if let Some(why) = &o.why_not {
            writeln!(out, "  why not: {why}")?;
        }
        writeln!(out, "  explanation: {}", o.decision.explanation.text)?;
    }
    writeln!(out, "\n{passed} passed, {failed} failed")
}

fn print_json(
    out: &mut impl Write,
    outcomes: &[Outcome<'_>],
    passed: usize,
    failed: usize,
    corpus: Option<&corpus::Report>,
) -> io::Result<()> {
    let mut cases = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        let ok = o.mismatches.is_empty();
        let mut case = json!({
            "name": o.case.full_name(),
            "file": o.case.file,
            "line": o.case.line,
            "passed": ok,
            "mismatches": serde_json::to_value(&o.mismatches)?,
        });
        if !ok && let Some(map) = case.as_object_mut() {
            map.insert("decision".to_owned(), serde_json::to_value(&o.decision)?);
            if let Some(why) = &o.why_not {
                map.insert("why_not".to_owned(), serde_json::to_value(why)?);
            }
        }
        cases.push(case);
    }
    let mut value = json!({ "cases": cases, "passed": passed, "failed": failed });
    if let Some(report) = corpus
        && let Some(map) = value.as_object_mut()
    {
        map.insert("corpus".to_owned(), corpus::to_json(report)?);
    }
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
