//! Routes one 200-byte enquiry many times, for profiling with callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_route rules/klippan [N] [plain]`
//! (N routings, default 10,000; 0 profiles loading alone). With `plain`,
//! the enquiry is typed without `å`, `ä` and `ö`, and the first routing
//! builds the automaton of the terms written so. With `typo`, it is
//! another 200-byte e-mail whose one subject word is misspelt: nothing is
//! recognised, the near spellings are searched, and the first routing
//! builds their automaton.

use std::hint::black_box;

use kommunlots::{Channel, Enquiry, Router};

#[path = "../benches/emails.rs"]
mod emails;
#[path = "../tests/common/plain.rs"]
mod plain;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "rules/klippan".to_owned());
    let router = match Router::from_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(65);
        }
    };
    let text = match std::env::args().nth(3).as_deref() {
        Some("plain") => plain::typed_plain(emails::SNOW),
        Some("typo") => emails::MISSPELT.to_owned(),
        _ => emails::SNOW.to_owned(),
    };
    let enquiry = Enquiry::text(text).with_channel(Channel::Email);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    // The benchmark's fixed "now" (a Tuesday morning), so that every run
    // computes the same deadlines and counts the same instructions,
    // whatever the time of day.
    let now: jiff::Timestamp = match "2027-03-23T09:15:00+01:00".parse() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(70);
        }
    };
    let mut matched = 0;
    for _ in 0..rounds {
        matched += usize::from(black_box(router.route_at(black_box(&enquiry), now)).matched);
    }
    println!("{matched} matched");
}
