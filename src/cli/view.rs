//! Opening the terminal UI on a cache.

use std::path::Path;

use anyhow::anyhow;

use crate::analysis::Index;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::cache::{Cache, OpenMode};
use crate::i18n::Lang;
use crate::tui::{AppData, BenchmarkData, TuiOptions};

pub fn run(
    db: &Path,
    lang: Lang,
    threshold: Option<&str>,
    log_path: &Path,
    notice: Option<String>,
) -> anyhow::Result<()> {
    let threshold = match threshold {
        Some(text) => super::threshold_arg(lang, "--threshold", text)?,
        None => DEFAULT_THRESHOLD,
    };
    let cache =
        Cache::open(db, OpenMode::MustExist).map_err(|error| anyhow!(error.message(lang)))?;
    let models = cache
        .load_models()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let benchmarks = cache
        .load_benchmarks()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let reference = cache
        .load_reference()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let history = cache
        .load_download_history()
        .map_err(|error| anyhow!(error.message(lang)))?;
    let provenance = cache
        .load_provenance()
        .map_err(|error| anyhow!(error.message(lang)))?;
    drop(cache);

    let data = AppData {
        index: Index::build(models),
        benchmarks: BenchmarkData::new(benchmarks),
        reference,
        history,
        provenance,
        cache_path: db.to_path_buf(),
    };
    let options = TuiOptions {
        lang,
        threshold,
        color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        sync_endpoint: None,
        filters_path: Some(crate::tui::default_filters_path()),
        notice,
    };
    tracing::info!(models = data.index.len(), log = %log_path.display(), "terminal UI starting");
    crate::tui::run(data, options)
}
