//! Near spellings (`crate::matcher`'s `near`): rule terms that a word of
//! the text misses by one letter.
//!
//! - In a word where a shorter term was found ("eldning" in
//!   "eldningförbud"), the near spelling of a longer term that spans it
//!   (`eldningsförbud`) counts instead, as it would have, spelled right:
//!   the longer term wins the word. The decision marks it
//!   `near_spelling`, and its trace has [`NEAR_LONGER_NOTE`].
//! - Elsewhere a near spelling never makes a match. For an enquiry
//!   nothing recognised, the types of the terms a word misses by one
//!   letter are listed among the candidates, so that the first line,
//!   which takes it, sees what it may be about ([`NEAR_SPELLING_NOTE`]).

use super::{MAX_CANDIDATES, Router};
use crate::decision::Candidate;
use crate::matcher::TermRef;
use crate::model::Channel;

/// The trace's note when near spellings gave candidates.
pub const NEAR_SPELLING_NOTE: &str = "inget ärendeslag kändes igen, men ord i texten liknar regeltermer med en bokstav fel; de ärendeslagen står bland kandidaterna (near_spelling)";

/// The trace's note when a word with a term in it missed a longer term by
/// one letter, and the longer term counted.
pub const NEAR_LONGER_NOTE: &str = "ett ord i texten liknar en längre regelterm med en bokstav fel och innehåller en kortare term; den längre termen har räknats, som om ordet vore rättstavat (near_spelling)";

impl Router {
    /// Adds to `candidates` (those of an unmatched enquiry, best first) the
    /// types with a term that a word of `normalized` text misses by one
    /// letter, best first, up to the decision's number of candidates.
    /// A type already listed, one that does not take the enquiry's
    /// channel and one ruled out by a negative word among `found` (the
    /// terms found as written) are left out. Returns whether any was
    /// added.
    pub(super) fn add_near_candidates(
        &self,
        channel: Option<Channel>,
        normalized: &[u8],
        found: &[TermRef],
        candidates: &mut Vec<Candidate>,
    ) -> bool {
        let room = MAX_CANDIDATES.saturating_sub(candidates.len());
        if room == 0 {
            return false;
        }
        // Scored as found terms are, with the negative words found as
        // written beside them: a type with one, or that does not take the
        // channel, is left out, and the rest are ordered by weight.
        let mut terms = self.matcher.near(normalized);
        if terms.is_empty() {
            return false;
        }
        terms.extend(
            found
                .iter()
                .filter(|h| self.types[h.ty as usize].terms[h.term as usize].negative),
        );
        terms.sort_unstable();
        terms.dedup();
        let mut scored = Vec::new();
        self.score(&terms, channel, &mut scored);
        let before = candidates.len();
        let listed = |ty: usize| {
            candidates
                .iter()
                .any(|c| c.enquiry_type == self.types[ty].id)
        };
        let new: Vec<(usize, f64)> = scored.into_iter().filter(|&(ty, _)| !listed(ty)).collect();
        for (ty, score) in new.into_iter().take(room) {
            // Every term listed is one of the near spellings.
            candidates.push(self.candidate(ty, score, &terms, &terms));
        }
        candidates.len() > before
    }
}
