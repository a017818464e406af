//! Loading the cache into memory for the analysis core, the panes and the reports.

use std::ops::ControlFlow;
use std::sync::Arc;

use rusqlite::types::Type;

use super::{Cache, CacheError};
use crate::model::{
    BenchmarkResult, Gated, HubTime, IdList, ImportedFile, Interner, LeaderboardImport, LinkRule,
    LinkedModel, Model, ModelId, ModelType, ParamCount, ParamSource, Provenance, ReferenceModel,
    ResultOrigin, SharedText, SyncHistory, SyncRun, Tag, TagSummary,
};

/// Pairs of a model's rowid and its place in the id list, sorted by rowid.
type RowidPlaces = Vec<(i64, u32)>;

/// How many models [`Cache::load_models_with_progress`] reads between two progress calls. It is
/// small so that a cancelled load stops within a fraction of a second.
pub const PROGRESS_STEP: usize = 1 << 13;

/// Borrows column `index` of `row` as text, or `None` for NULL.
fn text<'row>(row: &'row rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<&'row str>> {
    row.get_ref(index)?.as_str_or_null().map_err(|source| {
        rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(source))
    })
}

impl Cache {
    /// Counts the cached models without loading them.
    pub fn model_count(&self) -> Result<u64, CacheError> {
        self.connection
            .query_row("SELECT count(*) FROM models", [], |row| row.get(0))
            .map_err(|source| self.sqlite_error(source))
    }

    /// Counts the cached models that `slmscope synth` generated.
    pub fn synthetic_count(&self) -> Result<u64, CacheError> {
        self.connection
            .query_row(
                "SELECT count(*) FROM models WHERE synthetic = 1",
                [],
                |row| row.get(0),
            )
            .map_err(|source| self.sqlite_error(source))
    }

    /// Loads every model, ordered by id, with its tags reduced to a [`TagSummary`]. Use
    /// [`Cache::load_tags`] for a model's full tag list.
    pub fn load_models(&self) -> Result<Vec<Model>, CacheError> {
        self.load_models_with_progress(&mut |_| ControlFlow::Continue(()))
    }

    /// Loads every model like [`Cache::load_models`], calling `progress` with the number of
    /// models read so far every [`PROGRESS_STEP`] models and once after the last one. When
    /// `progress` returns `Break`, the load stops with [`CacheError::Cancelled`].
    pub fn load_models_with_progress(
        &self,
        progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
    ) -> Result<Vec<Model>, CacheError> {
        let cancelled = || CacheError::Cancelled {
            path: self.path.clone(),
        };
        let error = |source| self.sqlite_error(source);
        // One read transaction keeps both queries on the same rows while another process
        // writes to the cache.
        let snapshot = self.connection.unchecked_transaction().map_err(error)?;
        let (ids, rowids) = self.load_ids().map_err(error)?;
        let mut statement = snapshot
            .prepare(
                "SELECT rowid, author, pipeline_tag, library_name, created_at,
                    created_before_tracking, last_modified, downloads, downloads_all_time, likes,
                    trending_score, gated, params_total, params_active, params_source,
                    params_approximate, pipeline_tag_inferred, synthetic, tags_json
                 FROM models",
            )
            .map_err(error)?;
        // The rows are read in storage order, which is rowid order, and sorted here: `ORDER BY
        // id` would walk the primary key index and fetch each row from a different page,
        // several times slower.
        let mut rows = statement.query([]).map_err(error)?;
        let mut interner = Interner::default();
        let mut models = Vec::with_capacity(ids.len());
        let mut next_rowid = rowids.iter().peekable();
        while let Some(row) = rows.next().map_err(error)? {
            let rowid: i64 = row.get(0).map_err(error)?;
            let index = match next_rowid.next_if(|(next, _)| *next == rowid) {
                Some(&(_, index)) => index,
                None => match rowids.binary_search_by_key(&rowid, |&(rowid, _)| rowid) {
                    Ok(found) => rowids[found].1,
                    Err(_) => return Err(error(rusqlite::Error::QueryReturnedNoRows)),
                },
            };
            let index = index as usize;
            let invalid = |column: &'static str, value: &str| CacheError::InvalidValue {
                path: self.path.clone(),
                model: ids.get(index).to_string(),
                column,
                value: crate::sanitize::clean_truncated(value, 80),
            };
            let source_text = text(row, 14).map_err(error)?.unwrap_or_default();
            let source = ParamSource::parse(source_text)
                .ok_or_else(|| invalid("params_source", source_text))?;
            let gated = match text(row, 11).map_err(error)? {
                None => None,
                Some(text) => Some(Gated::parse(text).ok_or_else(|| invalid("gated", text))?),
            };
            let tags = match text(row, 18).map_err(error)? {
                None => TagSummary::default(),
                Some(text) => {
                    super::tags_json::summarize(text).map_err(|_| invalid("tags_json", text))?
                }
            };
            let mut shared = |index| -> Result<Option<SharedText>, CacheError> {
                Ok(text(row, index)
                    .map_err(error)?
                    .map(|text| interner.intern(text)))
            };
            let author = shared(1)?;
            let pipeline_tag = shared(2)?;
            let library_name = shared(3)?;
            let time = |index| -> Result<Option<HubTime>, CacheError> {
                match text(row, index).map_err(error)? {
                    None => Ok(None),
                    Some(text) => HubTime::parse(text).map(Some).ok_or_else(|| {
                        invalid(
                            if index == 4 {
                                "created_at"
                            } else {
                                "last_modified"
                            },
                            text,
                        )
                    }),
                }
            };
            let mut model = Model::with_id(ModelId::in_list(&ids, index));
            model.author = author;
            model.pipeline_tag = pipeline_tag;
            model.pipeline_tag_inferred = row.get(16).map_err(error)?;
            model.library_name = library_name;
            model.created_at = time(4)?;
            model.created_before_tracking = row.get(5).map_err(error)?;
            model.last_modified = time(6)?;
            model.set_downloads(row.get(7).map_err(error)?);
            model.set_downloads_all_time(row.get(8).map_err(error)?);
            model.set_likes(row.get(9).map_err(error)?);
            model.set_trending_score(row.get(10).map_err(error)?);
            model.gated = gated;
            model.params = ParamCount::new(
                row.get(12).map_err(error)?,
                row.get(13).map_err(error)?,
                source,
                row.get(15).map_err(error)?,
            );
            model.tags = tags;
            model.synthetic = row.get(17).map_err(error)?;
            models.push(model);
            if models.len() % PROGRESS_STEP == 0 && progress(models.len()).is_break() {
                return Err(cancelled());
            }
        }
        if progress(models.len()).is_break() {
            return Err(cancelled());
        }
        drop(rows);
        drop(statement);
        snapshot.commit().map_err(error)?;
        // The id list is in id order, so a model's place in it is its place in id order.
        models.sort_unstable_by_key(|model| model.id.index());
        Ok(models)
    }

    /// Reads every id, in id order, into one list, with the rowid of each: the primary key's
    /// index contains both, so this walk reads no row. Returns the list and the pairs of rowid
    /// and place in the list, sorted by rowid.
    fn load_ids(&self) -> rusqlite::Result<(Arc<IdList>, RowidPlaces)> {
        // Ids are unique and SQLite compares them by bytes (the key's BINARY collation), as
        // Rust compares strings.
        let mut statement = self
            .connection
            .prepare("SELECT rowid, id FROM models ORDER BY id")?;
        let mut rows = statement.query([])?;
        let mut ids = IdList::default();
        let mut rowids = Vec::new();
        while let Some(row) = rows.next()? {
            let index = ids.len() as u32;
            ids.push(text(row, 1)?.unwrap_or_default());
            rowids.push((row.get(0)?, index));
        }
        ids.shrink_to_fit();
        rowids.sort_unstable();
        Ok((Arc::new(ids), rowids))
    }

    /// Loads the full tag list of one model, in the model's tag order; empty when the model is
    /// not cached or has no tags.
    pub fn load_tags(&self, id: &str) -> Result<Vec<Tag>, CacheError> {
        let error = |source| self.sqlite_error(source);
        let mut statement = self
            .connection
            .prepare_cached("SELECT tags_json FROM models WHERE id = ?1")
            .map_err(error)?;
        let mut rows = statement.query([id]).map_err(error)?;
        let Some(row) = rows.next().map_err(error)? else {
            return Ok(Vec::new());
        };
        match text(row, 0).map_err(error)? {
            None => Ok(Vec::new()),
            Some(text) => super::tags_json::decode(text).map_err(|_| CacheError::InvalidValue {
                path: self.path.clone(),
                model: id.to_string(),
                column: "tags_json",
                value: crate::sanitize::clean_truncated(text, 80),
            }),
        }
    }

    /// Loads the benchmark results in the order they were stored, each with the cached Hub
    /// model it is linked to.
    pub fn load_benchmarks(&self) -> Result<Vec<BenchmarkResult>, CacheError> {
        let error = |source| self.sqlite_error(source);
        let mut statement = self
            .connection
            .prepare(
                "SELECT b.model, b.hub_id, b.benchmark, b.domain, b.metric, b.score,
                    b.params_total, b.params_active, b.date, b.source, b.origin, b.link,
                    b.model_type, b.model_id, b.link_rule, m.params_total, m.params_active,
                    m.params_source, m.params_approximate
                 FROM benchmark_results b LEFT JOIN models m ON m.id = b.model_id
                 ORDER BY b.id",
            )
            .map_err(error)?;
        statement
            .query_map([], |row| {
                let origin: String = row.get(10)?;
                let model_type: Option<String> = row.get(12)?;
                let model_id: Option<String> = row.get(13)?;
                let rule: Option<String> = row.get(14)?;
                let linked = match (model_id, rule.as_deref().and_then(LinkRule::parse)) {
                    (Some(id), Some(rule)) => {
                        let source: Option<String> = row.get(17)?;
                        // A link to a model that is no longer cached keeps the result's own size.
                        source
                            .as_deref()
                            .and_then(ParamSource::parse)
                            .map(|source| -> rusqlite::Result<LinkedModel> {
                                Ok(LinkedModel {
                                    id,
                                    rule,
                                    params: ParamCount::new(
                                        row.get(15)?,
                                        row.get(16)?,
                                        source,
                                        row.get(18)?,
                                    ),
                                })
                            })
                            .transpose()?
                    }
                    _ => None,
                };
                Ok(BenchmarkResult {
                    model: row.get(0)?,
                    hub_id: row.get(1)?,
                    benchmark: row.get(2)?,
                    domain: row.get(3)?,
                    metric: row.get(4)?,
                    score: row.get(5)?,
                    params_total: row.get(6)?,
                    params_active: row.get(7)?,
                    date: row.get(8)?,
                    source: row.get(9)?,
                    origin: ResultOrigin::parse(&origin).unwrap_or(ResultOrigin::Leaderboard),
                    link: row.get(11)?,
                    model_type: model_type.as_deref().and_then(ModelType::parse),
                    linked,
                })
            })
            .map_err(error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(error)
    }

    /// Loads the reference set, ordered by Hub id.
    pub fn load_reference(&self) -> Result<Vec<ReferenceModel>, CacheError> {
        let error = |source| self.sqlite_error(source);
        let mut statement = self
            .connection
            .prepare(
                "SELECT hub_id, organisation, params, size_word, release_date, pipeline_tag, source
                 FROM reference_models ORDER BY hub_id",
            )
            .map_err(error)?;
        statement
            .query_map([], |row| {
                Ok(ReferenceModel {
                    hub_id: row.get(0)?,
                    organisation: row.get(1)?,
                    params: row.get(2)?,
                    size_word: row.get(3)?,
                    release_date: row.get(4)?,
                    pipeline_tag: row.get(5)?,
                    source: row.get(6)?,
                })
            })
            .map_err(error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(error)
    }

    /// Loads the list of imported files and syncs, oldest first.
    pub fn load_provenance(&self) -> Result<Provenance, CacheError> {
        let error = |source| self.sqlite_error(source);
        let imports = self
            .connection
            .prepare("SELECT file, imported_at, records, added, updated FROM imports ORDER BY id")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok(ImportedFile {
                            file: row.get(0)?,
                            imported_at: row.get(1)?,
                            records: row.get(2)?,
                            added: row.get(3)?,
                            updated: row.get(4)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(error)?;
        let syncs = self
            .connection
            .prepare(
                "SELECT endpoint, query, started_at, finished_at, status, pages, models
                 FROM syncs ORDER BY id",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok(SyncRun {
                            endpoint: row.get(0)?,
                            query: row.get(1)?,
                            started_at: row.get(2)?,
                            finished_at: row.get(3)?,
                            status: row.get(4)?,
                            pages: row.get(5)?,
                            models: row.get(6)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(error)?;
        // A file imported again replaced its scores, so only its latest import is listed.
        let leaderboards = self
            .connection
            .prepare(
                "SELECT file, format, imported_at, records, stored, skipped
                 FROM benchmark_imports
                 WHERE id IN (SELECT max(id) FROM benchmark_imports GROUP BY file)
                 ORDER BY id",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        Ok(LeaderboardImport {
                            file: row.get(0)?,
                            format: row.get(1)?,
                            imported_at: row.get(2)?,
                            records: row.get(3)?,
                            stored: row.get(4)?,
                            skipped: row.get(5)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(error)?;
        Ok(Provenance {
            imports,
            syncs,
            leaderboards,
        })
    }

    /// Loads the downloads each sync recorded, oldest sync first. Syncs that recorded no model
    /// are left out.
    pub fn load_download_history(&self) -> Result<Vec<SyncHistory>, CacheError> {
        let error = |source| self.sqlite_error(source);
        let mut statement = self
            .connection
            .prepare(
                "SELECT s.id, coalesce(s.finished_at, s.started_at), s.status, h.model_id,
                    h.downloads
                 FROM syncs s JOIN download_history h ON h.sync_id = s.id
                 ORDER BY s.id, h.model_id",
            )
            .map_err(error)?;
        let mut rows = statement.query([]).map_err(error)?;
        let mut history: Vec<SyncHistory> = Vec::new();
        while let Some(row) = rows.next().map_err(error)? {
            let sync_id: i64 = row.get(0).map_err(error)?;
            let model_id: String = row.get(3).map_err(error)?;
            let downloads: Option<u64> = row.get(4).map_err(error)?;
            match history.last_mut() {
                Some(last) if last.sync_id == sync_id => last.downloads.push((model_id, downloads)),
                _ => history.push(SyncHistory {
                    sync_id,
                    time: row.get(1).map_err(error)?,
                    status: row.get(2).map_err(error)?,
                    downloads: vec![(model_id, downloads)],
                }),
            }
        }
        Ok(history)
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use crate::cache::{Cache, CacheError, SyncStatus};
    use crate::hub::record::HubModel;

    fn record(id: &str, downloads: Option<u64>) -> HubModel {
        HubModel {
            id: Some(id.to_string()),
            downloads,
            ..HubModel::default()
        }
    }

    #[test]
    fn import_marks_synthetic_records_only() {
        let mut bytes = Vec::new();
        crate::synth::write_records(&mut bytes, 5, 300, &mut |_| {}).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut file =
            crate::hub::reader::parse_records(std::path::Path::new("synthetic.jsonl"), &text)
                .unwrap();
        file.records
            .push(record("meta-llama/Llama-3.1-8B", Some(10)));
        file.records.push(record("synthetic-lab/real-7B", Some(10)));

        let mut cache = Cache::open_in_memory().unwrap();
        cache.import_records("synthetic.jsonl", &file).unwrap();
        let models = cache.load_models().unwrap();
        assert_eq!(models.len(), 302);
        for model in &models {
            let expected = model.id.starts_with("synthetic-org-");
            assert_eq!(model.synthetic, expected, "{}", model.id);
        }
        assert_eq!(cache.synthetic_count().unwrap(), 300);

        // A second import updates the same rows and keeps the marks.
        cache.import_records("synthetic.jsonl", &file).unwrap();
        assert_eq!(cache.synthetic_count().unwrap(), 300);
        assert_eq!(cache.model_count().unwrap(), 302);
    }

    #[test]
    fn times_round_trip_and_a_bad_one_is_reported() {
        let mut cache = Cache::open_in_memory().unwrap();
        let sync = cache.begin_sync("e", "q", false).unwrap();
        let mut dated = record("a/dated", Some(1));
        dated.created_at = Some("2024-02-19T13:06:12+02:00".to_string());
        dated.last_modified = Some("2024-03-01T00:00:00.250Z".to_string());
        cache.store_page(sync.id, &[dated], None).unwrap();
        let models = cache.load_models().unwrap();
        let times = (models[0].created_at, models[0].last_modified);
        assert_eq!(
            times.0.map(|time| time.to_string()).as_deref(),
            Some("2024-02-19T11:06:12.000Z")
        );
        assert_eq!(
            times.1.map(|time| time.to_string()).as_deref(),
            Some("2024-03-01T00:00:00.250Z")
        );

        cache
            .connection
            .execute("UPDATE models SET last_modified = 'yesterday'", [])
            .unwrap();
        match cache.load_models() {
            Err(CacheError::InvalidValue { column, value, .. }) => {
                assert_eq!((column, value.as_str()), ("last_modified", "yesterday"));
            }
            other => panic!("expected an invalid value, got {other:?}"),
        }
    }

    #[test]
    fn progress_reports_and_cancels_load() {
        let mut cache = Cache::open_in_memory().unwrap();
        let sync = cache.begin_sync("e", "q", false).unwrap();
        let records = [record("b/two", Some(2)), record("a/one", Some(1))];
        cache.store_page(sync.id, &records, None).unwrap();

        let mut reported = Vec::new();
        let models = cache
            .load_models_with_progress(&mut |read| {
                reported.push(read);
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(models.len(), 2);
        assert_eq!(reported, [2], "one call after the last model");

        let stopped = cache.load_models_with_progress(&mut |_| ControlFlow::Break(()));
        assert!(
            matches!(stopped, Err(CacheError::Cancelled { .. })),
            "{stopped:?}"
        );
    }

    #[test]
    fn download_history_groups_rows_by_sync() {
        let mut cache = Cache::open_in_memory().unwrap();
        assert!(cache.load_download_history().unwrap().is_empty());

        let first = cache.begin_sync("e", "q", false).unwrap();
        cache
            .store_page(
                first.id,
                &[record("b/two", Some(20)), record("a/one", None)],
                None,
            )
            .unwrap();
        let second = cache.begin_sync("e", "q", false).unwrap();
        cache
            .store_page(second.id, &[record("a/one", Some(15))], Some("next"))
            .unwrap();
        cache.end_sync(second.id, SyncStatus::Cancelled).unwrap();
        // A sync that stored no page has no rows and is left out.
        cache.begin_sync("e", "other", false).unwrap();

        let history = cache.load_download_history().unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].sync_id, first.id);
        assert_eq!(history[0].status, "finished");
        assert_eq!(
            history[0].downloads,
            vec![("a/one".to_string(), None), ("b/two".to_string(), Some(20))]
        );
        assert_eq!(history[1].status, "cancelled");
        assert_eq!(history[1].downloads, vec![("a/one".to_string(), Some(15))]);
        assert!(
            history[0].time <= history[1].time,
            "times are stored in order"
        );
        assert!(history[1].time.ends_with('Z'), "{}", history[1].time);
    }
}
