//! The one Swedish sentence that says why an enquiry goes where it goes.
//!
//! Sentences are built only from the rule set (type, unit and department
//! names, the terms as the rule owner wrote them), never from the citizen's
//! text, so an explanation can never repeat a personal identity number or
//! anything else the citizen wrote.

use crate::decision::{MatchVia, MatchedTerm, PolicyStep};
use crate::router::{CompiledType, Router};

/// Explains a recognised type.
pub(crate) fn matched(
    router: &Router,
    ty: &CompiledType,
    via: MatchVia,
    had_form: bool,
    terms: &[MatchedTerm],
    handler: usize,
) -> String {
    let department = &router.departments[ty.department].name;
    let unit = &router.units[ty.unit].name;
    let handler = &router.units[handler].name;
    let because = match via {
        MatchVia::Form => "som e-tjänstens formulär anger".to_owned(),
        _ => {
            let quoted: Vec<String> = terms.iter().map(|t| format!("”{}”", t.term)).collect();
            let lead = if had_form {
                "formulärkoden var okänd, men texten innehåller"
            } else {
                "texten innehåller"
            };
            format!("{lead} {}", join_sv(&quoted))
        }
    };
    let level = ty.level;
    let placement = match ty.step {
        PolicyStep::Level1To2FirstLine => {
            format!(
                "Det är ROSA-nivå {level} (information och vägledning), så {handler} besvarar det direkt."
            )
        }
        PolicyStep::FrequentLevel3To4FirstLine => {
            format!("Det är ROSA-nivå {level} och så vanligt att {handler} handlägger det direkt.")
        }
        PolicyStep::OverrideFirstLine => {
            format!(
                "Förvaltningen har lämnat ärendeslaget till {handler}, som handlägger det direkt."
            )
        }
        PolicyStep::RareLevel3To4Department => {
            format!(
                "Det är ROSA-nivå {level} men för ovanligt för första linjen, så {unit} handlägger det."
            )
        }
        PolicyStep::AboveMaxLevelDepartment => {
            format!(
                "Det är ROSA-nivå {level}, över vad första linjen får hantera, så {unit} handlägger det."
            )
        }
        PolicyStep::Level5To6Department => {
            format!(
                "Det är ROSA-nivå {level}, som kräver förvaltningens bedömning, så {unit} handlägger det."
            )
        }
        PolicyStep::OverrideDepartment => {
            format!("Förvaltningen handlägger själv ärendeslaget, så {unit} tar det.")
        }
        PolicyStep::UnmatchedFallback | PolicyStep::AmbiguousFirstLine => {
            format!("{handler} tar emot det.")
        }
    };
    let mut out = format!(
        "Ärendet gäller {} ({department}), {because}. {placement}",
        lower_first(&ty.name)
    );
    if ty.confidential {
        match &ty.legal_reference {
            Some(law) => out.push_str(&format!(" Uppgifterna omfattas av sekretess ({law}).")),
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

/// "a, b och c".
fn join_sv(items: &[String]) -> String {
    join_with(items, "och")
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
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_swedish() {
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join_sv(&items), "a, b och c");
        assert_eq!(join_or(&items[..2]), "a eller b");
        assert_eq!(join_sv(&items[..1]), "a");
    }

    #[test]
    fn abbreviations_keep_their_case() {
        assert_eq!(lower_first("Snöröjning"), "snöröjning");
        assert_eq!(lower_first("VA-anmälan"), "VA-anmälan");
        assert_eq!(lower_first(""), "");
    }
}
