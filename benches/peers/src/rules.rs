//! The Klippan rule set as plain data the peer engines can be given: per
//! enquiry type its department, channels, form codes and terms, each term as
//! the stems kommunlots searches for.
//!
//! Each term's stems come from kommunlots itself
//! ([`kommunlots::search_pattern`]), so the peers search for exactly what
//! kommunlots searches for. The benchmark checks the result: every peer
//! must reach the same department as kommunlots on every enquiry.

use std::collections::HashMap;
use std::path::Path;

use kommunlots::model::{DepartmentFile, MunicipalityFile};
use kommunlots::{
    COMPOUND_MIN_CHARS, Channel, ENGLISH_ENDINGS, ENGLISH_ENDINGS_AFTER_DOUBLING,
    ENGLISH_ENDINGS_AFTER_SILENT_E, ENGLISH_WORDS, Language, PLAIN_WORDS, Router, RuleSet,
    SWEDISH_WORDS, SearchPattern, exact_pattern, search_pattern,
};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// The routing policy numbers of `municipality.toml` the harnesses need.
#[derive(Clone, Debug, Serialize)]
pub struct Policy {
    /// Lowest score that selects a type.
    pub min_score: f64,
    /// A runner-up scoring at least this share of the best makes the
    /// enquiry ambiguous.
    pub ambiguity_ratio: f64,
    /// The first line's department id (unmatched and ambiguous enquiries).
    pub first_line: String,
    /// The endings of street names, normalised: a term found in such a
    /// word, wholly before its ending, does not count.
    pub street_suffixes: Vec<String>,
    /// What may follow the stem of an English term's last word
    /// ([`kommunlots::is_english_ending`]), for node's copy of the rule.
    pub english_endings: Vec<String>,
    /// What may follow a doubled last letter of such a stem.
    pub english_endings_after_doubling: Vec<String>,
    /// What may replace a silent `e`
    /// ([`kommunlots::ENGLISH_ENDINGS_AFTER_SILENT_E`]), for node's copy.
    pub english_endings_after_silent_e: Vec<String>,
    /// Words that make a text without `å`, `ä` and `ö` Swedish
    /// ([`kommunlots::SWEDISH_WORDS`]), for node's copy of [`is_plain`].
    pub swedish_words: Vec<String>,
    /// Words that only plain typing writes ([`kommunlots::PLAIN_WORDS`]):
    /// they make a text without the letters Swedish, and one with them
    /// plain near an end of it.
    pub plain_words: Vec<String>,
    /// Words that make such a text English unless it has one of the
    /// Swedish ones ([`kommunlots::ENGLISH_WORDS`]).
    pub english_words: Vec<String>,
}

/// One term of one type.
#[derive(Clone, Debug, Serialize)]
pub struct TermSpec {
    /// The term as written in the rule file (for reports).
    pub text: String,
    /// The stems of its words, in order; a stem ending with a space must
    /// match a whole word.
    pub stems: Vec<String>,
    /// Whether it may match inside a word (a one-word Swedish compound stem).
    pub compound: bool,
    /// Its last word as written after the stem: a found term covers it too
    /// where the text goes on with it (`n` of `slambrunn`, stem `slambrun`).
    pub written_rest: String,
    /// Its other words as written after their stems
    /// ([`SearchPattern::inner_rests`]).
    pub inner_rests: Vec<String>,
    /// An English term: each word must go on with an English ending.
    pub english: bool,
    /// How many other words may stand before each word after the first.
    pub gap: u8,
    /// Its weight (0 for negative words).
    pub weight: f64,
    /// Whether it rules the type out.
    pub negative: bool,
    /// A term with `å`, `ä` or `ö` written with `a` and `o`: found only in
    /// a text that [`is_plain`].
    pub plain: bool,
    /// The rule's `plain` setting ([`kommunlots::model::Term::plain`]),
    /// which [`add_plain_spellings`] follows.
    #[serde(skip)]
    pub plain_setting: Option<bool>,
    /// Longer terms (of any type) whose shortest match contains this
    /// term's: kommunlots counts only the longer term where both are
    /// found at one place, so a peer counts this term only when none of
    /// them is found (an approximation: see the README).
    pub shadows: Vec<Shadow>,
}

/// A longer term that hides a shorter one.
#[derive(Clone, Debug, Serialize)]
pub struct Shadow {
    /// Its stems.
    pub stems: Vec<String>,
    /// Whether it may match inside a word.
    pub compound: bool,
    /// Its last word as written after the stem.
    pub written_rest: String,
    /// Its other words as written after their stems.
    pub inner_rests: Vec<String>,
    /// An English term.
    pub english: bool,
    /// Other words allowed before each word after the first.
    pub gap: u8,
    /// A plain spelling ([`TermSpec::plain`]): it hides nothing in a text
    /// that is not plain.
    pub plain: bool,
}

impl Shadow {
    /// The longer term as a [`TermSpec`] (for its needle and regex).
    pub fn term(&self) -> TermSpec {
        TermSpec {
            text: String::new(),
            stems: self.stems.clone(),
            compound: self.compound,
            written_rest: self.written_rest.clone(),
            inner_rests: self.inner_rests.clone(),
            english: self.english,
            gap: self.gap,
            weight: 0.0,
            negative: false,
            plain: self.plain,
            plain_setting: None,
            shadows: Vec::new(),
        }
    }
}

impl TermSpec {
    /// What must occur in the normalised text for the first word: the stem,
    /// after a space unless it is a compound stem.
    pub fn needle(&self) -> String {
        if self.compound {
            self.stems[0].clone()
        } else {
            format!(" {}", self.stems[0])
        }
    }

    /// A regular expression over normalised text equivalent to the whole
    /// term: the needle, then each further stem at the start of the next
    /// word (the rest of the previous word skipped), or of one of the `gap`
    /// words after it.
    pub fn regex(&self) -> String {
        let mut re = self.needle();
        for pair in self.stems.windows(2) {
            if !pair[0].ends_with(' ') {
                re.push_str("[^ ]* ");
            }
            if self.gap > 0 {
                re.push_str(&format!("(?:[^ ]+ ){{0,{}}}", self.gap));
            }
            re.push_str(&pair[1]);
        }
        re
    }
}

/// One enquiry type.
#[derive(Clone, Debug, Serialize)]
pub struct TypeSpec {
    /// Its id.
    pub id: String,
    /// Its department id.
    pub department: String,
    /// The channels it is recognised on; every channel when empty.
    pub channels: Vec<String>,
    /// Its e-service form codes, trimmed and upper case.
    pub forms: Vec<String>,
    /// Its terms, positive and negative, without repeated stems.
    pub terms: Vec<TermSpec>,
}

/// The whole rule set for the peers.
#[derive(Clone, Debug, Serialize)]
pub struct Spec {
    /// The policy numbers.
    pub policy: Policy,
    /// Every type, in kommunlots' rule order (ties go to the earlier type).
    pub types: Vec<TypeSpec>,
}

/// Normalises text as kommunlots does: lower case, NFC, each run of
/// characters that are not letters or digits turned into one space, and a
/// space at each end. kommunlots also drops invisible characters (soft
/// hyphens, zero-width spaces); the benchmark's enquiries have none, so this
/// copy leaves that out.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in text.nfc() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Loads `dir` with kommunlots (the router, for the type order and
/// departments) and reads its department files for the terms.
pub fn load(dir: &Path) -> Result<(Router, Spec), String> {
    let router = Router::from_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let set = RuleSet::from_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let municipality: MunicipalityFile = set
        .sources()
        .iter()
        .find(|s| s.name == kommunlots::MUNICIPALITY_FILE)
        .ok_or("no municipality.toml")
        .and_then(|s| toml::from_str(&s.text).map_err(|_| "municipality.toml does not parse"))?;
    let p = &municipality.policy;
    let policy = Policy {
        min_score: *p.min_score.get_ref(),
        ambiguity_ratio: *p.ambiguity_ratio.get_ref(),
        first_line: municipality.first_line.id.get_ref().clone(),
        // Each ending also written without `å`, `ä` and `ö`, as kommunlots
        // knows it (`StreetSuffixes::new`).
        street_suffixes: p
            .street_suffixes
            .iter()
            .map(|s| normalize(s.get_ref()).trim().to_owned())
            .filter(|s| !s.is_empty())
            .flat_map(|s| {
                let plain = unaccented(&s);
                if plain == s { vec![s] } else { vec![s, plain] }
            })
            .collect(),
        english_endings: ENGLISH_ENDINGS.iter().map(|&e| e.to_owned()).collect(),
        english_endings_after_doubling: ENGLISH_ENDINGS_AFTER_DOUBLING
            .iter()
            .map(|&e| e.to_owned())
            .collect(),
        english_endings_after_silent_e: ENGLISH_ENDINGS_AFTER_SILENT_E
            .iter()
            .map(|&e| e.to_owned())
            .collect(),
        swedish_words: SWEDISH_WORDS.iter().map(|&w| w.to_owned()).collect(),
        plain_words: PLAIN_WORDS.iter().map(|&w| w.to_owned()).collect(),
        english_words: ENGLISH_WORDS.iter().map(|&w| w.to_owned()).collect(),
    };

    let mut by_id: HashMap<String, TypeSpec> = HashMap::new();
    for source in set.sources() {
        if source.name == kommunlots::MUNICIPALITY_FILE {
            continue;
        }
        let file: DepartmentFile =
            toml::from_str(&source.text).map_err(|e| format!("{}: {e}", source.name))?;
        let department = file.department.id.get_ref().clone();
        for def in &file.types {
            let mut terms: Vec<TermSpec> = Vec::new();
            let mut add = |text: &str,
                           language: Language,
                           weight: f64,
                           negative: bool,
                           exact: bool,
                           gap: u8,
                           plain_setting: Option<bool>| {
                let pattern = if exact {
                    exact_pattern(text)
                } else {
                    search_pattern(text, language)
                };
                let Some(SearchPattern {
                    stems,
                    inside_words: compound,
                    written_rest,
                    inner_rests,
                    english_endings: english,
                    ..
                }) = pattern
                else {
                    return;
                };
                // The same stems twice in one type count once; the first
                // listing wins (as in kommunlots' `add_term`).
                if terms.iter().any(|t| t.stems == stems) {
                    return;
                }
                terms.push(TermSpec {
                    text: text.to_owned(),
                    stems,
                    compound,
                    written_rest,
                    inner_rests,
                    english,
                    gap,
                    weight,
                    negative,
                    plain: false,
                    plain_setting,
                    shadows: Vec::new(),
                });
            };
            for (list, language, kind) in def.term_lists() {
                for term in list {
                    add(
                        term.text.get_ref(),
                        language,
                        term.weight_in(kind),
                        false,
                        term.exact,
                        term.gap_words(),
                        term.plain_setting(),
                    );
                }
            }
            for word in &def.negative {
                add(word.get_ref(), Language::Swedish, 0.0, true, false, 0, None);
                add(word.get_ref(), Language::English, 0.0, true, false, 0, None);
            }
            let id = def.id.get_ref().clone();
            by_id.insert(
                id.clone(),
                TypeSpec {
                    id,
                    department: department.clone(),
                    channels: def.channels.iter().map(|c| c.as_str().to_owned()).collect(),
                    forms: def
                        .form_codes
                        .iter()
                        .map(|c| c.get_ref().trim().to_ascii_uppercase())
                        .collect(),
                    terms,
                },
            );
        }
    }
    let mut types = Vec::new();
    for info in router.enquiry_types() {
        let spec = by_id
            .remove(info.id)
            .ok_or_else(|| format!("type `{}` not found in the department files", info.id))?;
        if spec.department != info.department {
            return Err(format!("type `{}`: department differs", info.id));
        }
        types.push(spec);
    }
    add_plain_spellings(&mut types);
    add_shadows(&mut types);
    Ok((router, Spec { policy, types }))
}

/// `text` with `å` and `ä` written `a` and `ö` written `o`.
pub fn unaccented(text: &str) -> String {
    text.replace(['å', 'ä'], "a").replace('ö', "o")
}

/// Whether normalised `text` is Swedish typed without `å`, `ä` and `ö`, by
/// kommunlots' rule (core/src/text/unaccented.rs): none of the letters,
/// and one of [`SWEDISH_WORDS`] or [`PLAIN_WORDS`] or none of
/// [`ENGLISH_WORDS`]; or one of [`PLAIN_WORDS`] before the first of the
/// letters or after the last; or, from the first to the last, at most
/// [`NAME_LETTERS`] letters of U+00C0–U+00FF (the letters with their first
/// UTF-8 byte) and one of [`PLAIN_WORDS`].
pub fn is_plain(text: &str) -> bool {
    let plain_word = |t: &str| t.split(' ').any(|w| PLAIN_WORDS.contains(&w));
    let letters = ['å', 'ä', 'ö'];
    if let (Some(first), Some(last)) = (text.find(letters), text.rfind(letters)) {
        let middle = &text[first..last + 2];
        let latin1 = middle
            .chars()
            .filter(|c| ('\u{c0}'..='\u{ff}').contains(c))
            .count();
        return plain_word(&text[..first])
            || plain_word(&text[last + 2..])
            || (latin1 <= NAME_LETTERS && plain_word(middle));
    }
    reads_swedish(text)
}

/// How many letters of U+00C0–U+00FF a text with `å`, `ä` or `ö` may have
/// from the first of those to the last and still be read plain with a
/// plain word between them (`NAME_LETTERS` in core/src/text/unaccented.rs).
const NAME_LETTERS: usize = 4;

/// Whether normalised `text`, in which no type was chosen, is read again
/// as typed without `å`, `ä` and `ö`, by kommunlots' rule
/// (`takes_second_look`, core/src/text/unaccented.rs): it has the
/// letters, is not read plain already ([`is_plain`]), and its words read
/// as Swedish.
pub fn takes_second_look(text: &str) -> bool {
    text.contains(['å', 'ä', 'ö']) && !is_plain(text) && reads_swedish(text)
}

/// Whether the words of normalised `text` read as Swedish: one of
/// [`SWEDISH_WORDS`] or [`PLAIN_WORDS`], or none of [`ENGLISH_WORDS`].
fn reads_swedish(text: &str) -> bool {
    let words = || text.split(' ');
    words().any(|w| PLAIN_WORDS.contains(&w) || SWEDISH_WORDS.contains(&w))
        || !words().any(|w| ENGLISH_WORDS.contains(&w))
}

/// Adds to each type, for each of its terms with `å`, `ä` or `ö`, the term
/// written with `a` and `o` ([`TermSpec::plain`]), as kommunlots' matcher
/// searches it in a plain text: not for a one-word term of fewer than
/// [`COMPOUND_MIN_CHARS`] letters (a short stem, or a short exact word)
/// unless its rule says `plain = true` (then the whole word as written),
/// nor for one whose rule says `plain = false`, nor where that spelling is
/// how a term of any type is written.
fn add_plain_spellings(types: &mut [TypeSpec]) {
    let written: Vec<(Vec<String>, bool)> = types
        .iter()
        .flat_map(|t| t.terms.iter().map(|t| (t.stems.clone(), t.compound)))
        .collect();
    for ty in types.iter_mut() {
        let mut plain_terms = Vec::new();
        for term in &ty.terms {
            let short =
                term.stems.len() == 1 && term.stems[0].trim().chars().count() < COMPOUND_MIN_CHARS;
            if !term.plain_setting.unwrap_or(!short) {
                continue;
            }
            let plain_term = if short {
                // Asked for, a short word's plain spelling is the whole
                // word as written (`rattor` for `råttor`, stem `rått`).
                let mut word = format!("{}{}", term.stems[0], term.written_rest);
                if !word.ends_with(' ') {
                    word.push(' ');
                }
                let plain_word = unaccented(&word);
                if plain_word == word {
                    continue;
                }
                TermSpec {
                    text: format!("{} (plain)", term.text),
                    stems: vec![plain_word],
                    compound: false,
                    written_rest: String::new(),
                    inner_rests: Vec::new(),
                    english: false,
                    plain: true,
                    ..term.clone()
                }
            } else {
                TermSpec {
                    text: format!("{} (plain)", term.text),
                    stems: term.stems.iter().map(|s| unaccented(s)).collect(),
                    written_rest: unaccented(&term.written_rest),
                    inner_rests: term.inner_rests.iter().map(|r| unaccented(r)).collect(),
                    plain: true,
                    ..term.clone()
                }
            };
            if written
                .iter()
                .any(|(w, compound)| *w == plain_term.stems && *compound == plain_term.compound)
            {
                continue;
            }
            plain_terms.push(plain_term);
        }
        ty.terms.extend(plain_terms);
    }
}

/// The channel as the peers see it: its name, or `none`.
pub fn channel_name(channel: Option<Channel>) -> &'static str {
    channel.map_or("none", Channel::as_str)
}

/// Finds, for every term, the longer terms whose shortest match (their
/// stems joined as they would be found) contains its needle.
fn add_shadows(types: &mut [TypeSpec]) {
    type Key = (Vec<String>, bool, String, Vec<String>, bool, u8, bool);
    let all: Vec<Key> = {
        let mut v: Vec<Key> = types
            .iter()
            .flat_map(|t| {
                t.terms.iter().map(|t| {
                    (
                        t.stems.clone(),
                        t.compound,
                        t.written_rest.clone(),
                        t.inner_rests.clone(),
                        t.english,
                        t.gap,
                        t.plain,
                    )
                })
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    // The shortest text a term is found in, as far as it covers it: its
    // stems, then the rest of its last word as written.
    let shortest = |stems: &[String], written_rest: &str| {
        let mut s = String::from(" ");
        for (i, stem) in stems.iter().enumerate() {
            if i > 0 && !stems[i - 1].ends_with(' ') {
                s.push(' ');
            }
            s.push_str(stem);
        }
        s.push_str(written_rest);
        s
    };
    for ty in types.iter_mut() {
        for term in &mut ty.terms {
            // A negative word rules its type out wherever it is found, even
            // inside a longer term (rules/README.md): nothing hides it.
            if term.negative {
                term.shadows.clear();
                continue;
            }
            let needle = term.needle();
            // The term's own shortest match is its stems alone (its written
            // rest may be missing from the text); a longer term's, with its
            // written rest, is the most it can cover. Any longer term whose
            // match may contain this one is listed; the positional guard of
            // `drop_shadowed` then decides per occurrence.
            let own = shortest(&term.stems, "");
            // A term with a gap may also hold this one among the words it
            // lets in (`hur högt … får` holds `staket` in "hur högt
            // staket får"), which its shortest match does not show: every
            // such term is listed, and the guard decides per occurrence.
            term.shadows = all
                .iter()
                .filter(|(u, ..)| *u != term.stems)
                .filter(|(u, _, rest, _, _, gap, _)| {
                    let text = shortest(u, rest);
                    *gap > 0
                        || (text.trim_end().len() > own.trim_end().len() && text.contains(&needle))
                })
                .map(|(u, compound, rest, inner, english, gap, plain)| Shadow {
                    stems: u.clone(),
                    compound: *compound,
                    written_rest: rest.clone(),
                    inner_rests: inner.clone(),
                    english: *english,
                    gap: *gap,
                    plain: *plain,
                })
                .collect();
        }
    }
}
