//! Inferring a missing pipeline_tag. Some repositories have none (google/electra-base-discriminator,
//! colbert-ir/colbertv2.0), but a task tag or the model class in `config.architectures` often names it.

use crate::analysis::tasks::modality_of;
use crate::hub::tags::TagRef;
#[cfg(test)]
use crate::model::Tag;

/// Suffixes of transformers model classes and the task each one serves.
const ARCHITECTURE_TASKS: &[(&str, &str)] = &[
    ("ForCausalLM", "text-generation"),
    ("LMHeadModel", "text-generation"),
    ("ForMaskedLM", "fill-mask"),
    ("ForSequenceClassification", "text-classification"),
    ("ForTokenClassification", "token-classification"),
    ("ForQuestionAnswering", "question-answering"),
    ("ForImageClassification", "image-classification"),
    ("ForObjectDetection", "object-detection"),
    ("ForSpeechSeq2Seq", "automatic-speech-recognition"),
    ("ForCTC", "automatic-speech-recognition"),
    ("ForAudioClassification", "audio-classification"),
];

/// Infers the task of a model without pipeline_tag: the first tag that is a task of
/// the Hub's taxonomy, else the task of its first architecture with a known suffix.
pub fn infer_pipeline_tag<'a>(
    mut tags: impl Iterator<Item = TagRef<'a>>,
    architectures: &[String],
) -> Option<String> {
    let from_tags = tags
        .find(|tag| tag.kind == "tag" && modality_of(tag.value).is_some())
        .map(|tag| tag.value.to_string());
    from_tags.or_else(|| {
        architectures.iter().find_map(|architecture| {
            ARCHITECTURE_TASKS
                .iter()
                .find(|(suffix, _)| architecture.ends_with(suffix))
                .map(|(_, task)| task.to_string())
        })
    })
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
    fn task_tag_wins() {
        let tags = [bare("transformers"), bare("fill-mask")];
        let architectures = ["ElectraForPreTraining".to_string()];
        assert_eq!(
            infer_pipeline_tag(tags.iter().map(TagRef::from), &architectures).as_deref(),
            Some("fill-mask")
        );
    }

    #[test]
    fn architecture_fallback() {
        let tags = [bare("safetensors")];
        let architectures = ["LlamaForCausalLM".to_string()];
        assert_eq!(
            infer_pipeline_tag(tags.iter().map(TagRef::from), &architectures).as_deref(),
            Some("text-generation")
        );
        let architectures = ["GPT2LMHeadModel".to_string()];
        assert_eq!(
            infer_pipeline_tag(tags.iter().map(TagRef::from), &architectures).as_deref(),
            Some("text-generation")
        );
    }

    #[test]
    fn nothing_known_stays_unknown() {
        let tags = [bare("pytorch")];
        let architectures = ["ElectraForPreTraining".to_string()];
        assert_eq!(
            infer_pipeline_tag(tags.iter().map(TagRef::from), &architectures),
            None
        );
        assert_eq!(infer_pipeline_tag(std::iter::empty(), &[]), None);
    }
}
