//! Properties of routing that must hold for every input, checked with
//! generated enquiries on the Klippan reference rules.

mod common;

use std::sync::OnceLock;

use jiff::Timestamp;
use kommunlots::decision::{Candidate, StepRole};
use kommunlots::stats::{REDACTED, redact};
use kommunlots::{
    Channel, Decision, Enquiry, LocalTime, MatchStatus, NEAR_LONGER_NOTE, NEAR_SPELLING_NOTE,
    Router, SECOND_LOOK_NOTE, UNACCENTED_NOTE,
};
use proptest::prelude::*;

fn klippan() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(common::klippan)
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
        // One letter off a term: near spellings.
        "snöröjnigen",
        "hemtjänts",
        // One letter off a longer term around a shorter one.
        "eldningförbud",
        "vattenrkningen",
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

/// A fixed routing time, so decisions can be compared: Thursday 25 March
/// 2027, 16:30 in Klippan.
fn now() -> Timestamp {
    Timestamp::constant(1_805_988_600, 0)
}

/// Receipt times from 1940 to 2220, so some fall outside the calendar's
/// 1953–2200 and must give a decision without due dates.
fn received_at() -> impl Strategy<Value = Option<Timestamp>> {
    prop::option::of((-946_771_200_i64..7_889_184_000_i64).prop_map(|s| Timestamp::constant(s, 0)))
}

fn enquiry() -> impl Strategy<Value = Enquiry> {
    (
        any_text(),
        channel(),
        prop::option::of(prop_oneof![Just("TF-PTRH".to_owned()), "[A-Z-]{0,8}"]),
        received_at(),
    )
        .prop_map(|(text, channel, form, received_at)| Enquiry {
            text: Some(text),
            channel,
            form,
            received_at,
            ..Enquiry::default()
        })
}

fn router_zone() -> jiff::tz::TimeZone {
    klippan().calendar().time_zone().clone()
}

/// The units of a department, from the rules as the router reports them.
fn own_units<'a>(router: &'a Router, department: &str) -> Vec<&'a str> {
    router
        .enquiry_types()
        .filter(|t| t.department == department)
        .map(|t| t.unit)
        .chain(
            KLIPPAN_MANAGERS
                .iter()
                .filter(|(d, _)| *d == department)
                .map(|(_, u)| *u),
        )
        .collect()
}

/// The escalation units of the Klippan departments.
const KLIPPAN_MANAGERS: [(&str, &str); 4] = [
    ("plan-bygg", "plan-bygg-chef"),
    ("social", "social-enhetschef"),
    ("social", "social-chef"),
    ("teknik", "teknik-chef"),
];

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
    // Each candidate shows the terms its score is made of; the chosen
    // type's are the trace's.
    for c in &d.candidates {
        if c.terms.is_empty() {
            prop_assert_eq!(c.score, 1000.0, "only a form code scores without terms");
        } else {
            let sum: f64 = c.terms.iter().map(|t| t.weight).sum();
            prop_assert!((sum - c.score).abs() < 1e-9, "{} ≠ {:?}", c.score, c.terms);
        }
    }
    if d.matched {
        prop_assert_eq!(&d.candidates[0].terms, &d.explanation.trace.terms);
    }
    // A near spelling counts only for a longer term around a term found
    // in its word; otherwise it only adds candidates to an unmatched
    // decision, each a type of its own. Either way the trace says so.
    let noted = |note: &str| d.explanation.trace.notes.iter().any(|n| n == note);
    let near = |c: &&Candidate| c.terms.iter().any(|t| t.near_spelling);
    let only_near = |c: &&Candidate| c.terms.iter().all(|t| t.near_spelling);
    for c in d.candidates.iter().filter(near) {
        prop_assert!(
            noted(NEAR_LONGER_NOTE) || (d.status == MatchStatus::Unmatched && only_near(&c)),
            "{:?}",
            c.terms
        );
    }
    if d.explanation.trace.terms.iter().any(|t| t.near_spelling) {
        prop_assert!(noted(NEAR_LONGER_NOTE));
    }
    if noted(NEAR_SPELLING_NOTE) {
        prop_assert_eq!(d.status, MatchStatus::Unmatched);
        prop_assert!(d.candidates.iter().any(|c| near(&c) && only_near(&c)));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_enquiry_gets_a_sound_decision(e in enquiry()) {
        let d = klippan().route_at(&e, now());
        check_invariants(&d)?;
    }

    #[test]
    fn a_duty_service_comes_first_exactly_while_the_first_line_is_closed(
        seconds in 1_767_225_600_i64..1_861_920_000,
        channel in prop::sample::select(vec![Channel::Email, Channel::EService, Channel::SocialMedia]),
    ) {
        // Any second of 2026–2028, by a written channel (the first line's
        // own unit, `kundtjanst`, takes them all in Klippan).
        let received = Timestamp::constant(seconds, 0);
        let router = klippan();
        let d = router.route(
            &Enquiry::text("Jag vill inte leva längre")
                .with_channel(channel)
                .with_received_at(received),
        );
        let open = router
            .calendar()
            .is_open(router.opening_hours("kundtjanst"), received)
            .unwrap_or(true);
        let roles: Vec<StepRole> = d.path.iter().map(|s| s.role).collect();
        if open {
            prop_assert_eq!(&*d.handler, "kundtjanst");
            prop_assert_eq!(roles.first(), Some(&StepRole::FirstLine));
        } else {
            prop_assert_eq!(&*d.handler, "socialjour");
            prop_assert_eq!(&roles[..2], &[StepRole::OutOfHours, StepRole::FirstLine][..]);
            // Open day and night, the duty service is due 15 minutes after
            // receipt, to the second.
            let due = d.path[0].due.map(|t| t.timestamp());
            prop_assert_eq!(due, Some(received + jiff::SignedDuration::from_mins(15)));
        }
    }

    #[test]
    fn the_plain_reading_is_only_for_text_without_the_letters(e in enquiry()) {
        let d = klippan().route_at(&e, now());
        let text = e.text.as_deref().unwrap_or("");
        if text.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) {
            prop_assert!(!d.explanation.trace.notes.iter().any(|n| n == UNACCENTED_NOTE));
        }
    }

    #[test]
    fn a_plain_text_between_names_with_the_letters_is_not_lost(words in swedish_text()) {
        // No type chosen as written, the text is read again plain, and
        // then as the plain text alone is; that reading is kept only where
        // it does better (a type recognised, or one chosen of two).
        let plain = common::plain::typed_plain(&format!("jag {words}"));
        let greeted = format!("Hej Göran! {plain} Mvh Åsa");
        let router = klippan();
        let alone = router.route_at(&Enquiry::text(&plain), now());
        let d = router.route_at(&Enquiry::text(&greeted), now());
        if alone.status == MatchStatus::Matched {
            prop_assert_eq!(d.status, MatchStatus::Matched, "{:?}", greeted);
        }
        if d.explanation.trace.notes.iter().any(|n| n == SECOND_LOOK_NOTE) {
            prop_assert_ne!(d.status, MatchStatus::Unmatched);
            prop_assert_eq!(&d.enquiry_type, &alone.enquiry_type, "{:?}", greeted);
        }
    }

    #[test]
    fn swedish_typed_without_its_letters_routes_alike(words in swedish_text()) {
        // `jag` makes it Swedish however many English words it has; the
        // generator's Swedish terms all have stems long enough to be read
        // plain.
        let text = format!("jag {words}");
        let plain = common::plain::typed_plain(&text);
        let router = klippan();
        let written = router.route_at(&Enquiry::text(&text), now());
        let typed = router.route_at(&Enquiry::text(&plain), now());
        prop_assert_eq!(&written.enquiry_type, &typed.enquiry_type, "{:?}", plain);
        prop_assert_eq!(&written.department, &typed.department);
    }

    #[test]
    fn routing_is_deterministic(e in enquiry()) {
        let router = klippan();
        prop_assert_eq!(router.route_at(&e, now()), router.route_at(&e, now()));
    }

    #[test]
    fn an_enquiry_with_received_at_ignores_the_clock(e in enquiry(), received in received_at()) {
        let e = Enquiry { received_at: received.or(Some(now())), ..e };
        let router = klippan();
        prop_assert_eq!(router.route(&e), router.route_at(&e, Timestamp::MIN));
    }

    #[test]
    fn due_dates_are_never_before_receipt_and_never_decrease(e in enquiry()) {
        let d = klippan().route_at(&e, now());
        let received = d.received_at.ok_or_else(|| TestCaseError::fail("received_at missing"))?;
        // The text a decision carries reads back as the same time.
        prop_assert_eq!(received.to_string().parse::<LocalTime>().ok(), Some(received));
        let received = received.timestamp();
        let mut previous = received;
        for due in d.path.iter().filter_map(|s| s.due) {
            prop_assert_eq!(due.to_string().parse::<LocalTime>().ok(), Some(due));
            let due = due.timestamp();
            prop_assert!(due >= received, "{} is before receipt {}", due, received);
            prop_assert!(due >= previous, "{} is before the previous step's {}", due, previous);
            previous = due;
        }
        let year = received.to_zoned(router_zone()).year();
        if e.channel.is_some() && (1954..=2199).contains(&year) {
            prop_assert!(d.path[0].due.is_some(), "no due with a channel in {}: {:?}", year, d);
        }
        if !(1953..=2200).contains(&year) && e.channel.is_some() {
            prop_assert!(d.path[0].due.is_none());
            prop_assert!(d.explanation.trace.notes.iter().any(|n| n.contains("kunde inte räknas ut")));
        }
    }

    #[test]
    fn level_5_6_paths_end_in_the_owning_department(e in enquiry()) {
        let router = klippan();
        let d = router.route_at(&e, now());
        if d.rosa_level.is_some_and(|l| l >= 5) {
            let own: Vec<&str> = own_units(router, &d.department);
            prop_assert!(d.path.iter().all(|s| own.contains(&&*s.unit)), "{:?}", d.path);
        }
    }

    #[test]
    fn decisions_survive_a_json_round_trip(e in enquiry()) {
        let d = klippan().route_at(&e, now());
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
        let d = klippan().route_at(&e, now());
        let explanation = serde_json::to_string(&d.explanation).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let digits: String = pnr.chars().filter(char::is_ascii_digit).collect();
        prop_assert!(!explanation.contains(&pnr) && !explanation.contains(&digits), "{}", explanation);
    }

    #[test]
    fn reports_never_repeat_a_personal_identity_number(
        before in swedish_text(),
        after in swedish_text(),
        century in prop::sample::select(vec!["", "19", "20"]),
        date in "[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|6[1-9])",
        sep in prop::sample::select(vec!["-", "+", "", " ", "\u{A0}", "\u{2013}", "\u{2212}"]),
        tail in "[0-9]{4}",
        invisible in prop::sample::select(vec!["", "\u{AD}", "\u{200B}", "\u{2060}", "\u{FEFF}"]),
        at in 0usize..12,
    ) {
        // A number as typed or pasted, an invisible character somewhere in it
        // (not before its first digit: outside the number, it stays).
        let mut pnr = format!("{century}{date}{sep}{tail}");
        let inside = 1 + at % (pnr.chars().count() - 1);
        let cut = pnr.char_indices().map(|(i, _)| i).nth(inside).unwrap_or(0);
        pnr.insert_str(cut, invisible);
        let text = format!("{before} {pnr} {after}");
        let redacted = redact(&text);
        // The generated text holds numbers of its own (`19121212-1212`).
        let expected = format!("{} {REDACTED} {}", redact(&before), redact(&after));
        prop_assert_eq!(&redacted, &expected);
        prop_assert_eq!(redact(&redacted), redacted.clone());
    }

    #[test]
    fn json_entry_point_agrees_with_route(e in enquiry()) {
        let router = klippan();
        let json = serde_json::to_string(&e).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out = router.route_json_at(&json, now()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let d: Decision = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(d, router.route_at(&e, now()));
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
