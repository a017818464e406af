//! The filter flags of `slmscope report` and `slmscope models` on a small fixture.

mod common;

use std::fs;
use std::path::Path;

use common::{run, stderr, stdout, without_padding};
use serde_json::Value;

/// Six models: three text-generation repositories of `a` (a GGUF one, a merge, a plain one), a
/// quantized one of `B`, a diffusers one of `c`, and one of unknown size.
fn fixture(work: &Path) {
    let file = work.join("fixture.json");
    fs::write(
        &file,
        r#"[
        {"id":"a/plain-1.5B","pipeline_tag":"text-generation","library_name":"transformers",
         "createdAt":"2024-03-01T00:00:00.000Z","downloads":10,
         "safetensors":{"parameters":{"BF16":1500000000},"total":1500000000}},
        {"id":"a/merged-7B","pipeline_tag":"text-generation","library_name":"transformers",
         "createdAt":"2024-06-01T00:00:00.000Z","downloads":20,"tags":["mergekit","merge"],
         "safetensors":{"parameters":{"BF16":7000000000},"total":7000000000}},
        {"id":"a/plain-7B-GGUF","pipeline_tag":"text-generation","library_name":"gguf",
         "createdAt":"2023-01-01T00:00:00.000Z","downloads":30,"tags":["gguf"],
         "gguf":{"total":7000000000}},
        {"id":"B/tiny-GPTQ","pipeline_tag":"text-generation","library_name":"transformers",
         "createdAt":"2024-01-01T00:00:00.000Z","downloads":40,
         "tags":["gptq","4-bit","base_model:quantized:a/plain-1.5B"],
         "safetensors":{"parameters":{"F32":100000000},"total":100000000}},
        {"id":"c/picture","pipeline_tag":"text-to-image","library_name":"diffusers",
         "createdAt":"2022-03-02T23:29:04.000Z","downloads":50,
         "safetensors":{"parameters":{"F16":2600000000},"total":2600000000}},
        {"id":"c/mystery","pipeline_tag":"text-generation","downloads":60,
         "createdAt":"2025-01-01T00:00:00.000Z"}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn json(work: &Path, command: &str, args: &[&str]) -> Value {
    let mut all = vec![command, "--db", "c.db", "--format", "json"];
    all.extend_from_slice(args);
    let output = run(work, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("JSON parses")
}

fn model_ids(work: &Path, args: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = json(work, "models", args)
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn each_flag_narrows_the_models() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let cases: [(&[&str], &[&str]); 9] = [
        (&["--task", "text-to-image"], &["c/picture"]),
        (&["--library", "GGUF"], &["a/plain-7B-GGUF"]),
        (&["--author", "b"], &["B/tiny-GPTQ"]),
        (
            // The placeholder date of c/picture and the unknown date fail.
            &["--created-after", "2024-01-01"],
            &["B/tiny-GPTQ", "a/merged-7B", "a/plain-1.5B", "c/mystery"],
        ),
        (
            &["--min-params", "7B"],
            &["a/merged-7B", "a/plain-7B-GGUF", "c/mystery"],
        ),
        (
            &["--max-params", "1.5B", "--unknown", "exclude"],
            &["B/tiny-GPTQ", "a/plain-1.5B"],
        ),
        (
            &["--exclude", "quantized,merged"],
            &["a/plain-1.5B", "a/plain-7B-GGUF", "c/mystery", "c/picture"],
        ),
        (
            &["--exclude", "gguf", "--author", "a"],
            &["a/merged-7B", "a/plain-1.5B"],
        ),
        (
            &["--author", "a", "--exclude", "gguf", "--exclude", "merged"],
            &["a/plain-1.5B"],
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(model_ids(work.path(), args), expected, "{args:?}");
    }
}

#[test]
fn report_states_its_filters() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let report = json(
        work.path(),
        "report",
        &[
            "--threshold",
            "7B",
            "--task",
            "text-generation",
            "--exclude",
            "gguf",
        ],
    );
    assert_eq!(report["models"], 4);
    assert_eq!(report["unknown"], 1);
    assert_eq!(report["thresholds"][0]["slm"]["count"], 2);
    assert_eq!(report["thresholds"][0]["llm"]["count"], 1);
    let filters = &report["filters"];
    assert_eq!(filters["active"], true);
    assert_eq!(filters["cache_models"], 6);
    assert_eq!(filters["criteria"]["task"], "text-generation");
    assert_eq!(filters["criteria"]["exclude_gguf"], true);
    assert_eq!(filters["criteria"]["unknown_sizes"], "include");

    let unfiltered = json(work.path(), "report", &[]);
    assert_eq!(unfiltered["filters"]["active"], false);
    assert_eq!(unfiltered["models"], 6);
}

#[test]
fn report_text_and_csv_name_the_filters() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--author",
            "a",
            "--created-after",
            "2024-01-01",
        ],
    );
    assert!(text.status.success(), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(
        text.contains("filters: by a, ≥2024-01-01 (2 of 6 cached models)"),
        "{text}"
    );
    let french = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--lang",
            "fr",
            "--exclude",
            "gguf",
        ],
    );
    assert!(
        stdout(&french).contains("filtres : sans GGUF (5 sur 6 modèles du cache)"),
        "{}",
        stdout(&french)
    );
    let none = stdout(&run(work.path(), &["report", "--db", "c.db"]));
    assert!(
        none.contains("filters: none (every cached model)"),
        "{none}"
    );

    let csv = run(
        work.path(),
        &[
            "report",
            "--db",
            "c.db",
            "--format",
            "csv",
            "--min-params",
            "1B",
            "--exclude",
            "merged",
            "--unknown",
            "exclude",
        ],
    );
    let csv = stdout(&csv);
    for row in [
        "filter,,min_params,1000000000,,,,",
        "filter,,exclude,merged,,,,",
        "filter,,unknown,exclude,,,,",
        "filter,,cache_models,,6,,,",
    ] {
        assert!(
            csv.lines()
                .any(|line| without_padding(line) == without_padding(row)),
            "missing {row}:\n{csv}"
        );
    }
    let plain = stdout(&run(
        work.path(),
        &["report", "--db", "c.db", "--format", "csv"],
    ));
    assert!(!plain.contains("filter,"), "{plain}");
}

#[test]
fn bad_filter_values_name_value_and_fix() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    for (args, expected) in [
        (
            vec!["--created-after", "01/02/2024"],
            "--created-after: invalid date \"01/02/2024\": write a day as YYYY-MM-DD",
        ),
        (
            vec!["--min-params", "7"],
            "--min-params: invalid size \"7\": add a unit, such as 7B, 500M or 1T",
        ),
        (
            vec!["--min-params", "7B", "--max-params", "1B"],
            "the minimum size 7B is larger than the maximum 1B: swap them",
        ),
    ] {
        for command in ["report", "models"] {
            let mut all = vec![command, "--db", "c.db"];
            all.extend_from_slice(&args);
            let output = run(work.path(), &all);
            assert_eq!(output.status.code(), Some(1), "{all:?}");
            assert!(stderr(&output).contains(expected), "{}", stderr(&output));
        }
    }
    let output = run(
        work.path(),
        &["report", "--db", "c.db", "--lang", "fr", "--exclude", "big"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("valeurs possibles : quantized, merged, gguf"),
        "{}",
        stderr(&output)
    );
    let french = run(
        work.path(),
        &[
            "models",
            "--db",
            "c.db",
            "--lang",
            "fr",
            "--created-after",
            "hier",
        ],
    );
    assert!(
        stderr(&french)
            .contains("date invalide \"hier\" : écrivez un jour sous la forme AAAA-MM-JJ"),
        "{}",
        stderr(&french)
    );
}

#[test]
fn filter_keeping_nothing_is_noted() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let output = run(
        work.path(),
        &["models", "--db", "c.db", "--task", "no-such-task"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the filters keep none of the 6 cached models"),
        "{}",
        stderr(&output)
    );
}
