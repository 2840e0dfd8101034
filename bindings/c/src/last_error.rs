//! The thread's last error: what the last failed call on this thread went
//! wrong with, readable after it returned a status other than `KL_OK`.

use std::cell::RefCell;
use std::ffi::{CString, c_char};

use crate::boundary::guard;
use crate::status::Failure;

/// The last error, kept as C strings so the accessors can lend pointers.
struct LastError {
    message: CString,
    report: CString,
    file: CString,
    line: usize,
    column: usize,
}

impl LastError {
    fn empty() -> LastError {
        LastError {
            message: CString::default(),
            report: CString::default(),
            file: CString::default(),
            line: 0,
            column: 0,
        }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError::empty());
}

/// A C string of `s`, with any NUL byte (which a rule text could quote into
/// a message) replaced by U+FFFD.
pub(crate) fn c_string_lossy(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{fffd}")).unwrap_or_default()
}

/// Forgets the last error: every status-returning function starts with this.
pub(crate) fn clear() {
    // `try_with` fails only while the thread is being torn down; there is
    // nothing to clear then.
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = LastError::empty());
}

/// Stores `failure` as the thread's last error.
pub(crate) fn set(failure: &Failure) {
    let _ = LAST_ERROR.try_with(|e| {
        *e.borrow_mut() = LastError {
            message: c_string_lossy(&failure.message),
            report: c_string_lossy(&failure.report),
            file: c_string_lossy(&failure.file),
            line: failure.line,
            column: failure.column,
        };
    });
}

/// A pointer to one of the last error's strings; "" if the thread-local is
/// gone.
fn lend(field: fn(&LastError) -> &CString) -> *const c_char {
    guard(
        || {
            LAST_ERROR
                .try_with(|e| field(&e.borrow()).as_ptr())
                .unwrap_or(c"".as_ptr())
        },
        |_| c"".as_ptr(),
    )
}

/// The last error's message on this thread: one sentence, in English, with
/// no location (read that with `kl_last_error_file`, `_line`, `_column`).
/// "" when the last status-returning call on this thread returned `KL_OK`.
///
/// Ownership: borrowed, never NULL. Do not free it. It stays valid until the
/// next call on this thread of a function that returns `kl_status`; copy it
/// before that if you need it longer.
#[unsafe(no_mangle)]
pub extern "C" fn kl_last_error_message() -> *const c_char {
    lend(|e| &e.message)
}

/// The last error on this thread in full, for a log or a rule author: for
/// `KL_RULES_ERROR`, every diagnostic rendered like a compiler error (file,
/// line, the source line and a caret under the fault, with help), possibly
/// over many lines. "" after `KL_OK`.
///
/// Ownership: borrowed, never NULL. Do not free it. Valid until the next call
/// on this thread of a function that returns `kl_status`.
#[unsafe(no_mangle)]
pub extern "C" fn kl_last_error_report() -> *const c_char {
    lend(|e| &e.report)
}

/// The rule file the last error on this thread is in, as named in the rule
/// set (`departments/teknik.toml`). "" when the error is not in a rule file
/// (an enquiry error, a NULL argument) or after `KL_OK`.
///
/// Ownership: borrowed, never NULL. Do not free it. Valid until the next call
/// on this thread of a function that returns `kl_status`.
#[unsafe(no_mangle)]
pub extern "C" fn kl_last_error_file() -> *const c_char {
    lend(|e| &e.file)
}

/// The 1-based line of the last error on this thread: in the rule file named
/// by `kl_last_error_file`, or in the enquiry JSON text for
/// `KL_INVALID_ENQUIRY` and `KL_INVALID_UTF8`. 0 when no line applies.
#[unsafe(no_mangle)]
pub extern "C" fn kl_last_error_line() -> usize {
    guard(
        || LAST_ERROR.try_with(|e| e.borrow().line).unwrap_or(0),
        |_| 0,
    )
}

/// The 1-based column of the last error on this thread, counted in
/// characters (Unicode scalar values, not bytes), in the rule file or in the
/// enquiry JSON text. 0 when no column applies.
#[unsafe(no_mangle)]
pub extern "C" fn kl_last_error_column() -> usize {
    guard(
        || LAST_ERROR.try_with(|e| e.borrow().column).unwrap_or(0),
        |_| 0,
    )
}
