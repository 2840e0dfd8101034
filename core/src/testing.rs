//! The `[[test]]` cases that department files carry, and running them.
//!
//! Each department keeps the quality responsibility for the enquiries the
//! first line handles on its behalf; its test cases are how it checks that
//! its rules route what it means them to. `cargo test` and `kommunlots test`
//! both run them, and name a failing case `departments/<file>.toml/<case>`.

use std::fmt;

use jiff::Timestamp;
use serde::Serialize;

use crate::decision::{Decision, Enquiry};
use crate::model::TestCaseDef;
use crate::rfc3339::LocalTime;
use crate::router::{Router, WhyNot};

/// One test case of a department file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestCase {
    /// The file it is in (`departments/teknik.toml`).
    pub file: String,
    /// Its name (`snow-clearing-question`).
    pub name: String,
    /// 1-based line of the case in its file.
    pub line: usize,
    /// The enquiry it routes.
    pub enquiry: Enquiry,
    /// What the decision must say.
    pub expect: Expectation,
}

/// What a test case expects; fields that are `None` are not checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Expectation {
    /// The enquiry type id.
    pub enquiry_type: Option<String>,
    /// The department id.
    pub department: Option<String>,
    /// The owning unit id.
    pub unit: Option<String>,
    /// The first handler's unit id.
    pub handler: Option<String>,
    /// The ROSA level.
    pub level: Option<u8>,
    /// Whether the first line handles it.
    pub first_line: Option<bool>,
    /// Whether it is confidential.
    pub confidential: Option<bool>,
    /// Whether a type was recognised.
    pub matched: Option<bool>,
    /// When the path's first step is due (RFC 3339), compared as an
    /// instant: `…T09:15:00Z` and `…T10:15:00+01:00` are the same.
    pub first_due: Option<String>,
}

/// One field where a decision differs from a test case's expectation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The field (`type`, `department`, `level`, …).
    pub field: &'static str,
    /// What the case expects.
    pub expected: String,
    /// What the decision says.
    pub got: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.field, self.expected, self.got
        )
    }
}

impl TestCase {
    pub(crate) fn from_def(file: &str, def: &TestCaseDef, line: usize) -> TestCase {
        let e = &def.expect;
        let owned = |s: &Option<toml::Spanned<String>>| s.as_ref().map(|s| s.get_ref().clone());
        TestCase {
            file: file.to_owned(),
            name: def.name.get_ref().clone(),
            line,
            enquiry: Enquiry {
                id: Some(crate::decision::EnquiryId::Text(def.name.get_ref().clone())),
                channel: def.channel,
                text: def.text.clone(),
                form: def.form.clone(),
                // Validation has checked that it parses.
                received_at: def
                    .received_at
                    .as_ref()
                    .and_then(|t| t.get_ref().parse().ok()),
                ..Enquiry::default()
            },
            expect: Expectation {
                enquiry_type: owned(&e.enquiry_type),
                department: owned(&e.department),
                unit: owned(&e.unit),
                handler: owned(&e.handler),
                level: e.level,
                first_line: e.first_line,
                confidential: e.confidential,
                matched: e.matched,
                first_due: owned(&e.first_due),
            },
        }
    }

    /// When a case without `received_at` arrives: Tuesday 16 March 2027 at
    /// 10:00 in the municipality's time zone, an ordinary working morning.
    /// Routed at the real time instead, a type with a duty service
    /// (`out_of_hours`) would pass its test by day and fail it at night.
    pub fn ordinary_morning(router: &Router) -> Timestamp {
        jiff::civil::date(2027, 3, 16)
            .at(10, 0, 0, 0)
            .to_zoned(router.calendar().time_zone().clone())
            .map_or(Timestamp::constant(1_805_187_600, 0), |z| z.timestamp())
    }

    /// The case's full name, `departments/teknik.toml/snow-clearing-question`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.file, self.name)
    }

    /// Routes the case's enquiry and compares the decision with the
    /// expectation. Returns the decision and every mismatch (none when the
    /// case passes). A case without `received_at` arrives at
    /// [`TestCase::ordinary_morning`], so that its result does not depend on
    /// when the tests run.
    pub fn run(&self, router: &Router) -> (Decision, Vec<Mismatch>) {
        let decision = router.route_at(&self.enquiry, Self::ordinary_morning(router));
        let mismatches = self.expect.compare(&decision);
        (decision, mismatches)
    }

    /// When the case expects a type that `decision` (from
    /// [`TestCase::run`]) does not have: why the enquiry did not go to it
    /// ([`Router::why_not`]), for the failure report. `None` otherwise.
    pub fn why_not(&self, router: &Router, decision: &Decision) -> Option<WhyNot> {
        let expected = self.expect.enquiry_type.as_deref()?;
        if decision.enquiry_type.as_deref() == Some(expected) {
            return None;
        }
        router.why_not(&self.enquiry, expected)
    }
}

impl Expectation {
    /// Every field where `decision` differs from the expectation.
    pub fn compare(&self, decision: &Decision) -> Vec<Mismatch> {
        let mut out = Vec::new();
        let mut check = |field: &'static str, expected: Option<String>, got: String| {
            if let Some(expected) = expected
                && expected != got
            {
                out.push(Mismatch {
                    field,
                    expected,
                    got,
                });
            }
        };
        let show = |s: Option<&str>| s.map_or_else(|| "none".to_owned(), |s| format!("`{s}`"));
        let quote = |s: &Option<String>| s.as_deref().map(|s| format!("`{s}`"));
        check(
            "type",
            quote(&self.enquiry_type),
            show(decision.enquiry_type.as_deref()),
        );
        check(
            "department",
            quote(&self.department),
            show(Some(&decision.department)),
        );
        check("unit", quote(&self.unit), show(Some(&decision.unit)));
        check(
            "handler",
            quote(&self.handler),
            show(Some(&decision.handler)),
        );
        check(
            "level",
            self.level.map(|l| l.to_string()),
            decision
                .rosa_level
                .map_or_else(|| "none".to_owned(), |l| l.to_string()),
        );
        check(
            "first_line",
            self.first_line.map(|b| b.to_string()),
            decision.first_line.to_string(),
        );
        check(
            "confidential",
            self.confidential.map(|b| b.to_string()),
            decision.confidential.to_string(),
        );
        check(
            "matched",
            self.matched.map(|b| b.to_string()),
            decision.matched.to_string(),
        );
        let due = decision.path.first().and_then(|s| s.due);
        if let Some(expected) = &self.first_due
            && !same_instant(expected, due)
        {
            out.push(Mismatch {
                field: "first_due",
                expected: format!("`{expected}`"),
                got: due.map_or_else(|| "none".to_owned(), |d| format!("`{d}`")),
            });
        }
        if !out.is_empty() && decision.enquiry_type.is_none() {
            let alternatives: Vec<String> = decision
                .candidates
                .iter()
                .map(|c| {
                    if c.terms.iter().any(|t| t.near_spelling) {
                        format!("{} (near spelling)", c.enquiry_type)
                    } else {
                        format!("{} ({})", c.enquiry_type, c.score)
                    }
                })
                .collect();
            if !alternatives.is_empty() {
                out.push(Mismatch {
                    field: "candidates",
                    expected: "one clear type".to_owned(),
                    got: alternatives.join(", "),
                });
            }
        }
        out
    }
}

/// Whether an RFC 3339 time is the instant `got` (`None`: no time).
fn same_instant(expected: &str, got: Option<LocalTime>) -> bool {
    match (expected.parse::<jiff::Timestamp>(), got) {
        (Ok(a), Some(b)) => a == b.timestamp(),
        _ => false,
    }
}
