//! Vertical bars of models per quarter decade of log10(parameters), SLM left of the threshold
//! and LLM right of it, with a size axis (100M, 1B, 10B…). The threshold has a column of its own
//! that no bar covers, and the bin holding it is split there: the models under the threshold
//! are drawn left of the marker and the others right of it.

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

/// A suggested threshold, drawn as its letter on the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub threshold: u64,
    pub letter: char,
}

pub struct HistogramChart<'a> {
    /// Every model of known size.
    pub histogram: &'a Histogram,
    /// The models under the threshold only, binned the same way.
    pub slm: &'a Histogram,
    pub threshold: u64,
    /// Suggested thresholds, drawn on the axis; the threshold marker wins where they meet.
    pub marks: &'a [Mark],
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// The bins drawn: whole decades around every bin and the threshold, grouped when the area is
/// narrower than one column per bin. Slots after the threshold's slot are shifted right by the
/// second bar and the marker column of the split slot.
struct Layout {
    /// Bin number (log10 / BIN_WIDTH) of the first bin drawn.
    first: i64,
    /// Bins per slot; 1 unless the area is too narrow.
    group: i64,
    counts: Vec<u64>,
    /// The SLM part of each slot's count.
    slm_counts: Vec<u64>,
    /// Columns per slot, the gap after the bar included.
    columns: u16,
    /// Columns of one bar.
    bar_width: u16,
    left: u16,
    /// The slot holding the threshold, drawn split.
    threshold_slot: usize,
}

impl Layout {
    /// Returns the first column of `slot`, relative to the area; `slot` may be one past the
    /// last, for the end of the axis.
    fn slot_x(&self, slot: usize) -> u16 {
        let x = self.left + slot as u16 * self.columns;
        if slot > self.threshold_slot {
            x + self.bar_width + 1
        } else {
            x
        }
    }

    /// Returns the column of the threshold marker, between the two parts of the split slot.
    fn marker_x(&self) -> u16 {
        self.slot_x(self.threshold_slot) + self.bar_width
    }

    /// Converts a position in bin units to a column relative to the area.
    fn column_of(&self, bins: f64) -> f64 {
        let slots = (bins - self.first as f64) / self.group as f64;
        let slot = (slots.floor().max(0.0) as usize).min(self.counts.len());
        let slot_width = self.slot_x(slot + 1) - self.slot_x(slot);
        self.slot_x(slot) as f64 + (slots - slot as f64) * slot_width as f64
    }
}

fn bin_number(lower: f64) -> i64 {
    (lower / BIN_WIDTH).round() as i64
}

fn threshold_bins(threshold: u64) -> f64 {
    (threshold.max(1) as f64).log10() / BIN_WIDTH
}

/// Returns the columns of the bar in a slot of `columns` columns, leaving one column of gap from
/// three columns up.
fn bar_width(columns: u16) -> u16 {
    if columns >= 3 { columns - 1 } else { columns }
}

impl HistogramChart<'_> {
    fn layout(&self, area: Rect, left: u16) -> Option<Layout> {
        let (first_bin, last_bin) = match (self.histogram.bins.first(), self.histogram.bins.last())
        {
            (Some(first), Some(last)) => (bin_number(first.lower), bin_number(last.lower)),
            _ => return None,
        };
        // The same epsilon as the histogram's binning, so that a threshold of exactly 10B opens
        // the bin that a 10B model falls in.
        let threshold_bin = (threshold_bins(self.threshold) + 1e-9).floor() as i64;
        let first = first_bin.min(threshold_bin).div_euclid(PER_DECADE) * PER_DECADE;
        let end =
            (last_bin.max(threshold_bin) + 1 + PER_DECADE - 1).div_euclid(PER_DECADE) * PER_DECADE;

        // Every slot needs one column and the split slot two more (its second bar and the
        // marker), so bins are grouped until that fits.
        let bins = (end - first) as usize;
        let width = area.width.saturating_sub(left) as usize;
        let mut group = 1;
        while bins.div_ceil(group) + 2 > width {
            if group >= bins {
                return None;
            }
            group += 1;
        }
        let slots = bins.div_ceil(group);
        let mut columns = (width / slots) as u16;
        while slots * columns as usize + bar_width(columns) as usize + 1 > width {
            columns -= 1;
        }

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
            columns,
            bar_width: bar_width(columns),
            left,
            threshold_slot: (threshold_bin - first) as usize / group,
        })
    }

    /// Lays the chart out with room for the largest slot's count on the left. Grouping bins
    /// can raise that count and so widen its label, which can in turn force more grouping.
    fn layout_with_labels(&self, area: Rect) -> Option<(Layout, u64)> {
        let mut left = self.lang.int(self.histogram.max_count()).chars().count() as u16 + 1;
        loop {
            let layout = self.layout(area, left)?;
            let max = layout.counts.iter().copied().max().unwrap_or(0);
            let needed = self.lang.int(max).chars().count() as u16 + 1;
            if needed <= left {
                return Some((layout, max));
            }
            left = needed;
        }
    }
}

impl Widget for HistogramChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 5 {
            return;
        }
        let Some((layout, max)) = self.layout_with_labels(area) else {
            return;
        };
        let max_label = self.lang.int(max);
        let left = layout.left;

        let marker_row = area.y;
        let bar_rows = area.height - 3;
        let bar_top = area.y + 1;
        let axis_row = bar_top + bar_rows;
        let label_row = axis_row + 1;

        // Y labels: the largest count at the top, 0 at the bottom.
        buf.set_string(area.x, bar_top, &max_label, self.theme.muted());
        buf.set_string(area.x + left - 2, axis_row - 1, "0", self.theme.muted());

        // Bars: SLM before the threshold's slot, LLM after it, and that slot split in two.
        let eighths = |count: u64| {
            if max == 0 {
                0
            } else {
                (count * bar_rows as u64 * 8).div_ceil(max)
            }
        };
        let mut bars: Vec<(u16, Bar)> = Vec::new();
        for (slot, (&count, &slm)) in layout.counts.iter().zip(&layout.slm_counts).enumerate() {
            let x = area.x + layout.slot_x(slot);
            let threshold_slot = layout.threshold_slot;
            if slot == threshold_slot {
                let llm_x = area.x + layout.marker_x() + 1;
                bars.push((x, Bar::new(eighths(slm), Class::Slm)));
                bars.push((
                    llm_x,
                    Bar::new(eighths(count.saturating_sub(slm)), Class::Llm),
                ));
            } else {
                let class = if slot < threshold_slot {
                    Class::Slm
                } else {
                    Class::Llm
                };
                bars.push((x, Bar::new(eighths(count), class)));
            }
        }
        for (x, bar) in bars {
            for column in x..x + layout.bar_width {
                bar.draw(buf, column, axis_row, self.theme);
            }
        }

        // The threshold: a line in its own column, crossing the axis, and a labelled marker.
        let marker_x = area.x + layout.marker_x();
        for y in bar_top..axis_row {
            buf[(marker_x, y)]
                .set_char('│')
                .set_style(self.theme.marker());
        }
        let label = format!("▼ {}", format_params(self.threshold));
        let label_width = label.chars().count() as u16;
        if layout.marker_x() + label_width <= area.width {
            buf.set_string(marker_x, marker_row, label, self.theme.marker());
        } else {
            let left_label = format!("{} ▼", format_params(self.threshold));
            let x = (marker_x + 1).saturating_sub(label_width).max(area.x);
            buf.set_string(x, marker_row, left_label, self.theme.marker());
        }

        // The axis, ticked and labelled at each decade.
        let axis_end = layout.slot_x(layout.counts.len());
        for x in left..axis_end.min(area.width) {
            buf[(area.x + x, axis_row)]
                .set_char('─')
                .set_style(self.theme.border());
        }
        buf[(marker_x, axis_row)]
            .set_char('┼')
            .set_style(self.theme.marker());
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

        self.draw_marks(&layout, area, axis_row, buf);
    }
}

impl HistogramChart<'_> {
    /// Draws each mark's letter on the axis at its size, on the side of the threshold marker
    /// the size is on. A mark on a column already taken moves one column right, and marks
    /// outside the axis are left out. Marks are placed smallest first, so moving one right
    /// keeps their order.
    fn draw_marks(&self, layout: &Layout, area: Rect, axis_row: u16, buf: &mut Buffer) {
        let axis_start = layout.left;
        let axis_end = layout.slot_x(layout.counts.len()).min(area.width);
        let span =
            layout.first as f64..(layout.first + layout.counts.len() as i64 * layout.group) as f64;
        let marker_x = layout.marker_x();
        let mut taken = vec![marker_x];
        let mut marks = self.marks.to_vec();
        marks.sort_by_key(|mark| mark.threshold);
        for mark in &marks {
            let bins = threshold_bins(mark.threshold);
            if mark.threshold == self.threshold || !span.contains(&bins) {
                continue;
            }
            let mut x = layout.column_of(bins).round() as u16;
            if mark.threshold < self.threshold {
                x = x.min(marker_x.saturating_sub(1));
            } else {
                x = x.max(marker_x + 1);
            }
            while taken.contains(&x) {
                x += 1;
            }
            if x < axis_start || x >= axis_end {
                continue;
            }
            taken.push(x);
            buf[(area.x + x, axis_row)]
                .set_char(mark.letter)
                .set_style(self.theme.key());
        }
    }
}

/// One bar of a single class, `eighths` eighths of a row tall.
struct Bar {
    eighths: u64,
    class: Class,
}

impl Bar {
    fn new(eighths: u64, class: Class) -> Bar {
        Bar { eighths, class }
    }

    /// Draws one column of the bar upwards from `base` (exclusive): whole cells in the class's
    /// glyph, which is a pattern when the theme distinguishes classes by pattern, then the
    /// remaining eighths as an eighth-block in the class's colour. Every theme thus keeps
    /// heights to an eighth of a cell, and a bar of one or more models is at least one eighth
    /// tall.
    fn draw(&self, buf: &mut Buffer, x: u16, base: u16, theme: &Theme) {
        let full = (self.eighths / 8) as u16;
        let rest = (self.eighths % 8) as usize;
        let glyph = theme.bar_glyph(self.class);
        let style = theme.bar(self.class);
        for row in 0..full {
            buf[(x, base - 1 - row)].set_char(glyph).set_style(style);
        }
        if rest > 0 {
            buf[(x, base - 1 - full)]
                .set_char(EIGHTHS[rest])
                .set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

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
            marks: &[],
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

    /// Renders `totals` in the colour-blind theme, as text.
    fn color_blind(totals: &[u64], threshold: u64) -> String {
        let histogram = Histogram::from_sorted(totals);
        let slm = Histogram::from_sorted(&totals[..totals.partition_point(|&t| t < threshold)]);
        let theme = Theme::named(crate::tui::theme::ThemeName::ColorBlind, true);
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 10));
        HistogramChart {
            histogram: &histogram,
            slm: &slm,
            threshold,
            marks: &[],
            lang: Lang::En,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        (0..buf.area.height)
            .map(|y| row(&buf, y))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Returns the glyphs of column `x` of a rendered `screen`, top to bottom, without blanks.
    fn screen_column(screen: &str, x: usize) -> String {
        screen
            .lines()
            .filter_map(|line| line.chars().nth(x))
            .filter(|&c| c != ' ')
            .collect()
    }

    #[test]
    fn color_blind_bars_keep_eighths() {
        // Bins of 1, 30, 30 and 5 models in 7 rows: each cell is 30/7 models, so the bins of 1
        // and 5 must differ in height, and no bar may be inflated to a whole cell.
        let mut totals = vec![300_000_000];
        totals.extend([2_000_000_000; 30]);
        totals.extend([30_000_000_000; 30]);
        totals.extend([200_000_000_000; 5]);
        totals.sort_unstable();
        let screen = color_blind(&totals, 7_000_000_000);
        insta::assert_snapshot!("histogram_color_blind_eighths", screen);
        let columns: Vec<String> = (0..40)
            .map(|x| screen_column(&screen, x))
            .filter(|column| column.contains(|c| c == '█' || c == '▒' || EIGHTHS.contains(&c)))
            .filter(|column| !column.contains('│'))
            .collect();
        let mut distinct = columns.clone();
        distinct.dedup();
        // 1 model is 2 eighths, 30 are 56 (7 cells) and 5 are 10 (a cell and 2 eighths).
        assert_eq!(distinct, ["▂─", "███████─", "▒▒▒▒▒▒▒─", "▂▒─"], "{screen}");
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

    fn column(buf: &Buffer, x: u16, rows: std::ops::Range<u16>) -> String {
        rows.map(|y| buf[(x, y)].symbol().to_string()).collect()
    }

    #[test]
    fn bin_holding_the_threshold_splits_at_the_marker() {
        // 6B and 8B share the bin [5.6B, 10B), so a 7B threshold splits it one and one.
        for color in [true, false] {
            let buf = rendered(&[6_000_000_000, 8_000_000_000], 7_000_000_000, 40, 8, color);
            let theme = Theme::new(color);
            let marker_x = row(&buf, 0).chars().position(|c| c == '▼').unwrap() as u16;
            assert_eq!(column(&buf, marker_x, 1..6), "│││││", "marker line");
            assert_eq!(buf[(marker_x, 6)].symbol(), "┼", "marker on the axis");

            let slm = &buf[(marker_x - 1, 5)];
            let llm = &buf[(marker_x + 1, 5)];
            assert_eq!(slm.symbol(), theme.bar_glyph(Class::Slm).to_string());
            assert_eq!(llm.symbol(), theme.bar_glyph(Class::Llm).to_string());
            let fg = |class| theme.bar(class).fg.unwrap_or(Color::Reset);
            assert_eq!(slm.fg, fg(Class::Slm));
            assert_eq!(llm.fg, fg(Class::Llm));
            assert_ne!(
                (slm.symbol(), slm.fg),
                (llm.symbol(), llm.fg),
                "the two parts differ (colour: {color})"
            );
        }
    }

    #[test]
    fn marker_stays_visible_through_the_tallest_bar() {
        // The threshold falls in the tallest bin: the marker has its own column anyway.
        let mut totals = vec![200_000_000];
        totals.extend([7_500_000_000; 9]);
        let buf = rendered(&totals, 7_000_000_000, 60, 10, true);
        let marker_x = row(&buf, 0).chars().position(|c| c == '▼').unwrap() as u16;
        assert_eq!(column(&buf, marker_x, 1..8), "│││││││");
        assert_eq!(
            buf[(marker_x, 1)].style().fg,
            Theme::new(true).marker().fg,
            "drawn in the marker style"
        );
        assert_eq!(
            column(&buf, marker_x + 1, 1..8),
            "███████",
            "the LLM part is full height beside the marker"
        );
    }

    #[test]
    fn small_slm_part_is_not_rounded_away() {
        // One SLM model among twenty in the straddling bin: 2 eighths of a cell in 5 rows, so
        // the bin is not shown as LLM only, and the LLM part's top keeps its partial cell.
        let mut totals = vec![6_000_000_000];
        totals.extend([8_000_000_000; 19]);
        let buf = rendered(&totals, 7_000_000_000, 40, 8, false);
        let marker_x = row(&buf, 0).chars().position(|c| c == '▼').unwrap() as u16;
        let slm = column(&buf, marker_x - 1, 1..6);
        assert_eq!(slm, "    ▂", "a two-eighths SLM bar: {slm:?}");
        let llm = column(&buf, marker_x + 1, 1..6);
        assert_eq!(llm, "▆▒▒▒▒", "{llm:?}");
    }

    #[test]
    fn slots_after_the_threshold_shift_right() {
        // 10B and 20B sit in the bins right after the threshold's bin: nothing may overlap
        // the marker, and the axis still ticks each decade.
        let buf = rendered(
            &[200_000_000, 10_000_000_000, 20_000_000_000],
            7_000_000_000,
            40,
            8,
            false,
        );
        let marker_x = row(&buf, 0).chars().position(|c| c == '▼').unwrap();
        let bottom = row(&buf, 5);
        let first_llm = bottom.chars().position(|c| c == '▒').unwrap();
        assert!(first_llm > marker_x + 1, "{bottom:?}");
        let axis = row(&buf, 6);
        assert_eq!(
            axis.chars().nth(first_llm),
            Some('┴'),
            "the 10B bin starts at the 10B tick: {axis:?}"
        );
        let labels = row(&buf, 7);
        for label in ["100M", "1B", "10B", "100B"] {
            assert!(labels.contains(label), "{labels:?} lacks {label}");
        }
    }

    #[test]
    fn narrow_area_groups_bins_and_keeps_the_marker() {
        // Nine decades of bins in 30 columns are grouped in pairs, so 1M and 1.8M, one model
        // per bin, share a slot of two: the count label is the slot's, not the bin's.
        let totals = [
            1_000,
            1_000_000,
            1_800_000,
            100_000_000,
            7_500_000_000,
            1_000_000_000_000,
        ];
        let buf = rendered(&totals, 7_000_000_000, 30, 8, true);
        assert!(row(&buf, 0).contains('▼'), "{:?}", row(&buf, 0));
        assert!(
            row(&buf, 1).starts_with('2'),
            "grouped count: {:?}",
            row(&buf, 1)
        );
        let bars = (1..6).map(|y| row(&buf, y)).collect::<Vec<_>>().join("|");
        assert!(bars.contains('█'), "{bars}");
    }

    #[test]
    fn marks_sit_on_the_axis_beside_the_threshold() {
        let totals = [200_000_000, 3_000_000_000, 70_000_000_000];
        let histogram = Histogram::from_sorted(&totals);
        let slm = Histogram::from_sorted(&totals[..2]);
        let theme = Theme::new(true);
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 8));
        let marks = [
            Mark {
                threshold: 1_000_000_000,
                letter: 'N',
            },
            Mark {
                threshold: 20_000_000_000,
                letter: 'V',
            },
            Mark {
                threshold: 7_000_000_000,
                letter: 'P',
            },
        ];
        HistogramChart {
            histogram: &histogram,
            slm: &slm,
            threshold: 7_000_000_000,
            marks: &marks,
            lang: Lang::En,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let axis = row(&buf, 6);
        let position = |c: char| axis.chars().position(|x| x == c);
        let marker = position('┼').unwrap();
        // N replaces the 1B tick, so the 1B label is centred under it.
        let n = position('N').unwrap();
        assert!(n < marker, "{axis:?}");
        let labels: Vec<char> = row(&buf, 7).chars().collect();
        assert_eq!(
            labels[n - 1..=n].iter().collect::<String>(),
            "1B",
            "{axis:?}"
        );
        let v = position('V').unwrap();
        assert!(v > marker, "{axis:?}");
        assert_eq!(
            position('P'),
            None,
            "the threshold marker hides a mark at the threshold"
        );
        assert_eq!(buf[(n as u16, 6)].style().fg, theme.key().fg);
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
