//! Walking the automaton over a text, several stretches at once.
//!
//! A DFA walk is a chain: each byte's transition is a load whose address
//! depends on the previous one, so one walk waits on memory at every byte
//! and leaves most of the CPU idle. Long texts are therefore cut into
//! [`LANES`] stretches walked in lockstep, each chain independent of the
//! others. Written by hand because `aho-corasick` offers a single walk only;
//! the automaton itself is still the crate's.
//!
//! Each lane but the first starts `overlap` bytes (the longest key) before
//! its stretch and reports only matches that end inside it: after that many
//! bytes a walk is in the same state whatever came before (every state
//! stands for at most the last `overlap` bytes), so each match is reported
//! exactly once, by the lane whose stretch it ends in.

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

/// How many stretches a long text is walked in.
const LANES: usize = 4;

/// Texts with stretches shorter than this are walked in one go: the lanes'
/// overlaps and set-up would cost more than they save.
const MIN_LANE_BYTES: usize = 32;

/// Calls `on_match(state, end)` for every `end` (exclusive, in bytes) of
/// `text` at which the unanchored walk of `automaton` is in a match state.
/// `overlap` must be at least the length of the longest pattern.
///
/// Always inlined into its one caller: when LLVM left it a call of its own,
/// a route took 0.2 k instructions (1 %) more.
#[inline(always)]
pub(super) fn scan(
    automaton: &DFA,
    text: &[u8],
    overlap: usize,
    mut on_match: impl FnMut(StateID, usize),
) {
    let Ok(start) = automaton.start_state(Anchored::No) else {
        return;
    };
    let stretch = text.len() / LANES;
    if stretch < MIN_LANE_BYTES.max(overlap) {
        walk(automaton, start, text, 0, 0, &mut on_match);
        return;
    }
    // Lane `l` reports the matches ending in `l * stretch + 1 ..= (l + 1) *
    // stretch` (the last lane: up to the end) and starts walking at
    // `from[l]`.
    let mut from = [0; LANES];
    for (l, f) in from.iter_mut().enumerate().skip(1) {
        *f = l * stretch - overlap;
    }
    let mut state = [start; LANES];
    for k in 0..stretch {
        for l in 0..LANES {
            let at = from[l] + k;
            // Always inside: `from[l] + stretch` is at most the text's
            // length for every lane.
            let Some(&byte) = text.get(at) else { return };
            state[l] = automaton.next_state(Anchored::No, state[l], byte);
            if automaton.is_special(state[l]) && automaton.is_match(state[l]) && at >= l * stretch {
                on_match(state[l], at + 1);
            }
        }
    }
    for l in 0..LANES {
        let end = if l + 1 == LANES {
            text.len()
        } else {
            (l + 1) * stretch
        };
        let rest = text.get(from[l] + stretch..end).unwrap_or_default();
        walk(
            automaton,
            state[l],
            rest,
            from[l] + stretch,
            l * stretch,
            &mut on_match,
        );
    }
}

/// Walks `text`, which starts at `offset` in the whole text, from `state`;
/// reports the matches that end after `report_from`.
fn walk(
    automaton: &DFA,
    mut state: StateID,
    text: &[u8],
    offset: usize,
    report_from: usize,
    on_match: &mut impl FnMut(StateID, usize),
) {
    for (i, &byte) in text.iter().enumerate() {
        state = automaton.next_state(Anchored::No, state, byte);
        let end = offset + i + 1;
        if automaton.is_special(state) && automaton.is_match(state) && end > report_from {
            on_match(state, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;
    use proptest::prelude::*;

    /// Every (end, pattern) the scan reports.
    fn reported(dfa: &DFA, text: &[u8], overlap: usize, lanes: bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut push = |state, end| {
            for i in 0..dfa.match_len(state) {
                out.push((end, dfa.match_pattern(state, i).as_usize()));
            }
        };
        if lanes {
            scan(dfa, text, overlap, push);
        } else if let Ok(start) = dfa.start_state(Anchored::No) {
            walk(dfa, start, text, 0, 0, &mut push);
        }
        out.sort_unstable();
        out
    }

    proptest! {
        /// Lanes report exactly what one walk reports, wherever the
        /// matches fall against the stretches' edges.
        #[test]
        fn lanes_report_what_one_walk_reports(
            words in proptest::collection::vec("[ab ]{1,6}", 1..8),
            text in "[abc ]{0,1200}",
        ) {
            let dfa = DFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&words)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let overlap = words.iter().map(String::len).max().unwrap_or(0);
            let text = text.as_bytes();
            prop_assert_eq!(
                reported(&dfa, text, overlap, true),
                reported(&dfa, text, overlap, false)
            );
        }
    }

    #[test]
    fn a_match_across_a_stretch_edge_is_reported_once() -> Result<(), Box<dyn std::error::Error>> {
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(["abcdef"])?;
        // Stretches of 100 bytes; `abcdef` ends at byte 103, in the second.
        let mut text = vec![b'x'; 400];
        text[97..103].copy_from_slice(b"abcdef");
        assert_eq!(reported(&dfa, &text, 6, true), vec![(103, 0)]);
        Ok(())
    }
}
