//! The calendar's configuration as rule owners write it: errors, serde
//! and TOML shapes.

use super::*;

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
