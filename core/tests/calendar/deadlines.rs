//! Deadlines in working time: across holidays, daylight-saving changes,
//! short days, the day before a public holiday, and local closures.

use super::*;

#[test]
fn two_working_days_over_easter_2027() -> TestResult {
    let cal = stockholm()?;
    let hours = OpeningHours::default();
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-03-25T16:30:00+01:00[Europe/Stockholm]",
            "2 working days"
        )?,
        "2027-03-31T16:30:00+02:00[Europe/Stockholm]"
    );
    // Received after closing: counts from Tuesday 08:00.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-03-25T17:30:00+01:00[Europe/Stockholm]",
            "2 working days"
        )?,
        "2027-04-01T08:00:00+02:00[Europe/Stockholm]"
    );
    // 30 minutes from 16:50 runs 10 minutes on Thursday and 20 on Tuesday.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-03-25T16:50:00+01:00[Europe/Stockholm]",
            "30 minutes"
        )?,
        "2027-03-30T08:20:00+02:00[Europe/Stockholm]"
    );
    // Exactly at closing: due at closing, not the next morning.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-03-25T16:30:00+01:00[Europe/Stockholm]",
            "30 min"
        )?,
        "2027-03-25T17:00:00+01:00[Europe/Stockholm]"
    );
    Ok(())
}

#[test]
fn spring_dst_change() -> TestResult {
    let cal = stockholm()?;
    let hours = OpeningHours::default();
    // Saturday 27 March 2027; clocks go forward on Sunday 28th, Monday 29th
    // is Easter Monday: the first opening is Tuesday 08:00 summer time.
    let sat = "2027-03-27T10:00:00+01:00[Europe/Stockholm]";
    assert_eq!(
        due(&cal, &hours, sat, "2 working days")?,
        "2027-04-01T08:00:00+02:00[Europe/Stockholm]"
    );
    assert_eq!(
        due(&cal, &hours, sat, "30 minutes")?,
        "2027-03-30T08:30:00+02:00[Europe/Stockholm]"
    );
    // 2026: clocks go forward on Sunday 29 March, an ordinary weekend.
    let fri = "2026-03-27T16:45:00+01:00[Europe/Stockholm]";
    assert_eq!(
        due(&cal, &hours, fri, "30 minutes")?,
        "2026-03-30T08:15:00+02:00[Europe/Stockholm]"
    );
    assert_eq!(
        due(&cal, &hours, fri, "1 working day")?,
        "2026-03-30T16:45:00+02:00[Europe/Stockholm]"
    );
    assert_eq!(
        cal.working_time_between(
            &hours,
            at(fri)?,
            at("2026-03-30T08:15:00+02:00[Europe/Stockholm]")?
        )?,
        SignedDuration::from_mins(30)
    );
    Ok(())
}

#[test]
fn autumn_dst_change() -> TestResult {
    let cal = stockholm()?;
    let hours = OpeningHours::default();
    // Clocks go back on Sunday 31 October 2027.
    let fri = "2027-10-29T16:45:00+02:00[Europe/Stockholm]";
    assert_eq!(
        due(&cal, &hours, fri, "30 minutes")?,
        "2027-11-01T08:15:00+01:00[Europe/Stockholm]"
    );
    assert_eq!(
        due(&cal, &hours, fri, "1 working day")?,
        "2027-11-01T16:45:00+01:00[Europe/Stockholm]"
    );
    let fri3 = "2027-10-29T15:00:00+02:00[Europe/Stockholm]";
    assert_eq!(
        due(&cal, &hours, fri3, "4 hours")?,
        "2027-11-01T10:00:00+01:00[Europe/Stockholm]"
    );
    let sat = "2027-10-30T12:00:00+02:00[Europe/Stockholm]";
    assert_eq!(
        due(&cal, &hours, sat, "1 working day")?,
        "2027-11-02T08:00:00+01:00[Europe/Stockholm]"
    );
    // Opening time ignores the extra night hour.
    assert_eq!(
        cal.working_time_between(
            &hours,
            at(fri3)?,
            at("2027-11-01T10:00:00+01:00[Europe/Stockholm]")?
        )?,
        SignedDuration::from_hours(4)
    );
    Ok(())
}

#[test]
fn overdue_working_time() -> TestResult {
    let cal = stockholm()?;
    let hours = OpeningHours::default();
    let due_at = at("2027-03-31T16:30:00+02:00[Europe/Stockholm]")?;
    let now = at("2027-04-01T10:50:00+02:00[Europe/Stockholm]")?;
    let overdue = cal.working_time_between(&hours, due_at, now)?;
    assert_eq!(overdue, SignedDuration::from_mins(3 * 60 + 20));
    assert_eq!(cal.working_time_between(&hours, now, due_at)?, -overdue);
    assert_eq!(
        cal.working_time_between(&hours, now, now)?,
        SignedDuration::ZERO
    );
    Ok(())
}

#[test]
fn short_days_cut_opening_time() -> TestResult {
    let config = CalendarConfig {
        short_days: vec![ShortDay {
            date: date(2027, 4, 30),
            closes: "12:00".parse()?,
        }],
        ..CalendarConfig::default()
    };
    let cal = Calendar::new(TZ, &config)?;
    let hours = OpeningHours::default();
    // The same clock time on a short day is clamped to its closing.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-04-29T16:30:00+02:00[Europe/Stockholm]",
            "1 working day"
        )?,
        "2027-04-30T12:00:00+02:00[Europe/Stockholm]"
    );
    // Before closing the clock time is kept.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-04-29T10:30:00+02:00[Europe/Stockholm]",
            "1 working day"
        )?,
        "2027-04-30T10:30:00+02:00[Europe/Stockholm]"
    );
    // 1 hour from 11:30: 30 minutes on the short day, 30 on Monday (1 May is a Saturday).
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-04-30T11:30:00+02:00[Europe/Stockholm]",
            "1 hour"
        )?,
        "2027-05-03T08:30:00+02:00[Europe/Stockholm]"
    );
    Ok(())
}

#[test]
fn day_before_public_holiday_rule() -> TestResult {
    let config = CalendarConfig {
        before_public_holiday_closes: Some("12:00".parse()?),
        ..CalendarConfig::default()
    };
    let cal = Calendar::new(TZ, &config)?;
    let hours = OpeningHours::default();
    // Wednesday before Ascension Day closes at 12:00.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-05-05T11:00:00+02:00[Europe/Stockholm]",
            "2 hours"
        )?,
        "2027-05-07T09:00:00+02:00[Europe/Stockholm]"
    );
    // Maundy Thursday closes at 12:00, so 16:30 is after closing.
    assert_eq!(
        due(
            &cal,
            &hours,
            "2027-03-25T16:30:00+01:00[Europe/Stockholm]",
            "2 working days"
        )?,
        "2027-04-01T08:00:00+02:00[Europe/Stockholm]"
    );
    // A unit's own exception for the date overrides the short day.
    let open_late = hours
        .clone()
        .with_exception(date(2027, 5, 5), "08:00-17:00".parse()?);
    assert_eq!(
        due(
            &cal,
            &open_late,
            "2027-05-05T15:00:00+02:00[Europe/Stockholm]",
            "1 hour"
        )?,
        "2027-05-05T16:00:00+02:00[Europe/Stockholm]"
    );
    Ok(())
}

#[test]
fn local_closures() -> TestResult {
    let config = CalendarConfig {
        closures: vec![LocalClosure {
            date: date(2027, 8, 13),
            name: "Personaldag".to_owned(),
        }],
        ..CalendarConfig::default()
    };
    let cal = Calendar::new(TZ, &config)?;
    assert!(!cal.is_working_day(date(2027, 8, 13))?);
    assert!(cal.is_working_day(date(2027, 8, 12))?);
    let days = cal.closed_days(2027)?;
    let local: Vec<_> = days
        .iter()
        .filter(|d| d.kind == ClosedDayKind::Local)
        .collect();
    assert_eq!(local.len(), 1);
    assert_eq!(
        (local[0].date, local[0].name.as_str()),
        (date(2027, 8, 13), "Personaldag")
    );
    assert!(days.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(
        due(
            &cal,
            &OpeningHours::default(),
            "2027-08-12T10:00:00+02:00[Europe/Stockholm]",
            "1 working day"
        )?,
        "2027-08-16T10:00:00+02:00[Europe/Stockholm]"
    );
    // A closure outside the supported years is rejected up front.
    let bad = CalendarConfig {
        closures: vec![LocalClosure {
            date: date(2300, 1, 2),
            name: "x".to_owned(),
        }],
        ..CalendarConfig::default()
    };
    assert!(matches!(
        Calendar::new(TZ, &bad),
        Err(CalendarError::YearOutOfRange { year: 2300, .. })
    ));
    Ok(())
}

#[test]
fn de_facto_closed_days_can_be_switched_off() -> TestResult {
    let hours = OpeningHours::default();
    let received = "2027-12-23T10:00:00+01:00[Europe/Stockholm]";
    let cal = stockholm()?;
    assert!(!cal.is_working_day(date(2027, 12, 24))?);
    assert_eq!(
        due(&cal, &hours, received, "1 working day")?,
        "2027-12-27T10:00:00+01:00[Europe/Stockholm]"
    );

    let open = Calendar::new(
        TZ,
        &CalendarConfig {
            de_facto_closed: DeFactoClosed::none(),
            ..CalendarConfig::default()
        },
    )?;
    assert!(open.is_working_day(date(2027, 12, 24))?);
    assert_eq!(
        due(&open, &hours, received, "1 working day")?,
        "2027-12-24T10:00:00+01:00[Europe/Stockholm]"
    );
    assert!(
        !names(&open, 2027)?
            .iter()
            .any(|d| d.2 == ClosedDayKind::DeFacto)
    );
    Ok(())
}
