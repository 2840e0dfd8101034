//! Removing Swedish personal identity numbers from text before it reaches a
//! report.
//!
//! Written by hand: the crates that know personnummer validate or parse one
//! number given alone (and most require a correct check digit); we need to
//! *find* every number in free text, in every written form, including
//! mistyped ones: a personnummer with a wrong check digit is still personal
//! data. The scanner is a few dozen lines with no dependency.

use std::borrow::Cow;

/// What a redacted number is replaced with.
pub const REDACTED: &str = "[personnummer]";

/// `text` with every Swedish personal identity number (*personnummer*) or
/// co-ordination number (*samordningsnummer*, day + 60) replaced by
/// [`REDACTED`].
///
/// Recognised forms, each a digit run not touching other digits:
/// `YYMMDD-NNNN`, `YYMMDD+NNNN` (over 100 years old), `YYMMDD NNNN`,
/// `YYMMDDNNNN`, `YYYYMMDD-NNNN` and `YYYYMMDDNNNN`, where the month is
/// 01–12 and the day 01–31 or 61–91. The check digit is not required to be
/// right.
///
/// ```
/// use kommunlots::stats::redact;
/// assert_eq!(redact("Mitt pnr är 121212-1212."), "Mitt pnr är [personnummer].");
/// assert_eq!(redact("Tel 0435-28000"), "Tel 0435-28000");
/// ```
pub fn redact(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        match number_at(bytes, i) {
            Some(end) => {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..i]);
                o.push_str(REDACTED);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// True if `text` holds a personal identity number.
pub fn contains_personal_number(text: &str) -> bool {
    matches!(redact(text), Cow::Owned(_))
}

/// The end of a personal identity number starting at `start` (a digit with
/// no digit before it), if there is one.
fn number_at(bytes: &[u8], start: usize) -> Option<usize> {
    let run = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let first = run(start);
    let after = start + first;
    // Date part, a separator, four digits.
    if (first == 6 || first == 8)
        && matches!(bytes.get(after), Some(b'-' | b'+' | b' '))
        && run(after + 1) == 4
        && plausible_date(&bytes[start..after])
    {
        return Some(after + 5);
    }
    // Ten or twelve digits in one run.
    if (first == 10 || first == 12) && plausible_date(&bytes[start..start + first - 4]) {
        return Some(after);
    }
    None
}

/// `YYMMDD` or `YYYYMMDD` with a month 01–12 and a day 01–31 (61–91 for a
/// co-ordination number).
fn plausible_date(date: &[u8]) -> bool {
    let two = |i: usize| (date[i] - b'0') * 10 + (date[i + 1] - b'0');
    let (month, day) = match date.len() {
        6 => (two(2), two(4)),
        8 => (two(4), two(6)),
        _ => return false,
    };
    (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form_is_redacted() {
        for text in [
            "121212-1212",
            "121212+1212",
            "121212 1212",
            "1212121212",
            "19121212-1212",
            "191212121212",
            "701063-2391", // samordningsnummer: day 03 + 60
        ] {
            assert_eq!(redact(text), REDACTED, "{text}");
            assert_eq!(
                redact(&format!("pnr: {text}, tack")),
                format!("pnr: {REDACTED}, tack"),
                "{text}"
            );
        }
        assert_eq!(
            redact("a 121212-1212 b 191212121212"),
            format!("a {REDACTED} b {REDACTED}")
        );
    }

    #[test]
    fn other_numbers_are_kept() {
        for text in [
            "0435-28000",    // a telephone number
            "Storgatan 12",  // an address
            "2027-03-25",    // a date
            "12345",         // a short number
            "1213121212",    // month 13
            "121200-1212",   // day 00
            "1212121212345", // thirteen digits
            "121212-12123",  // five digits after the separator
            "E-2027-0042",   // an enquiry id
        ] {
            assert_eq!(redact(text), text, "{text}");
        }
    }
}
