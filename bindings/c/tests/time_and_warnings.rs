//! `kl_route_json_at` (routing at a given time) and the router's warnings
//! (`kl_router_warning_count`, `kl_router_warnings`).

mod common;

use std::ptr;

use common::*;
use kommunlots::*;

/// 2027-03-25T10:00:00+01:00, a Thursday.
const THURSDAY_10: i64 = 1_805_965_200;

const SNOW: &str = r#"{"channel": "email", "text": "Varför har ni inte plogat Storgatan?"}"#;

#[test]
fn routing_at_a_time_counts_deadlines_from_it() {
    let router = klippan();
    let first = route_at(router, SNOW, THURSDAY_10);
    let again = route_at(router, SNOW, THURSDAY_10);
    let later = route_at(router, SNOW, THURSDAY_10 + 7 * 24 * 3600);
    free(router);
    let first = first.unwrap_or_default();
    assert_eq!(
        Ok(&first),
        again.as_ref(),
        "the same time gives the same decision"
    );
    let d: serde_json::Value = serde_json::from_str(&first).unwrap_or_default();
    assert_eq!(d["received_at"], "2027-03-25T10:00:00+01:00");
    assert_eq!(d["department"], "teknik");
    let due = d["path"][0]["due"].as_str().unwrap_or_default();
    assert!(due > "2027-03-25T10:00:00+01:00", "due {due}");
    let later: serde_json::Value =
        serde_json::from_str(&later.unwrap_or_default()).unwrap_or_default();
    // 168 hours later, across the change to summer time on 28 March.
    assert_eq!(later["received_at"], "2027-04-01T11:00:00+02:00");
}

#[test]
fn an_enquiry_received_at_keeps_its_own_time() {
    let router = klippan();
    let d = route_at(
        router,
        r#"{"text": "snöröjning", "channel": "phone", "received_at": "2027-01-04T09:00:00+01:00"}"#,
        THURSDAY_10,
    );
    free(router);
    let d: serde_json::Value = serde_json::from_str(&d.unwrap_or_default()).unwrap_or_default();
    assert_eq!(d["received_at"], "2027-01-04T09:00:00+01:00");
}

#[test]
fn a_time_out_of_range_is_an_invalid_argument() {
    let router = klippan();
    let result = route_at(router, SNOW, i64::MAX);
    let bad_json = route_at(router, "{", THURSDAY_10);
    free(router);
    let (status, e) = result.err().unwrap_or((kl_status::KL_OK, last_error()));
    assert_eq!(status, kl_status::KL_INVALID_ARGUMENT);
    assert!(e.message.contains("now_unix_seconds"), "{}", e.message);
    assert_eq!(
        bad_json.err().map(|(s, _)| s),
        Some(kl_status::KL_INVALID_ENQUIRY)
    );
}

#[test]
fn klippan_has_no_warnings() {
    let router = klippan();
    let mut out = ptr::null_mut();
    // SAFETY: a live router and an out-pointer.
    let status = unsafe { kl_router_warnings(router, &mut out) };
    // SAFETY: a live router.
    let count = unsafe { kl_router_warning_count(router) };
    free(router);
    assert_eq!(status, kl_status::KL_OK);
    assert_eq!(take_string(out), "");
    assert_eq!(count, 0);
}

#[test]
fn an_untested_type_is_a_rendered_warning() {
    let department = BAD_DEPARTMENT.replace(r#"level = "sex""#, "level = 6");
    let router = from_strings(&[
        ("municipality.toml", MUNICIPALITY),
        ("departments/plan-bygg.toml", &department),
    ]);
    let Ok(router) = router else {
        unreachable!("the rule set did not load: {router:?}");
    };
    // SAFETY: a live router.
    let count = unsafe { kl_router_warning_count(router) };
    let mut out = ptr::null_mut();
    // SAFETY: a live router and an out-pointer.
    let status = unsafe { kl_router_warnings(router, &mut out) };
    free(router);
    assert_eq!(status, kl_status::KL_OK);
    assert!(count >= 1, "{count} warnings");
    let report = take_string(out);
    assert!(report.contains("warning"), "{report}");
    assert!(report.contains("departments/plan-bygg.toml:"), "{report}");
    assert!(report.contains("bygglov-ansokan"), "{report}");
}

#[test]
fn warnings_of_null_are_none_and_a_null_argument() {
    let mut out = ptr::null_mut();
    // SAFETY: NULL is allowed for both.
    assert_eq!(unsafe { kl_router_warning_count(ptr::null()) }, 0);
    // SAFETY: NULL router, valid out-pointer.
    let status = unsafe { kl_router_warnings(ptr::null(), &mut out) };
    assert_eq!(status, kl_status::KL_NULL_ARGUMENT);
    assert!(out.is_null());
    assert!(last_error().message.contains("router"));
}
