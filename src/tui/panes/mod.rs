//! The panes: each file owns one pane's state, its reaction to actions and its drawing.

pub mod benchmark_detail;
pub mod benchmarks;
pub mod compare;
pub mod detail;
pub mod export_prompt;
pub mod filter;
pub mod help;
pub mod search;
pub mod tasks;
pub mod threshold;
pub mod threshold_tools;
pub mod trends;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use super::AppData;
use super::action::Keymap;
use super::tag_task::TagFetcher;
use super::theme::Theme;
use crate::analysis::{ClassTotals, Split};
use crate::i18n::Lang;

/// Returns the mark a query line ends with while its search runs off the UI thread.
pub fn searching_mark<'a>(view: &View) -> Span<'a> {
    Span::styled(
        view.lang.pick("  searching…", "  recherche…"),
        view.theme.muted(),
    )
}

/// Draws a query line with the list position right-aligned on the same row. The query keeps
/// what the position leaves, so the two never overlap.
pub fn render_query_row(frame: &mut Frame, area: Rect, query: Line, position: Line) {
    let left = Rect {
        width: area.width.saturating_sub(position.width() as u16 + 1),
        ..area
    };
    frame.render_widget(query, left);
    frame.render_widget(position.right_aligned(), area);
}

/// The data, language, theme and threshold every pane draws with.
pub struct View<'a> {
    pub data: &'a AppData,
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The keys of this run, for the help and the hints.
    pub keymap: &'a Keymap,
    /// The threshold to draw with: the applied one, or the preview of a typed one.
    pub threshold: u64,
    /// The full tag lists, which loaded models do not keep, for the detail views.
    pub tags: &'a TagFetcher,
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

/// Builds the message shown when the cache contains no model: what is missing, then the
/// command that fills this cache on a line of its own, ready to copy.
pub fn empty_cache_text<'a>(view: &View) -> Text<'a> {
    let path = view.data.cache_path.display().to_string();
    let path = crate::sanitize::clean(&path);
    let (missing, how, file) = match view.lang {
        Lang::En => (
            format!("The cache {path} contains no models yet."),
            "Import Hub API JSON files into it with:",
            "FILE...",
        ),
        Lang::Fr => (
            format!("Le cache {path} ne contient encore aucun modèle."),
            "Importez-y des fichiers JSON de l'API du Hub avec :",
            "FICHIER...",
        ),
    };
    let command = format!("  slmscope import --db {} {file}", shell_quoted(&path));
    Text::from(vec![
        Line::styled(missing, view.theme.muted()),
        Line::styled(how, view.theme.muted()),
        Line::styled(command, view.theme.key()),
    ])
}

/// Quotes `text` for a POSIX shell when it contains anything but characters that are safe
/// unquoted, so that a copied command keeps a path with spaces whole.
fn shell_quoted(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@%~".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_of_paths() {
        assert_eq!(shell_quoted("/home/lab/cache.db"), "/home/lab/cache.db");
        assert_eq!(shell_quoted("~/x-1_2.db"), "~/x-1_2.db");
        assert_eq!(shell_quoted("/data/my cache.db"), "'/data/my cache.db'");
        assert_eq!(shell_quoted("it's.db"), r"'it'\''s.db'");
        assert_eq!(shell_quoted("$HOME.db"), "'$HOME.db'");
        assert_eq!(shell_quoted(""), "''");
    }
}
