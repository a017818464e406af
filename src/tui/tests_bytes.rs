//! Bytes written to the terminal for one threshold step: what an SSH link carries when the
//! threshold moves. Ratatui writes only the cells that changed since the last frame, so a step
//! costs far less than a full screen. The figures are recorded in BENCHMARKS.md.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crossterm::event::KeyCode;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::tests::{options, press};
use super::{App, AppData, BenchmarkData, ui};
use crate::analysis::Index;
use crate::cache::Cache;
use crate::hub::reader::read_file;
use crate::i18n::Lang;
use crate::model::Provenance;

/// A writer that keeps every byte, shared with the test after the terminal takes it.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<u8>>>);

impl Recorder {
    fn take(&self) -> usize {
        let mut bytes = self.0.lock().unwrap();
        let count = bytes.len();
        bytes.clear();
        count
    }
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The app on the recorded Hub snapshot, or `None` after printing why when the data variable is
/// unset. Panics when it is set but the files are missing.
fn recorded_app() -> Option<App> {
    let Some(root) = std::env::var_os("SLMSCOPE_TEST_DATA") else {
        eprintln!(
            "skipped threshold_step_bytes: SLMSCOPE_TEST_DATA is not set, so the recorded Hub data is not available"
        );
        return None;
    };
    let dir = std::path::PathBuf::from(root).join("hub-api-2024-12");
    let mut cache = Cache::open_in_memory().unwrap();
    for name in [
        "list-a.json",
        "list-b.json",
        "list-c.json",
        "list-d.json",
        "full-a.json",
        "full-b.json",
    ] {
        let path = dir.join(name);
        assert!(
            path.is_file(),
            "SLMSCOPE_TEST_DATA is set but {} is missing",
            path.display()
        );
        cache
            .import_records(name, &read_file(&path).unwrap())
            .unwrap();
    }
    let data = AppData {
        index: Arc::new(Index::build(cache.load_models().unwrap())),
        benchmarks: BenchmarkData::new(cache.load_benchmarks().unwrap()),
        reference: Vec::new(),
        history: Arc::default(),
        provenance: Provenance::default(),
        cache_path: "cache.db".into(),
    };
    Some(App::new(data, options(Lang::En)))
}

/// Draws the tab, steps the threshold up, draws again, and returns the bytes of both frames.
fn step_bytes(app: &mut App, tab: char, width: u16, height: u16) -> (usize, usize) {
    let recorder = Recorder::default();
    let backend = CrosstermBackend::new(recorder.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    press(app, KeyCode::Char(tab));
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    let first = recorder.take();
    assert!(press(app, KeyCode::Char('+')), "the threshold moves");
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    let step = recorder.take();
    press(app, KeyCode::Char('-'));
    (first, step)
}

#[test]
fn threshold_step_bytes() {
    let Some(mut app) = recorded_app() else {
        return;
    };
    for (tab, name) in [
        ('1', "Search"),
        ('2', "Threshold"),
        ('3', "Tasks"),
        ('4', "Benchmarks"),
    ] {
        for (width, height) in [(80, 24), (200, 60)] {
            let (first, step) = step_bytes(&mut app, tab, width, height);
            println!(
                "{name} {width}x{height}: first frame {first} bytes, threshold step {step} bytes"
            );
            assert!(step > 0, "{name}: a step redraws something");
            assert!(
                step < first,
                "{name} {width}x{height}: a step ({step} bytes) should cost less than a full frame ({first} bytes)"
            );
        }
    }
}
