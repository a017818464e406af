//! The trends of one index, precomputed so that a threshold move costs one binary search per
//! creation month and per sync instead of a rescan of the models. Each scope (every model, or
//! one pipeline_tag) keeps, per creation month, bucket and sync, the known parameter counts in
//! ascending order with download prefix sums. The figures equal those of
//! [`super::monthly_splits`], [`super::usage`] and [`super::downloads_per_sync`].

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use super::{
    Created, CreationSplit, DataTime, Month, MonthUsage, MonthlySplits, OlderShares, SyncPoint,
    Usage, UsageRow, UsageTotals, cutoff_of, fill_months, format_time, placeholder_time, ratio,
};
use crate::analysis::index::{ClassTotals, Index};
use crate::model::{Model, Provenance, SyncHistory};

/// Known counts in ascending order with download prefix sums, and the totals of unknown sizes.
#[derive(Debug, Clone, Default)]
struct SizeGroup {
    totals: Vec<u64>,
    /// `downloads_prefix[i]` sums the downloads of the first `i` entries of `totals`.
    downloads_prefix: Vec<u64>,
    unknown: ClassTotals,
}

/// The `(total, downloads)` pairs of a group being built.
#[derive(Debug, Clone, Default)]
struct GroupBuilder {
    pairs: Vec<(u64, u64)>,
    unknown: ClassTotals,
}

impl GroupBuilder {
    fn add(&mut self, total: Option<u64>, downloads: u64) {
        match total {
            Some(total) => self.pairs.push((total, downloads)),
            None => {
                self.unknown.count += 1;
                self.unknown.downloads += downloads;
            }
        }
    }

    fn add_model(&mut self, model: &Model) {
        self.add(model.params.total(), model.downloads().unwrap_or(0));
    }

    fn finish(mut self) -> SizeGroup {
        self.pairs.sort_unstable();
        let mut downloads_prefix = Vec::with_capacity(self.pairs.len() + 1);
        let mut running = 0u64;
        downloads_prefix.push(0);
        for &(_, downloads) in &self.pairs {
            running += downloads;
            downloads_prefix.push(running);
        }
        SizeGroup {
            totals: self.pairs.into_iter().map(|(total, _)| total).collect(),
            downloads_prefix,
            unknown: self.unknown,
        }
    }
}

impl SizeGroup {
    /// Splits the group at `threshold`, shares left unset.
    fn split(&self, threshold: u64) -> CreationSplit {
        let slm_count = self.totals.partition_point(|&total| total < threshold);
        let known = self.totals.len();
        let prefix = |index: usize| self.downloads_prefix.get(index).copied().unwrap_or(0);
        let slm = ClassTotals {
            count: slm_count as u64,
            downloads: prefix(slm_count),
        };
        let llm = ClassTotals {
            count: (known - slm_count) as u64,
            downloads: prefix(known) - slm.downloads,
        };
        CreationSplit {
            models: known as u64 + self.unknown.count,
            slm,
            llm,
            unknown: self.unknown,
            slm_share_of_known: None,
            slm_download_share_of_known: None,
        }
    }
}

/// The groups of one scope: every model, or the models of one pipeline_tag.
#[derive(Debug, Clone, Default)]
struct Scope {
    task: Option<String>,
    /// The first creation month; `months[i]` is `i` months after it.
    first_month: Option<Month>,
    months: Vec<SizeGroup>,
    before_tracking: SizeGroup,
    no_date: SizeGroup,
    /// The models of the month of the age cutoff that were created before it.
    older_in_cutoff_month: SizeGroup,
}

/// The groups of one scope while the models are read.
#[derive(Default)]
struct ScopeBuilder {
    months: BTreeMap<Month, GroupBuilder>,
    before_tracking: GroupBuilder,
    no_date: GroupBuilder,
    older_in_cutoff_month: GroupBuilder,
}

impl ScopeBuilder {
    fn add(&mut self, model: &Model, created: Created, cutoff: Option<Timestamp>) {
        match created {
            Created::At(timestamp) => {
                let month = Month::of(timestamp);
                self.months.entry(month).or_default().add_model(model);
                if let Some(cutoff) = cutoff
                    && month == Month::of(cutoff)
                    && timestamp < cutoff
                {
                    self.older_in_cutoff_month.add_model(model);
                }
            }
            Created::BeforeTracking => self.before_tracking.add_model(model),
            Created::NoDate => self.no_date.add_model(model),
        }
    }

    fn finish(self, task: Option<String>) -> Scope {
        let filled = fill_months(self.months);
        Scope {
            task,
            first_month: filled.first().map(|(month, _)| *month),
            months: filled
                .into_iter()
                .map(|(_, group)| group.finish())
                .collect(),
            before_tracking: self.before_tracking.finish(),
            no_date: self.no_date.finish(),
            older_in_cutoff_month: self.older_in_cutoff_month.finish(),
        }
    }
}

/// The downloads of each sync, grouped per scope.
#[derive(Debug, Clone)]
struct HistoryGroups {
    /// The number of syncs and of their rows, to notice a replaced history.
    fingerprint: (usize, usize),
    /// `scopes[s][i]` groups the rows of sync `i` whose model is in scope `s`.
    scopes: Vec<Vec<SizeGroup>>,
}

fn history_fingerprint(history: &[SyncHistory]) -> (usize, usize) {
    let rows = history.iter().map(|sync| sync.downloads.len()).sum();
    (history.len(), rows)
}

/// The trends of one index, for every model and for some pipeline_tags.
#[derive(Debug, Clone)]
pub struct TrendsIndex {
    generation: u64,
    now: Option<DataTime>,
    /// Models created before this are older than 12 months.
    cutoff: Option<Timestamp>,
    /// True when the models created before dates were recorded are older than 12 months;
    /// otherwise their age is unknown.
    placeholder_is_old: bool,
    /// Every model first, then one scope per pipeline_tag asked for.
    scopes: Vec<Scope>,
    history: Option<HistoryGroups>,
}

impl TrendsIndex {
    /// Reads every model once and groups it for every model and for each of `tasks`. The
    /// downloads of the syncs are grouped later, at the first [`TrendsIndex::downloads_per_sync`].
    pub fn build(index: &Index, provenance: &Provenance, tasks: &[String]) -> TrendsIndex {
        let now = DataTime::of(provenance, index.models());
        let cutoff = cutoff_of(now.as_ref());
        let mut trends = TrendsIndex {
            generation: index.generation(),
            now,
            cutoff,
            placeholder_is_old: cutoff
                .zip(placeholder_time())
                .is_some_and(|(cutoff, placeholder)| placeholder < cutoff),
            scopes: Vec::new(),
            history: None,
        };
        let task_scopes: HashMap<&str, usize> = tasks
            .iter()
            .enumerate()
            .map(|(position, task)| (task.as_str(), position + 1))
            .collect();
        let mut builders: Vec<ScopeBuilder> =
            (0..=tasks.len()).map(|_| ScopeBuilder::default()).collect();
        for model in index.models() {
            let created = Created::of(model);
            builders[0].add(model, created, cutoff);
            let scope = model
                .pipeline_tag
                .as_deref()
                .and_then(|task| task_scopes.get(task));
            if let Some(&scope) = scope {
                builders[scope].add(model, created, cutoff);
            }
        }
        let names = std::iter::once(None).chain(tasks.iter().cloned().map(Some));
        trends.scopes = builders
            .into_iter()
            .zip(names)
            .map(|(builder, task)| builder.finish(task))
            .collect();
        trends
    }

    /// Returns the generation of the index it was built from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Returns the time of the data, from which ages are counted.
    pub fn now(&self) -> Option<&DataTime> {
        self.now.as_ref()
    }

    /// Returns the scope of `task` (every model when `None`), reading every model of `index`
    /// once to build it when `task` was not among those given to [`TrendsIndex::build`].
    fn scope(&mut self, index: &Index, task: Option<&str>) -> usize {
        if let Some(position) = self
            .scopes
            .iter()
            .position(|scope| scope.task.as_deref() == task)
        {
            return position;
        }
        let mut builder = ScopeBuilder::default();
        for model in index.models() {
            if model.pipeline_tag.as_deref() == task {
                builder.add(model, Created::of(model), self.cutoff);
            }
        }
        self.scopes.push(builder.finish(task.map(str::to_string)));
        // The sync groups cover the scopes they were built with only.
        self.history = None;
        self.scopes.len() - 1
    }

    /// Splits the models of `task` (every model when `None`) at `threshold` per creation
    /// month: one binary search per month.
    pub fn monthly_splits(
        &mut self,
        index: &Index,
        threshold: u64,
        task: Option<&str>,
    ) -> MonthlySplits {
        let position = self.scope(index, task);
        let scope = &self.scopes[position];
        let mut month = scope.first_month;
        let months = scope
            .months
            .iter()
            .map(|group| {
                let current = month.expect("a scope with months has a first month");
                month = Some(current.next());
                super::MonthSplit {
                    month: current,
                    split: group.split(threshold).finish(),
                }
            })
            .collect();
        MonthlySplits {
            pipeline_tag: task.map(str::to_string),
            months,
            before_tracking: scope.before_tracking.split(threshold).finish(),
            no_date: scope.no_date.split(threshold).finish(),
        }
    }

    /// Computes the downloads by creation month of `splits`, which [`Self::monthly_splits`]
    /// returned at `threshold`. Costs one binary search plus a sum over the months.
    pub fn usage(&mut self, index: &Index, threshold: u64, splits: &MonthlySplits) -> Usage {
        let position = self.scope(index, splits.pipeline_tag.as_deref());
        let scope = &self.scopes[position];
        let buckets = [&splits.before_tracking, &splits.no_date];
        let parts = splits
            .months
            .iter()
            .map(|month| &month.split)
            .chain(buckets);
        let mut totals = UsageTotals::default();
        for split in parts {
            totals.slm += split.slm.downloads;
            totals.llm += split.llm.downloads;
            totals.all += split.slm.downloads + split.llm.downloads + split.unknown.downloads;
        }

        let older_shares = self.cutoff.map(|cutoff| {
            let cutoff_month = Month::of(cutoff);
            let mut old = (0u64, 0u64);
            let mut known_age = (0u64, 0u64);
            let mut add = |split: &CreationSplit, is_old: bool| {
                known_age.0 += split.slm.downloads;
                known_age.1 += split.llm.downloads;
                if is_old {
                    old.0 += split.slm.downloads;
                    old.1 += split.llm.downloads;
                }
            };
            for month in &splits.months {
                add(&month.split, month.month < cutoff_month);
            }
            if self.placeholder_is_old {
                add(&splits.before_tracking, true);
            }
            let partial = scope.older_in_cutoff_month.split(threshold);
            old.0 += partial.slm.downloads;
            old.1 += partial.llm.downloads;
            OlderShares {
                cutoff: format_time(cutoff),
                slm: ratio(old.0, known_age.0),
                llm: ratio(old.1, known_age.1),
            }
        });

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
            older_than_12_months: older_shares,
            downloads: totals,
        }
    }

    /// Sums the downloads each sync of `history` recorded per class, as
    /// [`super::downloads_per_sync`] does: one binary search per sync. The first call for a
    /// history reads every model and every sync row once.
    pub fn downloads_per_sync(
        &mut self,
        index: &Index,
        threshold: u64,
        task: Option<&str>,
        history: &[SyncHistory],
    ) -> Vec<SyncPoint> {
        let scope = self.scope(index, task);
        let fingerprint = history_fingerprint(history);
        if self
            .history
            .as_ref()
            .is_none_or(|groups| groups.fingerprint != fingerprint)
        {
            self.history = Some(self.group_history(index, history));
        }
        let groups = &self.history.as_ref().expect("grouped above").scopes[scope];
        history
            .iter()
            .zip(groups)
            .map(|(sync, group)| {
                let split = group.split(threshold);
                SyncPoint {
                    sync_id: sync.sync_id,
                    time: sync.time.clone(),
                    status: sync.status.clone(),
                    models: split.models,
                    slm: split.slm,
                    llm: split.llm,
                    unknown: split.unknown,
                }
            })
            .collect()
    }

    /// Groups the rows of every sync per scope, classing each id by its current size.
    fn group_history(&self, index: &Index, history: &[SyncHistory]) -> HistoryGroups {
        let task_scopes: HashMap<&str, usize> = self
            .scopes
            .iter()
            .enumerate()
            .filter_map(|(position, scope)| Some((scope.task.as_deref()?, position)))
            .collect();
        // Models without a pipeline_tag are in the scope of every model only.
        let sizes: HashMap<&str, (Option<u64>, Option<usize>)> = index
            .models()
            .iter()
            .map(|model| {
                let scope = model
                    .pipeline_tag
                    .as_deref()
                    .and_then(|task| task_scopes.get(task).copied());
                (&*model.id, (model.params.total(), scope))
            })
            .collect();
        let mut scopes: Vec<Vec<SizeGroup>> =
            vec![Vec::with_capacity(history.len()); self.scopes.len()];
        for sync in history {
            let mut builders: Vec<GroupBuilder> = vec![GroupBuilder::default(); self.scopes.len()];
            for (id, downloads) in &sync.downloads {
                let Some(&(total, scope)) = sizes.get(id.as_str()) else {
                    continue;
                };
                let downloads = downloads.unwrap_or(0);
                builders[0].add(total, downloads);
                if let Some(scope) = scope {
                    builders[scope].add(total, downloads);
                }
            }
            for (groups, builder) in scopes.iter_mut().zip(builders) {
                groups.push(builder.finish());
            }
        }
        HistoryGroups {
            fingerprint: history_fingerprint(history),
            scopes,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{downloads_per_sync, monthly_splits, usage};
    use super::*;
    use crate::model::{HubTime, SyncRun};

    const TASKS: [&str; 3] = ["text-generation", "fill-mask", "other"];

    /// Creation times around the cutoff of a sync on 2025-06-15, a placeholder, or none.
    fn created_strategy() -> impl Strategy<Value = (Option<String>, bool)> {
        prop_oneof![
            (2023i16..2026, 1i8..13, 1i8..29, 0i8..24).prop_map(|(year, month, day, hour)| (
                Some(format!("{year:04}-{month:02}-{day:02}T{hour:02}:00:00Z")),
                false
            )),
            Just((None, true)),
            Just((None, false)),
            Just((Some("not a date".to_string()), false)),
        ]
    }

    fn models_strategy() -> impl Strategy<Value = Vec<Model>> {
        proptest::collection::vec(
            (
                proptest::option::weighted(0.8, 1u64..100),
                proptest::option::weighted(0.8, 0u64..1_000),
                proptest::option::weighted(0.8, 0usize..TASKS.len()),
                created_strategy(),
            ),
            0..50,
        )
        .prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (total, downloads, task, (created_at, before)))| {
                    let mut model = {
                        let mut model = Model::minimal(&format!("org/m{i}"), total);
                        model.pipeline_tag = task.map(|task| TASKS[task].into());
                        model.created_at = created_at.as_deref().and_then(HubTime::parse);
                        model.created_before_tracking = before;
                        model
                    };
                    model.set_downloads(downloads);
                    model
                })
                .collect()
        })
    }

    fn provenance(finished_at: Option<&str>) -> Provenance {
        Provenance {
            imports: Vec::new(),
            syncs: finished_at
                .into_iter()
                .map(|time| SyncRun {
                    endpoint: "e".to_string(),
                    query: "q".to_string(),
                    started_at: time.to_string(),
                    finished_at: Some(time.to_string()),
                    status: "finished".to_string(),
                    pages: 1,
                    models: 1,
                })
                .collect(),
            leaderboards: Vec::new(),
        }
    }

    /// Two syncs, each listing some of the models and one id that is not in the index.
    fn history(models: &[Model]) -> Vec<SyncHistory> {
        (0..2)
            .map(|sync| SyncHistory {
                sync_id: sync,
                time: format!("2025-0{}-01T00:00:00Z", sync + 1),
                status: "finished".to_string(),
                downloads: models
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (*i as i64 + sync) % 3 != 0)
                    .map(|(i, model)| (model.id.to_string(), Some(i as u64 * 7)))
                    .chain([("gone/model".to_string(), Some(5))])
                    .collect(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn indexed_trends_equal_a_rescan(
            models in models_strategy(),
            thresholds in proptest::collection::vec(0u64..110, 1..4),
            task in proptest::option::of(0usize..TASKS.len() + 1),
            synced in proptest::option::of(Just("2025-06-15T12:00:00Z")),
        ) {
            let history = history(&models);
            let index = Index::build(models);
            let provenance = provenance(synced);
            let now = DataTime::of(&provenance, index.models());
            // The last choice is a task absent from the precomputed ones.
            let task = task.map(|task| TASKS.get(task).copied().unwrap_or("absent"));
            let mut trends = TrendsIndex::build(&index, &provenance, &["text-generation".to_string()]);
            for threshold in thresholds {
                let expected = monthly_splits(&index, threshold, task);
                let splits = trends.monthly_splits(&index, threshold, task);
                prop_assert_eq!(&splits, &expected);
                prop_assert_eq!(
                    trends.usage(&index, threshold, &splits),
                    usage(&index, threshold, &expected, now.as_ref())
                );
                prop_assert_eq!(
                    trends.downloads_per_sync(&index, threshold, task, &history),
                    downloads_per_sync(&index, threshold, task, &history)
                );
            }
            prop_assert_eq!(trends.now(), now.as_ref());
        }
    }
}
