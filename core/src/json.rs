//! The JSON entry point the C and WASM bindings share: an enquiry as JSON
//! text in, a decision as JSON text out.
//!
//! Keeping this in the core means the bindings only move bytes; every rule
//! about what a valid enquiry is lives here, once.

use crate::decision::Enquiry;
use crate::router::Router;

/// Largest enquiry JSON accepted, in bytes. Texts longer than
/// [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES) are routed on their beginning,
/// so this only stops a runaway caller.
pub const MAX_ENQUIRY_JSON_BYTES: usize = 16 * 1024 * 1024;

/// An enquiry that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid enquiry JSON at line {line}, column {column}: {message}")]
#[non_exhaustive]
pub struct EnquiryError {
    /// What is wrong.
    pub message: String,
    /// 1-based line in the JSON text (0 when the whole text is at fault).
    pub line: usize,
    /// 1-based column in the JSON text, counted in characters like rule
    /// file locations (0 when the whole text is at fault).
    pub column: usize,
}

impl EnquiryError {
    pub(crate) fn from_json(e: &serde_json::Error, json: &str) -> Self {
        // serde_json appends " at line L column C" to its message; we carry
        // those as fields instead.
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) => text[..i].to_owned(),
            None => text,
        };
        EnquiryError {
            message,
            line: e.line(),
            column: char_column(json, e.line(), e.column()),
        }
    }
}

/// serde_json counts columns in bytes; rule file locations count
/// characters. Converts, so both read the same in an editor.
fn char_column(json: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = json.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .chars()
        .count()
        .max(usize::from(byte_column > 0))
}

/// Fails when an enquiry's JSON of `len` bytes is longer than
/// [`MAX_ENQUIRY_JSON_BYTES`], with the error [`parse_enquiry`] gives it: for
/// a binding that parses the JSON with a deserialiser of its own.
pub fn check_enquiry_len(len: usize) -> Result<(), EnquiryError> {
    if len > MAX_ENQUIRY_JSON_BYTES {
        return Err(EnquiryError {
            message: format!(
                "the enquiry is {len} bytes, more than the limit of {MAX_ENQUIRY_JSON_BYTES}"
            ),
            line: 0,
            column: 0,
        });
    }
    Ok(())
}

/// Parses an enquiry from JSON (`{"id", "channel", "text", "form",
/// "received_at", "language", "fields"}`, all optional).
pub fn parse_enquiry(json: &str) -> Result<Enquiry, EnquiryError> {
    check_enquiry_len(json.len())?;
    // serde's derived `Deserialize` also takes a struct as an array of its
    // fields in order, so `["E-1", "email", "…"]` would be an enquiry by
    // position: an easy mistake to make and never what a caller means.
    let body = json.trim_start();
    if body.starts_with('[') {
        let before = &json[..json.len() - body.len()];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(EnquiryError {
            message: "an enquiry is a JSON object like {\"text\": \"…\"}, not an array".to_owned(),
            line,
            column,
        });
    }
    serde_json::from_str(json).map_err(|e| EnquiryError::from_json(&e, json))
}

impl Router {
    /// Routes an enquiry given as JSON and returns the decision as JSON,
    /// with deadlines counted from its `received_at`, else from the system
    /// clock (see [`Router::route`]; WebAssembly callers use
    /// [`Router::route_json_at`]).
    pub fn route_json(&self, enquiry_json: &str) -> Result<String, EnquiryError> {
        let enquiry = parse_enquiry(enquiry_json)?;
        let decision = self.route(&enquiry);
        serde_json::to_string(&decision).map_err(|e| EnquiryError::from_json(&e, ""))
    }

    /// Routes an enquiry given as JSON at the time `now` (used when the
    /// enquiry has no `received_at`); see [`Router::route_at`].
    pub fn route_json_at(
        &self,
        enquiry_json: &str,
        now: jiff::Timestamp,
    ) -> Result<String, EnquiryError> {
        let enquiry = parse_enquiry(enquiry_json)?;
        let decision = self.route_at(&enquiry, now);
        serde_json::to_string(&decision).map_err(|e| EnquiryError::from_json(&e, ""))
    }

    /// Every enquiry type as a JSON array of [`EnquiryTypeInfo`] objects,
    /// in rule-file order: the catalogue a host checks its own
    /// configuration against (every `external.platina_case_type` known to
    /// Platina, say) or builds a form's category list from.
    ///
    /// Fails only if serde_json does, which it does not for these values.
    ///
    /// [`EnquiryTypeInfo`]: crate::EnquiryTypeInfo
    pub fn enquiry_types_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&self.enquiry_types().collect::<Vec<_>>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_is_not_an_enquiry() {
        // A derived `Deserialize` would read the array by field position.
        let e = parse_enquiry("\n  [\"E-1\", \"email\", \"bygglov\"]").err();
        let e = e.unwrap_or_else(|| unreachable!("an array was read as an enquiry"));
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("JSON object"), "{}", e.message);
        assert!(parse_enquiry(r#"{"text": "bygglov"}"#).is_ok());
    }
}
