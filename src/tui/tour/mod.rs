//! `slmscope tour`: a presentation of the study's four questions, one step per question. Each
//! step draws the pane that answers it under a caption computed from the cache at the current
//! threshold, for a talk in front of a projector.
//!
//! The steps stop at both ends rather than wrap: a presenter who presses "next" once too often
//! stays on the last question instead of jumping back to the first in front of the audience.
//! The tour reads the cache once, off the UI thread behind the explorer's loading screen, and
//! shows every model: the explorer's saved filters and theme are not applied, so the numbers are
//! those of the whole cache.

#[doc(hidden)]
pub mod bench;
mod captions;
mod ui;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyEvent};

use super::AppData;
use super::action::{Action, Context, Keymap};
use super::load::Loader;
use super::panes::benchmarks::BenchmarksState;
use super::panes::tasks::TasksState;
use super::panes::threshold::ThresholdState;
use super::panes::trends::TrendsState;
use super::tag_task::TagFetcher;
use super::theme::{Theme, ThemeName};
use crate::analysis::threshold::{step_down, step_up};
use crate::analysis::trends::indexed::TrendsIndex;
use crate::i18n::Lang;

pub use captions::Caption;

/// The four questions of the study, in the order the tour asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Threshold,
    Benchmarks,
    Tasks,
    Trends,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Threshold, Step::Benchmarks, Step::Tasks, Step::Trends];

    /// Returns the step's position, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|step| *step == self).unwrap_or(0)
    }

    /// Returns the question the step answers.
    pub fn question(self, lang: Lang) -> &'static str {
        match self {
            Step::Threshold => lang.pick(
                "Is there a parameter threshold between SLM and LLM?",
                "Existe-t-il un seuil de paramètres entre SLM et LLM\u{a0}?",
            ),
            Step::Benchmarks => lang.pick(
                "Can an SLM match an LLM on a specific task?",
                "Un SLM peut-il égaler un LLM sur une tâche précise\u{a0}?",
            ),
            Step::Tasks => lang.pick(
                "Which tasks do SLMs serve?",
                "À quelles tâches servent les SLM\u{a0}?",
            ),
            Step::Trends => lang.pick(
                "Do SLMs gain share over time, and how long do they stay in use?",
                "Les SLM gagnent-ils du terrain, et combien de temps restent-ils utilisés\u{a0}?",
            ),
        }
    }

    /// Returns the name of the pane the step shows, as the explorer's tabs write it.
    pub fn pane_title(self, lang: Lang) -> &'static str {
        let tab = match self {
            Step::Threshold => super::app::Tab::Threshold,
            Step::Benchmarks => super::app::Tab::Benchmarks,
            Step::Tasks => super::app::Tab::Tasks,
            Step::Trends => super::app::Tab::Trends,
        };
        tab.title(lang)
    }
}

pub struct TourOptions {
    pub lang: Lang,
    /// The starting threshold, in parameters.
    pub threshold: u64,
    /// False when NO_COLOR is set: styles then use modifiers only.
    pub color: bool,
    pub theme: ThemeName,
    /// The keys of the configuration file's `[keys]` table. They reach the help popup, but the
    /// tour's own keys stay the built-in ones, as in the explorer's text inputs.
    pub keymap: Keymap,
}

/// The state of a tour. Keys change it only through [`Tour::handle`].
pub struct Tour {
    pub(super) data: AppData,
    pub(super) lang: Lang,
    pub(super) theme: Theme,
    pub(super) keymap: Keymap,
    /// Reads the tag lists that a result's details show.
    pub(super) tags: TagFetcher,
    pub(super) step: Step,
    /// The threshold every step draws with, in parameters.
    pub(super) threshold: u64,
    pub(super) threshold_pane: ThresholdState,
    pub(super) tasks: TasksState,
    pub(super) benchmarks: BenchmarksState,
    pub(super) trends: TrendsState,
    /// The benchmark set of step 2 at the current threshold, as an index into the sets; `None`
    /// without results.
    pub(super) set: Option<usize>,
    /// The models grouped by creation month for the caption of step 4: `None` until step 4
    /// first needs it. Grouping reads every model's dates, and the tour never changes the data,
    /// so it is done at most once.
    trends_index: Option<TrendsIndex>,
    /// The caption last computed, with the step and threshold it was computed for.
    caption: Option<(Step, u64, Caption)>,
    pub(super) help: bool,
    /// True while the last frame was too small for the tour: keys other than leave are ignored.
    pub(super) too_small: bool,
    quit: bool,
}

impl Tour {
    pub fn new(data: AppData, options: TourOptions) -> Tour {
        let set = captions::tour_set(&data.benchmarks, options.threshold);
        let mut benchmarks = BenchmarksState::new(&data.benchmarks);
        if let Some(set) = set {
            benchmarks.show_set(set, &data.benchmarks);
        }
        Tour {
            tags: TagFetcher::new(data.cache_path.clone(), options.lang),
            lang: options.lang,
            theme: Theme::named(options.theme, options.color),
            keymap: options.keymap,
            step: Step::Threshold,
            threshold: options.threshold,
            threshold_pane: ThresholdState {
                presenting: true,
                ..ThresholdState::default()
            },
            tasks: TasksState::default(),
            benchmarks,
            trends: TrendsState::default(),
            set,
            trends_index: None,
            caption: None,
            help: false,
            too_small: false,
            quit: false,
            data,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// Returns the caption of the current step at the current threshold, computed again only
    /// when either has changed since the last call.
    pub fn caption(&mut self) -> &Caption {
        let key = (self.step, self.threshold);
        let stale = self
            .caption
            .as_ref()
            .is_none_or(|(step, threshold, _)| (*step, *threshold) != key);
        if stale {
            let caption = self.compute_caption();
            self.caption = Some((self.step, self.threshold, caption));
        }
        &self
            .caption
            .as_ref()
            .expect("the caption was just computed")
            .2
    }

    fn compute_caption(&mut self) -> Caption {
        let (lang, threshold) = (self.lang, self.threshold);
        let index = &self.data.index;
        match self.step {
            Step::Threshold => {
                let tools = self.threshold_pane.tools.get(&self.data);
                captions::threshold(index, &tools.suggestions, threshold, lang)
            }
            Step::Benchmarks => {
                captions::benchmarks(&self.data.benchmarks, self.set, threshold, lang)
            }
            Step::Tasks => captions::tasks(index, threshold, lang),
            Step::Trends => {
                let trends = self
                    .trends_index
                    .get_or_insert_with(|| TrendsIndex::build(index, &self.data.provenance, &[]));
                captions::trends(index, trends, threshold, lang)
            }
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

    /// Applies a key: the tour's keys, or the help's while the help is open.
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        if self.help {
            return match self.keymap.lookup(Context::Help, key) {
                Some(Action::Back | Action::ToggleHelp) => self.handle(Action::ToggleHelp),
                Some(Action::Quit) => self.handle(Action::Quit),
                _ => false,
            };
        }
        match self.keymap.lookup(Context::Tour, key) {
            Some(Action::Quit) => self.handle(Action::Quit),
            Some(_) if self.too_small => false,
            Some(action) => self.handle(action),
            None => false,
        }
    }

    /// Applies an action and returns whether anything visible changed.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::NextStep => self.go_to(self.step.index() + 1),
            Action::PrevStep => match self.step.index().checked_sub(1) {
                Some(previous) => self.go_to(previous),
                None => false,
            },
            Action::GoToStep(index) => self.go_to(index),
            Action::ThresholdUp => self.set_threshold(step_up(self.threshold)),
            Action::ThresholdDown => self.set_threshold(step_down(self.threshold)),
            Action::ToggleHelp => {
                self.help = !self.help;
                true
            }
            Action::CycleTheme => {
                self.theme = Theme::named(self.theme.name().next(), self.theme.has_color());
                true
            }
            _ => false,
        }
    }

    /// Moves to the step at `index`; returns false past the last step or on the current one.
    fn go_to(&mut self, index: usize) -> bool {
        match Step::ALL.get(index) {
            Some(&step) if step != self.step => {
                self.step = step;
                true
            }
            _ => false,
        }
    }

    /// Moves the threshold and picks step 2's set again, since which set has both classes, and
    /// how close they come, depends on it.
    fn set_threshold(&mut self, threshold: u64) -> bool {
        let changed = threshold != self.threshold;
        self.threshold = threshold;
        let set = captions::tour_set(&self.data.benchmarks, threshold);
        if set != self.set {
            self.set = set;
            if let Some(set) = set {
                self.benchmarks.show_set(set, &self.data.benchmarks);
            }
        }
        changed
    }
}

/// How long one wait for input lasts when nothing is computed: nothing changes between keys
/// then, so this only bounds a wait.
const POLL_TIMEOUT: Duration = Duration::from_millis(500);
/// How long one wait for input lasts while the Trends step groups the models: the longest the
/// chart waits before it is drawn once the grouping ends.
const COMPUTE_POLL_TIMEOUT: Duration = Duration::from_millis(10);

/// Runs the tour on the cache at `db` until the presenter leaves. As in the explorer, the first
/// frame is the loading screen, drawn at once while the cache loads on a thread of its own, and
/// the quit keys work during the load. The terminal is restored on return, on error and on
/// panic.
///
/// Errors when stdin or stdout is not a terminal, when the terminal cannot be set up or written
/// to, or when the cache cannot be loaded.
pub fn run(db: PathBuf, options: TourOptions) -> anyhow::Result<()> {
    let lang = options.lang;
    super::require_terminal(lang, super::Screen::Tour)?;
    let loading_theme = Theme::named(options.theme, options.color);
    let keymap = options.keymap.clone();
    let mut loader = Loader::start_with(db, lang, move |data| Tour::new(data, options))?;

    super::signals::install();
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            // Raw mode may be on even though entering the alternate screen failed.
            ratatui::restore();
            return Err(error).context(lang.pick(
                "failed to set up the terminal (raw mode and alternate screen)",
                "échec de la préparation du terminal (mode brut et écran alternatif)",
            ));
        }
    };
    let result = match super::wait_for_load(&mut terminal, &mut loader, &loading_theme, &keymap) {
        Ok(Some(mut tour)) => {
            tracing::info!(models = tour.data.index.len(), "tour started");
            let result = event_loop(&mut terminal, &mut tour);
            ratatui::restore();
            if result.is_ok() {
                tracing::info!(step = tour.step.index() + 1, "tour stopped");
            }
            result
        }
        Ok(None) => {
            ratatui::restore();
            tracing::info!("quit while the cache was loading");
            Ok(())
        }
        Err(error) => {
            ratatui::restore();
            Err(error)
        }
    };
    if let Err(error) = &result {
        tracing::error!(error = format!("{error:#}"), "tour failed");
    }
    result
}

/// Waits for events, applies every pending one and the Trends step's finished grouping, then
/// draws once if anything changed.
fn event_loop(terminal: &mut ratatui::DefaultTerminal, tour: &mut Tour) -> anyhow::Result<()> {
    let mut redraw = true;
    while !tour.should_quit() && super::signals::received().is_none() {
        if redraw {
            terminal
                .draw(|frame| ui::draw(frame, tour))
                .context("failed to draw to the terminal")?;
            redraw = false;
        }
        // While the Trends step groups the models off the UI thread, the loop wakes often to
        // draw the chart soon after the grouping ends.
        let timeout = if tour.trends.is_computing() {
            COMPUTE_POLL_TIMEOUT
        } else {
            POLL_TIMEOUT
        };
        let ready = event::poll(timeout).context("failed to read terminal events")?;
        redraw |= tour.trends.poll(tour.data.index.generation());
        if !ready {
            continue;
        }
        loop {
            let event = event::read().context("failed to read terminal events")?;
            redraw |= tour.on_event(&event);
            let pending = event::poll(Duration::ZERO).context("failed to read terminal events")?;
            if tour.should_quit() || !pending {
                break;
            }
        }
    }
    Ok(())
}
