//! The binding seen from Rust compiled to wasm32: routing and errors with a
//! location, through the same `JsValue`s JS code passes. Run under node by
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown -p kommunlots-wasm`.
//! Without the wasm32 target this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect};
use kommunlots_wasm::Router;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const MUNICIPALITY: &str = r#"
[municipality]
name = "Testkommun"

[first_line]
id = "kundtjanst"
name = "Kundtjänst"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"#;

const TEKNIK: &str = r#"# Tekniska förvaltningen (test)
[department]
id = "teknik"
name = "Tekniska förvaltningen"

[[unit]]
id = "teknik-gata"
name = "Gata och park"

[[type]]
id = "snorojning"
name = "Snöröjning"
level = 1
unit = "teknik-gata"
frequency = "daily"
keywords = ["snöröjning", "ploga"]
phrases = ["har inte plogat"]

[[test]]
name = "plogning"
text = "Varför har ni inte plogat Storgatan?"
expect = { type = "snorojning", first_line = true }
"#;

fn files(teknik: &str) -> Result<JsValue, JsValue> {
    let o = Object::new();
    Reflect::set(&o, &"municipality.toml".into(), &MUNICIPALITY.into())?;
    Reflect::set(&o, &"departments/teknik.toml".into(), &teknik.into())?;
    Ok(o.into())
}

fn get(v: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(v, &key.into())
}

fn get_str(v: &JsValue, key: &str) -> Result<String, JsValue> {
    get(v, key)?
        .as_string()
        .ok_or_else(|| JsValue::from_str(&format!("`{key}` is not a string")))
}

#[wasm_bindgen_test]
fn routes_an_enquiry_to_its_department() -> Result<(), JsValue> {
    let router = Router::new(files(TEKNIK)?)?;
    assert_eq!(router.municipality(), "Testkommun");
    let enquiry = Object::new();
    Reflect::set(
        &enquiry,
        &"text".into(),
        &"Varför har ni inte plogat Storgatan?".into(),
    )?;
    Reflect::set(&enquiry, &"channel".into(), &"e-service".into())?;
    let decision = router.route(enquiry.into())?;
    assert_eq!(get_str(&decision, "department")?, "teknik");
    assert_eq!(get_str(&decision, "enquiry_type")?, "snorojning");
    assert_eq!(get(&decision, "first_line")?.as_bool(), Some(true));
    // Option::None crosses as null, not undefined (json_compatible).
    assert!(get(&decision, "legal_reference")?.is_null());
    let explanation = get(&decision, "explanation")?;
    assert!(!get_str(&explanation, "text")?.is_empty());
    Ok(())
}

#[wasm_bindgen_test]
fn decomposed_text_is_composed_before_routing() -> Result<(), JsValue> {
    // Rule term and enquiry both typed with a combining diaeresis (NFD),
    // as some keyboards and macOS pastes give them: the module has no
    // composition tables of its own, so this checks the JS composition.
    let router = Router::new(files(
        &TEKNIK.replace("snöröjning", "sno\u{308}ro\u{308}jning"),
    )?)?;
    for text in [
        "Snöröjningen är dålig",
        "Sno\u{308}ro\u{308}jningen är dålig",
    ] {
        let enquiry = Object::new();
        Reflect::set(&enquiry, &"text".into(), &text.into())?;
        let decision = router.route(enquiry.into())?;
        assert_eq!(
            get_str(&decision, "enquiry_type")?,
            "snorojning",
            "{text:?}"
        );
    }
    Ok(())
}

#[wasm_bindgen_test]
fn an_empty_enquiry_goes_to_the_first_line() -> Result<(), JsValue> {
    let router = Router::new(files(TEKNIK)?)?;
    let decision = router.route(Object::new().into())?;
    assert_eq!(get_str(&decision, "status")?, "unmatched");
    assert_eq!(get_str(&decision, "handler")?, "kundtjanst");
    Ok(())
}

#[wasm_bindgen_test]
fn a_broken_rule_file_throws_with_its_location() -> Result<(), JsValue> {
    let broken = TEKNIK.replace("keywords = [", "keyword = [");
    let err = match Router::new(files(&broken)?) {
        Ok(_) => return Err("a broken rule set loaded".into()),
        Err(e) => e,
    };
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get_str(&err, "name")?, "RuleSetError");
    assert_eq!(get_str(&err, "file")?, "departments/teknik.toml");
    assert_eq!(get(&err, "line")?.as_f64(), Some(16.0));
    assert_eq!(get(&err, "column")?.as_f64(), Some(1.0));
    assert_eq!(get_str(&err, "kind")?, "unknown-key");
    let message = get_str(&err, "message")?;
    assert!(
        message.starts_with("departments/teknik.toml:16:1: "),
        "{message}"
    );
    let diagnostics: js_sys::Array = get(&err, "diagnostics")?.dyn_into()?;
    assert!(diagnostics.length() >= 1);
    Ok(())
}

#[wasm_bindgen_test]
fn a_wrongly_typed_enquiry_names_the_field() -> Result<(), JsValue> {
    let router = Router::new(files(TEKNIK)?)?;
    let enquiry = Object::new();
    Reflect::set(&enquiry, &"text".into(), &JsValue::from_f64(5.0))?;
    let err = match router.route(enquiry.into()) {
        Ok(_) => return Err("a number was accepted as text".into()),
        Err(e) => e,
    };
    assert_eq!(get_str(&err, "name")?, "EnquiryError");
    assert_eq!(get_str(&err, "field")?, "text");
    Ok(())
}

#[wasm_bindgen_test]
fn test_cases_run_and_pass() -> Result<(), JsValue> {
    let router = Router::new(files(TEKNIK)?)?;
    let outcomes: js_sys::Array = router.run_tests()?.dyn_into()?;
    assert_eq!(outcomes.length(), 1);
    assert_eq!(get(&outcomes.get(0), "passed")?.as_bool(), Some(true));
    Ok(())
}
