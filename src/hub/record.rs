//! Hub API model records as the API sends them: `GET /api/models` list items (with or without
//! `expand`) and `GET /api/models/{id}` documents. Every field is optional because projection mode
//! and API drift omit fields freely, and unknown fields are ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// The Hub's placeholder `createdAt` for repositories created before creation dates were
/// recorded. It means "unknown", not 2 March 2022.
pub const PLACEHOLDER_CREATED_AT: &str = "2022-03-02T23:29:04.000Z";

#[derive(Debug, Clone, Default, Deserialize)]
pub struct HubModel {
    pub id: Option<String>,
    /// Deprecated alias of `id`, still sent by the Hub.
    #[serde(rename = "modelId")]
    pub model_id: Option<String>,
    pub author: Option<String>,
    pub pipeline_tag: Option<String>,
    pub library_name: Option<String>,
    #[serde(rename = "createdAt")]
    pub created_at: Option<String>,
    #[serde(rename = "lastModified")]
    pub last_modified: Option<String>,
    #[serde(default, deserialize_with = "lenient::count")]
    pub downloads: Option<u64>,
    #[serde(
        rename = "downloadsAllTime",
        default,
        deserialize_with = "lenient::count"
    )]
    pub downloads_all_time: Option<u64>,
    #[serde(default, deserialize_with = "lenient::count")]
    pub likes: Option<u64>,
    #[serde(rename = "trendingScore", default, deserialize_with = "lenient::float")]
    pub trending_score: Option<f64>,
    #[serde(default, deserialize_with = "lenient::gated")]
    pub gated: Option<crate::model::Gated>,
    #[serde(default, deserialize_with = "lenient::tags")]
    pub tags: Option<crate::hub::tags::RawTags>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub safetensors: Option<Safetensors>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub gguf: Option<Gguf>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub config: Option<Config>,
    /// Evaluation results from the model card, kept raw for the benchmark importer.
    #[serde(rename = "model-index")]
    pub model_index: Option<Value>,
    /// The expert layout read from the repository's `config.json`, which the API documents do
    /// not carry; filled by `sync --details`.
    #[serde(skip)]
    pub moe: Option<crate::params::MoeConfig>,
}

impl HubModel {
    /// The repository id, from `id` or its deprecated alias `modelId`.
    pub fn repo_id(&self) -> Option<&str> {
        self.id
            .as_deref()
            .or(self.model_id.as_deref())
            .filter(|id| !id.trim().is_empty())
    }
}

/// `safetensors`: per-dtype parameter counts and a `total` that may be self-declared.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
pub struct Safetensors {
    #[serde(default)]
    pub parameters: BTreeMap<String, u64>,
    pub total: Option<u64>,
}

/// `gguf`: the parts of the GGUF summary the cache uses.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Gguf {
    pub total: Option<u64>,
    pub architecture: Option<String>,
    pub context_length: Option<u64>,
}

/// `config`: the subset the Hub exposes (architectures, model_type, quantization_config) plus the
/// expert counts that some full documents carry.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub architectures: Option<Vec<String>>,
    pub model_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub quantization_config: Option<QuantizationConfig>,
    pub num_local_experts: Option<u64>,
    pub num_experts_per_tok: Option<u64>,
}

/// `config.quantization_config`: the method and the bit width of packed weights.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
pub struct QuantizationConfig {
    pub quant_method: Option<String>,
    #[serde(default, deserialize_with = "lenient::count")]
    pub bits: Option<u64>,
    #[serde(default)]
    pub load_in_4bit: Option<bool>,
    #[serde(default)]
    pub load_in_8bit: Option<bool>,
}

/// Deserializers that turn a value of the wrong type into `None` instead of failing the record:
/// recorded Hub documents mix `false` with strings, numbers with null, and objects with lists.
///
/// Each reads the value in place through a visitor, without building a `serde_json::Value`
/// first, and gives what a conversion of that `Value` gave.
mod lenient;
