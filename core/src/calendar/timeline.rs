//! A unit's opening time placed on the time line once, a year at a time, for
//! the deadlines of every enquiry routed to it.
//!
//! Working out one date's opening time means a holiday lookup, the unit's
//! exceptions and two time-zone conversions per range; a deadline visits a
//! few dates, and a decision has a deadline per step. A [`Timeline`] does
//! that work the first time a year is asked for and keeps the result
//! (about 6 KB a year for office hours), so a deadline reads tables
//! instead. The arithmetic over them is the same code as
//! [`Calendar::due`]'s (`deadline.rs`, generic over [`Days`]), and a
//! property test holds the two equal.

use std::sync::OnceLock;

use jiff::civil::Date;

use super::days::{Days, OpenDay, Span};
use super::holidays::check_year;
use super::{Calendar, CalendarError, FIRST_YEAR, LAST_YEAR, OpeningHours, year_index};

/// A unit's opening hours on one calendar's time line, filled in a year at
/// a time on first use. Use it with the same [`Calendar`] always: the
/// tables hold that calendar's holidays and time zone.
#[derive(Debug)]
pub(crate) struct Timeline {
    hours: OpeningHours,
    /// Index `year - FIRST_YEAR`. A year that failed to build is `None`,
    /// and the direct arithmetic answers for it, error and all.
    years: Box<[OnceLock<Option<Year>>]>,
}

/// One year of a [`Timeline`].
#[derive(Debug)]
struct Year {
    /// Index `day_of_year - 1`.
    days: Vec<Day>,
    spans: Vec<Span>,
}

/// One date of a [`Year`]: its spans are `spans[first..end]`.
#[derive(Debug, Clone, Copy)]
struct Day {
    date: Date,
    first: usize,
    end: usize,
    working: bool,
}

impl Timeline {
    /// An empty timeline for a unit open `hours`.
    pub(crate) fn new(hours: OpeningHours) -> Self {
        let years = (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect();
        Self { hours, years }
    }

    /// The unit's opening hours.
    pub(crate) fn hours(&self) -> &OpeningHours {
        &self.hours
    }

    /// The table of `year`, built on first use; `None` outside the
    /// calendar's years.
    fn year(&self, calendar: &Calendar, year: i16) -> Option<&Year> {
        check_year(year).ok()?;
        let slot = self.years.get(year_index(year))?;
        slot.get_or_init(|| Year::build(calendar, &self.hours, year).ok())
            .as_ref()
    }
}

impl Year {
    fn build(calendar: &Calendar, hours: &OpeningHours, year: i16) -> Result<Self, CalendarError> {
        let mut days = Vec::with_capacity(366);
        let mut spans = Vec::with_capacity(366);
        let mut date = Date::new(year, 1, 1)?;
        while date.year() == year {
            let first = spans.len();
            calendar.push_spans(hours, date, &mut spans)?;
            days.push(Day {
                date,
                first,
                end: spans.len(),
                working: calendar.is_working_day(date)?,
            });
            date = date.tomorrow()?;
        }
        Ok(Self { days, spans })
    }
}

/// [`Days`] read from a [`Timeline`]'s tables.
pub(super) struct Cached<'a> {
    calendar: &'a Calendar,
    timeline: &'a Timeline,
}

impl<'a> Cached<'a> {
    pub(super) fn new(calendar: &'a Calendar, timeline: &'a Timeline) -> Self {
        Self { calendar, timeline }
    }
}

impl Days for Cached<'_> {
    /// A year without a table (outside the calendar's years) ends the walk
    /// with an error, which sends the caller to the direct arithmetic
    /// (`Calendar::due_instant_on`, `Calendar::working_time_on`); it says
    /// what is wrong.
    fn from(&self, date: Date) -> impl Iterator<Item = Result<OpenDay<'_>, CalendarError>> {
        let mut year = date.year();
        let mut table = self.timeline.year(self.calendar, year);
        let mut index = usize::from((date.day_of_year() - 1).unsigned_abs());
        std::iter::from_fn(move || {
            loop {
                let t = table?;
                if let Some(day) = t.days.get(index) {
                    index += 1;
                    let spans = t.spans.get(day.first..day.end)?;
                    return Some(Ok(OpenDay::from_table(day.date, day.working, spans)));
                }
                year = year.checked_add(1)?;
                table = self.timeline.year(self.calendar, year);
                index = 0;
            }
        })
        .chain(std::iter::once_with(move || {
            Err(CalendarError::YearOutOfRange {
                year: date.year(),
                first: FIRST_YEAR,
                last: LAST_YEAR,
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{CalendarConfig, DayHours, ServiceTarget, ShortDay, TimeRange};
    use jiff::Timestamp;
    use jiff::civil::{Time, Weekday};
    use proptest::prelude::*;

    /// Up to two ranges on a quarter-hour grid, so that some start or end
    /// in the hour a daylight-saving change skips or repeats (02:00–03:00),
    /// and some run to midnight (`24:00`, the grid's last point).
    fn day_hours() -> impl Strategy<Value = DayHours> {
        proptest::collection::btree_set(0..=96_i8, 0..=4).prop_map(|quarters| {
            let times: Vec<Time> = quarters
                .into_iter()
                .map(|q| match q {
                    96 => TimeRange::MIDNIGHT,
                    q => Time::constant(q / 4, (q % 4) * 15, 0, 0),
                })
                .collect();
            let ranges = times
                .chunks_exact(2)
                .filter_map(|pair| TimeRange::new(pair[0], pair[1]).ok())
                .collect();
            DayHours::new(ranges).unwrap_or_default()
        })
    }

    fn opening_hours() -> impl Strategy<Value = OpeningHours> {
        (
            proptest::collection::vec(day_hours(), 7),
            day_hours(),
            proptest::collection::vec((0..1100_i32, day_hours()), 0..4),
        )
            .prop_map(|(week, holidays, exceptions)| {
                let days = [
                    Weekday::Monday,
                    Weekday::Tuesday,
                    Weekday::Wednesday,
                    Weekday::Thursday,
                    Weekday::Friday,
                    Weekday::Saturday,
                    Weekday::Sunday,
                ];
                let mut hours = OpeningHours::closed().with_holidays(holidays);
                for (day, h) in days.into_iter().zip(week) {
                    hours = hours.with_day(day, h);
                }
                let first = Date::constant(2026, 1, 1);
                for (n, h) in exceptions {
                    if let Ok(date) = first.checked_add(jiff::Span::new().days(n)) {
                        hours = hours.with_exception(date, h);
                    }
                }
                hours
            })
    }

    fn config() -> impl Strategy<Value = CalendarConfig> {
        (proptest::option::of(10..16_i8), 0..1100_i32, 10..16_i8).prop_map(
            |(before_holiday, short_day, short_closes)| {
                let mut config = CalendarConfig {
                    before_public_holiday_closes: before_holiday
                        .map(|h| Time::constant(h, 0, 0, 0)),
                    ..CalendarConfig::default()
                };
                if let Ok(date) =
                    Date::constant(2026, 1, 1).checked_add(jiff::Span::new().days(short_day))
                {
                    config.short_days.push(ShortDay {
                        date,
                        closes: Time::constant(short_closes, 0, 0, 0),
                    });
                }
                config
            },
        )
    }

    fn target() -> impl Strategy<Value = ServiceTarget> {
        prop_oneof![
            (0..15_u32).prop_map(ServiceTarget::WorkingDays),
            (1..3000_u32).prop_map(ServiceTarget::Minutes),
            (1..200_u32).prop_map(ServiceTarget::Hours),
        ]
    }

    /// Any second of 2026–2028, or one within a day of a daylight-saving
    /// change (spring 2027 at 01:00 UTC, autumn 2027 at 01:00 UTC).
    fn received() -> impl Strategy<Value = Timestamp> {
        prop_oneof![
            1_767_225_600_i64..1_861_920_000,
            (-86_400_i64..86_400).prop_map(|d| 1_806_195_600 + d),
            (-86_400_i64..86_400).prop_map(|d| 1_824_944_400 + d),
        ]
        .prop_map(|s| Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    /// What the direct arithmetic and the timeline say, as comparable text.
    fn both(
        calendar: &Calendar,
        timeline: &Timeline,
        at: Timestamp,
        target: &ServiceTarget,
    ) -> (Result<String, String>, Result<String, String>) {
        let direct = calendar
            .due(timeline.hours(), at, target)
            .map(|due| due.timestamp().to_string())
            .map_err(|e| e.to_string());
        let cached = calendar
            .due_on(timeline, at, target)
            .map(|(due, offset)| {
                assert_eq!(offset, calendar.offset_at(due));
                due.to_string()
            })
            .map_err(|e| e.to_string());
        (direct, cached)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The tables give every deadline and working time the direct
        /// arithmetic gives, for any hours, exceptions, short days, targets
        /// and receipt times.
        #[test]
        fn the_timeline_agrees_with_the_direct_arithmetic(
            hours in opening_hours(),
            config in config(),
            cases in proptest::collection::vec(
                (received(), target(), -2_600_000_i64..2_600_000),
                1..12,
            ),
        ) {
            let calendar = Calendar::new("Europe/Stockholm", &config)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let timeline = Timeline::new(hours);
            for (at, target, seconds) in &cases {
                let (direct, cached) = both(&calendar, &timeline, *at, target);
                prop_assert_eq!(direct, cached, "received {} target {:?}", at, target);
                // Working time from `at` to a month either side of it.
                let to = at
                    .checked_add(jiff::SignedDuration::from_secs(*seconds))
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let direct = calendar
                    .working_time_between(timeline.hours(), *at, to)
                    .map_err(|e| e.to_string());
                let cached = calendar
                    .working_time_on(&timeline, *at, to)
                    .map_err(|e| e.to_string());
                prop_assert_eq!(direct, cached, "from {} to {}", at, to);
            }
        }
    }

    #[test]
    fn past_the_last_year_the_timeline_gives_the_direct_error() -> Result<(), CalendarError> {
        let calendar = Calendar::new("Europe/Stockholm", &CalendarConfig::default())?;
        let timeline = Timeline::new(OpeningHours::default());
        let at: Timestamp = "2200-12-30T10:00:00Z".parse()?;
        for target in [ServiceTarget::WorkingDays(5), ServiceTarget::Hours(40)] {
            let (direct, cached) = both(&calendar, &timeline, at, &target);
            assert!(
                direct.as_ref().is_err_and(|e| e.contains("2201")),
                "{direct:?}"
            );
            assert_eq!(direct, cached);
        }
        // Within the year the tables answer.
        let (direct, cached) = both(&calendar, &timeline, at, &ServiceTarget::Minutes(30));
        assert_eq!(direct, Ok("2200-12-30T10:30:00Z".to_owned()));
        assert_eq!(cached, direct);
        Ok(())
    }

    #[test]
    fn a_year_is_built_once_and_kept() -> Result<(), CalendarError> {
        let calendar = Calendar::new("Europe/Stockholm", &CalendarConfig::default())?;
        let timeline = Timeline::new(OpeningHours::default());
        let first = timeline.year(&calendar, 2027).map(std::ptr::from_ref);
        assert!(first.is_some());
        assert_eq!(
            timeline.year(&calendar, 2027).map(std::ptr::from_ref),
            first
        );
        let year = timeline.year(&calendar, 2027);
        assert_eq!(year.map(|y| y.days.len()), Some(365));
        // Office hours: one span on each working day of 2027, 261 weekdays
        // less the 8 holidays and closed eves that fall on one.
        assert_eq!(year.map(|y| y.spans.len()), Some(253));
        assert_eq!(
            year.map(|y| y.days.iter().filter(|d| d.working).count()),
            Some(253)
        );
        assert!(timeline.year(&calendar, 2201).is_none());
        Ok(())
    }
}
