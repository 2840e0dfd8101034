//! Median and 90th percentile of answer times in bounded memory.
//!
//! Values (working time in seconds) are kept exactly until there are
//! [`EXACT_LIMIT`] of them; then they move to a fixed histogram and every
//! later value only bumps a bucket counter. The histogram has one-minute
//! buckets up to [`FINE_MINUTES`] (24 hours of working time, about
//! 2.7 working days of 9 hours) and buckets 1 % wide above that, up to about
//! ten years of round-the-clock working time, so a quantile read from it is
//! within one minute, or within 1 % above 24 working hours, of the exact
//! one. Each histogram is about 15 KiB whatever the number of values.
//!
//! Quantiles use the nearest-rank method: the p-quantile of n sorted values
//! is the value at rank ⌈p·n⌉ (1-based). The median of 1, 2, 3, 4 is 2.

use serde::{Deserialize, Serialize};

/// How many values are kept exactly before switching to the histogram.
pub const EXACT_LIMIT: usize = 10_000;

/// Working minutes with one-minute buckets.
pub const FINE_MINUTES: u64 = 24 * 60;

/// Relative width of the buckets above [`FINE_MINUTES`].
const GROWTH: f64 = 1.01;

/// Number of 1 % buckets: up to FINE_MINUTES · 1.01^1000 ≈ 20 000 × 24 h.
const COARSE_BUCKETS: usize = 1_000;

/// A bounded summary of working-time durations, for quantiles.
#[derive(Clone, Debug, Default)]
pub struct Quantiles {
    exact: Vec<i64>,
    histogram: Option<Box<[u64]>>,
    count: u64,
}

/// The median and 90th percentile of a set of durations.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The median, in minutes of working time.
    pub median_minutes: f64,
    /// The 90th percentile, in minutes of working time.
    pub p90_minutes: f64,
    /// True when computed from every value; false when read from the
    /// histogram (within a minute, or 1 % above 24 working hours).
    pub exact: bool,
}

impl Quantiles {
    /// Adds a duration in seconds (negative values count as zero).
    pub fn add(&mut self, seconds: i64) {
        let seconds = seconds.max(0);
        self.count += 1;
        if let Some(h) = &mut self.histogram {
            bump(h, seconds);
            return;
        }
        self.exact.push(seconds);
        if self.exact.len() > EXACT_LIMIT {
            let mut h = vec![0u64; FINE_MINUTES as usize + COARSE_BUCKETS].into_boxed_slice();
            for &s in &self.exact {
                bump(&mut h, s);
            }
            self.exact = Vec::new();
            self.histogram = Some(h);
        }
    }

    /// How many values were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The median and 90th percentile, or `None` without values.
    pub fn summary(&self) -> Option<Summary> {
        if self.count == 0 {
            return None;
        }
        match &self.histogram {
            None => {
                let mut sorted = self.exact.clone();
                sorted.sort_unstable();
                let at = |p: f64| sorted[rank(p, sorted.len() as u64) as usize - 1] as f64 / 60.0;
                Some(Summary {
                    median_minutes: at(0.5),
                    p90_minutes: at(0.9),
                    exact: true,
                })
            }
            Some(h) => Some(Summary {
                median_minutes: from_histogram(h, rank(0.5, self.count)),
                p90_minutes: from_histogram(h, rank(0.9, self.count)),
                exact: false,
            }),
        }
    }
}

/// ⌈p·n⌉, at least 1.
fn rank(p: f64, n: u64) -> u64 {
    ((p * n as f64).ceil() as u64).clamp(1, n)
}

fn bucket(seconds: i64) -> usize {
    let minutes = seconds.unsigned_abs() / 60;
    if minutes < FINE_MINUTES {
        return minutes as usize;
    }
    let above = ((minutes as f64 / FINE_MINUTES as f64).ln() / GROWTH.ln()) as usize;
    FINE_MINUTES as usize + above.min(COARSE_BUCKETS - 1)
}

fn bump(h: &mut [u64], seconds: i64) {
    if let Some(c) = h.get_mut(bucket(seconds)) {
        *c += 1;
    }
}

/// The middle of the bucket holding the value of rank `r`, in minutes.
fn from_histogram(h: &[u64], r: u64) -> f64 {
    let mut seen = 0;
    for (i, &c) in h.iter().enumerate() {
        seen += c;
        if seen >= r {
            let fine = FINE_MINUTES as usize;
            return if i < fine {
                i as f64 + 0.5
            } else {
                let k = (i - fine) as i32;
                FINE_MINUTES as f64 * GROWTH.powi(k) * (1.0 + GROWTH) / 2.0
            };
        }
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_quantiles_use_the_nearest_rank() {
        let mut q = Quantiles::default();
        for m in [1, 2, 3, 4] {
            q.add(m * 60);
        }
        let s = q.summary().unwrap();
        assert_eq!((s.median_minutes, s.p90_minutes, s.exact), (2.0, 4.0, true));
        assert_eq!(Quantiles::default().summary(), None);
    }

    #[test]
    fn the_histogram_stays_within_its_precision() {
        let mut q = Quantiles::default();
        // 0..100 000 seconds twice over, then 3 000 values of 5 working days.
        for s in (0..100_000).step_by(5) {
            q.add(s);
        }
        for _ in 0..3_000 {
            q.add(5 * 9 * 3600);
        }
        let s = q.summary().unwrap();
        assert!(!s.exact);
        // 23 000 values: rank 11 500 is 57 495 s = 958.25 min.
        assert!((s.median_minutes - 958.25).abs() <= 1.0, "{s:?}");
        // Rank 20 700 is one of the 5-day values: 2 700 min, within 1 %.
        assert!((s.p90_minutes - 2_700.0).abs() <= 27.0, "{s:?}");
    }
}
