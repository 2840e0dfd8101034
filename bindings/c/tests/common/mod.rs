//! Helpers shared by the tests that call the C ABI from Rust.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::ffi::{CStr, CString, c_char};
use std::path::PathBuf;
use std::ptr;

use kommunlots::*;

/// The reference rule set, `rules/klippan/`.
pub fn klippan_dir() -> CString {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules/klippan");
    CString::new(dir.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A small, valid rule set as (name, text) pairs.
pub const MUNICIPALITY: &str = r#"[municipality]
name = "Exempels kommun"

[first_line]
id = "kontaktcenter"
name = "Kontaktcenter"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"#;

/// A department file whose ROSA level is a string: an error on line 10,
/// column 9.
pub const BAD_DEPARTMENT: &str = r#"[department]
id = "plan-bygg"
name = "Plan- och byggförvaltningen"

[[unit]]
id = "bygglov"
name = "Bygglovsenheten"

[[type]]
level = "sex"
id = "bygglov-ansokan"
name = "Ansökan om bygglov"
unit = "bygglov"
keywords = ["bygglov"]
"#;

/// The thread's last error, copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastError {
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub report: String,
}

fn copy(s: *const c_char) -> String {
    assert!(!s.is_null(), "a kl_last_error_* accessor returned NULL");
    // SAFETY: the accessors return valid NUL-terminated strings.
    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
}

pub fn last_error() -> LastError {
    LastError {
        message: copy(kl_last_error_message()),
        file: copy(kl_last_error_file()),
        line: kl_last_error_line(),
        column: kl_last_error_column(),
        report: copy(kl_last_error_report()),
    }
}

/// Loads a router from the folder `dir`.
pub fn from_dir(dir: &CStr) -> Result<*mut kl_router, (kl_status, LastError)> {
    let mut router = ptr::null_mut();
    // SAFETY: a valid string and out-pointer.
    match unsafe { kl_router_new_from_dir(dir.as_ptr(), &mut router) } {
        kl_status::KL_OK => Ok(router),
        status => Err((status, last_error())),
    }
}

pub fn klippan() -> *mut kl_router {
    match from_dir(&klippan_dir()) {
        Ok(router) => router,
        Err((status, e)) => unreachable!("rules/klippan did not load: {status:?} {}", e.report),
    }
}

/// Loads a router from (name, text) pairs.
pub fn from_strings(files: &[(&str, &str)]) -> Result<*mut kl_router, (kl_status, LastError)> {
    let names: Vec<CString> = files.iter().map(|f| c(f.0)).collect();
    let texts: Vec<CString> = files.iter().map(|f| c(f.1)).collect();
    from_c_strings(&names, &texts)
}

pub fn from_c_strings(
    names: &[CString],
    texts: &[CString],
) -> Result<*mut kl_router, (kl_status, LastError)> {
    let names: Vec<*const c_char> = names.iter().map(|s| s.as_ptr()).collect();
    let texts: Vec<*const c_char> = texts.iter().map(|s| s.as_ptr()).collect();
    let mut router = ptr::null_mut();
    // SAFETY: two arrays of `names.len()` valid strings and an out-pointer.
    let status = unsafe {
        kl_router_new_from_strings(names.as_ptr(), texts.as_ptr(), names.len(), &mut router)
    };
    match status {
        kl_status::KL_OK => Ok(router),
        status => Err((status, last_error())),
    }
}

/// Routes an enquiry given as raw bytes (without NUL).
pub fn route_bytes(
    router: *const kl_router,
    json: &[u8],
) -> Result<serde_json::Value, (kl_status, LastError)> {
    let json = CString::new(json).unwrap_or_default();
    let mut out = ptr::null_mut();
    // SAFETY: a live router, a valid string and an out-pointer.
    match unsafe { kl_route_json(router, json.as_ptr(), &mut out) } {
        kl_status::KL_OK => {
            assert!(!out.is_null(), "KL_OK without a decision");
            // SAFETY: a NUL-terminated string kommunlots handed over.
            let text = unsafe { CStr::from_ptr(out) }
                .to_string_lossy()
                .into_owned();
            // SAFETY: handed over by kl_route_json, freed once.
            unsafe { kl_string_free(out) };
            Ok(serde_json::from_str(&text).unwrap_or_default())
        }
        status => {
            assert!(out.is_null(), "out written on failure");
            Err((status, last_error()))
        }
    }
}

pub fn route(
    router: *const kl_router,
    json: &str,
) -> Result<serde_json::Value, (kl_status, LastError)> {
    route_bytes(router, json.as_bytes())
}

pub fn c(s: &str) -> CString {
    CString::new(s).unwrap_or_default()
}

pub fn free(router: *mut kl_router) {
    // SAFETY: a router from kl_router_new_*, freed once.
    unsafe { kl_router_free(router) }
}

/// Takes a string kommunlots handed over: copies it and frees it.
pub fn take_string(s: *mut c_char) -> String {
    assert!(!s.is_null(), "KL_OK without a string");
    // SAFETY: a NUL-terminated string kommunlots handed over.
    let text = unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned();
    // SAFETY: handed over by kommunlots, freed once.
    unsafe { kl_string_free(s) };
    text
}

/// Routes an enquiry with `kl_route_json_at`.
pub fn route_at(
    router: *const kl_router,
    json: &str,
    now_unix_seconds: i64,
) -> Result<String, (kl_status, LastError)> {
    let json = c(json);
    let mut out = ptr::null_mut();
    // SAFETY: a live router, a valid string and an out-pointer.
    match unsafe { kl_route_json_at(router, json.as_ptr(), now_unix_seconds, &mut out) } {
        kl_status::KL_OK => Ok(take_string(out)),
        status => {
            assert!(out.is_null(), "out written on failure");
            Err((status, last_error()))
        }
    }
}
