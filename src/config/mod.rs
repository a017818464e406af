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
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;

/// Environment variable naming the configuration file, which replaces the default location.
pub const CONFIG_VAR: &str = "SLMSCOPE_CONFIG";

/// The log levels `log_level` accepts, from the quietest.
pub const LOG_LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

/// Every key the file may hold.
pub const KEYS: [&str; 4] = ["threshold", "lang", "cache", "log_level"];

/// The settings a configuration file gives. `None` leaves the built-in default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Initial threshold of the terminal UI, in parameters.
    pub threshold: Option<u64>,
    /// Language of screens and messages, before the locale variables.
    pub lang: Option<Lang>,
    /// Cache used when `--db` is not given.
    pub cache: Option<PathBuf>,
    /// Log level when `SLMSCOPE_LOG` is unset.
    pub log_level: Option<&'static str>,
}

/// What is wrong with one entry of the file, or with the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `--config` names a file that does not exist.
    Missing,
    /// The file cannot be read.
    Unreadable(String),
    /// The text is not TOML; the parser's message follows.
    Syntax(String),
    /// A key slmscope does not know.
    UnknownKey,
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
    Cache,
    LogLevel,
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
                    kind: ProblemKind::Unreadable(error.to_string()),
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
                kind: ProblemKind::Unreadable(error.to_string()),
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

/// Parses the text of a configuration file. `home` expands a leading `~/` in `cache`.
pub fn parse(text: &str, home: Option<&Path>) -> (Config, Vec<Problem>) {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(error) => {
            return (
                Config::default(),
                vec![Problem {
                    line: error.span().map_or(0, |span| line_of(span.start)),
                    key: String::new(),
                    kind: ProblemKind::Syntax(clean_truncated(error.message().trim(), 200)),
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
            "cache" => match value
                .get_ref()
                .as_str()
                .filter(|path| !path.trim().is_empty())
            {
                Some(path) => config.cache = Some(expand_home(path, home)),
                None => problems.push(bad(Expected::Cache)),
            },
            "log_level" => match value
                .get_ref()
                .as_str()
                .and_then(|level| LOG_LEVELS.into_iter().find(|known| *known == level))
            {
                Some(level) => config.log_level = Some(level),
                None => problems.push(bad(Expected::LogLevel)),
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
            Expected::Cache => lang
                .pick(
                    "the path of a cache file, such as \"~/slmscope/hub.db\"",
                    "le chemin d'un fichier de cache, comme \"~/slmscope/hub.db\"",
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
        let place = if self.line == 0 {
            file
        } else {
            match lang {
                Lang::En => format!("{file}, line {}", self.line),
                Lang::Fr => format!("{file}, ligne {}", self.line),
            }
        };
        let separator = lang.pick(": ", " : ");
        let detail = match &self.kind {
            ProblemKind::Missing => lang
                .pick(
                    "no such file; check the path given to --config; slmscope starts with its defaults",
                    "fichier introuvable ; vérifiez le chemin donné à --config ; slmscope démarre avec ses valeurs par défaut",
                )
                .to_string(),
            ProblemKind::Unreadable(reason) => match lang {
                Lang::En => format!(
                    "cannot be read ({reason}); slmscope starts with its defaults"
                ),
                Lang::Fr => format!(
                    "illisible ({reason}) ; slmscope démarre avec ses valeurs par défaut"
                ),
            },
            ProblemKind::Syntax(reason) => match lang {
                Lang::En => format!(
                    "not valid TOML ({reason}); the whole file is ignored and slmscope starts with its defaults"
                ),
                Lang::Fr => format!(
                    "TOML invalide ({reason}) ; le fichier entier est ignoré et slmscope démarre avec ses valeurs par défaut"
                ),
            },
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
            "# defaults for the team\nthreshold = \"14B\"\nlang = \"fr\"\ncache = \"~/hub.db\"\nlog_level = \"debug\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config,
            Config {
                threshold: Some(14_000_000_000),
                lang: Some(Lang::Fr),
                cache: Some(PathBuf::from("/home/ada/hub.db")),
                log_level: Some("debug"),
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
            "lang = \"de\"\nthreshold = \"seven\"\ncache = \"/data/hub.db\"\nlog_level = 3\n",
        );
        assert_eq!(config.cache, Some(PathBuf::from("/data/hub.db")));
        assert_eq!(config.lang, None);
        assert_eq!(config.threshold, None);
        assert_eq!(config.log_level, None);
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|problem| (problem.line, problem.key.as_str()))
            .collect();
        assert_eq!(lines, vec![(1, "lang"), (2, "threshold"), (4, "log_level")]);
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
            parsed("theme = \"dark\"\n\n[keys]\nquit = \"x\"\nlang = \"en\"\n");
        // `lang` under `[keys]` belongs to the table, not to the top level.
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[0].key.as_str()), (1, "theme"));
        assert_eq!((problems[1].line, problems[1].key.as_str()), (3, "keys"));
        let message = problems[0].message(Path::new("c.toml"), Lang::En);
        assert!(message.contains("unknown key `theme`"), "{message}");
        assert!(
            message.contains("threshold, lang, cache, log_level"),
            "{message}"
        );
    }

    #[test]
    fn a_syntax_error_ignores_the_whole_file() {
        let (config, problems) = parsed("lang = \"fr\"\nthreshold = \n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(matches!(problems[0].kind, ProblemKind::Syntax(_)));
        let message = problems[0].message(Path::new("c.toml"), Lang::Fr);
        assert!(message.contains("ligne 2"), "{message}");
        assert!(
            message.contains("le fichier entier est ignoré"),
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
    }
}
