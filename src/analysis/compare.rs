//! The A/B comparison of two thresholds: which models of known size change class between them,
//! how many downloads they carry, and in which tasks they sit.

use serde::Serialize;

use super::index::{ClassTotals, Index, Split};
use super::threshold::format_params;

/// Two thresholds compared. Models with `lo <= total < hi` are SLMs under `hi` and LLMs under
/// `lo`, so they change class. Every other model keeps its class, and models of unknown size
/// are never in a class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Threshold A, in parameters, as given.
    pub a: u64,
    /// Threshold B, in parameters, as given.
    pub b: u64,
    /// A and B as model cards write them (`7B`).
    pub a_label: String,
    pub b_label: String,
    /// The smaller of A and B.
    pub lo: u64,
    /// The larger of A and B.
    pub hi: u64,
    /// The models that change class and the sum of their 30-day downloads.
    pub moved: ClassTotals,
    /// The split of every model at A.
    pub at_a: Split,
    /// The split of every model at B.
    pub at_b: Split,
    /// Every pipeline_tag with at least one model of known size, the tasks with the most
    /// changing models first.
    pub tasks: Vec<TaskMove>,
    /// Every model that changes class, the most downloaded first.
    pub models: Vec<MovedModel>,
}

/// The models of one pipeline_tag that change class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskMove {
    /// `None` for models without a pipeline_tag.
    pub pipeline_tag: Option<String>,
    /// The task's changing models and their 30-day downloads.
    pub moved: ClassTotals,
    /// The task's models of known size.
    pub known: u64,
    /// `moved.count` over `known`.
    pub share_of_known: f64,
}

/// One model that changes class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedModel {
    /// The model's position in [`Index::models`].
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    /// The parameter count, always known for a model that changes class.
    pub params_total: u64,
    pub pipeline_tag: Option<String>,
    /// 30-day downloads; `None` when the Hub gave none (summed as 0).
    pub downloads: Option<u64>,
}

impl Comparison {
    /// Returns true when moving from A to B turns LLMs into SLMs (B above A).
    pub fn raises(&self) -> bool {
        self.b > self.a
    }
}

/// Compares thresholds `a` and `b`, in any order. The counts cost one binary search per task;
/// the model list is one pass over the models.
pub fn compare(index: &Index, a: u64, b: u64) -> Comparison {
    let mut comparison = compare_counts(index, a, b);
    comparison.models = moved_models(index, comparison.lo, comparison.hi);
    comparison
}

/// Compares thresholds `a` and `b` as [`compare`] does, with `models` left empty: one binary
/// search per task. [`super::class_changes::ClassChanges`] lists the models without a rescan.
pub fn compare_counts(index: &Index, a: u64, b: u64) -> Comparison {
    let (lo, hi) = (a.min(b), a.max(b));
    let at_lo = index.split(lo);
    let at_hi = index.split(hi);
    let moved = ClassTotals {
        count: at_hi.slm.count - at_lo.slm.count,
        downloads: at_hi.slm.downloads - at_lo.slm.downloads,
    };
    let (at_a, at_b) = if a <= b {
        (at_lo, at_hi)
    } else {
        (at_hi, at_lo)
    };

    Comparison {
        a,
        b,
        a_label: format_params(a),
        b_label: format_params(b),
        lo,
        hi,
        moved,
        at_a,
        at_b,
        tasks: task_moves(index, lo, hi),
        models: Vec::new(),
    }
}

/// Computes the changing models of every task that has models of known size: the most changing
/// models first, then the largest share, then by name.
fn task_moves(index: &Index, lo: u64, hi: u64) -> Vec<TaskMove> {
    let at_lo = index.task_splits(lo);
    let at_hi = index.task_splits(hi);
    let mut tasks: Vec<TaskMove> = at_lo
        .into_iter()
        .zip(at_hi)
        .filter_map(|(low, high)| {
            let known = high.split.slm.count + high.split.llm.count;
            if known == 0 {
                return None;
            }
            let count = high.split.slm.count - low.split.slm.count;
            Some(TaskMove {
                pipeline_tag: high.name,
                moved: ClassTotals {
                    count,
                    downloads: high.split.slm.downloads - low.split.slm.downloads,
                },
                known,
                share_of_known: count as f64 / known as f64,
            })
        })
        .collect();
    tasks.sort_by(|x, y| {
        y.moved
            .count
            .cmp(&x.moved.count)
            .then_with(|| y.share_of_known.total_cmp(&x.share_of_known))
            .then_with(|| x.pipeline_tag.cmp(&y.pipeline_tag))
    });
    tasks
}

/// Lists the models with `lo <= total < hi`, the most downloaded first, unknown downloads last,
/// ties by id.
fn moved_models(index: &Index, lo: u64, hi: u64) -> Vec<MovedModel> {
    let mut models: Vec<MovedModel> = index
        .models()
        .iter()
        .enumerate()
        .filter_map(|(position, model)| {
            let total = model
                .params
                .total()
                .filter(|&total| lo <= total && total < hi)?;
            Some(MovedModel {
                index: position,
                id: model.id.to_string(),
                params_total: total,
                pipeline_tag: model.pipeline_tag.as_deref().map(str::to_string),
                downloads: model.downloads(),
            })
        })
        .collect();
    models.sort_by(|x, y| {
        let rank = |model: &MovedModel| std::cmp::Reverse(model.downloads);
        rank(x).cmp(&rank(y)).then_with(|| x.id.cmp(&y.id))
    });
    models
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Model;

    const B: u64 = 1_000_000_000;

    fn model(id: &str, total: Option<u64>, task: Option<&str>, downloads: Option<u64>) -> Model {
        let mut model = Model::minimal(id, total);
        model.pipeline_tag = task.map(Into::into);
        model.set_downloads(downloads);
        model
    }

    /// Seven models: 3B, 7B, 8B, 13B, 14B, 70B and one of unknown size.
    fn fixture() -> Index {
        let text = Some("text-generation");
        Index::build(vec![
            model("a/three", Some(3 * B), text, Some(100)),
            model("a/seven", Some(7 * B), text, Some(10)),
            model("b/eight", Some(8 * B), Some("fill-mask"), Some(1_000)),
            model("b/thirteen", Some(13 * B), None, None),
            model("c/fourteen", Some(14 * B), text, Some(5)),
            model("c/seventy", Some(70 * B), text, Some(7)),
            model("d/mystery", None, text, Some(50_000)),
        ])
    }

    #[test]
    fn raising_7b_to_14b_by_hand() {
        let comparison = compare(&fixture(), 7 * B, 14 * B);
        // 7B, 8B and 13B: LLMs at 7B, SLMs at 14B. 14B itself stays an LLM.
        assert_eq!(comparison.moved.count, 3);
        assert_eq!(comparison.moved.downloads, 1_010);
        assert_eq!(
            (comparison.at_a.slm.count, comparison.at_a.llm.count),
            (1, 5)
        );
        assert_eq!(
            (comparison.at_b.slm.count, comparison.at_b.llm.count),
            (4, 2)
        );
        assert_eq!(comparison.at_a.unknown.count, 1);
        assert!(comparison.raises());
        assert_eq!(comparison.a_label, "7B");
        assert_eq!(comparison.b_label, "14B");

        let ids: Vec<&str> = comparison.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["b/eight", "a/seven", "b/thirteen"]);
        assert_eq!(comparison.models[0].params_total, 8 * B);
        assert_eq!(comparison.models[2].downloads, None);
        assert_eq!(
            comparison.models[0].pipeline_tag.as_deref(),
            Some("fill-mask")
        );
    }

    #[test]
    fn tasks_sorted_by_changing_models() {
        let comparison = compare(&fixture(), 7 * B, 14 * B);
        let tasks: Vec<(Option<&str>, u64, u64)> = comparison
            .tasks
            .iter()
            .map(|task| (task.pipeline_tag.as_deref(), task.moved.count, task.known))
            .collect();
        // Each task moves one model: fill-mask and (none) move all of theirs, text-generation
        // one of its four known sizes.
        assert_eq!(
            tasks,
            [
                (None, 1, 1),
                (Some("fill-mask"), 1, 1),
                (Some("text-generation"), 1, 4),
            ]
        );
        assert_eq!(comparison.tasks[2].share_of_known, 0.25);
        assert_eq!(comparison.tasks[2].moved.downloads, 10);
    }

    #[test]
    fn order_of_a_and_b_only_flips_direction() {
        let index = fixture();
        let up = compare(&index, 7 * B, 14 * B);
        let down = compare(&index, 14 * B, 7 * B);
        assert_eq!(up.moved, down.moved);
        assert_eq!(up.models, down.models);
        assert_eq!(up.tasks, down.tasks);
        assert_eq!(up.at_a, down.at_b);
        assert_eq!((down.lo, down.hi), (7 * B, 14 * B));
        assert!(!down.raises());
    }

    #[test]
    fn same_threshold_moves_nothing() {
        let comparison = compare(&fixture(), 8 * B, 8 * B);
        assert_eq!(comparison.moved, ClassTotals::default());
        assert!(comparison.models.is_empty());
        assert!(comparison.tasks.iter().all(|task| task.moved.count == 0));
    }

    #[test]
    fn empty_index_moves_nothing() {
        let comparison = compare(&Index::build(Vec::new()), 7 * B, 14 * B);
        assert_eq!(comparison.moved.count, 0);
        assert!(comparison.tasks.is_empty());
        assert!(comparison.models.is_empty());
    }

    fn arbitrary_model() -> impl Strategy<Value = (Option<u64>, u8, Option<u64>)> {
        (
            proptest::option::weighted(0.8, 1u64..200),
            0u8..3,
            proptest::option::weighted(0.9, 0u64..1_000),
        )
    }

    proptest! {
        #[test]
        fn counts_match_a_linear_scan(
            specs in proptest::collection::vec(arbitrary_model(), 0..40),
            a in 1u64..210,
            b in 1u64..210,
        ) {
            let tasks = ["x", "y", "z"];
            let models: Vec<Model> = specs
                .iter()
                .enumerate()
                .map(|(i, (total, task, downloads))| {
                    model(&format!("m/{i}"), *total, Some(tasks[*task as usize]), *downloads)
                })
                .collect();
            let comparison = compare(&Index::build(models.clone()), a, b);
            let (lo, hi) = (a.min(b), a.max(b));
            let changing: Vec<&Model> = models
                .iter()
                .filter(|m| m.params.total().is_some_and(|t| lo <= t && t < hi))
                .collect();

            prop_assert_eq!(comparison.moved.count, changing.len() as u64);
            prop_assert_eq!(
                comparison.moved.downloads,
                changing.iter().map(|m| m.downloads().unwrap_or(0)).sum::<u64>()
            );
            prop_assert_eq!(comparison.models.len(), changing.len());
            let slm_at = |threshold: u64| {
                models.iter().filter(|m| m.params.total().is_some_and(|t| t < threshold)).count() as u64
            };
            prop_assert_eq!(comparison.at_a.slm.count, slm_at(a));
            prop_assert_eq!(comparison.at_b.slm.count, slm_at(b));
            for task in &comparison.tasks {
                let name = task.pipeline_tag.as_deref();
                let in_task = |m: &&&Model| m.pipeline_tag.as_deref() == name;
                prop_assert_eq!(task.moved.count, changing.iter().filter(in_task).count() as u64);
            }
            let sum: u64 = comparison.tasks.iter().map(|task| task.moved.count).sum();
            prop_assert_eq!(sum, comparison.moved.count);
            for pair in comparison.models.windows(2) {
                prop_assert!(std::cmp::Reverse(pair[0].downloads) <= std::cmp::Reverse(pair[1].downloads));
            }
        }
    }
}
