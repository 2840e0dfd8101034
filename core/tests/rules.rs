//! Runs every `[[test]]` case of every rule set under `rules/` as its own
//! named test, `klippan/departments/teknik.toml/snow-clearing-question`,
//! plus a check of each rule set. A failure shows expected against got.
//!
//! `cargo test -p kommunlots --test rules -- teknik` runs one department's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kommunlots::{DiagnosticKind, Router, RuleSet, Severity};
use libtest_mimic::{Arguments, Failed, Trial};

fn rule_sets() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("municipality.toml").is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for dir in rule_sets() {
        let set_name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let router = match Router::from_dir(&dir) {
            Ok(router) => Arc::new(router),
            Err(e) => {
                let message = e.to_string();
                trials.push(Trial::test(format!("{set_name}/load"), move || {
                    Err(message.into())
                }));
                continue;
            }
        };
        let check_dir = dir.clone();
        trials.push(Trial::test(format!("{set_name}/check"), move || {
            check(&check_dir)
        }));
        for (index, case) in router.tests().iter().enumerate() {
            let router = Arc::clone(&router);
            let name = format!("{set_name}/{}", case.full_name());
            trials.push(Trial::test(name, move || {
                let case = &router.tests()[index];
                let (decision, mismatches) = case.run(&router);
                if mismatches.is_empty() {
                    return Ok(());
                }
                let mut report = format!("{}:{}: {}\n", case.file, case.line, case.name);
                for m in &mismatches {
                    report.push_str(&format!("  {m}\n"));
                }
                if let Some(why) = case.why_not(&router, &decision) {
                    report.push_str(&format!("  why not: {why}\n"));
                }
                report.push_str(&format!("  explanation: {}", decision.explanation.text));
                Err(report.into())
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// A shipped rule set has no errors and no keyword conflicts. (Untested
/// types are reported by `kommunlots check`.)
fn check(dir: &Path) -> Result<(), Failed> {
    let set = RuleSet::from_dir(dir).map_err(|e| e.to_string())?;
    let problems: Vec<String> = set
        .check()
        .into_iter()
        .filter(|d| d.severity == Severity::Error || d.kind == DiagnosticKind::KeywordConflict)
        .map(|d| d.render(false))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n\n").into())
    }
}
