//! The panic hook that `slmscope` installs at start: a panic writes its cause to the log file and
//! prints the cause and the log's path. The hook's cases panic in a child process (this test
//! binary, run again on the same test), because a panic hook is global to a process. The last
//! case runs the `slmscope` binary with its stdout closed.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use slmscope::i18n::Lang;
use slmscope::logging::install_panic_hook;

/// Tells the child process the log file to write and the language, as `LANG:PATH`.
const CHILD_VAR: &str = "SLMSCOPE_PANIC_TEST";

const CAUSE: &str = "cause of the test panic 7f3a";

/// Installs the hook in the child and panics, on a named spawned thread when `thread` is set,
/// like a panic in one of the terminal UI's worker threads.
fn panic_in_child(setting: &str, thread: bool) {
    let (lang, path) = setting.split_once(':').unwrap();
    let lang = if lang == "fr" { Lang::Fr } else { Lang::En };
    install_panic_hook(Path::new(path).to_path_buf(), lang);
    if thread {
        let _ = std::thread::Builder::new()
            .name("loader".into())
            .spawn(|| panic!("{CAUSE}"))
            .unwrap()
            .join();
    } else {
        panic!("{CAUSE}");
    }
}

fn run_child(test: &str, lang: &str, log: &Path) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_VAR, format!("{lang}:{}", log.display()))
        .output()
        .unwrap()
}

#[test]
fn panic_cause_reaches_log_and_stderr() {
    if let Ok(setting) = std::env::var(CHILD_VAR) {
        panic_in_child(&setting, false);
        return;
    }
    let work = tempfile::tempdir().unwrap();
    for (lang, words) in [("en", "The log file"), ("fr", "Le fichier journal")] {
        let log = work.path().join(format!("logs-{lang}/slmscope.log"));

        let output = run_child("panic_cause_reaches_log_and_stderr", lang, &log);

        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "the child must panic: {stderr}");
        assert!(stderr.contains(CAUSE), "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
        assert!(stderr.contains(&log.display().to_string()), "{stderr}");
        assert!(stderr.contains("tests/panic_hook.rs"), "{stderr}");
        let logged = std::fs::read_to_string(&log).unwrap();
        assert!(logged.contains(CAUSE), "{logged}");
        assert!(logged.contains("ERROR panic"), "{logged}");
        assert!(logged.contains("tests/panic_hook.rs"), "{logged}");
    }
}

#[test]
fn thread_panic_names_thread_in_log() {
    if let Ok(setting) = std::env::var(CHILD_VAR) {
        panic_in_child(&setting, true);
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let log = work.path().join("slmscope.log");

    let output = run_child("thread_panic_names_thread_in_log", "en", &log);

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(CAUSE), "{stderr}");
    assert!(stderr.contains(&log.display().to_string()), "{stderr}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("thread \"loader\""), "{logged}");
    assert!(logged.contains(CAUSE), "{logged}");
}

/// `slmscope import … | head` may close the pipe before slmscope has printed everything: the
/// command then ends quietly, as one killed by SIGPIPE, and logs no panic.
#[test]
fn closed_stdout_pipe_ends_quietly() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("records.json");
    std::fs::write(&file, r#"[{"id":"owner/model"}]"#).unwrap();

    let mut child = common::slmscope(work.path())
        .args(["import", "--db", "cache.db", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before slmscope prints its first line, after the import.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(141), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let log = std::fs::read_to_string(work.path().join("slmscope.log")).unwrap();
    assert!(!log.contains("panic"), "{log}");
}

/// `slmscope import … > file` on a full disk: the import is stored, and the summary that cannot
/// be printed ends the command with a plain error, not an internal error.
#[cfg(target_os = "linux")]
#[test]
fn full_stdout_is_a_plain_error() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("records.json");
    std::fs::write(&file, r#"[{"id":"owner/model"}]"#).unwrap();

    for (lang, words) in [
        ("en", "error: cannot write to standard output: "),
        (
            "fr",
            "erreur : impossible d'écrire sur la sortie standard : ",
        ),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = common::slmscope(work.path())
            .args(["--lang", lang, "import", "--db", "cache.db"])
            .arg(&file)
            .stdout(full)
            .output()
            .unwrap();

        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
        assert!(stderr.contains("os error 28"), "{stderr}");
        assert!(!stderr.contains("internal error"), "{stderr}");
        assert!(!stderr.contains("erreur interne"), "{stderr}");
    }
    let log = std::fs::read_to_string(work.path().join("slmscope.log")).unwrap();
    assert!(log.contains("writing to stdout failed"), "{log}");
    assert!(!log.contains("ERROR panic"), "{log}");
}
