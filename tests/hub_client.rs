//! The Hub client against the local mock Hub: pagination, projection, retries and rate limits,
//! tokens, redirects and mirrors. Waits go through a manual clock, so no test sleeps except the
//! timeout test (200 ms). Tests on recorded data need SLMSCOPE_TEST_DATA; the others generate
//! their records.

mod common;
#[path = "support/mock_hub.rs"]
mod mock_hub;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use mock_hub::{Fault, MockConfig, MockData, MockHub, Trigger};
use serde_json::{Value, json};
use slmscope::hub::client::{
    ClientConfig, EXPAND_FIELDS, Endpoint, HubClient, HubError, ListQuery, ManualSleeper, Page,
    ResolvedToken, RetryEvent, RetryPolicy, RetryReason, Sort, Token, TokenSource, Transient,
};
use slmscope::i18n::Lang;
use url::Url;

const SECRET: &str = "hf_SeCrEtToKeN0123456789abcdef";

/// A client of `hub` with a manual clock and exact (jitter-free) backoff, and the retry events
/// it reported.
struct Harness {
    client: HubClient,
    sleeper: ManualSleeper,
    events: Arc<Mutex<Vec<RetryEvent>>>,
}

impl Harness {
    fn new(hub: &MockHub) -> Harness {
        Harness::with(hub, |config| config)
    }

    fn with(hub: &MockHub, adjust: impl FnOnce(ClientConfig) -> ClientConfig) -> Harness {
        logs();
        let sleeper = ManualSleeper::new();
        let events = Arc::new(Mutex::new(Vec::new()));
        let seen = events.clone();
        let config = ClientConfig::new(Endpoint::parse(&hub.url()).unwrap())
            .with_retry(RetryPolicy::exact())
            .with_sleeper(Arc::new(sleeper.clone()))
            .with_observer(Arc::new(move |event: &RetryEvent| {
                seen.lock().unwrap().push(event.clone())
            }));
        Harness {
            client: HubClient::new(adjust(config)).unwrap(),
            sleeper,
            events,
        }
    }

    fn events(&self) -> Vec<RetryEvent> {
        self.events.lock().unwrap().clone()
    }

    /// Follows the next links to the end.
    async fn fetch_all(&self, query: &ListQuery) -> Vec<Page> {
        let mut pages = Vec::new();
        let mut url = Some(self.client.first_page_url(query));
        while let Some(current) = url {
            let page = self.client.fetch_page(&current).await.unwrap();
            url = page.next.clone();
            pages.push(page);
            assert!(pages.len() < 10_000, "pagination does not end");
        }
        pages
    }
}

fn token(secret: &str) -> Option<ResolvedToken> {
    Some(ResolvedToken {
        token: Token::new(secret, TokenSource::Env("HF_TOKEN"))
            .unwrap()
            .unwrap(),
        source: TokenSource::Env("HF_TOKEN"),
    })
}

fn secs(values: &[u64]) -> Vec<Duration> {
    values.iter().copied().map(Duration::from_secs).collect()
}

fn ids(pages: &[Page]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|page| &page.records)
        .map(|record| record.repo_id().unwrap().to_string())
        .collect()
}

/// Asserts that every request after the first requested exactly the previous response's next
/// link, and that the last response had none.
fn assert_links_followed_exactly(hub: &MockHub) {
    let requests = hub.requests();
    for pair in requests.windows(2) {
        let link = pair[0].next_link.as_deref().expect("a next link");
        let link = Url::parse(link).unwrap();
        let expected = format!("{}?{}", link.path(), link.query().unwrap());
        assert_eq!(pair[1].target(), expected);
    }
    assert_eq!(requests.last().unwrap().next_link, None);
}

fn mock_url(hub: &MockHub, target: &str) -> Url {
    Url::parse(&format!("{}{target}", hub.url())).unwrap()
}

#[tokio::test]
async fn synthetic_pagination_returns_every_record_once() {
    let hub = MockHub::start(MockData::synthetic(2_500), MockConfig::default())
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let query = ListQuery {
        sort: Some(Sort::Downloads),
        ..ListQuery::default()
    };
    let pages = harness.fetch_all(&query).await;

    assert_eq!(pages.len(), 3);
    assert_eq!(
        pages
            .iter()
            .map(|page| page.records.len())
            .collect::<Vec<_>>(),
        [1000, 1000, 500]
    );
    let ids = ids(&pages);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), 2_500);
    let expected: HashSet<String> = hub.data().ids().into_iter().collect();
    assert_eq!(unique, expected.iter().collect());
    let downloads: Vec<u64> = pages
        .iter()
        .flat_map(|page| &page.records)
        .map(|record| record.downloads.unwrap())
        .collect();
    assert!(downloads.windows(2).all(|pair| pair[0] >= pair[1]));
    assert_links_followed_exactly(&hub);
    assert!(harness.sleeper.sleeps().is_empty());
    let rate_limit = pages[2].rate_limit.expect("RateLimit on every page");
    assert_eq!(rate_limit.remaining, 997);
    assert_eq!(rate_limit.policy.map(|policy| policy.quota), Some(1000));
}

#[tokio::test]
async fn filters_and_search_reach_the_mock() {
    let hub = MockHub::start(MockData::synthetic(3_000), MockConfig::default())
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let query = ListQuery {
        search: Some("llama".into()),
        pipeline_tag: Some("text-generation".into()),
        filters: vec!["gguf".into()],
        page_size: 20,
        ..ListQuery::default()
    };
    let pages = harness.fetch_all(&query).await;
    let records: Vec<_> = pages.iter().flat_map(|page| &page.records).collect();
    assert!(records.len() > 40, "several pages: {}", records.len());
    for record in &records {
        assert!(record.repo_id().unwrap().contains("llama"));
        assert_eq!(record.pipeline_tag.as_deref(), Some("text-generation"));
        assert!(record.tags.as_ref().unwrap().contains("gguf"));
    }
    // The next links carry the Hub's default sort of an unsorted listing.
    assert_eq!(hub.requests()[1].query_values("sort"), ["trendingScore"]);
    assert_links_followed_exactly(&hub);
}

#[tokio::test]
async fn recorded_pagination_and_projection() {
    let Some(dir) = common::recorded_hub_dir("recorded_pagination_and_projection") else {
        return;
    };
    let data = MockData::load_dir(&dir).unwrap();
    assert_eq!(data.len(), 4_712, "distinct ids in the recorded files");
    let hub = MockHub::start(data, MockConfig::default()).await.unwrap();
    let harness = Harness::new(&hub);
    let query = ListQuery {
        sort: Some(Sort::Likes),
        page_size: 500,
        ..ListQuery::default()
    };
    let pages = harness.fetch_all(&query).await;

    assert_eq!(pages.len(), 10);
    let ids = ids(&pages);
    assert_eq!(ids.len(), 4_712);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 4_712);
    assert_links_followed_exactly(&hub);

    let first = &hub.requests()[0];
    assert_eq!(first.query_values("expand[]"), EXPAND_FIELDS);
    assert_eq!(first.query_values("limit"), ["500"]);
    // Projection: only the expanded fields come back, so the deprecated modelId is gone while
    // the full documents' safetensors and config are there.
    let records: Vec<_> = pages.iter().flat_map(|page| &page.records).collect();
    assert!(records.iter().all(|record| record.model_id.is_none()));
    assert!(records.iter().all(|record| record.likes.is_some()));
    assert!(records.iter().any(|record| record.safetensors.is_some()));
    assert!(records.iter().any(|record| record.config.is_some()));
}

#[tokio::test]
async fn mock_projection_keeps_only_requested_fields() {
    let hub = MockHub::start(MockData::synthetic(30), MockConfig::default())
        .await
        .unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let get = |target: &str| {
        let request = http.get(format!("{}{target}", hub.url()));
        async move {
            let text = request.send().await.unwrap().text().await.unwrap();
            serde_json::from_str::<Vec<serde_json::Map<String, Value>>>(&text).unwrap()
        }
    };
    let projected = get("/api/models?limit=10&sort=likes&expand[]=gguf&expand[]=config").await;
    assert_eq!(projected.len(), 10);
    let allowed = ["_id", "id", "likes", "gguf", "config"];
    for item in &projected {
        assert!(
            item.keys().all(|key| allowed.contains(&key.as_str())),
            "{item:?}"
        );
        assert!(item.contains_key("likes"));
        assert!(item.contains_key("config"));
    }
    let default = get("/api/models?limit=3").await;
    assert!(default[0].contains_key("modelId"));
    assert!(!default[0].contains_key("config"));
}

#[tokio::test]
async fn rate_limit_waits_the_announced_time() {
    let config = MockConfig::default().on_request(
        1,
        Fault::RateLimited {
            reset_secs: 42,
            retry_after: None,
        },
    );
    let hub = MockHub::start(MockData::synthetic(20), config)
        .await
        .unwrap();
    // The observer can feed a channel, as a progress bar would read it.
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let harness = Harness::with(&hub, |config| {
        config.with_observer(Arc::new(move |event: &RetryEvent| {
            let _ = sender.send(event.message(Lang::En));
        }))
    });
    let page = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();

    assert_eq!(page.records.len(), 20);
    assert_eq!(harness.sleeper.sleeps(), secs(&[43]));
    assert_eq!(hub.request_count(), 2);
    assert_eq!(
        receiver.try_recv().unwrap(),
        "waiting 43 s for the Hub rate limit (retry 1 of 5)"
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let config = MockConfig::default().on_request(1, Fault::RetryAfter { secs: 7 });
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    harness
        .client
        .fetch_model(&hub.data().ids()[0])
        .await
        .unwrap();
    assert_eq!(harness.sleeper.sleeps(), secs(&[7]));
    let events = harness.events();
    assert_eq!(events[0].reason, RetryReason::RetryAfter { status: 429 });
    assert!(events[0].is_rate_limit());
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let config = MockConfig::default()
        .on_request(1, Fault::Status(503))
        .on_request(2, Fault::Status(500))
        .on_request(3, Fault::Status(502));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let page = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    assert_eq!(page.records.len(), 5);
    assert_eq!(harness.sleeper.sleeps(), secs(&[1, 2, 4]));
    let statuses: Vec<Option<u16>> = hub
        .requests()
        .iter()
        .map(|request| request.status)
        .collect();
    assert_eq!(statuses, [Some(503), Some(500), Some(502), Some(200)]);
    assert!(matches!(
        &harness.events()[0].reason,
        RetryReason::Failure(Transient::Status { status: 503, .. })
    ));
}

#[tokio::test]
async fn default_backoff_has_bounded_jitter() {
    let config = MockConfig::default().fault(Trigger::First { times: 3 }, Fault::Status(504));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::with(&hub, |config| config.with_retry(RetryPolicy::default()));
    harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    let sleeps = harness.sleeper.sleeps();
    assert_eq!(sleeps.len(), 3);
    for (sleep, base) in sleeps.iter().zip(secs(&[1, 2, 4])) {
        assert!(*sleep >= base, "{sleep:?}");
        assert!(*sleep <= base.mul_f64(1.25), "{sleep:?}");
    }
}

#[tokio::test]
async fn timeout_is_retried() {
    let config = MockConfig::default().on_request(1, Fault::Slow(Duration::from_secs(2)));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::with(&hub, |config| {
        config.with_timeout(Duration::from_millis(200))
    });
    let started = std::time::Instant::now();
    let page = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(page.records.len(), 5);
    assert_eq!(harness.sleeper.sleeps(), secs(&[1]));
    assert_eq!(
        harness.events()[0].reason,
        RetryReason::Failure(Transient::Timeout {
            after: Duration::from_millis(200)
        })
    );
}

#[tokio::test]
async fn connection_reset_is_retried() {
    let config = MockConfig::default().on_request(1, Fault::Reset);
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let page = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    assert_eq!(page.records.len(), 5);
    assert_eq!(hub.request_count(), 2);
    assert_eq!(hub.requests()[0].status, None);
    assert!(matches!(
        &harness.events()[0].reason,
        RetryReason::Failure(Transient::Network { .. })
    ));
}

#[tokio::test]
async fn invalid_page_bodies_are_retried() {
    let config =
        MockConfig::default()
            .on_page(2, 1, Fault::Html)
            .on_page(2, 1, Fault::TruncatedJson);
    let hub = MockHub::start(MockData::synthetic(250), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let query = ListQuery {
        page_size: 100,
        ..ListQuery::default()
    };
    let pages = harness.fetch_all(&query).await;

    assert_eq!(
        pages
            .iter()
            .map(|page| page.records.len())
            .collect::<Vec<_>>(),
        [100, 100, 50]
    );
    assert_eq!(ids(&pages).iter().collect::<HashSet<_>>().len(), 250);
    assert_eq!(hub.request_count(), 5);
    assert_eq!(harness.sleeper.sleeps(), secs(&[1, 2]));
    let details: Vec<String> = harness
        .events()
        .iter()
        .map(|event| match &event.reason {
            RetryReason::Failure(Transient::InvalidBody { detail }) => detail.clone(),
            other => panic!("expected an invalid body, got {other:?}"),
        })
        .collect();
    assert!(details[0].contains("HTML"), "{details:?}");
    assert!(details[1].contains("truncated"), "{details:?}");
}

#[tokio::test]
async fn exhausted_retries_give_a_clear_error() {
    let config = MockConfig::default().fault(Trigger::First { times: 100 }, Fault::Status(503));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let error = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        HubError::RetriesExhausted { attempts: 6, .. }
    ));
    assert!(error.is_transient());
    assert_eq!(hub.request_count(), 6);
    assert_eq!(harness.sleeper.sleeps(), secs(&[1, 2, 4, 8, 8]));
    let english = error.message(Lang::En);
    assert!(english.contains("failed 6 times"), "{english}");
    assert!(english.contains("HTTP 503"), "{english}");
    assert!(english.contains("/api/models"), "{english}");
    assert!(english.contains("run the command again later"), "{english}");
    assert!(error.message(Lang::Fr).contains("a échoué 6 fois"));
}

#[tokio::test]
async fn wrong_token_ends_with_one_request() {
    let config = MockConfig::default().require_token("hf_the_right_one");
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::with(&hub, |config| config.with_token(token(SECRET)));
    let error = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap_err();

    assert_eq!(hub.request_count(), 1);
    assert!(hub.requests()[0].authorization);
    assert!(harness.sleeper.sleeps().is_empty());
    assert!(matches!(
        error,
        HubError::Unauthorized {
            token: Some(TokenSource::Env("HF_TOKEN")),
            ..
        }
    ));
    let english = error.message(Lang::En);
    assert!(
        english.contains("rejected the token from HF_TOKEN"),
        "{english}"
    );
    assert!(
        english.contains("Invalid credentials in Authorization header"),
        "{english}"
    );
    assert!(error.message(Lang::Fr).contains("a refusé le jeton"));
    assert!(!format!("{english} {error:?}").contains(SECRET));
}

#[tokio::test]
async fn missing_token_names_private_or_missing_repos() {
    let config = MockConfig::default().require_token("hf_needed");
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let error = harness
        .client
        .fetch_model("someone/private-model")
        .await
        .unwrap_err();
    assert_eq!(hub.request_count(), 1);
    assert!(!hub.requests()[0].authorization);
    assert!(matches!(error, HubError::Unauthorized { token: None, .. }));
    assert!(
        error
            .message(Lang::En)
            .contains("private and missing repositories")
    );
}

#[tokio::test]
async fn not_found_and_forbidden_end_at_once() {
    let config = MockConfig::default().on_request(2, Fault::Status(403));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();
    let harness = Harness::new(&hub);

    let missing = harness
        .client
        .fetch_model("nobody/nothing")
        .await
        .unwrap_err();
    assert!(matches!(missing, HubError::NotFound { .. }));
    let english = missing.message(Lang::En);
    assert!(
        english.contains("RepoNotFound") && english.contains("check the model id"),
        "{english}"
    );

    let forbidden = harness
        .client
        .fetch_model(&hub.data().ids()[0])
        .await
        .unwrap_err();
    assert!(matches!(forbidden, HubError::Forbidden { .. }));
    assert!(forbidden.message(Lang::En).contains("disabled"));
    assert!(forbidden.message(Lang::Fr).contains("désactivé"));

    assert_eq!(hub.request_count(), 2);
    assert!(harness.sleeper.sleeps().is_empty());
}

/// A `MakeWriter` into a shared buffer, to read what was logged.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Everything every test of this file logs, at TRACE level, the HTTP stack's logs included.
/// One global subscriber: a per-test one would race with the other tests' threads over
/// tracing's callsite cache.
fn logs() -> &'static LogBuffer {
    static LOGS: OnceLock<LogBuffer> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = LogBuffer::default();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(buffer.clone())
            .init();
        buffer
    })
}

#[tokio::test]
async fn token_appears_in_no_error_debug_or_log() {
    let logs = logs();

    let config = MockConfig::default()
        .require_token(SECRET)
        .on_request(1, Fault::Status(503))
        .on_request(
            2,
            Fault::RateLimited {
                reset_secs: 3,
                retry_after: Some(3),
            },
        )
        .on_request(3, Fault::Reset)
        .rename("old-name", "synthetic/renamed");
    let mut data = MockData::from_values(vec![json!([{"id": "synthetic/renamed", "likes": 1}])]);
    data.add_synthetic(5);
    let hub = MockHub::start(data, config).await.unwrap();
    let harness = Harness::with(&hub, |config| config.with_token(token(SECRET)));

    let page = harness
        .client
        .fetch_page(&harness.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    assert_eq!(page.records.len(), 6);
    let renamed = harness.client.fetch_model("old-name").await.unwrap();
    assert_eq!(renamed.repo_id(), Some("synthetic/renamed"));
    assert!(hub.requests().iter().all(|request| request.authorization));

    let wrong = Harness::with(&hub, |config| {
        config.with_token(token("hf_wrong_but_also_secret"))
    });
    let error = wrong
        .client
        .fetch_page(&wrong.client.first_page_url(&ListQuery::default()))
        .await
        .unwrap_err();

    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("retry 1 of 5"), "{logged}");
    assert!(logged.contains("authorization=true"), "{logged}");
    let mut shown = vec![
        logged,
        format!("{:?}", harness.client),
        format!("{:?}", harness.client.config()),
        format!("{:?}", harness.events()),
        format!("{error:?}"),
        error.message(Lang::En),
        error.message(Lang::Fr),
        error.to_string(),
    ];
    shown.extend(harness.events().iter().map(|event| event.message(Lang::En)));
    for text in shown {
        assert!(!text.contains(SECRET), "token leaked: {text}");
        assert!(
            !text.contains("hf_wrong_but_also_secret"),
            "token leaked: {text}"
        );
    }
}

#[tokio::test]
async fn renamed_repo_redirect_is_followed() {
    let data = MockData::from_values(vec![json!([{
        "id": "google-bert/bert-base-uncased",
        "modelId": "google-bert/bert-base-uncased",
        "config": {"architectures": ["BertForMaskedLM"], "model_type": "bert"},
        "safetensors": {"parameters": {"F32": 110106428}, "total": 110106428},
        "model-index": [{"name": "bert", "results": []}]
    }])]);
    let config = MockConfig::default()
        .require_token(SECRET)
        .rename("bert-base-uncased", "google-bert/bert-base-uncased");
    let hub = MockHub::start(data, config).await.unwrap();
    let harness = Harness::with(&hub, |config| config.with_token(token(SECRET)));

    let record = harness
        .client
        .fetch_model("bert-base-uncased")
        .await
        .unwrap();
    assert_eq!(record.repo_id(), Some("google-bert/bert-base-uncased"));
    assert_eq!(record.config.unwrap().model_type.as_deref(), Some("bert"));
    assert!(record.model_index.is_some());
    let requests = hub.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].path, "/api/models/bert-base-uncased");
    assert_eq!(requests[0].status, Some(307));
    assert_eq!(
        requests[1].path,
        "/api/models/google-bert/bert-base-uncased"
    );
    // Same origin: the token goes along.
    assert!(requests.iter().all(|request| request.authorization));
}

#[tokio::test]
async fn redirect_to_another_origin_drops_the_token() {
    let other = MockHub::start(
        MockData::from_values(vec![json!({"id": "new-owner/model", "likes": 3})]),
        MockConfig::default(),
    )
    .await
    .unwrap();
    let config = MockConfig::default().rename(
        "old-owner/model",
        &format!("{}/api/models/new-owner/model", other.url()),
    );
    let hub = MockHub::start(MockData::synthetic(1), config)
        .await
        .unwrap();
    let harness = Harness::with(&hub, |config| config.with_token(token(SECRET)));

    let record = harness.client.fetch_model("old-owner/model").await.unwrap();
    assert_eq!(record.repo_id(), Some("new-owner/model"));
    assert!(hub.requests()[0].authorization);
    let followed = other.requests();
    assert_eq!(followed.len(), 1);
    assert!(
        !followed[0].authorization,
        "the token went to another origin"
    );
}

#[tokio::test]
async fn recorded_full_document_has_config_and_model_index() {
    let Some(dir) = common::recorded_hub_dir("recorded_full_document_has_config_and_model_index")
    else {
        return;
    };
    let hub = MockHub::start(MockData::load_dir(&dir).unwrap(), MockConfig::default())
        .await
        .unwrap();
    let harness = Harness::new(&hub);
    let record = harness
        .client
        .fetch_model("oxyapi/oxy-1-small")
        .await
        .unwrap();
    assert_eq!(record.repo_id(), Some("oxyapi/oxy-1-small"));
    assert!(record.model_index.is_some());
    let record = harness
        .client
        .fetch_model("meta-llama/Llama-3.3-70B-Instruct")
        .await
        .unwrap();
    assert!(record.config.is_some());
    assert_eq!(
        hub.requests()[1].path,
        "/api/models/meta-llama/Llama-3.3-70B-Instruct"
    );
}

#[tokio::test]
async fn next_link_host_is_rewritten_for_a_mirror() {
    // The "Hub" that writes the links; it must never be asked anything.
    let upstream = MockHub::start(MockData::default(), MockConfig::default())
        .await
        .unwrap();
    let mirror = MockHub::start(
        MockData::synthetic(25),
        MockConfig::default().link_origin(&upstream.url()),
    )
    .await
    .unwrap();
    let harness = Harness::with(&mirror, |config| config.with_token(token(SECRET)));
    let query = ListQuery {
        page_size: 10,
        ..ListQuery::default()
    };
    let pages = harness.fetch_all(&query).await;

    assert_eq!(ids(&pages).len(), 25);
    assert_eq!(upstream.request_count(), 0);
    assert_eq!(mirror.request_count(), 3);
    let requests = mirror.requests();
    assert!(
        requests[0]
            .next_link
            .as_deref()
            .unwrap()
            .starts_with(&upstream.url())
    );
    for page in &pages[..2] {
        let next = page.next.as_ref().unwrap();
        assert_eq!(next.origin(), mock_url(&mirror, "/").origin());
    }
    assert!(requests.iter().all(|request| request.authorization));

    // The same rewrite for the public Hub's links, checked without sending anything.
    let hub_link =
        Url::parse("https://huggingface.co/api/models?limit=10&cursor=eyJ4IjoxfQ").unwrap();
    assert_eq!(
        harness.client.next_url(&hub_link).as_str(),
        format!("{}/api/models?limit=10&cursor=eyJ4IjoxfQ", mirror.url())
    );
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused() {
    for endpoint in [
        "http://huggingface.co",
        "http://10.0.0.8:8080",
        "http://hub.example/",
    ] {
        let error = Endpoint::parse(endpoint).unwrap_err();
        assert!(
            matches!(error, HubError::InvalidEndpoint { .. }),
            "{endpoint}"
        );
        assert!(error.message(Lang::En).contains("https"));
        assert!(error.message(Lang::Fr).contains("https"));
    }
    let lookup = |name: &str| match name {
        "HF_ENDPOINT" => Some("http://hub.example".to_string()),
        "HF_TOKEN" => Some(SECRET.to_string()),
        _ => None,
    };
    let error = ClientConfig::from_lookup(&lookup).unwrap_err();
    assert!(!error.to_string().contains(SECRET));
    assert!(Endpoint::parse("http://127.0.0.1:9").is_ok());
}

#[tokio::test]
async fn environment_lookup_drives_endpoint_and_token() {
    let hub = MockHub::start(
        MockData::synthetic(3),
        MockConfig::default().require_token(SECRET),
    )
    .await
    .unwrap();
    let mut env: HashMap<&str, String> = HashMap::new();
    env.insert("HF_ENDPOINT", format!("{}/", hub.url()));
    env.insert("HUGGING_FACE_HUB_TOKEN", format!("  {SECRET}\n"));
    env.insert("HOME", "/nonexistent-home".into());
    let config = ClientConfig::from_lookup(&|name| env.get(name).cloned()).unwrap();
    assert_eq!(config.endpoint.as_str(), hub.url());
    let client = HubClient::new(config.with_sleeper(Arc::new(ManualSleeper::new()))).unwrap();
    let page = client
        .fetch_page(&client.first_page_url(&ListQuery::default()))
        .await
        .unwrap();
    assert_eq!(page.records.len(), 3);

    env.insert("HF_HUB_DISABLE_IMPLICIT_TOKEN", "true".into());
    let config = ClientConfig::from_lookup(&|name| env.get(name).cloned()).unwrap();
    assert!(config.token.is_none());
    let client = HubClient::new(config).unwrap();
    let error = client.fetch_model("synthetic/x").await.unwrap_err();
    assert!(matches!(error, HubError::Unauthorized { token: None, .. }));
    let requests = hub.requests();
    assert!(requests[0].authorization);
    assert!(!requests[1].authorization);
}
