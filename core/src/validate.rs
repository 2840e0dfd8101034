//! Checking a parsed rule set: references, duplicates, the ROSA policy and
//! test coverage.
//!
//! Errors stop a rule set from loading; warnings do not, unless the caller
//! asks for strictness (`kommunlots check --strict`).

use std::collections::{BTreeSet, HashMap};

use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::diagnostic::{self, Diagnostic, DiagnosticKind, Location};
use crate::load::{RuleSet, suggest};
use crate::model::{EscalationStep, Spanned, Term};
use crate::text::{Lang, Stemmers};

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
        let d = Diagnostic::error(kind, message, location);
        self.out.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    fn warn(
        &mut self,
        kind: DiagnosticKind,
        message: String,
        location: Location,
        help: Option<String>,
    ) {
        let d = Diagnostic::warning(kind, message, location);
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
            let terms = ty
                .keywords
                .iter()
                .chain(&ty.phrases)
                .chain(&ty.keywords_en)
                .chain(&ty.phrases_en);
            let mut recognisable = !ty.form_codes.is_empty();
            for term in terms {
                recognisable |= check_term(&mut c, source, term);
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

/// Checks the time zone (it must be known at load, not at the first due
/// date) and that closures and short days lie within the calendar's years.
fn check_calendar(c: &mut Checker<'_>) {
    let m = &c.set.municipality;
    let ms = c.set.municipality_source;
    let zone = &m.municipality.time_zone;
    if let Err(e) = crate::calendar::time_zone_named(zone.get_ref()) {
        let e = match e {
            crate::calendar::CalendarError::UnknownTimeZone { reason, .. } => reason,
            other => other.to_string(),
        };
        let loc = c.at(ms, zone);
        c.error(
            DiagnosticKind::InvalidValue,
            format!("unknown time zone `{}`", zone.get_ref()),
            loc,
            Some(format!(
                "use an IANA time zone name such as `Europe/Stockholm` ({e})"
            )),
        );
    }
    let Some(config) = &m.calendar else { return };
    let years = FIRST_YEAR..=LAST_YEAR;
    let dates = config
        .get_ref()
        .closures
        .iter()
        .map(|d| d.date)
        .chain(config.get_ref().short_days.iter().map(|d| d.date));
    for date in dates.filter(|d| !years.contains(&d.year())) {
        let loc = c.at(ms, config);
        c.error(
            DiagnosticKind::InvalidValue,
            format!(
                "the calendar date {date} is outside the supported years {FIRST_YEAR}–{LAST_YEAR}"
            ),
            loc,
            Some(
                "Swedish holidays are computed only for those years; remove or correct the date"
                    .into(),
            ),
        );
    }
}

/// Checks every escalation path: known units, no unit twice, and level 5–6
/// paths that end in the owning department.
fn check_escalation(c: &mut Checker<'_>, unit_department: &HashMap<&str, &str>) {
    let set = c.set;
    let m = &set.municipality;
    let ms = set.municipality_source;
    let mut all_units: Vec<&str> = unit_department.keys().copied().collect();
    all_units.sort_unstable();
    // Unknown units, once per list.
    let mut lists: Vec<(usize, &[EscalationStep])> = vec![(ms, &m.escalation)];
    for (source, file) in &set.departments {
        lists.extend(file.escalation.as_deref().map(|l| (*source, l)));
        lists.extend(
            file.types
                .iter()
                .filter_map(|t| t.escalation.as_deref())
                .map(|l| (*source, l)),
        );
    }
    for (source, list) in &lists {
        for step in *list {
            let unit = step.unit.get_ref();
            if !unit_department.contains_key(unit.as_str()) {
                let loc = c.at(*source, &step.unit);
                let help = suggest(unit, &all_units)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        "add it as a `[[unit]]` of the department it belongs to".into()
                    });
                c.error(
                    DiagnosticKind::UnknownReference,
                    format!("unknown escalation unit `{unit}`"),
                    loc,
                    Some(help),
                );
            }
        }
    }
    // Each type's path: first handlers, owner, escalation.
    let policy = &m.policy;
    let mut first_handlers: Vec<&str> = vec![m.first_line.handler.get_ref()];
    first_handlers.extend(
        m.first_line
            .by_channel
            .values()
            .map(|u| u.get_ref().as_str()),
    );
    first_handlers.sort_unstable();
    first_handlers.dedup();
    let mut reported = BTreeSet::new();
    for (source, file) in &set.departments {
        let dept = file.department.id.get_ref().as_str();
        for ty in &file.types {
            let (list_source, list) = match (&ty.escalation, &file.escalation) {
                (Some(l), _) | (None, Some(l)) => (*source, l.as_slice()),
                (None, None) => (ms, m.escalation.as_slice()),
            };
            let Ok(level) = u8::try_from(*ty.level.get_ref()) else {
                continue;
            };
            let first_line = crate::router::policy_step(
                level,
                ty.frequency,
                ty.first_line.as_ref().map(|b| *b.get_ref()),
                *policy.first_line_max_level.get_ref(),
                policy.first_line_min_frequency,
            )
            .is_first_line();
            let owner = ty.unit.get_ref().as_str();
            let mut before: Vec<&str> = vec![owner];
            if first_line {
                before.extend(first_handlers.iter().copied());
            }
            for step in list {
                let unit = step.unit.get_ref().as_str();
                if before.contains(&unit) {
                    let loc = c.at(list_source, &step.unit);
                    if reported.insert((list_source, step.unit.span().start, String::new())) {
                        let role = if unit == owner {
                            "the owning unit"
                        } else {
                            "already earlier"
                        };
                        c.error(
                            DiagnosticKind::Cycle,
                            format!(
                                "`{unit}` comes twice in the escalation path of type `{}`: it is {role} in the path",
                                ty.id.get_ref()
                            ),
                            loc,
                            Some("a path visits each unit once; escalate to a unit manager or department head instead".into()),
                        );
                    }
                }
                before.push(unit);
            }
            if level >= 5
                && let Some(last) = list.last()
                && let Some(other) = unit_department.get(last.unit.get_ref().as_str())
                && *other != dept
                && reported.insert((list_source, last.unit.span().start, dept.to_owned()))
            {
                let loc = c.at(list_source, &last.unit);
                c.error(
                    DiagnosticKind::Policy,
                    format!(
                        "the escalation path of type `{}` (level {level}) ends at `{}` in `{other}`, outside the owning department `{dept}`",
                        ty.id.get_ref(),
                        last.unit.get_ref()
                    ),
                    loc,
                    Some(format!(
                        "levels 5–6 are decided by the owning department: end the path at a unit of `{dept}`, or give the type its own `escalation`"
                    )),
                );
            }
        }
    }
}

/// Checks one term's weight and text; returns whether it can match.
fn check_term(c: &mut Checker<'_>, source: usize, term: &Term) -> bool {
    if let Some(w) = &term.weight {
        let weight = *w.get_ref();
        if !(weight.is_finite() && weight > 0.0) {
            let l = c.at(source, w);
            c.error(
                DiagnosticKind::InvalidValue,
                format!("weight must be a positive number, not {weight}"),
                l,
                None,
            );
        }
    }
    let usable = !crate::text::words(term.text.get_ref()).is_empty();
    if !usable {
        let l = c.at(source, &term.text);
        c.error(
            DiagnosticKind::InvalidValue,
            format!(
                "the term `{}` has no letters or digits",
                term.text.get_ref()
            ),
            l,
            None,
        );
    }
    usable
}

fn check_tests(
    c: &mut Checker<'_>,
    departments: &HashMap<String, Location>,
    types: &HashMap<String, Location>,
    units: &HashMap<String, Location>,
) {
    let set = c.set;
    for (source, file) in &set.departments {
        let mut names: HashMap<String, Location> = HashMap::new();
        for case in &file.tests {
            let loc = c.at(*source, &case.name);
            c.unique(&mut names, case.name.get_ref().clone(), "test name", loc);
            let e = &case.expect;
            let refs = [
                ("type", &e.enquiry_type, types),
                ("department", &e.department, departments),
                ("unit", &e.unit, units),
                ("handler", &e.handler, units),
            ];
            for (what, value, known) in refs {
                let Some(value) = value else { continue };
                if !known.contains_key(value.get_ref()) {
                    let l = c.at(*source, value);
                    let names: Vec<&str> = known.keys().map(String::as_str).collect();
                    let help =
                        suggest(value.get_ref(), &names).map(|s| format!("did you mean `{s}`?"));
                    c.error(
                        DiagnosticKind::UnknownReference,
                        format!(
                            "test `{}` expects unknown {what} `{}`",
                            case.name.get_ref(),
                            value.get_ref()
                        ),
                        l,
                        help,
                    );
                }
            }
        }
    }
}

/// Warns when the same term, at the same weight, recognises types in two
/// different departments: the router would call such enquiries ambiguous.
fn keyword_conflicts(c: &mut Checker<'_>, stemmers: &mut Stemmers) {
    let set = c.set;
    let mut seen: HashMap<(crate::text::Pattern, u64), (&str, &str, Location)> = HashMap::new();
    for (source, file) in &set.departments {
        let dept = file.department.id.get_ref().as_str();
        for ty in &file.types {
            let lists: [(&[Term], Lang, f64); 4] = [
                (&ty.keywords, Lang::Swedish, 1.0),
                (&ty.phrases, Lang::Swedish, 2.0),
                (&ty.keywords_en, Lang::English, 1.0),
                (&ty.phrases_en, Lang::English, 2.0),
            ];
            for (list, lang, default_weight) in lists {
                for term in list {
                    let Some(pattern) = stemmers.pattern(term.text.get_ref(), lang) else {
                        continue;
                    };
                    let weight = term
                        .weight
                        .as_ref()
                        .map_or(default_weight, |w| *w.get_ref());
                    let loc = c.at(*source, &term.text);
                    let key = (pattern, weight.to_bits());
                    match seen.get(&key) {
                        Some((other_dept, other_ty, first)) if *other_dept != dept => {
                            let help = format!(
                                "type `{other_ty}` of `{other_dept}` claims it too at {}:{}:{}; give one of them a higher weight or a phrase",
                                first.file, first.line, first.column
                            );
                            c.warn(
                                DiagnosticKind::KeywordConflict,
                                format!(
                                    "`{}` recognises types in two departments at equal weight",
                                    term.text.get_ref()
                                ),
                                loc,
                                Some(help),
                            );
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, (dept, ty.id.get_ref(), loc));
                        }
                    }
                }
            }
        }
    }
}

fn untested(c: &mut Checker<'_>) {
    let set = c.set;
    let tested = tested_types(set);
    for (source, file) in &set.departments {
        for ty in &file.types {
            if !tested.contains(ty.id.get_ref().as_str()) {
                let loc = c.at(*source, &ty.id);
                c.warn(
                    DiagnosticKind::Untested,
                    format!("type `{}` has no test case", ty.id.get_ref()),
                    loc,
                    Some("add a `[[test]]` whose `expect.type` names it".into()),
                );
            }
        }
    }
}
