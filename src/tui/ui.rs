//! The frame: the tab bar, the focused pane, the sync gauge while a sync runs, the status bar
//! and the help popup over them.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};

use super::action::{Action, Context, HISTOGRAM_HINT, HelpLine, Keymap, PinnedHints, SWEEP_HINT};
use super::app::{App, Notice, Overlay, RunningSync, Tab};
use super::class::Class;
use super::load::{LoadStage, Loader};
use super::panes::threshold_tools::ChartView;
use super::panes::{self, View};
use super::theme::Theme;
use super::widgets::status_bar::StatusBar;
use crate::analysis::{Split, format_params};
use crate::i18n::Lang;
use crate::sanitize::clean;

/// Cells of the sync gauge's line, after its counts.
const GAUGE_LINE_WIDTH: u16 = 16;

/// The smallest terminal the panes are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    app.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    if app.too_small {
        draw_too_small(frame, area, app.lang);
        return;
    }
    let gauge_height = u16::from(app.sync.is_some());
    let [tabs_row, body, gauge_row, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(gauge_height),
        Constraint::Length(2),
    ])
    .areas(area);

    let context = app.context();
    let threshold = app.effective_threshold();
    let applied = app.threshold;
    let esc_stops_sync = app.esc_cancels_sync();
    let filtered = (!app.filter.is_empty()).then(|| FilterStatus {
        description: app.filter.short_description(app.lang),
        cached: app.cached_models().len() as u64,
    });
    let status = StatusState {
        context,
        applied,
        pinned: app.keymap.pinned_hints(app.is_syncing(), app.lang),
        notice: app.notice.clone().or_else(|| app.export_progress()),
        filters: filtered.as_ref().map(|filters| filters.description.clone()),
        synthetic: app.synthetic_models,
        sweep_shown: app.threshold_pane.chart == ChartView::Sweep,
    };
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
        trends,
        compare,
        sync,
        filter_form,
        export_prompt,
        keymap,
        tab_hits,
        tags,
        ..
    } = app;
    let view = View {
        data,
        lang: *lang,
        theme,
        keymap,
        threshold,
        tags,
    };

    *tab_hits = draw_tabs(frame, tabs_row, *tab, &view, filtered.as_ref());
    let nothing_kept = filtered.as_ref().filter(|_| view.data.index.is_empty());
    match tab {
        Tab::Benchmarks => panes::benchmarks::render(frame, body, benchmarks, &view),
        _ if nothing_kept.is_some() => {
            let cached = nothing_kept.map_or(0, |filters| filters.cached);
            panes::filter::render_nothing_kept(frame, body, cached, &view);
        }
        Tab::Search => panes::search::render(frame, body, search, &view),
        Tab::Threshold => panes::threshold::render(frame, body, threshold_pane, &view),
        Tab::Tasks => panes::tasks::render(frame, body, tasks, &view),
        Tab::Trends => panes::trends::render(frame, body, trends, &view),
        Tab::Compare => {
            let ids = search.id_search.shared_ids();
            panes::compare::render(frame, body, compare, ids, &view)
        }
    }
    if let Some(running) = sync {
        draw_gauge(frame, gauge_row, running, esc_stops_sync, &view);
    }
    draw_status(frame, status_area, status, &view);
    if let Overlay::Help(scroll) = overlay {
        panes::help::render(frame, body, scroll, *tab, &view);
    }
    if let Some(form) = filter_form {
        panes::filter::render(frame, body, form, &view);
    }
    if let Some(prompt) = export_prompt {
        panes::export_prompt::render(frame, body, prompt, &view);
    }
}

/// The part of an applied filter that the tab row and the status bar show.
struct FilterStatus {
    /// The criteria in short form, as stored: clean before drawing.
    description: String,
    /// Every cached model, before the filter.
    cached: u64,
}

/// Draws the tab row and returns where each tab's title landed.
fn draw_tabs(
    frame: &mut Frame,
    area: Rect,
    current: Tab,
    view: &View,
    filtered: Option<&FilterStatus>,
) -> Vec<(Rect, Tab)> {
    let theme = view.theme;
    let shown = view.data.index.len() as u64;
    let lang = view.lang;
    // The model count in words, then in figures alone when the words do not fit.
    let counts = match filtered {
        Some(filters) => [
            panes::filter::kept_count(lang, shown, filters.cached),
            format!("{}/{}", lang.int(shown), lang.int(filters.cached)),
        ],
        None => [panes::models_count(lang, shown), lang.int(shown)],
    };
    let width = area.width as usize;
    // The roomiest layout that leaves space for the model count: with the name and two spaces
    // between tabs, then without the name, then with one space.
    let layouts = [(true, "  "), (false, "  "), (false, " ")];
    let tabs_line = |brand: bool, gap: &str| -> Line<'static> {
        let mut spans = Vec::new();
        if brand {
            spans.push(Span::styled("slmscope ", theme.label()));
        }
        for tab in Tab::ALL {
            let text = format!("{}{} {}", gap, tab.digit(), tab.title(lang));
            let style = if tab == current {
                theme.tab_active()
            } else {
                theme.muted()
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    };
    let fitting = counts.iter().find_map(|count| {
        layouts
            .iter()
            .map(|(brand, gap)| tabs_line(*brand, gap))
            .find(|line| line.width() + count.chars().count() + 2 <= width)
            .map(|line| (line, count))
    });
    let line = match fitting {
        Some((line, count)) => {
            frame.render_widget(line.clone(), area);
            // A styled span, not a styled line: a line's style would recolour the whole row,
            // the focused tab included.
            frame.render_widget(
                Line::from(Span::styled(count.clone(), theme.muted())).right_aligned(),
                area,
            );
            line
        }
        None => {
            let line = tabs_line(false, " ");
            frame.render_widget(line.clone(), area);
            line
        }
    };
    // The tabs are the last spans, after the name when it is shown.
    let first_tab = line.spans.len() - Tab::ALL.len();
    let mut x = area.x;
    let mut hits = Vec::new();
    for (index, span) in line.spans.iter().enumerate() {
        let width = (span.width() as u16).min(area.right().saturating_sub(x));
        if index >= first_tab && width > 0 {
            hits.push((Rect::new(x, area.y, width, 1), Tab::ALL[index - first_tab]));
        }
        x += width;
    }
    hits
}

/// What the status bar shows besides the split.
struct StatusState {
    context: Context,
    /// The applied threshold, in parameters.
    applied: u64,
    pinned: PinnedHints,
    notice: Option<Notice>,
    /// The applied filter in short form, when one is applied.
    filters: Option<String>,
    /// Cached models that `slmscope synth` generated; shown when there are any.
    synthetic: u64,
    /// The Threshold tab shows the sweep rather than the histogram.
    sweep_shown: bool,
}

/// One row: the models stored out of the limit and a line filling up to it, then the pages,
/// the client's wait message or that the sync is stopping, then the sync's key hints when Esc
/// reaches the sync.
fn draw_gauge(
    frame: &mut Frame,
    area: Rect,
    running: &RunningSync,
    esc_stops_sync: bool,
    view: &View,
) {
    let (lang, theme) = (view.lang, view.theme);
    let step = running.progress;
    let counts = match lang {
        Lang::En => format!(
            "Sync {} / {}",
            lang.int(step.models),
            lang.count(running.limit, ("model", "models"), ("", ""))
        ),
        Lang::Fr => format!(
            "Synchro {} / {}",
            lang.int(step.models),
            lang.count(running.limit, ("", ""), ("modèle", "modèles"))
        ),
    };
    let detail = if running.task.is_cancelled() {
        lang.pick("stopping…", "arrêt en cours…").to_string()
    } else if let Some(waiting) = &running.waiting {
        waiting.clone()
    } else {
        let pages = match (lang, step.pages) {
            (Lang::En, 1) => "1 page".to_string(),
            (_, pages) => format!("{} pages", lang.int(pages)),
        };
        match (step.resumed, lang) {
            (false, _) => pages,
            (true, Lang::En) => format!("{pages}, resumed"),
            (true, Lang::Fr) => format!("{pages}, reprise"),
        }
    };
    let keys: Vec<Span> = if esc_stops_sync {
        view.keymap
            .hints(Context::Sync, lang)
            .into_iter()
            .flat_map(|hint| {
                [
                    Span::raw("  "),
                    Span::styled(hint.keys, theme.key()),
                    Span::raw(" "),
                    Span::styled(hint.text, theme.muted()),
                ]
            })
            .collect()
    } else {
        Vec::new()
    };
    let keys = Line::from(keys);

    let gauge_width = counts.chars().count() as u16 + 1 + GAUGE_LINE_WIDTH;
    let [gauge_area, detail_area, keys_area] = Layout::horizontal([
        Constraint::Length(gauge_width),
        Constraint::Fill(1),
        Constraint::Length(keys.width() as u16),
    ])
    .areas(area);
    let ratio = if running.limit == 0 {
        0.0
    } else {
        (step.models as f64 / running.limit as f64).clamp(0.0, 1.0)
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .label(Span::styled(counts, theme.label()))
            .filled_symbol(symbols::line::THICK_HORIZONTAL)
            .unfilled_symbol(symbols::line::HORIZONTAL)
            .filled_style(theme.marker())
            .unfilled_style(theme.muted()),
        gauge_area,
    );
    frame.render_widget(
        Line::styled(format!(" {}", clean(&detail)), theme.muted()),
        detail_area,
    );
    frame.render_widget(keys, keys_area);
}

/// Builds the counts of the status bar: SLM, LLM and unknown, each after a separator.
pub fn class_counts(split: &Split, view: &View) -> [Span<'static>; 9] {
    let (lang, theme) = (view.lang, view.theme);
    [
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
    ]
}

fn draw_status(frame: &mut Frame, area: Rect, status: StatusState, view: &View) {
    let StatusState {
        context,
        applied,
        pinned,
        notice,
        filters,
        synthetic,
        sweep_shown,
    } = status;
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
    summary.extend(class_counts(&split, view));
    if synthetic > 0 {
        summary.extend([
            Span::styled(" │ ", theme.border()),
            Span::styled(
                match (lang, synthetic) {
                    (Lang::En, _) => "synthetic ",
                    (Lang::Fr, 1) => "synthétique ",
                    (Lang::Fr, _) => "synthétiques ",
                },
                theme.error(),
            ),
            Span::styled(lang.int(synthetic), theme.error()),
        ]);
    }
    if let Some(filters) = filters {
        let used: usize = summary.iter().map(|span| span.width()).sum();
        summary.extend(panes::filter::status_spans(
            &filters,
            (area.width as usize).saturating_sub(used),
            view,
        ));
    }
    let pinned = if context.inherits_global() {
        pinned
    } else {
        PinnedHints {
            always: Vec::new(),
            if_room: Vec::new(),
        }
    };
    let notice = notice.map(|notice| {
        let style = if notice.error {
            theme.error()
        } else {
            theme.label()
        };
        Line::styled(clean(&notice.text).into_owned(), style)
    });
    frame.render_widget(
        StatusBar {
            summary: Line::from(summary),
            hints: status_hints(context, sweep_shown, view),
            pinned: pinned.always,
            pinned_if_room: pinned.if_room,
            notice,
            theme,
        },
        area,
    );
}

/// Lists the key hints of `context`. While the sweep is shown, `v` offers the histogram it
/// switches back to.
fn status_hints(context: Context, sweep_shown: bool, view: &View) -> Vec<HelpLine> {
    let lang = view.lang;
    let mut hints = view.keymap.hints(context, lang);
    if context == Context::Threshold && sweep_shown {
        for hint in &mut hints {
            if hint.text == SWEEP_HINT.get(lang) {
                hint.text = HISTOGRAM_HINT.get(lang);
            }
        }
    }
    hints
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

/// True for the keys that quit while the cache loads: q, Ctrl+C and Esc. Other keys are
/// dropped, since no pane exists yet to take them.
pub fn quits_loading(key: &KeyEvent, keymap: &Keymap) -> bool {
    match keymap.lookup(Context::Global, key) {
        Some(Action::Quit) => true,
        _ => key.code == KeyCode::Esc && key.kind != KeyEventKind::Release,
    }
}

/// Draws the loading screen: the cache, the stage of the load with a gauge while models are
/// read, and how to quit.
pub fn draw_loading<T: Send + 'static>(frame: &mut Frame, loader: &Loader<T>, theme: &Theme) {
    let lang = loader.lang();
    let path = loader.cache_path().display().to_string();
    let path = clean(&path);
    let (stage, ratio) = match loader.stage() {
        LoadStage::Opening => (
            lang.pick("Opening the cache", "Ouverture du cache")
                .to_string(),
            None,
        ),
        LoadStage::Reading { read, total } => {
            let text = match lang {
                Lang::En => format!("Reading models: {} of {}", lang.int(read), lang.int(total)),
                Lang::Fr => format!(
                    "Lecture des modèles : {} sur {}",
                    lang.int(read),
                    lang.int(total)
                ),
            };
            // A cache that grew since it was counted can read more models than its total.
            let ratio = match total {
                0 => 1.0,
                _ => (read as f64 / total as f64).min(1.0),
            };
            (text, Some(ratio))
        }
        LoadStage::Indexing => (
            lang.pick(
                "Indexing sizes and tasks",
                "Indexation des tailles et des tâches",
            )
            .to_string(),
            None,
        ),
        LoadStage::Preparing => (
            lang.pick(
                "Sorting the columns and preparing the tabs",
                "Tri des colonnes et préparation des onglets",
            )
            .to_string(),
            None,
        ),
    };
    let title = match lang {
        Lang::En => format!("slmscope: loading {path}"),
        Lang::Fr => format!("slmscope : chargement {}", crate::i18n::french_de(&path)),
    };
    let hint = lang.pick(
        "The view opens once the cache is loaded. q or Esc quits.",
        "L'affichage s'ouvre une fois le cache chargé. q ou Échap pour quitter.",
    );

    let area = frame.area();
    let [title_row, stage_row, gauge_row, _, hint_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(title).style(theme.header()), title_row);
    frame.render_widget(Paragraph::new(stage), stage_row);
    if let Some(ratio) = ratio {
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .filled_symbol(symbols::line::THICK_HORIZONTAL)
                .unfilled_symbol(symbols::line::HORIZONTAL)
                .filled_style(theme.marker())
                .unfilled_style(theme.muted()),
            gauge_row,
        );
    }
    frame.render_widget(
        Paragraph::new(hint)
            .style(theme.muted())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        hint_row,
    );
}
