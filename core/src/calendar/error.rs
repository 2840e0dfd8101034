//! The calendar's error type.

use jiff::civil::Date;

/// What can go wrong when building a [`Calendar`](super::Calendar) or
/// computing with it.
///
/// Every message says what was wrong and what the caller can do about it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The year is outside the years whose Swedish holiday rules are encoded.
    #[error(
        "year {year} is outside the supported years {first}–{last}: Swedish holidays are \
         computed only for those years, so use a date within them"
    )]
    YearOutOfRange {
        /// The year that was asked for.
        year: i16,
        /// The first supported year (1953).
        first: i16,
        /// The last supported year (2200).
        last: i16,
    },
    /// The time zone name is not in the IANA time zone database.
    #[error(
        "unknown time zone `{name}`: use an IANA time zone name such as `Europe/Stockholm` \
         ({reason})"
    )]
    UnknownTimeZone {
        /// The name that was given.
        name: String,
        /// Why the time zone database did not resolve it.
        reason: String,
    },
    /// The unit has no opening hours at all for a long run of days.
    #[error(
        "the unit has no opening hours in the {days} days from {from}: check its opening \
         hours and the calendar's closures"
    )]
    NoOpeningHours {
        /// The first day searched.
        from: Date,
        /// How many consecutive days were searched.
        days: u32,
    },
    /// The calendar has no working day for a long run of days.
    #[error(
        "there is no working day in the {days} days after {from}: check the calendar's \
         local closures"
    )]
    NoWorkingDay {
        /// The day the search started after.
        from: Date,
        /// How many consecutive days were searched.
        days: u32,
    },
    /// Date or time arithmetic left the range jiff can represent.
    #[error("date or time arithmetic failed: {0}")]
    Arithmetic(#[from] jiff::Error),
}
