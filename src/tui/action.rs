//! Key handling: the `Action` enum and the one keymap table. Key lookup, the `?` help and the
//! status-bar hints are all read from `KEYMAP`, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Tab;
use crate::i18n::Lang;

/// Everything a user can ask for. Which actions a key gives depends on the [`Context`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    GoTo(Tab),
    ToggleHelp,
    /// Esc: close a popup or a view, stop typing, cancel an edit, clear a query.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    ThresholdUp,
    ThresholdDown,
    /// Start typing into the focused pane's input line.
    Edit,
    /// Enter: open the selection or apply what was typed.
    Confirm,
    CycleSort,
    FlipOrder,
    CycleDomain,
    ToggleScale,
    /// Show the next view of a pane that has several.
    CycleView,
    /// Weight shares by 30-day downloads instead of counting models, or back.
    ToggleWeighting,
    /// Restrict the pane to the next or previous pipeline_tag.
    NextTask,
    PrevTask,
    Insert(char),
    DeleteBack,
    ClearText,
    CursorLeft,
    CursorRight,
    /// Start filling the cache from the Hub on a background task.
    StartSync,
    /// Stop the running sync; its stored cursor lets a later one continue.
    CancelSync,
    /// Start typing the A/B pane's threshold B.
    EditSecondThreshold,
    /// Move the A/B pane's threshold B one slider step.
    SecondThresholdUp,
    SecondThresholdDown,
    /// Open the filter form.
    OpenFilters,
    /// Remove every filter at once.
    ClearFilters,
    /// Switch to the next colour theme and remember it.
    CycleTheme,
    /// Space in a form: tick or untick the focused row, or pick its next value.
    ToggleOption,
    /// Switch the Threshold pane's chart between the histogram and the sweep.
    ToggleChart,
    /// Move the threshold to the next suggested threshold.
    NextSuggestion,
    /// Show the next or previous benchmark set.
    NextSet,
    PrevSet,
    /// Open the popup that lists every benchmark set.
    OpenChooser,
    /// Keep only the results of the next model type, or of every type.
    CycleModelType,
    /// Keep only the results dated from the next year on, or of every date.
    CycleDateFilter,
    /// Lower or raise the margin of "smallest model within N points of the best".
    MarginDown,
    MarginUp,
    /// Move the presentation to the next or previous step; nothing happens past either end.
    NextStep,
    PrevStep,
    /// Jump to a presentation step, counted from 0.
    GoToStep(usize),
    /// Open the export popup for what the focused pane shows.
    Export,
    /// Copy the selected model's id to the clipboard with OSC 52.
    CopyId,
    /// Choose CSV or JSON in the export popup.
    PickCsv,
    PickJson,
}

/// The place keys are read in: a pane, a mode of a pane, or a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Search,
    Query,
    Detail,
    Threshold,
    ThresholdInput,
    Tasks,
    Benchmarks,
    /// The popup listing every benchmark set, with its query line.
    BenchmarkChooser,
    BenchmarkDetail,
    Trends,
    Help,
    /// Keys read while a sync runs, when the focused context has no use for them.
    Sync,
    Compare,
    CompareInput,
    CompareQuery,
    CompareDetail,
    /// The filter form over the panes.
    FilterForm,
    /// The presentation mode of `slmscope tour`, which reads no global key.
    Tour,
    /// The export popup: the format and the path of the file to write.
    ExportPrompt,
}

impl Context {
    /// False for text inputs, where printable keys are typed rather than looked up globally,
    /// and for the tour, which binds every key it reads itself.
    pub fn inherits_global(self) -> bool {
        // The tour and the export popup take only their own keys.
        !self.accepts_text() && self != Context::Tour && self != Context::ExportPrompt
    }

    pub fn accepts_text(self) -> bool {
        matches!(
            self,
            Context::Query
                | Context::ThresholdInput
                | Context::CompareInput
                | Context::CompareQuery
                | Context::BenchmarkChooser
                | Context::FilterForm
        )
    }

    /// Returns the context's name inside a sentence: the title, with a lowercase first letter in
    /// French, which capitalises no common noun mid-sentence (`Partout` becomes `partout`).
    pub fn name_in_text(self, lang: Lang) -> String {
        let title = self.title(lang);
        match lang {
            Lang::En => title.to_string(),
            Lang::Fr => {
                let mut chars = title.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_lowercase().chain(chars).collect()
                })
            }
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Context::Global => lang.pick("Everywhere", "Partout"),
            Context::Search => lang.pick("Search results", "Résultats de recherche"),
            Context::Query => lang.pick("Typing a query", "Saisie de la recherche"),
            Context::Detail => lang.pick("Model details", "Fiche du modèle"),
            Context::Threshold => lang.pick("Threshold", "Seuil"),
            Context::ThresholdInput => lang.pick("Typing a threshold", "Saisie du seuil"),
            Context::Tasks => lang.pick("Tasks", "Tâches"),
            Context::Benchmarks => "Benchmarks",
            Context::BenchmarkChooser => {
                lang.pick("Choosing a benchmark set", "Choix d'un jeu de résultats")
            }
            Context::BenchmarkDetail => lang.pick("Result details", "Fiche du résultat"),
            Context::Trends => lang.pick("Trends", "Tendances"),
            Context::Help => lang.pick("Help", "Aide"),
            Context::Sync => lang.pick("While a sync runs", "Pendant une synchronisation"),
            Context::Compare => lang.pick("A/B comparison", "Comparaison A/B"),
            Context::CompareInput => lang.pick("Typing threshold B", "Saisie du seuil B"),
            Context::CompareQuery => lang.pick(
                "Searching the changing models",
                "Recherche parmi les modèles qui changent",
            ),
            Context::CompareDetail => lang.pick("Model details", "Fiche du modèle"),
            Context::FilterForm => lang.pick("Filter form", "Formulaire des filtres"),
            Context::Tour => lang.pick("Presentation", "Présentation"),
            Context::ExportPrompt => lang.pick("Export popup", "Fenêtre d'export"),
        }
    }
}

/// A key with or without Ctrl. Shift is carried by the character itself (`G`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn of(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    const fn char(c: char) -> Key {
        Key::of(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Returns true when `event` is this key. Alt combinations never match.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        !alt && ctrl == self.ctrl && code == self.code
    }

    /// Parses a key as the `[keys]` table of the configuration file writes it.
    ///
    /// The forms are one character (`x`, `G`, `?`), `Ctrl-x`, or a name such as `Enter`, `Esc`, `Space`, `Tab`, `Shift-Tab`,
    /// `Backspace`, `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End` or `F1` to `F12`,
    /// in any case. Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Key> {
        let text = text.trim();
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_control() && c != ' ').then_some(Key::char(c));
        }
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("ctrl+"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Some(Key::ctrl(c)),
                _ => None,
            };
        }
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            _ => {
                let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
                return (1..=12)
                    .contains(&number)
                    .then_some(Key::of(KeyCode::F(number)));
            }
        };
        Some(Key::of(code))
    }

    /// Returns the key's name as the help and the status bar write it.
    pub fn label(&self, lang: Lang) -> String {
        match self.code {
            KeyCode::Char(c) if self.ctrl => format!("Ctrl-{}", c.to_ascii_uppercase()),
            KeyCode::Char(' ') => lang.pick("Space", "Espace").to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => lang.pick("Home", "Début").to_string(),
            KeyCode::End => lang.pick("End", "Fin").to_string(),
            KeyCode::Enter => lang.pick("Enter", "Entrée").to_string(),
            KeyCode::Esc => lang.pick("Esc", "Échap").to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => lang.pick("Shift-Tab", "Maj-Tab").to_string(),
            KeyCode::Backspace => lang.pick("Backspace", "Retour arrière").to_string(),
            KeyCode::F(number) => format!("F{number}"),
            other => format!("{other:?}"),
        }
    }
}

/// English and French text of one help or hint entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Words {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.fr)
    }
}

const fn words(en: &'static str, fr: &'static str) -> Words {
    Words { en, fr }
}

/// One row of the keymap. Consecutive rows of one context with the same `help` share one help
/// line, and rows with the same `hint` share one status-bar hint.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// Written instead of the key names, for rows that stand for every printable key.
    pub keys_words: Option<Words>,
    pub action: Action,
    pub help: Words,
    /// Short text for the status bar; `None` keeps the row out of it.
    pub hint: Option<Words>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: Words,
    hint: Option<Words>,
) -> Binding {
    Binding {
        context,
        keys,
        keys_words: None,
        action,
        help,
        hint,
    }
}

const UP: &[Key] = &[Key::of(KeyCode::Up), Key::char('k')];
const DOWN: &[Key] = &[Key::of(KeyCode::Down), Key::char('j')];
const PAGE_UP: &[Key] = &[Key::of(KeyCode::PageUp)];
const PAGE_DOWN: &[Key] = &[Key::of(KeyCode::PageDown)];
const TOP: &[Key] = &[Key::of(KeyCode::Home), Key::char('g')];
const BOTTOM: &[Key] = &[Key::of(KeyCode::End), Key::char('G')];
const ENTER: &[Key] = &[Key::of(KeyCode::Enter)];
const ESC: &[Key] = &[Key::of(KeyCode::Esc)];
const BACKSPACE: &[Key] = &[Key::of(KeyCode::Backspace)];
const CLEAR: &[Key] = &[Key::ctrl('u')];
const CTRL_C: &[Key] = &[Key::ctrl('c')];
const ARROW_LEFT: &[Key] = &[Key::of(KeyCode::Left)];
const ARROW_RIGHT: &[Key] = &[Key::of(KeyCode::Right)];
const TAB: &[Key] = &[Key::of(KeyCode::Tab)];
const BACK_TAB: &[Key] = &[Key::of(KeyCode::BackTab)];

const SYNC: Words = words("sync", "synchro");
const MOVE: Words = words("move the selection", "déplacer la sélection");
const PAGE: Words = words("move by a page", "changer de page");
const ENDS: Words = words("first or last row", "première ou dernière ligne");
const SCROLL: Words = words("scroll", "faire défiler");
const SCROLL_PAGE: Words = words("scroll by a page", "défiler d'une page");
const SCROLL_ENDS: Words = words("top or bottom", "début ou fin");
const QUIT: Words = words("quit", "quitter");
const NEXT_TAB: Words = words("next tab", "onglet suivant");
const PREV_TAB: Words = words("previous tab", "onglet précédent");
const GO_TAB: Words = words("go to tab 1 to 6", "aller à l'onglet 1 à 6");
const CURSOR: Words = words("move the cursor", "déplacer le curseur");
const DELETE: Words = words(
    "delete the character before the cursor",
    "effacer le caractère avant le curseur",
);

/// The navigation rows every list pane shares.
macro_rules! list_moves {
    ($context:expr) => {
        [
            bind($context, UP, Action::Up, MOVE, None),
            bind($context, DOWN, Action::Down, MOVE, None),
            bind($context, PAGE_UP, Action::PageUp, PAGE, None),
            bind($context, PAGE_DOWN, Action::PageDown, PAGE, None),
            bind($context, TOP, Action::Top, ENDS, None),
            bind($context, BOTTOM, Action::Bottom, ENDS, None),
        ]
    };
}

macro_rules! scroll_moves {
    ($context:expr) => {
        [
            bind($context, UP, Action::Up, SCROLL, None),
            bind($context, DOWN, Action::Down, SCROLL, None),
            bind($context, PAGE_UP, Action::PageUp, SCROLL_PAGE, None),
            bind($context, PAGE_DOWN, Action::PageDown, SCROLL_PAGE, None),
            bind($context, TOP, Action::Top, SCROLL_ENDS, None),
            bind($context, BOTTOM, Action::Bottom, SCROLL_ENDS, None),
        ]
    };
}

/// The keys of a query line over a list of models: typing filters the ids, the arrows still move
/// the selection.
macro_rules! id_query {
    ($context:expr) => {
        [
            typing(
                $context,
                words("filter the ids as you type", "filtrer les ids à la frappe"),
            ),
            bind($context, ARROW_LEFT, Action::CursorLeft, CURSOR, None),
            bind($context, ARROW_RIGHT, Action::CursorRight, CURSOR, None),
            bind($context, BACKSPACE, Action::DeleteBack, DELETE, None),
            bind(
                $context,
                CLEAR,
                Action::ClearText,
                words("clear the query", "effacer la recherche"),
                Some(words("clear", "effacer")),
            ),
            bind($context, &[Key::of(KeyCode::Up)], Action::Up, MOVE, None),
            bind(
                $context,
                &[Key::of(KeyCode::Down)],
                Action::Down,
                MOVE,
                None,
            ),
            bind($context, PAGE_UP, Action::PageUp, PAGE, None),
            bind($context, PAGE_DOWN, Action::PageDown, PAGE, None),
            bind(
                $context,
                ENTER,
                Action::Confirm,
                words(
                    "open the selected model's details",
                    "ouvrir la fiche du modèle choisi",
                ),
                Some(words("details", "fiche")),
            ),
            bind(
                $context,
                ESC,
                Action::Back,
                words(
                    "stop typing; the query stays and letters are keys again",
                    "finir la saisie ; la recherche reste et les lettres redeviennent des touches",
                ),
                Some(words("done", "fini")),
            ),
            bind($context, TAB, Action::NextTab, NEXT_TAB, None),
            bind($context, BACK_TAB, Action::PrevTab, PREV_TAB, None),
            bind($context, CTRL_C, Action::Quit, QUIT, None),
        ]
    };
}

/// The keys of a threshold input line: `help` describes what to type, `apply` Enter and `cancel`
/// Esc.
macro_rules! threshold_typing {
    ($context:expr, $help:expr, $apply:expr, $cancel:expr) => {
        [
            typing($context, $help),
            bind($context, ARROW_LEFT, Action::CursorLeft, CURSOR, None),
            bind($context, ARROW_RIGHT, Action::CursorRight, CURSOR, None),
            bind($context, BACKSPACE, Action::DeleteBack, DELETE, None),
            bind(
                $context,
                CLEAR,
                Action::ClearText,
                words("clear the value", "effacer la valeur"),
                None,
            ),
            bind(
                $context,
                ENTER,
                Action::Confirm,
                $apply,
                Some(words("apply", "appliquer")),
            ),
            bind(
                $context,
                ESC,
                Action::Back,
                $cancel,
                Some(words("cancel", "annuler")),
            ),
            bind($context, CTRL_C, Action::Quit, QUIT, None),
        ]
    };
}

/// A help row for typed text. It has no keys, so `lookup` never matches it and its action is a
/// placeholder: `lookup` turns printable characters into `Action::Insert` itself.
const fn typing(context: Context, help: Words) -> Binding {
    Binding {
        context,
        keys: &[],
        keys_words: Some(words("letters, digits", "lettres, chiffres")),
        action: Action::Insert(' '),
        help,
        hint: None,
    }
}

const GLOBAL: [Binding; 19] = [
    bind(
        Context::Global,
        &[Key::char('q')],
        Action::Quit,
        QUIT,
        Some(QUIT),
    ),
    bind(Context::Global, CTRL_C, Action::Quit, QUIT, None),
    bind(Context::Global, TAB, Action::NextTab, NEXT_TAB, None),
    bind(Context::Global, BACK_TAB, Action::PrevTab, PREV_TAB, None),
    bind(
        Context::Global,
        &[Key::char('1')],
        Action::GoTo(Tab::Search),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('2')],
        Action::GoTo(Tab::Threshold),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('3')],
        Action::GoTo(Tab::Tasks),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('4')],
        Action::GoTo(Tab::Benchmarks),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('5')],
        Action::GoTo(Tab::Trends),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('6')],
        Action::GoTo(Tab::Compare),
        GO_TAB,
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('+'), Key::char(']')],
        Action::ThresholdUp,
        words("raise the threshold one step", "monter le seuil d'un cran"),
        Some(words("threshold", "seuil")),
    ),
    bind(
        Context::Global,
        &[Key::char('-'), Key::char('[')],
        Action::ThresholdDown,
        words("lower the threshold one step", "baisser le seuil d'un cran"),
        Some(words("threshold", "seuil")),
    ),
    bind(
        Context::Global,
        &[Key::char('S')],
        Action::StartSync,
        words(
            "sync the cache from the Hub: the 10,000 most downloaded models, continuing a stopped sync",
            "synchroniser le cache depuis le Hub : les 10 000 modèles les plus téléchargés, en reprenant une synchronisation arrêtée",
        ),
        Some(SYNC),
    ),
    bind(
        Context::Global,
        &[Key::char('f')],
        Action::OpenFilters,
        words(
            "filter the models of every tab: task, library, author, date, size, repository kind",
            "filtrer les modèles de tous les onglets : tâche, bibliothèque, auteur, date, taille, type de dépôt",
        ),
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('x')],
        Action::ClearFilters,
        words("clear every filter", "retirer tous les filtres"),
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('t')],
        Action::CycleTheme,
        words(
            "next colour theme: dark, light, high contrast, colour-blind safe (remembered)",
            "thème de couleurs suivant : sombre, clair, contraste élevé, adapté au daltonisme (mémorisé)",
        ),
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('e')],
        Action::Export,
        words(
            "export what the pane shows, table rows or chart data, to a CSV or JSON file",
            "exporter ce qu'affiche le panneau, lignes du tableau ou données du graphique, en CSV ou JSON",
        ),
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('y')],
        Action::CopyId,
        words(
            "copy the selected model's id to the clipboard (OSC 52, also over SSH)",
            "copier l'id du modèle choisi dans le presse-papiers (OSC 52, même en SSH)",
        ),
        None,
    ),
    bind(
        Context::Global,
        &[Key::char('?')],
        Action::ToggleHelp,
        words("show or hide this help", "afficher ou masquer cette aide"),
        Some(words("help", "aide")),
    ),
];

const SEARCH: [Binding; 11] = {
    let moves = list_moves!(Context::Search);
    [
        bind(
            Context::Search,
            &[Key::char('/')],
            Action::Edit,
            words(
                "type a query to filter the ids",
                "saisir une recherche sur les ids",
            ),
            Some(words("search", "chercher")),
        ),
        bind(
            Context::Search,
            &[Key::char('s')],
            Action::CycleSort,
            words(
                "sort by the next column: params, downloads, likes, created",
                "trier par la colonne suivante : params, téléch., likes, créé",
            ),
            Some(words("sort", "trier")),
        ),
        bind(
            Context::Search,
            &[Key::char('r')],
            Action::FlipOrder,
            words("reverse the sort order", "inverser l'ordre du tri"),
            Some(words("order", "ordre")),
        ),
        bind(
            Context::Search,
            ENTER,
            Action::Confirm,
            words("open the model's details", "ouvrir la fiche du modèle"),
            Some(words("details", "fiche")),
        ),
        bind(
            Context::Search,
            ESC,
            Action::Back,
            words("clear the query", "effacer la recherche"),
            None,
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const QUERY: [Binding; 14] = id_query!(Context::Query);

const DETAIL: [Binding; 7] = {
    let moves = scroll_moves!(Context::Detail);
    [
        bind(
            Context::Detail,
            ESC,
            Action::Back,
            words("back to the results", "retour aux résultats"),
            Some(words("back", "retour")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const THRESHOLD: [Binding; 7] = [
    bind(
        Context::Threshold,
        &[Key::of(KeyCode::Left), Key::char('h')],
        Action::ThresholdDown,
        words("move the slider one step", "déplacer le curseur d'un cran"),
        Some(words("step", "cran")),
    ),
    bind(
        Context::Threshold,
        &[Key::of(KeyCode::Right), Key::char('l')],
        Action::ThresholdUp,
        words("move the slider one step", "déplacer le curseur d'un cran"),
        Some(words("step", "cran")),
    ),
    bind(
        Context::Threshold,
        TOP,
        Action::Top,
        words("smallest or largest step", "plus petit ou plus grand cran"),
        None,
    ),
    bind(
        Context::Threshold,
        BOTTOM,
        Action::Bottom,
        words("smallest or largest step", "plus petit ou plus grand cran"),
        None,
    ),
    bind(
        Context::Threshold,
        &[Key::char('/'), Key::of(KeyCode::Enter)],
        Action::Edit,
        words(
            "type a threshold such as 7B, 1.5b or 500M",
            "saisir un seuil, par exemple 7B, 1.5b ou 500M",
        ),
        Some(words("type a value", "saisir")),
    ),
    bind(
        Context::Threshold,
        &[Key::char('m')],
        Action::NextSuggestion,
        words(
            "move the threshold to the next suggestion: natural breaks (N), density valley (V), best agreement with publishers (P)",
            "placer le seuil sur la suggestion suivante : ruptures naturelles (N), creux de densité (V), meilleur accord avec les éditeurs (P)",
        ),
        Some(words("suggestion", "suggestion")),
    ),
    bind(
        Context::Threshold,
        &[Key::char('v')],
        Action::ToggleChart,
        words(
            "switch the chart between the histogram and the sweep of every step",
            "basculer le graphique entre l'histogramme et le balayage des crans",
        ),
        Some(SWEEP_HINT),
    ),
];

/// The status-bar hint of `v` in the Threshold tab while the histogram is shown.
pub const SWEEP_HINT: Words = words("sweep", "balayage");
/// The hint that replaces [`SWEEP_HINT`] while the sweep is shown, since `v` then goes back to
/// the histogram. The English hint is "bars" because "histogram" does not fit 80 columns.
pub const HISTOGRAM_HINT: Words = words("bars", "histogramme");

const THRESHOLD_INPUT: [Binding; 8] = threshold_typing!(
    Context::ThresholdInput,
    words(
        "a size with its unit: 7B, 1.5b, 500M, 1T; previewed as you type",
        "une taille avec son unité : 7B, 1.5b, 500M, 1T ; aperçu à la frappe",
    ),
    words("apply the threshold", "appliquer le seuil"),
    words(
        "cancel and keep the previous threshold",
        "annuler et garder le seuil précédent",
    )
);

const TASKS: [Binding; 7] = {
    let moves = list_moves!(Context::Tasks);
    [
        bind(
            Context::Tasks,
            &[Key::char('n')],
            Action::ToggleScale,
            words(
                "bars: split of each task, or counts against the largest task",
                "barres : répartition de chaque tâche, ou effectifs face à la plus grande",
            ),
            Some(words("scale", "échelle")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

/// The moves of the Benchmarks table. `k` and `j` are left out because `k` picks the model
/// type there.
const BENCHMARKS: [Binding; 18] = {
    let moves = list_moves!(Context::Benchmarks);
    [
        bind(
            Context::Benchmarks,
            &[Key::char('b')],
            Action::NextSet,
            words(
                "next benchmark set (one benchmark with one metric)",
                "jeu de résultats suivant (un benchmark avec une métrique)",
            ),
            Some(words("set", "jeu")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('B')],
            Action::PrevSet,
            words("previous benchmark set", "jeu de résultats précédent"),
            Some(words("set", "jeu")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('/')],
            Action::OpenChooser,
            words(
                "choose a set from the list of every set, with a fuzzy query",
                "choisir un jeu dans la liste de tous les jeux, avec une recherche floue",
            ),
            Some(words("sets", "jeux")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('v')],
            Action::CycleView,
            words(
                "switch between the table and the chart of score against size",
                "basculer entre le tableau et le graphique du score selon la taille",
            ),
            Some(words("chart", "graphique")),
        ),
        bind(
            Context::Benchmarks,
            ENTER,
            Action::Confirm,
            words(
                "open the result's details: origin, link, linked Hub model, size used",
                "ouvrir la fiche du résultat : origine, lien, modèle du Hub lié, taille retenue",
            ),
            Some(words("details", "fiche")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('<')],
            Action::MarginDown,
            words(
                "lower the margin N of \"smallest model within N points of the best\" by 1",
                "baisser de 1 la marge N de « plus petit modèle à N points du meilleur »",
            ),
            Some(words("margin", "marge")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('>')],
            Action::MarginUp,
            words(
                "raise the margin N by 1 (0 to 100 points)",
                "monter la marge N de 1 (0 à 100 points)",
            ),
            Some(words("margin", "marge")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('d')],
            Action::CycleDomain,
            words(
                "offer only the sets of the next domain: all, code, medical, nli, general",
                "ne proposer que les jeux du domaine suivant : tous, code, médical, nli, général",
            ),
            Some(words("domain", "domaine")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('T')],
            Action::CycleModelType,
            words(
                "keep only the results of the next model type, then of every type",
                "ne garder que les résultats du type de modèle suivant, puis de tous",
            ),
            Some(words("type", "type")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('a')],
            Action::CycleDateFilter,
            words(
                "keep only the results dated from the next year on, then every date",
                "ne garder que les résultats datés de l'année suivante ou après, puis tous",
            ),
            Some(words("since", "depuis")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('s')],
            Action::CycleSort,
            words(
                "sort by the next column: score, params, active, score/B, date, model",
                "trier par la colonne suivante : score, params, actifs, score/B, date, modèle",
            ),
            Some(words("sort", "trier")),
        ),
        bind(
            Context::Benchmarks,
            &[Key::char('r')],
            Action::FlipOrder,
            words(
                "reverse the sort order; unknown values stay last",
                "inverser l'ordre du tri ; les valeurs inconnues restent à la fin",
            ),
            Some(words("order", "ordre")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const BENCHMARK_CHOOSER: [Binding; 12] = [
    typing(
        Context::BenchmarkChooser,
        words(
            "filter the sets as you type (fuzzy, every word must match)",
            "filtrer les jeux à la frappe (recherche floue, chaque mot doit correspondre)",
        ),
    ),
    bind(
        Context::BenchmarkChooser,
        ARROW_LEFT,
        Action::CursorLeft,
        CURSOR,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        ARROW_RIGHT,
        Action::CursorRight,
        CURSOR,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        BACKSPACE,
        Action::DeleteBack,
        DELETE,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        CLEAR,
        Action::ClearText,
        words("clear the query", "effacer la recherche"),
        Some(words("clear", "effacer")),
    ),
    bind(
        Context::BenchmarkChooser,
        &[Key::of(KeyCode::Up)],
        Action::Up,
        MOVE,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        &[Key::of(KeyCode::Down)],
        Action::Down,
        MOVE,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        PAGE_UP,
        Action::PageUp,
        PAGE,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        PAGE_DOWN,
        Action::PageDown,
        PAGE,
        None,
    ),
    bind(
        Context::BenchmarkChooser,
        ENTER,
        Action::Confirm,
        words("show the selected set", "afficher le jeu choisi"),
        Some(words("pick", "choisir")),
    ),
    bind(
        Context::BenchmarkChooser,
        ESC,
        Action::Back,
        words(
            "close the list and keep the current set",
            "fermer la liste et garder le jeu actuel",
        ),
        Some(words("close", "fermer")),
    ),
    bind(Context::BenchmarkChooser, CTRL_C, Action::Quit, QUIT, None),
];

const BENCHMARK_DETAIL: [Binding; 7] = {
    let moves = scroll_moves!(Context::BenchmarkDetail);
    [
        bind(
            Context::BenchmarkDetail,
            ESC,
            Action::Back,
            words("back to the results", "retour aux résultats"),
            Some(words("back", "retour")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const TRENDS: [Binding; 5] = [
    bind(
        Context::Trends,
        &[Key::char('v')],
        Action::CycleView,
        words(
            "next view: SLM share per creation month, downloads by creation month, downloads per sync",
            "vue suivante : part des SLM par mois de création, téléchargements par mois de création, téléchargements par synchro",
        ),
        Some(words("view", "vue")),
    ),
    bind(
        Context::Trends,
        &[Key::char('w')],
        Action::ToggleWeighting,
        words(
            "SLM share by count of models or weighted by 30-day downloads",
            "part des SLM en nombre de modèles ou pondérée par les téléchargements sur 30 jours",
        ),
        Some(words("weight", "pondérer")),
    ),
    bind(
        Context::Trends,
        &[Key::char('n')],
        Action::ToggleScale,
        words(
            "downloads by creation month: share of each class's downloads or of all downloads",
            "téléchargements par mois de création : part des téléchargements de la classe ou de tous",
        ),
        Some(words("scale", "échelle")),
    ),
    bind(
        Context::Trends,
        &[Key::char('c')],
        Action::NextTask,
        words(
            "next task: all tasks, then the largest pipeline_tags",
            "tâche suivante : toutes, puis les pipeline_tags les plus fréquents",
        ),
        Some(words("task", "tâche")),
    ),
    bind(
        Context::Trends,
        &[Key::char('C')],
        Action::PrevTask,
        words("previous task", "tâche précédente"),
        None,
    ),
];

const COMPARE: [Binding; 12] = {
    let moves = list_moves!(Context::Compare);
    [
        bind(
            Context::Compare,
            &[Key::char('b')],
            Action::EditSecondThreshold,
            words(
                "type threshold B, such as 14B, 1.5b or 500M",
                "saisir le seuil B, par exemple 14B, 1.5b ou 500M",
            ),
            Some(words("B value", "seuil B")),
        ),
        bind(
            Context::Compare,
            &[Key::char('<')],
            Action::SecondThresholdDown,
            words("lower threshold B one step", "baisser le seuil B d'un cran"),
            Some(words("B step", "cran B")),
        ),
        bind(
            Context::Compare,
            &[Key::char('>')],
            Action::SecondThresholdUp,
            words("raise threshold B one step", "monter le seuil B d'un cran"),
            Some(words("B step", "cran B")),
        ),
        bind(
            Context::Compare,
            &[Key::char('/')],
            Action::Edit,
            words(
                "type a query to filter the changing models' ids",
                "saisir une recherche sur les ids des modèles qui changent",
            ),
            Some(words("search", "chercher")),
        ),
        bind(
            Context::Compare,
            ENTER,
            Action::Confirm,
            words("open the model's details", "ouvrir la fiche du modèle"),
            Some(words("details", "fiche")),
        ),
        bind(
            Context::Compare,
            ESC,
            Action::Back,
            words("clear the query", "effacer la recherche"),
            None,
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const COMPARE_INPUT: [Binding; 8] = threshold_typing!(
    Context::CompareInput,
    words(
        "a size with its unit: 14B, 1.5b, 500M, 1T; previewed as you type",
        "une taille avec son unité : 14B, 1.5b, 500M, 1T ; aperçu à la frappe",
    ),
    words("apply threshold B", "appliquer le seuil B"),
    words(
        "cancel and keep the previous threshold B",
        "annuler et garder le seuil B précédent",
    )
);

const COMPARE_QUERY: [Binding; 14] = id_query!(Context::CompareQuery);

const COMPARE_DETAIL: [Binding; 7] = {
    let moves = scroll_moves!(Context::CompareDetail);
    [
        bind(
            Context::CompareDetail,
            ESC,
            Action::Back,
            words("back to the list", "retour à la liste"),
            Some(words("back", "retour")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const HELP: [Binding; 7] = {
    let moves = scroll_moves!(Context::Help);
    [
        bind(
            Context::Help,
            ESC,
            Action::Back,
            words("close the help", "fermer l'aide"),
            Some(words("close", "fermer")),
        ),
        moves[0],
        moves[1],
        moves[2],
        moves[3],
        moves[4],
        moves[5],
    ]
};

const SYNC_RUNNING: [Binding; 1] = [bind(
    Context::Sync,
    ESC,
    Action::CancelSync,
    words(
        "stop the sync once Esc has nothing else to close; S continues it later",
        "arrêter la synchronisation quand Échap n'a plus rien à fermer ; S la reprend plus tard",
    ),
    Some(words("stop sync", "arrêter")),
)];

const SPACE: &[Key] = &[Key::char(' ')];

const FILTER_FORM: [Binding; 11] = [
    bind(
        Context::FilterForm,
        &[Key::of(KeyCode::Down), Key::of(KeyCode::Tab)],
        Action::Down,
        words("next row", "ligne suivante"),
        Some(words("row", "ligne")),
    ),
    bind(
        Context::FilterForm,
        &[Key::of(KeyCode::Up), Key::of(KeyCode::BackTab)],
        Action::Up,
        words("previous row", "ligne précédente"),
        Some(words("row", "ligne")),
    ),
    typing(
        Context::FilterForm,
        words(
            "type the author, the day (YYYY-MM-DD) or a size (7B, 500M); on the task or library row, jump to a value by its first letter",
            "saisir l'auteur, le jour (AAAA-MM-JJ) ou une taille (7B, 500M) ; sur la ligne tâche ou bibliothèque, aller à une valeur par sa première lettre",
        ),
    ),
    bind(
        Context::FilterForm,
        SPACE,
        Action::ToggleOption,
        words(
            "tick or untick the row; on a list, the next value",
            "cocher ou décocher la ligne ; sur une liste, la valeur suivante",
        ),
        Some(words("toggle", "cocher")),
    ),
    bind(
        Context::FilterForm,
        ARROW_LEFT,
        Action::CursorLeft,
        words(
            "previous value of a list or choice; in text, move the cursor",
            "valeur précédente d'une liste ou d'un choix ; dans un texte, déplacer le curseur",
        ),
        None,
    ),
    bind(
        Context::FilterForm,
        ARROW_RIGHT,
        Action::CursorRight,
        words(
            "next value of a list or choice; in text, move the cursor",
            "valeur suivante d'une liste ou d'un choix ; dans un texte, déplacer le curseur",
        ),
        None,
    ),
    bind(
        Context::FilterForm,
        BACKSPACE,
        Action::DeleteBack,
        words(
            "delete the character before the cursor; on a list, back to any",
            "effacer le caractère avant le curseur ; sur une liste, revenir à toutes",
        ),
        None,
    ),
    bind(
        Context::FilterForm,
        CLEAR,
        Action::ClearText,
        words("empty the row", "vider la ligne"),
        None,
    ),
    bind(
        Context::FilterForm,
        ENTER,
        Action::Confirm,
        words(
            "apply the filters to every tab and save them for the next run",
            "appliquer les filtres à tous les onglets et les garder pour la prochaine fois",
        ),
        Some(words("apply", "appliquer")),
    ),
    bind(
        Context::FilterForm,
        ESC,
        Action::Back,
        words(
            "cancel and keep the filters as they were",
            "annuler et garder les filtres d'avant",
        ),
        Some(words("cancel", "annuler")),
    ),
    bind(Context::FilterForm, CTRL_C, Action::Quit, QUIT, None),
];

const STEP_JUMP: Words = words("go to step 1 to 4", "aller à l'étape 1 à 4");

/// The keys of `slmscope tour`. Each step key has several spellings: the arrows, Space and
/// Backspace, `n` and `p`, and PgDn and PgUp, which many presentation remotes send.
const TOUR: [Binding; 13] = [
    bind(
        Context::Tour,
        &[
            Key::of(KeyCode::Right),
            Key::char(' '),
            Key::of(KeyCode::PageDown),
            Key::char('n'),
        ],
        Action::NextStep,
        words("next step", "étape suivante"),
        Some(words("next", "suivante")),
    ),
    bind(
        Context::Tour,
        &[
            Key::of(KeyCode::Left),
            Key::of(KeyCode::Backspace),
            Key::of(KeyCode::PageUp),
            Key::char('p'),
        ],
        Action::PrevStep,
        words("previous step", "étape précédente"),
        Some(words("previous", "précédente")),
    ),
    bind(
        Context::Tour,
        &[Key::char('1')],
        Action::GoToStep(0),
        STEP_JUMP,
        None,
    ),
    bind(
        Context::Tour,
        &[Key::char('2')],
        Action::GoToStep(1),
        STEP_JUMP,
        None,
    ),
    bind(
        Context::Tour,
        &[Key::char('3')],
        Action::GoToStep(2),
        STEP_JUMP,
        None,
    ),
    bind(
        Context::Tour,
        &[Key::char('4')],
        Action::GoToStep(3),
        STEP_JUMP,
        None,
    ),
    bind(
        Context::Tour,
        &[Key::char('+'), Key::char(']')],
        Action::ThresholdUp,
        words(
            "raise the threshold one step; the captions follow",
            "monter le seuil d'un cran ; les légendes suivent",
        ),
        Some(words("threshold", "seuil")),
    ),
    bind(
        Context::Tour,
        &[Key::char('-'), Key::char('[')],
        Action::ThresholdDown,
        words(
            "lower the threshold one step; the captions follow",
            "baisser le seuil d'un cran ; les légendes suivent",
        ),
        Some(words("threshold", "seuil")),
    ),
    bind(
        Context::Tour,
        &[Key::char('t')],
        Action::CycleTheme,
        words(
            "next colour theme, for this tour only",
            "thème de couleurs suivant, pour cette visite seulement",
        ),
        None,
    ),
    bind(
        Context::Tour,
        &[Key::char('?')],
        Action::ToggleHelp,
        words("show or hide this help", "afficher ou masquer cette aide"),
        Some(words("help", "aide")),
    ),
    bind(
        Context::Tour,
        &[Key::char('q')],
        Action::Quit,
        words("leave the tour", "quitter la visite"),
        Some(words("leave", "quitter")),
    ),
    bind(
        Context::Tour,
        ESC,
        Action::Quit,
        words("leave the tour", "quitter la visite"),
        None,
    ),
    bind(Context::Tour, CTRL_C, Action::Quit, QUIT, None),
];

const EXPORT_PROMPT: [Binding; 6] = [
    bind(
        Context::ExportPrompt,
        &[Key::char('c')],
        Action::PickCsv,
        words("CSV, for spreadsheets", "CSV, pour les tableurs"),
        Some(words("CSV", "CSV")),
    ),
    bind(
        Context::ExportPrompt,
        &[Key::char('j')],
        Action::PickJson,
        words("JSON, for scripts", "JSON, pour les scripts"),
        Some(words("JSON", "JSON")),
    ),
    bind(
        Context::ExportPrompt,
        &[
            Key::of(KeyCode::Left),
            Key::of(KeyCode::Right),
            Key::of(KeyCode::Tab),
            Key::char(' '),
        ],
        Action::ToggleOption,
        words(
            "switch between CSV and JSON",
            "passer de CSV à JSON et inversement",
        ),
        None,
    ),
    bind(
        Context::ExportPrompt,
        ENTER,
        Action::Confirm,
        words("write the file", "écrire le fichier"),
        Some(words("write", "écrire")),
    ),
    bind(
        Context::ExportPrompt,
        ESC,
        Action::Back,
        words("cancel the export", "annuler l'export"),
        Some(words("cancel", "annuler")),
    ),
    bind(Context::ExportPrompt, CTRL_C, Action::Quit, QUIT, None),
];

/// The keymap: every key of every context, in the order the help lists them.
pub const KEYMAP: &[&[Binding]] = &[
    &SEARCH,
    &QUERY,
    &DETAIL,
    &THRESHOLD,
    &THRESHOLD_INPUT,
    &TASKS,
    &BENCHMARKS,
    &BENCHMARK_CHOOSER,
    &BENCHMARK_DETAIL,
    &TRENDS,
    &COMPARE,
    &COMPARE_INPUT,
    &COMPARE_QUERY,
    &COMPARE_DETAIL,
    &HELP,
    &GLOBAL,
    &SYNC_RUNNING,
    &FILTER_FORM,
    &TOUR,
    &EXPORT_PROMPT,
];

fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    all_bindings().filter(move |binding| binding.context == context)
}

/// The names under which the `[keys]` table of the configuration file rebinds actions.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("next_tab", Action::NextTab),
    ("previous_tab", Action::PrevTab),
    ("help", Action::ToggleHelp),
    ("back", Action::Back),
    ("up", Action::Up),
    ("down", Action::Down),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("threshold_up", Action::ThresholdUp),
    ("threshold_down", Action::ThresholdDown),
    ("edit", Action::Edit),
    ("confirm", Action::Confirm),
    ("sort", Action::CycleSort),
    ("reverse", Action::FlipOrder),
    ("domain", Action::CycleDomain),
    ("scale", Action::ToggleScale),
    ("view", Action::CycleView),
    ("weighting", Action::ToggleWeighting),
    ("next_task", Action::NextTask),
    ("previous_task", Action::PrevTask),
    ("sync", Action::StartSync),
    ("stop_sync", Action::CancelSync),
    ("edit_b", Action::EditSecondThreshold),
    ("b_up", Action::SecondThresholdUp),
    ("b_down", Action::SecondThresholdDown),
    ("filters", Action::OpenFilters),
    ("clear_filters", Action::ClearFilters),
    ("theme", Action::CycleTheme),
    ("chart", Action::ToggleChart),
    ("suggestion", Action::NextSuggestion),
    ("next_set", Action::NextSet),
    ("previous_set", Action::PrevSet),
    ("choose_set", Action::OpenChooser),
    ("model_type", Action::CycleModelType),
    ("date_filter", Action::CycleDateFilter),
    ("margin_down", Action::MarginDown),
    ("margin_up", Action::MarginUp),
    ("export", Action::Export),
    ("copy_id", Action::CopyId),
];

/// The reason a `[keys]` entry of the configuration file was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebindError {
    /// The name is not in [`ACTION_NAMES`].
    UnknownAction,
    /// The value is not a key or a list of keys that [`Key::parse`] reads; it names the value.
    InvalidKey(String),
    /// The key already does something else where the action is bound.
    Taken {
        key: Key,
        other: Words,
        context: Context,
    },
}

/// The keymap of one run: [`KEYMAP`] with the keys of some actions replaced by the user's. The
/// replacements apply wherever an action is bound, except in text inputs, which keep the
/// built-in keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    rebound: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// Gives the action called `name` the keys written in `keys`, in place of its built-in ones.
    /// Nothing changes on error.
    pub fn rebind(&mut self, name: &str, keys: &[&str]) -> Result<(), RebindError> {
        let action = ACTION_NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, action)| *action)
            .ok_or(RebindError::UnknownAction)?;
        let mut parsed = Vec::new();
        for text in keys {
            let key = Key::parse(text).ok_or_else(|| RebindError::InvalidKey(text.to_string()))?;
            if !parsed.contains(&key) {
                parsed.push(key);
            }
        }
        if parsed.is_empty() {
            return Err(RebindError::InvalidKey(String::new()));
        }
        for binding in all_bindings()
            .filter(|binding| binding.action == action && binding.context.inherits_global())
        {
            for key in &parsed {
                if let Some(other) = self.holder(binding.context, *key, action) {
                    return Err(RebindError::Taken {
                        key: *key,
                        other: other.help,
                        context: other.context,
                    });
                }
            }
        }
        self.rebound.retain(|(known, _)| *known != action);
        self.rebound.push((action, parsed));
        Ok(())
    }

    /// Returns the binding of another action that `key` reaches in `context`: one of the
    /// context's own, a global one the context inherits, or, for a global key, one of a context
    /// that would shadow it.
    fn holder(&self, context: Context, key: Key, action: Action) -> Option<&'static Binding> {
        let holds = |binding: &&'static Binding| {
            binding.action != action && self.keys(binding).contains(&key)
        };
        if context == Context::Global {
            return all_bindings()
                .filter(|binding| binding.context.inherits_global())
                .find(holds);
        }
        bindings(context)
            .chain(bindings(Context::Global))
            .find(holds)
    }

    /// Returns true when `context` itself binds `action` to some key.
    pub fn binds(&self, context: Context, action: Action) -> bool {
        bindings(context).any(|binding| binding.action == action && !self.keys(binding).is_empty())
    }

    /// Returns the keys that reach `binding`: the user's for a rebound action outside text
    /// inputs, else the built-in ones.
    pub fn keys<'a>(&'a self, binding: &'a Binding) -> &'a [Key] {
        if binding.context.inherits_global()
            && let Some((_, keys)) = self
                .rebound
                .iter()
                .find(|(action, _)| *action == binding.action)
        {
            return keys;
        }
        binding.keys
    }

    /// Looks up the action of `event` in `context`. The context's own keys come first, then the
    /// global keys outside text inputs. In a text input, any other printable character is typed.
    pub fn lookup(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let find = |context| {
            bindings(context)
                .find(|binding| self.keys(binding).iter().any(|key| key.matches(event)))
                .map(|binding| binding.action)
        };
        if let Some(action) = find(context) {
            return Some(action);
        }
        if context.inherits_global() {
            return find(Context::Global);
        }
        let plain = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            KeyCode::Char(c) if plain && !c.is_control() => Some(Action::Insert(c)),
            _ => None,
        }
    }

    /// Lists the help lines of `context`, merging consecutive rows with the same text into one
    /// line.
    pub fn help_lines(&self, context: Context, lang: Lang) -> Vec<HelpLine> {
        let mut lines: Vec<HelpLine> = Vec::new();
        for binding in bindings(context) {
            let keys = self.keys_text(binding, lang, usize::MAX);
            let text = binding.help.get(lang);
            match lines.last_mut() {
                Some(last) if last.text == text => {
                    last.keys.push(' ');
                    last.keys.push_str(&keys);
                }
                _ => lines.push(HelpLine { keys, text }),
            }
        }
        lines
    }

    /// Lists the status-bar hints of `context` alone, merging consecutive rows with the same
    /// hint. Each hint names the first key of each merged row.
    pub fn hints(&self, context: Context, lang: Lang) -> Vec<HelpLine> {
        self.hints_of(bindings(context), lang)
    }

    /// Lists the pinned hints: the global ones, and the key that starts a sync only when none
    /// runs and room allows.
    pub fn pinned_hints(&self, syncing: bool, lang: Lang) -> PinnedHints {
        let global =
            bindings(Context::Global).filter(|binding| binding.action != Action::StartSync);
        let start = bindings(Context::Global)
            .filter(move |binding| !syncing && binding.action == Action::StartSync);
        PinnedHints {
            always: self.hints_of(global, lang),
            if_room: self.hints_of(start, lang),
        }
    }

    fn hints_of<'a>(&self, rows: impl Iterator<Item = &'a Binding>, lang: Lang) -> Vec<HelpLine> {
        let mut hints: Vec<HelpLine> = Vec::new();
        for binding in rows {
            let Some(hint) = binding.hint else { continue };
            let keys = self.keys_text(binding, lang, 1);
            let text = hint.get(lang);
            match hints.last_mut() {
                Some(last) if last.text == text => {
                    last.keys.push('/');
                    last.keys.push_str(&keys);
                }
                _ => hints.push(HelpLine { keys, text }),
            }
        }
        hints
    }

    fn keys_text(&self, binding: &Binding, lang: Lang, limit: usize) -> String {
        if let Some(words) = binding.keys_words {
            return words.get(lang).to_string();
        }
        self.keys(binding)
            .iter()
            .take(limit)
            .map(|key| key.label(lang))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn all_bindings() -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().flat_map(|table| table.iter())
}

/// Looks up `event` in the built-in keymap.
#[cfg(test)]
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    Keymap::default().lookup(context, event)
}

/// Lists the help lines of `context` in the built-in keymap.
#[cfg(test)]
pub fn help_lines(context: Context, lang: Lang) -> Vec<HelpLine> {
    Keymap::default().help_lines(context, lang)
}

/// Lists the status-bar hints of `context` in the built-in keymap.
#[cfg(test)]
pub fn hints(context: Context, lang: Lang) -> Vec<HelpLine> {
    Keymap::default().hints(context, lang)
}

/// One line of help: the keys, then what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub text: &'static str,
}

/// The hints pinned to the right of the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedHints {
    /// Drawn whatever the width.
    pub always: Vec<HelpLine>,
    /// Drawn only when every hint of the pane fits beside them.
    pub if_room: Vec<HelpLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn key_parse_reads_every_form() {
        let cases = [
            ("o", Some(Key::char('o'))),
            ("G", Some(Key::char('G'))),
            ("?", Some(Key::char('?'))),
            ("Ctrl-o", Some(Key::ctrl('o'))),
            ("ctrl+O", Some(Key::ctrl('o'))),
            ("Space", Some(Key::char(' '))),
            ("enter", Some(Key::of(KeyCode::Enter))),
            ("Esc", Some(Key::of(KeyCode::Esc))),
            ("Shift-Tab", Some(Key::of(KeyCode::BackTab))),
            ("PgDn", Some(Key::of(KeyCode::PageDown))),
            ("pageup", Some(Key::of(KeyCode::PageUp))),
            ("F5", Some(Key::of(KeyCode::F(5)))),
            ("F13", None),
            ("Ctrl-", None),
            ("Ctrl-é", None),
            ("", None),
            (" ", None),
            ("\u{1b}", None),
            ("Hyper-x", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Key::parse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn rebind_replaces_the_keys_everywhere() {
        let mut keymap = Keymap::default();
        keymap.rebind("sort", &["o", "F2"]).unwrap();
        assert_eq!(
            keymap.lookup(Context::Search, &press('o')),
            Some(Action::CycleSort)
        );
        assert_eq!(
            keymap.lookup(Context::Benchmarks, &KeyEvent::from(KeyCode::F(2))),
            Some(Action::CycleSort)
        );
        assert_eq!(
            keymap.lookup(Context::Search, &press('s')),
            None,
            "the old key is free"
        );

        let help = keymap.help_lines(Context::Search, Lang::En);
        let sort = help.iter().find(|line| line.text.contains("sort")).unwrap();
        assert_eq!(sort.keys, "o F2");
        let hints = keymap.hints(Context::Search, Lang::Fr);
        assert!(hints.iter().any(|hint| hint.keys == "o"), "{hints:?}");
        assert!(!hints.iter().any(|hint| hint.keys == "s"), "{hints:?}");
    }

    #[test]
    fn rebind_global_key_pinned_hint() {
        let mut keymap = Keymap::default();
        keymap.rebind("quit", &["F10"]).unwrap();
        let pinned = keymap.pinned_hints(false, Lang::En);
        assert!(
            pinned.always.iter().any(|hint| hint.keys == "F10"),
            "{pinned:?}"
        );
        assert_eq!(keymap.lookup(Context::Trends, &press('q')), None);
        assert_eq!(
            keymap.lookup(Context::Trends, &KeyEvent::from(KeyCode::F(10))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn text_inputs_keep_their_keys() {
        let mut keymap = Keymap::default();
        keymap.rebind("back", &["F9"]).unwrap();
        assert_eq!(
            keymap.lookup(Context::Query, &KeyEvent::from(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(
            keymap.lookup(Context::Detail, &KeyEvent::from(KeyCode::F(9))),
            Some(Action::Back)
        );
        assert_eq!(
            keymap.lookup(Context::Detail, &KeyEvent::from(KeyCode::Esc)),
            None
        );
    }

    #[test]
    fn rebind_rejects_taken_keys() {
        let mut keymap = Keymap::default();
        let error = keymap.rebind("sort", &["o", "q"]).unwrap_err();
        let RebindError::Taken { key, other, .. } = error else {
            panic!("{error:?}");
        };
        assert_eq!(key, Key::char('q'));
        assert_eq!(other.en, "quit");
        assert_eq!(keymap, Keymap::default(), "nothing changes on error");

        // A global key may not take a key a pane uses, since the pane's key would win.
        let error = keymap.rebind("theme", &["s"]).unwrap_err();
        assert!(matches!(error, RebindError::Taken { .. }), "{error:?}");

        // Keys freed by an earlier replacement can be taken.
        keymap.rebind("quit", &["F10"]).unwrap();
        keymap.rebind("sort", &["q"]).unwrap();
        assert_eq!(
            keymap.lookup(Context::Search, &press('q')),
            Some(Action::CycleSort)
        );
    }

    #[test]
    fn rebind_rejects_unknown_names_and_keys() {
        let mut keymap = Keymap::default();
        assert_eq!(
            keymap.rebind("dance", &["o"]),
            Err(RebindError::UnknownAction)
        );
        assert_eq!(
            keymap.rebind("sort", &["o", "Hyper-x"]),
            Err(RebindError::InvalidKey("Hyper-x".to_string()))
        );
        assert_eq!(
            keymap.rebind("sort", &[]),
            Err(RebindError::InvalidKey(String::new()))
        );
        assert_eq!(keymap, Keymap::default());
    }

    #[test]
    fn every_action_name_is_bound_somewhere() {
        for (name, action) in ACTION_NAMES {
            assert!(
                all_bindings().any(|binding| binding.action == *action),
                "{name} names an action no key reaches"
            );
        }
    }
}
