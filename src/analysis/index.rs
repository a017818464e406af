//! The in-memory index: models sorted by parameter count, overall and per group, with prefix
//! sums of downloads, so that a threshold move costs one binary search per group and never a
//! rescan of the models.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use super::histogram::Histogram;
use super::tasks::{ModalitySplit, USE_COUNT, by_modality, use_name};
use crate::model::Model;

/// A count of models and the sum of their 30-day downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ClassTotals {
    pub count: u64,
    pub downloads: u64,
}

impl ClassTotals {
    fn add(&mut self, downloads: u64) {
        self.count += 1;
        self.downloads += downloads;
    }
}

/// The SLM/LLM split at one threshold. A model is an LLM when its count is at least the
/// threshold; models of unknown size are in `unknown`, never in a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Split {
    pub threshold: u64,
    pub slm: ClassTotals,
    pub llm: ClassTotals,
    pub unknown: ClassTotals,
}

impl Split {
    /// Adds the three parts up: every model of the group.
    pub fn all(&self) -> ClassTotals {
        ClassTotals {
            count: self.slm.count + self.llm.count + self.unknown.count,
            downloads: self.slm.downloads + self.llm.downloads + self.unknown.downloads,
        }
    }

    /// `part.count` as a share of all models; 0 when there are none.
    pub fn model_share(&self, part: ClassTotals) -> f64 {
        ratio(part.count, self.all().count)
    }

    /// `part.downloads` as a share of all 30-day downloads; 0 when there are none.
    pub fn download_share(&self, part: ClassTotals) -> f64 {
        ratio(part.downloads, self.all().downloads)
    }

    /// Adds two splits at the same threshold, part by part.
    pub fn plus(&self, other: &Split) -> Split {
        let add = |a: ClassTotals, b: ClassTotals| ClassTotals {
            count: a.count + b.count,
            downloads: a.downloads + b.downloads,
        };
        Split {
            threshold: self.threshold,
            slm: add(self.slm, other.slm),
            llm: add(self.llm, other.llm),
            unknown: add(self.unknown, other.unknown),
        }
    }

    /// Computes the SLM share among models of known size, or `None` when no size is known.
    pub fn slm_share_of_known(&self) -> Option<f64> {
        let known = self.slm.count + self.llm.count;
        (known > 0).then(|| ratio(self.slm.count, known))
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The split of one group (a pipeline_tag or a tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSplit {
    /// The group's name; `None` for models without a pipeline_tag.
    pub name: Option<String>,
    pub split: Split,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub count: u64,
}

/// The most frequent use tags among SLMs and among LLMs at one threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopTags {
    pub slm: Vec<TagCount>,
    pub llm: Vec<TagCount>,
}

/// Known counts of one group in ascending order with download prefix sums.
#[derive(Debug, Clone, Default)]
struct Group {
    totals: Vec<u64>,
    /// `downloads_prefix[i]` is the sum of downloads of the first `i` entries of `totals`.
    downloads_prefix: Vec<u64>,
    unknown: ClassTotals,
}

impl Group {
    fn from_pairs(mut pairs: Vec<(u64, u64)>, unknown: ClassTotals) -> Group {
        pairs.sort_unstable();
        let mut downloads_prefix = Vec::with_capacity(pairs.len() + 1);
        let mut running = 0u64;
        downloads_prefix.push(0);
        for &(_, downloads) in &pairs {
            running += downloads;
            downloads_prefix.push(running);
        }
        // Collected from a borrow, into a list of its own: collecting `pairs.into_iter()` would
        // keep the pairs' buffer, twice the size, and its spare capacity.
        let totals = pairs.iter().map(|&(total, _)| total).collect();
        Group {
            totals,
            downloads_prefix,
            unknown,
        }
    }

    fn split(&self, threshold: u64) -> Split {
        let slm_count = self.totals.partition_point(|&total| total < threshold);
        let known = self.totals.len();
        // An empty group (an empty cache) has no prefix sums at all.
        let prefix = |index: usize| self.downloads_prefix.get(index).copied().unwrap_or(0);
        let slm_downloads = prefix(slm_count);
        Split {
            threshold,
            slm: ClassTotals {
                count: slm_count as u64,
                downloads: slm_downloads,
            },
            llm: ClassTotals {
                count: (known - slm_count) as u64,
                downloads: prefix(known) - slm_downloads,
            },
            unknown: self.unknown,
        }
    }
}

/// The sizes and downloads of one group's models, before sorting.
#[derive(Default)]
struct GroupPairs {
    known: Vec<(u64, u64)>,
    unknown: ClassTotals,
}

impl GroupPairs {
    fn add(&mut self, model: &Model) {
        let downloads = model.downloads().unwrap_or(0);
        match model.params.total() {
            Some(total) => self.known.push((total, downloads)),
            None => self.unknown.add(downloads),
        }
    }

    fn into_group(self) -> Group {
        Group::from_pairs(self.known, self.unknown)
    }
}

/// Models loaded once from the cache, indexed for threshold moves.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Shared so that a background task, such as an export, can read them while the UI runs.
    models: Arc<Vec<Model>>,
    all: Group,
    tasks: Vec<(Option<String>, Group)>,
    task_tags: Vec<(String, Group)>,
    histogram: Histogram,
    generation: u64,
}

/// The generation of the last index built; 0 is left to `Index::default()`.
static GENERATION: AtomicU64 = AtomicU64::new(0);

impl Index {
    /// Indexes the models; the cost is paid once, at load time. The keys are borrowed from
    /// the models, so the build allocates only the groups' lists: O(n log n) time.
    pub fn build(models: Vec<Model>) -> Index {
        let mut all = GroupPairs::default();
        let mut tasks: BTreeMap<Option<&str>, GroupPairs> = BTreeMap::new();
        let mut uses: Vec<GroupPairs> = (0..USE_COUNT).map(|_| GroupPairs::default()).collect();
        for model in &models {
            all.add(model);
            tasks
                .entry(model.pipeline_tag.as_deref())
                .or_default()
                .add(model);
            // A model tagged both `function_calling` and `function-calling` counts once.
            for index in model.tags.use_indices() {
                uses[index].add(model);
            }
        }

        let all = all.into_group();
        let histogram = Histogram::from_sorted(&all.totals);
        let mut tasks: Vec<(Option<String>, Group)> = tasks
            .into_iter()
            .map(|(name, pairs)| (name.map(str::to_string), pairs.into_group()))
            .collect();
        tasks.sort_by_key(|(name, group)| {
            (
                std::cmp::Reverse(group.totals.len() as u64 + group.unknown.count),
                name.clone(),
            )
        });
        let mut task_tags: Vec<(String, Group)> = uses
            .into_iter()
            .enumerate()
            .filter(|(_, pairs)| !pairs.known.is_empty() || pairs.unknown.count > 0)
            .map(|(index, pairs)| (use_name(index).to_string(), pairs.into_group()))
            .collect();
        task_tags.sort_by(|a, b| a.0.cmp(&b.0));

        Index {
            models: Arc::new(models),
            all,
            tasks,
            task_tags,
            histogram,
            generation: GENERATION.fetch_add(1, Ordering::Relaxed) + 1,
        }
    }

    /// Returns a number that differs between indexes built separately (clones share it), so a
    /// pane can cache what it computes from one index.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// Returns the indexed models behind a shared pointer, for reading off the UI thread.
    pub fn shared_models(&self) -> Arc<Vec<Model>> {
        Arc::clone(&self.models)
    }

    /// Gives the indexed models back, in their order. They are copied only while a
    /// [`Index::shared_models`] pointer is still alive.
    pub fn into_models(self) -> Vec<Model> {
        Arc::try_unwrap(self.models).unwrap_or_else(|shared| shared.as_ref().clone())
    }

    pub fn len(&self) -> usize {
        self.models.len()
    }

    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }

    /// Known parameter counts in ascending order.
    pub fn sorted_totals(&self) -> &[u64] {
        &self.all.totals
    }

    pub fn histogram(&self) -> &Histogram {
        &self.histogram
    }

    /// Splits every model at `threshold`.
    pub fn split(&self, threshold: u64) -> Split {
        self.all.split(threshold)
    }

    /// Splits each pipeline_tag's models at `threshold`, the largest tasks first. Models without a
    /// pipeline_tag form the group named `None`.
    pub fn task_splits(&self, threshold: u64) -> Vec<GroupSplit> {
        self.tasks
            .iter()
            .map(|(name, group)| GroupSplit {
                name: name.clone(),
                split: group.split(threshold),
            })
            .collect()
    }

    /// Splits each pipeline_tag's models at `threshold`, grouped by modality.
    pub fn modality_splits(&self, threshold: u64) -> Vec<ModalitySplit> {
        by_modality(self.task_splits(threshold))
    }

    /// Lists the `limit` most frequent use tags among SLMs and among LLMs at `threshold`. Ties are
    /// broken by tag name so the order is stable.
    pub fn top_tags(&self, threshold: u64, limit: usize) -> TopTags {
        let mut slm = Vec::new();
        let mut llm = Vec::new();
        for (tag, group) in &self.task_tags {
            let split = group.split(threshold);
            if split.slm.count > 0 {
                slm.push(TagCount {
                    tag: tag.clone(),
                    count: split.slm.count,
                });
            }
            if split.llm.count > 0 {
                llm.push(TagCount {
                    tag: tag.clone(),
                    count: split.llm.count,
                });
            }
        }
        for list in [&mut slm, &mut llm] {
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
            list.truncate(limit);
        }
        TopTags { slm, llm }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tag;

    fn model(id: &str, total: Option<u64>, task: &str, downloads: u64) -> Model {
        let mut model = {
            let mut model = Model::minimal(id, total);
            model.pipeline_tag = Some(task.into());
            model.tags = [Tag {
                kind: "tag".to_string(),
                value: task.to_string(),
                relation: None,
            }]
            .into_iter()
            .collect();
            model
        };
        model.set_downloads(Some(downloads));
        model
    }

    #[test]
    fn empty_index_splits_to_zero() {
        let index = Index::build(Vec::new());
        let split = index.split(7_000_000_000);
        assert_eq!(split.all(), ClassTotals::default());
        assert!(index.task_splits(7_000_000_000).is_empty());
        assert_eq!(split.slm_share_of_known(), None);
    }

    #[test]
    fn split_matches_linear_count() {
        let models = vec![
            model("a", Some(100), "x", 1),
            model("b", Some(7), "x", 2),
            model("c", Some(7), "y", 4),
            model("d", None, "y", 8),
            model("e", Some(1_000), "y", 16),
        ];
        let index = Index::build(models.clone());
        for threshold in [1, 7, 8, 100, 101, 5_000] {
            let split = index.split(threshold);
            let slm: Vec<&Model> = models
                .iter()
                .filter(|m| m.params.total().is_some_and(|t| t < threshold))
                .collect();
            assert_eq!(split.slm.count, slm.len() as u64, "threshold {threshold}");
            assert_eq!(
                split.slm.downloads,
                slm.iter().map(|m| m.downloads().unwrap()).sum::<u64>(),
                "threshold {threshold}"
            );
            assert_eq!(split.unknown.count, 1);
            assert_eq!(split.unknown.downloads, 8);
            assert_eq!(split.all().count, 5);
        }
        let tasks = index.task_splits(8);
        assert_eq!(tasks[0].name.as_deref(), Some("y"));
        assert_eq!(tasks[0].split.slm.count, 1);
        assert_eq!(tasks[0].split.llm.count, 1);
        assert_eq!(tasks[0].split.unknown.count, 1);
    }
}
