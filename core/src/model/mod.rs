//! The rule files as written: the serde shape of `municipality.toml` and
//! `departments/<id>.toml`.
//!
//! These types mirror the TOML format documented in `rules/README.md`. Every
//! struct rejects unknown keys, and values that later checks may need to point
//! at keep their source span ([`Spanned`]).

mod department;
mod goals;
mod municipality;
mod service;
mod term;

pub use department::{
    DepartmentFile, DepartmentInfo, EnquiryTypeDef, Expect, TestCaseDef, UnitDef,
};
pub use goals::Goals;
pub use municipality::{
    DEFAULT_STREET_SUFFIXES, FirstLine, MunicipalityFile, MunicipalityInfo, Policy,
};
pub use service::{EscalationStep, Targets};
pub use term::Term;

use serde::{Deserialize, Serialize};
pub use toml::Spanned;

/// A way an enquiry reaches the municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// A telephone call, to the switchboard or customer service.
    Phone,
    /// An e-mail.
    Email,
    /// An e-service form on the municipal website.
    #[serde(alias = "eservice")]
    EService,
    /// A paper letter.
    Letter,
    /// A visit in person.
    Visit,
    /// A message through social media.
    SocialMedia,
}

impl Channel {
    /// Every channel, in a stable order.
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::Email,
        Channel::EService,
        Channel::Letter,
        Channel::Visit,
        Channel::SocialMedia,
    ];

    /// The name used in rule files and JSON (`e-service`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::EService => "e-service",
            Channel::Letter => "letter",
            Channel::Visit => "visit",
            Channel::SocialMedia => "social-media",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Channel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == s || (s == "eservice" && *c == Channel::EService))
            .ok_or_else(|| {
                format!(
                    "unknown channel `{s}`, expected one of {}",
                    Channel::ALL.map(|c| format!("`{c}`")).join(", ")
                )
            })
    }
}

/// How often an enquiry type is expected to arrive. The ROSA policy lets the
/// first line handle levels 3–4 only when they are frequent enough for the
/// generalists to keep the knowledge fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// A few times a year or less.
    Rare,
    /// A few times a month.
    Monthly,
    /// Every week.
    Weekly,
    /// Every day.
    Daily,
}

impl Frequency {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Rare => "rare",
            Frequency::Monthly => "monthly",
            Frequency::Weekly => "weekly",
            Frequency::Daily => "daily",
        }
    }
}
