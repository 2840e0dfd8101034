//! Text normalisation and stemming, shared by rule terms and enquiries so
//! both sides meet in the same form.
//!
//! Normalised text is lower case, in Unicode NFC (so `å`, `ä`, `ö` stay single
//! letters whether the citizen's keyboard composed them or not), with every
//! run of non-alphanumeric characters turned into one space, and a space at
//! each end: `" bygglov för garage "`. The leading and trailing spaces let a
//! pattern demand a word start by beginning with a space. Invisible
//! characters (soft hyphens, zero-width spaces and joiners, direction marks:
//! Unicode's default-ignorable code points) are dropped, not turned into
//! spaces, so `byg\u{AD}glov` pasted from a hyphenated web page is still
//! `bygglov`.

/// Longest enquiry text routed, in bytes. Longer texts are cut at a
/// character boundary before matching; the decision's trace says so. Real
/// enquiries are far shorter; the bound keeps routing time and memory
/// bounded for any input.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Stems shorter than this are only matched at the start of a word; longer
/// ones anywhere in a word, so that `bygglov` finds `bygglovsansökan` and
/// `parkeringstillstånd` finds `handikapparkeringstillståndet` (Swedish
/// writes compounds as one word).
pub const COMPOUND_MIN_CHARS: usize = 5;

mod stem;
mod unaccented;

pub(crate) use stem::Stemmers;
pub use stem::{
    ENGLISH_ENDINGS, ENGLISH_ENDINGS_AFTER_DOUBLING, ENGLISH_ENDINGS_AFTER_SILENT_E, Language,
    SearchPattern, exact_pattern, is_english_ending, search_pattern,
};
pub use unaccented::{ENGLISH_WORDS, PLAIN_WORDS, SWEDISH_WORDS};
pub(crate) use unaccented::{
    Reading, has_swedish_letters, plain_string, reading, short_word, takes_second_look,
    without_swedish_letters,
};

/// Normalises `text` into `out` (cleared first), as UTF-8 bytes: the
/// matcher works on bytes, so the text is not validated again. Returns
/// whether the text was cut at [`MAX_TEXT_BYTES`].
pub(crate) fn normalize_into(text: &str, out: &mut Vec<u8>) -> bool {
    let truncated = text.len() > MAX_TEXT_BYTES;
    let text = if truncated {
        &text[..floor_char_boundary(text, MAX_TEXT_BYTES)]
    } else {
        text
    };
    if !fold(text, out, cfg!(feature = "nfc")) {
        // A combining character in a text that is not in NFC: compose
        // first, then fold.
        fold(&nfc::compose(text), out, false);
    }
    truncated
}

/// Composition to NFC, with the `nfc` feature (the default).
///
/// Without it, text is folded as it is given: the caller composes it first
/// (the WebAssembly binding has the browser's `String.prototype.normalize`
/// do so, sparing the module unicode-normalization's tables), and in text
/// that is not composed a combining mark separates words.
mod nfc {
    /// Whether `text` is in NFC, by the quick check.
    #[cfg(feature = "nfc")]
    pub(super) fn is_nfc(text: &str) -> bool {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        is_nfc_quick(text.chars()) == IsNormalized::Yes
    }

    /// `text` in NFC.
    #[cfg(feature = "nfc")]
    pub(super) fn compose(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect()
    }

    /// Taken as composed: the caller composed it.
    #[cfg(not(feature = "nfc"))]
    pub(super) fn is_nfc(_text: &str) -> bool {
        true
    }

    /// `text` as given: the caller composed it.
    #[cfg(not(feature = "nfc"))]
    pub(super) fn compose(text: &str) -> String {
        text.to_owned()
    }
}

/// Whether `text` is in Unicode NFC without checking: it has no code point
/// from U+0300 up, where the first combining marks start. Every such code
/// point's UTF-8 lead byte is `0xCC` or more, so this is a byte scan. Any
/// text typed in Swedish or English on a keyboard that composes passes it;
/// a binding that composes text itself (the WebAssembly one) can skip
/// composing what passes.
pub fn is_plainly_nfc(text: &str) -> bool {
    text.bytes().all(|b| b < FIRST_COMBINING_LEAD)
}

/// The UTF-8 lead byte of U+0300, the first combining mark: every code
/// point below it is in NFC on its own.
const FIRST_COMBINING_LEAD: u8 = 0xCC;

/// Normalises `text` (see the module documentation).
pub(crate) fn normalize(text: &str) -> String {
    let mut out = Vec::new();
    normalize_into(text, &mut out);
    // `fold` writes whole UTF-8 sequences only, so this cannot fail; the
    // lossy branch keeps the function total without a panic path.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Folds `text` into `buf` (cleared first): lower case, default-ignorable
/// characters dropped, every run of other characters one space, a space at
/// each end.
///
/// Written by hand, byte by byte, because it runs over every enquiry and
/// dominated the routing time when it went through `char` methods: ASCII
/// and Latin-1 (å, ä, ö, é, ü …), nearly all of any Swedish or English text,
/// are folded by table into a buffer sized up front; other characters use
/// the standard library's Unicode tables. Every code point below U+0300 is
/// already in NFC (the first combining marks start there) and their UTF-8
/// lead bytes are all below [`FIRST_COMBINING_LEAD`], so NFC is only
/// checked when such a byte occurs (as [`is_plainly_nfc`] says). With
/// `check_nfc`, returns `false` (and `buf` is incomplete) when the text is
/// not in NFC.
fn fold(text: &str, buf: &mut Vec<u8>, check_nfc: bool) -> bool {
    // ASCII and Latin-1 never grow when folded; the ends add two spaces.
    buf.clear();
    buf.resize(text.len() + 2, 0);
    buf[0] = b' ';
    let mut n = 1;
    let mut space = true;
    let bytes = text.as_bytes();
    let mut nfc_checked = !check_nfc;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let folded = if b < 0x80 {
            i += 1;
            ASCII_FOLD[usize::from(b)]
        } else if b < 0xC4 {
            // At a character boundary this is 0xC2 or 0xC3: U+0080–U+00FF.
            let low = bytes.get(i + 1).map_or(0, |c| c & 0x3F);
            i += 2;
            let l = LATIN1_FOLD[usize::from(((b & 0x01) << 6) | low)];
            if l == SOFT_HYPHEN {
                continue;
            }
            if l != 0 {
                if let Some(slot) = buf.get_mut(n..n + 2) {
                    slot.copy_from_slice(&[0xC0 | (l >> 6), 0x80 | (l & 0x3F)]);
                }
                n += 2;
                space = false;
                continue;
            }
            0
        } else {
            if b >= FIRST_COMBINING_LEAD && !nfc_checked {
                if !nfc::is_nfc(text) {
                    return false;
                }
                nfc_checked = true;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if is_default_ignorable(c) {
                continue;
            }
            if c.is_alphanumeric() {
                // Lower case may be longer (`İ` is `i` and a dot above).
                buf.truncate(n);
                let mut utf8 = [0; 4];
                for lower in c.to_lowercase() {
                    buf.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
                }
                n = buf.len();
                buf.resize(n + (bytes.len() - i) + 2, 0);
                space = false;
                continue;
            }
            0
        };
        if folded != 0 {
            buf[n] = folded;
            n += 1;
            space = false;
        } else if !space {
            buf[n] = b' ';
            n += 1;
            space = true;
        }
    }
    if !space {
        buf[n] = b' ';
        n += 1;
    }
    buf.truncate(n);
    true
}

/// ASCII folded: letters lower-cased, digits kept, anything else 0.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b: u8 = 0;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// U+0080–U+00FF folded, indexed by the code point minus 0x80: the
/// lower-case code point of a letter or digit, [`SOFT_HYPHEN`] for the soft
/// hyphen, 0 for anything else. Checked against the standard library for
/// every entry in the tests.
const LATIN1_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut i = 0;
    while i < 128 {
        let b = 0x80 + i as u8;
        if latin1_alphanumeric(b) {
            table[i] = if matches!(b, 0xC0..=0xDE) && b != 0xD7 {
                b + 0x20
            } else {
                b
            };
        } else if is_default_ignorable(b as char) {
            table[i] = SOFT_HYPHEN;
        }
        i += 1;
    }
    table
};

/// The [`LATIN1_FOLD`] entry of the default-ignorable code points (in
/// Latin-1 only U+00AD SOFT HYPHEN, as [`is_default_ignorable`] says): not
/// 0, so that it is dropped rather than made a space, and below every
/// letter the table holds (U+00AA and up).
const SOFT_HYPHEN: u8 = 1;

/// Unicode's `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt,
/// unchanged from Unicode 9 to 16): characters that are invisible unless a
/// renderer shows them on purpose. A hyphenated web page or word processor
/// leaves soft hyphens inside words, and copied text carries zero-width
/// spaces, joiners, direction marks and variation selectors.
///
/// Written out here because the standard library has no query for the
/// property, and the crate that has (`icu_properties`) would bring tables
/// for every property to answer for twenty ranges.
pub(crate) const fn is_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// `char::is_alphanumeric` for the Latin-1 supplement (U+0080–U+00FF):
/// letters, the ordinal indicators, the micro sign, superscript digits and
/// vulgar fractions.
const fn latin1_alphanumeric(b: u8) -> bool {
    matches!(b, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The normalised words of `text`.
pub(crate) fn words(text: &str) -> Vec<String> {
    split_words(&normalize(text)).map(str::to_owned).collect()
}

/// The words of normalised text: it has single spaces only, so there is no
/// need for `split_whitespace`'s Unicode tables.
fn split_words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s)
    }

    #[test]
    fn normalises_case_punctuation_and_composition() {
        assert_eq!(norm("Hej!  BYGGLOV, tack."), " hej bygglov tack ");
        assert_eq!(norm("ÅÄÖ"), " åäö ");
        assert_eq!(norm(""), " ");
        assert_eq!(norm("!!!"), " ");
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn combining_marks_are_composed() {
        // "a" + combining ring above composes to "å".
        assert_eq!(norm("Sa\u{30A}g"), " såg ");
    }

    #[cfg(not(feature = "nfc"))]
    #[test]
    fn without_nfc_text_is_folded_as_given() {
        // Composed text is folded as with the feature; a combining ring
        // above, which the caller should have composed, separates words.
        assert_eq!(norm("Såg"), " såg ");
        assert_eq!(norm("Sa\u{30A}g"), " sa g ");
    }

    #[test]
    fn latin1_fast_path_agrees_with_the_standard_library() {
        for b in 0x80..=0xFFu8 {
            let c = char::from(b);
            assert_eq!(latin1_alphanumeric(b), c.is_alphanumeric(), "{c:?}");
            if c.is_alphanumeric() {
                let expected: String = format!(" {} ", c.to_lowercase());
                assert_eq!(norm(&c.to_string()), expected, "{c:?}");
            }
        }
    }

    /// The definition the byte-wise fast path must agree with.
    #[cfg(feature = "nfc")]
    fn reference(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::from(" ");
        for c in text.nfc() {
            if is_default_ignorable(c) {
                continue;
            }
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
        out
    }

    #[cfg(feature = "nfc")]
    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_the_definition(text in "(?s).{0,40}") {
            proptest::prop_assert_eq!(norm(&text), reference(&text));
        }

        #[test]
        fn fast_path_agrees_on_swedish_and_combining_text(
            text in "[a-zA-Z0-9åäöÅÄÖéüß \u{0300}\u{0308}\u{030A}.,!İΣ\u{1E9E}-]{0,40}"
        ) {
            proptest::prop_assert_eq!(norm(&text), reference(&text));
        }

        #[test]
        fn fast_path_agrees_on_invisible_characters(
            text in "[a-zåäö \u{AD}\u{34F}\u{200B}-\u{200F}\u{2060}\u{FE0F}\u{FEFF}\u{3164}\u{E0041}]{0,40}"
        ) {
            proptest::prop_assert_eq!(norm(&text), reference(&text));
        }
    }

    #[test]
    fn plainly_nfc_text_has_nothing_from_the_first_combining_mark_up() {
        assert!(is_plainly_nfc("Bygglov för ÅÄÖ, é och ü"));
        assert!(is_plainly_nfc("\u{2FF}"));
        assert!(!is_plainly_nfc("a\u{300}"));
        assert!(!is_plainly_nfc("Sa\u{30A}g"));
        // Not NFC-breaking, but above the line: checked, not assumed.
        assert!(!is_plainly_nfc("Σ"));
    }

    #[test]
    fn invisible_characters_are_dropped_not_made_spaces() {
        // Soft hyphens from a hyphenated web page, a zero-width space, a
        // word joiner, a byte-order mark and a direction mark inside words.
        assert_eq!(norm("byg\u{AD}glov"), " bygglov ");
        assert_eq!(norm("sop\u{200B}kärl\u{2060}et"), " sopkärlet ");
        assert_eq!(norm("\u{FEFF}Hej\u{200E} då"), " hej då ");
        // A non-breaking space still separates words.
        assert_eq!(norm("hej\u{A0}då"), " hej då ");
        assert!(is_default_ignorable('\u{E0FFF}'));
        assert!(!is_default_ignorable('\u{E1000}'));
        assert!(!is_default_ignorable('-'));
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let long = "å".repeat(MAX_TEXT_BYTES);
        let mut out = Vec::new();
        assert!(normalize_into(&long, &mut out));
        assert!(out.len() <= MAX_TEXT_BYTES + 2);
    }
}
