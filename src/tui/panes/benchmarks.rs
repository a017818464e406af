//! The Benchmarks pane: published benchmark results of the reference set with each model's class
//! at the threshold, filtered by domain and sorted by score or size.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::View;
use crate::i18n::Lang;
use crate::model::BenchmarkResult;
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::cursor::ListCursor;
use crate::tui::format::{decimal, optional_params};
use crate::tui::widgets::table::{Column, Sort, SortKey, SortOrder, TableProps, Width};

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

    fn admits(self, domain: &str) -> bool {
        match self {
            Domain::All => true,
            Domain::Code => domain.eq_ignore_ascii_case("code"),
            Domain::Medical => domain.eq_ignore_ascii_case("medical"),
            Domain::Nli => domain.eq_ignore_ascii_case("nli"),
        }
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchmarksState {
    pub domain: Domain,
    pub sort: Sort<BenchColumn>,
    /// Indices into the benchmark results, in display order.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
}

impl BenchmarksState {
    pub fn new(results: &[BenchmarkResult]) -> BenchmarksState {
        let mut state = BenchmarksState {
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

    pub fn handle(&mut self, action: Action, results: &[BenchmarkResult]) -> bool {
        match action {
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
fn score_text(score: f64, lang: Lang) -> String {
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
    let (lang, theme) = (view.lang, view.theme);
    let [filter_row, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);

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
    frame.render_widget(Line::from(spans), filter_row);
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
        filter_row,
    );

    let sorted = |column: BenchColumn| (state.sort.column == column).then_some(state.sort.order);
    let columns = vec![
        Column::new(lang.pick("model", "modèle"), Width::Fill(18)),
        Column::new("benchmark", Width::Fixed(14)),
        Column::new(lang.pick("domain", "domaine"), Width::Fixed(7)).priority(2),
        Column::new(lang.pick("metric", "métrique"), Width::Fixed(9)).priority(1),
        Column::new("score", Width::Fixed(7))
            .right()
            .sorted(sorted(BenchColumn::Score)),
        Column::new("params", Width::Fixed(8))
            .right()
            .sorted(sorted(BenchColumn::Params)),
        Column::new(lang.pick("class", "classe"), Width::Fixed(7)),
    ];
    let results = &view.data.benchmarks;
    let rows = &state.rows;
    let row = |position: usize| -> Vec<Line> {
        let result = &results[rows[position]];
        let class = Class::of(result.params_total, view.threshold);
        vec![
            Line::raw(clean(&result.model).into_owned()),
            Line::raw(clean(&result.benchmark).into_owned()),
            Line::raw(clean(&result.domain).into_owned()),
            Line::raw(clean(&result.metric).into_owned()),
            Line::raw(score_text(result.score, lang)),
            Line::raw(optional_params(result.params_total)),
            Line::styled(class.label(lang), theme.class(class)),
        ]
    };
    let empty = Line::raw(if results.is_empty() {
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
    frame.render_stateful_widget(props, table_area, &mut state.cursor);
}
