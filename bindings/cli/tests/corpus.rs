//! `kommunlots test DIR --corpus FILE`: a corpus of labelled enquiries.
#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

mod common;

use common::{code, klippan, run, stderr, stdout};
use serde_json::Value;

/// A corpus file in the temporary folder, removed when dropped.
struct TempCorpus(tempfile::NamedTempFile);

impl TempCorpus {
    fn new(test: &str, lines: &[&str]) -> TempCorpus {
        let file = tempfile::Builder::new()
            .prefix(&format!("kommunlots-corpus-{test}-"))
            .suffix(".jsonl")
            .tempfile()
            .unwrap();
        std::fs::write(file.path(), lines.join("\n")).unwrap();
        TempCorpus(file)
    }

    fn path(&self) -> &str {
        self.0.path().to_str().unwrap()
    }
}

/// Runs `kommunlots test` on Klippan with no test case (a filter that
/// matches none) and the corpus, plus `extra` arguments.
fn test_corpus(corpus: &TempCorpus, extra: &[&str]) -> std::process::Output {
    let klippan = klippan();
    let args = [
        "test",
        klippan.to_str().unwrap(),
        "no-such-case",
        "--corpus",
        corpus.path(),
    ];
    run(&[&args[..], extra].concat(), "")
}

const SNOW: &str = r#"{"text": "Varför har ni inte plogat Storgatan?", "channel": "email", "department": "teknik", "type": "snorojning"}"#;
const PASSPORT: &str = r#"{"text": "Hur förnyar jag mitt pass?", "department": "kundtjanst"}"#;

#[test]
fn a_corpus_that_routes_right_passes_with_its_counts() {
    let corpus = TempCorpus::new("right", &[SNOW, "", PASSPORT]);
    let klippan = klippan();
    let args = ["test", klippan.to_str().unwrap(), "snow-clearing-question"];
    let o = run(&[&args[..], &["--corpus", corpus.path()]].concat(), "");
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("1 passed, 0 failed"), "{out}");
    assert!(
        out.contains(": 2 reached their department, 0 wrong, 0 known misses, 0 known misses fixed, 0 unreadable lines"),
        "{out}"
    );
}

#[test]
fn a_wrong_enquiry_and_a_fixed_known_miss_fail_with_why() {
    let wrong = r#"{"text": "När kommer snöröjningen?", "channel": "email", "department": "kansli", "type": "val"}"#;
    let fixed = r#"{"text": "Hur förnyar jag mitt pass?", "department": "kundtjanst", "known_miss": "passports are the police's"}"#;
    let missing = r#"{"text": "Hur förnyar jag mitt pass?", "department": "kansli", "known_miss": "no type for passports"}"#;
    let corpus = TempCorpus::new("wrong", &[wrong, fixed, missing]);
    let o = test_corpus(&corpus, &[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("---- {}:1 ----", corpus.path())),
        "{out}"
    );
    assert!(out.contains("  expected: kansli (val)\n  got:      teknik (snorojning)\n  why not:  no term of `val` is in the text"), "{out}");
    assert!(
        out.contains(&format!("---- {}:2 ----", corpus.path())),
        "{out}"
    );
    assert!(
        out.contains("now reaches kundtjanst (unmatched): remove `known_miss` (\"passports are the police's\")"),
        "{out}"
    );
    // Line 3 misses, as its mark says: not a failure.
    assert!(!out.contains(&format!("{}:3", corpus.path())), "{out}");
    assert!(
        out.contains(": 0 reached their department, 1 wrong, 1 known misses, 1 known misses fixed"),
        "{out}"
    );

    let o = test_corpus(&corpus, &["--format", "json"]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["corpus"];
    assert_eq!(
        (c["right"].as_u64(), c["wrong"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        (c["known_misses"].as_u64(), c["fixed_known_misses"].as_u64()),
        (Some(1), Some(1))
    );
    let first = &c["failures"][0];
    assert_eq!(
        (first["line"].as_u64(), first["verdict"].as_str()),
        (Some(1), Some("wrong"))
    );
    assert_eq!(first["decision"]["enquiry_type"], "snorojning");
    assert_eq!(first["why_not"]["reason"], "no-term");
    assert_eq!(c["failures"][1]["verdict"], "fixed-known-miss");
}

#[test]
fn a_level_or_first_line_the_line_names_is_checked_and_shown() {
    // Snow clearing is level 1, handled by the first line.
    let right = r#"{"text": "Varför har ni inte plogat Storgatan?", "department": "teknik", "level": 1, "first_line": true}"#;
    let wrong = r#"{"text": "Varför har ni inte plogat Storgatan?", "department": "teknik", "level": 5, "first_line": false}"#;
    let outside = r#"{"text": "Snö?", "department": "teknik", "level": 9}"#;
    let corpus = TempCorpus::new("levels", &[right, wrong, outside]);
    let o = test_corpus(&corpus, &[]);
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains(&format!("{}:1 ", corpus.path())), "{out}");
    assert!(
        out.contains(
            "  expected: teknik, level 5, handled by the department\n  got:      teknik (snorojning), level 1, handled by the first line"
        ),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "error: {}:3: level 9 is outside the ROSA levels 1–6",
            corpus.path()
        )),
        "{out}"
    );
    assert!(
        out.contains(": 1 reached their department, 1 wrong, 0 known misses, 0 known misses fixed, 1 unreadable lines"),
        "{out}"
    );
}

#[test]
fn an_unreadable_line_is_named_and_the_rest_still_checked() {
    let typo = r#"{"text": "x", "departement": "teknik"}"#;
    let tekink = r#"{"text": "Snö?", "department": "tekink"}"#;
    let corpus = TempCorpus::new("unreadable", &[typo, SNOW, tekink]);
    let o = test_corpus(&corpus, &[]);
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    let out = stdout(&o);
    let path = corpus.path();
    for error in [
        format!("error: {path}:1: column 27: unknown field `departement`"),
        format!("error: {path}:3: unknown department `tekink`; did you mean `teknik`?"),
    ] {
        assert!(out.contains(&error), "{error}\n{out}");
    }
    assert!(
        out.contains(": 1 reached their department, 0 wrong, 0 known misses, 0 known misses fixed, 2 unreadable lines"),
        "{out}"
    );
}

#[test]
fn a_missing_corpus_file_is_no_input() {
    let klippan = klippan();
    let o = run(
        &[
            "test",
            klippan.to_str().unwrap(),
            "--corpus",
            "no/such/corpus.jsonl",
        ],
        "",
    );
    assert_eq!(code(&o), 66, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the corpus file `no/such/corpus.jsonl` does not exist"),
        "{}",
        stderr(&o)
    );
}
