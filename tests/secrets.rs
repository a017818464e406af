//! The Hub token and the endpoint rules, through the `slmscope` binary against the local mock
//! Hub. A canary token goes through successful and failing syncs and the reports and exports
//! that follow, and must appear in no output and no file. A plain `http` endpoint on another
//! host is rejected before any connection: a proxy on 127.0.0.1, which the client would use for
//! such a host, counts the connections.

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;
#[path = "support/raw_server.rs"]
mod raw_server;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{slmscope, stderr, stdout};
use mock_hub::{Fault, MockConfig, MockData, MockHub};
use raw_server::{Behaviour, RawServer};

const CANARY: &str = "hf_CanaryToken7e1d9a55b3c04f12";

/// Variables that route requests through a proxy, in the spellings reqwest reads.
const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// `slmscope ARGS` with the canary token, logging at TRACE level so that the log contains all it
/// can.
fn with_canary(work: &Path, args: &[&str]) -> Output {
    slmscope(work)
        .args(args)
        .env("HF_TOKEN", CANARY)
        .env("SLMSCOPE_LOG", "trace")
        .output()
        .unwrap()
}

/// Returns the paths of the files under `dir` that contain `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            if bytes.windows(needle.len()).any(|window| window == needle) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn canary_token_appears_nowhere() {
    let runtime = runtime();
    let accepting = runtime
        .block_on(MockHub::start(
            MockData::synthetic(40),
            MockConfig::default().require_token(CANARY),
        ))
        .unwrap();
    let rejecting = runtime
        .block_on(MockHub::start(
            MockData::synthetic(5),
            MockConfig::default().require_token("hf_AnotherToken"),
        ))
        .unwrap();
    let bad_request = runtime
        .block_on(MockHub::start(
            MockData::synthetic(5),
            MockConfig::default().on_request(1, Fault::Status(400)),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("cache.db");
    let db = db.to_str().unwrap();

    let mut outputs = Vec::new();
    let sync = |endpoint: &str, extra: &[&str]| {
        let mut args = vec!["sync", "--db", db, "--endpoint", endpoint];
        args.extend_from_slice(extra);
        with_canary(work.path(), &args)
    };
    let synced = sync(&accepting.url(), &["--limit", "20"]);
    assert!(synced.status.success(), "{}", stderr(&synced));
    let details = sync(&accepting.url(), &["--limit", "20", "--details", "5"]);
    assert!(details.status.success(), "{}", stderr(&details));
    let unauthorized = sync(&rejecting.url(), &["--restart"]);
    assert_eq!(
        unauthorized.status.code(),
        Some(1),
        "{}",
        stderr(&unauthorized)
    );
    let failed = sync(&bad_request.url(), &["--restart"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    outputs.extend([synced, details, unauthorized, failed]);
    assert!(
        accepting
            .requests()
            .iter()
            .all(|request| request.authorization),
        "the token must be sent, or this test proves nothing"
    );
    assert!(rejecting.requests()[0].authorization);

    let exports = work.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    for (args, file) in [
        (&["report", "--db", db][..], "report.txt"),
        (&["report", "--db", db, "--format", "md"][..], "report.md"),
        (
            &["report", "--db", db, "--format", "json"][..],
            "report.json",
        ),
        (&["models", "--db", db, "--format", "csv"][..], "models.csv"),
        (
            &["models", "--db", db, "--format", "json"][..],
            "models.json",
        ),
    ] {
        let output = with_canary(work.path(), args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        std::fs::write(exports.join(file), &output.stdout).unwrap();
        outputs.push(output);
    }

    for output in &outputs {
        assert!(
            !stdout(output).contains(CANARY),
            "the token leaked to stdout"
        );
        assert!(
            !stderr(output).contains(CANARY),
            "the token leaked to stderr"
        );
    }
    let log = std::fs::read_to_string(work.path().join("slmscope.log")).unwrap();
    assert!(
        log.contains("TRACE"),
        "the log must be at TRACE level: {log}"
    );
    let leaks = files_containing(work.path(), CANARY.as_bytes());
    assert!(leaks.is_empty(), "the token leaked into {leaks:?}");
}

/// `slmscope sync` with a plain `http` endpoint on another host, given by `--endpoint` or by
/// `HF_ENDPOINT`, with every proxy variable pointing at `proxy`.
fn sync_through_proxy(
    work: &Path,
    proxy: &RawServer,
    flag: Option<&str>,
    env: Option<&str>,
) -> Command {
    let mut command = slmscope(work);
    command
        .args(["sync", "--db", "cache.db"])
        .env("HF_TOKEN", CANARY);
    if let Some(endpoint) = flag {
        command.args(["--endpoint", endpoint]);
    }
    match env {
        Some(endpoint) => command.env("HF_ENDPOINT", endpoint),
        None => command.env_remove("HF_ENDPOINT"),
    };
    for var in PROXY_VARS {
        command.env(var, proxy.url());
    }
    command.env_remove("NO_PROXY").env_remove("no_proxy");
    command
}

#[test]
fn plain_http_endpoint_rejected_before_connecting() {
    let runtime = runtime();
    let proxy = runtime
        .block_on(RawServer::start(Behaviour::Silent))
        .unwrap();
    let work = tempfile::tempdir().unwrap();

    for (flag, env) in [
        (Some("http://example.org"), None),
        (None, Some("http://example.org")),
        (Some("http://10.1.2.3:8080"), None),
    ] {
        let endpoint = flag.or(env).unwrap();
        for (lang, fix) in [("C", "https"), ("fr_FR.UTF-8", "https")] {
            let output = sync_through_proxy(work.path(), &proxy, flag, env)
                .env("LANG", lang)
                .output()
                .unwrap();
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{message}");
            assert!(message.contains(endpoint), "{message}");
            assert!(message.contains(fix), "{message}");
            assert!(message.contains("HF_ENDPOINT"), "{message}");
            assert!(!message.contains(CANARY), "{message}");
        }
    }
    assert_eq!(proxy.connections(), 0, "a rejected endpoint was contacted");
    assert!(!work.path().join("cache.db").exists());
}

/// The control for the test above: an endpoint that is allowed and not on this machine goes
/// through the proxy, so a connection attempt would have been counted. The proxy never responds
/// and the process is stopped once it connected, so nothing leaves this machine.
#[test]
fn allowed_remote_endpoint_uses_the_proxy() {
    let runtime = runtime();
    let proxy = runtime
        .block_on(RawServer::start(Behaviour::Silent))
        .unwrap();
    let work = tempfile::tempdir().unwrap();

    let mut child = sync_through_proxy(
        work.path(),
        &proxy,
        Some("https://hub.example.invalid"),
        None,
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .unwrap();
    let started = Instant::now();
    while proxy.connections() == 0 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    assert!(
        proxy.connections() >= 1,
        "the request did not go through the proxy"
    );
}

#[test]
fn loopback_http_endpoints_allowed() {
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(3),
            MockConfig::default(),
        ))
        .unwrap();
    let port = hub.address().port();
    let work = tempfile::tempdir().unwrap();

    for endpoint in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        let output = slmscope(work.path())
            .args(["sync", "--db", "cache.db", "--endpoint", &endpoint])
            .env_remove("HF_TOKEN")
            .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
            .output()
            .unwrap();
        assert!(output.status.success(), "{endpoint}: {}", stderr(&output));
    }
    assert_eq!(hub.request_count(), 2);
}

/// `--endpoint` replaces `HF_ENDPOINT`, so a rejected value in the variable does not stop a sync
/// given a valid endpoint.
#[test]
fn endpoint_flag_overrides_invalid_variable() {
    let runtime = runtime();
    let hub = runtime
        .block_on(MockHub::start(
            MockData::synthetic(3),
            MockConfig::default(),
        ))
        .unwrap();
    let work = tempfile::tempdir().unwrap();

    let output = slmscope(work.path())
        .args(["sync", "--db", "cache.db", "--endpoint", &hub.url()])
        .env("HF_ENDPOINT", "http://example.org")
        .env_remove("HF_TOKEN")
        .env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
        .output()
        .unwrap();

    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(hub.request_count(), 1);
}
