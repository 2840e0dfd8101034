//! Reading a routing log: JSON Lines, one enquiry per line, in bounded
//! memory.

use jiff::Timestamp;
use serde::Deserialize;

use crate::decision::{Decision, Enquiry, EnquiryId};
use crate::model::Channel;
use crate::rfc3339::LocalTime;

/// What happened to an enquiry after it was routed, when the log knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// When the citizen got an answer; `None` while the enquiry is open.
    pub answered_at: Option<Timestamp>,
    /// Whether the first line resolved it without passing it on.
    pub resolved_at_first_line: Option<bool>,
    /// The unit or department it was passed on to.
    pub forwarded_to: Option<String>,
}

/// One line of a routing log, read.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// The enquiry (built from the decision when the line has none).
    pub enquiry: Enquiry,
    /// Its decision, when the line carries one; otherwise the report routes
    /// the enquiry itself.
    pub decision: Option<Decision>,
    /// Its outcome.
    pub outcome: Outcome,
}

/// A log line as written: either `{"enquiry": {…}, "decision": {…},
/// outcome…}` or the enquiry's own fields at the top level beside the
/// outcome.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    enquiry: Option<Enquiry>,
    decision: Option<Decision>,
    answered_at: Option<Timestamp>,
    resolved_at_first_line: Option<bool>,
    forwarded_to: Option<String>,
    id: Option<EnquiryId>,
    channel: Option<Channel>,
    text: Option<String>,
    form: Option<String>,
    received_at: Option<Timestamp>,
    language: Option<String>,
    fields: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Parses one log line (see the [module docs](super) for the format).
pub fn parse_line(line: &str) -> Result<LogEntry, String> {
    let raw: RawLine = match serde_json::from_str(line) {
        Ok(raw) => raw,
        Err(e) => {
            // A bare decision, as `kommunlots route` writes it.
            if let Ok(decision) = serde_json::from_str::<Decision>(line) {
                return Ok(from_decision(decision, Outcome::default()));
            }
            return Err(e.to_string());
        }
    };
    let outcome = Outcome {
        answered_at: raw.answered_at,
        resolved_at_first_line: raw.resolved_at_first_line,
        forwarded_to: raw.forwarded_to,
    };
    let top = Enquiry {
        id: raw.id,
        channel: raw.channel,
        text: raw.text,
        form: raw.form,
        received_at: raw.received_at,
        language: raw.language,
        fields: raw.fields,
    };
    let has_top = top != Enquiry::default();
    match (raw.enquiry, raw.decision) {
        (Some(_), _) if has_top => Err(
            "the line has both an `enquiry` object and enquiry fields at the top level: give \
             one or the other"
                .to_owned(),
        ),
        (Some(enquiry), decision) => Ok(LogEntry {
            enquiry,
            decision,
            outcome,
        }),
        (None, Some(decision)) if !has_top => Ok(from_decision(decision, outcome)),
        (None, decision) => Ok(LogEntry {
            enquiry: top,
            decision,
            outcome,
        }),
    }
}

/// An entry from a decision alone: the enquiry's id, channel and receipt
/// time are taken from it.
fn from_decision(decision: Decision, outcome: Outcome) -> LogEntry {
    let enquiry = Enquiry {
        id: decision.id.clone(),
        channel: decision.channel,
        received_at: decision.received_at.map(LocalTime::timestamp),
        ..Enquiry::default()
    };
    LogEntry {
        enquiry,
        decision: Some(decision),
        outcome,
    }
}

/// Reads a log line by line in bounded memory; lines longer than
/// [`MAX_LINE_BYTES`](crate::lines::MAX_LINE_BYTES) are reported malformed
/// and skipped without being held.
pub type LogReader<R> = crate::lines::LineReader<R>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_enquiry_with_an_outcome_at_the_top_level() {
        let e = parse_line(
            r#"{"id": "E-1", "channel": "email", "text": "snö", "received_at": "2027-03-25T16:30:00+01:00", "answered_at": "2027-03-26T09:00:00+01:00"}"#,
        )
        .unwrap();
        assert_eq!(e.enquiry.text.as_deref(), Some("snö"));
        assert_eq!(e.decision, None);
        assert_eq!(
            e.outcome.answered_at,
            Some("2027-03-26T08:00:00Z".parse().unwrap())
        );
    }

    #[test]
    fn nested_and_top_level_enquiries_do_not_mix() {
        let e = parse_line(r#"{"enquiry": {"text": "a"}, "text": "b"}"#).unwrap_err();
        assert!(e.contains("both an `enquiry` object"), "{e}");
        let e = parse_line(r#"{"enquiry": {"text": "a"}, "answerd_at": "x"}"#).unwrap_err();
        assert!(e.contains("unknown field `answerd_at`"), "{e}");
    }
}
