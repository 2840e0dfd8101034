//! Runs the real `kommunlots` binary on the reference rule set and on small
//! rule sets written to temporary folders.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::{code, klippan, run, stderr, stdout};
use serde_json::Value;

/// A rule set written to a fresh temporary folder, removed on drop.
struct TempRules(PathBuf);

const MUNICIPALITY: &str = r#"
[municipality]
name = "Provkommun"

[first_line]
id = "kontaktcenter"
name = "Kontaktcenter"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"#;

/// The head of `departments/x.toml`: a department, a unit and one level 6
/// type recognised by the keyword `bygglov`. Line 15 is the `keywords` line.
const DEPARTMENT_HEAD: &str = r#"# Test department for the CLI tests.
[department]
id = "x"
name = "X-förvaltningen"

[[unit]]
id = "x-bygg"
name = "Byggenheten"

[[type]]
id = "bygglov"
name = "Bygglov"
level = 6
unit = "x-bygg"
keywords = ["bygglov"]
"#;

impl TempRules {
    /// Writes `municipality.toml` and `departments/x.toml` (with `x_toml`
    /// as its text) to a folder unique to `test`.
    fn new(test: &str, x_toml: &str) -> TempRules {
        let dir =
            std::env::temp_dir().join(format!("kommunlots-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("departments")).unwrap();
        std::fs::write(dir.join("municipality.toml"), MUNICIPALITY).unwrap();
        std::fs::write(dir.join("departments/x.toml"), x_toml).unwrap();
        TempRules(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempRules {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SNOW: &str = "Varför har ni inte plogat Storgatan?";

#[test]
fn route_text_says_who_handles_it() {
    let klippan = klippan();
    let o = run(&["route", "--rules", klippan.to_str().unwrap(), SNOW], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Snöröjning och halkbekämpning (snorojning)\n"),
        "{out}"
    );
    assert!(
        out.contains("department    Tekniska förvaltningen (teknik)"),
        "{out}"
    );
    assert!(
        out.contains("unit          Gata och park (teknik-gata)"),
        "{out}"
    );
    assert!(out.contains("ROSA level    1 (information)"), "{out}");
    assert!(out.contains("first line    yes"), "{out}");
    assert!(out.contains("confidential  no"), "{out}");
    assert!(
        out.contains("route         Kundtjänsten [first line] → Gata och park [owner, due "),
        "{out}"
    );
    assert!(out.contains("“ploga” (keyword, 1)"), "{out}");
    assert!(out.contains("Det är ROSA-nivå 1"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_text_that_is_not_utf8_is_routed_not_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let klippan = klippan();
    let args = [
        OsStr::new("route"),
        OsStr::new("--rules"),
        klippan.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        // "bygglov för garaget" with "ö" in Latin-1, as from an old file.
        OsStr::from_bytes(b"bygglov f\xf6r garaget"),
    ];
    let o = run(&args, "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["enquiry_type"], "bygglov-information");
}

#[test]
fn an_ambiguous_enquiry_shows_what_pointed_to_each_candidate() {
    let klippan = klippan();
    let text = "Det luktar illa från avloppet i vår källare";
    let o = run(&["route", "--rules", klippan.to_str().unwrap(), text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(ambiguous)"), "{out}");
    assert!(
        out.contains(
            "candidates    halsoskydd (miljoforbund, score 1: lukt), va-anmalan (teknik, score 1: avlopp)"
        ),
        "{out}"
    );
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "json",
            text,
        ],
        "",
    );
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["candidates"][0]["terms"][0]["term"], "lukt");
    assert_eq!(d["candidates"][1]["terms"][0]["term"], "avlopp");
    assert_eq!(d["candidates"][1]["terms"][0]["kind"], "keyword");
}

#[test]
fn an_unmatched_enquiry_shows_a_candidate_found_by_a_near_spelling() {
    let klippan = klippan();
    let rules = klippan.to_str().unwrap();
    let text = "När kommer snöröjnigen?";
    let o = run(&["route", "--rules", rules, "--channel", "email", text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(unmatched)"), "{out}");
    assert!(
        out.contains("candidates    snorojning (teknik, score 1: snöröjning (near spelling))"),
        "{out}"
    );
    let args = ["route", "--rules", rules, "--format", "json", text];
    let d: Value = serde_json::from_str(&stdout(&run(&args, ""))).unwrap();
    assert_eq!(d["matched"], false);
    assert_eq!(d["candidates"][0]["terms"][0]["term"], "snöröjning");
    assert_eq!(d["candidates"][0]["terms"][0]["near_spelling"], true);
}

#[test]
fn a_match_by_a_near_spelling_says_so() {
    let klippan = klippan();
    let rules = klippan.to_str().unwrap();
    let text = "Är det eldningförbud i Klippan just nu?";
    let o = run(&["route", "--rules", rules, "--channel", "email", text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("matched terms “eldningsförbud” (keyword, 3, near spelling)"),
        "{out}"
    );
    let args = ["route", "--rules", rules, "--format", "json", text];
    let d: Value = serde_json::from_str(&stdout(&run(&args, ""))).unwrap();
    assert_eq!(d["enquiry_type"], "eldningsforbud");
    let term = &d["explanation"]["trace"]["terms"][0];
    assert_eq!(
        (&term["term"], &term["near_spelling"]),
        (&"eldningsförbud".into(), &true.into())
    );
}

#[test]
fn route_json_is_the_decision_on_one_line() {
    let klippan = klippan();
    let args = ["route", "--rules", klippan.to_str().unwrap()];
    let o = run(
        &[&args[..], &["--format", "json", "--channel", "phone", SNOW]].concat(),
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["department"], "teknik");
    assert_eq!(d["rosa_level"], 1);
    assert_eq!(d["first_line"], true);
    assert_eq!(d["channel"], "phone");
    assert_eq!(d["handler"], "vaxel");

    let o = run(
        &[&args[..], &["--format", "json", "--pretty", SNOW]].concat(),
        "",
    );
    let out = stdout(&o);
    assert!(out.lines().count() > 10, "{out}");
    assert!(out.contains("  \"department\": \"teknik\","), "{out}");
}

#[test]
fn confidential_decisions_name_the_law() {
    let klippan = klippan();
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "Jag behöver söka försörjningsstöd, hur prövas min ansökan?",
        ],
        "",
    );
    let out = stdout(&o);
    let d = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "json",
            "Jag behöver söka försörjningsstöd, hur prövas min ansökan?",
        ],
        "",
    );
    let d: Value = serde_json::from_str(&stdout(&d)).unwrap();
    // Whatever the rules say today, the text shows what the JSON says.
    match (&d["confidential"], &d["legal_reference"]) {
        (Value::Bool(true), Value::String(law)) => {
            assert!(out.contains(&format!("confidential  yes ({law})")), "{out}")
        }
        (Value::Bool(false), _) => assert!(out.contains("confidential  no"), "{out}"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn json_lines_report_a_bad_line_in_place() {
    let klippan = klippan();
    let input = concat!(
        r#"{"id": "E-1", "text": "Varför har ni inte plogat Storgatan?", "channel": "phone"}"#,
        "\n",
        r#"{"id": "E-2", "txt": "felstavat fält"}"#,
        "\n\n",
        r#"{"id": 3, "text": "vattenläcka i källaren"}"#,
        "\n",
    );
    let o = run(&["route", "--rules", klippan.to_str().unwrap()], input);
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0]["id"], "E-1");
    assert_eq!(lines[0]["department"], "teknik");
    assert_eq!(lines[0]["handler"], "vaxel");
    assert_eq!(lines[1]["id"], "E-2");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["column"], 19);
    let error = lines[1]["error"].as_str().unwrap();
    assert!(
        error.starts_with("at column 19: unknown field `txt`, expected one of `id`"),
        "{error}"
    );
    assert!(lines[1].get("department").is_none(), "{out}");
    assert_eq!(lines[2]["id"], 3);
    assert_eq!(lines[2]["enquiry_type"], "vattenlacka");
    assert!(
        stderr(&o).contains("1 input line could not be read (first at line 2)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_that_are_not_json_have_no_id() {
    let klippan = klippan();
    let o = run(
        &["route", "--rules", klippan.to_str().unwrap()],
        b"not json\n{\"text\": \"sn\xf6r\xf6jning\"}\n{\"text\": \"sn\xc3\xb6r\xc3\xb6jning\"}\r\n",
    );
    assert_eq!(code(&o), 65);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        r#"{"id":null,"error":"at column 2: expected ident","line":1,"column":2}"#
    );
    // Latin-1 instead of UTF-8: the first bad byte is the 13th.
    assert_eq!(
        lines[1],
        r#"{"id":null,"error":"invalid UTF-8 at column 13","line":2,"column":13}"#
    );
    let third: Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(third["enquiry_type"], "snorojning");
    assert!(
        stderr(&o).contains("2 input lines could not be read (first at line 1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_as_text_give_one_summary_per_enquiry() {
    let klippan = klippan();
    let input = concat!(
        "{\"id\": \"E-1\", \"text\": \"snöröjning\"}\n",
        "{\"text\": \"hej\"}\n",
        "{\"id\": \"E-3\", \"channel\": \"fax\"}\n",
    );
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "text",
            "--channel",
            "phone",
        ],
        input,
    );
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "E-1: matched snorojning → teknik/teknik-gata, ROSA 1, handler vaxel (first line)\n\
         line 2: unmatched → kundtjanst/kundtjanst, handler kundtjanst (first line)\n\
         E-3 (line 3): error: at column 30: unknown variant `fax`, expected one of `phone`, \
         `email`, `e-service`, `eservice`, `letter`, `visit`, `social-media`\n"
    );
}

#[test]
fn a_closed_pipe_ends_the_stream_quietly() {
    let klippan = klippan();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kommunlots"))
        .args(["route", "--rules", klippan.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = "{\"text\": \"Varför har ni inte plogat Storgatan?\"}\n";
        for _ in 0..5000 {
            if input.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.contains("\"enquiry_type\":\"snorojning\""), "{first}");
    drop(reader);
    writer.join().unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

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

#[test]
fn a_missing_folder_is_no_input() {
    let missing = std::env::temp_dir().join("kommunlots-cli-no-such-folder");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["check", missing],
        vec!["test", missing],
        vec!["route", "--rules", missing, "snö"],
    ] {
        let o = run(&args, "");
        assert_eq!(code(&o), 66, "{args:?}");
        assert_eq!(
            stderr(&o),
            format!("error: the rule set folder `{missing}` does not exist\n")
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let o = run(&["route", "--rules", "x", "--channel", "fax", "hej"], "");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("invalid value 'fax' for '--channel <CHANNEL>'"),
        "{}",
        stderr(&o)
    );
    let o = run(&["route", "hej"], "");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--rules <DIR>"), "{}", stderr(&o));
    let o = run(&["check", "--rules-dir", "x"], "");
    assert_eq!(code(&o), 2);
    let o = run(&["frobnicate"], "");
    assert_eq!(code(&o), 2);
}

#[test]
fn version_and_help() {
    let o = run(&["--version"], "");
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        format!("kommunlots {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = run(&["--help"], "");
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("Examples:"), "{out}");
    assert!(
        out.contains("66  the rule set folder does not exist"),
        "{out}"
    );
    for sub in ["route", "check", "test"] {
        assert!(out.contains(&format!("  {sub} ")), "{out}");
    }
}
