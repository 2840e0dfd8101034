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

mod config;
mod deadlines;
mod holidays;
mod opening_hours;
mod properties;
