//! Near spellings: the rule terms that a word of an enquiry misses by one
//! letter (one left out, one too many, one wrong, or two side by side
//! swapped), as in "snöröjnigen" for `snöröjning`. They are offered to
//! the first line as candidates of an enquiry nothing recognised. They
//! count as a match only where a shorter term was found in the word, and
//! the near spelling of a longer term spans it
//! ([`super::Matcher::find_near_longer`]): spelled right, the longer term
//! would have won. Elsewhere a wrong guess must not send an enquiry away
//! from the first line.
//!
//! Only one-word terms whose stem has at least [`NEAR_MIN_CHARS`] letters
//! are looked for: one letter off a shorter stem is usually another word.
//! A stem that is found inside words (a compound's part) may be near
//! anywhere in a word, others only at its start, as when they match.
//! Each term's plain spelling (without `å`, `ä` and `ö`) is looked for
//! too, unless its rule sets `plain = false`.
//!
//! How: a word within one edit of a stem has the stem's first half or its
//! second half as written (the edit is in the other half). One automaton
//! over the halves of every such stem finds where they stand in the text,
//! and the stretch of the word around each is compared with the whole
//! stem ([`within_one_edit`]). The automaton is built the first time an
//! enquiry needs it, not with the rule set.
//!
//! Written here rather than with a fuzzy-search crate: which stems count,
//! where in a word they may stand and what is compared are this matcher's
//! rules; the automaton is still `aho-corasick`'s.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::{Keys, TermRef, group_by_key};
use crate::text;

/// The fewest letters a term's stem must have for its near spellings to
/// be looked for. With seven, the stem `särskol` (of `särskola`) was one
/// letter from "särskilt", one of the commonest words of Swedish e-mail.
const NEAR_MIN_CHARS: usize = 8;

/// How many bytes longer than a found term a word must be for
/// [`super::Matcher::find_near_longer`] to search it: a Swedish ending of
/// two letters ("-en", "-et") leaves no room for another term.
pub(super) const LONGER_BY: usize = 3;

/// How far from a found term [`super::Matcher::find_near_longer`] looks
/// for the bounds of its word, in bytes: more than the longest stem's near
/// spelling can reach.
pub(super) const WORD_REACH: usize = 128;

/// The word of `normalized` text around `start..end`, its bounds looked
/// for only `reach` bytes away: in one long word of a long text, a search
/// to its ends at every place would take time in the square of its
/// length. Returns where the word starts, if that is within reach (else
/// `None`), and its byte range, taking the reach as a bound it cuts, on
/// character boundaries.
pub(super) fn word_around(
    normalized: &[u8],
    start: usize,
    end: usize,
    reach: usize,
) -> (Option<usize>, (usize, usize)) {
    let low = start.saturating_sub(reach);
    // A reach that cuts a character moves to its boundary (a UTF-8
    // continuation byte is 0b10xx_xxxx).
    let continues = |i: usize| normalized.get(i).is_some_and(|&b| b & 0xC0 == 0x80);
    let word_start = match normalized[low..start].iter().rposition(|&b| b == b' ') {
        Some(i) => Some(low + i + 1),
        None if low == 0 => Some(0),
        // Farther back than the reach: none starts the word.
        None => None,
    };
    let from = word_start.unwrap_or_else(|| (low..start).find(|&i| !continues(i)).unwrap_or(start));
    let high = (end + reach).min(normalized.len());
    let to = match normalized[end..high].iter().position(|&b| b == b' ') {
        Some(i) => end + i,
        None => (end..=high).rev().find(|&i| !continues(i)).unwrap_or(end),
    };
    (word_start, (from, to))
}

/// The near-spelling search of a set of terms, built on first use.
#[derive(Default)]
pub(super) struct Near(OnceLock<Option<Halves>>);

/// One stem whose near spellings are looked for.
struct Stem {
    stem: Box<str>,
    /// Its length in characters.
    chars: usize,
    term: TermRef,
    /// Whether it may stand inside a word (a compound's part).
    inside_words: bool,
}

/// One half of a stem, as the automaton reports it.
struct Half {
    stem: u32,
    /// The first half (else the second).
    first: bool,
}

/// The automaton over the halves of the stems: aho-corasick's
/// non-contiguous NFA, the one the rule set's DFA is built from, searched
/// in an unmatched enquiry, and in the words that hold a found term with
/// more letters around it. On Klippan a DFA of the same halves routed an
/// unmatched 200-byte e-mail in 23.9 k instructions instead of 28.7 k, but
/// its first use cost 29 M (a third of loading the rule set) instead of
/// 7.7 M.
struct Halves {
    automaton: NFA,
    /// `halves[starts[p]..starts[p + 1]]` are the halves spelled as
    /// pattern `p`.
    starts: Vec<usize>,
    halves: Vec<Half>,
    stems: Vec<Stem>,
}

impl Near {
    /// The terms of `written` that a word of `normalized` text misses by
    /// one letter, sorted and without repeats. A term found there as
    /// written is not one of them.
    pub(super) fn terms(&self, written: &Keys, normalized: &[u8]) -> Vec<TermRef> {
        let mut out: Vec<TermRef> = self
            .spans(written, normalized)
            .into_iter()
            .map(|(term, _)| term)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`Near::terms`] with where in `normalized` each stands: the byte
    /// range of the stretch of a word that misses the term's stem by one
    /// letter. In the order found, each pair once.
    pub(super) fn spans(
        &self,
        written: &Keys,
        normalized: &[u8],
    ) -> Vec<(TermRef, (usize, usize))> {
        let mut out = Vec::new();
        let Some(halves) = self.0.get_or_init(|| Halves::new(written)).as_ref() else {
            return out;
        };
        // Normalised text is UTF-8 (`text::normalize_into` writes whole
        // sequences); the check keeps this total.
        let Ok(text) = std::str::from_utf8(normalized) else {
            return out;
        };
        // Walked by hand, as `scan` walks the rule set's DFA: every match
        // ends at the current byte, and the crate's overlapping iterator
        // would add its generic code to the WebAssembly module for this one
        // use.
        let automaton = &halves.automaton;
        let Ok(mut state) = automaton.start_state(Anchored::No) else {
            return out;
        };
        for (i, &byte) in normalized.iter().enumerate() {
            state = automaton.next_state(Anchored::No, state, byte);
            if !automaton.is_match(state) {
                continue;
            }
            let end = i + 1;
            for k in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, k);
                let start = end - automaton.pattern_len(pattern);
                let p = pattern.as_usize();
                for half in &halves.halves[halves.starts[p]..halves.starts[p + 1]] {
                    let stem = &halves.stems[half.stem as usize];
                    if let Some(span) = stem.near_at(text, start, end, half.first) {
                        if !out.contains(&(stem.term, span)) {
                            out.push((stem.term, span));
                        }
                    }
                }
            }
        }
        out
    }
}

impl Halves {
    /// The halves of the stems of `written`'s terms that qualify; `None`
    /// if none does.
    fn new(written: &Keys) -> Option<Halves> {
        let mut stems = Vec::new();
        for (needle, owner) in written.entries() {
            // Phrases, negative words and whole words (a needle ending
            // with a space) are left out.
            if owner.negative || !owner.rest.is_empty() || needle.ends_with(b" ") {
                continue;
            }
            let (inside_words, stem) = match needle.strip_prefix(b" ") {
                Some(stem) => (false, stem),
                None => (true, &needle[..]),
            };
            let Ok(stem) = std::str::from_utf8(stem) else {
                continue;
            };
            let chars = stem.chars().count();
            if chars < NEAR_MIN_CHARS || !stem.chars().all(char::is_alphabetic) {
                continue;
            }
            let plain = (owner.plain != Some(false))
                .then(|| text::without_swedish_letters(stem.as_bytes()))
                .flatten()
                .and_then(|b| String::from_utf8(b).ok());
            for spelling in std::iter::once(stem.to_owned()).chain(plain) {
                stems.push(Stem {
                    stem: spelling.into(),
                    chars,
                    term: owner.term,
                    inside_words,
                });
            }
        }
        let mut halves: Vec<(&[u8], Half)> = Vec::with_capacity(2 * stems.len());
        for (i, stem) in stems.iter().enumerate() {
            let mid = stem
                .stem
                .char_indices()
                .nth(stem.chars / 2)
                .map_or(stem.stem.len(), |(b, _)| b);
            let (first, second) = stem.stem.as_bytes().split_at(mid);
            let i = u32::try_from(i).ok()?;
            halves.push((
                first,
                Half {
                    stem: i,
                    first: true,
                },
            ));
            halves.push((
                second,
                Half {
                    stem: i,
                    first: false,
                },
            ));
        }
        halves.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let (keys, starts, owners) = group_by_key(halves);
        if keys.is_empty() {
            return None;
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&keys)
            .ok()?;
        Some(Halves {
            automaton,
            starts,
            halves: owners,
            stems,
        })
    }
}

impl Stem {
    /// Where the word of `text` with this stem's half at `start..end`
    /// has the stem one letter off (the stretch's byte range), if it has
    /// it so, and not as written.
    fn near_at(&self, text: &str, start: usize, end: usize, first: bool) -> Option<(usize, usize)> {
        // The word's bounds, looked for only as far as a stretch can reach:
        // one letter more than the stem, four bytes each at most.
        let (word_start, word) = word_around(text.as_bytes(), start, end, 4 * (self.chars + 1));
        let mut near = None;
        // The stretch of the word that stands for the stem has one letter
        // fewer, as many, or one more: from the first half on, or up to
        // the end of the second.
        for chars in [self.chars - 1, self.chars, self.chars + 1] {
            let stretch = if first {
                forward(text, start, chars, word)
            } else {
                backward(text, end, chars, word)
            };
            let Some((from, stretch)) = stretch else {
                continue;
            };
            if !self.inside_words && Some(from) != word_start {
                continue;
            }
            if stretch == &*self.stem {
                return None;
            }
            if near.is_none() && within_one_edit(stretch, &self.stem) {
                near = Some((from, from + stretch.len()));
            }
        }
        near
    }
}

/// The `chars` characters of `text` from byte `from` on, if the word
/// `word` (its byte range) has that many, with where they start.
fn forward(text: &str, from: usize, chars: usize, word: (usize, usize)) -> Option<(usize, &str)> {
    let rest = text.get(from..word.1)?;
    let end = rest
        .char_indices()
        .map(|(i, _)| i)
        .chain([rest.len()])
        .nth(chars)?;
    Some((from, &rest[..end]))
}

/// The `chars` characters of `text` up to byte `to`, if the word `word`
/// (its byte range) has that many, with where they start.
fn backward(text: &str, to: usize, chars: usize, word: (usize, usize)) -> Option<(usize, &str)> {
    let before = text.get(word.0..to)?;
    let from = match chars.checked_sub(1) {
        Some(n) => before.char_indices().rev().nth(n)?.0,
        None => before.len(),
    };
    Some((word.0 + from, &before[from..]))
}

/// Whether `a` and `b` differ by exactly one edit: a character left out,
/// one added, one replaced, or two side by side swapped (the optimal
/// string alignment distance is 1).
///
/// Written by hand: `strsim::osa_distance` fills a whole matrix and
/// allocates for every pair, and this runs for every place a half is
/// found. A unit test holds the two to the same answer.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let mut x = a.chars();
    let mut y = b.chars();
    match (x.next(), x.next(), x.next(), y.next(), y.next(), y.next()) {
        // One left out or added.
        (None, None, None, Some(_), None, None) | (Some(_), None, None, None, None, None) => true,
        // One replaced.
        (Some(_), None, None, Some(_), None, None) => true,
        // Two side by side swapped.
        (Some(a1), Some(a2), None, Some(b1), Some(b2), None) => a1 == b2 && a2 == b1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::within_one_edit;

    #[test]
    fn one_edit_is_a_letter_left_out_added_replaced_or_two_swapped() {
        for (a, b) in [
            ("raknig", "rakning"),
            ("rakning", "raknig"),
            ("snöröjnign", "snöröjning"),
            ("snoröjning", "snöröjning"),
            ("parkeringg", "parkering"),
            ("aab", "aba"),
        ] {
            assert!(within_one_edit(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("rakning", "rakning"),
            ("rankig", "rakning"),
            ("ab", "ba c"),
            ("", "ab"),
            ("abcd", "badc"),
        ] {
            assert!(!within_one_edit(a, b), "{a} / {b}");
        }
    }

    proptest! {
        #[test]
        fn one_edit_agrees_with_strsim(a in "[abå ]{0,7}", b in "[abå ]{0,7}") {
            prop_assert_eq!(within_one_edit(&a, &b), strsim::osa_distance(&a, &b) == 1);
        }
    }
}
