//! The calendar as routing sees it: the router's accessors, due dates in
//! decisions, escalation paths and "where is this enquiry now?".

#![expect(clippy::panic, reason = "a test fails by panicking, with the reason")]

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
                unit: "bygglov",
                level: 2,
                first_line: true,
                confidential: false,
            },
            EnquiryTypeInfo {
                id: "bygglov-ansokan",
                name: "Ansökan om bygglov",
                department: "plan-bygg",
                unit: "bygglov",
                level: 6,
                first_line: false,
                confidential: false,
            },
        ]
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
