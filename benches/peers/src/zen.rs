//! The zen-engine side: a JDM decision graph (input → decision table →
//! output) generated from the rule set, and its evaluation.
//!
//! The table has four input columns (`text`: the normalised enquiry text,
//! `form`: the form code trimmed and upper case, `channel`: the channel name
//! or `none`, `plain`: whether the text is Swedish typed without `å`, `ä`
//! and `ö`, [`crate::rules::is_plain`], which a plain spelling's row
//! requires) and one row per (type, term) and per (type, form code), hit
//! policy `collect`. A term's cell is `contains($, "stem")` for a one-word
//! term, and for a term of several words the `contains` of each word's stem
//! (cheap guards) followed by `matches($, "regex")` for the words in order.
//! Each row outputs the type's index, the term's index, the term's weight and
//! whether it is a negative word or a form code. The harness then drops the
//! terms a longer fired term contains ([`crate::search::drop_shadowed`]: zen's
//! expression language could not express that guard in the cells, see
//! [`term_cell`]) and adds up the weights ([`crate::search::decide`]), inside
//! the timed loop.

use std::sync::Arc;

use serde_json::{Value, json};
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine};

use crate::rules::{Spec, TermSpec};
use crate::search::Hit;

fn quote(s: &str) -> String {
    // Stems are letters, digits and spaces; JSON quoting is also the zen
    // expression language's.
    Value::String(s.to_owned()).to_string()
}

/// The zen cell for a term over the `text` column: the term is found.
pub fn term_cell(term: &TermSpec) -> String {
    // The longest-term-wins guards written in the cells (`and not (...)`,
    // `and !(...)` or `and (...) == false` over the longer terms) made zen
    // fail those rows (agreement fell from 96.3 % to 73.1 %), so the cells
    // only say whether the term is found and the harness applies the guard
    // to the rows that fired (`search::drop_shadowed`).
    found(term)
}

fn found(term: &TermSpec) -> String {
    if term.stems.len() == 1 {
        return format!("contains($, {})", quote(&term.needle()));
    }
    let mut parts: Vec<String> = vec![format!("contains($, {})", quote(&term.needle()))];
    for stem in &term.stems[1..] {
        parts.push(format!("contains($, {})", quote(&format!(" {stem}"))));
    }
    parts.push(format!("matches($, {})", quote(&term.regex())));
    parts.join(" and ")
}

fn channel_cell(channels: &[String]) -> String {
    if channels.is_empty() {
        return String::new();
    }
    // A type limited to some channels is still recognised when the enquiry
    // has no channel (kommunlots), so `none` is allowed too.
    let mut list: Vec<String> = channels.iter().map(|c| quote(c)).collect();
    list.push(quote("none"));
    list.join(", ")
}

/// The JDM graph for `spec`.
pub fn graph(spec: &Spec) -> Value {
    let mut rules = Vec::new();
    for (i, ty) in spec.types.iter().enumerate() {
        let channel = channel_cell(&ty.channels);
        for code in &ty.forms {
            rules.push(json!({
                "_id": format!("{}-form-{code}", ty.id),
                "_description": format!("{}: form code {code}", ty.id),
                "in-text": "",
                "in-form": quote(code),
                "in-channel": "",
                "in-plain": "",
                "out-ty": i.to_string(),
                "out-term": "-1",
                "out-w": "1000",
                "out-neg": "false",
                "out-form": "true",
            }));
        }
        for (j, term) in ty.terms.iter().enumerate() {
            rules.push(json!({
                "_id": format!("{}-{j}", ty.id),
                "_description": format!("{}: {}", ty.id, term.text),
                "in-text": term_cell(term),
                "in-form": "",
                "in-channel": channel,
                "in-plain": if term.plain { "true" } else { "" },
                "out-ty": i.to_string(),
                "out-term": j.to_string(),
                "out-w": format!("{:?}", term.weight),
                "out-neg": term.negative.to_string(),
                "out-form": "false",
            }));
        }
    }
    json!({
        "nodes": [
            {"id": "in", "name": "enquiry", "type": "inputNode", "content": {}},
            {
                "id": "table",
                "name": "klippan",
                "type": "decisionTableNode",
                "content": {
                    "hitPolicy": "collect",
                    "inputs": [
                        {"id": "in-text", "name": "Text", "field": "text"},
                        {"id": "in-form", "name": "Form", "field": "form"},
                        {"id": "in-channel", "name": "Channel", "field": "channel"},
                        {"id": "in-plain", "name": "Plain", "field": "plain"},
                    ],
                    "outputs": [
                        {"id": "out-ty", "name": "Type", "field": "ty"},
                        {"id": "out-term", "name": "Term", "field": "term"},
                        {"id": "out-w", "name": "Weight", "field": "w"},
                        {"id": "out-neg", "name": "Negative", "field": "neg"},
                        {"id": "out-form", "name": "Form", "field": "form"},
                    ],
                    "rules": rules,
                    "outputPath": "hits",
                },
            },
            {"id": "out", "name": "decision", "type": "outputNode", "content": {}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table"},
            {"id": "e2", "sourceId": "table", "targetId": "out"},
        ],
    })
}

/// A compiled zen decision.
pub struct Zen {
    decision: Decision,
}

impl Zen {
    /// Compiles the graph.
    pub fn new(graph: &Value) -> Result<Zen, String> {
        let content: DecisionContent = serde_json::from_value(graph.clone())
            .map_err(|e| format!("zen: the generated graph does not parse: {e}"))?;
        let engine = DecisionEngine::default();
        let decision = engine
            .create_decision(Arc::new(content))
            .map_err(|e| format!("zen: {e:?}"))?;
        Ok(Zen { decision })
    }

    /// Evaluates the table for one enquiry and returns the rows that fired.
    pub async fn hits(
        &self,
        text: &str,
        form: &str,
        channel: &str,
        plain: bool,
        out: &mut Vec<Hit>,
    ) -> Result<(), String> {
        out.clear();
        let context = json!({"text": text, "form": form, "channel": channel, "plain": plain});
        let response = self
            .decision
            .evaluate(context.into())
            .await
            .map_err(|e| format!("zen: evaluation failed: {e}"))?;
        let result = response.result.to_value();
        let rows = result
            .get("hits")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("zen: unexpected result {result}"))?;
        for row in rows {
            let ty = row.get("ty").and_then(Value::as_u64);
            let term = row
                .get("term")
                .and_then(Value::as_i64)
                .and_then(|t| usize::try_from(t).ok());
            let weight = row.get("w").and_then(Value::as_f64);
            let negative = row.get("neg").and_then(Value::as_bool);
            let form = row.get("form").and_then(Value::as_bool);
            match (ty, weight, negative, form) {
                (Some(ty), Some(weight), Some(negative), Some(form)) => out.push(Hit {
                    ty: ty as usize,
                    term,
                    weight,
                    negative,
                    form,
                }),
                _ => return Err(format!("zen: unexpected row {row}")),
            }
        }
        Ok(())
    }
}
