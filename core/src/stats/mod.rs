//! Statistics and service-goal reports from routing logs.
//!
//! A routing log is JSON Lines: one enquiry per line, with its decision and,
//! when known, its outcome. The report counts volumes, the ROSA mix,
//! first-line resolution, service-target compliance in working time and the
//! rule set's blind spots, and compares them with the `[goals]` of
//! `municipality.toml`. It only reads decisions: lines without one are
//! routed with [`Router::route_at`], everything else is counting.
//!
//! ```
//! use kommunlots::Router;
//! use kommunlots::stats::{self, Options};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let router = Router::from_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/klippan"))?;
//! let log = r#"{"id": 1, "channel": "email", "text": "Varför är inte gatan plogad?", "received_at": "2027-03-25T16:30:00+01:00", "answered_at": "2027-03-26T10:00:00+01:00"}
//! not json
//! "#;
//! let report = stats::report(&router, log.as_bytes(), Options::as_of("2027-04-01T12:00:00Z".parse()?))?;
//! assert_eq!(report.total, 1);
//! assert_eq!(report.lines.malformed, 1);
//! assert_eq!(report.malformed[0].line, 2);
//! # Ok(())
//! # }
//! ```
//!
//! # Log format
//!
//! Each non-blank line is a JSON object in one of these shapes:
//!
//! 1. **Enquiry, decision and outcome**:
//!    `{"enquiry": {…}, "decision": {…}, "answered_at": "…",
//!    "resolved_at_first_line": true, "forwarded_to": "teknik-gata"}`.
//!    `enquiry` is what `kommunlots route` reads, `decision` what it writes.
//!    `decision` may be left out: the enquiry is then routed here.
//! 2. **A raw enquiry**: the enquiry's own fields (`id`, `channel`, `text`,
//!    `form`, `received_at`, `language`, `fields`) at the top level, with
//!    the outcome fields beside them. It is routed here with
//!    [`Router::route_at`] at its `received_at`, so a municipality can feed
//!    its raw enquiry log.
//! 3. **A bare decision**, a line of `kommunlots route`'s output as it is,
//!    or `{"decision": {…}, …outcome}`: id, channel and receipt time are
//!    taken from the decision; there is no text, so unmatched words are not
//!    counted for it.
//!
//! The outcome fields, all optional:
//! - `answered_at`: when the citizen got an answer (RFC 3339 with offset);
//!   absent means the enquiry is still open;
//! - `resolved_at_first_line`: whether the first line resolved it without
//!   passing it on;
//! - `forwarded_to`: the unit or department it was passed on to (implies
//!   not resolved at the first line unless `resolved_at_first_line` says
//!   otherwise).
//!
//! Unknown keys, an enquiry given both nested and at the top level, bad
//! times and invalid JSON make a line *malformed*: it is skipped, counted in
//! [`LineCounts::malformed`] and listed with its line number (the first
//! [`MAX_LISTED`]).
//!
//! # What is counted
//!
//! - **Volumes** per channel, owning department, enquiry type, ROSA level and
//!   period (day, ISO week or month of `received_at` in the municipality's
//!   time zone). `--from`/`--to` keep the enquiries received on those days,
//!   inclusive; lines without a receipt time are then skipped.
//! - **ROSA mix**: levels 1–2 (simple), 3–4, 5–6 and no level (unmatched or
//!   ambiguous), as shares of all counted enquiries, the simple share
//!   against `goals.simple_share_min`–`max`.
//! - **First-line resolution**: share of all counted enquiries resolved at
//!   the first line without being passed on: from `resolved_at_first_line`
//!   when given, else "not resolved" when `forwarded_to` is given, else the
//!   decision's `first_line`. The report says how many were judged each way
//!   ([`FirstLineResolution`]).
//! - **Service targets** per channel, in working time: each enquiry's due
//!   time is [`Calendar::due`](crate::calendar::Calendar::due) from its
//!   receipt with the target [`Router::target`] gives for its channel and
//!   type and the opening hours of its first handler
//!   ([`Router::opening_hours`]). Answered enquiries are within target when
//!   answered by then; time to answer is
//!   [`Calendar::working_time_between`](crate::calendar::Calendar::working_time_between)
//!   receipt and answer, summarised by median and 90th percentile
//!   ([`quantile`] gives the precision). Open enquiries whose due time is
//!   before the report's `as_of` are overdue.
//! - **Unmatched enquiries** and their most common words ([`words`]).
//!
//! # Memory
//!
//! Counts live in maps keyed by the channels, departments, types, levels and
//! periods, which are bounded by the rule set and the calendar, not by the
//! log. Quantiles are exact up to [`quantile::EXACT_LIMIT`] values per
//! channel and a fixed histogram after; words use a bounded Space-Saving
//! counter; malformed and overdue lists keep at most [`MAX_LISTED`] entries.
//!
//! # Personal data
//!
//! Personal identity numbers never reach a report: [`redact()`] is applied to
//! every message and id that is copied into one, and words with digits are
//! never counted.

mod aggregate;
#[cfg(feature = "html")]
mod html;
mod log;
pub mod quantile;
mod redact;
mod report;
mod table;
pub mod words;

use std::io::{self, BufRead};

pub use crate::lines::MAX_LINE_BYTES;
pub use aggregate::{Aggregator, Options, TOP_WORDS};
#[cfg(feature = "html")]
pub use html::to_html;
pub use log::{LogEntry, LogReader, Outcome, parse_line};
pub use redact::{REDACTED, contains_personal_number, redact};
pub use report::{
    ChannelService, FirstLineResolution, LineCounts, MAX_LISTED, MalformedLine, OverdueEnquiry,
    Period, Report, RosaMix, Share, Unmatched, Volume,
};
pub use table::to_text;

use crate::router::Router;

/// Reads a whole log from `input` and reports on it.
///
/// Fails only when reading fails; malformed lines are counted in the report.
pub fn report(router: &Router, input: impl BufRead, options: Options) -> io::Result<Report> {
    let mut reader = LogReader::new(input);
    let mut aggregator = Aggregator::new(router, options);
    while let Some((line, text)) = reader.next_line()? {
        aggregator.add_line(line, text);
    }
    Ok(aggregator.finish())
}
