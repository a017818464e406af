//! One sortable table for every list of rows: columns that give way by priority when the
//! terminal is narrow, the sort shown in the header, and only the visible rows built.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use crate::tui::cursor::ListCursor;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

impl SortOrder {
    pub fn flipped(self) -> SortOrder {
        match self {
            SortOrder::Ascending => SortOrder::Descending,
            SortOrder::Descending => SortOrder::Ascending,
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            SortOrder::Ascending => "▲",
            SortOrder::Descending => "▼",
        }
    }
}

/// The columns a table can be sorted by, in the order a "next column" key visits them.
pub trait SortKey: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
}

/// A sort column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<C> {
    pub column: C,
    pub order: SortOrder,
}

impl<C: SortKey> Sort<C> {
    /// Moves to the next column, keeping the direction.
    pub fn cycle(&mut self) {
        let position = C::ALL
            .iter()
            .position(|column| *column == self.column)
            .unwrap_or(0);
        self.column = C::ALL[(position + 1) % C::ALL.len()];
    }

    pub fn flip(&mut self) {
        self.order = self.order.flipped();
    }
}

/// A column's width. When the table is wider than every minimum, `Fit` columns grow first, in
/// column order, then `Fill` columns share what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly this many cells.
    Fixed(u16),
    /// At least `min` cells, up to `max`: for text that is only useful in full, such as a
    /// benchmark name.
    Fit { min: u16, max: u16 },
    /// At least `min` cells, up to `max`, from what the other columns leave.
    Fill { min: u16, max: u16 },
}

impl Width {
    /// Returns a fill column without an upper bound.
    pub const fn fill(min: u16) -> Width {
        Width::Fill { min, max: u16::MAX }
    }

    fn min(self) -> u16 {
        match self {
            Width::Fixed(width)
            | Width::Fit { min: width, .. }
            | Width::Fill { min: width, .. } => width,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub width: Width,
    pub align: Alignment,
    /// Rank for leaving the column out when the table is too narrow, lowest first. Columns of
    /// priority 0 are always shown.
    pub priority: u8,
    /// Set on the column the rows are sorted by.
    pub sorted: Option<SortOrder>,
}

impl Column {
    pub fn new(header: impl Into<String>, width: Width) -> Column {
        Column {
            header: header.into(),
            width,
            align: Alignment::Left,
            priority: 0,
            sorted: None,
        }
    }

    pub fn right(mut self) -> Column {
        self.align = Alignment::Right;
        self
    }

    pub fn priority(mut self, priority: u8) -> Column {
        self.priority = priority;
        self
    }

    pub fn sorted(mut self, order: Option<SortOrder>) -> Column {
        self.sorted = order;
        self
    }
}

/// The content of a table: its columns, its row count and a builder for one row.
pub struct TableProps<'a> {
    pub columns: Vec<Column>,
    pub len: usize,
    /// Builds the cells of row `index`, one per column in `columns` order.
    pub row: &'a dyn Fn(usize) -> Vec<Line<'a>>,
    /// Shown instead of rows when `len` is 0, wrapped to the table's width.
    pub empty: Text<'a>,
    pub theme: &'a Theme,
}

const SPACING: u16 = 1;

impl StatefulWidget for TableProps<'_> {
    type State = ListCursor;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut ListCursor) {
        if area.height == 0 {
            return;
        }
        let visible = visible_columns(&self.columns, area.width);
        let header = Row::new(visible.iter().map(|&index| {
            let column = &self.columns[index];
            let text = match column.sorted {
                Some(order) => format!("{} {}", column.header, order.arrow()),
                None => column.header.clone(),
            };
            Cell::from(Line::from(text).alignment(column.align))
        }))
        .style(self.theme.header());

        let widths = column_widths(&self.columns, &visible, area.width);
        let body_height = area.height.saturating_sub(1) as usize;
        let window = cursor.fit(self.len, body_height);
        cursor.rows = Rect {
            y: area.y + 1,
            height: window.len() as u16,
            ..area
        };
        let selected = cursor.selected;
        let rows = window.clone().map(|index| {
            let mut cells = (self.row)(index);
            let cells = visible.iter().zip(&widths).map(|(&column, &width)| {
                let line = truncate(std::mem::take(&mut cells[column]), width);
                Cell::from(line.alignment(self.columns[column].align))
            });
            Row::new(cells.collect::<Vec<_>>())
        });
        let table = Table::new(rows, widths.iter().map(|&width| Constraint::Length(width)))
            .header(header)
            .column_spacing(SPACING)
            .row_highlight_style(self.theme.selected());
        let mut state =
            TableState::default().with_selected((self.len > 0).then(|| selected - window.start));
        StatefulWidget::render(table, area, buf, &mut state);

        if self.len == 0 && area.height > 1 {
            let message = Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            };
            Paragraph::new(self.empty)
                .style(self.theme.muted())
                .wrap(Wrap { trim: false })
                .render(message, buf);
        }
    }
}

/// Returns the `(min, max)` cells of a column sized to its content: `longest` cells of text
/// under `header`, shrinking to `floor` cells (or to the content, if shorter) when room is short.
/// Neither bound is below the header's width.
pub fn content_range(header: &str, longest: usize, floor: u16) -> (u16, u16) {
    let header = header.chars().count() as u16;
    let max = (longest.min(u16::MAX as usize) as u16).max(header);
    (floor.min(max).max(header), max)
}

/// Computes the width of each visible column: every minimum first, then `Fit` columns up to
/// their maximum in column order, then `Fill` columns in equal shares up to theirs. Cells left
/// over when every column is at its maximum stay empty at the right.
fn column_widths(columns: &[Column], visible: &[usize], width: u16) -> Vec<u16> {
    let spacing = SPACING * visible.len().saturating_sub(1) as u16;
    let mut widths: Vec<u16> = visible
        .iter()
        .map(|&index| columns[index].width.min())
        .collect();
    let used = widths.iter().map(|&width| width as u32).sum::<u32>() + spacing as u32;
    let mut spare = (width as u32).saturating_sub(used);

    for (cells, &index) in widths.iter_mut().zip(visible) {
        if let Width::Fit { max, .. } = columns[index].width {
            let grow = (max.saturating_sub(*cells) as u32).min(spare);
            *cells += grow as u16;
            spare -= grow;
        }
    }

    let fill_max = |index: usize| match columns[index].width {
        Width::Fill { max, .. } => Some(max),
        _ => None,
    };
    loop {
        let growing: Vec<usize> = (0..visible.len())
            .filter(|&position| {
                fill_max(visible[position]).is_some_and(|max| widths[position] < max)
            })
            .collect();
        if growing.is_empty() || spare == 0 {
            break;
        }
        let share = (spare / growing.len() as u32).max(1);
        for position in growing {
            let max = fill_max(visible[position]).unwrap_or(0);
            let grow = share.min((max - widths[position]) as u32).min(spare);
            widths[position] += grow as u16;
            spare -= grow;
        }
    }
    widths
}

/// Cuts a cell to `width` characters, marking the cut with `…`.
fn truncate(line: Line<'_>, width: u16) -> Line<'_> {
    let width = width as usize;
    if line.width() <= width {
        return line;
    }
    let mut room = width.saturating_sub(1);
    let mut spans = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let head: String = span.content.chars().take(room).collect();
        room -= head.chars().count();
        spans.push(Span::styled(head, span.style));
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// Indices of the columns that fit in `width`, dropping the lowest priority first.
fn visible_columns(columns: &[Column], width: u16) -> Vec<usize> {
    let mut visible: Vec<usize> = (0..columns.len()).collect();
    let needed = |visible: &[usize]| -> u16 {
        let cells: u16 = visible
            .iter()
            .map(|&index| columns[index].width.min())
            .sum();
        cells + SPACING * visible.len().saturating_sub(1) as u16
    };
    while needed(&visible) > width {
        let Some(drop) = visible
            .iter()
            .copied()
            .filter(|&index| columns[index].priority > 0)
            .min_by_key(|&index| (columns[index].priority, std::cmp::Reverse(index)))
        else {
            break;
        };
        visible.retain(|&index| index != drop);
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Key3 {
        A,
        B,
        C,
    }

    impl SortKey for Key3 {
        const ALL: &'static [Key3] = &[Key3::A, Key3::B, Key3::C];
    }

    #[test]
    fn sort_cycles_columns_and_flips() {
        let mut sort = Sort {
            column: Key3::C,
            order: SortOrder::Descending,
        };
        sort.cycle();
        assert_eq!(sort.column, Key3::A);
        sort.cycle();
        assert_eq!(sort.column, Key3::B);
        sort.flip();
        assert_eq!(sort.order, SortOrder::Ascending);
    }

    #[test]
    fn narrow_tables_drop_low_priority_columns_first() {
        let columns = vec![
            Column::new("id", Width::fill(20)),
            Column::new("a", Width::Fixed(10)).priority(2),
            Column::new("b", Width::Fixed(10)).priority(1),
            Column::new("c", Width::Fixed(10)).priority(3),
        ];
        assert_eq!(visible_columns(&columns, 80), vec![0, 1, 2, 3]);
        assert_eq!(visible_columns(&columns, 45), vec![0, 1, 3]);
        assert_eq!(visible_columns(&columns, 35), vec![0, 3]);
        assert_eq!(visible_columns(&columns, 5), vec![0]);
        assert_eq!(column_widths(&columns, &[0, 1, 3], 45), vec![23, 10, 10]);
    }

    #[test]
    fn fit_columns_grow_before_fill_columns() {
        let columns = vec![
            Column::new("model", Width::Fill { min: 10, max: 30 }),
            Column::new("benchmark", Width::Fit { min: 9, max: 20 }),
            Column::new("metric", Width::Fit { min: 8, max: 40 }),
        ];
        let all = [0, 1, 2];
        assert_eq!(column_widths(&columns, &all, 29), vec![10, 9, 8]);
        assert_eq!(column_widths(&columns, &all, 40), vec![10, 20, 8]);
        assert_eq!(column_widths(&columns, &all, 60), vec![10, 20, 28]);
        assert_eq!(column_widths(&columns, &all, 80), vec![18, 20, 40]);
        assert_eq!(
            column_widths(&columns, &all, 200),
            vec![30, 20, 40],
            "the fill column stops at its maximum"
        );
    }

    #[test]
    fn fill_columns_share_the_rest() {
        let columns = vec![
            Column::new("a", Width::fill(5)),
            Column::new("b", Width::Fill { min: 5, max: 8 }),
            Column::new("c", Width::fill(5)),
        ];
        assert_eq!(column_widths(&columns, &[0, 1, 2], 32), vec![11, 8, 11]);
    }

    #[test]
    fn content_range_keeps_the_header() {
        assert_eq!(content_range("benchmark", 20, 11), (11, 20));
        assert_eq!(content_range("benchmark", 5, 11), (9, 9));
        assert_eq!(content_range("model", 45, 17), (17, 45));
        assert_eq!(content_range("model", 12, 17), (12, 12));
    }

    #[test]
    fn long_cells_end_with_an_ellipsis() {
        let line = Line::from(vec![Span::raw("meta-"), Span::raw("llama/Llama")]);
        assert_eq!(truncate(line, 8).to_string(), "meta-ll…");
        assert_eq!(truncate(Line::raw("short"), 8).to_string(), "short");
    }
}
