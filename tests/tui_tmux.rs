//! The terminal UI in a real terminal: tmux runs slmscope at 80x24, the test sends keys and
//! reads the screen back with capture-pane.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{recorded_hub_dir, stderr};

/// A tmux server on a private socket, killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(work: &Path, db: &Path) -> Tmux {
        let socket = format!("slmscope-test-{}", std::process::id());
        let tmux = Tmux { socket };
        // The shell records slmscope's exit status, which tmux versions report differently.
        let command = format!(
            "SLMSCOPE_LOG_FILE={} SLMSCOPE_CONFIG={} LANG=C {} --db {}; echo $? > {}",
            work.join("tui.log").display(),
            work.join("config.toml").display(),
            env!("CARGO_BIN_EXE_slmscope"),
            db.display(),
            work.join("exit-status").display()
        );
        let output = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            "-s",
            "main",
            &command,
        ]);
        assert!(
            output.status.success(),
            "tmux new-session failed: {}",
            stderr(&output)
        );
        let output = tmux.run(&["set-option", "-t", "main", "remain-on-exit", "on"]);
        assert!(output.status.success(), "{}", stderr(&output));
        tmux
    }

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
        let output = self.run(&["capture-pane", "-p", "-t", "main"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        let output = self.run(&args);
        assert!(
            output.status.success(),
            "send-keys failed: {}",
            stderr(&output)
        );
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

    fn pane_dead(&self) -> bool {
        let output = self.run(&["display-message", "-p", "-t", "main", "#{pane_dead}"]);
        String::from_utf8_lossy(&output.stdout).trim() == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing in CI; .ci/run installs it before the tests"
        );
        eprintln!("skipped the real-terminal test: tmux is not installed (apt install tmux)");
    }
    found
}

/// A cache from the recorded snapshot when it is available, else from a small fixture.
fn cache(work: &Path) -> std::path::PathBuf {
    let db = work.join("tui.db");
    if let Some(hub_dir) = recorded_hub_dir("tui_in_tmux (falling back to a fixture)") {
        common::import_recorded(work, &hub_dir, &db);
        return db;
    }
    common::import_json(
        work,
        "tui.db",
        r#"[{"id":"a/tiny-125M","pipeline_tag":"text-generation","downloads":5},
            {"id":"b/big-70B","pipeline_tag":"text-generation","downloads":9},
            {"id":"c/bert-base","pipeline_tag":"fill-mask","downloads":7}]"#,
    )
}

#[test]
fn tui_in_tmux_moves_threshold_and_quits() {
    if !tmux_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let db = cache(work.path());
    let tmux = Tmux::start(work.path(), &db);

    // The loading screen comes first, and a frame can be captured while it is half written, so
    // wait for the last row of the tabs' first frame: the status bar.
    let first = tmux.wait_for("the first frame of the tabs", |screen| {
        screen.contains("Search")
            && screen
                .lines()
                .last()
                .is_some_and(|line| !line.trim().is_empty())
    });
    assert!(first.contains("Threshold"), "tabs missing:\n{first}");
    assert!(first.contains("7B"), "default threshold missing:\n{first}");

    tmux.keys(&["2"]);
    tmux.wait_for("the Threshold tab", |screen| {
        screen.contains("SLM") && screen.contains("LLM")
    });
    tmux.keys(&["Right"]);
    let moved = tmux.wait_for("the threshold to move to 8B", |screen| {
        screen.contains("8B")
    });
    assert!(moved.lines().count() <= 24);

    tmux.keys(&["3"]);
    tmux.wait_for("the Tasks tab", |screen| screen.contains("text-generation"));

    tmux.keys(&["?"]);
    tmux.wait_for("the help", |screen| screen.contains("Keys: Tasks"));
    // A key sent right after Escape can reach the program as Alt+key, so wait for the help to
    // close before quitting.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |screen| {
        !screen.contains("Keys: Tasks")
    });

    tmux.keys(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !tmux.pane_dead() {
        assert!(
            Instant::now() < deadline,
            "slmscope did not quit:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = fs::read_to_string(work.path().join("exit-status")).expect("exit status written");
    assert_eq!(status.trim(), "0", "exit status");
    let after = tmux.screen();
    assert!(
        !after.contains("Search"),
        "the alternate screen was not left:\n{after}"
    );
}
