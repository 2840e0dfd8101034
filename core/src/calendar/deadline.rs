//! Deadlines and elapsed working time: the arithmetic behind
//! [`Calendar::due`] and [`Calendar::working_time_between`].
//!
//! The arithmetic is written once, over [`Days`] (`days.rs`): where it
//! reads a date's opening time from. [`Direct`] works it out on each call
//! (what the public methods use); a [`Timeline`] keeps it, a year at a
//! time, for a router that computes deadlines for every enquiry.

use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp, Zoned};

use super::days::{Days, Direct};
use super::timeline::{Cached, Timeline};
use super::{Calendar, CalendarError, MAX_CLOSED_RUN, OpeningHours, ServiceTarget};

impl Calendar {
    /// When an enquiry received at `received` is due under `target`, for a
    /// unit open `hours`, in the calendar's time zone.
    ///
    /// See the [module docs](super) for the exact rules.
    pub fn due(
        &self,
        hours: &OpeningHours,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<Zoned, CalendarError> {
        let direct = Direct::new(self, hours);
        Ok(self
            .due_in(&direct, received, target)?
            .to_zoned(self.tz.clone()))
    }

    /// [`Calendar::due`] for the unit of `timeline`, as an instant. Reads
    /// the opening time from the timeline's tables; should they fail (a
    /// year outside the calendar), the direct arithmetic gives the answer
    /// or the error.
    pub(crate) fn due_instant_on(
        &self,
        timeline: &Timeline,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<Timestamp, CalendarError> {
        self.due_in(&Cached::new(self, timeline), received, target)
            .or_else(|_| self.due_in(&Direct::new(self, timeline.hours()), received, target))
    }

    /// [`Calendar::due_instant_on`] and the zone's offset then: what a
    /// decision prints.
    pub(crate) fn due_on(
        &self,
        timeline: &Timeline,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<(Timestamp, Offset), CalendarError> {
        let due = self.due_instant_on(timeline, received, target)?;
        Ok((due, self.offset_at(due)))
    }

    /// The deadline as an instant, reading opening time from `days`.
    fn due_in(
        &self,
        days: &impl Days,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<Timestamp, CalendarError> {
        let start = self.next_opening(days, received)?;
        let due = match *target {
            ServiceTarget::WorkingDays(n) => self.add_working_days(days, start, n)?,
            ServiceTarget::Minutes(n) => {
                self.add_opening_time(days, start, SignedDuration::from_mins(i64::from(n)))?
            }
            ServiceTarget::Hours(n) => {
                self.add_opening_time(days, start, SignedDuration::from_hours(i64::from(n)))?
            }
        };
        Ok(due)
    }

    /// Whether a unit open `hours` is open at `at`: within one of its
    /// opening ranges that day.
    pub fn is_open(&self, hours: &OpeningHours, at: Timestamp) -> Result<bool, CalendarError> {
        Ok(self.next_opening(&Direct::new(self, hours), at)? == at)
    }

    /// [`Calendar::is_open`] for the unit of `timeline`, read from its
    /// tables (the direct arithmetic where they fail, as in
    /// [`Calendar::due_instant_on`]).
    pub(crate) fn is_open_on(
        &self,
        timeline: &Timeline,
        at: Timestamp,
    ) -> Result<bool, CalendarError> {
        self.next_opening(&Cached::new(self, timeline), at)
            .map(|open| open == at)
            .or_else(|_| self.is_open(timeline.hours(), at))
    }

    /// The unit's opening time between `from` and `to`; negative when `to`
    /// is before `from`.
    ///
    /// With `due` from [`Calendar::due`] for a minutes or hours target,
    /// `working_time_between(hours, received, due)` is that target; with
    /// `now` past `due`, `working_time_between(hours, due, now)` is how much
    /// working time it is overdue.
    pub fn working_time_between(
        &self,
        hours: &OpeningHours,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<SignedDuration, CalendarError> {
        let direct = Direct::new(self, hours);
        self.working_time_in(&direct, from, to)
    }

    /// [`Calendar::working_time_between`] for the unit of `timeline`, read
    /// from its tables (the direct arithmetic where they fail, as in
    /// [`Calendar::due_instant_on`]).
    pub(crate) fn working_time_on(
        &self,
        timeline: &Timeline,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<SignedDuration, CalendarError> {
        self.working_time_in(&Cached::new(self, timeline), from, to)
            .or_else(|_| self.working_time_between(timeline.hours(), from, to))
    }

    /// The opening time between two instants, read from `days`.
    fn working_time_in(
        &self,
        days: &impl Days,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<SignedDuration, CalendarError> {
        if to < from {
            return Ok(-self.working_time_in(days, to, from)?);
        }
        let last = self.local(to).date();
        let mut total = SignedDuration::ZERO;
        for day in days.from(self.local(from).date()) {
            let day = day?;
            if day.date > last {
                break;
            }
            for span in day.spans()? {
                let (a, b) = (span.start()?.max(from), span.end()?.min(to));
                if a < b {
                    total = total
                        .checked_add(b.duration_since(a))
                        .ok_or_else(overflow)?;
                }
            }
        }
        Ok(total)
    }

    /// The first instant at or after `at` within the unit's opening time.
    fn next_opening(&self, days: &impl Days, at: Timestamp) -> Result<Timestamp, CalendarError> {
        let first = self.local(at).date();
        for day in days.from(first).take(MAX_CLOSED_RUN as usize) {
            for span in day?.spans()? {
                if at < span.end()? {
                    return Ok(span.start()?.max(at));
                }
            }
        }
        Err(CalendarError::NoOpeningHours {
            from: first,
            days: MAX_CLOSED_RUN,
        })
    }

    /// The same clock time as `start`, `n` working days later, clamped to
    /// that day's last closing.
    fn add_working_days(
        &self,
        days: &impl Days,
        start: Timestamp,
        n: u32,
    ) -> Result<Timestamp, CalendarError> {
        let local = self.local(start);
        let mut walk = days.from(local.date());
        let mut day = walk.next().ok_or_else(overflow)??;
        let mut left = n;
        let mut run = 0;
        while left > 0 {
            day = walk.next().ok_or_else(overflow)??;
            if day.working()? {
                left -= 1;
                run = 0;
            } else {
                run += 1;
                if run >= MAX_CLOSED_RUN {
                    return Err(CalendarError::NoWorkingDay {
                        from: local.date(),
                        days: MAX_CLOSED_RUN,
                    });
                }
            }
        }
        let due = self.instant(day.date, local.time())?;
        match day.spans()?.next_back() {
            Some(last) => Ok(due.min(last.end()?)),
            None => Ok(due),
        }
    }

    /// `start` plus `amount` of opening time; `start` must be within opening
    /// time (as [`Calendar::next_opening`] gives).
    fn add_opening_time(
        &self,
        days: &impl Days,
        start: Timestamp,
        amount: SignedDuration,
    ) -> Result<Timestamp, CalendarError> {
        let mut left = amount;
        let mut run = 0;
        for day in days.from(self.local(start).date()) {
            let day = day?;
            let mut open = false;
            for span in day.spans()? {
                let end = span.end()?;
                if end <= start {
                    continue;
                }
                let from = span.start()?.max(start);
                let available = end.duration_since(from);
                if left <= available {
                    return Ok(from.checked_add(left)?);
                }
                left = left.checked_sub(available).ok_or_else(overflow)?;
                open = true;
            }
            run = if open { 0 } else { run + 1 };
            if run >= MAX_CLOSED_RUN {
                return Err(CalendarError::NoOpeningHours {
                    from: day.date,
                    days: MAX_CLOSED_RUN,
                });
            }
        }
        // The walk ends only with an error, which returned above.
        Err(overflow())
    }
}

fn overflow() -> CalendarError {
    CalendarError::YearOutOfRange {
        year: i16::MAX,
        first: super::FIRST_YEAR,
        last: super::LAST_YEAR,
    }
}
