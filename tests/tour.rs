//! `slmscope tour` from the command line: its help in English and French, the errors it stops
//! on before opening, and the presentation itself in a real terminal under tmux.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{run, stderr, stdout};

/// Imports three models into `tour.db`: a 3B SLM, a 70B LLM and a 10B LLM at 7B, created in
/// 2023 and 2024.
fn cache(work: &Path) -> std::path::PathBuf {
    common::import_json(
        work,
        "tour.db",
        r#"[
        {"id":"o/small","pipeline_tag":"text-generation","downloads":10,
         "createdAt":"2023-01-10T00:00:00.000Z","lastModified":"2025-02-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":3000000000},"total":3000000000}},
        {"id":"o/big","pipeline_tag":"text-generation","downloads":60,
         "createdAt":"2024-05-10T00:00:00.000Z","lastModified":"2025-02-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":70000000000},"total":70000000000}},
        {"id":"o/mid","pipeline_tag":"text-generation","downloads":30,
         "createdAt":"2024-06-10T00:00:00.000Z","lastModified":"2025-02-01T00:00:00.000Z",
         "safetensors":{"parameters":{"BF16":10000000000},"total":10000000000}}
    ]"#,
    )
}

#[test]
fn tour_help_in_english() {
    let work = tempfile::tempdir().unwrap();
    let output = run(work.path(), &["tour", "--help"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let help = stdout(&output);
    assert!(
        help.contains("Present the study's four questions"),
        "{help}"
    );
    assert!(help.contains("--threshold <VALUE>"), "{help}");
    assert!(help.contains("--theme <THEME>"), "{help}");
    assert!(help.contains("high-contrast"), "{help}");

    let output = run(work.path(), &["--help"]);
    assert!(stdout(&output).contains("tour"), "{}", stdout(&output));
}

#[test]
fn tour_help_in_french() {
    let work = tempfile::tempdir().unwrap();
    let output = run(work.path(), &["--lang", "fr", "tour", "--help"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let help = stdout(&output);
    assert!(help.contains("Présenter les quatre questions"), "{help}");
    assert!(help.contains("--theme <THÈME>"), "{help}");
    assert!(help.contains("--threshold <VALEUR>"), "{help}");
    assert!(help.contains("Utilisation"), "{help}");
    assert!(!help.contains("Usage:"), "{help}");
    assert!(!help.contains("[default"), "{help}");
}

#[test]
fn tour_needs_a_terminal() {
    let work = tempfile::tempdir().unwrap();
    let db = cache(work.path());
    for (lang, expected) in [
        ("en", "error: stdin or stdout is not a terminal"),
        (
            "fr",
            "erreur : l'entrée ou la sortie standard n'est pas un terminal",
        ),
    ] {
        let output = run(
            work.path(),
            &["--lang", lang, "tour", "--db", db.to_str().unwrap()],
        );
        assert_eq!(output.status.code(), Some(1), "{lang}");
        assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
    }
}

#[test]
fn explorer_needs_a_terminal_in_both_languages() {
    let work = tempfile::tempdir().unwrap();
    let db = cache(work.path());
    for (lang, expected) in [
        (
            "en",
            "error: stdin or stdout is not a terminal: the explorer needs an interactive terminal, so run it without pipes or redirection",
        ),
        (
            "fr",
            "erreur : l'entrée ou la sortie standard n'est pas un terminal : l'explorateur demande un terminal interactif, lancez-le donc sans tube ni redirection",
        ),
    ] {
        let output = run(work.path(), &["--lang", lang, "--db", db.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{lang}");
        assert_eq!(stderr(&output).trim_end(), expected);
    }
}

#[test]
fn tour_rejects_bad_options() {
    let work = tempfile::tempdir().unwrap();
    let db = cache(work.path());
    let db = db.to_str().unwrap();

    let output = run(work.path(), &["tour", "--db", db, "--theme", "neon"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("neon"), "{message}");
    assert!(message.contains("high-contrast"), "{message}");

    let output = run(work.path(), &["tour", "--db", db, "--threshold", "7x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--threshold"),
        "{}",
        stderr(&output)
    );

    let missing = work.path().join("missing.db");
    let output = run(work.path(), &["tour", "--db", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("missing.db"),
        "{}",
        stderr(&output)
    );
    assert!(!missing.exists(), "the tour never creates a cache");
}

/// A tmux server on a private socket, killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        stdout(&self.run(&["capture-pane", "-p", "-t", "tour"]))
    }

    fn key(&self, key: &str) {
        let output = self.run(&["send-keys", "-t", "tour", key]);
        assert!(output.status.success(), "{}", stderr(&output));
    }

    /// Polls the screen until `predicate` holds, failing with the last screen after 10 s.
    fn wait_for(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if predicate(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn tour_in_tmux_steps_and_leaves() {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing in CI; .ci/run installs it before the tests"
        );
        eprintln!(
            "skipped tour_in_tmux_steps_and_leaves: tmux is not installed (apt install tmux)"
        );
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let db = cache(work.path());
    let tmux = Tmux {
        socket: format!("slmscope-tour-test-{}", std::process::id()),
    };
    let command = format!(
        "SLMSCOPE_LOG_FILE={} SLMSCOPE_CONFIG={} LANG=C {} tour --db {}; echo $? > {}",
        work.path().join("tour.log").display(),
        work.path().join("config.toml").display(),
        env!("CARGO_BIN_EXE_slmscope"),
        db.display(),
        work.path().join("exit-status").display()
    );
    let output = tmux.run(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        "tour",
        &command,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = tmux.run(&["set-option", "-t", "tour", "remain-on-exit", "on"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let first = tmux.wait_for("step 1", |screen| screen.contains(" 1/4 "));
    assert!(
        first.contains("At 7B, 33% of models of known size are SLMs."),
        "{first}"
    );
    tmux.key("+");
    let raised = tmux.wait_for("the caption at 8B", |screen| screen.contains("At 8B"));
    assert!(raised.contains("At 8B, 33%"), "{raised}");
    tmux.key("+");
    tmux.wait_for("the caption at 13B", |screen| {
        screen.contains("At 13B, 67% of models")
    });

    tmux.key("Right");
    let benchmarks = tmux.wait_for("step 2", |screen| screen.contains(" 2/4 "));
    assert!(
        benchmarks.contains("Can an SLM match an LLM"),
        "{benchmarks}"
    );
    tmux.key("4");
    let trends = tmux.wait_for("step 4", |screen| screen.contains(" 4/4 "));
    assert!(
        trends.contains(
            "SLMs (under 13B) among new models of known size: 100% in 2023, then 50% in 2024."
        ),
        "{trends}"
    );
    tmux.key("Space");
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.screen().contains(" 4/4 "), "the last step stays");

    tmux.key("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status_file = work.path().join("exit-status");
    while !status_file.exists() {
        assert!(
            Instant::now() < deadline,
            "the tour did not leave:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let status = fs::read_to_string(&status_file).unwrap();
    assert_eq!(status.trim(), "0", "exit status");
    assert!(
        !tmux.screen().contains(" 4/4 "),
        "the alternate screen was left"
    );
}
