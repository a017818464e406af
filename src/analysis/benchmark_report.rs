//! The `benchmarks` section of `slmscope report`: the verdicts of every benchmark set at each
//! threshold of the report.
//!
//! The report's model filters select Hub models, so they reach a result only through the cached
//! Hub model it is linked to. A result without a linked model is kept whatever the filters, and
//! [`SetReport::unlinked`] counts those results.

use std::collections::HashSet;

use serde::Serialize;

use super::benchmarks::{BenchmarkSet, benchmark_sets};
use super::verdicts::{Entry, Verdicts, verdicts};
use crate::model::BenchmarkResult;

/// Rows of the score-per-billion ranking the report keeps per set and threshold.
pub const PER_BILLION_ROWS: usize = 10;

/// Margin of [`Verdicts::smallest_within_margin`] when `--margin` is not given, in points of
/// the set's score.
pub const DEFAULT_MARGIN: f64 = 5.0;

/// The verdicts of one benchmark set at every threshold of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetReport {
    #[serde(flatten)]
    pub set: BenchmarkSet,
    /// Results the verdicts read: one per model, after the model filters.
    pub models: usize,
    /// Results left out because the Hub model linked to them fails the model filters.
    pub filtered_out: usize,
    /// Results among `models` that no cached Hub model is linked to, so the model filters could
    /// not apply to them.
    pub unlinked: usize,
    /// One entry per threshold, in the report's order, with `per_billion` cut to its first
    /// [`PER_BILLION_ROWS`] rows.
    pub verdicts: Vec<Verdicts>,
}

/// Computes the verdicts of every benchmark set of `results` at each threshold.
///
/// `kept_models` contains the ids of the cached Hub models the report's filters keep, or is
/// `None` when no filter is set. A result linked to a model outside it is left out, and a result
/// without a linked model is always kept. Sets keep their order from [`benchmark_sets`], and a
/// set whose results are all left out is still listed, with no model.
pub fn benchmark_report(
    results: &[BenchmarkResult],
    thresholds: &[u64],
    margin: f64,
    kept_models: Option<&HashSet<String>>,
) -> Vec<SetReport> {
    benchmark_sets(results)
        .into_iter()
        .map(|set| {
            let mut kept: Vec<&BenchmarkResult> = Vec::with_capacity(set.rows.len());
            let mut filtered_out = 0;
            for result in set.rows.iter().map(|&index| &results[index]) {
                let passes = match (&result.linked, kept_models) {
                    (Some(linked), Some(ids)) => ids.contains(linked.id.as_str()),
                    _ => true,
                };
                if passes {
                    kept.push(result);
                } else {
                    filtered_out += 1;
                }
            }
            let unlinked = kept.iter().filter(|result| result.linked.is_none()).count();
            let entries: Vec<Entry> = kept.iter().map(|&result| Entry::from(result)).collect();
            let verdicts = thresholds
                .iter()
                .map(|&threshold| {
                    let mut verdicts = verdicts(&entries, threshold, margin);
                    verdicts.per_billion.truncate(PER_BILLION_ROWS);
                    verdicts
                })
                .collect();
            SetReport {
                set,
                models: entries.len(),
                filtered_out,
                unlinked,
                verdicts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkRule, LinkedModel, ParamCount, ParamSource, ResultOrigin};

    const B: u64 = 1_000_000_000;

    fn result(model: &str, benchmark: &str, params: u64, score: f64) -> BenchmarkResult {
        BenchmarkResult {
            model: model.to_string(),
            hub_id: None,
            benchmark: benchmark.to_string(),
            domain: crate::leaderboard::domain_of(benchmark).to_string(),
            metric: "pass@1".to_string(),
            score,
            params_total: Some(params),
            params_active: None,
            date: None,
            source: "test".to_string(),
            origin: ResultOrigin::Leaderboard,
            link: None,
            model_type: None,
            linked: None,
        }
    }

    fn linked(mut result: BenchmarkResult, id: &str) -> BenchmarkResult {
        result.linked = Some(LinkedModel {
            id: id.to_string(),
            rule: LinkRule::Id,
            params: ParamCount::new(result.params_total, None, ParamSource::Safetensors, false),
        });
        result
    }

    #[test]
    fn one_verdict_per_threshold_in_order() {
        let results = vec![
            result("tiny", "HumanEval", B, 40.0),
            result("mid", "HumanEval", 7 * B, 60.0),
            result("big", "HumanEval", 70 * B, 75.0),
        ];
        let report = benchmark_report(&results, &[7 * B, B], 5.0, None);
        assert_eq!(report.len(), 1);
        let set = &report[0];
        assert_eq!(set.models, 3);
        assert_eq!(set.filtered_out, 0);
        assert_eq!(set.unlinked, 3);
        let thresholds: Vec<u64> = set.verdicts.iter().map(|v| v.threshold).collect();
        assert_eq!(thresholds, [7 * B, B]);
        assert_eq!(set.verdicts[0].best_slm.as_ref().unwrap().model, "tiny");
        // At 1B, tiny (exactly 1B) is an LLM and there is no SLM.
        assert_eq!(set.verdicts[1].best_slm, None);
        assert_eq!(set.verdicts[1].margin, 5.0);
    }

    #[test]
    fn per_billion_keeps_ten_rows() {
        let results: Vec<BenchmarkResult> = (1..=12)
            .map(|i| result(&format!("m{i:02}"), "MBPP", i * B, 50.0))
            .collect();
        let report = benchmark_report(&results, &[7 * B], 5.0, None);
        let verdicts = &report[0].verdicts[0];
        assert_eq!(verdicts.per_billion.len(), PER_BILLION_ROWS);
        assert_eq!(verdicts.per_billion[0].entry.model, "m01");
        assert_eq!(
            verdicts.frontier.len(),
            1,
            "every larger model only ties m01"
        );
        assert_eq!(verdicts.scored, 12);
    }

    #[test]
    fn filters_reach_only_linked_results() {
        let results = vec![
            linked(result("kept", "HumanEval", B, 40.0), "o/kept"),
            linked(result("dropped", "HumanEval", 2 * B, 90.0), "o/dropped"),
            result("unlinked", "HumanEval", 70 * B, 75.0),
        ];
        let kept_models = HashSet::from(["o/kept".to_string()]);
        let report = benchmark_report(&results, &[7 * B], 5.0, Some(&kept_models));
        let set = &report[0];
        assert_eq!(set.models, 2);
        assert_eq!(set.filtered_out, 1);
        assert_eq!(set.unlinked, 1);
        let verdicts = &set.verdicts[0];
        assert_eq!(verdicts.best_slm.as_ref().unwrap().model, "kept");
        assert_eq!(verdicts.best_llm.as_ref().unwrap().model, "unlinked");

        let unfiltered = benchmark_report(&results, &[7 * B], 5.0, None);
        assert_eq!(unfiltered[0].models, 3);
        assert_eq!(
            unfiltered[0].verdicts[0].best_slm.as_ref().unwrap().model,
            "dropped"
        );
    }

    #[test]
    fn set_with_every_result_filtered_stays_listed() {
        let results = vec![linked(result("gone", "MedQA", B, 40.0), "o/gone")];
        let report = benchmark_report(&results, &[7 * B], 5.0, Some(&HashSet::new()));
        assert_eq!(report.len(), 1);
        assert_eq!(report[0].models, 0);
        assert_eq!(report[0].filtered_out, 1);
        assert_eq!(report[0].verdicts[0].scored, 0);
    }

    #[test]
    fn no_results_give_no_sets() {
        assert!(benchmark_report(&[], &[7 * B], 5.0, None).is_empty());
    }

    #[test]
    fn serialises_the_set_beside_its_verdicts() {
        let results = vec![result("tiny", "HumanEval", B, 40.0)];
        let report = benchmark_report(&results, &[7 * B], 5.0, None);
        let json = serde_json::to_value(&report[0]).unwrap();
        assert_eq!(json["benchmark"], "HumanEval");
        assert_eq!(json["metric"], "pass@1");
        assert_eq!(json["domain"], "code");
        assert_eq!(json["duplicates"], 0);
        assert_eq!(json["models"], 1);
        assert!(json.get("rows").is_none(), "indices stay internal");
        assert_eq!(json["verdicts"][0]["best_slm"]["model"], "tiny");
    }
}
