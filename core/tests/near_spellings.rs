//! Near spellings: the types of terms that a word of an unmatched enquiry
//! misses by one letter are listed as candidates, never matched.

mod common;

use common::{klippan, sopor};
use kommunlots::{Channel, Decision, Enquiry, MatchStatus, NEAR_SPELLING_NOTE, Router};

/// Klippan's municipality file with one waste type whose terms (its
/// `keywords`, `phrases` … lines) are `terms`, and a second type, `slam`,
/// taken only by phone.
fn waste(terms: &str) -> Router {
    sopor(&format!(
        r#"{terms}

        [[type]]
        id = "slam"
        name = "Slamtömning"
        level = 1
        unit = "avfall-kundservice"
        frequency = "daily"
        channels = ["phone"]
        keywords = ["slamtömning"]"#
    ))
}

fn route(router: &Router, text: &str) -> Decision {
    router.route(&Enquiry::text(text).with_channel(Channel::Email))
}

/// Each candidate's type with its terms found by a near spelling.
fn near(decision: &Decision) -> Vec<(&str, Vec<&str>)> {
    decision
        .candidates
        .iter()
        .map(|c| {
            let terms = c.terms.iter().filter(|t| t.near_spelling);
            (
                &*c.enquiry_type,
                terms.map(|t| &*t.term).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, terms)| !terms.is_empty())
        .collect()
}

#[test]
fn a_word_one_letter_off_a_term_lists_its_type_for_the_first_line() {
    let router = klippan();
    for text in [
        "När kommer snöröjnigen till oss?",
        "När kommer snörjningen till oss?",
        "När kommer snöröjnningen till oss?",
        "När kommer snöörjningen till oss?",
        "Nar kommer snorojnigen till oss?",
    ] {
        let d = route(&router, text);
        assert_eq!(d.status, MatchStatus::Unmatched, "{text}");
        assert!(d.first_line && d.enquiry_type.is_none(), "{text}");
        assert_eq!(near(&d), [("snorojning", vec!["snöröjning"])], "{text}");
        assert!(
            d.explanation
                .trace
                .notes
                .iter()
                .any(|n| n == NEAR_SPELLING_NOTE),
            "{text}: {:?}",
            d.explanation.trace.notes
        );
        // The citizen's misspelt word is not quoted anywhere.
        let json = serde_json::to_string(&d).unwrap_or_default();
        assert!(
            !json.contains("rjnigen") && !json.contains("snörj"),
            "{json}"
        );
    }
}

#[test]
fn a_recognised_enquiry_gets_no_near_spellings() {
    let router = klippan();
    let d = route(
        &router,
        "När kommer snöröjningen till oss? Hemtjänts är inte min fråga.",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("snorojning"));
    assert!(near(&d).is_empty(), "{:?}", d.candidates);
    assert!(
        !d.explanation
            .trace
            .notes
            .iter()
            .any(|n| n == NEAR_SPELLING_NOTE)
    );
    let d = route(
        &router,
        "Hej, jag har en fråga om ingenting särskilt, egentligen.",
    );
    assert_eq!(d.status, MatchStatus::Unmatched);
    assert!(d.candidates.is_empty(), "{:?}", d.candidates);
    assert!(d.explanation.trace.notes.is_empty());
}

#[test]
fn only_one_word_terms_with_a_long_stem_are_looked_for() {
    let router = waste(
        r#"keywords = ["sophämtning", "soptunna"]
        phrases = ["tömning av behållaren"]"#,
    );
    assert_eq!(
        near(&route(&router, "Var är sophämtnig?")),
        [("sopor", vec!["sophämtning"])]
    );
    // `soptunna` (stem `soptunn`) is too short: one letter off a stem of
    // seven letters is often another word (`särskol`, "särskilt").
    assert!(near(&route(&router, "Var är soptuna?")).is_empty());
    // A phrase is not looked for.
    assert!(near(&route(&router, "Ingen tömnig av behållaren")).is_empty());
    // Two letters off is not near.
    assert!(near(&route(&router, "Var är sophäntnig?")).is_empty());
}

#[test]
fn a_negative_word_or_a_channel_rules_a_near_candidate_out() {
    let router = waste(
        r#"keywords = ["sophämtning"]
        negative = ["fritidshus"]"#,
    );
    assert!(near(&route(&router, "Sophämtnig vid mitt fritidshus?")).is_empty());
    // `slam` is taken by phone only.
    assert!(near(&route(&router, "Slamtömnig snart?")).is_empty());
    let by_phone = router.route(&Enquiry::text("Slamtömnig snart?").with_channel(Channel::Phone));
    assert_eq!(near(&by_phone), [("slam", vec!["slamtömning"])]);
}

#[test]
fn a_term_is_near_where_it_could_be_found() {
    // `sophämtning` is found inside words (a compound's part), the
    // English `neighbour` only at a word's start.
    let router = waste(
        r#"keywords = ["sophämtning"]
        keywords_en = ["neighbour"]"#,
    );
    assert_eq!(
        near(&route(&router, "Villasophämtnigen?")),
        [("sopor", vec!["sophämtning"])]
    );
    assert_eq!(
        near(&route(&router, "My neighbur?")),
        [("sopor", vec!["neighbour"])]
    );
    assert!(near(&route(&router, "My xneighbur?")).is_empty());
}

#[test]
fn in_a_very_long_word_only_a_compounds_part_is_near() {
    let router = waste(
        r#"keywords = ["sophämtning"]
        keywords_en = ["neighbour"]"#,
    );
    // The word's start is far beyond any stretch's reach.
    let long = "x".repeat(5_000);
    let text = format!("{long}sophämtnig{long} {long}neighbur");
    assert_eq!(
        near(&route(&router, &text)),
        [("sopor", vec!["sophämtning"])]
    );
}

#[test]
fn plain_false_keeps_a_terms_plain_spelling_from_near_spellings_too() {
    let with = waste(r#"keywords = ["sophämtning"]"#);
    let without = waste(r#"keywords = [{ term = "sophämtning", plain = false }]"#);
    let text = "Nar ar sophamtnig?";
    assert_eq!(near(&route(&with, text)), [("sopor", vec!["sophämtning"])]);
    assert!(near(&route(&without, text)).is_empty());
}
