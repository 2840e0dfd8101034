//! A recognition term: a keyword or phrase with an optional weight.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Spanned;
use crate::decision::TermKind;

/// A keyword or phrase that recognises an enquiry type, written either as a
/// plain string (`"bygglov"`, default weight) or as a table
/// (`{ term = "bygglov", weight = 2.0 }`, `{ term = "bok", exact = true }`,
/// `{ term = "open a café", gap = 1 }`, `{ term = "möss", plain = true }`).
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The word or words, as the rule owner wrote them.
    pub text: Spanned<String>,
    /// The weight, when one was given; the default depends on the list the
    /// term is in (1.0 for keywords, 2.0 for phrases).
    pub weight: Option<Spanned<f64>>,
    /// Whether its words match only as written, each a whole word: not
    /// stemmed, not inside compounds ([`crate::exact_pattern`]). For a
    /// short word whose stem starts other words (`bok`, stem of `boka`).
    pub exact: bool,
    /// How many other words may stand between two of its words
    /// ([`Term::MAX_GAP`] at most): with `gap = 1`, `open a café` also finds
    /// "opening a small café". None when not given (no word between).
    pub gap: Option<Spanned<i64>>,
    /// Whether the term is also searched written with `a` and `o` for
    /// `å`, `ä` and `ö` in a text typed without those letters; `None`
    /// when not given, and the matcher decides (rules/README.md, "Text
    /// typed without å, ä and ö"). `true` asks for it where the matcher
    /// would leave it out (a one-word term shorter than
    /// [`crate::COMPOUND_MIN_CHARS`] letters), as the whole word written
    /// (`råttor` plain is the word `rattor`, not the stem `ratt`); `false`
    /// turns it off, for a term whose plain spelling is another word
    /// (`inte tömt`, plain `inte tomt`).
    pub plain: Option<Spanned<bool>>,
}

impl Term {
    /// The largest `gap` a term may have.
    pub const MAX_GAP: i64 = 3;

    /// The most words a term with a `gap` may have: the matcher tries the
    /// places of its words one word after another, and a phrase longer
    /// than a sentence has no use for a gap.
    pub const MAX_GAP_WORDS: usize = 12;

    /// Its `plain` setting as the matcher uses it: `None` when not given.
    pub fn plain_setting(&self) -> Option<bool> {
        self.plain.as_ref().map(|p| *p.get_ref())
    }

    /// Its `gap` as the matcher uses it: 0 when not given or out of range
    /// (the check reports that).
    pub fn gap_words(&self) -> u8 {
        self.gap
            .as_ref()
            .and_then(|g| u8::try_from(*g.get_ref()).ok())
            .filter(|g| i64::from(*g) <= Self::MAX_GAP)
            .unwrap_or(0)
    }

    /// What finding the term adds to its type's score: its own weight, else
    /// the default of its list's `kind` (1 for a keyword, 2 for a phrase).
    pub fn weight_in(&self, kind: TermKind) -> f64 {
        self.weight.as_ref().map_or(
            match kind {
                TermKind::Keyword => 1.0,
                TermKind::Phrase => 2.0,
            },
            |w| *w.get_ref(),
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermTable {
    term: Spanned<String>,
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    exact: bool,
    gap: Option<Spanned<i64>>,
    plain: Option<Spanned<bool>>,
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `Spanned<T>` is itself a map in disguise, so a term is first read
        // as a spanned "string or table" and then split.
        struct TermVisitor;

        impl<'de> Visitor<'de> for TermVisitor {
            type Value = StringOrTable;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a table `{ term = \"…\", weight = 1.5 }`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOrTable::String(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                TermTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(StringOrTable::Table)
            }
        }

        enum StringOrTable {
            String(String),
            Table(TermTable),
        }

        impl<'de> Deserialize<'de> for StringOrTable {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(TermVisitor)
            }
        }

        let spanned = Spanned::<StringOrTable>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(match spanned.into_inner() {
            StringOrTable::String(s) => Term {
                text: Spanned::new(span, s),
                weight: None,
                exact: false,
                gap: None,
                plain: None,
            },
            StringOrTable::Table(t) => Term {
                text: t.term,
                weight: t.weight,
                exact: t.exact,
                gap: t.gap,
                plain: t.plain,
            },
        })
    }
}
