//! The `ab` section of `slmscope report`: two thresholds compared on a small fixture and on the
//! recorded snapshot.

mod common;

use std::fs;
use std::path::Path;

use common::{import_recorded, recorded_hub_dir, run, stderr, stdout, without_padding};
use serde_json::Value;

/// Five models of known size (100M, 1.5B, 7B, 13B, 70B) and one of unknown size.
fn fixture(work: &Path) {
    let file = work.join("fixture.json");
    fs::write(
        &file,
        r#"[
        {"id":"a/tiny","pipeline_tag":"text-generation","downloads":10,
         "safetensors":{"parameters":{"F32":100000000},"total":100000000}},
        {"id":"a/small","pipeline_tag":"text-generation","downloads":20,
         "safetensors":{"parameters":{"BF16":1500000000},"total":1500000000}},
        {"id":"b/seven","pipeline_tag":"text-generation","downloads":30,
         "safetensors":{"parameters":{"BF16":7000000000},"total":7000000000}},
        {"id":"b/thirteen","pipeline_tag":"fill-mask","downloads":300,
         "safetensors":{"parameters":{"BF16":13000000000},"total":13000000000}},
        {"id":"b/huge","pipeline_tag":"text-classification","downloads":40,
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}},
        {"id":"c/mystery","downloads":100}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn report(work: &Path, args: &[&str]) -> String {
    let mut all = vec!["report", "--db", "c.db"];
    all.extend_from_slice(args);
    let output = run(work, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

fn report_json(work: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&report(work, &all)).expect("report JSON parses")
}

#[test]
fn default_compares_7b_and_14b() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let ab = &report_json(work.path(), &[])["ab"];
    assert_eq!(ab["a"], 7_000_000_000u64);
    assert_eq!(ab["b"], 14_000_000_000u64);
    // 7B and 13B are LLMs at 7B and SLMs at 14B.
    assert_eq!(ab["moved"]["count"], 2);
    assert_eq!(ab["moved"]["downloads"], 330);
    assert_eq!(ab["at_a"]["slm"]["count"], 2);
    assert_eq!(ab["at_b"]["slm"]["count"], 4);
    assert_eq!(ab["at_b"]["llm"]["count"], 1);
    assert_eq!(ab["at_b"]["unknown"]["count"], 1);
    let ids: Vec<&str> = ab["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|model| model["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["b/thirteen", "b/seven"], "most downloaded first");
    assert_eq!(ab["models"][0]["params_total"], 13_000_000_000u64);
    assert_eq!(ab["models"][0]["pipeline_tag"], "fill-mask");
}

#[test]
fn tasks_that_move_most_come_first() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let ab = &report_json(work.path(), &["--compare", "1B", "14B"])["ab"];
    let tasks = ab["tasks"].as_array().unwrap();
    assert_eq!(tasks[0]["pipeline_tag"], "text-generation");
    assert_eq!(tasks[0]["moved"]["count"], 2);
    assert_eq!(tasks[0]["known"], 3);
    assert_eq!(tasks[1]["pipeline_tag"], "fill-mask");
    assert_eq!(tasks[1]["share_of_known"], 1.0);
    assert_eq!(tasks[2]["pipeline_tag"], "text-classification");
    assert_eq!(tasks[2]["moved"]["count"], 0);
    assert_eq!(
        tasks.len(),
        3,
        "the unknown-size model has no task of known size"
    );
}

#[test]
fn any_order_and_size_syntax() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let ab = &report_json(work.path(), &["--compare", "14e9", "7b"])["ab"];
    assert_eq!(ab["a"], 14_000_000_000u64);
    assert_eq!(ab["lo"], 7_000_000_000u64);
    assert_eq!(ab["hi"], 14_000_000_000u64);
    assert_eq!(ab["moved"]["count"], 2);
    assert_eq!(ab["at_a"]["slm"]["count"], 4, "A is 14B");
}

#[test]
fn bad_compare_value_names_value_and_fix() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    for (args, lang, code, expected) in [
        (&["7x", "14B"][..], "en", 1, "invalid threshold \"7x\""),
        (&["7B", "7"][..], "en", 1, "add a unit, such as 7B or 7M"),
        (
            &["7B", "0"][..],
            "en",
            1,
            "above 0 and at most 100T, with a unit",
        ),
        (&["7x", "14B"][..], "fr", 1, "seuil invalide \"7x\""),
        (&["7B"][..], "en", 2, "2 values required"),
        (
            &["7B", "--format", "json"][..],
            "en",
            2,
            "2 values required",
        ),
        (
            &["7B", "--format", "json"][..],
            "fr",
            2,
            "nombre de valeurs incorrect",
        ),
    ] {
        let mut all = vec!["--lang", lang, "report", "--db", "c.db", "--compare"];
        all.extend_from_slice(args);
        let output = run(work.path(), &all);
        assert_eq!(output.status.code(), Some(code), "{args:?} was accepted");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{args:?} printed a report");
    }
}

#[test]
fn equal_thresholds_move_nothing() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = report(work.path(), &["--compare", "7B", "7B"]);
    assert!(
        text.contains("A and B are equal: no model changes class"),
        "{text}"
    );
    assert!(!text.contains("up to, not including"), "{text}");
    let report = report_json(work.path(), &["--compare", "7B", "7000000000"]);
    assert_eq!(report["ab"]["moved"]["count"], 0);
}

#[test]
fn text_lists_tasks_and_models() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = report(work.path(), &["--compare", "1B", "14B"]);
    let section = text
        .split("A/B comparison: A 1B, B 14B")
        .nth(1)
        .unwrap_or_else(|| panic!("no A/B section: {text}"));
    assert!(
        section.contains("from 1B up to, not including, 14B are LLMs at A and SLMs at B"),
        "{section}"
    );
    assert!(
        section.contains("models changing class: 3 (350 downloads in 30 days)"),
        "{section}"
    );
    assert!(section.contains("text-generation"), "{section}");
    assert!(section.contains("(3 of 3):"), "{section}");
    let rows: Vec<&str> = section
        .lines()
        .filter(|line| line.contains("b/") || line.contains("a/"))
        .collect();
    assert_eq!(rows.len(), 3, "{section}");
    assert!(rows[0].ends_with("b/thirteen"), "{section}");
    assert!(rows[2].contains("1.5B"), "{section}");
    assert!(!section.contains("a/tiny"), "100M stays an SLM");

    let text = report(work.path(), &["--lang", "fr", "--compare", "14B", "1B"]);
    assert!(text.contains("Comparaison A/B : A 14B, B 1B"), "{text}");
    assert!(
        text.contains("sont des SLM au seuil A et des LLM au seuil B"),
        "{text}"
    );
}

#[test]
fn csv_rows_of_the_comparison() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let csv = report(work.path(), &["--format", "csv"]);
    for row in [
        "ab_split,7000000000,all,slm,2,30,0.333333,0.060000",
        "ab_split,14000000000,all,llm,1,40,0.166667,0.080000",
        "ab_moved,7000000000-14000000000,all,slm,2,330,,",
        "ab_task,7000000000-14000000000,fill-mask,slm,1,300,1.000000,",
        "ab_model,7000000000-14000000000,b/thirteen,slm,13000000000,300,,",
        "ab_model,7000000000-14000000000,b/seven,slm,7000000000,30,,",
    ] {
        assert!(
            csv.lines()
                .any(|line| without_padding(line) == without_padding(row)),
            "missing {row}:\n{csv}"
        );
    }
}

#[test]
fn recorded_comparison_matches_the_splits() {
    let Some(hub_dir) = recorded_hub_dir("recorded_comparison_matches_the_splits") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    import_recorded(work.path(), &hub_dir, &work.path().join("c.db"));
    let report = report_json(work.path(), &["--threshold", "7B", "--threshold", "14B"]);
    let ab = &report["ab"];
    let slm = |entry: &Value| entry["slm"]["count"].as_u64().unwrap();
    let moved = ab["moved"]["count"].as_u64().unwrap();
    assert_eq!(
        moved,
        slm(&report["thresholds"][1]) - slm(&report["thresholds"][0])
    );
    assert!(moved > 0, "no model between 7B and 14B in the snapshot");
    assert_eq!(ab["models"].as_array().unwrap().len() as u64, moved);
    let task_sum: u64 = ab["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|task| task["moved"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(task_sum, moved);
}
