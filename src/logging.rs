//! Logging with tracing to a file, never to the terminal the TUI draws on.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Environment variable with a tracing filter such as `debug` or `slmscope=trace`.
pub const LOG_LEVEL_VAR: &str = "SLMSCOPE_LOG";
/// Environment variable that overrides the log file path.
pub const LOG_FILE_VAR: &str = "SLMSCOPE_LOG_FILE";

/// The log file: `$SLMSCOPE_LOG_FILE`, else `slmscope/slmscope.log` under the XDG state
/// directory (`~/.local/state` on Linux), else under the system temporary directory.
pub fn default_log_path() -> PathBuf {
    if let Some(path) = std::env::var_os(LOG_FILE_VAR).filter(|value| !value.is_empty()) {
        return PathBuf::from(path);
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("slmscope")
        .join("slmscope.log")
}

/// Starts logging to `path` at the level of `$SLMSCOPE_LOG`, else `default_level` (from the
/// configuration file), else `info`. Returns the guard
/// that flushes the log when dropped, or `None` when the file cannot be opened, in which case
/// slmscope runs without a log rather than failing.
pub fn init(path: &Path, default_level: Option<&str>) -> Option<WorkerGuard> {
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())?;
    std::fs::create_dir_all(directory).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = EnvFilter::try_from_env(LOG_LEVEL_VAR)
        .unwrap_or_else(|_| EnvFilter::new(default_level.unwrap_or("info")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}
