//! The application state: the focused tab, the threshold, one small state per pane and the help
//! popup, changed only through [`App::handle`].

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use crossterm::event::{Event, KeyEvent};
use ratatui::layout::Rect;

use super::action::{Action, Context, Keymap};
use super::cursor::Scroll;
use super::export::{ExportTable, ExportTask};
use super::panes::benchmarks::{BenchmarksFocus, BenchmarksState};
use super::panes::compare::{CompareData, CompareFocus, CompareState};
use super::panes::export_prompt::ExportPrompt;
use super::panes::filter::FilterForm;
use super::panes::search::{SearchFocus, SearchState};
use super::panes::tasks::TasksState;
use super::panes::threshold::{EditOutcome, ThresholdInput, ThresholdState};
use super::panes::trends::TrendsState;
use super::sync_task::{self, Refresh, SyncMsg, SyncSettings, SyncTask};
use super::tag_task::TagFetcher;
use super::theme::{self, Theme};
use super::{AppData, TuiOptions};
use crate::analysis::filter::Filter;
use crate::analysis::threshold::{STEPS, step_down, step_up};
use crate::i18n::Lang;
use crate::model::Model;
use crate::sync::{SyncOutcome, SyncProgress};

/// The number of models from which the Trends groups and the A/B ranking are not kept together
/// (see [`App::release_hidden_pane_work`]). At 3,000,000 models each takes about 60 MB at its peak.
pub(crate) const KEEP_PANE_WORK_BELOW: usize = 1_000_000;

/// The panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Search,
    Threshold,
    Tasks,
    Benchmarks,
    Trends,
    Compare,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Search,
        Tab::Threshold,
        Tab::Tasks,
        Tab::Benchmarks,
        Tab::Trends,
        Tab::Compare,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Tab::Search => lang.pick("Search", "Recherche"),
            Tab::Threshold => lang.pick("Threshold", "Seuil"),
            Tab::Tasks => lang.pick("Tasks", "Tâches"),
            Tab::Benchmarks => "Benchmarks",
            Tab::Trends => lang.pick("Trends", "Tendances"),
            Tab::Compare => "A/B",
        }
    }

    /// Returns the digit that opens the tab, as the tab bar shows it.
    pub fn digit(self) -> char {
        match self {
            Tab::Search => '1',
            Tab::Threshold => '2',
            Tab::Tasks => '3',
            Tab::Benchmarks => '4',
            Tab::Trends => '5',
            Tab::Compare => '6',
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }

    fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    fn previous(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// Returns the keymap contexts of the pane, in the order its help lists them.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            Tab::Search => &[Context::Search, Context::Query, Context::Detail],
            Tab::Threshold => &[Context::Threshold, Context::ThresholdInput],
            Tab::Tasks => &[Context::Tasks],
            Tab::Benchmarks => &[
                Context::Benchmarks,
                Context::BenchmarkChooser,
                Context::BenchmarkDetail,
            ],
            Tab::Trends => &[Context::Trends],
            Tab::Compare => &[
                Context::Compare,
                Context::CompareInput,
                Context::CompareQuery,
                Context::CompareDetail,
            ],
        }
    }
}

/// The popup drawn over the panes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help(Scroll),
}

/// A sync started with `S`, as the gauge shows it.
pub struct RunningSync {
    pub(super) task: SyncTask,
    /// Pages and models stored so far, counting those of the sync it continues.
    pub(super) progress: SyncProgress,
    /// The models the sync stops at.
    pub(super) limit: u64,
    /// The client's latest wait message, cleared when the next page arrives.
    pub(super) waiting: Option<String>,
}

/// A one-line message in place of the pane's hints, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub(super) data: AppData,
    pub(super) lang: Lang,
    pub(super) theme: Theme,
    /// The keys of this run: the built-in keymap with the configuration file's `[keys]`.
    pub(super) keymap: Keymap,
    pub(super) tab: Tab,
    /// The applied threshold, in parameters.
    pub(super) threshold: u64,
    pub(super) overlay: Overlay,
    pub(super) search: SearchState,
    pub(super) threshold_pane: ThresholdState,
    pub(super) tasks: TasksState,
    pub(super) benchmarks: BenchmarksState,
    pub(super) trends: TrendsState,
    pub(super) compare: CompareState,
    pub(super) sync: Option<RunningSync>,
    pub(super) notice: Option<Notice>,
    /// True while the last frame was too small for the panes: keys other than quit are ignored,
    /// since their effect could not be seen.
    pub(super) too_small: bool,
    /// The area of each tab's title in the last drawing, for mouse clicks.
    pub(super) tab_hits: Vec<(Rect, Tab)>,
    /// True from a click on the Threshold slider until the button is released.
    pub(super) dragging_slider: bool,
    /// The Hub endpoint syncs use; `None` reads `HF_ENDPOINT`.
    sync_endpoint: Option<String>,
    /// The applied filter; `data.index` holds only the models it keeps.
    pub(super) filter: Filter,
    /// Every cached model while a filter is applied, `None` when `data.index` already contains
    /// every model.
    pub(super) unfiltered: Option<Vec<Model>>,
    /// Cached models that `slmscope synth` generated, whether or not a filter hides them.
    pub(super) synthetic_models: u64,
    /// The open filter form, drawn over the panes.
    pub(super) filter_form: Option<FilterForm>,
    /// The file that remembers the filters between runs; `None` keeps them for this run only.
    pub(super) filters_path: Option<PathBuf>,
    /// Reads the full tag lists the detail views show.
    pub(super) tags: TagFetcher,
    /// The folder `e` writes to.
    pub(super) export_dir: PathBuf,
    /// The open export popup, drawn over the panes.
    pub(super) export_prompt: Option<ExportPrompt>,
    /// The rows the open export popup will write, taken when it opened.
    pub(super) export_table: Option<ExportTable>,
    /// The export being written, if any.
    pub(super) export: Option<ExportTask>,
    /// Bytes for the terminal that the event loop writes after the next frame, such as an
    /// OSC 52 copy.
    pub(super) terminal_output: Vec<u8>,
    /// True inside tmux: OSC 52 copies are then wrapped for tmux's passthrough.
    pub(super) in_tmux: bool,
    /// [`KEEP_PANE_WORK_BELOW`] outside tests.
    pub(super) keep_pane_work_below: usize,
    quit: bool,
}

impl App {
    pub fn new(data: AppData, options: TuiOptions) -> App {
        let search = SearchState::new(data.index.models());
        let benchmarks = BenchmarksState::new(&data.benchmarks);
        let synthetic_models = count_synthetic(data.index.models());
        let tags = TagFetcher::new(data.cache_path.clone(), options.lang);
        let mut app = App {
            data,
            lang: options.lang,
            theme: Theme::named(options.theme, options.color),
            keymap: options.keymap.clone(),
            tab: Tab::Search,
            threshold: options.threshold,
            overlay: Overlay::None,
            search,
            threshold_pane: ThresholdState::default(),
            tasks: TasksState::default(),
            benchmarks,
            trends: TrendsState::default(),
            compare: CompareState::default(),
            sync: None,
            notice: None,
            too_small: false,
            tab_hits: Vec::new(),
            dragging_slider: false,
            sync_endpoint: options.sync_endpoint,
            filter: Filter::default(),
            unfiltered: None,
            synthetic_models,
            filter_form: None,
            filters_path: options.filters_path,
            tags,
            export_dir: options
                .export_dir
                .unwrap_or_else(super::export::default_dir),
            export_prompt: None,
            export_table: None,
            export: None,
            terminal_output: Vec::new(),
            in_tmux: super::clipboard::in_tmux(),
            keep_pane_work_below: KEEP_PANE_WORK_BELOW,
            quit: false,
        };
        app.load_saved_filter();
        app.load_remembered_theme();
        // A configuration error comes first, as the README promises. A notice about the saved
        // filters or the remembered theme follows it where the status bar has room.
        if let Some(text) = options.notice {
            let text = match app.notice.take() {
                Some(other) => format!("{text} · {}", other.text),
                None => text,
            };
            app.notice = Some(Notice { text, error: true });
        }
        app
    }

    /// Applies the theme remembered by `t` in an earlier run, if any.
    fn load_remembered_theme(&mut self) {
        let Some(filters_path) = &self.filters_path else {
            return;
        };
        let path = theme::remembered_path(filters_path);
        match theme::load_remembered(&path, self.lang) {
            Ok(None) => {}
            Ok(Some(name)) => self.theme = Theme::named(name, self.theme.has_color()),
            Err(message) => {
                tracing::warn!(path = %path.display(), "remembered theme ignored");
                if self.notice.is_none() {
                    self.notice = Some(Notice {
                        text: message,
                        error: true,
                    });
                }
            }
        }
    }

    /// Switches to the next theme, remembers it for the next runs and shows a notice.
    fn cycle_theme(&mut self) -> bool {
        let name = self.theme.name().next();
        self.theme = Theme::named(name, self.theme.has_color());
        let title = name.title(self.lang);
        let mut text = match self.lang {
            Lang::En => format!("theme: {title}"),
            Lang::Fr => format!("thème : {title}"),
        };
        if !self.theme.has_color() {
            text.push_str(self.lang.pick(
                " (NO_COLOR is set, so only patterns and bold differ)",
                " (NO_COLOR est défini : seuls les motifs et le gras changent)",
            ));
        }
        let mut error = false;
        if let Some(filters_path) = &self.filters_path {
            let path = theme::remembered_path(filters_path);
            if let Err(failure) = theme::remember(&path, name) {
                tracing::error!(path = %path.display(), error = %failure, "theme not remembered");
                let path = crate::sanitize::clean_truncated(&path.display().to_string(), 200);
                text = match self.lang {
                    Lang::En => format!("{text}; not remembered: {path}: {failure}"),
                    Lang::Fr => format!("{text} ; non mémorisé : {path} : {failure}"),
                };
                error = true;
            }
        }
        self.notice = Some(Notice { text, error });
        true
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Returns the threshold every pane shows: the typed value while it parses, else the
    /// applied one.
    pub fn effective_threshold(&self) -> u64 {
        self.threshold_pane.preview().unwrap_or(self.threshold)
    }

    /// Returns the keymap context that receives keys now.
    pub fn context(&self) -> Context {
        if self.export_prompt.is_some() {
            return Context::ExportPrompt;
        }
        if self.filter_form.is_some() {
            return Context::FilterForm;
        }
        if let Overlay::Help(_) = self.overlay {
            return Context::Help;
        }
        match self.tab {
            Tab::Search => match self.search.focus {
                SearchFocus::Results => Context::Search,
                SearchFocus::Query => Context::Query,
                SearchFocus::Detail(_) => Context::Detail,
            },
            Tab::Threshold => match self.threshold_pane.input {
                ThresholdInput::Idle => Context::Threshold,
                ThresholdInput::Editing(_) => Context::ThresholdInput,
            },
            Tab::Tasks => Context::Tasks,
            Tab::Benchmarks => match self.benchmarks.focus {
                BenchmarksFocus::Table => Context::Benchmarks,
                BenchmarksFocus::Chooser(_) => Context::BenchmarkChooser,
                BenchmarksFocus::Detail(_) => Context::BenchmarkDetail,
            },
            Tab::Trends => Context::Trends,
            Tab::Compare if self.compare.editing_b() => Context::CompareInput,
            Tab::Compare => match self.compare.focus {
                CompareFocus::List => Context::Compare,
                CompareFocus::Query => Context::CompareQuery,
                CompareFocus::Detail(..) => Context::CompareDetail,
            },
        }
    }

    /// Applies a terminal event and returns whether the screen must be drawn again.
    pub fn on_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) => self.on_key(key),
            Event::Mouse(mouse) => self.on_mouse(mouse),
            Event::Resize(_, _) => true,
            _ => false,
        }
    }

    /// Applies a key. Any key dismisses the notice. While a sync runs, a key the focused
    /// context does not use, or an Esc with nothing left to close, is looked up in
    /// [`Context::Sync`].
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        if self.too_small {
            return match self.keymap.lookup(Context::Global, key) {
                Some(Action::Quit) => self.handle(Action::Quit),
                _ => false,
            };
        }
        let dismissed = self.notice.take().is_some();
        let changed = match self.keymap.lookup(self.context(), key) {
            Some(Action::Back) if self.esc_cancels_sync() => self.handle(Action::CancelSync),
            Some(action) => self.handle(action),
            None if self.sync.is_some() => match self.keymap.lookup(Context::Sync, key) {
                Some(action) => self.handle(action),
                None => false,
            },
            None => false,
        };
        changed || dismissed
    }

    /// True while a sync runs and Esc has nothing to close or clear in the focused context.
    pub fn esc_cancels_sync(&self) -> bool {
        if self.sync.is_none() {
            return false;
        }
        match self.context() {
            Context::Search => self.search.query.is_empty(),
            Context::Compare => self.compare.query.is_empty(),
            Context::Global
            | Context::Threshold
            | Context::Tasks
            | Context::Benchmarks
            | Context::Trends => true,
            _ => false,
        }
    }

    /// Applies an action in the current context and returns whether anything visible changed.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit = true;
                if let Some(running) = &self.sync {
                    running.task.cancel();
                }
                true
            }
            Action::NextTab => self.switch_to(self.tab.next()),
            Action::PrevTab => self.switch_to(self.tab.previous()),
            Action::GoTo(tab) => self.switch_to(tab),
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Overlay::None => Overlay::Help(Scroll::default()),
                    Overlay::Help(_) => Overlay::None,
                };
                true
            }
            Action::StartSync => self.start_sync(),
            Action::CancelSync => self.cancel_sync(),
            Action::ThresholdUp => self.set_threshold(step_up(self.threshold)),
            Action::ThresholdDown => self.set_threshold(step_down(self.threshold)),
            Action::OpenFilters => self.open_filters(),
            Action::ClearFilters => self.clear_filters(),
            Action::CycleTheme => self.cycle_theme(),
            Action::Export => self.open_export(),
            Action::CopyId => self.copy_id(),
            _ => self.handle_in_context(action),
        }
    }

    fn handle_in_context(&mut self, action: Action) -> bool {
        match self.context() {
            Context::Help => self.handle_help(action),
            Context::Search | Context::Query | Context::Detail => self.search.handle(action),
            Context::Threshold => match action {
                Action::Top => self.set_threshold(STEPS[0]),
                Action::Bottom => self.set_threshold(STEPS[STEPS.len() - 1]),
                Action::Edit => self.threshold_pane.start_editing(),
                Action::ToggleChart => self.threshold_pane.toggle_chart(),
                Action::NextSuggestion => {
                    let (threshold, notice) =
                        self.threshold_pane.next_suggestion(&self.data, self.lang);
                    if let Some(threshold) = threshold {
                        self.threshold = threshold;
                    }
                    self.notice = Some(notice);
                    true
                }
                _ => false,
            },
            Context::ThresholdInput => match self.threshold_pane.edit(action) {
                EditOutcome::Applied(threshold) => {
                    self.threshold = threshold;
                    true
                }
                EditOutcome::Changed => true,
                EditOutcome::Unchanged => false,
            },
            Context::Tasks => {
                let groups = self.data.index.modality_splits(self.threshold);
                let len = super::panes::tasks::rows(&groups).len();
                self.tasks.handle(action, len)
            }
            Context::Benchmarks
                if action == Action::CycleModelType
                    && !self.benchmarks.offers_model_types(&self.data.benchmarks) =>
            {
                // `T` would do nothing at all, so the status line shows why.
                self.notice = Some(Notice {
                    text: self
                        .lang
                        .pick(
                            "T: no result of this set gives a model type, so there is none to filter by",
                            "T : aucun résultat de ce jeu n'indique de type de modèle, il n'y a donc pas de type à filtrer",
                        )
                        .to_string(),
                    error: false,
                });
                true
            }
            Context::Benchmarks
                if action == Action::CycleDateFilter
                    && !self.benchmarks.offers_years(&self.data.benchmarks) =>
            {
                // `a` would do nothing at all, so the status line shows why.
                self.notice = Some(Notice {
                    text: self
                        .lang
                        .pick(
                            "a: no result of this set has a date, so there is no year to filter by",
                            "a : aucun résultat de ce jeu n'est daté, il n'y a donc pas d'année à filtrer",
                        )
                        .to_string(),
                    error: false,
                });
                true
            }
            Context::Benchmarks | Context::BenchmarkChooser | Context::BenchmarkDetail => {
                self.benchmarks.handle(action, &self.data.benchmarks)
            }
            Context::Trends => self.trends.handle(action, &self.data.index),
            Context::Compare
            | Context::CompareInput
            | Context::CompareQuery
            | Context::CompareDetail => {
                let data = CompareData {
                    index: &self.data.index,
                    ids: self.search.id_search.shared_ids(),
                };
                self.compare.handle(action, data, self.threshold)
            }
            Context::FilterForm => self.edit_filters(action),
            Context::ExportPrompt => self.handle_export_prompt(action),
            Context::Global | Context::Sync | Context::Tour => false,
        }
    }

    fn handle_help(&mut self, action: Action) -> bool {
        let Overlay::Help(scroll) = &mut self.overlay else {
            return false;
        };
        if action == Action::Back {
            self.overlay = Overlay::None;
            return true;
        }
        scroll.apply(action)
    }

    fn switch_to(&mut self, tab: Tab) -> bool {
        if tab == self.tab {
            return false;
        }
        if matches!(self.search.focus, SearchFocus::Query) {
            self.search.focus = SearchFocus::Results;
        }
        if self.compare.focus == CompareFocus::Query {
            self.compare.focus = CompareFocus::List;
        }
        self.tab = tab;
        self.release_hidden_pane_work();
        true
    }

    fn start_sync(&mut self) -> bool {
        if self.sync.is_some() {
            self.notice = Some(Notice {
                text: self
                    .lang
                    .pick(
                        "a sync is already running; Esc stops it",
                        "une synchronisation est déjà en cours ; Échap l'arrête",
                    )
                    .to_string(),
                error: false,
            });
            return true;
        }
        let request = sync_task::default_request();
        let limit = request.limit.unwrap_or(u64::MAX);
        let settings = SyncSettings {
            cache_path: self.data.cache_path.clone(),
            endpoint: self.sync_endpoint.clone(),
            lang: self.lang,
            request,
        };
        match SyncTask::spawn(settings) {
            Ok(task) => self.attach_sync(task, limit),
            Err(error) => {
                tracing::error!(error = %error, "cannot start the sync thread");
                self.notice = Some(Notice {
                    text: match self.lang {
                        Lang::En => format!("cannot start the sync: {error}"),
                        Lang::Fr => format!(
                            "impossible de lancer la synchronisation : {}",
                            crate::i18n::io_error(Lang::Fr, &error)
                        ),
                    },
                    error: true,
                });
            }
        }
        true
    }

    /// Shows `task` as the running sync, stopping at `limit` models.
    pub(super) fn attach_sync(&mut self, task: SyncTask, limit: u64) {
        self.sync = Some(RunningSync {
            task,
            progress: SyncProgress {
                pages: 0,
                models: 0,
                resumed: false,
            },
            limit,
            waiting: None,
        });
    }

    fn cancel_sync(&mut self) -> bool {
        match &self.sync {
            Some(running) if !running.task.is_cancelled() => {
                running.task.cancel();
                true
            }
            _ => false,
        }
    }

    /// Cancels a running sync and waits for its thread to end.
    pub fn stop_sync(&mut self) {
        if let Some(running) = self.sync.take() {
            running.task.cancel();
            drop(running);
            tracing::info!("sync stopped on quit");
        }
    }

    /// True while a sync runs, cancelled or not: the loop then polls for its messages.
    pub fn is_syncing(&self) -> bool {
        self.sync.is_some()
    }

    /// True while a pane's query is searched off the UI thread, so the loop polls for the
    /// matches.
    pub fn is_searching(&self) -> bool {
        self.search.is_searching() || self.compare.is_searching()
    }

    /// True while a pane's one-off work for the index (grouping, ranking, sorting matches)
    /// runs off the UI thread, so the loop polls for its result.
    pub fn is_computing(&self) -> bool {
        self.trends.is_computing() || self.compare.is_computing()
    }

    /// Keeps the panes' work that finished since the last call for the current index. Returns
    /// whether anything visible changed.
    pub fn poll_panes(&mut self) -> bool {
        let index = &self.data.index;
        let trends = self.trends.poll(index.generation());
        let compare = self.compare.poll_work(index);
        self.release_hidden_pane_work();
        trends || compare
    }

    /// Keeps the Trends groups and the A/B ranking apart on a large index, where each costs
    /// tens of megabytes. The work of the pane not shown is dropped when the other pane is
    /// shown, and computed again when its pane is next drawn. On smaller indexes both are kept,
    /// as recomputing them would cost more than the memory they hold.
    fn release_hidden_pane_work(&mut self) {
        if self.data.index.len() < self.keep_pane_work_below {
            return;
        }
        let released = match self.tab {
            Tab::Trends => self.compare.release_ranking(),
            Tab::Compare => self.trends.release_groups(),
            _ => false,
        };
        if released {
            // The freed memory belongs to the worker thread's allocator arena, which the other
            // pane's worker does not reuse: it goes back to the system.
            super::load::release_free_memory();
        }
    }

    /// Waits up to `timeout` for the panes' work in flight and keeps it. Returns whether none
    /// is left in flight. Tests and benches call it so that a frame shows the figures.
    pub(crate) fn wait_for_panes(&mut self, timeout: std::time::Duration) -> bool {
        let index = &self.data.index;
        let trends = self.trends.wait(index.generation(), timeout);
        let compare = self.compare.wait(index, timeout);
        self.release_hidden_pane_work();
        trends && compare
    }

    /// Lists the matches of every search that finished since the last call. Returns whether
    /// anything visible changed.
    pub fn poll_search(&mut self) -> bool {
        let search = self.search.poll();
        let compare = self.compare.poll(&self.data.index);
        search || compare
    }

    /// Applies every message the sync sent since the last call; returns whether anything
    /// visible changed.
    pub fn poll_sync(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(running) = &self.sync else {
                return changed;
            };
            match running.task.try_recv() {
                Ok(message) => changed |= self.apply_sync(message),
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    tracing::error!("the sync thread ended without a result");
                    let text = self
                        .lang
                        .pick(
                            "the sync stopped unexpectedly; see the log",
                            "la synchronisation s'est arrêtée de façon inattendue ; voir le journal",
                        )
                        .to_string();
                    return self.apply_sync(SyncMsg::Failed(text));
                }
            }
        }
    }

    /// Applies one message of the running sync; returns whether anything visible changed.
    pub fn apply_sync(&mut self, message: SyncMsg) -> bool {
        let Some(running) = &mut self.sync else {
            return false;
        };
        match message {
            SyncMsg::Started(progress) => running.progress = progress,
            SyncMsg::Page { progress, refresh } => {
                running.progress = progress;
                running.waiting = None;
                if let Some(refresh) = refresh {
                    self.replace_models(*refresh);
                }
            }
            SyncMsg::Waiting(text) => running.waiting = Some(text),
            SyncMsg::Done(outcome) => {
                self.sync = None;
                self.notice = Some(Notice {
                    text: self.outcome_text(outcome),
                    error: false,
                });
            }
            SyncMsg::Failed(text) => {
                self.sync = None;
                self.notice = Some(Notice {
                    text: match self.lang {
                        Lang::En => format!("sync failed: {text}"),
                        Lang::Fr => format!("échec de la synchronisation : {text}"),
                    },
                    error: true,
                });
            }
        }
        true
    }

    fn outcome_text(&self, outcome: SyncOutcome) -> String {
        let lang = self.lang;
        let models = |count: u64| lang.count(count, ("model", "models"), ("modèle", "modèles"));
        let pages = |count: u64| lang.count(count, ("page", "pages"), ("page", "pages"));
        let cached = models(self.data.index.len() as u64);
        match (outcome, lang) {
            (SyncOutcome::Finished(step), Lang::En) => format!(
                "sync finished: {}, {}; the cache holds {cached}",
                pages(step.pages),
                models(step.models)
            ),
            (SyncOutcome::Finished(step), Lang::Fr) => format!(
                "synchronisation terminée : {}, {} ; le cache contient {cached}",
                pages(step.pages),
                models(step.models)
            ),
            (SyncOutcome::Cancelled(step), Lang::En) => format!(
                "sync stopped after {} ({}); S continues it",
                pages(step.pages),
                models(step.models)
            ),
            (SyncOutcome::Cancelled(step), Lang::Fr) => format!(
                "synchronisation arrêtée après {} ({}) ; S la reprend",
                pages(step.pages),
                models(step.models)
            ),
        }
    }

    /// Shows the refreshed models, keeping the threshold, the tab, the query, the sort, the
    /// selected model and the filter.
    pub(super) fn replace_models(&mut self, refresh: Refresh) {
        let Refresh {
            index,
            mut search,
            history,
        } = refresh;
        if let Some((history, provenance)) = history {
            self.data.history = Arc::new(history);
            self.data.provenance = provenance;
        }
        self.synthetic_models = count_synthetic(index.models());
        if !self.filter.is_empty() {
            // NOTE: the filtered index is rebuilt here on the UI thread, about 20 ms per 5,000
            // models at each stored page, because the sync thread does not know the filter.
            self.unfiltered = Some(index.into_models());
            self.rebuild_index();
            return;
        }
        search.carry_over(&self.search);
        self.search = search;
        self.data.index = Arc::new(index);
    }

    fn set_threshold(&mut self, threshold: u64) -> bool {
        let changed = threshold != self.threshold;
        self.threshold = threshold;
        changed
    }
}

/// Counts the models that `slmscope synth` generated.
fn count_synthetic(models: &[Model]) -> u64 {
    models.iter().filter(|model| model.synthetic).count() as u64
}
