//! `slmscope models`: one row per cached model, as a table, JSON or CSV.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::anyhow;
use serde::Serialize;

use super::ModelsFormat;
use super::filter_args::{FilterArgs, warn_if_nothing_kept};
use crate::analysis::search::fuzzy_matches;
use crate::analysis::threshold::format_params;
use crate::cache::{Cache, OpenMode};
use crate::i18n::Lang;
use crate::model::{HubTime, Model, Tag};
use crate::sanitize::{clean, clean_truncated};

/// One model as `models --format json` writes it. `params` is null when the size is unknown.
#[derive(Debug, Serialize)]
pub struct ModelRow<'a> {
    pub id: &'a str,
    pub author: Option<&'a str>,
    pub pipeline_tag: Option<&'a str>,
    pub pipeline_tag_inferred: bool,
    pub library_name: Option<&'a str>,
    pub params: Option<u64>,
    pub params_active: Option<u64>,
    pub params_source: &'static str,
    pub params_approximate: bool,
    pub created_at: Option<HubTime>,
    pub created_before_tracking: bool,
    pub last_modified: Option<HubTime>,
    pub downloads: Option<u64>,
    pub downloads_all_time: Option<u64>,
    pub likes: Option<u64>,
    pub trending_score: Option<f64>,
    pub gated: Option<&'static str>,
    pub tags: Vec<Tag>,
    /// True for a record `slmscope synth` generated.
    pub synthetic: bool,
}

impl<'a> ModelRow<'a> {
    /// Describes `model` with its full tag list, which the cache keeps apart from the model.
    pub fn new(model: &'a Model, tags: Vec<Tag>) -> ModelRow<'a> {
        ModelRow {
            id: &model.id,
            author: model.author.as_deref(),
            pipeline_tag: model.pipeline_tag.as_deref(),
            pipeline_tag_inferred: model.pipeline_tag_inferred,
            library_name: model.library_name.as_deref(),
            params: model.params.total(),
            params_active: model.params.active(),
            params_source: model.params.source.as_str(),
            params_approximate: model.params.approximate,
            created_at: model.created_at,
            created_before_tracking: model.created_before_tracking,
            last_modified: model.last_modified,
            downloads: model.downloads(),
            downloads_all_time: model.downloads_all_time(),
            likes: model.likes(),
            trending_score: model.trending_score(),
            gated: model.gated.map(|gated| gated.as_str()),
            tags,
            synthetic: model.synthetic,
        }
    }
}

pub fn run(
    db: &Path,
    query: Option<&str>,
    format: ModelsFormat,
    filters: &FilterArgs,
    lang: Lang,
) -> anyhow::Result<()> {
    let filter = filters.to_filter(lang)?;
    let cache =
        Cache::open(db, OpenMode::MustExist).map_err(|error| anyhow!(error.message(lang)))?;
    let models = cache
        .load_models()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let cached = models.len();
    let models = filter.retain(models);
    warn_if_nothing_kept(&filter, models.len(), cached, lang);
    let selected: Vec<&Model> = fuzzy_matches(&models, query.unwrap_or(""))
        .into_iter()
        .map(|index| &models[index])
        .collect();

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match format {
        ModelsFormat::Json => write_json(&mut out, &selected, &cache, lang),
        ModelsFormat::Csv => write_csv(&mut out, &selected, &cache, lang),
        ModelsFormat::Text => write_text(&mut out, &selected, lang),
    }
    .and_then(|()| out.flush());
    ignore_broken_pipe(result)
}

/// A closed pipe (`slmscope models | head`) ends the output quietly, whether the write failed
/// directly or inside the CSV writer.
pub fn ignore_broken_pipe(result: io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(error) if is_broken_pipe(&error) => Ok(()),
        other => Ok(other?),
    }
}

fn is_broken_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let inner = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<csv::Error>());
    matches!(inner.map(csv::Error::kind), Some(csv::ErrorKind::Io(io)) if io.kind() == io::ErrorKind::BrokenPipe)
}

/// Reads the full tag list of `model`, which the loaded models do not keep.
fn tags_of(cache: &Cache, model: &Model, lang: Lang) -> io::Result<Vec<Tag>> {
    cache
        .load_tags(&model.id)
        .map_err(|error| io::Error::other(error.message(lang)))
}

fn write_json(
    out: &mut impl Write,
    models: &[&Model],
    cache: &Cache,
    lang: Lang,
) -> io::Result<()> {
    let rows = models
        .iter()
        .map(|model| Ok(ModelRow::new(model, tags_of(cache, model, lang)?)))
        .collect::<io::Result<Vec<ModelRow<'_>>>>()?;
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

const CSV_HEADER: [&str; 19] = [
    "id",
    "author",
    "pipeline_tag",
    "pipeline_tag_inferred",
    "library_name",
    "params",
    "params_active",
    "params_source",
    "params_approximate",
    "created_at",
    "created_before_tracking",
    "last_modified",
    "downloads",
    "downloads_all_time",
    "likes",
    "trending_score",
    "gated",
    "tags",
    "synthetic",
];

fn write_csv(out: &mut impl Write, models: &[&Model], cache: &Cache, lang: Lang) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    let text = |value: Option<&str>| value.map(|v| clean(v).into_owned()).unwrap_or_default();
    let number = |value: Option<u64>| value.map(|v| v.to_string()).unwrap_or_default();
    let time = |value: Option<HubTime>| value.map(|v| v.to_string()).unwrap_or_default();
    for model in models {
        let tags: Vec<String> = tags_of(cache, model, lang)?.iter().map(tag_text).collect();
        writer.write_record([
            clean(&model.id).into_owned(),
            text(model.author.as_deref()),
            text(model.pipeline_tag.as_deref()),
            model.pipeline_tag_inferred.to_string(),
            text(model.library_name.as_deref()),
            number(model.params.total()),
            number(model.params.active()),
            model.params.source.as_str().to_string(),
            model.params.approximate.to_string(),
            time(model.created_at),
            model.created_before_tracking.to_string(),
            time(model.last_modified),
            number(model.downloads()),
            number(model.downloads_all_time()),
            number(model.likes()),
            model
                .trending_score()
                .map(|v| v.to_string())
                .unwrap_or_default(),
            model
                .gated
                .map(|g| g.as_str().to_string())
                .unwrap_or_default(),
            clean(&tags.join(";")).into_owned(),
            model.synthetic.to_string(),
        ])?;
    }
    writer.flush()
}

/// A tag in the Hub's own spelling, `kind:value` or `base_model:relation:id`.
fn tag_text(tag: &Tag) -> String {
    match (&tag.relation, &*tag.kind) {
        (Some(relation), kind) => format!("{kind}:{relation}:{}", tag.value),
        (None, "tag" | "language") => tag.value.clone(),
        (None, kind) => format!("{kind}:{}", tag.value),
    }
}

fn write_text(out: &mut impl Write, models: &[&Model], lang: Lang) -> io::Result<()> {
    const ID_WIDTH: usize = 48;
    writeln!(
        out,
        "{:<ID_WIDTH$} {:>8} {:<11} {:<24} {:>12} {:>7}  {}",
        "id",
        lang.pick("params", "params"),
        lang.pick("source", "source"),
        "pipeline_tag",
        lang.pick("downloads", "téléch."),
        lang.pick("likes", "likes"),
        lang.pick("created", "création"),
    )?;
    for model in models {
        let params = match model.params.total() {
            Some(total) if model.params.approximate => format!("~{}", format_params(total)),
            Some(total) => format_params(total),
            None => "?".to_string(),
        };
        let created = match (&model.created_at, model.created_before_tracking) {
            (Some(date), _) => date.day(),
            (None, true) => lang.pick("before 2022", "avant 2022").to_string(),
            (None, false) => "-".to_string(),
        };
        writeln!(
            out,
            "{:<ID_WIDTH$} {:>8} {:<11} {:<24} {:>12} {:>7}  {}",
            clean_truncated(&model.id, ID_WIDTH),
            params,
            lang.param_source(model.params.source),
            clean_truncated(model.pipeline_tag.as_deref().unwrap_or("-"), 24),
            model
                .downloads()
                .map(|d| lang.int(d))
                .unwrap_or_else(|| "-".into()),
            model
                .likes()
                .map(|l| lang.int(l))
                .unwrap_or_else(|| "-".into()),
            created,
        )?;
    }
    writeln!(
        out,
        "{}",
        lang.count(
            models.len() as u64,
            ("model", "models"),
            ("modèle", "modèles")
        )
    )
}
