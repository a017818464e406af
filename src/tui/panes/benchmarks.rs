//! The Benchmarks pane: published benchmark results of the reference set with each model's class
//! at the threshold, filtered by domain and sorted by score or size.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};

use super::View;
use crate::i18n::Lang;
use crate::model::BenchmarkResult;
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::cursor::{ListCursor, Scroll};
use crate::tui::format::{decimal, optional_params};
use crate::tui::widgets::table::{
    Column, Sort, SortKey, SortOrder, TableProps, Width, content_range,
};

/// The task family shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    All,
    Code,
    Medical,
    Nli,
}

impl Domain {
    const ALL: [Domain; 4] = [Domain::All, Domain::Code, Domain::Medical, Domain::Nli];

    fn next(self) -> Domain {
        let position = Self::ALL
            .iter()
            .position(|domain| *domain == self)
            .unwrap_or(0);
        Self::ALL[(position + 1) % Self::ALL.len()]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Domain::All => lang.pick("all", "tous"),
            Domain::Code => "code",
            Domain::Medical => lang.pick("medical", "médical"),
            Domain::Nli => "nli",
        }
    }

    /// Reads a result's `domain` field: `code`, `medical` or `nli`, in any case.
    fn named(domain: &str) -> Option<Domain> {
        [Domain::Code, Domain::Medical, Domain::Nli]
            .into_iter()
            .find(|candidate| candidate.label(Lang::En).eq_ignore_ascii_case(domain))
    }

    fn admits(self, domain: &str) -> bool {
        self == Domain::All || Domain::named(domain) == Some(self)
    }
}

/// Returns a result's domain as the user's language writes it, or the stored text, cleaned, for
/// a domain the pane does not know.
pub fn domain_text(domain: &str, lang: Lang) -> String {
    match Domain::named(domain) {
        Some(known) => known.label(lang).to_string(),
        None => clean(domain).into_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchColumn {
    Score,
    Params,
}

impl SortKey for BenchColumn {
    const ALL: &'static [BenchColumn] = &[BenchColumn::Score, BenchColumn::Params];
}

/// The part of the Benchmarks pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchmarksFocus {
    /// Keys move in the table, filter and sort it.
    Table,
    /// Keys scroll the detail view of one result.
    Detail(ResultDetail),
}

/// The detail view of one benchmark result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultDetail {
    /// The result's index in `AppData::benchmarks`.
    pub result: usize,
    pub scroll: Scroll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchmarksState {
    pub focus: BenchmarksFocus,
    pub domain: Domain,
    pub sort: Sort<BenchColumn>,
    /// Indices into the benchmark results, in display order.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
}

impl BenchmarksState {
    pub fn new(results: &[BenchmarkResult]) -> BenchmarksState {
        let mut state = BenchmarksState {
            focus: BenchmarksFocus::Table,
            domain: Domain::All,
            sort: Sort {
                column: BenchColumn::Score,
                order: SortOrder::Descending,
            },
            rows: Vec::new(),
            cursor: ListCursor::default(),
        };
        state.rebuild(results);
        state
    }

    /// Returns the index of the result under the cursor.
    pub fn selected_result(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }

    pub fn handle(&mut self, action: Action, results: &[BenchmarkResult]) -> bool {
        if let BenchmarksFocus::Detail(detail) = &mut self.focus {
            if action == Action::Back {
                self.focus = BenchmarksFocus::Table;
                return true;
            }
            return detail.scroll.apply(action);
        }
        match action {
            Action::Confirm => match self.selected_result() {
                Some(result) => {
                    self.focus = BenchmarksFocus::Detail(ResultDetail {
                        result,
                        scroll: Scroll::default(),
                    });
                    true
                }
                None => false,
            },
            Action::CycleDomain => {
                self.domain = self.domain.next();
                self.rebuild(results);
                self.cursor.reset();
                true
            }
            Action::CycleSort => {
                self.sort.cycle();
                self.rebuild(results);
                self.cursor.reset();
                true
            }
            Action::FlipOrder => {
                self.sort.flip();
                self.rebuild(results);
                self.cursor.reset();
                true
            }
            _ => self.cursor.apply(action, self.rows.len()),
        }
    }

    /// Filters by domain and sorts. Unknown sizes go last in both directions.
    fn rebuild(&mut self, results: &[BenchmarkResult]) {
        let mut rows: Vec<usize> = (0..results.len())
            .filter(|&index| self.domain.admits(&results[index].domain))
            .collect();
        let order = self.sort.order;
        let directed = |ordering: std::cmp::Ordering| match order {
            SortOrder::Ascending => ordering,
            SortOrder::Descending => ordering.reverse(),
        };
        rows.sort_by(|&a, &b| {
            let (a, b) = (&results[a], &results[b]);
            let primary = match self.sort.column {
                BenchColumn::Score => directed(a.score.total_cmp(&b.score)),
                BenchColumn::Params => match (a.params_total, b.params_total) {
                    (Some(x), Some(y)) => directed(x.cmp(&y)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
            };
            primary
                .then_with(|| a.model.cmp(&b.model))
                .then_with(|| a.benchmark.cmp(&b.benchmark))
        });
        self.rows = rows;
    }
}

/// Formats a score with as many decimals as its size needs: `85.3`, `0.853`.
pub fn score_text(score: f64, lang: Lang) -> String {
    let places = if score.abs() >= 10.0 {
        1
    } else if score.abs() >= 1.0 {
        2
    } else {
        3
    };
    decimal(lang, score, places)
}

pub fn render(frame: &mut Frame, area: Rect, state: &mut BenchmarksState, view: &View) {
    if let BenchmarksFocus::Detail(detail) = &mut state.focus {
        let result = &view.data.benchmarks[detail.result];
        super::benchmark_detail::render(frame, area, detail, result, view);
        return;
    }
    let [filter_row, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    render_filter(frame, filter_row, state, view);
    render_table(frame, table_area, state, view);
}

fn render_filter(frame: &mut Frame, area: Rect, state: &BenchmarksState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let mut spans = vec![Span::styled(
        format!("{} ", lang.pick("Domain:", "Domaine :")),
        theme.label(),
    )];
    for domain in Domain::ALL {
        let style = if domain == state.domain {
            theme.selected()
        } else {
            theme.muted()
        };
        spans.push(Span::styled(format!(" {} ", domain.label(lang)), style));
    }
    frame.render_widget(Line::from(spans), area);
    frame.render_widget(
        Line::styled(
            format!(
                "{} / {} {}",
                lang.int(state.rows.len() as u64),
                lang.int(view.data.benchmarks.len() as u64),
                lang.pick("results", "résultats")
            ),
            theme.muted(),
        )
        .right_aligned(),
        area,
    );
}

/// Cells the model column keeps when the benchmark and metric columns need the room.
const MODEL_FLOOR: u16 = 16;
/// Cells the benchmark column keeps on a narrow terminal.
const BENCHMARK_FLOOR: u16 = 11;
/// Cells the metric column keeps on a narrow terminal: `accuracy` and the ellipsis of a longer
/// metric such as `accuracy (GLUE test)`.
const METRIC_FLOOR: u16 = 9;

fn render_table(frame: &mut Frame, area: Rect, state: &mut BenchmarksState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let results = &view.data.benchmarks;
    let rows = &state.rows;
    let longest = |field: fn(&BenchmarkResult) -> &str| {
        rows.iter()
            .map(|&index| clean(field(&results[index])).chars().count())
            .max()
            .unwrap_or(0)
    };

    // The benchmark and metric columns grow first, up to their longest text, so they are cut
    // only when the terminal is too narrow for both. The model column takes what is left, up to
    // its longest name.
    let model_header = lang.pick("model", "modèle");
    let metric_header = lang.pick("metric", "métrique");
    let (model_min, model_max) = content_range(model_header, longest(|r| &r.model), MODEL_FLOOR);
    let (benchmark_min, benchmark_max) =
        content_range("benchmark", longest(|r| &r.benchmark), BENCHMARK_FLOOR);
    let (metric_min, metric_max) =
        content_range(metric_header, longest(|r| &r.metric), METRIC_FLOOR);
    let sorted = |column: BenchColumn| (state.sort.column == column).then_some(state.sort.order);
    let columns = vec![
        Column::new(
            model_header,
            Width::Fill {
                min: model_min,
                max: model_max,
            },
        ),
        Column::new(
            "benchmark",
            Width::Fit {
                min: benchmark_min,
                max: benchmark_max,
            },
        ),
        Column::new(lang.pick("domain", "domaine"), Width::Fixed(7)).priority(2),
        Column::new(
            metric_header,
            Width::Fit {
                min: metric_min,
                max: metric_max,
            },
        )
        .priority(1),
        Column::new("score", Width::Fixed(7))
            .right()
            .sorted(sorted(BenchColumn::Score)),
        Column::new("params", Width::Fixed(8))
            .right()
            .sorted(sorted(BenchColumn::Params)),
        Column::new(lang.pick("class", "classe"), Width::Fixed(7)),
    ];

    let row = |position: usize| -> Vec<Line> {
        let result = &results[rows[position]];
        let class = Class::of(result.params_total, view.threshold);
        vec![
            Line::raw(clean(&result.model).into_owned()),
            Line::raw(clean(&result.benchmark).into_owned()),
            Line::raw(domain_text(&result.domain, lang)),
            Line::raw(clean(&result.metric).into_owned()),
            Line::raw(score_text(result.score, lang)),
            Line::raw(optional_params(result.params_total)),
            Line::styled(class.label(lang), theme.class(class)),
        ]
    };
    let empty = Text::raw(if results.is_empty() {
        lang.pick(
            "No benchmark results were loaded.",
            "Aucun résultat de benchmark chargé.",
        )
    } else {
        lang.pick(
            "No result in this domain.",
            "Aucun résultat dans ce domaine.",
        )
    });
    let props = TableProps {
        columns,
        len: rows.len(),
        row: &row,
        empty,
        theme,
    };
    frame.render_stateful_widget(props, area, &mut state.cursor);
}
