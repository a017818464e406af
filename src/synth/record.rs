//! Drawing one synthetic record: its task and library, its size and how the record states it
//! (name, safetensors, GGUF), its tags, dates and counts.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::SYNTHETIC_OWNER_PREFIX;
use super::fitted::{self as fit, LibraryMix, SizeEvidence};
use super::sample::{Sampler, Weighted, normal_cdf, quantile};
use crate::hub::record::Safetensors;

/// How many of the first records may serve as base models of later ones. Bounding the pool
/// keeps memory flat whatever the number of records, and the earliest records play the part
/// of the few popular bases that most fine-tunes start from.
const BASE_POOL: usize = 4096;

/// Words that start synthetic model names. Chosen, not fitted: none of them is a size token,
/// a quantization mark or a real model family.
const NAME_STEMS: [&str; 24] = [
    "aurora", "basalt", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper",
    "kestrel", "lumen", "meridian", "nimbus", "onyx", "prism", "quartz", "ridge", "sierra",
    "tundra", "umber", "vertex", "willow", "zenith",
];

/// Name suffixes and their weights, the empty one for none. Chosen, not fitted.
const NAME_VARIANTS: [(&str, u32); 4] = [("", 6), ("instruct", 2), ("chat", 1), ("base", 1)];

/// One record in the shape of a `GET /api/models` list item with `expand` fields.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    #[serde(rename = "_id")]
    pub object_id: String,
    pub id: String,
    pub author: String,
    pub likes: u64,
    #[serde(rename = "trendingScore")]
    pub trending_score: u64,
    pub private: bool,
    pub downloads: u64,
    #[serde(rename = "downloadsAllTime")]
    pub downloads_all_time: u64,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_tag: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub library_name: Option<&'static str>,
    #[serde(rename = "createdAt")]
    pub created_at: String,
    #[serde(rename = "lastModified")]
    pub last_modified: String,
    pub gated: GatedField,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safetensors: Option<Safetensors>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gguf: Option<GgufTotal>,
}

/// `gated` as the Hub writes it: `false`, `"auto"` or `"manual"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum GatedField {
    Open(bool),
    Gated(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GgufTotal {
    pub total: u64,
}

/// The library choice of one task: a library of its own table, or `None` to draw from the
/// libraries of all tasks.
struct TaskLibraries {
    pipeline: Option<&'static str>,
    choice: Weighted<Option<Option<&'static str>>>,
}

impl TaskLibraries {
    fn new(mix: &LibraryMix) -> TaskLibraries {
        let mut table: Vec<(Option<Option<&str>>, u32)> = mix
            .libraries
            .iter()
            .map(|(library, models)| (Some(*library), *models))
            .collect();
        table.push((None, mix.others));
        TaskLibraries {
            pipeline: mix.pipeline,
            choice: Weighted::new(&table),
        }
    }
}

/// Draws synthetic records one at a time, holding only the tables and a bounded pool of
/// base-model ids.
pub struct Generator {
    sampler: Sampler,
    next_index: u64,
    owners: u64,
    datasets: u64,
    pipelines: Weighted<Option<&'static str>>,
    libraries: Weighted<Option<&'static str>>,
    task_libraries: Vec<TaskLibraries>,
    other_task_libraries: TaskLibraries,
    other_tag_counts: Weighted<u32>,
    other_tags: Weighted<&'static str>,
    language_counts: Weighted<u32>,
    languages: Weighted<&'static str>,
    licenses: Weighted<&'static str>,
    dataset_counts: Weighted<u32>,
    arxiv_counts: Weighted<u32>,
    relations: Weighted<&'static str>,
    merge_parents: Weighted<u32>,
    diffusers_pipelines: Weighted<&'static str>,
    months: Weighted<usize>,
    /// Start and end of each month of [`fit::CREATED_MONTHS`], in Unix seconds.
    month_bounds: Vec<(i64, i64)>,
    gated: Weighted<Option<&'static str>>,
    dtypes: Weighted<&'static str>,
    expert_counts: Weighted<u64>,
    variants: Weighted<&'static str>,
    base_pool: Vec<String>,
}

impl Generator {
    /// Prepares the generator of `count` records from `seed`. The number of owners and
    /// datasets grows with `count`, as on the Hub.
    pub fn new(seed: u64, count: u64) -> Generator {
        let month_bounds = month_bounds();
        let months: Vec<(usize, u32)> = fit::CREATED_MONTHS
            .iter()
            .enumerate()
            .map(|(index, (_, _, models))| (index, *models))
            .collect();
        Generator {
            sampler: Sampler::new(seed),
            next_index: 0,
            owners: scaled(count, fit::OWNERS_PER_MODEL),
            datasets: scaled(count, fit::DATASETS_PER_MODEL),
            pipelines: Weighted::new(fit::PIPELINE_TAGS),
            libraries: Weighted::new(fit::LIBRARIES),
            task_libraries: fit::LIBRARIES_BY_PIPELINE
                .iter()
                .map(TaskLibraries::new)
                .collect(),
            other_task_libraries: TaskLibraries::new(&fit::LIBRARIES_OTHER_TASKS),
            other_tag_counts: Weighted::new(fit::OTHER_TAG_COUNTS),
            other_tags: Weighted::new(fit::OTHER_TAGS),
            language_counts: Weighted::new(fit::LANGUAGE_COUNTS),
            languages: Weighted::new(fit::LANGUAGES),
            licenses: Weighted::new(fit::LICENSES),
            dataset_counts: Weighted::new(fit::DATASET_COUNTS),
            arxiv_counts: Weighted::new(fit::ARXIV_COUNTS),
            relations: Weighted::new(fit::BASE_MODEL_RELATIONS),
            merge_parents: Weighted::new(fit::MERGE_PARENTS),
            diffusers_pipelines: Weighted::new(fit::DIFFUSERS_PIPELINES),
            months: Weighted::new(&months),
            month_bounds,
            gated: Weighted::new(fit::GATED),
            dtypes: Weighted::new(fit::SAFETENSORS_DTYPES),
            expert_counts: Weighted::new(fit::EXPERT_COUNTS),
            variants: Weighted::new(&NAME_VARIANTS),
            base_pool: Vec::new(),
        }
    }

    /// Draws the next record.
    pub fn next_record(&mut self) -> Record {
        let index = self.next_index;
        self.next_index += 1;

        let pipeline = self.pipelines.draw(&mut self.sampler);
        let library = self.library(pipeline);
        let (created, created_at) = self.created();
        let last_modified = self.last_modified(created);

        let evidence = size_evidence(pipeline);
        let named = self.sampler.chance((evidence.named, evidence.models));
        let unnamed = evidence.models - evidence.named;
        let (safetensors_tag, gguf_tag) = if named {
            (
                self.sampler
                    .chance((evidence.safetensors.0, evidence.named)),
                self.sampler.chance((evidence.gguf.0, evidence.named)),
            )
        } else {
            (
                self.sampler.chance((evidence.safetensors.1, unnamed)),
                self.sampler.chance((evidence.gguf.1, unnamed)),
            )
        };
        let size = self.size(pipeline);
        let params = size.params;
        let library_group = library_group(library);
        let [pytorch_tag, endpoints_tag, autotrain_tag] =
            fit::LIBRARY_TAGS.map(|(_, rates)| self.sampler.chance(rates[library_group]));
        let task_group = task_group(pipeline);
        let [inference_tag, conversational_tag] =
            fit::TASK_TAGS.map(|(_, rates)| self.sampler.chance(rates[task_group]));

        let owner = format!(
            "{SYNTHETIC_OWNER_PREFIX}{}",
            self.sampler.power_law(self.owners, fit::OWNER_EXPONENT)
        );
        let token = named.then_some(size.token);
        let id = format!("{owner}/{}", self.name(index, token, gguf_tag));

        let mut tags = TagList::default();
        if let Some(library) = library
            && self.sampler.chance(fit::LIBRARY_AS_TAG)
        {
            tags.push(library.to_string());
        }
        for (present, tag) in [
            (safetensors_tag, "safetensors"),
            (gguf_tag, "gguf"),
            (pytorch_tag, "pytorch"),
        ] {
            if present {
                tags.push(tag.to_string());
            }
        }
        self.push_other_tags(&mut tags);
        if let Some(pipeline) = pipeline
            && self.sampler.chance(fit::PIPELINE_AS_TAG)
        {
            tags.push(pipeline.to_string());
        }
        if conversational_tag {
            tags.push("conversational".to_string());
        }
        self.push_languages(&mut tags);
        self.push_datasets(&mut tags);
        self.push_arxiv(&mut tags);
        self.push_base_models(&mut tags);
        if self.sampler.chance(fit::LICENSE_SHARE) {
            let license = self.licenses.draw(&mut self.sampler);
            tags.push(format!("license:{license}"));
        }
        if library == Some("diffusers") && self.sampler.chance(fit::DIFFUSERS_PIPELINE_SHARE) {
            let diffusers = self.diffusers_pipelines.draw(&mut self.sampler);
            tags.push(format!("diffusers:{diffusers}"));
        }
        for (present, tag) in [
            (autotrain_tag, "autotrain_compatible"),
            (inference_tag, "text-generation-inference"),
            (endpoints_tag, "endpoints_compatible"),
        ] {
            if present {
                tags.push(tag.to_string());
            }
        }
        tags.push("region:us".to_string());

        let (downloads, likes) = self.downloads_and_likes();
        let ratio = self.uniform(fit::LOG_ALL_TIME_RATIO);
        let downloads_all_time = (downloads as f64 * libm::exp10(ratio)).round() as u64;
        let trending_score = if self.sampler.chance(fit::TRENDING_SHARE) {
            let log = quantile(fit::LOG_TRENDING, self.sampler.unit());
            libm::round(libm::exp10(log)) as u64
        } else {
            0
        };
        let gated = match self.gated.draw(&mut self.sampler) {
            None => GatedField::Open(false),
            Some(mode) => GatedField::Gated(mode),
        };
        // The Hub computes the safetensors summary of repositories whose weights sit at the
        // root, which diffusers repositories never do: 36 of 37 transformers models with the
        // tag have it in the snapshot's full documents, none of 13 diffusers models.
        let safetensors = (safetensors_tag && library != Some("diffusers")).then(|| {
            let dtype = self.dtypes.draw(&mut self.sampler);
            Safetensors {
                parameters: BTreeMap::from([(dtype.to_string(), params)]),
                total: Some(params),
            }
        });
        let gguf = gguf_tag.then_some(GgufTotal { total: params });

        if self.base_pool.len() < BASE_POOL {
            self.base_pool.push(id.clone());
        }
        Record {
            object_id: format!("{:08x}{index:016x}", created as u32),
            id,
            author: owner,
            likes,
            trending_score,
            private: false,
            downloads,
            downloads_all_time,
            tags: tags.into_vec(),
            pipeline_tag: pipeline,
            library_name: library,
            created_at,
            last_modified,
            gated,
            safetensors,
            gguf,
        }
    }

    fn library(&mut self, pipeline: Option<&'static str>) -> Option<&'static str> {
        let mix = self
            .task_libraries
            .iter()
            .find(|mix| mix.pipeline == pipeline)
            .unwrap_or(&self.other_task_libraries);
        match mix.choice.draw(&mut self.sampler) {
            Some(library) => library,
            None => self.libraries.draw(&mut self.sampler),
        }
    }

    /// Returns the creation time in Unix seconds and as the record writes it.
    fn created(&mut self) -> (i64, String) {
        let (at_04, at_05, models) = fit::PLACEHOLDER_CREATED;
        let ticket = self.sampler.below(u64::from(models));
        if ticket < u64::from(at_04) {
            return (PLACEHOLDER_04, format_time(PLACEHOLDER_04));
        }
        if ticket < u64::from(at_04 + at_05) {
            return (PLACEHOLDER_04 + 1, format_time(PLACEHOLDER_04 + 1));
        }
        let (start, end) = self.month_bounds[self.months.draw(&mut self.sampler)];
        let seconds = start + self.sampler.below((end - start) as u64) as i64;
        (seconds, format_time(seconds))
    }

    fn last_modified(&mut self, created: i64) -> String {
        let days = quantile(fit::LAST_MODIFIED_DAYS, self.sampler.unit());
        let seconds = libm::round(days * 86_400.0) as i64;
        format_time((created + seconds).min(fit::SNAPSHOT_END).max(created))
    }

    /// Draws a size from the mixture of the task, then writes it as a name would and derives
    /// the exact parameter count from the stated one, as a real `8B` model has 8,030,261,248.
    fn size(&mut self, pipeline: Option<&str>) -> Size {
        let components: &[(f64, f64, f64)] = if fit::GENERATIVE_PIPELINES.contains(&pipeline) {
            &fit::GENERATIVE_SIZES
        } else {
            &fit::OTHER_SIZES
        };
        let (low, high) = fit::LOG_SIZE_RANGE;
        let log = self.sampler.mixture(components).clamp(low, high);
        let drawn = libm::exp10(log);

        if self.sampler.chance(fit::MULTIPLIED_NAMES) {
            // `8x7B` overstates the total, whose experts share attention and embeddings, so the
            // drawn size stays the count.
            let experts = self.expert_counts.draw(&mut self.sampler);
            let (_, one) = self.stated_size(drawn / experts as f64);
            return Size {
                token: format!("{experts}x{one}"),
                params: libm::round(drawn) as u64,
            };
        }
        let (stated, text) = self.stated_size(drawn);
        let token = if self.sampler.chance(fit::ACTIVE_NAMES) {
            let (_, active) = self.stated_size(stated as f64 * fit::ACTIVE_FRACTION);
            format!("{text}-A{active}")
        } else {
            text
        };
        let ratio = quantile(fit::PARAMS_OVER_NAMED, self.sampler.unit());
        Size {
            token,
            params: libm::round(stated as f64 * ratio) as u64,
        }
    }

    /// Builds the name part of the id: a stem, the size token when the name states one, a
    /// variant, `GGUF` for GGUF repositories, and the record index, which makes the id unique.
    fn name(&mut self, index: u64, token: Option<String>, gguf: bool) -> String {
        let stem = NAME_STEMS[self.sampler.below(NAME_STEMS.len() as u64) as usize];
        let mut parts: Vec<String> = vec![stem.to_string()];
        parts.extend(token);
        let variant = self.variants.draw(&mut self.sampler);
        if !variant.is_empty() {
            parts.push(variant.to_string());
        }
        if gguf {
            parts.push("GGUF".to_string());
        }
        parts.push(format!("{index:06}"));
        parts.join("-")
    }

    /// Rounds `params` to the size a name would state and writes it: `135M`, `0.5B`, `7B`,
    /// `1.5b`, `70B`. Returns the stated size in parameters and its text.
    fn stated_size(&mut self, params: f64) -> (u64, String) {
        let params = params.max(1e6);
        let b = if self.sampler.chance(fit::LOWERCASE_B) {
            "b"
        } else {
            "B"
        };
        if params < 1e9 {
            if !self.sampler.chance(fit::MEGA_UNIT_BELOW_1B) {
                return tenths(params, b);
            }
            let m = if self.sampler.chance(fit::LOWERCASE_M) {
                "m"
            } else {
                "M"
            };
            let millions = params / 1e6;
            let rounded = if millions < 100.0 {
                libm::round(millions)
            } else {
                libm::round(millions / 10.0) * 10.0
            } as u64;
            return if rounded >= 1000 {
                (1_000_000_000, format!("1{b}"))
            } else {
                (rounded * 1_000_000, format!("{rounded}{m}"))
            };
        }
        let decimal = if params < 1e10 {
            fit::DECIMAL_1B_TO_10B
        } else {
            fit::DECIMAL_ABOVE_10B
        };
        if self.sampler.chance(decimal) {
            return tenths(params, b);
        }
        let billions = (libm::round(params / 1e9) as u64).max(1);
        (billions * 1_000_000_000, format!("{billions}{b}"))
    }

    fn push_other_tags(&mut self, tags: &mut TagList) {
        let count = self.other_tag_counts.draw(&mut self.sampler);
        for _ in 0..count {
            if self.sampler.chance(fit::OTHER_TAGS_TOP_SHARE) {
                let tag = self.other_tags.draw(&mut self.sampler);
                tags.push(tag.to_string());
            } else {
                let rank = self
                    .sampler
                    .power_law(fit::OTHER_TAGS_TAIL, fit::OWNER_EXPONENT);
                tags.push(format!("tag-{rank}"));
            }
        }
    }

    /// Adds distinct languages: common ones by their weight, then other ISO 639-1 codes in
    /// order for the long lists of multilingual models.
    fn push_languages(&mut self, tags: &mut TagList) {
        let count = self.language_counts.draw(&mut self.sampler) as usize;
        let mut chosen: Vec<&str> = Vec::with_capacity(count);
        let mut attempts = 0;
        while chosen.len() < count.min(self.languages.len()) && attempts < 4 * count {
            let language = self.languages.draw(&mut self.sampler);
            if !chosen.contains(&language) {
                chosen.push(language);
            }
            attempts += 1;
        }
        for code in crate::hub::tags::ISO_639_1 {
            if chosen.len() >= count {
                break;
            }
            if !chosen.contains(&code) {
                chosen.push(code);
            }
        }
        for language in chosen {
            tags.push(language.to_string());
        }
    }

    fn push_datasets(&mut self, tags: &mut TagList) {
        let count = self.dataset_counts.draw(&mut self.sampler);
        for _ in 0..count {
            let dataset = self.sampler.power_law(self.datasets, fit::OWNER_EXPONENT);
            tags.push(format!("dataset:{SYNTHETIC_OWNER_PREFIX}{dataset}/corpus"));
        }
    }

    /// Adds arXiv ids of the form `2401.01234`, from January 2015 to December 2024.
    fn push_arxiv(&mut self, tags: &mut TagList) {
        let count = self.arxiv_counts.draw(&mut self.sampler);
        for _ in 0..count {
            let year = 15 + self.sampler.below(10);
            let month = 1 + self.sampler.below(12);
            let number = self.sampler.below(20_000);
            tags.push(format!("arxiv:{year:02}{month:02}.{number:05}"));
        }
    }

    /// Adds the `base_model:<id>` and `base_model:<relation>:<id>` pair of each base model,
    /// taken from the earlier records, the earliest most often.
    fn push_base_models(&mut self, tags: &mut TagList) {
        if self.base_pool.is_empty() || !self.sampler.chance(fit::BASE_MODEL_SHARE) {
            return;
        }
        let relation = self.relations.draw(&mut self.sampler);
        let parents = if relation == "merge" {
            self.merge_parents.draw(&mut self.sampler)
        } else {
            1
        };
        for _ in 0..parents {
            let rank = self
                .sampler
                .power_law(self.base_pool.len() as u64, fit::OWNER_EXPONENT);
            let base = &self.base_pool[rank as usize - 1];
            tags.push(format!("base_model:{base}"));
            tags.push(format!("base_model:{relation}:{base}"));
        }
    }

    /// Draws downloads and likes from their fitted quantiles, joined by a Gaussian copula so
    /// that much-downloaded models tend to have more likes.
    fn downloads_and_likes(&mut self) -> (u64, u64) {
        let rho = fit::DOWNLOADS_LIKES_CORRELATION;
        let first = self.sampler.normal();
        let second = rho * first + libm::sqrt(1.0 - rho * rho) * self.sampler.normal();
        let count = |knots: &[(f64, f64)], z: f64| {
            let log = quantile(knots, normal_cdf(z));
            libm::round(libm::exp10(log) - 1.0).max(0.0) as u64
        };
        (
            count(fit::LOG_DOWNLOADS, first),
            count(fit::LOG_LIKES, second),
        )
    }

    fn uniform(&mut self, (low, high): (f64, f64)) -> f64 {
        low + (high - low) * self.sampler.unit()
    }
}

/// The Hub's placeholder creation time, 2022-03-02T23:29:04Z, in Unix seconds.
const PLACEHOLDER_04: i64 = 1_646_263_744;

/// The size of one record: the token its name would state and its exact parameter count.
struct Size {
    token: String,
    params: u64,
}

/// Tags in order without repeats.
#[derive(Default)]
struct TagList {
    tags: Vec<String>,
    /// Filled once the list is long enough that a linear search would cost more than hashing.
    seen: HashSet<String>,
}

impl TagList {
    const LINEAR_LIMIT: usize = 32;

    fn push(&mut self, tag: String) {
        if self.tags.len() < Self::LINEAR_LIMIT {
            if !self.tags.contains(&tag) {
                self.tags.push(tag);
            }
            return;
        }
        if self.seen.is_empty() {
            self.seen.extend(self.tags.iter().cloned());
        }
        if self.seen.insert(tag.clone()) {
            self.tags.push(tag);
        }
    }

    fn into_vec(self) -> Vec<String> {
        self.tags
    }
}

/// Rounds `params` to tenths of a billion and writes them, `1.5B`, or `7B` for a whole number.
/// A size below 0.1B is written `0.1B`.
fn tenths(params: f64, unit: &str) -> (u64, String) {
    let tenths = (libm::round(params / 1e8) as u64).max(1);
    let text = if tenths % 10 == 0 {
        format!("{}{unit}", tenths / 10)
    } else {
        format!("{}.{}{unit}", tenths / 10, tenths % 10)
    };
    (tenths * 100_000_000, text)
}

/// Multiplies `count` by `ratio`, at least 1.
fn scaled(count: u64, ratio: f64) -> u64 {
    ((count as f64 * ratio) as u64).max(1)
}

/// Returns how the records of the task state their size.
pub(super) fn size_evidence(pipeline: Option<&str>) -> SizeEvidence {
    fit::SIZE_EVIDENCE_BY_PIPELINE
        .iter()
        .find(|(task, _)| *task == pipeline)
        .map(|(_, evidence)| *evidence)
        .unwrap_or(fit::SIZE_EVIDENCE_OTHER_TASKS)
}

/// Returns the column of [`fit::LIBRARY_TAGS`] for `library`.
fn library_group(library: Option<&str>) -> usize {
    fit::LIBRARY_GROUPS
        .iter()
        .position(|group| *group == library)
        .unwrap_or(fit::LIBRARY_GROUPS.len())
}

/// Returns the column of [`fit::TASK_TAGS`] for `pipeline`.
fn task_group(pipeline: Option<&str>) -> usize {
    match pipeline {
        Some("text-generation") => 0,
        Some("image-text-to-text") => 1,
        _ => 2,
    }
}

/// Returns the start and end of each month of [`fit::CREATED_MONTHS`] in Unix seconds. The
/// first starts after the placeholder batch, and the last ends with the recording.
fn month_bounds() -> Vec<(i64, i64)> {
    let start_of = |year: i16, month: i8| -> i64 {
        jiff::civil::date(year, month, 1)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .expect("a month start in UTC exists")
            .timestamp()
            .as_second()
    };
    fit::CREATED_MONTHS
        .iter()
        .map(|&(year, month, _)| {
            let (next_year, next_month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let start = start_of(year, month).max(fit::FIRST_CREATED);
            let end = start_of(next_year, next_month).min(fit::SNAPSHOT_END);
            (start, end)
        })
        .collect()
}

/// Formats Unix seconds as the Hub writes times: `2024-02-19T11:06:12.000Z`.
fn format_time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .expect("synthetic times lie between 2022 and 2025")
        .strftime("%Y-%m-%dT%H:%M:%S.000Z")
        .to_string()
}
