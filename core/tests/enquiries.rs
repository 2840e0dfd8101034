//! Klippan against a corpus of everyday enquiries.
//!
//! `data/klippan-enquiries.jsonl` holds the enquiries written while the
//! reference rule set was tuned (rounds of 12–50 at a time: short
//! questions, phone phrasings, whole e-mails with greetings, addresses and
//! signatures, in Swedish and English), one JSON object a line:
//!
//! ```json
//! {"round": 17, "text": "…", "channel": "email", "department": "teknik", "type": "felparkering"}
//! ```
//!
//! Each must reach its department (and its type, where one is given). The
//! few that do not yet are marked `known_miss` with the reason; they must
//! still miss, so that the day a rule change fixes one, this test asks for
//! the mark to go and the enquiry guards the fix from then on.
//!
//! The rule files' own `[[test]]` cases hold what each fix was for; this
//! corpus holds that no fix broke an enquiry that routed right before.
//! The lines are `kommunlots::corpus`'s, so `kommunlots test rules/klippan
//! --corpus core/tests/data/klippan-enquiries.jsonl` checks the same.

mod common;

use common::plain::typed_plain;
use common::{has_plain_word, klippan};
use kommunlots::corpus::{LabelledEnquiry, Verdict};
use kommunlots::{Decision, MatchStatus, Router};

/// Routes `text` (the case's own, or a variant of it) as the case arrived:
/// the decision, and whether it reached the case's department and, where
/// the case names one, its type.
fn route(case: &LabelledEnquiry, router: &Router, text: &str) -> (Decision, bool) {
    let mut variant = case.enquiry();
    variant.text = Some(text.to_owned());
    let d = router.route(&variant);
    let right = case.reached_by(&d);
    (d, right)
}

/// The case's text (every line of the corpus has one).
fn text(case: &LabelledEnquiry) -> &str {
    case.text.as_deref().unwrap_or_default()
}

fn cases() -> Vec<LabelledEnquiry> {
    include_str!("data/klippan-enquiries.jsonl")
        .lines()
        .enumerate()
        .map(|(i, line)| {
            LabelledEnquiry::from_json(line)
                .unwrap_or_else(|e| unreachable!("data/klippan-enquiries.jsonl:{}: {e}", i + 1))
        })
        .collect()
}

#[test]
fn everyday_enquiries_reach_their_department() {
    let router = klippan();
    let cases = cases();
    assert!(cases.len() >= 700, "{} enquiries", cases.len());
    let mut wrong = Vec::new();
    let mut fixed = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let checked = router.check_labelled(case);
        let d = &checked.decision;
        let got = format!(
            "{} {}",
            d.department,
            d.enquiry_type.as_deref().unwrap_or("(none)")
        );
        let line = i + 1;
        match checked.verdict {
            Verdict::Wrong => wrong.push(format!(
                "line {line} (round {}): expected {} {}, got {got}: {:?}",
                case.round.unwrap_or_default(),
                case.department,
                case.enquiry_type.as_deref().unwrap_or(""),
                text(case)
            )),
            Verdict::FixedKnownMiss => fixed.push(format!(
                "line {line}: now routes right ({got}); remove `known_miss` ({})",
                case.known_miss.as_deref().unwrap_or_default()
            )),
            Verdict::Right | Verdict::KnownMiss => {}
        }
    }
    assert!(
        wrong.is_empty() && fixed.is_empty(),
        "{} routed wrong, {} known misses fixed:\n{}",
        wrong.len(),
        fixed.len(),
        [wrong, fixed].concat().join("\n")
    );
}

#[test]
fn known_misses_are_few_and_explained() {
    let cases = cases();
    let misses: Vec<&LabelledEnquiry> = cases.iter().filter(|c| c.known_miss.is_some()).collect();
    // Under 3 % of the corpus; each with a reason a rule owner can act on.
    assert!(
        misses.len() * 100 < cases.len() * 3,
        "{} of {}",
        misses.len(),
        cases.len()
    );
    for case in misses {
        let why = case.known_miss.as_deref().unwrap_or_default();
        assert!(why.len() > 10, "no reason given for {:?}", case.text);
    }
}

/// The corpus's enquiries with `å`, `ä` or `ö` that route right as
/// written: those to type without the letters.
fn cases_with_the_letters() -> Vec<LabelledEnquiry> {
    let has_letters = |text: &str| text.chars().any(|c| "åäöÅÄÖ".contains(c));
    cases()
        .into_iter()
        .filter(|c| c.known_miss.is_none() && has_letters(text(c)))
        .collect()
}

#[test]
fn swedish_enquiries_typed_without_a_ring_or_dots_mostly_route_alike() {
    let router = klippan();
    let cases = cases_with_the_letters();
    assert!(cases.len() >= 500, "{} enquiries", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let (d, right) = route(case, &router, &typed_plain(text(case)));
        if !right {
            wrong.push(format!(
                "expected {}, got {}: {:?}",
                case.department,
                d.department,
                typed_plain(text(case))
            ));
        }
    }
    // Read as written, 377 of the 582 there were when this came reached
    // their department (65 %); read plain, 575. The few left were one-word
    // terms with short stems (`höns`, `råtta`, `rösta`), which are not read
    // plain: plain, they start other words. Since session 18's rules
    // (`plain = true` where the plain word is no other word, phrases that
    // carry a short word) all 3,071 do.
    assert!(
        wrong.len() * 100 <= cases.len(),
        "{} of {} routed wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn plain_enquiries_signed_with_the_letters_route_as_plain_ones() {
    // A phone set to Swedish signs what a foreign keyboard typed.
    let router = klippan();
    let cases: Vec<LabelledEnquiry> = cases_with_the_letters()
        .into_iter()
        .filter(|c| has_plain_word(&typed_plain(text(c))))
        .collect();
    assert!(cases.len() >= 500, "{} enquiries", cases.len());
    let mut differ = Vec::new();
    for case in &cases {
        let plain = typed_plain(text(case));
        let signed = format!("{plain}\n\nSkickat från min iPhone");
        let (a, b) = (
            route(case, &router, &plain).0,
            route(case, &router, &signed).0,
        );
        if (a.status, &a.enquiry_type) != (b.status, &b.enquiry_type) {
            differ.push(format!(
                "{plain:?}: {:?} signed, {:?} not",
                b.enquiry_type, a.enquiry_type
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn plain_enquiries_between_greetings_with_the_letters_are_read_plain_too() {
    // "Hej Göran!" and "Mvh Åsa" bring the letters to both ends of a text
    // typed plain: with a word only plain typing writes between them it is
    // read plain from the start; without one, no type can be chosen in it
    // as written, and it is read again without them, as the plain text is.
    let router = klippan();
    let cases = cases_with_the_letters();
    let (mut lost, mut reached) = (Vec::new(), 0);
    for case in &cases {
        let plain = typed_plain(text(case));
        let greeted = format!("Hej Göran!\n{plain}\nMvh Åsa");
        let (a, (b, right)) = (
            route(case, &router, &plain).0,
            route(case, &router, &greeted),
        );
        if a.status == MatchStatus::Matched && b.status != MatchStatus::Matched {
            lost.push(format!(
                "{plain:?}: {:?} plain, {:?}",
                a.enquiry_type, b.status
            ));
        }
        reached += usize::from(right);
    }
    assert!(lost.is_empty(), "{}", lost.join("\n"));
    // Of the 2,216 there were when this came, 2,069 reached their
    // department and type; read as written only, 1,400 did (and typed
    // plain without the greetings, 2,211). Of 2,278 later, 2,200 reached
    // their department: the rest chose a type as written, from a term
    // without the letters, and were not read again. Read plain from the
    // start when the letters are few and a plain word stands between
    // them, 2,239 reached department and type (2,558 of 2,591 with the
    // corpus of the same session's end and twelve more plain words; 3,040
    // of 3,071 with session 18's).
    assert!(
        reached * 100 >= cases.len() * 98,
        "{reached} of {}",
        cases.len()
    );
}

/// `text` with the middle letter left out of every word of nine letters
/// or more, as a hurried typist might write it.
fn misspelt(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= 9 && chars.iter().all(|c| c.is_alphabetic()) {
            let mid = chars.len() / 2;
            out.extend(chars[..mid].iter().chain(&chars[mid + 1..]));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[test]
fn misspelt_long_words_seldom_send_an_enquiry_to_a_wrong_department() {
    let router = klippan();
    let cases: Vec<(LabelledEnquiry, String)> = cases()
        .into_iter()
        .filter(|c| c.known_miss.is_none())
        .map(|c| {
            let text = misspelt(text(&c));
            (c, text)
        })
        .filter(|(c, text)| Some(text.as_str()) != c.text.as_deref())
        .collect();
    assert!(cases.len() >= 1_000, "{} enquiries", cases.len());
    let (mut right, mut wrong) = (0, Vec::new());
    for (case, text) in &cases {
        let (d, _) = route(case, &router, text);
        if d.department.as_ref() == case.department {
            right += 1;
        } else if d.matched {
            wrong.push(format!(
                "expected {}, got {}: {text:?}",
                case.department, d.department
            ));
        }
    }
    // A wrong department costs the citizen more than the first line does:
    // an enquiry nothing recognises goes there. Of the 1,307 there were
    // when this came, 688 still reached their department and 30 went to a
    // wrong one (48 before a word one letter off a longer term around a
    // found one counted as that term).
    assert!(
        wrong.len() * 100 <= cases.len() * 3,
        "{} of {} matched to a wrong department:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    assert!(right * 2 >= cases.len(), "{right} of {} right", cases.len());
}

#[test]
fn misspelling_leaves_out_the_middle_letter_of_long_words() {
    assert_eq!(
        misspelt("Är det eldningsförbud, snöröjningen?"),
        "Är det eldningförbud, snöröjingen?"
    );
    assert_eq!(misspelt("kort ord 19121212-1212"), "kort ord 19121212-1212");
}
