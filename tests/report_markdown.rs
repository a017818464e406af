//! `slmscope report --format md`: Markdown tables with hand-checked numbers, escaped Hub
//! strings, both languages, and the recorded data.

mod common;

use std::fs;
use std::path::Path;

use common::{import_recorded, recorded_hub_dir, run, stderr, stdout};

/// Three models: 1B and 3B (SLMs at 7B) and 70B (an LLM), one of them with an id that holds a
/// table separator and an escape sequence.
fn fixture(work: &Path) {
    let file = work.join("hub.json");
    fs::write(
        &file,
        r#"[
        {"id":"o/pipe|model_x","pipeline_tag":"text-generation","downloads":10,
         "createdAt":"2024-03-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":1000000000},"total":1000000000}},
        {"id":"o/esc\u001b[31mred","pipeline_tag":"text-generation","downloads":30,
         "createdAt":"2024-05-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":3000000000},"total":3000000000}},
        {"id":"o/big","pipeline_tag":"text-generation","downloads":60,
         "createdAt":"2023-05-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}}
    ]"#,
    )
    .unwrap();
    let output = run(work, &["import", "--db", "c.db", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn report(work: &Path, db: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", "--db", db, "--format", "md"];
    args.extend_from_slice(extra);
    let output = run(work, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

/// Counts the cell separators of a table row, leaving out escaped ones.
fn separators(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for character in row.chars() {
        match character {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if character != '\\' {
            escaped = false;
        }
    }
    count
}

/// Asserts that every table has as many cells in each row as in its header, and returns how
/// many tables there are.
fn assert_tables_are_rectangular(text: &str) -> usize {
    let mut tables = 0;
    let mut header: Option<usize> = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let cells = separators(line);
            match header {
                None => {
                    header = Some(cells);
                    tables += 1;
                }
                Some(expected) => assert_eq!(cells, expected, "row {line:?}"),
            }
        } else {
            header = None;
        }
    }
    tables
}

#[test]
fn markdown_report_gives_hand_checked_tables() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = report(work.path(), "c.db", &["--threshold", "7B"]);

    assert!(text.starts_with("# slmscope report\n"), "{text}");
    assert!(text.contains("\n## Threshold 7B\n"), "{text}");
    assert!(
        text.contains("At 7B, 66.7% of models of known size are SLMs."),
        "{text}"
    );
    // Two SLMs with 40 of the 100 downloads, one LLM with 60.
    assert!(text.contains("| SLM | 2 | 66.7% | 40 | 40.0% |"), "{text}");
    assert!(text.contains("| LLM | 1 | 33.3% | 60 | 60.0% |"), "{text}");
    // By creation year: the 70B model is from 2023, the two SLMs from 2024.
    assert!(text.contains("| 2023 | 0.0% | 1 |"), "{text}");
    assert!(text.contains("| 2024 | 100.0% | 2 |"), "{text}");
    // Suggestions give sizes as the field writes them and, for natural breaks, the class sizes.
    assert!(
        text.contains("| natural break | 14.5B | 3B | 70B | 2 | 1 |"),
        "{text}"
    );
    assert!(assert_tables_are_rectangular(&text) >= 6, "{text}");
}

#[test]
fn markdown_report_escapes_hub_strings() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    // Model names reach the output through the benchmark table.
    let scores = work.path().join("scores.csv");
    fs::write(
        &scores,
        "model,benchmark,metric,score,params,active_params,date,source\n\
         o/pipe|model_x,EscapeBench,pass@1,41.5,1000000000,,2024-01-01,https://example.org\n\
         \"o/esc\u{1b}]52;c;QUJD\u{7}x\",EscapeBench,pass@1,70,70000000000,,2024-01-01,https://example.org\n",
    )
    .unwrap();
    let output = run(
        work.path(),
        &[
            "import-benchmarks",
            "--db",
            "c.db",
            scores.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let text = report(work.path(), "c.db", &["--threshold", "7B"]);
    assert!(
        !text.contains('\u{1b}'),
        "an escape byte reached the output"
    );
    assert!(!text.contains('\u{7}'), "a bell byte reached the output");
    assert!(
        text.contains("| EscapeBench · pass@1 | general | 7B | o/pipe\\|model\\_x (1B): 41.5 |"),
        "{text}"
    );
    // The domain follows the language, as in the text report.
    let french = report(work.path(), "c.db", &["--threshold", "7B", "--lang", "fr"]);
    assert!(
        french.contains("| EscapeBench · pass@1 | général | 7B |"),
        "{french}"
    );
    assert!(text.contains("| −28.5 | 0 / 1 |"), "{text}");
    assert_tables_are_rectangular(&text);
}

#[test]
fn markdown_report_follows_the_language() {
    let work = tempfile::tempdir().unwrap();
    fixture(work.path());
    let text = report(work.path(), "c.db", &["--threshold", "7B", "--lang", "fr"]);
    assert!(text.starts_with("# Rapport slmscope\n"), "{text}");
    assert!(text.contains("\n## Seuil 7B\n"), "{text}");
    assert!(
        text.contains("À 7B, 66,7\u{a0}% des modèles de taille connue sont des SLM."),
        "{text}"
    );
    assert!(text.contains("| classe | modèles |"), "{text}");
    assert!(!text.contains("Threshold"), "{text}");
    assert_tables_are_rectangular(&text);
}

#[test]
fn markdown_report_on_recorded_data() {
    let Some(hub_dir) = recorded_hub_dir("markdown_report_on_recorded_data") else {
        return;
    };
    let leaderboards = hub_dir.parent().unwrap().join("leaderboards");
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("r.db");
    import_recorded(work.path(), &hub_dir, &db);
    let file = leaderboards.join("bigcodebench-full.json");
    assert!(file.is_file(), "{} is missing", file.display());
    let output = run(
        work.path(),
        &["import-benchmarks", "--db", "r.db", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let text = report(work.path(), "r.db", &[]);
    assert!(text.contains("`r.db`: 4,712 models,"), "{text}");
    for heading in [
        "## Threshold 1B",
        "## Threshold 7B",
        "## Threshold 14B",
        "## Threshold 7B against 14B",
        "## Can an SLM match an LLM?",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    // The best LLM of BigCodeBench full complete is DeepSeek-V3 at 62.2 at every threshold.
    assert!(
        text.contains("| BigCodeBench-Full-Complete · pass@1 (%) | code | 7B |"),
        "{text}"
    );
    assert!(text.contains("DeepSeek-V3 (671B): 62.2"), "{text}");
    assert!(assert_tables_are_rectangular(&text) > 10);
}
