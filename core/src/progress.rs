//! "Where is this enquiry now?": which step of a decision's path is active
//! at a given time, whether the enquiry is overdue, and by how much working
//! time.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::decision::Decision;
use crate::rfc3339::LocalTime;
use crate::router::Router;

/// Where an enquiry stands at a given time; see [`Router::progress`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Index in the decision's `path` of the step that has the enquiry now.
    pub active_step: usize,
    /// That step's unit id.
    pub unit: Arc<str>,
    /// That step's unit name.
    pub unit_name: Arc<str>,
    /// That step's due time, as in the decision.
    pub due: Option<LocalTime>,
    /// True when the last step's due time has passed: every step of the
    /// path has had its time.
    pub overdue: bool,
    /// How much of the active unit's opening time has passed since its due
    /// time, when overdue (serialised as an ISO 8601 duration, `PT1H30M`).
    pub overdue_by: Option<SignedDuration>,
    /// The same, readable: `"1 h 30 min"`.
    pub overdue_by_text: Option<String>,
    /// Index of the step that takes over when the active one's time is up;
    /// `None` at the last step.
    pub next_step: Option<usize>,
    /// That step's unit id.
    pub next_unit: Option<Arc<str>>,
}

/// A decision whose path cannot be followed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProgressError {
    /// The decision has no steps.
    #[error("the decision's path is empty: route the enquiry again")]
    EmptyPath,
}

impl Router {
    /// Where the enquiry of `decision` is at `now`.
    ///
    /// A step is active from the previous step's due time (from receipt for
    /// the first) until its own due time, inclusive. A step without a due
    /// time stays active: nothing tells when it ends. Once the last step's
    /// due time has passed the enquiry is overdue, still with the last
    /// step, and `overdue_by` is the working time (the last unit's opening
    /// time, see [`Calendar::working_time_between`](crate::calendar::Calendar::working_time_between))
    /// since that due time; `None` if it cannot be computed (a date outside
    /// 1953–2200).
    pub fn progress(&self, decision: &Decision, now: Timestamp) -> Result<Progress, ProgressError> {
        let last = decision
            .path
            .len()
            .checked_sub(1)
            .ok_or(ProgressError::EmptyPath)?;
        let dues: Vec<Option<Timestamp>> = decision
            .path
            .iter()
            .map(|s| s.due.map(LocalTime::timestamp))
            .collect();
        let active = dues
            .iter()
            .position(|d| d.is_none_or(|d| now <= d))
            .unwrap_or(last);
        let overdue_since = match dues.get(active).copied().flatten() {
            Some(due) if now > due => Some(due),
            _ => None,
        };
        let step = &decision.path[active];
        let overdue_by = overdue_since.and_then(|due| {
            self.calendar
                .working_time_on(self.timeline_of(&step.unit), due, now)
                .ok()
        });
        let next = (active < last).then_some(active + 1);
        Ok(Progress {
            active_step: active,
            unit: step.unit.clone(),
            unit_name: step.unit_name.clone(),
            due: step.due,
            overdue: overdue_since.is_some(),
            overdue_by,
            overdue_by_text: overdue_by.map(readable),
            next_step: next,
            next_unit: next.map(|i| decision.path[i].unit.clone()),
        })
    }
}

/// `"2 h 5 min"`, `"45 min"`, `"0 min"`: whole minutes, rounded down.
pub(crate) fn readable(d: SignedDuration) -> String {
    let minutes = d.as_secs().max(0) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(readable(SignedDuration::from_mins(125)), "2 h 5 min");
        assert_eq!(readable(SignedDuration::from_mins(45)), "45 min");
        assert_eq!(readable(SignedDuration::from_hours(9)), "9 h");
        assert_eq!(readable(SignedDuration::from_secs(59)), "0 min");
    }
}
