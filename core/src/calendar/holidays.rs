//! Swedish public holidays and de facto closed days, computed for any
//! supported year.
//!
//! The law encoded here, year by year:
//!
//! - 1953 onwards: the holiday reform of 1952 (*helgdagsreformen*, in force
//!   from 1953) moved midsummer day to the Saturday 20–26 June and All Saints'
//!   Day to the Saturday 31 October–6 November, and moved the Annunciation
//!   (*Marie bebådelsedag*) from 25 March to a Sunday. Because that day has
//!   always been a Sunday since 1953 it never closes a weekday, and it is not
//!   listed here (Sundays are holidays anyway).
//! - First of May: a public holiday through the whole range, first by
//!   lag (1938:107) om den 1 majs likställande med allmän helgdag, then by
//!   lag (1989:253) om allmänna helgdagar (in force 1990-01-01).
//! - Lag (1989:253) om allmänna helgdagar, 1–2 §§, gives the list and the
//!   rules for each day used below (Easter is "the Sunday after the full moon
//!   on or after 21 March", the Gregorian ecclesiastical rule).
//! - SFS 2004:1320 (in force 2005-04-01) added the National Day (6 June) and
//!   removed Whit Monday (*annandag pingst*). Both fall after 1 April, so the
//!   change applies to whole years: Whit Monday is a holiday up to and
//!   including 2004, the National Day from 2005.
//!
//! De facto closed days (midsummer eve, Christmas Eve, New Year's Eve) are not
//! public holidays, but the Annual Leave Act (semesterlagen 1977:480, 3 §)
//! treats them like Sundays and municipal offices close on them.

use jiff::Span;
use jiff::civil::{Date, Weekday};

use super::{CalendarError, ClosedDayKind, DeFactoClosed};

/// The first year whose holidays are computed.
pub const FIRST_YEAR: i16 = 1953;
/// The last year whose holidays are computed.
pub const LAST_YEAR: i16 = 2200;

/// One computed closed day, with a static Swedish name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holiday {
    pub(crate) date: Date,
    pub(crate) name: &'static str,
    pub(crate) kind: ClosedDayKind,
}

/// Fails with [`CalendarError::YearOutOfRange`] outside 1953–2200.
pub(crate) fn check_year(year: i16) -> Result<(), CalendarError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange {
            year,
            first: FIRST_YEAR,
            last: LAST_YEAR,
        })
    }
}

/// Easter Sunday of `year` by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher). This implementation is our own.
pub(crate) fn easter_sunday(year: i16) -> Result<Date, CalendarError> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    // The classic form gives month (h + l - 7m + 114) / 31 and day
    // (h + l - 7m + 114) % 31 + 1, which is 22 March plus h + l - 7m days.
    plus_days(Date::new(year, 3, 22)?, i64::from(h + l - 7 * m))
}

/// The Saturday in the seven days starting `month`/`day` of `year`.
fn saturday_from(year: i16, month: i8, day: i8) -> Result<Date, CalendarError> {
    let first = Date::new(year, month, day)?;
    let offset =
        (Weekday::Saturday.to_monday_zero_offset() - first.weekday().to_monday_zero_offset() + 7)
            % 7;
    plus_days(first, i64::from(offset))
}

fn plus_days(date: Date, days: i64) -> Result<Date, CalendarError> {
    Ok(date.checked_add(Span::new().try_days(days)?)?)
}

/// Appends the public holidays of `year` (and the de facto closed days that
/// `de_facto` switches on) to `out`, sorted by date.
pub(crate) fn closed_days_of_year(
    year: i16,
    de_facto: &DeFactoClosed,
    out: &mut Vec<Holiday>,
) -> Result<(), CalendarError> {
    check_year(year)?;
    let public = |date, name| Holiday {
        date,
        name,
        kind: ClosedDayKind::Public,
    };
    let easter = easter_sunday(year)?;
    let midsummer = saturday_from(year, 6, 20)?;
    let start = out.len();
    out.push(public(Date::new(year, 1, 1)?, "Nyårsdagen"));
    out.push(public(Date::new(year, 1, 6)?, "Trettondedag jul"));
    out.push(public(plus_days(easter, -2)?, "Långfredagen"));
    out.push(public(easter, "Påskdagen"));
    out.push(public(plus_days(easter, 1)?, "Annandag påsk"));
    out.push(public(Date::new(year, 5, 1)?, "Första maj"));
    // Sixth Thursday after Easter Sunday.
    out.push(public(plus_days(easter, 39)?, "Kristi himmelsfärdsdag"));
    // Seventh Sunday after Easter Sunday.
    let whitsun = plus_days(easter, 49)?;
    out.push(public(whitsun, "Pingstdagen"));
    if year <= 2004 {
        out.push(public(plus_days(whitsun, 1)?, "Annandag pingst"));
    } else {
        out.push(public(Date::new(year, 6, 6)?, "Sveriges nationaldag"));
    }
    if de_facto.midsommarafton {
        out.push(Holiday {
            date: plus_days(midsummer, -1)?,
            name: "Midsommarafton",
            kind: ClosedDayKind::DeFacto,
        });
    }
    out.push(public(midsummer, "Midsommardagen"));
    out.push(public(saturday_from(year, 10, 31)?, "Alla helgons dag"));
    if de_facto.julafton {
        out.push(Holiday {
            date: Date::new(year, 12, 24)?,
            name: "Julafton",
            kind: ClosedDayKind::DeFacto,
        });
    }
    out.push(public(Date::new(year, 12, 25)?, "Juldagen"));
    out.push(public(Date::new(year, 12, 26)?, "Annandag jul"));
    if de_facto.nyarsafton {
        out.push(Holiday {
            date: Date::new(year, 12, 31)?,
            name: "Nyårsafton",
            kind: ClosedDayKind::DeFacto,
        });
    }
    // Whitsun week and the National Day can interleave with Ascension Day and
    // the first of May; a stable sort keeps the list in date order.
    if let Some(slice) = out.get_mut(start..) {
        slice.sort_by_key(|h| (h.date, h.kind));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_known_years() {
        let known = [
            (1953, date(1953, 4, 5)),
            (1954, date(1954, 4, 18)),
            (1961, date(1961, 4, 2)),
            (2000, date(2000, 4, 23)),
            (2008, date(2008, 3, 23)),
            (2011, date(2011, 4, 24)),
            (2019, date(2019, 4, 21)),
            (2024, date(2024, 3, 31)),
            (2025, date(2025, 4, 20)),
            (2038, date(2038, 4, 25)),
            (2100, date(2100, 3, 28)),
            (2200, date(2200, 4, 6)),
        ];
        for (year, want) in known {
            assert_eq!(easter_sunday(year).ok(), Some(want), "Easter {year}");
        }
    }

    #[test]
    fn saturday_windows() {
        assert_eq!(saturday_from(2027, 6, 20).ok(), Some(date(2027, 6, 26)));
        assert_eq!(saturday_from(2026, 6, 20).ok(), Some(date(2026, 6, 20)));
        assert_eq!(saturday_from(2027, 10, 31).ok(), Some(date(2027, 11, 6)));
        assert_eq!(saturday_from(2026, 10, 31).ok(), Some(date(2026, 10, 31)));
    }

    #[test]
    fn year_bounds() {
        assert!(check_year(1953).is_ok());
        assert!(check_year(2200).is_ok());
        assert!(matches!(
            check_year(1952),
            Err(CalendarError::YearOutOfRange { year: 1952, .. })
        ));
        assert!(matches!(
            check_year(2201),
            Err(CalendarError::YearOutOfRange { year: 2201, .. })
        ));
    }
}
