//! The application state: the focused tab, the threshold, one small state per pane and the help
//! popup, changed only through [`App::handle`].

use crossterm::event::{Event, KeyEvent};

use super::action::{self, Action, Context};
use super::cursor::Scroll;
use super::panes::benchmarks::{BenchmarksFocus, BenchmarksState};
use super::panes::search::{SearchFocus, SearchState};
use super::panes::tasks::TasksState;
use super::panes::threshold::{EditOutcome, ThresholdInput, ThresholdState};
use super::theme::Theme;
use super::{AppData, TuiOptions};
use crate::analysis::threshold::{STEPS, step_down, step_up};
use crate::i18n::Lang;

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Search,
    Threshold,
    Tasks,
    Benchmarks,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Search, Tab::Threshold, Tab::Tasks, Tab::Benchmarks];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Tab::Search => lang.pick("Search", "Recherche"),
            Tab::Threshold => lang.pick("Threshold", "Seuil"),
            Tab::Tasks => lang.pick("Tasks", "Tâches"),
            Tab::Benchmarks => "Benchmarks",
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
            Tab::Benchmarks => &[Context::Benchmarks, Context::BenchmarkDetail],
        }
    }
}

/// The popup drawn over the panes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help(Scroll),
}

pub struct App {
    pub(super) data: AppData,
    pub(super) lang: Lang,
    pub(super) theme: Theme,
    pub(super) tab: Tab,
    /// The applied threshold, in parameters.
    pub(super) threshold: u64,
    pub(super) overlay: Overlay,
    pub(super) search: SearchState,
    pub(super) threshold_pane: ThresholdState,
    pub(super) tasks: TasksState,
    pub(super) benchmarks: BenchmarksState,
    quit: bool,
}

impl App {
    pub fn new(data: AppData, options: TuiOptions) -> App {
        let search = SearchState::new(data.index.models());
        let benchmarks = BenchmarksState::new(&data.benchmarks);
        App {
            data,
            lang: options.lang,
            theme: Theme::new(options.color),
            tab: Tab::Search,
            threshold: options.threshold,
            overlay: Overlay::None,
            search,
            threshold_pane: ThresholdState::default(),
            tasks: TasksState::default(),
            benchmarks,
            quit: false,
        }
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
                BenchmarksFocus::Detail(_) => Context::BenchmarkDetail,
            },
        }
    }

    /// Applies a terminal event and returns whether the screen must be drawn again.
    pub fn on_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) => self.on_key(key),
            Event::Resize(_, _) => true,
            _ => false,
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        match action::lookup(self.context(), key) {
            Some(action) => self.handle(action),
            None => false,
        }
    }

    /// Applies an action in the current context and returns whether anything visible changed.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit = true;
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
            Action::ThresholdUp => self.set_threshold(step_up(self.threshold)),
            Action::ThresholdDown => self.set_threshold(step_down(self.threshold)),
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
                let len = self.data.index.task_splits(self.threshold).len();
                self.tasks.handle(action, len)
            }
            Context::Benchmarks | Context::BenchmarkDetail => {
                self.benchmarks.handle(action, &self.data.benchmarks)
            }
            Context::Global => false,
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
        self.tab = tab;
        true
    }

    fn set_threshold(&mut self, threshold: u64) -> bool {
        let changed = threshold != self.threshold;
        self.threshold = threshold;
        changed
    }
}
