//! The configuration file, `$XDG_CONFIG_HOME/slmscope/config.toml` (`~/.config` when the variable
//! is unset): defaults that command-line flags override.
//!
//! A file with mistakes never stops slmscope. Each bad entry is reported with its line, its key
//! and the value expected, and that entry keeps its default; the good entries still apply. A file
//! that is not TOML at all is reported and left out entirely.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::analysis::threshold::parse_threshold;
use crate::i18n::{ErrorText, Lang};
use crate::sanitize::clean_truncated;
use crate::tui::{ACTION_NAMES, Keymap, RebindError, ThemeName};

/// Environment variable naming the configuration file, which replaces the default location.
pub const CONFIG_VAR: &str = "SLMSCOPE_CONFIG";

/// The log levels `log_level` accepts, from the quietest.
pub const LOG_LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

/// Every key the file may hold.
pub const KEYS: [&str; 8] = [
    "threshold",
    "lang",
    "theme",
    "mouse",
    "cache",
    "log_level",
    "export_dir",
    "keys",
];

/// The settings a configuration file gives. `None` leaves the built-in default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Initial threshold of the terminal UI, in parameters.
    pub threshold: Option<u64>,
    /// Language of screens and messages, before the locale variables.
    pub lang: Option<Lang>,
    /// Theme of the terminal UI until one is chosen with `t`.
    pub theme: Option<ThemeName>,
    /// Whether the terminal UI reads the mouse.
    pub mouse: Option<bool>,
    /// Cache used when `--db` is not given.
    pub cache: Option<PathBuf>,
    /// Log level when `SLMSCOPE_LOG` is unset.
    pub log_level: Option<&'static str>,
    /// Folder the terminal UI writes exports to.
    pub export_dir: Option<PathBuf>,
    /// The terminal UI's keys, with the `[keys]` table's replacements.
    pub keymap: Keymap,
}

/// What is wrong with one entry of the file, or with the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `--config` names a file that does not exist.
    Missing,
    /// The file cannot be read, with the OS error.
    Unreadable(ErrorText),
    /// The text is not TOML: the parser's English message, translated when shown, and the
    /// column of the error on its line.
    Syntax {
        message: String,
        column: Option<usize>,
    },
    /// A key slmscope does not know.
    UnknownKey,
    /// An entry of the `[keys]` table that names no action, gives no valid key or takes a key that
    /// already does something else.
    Rebind(RebindError),
    /// A known key with a value of the wrong kind or out of range.
    BadValue {
        expected: Expected,
        /// The value as written in the file, cleaned and cut for display.
        found: String,
    },
}

/// The value a key expects, worded in both languages by [`Problem::message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Threshold,
    Lang,
    Theme,
    Cache,
    LogLevel,
    ExportDir,
    KeysTable,
    Key,
    Mouse,
}

/// One mistake in the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line; 0 when the mistake concerns the whole file.
    pub line: usize,
    /// The key as written, cleaned; empty for whole-file mistakes.
    pub key: String,
    pub kind: ProblemKind,
}

/// A configuration file that was found, with what it set and what was wrong in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
    pub problems: Vec<Problem>,
}

/// The configuration file's location: `$SLMSCOPE_CONFIG` when set, else `slmscope/config.toml`
/// under the user's configuration folder (`$XDG_CONFIG_HOME`, else `~/.config` on Linux).
pub fn default_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_VAR).filter(|value| !value.is_empty()) {
        return Some(PathBuf::from(path));
    }
    dirs::config_dir().map(|folder| folder.join("slmscope").join("config.toml"))
}

/// Reads the file at `path`. Returns `None` when there is no file, which is not a mistake.
pub fn load(path: &Path) -> Option<Loaded> {
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            return Some(Loaded {
                path: path.to_path_buf(),
                config: Config::default(),
                problems: vec![Problem {
                    line: 0,
                    key: String::new(),
                    kind: ProblemKind::Unreadable(ErrorText::io(&error)),
                }],
            });
        }
    };
    let (config, problems) = match String::from_utf8(text) {
        Ok(text) => parse(&text, dirs::home_dir().as_deref()),
        Err(error) => (
            Config::default(),
            vec![Problem {
                line: 0,
                key: String::new(),
                kind: ProblemKind::Unreadable(ErrorText::new(
                    error.to_string(),
                    format!(
                        "UTF-8 invalide à l'octet {}",
                        error.utf8_error().valid_up_to()
                    ),
                )),
            }],
        ),
    };
    Some(Loaded {
        path: path.to_path_buf(),
        config,
        problems,
    })
}

/// The result of reading a file that `--config` named but that does not exist.
pub fn missing(path: &Path) -> Loaded {
    Loaded {
        path: path.to_path_buf(),
        config: Config::default(),
        problems: vec![Problem {
            line: 0,
            key: String::new(),
            kind: ProblemKind::Missing,
        }],
    }
}

/// Parses the text of a configuration file. `home` expands a leading `~/` in `cache` and
/// `export_dir`.
pub fn parse(text: &str, home: Option<&Path>) -> (Config, Vec<Problem>) {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    // Columns count characters from 1, as editors show them.
    let column_of = |offset: usize| {
        let before = text.get(..offset).unwrap_or(text);
        before[before.rfind('\n').map_or(0, |newline| newline + 1)..]
            .chars()
            .count()
            + 1
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(error) => {
            return (
                Config::default(),
                vec![Problem {
                    line: error.span().map_or(0, |span| line_of(span.start)),
                    key: String::new(),
                    kind: ProblemKind::Syntax {
                        message: error.message().trim().to_string(),
                        column: error.span().map(|span| column_of(span.start)),
                    },
                }],
            );
        }
    };
    let mut config = Config::default();
    let mut problems = Vec::new();
    let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue<'_>>)> = table.iter().collect();
    // Report in the order of the file, whatever the map's order.
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let name: &str = key.get_ref();
        let line = line_of(key.span().start);
        let bad = |expected: Expected| Problem {
            line,
            key: clean_truncated(name, 60),
            kind: ProblemKind::BadValue {
                expected,
                found: written(text, value),
            },
        };
        match name {
            "threshold" => match threshold_value(value.get_ref()) {
                Some(threshold) => config.threshold = Some(threshold),
                None => problems.push(bad(Expected::Threshold)),
            },
            "lang" => match value.get_ref().as_str() {
                Some("en") => config.lang = Some(Lang::En),
                Some("fr") => config.lang = Some(Lang::Fr),
                _ => problems.push(bad(Expected::Lang)),
            },
            "theme" => match value.get_ref().as_str().and_then(ThemeName::parse) {
                Some(theme) => config.theme = Some(theme),
                None => problems.push(bad(Expected::Theme)),
            },
            "mouse" => match value.get_ref() {
                DeValue::Boolean(mouse) => config.mouse = Some(*mouse),
                _ => problems.push(bad(Expected::Mouse)),
            },
            "cache" => match value
                .get_ref()
                .as_str()
                .filter(|path| !path.trim().is_empty())
            {
                Some(path) => config.cache = Some(expand_home(path, home)),
                None => problems.push(bad(Expected::Cache)),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(keys) => rebind_all(text, keys, &mut config.keymap, &mut problems),
                _ => problems.push(bad(Expected::KeysTable)),
            },
            "log_level" => match value
                .get_ref()
                .as_str()
                .and_then(|level| LOG_LEVELS.into_iter().find(|known| *known == level))
            {
                Some(level) => config.log_level = Some(level),
                None => problems.push(bad(Expected::LogLevel)),
            },
            "export_dir" => match value
                .get_ref()
                .as_str()
                .filter(|path| !path.trim().is_empty())
            {
                Some(path) => config.export_dir = Some(expand_home(path, home)),
                None => problems.push(bad(Expected::ExportDir)),
            },
            _ => problems.push(Problem {
                line,
                key: clean_truncated(name, 60),
                kind: ProblemKind::UnknownKey,
            }),
        }
    }
    (config, problems)
}

/// Applies each entry of the `[keys]` table, `action = "key"` or `action = ["key", "key"]`, in
/// the order of the file. A bad entry is reported and its action keeps its built-in keys.
fn rebind_all(text: &str, keys: &DeTable<'_>, keymap: &mut Keymap, problems: &mut Vec<Problem>) {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue<'_>>)> = keys.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let name: &str = key.get_ref();
        let problem = |kind| Problem {
            line: line_of(key.span().start),
            key: format!("keys.{}", clean_truncated(name, 60)),
            kind,
        };
        let written_keys: Option<Vec<&str>> = match value.get_ref() {
            DeValue::String(single) => Some(vec![single.as_ref()]),
            DeValue::Array(list) => list
                .iter()
                .map(|item| item.get_ref().as_str())
                .collect::<Option<Vec<&str>>>()
                .filter(|list| !list.is_empty()),
            _ => None,
        };
        let Some(written_keys) = written_keys else {
            problems.push(problem(ProblemKind::BadValue {
                expected: Expected::Key,
                found: written(text, value),
            }));
            continue;
        };
        match keymap.rebind(name, &written_keys) {
            Ok(()) => {}
            Err(RebindError::InvalidKey(_)) => problems.push(problem(ProblemKind::BadValue {
                expected: Expected::Key,
                found: written(text, value),
            })),
            Err(error) => problems.push(problem(ProblemKind::Rebind(error))),
        }
    }
}

/// Reads a threshold written as text (`"7B"`) or as a whole number of parameters.
fn threshold_value(value: &DeValue<'_>) -> Option<u64> {
    match value {
        DeValue::String(text) => parse_threshold(text).ok(),
        DeValue::Integer(integer) if integer.radix() == 10 => {
            parse_threshold(integer.as_str()).ok()
        }
        _ => None,
    }
}

/// Returns the value as written in the file, cleaned and cut, for the error message.
fn written(text: &str, value: &Spanned<DeValue<'_>>) -> String {
    let span = value.span();
    let raw = text.get(span.start..span.end).unwrap_or_default();
    clean_truncated(raw, 60)
}

fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

impl Expected {
    fn describe(self, lang: Lang) -> String {
        match self {
            Expected::Threshold => lang
                .pick(
                    "a number of parameters such as \"7B\", \"1.5B\" or \"500M\"",
                    "un nombre de paramètres comme \"7B\", \"1.5B\" ou \"500M\"",
                )
                .to_string(),
            Expected::Lang => lang
                .pick("\"en\" or \"fr\"", "\"en\" ou \"fr\"")
                .to_string(),
            Expected::Theme => {
                let names: Vec<String> = ThemeName::ALL
                    .iter()
                    .map(|name| format!("\"{}\"", name.as_str()))
                    .collect();
                format!(
                    "{} {}",
                    lang.pick("one of", "l'une des valeurs"),
                    names.join(", ")
                )
            }
            Expected::Cache => lang
                .pick(
                    "the path of a cache file, such as \"~/slmscope/hub.db\"",
                    "le chemin d'un fichier de cache, comme \"~/slmscope/hub.db\"",
                )
                .to_string(),
            Expected::ExportDir => lang
                .pick(
                    "the path of a folder, such as \"~/exports\"",
                    "le chemin d'un dossier, comme \"~/exports\"",
                )
                .to_string(),
            Expected::Mouse => lang.pick("true or false", "true ou false").to_string(),
            Expected::KeysTable => lang
                .pick(
                    "a table such as [keys] with lines like sort = \"o\"",
                    "une table comme [keys] avec des lignes comme sort = \"o\"",
                )
                .to_string(),
            Expected::Key => lang
                .pick(
                    "a key such as \"o\", \"Ctrl-o\", \"F5\" or \"PgDn\", or a list of keys",
                    "une touche comme \"o\", \"Ctrl-o\", \"F5\" ou \"PgDn\", ou une liste de touches",
                )
                .to_string(),
            Expected::LogLevel => {
                let levels: Vec<String> = LOG_LEVELS
                    .iter()
                    .map(|level| format!("\"{level}\""))
                    .collect();
                format!(
                    "{} {}",
                    lang.pick("one of", "l'une des valeurs"),
                    levels.join(", ")
                )
            }
        }
    }
}

impl Problem {
    /// The message printed for this mistake, naming the file, the line, the key, what was expected
    /// and what slmscope does instead.
    pub fn message(&self, path: &Path, lang: Lang) -> String {
        let file = clean_truncated(&path.display().to_string(), 200);
        let column = match &self.kind {
            ProblemKind::Syntax { column, .. } => *column,
            _ => None,
        };
        let place = match (self.line, column, lang) {
            (0, _, _) => file,
            (line, None, Lang::En) => format!("{file}, line {line}"),
            (line, None, Lang::Fr) => format!("{file}, ligne {line}"),
            (line, Some(column), Lang::En) => format!("{file}, line {line}, column {column}"),
            (line, Some(column), Lang::Fr) => format!("{file}, ligne {line}, colonne {column}"),
        };
        let separator = lang.pick(": ", " : ");
        let detail = match &self.kind {
            ProblemKind::Missing => lang
                .pick(
                    "no such file; check the path given to --config; slmscope starts with its defaults",
                    "fichier introuvable ; vérifiez le chemin donné à --config ; slmscope démarre avec ses valeurs par défaut",
                )
                .to_string(),
            ProblemKind::Unreadable(reason) => {
                let reason = reason.get(lang);
                match lang {
                    Lang::En => format!(
                        "cannot be read ({reason}); slmscope starts with its defaults"
                    ),
                    Lang::Fr => format!(
                        "illisible ({reason}) ; slmscope démarre avec ses valeurs par défaut"
                    ),
                }
            }
            ProblemKind::Syntax { message, .. } => {
                let reason = clean_truncated(&crate::i18n::toml_message(lang, message), 200);
                match lang {
                Lang::En => format!(
                    "not valid TOML ({reason}); the whole file is ignored and slmscope starts with its defaults"
                ),
                Lang::Fr => format!(
                    "TOML invalide ({reason}) ; le fichier entier est ignoré et slmscope démarre avec ses valeurs par défaut"
                ),
            }
            }
            ProblemKind::UnknownKey => {
                let keys = KEYS.join(", ");
                match lang {
                    Lang::En => format!(
                        "unknown key `{}`; the keys are {keys}; the line is ignored",
                        self.key
                    ),
                    Lang::Fr => format!(
                        "clé inconnue `{}` ; les clés sont {keys} ; la ligne est ignorée",
                        self.key
                    ),
                }
            }
            ProblemKind::Rebind(RebindError::Taken {
                key,
                other,
                context,
            }) => {
                let (key, other, context) =
                    (key.label(lang), other.get(lang), context.name_in_text(lang));
                match lang {
                    Lang::En => format!(
                        "key `{}`: {key} is already bound to \"{other}\" ({context}); choose another key; the built-in keys are kept",
                        self.key
                    ),
                    Lang::Fr => format!(
                        "clé `{}` : {key} sert déjà à « {other} » ({context}) ; choisissez une autre touche ; les touches d'origine restent",
                        self.key
                    ),
                }
            }
            ProblemKind::Rebind(_) => {
                let names: Vec<&str> = ACTION_NAMES.iter().map(|(name, _)| *name).collect();
                let names = names.join(", ");
                match lang {
                    Lang::En => format!(
                        "unknown action `{}`; the actions are {names}; the line is ignored",
                        self.key
                    ),
                    Lang::Fr => format!(
                        "action inconnue `{}` ; les actions sont {names} ; la ligne est ignorée",
                        self.key
                    ),
                }
            }
            ProblemKind::BadValue { expected, found } => match lang {
                Lang::En => format!(
                    "key `{}`: expected {}, found {found}; the default is used",
                    self.key,
                    expected.describe(lang)
                ),
                Lang::Fr => format!(
                    "clé `{}` : attendu {}, trouvé {found} ; la valeur par défaut s'applique",
                    self.key,
                    expected.describe(lang)
                ),
            },
        };
        format!("{}{separator}{place}{separator}{detail}", "configuration")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Config, Vec<Problem>) {
        parse(text, Some(Path::new("/home/ada")))
    }

    #[test]
    fn every_key_is_read() {
        let (config, problems) = parsed(
            "# defaults for the team\nthreshold = \"14B\"\nlang = \"fr\"\ntheme = \"high-contrast\"\nmouse = false\ncache = \"~/hub.db\"\nlog_level = \"debug\"\nexport_dir = \"~/exports\"\n[keys]\nsort = \"o\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let mut sorted_with_o = Keymap::default();
        sorted_with_o.rebind("sort", &["o"]).unwrap();
        assert_eq!(
            config,
            Config {
                threshold: Some(14_000_000_000),
                lang: Some(Lang::Fr),
                theme: Some(ThemeName::HighContrast),
                mouse: Some(false),
                cache: Some(PathBuf::from("/home/ada/hub.db")),
                log_level: Some("debug"),
                export_dir: Some(PathBuf::from("/home/ada/exports")),
                keymap: sorted_with_o,
            }
        );
    }

    #[test]
    fn an_integer_threshold_counts_parameters() {
        let (config, problems) = parsed("threshold = 7_000_000_000\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.threshold, Some(7_000_000_000));
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        assert_eq!(parsed(""), (Config::default(), Vec::new()));
    }

    #[test]
    fn bad_values_are_reported_and_good_ones_kept() {
        let (config, problems) = parsed(
            "lang = \"de\"\nthreshold = \"seven\"\ncache = \"/data/hub.db\"\nlog_level = 3\nmouse = \"yes\"\n",
        );
        assert_eq!(config.cache, Some(PathBuf::from("/data/hub.db")));
        assert_eq!(config.lang, None);
        assert_eq!(config.threshold, None);
        assert_eq!(config.log_level, None);
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|problem| (problem.line, problem.key.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, "lang"),
                (2, "threshold"),
                (4, "log_level"),
                (5, "mouse")
            ]
        );
        let message = problems[3].message(Path::new("config.toml"), Lang::En);
        assert!(
            message.ends_with(
                "key `mouse`: expected true or false, found \"yes\"; the default is used"
            ),
            "{message}"
        );
        let message = problems[1].message(Path::new("config.toml"), Lang::En);
        assert_eq!(
            message,
            "configuration: config.toml, line 2: key `threshold`: expected a number of parameters such as \"7B\", \"1.5B\" or \"500M\", found \"seven\"; the default is used"
        );
        let message = problems[0].message(Path::new("config.toml"), Lang::Fr);
        assert_eq!(
            message,
            "configuration : config.toml, ligne 1 : clé `lang` : attendu \"en\" ou \"fr\", trouvé \"de\" ; la valeur par défaut s'applique"
        );
    }

    #[test]
    fn unknown_keys_and_tables_are_named() {
        let (config, problems) =
            parsed("colour = \"dark\"\n\n[colours]\nquit = \"x\"\nlang = \"en\"\n");
        // `lang` under `[colours]` belongs to the table, not to the top level.
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[0].key.as_str()), (1, "colour"));
        assert_eq!((problems[1].line, problems[1].key.as_str()), (3, "colours"));
        let message = problems[0].message(Path::new("c.toml"), Lang::En);
        assert!(message.contains("unknown key `colour`"), "{message}");
        assert!(
            message.contains("threshold, lang, theme, mouse, cache, log_level, export_dir, keys"),
            "{message}"
        );
    }

    #[test]
    fn a_syntax_error_ignores_the_whole_file() {
        let (config, problems) = parsed("lang = \"fr\"\nthreshold = \n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(matches!(problems[0].kind, ProblemKind::Syntax { .. }));
        let message = problems[0].message(Path::new("c.toml"), Lang::Fr);
        assert!(message.contains("ligne 2, colonne 13"), "{message}");
        assert!(message.contains("doit être entre guillemets"), "{message}");
        assert!(!message.contains("expected"), "{message}");
        assert!(
            message.contains("le fichier entier est ignoré"),
            "{message}"
        );
        let message = problems[0].message(Path::new("c.toml"), Lang::En);
        assert!(message.contains("line 2, column 13"), "{message}");
        assert!(
            message.contains("string values must be quoted"),
            "{message}"
        );
    }

    #[test]
    fn hostile_values_are_cleaned_in_messages() {
        let (_, problems) = parsed("lang = \"\\u001b]52;c;QUJD\\u0007\"\n");
        let message = problems[0].message(Path::new("c.toml"), Lang::En);
        assert!(!message.contains('\u{1b}'), "{message:?}");
        assert!(!message.contains('\u{7}'), "{message:?}");
    }

    #[test]
    fn duplicate_keys_are_a_syntax_error() {
        let (config, problems) = parsed("lang = \"fr\"\nlang = \"en\"\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems[0].line, 2);
    }

    #[test]
    fn a_missing_file_is_no_mistake() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(load(&folder.path().join("config.toml")), None);
    }

    #[test]
    fn invalid_utf8_is_reported() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("config.toml");
        std::fs::write(&path, b"lang = \"\xff\"\n").unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.config, Config::default());
        assert!(matches!(
            loaded.problems[0].kind,
            ProblemKind::Unreadable(_)
        ));
        let message = loaded.problems[0].message(&path, Lang::Fr);
        assert!(
            message.contains("illisible (UTF-8 invalide à l'octet 8)"),
            "{message}"
        );
        let message = loaded.problems[0].message(&path, Lang::En);
        assert!(message.contains("invalid utf-8"), "{message}");
    }

    #[test]
    fn unreadable_file_in_french() {
        let folder = tempfile::tempdir().unwrap();
        let loaded = load(folder.path()).expect("a folder is not a missing file");
        let message = loaded.problems[0].message(folder.path(), Lang::Fr);
        assert!(message.contains("illisible (c'est un dossier"), "{message}");
        assert!(!message.contains("Is a directory"), "{message}");
    }

    #[test]
    fn keys_table_rebinds_and_reports_each_entry() {
        let text = "lang = \"fr\"\n[keys]\nsort = \"o\"\nquit = [\"q\", \"F10\"]\ndance = \"d\"\nreverse = 3\nview = \"q\"\n";
        let (config, problems) = parsed(text);
        assert_eq!(config.lang, Some(Lang::Fr), "the rest of the file applies");
        let mut expected = Keymap::default();
        expected.rebind("sort", &["o"]).unwrap();
        expected.rebind("quit", &["q", "F10"]).unwrap();
        assert_eq!(config.keymap, expected);

        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|problem| (problem.line, problem.key.as_str()))
            .collect();
        assert_eq!(
            lines,
            [(5, "keys.dance"), (6, "keys.reverse"), (7, "keys.view")]
        );
        let path = Path::new("c.toml");
        let unknown = problems[0].message(path, Lang::En);
        assert!(unknown.contains("unknown action `keys.dance`"), "{unknown}");
        assert!(unknown.contains("sort, reverse"), "{unknown}");
        let bad = problems[1].message(path, Lang::Fr);
        assert!(bad.contains("ligne 6"), "{bad}");
        assert!(bad.contains("\"Ctrl-o\""), "{bad}");
        assert!(bad.contains("trouvé 3"), "{bad}");
        let taken = problems[2].message(path, Lang::En);
        assert!(
            taken.contains("q is already bound to \"quit\" (Everywhere)"),
            "{taken}"
        );
        assert!(taken.contains("choose another key"), "{taken}");
        let taken = problems[2].message(path, Lang::Fr);
        assert!(taken.contains("« quitter » (partout)"), "{taken}");
    }

    #[test]
    fn keys_must_be_a_table() {
        let (config, problems) = parsed("keys = \"o\"\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        let message = problems[0].message(Path::new("c.toml"), Lang::En);
        assert!(
            message.contains("expected a table such as [keys]"),
            "{message}"
        );
    }
}
