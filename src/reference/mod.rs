//! Loader of the authored reference set in `assets/`: publishers' official sizes and size words
//! (`reference_models.csv`) and published benchmark results (`benchmarks.csv`).
//!
//! Both files are CSV with a fixed header. Every row is checked before it is returned. An error
//! names the file, the line, the column and the value, and describes the fix.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{BenchmarkResult, ReferenceModel};

/// File name of the reference models inside the assets directory.
pub const MODELS_FILE: &str = "reference_models.csv";

/// File name of the benchmark results inside the assets directory.
pub const BENCHMARKS_FILE: &str = "benchmarks.csv";

/// The exact header of `reference_models.csv`.
pub const MODELS_HEADER: [&str; 7] = [
    "hub_id",
    "organisation",
    "params",
    "size_word",
    "release_date",
    "pipeline_tag",
    "source",
];

/// The exact header of `benchmarks.csv`.
pub const BENCHMARKS_HEADER: [&str; 10] = [
    "model",
    "hub_id",
    "benchmark",
    "domain",
    "metric",
    "score",
    "params_total",
    "params_active",
    "date",
    "source",
];

/// The task families a benchmark row may belong to.
pub const DOMAINS: [&str; 3] = ["code", "medical", "nli"];

/// Both files of the reference set.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceSet {
    pub models: Vec<ReferenceModel>,
    pub benchmarks: Vec<BenchmarkResult>,
}

/// A reference file that cannot be read or that contains an invalid row.
///
/// Line numbers are 1-based and count physical lines, so line 1 is the header.
#[derive(Debug, Error)]
pub enum ReferenceError {
    #[error("failed to read {}: {source}; check that the file exists and is readable", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}:{line}: invalid header {found:?}: expected exactly {expected:?}; fix the first line of the file",
        path.display()
    )]
    Header {
        path: PathBuf,
        line: u64,
        found: String,
        expected: String,
    },
    #[error("{}:{line}: malformed CSV record: {message}; {hint}", path.display())]
    Malformed {
        path: PathBuf,
        line: u64,
        message: String,
        hint: String,
    },
    #[error("{}:{line}: invalid {column} {value:?}: {problem}", path.display())]
    InvalidValue {
        path: PathBuf,
        line: u64,
        column: String,
        value: String,
        /// Description of the problem and of the fix.
        problem: String,
    },
    #[error(
        "{}:{line}: duplicate hub_id {value:?}, already listed on line {first_line}; keep one row per Hub repository",
        path.display()
    )]
    DuplicateHubId {
        path: PathBuf,
        line: u64,
        value: String,
        first_line: u64,
    },
}

/// Loads both files of the reference set from `dir`.
pub fn load_dir(dir: &Path) -> Result<ReferenceSet, ReferenceError> {
    Ok(ReferenceSet {
        models: load_models(&dir.join(MODELS_FILE))?,
        benchmarks: load_benchmarks(&dir.join(BENCHMARKS_FILE))?,
    })
}

/// The reference set compiled into the binary from `assets/`, so that every new cache starts
/// with it.
pub fn embedded() -> ReferenceSet {
    const MODELS: &str = include_str!("../../assets/reference_models.csv");
    const BENCHMARKS: &str = include_str!("../../assets/benchmarks.csv");
    let assets = Path::new("assets");
    ReferenceSet {
        models: parse_models(&assets.join(MODELS_FILE), MODELS.as_bytes())
            .expect("the embedded reference_models.csv is validated by the test suite"),
        benchmarks: parse_benchmarks(&assets.join(BENCHMARKS_FILE), BENCHMARKS.as_bytes())
            .expect("the embedded benchmarks.csv is validated by the test suite"),
    }
}

fn open(path: &Path) -> Result<std::fs::File, ReferenceError> {
    std::fs::File::open(path).map_err(|source| ReferenceError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// One row of `reference_models.csv` as serde reads it, before validation.
#[derive(Debug, Deserialize)]
struct ModelRow {
    hub_id: String,
    organisation: String,
    params: u64,
    size_word: String,
    release_date: String,
    pipeline_tag: String,
    source: String,
}

/// One row of `benchmarks.csv` as serde reads it, before validation.
#[derive(Debug, Deserialize)]
struct BenchmarkRow {
    model: String,
    hub_id: Option<String>,
    benchmark: String,
    domain: String,
    metric: String,
    score: f64,
    params_total: Option<u64>,
    params_active: Option<u64>,
    date: String,
    source: String,
}

/// Loads and validates `reference_models.csv`.
///
/// Rejects a row with an empty required field or with `params` of 0. Also rejects a `hub_id` that
/// is not `owner/name` or that repeats an earlier row, compared case-insensitively. The
/// `size_word` must be lowercase, the `release_date` a valid `YYYY-MM-DD` date and the `source` an
/// `https://` URL.
pub fn load_models(path: &Path) -> Result<Vec<ReferenceModel>, ReferenceError> {
    parse_models(path, open(path)?)
}

/// Parses `reference_models.csv` from `input`; `path` names it in errors.
pub fn parse_models(
    path: &Path,
    input: impl std::io::Read,
) -> Result<Vec<ReferenceModel>, ReferenceError> {
    let rows: Vec<(u64, ModelRow)> = read_rows(path, input, &MODELS_HEADER)?;
    let mut first_lines: HashMap<String, u64> = HashMap::new();
    let mut models = Vec::with_capacity(rows.len());

    for (line, row) in rows {
        let check = RowCheck { path, line };
        check.hub_id("hub_id", &row.hub_id)?;
        check.required("organisation", &row.organisation)?;
        check.positive("params", row.params)?;
        check.size_word(&row.size_word)?;
        check.day("release_date", &row.release_date)?;
        check.pipeline_tag(&row.pipeline_tag)?;
        check.source(&row.source)?;

        if let Some(&first_line) = first_lines.get(&row.hub_id.to_lowercase()) {
            return Err(ReferenceError::DuplicateHubId {
                path: path.to_path_buf(),
                line,
                value: row.hub_id,
                first_line,
            });
        }
        first_lines.insert(row.hub_id.to_lowercase(), line);

        models.push(ReferenceModel {
            hub_id: row.hub_id,
            organisation: row.organisation,
            params: row.params,
            size_word: row.size_word,
            release_date: row.release_date,
            pipeline_tag: row.pipeline_tag,
            source: row.source,
        });
    }
    Ok(models)
}

/// Loads and validates `benchmarks.csv`.
///
/// Rejects a row with an empty required field, a `domain` outside [`DOMAINS`], a `score` outside
/// 0..=100 or a parameter count of 0. A non-empty `hub_id` must be `owner/name`, and
/// `params_active` needs a `params_total` at least as large. The `date` must be `YYYY-MM` or
/// `YYYY-MM-DD` and the `source` an `https://` URL. The same model may appear on several rows.
pub fn load_benchmarks(path: &Path) -> Result<Vec<BenchmarkResult>, ReferenceError> {
    parse_benchmarks(path, open(path)?)
}

/// Parses `benchmarks.csv` from `input`; `path` names it in errors.
pub fn parse_benchmarks(
    path: &Path,
    input: impl std::io::Read,
) -> Result<Vec<BenchmarkResult>, ReferenceError> {
    let rows: Vec<(u64, BenchmarkRow)> = read_rows(path, input, &BENCHMARKS_HEADER)?;
    let mut results = Vec::with_capacity(rows.len());

    for (line, row) in rows {
        let check = RowCheck { path, line };
        check.required("model", &row.model)?;
        if let Some(hub_id) = &row.hub_id {
            check.hub_id("hub_id", hub_id)?;
        }
        check.required("benchmark", &row.benchmark)?;
        check.domain(&row.domain)?;
        check.required("metric", &row.metric)?;
        check.score(row.score)?;
        if let Some(total) = row.params_total {
            check.positive("params_total", total)?;
        }
        if let Some(active) = row.params_active {
            check.positive("params_active", active)?;
            check.active_within_total(active, row.params_total)?;
        }
        check.month_or_day("date", &row.date)?;
        check.source(&row.source)?;

        results.push(BenchmarkResult {
            model: row.model,
            hub_id: row.hub_id,
            benchmark: row.benchmark,
            domain: row.domain,
            metric: row.metric,
            score: row.score,
            params_total: row.params_total,
            params_active: row.params_active,
            date: row.date,
            source: row.source,
        });
    }
    Ok(results)
}

/// Reads every record of a CSV file into `T`, checking the header first.
///
/// Returns each row with the line it starts on. Fields are trimmed, and an empty field becomes
/// `None` for `Option` columns.
fn read_rows<T>(
    path: &Path,
    input: impl std::io::Read,
    expected_header: &[&str],
) -> Result<Vec<(u64, T)>, ReferenceError>
where
    T: for<'de> Deserialize<'de>,
{
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);

    let header = reader
        .headers()
        .map_err(|error| csv_error(path, 1, &error))?
        .clone();
    if header.iter().ne(expected_header.iter().copied()) {
        return Err(ReferenceError::Header {
            path: path.to_path_buf(),
            line: 1,
            found: header.iter().collect::<Vec<_>>().join(","),
            expected: expected_header.join(","),
        });
    }

    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => return Err(csv_error(path, line, &error)),
        }
        let line = record.position().map_or(line, csv::Position::line);
        let row = record
            .deserialize(Some(&header))
            .map_err(|error| deserialize_error(path, line, &header, &record, &error))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// Converts a CSV syntax error, such as a row with the wrong number of fields.
fn csv_error(path: &Path, line: u64, error: &csv::Error) -> ReferenceError {
    let line = error.position().map_or(line, csv::Position::line);
    let (message, hint) = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            format!("found {len} fields, expected {expected_len}"),
            "give every row one field per header column, and quote fields that contain commas",
        ),
        csv::ErrorKind::Utf8 { .. } => ("invalid UTF-8".to_string(), "save the file as UTF-8"),
        _ => (
            error.to_string(),
            "check the quoting and the commas on that line",
        ),
    };
    ReferenceError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
        hint: hint.to_string(),
    }
}

/// Converts a serde error on one field, such as `1.7B` in an integer column, into an error that
/// names the column and the value.
fn deserialize_error(
    path: &Path,
    line: u64,
    header: &csv::StringRecord,
    record: &csv::StringRecord,
    error: &csv::Error,
) -> ReferenceError {
    let field = match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.field(),
        _ => None,
    };
    let Some(index) = field.and_then(|field| usize::try_from(field).ok()) else {
        return csv_error(path, line, error);
    };
    let column = header.get(index).unwrap_or("?").to_string();
    let value = record.get(index).unwrap_or("").to_string();
    let problem = match column.as_str() {
        "params" | "params_total" | "params_active" => {
            "expected a whole number of parameters without units or separators, such as 1700000000"
        }
        "score" => "expected a number between 0 and 100, such as 33.5",
        _ => "the value has the wrong type for this column",
    };
    ReferenceError::InvalidValue {
        path: path.to_path_buf(),
        line,
        column,
        value,
        problem: problem.to_string(),
    }
}

/// Validation of the fields of one row, with the location its errors report.
struct RowCheck<'a> {
    path: &'a Path,
    line: u64,
}

impl RowCheck<'_> {
    fn invalid(&self, column: &str, value: impl fmt::Display, problem: &str) -> ReferenceError {
        ReferenceError::InvalidValue {
            path: self.path.to_path_buf(),
            line: self.line,
            column: column.to_string(),
            value: value.to_string(),
            problem: problem.to_string(),
        }
    }

    fn required(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        if value.is_empty() {
            return Err(self.invalid(column, value, "the field is required; fill it in"));
        }
        Ok(())
    }

    fn hub_id(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        self.required(column, value)?;
        let valid = match value.split_once('/') {
            Some((owner, name)) => {
                !owner.is_empty()
                    && !name.is_empty()
                    && !name.contains('/')
                    && !value.contains(char::is_whitespace)
            }
            None => false,
        };
        if !valid {
            return Err(self.invalid(
                column,
                value,
                "expected a Hub repository id of the form owner/name, such as Qwen/Qwen2.5-7B",
            ));
        }
        Ok(())
    }

    fn positive(&self, column: &str, value: u64) -> Result<(), ReferenceError> {
        if value == 0 {
            return Err(self.invalid(
                column,
                value,
                "a parameter count must be greater than 0; leave the field empty when the count is unknown",
            ));
        }
        Ok(())
    }

    fn size_word(&self, value: &str) -> Result<(), ReferenceError> {
        self.required("size_word", value)?;
        if value.chars().any(char::is_uppercase) {
            return Err(self.invalid(
                "size_word",
                value,
                "write the size word in lowercase, such as small or large",
            ));
        }
        Ok(())
    }

    fn pipeline_tag(&self, value: &str) -> Result<(), ReferenceError> {
        self.required("pipeline_tag", value)?;
        if value.contains(char::is_whitespace) || value.chars().any(char::is_uppercase) {
            return Err(self.invalid(
                "pipeline_tag",
                value,
                "expected a Hub task id in lowercase with hyphens, such as text-generation",
            ));
        }
        Ok(())
    }

    fn domain(&self, value: &str) -> Result<(), ReferenceError> {
        if !DOMAINS.contains(&value) {
            return Err(self.invalid("domain", value, "expected one of code, medical or nli"));
        }
        Ok(())
    }

    fn score(&self, value: f64) -> Result<(), ReferenceError> {
        if !(0.0..=100.0).contains(&value) {
            return Err(self.invalid(
                "score",
                value,
                "expected a percentage between 0 and 100; write 0.335 as 33.5",
            ));
        }
        Ok(())
    }

    fn active_within_total(&self, active: u64, total: Option<u64>) -> Result<(), ReferenceError> {
        match total {
            None => Err(self.invalid(
                "params_active",
                active,
                "params_active needs params_total on the same row; fill in the total count",
            )),
            Some(total) if active > total => Err(self.invalid(
                "params_active",
                active,
                "the active count of a mixture-of-experts model cannot exceed params_total",
            )),
            Some(_) => Ok(()),
        }
    }

    fn day(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        if !is_valid_day(value) {
            return Err(self.invalid(
                column,
                value,
                "expected a valid date written YYYY-MM-DD, such as 2024-09-19",
            ));
        }
        Ok(())
    }

    fn month_or_day(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        let valid = if value.len() == 7 {
            is_valid_day(&format!("{value}-01"))
        } else {
            is_valid_day(value)
        };
        if !valid {
            return Err(self.invalid(
                column,
                value,
                "expected a valid date written YYYY-MM or YYYY-MM-DD, such as 2023-08 or 2023-08-24",
            ));
        }
        Ok(())
    }

    fn source(&self, value: &str) -> Result<(), ReferenceError> {
        self.required("source", value)?;
        let has_host = value
            .strip_prefix("https://")
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
        if !has_host || value.contains(char::is_whitespace) {
            return Err(self.invalid(
                "source",
                value,
                "expected an https:// URL of the page that states the number",
            ));
        }
        Ok(())
    }
}

/// True when `text` is exactly `YYYY-MM-DD` and names a day that exists.
fn is_valid_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    shape_ok && text.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests;
