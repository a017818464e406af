//! A cache that cannot grow or cannot be written. `slmscope import` and `slmscope sync` fail
//! with an error that names the cache and the fix, in English and French, and leave the cache
//! as it was. `report` and `models` still read a cache they cannot write.
//!
//! A full disk is simulated with SQLite's `max_page_count`, set through the hidden
//! `SLMSCOPE_CACHE_MAX_PAGES` setting: a write past the cap fails with SQLITE_FULL, the code a
//! full disk gives. Root ignores file permissions, so as root the read-only cases run slmscope
//! as the unprivileged user `nobody` through `setpriv` (util-linux).

#![cfg(unix)]

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{dump, slmscope, stderr, stdout};
use mock_hub::{MockConfig, MockData, MockHub};
use slmscope::cache::MAX_PAGES_VAR;

/// The user id and group id of `nobody` on Debian and most Linux systems.
const NOBODY: &str = "65534";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Writes `count` synthetic Hub records with `seed` to a JSON Lines file in `work`.
fn synth(work: &Path, count: u64, seed: u64) -> PathBuf {
    let file = work.join(format!("records-{seed}.jsonl"));
    let output = slmscope(work)
        .args(["synth", "--models", &count.to_string(), "--seed"])
        .arg(seed.to_string())
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    file
}

/// Imports `file` into `db` and asserts success.
fn import(work: &Path, db: &Path, file: &Path) {
    let output = slmscope(work)
        .arg("import")
        .arg("--db")
        .arg(db)
        .arg(file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Returns SQLite's integrity check of `db` and its number of `imports` rows.
fn integrity_and_imports(db: &Path) -> (String, i64) {
    let connection = rusqlite::Connection::open(db).unwrap();
    let integrity = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    let imports = connection
        .query_row("SELECT count(*) FROM imports", [], |row| row.get(0))
        .unwrap();
    (integrity, imports)
}

/// Asserts that a failed write names the cache, reports the full disk and gives the fix.
fn assert_disk_full(output: &Output, db: &Path, french: bool) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let message = stderr(output);
    assert!(message.contains(db.to_str().unwrap()), "{message}");
    if french {
        assert!(
            message.contains("le disque qui le contient est plein"),
            "{message}"
        );
        assert!(message.contains("Libérez de la place"), "{message}");
    } else {
        assert!(
            message.contains("the disk that holds it is full"),
            "{message}"
        );
        assert!(message.contains("Free space on that disk"), "{message}");
    }
    assert!(message.contains("--db"), "{message}");
    assert!(!message.contains("internal error"), "{message}");
}

#[test]
fn full_disk_import_rolls_back() {
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("full.db");
    import(work.path(), &db, &synth(work.path(), 20, 1));
    let before = dump(&db);
    let (_, imports_before) = integrity_and_imports(&db);
    let larger = synth(work.path(), 2_000, 2);

    for (lang, french) in [("en", false), ("fr", true)] {
        let output = slmscope(work.path())
            .args(["--lang", lang, "import", "--db"])
            .arg(&db)
            .arg(&larger)
            .env(MAX_PAGES_VAR, "1")
            .output()
            .unwrap();
        assert_disk_full(&output, &db, french);
        let (integrity, imports) = integrity_and_imports(&db);
        assert_eq!(integrity, "ok");
        assert_eq!(imports, imports_before, "no imports row for a failed file");
        assert_eq!(dump(&db), before, "no model of a failed file is stored");
    }

    // Without the cap the same file imports, so the failure came from the full cache.
    import(work.path(), &db, &larger);
    let (_, imports) = integrity_and_imports(&db);
    assert_eq!(imports, imports_before + 1);
}

#[test]
fn full_disk_sync_keeps_whole_pages() {
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(3_000),
            MockConfig::default(),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("full.db");
    import(work.path(), &db, &synth(work.path(), 20, 1));
    let before = dump(&db);

    for (lang, french) in [("en", false), ("fr", true)] {
        let output = slmscope(work.path())
            .args(["--lang", lang, "sync", "--all", "--endpoint", &hub.url()])
            .arg("--db")
            .arg(&db)
            .env_remove("HF_TOKEN")
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
            .env(MAX_PAGES_VAR, "1")
            .output()
            .unwrap();
        assert_disk_full(&output, &db, french);
        let (integrity, _) = integrity_and_imports(&db);
        assert_eq!(integrity, "ok");
        assert_eq!(dump(&db), before, "no model of the failed page is stored");
    }
}

/// Returns true when this process runs as root, which ignores file permissions.
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A folder with a cache that slmscope cannot write: either the file alone or the file and its
/// folder are read-only to the user that runs slmscope.
struct ReadOnlyCache {
    work: tempfile::TempDir,
    folder: PathBuf,
    db: PathBuf,
    /// True when slmscope runs as `nobody` because the test runs as root.
    unprivileged: bool,
}

impl ReadOnlyCache {
    /// Creates the cache with 20 models, then makes it read-only. Returns `None` after printing
    /// why when, as root, no unprivileged user can be run.
    fn new(folder_writable: bool) -> Option<ReadOnlyCache> {
        let unprivileged = running_as_root();
        if unprivileged && Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!(
                "skipped the read-only cache test: it runs as root, which ignores file permissions, and setpriv (util-linux) is not installed to run slmscope as nobody"
            );
            return None;
        }
        let work = tempfile::tempdir().unwrap();
        let folder = work.path().join("caches");
        fs::create_dir(&folder).unwrap();
        let db = folder.join("cache.db");
        import(work.path(), &db, &synth(work.path(), 20, 1));
        for suffix in ["-wal", "-shm"] {
            let mut beside = db.as_os_str().to_owned();
            beside.push(suffix);
            assert!(
                !Path::new(&beside).exists(),
                "{suffix} left after a clean close"
            );
        }

        let set_mode = |path: &Path, mode: u32| {
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
        };
        // `nobody` must reach the binary, the records and the log in the work folder.
        set_mode(work.path(), 0o777);
        if unprivileged {
            // The files belong to root, so 0o644 and 0o755 are read-only to nobody.
            set_mode(&folder, if folder_writable { 0o777 } else { 0o755 });
        } else {
            set_mode(&db, 0o444);
            if !folder_writable {
                set_mode(&folder, 0o555);
            }
        }
        Some(ReadOnlyCache {
            work,
            folder,
            db,
            unprivileged,
        })
    }

    /// slmscope in the work folder, as `nobody` when the test runs as root.
    fn command(&self, args: &[&str]) -> Command {
        let work = self.work.path();
        let mut command = if self.unprivileged {
            let mut command = Command::new("setpriv");
            command
                .args(["--reuid", NOBODY, "--regid", NOBODY, "--clear-groups", "--"])
                .arg(env!("CARGO_BIN_EXE_slmscope"));
            command
        } else {
            Command::new(env!("CARGO_BIN_EXE_slmscope"))
        };
        command
            .current_dir(work)
            .env("SLMSCOPE_LOG_FILE", work.join("slmscope.log"))
            .env("SLMSCOPE_CONFIG", work.join("config.toml"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .env_remove("HF_TOKEN")
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
            .args(args);
        command
    }
}

impl Drop for ReadOnlyCache {
    fn drop(&mut self) {
        // Restores write permission so that the temporary folder can be removed.
        let _ = fs::set_permissions(&self.folder, fs::Permissions::from_mode(0o755));
        let _ = fs::set_permissions(&self.db, fs::Permissions::from_mode(0o644));
    }
}

/// Asserts that a write to a read-only cache failed with the error that names it and the fix.
fn assert_read_only(output: &Output, db: &str, french: bool) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let message = stderr(output);
    assert!(message.contains(db), "{message}");
    if french {
        assert!(message.contains("ne peut pas être écrit"), "{message}");
        assert!(message.contains("chmod u+w"), "{message}");
    } else {
        assert!(message.contains("cannot be written"), "{message}");
        assert!(message.contains("chmod u+w"), "{message}");
    }
    assert!(message.contains("--db"), "{message}");
}

fn check_read_only_cache(folder_writable: bool) {
    let Some(cache) = ReadOnlyCache::new(folder_writable) else {
        return;
    };
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(50),
            MockConfig::default(),
        ))
        .unwrap();
    let db = "caches/cache.db";
    let before = dump(&cache.db);
    let records = synth(cache.work.path(), 30, 4);
    let records = records.to_str().unwrap();

    for (lang, french) in [("en", false), ("fr", true)] {
        let output = cache
            .command(&["--lang", lang, "import", "--db", db, records])
            .output()
            .unwrap();
        assert_read_only(&output, db, french);
        let output = cache
            .command(&["--lang", lang, "sync", "--db", db, "--endpoint", &hub.url()])
            .output()
            .unwrap();
        assert_read_only(&output, db, french);
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = cache.db.clone().into_os_string();
        side.push(suffix);
        let side = std::path::PathBuf::from(side);
        assert!(!side.exists(), "the refused writes left {}", side.display());
    }
    assert_eq!(dump(&cache.db), before, "the read-only cache changed");

    let output = cache.command(&["report", "--db", db]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("20 models"), "{}", stdout(&output));
    let output = cache
        .command(&["models", "--db", db, "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 21, "{}", stdout(&output));
}

#[test]
fn read_only_cache_and_folder() {
    check_read_only_cache(false);
}

#[test]
fn read_only_cache_in_writable_folder() {
    check_read_only_cache(true);
}
