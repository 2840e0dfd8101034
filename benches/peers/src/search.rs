//! What the peers' tables leave to kommunlots' own rules: where a term
//! occurs in a text (stems, English endings, phrases, street names), which
//! fired terms lie inside longer ones, and the department the scores give.

use kommunlots::{ENGLISH_ENDINGS_AFTER_SILENT_E, is_english_ending};

use crate::rules::{Spec, TermSpec};

/// How [`decide`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A form code, or one type reaching the minimum score with no
    /// runner-up within the ambiguity ratio.
    Chosen,
    /// Two types too close to choose.
    Tie,
    /// No type reaching the minimum score.
    Unrecognised,
}

impl Outcome {
    /// Whether a second reading that decided `second` does better than
    /// this first one, as kommunlots keeps it: a type recognised where
    /// none was, one chosen where two were too close.
    pub fn bettered_by(self, second: Outcome) -> bool {
        match self {
            Outcome::Unrecognised => second != Outcome::Unrecognised,
            Outcome::Tie => second == Outcome::Chosen,
            Outcome::Chosen => false,
        }
    }
}

/// What a table reported for one enquiry: the rows that fired.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// The type's index in [`Spec::types`].
    pub ty: usize,
    /// The term's index in its type's `terms` (`None` for a form code).
    pub term: Option<usize>,
    /// The term's weight.
    pub weight: f64,
    /// Whether the term is a negative word.
    pub negative: bool,
    /// Whether the row was a form code.
    pub form: bool,
}

/// Drops the fired terms found only inside longer terms (their
/// `shadows`), as kommunlots counts only the longer of two overlapping
/// matches: a fired term stays when at least one of its occurrences in
/// `text` lies outside every occurrence of every term that shadows it (the
/// same positional guard as json-rules-engine's operator).
pub fn drop_shadowed(spec: &Spec, text: &str, plain: bool, hits: &mut Vec<Hit>) {
    let streets = &spec.policy.street_suffixes;
    hits.retain(|h| {
        let Some(j) = h.term else { return true };
        let term = &spec.types[h.ty].terms[j];
        if term.shadows.is_empty() {
            // Found only inside street names, it does not count either.
            return !occurrences(text, term, streets).is_empty();
        }
        // A plain spelling is searched, and hides, only in a plain text.
        let longer: Vec<(usize, usize)> = term
            .shadows
            .iter()
            .filter(|s| plain || !s.plain)
            .flat_map(|s| occurrences(text, &s.term(), streets))
            .collect();
        occurrences(text, term, streets)
            .iter()
            .any(|&(start, end)| {
                !longer
                    .iter()
                    .any(|&(s, e)| s <= start && e >= end && (s < start || e > end))
            })
    });
}

/// Where `term` occurs in normalised `text`, as kommunlots' matcher
/// reports it: from the start of the word (or compound part) its first stem
/// begins, to the end of its last stem, and on over the rest of its last
/// word as written where the text has it; not inside street names with
/// `streets` (normalised endings).
pub fn occurrences(text: &str, term: &TermSpec, streets: &[String]) -> Vec<(usize, usize)> {
    let needle = term.needle();
    let word_start = usize::from(needle.starts_with(' '));
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(&needle)) {
        let at = from + at;
        let start = at + word_start;
        let english = term.english.then_some(&term.inner_rests[..]);
        if let Some(end) = phrase_end(text, at + needle.len(), &term.stems[1..], english, term.gap)
            .and_then(|stem_end| word_end(text, term, stem_end))
            && !in_street_name(text, start, end, streets)
        {
            found.push((start, end));
        }
        // Overlapping occurrences: go on from the next character.
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// kommunlots' `Owner::word_end` (core/src/matcher/keys.rs): where an
/// occurrence whose last stem ends at `stem_end` ends, past the written
/// rest where the text has it; `None` where an English term's word does
/// not go on as an English word does ([`english_word_end`]).
fn word_end(text: &str, term: &TermSpec, stem_end: usize) -> Option<usize> {
    if term.english {
        english_word_end(text, stem_end, &term.written_rest)
    } else if text[stem_end..].starts_with(term.written_rest.as_str()) {
        Some(stem_end + term.written_rest.len())
    } else {
        Some(stem_end)
    }
}

/// kommunlots' `english_word_end` (core/src/matcher/phrase.rs): where an
/// English word whose stem was found up to `found` ends, with `rest` what
/// the term's word has after its stem: past `rest` where the text has it
/// and then an English ending; at `found` where the text has an ending in
/// its place (one that replaces a silent `e`, for `rest` `e`).
fn english_word_end(text: &str, found: usize, rest: &str) -> Option<usize> {
    let covered = text[found..].starts_with(rest);
    if covered && ends_in_english(text, found + rest.len()) {
        Some(found + rest.len())
    } else if rest == "e" {
        ENGLISH_ENDINGS_AFTER_SILENT_E
            .contains(&word_rest(text, found))
            .then_some(found)
    } else {
        (!covered && ends_in_english(text, found)).then_some(found)
    }
}

/// kommunlots' `ends_in_english` (core/src/matcher/phrase.rs): the word in
/// which `end` falls goes on with an English ending.
fn ends_in_english(text: &str, end: usize) -> bool {
    is_english_ending(&text[..end], word_rest(text, end))
}

/// The rest of the word of normalised `text` in which `end` falls.
fn word_rest(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    &rest[..rest.find(' ').unwrap_or(rest.len())]
}

/// kommunlots' `StreetSuffixes::contain` (core/src/matcher/street.rs): a
/// term found within one word that ends with a street suffix, wholly
/// before it.
fn in_street_name(text: &str, start: usize, end: usize, streets: &[String]) -> bool {
    if text[start..end].contains(' ') {
        return false;
    }
    let word_end = end + text[end..].find(' ').unwrap_or(text.len() - end);
    streets
        .iter()
        .any(|s| text[..word_end].ends_with(s.as_str()) && end + s.len() <= word_end)
}

/// kommunlots' `phrase_end` (core/src/matcher/phrase.rs): where a phrase
/// ends, given that its first stem ended at `pos`; each further stem starts
/// the next word or one of the `gap` words after it (the nearest place
/// first, then farther ones). With `english` (the written rests of the
/// words before the last), each word it passes must go on as an English
/// word does.
fn phrase_end(
    text: &str,
    pos: usize,
    rest: &[String],
    english: Option<&[String]>,
    gap: u8,
) -> Option<usize> {
    let Some(stem) = rest.first() else {
        return Some(if text.get(..pos)?.ends_with(' ') {
            pos - 1
        } else {
            pos
        });
    };
    let mut at = pos;
    if !text.get(..pos)?.ends_with(' ') {
        if let Some(rests) = english {
            english_word_end(text, pos, rests.first()?)?;
        }
        at += text.get(pos..)?.find(' ')? + 1;
    }
    for skipped in 0..=gap {
        if text.get(at..)?.starts_with(stem.as_str())
            && let Some(end) = phrase_end(
                text,
                at + stem.len(),
                &rest[1..],
                english.map(|r| r.get(1..).unwrap_or_default()),
                gap,
            )
        {
            return Some(end);
        }
        if skipped < gap {
            at += text.get(at..)?.find(' ')? + 1;
        }
    }
    None
}

/// The department the policy gives for the rows that fired: a form code's
/// type; else the best-scoring type (sum of its terms' weights, none of its
/// negative words present) if it reaches the minimum score and no runner-up
/// is within the ambiguity ratio; else the first line. kommunlots' scoring,
/// applied after the table (the peers' tables only say which rows fired).
/// Also says how it was decided: a text no type was chosen for may be
/// read again ([`crate::rules::takes_second_look`]).
pub fn decide<'a>(spec: &'a Spec, hits: &mut [Hit]) -> (&'a str, Outcome) {
    if let Some(form) = hits.iter().find(|h| h.form) {
        return (&spec.types[form.ty].department, Outcome::Chosen);
    }
    hits.sort_unstable_by_key(|h| h.ty);
    let mut scored: Vec<(usize, f64)> = Vec::new();
    for group in hits.chunk_by(|a, b| a.ty == b.ty) {
        if group.iter().any(|h| h.negative) {
            continue;
        }
        let score: f64 = group.iter().map(|h| h.weight).sum();
        if score > 0.0 {
            scored.push((group[0].ty, score));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    match scored.as_slice() {
        [(best, score), rest @ ..] if *score >= spec.policy.min_score => {
            if rest
                .first()
                .is_some_and(|(_, s)| *s >= score * spec.policy.ambiguity_ratio)
            {
                (&spec.policy.first_line, Outcome::Tie)
            } else {
                (&spec.types[*best].department, Outcome::Chosen)
            }
        }
        _ => (&spec.policy.first_line, Outcome::Unrecognised),
    }
}
