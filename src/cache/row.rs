//! One `models` row with the raw inputs of parameter resolution, and the merge of two records
//! of the same model.

use crate::hub::pipeline::infer_pipeline_tag;
use crate::hub::record::{HubModel, PLACEHOLDER_CREATED_AT, QuantizationConfig, Safetensors};
use crate::hub::tags::TagList;
use crate::model::{Gated, ParamCount};
use crate::params::{self, MoeConfig, ParamInputs};

/// Creation date of a record, or the Hub's marker for an unrecorded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    At(String),
    /// The Hub's placeholder date: created before the Hub recorded dates.
    BeforeTracking,
}

/// A model as stored, before the parameter count is resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredModel {
    pub id: String,
    pub author: Option<String>,
    pub pipeline_tag: Option<String>,
    pub library_name: Option<String>,
    /// `config.architectures`, kept to infer a missing pipeline_tag.
    pub architectures: Option<Vec<String>>,
    pub created: Option<Created>,
    pub last_modified: Option<String>,
    pub downloads: Option<u64>,
    pub downloads_all_time: Option<u64>,
    pub likes: Option<u64>,
    pub trending_score: Option<f64>,
    pub gated: Option<Gated>,
    pub safetensors: Option<Safetensors>,
    pub gguf_total: Option<u64>,
    pub quantization: Option<QuantizationConfig>,
    /// The expert layout of a mixture-of-experts model, from its `config.json`.
    pub moe: Option<MoeConfig>,
    pub tags: Option<TagList>,
}

impl StoredModel {
    /// Converts a Hub record; `None` when it has no id. Invalid dates are dropped, and a missing
    /// author is taken from the owner part of the id, which is what the Hub calls the author.
    pub fn from_hub(record: HubModel) -> Option<StoredModel> {
        let id = record.repo_id()?.trim().to_string();
        let author = record
            .author
            .filter(|author| !author.is_empty())
            .or_else(|| id.split_once('/').map(|(owner, _)| owner.to_string()));
        let quantization = record
            .config
            .as_ref()
            .and_then(|config| config.quantization_config.clone());
        let architectures = record
            .config
            .as_ref()
            .and_then(|config| config.architectures.clone())
            .filter(|list| !list.is_empty());
        Some(StoredModel {
            author,
            pipeline_tag: record.pipeline_tag.filter(|tag| !tag.is_empty()),
            library_name: record.library_name.filter(|name| !name.is_empty()),
            architectures,
            created: record.created_at.as_deref().and_then(parse_created),
            last_modified: record
                .last_modified
                .as_deref()
                .and_then(normalize_timestamp),
            downloads: record.downloads,
            downloads_all_time: record.downloads_all_time,
            likes: record.likes,
            trending_score: record.trending_score,
            gated: record.gated,
            safetensors: record.safetensors,
            gguf_total: record
                .gguf
                .and_then(|gguf| gguf.total)
                .filter(|total| *total > 0),
            quantization,
            moe: record.moe,
            tags: record.tags.map(|raw| TagList::from_raw(raw.iter())),
            id,
        })
    }

    /// Merges two records of the same model. The newer record is the one with the later
    /// `lastModified`; when either lacks it, `incoming` (the later import) is newer. Each field
    /// takes the newer record's value when it has one and the older record's otherwise, so a
    /// list record never erases the safetensors of an earlier full record.
    pub fn merge(existing: StoredModel, incoming: StoredModel) -> StoredModel {
        let incoming_is_newer = match (&incoming.last_modified, &existing.last_modified) {
            (Some(incoming_time), Some(existing_time)) => incoming_time >= existing_time,
            _ => true,
        };
        let (newer, older) = if incoming_is_newer {
            (incoming, existing)
        } else {
            (existing, incoming)
        };
        StoredModel {
            id: newer.id,
            author: newer.author.or(older.author),
            pipeline_tag: newer.pipeline_tag.or(older.pipeline_tag),
            library_name: newer.library_name.or(older.library_name),
            architectures: newer.architectures.or(older.architectures),
            created: newer.created.or(older.created),
            last_modified: newer.last_modified.or(older.last_modified),
            downloads: newer.downloads.or(older.downloads),
            downloads_all_time: newer.downloads_all_time.or(older.downloads_all_time),
            likes: newer.likes.or(older.likes),
            trending_score: newer.trending_score.or(older.trending_score),
            gated: newer.gated.or(older.gated),
            safetensors: newer.safetensors.or(older.safetensors),
            gguf_total: newer.gguf_total.or(older.gguf_total),
            quantization: newer.quantization.or(older.quantization),
            moe: newer.moe.or(older.moe),
            tags: newer.tags.or(older.tags),
        }
    }

    /// The pipeline_tag to store and whether it was inferred because the Hub gave none.
    pub fn effective_pipeline_tag(&self) -> (Option<String>, bool) {
        if self.pipeline_tag.is_some() {
            return (self.pipeline_tag.clone(), false);
        }
        let inferred = infer_pipeline_tag(
            self.tags.iter().flat_map(TagList::iter),
            self.architectures.as_deref().unwrap_or_default(),
        );
        let is_inferred = inferred.is_some();
        (inferred, is_inferred)
    }

    /// Resolves the parameter count from the stored inputs and the reference and leaderboard
    /// counts, if any.
    pub fn resolve_params(
        &self,
        reference_total: Option<u64>,
        leaderboard_total: Option<u64>,
    ) -> ParamCount {
        params::resolve(&ParamInputs {
            id: &self.id,
            safetensors: self.safetensors.as_ref(),
            gguf_total: self.gguf_total,
            quantization: self.quantization.as_ref(),
            reference_total,
            moe: self.moe.as_ref(),
            leaderboard_total,
        })
    }
}

/// Parses `createdAt`: the placeholder means "before tracking", an invalid value means unknown.
///
/// The Hub stamped the repositories it already had when it started recording dates in one batch:
/// recorded responses of December 2024 hold 509 records at 2022-03-02T23:29:04Z, 1,029 at
/// 23:29:05Z and none at any other time that day. Both seconds are treated as the placeholder.
fn parse_created(text: &str) -> Option<Created> {
    let normalized = normalize_timestamp(text)?;
    let placeholder = normalize_timestamp(PLACEHOLDER_CREATED_AT).expect("placeholder is RFC 3339");
    let batch_end = "2022-03-02T23:29:06.000Z";
    if normalized.as_str() >= placeholder.as_str() && normalized.as_str() < batch_end {
        Some(Created::BeforeTracking)
    } else {
        Some(Created::At(normalized))
    }
}

/// Normalises an RFC 3339 time to UTC with milliseconds (`2024-02-19T11:06:12.000Z`), so that
/// stored times compare correctly as strings. Returns `None` for anything else.
pub fn normalize_timestamp(text: &str) -> Option<String> {
    let text = text.trim();
    // The Hub sends this form already, and formatting a time parsed from it gives it back, so
    // checking that the date exists is all the parse would do. The range of jiff 1.0 ends on
    // 9999-12-30T22:00:00Z, so the year 9999 is left to the parse.
    if is_normalized(text) && !text.starts_with("9999") {
        return is_valid_date(text).then(|| text.to_string());
    }
    let timestamp: jiff::Timestamp = text.parse().ok()?;
    Some(timestamp.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// True when the date and time of a text laid out as [`is_normalized`] requires exist: a month
/// from 1 to 12, a day within the month (29 February only in leap years), an hour below 24 and
/// a minute below 60.
fn is_valid_date(text: &str) -> bool {
    let number = |range: std::ops::Range<usize>| -> u32 {
        text.as_bytes()[range]
            .iter()
            .fold(0, |total, digit| total * 10 + u32::from(digit - b'0'))
    };
    let year = number(0..4);
    let month = number(5..7);
    let day = number(8..10);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day) && number(11..13) < 24 && number(14..16) < 60
}

/// True when `text` has the layout of [`normalize_timestamp`]'s output, without a leap second
/// (which parsing turns into second 59).
fn is_normalized(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 24
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            4 | 7 => byte == b'-',
            10 => byte == b'T',
            13 | 16 => byte == b':',
            19 => byte == b'.',
            23 => byte == b'Z',
            _ => byte.is_ascii_digit(),
        })
        && &text[17..19] < "60"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: &str) -> StoredModel {
        StoredModel {
            id: id.to_string(),
            ..StoredModel::default()
        }
    }

    #[test]
    fn placeholder_date_is_before_tracking() {
        assert_eq!(
            parse_created("2022-03-02T23:29:04.000Z"),
            Some(Created::BeforeTracking)
        );
        assert_eq!(
            parse_created("2022-03-02T23:29:04Z"),
            Some(Created::BeforeTracking)
        );
        assert_eq!(
            parse_created("2024-02-19T11:06:12.000Z"),
            Some(Created::At("2024-02-19T11:06:12.000Z".to_string()))
        );
        assert_eq!(parse_created("yesterday"), None);
    }

    #[test]
    fn timestamps_normalised_to_utc() {
        assert_eq!(
            normalize_timestamp("2024-02-19T13:06:12+02:00").as_deref(),
            Some("2024-02-19T11:06:12.000Z")
        );
    }

    #[test]
    fn normalized_timestamps_kept_as_formatting_gives_them() {
        for text in [
            "2024-02-19T11:06:12.000Z",
            "1999-12-31T23:59:59.999Z",
            "2024-02-29T00:00:00.123Z",
            " 2024-02-19T11:06:12.000Z ",
            "2016-12-31T23:59:60.000Z",
            "2024-02-30T00:00:00.000Z",
            "2024-02-19T11:06:12.000z",
            "2023-02-29T00:00:00.000Z",
            "2000-02-29T00:00:00.000Z",
            "1900-02-29T00:00:00.000Z",
            "2024-04-31T00:00:00.000Z",
            "2024-12-31T23:59:59.000Z",
            "2024-13-01T00:00:00.000Z",
            "2024-00-01T00:00:00.000Z",
            "2024-01-00T00:00:00.000Z",
            "2024-01-01T24:00:00.000Z",
            "2024-01-01T23:60:00.000Z",
            "0000-01-01T00:00:00.000Z",
            "9999-12-30T21:59:59.999Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let formatted = text
                .trim()
                .parse::<jiff::Timestamp>()
                .ok()
                .map(|time| time.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());
            assert_eq!(normalize_timestamp(text), formatted, "{text:?}");
        }
    }

    #[test]
    fn later_last_modified_wins() {
        let mut older = stored("a/b");
        older.last_modified = Some("2024-12-07T09:00:42.000Z".to_string());
        older.downloads = Some(10);
        older.likes = Some(1);
        let mut newer = stored("a/b");
        newer.last_modified = Some("2024-12-08T00:00:00.000Z".to_string());
        newer.downloads = Some(20);

        let merged = StoredModel::merge(newer.clone(), older.clone());
        assert_eq!(merged.downloads, Some(20));
        assert_eq!(merged.likes, Some(1));
        assert_eq!(merged.last_modified, newer.last_modified);

        let merged = StoredModel::merge(older, newer);
        assert_eq!(merged.downloads, Some(20));
    }

    #[test]
    fn without_last_modified_later_import_wins() {
        let mut first = stored("a/b");
        first.downloads = Some(10);
        first.safetensors = Some(Safetensors::default());
        let mut second = stored("a/b");
        second.downloads = Some(5);

        let merged = StoredModel::merge(first, second);
        assert_eq!(merged.downloads, Some(5));
        assert!(
            merged.safetensors.is_some(),
            "a list record must not erase safetensors"
        );
    }

    #[test]
    fn author_from_owner() {
        let record = HubModel {
            id: Some("Qwen/Qwen2.5-7B".to_string()),
            ..HubModel::default()
        };
        assert_eq!(
            StoredModel::from_hub(record).unwrap().author.as_deref(),
            Some("Qwen")
        );
    }
}
