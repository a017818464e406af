//! `slmscope report` and `slmscope models` on small fixtures and on the recorded snapshot.

mod common;

use std::fs;
use std::path::Path;

use common::{import_recorded, recorded_hub_dir, run, stderr, stdout};
use serde_json::Value;

/// Four models of known size (100M, 1.5B, 7B, 70B) and one of unknown size.
fn fixture(work: &Path) {
    let file = work.join("fixture.json");
    fs::write(
        &file,
        r#"[
        {"id":"a/tiny","pipeline_tag":"text-generation","downloads":10,"tags":["conversational","en"],
         "safetensors":{"parameters":{"F32":100000000},"total":100000000}},
        {"id":"a/small","pipeline_tag":"text-generation","downloads":20,"tags":["code"],
         "safetensors":{"parameters":{"BF16":1500000000},"total":1500000000}},
        {"id":"b/seven","pipeline_tag":"text-generation","downloads":30,"tags":["code"],
         "safetensors":{"parameters":{"BF16":7000000000},"total":7000000000}},
        {"id":"b/huge","pipeline_tag":"text-classification","downloads":40,
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}},
        {"id":"c/mystery","downloads":100}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn report_json(work: &Path, args: &[&str]) -> Value {
    let mut all = vec!["report", "--db", "c.db", "--format", "json"];
    all.extend_from_slice(args);
    let output = run(work, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("report JSON parses")
}

#[test]
fn split_at_7b_counts_by_hand() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "7B"]);
    assert_eq!(report["models"], 5);
    assert_eq!(report["known"], 4);
    assert_eq!(report["unknown"], 1);
    let entry = &report["thresholds"][0];
    assert_eq!(entry["threshold"], 7_000_000_000u64);
    // 7B itself is an LLM: the class boundary is "at least the threshold".
    assert_eq!(entry["slm"]["count"], 2);
    assert_eq!(entry["slm"]["downloads"], 30);
    assert_eq!(entry["llm"]["count"], 2);
    assert_eq!(entry["llm"]["downloads"], 70);
    assert_eq!(entry["unknown"]["count"], 1);
    assert_eq!(entry["unknown"]["downloads"], 100);
    assert_eq!(entry["slm"]["model_share"], 0.4);
    assert_eq!(entry["unknown"]["download_share"], 0.5);
    assert_eq!(entry["slm_share_of_known"], 0.5);
    let imports = report["provenance"]["imports"].as_array().unwrap();
    assert_eq!(imports.len(), 1);
    assert!(
        imports[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("fixture.json")
    );
    assert_eq!(imports[0]["records"], 5);
    assert!(report["provenance"]["syncs"].as_array().unwrap().is_empty());
}

#[test]
fn tasks_and_tags_follow_threshold() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "1B", "--threshold", "100B"]);
    let at_1b = &report["thresholds"][0];
    let generation = &at_1b["tasks"][0];
    assert_eq!(generation["pipeline_tag"], "text-generation");
    assert_eq!(generation["slm"]["count"], 1);
    assert_eq!(generation["llm"]["count"], 2);
    let none = at_1b["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|task| task["pipeline_tag"].is_null())
        .expect("models without pipeline_tag form their own group");
    assert_eq!(none["unknown"]["count"], 1);
    assert_eq!(at_1b["top_tags"]["llm"][0]["tag"], "code");
    assert_eq!(at_1b["top_tags"]["llm"][0]["count"], 2);

    let at_100b = &report["thresholds"][1];
    assert_eq!(at_100b["llm"]["count"], 0);
    assert_eq!(at_100b["top_tags"]["slm"][0]["tag"], "code");
    assert!(
        at_100b["top_tags"]["slm"]
            .as_array()
            .unwrap()
            .iter()
            .all(|tag| tag["tag"] != "en"),
        "languages are not task tags"
    );
}

#[test]
fn modalities_sum_their_tasks() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "7B"]);
    let entry = &report["thresholds"][0];
    let modalities = entry["modalities"].as_array().unwrap();
    let names: Vec<&str> = modalities
        .iter()
        .map(|group| group["modality"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["text", "other"], "other comes last");
    // text-generation (100M, 1.5B, 7B) and text-classification (70B).
    assert_eq!(modalities[0]["slm"]["count"], 2);
    assert_eq!(modalities[0]["llm"]["count"], 2);
    assert_eq!(modalities[0]["slm_share_of_known"], 0.5);
    assert_eq!(modalities[1]["unknown"]["count"], 1);
    assert!(modalities[1]["slm_share_of_known"].is_null());
    let generation = &entry["tasks"][0];
    assert_eq!(generation["modality"], "text");
    let share = generation["slm_share_of_known"].as_f64().unwrap();
    assert!((share - 2.0 / 3.0).abs() < 1e-9, "{share}");
}

#[test]
fn repeated_threshold_gives_one_section() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(
        work.path(),
        &[
            "--threshold",
            "7B",
            "--threshold",
            "7000000000",
            "--threshold",
            "1B",
        ],
    );
    let labels: Vec<&str> = report["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["7B", "1B"], "the given order, each size once");
}

#[test]
fn default_thresholds_1b_7b_14b() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &[]);
    let thresholds: Vec<u64> = report["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["threshold"].as_u64().unwrap())
        .collect();
    assert_eq!(
        thresholds,
        vec![1_000_000_000, 7_000_000_000, 14_000_000_000]
    );
    let histogram_total: u64 = report["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| bin["count"].as_u64().unwrap())
        .sum();
    assert_eq!(histogram_total, 4);

    let sweep = report["sweep"].as_array().unwrap();
    assert_eq!(sweep.len(), 18);
    let at_7b = sweep.iter().find(|step| step["label"] == "7B").unwrap();
    assert_eq!(at_7b["slm"], 2);
    assert_eq!(at_7b["llm"], 2);
    assert_eq!(at_7b["slm_share_of_known"], 0.5);
    assert_eq!(at_7b["slm_download_share_of_known"], 0.3);
}

#[test]
fn bad_threshold_names_value_and_fix() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    for (input, lang, expected) in [
        ("7x", "en", "invalid threshold \"7x\""),
        ("12K", "en", "such as 7B, 1.5b, 500M"),
        (
            "0",
            "en",
            "above 0 and at most 100T, with a unit, such as 500M",
        ),
        ("7x", "fr", "seuil invalide \"7x\""),
        ("7x", "fr", "7,5 Md"),
        ("0", "fr", "supérieur à 0 et d'au plus 100T, avec une unité"),
        ("0", "fr", "7,5 Md"),
    ] {
        let output = run(
            work.path(),
            &[
                "--lang",
                lang,
                "report",
                "--db",
                "c.db",
                "--threshold",
                input,
            ],
        );
        assert_eq!(output.status.code(), Some(1), "{input} was accepted");
        assert!(
            stderr(&output).contains(expected),
            "{input}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{input} printed a report");
    }
}

#[test]
fn text_and_csv_formats() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let output = run(
        work.path(),
        &["report", "--db", "c.db", "--threshold", "7B"],
    );
    let text = stdout(&output);
    assert!(
        text.contains("5 models (4 of known size, 1 unknown)"),
        "{text}"
    );
    assert!(text.contains("Threshold 7B"), "{text}");
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
        ],
    );
    assert!(stdout(&output).contains("Seuil 7B"), "{}", stdout(&output));

    let output = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
            "--format",
            "csv",
        ],
    );
    let csv = stdout(&output);
    assert!(
        csv.starts_with("section,threshold,group,class,count,downloads"),
        "{csv}"
    );
    assert!(
        csv.contains("split,7000000000,all,slm,2,30,0.400000,0.150000"),
        "{csv}"
    );
    assert!(
        csv.contains("sweep,7000000000,all,slm,2,,0.500000,0.300000"),
        "{csv}"
    );
    assert!(csv.contains("sweep,7000000000,all,llm,2,,,"), "{csv}");
    assert!(text.contains("Sweep: SLM share"), "{text}");
    assert!(
        text.contains("     7B         2         2     50.0%       30.0%"),
        "{text}"
    );
}

#[test]
fn param_sources_in_french() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
        ],
    );
    let text = stdout(&output);
    assert!(
        text.contains("5 modèles (4 de taille connue, 1 de taille inconnue)"),
        "{text}"
    );
    assert!(
        text.contains("origine des nombres de paramètres : gguf 0, classement 0, nom 0, référence 0, safetensors 4, inconnue 1"),
        "{text}"
    );
    let output = run(
        work.path(),
        &["report", "--db", "c.db", "--threshold", "7B"],
    );
    let text = stdout(&output);
    assert!(
        text.contains("parameter counts from: gguf 0, leaderboard 0, name 0, reference 0, safetensors 4, unknown 1"),
        "{text}"
    );

    let output = run(work.path(), &["--lang", "fr", "models", "--db", "c.db"]);
    let table = stdout(&output);
    let mystery = table
        .lines()
        .find(|line| line.starts_with("c/mystery"))
        .expect("the unknown-size model is listed");
    assert!(mystery.contains(" inconnue "), "{table}");
    assert!(!table.contains("unknown"), "{table}");
    let output = run(work.path(), &["models", "--db", "c.db"]);
    assert!(stdout(&output).contains(" unknown "), "{}", stdout(&output));
}

#[test]
fn models_json_schema_and_query() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let output = run(
        work.path(),
        &[
            "models", "--db", "c.db", "--format", "json", "--query", "huge",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"], "b/huge");
    assert_eq!(row["params"], 70_000_000_000u64);
    assert_eq!(row["params_source"], "safetensors");
    assert_eq!(row["params_approximate"], false);
    assert_eq!(row["pipeline_tag"], "text-classification");
    assert_eq!(row["downloads"], 40);
    assert!(row["created_at"].is_null());
    assert!(row.get("likes").is_some());

    let output = run(work.path(), &["models", "--db", "c.db", "--format", "csv"]);
    let csv = stdout(&output);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("id,author,pipeline_tag"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 6);
}

#[test]
fn recorded_report_at_1b_7b_14b() {
    let Some(hub_dir) = recorded_hub_dir("recorded_report_at_1b_7b_14b") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    import_recorded(work.path(), &hub_dir, &work.path().join("c.db"));
    let report = report_json(work.path(), &[]);
    assert_eq!(report["models"], 4712);
    let known = report["known"].as_u64().unwrap();
    assert!(known > 1000, "only {known} models of known size");
    let mut previous_slm = 0;
    for entry in report["thresholds"].as_array().unwrap() {
        let slm = entry["slm"]["count"].as_u64().unwrap();
        let llm = entry["llm"]["count"].as_u64().unwrap();
        let unknown = entry["unknown"]["count"].as_u64().unwrap();
        assert_eq!(slm + llm + unknown, 4712);
        assert_eq!(slm + llm, known);
        assert!(
            slm >= previous_slm,
            "raising the threshold cannot shrink the SLM class"
        );
        previous_slm = slm;
    }
    let sources = &report["params_sources"];
    assert!(sources["safetensors"].as_u64().unwrap() > 0);
    assert!(sources["name"].as_u64().unwrap() > 0);
}

/// At 7B: 2024-01 one SLM (10 downloads), 2024-02 one LLM (20), one SLM from before dates were
/// recorded (100), one LLM without a date (40).
fn dated_fixture(work: &Path) {
    let file = work.join("dated.json");
    fs::write(
        &file,
        r#"[
        {"id":"a/small","pipeline_tag":"text-generation","downloads":10,"createdAt":"2024-01-15T10:00:00.000Z",
         "safetensors":{"parameters":{"BF16":1000000000},"total":1000000000}},
        {"id":"a/large","pipeline_tag":"text-generation","downloads":20,"createdAt":"2024-02-03T10:00:00.000Z",
         "safetensors":{"parameters":{"BF16":10000000000},"total":10000000000}},
        {"id":"a/old","pipeline_tag":"fill-mask","downloads":100,"createdAt":"2022-03-02T23:29:04.000Z",
         "safetensors":{"parameters":{"F32":110000000},"total":110000000}},
        {"id":"a/undated","pipeline_tag":"text-generation","downloads":40,
         "safetensors":{"parameters":{"BF16":20000000000},"total":20000000000}}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn trends_section_by_hand() {
    let work = tempfile::tempdir().unwrap();
    dated_fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "7B"]);
    let trends = &report["trends"];
    assert_eq!(
        trends["now"]["source"], "model_dates",
        "the import's own time is left out"
    );
    assert_eq!(trends["now"]["time"], "2024-02-03T10:00:00.000Z");
    assert_eq!(trends["syncs"], 0);
    let entry = &trends["thresholds"][0];
    assert_eq!(entry["label"], "7B");
    let months: Vec<&str> = entry["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|month| month["month"].as_str().unwrap())
        .collect();
    assert_eq!(
        months,
        ["2024-01", "2024-02"],
        "the placeholder is not March 2022"
    );
    assert_eq!(entry["months"][0]["slm"]["count"], 1);
    assert_eq!(entry["months"][0]["slm_share_of_known"], 1.0);
    assert_eq!(entry["months"][1]["llm"]["downloads"], 20);
    assert_eq!(entry["before_tracking"]["slm"]["count"], 1);
    assert_eq!(entry["no_date"]["llm"]["count"], 1);

    let usage = &entry["usage"];
    assert_eq!(usage["downloads"]["slm"], 110);
    assert_eq!(usage["downloads"]["llm"], 60);
    assert_eq!(usage["downloads"]["all"], 170);
    let close = |value: &Value, expected: f64| (value.as_f64().unwrap() - expected).abs() < 1e-12;
    assert!(close(
        &usage["before_tracking"]["slm_share_of_class"],
        100.0 / 110.0
    ));
    assert!(close(&usage["months"][1]["llm_share_of_all"], 20.0 / 170.0));
    assert!(
        entry["downloads_per_sync"].is_null(),
        "no download history without two syncs"
    );

    let output = run(
        work.path(),
        &["report", "--db", "c.db", "--threshold", "7B"],
    );
    let text = stdout(&output);
    assert!(text.contains("Trends at 7B"), "{text}");
    assert!(text.contains("before dates were recorded"), "{text}");
    assert!(text.contains("need 2 syncs"), "{text}");
    let output = run(
        work.path(),
        &[
            "--lang",
            "fr",
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
        ],
    );
    let text = stdout(&output);
    assert!(text.contains("avant l'enregistrement des dates"), "{text}");

    let output = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
            "--format",
            "csv",
        ],
    );
    let csv = stdout(&output);
    assert!(
        csv.contains("trend_month,7000000000,2024-01,slm,1,10,1.000000,1.000000"),
        "{csv}"
    );
    assert!(
        csv.contains("trend_usage,7000000000,before_tracking,slm,,100,,0.909091"),
        "{csv}"
    );
    assert!(
        csv.contains("trend_older,7000000000,older_than_12_months,slm"),
        "{csv}"
    );
    assert!(!csv.contains("trend_sync"), "{csv}");
}

#[test]
fn trends_downloads_per_sync() {
    use slmscope::cache::{Cache, OpenMode};
    use slmscope::hub::record::HubModel;

    let work = tempfile::tempdir().unwrap();
    dated_fixture(work.path());
    let record = |id: &str, downloads: u64| HubModel {
        id: Some(id.to_string()),
        downloads: Some(downloads),
        ..HubModel::default()
    };
    {
        let mut cache = Cache::open(&work.path().join("c.db"), OpenMode::MustExist).unwrap();
        let first = cache.begin_sync("http://127.0.0.1:9", "q", false).unwrap();
        let page = [
            record("a/small", 5),
            record("a/large", 7),
            record("z/gone", 1000),
        ];
        cache.store_page(first.id, &page, None).unwrap();
        let second = cache.begin_sync("http://127.0.0.1:9", "q", false).unwrap();
        let page = [record("a/small", 10), record("a/large", 20)];
        cache.store_page(second.id, &page, None).unwrap();
    }
    let report = report_json(work.path(), &["--threshold", "7B"]);
    assert_eq!(report["trends"]["syncs"], 2);
    let points = report["trends"]["thresholds"][0]["downloads_per_sync"]
        .as_array()
        .unwrap();
    assert_eq!(points.len(), 2);
    // The sync stored z/gone too; without a size it is unknown.
    assert_eq!(points[0]["models"], 3);
    assert_eq!(points[0]["unknown"]["downloads"], 1000);
    assert_eq!(points[0]["slm"]["downloads"], 5);
    assert_eq!(points[0]["llm"]["downloads"], 7);
    assert_eq!(points[1]["slm"]["downloads"], 10);
    assert_eq!(points[1]["status"], "finished");

    let output = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
            "--format",
            "csv",
        ],
    );
    let csv = stdout(&output);
    assert!(csv.contains(",slm,1,5,,"), "{csv}");
    assert_eq!(csv.matches("trend_sync,7000000000").count(), 6, "{csv}");
}

#[test]
fn suggestions_by_hand() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "7B"]);
    let suggestions = report["suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 2);

    // log10 sizes 8, 9.18, 9.85, 10.85: the split after 1.5B leaves the least within-class
    // variance, and the threshold is sqrt(1.5B · 7B).
    let breaks = &suggestions[0];
    assert_eq!(breaks["method"], "natural_breaks");
    assert_eq!(breaks["threshold"], 3_240_370_349u64);
    assert_eq!(breaks["label"], "3.2B");
    assert_eq!(breaks["below"], 1_500_000_000u64);
    assert_eq!(breaks["above"], 7_000_000_000u64);
    assert_eq!(breaks["lower_count"], 2);
    assert_eq!(breaks["upper_count"], 2);
    assert!(breaks["unavailable"].is_null());

    // Four spread-out sizes smooth into one hump.
    let valley = &suggestions[1];
    assert_eq!(valley["method"], "density_valley");
    assert!(valley["threshold"].is_null());
    assert_eq!(valley["unavailable"], "no_valley");
}

#[test]
fn agreement_with_the_shipped_reference_set() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &["--threshold", "1B", "--threshold", "7B"]);
    let agreement = &report["agreement"];
    let sided = agreement["sided"].as_u64().unwrap();
    assert_eq!(
        sided,
        agreement["small"].as_u64().unwrap() + agreement["large"].as_u64().unwrap()
    );
    assert!(
        agreement["words"]["small"]
            .as_array()
            .unwrap()
            .contains(&Value::from("mini"))
    );
    assert!(
        agreement["words"]["large"]
            .as_array()
            .unwrap()
            .contains(&Value::from("xl"))
    );

    let entries = agreement["thresholds"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["label"], "7B");
    let best = &agreement["best"];
    let best_agree = best["agree"].as_u64().unwrap();
    for entry in entries {
        let agree = entry["agree"].as_u64().unwrap();
        assert!(agree <= best_agree, "{entry}");
        assert_eq!(entry["share"], agree as f64 / sided as f64);
    }
    for range in best["ranges"].as_array().unwrap() {
        assert!(range["from"].as_u64().unwrap() <= range["to"].as_u64().unwrap());
    }
}

#[test]
fn suggestions_and_agreement_in_text_and_csv() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = stdout(&run(
        work.path(),
        &["report", "--db", "c.db", "--threshold", "7B"],
    ));
    assert!(
        text.contains("natural breaks (Jenks/Otsu on log10 params): 3.2B, between 1.5B and 7B"),
        "{text}"
    );
    assert!(
        text.contains("none: the density has no valley between 100M and 1T"),
        "{text}"
    );
    assert!(
        text.contains("Agreement with publishers' size words:"),
        "{text}"
    );
    assert!(text.contains("  at 7B: "), "{text}");

    let french = stdout(&run(
        work.path(),
        &[
            "--lang",
            "fr",
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
        ],
    ));
    assert!(
        french
            .contains("ruptures naturelles (Jenks/Otsu sur log10 params) : 3.2B, entre 1.5B et 7B"),
        "{french}"
    );
    assert!(
        french.contains("Accord avec les mots de taille des éditeurs"),
        "{french}"
    );

    let csv = stdout(&run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--threshold",
            "7B",
            "--format",
            "csv",
        ],
    ));
    assert!(
        csv.contains("suggestion,3240370349,natural_breaks,,,,,"),
        "{csv}"
    );
    assert!(
        csv.contains("suggestion,,density_valley,no_valley,,,,"),
        "{csv}"
    );
    assert!(
        csv.contains("agreement,7000000000,publishers,agree,"),
        "{csv}"
    );
    assert!(
        csv.contains("agreement,7000000000,publishers,sided,"),
        "{csv}"
    );
    assert!(
        csv.lines().any(|line| line.starts_with("agreement_best,")),
        "{csv}"
    );
}

#[test]
fn recorded_suggestions_fall_between_their_sides() {
    let Some(hub_dir) = recorded_hub_dir("recorded_suggestions_fall_between_their_sides") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    import_recorded(work.path(), &hub_dir, &work.path().join("c.db"));
    let report = report_json(work.path(), &[]);
    for suggestion in report["suggestions"].as_array().unwrap() {
        let threshold = suggestion["threshold"].as_u64().expect("a threshold");
        let below = suggestion["below"].as_u64().unwrap();
        let above = suggestion["above"].as_u64().unwrap();
        assert!(below < threshold, "{suggestion}");
        assert!(threshold <= above, "{suggestion}");
    }
    let valley = report["suggestions"][1]["threshold"].as_u64().unwrap();
    assert!((100_000_000..=1_000_000_000_000).contains(&valley));
    let breaks = &report["suggestions"][0];
    assert_eq!(
        breaks["lower_count"].as_u64().unwrap() + breaks["upper_count"].as_u64().unwrap(),
        report["known"].as_u64().unwrap()
    );
}
