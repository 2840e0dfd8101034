//! The check of the `c_route_json` fuzz target, shared by the target
//! (`fuzz/fuzz_targets/c_route_json.rs` includes this file by path) and by
//! `tests/fuzz_regressions.rs`, which replays every seed and saved crash
//! under `fuzz/` with a plain `cargo test`.
//!
//! The includer provides a module `capi` re-exporting the C ABI (here the
//! crate is `kommunlots`; in the fuzz workspace, `kommunlots_c`).
#![allow(dead_code, reason = "each includer uses a different subset")]
#![allow(
    clippy::panic,
    reason = "a check fails by panicking; `allow`, not `expect`: the fuzz workspace does not enable the lint"
)]

use std::ffi::{CStr, CString, c_char};
use std::ptr;
use std::sync::OnceLock;

use super::capi::{
    kl_last_error_column, kl_last_error_line, kl_last_error_message, kl_route_json, kl_router,
    kl_router_new_from_dir, kl_status, kl_string_free,
};

/// Inputs longer than this are skipped.
pub const MAX_INPUT: usize = 64 * 1024;

/// A router shared across calls (routers are immutable and thread-safe).
struct Shared(*mut kl_router);
// SAFETY: a kl_router is immutable and documented as usable from any thread.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

fn klippan() -> *const kl_router {
    static ROUTER: OnceLock<Shared> = OnceLock::new();
    ROUTER
        .get_or_init(|| {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/klippan");
            // From `fuzz/`, the manifest dir is one level up less deep.
            let dir = if std::path::Path::new(dir).exists() {
                dir.to_owned()
            } else {
                concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/klippan").to_owned()
            };
            let dir = CString::new(dir).unwrap_or_default();
            let mut router = ptr::null_mut();
            // SAFETY: a valid string and out-pointer.
            let status = unsafe { kl_router_new_from_dir(dir.as_ptr(), &mut router) };
            assert_eq!(status, kl_status::KL_OK, "rules/klippan must load");
            Shared(router)
        })
        .0
}

/// Calls `kl_route_json` with the input up to its first NUL (as C would
/// see it) and checks the status, the out-parameter and the last error.
pub fn check_c_route_json(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut bytes = data[..end].to_vec();
    bytes.push(0);
    let json = bytes.as_ptr().cast::<c_char>();
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: a live router, a NUL-terminated string and an out-pointer.
    let status = unsafe { kl_route_json(klippan(), json, &mut out) };
    match status {
        kl_status::KL_OK => {
            assert!(!out.is_null(), "KL_OK without a decision");
            // SAFETY: a NUL-terminated string kommunlots handed over.
            let text = unsafe { CStr::from_ptr(out) }.to_str().map(str::to_owned);
            // SAFETY: handed over by kl_route_json, freed once.
            unsafe { kl_string_free(out) };
            let text = match text {
                Ok(t) => t,
                Err(e) => panic!("the decision is not UTF-8: {e}"),
            };
            let decision: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => panic!("the decision is not JSON: {e}\n{text}"),
            };
            let path = decision["path"].as_array().map_or(0, Vec::len);
            assert!(path > 0, "a decision without a path: {text}");
            if decision["rosa_level"].as_u64().is_some_and(|l| l >= 5) {
                assert_eq!(
                    decision["first_line"], false,
                    "level 5-6 at the first line: {text}"
                );
            }
            if decision["status"] == "unmatched" {
                assert_eq!(
                    decision["first_line"], true,
                    "unmatched not at the first line"
                );
            }
        }
        kl_status::KL_INVALID_UTF8 | kl_status::KL_INVALID_ENQUIRY | kl_status::KL_TOO_LARGE => {
            assert!(out.is_null(), "out written on failure ({status:?})");
            // SAFETY: the accessor returns a valid NUL-terminated string.
            let message = unsafe { CStr::from_ptr(kl_last_error_message()) };
            assert!(!message.is_empty(), "{status:?} without a message");
            let (line, column) = (kl_last_error_line(), kl_last_error_column());
            if status == kl_status::KL_INVALID_UTF8 {
                assert!(line >= 1 && column >= 1, "{status:?} at {line}:{column}");
            }
            if line > 0 {
                let lines = data[..end].split(|&b| b == b'\n').count();
                assert!(line <= lines, "line {line} of {lines}: {message:?}");
            }
        }
        other => {
            // SAFETY: the accessor returns a valid NUL-terminated string.
            let message = unsafe { CStr::from_ptr(kl_last_error_message()) };
            panic!("kl_route_json returned {other:?}: {message:?}");
        }
    }
}

/// The files under `fuzz/<kind>/<target>/`, sorted, as (path, bytes).
pub fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect()
}
