//! `municipality.toml`: the municipality, its first line and its ROSA policy.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Channel, EscalationStep, Frequency, Spanned, Targets, UnitDef};
use crate::calendar::{CalendarConfig, OpeningHours};

/// The whole of `municipality.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityFile {
    /// Who the rule set belongs to.
    pub municipality: MunicipalityInfo,
    /// How the ROSA levels decide what the first line handles.
    #[serde(default)]
    pub policy: Policy,
    /// The first-line organisation (switchboard, customer service).
    pub first_line: FirstLine,
    /// The service goals the statistics report measures against
    /// (`[goals]`; documented defaults when absent).
    #[serde(default)]
    pub goals: super::Goals,
    /// The working-time calendar: de facto closed days, local closures and
    /// short days (`[calendar]`).
    #[serde(default)]
    pub calendar: Option<Spanned<CalendarConfig>>,
    /// The opening hours of every unit that sets none of its own
    /// (`[opening_hours]`; Monday–Friday 08:00–17:00 when absent).
    #[serde(default)]
    pub opening_hours: OpeningHours,
    /// Service targets per channel (`[targets]`).
    #[serde(default)]
    pub targets: Targets,
    /// Escalation steps after the owning unit for every type that sets none
    /// closer to it (`[[escalation]]`).
    #[serde(default)]
    pub escalation: Vec<EscalationStep>,
}

/// The `[municipality]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityInfo {
    /// The municipality's name (`Klippans kommun`).
    pub name: String,
    /// IANA time zone of the municipality (`Europe/Stockholm`).
    #[serde(default = "default_time_zone")]
    pub time_zone: Spanned<String>,
    /// The channels the municipality answers on; every channel when absent.
    #[serde(default)]
    pub channels: Option<Vec<Channel>>,
}

fn default_time_zone() -> Spanned<String> {
    Spanned::new(0..0, "Europe/Stockholm".to_owned())
}

/// The `[policy]` table: the ROSA rule for what the first line handles.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Highest ROSA level the first line may handle (1–4, default 4).
    #[serde(default = "default_max_level")]
    pub first_line_max_level: Spanned<u8>,
    /// Levels 3–4 go to the first line only when the type is at least this
    /// frequent (default `weekly`).
    #[serde(default = "default_min_frequency")]
    pub first_line_min_frequency: Frequency,
    /// A type is recognised only with at least this score (default 1.0).
    #[serde(default = "default_min_score")]
    pub min_score: Spanned<f64>,
    /// Two types are too close to choose between when the runner-up scores at
    /// least this share of the best score (default 0.75).
    #[serde(default = "default_ambiguity_ratio")]
    pub ambiguity_ratio: Spanned<f64>,
    /// Endings of street names (default [`DEFAULT_STREET_SUFFIXES`]): a
    /// term found in a word with one of these endings, wholly before it,
    /// names the citizen's address and does not count. Empty turns this
    /// off.
    #[serde(default = "default_street_suffixes")]
    pub street_suffixes: Vec<Spanned<String>>,
}

/// The endings of Swedish street names that `[policy] street_suffixes`
/// has unless a rule set gives its own: `Biblioteksgatan`, `Badhusvägen`,
/// `Skolgränd` are addresses, not enquiries about the library, the
/// swimming pool or a school.
pub const DEFAULT_STREET_SUFFIXES: [&str; 7] = [
    "gatan", "vägen", "gränd", "gränden", "stigen", "torget", "backen",
];

fn default_max_level() -> Spanned<u8> {
    Spanned::new(0..0, 4)
}
fn default_min_frequency() -> Frequency {
    Frequency::Weekly
}
fn default_min_score() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}
fn default_ambiguity_ratio() -> Spanned<f64> {
    Spanned::new(0..0, 0.75)
}
fn default_street_suffixes() -> Vec<Spanned<String>> {
    DEFAULT_STREET_SUFFIXES
        .iter()
        .map(|s| Spanned::new(0..0, (*s).to_owned()))
        .collect()
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            first_line_max_level: default_max_level(),
            first_line_min_frequency: default_min_frequency(),
            min_score: default_min_score(),
            ambiguity_ratio: default_ambiguity_ratio(),
            street_suffixes: default_street_suffixes(),
        }
    }
}

/// The `[first_line]` table: the first-line organisation and its units.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstLine {
    /// The id decisions use as the department of first-line enquiries
    /// (`kontaktcenter`).
    pub id: Spanned<String>,
    /// Its name (`Kontaktcenter`).
    pub name: String,
    /// The unit that handles first-line enquiries (`kundtjanst`).
    pub handler: Spanned<String>,
    /// The unit that owns what no rule claims; the handler when absent.
    #[serde(default)]
    pub fallback: Option<Spanned<String>>,
    /// A different first handler for some channels (`phone = "vaxel"`).
    #[serde(default)]
    pub by_channel: BTreeMap<Channel, Spanned<String>>,
    /// The first-line units (switchboard, customer service, service centre).
    #[serde(default, rename = "unit")]
    pub units: Vec<UnitDef>,
}
