//! Hooks for the cold-start bench and the peak-memory tool: the steps from a cache file to the
//! first frame of the terminal UI, each callable on its own so that they can be timed apart.

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::app::App;
use super::load::{LoadPoll, Loader};
use super::theme::Theme;
use super::{AppData, TuiOptions};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;

/// The terminal UI state right after start, before any key.
#[doc(hidden)]
pub struct StartedApp(App);

/// A load of the cache running in the background, as the UI starts it.
#[doc(hidden)]
pub struct StartingApp(Loader);

fn options() -> TuiOptions {
    TuiOptions {
        lang: Lang::En,
        threshold: DEFAULT_THRESHOLD,
        color: true,
        sync_endpoint: None,
        filters_path: None,
        notice: None,
        theme: super::ThemeName::Dark,
        keymap: super::Keymap::default(),
        mouse: false,
        export_dir: None,
    }
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails")
}

/// Starts the background load of the cache at `db` and draws the first frame, the loading
/// screen, as the UI does at start. No filter file is read.
#[doc(hidden)]
pub fn start_loading(db: &Path, width: u16, height: u16) -> anyhow::Result<(StartingApp, Buffer)> {
    let loader = Loader::start(db.to_path_buf(), options())?;
    let mut terminal = terminal(width, height);
    terminal
        .draw(|frame| {
            super::ui::draw_loading(frame, &loader, &Theme::named(super::ThemeName::Dark, true))
        })
        .expect("a test backend never fails");
    Ok((StartingApp(loader), terminal.backend().buffer().clone()))
}

/// Waits for the background load to finish and returns the UI state it built.
#[doc(hidden)]
pub fn finish_loading(mut starting: StartingApp) -> anyhow::Result<StartedApp> {
    loop {
        match starting.0.poll() {
            LoadPoll::Finished(result) => return result.map(|app| StartedApp(*app)),
            LoadPoll::Running { .. } => std::thread::sleep(Duration::from_millis(1)),
        }
    }
}

/// Cancels the background load and waits for its thread to stop, so that it does not run on
/// into the next measurement.
#[doc(hidden)]
pub fn cancel_loading(starting: StartingApp) {
    starting.0.cancel_and_wait();
}

/// Loads the cache at `db` as the UI's loader thread does, in the calling thread.
#[doc(hidden)]
pub fn load(db: &Path) -> anyhow::Result<AppData> {
    super::load::load_app_data(db, Lang::En, &mut |_| ControlFlow::Continue(()))
}

/// Builds the UI state from loaded data: the Search pane's sort orders and id table, and the
/// other panes' starting state. No filter file is read.
#[doc(hidden)]
pub fn start(data: AppData) -> StartedApp {
    StartedApp(App::new(data, options()))
}

/// Returns the number of models the UI state holds.
#[doc(hidden)]
pub fn model_count(app: &StartedApp) -> usize {
    app.0.data.index.len()
}

/// Draws one frame of the panes, `width` × `height` cells, into a test backend and returns it.
#[doc(hidden)]
pub fn draw(app: &mut StartedApp, width: u16, height: u16) -> Buffer {
    let mut terminal = terminal(width, height);
    terminal
        .draw(|frame| super::ui::draw(frame, &mut app.0))
        .expect("a test backend never fails");
    terminal.backend().buffer().clone()
}
