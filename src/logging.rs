//! Logging with tracing to a file, never to the terminal the TUI draws on.

use std::io::Write;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

use crate::i18n::Lang;

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

/// Replaces the panic hook: a panic appends its cause, place and backtrace to the log file at
/// `log_path`, then prints the cause and the log's path to stderr in `lang`. A failed write to
/// stdout is the exception: a closed pipe ends the process quietly with status 141, and any
/// other failure prints a plain error and ends it with status 1.
///
/// The log is written directly, not through `tracing`, because the non-blocking writer of
/// [`init`] may never flush once the process dies. The terminal UI wraps this hook in
/// ratatui's, which restores the terminal first, so the message appears on the normal screen.
pub fn install_panic_hook(log_path: PathBuf, lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        let cause = panic_cause(info);
        if is_closed_stdout(&cause) {
            // 141 is the status a shell reports for a process killed by SIGPIPE, the usual end
            // of a command whose reader stopped reading.
            std::process::exit(128 + 13);
        }
        if let Some(detail) = cause.strip_prefix(STDOUT_FAILURE) {
            // Any other failed write to stdout, such as a full disk behind a redirection, is
            // the user's environment and not a bug: it gets a plain error and status 1.
            let detail = crate::sanitize::clean_truncated(detail, 500);
            let _ = append_line(
                &log_path,
                &format!("ERROR writing to stdout failed: {detail}"),
            );
            eprintln!(
                "{}",
                lang.pick(
                    &format!("error: cannot write to standard output: {detail}"),
                    &format!("erreur : impossible d'écrire sur la sortie standard : {detail}"),
                )
            );
            std::process::exit(1);
        }
        let place = info
            .location()
            .map_or_else(|| "unknown place".to_string(), ToString::to_string);
        let logged = append_panic(&log_path, &cause, &place).is_ok();
        eprintln!("{}", panic_message(&cause, &place, &log_path, logged, lang));
    }));
}

/// Tells whether `cause` is the panic that `print!` raises when stdout is a pipe whose reader
/// has gone, as in `slmscope import FILE | head -1`. That is no crash: the rest of the output is no
/// longer wanted. Rust ignores SIGPIPE, so the write fails instead of ending the process.
fn is_closed_stdout(cause: &str) -> bool {
    cause.starts_with(STDOUT_FAILURE) && cause.contains("Broken pipe")
}

/// The start of the panic message of `print!` when writing to stdout fails (Rust 1.95).
const STDOUT_FAILURE: &str = "failed printing to stdout: ";

/// Returns the panic's message, or a placeholder when the payload is not a string.
fn panic_cause(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic without a message".to_string()
    }
}

/// Appends one timestamped line to the log file.
fn append_line(log_path: &Path, line: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)?;
    writeln!(file, "{} {line}", jiff::Timestamp::now())
}

/// Appends one panic, with the current thread's name and a backtrace, to the log file.
fn append_panic(log_path: &Path, cause: &str, place: &str) -> std::io::Result<()> {
    if let Some(directory) = log_path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(directory)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)?;
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    let backtrace = std::backtrace::Backtrace::force_capture();
    writeln!(
        file,
        "{} ERROR panic in thread {thread:?} at {place}: {cause}\n{backtrace}",
        jiff::Timestamp::now()
    )
}

/// Formats the message printed on a panic. The cause may quote untrusted data, so it is
/// cleaned of terminal controls.
fn panic_message(cause: &str, place: &str, log_path: &Path, logged: bool, lang: Lang) -> String {
    let cause = crate::sanitize::clean_truncated(cause, 500);
    let log = log_path.display();
    match (lang, logged) {
        (Lang::En, true) => format!(
            "slmscope stopped on an internal error: {cause} (at {place}). The log file {log} contains the details and a backtrace; please attach it to a bug report."
        ),
        (Lang::En, false) => format!(
            "slmscope stopped on an internal error: {cause} (at {place}). Writing it to the log file {log} failed as well."
        ),
        (Lang::Fr, true) => format!(
            "slmscope s'est arrêté sur une erreur interne : {cause} (à {place}). Le fichier journal {log} contient les détails et une trace d'appels ; joignez-le à un rapport de bogue."
        ),
        (Lang::Fr, false) => format!(
            "slmscope s'est arrêté sur une erreur interne : {cause} (à {place}). L'écrire dans le fichier journal {log} a échoué aussi."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_stdout_recognised() {
        assert!(is_closed_stdout(
            "failed printing to stdout: Broken pipe (os error 32)"
        ));
        assert!(!is_closed_stdout(
            "failed printing to stdout: No space left on device"
        ));
        assert!(!is_closed_stdout("index out of bounds"));
    }

    #[test]
    fn panic_message_names_cause_and_log() {
        let log = Path::new("/var/log/slmscope.log");
        for lang in [Lang::En, Lang::Fr] {
            let message = panic_message("boom\u{1b}[2J", "src/x.rs:1:2", log, true, lang);
            assert!(message.contains("boom"), "{message}");
            assert!(!message.contains('\u{1b}'), "{message:?}");
            assert!(message.contains("src/x.rs:1:2"), "{message}");
            assert!(message.contains("/var/log/slmscope.log"), "{message}");
        }
    }
}
