//! Importing Hub records into the cache: one transaction per file, merged by the newest-wins
//! rule of [`StoredModel::merge`].

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use rusqlite::{Connection, OptionalExtension, Statement, Transaction, params};

use super::benchmarks::{NewModelLinker, replace_model_index};
use super::row::StoredModel;
use super::row_sql::{
    INSERT_NEW_MODEL_SQL, RowValues, UPSERT_MODEL_SQL, execute_model, select_model_sql,
    stored_from_row,
};
use super::{Cache, CacheError};
use crate::hub::model_index::{IndexResult, index_results};
use crate::hub::reader::{BATCH_RECORDS, FileRecords, ReadError, ReadEvent, Skip, read_stream};
use crate::hub::record::HubModel;
use crate::i18n::Lang;

/// The merge rule as the import summary and the README state it.
pub const MERGE_RULE: &str = "the record with the later lastModified wins, else the later import; fields the winner lacks are kept from the other record";

/// What one file's import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Records read from the file, skipped ones included.
    pub read: usize,
    pub added: usize,
    /// Records that changed a model already in the cache.
    pub updated: usize,
    /// Records that matched a cached model and changed nothing.
    pub unchanged: usize,
    /// The first [`MAX_LISTED_SKIPS`] records skipped, in file order.
    pub skipped: Vec<Skip>,
    /// Records skipped, including those beyond the listed ones.
    pub skipped_count: usize,
}

/// Skipped records that an [`ImportSummary`] lists. A file of millions of non-records would
/// otherwise fill memory with its skip list.
pub const MAX_LISTED_SKIPS: usize = 1_000;

/// The error of [`Cache::import_file`]: the file could not be read, or the cache not written.
/// Either way, nothing of the file was stored.
#[derive(Debug, thiserror::Error)]
pub enum FileImportError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl FileImportError {
    /// Formats the error in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FileImportError::Read(error) => error.message(lang),
            FileImportError::Cache(error) => error.message(lang),
        }
    }
}

/// How far a file's import has come, for a progress display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportProgress {
    /// Records read from the file and stored, skipped ones included.
    pub records: u64,
    /// Bytes of the file read up to the last stored record.
    pub bytes: u64,
}

/// Batches the reader thread may parse ahead of the writer. Memory contains at most this many
/// batches, the one being written, the one being parsed, and the written batches that wait for
/// the reader to free them, which it does before it hands over each batch.
const BATCHES_AHEAD: usize = 2;

/// Page cache of the connection during an import, in KiB (SQLite's negative `cache_size`): a
/// quarter of the file's size, within these bounds. The default 2 MiB cannot hold the indexes
/// that an import updates in random order, and every miss rereads a page from the file or the
/// write-ahead log. But the changed pages still in the cache at the commit are written while the
/// reader thread has nothing left to do. The pages of a full cache are written to the
/// write-ahead log during the transaction, while the reader still parses. With 64 MiB, the commit
/// took about a fifth of the import of 100,000 new models (a 62 MB file), and 16 MiB made that
/// import 15% faster. A file of 1,000,000 records imports 20% faster with 64 MiB than with 16.
/// The cache is allocated as it fills, so memory stays at this bound whatever the size of the
/// file.
const IMPORT_CACHE_KIB: std::ops::RangeInclusive<i64> = 16 * 1024..=64 * 1024;

/// Returns the page cache for importing a file of `bytes` bytes; see [`IMPORT_CACHE_KIB`].
fn import_cache_kib(bytes: u64) -> i64 {
    let quarter = i64::try_from(bytes / 4 / 1024).unwrap_or(i64::MAX);
    quarter.clamp(*IMPORT_CACHE_KIB.start(), *IMPORT_CACHE_KIB.end())
}

impl Cache {
    /// Imports the records of one file in one transaction: either every record is stored and
    /// the file is listed in `imports` under the name `source`, or, on error, nothing is.
    pub fn import_records(
        &mut self,
        source: &str,
        file: &FileRecords,
    ) -> Result<ImportSummary, CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;
        let sizes = SizeLookup::Query;
        let mut writer = RecordWriter::begin(&transaction, &sizes).map_err(error)?;
        writer.skip(&file.skipped);
        for record in &file.records {
            let mut incoming = Incoming::from_hub(record.clone(), &sizes);
            writer.write(&transaction, &mut incoming).map_err(error)?;
        }
        let summary = writer.finish(&transaction).map_err(error)?;
        record_import(&transaction, source, &summary).map_err(error)?;
        transaction.commit().map_err(error)?;
        self.log_import(&summary);
        Ok(summary)
    }

    /// Reads one file of Hub records and imports it in one transaction, as
    /// [`Cache::import_records`] does, with memory bounded by a few batches of records whatever
    /// the size of the file. A reader thread parses the next batches while this thread writes.
    /// `progress` is called after each batch.
    pub fn import_file(
        &mut self,
        file: &Path,
        source: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary, FileImportError> {
        let opened = std::fs::File::open(file).map_err(|source| ReadError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let file_bytes = opened.metadata().map_or(0, |metadata| metadata.len());
        let previous_cache_size: i64 = self
            .connection
            .pragma_query_value(None, "cache_size", |row| row.get(0))
            .map_err(|source| self.sqlite_error(source))?;
        self.connection
            .pragma_update(None, "cache_size", -import_cache_kib(file_bytes))
            .map_err(|source| self.sqlite_error(source))?;
        let sizes =
            SizeLookup::load(&self.connection).map_err(|source| self.sqlite_error(source))?;
        let sizes = &sizes;

        let (sender, receiver) = mpsc::sync_channel(BATCHES_AHEAD);
        let (freed_sender, freed_receiver) = mpsc::channel::<Vec<Incoming>>();
        let result = thread::scope(|scope| -> Result<ImportSummary, FileImportError> {
            // Owned by this closure, the receiver is dropped when it returns, before the scope
            // joins the reader: a reader blocked on a full channel then stops.
            let receiver = receiver;
            let handle = scope.spawn(move || {
                let read = read_stream(file, opened, BATCH_RECORDS, &mut |event| {
                    // Freeing the written batches here, on the thread that allocated them, is
                    // cheaper than freeing them on the writer thread.
                    while let Ok(written) = freed_receiver.try_recv() {
                        drop(written);
                    }
                    // Converting here, and computing the row of each record as a new model,
                    // takes that work off the writer thread.
                    let event = match event {
                        ReadEvent::Batch {
                            records,
                            bytes_read,
                        } => WriteEvent::Batch {
                            records: records
                                .records
                                .into_iter()
                                .map(|record| Incoming::from_hub(record, sizes))
                                .collect(),
                            skipped: records.skipped,
                            bytes_read,
                        },
                        ReadEvent::Restart => WriteEvent::Restart,
                    };
                    match sender.send(event) {
                        Ok(()) => ControlFlow::Continue(()),
                        // The writer stopped on an error and no longer receives.
                        Err(_) => ControlFlow::Break(()),
                    }
                });
                drop(sender);
                // The last batches come back once the writer has written them.
                for written in freed_receiver {
                    drop(written);
                }
                read
            });
            let mut reader = ReaderThread {
                handle: Some(handle),
                freed: Some(freed_sender),
            };
            loop {
                if let Some(summary) =
                    self.write_events(source, sizes, &receiver, progress, &mut reader)?
                {
                    return Ok(summary);
                }
            }
        });

        let restored = self
            .connection
            .pragma_update(None, "cache_size", previous_cache_size)
            .map_err(|source| self.sqlite_error(source));
        let summary = result?;
        restored?;
        self.log_import(&summary);
        Ok(summary)
    }

    /// Writes the batches that arrive on `events` in one transaction until the reader closes
    /// the channel, then commits if the reader reports that the whole file was read. Returns
    /// `None`, with the transaction rolled back, when the reader restarts the file.
    fn write_events(
        &mut self,
        source: &str,
        sizes: &SizeLookup,
        events: &mpsc::Receiver<WriteEvent>,
        progress: &mut dyn FnMut(ImportProgress),
        reader: &mut ReaderThread<'_>,
    ) -> Result<Option<ImportSummary>, FileImportError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;
        let mut writer = RecordWriter::begin(&transaction, sizes).map_err(error)?;
        progress(ImportProgress::default());
        for event in events {
            match event {
                WriteEvent::Batch {
                    records,
                    skipped,
                    bytes_read,
                } => {
                    let mut records = records;
                    writer.skip(&skipped);
                    for record in &mut records {
                        writer.write(&transaction, record).map_err(error)?;
                    }
                    reader.free(records);
                    progress(ImportProgress {
                        records: writer.summary.read as u64,
                        bytes: bytes_read,
                    });
                }
                WriteEvent::Restart => return Ok(None),
            }
        }
        // The channel also closes when the reader fails: the file must have been read whole.
        reader.join()?;
        let summary = writer.finish(&transaction).map_err(error)?;
        record_import(&transaction, source, &summary).map_err(error)?;
        transaction.commit().map_err(error)?;
        Ok(Some(summary))
    }

    fn log_import(&self, summary: &ImportSummary) {
        tracing::info!(
            path = %self.path.display(),
            read = summary.read,
            added = summary.added,
            updated = summary.updated,
            unchanged = summary.unchanged,
            skipped = summary.skipped_count,
            "records imported"
        );
    }
}

/// The thread that reads a file for [`Cache::import_file`].
struct ReaderThread<'scope> {
    /// `None` once joined.
    handle: Option<thread::ScopedJoinHandle<'scope, Result<(), ReadError>>>,
    /// Returns written batches to the reader, which frees them. `None` once joined.
    freed: Option<mpsc::Sender<Vec<Incoming>>>,
}

impl ReaderThread<'_> {
    /// Hands a written batch back to the reader thread to be freed there.
    fn free(&self, records: Vec<Incoming>) {
        if let Some(freed) = &self.freed {
            // When the reader has already stopped, the batch comes back and is freed here.
            let _ = freed.send(records);
        }
    }

    /// Waits for the reader to finish and returns how its read ended. Call it once the
    /// batches channel is closed. A panic of the reader is resumed on this thread.
    fn join(&mut self) -> Result<(), ReadError> {
        // The reader frees the returned batches until this sender is dropped.
        self.freed = None;
        match self.handle.take().map(|handle| handle.join()) {
            Some(Ok(read)) => read,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Ok(()),
        }
    }
}

/// A [`ReadEvent`] with its records converted for the cache.
enum WriteEvent {
    Batch {
        records: Vec<Incoming>,
        skipped: Vec<Skip>,
        bytes_read: u64,
    },
    Restart,
}

/// A Hub record converted for the cache, with the results of its `model-index`.
pub(super) struct Incoming {
    /// `None` when the record has no id.
    stored: Option<StoredModel>,
    /// The computed columns of `stored` as a new model, when `sizes` had its counts in memory.
    values: Option<RowValues>,
    model_index: Option<Vec<IndexResult>>,
}

impl Incoming {
    pub(super) fn from_hub(mut record: HubModel, sizes: &SizeLookup) -> Incoming {
        let model_index = record.model_index.take().map(|value| index_results(&value));
        let stored = StoredModel::from_hub(record);
        let values = stored.as_ref().and_then(|stored| {
            let sizes = sizes.loaded(&stored.id)?;
            Some(RowValues::new(stored, sizes))
        });
        Incoming {
            stored,
            values,
            model_index,
        }
    }
}

/// Lists an imported file in `imports`.
fn record_import(
    transaction: &Transaction<'_>,
    source: &str,
    summary: &ImportSummary,
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO imports (file, imported_at, records, added, updated, unchanged, skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            source,
            super::now(),
            summary.read as i64,
            summary.added as i64,
            summary.updated as i64,
            summary.unchanged as i64,
            summary.skipped_count as i64,
        ],
    )?;
    Ok(())
}

/// Merges each record into the cache inside `transaction`, counting what changed in `summary`.
pub(super) fn upsert_records(
    transaction: &Transaction<'_>,
    records: &[HubModel],
    summary: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let sizes = SizeLookup::Query;
    let mut writer = RecordWriter::begin(transaction, &sizes)?;
    for record in records {
        let mut incoming = Incoming::from_hub(record.clone(), &sizes);
        writer.write(transaction, &mut incoming)?;
    }
    let written = writer.finish(transaction)?;
    summary.added += written.added;
    summary.updated += written.updated;
    summary.unchanged += written.unchanged;
    Ok(())
}

/// Merges Hub records, one at a time, into the cache inside one transaction, under one import
/// sequence number.
pub(super) struct RecordWriter<'a> {
    sequence: i64,
    sizes: &'a SizeLookup,
    linker: NewModelLinker,
    summary: ImportSummary,
    insert_new: Statement<'a>,
    upsert: Statement<'a>,
    select: Statement<'a>,
}

impl<'a> RecordWriter<'a> {
    /// Takes the next import sequence number, prepares the statements, and prepares to link
    /// the results that new models may match.
    pub(super) fn begin(
        transaction: &'a Transaction<'_>,
        sizes: &'a SizeLookup,
    ) -> rusqlite::Result<RecordWriter<'a>> {
        Ok(RecordWriter {
            sequence: next_import_sequence(transaction)?,
            sizes,
            linker: NewModelLinker::begin(transaction)?,
            summary: ImportSummary::default(),
            insert_new: transaction.prepare(INSERT_NEW_MODEL_SQL)?,
            upsert: transaction.prepare(UPSERT_MODEL_SQL)?,
            select: transaction.prepare(&select_model_sql())?,
        })
    }

    /// Counts records that the reader skipped.
    pub(super) fn skip(&mut self, skipped: &[Skip]) {
        self.summary.read += skipped.len();
        self.summary.skipped_count += skipped.len();
        let room = MAX_LISTED_SKIPS.saturating_sub(self.summary.skipped.len());
        self.summary
            .skipped
            .extend_from_slice(&skipped[..room.min(skipped.len())]);
    }

    /// Merges one record into the cache. The record is taken by reference so that the import
    /// can hand it back to the reader thread to be freed there. Freeing records took this
    /// thread about a fifth of its time in a profile of 100,000 synthetic records.
    pub(super) fn write(
        &mut self,
        transaction: &Transaction<'_>,
        record: &mut Incoming,
    ) -> rusqlite::Result<()> {
        self.summary.read += 1;
        let Some(incoming) = &mut record.stored else {
            return Ok(());
        };
        let computed;
        let values = match &record.values {
            Some(values) => values,
            None => {
                computed = RowValues::new(incoming, self.sizes.get(transaction, &incoming.id)?);
                &computed
            }
        };
        // Inserting first stores a new model without reading the table for it; only a model
        // already cached is read back and merged.
        let inserted =
            execute_model(&mut self.insert_new, incoming, values, self.sequence, true)? > 0;
        if inserted {
            self.summary.added += 1;
            self.linker
                .add(&incoming.id, incoming.downloads.map(|count| count as i64));
        } else {
            let existing = self.select.query_row([&incoming.id], stored_from_row)?;
            let merged = StoredModel::merge(existing.clone(), std::mem::take(incoming));
            if merged == existing {
                self.summary.unchanged += 1;
            } else {
                self.summary.updated += 1;
                let sizes = self.sizes.get(transaction, &merged.id)?;
                let values = RowValues::new(&merged, sizes);
                execute_model(&mut self.upsert, &merged, &values, self.sequence, true)?;
            }
            *incoming = merged;
        }
        if let Some(results) = &record.model_index {
            replace_model_index(transaction, &incoming.id, results)?;
        }
        Ok(())
    }

    /// Links the results that the new models match, and returns what the import did.
    pub(super) fn finish(self, transaction: &Transaction<'_>) -> rusqlite::Result<ImportSummary> {
        self.linker.finish(transaction)?;
        Ok(self.summary)
    }
}

/// The parameter counts that sources other than the Hub record give for a model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ExternalSizes {
    /// The reference set's count.
    pub reference: Option<u64>,
    /// The count of a leaderboard result linked to the model.
    pub leaderboard: Option<u64>,
}

/// The leaderboard result whose size a model takes: the Open LLM Leaderboard v2 reads its sizes
/// from the safetensors metadata, while v1 and BigCodeBench round them, so v2 wins. The rest of
/// the order only makes the choice independent of the order files were imported in.
const LEADERBOARD_SIZE_ORDER: &str =
    "source = 'open-llm-leaderboard-v2' DESC, source, params_total, id";

impl ExternalSizes {
    /// Queries the counts of one model.
    pub(super) fn query(transaction: &Transaction<'_>, id: &str) -> rusqlite::Result<Self> {
        let reference = transaction
            .prepare_cached("SELECT params FROM reference_models WHERE hub_id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        let leaderboard = transaction
            .prepare_cached(&format!(
                "SELECT params_total FROM benchmark_results
                 WHERE model_id = ?1 AND origin = 'leaderboard' AND params_total IS NOT NULL
                 ORDER BY {LEADERBOARD_SIZE_ORDER}
                 LIMIT 1"
            ))?
            .query_row([id], |row| row.get(0))
            .optional()?;
        Ok(ExternalSizes {
            reference,
            leaderboard,
        })
    }
}

/// Where a writer finds the [`ExternalSizes`] of each model.
pub(super) enum SizeLookup {
    /// Two queries per model: cheapest for a few records.
    Query,
    /// Every count, read once: cheapest for a file. The reference set and the leaderboard links
    /// do not change while records are written; linking happens after the last record.
    Loaded {
        reference: HashMap<String, u64>,
        leaderboard: HashMap<String, u64>,
    },
}

impl SizeLookup {
    pub(super) fn load(connection: &Connection) -> rusqlite::Result<SizeLookup> {
        let mut reference = HashMap::new();
        let mut statement = connection.prepare("SELECT hub_id, params FROM reference_models")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            reference.insert(row.get(0)?, row.get(1)?);
        }

        let mut leaderboard = HashMap::new();
        let mut statement = connection.prepare(&format!(
            "SELECT model_id, params_total FROM benchmark_results
             WHERE model_id IS NOT NULL AND origin = 'leaderboard' AND params_total IS NOT NULL
             ORDER BY model_id, {LEADERBOARD_SIZE_ORDER}"
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            leaderboard.entry(row.get(0)?).or_insert(row.get(1)?);
        }
        Ok(SizeLookup::Loaded {
            reference,
            leaderboard,
        })
    }

    /// Returns the counts of one model when they are in memory.
    fn loaded(&self, id: &str) -> Option<ExternalSizes> {
        match self {
            SizeLookup::Query => None,
            SizeLookup::Loaded {
                reference,
                leaderboard,
            } => Some(ExternalSizes {
                reference: reference.get(id).copied(),
                leaderboard: leaderboard.get(id).copied(),
            }),
        }
    }

    fn get(&self, transaction: &Transaction<'_>, id: &str) -> rusqlite::Result<ExternalSizes> {
        match self.loaded(id) {
            Some(sizes) => Ok(sizes),
            None => ExternalSizes::query(transaction, id),
        }
    }
}

pub(super) fn next_import_sequence(transaction: &Transaction<'_>) -> rusqlite::Result<i64> {
    let current: Option<String> = transaction
        .query_row(
            "SELECT value FROM meta WHERE key = 'import_sequence'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let next = current
        .and_then(|value| value.parse::<i64>().ok())
        .unwrap_or(0)
        + 1;
    transaction.execute(
        "INSERT INTO meta (key, value) VALUES ('import_sequence', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [next.to_string()],
    )?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn json_lines(count: usize) -> String {
        let mut text = String::new();
        for index in 0..count {
            writeln!(
                text,
                "{{\"id\":\"org/model-{index}\",\"downloads\":{index}}}"
            )
            .unwrap();
        }
        text
    }

    #[test]
    fn import_cache_follows_the_file_size() {
        assert_eq!(import_cache_kib(0), 16 * 1024);
        assert_eq!(import_cache_kib(62_000_000), 16 * 1024);
        assert_eq!(import_cache_kib(160 * 1024 * 1024), 40 * 1024);
        assert_eq!(import_cache_kib(620_000_000), 64 * 1024);
        assert_eq!(import_cache_kib(u64::MAX), 64 * 1024);
    }

    #[test]
    fn progress_counts_records_within_a_file() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("models.jsonl");
        let text = json_lines(BATCH_RECORDS * 2 + 500);
        std::fs::write(&file, &text).unwrap();
        let mut cache = Cache::open_in_memory().unwrap();

        let mut steps = Vec::new();
        let summary = cache
            .import_file(&file, "models.jsonl", &mut |step| steps.push(step))
            .unwrap();

        assert_eq!(summary.added, BATCH_RECORDS * 2 + 500);
        let records: Vec<u64> = steps.iter().map(|step| step.records).collect();
        assert_eq!(
            records,
            [
                0,
                BATCH_RECORDS as u64,
                2 * BATCH_RECORDS as u64,
                summary.read as u64
            ]
        );
        let last = steps.last().unwrap();
        assert_eq!(last.bytes as usize, text.len());
        assert!(steps.windows(2).all(|pair| pair[0].bytes <= pair[1].bytes));
    }

    #[test]
    fn error_after_written_batches_changes_nothing() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("cut.jsonl");
        let mut text = json_lines(BATCH_RECORDS + 10);
        text.push_str("{\"id\":\"org/cut\",\"downl");
        std::fs::write(&file, &text).unwrap();
        let mut cache = Cache::open_in_memory().unwrap();

        let mut batches = 0;
        let error = cache
            .import_file(&file, "cut.jsonl", &mut |step| {
                batches += usize::from(step.records > 0)
            })
            .unwrap_err();

        assert!(batches >= 1, "a batch was written before the error");
        let FileImportError::Read(ReadError::Syntax { line, .. }) = &error else {
            panic!("expected a syntax error, got {error:?}");
        };
        assert_eq!(*line, BATCH_RECORDS + 11);
        assert_eq!(cache.model_count().unwrap(), 0);
        let imports: i64 = cache
            .connection
            .query_row("SELECT count(*) FROM imports", [], |row| row.get(0))
            .unwrap();
        assert_eq!(imports, 0);
    }

    #[test]
    fn write_error_stops_the_reader() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("models.jsonl");
        std::fs::write(&file, json_lines(BATCH_RECORDS * 6)).unwrap();
        let mut cache = Cache::open_in_memory().unwrap();
        cache
            .connection
            .execute_batch(
                "CREATE TEMP TRIGGER fail_late AFTER INSERT ON models
                 WHEN (SELECT count(*) FROM models) > 5
                 BEGIN SELECT RAISE(ABORT, 'insert rejected by the test'); END;",
            )
            .unwrap();

        // The reader fills the channel long before the writer fails, and must not keep the
        // import waiting.
        let error = cache
            .import_file(&file, "models.jsonl", &mut |_| {})
            .unwrap_err();

        assert!(matches!(error, FileImportError::Cache(_)), "{error:?}");
        assert!(
            error
                .message(Lang::En)
                .contains("insert rejected by the test")
        );
        assert_eq!(cache.model_count().unwrap(), 0);
    }

    #[test]
    fn restarted_file_keeps_only_the_second_read() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("pages.jsonl");
        std::fs::write(&file, "[{\"id\":\"a/one\"}]\n{\"id\":\"b/two\"}\n").unwrap();
        let mut cache = Cache::open_in_memory().unwrap();

        let summary = cache
            .import_file(&file, "pages.jsonl", &mut |_| {})
            .unwrap();

        assert_eq!((summary.read, summary.added), (2, 1));
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped_count, 1);
        let models = cache.load_models().unwrap();
        let ids: Vec<&str> = models.iter().map(|model| &*model.id).collect();
        assert_eq!(ids, ["b/two"]);
    }
}
