//! RFC 3339 timestamps as decisions and reports print them:
//! `2027-03-31T16:30:00+02:00`, in the municipality's offset at that instant.
//!
//! Written by hand rather than left to jiff's printer
//! (`Timestamp::display_with_offset`), which gives the same text: a decision
//! prints up to four of these, and jiff's general printer (any precision,
//! any year, formatter plumbing) took about 600 instructions a call under
//! callgrind, a tenth of routing an enquiry. This fixed layout takes well
//! under 100. Anything outside it (a year outside 0000–9999, an offset with
//! seconds) is handed to jiff, and a property test checks that both give
//! the same text for every instant.

use jiff::Timestamp;
use jiff::tz::Offset;

/// `ts` in RFC 3339 with `offset`: seconds always, the fraction only when
/// there is one (trailing zeros trimmed), the offset as `±HH:MM`.
pub(crate) fn format_with_offset(ts: Timestamp, offset: Offset) -> String {
    let offset_seconds = offset.seconds();
    let local = offset.to_datetime(ts);
    let year = local.year();
    if offset_seconds % 60 != 0 || !(0..=9999).contains(&year) {
        return ts.display_with_offset(offset).to_string();
    }
    let mut out = String::with_capacity(35);
    // The casts are in range: the year is 0..=9999 (checked above), the
    // other fields are jiff's civil ranges (month 1–12 and so on).
    push_digits(&mut out, year.unsigned_abs().into(), 4);
    out.push('-');
    push_digits(&mut out, local.month().unsigned_abs().into(), 2);
    out.push('-');
    push_digits(&mut out, local.day().unsigned_abs().into(), 2);
    out.push('T');
    push_digits(&mut out, local.hour().unsigned_abs().into(), 2);
    out.push(':');
    push_digits(&mut out, local.minute().unsigned_abs().into(), 2);
    out.push(':');
    push_digits(&mut out, local.second().unsigned_abs().into(), 2);
    let mut nanos = local.subsec_nanosecond().unsigned_abs();
    if nanos != 0 {
        let mut width = 9;
        while nanos % 10 == 0 {
            nanos /= 10;
            width -= 1;
        }
        out.push('.');
        push_digits(&mut out, nanos, width);
    }
    out.push(if offset_seconds < 0 { '-' } else { '+' });
    let minutes = offset_seconds.unsigned_abs() / 60;
    push_digits(&mut out, minutes / 60, 2);
    out.push(':');
    push_digits(&mut out, minutes % 60, 2);
    out
}

/// `value` in decimal, zero-padded to `width` digits (`value` has at most
/// `width` digits).
fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut div = 10u32.pow(width.saturating_sub(1));
    while div > 0 {
        let digit = (value / div) % 10;
        out.push(char::from(b'0' + digit as u8));
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
