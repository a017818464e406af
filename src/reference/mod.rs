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

use crate::i18n::Lang;
use crate::model::{BenchmarkResult, ReferenceModel, ResultOrigin};

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
/// Line numbers are 1-based and count physical lines, so line 1 is the header. `Display` gives
/// the English message for logs, and [`ReferenceError::message`] gives it in the user's language.
#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum ReferenceError {
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    Header {
        path: PathBuf,
        line: u64,
        found: String,
        expected: String,
    },
    Malformed {
        path: PathBuf,
        line: u64,
        kind: MalformedKind,
    },
    InvalidValue {
        path: PathBuf,
        line: u64,
        column: String,
        value: String,
        problem: Problem,
    },
    DuplicateHubId {
        path: PathBuf,
        line: u64,
        value: String,
        first_line: u64,
    },
}

/// Description of an invalid value and of the fix, in English and in French.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Problem {
    const fn new(en: &'static str, fr: &'static str) -> Problem {
        Problem { en, fr }
    }

    /// Returns the description in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.fr)
    }
}

/// The reason a CSV record cannot be split into fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MalformedKind {
    /// The record has a different number of fields than the header.
    FieldCount {
        found: u64,
        expected: u64,
    },
    InvalidUtf8,
    /// Any other error of the CSV reader, with the reader's own message.
    /// NOTE: that message is English only, so it stays English in the French rendering.
    Other(String),
}

impl MalformedKind {
    /// Describes the fault in `lang`, such as `found 6 fields, expected 7`.
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (MalformedKind::FieldCount { found, expected }, Lang::En) => {
                let fields = lang.count(*found, ("field", "fields"), ("", ""));
                format!("found {fields}, expected {expected}")
            }
            (MalformedKind::FieldCount { found, expected }, Lang::Fr) => {
                let fields = lang.count(*found, ("", ""), ("champ trouvé", "champs trouvés"));
                format!("{fields}, {expected} attendus")
            }
            (MalformedKind::InvalidUtf8, _) => lang.pick("invalid UTF-8", "UTF-8 invalide").into(),
            (MalformedKind::Other(detail), _) => detail.clone(),
        }
    }

    /// Returns what to change in the file, in `lang`.
    fn hint(&self, lang: Lang) -> &'static str {
        match self {
            MalformedKind::FieldCount { .. } => lang.pick(
                "give every row one field per header column, and quote fields that contain commas",
                "donnez à chaque ligne un champ par colonne de l'en-tête et mettez entre guillemets les champs qui contiennent une virgule",
            ),
            MalformedKind::InvalidUtf8 => {
                lang.pick("save the file as UTF-8", "enregistrez le fichier en UTF-8")
            }
            MalformedKind::Other(_) => lang.pick(
                "check the quoting and the commas on that line",
                "vérifiez les guillemets et les virgules de cette ligne",
            ),
        }
    }
}

impl ReferenceError {
    /// Formats the error in `lang`, naming the file, the line, the column and the value, and
    /// saying how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReferenceError::Io { path, source }, Lang::En) => format!(
                "failed to read {}: {source}; check that the file exists and is readable",
                path.display()
            ),
            (ReferenceError::Io { path, source }, Lang::Fr) => format!(
                "impossible de lire {} : {} ; vérifiez que le fichier existe et qu'il est lisible",
                path.display(),
                crate::i18n::io_error(Lang::Fr, source)
            ),
            (
                ReferenceError::Header {
                    path,
                    line,
                    found,
                    expected,
                },
                Lang::En,
            ) => format!(
                "{}:{line}: invalid header {found:?}: expected exactly {expected:?}; fix the first line of the file",
                path.display()
            ),
            (
                ReferenceError::Header {
                    path,
                    line,
                    found,
                    expected,
                },
                Lang::Fr,
            ) => format!(
                "{}:{line} : en-tête invalide {found:?} : attendu exactement {expected:?} ; corrigez la première ligne du fichier",
                path.display()
            ),
            (ReferenceError::Malformed { path, line, kind }, Lang::En) => format!(
                "{}:{line}: malformed CSV record: {}; {}",
                path.display(),
                kind.describe(lang),
                kind.hint(lang)
            ),
            (ReferenceError::Malformed { path, line, kind }, Lang::Fr) => format!(
                "{}:{line} : enregistrement CSV mal formé : {} ; {}",
                path.display(),
                kind.describe(lang),
                kind.hint(lang)
            ),
            (
                ReferenceError::InvalidValue {
                    path,
                    line,
                    column,
                    value,
                    problem,
                },
                Lang::En,
            ) => format!(
                "{}:{line}: invalid {column} {value:?}: {}",
                path.display(),
                problem.get(lang)
            ),
            (
                ReferenceError::InvalidValue {
                    path,
                    line,
                    column,
                    value,
                    problem,
                },
                Lang::Fr,
            ) => format!(
                "{}:{line} : valeur invalide {value:?} dans la colonne {column} : {}",
                path.display(),
                problem.get(lang)
            ),
            (
                ReferenceError::DuplicateHubId {
                    path,
                    line,
                    value,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "{}:{line}: duplicate hub_id {value:?}, already listed on line {first_line}; keep one row per Hub repository",
                path.display()
            ),
            (
                ReferenceError::DuplicateHubId {
                    path,
                    line,
                    value,
                    first_line,
                },
                Lang::Fr,
            ) => format!(
                "{}:{line} : hub_id {value:?} en double, déjà présent à la ligne {first_line} ; gardez une seule ligne par dépôt du Hub",
                path.display()
            ),
        }
    }
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
            date: Some(row.date),
            source: row.source,
            origin: ResultOrigin::Reference,
            link: None,
            model_type: None,
            linked: None,
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
        .map_err(|error| csv_error(path, 1, error))?
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
            Err(error) => return Err(csv_error(path, line, error)),
        }
        let line = record.position().map_or(line, csv::Position::line);
        let row = record
            .deserialize(Some(&header))
            .map_err(|error| deserialize_error(path, line, &header, &record, error))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// Converts an error of the CSV reader. A failed read becomes [`ReferenceError::Io`], and a
/// syntax error, such as a row with the wrong number of fields, [`ReferenceError::Malformed`].
fn csv_error(path: &Path, line: u64, error: csv::Error) -> ReferenceError {
    let line = error.position().map_or(line, csv::Position::line);
    let kind = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => MalformedKind::FieldCount {
            found: *len,
            expected: *expected_len,
        },
        csv::ErrorKind::Utf8 { .. } => MalformedKind::InvalidUtf8,
        csv::ErrorKind::Io(_) => match error.into_kind() {
            csv::ErrorKind::Io(source) => {
                return ReferenceError::Io {
                    path: path.to_path_buf(),
                    source,
                };
            }
            _ => unreachable!("the error kind was matched as Io"),
        },
        _ => MalformedKind::Other(error.to_string()),
    };
    ReferenceError::Malformed {
        path: path.to_path_buf(),
        line,
        kind,
    }
}

/// Converts a serde error on one field, such as `1.7B` in an integer column, into an error that
/// names the column and the value.
fn deserialize_error(
    path: &Path,
    line: u64,
    header: &csv::StringRecord,
    record: &csv::StringRecord,
    error: csv::Error,
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
        "params" | "params_total" | "params_active" => Problem::new(
            "expected a whole number of parameters without units or separators, such as 1700000000",
            "attendu un nombre entier de paramètres sans unité ni séparateur, par exemple 1700000000",
        ),
        "score" => Problem::new(
            "expected a number between 0 and 100, such as 33.5",
            "attendu un nombre entre 0 et 100 écrit avec un point décimal, par exemple 33.5",
        ),
        _ => Problem::new(
            "the value has the wrong type for this column",
            "la valeur n'a pas le type attendu pour cette colonne",
        ),
    };
    ReferenceError::InvalidValue {
        path: path.to_path_buf(),
        line,
        column,
        value,
        problem,
    }
}

/// Validation of the fields of one row, with the location its errors report.
struct RowCheck<'a> {
    path: &'a Path,
    line: u64,
}

impl RowCheck<'_> {
    fn invalid(&self, column: &str, value: impl fmt::Display, problem: Problem) -> ReferenceError {
        ReferenceError::InvalidValue {
            path: self.path.to_path_buf(),
            line: self.line,
            column: column.to_string(),
            value: value.to_string(),
            problem,
        }
    }

    fn required(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        if value.is_empty() {
            return Err(self.invalid(
                column,
                value,
                Problem::new(
                    "the field is required; fill it in",
                    "le champ est obligatoire ; remplissez-le",
                ),
            ));
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
                Problem::new(
                    "expected a Hub repository id of the form owner/name, such as Qwen/Qwen2.5-7B",
                    "attendu un identifiant de dépôt du Hub de la forme propriétaire/nom, par exemple Qwen/Qwen2.5-7B",
                ),
            ));
        }
        Ok(())
    }

    fn positive(&self, column: &str, value: u64) -> Result<(), ReferenceError> {
        if value == 0 {
            return Err(self.invalid(
                column,
                value,
                Problem::new(
                    "a parameter count must be greater than 0; leave the field empty when the count is unknown",
                    "un nombre de paramètres doit être supérieur à 0 ; laissez le champ vide si le nombre est inconnu",
                ),
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
                Problem::new(
                    "write the size word in lowercase, such as small or large",
                    "écrivez le qualificatif de taille en minuscules, par exemple small ou large",
                ),
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
                Problem::new(
                    "expected a Hub task id in lowercase with hyphens, such as text-generation",
                    "attendu un identifiant de tâche du Hub en minuscules avec des traits d'union, par exemple text-generation",
                ),
            ));
        }
        Ok(())
    }

    fn domain(&self, value: &str) -> Result<(), ReferenceError> {
        if !DOMAINS.contains(&value) {
            return Err(self.invalid(
                "domain",
                value,
                Problem::new(
                    "expected one of code, medical or nli",
                    "attendu code, medical ou nli",
                ),
            ));
        }
        Ok(())
    }

    fn score(&self, value: f64) -> Result<(), ReferenceError> {
        if !(0.0..=100.0).contains(&value) {
            return Err(self.invalid(
                "score",
                value,
                Problem::new(
                    "expected a percentage between 0 and 100; write 0.335 as 33.5",
                    "attendu un pourcentage entre 0 et 100 ; écrivez 33.5 et non 0.335",
                ),
            ));
        }
        Ok(())
    }

    fn active_within_total(&self, active: u64, total: Option<u64>) -> Result<(), ReferenceError> {
        match total {
            None => Err(self.invalid(
                "params_active",
                active,
                Problem::new(
                    "params_active needs params_total on the same row; fill in the total count",
                    "params_active exige params_total sur la même ligne ; renseignez le nombre total",
                ),
            )),
            Some(total) if active > total => Err(self.invalid(
                "params_active",
                active,
                Problem::new(
                    "the active count of a mixture-of-experts model cannot exceed params_total",
                    "le nombre de paramètres actifs d'un modèle à mélange d'experts ne peut pas dépasser params_total",
                ),
            )),
            Some(_) => Ok(()),
        }
    }

    fn day(&self, column: &str, value: &str) -> Result<(), ReferenceError> {
        if !is_valid_day(value) {
            return Err(self.invalid(
                column,
                value,
                Problem::new(
                    "expected a valid date written YYYY-MM-DD, such as 2024-09-19",
                    "attendu une date valide au format AAAA-MM-JJ, par exemple 2024-09-19",
                ),
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
                Problem::new(
                    "expected a valid date written YYYY-MM or YYYY-MM-DD, such as 2023-08 or 2023-08-24",
                    "attendu une date valide au format AAAA-MM ou AAAA-MM-JJ, par exemple 2023-08 ou 2023-08-24",
                ),
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
                Problem::new(
                    "expected an https:// URL of the page that states the number",
                    "attendu une URL https:// de la page qui donne ce nombre",
                ),
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
