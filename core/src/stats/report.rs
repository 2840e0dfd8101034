//! The statistics report: one serde type, the JSON form of
//! `kommunlots stats --format json` and the source of the text and HTML
//! renderings.

use serde::{Deserialize, Serialize};

use super::quantile::Summary;
use super::words::{NearSpellingCount, WordCount};
use crate::model::{Channel, Goals};

/// How enquiries are grouped in time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days (`2027-03-25`).
    Day,
    /// ISO weeks (`2027-W12`).
    Week,
    /// Calendar months (`2027-03`).
    #[default]
    Month,
}

/// A count and its share of a whole (0–1; 0 when the whole is empty).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// How many.
    pub count: u64,
    /// The share of the whole, 0 to 1.
    pub share: f64,
}

impl Share {
    /// `count` of `total`.
    pub fn of(count: u64, total: u64) -> Share {
        Share {
            count,
            share: if total == 0 {
                0.0
            } else {
                count as f64 / total as f64
            },
        }
    }
}

/// The statistics of a routing log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The municipality's name.
    pub municipality: String,
    /// The IANA time zone days, weeks and months are counted in.
    pub time_zone: String,
    /// The instant open enquiries are judged overdue at (RFC 3339).
    pub as_of: String,
    /// First day counted (received on or after), if limited.
    pub from: Option<String>,
    /// Last day counted (received on or before), if limited.
    pub to: Option<String>,
    /// How enquiries are grouped in time.
    pub period: Period,
    /// The goals of `municipality.toml`'s `[goals]`.
    pub goals: Goals,
    /// What was read.
    pub lines: LineCounts,
    /// The first malformed lines (at most [`MAX_LISTED`]); all are counted
    /// in [`LineCounts::malformed`].
    pub malformed: Vec<MalformedLine>,
    /// Enquiries counted.
    pub total: u64,
    /// Volume per channel (`"unknown"` when the log does not say).
    pub by_channel: Vec<Volume>,
    /// Volume per owning department (the first line's id for unmatched).
    pub by_department: Vec<Volume>,
    /// Volume per enquiry type (matched enquiries only).
    pub by_type: Vec<Volume>,
    /// Volume per ROSA level (`"unmatched"` for no level).
    pub by_level: Vec<Volume>,
    /// Volume per period, in time order (enquiries with a receipt time).
    pub by_period: Vec<Volume>,
    /// Shares of the ROSA level groups.
    pub rosa_mix: RosaMix,
    /// Resolution at the first line.
    pub first_line: FirstLineResolution,
    /// Service-target compliance per channel, in [`Channel::ALL`] order.
    pub service: Vec<ChannelService>,
    /// Open enquiries past their due time at [`Report::as_of`], most
    /// overdue first (at most [`MAX_LISTED`]; all are counted in
    /// [`ChannelService::overdue`]).
    pub overdue: Vec<OverdueEnquiry>,
    /// The rule set's blind spots.
    pub unmatched: Unmatched,
}

/// How many items a report lists at most (malformed lines, overdue
/// enquiries); the rest are counted.
pub const MAX_LISTED: usize = 100;

/// What the log held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    /// Non-blank lines read.
    pub read: u64,
    /// Lines counted in the report.
    pub counted: u64,
    /// Lines that could not be read, skipped.
    pub malformed: u64,
    /// Lines received outside `from`–`to`, skipped.
    pub outside_period: u64,
    /// Lines without a receipt time (counted, but in no period and without
    /// service-target figures; skipped when `from` or `to` is given).
    pub without_received_at: u64,
    /// Lines with only an enquiry, routed by this rule set.
    pub routed_here: u64,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MalformedLine {
    /// 1-based line number in the log.
    pub line: u64,
    /// What is wrong (personal identity numbers redacted).
    pub message: String,
}

/// How many enquiries fall in one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    /// The group's id (channel, department or type id, level, period).
    pub key: String,
    /// Its name, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How many enquiries.
    pub count: u64,
    /// Their share of all counted enquiries.
    pub share: f64,
}

/// The ROSA mix: shares of all counted enquiries (they add up to 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RosaMix {
    /// Levels 1–2: information, guidance (the "simple" enquiries).
    pub simple: Share,
    /// Levels 3–4: administrative preparation, routine decisions.
    pub routine: Share,
    /// Levels 5–6: specialist preparation, evaluative decisions.
    pub complex: Share,
    /// No level: unmatched or ambiguous.
    pub unmatched: Share,
    /// Whether the simple share is within `simple_share_min`–`max`.
    pub simple_within_goal: bool,
}

/// Resolution at the first line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FirstLineResolution {
    /// Enquiries resolved at the first line without being passed on, of all
    /// counted enquiries.
    pub resolved: Share,
    /// Whether the share reaches `first_line_share`.
    pub meets_goal: bool,
    /// How many were judged from the log's `resolved_at_first_line`.
    pub from_outcome: u64,
    /// How many were judged passed on because the log names `forwarded_to`.
    pub from_forwarded_to: u64,
    /// How many were judged from the decision's `first_line` alone (the
    /// route, not the outcome: the first line may still have passed them
    /// on).
    pub from_decision: u64,
}

/// Service-target compliance of one channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelService {
    /// The channel.
    pub channel: Channel,
    /// The municipality's target for the channel (types and departments
    /// may set their own; each enquiry is judged by its own).
    pub target: Option<String>,
    /// Enquiries on the channel.
    pub enquiries: u64,
    /// Answered enquiries with a receipt time and a target.
    pub answered: u64,
    /// Of those, answered by their due time.
    pub within_target: Share,
    /// Whether the within-target share reaches `within_target_share`
    /// (false without answered enquiries).
    pub meets_goal: bool,
    /// Median and 90th percentile time to answer, in working time of the
    /// handler's opening hours (answered enquiries with a receipt time).
    pub time_to_answer: Option<Summary>,
    /// Enquiries without `answered_at`.
    pub open: u64,
    /// Open enquiries past their due time at the report's `as_of`.
    pub overdue: u64,
    /// Enquiries with no target for their channel and type, or whose due
    /// time could not be computed.
    pub without_target: u64,
}

/// An open enquiry past its due time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueEnquiry {
    /// The enquiry's id (redacted), or `line N`.
    pub id: String,
    /// 1-based line in the log.
    pub line: u64,
    /// The channel.
    pub channel: Channel,
    /// The owning department.
    pub department: String,
    /// The enquiry type, if matched.
    pub enquiry_type: Option<String>,
    /// The first handler.
    pub handler: String,
    /// When it was received (RFC 3339, municipality's offset).
    pub received_at: String,
    /// When it was due.
    pub due: String,
    /// Working time past due at `as_of`, in minutes.
    pub overdue_minutes: f64,
}

/// Unmatched enquiries: what the rules do not recognise.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Unmatched {
    /// Unmatched enquiries (not ambiguous ones), of all counted.
    pub enquiries: Share,
    /// Ambiguous enquiries, of all counted.
    pub ambiguous: Share,
    /// Their most common words (normalised; stop words, words with digits
    /// and personal identity numbers left out), most common first.
    pub top_words: Vec<WordCount>,
    /// True when the word counts are exact (fewer distinct words than the
    /// counter's capacity).
    pub words_exact: bool,
    /// The rule terms they missed by one letter (their candidates' terms
    /// with `near_spelling`), most common first: misspellings worth a
    /// keyword, a form hint or a clearer word on the website. Empty in
    /// reports written before it was added.
    #[serde(default)]
    pub near_spellings: Vec<NearSpellingCount>,
    /// The longer rule terms that recognised enquiries through a word one
    /// letter off them around a shorter term ("eldningförbud" read as
    /// `eldningsförbud`; the trace's terms with `near_spelling`), most
    /// common first: misspellings the rules caught, and a keyword's worth
    /// if common. Empty in reports written before it was added.
    #[serde(default)]
    pub near_spellings_counted: Vec<NearSpellingCount>,
}
