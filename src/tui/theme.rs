//! Named styles for every element the panes draw, from one of four palettes or, when NO_COLOR is
//! set, with modifiers only. Panes ask the theme; they never name a colour.

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;

use super::class::Class;
use crate::i18n::Lang;

/// The built-in palettes, in the order `t` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For dark terminal backgrounds.
    #[default]
    Dark,
    /// For light terminal backgrounds.
    Light,
    /// White and bright colours on black, for projectors and low vision.
    HighContrast,
    /// The Okabe–Ito colours (blue, orange, bluish green), which viewers with the common forms of
    /// colour blindness tell apart, and patterns that tell the classes apart without colour.
    ColorBlind,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::ColorBlind,
    ];

    /// Returns the spelling used in the configuration file and the remembered choice.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::ColorBlind => "color-blind",
        }
    }

    /// Parses the spelling of [`ThemeName::as_str`]; `None` for anything else.
    pub fn parse(text: &str) -> Option<ThemeName> {
        ThemeName::ALL
            .into_iter()
            .find(|name| name.as_str() == text.trim())
    }

    /// Returns the name shown in the status bar and the help.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ThemeName::Dark => lang.pick("dark", "sombre"),
            ThemeName::Light => lang.pick("light", "clair"),
            ThemeName::HighContrast => lang.pick("high contrast", "contraste élevé"),
            ThemeName::ColorBlind => lang.pick("colour-blind safe", "adapté au daltonisme"),
        }
    }

    /// Returns the theme after this one, back to the first after the last.
    pub fn next(self) -> ThemeName {
        let position = ThemeName::ALL
            .iter()
            .position(|name| *name == self)
            .unwrap_or(0);
        ThemeName::ALL[(position + 1) % ThemeName::ALL.len()]
    }
}

/// Returns the file that remembers the theme chosen with `t`: `theme` beside the saved filters.
pub fn remembered_path(filters_path: &Path) -> PathBuf {
    filters_path.with_file_name("theme")
}

/// Reads the remembered theme. `Ok(None)` when nothing is remembered; an error names the path,
/// the value and the fix.
pub fn load_remembered(path: &Path, lang: Lang) -> Result<Option<ThemeName>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            let path = crate::sanitize::clean_truncated(&path.display().to_string(), 200);
            return Err(match lang {
                Lang::En => format!("theme not restored: {path}: {error}"),
                Lang::Fr => format!(
                    "thème non restauré : {path} : {}",
                    crate::i18n::io_error(lang, &error)
                ),
            });
        }
    };
    ThemeName::parse(&text).map(Some).ok_or_else(|| {
        let path = crate::sanitize::clean_truncated(&path.display().to_string(), 200);
        let value = crate::sanitize::clean_truncated(text.trim(), 40);
        let names: Vec<&str> = ThemeName::ALL.iter().map(|name| name.as_str()).collect();
        match lang {
            Lang::En => format!(
                "theme not restored: {path} holds {value:?}, expected one of {}; press t to choose a theme again",
                names.join(", ")
            ),
            Lang::Fr => format!(
                "thème non restauré : {path} contient {value:?}, attendu l'un de {} ; appuyez sur t pour choisir de nouveau un thème",
                names.join(", ")
            ),
        }
    })
}

/// Remembers `name` in `path`, replacing the file atomically.
pub fn remember(path: &Path, name: ThemeName) -> std::io::Result<()> {
    super::filter_file::write_atomically(path, format!("{}\n", name.as_str()).as_bytes())
}

/// The colours of one palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Palette {
    slm: Color,
    llm: Color,
    unknown: Color,
    /// Headers, keys, the threshold marker and search matches.
    accent: Color,
    /// Text on the focused tab, whose background is the accent.
    on_accent: Color,
    selected_fg: Color,
    selected_bg: Color,
    muted: Color,
    error: Color,
    frontier: Color,
    border: Color,
}

impl Palette {
    fn of(name: ThemeName) -> Palette {
        match name {
            ThemeName::Dark => Palette {
                slm: Color::Cyan,
                llm: Color::Magenta,
                unknown: Color::DarkGray,
                accent: Color::Yellow,
                on_accent: Color::Black,
                selected_fg: Color::White,
                selected_bg: Color::DarkGray,
                muted: Color::DarkGray,
                error: Color::Red,
                frontier: Color::Green,
                border: Color::DarkGray,
            },
            // The xterm 256-colour indexes keep their hue on the common light backgrounds, where
            // yellow and cyan text fade.
            ThemeName::Light => Palette {
                slm: Color::Indexed(25),
                llm: Color::Indexed(127),
                unknown: Color::Indexed(244),
                accent: Color::Indexed(130),
                on_accent: Color::White,
                selected_fg: Color::Black,
                selected_bg: Color::Indexed(252),
                muted: Color::Indexed(242),
                error: Color::Indexed(160),
                frontier: Color::Indexed(28),
                border: Color::Indexed(248),
            },
            ThemeName::HighContrast => Palette {
                slm: Color::LightCyan,
                llm: Color::LightMagenta,
                unknown: Color::White,
                accent: Color::LightYellow,
                on_accent: Color::Black,
                selected_fg: Color::Black,
                selected_bg: Color::White,
                muted: Color::White,
                error: Color::LightRed,
                frontier: Color::LightGreen,
                border: Color::White,
            },
            // Okabe–Ito: blue #0072B2, orange #E69F00, bluish green #009E73, vermillion
            // #D55E00 and yellow #F0E442, as their nearest xterm 256-colour indexes.
            ThemeName::ColorBlind => Palette {
                slm: Color::Indexed(32),
                llm: Color::Indexed(214),
                unknown: Color::Indexed(246),
                accent: Color::Indexed(227),
                on_accent: Color::Black,
                selected_fg: Color::White,
                selected_bg: Color::Indexed(238),
                muted: Color::Indexed(246),
                error: Color::Indexed(166),
                frontier: Color::Indexed(36),
                border: Color::Indexed(242),
            },
        }
    }
}

/// The styles of one run. Without colour (NO_COLOR), every theme uses bold, reversed, underlined
/// and dim only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    name: ThemeName,
    color: bool,
    palette: Palette,
}

impl Theme {
    /// The default dark theme, or no colour at all when `color` is false.
    #[cfg(test)]
    pub fn new(color: bool) -> Theme {
        Theme::named(ThemeName::Dark, color)
    }

    pub fn named(name: ThemeName, color: bool) -> Theme {
        Theme {
            name,
            color,
            palette: Palette::of(name),
        }
    }

    pub fn name(&self) -> ThemeName {
        self.name
    }

    /// True when the theme draws colours, false under NO_COLOR.
    pub fn has_color(&self) -> bool {
        self.color
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// True when classes must differ by pattern as well as by colour.
    pub fn patterns(&self) -> bool {
        !self.color || self.name == ThemeName::ColorBlind
    }

    /// Style of text about small language models.
    pub fn slm(&self) -> Style {
        self.pick(
            Style::new().fg(self.palette.slm),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of text about large language models.
    pub fn llm(&self) -> Style {
        self.pick(
            Style::new().fg(self.palette.llm),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Style of text about models of unknown size.
    pub fn unknown(&self) -> Style {
        self.pick(
            Style::new().fg(self.palette.unknown),
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
            Class::Slm => self.pick(Style::new().fg(self.palette.slm), Style::new()),
            Class::Llm => self.pick(Style::new().fg(self.palette.llm), Style::new()),
            Class::Unknown => self.pick(Style::new().fg(self.palette.unknown), Style::new()),
        }
    }

    /// Returns the glyph that fills a bar of `class`. Without colour, and in the colour-blind
    /// theme, the classes also differ by pattern.
    pub fn bar_glyph(&self, class: Class) -> char {
        match (self.patterns(), class) {
            (_, Class::Slm) => '█',
            (false, Class::Llm) => '█',
            (true, Class::Llm) => '▒',
            (_, Class::Unknown) => '░',
        }
    }

    /// Returns the marker of a chart line of `class`. Without colour, and in the colour-blind
    /// theme, the classes also differ by marker.
    pub fn chart_marker(&self, class: Class) -> Marker {
        match (self.patterns(), class) {
            (true, Class::Llm) => Marker::Dot,
            _ => Marker::Braille,
        }
    }

    /// Returns the legend key of a chart line of `class`: the glyph its marker draws.
    pub fn chart_key(&self, class: Class) -> &'static str {
        match self.chart_marker(class) {
            Marker::Dot => "•",
            _ => "━",
        }
    }

    /// Returns the glyph that marks a point of `class` in a scatter chart, or `None` for a
    /// Braille dot. Without colour, and in the colour-blind theme, LLM points are `×` so the
    /// classes also differ by shape.
    pub fn point_glyph(&self, class: Class) -> Option<char> {
        match (self.patterns(), class) {
            (true, Class::Llm) => Some('×'),
            _ => None,
        }
    }

    /// Returns the legend key of scatter points of `class`: `⣿` for Braille dots, else the
    /// glyph of [`Theme::point_glyph`].
    pub fn point_key(&self, class: Class) -> String {
        self.point_glyph(class).unwrap_or('⣿').to_string()
    }

    /// Style of the selected row of a table or list.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::new()
                .bg(self.palette.selected_bg)
                .fg(self.palette.selected_fg)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Style of column headers and section titles.
    pub fn header(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
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
                .fg(self.palette.on_accent)
                .bg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Style of a key name in the status bar or the help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of secondary text: hints, placeholders, units.
    pub fn muted(&self) -> Style {
        self.pick(
            Style::new().fg(self.palette.muted),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Style of an error message the user can act on.
    pub fn error(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.error)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// Style of the threshold marker on the histogram and of the slider's knob.
    pub fn marker(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of the Pareto frontier of a benchmark: its marks and its step line.
    pub fn frontier(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.frontier)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Style of the characters of an id that match the search query.
    pub fn matched(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Style of borders and rules.
    pub fn border(&self) -> Style {
        self.pick(Style::new().fg(self.palette.border), Style::new())
    }
}
