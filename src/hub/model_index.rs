//! Evaluation results in a record's `model-index`: the model card's structured list of scores.
//!
//! The shape is `[{name, results: [{task, dataset: {name, type}, metrics: [{type, value, name}],
//! source: {url, name}}]}]`. Cards are written by hand, so every level may be missing or of
//! another type: what cannot be read as a named benchmark with a finite score is left out.

use serde_json::Value;

/// Results kept from one card at most, so a hostile card cannot fill the cache.
pub const MAX_RESULTS: usize = 500;

/// Characters kept of a benchmark, metric or source name.
const MAX_NAME: usize = 200;

/// One score read from a `model-index`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexResult {
    /// The dataset's name, else its type: `IFEval (0-Shot)`, `openai_humaneval`.
    pub benchmark: String,
    /// The metric's name, else its type: `strict accuracy`, `pass@1`.
    pub metric: String,
    pub score: f64,
    /// The source's URL, else its name, else `model-index`.
    pub source: String,
}

/// Reads every result of a `model-index` value, in card order, without duplicates of the same
/// benchmark and metric (the first one wins).
pub fn index_results(model_index: &Value) -> Vec<IndexResult> {
    let mut results: Vec<IndexResult> = Vec::new();
    let entries = model_index.as_array().map(Vec::as_slice).unwrap_or(&[]);
    let evaluations = entries
        .iter()
        .filter_map(|entry| entry.get("results")?.as_array())
        .flatten();
    for evaluation in evaluations {
        let Some(benchmark) = name_of(evaluation.get("dataset")) else {
            continue;
        };
        let source = evaluation
            .get("source")
            .and_then(|source| text(source.get("url")).or_else(|| text(source.get("name"))))
            .unwrap_or_else(|| "model-index".to_string());
        let metrics = evaluation.get("metrics").and_then(Value::as_array);
        for metric in metrics.map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(name), Some(score)) = (name_of(Some(metric)), score(metric.get("value")))
            else {
                continue;
            };
            let duplicate = results
                .iter()
                .any(|known| known.benchmark == benchmark && known.metric == name);
            if !duplicate {
                results.push(IndexResult {
                    benchmark: benchmark.clone(),
                    metric: name,
                    score,
                    source: source.clone(),
                });
            }
            if results.len() == MAX_RESULTS {
                return results;
            }
        }
    }
    results
}

/// Returns the `name` of an object, else its `type`.
fn name_of(object: Option<&Value>) -> Option<String> {
    let object = object?;
    text(object.get("name")).or_else(|| text(object.get("type")))
}

/// Returns a non-empty string, trimmed and cut to [`MAX_NAME`] characters.
fn text(value: Option<&Value>) -> Option<String> {
    let trimmed = value?.as_str()?.trim();
    (!trimmed.is_empty()).then(|| trimmed.chars().take(MAX_NAME).collect())
}

/// Returns a finite number, given as a number or as a numeric string.
fn score(value: Option<&Value>) -> Option<f64> {
    let number = match value? {
        Value::Number(number) => number.as_f64()?,
        Value::String(text) => text.trim().trim_end_matches('%').trim().parse().ok()?,
        _ => return None,
    };
    number.is_finite().then_some(number)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_open_llm_leaderboard_results() {
        let value = json!([{
            "name": "oxy-1-small",
            "results": [
                {
                    "task": {"type": "text-generation"},
                    "dataset": {"name": "IFEval (0-Shot)", "type": "HuggingFaceH4/ifeval"},
                    "metrics": [{"type": "inst_level_strict_acc", "value": 62.45, "name": "strict accuracy"}],
                    "source": {"url": "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard", "name": "Open LLM Leaderboard"}
                },
                {
                    "dataset": {"type": "openai_humaneval"},
                    "metrics": [{"type": "pass@1", "value": "48.2%"}]
                }
            ]
        }]);
        let results = index_results(&value);
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].benchmark, "IFEval (0-Shot)");
        assert_eq!(results[0].metric, "strict accuracy");
        assert_eq!(results[0].score, 62.45);
        assert!(
            results[0]
                .source
                .starts_with("https://huggingface.co/spaces/")
        );
        assert_eq!(results[1].benchmark, "openai_humaneval");
        assert_eq!(results[1].metric, "pass@1");
        assert_eq!(results[1].score, 48.2);
        assert_eq!(results[1].source, "model-index");
    }

    #[test]
    fn unreadable_parts_are_left_out() {
        let value = json!([
            "not an object",
            {"results": "not a list"},
            {"results": [
                {"metrics": [{"type": "acc", "value": 1.0}]},
                {"dataset": {"name": "  "}, "metrics": [{"type": "acc", "value": 1.0}]},
                {"dataset": {"name": "ARC"}, "metrics": [
                    {"type": "acc", "value": null},
                    {"type": "acc", "value": "n/a"},
                    {"type": "acc_norm", "value": [1]},
                    {"value": 3.0},
                    {"type": "acc", "value": 55.5},
                    {"type": "acc", "value": 99.0}
                ]}
            ]}
        ]);
        let results = index_results(&value);
        assert_eq!(results.len(), 1, "{results:?}");
        assert_eq!(
            results[0].score, 55.5,
            "the first score of a benchmark and metric wins"
        );
        assert!(index_results(&json!({"results": []})).is_empty());
        assert!(index_results(&json!(null)).is_empty());
    }

    #[test]
    fn a_huge_card_is_capped() {
        let metrics: Vec<Value> = (0..2 * MAX_RESULTS)
            .map(|i| json!({"type": format!("m{i}"), "value": i}))
            .collect();
        let value = json!([{"results": [{"dataset": {"name": "D"}, "metrics": metrics}]}]);
        assert_eq!(index_results(&value).len(), MAX_RESULTS);
        let long = "x".repeat(10_000);
        let value = json!([{"results": [{"dataset": {"name": long}, "metrics": [{"type": "a", "value": 1}]}]}]);
        assert_eq!(index_results(&value)[0].benchmark.chars().count(), MAX_NAME);
    }
}
