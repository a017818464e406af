//! The export popup: the format to write, CSV or JSON, and the path of the file.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::View;
use crate::sanitize::clean;
use crate::tui::export::Format;

/// The open popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub format: Format,
    /// The export folder.
    pub dir: PathBuf,
    /// The file name without its extension, fixed when the popup opened.
    pub stem: String,
    /// Rows the file will hold.
    pub rows: usize,
}

impl ExportPrompt {
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.stem, self.format.extension())
    }

    /// Returns the path the file is written to. When a file already has it, the export adds a
    /// suffix instead.
    pub fn path(&self) -> PathBuf {
        self.dir.join(self.file_name())
    }
}

const MAX_WIDTH: u16 = 72;

pub fn render(frame: &mut Frame, area: Rect, prompt: &ExportPrompt, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let [popup] = Layout::horizontal([Constraint::Max(MAX_WIDTH)])
        .flex(Flex::Center)
        .areas(area);
    // Two border rows, then the format, row-count and path lines.
    let inner_width = popup.width.saturating_sub(2) as usize;
    let path_label = lang.pick("File: ", "Fichier : ");
    let path = fit_path(
        &clean(&prompt.dir.display().to_string()),
        &clean(&prompt.file_name()),
        inner_width.saturating_sub(path_label.chars().count()),
    );
    let height = 2 + 3;
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);

    let choice = |format: Format, name: &'static str| {
        if format == prompt.format {
            Span::styled(format!("[{name}]"), theme.tab_active())
        } else {
            Span::styled(format!(" {name} "), theme.muted())
        }
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(lang.pick("Format: ", "Format : "), theme.label()),
            choice(Format::Csv, "CSV"),
            Span::raw(" "),
            choice(Format::Json, "JSON"),
        ]),
        Line::from(vec![
            Span::styled(lang.pick("Rows: ", "Lignes : "), theme.label()),
            Span::raw(lang.int(prompt.rows as u64)),
        ]),
        Line::from(vec![
            Span::styled(path_label, theme.label()),
            Span::raw(path),
        ]),
    ];
    let title = format!(" {} ", lang.pick("Export", "Exporter"));
    let footer = lang.pick(
        " c CSV · j JSON · Enter writes · Esc cancels ",
        " c CSV · j JSON · Entrée écrit · Échap annule ",
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.header()))
        .title_bottom(Line::styled(footer, theme.muted()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// Writes `dir` joined with `file` in at most `width` characters. A path too long loses the
/// middle of its folder to `…` and keeps the file name whole, unless the file name alone does
/// not fit, in which case only its end is kept after `…/`.
fn fit_path(dir: &str, file: &str, width: usize) -> String {
    let separator = std::path::MAIN_SEPARATOR;
    let full = format!("{dir}{separator}{file}");
    if full.chars().count() <= width {
        return full;
    }
    let file_chars = file.chars().count();
    // The folder keeps `room` characters around the `…` and the separator before the file.
    let Some(room) = width.checked_sub(file_chars + 2) else {
        let tail: String = file
            .chars()
            .skip((file_chars + 2).saturating_sub(width))
            .collect();
        return format!("…{separator}{tail}");
    };
    let dir: Vec<char> = dir.chars().collect();
    let head = room.div_ceil(2);
    let tail = room - head;
    let head: String = dir[..head.min(dir.len())].iter().collect();
    let tail: String = dir[dir.len().saturating_sub(tail)..].iter().collect();
    format!("{head}…{tail}{separator}{file}")
}

#[cfg(test)]
mod tests {
    use super::fit_path;

    #[test]
    fn short_path_is_whole() {
        assert_eq!(fit_path("/tmp", "a.csv", 20), "/tmp/a.csv");
        assert_eq!(fit_path("/tmp", "a.csv", 10), "/tmp/a.csv");
    }

    #[test]
    fn long_folder_loses_its_middle() {
        let fitted = fit_path("/home/user/exports/slmscope", "search.csv", 24);
        assert_eq!(fitted, "/home/…mscope/search.csv");
        assert_eq!(fitted.chars().count(), 24);
    }

    #[test]
    fn long_file_name_keeps_its_end() {
        let fitted = fit_path("/tmp", "slmscope-search-2026-12-05.csv", 12);
        assert_eq!(fitted, "…/-12-05.csv");
        assert_eq!(fitted.chars().count(), 12);
    }
}
