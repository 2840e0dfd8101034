//! Tests of the matcher: finding terms and resolving overlaps.

use super::*;
use crate::text::Language;

impl Matcher {
    /// The terms found in normalised `text`.
    fn found(&self, text: &str) -> Vec<TermRef> {
        let mut out = Vec::new();
        self.find(text.as_bytes(), &mut Vec::new(), &mut out);
        out
    }
}

/// A matcher of `entries` with `streets`; the tests' terms all compile.
fn compile(entries: Vec<Entry<'static>>, streets: StreetSuffixes) -> Matcher {
    Matcher::new(entries, streets).unwrap_or_else(|e| unreachable!("{e}"))
}

/// A matcher of positive terms with the default (Swedish) street
/// suffixes.
fn matcher(entries: Vec<(SearchPattern, TermRef)>) -> Matcher {
    compile(
        entries.into_iter().map(positive).collect(),
        swedish_streets(),
    )
}

fn positive((pattern, term): (SearchPattern, TermRef)) -> Entry<'static> {
    Entry {
        pattern: Cow::Owned(pattern),
        term,
        negative: false,
        gap: 0,
        plain: None,
    }
}

fn swedish_streets() -> StreetSuffixes {
    StreetSuffixes::new(crate::model::DEFAULT_STREET_SUFFIXES)
}

fn t(ty: u32, term: u32) -> TermRef {
    TermRef { ty, term }
}

/// The pattern of an English term, as a rule set compiles it.
fn english(term: &str) -> SearchPattern {
    crate::text::search_pattern(term, Language::English)
        .unwrap_or_else(|| unreachable!("`{term}` has letters"))
}

/// The pattern of a term marked `exact`.
fn exact(term: &str) -> SearchPattern {
    crate::text::exact_pattern(term).unwrap_or_else(|| unreachable!("`{term}` has letters"))
}

fn p(stems: &str) -> SearchPattern {
    let stems: Vec<String> = stems.split(' ').map(str::to_owned).collect();
    let inner = vec![String::new(); stems.len() - 1];
    SearchPattern::new(stems, Language::Swedish, String::new(), inner)
}

#[test]
fn a_term_covers_its_written_word_beyond_the_stem() {
    // Swedish Snowball undoubles `slambrunn` to `slambrun` but leaves
    // `brunn` whole: the written `slambrunn` still holds `brunn`.
    let s = crate::text::Stemmers::new();
    let slambrunn = s
        .pattern_ref("slambrunn", Language::Swedish)
        .map(Cow::into_owned);
    let brunn = s
        .pattern_ref("brunn", Language::Swedish)
        .map(Cow::into_owned);
    let (Some(slambrunn), Some(brunn)) = (slambrunn, brunn) else {
        unreachable!("both terms have letters")
    };
    assert_eq!(slambrunn.stems, ["slambrun"]);
    assert_eq!(brunn.stems, ["brunn"]);
    let m = matcher(vec![(slambrunn, t(0, 0)), (brunn, t(1, 0))]);
    assert_eq!(m.found(" min slambrunn är full "), vec![t(0, 0)]);
    // An inflected form covers only the stem, and `brunn` is not inside.
    assert_eq!(m.found(" slambrunar "), vec![t(0, 0)]);
    assert_eq!(m.found(" brunnen "), vec![t(1, 0)]);
}

#[test]
fn an_english_term_needs_an_english_ending() {
    let m = matcher(vec![
        (english("event"), t(0, 0)),
        (english("jobs"), t(1, 0)),
        (english("library"), t(2, 0)),
        (english("planning permission"), t(3, 0)),
    ]);
    // Swedish words that start like the English stems.
    assert_eq!(m.found(" kan ni eventuellt ringa "), vec![]);
    assert_eq!(m.found(" ett jobbigt problem "), vec![]);
    // The English words themselves, inflected.
    assert_eq!(m.found(" any events "), vec![t(0, 0)]);
    assert_eq!(m.found(" jobs at the council "), vec![t(1, 0)]);
    assert_eq!(m.found(" the libraries "), vec![t(2, 0)]);
    assert_eq!(m.found(" planning permissions "), vec![t(3, 0)]);
    // Every word of an English phrase, not only the last.
    assert_eq!(m.found(" planeten permission "), vec![]);
    // Swedish terms are not held to English endings.
    let m = matcher(vec![(p("bygglov"), t(0, 0))]);
    assert_eq!(m.found(" bygglovsansökan "), vec![t(0, 0)]);
}

#[test]
fn a_silent_e_may_be_replaced_by_an_inflection_only() {
    let m = matcher(vec![
        (english("vote"), t(0, 0)),
        (english("note"), t(1, 0)),
        (english("care home"), t(2, 0)),
        (english("state"), t(3, 0)),
        (english("noise"), t(4, 0)),
        (english("hope"), t(5, 0)),
        (english("notes"), t(6, 0)),
        (english("rats in"), t(7, 0)),
        (english("house on fire"), t(8, 0)),
    ]);
    // The `e` replaced by an inflection, or kept before one.
    assert_eq!(m.found(" my voting station "), vec![t(0, 0)]);
    assert_eq!(m.found(" a first time voter "), vec![t(0, 0)]);
    assert_eq!(m.found(" she voted "), vec![t(0, 0)]);
    assert_eq!(m.found(" two votes "), vec![t(0, 0)]);
    assert_eq!(m.found(" it is so noisy "), vec![t(4, 0)]);
    assert_eq!(m.found(" we are hoping "), vec![t(5, 0)]);
    // The stem alone, or with what is no inflection of the word, is
    // another word.
    assert_eq!(m.found(" i could not come "), vec![]);
    assert_eq!(m.found(" my notes "), vec![t(6, 0)]);
    // Nor is an `e` an ending of a word that has none: `rats in` does
    // not find "the tax rate in Klippan" or "rates in"; an inner word
    // keeps its own `e` (`house`, stem `hous`).
    assert_eq!(m.found(" we have rats in the loft "), vec![t(7, 0)]);
    assert_eq!(m.found(" the tax rate in klippan "), vec![]);
    assert_eq!(m.found(" rates in klippan "), vec![]);
    assert_eq!(m.found(" my house on fire "), vec![t(8, 0)]);
    assert_eq!(m.found(" two houses on fire "), vec![t(8, 0)]);
    assert_eq!(m.found(" a hous on fire "), vec![]);
    assert_eq!(m.found(" nothing works "), vec![]);
    assert_eq!(m.found(" my car was towed "), vec![]);
    assert_eq!(m.found(" the care homes "), vec![t(2, 0)]);
    assert_eq!(m.found(" the care hom "), vec![]);
    assert_eq!(m.found(" the train station "), vec![]);
    assert_eq!(m.found(" static electricity "), vec![]);
    assert_eq!(m.found(" hopping mad "), vec![]);
    // A hit without the `e` ends where the stem does.
    let mut hits = Vec::new();
    let mut out = Vec::new();
    m.find(b" voting ", &mut hits, &mut out);
    assert_eq!(
        hits.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>(),
        [(1, 4)]
    );
}

#[test]
fn terms_inside_a_street_name_do_not_count() {
    let m = matcher(vec![
        (p("bibliotek"), t(0, 0)),
        (p("cykelväg"), t(1, 0)),
        (p("stopp i avlopp"), t(2, 0)),
    ]);
    assert_eq!(
        m.found(" hälsningar från biblioteksgatan 3 det är stopp i avloppet "),
        vec![t(2, 0)]
    );
    // The street's own word, and the term alone, still count.
    assert_eq!(m.found(" hål på cykelvägen "), vec![t(1, 0)]);
    assert_eq!(m.found(" biblioteket på torget "), vec![t(0, 0)]);
}

#[test]
fn a_gap_lets_other_words_stand_between_a_phrases_words() {
    let gapped = |pattern: SearchPattern, term, gap| Entry {
        pattern: Cow::Owned(pattern),
        term,
        negative: false,
        gap,
        plain: None,
    };
    let m = compile(
        vec![
            gapped(english("open a café"), t(0, 0), 1),
            gapped(p("överklag beslut bygglov"), t(1, 0), 2),
            gapped(p("töm kärl"), t(2, 0), 0),
            gapped(exact("bok ett rum"), t(3, 0), 1),
            gapped(p("hur högt får"), t(4, 0), 1),
            gapped(p("staket"), t(5, 0), 0),
        ],
        swedish_streets(),
    );
    // As written, and with one word between two of its words.
    assert_eq!(m.found(" i want to open a café "), vec![t(0, 0)]);
    assert_eq!(m.found(" i am opening a small café "), vec![t(0, 0)]);
    // Two words between is more than the gap.
    assert_eq!(m.found(" opening a very small café "), vec![]);
    // The phrase's own words keep their rules: `openair` is no form of
    // `open`, whatever the gap.
    assert_eq!(m.found(" an openair a café "), vec![]);
    // The nearest place of a word is not the only one tried: the first
    // `beslut` is followed by nothing, the second by `bygglov`.
    assert_eq!(
        m.found(" överklaga beslutet och beslutet om bygglovet "),
        vec![t(1, 0)]
    );
    // Without a gap, nothing may stand between.
    assert_eq!(m.found(" töm vårt kärl "), vec![]);
    assert_eq!(m.found(" töm kärlet "), vec![t(2, 0)]);
    // An exact term's words stay whole words, a gap or not.
    assert_eq!(m.found(" bok ett litet rum "), vec![t(3, 0)]);
    assert_eq!(m.found(" boka ett litet rum "), vec![]);
    // A term among the words let in lies inside the phrase, and the
    // longer term wins.
    assert_eq!(m.found(" hur högt staket får man ha "), vec![t(4, 0)]);
    assert_eq!(m.found(" ett högt staket "), vec![t(5, 0)]);
}

#[test]
fn a_gap_does_not_try_every_combination_of_places() {
    // Twelve words that recur everywhere in the text, then one that
    // never comes: every start could try 4^11 combinations of places.
    // Remembering where the rest of the phrase failed makes it a few
    // hundred; without that, this test would not finish.
    let phrase = format!("{}xyz", "bla ".repeat(12));
    let m = compile(
        vec![Entry {
            pattern: Cow::Owned(p(&phrase)),
            term: t(0, 0),
            negative: false,
            gap: 3,
            plain: None,
        }],
        swedish_streets(),
    );
    let text = format!(" {}", "bla ".repeat(400));
    assert_eq!(m.found(&text), vec![]);
    let text = format!(" {}xyz ", "bla ".repeat(400));
    assert_eq!(m.found(&text), vec![t(0, 0)]);
}

#[test]
fn negative_words_count_inside_longer_terms_and_hide_nothing() {
    let entries = vec![
        positive((p("enskild avlopp"), t(0, 0))),
        Entry {
            pattern: Cow::Owned(p("enskild")),
            term: t(1, 0),
            negative: true,
            gap: 0,
            plain: None,
        },
        positive((p("dagvatten"), t(1, 1))),
        positive((p("avgift"), t(2, 0))),
        Entry {
            pattern: Cow::Owned(p("avgiftsfri")),
            term: t(3, 0),
            negative: true,
            gap: 0,
            plain: None,
        },
    ];
    let m = compile(entries, swedish_streets());
    // `enskild` lies inside the phrase, yet still rules type 1 out.
    assert_eq!(
        m.found(" vårt enskilda avlopp och vårt dagvatten "),
        vec![t(0, 0), t(1, 0), t(1, 1)]
    );
    // The longer negative word does not hide the keyword inside it.
    assert_eq!(m.found(" avgiftsfri "), vec![t(2, 0), t(3, 0)]);
}

#[test]
fn street_suffixes_are_the_rule_sets_own() {
    let entries = || {
        [(p("bibliotek"), t(0, 0)), (p("skol"), t(1, 0))]
            .into_iter()
            .map(positive)
            .collect()
    };
    let text = " jag bor på biblioteksleden 3 ";
    // Not a Swedish default, so the library counts...
    let m = compile(entries(), swedish_streets());
    assert_eq!(m.found(text), vec![t(0, 0)]);
    // ...until the rule set names `leden`, written in any case.
    let m = compile(entries(), StreetSuffixes::new(["Leden"]));
    assert_eq!(m.found(text), vec![]);
    // With no suffixes nothing is an address.
    let m = compile(entries(), StreetSuffixes::new([]));
    assert_eq!(m.found(" skolgatan 4 "), vec![t(1, 0)]);
}

#[test]
fn longer_term_wins_over_the_one_inside_it() {
    let m = matcher(vec![
        (p("parkering"), t(0, 0)),
        (p("parkeringstillstånd"), t(1, 0)),
    ]);
    assert_eq!(m.found(" handikapparkeringstillståndet "), vec![t(1, 0)]);
    assert_eq!(m.found(" felparkering "), vec![t(0, 0)]);
}

#[test]
fn words_sharing_their_first_bytes_are_told_apart() {
    // `parkeringstillstånd`, `parkering` and `parkera` share the key
    // `parker`; `parke` is shorter than a key.
    let m = matcher(vec![
        (p("parkeringstillstånd"), t(0, 0)),
        (p("parkera"), t(1, 0)),
        (p("parke"), t(2, 0)),
        (p("parkering"), t(3, 0)),
    ]);
    assert_eq!(m.found(" felparkeringen "), vec![t(3, 0)]);
    assert_eq!(m.found(" parkerade bilar "), vec![t(1, 0)]);
    assert_eq!(m.found(" parket "), vec![t(2, 0)]);
    assert_eq!(m.found(" parker "), vec![t(2, 0)]);
    assert_eq!(
        m.found(" parkeringstillståndet och parkera "),
        vec![t(0, 0), t(1, 0)]
    );
}

#[test]
fn shared_patterns_report_every_owner_once() {
    let m = matcher(vec![(p("snö"), t(0, 1)), (p("snö"), t(2, 0))]);
    assert_eq!(m.found(" snö och mer snö "), vec![t(0, 1), t(2, 0)]);
}

/// What `find` reports for `text`: the terms, and whether one was
/// found only as written without `å`, `ä` and `ö`.
fn found_plain(m: &Matcher, text: &str) -> (Vec<TermRef>, bool) {
    let mut out = Vec::new();
    let plain = m.find(text.as_bytes(), &mut Vec::new(), &mut out);
    (out, plain != Reading::Written)
}

#[test]
fn swedish_typed_without_its_letters_is_read_plain() {
    let m = matcher(vec![(p("förskol"), t(0, 0)), (p("snöröjning"), t(1, 0))]);
    assert_eq!(
        found_plain(&m, " jag vill ansoka om forskoleplats "),
        (vec![t(0, 0)], true)
    );
    assert_eq!(
        found_plain(&m, " nar kommer snorojningen "),
        (vec![t(1, 0)], true)
    );
    // The letters only in a signature.
    assert_eq!(
        found_plain(&m, " nar kommer snorojningen mvh åsa "),
        (vec![t(1, 0)], true)
    );
    // As written, the plain spelling is not needed.
    assert_eq!(found_plain(&m, " förskolan "), (vec![t(0, 0)], false));
    // The letters, and no plain word before or after them: typed on a
    // keyboard that has them.
    assert_eq!(
        found_plain(&m, " jag vill ansöka om forskoleplats "),
        (vec![], false)
    );
    // English.
    assert_eq!(
        found_plain(&m, " when is the forskola open "),
        (vec![], false)
    );
}

#[test]
fn a_plain_spelling_inside_a_street_name_does_not_count() {
    let m = matcher(vec![(p("skolväg"), t(0, 0)), (p("förskol"), t(1, 0))]);
    // Only the street has a plain spelling: the text was not read plain.
    assert_eq!(
        found_plain(&m, " jag bor pa forskolegatan 3 "),
        (vec![], false)
    );
    assert_eq!(
        found_plain(&m, " pa forskolegatan 3 ar skolvagen hal "),
        (vec![t(0, 0)], true)
    );
}

#[test]
fn a_plain_spelling_gives_way_to_short_words_and_written_terms() {
    let m = matcher(vec![
        (p("hön"), t(0, 0)),
        (p("få hjälp"), t(1, 0)),
        (p("tömning"), t(2, 0)),
        (p("tomning"), t(3, 0)),
    ]);
    // `hön` plain is the start of `hon` and `honom`.
    assert_eq!(found_plain(&m, " hon har hons "), (vec![], false));
    // A phrase's further words keep a short first word apart.
    assert_eq!(found_plain(&m, " kan jag fa hjalp "), (vec![t(1, 0)], true));
    // Plain, `tömning` is how another term is written; that one counts.
    assert_eq!(
        found_plain(&m, " vi vill ha tomning "),
        (vec![t(3, 0)], false)
    );
    // An exact word of five letters or more is read plain; a shorter
    // one, like a short stem, is not.
    let exact = matcher(vec![
        (exact("återvinningen"), t(0, 0)),
        (exact("får"), t(1, 0)),
    ]);
    assert_eq!(
        found_plain(&exact, " har atervinningen oppet "),
        (vec![t(0, 0)], true)
    );
    assert_eq!(found_plain(&exact, " min far "), (vec![], false));
}

#[test]
fn word_start_patterns_need_a_word_start() {
    let m = matcher(vec![(p("is"), t(0, 0))]);
    assert!(m.found(" polis ").is_empty());
    assert_eq!(m.found(" isen "), vec![t(0, 0)]);
}

#[test]
fn every_word_of_a_phrase_may_be_inflected() {
    let m = matcher(vec![(p("överklag beslut om bygglov"), t(0, 0))]);
    assert_eq!(
        m.found(" jag vill överklaga beslutet om bygglovet "),
        vec![t(0, 0)]
    );
    assert!(
        m.found(" jag vill överklaga beslutet för bygglovet ")
            .is_empty()
    );
    assert!(m.found(" överklaga beslutet om").is_empty());
}

#[test]
fn a_phrase_outranks_a_keyword_inside_it() {
    let m = matcher(vec![
        (p("bygglov"), t(0, 0)),
        (p("överklag beslut om bygglov"), t(1, 0)),
    ]);
    assert_eq!(m.found(" överklaga beslutet om bygglovet "), vec![t(1, 0)]);
}

#[test]
fn whole_word_stems_do_not_match_longer_words() {
    let m = matcher(vec![(
        SearchPattern::new(
            vec!["e ".to_owned(), "faktur".to_owned()],
            Language::Swedish,
            String::new(),
            vec![String::new()],
        ),
        t(0, 0),
    )]);
    assert!(m.found(" jag har fått en faktura ").is_empty());
    assert_eq!(m.found(" min e faktura kom inte "), vec![t(0, 0)]);
}

#[test]
fn empty_matcher_finds_nothing() {
    let m = matcher(Vec::new());
    let mut out = vec![t(9, 9)];
    m.find(b" vad som helst ", &mut Vec::new(), &mut out);
    assert!(out.is_empty());
}

#[test]
fn phrases_that_share_a_first_word_are_told_apart_by_the_second() {
    // Four phrases under the key of `int` (the stem of "inte"), which the
    // text's "inte" goes on past: the word after it is found once and its
    // first byte rules out those that cannot follow.
    let m = matcher(vec![
        (p("int töm"), t(0, 0)),
        (p("int hämt"), t(1, 0)),
        (p("int vill lev"), t(2, 0)),
        (p("int tänk"), t(3, 0)),
    ]);
    assert_eq!(m.found(" soporna har inte hämtats "), vec![t(1, 0)]);
    assert_eq!(m.found(" kärlet blev inte tömt "), vec![t(0, 0)]);
    assert_eq!(m.found(" att jag inte vill leva "), vec![t(2, 0)]);
    // The right first byte is not enough: the rest of the stem must follow.
    assert_eq!(m.found(" jag vill inte tala om det "), vec![]);
    assert_eq!(m.found(" inte "), vec![]);
    // A whole first word (its stem ends with the space) and an English
    // phrase, whose word must go on with an English ending.
    let m = matcher(vec![
        (exact("är det"), t(0, 0)),
        (exact("är fel"), t(1, 0)),
        (english("house on fire"), t(2, 0)),
        (english("house of cards"), t(3, 0)),
    ]);
    assert_eq!(m.found(" vad är det här "), vec![t(0, 0)]);
    assert_eq!(m.found(" det är fel "), vec![t(1, 0)]);
    assert_eq!(m.found(" the houses on fire "), vec![t(2, 0)]);
    assert_eq!(m.found(" a househ on fire "), vec![]);
}
