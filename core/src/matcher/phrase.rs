//! Following a term through the normalised text after its first stem:
//! the further words of a phrase (next to each other, or within a gap),
//! the rest of each word, and the English endings a word may go on with.
//!
//! The functions the routing loop calls are marked `#[inline]`: in a
//! module of their own they may land in another codegen unit than the
//! loop, and without the mark a route took 1 k instructions (5 %) more.

/// Where a phrase ends, given that its first stem ended at `pos`: each
/// further stem must start the next word. `None` when the text does not
/// continue with them. With `english` (the written rests of the words
/// before the last), each word the phrase passes must go on as an English
/// word does ([`english_word_end`]).
#[inline(always)]
pub(super) fn phrase_end(
    text: &[u8],
    mut pos: usize,
    rest: &[String],
    english: Option<&[Vec<u8>]>,
) -> Option<usize> {
    for (i, stem) in rest.iter().enumerate() {
        pos = next_word(text, pos, english, i)?;
        if !continues_with(text, pos, stem.as_bytes()) {
            return None;
        }
        pos += stem.len();
    }
    last_word_end(text, pos)
}

/// [`phrase_end`] for a phrase with a `gap`: each further stem starts the
/// next word or one of the `gap` words after it.
pub(super) fn gapped_phrase_end(
    text: &[u8],
    pos: usize,
    rest: &[String],
    english: Option<&[Vec<u8>]>,
    gap: u8,
) -> Option<usize> {
    words_with_gaps_end(text, pos, rest, 0, english, gap, &mut Vec::new())
}

/// [`gapped_phrase_end`] with up to `gap` other words before each of `rest[i..]`,
/// the word before them found up to `pos`. Tries the nearest place of each
/// word first, and a farther one where the rest of the phrase does not
/// follow the nearest. `failed` remembers the places the rest of the
/// phrase was already tried from, in vain: without it, a phrase whose
/// words recur in the text (`bla bla bla … bla xyz` in a text of `bla`s)
/// would try every combination of places, (gap + 1) to the power of its
/// words, at every start.
fn words_with_gaps_end(
    text: &[u8],
    pos: usize,
    rest: &[String],
    i: usize,
    english: Option<&[Vec<u8>]>,
    gap: u8,
    failed: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    let Some(stem) = rest.get(i) else {
        return last_word_end(text, pos);
    };
    let mut at = next_word(text, pos, english, i)?;
    for skipped in 0..=gap {
        let found = at + stem.len();
        if continues_with(text, at, stem.as_bytes()) && !failed.contains(&(i + 1, found)) {
            match words_with_gaps_end(text, found, rest, i + 1, english, gap, failed) {
                Some(end) => return Some(end),
                None => failed.push((i + 1, found)),
            }
        }
        if skipped < gap {
            at += word_len(text, at)? + 1;
        }
    }
    None
}

/// Where the word after a phrase's word `i`, found up to `pos`, starts. A
/// whole-word stem (ending with a space) has already reached it; any other
/// skips the rest of its word, which for an English phrase (`english`, the
/// written rests of its words) must go on as an English word does.
#[inline]
fn next_word(text: &[u8], pos: usize, english: Option<&[Vec<u8>]>, i: usize) -> Option<usize> {
    if text.get(..pos)?.ends_with(b" ") {
        return Some(pos);
    }
    if let Some(rests) = english {
        english_word_end(text, pos, rests.get(i)?)?;
    }
    Some(pos + word_len(text, pos)? + 1)
}

/// Where the word after the one found up to `pos` starts: [`next_word`]
/// without an English phrase's check of the word's ending, which only
/// rules a phrase out. `None` at the end of the text.
#[inline]
pub(super) fn next_word_start(text: &[u8], pos: usize) -> Option<usize> {
    next_word(text, pos, None, 0)
}

/// The bytes from `pos` to the next space (normalised text ends every word
/// with one); `None` at the end of the text.
#[inline]
fn word_len(text: &[u8], pos: usize) -> Option<usize> {
    text.get(pos..)?.iter().position(|&b| b == b' ')
}

/// The end of the last word found, up to `pos`: not the space after it.
#[inline]
fn last_word_end(text: &[u8], pos: usize) -> Option<usize> {
    Some(if text.get(..pos)?.ends_with(b" ") {
        pos - 1
    } else {
        pos
    })
}

/// Whether `text[found_end..rest_end]`, the rest of a word after a stem
/// found up to `found_end`, is an English ending. `text` is normalised, so
/// both ends are on character boundaries.
#[inline]
fn english_ending_at(text: &[u8], found_end: usize, rest_end: usize) -> bool {
    // Only the found part's last character matters (a doubled letter):
    // step back over UTF-8 continuation bytes to its start.
    let mut from = found_end.saturating_sub(1);
    while from > 0 && text.get(from).is_some_and(|&b| b & 0xC0 == 0x80) {
        from -= 1;
    }
    let found = text
        .get(from..found_end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default();
    let rest = text
        .get(found_end..rest_end)
        .and_then(|r| std::str::from_utf8(r).ok());
    rest.is_some_and(|rest| crate::text::is_english_ending(found, rest))
}

/// Where an English word whose stem was found up to `found` ends, with
/// `rest` what the term's own word has after its stem: past `rest` where
/// the text goes on with it and then with an English ending; at `found`
/// where the text goes on with an ending in its place (one of
/// [`crate::text::ENGLISH_ENDINGS_AFTER_SILENT_E`] in place of an `e`:
/// `hiking` for `hike`, `noisy` for `noise`). `None` otherwise.
#[inline]
pub(super) fn english_word_end(text: &[u8], found: usize, rest: &[u8]) -> Option<usize> {
    let covered = continues_with(text, found, rest);
    if covered && ends_in_english(text, found + rest.len()) {
        Some(found + rest.len())
    } else if rest == b"e" {
        replaces_silent_e(text, found).then_some(found)
    } else {
        (!covered && ends_in_english(text, found)).then_some(found)
    }
}

/// Whether the word in which a hit ends (at `end`) goes on with an
/// English ending.
#[inline]
fn ends_in_english(text: &[u8], end: usize) -> bool {
    english_ending_at(text, end, end + rest_of_word(text, end).len())
}

/// Whether the word in which a hit ends (at `end`, where a silent `e` of
/// the term's last word is left out) goes on with an ending that replaces
/// that `e` ([`crate::text::ENGLISH_ENDINGS_AFTER_SILENT_E`]).
#[inline]
fn replaces_silent_e(text: &[u8], end: usize) -> bool {
    let rest = rest_of_word(text, end);
    crate::text::ENGLISH_ENDINGS_AFTER_SILENT_E
        .iter()
        .any(|ending| ending.as_bytes() == rest)
}

/// The rest of the word of normalised `text` in which `end` falls.
#[inline]
fn rest_of_word(text: &[u8], end: usize) -> &[u8] {
    let rest = text.get(end..).unwrap_or_default();
    &rest[..rest.iter().position(|&b| b == b' ').unwrap_or(rest.len())]
}

/// Whether `text` continues with `word` at `at`.
///
/// A plain loop rather than `<[u8]>::starts_with`, which calls the C
/// library's `memcmp`: the words are a few bytes long and most candidates
/// differ in their first byte, and on CPUs where the library picks its
/// AVX-512 `memcmp` those calls took more than half of a routing.
#[inline]
pub(super) fn continues_with(text: &[u8], at: usize, word: &[u8]) -> bool {
    match text.get(at..) {
        Some(rest) if rest.len() >= word.len() => {
            for (a, b) in rest.iter().zip(word) {
                if a != b {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}
