//! The leaderboard readers on the recorded real files, and on fixture files read from disk.

mod common;

use std::path::{Path, PathBuf};

use slmscope::leaderboard::{
    BigCodeBenchSet, LeaderboardError, LeaderboardFile, LeaderboardFormat, LeaderboardRow,
    ModelType, ReadOptions, read_leaderboard, read_leaderboard_with,
};

const LEADERBOARD_FILES: [&str; 4] = [
    "open-llm-leaderboard-v2.csv",
    "open-llm-leaderboard-v1.csv",
    "bigcodebench-full.json",
    "bigcodebench-hard.json",
];

/// Returns the recorded leaderboard folder, or `None` after printing why when the data variable
/// is unset. Panics when the variable is set but a file is missing, so CI cannot skip silently.
fn recorded_leaderboards(test: &str) -> Option<PathBuf> {
    let Some(root) = std::env::var_os(common::DATA_VAR) else {
        eprintln!(
            "skipped {test}: {} is not set, so the recorded leaderboard files are not available",
            common::DATA_VAR
        );
        return None;
    };
    let dir = PathBuf::from(root).join("leaderboards");
    for file in LEADERBOARD_FILES {
        assert!(
            dir.join(file).is_file(),
            "{} is set but {} is missing",
            common::DATA_VAR,
            dir.join(file).display()
        );
    }
    Some(dir)
}

fn row<'a>(file: &'a LeaderboardFile, model: &str, benchmark: &str) -> &'a LeaderboardRow {
    file.rows
        .iter()
        .find(|row| row.model == model && row.benchmark == benchmark)
        .unwrap_or_else(|| panic!("no {benchmark} row for {model}"))
}

#[test]
fn open_llm_v2_real_file() {
    let Some(dir) = recorded_leaderboards("open_llm_v2_real_file") else {
        return;
    };
    let file = read_leaderboard(&dir.join("open-llm-leaderboard-v2.csv")).unwrap();

    assert_eq!(file.format, LeaderboardFormat::OpenLlmV2);
    assert_eq!(file.records, 4_576);
    // Every record has all six benchmark scores and the average.
    assert_eq!(file.rows.len(), 4_576 * 7);
    assert_eq!(file.report.skipped, vec![]);
    assert_eq!(file.report.unknown_columns, Vec::<String>::new());

    let ifeval = row(&file, "Qwen/Qwen2.5-7B-Instruct", "IFEval");
    assert!((ifeval.score - 75.85251576927).abs() < 1e-9);
    assert_eq!(ifeval.metric, "normalized score (%)");
    assert_eq!(ifeval.params_total, Some(7_616_000_000));
    assert_eq!(ifeval.hub_id.as_deref(), Some("Qwen/Qwen2.5-7B-Instruct"));
    assert_eq!(ifeval.model_type, Some(ModelType::Chat));
    assert_eq!(ifeval.date.as_deref(), Some("2024-09-18"));
    assert_eq!(ifeval.source, "open-llm-leaderboard-v2");
    let average = row(
        &file,
        "Qwen/Qwen2.5-7B-Instruct",
        "Open LLM Leaderboard v2 average",
    );
    assert!((average.score - 35.200108659948).abs() < 1e-9);

    // -1 and 0 sizes are unknown.
    assert_eq!(
        row(&file, "Corianas/llama-3-reactor", "BBH").params_total,
        None
    );
    assert_eq!(
        row(&file, "DeepMount00/Llama-3.1-8b-Ita", "BBH").params_total,
        None
    );
    let unknown_sizes = file
        .rows
        .iter()
        .filter(|row| row.benchmark == "BBH" && row.params_total.is_none())
        .count();
    assert_eq!(unknown_sizes, 10);
    let moe_records = file
        .rows
        .iter()
        .filter(|row| row.benchmark == "BBH" && row.model_type == Some(ModelType::Moe))
        .count();
    assert_eq!(moe_records, 76);
}

#[test]
fn open_llm_v1_real_file() {
    let Some(dir) = recorded_leaderboards("open_llm_v1_real_file") else {
        return;
    };
    let file = read_leaderboard(&dir.join("open-llm-leaderboard-v1.csv")).unwrap();

    assert_eq!(file.format, LeaderboardFormat::OpenLlmV1);
    assert_eq!(file.records, 7_169);
    assert_eq!(file.rows.len(), 7_169 * 7);
    assert_eq!(file.report.skipped, vec![]);
    assert_eq!(file.report.unknown_columns, Vec::<String>::new());

    let arc = row(&file, "mistralai/Mistral-7B-v0.1", "ARC");
    assert_eq!(arc.score, 59.98);
    assert_eq!(arc.metric, "score (%)");
    assert_eq!(arc.params_total, Some(7_000_000_000));
    assert_eq!(arc.model_type, Some(ModelType::Pretrained));
    assert_eq!(
        arc.link.as_deref(),
        Some("https://huggingface.co/mistralai/Mistral-7B-v0.1")
    );
    assert_eq!(arc.date.as_deref(), Some("2023-10-16T12:54:17Z"));
    assert_eq!(
        row(&file, "mistralai/Mistral-7B-v0.1", "GSM8K").score,
        37.83
    );

    let unknown_sizes = file
        .rows
        .iter()
        .filter(|row| row.benchmark == "ARC" && row.params_total.is_none())
        .count();
    assert_eq!(unknown_sizes, 624);
    let untyped = file
        .rows
        .iter()
        .filter(|row| row.benchmark == "ARC" && row.model_type.is_none())
        .count();
    assert_eq!(untyped, 175);
}

#[test]
fn bigcodebench_real_files() {
    let Some(dir) = recorded_leaderboards("bigcodebench_real_files") else {
        return;
    };
    let full = read_leaderboard(&dir.join("bigcodebench-full.json")).unwrap();
    let hard = read_leaderboard_with(
        &dir.join("bigcodebench-hard.json"),
        ReadOptions {
            bigcodebench_set: Some(BigCodeBenchSet::Hard),
        },
    )
    .unwrap();

    assert_eq!(full.format, LeaderboardFormat::BigCodeBench);
    assert_eq!(full.records, 202);
    assert_eq!(hard.records, 202);
    // Null scores are models not evaluated on that split.
    assert_eq!(full.rows.len(), 279);
    assert_eq!(hard.rows.len(), 372);
    assert_eq!(full.report.skipped, vec![]);
    assert_eq!(full.report.unknown_columns, Vec::<String>::new());
    assert_eq!(hard.report.skipped, vec![]);

    let complete = row(&full, "Magicoder-S-DS-6.7B", "BigCodeBench-Complete");
    assert_eq!(complete.score, 47.6);
    assert_eq!(complete.metric, "pass@1 (%)");
    assert_eq!(complete.params_total, Some(6_700_000_000));
    assert_eq!(
        complete.hub_id.as_deref(),
        Some("ise-uiuc/Magicoder-S-DS-6.7B")
    );
    assert_eq!(complete.source, "bigcodebench");
    assert_eq!(
        row(&full, "Magicoder-S-DS-6.7B", "BigCodeBench-Instruct").score,
        36.2
    );
    assert_eq!(
        row(&hard, "Magicoder-S-DS-6.7B", "BigCodeBench-Hard-Complete").score,
        12.8
    );

    let moe = row(
        &hard,
        "DeepSeek-Coder-V2-Lite-Instruct",
        "BigCodeBench-Hard-Instruct",
    );
    assert_eq!(moe.score, 16.2);
    assert_eq!(moe.params_total, Some(16_000_000_000));
    assert_eq!(moe.params_active, Some(2_400_000_000));
    assert_eq!(moe.model_type, Some(ModelType::Moe));
    assert_eq!(moe.date.as_deref(), Some("2024-06-17"));

    let closed = row(&full, "GPT-4o-2024-05-13", "BigCodeBench-Complete");
    assert_eq!(closed.params_total, None);
    assert_eq!(closed.hub_id, None);
    assert_eq!(
        closed.link.as_deref(),
        Some("https://openai.com/index/hello-gpt-4o/")
    );
    let hub_models = full
        .rows
        .iter()
        .filter(|row| row.benchmark == "BigCodeBench-Complete" && row.hub_id.is_some())
        .count();
    assert!(hub_models > 100, "only {hub_models} Hub models");
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn format_from_content_not_name() {
    let dir = tempfile::tempdir().unwrap();
    // A generic CSV named like an Open LLM Leaderboard file, and a JSON file named `.csv`.
    let generic = write(
        dir.path(),
        "open-llm-leaderboard-v2.csv",
        b"model,benchmark,metric,score\nowner/m,GSM8K,accuracy (%),50\n",
    );
    let json = write(
        dir.path(),
        "results.csv",
        br#"{"M": {"link": null, "pass@1": {"humaneval+": 40.0}, "size": 7}}"#,
    );

    assert_eq!(
        read_leaderboard(&generic).unwrap().format,
        LeaderboardFormat::Generic
    );
    assert_eq!(
        read_leaderboard(&json).unwrap().format,
        LeaderboardFormat::EvalPlus
    );
}

#[test]
fn unreadable_files_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let latin1 = write(
        dir.path(),
        "latin1.csv",
        b"model,benchmark,metric,score\nmod\xe8le,A,m,1\n",
    );
    let empty = write(dir.path(), "empty.csv", b"  \n");

    let error = read_leaderboard(&missing).unwrap_err();
    assert!(matches!(error, LeaderboardError::Io { .. }));
    assert!(error.to_string().contains("missing.csv"));
    let error = read_leaderboard(&latin1).unwrap_err();
    assert!(matches!(
        error,
        LeaderboardError::NotUtf8 { offset: 32, .. }
    ));
    let error = read_leaderboard(&empty).unwrap_err();
    assert!(matches!(error, LeaderboardError::Empty { .. }));
    assert!(error.to_string().contains("empty.csv"));
}
