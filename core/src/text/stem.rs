//! Stemming rule terms into the patterns the matcher searches for.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use serde::Serialize;

use super::{COMPOUND_MIN_CHARS, normalize, split_words};

/// How kommunlots searches for a rule term in an enquiry's normalised text
/// (see `rules/README.md`, "How matching works").
///
/// ```
/// use kommunlots::{Language, search_pattern};
///
/// let p = search_pattern("Slambrunn", Language::Swedish).ok_or("no letters")?;
/// assert_eq!(p.stems, ["slambrun"]);
/// assert!(p.inside_words);
/// assert_eq!(p.written_rest, "n");
///
/// let p = search_pattern("election", Language::English).ok_or("no letters")?;
/// assert_eq!(p.stems, ["elect"]);
/// assert!(!p.inside_words);
///
/// assert_eq!(search_pattern("--", Language::Swedish), None);
/// # Ok::<(), &str>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SearchPattern {
    /// The stem of each word, in order. A word of the enquiry matches a stem
    /// when it starts with it; a stem ending with a space (one of one or two
    /// letters) must be the whole word. The words of a phrase must follow
    /// each other.
    pub stems: Vec<String>,
    /// Whether the stem is also found inside a word, as in a compound: for
    /// a one-word Swedish term whose stem has at least
    /// [`COMPOUND_MIN_CHARS`] letters.
    pub inside_words: bool,
    /// The rest of the last word as written after its stem: where the
    /// enquiry has it too, the found term covers it, and a shorter term
    /// inside it does not count.
    pub written_rest: String,
    /// The rest of each word before the last as written after its stem
    /// (`e` for `house` in `house on fire`, stem `hous`): an English word
    /// goes on with it and an English ending, or with an ending in its
    /// place ([`is_english_ending`]).
    pub inner_rests: Vec<String>,
    /// Whether each word must go on with an English ending after what was
    /// found ([`is_english_ending`]): for English terms, whose stems also
    /// start Swedish words (`event` in `eventuellt`, `job` in `jobbigt`).
    /// Where the written rest is a silent `e` (`hike`: stem `hik`) and the
    /// enquiry's word does not have it, the word must go on with one of
    /// [`ENGLISH_ENDINGS_AFTER_SILENT_E`] instead (`hiking`).
    pub english_endings: bool,
}

/// Endings an English word may go on with after the stem of a term (after
/// the term's own written rest, where the text has it): inflections
/// (`event` → `events`, `library` → `libraries` with stem `librar`, `bark`
/// → `barking`), and the suffixes the stemmer strips, which the inner
/// words of a phrase keep as written (`domestic violence`: stem `domest`).
/// A Swedish word that merely starts like an English stem goes on with
/// something else: `eventuellt`, `jobbigt`, `tenderad`.
#[rustfmt::skip]
pub const ENGLISH_ENDINGS: &[&str] = &[
    "", "s", "es", "ed", "d", "ing", "ings", "er", "ers", "est", "y", "ies", "ied", "ly",
    "ily", "al", "ally", "ic", "ical", "ically", "ion", "ions", "ation", "ations", "ization",
    "isation", "ate", "ated", "ates", "ating", "ative", "ize", "ized", "ise", "ised", "ism",
    "ist", "ists", "ous", "ent", "ence", "ency", "ance", "ancy", "ant", "ants", "ment", "ments",
    "ness", "ity", "ities", "ive", "able", "ible", "ful", "less", "ship", "ure", "ures", "or",
    "ors", "ual",
];

/// The endings that may follow a doubled last letter of the stem
/// (`plan` → `planning`, `permit` → `permitted`).
pub const ENGLISH_ENDINGS_AFTER_DOUBLING: &[&str] = &["ing", "ed", "er", "ers", "est", "y"];

/// The endings that replace a silent `e`: what may follow the stem of an
/// English term whose last word ends in `e` (`hike`, `noise`, `service`)
/// where the enquiry's word does not go on with that `e` (`hiking`,
/// `noisy`, `servicing`). Only inflections: no bare stem (`note` must not
/// find "not", `care` not "car"), no doubled letter (`hope` not
/// "hopping"), and no suffix that makes another word (`state` must not
/// find "station" or "static").
pub const ENGLISH_ENDINGS_AFTER_SILENT_E: &[&str] = &[
    "ing", "ings", "ed", "er", "ers", "est", "y", "ily", "ier", "iest", "able",
];

/// Whether `rest`, the letters of a word after `found` (the part of it a
/// term matched), is an English ending: one of [`ENGLISH_ENDINGS`], or
/// `found`'s last letter again and one of
/// [`ENGLISH_ENDINGS_AFTER_DOUBLING`]. `es` only follows a hissing sound or
/// an `o` (`buses`, `boxes`, `churches`, `potatoes`): after another letter
/// it is an `e` of the word and an `s` (`rates` is not a form of `rat`).
/// The `e` of a word that has one (`noise`, stem `nois`) is the term's
/// written rest, not an ending.
///
/// Written by hand: it is the rule of this matcher, not a stemming
/// algorithm (the stemmer has already given the stem).
pub fn is_english_ending(found: &str, rest: &str) -> bool {
    if rest == "es" {
        return found.ends_with(['s', 'x', 'z', 'h', 'o']);
    }
    if ENGLISH_ENDINGS.contains(&rest) {
        return true;
    }
    let mut letters = rest.chars();
    match (found.chars().last(), letters.next()) {
        (Some(last), Some(first)) if last == first => {
            ENGLISH_ENDINGS_AFTER_DOUBLING.contains(&letters.as_str())
        }
        _ => false,
    }
}

/// How kommunlots searches for `term` written in `language`: its words
/// normalised and stemmed as the router does when it loads a rule set.
/// `None` for a term with no letter or digit.
pub fn search_pattern(term: &str, language: Language) -> Option<SearchPattern> {
    stem(&language.stemmer(), term, language)
}

/// How kommunlots searches for a term marked `exact = true`: its words as
/// written (normalised, not stemmed), each a whole word, in order. `None`
/// for a term with no letter or digit.
///
/// ```
/// use kommunlots::exact_pattern;
///
/// let p = exact_pattern("Bok").ok_or("no letters")?;
/// assert_eq!(p.stems, ["bok "]);
/// assert!(!p.inside_words);
/// # Ok::<(), &str>(())
/// ```
pub fn exact_pattern(term: &str) -> Option<SearchPattern> {
    let normalized = normalize(term);
    let stems: Vec<String> = split_words(&normalized).map(|w| format!("{w} ")).collect();
    (!stems.is_empty()).then(|| SearchPattern {
        inner_rests: vec![String::new(); stems.len() - 1],
        stems,
        inside_words: false,
        written_rest: String::new(),
        english_endings: false,
    })
}

/// The language a rule term is written in, which picks its stemmer:
/// Swedish for `keywords` and `phrases`, English for `keywords_en` and
/// `phrases_en`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Swedish (Snowball).
    Swedish,
    /// English (Snowball Porter 2).
    English,
}

impl Language {
    /// Its Snowball stemmer.
    fn stemmer(self) -> Stemmer {
        Stemmer::create(match self {
            Language::Swedish => Algorithm::Swedish,
            Language::English => Algorithm::English,
        })
    }
}

/// Snowball stemmers for the two languages rule terms are written in.
///
/// Loading a rule set asks for every term's pattern three times (the
/// check of each term, the check for keyword conflicts, compilation), so
/// validation stems each term once and the later steps borrow the pattern
/// it remembered.
pub(crate) struct Stemmers {
    /// Indexed by `Language as usize`, as `seen` is.
    stemmers: [Stemmer; 2],
    seen: [FxHashMap<Box<str>, Option<SearchPattern>>; 2],
    /// Each normalised word's needle ([`word_stem`]), by language.
    words: [FxHashMap<Box<str>, String>; 2],
}

impl Stemmers {
    pub(crate) fn new() -> Self {
        Stemmers {
            stemmers: [Language::Swedish.stemmer(), Language::English.stemmer()],
            seen: [FxHashMap::default(), FxHashMap::default()],
            words: [FxHashMap::default(), FxHashMap::default()],
        }
    }

    /// The search pattern for a rule term, borrowed when it was stemmed
    /// before (as validation does for every keyword and phrase), else
    /// stemmed now and not remembered. `None` for a term with no letters or
    /// digits.
    pub(crate) fn pattern_ref(&self, term: &str, lang: Language) -> Option<Cow<'_, SearchPattern>> {
        match self.seen[lang as usize].get(term) {
            Some(pattern) => pattern.as_ref().map(Cow::Borrowed),
            None => stem(&self.stemmers[lang as usize], term, lang).map(Cow::Owned),
        }
    }

    /// The search pattern for a rule term: [`exact_pattern`] for one marked
    /// `exact`, else [`Stemmers::pattern_ref`].
    pub(crate) fn term_pattern(
        &self,
        term: &str,
        lang: Language,
        exact: bool,
    ) -> Option<Cow<'_, SearchPattern>> {
        if exact {
            exact_pattern(term).map(Cow::Owned)
        } else {
            self.pattern_ref(term, lang)
        }
    }

    /// How many words a rule term's pattern ([`Stemmers::term_pattern`])
    /// has; `None` for a term without a letter or digit. Remembers a
    /// stemmed pattern for [`Stemmers::pattern_ref`] without copying it.
    pub(crate) fn words_in(&mut self, term: &str, lang: Language, exact: bool) -> Option<usize> {
        if exact {
            exact_pattern(term).map(|p| p.stems.len())
        } else {
            self.with_pattern(term, lang, |p| p.as_ref().map(|p| p.stems.len()))
        }
    }

    /// `f` of the term's pattern, stemmed on first use and remembered.
    fn with_pattern<R>(
        &mut self,
        term: &str,
        lang: Language,
        f: impl FnOnce(&Option<SearchPattern>) -> R,
    ) -> R {
        if let Some(pattern) = self.seen[lang as usize].get(term) {
            return f(pattern);
        }
        // Terms share words (`bygglov` begins dozens of phrases): each word
        // is stemmed once, which halves the stemmer's work on Klippan.
        let (stemmer, words) = (
            &self.stemmers[lang as usize],
            &mut self.words[lang as usize],
        );
        let pattern = stem_words(term, lang, |w| {
            if let Some(s) = words.get(w) {
                return s.clone();
            }
            let s = word_stem(stemmer, w);
            words.insert(w.into(), s.clone());
            s
        });
        let out = f(&pattern);
        self.seen[lang as usize].insert(term.into(), pattern);
        out
    }
}

/// Stems every word of `term` with `stemmer` (see [`search_pattern`]).
fn stem(stemmer: &Stemmer, term: &str, lang: Language) -> Option<SearchPattern> {
    stem_words(term, lang, |w| word_stem(stemmer, w))
}

/// The needle of one word: the part of it its stem shares with it, or the
/// whole word and a space where that part is shorter than three letters.
fn word_stem(stemmer: &Stemmer, w: &str) -> String {
    // The enquiry is not stemmed, so the needle must be a prefix of every
    // form of the word. Swedish Snowball only strips endings, but English
    // Porter also rewrites them (`library` → `librari`), so keep the part
    // the stem and the word share.
    let stem = stemmer.stem(w);
    let shared: usize = w
        .chars()
        .zip(stem.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    if w[..shared].chars().count() < 3 {
        // A stem of one or two letters would match far too much: such a
        // word must match whole. The trailing space marks that (normalised
        // text ends every word with one).
        let mut whole = String::with_capacity(w.len() + 1);
        whole.push_str(w);
        whole.push(' ');
        whole
    } else {
        w[..shared].to_owned()
    }
}

/// The pattern of `term`, each normalised word stemmed by `word_stem`.
fn stem_words(
    term: &str,
    lang: Language,
    mut word_stem: impl FnMut(&str) -> String,
) -> Option<SearchPattern> {
    let normalized = normalize(term);
    let words: Vec<&str> = split_words(&normalized).collect();
    let mut stems: Vec<String> = words.iter().map(|&w| word_stem(w)).collect();
    if lang == Language::English
        && let (Some(stem), Some(word)) = (stems.last_mut(), words.last())
        && stem == word
    {
        drop_silent_e(stem);
    }
    // Each written word beyond its stem: `n` for `slambrunn`, whose stem
    // is `slambrun`; nothing for a whole-word stem.
    let mut rests: Vec<String> = words
        .iter()
        .zip(&stems)
        .map(|(word, stem)| {
            word.strip_prefix(stem.as_str())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let written_rest = rests.pop()?;
    Some(SearchPattern::new(stems, lang, written_rest, rests))
}

/// Cuts the silent `e` off an English stem that kept it (`hike`, `vote`,
/// `care`: Porter keeps the `e` of a short syllable), so that its `-ing`
/// form, which drops the `e`, is found too (`hiking`, `voting`). The `e`
/// becomes part of the written rest, and an enquiry word without it must
/// go on with one of [`ENGLISH_ENDINGS_AFTER_SILENT_E`]: `vote` finds
/// "voting" and "voter", `note` does not find "not". Only for the last
/// word, the one with a written rest, where the stem is the whole word
/// (`notes`, stem `note`, keeps it: its written rest is `s`), and only
/// where at least three letters remain (`ice` stays `ice`).
fn drop_silent_e(stem: &mut String) {
    let b = stem.as_bytes();
    let silent = b.len() >= 4
        && b.ends_with(b"e")
        && b[b.len() - 2].is_ascii_lowercase()
        && !matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    if silent {
        stem.pop();
    }
}

impl SearchPattern {
    /// The pattern of a term in `lang` with these stems, and the rest of its
    /// last word as written after the last stem.
    ///
    /// Each word of a term matches any word that starts with its stem, so
    /// every word may be inflected (`överklaga beslutet om bygglovet` matches
    /// the phrase `överklaga beslut om bygglov`). A one-word Swedish term
    /// whose stem has at least [`COMPOUND_MIN_CHARS`] characters also matches
    /// inside a word, so it finds compounds (`bygglov` in `bygglovsansökan`,
    /// `parkeringstillstånd` in `handikapparkeringstillståndet`). English
    /// writes compounds apart, and its stems hide inside unrelated words
    /// (`elect` in `selection`), so English terms match at the start of a
    /// word only, and only where each word goes on with an English ending
    /// ([`is_english_ending`]). A word whose stem would be shorter than
    /// three letters (`e` in `e-faktura`, `va` in `va-taxa`) must match a
    /// whole word; its stem then ends with a space.
    pub(crate) fn new(
        stems: Vec<String>,
        lang: Language,
        written_rest: String,
        inner_rests: Vec<String>,
    ) -> Self {
        let inside_words = lang == Language::Swedish
            && stems.len() == 1
            && !stems[0].ends_with(' ')
            && stems[0].chars().count() >= COMPOUND_MIN_CHARS;
        SearchPattern {
            stems,
            inside_words,
            written_rest,
            inner_rests,
            english_endings: lang == Language::English,
        }
    }

    /// What the automaton searches for: the first stem, after a space when
    /// it must start a word.
    pub(crate) fn needle(&self) -> String {
        if self.inside_words {
            self.stems[0].clone()
        } else {
            format!(" {}", self.stems[0])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize as norm;

    fn needle(s: &Stemmers, term: &str, lang: Language) -> String {
        s.pattern_ref(term, lang)
            .map(|p| p.needle())
            .unwrap_or_default()
    }

    #[test]
    fn english_endings() {
        for (found, rest) in [
            ("event", ""),
            ("event", "s"),
            ("librar", "ies"),
            ("bark", "ing"),
            ("plan", "ning"),
            ("permit", "ted"),
            ("empti", "ed"),
            ("domest", "ic"),
            ("bus", "es"),
            ("box", "es"),
            ("church", "es"),
        ] {
            assert!(is_english_ending(found, rest), "{found}+{rest}");
        }
        for (found, rest) in [
            ("event", "uellt"),
            ("job", "bigt"),
            ("job", "bet"),
            ("tender", "ad"),
            ("plan", "eten"),
            ("bin", "da"),
            // `rate` and `rates` are not forms of `rat`.
            ("rat", "e"),
            ("rat", "es"),
        ] {
            assert!(!is_english_ending(found, rest), "{found}+{rest}");
        }
    }

    #[test]
    fn patterns_stemmed_once_are_borrowed_after() {
        let mut s = Stemmers::new();
        let fresh = s.pattern_ref("bygglov", Language::Swedish);
        assert!(matches!(fresh, Some(Cow::Owned(_))), "not remembered yet");
        let fresh = fresh.map(Cow::into_owned);
        assert_eq!(s.words_in("bygglov", Language::Swedish, false), Some(1));
        let kept = s.pattern_ref("bygglov", Language::Swedish);
        assert!(matches!(kept, Some(Cow::Borrowed(_))), "remembered");
        assert_eq!(kept.map(Cow::into_owned), fresh);
        // Remembered per language: the English pattern is stemmed anew.
        let english = s.pattern_ref("bygglov", Language::English);
        assert!(matches!(english, Some(Cow::Owned(_))));
        // A term without letters is remembered as having none.
        assert_eq!(s.words_in("--", Language::Swedish, false), None);
        assert_eq!(s.pattern_ref("--", Language::Swedish), None);
    }

    #[test]
    fn swedish_stems_meet_inflections_and_compounds() {
        let s = Stemmers::new();
        let bygglov = needle(&s, "bygglov", Language::Swedish);
        assert!(norm("min bygglovsansökan").contains(&bygglov));
        assert!(norm("bygglovet").contains(&bygglov));
        let sopkarl = needle(&s, "sopkärl", Language::Swedish);
        assert!(norm("sopkärlet är trasigt").contains(&sopkarl));
        let tillstand = needle(&s, "parkeringstillstånd", Language::Swedish);
        assert!(norm("handikapparkeringstillståndet").contains(&tillstand));
    }

    #[test]
    fn remembered_words_give_the_patterns_of_fresh_stemming() {
        // Terms sharing words, in both languages: the second of each pair
        // takes its words' stems from the memory the first filled, and the
        // silent `e` of `hike` must not leak into `hike trail`'s inner word.
        let terms = [
            ("bygglov", Language::Swedish),
            ("överklaga bygglov", Language::Swedish),
            ("bygglov överklaga", Language::Swedish),
            ("hike", Language::English),
            ("hike trail", Language::English),
            ("libraries", Language::English),
            ("library card", Language::English),
        ];
        let mut s = Stemmers::new();
        for (term, lang) in terms {
            assert!(s.words_in(term, lang, false).is_some(), "{term}");
        }
        for (term, lang) in terms {
            let remembered = s.pattern_ref(term, lang).map(Cow::into_owned);
            assert_eq!(remembered, search_pattern(term, lang), "{term}");
        }
        assert_eq!(s.words[Language::Swedish as usize].len(), 2);
    }

    #[test]
    fn short_stems_and_phrases_need_a_word_start() {
        let s = Stemmers::new();
        assert_eq!(needle(&s, "is", Language::Swedish), " is ");
        assert_eq!(needle(&s, "isen", Language::Swedish), " isen");
        let phrase = s.pattern_ref("snow clearing", Language::English);
        assert_eq!(
            phrase.as_ref().map(|p| p.stems.join("+")).as_deref(),
            Some("snow+clear")
        );
        assert_eq!(phrase.map(|p| p.inside_words), Some(false));
        assert_eq!(s.pattern_ref("--", Language::Swedish), None);
    }

    #[test]
    fn english_needles_are_prefixes_of_the_word_itself() {
        let s = Stemmers::new();
        // Porter turns `library` into `librari`; the needle must still find
        // `library`, `libraries` and `librarian`.
        let library = needle(&s, "library", Language::English);
        for text in ["the library", "libraries", "a librarian"] {
            assert!(norm(text).contains(&library), "{library:?} in {text:?}");
        }
        let icy = needle(&s, "icy", Language::English);
        assert!(norm("icy roads").contains(&icy));
    }

    #[test]
    fn english_terms_do_not_match_inside_words() {
        let s = Stemmers::new();
        // The stem of `election` is `elect`, which is inside `selection`.
        let election = needle(&s, "election", Language::English);
        assert_eq!(election, " elect");
        assert!(!norm("the selection of applicants").contains(&election));
        assert!(norm("the elections in May").contains(&election));
        // The same five-letter stem in Swedish finds compounds.
        let lekplats = needle(&s, "lekplats", Language::Swedish);
        assert!(norm("närlekplatsen").contains(&lekplats));
    }

    #[test]
    fn the_silent_e_of_a_last_english_word_is_left_to_the_ending() {
        let s = Stemmers::new();
        let pattern = |term: &str| {
            s.pattern_ref(term, Language::English)
                .map(|p| (p.stems.join("+"), p.written_rest.clone()))
        };
        // Porter keeps the `e` of a short syllable; the search does not.
        assert_eq!(pattern("hike"), Some(("hik".into(), "e".into())));
        assert_eq!(pattern("voting"), Some(("vot".into(), "ing".into())));
        // A stem shorter than its word keeps its `e`: `notes` must not find
        // "not".
        assert_eq!(pattern("notes"), Some(("note".into(), "s".into())));
        // Only in the last word, which has a written rest.
        assert_eq!(
            pattern("hike trails"),
            Some(("hike+trail".into(), "s".into()))
        );
        // Every word's rest: the inner ones for the ending check.
        let house = s.pattern_ref("house on fire", Language::English);
        assert_eq!(
            house.map(|p| (
                p.stems.join("+"),
                p.inner_rests.join("+"),
                p.written_rest.clone()
            )),
            Some(("hous+on +fir".into(), "e+".into(), "e".into()))
        );
        // Three letters at least remain; a vowel before the `e` is no
        // silent `e` of a short syllable.
        assert_eq!(pattern("ice"), Some(("ice".into(), String::new())));
        assert_eq!(pattern("fee"), Some(("fee".into(), String::new())));
        assert_eq!(pattern("tie"), Some(("tie".into(), String::new())));
    }

    #[test]
    fn one_and_two_letter_words_match_whole_words_only() {
        let s = Stemmers::new();
        let efaktura = s
            .pattern_ref("e-faktura", Language::Swedish)
            .map(|p| p.into_owned().stems);
        assert_eq!(efaktura, Some(vec!["e ".to_owned(), "faktur".to_owned()]));
    }
}
