//! The `models.tags_json` column: a model's tags as a JSON array of `[kind, value]` arrays, or
//! `[kind, value, relation]` for a `base_model` tag with a relation, in the model's tag order.

use std::fmt;

use serde::Deserialize;
#[cfg(test)]
use serde::Serialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
#[cfg(test)]
use serde::ser::{SerializeSeq, Serializer};

use crate::model::Tag;

/// Encodes tags for the `tags_json` column, with the bytes that serde_json writes for them.
pub fn encode(tags: &[Tag]) -> String {
    let length: usize = tags
        .iter()
        .map(|tag| {
            tag.kind.len() + tag.value.len() + tag.relation.as_ref().map_or(0, String::len) + 12
        })
        .sum();
    let mut text = String::with_capacity(length + 2);
    text.push('[');
    for (index, tag) in tags.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push('[');
        push_json_string(&mut text, &tag.kind);
        text.push(',');
        push_json_string(&mut text, &tag.value);
        if let Some(relation) = &tag.relation {
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

#[cfg(test)]
struct EncodedTags<'a>(&'a [Tag]);

#[cfg(test)]
impl Serialize for EncodedTags<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.0.len()))?;
        for tag in self.0 {
            list.serialize_element(&TagRef(tag))?;
        }
        list.end()
    }
}

#[cfg(test)]
struct TagRef<'a>(&'a Tag);

#[cfg(test)]
impl Serialize for TagRef<'_> {
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
            kind,
            value,
            relation,
        }))
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
    fn tags_round_trip() {
        let tags = vec![
            tag("base_model", "org/base", Some("finetune")),
            tag("license", "mit", None),
            tag("tag", "a \"quoted\" value\u{1f}", None),
        ];
        let text = encode(&tags);
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
            assert_eq!(encode(&tags[..count]), encode_with_serde(&tags[..count]));
        }
    }

    #[test]
    fn empty_list_round_trips() {
        assert_eq!(encode(&[]), "[]");
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
        }
    }
}
