//! The panic boundary every `extern "C"` body runs behind, and the helpers
//! that read C arguments and write out-parameters.
//!
//! A panic must never unwind into C (since Rust 1.81 it aborts the process,
//! and before that it was undefined behaviour). Every exported function is
//! therefore a single call to [`status`] (for functions returning
//! `kl_status`) or [`guard`] (for the rest), and both funnel into the one
//! `catch_unwind` in [`guard`].

use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::last_error;
use crate::status::{Failure, kl_status};

/// Runs `body`, returning `on_panic(failure)` if it panics. This is the one
/// `catch_unwind` of the crate.
///
/// `AssertUnwindSafe` is sound here: the bodies share no state with the
/// caller that a panic could leave half-updated. Routers are immutable, and
/// out-parameters are written last, after everything that can fail.
pub(crate) fn guard<T>(body: impl FnOnce() -> T, on_panic: impl FnOnce(Failure) -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => on_panic(Failure::panic(&*payload)),
    }
}

/// The body of a function returning `kl_status`: clears the thread's last
/// error, runs `body` behind the panic boundary, and on failure stores the
/// failure as the last error and returns its status.
pub(crate) fn status(body: impl FnOnce() -> Result<(), Failure>) -> kl_status {
    last_error::clear();
    match guard(body, Err) {
        Ok(()) => kl_status::KL_OK,
        Err(failure) => {
            last_error::set(&failure);
            failure.status
        }
    }
}

/// The bytes of the NUL-terminated string `ptr`, without the NUL.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for `'a`.
pub(crate) unsafe fn c_bytes<'a>(ptr: *const c_char, name: &str) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::null_argument(name));
    }
    // SAFETY: not NULL (checked above); NUL-terminated and valid for 'a by
    // this function's contract.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_bytes())
}

/// `bytes` as UTF-8. `what` names the string in the message (`the enquiry`);
/// `file` is the rule file it is, or "".
pub(crate) fn utf8<'a>(bytes: &'a [u8], what: &str, file: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes)
        .map_err(|e| Failure::invalid_utf8(what, file, bytes, e.valid_up_to()))
}

/// The string `ptr` as UTF-8.
///
/// # Safety
/// As for [`c_bytes`].
pub(crate) unsafe fn c_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from this function's contract.
    let bytes = unsafe { c_bytes(ptr, name) }?;
    utf8(bytes, &format!("the argument `{name}`"), "")
}

/// An out-parameter, checked for NULL before any work is done, so that a
/// NULL one fails early and nothing is allocated that could leak.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    pub fn new(ptr: *mut T, name: &str) -> Result<Out<T>, Failure> {
        if ptr.is_null() {
            Err(Failure::null_argument(name))
        } else {
            Ok(Out(ptr))
        }
    }

    /// Writes `value`, the last step of a successful call.
    ///
    /// # Safety
    /// The pointer given to [`Out::new`] is valid for a write of `T` (and
    /// suitably aligned).
    pub unsafe fn write(self, value: T) {
        // SAFETY: not NULL (checked in `new`); valid and aligned by this
        // function's contract. `write` does not drop the old value, which is
        // uninitialised or belongs to the caller.
        unsafe { self.0.write(value) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_kl_panic_with_its_message() {
        let got = status(|| panic!("on purpose"));
        assert_eq!(got, kl_status::KL_PANIC);
        // SAFETY: the accessor returns a valid, NUL-terminated string.
        let message = unsafe { CStr::from_ptr(crate::kl_last_error_message()) };
        assert_eq!(
            message.to_str().ok(),
            Some("internal error: kommunlots panicked: on purpose")
        );
        assert_eq!(status(|| Ok(())), kl_status::KL_OK);
        // SAFETY: as above.
        let message = unsafe { CStr::from_ptr(crate::kl_last_error_message()) };
        assert!(message.is_empty(), "a success clears the last error");
    }

    #[test]
    fn a_panic_in_guard_returns_the_fallback() {
        let got = guard(|| -> u8 { panic!("x") }, |_| 7);
        assert_eq!(got, 7);
    }
}
