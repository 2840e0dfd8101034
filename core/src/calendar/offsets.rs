//! The calendar's time zone as a table of UTC offsets over the supported
//! years, so that deadline arithmetic converts between instants and clock
//! times without asking the time zone every time.
//!
//! Not a time-zone implementation: jiff stays the source of truth. The table
//! is built from jiff's own transitions, and every conversion the table
//! cannot answer with certainty (near a transition, or outside the table)
//! goes back to jiff. Why it exists: zones such as `Europe/Stockholm` list
//! their transitions explicitly only up to some year and leave later ones
//! to a POSIX rule, which jiff evaluates afresh on each query. A routing
//! makes about twenty such conversions for its three deadlines; through the
//! table they cost a binary search over a few hundred instants instead.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan};

/// Seconds after a transition within which a clock time is left to jiff: no
/// two offsets differ by as much (jiff bounds them to ±25:59:59), so a
/// clock time further from the transition has no earlier instant of its
/// own before it.
const FOLD_MARGIN_SECONDS: i64 = 52 * 3600;

/// The table's instants are indexed in buckets of 2^22 seconds (about 49
/// days), so a lookup starts at most a change or two before its answer.
const BUCKET_SHIFT: u32 = 22;

/// The offsets of one time zone between two instants.
#[derive(Debug, Clone)]
pub(super) struct Offsets {
    /// Instants (Unix seconds) at which the offset changes, ascending.
    changes: Vec<i64>,
    /// `offsets[i]` is in force from `changes[i - 1]` (or `start`) up to
    /// `changes[i]` (or `end`): one more entry than `changes`.
    offsets: Vec<Offset>,
    /// `buckets[k]`: how many changes come before `start + (k << BUCKET_SHIFT)`.
    buckets: Vec<u32>,
    /// The table covers `start..end` (Unix seconds).
    start: i64,
    end: i64,
}

impl Offsets {
    /// The offsets of `tz` from `first` up to `last`; empty (every query
    /// answered by jiff) if the instants are out of jiff's range.
    pub(super) fn new(tz: &TimeZone, first: DateTime, last: DateTime) -> Offsets {
        let bounds = (
            Offset::UTC.to_timestamp(first),
            Offset::UTC.to_timestamp(last),
        );
        let (Ok(first), Ok(last)) = bounds else {
            return Offsets::empty();
        };
        let mut changes = Vec::new();
        let mut offsets = vec![tz.to_offset(first)];
        for transition in tz.following(first) {
            let at = transition.timestamp();
            if at >= last {
                break;
            }
            changes.push(at.as_second());
            offsets.push(transition.offset());
        }
        let (start, end) = (first.as_second(), last.as_second());
        let buckets = (0..=((end - start) >> BUCKET_SHIFT))
            .map(|k| {
                let at = start + (k << BUCKET_SHIFT);
                u32::try_from(changes.partition_point(|&c| c < at)).unwrap_or(u32::MAX)
            })
            .collect();
        Offsets {
            changes,
            offsets,
            buckets,
            start,
            end,
        }
    }

    fn empty() -> Offsets {
        Offsets {
            changes: Vec::new(),
            offsets: Vec::new(),
            buckets: Vec::new(),
            start: 0,
            end: 0,
        }
    }

    /// The offset in force at `second`, with the instant it came into force
    /// (or the start of the table); `None` outside the table.
    fn lookup(&self, second: i64) -> Option<(Offset, i64)> {
        if !(self.start..self.end).contains(&second) {
            return None;
        }
        let bucket = usize::try_from((second - self.start) >> BUCKET_SHIFT).ok()?;
        let mut i = *self.buckets.get(bucket)? as usize;
        while self.changes.get(i).is_some_and(|&at| at <= second) {
            i += 1;
        }
        let since = if i == 0 {
            self.start
        } else {
            *self.changes.get(i - 1)?
        };
        Some((*self.offsets.get(i)?, since))
    }

    /// The offset of `tz` at `at`.
    pub(super) fn offset(&self, tz: &TimeZone, at: Timestamp) -> Offset {
        match self.lookup(at.as_second()) {
            Some((offset, _)) => offset,
            None => tz.to_offset(at),
        }
    }

    /// The clock time of `tz` at `at`.
    pub(super) fn to_datetime(&self, tz: &TimeZone, at: Timestamp) -> DateTime {
        self.offset(tz, at).to_datetime(at)
    }

    /// The instant of the clock time `dt` in `tz`, by jiff's "compatible"
    /// rule: a clock time skipped by a transition is moved forward by the
    /// gap, a repeated one takes the earlier instant.
    pub(super) fn to_timestamp(
        &self,
        tz: &TimeZone,
        dt: DateTime,
    ) -> Result<Timestamp, jiff::Error> {
        if let Some(at) = self.unambiguous(dt) {
            return Ok(at);
        }
        tz.to_ambiguous_timestamp(dt).compatible()
    }

    /// The instant of `dt` when the table proves it is the only one (or
    /// the earliest one) and not in a gap; `None` when jiff must decide.
    ///
    /// The guess reads `dt` as UTC and takes the offset in force then, which
    /// is the right one except near a transition. The guessed instant is
    /// kept only if that same offset is in force at it (so it really shows
    /// `dt`) and it lies more than [`FOLD_MARGIN_SECONDS`] after the
    /// offset came into force (so no earlier instant under another offset
    /// can show `dt` too).
    fn unambiguous(&self, dt: DateTime) -> Option<Timestamp> {
        let as_utc = Offset::UTC.to_timestamp(dt).ok()?.as_second();
        let (guess, _) = self.lookup(as_utc)?;
        let at = guess.to_timestamp(dt).ok()?;
        let (offset, since) = self.lookup(at.as_second())?;
        (offset == guess && at.as_second() - since > FOLD_MARGIN_SECONDS).then_some(at)
    }
}

/// The first and last clock times the calendar's table covers: the
/// supported years, with two days to spare at each end for instants whose
/// local date is just inside them.
pub(super) fn table_bounds(first_year: i16, last_year: i16) -> (DateTime, DateTime) {
    let first = jiff::civil::date(first_year, 1, 1).at(0, 0, 0, 0);
    let last = jiff::civil::date(last_year, 12, 31).at(0, 0, 0, 0);
    (
        first.checked_sub(2.days()).unwrap_or(first),
        last.checked_add(3.days()).unwrap_or(last),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Zones with the shapes that matter: one-hour summer time (Sweden,
    /// from the built-in TZif data, whose later years come from its POSIX
    /// rule), a half-hour change (Lord Howe), a southern-hemisphere
    /// summer across New Year (Santiago's rule), a fixed offset and UTC.
    fn zones() -> Vec<TimeZone> {
        let mut zones = vec![
            TimeZone::posix("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").ok(),
            TimeZone::posix("<-04>4<-03>,M9.1.6/24,M4.1.6/24").ok(),
            TimeZone::posix("NST3:30NDT,M3.2.0,M11.1.0").ok(),
            Some(TimeZone::fixed(jiff::tz::offset(5))),
            Some(TimeZone::UTC),
        ];
        zones.push(super::super::embedded_time_zone("Europe/Stockholm"));
        zones.into_iter().flatten().collect()
    }

    fn table(tz: &TimeZone) -> Offsets {
        let (first, last) = table_bounds(1953, 2200);
        Offsets::new(tz, first, last)
    }

    #[test]
    fn every_test_zone_is_built() {
        assert_eq!(zones().len(), 6);
        let stockholm = table(&zones()[5]);
        // Summer time since 1980, two changes a year to 2200.
        assert!(
            stockholm.changes.len() > 2 * (2200 - 1980),
            "{}",
            stockholm.changes.len()
        );
        assert!(table(&TimeZone::UTC).changes.is_empty());
    }

    #[test]
    fn spring_gap_and_autumn_fold_agree_with_jiff() -> Result<(), Box<dyn std::error::Error>> {
        let tz = super::super::embedded_time_zone("Europe/Stockholm").ok_or("no built-in zone")?;
        let offsets = table(&tz);
        // 02:30 does not exist on 28 March 2027; 02:30 on 31 October 2027
        // happens twice.
        for dt in [
            jiff::civil::date(2027, 3, 28).at(2, 30, 0, 0),
            jiff::civil::date(2027, 10, 31).at(2, 30, 0, 0),
            jiff::civil::date(2027, 10, 31).at(3, 0, 0, 0),
            jiff::civil::date(2027, 6, 1).at(12, 0, 0, 0),
        ] {
            let expected = tz.to_ambiguous_timestamp(dt).compatible()?;
            assert_eq!(offsets.to_timestamp(&tz, dt)?, expected, "{dt}");
        }
        assert!(
            offsets
                .unambiguous(jiff::civil::date(2027, 6, 1).at(12, 0, 0, 0))
                .is_some()
        );
        assert!(
            offsets
                .unambiguous(jiff::civil::date(2027, 10, 31).at(2, 30, 0, 0))
                .is_none()
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any instant of the supported years reads the same clock time as
        /// jiff gives, in every test zone.
        #[test]
        fn instants_read_as_jiff_reads_them(
            second in -536_457_600_i64..7_289_654_400,
            zone in 0_usize..6,
        ) {
            let zones = zones();
            let tz = &zones[zone];
            let at = Timestamp::from_second(second).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(table(tz).to_datetime(tz, at), tz.to_datetime(at));
        }

        /// Any clock time of the supported years, and in particular those
        /// within a day of a transition, gets jiff's instant.
        #[test]
        fn clock_times_resolve_as_jiff_resolves_them(
            second in -536_457_600_i64..7_289_654_400,
            near_transition in any::<bool>(),
            shift in -86_400_i64..86_400,
            zone in 0_usize..6,
        ) {
            let zones = zones();
            let tz = &zones[zone];
            let offsets = table(tz);
            let mut at = Timestamp::from_second(second).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if near_transition {
                if let Some(t) = tz.following(at).next() {
                    at = t.timestamp().checked_add(jiff::SignedDuration::from_secs(shift))
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
            }
            let dt = Offset::UTC.to_datetime(at);
            let expected = tz.to_ambiguous_timestamp(dt).compatible().ok();
            prop_assert_eq!(offsets.to_timestamp(tz, dt).ok(), expected);
        }
    }
}
