//! The panes: each file owns one pane's state, its reaction to actions and its drawing.

pub mod benchmark_detail;
pub mod benchmarks;
pub mod detail;
pub mod help;
pub mod search;
pub mod tasks;
pub mod threshold;

use super::AppData;
use super::theme::Theme;
use crate::analysis::{ClassTotals, Split};
use crate::i18n::Lang;

/// The data, language, theme and threshold every pane draws with.
pub struct View<'a> {
    pub data: &'a AppData,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The threshold to draw with: the applied one, or the preview of a typed one.
    pub threshold: u64,
}

impl View<'_> {
    /// Returns the split of every model at the drawn threshold, all zero when the cache is
    /// empty.
    pub fn split(&self) -> Split {
        if self.data.index.is_empty() {
            let zero = ClassTotals::default();
            return Split {
                threshold: self.threshold,
                slm: zero,
                llm: zero,
                unknown: zero,
            };
        }
        self.data.index.split(self.threshold)
    }
}

/// Formats a count of models with the noun in the right number: `1 model`, `16 models`,
/// `0 modèle`, `16 modèles`.
pub fn models_count(lang: Lang, count: u64) -> String {
    let noun = match (lang, count) {
        (Lang::En, 1) => "model",
        (Lang::En, _) => "models",
        (Lang::Fr, 0 | 1) => "modèle",
        (Lang::Fr, _) => "modèles",
    };
    format!("{} {noun}", lang.int(count))
}

/// Returns the message shown when the cache contains no model.
pub fn empty_cache_text(view: &View) -> String {
    let path = view.data.cache_path.display().to_string();
    let path = crate::sanitize::clean(&path);
    match view.lang {
        Lang::En => format!("The cache {path} contains no models yet."),
        Lang::Fr => format!("Le cache {path} ne contient encore aucun modèle."),
    }
}
