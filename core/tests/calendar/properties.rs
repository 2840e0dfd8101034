//! Properties of `due` and `working_time_between` over 2026–2029.

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
