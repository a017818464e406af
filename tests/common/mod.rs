//! Helpers shared by the integration tests: running the binary and finding recorded Hub data.

#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

/// Environment variable naming the folder of recorded Hub API responses and leaderboard files
/// (with `hub-api-2024-12/` and `leaderboards/` inside).
pub const DATA_VAR: &str = "SLMSCOPE_TEST_DATA";

/// The six recorded Hub API files, in the order the README imports them.
pub const HUB_FILES: [&str; 6] = [
    "list-a.json",
    "list-b.json",
    "list-c.json",
    "list-d.json",
    "full-a.json",
    "full-b.json",
];

/// The recorded Hub API folder. Returns `None` after printing why when the variable is unset,
/// and panics when it is set but the files are missing, so CI cannot skip silently.
pub fn recorded_hub_dir(test: &str) -> Option<PathBuf> {
    let Some(root) = std::env::var_os(DATA_VAR) else {
        eprintln!(
            "skipped {test}: {DATA_VAR} is not set, so the recorded Hub data is not available"
        );
        return None;
    };
    let dir = PathBuf::from(root).join("hub-api-2024-12");
    for file in HUB_FILES {
        assert!(
            dir.join(file).is_file(),
            "{DATA_VAR} is set but {} is missing",
            dir.join(file).display()
        );
    }
    Some(dir)
}

/// The slmscope binary with a private log file and an English locale.
pub fn slmscope(work: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_slmscope"));
    command
        .current_dir(work)
        .env("SLMSCOPE_LOG_FILE", work.join("slmscope.log"))
        // A configuration file in the work folder, which tests write when they need one; the
        // user's own file never reaches a test.
        .env("SLMSCOPE_CONFIG", work.join("config.toml"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env_remove("NO_COLOR");
    command
}

pub fn run(work: &Path, args: &[&str]) -> Output {
    slmscope(work).args(args).output().expect("slmscope runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Returns a line of the report's CSV without its trailing empty cells: every row is padded to
/// the header, whose last columns only the `benchmark` rows fill.
pub fn without_padding(line: &str) -> &str {
    line.trim_end_matches(',')
}

/// Imports the recorded files into `db` and asserts success.
/// Writes `json` (Hub API records) to a file in `work` and imports it into the new cache
/// `work/<db_name>`, which it returns.
pub fn import_json(work: &Path, db_name: &str, json: &str) -> PathBuf {
    let file = work.join(format!("{db_name}.json"));
    std::fs::write(&file, json).unwrap();
    let db = work.join(db_name);
    let output = run(
        work,
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    db
}

pub fn import_recorded(work: &Path, hub_dir: &Path, db: &Path) {
    let mut args: Vec<String> = vec!["import".into(), "--db".into(), db.display().to_string()];
    args.extend(
        HUB_FILES
            .iter()
            .map(|file| hub_dir.join(file).display().to_string()),
    );
    let output = slmscope(work).args(&args).output().expect("slmscope runs");
    assert!(
        output.status.success(),
        "import failed: {}",
        stderr(&output)
    );
}

/// A stable dump of a cache's models and tags, to check that a failed command changed nothing.
pub fn dump(db: &Path) -> String {
    let connection = rusqlite::Connection::open(db).expect("cache opens");
    let mut text = String::new();
    for query in [
        "SELECT id, downloads, likes, params_total, params_source FROM models ORDER BY id",
        "SELECT id, tags_known, coalesce(tags_json, '') FROM models ORDER BY id",
    ] {
        let mut statement = connection.prepare(query).expect("query prepares");
        let columns = statement.column_count();
        let mut rows = statement.query([]).expect("query runs");
        while let Some(row) = rows.next().expect("row reads") {
            for index in 0..columns {
                let value: rusqlite::types::Value = row.get(index).expect("value reads");
                text.push_str(&format!("{value:?}|"));
            }
            text.push('\n');
        }
    }
    text
}

/// A child process that is killed and waited for when the guard drops, so that a failed
/// assertion between spawning and waiting leaves neither a running process nor a zombie.
pub struct Reaped(pub Child);

impl Reaped {
    pub fn spawn(command: &mut Command) -> Reaped {
        Reaped(command.spawn().expect("slmscope starts"))
    }
}

impl Deref for Reaped {
    type Target = Child;

    fn deref(&self) -> &Child {
        &self.0
    }
}

impl DerefMut for Reaped {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        // Both fail harmlessly once the process has been waited for.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
