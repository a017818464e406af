//! Export of what a pane shows to a CSV or JSON file, written on a background thread.
//!
//! A pane's content becomes an [`ExportTable`]: stable English column names, rows of typed
//! [`Cell`]s, and the settings the rows depend on (threshold, filters, sort, view). Column names
//! never change with the language, so scripts that read the files keep working in French.
//!
//! In CSV the settings are repeated as the last columns of every row rather than written on a
//! leading comment line. Spreadsheets and `pandas.read_csv` have no notion of CSV comments, so a
//! comment line would become a broken first row. Constant columns keep the file one rectangular
//! table that opens without options and still names its settings when files are concatenated.

mod file;
pub mod sources;
mod task;

use std::io::{self, Write};
use std::sync::Arc;

use serde_json::Value;

pub use file::{default_dir, file_name};
pub use task::{ExportMsg, ExportTask};

use crate::analysis::format_params;
use crate::model::Model;
use crate::sanitize::{clean, csv_cell};
use crate::tui::class::Class;

/// The file formats `e` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn toggled(self) -> Format {
        match self {
            Format::Csv => Format::Json,
            Format::Json => Format::Csv,
        }
    }
}

/// One value of a row or a setting.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text that may come from the Hub: cleaned, and guarded against formulas in CSV.
    Text(String),
    Int(u64),
    Float(f64),
    Bool(bool),
    /// An unknown or missing value: an empty CSV cell, `null` in JSON.
    Empty,
}

impl Cell {
    pub fn text(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }

    pub fn optional_text(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, Cell::text)
    }

    pub fn optional_int(value: Option<u64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Int)
    }

    /// Wraps a finite number, or returns [`Cell::Empty`] for a missing or non-finite one.
    pub fn optional_float(value: Option<f64>) -> Cell {
        value
            .filter(|value| value.is_finite())
            .map_or(Cell::Empty, Cell::Float)
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(text) => csv_cell(text).into_owned(),
            Cell::Int(value) => value.to_string(),
            Cell::Float(value) => value.to_string(),
            Cell::Bool(value) => value.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(text) => Value::String(clean(text).into_owned()),
            Cell::Int(value) => Value::from(*value),
            Cell::Float(value) => {
                serde_json::Number::from_f64(*value).map_or(Value::Null, Value::Number)
            }
            Cell::Bool(value) => Value::Bool(*value),
            Cell::Empty => Value::Null,
        }
    }
}

/// Returns the stable name of a class in exported files.
pub fn class_name(class: Class) -> &'static str {
    match class {
        Class::Slm => "slm",
        Class::Llm => "llm",
        Class::Unknown => "unknown",
    }
}

/// The two model tables whose rows are built on the export thread from the shared models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelColumns {
    /// The Search results: the columns shown, with full ids.
    Search,
    /// The A/B pane's changing models, with their class at A and at B.
    Compare { b: u64 },
}

impl ModelColumns {
    pub fn names(self) -> Vec<&'static str> {
        match self {
            ModelColumns::Search => vec![
                "id",
                "params",
                "params_approximate",
                "class",
                "pipeline_tag",
                "downloads",
                "likes",
                "created",
                "created_before_tracking",
            ],
            ModelColumns::Compare { .. } => vec![
                "id",
                "params",
                "pipeline_tag",
                "downloads",
                "class_at_a",
                "class_at_b",
            ],
        }
    }

    fn row(self, model: &Model, threshold: u64) -> Vec<Cell> {
        let total = model.params.total();
        match self {
            ModelColumns::Search => vec![
                Cell::text(&model.id),
                Cell::optional_int(total),
                Cell::Bool(model.params.approximate),
                Cell::text(class_name(Class::of(total, threshold))),
                Cell::optional_text(model.pipeline_tag.as_deref()),
                Cell::optional_int(model.downloads()),
                Cell::optional_int(model.likes()),
                match &model.created_at {
                    Some(created) if !model.created_before_tracking => Cell::Text(created.day()),
                    _ => Cell::Empty,
                },
                Cell::Bool(model.created_before_tracking),
            ],
            ModelColumns::Compare { b } => vec![
                Cell::text(&model.id),
                Cell::optional_int(total),
                Cell::optional_text(model.pipeline_tag.as_deref()),
                Cell::optional_int(model.downloads()),
                Cell::text(class_name(Class::of(total, threshold))),
                Cell::text(class_name(Class::of(total, b))),
            ],
        }
    }
}

/// The rows of a table.
pub enum Rows {
    /// Rows built on the UI thread: chart data and short tables.
    Built(Vec<Vec<Cell>>),
    /// Models listed by their position in `models`, turned into rows on the export thread, so
    /// that a table of millions of models never blocks the UI.
    Models {
        models: Arc<Vec<Model>>,
        order: Vec<usize>,
        columns: ModelColumns,
    },
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Built(rows) => rows.len(),
            Rows::Models { order, .. } => order.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The content of a pane, ready to be written.
pub struct ExportTable {
    /// The tab's stable name, first part of the file name: `search`, `threshold`, `tasks`,
    /// `benchmarks`, `trends` or `compare`.
    pub tab: &'static str,
    /// The kind of rows, such as `results`, `histogram` or `sweep`.
    pub view: &'static str,
    /// The threshold the rows were computed at, in parameters.
    pub threshold: u64,
    /// The applied filters in the same words in every language, for scripts: the CSV `filter`
    /// cell. Empty when none is applied.
    pub filter: String,
    /// The applied filters in a few words, in the user's language because people read them:
    /// the JSON `filter_description`. Empty when none is applied.
    pub filter_description: String,
    /// The filters as the filters file stores them; `Value::Null` when none is applied.
    pub filter_json: Value,
    /// The pane's own settings, such as the sort or the benchmark set.
    pub settings: Vec<(&'static str, Cell)>,
    pub columns: Vec<&'static str>,
    pub rows: Rows,
}

impl ExportTable {
    /// Returns the settings written on every CSV row and as JSON fields: the threshold and the
    /// filters first, then the pane's own.
    fn all_settings(&self) -> Vec<(&'static str, Cell)> {
        let mut settings = vec![
            ("threshold", Cell::Int(self.threshold)),
            ("filter", Cell::Text(self.filter.clone())),
        ];
        settings.extend(self.settings.iter().cloned());
        settings
    }

    /// Calls `each` with every row in order, stopping at the first error.
    fn for_each_row(
        &self,
        mut each: impl FnMut(usize, Vec<Cell>) -> io::Result<()>,
    ) -> io::Result<()> {
        match &self.rows {
            Rows::Built(rows) => {
                for (position, row) in rows.iter().enumerate() {
                    each(position, row.clone())?;
                }
            }
            Rows::Models {
                models,
                order,
                columns,
            } => {
                for (position, &index) in order.iter().enumerate() {
                    each(position, columns.row(&models[index], self.threshold))?;
                }
            }
        }
        Ok(())
    }
}

/// How often the writer reports progress, in rows.
pub const PROGRESS_EVERY: usize = 50_000;

/// Writes `table` to `out` in `format`. `progress` receives the rows written so far every
/// [`PROGRESS_EVERY`] rows and may stop the export by returning an error.
pub fn write_table(
    table: &ExportTable,
    format: Format,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize) -> io::Result<()>,
) -> io::Result<()> {
    match format {
        Format::Csv => write_csv(table, out, progress),
        Format::Json => write_json(table, out, progress),
    }
}

fn write_csv(
    table: &ExportTable,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize) -> io::Result<()>,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let settings = table.all_settings();
    let header = table
        .columns
        .iter()
        .copied()
        .chain(settings.iter().map(|(name, _)| *name));
    writer.write_record(header)?;
    let settings: Vec<String> = settings.iter().map(|(_, cell)| cell.csv()).collect();
    table.for_each_row(|position, row| {
        debug_assert_eq!(row.len(), table.columns.len(), "a row of another width");
        for cell in &row {
            writer.write_field(cell.csv())?;
        }
        for setting in &settings {
            writer.write_field(setting)?;
        }
        writer.write_record(None::<&[u8]>)?;
        if (position + 1) % PROGRESS_EVERY == 0 {
            progress(position + 1)?;
        }
        Ok(())
    })?;
    writer.flush()
}

/// Writes one JSON object: `tab`, `view`, `threshold`, `threshold_label`, `filter`,
/// `filter_description`, `settings`, `columns`, then `rows` as objects keyed by column, streamed
/// one at a time. Keys are written in that order, and row keys in column order.
fn write_json(
    table: &ExportTable,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize) -> io::Result<()>,
) -> io::Result<()> {
    let settings: Vec<(&str, Value)> = table
        .settings
        .iter()
        .map(|(name, cell)| (*name, cell.json()))
        .collect();
    let head: [(&str, Value); 8] = [
        ("tab", Value::from(table.tab)),
        ("view", Value::from(table.view)),
        ("threshold", Value::from(table.threshold)),
        (
            "threshold_label",
            Value::from(format_params(table.threshold)),
        ),
        ("filter", table.filter_json.clone()),
        (
            "filter_description",
            Value::from(table.filter_description.as_str()),
        ),
        ("settings", Value::Null),
        ("columns", Value::from(table.columns.clone())),
    ];
    out.write_all(b"{")?;
    for (name, value) in head {
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":")?;
        if name == "settings" {
            write_object(out, settings.iter().map(|(name, value)| (*name, value)))?;
        } else {
            serde_json::to_writer(&mut *out, &value)?;
        }
        out.write_all(b",")?;
    }
    out.write_all(b"\"rows\":[")?;
    table.for_each_row(|position, row| {
        if position > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        let values: Vec<Value> = row.iter().map(Cell::json).collect();
        write_object(out, table.columns.iter().copied().zip(&values))?;
        if (position + 1) % PROGRESS_EVERY == 0 {
            progress(position + 1)?;
        }
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush()
}

/// Writes a JSON object with its keys in the order given.
fn write_object<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = (&'a str, &'a Value)>,
) -> io::Result<()> {
    out.write_all(b"{")?;
    for (position, (name, value)) in fields.enumerate() {
        if position > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"}")
}
