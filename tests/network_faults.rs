//! The Hub client against servers on 127.0.0.1 that fail: one that accepts and never responds,
//! one that sends megabytes of bytes that are not HTTP, one whose body never ends, and the mock
//! Hub sending status 200 with garbage or an HTML page. Each request must end in an error that
//! names the URL and the cause in English and French, within the configured timeout per attempt
//! plus a margin. Backoff waits go through a manual clock, so only the timeouts take real time.

#[path = "support/mock_hub.rs"]
mod mock_hub;
#[path = "support/raw_server.rs"]
mod raw_server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use mock_hub::{Fault, MockConfig, MockData, MockHub, Trigger};
use raw_server::{Behaviour, RawServer};
use slmscope::hub::client::{
    ClientConfig, Endpoint, HubClient, HubError, ListQuery, ManualSleeper, RetryPolicy, Transient,
};
use slmscope::i18n::Lang;

/// The per-request timeout of the tests where the server never completes a response.
const TIMEOUT: Duration = Duration::from_millis(300);

/// The per-request timeout of the tests where the server sends a complete but invalid response,
/// long enough for megabytes of body on a loaded machine.
const BODY_TIMEOUT: Duration = Duration::from_secs(5);

/// Slack for a loaded machine on top of the timeouts: the bound catches a client that hangs, and
/// is no performance figure.
const MARGIN: Duration = Duration::from_secs(10);

/// Fetches the first list page from `url` with `timeout` per request and the default retries,
/// and returns the error with the time it took.
async fn fetch_failing_page(url: &str, timeout: Duration) -> (HubError, Duration) {
    let config = ClientConfig::new(Endpoint::parse(url).unwrap())
        .with_timeout(timeout)
        .with_retry(RetryPolicy::exact())
        .with_sleeper(Arc::new(ManualSleeper::new()));
    let client = HubClient::new(config).unwrap();
    let started = Instant::now();
    let result = client
        .fetch_page(&client.first_page_url(&ListQuery::default()))
        .await;
    let elapsed = started.elapsed();
    (result.expect_err("the server cannot give a page"), elapsed)
}

/// The maximum time a failing fetch may take: every attempt up to its timeout, plus the margin.
fn time_bound(timeout: Duration) -> Duration {
    let attempts = RetryPolicy::exact().max_retries + 1;
    timeout * attempts + MARGIN
}

/// Returns the cause that made the retries run out, after checking the attempt count and that
/// both languages name the URL.
fn last_failure(error: &HubError, url: &str) -> Transient {
    let HubError::RetriesExhausted { attempts, last, .. } = error else {
        panic!("expected the retries to run out, got {error:?}");
    };
    assert_eq!(*attempts, RetryPolicy::exact().max_retries + 1);
    for lang in [Lang::En, Lang::Fr] {
        let message = error.message(lang);
        assert!(message.contains(url), "{message}");
    }
    last.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_server_times_out() {
    let server = RawServer::start(Behaviour::Silent).await.unwrap();

    let (error, elapsed) = fetch_failing_page(&server.url(), TIMEOUT).await;

    assert!(elapsed < time_bound(TIMEOUT), "took {elapsed:?}");
    assert_eq!(
        last_failure(&error, &server.url()),
        Transient::Timeout { after: TIMEOUT }
    );
    assert!(error.message(Lang::En).contains("timed out after 300 ms"));
    assert!(
        error
            .message(Lang::Fr)
            .contains("délai dépassé après 300 ms")
    );
    assert_eq!(server.connections(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_http_garbage_is_a_network_error() {
    let server = RawServer::start(Behaviour::Garbage(4 << 20)).await.unwrap();

    let (error, elapsed) = fetch_failing_page(&server.url(), TIMEOUT).await;

    assert!(elapsed < time_bound(TIMEOUT), "took {elapsed:?}");
    let last = last_failure(&error, &server.url());
    assert!(
        matches!(last, Transient::Network { .. }),
        "expected a network error, got {last:?}"
    );
    assert!(error.message(Lang::En).contains("network error"));
    assert!(error.message(Lang::Fr).contains("erreur réseau"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_body_ends_in_bounded_time() {
    let server = RawServer::start(Behaviour::EndlessBody).await.unwrap();

    let (error, elapsed) = fetch_failing_page(&server.url(), TIMEOUT).await;

    assert!(elapsed < time_bound(TIMEOUT), "took {elapsed:?}");
    let last = last_failure(&error, &server.url());
    // The body stops at the timeout or at the size limit, whichever comes first.
    assert!(
        matches!(
            last,
            Transient::Timeout { .. } | Transient::InvalidBody { .. } | Transient::Network { .. }
        ),
        "{last:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_json_body_is_invalid() {
    let config =
        MockConfig::default().fault(Trigger::First { times: 100 }, Fault::Garbage(8 << 20));
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();

    let (error, elapsed) = fetch_failing_page(&hub.url(), BODY_TIMEOUT).await;

    assert!(elapsed < time_bound(BODY_TIMEOUT), "took {elapsed:?}");
    let last = last_failure(&error, &hub.url());
    assert!(
        matches!(last, Transient::InvalidBody { .. }),
        "expected an invalid body, got {last:?}"
    );
    assert!(error.message(Lang::En).contains("not valid Hub JSON"));
    assert!(
        error
            .message(Lang::Fr)
            .contains("pas du JSON valide du Hub")
    );
    assert_eq!(hub.request_count(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_page_with_status_200_is_invalid() {
    let config = MockConfig::default().fault(Trigger::First { times: 100 }, Fault::Html);
    let hub = MockHub::start(MockData::synthetic(5), config)
        .await
        .unwrap();

    let (error, elapsed) = fetch_failing_page(&hub.url(), BODY_TIMEOUT).await;

    assert!(elapsed < time_bound(BODY_TIMEOUT), "took {elapsed:?}");
    let Transient::InvalidBody { detail } = last_failure(&error, &hub.url()) else {
        panic!("expected an invalid body, got {error:?}");
    };
    assert!(detail.contains("HTML"), "{detail}");
    assert!(error.message(Lang::En).contains("HTML"));
    assert!(error.message(Lang::Fr).contains("HTML"));
}
