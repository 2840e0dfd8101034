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
