//! Text normalisation and stemming, shared by rule terms and enquiries so
//! both sides meet in the same form.
//!
//! Normalised text is lower case, in Unicode NFC (so `å`, `ä`, `ö` stay single
//! letters whether the citizen's keyboard composed them or not), with every
//! run of non-alphanumeric characters turned into one space, and a space at
//! each end: `" bygglov för garage "`. The leading and trailing spaces let a
//! pattern demand a word start by beginning with a space.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Longest enquiry text routed, in bytes. Longer texts are cut at a
/// character boundary before matching; the decision's trace says so. Real
/// enquiries are far shorter; the bound keeps routing time and memory
/// bounded for any input.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Stems shorter than this are only matched at the start of a word; longer
/// ones anywhere in a word, so that `bygglov` finds `bygglovsansökan` and
/// `parkeringstillstånd` finds `handikapparkeringstillståndet` (Swedish
/// writes compounds as one word).
pub const COMPOUND_MIN_CHARS: usize = 5;

/// Normalises `text` into `out` (cleared first). Returns whether the text
/// was cut at [`MAX_TEXT_BYTES`].
pub(crate) fn normalize_into(text: &str, out: &mut String) -> bool {
    out.clear();
    let truncated = text.len() > MAX_TEXT_BYTES;
    let text = if truncated {
        &text[..floor_char_boundary(text, MAX_TEXT_BYTES)]
    } else {
        text
    };
    out.reserve(text.len() + 2);
    out.push(' ');
    let mut space = true;
    // Every code point below U+0300 is already in NFC (the first combining
    // marks start there), and those are the only ones Swedish and English
    // text normally has; their UTF-8 lead bytes are all below 0xCC. So the
    // NFC check, and NFC itself, run only for texts that may need them.
    let may_need_nfc = text.bytes().any(|b| b >= 0xCC);
    if may_need_nfc && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        for c in text.nfc() {
            push_char(out, &mut space, c);
        }
    } else {
        push_runs(out, &mut space, text);
    }
    if !space {
        out.push(' ');
    }
    truncated
}

/// Appends `text` normalised. Runs of lower-case ASCII letters and digits,
/// most of any text, are copied as whole slices; everything else goes
/// through [`push_char`].
fn push_runs(out: &mut String, space: &mut bool, text: &str) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        if run < i {
            out.push_str(&text[run..i]);
            *space = false;
        }
        if b.is_ascii() {
            push_char(out, space, char::from(b));
            i += 1;
        } else if let Some(c) = text[i..].chars().next() {
            push_char(out, space, c);
            i += c.len_utf8();
        }
        run = i;
    }
    if run < bytes.len() {
        out.push_str(&text[run..]);
        *space = false;
    }
}

/// Appends `c` lower-cased, or a single space for a run of anything that is
/// not a letter or digit.
#[inline]
fn push_char(out: &mut String, space: &mut bool, c: char) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            *space = false;
        } else if !*space {
            out.push(' ');
            *space = true;
        }
    } else if let Ok(b) = u8::try_from(c) {
        // Latin-1 (å, ä, ö, é, ü …) by arithmetic instead of the Unicode
        // tables, which cost ten times more; checked against the standard
        // library for all 256 code points in the tests.
        if latin1_alphanumeric(b) {
            let lower = if matches!(b, 0xC0..=0xDE) && b != 0xD7 {
                b + 0x20
            } else {
                b
            };
            out.push(char::from(lower));
            *space = false;
        } else if !*space {
            out.push(' ');
            *space = true;
        }
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
        *space = false;
    } else if !*space {
        out.push(' ');
        *space = true;
    }
}

/// `char::is_alphanumeric` for the Latin-1 supplement (U+0080–U+00FF):
/// letters, the ordinal indicators, the micro sign, superscript digits and
/// vulgar fractions.
fn latin1_alphanumeric(b: u8) -> bool {
    matches!(b, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The normalised words of `text`.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    norm.split_whitespace().map(str::to_owned).collect()
}

/// The language a term is stemmed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Swedish (Snowball).
    Swedish,
    /// English (Snowball Porter 2).
    English,
}

/// Snowball stemmers for the two languages rule terms are written in.
///
/// Loading a rule set asks for every term's pattern twice (the check for
/// keyword conflicts, then compilation), so patterns are remembered per
/// language.
pub(crate) struct Stemmers {
    swedish: Stemmer,
    english: Stemmer,
    seen: [HashMap<Box<str>, Option<Pattern>>; 2],
}

impl Stemmers {
    pub(crate) fn new() -> Self {
        Stemmers {
            swedish: Stemmer::create(Algorithm::Swedish),
            english: Stemmer::create(Algorithm::English),
            seen: [HashMap::new(), HashMap::new()],
        }
    }

    /// The search pattern for a rule term: its normalised words, each
    /// stemmed. Returns `None` for a term with no letters or digits.
    pub(crate) fn pattern(&mut self, term: &str, lang: Lang) -> Option<Pattern> {
        let seen = &mut self.seen[lang as usize];
        if let Some(pattern) = seen.get(term) {
            return pattern.clone();
        }
        let stemmer = match lang {
            Lang::Swedish => &self.swedish,
            Lang::English => &self.english,
        };
        let pattern = stem(stemmer, term);
        seen.insert(term.into(), pattern.clone());
        pattern
    }
}

/// Stems every word of `term` (see [`Stemmers::pattern`]).
fn stem(stemmer: &Stemmer, term: &str) -> Option<Pattern> {
    let stems: Vec<String> = words(term)
        .iter()
        .map(|w| {
            // The enquiry is not stemmed, so the needle must be a prefix of
            // every form of the word. Swedish Snowball only strips endings,
            // but English Porter also rewrites them (`library` → `librari`),
            // so keep the part the stem and the word share.
            let stem = stemmer.stem(w);
            let shared: usize = w
                .chars()
                .zip(stem.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            if w[..shared].chars().count() < 3 {
                // A stem of one or two letters would match far too much:
                // such a word must match whole. The trailing space marks
                // that (normalised text ends every word with one).
                format!("{w} ")
            } else {
                w[..shared].to_owned()
            }
        })
        .collect();
    (!stems.is_empty()).then_some(Pattern { stems })
}

/// A compiled rule term: the stems of its words.
///
/// Each word of a term matches any word that starts with its stem, so every
/// word may be inflected (`överklaga beslutet om bygglovet` matches the
/// phrase `överklaga beslut om bygglov`). A one-word term whose stem has at
/// least [`COMPOUND_MIN_CHARS`] characters also matches inside a word, so it
/// finds compounds (`bygglov` in `bygglovsansökan`, `parkeringstillstånd` in
/// `handikapparkeringstillståndet`). A word whose stem would be shorter than
/// three letters (`e` in `e-faktura`, `va` in `va-taxa`) must match a whole
/// word; its stem then ends with a space.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Pattern {
    /// The stems, one per word, in order.
    pub stems: Vec<String>,
}

impl Pattern {
    /// Whether the term may match inside a word (a compound).
    pub(crate) fn compound(&self) -> bool {
        self.stems.len() == 1
            && !self.stems[0].ends_with(' ')
            && self.stems[0].chars().count() >= COMPOUND_MIN_CHARS
    }

    /// What the automaton searches for: the first stem, after a space when
    /// it must start a word.
    pub(crate) fn needle(&self) -> String {
        if self.compound() {
            self.stems[0].clone()
        } else {
            format!(" {}", self.stems[0])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalize_into(s, &mut out);
        out
    }

    #[test]
    fn normalises_case_punctuation_and_composition() {
        assert_eq!(norm("Hej!  BYGGLOV, tack."), " hej bygglov tack ");
        // "a" + combining ring above composes to "å".
        assert_eq!(norm("Sa\u{30A}g"), " såg ");
        assert_eq!(norm("ÅÄÖ"), " åäö ");
        assert_eq!(norm(""), " ");
        assert_eq!(norm("!!!"), " ");
    }

    #[test]
    fn latin1_fast_path_agrees_with_the_standard_library() {
        for b in 0x80..=0xFFu8 {
            let c = char::from(b);
            assert_eq!(latin1_alphanumeric(b), c.is_alphanumeric(), "{c:?}");
            if c.is_alphanumeric() {
                let expected: String = format!(" {} ", c.to_lowercase());
                assert_eq!(norm(&c.to_string()), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let long = "å".repeat(MAX_TEXT_BYTES);
        let mut out = String::new();
        assert!(normalize_into(&long, &mut out));
        assert!(out.len() <= MAX_TEXT_BYTES + 2);
    }

    fn needle(s: &mut Stemmers, term: &str, lang: Lang) -> String {
        s.pattern(term, lang)
            .map(|p| p.needle())
            .unwrap_or_default()
    }

    #[test]
    fn swedish_stems_meet_inflections_and_compounds() {
        let mut s = Stemmers::new();
        let bygglov = needle(&mut s, "bygglov", Lang::Swedish);
        assert!(norm("min bygglovsansökan").contains(&bygglov));
        assert!(norm("bygglovet").contains(&bygglov));
        let sopkarl = needle(&mut s, "sopkärl", Lang::Swedish);
        assert!(norm("sopkärlet är trasigt").contains(&sopkarl));
        let tillstand = needle(&mut s, "parkeringstillstånd", Lang::Swedish);
        assert!(norm("handikapparkeringstillståndet").contains(&tillstand));
    }

    #[test]
    fn short_stems_and_phrases_need_a_word_start() {
        let mut s = Stemmers::new();
        assert_eq!(needle(&mut s, "is", Lang::Swedish), " is ");
        assert_eq!(needle(&mut s, "isen", Lang::Swedish), " isen");
        let phrase = s.pattern("snow clearing", Lang::English);
        assert_eq!(
            phrase.as_ref().map(|p| p.stems.join("+")).as_deref(),
            Some("snow+clear")
        );
        assert_eq!(phrase.map(|p| p.compound()), Some(false));
        assert_eq!(s.pattern("--", Lang::Swedish), None);
    }

    #[test]
    fn english_needles_are_prefixes_of_the_word_itself() {
        let mut s = Stemmers::new();
        // Porter turns `library` into `librari`; the needle must still find
        // `library`, `libraries` and `librarian`.
        let library = needle(&mut s, "library", Lang::English);
        for text in ["the library", "libraries", "a librarian"] {
            assert!(norm(text).contains(&library), "{library:?} in {text:?}");
        }
        let icy = needle(&mut s, "icy", Lang::English);
        assert!(norm("icy roads").contains(&icy));
    }

    #[test]
    fn one_and_two_letter_words_match_whole_words_only() {
        let mut s = Stemmers::new();
        let efaktura = s.pattern("e-faktura", Lang::Swedish).map(|p| p.stems);
        assert_eq!(efaktura, Some(vec!["e ".to_owned(), "faktur".to_owned()]));
    }
}
