//! Splitting Hub tags into kind and value.
//!
//! A prefixed tag splits on its first colon (`license:mit` → license, mit). A `base_model` tag
//! may carry a relation (`base_model:finetune:FacebookAI/roberta-base`); the relation is one of
//! finetune, quantized, adapter and merge, and anything else is part of the value. A bare tag
//! that is an ISO 639-1 code is a language; every other bare tag has the kind `tag`.

use std::borrow::Cow;

use crate::model::Tag;

/// Relations a `base_model:<relation>:<id>` tag can carry, per the Hub's model-card spec.
pub const BASE_MODEL_RELATIONS: [&str; 4] = ["finetune", "quantized", "adapter", "merge"];

/// ISO 639-1 language codes (ISO 639-1:2002, the 183 two-letter codes in use).
pub(crate) const ISO_639_1: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// The kind given to bare tags that are not language codes.
pub const BARE_KIND: &str = "tag";
/// The kind given to bare ISO 639-1 codes.
pub const LANGUAGE_KIND: &str = "language";

/// Tag kinds and base_model relations common enough on the Hub to be kept as shared constants.
const COMMON_KINDS: [&str; 10] = [
    BARE_KIND,
    LANGUAGE_KIND,
    "license",
    "dataset",
    "base_model",
    "region",
    "arxiv",
    "doi",
    "finetune",
    "quantized",
];

/// `kind` as a tag kind or relation: borrowed when it is common, so that it costs no allocation.
pub fn kind_text(kind: &str) -> Cow<'static, str> {
    common_text(kind).map_or_else(|| Cow::Owned(kind.to_string()), Cow::Borrowed)
}

/// Returns the shared constant equal to `kind`, when it is a common kind or a relation.
fn common_text(kind: &str) -> Option<&'static str> {
    COMMON_KINDS
        .iter()
        .chain(&BASE_MODEL_RELATIONS)
        .find(|common| **common == kind)
        .copied()
}

/// A tag whose parts are borrowed: what a [`Tag`] holds, without owning it. It orders as
/// [`Tag`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagRef<'a> {
    pub kind: &'a str,
    pub value: &'a str,
    pub relation: Option<&'a str>,
}

impl TagRef<'_> {
    /// Copies the parts into an owned [`Tag`].
    pub fn to_tag(self) -> Tag {
        Tag {
            kind: kind_text(self.kind),
            value: self.value.to_string(),
            relation: self.relation.map(kind_text),
        }
    }
}

impl<'a> From<&'a Tag> for TagRef<'a> {
    fn from(tag: &'a Tag) -> Self {
        TagRef {
            kind: &tag.kind,
            value: &tag.value,
            relation: tag.relation.as_deref(),
        }
    }
}

/// Splits one raw Hub tag. Empty tags and tags with an empty kind or value return `None`.
pub fn split_tag(raw: &str) -> Option<Tag> {
    split_tag_ref(raw).map(TagRef::to_tag)
}

/// Splits one raw Hub tag as [`split_tag`] does, borrowing the parts from `raw`.
pub fn split_tag_ref(raw: &str) -> Option<TagRef<'_>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let Some((kind, rest)) = raw.split_once(':') else {
        let kind = if is_language_code(raw) {
            LANGUAGE_KIND
        } else {
            BARE_KIND
        };
        return Some(TagRef {
            kind,
            value: raw,
            relation: None,
        });
    };
    if kind.is_empty() || rest.is_empty() {
        return None;
    }
    if kind == "base_model" {
        if let Some((relation, id)) = rest.split_once(':') {
            if BASE_MODEL_RELATIONS.contains(&relation) && !id.is_empty() {
                return Some(TagRef {
                    kind,
                    value: id,
                    relation: Some(relation),
                });
            }
        }
    }
    Some(TagRef {
        kind,
        value: rest,
        relation: None,
    })
}

/// Splits every tag of a record, dropping empty ones and exact duplicates, in a stable order.
pub fn split_tags(raw: &[String]) -> Vec<Tag> {
    TagList::from_raw(raw.iter().map(String::as_str)).to_tags()
}

/// The raw tag strings of a Hub record, in their order, kept in one buffer so that a record
/// costs two allocations for its tags, whatever their number.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawTags {
    text: String,
    /// The end of each tag in `text`.
    ends: Vec<usize>,
}

impl RawTags {
    pub fn push(&mut self, tag: &str) {
        self.text.push_str(tag);
        self.ends.push(self.text.len());
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn contains(&self, tag: &str) -> bool {
        self.iter().any(|raw| raw == tag)
    }
}

impl<'a> FromIterator<&'a str> for RawTags {
    fn from_iter<I: IntoIterator<Item = &'a str>>(tags: I) -> Self {
        let mut raw = RawTags::default();
        for tag in tags {
            raw.push(tag);
        }
        raw
    }
}

impl std::fmt::Debug for RawTags {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

/// A record's tags, split, sorted and without exact duplicates, as [`split_tags`] gives them,
/// held in one text buffer and one list of spans: importing a file then costs two allocations
/// per record for its tags instead of one per tag.
#[derive(Clone, Default)]
pub struct TagList {
    /// The values, and the kinds and relations that are not shared constants.
    text: String,
    tags: Vec<TagSpans>,
}

#[derive(Debug, Clone, Copy)]
struct TagSpans {
    kind: Span,
    value: Span,
    relation: Option<Span>,
}

/// A part of a tag: a range of [`TagList::text`], or a shared constant.
#[derive(Debug, Clone, Copy)]
enum Span {
    Text { start: u32, end: u32 },
    Common(&'static str),
}

impl TagList {
    /// Splits raw Hub tags as [`split_tags`] does.
    pub fn from_raw<'a>(raw: impl IntoIterator<Item = &'a str>) -> TagList {
        TagList::from_tags(raw.into_iter().filter_map(split_tag_ref))
    }

    /// Sorts `tags` and drops exact duplicates.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = TagRef<'a>>) -> TagList {
        let mut tags: Vec<TagRef<'a>> = tags.into_iter().collect();
        // Equal tags are identical, so an unstable sort gives the order of a stable one.
        tags.sort_unstable();
        tags.dedup();
        let mut list = TagList {
            text: String::with_capacity(tags.iter().map(|tag| tag.value.len()).sum()),
            tags: Vec::with_capacity(tags.len()),
        };
        for tag in &tags {
            let spans = TagSpans {
                kind: list.span(tag.kind),
                value: list.span(tag.value),
                relation: tag.relation.map(|relation| list.span(relation)),
            };
            list.tags.push(spans);
        }
        list
    }

    fn span(&mut self, part: &str) -> Span {
        if part.len() <= 10 {
            if let Some(common) = common_text(part) {
                return Span::Common(common);
            }
        }
        let start = self.text.len();
        self.text.push_str(part);
        let offset = |at: usize| u32::try_from(at).expect("a record's tags hold under 4 GiB");
        Span::Text {
            start: offset(start),
            end: offset(self.text.len()),
        }
    }

    fn part(&self, span: Span) -> &str {
        match span {
            Span::Text { start, end } => &self.text[start as usize..end as usize],
            Span::Common(text) => text,
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = TagRef<'_>> + Clone + '_ {
        self.tags.iter().map(|spans| TagRef {
            kind: self.part(spans.kind),
            value: self.part(spans.value),
            relation: spans.relation.map(|relation| self.part(relation)),
        })
    }

    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    pub fn to_tags(&self) -> Vec<Tag> {
        self.iter().map(TagRef::to_tag).collect()
    }
}

impl PartialEq for TagList {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for TagList {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

fn is_language_code(tag: &str) -> bool {
    tag.len() == 2 && ISO_639_1.binary_search(&tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(kind: &str, value: &str, relation: Option<&str>) -> Tag {
        Tag {
            kind: kind.to_string().into(),
            value: value.to_string(),
            relation: relation.map(|relation| relation.to_string().into()),
        }
    }

    #[test]
    fn language_list_sorted_for_search() {
        assert!(ISO_639_1.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn prefixed_kinds_split_on_first_colon() {
        assert_eq!(
            split_tag("license:cc-by-4.0"),
            Some(tag("license", "cc-by-4.0", None))
        );
        assert_eq!(
            split_tag("dataset:squad_v2"),
            Some(tag("dataset", "squad_v2", None))
        );
        assert_eq!(
            split_tag("arxiv:1810.04805"),
            Some(tag("arxiv", "1810.04805", None))
        );
        assert_eq!(split_tag("region:us"), Some(tag("region", "us", None)));
        assert_eq!(
            split_tag("doi:10.57967/hf/1:2"),
            Some(tag("doi", "10.57967/hf/1:2", None))
        );
    }

    #[test]
    fn base_model_relations() {
        assert_eq!(
            split_tag("base_model:finetune:FacebookAI/roberta-base"),
            Some(tag(
                "base_model",
                "FacebookAI/roberta-base",
                Some("finetune")
            ))
        );
        assert_eq!(
            split_tag("base_model:quantized:Qwen/QwQ-32B-Preview"),
            Some(tag("base_model", "Qwen/QwQ-32B-Preview", Some("quantized")))
        );
        assert_eq!(
            split_tag("base_model:FacebookAI/roberta-base"),
            Some(tag("base_model", "FacebookAI/roberta-base", None))
        );
    }

    #[test]
    fn bare_tags_languages_and_others() {
        assert_eq!(split_tag("en"), Some(tag("language", "en", None)));
        assert_eq!(split_tag("fr"), Some(tag("language", "fr", None)));
        assert_eq!(
            split_tag("transformers"),
            Some(tag("tag", "transformers", None))
        );
        assert_eq!(
            split_tag("text-generation"),
            Some(tag("tag", "text-generation", None))
        );
        assert_eq!(split_tag("EN"), Some(tag("tag", "EN", None)));
    }

    #[test]
    fn empty_parts_dropped() {
        assert_eq!(split_tag(""), None);
        assert_eq!(split_tag("  "), None);
        assert_eq!(split_tag(":x"), None);
        assert_eq!(split_tag("license:"), None);
    }

    #[test]
    fn tag_list_matches_the_split_tags() {
        let raw = [
            "license:mit",
            " en ",
            "en",
            "\ttransformers ",
            "EN",
            "",
            "  ",
            ":x",
            "license:",
            " base_model:finetune:org/base ",
            "base_model:merge:",
            "base_model:other:org/base",
            "base_model:org/base",
            "doi:10.57967/hf/1:2",
            "région:é",
            "license:mit",
        ];
        let mut expected: Vec<Tag> = raw.iter().filter_map(|text| split_tag(text)).collect();
        expected.sort();
        expected.dedup();
        let list = TagList::from_raw(raw);
        assert_eq!(list.to_tags(), expected);
        assert_eq!(list.len(), expected.len());
        let refs: Vec<TagRef<'_>> = expected.iter().map(TagRef::from).collect();
        assert_eq!(TagList::from_tags(refs.iter().rev().copied()), list);
        let raw_tags: RawTags = raw.into_iter().collect();
        assert_eq!(raw_tags.iter().collect::<Vec<_>>(), raw);
        assert!(raw_tags.contains("EN"));
        assert!(!raw_tags.contains("fr"));
    }

    #[test]
    fn duplicates_removed() {
        let raw = vec![
            "en".to_string(),
            "en".to_string(),
            "license:mit".to_string(),
        ];
        assert_eq!(split_tags(&raw).len(), 2);
    }
}
