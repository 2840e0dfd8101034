//! Tests of the working-time calendar: Swedish holidays across the law's
//! history, deadlines across holidays and daylight-saving changes, short days,
//! closures, parsing, and properties of `due` and `working_time_between`.

use std::error::Error;

use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp, Zoned};
use kommunlots::calendar::{
    Calendar, CalendarConfig, CalendarError, ClosedDayKind, DeFactoClosed, LocalClosure,
    OpeningHours, ServiceTarget, ServiceTargetError, ShortDay,
};

type TestResult = Result<(), Box<dyn Error>>;

const TZ: &str = "Europe/Stockholm";

fn stockholm() -> Result<Calendar, CalendarError> {
    Calendar::new(TZ, &CalendarConfig::default())
}

fn at(text: &str) -> Result<Timestamp, jiff::Error> {
    Ok(text.parse::<Zoned>()?.timestamp())
}

/// `due` for a target written as text, printed the way jiff prints a Zoned.
fn due(
    cal: &Calendar,
    hours: &OpeningHours,
    received: &str,
    target: &str,
) -> Result<String, Box<dyn Error>> {
    let target: ServiceTarget = target.parse()?;
    Ok(cal.due(hours, at(received)?, &target)?.to_string())
}

fn names(cal: &Calendar, year: i16) -> Result<Vec<(Date, String, ClosedDayKind)>, CalendarError> {
    Ok(cal
        .closed_days(year)?
        .into_iter()
        .map(|d| (d.date, d.name, d.kind))
        .collect())
}

/// Easter Sunday for every year 1953–2200 as MMDD, from an independent
/// implementation (python-dateutil's `easter`, Western method).
const EASTER_MMDD: &str = "0405 0418 0410 0401 0421 0406 0329 0417 0402 0422 0414 0329 0418 0410 0326 0414 0406 0329 0411 0402 0422 0414 0330 0418 0410 0326 0415 0406 0419 0411 0403 0422 0407 0330 0419 0403 0326 0415 0331 0419 0411 0403 0416 0407 0330 0412 0404 0423 0415 0331 0420 0411 0327 0416 0408 0323 0412 0404 0424 0408 0331 0420 0405 0327 0416 0401 0421 0412 0404 0417 0409 0331 0420 0405 0328 0416 0401 0421 0413 0328 0417 0409 0325 0413 0405 0425 0410 0401 0421 0406 0329 0417 0409 0325 0414 0405 0418 0410 0402 0421 0406 0329 0418 0402 0422 0414 0330 0418 0410 0326 0415 0406 0329 0411 0403 0422 0414 0330 0419 0410 0326 0415 0407 0419 0411 0403 0423 0407 0330 0419 0404 0326 0415 0331 0420 0411 0403 0416 0408 0330 0412 0404 0424 0415 0331 0420 0412 0328 0417 0409 0325 0413 0405 0418 0410 0401 0421 0406 0329 0417 0402 0422 0414 0329 0418 0410 0326 0414 0406 0329 0411 0402 0422 0414 0330 0418 0410 0326 0415 0406 0419 0411 0403 0422 0407 0330 0419 0403 0326 0415 0331 0419 0411 0403 0416 0407 0330 0412 0404 0423 0415 0331 0420 0411 0327 0416 0408 0323 0412 0404 0424 0408 0331 0420 0405 0327 0416 0401 0421 0412 0404 0417 0409 0331 0420 0405 0328 0416 0401 0421 0413 0328 0417 0409 0325 0413 0405 0425 0410 0401 0421 0406 0329 0417 0409 0325 0414 0406";

#[test]
fn easter_for_every_supported_year() -> TestResult {
    let cal = stockholm()?;
    let mut year = 1953;
    for mmdd in EASTER_MMDD.split_whitespace() {
        let month: i8 = mmdd[..2].parse()?;
        let day: i8 = mmdd[2..].parse()?;
        let easter = Date::new(year, month, day)?;
        let days = cal.closed_days(year)?;
        let found = days.iter().find(|d| d.name == "Påskdagen").map(|d| d.date);
        assert_eq!(found, Some(easter), "Easter {year}");
        let good_friday = days
            .iter()
            .find(|d| d.name == "Långfredagen")
            .map(|d| d.date);
        assert_eq!(
            good_friday,
            Some(easter.yesterday()?.yesterday()?),
            "Good Friday {year}"
        );
        year += 1;
    }
    assert_eq!(year, 2201);
    Ok(())
}

#[test]
fn easter_known_decades() -> TestResult {
    let cal = stockholm()?;
    for (year, easter) in [
        (1954, date(1954, 4, 18)),
        (1961, date(1961, 4, 2)),
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
        (2100, date(2100, 3, 28)),
        (2200, date(2200, 4, 6)),
    ] {
        let days = cal.closed_days(year)?;
        let found = days.iter().find(|d| d.name == "Påskdagen").map(|d| d.date);
        assert_eq!(found, Some(easter), "Easter {year}");
    }
    Ok(())
}

#[test]
fn all_closed_days_of_2027() -> TestResult {
    let cal = stockholm()?;
    use ClosedDayKind::{DeFacto, Public};
    let want = [
        (date(2027, 1, 1), "Nyårsdagen", Public),
        (date(2027, 1, 6), "Trettondedag jul", Public),
        (date(2027, 3, 26), "Långfredagen", Public),
        (date(2027, 3, 28), "Påskdagen", Public),
        (date(2027, 3, 29), "Annandag påsk", Public),
        (date(2027, 5, 1), "Första maj", Public),
        (date(2027, 5, 6), "Kristi himmelsfärdsdag", Public),
        (date(2027, 5, 16), "Pingstdagen", Public),
        (date(2027, 6, 6), "Sveriges nationaldag", Public),
        (date(2027, 6, 25), "Midsommarafton", DeFacto),
        (date(2027, 6, 26), "Midsommardagen", Public),
        (date(2027, 11, 6), "Alla helgons dag", Public),
        (date(2027, 12, 24), "Julafton", DeFacto),
        (date(2027, 12, 25), "Juldagen", Public),
        (date(2027, 12, 26), "Annandag jul", Public),
        (date(2027, 12, 31), "Nyårsafton", DeFacto),
    ];
    let want: Vec<_> = want.iter().map(|&(d, n, k)| (d, n.to_owned(), k)).collect();
    assert_eq!(names(&cal, 2027)?, want);
    Ok(())
}

#[test]
fn whit_monday_and_national_day_change_in_2005() -> TestResult {
    let cal = stockholm()?;
    let y2004 = names(&cal, 2004)?;
    assert!(y2004.contains(&(
        date(2004, 5, 31),
        "Annandag pingst".to_owned(),
        ClosedDayKind::Public
    )));
    assert!(!y2004.iter().any(|d| d.1 == "Sveriges nationaldag"));
    assert!(!cal.is_working_day(date(2004, 5, 31))?);
    // 6 June 2004 was a Sunday; check a weekday year before the change too.
    assert!(cal.is_working_day(date(2003, 6, 6))?);

    let y2005 = names(&cal, 2005)?;
    assert!(!y2005.iter().any(|d| d.1 == "Annandag pingst"));
    assert!(y2005.contains(&(
        date(2005, 6, 6),
        "Sveriges nationaldag".to_owned(),
        ClosedDayKind::Public
    )));
    assert!(cal.is_working_day(date(2005, 5, 16))?);
    assert!(!cal.is_working_day(date(2005, 6, 6))?);
    Ok(())
}

#[test]
fn midsummer_and_all_saints_are_saturdays_from_1953() -> TestResult {
    let cal = stockholm()?;
    for (year, midsummer, all_saints) in [
        (1953, date(1953, 6, 20), date(1953, 10, 31)),
        (1970, date(1970, 6, 20), date(1970, 10, 31)),
        (1999, date(1999, 6, 26), date(1999, 11, 6)),
        (2026, date(2026, 6, 20), date(2026, 10, 31)),
        (2027, date(2027, 6, 26), date(2027, 11, 6)),
        (2200, date(2200, 6, 21), date(2200, 11, 1)),
    ] {
        let days = names(&cal, year)?;
        let find = |n: &str| days.iter().find(|d| d.1 == n).map(|d| d.0);
        assert_eq!(find("Midsommardagen"), Some(midsummer), "{year}");
        assert_eq!(find("Alla helgons dag"), Some(all_saints), "{year}");
        assert_eq!(
            find("Midsommarafton"),
            Some(midsummer.yesterday()?),
            "{year}"
        );
    }
    Ok(())
}

#[test]
fn years_outside_1953_to_2200_are_errors() -> TestResult {
    let cal = stockholm()?;
    for year in [1952, 2201, -5, i16::MAX] {
        let err = cal.closed_days(year).err();
        assert!(
            matches!(err, Some(CalendarError::YearOutOfRange { year: y, first: 1953, last: 2200 }) if y == year)
        );
    }
    assert!(matches!(
        cal.is_working_day(date(1952, 12, 31)),
        Err(CalendarError::YearOutOfRange { year: 1952, .. })
    ));
    // A deadline that would run past 2200.
    let hours = OpeningHours::default();
    let err = cal
        .due(
            &hours,
            at("2200-12-31T10:00:00+01:00[Europe/Stockholm]")?,
            &ServiceTarget::WorkingDays(2),
        )
        .err();
    assert!(matches!(
        err,
        Some(CalendarError::YearOutOfRange { year: 2201, .. })
    ));
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        "year 2201 is outside the supported years 1953–2200: Swedish holidays are computed only for those years, so use a date within them"
    );
    Ok(())
}

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

#[test]
fn unknown_time_zone_is_named() {
    let err = Calendar::new("Europe/Atlantis", &CalendarConfig::default()).err();
    assert!(
        matches!(&err, Some(CalendarError::UnknownTimeZone { name, .. }) if name == "Europe/Atlantis")
    );
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("unknown time zone `Europe/Atlantis`: use an IANA time zone name such as `Europe/Stockholm`"), "{message}");
}

#[test]
fn service_target_errors() {
    let err = |s: &str| s.parse::<ServiceTarget>().err();
    assert_eq!(
        err("2 days"),
        Some(ServiceTargetError::UnknownUnit {
            input: "2 days".to_owned(),
            unit: "days".to_owned(),
            hint: "; calendar days are not supported, write `working days`",
        })
    );
    assert_eq!(
        err("2 days").map(|e| e.to_string()).unwrap_or_default(),
        "`days` in `2 days` is not a unit we know: use `minutes`, `hours` or `working days` (or Swedish `minuter`, `timmar`, `arbetsdagar`); calendar days are not supported, write `working days`"
    );
    assert_eq!(
        err("two days"),
        Some(ServiceTargetError::NoNumber {
            input: "two days".to_owned()
        })
    );
    assert_eq!(
        err(""),
        Some(ServiceTargetError::NoNumber {
            input: String::new()
        })
    );
    assert_eq!(
        err("0 minutes"),
        Some(ServiceTargetError::OutOfRange {
            input: "0 minutes".to_owned(),
            max: 525_600
        })
    );
    assert_eq!(
        err("1001 working days"),
        Some(ServiceTargetError::OutOfRange {
            input: "1001 working days".to_owned(),
            max: 1000
        })
    );
    assert!(matches!(
        err("5"),
        Some(ServiceTargetError::UnknownUnit {
            hint: "; the unit is missing",
            ..
        })
    ));
    assert!(matches!(
        err("5 fortnights"),
        Some(ServiceTargetError::UnknownUnit { hint: "", .. })
    ));
    assert!(matches!(
        err("99999999999999999999 min"),
        Some(ServiceTargetError::OutOfRange { .. })
    ));
}

#[test]
fn service_target_serde() -> TestResult {
    let t: ServiceTarget = serde_json::from_str(r#""2 arbetsdagar""#)?;
    assert_eq!(t, ServiceTarget::WorkingDays(2));
    assert_eq!(serde_json::to_string(&t)?, r#""2 working days""#);
    let err = serde_json::from_str::<ServiceTarget>(r#""3 weeks""#)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some(
            "`weeks` in `3 weeks` is not a unit we know: use `minutes`, `hours` or `working days` (or Swedish `minuter`, `timmar`, `arbetsdagar`); write weeks as working days, e.g. `5 working days`"
        )
    );
    Ok(())
}

#[test]
fn calendar_config_serde() -> TestResult {
    let config: CalendarConfig = serde_json::from_str(
        r#"{ "de_facto_closed": { "nyarsafton": false },
             "closures": [{ "date": "2027-08-13", "name": "Personaldag" }],
             "short_days": [{ "date": "2027-04-30", "closes": "12:00" }],
             "before_public_holiday_closes": "13:00" }"#,
    )?;
    assert_eq!(
        config.de_facto_closed,
        DeFactoClosed {
            midsommarafton: true,
            julafton: true,
            nyarsafton: false
        }
    );
    assert_eq!(
        config.closures,
        vec![LocalClosure {
            date: date(2027, 8, 13),
            name: "Personaldag".to_owned()
        }]
    );
    assert_eq!(
        config.short_days,
        vec![ShortDay {
            date: date(2027, 4, 30),
            closes: "12:00".parse()?
        }]
    );
    assert_eq!(config.before_public_holiday_closes, Some("13:00".parse()?));
    let back: CalendarConfig = serde_json::from_str(&serde_json::to_string(&config)?)?;
    assert_eq!(back, config);
    assert_eq!(
        serde_json::from_str::<CalendarConfig>("{}")?,
        CalendarConfig::default()
    );
    let err = serde_json::from_str::<CalendarConfig>(r#"{ "holidays": [] }"#)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("unknown field `holidays`")),
        "{err:?}"
    );
    Ok(())
}

#[test]
fn opening_hours_serde() -> TestResult {
    let hours: OpeningHours =
        serde_json::from_str(r#"{ "friday": "08:00-15:00", "saturday": "10:00-14:00" }"#)?;
    let want = OpeningHours::default()
        .with_day(jiff::civil::Weekday::Friday, "08:00-15:00".parse()?)
        .with_day(jiff::civil::Weekday::Saturday, "10:00-14:00".parse()?);
    assert_eq!(hours, want);
    let json = serde_json::to_string(&hours)?;
    assert_eq!(
        json,
        r#"{"monday":"08:00-17:00","tuesday":"08:00-17:00","wednesday":"08:00-17:00","thursday":"08:00-17:00","friday":"08:00-15:00","saturday":"10:00-14:00","sunday":"closed"}"#
    );
    assert_eq!(serde_json::from_str::<OpeningHours>(&json)?, hours);
    let err = |s: &str| {
        serde_json::from_str::<OpeningHours>(s)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert!(err(r#"{ "monday": "8-17" }"#).starts_with("`8` is not a clock time"));
    assert!(
        err(r#"{ "exceptions": [{ "date": "2027-01-07" }] }"#)
            .starts_with("the exception for 2027-01-07 must give either")
    );
    assert!(err(r#"{ "mondays": "08:00-17:00" }"#).starts_with("unknown field `mondays`"));
    Ok(())
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Instants from 2026 to 2029, a range with every kind of closed day.
    fn instant() -> impl Strategy<Value = Timestamp> {
        (1_767_222_000_i64..1_861_916_400)
            .prop_map(|s| Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    fn target() -> impl Strategy<Value = ServiceTarget> {
        prop_oneof![
            (1_u32..600).prop_map(ServiceTarget::Minutes),
            (1_u32..40).prop_map(ServiceTarget::Hours),
            (1_u32..15).prop_map(ServiceTarget::WorkingDays),
        ]
    }

    fn rich() -> Result<Calendar, Box<dyn Error>> {
        let config = CalendarConfig {
            closures: vec![LocalClosure {
                date: date(2027, 8, 13),
                name: "Personaldag".to_owned(),
            }],
            short_days: vec![ShortDay {
                date: date(2027, 4, 30),
                closes: "12:00".parse()?,
            }],
            before_public_holiday_closes: Some("12:00".parse()?),
            ..CalendarConfig::default()
        };
        Ok(Calendar::new(TZ, &config)?)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn due_is_not_before_received(received in instant(), target in target()) {
            let cal = rich().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let due = cal.due(&OpeningHours::default(), received, &target).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(due.timestamp() >= received);
        }

        #[test]
        fn due_is_monotone(a in instant(), b in instant(), target in target()) {
            let cal = rich().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let hours = OpeningHours::default();
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            let d1 = cal.due(&hours, early, &target).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let d2 = cal.due(&hours, late, &target).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(d1.timestamp() <= d2.timestamp(), "{} -> {}, {} -> {}", early, d1, late, d2);
        }

        #[test]
        fn working_days_add_up(day in 0_i64..1000, minute in 0_i64..540, n in 1_u32..10, m in 1_u32..10) {
            let cal = stockholm().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let hours = OpeningHours::default();
            let d = date(2026, 1, 1).checked_add(jiff::Span::new().days(day)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assume!(cal.is_working_day(d).unwrap_or(false));
            let t = d.at(8, 0, 0, 0).checked_add(jiff::Span::new().minutes(minute)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let received = t.in_tz(TZ).map_err(|e| TestCaseError::fail(e.to_string()))?.timestamp();
            let run = |from: Timestamp, k: u32| cal.due(&hours, from, &ServiceTarget::WorkingDays(k)).map_err(|e| TestCaseError::fail(e.to_string()));
            let two_steps = run(run(received, n)?.timestamp(), m)?;
            let one_step = run(received, n + m)?;
            prop_assert_eq!(two_steps, one_step);
        }

        #[test]
        fn working_time_between_inverts_due(received in instant(), minutes in 1_u32..3000) {
            let cal = rich().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let hours = OpeningHours::default();
            let due = cal.due(&hours, received, &ServiceTarget::Minutes(minutes)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let elapsed = cal.working_time_between(&hours, received, due.timestamp()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(elapsed, SignedDuration::from_mins(i64::from(minutes)));
        }
    }
}

/// The TOML shapes a department rule owner writes.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    calendar: CalendarConfig,
    opening_hours: OpeningHours,
    answer_within: ServiceTarget,
}

#[test]
fn toml_shapes() -> TestResult {
    let file: UnitFile = toml::from_str(
        r#"
answer_within = "2 arbetsdagar"

[calendar]
de_facto_closed = { nyarsafton = false }
closures = [{ date = "2027-08-13", name = "Personaldag" }]
short_days = [{ date = "2027-04-30", closes = "12:00" }]
before_public_holiday_closes = "12:00"

[opening_hours]
weekdays = "08:00-17:00"
friday = "08:00-12:00, 13:00-16:00"
exceptions = [
  { date = "2027-12-23", hours = "08:00-12:00" },
  { date = "2027-12-27", closed = true },
]
"#,
    )?;
    assert_eq!(file.answer_within, ServiceTarget::WorkingDays(2));
    assert!(!file.calendar.de_facto_closed.nyarsafton);
    assert_eq!(file.calendar.closures.len(), 1);
    let fri = file.opening_hours.day(jiff::civil::Weekday::Friday);
    assert_eq!(fri.to_string(), "08:00-12:00, 13:00-16:00");
    assert_eq!(
        file.opening_hours
            .exception(date(2027, 12, 27))
            .map(ToString::to_string),
        Some("closed".to_owned())
    );

    // A bad target reports its location through the TOML deserializer.
    let err =
        toml::from_str::<UnitFile>("answer_within = \"2 days\"\n[calendar]\n[opening_hours]\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
    assert!(err.contains("line 1, column 17"), "{err}");
    assert!(err.contains("calendar days are not supported"), "{err}");
    Ok(())
}
