//! Deadlines and elapsed working time: the arithmetic behind
//! [`Calendar::due`] and [`Calendar::working_time_between`].

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp, Zoned};

use super::{Calendar, CalendarError, MAX_CLOSED_RUN, OpeningHours, ServiceTarget, TimeRange};

/// The opening time of one date before it is placed on the time line.
struct DayPlan<'a> {
    ranges: &'a [TimeRange],
    closes: Option<Time>,
}

impl DayPlan<'_> {
    /// The ranges of the day, cut at a short day's closing time.
    fn ranges(&self) -> impl Iterator<Item = (Time, Time)> + '_ {
        let closes = self.closes;
        self.ranges.iter().filter_map(move |r| match closes {
            Some(c) if r.start() >= c => None,
            Some(c) => Some((r.start(), r.end().min(c))),
            None => Some((r.start(), r.end())),
        })
    }
}

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
        Ok(self
            .due_instant(hours, received, target)?
            .to_zoned(self.tz.clone()))
    }

    /// [`Calendar::due`] as an instant and the zone's offset then: what a
    /// decision prints, without building a [`Zoned`].
    pub(crate) fn due_with_offset(
        &self,
        hours: &OpeningHours,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<(Timestamp, Offset), CalendarError> {
        let due = self.due_instant(hours, received, target)?;
        Ok((due, self.offset_at(due)))
    }

    /// [`Calendar::due`] as an instant.
    fn due_instant(
        &self,
        hours: &OpeningHours,
        received: Timestamp,
        target: &ServiceTarget,
    ) -> Result<Timestamp, CalendarError> {
        let start = self.next_opening(hours, received)?;
        let due = match *target {
            ServiceTarget::WorkingDays(n) => self.add_working_days(hours, start, n)?,
            ServiceTarget::Minutes(n) => {
                self.add_opening_time(hours, start, SignedDuration::from_mins(i64::from(n)))?
            }
            ServiceTarget::Hours(n) => {
                self.add_opening_time(hours, start, SignedDuration::from_hours(i64::from(n)))?
            }
        };
        Ok(due)
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
        if to < from {
            return Ok(-self.working_time_between(hours, to, from)?);
        }
        let last = self.local(to).date();
        let mut date = self.local(from).date();
        let mut total = SignedDuration::ZERO;
        while date <= last {
            let plan = self.plan(hours, date)?;
            for (start, end) in plan.ranges() {
                let a = self.instant(date, start)?.max(from);
                let b = self.instant(date, end)?.min(to);
                if a < b {
                    total = total
                        .checked_add(b.duration_since(a))
                        .ok_or_else(overflow)?;
                }
            }
            date = date.tomorrow()?;
        }
        Ok(total)
    }

    /// The first instant at or after `at` within the unit's opening time.
    fn next_opening(
        &self,
        hours: &OpeningHours,
        at: Timestamp,
    ) -> Result<Timestamp, CalendarError> {
        let first = self.local(at).date();
        let mut date = first;
        for _ in 0..MAX_CLOSED_RUN {
            let plan = self.plan(hours, date)?;
            for (start, end) in plan.ranges() {
                if at < self.instant(date, end)? {
                    return Ok(self.instant(date, start)?.max(at));
                }
            }
            date = date.tomorrow()?;
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
        hours: &OpeningHours,
        start: Timestamp,
        n: u32,
    ) -> Result<Timestamp, CalendarError> {
        let local = self.local(start);
        let mut date = local.date();
        let mut left = n;
        let mut run = 0;
        while left > 0 {
            date = date.tomorrow()?;
            if self.is_working_day(date)? {
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
        let due = self.instant(date, local.time())?;
        match self.plan(hours, date)?.ranges().last() {
            Some((_, end)) => Ok(due.min(self.instant(date, end)?)),
            None => Ok(due),
        }
    }

    /// `start` plus `amount` of opening time; `start` must be within opening
    /// time (as [`Calendar::next_opening`] gives).
    fn add_opening_time(
        &self,
        hours: &OpeningHours,
        start: Timestamp,
        amount: SignedDuration,
    ) -> Result<Timestamp, CalendarError> {
        let first = self.local(start).date();
        let mut date = first;
        let mut left = amount;
        let mut run = 0;
        loop {
            let plan = self.plan(hours, date)?;
            let mut open = false;
            for (s, e) in plan.ranges() {
                let end = self.instant(date, e)?;
                if end <= start {
                    continue;
                }
                let from = self.instant(date, s)?.max(start);
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
                    from: date,
                    days: MAX_CLOSED_RUN,
                });
            }
            date = date.tomorrow()?;
        }
    }

    /// The opening time of `date`, before it is placed on the time line.
    fn plan<'a>(&self, hours: &'a OpeningHours, date: Date) -> Result<DayPlan<'a>, CalendarError> {
        if let Some(day) = hours.exception(date) {
            return Ok(DayPlan {
                ranges: day.ranges(),
                closes: None,
            });
        }
        if self.is_closed(date)? {
            return Ok(DayPlan {
                ranges: &[],
                closes: None,
            });
        }
        Ok(DayPlan {
            ranges: hours.day(date.weekday()).ranges(),
            closes: self.short_day(date),
        })
    }

    /// The instant of a local clock time (jiff's "compatible" rule on DST
    /// changes).
    fn instant(&self, date: Date, time: Time) -> Result<Timestamp, CalendarError> {
        Ok(self
            .offsets
            .to_timestamp(&self.tz, date.to_datetime(time))?)
    }
}

fn overflow() -> CalendarError {
    CalendarError::YearOutOfRange {
        year: i16::MAX,
        first: super::FIRST_YEAR,
        last: super::LAST_YEAR,
    }
}
