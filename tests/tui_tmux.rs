//! The terminal UI in a real terminal: tmux runs slmscope at 80x24, the test sends keys and
//! reads the screen back with capture-pane.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{recorded_hub_dir, stderr};

/// Counts the tmux servers this process started, so that each test gets its own socket.
static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// The shell prompt of [`Tmux::start_shell`], without the space after it, which capture-pane
/// trims at the end of a line.
const PROMPT: &str = "ready>";
/// The pane title set before slmscope starts, which no record may change.
const TITLE: &str = "slmscope-title-check";

/// Builds the command line that runs slmscope on `db` with a private log and configuration, in
/// English, with `env` (such as `NAME=value `) before it.
fn slmscope_command(work: &Path, db: &Path, env: &str) -> String {
    format!(
        "env {env}SLMSCOPE_LOG_FILE={} SLMSCOPE_CONFIG={} LANG=C {} --db {}",
        work.join("tui.log").display(),
        work.join("config.toml").display(),
        env!("CARGO_BIN_EXE_slmscope"),
        db.display()
    )
}

/// A tmux server on a private socket, killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts a tmux server on a private socket with one 80x24 window running `command`.
    fn start_command(command: &str) -> Tmux {
        let socket = format!(
            "slmscope-test-{}-{}",
            std::process::id(),
            SERVERS.fetch_add(1, Ordering::SeqCst)
        );
        let tmux = Tmux { socket };
        let output = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            "-s",
            "main",
            command,
        ]);
        assert!(
            output.status.success(),
            "tmux new-session failed: {}",
            stderr(&output)
        );
        tmux
    }

    /// Runs slmscope on `db` as the window's command.
    fn start(work: &Path, db: &Path) -> Tmux {
        // The shell records slmscope's exit status, which tmux versions report differently.
        let command = format!(
            "{}; echo $? > {}",
            slmscope_command(work, db, ""),
            work.join("exit-status").display()
        );
        let tmux = Tmux::start_command(&command);
        let output = tmux.run(&["set-option", "-t", "main", "remain-on-exit", "on"]);
        assert!(output.status.success(), "{}", stderr(&output));
        tmux
    }

    /// Starts an interactive shell with the prompt [`PROMPT`], a known pane title, and OSC 52
    /// clipboard writes accepted into tmux's paste buffers, so that a test can see whether
    /// a program changed the title or the clipboard.
    fn start_shell() -> Tmux {
        let tmux = Tmux::start_command(&format!("PS1='{PROMPT} ' sh"));
        for args in [
            ["set-option", "-g", "set-clipboard", "on"].as_slice(),
            &["select-pane", "-t", "main", "-T", TITLE],
        ] {
            let output = tmux.run(args);
            assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        }
        tmux.wait_for("the shell prompt", |screen| screen.contains(PROMPT));
        tmux
    }

    /// Types `line` and Enter into the shell.
    fn type_line(&self, line: &str) {
        self.keys(&["-l", line]);
        self.keys(&["Enter"]);
    }

    /// Returns a tmux format, such as `#{pane_title}`, for the window's pane.
    fn format(&self, format: &str) -> String {
        let output = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_string()
    }

    /// Returns the screen with its colours and attributes as escape sequences.
    fn screen_with_escapes(&self) -> String {
        let output = self.run(&["capture-pane", "-p", "-e", "-t", "main"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Returns tmux's paste buffers, one line each, which OSC 52 writes fill.
    fn buffers(&self) -> String {
        let output = self.run(&["list-buffers"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
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
        // tmux 3.3 leaves the socket file behind when its server is killed.
        let socket = self.format("#{socket_path}");
        let _ = self.run(&["kill-server"]);
        if !socket.is_empty() {
            let _ = fs::remove_file(socket);
        }
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

const ESC: &str = "\u{1b}";

/// Builds Hub records whose strings contain terminal controls. They are OSC title sets ended by
/// BEL and by ST, an OSC 52 clipboard write, an OSC 8 link, CSI colour changes, clear screen
/// and cursor moves, a C1 CSI, bidirectional controls and zero-width characters. One id is
/// 5,000 characters long. Each id stays readable once cleaned, as `evil/<name>-model`.
fn hostile_records() -> String {
    let title_bel = format!("{ESC}]0;PWNED-TITLE\u{7}");
    let title_st = format!("{ESC}]2;PWNED-TITLE{ESC}\\");
    // Colour 201, a magenta that no slmscope theme uses, as foreground and background.
    let colour = format!("{ESC}[38;5;201m{ESC}[48;5;201m");
    let clear = format!("{ESC}[2J{ESC}[H{ESC}[10;10H");
    // "UFdORUQtQ0xJUA==" is "PWNED-CLIP" in base64.
    let clipboard = format!("{ESC}]52;c;UFdORUQtQ0xJUA==\u{7}");
    let link = format!("{ESC}]8;;https://pwned.invalid/{ESC}\\");
    let link_end = format!("{ESC}]8;;{ESC}\\");
    let bidi = "\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
    let zero_width = "\u{200b}\u{feff}";

    let ids = [
        format!("evil/{title_bel}title-model"),
        format!("evil/{title_st}st-model"),
        format!("evil/{colour}colour-model{ESC}[0m"),
        format!("evil/{clear}clear-model"),
        format!("evil/{clipboard}clip-model"),
        format!("evil/{link}link-model{link_end}"),
        format!("evil/{bidi}bidi-model"),
        format!("evil/zero{zero_width}width-model"),
        "evil/\u{9b}31mc1-model".to_string(),
        format!("evil/long-{}-end", "L".repeat(5_000)),
    ];

    let sizes = [
        1_000_000_000u64,
        3_000_000_000,
        8_000_000_000,
        70_000_000_000,
    ];
    let records: Vec<serde_json::Value> = ids
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let task = if index % 3 == 0 {
                format!("evil-task{title_bel}{bidi}")
            } else {
                "text-generation".to_string()
            };
            serde_json::json!({
                "id": id,
                "author": format!("evil{title_bel}"),
                "downloads": 1000 - index,
                "likes": index,
                "pipeline_tag": task,
                "library_name": format!("transformers{colour}"),
                "createdAt": format!("2024-0{}-01T00:00:00.000Z", 1 + index % 9),
                "lastModified": "2024-10-01T00:00:00.000Z",
                "tags": [
                    format!("chat{title_st}"),
                    format!("license:mit{clear}"),
                    format!("en{bidi}"),
                    format!("base_model:finetune:evil/{clipboard}base"),
                    format!("{link}linked-tag{link_end}"),
                    format!("region:{zero_width}us"),
                ],
                "safetensors": {"total": sizes[index % 4], "parameters": {"BF16": sizes[index % 4]}},
                "config": {"architectures": [format!("Evil{colour}ForCausalLM{title_bel}")]},
                "model-index": [{"name": format!("evil{title_bel}"), "results": [{
                    "task": {"type": format!("text-generation{colour}")},
                    "dataset": {"name": format!("EvilBench{title_st}{colour}{bidi}"),
                                "type": format!("evil/bench{clipboard}")},
                    "metrics": [{"type": format!("acc{clear}"), "value": 40.0 + index as f64}]
                }]}]
            })
        })
        .collect();
    serde_json::to_string(&records).unwrap()
}

/// Asserts that nothing the records contain took effect on the screen of `view`. The pane
/// title and the paste buffers are unchanged, and no foreign colour or invisible control is on
/// screen. The layout keeps its tab bar, status bar and 80 columns.
fn assert_untouched(tmux: &Tmux, view: &str) {
    assert_eq!(
        tmux.format("#{pane_title}"),
        TITLE,
        "title changed in {view}"
    );
    assert_eq!(tmux.buffers(), "", "clipboard written in {view}");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "alternate screen left in {view}"
    );

    let coloured = tmux.screen_with_escapes();
    for foreign in ["5;201", "5:201"] {
        assert!(
            !coloured.contains(foreign),
            "colour 201 from a record in {view}:\n{coloured}"
        );
    }

    let screen = tmux.screen();
    for (name, character) in [
        ("ESC", '\u{1b}'),
        ("BEL", '\u{7}'),
        ("U+202E", '\u{202e}'),
        ("U+2066", '\u{2066}'),
        ("U+2067", '\u{2067}'),
        ("U+2068", '\u{2068}'),
        ("U+2069", '\u{2069}'),
        ("U+200B", '\u{200b}'),
        ("U+FEFF", '\u{feff}'),
    ] {
        assert!(
            !screen.contains(character),
            "{name} on the screen of {view}:\n{screen}"
        );
    }
    assert!(
        !screen.contains("PWNED"),
        "an escape sequence's payload is shown in {view}:\n{screen}"
    );
    assert!(!screen.contains("-end"), "a long id was not cut in {view}");

    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 24, "rows in {view}:\n{screen}");
    for line in &lines {
        assert!(
            line.chars().count() <= 80,
            "a row wider than the pane in {view}: {line}"
        );
    }
    assert!(
        lines[0].contains("1 Search") && lines[0].contains("6 A/B"),
        "tab bar moved in {view}:\n{screen}"
    );
    assert!(
        lines[22].contains("Threshold 7B"),
        "status bar moved in {view}:\n{screen}"
    );
    assert!(
        !lines[23].trim().is_empty(),
        "key bar missing in {view}:\n{screen}"
    );
}

/// Checks that the shell works again: its prompt is on the normal screen, the cursor shows, the
/// mouse is released, and a typed command runs with the terminal in canonical mode with echo.
fn assert_shell_usable(tmux: &Tmux, after: &str) {
    tmux.wait_for(&format!("the prompt after {after}"), |screen| {
        screen.lines().any(|line| line.starts_with(PROMPT))
    });
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "alternate screen after {after}"
    );
    assert_eq!(
        tmux.format("#{cursor_flag}"),
        "1",
        "cursor hidden after {after}"
    );
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "mouse still captured after {after}"
    );
    tmux.type_line(
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo done-$((40+2))",
    );
    let screen = tmux.wait_for(&format!("a command after {after}"), |screen| {
        screen.contains("done-42")
    });
    assert!(
        screen.contains("icanon echo done-42"),
        "the terminal is not back in canonical mode with echo after {after}:\n{screen}"
    );
}

/// Tells whether the shell printed slmscope's exit status: a line that starts with `status=`,
/// unlike the typed command line that contains `echo status=`.
fn exit_status_shown(screen: &str) -> bool {
    screen.lines().any(|line| line.starts_with("status="))
}

/// Imports the hostile records into a new cache in `work`.
fn hostile_cache(work: &Path) -> std::path::PathBuf {
    common::import_json(work, "hostile.db", &hostile_records())
}

#[test]
fn hostile_records_take_no_effect() {
    if !tmux_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let db = hostile_cache(work.path());
    let tmux = Tmux::start_shell();

    // The same sequences printed by the shell do take effect, so the checks below can fail.
    tmux.type_line(
        r"printf '\033]2;control-title\007\033]52;c;Y29udHJvbA==\007\033[38;5;201mpink\033[0m\n'",
    );
    tmux.wait_for("the control output", |screen| screen.contains("\npink"));
    assert_eq!(tmux.format("#{pane_title}"), "control-title");
    assert!(tmux.buffers().contains("control"), "{}", tmux.buffers());
    assert!(tmux.screen_with_escapes().contains("38;5;201m"));
    for args in [
        ["select-pane", "-t", "main", "-T", TITLE].as_slice(),
        &["delete-buffer"],
    ] {
        let output = tmux.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
    tmux.type_line(&format!(
        "clear; {}",
        slmscope_command(work.path(), &db, "")
    ));

    let search = tmux.wait_for("the Search tab", |screen| {
        screen.contains("evil/title-model") && screen.contains("quit")
    });
    for id in [
        "evil/title-model",
        "evil/st-model",
        "evil/colour-model",
        "evil/clear-model",
        "evil/clip-model",
        "evil/link-model",
        "evil/bidi-model",
        "evil/zerowidth-model",
        "evil/c1-model",
    ] {
        assert!(search.contains(id), "{id} missing:\n{search}");
    }
    assert!(
        search
            .lines()
            .any(|line| line.contains("evil/long-LLLL") && line.contains('…')),
        "the long id is not cut with an ellipsis:\n{search}"
    );
    assert_untouched(&tmux, "Search");

    // Every view that shows a record's strings: its details, each tab, and the benchmark the
    // model cards report.
    // Each step waits for a screen that only the new view shows, because a key sent right
    // after Escape can reach the program as Alt+key.
    let step = |view: &str, keys: &[&str], shown: &dyn Fn(&str) -> bool| {
        tmux.keys(keys);
        tmux.wait_for(view, shown);
        assert_untouched(&tmux, view);
    };
    step("details", &["Enter"], &|screen| {
        screen.contains("count source") && screen.contains("Esc back")
    });
    step("details' tags", &["End"], &|screen| {
        screen.contains("Tags by kind")
    });
    step("Search again", &["Escape"], &|screen| {
        screen.contains("/ to search") && !screen.contains("Esc back")
    });
    step("Threshold", &["2"], &|screen| {
        screen.contains("SLM under 7B")
    });
    step("Tasks", &["3"], &|screen| {
        screen.contains("evil-task") && !screen.contains("SLM under 7B")
    });
    step("Benchmarks", &["4"], &|screen| {
        screen.contains("Smallest within")
    });
    step("benchmark chooser", &["/"], &|screen| {
        screen.contains("Benchmark sets")
    });
    step("benchmark search", &["-l", "EvilBench"], &|screen| {
        screen.contains("› EvilBench")
    });
    step("EvilBench", &["Enter"], &|screen| {
        screen.contains("EvilBench · acc") && !screen.contains("Benchmark sets")
    });
    step("benchmark details", &["Enter"], &|screen| {
        screen.contains("Esc back")
    });
    step("EvilBench again", &["Escape"], &|screen| {
        screen.contains("Smallest within") && !screen.contains("Esc back")
    });
    step("Trends", &["5"], &|screen| {
        screen.contains("SLM share per creation month")
    });
    step("A/B", &["6"], &|screen| screen.contains("change class"));

    tmux.keys(&["q"]);
    assert_shell_usable(&tmux, "quitting");
    assert_eq!(tmux.format("#{pane_title}"), TITLE);
    assert_eq!(tmux.buffers(), "");
}

#[test]
fn panic_restores_terminal() {
    if !tmux_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let db = hostile_cache(work.path());
    let tmux = Tmux::start_shell();
    tmux.type_line(&format!(
        "{}; echo status=$?",
        slmscope_command(work.path(), &db, "SLMSCOPE_PANIC_KEY=Z ")
    ));
    tmux.wait_for("the Search tab", |screen| {
        screen.contains("evil/title-model")
    });
    tmux.keys(&["2"]);
    tmux.wait_for("the Threshold tab", |screen| {
        screen.contains("SLM under 7B")
    });
    assert_eq!(tmux.format("#{alternate_on}"), "1");

    tmux.keys(&["Z"]);
    let screen = tmux.wait_for("the exit status", exit_status_shown);
    assert!(screen.contains("status=101"), "{screen}");
    assert!(
        screen.contains("slmscope stopped on an internal error: panic requested"),
        "{screen}"
    );
    assert!(
        !screen.contains("SLM under 7B"),
        "the explorer's screen is still shown:\n{screen}"
    );
    assert_shell_usable(&tmux, "a panic");
}

#[cfg(unix)]
#[test]
fn signals_restore_terminal() {
    if !tmux_available() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let db = hostile_cache(work.path());
    let pid_file = work.path().join("pid");
    let tmux = Tmux::start_shell();
    // The explorer, then the tour, which shares its loading screen.
    for (name, subcommand, shown, signal, status) in [
        (
            "SIGTERM",
            "",
            "evil/title-model",
            libc::SIGTERM,
            "status=143",
        ),
        ("SIGINT", "", "evil/title-model", libc::SIGINT, "status=130"),
        (
            "SIGTERM to the tour",
            " tour",
            "slmscope tour",
            libc::SIGTERM,
            "status=143",
        ),
    ] {
        // The command is typed once the screen is clear, because text typed ahead is echoed
        // before `clear` runs and then erased with it.
        tmux.type_line("clear");
        tmux.wait_for("a clear screen", |screen| screen.trim() == PROMPT);
        // `exec` keeps the process id that the inner shell writes.
        tmux.type_line(&format!(
            "sh -c 'echo $$ > {}; exec {}{subcommand}'; echo status=$?",
            pid_file.display(),
            slmscope_command(work.path(), &db, "")
        ));
        tmux.wait_for(&format!("the first screen before {name}"), |screen| {
            screen.contains(shown)
        });
        let pid: i32 = fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();

        // SAFETY: kill has no memory effects, and the process id is slmscope's, started above.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill failed");
        let screen = tmux.wait_for("the exit status", exit_status_shown);
        assert!(screen.contains(status), "{name}: {screen}");
        assert_shell_usable(&tmux, name);
    }
}

/// A cache that the explorer's user cannot write, in a folder it cannot write either, still opens.
/// Root ignores file permissions, so as root slmscope runs as `nobody` through `setpriv`
/// (util-linux), to which root's files with modes 0o644 and 0o755 are read-only.
#[cfg(unix)]
#[test]
fn read_only_cache_opens() {
    use std::os::unix::fs::PermissionsExt;

    if !tmux_available() {
        return;
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    if root && Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!(
            "skipped read_only_cache_opens: it runs as root, which ignores file permissions, and setpriv (util-linux) is not installed to run slmscope as nobody"
        );
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("caches");
    fs::create_dir(&folder).unwrap();
    let db = common::import_json(&folder, "hostile.db", &hostile_records());
    let set_mode = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    // The log and the exit status go to the work folder, which everyone can write.
    set_mode(work.path(), 0o777);
    if root {
        set_mode(&folder, 0o755);
    } else {
        set_mode(&db, 0o444);
        set_mode(&folder, 0o555);
    }
    let before = fs::read(&db).unwrap();

    let prefix = if root {
        "setpriv --reuid 65534 --regid 65534 --clear-groups -- "
    } else {
        ""
    };
    let command = format!(
        "{prefix}{}; echo $? > {}",
        slmscope_command(work.path(), &db, ""),
        work.path().join("exit-status").display()
    );
    let tmux = Tmux::start_command(&command);
    let output = tmux.run(&["set-option", "-t", "main", "remain-on-exit", "on"]);
    assert!(output.status.success(), "{}", stderr(&output));
    tmux.wait_for("the Search tab on the read-only cache", |screen| {
        screen.contains("evil/title-model") && screen.contains("10 models")
    });
    tmux.keys(&["2"]);
    tmux.wait_for("the Threshold tab", |screen| {
        screen.contains("SLM under 7B")
    });
    tmux.keys(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !tmux.pane_dead() {
        assert!(Instant::now() < deadline, "slmscope did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = fs::read_to_string(work.path().join("exit-status")).unwrap();
    assert_eq!(status.trim(), "0", "exit status");
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the read-only cache changed"
    );
    for suffix in ["-wal", "-shm"] {
        let mut beside = db.as_os_str().to_owned();
        beside.push(suffix);
        assert!(!Path::new(&beside).exists(), "{suffix} file created");
    }

    set_mode(&folder, 0o755);
    set_mode(&db, 0o644);
}
