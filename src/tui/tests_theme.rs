//! Tests of the themes: `t` cycles and remembers, a bad remembered file is reported, and every
//! tab is drawn in every theme and without colour, with its styles in the snapshot.

use std::path::Path;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::app::{App, Tab};
use super::tests::{NO_HUB, data, draw, models, press, text};
use super::{ThemeName, TuiOptions};
use crate::analysis::threshold::DEFAULT_THRESHOLD;
use crate::i18n::Lang;

fn app_in(lang: Lang, theme: ThemeName, color: bool, filters_path: Option<&Path>) -> App {
    App::new(
        data(models()),
        TuiOptions {
            lang,
            threshold: DEFAULT_THRESHOLD,
            color,
            sync_endpoint: Some(NO_HUB.to_string()),
            filters_path: filters_path.map(Path::to_path_buf),
            export_dir: None,
            notice: None,
            theme,
            keymap: super::Keymap::default(),
            mouse: false,
        },
    )
}

fn notice(app: &App) -> (String, bool) {
    let notice = app.notice.as_ref().expect("a notice is shown");
    (notice.text.clone(), notice.error)
}

/// Describes the screen's styles: the text, then one letter per cell naming its style (`.` for
/// the terminal's default), then what each letter stands for, in order of first appearance.
fn styled(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut legend: Vec<String> = Vec::new();
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let mut map = Vec::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            let style = buffer[(x, y)].style();
            let fg = style.fg.unwrap_or(Color::Reset);
            let bg = style.bg.unwrap_or(Color::Reset);
            if fg == Color::Reset && bg == Color::Reset && style.add_modifier.is_empty() {
                row.push('.');
                continue;
            }
            let key = format!("fg={fg:?} bg={bg:?} {:?}", style.add_modifier);
            let position = legend
                .iter()
                .position(|known| *known == key)
                .unwrap_or_else(|| {
                    legend.push(key);
                    legend.len() - 1
                });
            row.push(letters.get(position).copied().unwrap_or('?'));
        }
        map.push(row.trim_end_matches('.').to_string());
    }
    assert!(legend.len() <= letters.len(), "more styles than letters");
    let legend: Vec<String> = legend
        .iter()
        .enumerate()
        .map(|(position, style)| {
            format!("{} {style}", letters.get(position).copied().unwrap_or('?'))
        })
        .collect();
    format!(
        "{}\n--- styles\n{}\n--- legend\n{}",
        text(buffer),
        map.join("\n"),
        legend.join("\n")
    )
}

const VARIANTS: [(&str, ThemeName, bool); 5] = [
    ("dark", ThemeName::Dark, true),
    ("light", ThemeName::Light, true),
    ("high_contrast", ThemeName::HighContrast, true),
    ("color_blind", ThemeName::ColorBlind, true),
    ("no_color", ThemeName::Dark, false),
];

#[test]
fn every_tab_in_every_theme() {
    for (variant, theme, color) in VARIANTS {
        for tab in Tab::ALL {
            let mut app = app_in(Lang::En, theme, color, None);
            app.tab = tab;
            let screen = styled(&draw(&mut app, 80, 24));
            insta::assert_snapshot!(format!("theme_{variant}_{tab:?}").to_lowercase(), screen);
        }
    }
}

#[test]
fn themes_differ_where_they_should() {
    let mut screens = Vec::new();
    for (_, theme, color) in VARIANTS {
        let mut app = app_in(Lang::En, theme, color, None);
        app.tab = Tab::Threshold;
        let buffer = draw(&mut app, 80, 24);
        screens.push(styled(&buffer));
    }
    for (index, screen) in screens.iter().enumerate() {
        for other in &screens[index + 1..] {
            assert_ne!(screen, other, "two themes draw the same screen");
        }
    }
    // Only the colour-blind theme and the colourless one tell the classes apart by pattern.
    for (position, (variant, _, _)) in VARIANTS.iter().enumerate() {
        let patterned = screens[position].contains('▒');
        assert_eq!(
            patterned,
            matches!(*variant, "color_blind" | "no_color"),
            "{variant}"
        );
    }
}

#[test]
fn t_cycles_through_the_themes_and_back() {
    let mut app = app_in(Lang::En, ThemeName::Dark, true, None);
    let mut seen = vec![app.theme.name()];
    for _ in 0..ThemeName::ALL.len() {
        assert!(press(&mut app, KeyCode::Char('t')), "t redraws");
        seen.push(app.theme.name());
    }
    assert_eq!(
        seen,
        [
            ThemeName::Dark,
            ThemeName::Light,
            ThemeName::HighContrast,
            ThemeName::ColorBlind,
            ThemeName::Dark
        ]
    );
    assert_eq!(notice(&app), ("theme: dark".to_string(), false));
}

#[test]
fn notice_in_french_under_no_color() {
    let mut app = app_in(Lang::Fr, ThemeName::Light, false, None);
    press(&mut app, KeyCode::Char('t'));
    let (text, error) = notice(&app);
    assert!(!error);
    assert!(text.starts_with("thème : contraste élevé"), "{text}");
    assert!(text.contains("NO_COLOR"), "{text}");
    assert!(
        !app.theme.has_color(),
        "t never turns colours on under NO_COLOR"
    );
}

#[test]
fn remembered_theme_beats_configured_one() {
    let dir = tempfile::tempdir().unwrap();
    let filters = dir.path().join("filters.json");
    let mut app = app_in(Lang::En, ThemeName::Light, true, Some(&filters));
    assert_eq!(
        app.theme.name(),
        ThemeName::Light,
        "the configured theme applies first"
    );
    press(&mut app, KeyCode::Char('t'));
    let remembered = std::fs::read_to_string(dir.path().join("theme")).unwrap();
    assert_eq!(remembered, "high-contrast\n");

    let again = app_in(Lang::En, ThemeName::Light, true, Some(&filters));
    assert_eq!(again.theme.name(), ThemeName::HighContrast);
    assert!(
        again.notice.is_none(),
        "{:?}",
        again.notice.as_ref().map(|n| &n.text)
    );
}

#[test]
fn loading_screen_uses_remembered_theme() {
    let dir = tempfile::tempdir().unwrap();
    let filters = dir.path().join("filters.json");
    let options = |filters_path: Option<&Path>| TuiOptions {
        lang: Lang::En,
        threshold: DEFAULT_THRESHOLD,
        color: true,
        sync_endpoint: Some(NO_HUB.to_string()),
        filters_path: filters_path.map(Path::to_path_buf),
        export_dir: None,
        notice: None,
        theme: ThemeName::Light,
        keymap: super::Keymap::default(),
        mouse: false,
    };
    let configured = super::loading_theme(&options(Some(&filters)));
    assert_eq!(
        configured.name(),
        ThemeName::Light,
        "nothing remembered yet"
    );

    std::fs::write(dir.path().join("theme"), "color-blind\n").unwrap();
    let remembered = super::loading_theme(&options(Some(&filters)));
    assert_eq!(remembered.name(), ThemeName::ColorBlind);
    let app = app_in(Lang::En, ThemeName::Light, true, Some(&filters));
    assert_eq!(
        app.theme.name(),
        remembered.name(),
        "the tabs open in the loading screen's theme"
    );

    assert_eq!(
        super::loading_theme(&options(None)).name(),
        ThemeName::Light,
        "no filters file, no remembered theme"
    );
    std::fs::write(dir.path().join("theme"), "solarized\n").unwrap();
    assert_eq!(
        super::loading_theme(&options(Some(&filters))).name(),
        ThemeName::Light,
        "an unreadable choice falls back to the configured theme"
    );
}

#[test]
fn bad_remembered_theme_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let filters = dir.path().join("filters.json");
    std::fs::write(dir.path().join("theme"), "solarized\n").unwrap();
    for (lang, fix) in [(Lang::En, "press t"), (Lang::Fr, "appuyez sur t")] {
        let app = app_in(lang, ThemeName::Dark, true, Some(&filters));
        assert_eq!(app.theme.name(), ThemeName::Dark);
        let (text, error) = notice(&app);
        assert!(error);
        assert!(text.contains("\"solarized\""), "{text}");
        assert!(text.contains("high-contrast"), "{text}");
        assert!(text.contains(fix), "{text}");
    }
}

#[test]
fn unsaved_theme_still_applies() {
    let dir = tempfile::tempdir().unwrap();
    // The remembered file's folder is a regular file, so writing beside it fails.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let mut app = app_in(
        Lang::En,
        ThemeName::Dark,
        true,
        Some(&blocker.join("filters.json")),
    );
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.theme.name(), ThemeName::Light);
    let (text, error) = notice(&app);
    assert!(error);
    assert!(text.starts_with("theme: light; not remembered: "), "{text}");
}

#[test]
fn benchmark_legend_matches_points() {
    for (variant, theme, color) in VARIANTS {
        let mut app = app_in(Lang::En, theme, color, None);
        press(&mut app, KeyCode::Char('4'));
        press(&mut app, KeyCode::Char('v'));
        let screen = text(&draw(&mut app, 80, 24));
        let legend = screen
            .lines()
            .find(|line| line.contains("frontier"))
            .unwrap_or_else(|| panic!("{variant}: no legend\n{screen}"));
        let plot: String = screen
            .lines()
            .filter(|line| line.contains('│') && !line.contains("frontier"))
            .collect();
        if matches!(variant, "color_blind" | "no_color") {
            assert!(legend.contains("⣿ SLM  × LLM"), "{variant}: {legend}");
            assert!(plot.contains('×'), "{variant}: LLM points\n{screen}");
        } else {
            assert!(legend.contains("⣿ SLM  ⣿ LLM"), "{variant}: {legend}");
            assert!(!plot.contains('×'), "{variant}: braille only\n{screen}");
        }
    }
}
