//! The filters the terminal UI remembers between runs: one JSON file, replaced atomically each
//! time the user changes the filters.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::filter::{Filter, FilterError};
use crate::i18n::Lang;
use crate::sanitize::clean;

/// Returns the file's path: `slmscope/filters.json` under the XDG state directory (`$XDG_STATE_HOME`, else
/// `~/.local/state` on Linux), beside the default log file.
pub fn default_path() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("slmscope")
        .join("filters.json")
}

/// A failure to use the saved filters.
#[derive(Debug)]
pub enum LoadError {
    Read(std::io::Error),
    Parse(serde_json::Error),
    /// Valid JSON, but not an object of criteria.
    NotObject,
    Invalid(FilterError),
}

impl LoadError {
    /// Returns the notice shown at start: the path, the cause and the fix.
    pub fn message(&self, path: &Path, lang: Lang) -> String {
        let path = path.display().to_string();
        let path = clean(&path);
        let cause = match self {
            LoadError::Read(error) => crate::i18n::io_error(lang, error),
            LoadError::Parse(error) if error.line() == 0 => match lang {
                Lang::En => format!("invalid value: {error}"),
                Lang::Fr => format!("valeur invalide : {}", crate::i18n::json_error(lang, error)),
            },
            LoadError::Parse(error) => match lang {
                Lang::En => format!(
                    "invalid JSON at line {}, column {}",
                    error.line(),
                    error.column()
                ),
                Lang::Fr => format!(
                    "JSON invalide ligne {}, colonne {}",
                    error.line(),
                    error.column()
                ),
            },
            LoadError::NotObject => lang
                .pick("not a JSON object", "pas un objet JSON")
                .to_string(),
            LoadError::Invalid(error) => error.message(lang),
        };
        match lang {
            Lang::En => format!(
                "filters not loaded from {path} ({cause}): fix or delete the file, or press f to replace it"
            ),
            Lang::Fr => format!(
                "filtres non chargés depuis {path} ({cause}) : corrigez ou supprimez ce fichier, ou f le remplace"
            ),
        }
    }
}

/// Reads the saved filters. A missing file is no error and gives `None`.
pub fn load(path: &Path) -> Result<Option<Filter>, LoadError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(LoadError::Read(error)),
    };
    // Only an object can contain filters, because serde would also read `[]` as the empty filter.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(LoadError::Parse)?;
    if !value.is_object() {
        return Err(LoadError::NotObject);
    }
    let filter: Filter = serde_json::from_value(value).map_err(LoadError::Parse)?;
    filter.validate().map_err(LoadError::Invalid)?;
    Ok(Some(filter))
}

/// Writes the filters to a temporary file beside `path`, then renames it over `path`, so a
/// crash leaves either the old file or the new one. Creates the folder when missing.
pub fn save(path: &Path, filter: &Filter) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(filter).map_err(std::io::Error::from)?;
    write_atomically(path, format!("{json}\n").as_bytes())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`. Creates the
/// folder when missing.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile_in(folder, path)?;
    let result = (|| {
        temporary.1.write_all(bytes)?;
        temporary.1.sync_all()?;
        std::fs::rename(&temporary.0, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary.0);
    }
    result
}

/// Creates a new file beside `path`, named after it and this process, that no one else opened.
fn tempfile_in(folder: &Path, path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".to_string());
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temporary)?;
    Ok((temporary, file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::UnknownSizes;

    #[test]
    fn save_then_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("filters.json");
        assert!(load(&path).unwrap().is_none(), "a missing file is no error");
        let filter = Filter {
            library: Some("transformers".to_string()),
            exclude_merged: true,
            unknown_sizes: UnknownSizes::Exclude,
            ..Filter::default()
        };
        save(&path, &filter).unwrap();
        assert_eq!(load(&path).unwrap(), Some(filter));
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec!["filters.json"], "no temporary file left");
    }

    #[test]
    fn bad_files_are_errors_naming_path_and_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("filters.json");
        std::fs::write(&path, "{not json").unwrap();
        let error = load(&path).unwrap_err();
        assert!(matches!(error, LoadError::Parse(_)), "{error:?}");
        let message = error.message(&path, Lang::En);
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("fix or delete the file"), "{message}");
        assert!(
            error
                .message(&path, Lang::Fr)
                .contains("corrigez ou supprimez")
        );

        std::fs::write(&path, r#"{"min_params": 7000000000, "max_params": 1000}"#).unwrap();
        assert!(matches!(load(&path), Err(LoadError::Invalid(_))));

        let folder = dir.path().join("folder.json");
        std::fs::create_dir(&folder).unwrap();
        assert!(matches!(load(&folder), Err(LoadError::Read(_))));
    }

    #[test]
    fn files_the_form_could_not_write_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("filters.json");
        for (text, expected) in [
            ("[]", "not a JSON object"),
            ("7", "not a JSON object"),
            (r#"{"author": ""}"#, "the author is empty"),
            (r#"{"task": "  "}"#, "the task is empty"),
            (r#"{"min_params": 0}"#, "invalid size \"0\""),
            (
                r#"{"max_params": 200000000000000}"#,
                "invalid size \"200000000000000\"",
            ),
            (r#"{"min_params": "seven"}"#, "invalid value"),
        ] {
            std::fs::write(&path, text).unwrap();
            let error = load(&path).unwrap_err();
            let message = error.message(&path, Lang::En);
            assert!(message.contains(expected), "{text}: {message}");
        }
        std::fs::write(&path, r#"{"author": "Qwen", "min_params": 1000000000}"#).unwrap();
        let filter = load(&path).unwrap().expect("a valid file loads");
        assert_eq!(filter.author.as_deref(), Some("Qwen"));
    }
}
