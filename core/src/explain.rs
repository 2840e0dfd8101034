//! The one Swedish sentence that says why an enquiry goes where it goes.
//!
//! Sentences are built only from the rule set (type, unit and department
//! names, the terms as the rule owner wrote them), never from the citizen's
//! text, so an explanation can never repeat a personal identity number or
//! anything else the citizen wrote.

use crate::decision::{MatchVia, MatchedTerm, PolicyStep};
use crate::router::{CompiledType, Router};
use crate::text::Reading;

/// Appends every piece to `out`. The sentence is built on every routing, so
/// it is concatenated into one buffer rather than formatted in parts.
macro_rules! cat {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        $($out.push_str($piece);)+
    }};
}

/// Explains a recognised type. `plain`: whether the text was read as
/// typed without `å`, `ä` and `ö` ([`crate::UNACCENTED_NOTE`],
/// [`crate::MOSTLY_UNACCENTED_NOTE`], [`crate::SECOND_LOOK_NOTE`]).
pub(crate) fn matched(
    router: &Router,
    ty: &CompiledType,
    via: MatchVia,
    had_form: bool,
    terms: &[MatchedTerm],
    plain: Reading,
    handler: usize,
) -> String {
    let department = &*router.departments[ty.department].name;
    let unit = &*router.units[ty.unit].name;
    let handler = &*router.units[handler].name;
    // Room for the usual sentence and the deadline that `push_due` may add
    // (about 300 bytes together), so neither grows the buffer.
    let mut out = String::with_capacity(384);
    out.push_str("Ärendet gäller ");
    push_lower_first(&mut out, &ty.name);
    cat!(out, " (", department, "), ");
    match via {
        MatchVia::Form => out.push_str("som e-tjänstens formulär anger"),
        _ => {
            if had_form {
                out.push_str("formulärkoden var okänd, men ");
            }
            // Where a term has the letters the text does not, say so: the
            // citizen wrote `sopkarlet`, the rule `sopkärl`.
            let letters = |t: &MatchedTerm| t.term.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']);
            out.push_str(match plain {
                Reading::Plain if terms.iter().any(letters) => {
                    "texten, skriven utan å, ä och ö, innehåller "
                }
                Reading::MostlyPlain | Reading::SecondLook if terms.iter().any(letters) => {
                    "texten, mest skriven utan å, ä och ö, innehåller "
                }
                _ => "texten innehåller ",
            });
            for (i, t) in terms.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i + 1 == terms.len() { " och " } else { ", " });
                }
                // A near spelling is not in the text as the rule writes it.
                if t.near_spelling {
                    out.push_str("ett ord som liknar ");
                }
                cat!(out, "”", &t.term, "”");
            }
        }
    }
    out.push_str(". ");
    let level = ["0", "1", "2", "3", "4", "5", "6"]
        .get(usize::from(ty.level))
        .copied()
        .unwrap_or("?");
    match ty.step {
        PolicyStep::Level1To2FirstLine => cat!(
            out,
            "Det är ROSA-nivå ",
            level,
            " (information och vägledning), så ",
            handler,
            " besvarar det direkt."
        ),
        PolicyStep::FrequentLevel3To4FirstLine => cat!(
            out,
            "Det är ROSA-nivå ",
            level,
            " och så vanligt att ",
            handler,
            " handlägger det direkt."
        ),
        PolicyStep::OverrideFirstLine => cat!(
            out,
            "Förvaltningen har lämnat ärendeslaget till ",
            handler,
            ", som handlägger det direkt."
        ),
        PolicyStep::RareLevel3To4Department => cat!(
            out,
            "Det är ROSA-nivå ",
            level,
            " men för ovanligt för första linjen, så ",
            unit,
            " handlägger det."
        ),
        PolicyStep::AboveMaxLevelDepartment => cat!(
            out,
            "Det är ROSA-nivå ",
            level,
            ", över vad första linjen får hantera, så ",
            unit,
            " handlägger det."
        ),
        PolicyStep::Level5To6Department => cat!(
            out,
            "Det är ROSA-nivå ",
            level,
            ", som kräver förvaltningens bedömning, så ",
            unit,
            " handlägger det."
        ),
        PolicyStep::OverrideDepartment => cat!(
            out,
            "Förvaltningen handlägger själv ärendeslaget, så ",
            unit,
            " tar det."
        ),
        PolicyStep::UnmatchedFallback | PolicyStep::AmbiguousFirstLine => {
            cat!(out, handler, " tar emot det.")
        }
    }
    if ty.confidential {
        match &ty.legal_reference {
            Some(law) => cat!(out, " Uppgifterna omfattas av sekretess (", law, ")."),
            None => out.push_str(" Uppgifterna omfattas av sekretess."),
        }
    }
    out
}

/// Explains an enquiry nothing recognised.
pub(crate) fn unmatched(handler: &str) -> String {
    format!(
        "Inget ärendeslag i regelverket kändes igen, så {handler} tar emot ärendet och ser till att det besvaras."
    )
}

/// Explains an enquiry that fits several types equally well.
pub(crate) fn ambiguous(names: &[&str], handler: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| lower_first(n)).collect();
    format!(
        "Ärendet kan gälla {}, så {handler} tar emot det och avgör vem som ska handlägga det.",
        join_or(&quoted)
    )
}

/// Appends " Det kom när Kundtjänsten har stängt, så Socialjouren tar emot
/// det först." to a decision's sentence: the type's duty service comes
/// before the closed first handler.
pub(crate) fn push_out_of_hours(out: &mut String, closed: &str, duty: &str) {
    cat!(
        out,
        " Det kom när ",
        closed,
        " har stängt, så ",
        duty,
        " tar emot det först."
    );
}

/// The sentence on the first deadline: "Kundtjänsten besvarar det senast
/// onsdag 31 mars 2027 kl. 16.30."
/// Appends " {handler} besvarar det senast onsdag 31 mars 2027 kl. 16.30."
/// (with its leading space) to a decision's sentence.
pub(crate) fn push_due(out: &mut String, handler: &str, due: &jiff::civil::DateTime) {
    cat!(out, " ", handler, " besvarar det senast ");
    push_date_time_sv(out, due);
    out.push('.');
}

/// "onsdag 31 mars 2027 kl. 16.30".
#[cfg(test)]
pub(crate) fn date_time_sv(at: &jiff::civil::DateTime) -> String {
    let mut out = String::new();
    push_date_time_sv(&mut out, at);
    out
}

fn push_date_time_sv(out: &mut String, at: &jiff::civil::DateTime) {
    const WEEKDAYS: [&str; 7] = [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ];
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let weekday = WEEKDAYS
        .get(usize::from(
            at.weekday().to_monday_zero_offset().unsigned_abs(),
        ))
        .unwrap_or(&"");
    let month = MONTHS
        .get(usize::from(at.month().unsigned_abs()).saturating_sub(1))
        .unwrap_or(&"");
    cat!(out, weekday, " ");
    push_number(out, at.day().unsigned_abs().into(), 1);
    cat!(out, " ", month, " ");
    push_number(out, at.year().unsigned_abs().into(), 1);
    out.push_str(" kl. ");
    push_number(out, at.hour().unsigned_abs().into(), 1);
    out.push('.');
    push_number(out, at.minute().unsigned_abs().into(), 2);
}

/// Appends `n` in decimal, zero-padded to `width`. Written out because it
/// runs on every routing, where the formatting machinery cost more than the
/// rest of the sentence together.
fn push_number(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(digits.len().saturating_sub(width));
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

/// "a, b eller c".
fn join_or(items: &[String]) -> String {
    join_with(items, "eller")
}

fn join_with(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

/// Lower-cases the first letter of a type name for use mid-sentence, unless
/// the name starts with an abbreviation (`VA-anmälan`).
fn lower_first(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_lower_first(&mut out, name);
    out
}

fn push_lower_first(out: &mut String, name: &str) {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            out.extend(a.to_lowercase());
            out.push_str(&name[a.len_utf8()..]);
        }
        _ => out.push_str(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_swedish() {
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join_or(&items), "a, b eller c");
        assert_eq!(join_or(&items[..2]), "a eller b");
        assert_eq!(join_or(&items[..1]), "a");
    }

    #[test]
    fn due_dates_read_as_swedish() -> Result<(), jiff::Error> {
        let at: jiff::civil::DateTime = "2027-03-31T16:30:00".parse()?;
        let mut sentence = "Det är bråttom.".to_owned();
        push_due(&mut sentence, "Kundtjänsten", &at);
        assert_eq!(
            sentence,
            "Det är bråttom. Kundtjänsten besvarar det senast onsdag 31 mars 2027 kl. 16.30."
        );
        let at: jiff::civil::DateTime = "2027-12-05T08:05:00".parse()?;
        assert_eq!(date_time_sv(&at), "söndag 5 december 2027 kl. 8.05");
        let at: jiff::civil::DateTime = "2100-11-30T23:59:00".parse()?;
        assert_eq!(date_time_sv(&at), "tisdag 30 november 2100 kl. 23.59");
        Ok(())
    }

    #[test]
    fn abbreviations_keep_their_case() {
        assert_eq!(lower_first("Snöröjning"), "snöröjning");
        assert_eq!(lower_first("VA-anmälan"), "VA-anmälan");
        assert_eq!(lower_first(""), "");
    }
}
