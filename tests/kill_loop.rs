//! Commands killed with SIGKILL at many points: `slmscope import` of a file, and `slmscope sync`
//! from the mock Hub on 127.0.0.1. After each kill the cache passes SQLite's integrity check and
//! holds only whole imports or whole pages, and a last run completes with every model exactly
//! once. Linux and other Unix systems only, since it sends SIGKILL.

#![cfg(unix)]

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mock_hub::MockHub;
use rusqlite::Connection;

const MODELS: u64 = 10_000;
/// When each import kill lands, as a fraction of the time of a full import: enough kills to
/// land in the cache's creation, the writes and the commit, few enough for CI.
const FRACTIONS: [f64; 8] = [0.01, 0.03, 0.2, 0.4, 0.6, 0.8, 0.95, 1.1];

/// Models the mock Hub lists for the sync kills: 8 pages of 1,000, the largest page size.
const SYNC_MODELS: u64 = 8_000;
const SYNC_PAGE: u64 = 1_000;
/// Delay of every mock response, so that a sync spends its time both waiting for pages and
/// storing them, and the kills land in both.
const PAGE_DELAY: Duration = Duration::from_millis(150);
/// When each sync kill lands, as a fraction of the time of a full sync. Each run resumes where
/// the last one stopped, so together the runs may finish the sync, and the kills after that
/// land in a new sync over a full cache.
const SYNC_FRACTIONS: [f64; 10] = [0.01, 0.03, 0.06, 0.1, 0.14, 0.18, 0.22, 0.27, 0.33, 0.4];

fn slmscope() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_slmscope"));
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env("XDG_STATE_HOME", std::env::temp_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Opens a cache after a kill and asserts that SQLite's integrity check returns `ok`. Returns
/// `None` for a database without the cache's tables: a kill before the schema's transaction
/// committed leaves an empty database, which the next run sets up as a new cache.
fn open_checked(db: &Path) -> Option<Connection> {
    let connection = Connection::open(db).expect("the cache opens after a kill");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "integrity check of {}", db.display());
    let has_models: bool = connection
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'models'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    has_models.then_some(connection)
}

/// Runs a query that returns one integer.
fn count(connection: &Connection, sql: &str) -> u64 {
    connection
        .query_row(sql, [], |row| row.get::<_, i64>(0))
        .unwrap() as u64
}

/// Runs SQLite's integrity check and returns the number of models, distinct ids and imports.
/// All three are 0 for a database without the cache's tables.
fn check(db: &Path) -> (u64, u64, u64) {
    let Some(connection) = open_checked(db) else {
        return (0, 0, 0);
    };
    (
        count(&connection, "SELECT count(*) FROM models"),
        count(&connection, "SELECT count(DISTINCT id) FROM models"),
        count(&connection, "SELECT count(*) FROM imports"),
    )
}

/// Runs `command` to its end, asserts that it succeeded and returns how long it took.
fn timed_run(command: &mut Command) -> Duration {
    let started = Instant::now();
    let status = command.status().unwrap();
    assert!(status.success(), "{command:?} failed");
    started.elapsed()
}

/// Starts `command`, sends it SIGKILL after `delay`, and returns whether it had already exited
/// with success. SIGKILL gives the process no chance to clean up.
fn run_and_kill(command: &mut Command, delay: Duration) -> bool {
    let mut child = command.spawn().unwrap();
    std::thread::sleep(delay.max(Duration::from_millis(5)));
    let _ = child.kill();
    child.wait().unwrap().success()
}

#[test]
fn import_survives_sigkill_at_any_point() {
    let work = tempfile::tempdir().unwrap();
    let records = work.path().join("records.jsonl");
    let status = slmscope()
        .args([
            "synth",
            "--models",
            &MODELS.to_string(),
            "--seed",
            "3",
            "--out",
        ])
        .arg(&records)
        .status()
        .unwrap();
    assert!(status.success(), "synth wrote the records");
    let db = work.path().join("cache.db");
    let import = |db: &Path| {
        let mut command = slmscope();
        command.args(["import", "--db"]).arg(db).arg(&records);
        command
    };

    // One full import into a scratch cache gives the time that the kills spread over.
    let full = timed_run(&mut import(&work.path().join("scratch.db")));

    let mut completed = 0;
    for (kill, fraction) in FRACTIONS.iter().enumerate() {
        // The first kills land while the cache is created, the next ones spread over the
        // writes, and the last one just past the end of a full import.
        let delay = full.mul_f64(*fraction);
        let exited = run_and_kill(&mut import(&db), delay);
        if !db.exists() {
            eprintln!("kill {kill} after {delay:?}: no cache file yet");
            continue;
        }
        let (models, distinct, imports) = check(&db);
        eprintln!("kill {kill} after {delay:?}: {imports} import(s) finished, {models} models");
        assert_eq!(models, distinct, "no id is stored twice after kill {kill}");
        // A kill between the commit and the exit leaves a finished import whose process did
        // not report success, so the import rows decide which imports finished.
        let finished = imports - completed;
        assert!(
            finished <= 1,
            "one import row per finished import after kill {kill}"
        );
        if exited {
            assert_eq!(
                finished, 1,
                "an import that exited with success left its row"
            );
        }
        completed = imports;
        // An import is one transaction: a killed one leaves all of its models or none.
        let expected = if completed > 0 { MODELS } else { 0 };
        assert_eq!(models, expected, "whole imports only after kill {kill}");
    }

    // A last run, left to finish, completes the cache.
    timed_run(&mut import(&db));
    let (models, distinct, imports) = check(&db);
    assert_eq!(models, MODELS);
    assert_eq!(distinct, MODELS);
    assert_eq!(imports, completed + 1);
}

/// The syncs stored in a cache, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StoredSync {
    id: i64,
    pages: u64,
    models: u64,
    finished: bool,
}

fn stored_syncs(connection: &Connection) -> Vec<StoredSync> {
    let mut statement = connection
        .prepare("SELECT id, pages, models, status = 'finished' FROM syncs ORDER BY id")
        .unwrap();
    statement
        .query_map([], |row| {
            Ok(StoredSync {
                id: row.get(0)?,
                pages: row.get(1)?,
                models: row.get(2)?,
                finished: row.get(3)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Checks a cache after a sync was killed and returns its syncs: whole pages only, each
/// stored with its download history and the count its sync row records.
fn check_synced(db: &Path, kill: usize) -> Vec<StoredSync> {
    let Some(connection) = open_checked(db) else {
        return Vec::new();
    };
    let models = count(&connection, "SELECT count(*) FROM models");
    let distinct = count(&connection, "SELECT count(DISTINCT id) FROM models");
    assert_eq!(models, distinct, "no id is stored twice after kill {kill}");
    let syncs = stored_syncs(&connection);
    for sync in &syncs {
        let history = count(
            &connection,
            &format!(
                "SELECT count(*) FROM download_history WHERE sync_id = {}",
                sync.id
            ),
        );
        assert_eq!(
            history, sync.models,
            "sync {} stored its history with its pages after kill {kill}",
            sync.id
        );
        assert_eq!(
            sync.models,
            sync.pages * SYNC_PAGE,
            "sync {} stored whole pages after kill {kill}",
            sync.id
        );
    }
    // Every sync lists the same models in the same order, so the cache contains exactly the
    // models of the sync that got furthest.
    let furthest = syncs.iter().map(|sync| sync.models).max().unwrap_or(0);
    assert_eq!(
        models, furthest,
        "the cache holds the stored pages only after kill {kill}"
    );
    syncs
}

#[test]
fn sync_survives_sigkill_at_any_point() {
    let (_runtime, hub) = MockHub::start_slow(SYNC_MODELS, PAGE_DELAY);
    let work = tempfile::tempdir().unwrap();
    let sync = |db: &Path| {
        let mut command = slmscope();
        command
            .args(["sync", "--all", "--endpoint", &hub.url(), "--db"])
            .arg(db)
            .env_remove("HF_TOKEN")
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1");
        command
    };

    // An uninterrupted sync gives the expected cache and the time that the kills spread over.
    let whole = work.path().join("whole.db");
    let full = timed_run(&mut sync(&whole));
    let expected = common::dump(&whole);
    assert_eq!(
        check_synced(&whole, 0).last().map(|sync| sync.models),
        Some(SYNC_MODELS)
    );

    let db = work.path().join("killed.db");
    let mut before: Vec<StoredSync> = Vec::new();
    let mut resumed_kills = 0;
    for (kill, fraction) in SYNC_FRACTIONS.iter().enumerate() {
        let delay = full.mul_f64(*fraction);
        run_and_kill(&mut sync(&db), delay);
        if !db.exists() {
            eprintln!("kill {kill} after {delay:?}: no cache file yet");
            continue;
        }
        let after = check_synced(&db, kill);
        eprintln!(
            "kill {kill} after {delay:?}: {} sync row(s), the latest {:?}",
            after.len(),
            after.last()
        );

        // A sync that stored a page and did not finish is resumed by the next run: that run
        // adds pages to the same sync row instead of starting a new one.
        if let Some(last) = before.last()
            && !last.finished
            && last.pages > 0
        {
            let same = after.iter().find(|sync| sync.id == last.id).unwrap();
            assert!(
                same.pages >= last.pages,
                "a resumed sync lost pages at kill {kill}"
            );
            assert_eq!(
                after.len(),
                before.len(),
                "the run after kill {} started a new sync instead of resuming",
                kill.saturating_sub(1)
            );
            resumed_kills += 1;
        }
        before = after;
    }
    assert!(
        resumed_kills > 0,
        "no kill left a sync to resume: {before:?}"
    );

    // A last run, left to finish, completes the cache with the same rows as the whole sync.
    let output = sync(&db).stdout(Stdio::piped()).output().unwrap();
    assert!(output.status.success(), "the last sync failed");
    let summary = common::stdout(&output);
    if let Some(last) = before.last()
        && !last.finished
        && last.pages > 0
    {
        assert!(summary.contains("(resumed)"), "{summary}");
    }
    let syncs = check_synced(&db, SYNC_FRACTIONS.len());
    assert!(syncs.last().unwrap().finished, "{syncs:?}");
    assert_eq!(
        common::dump(&db),
        expected,
        "no lost and no duplicated rows"
    );
}
