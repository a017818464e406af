//! Tests of the sync started with `S`: the App fed with sync messages, the gauge drawn at 80x24
//! in English and French, and one real sync against the local mock Hub.

#[path = "../../tests/support/mock_hub.rs"]
mod mock_hub;

use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

use super::action::{Context, HelpLine, Keymap, help_lines, hints};
use super::app::{App, Tab};
use super::panes::search::{SearchFocus, SearchState};
use super::sync_task::{Refresh, SyncMsg, SyncTask};
use super::tests::{B, app, data, ids, model, models, press, screen, type_text};
use super::{AppData, TuiOptions};
use crate::analysis::Index;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::cache::{Cache, OpenMode};
use crate::i18n::Lang;
use crate::model::Model;
use crate::sync::{DEFAULT_LIMIT, SyncOutcome, SyncProgress};
use mock_hub::{Fault, MockConfig, MockData, MockHub};

fn progress(pages: u64, models: u64, resumed: bool) -> SyncProgress {
    SyncProgress {
        pages,
        models,
        resumed,
    }
}

fn refresh(models: Vec<Model>) -> Option<Box<Refresh>> {
    let index = Index::build(models);
    let search = SearchState::new(index.models());
    Some(Box::new(Refresh {
        index,
        search,
        history: None,
    }))
}

/// Builds an app showing a sync whose messages the test sends.
fn syncing(lang: Lang) -> (App, Sender<SyncMsg>) {
    let mut app = app(lang);
    let (task, sender) = SyncTask::detached();
    app.attach_sync(task, DEFAULT_LIMIT);
    (app, sender)
}

fn send(app: &mut App, sender: &Sender<SyncMsg>, message: SyncMsg) -> bool {
    sender.send(message).unwrap();
    app.poll_sync()
}

fn cancelled(app: &App) -> bool {
    app.sync.as_ref().expect("a sync runs").task.is_cancelled()
}

fn notice(app: &App) -> String {
    app.notice.as_ref().expect("a notice").text.clone()
}

/// The sixteen models and two more small text-generation models.
fn more_models() -> Vec<Model> {
    let mut all = models();
    let text = Some("text-generation");
    all.push(model(
        "meta-llama/Llama-3.2-1B",
        Some(B + B / 4),
        text,
        9_000_000,
        2_000,
        "2024-09-25",
    ));
    all.push(model(
        "HuggingFaceTB/SmolLM2-1.7B",
        Some(1_700_000_000),
        text,
        80_000,
        500,
        "2024-11-01",
    ));
    all
}

// ---- keys ----

#[test]
fn sync_keys_in_help_and_hints() {
    for (lang, start, stop) in [
        (Lang::En, "S sync", "Esc stop sync"),
        (Lang::Fr, "S synchro", "Échap arrêter"),
    ] {
        let texts = |hints: &[HelpLine]| -> Vec<String> {
            hints
                .iter()
                .map(|hint| format!("{} {}", hint.keys, hint.text))
                .collect()
        };
        let idle = Keymap::default().pinned_hints(false, lang);
        assert_eq!(texts(&idle.if_room), [start]);
        assert!(!texts(&idle.always).contains(&start.to_string()));
        let busy = Keymap::default().pinned_hints(true, lang);
        assert!(busy.if_room.is_empty());
        assert!(!texts(&busy.always).contains(&start.to_string()));
        assert_eq!(texts(&hints(Context::Sync, lang)), [stop]);
        assert!(
            help_lines(Context::Global, lang)
                .iter()
                .any(|line| line.keys == "S")
        );
        assert!(
            help_lines(Context::Sync, lang)
                .iter()
                .any(|line| line.keys.contains("Esc") || line.keys.contains("Échap"))
        );
    }

    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('3'));
    let tasks = screen(&mut app);
    assert!(tasks.contains("S sync"), "room on the Tasks pane: {tasks}");
    press(&mut app, KeyCode::Char('1'));
    let search = screen(&mut app);
    assert!(search.contains("Enter details"), "{search}");
    assert!(
        !search.contains("S sync"),
        "no room beside the Search hints: {search}"
    );
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    let help = screen(&mut app);
    assert!(help.contains("While a sync runs"), "{help}");
}

// ---- state, fed with sync messages ----

#[test]
fn gauge_appears_with_the_sync_and_counts_pages() {
    let mut app = app(Lang::En);
    assert!(!screen(&mut app).contains("Sync "));

    let (task, sender) = SyncTask::detached();
    app.attach_sync(task, DEFAULT_LIMIT);
    assert!(send(
        &mut app,
        &sender,
        SyncMsg::Started(progress(0, 0, false))
    ));
    let drawn = screen(&mut app);
    assert!(
        drawn.contains("Sync 0 / 10,000 models ──────────────── 0 pages"),
        "{drawn}"
    );

    let changed = send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(1, 1000, false),
            refresh: None,
        },
    );
    assert!(changed);
    let drawn = screen(&mut app);
    assert!(
        drawn.contains("Sync 1,000 / 10,000 models ━─────────────── 1 page"),
        "{drawn}"
    );
    assert!(drawn.contains("Esc stop sync"), "{drawn}");
    assert!(!drawn.contains("S sync"), "{drawn}");

    send(
        &mut app,
        &sender,
        SyncMsg::Waiting("waiting 43 s".to_string()),
    );
    let drawn = screen(&mut app);
    assert!(drawn.contains("── waiting 43 s"), "{drawn}");
}

#[test]
fn nothing_pending_redraws_nothing() {
    let (mut app, _sender) = syncing(Lang::En);
    assert!(!app.poll_sync());
    assert!(app.is_syncing());
}

#[test]
fn page_replaces_the_models_and_keeps_the_view() {
    let (mut app, sender) = syncing(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "lla");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    let selected = ids(&app)[app.search.cursor.selected].clone();
    press(&mut app, KeyCode::Char(']'));
    let threshold = app.threshold;
    assert_ne!(threshold, DEFAULT_THRESHOLD);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.data.index.split(DEFAULT_THRESHOLD).slm.count, 6);

    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(1, 18, false),
            refresh: refresh(more_models()),
        },
    );

    assert_eq!(app.data.index.len(), 18);
    assert_eq!(app.data.index.split(DEFAULT_THRESHOLD).slm.count, 8);
    assert_eq!(app.threshold, DEFAULT_THRESHOLD);
    assert_eq!(app.tab, Tab::Search);
    assert_eq!(app.search.query.text(), "lla");
    assert!(ids(&app).contains(&"meta-llama/Llama-3.2-1B".to_string()));
    assert_eq!(ids(&app)[app.search.cursor.selected], selected);
    let drawn = screen(&mut app);
    assert!(drawn.contains("18 models"), "{drawn}");
    assert!(drawn.contains("SLM 8"), "{drawn}");
}

#[test]
fn first_row_stays_first_across_a_page() {
    let (mut app, sender) = syncing(Lang::En);
    assert_eq!(app.search.cursor.selected, 0);
    let mut with_new_top = models();
    with_new_top.push(model(
        "new/most-downloaded",
        Some(B),
        Some("text-generation"),
        100_000_000,
        10,
        "2025-06-01",
    ));
    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(1, 17, false),
            refresh: refresh(with_new_top),
        },
    );
    assert_eq!(app.search.cursor.selected, 0);
    assert_eq!(ids(&app)[0], "new/most-downloaded");
}

#[test]
fn open_details_follow_their_model_across_a_page() {
    let (mut app, sender) = syncing(Lang::En);
    press(&mut app, KeyCode::Enter);
    let SearchFocus::Detail(before) = app.search.focus else {
        panic!("details open");
    };
    let id = app.data.index.models()[before.model].id.clone();

    let mut reordered = more_models();
    reordered.reverse();
    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(1, 18, false),
            refresh: refresh(reordered),
        },
    );

    let SearchFocus::Detail(after) = app.search.focus else {
        panic!("details still open");
    };
    assert_ne!(after.model, before.model);
    assert_eq!(app.data.index.models()[after.model].id, id);
}

#[test]
fn esc_cancels_once_nothing_else_is_open() {
    let (mut app, sender) = syncing(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "qwen");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(
        !cancelled(&app),
        "the first Esc leaves the query, the second clears it"
    );
    assert_eq!(app.search.query.text(), "");

    press(&mut app, KeyCode::Esc);
    assert!(cancelled(&app));
    assert!(screen(&mut app).contains("stopping…"));

    send(
        &mut app,
        &sender,
        SyncMsg::Done(SyncOutcome::Cancelled(progress(3, 3000, false))),
    );
    assert!(!app.is_syncing());
    assert_eq!(
        notice(&app),
        "sync stopped after 3 pages (3,000 models); S continues it"
    );
    let drawn = screen(&mut app);
    assert!(!drawn.contains("Sync 3,000"), "{drawn}");
    assert!(drawn.contains("S continues it"), "{drawn}");

    press(&mut app, KeyCode::Down);
    assert!(app.notice.is_none());
}

#[test]
fn esc_cancels_from_a_pane_without_its_own_esc() {
    let (mut app, _sender) = syncing(Lang::En);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Esc);
    assert!(cancelled(&app));
}

#[test]
fn esc_without_a_sync_does_nothing() {
    let mut app = app(Lang::En);
    assert!(!press(&mut app, KeyCode::Esc));
    assert!(app.notice.is_none());
}

#[test]
fn quit_cancels_the_sync() {
    let (mut app, _sender) = syncing(Lang::En);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
    assert!(cancelled(&app));
    app.stop_sync();
    assert!(!app.is_syncing());
}

#[test]
fn second_s_is_refused() {
    let (mut app, sender) = syncing(Lang::Fr);
    assert!(press(&mut app, KeyCode::Char('S')));
    assert_eq!(
        notice(&app),
        "une synchronisation est déjà en cours ; Échap l'arrête"
    );
    assert!(!cancelled(&app));
    // Still the first sync: its messages still arrive.
    send(&mut app, &sender, SyncMsg::Started(progress(2, 2000, true)));
    assert_eq!(app.sync.as_ref().unwrap().progress, progress(2, 2000, true));
}

#[test]
fn finished_sync_reports_the_cache_size() {
    let (mut app, sender) = syncing(Lang::Fr);
    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(1, 18, false),
            refresh: refresh(more_models()),
        },
    );
    send(
        &mut app,
        &sender,
        SyncMsg::Done(SyncOutcome::Finished(progress(1, 18, false))),
    );
    assert!(!app.is_syncing());
    assert_eq!(
        notice(&app),
        "synchronisation terminée : 1 page, 18 modèles ; le cache contient 18 modèles"
    );
}

#[test]
fn failure_shows_in_the_status_bar() {
    let (mut app, sender) = syncing(Lang::Fr);
    send(
        &mut app,
        &sender,
        SyncMsg::Failed("jeton refusé par le Hub (HTTP 401)".to_string()),
    );
    assert!(!app.is_syncing());
    let text = notice(&app);
    assert_eq!(
        text,
        "échec de la synchronisation : jeton refusé par le Hub (HTTP 401)"
    );
    assert!(app.notice.as_ref().unwrap().error);
    let drawn = screen(&mut app);
    assert!(
        drawn
            .lines()
            .nth(23)
            .unwrap()
            .starts_with("échec de la synchronisation"),
        "{drawn}"
    );
}

#[test]
fn vanished_sync_thread_is_reported() {
    let (mut app, sender) = syncing(Lang::En);
    drop(sender);
    assert!(app.poll_sync());
    assert!(!app.is_syncing());
    assert!(notice(&app).starts_with("sync failed: the sync stopped unexpectedly"));
}

// ---- drawn ----

#[test]
fn sync_gauge_en() {
    let (mut app, sender) = syncing(Lang::En);
    send(&mut app, &sender, SyncMsg::Started(progress(2, 2000, true)));
    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(3, 3000, true),
            refresh: None,
        },
    );
    insta::assert_snapshot!("sync_gauge_en", screen(&mut app));
}

#[test]
fn sync_gauge_fr() {
    let (mut app, sender) = syncing(Lang::Fr);
    press(&mut app, KeyCode::Char('2'));
    send(&mut app, &sender, SyncMsg::Started(progress(0, 0, false)));
    send(
        &mut app,
        &sender,
        SyncMsg::Page {
            progress: progress(7, 7000, false),
            refresh: None,
        },
    );
    send(
        &mut app,
        &sender,
        SyncMsg::Waiting("attente de 43 s pour la limite de requêtes du Hub".to_string()),
    );
    insta::assert_snapshot!("sync_gauge_fr", screen(&mut app));
}

// ---- a real sync against the mock Hub ----

const MOCK_MODELS: u64 = 2500;

fn mock_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// An app on an empty cache in `dir`, syncing from `endpoint`.
fn app_on_empty_cache(dir: &std::path::Path, endpoint: &str) -> App {
    let path = dir.join("cache.db");
    drop(Cache::open(&path, OpenMode::CreateIfMissing).unwrap());
    App::new(
        AppData {
            cache_path: path,
            ..data(Vec::new())
        },
        TuiOptions {
            lang: Lang::En,
            threshold: DEFAULT_THRESHOLD,
            color: true,
            sync_endpoint: Some(endpoint.to_string()),
            filters_path: None,
            export_dir: None,
            notice: None,
            theme: super::ThemeName::Dark,
            keymap: super::Keymap::default(),
            mouse: false,
        },
    )
}

/// Waits for the next message of the running sync and applies it; returns a name for it.
fn next(app: &mut App) -> &'static str {
    let task = &app.sync.as_ref().expect("a sync runs").task;
    let message = task
        .recv_timeout(Duration::from_secs(30))
        .expect("the sync reports within 30 s");
    let kind = match &message {
        SyncMsg::Started(_) => "started",
        SyncMsg::Page { .. } => "page",
        SyncMsg::Waiting(_) => "waiting",
        SyncMsg::Done(_) => "done",
        SyncMsg::Failed(_) => "failed",
    };
    app.apply_sync(message);
    kind
}

fn cached_models(app: &App) -> usize {
    Cache::open(&app.data.cache_path, OpenMode::MustExist)
        .unwrap()
        .load_models()
        .unwrap()
        .len()
}

#[test]
fn s_syncs_from_the_mock_hub_into_the_panes() {
    let runtime = mock_runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(MOCK_MODELS),
            MockConfig::default(),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut app = app_on_empty_cache(work.path(), &hub.url());

    press(&mut app, KeyCode::Char('S'));
    assert!(app.is_syncing());
    let mut kinds = Vec::new();
    let mut sizes = Vec::new();
    while app.is_syncing() {
        kinds.push(next(&mut app));
        sizes.push(app.data.index.len());
    }

    assert_eq!(kinds, ["started", "page", "page", "page", "done"]);
    assert_eq!(sizes, [0, 1000, 2000, 2500, 2500]);
    assert_eq!(cached_models(&app), MOCK_MODELS as usize);
    assert_eq!(
        notice(&app),
        "sync finished: 3 pages, 2,500 models; the cache holds 2,500 models"
    );
    let requests = hub.requests();
    assert!(
        requests[0].target().contains("sort=downloads"),
        "{}",
        requests[0].target()
    );
}

#[test]
fn esc_stops_a_real_sync_and_s_continues_it() {
    let runtime = mock_runtime();
    let slow_second_page =
        MockConfig::default().on_page(2, 1, Fault::Slow(Duration::from_secs(30)));
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(MOCK_MODELS),
            slow_second_page,
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut app = app_on_empty_cache(work.path(), &hub.url());

    press(&mut app, KeyCode::Char('S'));
    assert_eq!(next(&mut app), "started");
    assert_eq!(next(&mut app), "page");
    // Esc while the second page is on its way, so that it is the request cancelled.
    let deadline = Instant::now() + Duration::from_secs(30);
    while hub.request_count() < 2 {
        assert!(Instant::now() < deadline, "the second page is requested");
        std::thread::sleep(Duration::from_millis(5));
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(next(&mut app), "done");
    assert!(!app.is_syncing());
    assert_eq!(
        notice(&app),
        "sync stopped after 1 page (1,000 models); S continues it"
    );
    assert_eq!(cached_models(&app), 1000);

    press(&mut app, KeyCode::Char('S'));
    assert_eq!(next(&mut app), "started");
    assert_eq!(app.sync.as_ref().unwrap().progress, progress(1, 1000, true));
    while app.is_syncing() {
        next(&mut app);
    }
    assert_eq!(app.data.index.len(), MOCK_MODELS as usize);
    assert_eq!(cached_models(&app), MOCK_MODELS as usize);
}
