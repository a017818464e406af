//! The two bottom rows: the threshold and the split on the first, the focused pane's key hints
//! on the second, with the always-useful hints pinned to the right, or a notice in their place
//! (over both rows when it is longer than one).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::action::HelpLine;
use crate::tui::theme::Theme;

pub struct StatusBar<'a> {
    pub summary: Line<'a>,
    /// The pane's hints, most useful first. Those that do not fit are left out from the end.
    pub hints: Vec<HelpLine>,
    /// Hints drawn at the right end whatever the width (help, quit).
    pub pinned: Vec<HelpLine>,
    /// Hints drawn left of `pinned` only when every pane hint fits beside them.
    pub pinned_if_room: Vec<HelpLine>,
    /// Drawn instead of every hint when set.
    pub notice: Option<Line<'a>>,
    pub theme: &'a Theme,
}

fn hint_spans<'a>(hint: &HelpLine, theme: &Theme) -> Vec<Span<'a>> {
    vec![
        Span::styled(hint.keys.clone(), theme.key()),
        Span::raw(" "),
        Span::styled(hint.text, theme.muted()),
    ]
}

fn width_of(hint: &HelpLine) -> u16 {
    (hint.keys.chars().count() + 1 + hint.text.chars().count()) as u16
}

const GAP: &str = "  ";

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let summary_row = Rect { height: 1, ..area };
        if area.height < 2 {
            self.summary.render(summary_row, buf);
            return;
        }
        let hint_row = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        if let Some(notice) = self.notice {
            // A notice too long for one row takes the summary's row too, until the next key.
            if notice.width() > area.width as usize {
                Paragraph::new(notice)
                    .wrap(Wrap { trim: true })
                    .render(area, buf);
            } else {
                self.summary.render(summary_row, buf);
                notice.render(hint_row, buf);
            }
            return;
        }
        self.summary.render(summary_row, buf);

        let total = |hints: &[HelpLine]| -> u16 {
            hints
                .iter()
                .map(|hint| width_of(hint) + GAP.len() as u16)
                .sum()
        };
        let mut pinned = self.pinned;
        if total(&self.hints) + total(&self.pinned_if_room) + total(&pinned) <= area.width {
            pinned.splice(0..0, self.pinned_if_room);
        }
        let pinned_width = total(&pinned);
        let mut used = 0u16;
        let mut left: Vec<Span> = Vec::new();
        for hint in &self.hints {
            let width = width_of(hint) + GAP.len() as u16;
            if used + width + pinned_width > area.width {
                break;
            }
            left.extend(hint_spans(hint, self.theme));
            left.push(Span::raw(GAP));
            used += width;
        }
        Line::from(left).render(hint_row, buf);

        let mut right: Vec<Span> = Vec::new();
        for (index, hint) in pinned.iter().enumerate() {
            if index > 0 {
                right.push(Span::raw(GAP));
            }
            right.extend(hint_spans(hint, self.theme));
        }
        Line::from(right).right_aligned().render(hint_row, buf);
    }
}
