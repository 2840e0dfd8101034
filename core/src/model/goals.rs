//! The `[goals]` table of `municipality.toml`: the service goals the
//! statistics report measures against.

use serde::{Deserialize, Serialize};

/// The municipality's service goals, read from the optional `[goals]` table
/// of `municipality.toml`. Every key is optional; shares are fractions from
/// 0 to 1.
///
/// ```toml
/// [goals]
/// first_line_share = 0.8     # Luleå Direkt's goal for 2016
/// simple_share_min = 0.6
/// simple_share_max = 0.8
/// within_target_share = 0.9
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawGoals")]
pub struct Goals {
    /// Share of enquiries to be answered at the first line without being
    /// passed on (default 0.7, Luleå Direkt's first goal, for 2014).
    pub first_line_share: f64,
    /// Lowest expected share of simple enquiries, ROSA levels 1–2 (default
    /// 0.6: the seeds expect 60–80 %).
    pub simple_share_min: f64,
    /// Highest expected share of simple enquiries (default 0.8).
    pub simple_share_max: f64,
    /// Share of enquiries to be answered within their channel's service
    /// target (default 0.9, like Luleå's telephone goals).
    pub within_target_share: f64,
}

impl Goals {
    /// Default [`Goals::first_line_share`].
    pub const DEFAULT_FIRST_LINE_SHARE: f64 = 0.7;
    /// Default [`Goals::simple_share_min`].
    pub const DEFAULT_SIMPLE_SHARE_MIN: f64 = 0.6;
    /// Default [`Goals::simple_share_max`].
    pub const DEFAULT_SIMPLE_SHARE_MAX: f64 = 0.8;
    /// Default [`Goals::within_target_share`].
    pub const DEFAULT_WITHIN_TARGET_SHARE: f64 = 0.9;
}

impl Default for Goals {
    fn default() -> Self {
        Goals {
            first_line_share: Self::DEFAULT_FIRST_LINE_SHARE,
            simple_share_min: Self::DEFAULT_SIMPLE_SHARE_MIN,
            simple_share_max: Self::DEFAULT_SIMPLE_SHARE_MAX,
            within_target_share: Self::DEFAULT_WITHIN_TARGET_SHARE,
        }
    }
}

/// `[goals]` as written, before the range checks.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawGoals {
    first_line_share: Option<f64>,
    simple_share_min: Option<f64>,
    simple_share_max: Option<f64>,
    within_target_share: Option<f64>,
}

impl From<Goals> for RawGoals {
    fn from(g: Goals) -> Self {
        RawGoals {
            first_line_share: Some(g.first_line_share),
            simple_share_min: Some(g.simple_share_min),
            simple_share_max: Some(g.simple_share_max),
            within_target_share: Some(g.within_target_share),
        }
    }
}

impl TryFrom<RawGoals> for Goals {
    type Error = String;

    fn try_from(raw: RawGoals) -> Result<Self, String> {
        let d = Goals::default();
        let goals = Goals {
            first_line_share: raw.first_line_share.unwrap_or(d.first_line_share),
            simple_share_min: raw.simple_share_min.unwrap_or(d.simple_share_min),
            simple_share_max: raw.simple_share_max.unwrap_or(d.simple_share_max),
            within_target_share: raw.within_target_share.unwrap_or(d.within_target_share),
        };
        for (key, value) in [
            ("first_line_share", goals.first_line_share),
            ("simple_share_min", goals.simple_share_min),
            ("simple_share_max", goals.simple_share_max),
            ("within_target_share", goals.within_target_share),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!(
                    "goals.{key} is {value}: write a share from 0 to 1 (0.8 for 80 %)"
                ));
            }
        }
        if goals.simple_share_min > goals.simple_share_max {
            return Err(format!(
                "goals.simple_share_min ({}) is above goals.simple_share_max ({})",
                goals.simple_share_min, goals.simple_share_max
            ));
        }
        Ok(goals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        goals: Goals,
    }

    fn parse(text: &str) -> Result<Goals, String> {
        toml::from_str::<File>(text)
            .map(|f| f.goals)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn absent_keys_take_the_documented_defaults() {
        assert_eq!(parse(""), Ok(Goals::default()));
        let g = parse("[goals]\nfirst_line_share = 0.8\n");
        assert_eq!(
            g,
            Ok(Goals {
                first_line_share: 0.8,
                ..Goals::default()
            })
        );
    }

    #[test]
    fn shares_out_of_range_and_crossed_bounds_are_rejected() {
        let e = parse("[goals]\nfirst_line_share = 80\n").unwrap_err();
        assert!(e.contains("goals.first_line_share is 80"), "{e}");
        let e = parse("[goals]\nsimple_share_min = 0.9\n").unwrap_err();
        assert!(e.contains("above goals.simple_share_max"), "{e}");
        let e = parse("[goals]\nfirst_line = 0.8\n").unwrap_err();
        assert!(e.contains("unknown field"), "{e}");
    }
}
