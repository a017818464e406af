//! An editable line of text with a cursor, as typed into the search query and the threshold.

use super::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position, in characters from the start.
    cursor: usize,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Returns the cursor position in characters. It is also the column offset, because the
    /// text typed here is ASCII or other narrow characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Applies an editing action and returns whether the text or the cursor changed. Other
    /// actions are ignored.
    pub fn apply(&mut self, action: Action) -> bool {
        let before = (self.text.len(), self.cursor);
        match action {
            Action::Insert(c) => {
                let at = self.byte_index(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte_index(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Action::ClearText => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            _ => {}
        }
        matches!(action, Action::Insert(_)) || before != (self.text.len(), self.cursor)
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(index, _)| index)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in text.chars() {
            input.apply(Action::Insert(c));
        }
        input
    }

    #[test]
    fn typing_and_deleting_at_the_cursor() {
        let mut input = typed("7B");
        assert!(input.apply(Action::CursorLeft));
        assert!(input.apply(Action::Insert('.')));
        assert!(input.apply(Action::Insert('5')));
        assert_eq!(input.text(), "7.5B");
        assert_eq!(input.cursor(), 3);
        assert!(input.apply(Action::DeleteBack));
        assert_eq!(input.text(), "7.B");
        assert!(input.apply(Action::ClearText));
        assert!(input.is_empty());
        assert!(!input.apply(Action::DeleteBack));
    }

    #[test]
    fn multibyte_text_is_edited_by_character() {
        let mut input = typed("réel");
        input.apply(Action::CursorLeft);
        input.apply(Action::CursorLeft);
        input.apply(Action::DeleteBack);
        assert_eq!(input.text(), "rel");
        assert_eq!(input.cursor(), 1);
    }
}
