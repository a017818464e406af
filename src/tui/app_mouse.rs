//! The mouse in the terminal UI. A click on a tab opens it. A click on a list row selects it, and
//! a click on the selected row opens it. A click or a drag on the Threshold slider moves the
//! threshold. The wheel moves the selection, scrolls, or steps the threshold. Every mouse event
//! goes through the same actions as the keys, which remain enough for everything.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::action::{Action, Context};
use super::app::App;
use super::cursor::ListCursor;
use super::widgets::slider::step_at;
use crate::analysis::threshold::STEPS;

impl App {
    /// Applies a mouse event and returns whether anything visible changed.
    pub fn on_mouse(&mut self, mouse: &MouseEvent) -> bool {
        if self.too_small {
            return false;
        }
        let position = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::ScrollUp => self.wheel(Action::Up),
            MouseEventKind::ScrollDown => self.wheel(Action::Down),
            MouseEventKind::Down(MouseButton::Left) => self.click(position),
            MouseEventKind::Drag(MouseButton::Left) if self.dragging_slider => {
                self.slide_to(position.x)
            }
            MouseEventKind::Up(MouseButton::Left) => {
                self.dragging_slider = false;
                false
            }
            _ => false,
        }
    }

    /// Turns one wheel notch into the action the context gives the arrow keys: the threshold
    /// on the Threshold tab, the selection or the scroll elsewhere.
    fn wheel(&mut self, action: Action) -> bool {
        let context = self.context();
        if context == Context::Threshold {
            let step = match action {
                Action::Up => Action::ThresholdUp,
                _ => Action::ThresholdDown,
            };
            return self.handle(step);
        }
        if !self.keymap.binds(context, action) {
            return false;
        }
        self.handle(action)
    }

    fn click(&mut self, position: Position) -> bool {
        let context = self.context();
        // The help, the filter form and the export popup are read and filled with keys.
        if matches!(
            context,
            Context::Help | Context::FilterForm | Context::ExportPrompt
        ) {
            return false;
        }
        if let Some(&(_, tab)) = self
            .tab_hits
            .iter()
            .find(|(area, _)| area.contains(position))
        {
            return self.handle(Action::GoTo(tab));
        }

        if context == Context::Threshold && self.threshold_pane.slider.contains(position) {
            self.dragging_slider = true;
            return self.slide_to(position.x);
        }
        let Some(cursor) = self.focused_list() else {
            return false;
        };
        let Some(row) = cursor.row_at(position) else {
            return false;
        };
        let selected = cursor.selected;

        if row == selected {
            return self.handle(Action::Confirm);
        }
        let (action, moves) = if row > selected {
            (Action::Down, row - selected)
        } else {
            (Action::Up, selected - row)
        };
        let mut changed = false;
        for _ in 0..moves {
            changed |= self.handle(action);
        }
        changed
    }

    /// Returns the cursor of the list the focused context moves, if it has one.
    fn focused_list(&self) -> Option<ListCursor> {
        match self.context() {
            Context::Search | Context::Query => Some(self.search.cursor),
            Context::Tasks => Some(self.tasks.cursor),
            Context::Benchmarks => Some(self.benchmarks.cursor),
            Context::Compare | Context::CompareQuery => Some(self.compare.cursor),
            _ => None,
        }
    }

    /// Moves the threshold to the slider step nearest to column `x`.
    fn slide_to(&mut self, x: u16) -> bool {
        let Some(index) = step_at(STEPS.len(), self.threshold_pane.slider, x) else {
            return false;
        };
        let changed = STEPS[index] != self.threshold;
        self.threshold = STEPS[index];
        changed
    }
}
