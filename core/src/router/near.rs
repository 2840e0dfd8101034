//! Candidates from near spellings: for an enquiry nothing recognised, the
//! types with a term that a word of the text misses by one letter
//! (`crate::matcher`'s `near`), so that the first line, which takes the
//! enquiry, sees what it may be about. They never make a match.

use super::{MAX_CANDIDATES, Router};
use crate::decision::{Candidate, MatchedTerm};
use crate::matcher::TermRef;
use crate::model::Channel;

/// The trace's note when near spellings gave candidates.
pub const NEAR_SPELLING_NOTE: &str = "inget ärendeslag kändes igen, men ord i texten liknar regeltermer med en bokstav fel; de ärendeslagen står bland kandidaterna (near_spelling)";

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
        let near = self.matcher.near(normalized);
        let mut scored: Vec<(usize, f64, Vec<MatchedTerm>)> = Vec::new();
        for group in near.chunk_by(|a, b| a.ty == b.ty) {
            let ty_index = group[0].ty as usize;
            let ty = &self.types[ty_index];
            let ruled_out = found
                .iter()
                .any(|h| h.ty == group[0].ty && ty.terms[h.term as usize].negative);
            if ruled_out
                || !ty.allows(channel)
                || candidates.iter().any(|c| c.enquiry_type == ty.id)
            {
                continue;
            }
            let terms: Vec<MatchedTerm> = group
                .iter()
                .map(|h| {
                    let t = &ty.terms[h.term as usize];
                    MatchedTerm {
                        term: t.text.clone(),
                        kind: t.kind,
                        weight: t.weight,
                        near_spelling: true,
                    }
                })
                .collect();
            let score: f64 = terms.iter().map(|t| t.weight).sum();
            if score > 0.0 {
                scored.push((ty_index, score, terms));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let added = scored.len().min(room);
        for (ty_index, score, terms) in scored.into_iter().take(room) {
            let ty = &self.types[ty_index];
            candidates.push(Candidate {
                enquiry_type: ty.id.clone(),
                name: ty.name.clone(),
                department: self.departments[ty.department].id.clone(),
                score,
                terms,
            });
        }
        added > 0
    }
}
