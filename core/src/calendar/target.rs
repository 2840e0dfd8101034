//! Service targets: how long a unit may take, in opening time or working
//! days.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A service target such as `"30 minutes"`, `"4 hours"` or `"2 working
/// days"`.
///
/// Minutes and hours count only the unit's opening time; working days count
/// whole working days (see the [module docs](super) for the exact rules).
/// Written in TOML as a string; the canonical form (what `Display` and
/// `Serialize` give) is `"<n> minutes"`, `"<n> hours"` or `"<n> working
/// days"` (singular for 1).
///
/// Accepted units, case-insensitive, with or without a space after the
/// number: `minute(s)`, `min`, `mins`, `minut`, `minuter`; `hour(s)`, `h`,
/// `hr(s)`, `timme`, `timmar`, `tim`; `working day(s)`, `workday(s)`,
/// `business day(s)`, `arbetsdag`, `arbetsdagar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceTarget {
    /// Minutes of opening time, 1 to [`ServiceTarget::MAX_MINUTES`].
    Minutes(u32),
    /// Hours of opening time, 1 to [`ServiceTarget::MAX_HOURS`].
    Hours(u32),
    /// Working days, 1 to [`ServiceTarget::MAX_WORKING_DAYS`].
    WorkingDays(u32),
}

/// What was wrong with a written service target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceTargetError {
    /// The text does not start with a whole number.
    #[error(
        "`{input}` does not start with a whole number: write e.g. `30 minutes`, `4 hours` or \
         `2 working days`"
    )]
    NoNumber {
        /// The offending text.
        input: String,
    },
    /// The unit after the number is not one we know.
    #[error(
        "`{unit}` in `{input}` is not a unit we know: use `minutes`, `hours` or `working days` \
         (or Swedish `minuter`, `timmar`, `arbetsdagar`){hint}"
    )]
    UnknownUnit {
        /// The offending text.
        input: String,
        /// The unit as written.
        unit: String,
        /// Extra advice for near misses, empty or starting with `; `.
        hint: &'static str,
    },
    /// The number is zero or too large for the unit.
    #[error("`{input}` is out of range: the number must be 1 to {max} for that unit")]
    OutOfRange {
        /// The offending text.
        input: String,
        /// The largest number accepted for the unit.
        max: u32,
    },
}

impl ServiceTarget {
    /// The largest number of minutes accepted (one year of 24-hour days).
    pub const MAX_MINUTES: u32 = 525_600;
    /// The largest number of hours accepted.
    pub const MAX_HOURS: u32 = 8_760;
    /// The largest number of working days accepted (about four years).
    pub const MAX_WORKING_DAYS: u32 = 1_000;
}

impl FromStr for ServiceTarget {
    type Err = ServiceTargetError;

    fn from_str(input: &str) -> Result<Self, ServiceTargetError> {
        let text = input.trim();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let (number, unit) = text.split_at(digits);
        let Ok(n) = number.parse::<u64>() else {
            if digits == 0 {
                return Err(ServiceTargetError::NoNumber {
                    input: input.to_owned(),
                });
            }
            return Err(ServiceTargetError::OutOfRange {
                input: input.to_owned(),
                max: u32::MAX,
            });
        };
        let unit_words: Vec<&str> = unit.split_whitespace().collect();
        let unit_norm = unit_words.join(" ").to_lowercase();
        let (make, max): (fn(u32) -> ServiceTarget, u32) = match unit_norm.as_str() {
            "minute" | "minutes" | "min" | "mins" | "minut" | "minuter" => {
                (ServiceTarget::Minutes, Self::MAX_MINUTES)
            }
            "hour" | "hours" | "h" | "hr" | "hrs" | "timme" | "timmar" | "tim" => {
                (ServiceTarget::Hours, Self::MAX_HOURS)
            }
            "working day" | "working days" | "workday" | "workdays" | "business day"
            | "business days" | "arbetsdag" | "arbetsdagar" => {
                (ServiceTarget::WorkingDays, Self::MAX_WORKING_DAYS)
            }
            other => {
                let hint = match other {
                    "" => "; the unit is missing",
                    "day" | "days" | "dag" | "dagar" => {
                        "; calendar days are not supported, write `working days`"
                    }
                    "week" | "weeks" | "vecka" | "veckor" => {
                        "; write weeks as working days, e.g. `5 working days`"
                    }
                    _ => "",
                };
                return Err(ServiceTargetError::UnknownUnit {
                    input: input.to_owned(),
                    unit: unit.trim().to_owned(),
                    hint,
                });
            }
        };
        match u32::try_from(n) {
            Ok(n) if (1..=max).contains(&n) => Ok(make(n)),
            _ => Err(ServiceTargetError::OutOfRange {
                input: input.to_owned(),
                max,
            }),
        }
    }
}

impl fmt::Display for ServiceTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, one, many) = match *self {
            ServiceTarget::Minutes(n) => (n, "minute", "minutes"),
            ServiceTarget::Hours(n) => (n, "hour", "hours"),
            ServiceTarget::WorkingDays(n) => (n, "working day", "working days"),
        };
        write!(f, "{n} {}", if n == 1 { one } else { many })
    }
}

impl Serialize for ServiceTarget {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ServiceTarget {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_english_and_swedish() {
        let cases = [
            ("5 minutes", ServiceTarget::Minutes(5)),
            ("30 min", ServiceTarget::Minutes(30)),
            ("30min", ServiceTarget::Minutes(30)),
            ("1 minute", ServiceTarget::Minutes(1)),
            ("4 hours", ServiceTarget::Hours(4)),
            ("2 h", ServiceTarget::Hours(2)),
            ("1 working day", ServiceTarget::WorkingDays(1)),
            ("2 working days", ServiceTarget::WorkingDays(2)),
            ("  2  Working   Days ", ServiceTarget::WorkingDays(2)),
            ("2 arbetsdagar", ServiceTarget::WorkingDays(2)),
            ("3 timmar", ServiceTarget::Hours(3)),
            ("10 minuter", ServiceTarget::Minutes(10)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<ServiceTarget>(), Ok(want), "{text}");
        }
    }

    #[test]
    fn displays_canonically() {
        assert_eq!(ServiceTarget::Minutes(1).to_string(), "1 minute");
        assert_eq!(ServiceTarget::Minutes(30).to_string(), "30 minutes");
        assert_eq!(ServiceTarget::Hours(4).to_string(), "4 hours");
        assert_eq!(ServiceTarget::WorkingDays(1).to_string(), "1 working day");
        assert_eq!(ServiceTarget::WorkingDays(2).to_string(), "2 working days");
    }
}
