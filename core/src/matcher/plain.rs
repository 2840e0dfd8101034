//! The terms' plain spellings: each term with `å`, `ä` or `ö` written with
//! `a` and `o` instead, searched in Swedish typed without the letters
//! ([`crate::text::reading`]; rules/README.md, "Text typed without
//! å, ä and ö").
//!
//! Left out, so that a plain spelling finds only what its term means:
//! - a one-word term with a short stem (fewer than
//!   [`text::COMPOUND_MIN_CHARS`] letters): plain, `hön` (of `höns`) is the
//!   start of `hon` and `honom`. If the rule sets `plain = true`, the
//!   whole word as written is searched plain (`rattor` for `råttor`);
//! - a term whose rule sets `plain = false`;
//! - a spelling that is how another term is written (`tomning` for
//!   `tömning` where `tomning` is a term): in a plain text that term counts.

use std::sync::OnceLock;

use super::{KEY_BYTES, Keys, Owner, TermRef};
use crate::text::{self, SearchPattern};

/// The terms as written without `å`, `ä` and `ö`, for
/// [`super::Matcher::find`].
///
/// Built the first time a text needs them, not with the rule set: most
/// enquiries have the letters, and building these costs some 10 M
/// instructions on Klippan (about 0.8 ms), against 75 M to load the rules.
#[derive(Default)]
pub(super) struct Unaccented(OnceLock<Option<Keys>>);

impl Unaccented {
    /// The compiled keys of `written`'s terms without the letters, built on
    /// the first call; `None` if no term has them.
    pub(super) fn keys(&self, written: &Keys) -> Option<&Keys> {
        let build = || {
            let entries = unaccented_owners(written);
            // The same terms as written compiled with the rule set, and
            // these are fewer and no longer, so this does not fail in
            // practice; if it did, the text would be read as written, as
            // without this.
            (!entries.is_empty())
                .then(|| Keys::new(entries).ok())
                .flatten()
        };
        self.0.get_or_init(build).as_ref()
    }

    /// How `term` is also searched for spelled without the letters, if it
    /// is (builds the keys, like [`Unaccented::keys`]).
    pub(super) fn pattern(&self, written: &Keys, term: TermRef) -> Option<SearchPattern> {
        let keys = self.keys(written)?;
        let i = keys.owners.iter().position(|o| o.term == term)?;
        let owner = &keys.owners[i];
        // The owner's key is that of the group its index falls in.
        let group = keys
            .starts
            .partition_point(|&start| start <= i)
            .checked_sub(1)?;
        let needle = [&keys.keys.get(group)?[..], &owner.tail].concat();
        let needle = String::from_utf8_lossy(&needle);
        let first = needle.strip_prefix(' ');
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        Some(SearchPattern {
            stems: std::iter::once(first.unwrap_or(&needle).to_owned())
                .chain(owner.rest.iter().cloned())
                .collect(),
            inside_words: first.is_none(),
            written_rest: lossy(&owner.written_rest),
            inner_rests: owner.inner_rests.iter().map(|r| lossy(r)).collect(),
            english_endings: owner.english_endings,
        })
    }
}

/// The owners of `written` whose terms have `å`, `ä` or `ö`, written with
/// `a` and `o` instead, unless that is how another term is written.
fn unaccented_owners(written: &Keys) -> Vec<(Vec<u8>, Owner)> {
    let mut unaccented = Vec::new();
    for (needle, owner) in written.entries() {
        // A short word's stem is found at the start of any word, and
        // plain it is often another common word (`hön`, for `höns`:
        // `hon`, `honom`; the exact `får`: `far`). A phrase's further words
        // keep it apart. A longer word, exact or not, is left whole.
        // The rule file's `plain` setting overrules that: `false` for a
        // term whose plain spelling is another word, `true` for a short
        // word whose plain spelling is none.
        let first = std::str::from_utf8(&needle).unwrap_or_default();
        let short = text::short_word(first, 1 + owner.rest.len());
        if !owner.plain.unwrap_or(!short) {
            continue;
        }
        let spelling = if short {
            plain_whole_word(&needle, owner)
        } else {
            plain_spelling(&needle, owner)
        };
        if let Some((plain_needle, plain_owner)) = spelling
            && !written.spells(&plain_needle, &plain_owner.rest)
        {
            unaccented.push((plain_needle, plain_owner));
        }
    }
    unaccented
}

/// `bytes` with `å` and `ä` written `a` and `ö` written `o`.
fn plain(bytes: &[u8]) -> Vec<u8> {
    text::without_swedish_letters(bytes).unwrap_or_else(|| bytes.to_vec())
}

/// The term of `owner`, whose first word's needle is `needle`, written
/// without `å`, `ä` and `ö`; `None` if it has none of them.
fn plain_spelling(needle: &[u8], owner: &Owner) -> Option<(Vec<u8>, Owner)> {
    let plain_needle = plain(needle);
    let plain_owner = Owner {
        rest: owner.rest.iter().map(|r| text::plain_string(r)).collect(),
        written_rest: plain(&owner.written_rest),
        inner_rests: owner.inner_rests.iter().map(|r| plain(r)).collect(),
        tail: Vec::new(),
        ..*owner
    };
    let changed = plain_needle != needle
        || plain_owner.rest != owner.rest
        || plain_owner.written_rest != owner.written_rest
        || plain_owner.inner_rests != owner.inner_rests;
    changed.then_some((plain_needle, plain_owner))
}

/// A one-word term's plain spelling held to the whole word as written,
/// not its stem: `råttor` (stem `rått`) is searched as the word "rattor",
/// never as the start of "ratten". `None` if the word has no `å`, `ä` or
/// `ö`.
fn plain_whole_word(needle: &[u8], owner: &Owner) -> Option<(Vec<u8>, Owner)> {
    let mut word = [needle, &owner.written_rest].concat();
    if word.last() != Some(&b' ') {
        word.push(b' ');
    }
    let whole = Owner {
        written_rest: Vec::new(),
        english_endings: false,
        tail: Vec::new(),
        ..owner.clone()
    };
    text::without_swedish_letters(&word).map(|plain_word| (plain_word, whole))
}

impl Keys {
    /// Each owner with the whole first word it must find (its key and its
    /// tail), as [`Keys::new`] takes them.
    pub(super) fn entries(&self) -> Vec<(Vec<u8>, &Owner)> {
        let groups = self.starts.windows(2).zip(&self.keys);
        groups
            .flat_map(|(w, key)| {
                let owners = self.owners.get(w[0]..w[1]).unwrap_or_default();
                owners
                    .iter()
                    .map(move |owner| ([&key[..], &owner.tail].concat(), owner))
            })
            .collect()
    }

    /// Whether a term's first word is `needle` and its further words
    /// `rest`.
    fn spells(&self, needle: &[u8], rest: &[String]) -> bool {
        let (key, tail) = needle.split_at(needle.len().min(KEY_BYTES));
        let Ok(k) = self.keys.binary_search_by(|probe| probe[..].cmp(key)) else {
            return false;
        };
        let owners = (self.starts.get(k..k + 2))
            .and_then(|w| self.owners.get(w[0]..w[1]))
            .unwrap_or_default();
        owners.iter().any(|o| o.tail == tail && o.rest == rest)
    }
}
