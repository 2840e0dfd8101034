//! The calendar as routing sees it: the router's accessors, due dates in
//! decisions, escalation paths and "where is this enquiry now?".

#![expect(clippy::panic, reason = "a test fails by panicking, with the reason")]

mod common;

use common::klippan;
use kommunlots::calendar::{OpeningHours, ServiceTarget};
use kommunlots::{Channel, EnquiryTypeInfo, Router};

const MUNICIPALITY: &str = r#"
[municipality]
name = "Exempels kommun"

[opening_hours]
monday = "08:00-16:00"
tuesday = "08:00-16:00"
wednesday = "08:00-16:00"
thursday = "08:00-16:00"
friday = "08:00-15:00"

[targets]
phone = "5 minutes"
email = "2 working days"
owner = "5 working days"

[first_line]
id = "kontaktcenter"
name = "Kontaktcenter"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"#;

const PLAN_BYGG: &str = r#"
[department]
id = "plan-bygg"
name = "Plan- och byggförvaltningen"

[targets]
email = "3 working days"

[[escalation]]
unit = "plan-bygg-chef"
within = "1 working day"

[[unit]]
id = "bygglov"
name = "Bygglovsenheten"
opening_hours = { monday = "09:00-12:00" }

[[unit]]
id = "plan-bygg-chef"
name = "Förvaltningschef"

[[type]]
id = "bygglov-info"
name = "Information om bygglov"
level = 2
unit = "bygglov"
keywords = ["bygglovsregler"]

[[type]]
id = "bygglov-ansokan"
name = "Ansökan om bygglov"
level = 6
unit = "bygglov"
keywords = ["bygglov"]
targets = { email = "10 working days" }
"#;

fn router() -> Router {
    Router::from_sources([
        ("municipality.toml", MUNICIPALITY),
        ("departments/plan-bygg.toml", PLAN_BYGG),
    ])
    .unwrap_or_else(|e| panic!("the example rules must load:\n{e}"))
}

/// A decision's time as its JSON carries it.
fn text(time: Option<kommunlots::LocalTime>) -> Option<String> {
    time.map(|t| t.to_string())
}

#[test]
fn accessors_list_types_departments_hours_and_targets() {
    let r = router();
    assert_eq!(
        r.departments().collect::<Vec<_>>(),
        [("plan-bygg", "Plan- och byggförvaltningen")]
    );
    let types: Vec<EnquiryTypeInfo<'_>> = r.enquiry_types().collect();
    assert_eq!(
        types,
        [
            EnquiryTypeInfo {
                id: "bygglov-info",
                name: "Information om bygglov",
                department: "plan-bygg",
                department_name: "Plan- och byggförvaltningen",
                unit: "bygglov",
                level: 2,
                first_line: true,
                confidential: false,
                form_codes: &[],
                legal_reference: None,
                external: &serde_json::Map::new(),
            },
            EnquiryTypeInfo {
                id: "bygglov-ansokan",
                name: "Ansökan om bygglov",
                department: "plan-bygg",
                department_name: "Plan- och byggförvaltningen",
                unit: "bygglov",
                level: 6,
                first_line: false,
                confidential: false,
                form_codes: &[],
                legal_reference: None,
                external: &serde_json::Map::new(),
            },
        ]
    );
    // The JSON a web form builds its categories from: Decision's names.
    assert_eq!(
        serde_json::to_value(types[1]).unwrap_or_else(|e| panic!("{e}")),
        serde_json::json!({
            "id": "bygglov-ansokan",
            "name": "Ansökan om bygglov",
            "department": "plan-bygg",
            "department_name": "Plan- och byggförvaltningen",
            "unit": "bygglov",
            "rosa_level": 6,
            "first_line": false,
            "confidential": false,
            "form_codes": [],
            "legal_reference": null,
            "external": {},
        })
    );
    let own: OpeningHours =
        toml::from_str(r#"monday = "09:00-12:00""#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.opening_hours("bygglov"), &own);
    let default: OpeningHours = toml::from_str(
        r#"
        monday = "08:00-16:00"
        tuesday = "08:00-16:00"
        wednesday = "08:00-16:00"
        thursday = "08:00-16:00"
        friday = "08:00-15:00"
        "#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.opening_hours("plan-bygg-chef"), &default);
    assert_eq!(r.opening_hours("no-such-unit"), &default);
    assert_eq!(
        r.calendar().time_zone().iana_name(),
        Some("Europe/Stockholm")
    );

    let days = |n| Some(ServiceTarget::WorkingDays(n));
    assert_eq!(r.target(Channel::Email, None).copied(), days(2));
    assert_eq!(
        r.target(Channel::Email, Some("bygglov-info")).copied(),
        days(3)
    );
    assert_eq!(
        r.target(Channel::Email, Some("bygglov-ansokan")).copied(),
        days(10)
    );
    assert_eq!(
        r.target(Channel::Email, Some("no-such-type")).copied(),
        days(2)
    );
    assert_eq!(
        r.target(Channel::Phone, Some("bygglov-ansokan")).copied(),
        Some(ServiceTarget::Minutes(5))
    );
    assert_eq!(r.target(Channel::Letter, None), None);
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse()
        .unwrap_or_else(|e| panic!("`{s}` is not a timestamp: {e}"))
}

#[test]
fn an_easter_email_to_the_first_line_is_due_on_wednesday() {
    let r = klippan();
    let e = kommunlots::Enquiry::text("Varför har ni inte plogat Storgatan?")
        .with_channel(Channel::Email)
        .with_received_at(at("2027-03-25T16:30:00+01:00"));
    let d = r.route_at(&e, at("2030-01-01T00:00:00Z"));
    assert_eq!(d.enquiry_type.as_deref(), Some("snorojning"));
    assert_eq!(
        text(d.received_at).as_deref(),
        Some("2027-03-25T16:30:00+01:00")
    );
    let steps: Vec<(&str, Option<String>)> =
        d.path.iter().map(|s| (&*s.unit, text(s.due))).collect();
    // First line: 2 working days over Easter; owner: 5 more working days;
    // head of department: 1 more.
    assert_eq!(
        steps,
        [
            ("kundtjanst", Some("2027-03-31T16:30:00+02:00".to_owned())),
            ("teknik-gata", Some("2027-04-07T16:30:00+02:00".to_owned())),
            ("teknik-chef", Some("2027-04-08T16:30:00+02:00".to_owned())),
        ]
    );
    assert!(
        d.explanation
            .text
            .ends_with("Kundtjänsten besvarar det senast onsdag 31 mars 2027 kl. 16.30."),
        "{}",
        d.explanation.text
    );
}

#[test]
fn without_received_at_deadlines_count_from_the_routing_time() {
    let r = klippan();
    let e = kommunlots::Enquiry::text("bygglov").with_channel(Channel::Phone);
    // Saturday 27 March 2027, 10:00 (Easter Saturday): the call counts from
    // Tuesday 08:00, since Easter Monday is a public holiday.
    let d = r.route_at(&e, at("2027-03-27T09:00:00Z"));
    assert_eq!(
        text(d.received_at).as_deref(),
        Some("2027-03-27T10:00:00+01:00")
    );
    assert_eq!(
        text(d.path[0].due).as_deref(),
        Some("2027-03-30T08:05:00+02:00")
    );
}

#[test]
fn a_date_outside_the_calendar_gives_a_decision_without_due_dates() {
    let r = klippan();
    let e = kommunlots::Enquiry::text("snöröjning")
        .with_channel(Channel::Email)
        .with_received_at(at("2201-06-01T10:00:00+02:00"));
    let d = r.route_at(&e, at("2027-01-01T00:00:00Z"));
    assert!(d.matched);
    assert!(d.path.iter().all(|s| s.due.is_none()), "{:?}", d.path);
    assert_eq!(
        d.explanation.trace.notes,
        [
            "svarstiden för steg 1 (Kundtjänsten) kunde inte räknas ut: year 2201 is outside the \
          supported years 1953–2200: Swedish holidays are computed only for those years, so use \
          a date within them"
        ]
    );
}

#[test]
fn received_at_without_an_offset_is_a_located_json_error() {
    let r = klippan();
    let err = r
        .route_json("{\"text\": \"hej\",\n \"received_at\": \"2027-03-25T16:30:00\"}")
        .err()
        .unwrap_or_else(|| panic!("a time without offset must be rejected"));
    assert_eq!(err.line, 2);
    assert!(err.message.contains("offset"), "{}", err.message);
}

#[test]
fn a_form_code_names_its_type_without_routing() {
    let router = klippan();
    let info = router.enquiry_type_for_form(" tf-ptrh ");
    assert_eq!(info.as_ref().map(|t| t.id), Some("parkeringstillstand"));
    assert_eq!(info.as_ref().map(|t| t.department), Some("teknik"));
    assert!(info.is_some_and(|t| t.form_codes.iter().any(|c| &**c == "TF-PTRH")));
    assert!(router.enquiry_type_for_form("TF-NOPE").is_none());
    let with_forms = router
        .enquiry_types()
        .filter(|t| !t.form_codes.is_empty())
        .count();
    assert!(
        with_forms > 10,
        "{with_forms} Klippan types have form codes"
    );
}
