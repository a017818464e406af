//! The threshold tools of the Threshold pane. Thresholds suggested by the data and by the
//! publishers' size words are marked on the histogram and reached with `m`. A line gives the
//! agreement with publishers, and `v` puts the sweep in place of the histogram.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType};

use super::View;
use crate::analysis::agreement::{BestAgreement, Publishers};
use crate::analysis::format_params;
use crate::analysis::suggest::{Suggestions, Unavailable};
use crate::analysis::sweep::{SweepStep, sweep};
use crate::i18n::Lang;
use crate::tui::AppData;
use crate::tui::app::Notice;
use crate::tui::widgets::histogram::Mark;

/// The content of the pane's chart area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChartView {
    #[default]
    Histogram,
    /// The SLM share at every slider step.
    Sweep,
}

impl ChartView {
    pub fn toggled(self) -> ChartView {
        match self {
            ChartView::Histogram => ChartView::Sweep,
            ChartView::Sweep => ChartView::Histogram,
        }
    }
}

/// A way of suggesting a threshold, in the order `m` visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    NaturalBreaks,
    DensityValley,
    Publishers,
}

impl Tool {
    pub const ALL: [Tool; 3] = [Tool::NaturalBreaks, Tool::DensityValley, Tool::Publishers];

    /// Returns the letter that marks the suggestion on the histogram's axis.
    pub fn letter(self) -> char {
        match self {
            Tool::NaturalBreaks => 'N',
            Tool::DensityValley => 'V',
            Tool::Publishers => 'P',
        }
    }

    /// Returns the method's name in the legend.
    pub fn short_name(self, lang: Lang) -> &'static str {
        match self {
            Tool::NaturalBreaks => lang.pick("natural breaks", "ruptures naturelles"),
            Tool::DensityValley => lang.pick("density valley", "creux de densité"),
            Tool::Publishers => lang.pick("publishers", "éditeurs"),
        }
    }

    /// Returns the method's name and how it works, for the notice after `m`.
    pub fn long_name(self, lang: Lang) -> &'static str {
        match self {
            Tool::NaturalBreaks => lang.pick(
                "natural breaks (Jenks/Otsu on log10 params)",
                "ruptures naturelles (Jenks/Otsu sur log10 params)",
            ),
            Tool::DensityValley => lang.pick(
                "density valley (KDE of log10 params)",
                "creux de densité (KDE de log10 params)",
            ),
            Tool::Publishers => lang.pick(
                "best agreement with publishers' size words",
                "meilleur accord avec les mots de taille des éditeurs",
            ),
        }
    }
}

/// Everything the tools compute from one index and the reference set. None of it depends on
/// the threshold, so it is computed once per index.
#[derive(Debug)]
pub struct Tools {
    generation: u64,
    pub suggestions: Suggestions,
    pub publishers: Publishers,
    pub best: Option<BestAgreement>,
}

impl Tools {
    fn compute(data: &AppData) -> Tools {
        let publishers = Publishers::new(&data.reference);
        Tools {
            generation: data.index.generation(),
            suggestions: Suggestions::from_sorted(data.index.sorted_totals()),
            best: publishers.best(),
            publishers,
        }
    }

    /// Returns the threshold `tool` suggests, or why there is none.
    pub fn threshold_of(&self, tool: Tool) -> Result<u64, Unavailable> {
        match tool {
            Tool::NaturalBreaks => self
                .suggestions
                .natural_breaks
                .as_ref()
                .map(|found| found.threshold)
                .map_err(|reason| *reason),
            Tool::DensityValley => self
                .suggestions
                .density_valley
                .as_ref()
                .map(|found| found.threshold)
                .map_err(|reason| *reason),
            Tool::Publishers => self
                .best
                .as_ref()
                .map(|best| best.threshold)
                .ok_or(Unavailable::NoKnownSizes),
        }
    }

    /// Lists the histogram marks of every available suggestion.
    pub fn marks(&self) -> Vec<Mark> {
        Tool::ALL
            .into_iter()
            .filter_map(|tool| {
                self.threshold_of(tool).ok().map(|threshold| Mark {
                    threshold,
                    letter: tool.letter(),
                })
            })
            .collect()
    }
}

/// The tools of the index last drawn; recomputed when the index is rebuilt.
#[derive(Debug, Clone, Default)]
pub struct ToolsCache(Option<Arc<Tools>>);

impl ToolsCache {
    pub fn get(&mut self, data: &AppData) -> Arc<Tools> {
        match &self.0 {
            Some(tools) if tools.generation == data.index.generation() => Arc::clone(tools),
            _ => {
                let tools = Arc::new(Tools::compute(data));
                self.0 = Some(Arc::clone(&tools));
                tools
            }
        }
    }
}

/// Picks the first available tool after `last` in [`Tool::ALL`], cycling. Returns `None` when
/// no tool has a threshold.
pub fn next_tool(tools: &Tools, last: Option<Tool>) -> Option<(Tool, u64)> {
    let start = last
        .and_then(|last| Tool::ALL.iter().position(|tool| *tool == last))
        .map_or(0, |position| position + 1);
    (0..Tool::ALL.len())
        .map(|offset| Tool::ALL[(start + offset) % Tool::ALL.len()])
        .find_map(|tool| tools.threshold_of(tool).ok().map(|value| (tool, value)))
}

/// The notice after `m`: the method and the threshold moved to, or that there is none.
pub fn suggestion_notice(moved: Option<(Tool, u64)>, lang: Lang) -> Notice {
    match moved {
        Some((tool, threshold)) => Notice {
            text: format!(
                "{} {}{} {}",
                lang.pick("Threshold moved to", "Seuil placé sur"),
                tool.long_name(lang),
                lang.pick(":", " :"),
                format_params(threshold)
            ),
            error: false,
        },
        None => Notice {
            text: lang
                .pick(
                    "No suggestion: no model of known size and no publisher size word",
                    "Aucune suggestion : aucun modèle de taille connue ni mot de taille d'éditeur",
                )
                .to_string(),
            error: true,
        },
    }
}

/// Draws the agreement of the publishers' size words at the drawn threshold and at the best
/// one, with the best range when the row has room.
pub fn render_agreement(frame: &mut Frame, area: Rect, tools: &Tools, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let publishers = &tools.publishers;
    let (Some(best), Some(share)) = (&tools.best, publishers.at(view.threshold).share) else {
        frame.render_widget(
            Line::styled(
                lang.pick(
                    "No reference model has a small or large size word.",
                    "Aucun modèle de référence n'a de mot de taille petit ou grand.",
                ),
                theme.muted(),
            ),
            area,
        );
        return;
    };
    let at = publishers.at(view.threshold);
    let sided = publishers.sided();
    let mut spans = vec![
        Span::styled(
            match lang {
                Lang::En => format!("Publishers agree at {}: ", at.label),
                Lang::Fr => format!("Accord éditeurs à {} : ", at.label),
            },
            theme.muted(),
        ),
        Span::styled(
            format!("{}/{} ({})", at.agree, sided, lang.percent(share)),
            theme.label(),
        ),
        Span::styled(
            match lang {
                Lang::En => format!(" · best {}: ", best.label),
                Lang::Fr => format!(" · meilleur {} : ", best.label),
            },
            theme.muted(),
        ),
        Span::styled(
            format!("{}/{} ({})", best.agree, sided, lang.percent(best.share)),
            theme.label(),
        ),
    ];
    let ranges = ranges_text(best, lang);
    let used: usize = spans.iter().map(|span| span.content.chars().count()).sum();
    if used + ranges.chars().count() <= area.width as usize {
        spans.push(Span::styled(ranges, theme.muted()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Writes where the best agreement holds: `, above 4B up to 6.7B`, and how many other ranges
/// tie.
fn ranges_text(best: &BestAgreement, lang: Lang) -> String {
    let Some(shown) = best
        .ranges
        .iter()
        .find(|range| range.from <= best.threshold && best.threshold <= range.to)
    else {
        return String::new();
    };
    let others = best.ranges.len() - 1;
    let mut text = format!(", {}", lang.agreement_range(shown.from, shown.to));
    if others > 0 {
        text.push_str(&format!(
            " {} {}",
            lang.pick("and", "et"),
            lang.count(
                others as u64,
                ("other range", "other ranges"),
                ("autre plage", "autres plages")
            )
        ));
    }
    text
}

/// Builds the legend of the histogram's marks; method names are left out when they do not fit
/// in `width`.
pub fn legend(tools: &Tools, view: &View, width: u16) -> Line<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let entry = |tool: Tool, named: bool| -> Vec<Span<'static>> {
        let name = tool.short_name(lang);
        let text = match (tools.threshold_of(tool), named) {
            (Ok(threshold), true) => format!(" {name} {}", format_params(threshold)),
            (Ok(threshold), false) => format!(" {}", format_params(threshold)),
            (Err(Unavailable::NoValley), true) => {
                format!(
                    " {}",
                    lang.pick("no density valley", "aucun creux de densité")
                )
            }
            (Err(_), true) => format!(" {name} –"),
            (Err(_), false) => " –".to_string(),
        };
        vec![
            Span::styled(tool.letter().to_string(), theme.key()),
            Span::styled(text, theme.muted()),
        ]
    };
    let build = |named: bool| -> Line<'static> {
        let mut spans = Vec::new();
        for (index, tool) in Tool::ALL.into_iter().enumerate() {
            if index > 0 {
                spans.push(Span::styled(" · ", theme.border()));
            }
            spans.extend(entry(tool, named));
        }
        Line::from(spans)
    };
    let named = build(true);
    if named.width() <= width as usize {
        named
    } else {
        build(false)
    }
}

/// Columns of the sweep table: the marker, the step and the two shares.
const TABLE_WIDTH: u16 = 27;

/// Draws the sweep in `area` (title, chart and legend rows): the SLM share among models of
/// known size at every step, by count and by downloads, as a chart beside a table of the steps
/// around the threshold.
pub fn render_sweep(frame: &mut Frame, area: Rect, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let [title_row, body, legend_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::styled(
            lang.pick(
                "SLM share among models of known size at each step",
                "Part des SLM parmi les modèles de taille connue à chaque cran",
            ),
            theme.header(),
        ),
        title_row,
    );
    let steps = sweep(&view.data.index);
    if steps.iter().all(|step| step.slm_share_of_known.is_none()) {
        frame.render_widget(
            Line::styled(
                lang.pick(
                    "No model of known size to draw.",
                    "Aucun modèle de taille connue à représenter.",
                ),
                theme.muted(),
            ),
            body,
        );
        return;
    }
    let [chart_area, _, table_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(TABLE_WIDTH),
    ])
    .areas(body);
    render_sweep_chart(frame, chart_area, &steps, view);
    render_sweep_table(frame, table_area, &steps, view);

    frame.render_widget(
        Line::from(vec![
            Span::styled("•", theme.slm()),
            Span::styled(lang.pick(" models  ", " modèles  "), theme.muted()),
            Span::styled("⣿", theme.llm()),
            Span::styled(
                lang.pick(" downloads 30 d  ", " téléch. 30 j  "),
                theme.muted(),
            ),
            Span::styled("│", theme.marker()),
            Span::styled(
                match lang {
                    Lang::En => format!(" threshold {}", format_params(view.threshold)),
                    Lang::Fr => format!(" seuil {}", format_params(view.threshold)),
                },
                theme.muted(),
            ),
        ]),
        legend_row,
    );
}

fn render_sweep_chart(frame: &mut Frame, area: Rect, steps: &[SweepStep], view: &View) {
    let theme = view.theme;
    let points = |share: fn(&SweepStep) -> Option<f64>| -> Vec<(f64, f64)> {
        steps
            .iter()
            .filter_map(|step| {
                share(step).map(|value| ((step.threshold as f64).log10(), value * 100.0))
            })
            .collect()
    };
    let models = points(|step| step.slm_share_of_known);
    let downloads = points(|step| step.slm_download_share_of_known);
    let x = (view.threshold.max(1) as f64).log10().clamp(8.0, 12.0);
    let marker = [(x, 0.0), (x, 100.0)];

    let datasets = vec![
        Dataset::default()
            .data(&marker)
            .graph_type(GraphType::Line)
            .marker(Marker::Braille)
            .style(theme.marker()),
        Dataset::default()
            .data(&downloads)
            .graph_type(GraphType::Line)
            .marker(Marker::Braille)
            .style(theme.llm()),
        Dataset::default()
            .data(&models)
            .graph_type(GraphType::Line)
            .marker(Marker::Dot)
            .style(theme.slm()),
    ];
    let muted = |text: &'static str| Span::styled(text, theme.muted());
    let chart = Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([8.0, 12.0])
                .style(theme.border())
                .labels([muted("100M"), muted("10B"), muted("1T")]),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .style(theme.border())
                .labels(
                    super::trends::percent_labels(view.lang, 1.0)
                        .into_iter()
                        .map(|text| Span::styled(text, theme.muted()))
                        .collect::<Vec<_>>(),
                ),
        );
    frame.render_widget(chart, area);
}

/// Draws the steps around the threshold, the step at the threshold highlighted, as many as
/// the area has rows.
fn render_sweep_table(frame: &mut Frame, area: Rect, steps: &[SweepStep], view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    if area.height < 2 {
        return;
    }
    let header = format!(
        "  {:>5} {:>8} {:>9}",
        lang.pick("step", "cran"),
        lang.pick("models", "modèles"),
        lang.pick("downl.", "téléch."),
    );
    frame.render_widget(Line::styled(header, theme.header()), area);

    let rows = (area.height - 1) as usize;
    let below = steps.partition_point(|step| step.threshold < view.threshold);
    let start = below
        .saturating_sub(rows / 2)
        .min(steps.len().saturating_sub(rows));
    let share = |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| lang.percent(v));
    for (row, step) in steps.iter().enumerate().skip(start).take(rows) {
        let current = step.threshold == view.threshold;
        let style = if current {
            theme.selected()
        } else {
            Style::default()
        };
        let line = Line::styled(
            format!(
                "{} {:>5} {:>8} {:>9}",
                if current { "▶" } else { " " },
                step.label,
                share(step.slm_share_of_known),
                share(step.slm_download_share_of_known),
            ),
            style,
        );
        let y = area.y + 1 + (row - start) as u16;
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Index;
    use crate::model::{Model, ReferenceModel};

    const B: u64 = 1_000_000_000;

    fn data(totals: &[u64], words: &[(u64, &str)]) -> AppData {
        AppData {
            index: Arc::new(Index::build(
                totals
                    .iter()
                    .enumerate()
                    .map(|(index, &total)| Model::minimal(&format!("org/m{index}"), Some(total)))
                    .collect(),
            )),
            benchmarks: crate::tui::BenchmarkData::new(Vec::new()),
            history: Arc::default(),
            provenance: crate::model::Provenance::default(),
            reference: words
                .iter()
                .map(|&(params, word)| ReferenceModel {
                    hub_id: format!("org/{word}-{params}"),
                    organisation: "Org".to_string(),
                    params,
                    size_word: word.to_string(),
                    release_date: "2024-01-01".to_string(),
                    pipeline_tag: "text-generation".to_string(),
                    source: "https://example.org".to_string(),
                })
                .collect(),
            cache_path: "cache.db".into(),
        }
    }

    #[test]
    fn cache_follows_the_index() {
        let mut data = data(&[B, 100 * B], &[]);
        let mut cache = ToolsCache::default();
        let first = cache.get(&data);
        assert!(
            Arc::ptr_eq(&first, &cache.get(&data)),
            "same index, same tools"
        );
        assert_eq!(first.threshold_of(Tool::NaturalBreaks), Ok(10 * B));

        data.index = Arc::new(Index::build(vec![
            Model::minimal("org/a", Some(B)),
            Model::minimal("org/b", Some(10_000 * B)),
        ]));
        let second = cache.get(&data);
        assert!(
            !Arc::ptr_eq(&first, &second),
            "a rebuilt index is recomputed"
        );
        assert_eq!(second.threshold_of(Tool::NaturalBreaks), Ok(100 * B));
    }

    #[test]
    fn next_tool_cycles_and_skips_missing_ones() {
        // One size only: no natural break and no valley, but the publishers have a best.
        let only_publishers = Tools::compute(&data(&[7 * B], &[(B, "small"), (70 * B, "large")]));
        assert_eq!(
            next_tool(&only_publishers, None).map(|(tool, _)| tool),
            Some(Tool::Publishers)
        );
        assert_eq!(
            next_tool(&only_publishers, Some(Tool::Publishers)).map(|(tool, _)| tool),
            Some(Tool::Publishers)
        );

        let none = Tools::compute(&data(&[], &[]));
        assert_eq!(next_tool(&none, None), None);

        let all = Tools::compute(&data(&[B, 100 * B], &[(B, "small"), (70 * B, "large")]));
        let mut last = None;
        let mut visited = Vec::new();
        for _ in 0..4 {
            let (tool, _) = next_tool(&all, last).unwrap();
            visited.push(tool);
            last = Some(tool);
        }
        assert_eq!(
            visited,
            vec![
                Tool::NaturalBreaks,
                Tool::DensityValley,
                Tool::Publishers,
                Tool::NaturalBreaks
            ]
        );
    }
}
