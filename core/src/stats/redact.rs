//! Removing Swedish personal identity numbers from text before it reaches a
//! report.
//!
//! Written by hand: the crates that know personnummer validate or parse one
//! number given alone (and most require a correct check digit); we need to
//! *find* every number in free text, in every written form, including
//! mistyped ones: a personnummer with a wrong check digit is still personal
//! data. The scanner is a few dozen lines with no dependency.

use std::borrow::Cow;

use crate::text::is_default_ignorable;

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
/// Text copied from a word processor or a web page writes these in other
/// characters, and they are recognised too: a no-break space or a narrow
/// one for the space; an en dash, a minus sign or a Unicode hyphen for the
/// hyphen; and invisible characters (soft hyphens, zero-width spaces,
/// direction marks: Unicode's default-ignorable code points) anywhere
/// between the digits.
///
/// ```
/// use kommunlots::stats::redact;
/// assert_eq!(redact("Mitt pnr är 121212-1212."), "Mitt pnr är [personnummer].");
/// assert_eq!(redact("Mitt pnr är 121212–1212."), "Mitt pnr är [personnummer].");
/// assert_eq!(redact("Tel 0435-28000"), "Tel 0435-28000");
/// ```
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    // Whether the character before `i` is a digit, invisible ones skipped.
    let mut after_digit = false;
    while let Some(c) = text[i..].chars().next() {
        if c.is_ascii_digit() && !after_digit {
            if let Some(end) = number_at(text, i) {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..i]);
                o.push_str(REDACTED);
                copied = end;
                i = end;
                continue;
            }
        }
        after_digit = c.is_ascii_digit() || (after_digit && is_default_ignorable(c));
        i += c.len_utf8();
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

/// What stands between the date and the last four digits: a space, a
/// hyphen or a plus, as typed or as a word processor writes them.
const SEPARATORS: [char; 9] = [
    '-', '+', ' ', '\u{A0}', '\u{202F}', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2212}',
];

/// A run of ASCII digits, invisible characters between them skipped.
struct Digits {
    /// How many digits.
    count: usize,
    /// The byte just after the last digit.
    end: usize,
    /// The first twelve digits, as numbers 0–9.
    first: [u8; 12],
}

impl Digits {
    fn at(text: &str, from: usize) -> Self {
        let mut run = Digits {
            count: 0,
            end: from,
            first: [0; 12],
        };
        for (i, c) in text[from..].char_indices() {
            if c.is_ascii_digit() {
                if let Some(slot) = run.first.get_mut(run.count) {
                    *slot = c as u8 - b'0';
                }
                run.count += 1;
                run.end = from + i + 1;
            } else if !is_default_ignorable(c) {
                break;
            }
        }
        run
    }
}

/// The end of a personal identity number starting at `start` (a digit with
/// no digit before it), if there is one.
fn number_at(text: &str, start: usize) -> Option<usize> {
    let date = Digits::at(text, start);
    // Date part, a separator, four digits.
    if date.count == 6 || date.count == 8 {
        let separator = text[date.end..]
            .char_indices()
            .find(|&(_, c)| !is_default_ignorable(c))
            .filter(|(_, c)| SEPARATORS.contains(c));
        if let Some((i, c)) = separator {
            let last = Digits::at(text, date.end + i + c.len_utf8());
            if last.count == 4 && plausible_date(&date.first[..date.count]) {
                return Some(last.end);
            }
        }
    }
    // Ten or twelve digits in one run.
    if (date.count == 10 || date.count == 12) && plausible_date(&date.first[..date.count - 4]) {
        return Some(date.end);
    }
    None
}

/// The digits of `YYMMDD` or `YYYYMMDD` with a month 01–12 and a day 01–31 (61–91 for a
/// co-ordination number).
fn plausible_date(date: &[u8]) -> bool {
    let two = |i: usize| date[i] * 10 + date[i + 1];
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
            "701063-2391",               // samordningsnummer: day 03 + 60
            "121212\u{2013}1212",        // an en dash, as a word processor writes it
            "121212\u{2212}1212",        // a minus sign
            "121212\u{A0}1212",          // a no-break space
            "121212\u{202F}1212",        // a narrow no-break space
            "1212\u{AD}12-12\u{200B}12", // a soft hyphen and a zero-width space
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
        // Invisible characters around a number stay; the number goes.
        assert_eq!(
            redact("\u{200E}121212-1212\u{200F}"),
            format!("\u{200E}{REDACTED}\u{200F}")
        );
    }

    #[test]
    fn other_numbers_are_kept() {
        for text in [
            "0435-28000",           // a telephone number
            "Storgatan 12",         // an address
            "2027-03-25",           // a date
            "12345",                // a short number
            "1213121212",           // month 13
            "121200-1212",          // day 00
            "1212121212345",        // thirteen digits
            "121212-12123",         // five digits after the separator
            "E-2027-0042",          // an enquiry id
            "0435\u{2013}28000",    // a telephone number with an en dash
            "1\u{200B}121212-1212", // a digit touches it, behind a zero-width space
            "121212-1212\u{AD}3",   // and after it, behind a soft hyphen
            "121212\u{2014}1212",   // an em dash is not a separator
        ] {
            assert_eq!(redact(text), text, "{text}");
        }
    }
}
