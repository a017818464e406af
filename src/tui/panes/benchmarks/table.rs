//! The table view of a set: one row per model, the frontier marked with ◆. Sorted by score/B it
//! is the ranking by score per billion parameters.
//!
//! The active and type columns are left out of a set where no result has a value for them, as
//! in the Open LLM Leaderboard sets, which give no active counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};

use super::{BenchColumn, BenchmarksState, SetVerdicts, score_text};
use crate::analysis::verdicts::score_per_billion;
use crate::sanitize::clean;
use crate::tui::class::Class;
use crate::tui::format::{day, optional_params};
use crate::tui::panes::View;
use crate::tui::widgets::table::{Column, TableProps, Width, content_range};

/// Cells the model column keeps before the type and date columns are left out.
const MODEL_FLOOR: u16 = 28;
/// Cells the type column keeps when the model column needs the room.
const TYPE_FLOOR: u16 = 12;
/// The frontier marker.
pub const FRONTIER_MARK: &str = "◆";

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &mut BenchmarksState,
    verdicts: &SetVerdicts,
    view: &View,
) {
    let (lang, theme) = (view.lang, view.theme);
    let results = view.data.benchmarks.results();
    let rows = &state.rows;
    let threshold = view.threshold;

    let sorted = |column: BenchColumn| (state.sort.column == column).then_some(state.sort.order);
    // The sorted column stays whatever the width.
    let keep_if_sorted = |column: BenchColumn, priority: u8| {
        if state.sort.column == column {
            0
        } else {
            priority
        }
    };
    let type_text = |index: usize| {
        results[index]
            .model_type
            .map_or("—", |kind| kind.label(lang))
    };
    let with_active = state.sort.column == BenchColumn::Active
        || rows.iter().any(|&index| results[index].active().is_some());
    let with_type = rows
        .iter()
        .any(|&index| results[index].model_type.is_some());

    let longest_model = rows
        .iter()
        .map(|&index| clean(&results[index].model).chars().count())
        .max()
        .unwrap_or(0);
    let longest_type = rows
        .iter()
        .map(|&index| type_text(index).chars().count())
        .max()
        .unwrap_or(0);
    let model_header = lang.pick("model", "modèle");
    let (model_min, model_max) = content_range(model_header, longest_model, MODEL_FLOOR);
    let (type_min, type_max) = content_range("type", longest_type, TYPE_FLOOR);

    let mut columns = vec![
        Column::new("", Width::Fixed(1)),
        Column::new(
            model_header,
            Width::Fill {
                min: model_min,
                max: model_max,
            },
        )
        .sorted(sorted(BenchColumn::Model)),
        Column::new("score", Width::Fixed(7))
            .right()
            .sorted(sorted(BenchColumn::Score)),
        Column::new("params", Width::Fixed(8))
            .right()
            .sorted(sorted(BenchColumn::Params)),
    ];
    if with_active {
        columns.push(
            Column::new(lang.pick("active", "actifs"), Width::Fixed(8))
                .right()
                .priority(keep_if_sorted(BenchColumn::Active, 3))
                .sorted(sorted(BenchColumn::Active)),
        );
    }
    columns.extend([
        Column::new("score/B", Width::Fixed(9))
            .right()
            .sorted(sorted(BenchColumn::PerBillion)),
        Column::new(lang.pick("class", "classe"), Width::Fixed(7)),
    ]);
    if with_type {
        columns.push(
            Column::new(
                "type",
                Width::Fit {
                    min: type_min,
                    max: type_max,
                },
            )
            .priority(2),
        );
    }
    columns.push(
        Column::new("date", Width::Fixed(10))
            .priority(keep_if_sorted(BenchColumn::Date, 1))
            .sorted(sorted(BenchColumn::Date)),
    );

    let row = |position: usize| -> Vec<Line> {
        let index = rows[position];
        let result = &results[index];
        let class = Class::of(result.size(), threshold);
        let marker = if verdicts.on_frontier(index) {
            Line::styled(FRONTIER_MARK, theme.frontier())
        } else {
            Line::raw("")
        };
        let per_billion = score_per_billion(result.score, result.size())
            .map_or_else(|| "—".to_string(), |ratio| score_text(ratio, lang));
        let mut cells = vec![
            marker,
            Line::raw(clean(&result.model).into_owned()),
            Line::raw(score_text(result.score, lang)),
            Line::styled(optional_params(result.size()), theme.class(class)),
        ];
        if with_active {
            cells.push(Line::raw(result.active().map_or_else(
                || "—".to_string(),
                |active| optional_params(Some(active)),
            )));
        }
        cells.extend([
            Line::raw(per_billion),
            Line::styled(class.label(lang), theme.class(class)),
        ]);
        if with_type {
            cells.push(Line::raw(type_text(index)));
        }
        cells.push(Line::raw(
            result.date.as_deref().map_or_else(|| "—".to_string(), day),
        ));
        cells
    };
    let props = TableProps {
        columns,
        len: rows.len(),
        row: &row,
        empty: Text::raw(""),
        theme,
    };
    frame.render_stateful_widget(props, area, &mut state.cursor);
}
