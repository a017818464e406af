//! One horizontal bar split into SLM, LLM and unknown segments, scaled to a given total.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::analysis::Split;
use crate::tui::class::Class;
use crate::tui::theme::Theme;

pub struct StackedBar<'a> {
    pub split: &'a Split,
    /// The count that fills the whole width: the group's own total for shares, or the largest
    /// group's total for counts.
    pub scale: u64,
    pub theme: &'a Theme,
}

impl StackedBar<'_> {
    /// Computes the segments' end columns, rounded on running sums so that they never overrun.
    fn ends(&self, width: u16) -> [u16; 3] {
        let parts = [
            self.split.slm.count,
            self.split.llm.count,
            self.split.unknown.count,
        ];
        let mut running = 0u64;
        parts.map(|part| {
            running += part;
            if self.scale == 0 {
                0
            } else {
                ((running.min(self.scale) as f64 / self.scale as f64) * width as f64).round() as u16
            }
        })
    }
}

impl Widget for StackedBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let ends = self.ends(area.width);
        let mut start = 0;
        for (class, end) in [Class::Slm, Class::Llm, Class::Unknown]
            .into_iter()
            .zip(ends)
        {
            for x in start..end {
                buf[(area.x + x, area.y)]
                    .set_char(self.theme.bar_glyph(class))
                    .set_style(self.theme.bar(class));
            }
            start = start.max(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ClassTotals;

    fn split(slm: u64, llm: u64, unknown: u64) -> Split {
        let totals = |count| ClassTotals {
            count,
            downloads: 0,
        };
        Split {
            threshold: 7_000_000_000,
            slm: totals(slm),
            llm: totals(llm),
            unknown: totals(unknown),
        }
    }

    fn drawn(split: &Split, scale: u64, width: u16) -> String {
        let theme = Theme::new(false);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        StackedBar {
            split,
            scale,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        (0..width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn segments_follow_the_counts() {
        assert_eq!(drawn(&split(2, 1, 1), 4, 8), "████▒▒░░");
    }

    #[test]
    fn counts_scale_against_the_largest_group() {
        assert_eq!(drawn(&split(1, 1, 0), 8, 8), "█▒      ");
    }
}
