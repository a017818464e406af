//! The A/B pane: the applied threshold (A) against a second one (B), the models that change
//! class between them, the tasks they sit in, and a searchable list of those models. The list
//! order is ranked once per index, and the matches of a query sorted once per search result,
//! on a worker thread: the counts and tasks are drawn at once, and the list once it is ready.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::View;
use super::detail::{self, DetailState};
use super::threshold::{EditOutcome, ThresholdInput, ThresholdState, render_typed};
use crate::analysis::Index;
use crate::analysis::class_changes::{ClassChanges, MatchingChanges};
use crate::analysis::compare::{Comparison, TaskMove, compare_counts};
use crate::analysis::format_params;
use crate::analysis::search::{IdTable, Matches};
use crate::analysis::threshold::{step_down, step_up};
use crate::i18n::Lang;
use crate::sanitize::{clean, clean_truncated};
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::cursor::ListCursor;
use crate::tui::format::optional_int;
use crate::tui::input::TextInput;
use crate::tui::pane_task::{Computed, PaneWorker};
use crate::tui::search_task::{IdSearch, QueryChange, SYNC_SEARCH_LIMIT};
use crate::tui::widgets::table::{Column, TableProps, Width};

/// Threshold B when the pane opens: 14B, as in `slmscope report --compare`.
pub const DEFAULT_B: u64 = 14_000_000_000;

/// The part of the pane that receives keys, when threshold B is not being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareFocus {
    /// Keys move in the list of changing models.
    List,
    /// Keys are typed into the query over their ids.
    Query,
    /// A model's details, with its id to find it again if the models are rebuilt.
    Detail(DetailState, String),
}

/// The comparison of one index at one pair of thresholds. It is computed again only when the
/// index, A or B changes, not at every frame, and costs a few binary searches.
#[derive(Debug)]
struct ChangingModels {
    index_generation: u64,
    a: u64,
    b: u64,
    /// The counts and tasks; `comparison.models` is empty, rows come from `range`.
    comparison: Comparison,
    /// The changing models, as positions in [`Index::sorted_totals`].
    range: Range<usize>,
    /// The changing models whose id matches the displayed query, as positions among the
    /// sorted matches; `None` when no query is displayed.
    matching: Option<(Arc<MatchingChanges>, Range<usize>)>,
}

impl ChangingModels {
    /// Returns how many rows match the displayed query.
    fn row_count(&self) -> usize {
        match &self.matching {
            Some((_, range)) => range.len(),
            None => self.range.len(),
        }
    }

    /// Returns the index in [`Index::models`] of the model listed at `position`.
    fn row(&self, changes: &ClassChanges, position: usize) -> Option<usize> {
        match &self.matching {
            Some((matching, range)) => matching.row(changes, range, position),
            None => changes.row(&self.range, position),
        }
    }

    /// Lists the changing models among `matching`, or clears the list for `None`.
    fn set_matches(&mut self, matching: Option<Arc<MatchingChanges>>) {
        self.matching = matching.map(|matching| {
            let range = matching.range(self.comparison.lo, self.comparison.hi);
            (matching, range)
        });
    }
}

/// The displayed matches sorted by parameter count, with the index and the matches they were
/// sorted from.
#[derive(Debug)]
struct SortedMatches {
    index_generation: u64,
    matches: Arc<Matches>,
    sorted: Arc<MatchingChanges>,
}

/// A ranking or a sort the worker thread returns.
enum Ranked {
    /// The list order of the models of known size.
    Models(Arc<ClassChanges>),
    /// The matches of one query sorted by parameter count.
    Matches {
        matches: Arc<Matches>,
        sorted: Arc<MatchingChanges>,
    },
    /// A sort that a newer one replaced before it started.
    Skipped,
}

/// The ranking and sorts running off the UI thread.
struct CompareWork {
    worker: PaneWorker<Ranked>,
    /// The index generation of the ranking requested last.
    ranking: Option<u64>,
    /// The matches of the sort requested last, until its result arrives.
    sorting: Option<Arc<Matches>>,
    /// The number of the newest sort request: a queued sort with another number is skipped.
    newest_sort: Arc<AtomicU64>,
}

impl Default for CompareWork {
    fn default() -> CompareWork {
        CompareWork {
            worker: PaneWorker::new("slmscope-ab"),
            ranking: None,
            sorting: None,
            newest_sort: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl std::fmt::Debug for CompareWork {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CompareWork")
            .field("worker", &self.worker)
            .field("ranking", &self.ranking)
            .field(
                "sorting",
                &self.sorting.as_ref().map(|matches| matches.len()),
            )
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
pub struct CompareState {
    /// Threshold B, in parameters.
    pub b: u64,
    /// Threshold B as it is being typed, read with the Threshold pane's rules.
    pub b_input: ThresholdState,
    pub focus: CompareFocus,
    pub query: TextInput,
    pub cursor: ListCursor,
    /// The list order of the models of the newest index whose ranking finished.
    changes: Option<Arc<ClassChanges>>,
    /// The matches last sorted by parameter count, sorted again only when the matches or the
    /// index change, so that a threshold move does not test every match. While a newer sort
    /// runs, the list keeps these if they belong to the drawn index.
    sorted_matches: Option<SortedMatches>,
    work: CompareWork,
    /// The search of every model's id, shared with the Search pane's table. Its matches do not
    /// depend on A or B, so a threshold move keeps them.
    id_search: Option<IdSearch>,
    /// The models changing class at the thresholds last drawn or handled.
    changing: Option<ChangingModels>,
    /// The maximum number of ids searched on the UI thread, [`SYNC_SEARCH_LIMIT`] outside tests.
    sync_limit: usize,
}

impl Default for CompareState {
    fn default() -> CompareState {
        CompareState {
            b: DEFAULT_B,
            b_input: ThresholdState::default(),
            focus: CompareFocus::List,
            query: TextInput::default(),
            cursor: ListCursor::default(),
            changes: None,
            sorted_matches: None,
            work: CompareWork::default(),
            id_search: None,
            changing: None,
            sync_limit: SYNC_SEARCH_LIMIT,
        }
    }
}

/// The data the A/B pane reads besides its own state: the models and the table of their cleaned
/// ids, by model index.
#[derive(Clone, Copy)]
pub struct CompareData<'a> {
    pub index: &'a Arc<Index>,
    pub ids: &'a Arc<IdTable>,
}

impl CompareState {
    /// Returns the B the pane shows: the typed value while it parses, else the applied one.
    pub fn effective_b(&self) -> u64 {
        self.b_input.preview().unwrap_or(self.b)
    }

    /// True while threshold B is being typed.
    pub fn editing_b(&self) -> bool {
        matches!(self.b_input.input, ThresholdInput::Editing(_))
    }

    /// Applies an action with `a` as threshold A; returns whether anything visible changed.
    pub fn handle(&mut self, action: Action, data: CompareData, a: u64) -> bool {
        if self.editing_b() {
            return match self.b_input.edit(action) {
                EditOutcome::Applied(b) => {
                    self.b = b;
                    self.cursor.reset();
                    true
                }
                EditOutcome::Changed => true,
                EditOutcome::Unchanged => false,
            };
        }
        match &mut self.focus {
            CompareFocus::List => self.handle_list(action, data, a),
            CompareFocus::Query => self.handle_query(action, data, a),
            CompareFocus::Detail(state, _) => {
                if action == Action::Back {
                    self.focus = CompareFocus::List;
                    return true;
                }
                state.scroll.apply(action)
            }
        }
    }

    fn handle_list(&mut self, action: Action, data: CompareData, a: u64) -> bool {
        match action {
            Action::EditSecondThreshold => self.b_input.start_editing(),
            Action::SecondThresholdUp => self.set_b(step_up(self.b)),
            Action::SecondThresholdDown => self.set_b(step_down(self.b)),
            Action::Edit => {
                self.focus = CompareFocus::Query;
                true
            }
            Action::Confirm => self.open_detail(data, a),
            Action::Back if !self.query.is_empty() => {
                self.query.apply(Action::ClearText);
                self.requery(data);
                true
            }
            _ => {
                let len = self.refresh_changing(data, a, self.b).row_count();
                self.cursor.apply(action, len)
            }
        }
    }

    fn handle_query(&mut self, action: Action, data: CompareData, a: u64) -> bool {
        match action {
            Action::Back => {
                self.focus = CompareFocus::List;
                true
            }
            Action::Confirm => self.open_detail(data, a),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let len = self.refresh_changing(data, a, self.b).row_count();
                self.cursor.apply(action, len)
            }
            _ => {
                let before = self.query.text().to_string();
                let changed = self.query.apply(action);
                if self.query.text() != before {
                    self.requery(data);
                }
                changed
            }
        }
    }

    /// Searches the query after it changed and goes back to the first row. When the search
    /// runs off the UI thread, the previous matches stay listed until [`CompareState::poll`].
    fn requery(&mut self, data: CompareData) {
        self.cursor.reset();
        let query = self.query.text().to_string();
        if self.id_search(data).set_query(&query) == QueryChange::Applied {
            self.list_matches(data.index);
        }
    }

    /// True while the query is searched off the UI thread.
    pub fn is_searching(&self) -> bool {
        self.id_search
            .as_ref()
            .is_some_and(|id_search| id_search.is_searching())
    }

    /// Lists the matches of the newest query if its search finished since the last call, and
    /// goes back to the first row. Returns whether the list changed.
    pub fn poll(&mut self, index: &Arc<Index>) -> bool {
        let applied = self
            .id_search
            .as_mut()
            .is_some_and(|id_search| id_search.poll());
        if applied {
            self.list_matches(index);
            self.cursor.reset();
        }
        applied
    }

    /// Lists the changing models that match the displayed query.
    fn list_matches(&mut self, index: &Arc<Index>) {
        let matching = self.matching_changes(index);
        if let Some(changing) = &mut self.changing {
            changing.set_matches(matching);
        }
    }

    /// Returns the sorted matches to list, or `None` to list every changing model. When the
    /// displayed matches are not sorted yet, requests their sort and returns the matches last
    /// sorted for this index, or `None` if there are none.
    fn matching_changes(&mut self, index: &Arc<Index>) -> Option<Arc<MatchingChanges>> {
        let displayed = self
            .id_search
            .as_ref()
            .and_then(|id_search| id_search.shared_matches());
        let Some(matches) = displayed.cloned() else {
            // A cleared query lists every changing model, so a sort still queued is skipped.
            self.work.sorting = None;
            self.work.newest_sort.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        let generation = index.generation();
        let last = self
            .sorted_matches
            .as_ref()
            .filter(|sorted| sorted.index_generation == generation);
        if last.is_some_and(|sorted| Arc::ptr_eq(&sorted.matches, &matches)) {
            self.work.sorting = None;
            return last.map(|sorted| Arc::clone(&sorted.sorted));
        }
        let fallback = last.map(|sorted| Arc::clone(&sorted.sorted));
        self.request_sort(index, matches);
        fallback
    }

    /// Requests the sort of `matches` by parameter count once the index is ranked, unless the
    /// same sort is already requested.
    fn request_sort(&mut self, index: &Arc<Index>, matches: Arc<Matches>) {
        let Some(changes) = self.ranking(index) else {
            return;
        };
        let requested = self
            .work
            .sorting
            .as_ref()
            .is_some_and(|sorting| Arc::ptr_eq(sorting, &matches));
        if requested {
            return;
        }
        self.work.sorting = Some(Arc::clone(&matches));
        let number = self.work.newest_sort.fetch_add(1, Ordering::Relaxed) + 1;
        let newest = Arc::clone(&self.work.newest_sort);
        let index = Arc::clone(index);
        self.work.worker.request(index.generation(), move || {
            if newest.load(Ordering::Relaxed) != number {
                return Ranked::Skipped;
            }
            let sorted = Arc::new(changes.matching(&index, &matches));
            Ranked::Matches { matches, sorted }
        });
    }

    /// Returns the list order of the models of `index`, or requests its ranking and returns
    /// `None` while it runs.
    fn ranking(&mut self, index: &Arc<Index>) -> Option<Arc<ClassChanges>> {
        let generation = index.generation();
        if let Some(changes) = &self.changes
            && changes.generation() == generation
        {
            return Some(Arc::clone(changes));
        }
        if self.work.ranking != Some(generation) {
            self.work.ranking = Some(generation);
            let index = Arc::clone(index);
            self.work.worker.request(generation, move || {
                Ranked::Models(Arc::new(ClassChanges::build(&index)))
            });
        }
        None
    }

    /// True while the ranking or a sort runs off the UI thread.
    pub fn is_computing(&self) -> bool {
        self.work.worker.is_busy()
    }

    /// Drops the ranking and the sorted matches, which the pane computes again when it is next
    /// drawn, and returns whether there was a ranking. See
    /// [`crate::tui::app::App::poll_panes`].
    pub fn release_ranking(&mut self) -> bool {
        self.sorted_matches = None;
        if let Some(changing) = &mut self.changing {
            changing.matching = None;
        }
        self.changes.take().is_some()
    }

    /// Keeps the ranking and the sorts that finished since the last call for `index`, lists
    /// them, and returns whether the list changed. Results for an older index are dropped.
    pub fn poll_work(&mut self, index: &Arc<Index>) -> bool {
        let mut applied = false;
        while let Some(computed) = self.work.worker.try_recv() {
            applied |= self.apply(computed, index);
        }
        if !self.work.worker.is_busy() {
            // Nothing is in flight, so a request lost with a failed thread is sent again.
            self.work.ranking = None;
            self.work.sorting = None;
        }
        applied
    }

    fn apply(&mut self, computed: Computed<Ranked>, index: &Arc<Index>) -> bool {
        let generation = index.generation();
        if computed.generation != generation {
            return false;
        }
        match computed.value {
            Ranked::Models(changes) => {
                self.changes = Some(changes);
                self.work.ranking = None;
                // A displayed query's matches can be sorted now.
                self.list_matches(index);
            }
            Ranked::Matches { matches, sorted } => {
                let displayed = self
                    .id_search
                    .as_ref()
                    .and_then(|id_search| id_search.shared_matches());
                let already_sorted = self.sorted_matches.as_ref().is_some_and(|last| {
                    last.index_generation == generation && Arc::ptr_eq(&last.matches, &matches)
                });
                if already_sorted
                    || !displayed.is_some_and(|displayed| Arc::ptr_eq(displayed, &matches))
                {
                    return false;
                }
                self.sorted_matches = Some(SortedMatches {
                    index_generation: generation,
                    matches,
                    sorted,
                });
                self.work.sorting = None;
                self.list_matches(index);
                self.cursor.reset();
            }
            Ranked::Skipped => return false,
        }
        true
    }

    /// Waits up to `timeout` for the ranking and sorts in flight and keeps those for `index`.
    /// Returns whether none is left in flight.
    pub(crate) fn wait(&mut self, index: &Arc<Index>, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.work.worker.is_busy() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            if let Some(computed) = self.work.worker.recv_timeout(left) {
                self.apply(computed, index);
            }
        }
        self.poll_work(index);
        true
    }

    /// Returns the search over the ids of `data`, started again when the table changed.
    fn id_search(&mut self, data: CompareData) -> &mut IdSearch {
        let current = self
            .id_search
            .as_ref()
            .is_some_and(|id_search| Arc::ptr_eq(id_search.shared_ids(), data.ids));
        if !current {
            let mut id_search = IdSearch::with_sync_limit(data.ids.clone(), self.sync_limit);
            id_search.set_query(self.query.text());
            self.id_search = Some(id_search);
        }
        self.id_search.as_mut().expect("set above")
    }

    /// Compares the thresholds `a` and `b` over the index unless the last comparison did, and
    /// lists the changing models that match the displayed query.
    fn refresh_changing(&mut self, data: CompareData, a: u64, b: u64) -> &mut ChangingModels {
        let index = data.index;
        let search_was_current = self
            .id_search
            .as_ref()
            .is_some_and(|id_search| Arc::ptr_eq(id_search.shared_ids(), data.ids));
        self.id_search(data);
        let current = search_was_current
            && self.changing.as_ref().is_some_and(|changing| {
                (changing.index_generation, changing.a, changing.b) == (index.generation(), a, b)
            });
        if !current {
            let comparison = compare_counts(index, a, b);
            let range = ClassChanges::range(index, comparison.lo, comparison.hi);
            let mut changing = ChangingModels {
                index_generation: index.generation(),
                a,
                b,
                comparison,
                range,
                matching: None,
            };
            changing.set_matches(self.matching_changes(index));
            self.changing = Some(changing);
        }
        self.changing.as_mut().expect("set above")
    }

    /// Lists the models the table shows, as positions in the index's models, in table order.
    /// A ranking or sort that has not finished is computed here on the calling thread.
    // NOTE: so an export opened before the ranking finished blocks the UI thread for the rest
    // of it, up to about 2.2 s at 3M models.
    pub fn listed_models(&mut self, data: CompareData, a: u64) -> Vec<usize> {
        let b = self.effective_b();
        let changes = self.rank_now(data.index);
        self.refresh_changing(data, a, b);
        self.sort_now(data.index, &changes);
        let changing = self.changing.as_ref().expect("set by refresh_changing");
        (0..changing.row_count())
            .filter_map(|position| changing.row(&changes, position))
            .collect()
    }

    /// Returns the list order of the models of `index`, ranked on the calling thread unless
    /// the worker's ranking has arrived.
    fn rank_now(&mut self, index: &Arc<Index>) -> Arc<ClassChanges> {
        if let Some(changes) = &self.changes
            && changes.generation() == index.generation()
        {
            return Arc::clone(changes);
        }
        let changes = Arc::new(ClassChanges::build(index));
        self.changes = Some(Arc::clone(&changes));
        changes
    }

    /// Sorts the displayed matches on the calling thread unless they are sorted already, and
    /// lists them.
    fn sort_now(&mut self, index: &Arc<Index>, changes: &ClassChanges) {
        let Some(matches) = self
            .id_search
            .as_ref()
            .and_then(|id_search| id_search.shared_matches())
            .cloned()
        else {
            return;
        };
        let generation = index.generation();
        let sorted = self.sorted_matches.as_ref().is_some_and(|sorted| {
            sorted.index_generation == generation && Arc::ptr_eq(&sorted.matches, &matches)
        });
        if !sorted {
            let sorted = Arc::new(changes.matching(index, &matches));
            self.sorted_matches = Some(SortedMatches {
                index_generation: generation,
                matches,
                sorted,
            });
        }
        self.list_matches(index);
    }

    /// Returns the id of the model under the cursor, or of the model whose details are open.
    pub fn selected_id(&mut self, data: CompareData, a: u64) -> Option<String> {
        if let CompareFocus::Detail(_, id) = &self.focus {
            return Some(id.clone());
        }
        let b = self.effective_b();
        let selected = self.cursor.selected;
        let changes = self.ranking(data.index)?;
        self.refresh_changing(data, a, b);
        let changing = self.changing.as_ref().expect("set by refresh_changing");
        let row = changing.row(&changes, selected)?;
        Some(data.index.models()[row].id.to_string())
    }

    /// Computes the comparison and the ids of a page of changing models without drawing
    /// them, for the benches.
    pub(crate) fn compute_for_bench(&mut self, ids: &Arc<IdTable>, view: &View) {
        let data = CompareData {
            index: &view.data.index,
            ids,
        };
        let b = self.effective_b();
        self.refresh_changing(data, view.threshold, b);
        let changes = self
            .changes
            .as_ref()
            .expect("the bench waits for the ranking");
        let changing = self.changing.as_ref().expect("set by refresh_changing");
        let models = view.data.index.models();
        for position in 0..20 {
            if let Some(row) = changing.row(changes, position) {
                std::hint::black_box(&models[row].id);
            }
        }
    }

    /// Occupies the worker until the returned sender sends or drops; see [`PaneWorker::block`].
    #[cfg(test)]
    pub(crate) fn block_worker(
        &mut self,
        finished: Arc<std::sync::atomic::AtomicBool>,
    ) -> std::sync::mpsc::Sender<()> {
        self.work.worker.block(finished, || Ranked::Skipped)
    }

    /// Searches lists of any length off the UI thread, for tests of that path on small lists.
    #[cfg(test)]
    pub fn search_all_off_thread(&mut self) {
        self.sync_limit = 0;
        self.id_search = None;
        self.changing = None;
    }

    fn set_b(&mut self, b: u64) -> bool {
        let changed = b != self.b;
        self.b = b;
        changed
    }

    fn open_detail(&mut self, data: CompareData, a: u64) -> bool {
        let selected = self.cursor.selected;
        let Some(changes) = self.ranking(data.index) else {
            return false;
        };
        self.refresh_changing(data, a, self.b);
        let changing = self.changing.as_ref().expect("set by refresh_changing");
        let Some(model) = changing.row(&changes, selected) else {
            return false;
        };
        let id = data.index.models()[model].id.to_string();
        self.focus = CompareFocus::Detail(DetailState::new(model), id);
        true
    }
}

/// Computes how many task rows the pane shows in a body `height` rows tall.
fn task_rows(height: u16) -> u16 {
    (height / 5).max(3)
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &mut CompareState,
    ids: &Arc<IdTable>,
    view: &View,
) {
    if render_detail(frame, area, state, view) {
        return;
    }
    let b = state.effective_b();
    let data = CompareData {
        index: &view.data.index,
        ids,
    };
    let changes = state.ranking(data.index);
    state.refresh_changing(data, view.threshold, b);
    let changing = state.changing.as_ref().expect("refreshed above");
    let id_search = state
        .id_search
        .as_ref()
        .expect("started by refresh_changing");
    let comparison = &changing.comparison;
    let moving: Vec<&TaskMove> = comparison
        .tasks
        .iter()
        .filter(|task| task.moved.count > 0)
        .collect();
    let tasks_height = task_rows(area.height).min(moving.len().max(1) as u16) + 1;
    let [
        thresholds_row,
        direction_row,
        moved_row,
        classes_row,
        _,
        tasks_area,
        _,
        query_row,
        table_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(tasks_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);

    render_thresholds(frame, thresholds_row, state, view);
    render_summary(
        frame,
        [direction_row, moved_row, classes_row],
        comparison,
        view,
    );
    render_tasks(frame, tasks_area, &moving, view);
    // The table first: drawing it keeps the selection in range for the position shown above.
    let list = ChangingList {
        changing,
        changes: changes.as_deref(),
        id_search,
        sorting: state.work.sorting.is_some(),
    };
    match list.changes {
        Some(changes) => render_table(frame, table_area, &mut state.cursor, &list, changes, view),
        None => render_ranking(frame, table_area, view),
    }
    render_query(frame, query_row, state, &list, view);
}

/// Draws, in place of the table, the line saying that the models are being ranked.
fn render_ranking(frame: &mut Frame, area: Rect, view: &View) {
    let lang = view.lang;
    let count = super::models_count(lang, view.data.index.len() as u64);
    let text = match lang {
        Lang::En => format!("Computing… ranking {count} by downloads; keys keep working."),
        Lang::Fr => format!(
            "Calcul en cours… classement de {count} par téléchargements ; les touches restent \
             actives."
        ),
    };
    frame.render_widget(
        Paragraph::new(text)
            .style(view.theme.muted())
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// Draws the open detail view and returns true, or returns false when none is open. A model
/// that moved in a rebuilt index is found again by id; one that is gone closes the view.
fn render_detail(frame: &mut Frame, area: Rect, state: &mut CompareState, view: &View) -> bool {
    let CompareFocus::Detail(detail_state, id) = &mut state.focus else {
        return false;
    };
    let models = view.data.index.models();
    if models
        .get(detail_state.model)
        .is_none_or(|model| *model.id != **id)
    {
        match models.iter().position(|model| *model.id == **id) {
            Some(position) => detail_state.model = position,
            None => {
                state.focus = CompareFocus::List;
                return false;
            }
        }
    }
    detail::render(frame, area, detail_state, &models[detail_state.model], view);
    true
}

fn render_thresholds(frame: &mut Frame, area: Rect, state: &CompareState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    if let ThresholdInput::Editing(text) = &state.b_input.input {
        render_b_input(frame, area, text, view);
        return;
    }
    frame.render_widget(
        Line::from(vec![
            Span::styled("A ", theme.label()),
            Span::styled(format_params(view.threshold), theme.marker()),
            Span::styled(
                lang.pick(" applied threshold (+ -)", " seuil appliqué (+ -)"),
                theme.muted(),
            ),
            Span::styled("   B ", theme.label()),
            Span::styled(format_params(state.b), theme.marker()),
            Span::styled(
                lang.pick(" (b types it, < > step)", " (b le saisit, < > d'un cran)"),
                theme.muted(),
            ),
        ]),
        area,
    );
}

/// Draws the line where B is typed, with the Threshold pane's preview and error texts.
fn render_b_input(frame: &mut Frame, area: Rect, text: &TextInput, view: &View) {
    let example = view.lang.pick(
        "type a size such as 14B, 1.5b or 500M",
        "saisissez une taille, par exemple 14B, 1.5b ou 500M",
    );
    render_typed(frame, area, "B › ", example, text, view);
}

/// Draws which sizes change class and in which direction, how many models and downloads that
/// is, and the SLM and LLM counts at A and at B.
fn render_summary(frame: &mut Frame, rows: [Rect; 3], comparison: &Comparison, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let (lo, hi) = (format_params(comparison.lo), format_params(comparison.hi));
    let (from, to) = if comparison.raises() {
        (Class::Llm, Class::Slm)
    } else {
        (Class::Slm, Class::Llm)
    };
    let direction = if comparison.lo == comparison.hi {
        Line::styled(
            lang.pick(
                "A and B are equal: no model changes class.",
                "A et B sont égaux : aucun modèle ne change de classe.",
            ),
            theme.muted(),
        )
    } else {
        Line::from(vec![
            Span::raw(match lang {
                Lang::En => format!("From A to B, sizes from {lo} up to {hi} (excluded) go "),
                Lang::Fr => format!("De A à B, les tailles de {lo} à {hi} (exclu) passent de "),
            }),
            Span::styled(from.label(lang), theme.class(from)),
            Span::raw(lang.pick(" → ", " à ")),
            Span::styled(to.label(lang), theme.class(to)),
        ])
    };
    frame.render_widget(direction, rows[0]);

    let moved = comparison.moved;
    let moved_line = match lang {
        Lang::En => format!(
            "{} {} class · {} in 30 days",
            super::models_count(lang, moved.count),
            lang.plural(moved.count, ("changes", "change"), ("", "")),
            lang.count(moved.downloads, ("download", "downloads"), ("", ""))
        ),
        Lang::Fr => format!(
            "{} {} de classe · {} sur 30 jours",
            super::models_count(lang, moved.count),
            lang.plural(moved.count, ("", ""), ("change", "changent")),
            lang.count(
                moved.downloads,
                ("", ""),
                ("téléchargement", "téléchargements")
            )
        ),
    };
    frame.render_widget(Line::styled(moved_line, theme.label()), rows[1]);

    let (a, b) = (&comparison.at_a, &comparison.at_b);
    let counts = |class: Class, at_a: u64, at_b: u64| {
        vec![
            Span::styled(format!("{} ", class.label(lang)), theme.class(class)),
            Span::raw(format!("{} → {}", lang.int(at_a), lang.int(at_b))),
        ]
    };
    let mut spans = counts(Class::Slm, a.slm.count, b.slm.count);
    spans.push(Span::styled(" · ", theme.border()));
    spans.extend(counts(Class::Llm, a.llm.count, b.llm.count));
    let unknown = lang.int(a.unknown.count);
    spans.push(Span::styled(
        match lang {
            Lang::En => format!(" · {unknown} of unknown size"),
            Lang::Fr => format!(" · {unknown} de taille inconnue"),
        },
        theme.muted(),
    ));
    frame.render_widget(Line::from(spans), rows[2]);
}

/// Cells of the task-name column.
const TASK_WIDTH: usize = 30;

/// Draws the header and one row per task with changing models, the most changing first.
fn render_tasks(frame: &mut Frame, area: Rect, moving: &[&TaskMove], view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let header = format!(
        "{:<TASK_WIDTH$} {:>9} {:>11} {:>15}",
        "pipeline_tag",
        lang.pick("changing", "changent"),
        lang.pick("of known", "des connus"),
        lang.pick("downloads 30 d", "téléch. 30 j"),
    );
    let mut lines = vec![Line::styled(header, theme.header())];
    if moving.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "No task has a model changing class.",
                "Aucune tâche n'a de modèle qui change de classe.",
            ),
            theme.muted(),
        ));
    }
    for task in moving {
        let name = match &task.pipeline_tag {
            Some(name) => clean_truncated(name, TASK_WIDTH),
            None => lang.pick("(none)", "(aucune)").to_string(),
        };
        lines.push(Line::raw(format!(
            "{name:<TASK_WIDTH$} {:>9} {:>11} {:>15}",
            lang.int(task.moved.count),
            lang.percent(task.share_of_known),
            lang.int(task.moved.downloads),
        )));
    }
    for (line, row) in lines.into_iter().zip(area.rows()) {
        frame.render_widget(line, row);
    }
}

/// The changing models as the list draws them.
struct ChangingList<'a> {
    changing: &'a ChangingModels,
    /// The list order, `None` while the models are being ranked.
    changes: Option<&'a ClassChanges>,
    id_search: &'a IdSearch,
    /// True while the displayed matches are being sorted.
    sorting: bool,
}

fn render_query(
    frame: &mut Frame,
    area: Rect,
    state: &CompareState,
    list: &ChangingList,
    view: &View,
) {
    let (lang, theme) = (view.lang, view.theme);
    let changing = list.changing;
    let matching_count = changing.row_count();
    let changing_count = changing.range.len();
    let prompt = format!("{} › ", lang.pick("Search", "Recherche"));
    let mut line = match state.focus {
        CompareFocus::Query => Line::from(vec![
            Span::styled(prompt.clone(), theme.key()),
            Span::raw(clean(state.query.text()).into_owned()),
        ]),
        _ if state.query.is_empty() => Line::from(vec![
            Span::styled("/", theme.key()),
            Span::styled(
                lang.pick(
                    " to search the changing models",
                    " pour chercher parmi les modèles qui changent",
                ),
                theme.muted(),
            ),
        ]),
        _ => Line::from(vec![
            Span::styled(prompt.clone(), theme.label()),
            Span::raw(clean(state.query.text()).into_owned()),
            Span::styled(
                lang.pick("   (Esc clears)", "   (Échap efface)"),
                theme.muted(),
            ),
        ]),
    };

    if list.id_search.is_searching() || list.sorting {
        line.push_span(super::searching_mark(view));
    }

    let all = super::models_count(lang, changing_count as u64);
    let count = if changing.matching.is_none() {
        all
    } else {
        format!(
            "{} {} {all}",
            lang.int(matching_count as u64),
            lang.pick("of", "sur"),
        )
    };
    let position = if matching_count == 0 {
        Line::styled(count, theme.muted())
    } else {
        Line::from(vec![
            Span::styled(
                format!(
                    "{} / {}",
                    lang.int(state.cursor.selected as u64 + 1),
                    lang.int(matching_count as u64)
                ),
                theme.label(),
            ),
            Span::styled(format!(" · {count}"), theme.muted()),
        ])
    };
    super::render_query_row(frame, area, line, position);
    if matches!(state.focus, CompareFocus::Query) {
        let x = area.x + (prompt.chars().count() + state.query.cursor()) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right() - 1), area.y));
    }
}

/// Table width from which the pipeline_tag column grows to show long tasks in full.
const WIDE_TABLE: u16 = 100;

fn render_table(
    frame: &mut Frame,
    area: Rect,
    cursor: &mut ListCursor,
    list: &ChangingList,
    changes: &ClassChanges,
    view: &View,
) {
    let changing = list.changing;
    let ids = list.id_search.ids();
    let models = view.data.index.models();
    let lang = view.lang;
    // Wide terminals show the longest pipeline_tags in full; narrow ones leave the room to ids.
    let task_width = if area.width >= WIDE_TABLE {
        Width::Fit { min: 18, max: 30 }
    } else {
        Width::Fixed(18)
    };
    let columns = vec![
        Column::new("id", Width::fill(20)),
        Column::new("params", Width::Fixed(8)).right(),
        Column::new("pipeline_tag", task_width).priority(1),
        Column::new(lang.pick("downloads ▼", "téléch. ▼"), Width::Fixed(11)).right(),
    ];
    let row = |position: usize| -> Vec<Line> {
        let row = changing
            .row(changes, position)
            .expect("the table asks only for listed rows");
        let model = &models[row];
        vec![
            Line::raw(ids.get(row).to_string()),
            Line::raw(format_params(model.params.total().unwrap_or(0))),
            Line::raw(
                model
                    .pipeline_tag
                    .as_deref()
                    .map(|tag| clean(tag).into_owned())
                    .unwrap_or_default(),
            ),
            Line::raw(optional_int(lang, model.downloads())),
        ]
    };
    let empty = if view.data.index.is_empty() {
        super::empty_cache_text(view)
    } else if !changing.range.is_empty() {
        Text::raw(lang.pick(
            "No id matches the query.",
            "Aucun id ne correspond à la recherche.",
        ))
    } else {
        Text::raw(lang.pick(
            "No model of known size lies between A and B.",
            "Aucun modèle de taille connue entre A et B.",
        ))
    };
    let props = TableProps {
        columns,
        len: changing.row_count(),
        row: &row,
        empty,
        theme: view.theme,
    };
    frame.render_stateful_widget(props, area, cursor);
}
