//! Opening the terminal UI on a cache.

use std::path::Path;

use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::config::Config;
use crate::i18n::Lang;
use crate::tui::TuiOptions;

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
        export_dir: config.export_dir.clone(),
    };
    tracing::info!(cache = %db.display(), log = %log_path.display(), "terminal UI starting");
    crate::tui::run(db.to_path_buf(), options)
}
