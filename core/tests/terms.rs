//! `Router::terms`: each rule term of a type with how it is searched for.

mod common;

use common::{klippan, klippan_municipality, sopor, waste_department};
use kommunlots::decision::TermKind;
use kommunlots::{Language, Router, TermInfo};

/// Klippan's municipality file with one small department of a test's own.
fn with_department(name: &str, department: &str) -> Router {
    Router::from_sources([
        ("municipality.toml", klippan_municipality().as_str()),
        (name, department),
    ])
    .unwrap_or_else(|e| unreachable!("the rules load:\n{e}"))
}

fn terms<'a>(router: &'a Router, ty: &str) -> Vec<TermInfo<'a>> {
    router
        .terms(ty)
        .unwrap_or_else(|| unreachable!("Klippan has the type {ty}"))
        .collect()
}

#[test]
fn a_types_terms_come_with_their_stems_and_weights() {
    let router = klippan();
    let slam = terms(&router, "slamtomning");
    let first = &slam[0];
    assert_eq!(first.term, "slamtömning");
    assert_eq!(first.kind, TermKind::Keyword);
    assert_eq!(first.language, Language::Swedish);
    assert_eq!(first.weight, 3.0);
    let brunn = slam.iter().find(|t| t.term == "slambrunn");
    let brunn = brunn.unwrap_or_else(|| unreachable!("slambrunn is a keyword"));
    assert_eq!(brunn.pattern.stems, ["slambrun"]);
    assert!(brunn.pattern.inside_words);
    assert_eq!(brunn.pattern.written_rest, "n");
    assert_eq!(brunn.weight, 1.0, "a keyword without a weight counts 1");
    let septic = slam.iter().find(|t| t.term == "septic tank");
    let septic = septic.unwrap_or_else(|| unreachable!("septic tank is an English phrase"));
    assert_eq!(
        (septic.kind, septic.language, septic.weight),
        (TermKind::Phrase, Language::English, 2.0)
    );
    assert!(!septic.pattern.inside_words);
}

#[test]
fn repeated_stems_are_left_out_and_negative_words_listed_per_stem() {
    let router = klippan();
    // `överklaga` and `överklagande` share a stem: the router keeps the first.
    let appeal = terms(&router, "bygglov-overklagande");
    let words: Vec<&str> = appeal.iter().map(|t| t.term).collect();
    assert!(words.contains(&"överklaga"), "{words:?}");
    assert!(!words.contains(&"överklagande"), "{words:?}");
    // va-anmalan rules out `enskilt` and `enskilda`, each stemmed as
    // Swedish and as English; `enskilt` has one stem in both, `enskilda`
    // two (`enskild`, `enskilda`).
    let negative = |word: &str| -> Vec<Language> {
        terms(&router, "va-anmalan")
            .iter()
            .filter(|t| t.negative && t.term == word)
            .map(|t| t.language)
            .collect()
    };
    assert_eq!(negative("enskilt"), [Language::Swedish]);
    assert_eq!(negative("enskilda"), [Language::Swedish, Language::English]);
    assert!(router.terms("no-such-type").is_none());
}

#[test]
fn the_same_stem_in_swedish_and_english_counts_once() {
    let router = waste_department(
        r#"
        [[type]]
        id = "farligt-avfall"
        name = "Farligt avfall"
        level = 1
        unit = "avfall-kundservice"
        frequency = "daily"
        keywords = ["batterier"]
        keywords_en = ["batteries"]
    "#,
    );
    // Both stem to `batteri`; the Swedish term, listed first, is kept.
    let listed: Vec<&str> = terms(&router, "farligt-avfall")
        .iter()
        .map(|t| t.term)
        .collect();
    assert_eq!(listed, ["batterier"]);
    let d = router.route(&kommunlots::Enquiry::text(
        "Var lämnar jag gamla batterier?",
    ));
    assert_eq!(d.explanation.trace.score, 1.0);
}

#[test]
fn an_exact_term_matches_its_words_as_written_only() {
    let router = with_department(
        "departments/kultur.toml",
        r#"
        [department]
        id = "kultur"
        name = "Kultur"

        [[unit]]
        id = "kultur-bibliotek"
        name = "Biblioteket"

        [[type]]
        id = "bibliotek"
        name = "Biblioteket"
        level = 1
        unit = "kultur-bibliotek"
        frequency = "daily"
        keywords = [{ term = "bok", exact = true }, { term = "låna en bok", exact = true }]

        [[type]]
        id = "lokalbokning"
        name = "Lokalbokning"
        level = 1
        unit = "kultur-bibliotek"
        frequency = "daily"
        keywords = ["lokal"]
    "#,
    );
    let bok = terms(&router, "bibliotek");
    assert!(bok.iter().all(|t| t.exact));
    assert_eq!(bok[0].pattern.stems, ["bok "]);
    assert_eq!(bok[1].pattern.stems, ["låna ", "en ", "bok "]);
    // The type and the terms found.
    let route = |text: &str| {
        let d = router.route(&kommunlots::Enquiry::text(text));
        let found: Vec<String> = d
            .candidates
            .iter()
            .flat_map(|c| &c.terms)
            .map(|t| t.term.to_string())
            .collect();
        (d.enquiry_type.as_deref().map(str::to_owned), found)
    };
    // The word itself, and the phrase as written (the word inside it
    // does not count again).
    assert_eq!(
        route("Har ni någon bok om Klippan?"),
        (Some("bibliotek".into()), vec!["bok".to_owned()])
    );
    assert_eq!(
        route("Kan jag låna en bok?"),
        (Some("bibliotek".into()), vec!["låna en bok".to_owned()])
    );
    // Not the words its stem starts, nor compounds, nor other forms.
    assert_eq!(
        route("Jag vill boka en lokal"),
        (Some("lokalbokning".into()), vec!["lokal".to_owned()])
    );
    assert_eq!(route("Min bokning försvann"), (None, vec![]));
    assert_eq!(route("En kokbok"), (None, vec![]));
    assert_eq!(route("Kan jag låna böcker?"), (None, vec![]));
    // A stemmed term with the same text would have found them.
    let stemmed = kommunlots::search_pattern("bok", Language::Swedish);
    assert_eq!(stemmed.map(|p| p.stems), Some(vec!["bok".to_owned()]));
}

/// Each term of `sopor` with the stems of its plain spelling, if any.
fn plain_spellings(router: &Router) -> Vec<(&str, Option<Vec<String>>)> {
    terms(router, "sopor")
        .iter()
        .map(|t| (t.term, t.plain.as_ref().map(|p| p.stems.clone())))
        .collect()
}

fn stems(words: &[&str]) -> Option<Vec<String>> {
    Some(words.iter().map(|w| (*w).to_owned()).collect())
}

#[test]
fn a_terms_plain_spelling_is_listed_where_it_is_searched() {
    let router = sopor(
        r#"keywords = ["sopkärl", "höns", "tömning", "tomning", "sopbil"]
        phrases = ["glömt att tömma"]"#,
    );
    assert_eq!(
        plain_spellings(&router),
        [
            ("sopkärl", stems(&["sopkarl"])),
            // A short word, plain another word (`hon`), is not read plain.
            ("höns", None),
            // Plain, `tömning` is how another term is written.
            ("tömning", None),
            // Nothing to spell otherwise.
            ("tomning", None),
            ("sopbil", None),
            ("glömt att tömma", stems(&["glomt", "att", "tomm"])),
        ]
    );
    let sopkarl = terms(&router, "sopor").remove(0);
    let plain = sopkarl
        .plain
        .unwrap_or_else(|| unreachable!("listed above"));
    assert_eq!(plain.inside_words, sopkarl.pattern.inside_words);
}

#[test]
fn a_rule_turns_a_terms_plain_spelling_on_or_off() {
    let router = sopor(
        r#"keywords = [{ term = "möss", exact = true, plain = true }, { term = "höns", exact = true }, { term = "råttor", plain = true }]
        phrases = [{ term = "inte tömt", plain = false }, "glömt att tömma"]"#,
    );
    assert_eq!(
        plain_spellings(&router),
        [
            // Short, asked for: `moss` is no Swedish word.
            ("möss", stems(&["moss "])),
            // Short, not asked for: `hons` is left out.
            ("höns", None),
            // Short and stemmed (`rått`), asked for: the whole word as
            // written, never the start of "ratten".
            ("råttor", stems(&["rattor "])),
            // Turned off: plain, it says "not empty".
            ("inte tömt", None),
            ("glömt att tömma", stems(&["glomt", "att", "tomm"])),
        ]
    );
    let route = |text: &str| {
        let d = router.route(&kommunlots::Enquiry::text(text));
        d.enquiry_type.map(|t| t.to_string())
    };
    assert_eq!(route("Vi har fatt moss i koket"), Some("sopor".to_owned()));
    assert_eq!(route("Vi har rattor i kallaren"), Some("sopor".to_owned()));
    assert_eq!(
        route("Vi har råttorna i källaren"),
        Some("sopor".to_owned())
    );
    assert_eq!(route("Ratten har lossnat pa bilen"), None);
    // English is not read plain: there `moss` is moss.
    assert_eq!(route("There is moss on my roof"), None);
    assert_eq!(route("Ni har inte tömt"), Some("sopor".to_owned()));
    assert_eq!(route("Ni har inte tomt"), None);
}
