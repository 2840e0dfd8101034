//! One million generated enquiries on the Klippan rules, each with a sound
//! decision: a cheap deterministic generator (xorshift over Klippan terms,
//! everyday Swedish words, noise and personnummer-like strings), not
//! proptest, so the whole run fits in `cargo test` in debug mode.
//!
//! The invariants are those of the `route_enquiry` fuzz target
//! (`tests/fuzz/mod.rs`): a non-empty path from the handler, levels 5–6 never
//! at the first line, unmatched and ambiguous enquiries at the first line,
//! due times never before the receipt and never decreasing.

#![expect(clippy::panic, reason = "a test fails by panicking, with the reason")]

mod fuzz;

use std::time::Instant;

use jiff::Timestamp;
use kommunlots::{Channel, Enquiry, MatchStatus};

/// How many enquiries the test routes.
const ENQUIRIES: usize = 1_000_000;

/// Marsaglia's xorshift64: deterministic, a few instructions per number.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Terms of the Klippan rules, everyday words and noise.
const WORDS: &[&str] = &[
    "jag",
    "vill",
    "fråga",
    "om",
    "min",
    "mitt",
    "inte",
    "varför",
    "har",
    "ni",
    "hej",
    "tack",
    "snälla",
    "när",
    "kommer",
    "bygglov",
    "bygglovsansökan",
    "överklaga",
    "beslutet",
    "plogat",
    "snöröjning",
    "sandning",
    "sopkärlet",
    "sophämtning",
    "parkeringstillstånd",
    "felparkerad",
    "vattenläcka",
    "gatlampa",
    "förskola",
    "förskoleplats",
    "skolskjuts",
    "gymnasiet",
    "hemtjänst",
    "försörjningsstöd",
    "ekonomiskt bistånd",
    "orosanmälan",
    "faktura",
    "avgift",
    "bibliotek",
    "simhall",
    "föreningsbidrag",
    "brandskydd",
    "sotning",
    "tillstånd",
    "buller",
    "livsmedel",
    "detaljplan",
    "nybyggnadskarta",
    "allmänna handlingar",
    "diarium",
    "the",
    "water",
    "leak",
    "school",
    "bin",
    "snow",
    "ÅÄÖ",
    "åäö",
    "!!!",
    "?",
    "…",
    "\u{301}",
    "😀",
    "x",
    "",
    "TF-PTRH",
    "Storgatan 1",
    "264 80",
    "Klippan",
];

const FORMS: &[&str] = &["TF-PTRH", "BUF-BO-01", "ek-ag-01", "NOPE-1", ""];

fn personnummer(rng: &mut XorShift, out: &mut String) {
    let n = rng.next();
    out.push_str(&format!(
        "{:04}{:02}{:02}-{:04}",
        1920 + n % 100,
        1 + (n >> 8) % 12,
        1 + (n >> 16) % 28,
        (n >> 24) % 10_000
    ));
}

/// Generates enquiry `i` of a block with `rng`, routes it and checks it.
/// Returns the decision's status.
fn route_one(rng: &mut XorShift, text: &mut String, start: Timestamp) -> MatchStatus {
    text.clear();
    let words = rng.below(12);
    for _ in 0..words {
        if rng.below(40) == 0 {
            personnummer(rng, text);
        } else {
            text.push_str(WORDS[rng.below(WORDS.len())]);
        }
        text.push(if rng.below(8) == 0 { ',' } else { ' ' });
    }
    let r = rng.next();
    let received =
        Timestamp::from_second(start.as_second() + (r % (400 * 86_400)) as i64).unwrap_or(start);
    let mut enquiry = Enquiry::text(text.as_str());
    enquiry.channel = Channel::ALL.get((r >> 40) as usize % 7).copied();
    if (r >> 48) % 16 == 0 {
        enquiry.form = Some(FORMS[(r >> 52) as usize % FORMS.len()].to_owned());
    }
    if (r >> 56) % 2 == 0 {
        enquiry.received_at = Some(received);
    }
    let decision = fuzz::klippan().route_at(&enquiry, received);
    let ok = std::panic::catch_unwind(|| fuzz::check_invariants(&decision, Some(received)));
    if ok.is_err() {
        panic!("{enquiry:?} broke an invariant");
    }
    decision.status
}

#[test]
fn a_million_enquiries_each_get_a_sound_decision() {
    let start = Timestamp::constant(1_798_761_600, 0); // 2027-01-01
    let began = Instant::now();
    // Blocks of enquiries, each from its own seed, so the run is the same
    // whatever the number of threads.
    const BLOCK: usize = 10_000;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next_block = std::sync::atomic::AtomicUsize::new(0);
    let counts: Vec<[usize; 3]> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut counts = [0usize; 3];
                    let mut text = String::with_capacity(256);
                    loop {
                        let block = next_block.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if block * BLOCK >= ENQUIRIES {
                            return counts;
                        }
                        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ (block as u64 + 1) << 20);
                        for _ in 0..BLOCK.min(ENQUIRIES - block * BLOCK) {
                            counts[match route_one(&mut rng, &mut text, start) {
                                MatchStatus::Matched => 0,
                                MatchStatus::Ambiguous => 1,
                                MatchStatus::Unmatched => 2,
                            }] += 1;
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| panic!("a routing thread failed"))
            })
            .collect()
    });
    let counts = counts
        .iter()
        .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    eprintln!(
        "{ENQUIRIES} enquiries on {threads} threads in {:.1?}: {} matched, {} ambiguous, {} unmatched",
        began.elapsed(),
        counts[0],
        counts[1],
        counts[2]
    );
    assert_eq!(
        counts.iter().sum::<usize>(),
        ENQUIRIES,
        "a missing decision"
    );
    // The generator reaches every kind of decision.
    assert!(counts.iter().all(|&c| c > ENQUIRIES / 100), "{counts:?}");
}
