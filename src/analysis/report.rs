//! The numbers of every pane gathered for `slmscope report`, at one or more thresholds.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::agreement::AgreementReport;
use super::benchmark_report::{SetReport, benchmark_report};
use super::compare::{Comparison, compare};
use super::filter::Filter;
use super::index::{ClassTotals, Index, Split, TagCount};
use super::suggest::{SuggestionReport, Suggestions};
use super::sweep::{SweepStep, sweep};
use super::tasks::{Modality, modality_of};
use super::threshold::format_params;
use super::trends::report::TrendsReport;
use crate::model::{BenchmarkResult, ParamSource, Provenance, ReferenceModel, SyncHistory};

/// How many use tags per class a report lists.
pub const TOP_TAGS: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Every model in the cache.
    pub models: u64,
    /// Models whose parameter count is known.
    pub known: u64,
    pub unknown: u64,
    /// Sum of 30-day downloads of every model.
    pub downloads: u64,
    /// Models counted here that `slmscope synth` generated; numbers that count any do not
    /// describe the real Hub.
    pub synthetic_models: u64,
    /// Models per parameter source (safetensors, gguf, reference, name, unknown).
    pub params_sources: BTreeMap<&'static str, u64>,
    pub histogram: Vec<HistogramBin>,
    pub thresholds: Vec<ThresholdReport>,
    /// The split at every slider step, 100M to 1T.
    pub sweep: Vec<SweepStep>,
    /// Thresholds suggested by the sizes alone: natural breaks, then the density valley.
    pub suggestions: Vec<SuggestionReport>,
    /// The agreement of each threshold with the publishers' size words of the reference set.
    pub agreement: AgreementReport,
    /// The imported files and syncs the numbers come from.
    pub provenance: Provenance,
    /// The split per creation month, downloads by creation month and across syncs.
    pub trends: TrendsReport,
    /// The A/B comparison of two thresholds, when [`Report::with_comparison`] added one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ab: Option<Comparison>,
    /// The verdicts of every benchmark set at each threshold, once [`Report::with_benchmarks`]
    /// added them; empty when no result is stored.
    pub benchmarks: Vec<SetReport>,
    /// The filter the models were selected with; every number above counts only those models.
    pub filters: FilterReport,
}

/// The filter a report applied and how many cached models it chose from.
#[derive(Debug, Clone, Serialize)]
pub struct FilterReport {
    /// False when no criterion is set and every cached model is counted.
    pub active: bool,
    pub criteria: Filter,
    /// Models in the cache before the filter.
    pub cache_models: u64,
    /// Models in the cache before the filter that `slmscope synth` generated.
    pub cache_synthetic_models: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistogramBin {
    pub lower_log10: f64,
    pub upper_log10: f64,
    /// Lower edge, inclusive, in parameters.
    pub lower_params: u64,
    /// Upper edge, exclusive, in parameters.
    pub upper_params: u64,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Shares {
    pub count: u64,
    pub downloads: u64,
    /// `count` over all models, unknown included.
    pub model_share: f64,
    /// `downloads` over all 30-day downloads, unknown included.
    pub download_share: f64,
}

impl Shares {
    fn of(split: &Split, part: ClassTotals) -> Shares {
        Shares {
            count: part.count,
            downloads: part.downloads,
            model_share: split.model_share(part),
            download_share: split.download_share(part),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ThresholdReport {
    /// In parameters: a model is an LLM when its count is at least this.
    pub threshold: u64,
    /// The threshold as model cards write it (`7B`).
    pub label: String,
    pub slm: Shares,
    pub llm: Shares,
    pub unknown: Shares,
    /// SLMs among models of known size; null when no size is known.
    pub slm_share_of_known: Option<f64>,
    /// Every modality of the Hub's task taxonomy that has models, the largest first, `other`
    /// last.
    pub modalities: Vec<ModalityReport>,
    /// Every pipeline_tag, the largest first; `pipeline_tag` is null for models without one.
    pub tasks: Vec<TaskReport>,
    pub top_tags: TopTagsReport,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskReport {
    pub pipeline_tag: Option<String>,
    /// The task's modality; `other` for tasks outside the taxonomy and for models without a
    /// pipeline_tag.
    pub modality: Modality,
    pub slm: ClassTotals,
    pub llm: ClassTotals,
    pub unknown: ClassTotals,
    /// SLMs among the task's models of known size; null when none has a known size.
    pub slm_share_of_known: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModalityReport {
    pub modality: Modality,
    pub slm: ClassTotals,
    pub llm: ClassTotals,
    pub unknown: ClassTotals,
    /// SLMs among the modality's models of known size; null when none has a known size.
    pub slm_share_of_known: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopTagsReport {
    pub slm: Vec<TagCount>,
    pub llm: Vec<TagCount>,
}

impl Report {
    /// Computes the report of `index` at each threshold, in the given order, with the
    /// agreement of `reference` models' size words and the downloads each sync in `history`
    /// recorded.
    pub fn build(
        index: &Index,
        thresholds: &[u64],
        reference: &[ReferenceModel],
        provenance: Provenance,
        history: &[SyncHistory],
    ) -> Report {
        let mut params_sources: BTreeMap<&'static str, u64> = ParamSource::ALL
            .iter()
            .map(|source| (source.as_str(), 0))
            .collect();
        for model in index.models() {
            *params_sources
                .entry(model.params.source.as_str())
                .or_default() += 1;
        }
        let synthetic_models = index
            .models()
            .iter()
            .filter(|model| model.synthetic)
            .count() as u64;
        // No count reaches u64::MAX, so this split puts every known model in `slm`.
        let overall = index.split(u64::MAX);
        let histogram = index
            .histogram()
            .bins
            .iter()
            .map(|bin| HistogramBin {
                lower_log10: bin.lower,
                upper_log10: bin.upper,
                lower_params: bin.lower_params(),
                upper_params: 10f64.powf(bin.upper).round() as u64,
                count: bin.count,
            })
            .collect();

        Report {
            models: index.len() as u64,
            known: overall.slm.count,
            unknown: overall.unknown.count,
            downloads: overall.all().downloads,
            synthetic_models,
            params_sources,
            histogram,
            thresholds: thresholds
                .iter()
                .map(|&threshold| threshold_report(index, threshold))
                .collect(),
            sweep: sweep(index),
            trends: TrendsReport::build(index, thresholds, &provenance, history),
            suggestions: Suggestions::from_sorted(index.sorted_totals()).report(),
            agreement: AgreementReport::build(reference, thresholds),
            provenance,
            ab: None,
            benchmarks: Vec::new(),
            filters: FilterReport {
                active: false,
                criteria: Filter::default(),
                cache_models: index.len() as u64,
                cache_synthetic_models: synthetic_models,
            },
        }
    }

    /// Records that the indexed models are those of `filter` among `cache_models` cached ones,
    /// `cache_synthetic_models` of which `slmscope synth` generated.
    pub fn with_filter(
        mut self,
        filter: &Filter,
        cache_models: u64,
        cache_synthetic_models: u64,
    ) -> Report {
        self.filters = FilterReport {
            active: !filter.is_empty(),
            criteria: filter.clone(),
            cache_models,
            cache_synthetic_models,
        };
        self
    }

    /// Adds the A/B comparison of thresholds `a` and `b` over `index`.
    pub fn with_comparison(mut self, index: &Index, a: u64, b: u64) -> Report {
        self.ab = Some(compare(index, a, b));
        self
    }

    /// Adds the verdicts of every benchmark set of `results` at the report's thresholds.
    /// `kept_models` contains the ids of the cached models the filters keep, or is `None` when no
    /// filter is set. [`benchmark_report`] says how it reaches the results.
    pub fn with_benchmarks(
        mut self,
        results: &[BenchmarkResult],
        margin: f64,
        kept_models: Option<&HashSet<String>>,
    ) -> Report {
        let thresholds: Vec<u64> = self
            .thresholds
            .iter()
            .map(|entry| entry.threshold)
            .collect();
        self.benchmarks = benchmark_report(results, &thresholds, margin, kept_models);
        self
    }
}

fn threshold_report(index: &Index, threshold: u64) -> ThresholdReport {
    let split = index.split(threshold);
    let top = index.top_tags(threshold, TOP_TAGS);
    let modalities = index.modality_splits(threshold);
    ThresholdReport {
        threshold,
        label: format_params(threshold),
        slm: Shares::of(&split, split.slm),
        llm: Shares::of(&split, split.llm),
        unknown: Shares::of(&split, split.unknown),
        slm_share_of_known: split.slm_share_of_known(),
        modalities: modalities
            .iter()
            .map(|group| ModalityReport {
                modality: group.modality,
                slm: group.split.slm,
                llm: group.split.llm,
                unknown: group.split.unknown,
                slm_share_of_known: group.split.slm_share_of_known(),
            })
            .collect(),
        tasks: index
            .task_splits(threshold)
            .into_iter()
            .map(|group| TaskReport {
                modality: group
                    .name
                    .as_deref()
                    .and_then(modality_of)
                    .unwrap_or(Modality::Other),
                slm_share_of_known: group.split.slm_share_of_known(),
                pipeline_tag: group.name,
                slm: group.split.slm,
                llm: group.split.llm,
                unknown: group.split.unknown,
            })
            .collect(),
        top_tags: TopTagsReport {
            slm: top.slm,
            llm: top.llm,
        },
    }
}
