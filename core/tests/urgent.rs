//! Klippan's urgent types: a fire or accident in progress (`nodlage`) and
//! thoughts of suicide (`sjalvmordstankar`) are answered within minutes on
//! every channel, not within the channel's usual working days, and their
//! `external` table tells the host system so (`priority = "urgent"`).

mod common;

use common::klippan;
use jiff::Timestamp;
use kommunlots::{Channel, Enquiry, Router};

/// Tuesday 24 November 2026, 10:00 in Klippan: within opening hours.
fn tuesday_ten() -> Timestamp {
    "2026-11-24T10:00:00+01:00"
        .parse()
        .unwrap_or_else(|e| unreachable!("a valid timestamp: {e}"))
}

/// The type and the first step's due time of `text` on `channel`.
fn first_due(router: &Router, text: &str, channel: Channel) -> (Option<String>, Option<String>) {
    let d = router.route(
        &Enquiry::text(text)
            .with_channel(channel)
            .with_received_at(tuesday_ten()),
    );
    let due = d.path.first().and_then(|s| s.due).map(|t| t.to_string());
    (d.enquiry_type.map(|t| t.to_string()), due)
}

#[test]
fn urgent_enquiries_are_due_within_minutes_on_every_written_channel() {
    let router = klippan();
    for (text, ty) in [
        ("Det brinner i förrådet bakom skolan!", "nodlage"),
        ("Jag har tankar på att ta mitt liv", "sjalvmordstankar"),
    ] {
        for channel in [Channel::Email, Channel::EService, Channel::SocialMedia] {
            assert_eq!(
                first_due(&router, text, channel),
                (Some(ty.into()), Some("2026-11-24T10:15:00+01:00".into())),
                "{text} by {channel:?}"
            );
        }
        assert_eq!(
            first_due(&router, text, Channel::Phone).1.as_deref(),
            Some("2026-11-24T10:05:00+01:00"),
            "{text} by phone"
        );
        // A letter is answered the working day after it is opened.
        assert_eq!(
            first_due(&router, text, Channel::Letter).1.as_deref(),
            Some("2026-11-25T10:00:00+01:00"),
            "{text} by letter"
        );
    }
}

#[test]
fn urgent_types_tell_the_host_system_their_priority() {
    let router = klippan();
    for text in [
        "Det brinner i förrådet bakom skolan!",
        "Jag har tankar på att ta mitt liv",
    ] {
        let d = router.route(&Enquiry::text(text).with_channel(Channel::Email));
        assert_eq!(
            d.external.get("priority").and_then(|v| v.as_str()),
            Some("urgent"),
            "{text}"
        );
    }
    let d = router.route(&Enquiry::text("Varför har ni inte plogat?"));
    assert_eq!(d.external.get("priority"), None);
}

#[test]
fn other_enquiries_keep_the_channels_own_target() {
    // An e-mail about snow clearing: the municipality's two working days.
    assert_eq!(
        first_due(&klippan(), "Varför har ni inte plogat?", Channel::Email),
        (
            Some("snorojning".into()),
            Some("2026-11-26T10:00:00+01:00".into())
        )
    );
}

/// `text` by e-mail, received at `at`.
fn email_at(router: &Router, text: &str, at: &str) -> kommunlots::Decision {
    let at: Timestamp = at
        .parse()
        .unwrap_or_else(|e| unreachable!("a valid timestamp: {e}"));
    router.route(
        &Enquiry::text(text)
            .with_channel(Channel::Email)
            .with_received_at(at),
    )
}

/// Each step of a decision's path as `role unit due`.
fn steps(d: &kommunlots::Decision) -> Vec<String> {
    d.path
        .iter()
        .map(|s| {
            let due = s.due.map(|t| t.to_string()).unwrap_or_default();
            format!("{} {} {due}", s.role.as_str(), s.unit)
        })
        .collect()
}

#[test]
fn out_of_hours_the_duty_service_takes_an_urgent_enquiry_first() {
    let router = klippan();
    // Good Friday 2027 at 21:00: the first line is closed until Tuesday.
    let d = email_at(
        &router,
        "Jag har tankar på att ta mitt liv",
        "2027-03-26T21:00:00+01:00",
    );
    assert_eq!(d.enquiry_type.as_deref(), Some("sjalvmordstankar"));
    assert_eq!(&*d.handler, "socialjour");
    // Still a first-line type by the ROSA policy, whatever the hour.
    assert!(d.first_line);
    assert_eq!(
        steps(&d),
        [
            "out-of-hours socialjour 2027-03-26T21:15:00+01:00",
            // The first line's own quarter of an hour, from its opening.
            "first-line kundtjanst 2027-03-30T08:15:00+02:00",
            "owner social-mottagning 2027-04-06T08:15:00+02:00",
            "escalation social-enhetschef 2027-04-07T08:15:00+02:00",
            "escalation social-chef 2027-04-09T08:15:00+02:00",
        ]
    );
    assert!(
        d.explanation.text.ends_with(
            "Det kom när Kundtjänsten har stängt, så Socialjouren Nordvästra Skåne tar emot det \
             först. Socialjouren Nordvästra Skåne besvarar det senast fredag 26 mars 2027 kl. 21.15."
        ),
        "{}",
        d.explanation.text
    );
    let json = serde_json::to_value(&d).unwrap_or_default();
    assert_eq!(json["path"][0]["role"], "out-of-hours");

    // A fire at 23:40 on a weekday: the fire officer on duty.
    let d = email_at(
        &router,
        "Det brinner i förrådet bakom skolan!",
        "2026-11-24T23:40:00+01:00",
    );
    assert_eq!(&*d.handler, "raddningstjanst-rcb");
    assert_eq!(
        steps(&d).first().map(String::as_str),
        Some("out-of-hours raddningstjanst-rcb 2026-11-24T23:55:00+01:00")
    );
}

#[test]
fn in_office_hours_and_for_other_types_there_is_no_duty_step() {
    let router = klippan();
    // The same enquiry on a Tuesday morning: the first line answers.
    let d = email_at(
        &router,
        "Jag har tankar på att ta mitt liv",
        "2027-03-23T10:00:00+01:00",
    );
    assert_eq!(&*d.handler, "kundtjanst");
    assert_eq!(
        steps(&d).first().map(String::as_str),
        Some("first-line kundtjanst 2027-03-23T10:15:00+01:00")
    );
    assert!(!d.explanation.text.contains("har stängt"));
    // A minute after the first line closes, the duty service comes first.
    let d = email_at(
        &router,
        "Jag har tankar på att ta mitt liv",
        "2027-03-23T17:01:00+01:00",
    );
    assert_eq!(&*d.handler, "socialjour");
    // Snow clearing at midnight waits for the first line: it names no duty
    // service.
    let d = email_at(
        &router,
        "Varför har ni inte plogat?",
        "2027-03-23T23:59:00+01:00",
    );
    assert_eq!(&*d.handler, "kundtjanst");
    assert!(steps(&d).iter().all(|s| !s.starts_with("out-of-hours")));
}

#[test]
fn statistics_hold_a_duty_service_to_its_own_target() {
    use kommunlots::stats::{self, Options};
    let router = klippan();
    // A child at risk reported by e-service on a Saturday night: the duty
    // service has one hour (the channel's own target would be days).
    let log = r#"{"id": "N-1", "channel": "e-service", "text": "Jag är orolig för grannens barn, de är ensamma hemma och skriker", "received_at": "2027-03-20T23:30:00+01:00", "answered_at": "2027-03-21T00:20:00+01:00"}
{"id": "N-2", "channel": "e-service", "text": "Jag är orolig för grannens barn, de är ensamma hemma och skriker", "received_at": "2027-03-20T23:30:00+01:00", "answered_at": "2027-03-21T01:00:00+01:00"}
{"id": "N-3", "channel": "e-service", "text": "Jag är orolig för grannens barn, de är ensamma hemma och skriker", "received_at": "2027-03-23T10:00:00+01:00", "answered_at": "2027-03-23T13:00:00+01:00"}
"#;
    let as_of = "2027-04-01T12:00:00+02:00"
        .parse()
        .unwrap_or_else(|e| unreachable!("a valid timestamp: {e}"));
    let report = stats::report(&router, log.as_bytes(), Options::as_of(as_of))
        .unwrap_or_else(|e| unreachable!("reading a string cannot fail: {e}"));
    let e_service = report
        .service
        .iter()
        .find(|s| s.channel.as_str() == "e-service")
        .unwrap_or_else(|| unreachable!("three e-service enquiries"));
    // N-1 within its hour, N-2 ninety minutes: late. N-3 came in office
    // hours and is held to the channel's target, which three hours meet.
    assert_eq!((e_service.answered, e_service.within_target.count), (3, 2));
}
