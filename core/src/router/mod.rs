//! The compiled rule set and the routing of one enquiry.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::FxHashMap;

use self::assemble::Recognised;
use crate::calendar::{Calendar, OpeningHours, ServiceTarget, Timeline};
use crate::decision::{Candidate, Decision, Enquiry, MatchVia, PolicyStep, TermKind};
use crate::diagnostic::{Diagnostic, LoadError, Severity};
use crate::load::RuleSet;
use crate::matcher::{Matcher, TermRef};
use crate::model::{Channel, Frequency, Targets};
use crate::testing::TestCase;
use crate::text::{self, Language, Reading, Stemmers};

mod assemble;
mod compile;
mod find;
mod info;
mod near;
mod scratch;
mod why_not;

pub use find::SECOND_LOOK_NOTE;
pub use info::{EnquiryTypeInfo, TermInfo};
pub use near::{NEAR_LONGER_NOTE, NEAR_SPELLING_NOTE};
pub use why_not::{HiddenTerm, WhyNot, WhyNotReason};

/// The score reported for a type selected by its form code.
pub const FORM_SCORE: f64 = 1000.0;

/// How many candidates a decision lists.
const MAX_CANDIDATES: usize = 3;

/// The trace's note when a term was found in a text written without `å`,
/// `ä` and `ö` (`forskola` for `förskola`): the term the trace lists is
/// spelled otherwise in the text.
pub const UNACCENTED_NOTE: &str =
    "texten saknar å, ä och ö; ord med dem har lästs som skrivna med a och o";

/// The trace's note when a term was found written without `å`, `ä` and `ö`
/// in a text that has them only in a few words, beside a word that only
/// plain typing writes ([`crate::PLAIN_WORDS`]): a name, a greeting, a
/// signature or a quoted reply brought the letters in.
pub const MOSTLY_UNACCENTED_NOTE: &str = "texten är skriven utan å, ä och ö utom i några ord (ett namn, en hälsning, ett citat); ord med dem har lästs som skrivna med a och o";

/// A compiled, validated rule set that routes enquiries.
///
/// A `Router` is immutable: share it between threads behind an `Arc` (it is
/// `Send + Sync`). To change the rules, build a new router; a failed build
/// leaves the old one untouched.
///
/// The one thing it fills in after it is built is a cache: the first
/// deadline that falls in a year places each unit's opening hours on that
/// year's time line (about 20 µs per distinct opening hours; another thread
/// asking for the same year meanwhile waits for it), and later deadlines
/// read the table. Decisions do not depend on what is cached.
pub struct Router {
    pub(crate) municipality: Arc<str>,
    pub(crate) first_line: FirstLineInfo,
    pub(crate) units: Vec<UnitInfo>,
    pub(crate) departments: Vec<DepartmentInfo>,
    pub(crate) types: Vec<CompiledType>,
    forms: FxHashMap<Box<str>, u32>,
    matcher: Matcher,
    min_score: f64,
    ambiguity_ratio: f64,
    pub(crate) tests: Vec<TestCase>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) goals: crate::model::Goals,
    pub(crate) calendar: Calendar,
    /// The units' opening hours on the calendar's time line; the first is
    /// the municipality's `[opening_hours]`.
    timelines: Vec<Timeline>,
    pub(crate) targets: Targets,
    type_index: FxHashMap<Arc<str>, usize>,
}

pub(crate) struct FirstLineInfo {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub handler: usize,
    pub fallback: usize,
    pub by_channel: [Option<usize>; 6],
}

pub(crate) struct UnitInfo {
    pub id: Arc<str>,
    pub name: Arc<str>,
    /// Index into [`Router`]'s timelines: the unit's opening hours.
    pub timeline: usize,
}

pub(crate) struct DepartmentInfo {
    pub id: Arc<str>,
    pub name: Arc<str>,
}

pub(crate) struct CompiledTerm {
    pub text: Arc<str>,
    pub kind: TermKind,
    pub language: Language,
    pub weight: f64,
    pub negative: bool,
    /// Matched as written ([`crate::exact_pattern`]), not stemmed.
    pub exact: bool,
    /// Other words allowed between two of its words (`gap`).
    pub gap: u8,
}

pub(crate) struct CompiledType {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub form_codes: Vec<Box<str>>,
    pub department: usize,
    pub unit: usize,
    pub level: u8,
    pub step: PolicyStep,
    pub confidential: bool,
    pub legal_reference: Option<Arc<str>>,
    pub external: Arc<serde_json::Map<String, serde_json::Value>>,
    /// Bit `i` set: recognised on `Channel::ALL[i]`; 0 means every channel.
    pub channels: u8,
    pub rule: Arc<str>,
    pub terms: Vec<CompiledTerm>,
    /// Resolved type → department → municipality.
    pub targets: Targets,
    /// Escalation steps after the owner: unit index and target.
    pub escalation: Vec<(usize, ServiceTarget)>,
    /// The unit that comes first while the first handler is closed, and
    /// its target.
    pub out_of_hours: Option<(usize, ServiceTarget)>,
}

impl CompiledType {
    fn allows(&self, channel: Option<Channel>) -> bool {
        match channel {
            Some(c) if self.channels != 0 => self.channels & channel_bit(c) != 0,
            _ => true,
        }
    }
}

fn channel_bit(c: Channel) -> u8 {
    1 << Channel::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// Applies the ROSA policy to one type.
pub(crate) fn policy_step(
    level: u8,
    frequency: Frequency,
    first_line: Option<bool>,
    max_level: u8,
    min_frequency: Frequency,
) -> PolicyStep {
    match (level, first_line) {
        (5.., _) => PolicyStep::Level5To6Department,
        (_, Some(true)) => PolicyStep::OverrideFirstLine,
        (_, Some(false)) => PolicyStep::OverrideDepartment,
        (l, None) if l > max_level => PolicyStep::AboveMaxLevelDepartment,
        (..=2, None) => PolicyStep::Level1To2FirstLine,
        _ if frequency >= min_frequency => PolicyStep::FrequentLevel3To4FirstLine,
        _ => PolicyStep::RareLevel3To4Department,
    }
}

impl Router {
    /// Loads, checks and compiles the rule set in `dir`.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Router, LoadError> {
        Router::new(&RuleSet::from_dir(dir)?)
    }

    /// Loads, checks and compiles a rule set given as (file name, TOML text)
    /// pairs; see [`RuleSet::from_sources`].
    pub fn from_sources<I, N, T>(files: I) -> Result<Router, LoadError>
    where
        I: IntoIterator<Item = (N, T)>,
        N: Into<String>,
        T: Into<String>,
    {
        Router::new(&RuleSet::from_sources(files)?)
    }

    /// Checks and compiles a parsed rule set. Fails when the check finds an
    /// error; warnings are kept and readable with [`Router::warnings`].
    pub fn new(set: &RuleSet) -> Result<Router, LoadError> {
        let mut stemmers = Stemmers::new();
        let diagnostics = crate::validate::check_with(set, &mut stemmers);
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(LoadError { diagnostics });
        }
        compile::compile(set, diagnostics, &stemmers)
    }

    /// The municipality's name.
    pub fn municipality(&self) -> &str {
        &self.municipality
    }

    /// The service goals of `municipality.toml`'s `[goals]` table, which the
    /// statistics report measures against.
    pub fn goals(&self) -> &crate::model::Goals {
        &self.goals
    }

    /// Warnings the check found (keyword conflicts, untested types).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The `[[test]]` cases of every department file.
    pub fn tests(&self) -> &[TestCase] {
        &self.tests
    }

    /// How many enquiry types the rule set has.
    pub fn type_count(&self) -> usize {
        self.types.len()
    }

    /// The municipality's working-time calendar (time zone, holidays,
    /// closures, short days).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The opening hours of `unit`: its own, else the municipality's
    /// `[opening_hours]`. An unknown unit gets the municipality's.
    pub fn opening_hours(&self, unit: &str) -> &OpeningHours {
        self.timeline_of(unit).hours()
    }

    /// The opening hours of `unit` on the calendar's time line, as
    /// [`Router::opening_hours`] chooses them: for deadlines and working
    /// time computed again and again (statistics, progress).
    pub(crate) fn timeline_of(&self, unit: &str) -> &Timeline {
        let timeline = self
            .units
            .iter()
            .find(|u| &*u.id == unit)
            .map_or(0, |u| u.timeline);
        self.timeline(timeline)
    }

    /// The target of a route's first step on `channel`: the type's own,
    /// else its department's, else the municipality's. Without a type (or
    /// with an unknown one), the municipality's. `None` when no table sets
    /// a target for the channel.
    pub fn target(&self, channel: Channel, enquiry_type: Option<&str>) -> Option<&ServiceTarget> {
        enquiry_type
            .and_then(|id| self.type_index.get(id))
            .map_or(&self.targets, |&t| &self.types[t].targets)
            .channel(channel)
    }

    /// The target of the duty service (`out_of_hours`) of `enquiry_type`,
    /// which a route's first step has while the first handler is closed;
    /// `None` for a type without one, or an unknown type.
    pub fn out_of_hours_target(&self, enquiry_type: &str) -> Option<&ServiceTarget> {
        let ty = &self.types[*self.type_index.get(enquiry_type)?];
        ty.out_of_hours.as_ref().map(|(_, within)| within)
    }

    /// Routes one enquiry, with deadlines counted from its `received_at`,
    /// else from the system clock's "now". Never fails: an enquiry nothing
    /// recognises goes to the first line, which owns it until it is answered.
    ///
    /// On `wasm32-unknown-unknown` there is no clock: there, an enquiry
    /// without `received_at` gets no due dates (and a note saying so).
    /// WebAssembly callers pass the time themselves with
    /// [`Router::route_at`] (`Date.now()`).
    pub fn route(&self, enquiry: &Enquiry) -> Decision {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        let now = enquiry.received_at.or_else(|| Some(Timestamp::now()));
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        let now = enquiry.received_at;
        self.route_inner(enquiry, now)
    }

    /// Routes one enquiry at the time `now`: deadlines count from the
    /// enquiry's `received_at`, else from `now`. Deterministic: the same
    /// enquiry and time always give the same decision.
    pub fn route_at(&self, enquiry: &Enquiry, now: Timestamp) -> Decision {
        self.route_inner(enquiry, Some(now))
    }

    /// The decision for an enquiry of the known type `enquiry_type`, as if
    /// its form code had selected it (its text is not read), at the time
    /// `now`; `None` for an unknown type. For a case officer who already
    /// knows the type, and for `kommunlots due --type`.
    pub fn route_type_at(
        &self,
        enquiry_type: &str,
        enquiry: &Enquiry,
        now: Timestamp,
    ) -> Option<Decision> {
        let &ty = self.type_index.get(enquiry_type)?;
        let notes = vec!["ärendeslaget angavs av den som frågade; texten lästes inte".to_owned()];
        let candidates = vec![self.candidate(ty, FORM_SCORE, &[], &[])];
        let received = enquiry.received_at.unwrap_or(now);
        Some(self.matched(
            enquiry,
            Some(Timestamp::from_second(received.as_second()).unwrap_or(received)),
            ty,
            Recognised::FORM,
            candidates,
            notes,
        ))
    }

    pub(crate) fn route_inner(&self, enquiry: &Enquiry, now: Option<Timestamp>) -> Decision {
        // Deadlines count in whole seconds: a fraction of a second in the
        // clock's "now" would only clutter every due time.
        let received = enquiry
            .received_at
            .or(now)
            .map(|t| Timestamp::from_second(t.as_second()).unwrap_or(t));
        let mut notes = Vec::new();
        if received.is_none() {
            notes.push(
                "mottagningstiden saknas och plattformen har ingen klocka, så inga svarstider har räknats ut"
                    .to_owned(),
            );
        }
        if let Some(code) = enquiry.form.as_deref() {
            match self.form_type(code) {
                Some(ty) => {
                    let candidates = vec![self.candidate(ty, FORM_SCORE, &[], &[])];
                    return self.matched(
                        enquiry,
                        received,
                        ty,
                        Recognised::FORM,
                        candidates,
                        notes,
                    );
                }
                // The code itself is not quoted: it is the citizen's input.
                None => notes.push("formulärkoden finns inte i regelverket".to_owned()),
            }
        }
        scratch::with_scratch(|s| self.route_text(enquiry, received, notes, s))
    }

    /// Routes by the enquiry's text, with reused buffers.
    fn route_text(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        mut notes: Vec<String>,
        s: &mut scratch::Scratch,
    ) -> Decision {
        let text = enquiry.text.as_deref().unwrap_or("");
        if text::normalize_into(text, &mut s.normalized) {
            notes.push(format!(
                "texten är längre än {} byte; bara början har lästs",
                text::MAX_TEXT_BYTES
            ));
        }
        let (plain, near) = self.find_scored(s, enquiry.channel);
        match plain {
            Reading::Written => {}
            Reading::Plain => notes.push(UNACCENTED_NOTE.to_owned()),
            Reading::MostlyPlain => notes.push(MOSTLY_UNACCENTED_NOTE.to_owned()),
            Reading::SecondLook => notes.push(SECOND_LOOK_NOTE.to_owned()),
        }
        if !near.is_empty() {
            notes.push(NEAR_LONGER_NOTE.to_owned());
        }
        let candidates: Vec<Candidate> = s
            .scored
            .iter()
            .take(MAX_CANDIDATES)
            .map(|&(ty, score)| self.candidate(ty, score, &s.terms, &near))
            .collect();
        match s.scored.as_slice() {
            [(best, score), rest @ ..] if *score >= self.min_score => {
                let close: Vec<usize> = rest
                    .iter()
                    .take_while(|&&(_, s)| self.too_close(*score, s))
                    .map(|(ty, _)| *ty)
                    .collect();
                if close.is_empty() {
                    self.matched(
                        enquiry,
                        received,
                        *best,
                        Recognised {
                            via: MatchVia::Text,
                            hits: &s.terms,
                            near: &near,
                            score: *score,
                            plain,
                        },
                        candidates,
                        notes,
                    )
                } else {
                    let mut all = vec![*best];
                    all.extend(close);
                    self.ambiguous(enquiry, received, &all, candidates, notes)
                }
            }
            _ => {
                let mut candidates = candidates;
                if self.add_near_candidates(
                    enquiry.channel,
                    &s.normalized,
                    &s.terms,
                    &mut candidates,
                ) {
                    notes.push(NEAR_SPELLING_NOTE.to_owned());
                }
                self.unmatched(enquiry, received, candidates, notes)
            }
        }
    }

    fn form_type(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        let found = if code.bytes().any(|b| b.is_ascii_lowercase()) {
            self.forms.get(code.to_ascii_uppercase().as_str())
        } else {
            self.forms.get(code)
        };
        found.map(|&t| t as usize)
    }

    /// Whether a type scoring `other` is too close to the best, scoring
    /// `best`, for the best to be chosen (`ambiguity_ratio`).
    fn too_close(&self, best: f64, other: f64) -> bool {
        other >= best * self.ambiguity_ratio
    }

    /// Scores every type with a hit, best first (ties in rule order), into
    /// `scored` (cleared first).
    fn score(&self, hits: &[TermRef], channel: Option<Channel>, scored: &mut Vec<(usize, f64)>) {
        scored.clear();
        for group in hits.chunk_by(|a, b| a.ty == b.ty) {
            let ty_index = group[0].ty as usize;
            let ty = &self.types[ty_index];
            if !ty.allows(channel) {
                continue;
            }
            let terms = group.iter().map(|h| &ty.terms[h.term as usize]);
            if terms.clone().any(|t| t.negative) {
                continue;
            }
            let score: f64 = terms.map(|t| t.weight).sum();
            if score > 0.0 {
                scored.push((ty_index, score));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }

    /// Type `ty` as a candidate, with its terms among `hits` (those among
    /// `near` marked as found by a near spelling).
    fn candidate(&self, ty: usize, score: f64, hits: &[TermRef], near: &[TermRef]) -> Candidate {
        let t = &self.types[ty];
        Candidate {
            enquiry_type: t.id.clone(),
            name: t.name.clone(),
            department: self.departments[t.department].id.clone(),
            score,
            terms: self.matched_terms(hits, ty, near),
        }
    }

    fn first_line_handler(&self, channel: Option<Channel>) -> usize {
        channel
            .and_then(|c| self.first_line.by_channel[Channel::ALL.iter().position(|x| *x == c)?])
            .unwrap_or(self.first_line.handler)
    }

    /// The opening hours of the unit at index `unit`, on the time line.
    fn unit_timeline(&self, unit: usize) -> &Timeline {
        self.timeline(self.units[unit].timeline)
    }

    fn timeline(&self, index: usize) -> &Timeline {
        // `compile` gives every unit an index into `timelines`, and the
        // first timeline always exists.
        &self.timelines[index]
    }
}
