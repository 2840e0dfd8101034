//! `kommunlots stats`: statistics and service-goal reports from a routing
//! log, as text tables, JSON or a self-contained HTML page.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::Timestamp;
use jiff::civil::Date;
use kommunlots::stats::{self, Aggregator, LogReader, Options, Period};

use crate::error::{CliError, SUCCESS};
use crate::output;
use crate::rules;

/// Shown after `kommunlots stats --help`.
pub const HELP: &str = r#"Log format (JSON Lines, one enquiry per line):
  {"enquiry": {…}, "decision": {…}, "answered_at": "2027-03-26T10:00:00+01:00", "resolved_at_first_line": true, "forwarded_to": "gata"}
  {"id": "E-1", "channel": "email", "text": "…", "received_at": "2027-03-25T16:30:00+01:00", "answered_at": "…"}   (routed here)
  a line of `kommunlots route` output as it is (a bare decision)
Malformed lines are skipped, counted and listed with their line numbers.

Examples:
  kommunlots stats --rules rules/klippan enquiries.jsonl
  kommunlots stats --rules rules/klippan --from 2027-03-01 --to 2027-03-31 --by week log.jsonl
  kommunlots stats --rules rules/klippan --format html -o rapport.html log.jsonl
  zcat log.jsonl.gz | kommunlots stats --rules rules/klippan --format json -"#;

/// Output formats of `kommunlots stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// Text tables for a terminal.
    Text,
    /// The report as JSON, for other systems.
    Json,
    /// A self-contained HTML page with charts, in Swedish.
    Html,
}

/// How to group enquiries in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
}

/// Arguments of `kommunlots stats`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set folder (holding `municipality.toml` and `departments/`).
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The routing log (JSON Lines); `-` reads stdin.
    #[arg(value_name = "LOG")]
    pub log: PathBuf,
    /// Count enquiries received on or after this day (YYYY-MM-DD, in the
    /// municipality's time zone).
    #[arg(long, value_name = "DATE")]
    pub from: Option<Date>,
    /// Count enquiries received on or before this day.
    #[arg(long, value_name = "DATE")]
    pub to: Option<Date>,
    /// Group volumes by day, ISO week or month.
    #[arg(long, value_enum, default_value = "month")]
    pub by: By,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: StatsFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Judge open enquiries overdue as of this instant (RFC 3339 with
    /// offset) [default: now].
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<Timestamp>,
}

/// Runs `kommunlots stats`.
pub fn run(args: &Args) -> Result<u8, CliError> {
    let router = rules::load_router(&args.rules)?;
    let options = Options {
        from: args.from,
        to: args.to,
        period: match args.by {
            By::Day => Period::Day,
            By::Week => Period::Week,
            By::Month => Period::Month,
        },
        as_of: args.as_of.unwrap_or_else(Timestamp::now),
    };
    let (input, length): (Box<dyn BufRead>, Option<u64>) = if args.log.as_os_str() == "-" {
        (
            Box::new(BufReader::with_capacity(256 * 1024, io::stdin().lock())),
            None,
        )
    } else {
        let file = File::open(&args.log).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot open `{}`: {e}", args.log.display()),
            )
        })?;
        let length = file.metadata().ok().map(|m| m.len());
        (Box::new(BufReader::with_capacity(256 * 1024, file)), length)
    };
    let progress = progress_bar(length);
    let mut reader = LogReader::new(input);
    let mut aggregator = Aggregator::new(&router, options);
    while let Some((line, text)) = reader.next_line()? {
        aggregator.add_line(line, text);
        if line % 4096 == 0 {
            progress.set_position(if length.is_some() {
                reader.bytes_read()
            } else {
                line
            });
        }
    }
    progress.finish_and_clear();
    let report = aggregator.finish();
    let text = match args.format {
        StatsFormat::Text => stats::to_text(&report),
        StatsFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report).map_err(io::Error::from)?;
            json.push('\n');
            json
        }
        StatsFormat::Html => stats::to_html(&report),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write `{}`: {e}", path.display()))
        })?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    if let Some(first) = report.malformed.first() {
        output::eprint_line(&format!(
            "warning: {} skipped (first at line {}: {})",
            output::plural(
                usize::try_from(report.lines.malformed).unwrap_or(usize::MAX),
                "malformed line"
            ),
            first.line,
            first.message
        ));
    }
    Ok(SUCCESS)
}

/// A bar over the file's bytes, or a spinner counting lines of stdin;
/// hidden when stderr is not a terminal.
fn progress_bar(length: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match length {
        Some(n) => (
            ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            "{bar:40} {binary_bytes}/{binary_total_bytes} ({eta} left)",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{spinner} {pos} lines read",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
