//! The help popup: the focused pane's keys and the global ones, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::View;
use crate::sanitize::clean;
use crate::tui::action::Context;
use crate::tui::app::Tab;
use crate::tui::cursor::Scroll;
use crate::tui::format::wrap;

const KEYS_WIDTH: usize = 20;

pub fn render(frame: &mut Frame, area: Rect, scroll: &mut Scroll, tab: Tab, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let [popup] = Layout::horizontal([Constraint::Max(80)])
        .flex(Flex::Center)
        .areas(area);
    let title = format!(" {} {} ", lang.pick("Keys:", "Touches :"), tab.title(lang));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.header()));
    let inner = block.inner(popup);
    let lines = lines(tab, view, inner.width as usize);
    scroll.fit(lines.len(), inner.height as usize);

    let mut footer = lang
        .pick(" Esc or ? closes ", " Échap ou ? ferme ")
        .to_string();
    if scroll.max > 0 {
        footer = format!(
            " {}–{} / {} ·{footer}",
            scroll.offset + 1,
            (scroll.offset + inner.height as usize).min(lines.len()),
            lines.len()
        );
    }
    let block = block.title_bottom(Line::styled(footer, theme.muted()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.offset as u16, 0)),
        popup,
    );
}

fn lines<'a>(tab: Tab, view: &View, width: usize) -> Vec<Line<'a>> {
    let (lang, theme) = (view.lang, view.theme);
    let text_width = width.saturating_sub(KEYS_WIDTH + 1).max(10);
    let mut lines = Vec::new();
    for &context in tab
        .contexts()
        .iter()
        .chain(&[Context::Global, Context::Sync])
    {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(context.title(lang), theme.header()));
        for entry in view.keymap.help_lines(context, lang) {
            for (index, chunk) in wrap(entry.text, text_width).into_iter().enumerate() {
                let keys = if index == 0 { entry.keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{keys:<KEYS_WIDTH$} "), theme.key()),
                    Span::raw(chunk),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    let path = view.data.cache_path.display().to_string();
    lines.push(Line::styled(
        format!("{} {}", lang.pick("Cache:", "Cache :"), clean(&path)),
        theme.muted(),
    ));
    lines
}
