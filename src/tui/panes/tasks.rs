//! The Tasks pane: the SLM/LLM/unknown split of every modality and of each of its pipeline_tags
//! as stacked bars, largest first, beside the most frequent use tags of each class.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::View;
use crate::analysis::tasks::ModalitySplit;
use crate::analysis::{ClassTotals, Split, TagCount, TopTags};
use crate::i18n::Lang;
use crate::sanitize::{clean, clean_truncated};
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::cursor::ListCursor;
use crate::tui::widgets::stacked_bar::StackedBar;

/// The meaning of a bar's full width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BarScale {
    /// Every bar is its own task's models: the bars compare shares.
    #[default]
    Share,
    /// The full width is the largest modality for modality bars and the largest task for task
    /// bars: the bars compare counts.
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TasksState {
    pub cursor: ListCursor,
    pub scale: BarScale,
}

impl TasksState {
    /// `len` is the number of rows, modality headings included.
    pub fn handle(&mut self, action: Action, len: usize) -> bool {
        match action {
            Action::ToggleScale => {
                self.scale = match self.scale {
                    BarScale::Share => BarScale::Count,
                    BarScale::Count => BarScale::Share,
                };
                true
            }
            _ => self.cursor.apply(action, len),
        }
    }
}

/// Cells of the task-name column on a narrow terminal. Wider terminals give the column up to
/// half of the row, so that names show in full.
const NAME_MIN_WIDTH: usize = 18;
const TOTAL_WIDTH: usize = 7;
/// Cells of the top-tags column on a narrow terminal. It grows with the width, up to a third
/// of it.
const TAGS_MIN_WIDTH: u16 = 30;

/// One row of the pane: a modality heading or one of its pipeline_tags.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    Modality(&'a ModalitySplit),
    /// `None` names the models without a pipeline_tag.
    Task(Option<&'a str>, &'a Split),
}

impl Row<'_> {
    fn split(&self) -> &Split {
        match self {
            Row::Modality(group) => &group.split,
            Row::Task(_, split) => split,
        }
    }

    /// Returns the row's name as listed, tasks indented under their modality.
    fn name(&self, lang: Lang, width: usize) -> String {
        match self {
            Row::Modality(group) => clean_truncated(lang.modality(group.modality), width),
            Row::Task(name, _) => format!("  {}", task_name(*name, lang, width.saturating_sub(2))),
        }
    }
}

/// Lists every modality followed by its tasks.
pub fn rows(groups: &[ModalitySplit]) -> Vec<Row<'_>> {
    groups
        .iter()
        .flat_map(|group| {
            std::iter::once(Row::Modality(group)).chain(
                group
                    .tasks
                    .iter()
                    .map(|task| Row::Task(task.name.as_deref(), &task.split)),
            )
        })
        .collect()
}

/// Returns the name of a task. Models without a pipeline_tag form their own group.
pub fn task_name(name: Option<&str>, lang: Lang, width: usize) -> String {
    match name {
        Some(name) => clean_truncated(name, width),
        None => lang.pick("(none)", "(aucune)").to_string(),
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &mut TasksState, view: &View) {
    let groups = view.data.index.modality_splits(view.threshold);
    let rows = rows(&groups);
    let [main, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let side_by_side = main.width >= 70;
    let tags_height = if side_by_side { main.height } else { 8 };
    let top = view
        .data
        .index
        .top_tags(view.threshold, tag_limit(tags_height));
    let [bars_area, tags_area] = if side_by_side {
        let tags_width = tags_width(&top, main.width, view.lang);
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(tags_width)])
            .spacing(2)
            .areas(main)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(tags_height)]).areas(main)
    };

    if groups.is_empty() {
        frame.render_widget(
            Paragraph::new(super::empty_cache_text(view)).wrap(Wrap { trim: false }),
            main,
        );
        return;
    }
    render_bars(frame, bars_area, state, &rows, view);
    render_top_tags(frame, tags_area, &top, view);
    if let Some(row) = rows.get(state.cursor.selected) {
        render_detail(frame, detail, row, state.scale, view);
    }
}

fn render_bars(frame: &mut Frame, area: Rect, state: &mut TasksState, rows: &[Row], view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    if area.height < 2 {
        return;
    }
    frame.render_widget(Line::styled("pipeline_tag", theme.header()), area);
    frame.render_widget(
        Line::styled(lang.pick("models", "modèles"), theme.header()).right_aligned(),
        area,
    );

    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    // Counts scale against the largest row of the same kind, so modalities compare with
    // modalities and tasks with tasks.
    let largest = |modality: bool| {
        rows.iter()
            .filter(|row| matches!(row, Row::Modality(_)) == modality)
            .map(|row| row.split().all().count)
            .max()
            .unwrap_or(0)
    };
    let (largest_modality, largest_task) = (largest(true), largest(false));
    let name_width = name_width(rows, area.width, lang);
    let window = state.cursor.fit(rows.len(), body.height as usize);
    state.cursor.rows = Rect {
        height: window.len() as u16,
        ..body
    };
    for (row, index) in body.rows().zip(window) {
        let entry = &rows[index];
        let split = entry.split();
        let total = split.all().count;
        let name_style = match (index == state.cursor.selected, entry) {
            (true, _) => theme.selected(),
            (false, Row::Modality(_)) => theme.label(),
            (false, Row::Task(..)) => ratatui::style::Style::new(),
        };
        frame.render_widget(
            Span::styled(
                format!("{:<name_width$}", entry.name(lang, name_width)),
                name_style,
            ),
            row,
        );
        let bar_width = row
            .width
            .saturating_sub((name_width + TOTAL_WIDTH + 2) as u16);
        let bar_area = Rect {
            x: row.x + name_width as u16 + 1,
            width: bar_width,
            ..row
        };
        let scale = match state.scale {
            BarScale::Share => total,
            BarScale::Count => match entry {
                Row::Modality(_) => largest_modality,
                Row::Task(..) => largest_task,
            },
        };
        frame.render_widget(
            StackedBar {
                split,
                scale,
                theme,
            },
            bar_area,
        );
        frame.render_widget(Line::raw(lang.int(total)).right_aligned(), row);
    }
}

/// Computes the task-name column's width in a bars area `width` cells wide: the longest name,
/// at least [`NAME_MIN_WIDTH`], and at most half of what the count leaves so the bars keep
/// the other half.
fn name_width(rows: &[Row], width: u16, lang: Lang) -> usize {
    let longest = rows
        .iter()
        .map(|row| row.name(lang, usize::MAX).chars().count())
        .max()
        .unwrap_or(0);
    let half = (width as usize).saturating_sub(TOTAL_WIDTH + 2) / 2;
    longest.clamp(NAME_MIN_WIDTH, NAME_MIN_WIDTH.max(half))
}

/// Returns how many tags of each class fit in a column `height` rows tall, under the title and
/// one heading per class.
fn tag_limit(height: u16) -> usize {
    (height.saturating_sub(3) / 2) as usize
}

/// Computes the top-tags column's width beside the bars: what the longest tag line needs, at
/// least [`TAGS_MIN_WIDTH`] and at most a third of `width`.
fn tags_width(top: &TopTags, width: u16, lang: Lang) -> u16 {
    let needed = top
        .slm
        .iter()
        .chain(&top.llm)
        .map(|tag| count_width(top, lang) + 1 + clean(&tag.tag).chars().count())
        .max()
        .unwrap_or(0);
    let needed = needed.min(u16::MAX as usize) as u16;
    needed.clamp(TAGS_MIN_WIDTH, TAGS_MIN_WIDTH.max(width / 3))
}

/// Returns the cells the counts of the tag lines take, two spaces of indent included.
fn count_width(top: &TopTags, lang: Lang) -> usize {
    top.slm
        .iter()
        .chain(&top.llm)
        .map(|tag| lang.int(tag.count).chars().count())
        .max()
        .unwrap_or(0)
        + 2
}

fn render_detail(frame: &mut Frame, area: Rect, row: &Row, scale: BarScale, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let split = row.split();
    let name = match row {
        Row::Modality(group) => match lang {
            Lang::En => format!("{} (modality)", lang.modality(group.modality)),
            Lang::Fr => format!("{} (modalité)", lang.modality(group.modality)),
        },
        Row::Task(name, _) => task_name(*name, lang, 40),
    };
    let [name_row, classes_row] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(name, theme.label()),
            Span::raw(format!(
                "  {}",
                super::models_count(lang, split.all().count)
            )),
            Span::styled(
                match scale {
                    BarScale::Share => lang.pick(
                        "   bars: split within each task",
                        "   barres : répartition par tâche",
                    ),
                    BarScale::Count => lang.pick(
                        "   bars: counts across tasks",
                        "   barres : effectifs entre tâches",
                    ),
                },
                theme.muted(),
            ),
        ]),
        name_row,
    );
    let part = |class: Class, totals: ClassTotals| -> Vec<Span> {
        vec![
            Span::styled(format!("{} ", theme.bar_glyph(class)), theme.bar(class)),
            Span::styled(class.count_label(lang, totals.count), theme.class(class)),
            Span::raw(format!(
                " {} ({})",
                lang.int(totals.count),
                lang.percent(split.model_share(totals))
            )),
        ]
    };
    let mut spans = part(Class::Slm, split.slm);
    spans.push(Span::raw("  "));
    spans.extend(part(Class::Llm, split.llm));
    spans.push(Span::raw("  "));
    spans.extend(part(Class::Unknown, split.unknown));
    frame.render_widget(Line::from(spans), classes_row);
}

fn render_top_tags(frame: &mut Frame, area: Rect, top: &TopTags, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    if area.height < 4 {
        return;
    }
    let limit = tag_limit(area.height);
    let mut lines = vec![Line::styled(
        lang.pick("Top use tags (all tasks)", "Tags d'usage (toutes tâches)"),
        theme.header(),
    )];
    let count_width = count_width(top, lang);
    for (class, tags) in [(Class::Slm, &top.slm), (Class::Llm, &top.llm)] {
        lines.push(Line::styled(class.label(lang), theme.class(class)));
        lines.extend(tag_lines(tags, count_width, area.width as usize, lang));
        if tags.is_empty() {
            lines.push(Line::styled(lang.pick("  none", "  aucun"), theme.muted()));
        }
        while lines.len() < 2 + limit && class == Class::Slm {
            lines.push(Line::raw(""));
        }
    }
    for (line, row) in lines.into_iter().zip(area.rows()) {
        frame.render_widget(line, row);
    }
}

/// `  count tag` lines, counts right-aligned in `count_width` columns.
fn tag_lines<'a>(tags: &[TagCount], count_width: usize, width: usize, lang: Lang) -> Vec<Line<'a>> {
    let room = width.saturating_sub(count_width + 1);
    tags.iter()
        .map(|tag| {
            let count = lang.int(tag.count);
            Line::raw(format!(
                "{count:>count_width$} {}",
                clean_truncated(&tag.tag, room)
            ))
        })
        .collect()
}
