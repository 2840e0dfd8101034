//! `[policy] street_suffixes`: a term inside a street name is the
//! citizen's address, not the subject, with the rule set's own endings.

mod common;

use common::klippan_municipality;
use kommunlots::{Enquiry, Router};

const LIBRARY: &str = r#"
[department]
id = "kultur"
name = "Kulturförvaltningen"

[[unit]]
id = "bibliotek"
name = "Biblioteket"

[[type]]
id = "bibliotek"
name = "Biblioteket"
level = 1
unit = "bibliotek"
keywords = ["bibliotek"]
"#;

/// Klippan's municipality file with its `street_suffixes` line replaced by
/// `line` (empty: the key left out), and one small department of our own.
fn router(line: &str) -> Router {
    let klippan = klippan_municipality();
    let own = klippan
        .lines()
        .find(|l| l.starts_with("street_suffixes"))
        .unwrap_or_else(|| unreachable!("Klippan's [policy] lists its street suffixes"));
    let municipality = klippan.replace(own, line);
    Router::from_sources([
        ("municipality.toml", municipality.as_str()),
        ("departments/kultur.toml", LIBRARY),
    ])
    .unwrap_or_else(|e| unreachable!("the rules must load:\n{e}"))
}

/// Whether the library type recognises `text`.
fn library(router: &Router, text: &str) -> bool {
    let d = router.route(&Enquiry::text(text));
    d.matched && d.enquiry_type.as_deref() == Some("bibliotek")
}

const GATAN: &str = "Jag bor på Biblioteksgatan 3 och har en fråga";
const LEDEN: &str = "Jag bor på Biblioteksleden 3 och har en fråga";

#[test]
fn the_default_endings_are_swedish_street_names() {
    let r = router("");
    assert!(!library(&r, GATAN));
    assert!(library(&r, LEDEN), "`leden` is not a default ending");
    assert!(library(&r, "När öppnar biblioteket?"));
}

#[test]
fn a_rule_set_gives_its_own_endings() {
    let r = router(r#"street_suffixes = ["Leden"]"#);
    assert!(!library(&r, LEDEN));
    assert!(library(&r, GATAN), "the list replaces the default");
}

#[test]
fn an_empty_list_turns_the_filter_off() {
    let r = router("street_suffixes = []");
    assert!(library(&r, GATAN));
    assert!(library(&r, LEDEN));
}
