//! The Benchmarks pane: one benchmark set at a time, which is one benchmark measured with one
//! metric. The pane shows whether an SLM matches an LLM on that set at the threshold, and the
//! set's results as a table or as a chart of score against size.
//!
//! The sets are grouped once, when the data is loaded. The pane keeps the rows of the set shown
//! in display order, rebuilt when the set, the filters or the sort change, and the verdicts of
//! the last (set, filters, threshold, margin) it drew, so a frame does not compute them again.

mod chart;
mod chooser;
mod header;
mod table;
mod verdict_block;

use std::cmp::Ordering;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::View;
use crate::analysis::benchmarks::{KeptModels, ResultFilter, entries, result_year};
use crate::analysis::verdicts::{Entry, Verdicts, frontier, score_per_billion, verdicts};
use crate::i18n::Lang;
use crate::leaderboard::DOMAINS;
use crate::model::{BenchmarkResult, ModelType};
use crate::sanitize::clean;
use crate::tui::BenchmarkData;
use crate::tui::action::Action;
use crate::tui::cursor::{ListCursor, Scroll};
use crate::tui::format::decimal;
use crate::tui::widgets::table::{Sort, SortKey, SortOrder};

pub use chooser::Chooser;

/// The margin N of "smallest model within N points of the best" when the pane opens.
pub const DEFAULT_MARGIN: f64 = 5.0;
/// How much `<` and `>` change the margin, in points.
pub const MARGIN_STEP: f64 = 1.0;
/// The largest margin `>` reaches, in points; the smallest is 0.
pub const MAX_MARGIN: f64 = 100.0;

/// The task family whose sets `b`, `B` and `/` offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    All,
    Code,
    Medical,
    Nli,
    General,
}

impl Domain {
    const ALL: [Domain; 5] = [
        Domain::All,
        Domain::Code,
        Domain::Medical,
        Domain::Nli,
        Domain::General,
    ];

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
            Domain::General => lang.pick("general", "général"),
        }
    }

    /// Returns the spelling of the domain in [`DOMAINS`] and in the results, or `None` for `All`.
    fn stored(self) -> Option<&'static str> {
        match self {
            Domain::All => None,
            Domain::Code => Some(DOMAINS[0]),
            Domain::Medical => Some(DOMAINS[1]),
            Domain::Nli => Some(DOMAINS[2]),
            Domain::General => Some(DOMAINS[3]),
        }
    }

    /// Reads a result's `domain` field, in any case; `None` for a domain the pane does not know.
    fn named(domain: &str) -> Option<Domain> {
        Self::ALL[1..].iter().copied().find(|candidate| {
            candidate
                .stored()
                .is_some_and(|s| s.eq_ignore_ascii_case(domain))
        })
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

/// The two ways the pane shows the results of a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchView {
    Table,
    /// Score against total parameters on a log scale.
    Chart,
}

/// The columns `s` sorts by, in the order it visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchColumn {
    Score,
    Params,
    Active,
    PerBillion,
    Date,
    Model,
}

impl SortKey for BenchColumn {
    const ALL: &'static [BenchColumn] = &[
        BenchColumn::Score,
        BenchColumn::Params,
        BenchColumn::Active,
        BenchColumn::PerBillion,
        BenchColumn::Date,
        BenchColumn::Model,
    ];
}

/// The part of the Benchmarks pane that receives keys.
#[derive(Debug, Clone, PartialEq)]
pub enum BenchmarksFocus {
    /// Keys change the set, the filters, the margin, the sort and the view, and move the cursor.
    Table,
    /// The popup listing every set receives the keys.
    Chooser(Chooser),
    /// Keys scroll the detail view of one result.
    Detail(ResultDetail),
}

/// The detail view of one benchmark result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultDetail {
    /// The result's index in the benchmark results.
    pub result: usize,
    pub scroll: Scroll,
}

/// The inputs of a set's verdicts besides the results.
#[derive(Debug, Clone, PartialEq)]
struct VerdictKey {
    set: usize,
    filter: ResultFilter,
    threshold: u64,
    margin: f64,
}

/// The verdicts of one set, and which of its results the table marks as on the frontier.
#[derive(Debug, Clone, PartialEq)]
pub struct SetVerdicts {
    pub verdicts: Verdicts,
    /// Indices of the results on the Pareto frontier, sorted.
    pub frontier: Vec<usize>,
    /// The entries the verdicts were computed from, kept so a threshold move recomputes only
    /// the verdicts that depend on the threshold.
    entries: Vec<Entry>,
}

impl SetVerdicts {
    fn compute(data: &BenchmarkData, key: &VerdictKey) -> SetVerdicts {
        let set = &data.sets()[key.set];
        let (indices, entries) = entries(data.results(), set, &key.filter);
        let mut on_frontier: Vec<usize> = frontier(&entries)
            .into_iter()
            .filter_map(|kept| {
                let position = entries.iter().position(|entry| std::ptr::eq(entry, kept))?;
                Some(indices[position])
            })
            .collect();
        on_frontier.sort_unstable();
        SetVerdicts {
            verdicts: verdicts(&entries, key.threshold, key.margin),
            frontier: on_frontier,
            entries,
        }
    }

    pub fn on_frontier(&self, result: usize) -> bool {
        self.frontier.binary_search(&result).is_ok()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarksState {
    pub focus: BenchmarksFocus,
    pub view: BenchView,
    pub domain: Domain,
    /// The set shown, as an index into the sets; `None` when the domain offers no set.
    pub set: Option<usize>,
    pub filter: ResultFilter,
    /// N in "smallest model within N points of the best", in points of the set's score.
    pub margin: f64,
    pub sort: Sort<BenchColumn>,
    /// Indices of the results of the set that pass the filter, in display order.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    /// The verdicts last drawn, with what they were computed for.
    cached: Option<(VerdictKey, Arc<SetVerdicts>)>,
}

impl BenchmarksState {
    pub fn new(data: &BenchmarkData) -> BenchmarksState {
        let mut state = BenchmarksState {
            focus: BenchmarksFocus::Table,
            view: BenchView::Table,
            domain: Domain::All,
            set: None,
            filter: ResultFilter::default(),
            margin: DEFAULT_MARGIN,
            sort: Sort {
                column: BenchColumn::Score,
                order: SortOrder::Descending,
            },
            rows: Vec::new(),
            cursor: ListCursor::default(),
            cached: None,
        };
        state.set = state.offered_sets(data).first().copied();
        state.rebuild(data);
        state
    }

    /// Lists the sets the domain offers, as indices into the sets, in their order.
    pub fn offered_sets(&self, data: &BenchmarkData) -> Vec<usize> {
        data.sets()
            .iter()
            .enumerate()
            .filter(|(_, set)| self.domain.admits(&set.domain))
            .map(|(index, _)| index)
            .collect()
    }

    /// Shows the set at `set`, an index into the sets, from its first row.
    pub fn show_set(&mut self, set: usize, data: &BenchmarkData) {
        self.set = Some(set);
        self.rebuild(data);
    }

    /// Returns the index of the result under the cursor.
    pub fn selected_result(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }

    pub fn handle(&mut self, action: Action, data: &BenchmarkData) -> bool {
        match &mut self.focus {
            BenchmarksFocus::Detail(detail) => {
                if action == Action::Back {
                    self.focus = BenchmarksFocus::Table;
                    return true;
                }
                detail.scroll.apply(action)
            }
            BenchmarksFocus::Chooser(chooser) => match chooser.handle(action) {
                chooser::Outcome::Unchanged => false,
                chooser::Outcome::Changed => true,
                chooser::Outcome::Closed => {
                    self.focus = BenchmarksFocus::Table;
                    true
                }
                chooser::Outcome::Picked(set) => {
                    self.focus = BenchmarksFocus::Table;
                    if self.set != Some(set) {
                        self.set = Some(set);
                        self.rebuild(data);
                    }
                    true
                }
            },
            BenchmarksFocus::Table => self.handle_table(action, data),
        }
    }

    fn handle_table(&mut self, action: Action, data: &BenchmarkData) -> bool {
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
            Action::NextSet => self.step_set(data, true),
            Action::PrevSet => self.step_set(data, false),
            Action::OpenChooser => {
                let offered = self.offered_sets(data);
                if offered.is_empty() {
                    return false;
                }
                self.focus =
                    BenchmarksFocus::Chooser(Chooser::open(offered, self.set, &self.filter, data));
                true
            }
            Action::CycleDomain => {
                self.domain = self.domain.next();
                let offered = self.offered_sets(data);
                if self.set.is_none_or(|set| !offered.contains(&set)) {
                    self.set = offered.first().copied();
                    self.rebuild(data);
                }
                true
            }
            Action::CycleModelType => {
                let (types, _) = self.set_choices(data);
                let choices: Vec<_> = std::iter::once(None)
                    .chain(types.into_iter().map(Some))
                    .collect();
                let next = next_choice(&choices, self.filter.model_type);
                self.set_filter(data, next, self.filter.since_year)
            }
            Action::CycleDateFilter => {
                let (_, years) = self.set_choices(data);
                let choices: Vec<_> = std::iter::once(None)
                    .chain(years.into_iter().map(Some))
                    .collect();
                let next = next_choice(&choices, self.filter.since_year);
                self.set_filter(data, self.filter.model_type, next)
            }
            Action::MarginDown => self.set_margin(self.margin - MARGIN_STEP),
            Action::MarginUp => self.set_margin(self.margin + MARGIN_STEP),
            Action::CycleSort => {
                self.sort.cycle();
                // Names read best from A; every number and date from the largest.
                self.sort.order = if self.sort.column == BenchColumn::Model {
                    SortOrder::Ascending
                } else {
                    SortOrder::Descending
                };
                self.rebuild(data);
                true
            }
            Action::FlipOrder => {
                self.sort.flip();
                self.rebuild(data);
                true
            }
            Action::CycleView => {
                self.view = match self.view {
                    BenchView::Table => BenchView::Chart,
                    BenchView::Chart => BenchView::Table,
                };
                true
            }
            _ => self.cursor.apply(action, self.rows.len()),
        }
    }

    /// Moves to the next or previous offered set, wrapping around. Returns false when there is
    /// no other set to move to.
    fn step_set(&mut self, data: &BenchmarkData, forward: bool) -> bool {
        let offered = self.offered_sets(data);
        if offered.is_empty() {
            return false;
        }
        let next = match self
            .set
            .and_then(|set| offered.iter().position(|&o| o == set))
        {
            Some(position) if forward => offered[(position + 1) % offered.len()],
            Some(position) => offered[(position + offered.len() - 1) % offered.len()],
            None => offered[0],
        };
        if self.set == Some(next) {
            return false;
        }
        self.set = Some(next);
        self.rebuild(data);
        true
    }

    /// Applies a filter and rebuilds the rows; returns false when it is the filter in force.
    fn set_filter(
        &mut self,
        data: &BenchmarkData,
        model_type: Option<ModelType>,
        since_year: Option<i32>,
    ) -> bool {
        let filter = ResultFilter {
            model_type,
            since_year,
            kept_models: self.filter.kept_models.clone(),
        };
        if filter == self.filter {
            return false;
        }
        self.filter = filter;
        self.rebuild(data);
        true
    }

    fn set_margin(&mut self, margin: f64) -> bool {
        let margin = margin.clamp(0.0, MAX_MARGIN);
        let changed = margin != self.margin;
        self.margin = margin;
        changed
    }

    /// Returns whether `T` has a model type to offer: false when no result of the shown set that
    /// the model filters keep gives one and no type filter is in force.
    pub fn offers_model_types(&self, data: &BenchmarkData) -> bool {
        self.filter.model_type.is_some() || !self.set_choices(data).0.is_empty()
    }

    /// Returns whether `a` has a year to offer: false when no result of the shown set that the
    /// model filters keep has a date and no year filter is in force.
    pub fn offers_years(&self, data: &BenchmarkData) -> bool {
        self.filter.since_year.is_some() || !self.set_choices(data).1.is_empty()
    }

    /// Lists the model types and years of the shown set's results that the model filters keep,
    /// so `T` and `a` offer only choices that keep some result.
    fn set_choices(&self, data: &BenchmarkData) -> (Vec<ModelType>, Vec<i32>) {
        let Some(set) = self.set else {
            return (Vec::new(), Vec::new());
        };
        let reach = ResultFilter {
            kept_models: self.filter.kept_models.clone(),
            ..ResultFilter::default()
        };
        let results: Vec<&BenchmarkResult> = data.sets()[set]
            .rows
            .iter()
            .map(|&index| &data.results()[index])
            .filter(|result| reach.admits(result))
            .collect();
        let types = ModelType::ALL
            .into_iter()
            .filter(|kind| {
                results
                    .iter()
                    .any(|result| result.model_type == Some(*kind))
            })
            .collect();
        let mut years: Vec<i32> = results
            .iter()
            .filter_map(|result| result_year(result))
            .collect();
        years.sort_unstable();
        years.dedup();
        (types, years)
    }

    /// Applies the model filters of every tab: results linked to a model outside `kept` are
    /// left out, and `None` lifts the restriction.
    pub fn set_kept_models(&mut self, kept: Option<KeptModels>, data: &BenchmarkData) {
        self.filter.kept_models = kept;
        self.rebuild(data);
    }

    /// Lists the set's results that pass the filter, sorted, and puts the cursor on the first.
    fn rebuild(&mut self, data: &BenchmarkData) {
        let results = data.results();
        let mut rows = match self.set {
            Some(set) => entries(results, &data.sets()[set], &self.filter).0,
            None => Vec::new(),
        };
        sort_rows(&mut rows, results, self.sort);
        self.rows = rows;
        self.cursor.reset();
    }

    /// Returns the verdicts of the set shown at `threshold`, computed only when the set, the
    /// filter, the threshold or the margin differ from the last call.
    pub fn verdicts(&mut self, data: &BenchmarkData, threshold: u64) -> Option<Arc<SetVerdicts>> {
        let key = VerdictKey {
            set: self.set?,
            filter: self.filter.clone(),
            threshold,
            margin: self.margin,
        };
        let computed = match self.cached.take() {
            Some((cached, verdicts)) if cached == key => verdicts,
            Some((cached, mut verdicts))
                if cached.set == key.set
                    && cached.filter == key.filter
                    && cached.margin == key.margin =>
            {
                let moved = Arc::make_mut(&mut verdicts);
                moved.verdicts.set_threshold(&moved.entries, key.threshold);
                verdicts
            }
            _ => Arc::new(SetVerdicts::compute(data, &key)),
        };
        self.cached = Some((key, Arc::clone(&computed)));
        Some(computed)
    }
}

/// Returns the choice after `current`, wrapping around; the first when `current` is not listed.
fn next_choice<T: PartialEq + Copy>(choices: &[T], current: T) -> T {
    let position = choices.iter().position(|choice| *choice == current);
    match position {
        Some(position) => choices[(position + 1) % choices.len()],
        None => choices[0],
    }
}

/// Sorts result indices by the sort column. Unknown values (no size, no date, a NaN score) go
/// last in both directions. Ties go to the higher score, then to the model name, then to the
/// stored order.
fn sort_rows(rows: &mut Vec<usize>, results: &[BenchmarkResult], sort: Sort<BenchColumn>) {
    let directed = |ordering: Ordering| match sort.order {
        SortOrder::Ascending => ordering,
        SortOrder::Descending => ordering.reverse(),
    };
    let number = |result: &BenchmarkResult| -> Option<f64> {
        match sort.column {
            BenchColumn::Score => Some(result.score),
            BenchColumn::Params => result.size().map(|size| size as f64),
            BenchColumn::Active => result.active().map(|active| active as f64),
            BenchColumn::PerBillion => score_per_billion(result.score, result.size()),
            BenchColumn::Date | BenchColumn::Model => None,
        }
        .filter(|value| !value.is_nan())
    };
    // Each key is computed once rather than at every comparison.
    let mut keyed: Vec<(usize, Option<f64>)> = rows
        .iter()
        .map(|&index| (index, number(&results[index])))
        .collect();
    keyed.sort_by(|&(a, key_a), &(b, key_b)| {
        let (first, second) = (&results[a], &results[b]);
        let primary = match sort.column {
            BenchColumn::Model => directed(first.model.cmp(&second.model)),
            BenchColumn::Date => {
                last_if_unknown(date_of(first), date_of(second), |x, y| directed(x.cmp(y)))
            }
            _ => last_if_unknown(key_a, key_b, |x, y| directed(x.total_cmp(y))),
        };
        primary
            .then_with(|| second.score.total_cmp(&first.score))
            .then_with(|| last_if_unknown(first.size(), second.size(), |x, y| x.cmp(y)))
            .then_with(|| first.model.cmp(&second.model))
            .then_with(|| a.cmp(&b))
    });
    *rows = keyed.into_iter().map(|(index, _)| index).collect();
}

fn date_of(result: &BenchmarkResult) -> Option<&str> {
    result
        .date
        .as_deref()
        .filter(|date| !date.trim().is_empty())
}

/// Compares two values with `compare`, placing a missing value after any present one.
fn last_if_unknown<T>(
    a: Option<T>,
    b: Option<T>,
    compare: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => compare(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Formats a score with as many decimals as its size needs: `85.3`, `0.853`.
pub fn score_text(score: f64, lang: Lang) -> String {
    decimal(lang, score, score_places(score))
}

/// Returns the decimals [`score_text`] gives a score of this size.
pub fn score_places(score: f64) -> usize {
    if score.abs() >= 10.0 {
        1
    } else if score.abs() >= 1.0 {
        2
    } else {
        3
    }
}

/// Formats the margin with decimals only when it has a fractional part: `5`, `2.5`.
pub fn margin_text(margin: f64, lang: Lang) -> String {
    if margin.fract() == 0.0 {
        format!("{margin:.0}")
    } else {
        let text = decimal(lang, margin, 2);
        text.trim_end_matches('0').to_string()
    }
}

/// Describes the filters in force, such as `type: chat · since 2024`; empty without filters.
pub fn filter_texts(filter: &ResultFilter, lang: Lang) -> Vec<String> {
    let mut texts = Vec::new();
    if let Some(kind) = filter.model_type {
        texts.push(format!(
            "{} {}",
            lang.pick("type:", "type :"),
            kind.label(lang)
        ));
    }
    if let Some(year) = filter.since_year {
        texts.push(format!("{} {year}", lang.pick("since", "depuis")));
    }
    texts
}

pub fn render(frame: &mut Frame, area: Rect, state: &mut BenchmarksState, view: &View) {
    if let BenchmarksFocus::Detail(detail) = &mut state.focus {
        let result = &view.data.benchmarks.results()[detail.result];
        super::benchmark_detail::render(frame, area, detail, result, view);
        return;
    }
    let data = &view.data.benchmarks;
    if data.results().is_empty() {
        render_message(frame, area, no_results_text(view));
        return;
    }

    let [header_row, verdict_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(verdict_block::HEIGHT),
        Constraint::Fill(1),
    ])
    .areas(area);
    header::render(frame, header_row, state, view);

    let Some(set) = state.set else {
        render_message(frame, verdict_area.union(body), no_set_text(state, view));
        return;
    };
    if state.rows.is_empty() {
        render_message(
            frame,
            verdict_area.union(body),
            filtered_out_text(state, set, view),
        );
    } else {
        let threshold = view.threshold;
        let verdicts = state
            .verdicts(data, threshold)
            .expect("a set is shown, so it has verdicts");
        verdict_block::render(frame, verdict_area, &verdicts.verdicts, state.margin, view);
        match state.view {
            BenchView::Table => table::render(frame, body, state, &verdicts, view),
            BenchView::Chart => chart::render(frame, body, state, &verdicts, view),
        }
    }

    if let BenchmarksFocus::Chooser(chooser) = &mut state.focus {
        chooser::render(frame, area, chooser, view);
    }
}

fn render_message(frame: &mut Frame, area: Rect, text: Text<'static>) {
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}

/// Builds the message of a cache without benchmark results, with the command that imports some.
fn no_results_text(view: &View) -> Text<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let path = view.data.cache_path.display().to_string();
    let command = format!(
        "  slmscope import-benchmarks --db {} {}",
        super::shell_quoted(&clean(&path)),
        lang.pick("FILE...", "FICHIER...")
    );
    Text::from(vec![
        Line::styled(
            lang.pick(
                "This cache contains no benchmark results.",
                "Ce cache ne contient aucun résultat de benchmark.",
            ),
            theme.muted(),
        ),
        Line::styled(
            lang.pick(
                "Import a leaderboard file (Open LLM Leaderboard, BigCodeBench, EvalPlus or the generic CSV) with:",
                "Importez un fichier de classement (Open LLM Leaderboard, BigCodeBench, EvalPlus ou le CSV générique) avec :",
            ),
            theme.muted(),
        ),
        Line::styled(command, theme.key()),
    ])
}

/// Builds the message of a domain with no set.
fn no_set_text(state: &BenchmarksState, view: &View) -> Text<'static> {
    let lang = view.lang;
    let domain = state.domain.label(lang);
    let text = match lang {
        Lang::En => format!("No {domain} benchmark in this cache. Press d for the next domain."),
        Lang::Fr => format!(
            "Aucun benchmark du domaine {domain} dans ce cache. Appuyez sur d pour le domaine suivant."
        ),
    };
    Text::styled(text, view.theme.muted())
}

/// Builds the message of a set whose results the filters all leave out. It suggests only the
/// keys that have something to change: `T` when a model type can be chosen, `a` when a year
/// can, and `b` when another set is offered.
fn filtered_out_text(state: &BenchmarksState, set: usize, view: &View) -> Text<'static> {
    let lang = view.lang;
    let data = &view.data.benchmarks;
    let label = clean(&data.sets()[set].label()).into_owned();
    let filters = filter_texts(&state.filter, lang).join(", ");
    let mut keys = Vec::new();
    if state.offers_model_types(data) {
        keys.push(lang.pick("T for another model type", "T pour un autre type de modèle"));
    }
    if state.offers_years(data) {
        keys.push(lang.pick("a for another date", "a pour une autre date"));
    }
    if state.offered_sets(data).len() > 1 {
        keys.push(lang.pick("b for another set", "b pour un autre jeu"));
    }
    let mut text = match lang {
        Lang::En => format!("No result of {label} passes the filters ({filters})."),
        Lang::Fr => format!(
            "Aucun résultat {} ne passe les filtres ({filters}).",
            crate::i18n::french_de(&label)
        ),
    };
    if let Some((last, first)) = keys.split_last() {
        let last_joiner = match (lang, first.len()) {
            (_, 0) => "",
            (Lang::En, 1) => " or ",
            (Lang::En, _) => ", or ",
            (Lang::Fr, 1) => " ou ",
            (Lang::Fr, _) => ", ou ",
        };
        text.push_str(lang.pick(" Press ", " Appuyez sur "));
        text.push_str(&first.join(", "));
        text.push_str(last_joiner);
        text.push_str(last);
        text.push('.');
    }
    Text::styled(text, view.theme.muted())
}
