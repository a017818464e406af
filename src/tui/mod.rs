//! The terminal UI: the entry point the CLI calls, terminal set-up and restore, and the event
//! loop that applies keys and sync messages to the [`App`] and draws only when something
//! changed.

mod action;
mod app;
mod app_export;
mod app_filters;
mod app_mouse;
#[doc(hidden)]
pub mod bench_startup;
#[doc(hidden)]
pub mod bench_threshold;
mod class;
mod clipboard;
mod cursor;
pub mod export;
mod filter_file;
pub(crate) mod format;
mod input;
pub(crate) mod load;
mod pane_task;
pub(crate) mod panes;
mod search_task;
pub mod signals;
mod sync_task;
mod tag_task;
mod theme;
pub mod tour;
mod ui;
mod widgets;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_benchmarks;
#[cfg(test)]
mod tests_bytes;
#[cfg(test)]
mod tests_compare;
#[cfg(test)]
mod tests_export;
#[cfg(test)]
mod tests_filters;
#[cfg(test)]
mod tests_mouse;
#[cfg(test)]
mod tests_pane_work;
#[cfg(test)]
mod tests_search;
#[cfg(test)]
mod tests_sync;
#[cfg(test)]
mod tests_theme;
#[cfg(test)]
mod tests_tools;
#[cfg(test)]
mod tests_trends;

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event;
use ratatui::DefaultTerminal;

use crate::analysis::Index;
use crate::analysis::benchmarks::{BenchmarkSet, benchmark_sets, model_types, result_years};
use crate::i18n::Lang;
use crate::model::{BenchmarkResult, ModelType, Provenance, ReferenceModel, SyncHistory};

use app::App;
pub use load::load_app_data;
use load::{LoadPoll, Loader};

/// Everything the panes show, loaded off the UI thread while the loading screen is drawn.
pub struct AppData {
    /// Shared so that a worker thread can group the models while the UI draws.
    pub index: Arc<Index>,
    pub benchmarks: BenchmarkData,
    pub reference: Vec<ReferenceModel>,
    /// The downloads each sync recorded, oldest first, for the Trends pane. Shared so that a
    /// worker thread can group them while the UI draws.
    pub history: Arc<Vec<SyncHistory>>,
    /// The imports and syncs of the cache: the newest gives the time the data describes.
    pub provenance: Provenance,
    /// Shown in the help and in the empty-cache message.
    pub cache_path: PathBuf,
}

/// The benchmark results with what the Benchmarks pane derives from them, computed once when
/// the data is loaded.
pub struct BenchmarkData {
    results: Vec<BenchmarkResult>,
    sets: Vec<BenchmarkSet>,
    model_types: Vec<ModelType>,
    years: Vec<i32>,
}

impl BenchmarkData {
    /// Groups `results` into sets and lists the model types and years the filters offer.
    pub fn new(results: Vec<BenchmarkResult>) -> BenchmarkData {
        BenchmarkData {
            sets: benchmark_sets(&results),
            model_types: model_types(&results),
            years: result_years(&results),
            results,
        }
    }

    pub fn results(&self) -> &[BenchmarkResult] {
        &self.results
    }

    /// Returns the sets in [`benchmark_sets`] order: by domain, then benchmark, then metric.
    pub fn sets(&self) -> &[BenchmarkSet] {
        &self.sets
    }

    /// Returns the model types present among the results, in [`ModelType::ALL`] order.
    pub fn model_types(&self) -> &[ModelType] {
        &self.model_types
    }

    /// Returns the years of the results' dates, oldest first.
    pub fn years(&self) -> &[i32] {
        &self.years
    }
}

pub struct TuiOptions {
    pub lang: Lang,
    /// The starting threshold, in parameters.
    pub threshold: u64,
    /// False when NO_COLOR is set: styles then use modifiers only.
    pub color: bool,
    /// The Hub endpoint the `S` sync fetches from; `None` reads `HF_ENDPOINT` like
    /// `slmscope sync`.
    pub sync_endpoint: Option<String>,
    /// The file the filters are loaded from at start and saved to when they change; `None`
    /// keeps them for this run only.
    pub filters_path: Option<PathBuf>,
    /// A message to show in the status bar at start, such as mistakes in the configuration file.
    pub notice: Option<String>,
    /// The folder `e` writes exports to; `None` uses [`export::default_dir`].
    pub export_dir: Option<PathBuf>,
    /// The theme when none was remembered with `t` (the configuration file's `theme`, else dark).
    pub theme: ThemeName,
    /// The keys, with the configuration file's `[keys]` replacements.
    pub keymap: Keymap,
    /// True to read the mouse: clicks on tabs, rows and the slider, and the wheel.
    pub mouse: bool,
}

pub use action::{ACTION_NAMES, Keymap, RebindError};
pub use filter_file::default_path as default_filters_path;
pub use theme::ThemeName;

/// How long one wait for input lasts when no sync runs. Nothing happens between events then,
/// so this only bounds how long a wait can be.
const POLL_TIMEOUT: Duration = Duration::from_millis(500);
/// How long one wait for input lasts while a sync or an export runs: the longest a stored page
/// or an export's progress waits before the screen shows it.
const SYNC_POLL_TIMEOUT: Duration = Duration::from_millis(100);
/// How long one wait for input lasts while a query is searched or a pane's figures are computed
/// off the UI thread: the longest finished matches or figures wait before the pane shows them.
const SEARCH_POLL_TIMEOUT: Duration = Duration::from_millis(10);
/// How long one wait for input lasts while the cache loads: the longest a new stage or the
/// loaded panes wait before they are drawn.
const LOAD_POLL_TIMEOUT: Duration = Duration::from_millis(50);

/// Runs the UI on the cache at `db` until the user quits. The first frame is drawn at once:
/// a loading screen that follows the load, which runs on a thread of its own, until the panes
/// replace it. The terminal is restored on return, on error and on panic.
///
/// Errors when stdin or stdout is not a terminal, when the terminal cannot be set up or
/// written to, or when the cache cannot be loaded.
pub fn run(db: PathBuf, options: TuiOptions) -> anyhow::Result<()> {
    require_terminal(options.lang, Screen::Explorer)?;
    let lang = options.lang;
    let mouse = options.mouse;
    let loading_theme = loading_theme(&options);
    let keymap = options.keymap.clone();
    let mut loader = Loader::start(db, options)?;

    signals::install();
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
    if mouse {
        capture_mouse();
    }
    let result = match wait_for_load(&mut terminal, &mut loader, &loading_theme, &keymap) {
        Ok(Some(app)) => {
            let mut app = *app;
            tracing::info!(models = app.data.index.len(), "terminal UI started");
            let result = event_loop(&mut terminal, &mut app);
            release_terminal(mouse);
            // A running sync stops after the page in flight; its cursor lets a later one
            // continue.
            app.stop_sync();
            if app.is_exporting() {
                eprintln!(
                    "{}",
                    app.lang.pick(
                        "Finishing the export before quitting…",
                        "Fin de l'export avant de quitter…"
                    )
                );
            }
            if let Some(message) = app.finish_export() {
                eprintln!("{message}");
            }
            // Freeing millions of models one by one takes seconds after the terminal is
            // restored, and the process ends once this returns, so the memory is left to the
            // operating system.
            // NOTE: a caller that keeps running after `run` leaks the loaded cache.
            std::mem::forget(app);
            result
        }
        Ok(None) => {
            release_terminal(mouse);
            tracing::info!("quit while the cache was loading");
            Ok(())
        }
        Err(error) => {
            release_terminal(mouse);
            Err(error)
        }
    };

    if let Some(signal) = signals::received() {
        tracing::info!(signal, "terminal UI stopped by a signal");
    }
    match &result {
        Ok(()) => tracing::info!("terminal UI stopped"),
        Err(error) => tracing::error!(error = format!("{error:#}"), "terminal UI failed"),
    }
    result
}

/// Hidden setting, left out of the help: one character whose key makes the explorer panic on
/// its main thread. It lets tests check that a panic restores the terminal.
pub const PANIC_KEY_VAR: &str = "SLMSCOPE_PANIC_KEY";

/// Reads [`PANIC_KEY_VAR`]; a value that is not exactly one character is ignored.
fn panic_key() -> Option<char> {
    let value = std::env::var(PANIC_KEY_VAR).ok()?;
    let mut chars = value.chars();
    let key = chars.next()?;
    chars.next().is_none().then_some(key)
}

fn is_press_of(event: &event::Event, key: char) -> bool {
    matches!(event, event::Event::Key(pressed)
        if pressed.kind == event::KeyEventKind::Press && pressed.code == event::KeyCode::Char(key))
}

/// Returns the theme of the explorer's loading screen: the one the panes open with, so the
/// theme remembered with `t` when it can be read, else the configured one.
fn loading_theme(options: &TuiOptions) -> theme::Theme {
    let remembered = options.filters_path.as_deref().and_then(|filters| {
        theme::load_remembered(&theme::remembered_path(filters), options.lang)
            .ok()
            .flatten()
    });
    theme::Theme::named(remembered.unwrap_or(options.theme), options.color)
}

/// The full-screen views that need an interactive terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Screen {
    Explorer,
    Tour,
}

/// Fails, in `lang`, when stdin or stdout is not a terminal, naming the view that needs one.
pub(crate) fn require_terminal(lang: Lang, screen: Screen) -> anyhow::Result<()> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(anyhow::anyhow!(not_a_terminal_message(lang, screen)))
}

/// Words the error of a view started with stdin or stdout not a terminal.
fn not_a_terminal_message(lang: Lang, screen: Screen) -> String {
    let needs = match (screen, lang) {
        (Screen::Explorer, Lang::En) => "the explorer needs an interactive terminal, so run it",
        (Screen::Tour, Lang::En) => "the tour needs an interactive terminal, so run it",
        (Screen::Explorer, Lang::Fr) => {
            "l'explorateur demande un terminal interactif, lancez-le donc"
        }
        (Screen::Tour, Lang::Fr) => "la visite demande un terminal interactif, lancez-la donc",
    };
    match lang {
        Lang::En => {
            format!("stdin or stdout is not a terminal: {needs} without pipes or redirection")
        }
        Lang::Fr => format!(
            "l'entrée ou la sortie standard n'est pas un terminal : {needs} sans tube ni redirection"
        ),
    }
}

/// Asks the terminal for mouse events, and makes a panic give the mouse back before the
/// terminal is restored. A terminal that cannot report the mouse just sends none.
fn capture_mouse() {
    if let Err(error) = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)
    {
        tracing::warn!(%error, "mouse capture failed; keys still work");
        return;
    }
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        restore(info);
    }));
}

/// Gives the mouse back to the terminal when it was captured, then restores the terminal.
fn release_terminal(mouse: bool) {
    if mouse {
        // Failing to write here leaves nothing more to do: the terminal is being restored.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
}

/// Draws the loading screen until the load ends, redrawing when its stage changes or the
/// terminal is resized. Returns `None` when the user quits first: the load is then cancelled.
/// The explorer and the tour both start with it.
pub(crate) fn wait_for_load<T: Send + 'static>(
    terminal: &mut DefaultTerminal,
    loader: &mut Loader<T>,
    theme: &theme::Theme,
    keymap: &Keymap,
) -> anyhow::Result<Option<Box<T>>> {
    let mut redraw = true;
    loop {
        if redraw {
            terminal
                .draw(|frame| ui::draw_loading(frame, loader, theme))
                .context("failed to draw to the terminal")?;
            redraw = false;
        }
        if signals::received().is_some() {
            return Ok(None);
        }
        match loader.poll() {
            LoadPoll::Finished(result) => return result.map(Some),
            LoadPoll::Running { changed } => redraw |= changed,
        }
        if !event::poll(LOAD_POLL_TIMEOUT).context("failed to read terminal events")? {
            continue;
        }
        loop {
            match event::read().context("failed to read terminal events")? {
                event::Event::Key(key) if ui::quits_loading(&key, keymap) => return Ok(None),
                event::Event::Resize(_, _) => redraw = true,
                _ => {}
            }
            if !event::poll(Duration::ZERO).context("failed to read terminal events")? {
                break;
            }
        }
    }
}

/// Waits for events, applies every pending one, every message of a running sync, every
/// finished search and every finished pane computation, then draws once if anything changed.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut redraw = true;
    let panic_key = panic_key();
    while !app.should_quit() && signals::received().is_none() {
        if redraw {
            terminal
                .draw(|frame| ui::draw(frame, app))
                .context("failed to draw to the terminal")?;
            redraw = false;
        }
        let output = app.take_terminal_output();
        if !output.is_empty() {
            let backend = terminal.backend_mut();
            backend
                .write_all(&output)
                .and_then(|()| backend.flush())
                .context("failed to write to the terminal")?;
        }
        let timeout = if app.is_searching() || app.is_computing() || app.tags.is_waiting() {
            SEARCH_POLL_TIMEOUT
        } else if app.is_syncing() || app.is_exporting() {
            SYNC_POLL_TIMEOUT
        } else {
            POLL_TIMEOUT
        };
        let ready = event::poll(timeout).context("failed to read terminal events")?;
        redraw |= app.poll_sync();
        redraw |= app.poll_search();
        redraw |= app.poll_panes();
        redraw |= app.tags.poll();
        redraw |= app.poll_export();
        if !ready {
            continue;
        }
        loop {
            let event = event::read().context("failed to read terminal events")?;
            if panic_key.is_some_and(|key| is_press_of(&event, key)) {
                panic!("panic requested with the {PANIC_KEY_VAR} key");
            }
            redraw |= app.on_event(&event);
            let pending = event::poll(Duration::ZERO).context("failed to read terminal events")?;
            if app.should_quit() || !pending {
                break;
            }
        }
    }
    Ok(())
}
