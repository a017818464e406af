//! The generic leaderboard CSV, one score per record:
//! `model,benchmark,metric,score,params,active_params,date,source`. The first four columns are
//! required, in any order; the others may be absent or empty.

use super::csv_table::CsvTable;
use super::{
    LeaderboardError, LeaderboardFile, LeaderboardFormat, LeaderboardRow, Location, ReadReport,
    SkipReason, hub_id_from_name, non_empty,
};
use crate::analysis::threshold::parse_threshold;

const REQUIRED: [&str; 4] = ["model", "benchmark", "metric", "score"];
const KNOWN: [&str; 8] = [
    "model",
    "benchmark",
    "metric",
    "score",
    "params",
    "active_params",
    "date",
    "source",
];

/// Column indices of one generic file.
struct Columns {
    model: usize,
    benchmark: usize,
    metric: usize,
    score: usize,
    params: Option<usize>,
    active_params: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
}

pub(super) fn parse(table: CsvTable) -> Result<LeaderboardFile, LeaderboardError> {
    let format = LeaderboardFormat::Generic;
    let indices = table.require(format, &REQUIRED)?;
    let columns = Columns {
        model: indices[0],
        benchmark: indices[1],
        metric: indices[2],
        score: indices[3],
        params: table.index("params"),
        active_params: table.index("active_params"),
        date: table.index("date"),
        source: table.index("source"),
    };

    // Without a `source` column, the file's name is the source, so two files do not replace each
    // other's scores of the same benchmark (a re-import replaces scores by source).
    let default_source = format!("{}: {}", LeaderboardFormat::Generic.id(), table.file_name());
    let mut report = ReadReport::default();
    table.report_unknown_columns(&KNOWN, &mut report);
    let mut rows = Vec::new();
    let records = table.read_records(&mut report, |line, record, report| {
        match read_row(record, &columns, &default_source) {
            Ok(row) => rows.push(row),
            Err(reason) => report.skip(Location::Line(line), reason),
        }
    })?;

    Ok(LeaderboardFile {
        format,
        records,
        rows,
        report,
    })
}

fn read_row(
    record: &csv::StringRecord,
    columns: &Columns,
    default_source: &str,
) -> Result<LeaderboardRow, SkipReason> {
    let field = |index: Option<usize>| {
        index
            .and_then(|index| record.get(index))
            .and_then(non_empty)
    };
    let required = |index: usize, name: &str| {
        field(Some(index)).ok_or_else(|| SkipReason::MissingField {
            field: name.to_string(),
        })
    };

    let model = field(Some(columns.model)).ok_or(SkipReason::MissingModel)?;
    let benchmark = required(columns.benchmark, "benchmark")?;
    let metric = required(columns.metric, "metric")?;
    let score_text = required(columns.score, "score")?;
    let score = score_text
        .parse::<f64>()
        .ok()
        .filter(|score| score.is_finite())
        .ok_or_else(|| SkipReason::InvalidScore {
            field: "score".to_string(),
            value: score_text.clone(),
        })?;
    let params_total = parse_size("params", field(columns.params))?;
    let params_active = parse_size("active_params", field(columns.active_params))?;
    if let (Some(total), Some(active)) = (params_total, params_active) {
        if active > total {
            return Err(SkipReason::ActiveAboveTotal {
                active: field(columns.active_params).unwrap_or_default(),
                total: field(columns.params).unwrap_or_default(),
            });
        }
    }
    let date = field(columns.date);
    if let Some(text) = &date {
        if !is_date(text) {
            return Err(SkipReason::InvalidDate {
                field: "date".to_string(),
                value: text.clone(),
            });
        }
    }

    Ok(LeaderboardRow {
        hub_id: hub_id_from_name(&model),
        model,
        link: None,
        benchmark,
        metric,
        score,
        params_total,
        params_active,
        model_type: None,
        date,
        source: field(columns.source).unwrap_or_else(|| default_source.to_string()),
    })
}

/// True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` dates, optionally followed by a time
/// (`2024-05-05T12:22:44Z`), with a month from 01 to 12 and a day from 01 to 31.
fn is_date(text: &str) -> bool {
    let day_part = text.split(['T', ' ']).next().unwrap_or(text);
    let parts: Vec<&str> = day_part.split('-').collect();
    let number = |part: &str, digits: usize, range: std::ops::RangeInclusive<u32>| {
        part.len() == digits
            && part.chars().all(|c| c.is_ascii_digit())
            && part
                .parse::<u32>()
                .is_ok_and(|value| range.contains(&value))
    };
    match parts.as_slice() {
        [year] => number(year, 4, 1900..=2999),
        [year, month] => number(year, 4, 1900..=2999) && number(month, 2, 1..=12),
        [year, month, day] => {
            number(year, 4, 1900..=2999) && number(month, 2, 1..=12) && number(day, 2, 1..=31)
        }
        _ => false,
    }
}

/// Parses a parameter count written as parameters (`7000000000`) or with a unit (`7B`, `500M`).
/// Empty, 0 and -1 mean unknown. A unitless number under a million is rejected as a forgotten
/// unit, as for thresholds.
fn parse_size(name: &str, value: Option<String>) -> Result<Option<u64>, SkipReason> {
    let Some(value) = value else {
        return Ok(None);
    };
    if matches!(value.parse::<f64>(), Ok(number) if number == 0.0 || number == -1.0) {
        return Ok(None);
    }
    parse_threshold(&value)
        .map(Some)
        .map_err(|_| SkipReason::InvalidSize {
            field: name.to_string(),
            value,
        })
}
