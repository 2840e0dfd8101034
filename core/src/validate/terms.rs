//! Checks of the terms and test cases, keyword conflicts between
//! departments and untested types.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{Checker, tested_types};
use crate::diagnostic::{DiagnosticKind, Location};
use crate::load::suggest;
use crate::model::{Spanned, Term};
use crate::text::{self, Language, Stemmers};

/// Checks one term's weight and text; returns whether it can match.
pub(super) fn check_term(
    c: &mut Checker<'_>,
    source: usize,
    term: &Term,
    lang: Language,
    stemmers: &mut Stemmers,
) -> bool {
    if let Some(w) = &term.weight {
        let weight = *w.get_ref();
        if !(weight.is_finite() && weight > 0.0) {
            let l = c.at(source, w);
            c.error(
                DiagnosticKind::InvalidValue,
                format!("weight must be a positive number, not {weight}"),
                l,
                None,
            );
        }
    }
    // A term has a pattern when it has a word; compilation asks for the
    // same pattern, from the stemmers' memory.
    let words = stemmers.words_in(term.text.get_ref(), lang, term.exact);
    if let Some(g) = &term.gap {
        let gap = *g.get_ref();
        if !(1..=Term::MAX_GAP).contains(&gap) {
            let l = c.at(source, g);
            c.error(
                DiagnosticKind::InvalidValue,
                format!("`gap` must be 1 to {}, not {gap}", Term::MAX_GAP),
                l,
                Some("it is how many other words may stand between two of the term's words".into()),
            );
        } else if words.is_some_and(|w| w > Term::MAX_GAP_WORDS) {
            let l = c.at(source, g);
            c.error(
                DiagnosticKind::Limit,
                format!(
                    "a term with a `gap` may have at most {} words, and this one has {}",
                    Term::MAX_GAP_WORDS,
                    words.unwrap_or_default()
                ),
                l,
                Some("split it into shorter phrases".into()),
            );
        } else if words == Some(1) {
            let l = c.at(source, g);
            c.error(
                DiagnosticKind::InvalidValue,
                format!(
                    "`gap` needs a term of several words, and `{}` has one",
                    term.text.get_ref()
                ),
                l,
                Some(
                    "a gap lets other words stand between the term's words; remove it here".into(),
                ),
            );
        }
    }
    if let Some(plain) = &term.plain {
        unused_plain(c, source, term, plain, lang, stemmers);
    }
    let usable = words.is_some();
    if !usable {
        let l = c.at(source, &term.text);
        c.error(
            DiagnosticKind::InvalidValue,
            format!(
                "the term `{}` has no letters or digits",
                term.text.get_ref()
            ),
            l,
            None,
        );
    }
    usable
}

/// Warns when a term's `plain` setting changes nothing: the term has no
/// `å`, `ä` or `ö` to write otherwise, or it asks for the plain spelling
/// that a term of several words or a long word gets anyway.
fn unused_plain(
    c: &mut Checker<'_>,
    source: usize,
    term: &Term,
    plain: &Spanned<bool>,
    lang: Language,
    stemmers: &Stemmers,
) {
    let Some(pattern) = stemmers.term_pattern(term.text.get_ref(), lang, term.exact) else {
        return;
    };
    let (message, help) = if !pattern
        .stems
        .iter()
        .any(|s| text::has_swedish_letters(s.as_bytes()))
    {
        (
            format!(
                "`plain` does nothing: `{}` has no å, ä or ö",
                term.text.get_ref()
            ),
            "remove `plain`; it only turns the term's spelling without å, ä and ö on or off"
                .to_owned(),
        )
    } else if *plain.get_ref() && !text::short_word(&pattern.stems[0], pattern.stems.len()) {
        (
            format!(
                "`plain = true` does nothing: `{}` is searched without å, ä and ö anyway",
                term.text.get_ref()
            ),
            format!(
                "only a one-word term of fewer than {} letters needs it; remove `plain`",
                text::COMPOUND_MIN_CHARS
            ),
        )
    } else {
        return;
    };
    let l = c.at(source, plain);
    c.warn(DiagnosticKind::InvalidValue, message, l, Some(help));
}

pub(super) fn check_tests(
    c: &mut Checker<'_>,
    departments: &HashMap<String, Location>,
    types: &HashMap<String, Location>,
    units: &HashMap<String, Location>,
) {
    let set = c.set;
    for (source, file) in &set.departments {
        let mut names: HashMap<String, Location> = HashMap::new();
        for case in &file.tests {
            let loc = c.at(*source, &case.name);
            c.unique(&mut names, case.name.get_ref().clone(), "test name", loc);
            let e = &case.expect;
            for time in [&case.received_at, &e.first_due].into_iter().flatten() {
                if time.get_ref().parse::<jiff::Timestamp>().is_err() {
                    let l = c.at(*source, time);
                    c.error(
                        DiagnosticKind::InvalidValue,
                        format!(
                            "`{}` is not a time with its offset (RFC 3339)",
                            time.get_ref()
                        ),
                        l,
                        Some("write it as \"2027-03-29T10:00:00+02:00\"".into()),
                    );
                }
            }
            if let (Some(due), None) = (&e.first_due, &case.received_at) {
                let l = c.at(*source, due);
                c.error(
                    DiagnosticKind::Type,
                    format!(
                        "test `{}` expects `first_due` but has no `received_at`",
                        case.name.get_ref()
                    ),
                    l,
                    Some("a deadline counts from when the enquiry arrived: give the case a `received_at`".into()),
                );
            }
            let refs = [
                ("type", &e.enquiry_type, types),
                ("department", &e.department, departments),
                ("unit", &e.unit, units),
                ("handler", &e.handler, units),
            ];
            for (what, value, known) in refs {
                let Some(value) = value else { continue };
                if !known.contains_key(value.get_ref()) {
                    let l = c.at(*source, value);
                    let names: Vec<&str> = known.keys().map(String::as_str).collect();
                    let help =
                        suggest(value.get_ref(), &names).map(|s| format!("did you mean `{s}`?"));
                    c.error(
                        DiagnosticKind::UnknownReference,
                        format!(
                            "test `{}` expects unknown {what} `{}`",
                            case.name.get_ref(),
                            value.get_ref()
                        ),
                        l,
                        help,
                    );
                }
            }
        }
    }
}

/// Warns when the same term, at the same weight, recognises types in two
/// different departments: the router would call such enquiries ambiguous.
pub(super) fn keyword_conflicts(c: &mut Checker<'_>, stemmers: &Stemmers) {
    let set = c.set;
    // A term weighing less than `min_score` recognises nothing alone (an
    // appeal type's `överklaga` at 0.5 needs its subject too), so two such
    // terms cannot make two types tie by themselves.
    let min_score = *set.municipality.policy.min_score.get_ref();
    // The first claim of each pattern, located only if another department
    // claims it too: locating every term would cost more than the check.
    type Claim<'a> = (&'a str, &'a str, usize, &'a Spanned<String>);
    // Keyed by the stems searched for and the weight. Whether a term also
    // matches inside words does not matter: both match at a word's start,
    // so two terms with the same stems always meet on some enquiry (the
    // compiler counts them as one term within a type for the same reason).
    // The stems are borrowed from the stemmers' memory: `check_term` has
    // stemmed every term.
    let mut seen: FxHashMap<(Cow<'_, [String]>, u64), Claim<'_>> = FxHashMap::default();
    // The current type's terms so far, for `unused_settings`.
    let mut earlier: Vec<Earlier<'_>> = Vec::new();
    for (source, file) in &set.departments {
        let dept = file.department.id.get_ref().as_str();
        for ty in &file.types {
            earlier.clear();
            for (list, lang, kind) in ty.term_lists() {
                for term in list {
                    let weight = term.weight_in(kind);
                    let Some(pattern) =
                        stemmers.term_pattern(term.text.get_ref(), lang, term.exact)
                    else {
                        continue;
                    };
                    let stems = match pattern {
                        Cow::Borrowed(p) => Cow::Borrowed(&p.stems[..]),
                        Cow::Owned(p) => Cow::Owned(p.stems),
                    };
                    let this = Earlier {
                        stems: stems.clone(),
                        weight,
                        gap: term.gap_words(),
                        text: &term.text,
                        set_weight: term.weight.is_some(),
                        set_gap: term.gap.is_some(),
                    };
                    if this.set_weight || this.set_gap {
                        unused_settings(c, *source, &earlier, &this);
                    }
                    earlier.push(this);
                    if weight < min_score {
                        continue;
                    }
                    let key = (stems, weight.to_bits());
                    match seen.get(&key) {
                        Some(&(other_dept, other_ty, first_source, first_text))
                            if other_dept != dept =>
                        {
                            let first = c.at(first_source, first_text);
                            let loc = c.at(*source, &term.text);
                            let help = format!(
                                "type `{other_ty}` of `{other_dept}` claims it too at {}:{}:{}; give one of them a higher weight or a phrase",
                                first.file, first.line, first.column
                            );
                            c.warn(
                                DiagnosticKind::KeywordConflict,
                                format!(
                                    "`{}` recognises types in two departments at equal weight",
                                    term.text.get_ref()
                                ),
                                loc,
                                Some(help),
                            );
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, (dept, ty.id.get_ref(), *source, &term.text));
                        }
                    }
                }
            }
        }
    }
}

/// A term of a type, as [`unused_settings`] compares it with later ones.
struct Earlier<'a> {
    stems: Cow<'a, [String]>,
    weight: f64,
    gap: u8,
    text: &'a Spanned<String>,
    /// Whether the rule gives its weight (not the list's default).
    set_weight: bool,
    /// Whether the rule gives its gap.
    set_gap: bool,
}

/// Warns when `term` has the stems of an `earlier` term of its type and
/// sets another weight or gap: the router counts the first listing only
/// (`ledigt från skolan` and `ledighet från skolan` are both `led från
/// skol`), so the setting would silently do nothing. A later spelling
/// that sets nothing (`biljetter` after `biljett`) is only a second
/// spelling, and is left alone.
fn unused_settings(
    c: &mut Checker<'_>,
    source: usize,
    earlier: &[Earlier<'_>],
    term: &Earlier<'_>,
) {
    let Some(first) = earlier.iter().find(|e| e.stems == term.stems) else {
        return;
    };
    let mut unused = Vec::new();
    if term.set_weight && first.weight.to_bits() != term.weight.to_bits() {
        unused.push(format!("weight {}", term.weight));
    }
    if term.set_gap && first.gap != term.gap {
        unused.push(format!("gap {}", term.gap));
    }
    if unused.is_empty() {
        return;
    }
    let at = c.at(source, first.text);
    let loc = c.at(source, term.text);
    c.warn(
        DiagnosticKind::Duplicate,
        format!(
            "`{}` is searched as `{}` (`{}`), listed first in this type at {}:{}, so its {} {} not used",
            term.text.get_ref(),
            first.text.get_ref(),
            term.stems.join(" "),
            at.line,
            at.column,
            unused.join(" and "),
            if unused.len() > 1 { "are" } else { "is" },
        ),
        loc,
        Some(format!(
            "give `{}` the setting, or remove `{}`",
            first.text.get_ref(),
            term.text.get_ref()
        )),
    );
}

pub(super) fn untested(c: &mut Checker<'_>) {
    let set = c.set;
    let tested = tested_types(set);
    for (source, file) in &set.departments {
        for ty in &file.types {
            if !tested.contains(ty.id.get_ref().as_str()) {
                let loc = c.at(*source, &ty.id);
                c.warn(
                    DiagnosticKind::Untested,
                    format!("type `{}` has no test case", ty.id.get_ref()),
                    loc,
                    Some("add a `[[test]]` whose `expect.type` names it".into()),
                );
            }
        }
    }
}
