//! Storing the authored reference set: reference models, their benchmark results, and a
//! `models` row for each reference model so that an otherwise empty cache has models to show.

use std::collections::BTreeSet;

use rusqlite::params;

use super::row::StoredModel;
use super::row_sql::{read_stored, write_stored};
use super::{Cache, CacheError};
use crate::model::{BenchmarkResult, ReferenceModel};

/// The `origin` of benchmark results that come from the reference set.
pub const REFERENCE_ORIGIN: &str = "reference";

/// Whether storing the reference set also gives each reference model a `models` row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceRows {
    /// Add a row for every reference model, so that a cache without Hub data has models to show.
    AddModels,
    /// Fill only the reference tables: the models table keeps exactly what was imported.
    TablesOnly,
}

impl Cache {
    /// Replaces the reference set in one transaction. Models that came only from the previous
    /// reference set are removed; models imported from the Hub are kept and re-resolved, since
    /// their reference count may have changed.
    pub fn replace_reference(
        &mut self,
        models: &[ReferenceModel],
        benchmarks: &[BenchmarkResult],
        rows: ReferenceRows,
    ) -> Result<(), CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;

        let previous: BTreeSet<String> = transaction
            .prepare("SELECT hub_id FROM reference_models")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(error)?;
        transaction
            .execute_batch(
                "DELETE FROM reference_models;
                 DELETE FROM benchmark_results WHERE origin = 'reference';
                 DELETE FROM models WHERE from_hub = 0;",
            )
            .map_err(error)?;

        let mut insert = transaction
            .prepare(
                "INSERT INTO reference_models
                    (hub_id, organisation, params, size_word, release_date, pipeline_tag, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(error)?;
        for model in models {
            insert
                .execute(params![
                    model.hub_id,
                    model.organisation,
                    model.params,
                    model.size_word,
                    model.release_date,
                    model.pipeline_tag,
                    model.source,
                ])
                .map_err(error)?;
        }
        drop(insert);

        let mut insert = transaction
            .prepare(
                "INSERT INTO benchmark_results (model, hub_id, benchmark, domain, metric, score,
                    params_total, params_active, date, source, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .map_err(error)?;
        for result in benchmarks {
            insert
                .execute(params![
                    result.model,
                    result.hub_id,
                    result.benchmark,
                    result.domain,
                    result.metric,
                    result.score,
                    result.params_total,
                    result.params_active,
                    result.date,
                    result.source,
                    REFERENCE_ORIGIN,
                ])
                .map_err(error)?;
        }
        drop(insert);

        for model in models {
            if rows == ReferenceRows::TablesOnly {
                // Re-resolve a model already imported, since its reference count may be new.
                if let Some(stored) = read_stored(&transaction, &model.hub_id).map_err(error)? {
                    write_stored(&transaction, &stored, 0, false).map_err(error)?;
                }
                continue;
            }
            let reference_row = StoredModel {
                id: model.hub_id.clone(),
                author: model
                    .hub_id
                    .split_once('/')
                    .map(|(owner, _)| owner.to_string()),
                pipeline_tag: Some(model.pipeline_tag.clone()),
                ..StoredModel::default()
            };
            let stored = match read_stored(&transaction, &model.hub_id).map_err(error)? {
                // A Hub record has more fields than the reference row, so the reference only fills gaps.
                Some(existing) => StoredModel::merge(reference_row, existing),
                None => reference_row,
            };
            write_stored(&transaction, &stored, 0, false).map_err(error)?;
        }
        for hub_id in previous
            .iter()
            .filter(|id| !models.iter().any(|m| &m.hub_id == *id))
        {
            if let Some(stored) = read_stored(&transaction, hub_id).map_err(error)? {
                write_stored(&transaction, &stored, 0, false).map_err(error)?;
            }
        }

        super::benchmarks::link_unlinked(&transaction).map_err(error)?;
        transaction.commit().map_err(error)?;
        tracing::info!(
            path = %self.path.display(),
            models = models.len(),
            benchmarks = benchmarks.len(),
            "reference set replaced"
        );
        Ok(())
    }

    /// Copies the cache into one self-contained file (no WAL), for committing or sharing.
    pub fn checkpoint(&self) -> Result<(), CacheError> {
        self.connection
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|source| self.sqlite_error(source))
    }
}
