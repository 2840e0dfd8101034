//! Finding an enquiry's terms and scoring its types: once as the text
//! reads, and a second time, typed without `å`, `ä` and `ö`, where that
//! found nothing and the text may have been typed so
//! ([`SECOND_LOOK_NOTE`]).

use super::Router;
use super::scratch::Scratch;
use crate::matcher::TermRef;
use crate::model::Channel;
use crate::text::Reading;

/// The trace's note when nothing was recognised in a text with `å`, `ä`
/// or `ö` as written, and a term was then found written without them: the
/// letters came with a name, a greeting or a signature, and the rest was
/// typed without them ("Hej Göran! … sopkarlet … Mvh Åsa").
pub const SECOND_LOOK_NOTE: &str = "inget ärendeslag kändes igen i texten som den är skriven; den har då också lästs som skriven utan å, ä och ö, och ord med dem som skrivna med a och o";

impl Router {
    /// Finds the terms in `s.normalized` into `s.hits` and `s.terms`
    /// ([`crate::matcher::Matcher::find`]), near spellings of longer
    /// terms counted ([`crate::matcher::Matcher::find_near_longer`]), and
    /// scores the types that take `channel` into `s.scored`.
    ///
    /// Where no type reaches the minimum score and the text takes a second
    /// look ([`crate::text::takes_second_look`]), it is searched again,
    /// also for the terms written without `å`, `ä` and `ö`; that reading
    /// is kept if a type then reaches the minimum score, and the first one
    /// otherwise.
    ///
    /// Returns how the text was read for the terms with the letters, and
    /// the near spellings that count.
    pub(super) fn find_scored(
        &self,
        s: &mut Scratch,
        channel: Option<Channel>,
    ) -> (Reading, Vec<TermRef>) {
        let first = self.find_terms(s, channel);
        if self.recognises(&s.scored) || first.0 != Reading::Written {
            return first;
        }
        // Rare (an enquiry nothing recognised), so the second reading gets
        // buffers of its own, and the first one's stay if it is kept.
        let (mut hits, mut terms, mut scored) = (Vec::new(), Vec::new(), Vec::new());
        let again = self
            .matcher
            .find_again(&s.normalized, &mut hits, &mut terms);
        if again != Some(Reading::SecondLook) {
            return first;
        }
        let near = self
            .matcher
            .find_near_longer(&s.normalized, &mut hits, &mut terms);
        self.score(&terms, channel, &mut scored);
        if !self.recognises(&scored) {
            return first;
        }
        (s.hits, s.terms, s.scored) = (hits, terms, scored);
        (Reading::SecondLook, near)
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
}
