//! The checks of the core fuzz targets, shared by the targets themselves
//! (`fuzz/fuzz_targets/*.rs` include this file by path) and by
//! `tests/fuzz_regressions.rs`, which replays every seed and every saved
//! crash under `fuzz/` with a plain `cargo test` (the regex crate's pattern).
//!
//! Each `check_*` function takes the raw fuzz input and panics when an
//! invariant does not hold; an input it does not want (too large) is ignored.
#![allow(dead_code, reason = "each includer uses a different subset")]
#![allow(
    clippy::panic,
    reason = "a check fails by panicking; `allow`, not `expect`: the fuzz workspace does not enable the lint"
)]

use std::sync::OnceLock;

use jiff::Timestamp;
use kommunlots::calendar::{
    Calendar, CalendarConfig, DayHours, OpeningHours, ServiceTarget, TimeRange,
};
use kommunlots::{
    Channel, Decision, Enquiry, LoadError, LocalTime, MUNICIPALITY_FILE, MatchStatus, Router,
    StepRole,
};

/// Inputs longer than this are skipped (the fuzzers run with `-max_len`
/// at or below it).
pub const MAX_INPUT: usize = 64 * 1024;

/// The Klippan reference rules, compiled into the binary so the fuzz
/// targets need no working directory.
pub const KLIPPAN: [(&str, &str); 12] = [
    (
        MUNICIPALITY_FILE,
        include_str!("../../../rules/klippan/municipality.toml"),
    ),
    (
        "departments/barn-utbildning.toml",
        include_str!("../../../rules/klippan/departments/barn-utbildning.toml"),
    ),
    (
        "departments/ekonomi.toml",
        include_str!("../../../rules/klippan/departments/ekonomi.toml"),
    ),
    (
        "departments/kansli.toml",
        include_str!("../../../rules/klippan/departments/kansli.toml"),
    ),
    (
        "departments/kommunikation-naringsliv.toml",
        include_str!("../../../rules/klippan/departments/kommunikation-naringsliv.toml"),
    ),
    (
        "departments/kultur-fritid.toml",
        include_str!("../../../rules/klippan/departments/kultur-fritid.toml"),
    ),
    (
        "departments/miljoforbund.toml",
        include_str!("../../../rules/klippan/departments/miljoforbund.toml"),
    ),
    (
        "departments/narab.toml",
        include_str!("../../../rules/klippan/departments/narab.toml"),
    ),
    (
        "departments/plan-bygg.toml",
        include_str!("../../../rules/klippan/departments/plan-bygg.toml"),
    ),
    (
        "departments/raddningstjanst.toml",
        include_str!("../../../rules/klippan/departments/raddningstjanst.toml"),
    ),
    (
        "departments/social.toml",
        include_str!("../../../rules/klippan/departments/social.toml"),
    ),
    (
        "departments/teknik.toml",
        include_str!("../../../rules/klippan/departments/teknik.toml"),
    ),
];

/// The Klippan router, built once.
pub fn klippan() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| match Router::from_sources(KLIPPAN) {
        Ok(router) => router,
        Err(e) => panic!("the Klippan rules must load:\n{e}"),
    })
}

// ---------------------------------------------------------------------------
// load_rules

/// The name of the department file a `load_rules` input becomes.
pub const FUZZ_DEPARTMENT: &str = "departments/fuzz.toml";

/// Loads a rule set from arbitrary text and checks that it either compiles
/// or fails with diagnostics located inside the files.
///
/// With a NUL byte in the input, the part before it is `municipality.toml`
/// and the part after it `departments/fuzz.toml`; without one, the input is
/// `departments/fuzz.toml` beside Klippan's `municipality.toml`.
pub fn check_load_rules(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let files: Vec<(&str, &str)> = match text.split_once('\0') {
        Some((municipality, department)) => {
            vec![
                (MUNICIPALITY_FILE, municipality),
                (FUZZ_DEPARTMENT, department),
            ]
        }
        None => vec![(MUNICIPALITY_FILE, KLIPPAN[0].1), (FUZZ_DEPARTMENT, &text)],
    };
    match Router::from_sources(files.iter().copied()) {
        Ok(router) => {
            // A rule set that loads must route: an empty enquiry and one
            // with the text of every file.
            let now = Timestamp::constant(1_800_000_000, 0);
            check_decision(router.route_at(&Enquiry::default(), now), None);
            for (_, t) in &files {
                let d = router.route_at(&Enquiry::text(*t), now);
                check_decision(d, None);
            }
        }
        Err(e) => check_load_error(&e, &files),
    }
}

/// Every diagnostic has a 1-based line and column inside its file, and the
/// report renders.
pub fn check_load_error(e: &LoadError, files: &[(&str, &str)]) {
    assert!(
        !e.diagnostics.is_empty(),
        "a load error without diagnostics"
    );
    for d in &e.diagnostics {
        let loc = &d.location;
        assert!(
            loc.line >= 1 && loc.column >= 1,
            "diagnostic not 1-based: {loc:?} ({})",
            d.message
        );
        assert!(!d.message.is_empty(), "a diagnostic without a message");
        let Some((_, text)) = files.iter().find(|(n, _)| *n == loc.file) else {
            // Whole-folder diagnostics ("departments") name no file.
            assert_eq!((loc.line, loc.column), (1, 1), "{loc:?}");
            continue;
        };
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(
            loc.line <= lines.len(),
            "line {} past the end of {} ({} lines): {}",
            loc.line,
            loc.file,
            lines.len(),
            d.message
        );
        let line = lines[loc.line - 1];
        assert!(
            loc.column <= line.chars().count() + 1,
            "column {} past the end of {}:{} ({:?}): {}",
            loc.column,
            loc.file,
            loc.line,
            line,
            d.message
        );
    }
    assert!(!e.to_string().is_empty(), "an empty report");
}

// ---------------------------------------------------------------------------
// route_enquiry

/// A structured enquiry decoded from fuzz bytes.
#[derive(Debug, Clone)]
pub struct RouteInput {
    /// The enquiry.
    pub enquiry: Enquiry,
    /// The routing time.
    pub now: Timestamp,
}

/// Form codes of the Klippan rules, plus near misses.
const FORMS: [&str; 8] = [
    "TF-PTRH",
    "BUF-BO-01",
    "bUf-Gr-01",
    " EK-AG-01 ",
    "EK-AVB-01",
    "TF-",
    "",
    "ÅÄÖ",
];

/// 2000-01-01T00:00:00Z.
const FIRST_SECOND: i64 = 946_684_800;
/// Span of routing times: 2000 to about 2136, inside the calendar's years.
const SPAN_SECONDS: i64 = 1 << 32;

impl RouteInput {
    /// Decodes bytes into an enquiry: byte 0 picks the channel (or none),
    /// byte 1 the form code (a Klippan code, a near miss, one taken from the
    /// text, or none), bytes 2–6 the received time (absent when byte 6 is
    /// even) and the routing time, the rest is the text (lossy UTF-8).
    pub fn decode(data: &[u8]) -> RouteInput {
        let byte = |i: usize| data.get(i).copied().unwrap_or(0);
        let channel = match usize::from(byte(0)) % 8 {
            0 | 7 => None,
            i => Channel::ALL.get(i - 1).copied(),
        };
        let rest = data.get(7..).unwrap_or_default();
        let text = String::from_utf8_lossy(rest).into_owned();
        let form = match usize::from(byte(1)) % 16 {
            i if i < FORMS.len() => Some(FORMS[i].to_owned()),
            8 => Some(text.chars().take(12).collect()),
            _ => None,
        };
        let seconds = i64::from(u32::from_le_bytes([byte(2), byte(3), byte(4), byte(5)]));
        let at = |s: i64| {
            Timestamp::from_second(FIRST_SECOND + s.rem_euclid(SPAN_SECONDS))
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        let received = at(seconds);
        let now = at(seconds + i64::from(byte(6)) * 86_400 * 3);
        let enquiry = Enquiry {
            channel,
            form,
            text: (!text.is_empty() || byte(1) % 2 == 0).then_some(text),
            received_at: (byte(6) % 2 == 1).then_some(received),
            ..Enquiry::default()
        };
        RouteInput { enquiry, now }
    }
}

/// Routes a decoded enquiry on the Klippan rules and checks the decision.
pub fn check_route_enquiry(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let input = RouteInput::decode(data);
    let router = klippan();
    let decision = router.route_at(&input.enquiry, input.now);
    let again = router.route_at(&input.enquiry, input.now);
    assert_eq!(decision, again, "routing is not deterministic");
    let received = input.enquiry.received_at.unwrap_or(input.now);
    check_decision(decision, Some(received));
}

/// The invariants of every decision (see [`check_invariants`]), and its
/// JSON form.
pub fn check_decision(d: Decision, received: Option<Timestamp>) {
    check_invariants(&d, received);
    if let Err(e) = serde_json::to_string(&d) {
        panic!("the decision does not serialise: {e}");
    }
}

/// The invariants of every decision: a non-empty path from the handler,
/// levels 5–6 never at the first line, unmatched and ambiguous enquiries at
/// the first line, and due times that never go backwards (nor before the
/// receipt). Cheap enough for a million decisions in a debug build.
pub fn check_invariants(d: &Decision, received: Option<Timestamp>) {
    let Some(first) = d.path.first() else {
        panic!("a decision without a path: {d:#?}");
    };
    if let Some(level) = d.rosa_level {
        assert!((1..=6).contains(&level), "ROSA level {level}");
        if level >= 5 {
            assert!(!d.first_line, "level {level} at the first line: {d:#?}");
        }
    }
    match d.status {
        MatchStatus::Unmatched | MatchStatus::Ambiguous => {
            assert!(d.first_line, "{:?} not at the first line: {d:#?}", d.status);
            assert!(!d.matched && d.enquiry_type.is_none(), "{d:#?}");
        }
        MatchStatus::Matched => {
            assert!(d.matched && d.enquiry_type.is_some(), "{d:#?}");
            assert!(d.rosa_level.is_some(), "a match without a level: {d:#?}");
        }
    }
    assert_eq!(
        &first.unit, &d.handler,
        "the path does not start at the handler"
    );
    // A first-line decision starts at the first line, or at a type's duty
    // service while the first line is closed, which the first line follows.
    if d.first_line {
        let roles: Vec<StepRole> = d.path.iter().take(2).map(|s| s.role).collect();
        assert!(
            roles.first() == Some(&StepRole::FirstLine)
                || roles == [StepRole::OutOfHours, StepRole::FirstLine],
            "{d:#?}"
        );
    }
    // A duty service only ever comes first.
    assert!(
        d.path
            .iter()
            .skip(1)
            .all(|s| s.role != StepRole::OutOfHours),
        "{d:#?}"
    );
    // Due times never go back, and never come before receipt (to the
    // second, as decisions print it).
    let received = received.map(|t| Timestamp::from_second(t.as_second()).unwrap_or(t));
    let mut previous: Option<Timestamp> = None;
    for due in d
        .path
        .iter()
        .filter_map(|s| s.due.map(LocalTime::timestamp))
    {
        let later = match previous {
            Some(p) => p <= due,
            None => received.is_none_or(|r| r <= due),
        };
        assert!(
            later,
            "due {due} before {previous:?} / {received:?}: {:#?}",
            d.path
        );
        previous = Some(due);
    }
}

fn parse(due: &str) -> Timestamp {
    match due.parse() {
        Ok(t) => t,
        Err(e) => panic!("due `{due}` is not RFC 3339: {e}"),
    }
}

// ---------------------------------------------------------------------------
// parse_durations_hours

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(
        || match Calendar::new("Europe/Stockholm", &CalendarConfig::default()) {
            Ok(c) => c,
            Err(e) => panic!("the Stockholm calendar: {e}"),
        },
    )
}

/// Parses the input (lossy UTF-8, at most 4 KiB) as a service target, a
/// time range and a day's hours; whatever parses must print back to a text
/// that parses to the same value, and a deadline with it must be computed
/// without a panic or a hang.
pub fn check_durations_hours(data: &[u8]) {
    if data.len() > 4096 {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let target = text.parse::<ServiceTarget>();
    if let Ok(t) = &target {
        assert_eq!(
            t.to_string().parse::<ServiceTarget>().as_ref(),
            Ok(t),
            "{text:?}"
        );
    }
    if let Ok(r) = text.parse::<TimeRange>() {
        assert_eq!(r.to_string().parse::<TimeRange>(), Ok(r), "{text:?}");
        assert!(r.start() < r.end(), "{r}");
    }
    let day = text.parse::<DayHours>();
    if let Ok(day) = &day {
        assert_eq!(
            day.to_string().parse::<DayHours>().as_ref(),
            Ok(day),
            "{text:?}"
        );
        for pair in day.ranges().windows(2) {
            assert!(pair[0].end() <= pair[1].start(), "{day}");
        }
    }
    // The pieces separated by `|`: a target and a day's hours, combined in a
    // deadline on every weekday's hours.
    let mut parts = text.splitn(3, '|');
    let (Some(t), Some(h)) = (parts.next(), parts.next()) else {
        return;
    };
    let (Ok(target), Ok(day)) = (t.parse::<ServiceTarget>(), h.parse::<DayHours>()) else {
        return;
    };
    let mut hours = OpeningHours::closed();
    for wd in [jiff::civil::Weekday::Monday, jiff::civil::Weekday::Thursday] {
        hours = hours.with_day(wd, day.clone());
    }
    let seconds = parts
        .next()
        .map_or(0, |s| s.bytes().map(i64::from).sum::<i64>());
    let received = Timestamp::constant(1_800_000_000 + seconds * 3_607, 0);
    if let Ok(due) = calendar().due(&hours, received, &target) {
        assert!(due.timestamp() >= received, "due {due} before {received}");
        let spent = calendar().working_time_between(&hours, received, due.timestamp());
        if let (Ok(spent), ServiceTarget::Minutes(_) | ServiceTarget::Hours(_)) = (spent, target) {
            assert!(spent.as_secs() >= 0, "negative working time {spent:?}");
        }
    }
}

/// The files under `fuzz/<kind>/<target>/`, sorted, as (path, bytes).
pub fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect()
}
