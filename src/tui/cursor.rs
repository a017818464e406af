//! Positions in lists and text views, moved by navigation actions: a selected row with its
//! scroll offset, and a plain scroll offset.

use ratatui::layout::{Position, Rect};

use super::action::Action;

/// A selected row in a list of `len` rows and the first row drawn. `page` is the number of rows
/// the last drawing showed, used by PgUp/PgDn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
    pub page: usize,
    /// The area of the rows the last drawing showed, one per line from `offset`, which mouse
    /// clicks are matched against.
    pub rows: Rect,
}

impl Default for ListCursor {
    fn default() -> ListCursor {
        ListCursor {
            selected: 0,
            offset: 0,
            page: 10,
            rows: Rect::default(),
        }
    }
}

impl ListCursor {
    /// Applies a navigation action; returns whether the selection moved. Other actions are
    /// ignored.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let before = self.selected;
        let page = self.page.max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
        self.selected != before
    }

    /// Returns the row drawn at `position`, if any.
    pub fn row_at(&self, position: Position) -> Option<usize> {
        self.rows
            .contains(position)
            .then(|| self.offset + usize::from(position.y - self.rows.y))
    }

    /// Back to the first row.
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Keeps the selection inside `len` rows and in view of a window of `height` rows; returns
    /// the range of rows to draw.
    pub fn fit(&mut self, len: usize, height: usize) -> std::ops::Range<usize> {
        self.page = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height.max(1)));
        self.offset..(self.offset + height).min(len)
    }
}

/// The first line shown of a text taller than its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub offset: usize,
    pub page: usize,
    /// The largest useful offset, known after drawing.
    pub max: usize,
}

impl Default for Scroll {
    fn default() -> Scroll {
        Scroll {
            offset: 0,
            page: 10,
            max: usize::MAX,
        }
    }
}

impl Scroll {
    /// Applies a navigation action; returns whether the view moved.
    pub fn apply(&mut self, action: Action) -> bool {
        let before = self.offset;
        let page = self.page.max(1);
        self.offset = match action {
            Action::Up => self.offset.saturating_sub(1),
            Action::Down => self.offset.saturating_add(1),
            Action::PageUp => self.offset.saturating_sub(page),
            Action::PageDown => self.offset.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => self.max,
            _ => self.offset,
        }
        .min(self.max);
        self.offset != before
    }

    /// Records the text and window heights of a drawing and keeps the offset in range.
    pub fn fit(&mut self, lines: usize, height: usize) {
        self.page = height.max(1);
        self.max = lines.saturating_sub(height);
        self.offset = self.offset.min(self.max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cursor_moves_and_clamps() {
        let mut cursor = ListCursor::default();
        assert!(!cursor.apply(Action::Up, 5));
        assert!(cursor.apply(Action::Down, 5));
        assert_eq!(cursor.selected, 1);
        assert!(cursor.apply(Action::Bottom, 5));
        assert_eq!(cursor.selected, 4);
        assert!(!cursor.apply(Action::Down, 5));
        cursor.page = 3;
        assert!(cursor.apply(Action::PageUp, 5));
        assert_eq!(cursor.selected, 1);
    }

    #[test]
    fn list_cursor_fit_keeps_selection_visible() {
        let mut cursor = ListCursor {
            selected: 12,
            offset: 0,
            page: 10,
            rows: Rect::default(),
        };
        assert_eq!(cursor.fit(20, 5), 8..13);
        cursor.selected = 9;
        assert_eq!(cursor.fit(20, 5), 8..13);
        cursor.selected = 2;
        assert_eq!(cursor.fit(20, 5), 2..7);
        assert_eq!(cursor.fit(0, 5), 0..0);
    }

    #[test]
    fn row_at_maps_lines_to_rows() {
        let cursor = ListCursor {
            selected: 9,
            offset: 7,
            page: 5,
            rows: Rect::new(2, 3, 30, 5),
        };
        assert_eq!(cursor.row_at(Position::new(2, 3)), Some(7));
        assert_eq!(cursor.row_at(Position::new(31, 7)), Some(11));
        assert_eq!(
            cursor.row_at(Position::new(31, 8)),
            None,
            "below the rows drawn"
        );
        assert_eq!(cursor.row_at(Position::new(5, 2)), None, "above the rows");
        assert_eq!(
            cursor.row_at(Position::new(32, 4)),
            None,
            "right of the rows"
        );
    }

    #[test]
    fn scroll_stops_at_max() {
        let mut scroll = Scroll::default();
        scroll.fit(30, 10);
        assert!(scroll.apply(Action::Bottom));
        assert_eq!(scroll.offset, 20);
        assert!(!scroll.apply(Action::Down));
        assert!(scroll.apply(Action::PageUp));
        assert_eq!(scroll.offset, 10);
    }
}
