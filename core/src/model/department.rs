//! `departments/<id>.toml`: one department, its units, enquiry types and
//! test cases.

use serde::Deserialize;

use super::{Channel, EscalationStep, Frequency, Spanned, Targets, Term};
use crate::calendar::OpeningHours;
use crate::decision::TermKind;
use crate::text::Language;

/// The whole of a department file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFile {
    /// Who the department is.
    pub department: DepartmentInfo,
    /// Its units (`[[unit]]`).
    #[serde(default, rename = "unit")]
    pub units: Vec<UnitDef>,
    /// Service targets overriding the municipality's (`[targets]`).
    #[serde(default)]
    pub targets: Targets,
    /// Escalation steps for its types, replacing the municipality's
    /// (`[[escalation]]`; an empty list turns escalation off).
    #[serde(default)]
    pub escalation: Option<Vec<EscalationStep>>,
    /// Its enquiry types (`[[type]]`).
    #[serde(default, rename = "type")]
    pub types: Vec<EnquiryTypeDef>,
    /// Its test cases (`[[test]]`).
    #[serde(default, rename = "test")]
    pub tests: Vec<TestCaseDef>,
}

/// The `[department]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentInfo {
    /// Stable id (`teknik`).
    pub id: Spanned<String>,
    /// Name (`Tekniska förvaltningen`).
    pub name: String,
    /// Who keeps this file up to date (a role, not a person).
    #[serde(default)]
    pub owner: Option<String>,
}

/// A `[[unit]]`: a unit that handles enquiries.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// Id, unique in the whole rule set (`teknik-gata`).
    pub id: Spanned<String>,
    /// Name (`Gata och park`).
    pub name: String,
    /// The unit's opening hours; the municipality's `[opening_hours]` when
    /// absent.
    #[serde(default)]
    pub opening_hours: Option<OpeningHours>,
}

/// A `[[type]]`: one kind of enquiry, how it is recognised and who owns it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnquiryTypeDef {
    /// Id, unique in the whole rule set (`snorojning`).
    pub id: Spanned<String>,
    /// Swedish name (`Snöröjning`).
    pub name: String,
    /// ROSA level, 1–6.
    pub level: Spanned<i64>,
    /// The owning unit, one of the department's units.
    pub unit: Spanned<String>,
    /// Expected frequency (default `monthly`).
    #[serde(default = "default_frequency")]
    pub frequency: Frequency,
    /// Overrides the policy: `true` sends a level 1–4 type to the first line
    /// whatever its frequency, `false` keeps it at the department.
    #[serde(default)]
    pub first_line: Option<Spanned<bool>>,
    /// Whether enquiries of this type are covered by secrecy.
    #[serde(default)]
    pub confidential: bool,
    /// The law behind the secrecy or the decision (`OSL 26 kap. 1 §`).
    #[serde(default)]
    pub legal_reference: Option<String>,
    /// E-service form codes that select this type exactly.
    #[serde(default)]
    pub form_codes: Vec<Spanned<String>>,
    /// Swedish keywords (default weight 1.0), stemmed with the Swedish
    /// stemmer.
    #[serde(default)]
    pub keywords: Vec<Term>,
    /// Swedish phrases (default weight 2.0).
    #[serde(default)]
    pub phrases: Vec<Term>,
    /// English keywords (default weight 1.0), stemmed with the English
    /// stemmer.
    #[serde(default)]
    pub keywords_en: Vec<Term>,
    /// English phrases (default weight 2.0).
    #[serde(default)]
    pub phrases_en: Vec<Term>,
    /// Words that rule this type out when present (either language).
    #[serde(default)]
    pub negative: Vec<Spanned<String>>,
    /// Only recognise this type on these channels; every channel when empty.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Values the host system needs, passed through unchanged in the
    /// decision (a Platina case type, a business code).
    #[serde(default)]
    pub external: serde_json::Map<String, serde_json::Value>,
    /// Service targets overriding the department's and municipality's.
    #[serde(default)]
    pub targets: Targets,
    /// Escalation steps after the owning unit, replacing the department's
    /// and municipality's (an empty list turns escalation off).
    #[serde(default)]
    pub escalation: Option<Vec<EscalationStep>>,
    /// A duty service that takes the enquiry first when it arrives while
    /// its first handler is closed, and that service's target
    /// (`{ unit = "socialjour", within = "15 minutes" }`): for urgent types
    /// that must not wait for the next working day.
    #[serde(default)]
    pub out_of_hours: Option<EscalationStep>,
}

impl EnquiryTypeDef {
    /// Its four term lists, each with the language its terms are stemmed in
    /// and their kind: `keywords` and `phrases` (Swedish), `keywords_en`
    /// and `phrases_en` (English).
    pub fn term_lists(&self) -> [(&[Term], Language, TermKind); 4] {
        [
            (&self.keywords, Language::Swedish, TermKind::Keyword),
            (&self.phrases, Language::Swedish, TermKind::Phrase),
            (&self.keywords_en, Language::English, TermKind::Keyword),
            (&self.phrases_en, Language::English, TermKind::Phrase),
        ]
    }
}

fn default_frequency() -> Frequency {
    Frequency::Monthly
}

/// A `[[test]]` case: an enquiry and what its decision must say.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCaseDef {
    /// The case's name, unique in its file (`snow-clearing-question`).
    pub name: Spanned<String>,
    /// The enquiry text.
    #[serde(default)]
    pub text: Option<String>,
    /// The e-service form code.
    #[serde(default)]
    pub form: Option<String>,
    /// The channel.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// When the enquiry arrived, RFC 3339 with an offset
    /// (`"2027-03-29T10:00:00+02:00"`); deadlines count from it. Without
    /// it the case arrives on an ordinary working morning
    /// ([`crate::testing::TestCase::ordinary_morning`]).
    #[serde(default)]
    pub received_at: Option<Spanned<String>>,
    /// What the decision must say; fields left out are not checked.
    pub expect: Expect,
}

/// The expected outcome of a test case.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The enquiry type id.
    #[serde(default, rename = "type")]
    pub enquiry_type: Option<Spanned<String>>,
    /// The department id.
    #[serde(default)]
    pub department: Option<Spanned<String>>,
    /// The owning unit id.
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// The unit that takes the enquiry first.
    #[serde(default)]
    pub handler: Option<Spanned<String>>,
    /// The ROSA level.
    #[serde(default)]
    pub level: Option<u8>,
    /// Whether the first line handles it.
    #[serde(default)]
    pub first_line: Option<bool>,
    /// Whether it is confidential.
    #[serde(default)]
    pub confidential: Option<bool>,
    /// Whether a type was recognised.
    #[serde(default)]
    pub matched: Option<bool>,
    /// When the first step of the path is due, RFC 3339 with an offset;
    /// needs the case's `received_at`.
    #[serde(default)]
    pub first_due: Option<Spanned<String>>,
}
