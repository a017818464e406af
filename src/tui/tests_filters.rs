//! Tests of the filters in the UI: the form driven through keys, every pane following the
//! filtered index, the remembered file, and the popup and status bar drawn at 80x24.

use std::path::Path;

use crossterm::event::KeyCode;

use super::TuiOptions;
use super::action::Context;
use super::app::App;
use super::panes::filter::Field;
use super::panes::search::SearchState;
use super::sync_task::Refresh;
use super::tests::{B, NO_HUB, data, draw, ids, models, press, screen, text, type_text};
use crate::analysis::Index;
use crate::analysis::filter::{Filter, UnknownSizes};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;

fn app_saving_to(lang: Lang, path: Option<&Path>) -> App {
    App::new(
        data(models()),
        TuiOptions {
            lang,
            threshold: DEFAULT_THRESHOLD,
            color: true,
            sync_endpoint: Some(NO_HUB.to_string()),
            filters_path: path.map(Path::to_path_buf),
            export_dir: None,
            notice: None,
            theme: super::ThemeName::Dark,
            keymap: super::Keymap::default(),
            mouse: false,
        },
    )
}

fn app(lang: Lang) -> App {
    app_saving_to(lang, None)
}

/// Moves the form's focus down to `field` from the first row.
fn focus(app: &mut App, field: Field) {
    while app.filter_form.as_ref().expect("the form is open").focus != field {
        press(app, KeyCode::Down);
    }
}

/// Opens the form and picks the most frequent task, text-generation (10 of the 16 models).
fn filter_text_generation(app: &mut App) {
    press(app, KeyCode::Char('f'));
    press(app, KeyCode::Right);
    press(app, KeyCode::Enter);
}

#[test]
fn f_opens_the_form_and_esc_cancels() {
    let mut app = app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('f')));
    assert_eq!(app.context(), Context::FilterForm);
    press(&mut app, KeyCode::Right);
    assert!(press(&mut app, KeyCode::Esc));
    assert!(app.filter_form.is_none());
    assert!(app.filter.is_empty(), "Esc keeps the filters as they were");
    assert_eq!(app.data.index.len(), 16);
}

#[test]
fn letters_in_the_form_are_typed_not_keys() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::Author);
    type_text(&mut app, "qwen");
    assert!(!app.should_quit(), "q is typed into the form");
    assert_eq!(app.context(), Context::FilterForm);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.author.as_deref(), Some("qwen"));
    assert_eq!(app.data.index.len(), 2, "Qwen/ ids in any case");
}

#[test]
fn applied_filter_reaches_every_pane() {
    let mut app = app(Lang::En);
    filter_text_generation(&mut app);
    assert_eq!(app.filter.task.as_deref(), Some("text-generation"));
    assert_eq!(app.data.index.len(), 10);
    assert_eq!(app.cached_models().len(), 16);

    // By hand at 7B among the ten: SLM Qwen 0.5B, gemma 270M, evil 1.1B; LLM Qwen 7.6B,
    // Llama 8B and 70B, phi-4, Mixtral, DeepSeek-V3; unknown mystery-model.
    let split = app.data.index.split(DEFAULT_THRESHOLD);
    assert_eq!(split.slm.count, 3);
    assert_eq!(split.llm.count, 6);
    assert_eq!(split.unknown.count, 1);
    assert_eq!(
        ids(&app).len(),
        10,
        "the Search pane lists the filtered models"
    );

    let search = screen(&mut app);
    assert!(search.contains("10 of 16 models"), "{search}");
    assert!(
        search.contains("SLM 3 │ LLM 6 │ unknown 1 │ filters: text-generation"),
        "{search}"
    );
    press(&mut app, KeyCode::Char('3'));
    let tasks = screen(&mut app);
    assert!(tasks.contains("text-generation"), "{tasks}");
    assert!(
        !tasks.contains("fill-mask"),
        "other tasks are filtered out: {tasks}"
    );
}

#[test]
fn model_filters_reach_linked_benchmark_results() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('4'));
    let names = |app: &App| -> Vec<String> {
        app.benchmarks
            .rows
            .iter()
            .map(|&index| app.data.benchmarks.results()[index].model.clone())
            .collect()
    };
    let before = names(&app);
    assert!(before.contains(&"tiny-coder".to_string()), "{before:?}");

    // tiny-coder is linked to org/tiny-coder, which an author filter on Qwen leaves out. The
    // other results are linked to no cached model, so no model filter can judge them.
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::Author);
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Enter);
    let filtered = names(&app);
    assert!(
        !filtered.contains(&"tiny-coder".to_string()),
        "{filtered:?}"
    );
    assert_eq!(filtered.len(), before.len() - 1);

    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        names(&app).len(),
        before.len(),
        "clearing the filters brings it back"
    );
}

#[test]
fn x_clears_every_filter_at_once() {
    let mut app = app(Lang::En);
    assert!(!press(&mut app, KeyCode::Char('x')), "nothing to clear");
    filter_text_generation(&mut app);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::ExcludeGguf);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert!(app.filter.exclude_gguf);
    assert!(press(&mut app, KeyCode::Char('x')));
    assert!(app.filter.is_empty());
    assert_eq!(app.data.index.len(), 16);
    assert!(!screen(&mut app).contains("filters:"));
}

#[test]
fn invalid_values_are_shown_inline_and_block_enter() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::MinParams);
    type_text(&mut app, "7x");
    let form = screen(&mut app);
    assert!(
        form.contains("✗ write a size such as 7B, 1.5b or 500M"),
        "{form}"
    );
    assert!(form.contains("Fix the rows marked ✗"), "{form}");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.filter_form.is_some(),
        "Enter on an invalid value keeps the form"
    );
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Char('B'));
    press(&mut app, KeyCode::Enter);
    assert!(app.filter_form.is_none());
    assert_eq!(app.filter.min_params, Some(7 * B));
    // 7B and up: seven models of known size, and the three of unknown size stay.
    assert_eq!(app.data.index.len(), 10);
}

#[test]
fn search_query_survives_a_filter_change() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Esc);
    assert_eq!(ids(&app).len(), 2);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::MinParams);
    type_text(&mut app, "1B");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.search.query.text(), "qwen");
    assert_eq!(ids(&app), vec!["Qwen/Qwen2.5-7B-Instruct".to_string()]);
}

#[test]
fn sync_refresh_keeps_the_filter() {
    let mut app = app(Lang::En);
    filter_text_generation(&mut app);
    let mut refreshed = models();
    refreshed.push(super::tests::model(
        "new/text-model",
        Some(3 * B),
        Some("text-generation"),
        5,
        0,
        "2025-05-05",
    ));
    refreshed.push(super::tests::model(
        "new/vision-model",
        Some(3 * B),
        Some("image-classification"),
        5,
        0,
        "2025-05-05",
    ));
    let index = Index::build(refreshed);
    let search = SearchState::new(index.models());
    app.replace_models(Refresh {
        index,
        search,
        history: None,
    });
    assert_eq!(app.cached_models().len(), 18);
    assert_eq!(
        app.data.index.len(),
        11,
        "only the new text-generation model joins"
    );
    assert!(ids(&app).contains(&"new/text-model".to_string()));
}

#[test]
fn filters_are_saved_and_loaded_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("state")
        .join("slmscope")
        .join("filters.json");
    let mut first = app_saving_to(Lang::En, Some(&path));
    assert!(!path.exists(), "nothing is written before a change");
    filter_text_generation(&mut first);
    press(&mut first, KeyCode::Char('f'));
    focus(&mut first, Field::UnknownSizes);
    press(&mut first, KeyCode::Char(' '));
    press(&mut first, KeyCode::Enter);
    let saved: Filter = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved, first.filter);
    assert_eq!(saved.unknown_sizes, UnknownSizes::Exclude);

    let second = app_saving_to(Lang::En, Some(&path));
    assert_eq!(second.filter, saved);
    assert_eq!(
        second.data.index.len(),
        9,
        "ten text-generation models less one unknown"
    );
    assert!(second.notice.is_none());

    let mut third = second;
    press(&mut third, KeyCode::Char('x'));
    let cleared: Filter = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(cleared.is_empty(), "clearing is remembered too");
}

#[test]
fn configuration_error_shows_before_filters_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filters.json");
    std::fs::write(&path, "{\"min_params\": \"seven\"").unwrap();
    for (lang, config, filters) in [
        (
            Lang::En,
            "configuration: c.toml, line 2: key `lang`",
            "filters not loaded from",
        ),
        (
            Lang::Fr,
            "configuration : c.toml, ligne 2 : clé `lang`",
            "filtres non chargés depuis",
        ),
    ] {
        let mut app = App::new(
            data(models()),
            TuiOptions {
                filters_path: Some(path.clone()),
                notice: Some(format!("{config} : attendu \"en\" ou \"fr\"")),
                ..super::tests::options(lang)
            },
        );
        let notice = app.notice.clone().expect("a notice");
        assert!(notice.error);
        assert!(notice.text.starts_with(config), "{}", notice.text);
        assert!(notice.text.contains(filters), "{}", notice.text);
        let shown = screen(&mut app);
        assert!(shown.contains(config), "{shown}");
    }
}

#[test]
fn bad_file_gives_a_notice_and_no_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filters.json");
    let garbage = "{\"min_params\": \"seven\"";
    std::fs::write(&path, garbage).unwrap();
    let mut app = app_saving_to(Lang::En, Some(&path));
    assert!(app.filter.is_empty());
    assert_eq!(app.data.index.len(), 16);
    let notice = app
        .notice
        .clone()
        .expect("a notice explains the ignored file");
    assert!(notice.error);
    assert!(
        notice.text.contains(&path.display().to_string()),
        "{}",
        notice.text
    );
    assert!(
        notice.text.contains("fix or delete the file"),
        "{}",
        notice.text
    );
    let shown = screen(&mut app);
    assert!(shown.contains("filters not loaded from"), "{shown}");
    assert!(
        shown.contains("press f to replace it"),
        "the whole notice shows over both status rows at 80 columns: {shown}"
    );
    assert!(
        notice.text.contains("invalid JSON at line 1, column"),
        "{}",
        notice.text
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        garbage,
        "left as it was"
    );

    filter_text_generation(&mut app);
    let saved: Filter = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        saved.task.as_deref(),
        Some("text-generation"),
        "replaced on change"
    );

    let french = app_saving_to(Lang::Fr, Some(dir.path()));
    let notice = french.notice.expect("a folder is not a filter file");
    assert!(
        notice.text.contains("corrigez ou supprimez"),
        "{}",
        notice.text
    );
}

#[test]
fn filter_keeping_nothing_says_so() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::Author);
    type_text(&mut app, "nobody");
    press(&mut app, KeyCode::Enter);
    assert!(app.data.index.is_empty());
    let screen = screen(&mut app);
    assert!(
        screen.contains("The filters keep none of the 16 cached models"),
        "{screen}"
    );
    assert!(!screen.contains("contains no models yet"), "{screen}");
}

// ---- drawing at 80x24 ----

/// Opens the form with a task, an author, a bad date, a size and GGUF left out.
fn app_with_filled_form(lang: Lang) -> App {
    let mut app = app(lang);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right);
    focus(&mut app, Field::Author);
    type_text(&mut app, "meta-llama");
    focus(&mut app, Field::CreatedAfter);
    type_text(&mut app, "2024-7-1");
    focus(&mut app, Field::MaxParams);
    type_text(&mut app, "100B");
    focus(&mut app, Field::ExcludeGguf);
    press(&mut app, KeyCode::Char(' '));
    app
}

#[test]
fn filter_form_en() {
    let mut app = app_with_filled_form(Lang::En);
    let screen = screen(&mut app);
    insta::assert_snapshot!("filter_form_en", screen);
    assert!(screen.contains("Filters"));
    assert!(screen.contains("text-generation"));
    assert!(screen.contains("✗ write a day as YYYY-MM-DD"));
    assert!(screen.contains("[x]"));
    assert!(
        screen.contains("Enter apply"),
        "hints of the form: {screen}"
    );
}

#[test]
fn filter_form_fr() {
    let mut app = app_with_filled_form(Lang::Fr);
    focus(&mut app, Field::CreatedAfter);
    for _ in 0.."2024-7-1".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2024-07-01");
    let screen = screen(&mut app);
    insta::assert_snapshot!("filter_form_fr", screen);
    assert!(screen.contains("Filtres"));
    assert!(
        screen.contains("Garde les modèles"),
        "valid: the description shows: {screen}"
    );
    assert!(screen.contains("2024-07-01"), "{screen}");
}

#[test]
fn filtered_status_bar_en() {
    let mut app = app_with_filled_form(Lang::En);
    focus(&mut app, Field::CreatedAfter);
    for _ in 0.."2024-7-1".len() {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    let screen = screen(&mut app);
    insta::assert_snapshot!("filtered_status_en", screen);
    assert!(screen.contains("2 of 16 models"), "{screen}");
    assert!(
        screen.contains("filters: text-generation, by meta-ll…"),
        "{screen}"
    );
}

#[test]
fn filtered_status_bar_fr() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::ExcludeGguf);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    let screen = screen(&mut app);
    insta::assert_snapshot!("filtered_status_fr", screen);
    assert!(screen.contains("12 sur 16 modèles"), "{screen}");
    assert!(
        screen.contains("filtres : sans GGUF, tailles connues"),
        "{screen}"
    );
}

#[test]
fn form_fits_the_smallest_and_wide_terminals() {
    let mut app = app_with_filled_form(Lang::Fr);
    let wide = text(&draw(&mut app, 120, 30));
    assert!(wide.contains("Exclure GGUF"), "{wide}");
    assert!(wide.contains("Tailles inconnues"), "{wide}");
    let small = text(&draw(&mut app, 60, 16));
    assert!(small.contains("Filtres"), "{small}");
    assert!(small.contains("Tâche"), "{small}");
}

#[test]
fn large_filtered_count_fits_80_columns_in_french() {
    let mut many = models();
    for index in 0..4_700 {
        many.push(crate::model::Model::minimal(
            &format!("org/extra-{index}"),
            None,
        ));
    }
    let mut app = App::new(data(many), super::tests::options(Lang::Fr));
    press(&mut app, KeyCode::Char('f'));
    focus(&mut app, Field::ExcludeGguf);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    let shown = text(&draw(&mut app, 80, 24));
    let tab_row = shown.lines().next().unwrap();
    assert!(tab_row.contains("6 A/B"), "{tab_row}");
    assert!(
        tab_row.trim_end().ends_with("4\u{202f}715/4\u{202f}716"),
        "the count in figures when the words do not fit: {tab_row}"
    );
}
