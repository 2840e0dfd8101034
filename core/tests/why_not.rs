//! `Router::why_not`: why an enquiry went, or did not go, to a type.

mod common;

use common::waste_department;
use kommunlots::{Channel, Enquiry, Router, WhyNot, WhyNotReason};

/// Klippan's municipality file (`min_score` 1, `ambiguity_ratio` 0.75)
/// with a waste department of five types.
fn waste() -> Router {
    let mut types = String::new();
    for (id, terms) in [
        (
            "sopor",
            r#"keywords = ["sophämtning"]
                     negative = ["fritidshus"]"#,
        ),
        (
            "slam",
            r#"keywords = ["slamtömning"]
                    channels = ["phone"]"#,
        ),
        ("tomning", r#"keywords = ["tömning"]"#),
        (
            "kompost",
            r#"keywords = [{ term = "kompost", weight = 0.5 }, "trädgårdsavfall"]"#,
        ),
        (
            "grovsopor",
            r#"keywords = [{ term = "grovsopor", weight = 2.0 }, "sophämtning"]"#,
        ),
    ] {
        types.push_str(&format!(
            r#"
            [[type]]
            id = "{id}"
            name = "{id}"
            level = 1
            unit = "avfall-kundservice"
            frequency = "daily"
            {terms}
            "#
        ));
    }
    waste_department(&types)
}

fn why(router: &Router, enquiry: Enquiry, ty: &str) -> WhyNot {
    router
        .why_not(&enquiry, ty)
        .unwrap_or_else(|| unreachable!("the rules have {ty}"))
}

fn text(t: &str) -> Enquiry {
    Enquiry::text(t).with_channel(Channel::Email)
}

#[test]
fn the_chosen_type_says_so_with_its_terms() {
    let router = waste();
    let w = why(&router, text("Hur gör jag med trädgårdsavfall?"), "kompost");
    assert_eq!(w.reason, WhyNotReason::Chosen);
    assert_eq!(w.score, 1.0);
    assert_eq!(w.terms[0].term.as_ref(), "trädgårdsavfall");
    assert_eq!(w.to_string(), "`kompost` was chosen");
}

#[test]
fn a_text_read_again_without_the_letters_is_explained_as_it_was_routed() {
    // Nothing is recognised as written; read again without `å`, `ä` and
    // `ö`, "tradgardsavfall" is `trädgårdsavfall`.
    let router = waste();
    let enquiry = text("Hej Göran, var lamnar jag tradgardsavfall? Mvh Åsa");
    assert_eq!(
        router.route(&enquiry).enquiry_type.as_deref(),
        Some("kompost")
    );
    let w = why(&router, enquiry.clone(), "kompost");
    assert_eq!(w.reason, WhyNotReason::Chosen);
    assert_eq!(w.score, 1.0);
    assert_eq!(w.terms[0].term.as_ref(), "trädgårdsavfall");
    let w = why(&router, enquiry, "sopor");
    assert!(
        matches!(w.reason, WhyNotReason::NoTerm { .. }),
        "{:?}",
        w.reason
    );
}

#[test]
fn each_reason_a_type_was_not_chosen() {
    let router = waste();
    let w = why(&router, text("Sophämtning vid mitt fritidshus"), "sopor");
    assert_eq!(
        w.reason,
        WhyNotReason::NegativeWord {
            words: vec!["fritidshus".into()]
        }
    );
    assert_eq!(
        w.to_string(),
        "`sopor` is ruled out by its negative word `fritidshus`"
    );

    let w = why(&router, text("Slamtömning, tack"), "slam");
    assert_eq!(
        w.reason,
        WhyNotReason::Channel {
            channel: Channel::Email
        }
    );
    let by_phone = Enquiry::text("Slamtömning, tack").with_channel(Channel::Phone);
    assert_eq!(why(&router, by_phone, "slam").reason, WhyNotReason::Chosen);

    let w = why(&router, text("Komposten luktar"), "kompost");
    assert_eq!(w.reason, WhyNotReason::BelowMinScore { min_score: 1.0 });
    assert_eq!(
        w.to_string(),
        "`kompost` scored 0.5 (`kompost` 0.5), below min_score 1"
    );

    // `sophämtning` is a term of both: 1 against 1 + 2.
    let w = why(&router, text("Grovsopor och sophämtning"), "sopor");
    assert_eq!(
        w.reason,
        WhyNotReason::Outscored {
            by: "grovsopor".into(),
            by_score: 3.0
        }
    );
    assert_eq!(
        w.to_string(),
        "`sopor` scored 1 (`sophämtning` 1); `grovsopor` scored 3"
    );

    // Three types score 1 each.
    let w = why(&router, text("Trädgårdsavfall och sophämtning"), "kompost");
    assert_eq!(
        w.reason,
        WhyNotReason::TooClose {
            close: vec!["sopor".into(), "grovsopor".into()]
        }
    );
    assert_eq!(
        w.to_string(),
        "`kompost` scored 1 (`trädgårdsavfall` 1), too close to `sopor` and `grovsopor` to choose"
    );

    let form = Enquiry::default().with_form("NOPE");
    assert_eq!(
        why(&router, form, "sopor").reason,
        WhyNotReason::NoTerm {
            near_spellings: Vec::new()
        }
    );
}

#[test]
fn a_term_inside_a_longer_one_is_named_with_it() {
    let router = waste();
    let w = why(&router, text("När blir det slamtömningen?"), "tomning");
    assert_eq!(
        w.reason,
        WhyNotReason::NoTerm {
            near_spellings: Vec::new()
        }
    );
    assert_eq!(w.hidden.len(), 1);
    assert_eq!(
        (
            w.hidden[0].term.as_ref(),
            w.hidden[0].inside.as_ref(),
            w.hidden[0].inside_type.as_ref()
        ),
        ("tömning", "slamtömning", "slam")
    );
    assert_eq!(
        w.to_string(),
        "no term of `tomning` is in the text; `tömning` lies inside `slamtömning` of `slam`, and the longer term counts"
    );
}

#[test]
fn a_near_spelling_is_named_when_no_term_is_found() {
    let router = waste();
    let w = why(&router, text("Sophämtnig i morgon?"), "sopor");
    assert_eq!(
        w.reason,
        WhyNotReason::NoTerm {
            near_spellings: vec!["sophämtning".into()]
        }
    );
}

#[test]
fn a_longer_term_one_letter_off_hides_the_term_found_inside_it() {
    let router = waste();
    // "slmtömning" misses `slamtömning` by one letter, around the
    // `tömning` found in it: the longer term counts, as spelled right.
    let by_phone = Enquiry::text("Slmtömning i morgon?").with_channel(Channel::Phone);
    let w = why(&router, by_phone.clone(), "tomning");
    assert_eq!(
        w.reason,
        WhyNotReason::NoTerm {
            near_spellings: Vec::new()
        }
    );
    assert_eq!(
        w.to_string(),
        "no term of `tomning` is in the text; `tömning` lies inside `slamtömning` of `slam`, and the longer term counts"
    );
    let w = why(&router, by_phone, "slam");
    assert_eq!(w.reason, WhyNotReason::Chosen);
    assert!(w.terms[0].near_spelling);
    // By e-mail `slam` is out, and `tömning` still lies inside it.
    let w = why(&router, text("Slmtömning i morgon?"), "slam");
    assert_eq!(
        w.to_string(),
        "`slam` is not recognised on the channel email (its `channels`)"
    );
    let w = why(&router, text("Slmtömning i morgon?"), "tomning");
    assert_eq!(w.hidden.len(), 1);
    // A score made of a near spelling says so.
    let by_phone = Enquiry::text("Slmtömning av grovsopor?").with_channel(Channel::Phone);
    assert_eq!(
        why(&router, by_phone, "slam").to_string(),
        "`slam` scored 1 (`slamtömning` 1, one letter off); `grovsopor` scored 2"
    );
}

#[test]
fn a_form_code_for_another_type_decides() {
    let router = common::klippan();
    let enquiry = Enquiry::text("När kommer snöröjningen?").with_form("TF-PTRH");
    let w = why(&router, enquiry, "snorojning");
    assert_eq!(
        w.reason,
        WhyNotReason::OtherFormCode {
            selected: "parkeringstillstand".into()
        }
    );
    assert_eq!(w.to_string(), "the form code selects `parkeringstillstand`");
    assert!(router.why_not(&text("x"), "no-such-type").is_none());
}
