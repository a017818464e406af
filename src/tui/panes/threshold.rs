//! The Threshold pane: the slider over the steps, a typed threshold previewed at every keystroke,
//! the SLM/LLM/unknown split, the agreement with publishers and the histogram of sizes around the
//! threshold with the suggested thresholds, or the sweep of every step.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::View;
use super::threshold_tools::{self, ChartView, Tool, ToolsCache};
use crate::analysis::{STEPS, Split, ThresholdError, format_params, parse_threshold};
use crate::i18n::Lang;
use crate::sanitize::clean;
use crate::tui::AppData;
use crate::tui::action::Action;
use crate::tui::app::Notice;
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

#[derive(Debug, Clone, Default)]
pub struct ThresholdState {
    pub input: ThresholdInput,
    pub chart: ChartView,
    /// The suggestion `m` moved to last; the next `m` goes to the one after it.
    pub last_tool: Option<Tool>,
    pub tools: ToolsCache,
    /// True in the tour, whose arrows change steps: the input line then names `+` and `-`.
    pub presenting: bool,
    /// The slider's area in the last drawing, for mouse clicks and drags.
    pub slider: Rect,
}

/// The effect of a key on the typed threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    Unchanged,
    Changed,
    /// Enter on a valid value: apply it.
    Applied(u64),
}

/// Bare numbers below this many parameters are taken as a size still missing its unit.
const UNITLESS_MIN: f64 = 1_000_000.0;

/// The typed threshold, read again at every keystroke.
#[derive(Debug, PartialEq, Eq)]
pub enum Typed {
    Empty,
    /// A bare number below a million, such as the `7` typed on the way to `7B`: it is neither
    /// previewed nor applied, so the panes never flash a threshold of a few parameters.
    NeedsUnit,
    Valid(u64),
    Invalid(ThresholdError),
}

impl Typed {
    /// Reads the text typed so far. A bare number below a million is `NeedsUnit` without
    /// calling `parse_threshold`, so the pane reads it the same whether the parser accepts it.
    pub fn read(text: &str) -> Typed {
        if text.trim().is_empty() {
            return Typed::Empty;
        }
        if is_small_bare_number(text) {
            return Typed::NeedsUnit;
        }
        match parse_threshold(text) {
            Ok(threshold) => Typed::Valid(threshold),
            Err(error) => Typed::Invalid(error),
        }
    }
}

/// Returns the value of digits with at most a decimal point or comma and `_` separators, and
/// no unit; `None` for any other text.
fn bare_number(text: &str) -> Option<f64> {
    let number = text.trim().replace('_', "").replace(',', ".");
    let digits = number.starts_with(|c: char| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.');
    digits.then(|| number.parse::<f64>().ok()).flatten()
}

/// Returns true for a bare number (see [`bare_number`]) below [`UNITLESS_MIN`].
fn is_small_bare_number(text: &str) -> bool {
    bare_number(text).is_some_and(|value| value < UNITLESS_MIN)
}

impl ThresholdState {
    /// Returns the typed threshold while it is a valid size.
    pub fn preview(&self) -> Option<u64> {
        match &self.input {
            ThresholdInput::Editing(text) => match Typed::read(text.text()) {
                Typed::Valid(threshold) => Some(threshold),
                _ => None,
            },
            ThresholdInput::Idle => None,
        }
    }

    pub fn toggle_chart(&mut self) -> bool {
        self.chart = self.chart.toggled();
        true
    }

    /// Picks the next suggestion after the last one `m` moved to; returns its threshold, if
    /// any, and the notice that names it.
    pub fn next_suggestion(
        &mut self,
        data: &AppData,
        lang: crate::i18n::Lang,
    ) -> (Option<u64>, Notice) {
        let tools = self.tools.get(data);
        let moved = threshold_tools::next_tool(&tools, self.last_tool);
        if let Some((tool, _)) = moved {
            self.last_tool = Some(tool);
        }
        (
            moved.map(|(_, threshold)| threshold),
            threshold_tools::suggestion_notice(moved, lang),
        )
    }

    pub fn start_editing(&mut self) -> bool {
        self.input = ThresholdInput::Editing(TextInput::default());
        true
    }

    /// Applies a key while typing. Enter on an invalid value or on a number without its unit
    /// changes nothing, because the reason is already on screen. Enter on an empty line leaves
    /// like Esc.
    pub fn edit(&mut self, action: Action) -> EditOutcome {
        let ThresholdInput::Editing(text) = &mut self.input else {
            return EditOutcome::Unchanged;
        };
        match action {
            Action::Back => {
                self.input = ThresholdInput::Idle;
                EditOutcome::Changed
            }
            Action::Confirm => match Typed::read(text.text()) {
                Typed::Empty => {
                    self.input = ThresholdInput::Idle;
                    EditOutcome::Changed
                }
                Typed::Valid(threshold) => {
                    self.input = ThresholdInput::Idle;
                    EditOutcome::Applied(threshold)
                }
                Typed::NeedsUnit | Typed::Invalid(_) => EditOutcome::Unchanged,
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
            "pas une taille : écrivez 7B, 7,5 Md, 1.5b, 500M ou 1T",
        ),
        ThresholdError::OutOfRange { .. } => lang.pick(
            "out of range: above 0, up to 100T",
            "hors limites : au-dessus de 0, jusqu'à 100T",
        ),
        ThresholdError::MissingUnit { .. } => lang.pick(
            "add a unit: 7B, 500M or 1T",
            "ajoutez une unité : 7B, 7,5 Md, 500M ou 1T",
        ),
    }
}

/// Content rows from which the rule, the blank row, the known-size share, the agreement and the
/// legend are drawn.
const ROOMY_HEIGHT: u16 = 18;
/// Content rows from which the agreement and the legend are drawn without the rest.
const COMPACT_HEIGHT: u16 = 15;
/// Content rows from which a blank row separates the numbers from the chart.
const SPACIOUS_HEIGHT: u16 = 24;

pub fn render(frame: &mut Frame, area: Rect, state: &mut ThresholdState, view: &View) {
    let roomy = u16::from(area.height >= ROOMY_HEIGHT);
    let tools_rows = u16::from(area.height >= COMPACT_HEIGHT);
    let spacious = u16::from(area.height >= SPACIOUS_HEIGHT);
    let [
        rule_row,
        slider_area,
        input_row,
        _,
        split_area,
        known_row,
        agreement_row,
        _,
        chart_title_row,
        chart_area,
        legend_row,
    ] = Layout::vertical([
        Constraint::Length(roomy),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(roomy),
        Constraint::Length(4),
        Constraint::Length(roomy),
        Constraint::Length(tools_rows),
        Constraint::Length(spacious),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(tools_rows),
    ])
    .areas(area);
    let (lang, theme) = (view.lang, view.theme);
    let threshold = view.threshold;
    let split = view.split();
    let size = format_params(threshold);
    let tools = state.tools.get(view.data);

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
    state.slider = slider_area;
    render_input(frame, input_row, state, view);
    render_split(frame, split_area, &split, view);
    render_known_share(frame, known_row, &split, view);
    threshold_tools::render_agreement(frame, agreement_row, &tools, view);

    if state.chart == ChartView::Sweep && !view.data.index.is_empty() {
        let sweep_area = Rect {
            height: chart_title_row.height + chart_area.height + legend_row.height,
            ..chart_title_row
        };
        threshold_tools::render_sweep(frame, sweep_area, view);
        return;
    }

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
    let slm = histogram.of_prefix(totals, totals.partition_point(|&total| total < threshold));
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
        let marks = tools.marks();
        frame.render_widget(
            HistogramChart {
                histogram,
                slm: &slm,
                threshold,
                marks: &marks,
                lang,
                theme,
            },
            chart_area,
        );
        frame.render_widget(
            threshold_tools::legend(&tools, view, legend_row.width),
            legend_row,
        );
    }
}

fn render_input(frame: &mut Frame, area: Rect, state: &ThresholdState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let ThresholdInput::Editing(text) = &state.input else {
        if state.presenting {
            frame.render_widget(
                Line::from(vec![
                    Span::styled("+ -", theme.key()),
                    Span::styled(
                        lang.pick(" move the threshold", " déplacent le seuil"),
                        theme.muted(),
                    ),
                ]),
                area,
            );
            return;
        }
        frame.render_widget(
            Line::from(vec![
                Span::styled(lang.pick("/ or Enter", "/ ou Entrée"), theme.key()),
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
    let example = lang.pick(
        "type a size such as 7B, 1.5b or 500M",
        "saisissez une taille, par exemple 7B, 1.5b ou 500M",
    );
    render_typed(frame, area, &prompt, example, text, view);
}

/// Draws a line where a threshold is typed: the prompt, the text, then what it reads as: the
/// `example` while empty, a missing unit, the previewed size or the error.
pub fn render_typed(
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    example: &str,
    text: &TextInput,
    view: &View,
) {
    let (lang, theme) = (view.lang, view.theme);
    let typed = clean(text.text()).into_owned();
    let mut spans = vec![
        Span::styled(prompt.to_string(), theme.key()),
        Span::raw(typed.clone()),
        Span::raw("   "),
    ];
    match Typed::read(text.text()) {
        Typed::Empty => spans.push(Span::styled(example.to_string(), theme.muted())),
        Typed::NeedsUnit => {
            let number = typed.trim();
            // `0` and `0.` are on the way to `0.5B`, but no unit makes a size of them.
            let zero = bare_number(number) == Some(0.0);
            spans.push(Span::styled(
                match (lang, zero) {
                    (Lang::En, true) => "go on typing a size above 0, such as 0.5B".to_string(),
                    (Lang::Fr, true) => {
                        "continuez : une taille au-dessus de 0, par exemple 0.5B".to_string()
                    }
                    (Lang::En, false) => {
                        format!("add a unit: {number}M, {number}B or {number}T")
                    }
                    (Lang::Fr, false) => {
                        format!("ajoutez une unité : {number}M, {number}B ou {number}T")
                    }
                },
                theme.muted(),
            ));
        }
        Typed::Valid(value) => {
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
        Typed::Invalid(error) => spans.push(Span::styled(
            format!("✗ {}", error_text(&error, lang)),
            theme.error(),
        )),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_are_read() {
        assert_eq!(Typed::read(""), Typed::Empty);
        assert_eq!(Typed::read("  "), Typed::Empty);
        for partial in ["1", "7", "1.5", "1,5", "0", "999999", "999_999", " 7 "] {
            assert_eq!(Typed::read(partial), Typed::NeedsUnit, "{partial:?}");
        }
        assert_eq!(Typed::read("7B"), Typed::Valid(7_000_000_000));
        assert_eq!(Typed::read("1.5b"), Typed::Valid(1_500_000_000));
        assert_eq!(Typed::read("500M"), Typed::Valid(500_000_000));
        assert_eq!(Typed::read("1000000"), Typed::Valid(1_000_000));
        assert_eq!(Typed::read("7000000000"), Typed::Valid(7_000_000_000));
        assert_eq!(Typed::read("7e9"), Typed::Valid(7_000_000_000));
        assert!(matches!(
            Typed::read("7x"),
            Typed::Invalid(ThresholdError::Syntax { .. })
        ));
        assert!(matches!(
            Typed::read("1000T"),
            Typed::Invalid(ThresholdError::OutOfRange { .. })
        ));
    }
}
