//! The router handle: loading a rule set, routing enquiries, freeing it.

use std::ffi::{CString, c_char};

use kommunlots_core::Router;

use crate::boundary::{Out, c_bytes, c_str, status, utf8};
use crate::status::{Failure, kl_status};

/// Largest enquiry JSON `kl_route_json` accepts, in bytes (without the
/// terminating NUL). Longer enquiries fail with `KL_TOO_LARGE`.
pub const KL_MAX_ENQUIRY_JSON_BYTES: usize = 16 * 1024 * 1024;

const _: () = assert!(KL_MAX_ENQUIRY_JSON_BYTES == kommunlots_core::json::MAX_ENQUIRY_JSON_BYTES);

/// A compiled, validated rule set that routes enquiries. Opaque: only ever
/// handled through a pointer.
///
/// A router is immutable. One router may be used from any number of threads
/// at once (`kl_route_json` takes it `const`), without locking. To change the
/// rules, load a new router and swap the pointer; a failed load leaves the old
/// router untouched and usable. Free it with `kl_router_free` once no thread
/// uses it any more.
#[allow(
    non_camel_case_types,
    reason = "C name, exported verbatim into kommunlots.h"
)]
pub struct kl_router {
    router: Router,
}

impl kl_router {
    fn boxed(router: Router) -> *mut kl_router {
        Box::into_raw(Box::new(kl_router { router }))
    }
}

/// Loads, checks and compiles the rule set in the folder `dir`
/// (`municipality.toml` plus one `departments/<id>.toml` per department).
///
/// On `KL_OK`, `*out` receives a new router, which the caller owns and must
/// free with `kl_router_free`. On failure `*out` is left unchanged and the
/// details are in the `kl_last_error_*` functions: `KL_RULES_ERROR` with the
/// file, line and column of the first error (a missing file or folder is
/// reported as that path, such as `departments`, at line 1, column 1),
/// `KL_NULL_ARGUMENT`, or `KL_INVALID_UTF8`.
///
/// Ownership: `dir` is borrowed for the duration of the call.
///
/// # Safety
/// `dir` is NULL or a NUL-terminated UTF-8 path. `out` is NULL or valid for
/// writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_new_from_dir(
    dir: *const c_char,
    out: *mut *mut kl_router,
) -> kl_status {
    status(|| {
        let out = Out::new(out, "out")?;
        // SAFETY: `dir` is NULL or a NUL-terminated string, by contract.
        let dir = unsafe { c_str(dir, "dir") }?;
        let router = Router::from_dir(dir).map_err(|e| Failure::rules(&e))?;
        // SAFETY: `out` is valid for writing one pointer, by contract.
        unsafe { out.write(kl_router::boxed(router)) };
        Ok(())
    })
}

/// Loads, checks and compiles a rule set given as `count` pairs of file name
/// and TOML text, for hosts that keep the rules in their own database. The
/// names are paths as in a rule set folder: one `municipality.toml` and one
/// `departments/<id>.toml` per department. Errors are reported with these
/// names.
///
/// On `KL_OK`, `*out` receives a new router, which the caller owns and must
/// free with `kl_router_free`. On failure `*out` is left unchanged:
/// `KL_RULES_ERROR` (file, line and column of the first error),
/// `KL_NULL_ARGUMENT` (the message names the NULL element, such as
/// `texts[1]`), or `KL_INVALID_UTF8` (for a text: its file name and the line
/// and column of the bad byte).
///
/// Ownership: `names`, `texts` and their strings are borrowed for the
/// duration of the call; kommunlots copies what it keeps.
///
/// # Safety
/// `names` and `texts` are NULL (allowed only when `count` is 0) or point to
/// `count` pointers each, every one NULL or a NUL-terminated string. `out` is
/// NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_new_from_strings(
    names: *const *const c_char,
    texts: *const *const c_char,
    count: usize,
    out: *mut *mut kl_router,
) -> kl_status {
    status(|| {
        let out = Out::new(out, "out")?;
        // SAFETY: `names` holds `count` pointers (or is NULL), by contract.
        let names = unsafe { array(names, count, "names") }?;
        // SAFETY: as for `names`.
        let texts = unsafe { array(texts, count, "texts") }?;
        let mut files = Vec::with_capacity(count);
        for (i, (&name, &text)) in names.iter().zip(texts).enumerate() {
            // SAFETY: each element is NULL or a NUL-terminated string, by
            // contract.
            let name = unsafe { c_str(name, &format!("names[{i}]")) }?;
            // SAFETY: as for the name.
            let bytes = unsafe { c_bytes(text, &format!("texts[{i}]")) }?;
            let text = utf8(bytes, &format!("the rule text `{name}`"), name)?;
            files.push((name, text));
        }
        let router = Router::from_sources(files).map_err(|e| Failure::rules(&e))?;
        // SAFETY: `out` is valid for writing one pointer, by contract.
        unsafe { out.write(kl_router::boxed(router)) };
        Ok(())
    })
}

/// The `count` elements of the C array `ptr` (which may be NULL when `count`
/// is 0).
///
/// # Safety
/// `ptr` is NULL or points to `count` initialised elements that stay valid
/// and unchanged for `'a`.
unsafe fn array<'a, T>(ptr: *const T, count: usize, name: &str) -> Result<&'a [T], Failure> {
    if count == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::null_argument(name));
    }
    // SAFETY: not NULL (checked above), `count` valid elements by contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Frees a router made by `kl_router_new_from_dir` or
/// `kl_router_new_from_strings`. NULL is allowed and does nothing.
///
/// Ownership: takes back the router; `router` must not be used afterwards,
/// by this or any other thread. Free each router exactly once.
///
/// # Safety
/// `router` is NULL or a router from a `kl_router_new_*` function that has
/// not been freed and that no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_free(router: *mut kl_router) {
    crate::boundary::guard(
        || {
            if !router.is_null() {
                // SAFETY: made by `Box::into_raw` in `kl_router::boxed` and
                // not yet freed, by contract.
                drop(unsafe { Box::from_raw(router) });
            }
        },
        |_| (),
    );
}

/// Routes one enquiry, given as JSON (every field optional):
/// `{"id": "E-1" or 42, "channel": "phone" | "email" | "e-service" | "letter"
/// | "visit" | "social-media", "text": "...", "form": "TF-PTRH",
/// "received_at": "2027-01-04T09:00:00+01:00", "language": "sv",
/// "fields": {...}}`. Unknown fields are an error.
///
/// On `KL_OK`, `*out` receives the decision as JSON text (`status`,
/// `department`, `unit`, `rosa_level`, `first_line`, `handler`, `path`,
/// `explanation`, ...; see the core's `Decision`). An enquiry nothing
/// recognises still succeeds: it goes to the first line. On failure `*out` is
/// left unchanged: `KL_INVALID_ENQUIRY` (with line and column in the JSON
/// text), `KL_INVALID_UTF8`, `KL_TOO_LARGE` (more than
/// `KL_MAX_ENQUIRY_JSON_BYTES`), or `KL_NULL_ARGUMENT`.
///
/// Ownership: `router` and `enquiry_json` are borrowed for the duration of
/// the call. The caller owns `*out` and must free it with `kl_string_free`.
///
/// Threads: any number of threads may call this at once on the same router.
///
/// # Safety
/// `router` is NULL or a live router. `enquiry_json` is NULL or a
/// NUL-terminated string. `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_route_json(
    router: *const kl_router,
    enquiry_json: *const c_char,
    out: *mut *mut c_char,
) -> kl_status {
    // SAFETY: the same contract as `route`'s.
    status(|| unsafe { route(router, enquiry_json, None, out) })
}

/// Routes one enquiry like `kl_route_json`, but at the time
/// `now_unix_seconds` (seconds since 1970-01-01T00:00:00Z) instead of the
/// system clock: deadlines count from the enquiry's `received_at`, else
/// from this time. The same enquiry and time always give the same
/// decision: for a host that registers the enquiry at another time than it
/// routes it, for replays and for tests.
///
/// Fails like `kl_route_json`, and with `KL_INVALID_ARGUMENT` for a time
/// outside the years -9999 to 9999.
///
/// # Safety
/// As for `kl_route_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_route_json_at(
    router: *const kl_router,
    enquiry_json: *const c_char,
    now_unix_seconds: i64,
    out: *mut *mut c_char,
) -> kl_status {
    status(|| {
        let now = jiff::Timestamp::from_second(now_unix_seconds).map_err(|_| {
            Failure::invalid_argument("now_unix_seconds", "is outside the years -9999 to 9999")
        })?;
        // SAFETY: the same contract as `route`'s.
        unsafe { route(router, enquiry_json, Some(now), out) }
    })
}

/// `kl_route_json` and `kl_route_json_at`: at `now`, else the system clock.
///
/// # Safety
/// As for `kl_route_json`.
unsafe fn route(
    router: *const kl_router,
    enquiry_json: *const c_char,
    now: Option<jiff::Timestamp>,
    out: *mut *mut c_char,
) -> Result<(), Failure> {
    let out = Out::new(out, "out")?;
    // SAFETY: NULL or a live router, by contract; routers are immutable,
    // so a shared reference is sound even with other threads routing.
    let router = unsafe { router.as_ref() }.ok_or_else(|| Failure::null_argument("router"))?;
    // SAFETY: NULL or a NUL-terminated string, by contract.
    let bytes = unsafe { c_bytes(enquiry_json, "enquiry_json") }?;
    if bytes.len() > KL_MAX_ENQUIRY_JSON_BYTES {
        return Err(Failure::too_large(bytes.len(), KL_MAX_ENQUIRY_JSON_BYTES));
    }
    let json = utf8(bytes, "the enquiry", "")?;
    let decision = match now {
        Some(now) => router.router.route_json_at(json, now),
        None => router.router.route_json(json),
    }
    .map_err(|e| Failure::enquiry(&e))?;
    // SAFETY: `out` is valid for writing one pointer, by contract.
    unsafe { write_string(out, decision) }
}

/// How many warnings the check found in the router's rule set (types
/// without a test case, a keyword claimed by two departments, ...); 0 for a
/// NULL router. Warnings never stop a rule set from loading.
///
/// # Safety
/// `router` is NULL or a live router.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_warning_count(router: *const kl_router) -> usize {
    // SAFETY: NULL or a live router, by contract.
    unsafe { router.as_ref() }.map_or(0, |r| r.router.warnings().len())
}

/// The router's warnings, rendered like a compiler's (file, line and
/// column, the line itself and a caret), one after another; an empty
/// string when there are none. For a host's log when it loads new rules.
///
/// On `KL_OK`, `*out` receives the text, which the caller owns and must free
/// with `kl_string_free`. Fails only with `KL_NULL_ARGUMENT`.
///
/// # Safety
/// `router` is NULL or a live router. `out` is NULL or valid for writing
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_warnings(
    router: *const kl_router,
    out: *mut *mut c_char,
) -> kl_status {
    // SAFETY: the caller's contract is `describe`'s.
    unsafe {
        describe(router, out, |r| {
            let report: Vec<String> = r.warnings().iter().map(|d| d.render(false)).collect();
            Ok(report.join("\n"))
        })
    }
}

/// Every enquiry type of the router's rule set, as a JSON array in
/// rule-file order. Each element has `id`, `name`, `department`,
/// `department_name`, `unit`, `rosa_level`, `first_line`, `confidential`,
/// `form_codes`, `legal_reference` and `external` (the type's `external`
/// table, as decisions carry it): for a host to check its own
/// configuration at start-up, for example that every
/// `external.platina_case_type` exists in the case-management system.
///
/// On `KL_OK`, `*out` receives the JSON, which the caller owns and must free
/// with `kl_string_free`. Fails only with `KL_NULL_ARGUMENT`.
///
/// # Safety
/// `router` is NULL or a live router. `out` is NULL or valid for writing
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kl_router_enquiry_types_json(
    router: *const kl_router,
    out: *mut *mut c_char,
) -> kl_status {
    // SAFETY: the caller's contract is `describe`'s.
    unsafe {
        describe(router, out, |r| {
            r.enquiry_types_json()
                .map_err(|e| Failure::internal(format!("listing the enquiry types: {e}")))
        })
    }
}

/// The body of the functions that describe a router in a string the
/// caller frees: checks the arguments, runs `text` inside the panic
/// boundary and hands its answer over through `out`.
///
/// # Safety
/// `router` is NULL or a live router. `out` is NULL or valid for writing
/// one pointer.
unsafe fn describe(
    router: *const kl_router,
    out: *mut *mut c_char,
    text: impl FnOnce(&Router) -> Result<String, Failure>,
) -> kl_status {
    status(|| {
        let out = Out::new(out, "out")?;
        // SAFETY: NULL or a live router, by contract.
        let router = unsafe { router.as_ref() }.ok_or_else(|| Failure::null_argument("router"))?;
        let text = text(&router.router)?;
        // SAFETY: `out` is valid for writing one pointer, by contract.
        unsafe { write_string(out, text) }
    })
}

/// Hands `text` to the caller through `out`, as a string it frees with
/// `kl_string_free`.
///
/// # Safety
/// `out` is valid for writing one pointer.
unsafe fn write_string(out: Out<*mut c_char>, text: String) -> Result<(), Failure> {
    let text = CString::new(text)
        .map_err(|e| Failure::internal(format!("the answer contains NUL: {e}")))?;
    // SAFETY: `out` is valid for writing one pointer, by contract.
    unsafe { out.write(text.into_raw()) };
    Ok(())
}
