//! RFC 3339 timestamps as decisions and reports print them:
//! `2027-03-31T16:30:00+02:00`, in the municipality's offset at that instant.
//!
//! Written by hand rather than left to jiff's printer
//! (`Timestamp::display_with_offset`), which gives the same text: a decision
//! prints up to four of these, and jiff's general printer (any precision,
//! any year, formatter plumbing) took about 600 instructions a call under
//! callgrind. Anything outside this fixed layout (a year outside
//! 0000–9999, an offset with seconds) is handed to jiff, and a property
//! test checks that both give the same text for every instant.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;

/// An instant with the UTC offset the municipality had at that instant: a
/// decision's `received_at` and the due times of its path.
///
/// It prints, serialises and parses as RFC 3339 with the offset
/// (`2027-03-31T16:30:00+02:00`), the form the decision JSON carries; in
/// Rust it is a value to compare and compute with, so nothing has to parse
/// the text back.
///
/// ```
/// use kommunlots::LocalTime;
///
/// let due: LocalTime = "2027-03-31T16:30:00+02:00".parse()?;
/// assert_eq!(due.timestamp().to_string(), "2027-03-31T14:30:00Z");
/// assert_eq!(due.offset().seconds(), 7200);
/// assert_eq!(due.datetime().hour(), 16);
/// assert_eq!(due.to_string(), "2027-03-31T16:30:00+02:00");
/// # Ok::<(), jiff::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocalTime {
    timestamp: Timestamp,
    offset: Offset,
}

impl LocalTime {
    /// `timestamp` with `offset`.
    pub fn new(timestamp: Timestamp, offset: Offset) -> LocalTime {
        LocalTime { timestamp, offset }
    }

    /// The instant.
    pub fn timestamp(self) -> Timestamp {
        self.timestamp
    }

    /// The UTC offset it is shown with.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// The wall-clock date and time at that offset.
    pub fn datetime(self) -> DateTime {
        self.offset.to_datetime(self.timestamp)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Layout::new();
        if buf.write(self.timestamp, self.offset) {
            // The layout is ASCII, so this is never the empty fallback.
            f.write_str(std::str::from_utf8(buf.as_bytes()).unwrap_or_default())
        } else {
            fmt::Display::fmt(&self.timestamp.display_with_offset(self.offset), f)
        }
    }
}

impl FromStr for LocalTime {
    type Err = jiff::Error;

    /// Parses RFC 3339 with an offset (`Z` is UTC). A time without an
    /// offset is an error: the instant would be unknown.
    fn from_str(s: &str) -> Result<LocalTime, jiff::Error> {
        let timestamp: Timestamp = s.parse()?;
        let offset = match Pieces::parse(s)?.offset() {
            Some(PiecesOffset::Numeric(n)) => n.offset(),
            _ => Offset::UTC,
        };
        Ok(LocalTime { timestamp, offset })
    }
}

impl serde::Serialize for LocalTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LocalTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<LocalTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(|e: jiff::Error| {
            serde::de::Error::custom(format_args!(
                "`{text}` is not a time with its offset (RFC 3339): {e}"
            ))
        })
    }
}

/// The longest text of the fixed layout: `2027-03-31T16:30:00.123456789+02:00`.
const LAYOUT_BYTES: usize = 35;

/// The fixed layout, built on the stack.
struct Layout {
    bytes: [u8; LAYOUT_BYTES],
    len: usize,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            bytes: [0; LAYOUT_BYTES],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    /// `value` in decimal, zero-padded to `width` digits (`value` has at
    /// most `width` digits).
    fn push_digits(&mut self, value: u32, width: u32) {
        let mut div = 10u32.pow(width.saturating_sub(1));
        while div > 0 {
            let digit = (value / div) % 10;
            self.push(b'0' + digit as u8);
            div /= 10;
        }
    }

    /// Writes `ts` with `offset`; `false` (and nothing written) when they
    /// fall outside the layout: a year outside 0000–9999, an offset with
    /// seconds.
    fn write(&mut self, ts: Timestamp, offset: Offset) -> bool {
        let offset_seconds = offset.seconds();
        let local = offset.to_datetime(ts);
        let year = local.year();
        if offset_seconds % 60 != 0 || !(0..=9999).contains(&year) {
            return false;
        }
        // The casts are in range: the year is 0..=9999 (checked above), the
        // other fields are jiff's civil ranges (month 1–12 and so on).
        self.push_digits(year.unsigned_abs().into(), 4);
        self.push(b'-');
        self.push_digits(local.month().unsigned_abs().into(), 2);
        self.push(b'-');
        self.push_digits(local.day().unsigned_abs().into(), 2);
        self.push(b'T');
        self.push_digits(local.hour().unsigned_abs().into(), 2);
        self.push(b':');
        self.push_digits(local.minute().unsigned_abs().into(), 2);
        self.push(b':');
        self.push_digits(local.second().unsigned_abs().into(), 2);
        let mut nanos = local.subsec_nanosecond().unsigned_abs();
        if nanos != 0 {
            let mut width = 9;
            while nanos % 10 == 0 {
                nanos /= 10;
                width -= 1;
            }
            self.push(b'.');
            self.push_digits(nanos, width);
        }
        self.push(if offset_seconds < 0 { b'-' } else { b'+' });
        let minutes = offset_seconds.unsigned_abs() / 60;
        self.push_digits(minutes / 60, 2);
        self.push(b':');
        self.push_digits(minutes % 60, 2);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ts` in RFC 3339 with `offset`, as a decision prints it: seconds
    /// always, the fraction only when there is one, the offset `±HH:MM`.
    fn format_with_offset(ts: Timestamp, offset: Offset) -> String {
        LocalTime::new(ts, offset).to_string()
    }
    use jiff::tz::TimeZone;
    use proptest::prelude::*;

    fn stockholm() -> TimeZone {
        crate::calendar::time_zone_named("Europe/Stockholm").unwrap_or_else(|e| panic!("{e}"))
    }

    /// `ts` with `tz`'s offset at that instant.
    fn format(ts: Timestamp, tz: &TimeZone) -> String {
        format_with_offset(ts, tz.to_offset(ts))
    }

    #[test]
    fn prints_the_layout_decisions_use() {
        let tz = stockholm();
        let ts: Timestamp = "2027-03-31T14:30:00Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format(ts, &tz), "2027-03-31T16:30:00+02:00");
        let winter: Timestamp = "2027-01-04T07:05:09.120Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format(winter, &tz), "2027-01-04T08:05:09.12+01:00");
        let west = Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format_with_offset(ts, west), "2027-03-31T11:00:00-03:30");
        assert_eq!(
            format_with_offset(ts, Offset::UTC),
            "2027-03-31T14:30:00+00:00"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// The hand-written layout is exactly jiff's, for any instant jiff
        /// can represent and any offset (the odd ones go to jiff itself).
        #[test]
        fn agrees_with_jiff(
            seconds in Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
            nanos in prop_oneof![Just(0i32), 0i32..1_000_000_000, (0i32..1000).prop_map(|m| m * 1_000_000)],
            offset in prop_oneof![
                Just(3600i32), Just(7200), Just(0), (-86_399i32 / 60..=86_399 / 60).prop_map(|m| m * 60),
                -86_399i32..=86_399,
            ],
        ) {
            let ts = Timestamp::new(seconds, if seconds == Timestamp::MIN.as_second() { 0 } else { nanos });
            let offset = Offset::from_seconds(offset);
            if let (Ok(ts), Ok(offset)) = (ts, offset) {
                prop_assert_eq!(
                    format_with_offset(ts, offset),
                    ts.display_with_offset(offset).to_string()
                );
            }
        }

        /// Around Stockholm's daylight-saving changes.
        #[test]
        fn agrees_with_jiff_in_stockholm(seconds in 0i64..7_300_000_000) {
            let tz = stockholm();
            let ts = Timestamp::from_second(seconds).unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(format(ts, &tz), ts.display_with_offset(tz.to_offset(ts)).to_string());
        }
    }
}
