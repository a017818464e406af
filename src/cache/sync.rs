//! Sync bookkeeping: one row per sync with the cursor to continue from, pages stored with their
//! cursor in one transaction, and each model's counts at every sync.

use rusqlite::{OptionalExtension, params};

use super::import::{ImportSummary, upsert_records};
use super::{Cache, CacheError, now};
use crate::hub::record::HubModel;

/// State of a sync, as stored in `syncs.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    Running,
    Finished,
    Failed,
    Cancelled,
}

impl SyncStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncStatus::Running => "running",
            SyncStatus::Finished => "finished",
            SyncStatus::Failed => "failed",
            SyncStatus::Cancelled => "cancelled",
        }
    }
}

/// A sync as stored: where to continue and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub id: i64,
    /// The URL of the next page to fetch; `None` before the first page or after the last.
    pub next_url: Option<String>,
    pub pages: u64,
    pub models: u64,
    /// True when an unfinished sync of the same query was found and continues.
    pub resumed: bool,
}

impl Cache {
    /// Starts a sync of `query` against `endpoint`, or continues the latest unfinished sync of
    /// the same query when `resume` is true and one has stored at least one page.
    pub fn begin_sync(
        &mut self,
        endpoint: &str,
        query: &str,
        resume: bool,
    ) -> Result<SyncState, CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;

        let unfinished = if resume {
            transaction
                .query_row(
                    "SELECT id, next_url, pages, models FROM syncs
                     WHERE endpoint = ?1 AND query = ?2 AND status != 'finished'
                        AND next_url IS NOT NULL
                     ORDER BY id DESC LIMIT 1",
                    params![endpoint, query],
                    |row| {
                        Ok(SyncState {
                            id: row.get(0)?,
                            next_url: row.get(1)?,
                            pages: row.get(2)?,
                            models: row.get(3)?,
                            resumed: true,
                        })
                    },
                )
                .optional()
                .map_err(error)?
        } else {
            None
        };

        let state = match unfinished {
            Some(state) => {
                transaction
                    .execute(
                        "UPDATE syncs SET status = 'running', finished_at = NULL WHERE id = ?1",
                        [state.id],
                    )
                    .map_err(error)?;
                state
            }
            None => {
                transaction
                    .execute(
                        "INSERT INTO syncs (endpoint, query, started_at, status)
                         VALUES (?1, ?2, ?3, 'running')",
                        params![endpoint, query, now()],
                    )
                    .map_err(error)?;
                SyncState {
                    id: transaction.last_insert_rowid(),
                    next_url: None,
                    pages: 0,
                    models: 0,
                    resumed: false,
                }
            }
        };
        transaction.commit().map_err(error)?;
        tracing::info!(
            sync = state.id,
            resumed = state.resumed,
            query,
            "sync started"
        );
        Ok(state)
    }

    /// Stores one page of a sync in one transaction together with the URL of the page that
    /// follows it, so that an interruption at any point leaves a cache that resumes after the
    /// last stored page. `next_url` is `None` on the last page, which finishes the sync.
    pub fn store_page(
        &mut self,
        sync_id: i64,
        records: &[HubModel],
        next_url: Option<&str>,
    ) -> Result<ImportSummary, CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;
        let mut summary = ImportSummary {
            read: records.len(),
            ..ImportSummary::default()
        };
        upsert_records(&transaction, records, &mut summary).map_err(error)?;

        {
            let mut history = transaction
                .prepare_cached(
                    "INSERT INTO download_history
                        (sync_id, model_id, downloads, downloads_all_time, likes)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (sync_id, model_id) DO UPDATE SET
                        downloads = excluded.downloads,
                        downloads_all_time = excluded.downloads_all_time,
                        likes = excluded.likes",
                )
                .map_err(error)?;
            for record in records {
                let Some(id) = record.repo_id() else {
                    continue;
                };
                history
                    .execute(params![
                        sync_id,
                        id.trim(),
                        record.downloads,
                        record.downloads_all_time,
                        record.likes
                    ])
                    .map_err(error)?;
            }
        }

        let finished = next_url.is_none();
        transaction
            .execute(
                "UPDATE syncs SET pages = pages + 1, models = models + ?2, next_url = ?3,
                    status = CASE WHEN ?4 THEN 'finished' ELSE status END,
                    finished_at = CASE WHEN ?4 THEN ?5 ELSE finished_at END
                 WHERE id = ?1",
                params![sync_id, records.len() as i64, next_url, finished, now()],
            )
            .map_err(error)?;
        transaction.commit().map_err(error)?;
        tracing::debug!(
            sync = sync_id,
            records = records.len(),
            finished,
            "page stored"
        );
        Ok(summary)
    }

    /// Finds the query of the most recent unfinished sync of `endpoint` that has a cursor to
    /// continue from, if any.
    pub fn latest_unfinished_sync(&self, endpoint: &str) -> Result<Option<String>, CacheError> {
        self.connection
            .query_row(
                "SELECT query FROM syncs
                 WHERE endpoint = ?1 AND status != 'finished' AND next_url IS NOT NULL
                 ORDER BY id DESC LIMIT 1",
                [endpoint],
                |row| row.get(0),
            )
            .optional()
            .map_err(|source| self.sqlite_error(source))
    }

    /// Records how a sync ended when it stops without storing a last page: a failure, a
    /// cancellation, or a limit already reached. The stored cursor is kept, so a failed or
    /// cancelled sync can resume later.
    pub fn end_sync(&mut self, sync_id: i64, status: SyncStatus) -> Result<(), CacheError> {
        self.connection
            .execute(
                "UPDATE syncs SET status = ?2, finished_at = ?3 WHERE id = ?1 AND status = 'running'",
                params![sync_id, status.as_str(), now()],
            )
            .map_err(|source| self.sqlite_error(source))?;
        tracing::info!(sync = sync_id, status = status.as_str(), "sync ended");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, downloads: u64) -> HubModel {
        HubModel {
            id: Some(id.to_string()),
            downloads: Some(downloads),
            ..HubModel::default()
        }
    }

    fn history(cache: &Cache, sync_id: i64) -> Vec<(String, Option<u64>)> {
        let mut statement = cache
            .connection
            .prepare(
                "SELECT model_id, downloads FROM download_history WHERE sync_id = ?1 ORDER BY 1",
            )
            .unwrap();
        statement
            .query_map([sync_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn pages_store_cursor_and_history() {
        let mut cache = Cache::open_in_memory().unwrap();
        let state = cache
            .begin_sync("http://127.0.0.1:1", "/api/models?limit=2", true)
            .unwrap();
        assert!(!state.resumed);
        assert_eq!(state.next_url, None);

        let page = [record("a/one", 10), record("a/two", 20)];
        let summary = cache
            .store_page(state.id, &page, Some("http://127.0.0.1:1/next"))
            .unwrap();
        assert_eq!(summary.added, 2);
        assert_eq!(history(&cache, state.id).len(), 2);

        let resumed = cache
            .begin_sync("http://127.0.0.1:1", "/api/models?limit=2", true)
            .unwrap();
        assert!(resumed.resumed);
        assert_eq!(resumed.id, state.id);
        assert_eq!(resumed.next_url.as_deref(), Some("http://127.0.0.1:1/next"));
        assert_eq!(resumed.pages, 1);
        assert_eq!(resumed.models, 2);

        cache
            .store_page(state.id, &[record("a/three", 30)], None)
            .unwrap();
        let again = cache
            .begin_sync("http://127.0.0.1:1", "/api/models?limit=2", true)
            .unwrap();
        assert!(!again.resumed, "a finished sync is never resumed");
        assert_ne!(again.id, state.id);
        assert_eq!(cache.load_models().unwrap().len(), 3);
    }

    #[test]
    fn repeated_page_adds_no_duplicates() {
        let mut cache = Cache::open_in_memory().unwrap();
        let state = cache.begin_sync("e", "q", false).unwrap();
        let page = [record("a/one", 10)];
        cache.store_page(state.id, &page, Some("n")).unwrap();
        let summary = cache.store_page(state.id, &page, Some("n")).unwrap();
        assert_eq!(summary.added, 0);
        assert_eq!(cache.load_models().unwrap().len(), 1);
        assert_eq!(
            history(&cache, state.id),
            vec![("a/one".to_string(), Some(10))]
        );
    }

    #[test]
    fn failed_sync_keeps_cursor_for_resume() {
        let mut cache = Cache::open_in_memory().unwrap();
        let state = cache.begin_sync("e", "q", true).unwrap();
        cache
            .store_page(state.id, &[record("a/one", 1)], Some("cursor-2"))
            .unwrap();
        cache.end_sync(state.id, SyncStatus::Failed).unwrap();
        let resumed = cache.begin_sync("e", "q", true).unwrap();
        assert!(resumed.resumed);
        assert_eq!(resumed.next_url.as_deref(), Some("cursor-2"));
        assert_eq!(
            cache.latest_unfinished_sync("e").unwrap().as_deref(),
            Some("q")
        );
        let fresh = cache.begin_sync("e", "other query", true).unwrap();
        assert!(!fresh.resumed);
        assert_eq!(cache.latest_unfinished_sync("elsewhere").unwrap(), None);
    }
}
