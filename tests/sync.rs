//! `slmscope sync` against the local mock Hub: a full sync stores what an import of the same
//! files stores, an interrupted sync resumes to the same cache, and a wrong token stops at once
//! without leaking.

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{
    HUB_FILES, Reaped, dump, import_recorded, recorded_hub_dir, slmscope, stderr, stdout,
};
use mock_hub::{MockConfig, MockData, MockHub};
use slmscope::cache::{Cache, OpenMode};
use slmscope::hub::client::{ClientConfig, Endpoint, HubClient, ListQuery, ManualSleeper};
use slmscope::sync::{self, SyncOutcome, SyncRequest};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// `slmscope sync --db DB --endpoint ENDPOINT` with no token from the environment.
fn sync_command(work: &Path, db: &str, endpoint: &str) -> std::process::Command {
    let mut command = slmscope(work);
    command
        .args(["sync", "--db", db, "--endpoint", endpoint])
        .env_remove("HF_TOKEN")
        .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1");
    command
}

/// Lists every model's id, parameter count, source, task and downloads, one per line.
fn model_lines(db: &Path) -> Vec<String> {
    let cache = Cache::open(db, OpenMode::MustExist).unwrap();
    cache
        .load_models()
        .unwrap()
        .iter()
        .map(|model| {
            format!(
                "{} {:?} {} {:?} {:?}",
                model.id,
                model.params.total(),
                model.params.source.as_str(),
                model.pipeline_tag,
                model.downloads()
            )
        })
        .collect()
}

#[test]
fn full_sync_matches_import() {
    let Some(hub_dir) = recorded_hub_dir("full_sync_matches_import") else {
        return;
    };
    let runtime = runtime();
    let paths: Vec<_> = HUB_FILES.iter().map(|file| hub_dir.join(file)).collect();
    let data = MockData::load(&paths).unwrap();
    let hub = runtime
        .block_on(MockHub::start(data, MockConfig::default()))
        .unwrap();

    let work = tempfile::tempdir().unwrap();
    let synced = work.path().join("synced.db");
    let output = sync_command(work.path(), synced.to_str().unwrap(), &hub.url())
        .args(["--all"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("4,712 models"),
        "{}",
        stdout(&output)
    );

    let imported = work.path().join("imported.db");
    import_recorded(work.path(), &hub_dir, &imported);
    let synced_lines = model_lines(&synced);
    let imported_lines = model_lines(&imported);
    assert_eq!(synced_lines.len(), 4712);
    let differing: Vec<(&String, &String)> = synced_lines
        .iter()
        .zip(&imported_lines)
        .filter(|(a, b)| a != b)
        .take(5)
        .collect();
    assert!(
        differing.is_empty(),
        "sync and import differ: {differing:#?}"
    );
}

/// Runs a sync of `hub` into `db` in-process, raising the cancel flag after `stop_after` pages.
fn sync_into(
    runtime: &tokio::runtime::Runtime,
    hub: &MockHub,
    db: &Path,
    stop_after: Option<u64>,
) -> SyncOutcome {
    let client = HubClient::new(
        ClientConfig::new(Endpoint::parse(&hub.url()).unwrap())
            .with_sleeper(Arc::new(ManualSleeper::new())),
    )
    .unwrap();
    let mut cache = Cache::open(db, OpenMode::CreateIfMissing).unwrap();
    let request = SyncRequest {
        query: ListQuery {
            page_size: 400,
            ..ListQuery::default()
        },
        limit: None,
        resume: true,
        resume_latest: false,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let mut on_page = move |progress: sync::SyncProgress| {
        if Some(progress.pages) == stop_after {
            flag.store(true, Ordering::SeqCst);
        }
    };
    runtime
        .block_on(sync::run(
            &client,
            &mut cache,
            &request,
            &cancel,
            &mut on_page,
        ))
        .unwrap()
}

#[test]
fn interrupted_sync_resumes_identically() {
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(2_000),
            MockConfig::default(),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();

    let whole = work.path().join("whole.db");
    let outcome = sync_into(&runtime, &hub, &whole, None);
    assert!(
        matches!(outcome, SyncOutcome::Finished(progress) if progress.pages == 5 && progress.models == 2_000)
    );

    for stop_after in [1, 3, 4] {
        let resumed = work.path().join(format!("resumed-{stop_after}.db"));
        let first = sync_into(&runtime, &hub, &resumed, Some(stop_after));
        assert!(
            matches!(first, SyncOutcome::Cancelled(progress) if progress.pages == stop_after),
            "{first:?}"
        );
        let second = sync_into(&runtime, &hub, &resumed, None);
        let SyncOutcome::Finished(progress) = second else {
            panic!("the resumed sync did not finish: {second:?}");
        };
        assert!(progress.resumed);
        assert_eq!(progress.pages, 5, "stopped after {stop_after}");
        assert_eq!(progress.models, 2_000, "stopped after {stop_after}");
        assert_eq!(dump(&resumed), dump(&whole), "stopped after {stop_after}");
    }
}

#[test]
fn wrong_token_stops_without_leaking() {
    const CANARY: &str = "hf_CanaryWrongToken0123456789";
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(50),
            MockConfig::default().require_token("hf_TheRightToken"),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("c.db");
    let output = slmscope(work.path())
        .args([
            "sync",
            "--db",
            db.to_str().unwrap(),
            "--endpoint",
            &hub.url(),
        ])
        .env("HF_TOKEN", CANARY)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("HF_TOKEN"), "{message}");
    assert_eq!(
        hub.request_count(),
        1,
        "a rejected token must not be retried"
    );

    let log = std::fs::read_to_string(work.path().join("slmscope.log")).unwrap_or_default();
    let cache_bytes = std::fs::read(&db).unwrap_or_default();
    for (place, text) in [
        ("stdout", stdout(&output)),
        ("stderr", message.clone()),
        ("log", log),
        ("cache", String::from_utf8_lossy(&cache_bytes).into_owned()),
    ] {
        assert!(!text.contains(CANARY), "the token leaked into {place}");
    }
}

#[test]
fn details_follow_renames_and_store_documents() {
    let runtime = runtime();
    let data = MockData::synthetic(30);
    let target = data.ids()[3].clone();
    let hub = runtime
        .block_on(MockHub::start(
            data,
            MockConfig::default().rename("old-owner/old-name", &target),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let output = sync_command(work.path(), "c.db", &hub.url())
        .args([
            "--limit",
            "10",
            "--details",
            "2",
            "--details-id",
            "old-owner/old-name",
            "--details-id",
            "nobody/missing",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed document fails the command"
    );
    assert!(
        stderr(&output).contains("1 model document could not be fetched"),
        "{}",
        stderr(&output)
    );
    let summary = stdout(&output);
    assert!(
        summary.contains("model documents: 3 stored, 1 failed"),
        "{summary}"
    );
    assert!(
        stderr(&output).contains("nobody/missing"),
        "{}",
        stderr(&output)
    );

    let detail_requests = hub
        .requests()
        .iter()
        .filter(|request| request.path.starts_with("/api/models/"))
        .count();
    assert!(
        detail_requests >= 4,
        "expected the document requests, got {detail_requests}"
    );
    let lines = model_lines(&work.path().join("c.db"));
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with(&format!("{target} "))),
        "{lines:#?}"
    );
    assert!(
        !lines
            .iter()
            .any(|line| line.starts_with("old-owner/old-name ")),
        "a renamed repository is stored under the id the Hub returns"
    );
}

#[test]
fn details_estimate_active_params_from_config() {
    let runtime = runtime();
    let data = MockData::from_values(vec![serde_json::json!({
        "id": "mistralai/Mixtral-8x7B-v0.1",
        "downloads": 10,
        "lastModified": "2024-01-01T00:00:00.000Z",
        "safetensors": {"parameters": {"BF16": 46_702_792_704u64}, "total": 46_702_792_704u64}
    })]);
    let config = serde_json::json!({"hidden_size": 4096, "intermediate_size": 14336,
        "num_hidden_layers": 32, "num_local_experts": 8, "num_experts_per_tok": 2});
    let hub = runtime
        .block_on(MockHub::start(
            data,
            MockConfig::default().config_file("mistralai/Mixtral-8x7B-v0.1", config),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let output = sync_command(work.path(), "c.db", &hub.url())
        .args(["--limit", "1", "--details", "1"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let output = slmscope(work.path())
        .args(["models", "--db", "c.db", "--format", "json"])
        .output()
        .unwrap();
    let models: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(models[0]["params"], 46_702_792_704u64);
    assert_eq!(models[0]["params_active"], 12_879_925_248u64);
}

#[test]
fn details_store_model_index_results() {
    let runtime = runtime();
    // A full document (it has `sha`) whose card lists two evaluation results.
    let data = MockData::from_values(vec![serde_json::json!({
        "id": "lab/carded-1B",
        "sha": "0123456789abcdef",
        "downloads": 10,
        "lastModified": "2024-01-01T00:00:00.000Z",
        "model-index": [{"name": "carded", "results": [
            {"dataset": {"name": "HumanEval"}, "metrics": [{"type": "pass@1", "value": 31.7}]},
            {"dataset": {"name": "GPQA"}, "metrics": [{"name": "accuracy", "value": 28.0}]}
        ]}]
    })]);
    let hub = runtime
        .block_on(MockHub::start(data, MockConfig::default()))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let output = sync_command(work.path(), "c.db", &hub.url())
        .args(["--details-id", "lab/carded-1B"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    let cache = slmscope::cache::Cache::open(
        &work.path().join("c.db"),
        slmscope::cache::OpenMode::MustExist,
    )
    .unwrap();
    let mut stored: Vec<(String, f64, Option<String>)> = cache
        .load_benchmarks()
        .unwrap()
        .into_iter()
        .filter(|r| r.origin == slmscope::model::ResultOrigin::ModelIndex)
        .map(|r| (r.benchmark, r.score, r.linked.map(|l| l.id)))
        .collect();
    stored.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        stored,
        [
            ("GPQA".to_string(), 28.0, Some("lab/carded-1B".to_string())),
            (
                "HumanEval".to_string(),
                31.7,
                Some("lab/carded-1B".to_string())
            ),
        ]
    );
}

/// Reads how many pages the latest sync of `db` has stored, 0 when none is readable yet.
fn stored_pages(db: &Path) -> i64 {
    let Ok(connection) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    connection
        .query_row("SELECT coalesce(max(pages), 0) FROM syncs", [], |row| {
            row.get(0)
        })
        .unwrap_or(0)
}

#[test]
fn killed_sync_resumes_with_resume_flag() {
    let runtime = runtime();
    let slow_third_page = MockConfig::default().on_page(
        3,
        1,
        mock_hub::Fault::Slow(std::time::Duration::from_secs(30)),
    );
    let hub = runtime
        .block_on(MockHub::start(MockData::synthetic(4_000), slow_third_page))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("killed.db");
    let sync = |extra: &[&str]| {
        let mut command = sync_command(work.path(), db.to_str().unwrap(), &hub.url());
        command.args(extra);
        command
    };

    // Kill the process with SIGKILL while it waits for the slow third page.
    let mut child = Reaped::spawn(&mut sync(&["--all"]));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    // Wait until two pages are stored and the third has been requested, so the slow response is
    // the one in flight when the process dies.
    while stored_pages(&db) < 2 || hub.request_count() < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "the sync stored no page"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(stored_pages(&db), 2);

    let output = sync(&["--resume"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(
        summary.contains("sync finished (resumed): 4 pages, 4,000 models"),
        "{summary}"
    );

    let whole = work.path().join("whole.db");
    let output = sync_command(work.path(), whole.to_str().unwrap(), &hub.url())
        .args(["--all"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(model_lines(&db), model_lines(&whole));

    let output = sync(&["--resume"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no unfinished sync"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn details_alone_skip_the_listing() {
    let runtime = runtime();
    let data = MockData::synthetic(40);
    let wanted = data.ids()[7].clone();
    let hub = runtime
        .block_on(MockHub::start(data, MockConfig::default()))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let output = sync_command(work.path(), "c.db", &hub.url())
        .args(["--details-id", &wanted])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stdout(&output).contains("sync finished"),
        "{}",
        stdout(&output)
    );
    let listings = hub
        .requests()
        .iter()
        .filter(|request| request.path == "/api/models")
        .count();
    assert_eq!(listings, 0, "no listing was requested");
    assert_eq!(model_lines(&work.path().join("c.db")).len(), 1);
}
