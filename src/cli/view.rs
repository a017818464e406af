//! Opening the terminal UI on a cache, and reading the cache for it and for the tour.

use std::path::Path;

use anyhow::anyhow;

use crate::analysis::Index;
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::cache::{Cache, OpenMode};
use crate::config::Config;
use crate::i18n::Lang;
use crate::tui::{AppData, BenchmarkData, TuiOptions};

pub fn run(
    db: &Path,
    lang: Lang,
    threshold: Option<&str>,
    log_path: &Path,
    notice: Option<String>,
    config: &Config,
) -> anyhow::Result<()> {
    let threshold = match threshold {
        Some(text) => super::threshold_arg(lang, "--threshold", text)?,
        None => DEFAULT_THRESHOLD,
    };
    let data = load(db, lang)?;
    let options = TuiOptions {
        lang,
        threshold,
        color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        sync_endpoint: None,
        filters_path: Some(crate::tui::default_filters_path()),
        notice,
        theme: config.theme.unwrap_or_default(),
        keymap: config.keymap.clone(),
        mouse: config.mouse.unwrap_or(true),
    };
    tracing::info!(models = data.index.len(), log = %log_path.display(), "terminal UI starting");
    crate::tui::run(data, options)
}

/// Reads everything the terminal UI and the tour show from the cache at `db`, which must exist.
pub(super) fn load(db: &Path, lang: Lang) -> anyhow::Result<AppData> {
    let message = |error: crate::cache::CacheError| anyhow!(error.message(lang));
    let cache = Cache::open(db, OpenMode::MustExist).map_err(message)?;
    let models = cache.load_models().map_err(message)?;
    let benchmarks = cache.load_benchmarks().map_err(message)?;
    let reference = cache.load_reference().map_err(message)?;
    let history = cache.load_download_history().map_err(message)?;
    let provenance = cache.load_provenance().map_err(message)?;
    drop(cache);
    Ok(AppData {
        index: Index::build(models),
        benchmarks: BenchmarkData::new(benchmarks),
        reference,
        history,
        provenance,
        cache_path: db.to_path_buf(),
    })
}
