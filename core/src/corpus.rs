//! A corpus of labelled enquiries: real enquiries, each with the department
//! (and perhaps the type, the ROSA level, and whether the first line
//! handles it) it should reach, one JSON object a line:
//!
//! ```json
//! {"text": "Varför har ni inte plogat Storgatan?", "channel": "email", "department": "teknik", "type": "snorojning"}
//! ```
//!
//! A rule owner routes it after every change to the rules, to see that an
//! enquiry that reached its department before still does
//! (`kommunlots test DIR --corpus FILE`). The `[[test]]` cases hold what
//! each rule is for; a corpus holds what the citizens really write.
//!
//! An enquiry the rules cannot yet route right is marked `known_miss`, with
//! the reason. It must still miss: the day a change fixes it, the check
//! says so, and the mark should go, so that the enquiry guards the fix.

use serde::{Deserialize, Serialize};

use crate::decision::{Decision, Enquiry, EnquiryId};
use crate::json::EnquiryError;
use crate::model::Channel;
use crate::router::{Router, WhyNot};

/// One line of a corpus: an enquiry and where it should go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LabelledEnquiry {
    /// The text, as the citizen wrote it.
    #[serde(default)]
    pub text: Option<String>,
    /// The channel it came by.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The e-service form code, if it came through a form.
    #[serde(default)]
    pub form: Option<String>,
    /// The department it should reach: the first line's id (Klippan:
    /// `kundtjanst`) for an enquiry that no type should claim.
    pub department: String,
    /// The type it should reach, where the keeper of the corpus knows it.
    #[serde(default, rename = "type")]
    pub enquiry_type: Option<String>,
    /// The ROSA level (1–6) it should have, where the keeper knows it but
    /// perhaps not the type: a service manager's "this is a decision".
    #[serde(default)]
    pub level: Option<u8>,
    /// Whether the first-line customer service should handle it, where
    /// the keeper knows: what the ROSA policy should make of it.
    #[serde(default)]
    pub first_line: Option<bool>,
    /// Why the rules do not yet route it right: it is expected to miss.
    #[serde(default)]
    pub known_miss: Option<String>,
    /// The keeper's own id for it, echoed in the decision.
    #[serde(default)]
    pub id: Option<EnquiryId>,
    /// The keeper's note: where it came from, or when.
    #[serde(default)]
    pub note: Option<String>,
    /// The round of writing it came in (Klippan's corpus numbers them).
    #[serde(default)]
    pub round: Option<u32>,
}

/// What came of one labelled enquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// It reached its department (and its type, level and first line,
    /// where they are given).
    Right,
    /// It did not, and it is not a known miss: something to fix.
    Wrong,
    /// It did not, as its `known_miss` says.
    KnownMiss,
    /// It is marked `known_miss` but reached its department: remove the
    /// mark, so that it guards the fix.
    FixedKnownMiss,
}

impl Verdict {
    /// Whether the corpus check fails on it (wrong, or a known miss fixed).
    pub fn fails(self) -> bool {
        matches!(self, Verdict::Wrong | Verdict::FixedKnownMiss)
    }
}

/// A labelled enquiry routed: its decision, the verdict, and, when it did
/// not reach the type it names, why not.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Checked {
    /// Its decision.
    pub decision: Decision,
    /// What came of it.
    pub verdict: Verdict,
    /// Why the enquiry did not go to the type it names (when it did not;
    /// `None` where that type was chosen and a level or first line the
    /// line names missed).
    pub why_not: Option<WhyNot>,
}

impl LabelledEnquiry {
    /// Reads one line of a corpus.
    ///
    /// # Errors
    ///
    /// What is wrong, and at which column, when the line is not such an
    /// object (an unknown key, a missing `department`, a channel that does
    /// not exist).
    pub fn from_json(line: &str) -> Result<LabelledEnquiry, EnquiryError> {
        serde_json::from_str(line).map_err(|e| EnquiryError::from_json(&e, line))
    }

    /// The enquiry to route.
    pub fn enquiry(&self) -> Enquiry {
        Enquiry {
            id: self.id.clone(),
            channel: self.channel,
            text: self.text.clone(),
            form: self.form.clone(),
            ..Enquiry::default()
        }
    }

    /// Whether `decision` is where this enquiry should go: its department,
    /// and its type, level and first line where they are given.
    pub fn reached_by(&self, decision: &Decision) -> bool {
        *decision.department == *self.department
            && self
                .enquiry_type
                .as_deref()
                .is_none_or(|t| decision.enquiry_type.as_deref() == Some(t))
            && self.level.is_none_or(|l| decision.rosa_level == Some(l))
            && self.first_line.is_none_or(|f| decision.first_line == f)
    }
}

impl Router {
    /// What is wrong with the labels of `labelled`, if anything: a
    /// department or a type this rule set does not have, with the nearest
    /// one it has ("did you mean"), or a level outside 1–6. The first
    /// line's department counts.
    pub fn label_error(&self, labelled: &LabelledEnquiry) -> Option<String> {
        if let Some(level) = labelled.level.filter(|l| !(1..=6).contains(l)) {
            return Some(format!("level {level} is outside the ROSA levels 1–6"));
        }
        let mut departments: Vec<&str> = self.departments().map(|(id, _)| id).collect();
        departments.push(&self.first_line.id);
        let types: Vec<&str> = self.types.iter().map(|t| &*t.id).collect();
        let unknown = |what: &str, value: &str, known: &[&str]| {
            let hint = crate::load::suggest(value, known)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            format!("unknown {what} `{value}`{hint}")
        };
        if !departments.contains(&labelled.department.as_str()) {
            return Some(unknown("department", &labelled.department, &departments));
        }
        let ty = labelled.enquiry_type.as_deref()?;
        (!types.contains(&ty)).then(|| unknown("type", ty, &types))
    }

    /// Routes a labelled enquiry, without deadlines (a corpus has no
    /// clock), and judges the decision against its labels.
    pub fn check_labelled(&self, labelled: &LabelledEnquiry) -> Checked {
        let enquiry = labelled.enquiry();
        let decision = self.route_inner(&enquiry, None);
        let right = labelled.reached_by(&decision);
        let verdict = match (right, labelled.known_miss.is_some()) {
            (true, false) => Verdict::Right,
            (false, false) => Verdict::Wrong,
            (false, true) => Verdict::KnownMiss,
            (true, true) => Verdict::FixedKnownMiss,
        };
        // Why not the type it names, unless that type was chosen (and a
        // level or the first line it names was what missed).
        let ty = labelled.enquiry_type.as_deref();
        let why_not = if right || decision.enquiry_type.as_deref() == ty {
            None
        } else {
            ty.and_then(|ty| self.why_not(&enquiry, ty))
        };
        Checked {
            decision,
            verdict,
            why_not,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_with_its_labels_and_rejects_unknown_keys() {
        let l = LabelledEnquiry::from_json(
            r#"{"round": 3, "text": "Snö?", "channel": "email", "department": "teknik", "type": "snorojning"}"#,
        );
        let l = l.unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(l.department, "teknik");
        assert_eq!(l.enquiry_type.as_deref(), Some("snorojning"));
        assert_eq!(l.enquiry().channel, Some(Channel::Email));
        let e = LabelledEnquiry::from_json(r#"{"text": "x", "departement": "teknik"}"#);
        let e = e.err().map(|e| (e.message, e.column)).unwrap_or_default();
        assert!(e.0.starts_with("unknown field `departement`"), "{e:?}");
        assert_eq!(e.1, 27);
        let e = LabelledEnquiry::from_json(r#"{"text": "x"}"#).err();
        let e = e.map(|e| e.message).unwrap_or_default();
        assert!(e.starts_with("missing field `department`"), "{e}");
    }

    #[test]
    fn an_unknown_department_or_type_is_named_with_the_nearest() {
        let router = Router::from_dir("../rules/klippan").unwrap_or_else(|e| unreachable!("{e}"));
        let line =
            |json: &str| LabelledEnquiry::from_json(json).unwrap_or_else(|e| unreachable!("{e}"));
        let error = |json: &str| router.label_error(&line(json));
        assert_eq!(
            error(r#"{"text": "x", "department": "tekink"}"#).as_deref(),
            Some("unknown department `tekink`; did you mean `teknik`?")
        );
        assert_eq!(
            error(r#"{"text": "x", "department": "teknik", "type": "snoröjning"}"#).as_deref(),
            Some("unknown type `snoröjning`; did you mean `snorojning`?")
        );
        assert_eq!(error(r#"{"text": "x", "department": "kundtjanst"}"#), None);
        assert_eq!(
            error(r#"{"text": "x", "department": "teknik", "type": "snorojning"}"#),
            None
        );
    }

    #[test]
    fn a_level_or_first_line_label_must_be_met_too() {
        let router = Router::from_dir("../rules/klippan").unwrap_or_else(|e| unreachable!("{e}"));
        let line =
            |json: &str| LabelledEnquiry::from_json(json).unwrap_or_else(|e| unreachable!("{e}"));
        let verdict = |json: &str| router.check_labelled(&line(json)).verdict;
        // Snow clearing: level 1, handled by the first line.
        let snow = r#""text": "Varför har ni inte plogat Storgatan?", "department": "teknik""#;
        let right = format!(r#"{{{snow}, "level": 1, "first_line": true}}"#);
        assert_eq!(verdict(&right), Verdict::Right);
        let level = format!(r#"{{{snow}, "level": 5}}"#);
        assert_eq!(verdict(&level), Verdict::Wrong);
        let department = format!(r#"{{{snow}, "first_line": false}}"#);
        assert_eq!(verdict(&department), Verdict::Wrong);
        // The type it names was chosen: no "why not" for it.
        let typed = format!(r#"{{{snow}, "type": "snorojning", "level": 5}}"#);
        let checked = router.check_labelled(&line(&typed));
        assert_eq!((checked.verdict, checked.why_not), (Verdict::Wrong, None));
        let other = format!(r#"{{{snow}, "type": "gatubelysning", "level": 3}}"#);
        let why = router.check_labelled(&line(&other)).why_not;
        assert_eq!(why.map(|w| w.enquiry_type), Some("gatubelysning".into()));
        // An enquiry no type claims has no level.
        let none = r#"{"text": "Hej", "department": "kundtjanst", "level": 1}"#;
        assert_eq!(verdict(none), Verdict::Wrong);
        let bad = format!(r#"{{{snow}, "level": 7}}"#);
        assert_eq!(
            router.label_error(&line(&bad)).as_deref(),
            Some("level 7 is outside the ROSA levels 1–6")
        );
    }

    #[test]
    fn a_known_miss_that_misses_passes_and_one_that_reaches_fails() {
        assert!(!Verdict::Right.fails() && !Verdict::KnownMiss.fails());
        assert!(Verdict::Wrong.fails() && Verdict::FixedKnownMiss.fails());
    }
}
