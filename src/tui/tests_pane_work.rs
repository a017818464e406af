//! Tests of the work the Trends and A/B panes run off the UI thread: the placeholder drawn
//! while it runs, the figures once it arrives, results for an older index dropped, and keys
//! that never wait for it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::panes::search::SearchState;
use super::sync_task::Refresh;
use super::tests::{B, PANE_WORK_WAIT, app, draw, draw_now, models, press, text, type_text};
use crate::analysis::Index;
use crate::i18n::Lang;
use crate::model::SyncHistory;

const COMPUTING_MODELS: &str = "Computing… grouping 16 models by creation month";
const COMPUTING_RANKING: &str = "Computing… ranking 16 models by downloads";

fn screen_now(app: &mut App) -> String {
    text(&draw_now(app, 80, 24))
}

fn wait(app: &mut App) {
    assert!(
        app.wait_for_panes(PANE_WORK_WAIT),
        "the pane's work ends within {PANE_WORK_WAIT:?}"
    );
}

/// Replaces the models with one more, as a stored sync page does.
fn rebuild_index(app: &mut App) {
    let mut newer = models();
    newer.push(super::tests::model(
        "org/newest",
        Some(7_500 * super::tests::M),
        Some("text-generation"),
        10,
        0,
        "2025-08-01",
    ));
    let index = Index::build(newer);
    let search = SearchState::new(index.models());
    app.replace_models(Refresh {
        index,
        search,
        history: None,
    });
}

/// Releases a blocked worker after a while, so that a test whose keys wrongly wait for the
/// job fails its assertions instead of hanging.
fn release_later(release: &Sender<()>) {
    let release = release.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(5));
        let _ = release.send(());
    });
}

// ---- Trends ----

#[test]
fn trends_placeholder_then_figures() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('5'));
    let placeholder = screen_now(&mut app);
    assert!(placeholder.contains(COMPUTING_MODELS), "{placeholder}");
    assert!(
        placeholder.contains("SLM share per creation month, by count"),
        "the title is drawn at once: {placeholder}"
    );
    assert!(
        !placeholder.contains("Latest month with a known size"),
        "no figure before the groups: {placeholder}"
    );
    assert!(app.is_computing());

    wait(&mut app);
    assert!(!app.is_computing());
    let figures = screen_now(&mut app);
    assert!(!figures.contains("Computing…"), "{figures}");
    assert!(
        figures.contains("Latest month with a known size"),
        "{figures}"
    );
}

#[test]
fn trends_threshold_move_keeps_the_groups() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('5'));
    draw(&mut app, 80, 24);
    assert!(press(&mut app, KeyCode::Char('+')));
    let screen = screen_now(&mut app);
    assert!(!app.is_computing(), "a threshold move groups nothing again");
    assert!(!screen.contains("Computing…"), "{screen}");
}

#[test]
fn trends_result_for_old_index_is_dropped() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('5'));
    screen_now(&mut app);
    rebuild_index(&mut app);
    // The grouping of the first index arrives after the rebuild and must not be drawn.
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(
        screen.contains("Computing… grouping 17 models"),
        "the new index is grouped: {screen}"
    );
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(
        screen.contains("Latest month with a known size"),
        "{screen}"
    );
}

#[test]
fn trends_sync_groups_follow_the_model_groups() {
    let mut app = app(Lang::En);
    Arc::get_mut(&mut app.data.history)
        .expect("the history is not shared yet")
        .extend((1..=3).map(|sync_id| SyncHistory {
            sync_id,
            time: format!("2025-0{sync_id}-01T00:00:00Z"),
            status: "finished".to_string(),
            downloads: vec![("microsoft/phi-4".to_string(), Some(1_000))],
        }));
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('v'));
    assert!(screen_now(&mut app).contains(COMPUTING_MODELS));
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(
        screen.contains("Computing… grouping the downloads of 3 syncs by size"),
        "{screen}"
    );
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(
        screen.contains("3 syncs, 2025-01-01 to 2025-03-01"),
        "{screen}"
    );
}

#[test]
fn trends_keys_do_not_wait_for_grouping() {
    let mut app = app(Lang::En);
    let finished = Arc::new(AtomicBool::new(false));
    let release = app.trends.block_worker(Arc::clone(&finished));
    release_later(&release);

    assert!(press(&mut app, KeyCode::Char('5')));
    assert!(screen_now(&mut app).contains(COMPUTING_MODELS));
    assert!(press(&mut app, KeyCode::Char('+')), "the threshold moves");
    assert_eq!(app.threshold, 8 * B);
    assert!(press(&mut app, KeyCode::Char('v')), "the view changes");
    assert!(screen_now(&mut app).contains(COMPUTING_MODELS));
    assert!(press(&mut app, KeyCode::Tab), "the tab changes");
    assert_eq!(app.tab, Tab::Compare);
    assert!(press(&mut app, KeyCode::Char('q')));
    assert!(app.should_quit());
    drop(app);

    let job_finished = finished.load(Ordering::Relaxed);
    drop(release);
    assert!(
        !job_finished,
        "every key and the drop returned while the job ran"
    );
}

#[test]
fn trends_placeholder_en_80() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('5'));
    insta::assert_snapshot!("trends_computing_en_80", screen_now(&mut app));
}

#[test]
fn trends_placeholder_fr_80() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('5'));
    insta::assert_snapshot!("trends_computing_fr_80", screen_now(&mut app));
}

// ---- A/B ----

#[test]
fn compare_placeholder_then_list() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    let placeholder = screen_now(&mut app);
    assert!(placeholder.contains(COMPUTING_RANKING), "{placeholder}");
    assert!(
        placeholder.contains("2 models change class"),
        "the counts are drawn at once: {placeholder}"
    );
    assert!(
        !placeholder.contains("Qwen/Qwen2.5-7B-Instruct"),
        "no row before the ranking: {placeholder}"
    );
    assert!(!press(&mut app, KeyCode::Enter), "no row to open yet");

    wait(&mut app);
    let list = screen_now(&mut app);
    assert!(!list.contains("Computing…"), "{list}");
    assert!(list.contains("Qwen/Qwen2.5-7B-Instruct"), "{list}");
    assert!(press(&mut app, KeyCode::Enter), "the first row opens");
}

#[test]
fn compare_result_for_old_index_is_dropped() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    screen_now(&mut app);
    rebuild_index(&mut app);
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(
        screen.contains("Computing… ranking 17 models"),
        "the new index is ranked: {screen}"
    );
    wait(&mut app);
    let screen = screen_now(&mut app);
    assert!(screen.contains("org/newest"), "{screen}");
}

#[test]
fn compare_search_lists_sorted_matches() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    let sorting = screen_now(&mut app);
    assert!(sorting.contains("searching…"), "{sorting}");
    assert!(
        sorting.contains("meta-llama/Llama-3.1-8B-Instruct"),
        "the previous list stays while the matches are sorted: {sorting}"
    );

    wait(&mut app);
    let sorted = screen_now(&mut app);
    assert!(!sorted.contains("searching…"), "{sorted}");
    assert!(sorted.contains("1 / 1 · 1 of 2 models"), "{sorted}");
    assert!(
        !sorted.contains("meta-llama/Llama-3.1-8B-Instruct"),
        "{sorted}"
    );
}

#[test]
fn compare_threshold_move_keeps_the_ranking() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Esc);
    draw(&mut app, 80, 24);
    assert!(press(&mut app, KeyCode::Char('+')));
    assert!(press(&mut app, KeyCode::Char('<')));
    let screen = screen_now(&mut app);
    assert!(
        !app.is_computing(),
        "threshold moves rank and sort nothing again"
    );
    assert!(!screen.contains("searching…"), "{screen}");
    // Between A = 8B and B = 13B only Llama-3.1-8B changes class, and it does not match.
    assert!(screen.contains("0 of 1 model"), "{screen}");

    assert!(press(&mut app, KeyCode::Char('-')));
    let screen = screen_now(&mut app);
    assert!(!app.is_computing());
    assert!(screen.contains("1 / 1 · 1 of 2 models"), "{screen}");
}

#[test]
fn compare_cleared_query_drops_the_sort() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    assert!(screen_now(&mut app).contains("searching…"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.compare.query.is_empty());

    let cleared = screen_now(&mut app);
    assert!(!cleared.contains("searching…"), "{cleared}");
    assert!(cleared.contains("1 / 2 · 2 models"), "{cleared}");
    wait(&mut app);
    let after = screen_now(&mut app);
    assert!(
        after.contains("1 / 2 · 2 models"),
        "the late sort is not listed: {after}"
    );
}

#[test]
fn compare_keys_do_not_wait_for_ranking() {
    let mut app = app(Lang::En);
    let finished = Arc::new(AtomicBool::new(false));
    let release = app.compare.block_worker(Arc::clone(&finished));
    release_later(&release);

    assert!(press(&mut app, KeyCode::Char('6')));
    assert!(screen_now(&mut app).contains(COMPUTING_RANKING));
    assert!(press(&mut app, KeyCode::Char('>')), "B moves");
    assert!(press(&mut app, KeyCode::Char('j')), "the cursor moves");
    assert!(screen_now(&mut app).contains(COMPUTING_RANKING));
    assert!(press(&mut app, KeyCode::Char('1')), "the tab changes");
    assert_eq!(app.tab, Tab::Search);
    assert!(press(&mut app, KeyCode::Char('q')));
    assert!(app.should_quit());
    drop(app);

    let job_finished = finished.load(Ordering::Relaxed);
    drop(release);
    assert!(
        !job_finished,
        "every key and the drop returned while the job ran"
    );
}

#[test]
fn compare_placeholder_en_80() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    insta::assert_snapshot!("compare_computing_en_80", screen_now(&mut app));
}

#[test]
fn compare_placeholder_fr_80() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('6'));
    insta::assert_snapshot!("compare_computing_fr_80", screen_now(&mut app));
}

// ---- Large indexes ----

/// Opens Trends, then A/B, then Trends again, waiting for each pane's work, and returns the
/// screen drawn at once on the second visit to Trends.
fn trends_after_compare(app: &mut App) -> String {
    press(app, KeyCode::Char('5'));
    screen_now(app);
    wait(app);
    assert!(screen_now(app).contains("Latest month with a known size"));
    press(app, KeyCode::Char('6'));
    screen_now(app);
    wait(app);
    assert!(!screen_now(app).contains("Computing…"));
    press(app, KeyCode::Char('5'));
    screen_now(app)
}

#[test]
fn large_index_keeps_trends_and_ranking_apart() {
    let mut app = app(Lang::En);
    app.keep_pane_work_below = 10;
    let trends = trends_after_compare(&mut app);
    assert!(
        trends.contains(COMPUTING_MODELS),
        "the groups were dropped when A/B was shown: {trends}"
    );
    wait(&mut app);
    press(&mut app, KeyCode::Char('6'));
    let compare = screen_now(&mut app);
    assert!(
        compare.contains(COMPUTING_RANKING),
        "the ranking was dropped when Trends was shown: {compare}"
    );
    wait(&mut app);
    assert!(!screen_now(&mut app).contains("Computing…"));
}

#[test]
fn small_index_keeps_trends_and_ranking_together() {
    let mut app = app(Lang::En);
    let trends = trends_after_compare(&mut app);
    assert!(!trends.contains("Computing…"), "{trends}");
    press(&mut app, KeyCode::Char('6'));
    assert!(!screen_now(&mut app).contains("Computing…"));
}
