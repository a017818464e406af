//! Tests of the A/B pane: its keys driven through the App, and its drawing in English and
//! French at 80x24 and 120x40.

use crossterm::event::KeyCode;

use super::action::{Context, help_lines};
use super::app::Tab;
use super::panes::compare::{CompareFocus, DEFAULT_B};
use super::tests::{B, M, app, draw, press, screen, text, type_text};
use crate::i18n::Lang;

/// Opens the A/B tab of the sixteen-model fixture: at A = 7B and B = 14B, Qwen2.5-7B (7.62B)
/// and Llama-3.1-8B (8.03B) change class. Draws it as the event loop does, waiting for the
/// ranking of the models, so that keys act on the listed rows.
fn compare_app(lang: Lang) -> super::app::App {
    let mut app = app(lang);
    assert!(press(&mut app, KeyCode::Char('6')));
    assert_eq!(app.tab, Tab::Compare);
    draw(&mut app, 80, 24);
    app
}

fn large_screen(app: &mut super::app::App) -> String {
    text(&draw(app, 120, 40))
}

fn list_ids(screen: &str) -> Vec<&str> {
    [
        "meta-llama/Llama-3.1-8B-Instruct",
        "Qwen/Qwen2.5-7B-Instruct",
    ]
    .into_iter()
    .filter(|id| screen.contains(id))
    .collect()
}

// ---- state, driven through keys ----

#[test]
fn digit_6_opens_the_tab() {
    let mut app = app(Lang::En);
    assert_eq!(app.tab, Tab::Search);
    assert!(press(&mut app, KeyCode::Char('6')));
    assert_eq!(app.tab, Tab::Compare);
    assert_eq!(app.context(), Context::Compare);
    assert!(press(&mut app, KeyCode::Tab), "Tab wraps to the first tab");
    assert_eq!(app.tab, Tab::Search);
    assert!(press(&mut app, KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Compare);
}

#[test]
fn angle_brackets_step_b_and_plus_moves_a() {
    let mut app = compare_app(Lang::En);
    assert_eq!(app.compare.b, DEFAULT_B);
    assert!(press(&mut app, KeyCode::Char('>')));
    assert_eq!(app.compare.b, 20 * B);
    assert!(press(&mut app, KeyCode::Char('<')));
    assert!(press(&mut app, KeyCode::Char('<')));
    assert_eq!(app.compare.b, 13 * B);
    assert_eq!(app.threshold, 7 * B, "B keys leave A alone");

    assert!(press(&mut app, KeyCode::Char('+')));
    assert_eq!(app.threshold, 8 * B);
    assert_eq!(app.compare.b, 13 * B, "A keys leave B alone");
    let screen = screen(&mut app);
    // Between 8B and 13B only Llama-3.1-8B (8.03B) changes class.
    assert!(screen.contains("1 model changes class"), "{screen}");
    assert_eq!(list_ids(&screen), ["meta-llama/Llama-3.1-8B-Instruct"]);
}

#[test]
fn typed_b_previews_applies_and_cancels() {
    let mut app = compare_app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('b')));
    assert_eq!(app.context(), Context::CompareInput);
    type_text(&mut app, "7x");
    let screen = screen(&mut app);
    assert!(
        screen.contains("✗ not a size: write 7B, 1.5b, 500M or 1T"),
        "{screen}"
    );
    assert!(
        !press(&mut app, KeyCode::Enter),
        "Enter on an error applies nothing"
    );
    assert_eq!(app.compare.b, DEFAULT_B);

    press(&mut app, KeyCode::Backspace);
    let screen = super::tests::screen(&mut app);
    assert!(screen.contains("add a unit: 7M, 7B or 7T"), "{screen}");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "1B");
    let screen = super::tests::screen(&mut app);
    assert!(screen.contains("→ 1B"), "{screen}");
    assert!(
        screen.contains("From A to B, sizes from 1B up to 7B (excluded) go SLM → LLM"),
        "the preview already drives the numbers: {screen}"
    );
    assert_eq!(app.compare.b, DEFAULT_B, "a preview is not applied");

    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.compare.b, DEFAULT_B, "Esc cancels");
    assert_eq!(app.context(), Context::Compare);

    press(&mut app, KeyCode::Char('b'));
    type_text(&mut app, "1.5b");
    assert!(press(&mut app, KeyCode::Enter));
    assert_eq!(app.compare.b, 1_500 * M);
    assert_eq!(app.context(), Context::Compare);
}

#[test]
fn query_filters_and_esc_clears() {
    let mut app = compare_app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('/')));
    assert_eq!(app.context(), Context::CompareQuery);
    type_text(&mut app, "qwen");
    let screen = screen(&mut app);
    assert_eq!(list_ids(&screen), ["Qwen/Qwen2.5-7B-Instruct"]);
    assert!(screen.contains("1 / 1 · 1 of 2 models"), "{screen}");

    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.context(), Context::Compare);
    assert_eq!(app.compare.query.text(), "qwen", "the query stays");
    assert!(press(&mut app, KeyCode::Esc));
    assert!(app.compare.query.is_empty());
    let screen = super::tests::screen(&mut app);
    assert_eq!(list_ids(&screen).len(), 2);

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzz");
    let screen = super::tests::screen(&mut app);
    assert!(screen.contains("No id matches the query."), "{screen}");
    assert!(!press(&mut app, KeyCode::Enter), "no row to open");
}

#[test]
fn enter_opens_details_and_esc_returns() {
    let mut app = compare_app(Lang::En);
    assert!(press(&mut app, KeyCode::Char('j')));
    assert_eq!(app.compare.cursor.selected, 1);
    assert!(press(&mut app, KeyCode::Enter));
    assert_eq!(app.context(), Context::CompareDetail);
    let screen = screen(&mut app);
    // The list is sorted by downloads: Llama (5M) first, Qwen (1.8M) second.
    assert!(screen.contains("Qwen/Qwen2.5-7B-Instruct"), "{screen}");
    assert!(screen.contains("text-generation"), "{screen}");
    assert!(press(&mut app, KeyCode::Esc));
    assert_eq!(app.compare.focus, CompareFocus::List);
    assert_eq!(app.compare.cursor.selected, 1, "the selection stays");
}

#[test]
fn leaving_the_tab_stops_typing_the_query() {
    let mut app = compare_app(Lang::En);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ll");
    assert!(press(&mut app, KeyCode::Tab));
    assert_eq!(app.tab, Tab::Search);
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.compare.focus, CompareFocus::List);
    assert_eq!(app.compare.query.text(), "ll");
}

#[test]
fn keys_listed_in_help_and_hints() {
    let keys: Vec<String> = help_lines(Context::Compare, Lang::En)
        .into_iter()
        .map(|line| format!("{} {}", line.keys, line.text))
        .collect();
    for expected in [
        "b type threshold B, such as 14B, 1.5b or 500M",
        "< lower threshold B one step",
        "> raise threshold B one step",
        "Enter open the model's details",
    ] {
        assert!(keys.iter().any(|key| key == expected), "{keys:?}");
    }
    let global = help_lines(Context::Global, Lang::Fr);
    assert!(
        global
            .iter()
            .any(|line| line.keys.contains('6') && line.text == "aller à l'onglet 1 à 6"),
        "{global:?}"
    );
    let mut app = compare_app(Lang::En);
    let screen = screen(&mut app);
    assert!(screen.contains("b B value"), "{screen}");
    press(&mut app, KeyCode::Char('?'));
    let screen = super::tests::screen(&mut app);
    assert!(screen.contains("Keys: A/B"), "{screen}");
}

// ---- drawing ----

#[test]
fn compare_pane_en() {
    let mut app = compare_app(Lang::En);
    let screen = screen(&mut app);
    insta::assert_snapshot!("compare_en", screen);
    assert!(screen.contains(" 6 A/B"), "tab bar shows the tab's key");
    assert!(screen.contains("A 7B applied threshold"), "{screen}");
    assert!(screen.contains("B 14B"), "{screen}");
    assert!(
        screen.contains("From A to B, sizes from 7B up to 14B (excluded) go LLM → SLM"),
        "{screen}"
    );
    assert!(
        screen.contains("2 models change class · 6,800,000 downloads in 30 days"),
        "{screen}"
    );
    assert!(
        screen.contains("SLM 6 → 8 · LLM 7 → 5 · 3 of unknown size"),
        "{screen}"
    );
    // Two of the nine text-generation models of known size change class.
    let task = screen
        .lines()
        .find(|line| line.starts_with("text-generation"))
        .expect("task row");
    assert_eq!(
        task.split_whitespace().collect::<Vec<_>>(),
        ["text-generation", "2", "22.2%", "6,800,000"]
    );
    assert_eq!(
        list_ids(&screen),
        [
            "meta-llama/Llama-3.1-8B-Instruct",
            "Qwen/Qwen2.5-7B-Instruct"
        ]
    );
    let llama = screen.find("meta-llama/Llama-3.1-8B").unwrap();
    let qwen = screen.find("Qwen/Qwen2.5-7B-Instruct").unwrap();
    assert!(llama < qwen, "most downloaded first");
}

#[test]
fn compare_pane_fr() {
    let mut app = compare_app(Lang::Fr);
    let screen = screen(&mut app);
    insta::assert_snapshot!("compare_fr", screen);
    assert!(
        screen.contains("De A à B, les tailles de 7B à 14B (exclu) passent de LLM à SLM"),
        "{screen}"
    );
    let downloads = Lang::Fr.int(6_800_000);
    assert!(
        screen.contains(&format!(
            "2 modèles changent de classe · {downloads} téléchargements"
        )),
        "{screen}"
    );
    assert!(screen.contains("3 de taille inconnue"), "{screen}");
    assert!(screen.contains("22,2"), "{screen}");
}

#[test]
fn compare_pane_en_large() {
    let mut app = compare_app(Lang::En);
    press(&mut app, KeyCode::Char('b'));
    type_text(&mut app, "1B");
    press(&mut app, KeyCode::Enter);
    let screen = large_screen(&mut app);
    insta::assert_snapshot!("compare_en_120x40", screen);
    // From 7B down to 1B, Whisper (1.54B) and the hostile model (1.1B) become LLMs.
    assert!(
        screen.contains("From A to B, sizes from 1B up to 7B (excluded) go SLM → LLM"),
        "{screen}"
    );
    assert!(screen.contains("2 models change class"), "{screen}");
    assert!(screen.contains("openai/whisper-large-v3"), "{screen}");
    assert!(
        screen.contains("evil/red-model"),
        "escape sequence removed: {screen}"
    );
    assert!(
        !screen.chars().any(|c| c.is_control() && c != '\n'),
        "{screen:?}"
    );
    assert!(screen.contains("automatic-speech-recognition"), "{screen}");
}

#[test]
fn compare_pane_fr_large() {
    let mut app = compare_app(Lang::Fr);
    press(&mut app, KeyCode::Char('b'));
    type_text(&mut app, "7");
    let screen = large_screen(&mut app);
    insta::assert_snapshot!("compare_fr_120x40_typing", screen);
    assert!(
        screen.contains("B › 7   ajoutez une unité : 7M, 7B ou 7T"),
        "{screen}"
    );
    assert!(
        screen.contains("passent de LLM à SLM"),
        "the applied B (14B) drives the numbers until the value parses: {screen}"
    );
}

#[test]
fn equal_thresholds_move_nothing() {
    let mut app = compare_app(Lang::En);
    press(&mut app, KeyCode::Char('b'));
    type_text(&mut app, "7B");
    press(&mut app, KeyCode::Enter);
    let screen = screen(&mut app);
    assert!(
        screen.contains("A and B are equal: no model changes class."),
        "{screen}"
    );
    assert!(
        screen.contains("No task has a model changing class."),
        "{screen}"
    );
    assert!(
        screen.contains("No model of known size lies between A and B."),
        "{screen}"
    );
}

#[test]
fn query_hint_clear_of_position_at_60() {
    let mut app = compare_app(Lang::Fr);
    let shown = text(&draw(&mut app, 60, 16));
    let row = shown
        .lines()
        .find(|line| line.contains("/ pour chercher"))
        .expect("the query hint is drawn");
    let position = row.find("1 / ").expect("the position is drawn");
    assert_eq!(
        row[..position].chars().last(),
        Some(' '),
        "a space before the position: {row}"
    );
}
