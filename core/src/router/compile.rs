//! Compiling a checked rule set into a [`Router`]: units, departments,
//! types with their resolved policy, targets and escalation, and the term
//! automaton.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{
    CompiledTerm, CompiledType, DepartmentInfo, FirstLineInfo, Router, UnitInfo, channel_bit,
    policy_step,
};
use crate::calendar::{Calendar, Timeline};
use crate::decision::TermKind;
use crate::diagnostic::{Diagnostic, DiagnosticKind, LoadError, Location};
use crate::load::RuleSet;
use crate::matcher::{Entry, Matcher, StreetSuffixes, TermRef};
use crate::model::{Channel, EscalationStep};
use crate::testing::TestCase;
use crate::text::{Language, Stemmers};

/// Builds the router from a rule set the check found no error in, with
/// the patterns the check stemmed.
pub(super) fn compile(
    set: &RuleSet,
    warnings: Vec<Diagnostic>,
    stemmers: &Stemmers,
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
    // One timeline per distinct opening hours; the municipality's first.
    let mut timelines = vec![Timeline::new(m.opening_hours.clone())];
    let all_units = m
        .first_line
        .units
        .iter()
        .chain(set.departments.iter().flat_map(|(_, d)| d.units.iter()));
    for u in all_units {
        unit_index.insert(u.id.get_ref().clone(), units.len());
        let timeline = match &u.opening_hours {
            None => 0,
            Some(hours) => timelines
                .iter()
                .position(|t| t.hours() == hours)
                .unwrap_or_else(|| {
                    timelines.push(Timeline::new(hours.clone()));
                    timelines.len() - 1
                }),
        };
        units.push(UnitInfo {
            id: Arc::from(u.id.get_ref().as_str()),
            name: Arc::from(u.name.as_str()),
            timeline,
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
    let mut forms = FxHashMap::default();
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
            for (list, lang, kind) in def.term_lists() {
                for term in list {
                    add_term(
                        stemmers,
                        &mut patterns,
                        &mut terms,
                        ty_index,
                        RuleTerm {
                            text: term.text.get_ref(),
                            lang,
                            kind,
                            weight: term.weight_in(kind),
                            negative: false,
                            exact: term.exact,
                            gap: term.gap_words(),
                            plain: term.plain_setting(),
                        },
                    );
                }
            }
            for word in &def.negative {
                // Negative words are tried in both languages' stemmed forms.
                for lang in [Language::Swedish, Language::English] {
                    add_term(
                        stemmers,
                        &mut patterns,
                        &mut terms,
                        ty_index,
                        RuleTerm {
                            text: word.get_ref(),
                            lang,
                            kind: TermKind::Keyword,
                            weight: 0.0,
                            negative: true,
                            exact: false,
                            gap: 0,
                            plain: None,
                        },
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
                out_of_hours: def
                    .out_of_hours
                    .as_ref()
                    .map(|o| Ok::<_, LoadError>((unit(o.unit.get_ref())?, o.within)))
                    .transpose()?,
            });
        }
        for case in &file.tests {
            let line = set.locate(*source, case.name.span()).line;
            tests.push(TestCase::from_def(file_name, case, line));
        }
    }
    let street_suffixes =
        StreetSuffixes::new(policy.street_suffixes.iter().map(|s| s.get_ref().as_str()));
    let matcher = Matcher::new(patterns, street_suffixes).map_err(|e| internal(&e))?;
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
        timelines,
        targets: m.targets.clone(),
        type_index,
    })
}

/// A term of a rule file as [`add_term`] compiles it.
struct RuleTerm<'a> {
    text: &'a str,
    lang: Language,
    kind: TermKind,
    weight: f64,
    negative: bool,
    exact: bool,
    /// Other words allowed between two of its words.
    gap: u8,
    /// Its `plain` setting ([`crate::model::Term::plain`]).
    plain: Option<bool>,
}

fn add_term<'s>(
    stemmers: &'s Stemmers,
    patterns: &mut Vec<Entry<'s>>,
    terms: &mut Vec<CompiledTerm>,
    ty: u32,
    rule: RuleTerm<'_>,
) {
    let RuleTerm {
        text,
        lang,
        kind,
        weight,
        negative,
        exact,
        gap,
        plain,
    } = rule;
    let Some(pattern) = stemmers.term_pattern(text, lang, exact) else {
        return;
    };
    // The same stems twice in one type (`överklaga`, `överklagande`) count
    // once: the first listing wins. That holds across languages too: the
    // Swedish `batterier` and the English `batteries` share the stem
    // `batteri`, and the Swedish one, listed first, is also found inside
    // words, so it finds all the English one would.
    if patterns
        .iter()
        .rev()
        .take_while(|e| e.term.ty == ty)
        .any(|e| e.pattern.stems == pattern.stems)
    {
        return;
    }
    let term = u32::try_from(terms.len()).unwrap_or(u32::MAX);
    terms.push(CompiledTerm {
        text: Arc::from(text),
        kind,
        language: lang,
        weight,
        negative,
        exact,
        gap,
    });
    patterns.push(Entry {
        pattern,
        term: TermRef { ty, term },
        negative,
        gap,
        plain,
    });
}
