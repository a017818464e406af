//! The Hub's task taxonomy and which tags describe a use of a model.

use std::sync::OnceLock;

use serde::Serialize;

use super::index::{GroupSplit, Split};
use crate::model::Tag;

/// Modality groups of the Hub's task taxonomy (`MODALITIES` in huggingface.js
/// `packages/tasks/src/pipelines.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    Text,
    Vision,
    Audio,
    Multimodal,
    Tabular,
    ReinforcementLearning,
    Other,
}

impl Modality {
    /// Returns the name reports use, as the Hub's taxonomy spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Text => "text",
            Modality::Vision => "vision",
            Modality::Audio => "audio",
            Modality::Multimodal => "multimodal",
            Modality::Tabular => "tabular",
            Modality::ReinforcementLearning => "reinforcement-learning",
            Modality::Other => "other",
        }
    }
}

/// Every pipeline_tag of the Hub's task taxonomy with its modality.
pub const TASKS: &[(&str, Modality)] = &[
    ("text-classification", Modality::Text),
    ("token-classification", Modality::Text),
    ("table-question-answering", Modality::Text),
    ("question-answering", Modality::Text),
    ("zero-shot-classification", Modality::Text),
    ("translation", Modality::Text),
    ("summarization", Modality::Text),
    ("feature-extraction", Modality::Text),
    ("text-generation", Modality::Text),
    ("text2text-generation", Modality::Text),
    ("fill-mask", Modality::Text),
    ("sentence-similarity", Modality::Text),
    ("text-ranking", Modality::Text),
    ("text-to-speech", Modality::Audio),
    ("text-to-audio", Modality::Audio),
    ("automatic-speech-recognition", Modality::Audio),
    ("audio-to-audio", Modality::Audio),
    ("audio-classification", Modality::Audio),
    ("voice-activity-detection", Modality::Audio),
    ("depth-estimation", Modality::Vision),
    ("image-classification", Modality::Vision),
    ("object-detection", Modality::Vision),
    ("image-segmentation", Modality::Vision),
    ("text-to-image", Modality::Vision),
    ("image-to-image", Modality::Vision),
    ("image-to-video", Modality::Vision),
    ("unconditional-image-generation", Modality::Vision),
    ("video-classification", Modality::Vision),
    ("zero-shot-image-classification", Modality::Vision),
    ("mask-generation", Modality::Vision),
    ("zero-shot-object-detection", Modality::Vision),
    ("text-to-3d", Modality::Vision),
    ("image-to-3d", Modality::Vision),
    ("image-feature-extraction", Modality::Vision),
    ("keypoint-detection", Modality::Vision),
    ("text-to-video", Modality::Vision),
    ("video-to-video", Modality::Vision),
    ("image-to-text", Modality::Multimodal),
    ("image-text-to-text", Modality::Multimodal),
    ("visual-question-answering", Modality::Multimodal),
    ("document-question-answering", Modality::Multimodal),
    ("video-text-to-text", Modality::Multimodal),
    ("visual-document-retrieval", Modality::Multimodal),
    ("any-to-any", Modality::Multimodal),
    ("audio-text-to-text", Modality::Multimodal),
    ("tabular-classification", Modality::Tabular),
    ("tabular-regression", Modality::Tabular),
    ("time-series-forecasting", Modality::Tabular),
    ("reinforcement-learning", Modality::ReinforcementLearning),
    ("robotics", Modality::ReinforcementLearning),
    ("graph-ml", Modality::Other),
    ("other", Modality::Other),
];

/// Bare tags outside the taxonomy that still name a use or a domain of a model, in the form
/// [`use_tag`] gives them. Model families, libraries, formats, quantization and training
/// methods are left out, because they describe how a model is built, not what it is for.
const USE_TAGS: &[&str] = &[
    "conversational",
    "chat",
    "instruct",
    "code",
    "math",
    "reasoning",
    "medical",
    "biology",
    "chemistry",
    "pathology",
    "finance",
    "legal",
    "roleplay",
    "roleplaying",
    "creative-writing",
    "story-generation",
    "storytelling",
    "function-calling",
    "agent",
    "nli",
    "natural-language-inference",
    "sentiment",
    "sentiment-analysis",
    "emotion",
    "ner",
    "ocr",
    "embeddings",
    "retrieval",
    "passage-retrieval",
    "reranker",
    "image-captioning",
    "image-generation",
    "video-generation",
    "speaker-diarization",
    "speech",
    "music",
    "forecasting",
];

/// The modality of a pipeline_tag, `None` when the taxonomy does not list it.
pub fn modality_of(pipeline_tag: &str) -> Option<Modality> {
    TASKS
        .iter()
        .find(|(task, _)| *task == pipeline_tag)
        .map(|(_, modality)| *modality)
}

/// Returns the use a bare tag names, or `None` when it names none. A use is a task of the
/// taxonomy or a use or domain word; languages, licenses, regions, arXiv ids, datasets, base
/// models and library or format tags name none. Case, spaces and underscores are folded, so
/// `Function Calling` and `function_calling` are both `function-calling`.
pub fn use_tag(tag: &Tag) -> Option<String> {
    if tag.kind != "tag" {
        return None;
    }
    let folded: String = tag
        .value
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    (modality_of(&folded).is_some() || USE_TAGS.contains(&folded.as_str())).then_some(folded)
}

/// The number of distinct uses: every task of [`TASKS`], then every word of [`USE_TAGS`].
pub const USE_COUNT: usize = TASKS.len() + USE_TAGS.len();

/// Returns the name of use `index`, in the order [`use_index`] numbers them.
pub fn use_name(index: usize) -> &'static str {
    match index.checked_sub(TASKS.len()) {
        None => TASKS[index].0,
        Some(word) => USE_TAGS[word],
    }
}

/// Returns the number of the use that a bare tag value names, folded like [`use_tag`], or
/// `None` when it names none. It allocates nothing, so a load can call it on every tag.
pub fn use_index(value: &str) -> Option<usize> {
    static SORTED: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut sorted: Vec<(&'static str, usize)> = (0..USE_COUNT)
            .map(|index| (use_name(index), index))
            .collect();
        sorted.sort_unstable();
        sorted
    });
    // Every use is ASCII and shorter than this, so a longer value names none.
    let mut buffer = [0u8; 48];
    let trimmed = value.trim();
    if trimmed.len() > buffer.len() {
        return None;
    }
    for (slot, byte) in buffer.iter_mut().zip(trimmed.bytes()) {
        *slot = match byte {
            b' ' | b'_' => b'-',
            byte => byte.to_ascii_lowercase(),
        };
    }
    let folded = &buffer[..trimmed.len()];
    sorted
        .binary_search_by(|(name, _)| name.as_bytes().cmp(folded))
        .ok()
        .map(|position| sorted[position].1)
}

/// The SLM/LLM split of one modality and of each of its pipeline_tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModalitySplit {
    pub modality: Modality,
    /// The sum of the tasks' splits.
    pub split: Split,
    /// The modality's pipeline_tags, largest first.
    pub tasks: Vec<GroupSplit>,
}

/// Groups task splits by modality. Modalities come largest first, with `Other` (tasks outside
/// the taxonomy and models without a pipeline_tag) last. Tasks keep their order.
pub fn by_modality(tasks: Vec<GroupSplit>) -> Vec<ModalitySplit> {
    let mut groups: Vec<ModalitySplit> = Vec::new();
    for task in tasks {
        let modality = task
            .name
            .as_deref()
            .and_then(modality_of)
            .unwrap_or(Modality::Other);
        match groups.iter_mut().find(|group| group.modality == modality) {
            Some(group) => {
                group.split = group.split.plus(&task.split);
                group.tasks.push(task);
            }
            None => groups.push(ModalitySplit {
                modality,
                split: task.split,
                tasks: vec![task],
            }),
        }
    }
    groups.sort_by_key(|group| {
        (
            group.modality == Modality::Other,
            std::cmp::Reverse(group.split.all().count),
            group.modality,
        )
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(value: &str) -> Tag {
        Tag {
            kind: "tag".into(),
            value: value.to_string(),
            relation: None,
        }
    }

    #[test]
    fn taxonomy_lookup() {
        assert_eq!(modality_of("text-generation"), Some(Modality::Text));
        assert_eq!(
            modality_of("image-text-to-text"),
            Some(Modality::Multimodal)
        );
        assert_eq!(
            modality_of("automatic-speech-recognition"),
            Some(Modality::Audio)
        );
        assert_eq!(modality_of("transformers"), None);
    }

    #[test]
    fn use_tags_keep_tasks_and_uses_only() {
        assert_eq!(
            use_tag(&bare("text-generation")).as_deref(),
            Some("text-generation")
        );
        assert_eq!(
            use_tag(&bare("conversational")).as_deref(),
            Some("conversational")
        );
        assert_eq!(use_tag(&bare("medical")).as_deref(), Some("medical"));
        for noise in [
            "transformers",
            "safetensors",
            "gguf",
            "lora",
            "4-bit",
            "llama",
            "mergekit",
        ] {
            assert_eq!(use_tag(&bare(noise)), None, "{noise}");
        }
        for (kind, value) in [
            ("license", "mit"),
            ("language", "en"),
            ("region", "us"),
            ("arxiv", "2404.14219"),
            ("dataset", "imdb"),
            ("base_model", "meta-llama/Llama-3.1-8B"),
        ] {
            let tag = Tag {
                kind: kind.to_string().into(),
                value: value.to_string(),
                relation: None,
            };
            assert_eq!(use_tag(&tag), None, "{kind}:{value}");
        }
    }

    #[test]
    fn use_index_matches_use_tag() {
        for value in [
            "text-generation",
            "Function Calling",
            " creative_writing ",
            "conversational",
            "forecasting",
            "other",
            "transformers",
            "gguf",
            "",
            "a-value-much-longer-than-any-use-in-the-taxonomy-at-all",
        ] {
            let expected = use_tag(&bare(value));
            let found = use_index(value).map(use_name).map(str::to_string);
            assert_eq!(found, expected, "{value:?}");
        }
        for index in 0..USE_COUNT {
            assert_eq!(use_index(use_name(index)), Some(index), "{index}");
        }
    }

    #[test]
    fn use_tags_fold_case_and_separators() {
        assert_eq!(
            use_tag(&bare("Function Calling")).as_deref(),
            Some("function-calling")
        );
        assert_eq!(
            use_tag(&bare("function_calling")).as_deref(),
            Some("function-calling")
        );
        assert_eq!(
            use_tag(&bare("Text-to-Image")).as_deref(),
            Some("text-to-image")
        );
        assert_eq!(
            use_tag(&bare(" creative writing ")).as_deref(),
            Some("creative-writing")
        );
    }

    fn task(name: Option<&str>, slm: u64, llm: u64, unknown: u64) -> GroupSplit {
        let totals = |count| crate::analysis::ClassTotals {
            count,
            downloads: count * 10,
        };
        GroupSplit {
            name: name.map(str::to_string),
            split: Split {
                threshold: 7,
                slm: totals(slm),
                llm: totals(llm),
                unknown: totals(unknown),
            },
        }
    }

    #[test]
    fn modalities_sum_tasks_other_last() {
        let groups = by_modality(vec![
            task(Some("text-generation"), 5, 3, 1),
            task(Some("custom-task"), 9, 9, 9),
            task(Some("text-to-image"), 2, 0, 0),
            task(Some("fill-mask"), 4, 0, 0),
            task(None, 1, 0, 0),
            task(Some("automatic-speech-recognition"), 1, 2, 0),
        ]);
        let order: Vec<Modality> = groups.iter().map(|group| group.modality).collect();
        assert_eq!(
            order,
            [
                Modality::Text,
                Modality::Audio,
                Modality::Vision,
                Modality::Other
            ]
        );
        let text = &groups[0];
        assert_eq!(text.split.slm.count, 9);
        assert_eq!(text.split.llm.count, 3);
        assert_eq!(text.split.unknown.count, 1);
        assert_eq!(text.split.slm.downloads, 90);
        let names: Vec<_> = text.tasks.iter().map(|t| t.name.as_deref()).collect();
        assert_eq!(names, [Some("text-generation"), Some("fill-mask")]);
        let other = &groups[3];
        assert_eq!(other.tasks.len(), 2);
        assert_eq!(other.split.all().count, 28);
    }
}
