//! Streaming statistics benchmark (`cargo bench -p kommunlots --bench
//! stats`): lines per second of `stats::report` over a generated log on the
//! Klippan rules (three lines in four with a decision, one raw enquiry that
//! is routed, one in a thousand malformed, as `examples/stats_log.rs`
//! writes). Memory is measured on the binary instead: see the CLI README.

#![expect(clippy::panic, reason = "a benchmark without its rules cannot run")]
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kommunlots::stats::{self, Options};
use kommunlots::{Channel, Enquiry, Router};

const LINES: u64 = 20_000;

const TEXTS: &[&str] = &[
    "Varför har ni inte plogat Storgatan än?",
    "Vad är VA-taxan för en villa i år?",
    "Vilka öppettider har badhuset på lördag?",
    "Jag halkade på trottoaren och vill ha skadestånd från kommunen",
    "Det finns fladdermöss på vinden, vem ska jag ringa?",
];

fn generate(router: &Router) -> String {
    let decisions: Vec<String> = TEXTS
        .iter()
        .map(|t| {
            let d = router.route(&Enquiry::text(*t).with_channel(Channel::Email));
            serde_json::to_string(&d).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let mut log = String::new();
    for i in 0..LINES {
        let t = (i as usize) % TEXTS.len();
        let day = 4 + (i % 20);
        let received = format!("2027-01-{day:02}T09:00:00+01:00");
        if i % 1000 == 999 {
            log.push_str("{\"id\": \n");
        } else if i % 4 == 3 {
            let _ = writeln!(
                log,
                r#"{{"id":{i},"channel":"email","text":"{}","received_at":"{received}"}}"#,
                TEXTS[t]
            );
        } else {
            let _ = writeln!(
                log,
                r#"{{"enquiry":{{"id":{i},"channel":"email","text":"{}","received_at":"{received}"}},"decision":{},"answered_at":"2027-01-{day:02}T15:00:00+01:00"}}"#,
                TEXTS[t], decisions[t]
            );
        }
    }
    log
}

fn benches(c: &mut Criterion) {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/klippan");
    let router = Router::from_dir(rules).unwrap_or_else(|e| panic!("{e}"));
    let log = generate(&router);
    let as_of = "2027-02-01T12:00:00+01:00"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("stats");
    group.throughput(Throughput::Elements(LINES));
    group.sample_size(10);
    group.bench_function("report_20k_lines", |b| {
        b.iter(|| {
            let r = stats::report(&router, black_box(log.as_bytes()), Options::as_of(as_of));
            black_box(r.map(|r| r.total).unwrap_or(0))
        });
    });
    group.finish();
}

criterion_group!(stats_benches, benches);
criterion_main!(stats_benches);
