//! The `models.tags_json` column: a model's tags as a JSON array of `[kind, value]` arrays, or
//! `[kind, value, relation]` for a `base_model` tag with a relation, in the model's tag order.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
#[cfg(test)]
use serde::Serialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
#[cfg(test)]
use serde::ser::{SerializeSeq, Serializer};

use crate::hub::tags::TagRef;
use crate::model::{Tag, TagSummary};

/// Encodes tags for the `tags_json` column, with the bytes that serde_json writes for them.
pub fn encode<'a, I>(tags: I) -> String
where
    I: IntoIterator<Item = TagRef<'a>>,
    I::IntoIter: Clone,
{
    let tags = tags.into_iter();
    let length: usize = tags
        .clone()
        .map(|tag| tag.kind.len() + tag.value.len() + tag.relation.map_or(0, str::len) + 12)
        .sum();
    let mut text = String::with_capacity(length + 2);
    text.push('[');
    for (index, tag) in tags.enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push('[');
        push_json_string(&mut text, tag.kind);
        text.push(',');
        push_json_string(&mut text, tag.value);
        if let Some(relation) = tag.relation {
            text.push(',');
            push_json_string(&mut text, relation);
        }
        text.push(']');
    }
    text.push(']');
    text
}

/// Appends `value` as a JSON string. serde_json escapes only quotes, backslashes and control
/// characters, so a string without them is copied between quotes as it is.
fn push_json_string(text: &mut String, value: &str) {
    // A fold without early exit lets the compiler check several bytes at a time.
    let needs_escape = value.bytes().fold(false, |found, byte| {
        found | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
    });
    if !needs_escape {
        text.push('"');
        text.push_str(value);
        text.push('"');
    } else {
        text.push_str(&serde_json::to_string(value).expect("a string serializes"));
    }
}

/// Encodes tags through serde_json, the reference for [`encode`].
#[cfg(test)]
fn encode_with_serde(tags: &[Tag]) -> String {
    serde_json::to_string(&EncodedTags(tags)).expect("tags serialize")
}

/// Decodes the `tags_json` column.
pub fn decode(text: &str) -> serde_json::Result<Vec<Tag>> {
    let tags: Vec<TagArray> = serde_json::from_str(text)?;
    Ok(tags.into_iter().map(|tag| tag.0).collect())
}

/// Reads the `tags_json` column straight into a [`TagSummary`], without keeping the tags. The
/// strings are borrowed from `text` unless they contain escapes.
pub fn summarize(text: &str) -> serde_json::Result<TagSummary> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let summary = deserializer.deserialize_seq(SummaryVisitor)?;
    deserializer.end()?;
    Ok(summary)
}

struct SummaryVisitor;

impl<'de> Visitor<'de> for SummaryVisitor {
    type Value = TagSummary;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array of tags")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<TagSummary, A::Error> {
        let mut summary = TagSummary::default();
        while let Some(tag) = items.next_element::<TagParts<'de>>()? {
            summary.note(&tag.kind, &tag.value, tag.relation.as_deref());
        }
        Ok(summary)
    }
}

/// One tag's strings, borrowed from the column text when they contain no escape.
struct TagParts<'a> {
    kind: Cow<'a, str>,
    value: Cow<'a, str>,
    relation: Option<Cow<'a, str>>,
}

impl<'de> Deserialize<'de> for TagParts<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TagPartsVisitor)
    }
}

struct TagPartsVisitor;

impl<'de> Visitor<'de> for TagPartsVisitor {
    type Value = TagParts<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array [kind, value] or [kind, value, relation]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<TagParts<'de>, A::Error> {
        let kind: Text<'de> = items
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let value: Text<'de> = items
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        let relation: Option<Text<'de>> = items.next_element()?;
        if items.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &self));
        }
        Ok(TagParts {
            kind: kind.0,
            value: value.0,
            relation: relation.map(|text| text.0),
        })
    }
}

/// A JSON string, borrowed when the input holds it unescaped.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text.to_string())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text)))
    }
}

#[cfg(test)]
struct EncodedTags<'a>(&'a [Tag]);

#[cfg(test)]
impl Serialize for EncodedTags<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.0.len()))?;
        for tag in self.0 {
            list.serialize_element(&EncodedTag(tag))?;
        }
        list.end()
    }
}

#[cfg(test)]
struct EncodedTag<'a>(&'a Tag);

#[cfg(test)]
impl Serialize for EncodedTag<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tag = self.0;
        let mut array = serializer.serialize_seq(Some(2 + usize::from(tag.relation.is_some())))?;
        array.serialize_element(&tag.kind)?;
        array.serialize_element(&tag.value)?;
        if let Some(relation) = &tag.relation {
            array.serialize_element(relation)?;
        }
        array.end()
    }
}

/// One tag read from its array of two or three strings.
struct TagArray(Tag);

impl<'de> Deserialize<'de> for TagArray {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TagArrayVisitor)
    }
}

struct TagArrayVisitor;

impl<'de> Visitor<'de> for TagArrayVisitor {
    type Value = TagArray;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array [kind, value] or [kind, value, relation]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<TagArray, A::Error> {
        let kind: String = items
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let value: String = items
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        let relation: Option<String> = items.next_element()?;
        if items.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &self));
        }
        Ok(TagArray(Tag {
            kind: kind.into(),
            value,
            relation: relation.map(Into::into),
        }))
    }
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
    fn tags_round_trip() {
        let tags = vec![
            tag("base_model", "org/base", Some("finetune")),
            tag("license", "mit", None),
            tag("tag", "a \"quoted\" value\u{1f}", None),
        ];
        let text = encode(tags.iter().map(TagRef::from));
        assert_eq!(
            text,
            r#"[["base_model","org/base","finetune"],["license","mit"],["tag","a \"quoted\" value\u001f"]]"#
        );
        assert_eq!(decode(&text).unwrap(), tags);
    }

    #[test]
    fn encoding_matches_serde_json() {
        let tags = [
            tag("base_model", "org/base", Some("finetune")),
            tag("license", "mit", None),
            tag("tag", "a \"quoted\" value\u{1f}", None),
            tag("tag", "back\\slash\ttab\nline\u{7f}", None),
            tag("language", "é 中文 🙂", Some("a\"b")),
            tag("", "", None),
        ];
        for count in 0..=tags.len() {
            assert_eq!(
                encode(tags[..count].iter().map(TagRef::from)),
                encode_with_serde(&tags[..count])
            );
        }
    }

    #[test]
    fn empty_list_round_trips() {
        assert_eq!(encode(std::iter::empty()), "[]");
        assert!(decode("[]").unwrap().is_empty());
    }

    #[test]
    fn malformed_arrays_rejected() {
        for text in [
            r#"[["tag"]]"#,
            r#"[["a","b","c","d"]]"#,
            r#"[{"kind":"a"}]"#,
            "[1]",
        ] {
            assert!(decode(text).is_err(), "{text} was accepted");
            assert!(summarize(text).is_err(), "{text} was summarized");
        }
    }

    #[test]
    fn summary_matches_decoded_tags() {
        let tags = vec![
            tag("base_model", "org/base", Some("quantized")),
            tag("tag", "Text_Generation", None),
            tag("tag", "conversational", None),
            tag("tag", "mergekit", None),
            tag("license", "gguf", None),
        ];
        let text = encode(tags.iter().map(TagRef::from));
        let summary = summarize(&text).unwrap();
        let mut expected = TagSummary::default();
        for tag in &tags {
            expected.note(&tag.kind, &tag.value, tag.relation.as_deref());
        }
        assert_eq!(summary, expected);
        assert!(summary.marks_quantized());
        assert!(summary.marks_merged());
        assert!(!summary.marks_gguf());
        assert_eq!(summary.list(), None);
    }

    #[test]
    fn summary_reads_escaped_strings() {
        let summary = summarize(r#"[["tag","text\u002dgeneration"],["tag","g\u0067uf"]]"#).unwrap();
        assert_eq!(summary.uses().collect::<Vec<_>>(), ["text-generation"]);
        assert!(summary.marks_gguf());
        assert!(summarize("[] trailing").is_err());
    }
}
