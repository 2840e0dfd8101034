//! The Klippan reference rules, shared by the core's test files.
#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::path::{Path, PathBuf};

use kommunlots::Router;

pub mod plain;

/// Whether `text` has, in any case, one of the words only plain typing
/// writes (`kommunlots::PLAIN_WORDS`).
pub fn has_plain_word(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    words.any(|w| kommunlots::PLAIN_WORDS.contains(&w))
}

/// The reference rule set's folder, `rules/klippan`.
pub fn klippan_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/klippan")
}

/// The Klippan rules, loaded.
pub fn klippan() -> Router {
    Router::from_dir(klippan_dir())
        .unwrap_or_else(|e| unreachable!("the Klippan rules must load:\n{e}"))
}

/// The text of Klippan's `municipality.toml`, for a test that pairs it
/// with small departments of its own.
pub fn klippan_municipality() -> String {
    std::fs::read_to_string(klippan_dir().join("municipality.toml"))
        .unwrap_or_else(|e| unreachable!("Klippan's municipality.toml is readable: {e}"))
}

/// Klippan's municipality file with a waste department holding `types`
/// (its `[[type]]` tables, served by the unit `avfall-kundservice`).
pub fn waste_department(types: &str) -> Router {
    let department = format!(
        r#"
        [department]
        id = "avfall"
        name = "Avfall"

        [[unit]]
        id = "avfall-kundservice"
        name = "Kundservice"
        {types}"#
    );
    Router::from_sources([
        ("municipality.toml", klippan_municipality().as_str()),
        ("departments/avfall.toml", department.as_str()),
    ])
    .unwrap_or_else(|e| unreachable!("the rules load:\n{e}"))
}

/// A waste department with one type, `sopor`, recognised by `terms` (its
/// `keywords` and `phrases` lines).
pub fn sopor(terms: &str) -> Router {
    let header = r#"
        [[type]]
        id = "sopor"
        name = "Sopor"
        level = 1
        unit = "avfall-kundservice"
        frequency = "daily"
        "#;
    waste_department(&format!("{header}{terms}\n"))
}
