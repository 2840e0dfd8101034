//! Benchmarks of deadline computation: the target is at most 1 µs per
//! `Calendar::due` call.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{Timestamp, Zoned};
use kommunlots::calendar::{Calendar, CalendarConfig, OpeningHours, ServiceTarget};

fn bench_due(c: &mut Criterion) {
    let Ok(calendar) = Calendar::new("Europe/Stockholm", &CalendarConfig::default()) else {
        eprintln!("Europe/Stockholm is not in the time zone database");
        return;
    };
    let hours = OpeningHours::default();
    // Maundy Thursday 2027, late afternoon: both targets cross Easter and a
    // daylight-saving change.
    let Ok(received) = "2027-03-25T16:50:00+01:00[Europe/Stockholm]".parse::<Zoned>() else {
        return;
    };
    let received: Timestamp = received.timestamp();
    let two_days = ServiceTarget::WorkingDays(2);
    let thirty_minutes = ServiceTarget::Minutes(30);

    c.bench_function("due 2 working days", |b| {
        b.iter(|| calendar.due(black_box(&hours), black_box(received), black_box(&two_days)))
    });
    c.bench_function("due 30 minutes", |b| {
        b.iter(|| {
            calendar.due(
                black_box(&hours),
                black_box(received),
                black_box(&thirty_minutes),
            )
        })
    });
    c.bench_function("calendar new", |b| {
        b.iter(|| Calendar::new(black_box("Europe/Stockholm"), &CalendarConfig::default()))
    });
}

criterion_group!(benches, bench_due);
criterion_main!(benches);
