//! Caches that must be reported and left untouched: newer schema, not SQLite, corrupt, foreign,
//! missing.

mod common;

use std::fs;
use std::path::Path;

use common::{run, stderr};

/// Runs every command that opens a cache and checks each error and that the file is unchanged.
fn assert_rejected(work: &Path, db: &Path, expected: &str) {
    let before = fs::read(db).unwrap();
    let record = work.join("record.json");
    fs::write(&record, r#"{"id":"a/b"}"#).unwrap();
    let db_arg = db.to_str().unwrap();
    let commands: [Vec<&str>; 4] = [
        vec!["import", "--db", db_arg, record.to_str().unwrap()],
        vec!["report", "--db", db_arg],
        vec!["models", "--db", db_arg],
        vec![
            "build-reference",
            "--db",
            db_arg,
            "--assets",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets"),
        ],
    ];
    for args in commands {
        let output = run(work, &args);
        assert_eq!(output.status.code(), Some(1), "{args:?} did not fail");
        let message = stderr(&output);
        assert!(message.contains(db_arg), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
        assert_eq!(fs::read(db).unwrap(), before, "{args:?} modified the file");
    }
}

#[test]
fn newer_schema_reported() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("future.db");
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection
        .execute_batch("CREATE TABLE models (id TEXT); PRAGMA user_version = 99;")
        .unwrap();
    drop(connection);
    assert_rejected(
        work.path(),
        &db,
        &format!(
            "schema version 99 is newer than this slmscope ({})",
            slmscope::cache::schema::CURRENT_VERSION
        ),
    );
}

#[test]
fn text_file_not_sqlite() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("notes.db");
    fs::write(&db, "these are my notes, not a database\n").unwrap();
    assert_rejected(work.path(), &db, "is not an SQLite database");
}

#[test]
fn corrupt_database_reported() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("corrupt.db");
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(connection);
    let mut bytes = fs::read(&db).unwrap();
    // Keep the 16-byte header and overwrite the rest of the first page, schema included.
    for byte in bytes.iter_mut().skip(16).take(4000) {
        *byte = 0xA5;
    }
    fs::write(&db, &bytes).unwrap();
    let output = run(work.path(), &["report", "--db", db.to_str().unwrap()]);
    let message = stderr(&output);
    assert!(
        message.contains("corrupt") || message.contains("not an SQLite database"),
        "{message}"
    );
    assert_rejected(
        work.path(),
        &db,
        if message.contains("corrupt") {
            "corrupt"
        } else {
            "not an SQLite database"
        },
    );
}

#[test]
fn foreign_database_reported() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("other.db");
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
        .unwrap();
    drop(connection);
    assert_rejected(work.path(), &db, "SQLite database of another program");
}

#[test]
fn missing_cache_names_fix() {
    let work = tempfile::tempdir().unwrap();
    let output = run(work.path(), &["report", "--db", "absent.db"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cache not found: absent.db"), "{message}");
    assert!(
        message.contains("slmscope import --db absent.db"),
        "{message}"
    );
    assert!(
        message.contains("name an existing cache with --db or the `cache` key"),
        "{message}"
    );
    assert!(
        !work.path().join("absent.db").exists(),
        "a read command created the cache"
    );
}

#[test]
fn newer_schema_reported_in_french() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("future.db");
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection
        .execute_batch("PRAGMA user_version = 7;")
        .unwrap();
    drop(connection);
    let output = run(
        work.path(),
        &["--lang", "fr", "report", "--db", db.to_str().unwrap()],
    );
    let message = stderr(&output);
    assert!(message.starts_with("erreur"), "{message}");
    assert!(
        message.contains("la version de schéma 7 est plus récente"),
        "{message}"
    );
}

#[test]
fn empty_file_not_turned_into_cache() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("zero.db");
    fs::write(&db, b"").unwrap();
    for args in [
        vec!["report", "--db", "zero.db"],
        vec!["models", "--db", "zero.db"],
    ] {
        let output = run(work.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains("cache zero.db is an empty file"),
            "{message}"
        );
        assert!(
            message.contains("slmscope import --db zero.db"),
            "{message}"
        );
        assert_eq!(
            fs::metadata(&db).unwrap().len(),
            0,
            "{args:?} wrote to the file"
        );
    }
}

#[test]
fn threshold_before_subcommand_rejected() {
    let work = tempfile::tempdir().unwrap();
    let output = run(work.path(), &["--threshold", "3B", "report"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("put it after the subcommand"),
        "{}",
        stderr(&output)
    );
}
