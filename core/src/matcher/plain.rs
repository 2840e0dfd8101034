//! The terms' plain spellings: each term with `å`, `ä` or `ö` written with
//! `a` and `o` instead, searched in Swedish typed without the letters
//! ([`crate::text::is_plain_swedish`]; rules/README.md, "Text typed without
//! å, ä and ö").
//!
//! Left out, so that a plain spelling finds only what its term means:
//! - a one-word term with a short stem (fewer than
//!   [`text::COMPOUND_MIN_CHARS`] letters): plain, `hön` (of `höns`) is the
//!   start of `hon` and `honom`, unless the rule sets `plain = true`;
//! - a term whose rule sets `plain = false`;
//! - a spelling that is how another term is written (`tomning` for
//!   `tömning` where `tomning` is a term): in a plain text that term counts.

use std::sync::OnceLock;

use super::{KEY_BYTES, Keys, Owner, TermRef};
use crate::text;

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

    /// Whether `term` is also searched for spelled without the letters
    /// (builds the keys, like [`Unaccented::keys`]).
    pub(super) fn has(&self, written: &Keys, term: TermRef) -> bool {
        self.keys(written)
            .is_some_and(|keys| keys.owners.iter().any(|o| o.term == term))
    }
}

/// The owners of `written` whose terms have `å`, `ä` or `ö`, written with
/// `a` and `o` instead, unless that is how another term is written.
fn unaccented_owners(written: &Keys) -> Vec<(Vec<u8>, Owner)> {
    let plain = |b: &[u8]| text::without_swedish_letters(b).unwrap_or_else(|| b.to_vec());
    let mut unaccented = Vec::new();
    for (needle, owner) in written.entries() {
        // A short word's stem is found at the start of any word, and
        // plain it is often another common word (`hön`, for `höns`:
        // `hon`, `honom`; the exact `får`: `far`). A phrase's further words
        // keep it apart. A longer word, exact or not, is left whole.
        // The rule file's `plain` setting overrules that: `false` for a
        // term whose plain spelling is another word, `true` for a short
        // word that is none (the exact `möss`, plain `moss`).
        let first = std::str::from_utf8(&needle).unwrap_or_default();
        let short = text::short_word(first, 1 + owner.rest.len());
        if !owner.plain.unwrap_or(!short) {
            continue;
        }
        let plain_needle = plain(&needle);
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
        if changed && !written.spells(&plain_needle, &plain_owner.rest) {
            unaccented.push((plain_needle, plain_owner));
        }
    }
    unaccented
}

impl Keys {
    /// Each owner with the whole first word it must find (its key and its
    /// tail), as [`Keys::new`] takes them.
    fn entries(&self) -> Vec<(Vec<u8>, &Owner)> {
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
