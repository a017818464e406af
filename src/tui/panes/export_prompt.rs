//! The export popup: the format to write, CSV or JSON, and the path of the file.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

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
    let path = clean(&prompt.path().display().to_string()).into_owned();
    // Two border rows, the format and row-count lines, then the wrapped path.
    let inner_width = popup.width.saturating_sub(2).max(1) as usize;
    let path_label = lang.pick("File: ", "Fichier : ");
    let path_rows = (path_label.chars().count() + path.chars().count()).div_ceil(inner_width);
    let height = 2 + 2 + path_rows as u16;
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
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
