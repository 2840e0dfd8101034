//! `kl_router_enquiry_types_json`: the catalogue of enquiry types a host
//! checks its configuration against.

mod common;

use std::ptr;

use common::*;
use kommunlots::*;

/// The catalogue of `router` as parsed JSON, and the status.
fn enquiry_types(router: *const kl_router) -> (kl_status, serde_json::Value) {
    let mut out = ptr::null_mut();
    // SAFETY: NULL or a live router, and an out-pointer.
    let status = unsafe { kl_router_enquiry_types_json(router, &mut out) };
    if out.is_null() {
        return (status, serde_json::Value::Null);
    }
    let json = take_string(out);
    let value = serde_json::from_str(&json).unwrap_or_default();
    assert!(value != serde_json::Value::Null, "not JSON: {json}");
    (status, value)
}

#[test]
fn klippan_lists_every_type_with_what_a_decision_carries() {
    let router = klippan();
    let (status, types) = enquiry_types(router);
    // Each listed type's form code routes to it, with the same external values.
    let mut checked = 0;
    for t in types.as_array().into_iter().flatten() {
        let Some(code) = t["form_codes"].get(0).and_then(|c| c.as_str()) else {
            continue;
        };
        let d = route(router, &format!(r#"{{"form": "{code}"}}"#))
            .unwrap_or_else(|(s, e)| panic!("{s:?}: {}", e.message));
        assert_eq!(d["enquiry_type"], t["id"], "{code}");
        assert_eq!(d["department"], t["department"], "{code}");
        assert_eq!(d["rosa_level"], t["rosa_level"], "{code}");
        assert_eq!(d["external"], t["external"], "{code}");
        assert_eq!(d["legal_reference"], t["legal_reference"], "{code}");
        checked += 1;
    }
    free(router);
    assert_eq!(status, kl_status::KL_OK);
    let list = types.as_array().cloned().unwrap_or_default();
    let core = types_in_rule_files();
    assert_eq!(list.len(), core, "one entry per type");
    assert!(checked >= 50, "only {checked} types with form codes");
    let social = list
        .iter()
        .find(|t| t["id"] == "forsorjningsstod-bedomning");
    let social = social.unwrap_or_else(|| panic!("no forsorjningsstod-bedomning in {list:?}"));
    assert_eq!(social["department"], "social");
    assert_eq!(social["confidential"], true);
    assert_eq!(social["first_line"], false);
    assert_eq!(social["rosa_level"], 6);
    assert_eq!(social["legal_reference"], "OSL 26 kap. 1 §");
}

/// How many types the Klippan rules have, counted from the rule files
/// themselves (`[[type]]` tables), not through the library under test.
fn types_in_rule_files() -> usize {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/klippan/departments");
    std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .map(|text| text.lines().filter(|l| l.trim() == "[[type]]").count())
        .sum()
}

#[test]
fn the_catalogue_of_null_is_a_null_argument() {
    let (status, value) = enquiry_types(ptr::null());
    assert_eq!(status, kl_status::KL_NULL_ARGUMENT);
    assert_eq!(value, serde_json::Value::Null);
    assert!(last_error().message.contains("router"));
    let router = klippan();
    // SAFETY: a live router; a NULL out-pointer is reported, not written.
    let status = unsafe { kl_router_enquiry_types_json(router, ptr::null_mut()) };
    free(router);
    assert_eq!(status, kl_status::KL_NULL_ARGUMENT);
    assert!(last_error().message.contains("out"));
}
