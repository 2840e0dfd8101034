//! `Expectation::compare`: how a `[[test]]` case's expectations meet a
//! decision, here for the first step's deadline.

mod common;

use common::klippan;
use jiff::Timestamp;
use kommunlots::testing::Expectation;
use kommunlots::{Channel, Decision, Enquiry};

/// An e-mail about snow clearing received on Tuesday 24 November 2026 at
/// 10:00 in Klippan: due two working days later, Thursday at 10:00.
fn snow_email() -> Decision {
    let at: Timestamp = "2026-11-24T10:00:00+01:00"
        .parse()
        .unwrap_or_else(|e| unreachable!("a valid time: {e}"));
    klippan().route(
        &Enquiry::text("Varför har ni inte plogat?")
            .with_channel(Channel::Email)
            .with_received_at(at),
    )
}

fn due(expected: &str) -> Expectation {
    Expectation {
        first_due: Some(expected.to_owned()),
        ..Expectation::default()
    }
}

#[test]
fn the_first_deadline_is_compared_as_an_instant() {
    let d = snow_email();
    assert!(due("2026-11-26T10:00:00+01:00").compare(&d).is_empty());
    // The same instant in UTC, or without seconds.
    assert!(due("2026-11-26T09:00:00Z").compare(&d).is_empty());
    assert!(due("2026-11-26T10:00+01:00").compare(&d).is_empty());
}

#[test]
fn a_different_deadline_is_a_mismatch_showing_both() {
    let mismatches = due("2026-11-25T10:00:00+01:00").compare(&snow_email());
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    let m = &mismatches[0];
    assert_eq!(m.field, "first_due");
    assert_eq!(m.expected, "`2026-11-25T10:00:00+01:00`");
    assert_eq!(m.got, "`2026-11-26T10:00:00+01:00`");
}

#[test]
fn no_deadline_is_a_mismatch_too() {
    // Without a channel the first step has no target, so no due time.
    let d = klippan().route(&Enquiry::text("Varför har ni inte plogat?"));
    let mismatches = due("2026-11-26T10:00:00+01:00").compare(&d);
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert_eq!(mismatches[0].got, "none");
}
