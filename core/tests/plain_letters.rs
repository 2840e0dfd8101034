//! Swedish typed without `å`, `ä` and `ö`, on a foreign keyboard or phone.

mod common;

use std::collections::BTreeSet;

use common::{has_plain_word, klippan};
use kommunlots::{
    Channel, Decision, Enquiry, MOSTLY_UNACCENTED_NOTE, MatchStatus, Router, SECOND_LOOK_NOTE,
    UNACCENTED_NOTE,
};

fn route(router: &Router, text: &str) -> Decision {
    router.route(&Enquiry::text(text).with_channel(Channel::Email))
}

/// The terms the trace lists, as written in the rules.
fn terms(d: &Decision) -> Vec<&str> {
    let terms = d.explanation.trace.terms.iter();
    terms.map(|t| &*t.term).collect()
}

#[test]
fn a_plain_text_finds_the_terms_with_the_letters_and_says_so() {
    let router = klippan();
    let d = route(
        &router,
        "Jag vill ansoka om plats i forskolan for min dotter",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("barnomsorg-ansokan"));
    assert_eq!(terms(&d), ["förskola"]);
    assert_eq!(d.explanation.trace.notes, [UNACCENTED_NOTE]);
    // The citizen wrote `forskolan`; the sentence quotes the rule's term.
    assert!(
        (d.explanation.text).contains("texten, skriven utan å, ä och ö, innehåller ”förskola”"),
        "{}",
        d.explanation.text
    );

    // A search of two words, with no everyday word either way.
    let d = route(&router, "forskoleplats ansokan");
    assert_eq!(d.enquiry_type.as_deref(), Some("barnomsorg-ansokan"));

    let d = route(&router, "Nar tommer ni sopkarlet?");
    assert_eq!(d.department.as_ref(), "narab");
    assert_eq!(terms(&d), ["sopkärl"]);
}

#[test]
fn with_the_letters_a_text_is_read_as_written() {
    let router = klippan();
    let d = route(
        &router,
        "Jag vill ansöka om plats i förskolan för min dotter",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("barnomsorg-ansokan"));
    assert!(d.explanation.trace.notes.is_empty());
    assert!(d.explanation.text.contains("texten innehåller ”förskola”"));
    // One of the letters and a term found as written: the other words are
    // taken as typed, and `forskolan` is no `förskola`.
    let d = route(
        &router,
        "Jag vill ansöka om bygglov för ett förråd intill forskolan",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("bygglov-information"));
    assert_eq!(terms(&d), ["bygglov"]);
    assert!(d.explanation.trace.notes.is_empty());
}

#[test]
fn a_text_with_the_letters_no_type_is_chosen_for_as_written_is_read_plain_too() {
    let router = klippan();
    for text in [
        // Letters at both ends, a greeting and a signature with names, and
        // none of the plain words between them.
        "Hej Göran! Min son vill ha plats i forskola till augusti. Hälsningar Åsa",
        // None of the plain words: a typing error, or a signature.
        "Jag vill ansöka om plats i forskolan",
        "Plats i forskola till hosten. Mvh Sören",
    ] {
        let d = route(&router, text);
        assert_eq!(
            d.enquiry_type.as_deref(),
            Some("barnomsorg-ansokan"),
            "{text}"
        );
        assert_eq!(terms(&d), ["förskola"], "{text}");
        assert_eq!(d.explanation.trace.notes, [SECOND_LOOK_NOTE], "{text}");
        assert!(
            (d.explanation.text)
                .contains("texten, mest skriven utan å, ä och ö, innehåller ”förskola”"),
            "{}",
            d.explanation.text
        );
    }
    // As written, two types are too close; read again, `glödlampor` decides.
    let d = route(
        &router,
        "Hej Göran! Hur sorterar jag batterier och glodlampor? Mvh Åsa",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("farligt-avfall"));
    assert_eq!(terms(&d), ["batterier", "glödlampor"]);
    assert_eq!(d.explanation.trace.notes, [SECOND_LOOK_NOTE]);
    // Read again, and still nothing: the first reading stands.
    let d = route(&router, "Hej Göran, jag undrar en sak. Mvh Åsa");
    assert_eq!(d.status, MatchStatus::Unmatched);
    assert!(d.explanation.trace.notes.is_empty());
    // English is not read again: plain, `smällare` (firecrackers) is `small`.
    let d = route(
        &router,
        "Hi Björn, I have a small question about my tax return. Regards, Sören",
    );
    assert_eq!(d.status, MatchStatus::Unmatched);
    assert!(d.candidates.is_empty(), "{:?}", d.candidates);
    assert!(d.explanation.trace.notes.is_empty());
}

#[test]
fn letters_in_a_signature_or_greeting_leave_a_plain_text_plain() {
    let router = klippan();
    let body = "Hej! Nar tommer ni sopkarlet pa Storgatan? Det ar fullt.";
    for text in [
        format!("{body}\n\nSkickat från min iPhone"),
        format!("{body}\nMvh Åsa Jönsson"),
        format!("Hej Göran!\n{body}"),
        format!("Re: Ditt ärende\n{body}"),
        // At both ends, with few letters and plain words between them.
        format!("Hej Göran!\n{body}\nMvh Åsa Jönsson"),
    ] {
        let d = route(&router, &text);
        assert_eq!(d.department.as_ref(), "narab", "{text}");
        assert_eq!(terms(&d), ["sopkärl"], "{text}");
        assert_eq!(
            d.explanation.trace.notes,
            [MOSTLY_UNACCENTED_NOTE],
            "{text}"
        );
        assert!(
            (d.explanation.text)
                .contains("texten, mest skriven utan å, ä och ö, innehåller ”sopkärl”"),
            "{}",
            d.explanation.text
        );
    }
    // As written, `loppis` alone would choose the tip about events; read
    // plain, "loppis på torget" is the use of a public place.
    let d = route(
        &router,
        "Hej Göran! Vi vill ha en loppis pa torget en lordag i maj, hur ansoker vi om plats? \
         Mvh Åsa",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("offentlig-plats"));
    assert_eq!(terms(&d), ["loppis på torget"]);
    assert_eq!(d.explanation.trace.notes, [MOSTLY_UNACCENTED_NOTE]);
    // Typed with the letters, the same enquiry says nothing of them.
    let d = route(
        &router,
        "Hej! När tömmer ni sopkärlet på Storgatan? Mvh Åsa",
    );
    assert_eq!(terms(&d), ["sopkärl"]);
    assert!(d.explanation.trace.notes.is_empty());
}

#[test]
fn a_text_recognised_as_written_is_not_read_again() {
    let router = klippan();
    // Both ends have the letters, none of the plain words stands between
    // them, and the stem `sop` of another type's term finds "sopkarlet" as
    // written: that reading stands.
    let d = route(
        &router,
        "Hej Göran! Tommer ni sopkarlet vid Storgatan i dag? Mvh Åsa",
    );
    assert!(!terms(&d).contains(&"sopkärl"), "{:?}", terms(&d));
    assert!(d.explanation.trace.notes.is_empty());
    assert_eq!(d.department.as_ref(), "narab");
    // None of the plain words either, and the same.
    let d = route(&router, "Sopkarlet ej tomt. Åsa");
    assert!(!has_plain_word("Sopkarlet ej tomt."));
    assert!(d.explanation.trace.notes.is_empty());
    assert!(!terms(&d).contains(&"sopkärl"), "{:?}", terms(&d));
}

#[test]
fn english_is_read_as_written() {
    // Plain, `smällare` (firecrackers) is `small`.
    let d = route(
        &klippan(),
        "When will you clear the snow from our small street?",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("snorojning"));
    assert!(
        d.candidates
            .iter()
            .all(|c| &*c.enquiry_type != "fyrverkerier")
    );
    assert!(d.explanation.trace.notes.is_empty());
}

#[test]
fn the_first_plain_texts_on_many_threads_route_alike() {
    // The plain spellings are compiled when the first text needs them;
    // threads that route such texts at once must all see them.
    let router = klippan();
    let texts = [
        "Nar tommer ni sopkarlet?",
        "Jag vill ansoka om plats i forskolan",
        "Det ar halt, nar kommer snorojningen?",
        "Var lamnar jag gamla malarfarger?",
    ];
    let decisions: Vec<Vec<Decision>> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..4)
            .map(|_| s.spawn(|| texts.map(|t| route(&router, t)).to_vec()))
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|_| unreachable!("routing does not panic"))
            })
            .collect()
    });
    let alone = klippan();
    let once: Vec<Decision> = texts.iter().map(|t| route(&alone, t)).collect();
    for d in &decisions {
        let types = |ds: &[Decision]| -> Vec<Option<String>> {
            ds.iter()
                .map(|d| d.enquiry_type.as_deref().map(str::to_owned))
                .collect()
        };
        assert_eq!(types(d), types(&once));
    }
    assert!(
        once.iter()
            .all(|d| d.matched && d.explanation.trace.notes == [UNACCENTED_NOTE])
    );
}

/// The words of the corpus's enquiries typed with `å`, `ä` or `ö`, in
/// lower case: words as Swedish writes them, which a plain spelling must
/// not be taken for. An enquiry with one of the plain words, or with the
/// letters only in its first two or last two words, is left out: it was
/// typed plain, and only its signature or greeting has the letters
/// ("… parkeringstillstand … Mvh Ingrid Sjöö").
fn written_words() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for line in include_str!("data/klippan-enquiries.jsonl").lines() {
        let case: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| unreachable!("the corpus is JSON Lines: {e}"));
        let text = case["text"].as_str().unwrap_or_default().to_lowercase();
        let split: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let lettered = |w: &&str| w.contains(['å', 'ä', 'ö']);
        let between = split
            .get(2..split.len().saturating_sub(2))
            .unwrap_or_default();
        let signed = split.len() > 4 && !between.iter().any(lettered);
        if split.iter().any(lettered) && !signed && !has_plain_word(&text) {
            words.extend(split.iter().map(|&w| w.to_owned()));
        }
    }
    words
}

#[test]
fn no_plain_spelling_found_inside_words_is_inside_another_written_word() {
    // A one-word term long enough to be found inside words is searched
    // plain inside words too: `omlån`, plain `omlan`, was inside
    // "utomlands" and sent a plain question about voting from abroad to
    // the library. Such a term is made exact in the rules.
    let router = klippan();
    let words = written_words();
    assert!(words.len() > 1_000, "{} words", words.len());
    let mut clashes = Vec::new();
    for ty in router.enquiry_types() {
        for term in router.terms(ty.id).into_iter().flatten() {
            let Some(plain) = term.plain.as_ref().filter(|p| p.inside_words) else {
                continue;
            };
            let needle = &plain.stems[0];
            let inside = words.iter().filter(|w| w.contains(needle.as_str()));
            clashes
                .extend(inside.map(|w| format!("{} `{}`: `{needle}` in {w:?}", ty.id, term.term)));
        }
    }
    assert!(clashes.is_empty(), "{clashes:#?}");
}
