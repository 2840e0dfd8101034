//! The C ABI called from Rust: the success path on rules/klippan, every
//! error status with its last error, and NULL-safety.

mod common;

use std::ffi::CStr;
use std::ptr;

use common::*;
use kommunlots::*;

#[test]
fn version_is_the_core_version() {
    // SAFETY: kl_version returns a static NUL-terminated string.
    let v = unsafe { CStr::from_ptr(kl_version()) };
    assert_eq!(v.to_str().ok(), Some(env!("CARGO_PKG_VERSION")));
}

#[test]
fn routes_snow_clearing_to_teknik_via_the_first_line() {
    let router = klippan();
    let d = route(
        router,
        r#"{"id": "E-1", "channel": "email", "text": "Varför har ni inte plogat Storgatan?"}"#,
    );
    free(router);
    let d = d.unwrap_or_default();
    assert_eq!(d["id"], "E-1");
    assert_eq!(d["status"], "matched");
    assert_eq!(d["enquiry_type"], "snorojning");
    assert_eq!(d["department"], "teknik");
    assert_eq!(d["rosa_level"], 1);
    assert_eq!(d["first_line"], true);
    assert_eq!(d["handler"], "kundtjanst");
}

#[test]
fn routes_a_form_code_and_an_appeal() {
    let router = klippan();
    let form = route(
        router,
        r#"{"id": 7, "channel": "e-service", "form": "TF-PTRH"}"#,
    );
    let appeal = route(
        router,
        r#"{"text": "Jag vill överklaga beslutet om bygglov för mitt garage."}"#,
    );
    free(router);
    let form = form.unwrap_or_default();
    assert_eq!(form["id"], 7);
    assert_eq!(form["enquiry_type"], "parkeringstillstand");
    assert_eq!(form["department"], "teknik");
    assert_eq!(form["explanation"]["trace"]["via"], "form");
    let appeal = appeal.unwrap_or_default();
    assert_eq!(appeal["enquiry_type"], "bygglov-overklagande");
    assert_eq!(appeal["department"], "plan-bygg");
    assert_eq!(appeal["rosa_level"], 6);
    assert_eq!(appeal["first_line"], false);
}

#[test]
fn an_unrecognised_enquiry_goes_to_the_first_line() {
    let router = klippan();
    let d = route(router, "{}");
    free(router);
    let d = d.unwrap_or_default();
    assert_eq!(d["status"], "unmatched");
    assert_eq!(d["first_line"], true);
}

#[test]
fn malformed_json_reports_line_and_column() {
    let router = klippan();
    let got = route(router, "{\n  \"text\": \"snö\",\n  \"channel\": }");
    let unknown = route(router, r#"{"txet": "snö"}"#);
    free(router);
    let (status, e) = got.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_ENQUIRY);
    assert_eq!((e.file.as_str(), e.line, e.column), ("", 3, 14));
    assert!(e.message.starts_with("expected value"), "{}", e.message);
    assert!(e.report.contains("line 3, column 14"), "{}", e.report);
    let (status, e) = unknown.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_ENQUIRY);
    assert!(e.message.contains("unknown field `txet`"), "{}", e.message);
    // serde_json points at the closing quote of the key.
    assert_eq!((e.line, e.column), (1, 7));
}

#[test]
fn columns_in_json_count_characters() {
    let router = klippan();
    // The closing quote of `"x"` is byte 20 but character 18 of the line:
    // "åä" are two bytes each.
    let got = route(router, r#"{"text": "åä", "x": 1}"#);
    free(router);
    let (status, e) = got.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_ENQUIRY);
    assert!(e.message.contains("unknown field `x`"), "{}", e.message);
    assert_eq!((e.line, e.column), (1, 18));
}

#[test]
fn invalid_utf8_in_the_enquiry_is_located() {
    let router = klippan();
    let got = route_bytes(router, b"{\"text\":\n \"sn\xf6\"}");
    free(router);
    let (status, e) = got.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_UTF8);
    assert_eq!((e.file.as_str(), e.line, e.column), ("", 2, 5));
    assert!(e.message.contains("not valid UTF-8"), "{}", e.message);
}

#[test]
fn a_huge_enquiry_is_too_large() {
    let router = klippan();
    let mut json = String::from("{\"text\": \"");
    json.push_str(&"a".repeat(KL_MAX_ENQUIRY_JSON_BYTES));
    json.push_str("\"}");
    let got = route(router, &json);
    // Exactly at the limit is still read (and then fails as JSON).
    let at_limit = route(router, &"{".repeat(KL_MAX_ENQUIRY_JSON_BYTES));
    free(router);
    let (status, e) = got.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_TOO_LARGE);
    assert_eq!((e.line, e.column), (0, 0));
    assert!(e.message.contains("16777216"), "{}", e.message);
    assert_eq!(
        at_limit.err().map(|e| e.0),
        Some(kl_status::KL_INVALID_ENQUIRY)
    );
}

#[test]
fn null_arguments_give_kl_null_argument_and_leave_out_alone() {
    let router = klippan();
    let json = c("{}");
    let sentinel = ptr::dangling_mut::<std::ffi::c_char>();
    let mut out = sentinel;
    // SAFETY: NULLs are allowed; the other pointers are valid.
    let statuses = unsafe {
        [
            kl_route_json(ptr::null(), json.as_ptr(), &mut out),
            kl_route_json(router, ptr::null(), &mut out),
            kl_route_json(router, json.as_ptr(), ptr::null_mut()),
        ]
    };
    assert_eq!(statuses, [kl_status::KL_NULL_ARGUMENT; 3]);
    assert_eq!(out, sentinel, "out written on failure");
    // SAFETY: as above.
    unsafe { kl_route_json(router, ptr::null(), &mut out) };
    assert_eq!(last_error().message, "the argument `enquiry_json` is NULL");
    assert_eq!(last_error().file, "");
    free(router);

    let dir = klippan_dir();
    let bad_router = ptr::dangling_mut::<kl_router>();
    let mut out = bad_router;
    // SAFETY: as above.
    let statuses = unsafe {
        [
            kl_router_new_from_dir(ptr::null(), &mut out),
            kl_router_new_from_dir(dir.as_ptr(), ptr::null_mut()),
            kl_router_new_from_strings(ptr::null(), ptr::null(), 1, &mut out),
            kl_router_new_from_strings(ptr::null(), ptr::null(), 0, ptr::null_mut()),
        ]
    };
    assert_eq!(statuses, [kl_status::KL_NULL_ARGUMENT; 4]);
    assert_eq!(out, bad_router, "out written on failure");
}

#[test]
fn a_null_element_is_named() {
    let name = c("municipality.toml");
    let text = c(MUNICIPALITY);
    let names = [name.as_ptr(), ptr::null()];
    let texts = [text.as_ptr(), text.as_ptr()];
    let mut out = ptr::null_mut();
    // SAFETY: two arrays of two pointers, one of them NULL.
    let status = unsafe { kl_router_new_from_strings(names.as_ptr(), texts.as_ptr(), 2, &mut out) };
    assert_eq!(status, kl_status::KL_NULL_ARGUMENT);
    assert_eq!(last_error().message, "the argument `names[1]` is NULL");
    assert!(out.is_null());
}

#[test]
fn freeing_null_does_nothing() {
    // SAFETY: NULL is allowed.
    unsafe {
        kl_router_free(ptr::null_mut());
        kl_string_free(ptr::null_mut());
    }
}

#[test]
fn rules_from_strings_load_and_route() {
    let good = BAD_DEPARTMENT.replace("level = \"sex\"", "level = 6");
    let router = from_strings(&[
        ("municipality.toml", MUNICIPALITY),
        ("departments/plan-bygg.toml", &good),
    ]);
    let router = router
        .map_err(|e| e.1.report)
        .unwrap_or_else(|r| unreachable!("{r}"));
    let d = route(router, r#"{"text": "Hur går det med mitt bygglov?"}"#);
    free(router);
    let d = d.unwrap_or_default();
    assert_eq!(d["department"], "plan-bygg");
    assert_eq!(d["rosa_level"], 6);
}

#[test]
fn bad_rules_from_strings_report_file_line_and_column() {
    let got = from_strings(&[
        ("municipality.toml", MUNICIPALITY),
        ("departments/plan-bygg.toml", BAD_DEPARTMENT),
    ]);
    let (status, e) = got.err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_RULES_ERROR);
    assert_eq!(
        (e.file.as_str(), e.line, e.column),
        ("departments/plan-bygg.toml", 10, 9)
    );
    assert!(e.message.contains("invalid type"), "{}", e.message);
    assert!(
        e.report.contains("departments/plan-bygg.toml:10:9"),
        "{}",
        e.report
    );
    assert!(e.report.contains("level = \"sex\""), "{}", e.report);
}

#[test]
fn invalid_utf8_in_a_rule_text_names_the_file() {
    let names = [c("municipality.toml"), c("departments/teknik.toml")];
    let bad =
        std::ffi::CString::new(&b"[department]\nid = \"t\xe4knik\"\n"[..]).unwrap_or_default();
    let texts = [c(MUNICIPALITY), bad];
    let (status, e) = from_c_strings(&names, &texts)
        .err()
        .unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_UTF8);
    assert_eq!(
        (e.file.as_str(), e.line, e.column),
        ("departments/teknik.toml", 2, 8)
    );
}

#[test]
fn a_missing_folder_is_a_rules_error() {
    let (status, e) = from_dir(&c("/nonexistent/kommunlots/rules"))
        .err()
        .unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_RULES_ERROR);
    // Diagnostics are sorted by file: `departments` comes before
    // `municipality.toml`.
    assert_eq!((e.file.as_str(), e.line, e.column), ("departments", 1, 1));
    assert!(e.message.starts_with("cannot read"), "{}", e.message);
    assert!(e.report.contains("municipality.toml"), "{}", e.report);
}

#[test]
fn invalid_utf8_in_the_folder_name() {
    let dir = std::ffi::CString::new(&b"rules/kl\xe4ppan"[..]).unwrap_or_default();
    let (status, e) = from_dir(&dir).err().unwrap_or((kl_status::KL_OK, empty()));
    assert_eq!(status, kl_status::KL_INVALID_UTF8);
    assert!(e.message.contains("`dir`"), "{}", e.message);
}

#[test]
fn a_failed_reload_leaves_the_old_router_working() {
    let router = klippan();
    let reload = from_strings(&[("municipality.toml", "not toml")]);
    assert_eq!(reload.err().map(|e| e.0), Some(kl_status::KL_RULES_ERROR));
    let d = route(
        router,
        r#"{"text": "Varför har ni inte plogat Storgatan?"}"#,
    );
    free(router);
    assert_eq!(d.unwrap_or_default()["department"], "teknik");
}

#[test]
fn success_clears_the_last_error() {
    let router = klippan();
    assert!(route(router, "[").is_err());
    assert_ne!(last_error().message, "");
    assert!(route(router, "{}").is_ok());
    free(router);
    assert_eq!(last_error(), empty());
}

fn empty() -> LastError {
    LastError {
        message: String::new(),
        file: String::new(),
        line: 0,
        column: 0,
        report: String::new(),
    }
}
