//! Writes a generated routing log for the `stats` benchmark and for memory
//! measurements of `kommunlots stats`:
//!
//! ```text
//! cargo run --release --example stats_log -- 10000000 | \
//!     /usr/bin/time -v target/release/kommunlots stats --rules rules/klippan -
//! ```
//!
//! Each line is an enquiry on the Klippan rules received over 2027; three
//! lines in four carry the decision (routed once per template here) and an
//! outcome, the fourth is a raw enquiry that `stats` routes itself; one line
//! in a thousand is malformed.
#![expect(clippy::panic, reason = "an example without its rules cannot run")]

use std::io::{self, BufWriter, Write};
use std::path::Path;

use kommunlots::{Channel, Enquiry, Router};

const TEXTS: &[&str] = &[
    "Varför har ni inte plogat Storgatan än?",
    "Jag vill förnya handikapparkeringstillståndet för min mamma",
    "Vad är VA-taxan för en villa i år?",
    "Gatlyktan på Järnvägsgatan har varit släckt i en vecka",
    "Vilka öppettider har badhuset på lördag?",
    "Jag vill anmäla min dotter till simskolan i höst",
    "Bilarna kör för fort på vår gata, kan ni sätta upp farthinder?",
    "Jag halkade på trottoaren och vill ha skadestånd från kommunen",
    "Det finns fladdermöss på vinden, vem ska jag ringa?",
    "Hur söker jag bygglov för ett garage?",
];

fn main() -> io::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/klippan");
    let router = Router::from_dir(rules).unwrap_or_else(|e| panic!("{e}"));
    // One decision per (text, channel), serialised once.
    let channels = [Channel::Email, Channel::Phone, Channel::EService];
    let mut decisions = Vec::new();
    for text in TEXTS {
        for channel in channels {
            let d = router.route(&Enquiry::text(*text).with_channel(channel));
            decisions.push(serde_json::to_string(&d).map_err(io::Error::from)?);
        }
    }
    let start: jiff::Timestamp = "2027-01-04T07:00:00Z"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    for i in 0..n {
        if i % 1000 == 999 {
            writeln!(out, "{{\"id\": {i}, \"text\": ")?;
            continue;
        }
        let t = (i as usize) % TEXTS.len();
        let c = (i as usize / TEXTS.len()) % channels.len();
        // Spread over the year, about one enquiry per 3 seconds per 10 M.
        let received = start
            .checked_add(jiff::SignedDuration::from_secs((i % 10_000_000) as i64 * 3))
            .unwrap_or(start);
        let channel = channels[c];
        if i % 4 == 3 {
            writeln!(
                out,
                r#"{{"id":{i},"channel":"{channel}","text":"{}","received_at":"{received}"}}"#,
                TEXTS[t]
            )?;
            continue;
        }
        let answer = match channel {
            Channel::Phone => 60 * (1 + (i % 9) as i64),
            _ => 3600 * (1 + (i % 40) as i64),
        };
        let answered = received
            .checked_add(jiff::SignedDuration::from_secs(answer))
            .unwrap_or(received);
        let outcome = if i % 10 == 0 {
            String::new() // open
        } else {
            format!(
                r#","answered_at":"{answered}","resolved_at_first_line":{}"#,
                i % 5 != 0
            )
        };
        writeln!(
            out,
            r#"{{"enquiry":{{"id":{i},"channel":"{channel}","text":"{}","received_at":"{received}"}},"decision":{}{outcome}}}"#,
            TEXTS[t],
            decisions[t * channels.len() + c]
        )?;
    }
    out.flush()
}
