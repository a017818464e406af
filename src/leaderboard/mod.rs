//! Readers of public leaderboard files: Open LLM Leaderboard v1 and v2 CSV exports, BigCodeBench
//! and EvalPlus `results.json`, and a documented generic CSV. Each reader turns a file into
//! [`LeaderboardRow`]s, one per (model, benchmark) score, plus a report of what it left out.
//!
//! The format is detected from the content (the CSV header or the JSON shape), never from the
//! file name. Strings from the file are trimmed but otherwise kept raw: they are sanitized when
//! drawn.

mod code_json;
mod csv_table;
mod domain;
mod error;
mod generic;
mod open_llm;

use std::io::Read;
use std::path::Path;

pub use crate::model::ModelType;
pub use code_json::BigCodeBenchSet;
pub use domain::{DOMAINS, domain_of};
pub use error::{FoundShape, LeaderboardError};

use crate::i18n::Lang;

/// One benchmark score of one model, as a leaderboard reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderboardRow {
    /// Model name as the source gives it: a Hub id in the Open LLM Leaderboard files, a display
    /// name such as `GPT-4o-2024-05-13` in BigCodeBench and EvalPlus.
    pub model: String,
    /// Hub repository id (`owner/name`), from the name or from a `huggingface.co` link.
    pub hub_id: Option<String>,
    /// Link the source gives for the model, which may point outside the Hub.
    pub link: Option<String>,
    pub benchmark: String,
    /// Measure and unit of the score, such as `pass@1 (%)`.
    pub metric: String,
    pub score: f64,
    /// Total parameter count. The sources' 0 and -1 mean unknown and become `None`.
    pub params_total: Option<u64>,
    /// Parameters active per token, given only by sources that report it (BigCodeBench, the
    /// generic CSV).
    pub params_active: Option<u64>,
    pub model_type: Option<ModelType>,
    /// Date the source attaches to the result (submission or release), as the source writes it.
    pub date: Option<String>,
    /// Format id of the file, such as `open-llm-leaderboard-v2`, or the generic CSV's `source`.
    pub source: String,
}

/// File formats the readers accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaderboardFormat {
    OpenLlmV1,
    OpenLlmV2,
    BigCodeBench,
    EvalPlus,
    Generic,
}

impl LeaderboardFormat {
    /// Format id, stored in [`LeaderboardRow::source`].
    pub fn id(self) -> &'static str {
        match self {
            LeaderboardFormat::OpenLlmV1 => "open-llm-leaderboard-v1",
            LeaderboardFormat::OpenLlmV2 => "open-llm-leaderboard-v2",
            LeaderboardFormat::BigCodeBench => "bigcodebench",
            LeaderboardFormat::EvalPlus => "evalplus",
            LeaderboardFormat::Generic => "generic-csv",
        }
    }

    /// Description of the format for error messages, such as "an Open LLM Leaderboard v2 CSV".
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            LeaderboardFormat::OpenLlmV1 => lang.pick(
                "an Open LLM Leaderboard v1 CSV export",
                "un export CSV de l'Open LLM Leaderboard v1",
            ),
            LeaderboardFormat::OpenLlmV2 => lang.pick(
                "an Open LLM Leaderboard v2 CSV export",
                "un export CSV de l'Open LLM Leaderboard v2",
            ),
            LeaderboardFormat::BigCodeBench => lang.pick(
                "a BigCodeBench results.json",
                "un results.json de BigCodeBench",
            ),
            LeaderboardFormat::EvalPlus => {
                lang.pick("an EvalPlus results.json", "un results.json d'EvalPlus")
            }
            LeaderboardFormat::Generic => lang.pick(
                "a generic leaderboard CSV",
                "un CSV de classement générique",
            ),
        }
    }
}

/// Place of a left-out record or value in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// 1-based line number where the CSV record starts.
    Line(u64),
    /// Key of the model entry in a JSON object.
    Key(String),
}

impl Location {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Location::Line(line) => format!("{} {line}", lang.pick("line", "ligne")),
            Location::Key(key) => format!("{} {key:?}", lang.pick("key", "clé")),
        }
    }
}

/// Reason a record, or one score of a record, was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The model name is empty.
    MissingModel,
    /// A required field (such as `benchmark`) is empty.
    MissingField { field: String },
    /// A score is not a finite number. Empty and `null` scores mean "not evaluated" and are
    /// left out silently.
    InvalidScore { field: String, value: String },
    /// A parameter count is neither a number of parameters, a size with a unit, 0 nor -1.
    InvalidSize { field: String, value: String },
    /// A date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    InvalidDate { field: String, value: String },
    /// The active parameter count exceeds the total.
    ActiveAboveTotal { active: String, total: String },
    /// A CSV record has another number of fields than the header.
    FieldCount { expected: usize, found: usize },
    /// A JSON model entry is not an object, or one of its fields has the wrong type.
    InvalidEntry { detail: String },
}

impl SkipReason {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SkipReason::MissingModel => lang
                .pick("empty model name", "nom de modèle vide")
                .to_string(),
            SkipReason::MissingField { field } => {
                format!("{} {field}", lang.pick("empty field", "champ vide"))
            }
            SkipReason::InvalidScore { field, value } => match lang {
                Lang::En => format!("{field}: invalid score {value:?}, expected a number"),
                Lang::Fr => format!("{field} : score invalide {value:?}, nombre attendu"),
            },
            SkipReason::InvalidSize { field, value } => match lang {
                Lang::En => format!(
                    "{field}: invalid parameter count {value:?}, expected a count such as 7000000000 or 7B, or 0 or -1 for unknown"
                ),
                Lang::Fr => format!(
                    "{field} : nombre de paramètres invalide {value:?}, attendu un nombre tel que 7000000000 ou 7B, ou 0 ou -1 si inconnu"
                ),
            },
            SkipReason::InvalidDate { field, value } => match lang {
                Lang::En => {
                    format!("{field}: invalid date {value:?}, expected YYYY, YYYY-MM or YYYY-MM-DD")
                }
                Lang::Fr => format!(
                    "{field} : date invalide {value:?}, attendu AAAA, AAAA-MM ou AAAA-MM-JJ"
                ),
            },
            SkipReason::ActiveAboveTotal { active, total } => match lang {
                Lang::En => format!(
                    "active_params {active:?} is larger than params {total:?}; an active count is at most the total"
                ),
                Lang::Fr => format!(
                    "active_params {active:?} dépasse params {total:?} ; le nombre actif est au plus le total"
                ),
            },
            SkipReason::FieldCount { expected, found } => {
                let fields = lang.count(*found as u64, ("field", "fields"), ("champ", "champs"));
                match lang {
                    Lang::En => format!("{fields} where the header has {expected}"),
                    Lang::Fr => format!("{fields} alors que l'en-tête en a {expected}"),
                }
            }
            SkipReason::InvalidEntry { detail } => {
                format!(
                    "{}: {detail}",
                    lang.pick("invalid entry", "entrée invalide")
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub location: Location,
    pub reason: SkipReason,
}

/// Records and columns that a reader left out or could not interpret, for the user to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// Records, or single scores of a record, that were left out, in file order.
    pub skipped: Vec<Skip>,
    /// Columns (CSV) or entry fields (JSON) that the format does not use, each listed once in the
    /// order first seen. JSON score fields are named `pass@1.<name>`.
    pub unknown_columns: Vec<String>,
}

impl ReadReport {
    pub(crate) fn skip(&mut self, location: Location, reason: SkipReason) {
        self.skipped.push(Skip { location, reason });
    }

    pub(crate) fn unknown_column(&mut self, name: &str) {
        if !self.unknown_columns.iter().any(|known| known == name) {
            self.unknown_columns.push(name.to_string());
        }
    }
}

/// The rows of one leaderboard file and what was left out.
#[derive(Debug, Clone)]
pub struct LeaderboardFile {
    pub format: LeaderboardFormat,
    /// Number of model records in the file (CSV records or JSON entries), skipped ones included.
    pub records: usize,
    pub rows: Vec<LeaderboardRow>,
    pub report: ReadReport,
}

/// Choices a file cannot state itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The set of a BigCodeBench file, which names its benchmarks `BigCodeBench-Full-Complete`
    /// or `BigCodeBench-Hard-Complete`. With `None` they stay `BigCodeBench-Complete`.
    pub bigcodebench_set: Option<BigCodeBenchSet>,
}

/// The maximum size of a leaderboard file, in bytes. A file is read and parsed whole, so this bounds
/// memory. The largest recorded export, the final Open LLM Leaderboard v2 CSV, is 2.8 MB.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Reads a leaderboard file with the default options, detecting its format from the content.
///
/// A file that is empty, unreadable, of no known format, or not readable as the format its
/// header or shape announces (missing columns, malformed CSV, truncated JSON) is an error and
/// yields no rows. Single bad records are skipped and listed in the report instead.
pub fn read_leaderboard(path: &Path) -> Result<LeaderboardFile, LeaderboardError> {
    read_leaderboard_with(path, ReadOptions::default())
}

/// Reads a leaderboard file like [`read_leaderboard`], with options.
pub fn read_leaderboard_with(
    path: &Path,
    options: ReadOptions,
) -> Result<LeaderboardFile, LeaderboardError> {
    let io_error = |source| LeaderboardError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    // Reading one byte past the limit distinguishes a file at the limit from a longer one,
    // without trusting the metadata (a pipe has no length).
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LeaderboardError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|error| LeaderboardError::NotUtf8 {
        path: path.to_path_buf(),
        offset: error.utf8_error().valid_up_to(),
    })?;
    parse_leaderboard(path, &text, options)
}

/// Parses the text of a leaderboard file; `path` only names the file in errors.
pub fn parse_leaderboard(
    path: &Path,
    text: &str,
    options: ReadOptions,
) -> Result<LeaderboardFile, LeaderboardError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => Err(LeaderboardError::Empty {
            path: path.to_path_buf(),
        }),
        Some('{' | '[') => code_json::parse(path, text, options.bigcodebench_set),
        Some(_) => parse_csv(path, text),
    }
}

fn parse_csv(path: &Path, text: &str) -> Result<LeaderboardFile, LeaderboardError> {
    let table = csv_table::CsvTable::new(path, text)?;
    match detect_csv_format(table.header()) {
        Some(LeaderboardFormat::OpenLlmV1) => open_llm::parse_v1(table),
        Some(LeaderboardFormat::OpenLlmV2) => open_llm::parse_v2(table),
        Some(LeaderboardFormat::Generic) => generic::parse(table),
        _ => Err(LeaderboardError::UnknownFormat {
            path: path.to_path_buf(),
            found: FoundShape::CsvHeader(preview_header(table.header())),
        }),
    }
}

/// Picks the CSV format from columns that only that format has.
fn detect_csv_format(header: &[String]) -> Option<LeaderboardFormat> {
    let has = |name: &str| header.iter().any(|column| column == name);
    if has("metadata_params_billions") || has("evaluations_ifeval_normalized_score") {
        Some(LeaderboardFormat::OpenLlmV2)
    } else if has("params_b") || (has("hellaswag") && has("truthfulqa")) {
        Some(LeaderboardFormat::OpenLlmV1)
    } else if has("model") && has("benchmark") && has("score") {
        Some(LeaderboardFormat::Generic)
    } else {
        None
    }
}

/// Lists the first header columns, for error messages.
fn preview_header(header: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut preview = header
        .iter()
        .take(SHOWN)
        .map(|column| crate::sanitize::clean_truncated(column, 40))
        .collect::<Vec<_>>()
        .join(",");
    if header.len() > SHOWN {
        preview.push_str(",…");
    }
    preview
}

/// Returns the Hub repository id in a name shaped like `owner/name`.
pub fn hub_id_from_name(name: &str) -> Option<String> {
    let (owner, repo) = name.trim().split_once('/')?;
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (valid(owner) && valid(repo)).then(|| format!("{owner}/{repo}"))
}

/// Returns the Hub repository id of a `https://huggingface.co/owner/name` model link. Links to
/// datasets, Spaces or other sites give `None`.
pub fn hub_id_from_link(link: &str) -> Option<String> {
    let url = url::Url::parse(link.trim()).ok()?;
    if !matches!(url.host_str()?, "huggingface.co" | "www.huggingface.co") {
        return None;
    }
    let mut segments = url.path_segments()?.filter(|segment| !segment.is_empty());
    let owner = segments.next()?;
    let repo = segments.next()?;
    if matches!(owner, "datasets" | "spaces" | "docs" | "blog" | "papers") {
        return None;
    }
    hub_id_from_name(&format!("{owner}/{repo}"))
}

/// Converts a size in billions of parameters to parameters. 0 and -1 mean unknown.
pub(crate) fn params_from_billions(billions: f64) -> Result<Option<u64>, ()> {
    if billions == 0.0 || billions == -1.0 {
        return Ok(None);
    }
    if !billions.is_finite() || !(0.0..=1e5).contains(&billions) {
        return Err(());
    }
    Ok(Some((billions * 1e9).round() as u64))
}

/// Trims a field and maps an empty one to `None`.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests;
