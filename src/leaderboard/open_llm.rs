//! Open LLM Leaderboard CSV exports: v1 (2023-07 to 2024-06, `params_b`) and v2 (final state,
//! `metadata_params_billions`). Each file has one record per model with several benchmark
//! columns, and each score becomes one row.

use super::csv_table::CsvTable;
use super::{
    LeaderboardError, LeaderboardFile, LeaderboardFormat, LeaderboardRow, Location, ModelType,
    ReadReport, SkipReason, hub_id_from_link, hub_id_from_name, non_empty, params_from_billions,
};

/// Score columns of a v2 export with the benchmark names the leaderboard displays. The v2
/// leaderboard displays the `*_normalized_score` columns (0 to 100), not the raw `*_value`
/// fractions.
const V2_SCORES: [(&str, &str); 7] = [
    ("evaluations_ifeval_normalized_score", "IFEval"),
    ("evaluations_bbh_normalized_score", "BBH"),
    ("evaluations_math_normalized_score", "MATH Lvl 5"),
    ("evaluations_gpqa_normalized_score", "GPQA"),
    ("evaluations_musr_normalized_score", "MUSR"),
    ("evaluations_mmlu_pro_normalized_score", "MMLU-PRO"),
    ("model_average_score", "Open LLM Leaderboard v2 average"),
];
const V2_METRIC: &str = "normalized score (%)";

const V2_KNOWN: [&str; 40] = [
    "id",
    "model_name",
    "model_sha",
    "model_precision",
    "model_type",
    "model_weight_type",
    "model_architecture",
    "model_average_score",
    "model_has_chat_template",
    "evaluations_ifeval_name",
    "evaluations_ifeval_value",
    "evaluations_ifeval_normalized_score",
    "evaluations_bbh_name",
    "evaluations_bbh_value",
    "evaluations_bbh_normalized_score",
    "evaluations_math_name",
    "evaluations_math_value",
    "evaluations_math_normalized_score",
    "evaluations_gpqa_name",
    "evaluations_gpqa_value",
    "evaluations_gpqa_normalized_score",
    "evaluations_musr_name",
    "evaluations_musr_value",
    "evaluations_musr_normalized_score",
    "evaluations_mmlu_pro_name",
    "evaluations_mmlu_pro_value",
    "evaluations_mmlu_pro_normalized_score",
    "features_is_not_available_on_hub",
    "features_is_merged",
    "features_is_moe",
    "features_is_flagged",
    "features_is_official_provider",
    "metadata_upload_date",
    "metadata_submission_date",
    "metadata_generation",
    "metadata_base_model",
    "metadata_hub_license",
    "metadata_hub_hearts",
    "metadata_params_billions",
    "metadata_co2_cost",
];

/// Score columns of a v1 export, which displays each benchmark's score in percent.
const V1_SCORES: [(&str, &str); 7] = [
    ("arc", "ARC"),
    ("hellaswag", "HellaSwag"),
    ("mmlu", "MMLU"),
    ("truthfulqa", "TruthfulQA"),
    ("winogrande", "Winogrande"),
    ("gsm8k", "GSM8K"),
    ("average", "Open LLM Leaderboard v1 average"),
];
const V1_METRIC: &str = "score (%)";

const V1_KNOWN: [&str; 24] = [
    "t",
    "model",
    "average",
    "arc",
    "hellaswag",
    "mmlu",
    "truthfulqa",
    "winogrande",
    "gsm8k",
    "type",
    "architecture",
    "weight_type",
    "precision",
    "merged",
    "hub_license",
    "params_b",
    "hub_hearts",
    "available_on_the_hub",
    "model_sha",
    "flagged",
    "moe",
    "date",
    "fullname",
    "url",
];

/// Column names of one Open LLM Leaderboard version.
struct Columns {
    format: LeaderboardFormat,
    model: &'static str,
    /// Column preferred over `model` when present and not empty.
    full_name: Option<&'static str>,
    params: &'static str,
    scores: &'static [(&'static str, &'static str)],
    metric: &'static str,
    model_type: &'static str,
    /// v2 only. v1's `moe` column is not used because it contradicts the models: it is TRUE
    /// for 6,606 of 7,169 records, dense ones such as mistralai/Mistral-7B-v0.1 included.
    moe_flag: Option<&'static str>,
    date: &'static str,
    link: Option<&'static str>,
    known: &'static [&'static str],
}

pub(super) fn parse_v2(table: CsvTable) -> Result<LeaderboardFile, LeaderboardError> {
    parse(
        table,
        &Columns {
            format: LeaderboardFormat::OpenLlmV2,
            model: "model_name",
            full_name: None,
            params: "metadata_params_billions",
            scores: &V2_SCORES,
            metric: V2_METRIC,
            model_type: "model_type",
            moe_flag: Some("features_is_moe"),
            date: "metadata_submission_date",
            link: None,
            known: &V2_KNOWN,
        },
    )
}

pub(super) fn parse_v1(table: CsvTable) -> Result<LeaderboardFile, LeaderboardError> {
    parse(
        table,
        &Columns {
            format: LeaderboardFormat::OpenLlmV1,
            model: "model",
            full_name: Some("fullname"),
            params: "params_b",
            scores: &V1_SCORES,
            metric: V1_METRIC,
            model_type: "type",
            moe_flag: None,
            date: "date",
            link: Some("url"),
            known: &V1_KNOWN,
        },
    )
}

fn parse(table: CsvTable, columns: &Columns) -> Result<LeaderboardFile, LeaderboardError> {
    let mut required = vec![columns.model, columns.params];
    required.extend(columns.scores.iter().map(|(column, _)| *column));
    let required_indices = table.require(columns.format, &required)?;
    let (model_index, params_index) = (required_indices[0], required_indices[1]);
    let score_indices = &required_indices[2..];
    let optional = |name: Option<&str>| name.and_then(|name| table.index(name));
    let full_name_index = optional(columns.full_name);
    let type_index = optional(Some(columns.model_type));
    let moe_index = optional(columns.moe_flag);
    let date_index = optional(Some(columns.date));
    let link_index = optional(columns.link);

    let mut report = ReadReport::default();
    table.report_unknown_columns(columns.known, &mut report);
    let mut rows = Vec::new();
    let field = |record: &csv::StringRecord, index: Option<usize>| {
        index
            .and_then(|index| record.get(index))
            .and_then(non_empty)
    };

    let records = table.read_records(&mut report, |line, record, report| {
        let location = || Location::Line(line);
        let Some(model) =
            field(record, full_name_index).or_else(|| field(record, Some(model_index)))
        else {
            report.skip(location(), SkipReason::MissingModel);
            return;
        };
        let size = record[params_index].trim();
        let params_total = match parse_billions(size) {
            Ok(params) => params,
            Err(()) => {
                let reason = SkipReason::InvalidSize {
                    field: columns.params.to_string(),
                    value: size.to_string(),
                };
                report.skip(location(), reason);
                return;
            }
        };
        let is_moe = field(record, moe_index).is_some_and(|flag| flag.eq_ignore_ascii_case("true"));
        let model_type = if is_moe {
            Some(ModelType::Moe)
        } else {
            field(record, type_index).map(|words| model_type_from_words(&words))
        };
        let link = field(record, link_index);
        let hub_id = hub_id_from_name(&model)
            .or_else(|| single_segment_repo(&model))
            .or_else(|| link.as_deref().and_then(hub_id_from_link));
        let date = field(record, date_index);

        for ((column, benchmark), &index) in columns.scores.iter().zip(score_indices) {
            let Some(score) = parse_score(column, &record[index], line, report) else {
                continue;
            };
            rows.push(LeaderboardRow {
                model: model.clone(),
                hub_id: hub_id.clone(),
                link: link.clone(),
                benchmark: benchmark.to_string(),
                metric: columns.metric.to_string(),
                score,
                params_total,
                params_active: None,
                model_type,
                date: date.clone(),
                source: columns.format.id().to_string(),
            });
        }
    })?;

    Ok(LeaderboardFile {
        format: columns.format,
        records,
        rows,
        report,
    })
}

/// Parses a size in billions; empty, 0 and -1 mean unknown.
fn parse_billions(value: &str) -> Result<Option<u64>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    let billions: f64 = value.parse().map_err(|_| ())?;
    params_from_billions(billions)
}

/// Parses one score cell. An empty cell means "not evaluated" and is left out silently; a cell
/// that is not a finite number is reported.
fn parse_score(column: &str, value: &str, line: u64, report: &mut ReadReport) -> Option<f64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<f64>() {
        Ok(score) if score.is_finite() => Some(score),
        _ => {
            let reason = SkipReason::InvalidScore {
                field: column.to_string(),
                value: value.to_string(),
            };
            report.skip(Location::Line(line), reason);
            None
        }
    }
}

/// Hub ids without an owner, such as `gpt2`, which the leaderboards list under that name.
fn single_segment_repo(name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    valid.then(|| name.to_string())
}

/// Maps the leaderboards' model type, written `🔶 fine-tuned on domain-specific datasets` in
/// v1 and `fine-tunedondomain-specificdatasets` in v2, by its letters alone.
pub(super) fn model_type_from_words(words: &str) -> ModelType {
    let letters: String = words
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match letters.as_str() {
        "pretrained" => ModelType::Pretrained,
        "continuouslypretrained" => ModelType::ContinuouslyPretrained,
        "multimodal" => ModelType::Multimodal,
        "basemergesandmoerges" => ModelType::Merged,
        _ if letters.starts_with("finetuned") => ModelType::FineTuned,
        _ if letters.starts_with("chat") || letters.starts_with("instructiontuned") => {
            ModelType::Chat
        }
        _ => ModelType::Other,
    }
}
