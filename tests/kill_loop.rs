//! `slmscope import` killed with SIGKILL at many points: after each kill the cache passes
//! SQLite's integrity check and holds only whole imports, and a last run completes with every
//! model exactly once. Linux and other Unix systems only, since it sends SIGKILL.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const MODELS: u64 = 10_000;
/// When each kill lands, as a fraction of the time of a full import: enough kills to land in
/// the cache's creation, the writes and the commit, few enough for CI.
const FRACTIONS: [f64; 8] = [0.01, 0.03, 0.2, 0.4, 0.6, 0.8, 0.95, 1.1];

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

/// Runs SQLite's integrity check and returns the number of models, distinct ids and imports.
/// All three are 0 for a database without the cache's tables.
fn check(db: &Path) -> (u64, u64, u64) {
    let connection = Connection::open(db).expect("the cache opens after a kill");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "integrity check of {}", db.display());
    // A kill before the schema's transaction committed leaves an empty database, which the
    // next run sets up as a new cache.
    let has_models: bool = connection
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'models'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    if !has_models {
        return (0, 0, 0);
    }
    let count = |sql: &str| -> u64 {
        connection
            .query_row(sql, [], |row| row.get::<_, i64>(0))
            .unwrap() as u64
    };
    (
        count("SELECT count(*) FROM models"),
        count("SELECT count(DISTINCT id) FROM models"),
        count("SELECT count(*) FROM imports"),
    )
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

    // One full import into a scratch cache gives the time that the kills spread over.
    let scratch = work.path().join("scratch.db");
    let started = Instant::now();
    let status = slmscope()
        .args(["import", "--db"])
        .arg(&scratch)
        .arg(&records)
        .status()
        .unwrap();
    assert!(status.success());
    let full = started.elapsed();

    let mut completed = 0;
    for (kill, fraction) in FRACTIONS.iter().enumerate() {
        // The first kills land while the cache is created, the next ones spread over the
        // writes, and the last one just past the end of a full import.
        let delay = full.mul_f64(*fraction);
        let mut child = slmscope()
            .args(["import", "--db"])
            .arg(&db)
            .arg(&records)
            .spawn()
            .unwrap();
        std::thread::sleep(delay.max(Duration::from_millis(5)));
        // SIGKILL: the process gets no chance to clean up.
        let _ = child.kill();
        let exited = child.wait().unwrap().success();
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
    let status = slmscope()
        .args(["import", "--db"])
        .arg(&db)
        .arg(&records)
        .status()
        .unwrap();
    assert!(status.success(), "the import completes after the kills");
    let (models, distinct, imports) = check(&db);
    assert_eq!(models, MODELS);
    assert_eq!(distinct, MODELS);
    assert_eq!(imports, completed + 1);
}
