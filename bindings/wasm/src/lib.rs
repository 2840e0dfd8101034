//! WebAssembly binding for kommunlots, for e-service forms in the browser.
//!
//! One class, `Router`, built from the rule files of a rule set given as a
//! plain object `{path: tomlText}`; enquiries go in and decisions come out as
//! plain JS objects shaped exactly like the core's JSON contract
//! ([`kommunlots::Enquiry`], [`kommunlots::Decision`]).
//!
//! ```js
//! import init, { Router } from "./pkg/kommunlots_wasm.js";
//! await init();
//! const router = new Router({
//!   "municipality.toml": municipalityToml,
//!   "departments/teknik.toml": teknikToml,
//! });
//! const decision = router.route({ text: "Varför har ni inte plogat Storgatan?", channel: "e-service" });
//! decision.department;        // "teknik"
//! decision.explanation.text;  // one Swedish sentence
//! ```
//!
//! This crate only converts data: every rule about what a rule set, an
//! enquiry or a decision is lives in the core.
//!
//! # Errors and panics
//!
//! Failures are thrown as JS `Error`s with extra properties (see
//! [`errors`]): a rule set that does not load throws a `RuleSetError` with
//! `file`, `line`, `column` and every `diagnostics`; an enquiry that is not
//! shaped like an `Enquiry` throws an `EnquiryError` naming the `field`.
//!
//! Panics cannot be caught here: the WASM build uses `panic = "abort"`, where
//! `catch_unwind` does nothing, and a panic would trap and leave the module
//! unusable. So no exported function may panic: the core never panics by
//! design (its routing is total, its loader turns every problem into a
//! diagnostic, texts are truncated at `MAX_TEXT_BYTES`), and this crate only
//! uses non-panicking conversions (`unwrap`, `expect` and `panic!` are denied
//! by the workspace lints; results of `Reflect::set` on fresh objects are
//! ignored rather than unwrapped).
//!
//! # Unicode composition
//!
//! The core is built without its `nfc` feature: the browser composes text
//! to NFC (`String.prototype.normalize`), so the module does not carry
//! unicode-normalization's tables (about 64 KB of the gzipped module).
//! Enquiry texts and rule files are composed here before the core sees
//! them, so matching is the same as in the native library. (Columns in the
//! errors of a rule file saved decomposed count its composed characters:
//! `å` is one column either way.)

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod errors;
mod types;

use kommunlots::{Enquiry, Router as CoreRouter};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::errors::{enquiry_error, files_error, internal_error, load_error};

/// The version of the kommunlots core this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    kommunlots::VERSION.to_owned()
}

/// A compiled, validated rule set that routes enquiries.
///
/// Build one per rule set and keep it: building parses and checks every
/// file, routing is cheap (suitable for every keystroke).
#[wasm_bindgen]
pub struct Router {
    inner: CoreRouter,
}

/// One `[[test]]` case run against the rule set, for `runTests()`.
#[derive(Serialize)]
struct TestOutcome<'a> {
    file: &'a str,
    name: &'a str,
    line: usize,
    full_name: String,
    passed: bool,
    mismatches: Vec<kommunlots::testing::Mismatch>,
    decision: kommunlots::Decision,
}

/// A department, for `departments()`.
#[derive(Serialize)]
struct Department<'a> {
    id: &'a str,
    name: &'a str,
}

/// Serialises `value` the way the core's JSON contract looks: maps as plain
/// objects, `None` as `null`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal_error(&e.to_string()))
}

#[wasm_bindgen]
impl Router {
    /// Loads, checks and compiles a rule set from its files, given as a
    /// plain object (or a `Map`) from path to TOML text:
    /// `{"municipality.toml": "...", "departments/teknik.toml": "..."}`.
    ///
    /// Throws a `RuleSetError` (with `file`, `line`, `column`, `kind`,
    /// `help`, `rendered` and `diagnostics`) when the rule set has an error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "RuleFiles")] files: JsValue,
    ) -> Result<Router, JsValue> {
        let files: BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| files_error(&e.to_string()))?;
        let files = files.into_iter().map(|(path, text)| (path, compose(text)));
        CoreRouter::from_sources(files)
            .map(|inner| Router { inner })
            .map_err(|e| load_error(&e))
    }

    /// The version of the kommunlots core (same as the free `version()`).
    #[wasm_bindgen(js_name = version)]
    pub fn version_static() -> String {
        version()
    }

    /// The municipality's name, from `municipality.toml`.
    #[wasm_bindgen(getter)]
    pub fn municipality(&self) -> String {
        self.inner.municipality().to_owned()
    }

    /// How many enquiry types the rule set has.
    #[wasm_bindgen(getter, js_name = typeCount)]
    pub fn type_count(&self) -> usize {
        self.inner.type_count()
    }

    /// Every enquiry type of the rule set, in rule-file order, as
    /// `EnquiryType` objects (id, Swedish name, department, ROSA level, form
    /// codes...): what a web form builds its category list from, so the
    /// list follows the departments' rules instead of being copied by hand.
    #[wasm_bindgen(js_name = enquiryTypes, unchecked_return_type = "EnquiryType[]")]
    pub fn enquiry_types(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.enquiry_types().collect::<Vec<_>>())
    }

    /// Every department as `{id, name}`, in rule-file order (the first line,
    /// which owns unmatched enquiries, is not listed).
    #[wasm_bindgen(unchecked_return_type = "Department[]")]
    pub fn departments(&self) -> Result<JsValue, JsValue> {
        let departments: Vec<Department<'_>> = self
            .inner
            .departments()
            .map(|(id, name)| Department { id, name })
            .collect();
        to_js(&departments)
    }

    /// Routes one enquiry (a plain object shaped like `Enquiry`; every field
    /// optional) and returns its `Decision`. Deadlines (`path[i].due`) count
    /// from the enquiry's `received_at`, else from now (`Date.now()`).
    ///
    /// Never fails for a well-formed enquiry, however odd its text; throws an
    /// `EnquiryError` naming the field when the object is not an `Enquiry`
    /// (an unknown field, a number where a string belongs, an unknown
    /// channel).
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn route(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Enquiry")] enquiry: JsValue,
    ) -> Result<JsValue, JsValue> {
        let enquiry = parse_enquiry(enquiry)?;
        let now = timestamp_from_millis(js_sys::Date::now())?;
        to_js(&self.inner.route_at(&enquiry, now))
    }

    /// Routes one enquiry as if it were `now` (a `Date`, milliseconds since
    /// the epoch, or an RFC 3339 string with an offset): deterministic, for
    /// tests and for replaying enquiries. `received_at` still wins when set.
    #[wasm_bindgen(js_name = routeAt, unchecked_return_type = "Decision")]
    pub fn route_at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Enquiry")] enquiry: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number | string")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let enquiry = parse_enquiry(enquiry)?;
        let now = parse_now(&now)?;
        to_js(&self.inner.route_at(&enquiry, now))
    }

    /// The warnings the check found (keyword conflicts, untested types), as
    /// `Diagnostic` objects. A rule set with errors does not load at all.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn check(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.warnings())
    }

    /// The `[[test]]` cases of every department file.
    #[wasm_bindgen(unchecked_return_type = "TestCase[]")]
    pub fn tests(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.tests())
    }

    /// Runs every `[[test]]` case and returns one `TestOutcome` per case.
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestOutcome[]")]
    pub fn run_tests(&self) -> Result<JsValue, JsValue> {
        let outcomes: Vec<TestOutcome<'_>> = self
            .inner
            .tests()
            .iter()
            .map(|case| {
                let (decision, mismatches) = case.run(&self.inner);
                TestOutcome {
                    file: &case.file,
                    name: &case.name,
                    line: case.line,
                    full_name: case.full_name(),
                    passed: mismatches.is_empty(),
                    mismatches,
                    decision,
                }
            })
            .collect();
        to_js(&outcomes)
    }
}

/// A timestamp from JS milliseconds since the epoch.
fn timestamp_from_millis(ms: f64) -> Result<jiff::Timestamp, JsValue> {
    if !ms.is_finite() {
        return Err(enquiry_error(
            &format!("`now` is not a valid time: {ms}"),
            None,
        ));
    }
    // Finite and within jiff's range (checked below), so the cast is exact
    // enough: sub-millisecond parts are dropped.
    jiff::Timestamp::from_millisecond(ms as i64)
        .map_err(|e| enquiry_error(&format!("`now` is out of range: {e}"), None))
}

/// `now` for `routeAt`: a `Date`, a number of milliseconds or an RFC 3339
/// string.
fn parse_now(now: &JsValue) -> Result<jiff::Timestamp, JsValue> {
    if let Some(ms) = now.as_f64() {
        return timestamp_from_millis(ms);
    }
    if let Some(date) = now.dyn_ref::<js_sys::Date>() {
        return timestamp_from_millis(date.get_time());
    }
    if let Some(text) = now.as_string() {
        return text.parse::<jiff::Timestamp>().map_err(|e| {
            enquiry_error(
                &format!("`now` is not an RFC 3339 time with an offset: {e}"),
                None,
            )
        });
    }
    Err(enquiry_error(
        "`now` must be a Date, a number of milliseconds or an RFC 3339 string",
        None,
    ))
}

/// Reads an enquiry object, naming the offending field on failure.
///
/// The object goes through `JSON.stringify` and then the same serde_json
/// deserialisation the core's `parse_enquiry` does (unknown fields rejected,
/// the same size limit), so JS callers get exactly the core's rules; only
/// the field path is added for the message. `undefined` fields are dropped
/// by `JSON.stringify`, like absent ones.
fn parse_enquiry(value: JsValue) -> Result<Enquiry, JsValue> {
    let mut enquiry = parse_enquiry_json(value)?;
    enquiry.text = enquiry.text.map(compose);
    Ok(enquiry)
}

/// `text` in Unicode NFC, composed by the JS engine (see the crate docs).
/// Text the core finds plainly in NFC ([`kommunlots::is_plainly_nfc`]: no
/// code point from U+0300 up), such as any Swedish or English text typed on
/// a keyboard that composes, does not make the round trip to JS.
fn compose(text: String) -> String {
    if kommunlots::is_plainly_nfc(&text) {
        return text;
    }
    js_sys::JsString::from(text.as_str())
        .normalize("NFC")
        .into()
}

/// The enquiry object as the core's [`Enquiry`], before composition.
fn parse_enquiry_json(value: JsValue) -> Result<Enquiry, JsValue> {
    if value.is_undefined()
        || value.is_null()
        || !value.is_object()
        || js_sys::Array::is_array(&value)
    {
        return Err(enquiry_error(
            "the enquiry must be an object like {text, channel, form}",
            None,
        ));
    }
    let json = js_sys::JSON::stringify(&value)
        .map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .and_then(|e| e.message().as_string())
                .unwrap_or_default();
            enquiry_error(&format!("it cannot be converted to JSON: {why}"), None)
        })?
        .as_string()
        .unwrap_or_default();
    // The core's own check gives the message. (Calling the core's
    // `parse_enquiry` for it would build a second deserialiser of the
    // enquiry into the module: 5 KB gzipped.)
    kommunlots::json::check_enquiry_len(json.len()).map_err(|e| enquiry_error(&e.message, None))?;
    let mut deserializer = serde_json::Deserializer::from_str(&json);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        // serde_json appends " at line L column C" of the JSON text we made:
        // meaningless to the caller, so it is cut.
        let text = e.inner().to_string();
        let message = text
            .rfind(" at line ")
            .map_or(text.as_str(), |i| &text[..i]);
        enquiry_error(message, field.as_deref())
    })
}
