//! The `benchmarks` section of `slmscope report` on a small fixture whose verdicts are computed
//! by hand, in text, JSON and CSV, in English and French.

mod common;

use std::fs;
use std::path::Path;

use common::{run, stderr, stdout};
use serde_json::Value;
use slmscope::cache::{Cache, OpenMode, ReferenceRows};
use slmscope::model::{BenchmarkResult, ResultOrigin};

const B: u64 = 1_000_000_000;

fn result(
    model: &str,
    hub_id: Option<&str>,
    (benchmark, domain, metric): (&str, &str, &str),
    params: Option<u64>,
    score: f64,
) -> BenchmarkResult {
    BenchmarkResult {
        model: model.to_string(),
        hub_id: hub_id.map(str::to_string),
        benchmark: benchmark.to_string(),
        domain: domain.to_string(),
        metric: metric.to_string(),
        score,
        params_total: params,
        params_active: None,
        date: None,
        source: "https://example.org/paper".to_string(),
        origin: ResultOrigin::Reference,
        link: None,
        model_type: None,
        linked: None,
    }
}

/// Three Hub models, o/small-coder (3B), o/big-coder (70B) and o/medqa-small (1B), and two
/// benchmark sets:
///
/// - HumanEval · pass@1: tiny-coder 500M 40, small-coder 3B 62 (and a second, folded result of
///   58), mid-coder 7B 60, big-coder 70B 75, huge-coder 400B 61, mystery-coder of unknown size 80.
///   The small-coder and big-coder results are linked to the Hub models.
/// - MedQA · accuracy: med-small 1B 50, and a 13B model with a long name at 55.
fn fixture(work: &Path) {
    let file = work.join("hub.json");
    fs::write(
        &file,
        r#"[
        {"id":"o/small-coder","pipeline_tag":"text-generation","downloads":10,
         "safetensors":{"parameters":{"BF16":3000000000},"total":3000000000}},
        {"id":"o/big-coder","pipeline_tag":"text-generation","downloads":20,
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}},
        {"id":"o/medqa-small","pipeline_tag":"text-generation","downloads":30,
         "safetensors":{"parameters":{"BF16":1000000000},"total":1000000000}}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));

    let code = ("HumanEval", "code", "pass@1");
    let medical = ("MedQA", "medical", "accuracy");
    let results = [
        result("tiny-coder", None, code, Some(B / 2), 40.0),
        result(
            "small-coder",
            Some("o/small-coder"),
            code,
            Some(3 * B),
            62.0,
        ),
        result(
            "small-coder",
            Some("o/small-coder"),
            code,
            Some(3 * B),
            58.0,
        ),
        result("mid-coder", None, code, Some(7 * B), 60.0),
        result("big-coder", Some("o/big-coder"), code, Some(70 * B), 75.0),
        result("huge-coder", None, code, Some(400 * B), 61.0),
        result("mystery-coder", None, code, None, 80.0),
        result("med-small", None, medical, Some(B), 50.0),
        result(
            "Medical-Large-Language-Model-13B-Instruct",
            None,
            medical,
            Some(13 * B),
            55.0,
        ),
    ];
    let db = work.join("c.db");
    let mut cache = Cache::open(&db, OpenMode::MustExist).unwrap();
    cache
        .replace_reference(&[], &results, ReferenceRows::TablesOnly)
        .unwrap();
    drop(cache);
    // Storing the results links those that name a cached Hub id, by the `id` rule. The Hub
    // model o/medqa-small has another name than med-small, so med-small stays unlinked.
    let connection = rusqlite::Connection::open(&db).unwrap();
    let linked: i64 = connection
        .query_row(
            "SELECT count(*) FROM benchmark_results WHERE link_rule = 'id' AND model_id = hub_id",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(linked, 3);
    let all_linked: i64 = connection
        .query_row(
            "SELECT count(*) FROM benchmark_results WHERE model_id IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(all_linked, 3);
}

fn run_report(work: &Path, args: &[&str]) -> String {
    let mut all = vec![
        "report",
        "--db",
        "c.db",
        "--threshold",
        "3B",
        "--threshold",
        "7B",
    ];
    all.extend_from_slice(args);
    let output = run(work, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

fn report_json(work: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_report(work, &all)).expect("report JSON parses")
}

/// Returns the lines of the text report from the benchmarks heading on.
fn benchmarks_text(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| !line.starts_with("Benchmarks"))
        .collect()
}

fn models(entries: &Value) -> Vec<&str> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["model"].as_str().unwrap())
        .collect()
}

#[test]
fn json_verdicts_by_hand() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = report_json(work.path(), &[]);
    let sets = report["benchmarks"].as_array().unwrap();
    assert_eq!(sets.len(), 2);

    let code = &sets[0];
    assert_eq!(code["benchmark"], "HumanEval");
    assert_eq!(code["metric"], "pass@1");
    assert_eq!(code["domain"], "code");
    assert_eq!(code["models"], 6, "the 58 of small-coder is folded");
    assert_eq!(code["duplicates"], 1);
    assert_eq!(code["filtered_out"], 0);
    assert_eq!(code["unlinked"], 4);
    let verdicts = code["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), 2);

    // At 3B, small-coder (exactly 3B) is an LLM: tiny-coder is the only SLM.
    let at_3b = &verdicts[0];
    assert_eq!(at_3b["threshold"], 3 * B);
    assert_eq!(at_3b["margin"], 5.0);
    assert_eq!(at_3b["scored"], 6);
    assert_eq!(at_3b["unknown_size"], 1);
    assert_eq!(at_3b["slms"], 1);
    assert_eq!(at_3b["llms"], 4);
    assert_eq!(at_3b["best_slm"]["model"], "tiny-coder");
    assert_eq!(at_3b["best_llm"]["model"], "big-coder");
    assert_eq!(at_3b["gap"], -35.0);
    assert_eq!(at_3b["beats"]["beaten"], 0);
    assert_eq!(at_3b["beats"]["llms"], 4);

    // At 7B: small-coder 62 beats mid-coder 60 and huge-coder 61, not big-coder 75.
    let at_7b = &verdicts[1];
    assert_eq!(at_7b["threshold"], 7 * B);
    assert_eq!(at_7b["slms"], 2);
    assert_eq!(at_7b["llms"], 3);
    assert_eq!(at_7b["best_slm"]["model"], "small-coder");
    assert_eq!(at_7b["best_slm"]["score"], 62.0);
    assert_eq!(at_7b["best_slm"]["params_total"], 3 * B);
    assert_eq!(at_7b["gap"], -13.0);
    assert_eq!(at_7b["beats"]["beaten"], 2);
    assert_eq!(at_7b["beats"]["llms"], 3);

    for entry in verdicts {
        // The best score is mystery-coder's 80, so the floor is 75: big-coder, included.
        let within = &entry["smallest_within_margin"];
        assert_eq!(within["entry"]["model"], "big-coder");
        assert_eq!(within["best_score"], 80.0);
        assert_eq!(within["margin"], 5.0);
        // 40/0.5, 62/3, 60/7, 75/70, 61/400.
        assert_eq!(
            models(&entry["per_billion"]),
            [
                "tiny-coder",
                "small-coder",
                "mid-coder",
                "big-coder",
                "huge-coder"
            ]
        );
        assert_eq!(entry["per_billion"][0]["score_per_billion"], 80.0);
        assert_eq!(
            models(&entry["frontier"]),
            ["tiny-coder", "small-coder", "big-coder"]
        );
    }

    let medical = &sets[1];
    assert_eq!(medical["benchmark"], "MedQA");
    assert_eq!(medical["models"], 2);
    for entry in medical["verdicts"].as_array().unwrap() {
        assert_eq!(entry["best_slm"]["model"], "med-small");
        assert_eq!(entry["gap"], -5.0);
        assert_eq!(entry["beats"]["beaten"], 0);
        assert_eq!(entry["beats"]["llms"], 1);
        // Floor 55 - 5 = 50: med-small reaches it exactly.
        assert_eq!(
            entry["smallest_within_margin"]["entry"]["model"],
            "med-small"
        );
    }
}

#[test]
fn margin_flag_moves_the_floor() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    // Floor 80 - 20 = 60: small-coder (3B, 62) is the smallest model that reaches it.
    let report = report_json(work.path(), &["--margin", "20"]);
    let within = &report["benchmarks"][0]["verdicts"][0]["smallest_within_margin"];
    assert_eq!(within["entry"]["model"], "small-coder");
    assert_eq!(within["margin"], 20.0);
    // A decimal comma is read as a decimal point. Floor 80: only mystery-coder, of unknown size.
    let report = report_json(work.path(), &["--margin", "0,0"]);
    let within = &report["benchmarks"][0]["verdicts"][1]["smallest_within_margin"];
    assert!(within.is_null(), "{within}");
}

#[test]
fn text_table_in_english() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = run_report(work.path(), &[]);
    let lines = benchmarks_text(&text);
    let expected = [
        "Benchmarks: verdicts per benchmark and metric (a higher score is better)",
        "  an SLM is below the threshold, an LLM at or above it",
        "  size frontier and ranking by score per billion parameters: --format json",
        "",
        "HumanEval · pass@1 [code]: 6 models, 1 duplicate folded, 1 of unknown size",
        "  smallest within 5 points of the best score 80.0: big-coder, 70B, 75.0",
        "  at      best SLM                          best LLM                              gap  LLMs beaten",
        "  3B      tiny-coder           500M   40.0  big-coder             70B   75.0    −35.0          0/4",
        "  7B      small-coder            3B   62.0  big-coder             70B   75.0    −13.0          2/3",
        "",
        "MedQA · accuracy [medical]: 2 models",
        "  smallest within 5 points of the best score 55.0: med-small, 1B, 50.0",
        "  at      best SLM                          best LLM                              gap  LLMs beaten",
        "  3B      med-small              1B   50.0  Medical-Large-Lan…    13B   55.0     −5.0          0/1",
        "  7B      med-small              1B   50.0  Medical-Large-Lan…    13B   55.0     −5.0          0/1",
    ];
    assert_eq!(lines, expected, "{text}");
    for line in &lines {
        assert!(
            line.chars().count() <= 100,
            "wider than 100 columns: {line}"
        );
    }
}

#[test]
fn text_table_in_french() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = run_report(work.path(), &["--lang", "fr", "--margin", "2.5"]);
    let lines = benchmarks_text(&text);
    let expected = [
        "Benchmarks : verdicts par benchmark et métrique (un score plus haut est meilleur)",
        "  un SLM est sous le seuil, un LLM au seuil ou au-dessus",
        "  frontière des tailles et classement par score par milliard de paramètres : --format json",
        "",
        "HumanEval · pass@1 [code] : 6 modèles, 1 doublon fusionné, 1 de taille inconnue",
        "  plus petit à 2,5 points ou moins du meilleur score : aucun de taille connue",
        "  seuil   meilleur SLM                      meilleur LLM                        écart   LLM battus",
        "  3B      tiny-coder           500M   40,0  big-coder             70B   75,0    −35,0          0/4",
        "  7B      small-coder            3B   62,0  big-coder             70B   75,0    −13,0          2/3",
        "",
        "MedQA · accuracy [médical] : 2 modèles",
        "  plus petit à 2,5 points ou moins du meilleur score 55,0 : Medical-Large-Language-Mode…, 13B, 55,0",
        "  seuil   meilleur SLM                      meilleur LLM                        écart   LLM battus",
        "  3B      med-small              1B   50,0  Medical-Large-Lan…    13B   55,0     −5,0          0/1",
        "  7B      med-small              1B   50,0  Medical-Large-Lan…    13B   55,0     −5,0          0/1",
    ];
    assert_eq!(lines, expected, "{text}");
    for line in &lines {
        assert!(
            line.chars().count() <= 100,
            "wider than 100 columns: {line}"
        );
    }
}

#[test]
fn csv_rows_by_hand() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let csv = run_report(work.path(), &["--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "section,threshold,group,class,count,downloads,model_share,download_share,\
         benchmark,metric,domain,duplicates,best_slm,best_slm_params,best_slm_score,\
         best_llm,best_llm_params,best_llm_score,gap,llms_beaten,llms,\
         within_margin,within_margin_params,within_margin_score,margin"
    );
    let rows: Vec<&str> = csv
        .lines()
        .filter(|line| line.starts_with("benchmark,"))
        .collect();
    let expected = [
        "benchmark,3000000000,HumanEval · pass@1,,6,,,,HumanEval,pass@1,code,1,\
         tiny-coder,500000000,40,big-coder,70000000000,75,-35,0,4,big-coder,70000000000,75,5",
        "benchmark,7000000000,HumanEval · pass@1,,6,,,,HumanEval,pass@1,code,1,\
         small-coder,3000000000,62,big-coder,70000000000,75,-13,2,3,big-coder,70000000000,75,5",
        "benchmark,3000000000,MedQA · accuracy,,2,,,,MedQA,accuracy,medical,0,\
         med-small,1000000000,50,Medical-Large-Language-Model-13B-Instruct,13000000000,55,-5,0,1,\
         med-small,1000000000,50,5",
        "benchmark,7000000000,MedQA · accuracy,,2,,,,MedQA,accuracy,medical,0,\
         med-small,1000000000,50,Medical-Large-Language-Model-13B-Instruct,13000000000,55,-5,0,1,\
         med-small,1000000000,50,5",
    ];
    assert_eq!(rows, expected, "{csv}");
    let width = csv.lines().next().unwrap().split(',').count();
    for line in csv.lines() {
        assert_eq!(line.split(',').count(), width, "not padded: {line}");
    }
}

#[test]
fn filters_reach_linked_results_only() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    // o/small-coder (3B) fails --min-params 10B; o/big-coder (70B) passes.
    let report = report_json(work.path(), &["--min-params", "10B"]);
    let code = &report["benchmarks"][0];
    assert_eq!(code["models"], 5);
    assert_eq!(code["filtered_out"], 1);
    assert_eq!(code["unlinked"], 4);
    let at_7b = &code["verdicts"][1];
    assert_eq!(at_7b["best_slm"]["model"], "tiny-coder");
    assert_eq!(at_7b["gap"], -35.0);
    assert_eq!(at_7b["beats"]["beaten"], 0);
    assert_eq!(at_7b["beats"]["llms"], 3);
    let medical = &report["benchmarks"][1];
    assert_eq!(medical["models"], 2, "unlinked results are not filtered");

    let text = run_report(work.path(), &["--min-params", "10B"]);
    assert!(
        text.contains(
            "  filters: applied to a result through the Hub model linked to it\n    \
             6 results without a linked model are not filtered; 1 result is left out\n"
        ),
        "{text}"
    );
    // The counts would end past the 100th column, so they get a line of their own.
    assert!(
        text.contains(
            "HumanEval · pass@1 [code]:\n  \
             5 models, 1 duplicate folded, 1 of unknown size, 1 left out by the filters\n"
        ),
        "{text}"
    );
    let french = run_report(work.path(), &["--lang", "fr", "--min-params", "10B"]);
    assert!(
        french.contains(
            "  filtres : appliqués à un résultat via le modèle du Hub qui lui est lié\n    \
             6 résultats sans modèle lié ne sont pas filtrés ; 1 résultat est écarté\n"
        ),
        "{french}"
    );

    // Without filters the note is left out.
    let plain = run_report(work.path(), &[]);
    assert!(!plain.contains("filtered through"), "{plain}");
}

#[test]
fn set_left_empty_by_filters() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let db = work.path().join("c.db");
    let connection = rusqlite::Connection::open(&db).unwrap();

    // Both MedQA results get a linked model that --min-params 10B leaves out.
    for (model_id, model) in [
        ("o/medqa-small", "med-small"),
        ("o/small-coder", "Medical-Large-Language-Model-13B-Instruct"),
    ] {
        let updated = connection
            .execute(
                "UPDATE benchmark_results SET model_id = ?1, link_rule = 'name' WHERE model = ?2",
                [model_id, model],
            )
            .unwrap();
        assert_eq!(updated, 1);
    }

    let text = run_report(work.path(), &["--min-params", "10B"]);
    assert!(
        text.contains(
            "MedQA · accuracy [medical]: 0 models, 2 left out by the filters\n  \
             no result of this set passes the filters\n"
        ),
        "{text}"
    );

    let json = report_json(work.path(), &["--min-params", "10B"]);
    let medical = &json["benchmarks"][1];
    assert_eq!(medical["models"], 0);
    assert_eq!(medical["filtered_out"], 2);
    assert!(medical["verdicts"][0]["best_slm"].is_null());
}

#[test]
fn no_results_stored() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let mut cache = Cache::open(&work.path().join("c.db"), OpenMode::MustExist).unwrap();
    cache
        .replace_reference(&[], &[], ReferenceRows::TablesOnly)
        .unwrap();
    drop(cache);

    let json = report_json(work.path(), &[]);
    assert_eq!(json["benchmarks"], Value::Array(Vec::new()));
    let text = run_report(work.path(), &[]);
    assert_eq!(
        benchmarks_text(&text),
        ["Benchmarks: the cache contains no benchmark result"]
    );
    let french = run_report(work.path(), &["--lang", "fr"]);
    assert_eq!(
        benchmarks_text(&french),
        ["Benchmarks : le cache ne contient aucun résultat de benchmark"]
    );
    let csv = run_report(work.path(), &["--format", "csv"]);
    assert!(!csv.contains("\nbenchmark,"), "{csv}");
}

#[test]
fn bad_margin_names_value_and_fix() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    for (input, lang, expected) in [
        (
            "abc",
            "en",
            "--margin: invalid margin \"abc\": expected a number of points from 0 to 100, such as 5 or 2.5",
        ),
        (
            "-1",
            "en",
            "--margin: invalid margin \"-1\": it must be from 0 to 100 points; give a number such as 5 or 2.5",
        ),
        ("100.5", "en", "it must be from 0 to 100 points"),
        ("NaN", "en", "expected a number of points from 0 to 100"),
        ("inf", "en", "expected a number of points from 0 to 100"),
        ("", "en", "--margin: invalid margin \"\""),
        (
            "abc",
            "fr",
            "--margin : marge invalide \"abc\" : attendu un nombre de points de 0 à 100, par exemple 5 ou 2,5",
        ),
        (
            "150",
            "fr",
            "--margin : marge invalide \"150\" : elle doit être comprise entre 0 et 100 points",
        ),
    ] {
        let output = run(
            work.path(),
            &["--lang", lang, "report", "--db", "c.db", "--margin", input],
        );
        assert_eq!(output.status.code(), Some(1), "{input} was accepted");
        assert!(
            stderr(&output).contains(expected),
            "{input}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{input} printed a report");
    }
    for input in ["0", "100", "2.5"] {
        let output = run(
            work.path(),
            &[
                "report", "--db", "c.db", "--format", "json", "--margin", input,
            ],
        );
        assert!(output.status.success(), "{input}: {}", stderr(&output));
    }
}
