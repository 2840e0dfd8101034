//! The enquiry that comes in and the decision that goes out.
//!
//! Both are serde types; their JSON form is the contract of the C and WASM
//! bindings and of the CLI's `--format json`.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::Channel;
use crate::rfc3339::LocalTime;

/// The caller's id of an enquiry, echoed unchanged in its decision: a string
/// or an integer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged, expecting = "a string or an integer")]
pub enum EnquiryId {
    /// A textual id (`"E-2027-0042"`).
    Text(String),
    /// A numeric id.
    Number(i64),
}

impl fmt::Display for EnquiryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnquiryId::Text(s) => f.write_str(s),
            EnquiryId::Number(n) => write!(f, "{n}"),
        }
    }
}

/// An enquiry from a citizen. Every field is optional: an empty enquiry still
/// gets a decision (the first line's).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enquiry {
    /// The caller's id, echoed in the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<EnquiryId>,
    /// How the enquiry arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The citizen's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The e-service form code, when it came through a form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// When it was received: RFC 3339 with an offset
    /// (`2027-03-25T16:30:00+01:00`); a time without an offset is an error.
    /// When absent, the time given to [`Router::route_at`](crate::Router::route_at)
    /// (the clock's "now" for [`Router::route`](crate::Router::route)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<jiff::Timestamp>,
    /// The language the citizen wrote in (`sv`, `en`), if known. Both
    /// languages' terms are always tried; this is recorded, not required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Other form fields. Passed to the host, not used for routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Enquiry {
    /// An enquiry with just a text.
    pub fn text(text: impl Into<String>) -> Self {
        Enquiry {
            text: Some(text.into()),
            ..Enquiry::default()
        }
    }

    /// Sets the channel.
    #[must_use]
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Sets the time the enquiry was received.
    #[must_use]
    pub fn with_received_at(mut self, received_at: jiff::Timestamp) -> Self {
        self.received_at = Some(received_at);
        self
    }

    /// Sets the form code.
    #[must_use]
    pub fn with_form(mut self, form: impl Into<String>) -> Self {
        self.form = Some(form.into());
        self
    }
}

/// Whether a type was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchStatus {
    /// One enquiry type was recognised.
    Matched,
    /// Two or more types scored too close to choose; the first line decides.
    Ambiguous,
    /// Nothing was recognised; the first line owns the enquiry.
    Unmatched,
}

/// The route of one enquiry: who owns it, who takes it first, by when, and
/// why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The enquiry's id, echoed.
    pub id: Option<EnquiryId>,
    /// Matched, ambiguous or unmatched.
    pub status: MatchStatus,
    /// True when exactly one enquiry type was recognised.
    pub matched: bool,
    /// The recognised type's id.
    pub enquiry_type: Option<Arc<str>>,
    /// The recognised type's Swedish name.
    pub enquiry_type_name: Option<Arc<str>>,
    /// The owning department's id (the first line's id when nothing
    /// matched).
    pub department: Arc<str>,
    /// The owning department's name.
    pub department_name: Arc<str>,
    /// The owning unit's id.
    pub unit: Arc<str>,
    /// The owning unit's name.
    pub unit_name: Arc<str>,
    /// The ROSA level (1–6) of the recognised type.
    pub rosa_level: Option<u8>,
    /// True when the first-line customer service handles the enquiry (the
    /// ROSA policy's answer, whatever the time of day).
    pub first_line: bool,
    /// The unit that takes the enquiry first: the first step of `path`. For
    /// a type with a duty service (`out_of_hours`) that arrives while the
    /// first line or owning unit is closed, the duty service.
    pub handler: Arc<str>,
    /// The handler's name.
    pub handler_name: Arc<str>,
    /// Whether the enquiry is covered by secrecy.
    pub confidential: bool,
    /// The law behind the secrecy or the decision.
    pub legal_reference: Option<Arc<str>>,
    /// The channel the enquiry came by, echoed.
    pub channel: Option<Channel>,
    /// When the enquiry was received (RFC 3339 with the municipality's
    /// offset): its `received_at`, else the routing time. The deadlines in
    /// `path` count from here.
    #[serde(default)]
    pub received_at: Option<LocalTime>,
    /// The route's steps, first handler first.
    pub path: Vec<Step>,
    /// Values for the host system from the type's `external` table.
    pub external: Arc<serde_json::Map<String, serde_json::Value>>,
    /// The best-scoring types, best first (at most three).
    pub candidates: Vec<Candidate>,
    /// Why the enquiry goes where it goes.
    pub explanation: Explanation,
}

/// The part a unit plays in a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum StepRole {
    /// A duty service that takes the enquiry first because it arrived while
    /// the first handler was closed (the type's `out_of_hours`).
    OutOfHours,
    /// The first-line customer service.
    FirstLine,
    /// The unit that owns the enquiry type.
    Owner,
    /// A named escalation (unit manager, department head).
    Escalation,
}

impl StepRole {
    /// The role as the decision's JSON writes it: `out-of-hours`,
    /// `first-line`, `owner` or `escalation`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            StepRole::OutOfHours => "out-of-hours",
            StepRole::FirstLine => "first-line",
            StepRole::Owner => "owner",
            StepRole::Escalation => "escalation",
        }
    }
}

/// One step of a route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The unit's id.
    pub unit: Arc<str>,
    /// The unit's name.
    pub unit_name: Arc<str>,
    /// The part the unit plays.
    pub role: StepRole,
    /// When this step must be done (RFC 3339 with the municipality's
    /// offset, `2027-03-31T16:30:00+02:00`): counted from the previous
    /// step's due time (from `received_at` for the first step) with this
    /// step's target and its unit's opening hours. `None` when no target
    /// applies or the date cannot be computed (see the trace's notes).
    pub due: Option<LocalTime>,
}

/// A type that scored, listed so a person can see the alternatives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The type's id.
    pub enquiry_type: Arc<str>,
    /// The type's Swedish name.
    pub name: Arc<str>,
    /// Its department's id.
    pub department: Arc<str>,
    /// Its score: the sum of its matched terms' weights (infinite scores,
    /// from a form code, are reported as 1000). For a type listed because
    /// of near spellings (its terms all `near_spelling`), the sum of those
    /// terms' weights: it orders such candidates, and never made a match.
    pub score: f64,
    /// The terms of this type found in the text, so that an ambiguous
    /// decision shows what pointed to each candidate (empty for a form
    /// code; absent in decisions logged before it was added).
    #[serde(default)]
    pub terms: Vec<MatchedTerm>,
}

/// Why a decision was made: one Swedish sentence and a structured trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// One plain Swedish sentence for the citizen or the case officer.
    pub text: String,
    /// The steps behind it, for people who maintain the rules.
    pub trace: Trace,
}

/// How the decision was reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// The rule that decided, as `file#type` (`departments/teknik.toml#snorojning`).
    pub rule: Option<Arc<str>>,
    /// What recognised the type.
    pub via: MatchVia,
    /// The terms of the chosen type found in the text, as written in the rule.
    pub terms: Vec<MatchedTerm>,
    /// The chosen type's score.
    pub score: f64,
    /// Which step of the ROSA policy placed the enquiry.
    pub policy: PolicyStep,
    /// Anything else worth knowing, in Swedish: an unknown form code, a
    /// truncated text, a text read as typed without `å`, `ä` and `ö`
    /// ([`crate::UNACCENTED_NOTE`], [`crate::MOSTLY_UNACCENTED_NOTE`],
    /// [`crate::SECOND_LOOK_NOTE`]: the terms listed then have letters the
    /// text does not).
    pub notes: Vec<String>,
}

/// What recognised an enquiry type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchVia {
    /// An e-service form code.
    Form,
    /// Keywords and phrases in the text.
    Text,
    /// Nothing.
    None,
}

/// Which list a matched term came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// A keyword.
    Keyword,
    /// A phrase.
    Phrase,
}

/// A rule term found in the enquiry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchedTerm {
    /// The term as written in the rule file.
    pub term: Arc<str>,
    /// Keyword or phrase.
    pub kind: TermKind,
    /// Its weight.
    pub weight: f64,
    /// True when the term is not in the text as written, but a word of it
    /// misses the term by one letter (a typing error?). It counts only
    /// where the word holds a shorter term that this one spans
    /// ([`crate::NEAR_LONGER_NOTE`]); otherwise it is only among the
    /// candidates of an unmatched enquiry ([`crate::NEAR_SPELLING_NOTE`]).
    /// Absent from the JSON when false.
    #[serde(default, skip_serializing_if = "<&bool as std::ops::Not>::not")]
    pub near_spelling: bool,
}

/// The step of the ROSA policy that placed an enquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyStep {
    /// Levels 1–2 always go to the first line.
    #[serde(rename = "level-1-2-first-line")]
    Level1To2FirstLine,
    /// A level 3–4 type frequent enough for the first line.
    #[serde(rename = "frequent-level-3-4-first-line")]
    FrequentLevel3To4FirstLine,
    /// A level 3–4 type too rare for the first line.
    #[serde(rename = "rare-level-3-4-department")]
    RareLevel3To4Department,
    /// A level above the municipality's `first_line_max_level`.
    #[serde(rename = "above-max-level-department")]
    AboveMaxLevelDepartment,
    /// Levels 5–6 always go to the department.
    #[serde(rename = "level-5-6-department")]
    Level5To6Department,
    /// The type's `first_line = true` override.
    #[serde(rename = "override-first-line")]
    OverrideFirstLine,
    /// The type's `first_line = false` override.
    #[serde(rename = "override-department")]
    OverrideDepartment,
    /// Nothing matched: the first line owns it.
    #[serde(rename = "unmatched-fallback")]
    UnmatchedFallback,
    /// Several types were too close: the first line decides.
    #[serde(rename = "ambiguous-first-line")]
    AmbiguousFirstLine,
}

impl PolicyStep {
    /// Whether this step gives the enquiry to the first line.
    pub fn is_first_line(self) -> bool {
        matches!(
            self,
            PolicyStep::Level1To2FirstLine
                | PolicyStep::FrequentLevel3To4FirstLine
                | PolicyStep::OverrideFirstLine
                | PolicyStep::UnmatchedFallback
                | PolicyStep::AmbiguousFirstLine
        )
    }
}
