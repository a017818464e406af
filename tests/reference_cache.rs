//! The committed cache.db must hold exactly the reference data of assets/.

mod common;

use std::path::Path;

use common::{run, stderr};

/// Every row of the tables the reference set fills, as text, in a stable order.
fn contents(db: &Path) -> Vec<String> {
    let connection =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("cache opens read-only");
    let version: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    let mut lines = vec![format!("user_version {version}")];
    for table in ["reference_models", "benchmark_results", "models"] {
        let mut statement = connection
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2, 3"))
            .expect("table exists");
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|index| format!("{:?}", row.get::<_, rusqlite::types::Value>(index).unwrap()))
                .collect();
            lines.push(format!("{table}: {}", values.join("|")));
        }
    }
    lines
}

#[test]
fn committed_cache_matches_assets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let rebuilt = work.path().join("rebuilt.db");
    let output = run(
        work.path(),
        &[
            "build-reference",
            "--assets",
            root.join("assets").to_str().unwrap(),
            "--db",
            rebuilt.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    // Read a copy: opening the committed file, even read-only, may leave WAL files beside it.
    let committed = work.path().join("committed.db");
    std::fs::copy(root.join("cache.db"), &committed).unwrap();
    let expected = contents(&rebuilt);
    let actual = contents(&committed);
    let missing: Vec<&String> = expected
        .iter()
        .filter(|line| !actual.contains(line))
        .collect();
    let extra: Vec<&String> = actual
        .iter()
        .filter(|line| !expected.contains(line))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "cache.db and assets/ differ; rebuild with `cargo run --release -- build-reference --assets assets --db cache.db`\nmissing from cache.db: {missing:#?}\nonly in cache.db: {extra:#?}"
    );
    assert!(expected.len() > 100, "the reference set looks empty");
}
