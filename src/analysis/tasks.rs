//! The Hub's task taxonomy and which tags describe a use of a model.

use crate::model::Tag;

/// Modality groups of the Hub's task taxonomy (`MODALITIES` in huggingface.js
/// `packages/tasks/src/pipelines.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    Text,
    Vision,
    Audio,
    Multimodal,
    Tabular,
    ReinforcementLearning,
    Other,
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

/// Bare tags outside the taxonomy that still name a use or a domain of a model.
const USE_TAGS: &[&str] = &[
    "conversational",
    "code",
    "medical",
    "biology",
    "chemistry",
    "finance",
    "legal",
    "math",
    "reasoning",
    "roleplay",
    "function-calling",
    "agent",
    "nli",
    "natural-language-inference",
    "sentiment-analysis",
    "ner",
    "embeddings",
    "retrieval",
    "chat",
    "instruct",
    "music",
    "speech",
    "lora",
];

/// The modality of a pipeline_tag, `None` when the taxonomy does not list it.
pub fn modality_of(pipeline_tag: &str) -> Option<Modality> {
    TASKS
        .iter()
        .find(|(task, _)| *task == pipeline_tag)
        .map(|(_, modality)| *modality)
}

/// True for a bare tag that describes what a model is used for: a task of the taxonomy or a use
/// or domain word. Languages, licenses, regions, arXiv ids, datasets, base models and library or
/// format tags are not task tags.
pub fn is_task_tag(tag: &Tag) -> bool {
    tag.kind == "tag"
        && (modality_of(&tag.value).is_some() || USE_TAGS.contains(&tag.value.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(value: &str) -> Tag {
        Tag {
            kind: "tag".to_string(),
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
    fn task_tags_exclude_library_and_prefixed() {
        assert!(is_task_tag(&bare("text-generation")));
        assert!(is_task_tag(&bare("conversational")));
        assert!(is_task_tag(&bare("medical")));
        assert!(!is_task_tag(&bare("transformers")));
        assert!(!is_task_tag(&bare("safetensors")));
        assert!(!is_task_tag(&Tag {
            kind: "license".to_string(),
            value: "mit".to_string(),
            relation: None,
        }));
        assert!(!is_task_tag(&Tag {
            kind: "language".to_string(),
            value: "en".to_string(),
            relation: None,
        }));
    }
}
