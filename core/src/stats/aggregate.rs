//! Folding log entries into counts: memory bounded by the number of
//! channels, departments, types and periods, never by the number of lines.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use super::log::{LogEntry, parse_line};
use super::quantile::Quantiles;
use super::redact::redact;
use super::report::{
    ChannelService, FirstLineResolution, LineCounts, MAX_LISTED, MalformedLine, OverdueEnquiry,
    Period, Report, RosaMix, Share, Unmatched, Volume,
};
use super::words::{NearSpellingCounter, WordCounter};
use crate::decision::{Decision, MatchStatus, StepRole};
use crate::lines::LineError;
use crate::model::Channel;
use crate::rfc3339::LocalTime;
use crate::router::Router;

/// `at` in RFC 3339 with the municipality's offset then.
fn rfc3339(router: &Router, at: Timestamp) -> String {
    router.calendar().local_time(at).to_string()
}

/// How many of the most common unmatched words a report lists.
pub const TOP_WORDS: usize = 20;

/// What a report covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Count only enquiries received on or after this day (municipality's
    /// time zone).
    pub from: Option<Date>,
    /// Count only enquiries received on or before this day.
    pub to: Option<Date>,
    /// How to group enquiries in time.
    pub period: Period,
    /// The instant open enquiries are judged overdue at.
    pub as_of: Timestamp,
}

impl Options {
    /// Every enquiry, by month, judged as of `as_of`.
    pub fn as_of(as_of: Timestamp) -> Self {
        Options {
            from: None,
            to: None,
            period: Period::Month,
            as_of,
        }
    }
}

#[derive(Default)]
struct Named {
    name: Option<Arc<str>>,
    count: u64,
}

#[derive(Default)]
struct ChannelState {
    enquiries: u64,
    answered: u64,
    within: u64,
    open: u64,
    overdue: u64,
    without_target: u64,
    times: Quantiles,
}

/// Builds a [`Report`] from log lines, one at a time.
pub struct Aggregator<'r> {
    router: &'r Router,
    options: Options,
    lines: LineCounts,
    malformed: Vec<MalformedLine>,
    total: u64,
    by_channel: [u64; 7],
    by_department: HashMap<Arc<str>, Named>,
    by_type: HashMap<Arc<str>, Named>,
    by_level: [u64; 7],
    by_period: BTreeMap<String, u64>,
    first_line: FirstLineResolution,
    resolved: u64,
    ambiguous: u64,
    service: [ChannelState; 6],
    overdue: Vec<OverdueEnquiry>,
    words: WordCounter,
    near_spellings: NearSpellingCounter,
    near_spellings_counted: NearSpellingCounter,
}

impl<'r> Aggregator<'r> {
    /// An empty aggregation for `router`'s municipality.
    pub fn new(router: &'r Router, options: Options) -> Self {
        Aggregator {
            router,
            options,
            lines: LineCounts::default(),
            malformed: Vec::new(),
            total: 0,
            by_channel: [0; 7],
            by_department: HashMap::new(),
            by_type: HashMap::new(),
            by_level: [0; 7],
            by_period: BTreeMap::new(),
            first_line: FirstLineResolution::default(),
            resolved: 0,
            ambiguous: 0,
            service: Default::default(),
            overdue: Vec::new(),
            words: WordCounter::default(),
            near_spellings: NearSpellingCounter::default(),
            near_spellings_counted: NearSpellingCounter::default(),
        }
    }

    /// Adds one line: its text, or why it could not be read.
    pub fn add_line(&mut self, line: u64, text: Result<&str, LineError>) {
        self.lines.read += 1;
        match text.map_err(|e| e.to_string()).and_then(parse_line) {
            Ok(entry) => self.add_entry(line, entry),
            Err(message) => self.add_malformed(line, &message),
        }
    }

    /// Records a line that could not be read.
    pub fn add_malformed(&mut self, line: u64, message: &str) {
        self.lines.malformed += 1;
        if self.malformed.len() < MAX_LISTED {
            self.malformed.push(MalformedLine {
                line,
                message: redact(message).into_owned(),
            });
        }
    }

    /// Adds one read log entry from line `line`.
    pub fn add_entry(&mut self, line: u64, entry: LogEntry) {
        let LogEntry {
            enquiry,
            decision,
            outcome,
        } = entry;
        let received = enquiry.received_at.or_else(|| {
            decision
                .as_ref()
                .and_then(|d| d.received_at)
                .map(LocalTime::timestamp)
        });
        let date = received.map(|r| self.router.calendar().local(r).date());
        let limited = self.options.from.is_some() || self.options.to.is_some();
        match date {
            None if limited => {
                self.lines.without_received_at += 1;
                self.lines.outside_period += 1;
                return;
            }
            Some(d)
                if self.options.from.is_some_and(|f| d < f)
                    || self.options.to.is_some_and(|t| d > t) =>
            {
                self.lines.outside_period += 1;
                return;
            }
            None => self.lines.without_received_at += 1,
            Some(_) => {}
        }
        let decision = match decision {
            Some(d) => d,
            None => {
                self.lines.routed_here += 1;
                self.router
                    .route_at(&enquiry, received.unwrap_or(self.options.as_of))
            }
        };
        self.lines.counted += 1;
        self.total += 1;
        let channel = enquiry.channel.or(decision.channel);
        let channel_index = channel
            .and_then(|c| Channel::ALL.iter().position(|x| *x == c))
            .unwrap_or(6);
        self.by_channel[channel_index] += 1;
        count_named(
            &mut self.by_department,
            &decision.department,
            Some(&decision.department_name),
        );
        if let Some(ty) = &decision.enquiry_type {
            count_named(&mut self.by_type, ty, decision.enquiry_type_name.as_ref());
        }
        let level = decision.rosa_level.filter(|l| (1..=6).contains(l));
        self.by_level[level.map_or(0, usize::from)] += 1;
        if let Some(d) = date {
            *self
                .by_period
                .entry(period_key(d, self.options.period))
                .or_insert(0) += 1;
        }
        let resolved = match (outcome.resolved_at_first_line, &outcome.forwarded_to) {
            (Some(r), _) => {
                self.first_line.from_outcome += 1;
                r
            }
            (None, Some(_)) => {
                self.first_line.from_forwarded_to += 1;
                false
            }
            (None, None) => {
                self.first_line.from_decision += 1;
                decision.first_line
            }
        };
        self.resolved += u64::from(resolved);
        match decision.status {
            MatchStatus::Unmatched => {
                if let Some(text) = &enquiry.text {
                    self.words.add_text(text);
                }
                self.near_spellings.add(&decision.candidates);
            }
            MatchStatus::Ambiguous => self.ambiguous += 1,
            MatchStatus::Matched => {
                if let Some(ty) = &decision.enquiry_type {
                    let terms = &decision.explanation.trace.terms;
                    self.near_spellings_counted.add_terms(ty, terms);
                }
            }
        }
        if let Some(c) = channel {
            self.add_service(
                line,
                c,
                channel_index,
                &decision,
                received,
                outcome.answered_at,
            );
        }
    }

    fn add_service(
        &mut self,
        line: u64,
        channel: Channel,
        index: usize,
        decision: &Decision,
        received: Option<Timestamp>,
        answered: Option<Timestamp>,
    ) {
        let router = self.router;
        let calendar = router.calendar();
        let timeline = router.timeline_of(&decision.handler);
        let Some(state) = self.service.get_mut(index) else {
            return;
        };
        state.enquiries += 1;
        if answered.is_none() {
            state.open += 1;
        }
        let Some(received) = received else {
            state.without_target += 1;
            return;
        };
        if let Some(Ok(t)) = answered.map(|a| calendar.working_time_on(timeline, received, a)) {
            state.times.add(t.as_secs());
        }
        // A duty service that took the enquiry out of hours is held to its
        // own target, not the channel's.
        let duty = decision
            .path
            .first()
            .is_some_and(|s| s.role == StepRole::OutOfHours);
        let target = match (&decision.enquiry_type, duty) {
            (Some(ty), true) => router.out_of_hours_target(ty),
            (ty, _) => router.target(channel, ty.as_deref()),
        };
        let due = target.and_then(|t| calendar.due_instant_on(timeline, received, t).ok());
        let Some(due) = due else {
            state.without_target += 1;
            return;
        };
        match answered {
            Some(a) => {
                state.answered += 1;
                state.within += u64::from(a <= due);
            }
            None if due < self.options.as_of => {
                state.overdue += 1;
                let overdue = calendar
                    .working_time_on(timeline, due, self.options.as_of)
                    .map_or(0.0, |d| d.as_secs_f64() / 60.0);
                self.overdue.push(OverdueEnquiry {
                    id: decision.id.as_ref().map_or_else(
                        || format!("line {line}"),
                        |id| redact(&id.to_string()).into_owned(),
                    ),
                    line,
                    channel,
                    department: decision.department.to_string(),
                    enquiry_type: decision.enquiry_type.as_deref().map(str::to_owned),
                    handler: decision.handler.to_string(),
                    received_at: rfc3339(self.router, received),
                    due: rfc3339(self.router, due),
                    overdue_minutes: overdue,
                });
                if self.overdue.len() >= 2 * MAX_LISTED {
                    sort_overdue(&mut self.overdue);
                    self.overdue.truncate(MAX_LISTED);
                }
            }
            None => {}
        }
    }

    /// The report.
    pub fn finish(mut self) -> Report {
        let total = self.total;
        let router = self.router;
        let goals = router.goals().clone();
        let volume = |key: String, name: Option<String>, count: u64| Volume {
            key,
            name,
            count,
            share: Share::of(count, total).share,
        };
        let by_channel = Channel::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(["unknown"])
            .zip(self.by_channel)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| volume(k.to_owned(), None, n))
            .collect();
        let named = |map: HashMap<Arc<str>, Named>| {
            let mut v: Vec<Volume> = map
                .into_iter()
                .map(|(k, n)| volume(k.to_string(), n.name.map(|s| s.to_string()), n.count))
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
            v
        };
        let by_department = named(std::mem::take(&mut self.by_department));
        let by_type = named(std::mem::take(&mut self.by_type));
        let by_level = (1..=6)
            .chain([0])
            .filter(|&l| self.by_level[l] > 0)
            .map(|l| {
                let key = if l == 0 {
                    "unmatched".to_owned()
                } else {
                    l.to_string()
                };
                volume(key, None, self.by_level[l])
            })
            .collect();
        let by_period = std::mem::take(&mut self.by_period)
            .into_iter()
            .map(|(k, n)| volume(k, None, n))
            .collect();
        let l = &self.by_level;
        let simple = Share::of(l[1] + l[2], total);
        let rosa_mix = RosaMix {
            simple,
            routine: Share::of(l[3] + l[4], total),
            complex: Share::of(l[5] + l[6], total),
            unmatched: Share::of(l[0], total),
            simple_within_goal: total > 0
                && simple.share >= goals.simple_share_min
                && simple.share <= goals.simple_share_max,
        };
        let resolved = Share::of(self.resolved, total);
        let first_line = FirstLineResolution {
            resolved,
            meets_goal: total > 0 && resolved.share >= goals.first_line_share,
            ..self.first_line
        };
        let service = Channel::ALL
            .iter()
            .zip(&self.service)
            .filter(|(_, s)| s.enquiries > 0)
            .map(|(&channel, s)| {
                let within = Share::of(s.within, s.answered);
                ChannelService {
                    channel,
                    target: router.target(channel, None).map(ToString::to_string),
                    enquiries: s.enquiries,
                    answered: s.answered,
                    within_target: within,
                    meets_goal: s.answered > 0 && within.share >= goals.within_target_share,
                    time_to_answer: s.times.summary(),
                    open: s.open,
                    overdue: s.overdue,
                    without_target: s.without_target,
                }
            })
            .collect();
        sort_overdue(&mut self.overdue);
        self.overdue.truncate(MAX_LISTED);
        let unmatched_count = l[0] - self.ambiguous.min(l[0]);
        Report {
            municipality: router.municipality().to_owned(),
            time_zone: (router.calendar().time_zone().iana_name())
                .unwrap_or("UTC")
                .to_owned(),
            as_of: rfc3339(router, self.options.as_of),
            from: self.options.from.map(|d| d.to_string()),
            to: self.options.to.map(|d| d.to_string()),
            period: self.options.period,
            goals,
            lines: self.lines,
            malformed: self.malformed,
            total,
            by_channel,
            by_department,
            by_type,
            by_level,
            by_period,
            rosa_mix,
            first_line,
            service,
            overdue: self.overdue,
            unmatched: Unmatched {
                enquiries: Share::of(unmatched_count, total),
                ambiguous: Share::of(self.ambiguous, total),
                top_words: self.words.top(TOP_WORDS),
                words_exact: self.words.exact(),
                near_spellings: self.near_spellings.top(TOP_WORDS),
                near_spellings_counted: self.near_spellings_counted.top(TOP_WORDS),
            },
        }
    }
}

fn count_named(map: &mut HashMap<Arc<str>, Named>, key: &Arc<str>, name: Option<&Arc<str>>) {
    if let Some(n) = map.get_mut(key) {
        n.count += 1;
    } else {
        map.insert(
            key.clone(),
            Named {
                name: name.cloned(),
                count: 1,
            },
        );
    }
}

/// Most overdue first; ties by line.
fn sort_overdue(v: &mut [OverdueEnquiry]) {
    v.sort_by(|a, b| {
        b.overdue_minutes
            .total_cmp(&a.overdue_minutes)
            .then(a.line.cmp(&b.line))
    });
}

/// `2027-03-25`, `2027-W12` (ISO week) or `2027-03`.
fn period_key(date: Date, period: Period) -> String {
    match period {
        Period::Day => date.to_string(),
        Period::Week => {
            let w = date.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
    }
}
