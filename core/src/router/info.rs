//! What a router tells about its rules without routing: the enquiry
//! types ([`EnquiryTypeInfo`]), the departments, and the terms each type
//! is searched by ([`TermInfo`]).

use super::{CompiledType, Router};
use crate::decision::TermKind;
use crate::matcher::TermRef;
use crate::text::{Language, SearchPattern, exact_pattern, search_pattern};

/// One enquiry type as [`Router::enquiry_types`] lists it.
///
/// Serialises with the field names of [`crate::Decision`] (`rosa_level`,
/// `department_name`, `first_line`): the list the WASM binding's
/// `enquiryTypes()` returns, from which a web form builds its categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EnquiryTypeInfo<'a> {
    /// The type's id (`snorojning`).
    pub id: &'a str,
    /// Its Swedish name.
    pub name: &'a str,
    /// The owning department's id.
    pub department: &'a str,
    /// The owning department's name.
    pub department_name: &'a str,
    /// The owning unit's id.
    pub unit: &'a str,
    /// The ROSA level, 1–6.
    #[serde(rename = "rosa_level")]
    pub level: u8,
    /// Whether the ROSA policy sends it to the first line.
    pub first_line: bool,
    /// Whether it is covered by secrecy.
    pub confidential: bool,
    /// The e-service form codes that select it, upper-cased.
    pub form_codes: &'a [Box<str>],
    /// The law behind its secrecy or decision (`OSL 26 kap. 1 §`).
    pub legal_reference: Option<&'a str>,
    /// The values for the host system from its `external` table (Platina
    /// case type, business code...), exactly as a decision carries them.
    pub external: &'a serde_json::Map<String, serde_json::Value>,
}

/// A rule term of an enquiry type as the router uses it: what is searched
/// for, and what finding it is worth (from [`Router::terms`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct TermInfo<'a> {
    /// The term as written in the rule file.
    pub term: &'a str,
    /// Keyword or phrase.
    pub kind: TermKind,
    /// The language it is stemmed in. A negative word is tried in both,
    /// and listed for each language that gives it another stem.
    pub language: Language,
    /// What it adds to the type's score (its `weight`, else 1 for a
    /// keyword and 2 for a phrase; 0 for a negative word).
    pub weight: f64,
    /// Whether it is a negative word, which rules the type out.
    pub negative: bool,
    /// Whether it is matched as written, each word whole (`exact = true`).
    pub exact: bool,
    /// How many other words may stand between two of its words (its
    /// `gap`; 0 when not given).
    pub gap: u8,
    /// How it is searched for.
    pub pattern: SearchPattern,
    /// How it is also searched for in a text typed without `å`, `ä` and
    /// `ö` (rules/README.md, "Text typed without å, ä and ö"): `None` for
    /// a term without those letters, a one-word term of fewer than
    /// [`crate::COMPOUND_MIN_CHARS`] letters (unless its rule sets
    /// `plain = true`: then the whole word as written, ending with a
    /// space), a term whose rule sets `plain = false`, or one whose plain
    /// spelling is how another term is written.
    pub plain: Option<SearchPattern>,
}

impl Router {
    /// Every enquiry type, in rule-file order.
    pub fn enquiry_types(&self) -> impl Iterator<Item = EnquiryTypeInfo<'_>> {
        self.types.iter().map(|t| self.type_info(t))
    }

    /// The terms of the enquiry type `type_id`, in rule-file order, each
    /// with the stems it is searched by; `None` for an unknown type. A term
    /// whose stems repeat an earlier one of the same type is left out, as
    /// the router leaves it out.
    ///
    /// Each term's [`TermInfo::plain`] comes from the automaton of the
    /// terms' plain spellings, which the first call builds if no text typed
    /// without `å`, `ä` and `ö` has yet (once per router; about 0.8 ms on
    /// Klippan).
    pub fn terms(&self, type_id: &str) -> Option<impl Iterator<Item = TermInfo<'_>>> {
        let ty_index = *self.type_index.get(type_id)?;
        let ty = &self.types[ty_index];
        Some(ty.terms.iter().zip(0..).filter_map(move |(t, term)| {
            let pattern = if t.exact {
                exact_pattern(&t.text)?
            } else {
                search_pattern(&t.text, t.language)?
            };
            let term_ref = TermRef {
                ty: u32::try_from(ty_index).ok()?,
                term,
            };
            let plain = self.matcher.plain_pattern(term_ref);
            Some(TermInfo {
                term: &t.text,
                kind: t.kind,
                language: t.language,
                weight: t.weight,
                negative: t.negative,
                exact: t.exact,
                gap: t.gap,
                pattern,
                plain,
            })
        }))
    }

    /// The enquiry type an e-service form code selects (case-insensitive,
    /// surrounding spaces ignored), without routing anything: for a form
    /// that wants to show the type as soon as a category is picked.
    pub fn enquiry_type_for_form(&self, code: &str) -> Option<EnquiryTypeInfo<'_>> {
        self.form_type(code).map(|t| self.type_info(&self.types[t]))
    }

    fn type_info<'a>(&'a self, t: &'a CompiledType) -> EnquiryTypeInfo<'a> {
        EnquiryTypeInfo {
            id: &t.id,
            name: &t.name,
            department: &self.departments[t.department].id,
            department_name: &self.departments[t.department].name,
            unit: &self.units[t.unit].id,
            level: t.level,
            first_line: t.step.is_first_line(),
            confidential: t.confidential,
            form_codes: &t.form_codes,
            legal_reference: t.legal_reference.as_deref(),
            external: &t.external,
        }
    }

    /// Every department as (id, name), in rule-file order. The first line
    /// (the department of unmatched decisions) is not listed.
    pub fn departments(&self) -> impl Iterator<Item = (&str, &str)> {
        self.departments.iter().map(|d| (&*d.id, &*d.name))
    }
}
