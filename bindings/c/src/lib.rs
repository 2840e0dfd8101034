//! C ABI for kommunlots, for case-management systems such as Formpipe
//! Platina (through P/Invoke) and any other host that can call C.
//!
//! The header is `include/kommunlots.h`, generated from this crate by
//! cbindgen 0.29.4 and committed; `README.md` has the C example, the linking
//! instructions and the error model. In short:
//!
//! ```c
//! kl_router *router = NULL;
//! if (kl_router_new_from_dir("rules/klippan", &router) != KL_OK) {
//!     fprintf(stderr, "%s\n", kl_last_error_report());
//!     return 1;
//! }
//! char *decision = NULL;
//! if (kl_route_json(router, "{\"text\": \"Varför har ni inte plogat?\"}", &decision) == KL_OK) {
//!     puts(decision);
//!     kl_string_free(decision);
//! }
//! kl_router_free(router);
//! ```
//!
//! The conventions are rustls-ffi's: an opaque handle made by `_new` and
//! freed by a NULL-safe `_free`; a `const` pointer argument is only read;
//! every fallible function returns a [`kl_status`] with stable numbers and
//! writes its out-parameter only on `KL_OK`; after a failure the thread's
//! last error (message, file, line, column) explains it; every string
//! kommunlots hands over is freed with [`kl_string_free`]; and every
//! `extern "C"` body runs behind one panic boundary, so no input makes the
//! library crash or abort.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

mod boundary;
mod last_error;
mod router;
mod status;

use std::ffi::{CStr, CString, c_char};

pub use last_error::{
    kl_last_error_column, kl_last_error_file, kl_last_error_line, kl_last_error_message,
    kl_last_error_report,
};
pub use router::{
    KL_MAX_ENQUIRY_JSON_BYTES, kl_route_json, kl_route_json_at, kl_router,
    kl_router_enquiry_types_json, kl_router_free, kl_router_new_from_dir,
    kl_router_new_from_strings, kl_router_warning_count, kl_router_warnings,
};
pub use status::kl_status;

/// Frees a string kommunlots handed over (a decision from `kl_route_json`).
/// NULL is allowed and does nothing.
///
/// Ownership: takes back `s`; it must not be used afterwards. Only pass
/// strings that kommunlots returned through a `char **out` parameter, each
/// once. Never pass the borrowed `const char *` of `kl_version` or
/// `kl_last_error_*`.
///
/// # Safety
/// `s` is NULL or a string from a kommunlots `char **out` parameter that has
/// not been freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_string_free(s: *mut c_char) {
    boundary::guard(
        || {
            if !s.is_null() {
                // SAFETY: made by `CString::into_raw` in kommunlots and not
                // yet freed, by contract.
                drop(unsafe { CString::from_raw(s) });
            }
        },
        |_| (),
    );
}

/// The version of kommunlots, such as "0.1.0".
///
/// Ownership: static, never NULL. Do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn kl_version() -> *const c_char {
    VERSION.as_ptr()
}

/// The version as a static C string: no allocation, so nothing for a leak
/// checker to report at exit.
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => c"",
    };

// This crate and the core share the workspace version.
const _: () = assert!(bytes_eq(
    VERSION.to_bytes(),
    kommunlots_core::VERSION.as_bytes()
));

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
