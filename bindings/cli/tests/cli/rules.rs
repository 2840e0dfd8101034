//! `kommunlots check` and `kommunlots test`: the reference rules, broken
//! files, failing cases and why a type was not chosen.

use super::*;

#[test]
fn check_passes_the_reference_rules() {
    let klippan = klippan();
    let o = run(&["check", klippan.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Klippans kommun: "), "{out}");
    assert!(out.contains(" 0 errors, "), "{out}");
    assert!(out.contains("; coverage: "), "{out}");
    assert!(out.trim_end().ends_with(" types have a test case"), "{out}");
}

#[test]
fn check_shows_where_a_broken_file_is_wrong() {
    let broken = DEPARTMENT_HEAD.replace("keywords = [", "keyword = [");
    let rules = TempRules::new("check-broken", &broken);
    let o = run(&["check", rules.path()], "");
    assert_eq!(code(&o), 65);
    let err = stderr(&o);
    assert!(err.contains("error: unknown field `keyword`"), "{err}");
    assert!(err.contains("--> departments/x.toml:15:1"), "{err}");
    assert!(err.contains("15 | keyword = [\"bygglov\"]"), "{err}");
    assert!(err.contains("| ^^^^^^^ did you mean `keywords`?"), "{err}");
    assert_eq!(stdout(&o), "rule set not loaded: 1 error, 0 warnings\n");

    let o = run(&["check", rules.path(), "--format", "json"], "");
    assert_eq!(code(&o), 65);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["loaded"], false);
    assert_eq!(report["errors"], 1);
    assert_eq!(report["diagnostics"][0]["kind"], "unknown-key");
    assert_eq!(report["diagnostics"][0]["location"]["line"], 15);
    assert_eq!(report["diagnostics"][0]["location"]["column"], 1);
}

#[test]
fn check_strict_fails_on_warnings_only() {
    // A type without a test case is a warning, not an error.
    let rules = TempRules::new("check-strict", DEPARTMENT_HEAD);
    let o = run(&["check", rules.path()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Provkommun: 2 files, 0 errors, 1 warning; coverage: 0/1 types have a test case\n"
    );
    assert!(
        stderr(&o).contains("warning: type `bygglov` has no test case"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("departments/x.toml:11:"),
        "{}",
        stderr(&o)
    );

    let o = run(&["check", "--strict", rules.path()], "");
    assert_eq!(code(&o), 1);
    let o = run(&["check", "--strict", "--format", "json", rules.path()], "");
    assert_eq!(code(&o), 1);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["coverage"]["tested"], 0);
    assert_eq!(report["coverage"]["total"], 1);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
}

#[test]
fn test_runs_the_reference_cases() {
    let klippan = klippan();
    let o = run(&["test", klippan.to_str().unwrap()], "");
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}");
    assert!(
        out.contains("ok     departments/teknik.toml/snow-clearing-question\n"),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    let (passed, failed) = last.split_once(" passed, ").unwrap();
    assert!(passed.parse::<usize>().unwrap() > 0, "{last}");
    assert_eq!(failed, "0 failed");
}

#[test]
fn test_filter_selects_cases() {
    let klippan = klippan();
    let o = run(
        &[
            "test",
            klippan.to_str().unwrap(),
            "teknik.toml/snow-clearing",
        ],
        "",
    );
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "ok     departments/teknik.toml/snow-clearing-question\n\n1 passed, 0 failed\n"
    );
}

#[test]
fn test_shows_the_receipt_time_and_a_missed_deadline() {
    // The department's own target: an e-mail is due in 2 working days. It
    // arrives on Easter Monday 2027, a holiday, so they count from
    // Tuesday's opening (08:00) and end on Thursday at 08:00.
    let x = format!(
        "{DEPARTMENT_HEAD}
[targets]
email = \"2 working days\"

[[test]]
name = \"permit-due\"
text = \"Hur går det med mitt bygglov?\"
channel = \"email\"
received_at = \"2027-03-29T10:00:00+02:00\"
expect = {{ type = \"bygglov\", first_due = \"2027-03-30T10:00:00+02:00\" }}
"
    );
    let rules = TempRules::new("test-due", &x);
    let o = run(&["test", rules.path()], "");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("  received_at: 2027-03-29T10:00:00+02:00\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  first_due: expected `2027-03-30T10:00:00+02:00`, got `2027-04-01T08:00:00+02:00`\n"
        ),
        "{out}"
    );
}

#[test]
fn test_shows_expected_and_got_for_a_failing_case() {
    let x = format!(
        "{DEPARTMENT_HEAD}
[[test]]
name = \"permit-passes\"
text = \"Hur går det med mitt bygglov?\"
expect = {{ type = \"bygglov\", level = 6 }}

[[test]]
name = \"permit-wrong-level\"
text = \"Hur går det med mitt bygglov?\"
channel = \"email\"
expect = {{ type = \"bygglov\", level = 5, first_line = true }}
"
    );
    let rules = TempRules::new("test-failing", &x);
    let o = run(&["test", rules.path()], "");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "ok     departments/x.toml/permit-passes\n\
         FAILED departments/x.toml/permit-wrong-level\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("---- departments/x.toml/permit-wrong-level (line 23) ----"),
        "{out}"
    );
    assert!(
        out.contains("  text:    \"Hur går det med mitt bygglov?\""),
        "{out}"
    );
    assert!(out.contains("  channel: email"), "{out}");
    assert!(out.contains("  level: expected 5, got 6\n"), "{out}");
    assert!(
        out.contains("  first_line: expected true, got false\n"),
        "{out}"
    );
    assert!(
        out.contains("  explanation: Ärendet gäller bygglov"),
        "{out}"
    );
    assert!(out.ends_with("\n1 passed, 1 failed\n"), "{out}");

    let o = run(&["test", rules.path(), "--format", "json"], "");
    assert_eq!(code(&o), 1);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["passed"], 1);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["cases"][1]["passed"], false);
    assert_eq!(report["cases"][1]["mismatches"][0]["field"], "level");
    assert_eq!(report["cases"][1]["mismatches"][0]["expected"], "5");
    assert_eq!(report["cases"][1]["decision"]["rosa_level"], 6);
}

#[test]
fn a_failing_case_says_why_its_type_was_not_chosen() {
    let x = format!(
        "{DEPARTMENT_HEAD}
[[test]]
name = \"permit-misspelt\"
text = \"Hur går det med mitt bygglv?\"
channel = \"email\"
expect = {{ type = \"bygglov\" }}
"
    );
    let rules = TempRules::new("test-why-not", &x);
    let o = run(&["test", rules.path()], "");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("  type: expected `bygglov`, got none\n"),
        "{out}"
    );
    assert!(
        out.contains("  why not: no term of `bygglov` is in the text\n"),
        "{out}"
    );
    let o = run(&["test", rules.path(), "--format", "json"], "");
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let why = &report["cases"][0]["why_not"];
    assert_eq!(why["enquiry_type"], "bygglov");
    assert_eq!(why["reason"], "no-term");
    assert_eq!(why["score"].to_string(), "0.0");
}

#[test]
fn route_says_why_not_a_type_when_asked() {
    let klippan = klippan();
    let rules = klippan.to_str().unwrap();
    let text = "När kommer snöröjnigen?";
    let o = run(
        &["route", "--rules", rules, "--why-not", "snorojning", text],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.ends_with(
            "\nwhy not: no term of `snorojning` is in the text; one letter off: `snöröjning`\n"
        ),
        "{out}"
    );
    let args = [
        "route",
        "--rules",
        rules,
        "--format",
        "json",
        "--why-not",
        "snorojning",
        text,
    ];
    let both: Value = serde_json::from_str(&stdout(&run(&args, ""))).unwrap();
    assert_eq!(both["decision"]["status"], "unmatched");
    assert_eq!(both["why_not"]["reason"], "no-term");
    assert_eq!(both["why_not"]["near_spellings"][0], "snöröjning");
    // An unknown type, or no text to route, is a usage error.
    let o = run(
        &["route", "--rules", rules, "--why-not", "snoröjning", text],
        "",
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no enquiry type `snoröjning`"),
        "{}",
        stderr(&o)
    );
    let o = run(&["route", "--rules", rules, "--why-not", "snorojning"], "");
    assert_eq!(code(&o), 2);
}

#[test]
fn test_and_route_refuse_a_broken_rule_set() {
    let broken = DEPARTMENT_HEAD.replace("level = 6", "level = \"sex\"");
    let rules = TempRules::new("test-broken", &broken);
    for args in [
        vec!["test", rules.path()],
        vec!["route", "--rules", rules.path(), "bygglov"],
    ] {
        let o = run(&args, "");
        assert_eq!(code(&o), 65, "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("--> departments/x.toml:13:9"), "{err}");
        assert!(
            err.trim_end()
                .ends_with("error: rule set not loaded: 1 error, 0 warnings"),
            "{err}"
        );
        assert_eq!(stdout(&o), "");
    }
}
