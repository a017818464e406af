//! Turns what the focused pane shows into an [`ExportTable`]: the same rows, in the same order,
//! at the same threshold and filters.

use serde_json::Value;

use super::{Cell, ExportTable, ModelColumns, Rows, class_name};
use crate::analysis::histogram::Histogram;
use crate::analysis::sweep::sweep;
use crate::analysis::trends::report::MIN_SYNCS;
use crate::analysis::trends::{downloads_per_sync, monthly_splits, usage};
use crate::analysis::verdicts::score_per_billion;
use crate::i18n::Lang;
use crate::tui::action::Context;
use crate::tui::app::App;
use crate::tui::class::Class;
use crate::tui::format::day;
use crate::tui::panes::benchmarks::{BenchColumn, BenchView};
use crate::tui::panes::compare::CompareData;
use crate::tui::panes::search::SearchColumn;
use crate::tui::panes::tasks::BarScale;
use crate::tui::panes::threshold_tools::ChartView;
use crate::tui::panes::trends::TrendsView;
use crate::tui::widgets::table::{Sort, SortOrder};

/// The reason `e` found nothing to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nothing {
    /// A detail view, the help or a popup is focused: they are not tables or charts.
    NotATable,
    /// The pane shows no row.
    NoRows,
    /// The Downloads-per-sync view needs more syncs before it draws anything.
    FewSyncs,
}

impl Nothing {
    pub fn message(self, lang: Lang) -> String {
        match self {
            Nothing::NotATable => lang
                .pick(
                    "nothing to export here: e exports tables and charts; press Esc to go back to one",
                    "rien à exporter ici : e exporte les tableaux et les graphiques ; Échap pour y revenir",
                )
                .to_string(),
            Nothing::NoRows => lang
                .pick(
                    "nothing to export: the pane shows no row",
                    "rien à exporter : le panneau n'affiche aucune ligne",
                )
                .to_string(),
            Nothing::FewSyncs => match lang {
                Lang::En => format!(
                    "nothing to export: this view needs {MIN_SYNCS} syncs or more with downloads"
                ),
                Lang::Fr => format!(
                    "rien à exporter : cette vue demande au moins {MIN_SYNCS} synchros avec téléchargements"
                ),
            },
        }
    }
}

/// Builds the table of what the focused pane shows.
pub fn table_of(app: &mut App) -> Result<ExportTable, Nothing> {
    let threshold = app.effective_threshold();
    let mut table = match app.context() {
        Context::Search => search(app, threshold),
        Context::Threshold => threshold_chart(app, threshold),
        Context::Tasks => tasks(app, threshold),
        Context::Benchmarks => benchmarks(app, threshold)?,
        Context::Trends => trends(app, threshold)?,
        Context::Compare => compare(app, threshold),
        _ => return Err(Nothing::NotATable),
    };
    if table.rows.is_empty() {
        return Err(Nothing::NoRows);
    }
    if !app.filter.is_empty() {
        table.filter = app.filter.stable_description();
        table.filter_description = app.filter.short_description(app.lang);
        table.filter_json = serde_json::to_value(&app.filter).unwrap_or(Value::Null);
    }
    Ok(table)
}

fn new_table(tab: &'static str, view: &'static str, threshold: u64) -> ExportTable {
    ExportTable {
        tab,
        view,
        threshold,
        filter: String::new(),
        filter_description: String::new(),
        filter_json: Value::Null,
        settings: Vec::new(),
        columns: Vec::new(),
        rows: Rows::Built(Vec::new()),
    }
}

fn sort_text<T: Copy>(sort: Sort<T>, name: fn(T) -> &'static str) -> Cell {
    let order = match sort.order {
        SortOrder::Ascending => "ascending",
        SortOrder::Descending => "descending",
    };
    Cell::Text(format!("{} {order}", name(sort.column)))
}

fn search(app: &App, threshold: u64) -> ExportTable {
    let state = &app.search;
    let mut table = new_table("search", "results", threshold);
    let query = state
        .id_search
        .displayed_query()
        .map(|query| query.text().to_string())
        .unwrap_or_default();
    let column_name = |column: SearchColumn| match column {
        SearchColumn::Params => "params",
        SearchColumn::Downloads => "downloads",
        SearchColumn::Likes => "likes",
        SearchColumn::Created => "created",
    };
    table.settings = vec![
        ("query", Cell::Text(query)),
        ("sort", sort_text(state.sort, column_name)),
    ];
    table.columns = ModelColumns::Search.names();
    table.rows = Rows::Models {
        models: app.data.index.shared_models(),
        order: state.results.clone(),
        columns: ModelColumns::Search,
    };
    table
}

fn compare(app: &mut App, threshold: u64) -> ExportTable {
    let b = app.compare.effective_b();
    let data = CompareData {
        index: &app.data.index,
        ids: app.search.id_search.shared_ids(),
    };
    let order = app.compare.listed_models(data, threshold);
    let mut table = new_table("compare", "changing_models", threshold);
    table.settings = vec![
        ("threshold_b", Cell::Int(b)),
        ("query", Cell::Text(app.compare.query.text().to_string())),
        ("sort", Cell::text("downloads descending")),
    ];
    let columns = ModelColumns::Compare { b };
    table.columns = columns.names();
    table.rows = Rows::Models {
        models: app.data.index.shared_models(),
        order,
        columns,
    };
    table
}

fn threshold_chart(app: &App, threshold: u64) -> ExportTable {
    match app.threshold_pane.chart {
        ChartView::Sweep => threshold_sweep(app, threshold),
        _ => threshold_histogram(app, threshold),
    }
}

/// Lists the histogram bins as drawn: every model of known size per quarter decade, with the
/// part below the threshold.
fn threshold_histogram(app: &App, threshold: u64) -> ExportTable {
    let index = &app.data.index;
    let totals = index.sorted_totals();
    let slm = Histogram::from_sorted(&totals[..totals.partition_point(|&total| total < threshold)]);
    let mut table = new_table("threshold", "histogram", threshold);
    table.settings = vec![(
        "unknown_size_models",
        Cell::Int(index.split(threshold).unknown.count),
    )];
    table.columns = vec![
        "log10_lower",
        "log10_upper",
        "lower_params",
        "upper_params",
        "models",
        "slm",
        "llm",
    ];
    let rows = index
        .histogram()
        .bins
        .iter()
        .map(|bin| {
            let below = slm
                .bins
                .iter()
                .find(|slm_bin| slm_bin.lower == bin.lower)
                .map_or(0, |slm_bin| slm_bin.count);
            vec![
                Cell::Float(bin.lower),
                Cell::Float(bin.upper),
                Cell::Int(bin.lower_params()),
                Cell::Int(10f64.powf(bin.upper).round() as u64),
                Cell::Int(bin.count),
                Cell::Int(below),
                Cell::Int(bin.count - below),
            ]
        })
        .collect();
    table.rows = Rows::Built(rows);
    table
}

fn threshold_sweep(app: &App, threshold: u64) -> ExportTable {
    let mut table = new_table("threshold", "sweep", threshold);
    table.columns = vec![
        "step_params",
        "step_label",
        "slm",
        "llm",
        "slm_share_of_known",
        "slm_download_share_of_known",
    ];
    let rows = sweep(&app.data.index)
        .into_iter()
        .map(|step| {
            vec![
                Cell::Int(step.threshold),
                Cell::Text(step.label),
                Cell::Int(step.slm),
                Cell::Int(step.llm),
                Cell::optional_float(step.slm_share_of_known),
                Cell::optional_float(step.slm_download_share_of_known),
            ]
        })
        .collect();
    table.rows = Rows::Built(rows);
    table
}

/// Lists every modality row, then its tasks, as the pane lists them.
fn tasks(app: &App, threshold: u64) -> ExportTable {
    let mut table = new_table("tasks", "splits", threshold);
    let scale = match app.tasks.scale {
        BarScale::Share => "share",
        BarScale::Count => "count",
    };
    table.settings = vec![("bar_scale", Cell::text(scale))];
    table.columns = vec![
        "row",
        "modality",
        "pipeline_tag",
        "models",
        "slm",
        "llm",
        "unknown",
        "slm_share_of_known",
        "slm_downloads",
        "llm_downloads",
        "unknown_downloads",
    ];
    let mut rows = Vec::new();
    for group in app.data.index.modality_splits(threshold) {
        let modality = group.modality.as_str();
        let row = |kind: &str, task: Cell, split: &crate::analysis::Split| {
            vec![
                Cell::text(kind),
                Cell::text(modality),
                task,
                Cell::Int(split.all().count),
                Cell::Int(split.slm.count),
                Cell::Int(split.llm.count),
                Cell::Int(split.unknown.count),
                Cell::optional_float(split.slm_share_of_known()),
                Cell::Int(split.slm.downloads),
                Cell::Int(split.llm.downloads),
                Cell::Int(split.unknown.downloads),
            ]
        };
        rows.push(row("modality", Cell::Empty, &group.split));
        for task in &group.tasks {
            rows.push(row(
                "task",
                Cell::optional_text(task.name.as_deref()),
                &task.split,
            ));
        }
    }
    table.rows = Rows::Built(rows);
    table
}

fn benchmarks(app: &mut App, threshold: u64) -> Result<ExportTable, Nothing> {
    let data = &app.data.benchmarks;
    let state = &mut app.benchmarks;
    let Some(set) = state.set else {
        return Err(Nothing::NoRows);
    };
    let Some(verdicts) = state.verdicts(data, threshold) else {
        return Err(Nothing::NoRows);
    };
    let results = data.results();
    let view = match state.view {
        BenchView::Table => "table",
        BenchView::Chart => "chart",
    };
    let mut table = new_table("benchmarks", view, threshold);
    let column_name = |column: BenchColumn| match column {
        BenchColumn::Score => "score",
        BenchColumn::Params => "params",
        BenchColumn::Active => "active_params",
        BenchColumn::PerBillion => "score_per_billion",
        BenchColumn::Date => "date",
        BenchColumn::Model => "model",
    };
    table.settings = vec![
        ("benchmark_set", Cell::Text(data.sets()[set].label())),
        ("domain", Cell::Text(data.sets()[set].domain.clone())),
        (
            "model_type_filter",
            Cell::optional_text(state.filter.model_type.map(|kind| kind.as_str())),
        ),
        (
            "since_year",
            Cell::optional_int(state.filter.since_year.map(|year| year.max(0) as u64)),
        ),
        ("margin_points", Cell::Float(state.margin)),
        ("sort", sort_text(state.sort, column_name)),
    ];
    let hub_id = |index: usize| {
        let result = &results[index];
        let linked = result.linked.as_ref().map(|linked| linked.id.as_str());
        Cell::optional_text(linked.or(result.hub_id.as_deref()))
    };
    let rows: Vec<Vec<Cell>> = match state.view {
        BenchView::Table => {
            table.columns = vec![
                "frontier",
                "model",
                "hub_id",
                "score",
                "params",
                "active_params",
                "score_per_billion",
                "class",
                "model_type",
                "date",
            ];
            state
                .rows
                .iter()
                .map(|&index| {
                    let result = &results[index];
                    vec![
                        Cell::Bool(verdicts.on_frontier(index)),
                        Cell::text(&result.model),
                        hub_id(index),
                        Cell::optional_float(Some(result.score)),
                        Cell::optional_int(result.size()),
                        Cell::optional_int(result.active()),
                        Cell::optional_float(score_per_billion(result.score, result.size())),
                        Cell::text(class_name(Class::of(result.size(), threshold))),
                        Cell::optional_text(result.model_type.map(|kind| kind.as_str())),
                        Cell::optional_text(result.date.as_deref()),
                    ]
                })
                .collect()
        }
        // The chart places only results with a finite score and a known, non-zero size.
        BenchView::Chart => {
            table.columns = vec![
                "model",
                "hub_id",
                "params",
                "log10_params",
                "score",
                "class",
                "frontier",
            ];
            state
                .rows
                .iter()
                .filter_map(|&index| {
                    let result = &results[index];
                    let size = result.size().filter(|&size| size > 0)?;
                    result.score.is_finite().then(|| {
                        vec![
                            Cell::text(&result.model),
                            hub_id(index),
                            Cell::Int(size),
                            Cell::Float((size as f64).log10()),
                            Cell::Float(result.score),
                            Cell::text(class_name(Class::of(Some(size), threshold))),
                            Cell::Bool(verdicts.on_frontier(index)),
                        ]
                    })
                })
                .collect()
        }
    };
    table.rows = Rows::Built(rows);
    Ok(table)
}

fn trends(app: &mut App, threshold: u64) -> Result<ExportTable, Nothing> {
    let state = &app.trends;
    let index = &app.data.index;
    let task = state.task.as_deref();
    let view = match state.view {
        TrendsView::Share => "slm_share_per_creation_month",
        TrendsView::Usage => "downloads_by_creation_month",
        TrendsView::History => "downloads_per_sync",
    };
    let mut table = new_table("trends", view, threshold);
    table.settings = vec![("pipeline_tag", Cell::optional_text(task))];
    let rows: Vec<Vec<Cell>> = match state.view {
        TrendsView::Share => {
            let weighting = if state.weighted { "downloads" } else { "count" };
            table.settings.push(("weighting", Cell::text(weighting)));
            table.columns = vec!["month", "models", "slm", "llm", "unknown", "slm_share"];
            monthly_splits(index, threshold, task)
                .months
                .iter()
                .map(|month| {
                    vec![
                        Cell::Text(month.month.to_string()),
                        Cell::Int(month.split.models),
                        Cell::Int(month.split.slm.count),
                        Cell::Int(month.split.llm.count),
                        Cell::Int(month.split.unknown.count),
                        Cell::optional_float(month.split.slm_share(state.weighted)),
                    ]
                })
                .collect()
        }
        TrendsView::Usage => {
            let share_of = if state.of_all { "all" } else { "class" };
            table.settings.push(("share_of", Cell::text(share_of)));
            table.columns = vec![
                "month",
                "slm_downloads",
                "llm_downloads",
                "slm_share",
                "llm_share",
            ];
            let splits = monthly_splits(index, threshold, task);
            usage(index, threshold, &splits, None)
                .months
                .iter()
                .map(|month| {
                    let (slm, llm) = month.usage.shares(!state.of_all);
                    vec![
                        Cell::Text(month.month.to_string()),
                        Cell::Int(month.usage.slm_downloads),
                        Cell::Int(month.usage.llm_downloads),
                        Cell::optional_float(slm),
                        Cell::optional_float(llm),
                    ]
                })
                .collect()
        }
        TrendsView::History => {
            let history = &app.data.history;
            if history.len() < MIN_SYNCS {
                return Err(Nothing::FewSyncs);
            }
            table.columns = vec![
                "sync_id",
                "time",
                "day",
                "status",
                "models",
                "slm_downloads",
                "llm_downloads",
                "unknown_downloads",
            ];
            downloads_per_sync(index, threshold, task, history)
                .iter()
                .map(|point| {
                    vec![
                        Cell::Int(point.sync_id.max(0) as u64),
                        Cell::text(&point.time),
                        Cell::Text(day(&point.time)),
                        Cell::text(&point.status),
                        Cell::Int(point.models),
                        Cell::Int(point.slm.downloads),
                        Cell::Int(point.llm.downloads),
                        Cell::Int(point.unknown.downloads),
                    ]
                })
                .collect()
        }
    };
    table.rows = Rows::Built(rows);
    Ok(table)
}
