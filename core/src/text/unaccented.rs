//! Swedish written without `å`, `ä` and `ö`.
//!
//! A citizen on a foreign keyboard, or a phone set to another language,
//! writes `forskola` for `förskola` and `sopkarl` for `sopkärl`. Such a
//! text has none of the three letters anywhere, and it does not read as
//! English ([`reading`]): then the matcher also searches every
//! term that has the letters, written with `a` and `o` instead. A text with
//! one of the letters was typed on a keyboard that has them, and its other
//! words are taken as written (there `forskola` is a typing error), unless
//! it also has a word that only plain typing writes ([`PLAIN_WORDS`]: `pa`,
//! `nar`, `behover` …) before the first of them or after the last, or has
//! only a few of them: then the letters came with a name, a signature or
//! a quoted reply ("Skickat från min iPhone", "Hej Göran! … Mvh Åsa"), and
//! the rest was typed plain. Where no type can be chosen in it as written
//! (none is recognised, or two are too close), a Swedish text with the
//! letters gets a second look ([`takes_second_look`]): the letters may
//! have come with names and no plain word, or `forskola` was a typing
//! error beside them. An English text is read as written, where plain
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

/// Everyday Swedish words with no `å`, `ä` or `ö`, none of which is an
/// English word: a text with one of them (or one of the [`PLAIN_WORDS`])
/// is Swedish, even if it has English words.
///
/// A text with none of `å`, `ä` and `ö` is read as Swedish typed without
/// them (its terms with the letters also searched written with `a` and
/// `o`) when it has one of these words or of the [`PLAIN_WORDS`], or none
/// of the [`ENGLISH_WORDS`].
pub const SWEDISH_WORDS: &[&str] = &[
    "att", "det", "eller", "en", "ett", "har", "hur", "jag", "kan", "med", "och", "ska", "som",
    "vad", "vi", "vill",
];

/// Everyday Swedish words typed without their `å`, `ä` or `ö` (`pa` for
/// `på`, `behover` for `behöver`), none of which is a Swedish or an
/// English word as it stands: only plain typing writes them.
///
/// A text with one of them is Swedish, and read as typed without the
/// letters even where it has some of them, if one of these words comes
/// before the first of them or after the last, or anywhere when it has at
/// most four of them: a name, a greeting, a signature or a quoted reply
/// brought those in ("Skickat från min iPhone", "Hej Göran! … Mvh Åsa").
pub const PLAIN_WORDS: &[&str] = &[
    "anmala",
    "anmaler",
    "ansoka",
    "ansoker",
    "ar",
    "begara",
    "behover",
    "fa",
    "fatt",
    "forslag",
    "fraga",
    "fran",
    "ga",
    "gar",
    "gor",
    "gora",
    "hjalp",
    "hjalpa",
    "kopa",
    "kvall",
    "lamna",
    "lamnar",
    "langre",
    "langt",
    "manad",
    "maste",
    "mojligt",
    "nagon",
    "nagot",
    "nagra",
    "nar",
    "ocksa",
    "oppet",
    "oppettider",
    "pa",
    "sjalv",
    "soka",
    "soker",
    "tillstand",
    "tva",
    "utanfor",
    "varfor",
];

/// Everyday English words that are no Swedish words, plain or not (so not
/// `is`, `do` or `be`: `is`, `dö`, `be`): a text with one of them and none
/// of the [`SWEDISH_WORDS`] or the [`PLAIN_WORDS`] is English.
pub const ENGLISH_WORDS: &[&str] = &[
    "and", "are", "can", "does", "have", "how", "it", "my", "need", "of", "our", "please", "the",
    "there", "think", "this", "to", "we", "what", "when", "where", "who", "with", "would", "you",
    "your",
];

/// For each first byte, the range of the [`PLAIN_WORDS`] that begin with
/// it: the list is sorted (the build fails if it is not).
const PLAIN_WORDS_BY_FIRST: [(u8, u8); 256] = {
    let mut table = [(0, 0); 256];
    let mut i = 0;
    while i < PLAIN_WORDS.len() {
        let first = PLAIN_WORDS[i].as_bytes()[0];
        assert!(
            i == 0 || PLAIN_WORDS[i - 1].as_bytes()[0] <= first,
            "PLAIN_WORDS is not sorted"
        );
        let slot = &mut table[first as usize];
        if slot.1 == 0 {
            slot.0 = i as u8;
        }
        slot.1 = i as u8 + 1;
        i += 1;
    }
    table
};

/// Whether `word` is one of the [`PLAIN_WORDS`]: most words begin with a
/// letter none of them does, and the rest are compared with a few. (A
/// binary search of the list cost a routing 2 k instructions more.)
fn is_plain_word(word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return false;
    };
    let (from, to) = PLAIN_WORDS_BY_FIRST[usize::from(first)];
    let words = PLAIN_WORDS.get(usize::from(from)..usize::from(to));
    words
        .unwrap_or_default()
        .iter()
        .any(|w| w.as_bytes() == word)
}

/// How a text is read for the terms with `å`, `ä` or `ö`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// As written only.
    Written,
    /// Also as typed without the letters: the text has none of them.
    Plain,
    /// Also as typed without the letters: the text has them only towards
    /// its ends, beside a word that only plain typing writes, or it has
    /// only a few of them, and such a word between.
    MostlyPlain,
    /// Also as typed without the letters, on a second look
    /// ([`takes_second_look`]): the text has them, no type could be
    /// chosen in it as written, and its words read as Swedish.
    SecondLook,
}

/// How normalised `text` is read ([`Reading`]): whether it is Swedish
/// typed without `å`, `ä` and `ö`.
///
/// - A text with none of them is, when it has one of the [`SWEDISH_WORDS`]
///   or the [`PLAIN_WORDS`], or none of the [`ENGLISH_WORDS`] (a short
///   search such as `forskoleplats ansokan` has neither).
/// - A text with them is, when before the first of them or after the last
///   it has one of the [`PLAIN_WORDS`]: the letters came with a name, a
///   greeting, a signature or a quoted reply at one end of a text typed
///   plain. Only the two ends are looked at: a routing looks up each word
///   it reads, and a text typed with the letters has one within a few
///   words of each end.
/// - It also is when it has at most [`NAME_LETTERS`] of them and one of the
///   [`PLAIN_WORDS`] between the first and the last ([`names_between`]):
///   names at both ends of a text typed plain.
///
/// Elsewhere, a text with them is read plain only where no type could be
/// chosen in it as written ([`takes_second_look`]).
pub(crate) fn reading(text: &[u8]) -> Reading {
    if let Some(first) = first_letter(text) {
        let last = last_letter(text).unwrap_or(first);
        let (before, after) = (&text[..first], text.get(last + 2..).unwrap_or_default());
        let plain = words(before).any(is_plain_word)
            || words(after).any(is_plain_word)
            || names_between(text.get(first..last + 2).unwrap_or_default());
        return if plain {
            Reading::MostlyPlain
        } else {
            Reading::Written
        };
    }
    if reads_swedish(text) {
        Reading::Plain
    } else {
        Reading::Written
    }
}

/// How many `å`, `ä` and `ö` (with the other Latin-1 letters, `é`, `ü` …)
/// a text may have and still be read as typed plain between them
/// ([`names_between`]): those of a greeting's name and a signature's first
/// name and surname ("Hej Göran! … Mvh Åsa Jönsson"). A text typed with
/// the letters has one in about every fifth word.
const NAME_LETTERS: usize = 4;

/// Whether `middle`, a normalised text from its first `å`, `ä` or `ö` to
/// its last, has at most [`NAME_LETTERS`] of them, and one of its words is
/// one of the [`PLAIN_WORDS`]: the letters came with names at both ends of
/// a text typed plain ("Hej Göran! … pa torget … Mvh Åsa"), or one of them
/// was a typing error in a short text, whose plain spellings are then
/// searched as well.
///
/// The letters' first byte ([`LEAD`], also that of `é`, `ü` and the other
/// Latin-1 letters, which count too) is counted first, with `memchr`: a
/// text typed with the letters has too many, and only a text with few has
/// its words looked up.
fn names_between(middle: &[u8]) -> bool {
    memchr::memchr_iter(LEAD, middle).count() <= NAME_LETTERS && words(middle).any(is_plain_word)
}

/// Whether normalised `text`, which has `å`, `ä` or `ö` and is read as
/// written ([`reading`]), is read again as typed without them when no
/// type could be chosen in it (none recognised, or two too close): when
/// its words read as Swedish, not English (as a text without the letters
/// must to be read plain).
///
/// The letters then came with names at both ends of a text typed plain
/// without any of the [`PLAIN_WORDS`] ("Hej Göran! Plats i forskola till
/// hosten. Mvh Åsa"), or with a signature and none of them ("Vart sopkarl
/// har blivit stulet. Mvh Sören"): as written the text says too little to
/// the rules, so a typing error is the likelier reading of `sopkarl` than a
/// word the rules do not know. Only an enquiry no type was chosen for pays
/// for the question.
pub(crate) fn takes_second_look(text: &[u8]) -> bool {
    reading(text) == Reading::Written && has_swedish_letters(text) && reads_swedish(text)
}

/// Whether the words of normalised `text` read as Swedish: one of them is
/// one of the [`SWEDISH_WORDS`] or the [`PLAIN_WORDS`], or none is one of
/// the [`ENGLISH_WORDS`] (a short search such as `forskoleplats ansokan`
/// has neither). Words with `å`, `ä` or `ö` are in none of the lists.
fn reads_swedish(text: &[u8]) -> bool {
    let mut english = false;
    for word in words(text) {
        if is_plain_word(word) || SWEDISH_WORDS.iter().any(|w| w.as_bytes() == word) {
            return true;
        }
        english = english || ENGLISH_WORDS.iter().any(|w| w.as_bytes() == word);
    }
    !english
}

/// The words of normalised `text`, split at its spaces.
fn words(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|&b| b == b' ')
}

/// Whether normalised `text` has an `å`, `ä` or `ö`.
pub(crate) fn has_swedish_letters(text: &[u8]) -> bool {
    first_letter(text).is_some()
}

/// Where the first `å`, `ä` or `ö` of normalised `text` is. `memchr` finds
/// their shared first byte ([`LEAD`]), which is rare in Swedish text
/// otherwise.
fn first_letter(text: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| memchr::memchr(LEAD, rest)) {
        let at = from + at;
        if is_letter(text.get(at..at + 2).unwrap_or_default()) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where the last `å`, `ä` or `ö` of normalised `text` is.
fn last_letter(text: &[u8]) -> Option<usize> {
    let mut to = text.len();
    while let Some(at) = text.get(..to).and_then(|rest| memchr::memrchr(LEAD, rest)) {
        if is_letter(text.get(at..at + 2).unwrap_or_default()) {
            return Some(at);
        }
        to = at;
    }
    None
}

/// Whether `pair`, two bytes of normalised text, is an `å`, `ä` or `ö`.
fn is_letter(pair: &[u8]) -> bool {
    pair.first() == Some(&LEAD) && pair.get(1).and_then(|&b| plain(b)).is_some()
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
        let plain = |text: &str| reading(text.as_bytes()) == Reading::Plain;
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
        // A plain word is Swedish too.
        assert!(plain(" behover you help with the forskola "));
        // With the letters, it was typed on a Swedish keyboard.
        assert!(!plain(" när tömmer ni sopkarl "));
    }

    #[test]
    fn letters_at_one_end_of_a_plain_text_leave_it_plain() {
        let read = |text: &str| reading(text.as_bytes());
        // A signature, a greeting or a heading brought the letters.
        let signed = " nar tommer ni sopkarlet skickat från min iphone ";
        assert_eq!(read(signed), Reading::MostlyPlain);
        let greeted = " hej göran nar tommer ni sopkarlet ";
        assert_eq!(read(greeted), Reading::MostlyPlain);
        // Between many words with the letters, a plain word is a typing
        // error.
        let typed = " när tömmer ni pa gatan vårt sopkärl i år ";
        assert_eq!(read(typed), Reading::Written);
        // Letters at both ends: names, when there are few of them.
        let both = " hej göran nar tommer ni sopkarlet mvh åsa jönsson ";
        assert_eq!(read(both), Reading::MostlyPlain);
        let five = " hej göran nar tommer ni sopkarlet med vänliga hälsningar sören åkesson ";
        assert_eq!(read(five), Reading::Written);
        // Few letters but no plain word between them: the letters decide.
        assert_eq!(
            read(" hej göran tommer ni sopkarlet mvh åsa "),
            Reading::Written
        );
        // Other Latin-1 letters count with them.
        let cafe = " hej göran nar oppnar ni café på torget mvh åsa jönsson ";
        assert_eq!(read(cafe), Reading::Written);
        // Without a plain word, the letters decide.
        assert_eq!(read(" forskola ansokan från åsa "), Reading::Written);
        // A plain word is a whole word: `pan` and `vara` are not `pa` and `var`.
        assert_eq!(read(" pan vara åsa "), Reading::Written);
        // A letter at the very end or start.
        assert_eq!(read(" pa ö "), Reading::MostlyPlain);
        assert_eq!(read(" ö pa "), Reading::MostlyPlain);
        assert_eq!(read(" ö "), Reading::Written);
    }

    #[test]
    fn a_swedish_text_read_as_written_may_take_a_second_look() {
        let second = |text: &str| takes_second_look(text.as_bytes());
        // Letters at both ends and no plain word between, or no plain
        // word beside them.
        assert!(second(" hej göran tommer ni sopkarlet mvh åsa "));
        assert!(second(" jag vill ansöka om plats i forskolan "));
        // Neither Swedish nor English everyday words: read as Swedish.
        assert!(second(" sopkarlet ej tomt åsa "));
        // English signed with a name is not read again.
        assert!(!second(" hi björn i have a small question about my tax "));
        // A text already read plain, or one without the letters, needs none.
        assert!(!second(" nar tommer ni sopkarlet skickat från min iphone "));
        assert!(!second(" nar tommer ni sopkarlet "));
        assert!(!second(" when will you empty the bin "));
    }

    #[test]
    fn a_word_is_plain_if_and_only_if_it_is_listed() {
        for word in PLAIN_WORDS {
            assert!(is_plain_word(word.as_bytes()), "{word}");
            // Longer or shorter by a letter, it is another word.
            assert!(!is_plain_word(format!("{word}s").as_bytes()), "{word}");
            assert!(!is_plain_word(format!("x{word}").as_bytes()), "{word}");
        }
        let everyday = SWEDISH_WORDS.iter().chain(ENGLISH_WORDS);
        for word in everyday.chain(&["", "a", "par", "nara", "vara", "gata", "tack"]) {
            assert!(!is_plain_word(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn the_everyday_words_are_plain_sorted_and_apart() {
        for words in [SWEDISH_WORDS, PLAIN_WORDS, ENGLISH_WORDS] {
            assert!(words.is_sorted());
            for word in words {
                assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
            }
        }
        assert!(SWEDISH_WORDS.iter().all(|w| !ENGLISH_WORDS.contains(w)));
        let others = || SWEDISH_WORDS.iter().chain(ENGLISH_WORDS);
        assert!(PLAIN_WORDS.iter().all(|w| others().all(|o| o != w)));
    }

    #[test]
    fn a_lead_byte_at_the_end_is_kept() {
        assert_eq!(without_swedish_letters(&[b'a', LEAD]), None);
        assert!(!has_swedish_letters(&[LEAD]));
        assert!(has_swedish_letters(" ö".as_bytes()));
    }
}
