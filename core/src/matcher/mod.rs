//! Finding rule terms in an enquiry and scoring the enquiry types.
//!
//! The start of the first word of every term of every type (its first
//! [`KEY_BYTES`] bytes) is compiled into one Aho-Corasick automaton over
//! normalised text (see [`crate::text`]), so an enquiry is scanned once
//! whatever the size of the rule set; the rest of that word and the further
//! words of a phrase are then checked where the start was found. Scoring
//! is deliberately simple so it can be explained: a type's score is the sum
//! of the weights of its distinct terms found in the text. When one found
//! term lies inside another (the keyword `parkering` inside
//! `parkeringstillstånd`), only the longer one counts: the more specific term
//! wins. Negative words take no part in that: one found anywhere rules its
//! type out.
//!
//! Swedish typed without `å`, `ä` and `ö` is searched a second time, for the
//! plain spellings of the terms that have them, by a second automaton built
//! the first time such a text comes ([`plain`]).
//!
//! A word that holds a found term and misses a longer term around it by one
//! letter counts as the longer term ([`Matcher::find_near_longer`], with
//! [`near`]).

use std::borrow::Cow;

use aho_corasick::MatchKind;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

use crate::text::{self, Reading, SearchPattern};

mod near;
mod phrase;
mod plain;
mod scan;
mod street;

use near::Near;
use phrase::{continues_with, english_word_end, gapped_phrase_end, phrase_end};
use plain::Unaccented;

pub(crate) use street::StreetSuffixes;

/// One term of one type, as the automaton reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TermRef {
    /// Index of the enquiry type.
    pub ty: u32,
    /// Index of the term within the type (positive and negative terms are
    /// numbered together).
    pub term: u32,
}

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
const KEY_BYTES: usize = 5;

/// A term to search for: what [`Matcher::new`] compiles.
pub(crate) struct Entry<'a> {
    /// How the term is searched for (borrowed from the stemmers' memory
    /// where it can be).
    pub pattern: Cow<'a, SearchPattern>,
    /// What a hit reports.
    pub term: TermRef,
    /// A negative word: it counts wherever it is found, even inside a
    /// longer term, and hides no term inside it.
    pub negative: bool,
    /// How many other words may stand between two of its words.
    pub gap: u8,
    /// The term's `plain` setting: whether it is searched without `å`,
    /// `ä` and `ö` ([`plain`]); `None` lets the matcher decide.
    pub plain: Option<bool>,
}

/// A term whose first word starts with a key, with what must follow the key.
#[derive(Clone)]
struct Owner {
    term: TermRef,
    /// Whether the term is a negative word ([`Entry::negative`]).
    negative: bool,
    /// The rest of the first word's needle, after the key.
    tail: Vec<u8>,
    /// The stems of the further words of a phrase.
    rest: Vec<String>,
    /// For an English term, the words before the last as written after
    /// their stems ([`SearchPattern::inner_rests`]); empty otherwise.
    inner_rests: Vec<Vec<u8>>,
    /// The last word as written after its stem: where the text goes on
    /// with it, the hit covers it too, so that `brunn` lies inside
    /// `slambrunn` although the stem of `slambrunn` is `slambrun`.
    written_rest: Vec<u8>,
    /// An English term: each of its words must go on with an English
    /// ending ([`SearchPattern::english_endings`]).
    english_endings: bool,
    /// How many other words may stand between two of its words.
    gap: u8,
    /// The term's `plain` setting ([`Entry::plain`]).
    plain: Option<bool>,
}

impl Owner {
    /// Where a hit of this term ends, given that its last stem was found
    /// up to `found`: past the written rest where the text has it. `None`
    /// where an English term's word does not go on with an English ending.
    fn word_end(&self, text: &[u8], found: usize) -> Option<usize> {
        if self.english_endings {
            english_word_end(text, found, &self.written_rest)
        } else if continues_with(text, found, &self.written_rest) {
            Some(found + self.written_rest.len())
        } else {
            Some(found)
        }
    }
}

/// A compiled set of terms.
pub(crate) struct Matcher {
    /// Every term, as written in the rules.
    written: Keys,
    /// The terms with `å`, `ä` or `ö`, written with `a` and `o` instead,
    /// searched in Swedish typed without the three letters (see
    /// [`text::reading`]). A term whose plain spelling is another
    /// term as written is left out: in such a text, the word means what
    /// it says. So is a one-word term with a short stem ([`plain`]).
    unaccented: Unaccented,
    /// The terms' stems, for the words that miss one by a letter
    /// ([`near`]): a longer term around a found one, or a candidate for
    /// an unmatched enquiry.
    near: Near,
    /// Where a found term names a street rather than a subject.
    street_suffixes: StreetSuffixes,
}

/// One automaton over the keys of a set of terms, with their owners.
struct Keys {
    automaton: Option<DFA>,
    /// The keys, in the automaton's order.
    keys: Vec<Vec<u8>>,
    /// Whether key `i` must start at a word start (began with a space).
    word_start: Vec<bool>,
    /// Whether a term of key `i` has a gap ([`Keys::gapped_hits`]).
    gapped: Vec<bool>,
    /// `owners[starts[i]..starts[i + 1]]` are the terms of key `i`.
    starts: Vec<usize>,
    owners: Vec<Owner>,
    /// The length of the longest key, in bytes.
    longest_key: usize,
}

/// A term found in the text, before overlapping ones are resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    term: TermRef,
    /// Whether the term is a negative word ([`Entry::negative`]).
    negative: bool,
    start: usize,
    end: usize,
}

impl Matcher {
    /// Compiles `(pattern, term)` pairs. Terms may share a pattern; each
    /// distinct key (the start of a first word) is searched once. Terms
    /// found inside street names with `street_suffixes` do not count.
    pub(crate) fn new(
        entries: Vec<Entry<'_>>,
        street_suffixes: StreetSuffixes,
    ) -> Result<Matcher, String> {
        let written: Vec<(Vec<u8>, Owner)> = entries
            .into_iter()
            .map(|entry| {
                let needle = entry.pattern.needle().into_bytes();
                // Only English words are judged by their rests.
                let inner_rests = if entry.pattern.english_endings {
                    let rests = &entry.pattern.inner_rests;
                    rests.iter().map(|r| r.as_bytes().to_vec()).collect()
                } else {
                    Vec::new()
                };
                let owner = Owner {
                    term: entry.term,
                    negative: entry.negative,
                    tail: Vec::new(),
                    rest: entry.pattern.stems[1..].to_vec(),
                    inner_rests,
                    written_rest: entry.pattern.written_rest.as_bytes().to_vec(),
                    english_endings: entry.pattern.english_endings,
                    gap: entry.gap,
                    plain: entry.plain,
                };
                (needle, owner)
            })
            .collect();
        Ok(Matcher {
            written: Keys::new(written)?,
            unaccented: Unaccented::default(),
            near: Near::default(),
            street_suffixes,
        })
    }

    /// How `term` is also searched for in a text typed without `å`, `ä`
    /// and `ö`, if it is; builds those spellings' automaton if no text has
    /// yet.
    pub(crate) fn plain_pattern(&self, term: TermRef) -> Option<SearchPattern> {
        self.unaccented.pattern(&self.written, term)
    }

    /// The terms that a word of `normalized` text misses by one letter
    /// ([`near`]): for an enquiry nothing recognised, whose first line may
    /// want to know what it may have meant. Builds their automaton if no
    /// text has yet.
    pub(crate) fn near(&self, normalized: &[u8]) -> Vec<TermRef> {
        self.near.terms(&self.written, normalized)
    }

    /// Counts near spellings of longer terms: where a word holding a
    /// found term misses a longer term by one letter, with the found term
    /// inside that stretch ("eldningförbud": the keyword `eldning` was
    /// found, and the word misses `eldningsförbud`), the longer term is
    /// added to `hits` there and `out` is resolved again, so that it wins
    /// as it would have spelled right. `hits` and `out` are as
    /// [`Matcher::find`] left them. Returns the terms so added that now
    /// count, sorted.
    ///
    /// Only words longer than a found term by an ending or more are
    /// searched ([`near::LONGER_BY`]), once each.
    pub(crate) fn find_near_longer(
        &self,
        normalized: &[u8],
        hits: &mut Vec<Hit>,
        out: &mut Vec<TermRef>,
    ) -> Vec<TermRef> {
        let mut added = Vec::new();
        let mut searched = None;
        // In the order `resolve` left them (by start, longest first), so
        // that a hit inside a longer one, which does not count there, is
        // told as `resolve` tells it.
        let mut reach = None;
        for hit in hits.iter().filter(|h| !h.negative) {
            let inside = inside_longer(&mut reach, hit);
            // Most terms found start their word and end it, or all but an
            // ending: no room for a longer term. Told from the bytes next
            // to the hit, before any search for the word's bounds.
            let starts_word = hit.start == 0 || normalized.get(hit.start - 1) == Some(&b' ');
            let after = normalized.get(hit.end..).unwrap_or_default();
            let ends_soon =
                after.len() < near::LONGER_BY || after[..near::LONGER_BY].contains(&b' ');
            if inside || (starts_word && ends_soon) {
                continue;
            }
            let (_, (start, end)) =
                near::word_around(normalized, hit.start, hit.end, near::WORD_REACH);
            let len = hit.end - hit.start;
            if end - start < len + near::LONGER_BY || searched == Some(start) {
                continue;
            }
            searched = Some(start);
            self.near_longer_in_word(normalized, hits, hit, (start, end), &mut added);
        }
        if added.is_empty() {
            return Vec::new();
        }
        let mut near: Vec<TermRef> = added.iter().map(|h| h.term).collect();
        hits.extend(added);
        resolve(hits, out);
        near.sort_unstable();
        near.dedup();
        near.retain(|t| out.binary_search(t).is_ok());
        near
    }

    /// Adds to `added`, as hits, the near spellings in the word
    /// `start..end` of `normalized` text of terms longer than `hit` that
    /// span it ([`Matcher::find_near_longer`]). `hits` are the terms found.
    fn near_longer_in_word(
        &self,
        normalized: &[u8],
        hits: &[Hit],
        hit: &Hit,
        (start, end): (usize, usize),
        added: &mut Vec<Hit>,
    ) {
        let len = hit.end - hit.start;
        for (term, (from, to)) in self.near.spans(&self.written, &normalized[start..end]) {
            let (from, to) = (start + from, start + to);
            // Not where the term was found (its other spelling, with or
            // without `å`, `ä` and `ö`, is one letter off), nor a stretch
            // that cuts through a term found in the word:
            // "vattenvarmepump" is `vatten` and `värmepump`, not
            // `vattenvana` one letter off.
            let found_or_cut = |h: &Hit| {
                let overlaps = !h.negative && h.start < to && from < h.end;
                let nested = (from <= h.start && to >= h.end) || (h.start <= from && h.end >= to);
                overlaps && (h.term == term || !nested)
            };
            let spans_hit = from <= hit.start && to >= hit.end && to - from > len;
            if spans_hit && !hits.iter().any(found_or_cut) {
                added.push(Hit {
                    term,
                    negative: false,
                    start: from,
                    end: to,
                });
            }
        }
    }

    /// The terms found in `normalized` text, after overlapping matches are
    /// resolved in favour of the longer one, sorted and without repeats.
    /// `hits` is working space (cleared first), so a caller can reuse it.
    ///
    /// Returns how the text was read ([`text::reading`]) if a term was
    /// found only as written without `å`, `ä` and `ö`
    /// ([`Matcher::unaccented`]), else [`Reading::Written`].
    pub(crate) fn find(
        &self,
        normalized: &[u8],
        hits: &mut Vec<Hit>,
        out: &mut Vec<TermRef>,
    ) -> Reading {
        hits.clear();
        self.written.hits(normalized, hits);
        let written = hits.len();
        let reading = text::reading(normalized);
        if reading != Reading::Written {
            if let Some(keys) = self.unaccented.keys(&self.written) {
                keys.hits(normalized, hits);
            }
        }
        // A citizen's address is not what the enquiry is about. `retain`
        // visits the hits in order, so the index tells the plain ones.
        let (mut index, mut unaccented) = (0, false);
        hits.retain(|h| {
            let subject = !self.street_suffixes.contain(normalized, h.start, h.end);
            unaccented |= subject && index >= written;
            index += 1;
            subject
        });
        resolve(hits, out);
        if unaccented {
            reading
        } else {
            Reading::Written
        }
    }
}

/// The terms of `hits` that count (`out`, cleared first, sorted and
/// without repeats): a hit inside a longer one does not. Sorts `hits` by
/// start.
///
/// Inlined into its two callers: out of line, the sort's code for `Hit`
/// cost every routing 0.2 k instructions more.
#[inline(always)]
fn resolve(hits: &mut [Hit], out: &mut Vec<TermRef>) {
    out.clear();
    // Sweep in order of start, longest first.
    hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach = None;
    for hit in hits.iter() {
        // A negative word rules its type out wherever it stands (the
        // private `enskilda` inside `enskilda avlopp` still says the
        // municipal water service is not meant), and is no term to win.
        if hit.negative {
            out.push(hit.term);
            continue;
        }
        if !inside_longer(&mut reach, hit) {
            out.push(hit.term);
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// Whether `hit` lies inside a longer hit before it, for hits visited by
/// start, longest first: it does when an earlier hit reaches at least as
/// far. `reach` is the sweep's state, `None` at its start.
#[inline(always)]
fn inside_longer(reach: &mut Option<(usize, usize)>, hit: &Hit) -> bool {
    let inside =
        reach.is_some_and(|(start, end)| end >= hit.end && (start < hit.start || end > hit.end));
    if reach.is_none_or(|(_, end)| hit.end > end) {
        *reach = Some((hit.start, hit.end));
    }
    inside
}

/// Groups `(key, item)` pairs sorted by key: the distinct keys in order,
/// the `starts` of their groups, and the items, so that
/// `items[starts[i]..starts[i + 1]]` are those of key `i`.
fn group_by_key<K: PartialEq, T>(sorted: Vec<(K, T)>) -> (Vec<K>, Vec<usize>, Vec<T>) {
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

/// The terms of type `ty` that [`Matcher::find`] found in the text but did
/// not count, each with the longer term it lies inside (the longer term
/// wins): `hits` and `found` as `find` left them. Sorted, one entry per
/// term.
pub(crate) fn hidden_terms(hits: &[Hit], found: &[TermRef], ty: u32) -> Vec<(TermRef, TermRef)> {
    let mut out: Vec<(TermRef, TermRef)> = Vec::new();
    for hit in hits.iter().filter(|h| h.term.ty == ty && !h.negative) {
        if found.binary_search(&hit.term).is_ok() {
            continue;
        }
        let len = hit.end - hit.start;
        let cover = hits
            .iter()
            .filter(|o| !o.negative && o.start <= hit.start && o.end >= hit.end)
            .filter(|o| o.end - o.start > len)
            .max_by_key(|o| (o.end - o.start, std::cmp::Reverse(o.term)));
        if let Some(cover) = cover {
            out.push((hit.term, cover.term));
        }
    }
    out.sort_unstable();
    out.dedup_by_key(|pair| pair.0);
    out
}

impl Keys {
    /// Compiles `(needle, owner)` pairs: each owner's needle is the first
    /// word it must find; its `tail` is set here.
    fn new(entries: Vec<(Vec<u8>, Owner)>) -> Result<Keys, String> {
        let mut entries: Vec<(Vec<u8>, Owner)> = entries
            .into_iter()
            .map(|(mut key, mut owner)| {
                owner.tail = key.split_off(key.len().min(KEY_BYTES));
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
    fn hits(&self, normalized: &[u8], hits: &mut Vec<Hit>) {
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
            for owner in owners {
                if !continues_with(normalized, end, &owner.tail) {
                    continue;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Language;

    impl Matcher {
        /// The terms found in normalised `text`.
        fn found(&self, text: &str) -> Vec<TermRef> {
            let mut out = Vec::new();
            self.find(text.as_bytes(), &mut Vec::new(), &mut out);
            out
        }
    }

    /// A matcher of `entries` with `streets`; the tests' terms all compile.
    fn compile(entries: Vec<Entry<'static>>, streets: StreetSuffixes) -> Matcher {
        Matcher::new(entries, streets).unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// A matcher of positive terms with the default (Swedish) street
    /// suffixes.
    fn matcher(entries: Vec<(SearchPattern, TermRef)>) -> Matcher {
        compile(
            entries.into_iter().map(positive).collect(),
            swedish_streets(),
        )
    }

    fn positive((pattern, term): (SearchPattern, TermRef)) -> Entry<'static> {
        Entry {
            pattern: Cow::Owned(pattern),
            term,
            negative: false,
            gap: 0,
            plain: None,
        }
    }

    fn swedish_streets() -> StreetSuffixes {
        StreetSuffixes::new(crate::model::DEFAULT_STREET_SUFFIXES)
    }

    fn t(ty: u32, term: u32) -> TermRef {
        TermRef { ty, term }
    }

    /// The pattern of an English term, as a rule set compiles it.
    fn english(term: &str) -> SearchPattern {
        crate::text::search_pattern(term, Language::English)
            .unwrap_or_else(|| unreachable!("`{term}` has letters"))
    }

    /// The pattern of a term marked `exact`.
    fn exact(term: &str) -> SearchPattern {
        crate::text::exact_pattern(term).unwrap_or_else(|| unreachable!("`{term}` has letters"))
    }

    fn p(stems: &str) -> SearchPattern {
        let stems: Vec<String> = stems.split(' ').map(str::to_owned).collect();
        let inner = vec![String::new(); stems.len() - 1];
        SearchPattern::new(stems, Language::Swedish, String::new(), inner)
    }

    #[test]
    fn a_term_covers_its_written_word_beyond_the_stem() {
        // Swedish Snowball undoubles `slambrunn` to `slambrun` but leaves
        // `brunn` whole: the written `slambrunn` still holds `brunn`.
        let s = crate::text::Stemmers::new();
        let slambrunn = s
            .pattern_ref("slambrunn", Language::Swedish)
            .map(Cow::into_owned);
        let brunn = s
            .pattern_ref("brunn", Language::Swedish)
            .map(Cow::into_owned);
        let (Some(slambrunn), Some(brunn)) = (slambrunn, brunn) else {
            unreachable!("both terms have letters")
        };
        assert_eq!(slambrunn.stems, ["slambrun"]);
        assert_eq!(brunn.stems, ["brunn"]);
        let m = matcher(vec![(slambrunn, t(0, 0)), (brunn, t(1, 0))]);
        assert_eq!(m.found(" min slambrunn är full "), vec![t(0, 0)]);
        // An inflected form covers only the stem, and `brunn` is not inside.
        assert_eq!(m.found(" slambrunar "), vec![t(0, 0)]);
        assert_eq!(m.found(" brunnen "), vec![t(1, 0)]);
    }

    #[test]
    fn an_english_term_needs_an_english_ending() {
        let m = matcher(vec![
            (english("event"), t(0, 0)),
            (english("jobs"), t(1, 0)),
            (english("library"), t(2, 0)),
            (english("planning permission"), t(3, 0)),
        ]);
        // Swedish words that start like the English stems.
        assert_eq!(m.found(" kan ni eventuellt ringa "), vec![]);
        assert_eq!(m.found(" ett jobbigt problem "), vec![]);
        // The English words themselves, inflected.
        assert_eq!(m.found(" any events "), vec![t(0, 0)]);
        assert_eq!(m.found(" jobs at the council "), vec![t(1, 0)]);
        assert_eq!(m.found(" the libraries "), vec![t(2, 0)]);
        assert_eq!(m.found(" planning permissions "), vec![t(3, 0)]);
        // Every word of an English phrase, not only the last.
        assert_eq!(m.found(" planeten permission "), vec![]);
        // Swedish terms are not held to English endings.
        let m = matcher(vec![(p("bygglov"), t(0, 0))]);
        assert_eq!(m.found(" bygglovsansökan "), vec![t(0, 0)]);
    }

    #[test]
    fn a_silent_e_may_be_replaced_by_an_inflection_only() {
        let m = matcher(vec![
            (english("vote"), t(0, 0)),
            (english("note"), t(1, 0)),
            (english("care home"), t(2, 0)),
            (english("state"), t(3, 0)),
            (english("noise"), t(4, 0)),
            (english("hope"), t(5, 0)),
            (english("notes"), t(6, 0)),
            (english("rats in"), t(7, 0)),
            (english("house on fire"), t(8, 0)),
        ]);
        // The `e` replaced by an inflection, or kept before one.
        assert_eq!(m.found(" my voting station "), vec![t(0, 0)]);
        assert_eq!(m.found(" a first time voter "), vec![t(0, 0)]);
        assert_eq!(m.found(" she voted "), vec![t(0, 0)]);
        assert_eq!(m.found(" two votes "), vec![t(0, 0)]);
        assert_eq!(m.found(" it is so noisy "), vec![t(4, 0)]);
        assert_eq!(m.found(" we are hoping "), vec![t(5, 0)]);
        // The stem alone, or with what is no inflection of the word, is
        // another word.
        assert_eq!(m.found(" i could not come "), vec![]);
        assert_eq!(m.found(" my notes "), vec![t(6, 0)]);
        // Nor is an `e` an ending of a word that has none: `rats in` does
        // not find "the tax rate in Klippan" or "rates in"; an inner word
        // keeps its own `e` (`house`, stem `hous`).
        assert_eq!(m.found(" we have rats in the loft "), vec![t(7, 0)]);
        assert_eq!(m.found(" the tax rate in klippan "), vec![]);
        assert_eq!(m.found(" rates in klippan "), vec![]);
        assert_eq!(m.found(" my house on fire "), vec![t(8, 0)]);
        assert_eq!(m.found(" two houses on fire "), vec![t(8, 0)]);
        assert_eq!(m.found(" a hous on fire "), vec![]);
        assert_eq!(m.found(" nothing works "), vec![]);
        assert_eq!(m.found(" my car was towed "), vec![]);
        assert_eq!(m.found(" the care homes "), vec![t(2, 0)]);
        assert_eq!(m.found(" the care hom "), vec![]);
        assert_eq!(m.found(" the train station "), vec![]);
        assert_eq!(m.found(" static electricity "), vec![]);
        assert_eq!(m.found(" hopping mad "), vec![]);
        // A hit without the `e` ends where the stem does.
        let mut hits = Vec::new();
        let mut out = Vec::new();
        m.find(b" voting ", &mut hits, &mut out);
        assert_eq!(
            hits.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>(),
            [(1, 4)]
        );
    }

    #[test]
    fn terms_inside_a_street_name_do_not_count() {
        let m = matcher(vec![
            (p("bibliotek"), t(0, 0)),
            (p("cykelväg"), t(1, 0)),
            (p("stopp i avlopp"), t(2, 0)),
        ]);
        assert_eq!(
            m.found(" hälsningar från biblioteksgatan 3 det är stopp i avloppet "),
            vec![t(2, 0)]
        );
        // The street's own word, and the term alone, still count.
        assert_eq!(m.found(" hål på cykelvägen "), vec![t(1, 0)]);
        assert_eq!(m.found(" biblioteket på torget "), vec![t(0, 0)]);
    }

    #[test]
    fn a_gap_lets_other_words_stand_between_a_phrases_words() {
        let gapped = |pattern: SearchPattern, term, gap| Entry {
            pattern: Cow::Owned(pattern),
            term,
            negative: false,
            gap,
            plain: None,
        };
        let m = compile(
            vec![
                gapped(english("open a café"), t(0, 0), 1),
                gapped(p("överklag beslut bygglov"), t(1, 0), 2),
                gapped(p("töm kärl"), t(2, 0), 0),
                gapped(exact("bok ett rum"), t(3, 0), 1),
                gapped(p("hur högt får"), t(4, 0), 1),
                gapped(p("staket"), t(5, 0), 0),
            ],
            swedish_streets(),
        );
        // As written, and with one word between two of its words.
        assert_eq!(m.found(" i want to open a café "), vec![t(0, 0)]);
        assert_eq!(m.found(" i am opening a small café "), vec![t(0, 0)]);
        // Two words between is more than the gap.
        assert_eq!(m.found(" opening a very small café "), vec![]);
        // The phrase's own words keep their rules: `openair` is no form of
        // `open`, whatever the gap.
        assert_eq!(m.found(" an openair a café "), vec![]);
        // The nearest place of a word is not the only one tried: the first
        // `beslut` is followed by nothing, the second by `bygglov`.
        assert_eq!(
            m.found(" överklaga beslutet och beslutet om bygglovet "),
            vec![t(1, 0)]
        );
        // Without a gap, nothing may stand between.
        assert_eq!(m.found(" töm vårt kärl "), vec![]);
        assert_eq!(m.found(" töm kärlet "), vec![t(2, 0)]);
        // An exact term's words stay whole words, a gap or not.
        assert_eq!(m.found(" bok ett litet rum "), vec![t(3, 0)]);
        assert_eq!(m.found(" boka ett litet rum "), vec![]);
        // A term among the words let in lies inside the phrase, and the
        // longer term wins.
        assert_eq!(m.found(" hur högt staket får man ha "), vec![t(4, 0)]);
        assert_eq!(m.found(" ett högt staket "), vec![t(5, 0)]);
    }

    #[test]
    fn a_gap_does_not_try_every_combination_of_places() {
        // Twelve words that recur everywhere in the text, then one that
        // never comes: every start could try 4^11 combinations of places.
        // Remembering where the rest of the phrase failed makes it a few
        // hundred; without that, this test would not finish.
        let phrase = format!("{}xyz", "bla ".repeat(12));
        let m = compile(
            vec![Entry {
                pattern: Cow::Owned(p(&phrase)),
                term: t(0, 0),
                negative: false,
                gap: 3,
                plain: None,
            }],
            swedish_streets(),
        );
        let text = format!(" {}", "bla ".repeat(400));
        assert_eq!(m.found(&text), vec![]);
        let text = format!(" {}xyz ", "bla ".repeat(400));
        assert_eq!(m.found(&text), vec![t(0, 0)]);
    }

    #[test]
    fn negative_words_count_inside_longer_terms_and_hide_nothing() {
        let entries = vec![
            positive((p("enskild avlopp"), t(0, 0))),
            Entry {
                pattern: Cow::Owned(p("enskild")),
                term: t(1, 0),
                negative: true,
                gap: 0,
                plain: None,
            },
            positive((p("dagvatten"), t(1, 1))),
            positive((p("avgift"), t(2, 0))),
            Entry {
                pattern: Cow::Owned(p("avgiftsfri")),
                term: t(3, 0),
                negative: true,
                gap: 0,
                plain: None,
            },
        ];
        let m = compile(entries, swedish_streets());
        // `enskild` lies inside the phrase, yet still rules type 1 out.
        assert_eq!(
            m.found(" vårt enskilda avlopp och vårt dagvatten "),
            vec![t(0, 0), t(1, 0), t(1, 1)]
        );
        // The longer negative word does not hide the keyword inside it.
        assert_eq!(m.found(" avgiftsfri "), vec![t(2, 0), t(3, 0)]);
    }

    #[test]
    fn street_suffixes_are_the_rule_sets_own() {
        let entries = || {
            [(p("bibliotek"), t(0, 0)), (p("skol"), t(1, 0))]
                .into_iter()
                .map(positive)
                .collect()
        };
        let text = " jag bor på biblioteksleden 3 ";
        // Not a Swedish default, so the library counts...
        let m = compile(entries(), swedish_streets());
        assert_eq!(m.found(text), vec![t(0, 0)]);
        // ...until the rule set names `leden`, written in any case.
        let m = compile(entries(), StreetSuffixes::new(["Leden"]));
        assert_eq!(m.found(text), vec![]);
        // With no suffixes nothing is an address.
        let m = compile(entries(), StreetSuffixes::new([]));
        assert_eq!(m.found(" skolgatan 4 "), vec![t(1, 0)]);
    }

    #[test]
    fn longer_term_wins_over_the_one_inside_it() {
        let m = matcher(vec![
            (p("parkering"), t(0, 0)),
            (p("parkeringstillstånd"), t(1, 0)),
        ]);
        assert_eq!(m.found(" handikapparkeringstillståndet "), vec![t(1, 0)]);
        assert_eq!(m.found(" felparkering "), vec![t(0, 0)]);
    }

    #[test]
    fn words_sharing_their_first_bytes_are_told_apart() {
        // `parkeringstillstånd`, `parkering` and `parkera` share the key
        // `parker`; `parke` is shorter than a key.
        let m = matcher(vec![
            (p("parkeringstillstånd"), t(0, 0)),
            (p("parkera"), t(1, 0)),
            (p("parke"), t(2, 0)),
            (p("parkering"), t(3, 0)),
        ]);
        assert_eq!(m.found(" felparkeringen "), vec![t(3, 0)]);
        assert_eq!(m.found(" parkerade bilar "), vec![t(1, 0)]);
        assert_eq!(m.found(" parket "), vec![t(2, 0)]);
        assert_eq!(m.found(" parker "), vec![t(2, 0)]);
        assert_eq!(
            m.found(" parkeringstillståndet och parkera "),
            vec![t(0, 0), t(1, 0)]
        );
    }

    #[test]
    fn shared_patterns_report_every_owner_once() {
        let m = matcher(vec![(p("snö"), t(0, 1)), (p("snö"), t(2, 0))]);
        assert_eq!(m.found(" snö och mer snö "), vec![t(0, 1), t(2, 0)]);
    }

    /// What `find` reports for `text`: the terms, and whether one was
    /// found only as written without `å`, `ä` and `ö`.
    fn found_plain(m: &Matcher, text: &str) -> (Vec<TermRef>, bool) {
        let mut out = Vec::new();
        let plain = m.find(text.as_bytes(), &mut Vec::new(), &mut out);
        (out, plain != Reading::Written)
    }

    #[test]
    fn swedish_typed_without_its_letters_is_read_plain() {
        let m = matcher(vec![(p("förskol"), t(0, 0)), (p("snöröjning"), t(1, 0))]);
        assert_eq!(
            found_plain(&m, " jag vill ansoka om forskoleplats "),
            (vec![t(0, 0)], true)
        );
        assert_eq!(
            found_plain(&m, " nar kommer snorojningen "),
            (vec![t(1, 0)], true)
        );
        // The letters only in a signature.
        assert_eq!(
            found_plain(&m, " nar kommer snorojningen mvh åsa "),
            (vec![t(1, 0)], true)
        );
        // As written, the plain spelling is not needed.
        assert_eq!(found_plain(&m, " förskolan "), (vec![t(0, 0)], false));
        // The letters, and no plain word before or after them: typed on a
        // keyboard that has them.
        assert_eq!(
            found_plain(&m, " jag vill ansöka om forskoleplats "),
            (vec![], false)
        );
        // English.
        assert_eq!(
            found_plain(&m, " when is the forskola open "),
            (vec![], false)
        );
    }

    #[test]
    fn a_plain_spelling_inside_a_street_name_does_not_count() {
        let m = matcher(vec![(p("skolväg"), t(0, 0)), (p("förskol"), t(1, 0))]);
        // Only the street has a plain spelling: the text was not read plain.
        assert_eq!(
            found_plain(&m, " jag bor pa forskolegatan 3 "),
            (vec![], false)
        );
        assert_eq!(
            found_plain(&m, " pa forskolegatan 3 ar skolvagen hal "),
            (vec![t(0, 0)], true)
        );
    }

    #[test]
    fn a_plain_spelling_gives_way_to_short_words_and_written_terms() {
        let m = matcher(vec![
            (p("hön"), t(0, 0)),
            (p("få hjälp"), t(1, 0)),
            (p("tömning"), t(2, 0)),
            (p("tomning"), t(3, 0)),
        ]);
        // `hön` plain is the start of `hon` and `honom`.
        assert_eq!(found_plain(&m, " hon har hons "), (vec![], false));
        // A phrase's further words keep a short first word apart.
        assert_eq!(found_plain(&m, " kan jag fa hjalp "), (vec![t(1, 0)], true));
        // Plain, `tömning` is how another term is written; that one counts.
        assert_eq!(
            found_plain(&m, " vi vill ha tomning "),
            (vec![t(3, 0)], false)
        );
        // An exact word of five letters or more is read plain; a shorter
        // one, like a short stem, is not.
        let exact = matcher(vec![
            (exact("återvinningen"), t(0, 0)),
            (exact("får"), t(1, 0)),
        ]);
        assert_eq!(
            found_plain(&exact, " har atervinningen oppet "),
            (vec![t(0, 0)], true)
        );
        assert_eq!(found_plain(&exact, " min far "), (vec![], false));
    }

    #[test]
    fn word_start_patterns_need_a_word_start() {
        let m = matcher(vec![(p("is"), t(0, 0))]);
        assert!(m.found(" polis ").is_empty());
        assert_eq!(m.found(" isen "), vec![t(0, 0)]);
    }

    #[test]
    fn every_word_of_a_phrase_may_be_inflected() {
        let m = matcher(vec![(p("överklag beslut om bygglov"), t(0, 0))]);
        assert_eq!(
            m.found(" jag vill överklaga beslutet om bygglovet "),
            vec![t(0, 0)]
        );
        assert!(
            m.found(" jag vill överklaga beslutet för bygglovet ")
                .is_empty()
        );
        assert!(m.found(" överklaga beslutet om").is_empty());
    }

    #[test]
    fn a_phrase_outranks_a_keyword_inside_it() {
        let m = matcher(vec![
            (p("bygglov"), t(0, 0)),
            (p("överklag beslut om bygglov"), t(1, 0)),
        ]);
        assert_eq!(m.found(" överklaga beslutet om bygglovet "), vec![t(1, 0)]);
    }

    #[test]
    fn whole_word_stems_do_not_match_longer_words() {
        let m = matcher(vec![(
            SearchPattern::new(
                vec!["e ".to_owned(), "faktur".to_owned()],
                Language::Swedish,
                String::new(),
                vec![String::new()],
            ),
            t(0, 0),
        )]);
        assert!(m.found(" jag har fått en faktura ").is_empty());
        assert_eq!(m.found(" min e faktura kom inte "), vec![t(0, 0)]);
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        let m = matcher(Vec::new());
        let mut out = vec![t(9, 9)];
        m.find(b" vad som helst ", &mut Vec::new(), &mut out);
        assert!(out.is_empty());
    }
}
