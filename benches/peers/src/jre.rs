//! The json-rules-engine side: rules generated from the rule set (one per
//! (type, term) and per (type, form code)), and the node subprocess that
//! times them (`node/bench.mjs`).

use std::path::Path;
use std::process::Command;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::rules::{Spec, TermSpec};

/// The json-rules-engine rules for `spec`. Terms use the custom operator
/// `containsStem` (defined in `node/bench.mjs`), whose value is the first
/// word's needle and the further words' stems, plus the longer terms that
/// hide the term where they overlap it (`shadows`).
pub fn rules(spec: &Spec) -> Value {
    let mut rules = Vec::new();
    for (i, ty) in spec.types.iter().enumerate() {
        let channel_condition = (!ty.channels.is_empty()).then(|| {
            let mut allowed = ty.channels.clone();
            allowed.push("none".to_owned());
            json!({"fact": "channel", "operator": "in", "value": allowed})
        });
        for code in &ty.forms {
            rules.push(json!({
                "name": format!("{}: form code {code}", ty.id),
                "conditions": {"all": [{"fact": "form", "operator": "equal", "value": code}]},
                "event": {"type": "hit", "params": {"ty": i, "w": 1000.0, "neg": false, "form": true}},
            }));
        }
        for term in &ty.terms {
            let mut value = operand(term);
            value["shadows"] = term.shadows.iter().map(|s| operand(&s.term())).collect();
            let mut all = vec![json!({"fact": "text", "operator": "containsStem", "value": value})];
            all.extend(channel_condition.clone());
            if term.plain {
                all.push(json!({"fact": "plain", "operator": "equal", "value": true}));
            }
            rules.push(json!({
                "name": format!("{}: {}", ty.id, term.text),
                "conditions": {"all": all},
                "event": {"type": "hit", "params": {"ty": i, "w": term.weight, "neg": term.negative, "form": false}},
            }));
        }
    }
    Value::Array(rules)
}

/// The `containsStem` operand for one term: its needle, the stems of its
/// further words (`rest`), its last word as written after the stem
/// (`writtenRest`), the other words' (`innerRests`), the words allowed
/// between (`gap`) and, for several
/// words, `guards` (each further stem after a space: a quick test before
/// the match is traced).
fn operand(term: &TermSpec) -> Value {
    let mut value = json!({
        "needle": term.needle(),
        "rest": &term.stems[1..],
        "writtenRest": &term.written_rest,
        "innerRests": &term.inner_rests,
        "english": term.english,
        "gap": term.gap,
        "plain": term.plain,
    });
    if term.stems.len() > 1 {
        value["guards"] = term.stems[1..].iter().map(|s| format!(" {s}")).collect();
    }
    value
}

/// What `node/bench.mjs` prints.
#[derive(Debug, Deserialize)]
pub struct NodeReport {
    /// The department for each corpus enquiry, in order.
    pub departments: Vec<String>,
    /// Mean time per enquiry over the timed passes, in nanoseconds.
    pub mean_ns: f64,
    /// Timed passes over the corpus.
    pub passes: u64,
    /// The node version.
    pub node: String,
    /// The json-rules-engine version.
    pub engine: String,
}

/// Runs `node/bench.mjs` on the generated files in `out` for at least
/// `seconds` of timed passes.
pub fn run(node_dir: &Path, out: &Path, seconds: f64) -> Result<NodeReport, String> {
    let script = node_dir.join("bench.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(out)
        .arg(seconds.to_string())
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "node {} failed ({}):\n{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "node printed something that is not the expected JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
