//! The Threshold pane: the slider over the steps, a typed threshold previewed at every keystroke,
//! the SLM/LLM/unknown split and the histogram of sizes around the threshold.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::View;
use crate::analysis::{Histogram, STEPS, Split, ThresholdError, format_params, parse_threshold};
use crate::i18n::Lang;
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::input::TextInput;
use crate::tui::widgets::histogram::HistogramChart;
use crate::tui::widgets::slider::Slider;

/// Whether a threshold is being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ThresholdInput {
    #[default]
    Idle,
    Editing(TextInput),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThresholdState {
    pub input: ThresholdInput,
}

/// The effect of a key on the typed threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Unchanged,
    Changed,
    /// Enter on a valid value: apply it.
    Applied(u64),
}

impl ThresholdState {
    /// Returns the typed threshold while it parses.
    pub fn preview(&self) -> Option<u64> {
        match &self.input {
            ThresholdInput::Editing(text) => parse_threshold(text.text()).ok(),
            ThresholdInput::Idle => None,
        }
    }

    pub fn start_editing(&mut self) -> bool {
        self.input = ThresholdInput::Editing(TextInput::default());
        true
    }

    /// Applies a key while typing. Enter on an invalid value changes nothing: the error is
    /// already on screen. Enter on an empty line leaves like Esc.
    pub fn edit(&mut self, action: Action) -> EditOutcome {
        let ThresholdInput::Editing(text) = &mut self.input else {
            return EditOutcome::Unchanged;
        };
        match action {
            Action::Back => {
                self.input = ThresholdInput::Idle;
                EditOutcome::Changed
            }
            Action::Confirm if text.is_empty() => {
                self.input = ThresholdInput::Idle;
                EditOutcome::Changed
            }
            Action::Confirm => match parse_threshold(text.text()) {
                Ok(threshold) => {
                    self.input = ThresholdInput::Idle;
                    EditOutcome::Applied(threshold)
                }
                Err(_) => EditOutcome::Unchanged,
            },
            other if text.apply(other) => EditOutcome::Changed,
            _ => EditOutcome::Unchanged,
        }
    }
}

/// Returns the short, translated form of a threshold error for the input line.
pub fn error_text(error: &ThresholdError, lang: Lang) -> &'static str {
    match error {
        ThresholdError::Syntax { .. } => lang.pick(
            "not a size: write 7B, 1.5b, 500M or 1T",
            "pas une taille : écrivez 7B, 1.5b, 500M ou 1T",
        ),
        ThresholdError::OutOfRange { .. } => lang.pick(
            "out of range: from 1 parameter to 100T",
            "hors limites : de 1 paramètre à 100T",
        ),
    }
}

/// Content rows below which the rule, the known-size share and the blank rows are left out.
const ROOMY_HEIGHT: u16 = 17;

pub fn render(frame: &mut Frame, area: Rect, state: &ThresholdState, view: &View) {
    let roomy = u16::from(area.height >= ROOMY_HEIGHT);
    let [
        rule_row,
        slider_area,
        input_row,
        _,
        split_area,
        known_row,
        _,
        chart_title_row,
        chart_area,
    ] = Layout::vertical([
        Constraint::Length(roomy),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(roomy),
        Constraint::Length(4),
        Constraint::Length(roomy),
        Constraint::Length(roomy),
        Constraint::Length(1),
        Constraint::Min(5),
    ])
    .areas(area);
    let (lang, theme) = (view.lang, view.theme);
    let threshold = view.threshold;
    let split = view.split();
    let size = format_params(threshold);

    frame.render_widget(
        Line::from(vec![
            Span::styled("SLM", theme.slm()),
            Span::raw(format!(" {} {size}", lang.pick("under", "sous"))),
            Span::styled("   LLM", theme.llm()),
            Span::raw(format!(" {size} {}", lang.pick("and over", "et plus"))),
            Span::styled(
                lang.pick(
                    "   (a model is an LLM from the threshold up)",
                    "   (un modèle est un LLM à partir du seuil)",
                ),
                theme.muted(),
            ),
        ]),
        rule_row,
    );
    frame.render_widget(
        Slider {
            steps: &STEPS,
            value: threshold,
            theme,
        },
        slider_area,
    );
    render_input(frame, input_row, state, view);
    render_split(frame, split_area, &split, view);
    render_known_share(frame, known_row, &split, view);

    let unknown = split.unknown.count;
    let mut title = vec![Span::styled(
        lang.pick(
            "Models per quarter decade of log10(params)",
            "Modèles par quart de décade de log10(params)",
        ),
        theme.header(),
    )];
    if unknown > 0 {
        title.push(Span::styled(
            match lang {
                Lang::En => format!(" · {} of unknown size left out", lang.int(unknown)),
                Lang::Fr if unknown == 1 => " · 1 de taille inconnue exclu".to_string(),
                Lang::Fr => format!(" · {} de taille inconnue exclus", lang.int(unknown)),
            },
            theme.muted(),
        ));
    }
    frame.render_widget(Line::from(title), chart_title_row);
    let histogram = view.data.index.histogram();
    let totals = view.data.index.sorted_totals();
    let slm = Histogram::from_sorted(&totals[..totals.partition_point(|&total| total < threshold)]);
    if view.data.index.is_empty() {
        frame.render_widget(
            Paragraph::new(super::empty_cache_text(view)).wrap(Wrap { trim: false }),
            chart_area,
        );
    } else if histogram.bins.is_empty() {
        frame.render_widget(
            Line::styled(
                lang.pick(
                    "No model of known size to draw.",
                    "Aucun modèle de taille connue à représenter.",
                ),
                theme.muted(),
            ),
            chart_area,
        );
    } else {
        frame.render_widget(
            HistogramChart {
                histogram,
                slm: &slm,
                threshold,
                lang,
                theme,
            },
            chart_area,
        );
    }
}

fn render_input(frame: &mut Frame, area: Rect, state: &ThresholdState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let ThresholdInput::Editing(text) = &state.input else {
        frame.render_widget(
            Line::from(vec![
                Span::styled("e", theme.key()),
                Span::styled(
                    lang.pick(
                        " to type a threshold (7B, 1.5b, 500M…), ",
                        " pour saisir un seuil (7B, 1.5b, 500M…), ",
                    ),
                    theme.muted(),
                ),
                Span::styled("← →", theme.key()),
                Span::styled(
                    lang.pick(" to move the slider", " pour déplacer le curseur"),
                    theme.muted(),
                ),
            ]),
            area,
        );
        return;
    };
    let prompt = format!("{} › ", lang.pick("Threshold", "Seuil"));
    let typed = clean(text.text()).into_owned();
    let mut spans = vec![
        Span::styled(prompt.clone(), theme.key()),
        Span::raw(typed.clone()),
        Span::raw("   "),
    ];
    if text.is_empty() {
        spans.push(Span::styled(
            lang.pick(
                "type a size such as 7B, 1.5b or 500M",
                "saisissez une taille, par exemple 7B, 1.5b ou 500M",
            ),
            theme.muted(),
        ));
    } else {
        match parse_threshold(text.text()) {
            Ok(value) => {
                spans.push(Span::styled(
                    format!("→ {}", format_params(value)),
                    theme.marker(),
                ));
                spans.push(Span::styled(
                    lang.pick(
                        "  preview: Enter applies, Esc cancels",
                        "  aperçu : Entrée applique, Échap annule",
                    ),
                    theme.muted(),
                ));
            }
            Err(error) => {
                spans.push(Span::styled(
                    format!("✗ {}", error_text(&error, lang)),
                    theme.error(),
                ));
            }
        }
    }
    frame.render_widget(Line::from(spans), area);
    let x = area.x + (prompt.chars().count() + text.cursor()) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right() - 1), area.y));
}

fn render_split(frame: &mut Frame, area: Rect, split: &Split, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let size = format_params(split.threshold);
    let header = format!(
        "{:<14}{:>10}{:>9}{:>18}{:>9}",
        "",
        lang.pick("models", "modèles"),
        lang.pick("share", "part"),
        lang.pick("downloads 30 d", "téléch. 30 j"),
        lang.pick("share", "part"),
    );
    let mut lines = vec![Line::styled(header, theme.header())];
    let rows = [
        (Class::Slm, format!("SLM < {size}"), split.slm),
        (Class::Llm, format!("LLM ≥ {size}"), split.llm),
        (
            Class::Unknown,
            Class::Unknown
                .count_label(lang, split.unknown.count)
                .to_string(),
            split.unknown,
        ),
    ];
    for (class, label, totals) in rows {
        let glyph = theme.bar_glyph(class);
        lines.push(Line::from(vec![
            Span::styled(format!("{glyph} "), theme.bar(class)),
            Span::styled(format!("{label:<12}"), theme.class(class)),
            Span::raw(format!(
                "{:>10}{:>9}{:>18}{:>9}",
                lang.int(totals.count),
                lang.percent(split.model_share(totals)),
                lang.int(totals.downloads),
                lang.percent(split.download_share(totals)),
            )),
        ]));
    }
    for (line, row) in lines.into_iter().zip(area.rows()) {
        frame.render_widget(line, row);
    }
}

fn render_known_share(frame: &mut Frame, area: Rect, split: &Split, view: &View) {
    let lang = view.lang;
    let text = match split.slm_share_of_known() {
        Some(share) => format!(
            "{} {}",
            lang.pick(
                "SLM share among models of known size:",
                "Part des SLM parmi les modèles de taille connue :"
            ),
            lang.percent(share)
        ),
        None => lang
            .pick(
                "No model has a known size.",
                "Aucun modèle n'a de taille connue.",
            )
            .to_string(),
    };
    frame.render_widget(Line::styled(text, view.theme.muted()), area);
}
