//! The chart view of a set: score against total parameters on a log10 axis, SLMs and LLMs in
//! their class colours, the threshold as a vertical line and the frontier as a step line with
//! its models marked ◆. The selected result is marked ● and named under the chart.
//!
//! The points are braille dots on a ratatui `Canvas`. The axes, their labels and the marks are
//! drawn around it by this module, at the cells the canvas uses for the same coordinates, so a
//! tick labelled 10B sits exactly where a 10B model is drawn.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};

use super::table::FRONTIER_MARK;
use super::{BenchmarksState, SetVerdicts, score_text};
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;
use crate::tui::class::Class;
use crate::tui::format::optional_params;
use crate::tui::panes::View;

/// Rows of the x axis under the plot: the axis line and its labels.
const AXIS_ROWS: u16 = 2;
/// The smallest plot worth drawing, in rows.
const MIN_PLOT_ROWS: u16 = 3;
/// The mark of the selected result.
const SELECTED_MARK: &str = "●";

/// A result that can be placed: a finite score and a known, non-zero size.
struct Point {
    result: usize,
    /// log10 of the total parameters.
    x: f64,
    score: f64,
    class: Class,
}

/// The data coordinates of the plot and the cells they map to, as the canvas maps them.
struct Plot {
    area: Rect,
    x_bounds: [f64; 2],
    y_bounds: [f64; 2],
}

impl Plot {
    /// Returns the cell of a data point, with the rounding of `ratatui`'s canvas painter (two
    /// braille dots per column, four per row).
    fn cell(&self, x: f64, y: f64) -> Option<(u16, u16)> {
        let [left, right] = self.x_bounds;
        let [bottom, top] = self.y_bounds;
        if !(left..=right).contains(&x) || !(bottom..=top).contains(&y) {
            return None;
        }
        let dots_x = f64::from(self.area.width) * 2.0 - 1.0;
        let dots_y = f64::from(self.area.height) * 4.0 - 1.0;
        let dot_x = ((x - left) * dots_x / (right - left)).round() as u16;
        let dot_y = ((top - y) * dots_y / (top - bottom)).round() as u16;
        Some((self.area.x + dot_x / 2, self.area.y + dot_y / 4))
    }
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &mut BenchmarksState,
    verdicts: &SetVerdicts,
    view: &View,
) {
    let (lang, theme) = (view.lang, view.theme);
    let results = view.data.benchmarks.results();
    let threshold = view.threshold;
    let points: Vec<Point> = state
        .rows
        .iter()
        .filter_map(|&index| {
            let result = &results[index];
            let size = result.size().filter(|&size| size > 0)?;
            result.score.is_finite().then(|| Point {
                result: index,
                x: (size as f64).log10(),
                score: result.score,
                class: Class::of(Some(size), threshold),
            })
        })
        .collect();
    let left_out = state.rows.len() - points.len();
    if !state.rows.is_empty() {
        state.cursor.selected = state.cursor.selected.min(state.rows.len() - 1);
    }
    let selected = state.selected_result();

    let [plot_area, legend_row, selected_row] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(legend(left_out, legend_row.width, view), legend_row);
    frame.render_widget(selected_line(selected, &points, view), selected_row);

    if points.is_empty() {
        let text = lang.pick(
            "No result of this set has a known size, so none can be placed on the chart.",
            "Aucun résultat de ce jeu n'a de taille connue : aucun ne peut être placé.",
        );
        frame.render_widget(Line::styled(text, theme.muted()), plot_area);
        return;
    }
    if plot_area.height < AXIS_ROWS + MIN_PLOT_ROWS {
        return;
    }

    let log_threshold = (threshold.max(1) as f64).log10();
    let x_min = points.iter().map(|p| p.x).fold(log_threshold, f64::min);
    let x_max = points.iter().map(|p| p.x).fold(log_threshold, f64::max);
    let x_bounds = decade_bounds(x_min, x_max);
    let score_min = points.iter().map(|p| p.score).fold(f64::INFINITY, f64::min);
    let score_max = points
        .iter()
        .map(|p| p.score)
        .fold(f64::NEG_INFINITY, f64::max);
    let y_bounds = nice_bounds(score_min, score_max);

    let y_ticks = y_ticks(y_bounds, lang);
    let gutter = y_ticks
        .iter()
        .map(|(_, label)| label.chars().count() as u16)
        .max()
        .unwrap_or(0);
    let [y_label_area, axis_column, canvas_column] = Layout::horizontal([
        Constraint::Length(gutter),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(plot_area);
    let [canvas_area, x_axis_row, x_label_row] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(AXIS_ROWS - 1),
        Constraint::Length(1),
    ])
    .areas(canvas_column);
    let plot = Plot {
        area: canvas_area,
        x_bounds,
        y_bounds,
    };

    draw_canvas(frame, &plot, &points, verdicts, log_threshold, view);
    let buffer = frame.buffer_mut();
    draw_marks(buffer, &plot, &points, verdicts, selected, view);
    draw_y_axis(buffer, &plot, y_label_area, axis_column, &y_ticks, view);
    draw_x_axis(buffer, &plot, axis_column, x_axis_row, x_label_row, view);
}

/// Returns whole decades around `[min, max]`, at least one decade wide.
fn decade_bounds(min: f64, max: f64) -> [f64; 2] {
    let low = min.floor();
    let high = max.ceil().max(low + 1.0);
    [low, high]
}

/// Returns bounds around `[min, max]` rounded to tens, units or tenths, whichever fits the
/// spread of the scores. A spread below a tenth of the scores' magnitude counts as that tenth,
/// so a single score gets bounds around it rather than a range too thin to label.
fn nice_bounds(min: f64, max: f64) -> [f64; 2] {
    let magnitude = min.abs().max(max.abs());
    let spread = (max - min).max(magnitude / 10.0);
    let step = if spread >= 10.0 {
        10.0
    } else if spread >= 1.0 {
        1.0
    } else {
        0.1
    };
    // The tolerance keeps a score such as 57.3 from landing on 57.2 or 57.4 through rounding.
    const TOLERANCE: f64 = 1e-9;
    let low = (min / step + TOLERANCE).floor() * step;
    let high = ((max / step - TOLERANCE).ceil() * step).max(low + step);
    [low, high]
}

/// Returns the ticks of the y axis with their labels: the top bound, the middle and the bottom.
fn y_ticks(bounds: [f64; 2], lang: Lang) -> [(f64, String); 3] {
    let [low, high] = bounds;
    let middle = if high - low >= 10.0 {
        ((low + high) / 2.0).round()
    } else {
        (low + high) / 2.0
    };
    [high, middle, low].map(|value| (value, axis_number(value, lang)))
}

/// Formats an axis value: `90` for a whole number, `0.550` for others, as a score.
fn axis_number(value: f64, lang: Lang) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{:.0}", value.round())
    } else {
        score_text(value, lang)
    }
}

fn color_of(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

/// Draws the threshold line, the frontier's step line and the points, in that order, so the
/// points stay visible over the lines.
fn draw_canvas(
    frame: &mut Frame,
    plot: &Plot,
    points: &[Point],
    verdicts: &SetVerdicts,
    log_threshold: f64,
    view: &View,
) {
    let theme = view.theme;
    let [bottom, top] = plot.y_bounds;
    let [_, right] = plot.x_bounds;
    let mut frontier: Vec<(f64, f64)> = points
        .iter()
        .filter(|point| verdicts.on_frontier(point.result))
        .map(|point| (point.x, point.score))
        .collect();
    frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Classes with a glyph of their own are written by `draw_marks` instead.
    let class_points = |class: Class| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|point| point.class == class && theme.point_glyph(class).is_none())
            .map(|point| (point.x, point.score))
            .collect()
    };
    let slm = class_points(Class::Slm);
    let llm = class_points(Class::Llm);

    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(plot.x_bounds)
        .y_bounds(plot.y_bounds)
        .paint(|context| {
            context.draw(&CanvasLine {
                x1: log_threshold,
                y1: bottom,
                x2: log_threshold,
                y2: top,
                color: color_of(theme.marker()),
            });
            context.layer();
            // Along the frontier, sorted by size: across to the next model's size, then up
            // to its score, and across to the right edge after the last one.
            let color = color_of(theme.frontier());
            for (index, &(x, y)) in frontier.iter().enumerate() {
                let next_x = frontier.get(index + 1).map_or(right, |&(next, _)| next);
                context.draw(&CanvasLine {
                    x1: x,
                    y1: y,
                    x2: next_x,
                    y2: y,
                    color,
                });
                if let Some(&(next_x, next_y)) = frontier.get(index + 1) {
                    context.draw(&CanvasLine {
                        x1: next_x,
                        y1: y,
                        x2: next_x,
                        y2: next_y,
                        color,
                    });
                }
            }
            context.layer();
            context.draw(&Points {
                coords: &slm,
                color: color_of(theme.bar(Class::Slm)),
            });
            context.draw(&Points {
                coords: &llm,
                color: color_of(theme.bar(Class::Llm)),
            });
        });
    frame.render_widget(canvas, plot.area);
}

/// Writes the points of classes drawn with a glyph of their own, then ◆ over the frontier models
/// and ● over the selected result.
fn draw_marks(
    buffer: &mut Buffer,
    plot: &Plot,
    points: &[Point],
    verdicts: &SetVerdicts,
    selected: Option<usize>,
    view: &View,
) {
    let theme = view.theme;
    for point in points {
        let glyph = theme.point_glyph(point.class);
        if let (Some(glyph), Some(cell)) = (glyph, plot.cell(point.x, point.score)) {
            buffer[cell]
                .set_char(glyph)
                .set_style(theme.bar(point.class));
        }
    }
    for point in points {
        if !verdicts.on_frontier(point.result) {
            continue;
        }
        if let Some(cell) = plot.cell(point.x, point.score) {
            buffer[cell]
                .set_symbol(FRONTIER_MARK)
                .set_style(theme.frontier());
        }
    }
    let chosen = points.iter().find(|point| Some(point.result) == selected);
    if let Some((point, cell)) =
        chosen.and_then(|point| Some((point, plot.cell(point.x, point.score)?)))
    {
        buffer[cell]
            .set_symbol(SELECTED_MARK)
            .set_style(theme.class(point.class).patch(theme.label()));
    }
}

/// Draws the y axis with its three labels, each on the row where its value is drawn.
fn draw_y_axis(
    buffer: &mut Buffer,
    plot: &Plot,
    label_area: Rect,
    axis_column: Rect,
    ticks: &[(f64, String); 3],
    view: &View,
) {
    let theme = view.theme;
    for y in plot.area.top()..plot.area.bottom() {
        buffer[(axis_column.x, y)]
            .set_symbol("│")
            .set_style(theme.border());
    }
    let left = plot.x_bounds[0];
    for (value, label) in ticks {
        let Some((_, row)) = plot.cell(left, *value) else {
            continue;
        };
        buffer[(axis_column.x, row)]
            .set_symbol("┤")
            .set_style(theme.border());
        let x = label_area
            .right()
            .saturating_sub(label.chars().count() as u16);
        buffer.set_string(x, row, label, theme.muted());
    }
}

/// Draws the x axis with a tick and a label at each decade (100M, 1B, 10B…), leaving out a
/// label that would touch the one before it.
fn draw_x_axis(
    buffer: &mut Buffer,
    plot: &Plot,
    axis_column: Rect,
    axis_row: Rect,
    label_row: Rect,
    view: &View,
) {
    let theme = view.theme;
    buffer[(axis_column.x, axis_row.y)]
        .set_symbol("└")
        .set_style(theme.border());
    for x in axis_row.left()..axis_row.right() {
        buffer[(x, axis_row.y)]
            .set_symbol("─")
            .set_style(theme.border());
    }
    let [low, high] = plot.x_bounds;
    let bottom = plot.y_bounds[0];
    let mut free_from = label_row.left();
    for decade in (low as i32)..=(high as i32) {
        let Some((column, _)) = plot.cell(f64::from(decade), bottom) else {
            continue;
        };
        buffer[(column, axis_row.y)]
            .set_symbol("┬")
            .set_style(theme.border());
        let label = format_params(10u64.pow(decade.clamp(0, 18) as u32));
        let width = label.chars().count() as u16;
        let start = column
            .saturating_sub(width / 2)
            .clamp(label_row.left(), label_row.right().saturating_sub(width));
        if start < free_from {
            continue;
        }
        buffer.set_string(start, label_row.y, &label, theme.muted());
        free_from = start + width + 1;
    }
}

/// Builds the legend: `⣿ SLM  ⣿ LLM  ◆ frontier  │ threshold 7B · 2 not drawn: unknown size`.
/// On a narrow terminal the frontier key goes first, then the threshold, so the count of
/// results left out stays whole.
fn legend(left_out: usize, width: u16, view: &View) -> Line<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let classes = vec![
        Span::styled(
            format!("{} ", theme.point_key(Class::Slm)),
            theme.bar(Class::Slm),
        ),
        Span::styled("SLM  ", theme.slm()),
        Span::styled(
            format!("{} ", theme.point_key(Class::Llm)),
            theme.bar(Class::Llm),
        ),
        Span::styled("LLM  ", theme.llm()),
    ];
    let frontier = vec![
        Span::styled(format!("{FRONTIER_MARK} "), theme.frontier()),
        Span::styled(lang.pick("frontier  ", "frontière  "), theme.muted()),
    ];
    let threshold = vec![
        Span::styled("│ ", theme.marker()),
        Span::styled(
            format!(
                "{} {} ",
                lang.pick("threshold", "seuil"),
                format_params(view.threshold)
            ),
            theme.muted(),
        ),
    ];
    let mut left_out_part = Vec::new();
    if left_out > 0 {
        let count = lang.int(left_out as u64);
        let text = match (lang, left_out) {
            (Lang::En, _) => format!("· {count} not drawn: unknown size"),
            (Lang::Fr, 1) => format!("· {count} non placé : taille inconnue"),
            (Lang::Fr, _) => format!("· {count} non placés : taille inconnue"),
        };
        left_out_part.push(Span::styled(text, theme.unknown()));
    }

    let width = width as usize;
    let variants = [
        [&classes, &frontier, &threshold, &left_out_part],
        [&classes, &Vec::new(), &threshold, &left_out_part],
        [&classes, &Vec::new(), &Vec::new(), &left_out_part],
    ];
    let line_of = |parts: [&Vec<Span<'static>>; 4]| -> Line<'static> {
        Line::from(parts.into_iter().flatten().cloned().collect::<Vec<_>>())
    };
    variants
        .into_iter()
        .map(line_of)
        .find(|line| line.width() <= width)
        .unwrap_or_else(|| line_of([&classes, &Vec::new(), &Vec::new(), &left_out_part]))
}

/// Describes the selected result, `● Qwen2.5-Coder-7B  7.6B  88.0  LLM`, marked `(not drawn)`
/// when it cannot be placed.
fn selected_line(selected: Option<usize>, points: &[Point], view: &View) -> Line<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let Some(index) = selected else {
        return Line::raw("");
    };
    let result = &view.data.benchmarks.results()[index];
    let class = Class::of(result.size(), view.threshold);
    let mut spans = vec![
        Span::styled(format!("{SELECTED_MARK} "), theme.class(class)),
        Span::styled(clean_truncated(&result.model, 48), theme.label()),
        Span::raw(format!("  {}  ", optional_params(result.size()))),
        Span::styled(score_text(result.score, lang), theme.label()),
        Span::raw("  "),
        Span::styled(class.label(lang), theme.class(class)),
    ];
    if !points.iter().any(|point| point.result == index) {
        spans.push(Span::styled(
            lang.pick("  (not drawn)", "  (non placé)"),
            theme.muted(),
        ));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_of_spread_scores_round_to_tens() {
        assert_eq!(nice_bounds(20.0, 90.0), [20.0, 90.0]);
        assert_eq!(nice_bounds(12.3, 88.4), [10.0, 90.0]);
    }

    #[test]
    fn bounds_of_one_score_surround_it() {
        assert_eq!(nice_bounds(57.3, 57.3), [57.0, 58.0]);
        let [low, high] = nice_bounds(0.55, 0.55);
        assert!(
            (low - 0.5).abs() < 1e-9 && (high - 0.6).abs() < 1e-9,
            "{low} {high}"
        );
        assert_eq!(nice_bounds(0.0, 0.0), [0.0, 0.1]);
    }

    #[test]
    fn decades_cover_the_sizes() {
        assert_eq!(decade_bounds(8.7, 10.8), [8.0, 11.0]);
        assert_eq!(decade_bounds(9.0, 9.0), [9.0, 10.0]);
    }

    #[test]
    fn axis_numbers_drop_needless_decimals() {
        assert_eq!(axis_number(90.0, Lang::En), "90");
        assert_eq!(axis_number(57.5, Lang::Fr), "57,5");
    }
}
