//! Swedish written without `å`, `ä` and `ö`.
//!
//! A citizen on a foreign keyboard, or a phone set to another language,
//! writes `forskola` for `förskola` and `sopkarl` for `sopkärl`. Such a
//! text has none of the three letters anywhere, and it does not read as
//! English ([`is_plain_swedish`]): then the matcher also searches every
//! term that has the letters, written with `a` and `o` instead. A text with
//! even one of the letters was typed on a keyboard that has them, and its
//! other words are taken as written; so is an English text, where plain
//! Swedish stems are English words (`smällare` is `small`).
//!
//! Written by hand: the three letters are two bytes each in normalised
//! (lower-case, NFC) text, and these are byte comparisons, not a general
//! transliteration (`ü`, `é` and the rest keep their letters). Nor is the
//! test for Swedish a language detector, which would cost the WebAssembly
//! module its tables: it only has to tell Swedish from English in a text
//! sent to a Swedish municipality, and a handful of words that are common
//! in the one and absent from the other do that.

use super::COMPOUND_MIN_CHARS;

/// The second UTF-8 byte of `å` (U+00E5), `ä` (U+00E4) and `ö` (U+00F6);
/// the first is [`LEAD`] for all three.
const SECOND: [(u8, u8); 3] = [(0xA5, b'a'), (0xA4, b'a'), (0xB6, b'o')];

/// The first UTF-8 byte of `å`, `ä` and `ö`.
const LEAD: u8 = 0xC3;

/// What `second` (the byte after a [`LEAD`] byte) stands for without its
/// dots or ring, if it is the second byte of `å`, `ä` or `ö`.
fn plain(second: u8) -> Option<u8> {
    SECOND
        .iter()
        .find(|&&(byte, _)| byte == second)
        .map(|&(_, letter)| letter)
}

/// Everyday Swedish words with no `å`, `ä` or `ö`, or with them written
/// plain (`ar` for `är`, `pa` for `på`), none of which is an English word:
/// a text with one of them is Swedish, even if it has English words.
///
/// A text with none of `å`, `ä` and `ö` is read as Swedish typed without
/// them (its terms with the letters also searched written with `a` and
/// `o`) when it has one of these words, or none of the [`ENGLISH_WORDS`].
pub const SWEDISH_WORDS: &[&str] = &[
    "ar", "att", "det", "eller", "en", "ett", "fran", "har", "hur", "jag", "kan", "med", "nar",
    "och", "pa", "ska", "som", "vad", "vi", "vill",
];

/// Everyday English words that are no Swedish words, plain or not (so not
/// `is`, `do` or `be`: `is`, `dö`, `be`): a text with one of them and none
/// of the [`SWEDISH_WORDS`] is English.
pub const ENGLISH_WORDS: &[&str] = &[
    "and", "are", "can", "does", "have", "how", "it", "my", "need", "of", "our", "please", "the",
    "there", "think", "this", "to", "we", "what", "when", "where", "who", "with", "would", "you",
    "your",
];

/// Whether normalised `text` is Swedish typed without `å`, `ä` and `ö`: it
/// has none of them, and it has one of the [`SWEDISH_WORDS`] or none of the
/// [`ENGLISH_WORDS`] (a short search such as `forskoleplats ansokan` has
/// neither).
pub(crate) fn is_plain_swedish(text: &[u8]) -> bool {
    if has_swedish_letters(text) {
        return false;
    }
    let mut english = false;
    for word in text.split(|&b| b == b' ') {
        if SWEDISH_WORDS.iter().any(|w| w.as_bytes() == word) {
            return true;
        }
        english = english || ENGLISH_WORDS.iter().any(|w| w.as_bytes() == word);
    }
    !english
}

/// Whether normalised `text` has an `å`, `ä` or `ö`.
pub(crate) fn has_swedish_letters(text: &[u8]) -> bool {
    text.windows(2)
        .any(|w| w[0] == LEAD && plain(w[1]).is_some())
}

/// Whether a term whose first word is searched as `first` (its stem, or
/// the word itself for an exact term) and which has `words` words is left
/// out of the plain spellings unless its rule asks for them: a one-word
/// term of fewer than [`COMPOUND_MIN_CHARS`] letters, found at the start
/// of any word (`hön`, of `höns`, would find "hon" and "honom").
pub(crate) fn short_word(first: &str, words: usize) -> bool {
    words == 1 && first.trim().chars().count() < COMPOUND_MIN_CHARS
}

/// Normalised `text` with `å` and `ä` written `a` and `ö` written `o`, or
/// as it is if it has none of them.
pub(crate) fn plain_string(text: &str) -> String {
    // Only ASCII letters replace whole UTF-8 sequences, so the result is
    // UTF-8 still.
    without_swedish_letters(text.as_bytes())
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| text.to_owned())
}

/// Normalised `text` with `å` and `ä` written `a` and `ö` written `o`, or
/// `None` if it has none of them.
pub(crate) fn without_swedish_letters(text: &[u8]) -> Option<Vec<u8>> {
    if !has_swedish_letters(text) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match text.get(i + 1).and_then(|&next| plain(next)) {
            Some(letter) if b == LEAD => {
                out.push(letter);
                i += 2;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_letters_are_written_plain() {
        assert_eq!(
            without_swedish_letters(" sopkärl på gården för öl ".as_bytes()).as_deref(),
            Some(" sopkarl pa garden for ol ".as_bytes())
        );
    }

    #[test]
    fn other_letters_keep_their_accents() {
        let text = " café über façade ";
        assert!(!has_swedish_letters(text.as_bytes()));
        assert_eq!(without_swedish_letters(text.as_bytes()), None);
        // `é` and `ü` share the lead byte; only their neighbours change.
        assert_eq!(
            without_swedish_letters(" éå ü ".as_bytes()).as_deref(),
            Some(" éa ü ".as_bytes())
        );
    }

    #[test]
    fn swedish_is_told_from_english_by_its_everyday_words() {
        let plain = |text: &str| is_plain_swedish(text.as_bytes());
        assert!(plain(" nar tommer ni sopkarlet "));
        assert!(plain(" jag vill ansoka om forskola "));
        assert!(!plain(
            " when will you clear the snow from our small street "
        ));
        // A Swedish word outweighs English ones.
        assert!(plain(" hej vi har en fraga about the forskola "));
        // English that asks without any of the commonest words: plain,
        // `smällare` would be its `small`.
        assert!(!plain(" do i need a building permit for a small garage "));
        // A short search reads as neither.
        assert!(plain(" forskoleplats ansokan "));
        // With the letters, it was typed on a Swedish keyboard.
        assert!(!plain(" när tömmer ni sopkarl "));
    }

    #[test]
    fn the_everyday_words_are_plain_sorted_and_apart() {
        for words in [SWEDISH_WORDS, ENGLISH_WORDS] {
            assert!(words.is_sorted());
            for word in words {
                assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
            }
        }
        assert!(SWEDISH_WORDS.iter().all(|w| !ENGLISH_WORDS.contains(w)));
    }

    #[test]
    fn a_lead_byte_at_the_end_is_kept() {
        assert_eq!(without_swedish_letters(&[b'a', LEAD]), None);
        assert!(!has_swedish_letters(&[LEAD]));
        assert!(has_swedish_letters(" ö".as_bytes()));
    }
}
