//! Importing Hub records into the cache: one transaction per file, merged by the newest-wins
//! rule of [`StoredModel::merge`].

use rusqlite::{OptionalExtension, Transaction, params};

use super::benchmarks::{link_new_models, replace_model_index};
use super::row::{Created, StoredModel};
use super::{Cache, CacheError};
use crate::hub::model_index::index_results;
use crate::hub::reader::{FileRecords, Skip};
use crate::hub::record::HubModel;
use crate::model::{Gated, Tag};

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
    pub skipped: Vec<Skip>,
}

const MODEL_COLUMNS: &str = "id, author, pipeline_tag, library_name, created_at, \
    created_before_tracking, last_modified, downloads, downloads_all_time, likes, trending_score, \
    gated, safetensors_json, gguf_total, quantization_json, pipeline_tag_inferred, architectures, \
    moe_json";

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
        let sequence = next_import_sequence(&transaction).map_err(error)?;

        let mut summary = ImportSummary {
            read: file.records.len() + file.skipped.len(),
            skipped: file.skipped.clone(),
            ..ImportSummary::default()
        };
        upsert_records(&transaction, &file.records, sequence, &mut summary).map_err(error)?;
        transaction
            .execute(
                "INSERT INTO imports
                    (file, imported_at, records, added, updated, unchanged, skipped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    source,
                    super::now(),
                    summary.read as i64,
                    summary.added as i64,
                    summary.updated as i64,
                    summary.unchanged as i64,
                    summary.skipped.len() as i64,
                ],
            )
            .map_err(error)?;

        transaction.commit().map_err(error)?;
        tracing::info!(
            path = %self.path.display(),
            read = summary.read,
            added = summary.added,
            updated = summary.updated,
            unchanged = summary.unchanged,
            skipped = summary.skipped.len(),
            "records imported"
        );
        Ok(summary)
    }
}

/// Merges each record into the cache inside `transaction`, counting what changed in `summary`.
pub(super) fn upsert_records(
    transaction: &Transaction<'_>,
    records: &[HubModel],
    sequence: i64,
    summary: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let mut added = Vec::new();
    for record in records {
        let Some(incoming) = StoredModel::from_hub(record.clone()) else {
            continue;
        };
        let existing = read_stored(transaction, &incoming.id)?;
        let (merged, outcome) = match existing {
            None => (incoming, Outcome::Added),
            Some(existing) => {
                let merged = StoredModel::merge(existing.clone(), incoming);
                let outcome = if merged == existing {
                    Outcome::Unchanged
                } else {
                    Outcome::Updated
                };
                (merged, outcome)
            }
        };
        match outcome {
            Outcome::Added => {
                summary.added += 1;
                added.push((merged.id.clone(), merged.downloads.map(|d| d as i64)));
            }
            Outcome::Updated => summary.updated += 1,
            Outcome::Unchanged => summary.unchanged += 1,
        }
        if outcome != Outcome::Unchanged {
            write_stored(transaction, &merged, sequence, true)?;
        }
        if let Some(model_index) = &record.model_index {
            replace_model_index(transaction, &merged.id, &index_results(model_index))?;
        }
    }
    link_new_models(transaction, &added)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Updated,
    Unchanged,
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

/// Reads the stored inputs of one model, with its tags.
pub(super) fn read_stored(
    transaction: &Transaction<'_>,
    id: &str,
) -> rusqlite::Result<Option<StoredModel>> {
    let mut statement =
        transaction.prepare_cached(&format!("SELECT {MODEL_COLUMNS} FROM models WHERE id = ?1"))?;
    let stored = statement
        .query_row([id], |row| {
            let created_at: Option<String> = row.get(4)?;
            let before_tracking: bool = row.get(5)?;
            let created = match (created_at, before_tracking) {
                (Some(date), _) => Some(Created::At(date)),
                (None, true) => Some(Created::BeforeTracking),
                (None, false) => None,
            };
            let gated: Option<String> = row.get(11)?;
            let safetensors: Option<String> = row.get(12)?;
            let quantization: Option<String> = row.get(14)?;
            // An inferred pipeline_tag is not the Hub's, so merges must not treat it as given.
            let pipeline_tag_inferred: bool = row.get(15)?;
            let architectures: Option<String> = row.get(16)?;
            let moe: Option<String> = row.get(17)?;
            Ok(StoredModel {
                id: row.get(0)?,
                author: row.get(1)?,
                pipeline_tag: if pipeline_tag_inferred {
                    None
                } else {
                    row.get(2)?
                },
                library_name: row.get(3)?,
                architectures: architectures.and_then(|json| serde_json::from_str(&json).ok()),
                created,
                last_modified: row.get(6)?,
                downloads: row.get(7)?,
                downloads_all_time: row.get(8)?,
                likes: row.get(9)?,
                trending_score: row.get(10)?,
                gated: gated.as_deref().and_then(Gated::parse),
                safetensors: safetensors.and_then(|json| serde_json::from_str(&json).ok()),
                gguf_total: row.get(13)?,
                quantization: quantization.and_then(|json| serde_json::from_str(&json).ok()),
                moe: moe.and_then(|json| serde_json::from_str(&json).ok()),
                tags: None,
            })
        })
        .optional()?;
    let Some(mut stored) = stored else {
        return Ok(None);
    };

    let mut statement = transaction.prepare_cached(
        "SELECT kind, value, relation FROM model_tags WHERE model_id = ?1 ORDER BY rowid",
    )?;
    let tags: Vec<Tag> = statement
        .query_map([id], |row| {
            Ok(Tag {
                kind: row.get(0)?,
                value: row.get(1)?,
                relation: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let has_tags: bool = transaction
        .prepare_cached("SELECT tags_known FROM models WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?;
    stored.tags = has_tags.then_some(tags);
    Ok(Some(stored))
}

/// Writes one model with its resolved parameter count and its synthetic mark, which follows
/// from the id, and replaces its tags.
pub(super) fn write_stored(
    transaction: &Transaction<'_>,
    stored: &StoredModel,
    sequence: i64,
    from_hub: bool,
) -> rusqlite::Result<()> {
    let reference_total: Option<u64> = transaction
        .prepare_cached("SELECT params FROM reference_models WHERE hub_id = ?1")?
        .query_row([&stored.id], |row| row.get(0))
        .optional()?;
    // The Open LLM Leaderboard v2 reads its sizes from the safetensors metadata, while v1 and
    // BigCodeBench round them, so v2 wins. The rest of the order only makes the choice
    // independent of the order files were imported in.
    let leaderboard_total: Option<u64> = transaction
        .prepare_cached(
            "SELECT params_total FROM benchmark_results
             WHERE model_id = ?1 AND origin = 'leaderboard' AND params_total IS NOT NULL
             ORDER BY source = 'open-llm-leaderboard-v2' DESC, source, params_total, id
             LIMIT 1",
        )?
        .query_row([&stored.id], |row| row.get(0))
        .optional()?;
    let params = stored.resolve_params(reference_total, leaderboard_total);
    let (created_at, before_tracking) = match &stored.created {
        Some(Created::At(date)) => (Some(date.as_str()), false),
        Some(Created::BeforeTracking) => (None, true),
        None => (None, false),
    };
    let safetensors = stored
        .safetensors
        .as_ref()
        .map(|value| serde_json::to_string(value).expect("safetensors serializes"));
    let quantization = stored
        .quantization
        .as_ref()
        .map(|value| serde_json::to_string(value).expect("quantization_config serializes"));
    let architectures = stored
        .architectures
        .as_ref()
        .map(|value| serde_json::to_string(value).expect("architectures serialize"));
    let moe = stored
        .moe
        .as_ref()
        .map(|value| serde_json::to_string(value).expect("expert layout serializes"));
    let (pipeline_tag, pipeline_tag_inferred) = stored.effective_pipeline_tag();

    transaction
        .prepare_cached(
            "INSERT INTO models (id, author, pipeline_tag, library_name, created_at,
                created_before_tracking, last_modified, downloads, downloads_all_time, likes,
                trending_score, gated, params_total, params_active, params_source,
                params_approximate, safetensors_json, gguf_total, quantization_json, from_hub,
                import_sequence, tags_known, pipeline_tag_inferred, architectures, moe_json,
                synthetic)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
             ON CONFLICT (id) DO UPDATE SET
                author = excluded.author, pipeline_tag = excluded.pipeline_tag,
                library_name = excluded.library_name, created_at = excluded.created_at,
                created_before_tracking = excluded.created_before_tracking,
                last_modified = excluded.last_modified, downloads = excluded.downloads,
                downloads_all_time = excluded.downloads_all_time, likes = excluded.likes,
                trending_score = excluded.trending_score, gated = excluded.gated,
                params_total = excluded.params_total, params_active = excluded.params_active,
                params_source = excluded.params_source,
                params_approximate = excluded.params_approximate,
                safetensors_json = excluded.safetensors_json, gguf_total = excluded.gguf_total,
                quantization_json = excluded.quantization_json,
                from_hub = max(models.from_hub, excluded.from_hub),
                import_sequence = excluded.import_sequence, tags_known = excluded.tags_known,
                pipeline_tag_inferred = excluded.pipeline_tag_inferred,
                architectures = excluded.architectures, moe_json = excluded.moe_json,
                synthetic = excluded.synthetic",
        )?
        .execute(params![
            stored.id,
            stored.author,
            pipeline_tag,
            stored.library_name,
            created_at,
            before_tracking,
            stored.last_modified,
            stored.downloads,
            stored.downloads_all_time,
            stored.likes,
            stored.trending_score,
            stored.gated.map(Gated::as_str),
            params.total,
            params.active,
            params.source.as_str(),
            params.approximate,
            safetensors,
            stored.gguf_total,
            quantization,
            from_hub,
            sequence,
            stored.tags.is_some(),
            pipeline_tag_inferred,
            architectures,
            moe,
            crate::synth::is_synthetic_id(&stored.id),
        ])?;

    transaction
        .prepare_cached("DELETE FROM model_tags WHERE model_id = ?1")?
        .execute([&stored.id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO model_tags (model_id, kind, value, relation) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for tag in stored.tags.iter().flatten() {
        insert.execute(params![stored.id, tag.kind, tag.value, tag.relation])?;
    }
    Ok(())
}
