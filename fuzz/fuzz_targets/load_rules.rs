//! Fuzz target `load_rules`: see `fuzz/README.md`. The checks live in
//! `core/tests/fuzz/mod.rs`, shared with the regression replay
//! `core/tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../../core/tests/fuzz/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::check_load_rules(data));
