//! Routing benchmarks (`cargo bench -p kommunlots --bench route`).
//!
//! Targets, from the core issue: a 200-byte Swedish enquiry on the Klippan
//! rules ≤ 0.5 µs; a 1 KB enquiry on a generated 2,000-type rule set ≤ 2 µs;
//! a form-code lookup ≤ 0.1 µs; loading and validating Klippan ≤ 5 ms.

#![expect(clippy::panic, reason = "a benchmark without its rules cannot run")]
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

mod emails;
#[path = "../tests/common/plain.rs"]
mod plain;
mod synthetic;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use kommunlots::{Channel, Enquiry, Router, RuleSet};

fn klippan_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/klippan")
}

/// Loading runs first, in a process that has built nothing else yet, as an
/// application loads its rules at start-up. Run after the routing
/// benchmarks, with the 2,000-type rule set below built and alive, the same
/// loads took 1.2 to 2 times as long (the allocator's state, not the code).
///
/// Only the load is timed: dropping the router it returns (about 3 % as
/// much work again) happens outside the measurement, as it does outside an
/// application's start-up.
fn load(c: &mut Criterion) {
    let dir = klippan_dir();
    c.bench_function("load and validate Klippan", |b| {
        b.iter_with_large_drop(|| {
            Router::new(&RuleSet::from_dir(black_box(&dir)).unwrap_or_else(|e| panic!("{e}")))
        })
    });
}

fn benches(c: &mut Criterion) {
    let klippan = Router::from_dir(klippan_dir()).unwrap_or_else(|e| panic!("{e}"));
    // A fixed "now" (a Tuesday morning) so every run computes the same
    // deadlines, and the clock is not read inside the loop.
    let now: jiff::Timestamp = "2027-03-23T09:15:00+01:00"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = emails::SNOW;
    assert!((195..=205).contains(&text.len()), "{} bytes", text.len());
    let enquiry = Enquiry::text(text).with_channel(Channel::Email);
    assert_eq!(
        klippan.route_at(&enquiry, now).enquiry_type.as_deref(),
        Some("snorojning")
    );
    c.bench_function("route 200 B enquiry, Klippan", |b| {
        b.iter(|| klippan.route_at(black_box(&enquiry), now))
    });

    // The same, typed without å, ä and ö: both automatons are searched.
    // The first such text builds the second one; the warm-up pays it.
    let plain = Enquiry::text(plain::typed_plain(text)).with_channel(Channel::Email);
    assert_eq!(
        klippan.route_at(&plain, now).enquiry_type.as_deref(),
        Some("snorojning")
    );
    c.bench_function("route 200 B enquiry without å, ä, ö, Klippan", |b| {
        b.iter(|| klippan.route_at(black_box(&plain), now))
    });

    // The first unmatched text builds the near spellings' automaton; the
    // warm-up pays it.
    let typo = Enquiry::text(emails::MISSPELT).with_channel(Channel::Email);
    let decision = klippan.route_at(&typo, now);
    assert!(decision.enquiry_type.is_none());
    assert_eq!(
        decision.candidates.first().map(|c| &*c.enquiry_type),
        Some("hemtjanst-bistand")
    );
    c.bench_function(
        "route 200 B enquiry with a typo (near spellings), Klippan",
        |b| b.iter(|| klippan.route_at(black_box(&typo), now)),
    );

    assert!(klippan.enquiry_type_for_form("TF-PTRH").is_some());
    c.bench_function("form-code lookup, Klippan", |b| {
        b.iter(|| {
            klippan
                .enquiry_type_for_form(black_box("TF-PTRH"))
                .map(|t| t.level)
        })
    });

    let form = Enquiry::default()
        .with_form("TF-PTRH")
        .with_channel(Channel::EService);
    assert!(klippan.route_at(&form, now).matched);
    c.bench_function("route by form code, Klippan", |b| {
        b.iter(|| klippan.route_at(black_box(&form), now))
    });

    let big = Router::from_sources(synthetic::rule_set(20, 100)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(big.type_count(), 2000);
    let kilobyte = Enquiry::text(synthetic::enquiry(1024, 1234));
    assert_eq!(
        big.route_at(&kilobyte, now).enquiry_type.as_deref(),
        Some("d12-t34")
    );
    c.bench_function("route 1 KB enquiry, 2,000 types", |b| {
        b.iter(|| big.route_at(black_box(&kilobyte), now))
    });
}

criterion_group!(route, load, benches);
criterion_main!(route);
