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
//! the first time such a text comes ([`plain`]); so is a Swedish text with
//! the letters in which no type could be chosen as written
//! ([`Matcher::find_again`]).
//!
//! A word that holds a found term and misses a longer term around it by one
//! letter counts as the longer term ([`Matcher::find_near_longer`], with
//! [`near`]).

use std::borrow::Cow;

use crate::text::{self, Reading, SearchPattern};

mod keys;
mod near;
mod phrase;
mod plain;
mod scan;
mod street;

use keys::{KEY_BYTES, Keys, Owner, group_by_key};
use near::Near;
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
                    second_first: None,
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
        let reading = text::reading(normalized);
        hits.clear();
        self.written.hits(normalized, hits);
        let written = hits.len();
        if reading != Reading::Written {
            if let Some(keys) = self.unaccented.keys(&self.written) {
                keys.hits(normalized, hits);
            }
        }
        self.settle(normalized, reading, written, hits, out)
    }

    /// [`Matcher::find`] again, for a text with `å`, `ä` or `ö` in which
    /// no type could be chosen as written, if it takes a second look
    /// ([`text::takes_second_look`]): its terms are then also searched
    /// written without the letters. `None`, and `hits` and `out`
    /// untouched, if it takes none or no term is found so.
    pub(crate) fn find_again(
        &self,
        normalized: &[u8],
        hits: &mut Vec<Hit>,
        out: &mut Vec<TermRef>,
    ) -> Option<Reading> {
        if !text::takes_second_look(normalized) {
            return None;
        }
        // Most such texts have no plain spelling of a term: those are told
        // by the one automaton, before the written terms are searched again.
        // Those hits then join the written terms' without a second scan.
        let keys = self.unaccented.keys(&self.written)?;
        let mut plain = Vec::new();
        keys.hits(normalized, &mut plain);
        let subject = |h: &Hit| !self.street_suffixes.contain(normalized, h.start, h.end);
        if !plain.iter().any(subject) {
            return None;
        }
        hits.clear();
        self.written.hits(normalized, hits);
        let written = hits.len();
        hits.append(&mut plain);
        Some(self.settle(normalized, Reading::SecondLook, written, hits, out))
    }

    /// The end of [`Matcher::find`] and [`Matcher::find_again`]: `hits`
    /// holds the written terms' hits, then from index `written` those of
    /// their plain spellings. Drops those in street names, resolves the
    /// rest into `out`, and returns `reading` if a plain spelling counted,
    /// else [`Reading::Written`].
    #[inline(always)]
    fn settle(
        &self,
        normalized: &[u8],
        reading: Reading,
        written: usize,
        hits: &mut Vec<Hit>,
        out: &mut Vec<TermRef>,
    ) -> Reading {
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

#[cfg(test)]
mod tests;
