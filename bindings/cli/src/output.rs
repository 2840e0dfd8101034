//! Formatting shared by the subcommands: output formats, colour, rendered
//! diagnostics and decisions as text.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

use kommunlots::decision::{Decision, MatchVia, StepRole, TermKind};
use kommunlots::{Diagnostic, MatchStatus, Severity};

/// How a command prints its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text for a person at a terminal.
    Text,
    /// JSON for programs.
    Json,
}

/// Whether to colour what goes to stderr: only on a terminal, and never when
/// `NO_COLOR` is set (<https://no-color.org>).
pub fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes `text` and a line break to stderr. Errors are ignored: there is
/// nowhere left to report them.
pub fn eprint_line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Prints an error message to stderr, `error: ` first.
pub fn eprint_error(message: &str) {
    eprint_line(&format!("error: {message}"));
}

/// Prints every diagnostic to stderr like a compiler, a blank line between.
pub fn eprint_diagnostics(diagnostics: &[Diagnostic]) {
    let color = stderr_color();
    let mut err = io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
}

/// How many errors and warnings `diagnostics` holds.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

/// `1 error`, `2 warnings`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What a ROSA level means, in a few words.
pub fn level_name(level: u8) -> &'static str {
    match level {
        1 => "information",
        2 => "guidance and advice",
        3 => "administrative preparation",
        4 => "routine rule-based decision",
        5 => "specialist preparation",
        6 => "evaluative decision",
        _ => "unknown level",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The status as the decision's JSON names it (`unmatched`, `ambiguous`).
pub fn status_name(status: MatchStatus) -> &'static str {
    match status {
        MatchStatus::Matched => "matched",
        MatchStatus::Ambiguous => "ambiguous",
        MatchStatus::Unmatched => "unmatched",
    }
}

fn role_name(role: StepRole) -> &'static str {
    match role {
        StepRole::OutOfHours => "out of hours",
        StepRole::FirstLine => "first line",
        StepRole::Owner => "owner",
        StepRole::Escalation => "escalation",
        // A role a newer core adds, as its JSON names it.
        other => other.as_str(),
    }
}

/// A decision as a short block of text for a person at a terminal: who
/// handles it, the ROSA level, the route, and the Swedish explanation.
pub fn decision_text(d: &Decision) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored throughout.
    let title = match (&d.enquiry_type_name, &d.enquiry_type) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        _ if d.status == MatchStatus::Ambiguous => {
            "Several enquiry types fit equally well (ambiguous)".to_owned()
        }
        _ => "No enquiry type recognised (unmatched)".to_owned(),
    };
    let _ = writeln!(out, "{title}");
    let mut field = |label: &str, value: &str| {
        let _ = writeln!(out, "  {label:<13} {value}");
    };
    if let Some(id) = &d.id {
        field("id", &id.to_string());
    }
    let handler_role = if d.first_line { ", first line" } else { "" };
    field(
        "handled by",
        &format!("{} ({}{handler_role})", d.handler_name, d.handler),
    );
    field(
        "department",
        &format!("{} ({})", d.department_name, d.department),
    );
    field("unit", &format!("{} ({})", d.unit_name, d.unit));
    field(
        "ROSA level",
        &d.rosa_level
            .map_or_else(|| "none".to_owned(), |l| format!("{l} ({})", level_name(l))),
    );
    field("first line", yes_no(d.first_line));
    let confidential = match (&d.legal_reference, d.confidential) {
        (Some(law), true) => format!("yes ({law})"),
        (_, c) => yes_no(c).to_owned(),
    };
    field("confidential", &confidential);
    if !d.confidential
        && let Some(law) = &d.legal_reference
    {
        field("legal basis", law);
    }
    if let Some(channel) = d.channel {
        field("channel", channel.as_str());
    }
    let route: Vec<String> = d
        .path
        .iter()
        .map(|s| {
            let due = s.due.map_or_else(String::new, |due| format!(", due {due}"));
            format!("{} [{}{due}]", s.unit_name, role_name(s.role))
        })
        .collect();
    field("route", &route.join(" → "));
    let trace = &d.explanation.trace;
    if !trace.terms.is_empty() {
        let terms: Vec<String> = trace
            .terms
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    TermKind::Keyword => "keyword",
                    TermKind::Phrase => "phrase",
                };
                let near = if t.near_spelling {
                    ", near spelling"
                } else {
                    ""
                };
                format!("“{}” ({kind}, {}{near})", t.term, t.weight)
            })
            .collect();
        field("matched terms", &terms.join(", "));
    }
    if trace.via == MatchVia::Form {
        field("matched by", "e-service form code");
    }
    if let Some(rule) = &trace.rule {
        field("rule", rule);
    }
    if d.status != MatchStatus::Matched && !d.candidates.is_empty() {
        let candidates: Vec<String> = d
            .candidates
            .iter()
            .map(|c| {
                // A term found only by a near spelling says so.
                let terms: Vec<String> = c
                    .terms
                    .iter()
                    .map(|t| {
                        let near = if t.near_spelling {
                            " (near spelling)"
                        } else {
                            ""
                        };
                        format!("{}{near}", t.term)
                    })
                    .collect();
                let found = if terms.is_empty() {
                    String::new()
                } else {
                    format!(": {}", terms.join(", "))
                };
                format!(
                    "{} ({}, score {}{found})",
                    c.enquiry_type, c.department, c.score
                )
            })
            .collect();
        field("candidates", &candidates.join(", "));
    }
    if !d.external.is_empty() {
        let external: Vec<String> = d
            .external
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect();
        field("external", &external.join(", "));
    }
    for note in &trace.notes {
        field("note", note);
    }
    let _ = write!(out, "\n{}\n", d.explanation.text);
    out
}

/// A decision on one line: `label: status type → department/unit, ROSA n,
/// handler h (first line)`.
pub fn decision_line(label: &str, d: &Decision) -> String {
    let mut out = format!("{label}: {}", status_name(d.status));
    if let Some(ty) = &d.enquiry_type {
        let _ = write!(out, " {ty}");
    }
    let _ = write!(out, " → {}/{}", d.department, d.unit);
    if let Some(level) = d.rosa_level {
        let _ = write!(out, ", ROSA {level}");
    }
    let _ = write!(out, ", handler {}", d.handler);
    if d.first_line {
        out.push_str(" (first line)");
    }
    if d.confidential {
        out.push_str(", confidential");
    }
    if d.status != MatchStatus::Matched && !d.candidates.is_empty() {
        let candidates: Vec<&str> = d.candidates.iter().map(|c| &*c.enquiry_type).collect();
        let _ = write!(out, ", candidates {}", candidates.join(" "));
    }
    out
}
