//! `kommunlots stats` on the core's hand-checked log
//! (`core/tests/data/stats/`), in all three formats.
#![expect(
    clippy::unwrap_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../core/tests/data/stats")
}

fn stats(extra: &[&str], stdin: &[u8]) -> Output {
    let rules = data().join("rules");
    let log = data().join("log.jsonl");
    let mut args = vec![
        "stats".to_owned(),
        "--rules".to_owned(),
        rules.display().to_string(),
        "--as-of".to_owned(),
        "2027-04-01T12:00:00+02:00".to_owned(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    if !extra.contains(&"-") {
        args.push(log.display().to_string());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kommunlots"))
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn text_tables_and_a_warning_with_the_first_malformed_line() {
    let o = stats(&[], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Lines: 20 read, 17 counted, 3 malformed"),
        "{out}"
    );
    assert!(
        out.contains("resolved at the first line: 14 (82.4 %) of 17; goal 80.0 %: yes"),
        "{out}"
    );
    assert!(out.contains("  line 11: EOF while parsing"), "{out}");
    assert!(
        out.contains("  line 21: unknown field `answerd_at`"),
        "{out}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: 3 malformed lines skipped (first at line 11"),
        "{err}"
    );
    // No progress bar when stderr is not a terminal: the warning is all.
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn json_from_stdin_with_days_limited() {
    let log = std::fs::read(data().join("log.jsonl")).unwrap();
    let o = stats(
        &[
            "--format",
            "json",
            "--from",
            "2027-03-29",
            "--to",
            "2027-04-01",
            "--by",
            "day",
            "-",
        ],
        &log,
    );
    assert_eq!(o.status.code(), Some(0));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // E-08 (29 Mar), E-15 (30 Mar), E-09 (31 Mar), E-13 (1 Apr).
    assert_eq!(r["total"], 4);
    let days: Vec<(&str, u64)> = r["by_period"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["key"].as_str().unwrap(), v["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        days,
        [
            ("2027-03-29", 1),
            ("2027-03-30", 1),
            ("2027-03-31", 1),
            ("2027-04-01", 1)
        ]
    );
    assert_eq!(r["period"], "day");
    assert_eq!(r["lines"]["malformed"], 3);
    assert_eq!(r["malformed"][1]["line"], 18);
}

#[test]
fn html_is_self_contained_swedish_and_has_charts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport.html");
    let o = stats(&["--format", "html", "-o", file.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.matches("<svg").count() >= 4, "charts");
    for heading in [
        "<h1>Ärendestatistik – Testby kommun</h1>",
        "<h2>Sammanfattning mot målen</h2>",
        "<h2>ROSA-fördelning</h2>",
        "<h2>Lösta i första linjen</h2>",
        "<h2>Servicemål per kanal</h2>",
        "<h2>Försenade öppna ärenden</h2>",
        "<h2>Omatchade ärenden</h2>",
        "<h2>Felaktiga rader</h2>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    // Nothing fetched at view time.
    for network in ["http://", "https://", "src=", "href=", "<script", "<link"] {
        assert!(!html.contains(network), "{network}");
    }
    // The personnummer in E-08's text and E-20's id never appear.
    assert!(!html.contains("1212"));
    assert!(html.contains("[personnummer]"));
}

#[test]
fn no_personal_identity_number_in_text_or_json() {
    for format in ["text", "json"] {
        let out = stdout(&stats(&["--format", format], b""));
        assert!(out.contains("[personnummer]"), "{format}");
        assert!(!out.contains("1212"), "{format}: {out}");
    }
}

#[test]
fn a_missing_log_is_an_io_error() {
    let rules = data().join("rules");
    let o = Command::new(env!("CARGO_BIN_EXE_kommunlots"))
        .args(["stats", "--rules", rules.to_str().unwrap(), "no-such.jsonl"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(74));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot open `no-such.jsonl`"));
}
