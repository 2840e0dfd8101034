//! Working-time calendar: Swedish public holidays, opening hours and deadlines.
//!
//! ```
//! use kommunlots::calendar::{Calendar, CalendarConfig, OpeningHours, ServiceTarget};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let calendar = Calendar::new("Europe/Stockholm", &CalendarConfig::default())?;
//! let hours = OpeningHours::default(); // Monday–Friday 08:00–17:00
//! let target: ServiceTarget = "2 working days".parse()?;
//! // An e-mail on Maundy Thursday 2027, 16:30: Good Friday and Easter Monday
//! // are holidays, so it is due on Wednesday at the same clock time.
//! let received = "2027-03-25T16:30:00+01:00[Europe/Stockholm]".parse::<jiff::Zoned>()?;
//! let due = calendar.due(&hours, received.timestamp(), &target)?;
//! assert_eq!(due.to_string(), "2027-03-31T16:30:00+02:00[Europe/Stockholm]");
//! # Ok(())
//! # }
//! ```
//!
//! # Days
//!
//! A **working day** is a day that is neither a Saturday, a Sunday, a Swedish
//! public holiday, a de facto closed day (midsummer eve, Christmas Eve, New
//! Year's Eve, each switchable in [`CalendarConfig::de_facto_closed`]) nor a
//! local closure ([`CalendarConfig::closures`]). Public holidays are computed
//! from the law in force each year, for the years 1953–2200; any other year is
//! an error ([`CalendarError::YearOutOfRange`]).
//!
//! # Opening time
//!
//! A unit's opening time on a date is, in this order:
//!
//! 1. the [`OpeningHours`] exception for that date, if there is one (it
//!    overrides everything below, so a unit can open on a holiday);
//! 2. nothing, if the date is a public holiday, an enabled de facto closed day
//!    or a local closure;
//! 3. otherwise the hours of its weekday (Saturdays and Sundays count if the
//!    unit has hours then), cut at the closing time of a short day
//!    ([`CalendarConfig::short_days`], [`CalendarConfig::before_public_holiday_closes`]).
//!
//! Clock times are in the calendar's IANA time zone. On a daylight-saving
//! change, a clock time that does not exist is moved forward by the gap and
//! an ambiguous one takes the earlier instant (jiff's "compatible" rule);
//! opening time is always measured in real elapsed time.
//!
//! # Deadlines ([`Calendar::due`])
//!
//! - An enquiry received outside the unit's opening time counts as received
//!   at the next opening.
//! - **N working days**: the same local clock time as that (adjusted)
//!   receipt, on the Nth working day after its date. If that clock time is
//!   after the unit's last closing on the target day (e.g. a short day), the
//!   deadline is that closing instead. If the unit has no opening time at all
//!   on the target day, the clock time is kept.
//! - **Minutes and hours** count opening time only: 30 minutes from 16:50 with
//!   hours 08–17 is due 08:20 on the next day with opening time. A target
//!   used up exactly at a closing is due at that closing, not at the next
//!   opening.
//!
//! [`Calendar::working_time_between`] is the inverse: the opening time
//! between two instants, negative when the second is earlier.
//!
//! Searches are bounded: if a unit has no opening time for
//! [`MAX_CLOSED_RUN`] consecutive days, or the calendar has no working day
//! for as long, the result is an error, never a hang.

mod config;
mod days;
mod deadline;
mod error;
mod holidays;
mod hours;
mod offsets;
mod target;
mod timeline;

pub use config::{CalendarConfig, DeFactoClosed, LocalClosure, ShortDay};
pub use error::CalendarError;
pub use holidays::{FIRST_YEAR, LAST_YEAR};
pub use hours::{DayHours, HoursError, OpeningHours, TimeRange};
pub use target::{ServiceTarget, ServiceTargetError};
pub(crate) use timeline::Timeline;

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone};

/// The longest run of consecutive days without opening time (or without a
/// working day) that a search walks before it gives up with an error.
pub const MAX_CLOSED_RUN: u32 = 400;

/// What kind of closed day a [`ClosedDay`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClosedDayKind {
    /// A public holiday by law (*allmän helgdag*).
    Public,
    /// Not a holiday by law but closed in practice (*midsommarafton*,
    /// *julafton*, *nyårsafton*).
    DeFacto,
    /// A local closure from [`CalendarConfig::closures`].
    Local,
}

/// A day on which the municipality is closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClosedDay {
    /// The date.
    pub date: Date,
    /// The Swedish name, e.g. `"Långfredagen"`.
    pub name: String,
    /// Why the day is closed.
    pub kind: ClosedDayKind,
}

/// Bit set of the closed days of one year, bit `day_of_year - 1`.
type YearBits = [u64; 6];

/// A working-time calendar for one municipality: its time zone, holidays,
/// closures and short days. Cheap to share: it is immutable, `Send` and
/// `Sync`, and holds a precomputed table of every supported year.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: TimeZone,
    /// The zone's offsets over the supported years, for fast conversions.
    offsets: offsets::Offsets,
    config: CalendarConfig,
    /// Closed (non-weekend) days per year, index `year - FIRST_YEAR`.
    closed: Vec<YearBits>,
    /// Closing times of short days.
    short: BTreeMap<Date, Time>,
}

/// Sweden's time zone, built in for platforms without a time-zone database
/// of their own (WebAssembly in a browser), so that a browser build need not
/// carry every zone in the world (about 150 KB gzipped). The system's
/// database, where there is one, is asked first, so a machine with newer
/// tz data uses it.
///
/// `tzdata/Europe-Stockholm.tzif` is the TZif file of the IANA time zone
/// database (public domain), copied from Debian's tzdata 2025b.
/// The IANA time zone `name`: from the system's database, else built in.
pub(crate) fn time_zone_named(name: &str) -> Result<TimeZone, CalendarError> {
    TimeZone::get(name)
        .or_else(|e| embedded_time_zone(name).ok_or(e))
        .map_err(|e| CalendarError::UnknownTimeZone {
            name: name.to_owned(),
            reason: e.to_string(),
        })
}

fn embedded_time_zone(name: &str) -> Option<TimeZone> {
    const STOCKHOLM: &[u8] = include_bytes!("tzdata/Europe-Stockholm.tzif");
    (name == "Europe/Stockholm")
        .then(|| TimeZone::tzif(name, STOCKHOLM).ok())
        .flatten()
}

impl Calendar {
    /// A calendar in the IANA time zone `time_zone` (e.g.
    /// `"Europe/Stockholm"`) with the given settings.
    ///
    /// The zone comes from the system's time-zone database; where there is
    /// none (WebAssembly), `Europe/Stockholm` is built in and other zones
    /// are unknown.
    ///
    /// Fails if the time zone is unknown, or if a closure or short day lies
    /// outside 1953–2200.
    pub fn new(time_zone: &str, config: &CalendarConfig) -> Result<Self, CalendarError> {
        Self::with_time_zone(time_zone_named(time_zone)?, config)
    }

    /// A calendar in an already resolved time zone.
    pub fn with_time_zone(tz: TimeZone, config: &CalendarConfig) -> Result<Self, CalendarError> {
        let mut closed =
            Vec::with_capacity(usize::from((LAST_YEAR - FIRST_YEAR + 1).unsigned_abs()));
        let mut short = BTreeMap::new();
        let mut days = Vec::with_capacity(20);
        for year in FIRST_YEAR..=LAST_YEAR {
            days.clear();
            holidays::closed_days_of_year(year, &config.de_facto_closed, &mut days)?;
            let mut bits = YearBits::default();
            for day in &days {
                set_bit(&mut bits, day.date);
            }
            closed.push(bits);
            if let Some(closes) = config.before_public_holiday_closes {
                for day in days.iter().filter(|d| d.kind == ClosedDayKind::Public) {
                    let eve = day.date.yesterday()?;
                    if (FIRST_YEAR..=LAST_YEAR).contains(&eve.year()) {
                        short.insert(eve, closes);
                    }
                }
            }
        }
        for closure in &config.closures {
            holidays::check_year(closure.date.year())?;
            if let Some(bits) = closed.get_mut(year_index(closure.date.year())) {
                set_bit(bits, closure.date);
            }
        }
        for day in &config.short_days {
            holidays::check_year(day.date.year())?;
            short.insert(day.date, day.closes);
        }
        let (first, last) = offsets::table_bounds(FIRST_YEAR, LAST_YEAR);
        Ok(Self {
            offsets: offsets::Offsets::new(&tz, first, last),
            tz,
            config: config.clone(),
            closed,
            short,
        })
    }

    /// The calendar's time zone.
    #[must_use]
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The zone's offset at `at`, from the calendar's table of offsets.
    pub(crate) fn offset_at(&self, at: Timestamp) -> Offset {
        self.offsets.offset(&self.tz, at)
    }

    /// `at` with the zone's offset then, as decisions and reports give
    /// their times.
    pub(crate) fn local_time(&self, at: Timestamp) -> crate::rfc3339::LocalTime {
        crate::rfc3339::LocalTime::new(at, self.offset_at(at))
    }

    /// The clock time at `at`.
    pub(crate) fn local(&self, at: Timestamp) -> DateTime {
        self.offsets.to_datetime(&self.tz, at)
    }

    /// The settings the calendar was built from.
    #[must_use]
    pub fn config(&self) -> &CalendarConfig {
        &self.config
    }

    /// The closed days of `year` (public holidays, enabled de facto closed
    /// days and local closures), sorted by date. A date closed for two
    /// reasons is listed twice, public before de facto before local.
    pub fn closed_days(&self, year: i16) -> Result<Vec<ClosedDay>, CalendarError> {
        let mut days = Vec::with_capacity(20);
        holidays::closed_days_of_year(year, &self.config.de_facto_closed, &mut days)?;
        let mut out: Vec<ClosedDay> = days
            .into_iter()
            .map(|d| ClosedDay {
                date: d.date,
                name: d.name.to_owned(),
                kind: d.kind,
            })
            .collect();
        out.extend(
            self.config
                .closures
                .iter()
                .filter(|c| c.date.year() == year)
                .map(|c| ClosedDay {
                    date: c.date,
                    name: c.name.clone(),
                    kind: ClosedDayKind::Local,
                }),
        );
        out.sort_by_key(|d| (d.date, d.kind));
        Ok(out)
    }

    /// True if `date` is a working day: not a Saturday or Sunday, not a
    /// public holiday, not an enabled de facto closed day and not a local
    /// closure.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        let closed = self.is_closed(date)?;
        Ok(!closed && !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday))
    }

    /// True if `date` is a public holiday, enabled de facto closed day or
    /// local closure.
    fn is_closed(&self, date: Date) -> Result<bool, CalendarError> {
        holidays::check_year(date.year())?;
        let bits =
            self.closed
                .get(year_index(date.year()))
                .ok_or(CalendarError::YearOutOfRange {
                    year: date.year(),
                    first: FIRST_YEAR,
                    last: LAST_YEAR,
                })?;
        let (word, bit) = bit_position(date);
        Ok(bits.get(word).is_some_and(|w| w & (1 << bit) != 0))
    }

    /// The closing time of `date` if it is a short day.
    fn short_day(&self, date: Date) -> Option<Time> {
        if self.short.is_empty() {
            None
        } else {
            self.short.get(&date).copied()
        }
    }
}

fn year_index(year: i16) -> usize {
    usize::from((year - FIRST_YEAR).unsigned_abs())
}

fn bit_position(date: Date) -> (usize, u32) {
    let n = (date.day_of_year() - 1).unsigned_abs();
    (usize::from(n / 64), u32::from(n % 64))
}

fn set_bit(bits: &mut YearBits, date: Date) {
    let (word, bit) = bit_position(date);
    if let Some(w) = bits.get_mut(word) {
        *w |= 1 << bit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_stockholm_zone_agrees_with_the_system_database()
    -> Result<(), Box<dyn std::error::Error>> {
        let built_in = embedded_time_zone("Europe/Stockholm").ok_or("no built-in zone")?;
        assert!(embedded_time_zone("Europe/Oslo").is_none());
        let system = TimeZone::get("Europe/Stockholm")?;
        // Winter, summer, and both sides of the 2027 spring change.
        for at in [
            "1985-01-15T12:00:00Z",
            "2003-07-01T12:00:00Z",
            "2027-03-28T00:59:59Z",
            "2027-03-28T01:00:00Z",
            "2150-10-31T12:00:00Z",
        ] {
            let at: jiff::Timestamp = at.parse()?;
            assert_eq!(built_in.to_offset(at), system.to_offset(at), "{at}");
        }
        Ok(())
    }

    #[test]
    fn calendar_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Calendar>();
    }
}
