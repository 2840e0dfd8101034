//! The keyword-conflict warning: which terms shared by two departments
//! `kommunlots check` warns about; the warning for a term whose weight or
//! gap is not used, because an earlier term of its type has its stems; and
//! the one for a `plain` setting that changes nothing.

mod common;

use common::klippan_municipality;
use kommunlots::{DiagnosticKind, RuleSet, Severity};

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

/// The warnings about unused settings for a type recognised by `terms`
/// (the inside of a TOML array).
fn unused_settings(terms: &str) -> Vec<kommunlots::Diagnostic> {
    warnings_of(DiagnosticKind::Duplicate, terms)
}

/// The diagnostics of `kind` for a type recognised by the phrases `terms`.
fn warnings_of(kind: DiagnosticKind, terms: &str) -> Vec<kommunlots::Diagnostic> {
    let department = format!(
        r#"[department]
id = "skola"
name = "Skolan"

[[unit]]
id = "skola-enhet"
name = "Enheten"

[[type]]
id = "ledighet"
name = "Ledighet från skolan"
level = 2
unit = "skola-enhet"
phrases = [{terms}]
"#
    );
    let set = RuleSet::from_sources([
        ("municipality.toml", klippan_municipality()),
        ("departments/skola.toml", department),
    ])
    .unwrap_or_else(|e| unreachable!("the rules parse:\n{e}"));
    set.check().into_iter().filter(|d| d.kind == kind).collect()
}

#[test]
fn a_setting_on_a_term_with_an_earlier_terms_stems_is_warned_about() {
    // `ledigt` and `ledighet` share the stem `led`: only the first counts.
    let warnings = unused_settings(
        r#""ledigt från skolan", { term = "ledighet från skolan", gap = 3, weight = 3.0 }"#,
    );
    let [w] = warnings.as_slice() else {
        unreachable!("one warning, not {warnings:?}")
    };
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.message,
        "`ledighet från skolan` is searched as `ledigt från skolan` (`led från skolan`), \
         listed first in this type at 14:12, so its weight 3 and gap 3 are not used"
    );
    assert_eq!(
        (w.location.file.as_str(), w.location.line, w.location.column),
        ("departments/skola.toml", 14, 43)
    );
}

#[test]
fn a_second_spelling_that_sets_nothing_is_not() {
    assert!(unused_settings(r#""ledigt från skolan", "ledighet från skolan""#).is_empty());
    // The same setting again is no conflict either.
    assert!(
        unused_settings(
            r#"{ term = "ledigt från skolan", gap = 2 }, { term = "ledighet från skolan", gap = 2 }"#
        )
        .is_empty()
    );
}

#[test]
fn a_plain_setting_that_changes_nothing_is_warned_about() {
    let only = |terms: &str| {
        let warnings = warnings_of(DiagnosticKind::InvalidValue, terms);
        let [w] = warnings.as_slice() else {
            unreachable!("one warning, not {warnings:?}")
        };
        assert_eq!(w.severity, Severity::Warning);
        (w.message.clone(), w.location.line, w.location.column)
    };
    // Nothing to write without the letters.
    assert_eq!(
        only(r#"{ term = "ledigt hela veckan", plain = false }"#),
        (
            "`plain` does nothing: `ledigt hela veckan` has no å, ä or ö".to_owned(),
            14,
            51
        )
    );
    // A phrase is searched plain without asking.
    assert_eq!(
        only(r#"{ term = "ledigt på fredag", plain = true }"#).0,
        "`plain = true` does nothing: `ledigt på fredag` is searched without å, ä and ö anyway"
    );
    // Turning a phrase's plain spelling off, or a short word's on, does
    // something.
    for terms in [
        r#"{ term = "ledigt på fredag", plain = false }"#,
        r#"{ term = "få", exact = true, plain = true }"#,
    ] {
        assert!(warnings_of(DiagnosticKind::InvalidValue, terms).is_empty());
    }
}
