//! Tests of `e` (export to CSV or JSON) and `y` (copy with OSC 52), driven through keys in every
//! tab, with the written files read back.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

use super::TuiOptions;
use super::action::Context;
use super::app::App;
use super::clipboard::osc52;
use super::panes::filter::Field;
use super::panes::threshold::ThresholdInput;
use super::tests::{data, draw, ids, model, models, options, press, text, type_text};
use crate::i18n::Lang;
use crate::sanitize::clean;

const M: u64 = 1_000_000;

fn app_exporting_to(lang: Lang, dir: &Path, models: Vec<crate::model::Model>) -> App {
    let mut app = App::new(
        data(models),
        TuiOptions {
            export_dir: Some(dir.to_path_buf()),
            ..options(lang)
        },
    );
    app.in_tmux = false;
    app
}

/// Waits for the running export to end and returns the status message it left.
fn finish(app: &mut App) -> String {
    let start = Instant::now();
    while app.is_exporting() {
        app.poll_export();
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the export did not finish"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    app.notice.as_ref().expect("a notice").text.clone()
}

/// Exports the focused pane as `format_key` (`c` or `j`) and returns the file written.
fn export(app: &mut App, format_key: char) -> PathBuf {
    press(app, KeyCode::Char('e'));
    assert_eq!(app.context(), Context::ExportPrompt, "the popup is open");
    press(app, KeyCode::Char(format_key));
    let asked = app.export_prompt.as_ref().expect("open").path();
    press(app, KeyCode::Enter);
    let message = finish(app);
    assert!(!app.notice.as_ref().expect("a notice").error, "{message}");
    // Exports within one second share a name, so a later one may carry a suffix.
    let dir = asked.parent().expect("a folder");
    let stem = asked
        .file_stem()
        .expect("a name")
        .to_string_lossy()
        .to_string();
    std::fs::read_dir(dir)
        .expect("the export folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with(&stem) && message.ends_with(&path.display().to_string())
        })
        .unwrap_or_else(|| panic!("no file named in {message}"))
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("a CSV file");
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            record
                .expect("a record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("a JSON file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|column| column == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

// ---- e: the popup in every tab ----

#[test]
fn e_opens_the_popup_in_every_tab() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    let tabs = [
        ('1', "search-"),
        ('2', "threshold-"),
        ('3', "tasks-"),
        ('4', "benchmarks-"),
        ('5', "trends-"),
        ('6', "compare-"),
    ];
    for (digit, prefix) in tabs {
        press(&mut app, KeyCode::Char(digit));
        assert!(press(&mut app, KeyCode::Char('e')), "tab {digit}");
        let prompt = app.export_prompt.as_ref().expect("the popup is open");
        assert!(prompt.stem.starts_with(prefix), "{}", prompt.stem);
        assert!(prompt.stem.contains("-7B-"), "{}", prompt.stem);
        assert_eq!(prompt.path().extension().unwrap(), "csv", "CSV by default");
        assert!(prompt.rows > 0, "tab {digit}");
        assert!(press(&mut app, KeyCode::Esc));
        assert!(app.export_prompt.is_none(), "Esc cancels");
    }
    assert_eq!(std::fs::read_dir(dir.path()).map_or(0, Iterator::count), 0);
}

#[test]
fn popup_takes_only_its_own_keys() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.context(), Context::ExportPrompt);
    assert!(!app.should_quit(), "q does not quit under the popup");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.export_prompt
            .as_ref()
            .unwrap()
            .path()
            .extension()
            .unwrap(),
        "json"
    );
    press(&mut app, KeyCode::Right);
    assert_eq!(
        app.export_prompt
            .as_ref()
            .unwrap()
            .path()
            .extension()
            .unwrap(),
        "csv",
        "arrows switch the format"
    );
}

#[test]
fn e_in_details_and_help_explains() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for lang in [Lang::En, Lang::Fr] {
        let mut app = app_exporting_to(lang, dir.path(), models());
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.context(), Context::Detail);
        press(&mut app, KeyCode::Char('e'));
        assert!(app.export_prompt.is_none());
        let notice = app.notice.clone().expect("a notice");
        assert!(notice.error);
        let expected = lang.pick("nothing to export here", "rien à exporter ici");
        assert!(notice.text.starts_with(expected), "{}", notice.text);

        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('e'));
        assert!(app.export_prompt.is_none(), "not from the help");
    }
}

#[test]
fn e_in_threshold_exports_and_enter_types() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.context(), Context::ExportPrompt, "e exports");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.threshold_pane.input,
        ThresholdInput::Editing(_)
    ));
    type_text(&mut app, "e");
    assert_eq!(
        app.context(),
        Context::ThresholdInput,
        "e is typed while editing"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.context(), Context::ThresholdInput, "/ still types");
}

// ---- e: the files ----

#[test]
fn search_csv_lists_rows_in_sort_order() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('s'));
    let path = export(&mut app, 'c');
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("search-7B-") && name.ends_with(".csv"),
        "{name}"
    );

    let (header, rows) = read_csv(&path);
    assert_eq!(
        header,
        [
            "id",
            "params",
            "params_approximate",
            "class",
            "pipeline_tag",
            "downloads",
            "likes",
            "created",
            "created_before_tracking",
            "threshold",
            "filter",
            "query",
            "sort",
        ]
    );
    let exported: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    let shown: Vec<String> = ids(&app).iter().map(|id| clean(id).into_owned()).collect();
    assert_eq!(exported, shown, "the rows keep the table's order");
    assert!(exported.contains(&"evil/red-model"), "ids are cleaned");
    let sort = column(&header, "sort");
    assert_eq!(rows[0][sort], "likes descending");
    let threshold = column(&header, "threshold");
    assert!(rows.iter().all(|row| row[threshold] == "7000000000"));
    let class = column(&header, "class");
    let llama = rows
        .iter()
        .find(|row| row[0] == "meta-llama/Llama-3.1-8B-Instruct")
        .expect("listed");
    assert_eq!(llama[class], "llm");
    assert_eq!(llama[1], "8030000000");
}

#[test]
fn search_export_follows_query_and_filter() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    // The filter form's first task is text-generation.
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Esc);
    let path = export(&mut app, 'c');
    let (header, rows) = read_csv(&path);
    assert_eq!(rows.len(), ids(&app).len());
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|row| row[0].to_lowercase().contains("qwen"))
    );
    let task = column(&header, "pipeline_tag");
    assert!(rows.iter().all(|row| row[task] == "text-generation"));
    let filter = column(&header, "filter");
    assert!(
        rows[0][filter].contains("text-generation"),
        "{}",
        rows[0][filter]
    );
    assert_eq!(rows[0][column(&header, "query")], "qwen");
}

#[test]
fn search_json_has_fields_and_typed_values() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::Fr, dir.path(), models());
    let path = export(&mut app, 'j');
    assert_eq!(path.extension().unwrap(), "json");
    let json = read_json(&path);
    assert_eq!(json["tab"], "search");
    assert_eq!(json["view"], "results");
    assert_eq!(json["threshold"], 7_000_000_000u64);
    assert_eq!(json["threshold_label"], "7B");
    assert!(json["filter"].is_null(), "no filter applied");
    assert_eq!(json["settings"]["sort"], "downloads descending");
    assert_eq!(json["columns"][0], "id", "English names in French too");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 16);
    assert_eq!(rows[0]["id"], clean(&ids(&app)[0]).as_ref());
    let unknown = rows
        .iter()
        .find(|row| row["params"].is_null())
        .expect("a model of unknown size");
    assert_eq!(unknown["class"], "unknown");
    assert!(rows.iter().any(|row| row["downloads"].is_u64()));
}

/// Applies the filter form's "exclude GGUF" box.
fn exclude_gguf(app: &mut App) {
    press(app, KeyCode::Char('f'));
    while app.filter_form.as_ref().expect("the form is open").focus != Field::ExcludeGguf {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Char(' '));
    press(app, KeyCode::Enter);
    assert!(app.filter.exclude_gguf);
}

#[test]
fn filter_description_follows_language() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (lang, expected) in [(Lang::En, "no GGUF"), (Lang::Fr, "sans GGUF")] {
        let mut app = app_exporting_to(lang, dir.path(), models());
        exclude_gguf(&mut app);
        let json = read_json(&export(&mut app, 'j'));
        assert_eq!(json["filter_description"], expected);
        assert_eq!(json["filter"]["exclude_gguf"], true);
    }
}

#[test]
fn filter_cell_same_in_both_languages() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut cells = Vec::new();
    let mut filters = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        let mut app = app_exporting_to(lang, dir.path(), models());
        exclude_gguf(&mut app);
        let (header, rows) = read_csv(&export(&mut app, 'c'));
        let cell = rows[0][column(&header, "filter")].clone();
        assert_eq!(cell, "exclude_gguf=true", "{lang}");
        cells.push(cell);
        let json = read_json(&export(&mut app, 'j'));
        filters.push(json["filter"].clone());
    }
    assert_eq!(cells[0], cells[1]);
    assert_eq!(filters[0], filters[1]);
}

#[test]
fn csv_cells_are_guarded_and_cleaned() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let hostile = [
        ("a/formula", "=HYPERLINK(\"http://x\",\"y\")"),
        ("b/plus", "+1+1"),
        ("c/minus", "-2+3"),
        ("d/at", "@SUM(A1)"),
        ("e/controls", "\u{1b}]0;title\u{7}=1+1\u{0}"),
        ("f/newline", "text\ngeneration"),
    ];
    let models: Vec<_> = hostile
        .iter()
        .map(|(id, task)| model(id, Some(M), Some(task), 10, 1, "2024-01-01"))
        .collect();
    let mut app = app_exporting_to(Lang::En, dir.path(), models);
    let path = export(&mut app, 'c');
    let raw = std::fs::read_to_string(&path).expect("read");
    assert!(!raw.contains('\u{1b}'), "no escape");
    assert!(!raw.contains('\u{7}'), "no bell");
    assert!(!raw.contains('\u{0}'), "no null");
    let (header, rows) = read_csv(&path);
    let task = column(&header, "pipeline_tag");
    let cell = |id: &str| {
        rows.iter()
            .find(|row| row[0] == id)
            .map(|row| row[task].clone())
            .expect("listed")
    };
    assert_eq!(cell("a/formula"), "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(cell("b/plus"), "'+1+1");
    assert_eq!(cell("c/minus"), "'-2+3");
    assert_eq!(cell("d/at"), "'@SUM(A1)");
    assert_eq!(cell("e/controls"), "'=1+1");
    assert_eq!(cell("f/newline"), "text generation");

    let path = export(&mut app, 'j');
    let json = read_json(&path);
    let rows = json["rows"].as_array().expect("rows");
    let formula = rows.iter().find(|row| row["id"] == "e/controls").unwrap();
    assert_eq!(
        formula["pipeline_tag"], "=1+1",
        "JSON keeps the text, cleaned"
    );
}

#[test]
fn two_exports_never_overwrite() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    let first = export(&mut app, 'c');
    press(&mut app, KeyCode::Char('e'));
    // The same name as the first file, as when two exports fall in the same second.
    let stem = first.file_stem().unwrap().to_string_lossy().to_string();
    app.export_prompt.as_mut().unwrap().stem = stem;
    press(&mut app, KeyCode::Enter);
    let message = finish(&mut app);
    let second = first.with_file_name(format!(
        "{}-2.csv",
        first.file_stem().unwrap().to_string_lossy()
    ));
    assert!(second.exists(), "{message}");
    assert!(message.contains("-2.csv"), "{message}");
}

#[test]
fn unwritable_folder_reports_the_fix() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").expect("written");
    for lang in [Lang::En, Lang::Fr] {
        let mut app = app_exporting_to(lang, &file, models());
        press(&mut app, KeyCode::Char('e'));
        press(&mut app, KeyCode::Enter);
        let message = finish(&mut app);
        assert!(app.notice.as_ref().unwrap().error);
        assert!(message.contains("export_dir"), "{message}");
        let failed = lang.pick("export failed", "échec de l'export");
        assert!(message.starts_with(failed), "{message}");
    }
}

#[test]
fn threshold_histogram_and_sweep_files() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('2'));
    let json = read_json(&export(&mut app, 'j'));
    assert_eq!(json["view"], "histogram");
    let bins = json["rows"].as_array().expect("rows");
    let models: u64 = bins.iter().map(|bin| bin["models"].as_u64().unwrap()).sum();
    let slm: u64 = bins.iter().map(|bin| bin["slm"].as_u64().unwrap()).sum();
    assert_eq!(models, 13, "every model of known size");
    assert_eq!(slm, 6, "the SLMs at 7B");
    assert_eq!(json["settings"]["unknown_size_models"], 3);

    press(&mut app, KeyCode::Char('v'));
    let (header, rows) = read_csv(&export(&mut app, 'c'));
    assert_eq!(header[0], "step_params");
    assert_eq!(rows.len(), crate::analysis::STEPS.len());
    let at_7b = rows.iter().find(|row| row[1] == "7B").expect("a 7B step");
    assert_eq!(at_7b[column(&header, "slm")], "6");
    assert_eq!(at_7b[column(&header, "llm")], "7");
}

#[test]
fn tasks_file_lists_modalities_and_tasks() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::Fr, dir.path(), models());
    press(&mut app, KeyCode::Char('3'));
    let (header, rows) = read_csv(&export(&mut app, 'c'));
    assert_eq!(header[..3], ["row", "modality", "pipeline_tag"]);
    assert_eq!(rows[0][0], "modality");
    let generation = rows
        .iter()
        .find(|row| row[2] == "text-generation")
        .expect("a text-generation row");
    assert_eq!(generation[0], "task");
    assert_eq!(generation[1], "text");
    let models: u64 = rows
        .iter()
        .filter(|row| row[0] == "modality")
        .map(|row| row[column(&header, "models")].parse::<u64>().unwrap())
        .sum();
    assert_eq!(models, 16, "the modalities cover every model");
}

#[test]
fn csv_headers_never_repeat_a_name() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    for tab in ['1', '2', '3', '4', '5', '6'] {
        press(&mut app, KeyCode::Char(tab));
        let (header, _) = read_csv(&export(&mut app, 'c'));
        let mut names = header.clone();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), header.len(), "tab {tab}: {header:?}");
    }
}

#[test]
fn benchmarks_table_and_chart_files() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('4'));
    let json = read_json(&export(&mut app, 'j'));
    assert_eq!(json["view"], "table");
    assert_eq!(json["settings"]["benchmark_set"], "HumanEval · pass@1");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 9);
    assert_eq!(
        rows[0]["model"], "Mystery Coder",
        "sorted by score, best first"
    );
    assert!(rows[0]["params"].is_null());
    assert_eq!(rows[1]["hub_id"], "Qwen/Qwen2.5-Coder-7B-Instruct");
    let tiny = rows
        .iter()
        .find(|row| row["model"] == "tiny-coder")
        .unwrap();
    assert_eq!(tiny["hub_id"], "org/tiny-coder", "the linked Hub model");
    assert_eq!(tiny["params"], 494_000_000u64, "the linked model's size");
    assert_eq!(tiny["class"], "slm");

    press(&mut app, KeyCode::Char('v'));
    let json = read_json(&export(&mut app, 'j'));
    assert_eq!(json["view"], "chart");
    let points = json["rows"].as_array().expect("rows");
    assert_eq!(points.len(), 8, "the result of unknown size is not placed");
    assert!(points.iter().all(|point| point["log10_params"].is_f64()));
}

#[test]
fn trends_file_follows_the_view() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('5'));
    let (header, rows) = read_csv(&export(&mut app, 'c'));
    assert_eq!(
        header[..6],
        ["month", "models", "slm", "llm", "unknown", "slm_share"]
    );
    assert!(rows.iter().all(|row| row[0].len() == 7), "YYYY-MM months");
    assert_eq!(rows[0][column(&header, "weighting")], "count");

    press(&mut app, KeyCode::Char('v'));
    let json = read_json(&export(&mut app, 'j'));
    assert_eq!(json["view"], "downloads_by_creation_month");
    assert_eq!(json["settings"]["share_of"], "class");

    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('e'));
    assert!(app.export_prompt.is_none(), "no sync history to export");
    let notice = app.notice.as_ref().expect("a notice");
    assert!(notice.text.contains("syncs"), "{}", notice.text);
}

#[test]
fn compare_file_lists_changing_models() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('6'));
    let json = read_json(&export(&mut app, 'j'));
    assert_eq!(json["tab"], "compare");
    let b = json["settings"]["threshold_b"].as_u64().expect("B");
    let rows = json["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for row in rows {
        let params = row["params"].as_u64().expect("known size");
        assert!((7_000 * M..b).contains(&params), "{row}");
        assert_eq!(row["class_at_a"], "llm");
        assert_eq!(row["class_at_b"], "slm");
    }
    let downloads: Vec<u64> = rows
        .iter()
        .map(|row| row["downloads"].as_u64().unwrap_or(0))
        .collect();
    assert!(downloads.windows(2).all(|pair| pair[0] >= pair[1]));
}

// ---- y: OSC 52 ----

#[test]
fn y_copies_the_selected_id_in_search() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Down);
    let expected = ids(&app)[1].clone();
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.take_terminal_output(), osc52(&expected, false));
    let notice = app.notice.clone().expect("a notice");
    assert_eq!(notice.text, format!("copied {expected}"));
    assert!(!notice.error);
    assert!(app.take_terminal_output().is_empty(), "written once");

    app.in_tmux = true;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    let bytes = app.take_terminal_output();
    assert!(bytes.starts_with(b"\x1bPtmux;\x1b\x1b]52;c;"), "{bytes:?}");
    assert_eq!(bytes, osc52(&expected, true), "the detail view's model");
}

#[test]
fn y_writes_only_the_cleaned_id() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::Fr, dir.path(), models());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "evil");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    let bytes = app.take_terminal_output();
    assert_eq!(bytes, b"\x1b]52;c;ZXZpbC9yZWQtbW9kZWw=\x07".to_vec());
    assert_eq!(app.notice.unwrap().text, "copié : evil/red-model");
}

#[test]
fn y_copies_in_benchmarks_and_compare() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = app_exporting_to(Lang::En, dir.path(), models());
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        app.take_terminal_output(),
        osc52("Mystery Coder", false),
        "a result without a Hub id gives its name"
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        app.take_terminal_output(),
        osc52("Qwen/Qwen2.5-Coder-7B-Instruct", false)
    );

    press(&mut app, KeyCode::Char('6'));
    let data = super::panes::compare::CompareData {
        index: &app.data.index,
        ids: app.search.id_search.shared_ids(),
    };
    let first = app.compare.listed_models(data, app.threshold)[0];
    let expected = app.data.index.models()[first].id.clone();
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.take_terminal_output(), osc52(&expected, false));
}

#[test]
fn y_without_a_model_explains() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for lang in [Lang::En, Lang::Fr] {
        let mut app = app_exporting_to(lang, dir.path(), models());
        for digit in ['2', '3', '5'] {
            press(&mut app, KeyCode::Char(digit));
            press(&mut app, KeyCode::Char('y'));
            assert!(app.take_terminal_output().is_empty(), "tab {digit}");
            let notice = app.notice.clone().expect("a notice");
            assert!(notice.error);
            let expected = lang.pick("nothing to copy here", "rien à copier ici");
            assert!(notice.text.starts_with(expected), "{}", notice.text);
        }
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "zzzzzz");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('y'));
        assert!(app.take_terminal_output().is_empty());
        let expected = lang.pick("nothing to copy: the list", "rien à copier : la liste");
        assert!(app.notice.unwrap().text.starts_with(expected));
    }
}

// ---- the popup on screen ----

fn popup_screen(lang: Lang) -> String {
    let mut app = App::new(
        data(models()),
        TuiOptions {
            export_dir: Some(PathBuf::from("/home/lab/.local/share/slmscope/exports")),
            ..options(lang)
        },
    );
    press(&mut app, KeyCode::Char('e'));
    // A fixed name in place of the current time.
    app.export_prompt.as_mut().unwrap().stem = "search-7B-20261205-143012".to_string();
    text(&draw(&mut app, 80, 24))
}

#[test]
fn export_popup_en() {
    let screen = popup_screen(Lang::En);
    assert!(screen.contains("search-7B-20261205-143012.csv"), "{screen}");
    insta::assert_snapshot!("export_popup_en", screen);
}

#[test]
fn export_popup_fr() {
    let screen = popup_screen(Lang::Fr);
    assert!(screen.contains("Fichier"), "{screen}");
    insta::assert_snapshot!("export_popup_fr", screen);
}

#[test]
fn popup_fits_a_long_path() {
    let dir = Path::new("/tmp/a-rather-long-folder-name/holding/several/levels/of/exports/here");
    for lang in [Lang::En, Lang::Fr] {
        let mut app = app_exporting_to(lang, dir, models());
        press(&mut app, KeyCode::Char('e'));
        let name = app.export_prompt.as_ref().unwrap().file_name();
        for width in [80, 100] {
            let screen = text(&draw(&mut app, width, 24));
            let line = screen
                .lines()
                .find(|line| line.contains(lang.pick("File: ", "Fichier : ")))
                .unwrap_or_else(|| panic!("no path line at {width}:\n{screen}"));
            // The popup's text runs from its label to its right border.
            let label = line.find(lang.pick("File: ", "Fichier : ")).unwrap();
            let inside = line[label..].split('│').next().unwrap_or_default();
            assert!(
                inside.trim_end().ends_with(&name),
                "{width}: the file name is whole: {line}"
            );
            assert!(
                inside.contains('…'),
                "{width}: the folder is elided: {line}"
            );
            assert!(inside.contains("/tmp/"), "{width}: {line}");
        }
    }
}
