use std::fmt;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::hub::tags::RawTags;
use crate::model::Gated;

/// Implements the `Visitor` methods of the JSON types that a lenient field maps to `None`,
/// reading and discarding arrays and objects.
macro_rules! none_for {
    (bool) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
    (numbers) => {
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
    (str) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
    (null) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
    (seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
            while items.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    };
    (map) => {
        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
            while entries
                .next_entry::<IgnoredAny, IgnoredAny>()?
                .is_some()
            {}
            Ok(None)
        }
    };
    ($($kind:ident),+) => {
        $(none_for!($kind);)+
    };
}

/// A non-negative count that fits SQLite's signed 64-bit integers; anything else is `None`. A
/// float counts when it is a whole number.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    struct CountVisitor;

    impl<'de> Visitor<'de> for CountVisitor {
        type Value = Option<u64>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("any JSON value")
        }

        fn visit_u64<E: de::Error>(self, count: u64) -> Result<Self::Value, E> {
            Ok(Some(count))
        }

        fn visit_i64<E: de::Error>(self, count: i64) -> Result<Self::Value, E> {
            Ok(u64::try_from(count).ok())
        }

        fn visit_f64<E: de::Error>(self, count: f64) -> Result<Self::Value, E> {
            let whole = count.is_finite() && count >= 0.0 && count.fract() == 0.0;
            Ok(whole.then_some(count as u64))
        }

        none_for!(bool, str, null, seq, map);
    }

    let count = deserializer.deserialize_any(CountVisitor)?;
    Ok(count.filter(|count| *count <= i64::MAX as u64))
}

/// A finite number; anything else is `None`.
pub fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    struct FloatVisitor;

    impl<'de> Visitor<'de> for FloatVisitor {
        type Value = Option<f64>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("any JSON value")
        }

        fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
            Ok(Some(number as f64))
        }

        fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
            Ok(Some(number as f64))
        }

        fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
            Ok(Some(number).filter(|number| number.is_finite()))
        }

        none_for!(bool, str, null, seq, map);
    }

    deserializer.deserialize_any(FloatVisitor)
}

/// `gated`: `false`, `true`, `"auto"`, `"manual"`, or `"false"` spelt either way; anything else
/// is `None`.
pub fn gated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Gated>, D::Error> {
    struct GatedVisitor;

    impl<'de> Visitor<'de> for GatedVisitor {
        type Value = Option<Gated>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("any JSON value")
        }

        fn visit_bool<E: de::Error>(self, gated: bool) -> Result<Self::Value, E> {
            Ok(Some(if gated { Gated::Manual } else { Gated::No }))
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(match text {
                "auto" => Some(Gated::Auto),
                "manual" => Some(Gated::Manual),
                "false" | "False" => Some(Gated::No),
                _ => None,
            })
        }

        none_for!(numbers, null, seq, map);
    }

    deserializer.deserialize_any(GatedVisitor)
}

/// Reads the strings of an array as [`RawTags`], leaving out its other items; anything but an
/// array is `None`. Each string is copied into the one buffer of the list.
pub fn tags<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<RawTags>, D::Error> {
    struct TagsVisitor;

    impl<'de> Visitor<'de> for TagsVisitor {
        type Value = Option<RawTags>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("any JSON value")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
            let mut tags = RawTags::default();
            while items.next_element_seed(PushTag(&mut tags))?.is_some() {}
            Ok(Some(tags))
        }

        none_for!(bool, numbers, str, null, map);
    }

    deserializer.deserialize_any(TagsVisitor)
}

/// Appends an array item of [`tags`] to the list when it is a string, and reads past it
/// otherwise. Deserializes to `Some` for a string and `None` for any other value.
struct PushTag<'a>(&'a mut RawTags);

impl<'de> DeserializeSeed<'de> for PushTag<'_> {
    type Value = Option<()>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PushTag<'_> {
    type Value = Option<()>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        self.0.push(text);
        Ok(Some(()))
    }

    none_for!(bool, numbers, null, seq, map);
}

/// An object read as `T`; anything but an object, or an object that `T` cannot hold, is `None`.
///
/// The object is kept as raw JSON and parsed as `T`. When that fails, it is parsed into a
/// `Value` and converted, which decides, since a conversion from a `Value` accepts some objects
/// that a parse rejects (a duplicate key, for one).
pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    let text = raw.get();
    if !text.starts_with('{') {
        return Ok(None);
    }
    if let Ok(object) = serde_json::from_str::<T>(text) {
        return Ok(Some(object));
    }
    let parsed = serde_json::from_str::<Value>(text).ok();
    Ok(parsed.and_then(|value| serde_json::from_value(value).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conversions that the lenient fields made from a `serde_json::Value`.
    mod from_value {
        use super::*;

        pub fn count(value: Value) -> Option<u64> {
            let count = match value {
                Value::Number(number) => number.as_u64().or_else(|| {
                    number
                        .as_f64()
                        .filter(|f| f.is_finite() && *f >= 0.0 && f.fract() == 0.0)
                        .map(|f| f as u64)
                }),
                _ => None,
            };
            count.filter(|count| *count <= i64::MAX as u64)
        }

        pub fn float(value: Value) -> Option<f64> {
            value.as_f64().filter(|f| f.is_finite())
        }

        pub fn gated(value: Value) -> Option<Gated> {
            match value {
                Value::Bool(false) => Some(Gated::No),
                Value::Bool(true) => Some(Gated::Manual),
                Value::String(text) => match text.as_str() {
                    "auto" => Some(Gated::Auto),
                    "manual" => Some(Gated::Manual),
                    "false" | "False" => Some(Gated::No),
                    _ => None,
                },
                _ => None,
            }
        }

        pub fn tags(value: Value) -> Option<RawTags> {
            match value {
                Value::Array(items) => Some(items.iter().filter_map(Value::as_str).collect()),
                _ => None,
            }
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Fields {
        #[serde(default, deserialize_with = "count")]
        count: Option<u64>,
        #[serde(default, deserialize_with = "float")]
        float: Option<f64>,
        #[serde(default, deserialize_with = "gated")]
        gated: Option<Gated>,
        #[serde(default, deserialize_with = "tags")]
        tags: Option<RawTags>,
        #[serde(default, deserialize_with = "object")]
        object: Option<crate::hub::record::Safetensors>,
    }

    const VALUES: [&str; 27] = [
        "null",
        "true",
        "false",
        "0",
        "42",
        "-3",
        "3.0",
        "3.5",
        "-0.0",
        "1e3",
        "1e300",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "100000000000000000000",
        "\"auto\"",
        "\"manual\"",
        "\"false\"",
        "\"False\"",
        "\"yes\"",
        "\"esc\\u0061ped\"",
        "[]",
        "[\"en\", 3, null, \"fr\", [\"x\"], {\"a\": 1}, \"\\u00e9\"]",
        "{}",
        "{\"total\": 10, \"parameters\": {\"BF16\": 10}}",
        "{\"total\": \"ten\"}",
        "{\"total\": 1, \"total\": 2}",
    ];

    fn parse(field: &str, value: &str) -> Fields {
        serde_json::from_str(&format!("{{\"{field}\": {value}}}")).unwrap()
    }

    fn parse_from_value(field: &str, value: &str) -> Fields {
        let value: Value = serde_json::from_str(&format!("{{\"{field}\": {value}}}")).unwrap();
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn visitors_match_value_conversions() {
        for text in VALUES {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                parse("count", text).count,
                from_value::count(value.clone()),
                "count {text}"
            );
            assert_eq!(
                parse("float", text).float,
                from_value::float(value.clone()),
                "float {text}"
            );
            assert_eq!(
                parse("gated", text).gated,
                from_value::gated(value.clone()),
                "gated {text}"
            );
            assert_eq!(
                parse("tags", text).tags,
                from_value::tags(value.clone()),
                "tags {text}"
            );
        }
    }

    #[test]
    fn fields_read_alike_from_text_and_value() {
        for field in ["count", "float", "gated", "tags", "object"] {
            for text in VALUES {
                assert_eq!(
                    parse(field, text),
                    parse_from_value(field, text),
                    "{field} {text}"
                );
            }
        }
    }

    #[test]
    fn object_keeps_last_duplicate_key() {
        let object = parse("object", "{\"total\": 1, \"total\": 2}").object;
        assert_eq!(object.and_then(|safetensors| safetensors.total), Some(2));
        assert_eq!(parse("object", "[1]").object, None);
        assert_eq!(parse("object", "{\"total\": \"ten\"}").object, None);
    }
}
