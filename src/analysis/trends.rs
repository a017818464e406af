//! Trends over time: the SLM/LLM split of the models created each month, the share of current
//! 30-day downloads held by the models of each creation month, and downloads per class across
//! syncs. Months are UTC calendar months of `Model::created_at`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Serialize, Serializer};

use super::index::{ClassTotals, Index};
use crate::hub::record::PLACEHOLDER_CREATED_AT;
use crate::model::{HubTime, Model, Provenance, SyncHistory};

/// Age from which a model counts as "older than 12 months".
const OLD_AFTER_MONTHS: i64 = 12;

/// A UTC calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
}

impl Month {
    fn of(timestamp: Timestamp) -> Month {
        let utc = timestamp.to_zoned_datetime(TimeZone::UTC);
        Month {
            year: utc.year(),
            month: utc.month(),
        }
    }

    fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The place of a model's creation date: a month, the placeholder, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    At(Timestamp),
    /// The Hub's placeholder date: created before the Hub recorded dates.
    BeforeTracking,
    /// No creation date, or one that is not RFC 3339.
    NoDate,
}

impl Created {
    pub fn of(model: &Model) -> Created {
        if model.created_before_tracking {
            return Created::BeforeTracking;
        }
        match model.created_at {
            Some(time) => Created::At(time.timestamp()),
            None => Created::NoDate,
        }
    }
}

fn parse_time(text: &str) -> Option<Timestamp> {
    text.trim().parse().ok()
}

fn format_time(timestamp: Timestamp) -> String {
    timestamp.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// SLM, LLM and unknown totals of a set of models at one threshold, with the SLM share among
/// models of known size by count and by 30-day downloads.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CreationSplit {
    pub models: u64,
    pub slm: ClassTotals,
    pub llm: ClassTotals,
    pub unknown: ClassTotals,
    /// `None` when no model of the set has a known size.
    pub slm_share_of_known: Option<f64>,
    /// `None` when the models of known size have no downloads.
    pub slm_download_share_of_known: Option<f64>,
}

impl CreationSplit {
    fn add(&mut self, model: &Model, threshold: u64) {
        let downloads = model.downloads().unwrap_or(0);
        let part = match model.params.total() {
            Some(total) if total < threshold => &mut self.slm,
            Some(_) => &mut self.llm,
            None => &mut self.unknown,
        };
        part.count += 1;
        part.downloads += downloads;
        self.models += 1;
    }

    /// Fills in the two shares from the totals.
    fn finish(mut self) -> CreationSplit {
        let known = self.slm.count + self.llm.count;
        let known_downloads = self.slm.downloads + self.llm.downloads;
        self.slm_share_of_known = ratio(self.slm.count, known);
        self.slm_download_share_of_known = ratio(self.slm.downloads, known_downloads);
        self
    }

    /// Returns the SLM share among models of known size, by count or weighted by downloads.
    pub fn slm_share(&self, weighted: bool) -> Option<f64> {
        if weighted {
            self.slm_download_share_of_known
        } else {
            self.slm_share_of_known
        }
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The split of the models created in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthSplit {
    pub month: Month,
    #[serde(flatten)]
    pub split: CreationSplit,
}

/// The split per creation month, every month from the first to the last present (empty months
/// included, with zero models), and the two buckets without a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthlySplits {
    /// The pipeline_tag the models were restricted to; `None` for every model.
    pub pipeline_tag: Option<String>,
    pub months: Vec<MonthSplit>,
    /// Models whose creation date is the Hub's placeholder: created before dates were recorded.
    pub before_tracking: CreationSplit,
    /// Models without a creation date.
    pub no_date: CreationSplit,
}

impl MonthlySplits {
    /// Counts every model, in a month or a bucket.
    pub fn models(&self) -> u64 {
        self.months
            .iter()
            .map(|month| month.split.models)
            .sum::<u64>()
            + self.before_tracking.models
            + self.no_date.models
    }
}

/// Returns true when `model` belongs to the task: every model when `task` is `None`.
fn in_task(model: &Model, task: Option<&str>) -> bool {
    task.is_none_or(|task| model.pipeline_tag.as_deref() == Some(task))
}

/// Splits the models of `task` (every model when `None`) at `threshold` per creation month.
pub fn monthly_splits(index: &Index, threshold: u64, task: Option<&str>) -> MonthlySplits {
    let mut months: BTreeMap<Month, CreationSplit> = BTreeMap::new();
    let mut before_tracking = CreationSplit::default();
    let mut no_date = CreationSplit::default();
    for model in index.models().iter().filter(|model| in_task(model, task)) {
        match Created::of(model) {
            Created::At(timestamp) => months
                .entry(Month::of(timestamp))
                .or_default()
                .add(model, threshold),
            Created::BeforeTracking => before_tracking.add(model, threshold),
            Created::NoDate => no_date.add(model, threshold),
        }
    }
    MonthlySplits {
        pipeline_tag: task.map(str::to_string),
        months: fill_months(months)
            .into_iter()
            .map(|(month, split)| MonthSplit {
                month,
                split: split.finish(),
            })
            .collect(),
        before_tracking: before_tracking.finish(),
        no_date: no_date.finish(),
    }
}

/// Adds the missing months between the first and the last key, with default values.
fn fill_months<T: Default>(mut months: BTreeMap<Month, T>) -> Vec<(Month, T)> {
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let mut filled = Vec::new();
    let mut month = first;
    while month <= last {
        filled.push((month, months.remove(&month).unwrap_or_default()));
        month = month.next();
    }
    filled
}

/// The source of the time of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataTimeSource {
    /// The newest sync of the cache: when the Hub last gave download counts.
    Sync,
    /// The newest modification or creation date among the models: the records were fetched
    /// after it. Used when no sync is newer, as for imported API responses.
    ModelDates,
}

/// The time the data describes: "now" for the age of models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataTime {
    /// RFC 3339 UTC.
    pub time: String,
    pub source: DataTimeSource,
    #[serde(skip)]
    timestamp: Timestamp,
}

impl DataTime {
    /// Returns the newer of the newest sync (its finish time, else its start) and the newest
    /// `lastModified` or creation date of `models`, or `None` when neither has a time.
    /// Import times are left out, because a file imported today may contain old responses.
    // NOTE: for imported files this is a lower bound: the records were fetched at some
    // unrecorded time after their newest modification.
    pub fn of(provenance: &Provenance, models: &[Model]) -> Option<DataTime> {
        let synced = provenance
            .syncs
            .iter()
            .map(|sync| sync.finished_at.as_ref().unwrap_or(&sync.started_at))
            .filter_map(|text| parse_time(text))
            .max();
        let modified = models
            .iter()
            .flat_map(|model| [model.last_modified, model.created_at])
            .flatten()
            .max()
            .map(HubTime::timestamp);
        let (timestamp, source) = match (synced, modified) {
            (Some(synced), Some(modified)) if modified > synced => {
                (modified, DataTimeSource::ModelDates)
            }
            (Some(synced), _) => (synced, DataTimeSource::Sync),
            (None, Some(modified)) => (modified, DataTimeSource::ModelDates),
            (None, None) => return None,
        };
        Some(DataTime {
            time: format_time(timestamp),
            source,
            timestamp,
        })
    }
}

/// Downloads of SLMs and LLMs in one creation month or bucket, over each class's total and
/// over all downloads.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct UsageRow {
    pub slm_downloads: u64,
    pub llm_downloads: u64,
    /// `slm_downloads` over the downloads of every SLM; `None` when SLMs have none.
    pub slm_share_of_class: Option<f64>,
    pub llm_share_of_class: Option<f64>,
    /// `slm_downloads` over the downloads of every model, unknown sizes included; `None` when
    /// there are none.
    pub slm_share_of_all: Option<f64>,
    pub llm_share_of_all: Option<f64>,
}

impl UsageRow {
    fn of(split: &CreationSplit, totals: &UsageTotals) -> UsageRow {
        UsageRow {
            slm_downloads: split.slm.downloads,
            llm_downloads: split.llm.downloads,
            slm_share_of_class: ratio(split.slm.downloads, totals.slm),
            llm_share_of_class: ratio(split.llm.downloads, totals.llm),
            slm_share_of_all: ratio(split.slm.downloads, totals.all),
            llm_share_of_all: ratio(split.llm.downloads, totals.all),
        }
    }

    /// Returns the SLM and LLM shares, of their class or of all downloads.
    pub fn shares(&self, of_class: bool) -> (Option<f64>, Option<f64>) {
        if of_class {
            (self.slm_share_of_class, self.llm_share_of_class)
        } else {
            (self.slm_share_of_all, self.llm_share_of_all)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct UsageTotals {
    pub slm: u64,
    pub llm: u64,
    /// Every model's downloads, unknown sizes included.
    pub all: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthUsage {
    pub month: Month,
    #[serde(flatten)]
    pub usage: UsageRow,
}

/// The share of each class's downloads held by models created more than 12 months before the
/// time of the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OlderShares {
    /// RFC 3339 UTC: models created before this are older than 12 months.
    pub cutoff: String,
    /// Over the SLM downloads of models whose age is known: models with no creation date are
    /// in neither part. `None` when those are 0.
    pub slm: Option<f64>,
    pub llm: Option<f64>,
}

/// How long models stay in use: current 30-day downloads by creation month, per class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Usage {
    pub pipeline_tag: Option<String>,
    pub downloads: UsageTotals,
    pub months: Vec<MonthUsage>,
    pub before_tracking: UsageRow,
    pub no_date: UsageRow,
    /// `None` when the time of the data is unknown.
    pub older_than_12_months: Option<OlderShares>,
}

/// Returns the time before which models are older than 12 months, or `None` when the time of
/// the data is unknown.
fn cutoff_of(now: Option<&DataTime>) -> Option<Timestamp> {
    now.and_then(|now| {
        now.timestamp
            .to_zoned_datetime(TimeZone::UTC)
            .checked_sub(Span::new().months(OLD_AFTER_MONTHS))
            .ok()
            .map(|cutoff| cutoff.timestamp())
    })
}

/// Returns the Hub's placeholder creation date.
fn placeholder_time() -> Option<Timestamp> {
    parse_time(PLACEHOLDER_CREATED_AT)
}

/// Computes the downloads by creation month of `splits`. `now` is the time of the data.
pub fn usage(
    index: &Index,
    threshold: u64,
    splits: &MonthlySplits,
    now: Option<&DataTime>,
) -> Usage {
    let task = splits.pipeline_tag.as_deref();
    let mut totals = UsageTotals::default();
    let mut old = (0u64, 0u64);
    let mut known_age = (0u64, 0u64);
    let cutoff = cutoff_of(now);
    let placeholder = placeholder_time();

    for model in index.models().iter().filter(|model| in_task(model, task)) {
        let downloads = model.downloads().unwrap_or(0);
        totals.all += downloads;
        let (class_total, class_old, class_known) = match model.params.total() {
            Some(total) if total < threshold => (&mut totals.slm, &mut old.0, &mut known_age.0),
            Some(_) => (&mut totals.llm, &mut old.1, &mut known_age.1),
            None => continue,
        };
        *class_total += downloads;
        let Some(cutoff) = cutoff else { continue };
        // A placeholder model was created before the placeholder date, so it is old when that
        // date is before the cutoff and of unknown age otherwise.
        let created = match Created::of(model) {
            Created::At(timestamp) => Some(timestamp),
            Created::BeforeTracking => placeholder.filter(|date| *date < cutoff),
            Created::NoDate => None,
        };
        if let Some(created) = created {
            *class_known += downloads;
            if created < cutoff {
                *class_old += downloads;
            }
        }
    }

    Usage {
        pipeline_tag: splits.pipeline_tag.clone(),
        months: splits
            .months
            .iter()
            .map(|month| MonthUsage {
                month: month.month,
                usage: UsageRow::of(&month.split, &totals),
            })
            .collect(),
        before_tracking: UsageRow::of(&splits.before_tracking, &totals),
        no_date: UsageRow::of(&splits.no_date, &totals),
        older_than_12_months: cutoff.map(|cutoff| OlderShares {
            cutoff: format_time(cutoff),
            slm: ratio(old.0, known_age.0),
            llm: ratio(old.1, known_age.1),
        }),
        downloads: totals,
    }
}

/// The downloads one sync recorded, summed per class with the models' current sizes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncPoint {
    pub sync_id: i64,
    /// RFC 3339 UTC time the sync finished, or started when it did not finish.
    pub time: String,
    pub status: String,
    /// The models of the sync found in the index (and in the task), in all three parts.
    pub models: u64,
    pub slm: ClassTotals,
    pub llm: ClassTotals,
    pub unknown: ClassTotals,
}

/// Sums the downloads each sync recorded per class, classing each model id by the parameter
/// count it has in `index` now. Ids that are not in the index, or not in `task`, are ignored,
/// so a filtered index gives filtered sums.
pub fn downloads_per_sync(
    index: &Index,
    threshold: u64,
    task: Option<&str>,
    history: &[SyncHistory],
) -> Vec<SyncPoint> {
    let sizes: HashMap<&str, Option<u64>> = index
        .models()
        .iter()
        .filter(|model| in_task(model, task))
        .map(|model| (&*model.id, model.params.total()))
        .collect();
    history
        .iter()
        .map(|sync| {
            let mut point = SyncPoint {
                sync_id: sync.sync_id,
                time: sync.time.clone(),
                status: sync.status.clone(),
                models: 0,
                slm: ClassTotals::default(),
                llm: ClassTotals::default(),
                unknown: ClassTotals::default(),
            };
            for (id, downloads) in &sync.downloads {
                let Some(size) = sizes.get(id.as_str()) else {
                    continue;
                };
                let part = match size {
                    Some(total) if *total < threshold => &mut point.slm,
                    Some(_) => &mut point.llm,
                    None => &mut point.unknown,
                };
                part.count += 1;
                part.downloads += downloads.unwrap_or(0);
                point.models += 1;
            }
            point
        })
        .collect()
}

/// Lists the pipeline_tags a trends view can be restricted to: the `limit` largest, largest
/// first. Models without a pipeline_tag are only in "all tasks".
pub fn largest_tasks(index: &Index, limit: usize) -> Vec<String> {
    index
        .task_splits(u64::MAX)
        .into_iter()
        .filter_map(|group| group.name)
        .take(limit)
        .collect()
}

pub mod indexed;
pub mod report;

#[cfg(test)]
mod tests;
