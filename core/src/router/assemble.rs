//! Assembling the decision: the path with its due times, the explanation
//! and the trace, for a matched, unmatched or ambiguous enquiry.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::DateTime;

use super::{Router, ServiceTarget};
use crate::decision::{
    Candidate, Decision, Enquiry, Explanation, MatchStatus, MatchVia, MatchedTerm, PolicyStep,
    Step, StepRole, Trace,
};
use crate::explain;
use crate::matcher::TermRef;
use crate::rfc3339::LocalTime;
use crate::text::Reading;

/// What recognised a matched type: a form code, or terms in the text.
pub(super) struct Recognised<'a> {
    /// Form or text.
    pub via: MatchVia,
    /// The terms found in the text (none for a form code).
    pub hits: &'a [TermRef],
    /// Those of them found by a near spelling, sorted
    /// ([`super::NEAR_LONGER_NOTE`]).
    pub near: &'a [TermRef],
    /// The type's score ([`super::FORM_SCORE`] for a form code).
    pub score: f64,
    /// Whether the text was read as typed without `å`, `ä` and `ö`.
    pub plain: Reading,
}

impl Recognised<'_> {
    /// A form code, or a type the asker named.
    pub const FORM: Recognised<'static> = Recognised {
        via: MatchVia::Form,
        hits: &[],
        near: &[],
        score: super::FORM_SCORE,
        plain: Reading::Written,
    };
}

impl Router {
    /// The steps of a route with their due times: each counted from the
    /// previous due time (from `received` for the first) with the step's
    /// target and its unit's opening hours. A step without a target keeps
    /// the previous time; a date that cannot be computed leaves that step
    /// and the rest without a due time, with a note. Returns the steps and
    /// the first step's due time.
    pub(super) fn schedule(
        &self,
        plan: &[(usize, StepRole, Option<ServiceTarget>)],
        received: Option<Timestamp>,
        notes: &mut Vec<String>,
    ) -> (Vec<Step>, Option<DateTime>) {
        let mut from = received;
        let mut first_due = None;
        let mut path = Vec::with_capacity(plan.len());
        for (i, &(unit, role, target)) in plan.iter().enumerate() {
            let mut due = None;
            if let (Some(at), Some(target)) = (from, target) {
                match self.calendar.due_on(self.unit_timeline(unit), at, &target) {
                    Ok((at, offset)) => {
                        from = Some(at);
                        let local = LocalTime::new(at, offset);
                        due = Some(local);
                        if i == 0 {
                            first_due = Some(local.datetime());
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

    /// The terms of type `ty_index` among `hits`, as a decision shows them:
    /// those among `near` (sorted) marked as found by a near spelling.
    pub(super) fn matched_terms(
        &self,
        hits: &[TermRef],
        ty_index: usize,
        near: &[TermRef],
    ) -> Vec<MatchedTerm> {
        let ty = &self.types[ty_index];
        hits.iter()
            .filter(|h| h.ty as usize == ty_index)
            .map(|h| {
                let t = &ty.terms[h.term as usize];
                MatchedTerm {
                    term: t.text.clone(),
                    kind: t.kind,
                    weight: t.weight,
                    near_spelling: near.binary_search(h).is_ok(),
                }
            })
            .collect()
    }

    pub(super) fn received_time(&self, received: Option<Timestamp>) -> Option<LocalTime> {
        received.map(|t| self.calendar.local_time(t))
    }

    pub(super) fn matched(
        &self,
        enquiry: &Enquiry,
        received: Option<Timestamp>,
        ty_index: usize,
        by: Recognised<'_>,
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
        let mut plan = Vec::with_capacity(3 + ty.escalation.len());
        // An urgent type's duty service comes first while the first handler
        // is closed. Where the calendar cannot tell (a year outside it, a
        // unit that never opens), it counts as closed: the safe side for a
        // type that names a duty service.
        let duty = ty.out_of_hours.filter(|_| {
            received.is_some_and(|at| {
                !self
                    .calendar
                    .is_open_on(self.unit_timeline(handler), at)
                    .unwrap_or(false)
            })
        });
        if let Some((unit, within)) = duty {
            plan.push((unit, StepRole::OutOfHours, Some(within)));
        }
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
        let terms = self.matched_terms(by.hits, ty_index, by.near);
        let department = &self.departments[ty.department];
        let had_form = enquiry.form.is_some();
        let mut text = explain::matched(self, ty, by.via, had_form, &terms, by.plain, handler);
        let first = match duty {
            Some((unit, _)) => {
                explain::push_out_of_hours(
                    &mut text,
                    &self.units[handler].name,
                    &self.units[unit].name,
                );
                unit
            }
            None => handler,
        };
        if let Some(due) = &first_due {
            explain::push_due(&mut text, &self.units[first].name, due);
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
            handler: self.units[first].id.clone(),
            handler_name: self.units[first].name.clone(),
            confidential: ty.confidential,
            legal_reference: ty.legal_reference.clone(),
            channel: enquiry.channel,
            received_at: self.received_time(received),
            path,
            external: ty.external.clone(),
            candidates,
            explanation: Explanation {
                text,
                trace: Trace {
                    rule: Some(ty.rule.clone()),
                    via: by.via,
                    terms,
                    score: by.score,
                    policy: ty.step,
                    notes,
                },
            },
        }
    }

    pub(super) fn first_line_decision(
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
            received_at: self.received_time(received),
            path,
            external: Arc::default(),
            candidates,
            explanation,
        }
    }

    pub(super) fn unmatched(
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
    pub(super) fn ambiguous(
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
