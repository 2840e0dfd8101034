//! The malformed rule set corpus: every case in `tests/malformed/*.toml` is a
//! rule set that must be rejected with the right kind of error at the right
//! file, line and column.
//!
//! A case file opens with a comment on what it breaks, then:
//!
//! ```toml
//! [expect]
//! kind = "unknown-key"              # a DiagnosticKind, kebab-case
//! file = "departments/teknik.toml"
//! line = 9                          # 1-based, in that file
//! column = 1                        # 1-based, in characters
//! message = "unknown field `keyword`"   # optional: a part of the message
//! help = "did you mean `keywords`?"     # optional: a part of the help
//! severity = "warning"              # optional: default "error"
//!
//! [files]
//! "departments/teknik.toml" = '''
//! ...
//! '''
//! ```
//!
//! Files not given come from a small valid base rule set (below); a case
//! replaces a base file by giving the same name, or removes it with an
//! empty string.

use std::collections::BTreeMap;
use std::path::Path;

use kommunlots::{Diagnostic, RuleSet, Severity};
use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;

const BASE_MUNICIPALITY: &str = r#"[municipality]
name = "Testkommun"

[first_line]
id = "kontaktcenter"
name = "Kontaktcenter"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"#;

const BASE_DEPARTMENT: &str = r#"[department]
id = "bas"
name = "Basförvaltningen"

[[unit]]
id = "bas-enhet"
name = "Basenheten"

[[type]]
id = "bas-fraga"
name = "Basfråga"
level = 1
unit = "bas-enhet"
keywords = ["basfråga"]

[[test]]
name = "bas"
text = "en basfråga"
expect = { type = "bas-fraga" }
"#;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    expect: Expect,
    files: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: String,
    file: String,
    line: usize,
    column: usize,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    severity: Option<String>,
}

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    let trials = paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(format!("malformed/{name}"), move || run(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("bad case file: {e}"))?;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert("municipality.toml".into(), BASE_MUNICIPALITY.into());
    files.insert("departments/bas.toml".into(), BASE_DEPARTMENT.into());
    for (name, text) in case.files {
        if text.is_empty() {
            files.remove(&name);
        } else {
            files.insert(name, text);
        }
    }
    let diagnostics = match RuleSet::from_sources(files) {
        Err(e) => e.diagnostics,
        Ok(set) => set.check(),
    };
    let e = &case.expect;
    let severity = match e.severity.as_deref() {
        Some("warning") => Severity::Warning,
        _ => Severity::Error,
    };
    let found = diagnostics.iter().find(|d| matches(d, e, severity));
    match found {
        Some(_) => Ok(()),
        None => {
            let got: Vec<String> = diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{:?} {:?} at {}:{}:{}: {} (help: {})\n{}",
                        d.severity,
                        d.kind,
                        d.location.file,
                        d.location.line,
                        d.location.column,
                        d.message,
                        d.help.as_deref().unwrap_or("-"),
                        d.render(false)
                    )
                })
                .collect();
            Err(format!(
                "expected {} `{}` at {}:{}:{}, got:\n{}",
                e.severity.as_deref().unwrap_or("error"),
                e.kind,
                e.file,
                e.line,
                e.column,
                if got.is_empty() {
                    "no diagnostics".to_owned()
                } else {
                    got.join("\n")
                }
            )
            .into())
        }
    }
}

fn matches(d: &Diagnostic, e: &Expect, severity: Severity) -> bool {
    let kind = serde_json::to_value(d.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    d.severity == severity
        && kind == e.kind
        && d.location.file == e.file
        && d.location.line == e.line
        && d.location.column == e.column
        && e.message
            .as_ref()
            .is_none_or(|m| d.message.contains(m.as_str()))
        && e.help
            .as_ref()
            .is_none_or(|h| d.help.as_deref().is_some_and(|dh| dh.contains(h.as_str())))
        && d.render(false)
            .contains(&format!("{}:{}:{}", e.file, e.line, e.column))
}
