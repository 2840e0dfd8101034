//! The compiled rule set and the routing of one enquiry.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use jiff::{Timestamp, Zoned};

use crate::calendar::{Calendar, OpeningHours, ServiceTarget};
use crate::decision::{
    Candidate, Decision, Enquiry, Explanation, MatchStatus, MatchVia, MatchedTerm, PolicyStep,
    Step, StepRole, TermKind, Trace,
};
use crate::diagnostic::{Diagnostic, DiagnosticKind, LoadError, Location, Severity};
use crate::explain;
use crate::load::RuleSet;
use crate::matcher::{Matcher, TermRef};
use crate::model::{Channel, EscalationStep, Frequency, Targets, Term};
use crate::testing::TestCase;
use crate::text::{self, Lang, Pattern, Stemmers};

/// The score reported for a type selected by its form code.
pub const FORM_SCORE: f64 = 1000.0;

/// How many candidates a decision lists.
const MAX_CANDIDATES: usize = 3;

/// A compiled, validated rule set that routes enquiries.
///
/// A `Router` is immutable: share it between threads behind an `Arc` (it is
/// `Send + Sync`). To change the rules, build a new router; a failed build
/// leaves the old one untouched.
pub struct Router {
    pub(crate) municipality: Arc<str>,
    pub(crate) first_line: FirstLineInfo,
    pub(crate) units: Vec<UnitInfo>,
    pub(crate) departments: Vec<DepartmentInfo>,
    pub(crate) types: Vec<CompiledType>,
    forms: HashMap<Box<str>, u32>,
    matcher: Matcher,
    min_score: f64,
    ambiguity_ratio: f64,
    pub(crate) tests: Vec<TestCase>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) goals: crate::model::Goals,
    pub(crate) calendar: Calendar,
    pub(crate) default_hours: OpeningHours,
    pub(crate) targets: Targets,
    type_index: HashMap<Arc<str>, usize>,
}

/// One enquiry type as [`Router::enquiry_types`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnquiryTypeInfo<'a> {
    /// The type's id (`snorojning`).
    pub id: &'a str,
    /// Its Swedish name.
    pub name: &'a str,
    /// The owning department's id.
    pub department: &'a str,
    /// The owning unit's id.
    pub unit: &'a str,
    /// The ROSA level, 1–6.
    pub level: u8,
    /// Whether the ROSA policy sends it to the first line.
    pub first_line: bool,
    /// Whether it is covered by secrecy.
    pub confidential: bool,
    /// The e-service form codes that select it, upper-cased.
    pub form_codes: &'a [Box<str>],
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
    pub hours: Option<OpeningHours>,
}

pub(crate) struct DepartmentInfo {
    pub id: Arc<str>,
    pub name: Arc<str>,
}

pub(crate) struct CompiledTerm {
    pub text: Arc<str>,
    pub kind: TermKind,
    pub weight: f64,
    pub negative: bool,
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
        compile(set, diagnostics, &mut stemmers)
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
        self.units
            .iter()
            .find(|u| &*u.id == unit)
            .and_then(|u| u.hours.as_ref())
            .unwrap_or(&self.default_hours)
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

    /// Every enquiry type, in rule-file order.
    pub fn enquiry_types(&self) -> impl Iterator<Item = EnquiryTypeInfo<'_>> {
        self.types.iter().map(|t| self.type_info(t))
    }

    /// The enquiry type an e-service form code selects (case-insensitive,
    /// surrounding spaces ignored), without routing anything: for a form
    /// that wants to show the type as soon as a category is picked.
    pub fn enquiry_type_for_form(&self, code: &str) -> Option<EnquiryTypeInfo<'_>> {
        self.form_type(code).map(|t| self.type_info(&self.types[t]))
    }

    fn type_info<'a>(&'a self, t: &'a CompiledType) -> EnquiryTypeInfo<'a> {
        EnquiryTypeInfo {
            id: &t.id,
            name: &t.name,
            department: &self.departments[t.department].id,
            unit: &self.units[t.unit].id,
            level: t.level,
            first_line: t.step.is_first_line(),
            confidential: t.confidential,
            form_codes: &t.form_codes,
        }
    }

    /// Every department as (id, name), in rule-file order. The first line
    /// (the department of unmatched decisions) is not listed.
    pub fn departments(&self) -> impl Iterator<Item = (&str, &str)> {
        self.departments.iter().map(|d| (&*d.id, &*d.name))
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
        let candidates = vec![self.candidate(ty, FORM_SCORE)];
        let received = enquiry.received_at.unwrap_or(now);
        Some(self.matched(
            enquiry,
            Some(Timestamp::from_second(received.as_second()).unwrap_or(received)),
            ty,
            MatchVia::Form,
            &[],
            FORM_SCORE,
            candidates,
            notes,
        ))
    }

    fn route_inner(&self, enquiry: &Enquiry, now: Option<Timestamp>) -> Decision {
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
                    let candidates = vec![self.candidate(ty, FORM_SCORE)];
                    return self.matched(
                        enquiry,
                        received,
                        ty,
                        MatchVia::Form,
                        &[],
                        FORM_SCORE,
                        candidates,
                        notes,
                    );
                }
                // The code itself is not quoted: it is the citizen's input.
                None => notes.push("formulärkoden finns inte i regelverket".to_owned()),
            }
        }
        let mut normalized = Vec::new();
        if text::normalize_into(enquiry.text.as_deref().unwrap_or(""), &mut normalized) {
            notes.push(format!(
                "texten är längre än {} byte; bara början har lästs",
                text::MAX_TEXT_BYTES
            ));
        }
        let mut hits = Vec::new();
        self.matcher.find(&normalized, &mut hits);
        let scored = self.score(&hits, enquiry.channel);
        let candidates: Vec<Candidate> = scored
            .iter()
            .take(MAX_CANDIDATES)
            .map(|&(ty, score)| self.candidate(ty, score))
            .collect();
        match scored.as_slice() {
            [(best, score), rest @ ..] if *score >= self.min_score => {
                let close: Vec<usize> = rest
                    .iter()
                    .take_while(|(_, s)| *s >= score * self.ambiguity_ratio)
                    .map(|(ty, _)| *ty)
                    .collect();
                if close.is_empty() {
                    self.matched(
                        enquiry,
                        received,
                        *best,
                        MatchVia::Text,
                        &hits,
                        *score,
                        candidates,
                        notes,
                    )
                } else {
                    let mut all = vec![*best];
                    all.extend(close);
                    self.ambiguous(enquiry, received, &all, candidates, notes)
                }
            }
            _ => self.unmatched(enquiry, received, candidates, notes),
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

    /// Scores every type with a hit, best first (ties in rule order).
    fn score(&self, hits: &[TermRef], channel: Option<Channel>) -> Vec<(usize, f64)> {
        let mut scored = Vec::new();
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
        scored
    }

    fn candidate(&self, ty: usize, score: f64) -> Candidate {
        let t = &self.types[ty];
        Candidate {
            enquiry_type: t.id.clone(),
            name: t.name.clone(),
            department: self.departments[t.department].id.clone(),
            score,
        }
    }

    fn first_line_handler(&self, channel: Option<Channel>) -> usize {
        channel
            .and_then(|c| self.first_line.by_channel[Channel::ALL.iter().position(|x| *x == c)?])
            .unwrap_or(self.first_line.handler)
    }

    fn unit_hours(&self, unit: usize) -> &OpeningHours {
        self.units[unit]
            .hours
            .as_ref()
            .unwrap_or(&self.default_hours)
    }

    /// The steps of a route with their due times: each counted from the
    /// previous due time (from `received` for the first) with the step's
    /// target and its unit's opening hours. A step without a target keeps
    /// the previous time; a date that cannot be computed leaves that step
    /// and the rest without a due time, with a note. Returns the steps and
    /// the first step's due time.
    fn schedule(
        &self,
        plan: &[(usize, StepRole, Option<ServiceTarget>)],
        received: Option<Timestamp>,
        notes: &mut Vec<String>,
    ) -> (Vec<Step>, Option<Zoned>) {
        let mut from = received;
        let mut first_due = None;
        let mut path = Vec::with_capacity(plan.len());
        for (i, &(unit, role, target)) in plan.iter().enumerate() {
            let mut due = None;
            if let (Some(at), Some(target)) = (from, target) {
                match self.calendar.due(self.unit_hours(unit), at, &target) {
                    Ok(zoned) => {
                        from = Some(zoned.timestamp());
                        due = Some(rfc3339(&zoned));
                        if i == 0 {
                            first_due = Some(zoned);
                        }
                    }
                    Err(e) => {
                        notes.push(format!(
                            "svarstiden för steg {} ({}) kunde inte räknas ut: {e}",
                            i + 1,
                            self.units[unit].name
                        ));
                        from = None;
                    }
                }
            }
            path.push(Step {
                unit: self.units[unit].id.clone(),
                unit_name: self.units[unit].name.clone(),
                role,
                due,
            });
        }
        (path, first_due)
    }

    fn received_string(&self, received: Option<Timestamp>) -> Option<String> {
        received.map(|t| rfc3339(&t.to_zoned(self.calendar.time_zone().clone())))
    }

    #[allow(clippy::too_many_arguments)]
    fn matched(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        ty_index: usize,
        via: MatchVia,
        hits: &[TermRef],
        score: f64,
        candidates: Vec<Candidate>,
        mut notes: Vec<String>,
    ) -> Decision {
        let ty = &self.types[ty_index];
        let first_line = ty.step.is_first_line();
        let handler = if first_line {
            self.first_line_handler(enquiry.channel)
        } else {
            ty.unit
        };
        let first_target = enquiry.channel.and_then(|c| ty.targets.channel(c)).copied();
        let mut plan = Vec::with_capacity(2 + ty.escalation.len());
        plan.push((
            handler,
            if first_line {
                StepRole::FirstLine
            } else {
                StepRole::Owner
            },
            first_target,
        ));
        if handler != ty.unit {
            plan.push((ty.unit, StepRole::Owner, ty.targets.owner.or(first_target)));
        }
        plan.extend(
            ty.escalation
                .iter()
                .map(|&(unit, within)| (unit, StepRole::Escalation, Some(within))),
        );
        let (path, first_due) = self.schedule(&plan, received, &mut notes);
        let terms: Vec<MatchedTerm> = hits
            .iter()
            .filter(|h| h.ty as usize == ty_index)
            .map(|h| &ty.terms[h.term as usize])
            .map(|t| MatchedTerm {
                term: t.text.clone(),
                kind: t.kind,
                weight: t.weight,
            })
            .collect();
        let department = &self.departments[ty.department];
        let mut text = explain::matched(self, ty, via, enquiry.form.is_some(), &terms, handler);
        if let Some(due) = &first_due {
            explain::push_due(&mut text, &self.units[handler].name, due);
        }
        Decision {
            id: enquiry.id.clone(),
            status: MatchStatus::Matched,
            matched: true,
            enquiry_type: Some(ty.id.clone()),
            enquiry_type_name: Some(ty.name.clone()),
            department: department.id.clone(),
            department_name: department.name.clone(),
            unit: self.units[ty.unit].id.clone(),
            unit_name: self.units[ty.unit].name.clone(),
            rosa_level: Some(ty.level),
            first_line,
            handler: self.units[handler].id.clone(),
            handler_name: self.units[handler].name.clone(),
            confidential: ty.confidential,
            legal_reference: ty.legal_reference.clone(),
            channel: enquiry.channel,
            received_at: self.received_string(received),
            path,
            external: ty.external.clone(),
            candidates,
            explanation: Explanation {
                text,
                trace: Trace {
                    rule: Some(ty.rule.clone()),
                    via,
                    terms,
                    score,
                    policy: ty.step,
                    notes,
                },
            },
        }
    }

    fn first_line_decision(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        status: MatchStatus,
        unit: usize,
        candidates: Vec<Candidate>,
        mut explanation: Explanation,
    ) -> Decision {
        let target = enquiry
            .channel
            .and_then(|c| self.targets.channel(c))
            .copied();
        let (path, first_due) = self.schedule(
            &[(unit, StepRole::FirstLine, target)],
            received,
            &mut explanation.trace.notes,
        );
        if let Some(due) = &first_due {
            explain::push_due(&mut explanation.text, &self.units[unit].name, due);
        }
        Decision {
            id: enquiry.id.clone(),
            status,
            matched: false,
            enquiry_type: None,
            enquiry_type_name: None,
            department: self.first_line.id.clone(),
            department_name: self.first_line.name.clone(),
            unit: self.units[unit].id.clone(),
            unit_name: self.units[unit].name.clone(),
            rosa_level: None,
            first_line: true,
            handler: self.units[unit].id.clone(),
            handler_name: self.units[unit].name.clone(),
            confidential: false,
            legal_reference: None,
            channel: enquiry.channel,
            received_at: self.received_string(received),
            path,
            external: Arc::default(),
            candidates,
            explanation,
        }
    }

    fn unmatched(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        candidates: Vec<Candidate>,
        notes: Vec<String>,
    ) -> Decision {
        let unit = self.first_line.fallback;
        let explanation = Explanation {
            text: explain::unmatched(&self.units[unit].name),
            trace: Trace {
                rule: None,
                via: MatchVia::None,
                terms: Vec::new(),
                score: candidates.first().map_or(0.0, |c| c.score),
                policy: PolicyStep::UnmatchedFallback,
                notes,
            },
        };
        self.first_line_decision(
            enquiry,
            received,
            MatchStatus::Unmatched,
            unit,
            candidates,
            explanation,
        )
    }

    /// Several types too close to choose between: the first line takes the
    /// enquiry. If any of them is confidential the decision is too: secrecy
    /// must not depend on a close call.
    fn ambiguous(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        close: &[usize],
        candidates: Vec<Candidate>,
        notes: Vec<String>,
    ) -> Decision {
        let unit = self.first_line_handler(enquiry.channel);
        let names: Vec<&str> = close.iter().map(|&t| &*self.types[t].name).collect();
        let explanation = Explanation {
            text: explain::ambiguous(&names, &self.units[unit].name),
            trace: Trace {
                rule: None,
                via: MatchVia::Text,
                terms: Vec::new(),
                score: candidates.first().map_or(0.0, |c| c.score),
                policy: PolicyStep::AmbiguousFirstLine,
                notes,
            },
        };
        let mut decision = self.first_line_decision(
            enquiry,
            received,
            MatchStatus::Ambiguous,
            unit,
            candidates,
            explanation,
        );
        if let Some(secret) = close
            .iter()
            .map(|&t| &self.types[t])
            .find(|t| t.confidential)
        {
            decision.confidential = true;
            decision.legal_reference = secret.legal_reference.clone();
        }
        decision
    }
}

/// RFC 3339 with the zone's offset and no zone annotation:
/// `2027-03-31T16:30:00+02:00`.
pub(crate) fn rfc3339(at: &Zoned) -> String {
    at.timestamp().display_with_offset(at.offset()).to_string()
}

/// Builds the router from a rule set the check found no error in.
fn compile(
    set: &RuleSet,
    warnings: Vec<Diagnostic>,
    stemmers: &mut Stemmers,
) -> Result<Router, LoadError> {
    let m = &set.municipality;
    let internal = |what: &str| LoadError {
        diagnostics: vec![Diagnostic::error(
            DiagnosticKind::UnknownReference,
            format!("internal: {what} was not caught by the check"),
            Location::file_only(crate::load::MUNICIPALITY_FILE),
        )],
    };
    let mut units = Vec::new();
    let mut unit_index = HashMap::new();
    let all_units = m
        .first_line
        .units
        .iter()
        .chain(set.departments.iter().flat_map(|(_, d)| d.units.iter()));
    for u in all_units {
        unit_index.insert(u.id.get_ref().clone(), units.len());
        units.push(UnitInfo {
            id: Arc::from(u.id.get_ref().as_str()),
            name: Arc::from(u.name.as_str()),
            hours: u.opening_hours.clone(),
        });
    }
    let unit = |id: &str| {
        unit_index
            .get(id)
            .copied()
            .ok_or_else(|| internal(&format!("unit `{id}`")))
    };
    let handler = unit(m.first_line.handler.get_ref())?;
    let fallback = match &m.first_line.fallback {
        Some(f) => unit(f.get_ref())?,
        None => handler,
    };
    let mut by_channel = [None; 6];
    for (channel, u) in &m.first_line.by_channel {
        if let Some(i) = Channel::ALL.iter().position(|c| c == channel) {
            by_channel[i] = Some(unit(u.get_ref())?);
        }
    }
    let policy = &m.policy;
    let max_level = *policy.first_line_max_level.get_ref();
    let mut departments = Vec::new();
    let mut types = Vec::new();
    let mut forms = HashMap::new();
    let mut patterns = Vec::new();
    let mut tests = Vec::new();
    for (source, file) in &set.departments {
        let file_name = &set.sources[*source].name;
        let department = departments.len();
        departments.push(DepartmentInfo {
            id: Arc::from(file.department.id.get_ref().as_str()),
            name: Arc::from(file.department.name.as_str()),
        });
        let dept_targets = file.targets.or(&m.targets);
        let dept_escalation = file.escalation.as_deref().unwrap_or(&m.escalation);
        for def in &file.types {
            let escalation = def
                .escalation
                .as_deref()
                .unwrap_or(dept_escalation)
                .iter()
                .map(|e: &EscalationStep| Ok((unit(e.unit.get_ref())?, e.within)))
                .collect::<Result<Vec<_>, LoadError>>()?;
            let ty_index = u32::try_from(types.len()).map_err(|_| internal("type count"))?;
            let level = u8::try_from(*def.level.get_ref()).map_err(|_| internal("level"))?;
            for code in &def.form_codes {
                forms.insert(
                    code.get_ref().trim().to_ascii_uppercase().into_boxed_str(),
                    ty_index,
                );
            }
            let mut terms = Vec::new();
            let lists: [(&[Term], Lang, TermKind, f64); 4] = [
                (&def.keywords, Lang::Swedish, TermKind::Keyword, 1.0),
                (&def.phrases, Lang::Swedish, TermKind::Phrase, 2.0),
                (&def.keywords_en, Lang::English, TermKind::Keyword, 1.0),
                (&def.phrases_en, Lang::English, TermKind::Phrase, 2.0),
            ];
            for (list, lang, kind, default_weight) in lists {
                for term in list {
                    let text = term.text.get_ref();
                    let weight = term
                        .weight
                        .as_ref()
                        .map_or(default_weight, |w| *w.get_ref());
                    add_term(
                        stemmers,
                        &mut patterns,
                        &mut terms,
                        ty_index,
                        text,
                        lang,
                        kind,
                        weight,
                        false,
                    );
                }
            }
            for word in &def.negative {
                // Negative words are tried in both languages' stemmed forms.
                for lang in [Lang::Swedish, Lang::English] {
                    add_term(
                        stemmers,
                        &mut patterns,
                        &mut terms,
                        ty_index,
                        word.get_ref(),
                        lang,
                        TermKind::Keyword,
                        0.0,
                        true,
                    );
                }
            }
            types.push(CompiledType {
                id: Arc::from(def.id.get_ref().as_str()),
                name: Arc::from(def.name.as_str()),
                form_codes: def
                    .form_codes
                    .iter()
                    .map(|c| c.get_ref().trim().to_ascii_uppercase().into_boxed_str())
                    .collect(),
                department,
                unit: unit(def.unit.get_ref())?,
                level,
                step: policy_step(
                    level,
                    def.frequency,
                    def.first_line.as_ref().map(|b| *b.get_ref()),
                    max_level,
                    policy.first_line_min_frequency,
                ),
                confidential: def.confidential,
                legal_reference: def.legal_reference.as_deref().map(Arc::from),
                external: Arc::new(def.external.clone()),
                channels: def
                    .channels
                    .iter()
                    .fold(0, |bits, c| bits | channel_bit(*c)),
                rule: Arc::from(format!("{file_name}#{}", def.id.get_ref())),
                terms,
                targets: def.targets.or(&dept_targets),
                escalation,
            });
        }
        for case in &file.tests {
            let line = set.locate(*source, case.name.span()).line;
            tests.push(TestCase::from_def(file_name, case, line));
        }
    }
    let matcher = Matcher::new(patterns).map_err(|e| internal(&e))?;
    let calendar_config = m.calendar.as_ref().map(|c| c.get_ref().clone());
    let calendar = Calendar::new(
        m.municipality.time_zone.get_ref(),
        &calendar_config.unwrap_or_default(),
    )
    .map_err(|e| internal(&format!("calendar: {e}")))?;
    let type_index = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    Ok(Router {
        municipality: Arc::from(m.municipality.name.as_str()),
        first_line: FirstLineInfo {
            id: Arc::from(m.first_line.id.get_ref().as_str()),
            name: Arc::from(m.first_line.name.as_str()),
            handler,
            fallback,
            by_channel,
        },
        units,
        departments,
        types,
        forms,
        matcher,
        min_score: *policy.min_score.get_ref(),
        ambiguity_ratio: *policy.ambiguity_ratio.get_ref(),
        tests,
        warnings,
        goals: m.goals.clone(),
        calendar,
        default_hours: m.opening_hours.clone(),
        targets: m.targets.clone(),
        type_index,
    })
}

#[allow(clippy::too_many_arguments)]
fn add_term(
    stemmers: &mut Stemmers,
    patterns: &mut Vec<(Pattern, TermRef)>,
    terms: &mut Vec<CompiledTerm>,
    ty: u32,
    text: &str,
    lang: Lang,
    kind: TermKind,
    weight: f64,
    negative: bool,
) {
    let Some(pattern) = stemmers.pattern(text, lang) else {
        return;
    };
    // The same stem twice in one type (`överklaga`, `överklagande`) counts
    // once: the first listing wins.
    if patterns
        .iter()
        .rev()
        .take_while(|(_, r)| r.ty == ty)
        .any(|(p, _)| *p == pattern)
    {
        return;
    }
    let term = u32::try_from(terms.len()).unwrap_or(u32::MAX);
    terms.push(CompiledTerm {
        text: Arc::from(text),
        kind,
        weight,
        negative,
    });
    patterns.push((pattern, TermRef { ty, term }));
}
