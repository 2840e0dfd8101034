//! kommunlots routes citizens' enquiries to the right municipal unit.
//!
//! Swedish municipalities give citizens one way in: a first-line customer
//! service that answers what it may and passes the rest to the owning
//! department. Which enquiry goes where is decided by the ROSA levels
//! (1 information … 6 evaluative decisions): levels 1–2 stay at the first
//! line, 3–4 only when frequent, 5–6 go to the department. kommunlots makes
//! that decision from TOML rule files the departments write themselves, and
//! explains it.
//!
//! ```
//! use kommunlots::{Channel, Enquiry, Router};
//!
//! let router = Router::from_sources([
//!     ("municipality.toml", r#"
//!         [municipality]
//!         name = "Exempels kommun"
//!
//!         [first_line]
//!         id = "kontaktcenter"
//!         name = "Kontaktcenter"
//!         handler = "kundtjanst"
//!
//!         [[first_line.unit]]
//!         id = "kundtjanst"
//!         name = "Kundtjänsten"
//!     "#),
//!     ("departments/plan-bygg.toml", r#"
//!         [department]
//!         id = "plan-bygg"
//!         name = "Plan- och byggförvaltningen"
//!
//!         [[unit]]
//!         id = "bygglov"
//!         name = "Bygglovsenheten"
//!
//!         [[type]]
//!         id = "bygglov-ansokan"
//!         name = "Ansökan om bygglov"
//!         level = 6
//!         unit = "bygglov"
//!         keywords = ["bygglov"]
//!     "#),
//! ])?;
//!
//! let decision = router.route(
//!     &Enquiry::text("Hur går det med min bygglovsansökan?").with_channel(Channel::Email),
//! );
//! assert_eq!(decision.department.as_ref(), "plan-bygg");
//! assert_eq!(decision.rosa_level, Some(6));
//! assert!(!decision.first_line);
//! println!("{}", decision.explanation.text);
//! # Ok::<(), kommunlots::LoadError>(())
//! ```
//!
//! # Deadlines and escalation
//!
//! Each step of a decision's `path` carries a `due` time, computed with the
//! municipality's working-time [`calendar`] (Swedish public holidays, de
//! facto closed days, local closures, opening hours) from the `[targets]`
//! and `[[escalation]]` of the rule files, counted from the enquiry's
//! `received_at`. [`Router::route`] uses the system clock when
//! `received_at` is absent; [`Router::route_at`] takes the time as an
//! argument and is deterministic. On `wasm32-unknown-unknown` there is no
//! clock: WebAssembly callers use [`Router::route_at`] (with `Date.now()`).
//! [`Router::progress`] tells where an enquiry is at a given time.
//!
//! ```
//! # use kommunlots::{Channel, Enquiry, Router};
//! # let router = Router::from_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/klippan"))?;
//! let received: jiff::Timestamp = "2027-03-25T16:30:00+01:00".parse()?;
//! let enquiry = Enquiry::text("Varför har ni inte plogat?")
//!     .with_channel(Channel::Email)
//!     .with_received_at(received);
//! let decision = router.route_at(&enquiry, received);
//! // Two working days over Easter: Good Friday and Easter Monday are holidays.
//! let due = decision.path[0].due.ok_or("no due time")?;
//! assert_eq!(due.to_string(), "2027-03-31T16:30:00+02:00");
//! assert_eq!(due.datetime().weekday(), jiff::civil::Weekday::Wednesday);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Limits
//!
//! Every input is bounded, and past each bound there is still a decision or
//! a located error, never a panic or a hang (`core/tests/limits.rs`; the
//! fuzz targets in `fuzz/`):
//!
//! - only the first [`MAX_TEXT_BYTES`] of an enquiry's text are routed, cut
//!   at a character boundary, with a note in the trace;
//! - an enquiry's JSON may be [`json::MAX_ENQUIRY_JSON_BYTES`] long; a longer
//!   one is an [`EnquiryError`];
//! - a rule file may be [`MAX_FILE_BYTES`] long and a rule set may have
//!   [`MAX_FILES`] department files; past either, loading fails with a
//!   [`DiagnosticKind::Limit`] error located at the file (or `departments`).
//!   TOML nesting is bounded by the parser, also a `Limit` error;
//! - deadlines are computed for the years [`calendar::FIRST_YEAR`] to
//!   [`calendar::LAST_YEAR`], and a search for opening time gives up after
//!   [`calendar::MAX_CLOSED_RUN`] closed days; either way the step is left
//!   without a due time and the trace says why.
//!
//! # Features
//!
//! - `nfc` (default): compose text that is not in Unicode NFC before
//!   matching, so `a` followed by a combining ring is `å`. Leave it out only
//!   where every text is composed before it reaches kommunlots: the
//!   WebAssembly binding does, with the browser's `String.normalize`.
//! - `html`: the self-contained HTML statistics report
//!   (`stats::to_html`), with its charts.
//!
//! The rule format is documented in `rules/README.md`; the reference rule set
//! is `rules/klippan/`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod corpus;
pub mod decision;
pub mod diagnostic;
mod explain;
pub mod json;
pub mod lines;
mod load;
mod matcher;
pub mod model;
mod progress;
mod rfc3339;
mod router;
pub mod stats;
pub mod testing;
mod text;
mod validate;

pub use decision::{Decision, Enquiry, EnquiryId, MatchStatus, PolicyStep, Step, StepRole};
pub use diagnostic::{Diagnostic, DiagnosticKind, LoadError, Location, Severity};
pub use json::EnquiryError;
pub use load::{MAX_FILE_BYTES, MAX_FILES, MUNICIPALITY_FILE, RuleSet, SourceFile};
pub use model::{Channel, Frequency};
pub use progress::{Progress, ProgressError};
pub use rfc3339::LocalTime;
pub use router::{
    EnquiryTypeInfo, FORM_SCORE, HiddenTerm, MOSTLY_UNACCENTED_NOTE, NEAR_LONGER_NOTE,
    NEAR_SPELLING_NOTE, Router, SECOND_LOOK_NOTE, TermInfo, UNACCENTED_NOTE, WhyNot, WhyNotReason,
};
pub use text::{
    COMPOUND_MIN_CHARS, ENGLISH_ENDINGS, ENGLISH_ENDINGS_AFTER_DOUBLING,
    ENGLISH_ENDINGS_AFTER_SILENT_E, ENGLISH_WORDS, Language, MAX_TEXT_BYTES, PLAIN_WORDS,
    SWEDISH_WORDS, SearchPattern, exact_pattern, is_english_ending, is_plainly_nfc, search_pattern,
};
pub use validate::Coverage;

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
