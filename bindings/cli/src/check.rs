//! `kommunlots check`: load and validate a rule set, and report every
//! diagnostic like a compiler.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use kommunlots::{Coverage, Diagnostic, Router};
use serde_json::json;

use crate::error::{CliError, DATA_ERROR, FAILURE, SUCCESS};
use crate::output::{self, Format};
use crate::rules;

/// Arguments of `kommunlots check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set folder (holding `municipality.toml` and `departments/`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Treat warnings as failures: exit with code 1 when there are any.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What a check found.
struct Report {
    /// The municipality's name, when the rule set parsed.
    municipality: Option<String>,
    /// How many rule files were read, when the rule set parsed.
    files: Option<usize>,
    /// Errors first, then warnings.
    diagnostics: Vec<Diagnostic>,
    /// Test coverage, when the rule set parsed.
    coverage: Option<Coverage>,
}

/// Runs `kommunlots check`.
pub fn run(args: &Args) -> Result<u8, CliError> {
    let report = match rules::load_rule_set(&args.dir)? {
        Err(e) => Report {
            municipality: None,
            files: None,
            diagnostics: e.diagnostics,
            coverage: None,
        },
        Ok(set) => Report {
            municipality: Some(set.municipality_name().to_owned()),
            files: Some(set.sources().len()),
            // Compiling runs the full check: its warnings on success, every
            // diagnostic on failure.
            diagnostics: match Router::new(&set) {
                Ok(router) => router.warnings().to_vec(),
                Err(e) => e.diagnostics,
            },
            coverage: Some(set.coverage()),
        },
    };
    let (errors, warnings) = output::count(&report.diagnostics);
    match args.format {
        Format::Text => print_text(&report, errors, warnings)?,
        Format::Json => print_json(&report, errors, warnings)?,
    }
    Ok(if errors > 0 {
        DATA_ERROR
    } else if args.strict && warnings > 0 {
        FAILURE
    } else {
        SUCCESS
    })
}

/// Diagnostics to stderr, as a compiler prints them; the summary line to
/// stdout.
fn print_text(report: &Report, errors: usize, warnings: usize) -> io::Result<()> {
    output::eprint_diagnostics(&report.diagnostics);
    let counts = format!(
        "{}, {}",
        output::plural(errors, "error"),
        output::plural(warnings, "warning")
    );
    let summary = match (&report.municipality, report.files, report.coverage) {
        (Some(name), Some(files), Some(c)) => format!(
            "{name}: {}, {counts}; coverage: {}/{} types have a test case",
            output::plural(files, "file"),
            c.tested,
            c.total
        ),
        _ => format!("rule set not loaded: {counts}"),
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{summary}")?;
    out.flush()
}

fn print_json(report: &Report, errors: usize, warnings: usize) -> io::Result<()> {
    let value = json!({
        "municipality": report.municipality,
        "loaded": report.coverage.is_some(),
        "files": report.files,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": serde_json::to_value(&report.diagnostics)?,
        "coverage": report.coverage.map(|c| json!({"tested": c.tested, "total": c.total})),
    });
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &value)?;
    writeln!(out)?;
    out.flush()
}
