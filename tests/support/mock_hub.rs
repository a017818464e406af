//! A local mock of the Hub's model API for tests and benchmarks. It binds 127.0.0.1 only.
//!
//! It replays recorded records (JSON arrays, one record kept per id) or synthetic ones, and
//! serves:
//! - `GET /api/models` with `limit` (at most 1000), `sort` (descending; default
//!   `trendingScore`), `search`, `author`, `pipeline_tag`, `filter` (repeatable, ANDed) and
//!   `expand`/`expand[]` projection (only `_id`, `id`, the sort key and the requested fields).
//!   Pages are chained by an opaque `cursor` in an absolute `Link: <…>; rel="next"` header,
//!   absent on the last page.
//! - `GET /api/models/{owner}/{name}` (and bare legacy names): the full recorded document when
//!   there is one, else the merged record; renamed ids answer 307 with a relative `Location`.
//!
//! Every response has `RateLimit` and `RateLimit-Policy` headers. Faults can be scripted per
//! request number or per list page: 429 with `RateLimit: "api";r=0;t=N` (and `Retry-After`),
//! any status, a slow response, a connection closed without a response, an HTML page with
//! status 200 and truncated JSON. A required token answers 401 "Invalid credentials in
//! Authorization header" when the bearer token is missing or wrong. Every request is recorded
//! for assertions.

#![allow(dead_code)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Map, Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The sort keys of `GET /api/models`.
pub const SORT_KEYS: [&str; 5] = [
    "downloads",
    "likes",
    "trendingScore",
    "createdAt",
    "lastModified",
];

/// The keys of a list item without `expand`.
const DEFAULT_LIST_KEYS: [&str; 11] = [
    "_id",
    "id",
    "modelId",
    "likes",
    "downloads",
    "trendingScore",
    "private",
    "pipeline_tag",
    "library_name",
    "tags",
    "createdAt",
];

const MAX_LIMIT: usize = 1000;
const RATE_WINDOW_SECS: u64 = 300;

/// A fault the mock sends instead of the normal response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `RateLimit: "api";r=0;t=<reset_secs>`, and `Retry-After` when given.
    RateLimited {
        reset_secs: u64,
        retry_after: Option<u64>,
    },
    /// 429 with only a `Retry-After` (the bucket header says requests remain).
    RetryAfter { secs: u64 },
    /// This status with a JSON error body.
    Status(u16),
    /// The normal response, sent after this delay.
    Slow(Duration),
    /// The connection is closed without a response.
    Reset,
    /// Status 200 with an HTML error page.
    Html,
    /// Status 200 with the normal JSON body cut in half.
    TruncatedJson,
    /// Status 200, typed as JSON, with this many bytes of pseudo-random garbage.
    Garbage(usize),
}

/// When a fault fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The n-th request the mock receives, counting from 1, whatever its path.
    Request(u64),
    /// The first `times` requests for list page `page` (counting from 1) of any listing.
    Page { page: usize, times: u32 },
    /// The first `times` requests of any kind.
    First { times: u32 },
}

/// A fault and when it fires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptedFault {
    pub trigger: Trigger,
    pub fault: Fault,
}

impl FromStr for ScriptedFault {
    type Err = String;

    /// `TRIGGER=FAULT`: TRIGGER is `request:N`, `page:N`, `page:NxT` (T times) or `first:T`;
    /// FAULT is `429:T` (rate limit resetting in T s), `429:T:R` (with Retry-After R),
    /// `retry-after:S`, a status such as `503`, `slow:MS`, `reset`, `html`, `truncated` or
    /// `garbage:BYTES`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid fault {text:?}; expected TRIGGER=FAULT such as page:2=503");
        let (trigger, fault) = text.split_once('=').ok_or_else(bad)?;
        let number = |value: &str| value.parse::<u64>().map_err(|_| bad());
        let trigger = match trigger.split_once(':').ok_or_else(bad)? {
            ("request", n) => Trigger::Request(number(n)?),
            ("first", n) => Trigger::First {
                times: number(n)? as u32,
            },
            ("page", spec) => {
                let (page, times) = spec.split_once('x').unwrap_or((spec, "1"));
                Trigger::Page {
                    page: number(page)? as usize,
                    times: number(times)? as u32,
                }
            }
            _ => return Err(bad()),
        };
        let parts: Vec<&str> = fault.split(':').collect();
        let fault = match parts.as_slice() {
            ["429", reset] => Fault::RateLimited {
                reset_secs: number(reset)?,
                retry_after: None,
            },
            ["429", reset, retry_after] => Fault::RateLimited {
                reset_secs: number(reset)?,
                retry_after: Some(number(retry_after)?),
            },
            ["retry-after", secs] => Fault::RetryAfter {
                secs: number(secs)?,
            },
            ["slow", millis] => Fault::Slow(Duration::from_millis(number(millis)?)),
            ["reset"] => Fault::Reset,
            ["html"] => Fault::Html,
            ["truncated"] => Fault::TruncatedJson,
            ["garbage", bytes] => Fault::Garbage(number(bytes)? as usize),
            [status] => {
                let status = number(status)?;
                if !(100..=599).contains(&status) {
                    return Err(bad());
                }
                Fault::Status(status as u16)
            }
            _ => return Err(bad()),
        };
        Ok(ScriptedFault { trigger, fault })
    }
}

/// How the mock behaves besides its data.
#[derive(Debug, Clone, Default)]
pub struct MockConfig {
    pub faults: Vec<ScriptedFault>,
    /// When set, requests without `Authorization: Bearer <this>` get 401.
    pub required_token: Option<String>,
    /// Renamed repositories: old id to new id (sent as a relative `Location`), or to an absolute
    /// URL (sent as is).
    pub renames: HashMap<String, String>,
    /// The scheme, host and port written in `Link` headers instead of the mock's own, as the
    /// Hub writes its own host behind a mirror.
    pub link_origin: Option<String>,
    /// The `q` of `RateLimit-Policy`; 1000 when 0.
    pub quota: u64,
    /// Repository `config.json` files, by model id, served at
    /// `/{owner}/{name}/resolve/main/config.json`; other ids answer 404.
    pub config_files: HashMap<String, Value>,
}

impl MockConfig {
    pub fn fault(mut self, trigger: Trigger, fault: Fault) -> Self {
        self.faults.push(ScriptedFault { trigger, fault });
        self
    }

    pub fn on_request(self, number: u64, fault: Fault) -> Self {
        self.fault(Trigger::Request(number), fault)
    }

    pub fn on_page(self, page: usize, times: u32, fault: Fault) -> Self {
        self.fault(Trigger::Page { page, times }, fault)
    }

    pub fn require_token(mut self, token: &str) -> Self {
        self.required_token = Some(token.to_string());
        self
    }

    pub fn rename(mut self, old: &str, new: &str) -> Self {
        self.renames.insert(old.to_string(), new.to_string());
        self
    }

    pub fn config_file(mut self, id: &str, config: Value) -> Self {
        self.config_files.insert(id.to_string(), config);
        self
    }

    pub fn link_origin(mut self, origin: &str) -> Self {
        self.link_origin = Some(origin.trim_end_matches('/').to_string());
        self
    }
}

/// One request as the mock received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// 1 for the first request.
    pub number: u64,
    pub method: String,
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    /// Whether an `Authorization` header was present.
    pub authorization: bool,
    /// The `Link` target of the response, for list pages that have a next page.
    pub next_link: Option<String>,
    /// The status answered; `None` when the connection was closed without a response.
    pub status: Option<u16>,
}

impl RecordedRequest {
    /// Returns the path and query, as a client puts them on the request line.
    pub fn target(&self) -> String {
        match &self.query {
            Some(query) => format!("{}?{query}", self.path),
            None => self.path.clone(),
        }
    }

    /// Returns the decoded values of a query parameter.
    pub fn query_values(&self, key: &str) -> Vec<String> {
        url::form_urlencoded::parse(self.query.as_deref().unwrap_or("").as_bytes())
            .filter(|(name, _)| name == key)
            .map(|(_, value)| value.into_owned())
            .collect()
    }
}

/// A sortable value; missing values sort last.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum SortValue {
    Missing,
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone)]
enum Body {
    Stored(Arc<Map<String, Value>>),
    Synthetic(u64),
}

/// One record with what filtering and sorting read, kept apart from its body.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    pipeline_tag: Option<String>,
    library_name: Option<String>,
    tags: Vec<String>,
    keys: [SortValue; 5],
    body: Body,
}

impl Entry {
    fn from_map(map: Map<String, Value>) -> Option<Entry> {
        let id = map
            .get("id")
            .or_else(|| map.get("modelId"))?
            .as_str()?
            .to_string();
        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
        let tags = map
            .get("tags")
            .and_then(Value::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let keys = SORT_KEYS.map(|key| match map.get(key) {
            Some(Value::Number(number)) => number
                .as_f64()
                .map_or(SortValue::Missing, SortValue::Number),
            Some(Value::String(text)) => SortValue::Text(text.clone()),
            _ => SortValue::Missing,
        });
        Some(Entry {
            id,
            pipeline_tag: text("pipeline_tag"),
            library_name: text("library_name"),
            tags,
            keys,
            body: Body::Stored(Arc::new(map)),
        })
    }

    fn body(&self) -> Arc<Map<String, Value>> {
        match &self.body {
            Body::Stored(map) => map.clone(),
            Body::Synthetic(index) => Arc::new(synthetic_record(*index)),
        }
    }
}

/// The records a mock serves.
#[derive(Debug, Clone, Default)]
pub struct MockData {
    entries: Vec<Entry>,
    /// Full documents (those with `sha` or `siblings`) by id, for the model endpoint.
    full: HashMap<String, Arc<Map<String, Value>>>,
}

impl MockData {
    /// Records from JSON values (arrays of records or single records). One record is kept per
    /// id: the one with the larger `lastModified`, else the later one; fields it lacks are
    /// taken from the others.
    pub fn from_values(values: Vec<Value>) -> MockData {
        let mut merged: Vec<Map<String, Value>> = Vec::new();
        let mut positions: HashMap<String, usize> = HashMap::new();
        let mut full = HashMap::new();
        let records = values.into_iter().flat_map(|value| match value {
            Value::Array(items) => items,
            other => vec![other],
        });
        for record in records {
            let Value::Object(map) = record else { continue };
            let Some(id) = map
                .get("id")
                .or_else(|| map.get("modelId"))
                .and_then(Value::as_str)
                .map(str::to_string)
            else {
                continue;
            };
            if map.contains_key("sha") || map.contains_key("siblings") {
                full.insert(id.clone(), Arc::new(map.clone()));
            }
            match positions.get(&id) {
                None => {
                    positions.insert(id, merged.len());
                    merged.push(map);
                }
                Some(&position) => {
                    let old = &merged[position];
                    let modified = |map: &Map<String, Value>| {
                        map.get("lastModified")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    };
                    let (mut base, top) = if modified(&map) >= modified(old) {
                        (old.clone(), map)
                    } else {
                        (map, old.clone())
                    };
                    base.extend(top);
                    merged[position] = base;
                }
            }
        }
        MockData {
            entries: merged.into_iter().filter_map(Entry::from_map).collect(),
            full,
        }
    }

    /// Records from files, each a JSON array of records or one record.
    pub fn load(paths: &[PathBuf]) -> std::io::Result<MockData> {
        let mut values = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(path)?;
            let value: Value = serde_json::from_str(&text).map_err(|error| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {error}", path.display()),
                )
            })?;
            values.push(value);
        }
        Ok(MockData::from_values(values))
    }

    /// Loads every `*.json` file of a folder, in name order.
    pub fn load_dir(dir: &Path) -> std::io::Result<MockData> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "json")
            })
            .collect();
        paths.sort();
        MockData::load(&paths)
    }

    /// `count` generated records shaped like the recorded ones, ids `synthetic/…`.
    pub fn synthetic(count: u64) -> MockData {
        let mut data = MockData::default();
        data.add_synthetic(count);
        data
    }

    /// Adds `count` generated records.
    pub fn add_synthetic(&mut self, count: u64) {
        self.entries.reserve(count as usize);
        for index in 0..count {
            let shape = SyntheticShape::new(index);
            self.entries.push(Entry {
                id: shape.id(),
                pipeline_tag: shape.pipeline_tag().map(str::to_string),
                library_name: Some(shape.library().to_string()),
                tags: shape.tags(),
                keys: [
                    SortValue::Number(shape.downloads() as f64),
                    SortValue::Number(shape.likes() as f64),
                    SortValue::Number(shape.trending_score()),
                    SortValue::Text(shape.created_at()),
                    SortValue::Text(shape.last_modified()),
                ],
                body: Body::Synthetic(index),
            });
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns every id, in no particular order.
    pub fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|entry| entry.id.clone()).collect()
    }

    /// Returns the ids that have a full document (with `sha` or `siblings`).
    pub fn full_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.full.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Returns the record that the model endpoint serves for `id`.
    pub fn record(&self, id: &str) -> Option<Value> {
        if let Some(full) = self.full.get(id) {
            return Some(Value::Object((**full).clone()));
        }
        self.entries
            .iter()
            .find(|entry| entry.id == id)
            .map(|entry| Value::Object((*entry.body()).clone()))
    }
}

/// The deterministic shape of synthetic record `index`.
struct SyntheticShape {
    index: u64,
    hash: u64,
}

const FAMILIES: [(&str, &str, &str); 6] = [
    ("llama", "LlamaForCausalLM", "llama"),
    ("qwen", "Qwen2ForCausalLM", "qwen2"),
    ("gemma", "Gemma2ForCausalLM", "gemma2"),
    ("phi", "Phi3ForCausalLM", "phi3"),
    ("mistral", "MistralForCausalLM", "mistral"),
    ("bert", "BertModel", "bert"),
];
const SIZES: [(&str, u64); 8] = [
    ("135M", 134_515_008),
    ("0.5B", 494_032_768),
    ("1.5B", 1_543_714_304),
    ("3B", 3_212_749_824),
    ("7B", 7_615_616_512),
    ("14B", 14_770_033_664),
    ("32B", 32_763_876_352),
    ("70B", 70_553_706_496),
];
const PIPELINES: [Option<&str>; 6] = [
    Some("text-generation"),
    Some("text-generation"),
    Some("text2text-generation"),
    Some("feature-extraction"),
    Some("image-text-to-text"),
    None,
];
const LIBRARIES: [&str; 4] = ["transformers", "gguf", "mlx", "sentence-transformers"];

impl SyntheticShape {
    fn new(index: u64) -> Self {
        // splitmix64: a fixed, well-spread hash of the index.
        let mut z = index.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        SyntheticShape {
            index,
            hash: z ^ (z >> 31),
        }
    }

    fn pick(&self, shift: u32, count: usize) -> usize {
        ((self.hash >> shift) % count as u64) as usize
    }

    fn family(&self) -> (&'static str, &'static str, &'static str) {
        FAMILIES[self.pick(0, FAMILIES.len())]
    }

    fn size(&self) -> (&'static str, u64) {
        SIZES[self.pick(8, SIZES.len())]
    }

    fn library(&self) -> &'static str {
        LIBRARIES[self.pick(16, LIBRARIES.len())]
    }

    fn pipeline_tag(&self) -> Option<&'static str> {
        PIPELINES[self.pick(20, PIPELINES.len())]
    }

    fn id(&self) -> String {
        let (family, _, _) = self.family();
        let (size, _) = self.size();
        format!("synthetic/{family}-{size}-{:06}", self.index)
    }

    fn downloads(&self) -> u64 {
        (self.hash >> 24) % 5_000_000 / (1 + self.index % 97)
    }

    fn likes(&self) -> u64 {
        (self.hash >> 40) % 5_000 / (1 + self.index % 13)
    }

    fn trending_score(&self) -> f64 {
        ((self.hash >> 44) % 400) as f64
    }

    fn created_at(&self) -> String {
        // 2023-01-01 plus up to ~700 days.
        let seconds = 1_672_531_200 + (self.hash >> 12) % (700 * 86_400);
        timestamp(seconds)
    }

    fn last_modified(&self) -> String {
        let seconds = 1_672_531_200 + (self.hash >> 12) % (700 * 86_400) + (self.hash % 86_400);
        timestamp(seconds)
    }

    fn tags(&self) -> Vec<String> {
        let mut tags = vec![self.library().to_string()];
        if self.library() != "transformers" {
            tags.push("transformers".to_string());
        }
        if let Some(pipeline) = self.pipeline_tag() {
            tags.push(pipeline.to_string());
        }
        tags.push(self.family().2.to_string());
        tags.push("en".to_string());
        tags.push("license:apache-2.0".to_string());
        tags.push("region:us".to_string());
        tags
    }
}

fn timestamp(seconds: u64) -> String {
    jiff::Timestamp::from_second(seconds as i64)
        .map(|timestamp| timestamp.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string())
        .unwrap_or_default()
}

/// Builds the full synthetic record number `index`.
fn synthetic_record(index: u64) -> Map<String, Value> {
    let shape = SyntheticShape::new(index);
    let id = shape.id();
    let (_, architecture, model_type) = shape.family();
    let (_, parameters) = shape.size();
    let gated = match shape.pick(28, 40) {
        0 => json!("manual"),
        1 => json!("auto"),
        _ => json!(false),
    };

    let mut map = Map::new();
    map.insert(
        "_id".into(),
        json!(format!("{:024x}", 0x6500_0000u64 + index)),
    );
    map.insert("id".into(), json!(id));
    map.insert("modelId".into(), json!(id));
    map.insert("author".into(), json!("synthetic"));
    map.insert("private".into(), json!(false));
    map.insert("likes".into(), json!(shape.likes()));
    map.insert("downloads".into(), json!(shape.downloads()));
    map.insert(
        "downloadsAllTime".into(),
        json!(shape.downloads() * (1 + shape.pick(32, 10) as u64)),
    );
    map.insert("trendingScore".into(), json!(shape.trending_score()));
    if let Some(pipeline) = shape.pipeline_tag() {
        map.insert("pipeline_tag".into(), json!(pipeline));
    }
    map.insert("library_name".into(), json!(shape.library()));
    map.insert("tags".into(), json!(shape.tags()));
    map.insert("createdAt".into(), json!(shape.created_at()));
    map.insert("lastModified".into(), json!(shape.last_modified()));
    map.insert("gated".into(), gated);

    if shape.library() == "gguf" {
        map.insert(
            "gguf".into(),
            json!({"total": parameters, "architecture": model_type, "context_length": 4096}),
        );
    } else if shape.pick(36, 2) == 0 {
        map.insert(
            "safetensors".into(),
            json!({"parameters": {"BF16": parameters}, "total": parameters}),
        );
    }
    map.insert(
        "config".into(),
        json!({"architectures": [architecture], "model_type": model_type}),
    );
    map
}

struct State {
    data: MockData,
    /// Entry indices in descending order of each sort key, ties by id.
    orders: HashMap<&'static str, Vec<usize>>,
    config: MockConfig,
    /// Remaining uses of each scripted fault.
    fault_uses: Mutex<Vec<u32>>,
    requests: Mutex<Vec<RecordedRequest>>,
    counter: AtomicU64,
    origin: String,
    started: Instant,
}

/// A running mock Hub. It stops when dropped.
pub struct MockHub {
    address: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

/// The error that makes hyper close a connection without a response.
#[derive(Debug)]
struct CloseConnection;

impl fmt::Display for CloseConnection {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("connection closed by the mock on purpose")
    }
}

impl std::error::Error for CloseConnection {}

type MockResponse = Response<Full<Bytes>>;

impl MockHub {
    /// Starts a server of `models` synthetic models that delays every response by `delay`, on a
    /// runtime of two worker threads, so that a test can act while a sync is under way.
    pub fn start_slow(models: u64, delay: Duration) -> (tokio::runtime::Runtime, MockHub) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the mock server");
        let every_request_slow =
            MockConfig::default().fault(Trigger::First { times: u32::MAX }, Fault::Slow(delay));
        let hub = runtime
            .block_on(MockHub::start(
                MockData::synthetic(models),
                every_request_slow,
            ))
            .expect("the mock server starts");
        (runtime, hub)
    }

    /// Starts a mock on 127.0.0.1 with a free port.
    pub async fn start(data: MockData, config: MockConfig) -> std::io::Result<MockHub> {
        MockHub::start_on(data, config, 0).await
    }

    /// Starts a mock on 127.0.0.1:`port` (0 for a free port).
    pub async fn start_on(
        data: MockData,
        config: MockConfig,
        port: u16,
    ) -> std::io::Result<MockHub> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let address = listener.local_addr()?;
        let mut orders = HashMap::new();
        for (key_index, key) in SORT_KEYS.iter().enumerate() {
            let mut order: Vec<usize> = (0..data.entries.len()).collect();
            order.sort_by(|&a, &b| {
                let (left, right) = (&data.entries[a], &data.entries[b]);
                right.keys[key_index]
                    .partial_cmp(&left.keys[key_index])
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| left.id.cmp(&right.id))
            });
            orders.insert(*key, order);
        }
        let fault_uses = config
            .faults
            .iter()
            .map(|fault| match fault.trigger {
                Trigger::Request(_) => 1,
                Trigger::Page { times, .. } | Trigger::First { times } => times,
            })
            .collect();
        let state = Arc::new(State {
            data,
            orders,
            config,
            fault_uses: Mutex::new(fault_uses),
            requests: Mutex::new(Vec::new()),
            counter: AtomicU64::new(0),
            origin: format!("http://{address}"),
            started: Instant::now(),
        });
        let served = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = served.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let state = state.clone();
                        async move { handle(&state, request).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(MockHub {
            address,
            state,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing `/`.
    pub fn url(&self) -> String {
        self.state.origin.clone()
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Returns the requests received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        let mut requests = self.state.requests.lock().unwrap().clone();
        requests.sort_by_key(|request| request.number);
        requests
    }

    pub fn request_count(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    pub fn data(&self) -> &MockData {
        &self.state.data
    }
}

impl Drop for MockHub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(
    state: &State,
    request: Request<Incoming>,
) -> Result<MockResponse, CloseConnection> {
    let number = state.counter.fetch_add(1, Ordering::SeqCst) + 1;
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let authorization = request.headers().get("authorization");

    let token_ok = match &state.config.required_token {
        None => true,
        Some(token) => authorization
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value == format!("Bearer {token}")),
    };
    state.requests.lock().unwrap().push(RecordedRequest {
        number,
        method: request.method().to_string(),
        path: path.clone(),
        query: query.clone(),
        authorization: authorization.is_some(),
        next_link: None,
        status: None,
    });

    let (response, next_link) = respond(
        state,
        number,
        request.method(),
        &path,
        query.as_deref(),
        token_ok,
    )
    .await?;
    let mut requests = state.requests.lock().unwrap();
    if let Some(recorded) = requests
        .iter_mut()
        .find(|recorded| recorded.number == number)
    {
        recorded.status = Some(response.status().as_u16());
        recorded.next_link = next_link;
    }
    Ok(response)
}

/// The parameters of a list request.
struct ListParams {
    limit: usize,
    sort: &'static str,
    search: Vec<String>,
    author: Option<String>,
    pipeline_tag: Option<String>,
    filters: Vec<String>,
    expand: Vec<String>,
    offset: usize,
    /// The query without `cursor`, in order, for the next link.
    pairs: Vec<(String, String)>,
}

fn parse_list_query(query: Option<&str>) -> Result<ListParams, String> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let mut params = ListParams {
        limit: MAX_LIMIT,
        sort: "trendingScore",
        search: Vec::new(),
        author: None,
        pipeline_tag: None,
        filters: Vec::new(),
        expand: Vec::new(),
        offset: 0,
        pairs: Vec::new(),
    };
    let mut sorted = false;
    for (key, value) in &pairs {
        match key.as_str() {
            "limit" => {
                let limit: usize = value
                    .parse()
                    .map_err(|_| format!("invalid limit {value:?}"))?;
                params.limit = limit.clamp(1, MAX_LIMIT);
            }
            "sort" => {
                params.sort = SORT_KEYS
                    .into_iter()
                    .find(|key| key == value)
                    .ok_or_else(|| format!("invalid sort {value:?}"))?;
                sorted = true;
            }
            "search" => params.search.push(value.to_lowercase()),
            "author" => params.author = Some(value.to_lowercase()),
            "pipeline_tag" => params.pipeline_tag = Some(value.clone()),
            "filter" => params.filters.push(value.clone()),
            "expand" | "expand[]" => params.expand.push(value.clone()),
            "cursor" => params.offset = decode_cursor(value)?,
            _ => {}
        }
        if key != "cursor" {
            params.pairs.push((key.clone(), value.clone()));
        }
    }
    if !sorted {
        // The Hub's next links of an unsorted listing carry its default order.
        params
            .pairs
            .push(("sort".to_string(), params.sort.to_string()));
    }
    Ok(params)
}

fn encode_cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(json!({ "$offset": offset, "v": 1 }).to_string())
}

fn decode_cursor(cursor: &str) -> Result<usize, String> {
    let invalid = || format!("invalid cursor {cursor:?}");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    value
        .get("$offset")
        .and_then(Value::as_u64)
        .map(|offset| offset as usize)
        .ok_or_else(invalid)
}

impl ListParams {
    fn matches(&self, entry: &Entry) -> bool {
        let id = entry.id.to_lowercase();
        self.search.iter().all(|search| id.contains(search))
            && self
                .author
                .as_ref()
                .is_none_or(|author| id.split_once('/').is_some_and(|(owner, _)| owner == author))
            && self
                .pipeline_tag
                .as_ref()
                .is_none_or(|tag| entry.pipeline_tag.as_ref() == Some(tag))
            && self.filters.iter().all(|filter| {
                entry.tags.iter().any(|tag| tag == filter)
                    || entry.library_name.as_ref() == Some(filter)
            })
    }

    /// Projects a record as a list item: the default keys, or with `expand` only `_id`, `id`,
    /// the sort key and the requested fields.
    fn project(&self, record: &Map<String, Value>) -> Value {
        let mut item = Map::new();
        let keep = |key: &str| {
            if self.expand.is_empty() {
                DEFAULT_LIST_KEYS.contains(&key)
            } else {
                key == "_id"
                    || key == "id"
                    || key == self.sort
                    || self.expand.iter().any(|k| k == key)
            }
        };
        for (key, value) in record {
            if keep(key) {
                item.insert(key.clone(), value.clone());
            }
        }
        Value::Object(item)
    }
}

fn json_response(status: u16, body: String) -> MockResponse {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    response.headers_mut().insert(
        "content-type",
        "application/json; charset=utf-8".parse().unwrap(),
    );
    response
}

fn error_response(status: u16, message: &str) -> MockResponse {
    json_response(status, json!({ "error": message }).to_string())
}

fn set_header(response: &mut MockResponse, name: &'static str, value: &str) {
    if let Ok(value) = value.parse() {
        response.headers_mut().insert(name, value);
    }
}

/// Finds the fault for this request, using it up.
fn take_fault(state: &State, number: u64, page: Option<usize>) -> Option<Fault> {
    let mut uses = state.fault_uses.lock().unwrap();
    for (index, scripted) in state.config.faults.iter().enumerate() {
        if uses[index] == 0 {
            continue;
        }
        let fires = match scripted.trigger {
            Trigger::Request(n) => n == number,
            Trigger::Page { page: wanted, .. } => page == Some(wanted),
            Trigger::First { .. } => true,
        };
        if fires {
            uses[index] -= 1;
            return Some(scripted.fault.clone());
        }
    }
    None
}

async fn respond(
    state: &State,
    number: u64,
    method: &hyper::Method,
    path: &str,
    query: Option<&str>,
    token_ok: bool,
) -> Result<(MockResponse, Option<String>), CloseConnection> {
    let quota = if state.config.quota == 0 {
        1000
    } else {
        state.config.quota
    };
    let elapsed = state.started.elapsed().as_secs();
    let remaining = quota.saturating_sub(number);
    let reset = RATE_WINDOW_SECS - elapsed % RATE_WINDOW_SECS;
    let rate_headers = |response: &mut MockResponse, remaining: u64, reset: u64| {
        set_header(
            response,
            "ratelimit",
            &format!("\"api\";r={remaining};t={reset}"),
        );
        set_header(
            response,
            "ratelimit-policy",
            &format!("\"fixed window\";\"api\";q={quota};w={RATE_WINDOW_SECS}"),
        );
    };

    if !token_ok {
        let mut response = error_response(401, "Invalid credentials in Authorization header");
        set_header(
            &mut response,
            "x-error-message",
            "Invalid credentials in Authorization header",
        );
        rate_headers(&mut response, remaining, reset);
        return Ok((response, None));
    }

    let list = path == "/api/models";
    let params = if list {
        Some(parse_list_query(query))
    } else {
        None
    };
    let page = match &params {
        Some(Ok(params)) => Some(params.offset / params.limit + 1),
        _ => None,
    };

    let mut delay = None;
    let mut body_fault = None;
    match take_fault(state, number, page) {
        None => {}
        Some(Fault::Reset) => return Err(CloseConnection),
        Some(Fault::RateLimited {
            reset_secs,
            retry_after,
        }) => {
            let mut response = error_response(
                429,
                "You have exceeded our rate limit of API requests. Please wait and retry.",
            );
            rate_headers(&mut response, 0, reset_secs);
            if let Some(secs) = retry_after {
                set_header(&mut response, "retry-after", &secs.to_string());
            }
            return Ok((response, None));
        }
        Some(Fault::RetryAfter { secs }) => {
            let mut response = error_response(429, "Too many requests");
            rate_headers(&mut response, remaining.max(1), reset);
            set_header(&mut response, "retry-after", &secs.to_string());
            return Ok((response, None));
        }
        Some(Fault::Status(status)) => {
            let mut response = error_response(
                status,
                "Internal Error - We're working hard to fix this as soon as possible!",
            );
            rate_headers(&mut response, remaining, reset);
            return Ok((response, None));
        }
        Some(Fault::Slow(duration)) => delay = Some(duration),
        Some(fault @ (Fault::Html | Fault::TruncatedJson | Fault::Garbage(_))) => {
            body_fault = Some(fault)
        }
    }
    if let Some(duration) = delay {
        tokio::time::sleep(duration).await;
    }

    let (mut response, next_link) = if method != hyper::Method::GET {
        (error_response(405, "Method not allowed"), None)
    } else if let Some(params) = params {
        match params {
            Ok(params) => serve_list(state, &params),
            Err(message) => (error_response(400, &message), None),
        }
    } else if let Some(id) = path.strip_prefix("/api/models/") {
        (serve_model(state, id), None)
    } else if let Some(id) = path
        .strip_prefix('/')
        .and_then(|rest| rest.strip_suffix("/resolve/main/config.json"))
    {
        match state.config.config_files.get(id) {
            Some(config) => (json_response(200, config.to_string()), None),
            None => (error_response(404, "Entry not found"), None),
        }
    } else {
        (
            error_response(404, "Sorry, we can't find the page you are looking for."),
            None,
        )
    };
    rate_headers(&mut response, remaining, reset);

    match body_fault {
        Some(Fault::Html) => {
            let html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n";
            let mut faulty = Response::new(Full::new(Bytes::from(html)));
            set_header(&mut faulty, "content-type", "text/html; charset=utf-8");
            rate_headers(&mut faulty, remaining, reset);
            Ok((faulty, None))
        }
        Some(Fault::TruncatedJson) => {
            use http_body_util::BodyExt;
            let headers = response.headers().clone();
            let body = response
                .into_body()
                .collect()
                .await
                .map(|collected| collected.to_bytes())
                .unwrap_or_else(|never: Infallible| match never {});
            let cut = body.slice(..body.len() / 2);
            let mut faulty = Response::new(Full::new(cut));
            *faulty.headers_mut() = headers;
            faulty.headers_mut().remove("content-length");
            Ok((faulty, None))
        }
        Some(Fault::Garbage(bytes)) => {
            let mut faulty = Response::new(Full::new(Bytes::from(garbage(bytes))));
            set_header(&mut faulty, "content-type", "application/json");
            rate_headers(&mut faulty, remaining, reset);
            Ok((faulty, None))
        }
        _ => Ok((response, next_link)),
    }
}

/// Returns `length` pseudo-random bytes from a fixed xorshift sequence, the same on every run.
pub fn garbage(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 56) as u8
        })
        .collect()
}

fn serve_list(state: &State, params: &ListParams) -> (MockResponse, Option<String>) {
    let order = &state.orders[params.sort];
    let mut matched = order
        .iter()
        .map(|&index| &state.data.entries[index])
        .filter(|entry| params.matches(entry));
    let page: Vec<Value> = matched
        .by_ref()
        .skip(params.offset)
        .take(params.limit)
        .map(|entry| params.project(&entry.body()))
        .collect();
    let more = matched.next().is_some();
    let body = serde_json::to_string(&page).expect("JSON values serialize");
    let mut response = json_response(200, body);
    let next_link = more.then(|| {
        let origin = state
            .config
            .link_origin
            .clone()
            .unwrap_or_else(|| state.origin.clone());
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in &params.pairs {
            serializer.append_pair(key, value);
        }
        serializer.append_pair("cursor", &encode_cursor(params.offset + params.limit));
        format!("{origin}/api/models?{}", serializer.finish())
    });
    if let Some(link) = &next_link {
        set_header(&mut response, "link", &format!("<{link}>; rel=\"next\""));
    }
    (response, next_link)
}

fn serve_model(state: &State, raw_id: &str) -> MockResponse {
    if raw_id.to_ascii_lowercase().contains("%2f") {
        return error_response(400, "Invalid repo id: the '/' must not be encoded");
    }
    let id = url::form_urlencoded::parse(format!("x={raw_id}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    if let Some(target) = state.config.renames.get(&id) {
        let location = if target.starts_with("http://") || target.starts_with("https://") {
            target.clone()
        } else {
            format!("/api/models/{target}")
        };
        let mut response = Response::new(Full::new(Bytes::from(format!(
            "Temporary Redirect. Redirecting to {location}"
        ))));
        *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
        set_header(&mut response, "location", &location);
        return response;
    }
    match state.data.record(&id) {
        Some(record) => json_response(200, record.to_string()),
        None => {
            let mut response = error_response(404, "Repository not found");
            set_header(&mut response, "x-error-code", "RepoNotFound");
            set_header(&mut response, "x-error-message", "Repository not found");
            response
        }
    }
}
