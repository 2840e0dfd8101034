//! `kommunlots route`: one enquiry from the command line, or a stream of
//! JSON Lines from stdin.

use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use kommunlots::json::{MAX_ENQUIRY_JSON_BYTES, parse_enquiry};
use kommunlots::lines::{LineError as ReadError, LineReader};
use kommunlots::{Channel, Enquiry, Router};
use serde_json::Value;

use crate::error::{CliError, DATA_ERROR, SUCCESS, is_broken_pipe};
use crate::output::{self, Format};
use crate::rules;

/// Shown after `kommunlots route --help`.
pub const HELP: &str = r#"JSON Lines (stdin, one enquiry per line, every field optional):
  {"id": "E-1", "channel": "email", "text": "…", "form": "TF-VA", "received_at": "2027-03-01T09:12:00+01:00", "language": "sv", "fields": {}}
Each non-blank line gives one output line: the decision, or
  {"id": "E-1", "error": "at column 17: …", "line": 2, "column": 17}
for a line that cannot be read (the run then exits with code 65).

Examples:
  kommunlots route --rules rules/klippan "Varför har ni inte plogat Storgatan?"
  kommunlots route --rules rules/klippan --form TF-PTRH ""
  kommunlots route --rules rules/klippan --format json --pretty --channel phone "snöröjning"
  kommunlots route --rules rules/klippan < enquiries.jsonl > decisions.jsonl"#;

/// Arguments of `kommunlots route`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set folder (holding `municipality.toml` and `departments/`).
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The enquiry's text (several words are joined with spaces). Without
    /// it, enquiries are read from stdin as JSON Lines.
    ///
    /// Bytes that are not UTF-8 (a text pasted from a file in another
    /// encoding) are routed as U+FFFD rather than refused: every enquiry
    /// gets a decision.
    #[arg(value_name = "TEXT")]
    pub text: Vec<OsString>,
    /// The channel the enquiry came by. With stdin, the channel of every
    /// enquiry that names none.
    #[arg(long, value_name = "CHANNEL", value_parser = channel_parser())]
    pub channel: Option<Channel>,
    /// The e-service form code. With stdin, the form of every enquiry that
    /// names none.
    #[arg(long, value_name = "CODE")]
    pub form: Option<String>,
    /// Output format [default: text for TEXT, json for stdin].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Indent the JSON of a single decision (JSON Lines stay one per line).
    #[arg(long)]
    pub pretty: bool,
    /// Also say why the enquiry did, or did not, go to this enquiry type
    /// (only with TEXT). With `--format json`, the output is
    /// `{"decision": …, "why_not": …}`.
    #[arg(long, value_name = "TYPE")]
    pub why_not: Option<String>,
}

pub(crate) fn channel_parser() -> impl clap::builder::TypedValueParser<Value = Channel> {
    PossibleValuesParser::new(Channel::ALL.map(Channel::as_str)).try_map(|s| s.parse::<Channel>())
}

/// Runs `kommunlots route`.
pub fn run(args: &Args) -> Result<u8, CliError> {
    let router = rules::load_router(&args.rules)?;
    if args.why_not.is_some() && args.text.is_empty() {
        return Err(CliError::Usage(
            "--why-not needs the enquiry's TEXT on the command line".to_owned(),
        ));
    }
    if args.text.is_empty() {
        route_stream(&router, args, args.format.unwrap_or(Format::Json))
    } else {
        route_one(&router, args, args.format.unwrap_or(Format::Text))
    }
}

fn route_one(router: &Router, args: &Args, format: Format) -> Result<u8, CliError> {
    let enquiry = Enquiry {
        channel: args.channel,
        form: args.form.clone(),
        ..Enquiry::text(
            args.text
                .iter()
                .map(|t| t.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let decision = router.route(&enquiry);
    let why_not = match &args.why_not {
        Some(ty) => Some(router.why_not(&enquiry, ty).ok_or_else(|| {
            CliError::Usage(format!(
                "no enquiry type `{ty}` in {}; `kommunlots types {}` lists them",
                args.rules.display(),
                args.rules.display()
            ))
        })?),
        None => None,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match (format, &why_not) {
        (Format::Text, _) => {
            out.write_all(output::decision_text(&decision).as_bytes())?;
            if let Some(why) = &why_not {
                writeln!(out, "\nwhy not: {why}")?;
            }
        }
        (Format::Json, Some(why)) => {
            let both = serde_json::json!({ "decision": decision, "why_not": why });
            write_json(&mut out, &both, args.pretty)?;
        }
        (Format::Json, None) => write_json(&mut out, &decision, args.pretty)?,
    }
    out.flush()?;
    Ok(SUCCESS)
}

/// Writes `value` as JSON on one line, or indented.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    writeln!(out)
}

/// An input line that could not be routed.
struct LineError {
    /// The enquiry's `id`, when the line is a JSON object that has one.
    id: Value,
    /// What is wrong and where.
    message: String,
    /// 1-based column in the line, when known.
    column: Option<usize>,
}

/// Routes JSON Lines from stdin to stdout, one output line per non-blank
/// input line. Bad lines are reported in place; the rest are still routed.
fn route_stream(router: &Router, args: &Args, format: Format) -> Result<u8, CliError> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        output::eprint_line("reading enquiries as JSON Lines from stdin (end with Ctrl-D)");
    }
    let mut input = LineReader::with_limit(
        BufReader::with_capacity(64 * 1024, stdin.lock()),
        MAX_ENQUIRY_JSON_BYTES,
    );
    let mut out = BufWriter::new(io::stdout().lock());
    let mut bad_lines = Vec::new();
    let code = |bad: &[usize]| if bad.is_empty() { SUCCESS } else { DATA_ERROR };
    while let Some((line_number, text)) = input.next_line()? {
        let line_number = usize::try_from(line_number).unwrap_or(usize::MAX);
        let written = match parse_line(text, args) {
            Ok(enquiry) => {
                let decision = router.route(&enquiry);
                match format {
                    Format::Json => write_json(&mut out, &decision, false),
                    Format::Text => {
                        let label = decision
                            .id
                            .as_ref()
                            .map_or_else(|| format!("line {line_number}"), |id| id.to_string());
                        writeln!(out, "{}", output::decision_line(&label, &decision))
                    }
                }
            }
            Err(e) => {
                bad_lines.push(line_number);
                write_line_error(&mut out, format, &e, line_number)
            }
        };
        // Answer what has been read before waiting for more input, so a
        // program feeding us one line at a time gets its answers at once.
        let written = written.and_then(|()| {
            if input.get_ref().buffer().is_empty() {
                out.flush()
            } else {
                Ok(())
            }
        });
        match written {
            Ok(()) => {}
            Err(e) if is_broken_pipe(&e) => return Ok(code(&bad_lines)),
            Err(e) => return Err(e.into()),
        }
    }
    match out.flush() {
        Err(e) if !is_broken_pipe(&e) => return Err(e.into()),
        _ => {}
    }
    if let Some(first) = bad_lines.first() {
        output::eprint_error(&format!(
            "{} could not be read (first at line {first})",
            output::plural(bad_lines.len(), "input line")
        ));
    }
    Ok(code(&bad_lines))
}

fn parse_line(text: Result<&str, ReadError>, args: &Args) -> Result<Enquiry, LineError> {
    let text = text.map_err(|e| LineError {
        id: Value::Null,
        column: match e {
            ReadError::InvalidUtf8 { column } => Some(column),
            _ => None,
        },
        message: e.to_string(),
    })?;
    let mut enquiry = parse_enquiry(text).map_err(|e| {
        let column = (e.column > 0).then_some(e.column);
        LineError {
            id: best_effort_id(text),
            message: match column {
                Some(c) => format!("at column {c}: {}", e.message),
                None => e.message.clone(),
            },
            column,
        }
    })?;
    if enquiry.channel.is_none() {
        enquiry.channel = args.channel;
    }
    if enquiry.form.is_none() {
        enquiry.form.clone_from(&args.form);
    }
    Ok(enquiry)
}

/// The `id` of a line that is a JSON object but not a valid enquiry, so the
/// caller can tell which of its enquiries failed.
fn best_effort_id(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut map)) => match map.remove("id") {
            Some(id @ (Value::String(_) | Value::Number(_))) => id,
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

/// Writes `{"id":…,"error":"…","line":N,"column":C}` (or a text line).
fn write_line_error(
    out: &mut impl Write,
    format: Format,
    e: &LineError,
    line_number: usize,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let message = Value::String(e.message.clone());
            write!(
                out,
                "{{\"id\":{},\"error\":{message},\"line\":{line_number}",
                e.id
            )?;
            if let Some(column) = e.column {
                write!(out, ",\"column\":{column}")?;
            }
            writeln!(out, "}}")
        }
        Format::Text => {
            let label = match &e.id {
                Value::Null => format!("line {line_number}"),
                Value::String(s) => format!("{s} (line {line_number})"),
                other => format!("{other} (line {line_number})"),
            };
            writeln!(out, "{label}: error: {}", e.message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_taken_from_an_object_only() {
        assert_eq!(best_effort_id(r#"{"id": "E-1", "txt": 1}"#), "E-1");
        assert_eq!(best_effort_id(r#"{"id": [1]}"#), Value::Null);
        assert_eq!(best_effort_id(r#"{"id": "E-1""#), Value::Null);
    }
}
