//! One router shared by several threads, and the last error kept per thread.

mod common;

use std::thread;

use common::*;
use kommunlots::*;

/// A router pointer handed to other threads. kl_router is documented as
/// shareable: routing takes it `const` and it is immutable.
#[derive(Clone, Copy)]
struct Shared(*const kl_router);
// SAFETY: the router is immutable and `Router` is Send + Sync; the pointer is
// only used for routing while the owning scope keeps the router alive.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

const ENQUIRIES: [(&str, &str); 3] = [
    (
        r#"{"text": "Varför har ni inte plogat Storgatan?"}"#,
        "snorojning",
    ),
    (r#"{"form": "TF-PTRH"}"#, "parkeringstillstand"),
    (
        r#"{"text": "Jag vill överklaga beslutet om bygglov."}"#,
        "bygglov-overklagande",
    ),
];

#[test]
fn eight_threads_route_on_one_router() {
    let router = klippan();
    let shared = Shared(router);
    let counts: Vec<usize> = thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|t| {
                s.spawn(move || {
                    let shared = shared;
                    let mut ok = 0;
                    for i in 0..50 {
                        let (json, want) = ENQUIRIES[(t + i) % ENQUIRIES.len()];
                        let d = route(shared.0, json).unwrap_or_default();
                        assert_eq!(d["enquiry_type"], want, "thread {t}, enquiry {i}");
                        ok += 1;
                    }
                    ok
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).collect()
    });
    free(router);
    assert_eq!(counts, vec![50; 8]);
}

#[test]
fn the_last_error_belongs_to_its_thread() {
    let router = klippan();
    let shared = Shared(router);
    assert!(route(router, "{\"text\": 1}").is_err());
    let here = last_error();
    let there = thread::scope(|s| {
        s.spawn(move || {
            let shared = shared;
            let before = last_error();
            let failed = route(shared.0, "\n\n[").err().map(|e| e.0);
            (before, failed, last_error())
        })
        .join()
        .ok()
    });
    free(router);
    let (before, failed, after) = there.unwrap_or_else(|| unreachable!("thread panicked"));
    assert_eq!(before.message, "", "a new thread starts without an error");
    assert_eq!(failed, Some(kl_status::KL_INVALID_ENQUIRY));
    assert_eq!(after.line, 3);
    assert_eq!(last_error(), here, "the other thread's failure is not ours");
    assert_eq!(here.line, 1);
}
