//! The filter popup: a form over the panes with one row per criterion. Task and library are
//! picked from the values present in the cache, sizes and the date are typed and checked at
//! every keystroke, and the three exclusions and the unknown-size choice are toggled.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::View;
use crate::analysis::filter::{Filter, FilterError, UnknownSizes, parse_day, parse_size};
use crate::analysis::threshold::format_params;
use crate::i18n::Lang;
use crate::model::Model;
use crate::sanitize::{clean, clean_truncated};
use crate::tui::action::Action;
use crate::tui::format::wrap;
use crate::tui::input::TextInput;

/// The rows of the form, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Task,
    Library,
    Author,
    CreatedAfter,
    MinParams,
    MaxParams,
    ExcludeQuantized,
    ExcludeMerged,
    ExcludeGguf,
    UnknownSizes,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Task,
        Field::Library,
        Field::Author,
        Field::CreatedAfter,
        Field::MinParams,
        Field::MaxParams,
        Field::ExcludeQuantized,
        Field::ExcludeMerged,
        Field::ExcludeGguf,
        Field::UnknownSizes,
    ];

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Task => lang.pick("Task (pipeline_tag)", "Tâche (pipeline_tag)"),
            Field::Library => lang.pick("Library", "Bibliothèque"),
            Field::Author => lang.pick("Author (id owner)", "Auteur (début d'id)"),
            Field::CreatedAfter => lang.pick("Created on or after", "Créé le ou après"),
            Field::MinParams => lang.pick("Min parameters", "Paramètres min"),
            Field::MaxParams => lang.pick("Max parameters", "Paramètres max"),
            Field::ExcludeQuantized => lang.pick("Leave out quantized", "Exclure quantifiés"),
            Field::ExcludeMerged => lang.pick("Leave out merges", "Exclure fusions"),
            Field::ExcludeGguf => lang.pick("Leave out GGUF", "Exclure GGUF"),
            Field::UnknownSizes => lang.pick("Unknown sizes", "Tailles inconnues"),
        }
    }

    /// Shown after an empty text row while it has the focus.
    fn placeholder(self, lang: Lang) -> &'static str {
        match self {
            Field::Author => lang.pick("such as Qwen; any case", "par exemple Qwen ; casse libre"),
            Field::CreatedAfter => lang.pick(
                "YYYY-MM-DD, such as 2024-01-01",
                "AAAA-MM-JJ, par exemple 2024-01-01",
            ),
            Field::MinParams | Field::MaxParams => lang.pick(
                "such as 1B, 1.5b or 500M; bound included",
                "par exemple 1B, 1.5b ou 500M ; borne comprise",
            ),
            _ => "",
        }
    }
}

/// A value picked from a list: `None` means any value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The values present in the cache with their model counts, the most frequent first.
    pub options: Vec<(String, u64)>,
    pub selected: Option<usize>,
}

impl Choice {
    /// Lists the values of `key` among `models`, and selects `current` (added with a count of 0
    /// when no cached model has it).
    fn new(
        models: &[Model],
        key: impl Fn(&Model) -> Option<&str>,
        current: Option<&str>,
    ) -> Choice {
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for model in models {
            if let Some(value) = key(model) {
                *counts.entry(value).or_default() += 1;
            }
        }
        let mut options: Vec<(String, u64)> = counts
            .into_iter()
            .map(|(value, count)| (value.to_string(), count))
            .collect();
        options.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let selected = current.map(|current| {
            match options
                .iter()
                .position(|(value, _)| value.eq_ignore_ascii_case(current))
            {
                Some(index) => index,
                None => {
                    options.push((current.to_string(), 0));
                    options.len() - 1
                }
            }
        });
        Choice { options, selected }
    }

    fn value(&self) -> Option<String> {
        self.selected.map(|index| self.options[index].0.clone())
    }

    /// Moves to the next (`forward`) or previous value, passing through "any".
    fn step(&mut self, forward: bool) -> bool {
        let positions = self.options.len() + 1;
        let current = self.selected.map_or(0, |index| index + 1);
        let next = if forward {
            (current + 1) % positions
        } else {
            (current + positions - 1) % positions
        };
        self.selected = next.checked_sub(1);
        positions > 1
    }

    /// Selects the next value after the current one that starts with `letter`.
    fn jump(&mut self, letter: char) -> bool {
        let start = self.selected.map_or(0, |index| index + 1);
        let len = self.options.len();
        let found = (0..len)
            .map(|offset| (start + offset) % len)
            .find(|&index| {
                self.options[index]
                    .0
                    .chars()
                    .next()
                    .is_some_and(|first| first.eq_ignore_ascii_case(&letter))
            });
        match found {
            Some(index) => {
                self.selected = Some(index);
                true
            }
            None => false,
        }
    }
}

/// The effect of a key on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Unchanged,
    Changed,
    /// Esc: close without changing the filters.
    Cancelled,
    /// Enter with every row valid: apply this filter.
    Applied(Filter),
}

/// The form's draft, read into a [`Filter`] only when every row is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterForm {
    pub focus: Field,
    pub task: Choice,
    pub library: Choice,
    pub author: TextInput,
    pub created_after: TextInput,
    pub min_params: TextInput,
    pub max_params: TextInput,
    pub exclude_quantized: bool,
    pub exclude_merged: bool,
    pub exclude_gguf: bool,
    pub unknown_sizes: UnknownSizes,
}

fn input_with(text: &str) -> TextInput {
    let mut input = TextInput::default();
    for c in text.chars() {
        input.apply(Action::Insert(c));
    }
    input
}

/// Writes a size as model cards do (`1.5B`) when that reads back to the same count, else in
/// full, so opening and applying the form never changes a bound.
fn size_text(size: u64) -> String {
    let short = format_params(size);
    if parse_size(&short) == Ok(size) {
        short
    } else {
        size.to_string()
    }
}

impl FilterForm {
    /// Opens the form on `filter`, with the task and library lists of `models` (every cached
    /// model, so a value the filter hides can still be picked).
    pub fn new(filter: &Filter, models: &[Model]) -> FilterForm {
        FilterForm {
            focus: Field::Task,
            task: Choice::new(
                models,
                |model| model.pipeline_tag.as_deref(),
                filter.task.as_deref(),
            ),
            library: Choice::new(
                models,
                |model| model.library_name.as_deref(),
                filter.library.as_deref(),
            ),
            author: input_with(filter.author.as_deref().unwrap_or("")),
            created_after: input_with(
                &filter
                    .created_after
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
            ),
            min_params: input_with(&filter.min_params.map(size_text).unwrap_or_default()),
            max_params: input_with(&filter.max_params.map(size_text).unwrap_or_default()),
            exclude_quantized: filter.exclude_quantized,
            exclude_merged: filter.exclude_merged,
            exclude_gguf: filter.exclude_gguf,
            unknown_sizes: filter.unknown_sizes,
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextInput> {
        match field {
            Field::Author => Some(&mut self.author),
            Field::CreatedAfter => Some(&mut self.created_after),
            Field::MinParams => Some(&mut self.min_params),
            Field::MaxParams => Some(&mut self.max_params),
            _ => None,
        }
    }

    fn text(&self, field: Field) -> Option<&TextInput> {
        match field {
            Field::Author => Some(&self.author),
            Field::CreatedAfter => Some(&self.created_after),
            Field::MinParams => Some(&self.min_params),
            Field::MaxParams => Some(&self.max_params),
            _ => None,
        }
    }

    fn choice_mut(&mut self, field: Field) -> Option<&mut Choice> {
        match field {
            Field::Task => Some(&mut self.task),
            Field::Library => Some(&mut self.library),
            _ => None,
        }
    }

    /// Flips a toggle row; returns false on other rows.
    fn toggle(&mut self, field: Field) -> bool {
        match field {
            Field::ExcludeQuantized => self.exclude_quantized = !self.exclude_quantized,
            Field::ExcludeMerged => self.exclude_merged = !self.exclude_merged,
            Field::ExcludeGguf => self.exclude_gguf = !self.exclude_gguf,
            Field::UnknownSizes => {
                self.unknown_sizes = match self.unknown_sizes {
                    UnknownSizes::Include => UnknownSizes::Exclude,
                    UnknownSizes::Exclude => UnknownSizes::Include,
                }
            }
            _ => return false,
        }
        true
    }

    fn move_focus(&mut self, forward: bool) -> bool {
        let index = Field::ALL
            .iter()
            .position(|field| *field == self.focus)
            .unwrap_or(0);
        let len = Field::ALL.len();
        let next = if forward {
            (index + 1) % len
        } else {
            (index + len - 1) % len
        };
        self.focus = Field::ALL[next];
        true
    }

    /// Applies a key of the form's context.
    pub fn handle(&mut self, action: Action) -> FormOutcome {
        let changed = match action {
            Action::Back => return FormOutcome::Cancelled,
            Action::Confirm => return self.confirm(),
            Action::Up => self.move_focus(false),
            Action::Down => self.move_focus(true),
            other => self.edit_focused(other),
        };
        if changed {
            FormOutcome::Changed
        } else {
            FormOutcome::Unchanged
        }
    }

    fn edit_focused(&mut self, action: Action) -> bool {
        let field = self.focus;
        if let Some(text) = self.text_mut(field) {
            return match action {
                // Sizes, days and owners never contain spaces.
                Action::ToggleOption => false,
                other => text.apply(other),
            };
        }
        if let Some(choice) = self.choice_mut(field) {
            return match action {
                Action::CursorRight | Action::ToggleOption => choice.step(true),
                Action::CursorLeft => choice.step(false),
                Action::DeleteBack | Action::ClearText => choice.selected.take().is_some(),
                Action::Insert(letter) => choice.jump(letter),
                _ => false,
            };
        }
        match action {
            Action::ToggleOption | Action::CursorLeft | Action::CursorRight => self.toggle(field),
            _ => false,
        }
    }

    /// Applies a valid draft, or moves the focus to the first invalid row.
    fn confirm(&mut self) -> FormOutcome {
        match self.read() {
            Ok(filter) => FormOutcome::Applied(filter),
            Err(errors) => {
                let first = errors[0].0;
                if first == self.focus {
                    FormOutcome::Unchanged
                } else {
                    self.focus = first;
                    FormOutcome::Changed
                }
            }
        }
    }

    /// Returns the error of one row, if its text is invalid.
    pub fn error(&self, field: Field) -> Option<FilterError> {
        let text = self.text(field)?.text().trim();
        if text.is_empty() {
            return None;
        }
        match field {
            Field::CreatedAfter => parse_day(text).err(),
            Field::MinParams => parse_size(text).err(),
            Field::MaxParams => {
                let max = match parse_size(text) {
                    Ok(max) => max,
                    Err(error) => return Some(error),
                };
                let min = parse_size(self.min_params.text().trim()).ok()?;
                (min > max).then_some(FilterError::EmptyRange { min, max })
            }
            _ => None,
        }
    }

    /// Reads the draft into a filter, or lists every invalid row with its error.
    pub fn read(&self) -> Result<Filter, Vec<(Field, FilterError)>> {
        let errors: Vec<(Field, FilterError)> = Field::ALL
            .iter()
            .filter_map(|&field| self.error(field).map(|error| (field, error)))
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let optional = |input: &TextInput| {
            let text = input.text().trim();
            (!text.is_empty()).then(|| text.to_string())
        };
        Ok(Filter {
            task: self.task.value(),
            library: self.library.value(),
            author: optional(&self.author),
            created_after: optional(&self.created_after).and_then(|text| parse_day(&text).ok()),
            min_params: optional(&self.min_params).and_then(|text| parse_size(&text).ok()),
            max_params: optional(&self.max_params).and_then(|text| parse_size(&text).ok()),
            exclude_quantized: self.exclude_quantized,
            exclude_merged: self.exclude_merged,
            exclude_gguf: self.exclude_gguf,
            unknown_sizes: self.unknown_sizes,
        })
    }
}

/// Formats the tab row's count under a filter: `12 of 16 models`, `12 sur 16 modèles`.
pub fn kept_count(lang: Lang, kept: u64, cached: u64) -> String {
    let noun = match (lang, cached) {
        (Lang::En, 1) => "model",
        (Lang::En, _) => "models",
        (Lang::Fr, 0 | 1) => "modèle",
        (Lang::Fr, _) => "modèles",
    };
    let of = lang.pick("of", "sur");
    format!("{} {of} {} {noun}", lang.int(kept), lang.int(cached))
}

/// Returns the status-bar spans of an applied filter, cut to `width` columns:
/// ` │ filters: text-generation, no GGUF`.
pub fn status_spans<'a>(description: &str, width: usize, view: &View) -> Vec<Span<'a>> {
    let (lang, theme) = (view.lang, view.theme);
    let label = lang.pick("filters: ", "filtres : ");
    let room = width.saturating_sub(3 + label.chars().count());
    if room < 4 {
        return Vec::new();
    }
    vec![
        Span::styled(" │ ", theme.border()),
        Span::styled(label, theme.marker()),
        Span::styled(clean_truncated(description, room), theme.marker()),
    ]
}

/// Draws, in place of a pane, that the filter keeps none of the cached models.
pub fn render_nothing_kept(frame: &mut Frame, area: Rect, cached: u64, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let text = match lang {
        Lang::En => format!(
            "The filters keep none of the {} cached models. Press f to change them or x to clear them.",
            lang.int(cached)
        ),
        Lang::Fr => format!(
            "Les filtres ne gardent aucun des {} modèles du cache. Appuyez sur f pour les modifier ou sur x pour les retirer.",
            lang.int(cached)
        ),
    };
    let lines: Vec<Line> = wrap(&text, area.width.saturating_sub(2) as usize)
        .into_iter()
        .map(|line| Line::styled(format!(" {line}"), theme.muted()))
        .collect();
    for (line, row) in lines.into_iter().zip(area.rows().skip(1)) {
        frame.render_widget(line, row);
    }
}

const LABEL_WIDTH: usize = 22;
/// Columns of the popup at most; it is narrower on a narrower terminal.
const MAX_WIDTH: u16 = 80;

pub fn render(frame: &mut Frame, area: Rect, form: &FilterForm, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let [popup] = Layout::horizontal([Constraint::Max(MAX_WIDTH)])
        .flex(Flex::Center)
        .areas(area);
    let inner_width = popup.width.saturating_sub(2) as usize;
    let description = match form.read() {
        Ok(filter) => wrap(&clean(&filter.long_description(lang)), inner_width),
        Err(_) => vec![
            lang.pick(
                "Fix the rows marked ✗; Enter then applies.",
                "Corrigez les lignes marquées ✗ ; Entrée appliquera ensuite.",
            )
            .to_string(),
        ],
    };
    let height = Field::ALL.len() + 1 + description.len() + 2;
    let [popup] = Layout::vertical([Constraint::Max(height as u16)])
        .flex(Flex::Center)
        .areas(popup);

    let title = format!(" {} ", lang.pick("Filters", "Filtres"));
    let footer = lang.pick(
        " ↑↓ Tab field · Space toggle · ←→ choose · Enter applies · Esc cancels ",
        " ↑↓ Tab champ · Espace coche · ←→ choix · Entrée applique · Échap annule ",
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.header()))
        .title_bottom(Line::styled(footer, theme.muted()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let mut rows = inner.rows();
    for field in Field::ALL {
        let Some(row) = rows.next() else { return };
        render_row(frame, row, form, field, view);
    }
    rows.next();
    let style = if form.read().is_ok() {
        theme.muted()
    } else {
        theme.error()
    };
    for (line, row) in description.into_iter().zip(rows) {
        frame.render_widget(Line::styled(line, style), row);
    }
}

fn render_row(frame: &mut Frame, row: Rect, form: &FilterForm, field: Field, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let focused = form.focus == field;
    let marker = if focused { "▸ " } else { "  " };
    let label = format!("{marker}{:<width$}", field.label(lang), width = LABEL_WIDTH);
    let label_style = if focused { theme.key() } else { theme.label() };
    let mut spans = vec![Span::styled(label.clone(), label_style)];
    let value_width = (row.width as usize).saturating_sub(label.chars().count());

    match field {
        Field::Task | Field::Library => {
            let choice = if field == Field::Task {
                &form.task
            } else {
                &form.library
            };
            let (text, count) = match choice.selected {
                Some(index) => {
                    let (value, count) = &choice.options[index];
                    (
                        clean_truncated(value, value_width.saturating_sub(16).max(8)),
                        Some(*count),
                    )
                }
                None => (lang.pick("any", "toutes").to_string(), None),
            };
            let (open, close) = if focused { ("‹ ", " ›") } else { ("", "") };
            spans.push(Span::styled(open, theme.key()));
            spans.push(Span::raw(text));
            spans.push(Span::styled(close, theme.key()));
            if let Some(count) = count {
                spans.push(Span::styled(
                    format!("  {}", super::models_count(lang, count)),
                    theme.muted(),
                ));
            } else if focused {
                spans.push(Span::styled(
                    format!(
                        "  {}",
                        lang.count(
                            choice.options.len() as u64,
                            ("value", "values"),
                            ("valeur", "valeurs")
                        )
                    ),
                    theme.muted(),
                ));
            }
        }
        Field::Author | Field::CreatedAfter | Field::MinParams | Field::MaxParams => {
            let input = form.text(field).expect("a text row");
            let typed = clean_truncated(input.text(), value_width.saturating_sub(2));
            spans.push(Span::raw(typed.clone()));
            if let Some(error) = form.error(field) {
                spans.push(Span::styled(
                    format!("  ✗ {}", error.short(lang)),
                    theme.error(),
                ));
            } else if input.is_empty() && focused {
                spans.push(Span::styled(field.placeholder(lang), theme.muted()));
            } else if input.is_empty() {
                spans.push(Span::styled(lang.pick("any", "tous"), theme.muted()));
            } else if matches!(field, Field::MinParams | Field::MaxParams) {
                // Show how a bare count such as 1500000000 reads; `1.5B` needs no echo.
                let typed = input.text().trim();
                let size = parse_size(typed).ok().map(format_params);
                if let Some(size) = size.filter(|size| !size.eq_ignore_ascii_case(typed)) {
                    spans.push(Span::styled(format!("  → {size}"), theme.marker()));
                }
            }
            if focused {
                let x = row.x + (label.chars().count() + input.cursor()) as u16;
                frame.set_cursor_position(Position::new(
                    x.min(row.right().saturating_sub(1)),
                    row.y,
                ));
            }
        }
        Field::ExcludeQuantized | Field::ExcludeMerged | Field::ExcludeGguf => {
            let set = match field {
                Field::ExcludeQuantized => form.exclude_quantized,
                Field::ExcludeMerged => form.exclude_merged,
                _ => form.exclude_gguf,
            };
            spans.push(Span::styled(if set { "[x]" } else { "[ ]" }, theme.key()));
            let rule = match field {
                Field::ExcludeQuantized => "  base_model:quantized, gptq, awq, 4-bit…",
                Field::ExcludeMerged => "  base_model:merge, merge, mergekit…",
                _ => lang.pick(
                    "  gguf tag, library or name",
                    "  tag, bibliothèque ou nom gguf",
                ),
            };
            spans.push(Span::styled(rule, theme.muted()));
        }
        Field::UnknownSizes => {
            let text = match form.unknown_sizes {
                UnknownSizes::Include => lang.pick("keep", "garder"),
                UnknownSizes::Exclude => lang.pick("leave out", "exclure"),
            };
            let (open, close) = if focused { ("‹ ", " ›") } else { ("", "") };
            spans.push(Span::styled(open, theme.key()));
            spans.push(Span::raw(text));
            spans.push(Span::styled(close, theme.key()));
        }
    }
    frame.render_widget(Line::from(spans), row);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models() -> Vec<Model> {
        let mut models = Vec::new();
        for (id, task, library) in [
            ("a/one", Some("text-generation"), Some("transformers")),
            ("a/two", Some("text-generation"), Some("gguf")),
            ("b/three", Some("fill-mask"), Some("transformers")),
            ("c/four", None, None),
        ] {
            let mut model = Model::minimal(id, Some(1_000_000_000));
            model.pipeline_tag = task.map(Into::into);
            model.library_name = library.map(Into::into);
            models.push(model);
        }
        models
    }

    fn typed(form: &mut FilterForm, text: &str) {
        for c in text.chars() {
            form.handle(Action::Insert(c));
        }
    }

    #[test]
    fn choices_come_from_the_cache_most_frequent_first() {
        let form = FilterForm::new(&Filter::default(), &models());
        assert_eq!(
            form.task.options,
            vec![
                ("text-generation".to_string(), 2),
                ("fill-mask".to_string(), 1)
            ]
        );
        assert_eq!(form.task.selected, None);
        let kept = FilterForm::new(
            &Filter {
                task: Some("translation".to_string()),
                ..Filter::default()
            },
            &models(),
        );
        assert_eq!(
            kept.task.value().as_deref(),
            Some("translation"),
            "kept with count 0"
        );
    }

    #[test]
    fn arrows_cycle_through_any() {
        let mut form = FilterForm::new(&Filter::default(), &models());
        assert_eq!(form.handle(Action::CursorRight), FormOutcome::Changed);
        assert_eq!(form.task.value().as_deref(), Some("text-generation"));
        form.handle(Action::CursorRight);
        form.handle(Action::CursorRight);
        assert_eq!(form.task.value(), None, "back to any after the last value");
        form.handle(Action::CursorLeft);
        assert_eq!(form.task.value().as_deref(), Some("fill-mask"));
        form.handle(Action::Insert('t'));
        assert_eq!(
            form.task.value().as_deref(),
            Some("text-generation"),
            "letter jumps"
        );
        form.handle(Action::DeleteBack);
        assert_eq!(form.task.value(), None);
    }

    #[test]
    fn space_toggles_and_focus_wraps() {
        let mut form = FilterForm::new(&Filter::default(), &models());
        form.handle(Action::Up);
        assert_eq!(form.focus, Field::UnknownSizes);
        form.handle(Action::ToggleOption);
        assert_eq!(form.unknown_sizes, UnknownSizes::Exclude);
        form.handle(Action::Up);
        form.handle(Action::ToggleOption);
        assert!(form.exclude_gguf);
        form.handle(Action::Down);
        form.handle(Action::Down);
        assert_eq!(form.focus, Field::Task);
        let filter = form.read().unwrap();
        assert!(filter.exclude_gguf);
        assert_eq!(filter.unknown_sizes, UnknownSizes::Exclude);
    }

    #[test]
    fn invalid_rows_block_enter_and_take_the_focus() {
        let mut form = FilterForm::new(&Filter::default(), &models());
        form.focus = Field::MinParams;
        typed(&mut form, "7B");
        form.focus = Field::MaxParams;
        typed(&mut form, "1B");
        assert!(matches!(
            form.error(Field::MaxParams),
            Some(FilterError::EmptyRange { .. })
        ));
        form.focus = Field::CreatedAfter;
        typed(&mut form, "2024-13");
        form.focus = Field::Task;
        assert_eq!(form.handle(Action::Confirm), FormOutcome::Changed);
        assert_eq!(form.focus, Field::CreatedAfter, "first invalid row");
        assert_eq!(form.handle(Action::Confirm), FormOutcome::Unchanged);

        form.handle(Action::ClearText);
        typed(&mut form, "2024-01-31");
        form.focus = Field::MaxParams;
        form.handle(Action::ClearText);
        typed(&mut form, "70b");
        let FormOutcome::Applied(filter) = form.handle(Action::Confirm) else {
            panic!("a valid form applies");
        };
        assert_eq!(filter.min_params, Some(7_000_000_000));
        assert_eq!(filter.max_params, Some(70_000_000_000));
        assert_eq!(filter.created_after.unwrap().to_string(), "2024-01-31");
    }

    #[test]
    fn form_round_trips_a_filter() {
        let filter = Filter {
            task: Some("fill-mask".to_string()),
            library: Some("transformers".to_string()),
            author: Some("Qwen".to_string()),
            created_after: Some(parse_day("2024-02-03").unwrap()),
            min_params: Some(1_500_000_000),
            max_params: Some(7_000_000_000),
            exclude_quantized: true,
            exclude_merged: false,
            exclude_gguf: true,
            unknown_sizes: UnknownSizes::Exclude,
        };
        assert_eq!(FilterForm::new(&filter, &models()).read().unwrap(), filter);
        let exact = Filter {
            min_params: Some(1_543_714_304),
            ..Filter::default()
        };
        let form = FilterForm::new(&exact, &models());
        assert_eq!(form.min_params.text(), "1543714304");
        assert_eq!(form.read().unwrap(), exact);
        let mut form = FilterForm::new(&filter, &models());
        assert_eq!(form.handle(Action::Back), FormOutcome::Cancelled);
    }
}
