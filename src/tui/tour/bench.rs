//! A hook for the tour benches: a [`Tour`] built from loaded data on one step, whose threshold
//! moves one step at a time and which is drawn into a test terminal. Not part of the public
//! interface.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Step, Tour, TourOptions, ui};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;
use crate::tui::AppData;

/// A tour and a 120x40 test terminal, the size of a projected terminal.
#[doc(hidden)]
pub struct TourBench {
    tour: Tour,
    terminal: Terminal<TestBackend>,
    /// The direction of the next step: steps alternate so the threshold stays in range.
    up: bool,
}

impl TourBench {
    /// Builds the tour on `data` at the default threshold and opens `step`, drawing it once.
    pub fn new(data: AppData, step: Step) -> TourBench {
        let options = TourOptions {
            lang: Lang::En,
            threshold: DEFAULT_THRESHOLD,
            color: true,
            theme: crate::tui::ThemeName::HighContrast,
            keymap: crate::tui::Keymap::default(),
        };
        let mut bench = TourBench {
            tour: Tour::new(data, options),
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("a test terminal"),
            up: true,
        };
        let digit = char::from_digit(step.index() as u32 + 1, 10).expect("four steps");
        bench.press(KeyCode::Char(digit));
        assert_eq!(bench.tour.step(), step, "the digit key opens the step");
        bench.draw();
        bench
    }

    /// Moves the threshold one step, alternately up and down, and draws the frame.
    pub fn step_and_draw(&mut self) {
        let key = if self.up { '+' } else { '-' };
        self.up = !self.up;
        self.press(KeyCode::Char(key));
        self.draw();
    }

    fn press(&mut self, code: KeyCode) {
        self.tour.on_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn draw(&mut self) {
        let tour = &mut self.tour;
        self.terminal
            .draw(|frame| ui::draw(frame, tour))
            .expect("drawing into a test terminal");
    }
}
