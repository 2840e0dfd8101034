//! The JS `Error`s this module throws.
//!
//! Every error is a real `Error` (so `instanceof Error`, `stack` and
//! `message` work) with a `name` saying what failed and extra properties:
//!
//! | `name` | when | extra properties |
//! |---|---|---|
//! | `RuleSetError` | `new Router(files)` found an error in a rule file | `kind`, `file`, `line`, `column`, `help`, `rendered`, `diagnostics` |
//! | `RuleSetError` | `files` is not an object of strings | `kind: "type"`, `file: null`, `line: 0`, `column: 0`, `diagnostics: []` |
//! | `EnquiryError` | `route(enquiry)` got something that is not an `Enquiry` | `field` (`"text"`, `"fields.x"`, or `null`) |
//! | `InternalError` | a value could not be converted (a bug) | none |

use kommunlots::{Diagnostic, LoadError};
use wasm_bindgen::JsValue;

fn set(target: &js_sys::Error, key: &str, value: &JsValue) {
    // Setting a property on a fresh, unfrozen Error cannot fail; the result
    // is ignored rather than unwrapped so nothing here can panic.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn opt_str(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// A line or column number as a JS number.
fn number(n: usize) -> JsValue {
    // Line and column numbers are far below 2^53, so the cast is exact.
    JsValue::from_f64(n as f64)
}

fn error(name: &str, message: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    e
}

/// A `RuleSetError` for a rule set that did not load: the message is the
/// first error as `file:line:column: message`, the location properties are
/// that error's, and `diagnostics` lists every problem found.
pub(crate) fn load_error(err: &LoadError) -> JsValue {
    let errors = err.errors().count();
    let first: Option<&Diagnostic> = err.first();
    let mut message = match first {
        Some(d) => {
            let l = &d.location;
            format!("{}:{}:{}: {}", l.file, l.line, l.column, d.message)
        }
        None => "the rule set could not be loaded".to_owned(),
    };
    if errors > 1 {
        let more = errors - 1;
        message.push_str(&format!(
            " (and {more} more error{})",
            if more == 1 { "" } else { "s" }
        ));
    }
    let e = error("RuleSetError", &message);
    let kind = first
        .and_then(|d| serde_wasm_bindgen::to_value(&d.kind).ok())
        .unwrap_or(JsValue::NULL);
    set(&e, "kind", &kind);
    set(
        &e,
        "file",
        &opt_str(first.map(|d| d.location.file.as_str())),
    );
    set(&e, "line", &number(first.map_or(0, |d| d.location.line)));
    set(
        &e,
        "column",
        &number(first.map_or(0, |d| d.location.column)),
    );
    set(&e, "help", &opt_str(first.and_then(|d| d.help.as_deref())));
    set(&e, "rendered", &JsValue::from_str(&err.to_string()));
    let diagnostics =
        crate::to_js(&err.diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
    set(&e, "diagnostics", &diagnostics);
    e.into()
}

/// A `RuleSetError` for a `files` argument that is not `{path: text}`.
pub(crate) fn files_error(detail: &str) -> JsValue {
    // serde-wasm-bindgen's errors print as "Error: …".
    let detail = detail.strip_prefix("Error: ").unwrap_or(detail);
    let e = error(
        "RuleSetError",
        &format!("the rule files must be an object {{path: tomlText}}: {detail}"),
    );
    set(&e, "kind", &JsValue::from_str("type"));
    set(&e, "file", &JsValue::NULL);
    set(&e, "line", &number(0));
    set(&e, "column", &number(0));
    set(&e, "help", &JsValue::NULL);
    set(
        &e,
        "rendered",
        &JsValue::from_str(&e.message().as_string().unwrap_or_default()),
    );
    set(&e, "diagnostics", &js_sys::Array::new().into());
    e.into()
}

/// An `EnquiryError`: `message` names the field, `field` holds its path.
pub(crate) fn enquiry_error(detail: &str, field: Option<&str>) -> JsValue {
    let message = match field {
        Some(f) => format!("invalid enquiry: field `{f}`: {detail}"),
        None => format!("invalid enquiry: {detail}"),
    };
    let e = error("EnquiryError", &message);
    set(&e, "field", &opt_str(field));
    e.into()
}

/// An `InternalError`: a value the core produced could not be converted.
pub(crate) fn internal_error(detail: &str) -> JsValue {
    error(
        "InternalError",
        &format!("kommunlots-wasm could not convert a value: {detail}"),
    )
    .into()
}
