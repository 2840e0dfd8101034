//! Street names in enquiries: a term inside one names the citizen's
//! address, not the subject.

use crate::text::{normalize, without_swedish_letters};

/// Endings of street names, normalised (`[policy] street_suffixes`): a
/// word that ends with one and has more before it (`biblioteksgatan`,
/// `badhusvägen`, `skolgränd`) names a street.
#[derive(Clone, Debug)]
pub(crate) struct StreetSuffixes {
    suffixes: Vec<Vec<u8>>,
    /// The length in bytes of the shortest suffix.
    shortest: usize,
}

impl StreetSuffixes {
    /// The endings given, each normalised as enquiry text is; those that
    /// are not one word are left out (validation reports them). An ending
    /// with `å`, `ä` or `ö` is also known written with `a` and `o`
    /// (`vagen`), as a text typed without them has it.
    pub(crate) fn new<'a>(suffixes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut suffixes: Vec<Vec<u8>> = suffixes.into_iter().filter_map(Self::word).collect();
        let plain: Vec<Vec<u8>> = suffixes
            .iter()
            .filter_map(|s| without_swedish_letters(s))
            .collect();
        suffixes.extend(plain);
        let shortest = suffixes.iter().map(Vec::len).min().unwrap_or(0);
        StreetSuffixes { suffixes, shortest }
    }

    /// A street suffix as it is searched for: normalised, if it is one
    /// word with a letter or digit.
    pub(crate) fn word(suffix: &str) -> Option<Vec<u8>> {
        let normalized = normalize(suffix);
        let word = normalized.trim_matches(' ');
        (!word.is_empty() && !word.contains(' ')).then(|| word.as_bytes().to_vec())
    }

    /// Whether the term found at `start..end` lies in the name part of a
    /// street name: within one word that ends with a street suffix, wholly
    /// before it. The address in "jag bor på Biblioteksgatan 3" is not
    /// about the library, nor "Skolgatan" about school. A term that reaches
    /// into the suffix (`cykelväg` in `cykelvägen`) is the word itself and
    /// counts.
    pub(super) fn contain(&self, text: &[u8], start: usize, end: usize) -> bool {
        if self.suffixes.is_empty() {
            return false;
        }
        let (Some(found), Some(rest)) = (text.get(start..end), text.get(end..)) else {
            return false;
        };
        if found.contains(&b' ') {
            return false;
        }
        let word_end = end + rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        // Most found words end within a few letters, before any suffix fits.
        if word_end - end < self.shortest {
            return false;
        }
        let Some(word) = text.get(..word_end) else {
            return false;
        };
        self.suffixes
            .iter()
            .any(|s| word.ends_with(s) && end + s.len() <= word_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn swedish() -> StreetSuffixes {
        StreetSuffixes::new(crate::model::DEFAULT_STREET_SUFFIXES)
    }

    #[test]
    fn a_term_before_the_suffix_of_its_word_is_in_a_street_name() {
        assert!(swedish().contain(b" skolgatan ", 1, 5));
        // Reaching into the suffix, it is the word itself.
        assert!(!swedish().contain(" cykelvägen ".as_bytes(), 1, 10));
        // The suffix alone is no street name.
        assert!(!swedish().contain(b" gatan ", 1, 4));
        // A phrase spans words; a street name is one.
        assert!(!swedish().contain(b" stopp i skolgatan ", 1, 12));
        // Typed without `ä`, `badhusvagen` is still a street.
        assert!(swedish().contain(b" badhusvagen ", 1, 7));
        assert_eq!(swedish().shortest, "gatan".len());
    }

    #[test]
    fn suffixes_are_normalised_single_words() {
        assert_eq!(StreetSuffixes::word(" Allén "), Some("allén".into()));
        assert_eq!(StreetSuffixes::word("väg en"), None);
        // Endings that are not one word are left out.
        assert!(
            StreetSuffixes::new(["", " - ", "väg en"])
                .suffixes
                .is_empty()
        );
        assert!(!StreetSuffixes::new([]).contain(b" skolgatan ", 1, 5));
    }
}
