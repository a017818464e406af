//! Vertical bars of models per quarter decade of log10(parameters), styled SLM left of the
//! threshold and LLM right of it (the bin holding the threshold stacks both), with the threshold
//! marked and a size axis (100M, 1B, 10B…).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::analysis::histogram::BIN_WIDTH;
use crate::analysis::{Histogram, format_params};
use crate::i18n::Lang;
use crate::tui::class::Class;
use crate::tui::theme::Theme;

/// Bins per decade.
const PER_DECADE: i64 = (1.0 / BIN_WIDTH) as i64;

const EIGHTHS: [char; 8] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇'];

pub struct HistogramChart<'a> {
    /// Every model of known size.
    pub histogram: &'a Histogram,
    /// The models under the threshold only, binned the same way.
    pub slm: &'a Histogram,
    pub threshold: u64,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// The bins drawn: whole decades around every bin and the threshold, grouped when the area is
/// narrower than one column per bin.
struct Layout {
    /// Bin number (log10 / BIN_WIDTH) of the first bin drawn.
    first: i64,
    /// Bins per slot; 1 unless the area is too narrow.
    group: i64,
    counts: Vec<u64>,
    /// The SLM part of each slot's count.
    slm_counts: Vec<u64>,
    /// Columns per slot.
    columns: u16,
    left: u16,
}

impl Layout {
    /// Converts a position in bin units to a column relative to the area.
    fn column_of(&self, bins: f64) -> f64 {
        self.left as f64 + (bins - self.first as f64) / self.group as f64 * self.columns as f64
    }
}

fn bin_number(lower: f64) -> i64 {
    (lower / BIN_WIDTH).round() as i64
}

fn threshold_bins(threshold: u64) -> f64 {
    (threshold.max(1) as f64).log10() / BIN_WIDTH
}

impl HistogramChart<'_> {
    fn layout(&self, area: Rect, left: u16) -> Option<Layout> {
        let (first_bin, last_bin) = match (self.histogram.bins.first(), self.histogram.bins.last())
        {
            (Some(first), Some(last)) => (bin_number(first.lower), bin_number(last.lower)),
            _ => return None,
        };
        let threshold_bin = (threshold_bins(self.threshold) + 1e-9).floor() as i64;
        let first = first_bin.min(threshold_bin).div_euclid(PER_DECADE) * PER_DECADE;
        let end =
            (last_bin.max(threshold_bin) + 1 + PER_DECADE - 1).div_euclid(PER_DECADE) * PER_DECADE;

        let bins = (end - first) as usize;
        let width = area.width.saturating_sub(left) as usize;
        if width == 0 {
            return None;
        }
        let group = bins.div_ceil(width).max(1);
        let slots = bins.div_ceil(group);
        let slot_counts = |histogram: &Histogram| {
            let mut counts = vec![0u64; slots];
            for bin in &histogram.bins {
                let slot = (bin_number(bin.lower) - first) as usize / group;
                counts[slot] += bin.count;
            }
            counts
        };
        Some(Layout {
            first,
            group: group as i64,
            counts: slot_counts(self.histogram),
            slm_counts: slot_counts(self.slm),
            columns: (width / slots) as u16,
            left,
        })
    }
}

impl Widget for HistogramChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 5 {
            return;
        }
        let max = self.histogram.max_count();
        let max_label = self.lang.int(max);
        let left = max_label.chars().count() as u16 + 1;
        let Some(layout) = self.layout(area, left) else {
            return;
        };

        let marker_row = area.y;
        let bar_rows = area.height - 3;
        let bar_top = area.y + 1;
        let axis_row = bar_top + bar_rows;
        let label_row = axis_row + 1;
        let threshold_position = threshold_bins(self.threshold);
        let threshold_x = layout.column_of(threshold_position).floor() as u16;

        // Y labels: the largest count at the top, 0 at the bottom.
        buf.set_string(area.x, bar_top, &max_label, self.theme.muted());
        buf.set_string(area.x + left - 2, axis_row - 1, "0", self.theme.muted());

        // Bars, one slot after another.
        let bar_width = if layout.columns >= 3 {
            layout.columns - 1
        } else {
            layout.columns
        };
        for (slot, (&count, &slm)) in layout.counts.iter().zip(&layout.slm_counts).enumerate() {
            if count == 0 || max == 0 {
                continue;
            }
            let bar = Bar {
                eighths: (count * bar_rows as u64 * 8).div_ceil(max),
                count,
                slm,
            };
            let slot_x = area.x + left + slot as u16 * layout.columns;
            for x in slot_x..slot_x + bar_width {
                bar.draw(buf, x, axis_row, self.theme);
            }
        }

        // The threshold: a line through the empty cells of its column and a labelled marker.
        let marker_x = area.x + threshold_x.min(area.width - 1);
        for y in bar_top..axis_row {
            if buf[(marker_x, y)].symbol() == " " {
                buf[(marker_x, y)]
                    .set_char('│')
                    .set_style(self.theme.marker());
            }
        }
        let label = format!("▼ {}", format_params(self.threshold));
        let label_width = label.chars().count() as u16;
        let label_x = if threshold_x + label_width <= area.width {
            marker_x
        } else {
            let left_label = format!("{} ▼", format_params(self.threshold));
            let x = (marker_x + 1).saturating_sub(label_width).max(area.x);
            buf.set_string(x, marker_row, left_label, self.theme.marker());
            u16::MAX
        };
        if label_x != u16::MAX {
            buf.set_string(label_x, marker_row, label, self.theme.marker());
        }

        // The axis, ticked and labelled at each decade.
        let axis_end = left + layout.columns * layout.counts.len() as u16;
        for x in left..axis_end.min(area.width) {
            buf[(area.x + x, axis_row)]
                .set_char('─')
                .set_style(self.theme.border());
        }
        let mut free_from = area.x;
        let decades = layout.counts.len() as i64 * layout.group / PER_DECADE;
        for step in 0..=decades {
            let bins = layout.first + step * PER_DECADE;
            let x = layout.column_of(bins as f64).round() as u16;
            if x >= area.width {
                break;
            }
            buf[(area.x + x, axis_row)]
                .set_char('┴')
                .set_style(self.theme.border());
            let text = format_params(10f64.powi((bins / PER_DECADE) as i32) as u64);
            let width = text.chars().count() as u16;
            let start = (area.x + x)
                .saturating_sub(width / 2)
                .clamp(area.x, area.x + area.width - width);
            if start >= free_from {
                buf.set_string(start, label_row, &text, self.theme.muted());
                free_from = start + width + 1;
            }
        }
    }
}

/// One slot's bar: `eighths` eighths of a row tall, with `slm` of its `count` models under the
/// threshold drawn at the bottom.
struct Bar {
    eighths: u64,
    count: u64,
    slm: u64,
}

impl Bar {
    /// Draws one column of the bar upwards from `base` (exclusive). The SLM part is rounded to
    /// whole cells; patterned glyphs (no colour) are rounded to whole cells too.
    fn draw(&self, buf: &mut Buffer, x: u16, base: u16, theme: &Theme) {
        let full = (self.eighths / 8) as u16;
        let rest = (self.eighths % 8) as usize;
        let slm_cells = if self.slm == self.count {
            full + 1
        } else {
            ((self.eighths * self.slm) as f64 / self.count as f64 / 8.0).round() as u16
        };
        let class_at = |row: u16| {
            if row < slm_cells {
                Class::Slm
            } else {
                Class::Llm
            }
        };
        for row in 0..full {
            let class = class_at(row);
            buf[(x, base - 1 - row)]
                .set_char(theme.bar_glyph(class))
                .set_style(theme.bar(class));
        }
        if rest == 0 {
            return;
        }
        let class = class_at(full);
        let glyph = theme.bar_glyph(class);
        let top = if glyph == '█' {
            EIGHTHS[rest]
        } else if rest >= 4 || full == 0 {
            glyph
        } else {
            return;
        };
        buf[(x, base - 1 - full)]
            .set_char(top)
            .set_style(theme.bar(class));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(totals: &[u64], threshold: u64, width: u16, height: u16, color: bool) -> Buffer {
        let histogram = Histogram::from_sorted(totals);
        let slm = Histogram::from_sorted(&totals[..totals.partition_point(|&t| t < threshold)]);
        let theme = Theme::new(color);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        HistogramChart {
            histogram: &histogram,
            slm: &slm,
            threshold,
            lang: Lang::En,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn axis_labels_each_decade() {
        let buf = rendered(
            &[200_000_000, 3_000_000_000, 70_000_000_000],
            7_000_000_000,
            60,
            8,
            true,
        );
        let labels = row(&buf, 7);
        for label in ["100M", "1B", "10B", "100B"] {
            assert!(labels.contains(label), "{labels:?} lacks {label}");
        }
        assert!(row(&buf, 0).contains("▼ 7B"), "{:?}", row(&buf, 0));
    }

    #[test]
    fn bars_styled_by_class() {
        let buf = rendered(&[200_000_000, 70_000_000_000], 7_000_000_000, 60, 8, false);
        let theme = Theme::new(false);
        let bars: String = (1..5).map(|y| row(&buf, y)).collect();
        assert!(bars.contains(theme.bar_glyph(Class::Slm)), "{bars:?}");
        assert!(bars.contains(theme.bar_glyph(Class::Llm)), "{bars:?}");
        let slm_x = row(&buf, 4).find('█').unwrap();
        let llm_x = row(&buf, 4).find('▒').unwrap();
        let marker_x = row(&buf, 0).find('▼').unwrap();
        assert!(
            slm_x < marker_x && marker_x < llm_x,
            "{slm_x} {marker_x} {llm_x}"
        );
    }

    #[test]
    fn bin_holding_the_threshold_stacks_slm_under_llm() {
        // 6B and 8B share the bin [5.6B, 10B), so a 7B threshold splits it one and one.
        let buf = rendered(&[6_000_000_000, 8_000_000_000], 7_000_000_000, 40, 8, false);
        let column: String = (1..5).map(|y| row(&buf, y)).collect::<Vec<_>>().join("|");
        let x = row(&buf, 4).chars().position(|c| c == '█').unwrap();
        let cell = |y: u16| buf[(x as u16, y)].symbol().to_string();
        assert_eq!(cell(4), "█", "{column}");
        assert_eq!(cell(3), "█", "{column}");
        assert_eq!(cell(2), "▒", "{column}");
        assert_eq!(cell(1), "▒", "{column}");
    }

    #[test]
    fn threshold_outside_the_data_is_still_marked() {
        let buf = rendered(
            &[1_000_000_000, 2_000_000_000],
            1_000_000_000_000,
            60,
            8,
            true,
        );
        assert!(row(&buf, 0).contains("1T"), "{:?}", row(&buf, 0));
    }
}
