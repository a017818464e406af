//! The tour's frame: the step row, the caption in a thick frame, the step's pane, and the split
//! with the tour's keys at the bottom, with the help popup over the pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Wrap};

use super::{Caption, Step, Tour};
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::tui::action::Context;
use crate::tui::format::wrap;
use crate::tui::panes::{self, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::status_bar::StatusBar;

/// The smallest terminal the tour is laid out for: the explorer's width, and room for the
/// caption above a pane.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// Rows the pane keeps whatever the length of the caption.
const PANE_MIN_HEIGHT: u16 = 12;
/// Cells of the key column in the help popup.
const KEYS_WIDTH: usize = 24;

pub fn draw(frame: &mut Frame, tour: &mut Tour) {
    let area = frame.area();
    tour.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    if tour.too_small {
        draw_too_small(frame, area, tour.lang);
        return;
    }
    let caption = tour.caption().clone();
    let Tour {
        data,
        lang,
        theme,
        keymap,
        step,
        threshold,
        threshold_pane,
        tasks,
        benchmarks,
        trends,
        help,
        tags,
        ..
    } = tour;
    let view = View {
        data,
        lang: *lang,
        theme,
        threshold: *threshold,
        keymap,
        tags,
    };

    // The step row, the caption's two borders and the status bar's two rows.
    let caption_budget = area.height.saturating_sub(1 + 2 + 2 + PANE_MIN_HEIGHT);
    let caption_lines = caption_lines(&caption, *step, area.width, caption_budget, &view);
    let [step_row, caption_area, body, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(caption_lines.len() as u16 + 2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);

    draw_steps(frame, step_row, *step, &view);
    frame.render_widget(
        Paragraph::new(caption_lines).block(
            Block::new()
                .borders(Borders::ALL)
                .border_type(BorderType::Thick)
                .border_style(theme.marker())
                .padding(Padding::horizontal(1)),
        ),
        caption_area,
    );
    match step {
        Step::Threshold => panes::threshold::render(frame, body, threshold_pane, &view),
        Step::Benchmarks => panes::benchmarks::render(frame, body, benchmarks, &view),
        Step::Tasks => panes::tasks::render(frame, body, tasks, &view),
        Step::Trends => panes::trends::render(frame, body, trends, &view),
    }
    frame.render_widget(
        StatusBar {
            summary: summary(&view),
            hints: keymap.hints(Context::Tour, *lang),
            pinned: Vec::new(),
            pinned_if_room: Vec::new(),
            notice: None,
            theme,
        },
        status_area,
    );
    if *help {
        draw_help(frame, body, &view);
    }
}

/// Lays the caption out in `width` columns: the question, the headline, then as many detail
/// lines as `budget` rows leave. The question and the headline are always drawn, cut if needed.
fn caption_lines(
    caption: &Caption,
    step: Step,
    width: u16,
    budget: u16,
    view: &View,
) -> Vec<Line<'static>> {
    let theme = view.theme;
    // Two border columns and two padding columns.
    let text_width = width.saturating_sub(4) as usize;
    let styled = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, text_width)
            .into_iter()
            .map(|line| Line::styled(line, style))
            .collect()
    };
    let mut lines = styled(step.question(view.lang), theme.header());
    lines.extend(styled(&caption.headline, headline_style(theme)));
    let budget = (budget as usize).max(2);
    lines.truncate(budget);
    for detail in &caption.details {
        let detail = styled(detail, Style::new());
        if lines.len() + detail.len() > budget {
            break;
        }
        lines.extend(detail);
    }
    lines
}

/// Returns the headline's style: bold in the text colour, the strongest contrast the theme has.
fn headline_style(theme: &Theme) -> Style {
    theme.label()
}

/// Draws the step counter, then every step with its digit and pane, the current one marked.
fn draw_steps(frame: &mut Frame, area: Rect, current: Step, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let mut spans = vec![Span::styled(
        format!(" {}/{} ", current.index() + 1, Step::ALL.len()),
        theme.tab_active(),
    )];
    for step in Step::ALL {
        let style = if step == current {
            theme.label()
        } else {
            theme.muted()
        };
        spans.push(Span::raw("  "));
        spans.push(Span::styled((step.index() + 1).to_string(), theme.key()));
        spans.push(Span::styled(format!(" {}", step.pane_title(lang)), style));
    }
    let line = Line::from(spans);
    let brand = Span::styled("slmscope tour", theme.muted());
    let fits_brand = line.width() + brand.width() + 2 <= area.width as usize;
    frame.render_widget(line, area);
    if fits_brand {
        frame.render_widget(Line::from(brand).right_aligned(), area);
    }
}

/// Builds the status line: the split at the tour's threshold, as the explorer writes it.
fn summary(view: &View) -> Line<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let mut spans = vec![
        Span::styled(lang.pick("Threshold ", "Seuil "), theme.label()),
        Span::styled(format_params(view.threshold), theme.marker()),
    ];
    spans.extend(crate::tui::ui::class_counts(&view.split(), view));
    Line::from(spans)
}

/// Draws the tour's keys, from the keymap, in a popup over the pane.
fn draw_help(frame: &mut Frame, area: Rect, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let [popup] = Layout::horizontal([Constraint::Max(80)])
        .flex(Flex::Center)
        .areas(area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", Context::Tour.title(lang)),
            theme.header(),
        ))
        .title_bottom(
            Line::styled(
                lang.pick(" Esc or ? closes ", " Échap ou ? ferme "),
                theme.muted(),
            )
            .right_aligned(),
        );
    let text_width = (block.inner(popup).width as usize)
        .saturating_sub(KEYS_WIDTH + 1)
        .max(10);
    let mut lines = Vec::new();
    for entry in view.keymap.help_lines(Context::Tour, lang) {
        for (index, chunk) in wrap(entry.text, text_width).into_iter().enumerate() {
            let keys = if index == 0 { entry.keys.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<KEYS_WIDTH$} "), theme.key()),
                Span::raw(chunk),
            ]));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn draw_too_small(frame: &mut Frame, area: Rect, lang: Lang) {
    let text = match lang {
        Lang::En => format!(
            "The terminal is {}×{}; the tour needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press q to leave.",
            area.width, area.height
        ),
        Lang::Fr => format!(
            "Le terminal fait {}×{} ; la visite demande au moins {MIN_WIDTH}×{MIN_HEIGHT}. Agrandissez-le, ou q pour quitter.",
            area.width, area.height
        ),
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
