//! `kommunlots route`: one text, JSON Lines, and what each answer shows.

use super::*;

#[test]
fn route_text_says_who_handles_it() {
    let klippan = klippan();
    let o = run(&["route", "--rules", klippan.to_str().unwrap(), SNOW], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Snöröjning och halkbekämpning (snorojning)\n"),
        "{out}"
    );
    assert!(
        out.contains("department    Tekniska förvaltningen (teknik)"),
        "{out}"
    );
    assert!(
        out.contains("unit          Gata och park (teknik-gata)"),
        "{out}"
    );
    assert!(out.contains("ROSA level    1 (information)"), "{out}");
    assert!(out.contains("first line    yes"), "{out}");
    assert!(out.contains("confidential  no"), "{out}");
    assert!(
        out.contains("route         Kundtjänsten [first line] → Gata och park [owner, due "),
        "{out}"
    );
    assert!(out.contains("“ploga” (keyword, 1)"), "{out}");
    assert!(out.contains("Det är ROSA-nivå 1"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_text_that_is_not_utf8_is_routed_not_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let klippan = klippan();
    let args = [
        OsStr::new("route"),
        OsStr::new("--rules"),
        klippan.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        // "bygglov för garaget" with "ö" in Latin-1, as from an old file.
        OsStr::from_bytes(b"bygglov f\xf6r garaget"),
    ];
    let o = run(&args, "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["enquiry_type"], "bygglov-information");
}

#[test]
fn an_ambiguous_enquiry_shows_what_pointed_to_each_candidate() {
    let klippan = klippan();
    let text = "Det luktar illa från avloppet i vår källare";
    let o = run(&["route", "--rules", klippan.to_str().unwrap(), text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(ambiguous)"), "{out}");
    assert!(
        out.contains(
            "candidates    halsoskydd (miljoforbund, score 1: lukt), va-anmalan (teknik, score 1: avlopp)"
        ),
        "{out}"
    );
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "json",
            text,
        ],
        "",
    );
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["candidates"][0]["terms"][0]["term"], "lukt");
    assert_eq!(d["candidates"][1]["terms"][0]["term"], "avlopp");
    assert_eq!(d["candidates"][1]["terms"][0]["kind"], "keyword");
}

#[test]
fn an_unmatched_enquiry_shows_a_candidate_found_by_a_near_spelling() {
    let klippan = klippan();
    let rules = klippan.to_str().unwrap();
    let text = "När kommer snöröjnigen?";
    let o = run(&["route", "--rules", rules, "--channel", "email", text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(unmatched)"), "{out}");
    assert!(
        out.contains("candidates    snorojning (teknik, score 1: snöröjning (near spelling))"),
        "{out}"
    );
    let args = ["route", "--rules", rules, "--format", "json", text];
    let d: Value = serde_json::from_str(&stdout(&run(&args, ""))).unwrap();
    assert_eq!(d["matched"], false);
    assert_eq!(d["candidates"][0]["terms"][0]["term"], "snöröjning");
    assert_eq!(d["candidates"][0]["terms"][0]["near_spelling"], true);
}

#[test]
fn a_match_by_a_near_spelling_says_so() {
    let klippan = klippan();
    let rules = klippan.to_str().unwrap();
    let text = "Är det eldningförbud i Klippan just nu?";
    let o = run(&["route", "--rules", rules, "--channel", "email", text], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("matched terms “eldningsförbud” (keyword, 3, near spelling)"),
        "{out}"
    );
    let args = ["route", "--rules", rules, "--format", "json", text];
    let d: Value = serde_json::from_str(&stdout(&run(&args, ""))).unwrap();
    assert_eq!(d["enquiry_type"], "eldningsforbud");
    let term = &d["explanation"]["trace"]["terms"][0];
    assert_eq!(
        (&term["term"], &term["near_spelling"]),
        (&"eldningsförbud".into(), &true.into())
    );
}

#[test]
fn route_json_is_the_decision_on_one_line() {
    let klippan = klippan();
    let args = ["route", "--rules", klippan.to_str().unwrap()];
    let o = run(
        &[&args[..], &["--format", "json", "--channel", "phone", SNOW]].concat(),
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["department"], "teknik");
    assert_eq!(d["rosa_level"], 1);
    assert_eq!(d["first_line"], true);
    assert_eq!(d["channel"], "phone");
    assert_eq!(d["handler"], "vaxel");

    let o = run(
        &[&args[..], &["--format", "json", "--pretty", SNOW]].concat(),
        "",
    );
    let out = stdout(&o);
    assert!(out.lines().count() > 10, "{out}");
    assert!(out.contains("  \"department\": \"teknik\","), "{out}");
}

#[test]
fn confidential_decisions_name_the_law() {
    let klippan = klippan();
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "Jag behöver söka försörjningsstöd, hur prövas min ansökan?",
        ],
        "",
    );
    let out = stdout(&o);
    let d = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "json",
            "Jag behöver söka försörjningsstöd, hur prövas min ansökan?",
        ],
        "",
    );
    let d: Value = serde_json::from_str(&stdout(&d)).unwrap();
    // Whatever the rules say today, the text shows what the JSON says.
    match (&d["confidential"], &d["legal_reference"]) {
        (Value::Bool(true), Value::String(law)) => {
            assert!(out.contains(&format!("confidential  yes ({law})")), "{out}")
        }
        (Value::Bool(false), _) => assert!(out.contains("confidential  no"), "{out}"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn json_lines_report_a_bad_line_in_place() {
    let klippan = klippan();
    let input = concat!(
        r#"{"id": "E-1", "text": "Varför har ni inte plogat Storgatan?", "channel": "phone"}"#,
        "\n",
        r#"{"id": "E-2", "txt": "felstavat fält"}"#,
        "\n\n",
        r#"{"id": 3, "text": "vattenläcka i källaren"}"#,
        "\n",
    );
    let o = run(&["route", "--rules", klippan.to_str().unwrap()], input);
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0]["id"], "E-1");
    assert_eq!(lines[0]["department"], "teknik");
    assert_eq!(lines[0]["handler"], "vaxel");
    assert_eq!(lines[1]["id"], "E-2");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["column"], 19);
    let error = lines[1]["error"].as_str().unwrap();
    assert!(
        error.starts_with("at column 19: unknown field `txt`, expected one of `id`"),
        "{error}"
    );
    assert!(lines[1].get("department").is_none(), "{out}");
    assert_eq!(lines[2]["id"], 3);
    assert_eq!(lines[2]["enquiry_type"], "vattenlacka");
    assert!(
        stderr(&o).contains("1 input line could not be read (first at line 2)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_that_are_not_json_have_no_id() {
    let klippan = klippan();
    let o = run(
        &["route", "--rules", klippan.to_str().unwrap()],
        b"not json\n{\"text\": \"sn\xf6r\xf6jning\"}\n{\"text\": \"sn\xc3\xb6r\xc3\xb6jning\"}\r\n",
    );
    assert_eq!(code(&o), 65);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        r#"{"id":null,"error":"at column 2: expected ident","line":1,"column":2}"#
    );
    // Latin-1 instead of UTF-8: the first bad byte is the 13th.
    assert_eq!(
        lines[1],
        r#"{"id":null,"error":"invalid UTF-8 at column 13","line":2,"column":13}"#
    );
    let third: Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(third["enquiry_type"], "snorojning");
    assert!(
        stderr(&o).contains("2 input lines could not be read (first at line 1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_as_text_give_one_summary_per_enquiry() {
    let klippan = klippan();
    let input = concat!(
        "{\"id\": \"E-1\", \"text\": \"snöröjning\"}\n",
        "{\"text\": \"hej\"}\n",
        "{\"id\": \"E-3\", \"channel\": \"fax\"}\n",
    );
    let o = run(
        &[
            "route",
            "--rules",
            klippan.to_str().unwrap(),
            "--format",
            "text",
            "--channel",
            "phone",
        ],
        input,
    );
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "E-1: matched snorojning → teknik/teknik-gata, ROSA 1, handler vaxel (first line)\n\
         line 2: unmatched → kundtjanst/kundtjanst, handler kundtjanst (first line)\n\
         E-3 (line 3): error: at column 30: unknown variant `fax`, expected one of `phone`, \
         `email`, `e-service`, `eservice`, `letter`, `visit`, `social-media`\n"
    );
}

#[test]
fn a_closed_pipe_ends_the_stream_quietly() {
    let klippan = klippan();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kommunlots"))
        .args(["route", "--rules", klippan.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = "{\"text\": \"Varför har ni inte plogat Storgatan?\"}\n";
        for _ in 0..5000 {
            if input.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.contains("\"enquiry_type\":\"snorojning\""), "{first}");
    drop(reader);
    writer.join().unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}
