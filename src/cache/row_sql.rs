//! Reading and writing one row of the `models` table.

use rusqlite::{OptionalExtension, Row, Statement, Transaction, params};

use super::import::ExternalSizes;
use super::row::{Created, StoredModel};
use super::tags_json;
use crate::hub::tags::{TagList, TagRef};
use crate::model::{Gated, ParamCount};

/// The columns that [`stored_from_row`] reads, in its order.
const MODEL_COLUMNS: &str = "id, author, pipeline_tag, library_name, created_at, \
    created_before_tracking, last_modified, downloads, downloads_all_time, likes, trending_score, \
    gated, safetensors_json, gguf_total, quantization_json, pipeline_tag_inferred, architectures, \
    moe_json, tags_known, tags_json";

/// Selects one model by id, for [`stored_from_row`].
pub(super) fn select_model_sql() -> String {
    format!("SELECT {MODEL_COLUMNS} FROM models WHERE id = ?1")
}

/// Builds the statement that inserts one model row, followed by `$on_conflict`. The parameters
/// are bound by [`execute_model`].
macro_rules! insert_model_sql {
    ($on_conflict:literal) => {
        concat!(
            "INSERT INTO models (id, author, pipeline_tag, library_name, created_at,
                created_before_tracking, last_modified, downloads, downloads_all_time, likes,
                trending_score, gated, params_total, params_active, params_source,
                params_approximate, safetensors_json, gguf_total, quantization_json, from_hub,
                import_sequence, tags_known, pipeline_tag_inferred, architectures, moe_json,
                synthetic, tags_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27) ",
            $on_conflict
        )
    };
}

/// Inserts a model, or replaces every column of the row with its id but `from_hub`, which stays
/// set once a Hub record gave the model.
pub(super) const UPSERT_MODEL_SQL: &str = insert_model_sql!(
    "ON CONFLICT (id) DO UPDATE SET
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
        synthetic = excluded.synthetic, tags_json = excluded.tags_json"
);

/// Inserts a model unless a row has its id, which is left as it is. The statement changes one
/// row when the model was new and none otherwise.
pub(super) const INSERT_NEW_MODEL_SQL: &str = insert_model_sql!("ON CONFLICT (id) DO NOTHING");

/// Reads the stored inputs of one model, with its tags.
pub(super) fn read_stored(
    transaction: &Transaction<'_>,
    id: &str,
) -> rusqlite::Result<Option<StoredModel>> {
    transaction
        .prepare_cached(&select_model_sql())?
        .query_row([id], stored_from_row)
        .optional()
}

/// Reads a model from a row of the columns in `MODEL_COLUMNS`.
pub(super) fn stored_from_row(row: &Row<'_>) -> rusqlite::Result<StoredModel> {
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
    let tags_known: bool = row.get(18)?;
    let tags_json: Option<String> = row.get(19)?;
    let tags = tags_json
        .as_deref()
        .and_then(|text| tags_json::decode(text).ok())
        .map(|tags| TagList::from_tags(tags.iter().map(TagRef::from)))
        .unwrap_or_default();
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
        tags: tags_known.then_some(tags),
    })
}

/// Writes one model with its resolved parameter count, its synthetic mark, which follows from
/// the id, and its tags.
pub(super) fn write_stored(
    transaction: &Transaction<'_>,
    stored: &StoredModel,
    sequence: i64,
    from_hub: bool,
) -> rusqlite::Result<()> {
    let sizes = ExternalSizes::query(transaction, &stored.id)?;
    let values = RowValues::new(stored, sizes);
    let mut statement = transaction.prepare_cached(UPSERT_MODEL_SQL)?;
    execute_model(&mut statement, stored, &values, sequence, from_hub)?;
    Ok(())
}

/// The columns of a model's row that are computed from the model and the other sources'
/// counts: the resolved parameter count, the pipeline_tag to store, the JSON columns and the
/// synthetic mark. An import computes them on its reader thread.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RowValues {
    params: ParamCount,
    pipeline_tag: Option<String>,
    pipeline_tag_inferred: bool,
    safetensors: Option<String>,
    quantization: Option<String>,
    architectures: Option<String>,
    moe: Option<String>,
    tags: Option<String>,
    synthetic: bool,
}

impl RowValues {
    pub(super) fn new(stored: &StoredModel, sizes: ExternalSizes) -> RowValues {
        let (pipeline_tag, pipeline_tag_inferred) = stored.effective_pipeline_tag();
        RowValues {
            params: stored.resolve_params(sizes.reference, sizes.leaderboard),
            pipeline_tag,
            pipeline_tag_inferred,
            safetensors: stored
                .safetensors
                .as_ref()
                .map(|value| serde_json::to_string(value).expect("safetensors serializes")),
            quantization: stored
                .quantization
                .as_ref()
                .map(|value| serde_json::to_string(value).expect("quantization_config serializes")),
            architectures: stored
                .architectures
                .as_ref()
                .map(|value| serde_json::to_string(value).expect("architectures serialize")),
            moe: stored
                .moe
                .as_ref()
                .map(|value| serde_json::to_string(value).expect("expert layout serializes")),
            tags: stored
                .tags
                .as_ref()
                .map(|tags| tags_json::encode(tags.iter())),
            synthetic: crate::synth::is_synthetic_id(&stored.id),
        }
    }
}

/// Executes `statement`, one of [`UPSERT_MODEL_SQL`] and [`INSERT_NEW_MODEL_SQL`], for a model
/// whose computed columns are `values`, and returns the number of rows it changed.
pub(super) fn execute_model(
    statement: &mut Statement<'_>,
    stored: &StoredModel,
    values: &RowValues,
    sequence: i64,
    from_hub: bool,
) -> rusqlite::Result<usize> {
    let (created_at, before_tracking) = match &stored.created {
        Some(Created::At(date)) => (Some(date.as_str()), false),
        Some(Created::BeforeTracking) => (None, true),
        None => (None, false),
    };
    let params = &values.params;
    statement.execute(params![
        stored.id,
        stored.author,
        values.pipeline_tag,
        stored.library_name,
        created_at,
        before_tracking,
        stored.last_modified,
        stored.downloads,
        stored.downloads_all_time,
        stored.likes,
        stored.trending_score,
        stored.gated.map(Gated::as_str),
        params.total(),
        params.active(),
        params.source.as_str(),
        params.approximate,
        values.safetensors,
        stored.gguf_total,
        values.quantization,
        from_hub,
        sequence,
        stored.tags.is_some(),
        values.pipeline_tag_inferred,
        values.architectures,
        values.moe,
        values.synthetic,
        values.tags,
    ])
}
