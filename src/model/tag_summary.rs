//! The compact form of a model's tags that the analysis reads, and the interner that lets
//! models share repeated texts.

use std::collections::HashSet;

use serde::Serialize;

use super::{SharedText, Tag};
use crate::analysis::filter::{MERGE_TAGS, QUANTIZED_TAGS};
use crate::analysis::tasks::{USE_COUNT, use_index, use_name};

// The marks share the use bits' words: they take the last three bits of the second word.
const QUANTIZED: usize = 125;
const MERGED: usize = 126;
const GGUF: usize = 127;

const _: () = assert!(USE_COUNT <= QUANTIZED, "the use bits hold at most 125 uses");

/// What the filters and the index read from a model's tags: whether a tag marks the model as
/// quantized, merged or GGUF, and which uses its bare tags name. A summary costs 32 bytes
/// whatever the number of tags. The full list is kept only by summaries built from [`Tag`]
/// values (`push`, `extend`, `collect`); a model loaded from the cache has none, and its tags
/// are read with `Cache::load_tags` when a view needs them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TagSummary {
    /// Bit `i` is set when a bare tag names use `i` (see [`use_name`]); the bits `QUANTIZED`,
    /// `MERGED` and `GGUF` hold the marks.
    bits: [u64; 2],
    /// Boxed twice so that the summary of a loaded model, which has no list, pays one pointer.
    #[allow(
        clippy::box_collection,
        reason = "a thin pointer keeps every loaded model smaller"
    )]
    list: Option<Box<Vec<Tag>>>,
}

const _: () = assert!(size_of::<TagSummary>() == 24, "a tag summary grew");

impl TagSummary {
    /// Records what one tag tells the analysis, without keeping the tag.
    pub fn note(&mut self, kind: &str, value: &str, relation: Option<&str>) {
        match kind {
            "base_model" => match relation {
                Some("quantized") => self.set(QUANTIZED),
                Some("merge") => self.set(MERGED),
                _ => {}
            },
            "tag" => {
                let listed =
                    |list: &[&str]| list.iter().any(|word| value.eq_ignore_ascii_case(word));
                if listed(&QUANTIZED_TAGS) {
                    self.set(QUANTIZED);
                }
                if listed(&MERGE_TAGS) {
                    self.set(MERGED);
                }
                if value.eq_ignore_ascii_case("gguf") {
                    self.set(GGUF);
                }
                if let Some(index) = use_index(value) {
                    self.set(index);
                }
            }
            _ => {}
        }
    }

    fn set(&mut self, bit: usize) {
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn is_set(&self, bit: usize) -> bool {
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Records `tag` and keeps it in the full list.
    pub fn push(&mut self, tag: Tag) {
        self.note(&tag.kind, &tag.value, tag.relation.as_deref());
        self.list.get_or_insert_default().push(tag);
    }

    /// True when a `base_model:quantized:` tag or a quantization tag (`gptq`, `awq`…) is set.
    pub fn marks_quantized(&self) -> bool {
        self.is_set(QUANTIZED)
    }

    /// True when a `base_model:merge:` tag or a merge tag (`merge`, `mergekit`…) is set.
    pub fn marks_merged(&self) -> bool {
        self.is_set(MERGED)
    }

    /// True when the bare tag `gguf` is set, in any case.
    pub fn marks_gguf(&self) -> bool {
        self.is_set(GGUF)
    }

    /// Lists the uses the bare tags name, each once, by use number.
    pub fn use_indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..USE_COUNT).filter(|&index| self.is_set(index))
    }

    /// Lists the uses the bare tags name, each once, folded as `use_tag` gives them.
    pub fn uses(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.use_indices().map(use_name)
    }

    /// Returns the full tag list when the summary was built from tags, `None` when it was
    /// loaded from the cache.
    pub fn list(&self) -> Option<&[Tag]> {
        self.list.as_deref().map(Vec::as_slice)
    }
}

impl Extend<Tag> for TagSummary {
    fn extend<I: IntoIterator<Item = Tag>>(&mut self, tags: I) {
        for tag in tags {
            self.push(tag);
        }
    }
}

impl FromIterator<Tag> for TagSummary {
    fn from_iter<I: IntoIterator<Item = Tag>>(tags: I) -> TagSummary {
        let mut summary = TagSummary {
            list: Some(Box::default()),
            ..TagSummary::default()
        };
        summary.extend(tags);
        summary
    }
}

/// Shares one allocation among equal texts, such as the author, pipeline_tag or library_name
/// of many models.
#[derive(Debug, Default)]
pub struct Interner {
    texts: HashSet<SharedText>,
}

impl Interner {
    /// Returns the shared copy of `text`, making it on first use.
    pub fn intern(&mut self, text: &str) -> SharedText {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared = SharedText::new(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// Counts the distinct texts interned so far.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(kind: &str, value: &str, relation: Option<&str>) -> Tag {
        Tag {
            kind: kind.to_string(),
            value: value.to_string(),
            relation: relation.map(str::to_string),
        }
    }

    #[test]
    fn summary_marks_filters() {
        let plain: TagSummary = [tag("tag", "transformers", None)].into_iter().collect();
        assert!(!plain.marks_quantized());
        assert!(!plain.marks_merged());
        assert!(!plain.marks_gguf());

        let quantized: TagSummary = [tag("base_model", "a/b", Some("quantized"))]
            .into_iter()
            .collect();
        assert!(quantized.marks_quantized());
        assert!(!quantized.marks_merged());

        let mut tagged = TagSummary::default();
        tagged.note("tag", "GPTQ", None);
        tagged.note("tag", "MergeKit", None);
        tagged.note("tag", "GGUF", None);
        assert!(tagged.marks_quantized());
        assert!(tagged.marks_merged());
        assert!(tagged.marks_gguf());
        assert_eq!(tagged.list(), None, "note keeps no tag");

        // Only bare tags and base_model relations count.
        let mut other = TagSummary::default();
        other.note("license", "gguf", None);
        other.note("base_model", "a/merge", Some("finetune"));
        assert_eq!(other, TagSummary::default());
    }

    #[test]
    fn summary_lists_uses_once() {
        let summary: TagSummary = [
            tag("tag", "function_calling", None),
            tag("tag", "Function Calling", None),
            tag("tag", "text-generation", None),
            tag("language", "en", None),
            tag("tag", "llama", None),
        ]
        .into_iter()
        .collect();
        let mut uses: Vec<&str> = summary.uses().collect();
        uses.sort_unstable();
        assert_eq!(uses, ["function-calling", "text-generation"]);
        assert_eq!(summary.list().map(<[Tag]>::len), Some(5));
    }

    #[test]
    fn interner_shares_equal_texts() {
        let mut interner = Interner::default();
        let first = interner.intern("text-generation");
        let second = interner.intern("text-generation");
        let other = interner.intern("fill-mask");
        assert!(SharedText::ptr_eq(&first, &second));
        assert_eq!(&*other, "fill-mask");
        assert_eq!(interner.len(), 2);
    }
}
