//! Why an enquiry did not go to a given type: for a rule owner whose test
//! case expects a type the router did not choose.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::{Router, scratch};
use crate::decision::{Enquiry, MatchStatus, MatchedTerm};
use crate::matcher::{TermRef, hidden_terms};
use crate::model::Channel;
use crate::text;

/// Why an enquiry went, or did not go, to one enquiry type
/// ([`Router::why_not`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WhyNot {
    /// The type asked about.
    pub enquiry_type: Arc<str>,
    /// Its score: the weights of its terms that counted.
    pub score: f64,
    /// Its terms found in the text that counted.
    pub terms: Vec<MatchedTerm>,
    /// Its terms found in the text that did not count, because each lies
    /// inside a longer term (of this type or another), which wins.
    pub hidden: Vec<HiddenTerm>,
    /// What decided.
    #[serde(flatten)]
    pub reason: WhyNotReason,
}

/// A type's term found inside a longer term, which counted instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HiddenTerm {
    /// The term, as written in the rule file.
    pub term: Arc<str>,
    /// The longer term it lies inside.
    pub inside: Arc<str>,
    /// The longer term's type.
    pub inside_type: Arc<str>,
}

/// What kept an enquiry from a type, or that nothing did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WhyNotReason {
    /// The type was chosen.
    Chosen,
    /// The enquiry's form code selects another type.
    OtherFormCode {
        /// The type the form code selects.
        selected: Arc<str>,
    },
    /// A negative word of the type is in the text.
    NegativeWord {
        /// The negative words found.
        words: Vec<Arc<str>>,
    },
    /// The type is not recognised on the enquiry's channel (its `channels`).
    Channel {
        /// The enquiry's channel.
        channel: Channel,
    },
    /// None of its terms counted.
    NoTerm {
        /// Its terms that a word of the text misses by one letter.
        near_spellings: Vec<Arc<str>>,
    },
    /// Its score is below the policy's `min_score`.
    BelowMinScore {
        /// The rule set's `min_score`.
        min_score: f64,
    },
    /// Other types scored too close to it to choose: the enquiry is
    /// ambiguous.
    TooClose {
        /// The close types, best first.
        close: Vec<Arc<str>>,
    },
    /// Another type scored higher.
    Outscored {
        /// The type that did.
        by: Arc<str>,
        /// Its score.
        by_score: f64,
    },
}

impl Router {
    /// Why `enquiry` went, or did not go, to the type `enquiry_type`: which
    /// of its terms were found, which lay inside longer terms, and what
    /// decided (a form code, a negative word, the channel, no term, too low
    /// a score, a close or a better type). `None` for an unknown type.
    ///
    /// ```
    /// use kommunlots::{Enquiry, Router, WhyNotReason};
    ///
    /// let router = Router::from_dir("../rules/klippan")?;
    /// let why = router
    ///     .why_not(&Enquiry::text("När kommer snöröjnigen?"), "snorojning")
    ///     .ok_or("Klippan has the type")?;
    /// assert!(matches!(why.reason, WhyNotReason::NoTerm { .. }));
    /// assert_eq!(why.to_string(), "no term of `snorojning` is in the text; one letter off: `snöröjning`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn why_not(&self, enquiry: &Enquiry, enquiry_type: &str) -> Option<WhyNot> {
        let ty_index = *self.type_index.get(enquiry_type)?;
        let ty = &self.types[ty_index];
        // No clock: deadlines play no part here.
        let decision = self.route_inner(enquiry, None);
        let mut why = WhyNot {
            enquiry_type: ty.id.clone(),
            score: 0.0,
            terms: Vec::new(),
            hidden: Vec::new(),
            reason: WhyNotReason::Chosen,
        };
        if let Some(selected) = enquiry.form.as_deref().and_then(|c| self.form_type(c)) {
            if selected != ty_index {
                why.reason = WhyNotReason::OtherFormCode {
                    selected: self.types[selected].id.clone(),
                };
            }
            return Some(why);
        }
        let index = u32::try_from(ty_index).ok()?;
        let text = enquiry.text.as_deref().unwrap_or("");
        let (mine, hidden, near, near_longer) = scratch::with_scratch(|s| {
            text::normalize_into(text, &mut s.normalized);
            let (_, near_longer) = self.find_scored(s, enquiry.channel);
            let mine: Vec<TermRef> = s.terms.iter().filter(|t| t.ty == index).copied().collect();
            let hidden = hidden_terms(&s.hits, &s.terms, index);
            let near = if mine.iter().all(|t| ty.terms[t.term as usize].negative) {
                let near = self.matcher.near(&s.normalized);
                near.into_iter().filter(|t| t.ty == index).collect()
            } else {
                Vec::new()
            };
            (mine, hidden, near, near_longer)
        });
        let (negative, counted): (Vec<TermRef>, Vec<TermRef>) = mine
            .into_iter()
            .partition(|t| ty.terms[t.term as usize].negative);
        why.terms = self.matched_terms(&counted, ty_index, &near_longer);
        // A fold from +0.0: `sum` of no weights is -0.0, which JSON shows.
        why.score = why.terms.iter().fold(0.0, |sum, t| sum + t.weight);
        why.hidden = hidden
            .iter()
            .map(|(term, cover)| HiddenTerm {
                term: ty.terms[term.term as usize].text.clone(),
                inside: self.types[cover.ty as usize].terms[cover.term as usize]
                    .text
                    .clone(),
                inside_type: self.types[cover.ty as usize].id.clone(),
            })
            .collect();
        let text_of = |t: &TermRef| ty.terms[t.term as usize].text.clone();
        why.reason = if decision.enquiry_type.as_deref() == Some(enquiry_type) {
            WhyNotReason::Chosen
        } else if !negative.is_empty() {
            let mut words: Vec<Arc<str>> = negative.iter().map(text_of).collect();
            words.dedup();
            WhyNotReason::NegativeWord { words }
        } else if let Some(channel) = enquiry.channel.filter(|&c| !ty.allows(Some(c))) {
            WhyNotReason::Channel { channel }
        } else if counted.is_empty() {
            WhyNotReason::NoTerm {
                near_spellings: near.iter().map(text_of).collect(),
            }
        } else if why.score < self.min_score {
            WhyNotReason::BelowMinScore {
                min_score: self.min_score,
            }
        } else if decision.status == MatchStatus::Ambiguous
            && decision.candidates.iter().any(|c| c.enquiry_type == ty.id)
        {
            let close = decision.candidates.iter();
            let close =
                close.filter(|c| c.enquiry_type != ty.id && self.too_close(why.score, c.score));
            WhyNotReason::TooClose {
                close: close.map(|c| c.enquiry_type.clone()).collect(),
            }
        } else {
            let best = decision.candidates.first();
            WhyNotReason::Outscored {
                by: best.map_or_else(|| decision.department.clone(), |c| c.enquiry_type.clone()),
                by_score: best.map_or(0.0, |c| c.score),
            }
        };
        Some(why)
    }
}

impl fmt::Display for WhyNot {
    /// One line in English for a rule owner, such as "`snorojning` scored
    /// 1 (`snö` 1), below min_score 1.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ty = &self.enquiry_type;
        let terms: Vec<String> = (self.terms.iter())
            .map(|t| {
                let near = if t.near_spelling {
                    ", one letter off"
                } else {
                    ""
                };
                format!("`{}` {}{near}", t.term, t.weight)
            })
            .collect();
        let scored = format!("`{ty}` scored {} ({})", self.score, terms.join(", "));
        match &self.reason {
            WhyNotReason::Chosen => write!(f, "`{ty}` was chosen")?,
            WhyNotReason::OtherFormCode { selected } => {
                write!(f, "the form code selects `{selected}`")?;
            }
            WhyNotReason::NegativeWord { words } => {
                write!(
                    f,
                    "`{ty}` is ruled out by its negative word {}",
                    quoted(words)
                )?;
            }
            WhyNotReason::Channel { channel } => {
                write!(
                    f,
                    "`{ty}` is not recognised on the channel {channel} (its `channels`)"
                )?;
            }
            WhyNotReason::NoTerm { near_spellings } => {
                write!(f, "no term of `{ty}` is in the text")?;
                if !near_spellings.is_empty() {
                    write!(f, "; one letter off: {}", quoted(near_spellings))?;
                }
            }
            WhyNotReason::BelowMinScore { min_score } => {
                write!(f, "{scored}, below min_score {min_score}")?;
            }
            WhyNotReason::TooClose { close } => {
                write!(f, "{scored}, too close to {} to choose", quoted(close))?;
            }
            WhyNotReason::Outscored { by, by_score } => {
                write!(f, "{scored}; `{by}` scored {by_score}")?;
            }
        }
        for h in &self.hidden {
            write!(
                f,
                "; `{}` lies inside `{}` of `{}`, and the longer term counts",
                h.term, h.inside, h.inside_type
            )?;
        }
        Ok(())
    }
}

/// `a`, `b` and `c`, each in backquotes.
fn quoted(items: &[Arc<str>]) -> String {
    let items: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}
