//! Storing leaderboard results and `model-index` data, linking them to cached Hub models by each
//! rule, and `slmscope import-benchmarks` on fixtures and on the recorded leaderboard files.

mod common;

use std::path::{Path, PathBuf};

use common::{run, stderr, stdout};
use slmscope::cache::{Cache, LinkCounts, OpenMode};
use slmscope::hub::reader::parse_records;
use slmscope::leaderboard::{ReadOptions, parse_leaderboard};
use slmscope::model::{BenchmarkResult, LinkRule, ParamSource, ResultOrigin};

const B: u64 = 1_000_000_000;

fn hub(cache: &mut Cache, json: &str) {
    let records = parse_records(Path::new("hub.json"), json).unwrap();
    cache.import_records("hub.json", &records).unwrap();
}

fn generic(cache: &mut Cache, csv: &str) -> slmscope::cache::BenchmarkImport {
    let file = parse_leaderboard(Path::new("scores.csv"), csv, ReadOptions::default()).unwrap();
    cache.import_leaderboard("scores.csv", &file).unwrap()
}

const HEADER: &str = "model,benchmark,metric,score,params,active_params,date,source\n";

fn result<'a>(results: &'a [BenchmarkResult], model: &str) -> &'a BenchmarkResult {
    results
        .iter()
        .find(|r| r.model == model)
        .unwrap_or_else(|| panic!("no result for {model}"))
}

/// Cached models for the linking rules: an exact id, a second copy of a repository name under
/// another owner with fewer downloads, and a model whose size no Hub source gives.
const MODELS: &str = r#"[
    {"id": "org/exact-1B", "downloads": 10, "safetensors": {"parameters": {"BF16": 1100000000}, "total": 1100000000}},
    {"id": "Qwen/Qwen2.5-Coder-7B-Instruct", "downloads": 900},
    {"id": "someone/Qwen2.5-Coder-7B-Instruct", "downloads": 30},
    {"id": "lab/mystery", "downloads": 5},
    {"id": "PygmalionAI/pygmalion-2-7b", "downloads": 7}
]"#;

#[test]
fn each_rule_links_and_is_counted() {
    let mut cache = Cache::open_in_memory().unwrap();
    hub(&mut cache, MODELS);
    let csv = format!(
        "{HEADER}\
         org/exact-1B,HumanEval,pass@1,30,1B,,2024-01-01,generic\n\
         Qwen2.5 Coder 7B Instruct,HumanEval,pass@1,80,7.6B,,2024-09-01,generic\n\
         ORG/EXACT-1B,MBPP,pass@1,40,,,,generic\n\
         lab/mystery,HumanEval,pass@1,20,3B,,,generic\n\
         PygmalionAI/pygmalion-2.7b,HumanEval,pass@1,5,2.7B,,,generic\n\
         Unknown Model,HumanEval,pass@1,10,,,,generic\n"
    );
    let summary = generic(&mut cache, &csv);
    assert_eq!(
        summary.links,
        LinkCounts {
            id: 2,
            link: 0,
            name: 2,
            unmatched: 2
        }
    );
    assert_eq!(
        summary.sizes_filled, 1,
        "lab/mystery takes the leaderboard size"
    );

    let results = cache.load_benchmarks().unwrap();
    let linked = |model: &str| {
        result(&results, model)
            .linked
            .as_ref()
            .map(|l| (l.id.clone(), l.rule))
    };
    assert_eq!(
        linked("org/exact-1B"),
        Some(("org/exact-1B".to_string(), LinkRule::Id))
    );
    // The most downloaded of two repositories with the same name wins.
    assert_eq!(
        linked("Qwen2.5 Coder 7B Instruct"),
        Some(("Qwen/Qwen2.5-Coder-7B-Instruct".to_string(), LinkRule::Name))
    );
    assert_eq!(
        linked("ORG/EXACT-1B"),
        Some(("org/exact-1B".to_string(), LinkRule::Name))
    );
    // 2.7b and 2-7b are different models; an unknown name stays unlinked with its own size.
    assert_eq!(linked("PygmalionAI/pygmalion-2.7b"), None);
    assert_eq!(result(&results, "Unknown Model").linked, None);
    assert_eq!(result(&results, "Unknown Model").size(), None);

    // A linked result takes the Hub size when the Hub gives one.
    let exact = result(&results, "org/exact-1B");
    assert_eq!(exact.params_total, Some(B));
    assert_eq!(exact.size(), Some(1_100_000_000));

    let models = cache.load_models().unwrap();
    let mystery = models.iter().find(|m| &*m.id == "lab/mystery").unwrap();
    assert_eq!(mystery.params.total(), Some(3 * B));
    assert_eq!(mystery.params.source, ParamSource::Leaderboard);
    let exact = models.iter().find(|m| &*m.id == "org/exact-1B").unwrap();
    assert_eq!(
        exact.params.source,
        ParamSource::Safetensors,
        "a Hub size is never replaced by a leaderboard size"
    );
}

#[test]
fn link_rule_reads_hub_links() {
    let mut cache = Cache::open_in_memory().unwrap();
    hub(&mut cache, MODELS);
    let json = r#"{
        "Exact One": {"link": "https://huggingface.co/org/exact-1B", "pass@1": {"complete": 12.5, "instruct": null}, "size": 1, "act_param": 1, "date": "2024-05-01", "moe": false, "prompted": false, "open-data": "None", "prefill": true},
        "Closed": {"link": "https://example.org/closed", "pass@1": {"complete": 50.0, "instruct": 48.0}, "size": null, "act_param": null, "date": "2024-05-01", "moe": false, "prompted": true, "open-data": "None", "prefill": false}
    }"#;
    let options = ReadOptions {
        bigcodebench_set: Some(slmscope::leaderboard::BigCodeBenchSet::Hard),
    };
    let file = parse_leaderboard(Path::new("bcb.json"), json, options).unwrap();
    let summary = cache.import_leaderboard("bcb.json", &file).unwrap();
    assert_eq!(
        summary.links,
        LinkCounts {
            id: 0,
            link: 1,
            name: 0,
            unmatched: 2
        }
    );
}

#[test]
fn reimporting_replaces_scores_and_folds_duplicates() {
    let mut cache = Cache::open_in_memory().unwrap();
    let first = format!(
        "{HEADER}a/one,ARC,acc,50,7B,,,generic\na/one,ARC,acc,55,7B,,,generic\nb/two,ARC,acc,40,13B,,,generic\n"
    );
    let summary = generic(&mut cache, &first);
    assert_eq!(
        (summary.stored, summary.folded, summary.replaced),
        (2, 1, 0)
    );
    let stored = cache.load_benchmarks().unwrap();
    let leaderboard: Vec<_> = stored
        .iter()
        .filter(|r| r.origin == ResultOrigin::Leaderboard)
        .collect();
    assert_eq!(leaderboard.len(), 2);
    assert_eq!(
        result(&stored, "a/one").score,
        55.0,
        "the best score is kept"
    );

    // A newer export of the same source and benchmark: b/two left it, c/three joined it.
    let second = format!(
        "{HEADER}a/one,ARC,acc,52,7B,,,generic\nc/three,ARC,acc,1,1B,,,generic\na/one,MMLU,acc,3,7B,,,other\n"
    );
    let summary = generic(&mut cache, &second);
    assert_eq!(summary.stored, 3);
    assert_eq!(summary.replaced, 1);
    assert_eq!(summary.removed, 1);
    let stored = cache.load_benchmarks().unwrap();
    let leaderboard: Vec<_> = stored
        .iter()
        .filter(|r| r.origin == ResultOrigin::Leaderboard)
        .map(|r| (r.model.as_str(), r.benchmark.as_str(), r.score))
        .collect();
    assert_eq!(
        leaderboard,
        [
            ("a/one", "ARC", 52.0),
            ("c/three", "ARC", 1.0),
            ("a/one", "MMLU", 3.0)
        ],
        "the file's scores replace every score of its source and benchmark"
    );

    // Another source's scores of the same benchmark are kept.
    let third = format!("{HEADER}d/four,ARC,acc,9,7B,,,elsewhere\n");
    let summary = generic(&mut cache, &third);
    assert_eq!((summary.replaced, summary.removed), (0, 0));
    let arc = cache
        .load_benchmarks()
        .unwrap()
        .iter()
        .filter(|r| r.origin == ResultOrigin::Leaderboard && r.benchmark == "ARC")
        .count();
    assert_eq!(arc, 3);
}

#[test]
fn generic_files_without_source_keep_each_other() {
    let mut cache = Cache::open_in_memory().unwrap();
    for (name, model) in [("paper-a.csv", "a/one"), ("paper-b.csv", "b/two")] {
        let csv = format!("model,benchmark,metric,score\n{model},MedQA,accuracy,50\n");
        let file = parse_leaderboard(Path::new(name), &csv, ReadOptions::default()).unwrap();
        let summary = cache.import_leaderboard(name, &file).unwrap();
        assert_eq!(summary.removed, 0, "{name} removes nothing");
    }
    let sources: Vec<String> = cache
        .load_benchmarks()
        .unwrap()
        .into_iter()
        .filter(|r| r.origin == ResultOrigin::Leaderboard)
        .map(|r| r.source)
        .collect();
    assert_eq!(
        sources,
        ["generic-csv: paper-a.csv", "generic-csv: paper-b.csv"]
    );
}

#[test]
fn leaderboard_size_ignores_import_order() {
    let sized = |first: &str, second: &str| {
        let mut cache = Cache::open_in_memory().unwrap();
        hub(&mut cache, MODELS);
        generic(&mut cache, first);
        generic(&mut cache, second);
        let models = cache.load_models().unwrap();
        models
            .iter()
            .find(|m| &*m.id == "lab/mystery")
            .unwrap()
            .params
            .total()
    };
    let v2 = format!("{HEADER}lab/mystery,IFEval,acc,1,13.96B,,,open-llm-leaderboard-v2\n");
    let rounded = format!("{HEADER}lab/mystery,ARC,acc,1,14B,,,open-llm-leaderboard-v1\n");
    assert_eq!(sized(&v2, &rounded), Some(13_960_000_000));
    assert_eq!(sized(&rounded, &v2), Some(13_960_000_000));
}

#[test]
fn models_imported_later_are_linked() {
    let mut cache = Cache::open_in_memory().unwrap();
    let csv = format!("{HEADER}lab/mystery,GPQA,acc,9,2B,,,generic\n");
    let summary = generic(&mut cache, &csv);
    assert_eq!(summary.links.unmatched, 1);
    hub(&mut cache, MODELS);
    let results = cache.load_benchmarks().unwrap();
    let linked = result(&results, "lab/mystery").linked.as_ref().unwrap();
    assert_eq!(
        (linked.id.as_str(), linked.rule),
        ("lab/mystery", LinkRule::Id)
    );
    let models = cache.load_models().unwrap();
    let mystery = models.iter().find(|m| &*m.id == "lab/mystery").unwrap();
    assert_eq!(mystery.params.total(), Some(2 * B));
    assert_eq!(mystery.params.source, ParamSource::Leaderboard);
}

#[test]
fn model_index_results_are_stored_once_per_model() {
    let record = r#"[{"id": "lab/carded", "model-index": [{"name": "carded", "results": [
        {"dataset": {"name": "HumanEval"}, "metrics": [{"type": "pass@1", "value": 41.5}],
         "source": {"url": "https://example.org/card"}},
        {"dataset": {"name": "MedQA"}, "metrics": [{"name": "accuracy", "value": "60.1"}]}
    ]}]}]"#;
    let mut cache = Cache::open_in_memory().unwrap();
    hub(&mut cache, record);
    hub(&mut cache, record);
    let results: Vec<BenchmarkResult> = cache
        .load_benchmarks()
        .unwrap()
        .into_iter()
        .filter(|r| r.origin == ResultOrigin::ModelIndex)
        .collect();
    assert_eq!(results.len(), 2, "{results:#?}");
    let humaneval = results.iter().find(|r| r.benchmark == "HumanEval").unwrap();
    assert_eq!(humaneval.score, 41.5);
    assert_eq!(humaneval.domain, "code");
    assert_eq!(humaneval.source, "https://example.org/card");
    let linked = humaneval.linked.as_ref().unwrap();
    assert_eq!(
        (linked.id.as_str(), linked.rule),
        ("lab/carded", LinkRule::Id)
    );
    let medqa = results.iter().find(|r| r.benchmark == "MedQA").unwrap();
    assert_eq!((medqa.metric.as_str(), medqa.score), ("accuracy", 60.1));
    assert_eq!(medqa.domain, "medical");
}

fn fixture(work: &Path, name: &str, text: &str) -> PathBuf {
    let path = work.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn cli_reports_rows_links_skips_and_columns() {
    let work = tempfile::tempdir().unwrap();
    let csv = fixture(
        work.path(),
        "scores.csv",
        "model,benchmark,metric,score,params,active_params,date,source,notes\n\
         a/one,HumanEval,pass@1,50,7B,,2024-01-01,generic,x\n\
         ,HumanEval,pass@1,50,7B,,2024-01-01,generic,x\n\
         b/two,HumanEval,pass@1,high,7B,,2024-01-01,generic,x\n",
    );
    let output = run(
        work.path(),
        &["--db", "c.db", "import-benchmarks", csv.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("3 records, 1 score stored (1 new, 0 replaced)"),
        "{text}"
    );
    assert!(text.contains("2 records skipped:"), "{text}");
    assert!(text.contains("line 3: empty model name"), "{text}");
    assert!(
        text.contains("line 4: score: invalid score \"high\""),
        "{text}"
    );
    assert!(text.contains("columns not used: notes"), "{text}");
    assert!(
        text.contains("0 by id, 0 by link, 0 by name; 1 not matched"),
        "{text}"
    );

    // The report names the file behind its benchmarks section.
    let output = run(work.path(), &["--db", "c.db", "report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let leaderboards = &report["provenance"]["leaderboards"];
    assert_eq!(leaderboards.as_array().unwrap().len(), 1, "{leaderboards}");
    assert_eq!(leaderboards[0]["format"], "generic-csv");
    assert_eq!(leaderboards[0]["stored"], 1);
    assert_eq!(leaderboards[0]["skipped"], 2);
    let output = run(work.path(), &["--db", "c.db", "report"]);
    let text = stdout(&output);
    assert!(
        text.contains("scores.csv (generic-csv, 1 score, 2 skipped)"),
        "{text}"
    );
}

#[test]
fn cli_refuses_a_bigcodebench_file_without_its_set() {
    let work = tempfile::tempdir().unwrap();
    let json = r#"{"M": {"link": "https://huggingface.co/o/m", "pass@1": {"complete": 1.0, "instruct": 2.0}, "size": 1, "act_param": 1, "date": "2024-01-01", "moe": false, "prompted": true, "open-data": "None", "prefill": true}}"#;
    let file = fixture(work.path(), "results.json", json);
    let output = run(
        work.path(),
        &["--db", "c.db", "import-benchmarks", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("results.json"), "{message}");
    assert!(
        message.contains("--bigcodebench-set full or --bigcodebench-set hard"),
        "{message}"
    );
    assert!(
        !work.path().join("c.db").exists(),
        "a failed first import leaves no cache"
    );

    let output = run(
        work.path(),
        &[
            "--db",
            "c.db",
            "import-benchmarks",
            "--bigcodebench-set",
            "hard",
            file.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let cache = Cache::open(&work.path().join("c.db"), OpenMode::MustExist).unwrap();
    let benchmarks: Vec<String> = cache
        .load_benchmarks()
        .unwrap()
        .into_iter()
        .filter(|r| r.origin == ResultOrigin::Leaderboard)
        .map(|r| r.benchmark)
        .collect();
    assert_eq!(
        benchmarks,
        ["BigCodeBench-Hard-Complete", "BigCodeBench-Hard-Instruct"]
    );
}

#[test]
fn cli_rejects_a_set_flag_against_the_file_name() {
    let work = tempfile::tempdir().unwrap();
    let json = r#"{"M": {"link": "https://huggingface.co/o/m", "pass@1": {"complete": 1.0, "instruct": 2.0}, "size": 1, "act_param": 1, "date": "2024-01-01", "moe": false, "prompted": true, "open-data": "None", "prefill": true}}"#;
    let file = fixture(work.path(), "bigcodebench-full.json", json);
    let output = run(
        work.path(),
        &[
            "--db",
            "c.db",
            "import-benchmarks",
            "--bigcodebench-set",
            "hard",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("the file name says the full set but --bigcodebench-set says hard"),
        "{message}"
    );
    assert!(!work.path().join("c.db").exists());

    let output = run(
        work.path(),
        &["--db", "c.db", "import-benchmarks", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("a BigCodeBench results.json (full set)"),
        "{text}"
    );
    assert!(
        text.contains("c.db did not exist, so it was created with the scores alone"),
        "{text}"
    );
}

#[test]
fn cli_rejects_a_file_without_any_score() {
    let work = tempfile::tempdir().unwrap();
    let file = fixture(
        work.path(),
        "bad.csv",
        &format!("{HEADER},ARC,acc,1,,,,\nb,ARC,acc,high,,,,\n"),
    );
    let output = run(
        work.path(),
        &["--db", "c.db", "import-benchmarks", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "no score could be read from its 2 records, so nothing was imported; the first was skipped at line 2: empty model name"
        ),
        "{message}"
    );
    assert!(!work.path().join("c.db").exists());
}

#[test]
fn cli_a_file_that_cannot_be_read_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let good = fixture(
        work.path(),
        "good.csv",
        &format!("{HEADER}a/one,ARC,acc,50,7B,,,generic\n"),
    );
    let output = run(
        work.path(),
        &["--db", "c.db", "import-benchmarks", good.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let db = work.path().join("c.db");
    let before = Cache::open(&db, OpenMode::MustExist)
        .unwrap()
        .load_benchmarks()
        .unwrap();

    let truncated = fixture(work.path(), "cut.json", r#"{"M": {"link": "https://hugg"#);
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "--db",
            "c.db",
            "import-benchmarks",
            truncated.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cut.json"), "{message}");
    assert!(message.contains("erreur"), "{message}");
    let after = Cache::open(&db, OpenMode::MustExist)
        .unwrap()
        .load_benchmarks()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn cli_rejected_files_in_french() {
    let work = tempfile::tempdir().unwrap();
    let unknown = fixture(work.path(), "weird.csv", "name,size\nx,1\n");
    let truncated = fixture(work.path(), "cut.json", "{\"a\": {\"pass@1\": \n");
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "--db",
            "c.db",
            "import-benchmarks",
            unknown.to_str().unwrap(),
            truncated.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("format de classement inconnu (en-tête CSV name,size)"),
        "{message}"
    );
    assert!(!message.contains("header"), "{message}");
    assert!(
        message.contains(
            "JSON invalide ligne 2, colonne 0 (fin de fichier inattendue, une valeur était attendue) ;"
        ),
        "{message}"
    );
    assert_eq!(message.matches("ligne 2").count(), 1, "{message}");
}

#[test]
fn cli_truncated_json_position_given_once() {
    let work = tempfile::tempdir().unwrap();
    let truncated = fixture(work.path(), "cut.json", "{\"a\": {\"pass@1\": \n");
    let output = run(
        work.path(),
        &[
            "--db",
            "c.db",
            "import-benchmarks",
            truncated.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("invalid JSON at line 2, column 0 (EOF while parsing a value);"),
        "{message}"
    );
    assert_eq!(message.matches("line 2").count(), 1, "{message}");
}

fn recorded_dir(test: &str, folder: &str) -> Option<PathBuf> {
    let hub = common::recorded_hub_dir(test)?;
    let dir = hub.parent().unwrap().join(folder);
    assert!(dir.is_dir(), "{} is missing", dir.display());
    Some(dir)
}

#[test]
fn recorded_leaderboards_import_and_link() {
    let Some(hub) = common::recorded_hub_dir("recorded_leaderboards_import_and_link") else {
        return;
    };
    let Some(boards) = recorded_dir("recorded_leaderboards_import_and_link", "leaderboards") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["--db".into(), "c.db".into(), "import".into()];
    args.extend(
        common::HUB_FILES
            .iter()
            .map(|f| hub.join(f).display().to_string()),
    );
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(run(work.path(), &refs).status.success());

    let files = [
        "open-llm-leaderboard-v2.csv",
        "open-llm-leaderboard-v1.csv",
        "bigcodebench-full.json",
        "bigcodebench-hard.json",
    ];
    let mut args: Vec<String> = vec!["--db".into(), "c.db".into(), "import-benchmarks".into()];
    args.extend(files.iter().map(|f| boards.join(f).display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(work.path(), &refs);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    // Counts checked by hand against the files: records per file, scores after folding repeated
    // submissions of a model into its best score, and links against the 4,712 cached models.
    for expected in [
        "4,576 records, 31,479 scores stored",
        "7,169 records, 47,677 scores stored",
        "(full set), 202 records, 279 scores stored",
        "(hard set), 202 records, 372 scores stored",
        "2,555 by id, 0 by link, 7 by name",
        "0 by id, 116 by link, 4 by name",
        "4 files: 79,807 scores stored",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    let cache = Cache::open(&work.path().join("c.db"), OpenMode::MustExist).unwrap();
    let results = cache.load_benchmarks().unwrap();
    let from_index = results
        .iter()
        .filter(|r| r.origin == ResultOrigin::ModelIndex)
        .count();
    assert_eq!(
        from_index, 6,
        "the one recorded full record with a model-index has six scores"
    );
    let filled = cache
        .load_models()
        .unwrap()
        .iter()
        .filter(|m| m.params.source == ParamSource::Leaderboard)
        .count();
    assert!(
        filled > 0,
        "some cached models of unknown size take a leaderboard size"
    );

    // A second import of the same files stores nothing twice.
    let again = run(work.path(), &refs);
    assert!(again.status.success());
    assert!(stdout(&again).contains("(0 new, 31,479 replaced)"));
    let cache = Cache::open(&work.path().join("c.db"), OpenMode::MustExist).unwrap();
    assert_eq!(cache.load_benchmarks().unwrap().len(), results.len());
}
