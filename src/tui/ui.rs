//! The frame: the tab bar, the focused pane, the status bar and the help popup over them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::{Context, hints};
use super::app::{App, Overlay, Tab};
use super::class::Class;
use super::panes::{self, View};
use super::widgets::status_bar::StatusBar;
use crate::analysis::format_params;
use crate::i18n::Lang;

/// The smallest terminal the panes are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app.lang);
        return;
    }
    let [tabs_row, body, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);

    let context = app.context();
    let threshold = app.effective_threshold();
    let applied = app.threshold;
    let App {
        data,
        lang,
        theme,
        tab,
        overlay,
        search,
        threshold_pane,
        tasks,
        benchmarks,
        ..
    } = app;
    let view = View {
        data,
        lang: *lang,
        theme,
        threshold,
    };

    draw_tabs(frame, tabs_row, *tab, &view);
    match tab {
        Tab::Search => panes::search::render(frame, body, search, &view),
        Tab::Threshold => panes::threshold::render(frame, body, threshold_pane, &view),
        Tab::Tasks => panes::tasks::render(frame, body, tasks, &view),
        Tab::Benchmarks => panes::benchmarks::render(frame, body, benchmarks, &view),
    }
    draw_status(frame, status_area, context, applied, &view);
    if let Overlay::Help(scroll) = overlay {
        panes::help::render(frame, body, scroll, *tab, &view);
    }
}

fn draw_tabs(frame: &mut Frame, area: Rect, current: Tab, view: &View) {
    let theme = view.theme;
    let mut spans = vec![Span::styled("slmscope ", theme.label())];
    for (index, tab) in Tab::ALL.into_iter().enumerate() {
        let text = format!(" {} {} ", index + 1, tab.title(view.lang));
        let style = if tab == current {
            theme.tab_active()
        } else {
            theme.muted()
        };
        spans.push(Span::styled(text, style));
    }
    let used: usize = spans.iter().map(|span| span.content.chars().count()).sum();
    frame.render_widget(Line::from(spans), area);

    let count = panes::models_count(view.lang, view.data.index.len() as u64);
    if used + count.chars().count() + 2 <= area.width as usize {
        frame.render_widget(Line::styled(count, theme.muted()).right_aligned(), area);
    }
}

fn draw_status(frame: &mut Frame, area: Rect, context: Context, applied: u64, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let split = view.split();
    let mut summary = vec![
        Span::styled(lang.pick("Threshold ", "Seuil "), theme.label()),
        Span::styled(format_params(view.threshold), theme.marker()),
    ];
    if view.threshold != applied {
        summary.push(Span::styled(
            match lang {
                Lang::En => format!(" (preview; applied {})", format_params(applied)),
                Lang::Fr => format!(" (aperçu ; appliqué {})", format_params(applied)),
            },
            theme.muted(),
        ));
    }
    summary.extend([
        Span::styled(" │ ", theme.border()),
        Span::styled("SLM ", theme.slm()),
        Span::raw(lang.int(split.slm.count)),
        Span::styled(" │ ", theme.border()),
        Span::styled("LLM ", theme.llm()),
        Span::raw(lang.int(split.llm.count)),
        Span::styled(" │ ", theme.border()),
        Span::styled(
            format!("{} ", Class::Unknown.count_label(lang, split.unknown.count)),
            theme.unknown(),
        ),
        Span::raw(lang.int(split.unknown.count)),
    ]);
    let pinned = if context.inherits_global() {
        hints(Context::Global, lang)
    } else {
        Vec::new()
    };
    frame.render_widget(
        StatusBar {
            summary: Line::from(summary),
            hints: hints(context, lang),
            pinned,
            theme,
        },
        area,
    );
}

fn draw_too_small(frame: &mut Frame, area: Rect, lang: Lang) {
    let text = match lang {
        Lang::En => format!(
            "The terminal is {}×{}; slmscope needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press q to quit.",
            area.width, area.height
        ),
        Lang::Fr => format!(
            "Le terminal fait {}×{} ; slmscope demande au moins {MIN_WIDTH}×{MIN_HEIGHT}. Agrandissez-le, ou q pour quitter.",
            area.width, area.height
        ),
    };
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
