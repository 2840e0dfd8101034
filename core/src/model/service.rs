//! Service targets and escalation paths as written in the rule files:
//! `[targets]`, `[[escalation]]` and a type's `targets` / `escalation`.

use serde::Deserialize;

use super::{Channel, Spanned};
use crate::calendar::ServiceTarget;

/// A `[targets]` table: how long the first step of a route may take, per
/// channel, and how long the owning unit has once the first line passes an
/// enquiry on.
///
/// ```toml
/// [targets]
/// phone = "5 minutes"
/// email = "2 working days"
/// e-service = "2 working days"
/// letter = "5 working days"
/// owner = "5 working days"
/// ```
///
/// A key left out falls back to the next less specific table (type →
/// department → municipality).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Telephone calls.
    #[serde(default)]
    pub phone: Option<ServiceTarget>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<ServiceTarget>,
    /// E-service forms (`e-service`).
    #[serde(default, rename = "e-service", alias = "eservice")]
    pub e_service: Option<ServiceTarget>,
    /// Paper letters.
    #[serde(default)]
    pub letter: Option<ServiceTarget>,
    /// Visits in person.
    #[serde(default)]
    pub visit: Option<ServiceTarget>,
    /// Social media (`social-media`).
    #[serde(default, rename = "social-media")]
    pub social_media: Option<ServiceTarget>,
    /// The owning unit's step when the first line passes the enquiry on,
    /// counted from the first line's due time. When no table sets it, the
    /// owner gets the channel's target again.
    #[serde(default)]
    pub owner: Option<ServiceTarget>,
}

impl Targets {
    /// The target of `channel`, if this table sets one.
    pub fn channel(&self, channel: Channel) -> Option<&ServiceTarget> {
        match channel {
            Channel::Phone => self.phone.as_ref(),
            Channel::Email => self.email.as_ref(),
            Channel::EService => self.e_service.as_ref(),
            Channel::Letter => self.letter.as_ref(),
            Channel::Visit => self.visit.as_ref(),
            Channel::SocialMedia => self.social_media.as_ref(),
        }
    }
}

/// One named escalation step after the owning unit: a unit (a unit manager,
/// a department head) and how long it has, counted from the previous step's
/// due time.
///
/// ```toml
/// [[escalation]]
/// unit = "teknik-chef"
/// within = "1 working day"
/// ```
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationStep {
    /// The unit the enquiry escalates to.
    pub unit: Spanned<String>,
    /// Its target.
    pub within: ServiceTarget,
}

impl Targets {
    /// This table with every key it leaves out taken from `fallback`.
    #[must_use]
    pub(crate) fn or(&self, fallback: &Targets) -> Targets {
        Targets {
            phone: self.phone.or(fallback.phone),
            email: self.email.or(fallback.email),
            e_service: self.e_service.or(fallback.e_service),
            letter: self.letter.or(fallback.letter),
            visit: self.visit.or(fallback.visit),
            social_media: self.social_media.or(fallback.social_media),
            owner: self.owner.or(fallback.owner),
        }
    }
}
