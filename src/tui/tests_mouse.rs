//! Tests of the mouse: clicks on tabs, rows and the slider, drags and the wheel, each checked
//! on the state after a drawing at 80x24 placed what the mouse hits.

use crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::action::Context;
use super::app::{App, Tab};
use super::tests::{app, draw, press, text};
use crate::analysis::threshold::{DEFAULT_THRESHOLD, STEPS};
use crate::i18n::Lang;

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> bool {
    app.on_event(&Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

fn click(app: &mut App, column: u16, row: u16) -> bool {
    mouse(app, MouseEventKind::Down(MouseButton::Left), column, row)
}

/// Draws at 80x24 and returns the screen's lines.
fn lines(app: &mut App) -> Vec<String> {
    text(&draw(app, 80, 24))
        .lines()
        .map(str::to_string)
        .collect()
}

/// Returns the column and row where `needle` starts on the screen.
fn find(lines: &[String], needle: &str) -> (u16, u16) {
    for (row, line) in lines.iter().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count() as u16, row as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{}", lines.join("\n"));
}

#[test]
fn click_on_a_tab_opens_it() {
    let mut app = app(Lang::En);
    let screen = lines(&mut app);
    for tab in [Tab::Trends, Tab::Threshold, Tab::Compare, Tab::Search] {
        let title = format!("{} {}", tab.digit(), tab.title(Lang::En));
        let (x, y) = find(&screen, &title);
        assert!(click(&mut app, x + 2, y), "{title}");
        assert_eq!(app.tab, tab);
    }
    assert!(!click(&mut app, 79, 0), "the model count is no tab");
}

#[test]
fn row_click_selects_then_opens() {
    let mut app = app(Lang::En);
    let screen = lines(&mut app);
    let rows = app.search.cursor.rows;
    assert!(rows.height > 3, "{rows:?}");
    assert!(click(&mut app, rows.x + 4, rows.y + 3));
    assert_eq!(app.search.cursor.selected, 3);
    assert_eq!(app.context(), Context::Search);

    assert!(click(&mut app, rows.x + 4, rows.y + 1), "a row above");
    assert_eq!(app.search.cursor.selected, 1);
    assert!(click(&mut app, rows.x + 4, rows.y + 1));
    assert_eq!(app.context(), Context::Detail, "{}", screen.join("\n"));
}

#[test]
fn click_below_the_last_row_does_nothing() {
    let mut app = app(Lang::En);
    lines(&mut app);
    let rows = app.search.cursor.rows;
    assert_eq!(
        usize::from(rows.height),
        app.search.results.len(),
        "every model fits"
    );
    assert!(!click(&mut app, rows.x + 4, rows.bottom()));
    assert_eq!(app.search.cursor.selected, 0);
}

#[test]
fn wheel_moves_the_selection_and_the_threshold() {
    let mut app = app(Lang::En);
    lines(&mut app);
    assert!(mouse(&mut app, MouseEventKind::ScrollDown, 10, 10));
    assert!(mouse(&mut app, MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(app.search.cursor.selected, 2);
    assert!(mouse(&mut app, MouseEventKind::ScrollUp, 10, 10));
    assert_eq!(app.search.cursor.selected, 1);

    press(&mut app, KeyCode::Char('2'));
    lines(&mut app);
    assert!(mouse(&mut app, MouseEventKind::ScrollUp, 10, 10));
    assert!(app.threshold > DEFAULT_THRESHOLD);
    assert!(mouse(&mut app, MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(app.threshold, DEFAULT_THRESHOLD);

    press(&mut app, KeyCode::Char('5'));
    assert!(
        !mouse(&mut app, MouseEventKind::ScrollDown, 10, 10),
        "Trends has no list"
    );
}

#[test]
fn slider_follows_clicks_and_drags() {
    let mut app = app(Lang::En);
    press(&mut app, KeyCode::Char('2'));
    lines(&mut app);
    let slider = app.threshold_pane.slider;
    assert!(slider.width > 8, "{slider:?}");
    assert!(click(&mut app, slider.x, slider.y));
    assert_eq!(app.threshold, STEPS[0]);

    let right = slider.right() - 1;
    assert!(mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        right,
        slider.y + 5
    ));
    assert_eq!(
        app.threshold,
        STEPS[STEPS.len() - 1],
        "a drag may leave the slider's row"
    );

    mouse(
        &mut app,
        MouseEventKind::Up(MouseButton::Left),
        right,
        slider.y,
    );
    assert!(!mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        slider.x,
        slider.y
    ));
    assert_eq!(
        app.threshold,
        STEPS[STEPS.len() - 1],
        "released: drags no longer move it"
    );
}

#[test]
fn popups_take_no_clicks() {
    let mut app = app(Lang::En);
    let screen = lines(&mut app);
    press(&mut app, KeyCode::Char('?'));
    lines(&mut app);
    let (x, y) = find(&screen, "2 Threshold");
    assert!(!click(&mut app, x + 2, y));
    assert_eq!(app.tab, Tab::Search);
    assert!(
        mouse(&mut app, MouseEventKind::ScrollDown, 10, 10),
        "the wheel scrolls the help"
    );
    assert_eq!(app.context(), Context::Help);
}

#[test]
fn tasks_rows_take_clicks() {
    let mut app = app(Lang::Fr);
    press(&mut app, KeyCode::Char('3'));
    lines(&mut app);
    let rows = app.tasks.cursor.rows;
    assert!(rows.height > 2, "{rows:?}");
    assert!(click(&mut app, rows.x + 1, rows.y + 2));
    assert_eq!(app.tasks.cursor.selected, 2);
}

#[test]
fn too_small_terminal_ignores_the_mouse() {
    let mut app = app(Lang::En);
    draw(&mut app, 30, 8);
    assert!(!click(&mut app, 1, 0));
    assert!(!mouse(&mut app, MouseEventKind::ScrollDown, 1, 1));
}
