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
    COMMON_KINDS
        .iter()
        .chain(&BASE_MODEL_RELATIONS)
        .find(|common| **common == kind)
        .map_or_else(
            || Cow::Owned(kind.to_string()),
            |common| Cow::Borrowed(*common),
        )
}

/// Splits one raw Hub tag. Empty tags and tags with an empty kind or value return `None`.
pub fn split_tag(raw: &str) -> Option<Tag> {
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
        return Some(Tag {
            kind: Cow::Borrowed(kind),
            value: raw.to_string(),
            relation: None,
        });
    };
    if kind.is_empty() || rest.is_empty() {
        return None;
    }
    if kind == "base_model" {
        if let Some((relation, id)) = rest.split_once(':') {
            if BASE_MODEL_RELATIONS.contains(&relation) && !id.is_empty() {
                return Some(Tag {
                    kind: kind_text(kind),
                    value: id.to_string(),
                    relation: Some(kind_text(relation)),
                });
            }
        }
    }
    Some(Tag {
        kind: kind_text(kind),
        value: rest.to_string(),
        relation: None,
    })
}

/// Splits every tag of a record, dropping empty ones and exact duplicates, in a stable order.
pub fn split_tags(raw: &[String]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = raw.iter().filter_map(|tag| split_tag(tag)).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// Splits every tag of a record as [`split_tags`] does, reusing each raw string's allocation for
/// the tag's value, which saves one allocation per tag when a file is imported.
pub fn split_tags_owned(raw: Vec<String>) -> Vec<Tag> {
    let mut tags: Vec<Tag> = raw.into_iter().filter_map(split_tag_owned).collect();
    // Equal tags are identical, so an unstable sort gives the order of a stable one.
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// Splits one raw Hub tag as [`split_tag`] does, keeping `raw`'s allocation for the value.
fn split_tag_owned(mut raw: String) -> Option<Tag> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = trimmed.as_ptr() as usize - raw.as_ptr() as usize;
    let end = start + trimmed.len();
    let Some(colon) = trimmed.find(':') else {
        let kind = if is_language_code(trimmed) {
            LANGUAGE_KIND
        } else {
            BARE_KIND
        };
        raw.truncate(end);
        raw.drain(..start);
        return Some(Tag {
            kind: Cow::Borrowed(kind),
            value: raw,
            relation: None,
        });
    };
    let kind = &trimmed[..colon];
    let rest = &trimmed[colon + 1..];
    if kind.is_empty() || rest.is_empty() {
        return None;
    }
    let kind = kind_text(kind);
    let mut value_start = start + colon + 1;
    let mut relation = None;
    if kind == "base_model" {
        if let Some((found, id)) = rest.split_once(':') {
            if BASE_MODEL_RELATIONS.contains(&found) && !id.is_empty() {
                relation = Some(kind_text(found));
                value_start += found.len() + 1;
            }
        }
    }
    raw.truncate(end);
    raw.drain(..value_start);
    Some(Tag {
        kind,
        value: raw,
        relation,
    })
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
    fn owned_split_matches_borrowed_split() {
        let raw: Vec<String> = [
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
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        for text in &raw {
            assert_eq!(split_tag_owned(text.clone()), split_tag(text), "{text:?}");
        }
        assert_eq!(split_tags_owned(raw.clone()), split_tags(&raw));
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
