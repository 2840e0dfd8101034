//! A generated rule set of any size, for benchmarks: `departments`
//! departments of `types_per_department` types, each recognised by six
//! made-up Swedish-looking compound words. Deterministic: the same sizes give
//! the same rules.

/// Made-up syllables; joined three at a time they look like Swedish
/// compounds and never collide with real words in the benchmark texts.
const SYLLABLES: [&str; 24] = [
    "bro", "kval", "mör", "sten", "å", "lund", "grav", "pil", "ek", "fjäll", "ström", "vik", "tå",
    "rus", "holm", "kär", "nås", "ljung", "torp", "by", "skog", "dal", "ås", "myr",
];

fn word(n: usize) -> String {
    let a = SYLLABLES[n % 24];
    let b = SYLLABLES[(n / 24) % 24];
    let c = SYLLABLES[(n / 576) % 24];
    format!("{a}{b}{c}ning")
}

/// The `(file name, TOML text)` pairs of the generated rule set.
pub fn rule_set(departments: usize, types_per_department: usize) -> Vec<(String, String)> {
    let mut files = vec![(
        "municipality.toml".to_owned(),
        "[municipality]\nname = \"Syntetiska kommunen\"\n\n[first_line]\nid = \"kc\"\nname = \"Kontaktcenter\"\nhandler = \"kt\"\n\n[[first_line.unit]]\nid = \"kt\"\nname = \"Kundtjänsten\"\n".to_owned(),
    )];
    let mut n = 0;
    for d in 0..departments {
        let mut text = format!(
            "[department]\nid = \"d{d}\"\nname = \"Förvaltning {d}\"\n\n[[unit]]\nid = \"d{d}-u\"\nname = \"Enhet {d}\"\n"
        );
        for t in 0..types_per_department {
            let keywords: Vec<String> =
                (0..6).map(|k| format!("\"{}\"", word(n * 6 + k))).collect();
            text.push_str(&format!(
                "\n[[type]]\nid = \"d{d}-t{t}\"\nname = \"Typ {t}\"\nlevel = {}\nunit = \"d{d}-u\"\nform_codes = [\"F-{d}-{t}\"]\nkeywords = [{}]\n",
                1 + (n % 6),
                keywords.join(", ")
            ));
            n += 1;
        }
        files.push((format!("departments/d{d}.toml"), text));
    }
    files
}

/// A text of about `bytes` bytes that mentions the generated type `n`'s
/// first keyword once, amid ordinary Swedish.
pub fn enquiry(bytes: usize, n: usize) -> String {
    let filler = "Hej, jag undrar hur det går med mitt ärende som jag skickade in förra veckan. ";
    let mut text = format!("Det gäller {} vid vår fastighet. ", word(n * 6));
    while text.len() < bytes {
        text.push_str(filler);
    }
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}
