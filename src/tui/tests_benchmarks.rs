//! Tests of the Benchmarks pane: every key of the pane, the verdict block against hand-computed
//! values at 7B and 14B, the views drawn at 80x24 and 120x40 in English and French, and the pane
//! on the recorded leaderboard files.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use super::BenchmarkData;
use super::action::{Context, KEYMAP, lookup};
use super::panes::benchmarks::{
    BenchColumn, BenchView, BenchmarksFocus, DEFAULT_MARGIN, Domain, MAX_MARGIN,
};
use super::tests::{B, app, data, draw, models, options, press, screen, text, type_text};
use super::widgets::table::SortOrder;
use crate::i18n::Lang;
use crate::leaderboard::{BigCodeBenchSet, ReadOptions, domain_of, read_leaderboard_with};
use crate::model::{BenchmarkResult, ModelType, ResultOrigin};

/// Builds the app and opens the Benchmarks tab.
fn bench_app(lang: Lang) -> App {
    let mut app = app(lang);
    press(&mut app, KeyCode::Char('4'));
    app
}

/// Builds the app on a cache with `results` and opens the Benchmarks tab.
fn bench_app_with(lang: Lang, results: Vec<BenchmarkResult>) -> App {
    let mut data = data(models());
    data.benchmarks = BenchmarkData::new(results);
    let mut app = App::new(data, options(lang));
    press(&mut app, KeyCode::Char('4'));
    app
}

/// Returns the label of the set shown.
fn set_label(app: &App) -> Option<String> {
    let set = app.benchmarks.set?;
    Some(app.data.benchmarks.sets()[set].label())
}

/// Returns the model names of the rows, in display order.
fn names(app: &App) -> Vec<String> {
    app.benchmarks
        .rows
        .iter()
        .map(|&index| app.data.benchmarks.results()[index].model.clone())
        .collect()
}

/// Draws at 80x24 and 120x40, records both screens as snapshots `name_80x24` and
/// `name_120x40`, and returns them.
fn snapshot_both(app: &mut App, name: &str) -> (String, String) {
    let small = text(&draw(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_80x24"), small);
    let large = text(&draw(app, 120, 40));
    insta::assert_snapshot!(format!("{name}_120x40"), large);
    (small, large)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

// ---- keys ----

#[test]
fn sets_cycle_forward_and_back() {
    let mut app = bench_app(Lang::En);
    let expected = [
        "HumanEval · pass@1",
        "HumanEval · pass@10",
        "MedQA · accuracy",
        "ANLI\u{1b}[2J · accuracy",
        "MNLI · accuracy",
        "IFEval · normalized score (%)",
    ];
    assert_eq!(set_label(&app).as_deref(), Some(expected[0]));
    for label in &expected[1..] {
        assert!(press(&mut app, KeyCode::Char('b')));
        assert_eq!(set_label(&app).as_deref(), Some(*label));
    }
    assert!(
        press(&mut app, KeyCode::Char('b')),
        "wraps to the first set"
    );
    assert_eq!(set_label(&app).as_deref(), Some(expected[0]));
    assert!(
        press(&mut app, KeyCode::Char('B')),
        "back wraps to the last"
    );
    assert_eq!(set_label(&app).as_deref(), Some(expected[5]));
    assert!(screen(&mut app).contains("6/6 · general · 4 models"));
}

#[test]
fn set_change_resets_the_cursor() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.benchmarks.cursor.selected, 8);
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(app.benchmarks.cursor.selected, 0);
    assert_eq!(names(&app), ["Qwen2.5-Coder-7B"]);
}

#[test]
fn domain_restricts_the_offered_sets() {
    let mut app = bench_app(Lang::En);
    assert_eq!(app.benchmarks.domain, Domain::All);

    assert!(press(&mut app, KeyCode::Char('d')));
    assert_eq!(app.benchmarks.domain, Domain::Code);
    assert_eq!(set_label(&app).as_deref(), Some("HumanEval · pass@1"));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(
        set_label(&app).as_deref(),
        Some("HumanEval · pass@1"),
        "two code sets, so two steps come back"
    );
    assert!(screen(&mut app).contains("1/2 · domain: code · 9 models"));

    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.benchmarks.domain, Domain::Medical);
    assert_eq!(
        set_label(&app).as_deref(),
        Some("MedQA · accuracy"),
        "a set outside the domain gives way to the domain's first"
    );
    assert!(!press(&mut app, KeyCode::Char('b')), "the only medical set");

    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.benchmarks.domain, Domain::Nli);
    assert_eq!(app.benchmarks.offered_sets(&app.data.benchmarks).len(), 2);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.benchmarks.domain, Domain::General);
    assert_eq!(
        set_label(&app).as_deref(),
        Some("IFEval · normalized score (%)")
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.benchmarks.domain, Domain::All);
    assert_eq!(
        set_label(&app).as_deref(),
        Some("IFEval · normalized score (%)"),
        "every domain admits the set shown, so it stays"
    );
    assert_eq!(app.benchmarks.cursor.selected, 1, "and so does the cursor");
}

#[test]
fn domain_without_sets_message() {
    let code_only: Vec<BenchmarkResult> = super::tests::benchmarks()
        .into_iter()
        .filter(|result| result.domain == "code")
        .collect();
    let mut app = bench_app_with(Lang::En, code_only);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.benchmarks.domain, Domain::Medical);
    assert_eq!(app.benchmarks.set, None);
    assert!(app.benchmarks.rows.is_empty());
    assert!(!press(&mut app, KeyCode::Char('b')));
    assert!(!press(&mut app, KeyCode::Enter));
    assert!(!press(&mut app, KeyCode::Char('/')), "no set to list");
    let shown = screen(&mut app);
    assert!(shown.contains("no benchmark set"), "{shown}");
    assert!(shown.contains("0/0 · domain: medical"), "{shown}");
    assert!(
        shown.contains("No medical benchmark in this cache. Press d for the next domain."),
        "{shown}"
    );
}

#[test]
fn model_type_filter_cycles() {
    let mut app = bench_app(Lang::En);
    // Types present in the fixture, in ModelType::ALL order, then back to every type.
    let expected = [
        Some(ModelType::Pretrained),
        Some(ModelType::FineTuned),
        Some(ModelType::Chat),
        Some(ModelType::Moe),
        None,
    ];
    for kind in expected {
        assert!(press(&mut app, KeyCode::Char('T')));
        assert_eq!(app.benchmarks.filter.model_type, kind);
    }
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(app.benchmarks.filter.model_type, Some(ModelType::Chat));
    assert_eq!(
        names(&app),
        [
            "Qwen2.5-Coder-7B",
            "Phi-4",
            "Llama-3.1-8B",
            "Qwen2.5-Coder-1.5B"
        ]
    );
    let shown = screen(&mut app);
    assert!(shown.contains("type: chat · 4 of 9 models"), "{shown}");
}

#[test]
fn j_and_k_move_the_selection() {
    let mut app = bench_app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('j')));
    assert_eq!(app.benchmarks.cursor.selected, 1);
    assert!(press(&mut app, KeyCode::Char('k')));
    assert_eq!(app.benchmarks.cursor.selected, 0);
}

#[test]
fn filters_without_choices_change_nothing() {
    let untyped_undated: Vec<BenchmarkResult> = super::tests::benchmarks()
        .into_iter()
        .map(|mut result| {
            result.model_type = None;
            result.date = None;
            result
        })
        .collect();
    let mut app = bench_app_with(Lang::En, untyped_undated.clone());
    press(&mut app, KeyCode::Down);
    assert!(press(&mut app, KeyCode::Char('a')), "a explains itself");
    assert_eq!(app.benchmarks.filter.since_year, None);
    assert!(press(&mut app, KeyCode::Char('T')), "T explains itself");
    assert_eq!(app.benchmarks.filter.model_type, None);
    assert_eq!(app.benchmarks.cursor.selected, 1, "the cursor stays");

    for (lang, expected) in [
        (Lang::En, "T: no result of this set gives a model type"),
        (
            Lang::Fr,
            "T : aucun résultat de ce jeu n'indique de type de modèle",
        ),
    ] {
        let mut app = bench_app_with(lang, untyped_undated.clone());
        press(&mut app, KeyCode::Char('T'));
        let notice = app.notice.as_ref().expect("a status line notice");
        assert!(notice.text.starts_with(expected), "{}", notice.text);
        let screen = text(&draw(&mut app, 120, 40));
        assert!(screen.contains(expected), "{screen}");
    }
    for (lang, expected) in [
        (Lang::En, "a: no result of this set has a date"),
        (Lang::Fr, "a : aucun résultat de ce jeu n'est daté"),
    ] {
        let mut app = bench_app_with(lang, untyped_undated.clone());
        press(&mut app, KeyCode::Char('a'));
        let notice = app.notice.as_ref().expect("a status line notice");
        assert!(notice.text.starts_with(expected), "{}", notice.text);
    }
}

#[test]
fn date_filter_cycles() {
    // The years of the HumanEval set shown first: 2024 and 2025 (2023 is only in other sets).
    let mut app = bench_app(Lang::En);
    for year in [Some(2024), Some(2025), None] {
        assert!(press(&mut app, KeyCode::Char('a')));
        assert_eq!(app.benchmarks.filter.since_year, year);
    }
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.benchmarks.filter.since_year, Some(2024));
    assert_eq!(
        app.benchmarks.rows.len(),
        8,
        "every dated result: Mystery Coder has none"
    );
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(names(&app), ["tiny-coder"]);
    let shown = screen(&mut app);
    assert!(shown.contains("since 2025 · 1 of 9 models"), "{shown}");
}

#[test]
fn margin_stays_within_bounds() {
    let mut app = bench_app(Lang::En);
    assert_eq!(app.benchmarks.margin, DEFAULT_MARGIN);
    for expected in [4.0, 3.0, 2.0, 1.0, 0.0] {
        assert!(press(&mut app, KeyCode::Char('<')));
        assert_eq!(app.benchmarks.margin, expected);
    }
    assert!(!press(&mut app, KeyCode::Char('<')), "0 is the lowest");
    assert_eq!(app.benchmarks.margin, 0.0);
    // The best score, 90, is of unknown size: nothing of known size is within 0 points.
    assert!(screen(&mut app).contains("No model of known size within 0 pts of the best"));

    for _ in 0..20 {
        press(&mut app, KeyCode::Char('>'));
    }
    assert_eq!(app.benchmarks.margin, 20.0);
    // Floor 70: Qwen2.5-Coder-1.5B (1.5B, 70) is the smallest at or above it.
    assert!(
        screen(&mut app).contains("Smallest within 20 pts of the best (90.0): Qwen2.5-Coder-1.5B")
    );
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('>'));
    }
    for _ in 0..80 {
        press(&mut app, KeyCode::Char('>'));
    }
    assert_eq!(app.benchmarks.margin, MAX_MARGIN);
    assert!(!press(&mut app, KeyCode::Char('>')), "100 is the highest");
}

#[test]
fn margin_unit_agrees_in_french() {
    let mut app = bench_app(Lang::Fr);
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('<'));
    }
    assert_eq!(app.benchmarks.margin, 0.0);
    let shown = screen(&mut app);
    assert!(
        shown.contains("Aucun modèle de taille connue à 0 point du meilleur"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('>'));
    let shown = screen(&mut app);
    assert!(shown.contains("à 1 point du meilleur"), "{shown}");
    press(&mut app, KeyCode::Char('>'));
    let shown = screen(&mut app);
    assert!(shown.contains("à 2 points du meilleur"), "{shown}");
}

#[test]
fn margin_text_decimals_when_needed() {
    use super::panes::benchmarks::margin_text;
    assert_eq!(margin_text(5.0, Lang::En), "5");
    assert_eq!(margin_text(0.0, Lang::Fr), "0");
    assert_eq!(margin_text(2.5, Lang::En), "2.5");
    assert_eq!(margin_text(2.25, Lang::Fr), "2,25");
}

#[test]
fn sort_cycles_through_every_column() {
    let mut app = bench_app(Lang::En);
    let columns = [
        BenchColumn::Params,
        BenchColumn::Active,
        BenchColumn::PerBillion,
        BenchColumn::Date,
        BenchColumn::Model,
        BenchColumn::Score,
    ];
    for column in columns {
        press(&mut app, KeyCode::Down);
        assert!(press(&mut app, KeyCode::Char('s')));
        assert_eq!(app.benchmarks.sort.column, column);
        assert_eq!(app.benchmarks.cursor.selected, 0, "back to the top");
    }
    assert!(press(&mut app, KeyCode::Char('r')));
    assert_eq!(app.benchmarks.sort.order, SortOrder::Ascending);
}

/// Sorts the HumanEval pass@1 rows by `column` in both directions.
/// Sorts by `column` and returns the names in descending then ascending order.
fn sorted_both_ways(column: BenchColumn) -> (Vec<String>, Vec<String>) {
    let mut app = bench_app(Lang::En);
    while app.benchmarks.sort.column != column {
        press(&mut app, KeyCode::Char('s'));
    }
    let first = names(&app);
    press(&mut app, KeyCode::Char('r'));
    let second = names(&app);
    match app.benchmarks.sort.order {
        SortOrder::Ascending => (first, second),
        SortOrder::Descending => (second, first),
    }
}

#[test]
fn sort_by_size_keeps_unknown_sizes_last() {
    let (descending, ascending) = sorted_both_ways(BenchColumn::Params);
    assert_eq!(
        descending,
        [
            "Llama-3-70B",
            "DeepSeek-Coder-V2-Lite",
            "Phi-4",
            "Llama-3.1-8B",
            "Qwen2.5-Coder-7B",
            "gemma-2-2b",
            "Qwen2.5-Coder-1.5B",
            "tiny-coder",
            "Mystery Coder"
        ]
    );
    assert_eq!(
        ascending,
        [
            "tiny-coder",
            "Qwen2.5-Coder-1.5B",
            "gemma-2-2b",
            "Qwen2.5-Coder-7B",
            "Llama-3.1-8B",
            "Phi-4",
            "DeepSeek-Coder-V2-Lite",
            "Llama-3-70B",
            "Mystery Coder"
        ],
        "tiny-coder sorts by its linked Hub size, 494M, not the source's 1B"
    );
}

#[test]
fn sort_by_active_and_ratio() {
    let (descending, ascending) = sorted_both_ways(BenchColumn::Active);
    assert_eq!(descending[0], "DeepSeek-Coder-V2-Lite");
    assert_eq!(
        ascending[0], "DeepSeek-Coder-V2-Lite",
        "the only known value"
    );
    assert_eq!(
        ascending[1..],
        descending[1..],
        "unknown values keep the score order in both directions"
    );

    let (descending, ascending) = sorted_both_ways(BenchColumn::PerBillion);
    assert_eq!(
        descending,
        [
            "tiny-coder",
            "Qwen2.5-Coder-1.5B",
            "Qwen2.5-Coder-7B",
            "Llama-3.1-8B",
            "gemma-2-2b",
            "Phi-4",
            "DeepSeek-Coder-V2-Lite",
            "Llama-3-70B",
            "Mystery Coder"
        ]
    );
    assert_eq!(ascending[0], "Llama-3-70B");
    assert_eq!(ascending.last().unwrap(), "Mystery Coder");
}

#[test]
fn sort_by_date_and_model() {
    let (descending, ascending) = sorted_both_ways(BenchColumn::Date);
    assert_eq!(
        ascending,
        [
            "Llama-3-70B",
            "DeepSeek-Coder-V2-Lite",
            "Llama-3.1-8B",
            "gemma-2-2b",
            "Qwen2.5-Coder-7B",
            "Qwen2.5-Coder-1.5B",
            "Phi-4",
            "tiny-coder",
            "Mystery Coder"
        ],
        "equal dates go to the higher score; no date is last"
    );
    assert_eq!(descending[0], "tiny-coder");
    assert_eq!(descending.last().unwrap(), "Mystery Coder");

    let (descending, ascending) = sorted_both_ways(BenchColumn::Model);
    assert_eq!(ascending[0], "DeepSeek-Coder-V2-Lite");
    assert_eq!(ascending.last().unwrap(), "tiny-coder");
    assert_eq!(descending[0], "tiny-coder");
}

#[test]
fn model_sort_starts_from_a() {
    let mut app = bench_app(Lang::En);
    while app.benchmarks.sort.column != BenchColumn::Model {
        press(&mut app, KeyCode::Char('s'));
    }
    assert_eq!(app.benchmarks.sort.order, SortOrder::Ascending);
    assert_eq!(names(&app)[0], "DeepSeek-Coder-V2-Lite");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        app.benchmarks.sort.order,
        SortOrder::Descending,
        "scores start from the best again"
    );
}

#[test]
fn view_toggles_between_table_and_chart() {
    let mut app = bench_app(Lang::En);
    assert_eq!(app.benchmarks.view, BenchView::Table);
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.benchmarks.view, BenchView::Chart);
    let shown = screen(&mut app);
    assert!(shown.contains("100M"), "{shown}");
    assert!(shown.contains("1 not drawn: unknown size"), "{shown}");
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.benchmarks.view, BenchView::Table);
}

#[test]
fn chooser_filters_and_picks() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('b'));
    assert!(press(&mut app, KeyCode::Char('/')));
    assert_eq!(app.context(), Context::BenchmarkChooser);
    let BenchmarksFocus::Chooser(chooser) = &app.benchmarks.focus else {
        panic!("the chooser did not open: {:?}", app.benchmarks.focus);
    };
    assert_eq!(chooser.matches.len(), 6);
    assert_eq!(
        chooser.selected_set(),
        app.benchmarks.set,
        "the cursor starts on the set shown"
    );

    type_text(&mut app, "ifev");
    let BenchmarksFocus::Chooser(chooser) = &app.benchmarks.focus else {
        panic!("typing closed the chooser");
    };
    assert_eq!(chooser.query.text(), "ifev", "letters are typed, not keys");
    assert_eq!(chooser.matches.len(), 1);
    assert_eq!(app.benchmarks.filter.model_type, None, "k was not read");

    assert!(press(&mut app, KeyCode::Enter));
    assert_eq!(app.benchmarks.focus, BenchmarksFocus::Table);
    assert_eq!(
        set_label(&app).as_deref(),
        Some("IFEval · normalized score (%)")
    );
    assert_eq!(app.benchmarks.rows.len(), 4);
}

#[test]
fn chooser_query_without_match_and_esc() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzz");
    assert!(!press(&mut app, KeyCode::Enter), "nothing to pick");
    assert!(screen(&mut app).contains("No set matches the query."));
    assert!(press(&mut app, KeyCode::Backspace));
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.benchmarks.focus, BenchmarksFocus::Table);
    assert_eq!(set_label(&app).as_deref(), Some("HumanEval · pass@1"));
}

#[test]
fn chooser_counts_filtered_domain_sets() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.benchmarks.filter.since_year, Some(2024));
    press(&mut app, KeyCode::Char('/'));
    let BenchmarksFocus::Chooser(chooser) = &app.benchmarks.focus else {
        panic!("the chooser did not open");
    };
    assert_eq!(chooser.matches.len(), 2, "the two code sets");
    let shown = screen(&mut app);
    let row = shown
        .lines()
        .find(|line| line.contains("│HumanEval · pass@1 "))
        .unwrap();
    assert!(
        row.trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with('8'),
        "{row}"
    );
}

#[test]
fn detail_opens_and_closes() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Down);
    let selected = app.benchmarks.rows[1];
    assert!(press(&mut app, KeyCode::Enter));
    let BenchmarksFocus::Detail(detail) = &app.benchmarks.focus else {
        panic!("detail did not open: {:?}", app.benchmarks.focus);
    };
    assert_eq!(detail.result, selected);
    assert_eq!(app.context(), Context::BenchmarkDetail);
    assert!(!press(&mut app, KeyCode::Char('d')), "no domain change");
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.benchmarks.focus, BenchmarksFocus::Table);
    assert_eq!(app.benchmarks.cursor.selected, 1, "back on the same row");

    press(&mut app, KeyCode::Char('v'));
    assert!(
        press(&mut app, KeyCode::Enter),
        "the chart opens details too"
    );
    assert!(matches!(app.benchmarks.focus, BenchmarksFocus::Detail(_)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.benchmarks.view, BenchView::Chart);
}

#[test]
fn e_and_y_reach_export_and_copy() {
    // The pane binds neither key itself, so the global export and copy apply.
    assert_eq!(
        lookup(Context::Benchmarks, &key('e')),
        Some(crate::tui::action::Action::Export)
    );
    assert_eq!(
        lookup(Context::Benchmarks, &key('y')),
        Some(crate::tui::action::Action::CopyId)
    );
    let mut app = bench_app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('y')));
}

#[test]
fn no_key_is_bound_twice_in_a_context() {
    for table in KEYMAP {
        for (index, binding) in table.iter().enumerate() {
            for other in &table[index + 1..] {
                if other.context != binding.context {
                    continue;
                }
                for key in binding.keys {
                    assert!(
                        !other.keys.contains(key),
                        "{key:?} is bound twice in {:?}",
                        binding.context
                    );
                }
            }
        }
    }
}

#[test]
fn threshold_keys_redraw_verdicts() {
    let mut app = bench_app(Lang::En);
    assert!(screen(&mut app).contains("Best SLM  Qwen2.5-Coder-1.5B"));
    for _ in 0..3 {
        assert!(press(&mut app, KeyCode::Char('+')));
    }
    assert_eq!(app.threshold, 14 * B);
    let shown = screen(&mut app);
    assert!(shown.contains("Best SLM  Qwen2.5-Coder-7B"), "{shown}");
    assert!(press(&mut app, KeyCode::Char('[')));
    assert_eq!(app.threshold, 13 * B);
}

// ---- verdicts ----

#[test]
fn verdicts_at_7b() {
    let mut app = bench_app(Lang::En);
    let data = &app.data.benchmarks;
    let verdicts = app.benchmarks.verdicts(data, 7 * B).unwrap();
    let v = &verdicts.verdicts;
    assert_eq!(v.scored, 9);
    assert_eq!(v.unknown_size, 1, "Mystery Coder");
    assert_eq!((v.slms, v.llms), (3, 5));
    assert_eq!(v.best_slm.as_ref().unwrap().model, "Qwen2.5-Coder-1.5B");
    assert_eq!(v.best_llm.as_ref().unwrap().model, "Qwen2.5-Coder-7B");
    assert_eq!(v.gap, Some(70.0 - 88.0));
    let beats = v.beats.unwrap();
    assert_eq!((beats.beaten, beats.llms), (0, 5));
    let within = v.smallest_within_margin.as_ref().unwrap();
    assert_eq!(within.entry.model, "Qwen2.5-Coder-7B");
    assert_eq!(within.best_score, 90.0);
    // tiny-coder (494M, 35), Qwen2.5-Coder-1.5B (70), Qwen2.5-Coder-7B (88), by stored index.
    assert_eq!(verdicts.frontier, [0, 1, 8]);

    let shown = screen(&mut app);
    for line in [
        "Best SLM  Qwen2.5-Coder-1.5B  70.0 · beats 0 of 5 LLMs",
        "Best LLM  Qwen2.5-Coder-7B 7.6B  88.0 · gap SLM − LLM −18.0",
        "Smallest within 5 pts of the best (90.0): Qwen2.5-Coder-7B 7.6B",
    ] {
        assert!(shown.contains(line), "{line} missing:\n{shown}");
    }
}

#[test]
fn verdicts_at_14b() {
    let mut app = bench_app(Lang::En);
    let data = &app.data.benchmarks;
    let verdicts = app.benchmarks.verdicts(data, 14 * B).unwrap();
    let v = &verdicts.verdicts;
    assert_eq!((v.slms, v.llms), (5, 3));
    assert_eq!(v.best_slm.as_ref().unwrap().model, "Qwen2.5-Coder-7B");
    assert_eq!(v.best_llm.as_ref().unwrap().model, "Phi-4");
    assert_eq!(v.gap, Some(88.0 - 82.0));
    let beats = v.beats.unwrap();
    assert_eq!((beats.beaten, beats.llms), (3, 3));
    assert_eq!(
        verdicts.frontier,
        [0, 1, 8],
        "the frontier ignores the threshold"
    );

    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'));
    }
    let shown = screen(&mut app);
    for line in [
        "Best SLM  Qwen2.5-Coder-7B 7.6B  88.0 · beats 3 of 3 LLMs",
        "Best LLM  Phi-4 14.7B  82.0 · gap SLM − LLM +6.0",
    ] {
        assert!(shown.contains(line), "{line} missing:\n{shown}");
    }
}

#[test]
fn verdicts_are_cached_until_an_input_changes() {
    let mut app = bench_app(Lang::En);
    let first = app
        .benchmarks
        .verdicts(&app.data.benchmarks, 7 * B)
        .unwrap();
    let again = app
        .benchmarks
        .verdicts(&app.data.benchmarks, 7 * B)
        .unwrap();
    assert!(Arc::ptr_eq(&first, &again), "same inputs, same verdicts");

    let other_threshold = app
        .benchmarks
        .verdicts(&app.data.benchmarks, 8 * B)
        .unwrap();
    assert!(!Arc::ptr_eq(&first, &other_threshold));
    press(&mut app, KeyCode::Char('<'));
    let other_margin = app
        .benchmarks
        .verdicts(&app.data.benchmarks, 8 * B)
        .unwrap();
    assert!(!Arc::ptr_eq(&other_threshold, &other_margin));
    assert_eq!(other_margin.verdicts.margin, 4.0);
}

#[test]
fn frontier_rows_are_marked() {
    let mut app = bench_app(Lang::En);
    let shown = screen(&mut app);
    let marked: Vec<&str> = shown.lines().filter(|line| line.starts_with('◆')).collect();
    assert_eq!(marked.len(), 3, "{shown}");
    assert!(marked.iter().any(|line| line.contains("tiny-coder")));
    assert!(!shown.contains("◆ Phi-4"), "{shown}");
}

#[test]
fn hostile_set_label_is_cleaned() {
    let mut app = bench_app(Lang::En);
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('b'));
    }
    let shown = screen(&mut app);
    assert!(shown.contains("ANLI · accuracy"), "{shown}");
    assert!(!shown.contains('\u{1b}'));
    assert!(shown.contains("Best SLM  none: no SLM at 7B"), "{shown}");
    assert!(shown.contains("Best LLM  none: no LLM at 7B"), "{shown}");
    assert!(
        shown.contains("No model of known size within 5 pts of the best"),
        "{shown}"
    );
}

// ---- help and hints ----

#[test]
fn help_lists_the_new_keys() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('?'));
    let mut help = String::new();
    for _ in 0..6 {
        help.push_str(&text(&draw(&mut app, 80, 40)));
        press(&mut app, KeyCode::PageDown);
    }
    for expected in [
        "next benchmark set",
        "previous benchmark set",
        "choose a set from the list of every set",
        "switch between the table and the chart",
        "lower the margin N",
        "raise the margin N by 1",
        "offer only the sets of the next domain",
        "keep only the results of the next model type",
        "keep only the results dated from the next year on",
        "sort by the next column: score, params, active, score/B,",
        "reverse the sort order; unknown values stay last",
        "open the result's details",
        "Choosing a benchmark set",
        "filter the sets as you type",
        "Result details",
    ] {
        assert!(help.contains(expected), "{expected} missing:\n{help}");
    }
}

#[test]
fn status_hints_at_80_columns() {
    let mut app = bench_app(Lang::En);
    let shown = screen(&mut app);
    let hints = shown.lines().last().unwrap();
    assert!(
        hints.starts_with("b/B set  / sets  v chart  Enter details"),
        "{hints}"
    );
    assert!(hints.ends_with("q quit  +/- threshold  ? help"), "{hints}");

    let mut app = bench_app(Lang::Fr);
    let hints = screen(&mut app).lines().last().unwrap().to_string();
    assert!(
        hints.starts_with("b/B jeu  / jeux  v graphique  Entrée fiche"),
        "{hints}"
    );
    press(&mut app, KeyCode::Char('/'));
    let hints = screen(&mut app).lines().last().unwrap().to_string();
    assert!(hints.contains("Entrée choisir  Échap fermer"), "{hints}");
}

// ---- drawn views ----

#[test]
fn table_view_en() {
    let mut app = bench_app(Lang::En);
    let (small, large) = snapshot_both(&mut app, "bench_table_en");
    assert!(small.contains("HumanEval · pass@1"));
    assert!(small.contains("score ▼"));
    assert!(
        !small.contains("2024-09-19"),
        "the date column gives way at 80"
    );
    assert!(large.contains("2024-09-19"), "and shows at 120");
    assert!(large.contains("mixture of experts"));
}

#[test]
fn table_view_fr() {
    let mut app = bench_app(Lang::Fr);
    let (small, large) = snapshot_both(&mut app, "bench_table_fr");
    assert!(small.contains("Meilleur SLM  Qwen2.5-Coder-1.5B  70,0 · bat 0 LLM sur 5"));
    assert!(small.contains("écart SLM − LLM −18,0"));
    assert!(large.contains("mélange d'experts"));
}

#[test]
fn chart_view_en() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Down);
    let (small, large) = snapshot_both(&mut app, "bench_chart_en");
    for shown in [&small, &large] {
        assert!(shown.contains("1B"), "{shown}");
        assert!(shown.contains("10B"), "{shown}");
        assert!(
            shown.contains("● Qwen2.5-Coder-7B  7.6B  88.0  LLM"),
            "{shown}"
        );
        // Three frontier models on the plot, one of them selected and marked ●.
        let plot: String = shown
            .lines()
            .filter(|line| line.contains('┤') || line.contains('│'))
            .filter(|line| !line.contains("SLM"))
            .collect();
        assert_eq!(plot.matches('◆').count(), 2, "{shown}");
        assert_eq!(plot.matches('●').count(), 1, "{shown}");
    }
}

#[test]
fn chart_view_fr() {
    let mut app = bench_app(Lang::Fr);
    press(&mut app, KeyCode::Char('v'));
    let (small, _) = snapshot_both(&mut app, "bench_chart_fr");
    assert!(small.contains("1 non placé : taille inconnue"), "{small}");
    assert!(small.contains("● Mystery Coder  ?  90,0  inconnu  (non placé)"));
}

#[test]
fn chart_ticks_sit_on_their_decade() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    let shown = screen(&mut app);
    let lines: Vec<&str> = shown.lines().collect();
    let axis = lines.iter().position(|line| line.contains('└')).unwrap();
    let ticks: Vec<usize> = lines[axis]
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '┬')
        .map(|(x, _)| x)
        .collect();
    assert_eq!(ticks.len(), 4, "100M 1B 10B 100B:\n{shown}");
    let labels: Vec<char> = lines[axis + 1].chars().collect();
    for (tick, label) in ticks.iter().zip(["100M", "1B", "10B", "100B"]) {
        let around: String = labels[tick.saturating_sub(3)..(tick + 4).min(labels.len())]
            .iter()
            .collect();
        assert!(
            around.contains(label),
            "{label} is not under its tick: {around:?}"
        );
    }
    // The decades are evenly spaced on a log axis.
    let gaps: Vec<usize> = ticks.windows(2).map(|pair| pair[1] - pair[0]).collect();
    assert!(
        gaps.iter().max().unwrap() - gaps.iter().min().unwrap() <= 1,
        "{gaps:?}"
    );
}

#[test]
fn smallest_terminal_keeps_sizes() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    let shown = text(&draw(&mut app, 60, 16));
    assert!(
        shown.contains("Smallest within 5 pts of the best (90.0): Qwen2.5-Code… 7.6B"),
        "the name gives way to the size:\n{shown}"
    );
    let legend = shown
        .lines()
        .find(|line| line.starts_with("⣿ SLM"))
        .unwrap();
    assert!(legend.ends_with("1 not drawn: unknown size"), "{legend}");
    assert!(!legend.contains("frontier"), "{legend}");
}

#[test]
fn chooser_en() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    let (small, _) = snapshot_both(&mut app, "bench_chooser_en");
    assert!(small.contains("Benchmark sets"));
    assert!(small.contains("IFEval · normalized score (%)"));
}

#[test]
fn chooser_fr_with_query() {
    let mut app = bench_app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "acc");
    let (small, _) = snapshot_both(&mut app, "bench_chooser_fr");
    assert!(small.contains("Jeux de résultats"));
    assert!(small.contains("3 / 6"), "{small}");
    assert!(!small.contains("HumanEval · pass@10"), "{small}");
}

/// Opens the detail of tiny-coder: linked, typed, dated, with a link.
fn open_linked_detail(app: &mut App) {
    let position = names(app)
        .iter()
        .position(|name| name == "tiny-coder")
        .unwrap();
    for _ in 0..position {
        press(app, KeyCode::Down);
    }
    assert!(press(app, KeyCode::Enter));
}

#[test]
fn detail_en() {
    let mut app = bench_app(Lang::En);
    open_linked_detail(&mut app);
    let (small, large) = snapshot_both(&mut app, "bench_detail_en");
    for expected in [
        "tiny-coder · HumanEval",
        "model type            fine-tuned",
        "origin                imported leaderboard file",
        "link                  https://huggingface.co/org/tiny-coder",
        "params (source)       1B (1,000,000,000)",
        "linked Hub model      org/tiny-coder",
        "link rule             the result's link points to the model's Hub page",
        "Hub model params      494M (494,000,000), from safetensors",
        "size used             494M, the linked Hub model's count",
        "class                 SLM at 7B",
    ] {
        assert!(large.contains(expected), "{expected} missing:\n{large}");
    }
    assert!(small.contains("Esc back"));
}

#[test]
fn detail_fr() {
    let mut app = bench_app(Lang::Fr);
    open_linked_detail(&mut app);
    let (_, large) = snapshot_both(&mut app, "bench_detail_fr");
    for expected in [
        "type de modèle        affiné",
        "origine               fichier de classement importé",
        "params du Hub         494M (494\u{202f}000\u{202f}000), source : safetensors",
        "taille retenue        494M, le compte du modèle du Hub lié",
        "classe                SLM au seuil de 7B",
    ] {
        assert!(large.contains(expected), "{expected} missing:\n{large}");
    }
}

#[test]
fn detail_of_a_source_size() {
    let mut app = bench_app(Lang::En);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let shown = text(&draw(&mut app, 120, 40));
    assert!(shown.contains("hub_id                Qwen/Qwen2.5-Coder-7B-Instruct"));
    assert!(shown.contains("linked Hub model      none: no cached Hub model matches"));
    assert!(shown.contains("size used             7.6B, the source's count"));
    assert!(shown.contains("class                 LLM at 7B"));
}

#[test]
fn empty_no_results() {
    for lang in [Lang::En, Lang::Fr] {
        let mut app = bench_app_with(lang, Vec::new());
        let name = format!("bench_empty_{lang}");
        let (small, _) = snapshot_both(&mut app, &name);
        assert!(
            small.contains("slmscope import-benchmarks --db /home/lab/.cache/slmscope/cache.db"),
            "{small}"
        );
        assert!(!press(&mut app, KeyCode::Char('/')), "no set to choose");
        assert!(!press(&mut app, KeyCode::Enter));
    }
}

#[test]
fn empty_after_filters() {
    for lang in [Lang::En, Lang::Fr] {
        // A type of the first set that the next set does not have.
        let mut app = bench_app(lang);
        press(&mut app, KeyCode::Char('T'));
        assert_eq!(
            app.benchmarks.filter.model_type,
            Some(ModelType::Pretrained)
        );
        press(&mut app, KeyCode::Char('b'));
        let name = format!("bench_filtered_{lang}");
        let (small, _) = snapshot_both(&mut app, &name);
        let expected = match lang {
            Lang::En => "No result of HumanEval · pass@10 passes the filters (type: pretrained).",
            Lang::Fr => "Aucun résultat de HumanEval · pass@10 ne passe les filtres",
        };
        assert!(small.contains(expected), "{small}");
    }
}

#[test]
fn empty_class_at_threshold() {
    for lang in [Lang::En, Lang::Fr] {
        let mut app = bench_app(lang);
        press(&mut app, KeyCode::Char('b'));
        press(&mut app, KeyCode::Char('b'));
        let name = format!("bench_no_slm_{lang}");
        let (small, _) = snapshot_both(&mut app, &name);
        let expected = match lang {
            Lang::En => "Best SLM  none: no SLM at 7B",
            Lang::Fr => "Meilleur SLM  aucun : pas de SLM au seuil de 7B",
        };
        assert!(small.contains(expected), "{small}");
    }
}

// ---- recorded leaderboard files ----

const DATA_VAR: &str = "SLMSCOPE_TEST_DATA";

/// Reads the four recorded leaderboard files as stored results, or returns `None` after saying
/// why when the data variable is unset. Panics when it is set but a file is missing.
fn recorded_results(test: &str) -> Option<Vec<BenchmarkResult>> {
    let Some(root) = std::env::var_os(DATA_VAR) else {
        eprintln!(
            "skipped {test}: {DATA_VAR} is not set, so the recorded leaderboard files are not available"
        );
        return None;
    };
    let dir = PathBuf::from(root).join("leaderboards");
    let files = [
        ("open-llm-leaderboard-v2.csv", None),
        ("open-llm-leaderboard-v1.csv", None),
        ("bigcodebench-full.json", Some(BigCodeBenchSet::Full)),
        ("bigcodebench-hard.json", Some(BigCodeBenchSet::Hard)),
    ];
    let mut results = Vec::new();
    for (file, bigcodebench_set) in files {
        let path = dir.join(file);
        assert!(
            path.is_file(),
            "{DATA_VAR} is set but {} is missing",
            path.display()
        );
        let read = read_leaderboard_with(&path, ReadOptions { bigcodebench_set })
            .unwrap_or_else(|error| panic!("cannot read {}: {error:?}", path.display()));
        results.extend(read.rows.into_iter().map(|row| BenchmarkResult {
            domain: domain_of(&row.benchmark).to_string(),
            model: row.model,
            hub_id: row.hub_id,
            benchmark: row.benchmark,
            metric: row.metric,
            score: row.score,
            params_total: row.params_total,
            params_active: row.params_active,
            date: row.date,
            source: row.source,
            origin: ResultOrigin::Leaderboard,
            link: row.link,
            model_type: row.model_type,
            linked: None,
        }));
    }
    Some(results)
}

#[test]
fn recorded_leaderboards_readable_at_80x24() {
    let Some(results) = recorded_results("recorded_leaderboards_readable_at_80x24") else {
        return;
    };
    let started = Instant::now();
    let mut app = bench_app_with(Lang::En, results);
    let loaded = started.elapsed();

    // Find the IFEval set of the Open LLM Leaderboard v2: one row per record.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ifeval");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        set_label(&app).as_deref(),
        Some("IFEval · normalized score (%)")
    );
    // 4,576 records, some of them resubmissions of a model, which keeps its best score.
    let set = &app.data.benchmarks.sets()[app.benchmarks.set.unwrap()];
    assert_eq!(set.rows.len() + set.duplicates, 4_576);
    assert_eq!(app.benchmarks.rows.len(), set.rows.len());
    let models = format!("{} models", Lang::En.int(set.rows.len() as u64));

    let started = Instant::now();
    let shown = screen(&mut app);
    let first_frame = started.elapsed();
    let started = Instant::now();
    let again = screen(&mut app);
    let cached_frame = started.elapsed();
    assert_eq!(shown, again);
    println!("load {loaded:?}, first frame {first_frame:?}, cached frame {cached_frame:?}");

    let lines: Vec<&str> = shown.lines().collect();
    assert!(
        lines[1].starts_with("IFEval · normalized score (%)"),
        "{shown}"
    );
    assert!(lines[1].ends_with(&models), "{shown}");
    assert!(lines[2].starts_with("Best SLM  "), "{shown}");
    assert!(lines[3].starts_with("Best LLM  "), "{shown}");
    assert!(
        lines[4].starts_with("Smallest within 5 pts of the best"),
        "{shown}"
    );
    assert!(lines[5].contains("score ▼"), "{shown}");
    assert_eq!(
        lines[6..22]
            .iter()
            .filter(|line| !line.trim().is_empty())
            .count(),
        16,
        "a full page of rows:\n{shown}"
    );
    for line in &lines {
        assert!(line.chars().count() <= 80, "{line}");
    }

    press(&mut app, KeyCode::Char('v'));
    let chart = screen(&mut app);
    let unknown = app
        .benchmarks
        .rows
        .iter()
        .filter(|&&index| app.data.benchmarks.results()[index].size().is_none())
        .count();
    assert!(
        chart.contains(&format!("{unknown} not drawn: unknown size")),
        "{chart}"
    );
    assert!(chart.contains("10B"), "{chart}");

    press(&mut app, KeyCode::Char('v'));
    while app.benchmarks.sort.column != BenchColumn::PerBillion {
        press(&mut app, KeyCode::Char('s'));
    }
    let ranking = screen(&mut app);
    assert!(ranking.contains("score/B ▼"), "{ranking}");
}

#[test]
fn recorded_leaderboards_group_into_sets() {
    let Some(results) = recorded_results("recorded_leaderboards_group_into_sets") else {
        return;
    };
    let data = BenchmarkData::new(results);
    let labels: Vec<String> = data.sets().iter().map(|set| set.label()).collect();
    // BigCodeBench full and hard, Complete and Instruct, lead as code sets.
    assert_eq!(data.sets()[0].domain, "code", "{labels:?}");
    assert!(
        labels
            .iter()
            .any(|label| label.starts_with("BigCodeBench-Hard"))
    );
    assert!(labels.iter().any(|label| label.starts_with("MMLU-PRO")));
    assert!(labels.iter().any(|label| label.starts_with("HellaSwag")));
    assert!(data.years().contains(&2024));
    assert!(data.model_types().contains(&ModelType::Moe));
}

#[test]
fn filtered_out_suggests_only_useful_keys() {
    // Two NLI sets without model types: ANLI R1 dated 2020, ANLI R3 dated 2025. A year filter
    // of 2025 on ANLI R3 leaves nothing of ANLI R1, and T has no type to offer there.
    let dated = |benchmark: &str, model: &str, date: &str| {
        let mut result = super::tests::result(model, benchmark, "accuracy", 50.0, Some(B));
        result.date = Some(date.to_string());
        result
    };
    let results = vec![
        dated("ANLI R1", "old-a", "2020-01-01"),
        dated("ANLI R1", "old-b", "2020-02-01"),
        dated("ANLI R3", "new-a", "2025-01-01"),
    ];
    for (lang, expected, absent) in [
        (
            Lang::En,
            "No result of ANLI R1 · accuracy passes the filters (since 2025). Press a for another date or b for another set.",
            "Press T",
        ),
        (
            Lang::Fr,
            "Aucun résultat d'ANLI R1 · accuracy ne passe les filtres (depuis 2025). Appuyez sur a pour une autre date ou b pour un autre jeu.",
            "T pour",
        ),
    ] {
        let mut app = bench_app_with(lang, results.clone());
        while set_label(&app).as_deref() != Some("ANLI R3 · accuracy") {
            assert!(press(&mut app, KeyCode::Char('b')), "ANLI R3 is offered");
        }
        press(&mut app, KeyCode::Char('a'));
        assert_eq!(app.benchmarks.filter.since_year, Some(2025));
        press(&mut app, KeyCode::Char('b'));
        assert_eq!(set_label(&app).as_deref(), Some("ANLI R1 · accuracy"));
        assert!(app.benchmarks.rows.is_empty(), "the filter leaves nothing");
        let shown = text(&draw(&mut app, 200, 30)).replace('\n', " ");
        let shown: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(shown.contains(expected), "{shown}");
        assert!(!shown.contains(absent), "{shown}");
    }
}
