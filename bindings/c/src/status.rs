//! The status codes every fallible function returns, and the failures behind
//! them.

use std::any::Any;

use kommunlots_core::{EnquiryError, LoadError};

/// What a fallible kommunlots function reports. `KL_OK` is 0; every other
/// value is a failure whose details (message, file, line, column) are readable
/// with the `kl_last_error_*` functions on the same thread.
///
/// The numbers are part of the ABI: they never change, and new codes are only
/// ever added at the end. Hosts should treat an unknown non-zero value as a
/// failure.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(
    non_camel_case_types,
    reason = "C names, exported verbatim into kommunlots.h"
)]
pub enum kl_status {
    /// Success. Out-parameters have been written.
    KL_OK = 0,
    /// A pointer argument that must not be NULL was NULL (including an
    /// element of a names/texts array). The message names the argument.
    KL_NULL_ARGUMENT = 1,
    /// A string argument is not valid UTF-8. For an enquiry or a rule text,
    /// line and column point at the first bad byte (for a rule text, the file
    /// is its name).
    KL_INVALID_UTF8 = 2,
    /// The enquiry JSON is malformed or has an unknown field or a wrong type.
    /// Line and column are 1-based positions in the JSON text; the file is
    /// empty.
    KL_INVALID_ENQUIRY = 3,
    /// The rule set could not be loaded: a file is missing or unreadable, is
    /// not valid TOML, or fails the check. File, line and column locate the
    /// first error; `kl_last_error_report` renders every diagnostic.
    KL_RULES_ERROR = 4,
    /// The enquiry JSON is longer than `KL_MAX_ENQUIRY_JSON_BYTES`.
    KL_TOO_LARGE = 5,
    /// A bug in kommunlots: a panic was caught at the C boundary. The router
    /// and the process are still usable; please report the message.
    KL_PANIC = 6,
    /// A bug in kommunlots that did not panic (an answer that could not be
    /// turned into a C string, for example). Please report the message.
    KL_INTERNAL = 7,
    /// A number argument is out of its range (a time outside the years
    /// -9999 to 9999, for example). The message names the argument.
    KL_INVALID_ARGUMENT = 8,
}

/// A failure on its way to the caller: the status and the details stored as
/// the thread's last error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    pub status: kl_status,
    /// One sentence.
    pub message: String,
    /// Every detail, multi-line for rule errors (rendered like a compiler).
    pub report: String,
    /// The rule file at fault, or empty.
    pub file: String,
    /// 1-based, or 0 when unknown.
    pub line: usize,
    /// 1-based, or 0 when unknown.
    pub column: usize,
}

impl Failure {
    fn new(status: kl_status, message: String) -> Failure {
        Failure {
            status,
            report: message.clone(),
            message,
            file: String::new(),
            line: 0,
            column: 0,
        }
    }

    pub fn null_argument(name: &str) -> Failure {
        Failure::new(
            kl_status::KL_NULL_ARGUMENT,
            format!("the argument `{name}` is NULL"),
        )
    }

    /// `bytes` is the whole string and `valid_up_to` the length of its valid
    /// prefix; line and column are those of the first bad byte.
    pub fn invalid_utf8(what: &str, file: &str, bytes: &[u8], valid_up_to: usize) -> Failure {
        let valid = String::from_utf8_lossy(&bytes[..valid_up_to.min(bytes.len())]);
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let message = format!("{what} is not valid UTF-8 (bad byte at offset {valid_up_to})");
        let report = if file.is_empty() {
            format!("{message} at line {line}, column {column}")
        } else {
            format!("{message} at {file}:{line}:{column}")
        };
        Failure {
            status: kl_status::KL_INVALID_UTF8,
            message,
            report,
            file: file.to_owned(),
            line,
            column,
        }
    }

    pub fn too_large(len: usize, limit: usize) -> Failure {
        Failure::new(
            kl_status::KL_TOO_LARGE,
            format!("the enquiry is {len} bytes, more than the limit of {limit}"),
        )
    }

    pub fn enquiry(e: &EnquiryError) -> Failure {
        Failure {
            status: kl_status::KL_INVALID_ENQUIRY,
            message: e.message.clone(),
            report: e.to_string(),
            file: String::new(),
            line: e.line,
            column: e.column,
        }
    }

    pub fn rules(e: &LoadError) -> Failure {
        let report = e.to_string();
        match e.first() {
            Some(d) => Failure {
                status: kl_status::KL_RULES_ERROR,
                message: d.message.clone(),
                report,
                file: d.location.file.clone(),
                line: d.location.line,
                column: d.location.column,
            },
            None => Failure {
                report,
                ..Failure::new(
                    kl_status::KL_RULES_ERROR,
                    "the rule set was not loaded".into(),
                )
            },
        }
    }

    pub fn invalid_argument(name: &str, why: &str) -> Failure {
        Failure::new(
            kl_status::KL_INVALID_ARGUMENT,
            format!("the argument `{name}` {why}"),
        )
    }

    pub fn internal(message: String) -> Failure {
        Failure::new(kl_status::KL_INTERNAL, message)
    }

    pub fn panic(payload: &(dyn Any + Send)) -> Failure {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        Failure::new(
            kl_status::KL_PANIC,
            format!("internal error: kommunlots panicked: {what}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_locates_the_bad_byte() {
        let bytes = b"{\n  \"text\": \"sn\xc3\xb6 \xff\"}";
        let at = 18;
        assert_eq!(bytes[at], 0xff);
        let f = Failure::invalid_utf8("the enquiry", "", bytes, at);
        assert_eq!((f.line, f.column), (2, 16));
        assert_eq!(f.status, kl_status::KL_INVALID_UTF8);
    }

    #[test]
    fn panic_payloads_become_messages() {
        let f = Failure::panic(&"boom");
        assert_eq!(f.message, "internal error: kommunlots panicked: boom");
        let f = Failure::panic(&String::from("bang"));
        assert!(f.message.ends_with("bang"), "{}", f.message);
        let f = Failure::panic(&42_u8);
        assert!(f.message.ends_with("(no message)"), "{}", f.message);
    }
}
