//! Runs the real `kommunlots` binary's calendar commands (`holidays`, `due`,
//! `where`) on the reference rule set.
#![expect(
    clippy::expect_used,
    reason = "a test that cannot set up its input should stop loudly"
)]

mod common;

use common::{klippan, run, stderr, stdout};

const HOLIDAYS_2027: &str = "\
2027-01-01\tNyårsdagen\tpublic
2027-01-06\tTrettondedag jul\tpublic
2027-03-26\tLångfredagen\tpublic
2027-03-28\tPåskdagen\tpublic
2027-03-29\tAnnandag påsk\tpublic
2027-05-01\tFörsta maj\tpublic
2027-05-06\tKristi himmelsfärdsdag\tpublic
2027-05-16\tPingstdagen\tpublic
2027-06-06\tSveriges nationaldag\tpublic
2027-06-25\tMidsommarafton\tde-facto
2027-06-26\tMidsommardagen\tpublic
2027-11-06\tAlla helgons dag\tpublic
2027-12-24\tJulafton\tde-facto
2027-12-25\tJuldagen\tpublic
2027-12-26\tAnnandag jul\tpublic
2027-12-31\tNyårsafton\tde-facto
";

#[test]
fn holidays_2027_with_and_without_rules() {
    let o = run(&["holidays", "--year", "2027"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), HOLIDAYS_2027);
    let k = klippan();
    let o = run(
        &["holidays", "--year", "2027", "--rules", k.to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), HOLIDAYS_2027);
}

#[test]
fn holidays_in_2004_include_whit_monday_and_not_national_day() {
    let o = run(&["holidays", "--year", "2004"], "");
    let out = stdout(&o);
    assert!(
        out.contains("2004-05-31\tAnnandag pingst\tpublic\n"),
        "{out}"
    );
    assert!(!out.contains("nationaldag"), "{out}");
}

#[test]
fn a_year_outside_the_calendar_is_a_usage_error() {
    let o = run(&["holidays", "--year", "2201"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2201"), "{}", stderr(&o));
}

#[test]
fn due_times_of_each_step_over_easter() {
    let k = klippan();
    let base = [
        "due",
        "--rules",
        k.to_str().unwrap(),
        "--channel",
        "email",
        "--received",
        "2027-03-25T16:30:00+01:00",
    ];
    let o = run(&base, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "1\tfirst-line\tkundtjanst\t2027-03-31T16:30:00+02:00\n"
    );
    let mut with_type = base.to_vec();
    with_type.extend(["--type", "snorojning"]);
    let o = run(&with_type, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "1\tfirst-line\tkundtjanst\t2027-03-31T16:30:00+02:00\n\
         2\towner\tteknik-gata\t2027-04-07T16:30:00+02:00\n\
         3\tescalation\tteknik-chef\t2027-04-08T16:30:00+02:00\n"
    );
    let mut unknown = base.to_vec();
    unknown.extend(["--type", "snorojnig"]);
    let o = run(&unknown, "");
    assert_eq!(o.status.code(), Some(65));
    assert!(stderr(&o).contains("unknown enquiry type `snorojnig`"));
}

#[test]
fn a_received_time_without_offset_is_a_usage_error() {
    let k = klippan();
    let o = run(
        &[
            "due",
            "--rules",
            k.to_str().unwrap(),
            "--channel",
            "email",
            "--received",
            "2027-03-25T16:30:00",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn where_is_an_enquiry_routed_on_maundy_thursday() {
    let k = klippan();
    let k = k.to_str().unwrap();
    let route = run(
        &["route", "--rules", k],
        "{\"text\": \"snöröjning\", \"channel\": \"email\", \"received_at\": \"2027-03-25T16:30:00+01:00\"}\n",
    );
    assert_eq!(route.status.code(), Some(0), "{}", stderr(&route));
    let decision = stdout(&route);

    let o = run(
        &["where", "--rules", k, "--at", "2027-04-01T09:00:00+02:00"],
        &decision,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "step 2 of 3: teknik-gata (Gata och park), due 2027-04-07T16:30:00+02:00\n\
         not overdue\n\
         next: step 3, teknik-chef\n"
    );

    let o = run(
        &[
            "where",
            "--rules",
            k,
            "--at",
            "2027-04-09T10:00:00+02:00",
            "--format",
            "json",
        ],
        &decision,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"active_step\":2,\"unit\":\"teknik-chef\",\"unit_name\":\"Teknisk chef\",\
         \"due\":\"2027-04-08T16:30:00+02:00\",\"overdue\":true,\"overdue_by\":\"PT2H30M\",\
         \"overdue_by_text\":\"2 h 30 min\",\"next_step\":null,\"next_unit\":null}\n"
    );

    let o = run(
        &["where", "--rules", k, "--at", "2027-04-09T10:00:00+02:00"],
        "{",
    );
    assert_eq!(o.status.code(), Some(65));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));
}
