//! The most common words of unmatched enquiries, and the rule terms they
//! misspelt, in bounded memory.
//!
//! Words are counted with the Space-Saving algorithm (Metwally, Agrawal and
//! El Abbadi, 2005): at most [`WORD_CAPACITY`] words are tracked; a new word
//! arriving when the table is full replaces the least counted one and
//! inherits its count. While fewer distinct words than the capacity have been
//! seen, every count is exact; after that a reported count can be too high
//! by at most the count of the word it replaced, and any word seen more
//! often than total/capacity times is sure to be in the table.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::decision::{Candidate, MatchedTerm};
use crate::text;

/// How many distinct words are tracked.
pub const WORD_CAPACITY: usize = 2_048;

/// Words too common to tell anything about a blind spot: Swedish and
/// English function words and the politeness of enquiries.
const STOP_WORDS: &[&str] = &[
    // Swedish
    "alla", "allt", "att", "av", "bara", "blir", "de", "dem", "den", "denna", "det", "detta", "dig",
    "din", "ditt", "du", "där", "efter", "eller", "en", "er", "ett", "finns", "från", "för", "ha",
    "hade", "han", "har", "hej", "hon", "hur", "här", "i", "inte", "jag", "ju", "kan", "kommer",
    "man", "med", "men", "mig", "min", "mina", "mitt", "mot", "mvh", "ni", "någon", "något", "när",
    "och", "om", "på", "sig", "sin", "ska", "skulle", "som", "så", "tack", "till", "under", "upp",
    "ut", "var", "vad", "vara", "vart", "vi", "vill", "vem", "vilken", "är", "åt", "över",
    // English
    "a", "about", "an", "and", "are", "be", "can", "do", "for", "from", "have", "hello", "hi",
    "how", "i", "in", "is", "it", "me", "my", "no", "not", "of", "on", "or", "please", "thanks",
    "that", "the", "this", "to", "was", "we", "what", "when", "where", "who", "why", "will",
    "with", "you", "your",
];

/// A word and how often it was seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordCount {
    /// The normalised word.
    pub word: String,
    /// How many unmatched enquiries used it (once per enquiry).
    pub count: u64,
}

/// Space-Saving counts of words.
#[derive(Clone, Debug, Default)]
pub struct WordCounter {
    counts: HashMap<String, u64>,
    evictions: u64,
}

/// True for a word worth counting: not a stop word, at least two letters
/// and no digit (a digit run could be part of a personal identity number
/// or a telephone number).
fn worth_counting(word: &str) -> bool {
    word.chars().count() >= 2
        && !word.chars().any(|c| c.is_numeric())
        && !STOP_WORDS.contains(&word)
}

impl WordCounter {
    /// Counts the words of one enquiry's text, each distinct word once.
    pub fn add_text(&mut self, text: &str) {
        let mut words = text::words(text);
        words.retain(|w| worth_counting(w));
        words.sort_unstable();
        words.dedup();
        for w in words {
            self.add(w);
        }
    }

    fn add(&mut self, word: String) {
        if let Some(c) = self.counts.get_mut(&word) {
            *c += 1;
            return;
        }
        if self.counts.len() < WORD_CAPACITY {
            self.counts.insert(word, 1);
            return;
        }
        // Replace the least counted word (ties: the alphabetically last,
        // so the outcome does not depend on hash order).
        let least = self
            .counts
            .iter()
            .min_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(w, c)| (w.clone(), *c));
        if let Some((w, c)) = least {
            self.counts.remove(&w);
            self.counts.insert(word, c + 1);
            self.evictions += 1;
        }
    }

    /// True while every count is exact.
    pub fn exact(&self) -> bool {
        self.evictions == 0
    }

    /// The `n` most common words, most common first (ties alphabetical).
    pub fn top(&self, n: usize) -> Vec<WordCount> {
        let mut all: Vec<WordCount> = self
            .counts
            .iter()
            .map(|(w, c)| WordCount {
                word: w.clone(),
                count: *c,
            })
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        all.truncate(n);
        all
    }
}

/// How many distinct rule terms [`NearSpellingCounter`] counts: more than
/// a rule set has terms that can be near (Klippan: about 2,000 terms in
/// all). A log whose decisions name more counts the first ones.
pub const NEAR_SPELLING_CAPACITY: usize = 4_096;

/// A rule term that enquiries missed by one letter (a term with
/// `near_spelling`), and how many did: a misspelling common enough to be
/// worth a keyword of its own, or a form hint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearSpellingCount {
    /// The enquiry type the term belongs to.
    pub enquiry_type: String,
    /// The term as written in the rule file.
    pub term: String,
    /// How many enquiries had it as a near spelling.
    pub count: u64,
}

/// Counts of near-spelled rule terms: those among the candidates of
/// unmatched enquiries, or those that counted in recognised ones.
#[derive(Clone, Debug, Default)]
pub struct NearSpellingCounter {
    counts: HashMap<(Arc<str>, Arc<str>), u64>,
}

impl NearSpellingCounter {
    /// Counts the near-spelled terms among an unmatched decision's
    /// candidates, each once.
    pub fn add(&mut self, candidates: &[Candidate]) {
        for c in candidates {
            self.add_terms(&c.enquiry_type, &c.terms);
        }
    }

    /// Counts the near-spelled terms of `enquiry_type` among `terms` (a
    /// recognised decision's, or a candidate's), each once.
    pub fn add_terms(&mut self, enquiry_type: &Arc<str>, terms: &[MatchedTerm]) {
        for t in terms.iter().filter(|t| t.near_spelling) {
            let key = (enquiry_type.clone(), t.term.clone());
            if let Some(n) = self.counts.get_mut(&key) {
                *n += 1;
            } else if self.counts.len() < NEAR_SPELLING_CAPACITY {
                self.counts.insert(key, 1);
            }
        }
    }

    /// The `n` most common, most common first (ties by type, then term).
    pub fn top(&self, n: usize) -> Vec<NearSpellingCount> {
        let mut all: Vec<NearSpellingCount> = self
            .counts
            .iter()
            .map(|((ty, term), &count)| NearSpellingCount {
                enquiry_type: ty.to_string(),
                term: term.to_string(),
                count,
            })
            .collect();
        all.sort_by(|a, b| {
            (b.count.cmp(&a.count))
                .then_with(|| a.enquiry_type.cmp(&b.enquiry_type))
                .then_with(|| a.term.cmp(&b.term))
        });
        all.truncate(n);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_digits_and_repeats_are_left_out() {
        let mut c = WordCounter::default();
        c.add_text("Hej! Jag undrar om ormar, ORMAR i källaren. Mitt pnr 121212-1212");
        c.add_text("Ormar i trädgården");
        let top = c.top(10);
        let words: Vec<(&str, u64)> = top.iter().map(|w| (w.word.as_str(), w.count)).collect();
        assert_eq!(
            words,
            [
                ("ormar", 2),
                ("källaren", 1),
                ("pnr", 1),
                ("trädgården", 1),
                ("undrar", 1)
            ]
        );
        assert!(c.exact());
    }

    #[test]
    fn memory_is_bounded_and_frequent_words_survive() {
        let mut c = WordCounter::default();
        for i in 0..10 * WORD_CAPACITY {
            // Letters only: a unique word per enquiry, and one repeated word.
            let unique: String = format!("{i:x}")
                .chars()
                .map(|d| char::from(b'g' + d.to_digit(16).unwrap_or(0) as u8))
                .collect();
            c.add_text(&format!("w{unique} fladdermöss"));
        }
        assert!(c.counts.len() <= WORD_CAPACITY);
        assert!(!c.exact());
        assert_eq!(c.top(1)[0].word, "fladdermöss");
        assert_eq!(c.top(1)[0].count, 10 * WORD_CAPACITY as u64);
    }
}
