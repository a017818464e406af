//! Tests of the queries searched off the UI thread: the searching mark, stale results, Esc while
//! a search runs, and key handling on a list of 300,000 models.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

use super::app::App;
use super::search_task::Found;
use super::tests::{app, data, ids, options, press, screen, type_text};
use crate::analysis::search::{IdTable, Query, fuzzy_matches, search};
use crate::i18n::Lang;
use crate::model::Model;

/// Builds the sixteen-model app with both panes' queries searched on the worker thread.
fn off_thread_app(lang: Lang) -> App {
    let mut app = app(lang);
    app.search.id_search.search_all_off_thread();
    app.compare.search_all_off_thread();
    app
}

/// Polls until no search runs, as the event loop does, and fails after 30 s. Returns how long
/// the poll that listed the matches took.
fn wait_for_search(app: &mut App) -> Duration {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut listing = Duration::ZERO;
    while app.is_searching() {
        let start = Instant::now();
        if app.poll_search() {
            listing = start.elapsed();
        }
        assert!(
            Instant::now() < deadline,
            "the search did not finish in 30 s"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    listing
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// Returns the ids that `slmscope models --query` keeps, sorted.
fn cli_ids(models: &[Model], query: &str) -> Vec<String> {
    sorted(
        fuzzy_matches(models, query)
            .into_iter()
            .map(|index| models[index].id.to_string())
            .collect(),
    )
}

#[test]
fn mark_shows_while_searching() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    assert!(app.is_searching());
    let drawn = screen(&mut app);
    assert!(drawn.contains("Search › qwen  searching…"), "{drawn}");
    assert_eq!(ids(&app).len(), 16, "the previous matches stay listed");

    wait_for_search(&mut app);
    let drawn = screen(&mut app);
    assert!(!drawn.contains("searching…"), "{drawn}");
    assert!(drawn.contains("2 of 16 models"), "{drawn}");
    assert_eq!(sorted(ids(&app)), cli_ids(app.data.index.models(), "qwen"));
}

#[test]
fn mark_in_french() {
    let mut app = off_thread_app(Lang::Fr);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "phi");
    let drawn = screen(&mut app);
    insta::assert_snapshot!("search_searching_fr", drawn);
    assert!(drawn.contains("Recherche › phi  recherche…"), "{drawn}");
}

#[test]
fn stale_result_is_ignored() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "llama");
    let stale_generation = app.search.id_search.generation();
    type_text(&mut app, " 70");

    let ids_table = IdTable::from_raw(app.data.index.models().iter().map(|m| &*m.id));
    let query = Query::new("llama");
    let matches = search(&ids_table, &query, None, || false).unwrap();
    let stale = Found {
        generation: stale_generation,
        query,
        matches: Arc::new(matches),
    };
    assert!(
        !app.search.id_search.deliver(stale),
        "a stale result is dropped"
    );
    assert!(app.is_searching(), "the newest query is still searched");
    assert_eq!(ids(&app).len(), 16, "nothing stale was listed");

    wait_for_search(&mut app);
    assert_eq!(ids(&app), vec!["meta-llama/Llama-3.1-70B-Instruct"]);
}

#[test]
fn esc_clears_while_searching() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    assert!(press(&mut app, KeyCode::Esc), "Esc stops typing");
    assert!(app.is_searching());
    assert!(press(&mut app, KeyCode::Esc), "Esc clears the query");
    assert!(app.search.query.is_empty());
    assert!(!app.is_searching(), "clearing cancels the search");

    // A result the worker sent before the clear must not come back.
    std::thread::sleep(Duration::from_millis(50));
    assert!(!app.poll_search());
    assert_eq!(ids(&app).len(), 16);
    assert!(!screen(&mut app).contains("searching…"));
}

#[test]
fn backspace_shows_cached_matches_at_once() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "llama");
    wait_for_search(&mut app);
    type_text(&mut app, "70");
    wait_for_search(&mut app);
    assert_eq!(ids(&app).len(), 1);

    press(&mut app, KeyCode::Backspace);
    assert!(app.is_searching(), "\"llama7\" was never searched");
    press(&mut app, KeyCode::Backspace);
    assert!(!app.is_searching(), "the matches of \"llama\" were cached");
    assert_eq!(ids(&app).len(), 2);
}

#[test]
fn sort_change_keeps_pending_search() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Esc);
    assert!(
        press(&mut app, KeyCode::Char('s')),
        "s sorts by the next column"
    );
    assert!(app.is_searching());
    wait_for_search(&mut app);
    assert_eq!(ids(&app).len(), 2);
}

#[test]
fn compare_query_searches_off_thread() {
    let mut app = off_thread_app(Lang::En);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    let drawn = screen(&mut app);
    assert!(app.is_searching());
    assert!(drawn.contains("Search › qwen  searching…"), "{drawn}");
    assert!(
        drawn.contains("1 / 2 · 2 models"),
        "the previous rows stay: {drawn}"
    );

    wait_for_search(&mut app);
    let drawn = screen(&mut app);
    assert!(!drawn.contains("searching…"), "{drawn}");
    assert!(drawn.contains("1 / 1 · 1 of 2 models"), "{drawn}");
    assert!(drawn.contains("Qwen/Qwen2.5-7B-Instruct"), "{drawn}");
    assert!(
        !drawn.contains("meta-llama/Llama-3.1-8B-Instruct"),
        "{drawn}"
    );
}

// ---- a large list ----

const FAMILIES: [&str; 6] = [
    "Llama-3.1",
    "Qwen2.5",
    "Mistral",
    "phi-4",
    "gemma-2",
    "SmolLM2",
];
const SIZES: [&str; 5] = ["0.5B", "1.5B", "7B", "8B", "70B"];
const SUFFIXES: [&str; 4] = ["", "-Instruct", "-GGUF", "-Instruct-GGUF"];

/// Builds `count` minimal models with ids such as `user42/Qwen2.5-7B-Instruct-17`, from a fixed
/// pseudo-random sequence.
fn large_models(count: usize) -> Vec<Model> {
    let mut rng = fastrand::Rng::with_seed(7);
    (0..count)
        .map(|i| {
            let id = format!(
                "user{}/{}-{}{}-{i}",
                rng.u32(..5_000),
                FAMILIES[rng.usize(..FAMILIES.len())],
                SIZES[rng.usize(..SIZES.len())],
                SUFFIXES[rng.usize(..SUFFIXES.len())],
            );
            Model::minimal(&id, None)
        })
        .collect()
}

#[test]
fn keys_stay_fast_on_300k_models() {
    let models = large_models(300_000);
    let mut app = App::new(data(models.clone()), options(Lang::En));
    press(&mut app, KeyCode::Char('/'));

    // Typed as fast as the loop reads keys, with edits that widen and narrow the query.
    let keys: Vec<KeyCode> = "qwen 7b"
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Backspace, KeyCode::Backspace])
        .chain("70b inst".chars().map(KeyCode::Char))
        .collect();
    let mut slowest = Duration::ZERO;
    for key in keys {
        let start = Instant::now();
        press(&mut app, key);
        slowest = slowest.max(start.elapsed());
        // The event loop polls between keys; applying a result is timed apart below.
        app.poll_search();
    }
    // A debug build on a loaded 2-core machine stays far below this; a key handler that
    // scanned the 300,000 ids would not.
    assert!(
        slowest < Duration::from_millis(50),
        "slowest key took {slowest:?}"
    );

    let start = Instant::now();
    let applied = wait_for_search(&mut app);
    let waited = start.elapsed();
    assert!(
        applied < Duration::from_millis(250),
        "listing the matches took {applied:?}"
    );
    assert_eq!(app.search.query.text(), "qwen 70b inst");
    let found = sorted(ids(&app));
    assert!(!found.is_empty());
    assert_eq!(found, cli_ids(&models, "qwen 70b inst"));
    eprintln!(
        "slowest key {slowest:?}; last search finished {waited:?} after the last key; \
         listing its matches took {applied:?}"
    );
}
