//! Reading recorded Hub API responses from files: a JSON array of list or full records, one
//! record object, or JSON Lines.
//!
//! Files are read as a stream, in batches of records, so memory does not grow with the file: a
//! JSON array is read element by element and JSON Lines value by value. A syntax error can
//! therefore come after batches were handed over, and the caller that stores them must undo them
//! (the cache imports each file in one transaction).

mod stream;
#[cfg(test)]
mod stream_tests;

use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

pub use stream::{BATCH_RECORDS, MAX_RECORD_BYTES, ReadEvent, read_stream};

use super::record::HubModel;
use crate::i18n::Lang;

/// Reason a record of an otherwise valid file was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The array element or line is not a JSON object.
    NotAnObject,
    /// The object has neither `id` nor `modelId`.
    MissingId,
    /// A field has a type the record cannot hold, such as a numeric `id`.
    InvalidField(String),
}

/// The maximum length of the detail of a [`SkipReason::InvalidField`], in characters. serde_json quotes the
/// offending string in its message, and a skip list holding whole strings would grow with the file.
const MAX_DETAIL_CHARS: usize = 200;

impl SkipReason {
    /// Builds a [`SkipReason::InvalidField`] from a parser message, cleaned of terminal controls
    /// and cut to [`MAX_DETAIL_CHARS`], because the message quotes untrusted file content.
    pub fn invalid_field(detail: &str) -> SkipReason {
        SkipReason::InvalidField(crate::sanitize::clean_truncated(detail, MAX_DETAIL_CHARS))
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SkipReason::NotAnObject => lang.pick("not a JSON object", "pas un objet JSON").into(),
            SkipReason::MissingId => lang
                .pick("no id or modelId field", "ni champ id ni champ modelId")
                .into(),
            SkipReason::InvalidField(detail) => {
                format!(
                    "{}{} {}",
                    lang.pick("invalid field", "champ invalide"),
                    lang.pick(":", " :"),
                    crate::i18n::json_message(lang, detail)
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// 1-based position of the record: the array index plus one, or the line number in JSON Lines.
    pub position: usize,
    pub reason: SkipReason,
}

/// The records of one file, in file order, and what was skipped.
#[derive(Debug, Default)]
pub struct FileRecords {
    pub records: Vec<HubModel>,
    pub skipped: Vec<Skip>,
}

#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum ReadError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    Shape {
        path: PathBuf,
        found: &'static str,
    },
    HubError {
        path: PathBuf,
        message: String,
    },
    /// A value longer than [`MAX_RECORD_BYTES`], which starts at `line` and `column`.
    TooLarge {
        path: PathBuf,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    /// Formats the error in the user's language, naming the file, the position and the fix.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::Io { path, source } => format!(
                "{} {}{} {}",
                lang.pick("cannot read", "impossible de lire"),
                path.display(),
                lang.pick(":", " :"),
                crate::i18n::io_error(lang, source)
            ),
            ReadError::Syntax {
                path,
                line,
                column,
                detail,
            } => match lang {
                Lang::En => format!(
                    "{}: invalid JSON at line {line}, column {column} ({}); the file is malformed or truncated, so nothing was imported from it. Re-download or repair it and import it again.{}",
                    path.display(),
                    crate::i18n::json_message_without_position(lang, detail),
                    leaderboard_hint(path, lang)
                ),
                Lang::Fr => format!(
                    "{} : JSON invalide ligne {line}, colonne {column} ({}) ; le fichier est mal formé ou tronqué, rien n'en a été importé. Téléchargez-le à nouveau ou réparez-le, puis réimportez-le.{}",
                    path.display(),
                    crate::i18n::json_message_without_position(lang, detail),
                    leaderboard_hint(path, lang)
                ),
            },
            ReadError::Shape { path, found } => match lang {
                Lang::En => format!(
                    "{}: expected Hub model records (a JSON array of objects, one object, or JSON Lines) but the file holds {found}; nothing was imported from it.",
                    path.display()
                ),
                Lang::Fr => format!(
                    "{} : attendu des enregistrements de modèles du Hub (un tableau JSON d'objets, un objet ou du JSON Lines) mais {} ; rien n'en a été importé.",
                    path.display(),
                    french_json_kind(found)
                ),
            },
            ReadError::TooLarge { path, line, column } => {
                let limit = MAX_RECORD_BYTES >> 20;
                match lang {
                    Lang::En => format!(
                        "{}: the value at line {line}, column {column} is longer than {limit} MiB, far beyond any Hub model record, so the file is not Hub API output or is damaged; nothing was imported from it.",
                        path.display()
                    ),
                    Lang::Fr => format!(
                        "{} : la valeur ligne {line}, colonne {column} dépasse {limit} Mio, bien au-delà de tout enregistrement de modèle du Hub : le fichier n'est pas une réponse de l'API du Hub ou il est endommagé ; rien n'en a été importé.",
                        path.display()
                    ),
                }
            }
            ReadError::HubError { path, message } => match lang {
                Lang::En => format!(
                    "{}: the file is a Hub error response ({message:?}), not model records; request the page again.",
                    path.display()
                ),
                Lang::Fr => format!(
                    "{} : le fichier est une réponse d'erreur du Hub ({message:?}), pas des enregistrements de modèles ; refaites la requête.",
                    path.display()
                ),
            },
        }
    }
}

/// Names the kind of a JSON value with its article, for error messages: `a number`, `an array`.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Describes, for the French shape message, what the file contains instead of records.
/// Returns a sentence pointing at `import-benchmarks` when `path` looks like a leaderboard file
/// (a CSV file), else an empty string.
fn leaderboard_hint(path: &Path, lang: Lang) -> &'static str {
    let csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if !csv {
        return "";
    }
    lang.pick(
        " A CSV file is not Hub JSON: import leaderboard files with `slmscope import-benchmarks`.",
        " Un fichier CSV n'est pas du JSON du Hub : importez les fichiers de classement avec `slmscope import-benchmarks`.",
    )
}

fn french_json_kind(kind: &str) -> &'static str {
    match kind {
        "null" => "le fichier contient null",
        "a boolean" => "le fichier contient un booléen",
        "a number" => "le fichier contient un nombre",
        "a string" => "le fichier contient une chaîne",
        "nothing" => "le fichier est vide",
        _ => "le fichier contient une valeur inattendue",
    }
}

/// Reads and parses one file of Hub records into memory. Prefer [`read_stream`] for files that
/// may be large.
pub fn read_file(path: &Path) -> Result<FileRecords, ReadError> {
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    collect(path, file)
}

/// Parses the text of one file; `path` only names the file in errors.
pub fn parse_records(path: &Path, text: &str) -> Result<FileRecords, ReadError> {
    collect(path, std::io::Cursor::new(text.as_bytes()))
}

fn collect<R: std::io::Read + std::io::Seek>(
    path: &Path,
    source: R,
) -> Result<FileRecords, ReadError> {
    let mut all = FileRecords::default();
    read_stream(path, source, BATCH_RECORDS, &mut |event| {
        match event {
            ReadEvent::Batch { records, .. } => {
                all.records.extend(records.records);
                all.skipped.extend(records.skipped);
            }
            ReadEvent::Restart => all = FileRecords::default(),
        }
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(all)
}

/// The `error` of a Hub error document such as `{"error": "Invalid credentials"}`, when the
/// object has no model id.
fn hub_error_message(object: &serde_json::Map<String, Value>) -> Option<String> {
    if object.contains_key("id") || object.contains_key("modelId") {
        return None;
    }
    object
        .get("error")
        .and_then(Value::as_str)
        .map(|message| crate::sanitize::clean_truncated(message, 200))
}

/// Converts the text of one JSON value into a record. The typed parse is tried first because it
/// is fast. When it fails, the value is parsed as a generic JSON value and converted, and that
/// decides the outcome, since some input fails only the typed parse (a duplicate key, for one).
fn record_from_json(text: &str) -> Result<HubModel, SkipReason> {
    if !text.starts_with('{') {
        return Err(SkipReason::NotAnObject);
    }
    let record = match serde_json::from_str::<HubModel>(text) {
        Ok(record) => record,
        Err(_) => {
            let value: Value = serde_json::from_str(text)
                .map_err(|error| SkipReason::invalid_field(&without_position(&error)))?;
            serde_json::from_value(value)
                .map_err(|error| SkipReason::invalid_field(&error.to_string()))?
        }
    };
    checked_id(record)
}

/// Returns the record, or the skip reason when it has no id.
fn checked_id(record: HubModel) -> Result<HubModel, SkipReason> {
    if record.repo_id().is_none() {
        return Err(SkipReason::MissingId);
    }
    Ok(record)
}

/// Returns the message of a serde_json error without its ` at line L column C` suffix.
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(message) if error.line() > 0 => message.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<FileRecords, ReadError> {
        parse_records(Path::new("test.json"), text)
    }

    #[test]
    fn csv_file_points_to_import_benchmarks() {
        let error =
            parse_records(Path::new("board.CSV"), "eval_name,Precision\nx,bf16\n").unwrap_err();
        for lang in [Lang::En, Lang::Fr] {
            let message = error.message(lang);
            assert!(message.contains("slmscope import-benchmarks"), "{message}");
        }
        let error = parse(r#"{"id":"#).unwrap_err();
        assert!(!error.message(Lang::En).contains("import-benchmarks"));
    }

    #[test]
    fn array_of_list_records() {
        let records = parse(r#"[{"id":"a/b","downloads":3},{"id":"c/d","likes":1}]"#).unwrap();
        assert_eq!(records.records.len(), 2);
        assert_eq!(records.records[0].repo_id(), Some("a/b"));
        assert_eq!(records.records[0].downloads, Some(3));
        assert!(records.skipped.is_empty());
    }

    #[test]
    fn single_object() {
        let records =
            parse(r#"{"id":"a/b","safetensors":{"parameters":{"BF16":10},"total":10}}"#).unwrap();
        assert_eq!(records.records.len(), 1);
        assert_eq!(
            records.records[0].safetensors.as_ref().unwrap().total,
            Some(10)
        );
    }

    #[test]
    fn json_lines_positions_are_lines() {
        let text = "{\"id\":\"a/b\"}\n{\"likes\":2}\n\n{\"modelId\":\"c/d\"}\n";
        let records = parse(text).unwrap();
        assert_eq!(records.records.len(), 2);
        assert_eq!(records.records[1].repo_id(), Some("c/d"));
        assert_eq!(
            records.skipped,
            vec![Skip {
                position: 2,
                reason: SkipReason::MissingId
            }]
        );
    }

    #[test]
    fn unknown_fields_and_wrong_types_tolerated() {
        let text = r#"[{"id":"a/b","newField":{"x":1},"gated":"manual","downloads":"many","tags":["en",3]}]"#;
        let records = parse(text).unwrap();
        let record = &records.records[0];
        assert_eq!(record.gated, Some(crate::model::Gated::Manual));
        assert_eq!(record.downloads, None);
        assert_eq!(
            record
                .tags
                .as_ref()
                .map(|tags| tags.iter().collect::<Vec<_>>()),
            Some(vec!["en"])
        );
    }

    #[test]
    fn non_objects_and_bad_ids_skipped() {
        let records = parse(r#"[1,{"id":42},{"id":"ok/model"}]"#).unwrap();
        assert_eq!(records.records.len(), 1);
        assert_eq!(records.skipped[0].position, 1);
        assert_eq!(records.skipped[0].reason, SkipReason::NotAnObject);
        assert_eq!(records.skipped[1].position, 2);
        assert!(matches!(
            records.skipped[1].reason,
            SkipReason::InvalidField(_)
        ));
    }

    #[test]
    fn truncated_array_names_position() {
        let error = parse("[{\"id\":\"a/b\"},\n{\"id\":\"c").unwrap_err();
        let ReadError::Syntax { line, column, .. } = &error else {
            panic!("expected a syntax error, got {error:?}");
        };
        assert_eq!(*line, 2);
        assert!(*column > 0);
        let message = error.message(Lang::En);
        assert!(message.contains("test.json"), "{message}");
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("nothing was imported"), "{message}");
        assert!(error.message(Lang::Fr).contains("ligne 2"));
    }

    #[test]
    fn wrong_top_level_shape() {
        for (text, found) in [
            ("42", "a number"),
            ("\"x\"", "a string"),
            ("null", "null"),
            ("", "nothing"),
        ] {
            let error = parse(text).unwrap_err();
            assert!(
                matches!(&error, ReadError::Shape { found: f, .. } if *f == found),
                "{text:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn hub_error_document_rejected() {
        let error =
            parse(r#"{"error":"Invalid credentials in Authorization header"}"#).unwrap_err();
        assert!(matches!(error, ReadError::HubError { .. }));
        assert!(error.message(Lang::En).contains("Invalid credentials"));
    }

    #[test]
    fn shape_errors_in_french() {
        let empty = parse("").unwrap_err().message(Lang::Fr);
        assert!(empty.contains("mais le fichier est vide ; rien"), "{empty}");
        let number = parse("42").unwrap_err().message(Lang::Fr);
        assert!(
            number.contains("mais le fichier contient un nombre ; rien"),
            "{number}"
        );
    }
}
