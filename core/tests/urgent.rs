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
