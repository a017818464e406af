//! Domain types shared by the cache, the analysis core and the panes.

use std::borrow::Cow;

use serde::Serialize;

use crate::i18n::Lang;

mod compact;
mod ids;
mod tag_summary;

use compact::{Count, Score};
pub use compact::{HubTime, SharedText};
pub use ids::{IdList, ModelId};
pub use tag_summary::{Interner, TagSummary};

/// Source of a model's parameter count, from most to least trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamSource {
    /// The Hub's `safetensors` summary (the sum of per-dtype counts, corrected for packing).
    Safetensors,
    /// The Hub's `gguf.total`, for repositories that only ship GGUF files.
    Gguf,
    /// The publisher's official count, from the reference set in `assets/`.
    Reference,
    /// A size token in the repository name, such as `1.5B` in `Qwen2.5-1.5B`.
    Name,
    /// The size an imported leaderboard gives for the model, used only when no other source did.
    Leaderboard,
    /// No source gave a count.
    Unknown,
}

impl ParamSource {
    pub const ALL: [ParamSource; 6] = [
        ParamSource::Safetensors,
        ParamSource::Gguf,
        ParamSource::Reference,
        ParamSource::Name,
        ParamSource::Leaderboard,
        ParamSource::Unknown,
    ];

    /// The spelling stored in the cache and printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamSource::Safetensors => "safetensors",
            ParamSource::Gguf => "gguf",
            ParamSource::Reference => "reference",
            ParamSource::Name => "name",
            ParamSource::Leaderboard => "leaderboard",
            ParamSource::Unknown => "unknown",
        }
    }

    /// Parses the stored spelling; `None` for anything else.
    pub fn parse(text: &str) -> Option<ParamSource> {
        ParamSource::ALL
            .into_iter()
            .find(|source| source.as_str() == text)
    }
}

/// A resolved parameter count. `total` is unknown exactly when `source` is `Unknown`: an unknown
/// size is never stored as 0 and never counted as an SLM or an LLM. The counts keep their
/// absence in 8 bytes each, because every loaded model contains one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParamCount {
    total: Count,
    /// Parameters used per token, for mixture-of-experts models when it is known.
    active: Count,
    pub source: ParamSource,
    /// True when the count is an estimate: packed quantized weights, or an upper bound from a
    /// name such as `8x7B`.
    pub approximate: bool,
}

impl ParamCount {
    pub const UNKNOWN: ParamCount = ParamCount {
        total: Count::UNKNOWN,
        active: Count::UNKNOWN,
        source: ParamSource::Unknown,
        approximate: false,
    };

    pub fn new(
        total: Option<u64>,
        active: Option<u64>,
        source: ParamSource,
        approximate: bool,
    ) -> ParamCount {
        ParamCount {
            total: Count::new(total),
            active: Count::new(active),
            source,
            approximate,
        }
    }

    pub fn total(&self) -> Option<u64> {
        self.total.get()
    }

    /// Parameters used per token, for mixture-of-experts models when it is known.
    pub fn active(&self) -> Option<u64> {
        self.active.get()
    }

    pub fn set_total(&mut self, total: Option<u64>) {
        self.total = Count::new(total);
    }

    pub fn set_active(&mut self, active: Option<u64>) {
        self.active = Count::new(active);
    }
}

/// Access control of a Hub repository (`gated` is `false`, `"auto"` or `"manual"` in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gated {
    No,
    Auto,
    Manual,
}

impl Gated {
    pub fn as_str(self) -> &'static str {
        match self {
            Gated::No => "false",
            Gated::Auto => "auto",
            Gated::Manual => "manual",
        }
    }

    pub fn parse(text: &str) -> Option<Gated> {
        match text {
            "false" => Some(Gated::No),
            "auto" => Some(Gated::Auto),
            "manual" => Some(Gated::Manual),
            _ => None,
        }
    }
}

/// One Hub tag after splitting on its first colon. Bare tags that are ISO 639-1 language codes
/// get the kind `language`; other bare tags get the kind `tag`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Tag {
    /// Borrowed for the kinds the Hub uses most (see [`crate::hub::tags::kind_text`]), so that
    /// importing millions of tags does not allocate a copy of each kind.
    pub kind: Cow<'static, str>,
    pub value: String,
    /// The relation of a `base_model:<relation>:<id>` tag (finetune, quantized, adapter, merge).
    pub relation: Option<Cow<'static, str>>,
}

/// One cached model: the fields the analysis core and the panes read, kept compact because a
/// cache can hold millions of them. Repeated texts (author, pipeline_tag, library_name) are
/// shared through an [`Interner`], times and counts take 8 bytes each with room for "unknown",
/// and the tags are reduced to the [`TagSummary`] the analysis needs; the full tag list stays
/// in the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub id: ModelId,
    pub author: Option<SharedText>,
    pub pipeline_tag: Option<SharedText>,
    /// True when the Hub gave no pipeline_tag and `pipeline_tag` was inferred from a task tag or
    /// from `config.architectures`.
    pub pipeline_tag_inferred: bool,
    pub library_name: Option<SharedText>,
    /// Creation time; `None` when unknown, including the Hub's placeholder date.
    pub created_at: Option<HubTime>,
    /// True when the Hub gave its placeholder creation date (2022-03-02T23:29:04Z, or 23:29:05Z
    /// from the same batch), which means "created before the Hub recorded dates".
    pub created_before_tracking: bool,
    pub last_modified: Option<HubTime>,
    /// Downloads over the last 30 days: see [`Model::downloads`].
    downloads: Count,
    downloads_all_time: Count,
    likes: Count,
    trending_score: Score,
    pub gated: Option<Gated>,
    pub params: ParamCount,
    pub tags: TagSummary,
    /// True for a record that `slmscope synth` generated (its owner is `synthetic-org-<number>`),
    /// which no view may present as a real model.
    pub synthetic: bool,
}

// Every loaded model stays in memory, so each byte here costs 3 MB with 3,000,000 models.
const _: () = assert!(size_of::<Model>() <= 144, "a model grew");

impl Model {
    /// Creates a model with only an id: every other field unknown, empty or false.
    pub fn new(id: &str) -> Model {
        Model::with_id(id.into())
    }

    /// Creates a model with only an id, like [`Model::new`], whose id is already in a list.
    pub fn with_id(id: ModelId) -> Model {
        Model {
            id,
            author: None,
            pipeline_tag: None,
            pipeline_tag_inferred: false,
            library_name: None,
            created_at: None,
            created_before_tracking: false,
            last_modified: None,
            downloads: Count::UNKNOWN,
            downloads_all_time: Count::UNKNOWN,
            likes: Count::UNKNOWN,
            trending_score: Score::new(None),
            gated: None,
            params: ParamCount::UNKNOWN,
            tags: TagSummary::default(),
            synthetic: false,
        }
    }

    /// Downloads over the last 30 days.
    pub fn downloads(&self) -> Option<u64> {
        self.downloads.get()
    }

    pub fn downloads_all_time(&self) -> Option<u64> {
        self.downloads_all_time.get()
    }

    pub fn likes(&self) -> Option<u64> {
        self.likes.get()
    }

    pub fn trending_score(&self) -> Option<f64> {
        self.trending_score.get()
    }

    pub fn set_downloads(&mut self, downloads: Option<u64>) {
        self.downloads = Count::new(downloads);
    }

    pub fn set_downloads_all_time(&mut self, downloads: Option<u64>) {
        self.downloads_all_time = Count::new(downloads);
    }

    pub fn set_likes(&mut self, likes: Option<u64>) {
        self.likes = Count::new(likes);
    }

    pub fn set_trending_score(&mut self, score: Option<f64>) {
        self.trending_score = Score::new(score);
    }
}

#[cfg(test)]
impl Model {
    /// Builds a model with only an id and, when given, a safetensors count, for tests.
    pub fn minimal(id: &str, total: Option<u64>) -> Model {
        let mut model = Model::new(id);
        if let Some(total) = total {
            model.params = ParamCount::new(Some(total), None, ParamSource::Safetensors, false);
        }
        model
    }
}

/// Origin of a stored benchmark result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResultOrigin {
    /// The authored reference set in `assets/benchmarks.csv`.
    Reference,
    /// A leaderboard file imported with `import-benchmarks`.
    Leaderboard,
    /// The `model-index` evaluation results of a Hub record.
    ModelIndex,
}

impl ResultOrigin {
    pub const ALL: [ResultOrigin; 3] = [
        ResultOrigin::Reference,
        ResultOrigin::Leaderboard,
        ResultOrigin::ModelIndex,
    ];

    /// The spelling stored in the cache.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultOrigin::Reference => "reference",
            ResultOrigin::Leaderboard => "leaderboard",
            ResultOrigin::ModelIndex => "model-index",
        }
    }

    pub fn parse(text: &str) -> Option<ResultOrigin> {
        ResultOrigin::ALL
            .into_iter()
            .find(|origin| origin.as_str() == text)
    }
}

/// The rule that linked a benchmark result to a cached Hub model, tried in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkRule {
    /// The result names the model by its exact Hub id.
    Id,
    /// The result's link points to the model's Hub page.
    Link,
    /// The normalised name (case and separators aside) equals the model's.
    Name,
}

impl LinkRule {
    pub const ALL: [LinkRule; 3] = [LinkRule::Id, LinkRule::Link, LinkRule::Name];

    /// The spelling stored in the cache.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkRule::Id => "id",
            LinkRule::Link => "link",
            LinkRule::Name => "name",
        }
    }

    pub fn parse(text: &str) -> Option<LinkRule> {
        LinkRule::ALL.into_iter().find(|rule| rule.as_str() == text)
    }
}

/// The cached Hub model a benchmark result is linked to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedModel {
    pub id: String,
    pub rule: LinkRule,
    /// The model's resolved parameter count in the cache.
    pub params: ParamCount,
}

/// One published benchmark result: a row of the reference set, of an imported leaderboard file,
/// or of a Hub record's `model-index`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkResult {
    /// The model's name as the source gives it.
    pub model: String,
    /// The Hub repository the source names, when the model is published there.
    pub hub_id: Option<String>,
    pub benchmark: String,
    /// The task family the benchmark measures: `code`, `medical`, `nli` or `general`.
    pub domain: String,
    pub metric: String,
    pub score: f64,
    /// Total parameters as the source gives them.
    pub params_total: Option<u64>,
    pub params_active: Option<u64>,
    /// Date the source attaches to the result, `YYYY-MM-DD` or `YYYY-MM` (or longer).
    pub date: Option<String>,
    /// URL of the page that reports the score, or the id of the leaderboard format.
    pub source: String,
    pub origin: ResultOrigin,
    /// Link the source gives for the model.
    pub link: Option<String>,
    pub model_type: Option<ModelType>,
    /// The cached Hub model the result is linked to, when a rule matched.
    pub linked: Option<LinkedModel>,
}

impl BenchmarkResult {
    /// Returns the total parameter count used for classes: the linked Hub model's when it is
    /// known, else the source's own.
    pub fn size(&self) -> Option<u64> {
        self.linked
            .as_ref()
            .and_then(|linked| linked.params.total())
            .or(self.params_total)
    }

    /// Returns the active parameter count that goes with [`BenchmarkResult::size`]. With a linked Hub
    /// size, the source's active count is kept only when it is below the source's own total,
    /// because sources such as BigCodeBench give a dense model's total as its active count.
    pub fn active(&self) -> Option<u64> {
        match self.linked.as_ref().filter(|l| l.params.total().is_some()) {
            Some(linked) => linked.params.active().or_else(|| {
                self.params_active
                    .filter(|active| self.params_total.is_some_and(|total| *active < total))
            }),
            None => self.params_active,
        }
    }
}

/// One model of the authored reference set: a publisher's official size and size word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceModel {
    pub hub_id: String,
    pub organisation: String,
    pub params: u64,
    /// The word the publisher uses for the model's size (small, mini, medium, large…).
    pub size_word: String,
    /// Release date, `YYYY-MM-DD`.
    pub release_date: String,
    pub pipeline_tag: String,
    /// URL of the page that states the parameter count.
    pub source: String,
}

/// One imported file, as listed in a report so its numbers can be traced to their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedFile {
    pub file: String,
    /// RFC 3339 UTC time of the import.
    pub imported_at: String,
    pub records: u64,
    pub added: u64,
    pub updated: u64,
}

/// One sync from the Hub API, as listed in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncRun {
    pub endpoint: String,
    pub query: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `finished`, `failed` or `cancelled`.
    pub status: String,
    pub pages: u64,
    pub models: u64,
}

/// One leaderboard file imported with `import-benchmarks`, as listed in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeaderboardImport {
    pub file: String,
    /// Format id, such as `open-llm-leaderboard-v2`.
    pub format: String,
    /// RFC 3339 UTC time of the import.
    pub imported_at: String,
    pub records: u64,
    /// Scores stored after folding repeated submissions of a model.
    pub stored: u64,
    pub skipped: u64,
}

/// Sources of the models and benchmark results of a cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub imports: Vec<ImportedFile>,
    pub syncs: Vec<SyncRun>,
    pub leaderboards: Vec<LeaderboardImport>,
}

/// The 30-day downloads of every model one sync recorded, from the `download_history` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncHistory {
    pub sync_id: i64,
    /// RFC 3339 UTC time the sync finished, or started when it never finished.
    pub time: String,
    /// `running`, `finished`, `failed` or `cancelled`: a sync that did not finish recorded only
    /// part of its models.
    pub status: String,
    /// `(model_id, downloads)` rows, ordered by model id; `downloads` is `None` when the Hub
    /// gave none.
    pub downloads: Vec<(String, Option<u64>)>,
}

/// Kind of model, mapped from each source's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelType {
    Pretrained,
    ContinuouslyPretrained,
    FineTuned,
    /// Chat or instruction-tuned models (RLHF, DPO, IFT).
    Chat,
    /// Merges of several models.
    Merged,
    /// Mixture-of-experts models.
    Moe,
    Multimodal,
    Other,
}

impl ModelType {
    pub const ALL: [ModelType; 8] = [
        ModelType::Pretrained,
        ModelType::ContinuouslyPretrained,
        ModelType::FineTuned,
        ModelType::Chat,
        ModelType::Merged,
        ModelType::Moe,
        ModelType::Multimodal,
        ModelType::Other,
    ];

    /// Parses the stored identifier; `None` for anything else.
    pub fn parse(text: &str) -> Option<ModelType> {
        ModelType::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// Stable identifier, for storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelType::Pretrained => "pretrained",
            ModelType::ContinuouslyPretrained => "continuously-pretrained",
            ModelType::FineTuned => "fine-tuned",
            ModelType::Chat => "chat",
            ModelType::Merged => "merged",
            ModelType::Moe => "moe",
            ModelType::Multimodal => "multimodal",
            ModelType::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ModelType::Pretrained => lang.pick("pretrained", "pré-entraîné"),
            ModelType::ContinuouslyPretrained => {
                lang.pick("continuously pretrained", "pré-entraînement continu")
            }
            ModelType::FineTuned => lang.pick("fine-tuned", "affiné"),
            ModelType::Chat => lang.pick("chat", "conversationnel"),
            ModelType::Merged => lang.pick("merged", "fusionné"),
            ModelType::Moe => lang.pick("mixture of experts", "mélange d'experts"),
            ModelType::Multimodal => lang.pick("multimodal", "multimodal"),
            ModelType::Other => lang.pick("other", "autre"),
        }
    }
}
