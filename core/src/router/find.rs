//! Finding an enquiry's terms and scoring its types: once as the text
//! reads, and a second time, typed without `å`, `ä` and `ö`, where that
//! chose no type and the text may have been typed so
//! ([`SECOND_LOOK_NOTE`]).

use super::Router;
use super::scratch::Scratch;
use crate::matcher::TermRef;
use crate::model::Channel;
use crate::text::Reading;

/// The trace's note when no type could be chosen in a text with `å`, `ä`
/// or `ö` as written (none was recognised, or two were too close), and a
/// term written without them then decided: the letters came with a name,
/// a greeting or a signature, and the rest was typed without them ("Hej
/// Göran! … sopkarlet … Mvh Åsa").
pub const SECOND_LOOK_NOTE: &str = "inget ärendeslag kunde väljas i texten som den är skriven; den har då också lästs som skriven utan å, ä och ö, och ord med dem som skrivna med a och o";

impl Router {
    /// Finds the terms in `s.normalized` into `s.hits` and `s.terms`
    /// ([`crate::matcher::Matcher::find`]), near spellings of longer
    /// terms counted ([`crate::matcher::Matcher::find_near_longer`]), and
    /// scores the types that take `channel` into `s.scored`.
    ///
    /// Where that chooses no type (none reaches the minimum score, or the
    /// next is too close) and the text takes a second look
    /// ([`crate::text::takes_second_look`]), it is searched again, also
    /// for the terms written without `å`, `ä` and `ö`. That reading is
    /// kept if it does better: a type recognised where none was, one type
    /// chosen where two were too close. Else the first one stands.
    ///
    /// Returns how the text was read for the terms with the letters, and
    /// the near spellings that count.
    pub(super) fn find_scored(
        &self,
        s: &mut Scratch,
        channel: Option<Channel>,
    ) -> (Reading, Vec<TermRef>) {
        let first = self.find_terms(s, channel);
        if first.0 != Reading::Written || self.chooses(&s.scored) {
            return first;
        }
        self.second_look(s, channel).unwrap_or(first)
    }

    /// The second look of [`Router::find_scored`], after a first that chose
    /// no type: the second reading, now in `s`, if it is kept; else `None`
    /// and `s` as the first left it.
    fn second_look(
        &self,
        s: &mut Scratch,
        channel: Option<Channel>,
    ) -> Option<(Reading, Vec<TermRef>)> {
        // Rare, so the second reading gets buffers of its own, and the
        // first one's stay if it is not kept.
        let (mut hits, mut terms, mut scored) = (Vec::new(), Vec::new(), Vec::new());
        let again = self
            .matcher
            .find_again(&s.normalized, &mut hits, &mut terms);
        if again != Some(Reading::SecondLook) {
            return None;
        }
        let near = self
            .matcher
            .find_near_longer(&s.normalized, &mut hits, &mut terms);
        self.score(&terms, channel, &mut scored);
        let better = if self.recognises(&s.scored) {
            self.chooses(&scored)
        } else {
            self.recognises(&scored)
        };
        if !better {
            return None;
        }
        (s.hits, s.terms, s.scored) = (hits, terms, scored);
        Some((Reading::SecondLook, near))
    }

    /// [`Router::find_scored`] without the second look.
    fn find_terms(&self, s: &mut Scratch, channel: Option<Channel>) -> (Reading, Vec<TermRef>) {
        let plain = self.matcher.find(&s.normalized, &mut s.hits, &mut s.terms);
        let near = self
            .matcher
            .find_near_longer(&s.normalized, &mut s.hits, &mut s.terms);
        self.score(&s.terms, channel, &mut s.scored);
        (plain, near)
    }

    /// Whether the best of `scored` (best first) reaches the minimum score.
    fn recognises(&self, scored: &[(usize, f64)]) -> bool {
        scored
            .first()
            .is_some_and(|&(_, score)| score >= self.min_score)
    }

    /// Whether `scored` (best first) chooses one type: the best reaches the
    /// minimum score and the next is not within the ambiguity ratio of it.
    fn chooses(&self, scored: &[(usize, f64)]) -> bool {
        match scored {
            [(_, best), rest @ ..] => {
                *best >= self.min_score
                    && rest
                        .first()
                        .is_none_or(|&(_, next)| !self.too_close(*best, next))
            }
            [] => false,
        }
    }
}
