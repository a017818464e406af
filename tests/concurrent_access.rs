//! Readers of a cache while `slmscope sync` writes to it: the terminal UI's loader and
//! `slmscope report` keep working, with no "database is locked" error, and each read returns the
//! cache as it was after a whole page, never half of one. The cache uses WAL, so readers do not
//! wait for the writer, and a busy timeout covers the short locks that remain.

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;

use std::ops::ControlFlow;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Reaped, slmscope, stderr, stdout};
use mock_hub::MockHub;
use slmscope::i18n::Lang;

/// Models the mock lists: 12 pages of 1,000, the largest page size.
const MODELS: usize = 12_000;
const PAGE: usize = 1_000;
/// Delay of every mock response, so that the sync lasts long enough for several reads.
const PAGE_DELAY: Duration = Duration::from_millis(150);

/// Reads the model count from the first line of `slmscope report`, such as
/// "slmscope report: c.db, 12,000 models (…)".
fn reported_models(report: &str) -> usize {
    let first = report.lines().next().unwrap_or_default();
    let count = first
        .split(", ")
        .nth(1)
        .and_then(|part| part.split(' ').next())
        .unwrap_or_else(|| panic!("no model count in {first:?}"));
    count.replace(',', "").parse().unwrap()
}

/// Asserts that a count read during the sync is whole pages, and no fewer than the last read.
fn check_count(count: usize, last: &mut usize, reader: &str) {
    assert_eq!(count % PAGE, 0, "{reader} saw part of a page: {count}");
    assert!(
        count >= *last,
        "{reader} saw {count} models after {last}: older data after newer"
    );
    assert!(count <= MODELS, "{reader} saw {count} models");
    *last = count;
}

#[test]
fn readers_work_during_sync() {
    let (_runtime, hub) = MockHub::start_slow(MODELS as u64, PAGE_DELAY);
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("shared.db");
    let sync = |extra: &[&str]| {
        let mut command = slmscope(work.path());
        command
            .args(["sync", "--endpoint", &hub.url()])
            .arg("--db")
            .arg(&db)
            .args(extra)
            .env_remove("HF_TOKEN")
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1");
        command
    };

    // The first page creates the cache, so that the readers have something to open.
    let output = sync(&["--limit", "1000"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    let mut writer = Reaped::spawn(
        sync(&["--all", "--restart"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped()),
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut loader_last = 0;
    let mut report_last = 0;
    let mut reads_during_sync = 0;
    let status = loop {
        if let Some(status) = writer.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the sync did not end");

        // The terminal UI's loader, in this process.
        let data = slmscope::tui::load_app_data(&db, Lang::En, &mut |_| ControlFlow::Continue(()))
            .unwrap_or_else(|error| panic!("the loader failed during the sync: {error:#}"));
        check_count(data.index.len(), &mut loader_last, "the loader");

        // `slmscope report`, in another process.
        let output = slmscope(work.path())
            .arg("report")
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap();
        let message = stderr(&output);
        assert!(
            output.status.success(),
            "report failed during the sync: {message}"
        );
        assert!(!message.contains("locked"), "{message}");
        check_count(
            reported_models(&stdout(&output)),
            &mut report_last,
            "report",
        );
        reads_during_sync += 1;
    };
    let mut message = String::new();
    std::io::Read::read_to_string(&mut writer.stderr.take().unwrap(), &mut message).unwrap();
    assert!(status.success(), "the sync failed: {message}");
    assert!(!message.contains("locked"), "{message}");
    eprintln!(
        "{reads_during_sync} reads during the sync; the last saw {loader_last} and {report_last} models"
    );
    assert!(
        reads_during_sync >= 2,
        "too few reads overlapped the sync to test anything"
    );
    assert!(
        loader_last < MODELS || report_last < MODELS,
        "no read saw the cache before the sync's end"
    );

    let data =
        slmscope::tui::load_app_data(&db, Lang::En, &mut |_| ControlFlow::Continue(())).unwrap();
    assert_eq!(data.index.len(), MODELS);
    assert_eq!(reported_models(&read_report(work.path(), &db)), MODELS);
}

fn read_report(work: &Path, db: &Path) -> String {
    let output = slmscope(work)
        .arg("report")
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}
