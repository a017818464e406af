//! Named styles for every element the panes draw, in colour or, when NO_COLOR is set, with
//! modifiers only. Panes ask the theme; they never name a colour.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;

use super::class::Class;

/// The styles of one run. `Theme::new(false)` uses no colour at all: bold, reversed, underlined
/// and dim only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// Style of text about small language models.
    pub fn slm(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of text about large language models.
    pub fn llm(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Magenta),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Style of text about models of unknown size.
    pub fn unknown(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn class(&self, class: Class) -> Style {
        match class {
            Class::Slm => self.slm(),
            Class::Llm => self.llm(),
            Class::Unknown => self.unknown(),
        }
    }

    /// Style of a bar or bar segment of `class` (histogram, stacked bars, slider track).
    pub fn bar(&self, class: Class) -> Style {
        match class {
            Class::Slm => self.pick(Style::new().fg(Color::Cyan), Style::new()),
            Class::Llm => self.pick(Style::new().fg(Color::Magenta), Style::new()),
            Class::Unknown => self.pick(Style::new().fg(Color::DarkGray), Style::new()),
        }
    }

    /// Returns the glyph that fills a bar of `class`. Without colour the classes differ by pattern.
    pub fn bar_glyph(&self, class: Class) -> char {
        match (self.color, class) {
            (_, Class::Slm) => '█',
            (true, Class::Llm) => '█',
            (false, Class::Llm) => '▒',
            (_, Class::Unknown) => '░',
        }
    }

    /// Returns the marker of a chart line of `class`. Without colour the classes differ by
    /// marker.
    pub fn chart_marker(&self, class: Class) -> Marker {
        match (self.color, class) {
            (false, Class::Llm) => Marker::Dot,
            _ => Marker::Braille,
        }
    }

    /// Style of the selected row of a table or list.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::DarkGray)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Style of column headers and section titles.
    pub fn header(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// Style of field names, prompts and other labels.
    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Style of the focused tab.
    pub fn tab_active(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Style of a key name in the status bar or the help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of secondary text: hints, placeholders, units.
    pub fn muted(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Style of an error message the user can act on.
    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// Style of the threshold marker on the histogram and of the slider's knob.
    pub fn marker(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of the Pareto frontier of a benchmark: its marks and its step line.
    pub fn frontier(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of the characters of an id that match the search query.
    pub fn matched(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Style of borders and rules.
    pub fn border(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }
}
