//! The terminal UI: the entry point the CLI calls, terminal set-up and restore, and the event
//! loop that applies keys and sync messages to the [`App`] and draws only when something
//! changed.

mod action;
mod app;
mod app_filters;
#[doc(hidden)]
pub mod bench_threshold;
mod class;
mod cursor;
mod filter_file;
pub(crate) mod format;
mod input;
pub(crate) mod panes;
mod search_task;
mod sync_task;
mod theme;
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
mod tests_filters;
#[cfg(test)]
mod tests_search;
#[cfg(test)]
mod tests_sync;
#[cfg(test)]
mod tests_tools;
#[cfg(test)]
mod tests_trends;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event;
use ratatui::DefaultTerminal;

use crate::analysis::Index;
use crate::analysis::benchmarks::{BenchmarkSet, benchmark_sets, model_types, result_years};
use crate::i18n::Lang;
use crate::model::{BenchmarkResult, ModelType, Provenance, ReferenceModel, SyncHistory};

use app::App;

/// Everything the panes show, loaded before the UI starts.
pub struct AppData {
    pub index: Index,
    pub benchmarks: BenchmarkData,
    pub reference: Vec<ReferenceModel>,
    /// The downloads each sync recorded, oldest first, for the Trends pane.
    pub history: Vec<SyncHistory>,
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
}

pub use filter_file::default_path as default_filters_path;

/// How long one wait for input lasts when no sync runs. Nothing happens between events then,
/// so this only bounds how long a wait can be.
const POLL_TIMEOUT: Duration = Duration::from_millis(500);
/// How long one wait for input lasts while a sync runs: the longest a stored page waits
/// before the panes show it.
const SYNC_POLL_TIMEOUT: Duration = Duration::from_millis(100);
/// How long one wait for input lasts while a query is searched off the UI thread: the longest
/// finished matches wait before the pane lists them.
const SEARCH_POLL_TIMEOUT: Duration = Duration::from_millis(10);

/// Runs the UI until the user quits. The terminal is restored on return, on error and on panic.
///
/// Errors when stdin or stdout is not a terminal, or when the terminal cannot be set up or
/// written to.
pub fn run(data: AppData, options: TuiOptions) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "stdin or stdout is not a terminal: the explorer needs an interactive terminal, so \
             run it without pipes or redirection"
        );
    }
    let mut app = App::new(data, options);
    tracing::info!(models = app.data.index.len(), "terminal UI started");

    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            // Raw mode may be on even though entering the alternate screen failed.
            ratatui::restore();
            return Err(error)
                .context("failed to set up the terminal (raw mode and alternate screen)");
        }
    };
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    // A running sync stops after the page in flight; its cursor lets a later one continue.
    app.stop_sync();

    match &result {
        Ok(()) => tracing::info!("terminal UI stopped"),
        Err(error) => tracing::error!(error = format!("{error:#}"), "terminal UI failed"),
    }
    result
}

/// Waits for events, applies every pending one, every message of a running sync and every
/// finished search, then draws once if anything changed.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut redraw = true;
    while !app.should_quit() {
        if redraw {
            terminal
                .draw(|frame| ui::draw(frame, app))
                .context("failed to draw to the terminal")?;
            redraw = false;
        }
        let timeout = if app.is_searching() {
            SEARCH_POLL_TIMEOUT
        } else if app.is_syncing() {
            SYNC_POLL_TIMEOUT
        } else {
            POLL_TIMEOUT
        };
        let ready = event::poll(timeout).context("failed to read terminal events")?;
        redraw |= app.poll_sync();
        redraw |= app.poll_search();
        if !ready {
            continue;
        }
        loop {
            let event = event::read().context("failed to read terminal events")?;
            redraw |= app.on_event(&event);
            let pending = event::poll(Duration::ZERO).context("failed to read terminal events")?;
            if app.should_quit() || !pending {
                break;
            }
        }
    }
    Ok(())
}
