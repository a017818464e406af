//! `results.json` of the BigCodeBench and EvalPlus leaderboards: one JSON object whose keys are
//! model display names, each entry holding a `link`, a `size` in billions (null for closed
//! models) and a `pass@1` object of scores in percent.
//!
//! BigCodeBench scores are `complete` and `instruct`; entries also carry `moe`, `act_param`
//! (active parameters, billions) and `date`. EvalPlus scores are `humaneval`, `humaneval+`,
//! `mbpp` and `mbpp+`, as in the leaderboard's own file (github.com/evalplus/evalplus.github.io,
//! `results.json`).

use std::path::Path;

use serde_json::{Map, Value};

use super::{
    FoundShape, LeaderboardError, LeaderboardFile, LeaderboardFormat, LeaderboardRow, Location,
    ModelType, ReadReport, SkipReason, hub_id_from_link, non_empty, params_from_billions,
};

const METRIC: &str = "pass@1 (%)";

const BIGCODEBENCH_SCORES: [(&str, &str); 2] = [
    ("complete", "BigCodeBench-Complete"),
    ("instruct", "BigCodeBench-Instruct"),
];
const EVALPLUS_SCORES: [(&str, &str); 4] = [
    ("humaneval", "HumanEval"),
    ("humaneval+", "HumanEval+"),
    ("mbpp", "MBPP"),
    ("mbpp+", "MBPP+"),
];

const BIGCODEBENCH_KNOWN: [&str; 9] = [
    "link",
    "open-data",
    "pass@1",
    "prompted",
    "moe",
    "size",
    "act_param",
    "date",
    "prefill",
];
const EVALPLUS_KNOWN: [&str; 5] = ["link", "open-data", "pass@1", "prompted", "size"];

/// BigCodeBench set of a file. The file itself does not state it, because the full and hard
/// `results.json` have the same shape and the same models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BigCodeBenchSet {
    Full,
    Hard,
}

pub(super) fn parse(
    path: &Path,
    text: &str,
    set: Option<BigCodeBenchSet>,
) -> Result<LeaderboardFile, LeaderboardError> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| LeaderboardError::JsonSyntax {
            path: path.to_path_buf(),
            line: error.line(),
            column: error.column(),
            detail: error.to_string(),
        })?;
    let unknown = |found: FoundShape| LeaderboardError::UnknownFormat {
        path: path.to_path_buf(),
        found,
    };
    let Value::Object(entries) = value else {
        return Err(unknown(FoundShape::JsonValue(
            crate::hub::reader::json_kind(&value),
        )));
    };
    let Some(format) = detect(&entries) else {
        return Err(unknown(FoundShape::JsonWithoutScores));
    };

    let (scores, known): (Vec<(&str, String)>, &[&str]) = match format {
        LeaderboardFormat::BigCodeBench => (
            BIGCODEBENCH_SCORES
                .iter()
                .map(|(key, benchmark)| (*key, bigcodebench_name(benchmark, set)))
                .collect(),
            &BIGCODEBENCH_KNOWN,
        ),
        _ => (
            EVALPLUS_SCORES
                .iter()
                .map(|(key, benchmark)| (*key, benchmark.to_string()))
                .collect(),
            &EVALPLUS_KNOWN,
        ),
    };

    let mut report = ReadReport::default();
    let mut rows = Vec::new();
    for (key, entry) in &entries {
        let location = || Location::Key(key.clone());
        match read_entry(key, entry, format, &scores, known, &mut report) {
            Ok(entry_rows) => rows.extend(entry_rows),
            Err(reason) => report.skip(location(), reason),
        }
    }

    Ok(LeaderboardFile {
        format,
        records: entries.len(),
        rows,
        report,
    })
}

/// Names a BigCodeBench benchmark with its set: `BigCodeBench-Hard-Complete`. Without a set
/// the name stays `BigCodeBench-Complete`, which matches neither set's name, so full and hard
/// scores of unstated files are never mixed with stated ones.
fn bigcodebench_name(benchmark: &str, set: Option<BigCodeBenchSet>) -> String {
    let split = benchmark.trim_start_matches("BigCodeBench-");
    match set {
        Some(BigCodeBenchSet::Full) => format!("BigCodeBench-Full-{split}"),
        Some(BigCodeBenchSet::Hard) => format!("BigCodeBench-Hard-{split}"),
        None => benchmark.to_string(),
    }
}

/// Picks the format from the score names of the entries.
fn detect(entries: &Map<String, Value>) -> Option<LeaderboardFormat> {
    let score_keys = entries
        .values()
        .filter_map(|entry| entry.get("pass@1")?.as_object())
        .flat_map(|scores| scores.keys());
    let mut format = None;
    for key in score_keys {
        if BIGCODEBENCH_SCORES.iter().any(|(known, _)| known == key) {
            return Some(LeaderboardFormat::BigCodeBench);
        }
        if EVALPLUS_SCORES.iter().any(|(known, _)| known == key) {
            format = Some(LeaderboardFormat::EvalPlus);
        }
    }
    format
}

fn read_entry(
    key: &str,
    entry: &Value,
    format: LeaderboardFormat,
    scores: &[(&str, String)],
    known: &[&str],
    report: &mut ReadReport,
) -> Result<Vec<LeaderboardRow>, SkipReason> {
    let invalid = |detail: &str| SkipReason::InvalidEntry {
        detail: detail.to_string(),
    };
    let model = non_empty(key).ok_or(SkipReason::MissingModel)?;
    let entry = entry
        .as_object()
        .ok_or_else(|| invalid("not a JSON object"))?;
    for field in entry.keys() {
        if !known.contains(&field.as_str()) {
            report.unknown_column(field);
        }
    }
    let pass_at_1 = entry
        .get("pass@1")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("no pass@1 object"))?;

    let link = optional_string(entry, "link")?;
    let date = optional_string(entry, "date")?;
    let params_total = size(entry, "size")?;
    let params_active = size(entry, "act_param")?;
    let model_type = model_type(entry);
    let hub_id = link.as_deref().and_then(hub_id_from_link);

    for score_key in pass_at_1.keys() {
        if !scores.iter().any(|(known, _)| known == score_key) {
            report.unknown_column(&format!("pass@1.{score_key}"));
        }
    }
    let mut rows = Vec::new();
    for (score_key, benchmark) in scores {
        let score = match pass_at_1.get(*score_key) {
            None | Some(Value::Null) => continue,
            Some(value) => match value.as_f64().filter(|score| score.is_finite()) {
                Some(score) => score,
                None => {
                    let reason = SkipReason::InvalidScore {
                        field: format!("pass@1.{score_key}"),
                        value: value.to_string(),
                    };
                    report.skip(Location::Key(key.to_string()), reason);
                    continue;
                }
            },
        };
        rows.push(LeaderboardRow {
            model: model.clone(),
            hub_id: hub_id.clone(),
            link: link.clone(),
            benchmark: benchmark.clone(),
            metric: METRIC.to_string(),
            score,
            params_total,
            params_active,
            model_type,
            date: date.clone(),
            source: format.id().to_string(),
        });
    }
    Ok(rows)
}

fn optional_string(entry: &Map<String, Value>, field: &str) -> Result<Option<String>, SkipReason> {
    match entry.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(non_empty(text)),
        Some(other) => Err(SkipReason::InvalidEntry {
            detail: format!(
                "{field} is {}, expected a string",
                crate::hub::reader::json_kind(other)
            ),
        }),
    }
}

/// Reads a size in billions; null, absent, 0 and -1 mean unknown.
fn size(entry: &Map<String, Value>, field: &str) -> Result<Option<u64>, SkipReason> {
    let invalid = |value: &Value| SkipReason::InvalidSize {
        field: field.to_string(),
        value: value.to_string(),
    };
    match entry.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            let billions = value.as_f64().ok_or_else(|| invalid(value))?;
            params_from_billions(billions).map_err(|()| invalid(value))
        }
    }
}

/// Maps the entry's flags. `moe: true` is a mixture of experts. `prompted: true` is mapped to
/// Chat because BigCodeBench sets it for instruction-tuned models such as
/// Qwen2.5-Coder-7B-Instruct. `prompted: false` gives no type, since it does not tell a base
/// model from a fine-tuned one.
fn model_type(entry: &Map<String, Value>) -> Option<ModelType> {
    if entry.get("moe").and_then(Value::as_bool) == Some(true) {
        Some(ModelType::Moe)
    } else if entry.get("prompted").and_then(Value::as_bool) == Some(true) {
        Some(ModelType::Chat)
    } else {
        None
    }
}
