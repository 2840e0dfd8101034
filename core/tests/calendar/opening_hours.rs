//! Opening hours: exceptions, split days, a duty service open day and
//! night, and a unit that never opens.

use super::*;

#[test]
fn opening_hour_exceptions_and_split_days() -> TestResult {
    let cal = stockholm()?;
    let hours: OpeningHours = serde_json::from_str(
        r#"{ "weekdays": "08:00-12:00, 13:00-16:00",
             "exceptions": [{ "date": "2027-12-23", "hours": "08:00-12:00" },
                            { "date": "2027-12-22", "closed": true }] }"#,
    )?;
    // Lunch closing is skipped.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-12-20T11:30:00+01:00[Europe/Stockholm]",
            "1 hour"
        )?,
        "2027-12-20T13:30:00+01:00[Europe/Stockholm]"
    );
    // Closed by exception on the 22nd, short by exception on the 23rd.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-12-21T15:30:00+01:00[Europe/Stockholm]",
            "1 hour"
        )?,
        "2027-12-23T08:30:00+01:00[Europe/Stockholm]"
    );
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-12-23T11:30:00+01:00[Europe/Stockholm]",
            "1 hour"
        )?,
        "2027-12-27T08:30:00+01:00[Europe/Stockholm]"
    );
    Ok(())
}

#[test]
fn a_duty_service_open_day_and_night_and_on_holidays() -> TestResult {
    let cal = stockholm()?;
    let always: OpeningHours = serde_json::from_str(
        r#"{ "weekdays": "00:00-24:00", "saturday": "00:00-24:00",
             "sunday": "00:00-24:00", "holidays": "00:00-24:00" }"#,
    )?;
    // Across midnight without a break: 15 minutes from 23:50 on a Friday.
    assert_eq!(
        due(
            &cal,
            &always,
            "2027-03-19T23:50:00+01:00[Europe/Stockholm]",
            "15 minutes"
        )?,
        "2027-03-20T00:05:00+01:00[Europe/Stockholm]"
    );
    // Good Friday evening is open time too.
    assert_eq!(
        due(
            &cal,
            &always,
            "2027-03-26T21:00:00+01:00[Europe/Stockholm]",
            "15 minutes"
        )?,
        "2027-03-26T21:15:00+01:00[Europe/Stockholm]"
    );
    // The night of the spring change has 23 hours: 24 hours of opening
    // time from Saturday noon end at Sunday 13:00.
    assert_eq!(
        due(
            &cal,
            &always,
            "2027-03-27T12:00:00+01:00[Europe/Stockholm]",
            "24 hours"
        )?,
        "2027-03-28T13:00:00+02:00[Europe/Stockholm]"
    );
    // Open at any instant, holidays included; office hours close at 17:00
    // sharp and on Good Friday.
    let office = OpeningHours::default();
    for (hours, when, open) in [
        (&always, "2027-03-26T21:00:00+01:00[Europe/Stockholm]", true),
        (&always, "2027-03-20T00:00:00+01:00[Europe/Stockholm]", true),
        (&office, "2027-03-23T16:59:59+01:00[Europe/Stockholm]", true),
        (
            &office,
            "2027-03-23T17:00:00+01:00[Europe/Stockholm]",
            false,
        ),
        (&office, "2027-03-23T08:00:00+01:00[Europe/Stockholm]", true),
        (
            &office,
            "2027-03-26T10:00:00+01:00[Europe/Stockholm]",
            false,
        ),
    ] {
        assert_eq!(cal.is_open(hours, at(when)?)?, open, "{when}");
    }
    // Without `holidays`, the same unit is closed on Good Friday: the
    // enquiry waits for Saturday.
    let weekly: OpeningHours = serde_json::from_str(
        r#"{ "weekdays": "00:00-24:00", "saturday": "00:00-24:00", "sunday": "00:00-24:00" }"#,
    )?;
    assert_eq!(
        due(
            &cal,
            &weekly,
            "2027-03-26T21:00:00+01:00[Europe/Stockholm]",
            "15 minutes"
        )?,
        "2027-03-27T00:15:00+01:00[Europe/Stockholm]"
    );
    Ok(())
}

#[test]
fn a_unit_that_never_opens_is_an_error() -> TestResult {
    let cal = stockholm()?;
    let err = cal
        .due(
            &OpeningHours::closed(),
            at("2027-03-25T10:00:00+01:00[Europe/Stockholm]")?,
            &ServiceTarget::Minutes(5),
        )
        .err();
    assert!(
        matches!(err, Some(CalendarError::NoOpeningHours { from, days: 400 }) if from == date(2027, 3, 25))
    );
    Ok(())
}
