//! Checks of the calendar (time zone, closures, short days) and of the
//! escalation paths.

use std::collections::{BTreeSet, HashMap};

use super::Checker;
use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::diagnostic::DiagnosticKind;
use crate::load::suggest;
use crate::model::EscalationStep;

/// Checks the time zone (it must be known at load, not at the first due
/// date) and that closures and short days lie within the calendar's years.
pub(super) fn check_calendar(c: &mut Checker<'_>) {
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

/// Checks every escalation path and duty service (`out_of_hours`): known
/// units, no unit twice, and level 5–6 paths that end in the owning
/// department.
pub(super) fn check_escalation(c: &mut Checker<'_>, unit_department: &HashMap<&str, &str>) {
    let set = c.set;
    let m = &set.municipality;
    let ms = set.municipality_source;
    let mut all_units: Vec<&str> = unit_department.keys().copied().collect();
    all_units.sort_unstable();
    // Unknown units, once per list.
    let mut lists: Vec<(usize, &[EscalationStep], &str)> =
        vec![(ms, &m.escalation, "escalation unit")];
    for (source, file) in &set.departments {
        lists.extend(
            file.escalation
                .as_deref()
                .map(|l| (*source, l, "escalation unit")),
        );
        for ty in &file.types {
            lists.extend(
                ty.escalation
                    .as_deref()
                    .map(|l| (*source, l, "escalation unit")),
            );
            lists.extend(
                ty.out_of_hours
                    .as_ref()
                    .map(|o| (*source, std::slice::from_ref(o), "out-of-hours unit")),
            );
        }
    }
    for (source, list, what) in &lists {
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
                    format!("unknown {what} `{unit}`"),
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
    let own_hours: BTreeSet<&str> = m
        .first_line
        .units
        .iter()
        .chain(set.departments.iter().flat_map(|(_, f)| &f.units))
        .filter(|u| u.opening_hours.is_some())
        .map(|u| u.id.get_ref().as_str())
        .collect();
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
            if let Some(duty) = &ty.out_of_hours {
                let unit = duty.unit.get_ref().as_str();
                let twice = before.contains(&unit);
                if !twice && unit_department.contains_key(unit) && !own_hours.contains(unit) {
                    let loc = c.at(*source, &duty.unit);
                    c.warn(
                        DiagnosticKind::Policy,
                        format!(
                            "the out-of-hours unit `{unit}` of type `{}` keeps the municipality's opening hours, so it is closed when the others are",
                            ty.id.get_ref()
                        ),
                        loc,
                        Some(format!("give `{unit}` its own `opening_hours`, such as `weekdays = \"00:00-24:00\"` and the same for `saturday`, `sunday` and `holidays`")),
                    );
                }
                if twice {
                    let loc = c.at(*source, &duty.unit);
                    c.error(
                        DiagnosticKind::Cycle,
                        format!(
                            "`{unit}` is both the out-of-hours unit and the {} of type `{}`",
                            if unit == owner { "owning unit" } else { "first handler" },
                            ty.id.get_ref()
                        ),
                        loc,
                        Some("the out-of-hours unit is a duty service that takes the enquiry while the others are closed: name another unit".into()),
                    );
                }
                before.push(unit);
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
