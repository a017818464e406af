//! Benchmark sets: the stored results grouped by benchmark and metric, one result per model, and
//! the filters the Benchmarks pane and the report apply before computing verdicts.
//!
//! A set contains the results of one benchmark measured with one metric, so scores in a set can be
//! compared. The same model can be scored twice in a set, by the reference set and a leaderboard
//! or by two submissions: the set keeps the best score, since leaderboards rank a model by its
//! best submission, and counts the others in [`BenchmarkSet::duplicates`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use super::verdicts::Entry;
use crate::leaderboard::DOMAINS;
use crate::model::{BenchmarkResult, ModelType};

/// The results of one benchmark with one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkSet {
    pub benchmark: String,
    pub metric: String,
    /// Task family: `code`, `medical`, `nli` or `general`.
    pub domain: String,
    /// Indices into the results, one per model, in stored order.
    #[serde(skip)]
    pub rows: Vec<usize>,
    /// Results left out because the same model has a better (or equal, earlier) score here.
    pub duplicates: usize,
}

impl BenchmarkSet {
    /// A label naming the set, such as `HumanEval · pass@1 (%)`.
    pub fn label(&self) -> String {
        format!("{} · {}", self.benchmark, self.metric)
    }
}

/// Groups results into sets, ordered by domain (code, medical, nli, general, then any other),
/// then by benchmark name without case, then by metric.
pub fn benchmark_sets(results: &[BenchmarkResult]) -> Vec<BenchmarkSet> {
    let mut positions: HashMap<(&str, &str), usize> = HashMap::new();
    let mut sets: Vec<BenchmarkSet> = Vec::new();
    let mut best: Vec<HashMap<String, usize>> = Vec::new();
    for (index, result) in results.iter().enumerate() {
        let key = (result.benchmark.as_str(), result.metric.as_str());
        let position = *positions.entry(key).or_insert_with(|| {
            sets.push(BenchmarkSet {
                benchmark: result.benchmark.clone(),
                metric: result.metric.clone(),
                domain: result.domain.clone(),
                rows: Vec::new(),
                duplicates: 0,
            });
            best.push(HashMap::new());
            sets.len() - 1
        });
        let set = &mut sets[position];
        match best[position].get(&model_key(result)) {
            Some(&kept) => {
                set.duplicates += 1;
                if result
                    .score
                    .total_cmp(&results[set.rows[kept]].score)
                    .is_gt()
                {
                    set.rows[kept] = index;
                }
            }
            None => {
                best[position].insert(model_key(result), set.rows.len());
                set.rows.push(index);
            }
        }
    }
    for set in &mut sets {
        set.rows.sort_unstable();
    }
    let domain_rank = |domain: &str| {
        DOMAINS
            .iter()
            .position(|known| *known == domain)
            .unwrap_or(DOMAINS.len())
    };
    sets.sort_by(|a, b| {
        domain_rank(&a.domain)
            .cmp(&domain_rank(&b.domain))
            .then_with(|| a.domain.cmp(&b.domain))
            .then_with(|| a.benchmark.to_lowercase().cmp(&b.benchmark.to_lowercase()))
            .then_with(|| a.benchmark.cmp(&b.benchmark))
            .then_with(|| a.metric.cmp(&b.metric))
    });
    sets
}

/// Returns the identity of a result's model: the linked Hub model, else the Hub id the source names,
/// else the name without case.
fn model_key(result: &BenchmarkResult) -> String {
    match (&result.linked, &result.hub_id) {
        (Some(linked), _) => linked.id.to_lowercase(),
        (None, Some(hub_id)) => hub_id.to_lowercase(),
        (None, None) => result.model.to_lowercase(),
    }
}

/// The ids of the cached Hub models that the model filters keep. Two sets are equal only when
/// they are the same allocation, so comparing filters stays cheap; a filter change builds a new
/// set.
#[derive(Clone)]
pub struct KeptModels(Arc<HashSet<String>>);

impl KeptModels {
    pub fn new(ids: HashSet<String>) -> KeptModels {
        KeptModels(Arc::new(ids))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

impl PartialEq for KeptModels {
    fn eq(&self, other: &KeptModels) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for KeptModels {}

impl std::fmt::Debug for KeptModels {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "KeptModels({} ids)", self.0.len())
    }
}

/// Restrictions on the results of a set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ResultFilter {
    /// Keep only results of this model type; results of unknown type are left out.
    pub model_type: Option<ModelType>,
    /// Keep only results dated this year or later; undated results are left out.
    pub since_year: Option<i32>,
    /// The Hub models the model filters keep, `None` without model filters. A result linked to
    /// another model is left out; a result linked to no model is kept, since no filter can
    /// judge it.
    #[serde(skip)]
    pub kept_models: Option<KeptModels>,
}

impl ResultFilter {
    /// True when neither the model type nor the date restricts the results. The model filters
    /// are not counted: the Benchmarks tab shows them with every other tab's.
    pub fn is_empty(&self) -> bool {
        self.model_type.is_none() && self.since_year.is_none()
    }

    pub fn admits(&self, result: &BenchmarkResult) -> bool {
        if let (Some(kept), Some(linked)) = (&self.kept_models, &result.linked) {
            if !kept.contains(&linked.id) {
                return false;
            }
        }
        let type_ok = self
            .model_type
            .is_none_or(|wanted| result.model_type == Some(wanted));
        let date_ok = self
            .since_year
            .is_none_or(|year| result_year(result).is_some_and(|found| found >= year));
        type_ok && date_ok
    }
}

/// Returns the year of a result's date (`2024` of `2024-05-05T12:22:44Z`), when it has one.
pub fn result_year(result: &BenchmarkResult) -> Option<i32> {
    let date = result.date.as_deref()?;
    let year = date.get(..4)?;
    year.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| year.parse().ok())
        .flatten()
}

/// Returns the rows of a set that pass the filter, each with its verdict entry.
pub fn entries(
    results: &[BenchmarkResult],
    set: &BenchmarkSet,
    filter: &ResultFilter,
) -> (Vec<usize>, Vec<Entry>) {
    set.rows
        .iter()
        .copied()
        .filter(|&index| filter.admits(&results[index]))
        .map(|index| (index, Entry::from(&results[index])))
        .unzip()
}

/// Lists the model types present among the results, in [`ModelType::ALL`] order.
pub fn model_types(results: &[BenchmarkResult]) -> Vec<ModelType> {
    ModelType::ALL
        .into_iter()
        .filter(|kind| results.iter().any(|r| r.model_type == Some(*kind)))
        .collect()
}

/// Lists the distinct years of the results' dates, oldest first.
pub fn result_years(results: &[BenchmarkResult]) -> Vec<i32> {
    let mut years: Vec<i32> = results.iter().filter_map(result_year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkRule, LinkedModel, ParamCount, ParamSource, ResultOrigin};

    fn result(model: &str, benchmark: &str, metric: &str, score: f64) -> BenchmarkResult {
        BenchmarkResult {
            model: model.to_string(),
            hub_id: None,
            benchmark: benchmark.to_string(),
            domain: crate::leaderboard::domain_of(benchmark).to_string(),
            metric: metric.to_string(),
            score,
            params_total: Some(7_000_000_000),
            params_active: None,
            date: None,
            source: "test".to_string(),
            origin: ResultOrigin::Leaderboard,
            link: None,
            model_type: None,
            linked: None,
        }
    }

    #[test]
    fn sets_group_by_benchmark_and_metric_in_domain_order() {
        let results = vec![
            result("a", "IFEval", "acc", 50.0),
            result("a", "HumanEval", "pass@1", 30.0),
            result("b", "HumanEval", "pass@1", 40.0),
            result("a", "HumanEval", "pass@10", 60.0),
            result("a", "MedQA", "accuracy", 55.0),
        ];
        let sets = benchmark_sets(&results);
        let labels: Vec<String> = sets.iter().map(BenchmarkSet::label).collect();
        assert_eq!(
            labels,
            [
                "HumanEval · pass@1",
                "HumanEval · pass@10",
                "MedQA · accuracy",
                "IFEval · acc"
            ]
        );
        assert_eq!(sets[0].rows, [1, 2]);
        assert_eq!(sets[3].domain, "general");
    }

    #[test]
    fn a_model_scored_twice_keeps_its_best_score() {
        let mut linked = result("Llama 3 8B", "HumanEval", "pass@1", 62.0);
        linked.linked = Some(LinkedModel {
            id: "meta-llama/Meta-Llama-3-8B".to_string(),
            rule: LinkRule::Name,
            params: ParamCount::new(Some(8_030_000_000), None, ParamSource::Safetensors, false),
        });
        let mut by_id = result("meta-llama/meta-llama-3-8b", "HumanEval", "pass@1", 60.0);
        by_id.hub_id = Some("meta-llama/meta-llama-3-8b".to_string());
        let results = vec![
            by_id,
            result("other", "HumanEval", "pass@1", 10.0),
            linked,
            result("OTHER", "HumanEval", "pass@1", 5.0),
        ];
        let sets = benchmark_sets(&results);
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].rows, [1, 2]);
        assert_eq!(sets[0].duplicates, 2);
    }

    #[test]
    fn filters_keep_the_type_and_years_asked_for() {
        let mut chat = result("a", "BBH", "acc", 1.0);
        chat.model_type = Some(ModelType::Chat);
        chat.date = Some("2024-05-05T12:22:44Z".to_string());
        let mut old = result("b", "BBH", "acc", 2.0);
        old.model_type = Some(ModelType::Pretrained);
        old.date = Some("2023-01".to_string());
        let undated = result("c", "BBH", "acc", 3.0);
        let results = vec![chat, old, undated];
        let sets = benchmark_sets(&results);

        let all = entries(&results, &sets[0], &ResultFilter::default());
        assert_eq!(all.0, [0, 1, 2]);
        let chats = ResultFilter {
            model_type: Some(ModelType::Chat),
            ..ResultFilter::default()
        };
        assert_eq!(entries(&results, &sets[0], &chats).0, [0]);
        let recent = ResultFilter {
            since_year: Some(2024),
            ..ResultFilter::default()
        };
        assert_eq!(entries(&results, &sets[0], &recent).0, [0]);
        assert_eq!(
            model_types(&results),
            [ModelType::Pretrained, ModelType::Chat]
        );
        assert_eq!(result_years(&results), [2023, 2024]);
    }

    #[test]
    fn model_filters_reach_linked_results_only() {
        let mut kept = result("kept", "BBH", "acc", 1.0);
        let mut dropped = result("dropped", "BBH", "acc", 2.0);
        for (linked, id) in [(&mut kept, "o/kept"), (&mut dropped, "o/dropped")] {
            linked.linked = Some(LinkedModel {
                id: id.to_string(),
                rule: LinkRule::Id,
                params: ParamCount::UNKNOWN,
            });
        }
        let unlinked = result("unlinked", "BBH", "acc", 3.0);
        let results = vec![kept, dropped, unlinked];
        let sets = benchmark_sets(&results);
        let filter = ResultFilter {
            kept_models: Some(KeptModels::new(HashSet::from(["o/kept".to_string()]))),
            ..ResultFilter::default()
        };
        assert_eq!(entries(&results, &sets[0], &filter).0, [0, 2]);
        let rebuilt = KeptModels::new(HashSet::from(["o/kept".to_string()]));
        assert_ne!(
            filter.kept_models,
            Some(rebuilt),
            "a rebuilt set is a new filter"
        );
        assert_eq!(filter.clone(), filter);
    }

    #[test]
    fn entries_use_the_linked_hub_size() {
        let mut linked = result("x", "HumanEval", "pass@1", 1.0);
        linked.params_total = Some(1_000_000_000);
        linked.linked = Some(LinkedModel {
            id: "o/x".to_string(),
            rule: LinkRule::Id,
            params: ParamCount::new(Some(1_500_000_000), None, ParamSource::Safetensors, false),
        });
        let mut unsized_link = result("y", "HumanEval", "pass@1", 1.0);
        unsized_link.linked = Some(LinkedModel {
            id: "o/y".to_string(),
            rule: LinkRule::Id,
            params: ParamCount::UNKNOWN,
        });
        let mut dense = result("z", "HumanEval", "pass@1", 1.0);
        dense.params_total = Some(32_000_000_000);
        dense.params_active = Some(32_000_000_000);
        let mut moe = result("w", "HumanEval", "pass@1", 1.0);
        moe.params_total = Some(30_000_000_000);
        moe.params_active = Some(3_000_000_000);
        for linked_result in [&mut dense, &mut moe] {
            linked_result.linked = Some(LinkedModel {
                id: format!("o/{}", linked_result.model),
                rule: LinkRule::Id,
                params: ParamCount::new(
                    Some(32_800_000_000),
                    None,
                    ParamSource::Safetensors,
                    false,
                ),
            });
        }
        let results = vec![linked, unsized_link, dense, moe];
        let sets = benchmark_sets(&results);
        let (_, entries) = entries(&results, &sets[0], &ResultFilter::default());
        assert_eq!(entries[0].params_total, Some(1_500_000_000));
        assert_eq!(entries[1].params_total, Some(7_000_000_000));
        assert_eq!(entries[2].params_total, Some(32_800_000_000));
        assert_eq!(
            entries[2].params_active, None,
            "a dense model's active count equal to its total is not kept beside the Hub total"
        );
        assert_eq!(entries[3].params_active, Some(3_000_000_000));
    }
}
