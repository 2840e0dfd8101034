//! The keyword-conflict warning: which terms shared by two departments
//! `kommunlots check` warns about.

mod common;

use common::klippan_municipality;
use kommunlots::{DiagnosticKind, RuleSet};

/// A department `id` with one type recognised by `appeal` at `weight` and
/// by its own subject at the same weight.
fn department(id: &str, subject: &str, weight: f64) -> String {
    format!(
        r#"
[department]
id = "{id}"
name = "Förvaltning {id}"

[[unit]]
id = "{id}-enhet"
name = "Enheten"

[[type]]
id = "{id}-overklagande"
name = "Överklagande"
level = 6
unit = "{id}-enhet"
keywords = [{{ term = "överklaga", weight = {weight:?} }}, {{ term = "{subject}", weight = {weight:?} }}]
"#
    )
}

/// The keyword conflicts of two such departments under Klippan's
/// municipality file (whose `min_score` is 1).
fn conflicts(weight: f64) -> Vec<String> {
    let set = RuleSet::from_sources([
        ("municipality.toml", klippan_municipality()),
        (
            "departments/bygg.toml",
            department("bygg", "bygglov", weight),
        ),
        (
            "departments/skola.toml",
            department("skola", "skolskjuts", weight),
        ),
    ])
    .unwrap_or_else(|e| unreachable!("the rules parse:\n{e}"));
    set.check()
        .into_iter()
        .filter(|d| d.kind == DiagnosticKind::KeywordConflict)
        .map(|d| d.message)
        .collect()
}

#[test]
fn a_shared_term_that_recognises_a_type_alone_is_warned_about() {
    assert_eq!(
        conflicts(1.0),
        ["`överklaga` recognises types in two departments at equal weight"]
    );
}

#[test]
fn a_shared_term_below_min_score_is_not() {
    // At 0.5, `överklaga` needs the type's subject to reach min_score 1:
    // alone it recognises nothing, so it cannot make the two types tie.
    assert_eq!(conflicts(0.5), Vec::<String>::new());
}
