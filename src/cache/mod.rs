//! The SQLite cache of Hub model metadata: opening it safely, its schema, imports and loads.
//!
//! A cache is opened in WAL mode with a busy timeout so that a reader and a writer can share it.
//! A file that is not SQLite, is corrupt, belongs to another program or has a newer schema is
//! reported and never modified.

mod benchmarks;
mod error;
mod import;
mod load;
mod reference;
mod row;
mod row_sql;
pub mod schema;
mod sync;
mod tags_json;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use benchmarks::{BenchmarkImport, LinkCounts};
pub use error::CacheError;
pub use import::{FileImportError, ImportProgress, ImportSummary, MAX_LISTED_SKIPS, MERGE_RULE};
pub use reference::ReferenceRows;
pub use sync::{SyncState, SyncStatus};

/// Whether opening may create a missing cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file and its schema when it does not exist (imports).
    CreateIfMissing,
    /// Fail with [`CacheError::NotFound`] when the file does not exist (viewing and reports).
    MustExist,
}

/// An open cache. All writes go through methods of this type, each in one transaction.
pub struct Cache {
    connection: Connection,
    path: PathBuf,
    /// True when this open created the schema in an empty file.
    created: bool,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Hidden setting, left out of the help: caps every cache opened for writing at this many pages
/// with SQLite's `max_page_count`, so that a write past the cap fails with SQLITE_FULL as on a
/// full disk. It lets tests check that failure without filling a disk. SQLite never sets the cap
/// below the file's current size, so 1 means "no growth".
pub const MAX_PAGES_VAR: &str = "SLMSCOPE_CACHE_MAX_PAGES";

/// How long a statement waits for another connection's lock before it fails with SQLITE_BUSY.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Cache {
    /// Opens the cache at `path`, applying forward migrations when its schema is older.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Cache, CacheError> {
        let exists = path.exists();
        if !exists && mode == OpenMode::MustExist {
            return Err(CacheError::NotFound {
                path: path.to_path_buf(),
            });
        }
        if exists {
            let empty = check_header(path)?;
            if empty && mode == OpenMode::MustExist {
                return Err(CacheError::Empty {
                    path: path.to_path_buf(),
                });
            }
        }

        // SQLite opens a file it cannot write read-only without an error, and then creates its
        // `-wal` and `-shm` files beside it with the file's read-only mode, which would block
        // the next writer even after the cache is made writable. Checking first avoids that.
        let writable = !exists || std::fs::OpenOptions::new().write(true).open(path).is_ok();
        let opened = if writable {
            Cache::open_read_write(path)
        } else {
            Err(CacheError::ReadOnly {
                path: path.to_path_buf(),
            })
        };
        match opened {
            // A command that only reads can still read a cache that it cannot write. Its
            // writes, if any, then fail with the same ReadOnly error.
            Err(CacheError::ReadOnly { .. }) if mode == OpenMode::MustExist => {
                let cache = Cache::open_read_only(path)?;
                tracing::info!(path = %path.display(), "cache opened read-only");
                Ok(cache)
            }
            result => result,
        }
    }

    fn open_read_write(path: &Path) -> Result<Cache, CacheError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection =
            Connection::open_with_flags(path, flags).map_err(|source| classify(path, source))?;
        // Set before the first read, so that checking or migrating the schema waits for a
        // writer in another process instead of failing at once.
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|source| classify(path, source))?;
        let mut cache = Cache {
            connection,
            path: path.to_path_buf(),
            created: false,
        };
        cache.check_and_migrate()?;
        cache.configure()?;
        tracing::info!(path = %path.display(), "cache opened");
        Ok(cache)
    }

    /// Opens a cache that cannot be written. A schema older than this build's fails with
    /// [`CacheError::ReadOnly`], because migrating it writes.
    fn open_read_only(path: &Path) -> Result<Cache, CacheError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = match immutable_uri(path) {
            Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI),
            None => Connection::open_with_flags(path, flags),
        }
        .map_err(|source| classify(path, source))?;
        let mut cache = Cache {
            connection,
            path: path.to_path_buf(),
            created: false,
        };
        cache
            .connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|source| classify(path, source))?;
        cache.check_and_migrate()?;
        Ok(cache)
    }

    /// Opens a private in-memory cache, for tests and benches.
    pub fn open_in_memory() -> Result<Cache, CacheError> {
        let path = PathBuf::from(":memory:");
        let connection = Connection::open_in_memory().map_err(|source| classify(&path, source))?;
        let mut cache = Cache {
            connection,
            path,
            created: false,
        };
        cache.check_and_migrate()?;
        Ok(cache)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when opening created the schema, so the cache contains nothing yet.
    pub fn is_new(&self) -> bool {
        self.created
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64, CacheError> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| self.sqlite_error(source))
    }

    fn configure(&self) -> Result<(), CacheError> {
        self.connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(|source| self.sqlite_error(source))?;
        self.connection
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|source| self.sqlite_error(source))?;
        let max_pages = std::env::var(MAX_PAGES_VAR)
            .ok()
            .and_then(|value| value.parse::<u64>().ok());
        if let Some(pages) = max_pages {
            self.connection
                .pragma_update_and_check(None, "max_page_count", pages, |_| Ok(()))
                .map_err(|source| self.sqlite_error(source))?;
            tracing::warn!(path = %self.path.display(), pages, "cache capped at a page count");
        }
        Ok(())
    }

    /// Checks the schema version and applies missing migrations in one transaction.
    fn check_and_migrate(&mut self) -> Result<(), CacheError> {
        let path = self.path.clone();
        let version = self.schema_version()?;
        if version > schema::CURRENT_VERSION {
            return Err(CacheError::NewerSchema {
                path,
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        if version < 0 {
            return Err(CacheError::Foreign { path });
        }
        if version == 0 {
            let tables: i64 = self
                .connection
                .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
                .map_err(|source| classify(&path, source))?;
            if tables > 0 {
                return Err(CacheError::Foreign { path });
            }
        }
        if version == schema::CURRENT_VERSION {
            return Ok(());
        }

        // Rebuilding a table drops the old one, which must not cascade to the rows that refer to
        // it. The pragma has no effect inside a transaction, so it is set around it.
        self.connection
            .execute_batch("PRAGMA foreign_keys = OFF;")
            .map_err(|source| classify(&path, source))?;
        let migrated = self.migrate(version);
        self.connection
            .execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(|source| classify(&path, source))?;
        migrated?;
        self.created = version == 0;
        Ok(())
    }

    /// Applies the migrations after `version` in one transaction.
    fn migrate(&mut self, version: i64) -> Result<(), CacheError> {
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction()
            .map_err(|source| classify(&path, source))?;
        for (index, migration) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            transaction
                .execute_batch(migration)
                .map_err(|source| classify(&path, source))?;
            tracing::info!(path = %path.display(), to = index + 1, "cache schema migrated");
        }
        transaction
            .pragma_update(None, "user_version", schema::CURRENT_VERSION)
            .map_err(|source| classify(&path, source))?;
        let violations: i64 = transaction
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })
            .map_err(|source| classify(&path, source))?;
        if violations > 0 {
            tracing::warn!(path = %path.display(), violations, "foreign keys broken after migration");
        }
        transaction
            .commit()
            .map_err(|source| classify(&path, source))
    }

    fn sqlite_error(&self, source: rusqlite::Error) -> CacheError {
        classify(&self.path, source)
    }
}

/// Returns an `immutable=1` URI for a cache without `-wal` and `-shm` files beside it, else
/// `None`. In a folder it cannot write, the bundled SQLite fails to open a WAL-mode database
/// read-only when the `-shm` file is missing, unless the database is opened as immutable (tested
/// by `read_only_cache_and_folder`). Without a `-wal` file no change waits to be checkpointed,
/// so the main file contains every committed row.
///
/// NOTE: an immutable connection does not see a writer that starts after it opened, and may
/// then read stale or inconsistent pages. Only a user who can write the cache's folder can be
/// that writer.
fn immutable_uri(path: &Path) -> Option<String> {
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name).exists()
    };
    if beside("-wal") || beside("-shm") {
        return None;
    }
    let absolute = std::path::absolute(path).ok()?;
    let mut uri = url::Url::from_file_path(absolute).ok()?;
    uri.set_query(Some("immutable=1"));
    Some(uri.to_string())
}

/// Formats the current time as the cache stores it: RFC 3339 UTC with milliseconds.
fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Rejects a non-empty file whose first 16 bytes are not the SQLite header, before SQLite
/// touches it. Returns whether the file is empty.
fn check_header(path: &Path) -> Result<bool, CacheError> {
    let mut header = [0u8; 16];
    let mut file = File::open(path).map_err(|source| CacheError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(count) => read += count,
            Err(source) => {
                return Err(CacheError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if read == 0 || &header == SQLITE_HEADER {
        Ok(read == 0)
    } else {
        Err(CacheError::NotSqlite {
            path: path.to_path_buf(),
        })
    }
}

/// Maps SQLite's corruption, read-only and full-disk codes to their own errors.
fn classify(path: &Path, source: rusqlite::Error) -> CacheError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => CacheError::NotSqlite {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::ReadOnly) => CacheError::ReadOnly {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DiskFull) => CacheError::DiskFull {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => CacheError::Corrupt {
            path: path.to_path_buf(),
            detail: source.to_string(),
        },
        _ => CacheError::Sqlite {
            path: path.to_path_buf(),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn older_schema_migrates_forward() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("v1.db");
        let connection = Connection::open(&path).unwrap();
        connection.execute_batch(schema::MIGRATIONS[0]).unwrap();
        connection
            .execute_batch(
                "INSERT INTO models (id, params_source) VALUES ('a/kept', 'unknown');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        drop(connection);

        let cache = Cache::open(&path, OpenMode::MustExist).unwrap();
        assert_eq!(cache.schema_version().unwrap(), schema::CURRENT_VERSION);
        assert!(!cache.is_new());
        let models = cache.load_models().unwrap();
        assert_eq!(models.len(), 1);
        assert_eq!(&*models[0].id, "a/kept");
        let syncs: i64 = cache
            .connection
            .query_row("SELECT count(*) FROM syncs", [], |row| row.get(0))
            .unwrap();
        assert_eq!(syncs, 0);
    }

    #[test]
    fn version_two_keeps_tags_and_results_when_tables_are_rebuilt() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("v2.db");
        let connection = Connection::open(&path).unwrap();
        connection.execute_batch(schema::MIGRATIONS[0]).unwrap();
        connection.execute_batch(schema::MIGRATIONS[1]).unwrap();
        connection
            .execute_batch(
                "PRAGMA foreign_keys = ON;
                 INSERT INTO models (id, params_total, params_source, tags_known)
                    VALUES ('o/m-7B', 7000000000, 'name', 1);
                 INSERT INTO model_tags (model_id, kind, value) VALUES ('o/m-7B', 'tag', 'chat');
                 INSERT INTO benchmark_results (model, hub_id, benchmark, domain, metric, score,
                    date, source, origin)
                    VALUES ('M 7B', 'o/m-7B', 'HumanEval', 'code', 'pass@1', 40.5, '2024-01',
                        'https://example.org', 'reference');
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        drop(connection);

        let cache = Cache::open(&path, OpenMode::MustExist).unwrap();
        assert_eq!(cache.schema_version().unwrap(), schema::CURRENT_VERSION);
        let models = cache.load_models().unwrap();
        assert_eq!(
            cache.load_tags(&models[0].id).unwrap().len(),
            1,
            "tags survive the rebuilt models table"
        );
        let results = cache.load_benchmarks().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].date.as_deref(), Some("2024-01"));
        assert_eq!(results[0].origin, crate::model::ResultOrigin::Reference);
        let foreign_keys: i64 = cache
            .connection
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            foreign_keys, 1,
            "foreign keys are enforced again after migrating"
        );
    }

    #[test]
    fn read_only_write_is_its_own_error() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("ro.db");
        Cache::open(&path, OpenMode::CreateIfMissing).unwrap();
        let connection =
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let failure = connection
            .execute("DELETE FROM models", [])
            .expect_err("a read-only connection cannot write");
        let error = classify(&path, failure);
        assert!(matches!(error, CacheError::ReadOnly { .. }), "{error:?}");
        let message = error.message(Lang::En);
        assert!(message.contains("ro.db-shm"), "{message}");
        assert!(message.contains("--db"), "{message}");
        let message = error.message(Lang::Fr);
        assert!(message.contains("ne peut pas être écrit"), "{message}");
        assert!(message.contains("ro.db-shm"), "{message}");
        assert!(message.contains("--db"), "{message}");
    }

    #[test]
    fn page_cap_write_is_disk_full() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("full.db");
        let cache = Cache::open(&path, OpenMode::CreateIfMissing).unwrap();
        cache
            .connection
            .pragma_update_and_check(None, "max_page_count", 1, |_| Ok(()))
            .unwrap();
        let failure = cache
            .connection
            .execute_batch("CREATE TABLE filler (x); INSERT INTO filler VALUES (zeroblob(100000));")
            .expect_err("the capped cache cannot grow");
        let error = cache.sqlite_error(failure);
        assert!(matches!(error, CacheError::DiskFull { .. }), "{error:?}");
        let message = error.message(Lang::En);
        assert!(message.contains("full.db"), "{message}");
        assert!(
            message.contains("the disk that holds it is full"),
            "{message}"
        );
        let message = error.message(Lang::Fr);
        assert!(
            message.contains("le disque qui le contient est plein"),
            "{message}"
        );
    }

    #[test]
    fn version_three_keeps_rows_and_marks_synthetic_ids() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("v3.db");
        let connection = Connection::open(&path).unwrap();
        for migration in &schema::MIGRATIONS[..3] {
            connection.execute_batch(migration).unwrap();
        }
        connection
            .execute_batch(
                "INSERT INTO models (id, params_total, params_source, downloads)
                    VALUES ('meta-llama/Llama-3.1-8B', 8030261248, 'name', 100);
                 INSERT INTO models (id, params_source) VALUES ('synthetic-org-4/ember-000001', 'unknown');
                 INSERT INTO models (id, params_source) VALUES ('synthetic-lab/model', 'unknown');
                 INSERT INTO model_tags (model_id, kind, value) VALUES ('meta-llama/Llama-3.1-8B', 'tag', 'chat');
                 PRAGMA user_version = 3;",
            )
            .unwrap();
        drop(connection);

        let cache = Cache::open(&path, OpenMode::MustExist).unwrap();
        assert_eq!(cache.schema_version().unwrap(), schema::CURRENT_VERSION);
        let models = cache.load_models().unwrap();
        assert_eq!(models.len(), 3, "every row survives the migration");
        let real = models
            .iter()
            .find(|m| &*m.id == "meta-llama/Llama-3.1-8B")
            .unwrap();
        assert_eq!(real.params.total(), Some(8_030_261_248));
        assert_eq!(real.downloads(), Some(100));
        assert_eq!(cache.load_tags(&real.id).unwrap().len(), 1);
        assert!(!real.synthetic);
        let lookalike = models
            .iter()
            .find(|m| &*m.id == "synthetic-lab/model")
            .unwrap();
        assert!(
            !lookalike.synthetic,
            "a real owner starting with synthetic- is not marked"
        );
        let generated = models
            .iter()
            .find(|m| m.id.starts_with("synthetic-org-"))
            .unwrap();
        assert!(generated.synthetic);
        assert_eq!(cache.synthetic_count().unwrap(), 1);
    }

    /// Formats every row of every table and sorts the rows of each table, so that two caches
    /// compare equal whatever the order of their pages.
    fn table_rows(connection: &Connection) -> Vec<(String, Vec<String>)> {
        let tables: Vec<String> = connection
            .prepare(
                "SELECT name FROM sqlite_master
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables
            .into_iter()
            .map(|table| {
                let mut statement = connection
                    .prepare(&format!("SELECT * FROM {table}"))
                    .unwrap();
                let columns = statement.column_count();
                let mut rows: Vec<String> = statement
                    .query_map([], |row| {
                        let values = (0..columns)
                            .map(|index| row.get::<_, rusqlite::types::Value>(index))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok(format!("{values:?}"))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                rows.sort();
                (table, rows)
            })
            .collect()
    }

    fn model_indexes(connection: &Connection) -> Vec<String> {
        connection
            .prepare(
                "SELECT name FROM sqlite_master
                 WHERE type = 'index' AND tbl_name = 'models' AND sql IS NOT NULL",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn version_five_migrates_with_same_rows() {
        let directory = tempfile::tempdir().unwrap();

        // Rows as an import writes them: the reference set, Hub records with tags, sizes and a
        // model-index, and the imports listed.
        let filled = directory.path().join("filled.db");
        let records = directory.path().join("models.jsonl");
        std::fs::write(
            &records,
            concat!(
                r#"{"id":"meta-llama/Llama-3.1-8B","pipeline_tag":"text-generation","#,
                r#""downloads":1200,"likes":40,"gated":"manual","#,
                r#""lastModified":"2024-09-25T14:34:54.000Z","#,
                r#""tags":["license:llama3.1","en","base_model:finetune:meta-llama/Llama-3.1"],"#,
                r#""safetensors":{"total":8030261248,"parameters":{"BF16":8030261248}}}"#,
                "\n",
                r#"{"id":"org/tiny-0.5B","library_name":"transformers","tags":["fr"],"#,
                r#""config":{"architectures":["Qwen2ForCausalLM"]},"#,
                r#""model-index":[{"name":"tiny","results":[{"task":{"type":"text-generation"},"#,
                r#""dataset":{"name":"MMLU","type":"cais/mmlu"},"#,
                r#""metrics":[{"type":"acc","value":41.5}]}]}]}"#,
                "\n",
                r#"{"id":"org/no-tags","createdAt":"1970-01-01T00:00:00.000Z"}"#,
                "\n",
            ),
        )
        .unwrap();
        let mut cache = Cache::open(&filled, OpenMode::CreateIfMissing).unwrap();
        let reference = crate::reference::embedded();
        cache
            .replace_reference(
                &reference.models,
                &reference.benchmarks,
                ReferenceRows::TablesOnly,
            )
            .unwrap();
        cache
            .import_file(&records, "models.jsonl", &mut |_| {})
            .unwrap();
        drop(cache);

        // A cache of version 5, created by the first five migrations, with the same rows.
        let path = directory.path().join("v5.db");
        let connection = Connection::open(&path).unwrap();
        for migration in &schema::MIGRATIONS[..5] {
            connection.execute_batch(migration).unwrap();
        }
        connection
            .execute("ATTACH DATABASE ?1 AS filled", [filled.to_str().unwrap()])
            .unwrap();
        for (table, _) in table_rows(&connection) {
            connection
                .execute_batch(&format!(
                    "INSERT INTO main.{table} SELECT * FROM filled.{table};"
                ))
                .unwrap();
        }
        connection
            .execute_batch("DETACH DATABASE filled; PRAGMA user_version = 5;")
            .unwrap();
        let before = table_rows(&connection);
        assert!(model_indexes(&connection).contains(&"models_params_total".to_string()));
        drop(connection);
        let models = before.iter().find(|(table, _)| table == "models").unwrap();
        // TablesOnly gives the reference models no `models` row.
        assert_eq!(models.1.len(), 3);
        let results = before
            .iter()
            .find(|(table, _)| table == "benchmark_results")
            .unwrap();
        assert!(!results.1.is_empty());

        let cache = Cache::open(&path, OpenMode::MustExist).unwrap();
        assert_eq!(cache.schema_version().unwrap(), 6);
        assert_eq!(table_rows(&cache.connection), before);
        let indexes = model_indexes(&cache.connection);
        assert!(
            !indexes.contains(&"models_params_total".to_string()),
            "{indexes:?}"
        );
        assert!(
            !indexes.contains(&"models_pipeline_tag".to_string()),
            "{indexes:?}"
        );
        let loaded = cache.load_models().unwrap();
        let llama = loaded
            .iter()
            .find(|model| &*model.id == "meta-llama/Llama-3.1-8B")
            .unwrap();
        assert_eq!(llama.params.total(), Some(8_030_261_248));
        assert_eq!(cache.load_tags(&llama.id).unwrap().len(), 3);
    }

    #[test]
    fn new_file_reports_new() {
        let directory = tempfile::tempdir().unwrap();
        let cache =
            Cache::open(&directory.path().join("new.db"), OpenMode::CreateIfMissing).unwrap();
        assert!(cache.is_new());
        assert_eq!(cache.schema_version().unwrap(), schema::CURRENT_VERSION);
    }
}
