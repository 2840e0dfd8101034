//! The documented limits and the behaviour past them: routing a text longer
//! than `MAX_TEXT_BYTES` or an enquiry near `MAX_ENQUIRY_JSON_BYTES` still
//! gives a decision; a rule file over `MAX_FILE_BYTES` or more than
//! `MAX_FILES` department files is a located `limit` error, never a crash.

mod fuzz;

use jiff::Timestamp;
use kommunlots::json::{MAX_ENQUIRY_JSON_BYTES, check_enquiry_len, parse_enquiry};
use kommunlots::{
    DiagnosticKind, Enquiry, MAX_FILE_BYTES, MAX_FILES, MAX_TEXT_BYTES, MUNICIPALITY_FILE,
    MatchStatus, RuleSet,
};

fn now() -> Timestamp {
    Timestamp::constant(1_800_000_000, 0)
}

#[test]
fn a_text_past_max_text_bytes_is_routed_on_its_beginning() {
    let router = fuzz::klippan();
    let mut text = String::from("Varför har ni inte plogat Storgatan? ");
    while text.len() <= MAX_TEXT_BYTES * 3 {
        text.push_str("åäö bla ");
    }
    let d = router.route_at(&Enquiry::text(text.as_str()), now());
    fuzz::check_decision(d.clone(), Some(now()));
    assert_eq!(d.status, MatchStatus::Matched);
    assert_eq!(d.enquiry_type.as_deref(), Some("snorojning"));
    assert!(
        d.explanation
            .trace
            .notes
            .iter()
            .any(|n| n.contains("bara början")),
        "{:?}",
        d.explanation.trace.notes
    );
    // A term only past the limit is not read.
    let mut late = "x ".repeat(MAX_TEXT_BYTES / 2 + 1);
    late.push_str("Varför har ni inte plogat Storgatan?");
    let d = router.route_at(&Enquiry::text(late), now());
    assert_eq!(d.status, MatchStatus::Unmatched);
    assert!(d.first_line);
}

#[test]
fn a_text_cut_inside_a_character_is_routed() {
    // 'ö' is two bytes: put one across the limit.
    let text = format!("{}ö{}", "a".repeat(MAX_TEXT_BYTES - 1), "ö".repeat(100));
    let d = fuzz::klippan().route_at(&Enquiry::text(text), now());
    fuzz::check_decision(d, Some(now()));
}

#[test]
fn enquiry_json_past_the_limit_is_an_error_and_below_it_a_decision() {
    let text = "a".repeat(MAX_ENQUIRY_JSON_BYTES);
    let json = format!(r#"{{"text": "{text}"}}"#);
    let e = parse_enquiry(&json).err();
    assert!(e.as_ref().is_some_and(|e| e.message.contains("limit")));
    // The bindings that parse the JSON themselves check its length so.
    let checked = check_enquiry_len(json.len()).err();
    assert_eq!(checked.map(|c| c.message), e.map(|e| e.message));
    assert!(check_enquiry_len(MAX_ENQUIRY_JSON_BYTES).is_ok());
    let json = format!(r#"{{"text": "{}"}}"#, &text[..MAX_ENQUIRY_JSON_BYTES - 20]);
    assert!(json.len() <= MAX_ENQUIRY_JSON_BYTES);
    let decision = fuzz::klippan().route_json_at(&json, now());
    assert!(decision.is_ok_and(|d| d.contains("\"status\":\"unmatched\"")));
}

#[test]
fn a_rule_file_past_max_file_bytes_is_a_located_limit_error() {
    let mut big = String::from("[department]\nid = \"big\"\nname = \"Stor\"\n");
    while big.len() <= MAX_FILE_BYTES {
        big.push_str("# utfyllnad utfyllnad utfyllnad utfyllnad utfyllnad\n");
    }
    let files = [
        (MUNICIPALITY_FILE, fuzz::KLIPPAN[0].1),
        ("departments/big.toml", big.as_str()),
    ];
    let Err(e) = RuleSet::from_sources(files) else {
        panic!("a file over MAX_FILE_BYTES loaded");
    };
    let d = e.errors().next();
    assert!(d.is_some_and(|d| d.kind == DiagnosticKind::Limit
        && d.location.file == "departments/big.toml"
        && (d.location.line, d.location.column) == (1, 1)));
    fuzz::check_load_error(&e, &files);
}

#[test]
fn more_than_max_files_departments_is_a_located_limit_error() {
    let names: Vec<String> = (0..=MAX_FILES)
        .map(|i| format!("departments/d{i}.toml"))
        .collect();
    let mut files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    files.push((MUNICIPALITY_FILE, fuzz::KLIPPAN[0].1));
    let Err(e) = RuleSet::from_sources(files.iter().copied()) else {
        panic!("more than MAX_FILES department files loaded");
    };
    let d = e.errors().next();
    assert!(d.is_some_and(|d| d.kind == DiagnosticKind::Limit
        && d.location.file == "departments"
        && d.location.line >= 1
        && d.location.column >= 1));
    fuzz::check_load_error(&e, &files);
}

#[test]
fn max_files_departments_is_not_a_limit_error() {
    let names: Vec<String> = (0..MAX_FILES)
        .map(|i| format!("departments/d{i}.toml"))
        .collect();
    let mut files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    files.push((MUNICIPALITY_FILE, fuzz::KLIPPAN[0].1));
    let e = RuleSet::from_sources(files.iter().copied()).err();
    // The empty files are errors of their own, but not the limit.
    assert!(e.is_some_and(|e| e.errors().all(|d| d.kind != DiagnosticKind::Limit)));
}
