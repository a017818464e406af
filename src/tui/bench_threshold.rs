//! A hook for the threshold-move benches: an [`App`] built from loaded data, opened on one
//! pane, whose threshold moves one step at a time. It also times how long the UI thread is
//! busy while a pane's one-off work runs off it. Not part of the public interface.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Tab};
use super::panes::View;
use super::panes::compare::CompareState;
use super::panes::threshold_tools::ChartView;
use super::panes::trends::{TrendsState, TrendsView};
use super::{AppData, TuiOptions, ui};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::model::{Model, SyncHistory};

/// The maximum wait for a pane's one-off work: at 3M models the slowest, grouping the syncs,
/// took about 19 s on a 2-core machine.
const PANE_WORK_WAIT: Duration = Duration::from_secs(600);

/// How long the simulated event loop of [`ThresholdBench::open_timed`] sleeps between polls, as
/// the terminal UI's event loop waits for input while a pane computes.
const POLL_INTERVAL: Duration = Duration::from_millis(10);

/// Timings of a key that starts a pane's one-off work, as the user waits for them.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct OpenTiming {
    /// The UI thread's time for the key or keys and the frame drawn after them.
    pub first_frame: Duration,
    /// The maximum time of one later step of the UI thread: polling for the results and
    /// drawing the frame that an arrival triggers.
    pub longest_step: Duration,
    /// The time from the key to the frame with the figures.
    pub until_figures: Duration,
}

/// A key sequence that starts a pane's one-off work, timed by [`ThresholdBench::open_timed`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenCase {
    /// The Trends tab opened with no grouping done: the models are grouped.
    Trends,
    /// The downloads-per-sync view opened (`v` twice) on a Trends tab whose models are grouped:
    /// the syncs are grouped.
    TrendsSyncs,
    /// The A/B tab opened with no ranking done.
    Compare,
    /// The query `7b` typed on a ranked A/B tab: the search runs, then its matches are sorted.
    CompareSearch,
}

/// Builds syncs that each list every model, with downloads that grow from one sync to the next.
#[doc(hidden)]
pub fn synthetic_history(models: &[Model], syncs: i64) -> Vec<SyncHistory> {
    (1..=syncs)
        .map(|sync| SyncHistory {
            sync_id: sync,
            time: format!("2026-11-0{sync}T00:00:00Z"),
            status: "finished".to_string(),
            downloads: models
                .iter()
                .map(|model| {
                    let downloads = model.downloads().map(|value| value * sync as u64 / 3);
                    (model.id.to_string(), downloads)
                })
                .collect(),
        })
        .collect()
}

/// The pane and view a bench moves the threshold on.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchPane {
    Search,
    /// The Threshold tab with its histogram.
    Threshold,
    /// The Threshold tab with the sweep over every step.
    ThresholdSweep,
    Tasks,
    Benchmarks,
    /// The Trends tab: the SLM share per creation month.
    TrendsShare,
    /// The Trends tab: downloads by creation month.
    TrendsUsage,
    /// The Trends tab: downloads per sync.
    TrendsHistory,
    /// The A/B tab with no query.
    Compare,
    /// The A/B tab with the query `7b` applied.
    CompareQuery,
}

impl BenchPane {
    pub const ALL: [BenchPane; 10] = [
        BenchPane::Search,
        BenchPane::Threshold,
        BenchPane::ThresholdSweep,
        BenchPane::Tasks,
        BenchPane::Benchmarks,
        BenchPane::TrendsShare,
        BenchPane::TrendsUsage,
        BenchPane::TrendsHistory,
        BenchPane::Compare,
        BenchPane::CompareQuery,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BenchPane::Search => "search",
            BenchPane::Threshold => "threshold",
            BenchPane::ThresholdSweep => "threshold-sweep",
            BenchPane::Tasks => "tasks",
            BenchPane::Benchmarks => "benchmarks",
            BenchPane::TrendsShare => "trends-share",
            BenchPane::TrendsUsage => "trends-usage",
            BenchPane::TrendsHistory => "trends-history",
            BenchPane::Compare => "ab",
            BenchPane::CompareQuery => "ab-query",
        }
    }

    fn tab(self) -> Tab {
        match self {
            BenchPane::Search => Tab::Search,
            BenchPane::Threshold | BenchPane::ThresholdSweep => Tab::Threshold,
            BenchPane::Tasks => Tab::Tasks,
            BenchPane::Benchmarks => Tab::Benchmarks,
            BenchPane::TrendsShare | BenchPane::TrendsUsage | BenchPane::TrendsHistory => {
                Tab::Trends
            }
            BenchPane::Compare | BenchPane::CompareQuery => Tab::Compare,
        }
    }
}

/// An [`App`] on one pane and an 80x24 test terminal.
#[doc(hidden)]
pub struct ThresholdBench {
    app: App,
    terminal: Terminal<TestBackend>,
    /// The direction of the next step: steps alternate so the threshold stays in range.
    up: bool,
}

impl ThresholdBench {
    /// Builds the app on `data` at the default threshold, on the Search tab.
    pub fn new(data: AppData) -> ThresholdBench {
        let options = TuiOptions {
            lang: Lang::En,
            threshold: DEFAULT_THRESHOLD,
            color: true,
            sync_endpoint: Some("http://127.0.0.1:9".to_string()),
            filters_path: None,
            notice: None,
            theme: super::ThemeName::Dark,
            keymap: super::Keymap::default(),
            mouse: false,
            export_dir: None,
        };
        ThresholdBench {
            app: App::new(data, options),
            terminal: Terminal::new(TestBackend::new(80, 24)).expect("a test terminal"),
            up: true,
        }
    }

    /// Opens `pane` and draws it, which pays the pane's one-off work for this index. Waits for
    /// a query searched off the UI thread and for the pane's work, then draws the figures.
    pub fn open(&mut self, pane: BenchPane) {
        self.app.tab = pane.tab();
        self.app.threshold_pane.chart = match pane {
            BenchPane::ThresholdSweep => ChartView::Sweep,
            _ => ChartView::Histogram,
        };
        self.app.trends.view = match pane {
            BenchPane::TrendsUsage => TrendsView::Usage,
            BenchPane::TrendsHistory => TrendsView::History,
            _ => TrendsView::Share,
        };
        match pane {
            BenchPane::CompareQuery if self.app.compare.query.is_empty() => {
                for key in ['/', '7', 'b'] {
                    self.press(KeyCode::Char(key));
                }
                self.press(KeyCode::Esc);
            }
            BenchPane::Compare if !self.app.compare.query.is_empty() => self.press(KeyCode::Esc),
            _ => {}
        }
        while self.app.is_searching() {
            std::thread::sleep(std::time::Duration::from_millis(1));
            self.app.poll_search();
        }
        self.draw();
        // The first frame requests the pane's one-off work off the UI thread. A frame drawn
        // with its result may request more, such as the sync groups after the model groups.
        self.wait_for_panes();
    }

    /// Times `case` from a state where its work is not done: the keys and the first frame, then
    /// a loop that polls like the terminal UI's event loop and draws after each arrival, until
    /// the figures are drawn. Dropping the previous state of the pane is left out of the time.
    pub fn open_timed(&mut self, case: OpenCase) -> OpenTiming {
        let keys: &[KeyCode] = match case {
            OpenCase::Trends => {
                self.app.tab = Tab::Search;
                self.app.trends = TrendsState::default();
                &[KeyCode::Char('5')]
            }
            OpenCase::TrendsSyncs => {
                self.app.trends = TrendsState::default();
                self.app.tab = Tab::Trends;
                self.draw();
                self.wait_for_panes();
                &[KeyCode::Char('v'), KeyCode::Char('v')]
            }
            OpenCase::Compare => {
                self.app.tab = Tab::Search;
                self.app.compare = CompareState::default();
                &[KeyCode::Char('6')]
            }
            OpenCase::CompareSearch => {
                self.app.compare = CompareState::default();
                self.app.tab = Tab::Compare;
                self.draw();
                self.wait_for_panes();
                &[
                    KeyCode::Char('/'),
                    KeyCode::Char('7'),
                    KeyCode::Char('b'),
                    KeyCode::Esc,
                ]
            }
        };

        let started = Instant::now();
        for &key in keys {
            self.press(key);
        }
        self.draw();
        let first_frame = started.elapsed();

        let mut longest_step = Duration::ZERO;
        while self.app.is_searching() || self.app.is_computing() {
            std::thread::sleep(POLL_INTERVAL);
            let step = Instant::now();
            let changed = self.app.poll_search() | self.app.poll_panes();
            if changed {
                self.draw();
            }
            longest_step = longest_step.max(step.elapsed());
        }
        OpenTiming {
            first_frame,
            longest_step,
            until_figures: started.elapsed(),
        }
    }

    /// Draws until the pane's work is done and its figures are drawn.
    fn wait_for_panes(&mut self) {
        while self.app.is_searching() || self.app.is_computing() {
            self.app.wait_for_panes(PANE_WORK_WAIT);
            self.app.poll_search();
            self.draw();
        }
    }

    /// Returns the threshold now applied, in parameters.
    pub fn threshold(&self) -> u64 {
        self.app.threshold
    }

    /// Returns the drawn screen as text, one line per row.
    pub fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let area = buffer.area;
        (0..area.height)
            .map(|y| {
                let row: String = (0..area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                row.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Moves the threshold one step with `+` or `-` and draws the frame.
    pub fn step(&mut self) {
        self.press_step();
        self.draw();
    }

    /// Moves the threshold one step with `+` or `-` and computes the pane's figures without
    /// drawing them.
    pub fn step_compute(&mut self) {
        self.press_step();
        let app = &mut self.app;
        let view = View {
            data: &app.data,
            lang: app.lang,
            theme: &app.theme,
            keymap: &app.keymap,
            tags: &app.tags,
            threshold: app.threshold,
        };
        match app.tab {
            Tab::Search | Tab::Threshold => {
                std::hint::black_box(view.split());
            }
            Tab::Tasks => {
                let index = &view.data.index;
                std::hint::black_box(index.modality_splits(view.threshold));
                std::hint::black_box(index.top_tags(view.threshold, 8));
            }
            Tab::Benchmarks => {
                std::hint::black_box(
                    app.benchmarks
                        .verdicts(&view.data.benchmarks, view.threshold),
                );
            }
            Tab::Trends => app.trends.compute_for_bench(&view),
            Tab::Compare => {
                let ids = app.search.id_search.shared_ids();
                app.compare.compute_for_bench(ids, &view);
            }
        }
    }

    fn press_step(&mut self) {
        let key = if self.up { '+' } else { '-' };
        self.up = !self.up;
        self.press(KeyCode::Char(key));
    }

    fn press(&mut self, code: KeyCode) {
        self.app.on_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal
            .draw(|frame| ui::draw(frame, app))
            .expect("a test terminal draws");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::tests::{data, models};

    #[test]
    fn every_pane_steps_and_draws() {
        let mut bench = ThresholdBench::new(data(models()));
        for pane in BenchPane::ALL {
            bench.open(pane);
            let before = bench.threshold();
            bench.step();
            assert_ne!(bench.threshold(), before, "{} moved", pane.name());
            assert!(
                bench
                    .screen()
                    .contains(&crate::analysis::format_params(bench.threshold())),
                "{} shows the new threshold",
                pane.name()
            );
            bench.step_compute();
            assert_eq!(bench.threshold(), before, "{} stepped back", pane.name());
        }
    }

    #[test]
    fn timed_cases_end_with_figures() {
        let mut app_data = data(models());
        app_data.history = std::sync::Arc::new(synthetic_history(app_data.index.models(), 3));
        let mut bench = ThresholdBench::new(app_data);
        for case in [
            OpenCase::Trends,
            OpenCase::TrendsSyncs,
            OpenCase::Compare,
            OpenCase::CompareSearch,
        ] {
            let timing = bench.open_timed(case);
            assert!(
                timing.until_figures >= timing.first_frame,
                "{case:?}: {timing:?}"
            );
            assert!(!bench.screen().contains("Computing…"), "{case:?}");
            assert!(!bench.screen().contains("searching…"), "{case:?}");
        }
        assert!(bench.screen().contains("Search › 7b"), "{}", bench.screen());
        bench.open_timed(OpenCase::TrendsSyncs);
        assert!(bench.screen().contains("3 syncs"), "{}", bench.screen());
    }

    #[test]
    fn query_pane_lists_matching_models() {
        let mut bench = ThresholdBench::new(data(models()));
        bench.open(BenchPane::CompareQuery);
        assert!(bench.screen().contains("Search › 7b"), "{}", bench.screen());
        bench.open(BenchPane::Compare);
        assert!(!bench.screen().contains("Search › 7b"));
    }
}
