//! The Search pane: a fuzzy query over model ids, a sortable results table, and the way into a
//! model's details.

use std::borrow::Cow;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span, Text};

use super::View;
use super::detail::{self, DetailState};
use crate::analysis::search::{IdTable, matcher};
use crate::model::{HubTime, Model};
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::cursor::ListCursor;
use crate::tui::format::{optional_int, params_cell};
use crate::tui::input::TextInput;
use crate::tui::search_task::{IdSearch, QueryChange};
use crate::tui::widgets::table::{Column, Sort, SortKey, SortOrder, TableProps, Width};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchColumn {
    Params,
    Downloads,
    Likes,
    Created,
}

impl SortKey for SearchColumn {
    const ALL: &'static [SearchColumn] = &[
        SearchColumn::Params,
        SearchColumn::Downloads,
        SearchColumn::Likes,
        SearchColumn::Created,
    ];
}

impl SearchColumn {
    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|column| *column == self)
            .unwrap_or(0)
    }

    /// Returns the value rows are sorted by, as a number that sorts like it. `None` sorts last
    /// in both directions.
    fn key(self, model: &Model) -> Option<u64> {
        match self {
            SearchColumn::Params => model.params.total(),
            SearchColumn::Downloads => model.downloads(),
            SearchColumn::Likes => model.likes(),
            // Models created before the Hub recorded dates are older than any recorded date.
            SearchColumn::Created if model.created_before_tracking => Some(0),
            // Flipping the sign bit orders times before 1970 before later ones, above the 0 of
            // the models created before tracking (no Hub time is that early).
            SearchColumn::Created => model
                .created_at
                .map(|time| (time.millis() as u64) ^ (1 << 63)),
        }
    }
}

/// The part of the Search pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFocus {
    /// Keys move in the table, sort it and open details.
    Results,
    /// Keys are typed into the query.
    Query,
    Detail(DetailState),
}

/// Model indices of one sort column: known values in ascending order, ties by id, then unknown
/// ones by id. Indices are `u32`, like the ids of [`IdTable`], to halve the orders' memory.
/// The descending order is read from the ascending one run of equal values at a time, so it
/// costs one bit per model instead of a second list.
struct ColumnOrder {
    ascending: Vec<u32>,
    /// Bit `i` is set when `ascending[i]` has another value than `ascending[i - 1]`.
    run_starts: Vec<u64>,
    unknown: Vec<u32>,
}

impl ColumnOrder {
    /// Sorts the models with a known value by value then by `tie`, and lists the others.
    fn build(
        models: &[Model],
        column: SearchColumn,
        tie: impl Fn(&u32, &u32) -> std::cmp::Ordering,
    ) -> ColumnOrder {
        let mut known: Vec<(u64, u32)> = Vec::new();
        let mut unknown: Vec<u32> = Vec::new();
        // `IdTable::from_raw` checked that every index fits in a `u32`.
        for (index, model) in (0..).zip(models) {
            match column.key(model) {
                Some(value) => known.push((value, index)),
                None => unknown.push(index),
            }
        }
        known.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| tie(&a.1, &b.1)));
        let mut run_starts = vec![0u64; known.len().div_ceil(64)];
        for (position, pair) in known.iter().enumerate() {
            if position == 0 || known[position - 1].0 != pair.0 {
                run_starts[position / 64] |= 1 << (position % 64);
            }
        }
        let ascending = known.into_iter().map(|(_, index)| index).collect();
        unknown.sort_by(&tie);
        ColumnOrder {
            ascending,
            run_starts,
            unknown,
        }
    }

    fn starts_run(&self, position: usize) -> bool {
        self.run_starts[position / 64] & (1 << (position % 64)) != 0
    }

    /// Lists the models of known value in descending order, ties still by id.
    fn descending(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.ascending.len())
            .rev()
            .filter(|&position| self.starts_run(position))
            .scan(self.ascending.len(), |end, start| {
                let run = &self.ascending[start..*end];
                *end = start;
                Some(run)
            })
            .flatten()
            .copied()
    }
}

/// A selection to find again once the search of a carried-over query finishes: the model and
/// its height on screen.
#[derive(Debug, Clone, Copy)]
struct PendingSelection {
    model: usize,
    height: usize,
}

pub struct SearchState {
    pub focus: SearchFocus,
    pub query: TextInput,
    pub sort: Sort<SearchColumn>,
    /// Model indices in display order.
    pub results: Vec<usize>,
    pub cursor: ListCursor,
    /// The search of the cleaned ids, by model index: what is matched is what is shown.
    pub(crate) id_search: IdSearch,
    orders: Vec<ColumnOrder>,
    /// Set by [`SearchState::carry_over`] while the search of the carried query runs.
    pending_selection: Option<PendingSelection>,
    /// Highlights the matched characters, like `slmscope models --query` scores them.
    matcher: SkimMatcherV2,
}

impl SearchState {
    /// Sorts the models once per column; later sorts and filters only walk these orders.
    pub fn new(models: &[Model]) -> SearchState {
        let build_orders = |tie: &dyn Fn(&u32, &u32) -> std::cmp::Ordering| -> Vec<ColumnOrder> {
            SearchColumn::ALL
                .iter()
                .map(|&column| ColumnOrder::build(models, column, tie))
                .collect()
        };
        // Models loaded from the cache come in id order, and their ids rarely need cleaning:
        // ties then break by index, which is much cheaper than comparing ids and gives the
        // same order. The orders are then sorted before the id table is built, so that the
        // sorts' temporary lists and the table never take memory at the same time.
        let clean_and_sorted = models.windows(2).all(|pair| pair[0].id <= pair[1].id)
            && models
                .iter()
                .all(|model| matches!(clean(&model.id), Cow::Borrowed(_)));
        let (orders, ids) = if clean_and_sorted {
            let orders = build_orders(&|a, b| a.cmp(b));
            (orders, IdTable::of_models(models))
        } else {
            let ids = IdTable::from_raw(models.iter().map(|model| &*model.id));
            // Equal cleaned ids keep index order, as a stable sort would keep them.
            let tie = |a: &u32, b: &u32| {
                ids.get(*a as usize)
                    .cmp(ids.get(*b as usize))
                    .then(a.cmp(b))
            };
            (build_orders(&tie), ids)
        };
        let mut state = SearchState {
            focus: SearchFocus::Results,
            query: TextInput::default(),
            sort: Sort {
                column: SearchColumn::Downloads,
                order: SortOrder::Descending,
            },
            results: Vec::new(),
            cursor: ListCursor::default(),
            id_search: IdSearch::new(Arc::new(ids)),
            orders,
            pending_selection: None,
            matcher: matcher(),
        };
        state.rebuild();
        state
    }

    /// Takes over the query, sort, focus and selection of `previous`, the state of the models
    /// before a refresh. A selection on the first row stays on the first row. Any other stays
    /// on the same model (matched by id) at the same height on screen, or goes back to the
    /// first row when that model is gone.
    ///
    /// NOTE: a query over more than [`crate::tui::search_task::SYNC_SEARCH_LIMIT`] models is
    /// searched off the UI thread, so the table lists every model under the searching mark
    /// until the matches arrive. The selection is found again then.
    pub fn carry_over(&mut self, previous: &SearchState) {
        self.sort = previous.sort;
        self.query = previous.query.clone();
        self.refilter();

        let find = |ids: &IdTable, old: usize| ids.position(previous.id_search.ids().get(old));
        let selection = match previous.pending_selection {
            Some(pending) => Some(pending),
            None => previous
                .selected_model()
                .filter(|_| previous.cursor.selected > 0)
                .map(|model| PendingSelection {
                    model,
                    height: previous
                        .cursor
                        .selected
                        .saturating_sub(previous.cursor.offset),
                }),
        };
        let selection = selection.and_then(|pending| {
            Some(PendingSelection {
                model: find(self.id_search.ids(), pending.model)?,
                ..pending
            })
        });
        if let Some(selection) = selection {
            if self.id_search.is_searching() {
                self.pending_selection = Some(selection);
            } else {
                self.select(selection);
            }
        }
        self.cursor.page = previous.cursor.page;

        self.focus = match previous.focus {
            SearchFocus::Results => SearchFocus::Results,
            SearchFocus::Query => SearchFocus::Query,
            SearchFocus::Detail(detail) => match find(self.id_search.ids(), detail.model) {
                Some(model) => SearchFocus::Detail(DetailState { model, ..detail }),
                None => SearchFocus::Results,
            },
        };
    }

    /// Moves the cursor to `selection`'s model at its height on screen, if the model is listed.
    fn select(&mut self, selection: PendingSelection) {
        let row = self
            .results
            .iter()
            .position(|&index| index == selection.model);
        if let Some(row) = row {
            self.cursor.selected = row;
            self.cursor.offset = row.saturating_sub(selection.height);
        }
    }

    /// True while the query is searched off the UI thread. The previous matches stay listed.
    pub fn is_searching(&self) -> bool {
        self.id_search.is_searching()
    }

    /// Lists the matches of the newest query if its search finished since the last call, and
    /// goes back to the first row. Returns whether the list changed.
    pub fn poll(&mut self) -> bool {
        if !self.id_search.poll() {
            return false;
        }
        self.show_matches();
        true
    }

    /// Lists the displayed matches and goes back to the first row, or to the selection that
    /// [`SearchState::carry_over`] left pending.
    fn show_matches(&mut self) {
        self.rebuild();
        self.cursor.reset();
        if let Some(selection) = self.pending_selection.take() {
            self.select(selection);
        }
    }

    /// Returns the index of the model under the cursor.
    pub fn selected_model(&self) -> Option<usize> {
        self.results.get(self.cursor.selected).copied()
    }

    pub fn handle(&mut self, action: Action) -> bool {
        match self.focus {
            SearchFocus::Results => self.handle_results(action),
            SearchFocus::Query => self.handle_query(action),
            SearchFocus::Detail(ref mut state) => {
                if action == Action::Back {
                    self.focus = SearchFocus::Results;
                    return true;
                }
                state.scroll.apply(action)
            }
        }
    }

    fn handle_results(&mut self, action: Action) -> bool {
        match action {
            Action::Edit => {
                self.focus = SearchFocus::Query;
                true
            }
            Action::CycleSort => {
                self.sort.cycle();
                self.resort();
                true
            }
            Action::FlipOrder => {
                self.sort.flip();
                self.resort();
                true
            }
            Action::Confirm => self.open_detail(),
            Action::Back if !self.query.is_empty() => {
                self.query.apply(Action::ClearText);
                self.refilter();
                true
            }
            _ => self.cursor.apply(action, self.results.len()),
        }
    }

    fn handle_query(&mut self, action: Action) -> bool {
        match action {
            Action::Back => {
                self.focus = SearchFocus::Results;
                true
            }
            Action::Confirm => self.open_detail(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.cursor.apply(action, self.results.len())
            }
            _ => {
                let before = self.query.text().to_string();
                let changed = self.query.apply(action);
                if self.query.text() != before {
                    self.refilter();
                }
                changed
            }
        }
    }

    fn open_detail(&mut self) -> bool {
        match self.selected_model() {
            Some(model) => {
                self.focus = SearchFocus::Detail(DetailState::new(model));
                true
            }
            None => false,
        }
    }

    /// Searches the query after it changed. An id matches when
    /// [`crate::analysis::search::query_score`] scores it, as in `slmscope models --query`. The
    /// new matches are listed from the first row at once, or by [`SearchState::poll`] when the
    /// search runs off the UI thread.
    fn refilter(&mut self) {
        self.pending_selection = None;
        match self.id_search.set_query(self.query.text()) {
            QueryChange::Applied => self.show_matches(),
            QueryChange::Unchanged => {}
        }
    }

    /// Re-sorts and goes back to the first row: the previous selection means little in the
    /// new order.
    fn resort(&mut self) {
        self.rebuild();
        self.cursor.reset();
    }

    fn rebuild(&mut self) {
        let order = &self.orders[self.sort.column.index()];
        let known: Box<dyn Iterator<Item = u32>> = match self.sort.order {
            SortOrder::Ascending => Box::new(order.ascending.iter().copied()),
            SortOrder::Descending => Box::new(order.descending()),
        };
        let order = known
            .chain(order.unknown.iter().copied())
            .map(|index| index as usize);
        self.results = match self.id_search.matches() {
            Some(matches) => matches.in_order(order),
            None => order.collect(),
        };
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &mut SearchState, view: &View) {
    if let SearchFocus::Detail(detail_state) = &mut state.focus {
        let model = &view.data.index.models()[detail_state.model];
        detail::render(frame, area, detail_state, model, view);
        return;
    }
    let [query_row, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    // The table first: drawing it keeps the selection in range for the position shown above.
    render_table(frame, table_area, state, view);
    render_query(frame, query_row, state, view);
}

fn render_query(frame: &mut Frame, area: Rect, state: &SearchState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let prompt = format!("{} › ", lang.pick("Search", "Recherche"));
    let mut line = match state.focus {
        SearchFocus::Query => Line::from(vec![
            Span::styled(prompt.clone(), theme.key()),
            Span::raw(state.query.text().to_string()),
        ]),
        _ if state.query.is_empty() => Line::from(vec![
            Span::styled("/", theme.key()),
            Span::styled(
                lang.pick(" to search the ids", " pour chercher dans les ids"),
                theme.muted(),
            ),
        ]),
        _ => Line::from(vec![
            Span::styled(prompt.clone(), theme.label()),
            Span::raw(state.query.text().to_string()),
            Span::styled(
                lang.pick("   (Esc clears)", "   (Échap efface)"),
                theme.muted(),
            ),
        ]),
    };
    if state.is_searching() {
        line.push_span(super::searching_mark(view));
    }
    super::render_query_row(frame, area, line, position_line(state, view));
    if matches!(state.focus, SearchFocus::Query) {
        let x = area.x + (prompt.chars().count() + state.query.cursor()) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right() - 1), area.y));
    }
}

/// Formats where the selection is and how many models the query keeps: `12 / 4,712 · 4,712
/// models` without a query, `1 / 2 · 2 of 16 models` with one.
fn position_line<'a>(state: &SearchState, view: &View) -> Line<'a> {
    let (lang, theme) = (view.lang, view.theme);
    let total = super::models_count(lang, state.id_search.ids().len() as u64);
    let count = if state.id_search.matches().is_some() {
        format!(
            "{} {} {total}",
            lang.int(state.results.len() as u64),
            lang.pick("of", "sur"),
        )
    } else {
        total
    };
    if state.results.is_empty() {
        return Line::styled(count, theme.muted());
    }
    let position = format!(
        "{} / {}",
        lang.int(state.cursor.selected as u64 + 1),
        lang.int(state.results.len() as u64),
    );
    Line::from(vec![
        Span::styled(position, theme.label()),
        Span::styled(format!(" · {count}"), theme.muted()),
    ])
}

fn render_table(frame: &mut Frame, area: Rect, state: &mut SearchState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let sorted = |column: SearchColumn| (state.sort.column == column).then_some(state.sort.order);
    let keep_if_sorted = |column: SearchColumn, priority: u8| {
        if state.sort.column == column {
            0
        } else {
            priority
        }
    };
    let columns = vec![
        Column::new("id", Width::fill(20)),
        Column::new("params", Width::Fixed(8))
            .right()
            .sorted(sorted(SearchColumn::Params)),
        Column::new(lang.pick("class", "classe"), Width::Fixed(7)),
        Column::new("pipeline_tag", Width::Fixed(18)).priority(1),
        Column::new(lang.pick("downloads", "téléch."), Width::Fixed(11))
            .right()
            .priority(keep_if_sorted(SearchColumn::Downloads, 4))
            .sorted(sorted(SearchColumn::Downloads)),
        Column::new("likes", Width::Fixed(7))
            .right()
            .priority(keep_if_sorted(SearchColumn::Likes, 2))
            .sorted(sorted(SearchColumn::Likes)),
        Column::new(lang.pick("created", "créé"), Width::Fixed(10))
            .priority(keep_if_sorted(SearchColumn::Created, 3))
            .sorted(sorted(SearchColumn::Created)),
    ];

    let models = view.data.index.models();
    let query = state
        .id_search
        .displayed_query()
        .map(|query| query.text().to_string());
    let matcher = &state.matcher;
    let ids = state.id_search.ids();
    let results = &state.results;
    let row = |position: usize| -> Vec<Line> {
        let index = results[position];
        let model = &models[index];
        let class = Class::of(model.params.total(), view.threshold);
        vec![
            id_line(ids.get(index), query.as_deref(), matcher, view),
            Line::raw(params_cell(&model.params)),
            Line::styled(class.label(lang), theme.class(class)),
            Line::raw(
                model
                    .pipeline_tag
                    .as_deref()
                    .map(|tag| clean(tag).into_owned())
                    .unwrap_or_default(),
            ),
            Line::raw(optional_int(lang, model.downloads())),
            Line::raw(optional_int(lang, model.likes())),
            Line::raw(created_cell(model)),
        ]
    };
    let empty = if models.is_empty() {
        super::empty_cache_text(view)
    } else {
        Text::raw(lang.pick(
            "No id matches the query.",
            "Aucun id ne correspond à la recherche.",
        ))
    };
    let props = TableProps {
        columns,
        len: results.len(),
        row: &row,
        empty,
        theme,
    };
    frame.render_stateful_widget(props, area, &mut state.cursor);
}

fn created_cell(model: &Model) -> String {
    if model.created_before_tracking {
        "< 2022-03".to_string()
    } else {
        model
            .created_at
            .map(HubTime::day)
            .unwrap_or_else(|| "—".to_string())
    }
}

/// Highlights the characters of `id` (or any label) that match the terms of the query.
pub(crate) fn id_line<'a>(
    id: &str,
    query: Option<&str>,
    matcher: &SkimMatcherV2,
    view: &View,
) -> Line<'a> {
    let Some(query) = query else {
        return Line::raw(id.to_string());
    };
    let positions: Vec<usize> = query
        .split_whitespace()
        .filter_map(|term| matcher.fuzzy_indices(id, term))
        .flat_map(|(_, positions)| positions)
        .collect();
    let spans: Vec<Span> = id
        .chars()
        .enumerate()
        .map(|(position, c)| {
            if positions.contains(&position) {
                Span::styled(c.to_string(), view.theme.matched())
            } else {
                Span::raw(c.to_string())
            }
        })
        .collect();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The order of the models by downloads, ties by id then index, unknown counts last by id
    /// then index, sorted directly.
    fn expected(models: &[Model], order: SortOrder) -> Vec<usize> {
        let mut known: Vec<usize> = (0..models.len())
            .filter(|&index| models[index].downloads().is_some())
            .collect();
        known.sort_by(|&a, &b| {
            let by_value = models[a].downloads().cmp(&models[b].downloads());
            let by_value = match order {
                SortOrder::Ascending => by_value,
                SortOrder::Descending => by_value.reverse(),
            };
            by_value.then_with(|| (&models[a].id, a).cmp(&(&models[b].id, b)))
        });
        let mut unknown: Vec<usize> = (0..models.len())
            .filter(|&index| models[index].downloads().is_none())
            .collect();
        unknown.sort_by(|&a, &b| (&models[a].id, a).cmp(&(&models[b].id, b)));
        known.extend(unknown);
        known
    }

    proptest! {
        #[test]
        fn both_directions_keep_ties_in_id_order(
            specs in proptest::collection::vec(
                (0u8..6, proptest::option::weighted(0.8, 0u64..4)),
                0..80,
            ),
            in_id_order in any::<bool>(),
        ) {
            let mut models: Vec<Model> = specs
                .iter()
                .map(|(name, downloads)| {
                    let mut model = Model::new(&format!("org/m{name}"));
                    model.set_downloads(*downloads);
                    model
                })
                .collect();
            if in_id_order {
                models.sort_by(|a, b| a.id.cmp(&b.id));
            }
            let mut state = SearchState::new(&models);
            for order in [SortOrder::Descending, SortOrder::Ascending] {
                state.sort = Sort { column: SearchColumn::Downloads, order };
                state.rebuild();
                prop_assert_eq!(&state.results, &expected(&models, order));
            }
        }
    }
}
