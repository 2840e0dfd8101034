//! Opening hours of one unit: clock-time ranges per weekday, with exceptions
//! for specific dates.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};

/// What was wrong with written opening hours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HoursError {
    /// A range was not of the form `HH:MM-HH:MM`.
    #[error(
        "`{input}` is not a time range: write `HH:MM-HH:MM` (e.g. `08:00-17:00`), several \
         ranges separated by commas, or `closed`"
    )]
    NotARange {
        /// The offending text.
        input: String,
    },
    /// A clock time was not `HH:MM` with hours 0–23 and minutes 0–59 (or
    /// `24:00` at the end of a range).
    #[error(
        "`{input}` is not a clock time: write `HH:MM` with hours 00–23 and minutes 00–59 \
         (`24:00` may end a range: open until midnight)"
    )]
    NotATime {
        /// The offending text.
        input: String,
    },
    /// A range ends at or before its start.
    #[error(
        "the range `{input}` ends before it starts: ranges cannot cross midnight, so split \
         them there (`22:00-24:00` and `00:00-06:00` on the next day)"
    )]
    Backwards {
        /// The offending range.
        input: String,
    },
    /// Two ranges of one day overlap or are out of order.
    #[error(
        "the ranges `{first}` and `{second}` overlap or are out of order: list them in time order without overlap"
    )]
    Overlap {
        /// The earlier range.
        first: String,
        /// The later range.
        second: String,
    },
    /// An exception gave both or neither of `hours` and `closed = true`.
    #[error(
        "the exception for {date} must give either `hours = \"HH:MM-HH:MM\"` or `closed = true`"
    )]
    ExceptionShape {
        /// The exception's date.
        date: Date,
    },
    /// Two exceptions for one date.
    #[error("there are two exceptions for {date}: keep one")]
    DuplicateException {
        /// The repeated date.
        date: Date,
    },
}

/// An opening range within one day, from `start` (inclusive) to `end`
/// (exclusive), in the unit's local clock time. A range that runs to
/// midnight is written `24:00` and ends at [`TimeRange::MIDNIGHT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    start: Time,
    end: Time,
}

impl TimeRange {
    /// The end of a range written `HH:MM-24:00`: open until midnight, when
    /// the next day begins. It is [`Time::MAX`], the last instant of the
    /// day, and the calendar places it at the next day's 00:00, so a unit
    /// open `00:00-24:00` every day is open without a break.
    pub const MIDNIGHT: Time = Time::MAX;

    /// A range from `start` to `end`; fails unless `start < end`.
    pub fn new(start: Time, end: Time) -> Result<Self, HoursError> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(HoursError::Backwards {
                input: format!("{}-{}", hhmm(start), hhmm(end)),
            })
        }
    }

    /// When the range opens.
    #[must_use]
    pub fn start(&self) -> Time {
        self.start
    }

    /// When the range closes: [`TimeRange::MIDNIGHT`] for `24:00`.
    #[must_use]
    pub fn end(&self) -> Time {
        self.end
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", hhmm(self.start), hhmm(self.end))
    }
}

fn hhmm(t: Time) -> String {
    if t == TimeRange::MIDNIGHT {
        return "24:00".to_owned();
    }
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn parse_time(text: &str) -> Result<Time, HoursError> {
    let err = || HoursError::NotATime {
        input: text.to_owned(),
    };
    let (h, m) = text.split_once([':', '.']).ok_or_else(err)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(err());
    }
    let hour: i8 = h.parse().map_err(|_| err())?;
    let minute: i8 = m.parse().map_err(|_| err())?;
    Time::new(hour, minute, 0, 0).map_err(|_| err())
}

impl FromStr for TimeRange {
    type Err = HoursError;

    /// Parses `HH:MM-HH:MM`; `.` is accepted for `:` and an en dash for `-`,
    /// and the end may be `24:00` ([`TimeRange::MIDNIGHT`]).
    fn from_str(text: &str) -> Result<Self, HoursError> {
        let text = text.trim();
        let (a, b) = text
            .split_once(['-', '–'])
            .ok_or_else(|| HoursError::NotARange {
                input: text.to_owned(),
            })?;
        let start = parse_time(a.trim())?;
        let end = match b.trim() {
            "24:00" | "24.00" => TimeRange::MIDNIGHT,
            b => parse_time(b)?,
        };
        let range = TimeRange::new(start, end);
        range.map_err(|_| HoursError::Backwards {
            input: text.to_owned(),
        })
    }
}

/// The opening ranges of one day, in time order and without overlap; no
/// ranges means closed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct DayHours {
    ranges: Vec<TimeRange>,
}

impl DayHours {
    /// A closed day.
    #[must_use]
    pub fn closed() -> Self {
        Self::default()
    }

    /// A day with the given ranges; they must be in time order and must not
    /// overlap.
    pub fn new(ranges: Vec<TimeRange>) -> Result<Self, HoursError> {
        for pair in ranges.windows(2) {
            if let [first, second] = pair {
                if second.start < first.end {
                    return Err(HoursError::Overlap {
                        first: first.to_string(),
                        second: second.to_string(),
                    });
                }
            }
        }
        Ok(Self { ranges })
    }

    /// The opening ranges, in time order.
    #[must_use]
    pub fn ranges(&self) -> &[TimeRange] {
        &self.ranges
    }

    /// True if the day has no opening ranges.
    #[must_use]
    pub fn is_closed(&self) -> bool {
        self.ranges.is_empty()
    }
}

impl FromStr for DayHours {
    type Err = HoursError;

    /// Parses `closed` (or an empty string), or ranges separated by commas:
    /// `"08:00-12:00, 13:00-17:00"`.
    fn from_str(text: &str) -> Result<Self, HoursError> {
        let text = text.trim();
        if text.is_empty()
            || text.eq_ignore_ascii_case("closed")
            || text.eq_ignore_ascii_case("stängt")
        {
            return Ok(Self::closed());
        }
        let ranges = text
            .split(',')
            .map(str::parse)
            .collect::<Result<Vec<TimeRange>, _>>()?;
        Self::new(ranges)
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ranges.is_empty() {
            return f.write_str("closed");
        }
        for (i, r) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl Serialize for DayHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DayHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A unit's opening hours: ranges per weekday plus exceptions for specific
/// dates.
///
/// The default is Monday–Friday 08:00–17:00, closed Saturday and Sunday. In
/// TOML, start from that default, replace Monday–Friday with `weekdays` and
/// any single day by its English name; an exception replaces a whole date:
///
/// ```toml
/// weekdays = "08:00-17:00"
/// friday = "08:00-12:00, 13:00-16:00"
/// saturday = "10:00-14:00"
/// exceptions = [
///   { date = "2027-12-23", hours = "08:00-12:00" },
///   { date = "2027-12-27", closed = true },
/// ]
/// ```
///
/// Public holidays, de facto closed days and local closures close the unit
/// even if its weekday has hours, unless it gives `holidays`: its hours on
/// every such day (a duty service open day and night writes `weekdays`,
/// `saturday`, `sunday` and `holidays` as `"00:00-24:00"`). An exception
/// for a date overrides all of them (and the calendar's short days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawOpeningHours", into = "RawOpeningHours")]
pub struct OpeningHours {
    /// Indexed by `Weekday::to_monday_zero_offset`.
    week: [DayHours; 7],
    /// The hours on a day the calendar closes; closed by default.
    holidays: DayHours,
    exceptions: BTreeMap<Date, DayHours>,
}

impl Default for OpeningHours {
    fn default() -> Self {
        let office = DayHours {
            ranges: vec![TimeRange {
                start: Time::constant(8, 0, 0, 0),
                end: Time::constant(17, 0, 0, 0),
            }],
        };
        Self {
            week: [
                office.clone(),
                office.clone(),
                office.clone(),
                office.clone(),
                office,
                DayHours::closed(),
                DayHours::closed(),
            ],
            holidays: DayHours::closed(),
            exceptions: BTreeMap::new(),
        }
    }
}

fn index(day: Weekday) -> usize {
    usize::from(day.to_monday_zero_offset().unsigned_abs())
}

impl OpeningHours {
    /// Closed every day, to build up with [`OpeningHours::with_day`].
    #[must_use]
    pub fn closed() -> Self {
        Self {
            week: Default::default(),
            holidays: DayHours::closed(),
            exceptions: BTreeMap::new(),
        }
    }

    /// These hours with `day` replaced by `hours`.
    #[must_use]
    pub fn with_day(mut self, day: Weekday, hours: DayHours) -> Self {
        if let Some(slot) = self.week.get_mut(index(day)) {
            *slot = hours;
        }
        self
    }

    /// These hours with `hours` on every day the calendar closes (public
    /// holidays, de facto closed days, local closures).
    #[must_use]
    pub fn with_holidays(mut self, hours: DayHours) -> Self {
        self.holidays = hours;
        self
    }

    /// These hours with an exception: on `date` the unit has `hours`
    /// whatever the weekday and the calendar say.
    #[must_use]
    pub fn with_exception(mut self, date: Date, hours: DayHours) -> Self {
        self.exceptions.insert(date, hours);
        self
    }

    /// The regular hours of a weekday.
    #[must_use]
    pub fn day(&self, day: Weekday) -> &DayHours {
        &self.week[index(day)]
    }

    /// The hours on a day the calendar closes (closed unless set).
    #[must_use]
    pub fn holidays(&self) -> &DayHours {
        &self.holidays
    }

    /// The exception for `date`, if there is one.
    #[must_use]
    pub fn exception(&self, date: Date) -> Option<&DayHours> {
        if self.exceptions.is_empty() {
            None
        } else {
            self.exceptions.get(&date)
        }
    }
}

/// The TOML shape of [`OpeningHours`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOpeningHours {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weekdays: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    monday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tuesday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wednesday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thursday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    friday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    saturday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sunday: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    holidays: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exceptions: Vec<RawException>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<DayHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closed: Option<bool>,
}

impl TryFrom<RawOpeningHours> for OpeningHours {
    type Error = HoursError;

    fn try_from(raw: RawOpeningHours) -> Result<Self, HoursError> {
        let mut hours = OpeningHours::default();
        if let Some(w) = raw.weekdays {
            for slot in hours.week.iter_mut().take(5) {
                *slot = w.clone();
            }
        }
        let days = [
            raw.monday,
            raw.tuesday,
            raw.wednesday,
            raw.thursday,
            raw.friday,
            raw.saturday,
            raw.sunday,
        ];
        for (slot, day) in hours.week.iter_mut().zip(days) {
            if let Some(day) = day {
                *slot = day;
            }
        }
        if let Some(h) = raw.holidays {
            hours.holidays = h;
        }
        for e in raw.exceptions {
            let day = match (e.hours, e.closed) {
                (Some(h), None | Some(false)) => h,
                (None, Some(true)) => DayHours::closed(),
                _ => return Err(HoursError::ExceptionShape { date: e.date }),
            };
            if hours.exceptions.insert(e.date, day).is_some() {
                return Err(HoursError::DuplicateException { date: e.date });
            }
        }
        Ok(hours)
    }
}

impl From<OpeningHours> for RawOpeningHours {
    fn from(hours: OpeningHours) -> Self {
        let [
            monday,
            tuesday,
            wednesday,
            thursday,
            friday,
            saturday,
            sunday,
        ] = hours.week;
        let holidays = (!hours.holidays.is_closed()).then_some(hours.holidays);
        let exceptions = hours
            .exceptions
            .into_iter()
            .map(|(date, day)| {
                if day.is_closed() {
                    RawException {
                        date,
                        hours: None,
                        closed: Some(true),
                    }
                } else {
                    RawException {
                        date,
                        hours: Some(day),
                        closed: None,
                    }
                }
            })
            .collect();
        Self {
            weekdays: None,
            monday: Some(monday),
            tuesday: Some(tuesday),
            wednesday: Some(wednesday),
            thursday: Some(thursday),
            friday: Some(friday),
            saturday: Some(saturday),
            sunday: Some(sunday),
            holidays,
            exceptions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn parses_ranges() -> Result<(), HoursError> {
        let day: DayHours = "08:00-12:00, 13.00–17:00".parse()?;
        assert_eq!(day.to_string(), "08:00-12:00, 13:00-17:00");
        assert_eq!(day.ranges()[1].start(), time(13, 0, 0, 0));
        assert_eq!("closed".parse::<DayHours>(), Ok(DayHours::closed()));
        assert_eq!("".parse::<DayHours>(), Ok(DayHours::closed()));
        Ok(())
    }

    #[test]
    fn rejects_bad_ranges() {
        assert!(
            matches!("8-17".parse::<DayHours>(), Err(HoursError::NotATime { input }) if input == "8")
        );
        assert!(matches!(
            "08:00".parse::<DayHours>(),
            Err(HoursError::NotARange { .. })
        ));
        assert!(
            matches!("17:00-08:00".parse::<DayHours>(), Err(HoursError::Backwards { input }) if input == "17:00-08:00")
        );
        assert!(
            matches!("24:00-25:00".parse::<DayHours>(), Err(HoursError::NotATime { input }) if input == "24:00")
        );
        assert!(matches!(
            "08:00-12:00, 11:00-17:00".parse::<DayHours>(),
            Err(HoursError::Overlap { first, second }) if first == "08:00-12:00" && second == "11:00-17:00"
        ));
    }

    #[test]
    fn a_range_may_run_to_midnight() -> Result<(), HoursError> {
        let day: DayHours = "00:00-24:00".parse()?;
        assert_eq!(day.ranges()[0].end(), TimeRange::MIDNIGHT);
        assert_eq!(day.to_string(), "00:00-24:00");
        let evening: DayHours = "08:00-12:00, 16.30-24.00".parse()?;
        assert_eq!(evening.to_string(), "08:00-12:00, 16:30-24:00");
        // Only as an end, and nothing after it.
        assert!(matches!(
            "24:00-24:00".parse::<DayHours>(),
            Err(HoursError::NotATime { input }) if input == "24:00"
        ));
        assert!(matches!(
            "22:00-24:00, 23:00-23:30".parse::<DayHours>(),
            Err(HoursError::Overlap { .. })
        ));
        Ok(())
    }

    #[test]
    fn holidays_have_their_own_hours() -> Result<(), toml::de::Error> {
        #[derive(Deserialize)]
        struct Unit {
            opening_hours: OpeningHours,
        }
        let unit: Unit = toml::from_str(
            r#"opening_hours = { weekdays = "00:00-24:00", holidays = "10:00-14:00" }"#,
        )?;
        let h = unit.opening_hours;
        assert_eq!(h.holidays().to_string(), "10:00-14:00");
        assert_eq!(h.day(Weekday::Monday).to_string(), "00:00-24:00");
        assert!(h.day(Weekday::Sunday).is_closed());
        assert!(OpeningHours::default().holidays().is_closed());
        // Written back, the holidays' hours survive.
        let written = serde_json::to_value(&h).map_err(serde::de::Error::custom)?;
        assert_eq!(written["holidays"], "10:00-14:00");
        let again: OpeningHours =
            serde_json::from_value(written).map_err(serde::de::Error::custom)?;
        assert_eq!(again, h);
        Ok(())
    }

    #[test]
    fn default_is_office_hours() {
        let h = OpeningHours::default();
        assert_eq!(h.day(Weekday::Monday).to_string(), "08:00-17:00");
        assert_eq!(h.day(Weekday::Friday).to_string(), "08:00-17:00");
        assert!(h.day(Weekday::Saturday).is_closed());
        assert!(h.day(Weekday::Sunday).is_closed());
    }
}
