//! The automaton over the starts of the terms' first words ([`Keys`]),
//! and the terms that own each start ([`Owner`]).

use aho_corasick::MatchKind;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

use super::phrase::{
    continues_with, english_word_end, gapped_phrase_end, next_word_start, phrase_end,
};
use super::{Hit, TermRef, scan};

/// How many bytes of a term's first word the automaton searches for; the
/// rest of the word is compared where they are found.
///
/// The automaton's build time and memory grow with its states, one per
/// distinct prefix of the searched words: on the 106-type Klippan rules,
/// whole words needed 5,024 states, their first six bytes 2,499. Five bytes
/// (since the 116-type set, 309 test cases) build faster still: loading
/// Klippan took 60.7 M instructions instead of 65.3 M (4.54 ms instead of
/// 4.92 ms, alternating runs). More matches are then checked past the key,
/// 0.6 k instructions a 200-byte route (3 %), but the route's time did not
/// move beyond the machine's noise: most checks fail on their first byte.
pub(super) const KEY_BYTES: usize = 5;

/// A term whose first word starts with a key, with what must follow the key.
#[derive(Clone)]
pub(super) struct Owner {
    pub(super) term: TermRef,
    /// Whether the term is a negative word ([`super::Entry::negative`]).
    pub(super) negative: bool,
    /// The rest of the first word's needle, after the key.
    pub(super) tail: Vec<u8>,
    /// The stems of the further words of a phrase.
    pub(super) rest: Vec<String>,
    /// The first byte of the second word's stem, for a phrase; set by
    /// [`Keys::new`]. Most phrases that share a key are told apart by it
    /// ([`Keys::hits_ending_at`]).
    pub(super) second_first: Option<u8>,
    /// For an English term, the words before the last as written after
    /// their stems ([`crate::text::SearchPattern::inner_rests`]); empty otherwise.
    pub(super) inner_rests: Vec<Vec<u8>>,
    /// The last word as written after its stem: where the text goes on
    /// with it, the hit covers it too, so that `brunn` lies inside
    /// `slambrunn` although the stem of `slambrunn` is `slambrun`.
    pub(super) written_rest: Vec<u8>,
    /// An English term: each of its words must go on with an English
    /// ending ([`crate::text::SearchPattern::english_endings`]).
    pub(super) english_endings: bool,
    /// How many other words may stand between two of its words.
    pub(super) gap: u8,
    /// The term's `plain` setting ([`super::Entry::plain`]).
    pub(super) plain: Option<bool>,
}

impl Owner {
    /// Where a hit of this term ends, given that its last stem was found
    /// up to `found`: past the written rest where the text has it. `None`
    /// where an English term's word does not go on with an English ending.
    pub(super) fn word_end(&self, text: &[u8], found: usize) -> Option<usize> {
        if self.english_endings {
            english_word_end(text, found, &self.written_rest)
        } else if continues_with(text, found, &self.written_rest) {
            Some(found + self.written_rest.len())
        } else {
            Some(found)
        }
    }
}

/// One automaton over the keys of a set of terms, with their owners.
pub(super) struct Keys {
    pub(super) automaton: Option<DFA>,
    /// The keys, in the automaton's order.
    pub(super) keys: Vec<Vec<u8>>,
    /// Whether key `i` must start at a word start (began with a space).
    pub(super) word_start: Vec<bool>,
    /// Whether a term of key `i` has a gap ([`Keys::gapped_hits`]).
    pub(super) gapped: Vec<bool>,
    /// `owners[starts[i]..starts[i + 1]]` are the terms of key `i`.
    pub(super) starts: Vec<usize>,
    pub(super) owners: Vec<Owner>,
    /// The length of the longest key, in bytes.
    pub(super) longest_key: usize,
}

/// Groups `(key, item)` pairs sorted by key: the distinct keys in order,
/// the `starts` of their groups, and the items, so that
/// `items[starts[i]..starts[i + 1]]` are those of key `i`.
pub(super) fn group_by_key<K: PartialEq, T>(sorted: Vec<(K, T)>) -> (Vec<K>, Vec<usize>, Vec<T>) {
    let mut keys: Vec<K> = Vec::new();
    let mut starts = Vec::new();
    let mut items = Vec::with_capacity(sorted.len());
    for (key, item) in sorted {
        if keys.last() != Some(&key) {
            starts.push(items.len());
            keys.push(key);
        }
        items.push(item);
    }
    starts.push(items.len());
    (keys, starts, items)
}

impl Keys {
    /// Compiles `(needle, owner)` pairs: each owner's needle is the first
    /// word it must find; its `tail` is set here.
    pub(super) fn new(entries: Vec<(Vec<u8>, Owner)>) -> Result<Keys, String> {
        let mut entries: Vec<(Vec<u8>, Owner)> = entries
            .into_iter()
            .map(|(mut key, mut owner)| {
                owner.tail = key.split_off(key.len().min(KEY_BYTES));
                owner.second_first = owner.rest.first().and_then(|s| s.bytes().next());
                (key, owner)
            })
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.term.cmp(&b.1.term)));
        let (keys, starts, owners) = group_by_key(entries);
        let word_start = keys.iter().map(|k| k.starts_with(b" ")).collect();
        let gapped = starts
            .windows(2)
            .map(|w| owners[w[0]..w[1]].iter().any(|o: &Owner| o.gap > 0))
            .collect();
        let longest_key = keys.iter().map(Vec::len).max().unwrap_or(0);
        let automaton = if keys.is_empty() {
            None
        } else {
            Some(
                // A DFA costs memory and build time once, per rule set, and
                // makes every enquiry's scan several times faster. No
                // prefilter: with hundreds of keys it rarely skips, and
                // `find` walks the automaton itself.
                DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&keys)
                    .map_err(|e| format!("cannot compile the rule terms: {e}"))?,
            )
        };
        Ok(Keys {
            automaton,
            keys,
            word_start,
            gapped,
            starts,
            owners,
            longest_key,
        })
    }

    /// Adds to `hits` every term found in `normalized`.
    pub(super) fn hits(&self, normalized: &[u8], hits: &mut Vec<Hit>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // The automaton is walked here (see `scan`) rather than through
        // `find_overlapping_iter`: every match ends at the current byte, and
        // the state machine's own loop (with its overlapping-state
        // bookkeeping and a call through a trait object per match) cost four
        // times as much on a typical enquiry.
        scan::scan(automaton, normalized, self.longest_key, |state, end| {
            self.hits_ending_at(automaton, state, normalized, end, hits);
        });
    }

    /// Adds to `hits` the terms whose key ends at `end`, where the
    /// automaton is in the match state `state`.
    ///
    /// Kept out of line so that the scan loop in [`Keys::hits`] holds
    /// its state in registers: inlined, this body made the compiler keep
    /// the automaton's state on the stack, and every byte waited for it.
    #[inline(never)]
    fn hits_ending_at(
        &self,
        automaton: &DFA,
        state: StateID,
        normalized: &[u8],
        end: usize,
        hits: &mut Vec<Hit>,
    ) {
        for i in 0..automaton.match_len(state) {
            let pattern = automaton.match_pattern(state, i);
            let key = pattern.as_usize();
            // The leading space of a word-start key is not part of the word
            // it found.
            let start = end - automaton.pattern_len(pattern) + usize::from(self.word_start[key]);
            let owners = &self.owners[self.starts[key]..self.starts[key + 1]];
            if self.gapped[key] {
                self.gapped_hits(owners, normalized, start, end, hits);
                continue;
            }
            // Where the word after the key's word starts, found once for
            // the phrases whose first word is the key itself: a phrase's
            // second stem must start there, and a key's phrases mostly
            // differ in its first byte ("inte hämtat", "inte tömd" …).
            let mut next_word: Option<Option<usize>> = None;
            for owner in owners {
                if !continues_with(normalized, end, &owner.tail) {
                    continue;
                }
                if let (Some(first), true) = (owner.second_first, owner.tail.is_empty()) {
                    let next = *next_word.get_or_insert_with(|| next_word_start(normalized, end));
                    if next.and_then(|at| normalized.get(at)) != Some(&first) {
                        continue;
                    }
                }
                let word_end = end + owner.tail.len();
                let english = owner.english_endings.then_some(&owner.inner_rests[..]);
                if let Some(end) = phrase_end(normalized, word_end, &owner.rest, english)
                    .and_then(|found| owner.word_end(normalized, found))
                {
                    hits.push(Hit {
                        term: owner.term,
                        negative: owner.negative,
                        start,
                        end,
                    });
                }
            }
        }
    }

    /// [`Keys::hits_ending_at`] for the terms of a key some of which
    /// have a gap ([`gapped_phrase_end`]).
    ///
    /// Apart from the loop every other key takes: a check of each term's
    /// gap there cost 2 % of a routing, although few terms have one. The
    /// body repeats that loop's on purpose: one `#[inline(always)]` helper
    /// for both, taking the phrase search as a closure, still cost the
    /// other loop 0.1 k instructions a routing (0.5 %).
    #[cold]
    #[inline(never)]
    fn gapped_hits(
        &self,
        owners: &[Owner],
        normalized: &[u8],
        start: usize,
        end: usize,
        hits: &mut Vec<Hit>,
    ) {
        for owner in owners {
            if !continues_with(normalized, end, &owner.tail) {
                continue;
            }
            let word_end = end + owner.tail.len();
            let english = owner.english_endings.then_some(&owner.inner_rests[..]);
            let found = match owner.gap {
                0 => phrase_end(normalized, word_end, &owner.rest, english),
                gap => gapped_phrase_end(normalized, word_end, &owner.rest, english, gap),
            };
            if let Some(end) = found.and_then(|found| owner.word_end(normalized, found)) {
                hits.push(Hit {
                    term: owner.term,
                    negative: owner.negative,
                    start,
                    end,
                });
            }
        }
    }
}
