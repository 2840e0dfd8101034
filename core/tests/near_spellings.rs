//! Near spellings: the types of terms that a word of an unmatched enquiry
//! misses by one letter are listed as candidates, never matched; a word
//! that misses a longer term around a term found in it counts as the
//! longer term.

mod common;

use common::{klippan, sopor};
use kommunlots::{
    Channel, Decision, Enquiry, MatchStatus, NEAR_LONGER_NOTE, NEAR_SPELLING_NOTE, Router,
};

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

/// Two waste types: `sopor`, recognised by the short `sopkärl`, and
/// `taxa`, by the longer `sopkärlsavgift` around it and by `taxa` (its
/// further lines, such as `negative`).
fn fee(taxa: &str) -> Router {
    sopor(&format!(
        r#"keywords = ["sopkärl"]

        [[type]]
        id = "taxa"
        name = "Avfallstaxa"
        level = 1
        unit = "avfall-kundservice"
        frequency = "daily"
        keywords = ["sopkärlsavgift"]
        {taxa}"#
    ))
}

/// The terms of the decision's trace, each with whether it was found by a
/// near spelling.
fn counted(decision: &Decision) -> Vec<(&str, bool)> {
    let terms = decision.explanation.trace.terms.iter();
    terms.map(|t| (&*t.term, t.near_spelling)).collect()
}

fn noted(decision: &Decision, note: &str) -> bool {
    decision.explanation.trace.notes.iter().any(|n| n == note)
}

#[test]
fn a_word_one_letter_off_a_longer_term_around_a_found_one_counts_as_the_longer() {
    let router = fee("");
    // Spelled right, the longer term wins the word.
    let right = route(&router, "Varför har sopkärlsavgiften höjts?");
    assert_eq!(right.enquiry_type.as_deref(), Some("taxa"));
    assert_eq!(counted(&right), [("sopkärlsavgift", false)]);
    assert!(!noted(&right, NEAR_LONGER_NOTE));
    // One letter off, it still does: `sopkärl` was found in the word, and
    // the word misses `sopkärlsavgift` by one letter.
    for text in [
        "Varför har sopkärlsavgiten höjts?",
        "Varför har sopkärlavgiften höjts?",
        "Varför har sopkärlsagviften höjts?",
    ] {
        let d = route(&router, text);
        assert_eq!(d.status, MatchStatus::Matched, "{text}");
        assert_eq!(d.enquiry_type.as_deref(), Some("taxa"), "{text}");
        assert_eq!(counted(&d), [("sopkärlsavgift", true)], "{text}");
        assert_eq!(d.candidates[0].terms, d.explanation.trace.terms);
        assert!(noted(&d, NEAR_LONGER_NOTE), "{text}");
        assert!(!noted(&d, NEAR_SPELLING_NOTE), "{text}");
        // The sentence does not claim the text has the term as written,
        // and quotes nothing the citizen wrote.
        assert!(
            d.explanation
                .text
                .contains("texten innehåller ett ord som liknar ”sopkärlsavgift”"),
            "{}",
            d.explanation.text
        );
        let json = serde_json::to_string(&d).unwrap_or_default();
        assert!(
            !json.contains("avgiten") && !json.contains("agvift"),
            "{json}"
        );
    }
}

#[test]
fn a_near_spelling_counts_only_around_a_term_found_in_its_word() {
    let router = fee("");
    // With no term found in it, the misspelt word is no match: its type
    // is a candidate.
    let alone = route(&router, "Varför har sopkärsavgiften höjts?");
    assert_eq!(alone.status, MatchStatus::Unmatched);
    assert_eq!(near(&alone), [("taxa", vec!["sopkärlsavgift"])]);
    assert!(noted(&alone, NEAR_SPELLING_NOTE) && !noted(&alone, NEAR_LONGER_NOTE));
    // A word that is the found term with an ending is not searched.
    let d = route(&router, "Var står sopkärlen?");
    assert_eq!(counted(&d), [("sopkärl", false)]);
    // A longer term one letter off in the same word that does not span
    // the found term does not count: here `sopkärsavgift` follows the
    // `sopkärl` found.
    let d = route(&router, "Sopkärlsopkärsavgiften?");
    assert_eq!(counted(&d), [("sopkärl", false)]);
    assert!(!noted(&d, NEAR_LONGER_NOTE));
}

#[test]
fn a_word_spelled_as_a_term_is_not_one_letter_off_it() {
    // `sopkärl` counts in "Sopkärlet", and lies inside `sopkärlsavgift`
    // in the next word; that word is the longer term, as written or plain
    // (one letter off the other spelling), not a near spelling of it.
    let router = fee("");
    for text in [
        "Sopkärlet och sopkärlsavgiften?",
        "Sopkarlet och sopkarlsavgiften, vad ar det?",
    ] {
        let d = route(&router, text);
        assert!(!noted(&d, NEAR_LONGER_NOTE), "{text}");
        let all = d.candidates.iter().flat_map(|c| &c.terms);
        assert!(
            !all.clone().any(|t| t.near_spelling),
            "{text}: {:?}",
            d.candidates
        );
    }
    // Nor is a stretch that cuts through a term found in the word:
    // "vattenvarmepump" is `vatten` and `värmepump`, not `vattenvana`
    // (swimming lessons) one letter off.
    let d = route(
        &klippan(),
        "Behover jag anmala att jag installerar en luft-vattenvarmepump?",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("varmepump"));
    assert!(!noted(&d, NEAR_LONGER_NOTE), "{:?}", d.candidates);
}

#[test]
fn a_longer_near_spelling_is_ruled_out_as_a_found_term_is() {
    // A negative word of the longer term's type, or a channel it does not
    // take, rules it out as it would spelled right. The shorter term lies
    // inside it all the same and does not count: neither type is chosen.
    for (taxa, channel) in [
        (r#"negative = ["fritidshus"]"#, Channel::Email),
        (r#"channels = ["phone"]"#, Channel::Letter),
    ] {
        let router = fee(taxa);
        let right = "Sopkärlsavgiften vid mitt fritidshus?";
        let near = "Sopkärlsavgiten vid mitt fritidshus?";
        let right = router.route(&Enquiry::text(right).with_channel(channel));
        let near = router.route(&Enquiry::text(near).with_channel(channel));
        assert_eq!(right.status, MatchStatus::Unmatched, "{taxa}");
        assert_eq!(near.status, MatchStatus::Unmatched, "{taxa}");
        assert!(counted(&near).is_empty(), "{taxa}: {:?}", counted(&near));
    }
}

#[test]
fn klippan_reads_a_misspelt_compound_as_the_longer_term() {
    let router = klippan();
    for (text, ty, term) in [
        (
            "Är det eldningförbud i Klippan just nu?",
            "eldningsforbud",
            "eldningsförbud",
        ),
        (
            "Varför har vattenrkningen blivit så dyr?",
            "va-taxa",
            "vattenräkning",
        ),
        (
            "Brunnsocket på vår gata har sjunkit",
            "gata-felanmalan",
            "brunnslock",
        ),
    ] {
        let d = route(&router, text);
        assert_eq!(d.enquiry_type.as_deref(), Some(ty), "{text}");
        assert!(
            counted(&d).contains(&(term, true)),
            "{text}: {:?}",
            counted(&d)
        );
    }
}

#[test]
fn a_misspelt_word_alone_leaves_the_enquiry_to_the_first_line_with_its_type() {
    // Typing errors as citizens make them (session 14's round 87): with no
    // term found in the word, the enquiry is not matched, and the first
    // line sees the type it was about among the candidates.
    let router = klippan();
    for (text, ty) in [
        ("Hur söker man färdtjänts?", "fardtjanst"),
        (
            "Jag vill göra en orossanmälan om ett barn i min dotters klass",
            "orosanmalan",
        ),
        (
            "Kan jag förlänga mina lån på biblotekets hemsida?",
            "bibliotek",
        ),
        ("Hur lämnar man in ett medborgarförlag?", "medborgarforslag"),
        (
            "Hur söker jag försörjingsstöd?",
            "forsorjningsstod-bedomning",
        ),
    ] {
        let d = route(&router, text);
        assert_eq!(d.status, MatchStatus::Unmatched, "{text}");
        assert!(d.first_line, "{text}");
        assert_eq!(
            near(&d).first().map(|(t, _)| *t),
            Some(ty),
            "{text}: {:?}",
            near(&d)
        );
    }
}
