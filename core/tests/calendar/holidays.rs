//! Swedish public holidays and the other closed days across the law's
//! history (1953–2200).

use super::*;

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
