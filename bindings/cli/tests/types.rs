//! `kommunlots types`: the catalogue of enquiry types.
#![expect(
    clippy::expect_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

mod common;

use common::{code, klippan, run, stderr, stdout};
use serde_json::Value;

#[test]
fn types_lists_a_department_with_where_each_type_goes() {
    let klippan = klippan();
    let o = run(
        &["types", klippan.to_str().unwrap(), "--department", "social"],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("Socialförvaltningen (social)"));
    let appeal = out
        .lines()
        .find(|l| l.trim_start().starts_with("forsorjningsstod-bedomning "))
        .unwrap_or_else(|| panic!("no forsorjningsstod-bedomning in\n{out}"));
    for part in ["level 6", "department", "confidential", "SOC-EB-01"] {
        assert!(appeal.contains(part), "{part} missing from {appeal:?}");
    }
    assert!(
        appeal.ends_with("Försörjningsstöd: prövning och beslut"),
        "{appeal:?}"
    );
    let info = out
        .lines()
        .find(|l| l.trim_start().starts_with("social-information "))
        .unwrap_or_else(|| panic!("no social-information in\n{out}"));
    assert!(info.contains("level 1  first line"), "{info:?}");
    // Only social's types, and a summary that adds up.
    assert!(!out.contains("snorojning"), "{out}");
    let summary = out.lines().last().unwrap_or_default();
    let rows = out.lines().filter(|l| l.starts_with("  ")).count();
    let first_line = out.lines().filter(|l| l.contains("  first line  ")).count();
    assert_eq!(
        summary,
        format!(
            "{rows} enquiry types, {first_line} at the first line, {} with the departments",
            rows - first_line
        )
    );
}

#[test]
fn types_json_is_the_bindings_catalogue() {
    let klippan = klippan();
    let o = run(
        &["types", klippan.to_str().unwrap(), "--format", "json"],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let types: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let types = types.as_array().unwrap();
    let text = run(&["types", klippan.to_str().unwrap()], "");
    let summary = stdout(&text).lines().last().unwrap_or_default().to_owned();
    assert!(
        summary.starts_with(&format!("{} enquiry types, ", types.len())),
        "{summary}"
    );
    let permit = types
        .iter()
        .find(|t| t["id"] == "parkeringstillstand")
        .unwrap_or_else(|| panic!("no parkeringstillstand"));
    assert_eq!(permit["department"], "teknik");
    assert_eq!(permit["form_codes"], serde_json::json!(["TF-PTRH"]));
    assert_eq!(permit["external"]["platina_case_type"], "TF-PTRH");
    // The same values a decision of that type carries.
    let d = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "json",
            "--form",
            "TF-PTRH",
            "",
        ],
        "",
    );
    let d: Value = serde_json::from_str(&stdout(&d)).unwrap_or(Value::Null);
    assert_eq!(d["enquiry_type"], permit["id"]);
    assert_eq!(d["rosa_level"], permit["rosa_level"]);
    assert_eq!(d["first_line"], permit["first_line"]);
    assert_eq!(d["external"], permit["external"]);
}

#[test]
fn types_with_terms_show_how_each_term_is_searched_for() {
    let klippan = klippan();
    let dir = klippan.to_str().unwrap();
    let o = run(&["types", dir, "--department", "narab", "--terms"], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    // Swedish Snowball undoubles `slambrunn`; a one-word Swedish term is
    // also found inside words.
    let line = out.lines().find(|l| l.contains(" slambrunn "));
    let line = line.expect("slambrunn is listed");
    assert!(
        line.starts_with("      sv keyword    1  slambrunn"),
        "{line}"
    );
    assert!(line.ends_with("  …slambrun…"), "{line}");
    let line = out.lines().find(|l| l.contains(" septic tank "));
    let line = line.expect("septic tank is listed");
    assert!(
        line.starts_with("      en phrase     2  septic tank"),
        "{line}"
    );
    assert!(line.ends_with("  septic… tank…"), "{line}");
    // A term with å, ä or ö: also how a text typed without them finds it.
    let line = out.lines().find(|l| l.contains(" slamtömning "));
    let line = line.expect("slamtömning is listed");
    assert!(
        line.ends_with("  …slamtömning…  (without å, ä, ö: …slamtomning…)"),
        "{line}"
    );

    let o = run(
        &[
            "types",
            dir,
            "--department",
            "narab",
            "--terms",
            "--format",
            "json",
        ],
        "",
    );
    let types: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let slam = types
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == "slamtomning"))
        .expect("slamtomning is listed");
    assert_eq!(slam["department"], "narab");
    let term = slam["terms"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["term"] == "slambrunn"))
        .expect("slambrunn is a term");
    assert_eq!(term["language"], "swedish");
    assert_eq!(term["pattern"]["stems"][0], "slambrun");
    assert_eq!(term["pattern"]["inside_words"], true);
    assert_eq!(term["pattern"]["written_rest"], "n");
    assert_eq!(term["plain"], Value::Null);
    let term = slam["terms"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["term"] == "slamtömning"))
        .expect("slamtömning is a term");
    assert_eq!(term["plain"]["stems"][0], "slamtomning");
}

#[test]
fn a_terms_gap_is_shown_in_text_and_json() {
    let klippan = klippan();
    let dir = klippan.to_str().unwrap();
    let o = run(
        &["types", dir, "--department", "miljoforbund", "--terms"],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains(" open a café "));
    let line = line.expect("open a café is listed");
    assert!(
        line.ends_with("open… a café…  (another word may stand between)"),
        "{line}"
    );
    let line = out.lines().find(|l| l.contains(" food control "));
    assert!(
        line.is_some_and(|l| !l.contains("may stand between")),
        "{line:?}"
    );

    let o = run(
        &[
            "types",
            dir,
            "--department",
            "miljoforbund",
            "--terms",
            "--format",
            "json",
        ],
        "",
    );
    let types: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let terms = types
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == "livsmedelskontroll"))
        .and_then(|t| t["terms"].as_array())
        .expect("livsmedelskontroll has terms");
    let gap = |term: &str| {
        terms
            .iter()
            .find(|t| t["term"] == term)
            .map(|t| t["gap"].clone())
    };
    assert_eq!(gap("open a café"), Some(Value::from(1)));
    assert_eq!(gap("food control"), Some(Value::from(0)));
}

#[test]
fn an_unknown_department_is_a_usage_error_listing_the_known_ones() {
    let klippan = klippan();
    let o = run(
        &["types", klippan.to_str().unwrap(), "--department", "tekink"],
        "",
    );
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("no department `tekink`"), "{err}");
    assert!(err.contains("teknik"), "{err}");
}
