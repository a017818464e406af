//! Errors that reject a whole leaderboard file.

use std::path::PathBuf;

use thiserror::Error;

use super::LeaderboardFormat;
use crate::i18n::Lang;

const ACCEPTED_EN: &str = "an Open LLM Leaderboard v1 or v2 CSV export, a BigCodeBench or EvalPlus results.json, or a generic CSV with the columns model,benchmark,metric,score";
const ACCEPTED_FR: &str = "un export CSV de l'Open LLM Leaderboard v1 ou v2, un results.json de BigCodeBench ou d'EvalPlus, ou un CSV générique aux colonnes model,benchmark,metric,score";

/// The content of a file of unknown format, as the error message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundShape {
    /// A CSV file, with its header shortened for the message.
    CsvHeader(String),
    /// A JSON value other than an object, named as [`crate::hub::reader::json_kind`] names it.
    JsonValue(&'static str),
    /// A JSON object whose entries have no BigCodeBench or EvalPlus pass@1 score.
    JsonWithoutScores,
}

impl FoundShape {
    /// Describes the shape in `lang`: `CSV header a,b`, `en-tête CSV a,b`.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (FoundShape::CsvHeader(header), Lang::En) => format!("CSV header {header}"),
            (FoundShape::CsvHeader(header), Lang::Fr) => format!("en-tête CSV {header}"),
            (FoundShape::JsonValue(kind), Lang::En) => format!("JSON {kind}"),
            (FoundShape::JsonValue(kind), Lang::Fr) => {
                let kind = match *kind {
                    "null" => "null",
                    "a boolean" => "un booléen",
                    "a number" => "un nombre",
                    "a string" => "une chaîne",
                    "an array" => "une liste",
                    "an object" => "un objet",
                    _ => "une valeur inattendue",
                };
                format!("JSON\u{a0}: {kind}")
            }
            (FoundShape::JsonWithoutScores, Lang::En) => {
                "a JSON object without BigCodeBench or EvalPlus pass@1 scores".to_string()
            }
            (FoundShape::JsonWithoutScores, Lang::Fr) => {
                "un objet JSON sans score pass@1 de BigCodeBench ou d'EvalPlus".to_string()
            }
        }
    }
}

#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum LeaderboardError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not UTF-8; `offset` is the byte where the first invalid sequence starts.
    NotUtf8 {
        path: PathBuf,
        offset: usize,
    },
    Empty {
        path: PathBuf,
    },
    /// The file is longer than [`super::MAX_FILE_BYTES`].
    TooLarge {
        path: PathBuf,
    },
    /// The header or JSON shape matches no accepted format; `found` describes what it holds.
    UnknownFormat {
        path: PathBuf,
        found: FoundShape,
    },
    /// The header announces `format` but lacks columns that the format requires.
    MissingColumns {
        path: PathBuf,
        format: LeaderboardFormat,
        columns: Vec<String>,
    },
    /// The csv crate cannot parse the text. Records with a wrong field count, an unclosed quote
    /// included, are skipped rather than rejected, so this error is rare.
    Csv {
        path: PathBuf,
        line: Option<u64>,
        detail: crate::i18n::ErrorText,
    },
    /// The JSON is malformed or truncated.
    JsonSyntax {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
}

impl LeaderboardError {
    /// Formats the error in the user's language, naming the file, what was expected and the fix.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LeaderboardError::Io { path, source } => format!(
                "{} {}{} {}",
                lang.pick("cannot read", "impossible de lire"),
                path.display(),
                lang.pick(":", " :"),
                crate::i18n::io_error(lang, source)
            ),
            LeaderboardError::NotUtf8 { path, offset } => match lang {
                Lang::En => format!(
                    "{}: invalid UTF-8 at byte {offset}; expected a UTF-8 text file ({ACCEPTED_EN}). Re-export it as UTF-8.",
                    path.display()
                ),
                Lang::Fr => format!(
                    "{} : UTF-8 invalide à l'octet {offset} ; attendu un fichier texte UTF-8 ({ACCEPTED_FR}). Réexportez-le en UTF-8.",
                    path.display()
                ),
            },
            LeaderboardError::Empty { path } => match lang {
                Lang::En => format!(
                    "{}: the file is empty; expected {ACCEPTED_EN}.",
                    path.display()
                ),
                Lang::Fr => format!(
                    "{} : le fichier est vide ; attendu {ACCEPTED_FR}.",
                    path.display()
                ),
            },
            LeaderboardError::TooLarge { path } => {
                let limit = super::MAX_FILE_BYTES >> 20;
                match lang {
                    Lang::En => format!(
                        "{}: the file is larger than {limit} MiB, far beyond any leaderboard export, so it was not read; expected {ACCEPTED_EN}.",
                        path.display()
                    ),
                    Lang::Fr => format!(
                        "{} : le fichier dépasse {limit} Mio, bien au-delà de tout export de classement, il n'a donc pas été lu ; attendu {ACCEPTED_FR}.",
                        path.display()
                    ),
                }
            }
            LeaderboardError::UnknownFormat { path, found } => match lang {
                Lang::En => format!(
                    "{}: unknown leaderboard format ({}); expected {ACCEPTED_EN}.",
                    path.display(),
                    found.describe(lang)
                ),
                Lang::Fr => format!(
                    "{} : format de classement inconnu ({}) ; attendu {ACCEPTED_FR}.",
                    path.display(),
                    found.describe(lang)
                ),
            },
            LeaderboardError::MissingColumns {
                path,
                format,
                columns,
            } => match lang {
                Lang::En => format!(
                    "{}: the header looks like {} but lacks the column(s) {}; re-export the complete table.",
                    path.display(),
                    format.describe(lang),
                    columns.join(", ")
                ),
                Lang::Fr => format!(
                    "{} : l'en-tête ressemble à {} mais il manque la ou les colonnes {} ; réexportez la table complète.",
                    path.display(),
                    format.describe(lang),
                    columns.join(", ")
                ),
            },
            LeaderboardError::Csv { path, line, detail } => {
                let at = match (line, lang) {
                    (Some(line), Lang::En) => format!(" at line {line}"),
                    (Some(line), Lang::Fr) => format!(" ligne {line}"),
                    (None, _) => String::new(),
                };
                match lang {
                    Lang::En => format!(
                        "{}: invalid CSV{at} ({}); the file is malformed or truncated, so no rows were read from it. Repair or re-export it.",
                        path.display(),
                        detail.get(lang)
                    ),
                    Lang::Fr => format!(
                        "{} : CSV invalide{at} ({}) ; le fichier est mal formé ou tronqué, aucune ligne n'en a été lue. Réparez-le ou réexportez-le.",
                        path.display(),
                        detail.get(lang)
                    ),
                }
            }
            LeaderboardError::JsonSyntax {
                path,
                line,
                column,
                detail,
            } => match lang {
                Lang::En => format!(
                    "{}: invalid JSON at line {line}, column {column} ({}); the file is malformed or truncated, so no rows were read from it. Download it again.",
                    path.display(),
                    crate::i18n::json_message_without_position(lang, detail)
                ),
                Lang::Fr => format!(
                    "{} : JSON invalide ligne {line}, colonne {column} ({}) ; le fichier est mal formé ou tronqué, aucune ligne n'en a été lue. Téléchargez-le à nouveau.",
                    path.display(),
                    crate::i18n::json_message_without_position(lang, detail)
                ),
            },
        }
    }
}
