//! The Hugging Face Hub HTTP client: model lists page by page and single model documents, with
//! the token, endpoint, rate-limit and retry rules of huggingface_hub.
//!
//! # Public API
//!
//! ```text
//! ClientConfig::from_env() -> Result<ClientConfig, HubError>           // HF_ENDPOINT, HF_TOKEN, …
//! ClientConfig::from_env_with_endpoint(&str) -> Result<ClientConfig, HubError> // HF_TOKEN, …
//! ClientConfig::from_lookup(&dyn Fn(&str) -> Option<String>) -> Result<ClientConfig, HubError>
//! ClientConfig::new(Endpoint)                                          // no token
//!     .with_token(Option<ResolvedToken>) .with_timeout(Duration) .with_retry(RetryPolicy)
//!     .with_sleeper(Arc<dyn Sleeper>) .with_observer(RetryObserver) .with_user_agent(&str)
//! HubClient::new(ClientConfig) -> Result<HubClient, HubError>
//! HubClient::endpoint(&self) -> &Endpoint
//! HubClient::first_page_url(&self, &ListQuery) -> Url                // requests expand[] for EXPAND_FIELDS
//! HubClient::next_url(&self, link: &Url) -> Url                      // a Link target moved onto the endpoint
//! HubClient::model_url(&self, id: &str) -> Result<Url, HubError>
//! async HubClient::fetch_page(&self, &Url) -> Result<Page, HubError>
//! async HubClient::fetch_model(&self, id: &str) -> Result<HubModel, HubError>
//! ListQuery { search, author, pipeline_tag, filters, sort: Option<Sort>, page_size }
//! Page { records: Vec<HubModel>, skipped: usize, next: Option<Url>, rate_limit: Option<RateLimit> }
//! auth::resolve_token(&dyn Fn(&str) -> Option<String>) -> Result<Option<ResolvedToken>, HubError>
//! Sleeper (TokioSleeper, ManualSleeper), RetryPolicy, RetryEvent, RetryObserver
//! ```
//!
//! Pagination: fetch [`HubClient::first_page_url`], then each [`Page::next`] until it is `None`.
//! The next URL is the Hub's `Link: <…>; rel="next"` target, used as given (the cursor is
//! opaque and never built here) except that its scheme, host and port are replaced by the
//! configured endpoint's, as huggingface_hub does for mirrors.
//!
//! A page is all or nothing: a 200 whose body is not a JSON array of objects (an HTML error
//! page, truncated JSON) is retried like a 5xx. Objects of a valid page that have no id, or a
//! field of an impossible type such as a numeric id, are counted in [`Page::skipped`].
//!
//! The token goes in `Authorization: Bearer …` only to the endpoint's origin (scheme, host and
//! port); a redirect elsewhere is followed without it. An endpoint or redirect target that is
//! `http` to a host other than this machine is refused. The token never appears in errors, logs
//! or `Debug` output: [`Token`] redacts itself, and the header value is marked sensitive.
//!
//! Retries, rate-limit waits and their reporting are described in [`retry`]. Each retry is
//! logged with `tracing` at WARN and passed to the optional [`RetryObserver`]; each request is
//! logged at DEBUG (URL and whether a token was sent).

pub mod auth;
pub mod error;
pub mod rate_limit;
pub mod retry;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue, LOCATION};
use serde_json::Value;
use url::Url;

pub use auth::{Endpoint, ResolvedToken, Token, TokenSource};
pub use error::{EndpointProblem, HubError, ServerDetail, Transient};
pub use rate_limit::{RateLimit, RateLimitPolicy};
pub use retry::{
    ManualSleeper, RetryEvent, RetryObserver, RetryPolicy, RetryReason, Sleeper, TokioSleeper,
};

use super::reader::json_kind;
use super::record::HubModel;
use crate::i18n::Lang;
use error::show;

/// The fields requested with `expand[]` on list pages: every field the cache stores. With any
/// `expand`, the Hub sends only `_id`, `id`, the sort key and these.
pub const EXPAND_FIELDS: [&str; 13] = [
    "safetensors",
    "gguf",
    "pipeline_tag",
    "tags",
    "createdAt",
    "lastModified",
    "downloads",
    "downloadsAllTime",
    "likes",
    "trendingScore",
    "library_name",
    "gated",
    "config",
];

/// The largest page the Hub serves.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// The per-request timeout unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Redirects followed by [`HubClient::fetch_model`] before giving up.
pub const MAX_REDIRECTS: u32 = 5;
/// The largest response body read; a larger one is treated as invalid.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// The most of an error body read for its message.
const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Sort orders of `GET /api/models`. The Hub always sorts in descending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Downloads,
    Likes,
    TrendingScore,
    CreatedAt,
    LastModified,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Downloads,
        Sort::Likes,
        Sort::TrendingScore,
        Sort::CreatedAt,
        Sort::LastModified,
    ];

    /// Returns the API's name, which is also the record field sorted on.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Downloads => "downloads",
            Sort::Likes => "likes",
            Sort::TrendingScore => "trendingScore",
            Sort::CreatedAt => "createdAt",
            Sort::LastModified => "lastModified",
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Sort {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Sort::ALL
            .into_iter()
            .find(|sort| sort.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!(
                    "unknown sort {text:?}; expected one of downloads, likes, trendingScore, createdAt, lastModified"
                )
            })
    }
}

/// A listing request. Every filter is optional, and `filters` are ANDed tag filters (`gguf`,
/// `en`, `license:mit`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Substring of `owner/name`.
    pub search: Option<String>,
    /// Exact owner or organisation.
    pub author: Option<String>,
    /// The canonical task, which is not the same as a task tag in `filters`.
    pub pipeline_tag: Option<String>,
    pub filters: Vec<String>,
    /// `None` leaves the Hub's default order (trending).
    pub sort: Option<Sort>,
    /// Records per page, 1 to [`MAX_PAGE_SIZE`].
    pub page_size: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            search: None,
            author: None,
            pipeline_tag: None,
            filters: Vec::new(),
            sort: None,
            page_size: MAX_PAGE_SIZE,
        }
    }
}

/// One page of `GET /api/models`.
#[derive(Debug, Clone)]
pub struct Page {
    pub records: Vec<HubModel>,
    /// Objects left out because they have no id or a field of an impossible type.
    pub skipped: usize,
    /// The next page, on the configured endpoint; `None` on the last page.
    pub next: Option<Url>,
    /// The bucket state the response reported.
    pub rate_limit: Option<RateLimit>,
}

/// Settings of a [`HubClient`].
#[derive(Clone)]
pub struct ClientConfig {
    pub endpoint: Endpoint,
    pub token: Option<ResolvedToken>,
    /// Time allowed for one request, body included.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub sleeper: Arc<dyn Sleeper>,
    pub observer: Option<RetryObserver>,
    pub user_agent: String,
}

impl ClientConfig {
    /// Creates an anonymous configuration for `endpoint` with the default timeout and retries.
    pub fn new(endpoint: Endpoint) -> Self {
        ClientConfig {
            endpoint,
            token: None,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            observer: None,
            user_agent: concat!("slmscope/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }

    /// Endpoint and token from the process environment (`HF_ENDPOINT`, `HF_TOKEN`, …).
    pub fn from_env() -> Result<Self, HubError> {
        ClientConfig::from_lookup(&env_lookup)
    }

    /// Builds a configuration with the token from the process environment and `endpoint` in
    /// place of `HF_ENDPOINT`. The variable is not read, so an invalid value there does not
    /// reject a valid `endpoint`.
    pub fn from_env_with_endpoint(endpoint: &str) -> Result<Self, HubError> {
        let endpoint = Endpoint::parse(endpoint)?;
        let token = auth::resolve_token(&env_lookup)?;
        Ok(ClientConfig::new(endpoint).with_token(token))
    }

    /// Endpoint and token from variables read through `lookup`.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Self, HubError> {
        let endpoint = auth::endpoint_from(lookup)?;
        let token = auth::resolve_token(lookup)?;
        Ok(ClientConfig::new(endpoint).with_token(token))
    }

    pub fn with_token(mut self, token: Option<ResolvedToken>) -> Self {
        self.token = token;
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn with_sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    pub fn with_observer(mut self, observer: RetryObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn with_user_agent(mut self, user_agent: &str) -> Self {
        self.user_agent = user_agent.to_string();
        self
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("observer", &self.observer.is_some())
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

/// The Hub client. Cheap to share behind an `Arc`; requests may run concurrently.
pub struct HubClient {
    http: reqwest::Client,
    config: ClientConfig,
}

impl fmt::Debug for HubClient {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("HubClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Reads a variable of the process environment, with the home folder standing in for an unset
/// `HOME`.
fn env_lookup(name: &str) -> Option<String> {
    std::env::var(name).ok().or_else(|| {
        (name == "HOME")
            .then(dirs::home_dir)
            .flatten()
            .map(|home| home.display().to_string())
    })
}

/// A parser that turns a 2xx body (with the request URL and response headers) into a value, or
/// returns why the body is invalid.
type BodyParser<T> = dyn Fn(&Url, &HeaderMap, &[u8]) -> Result<T, String> + Sync;

/// The outcome of one successful exchange.
enum Answer<T> {
    Parsed {
        value: T,
        headers: HeaderMap,
    },
    Redirect {
        status: u16,
        location: Option<String>,
    },
}

/// The failure of one attempt.
enum AttemptError {
    Fatal(HubError),
    Retry {
        failure: Transient,
        /// A wait the server asked for, overriding the backoff.
        server_wait: Option<(Duration, RetryReason)>,
    },
}

fn retry_after_failure(failure: Transient) -> AttemptError {
    AttemptError::Retry {
        failure,
        server_wait: None,
    }
}

impl HubClient {
    pub fn new(config: ClientConfig) -> Result<HubClient, HubError> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(config.user_agent.clone());
        if config.endpoint.is_loopback() {
            // A local mock or proxy is never reached through a proxy.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|error| HubError::Setup {
            detail: error_chain(&error),
        })?;
        Ok(HubClient { http, config })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.config.endpoint
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Builds the URL of a listing's first page. Parameters go on this request only, because the
    /// next links carry them.
    pub fn first_page_url(&self, query: &ListQuery) -> Url {
        let mut url = self.config.endpoint.join(&["api", "models"]);
        {
            let mut pairs = url.query_pairs_mut();
            let non_empty = |value: &Option<String>| {
                value
                    .as_deref()
                    .map(str::trim)
                    .filter(|value| !value.is_empty())
                    .map(str::to_string)
            };
            if let Some(search) = non_empty(&query.search) {
                pairs.append_pair("search", &search);
            }
            if let Some(author) = non_empty(&query.author) {
                pairs.append_pair("author", &author);
            }
            if let Some(pipeline_tag) = non_empty(&query.pipeline_tag) {
                pairs.append_pair("pipeline_tag", &pipeline_tag);
            }
            for filter in query.filters.iter().map(|filter| filter.trim()) {
                if !filter.is_empty() {
                    pairs.append_pair("filter", filter);
                }
            }
            if let Some(sort) = query.sort {
                pairs.append_pair("sort", sort.as_str());
            }
            pairs.append_pair(
                "limit",
                &query.page_size.clamp(1, MAX_PAGE_SIZE).to_string(),
            );
            for field in EXPAND_FIELDS {
                pairs.append_pair("expand[]", field);
            }
        }
        url
    }

    /// Moves a pagination link onto the configured endpoint.
    pub fn next_url(&self, link: &Url) -> Url {
        self.config.endpoint.rewrite(link)
    }

    /// `GET /api/models/{owner}/{name}`, the `/` kept as a path separator.
    pub fn model_url(&self, id: &str) -> Result<Url, HubError> {
        let segments = model_id_segments(id)?;
        let mut path = vec!["api", "models"];
        path.extend(segments);
        Ok(self.config.endpoint.join(&path))
    }

    /// Fetches one page of model records, retrying as the policy allows.
    pub async fn fetch_page(&self, url: &Url) -> Result<Page, HubError> {
        let answer = self.get(url, &parse_page).await?;
        let (value, headers) = match answer {
            Answer::Parsed { value, headers } => (value, headers),
            Answer::Redirect { status, .. } => {
                return Err(HubError::Status {
                    url: show(url),
                    status,
                    detail: ServerDetail::default(),
                });
            }
        };
        let (records, skipped, next) = value;
        let next = next.map(|link| self.next_url(&link));
        Ok(Page {
            records,
            skipped,
            next,
            rate_limit: RateLimit::from_headers(&headers),
        })
    }

    /// Fetches the full document of one model, following redirects of renamed repositories.
    /// The record's `id` is the one in the Hub's response (the new name after a rename).
    pub async fn fetch_model(&self, id: &str) -> Result<HubModel, HubError> {
        let (url, mut record) = self
            .get_following(self.model_url(id)?, &parse_model)
            .await?;
        if record.repo_id().is_none() {
            record.id = id_from_model_url(&url);
        }
        Ok(record)
    }

    /// Fetches the repository's `config.json` (`/{owner}/{name}/resolve/main/config.json`),
    /// which contains what the API's `config` leaves out, such as expert counts. Returns `None`
    /// when the repository has no such file.
    pub async fn fetch_config_json(&self, id: &str) -> Result<Option<Value>, HubError> {
        let mut path = model_id_segments(id)?;
        path.extend(["resolve", "main", "config.json"]);
        let url = self.config.endpoint.join(&path);
        match self.get_following(url, &parse_json_object).await {
            Ok((_, value)) => Ok(Some(value)),
            Err(HubError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Sends a GET with retries and follows up to [`MAX_REDIRECTS`] redirects. Returns the URL
    /// that responded and its parsed body.
    async fn get_following<T>(
        &self,
        mut url: Url,
        parse: &BodyParser<T>,
    ) -> Result<(Url, T), HubError> {
        for hop in 0..=MAX_REDIRECTS {
            match self.get(&url, parse).await? {
                Answer::Parsed { value, .. } => return Ok((url, value)),
                Answer::Redirect { location, .. } => {
                    if hop == MAX_REDIRECTS {
                        break;
                    }
                    let refused = |location: &str| HubError::Redirect {
                        url: show(&url),
                        location: location.to_string(),
                    };
                    let location = location.ok_or_else(|| refused(""))?;
                    let target = url.join(&location).map_err(|_| refused(&location))?;
                    auth::check_scheme(&target).map_err(|_| refused(&location))?;
                    tracing::debug!(from = %show(&url), to = %show(&target), "following Hub redirect");
                    url = target;
                }
            }
        }
        Err(HubError::TooManyRedirects {
            url: show(&url),
            limit: MAX_REDIRECTS,
        })
    }

    /// Sends one GET with retries. `parse` turns a 2xx body (and its headers) into a value or
    /// returns why the body is invalid.
    async fn get<T>(&self, url: &Url, parse: &BodyParser<T>) -> Result<Answer<T>, HubError> {
        auth::check_scheme(url).map_err(|problem| HubError::InvalidEndpoint {
            endpoint: show(url),
            problem,
        })?;
        let policy = &self.config.retry;
        let mut retry = 0;
        loop {
            let (failure, server_wait) = match self.attempt(url, parse).await {
                Ok(answer) => return Ok(answer),
                Err(AttemptError::Fatal(error)) => return Err(error),
                Err(AttemptError::Retry {
                    failure,
                    server_wait,
                }) => (failure, server_wait),
            };
            if retry >= policy.max_retries {
                return Err(HubError::RetriesExhausted {
                    url: show(url),
                    attempts: retry + 1,
                    last: failure,
                });
            }
            retry += 1;
            let (wait, reason) = server_wait
                .unwrap_or_else(|| (policy.backoff(retry), RetryReason::Failure(failure)));
            let event = RetryEvent {
                url: url.clone(),
                retry,
                max_retries: policy.max_retries,
                wait,
                reason,
            };
            tracing::warn!(
                url = %event.url_for_log(),
                retry,
                max_retries = policy.max_retries,
                wait_ms = wait.as_millis() as u64,
                "{}",
                event.message(Lang::En)
            );
            if let Some(observer) = &self.config.observer {
                observer(&event);
            }
            self.config.sleeper.sleep(wait).await;
        }
    }

    /// Sends one request and classifies its outcome.
    async fn attempt<T>(
        &self,
        url: &Url,
        parse: &BodyParser<T>,
    ) -> Result<Answer<T>, AttemptError> {
        let token = self
            .config
            .token
            .as_ref()
            .filter(|_| url.origin() == self.config.endpoint.origin());
        let mut request = self
            .http
            .get(url.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(resolved) = token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", resolved.token.secret()))
                .map_err(|_| {
                AttemptError::Fatal(HubError::InvalidToken {
                    origin: resolved.source.clone(),
                })
            })?;
            value.set_sensitive(true);
            request = request.header(AUTHORIZATION, value);
        }
        tracing::debug!(url = %show(url), authorization = token.is_some(), "Hub request");

        let response = request
            .send()
            .await
            .map_err(|error| retry_after_failure(self.transport_failure(&error)))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        match status {
            200..=299 => {
                let body = read_body(response, MAX_BODY_BYTES)
                    .await
                    .map_err(|error| retry_after_failure(self.body_failure(error)))?;
                let value = parse(url, &headers, &body)
                    .map_err(|detail| retry_after_failure(Transient::InvalidBody { detail }))?;
                Ok(Answer::Parsed { value, headers })
            }
            301 | 302 | 303 | 307 | 308 => Ok(Answer::Redirect {
                status,
                location: headers
                    .get(LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_string),
            }),
            _ => {
                let body = read_body(response, MAX_ERROR_BODY_BYTES)
                    .await
                    .unwrap_or_default();
                let detail = server_detail(&headers, &body);
                let url = show(url);
                Err(match status {
                    401 => AttemptError::Fatal(HubError::Unauthorized {
                        url,
                        token: token.map(|resolved| resolved.source.clone()),
                        detail,
                    }),
                    403 => AttemptError::Fatal(HubError::Forbidden { url, detail }),
                    404 => AttemptError::Fatal(HubError::NotFound { url, detail }),
                    408 | 429 | 500 | 502 | 503 | 504 => AttemptError::Retry {
                        server_wait: server_wait(status, &headers),
                        failure: Transient::Status { status, detail },
                    },
                    _ => AttemptError::Fatal(HubError::Status {
                        url,
                        status,
                        detail,
                    }),
                })
            }
        }
    }

    fn transport_failure(&self, error: &reqwest::Error) -> Transient {
        if error.is_timeout() {
            Transient::Timeout {
                after: self.config.timeout,
            }
        } else {
            Transient::Network {
                detail: error_chain(error),
            }
        }
    }

    fn body_failure(&self, error: BodyError) -> Transient {
        match error {
            BodyError::Transport(error) => self.transport_failure(&error),
            BodyError::TooLarge(limit) => Transient::InvalidBody {
                detail: format!("the body is larger than {} MiB", limit / (1024 * 1024)),
            },
        }
    }
}

/// Returns the wait that a retryable response requests: `t + 1` seconds on a 429 with an empty
/// bucket, else a numeric `Retry-After` on a 429 or 503.
fn server_wait(status: u16, headers: &HeaderMap) -> Option<(Duration, RetryReason)> {
    let exhausted = RateLimit::from_headers(headers)
        .filter(|_| status == 429)
        .and_then(|rate_limit| Some((rate_limit.wait_when_exhausted()?, rate_limit.reset_secs)));
    if let Some((wait, reset_secs)) = exhausted {
        return Some((wait, RetryReason::RateLimited { reset_secs }));
    }
    if matches!(status, 429 | 503) {
        return rate_limit::retry_after(headers)
            .map(|wait| (wait, RetryReason::RetryAfter { status }));
    }
    None
}

enum BodyError {
    Transport(reqwest::Error),
    TooLarge(usize),
}

/// Reads a body up to `limit` bytes.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads the Hub's description of an error: `X-Error-Code` and `X-Error-Message`, else the
/// `error` of a JSON body. The text is untrusted, so it is cleaned and cut.
fn server_detail(headers: &HeaderMap, body: &[u8]) -> ServerDetail {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_string())
            .filter(|value| !value.is_empty())
    };
    let code = header("x-error-code")
        .filter(|code| code.len() <= 64 && code.bytes().all(|byte| byte.is_ascii_alphanumeric()));
    let message = header("x-error-message")
        .or_else(|| {
            serde_json::from_slice::<Value>(body)
                .ok()?
                .get("error")?
                .as_str()
                .map(str::to_string)
        })
        .map(|message| crate::sanitize::clean_truncated(&message, 200))
        .filter(|message| !message.is_empty());
    ServerDetail { code, message }
}

/// Formats an error and its causes on one line, without the URL (errors name it themselves).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    let joined = parts.join(": ");
    let joined = match joined.split_once(" for url (") {
        Some((head, rest)) => match rest.split_once(')') {
            Some((_, tail)) => format!("{head}{tail}"),
            None => head.to_string(),
        },
        None => joined,
    };
    crate::sanitize::clean_truncated(&joined, 300)
}

type PageParts = (Vec<HubModel>, usize, Option<Url>);

/// Parses a list page (a JSON array of objects) and its `rel="next"` link.
fn parse_page(url: &Url, headers: &HeaderMap, body: &[u8]) -> Result<PageParts, String> {
    let value = parse_json(headers, body)?;
    let Value::Array(items) = value else {
        return Err(format!(
            "expected a JSON array of model records, found {}",
            json_kind(&value)
        ));
    };
    let mut records = Vec::with_capacity(items.len());
    let mut skipped = 0;
    for (index, item) in items.into_iter().enumerate() {
        if !item.is_object() {
            return Err(format!(
                "element {} of the array is {}, not a model record",
                index + 1,
                json_kind(&item)
            ));
        }
        match serde_json::from_value::<HubModel>(item) {
            Ok(record) if record.repo_id().is_some() => records.push(record),
            _ => skipped += 1,
        }
    }
    let mut next = None;
    for value in headers.get_all(reqwest::header::LINK) {
        let Some(target) = value.to_str().ok().and_then(next_link) else {
            continue;
        };
        let link = url
            .join(target)
            .map_err(|error| format!("invalid next link in the Link header ({error})"))?;
        next = Some(link);
        break;
    }
    Ok((records, skipped, next))
}

/// Parses a model document: one JSON object.
fn parse_model(_url: &Url, headers: &HeaderMap, body: &[u8]) -> Result<HubModel, String> {
    let value = parse_json(headers, body)?;
    if !value.is_object() {
        return Err(format!(
            "expected a model document (a JSON object), found {}",
            json_kind(&value)
        ));
    }
    serde_json::from_value(value).map_err(|error| format!("invalid model document ({error})"))
}

fn parse_json_object(_url: &Url, headers: &HeaderMap, body: &[u8]) -> Result<Value, String> {
    let value = parse_json(headers, body)?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(format!(
            "expected a JSON object, found {}",
            json_kind(&value)
        ))
    }
}

fn parse_json(headers: &HeaderMap, body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|error| {
        let first = body.iter().find(|byte| !byte.is_ascii_whitespace());
        let html = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.to_ascii_lowercase().contains("html"));
        if html || first == Some(&b'<') {
            "an HTML page instead of JSON".to_string()
        } else if first.is_none() {
            "an empty body".to_string()
        } else if error.is_eof() {
            format!("JSON truncated after {} bytes", body.len())
        } else {
            format!(
                "invalid JSON at line {}, column {}",
                error.line(),
                error.column()
            )
        }
    })
}

/// Finds the target of the `rel="next"` link in one `Link` header value.
fn next_link(value: &str) -> Option<&str> {
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>')?;
        let target = &after[..end];
        let tail = &after[end + 1..];
        let params = &tail[..tail.find('<').unwrap_or(tail.len())];
        let is_next = params.split([';', ',']).any(|param| {
            param
                .trim()
                .split_once('=')
                .filter(|(key, _)| key.trim().eq_ignore_ascii_case("rel"))
                .is_some_and(|(_, rel)| {
                    rel.trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
                })
        });
        if is_next {
            return Some(target.trim());
        }
        rest = tail;
    }
    None
}

/// Checks a model id: `owner/name`, or a bare legacy name such as `gpt2`, each part made of
/// letters, digits, `-`, `_` and `.`.
fn model_id_segments(id: &str) -> Result<Vec<&str>, HubError> {
    let invalid = || HubError::InvalidModelId { id: id.to_string() };
    let segments: Vec<&str> = id.split('/').collect();
    let valid_segment = |segment: &&str| {
        !segment.is_empty()
            && segment.len() <= 96
            && *segment != "."
            && *segment != ".."
            && segment
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'))
    };
    if segments.len() > 2 || !segments.iter().all(valid_segment) {
        return Err(invalid());
    }
    Ok(segments)
}

/// `owner/name` from a `…/api/models/owner/name` URL, for documents that lack an id.
fn id_from_model_url(url: &Url) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.collect();
    let position = segments
        .windows(2)
        .position(|pair| pair == ["api", "models"])?;
    let id = segments[position + 2..].join("/");
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(endpoint: &str) -> HubClient {
        HubClient::new(ClientConfig::new(Endpoint::parse(endpoint).unwrap())).unwrap()
    }

    #[test]
    fn first_page_url_carries_query_and_expand() {
        let client = client("https://huggingface.co");
        let url = client.first_page_url(&ListQuery {
            search: Some("llama".into()),
            author: Some("meta-llama".into()),
            pipeline_tag: Some("text-generation".into()),
            filters: vec!["gguf".into(), "en".into()],
            sort: Some(Sort::Downloads),
            page_size: 5000,
        });
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let get = |key: &str| -> Vec<&str> {
            pairs
                .iter()
                .filter(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
                .collect()
        };
        assert_eq!(url.path(), "/api/models");
        assert_eq!(get("search"), ["llama"]);
        assert_eq!(get("author"), ["meta-llama"]);
        assert_eq!(get("pipeline_tag"), ["text-generation"]);
        assert_eq!(get("filter"), ["gguf", "en"]);
        assert_eq!(get("sort"), ["downloads"]);
        assert_eq!(get("limit"), ["1000"]);
        assert_eq!(get("expand[]"), EXPAND_FIELDS);
        assert!(get("cursor").is_empty());
    }

    #[test]
    fn model_urls_keep_the_slash() {
        let client = client("https://huggingface.co");
        assert_eq!(
            client
                .model_url("google-bert/bert-base-uncased")
                .unwrap()
                .as_str(),
            "https://huggingface.co/api/models/google-bert/bert-base-uncased"
        );
        assert_eq!(
            client.model_url("gpt2").unwrap().as_str(),
            "https://huggingface.co/api/models/gpt2"
        );
        for bad in [
            "", "a/b/c", "../x", "a/..", "a b/c", "a/%2F", "a//b", "a/b?x=1",
        ] {
            assert!(
                matches!(client.model_url(bad), Err(HubError::InvalidModelId { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn link_header_parsing() {
        assert_eq!(
            next_link("<https://huggingface.co/api/models?cursor=abc>; rel=\"next\""),
            Some("https://huggingface.co/api/models?cursor=abc")
        );
        assert_eq!(
            next_link("<https://x/prev>; rel=\"prev\", <https://x/next?a=1,2>; rel=next"),
            Some("https://x/next?a=1,2")
        );
        assert_eq!(next_link("<https://x/last>; rel=\"last\""), None);
        assert_eq!(next_link("garbage"), None);
    }

    #[test]
    fn page_parsing_is_all_or_nothing() {
        let url = Url::parse("http://127.0.0.1/api/models").unwrap();
        let headers = HeaderMap::new();
        let (records, skipped, next) =
            parse_page(&url, &headers, br#"[{"id":"a/b"},{"likes":1},{"id":3}]"#).unwrap();
        assert_eq!((records.len(), skipped, next), (1, 2, None));
        let html = parse_page(&url, &headers, b"<html>502</html>").unwrap_err();
        assert!(html.contains("HTML"), "{html}");
        let truncated = parse_page(&url, &headers, br#"[{"id":"a/b"},{"id":"c"#).unwrap_err();
        assert!(truncated.contains("truncated"), "{truncated}");
        let not_objects = parse_page(&url, &headers, br#"[{"id":"a/b"},1]"#).unwrap_err();
        assert!(not_objects.contains("element 2"), "{not_objects}");
        let error_doc = parse_page(&url, &headers, br#"{"error":"x"}"#).unwrap_err();
        assert!(error_doc.contains("an object"), "{error_doc}");
    }

    #[test]
    fn server_detail_is_sanitized() {
        let mut headers = HeaderMap::new();
        headers.insert("x-error-code", HeaderValue::from_static("Repo Not/Found"));
        headers.insert(
            "x-error-message",
            HeaderValue::from_bytes("Repository \u{202e}not found".as_bytes()).unwrap(),
        );
        let detail = server_detail(&headers, b"");
        assert_eq!(detail.code, None);
        assert_eq!(detail.message.as_deref(), Some("Repository not found"));
        let body = br#"{"error":"Invalid \u001b[31mcredentials"}"#;
        let detail = server_detail(&HeaderMap::new(), body);
        assert_eq!(detail.message.as_deref(), Some("Invalid credentials"));
        let detail = server_detail(&HeaderMap::new(), br#"{"error":"Invalid credentials"}"#);
        assert_eq!(detail.message.as_deref(), Some("Invalid credentials"));
    }

    #[test]
    fn id_from_url() {
        let url = Url::parse("https://h/api/models/google-bert/bert-base-uncased").unwrap();
        assert_eq!(
            id_from_model_url(&url).as_deref(),
            Some("google-bert/bert-base-uncased")
        );
    }

    #[test]
    fn debug_is_redacted() {
        let token = Token::new("hf_supersecret", TokenSource::Explicit)
            .unwrap()
            .unwrap();
        let config = ClientConfig::new(Endpoint::parse("https://huggingface.co").unwrap())
            .with_token(Some(ResolvedToken {
                token,
                source: TokenSource::Explicit,
            }));
        let client = HubClient::new(config).unwrap();
        assert!(!format!("{client:?}").contains("hf_supersecret"));
    }
}
