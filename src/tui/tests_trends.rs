//! Tests of the Trends pane: keys driven through the App, and every view drawn in English and
//! French at 80x24 and 120x40.

use std::sync::Arc;

use crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::panes::trends::TrendsView;
use super::tests::{B, data, draw, models, options, press, text};
use super::{AppData, ThemeName};
use crate::i18n::Lang;
use crate::model::SyncHistory;

fn app_with_data(lang: Lang, data: AppData) -> App {
    let mut app = App::new(data, options(lang));
    press(&mut app, KeyCode::Char('5'));
    app
}

fn trends_app(lang: Lang) -> App {
    app_with_data(lang, data(models()))
}

/// Three syncs of four of the fixture's models; `gone/model` is not in the cache.
fn history() -> Vec<SyncHistory> {
    let sync = |sync_id: i64, day: &str, status: &str, small: u64, large: u64| SyncHistory {
        sync_id,
        time: format!("2025-{day}T12:00:00.000Z"),
        status: status.to_string(),
        downloads: vec![
            ("Qwen/Qwen2.5-0.5B-Instruct".to_string(), Some(small)),
            ("gone/model".to_string(), Some(1_000_000_000)),
            ("meta-llama/Llama-3.1-8B-Instruct".to_string(), Some(large)),
            ("microsoft/phi-4".to_string(), Some(large / 2)),
            ("unknown-org/mystery-model".to_string(), None),
        ],
    };
    vec![
        sync(1, "06-01", "finished", 1_000_000, 4_000_000),
        sync(2, "07-01", "cancelled", 2_000_000, 4_400_000),
        sync(3, "08-01", "finished", 2_500_000, 5_000_000),
    ]
}

fn history_app(lang: Lang) -> App {
    let mut data = data(models());
    data.history = Arc::new(history());
    let mut app = app_with_data(lang, data);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('v'));
    app
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    text(&draw(app, width, height))
}

// ---- state, driven through keys ----

#[test]
fn keys_cycle_views_tasks_and_weighting() {
    let mut app = trends_app(Lang::En);
    assert_eq!(app.tab, Tab::Trends);
    assert_eq!(app.trends.view, TrendsView::Share);

    assert!(press(&mut app, KeyCode::Char('w')));
    assert!(app.trends.weighted);
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.trends.view, TrendsView::Usage);
    assert!(press(&mut app, KeyCode::Char('n')));
    assert!(app.trends.of_all);
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.trends.view, TrendsView::History);
    assert!(press(&mut app, KeyCode::Char('v')));
    assert_eq!(app.trends.view, TrendsView::Share);

    // Tasks by size: text-generation (10 models), then the ties of one model by name.
    assert!(press(&mut app, KeyCode::Char('c')));
    assert_eq!(app.trends.task.as_deref(), Some("text-generation"));
    assert!(press(&mut app, KeyCode::Char('c')));
    assert_eq!(
        app.trends.task.as_deref(),
        Some("automatic-speech-recognition")
    );
    assert!(press(&mut app, KeyCode::Char('C')));
    assert!(press(&mut app, KeyCode::Char('C')));
    assert_eq!(app.trends.task, None, "back to all tasks");
    assert!(press(&mut app, KeyCode::Char('C')));
    assert_eq!(
        app.trends.task.as_deref(),
        Some("text-to-image"),
        "C wraps to the smallest task listed"
    );

    assert!(
        press(&mut app, KeyCode::Char('2')),
        "global keys still work"
    );
    assert_eq!(app.tab, Tab::Threshold);
    assert!(press(&mut app, KeyCode::Char('5')));
    assert_eq!(
        app.trends.task.as_deref(),
        Some("text-to-image"),
        "state kept"
    );
}

#[test]
fn buckets_follow_the_task() {
    let mut app = trends_app(Lang::En);
    let all = screen(&mut app, 80, 24);
    assert!(
        all.contains("Before dates were recorded: 2 models (2 SLM, 0 LLM, 0 unknown)"),
        "{all}"
    );
    assert!(all.contains("No date: 0 models"), "{all}");
    assert!(!all.contains("2022-03"), "the placeholder is never a month");

    press(&mut app, KeyCode::Char('c'));
    let generation = screen(&mut app, 80, 24);
    assert!(generation.contains("· text-generation"), "{generation}");
    assert!(
        generation.contains("Before dates were recorded: 0 models"),
        "{generation}"
    );
}

#[test]
fn latest_share_follows_threshold() {
    // 2025-08 contains one model, gemma-3-270m: an SLM at 7B, by count and by downloads.
    let mut app = trends_app(Lang::En);
    assert!(screen(&mut app, 80, 24).contains("2025-08: SLM 100.0% of 1 model"));
    // Lowering the threshold to 250M makes it an LLM.
    for _ in 0..7 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(app.threshold, 250_000_000);
    assert!(screen(&mut app, 80, 24).contains("2025-08: SLM 0.0% of 1 model"));
    press(&mut app, KeyCode::Char('w'));
    let weighted = screen(&mut app, 80, 24);
    assert!(weighted.contains("by downloads"), "{weighted}");
}

#[test]
fn history_follows_the_threshold() {
    let mut app = history_app(Lang::En);
    let at_7b = screen(&mut app, 80, 24);
    assert!(
        at_7b.contains("Latest sync: SLM 2.5M · LLM 7.5M · unknown 0 downloads"),
        "an id outside the index is ignored:\n{at_7b}"
    );
    assert!(
        at_7b.contains("3 syncs, 2025-06-01 to 2025-08-01"),
        "{at_7b}"
    );
    assert!(at_7b.contains("Unfinished syncs"), "{at_7b}");
    assert!(
        at_7b.contains("Models per sync: 4 · 4 · 4"),
        "every sync's count fits 80 columns: {at_7b}"
    );

    // 7B → 8B → 13B → 14B: Llama-3.1-8B becomes an SLM, phi-4 (14.7B) stays an LLM.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert_eq!(app.threshold, 14 * B);
    let at_14b = screen(&mut app, 80, 24);
    assert!(
        at_14b.contains("Latest sync: SLM 7.5M · LLM 2.5M"),
        "{at_14b}"
    );
}

#[test]
fn history_needs_two_syncs() {
    let mut data = data(models());
    data.history = Arc::new(history().into_iter().take(1).collect());
    let mut app = app_with_data(Lang::En, data);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('v'));
    let screen = screen(&mut app, 80, 24);
    assert!(
        screen.contains("need 2 syncs or more") && screen.contains("holds 1."),
        "{screen}"
    );
}

#[test]
fn history_sync_key_stays_with_label() {
    for lang in [Lang::En, Lang::Fr] {
        for width in 60..=120 {
            let mut data = data(models());
            data.history = Arc::new(history().into_iter().take(1).collect());
            let mut app = app_with_data(lang, data);
            press(&mut app, KeyCode::Char('v'));
            press(&mut app, KeyCode::Char('v'));
            let screen = screen(&mut app, width, 24);
            let label = lang.pick("S\u{a0}to", "S\u{a0}synchronise");
            assert!(screen.contains(label), "{lang} at {width}: {screen}");
            for line in screen.lines() {
                let line = line.trim_end_matches([' ', '│']).trim_end();
                assert!(!line.ends_with(" S"), "{lang} at {width}: {line:?}");
            }
        }
    }
}

#[test]
fn empty_cache_is_explained_on_trends() {
    let mut app = app_with_data(Lang::Fr, data(Vec::new()));
    let screen = screen(&mut app, 80, 24);
    assert!(
        screen.contains("ne contient encore aucun modèle"),
        "{screen}"
    );
}

#[test]
fn trends_survive_small_and_large_terminals() {
    let mut app = history_app(Lang::Fr);
    for _ in 0..3 {
        for (width, height) in [(60, 16), (80, 24), (200, 60), (1, 1)] {
            draw(&mut app, width, height);
        }
        press(&mut app, KeyCode::Char('v'));
    }
}

// ---- snapshots ----

#[test]
fn share_en_80() {
    let mut app = trends_app(Lang::En);
    let screen = screen(&mut app, 80, 24);
    insta::assert_snapshot!("trends_share_en_80", screen);
    assert!(screen.contains("SLM share per creation month, by count · all tasks"));
    assert!(screen.contains("2023-07"));
    assert!(screen.contains("2025-08"));
}

#[test]
fn share_fr_120_weighted() {
    let mut app = trends_app(Lang::Fr);
    press(&mut app, KeyCode::Char('w'));
    let screen = screen(&mut app, 120, 40);
    insta::assert_snapshot!("trends_share_fr_120_weighted", screen);
    assert!(screen.contains("Part des SLM par mois de création, en téléch."));
    assert!(screen.contains("Avant l'enregistrement des dates\u{a0}: 2 modèles"));
    assert!(screen.contains("Sans date\u{a0}: 0 modèle"));
}

#[test]
fn usage_en_120() {
    let mut app = trends_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    let screen = screen(&mut app, 120, 40);
    insta::assert_snapshot!("trends_usage_en_120", screen);
    assert!(screen.contains("older than 12 months: SLM 97.9% · LLM 71.2%"));
    assert!(screen.contains("Ages counted from 2025-08-14 (newest model date)"));
}

#[test]
fn usage_fr_80_of_all() {
    let mut app = trends_app(Lang::Fr);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('n'));
    let screen = screen(&mut app, 80, 24);
    insta::assert_snapshot!("trends_usage_fr_80_of_all", screen);
    assert!(screen.contains("part du total"));
    assert!(screen.contains("plus de 12 mois (par classe) : SLM 97,9\u{a0}% · LLM 71,2\u{a0}%"));
}

#[test]
fn usage_of_all_labels_older_share() {
    let mut app = trends_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('n'));
    let of_all = screen(&mut app, 80, 24);
    assert!(of_all.contains("share of all"), "{of_all}");
    assert!(
        of_all.contains("older than 12 months (per class): SLM 97.9% · LLM 71.2%"),
        "{of_all}"
    );
    press(&mut app, KeyCode::Char('n'));
    let of_class = screen(&mut app, 80, 24);
    assert!(
        of_class.contains("older than 12 months: SLM 97.9% · LLM 71.2%"),
        "{of_class}"
    );
}

#[test]
fn history_en_80() {
    let mut app = history_app(Lang::En);
    let screen = screen(&mut app, 80, 24);
    insta::assert_snapshot!("trends_history_en_80", screen);
    assert!(screen.contains("2025-06-01"));
    assert!(screen.contains("2025-08-01"));
}

#[test]
fn history_fr_120() {
    let mut app = history_app(Lang::Fr);
    let screen = screen(&mut app, 120, 40);
    insta::assert_snapshot!("trends_history_fr_120", screen);
    assert!(screen.contains("3 synchros, du 2025-06-01 au 2025-08-01"));
    assert!(screen.contains("Dernière synchro : SLM 2,5\u{a0}M · LLM 7,5\u{a0}M"));
    assert!(screen.contains("7,5\u{a0}M"));
    assert!(!screen.contains("7.5M"));
    assert!(screen.contains("Modèles par synchro : 4 · 4 · 4"));
}

#[test]
fn data_time_follows_a_new_index() {
    let mut app = trends_app(Lang::En);
    press(&mut app, KeyCode::Char('v'));
    let before = screen(&mut app, 120, 40);
    assert!(before.contains("Ages counted from 2025-08-14"), "{before}");

    let mut newer = models();
    newer.push(super::tests::model(
        "org/newest",
        Some(B),
        Some("text-generation"),
        1,
        0,
        "2026-01-02",
    ));
    app.data.index = Arc::new(crate::analysis::Index::build(newer));
    let after = screen(&mut app, 120, 40);
    assert!(
        after.contains("Ages counted from 2026-01-02"),
        "the cached time is read again for a new index: {after}"
    );
}

#[test]
fn history_legend_matches_lines() {
    for (theme, llm_key) in [(ThemeName::Dark, "━"), (ThemeName::ColorBlind, "•")] {
        let mut data = data(models());
        data.history = Arc::new(history());
        let mut options = options(Lang::En);
        options.theme = theme;
        let mut app = App::new(data, options);
        press(&mut app, KeyCode::Char('5'));
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('v'));
        let screen = screen(&mut app, 80, 24);
        let legend = format!("━ SLM  {llm_key} LLM");
        assert!(screen.contains(&legend), "{theme:?}: {legend}\n{screen}");
        let dotted = screen.lines().skip(3).any(|line| line.contains('•'));
        assert_eq!(dotted, llm_key == "•", "{theme:?}: LLM line\n{screen}");
    }
}
