//! Runs the real `kommunlots` binary on the reference rule set and on small
//! rule sets written to temporary folders.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

#[path = "../common/mod.rs"]
mod common;
mod route;
mod rules;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::{code, klippan, run, stderr, stdout};
use serde_json::Value;

/// A rule set written to a fresh temporary folder, removed on drop.
struct TempRules(tempfile::TempDir);

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
    /// as its text) to a fresh folder named after `test`.
    fn new(test: &str, x_toml: &str) -> TempRules {
        let dir = tempfile::Builder::new()
            .prefix(&format!("kommunlots-cli-{test}-"))
            .tempdir()
            .unwrap();
        std::fs::create_dir(dir.path().join("departments")).unwrap();
        std::fs::write(dir.path().join("municipality.toml"), MUNICIPALITY).unwrap();
        std::fs::write(dir.path().join("departments/x.toml"), x_toml).unwrap();
        TempRules(dir)
    }

    fn path(&self) -> &str {
        self.0.path().to_str().unwrap()
    }
}

const SNOW: &str = "Varför har ni inte plogat Storgatan?";

#[test]
fn a_missing_folder_is_no_input() {
    let parent = tempfile::tempdir().unwrap();
    let missing = parent.path().join("no-such-folder");
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
