//! The municipality-wide calendar settings, as written in TOML.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// Calendar settings for one municipality: which de facto closed days apply,
/// local closures and short days.
///
/// The default is the Swedish default: midsummer eve, Christmas Eve and New
/// Year's Eve closed, no local closures, no short days. In TOML (every key is
/// optional):
///
/// ```toml
/// de_facto_closed = { midsommarafton = true, julafton = true, nyarsafton = true }
/// closures = [{ date = "2027-08-13", name = "Personaldag" }]
/// short_days = [{ date = "2027-04-30", closes = "12:00" }]
/// before_public_holiday_closes = "12:00"
/// ```
///
/// Dates are written `"YYYY-MM-DD"` and times `"HH:MM"`, both as quoted
/// strings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarConfig {
    /// Which de facto closed days (not public holidays, but closed in
    /// practice) are days off.
    pub de_facto_closed: DeFactoClosed,
    /// Days the municipality closes locally, e.g. a staff day.
    pub closures: Vec<LocalClosure>,
    /// Days that close early, e.g. the eve of the first of May.
    pub short_days: Vec<ShortDay>,
    /// When set, the day before every public holiday closes at this time
    /// (a date listed in `short_days` keeps its own closing time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_public_holiday_closes: Option<Time>,
}

/// Switches for the de facto closed days; all on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeFactoClosed {
    /// Midsummer eve, the Friday before midsummer day.
    pub midsommarafton: bool,
    /// Christmas Eve, 24 December.
    pub julafton: bool,
    /// New Year's Eve, 31 December.
    pub nyarsafton: bool,
}

impl Default for DeFactoClosed {
    fn default() -> Self {
        Self {
            midsommarafton: true,
            julafton: true,
            nyarsafton: true,
        }
    }
}

impl DeFactoClosed {
    /// All three de facto closed days switched off: they count as ordinary
    /// days.
    #[must_use]
    pub fn none() -> Self {
        Self {
            midsommarafton: false,
            julafton: false,
            nyarsafton: false,
        }
    }
}

/// A day on which the municipality is closed for a local reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalClosure {
    /// The closed day.
    pub date: Date,
    /// What the closure is called, in Swedish, e.g. `"Personaldag"`.
    pub name: String,
}

/// A day on which every unit closes early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortDay {
    /// The short day.
    pub date: Date,
    /// The closing time that day; opening hours after it are cut.
    pub closes: Time,
}
