//! `kommunlots holidays`, `kommunlots due` and `kommunlots where`: the
//! working-time calendar, a route's deadlines, and where an enquiry is now.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;

use jiff::Timestamp;
use kommunlots::calendar::{Calendar, CalendarConfig, ClosedDayKind, FIRST_YEAR, LAST_YEAR};
use kommunlots::{Channel, Decision, Enquiry, Progress};

use crate::error::{CliError, DATA_ERROR, SUCCESS};
use crate::output::{self, Format};
use crate::route::channel_parser;
use crate::rules;

/// Arguments of `kommunlots holidays`.
#[derive(clap::Args, Debug)]
pub struct HolidaysArgs {
    /// The year (1953–2200).
    #[arg(long, value_parser = clap::value_parser!(i16).range(i64::from(FIRST_YEAR)..=i64::from(LAST_YEAR)))]
    pub year: i16,
    /// A rule set folder whose `[calendar]` (de facto closed days, local
    /// closures) and time zone to use; the Swedish defaults without it.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// Runs `kommunlots holidays`: one line per closed day,
/// `YYYY-MM-DD<TAB>name<TAB>public|de-facto|local`.
pub fn holidays(args: &HolidaysArgs) -> Result<u8, CliError> {
    let router;
    let default;
    let calendar = match &args.rules {
        Some(dir) => {
            router = rules::load_router(dir)?;
            router.calendar()
        }
        None => match Calendar::new("Europe/Stockholm", &CalendarConfig::default()) {
            Ok(c) => {
                default = c;
                &default
            }
            Err(e) => return Ok(data_error(&e.to_string())),
        },
    };
    let days = match calendar.closed_days(args.year) {
        Ok(days) => days,
        Err(e) => return Ok(data_error(&e.to_string())),
    };
    let mut out = std::io::stdout().lock();
    for day in days {
        let kind = match day.kind {
            ClosedDayKind::Public => "public",
            ClosedDayKind::DeFacto => "de-facto",
            ClosedDayKind::Local => "local",
        };
        writeln!(out, "{}\t{}\t{kind}", day.date, day.name)?;
    }
    out.flush()?;
    Ok(SUCCESS)
}

/// Arguments of `kommunlots due`.
#[derive(clap::Args, Debug)]
pub struct DueArgs {
    /// The rule set folder.
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The channel the enquiry came by.
    #[arg(long, value_name = "CHANNEL", value_parser = channel_parser())]
    pub channel: Channel,
    /// When it was received: RFC 3339 with an offset
    /// (`2027-03-25T16:30:00+01:00`).
    #[arg(long, value_name = "TIME")]
    pub received: Timestamp,
    /// The enquiry type; without it, the route of an enquiry no rule
    /// recognises (the first line alone).
    #[arg(long = "type", value_name = "ID")]
    pub enquiry_type: Option<String>,
    /// Output format: one tab-separated line per step, or the decision as
    /// JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Runs `kommunlots due`: one line per step of the route,
/// `N<TAB>role<TAB>unit<TAB>due` (`-` when a step has no due time).
pub fn due(args: &DueArgs) -> Result<u8, CliError> {
    let router = rules::load_router(&args.rules)?;
    let enquiry = Enquiry {
        channel: Some(args.channel),
        received_at: Some(args.received),
        ..Enquiry::default()
    };
    let decision = match &args.enquiry_type {
        Some(id) => match router.route_type_at(id, &enquiry, args.received) {
            Some(d) => d,
            None => {
                return Ok(data_error(&format!(
                    "unknown enquiry type `{id}` in `{}`",
                    args.rules.display()
                )));
            }
        },
        None => router.route_at(&enquiry, args.received),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&decision).map_err(std::io::Error::other)?
        )?,
        Format::Text => {
            for (i, step) in decision.path.iter().enumerate() {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    i + 1,
                    step.role.as_str(),
                    step.unit,
                    step.due.map_or_else(|| "-".to_owned(), |d| d.to_string())
                )?;
            }
            // Why a step has no due time (a date outside the calendar).
            let missing = decision.path.iter().any(|s| s.due.is_none());
            for note in decision.explanation.trace.notes.iter().filter(|_| missing) {
                output::eprint_line(&format!("note: {note}"));
            }
        }
    }
    out.flush()?;
    Ok(SUCCESS)
}

/// Arguments of `kommunlots where`.
#[derive(clap::Args, Debug)]
pub struct WhereArgs {
    /// The rule set folder the decision was made with.
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The time to ask about: RFC 3339 with an offset.
    #[arg(long, value_name = "TIME")]
    pub at: Timestamp,
    /// A file holding the decision JSON; stdin without it.
    #[arg(long, value_name = "FILE")]
    pub decision: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Runs `kommunlots where`.
pub fn where_is(args: &WhereArgs) -> Result<u8, CliError> {
    let router = rules::load_router(&args.rules)?;
    let json = match &args.decision {
        Some(path) => std::fs::read_to_string(path)?,
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            text
        }
    };
    let decision: Decision = match serde_json::from_str(&json) {
        Ok(d) => d,
        Err(e) => return Ok(data_error(&format!("the decision is not valid JSON: {e}"))),
    };
    let progress = match router.progress(&decision, args.at) {
        Ok(p) => p,
        Err(e) => return Ok(data_error(&e.to_string())),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&progress).map_err(std::io::Error::other)?
        )?,
        Format::Text => write!(out, "{}", progress_text(&progress, decision.path.len()))?,
    }
    out.flush()?;
    Ok(SUCCESS)
}

fn progress_text(p: &Progress, steps: usize) -> String {
    let due = p
        .due
        .map_or_else(|| "no due time".to_owned(), |d| format!("due {d}"));
    let mut text = format!(
        "step {} of {steps}: {} ({}), {due}\n",
        p.active_step + 1,
        p.unit,
        p.unit_name
    );
    match (&p.overdue_by_text, p.overdue) {
        (Some(by), true) => text.push_str(&format!("overdue by {by} of working time\n")),
        (None, true) => text.push_str("overdue\n"),
        _ => text.push_str("not overdue\n"),
    }
    match (p.next_step, &p.next_unit) {
        (Some(i), Some(unit)) => text.push_str(&format!("next: step {}, {unit}\n", i + 1)),
        _ => text.push_str("next: none, this is the last step\n"),
    }
    text
}

/// Reports bad input data and returns its exit code.
fn data_error(message: &str) -> u8 {
    output::eprint_error(message);
    DATA_ERROR
}
