//! Properties of routing that must hold for every input, checked with
//! generated enquiries on the Klippan reference rules.

#![expect(clippy::panic, reason = "a test fails by panicking, with the reason")]

use std::path::Path;
use std::sync::OnceLock;

use kommunlots::{Channel, Decision, Enquiry, MatchStatus, Router};
use proptest::prelude::*;

fn klippan() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/klippan");
        Router::from_dir(dir).unwrap_or_else(|e| panic!("the Klippan rules must load:\n{e}"))
    })
}

fn channel() -> impl Strategy<Value = Option<Channel>> {
    prop::option::of(prop::sample::select(Channel::ALL.to_vec()))
}

/// Words citizens write, terms from the rules, and noise, so generated texts
/// reach matched, ambiguous and unmatched decisions alike.
fn swedish_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "jag",
        "vill",
        "fråga",
        "om",
        "min",
        "bygglovsansökan",
        "snöröjningen",
        "plogat",
        "sopkärlet",
        "parkeringstillståndet",
        "överklaga",
        "beslutet",
        "bygglovet",
        "felparkerad",
        "vattenläcka",
        "the",
        "water",
        "leak",
        "hej",
        "tack",
        "ÅÄÖ",
        "19121212-1212",
        "!!!",
        "",
    ]);
    prop::collection::vec(words, 0..20).prop_map(|w| w.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), swedish_text(), "\\PC{0,300}"]
}

fn enquiry() -> impl Strategy<Value = Enquiry> {
    (
        any_text(),
        channel(),
        prop::option::of(prop_oneof![Just("TF-PTRH".to_owned()), "[A-Z-]{0,8}"]),
    )
        .prop_map(|(text, channel, form)| Enquiry {
            text: Some(text),
            channel,
            form,
            ..Enquiry::default()
        })
}

fn check_invariants(d: &Decision) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.matched, d.status == MatchStatus::Matched);
    if let Some(level) = d.rosa_level {
        prop_assert!((1..=6).contains(&level));
        if level >= 5 {
            prop_assert!(!d.first_line, "level {} went to the first line", level);
        }
    }
    if !d.matched {
        prop_assert!(
            d.first_line,
            "an unrecognised enquiry must go to the first line"
        );
        prop_assert_eq!(d.enquiry_type.as_deref(), None);
        prop_assert_eq!(d.department.as_ref(), "kundtjanst");
    } else {
        prop_assert!(d.enquiry_type.is_some() && d.rosa_level.is_some());
    }
    prop_assert!(!d.path.is_empty());
    prop_assert_eq!(&d.path[0].unit, &d.handler);
    prop_assert!(d.path.iter().any(|s| s.unit == d.unit));
    prop_assert!(!d.explanation.text.is_empty());
    prop_assert!(d.candidates.len() <= 3);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_enquiry_gets_a_sound_decision(e in enquiry()) {
        let d = klippan().route(&e);
        check_invariants(&d)?;
    }

    #[test]
    fn routing_is_deterministic(e in enquiry()) {
        let router = klippan();
        prop_assert_eq!(router.route(&e), router.route(&e));
    }

    #[test]
    fn decisions_survive_a_json_round_trip(e in enquiry()) {
        let d = klippan().route(&e);
        let json = serde_json::to_string(&d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Decision = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, d);
    }

    #[test]
    fn explanations_never_repeat_a_personal_identity_number(
        before in swedish_text(),
        after in swedish_text(),
        century in prop::sample::select(vec!["", "19", "20"]),
        date in "[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])",
        sep in prop::sample::select(vec!["-", "+", "", " "]),
        tail in "[0-9]{4}",
    ) {
        let pnr = format!("{century}{date}{sep}{tail}");
        let e = Enquiry::text(format!("{before} {pnr} {after}"));
        let d = klippan().route(&e);
        let explanation = serde_json::to_string(&d.explanation).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let digits: String = pnr.chars().filter(char::is_ascii_digit).collect();
        prop_assert!(!explanation.contains(&pnr) && !explanation.contains(&digits), "{}", explanation);
    }

    #[test]
    fn json_entry_point_agrees_with_route(e in enquiry()) {
        let router = klippan();
        let json = serde_json::to_string(&e).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out = router.route_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let d: Decision = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(d, router.route(&e));
    }
}

#[test]
fn huge_and_empty_enquiries_still_get_decisions() {
    let router = klippan();
    let megabyte = "snöröjning ".repeat(100_000);
    let d = router.route(&Enquiry::text(megabyte));
    assert!(d.matched);
    assert!(
        d.explanation
            .trace
            .notes
            .iter()
            .any(|n| n.contains("bara början"))
    );
    for e in [
        Enquiry::default(),
        Enquiry::text(""),
        Enquiry::text("\u{0}\u{FFFF}\u{10FFFF}"),
    ] {
        let d = router.route(&e);
        assert!(!d.matched && d.first_line);
        assert_eq!(d.status, MatchStatus::Unmatched);
    }
}

#[test]
fn a_malformed_enquiry_json_is_an_error_with_a_location() {
    let router = klippan();
    let err = router.route_json("{\"text\": \"hej\",\n \"channel\": \"fax\"}");
    let err = err.err().unwrap_or_else(|| panic!("fax is not a channel"));
    assert_eq!(err.line, 2);
    assert!(
        err.message.contains("unknown variant `fax`"),
        "{}",
        err.message
    );
    let err = router.route_json("{\"txt\": \"hej\"}").err();
    assert!(err.is_some_and(|e| e.message.contains("unknown field `txt`")));
}

#[test]
fn enquiry_error_columns_count_characters() {
    // serde_json points at the closing quote of the unknown key `x`: byte
    // 20, but character 18, since each `å` is two bytes.
    let err = klippan().route_json("{\"text\": \"åå\", \"x\": 1}").err();
    assert_eq!(err.map(|e| (e.line, e.column)), Some((1, 18)));
}
