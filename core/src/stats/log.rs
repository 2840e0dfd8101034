//! Reading a routing log: JSON Lines, one enquiry per line, in bounded
//! memory.

use std::io::{self, BufRead};

use jiff::Timestamp;
use serde::Deserialize;

use crate::decision::{Decision, Enquiry, EnquiryId};
use crate::model::Channel;

/// Longest log line read, in bytes; a longer line is reported malformed
/// and skipped without being held in memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

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
        received_at: decision.received_at.as_deref().and_then(|s| s.parse().ok()),
        ..Enquiry::default()
    };
    LogEntry {
        enquiry,
        decision: Some(decision),
        outcome,
    }
}

/// Reads a log line by line, reusing one buffer, so memory does not grow
/// with the log.
pub struct LogReader<R> {
    input: R,
    buf: Vec<u8>,
    line: u64,
    bytes: u64,
}

impl<R: BufRead> LogReader<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> Self {
        LogReader {
            input,
            buf: Vec::new(),
            line: 0,
            bytes: 0,
        }
    }

    /// Bytes consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next non-blank line with its 1-based number: its text, or why it
    /// cannot be read (too long, not UTF-8). `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<(u64, Result<&str, String>)>> {
        let too_long = loop {
            let Some(too_long) = self.read_bounded()? else {
                return Ok(None);
            };
            self.line += 1;
            if too_long || !self.buf.trim_ascii().is_empty() {
                break too_long;
            }
        };
        if too_long {
            return Ok(Some((
                self.line,
                Err(format!(
                    "the line is longer than the limit of {MAX_LINE_BYTES} bytes"
                )),
            )));
        }
        let text = std::str::from_utf8(self.buf.trim_ascii())
            .map_err(|e| format!("invalid UTF-8 at column {}", e.valid_up_to() + 1));
        Ok(Some((self.line, text)))
    }

    /// Reads one line (without its `\n`) into `buf`, keeping at most
    /// [`MAX_LINE_BYTES`]. `None` at the end, else whether it was cut.
    fn read_bounded(&mut self) -> io::Result<Option<bool>> {
        self.buf.clear();
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(read_any.then_some(too_long));
            }
            read_any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = &available[..newline.unwrap_or(available.len())];
            let room = MAX_LINE_BYTES.saturating_sub(self.buf.len());
            if chunk.len() > room {
                too_long = true;
            }
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let used = newline.map_or(available.len(), |i| i + 1);
            self.input.consume(used);
            self.bytes += used as u64;
            if newline.is_some() {
                return Ok(Some(too_long));
            }
        }
    }
}

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

    #[test]
    fn blank_lines_are_skipped_and_numbers_kept() {
        let mut r = LogReader::new(&b"{}\n\n  \n{\"x\"\n"[..]);
        let mut seen = Vec::new();
        while let Some((n, text)) = r.next_line().unwrap() {
            seen.push((n, text.map(str::to_owned)));
        }
        assert_eq!(
            seen,
            [(1, Ok("{}".to_owned())), (4, Ok("{\"x\"".to_owned()))]
        );
        assert_eq!(r.bytes_read(), 12);
    }
}
