//! Checking a parsed rule set: references, duplicates, the ROSA policy and
//! test coverage.
//!
//! Errors stop a rule set from loading; warnings do not, unless the caller
//! asks for strictness (`kommunlots check --strict`).

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{self, Diagnostic, DiagnosticKind, Location};
use crate::load::{RuleSet, suggest};
use crate::matcher::StreetSuffixes;
use crate::model::Spanned;
use crate::text::Stemmers;

mod calendar;
mod terms;

use calendar::{check_calendar, check_escalation};
use terms::{check_term, check_tests, keyword_conflicts, untested};

/// How many of a rule set's enquiry types have a test case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// Types named by at least one test case's `expect.type`.
    pub tested: usize,
    /// All types.
    pub total: usize,
}

impl RuleSet {
    /// Every error and warning in the rule set, errors first.
    pub fn check(&self) -> Vec<Diagnostic> {
        check(self)
    }

    /// How many types have a test case.
    pub fn coverage(&self) -> Coverage {
        let tested = tested_types(self);
        let total = self.departments.iter().map(|(_, d)| d.types.len()).sum();
        let tested = self
            .departments
            .iter()
            .flat_map(|(_, d)| &d.types)
            .filter(|t| tested.contains(t.id.get_ref().as_str()))
            .count();
        Coverage { tested, total }
    }
}

fn tested_types(set: &RuleSet) -> BTreeSet<&str> {
    set.departments
        .iter()
        .flat_map(|(_, d)| &d.tests)
        .filter_map(|t| t.expect.enquiry_type.as_ref())
        .map(|t| t.get_ref().as_str())
        .collect()
}

struct Checker<'a> {
    set: &'a RuleSet,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at<T>(&self, source: usize, value: &Spanned<T>) -> Location {
        self.set.locate(source, value.span())
    }

    fn error(
        &mut self,
        kind: DiagnosticKind,
        message: String,
        location: Location,
        help: Option<String>,
    ) {
        self.push(Diagnostic::error(kind, message, location), help);
    }

    fn warn(
        &mut self,
        kind: DiagnosticKind,
        message: String,
        location: Location,
        help: Option<String>,
    ) {
        self.push(Diagnostic::warning(kind, message, location), help);
    }

    fn push(&mut self, d: Diagnostic, help: Option<String>) {
        self.out.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    /// Reports `value` if `seen` already has it; remembers it otherwise.
    fn unique(
        &mut self,
        seen: &mut HashMap<String, Location>,
        key: String,
        what: &str,
        location: Location,
    ) {
        if let Some(first) = seen.get(&key) {
            let help = format!(
                "the first is at {}:{}:{}",
                first.file, first.line, first.column
            );
            self.error(
                DiagnosticKind::Duplicate,
                format!("duplicate {what} `{key}`"),
                location,
                Some(help),
            );
        } else {
            seen.insert(key, location);
        }
    }
}

/// Runs every check.
pub(crate) fn check(set: &RuleSet) -> Vec<Diagnostic> {
    check_with(set, &mut Stemmers::new())
}

/// Runs every check, stemming with (and filling) `stemmers`, which the
/// router then compiles with.
pub(crate) fn check_with(set: &RuleSet, stemmers: &mut Stemmers) -> Vec<Diagnostic> {
    let mut c = Checker {
        set,
        out: Vec::new(),
    };
    let m = &set.municipality;
    let ms = set.municipality_source;

    let policy = &m.policy;
    let max = *policy.first_line_max_level.get_ref();
    if !(1..=4).contains(&max) {
        let loc = c.at(ms, &policy.first_line_max_level);
        c.error(
            DiagnosticKind::Policy,
            format!(
                "`first_line_max_level` is {max}, but the first line may handle levels 1–4 only"
            ),
            loc,
            Some("levels 5–6 always go to the department; use a value from 1 to 4".into()),
        );
    }
    let min_score = *policy.min_score.get_ref();
    if !(min_score.is_finite() && min_score > 0.0) {
        let loc = c.at(ms, &policy.min_score);
        c.error(
            DiagnosticKind::InvalidValue,
            format!("`min_score` must be a positive number, not {min_score}"),
            loc,
            None,
        );
    }
    let ratio = *policy.ambiguity_ratio.get_ref();
    if !(ratio > 0.0 && ratio <= 1.0) {
        let loc = c.at(ms, &policy.ambiguity_ratio);
        c.error(
            DiagnosticKind::InvalidValue,
            format!("`ambiguity_ratio` must be above 0 and at most 1, not {ratio}"),
            loc,
            None,
        );
    }
    for suffix in &policy.street_suffixes {
        if StreetSuffixes::word(suffix.get_ref()).is_none() {
            let loc = c.at(ms, suffix);
            c.error(
                DiagnosticKind::InvalidValue,
                format!(
                    "street suffix `{}` must be one word with a letter or digit",
                    suffix.get_ref()
                ),
                loc,
                Some("write an ending of street names, such as `gatan` or `vägen`".into()),
            );
        }
    }

    // Units: first-line units and every department's, unique across the set.
    let mut units: HashMap<String, Location> = HashMap::new();
    let mut unit_department: HashMap<&str, &str> = HashMap::new();
    for u in &m.first_line.units {
        let loc = c.at(ms, &u.id);
        c.unique(&mut units, u.id.get_ref().clone(), "unit id", loc);
        unit_department.insert(u.id.get_ref(), m.first_line.id.get_ref());
    }
    let first_line_units: Vec<&str> = m
        .first_line
        .units
        .iter()
        .map(|u| u.id.get_ref().as_str())
        .collect();
    let mut first_line_refs = vec![("handler", &m.first_line.handler)];
    first_line_refs.extend(m.first_line.fallback.as_ref().map(|f| ("fallback", f)));
    first_line_refs.extend(m.first_line.by_channel.values().map(|u| ("by_channel", u)));
    for (what, unit) in first_line_refs {
        if !first_line_units.contains(&unit.get_ref().as_str()) {
            let loc = c.at(ms, unit);
            let help = suggest(unit.get_ref(), &first_line_units)
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "add it as a `[[first_line.unit]]`".to_owned());
            c.error(
                DiagnosticKind::UnknownReference,
                format!(
                    "first-line {what} `{}` is not a first-line unit",
                    unit.get_ref()
                ),
                loc,
                Some(help),
            );
        }
    }

    let mut departments: HashMap<String, Location> = HashMap::new();
    let fl_loc = c.at(ms, &m.first_line.id);
    departments.insert(m.first_line.id.get_ref().clone(), fl_loc);
    let mut types: HashMap<String, Location> = HashMap::new();
    let mut forms: HashMap<String, Location> = HashMap::new();
    for (source, file) in &set.departments {
        let source = *source;
        let id = &file.department.id;
        let loc = c.at(source, id);
        c.unique(
            &mut departments,
            id.get_ref().clone(),
            "department id",
            loc.clone(),
        );
        let expected_name = format!("departments/{}.toml", id.get_ref());
        if set.sources[source].name != expected_name {
            c.warn(
                DiagnosticKind::InvalidValue,
                format!(
                    "department `{}` is in `{}`",
                    id.get_ref(),
                    set.sources[source].name
                ),
                loc,
                Some(format!(
                    "name the file `{expected_name}` so its owner finds it"
                )),
            );
        }
        for u in &file.units {
            let loc = c.at(source, &u.id);
            c.unique(&mut units, u.id.get_ref().clone(), "unit id", loc);
            unit_department.insert(u.id.get_ref(), id.get_ref());
        }
    }
    for (source, file) in &set.departments {
        let source = *source;
        let dept = file.department.id.get_ref();
        let own_units: Vec<&str> = file.units.iter().map(|u| u.id.get_ref().as_str()).collect();
        for ty in &file.types {
            let loc = c.at(source, &ty.id);
            c.unique(
                &mut types,
                ty.id.get_ref().clone(),
                "enquiry type id",
                loc.clone(),
            );
            let level = *ty.level.get_ref();
            if !(1..=6).contains(&level) {
                let l = c.at(source, &ty.level);
                c.error(
                    DiagnosticKind::InvalidValue,
                    format!("ROSA level {level} is outside 1–6"),
                    l,
                    Some("1 information, 2 guidance, 3 administrative preparation, 4 rule-based decision, 5 specialist preparation, 6 evaluative decision".into()),
                );
            }
            if let Some(forced) = &ty.first_line
                && *forced.get_ref()
                && level >= 5
            {
                let l = c.at(source, forced);
                c.error(
                    DiagnosticKind::Policy,
                    format!("type `{}` is level {level} but forced to the first line", ty.id.get_ref()),
                    l,
                    Some("levels 5–6 need the department's judgement; remove `first_line = true` or lower the level".into()),
                );
            }
            let unit = ty.unit.get_ref();
            if !own_units.contains(&unit.as_str()) {
                let l = c.at(source, &ty.unit);
                let help = match unit_department.get(unit.as_str()) {
                    Some(other) => format!(
                        "`{unit}` belongs to `{other}`; a type is owned by a unit of its own department"
                    ),
                    None => match suggest(unit, &own_units) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("the units of `{dept}` are: {}", own_units.join(", ")),
                    },
                };
                c.error(
                    DiagnosticKind::UnknownReference,
                    format!("unknown unit `{unit}` in department `{dept}`"),
                    l,
                    Some(help),
                );
            }
            let mut recognisable = !ty.form_codes.is_empty();
            for (list, lang, _) in ty.term_lists() {
                for term in list {
                    recognisable |= check_term(&mut c, source, term, lang, stemmers);
                }
            }
            if !recognisable {
                c.error(
                    DiagnosticKind::Unrecognisable,
                    format!("type `{}` has no way to be recognised", ty.id.get_ref()),
                    loc,
                    Some("give it `form_codes`, `keywords` or `phrases`".into()),
                );
            }
            for code in &ty.form_codes {
                let l = c.at(source, code);
                let key = code.get_ref().trim().to_ascii_uppercase();
                if key.is_empty() {
                    c.error(
                        DiagnosticKind::InvalidValue,
                        "empty form code".into(),
                        l,
                        None,
                    );
                } else {
                    c.unique(&mut forms, key, "form code", l);
                }
            }
        }
    }
    check_calendar(&mut c);
    check_escalation(&mut c, &unit_department);
    check_tests(&mut c, &departments, &types, &units);
    keyword_conflicts(&mut c, stemmers);
    untested(&mut c);
    let mut out = c.out;
    diagnostic::sort(&mut out);
    out
}
