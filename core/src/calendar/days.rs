//! A unit's opening time day by day, as the deadline arithmetic walks it
//! ([`Days`]): worked out from the calendar and the hours as the walk
//! reaches each date ([`Direct`]), or read from a timeline's tables
//! (`timeline::Cached`).
//!
//! The small accessors are `#[inline]`: the arithmetic that calls them is
//! generic, so it is compiled where it is used, and without the hint the
//! compiler kept them as calls (0.4 k instructions a route).

use jiff::Timestamp;
use jiff::civil::{Date, Time};

use super::{Calendar, CalendarError, OpeningHours, TimeRange};

/// One stretch of opening time on the time line: from, until.
pub(super) type Span = (Timestamp, Timestamp);

/// Where the deadline arithmetic reads opening time from.
pub(super) trait Days {
    /// The days from `date` on, one after the other. An error ends the
    /// walk (the calendar's last year, or arithmetic out of range).
    fn from(&self, date: Date) -> impl Iterator<Item = Result<OpenDay<'_>, CalendarError>>;
}

/// One date of a walk over [`Days`].
pub(super) struct OpenDay<'a> {
    pub(super) date: Date,
    source: Source<'a>,
}

/// Where an [`OpenDay`]'s facts come from.
enum Source<'a> {
    /// A timeline's table.
    Table { working: bool, spans: &'a [Span] },
    /// Worked out when asked for: a walk over working days needs no spans
    /// for the days it passes, a walk over opening time no working-day
    /// flag.
    Direct(&'a Calendar, &'a OpeningHours),
}

impl<'a> OpenDay<'a> {
    /// A day read from a timeline's table.
    #[inline]
    pub(super) fn from_table(date: Date, working: bool, spans: &'a [Span]) -> Self {
        Self {
            date,
            source: Source::Table { working, spans },
        }
    }

    /// Whether the day is a working day ([`Calendar::is_working_day`]).
    #[inline]
    pub(super) fn working(&self) -> Result<bool, CalendarError> {
        match self.source {
            Source::Table { working, .. } => Ok(working),
            Source::Direct(calendar, _) => calendar.is_working_day(self.date),
        }
    }

    /// The day's opening time in time order.
    #[inline]
    pub(super) fn spans(&self) -> Result<Spans<'a>, CalendarError> {
        match self.source {
            Source::Table { spans, .. } => Ok(Spans::Table(spans.iter())),
            Source::Direct(calendar, hours) => {
                let plan = calendar.plan(hours, self.date)?;
                Ok(Spans::Direct {
                    calendar,
                    date: self.date,
                    ranges: plan.ranges.iter(),
                    closes: plan.closes,
                })
            }
        }
    }
}

/// The spans of an [`OpenDay`], from either source.
pub(super) enum Spans<'a> {
    Table(std::slice::Iter<'a, Span>),
    Direct {
        calendar: &'a Calendar,
        date: Date,
        ranges: std::slice::Iter<'a, TimeRange>,
        closes: Option<Time>,
    },
}

/// One span of an [`OpenDay`]. Worked out directly, its ends are placed
/// on the time line only when asked for: the arithmetic often needs one.
pub(super) enum SpanAt<'a> {
    Table(Span),
    Direct {
        calendar: &'a Calendar,
        date: Date,
        start: Time,
        end: Time,
    },
}

impl SpanAt<'_> {
    /// When the span opens.
    #[inline]
    pub(super) fn start(&self) -> Result<Timestamp, CalendarError> {
        match *self {
            SpanAt::Table((start, _)) => Ok(start),
            SpanAt::Direct {
                calendar,
                date,
                start,
                ..
            } => calendar.instant(date, start),
        }
    }

    /// When the span closes.
    #[inline]
    pub(super) fn end(&self) -> Result<Timestamp, CalendarError> {
        match *self {
            SpanAt::Table((_, end)) => Ok(end),
            SpanAt::Direct {
                calendar,
                date,
                end,
                ..
            } => calendar.end_instant(date, end),
        }
    }
}

impl<'a> Spans<'a> {
    /// The next span from the front, or with `back` from the back.
    #[inline]
    fn take(&mut self, back: bool) -> Option<SpanAt<'a>> {
        match self {
            Spans::Table(spans) => {
                let span = if back {
                    spans.next_back()
                } else {
                    spans.next()
                };
                span.map(|&span| SpanAt::Table(span))
            }
            Spans::Direct {
                calendar,
                date,
                ranges,
                closes,
            } => {
                let closes = *closes;
                let (start, end) = if back {
                    ranges.rev().find_map(|r| cut(r, closes))
                } else {
                    ranges.find_map(|r| cut(r, closes))
                }?;
                Some(SpanAt::Direct {
                    calendar,
                    date: *date,
                    start,
                    end,
                })
            }
        }
    }
}

impl<'a> Iterator for Spans<'a> {
    type Item = SpanAt<'a>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.take(false)
    }
}

impl DoubleEndedIterator for Spans<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.take(true)
    }
}

/// A range of the day, cut at a short day's closing time `closes`; `None`
/// if it starts at or after it.
#[inline]
fn cut(range: &TimeRange, closes: Option<Time>) -> Option<(Time, Time)> {
    match closes {
        Some(c) if range.start() >= c => None,
        Some(c) => Some((range.start(), range.end().min(c))),
        None => Some((range.start(), range.end())),
    }
}

/// A unit's opening time worked out for each date as the walk reaches it.
pub(super) struct Direct<'a> {
    calendar: &'a Calendar,
    hours: &'a OpeningHours,
}

impl<'a> Direct<'a> {
    pub(super) fn new(calendar: &'a Calendar, hours: &'a OpeningHours) -> Self {
        Self { calendar, hours }
    }
}

impl Days for Direct<'_> {
    fn from(&self, date: Date) -> impl Iterator<Item = Result<OpenDay<'_>, CalendarError>> {
        let mut next = Some(Ok(date));
        std::iter::from_fn(move || {
            let date = match next.take()? {
                Ok(date) => date,
                Err(e) => return Some(Err(e)),
            };
            next = Some(date.tomorrow().map_err(CalendarError::from));
            Some(Ok(OpenDay {
                date,
                source: Source::Direct(self.calendar, self.hours),
            }))
        })
    }
}

/// The opening time of one date before it is placed on the time line.
struct DayPlan<'a> {
    ranges: &'a [TimeRange],
    closes: Option<Time>,
}

impl Calendar {
    /// Appends the opening time of `date` to `spans`, placed on the time
    /// line.
    pub(super) fn push_spans(
        &self,
        hours: &OpeningHours,
        date: Date,
        spans: &mut Vec<Span>,
    ) -> Result<(), CalendarError> {
        let plan = self.plan(hours, date)?;
        for (start, end) in plan.ranges.iter().filter_map(|r| cut(r, plan.closes)) {
            spans.push((self.instant(date, start)?, self.end_instant(date, end)?));
        }
        Ok(())
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
                ranges: hours.holidays().ranges(),
                closes: None,
            });
        }
        Ok(DayPlan {
            ranges: hours.day(date.weekday()).ranges(),
            closes: self.short_day(date),
        })
    }

    /// The instant a range of `date` closes at `end`: the next day's start
    /// for [`TimeRange::MIDNIGHT`] (`24:00`), so that ranges to and from
    /// midnight join without a gap.
    pub(super) fn end_instant(&self, date: Date, end: Time) -> Result<Timestamp, CalendarError> {
        if end == TimeRange::MIDNIGHT {
            self.instant(date.tomorrow()?, Time::midnight())
        } else {
            self.instant(date, end)
        }
    }

    /// The instant of a local clock time (jiff's "compatible" rule on DST
    /// changes).
    pub(super) fn instant(&self, date: Date, time: Time) -> Result<Timestamp, CalendarError> {
        Ok(self
            .offsets
            .to_timestamp(&self.tz, date.to_datetime(time))?)
    }
}
