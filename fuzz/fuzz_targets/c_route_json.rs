//! Fuzz target `c_route_json`: the C entry `kl_route_json` with arbitrary
//! bytes. The checks live in `bindings/c/tests/fuzz/mod.rs`, shared with the
//! regression replay `bindings/c/tests/fuzz_regressions.rs`.
#![no_main]

/// The C ABI under the name the shared checks expect.
mod capi {
    pub use kommunlots_c::*;
}

#[path = "../../bindings/c/tests/fuzz/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::check_c_route_json(data));
