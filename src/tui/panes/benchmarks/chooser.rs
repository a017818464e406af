//! The set chooser: a popup listing every set the domain offers (benchmark · metric, domain,
//! models that pass the filters), narrowed by a fuzzy query as it is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear};

use super::domain_text;
use crate::analysis::benchmarks::ResultFilter;
use crate::analysis::search::{matcher, query_score};
use crate::sanitize::clean;
use crate::tui::BenchmarkData;
use crate::tui::action::Action;
use crate::tui::cursor::ListCursor;
use crate::tui::input::TextInput;
use crate::tui::panes::View;
use crate::tui::widgets::table::{Column, TableProps, Width, content_range};

/// Columns of the popup at most, and at least, so its title and footer fit.
const MAX_WIDTH: u16 = 90;
const MIN_WIDTH: u16 = 50;
const DOMAIN_WIDTH: u16 = 8;
const COUNT_WIDTH: u16 = 8;
/// Cells the set column keeps on a narrow terminal.
const LABEL_FLOOR: u16 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub query: TextInput,
    /// The sets offered, as indices into the sets, in their order.
    offered: Vec<usize>,
    /// Cleaned labels of the offered sets, as matched and shown.
    labels: Vec<String>,
    /// Models of each offered set that pass the filters.
    counts: Vec<usize>,
    /// Positions in `offered` of the sets the query matches, best match first.
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
}

/// The effect of a key on the chooser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Changed,
    Closed,
    /// Enter on a set: its index into the sets.
    Picked(usize),
}

impl Chooser {
    /// Opens the chooser on the `offered` sets with the cursor on `current`.
    pub fn open(
        offered: Vec<usize>,
        current: Option<usize>,
        filter: &ResultFilter,
        data: &BenchmarkData,
    ) -> Chooser {
        let sets = data.sets();
        let labels = offered
            .iter()
            .map(|&set| clean(&sets[set].label()).into_owned())
            .collect();
        let counts = offered
            .iter()
            .map(|&set| {
                sets[set]
                    .rows
                    .iter()
                    .filter(|&&index| filter.admits(&data.results()[index]))
                    .count()
            })
            .collect();
        let mut chooser = Chooser {
            query: TextInput::default(),
            matches: (0..offered.len()).collect(),
            offered,
            labels,
            counts,
            cursor: ListCursor::default(),
        };
        if let Some(position) =
            current.and_then(|set| chooser.offered.iter().position(|&o| o == set))
        {
            chooser.cursor.selected = position;
        }
        chooser
    }

    /// Returns the index into the sets of the set under the cursor.
    pub fn selected_set(&self) -> Option<usize> {
        let position = *self.matches.get(self.cursor.selected)?;
        Some(self.offered[position])
    }

    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Closed,
            Action::Confirm => match self.selected_set() {
                Some(set) => Outcome::Picked(set),
                None => Outcome::Unchanged,
            },
            Action::Insert(_) | Action::DeleteBack | Action::ClearText => {
                let before = self.query.text().to_string();
                self.query.apply(action);
                if self.query.text() != before {
                    self.refilter();
                }
                Outcome::Changed
            }
            Action::CursorLeft | Action::CursorRight => changed(self.query.apply(action)),
            _ => changed(self.cursor.apply(action, self.matches.len())),
        }
    }

    /// Matches the labels against the query, best first, then in set order, and puts the
    /// cursor on the best match.
    fn refilter(&mut self) {
        let query = self.query.text().trim();
        self.cursor.reset();
        if query.is_empty() {
            self.matches = (0..self.offered.len()).collect();
            return;
        }
        let matcher = matcher();
        let mut scored: Vec<(i64, usize)> = self
            .labels
            .iter()
            .enumerate()
            .filter_map(|(position, label)| {
                query_score(&matcher, label, query).map(|score| (score, position))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, position)| position).collect();
    }
}

fn changed(changed: bool) -> Outcome {
    if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

pub fn render(frame: &mut Frame, area: Rect, chooser: &mut Chooser, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let sets = view.data.benchmarks.sets();
    let longest = chooser
        .labels
        .iter()
        .map(|label| label.chars().count())
        .max()
        .unwrap_or(0);
    // The labels, the two other columns with their spacing, and the borders.
    let content = (longest + 1 + DOMAIN_WIDTH as usize + 1 + COUNT_WIDTH as usize + 2) as u16;
    let [popup] = Layout::horizontal([Constraint::Length(content.clamp(MIN_WIDTH, MAX_WIDTH))])
        .flex(Flex::Center)
        .areas(area);
    // Borders, the query row and the table header around the rows.
    let height = chooser.offered.len() as u16 + 4;
    let [popup] = Layout::vertical([Constraint::Max(height.max(6))])
        .flex(Flex::Center)
        .areas(popup);

    let position = format!(
        " {} / {} ",
        lang.int(chooser.matches.len() as u64),
        lang.int(chooser.offered.len() as u64)
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(
            lang.pick(" Benchmark sets ", " Jeux de résultats "),
            theme.header(),
        ))
        .title(Line::styled(position, theme.muted()).right_aligned())
        .title_bottom(
            Line::styled(
                lang.pick(
                    " Enter shows the set · Esc closes ",
                    " Entrée affiche le jeu · Échap ferme ",
                ),
                theme.muted(),
            )
            .right_aligned(),
        );
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query_row, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);

    let prompt = "› ";
    frame.render_widget(
        Line::from(vec![
            Span::styled(prompt, theme.key()),
            Span::raw(chooser.query.text().to_string()),
        ]),
        query_row,
    );
    let x = query_row.x + (prompt.chars().count() + chooser.query.cursor()) as u16;
    frame.set_cursor_position(Position::new(
        x.min(query_row.right().saturating_sub(1)),
        query_row.y,
    ));

    let set_header = lang.pick("benchmark · metric", "benchmark · métrique");
    let (label_min, label_max) = content_range(set_header, longest, LABEL_FLOOR);
    let columns = vec![
        Column::new(
            set_header,
            Width::Fill {
                min: label_min,
                max: label_max,
            },
        ),
        Column::new(lang.pick("domain", "domaine"), Width::Fixed(DOMAIN_WIDTH)),
        Column::new(lang.pick("models", "modèles"), Width::Fixed(COUNT_WIDTH))
            .right()
            .priority(1),
    ];
    let query = chooser.query.text().to_string();
    let matcher = matcher();
    let row = |position: usize| -> Vec<Line> {
        let offered = chooser.matches[position];
        let set = &sets[chooser.offered[offered]];
        vec![
            crate::tui::panes::search::id_line(
                &chooser.labels[offered],
                Some(&query),
                &matcher,
                view,
            ),
            Line::raw(domain_text(&set.domain, lang)),
            Line::raw(lang.int(chooser.counts[offered] as u64)),
        ]
    };
    let props = TableProps {
        columns,
        len: chooser.matches.len(),
        row: &row,
        empty: Text::raw(lang.pick(
            "No set matches the query.",
            "Aucun jeu ne correspond à la recherche.",
        )),
        theme,
    };
    frame.render_stateful_widget(props, table_area, &mut chooser.cursor);
}
