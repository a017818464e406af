//! `slmscope tour`: the presentation mode on a cache.

use std::path::Path;

use clap::ValueEnum;

use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::tui::ThemeName;
use crate::tui::tour::TourOptions;

/// The colour themes `--theme` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Dark,
    Light,
    HighContrast,
    ColorBlind,
}

impl From<ThemeArg> for ThemeName {
    fn from(theme: ThemeArg) -> ThemeName {
        match theme {
            ThemeArg::Dark => ThemeName::Dark,
            ThemeArg::Light => ThemeName::Light,
            ThemeArg::HighContrast => ThemeName::HighContrast,
            ThemeArg::ColorBlind => ThemeName::ColorBlind,
        }
    }
}

/// Opens the tour on the cache at `db`. `threshold` is the text of `--threshold`, else of the
/// configuration file; the theme is high contrast unless `--theme` names another.
pub fn run(
    db: &Path,
    lang: Lang,
    threshold: Option<&str>,
    theme: Option<ThemeArg>,
    keymap: crate::tui::Keymap,
) -> anyhow::Result<()> {
    let threshold = match threshold {
        Some(text) => super::threshold_arg(lang, "--threshold", text)?,
        None => DEFAULT_THRESHOLD,
    };
    // A missing cache, most often a typo in --db, is reported before the terminal is taken
    // over. Other load errors show after the loading screen.
    if !db.exists() {
        return Err(anyhow::anyhow!(
            crate::cache::CacheError::NotFound {
                path: db.to_path_buf(),
            }
            .message(lang)
        ));
    }
    let options = TourOptions {
        lang,
        threshold,
        color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        theme: theme.map_or(ThemeName::HighContrast, ThemeName::from),
        keymap,
    };
    tracing::info!(cache = %db.display(), "tour starting");
    crate::tui::tour::run(db.to_path_buf(), options)
}
