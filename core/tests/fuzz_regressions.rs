//! Replays the fuzz corpus as ordinary tests: every seed under
//! `fuzz/seeds/<target>/` and every saved crash under
//! `fuzz/regressions/<target>/`, through the same checks the fuzz targets
//! run (`tests/fuzz/mod.rs`). No nightly toolchain or libFuzzer needed.
//!
//! To keep a new crash: copy libFuzzer's `crash-…` file to
//! `fuzz/regressions/<target>/<what-it-is>` and fix the bug; this test then
//! guards the fix.

mod fuzz;

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `check` on every seed and regression of `target`; fails naming
/// every input that panicked. Returns how many inputs ran.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let mut ran = 0;
    let mut failed = Vec::new();
    for kind in ["seeds", "regressions"] {
        for (path, bytes) in fuzz::inputs(kind, target) {
            ran += 1;
            if catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err() {
                failed.push(path);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: failed on\n  {}",
        failed.join("\n  ")
    );
    ran
}

#[test]
fn load_rules() {
    let ran = replay("load_rules", fuzz::check_load_rules);
    assert!(
        ran >= 12,
        "only {ran} load_rules inputs: the seeds are missing"
    );
}

#[test]
fn route_enquiry() {
    let ran = replay("route_enquiry", fuzz::check_route_enquiry);
    assert!(
        ran >= 10,
        "only {ran} route_enquiry inputs: the seeds are missing"
    );
}

#[test]
fn parse_durations_hours() {
    let ran = replay("parse_durations_hours", fuzz::check_durations_hours);
    assert!(
        ran >= 10,
        "only {ran} parse_durations_hours inputs: the seeds are missing"
    );
}
