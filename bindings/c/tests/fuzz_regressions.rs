//! Replays the `c_route_json` fuzz corpus as ordinary tests: every seed
//! under `fuzz/seeds/c_route_json/` and every saved crash under
//! `fuzz/regressions/c_route_json/`, through the fuzz target's own check
//! (`tests/fuzz/mod.rs`).

/// The C ABI under the name the shared checks expect.
mod capi {
    pub use kommunlots::*;
}

mod fuzz;

use std::panic::{AssertUnwindSafe, catch_unwind};

#[test]
fn c_route_json() {
    let mut ran = 0;
    let mut failed = Vec::new();
    for kind in ["seeds", "regressions"] {
        for (path, bytes) in fuzz::inputs(kind, "c_route_json") {
            ran += 1;
            if catch_unwind(AssertUnwindSafe(|| fuzz::check_c_route_json(&bytes))).is_err() {
                failed.push(path);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "c_route_json: failed on\n  {}",
        failed.join("\n  ")
    );
    assert!(
        ran >= 5,
        "only {ran} c_route_json inputs: the seeds are missing"
    );
}
