//! Filters that narrow the cached models before anything is counted: by task, library, owner,
//! creation date, size and repository kind. The terminal UI rebuilds its index from the models a
//! filter keeps, and `slmscope report` and `slmscope models` apply the same filter.
//!
//! Repository kinds are read from the Hub's own metadata:
//! - quantized: a `base_model:quantized:…` tag, a quantization tag (`gptq`, `awq`,
//!   `bitsandbytes`, `4-bit`, `8-bit`, `fp8`, `exl2`…), a quantization word in the repository
//!   name (`-GPTQ`, `-AWQ`, `-bnb-4bit`, `-Int4`…), or safetensors weights in packed integer
//!   dtypes (a safetensors count marked approximate);
//! - merged: a `base_model:merge:…` tag or a `merge`, `mergekit` or `lazymergekit` tag;
//! - GGUF: a `gguf` tag (any case), the library `gguf`, a count taken from `gguf.total`, or a
//!   `gguf` word in the repository name (`-GGUF`, `-i1-GGUF`), which some repositories carry
//!   without the tag.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::threshold::{ThresholdError, format_params, parse_threshold};
use crate::i18n::Lang;
use crate::model::{Model, ParamSource};

/// Whether models of unknown size pass the filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownSizes {
    #[default]
    Include,
    Exclude,
}

/// The criteria a model must all meet. The default filter keeps every model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// The pipeline_tag, compared without regard to ASCII case.
    pub task: Option<String>,
    /// The library_name, compared without regard to ASCII case.
    pub library: Option<String>,
    /// The owner part of the id (`Qwen` in `Qwen/Qwen2.5-7B`), compared without regard to case.
    pub author: Option<String>,
    /// The first creation day kept. Models of unknown or placeholder creation date fail it.
    #[serde(with = "optional_day")]
    pub created_after: Option<Date>,
    /// The smallest parameter count kept, included.
    pub min_params: Option<u64>,
    /// The largest parameter count kept, included.
    pub max_params: Option<u64>,
    pub exclude_quantized: bool,
    pub exclude_merged: bool,
    pub exclude_gguf: bool,
    /// Whether models of unknown size are kept. The size range never drops them, so only this
    /// field does.
    pub unknown_sizes: UnknownSizes,
}

/// A filter value that cannot be used. The English message names the value and the fix;
/// [`FilterError::message`] gives it in either language.
#[derive(Debug, PartialEq, Eq, Error)]
pub enum FilterError {
    #[error("invalid date {input:?}: write a day as YYYY-MM-DD, such as 2024-01-01")]
    Date { input: String },
    #[error("invalid date {input:?}: the calendar has no such day; check the month and the day")]
    NoSuchDay { input: String },
    #[error("invalid size {input:?}: {}", size_fix(.error, Lang::En))]
    Size {
        input: String,
        error: ThresholdError,
    },
    #[error(
        "the minimum size {} is larger than the maximum {}: swap them or raise the maximum",
        format_params(*.min),
        format_params(*.max)
    )]
    EmptyRange { min: u64, max: u64 },
    #[error("the {field} is empty: give a value, or remove the criterion")]
    EmptyText { field: &'static str },
}

impl FilterError {
    /// Returns the message in `lang`, naming the value and the fix.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Fr, FilterError::Date { input }) => format!(
                "date invalide {input:?} : écrivez un jour sous la forme AAAA-MM-JJ, par exemple 2024-01-01"
            ),
            (Lang::Fr, FilterError::NoSuchDay { input }) => format!(
                "date invalide {input:?} : ce jour n'existe pas ; vérifiez le mois et le jour"
            ),
            (Lang::Fr, FilterError::Size { input, error }) => {
                format!("taille invalide {input:?} : {}", size_fix(error, Lang::Fr))
            }
            (Lang::Fr, FilterError::EmptyText { field }) => format!(
                "le critère {} est vide : donnez une valeur, ou retirez-le",
                match *field {
                    "task" => "tâche",
                    "library" => "bibliothèque",
                    _ => "auteur",
                }
            ),
            (Lang::Fr, FilterError::EmptyRange { min, max }) => format!(
                "la taille minimale {} dépasse la maximale {} : inversez-les ou relevez la maximale",
                format_params(*min),
                format_params(*max)
            ),
        }
    }

    /// Returns the short form for an input line: the fix without the value, in at most about
    /// 45 columns.
    pub fn short(&self, lang: Lang) -> &'static str {
        match self {
            FilterError::Date { .. } => {
                lang.pick("write a day as YYYY-MM-DD", "écrivez un jour AAAA-MM-JJ")
            }
            FilterError::NoSuchDay { .. } => lang.pick(
                "no such day: check month and day",
                "jour inexistant : mois ou jour faux",
            ),
            FilterError::Size { error, .. } => match error {
                ThresholdError::Syntax { .. } => lang.pick(
                    "write a size such as 7B, 1.5b or 500M",
                    "écrivez une taille : 7B, 7,5 Md, 500M…",
                ),
                ThresholdError::OutOfRange { .. } => {
                    lang.pick("above 0, up to 100T", "au-dessus de 0, jusqu'à 100T")
                }
                ThresholdError::MissingUnit { .. } => lang.pick(
                    "add a unit: 7B, 500M or 1T",
                    "ajoutez une unité : 7B, 7,5 Md, 500M",
                ),
            },
            FilterError::EmptyRange { .. } => lang.pick(
                "below the minimum: swap them or raise it",
                "sous le minimum : inversez-les ou relevez-la",
            ),
            FilterError::EmptyText { .. } => lang.pick(
                "empty: give a value or remove it",
                "vide : donnez une valeur ou retirez-le",
            ),
        }
    }
}

fn size_fix(error: &ThresholdError, lang: Lang) -> &'static str {
    match error {
        ThresholdError::Syntax { .. } => lang.pick(
            "write a size such as 7B, 1.5b, 500M or 1T",
            "écrivez une taille, par exemple 7B, 1.5b, 500M ou 1T",
        ),
        ThresholdError::OutOfRange { .. } => lang.pick(
            "write a size above 0 and at most 100T, such as 500M",
            "écrivez une taille supérieure à 0 et d'au plus 100T, par exemple 500M ou 7,5 Md",
        ),
        ThresholdError::MissingUnit { .. } => lang.pick(
            "add a unit, such as 7B, 500M or 1T",
            "ajoutez une unité, par exemple 7B, 7,5 Md, 500M ou 1T",
        ),
    }
}

/// Parses a day written `YYYY-MM-DD`, the only form the filter accepts.
pub fn parse_day(text: &str) -> Result<Date, FilterError> {
    let trimmed = text.trim();
    let error = || FilterError::Date {
        input: text.to_string(),
    };
    let shape_ok = trimmed.len() == 10
        && trimmed
            .bytes()
            .enumerate()
            .all(|(index, byte)| match index {
                4 | 7 => byte == b'-',
                _ => byte.is_ascii_digit(),
            });
    if !shape_ok {
        return Err(error());
    }
    trimmed.parse::<Date>().map_err(|_| FilterError::NoSuchDay {
        input: text.to_string(),
    })
}

/// Parses a size bound with the threshold parser (`7B`, `1.5b`, `500M`, `7000000000`).
pub fn parse_size(text: &str) -> Result<u64, FilterError> {
    parse_threshold(text).map_err(|error| FilterError::Size {
        input: text.to_string(),
        error,
    })
}

/// Quantization tags seen on Hub repositories, compared in lowercase.
pub(crate) const QUANTIZED_TAGS: [&str; 18] = [
    "quantized",
    "gptq",
    "autogptq",
    "auto-gptq",
    "gptqmodel",
    "awq",
    "autoawq",
    "bitsandbytes",
    "bnb",
    "4-bit",
    "8-bit",
    "4bit",
    "8bit",
    "int4",
    "int8",
    "fp8",
    "fbgemm_fp8",
    "exl2",
];

/// Quantization words in repository names, compared in lowercase with whole tokens.
const QUANTIZED_NAME_TOKENS: [&str; 9] = [
    "quantized",
    "gptq",
    "awq",
    "bnb",
    "4bit",
    "8bit",
    "int4",
    "int8",
    "exl2",
];

pub(crate) const MERGE_TAGS: [&str; 3] = ["merge", "mergekit", "lazymergekit"];

/// Returns the lowercase words of the repository name, split on anything not alphanumeric.
fn name_tokens(model: &Model) -> impl Iterator<Item = String> + '_ {
    let name = model.id.rsplit('/').next().unwrap_or(&model.id);
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_lowercase)
}

/// True for a quantized repository, by the rule in the module documentation.
pub fn is_quantized(model: &Model) -> bool {
    model.tags.marks_quantized()
        || name_tokens(model).any(|token| QUANTIZED_NAME_TOKENS.contains(&token.as_str()))
        || (model.params.source == ParamSource::Safetensors && model.params.approximate)
}

/// True for a merge of several models, by the rule in the module documentation.
pub fn is_merged(model: &Model) -> bool {
    model.tags.marks_merged()
}

/// True for a repository of GGUF files, by the rule in the module documentation.
pub fn is_gguf(model: &Model) -> bool {
    model.tags.marks_gguf()
        || model
            .library_name
            .as_deref()
            .is_some_and(|library| library.eq_ignore_ascii_case("gguf"))
        || model.params.source == ParamSource::Gguf
        || name_tokens(model).any(|token| token == "gguf")
}

/// Returns the owner of a model id: the part before the first `/`, if any.
pub fn owner(id: &str) -> Option<&str> {
    id.split_once('/').map(|(owner, _)| owner)
}

fn same_text(expected: &Option<String>, value: Option<&str>) -> bool {
    match expected {
        None => true,
        Some(expected) => value.is_some_and(|value| value.eq_ignore_ascii_case(expected.trim())),
    }
}

/// The largest size bound, as the threshold parser accepts: 100T.
const MAX_PARAMS: u64 = 100_000_000_000_000;

impl Filter {
    /// True when no criterion is set, so every model passes.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Checks what the types cannot, for filters read from a file: a blank text criterion, a
    /// size bound outside what the threshold parser accepts, and a minimum above the maximum.
    pub fn validate(&self) -> Result<(), FilterError> {
        for (field, value) in [
            ("task", &self.task),
            ("library", &self.library),
            ("author", &self.author),
        ] {
            if value.as_deref().is_some_and(|text| text.trim().is_empty()) {
                return Err(FilterError::EmptyText { field });
            }
        }
        for bound in [self.min_params, self.max_params].into_iter().flatten() {
            if !(1..=MAX_PARAMS).contains(&bound) {
                let input = bound.to_string();
                return Err(FilterError::Size {
                    error: ThresholdError::OutOfRange {
                        input: input.clone(),
                    },
                    input,
                });
            }
        }
        match (self.min_params, self.max_params) {
            (Some(min), Some(max)) if min > max => Err(FilterError::EmptyRange { min, max }),
            _ => Ok(()),
        }
    }

    /// True when `model` meets every criterion.
    pub fn matches(&self, model: &Model) -> bool {
        if !same_text(&self.task, model.pipeline_tag.as_deref())
            || !same_text(&self.library, model.library_name.as_deref())
            || !same_text(&self.author, owner(&model.id))
        {
            return false;
        }
        if let Some(day) = self.created_after {
            let created = model
                .created_at
                .map(|time| time.timestamp().to_zoned_datetime(TimeZone::UTC).date());
            if created.is_none_or(|created| created < day) {
                return false;
            }
        }
        let outside_range = |total: u64| {
            self.min_params.is_some_and(|min| total < min)
                || self.max_params.is_some_and(|max| total > max)
        };
        match model.params.total() {
            Some(total) if outside_range(total) => return false,
            None if self.unknown_sizes == UnknownSizes::Exclude => return false,
            _ => {}
        }
        !(self.exclude_quantized && is_quantized(model)
            || self.exclude_merged && is_merged(model)
            || self.exclude_gguf && is_gguf(model))
    }

    /// Returns the models that pass, in their order.
    pub fn apply(&self, models: &[Model]) -> Vec<Model> {
        models
            .iter()
            .filter(|model| self.matches(model))
            .cloned()
            .collect()
    }

    /// Keeps the models that pass, in their order, without copying them.
    pub fn retain(&self, mut models: Vec<Model>) -> Vec<Model> {
        if !self.is_empty() {
            models.retain(|model| self.matches(model));
        }
        models
    }

    /// Returns the size range as model cards write sizes: `1B–7B`, `≥1B` or `≤7B`.
    fn range_text(&self) -> Option<String> {
        match (self.min_params, self.max_params) {
            (Some(min), Some(max)) => {
                Some(format!("{}–{}", format_params(min), format_params(max)))
            }
            (Some(min), None) => Some(format!("≥{}", format_params(min))),
            (None, Some(max)) => Some(format!("≤{}", format_params(max))),
            (None, None) => None,
        }
    }

    /// Lists the criteria in a few words each, for the status bar: `text-generation`,
    /// `≥2024-01-01`, `no GGUF`. Hub values are returned as stored; clean them before drawing.
    pub fn short_parts(&self, lang: Lang) -> Vec<String> {
        let mut parts = Vec::new();
        parts.extend(self.task.clone());
        parts.extend(self.library.clone());
        if let Some(author) = &self.author {
            parts.push(match lang {
                Lang::En => format!("by {author}"),
                Lang::Fr => crate::i18n::french_de(author),
            });
        }
        if let Some(day) = self.created_after {
            parts.push(format!("≥{day}"));
        }
        if let Some(range) = self.range_text() {
            parts.push(format!("params {range}"));
        }
        for (set, english, french) in [
            (self.exclude_quantized, "no quantized", "sans quantifiés"),
            (self.exclude_merged, "no merges", "sans fusions"),
            (self.exclude_gguf, "no GGUF", "sans GGUF"),
            (
                self.unknown_sizes == UnknownSizes::Exclude,
                "known sizes",
                "tailles connues",
            ),
        ] {
            if set {
                parts.push(lang.pick(english, french).to_string());
            }
        }
        parts
    }

    /// Writes the criteria in a form that does not depend on the language, for files that
    /// scripts read: `key=value` pairs named as in the filters file, joined by `; `, such as
    /// `task=text-generation; min_params=1000000000; exclude_gguf=true`. Empty for the empty
    /// filter. Hub values are returned as stored.
    pub fn stable_description(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("task", &self.task),
            ("library", &self.library),
            ("author", &self.author),
        ] {
            if let Some(value) = value {
                parts.push(format!("{key}={value}"));
            }
        }
        if let Some(day) = self.created_after {
            parts.push(format!("created_after={day}"));
        }
        if let Some(min) = self.min_params {
            parts.push(format!("min_params={min}"));
        }
        if let Some(max) = self.max_params {
            parts.push(format!("max_params={max}"));
        }
        for (set, key) in [
            (self.exclude_quantized, "exclude_quantized=true"),
            (self.exclude_merged, "exclude_merged=true"),
            (self.exclude_gguf, "exclude_gguf=true"),
            (
                self.unknown_sizes == UnknownSizes::Exclude,
                "unknown_sizes=exclude",
            ),
        ] {
            if set {
                parts.push(key.to_string());
            }
        }
        parts.join("; ")
    }

    /// Returns the criteria joined by commas, or `none` when the filter is empty.
    pub fn short_description(&self, lang: Lang) -> String {
        if self.is_empty() {
            return lang.pick("none", "aucun").to_string();
        }
        self.short_parts(lang).join(", ")
    }

    /// Describes the filter in sentences, for the filter popup.
    pub fn long_description(&self, lang: Lang) -> String {
        if self.is_empty() {
            return lang
                .pick(
                    "No filter: every cached model is counted.",
                    "Aucun filtre : tous les modèles du cache sont comptés.",
                )
                .to_string();
        }
        let mut kept: Vec<String> = Vec::new();
        let quoted = |value: &str| match lang {
            Lang::En => format!("“{value}”"),
            Lang::Fr => format!("«\u{a0}{value}\u{a0}»"),
        };
        if let Some(task) = &self.task {
            kept.push(format!("pipeline_tag {}", quoted(task)));
        }
        if let Some(library) = &self.library {
            kept.push(format!("library_name {}", quoted(library)));
        }
        if let Some(author) = &self.author {
            kept.push(match lang {
                Lang::En => format!("owner {}", quoted(author)),
                Lang::Fr => format!("propriétaire {}", quoted(author)),
            });
        }
        if let Some(day) = self.created_after {
            kept.push(match lang {
                Lang::En => format!("created on or after {day}"),
                Lang::Fr => format!("créés le {day} ou après"),
            });
        }
        let (min, max) = (
            self.min_params.map(format_params),
            self.max_params.map(format_params),
        );
        match (min, max, lang) {
            (Some(min), Some(max), Lang::En) => {
                kept.push(format!("with {min} to {max} parameters, bounds included"))
            }
            (Some(min), Some(max), Lang::Fr) => {
                kept.push(format!("de {min} à {max} paramètres, bornes comprises"))
            }
            (Some(min), None, Lang::En) => kept.push(format!("with at least {min} parameters")),
            (Some(min), None, Lang::Fr) => kept.push(format!("d'au moins {min} paramètres")),
            (None, Some(max), Lang::En) => kept.push(format!("with at most {max} parameters")),
            (None, Some(max), Lang::Fr) => kept.push(format!("d'au plus {max} paramètres")),
            (None, None, _) => {}
        }
        let mut dropped: Vec<&str> = Vec::new();
        for (set, english, french) in [
            (
                self.exclude_quantized,
                "quantized repositories",
                "les dépôts quantifiés",
            ),
            (self.exclude_merged, "merges", "les fusions"),
            (self.exclude_gguf, "GGUF repositories", "les dépôts GGUF"),
            (
                self.unknown_sizes == UnknownSizes::Exclude,
                "models of unknown size",
                "les modèles de taille inconnue",
            ),
        ] {
            if set {
                dropped.push(lang.pick(english, french));
            }
        }

        let mut sentences = Vec::new();
        if !kept.is_empty() {
            sentences.push(match lang {
                Lang::En => format!("Keeps models: {}.", kept.join("; ")),
                Lang::Fr => format!("Garde les modèles : {}.", kept.join(" ; ")),
            });
        }
        if !dropped.is_empty() {
            sentences.push(match lang {
                Lang::En => format!("Leaves out {}.", dropped.join(", ")),
                Lang::Fr => format!("Exclut {}.", dropped.join(", ")),
            });
        }
        if self.range_text().is_some() && self.unknown_sizes == UnknownSizes::Include {
            sentences.push(
                lang.pick(
                    "Models of unknown size stay: they have no size to compare.",
                    "Les modèles de taille inconnue restent : ils n'ont pas de taille à comparer.",
                )
                .to_string(),
            );
        }
        sentences.join(" ")
    }
}

/// Serde of an optional day as `"YYYY-MM-DD"` or null.
mod optional_day {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(day) => serializer.serialize_str(&day.to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        text.map(|text| super::parse_day(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HubTime;
    use crate::model::Tag;
    use proptest::prelude::*;

    const B: u64 = 1_000_000_000;

    fn tag(value: &str) -> Tag {
        Tag {
            kind: "tag".into(),
            value: value.to_string(),
            relation: None,
        }
    }

    fn base_model(relation: &str) -> Tag {
        Tag {
            kind: "base_model".into(),
            value: "org/base".to_string(),
            relation: Some(relation.to_string().into()),
        }
    }

    fn day(text: &str) -> Date {
        parse_day(text).unwrap()
    }

    #[test]
    fn empty_filter_keeps_everything() {
        let filter = Filter::default();
        assert!(filter.is_empty());
        assert!(filter.matches(&Model::minimal("a/b", None)));
        assert!(filter.matches(&Model::minimal("no-owner", Some(B))));
        assert_eq!(filter.short_description(Lang::En), "none");
    }

    #[test]
    fn task_matches_pipeline_tag_any_case() {
        let filter = Filter {
            task: Some("text-generation".to_string()),
            ..Filter::default()
        };
        let mut model = Model::minimal("a/b", Some(B));
        assert!(!filter.matches(&model), "no pipeline_tag fails");
        model.pipeline_tag = Some("Text-Generation".into());
        assert!(filter.matches(&model));
        model.pipeline_tag = Some("fill-mask".into());
        assert!(!filter.matches(&model));
    }

    #[test]
    fn library_matches_library_name() {
        let filter = Filter {
            library: Some("diffusers".into()),
            ..Filter::default()
        };
        let mut model = Model::minimal("a/b", Some(B));
        assert!(!filter.matches(&model));
        model.library_name = Some("diffusers".into());
        assert!(filter.matches(&model));
        model.library_name = Some("transformers".into());
        assert!(!filter.matches(&model));
    }

    #[test]
    fn author_is_the_id_owner_any_case() {
        let filter = Filter {
            author: Some("qwen".to_string()),
            ..Filter::default()
        };
        assert!(filter.matches(&Model::minimal("Qwen/Qwen2.5-7B", Some(B))));
        assert!(!filter.matches(&Model::minimal("Qwenlm/x", Some(B))));
        assert!(!filter.matches(&Model::minimal("other/Qwen", Some(B))));
        assert!(
            !filter.matches(&Model::minimal("qwen", Some(B))),
            "no owner"
        );
        // The stored `author` field does not count: only the id does.
        let mut model = Model::minimal("other/x", Some(B));
        model.author = Some("Qwen".into());
        assert!(!filter.matches(&model));
    }

    #[test]
    fn created_after_includes_the_day() {
        let filter = Filter {
            created_after: Some(day("2024-01-01")),
            ..Filter::default()
        };
        let created = |text: Option<&str>, placeholder: bool| {
            let mut model = Model::minimal("a/b", Some(B));
            model.created_at = text.and_then(HubTime::parse);
            model.created_before_tracking = placeholder;
            filter.matches(&model)
        };
        assert!(created(Some("2024-01-01T00:00:00.000Z"), false));
        assert!(created(Some("2025-06-30T12:00:00Z"), false));
        assert!(!created(Some("2023-12-31T23:59:59.000Z"), false));
        assert!(!created(None, false), "unknown date fails");
        assert!(!created(None, true), "placeholder date fails");
        assert!(!created(Some("garbage"), false));
    }

    #[test]
    fn size_range_includes_both_bounds() {
        let filter = Filter {
            min_params: Some(B),
            max_params: Some(7 * B),
            ..Filter::default()
        };
        for (total, expected) in [(B - 1, false), (B, true), (7 * B, true), (7 * B + 1, false)] {
            assert_eq!(
                filter.matches(&Model::minimal("a/b", Some(total))),
                expected,
                "{total}"
            );
        }
        assert!(
            filter.matches(&Model::minimal("a/b", None)),
            "unknown sizes stay by default"
        );
        let only_min = Filter {
            min_params: Some(B),
            ..Filter::default()
        };
        assert!(only_min.matches(&Model::minimal("a/b", Some(400 * B))));
        let only_max = Filter {
            max_params: Some(B),
            ..Filter::default()
        };
        assert!(only_max.matches(&Model::minimal("a/b", Some(1))));
        assert!(!only_max.matches(&Model::minimal("a/b", Some(2 * B))));
    }

    #[test]
    fn unknown_sizes_can_be_excluded() {
        let filter = Filter {
            unknown_sizes: UnknownSizes::Exclude,
            ..Filter::default()
        };
        assert!(!filter.is_empty());
        assert!(!filter.matches(&Model::minimal("a/b", None)));
        assert!(filter.matches(&Model::minimal("a/b", Some(1))));
    }

    #[test]
    fn quantized_from_relation_tags_name_and_packing() {
        let plain = Model::minimal("org/Llama-3-8B", Some(8 * B));
        assert!(!is_quantized(&plain));

        let mut related = plain.clone();
        related.tags.push(base_model("quantized"));
        assert!(is_quantized(&related));

        for value in [
            "gptq",
            "AWQ",
            "4-bit",
            "8-bit",
            "bitsandbytes",
            "fp8",
            "exl2",
        ] {
            let mut tagged = plain.clone();
            tagged.tags.push(tag(value));
            assert!(is_quantized(&tagged), "{value}");
        }
        for id in [
            "TheBloke/Llama-2-7B-GPTQ",
            "unsloth/Llama-3.2-3B-Instruct-bnb-4bit",
            "Qwen/Qwen-7B-Chat-Int4",
            "RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w4a16",
        ] {
            assert!(is_quantized(&Model::minimal(id, Some(B))), "{id}");
        }
        // A token must be whole: "awq" inside a word does not count.
        assert!(!is_quantized(&Model::minimal("org/hawqer-7B", Some(B))));

        let mut packed = plain.clone();
        packed.params.approximate = true;
        assert!(is_quantized(&packed), "packed safetensors weights");
        let mut upper_bound = plain.clone();
        upper_bound.params.source = ParamSource::Name;
        upper_bound.params.approximate = true;
        assert!(
            !is_quantized(&upper_bound),
            "an 8x7B name bound is no quantization"
        );
    }

    #[test]
    fn merged_from_relation_and_tags() {
        let plain = Model::minimal("org/EvolMerge-14B", Some(B));
        assert!(!is_merged(&plain), "names are not read for merges");
        let mut related = plain.clone();
        related.tags.push(base_model("merge"));
        assert!(is_merged(&related));
        for value in ["merge", "mergekit", "lazymergekit"] {
            let mut tagged = plain.clone();
            tagged.tags.push(tag(value));
            assert!(is_merged(&tagged), "{value}");
        }
        let mut finetune = plain.clone();
        finetune.tags.push(base_model("finetune"));
        assert!(!is_merged(&finetune));
    }

    #[test]
    fn gguf_from_tag_library_source_and_name() {
        let plain = Model::minimal("org/model-7B", Some(B));
        assert!(!is_gguf(&plain));
        let mut tagged = plain.clone();
        tagged.tags.push(tag("GGUF"));
        assert!(is_gguf(&tagged));
        let mut library = plain.clone();
        library.library_name = Some("gguf".into());
        assert!(is_gguf(&library));
        let mut source = plain.clone();
        source.params.source = ParamSource::Gguf;
        assert!(is_gguf(&source));
        assert!(is_gguf(&Model::minimal(
            "mradermacher/DeepSeek-V3-i1-GGUF",
            None
        )));
        let mut dataset = plain.clone();
        dataset.tags.push(Tag {
            kind: "dataset".into(),
            value: "gguf".to_string(),
            relation: None,
        });
        assert!(!is_gguf(&dataset), "only bare tags count");
    }

    #[test]
    fn exclusions_drop_their_kind_only() {
        let mut gguf = Model::minimal("org/x-GGUF", Some(B));
        gguf.tags.push(base_model("quantized"));
        let mut merged = Model::minimal("org/y", Some(B));
        merged.tags.push(tag("mergekit"));
        let plain = Model::minimal("org/z", Some(B));

        let no_gguf = Filter {
            exclude_gguf: true,
            ..Filter::default()
        };
        assert!(!no_gguf.matches(&gguf));
        assert!(no_gguf.matches(&merged));
        let no_merges = Filter {
            exclude_merged: true,
            ..Filter::default()
        };
        assert!(!no_merges.matches(&merged));
        assert!(no_merges.matches(&gguf));
        let no_quantized = Filter {
            exclude_quantized: true,
            ..Filter::default()
        };
        assert!(!no_quantized.matches(&gguf));
        assert!(no_quantized.matches(&merged));
        for filter in [no_gguf, no_merges, no_quantized] {
            assert!(filter.matches(&plain));
        }
    }

    #[test]
    fn days_parse_strictly() {
        assert_eq!(parse_day(" 2024-02-29 "), Ok(day("2024-02-29")));
        for bad in ["2024-1-1", "2024/01/01", "01-01-2024", ""] {
            assert_eq!(
                parse_day(bad),
                Err(FilterError::Date {
                    input: bad.to_string()
                }),
                "{bad:?}"
            );
        }
        for missing in ["2023-02-29", "2024-13-01", "2024-04-31"] {
            assert_eq!(
                parse_day(missing),
                Err(FilterError::NoSuchDay {
                    input: missing.to_string()
                }),
                "{missing:?}"
            );
        }
    }

    #[test]
    fn errors_name_value_and_fix() {
        let message = parse_day("2024-1-1").unwrap_err().to_string();
        assert!(message.contains("\"2024-1-1\""), "{message}");
        assert!(message.contains("YYYY-MM-DD"), "{message}");
        let size = parse_size("7x").unwrap_err();
        assert!(size.to_string().contains("\"7x\""), "{size}");
        assert!(size.to_string().contains("such as 7B"), "{size}");
        assert!(size.message(Lang::Fr).contains("par exemple"), "{size:?}");
        let range = Filter {
            min_params: Some(7 * B),
            max_params: Some(B),
            ..Filter::default()
        }
        .validate()
        .unwrap_err();
        assert!(range.to_string().contains("7B"), "{range}");
        assert!(range.message(Lang::Fr).contains("inversez"), "{range:?}");
    }

    #[test]
    fn descriptions_list_every_criterion() {
        let filter = Filter {
            task: Some("text-generation".to_string()),
            library: Some("transformers".to_string()),
            author: Some("Qwen".into()),
            created_after: Some(day("2024-01-01")),
            min_params: Some(B),
            max_params: Some(7 * B),
            exclude_quantized: true,
            exclude_merged: true,
            exclude_gguf: true,
            unknown_sizes: UnknownSizes::Exclude,
        };
        assert_eq!(
            filter.short_description(Lang::En),
            "text-generation, transformers, by Qwen, ≥2024-01-01, params 1B–7B, no quantized, \
             no merges, no GGUF, known sizes"
        );
        assert_eq!(
            filter.short_description(Lang::Fr),
            "text-generation, transformers, de Qwen, ≥2024-01-01, params 1B–7B, sans quantifiés, \
             sans fusions, sans GGUF, tailles connues"
        );
        let long = filter.long_description(Lang::En);
        assert!(long.contains("created on or after 2024-01-01"), "{long}");
        assert!(
            long.contains("Leaves out quantized repositories, merges"),
            "{long}"
        );
        assert!(!long.contains("stay"), "{long}");
        let french = Filter {
            max_params: Some(7 * B),
            ..Filter::default()
        }
        .long_description(Lang::Fr);
        assert!(french.contains("d'au plus 7B paramètres"), "{french}");
        assert!(french.contains("taille inconnue restent"), "{french}");
    }

    #[test]
    fn stable_description_names_fields() {
        let filter = Filter {
            task: Some("text-generation".into()),
            author: Some("Qwen".into()),
            created_after: Some(day("2024-01-01")),
            min_params: Some(B),
            max_params: Some(7 * B),
            exclude_gguf: true,
            unknown_sizes: UnknownSizes::Exclude,
            ..Filter::default()
        };
        assert_eq!(
            filter.stable_description(),
            "task=text-generation; author=Qwen; created_after=2024-01-01; \
             min_params=1000000000; max_params=7000000000; exclude_gguf=true; \
             unknown_sizes=exclude"
        );
        assert_eq!(Filter::default().stable_description(), "");
    }

    #[test]
    fn french_descriptions_quote_and_elide() {
        let filter = Filter {
            task: Some("text-generation".into()),
            author: Some("allenai".into()),
            ..Filter::default()
        };
        assert_eq!(
            filter.short_description(Lang::Fr),
            "text-generation, d'allenai"
        );
        assert_eq!(
            filter.short_description(Lang::En),
            "text-generation, by allenai"
        );
        let french = filter.long_description(Lang::Fr);
        assert!(
            french.contains("pipeline_tag «\u{a0}text-generation\u{a0}»"),
            "{french}"
        );
        assert!(
            french.contains("propriétaire «\u{a0}allenai\u{a0}»"),
            "{french}"
        );
        assert!(!french.contains('“'), "{french}");
        let english = filter.long_description(Lang::En);
        assert!(english.contains("owner “allenai”"), "{english}");
    }

    #[test]
    fn json_round_trip_and_partial_files() {
        let filter = Filter {
            task: Some("fill-mask".into()),
            created_after: Some(day("2024-05-06")),
            max_params: Some(7 * B),
            exclude_gguf: true,
            unknown_sizes: UnknownSizes::Exclude,
            ..Filter::default()
        };
        let json = serde_json::to_string(&filter).unwrap();
        assert!(json.contains("\"created_after\":\"2024-05-06\""), "{json}");
        assert!(json.contains("\"unknown_sizes\":\"exclude\""), "{json}");
        assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), filter);
        let partial: Filter = serde_json::from_str(r#"{"exclude_merged": true}"#).unwrap();
        assert!(partial.exclude_merged);
        assert!(serde_json::from_str::<Filter>(r#"{"created_after": "yesterday"}"#).is_err());
    }

    fn arbitrary_model() -> impl Strategy<Value = Model> {
        (
            prop::sample::select(vec!["Qwen/a", "qwen/b-GGUF", "org/c-GPTQ", "solo"]),
            prop::option::of(1u64..2_000_000_000_000),
            prop::option::of(prop::sample::select(vec!["text-generation", "fill-mask"])),
            prop::option::of(prop::sample::select(vec!["transformers", "gguf"])),
            prop::option::of(prop::sample::select(vec![
                "2022-05-01T00:00:00Z",
                "2024-01-01T00:00:00Z",
                "2025-03-01T00:00:00Z",
            ])),
            prop::sample::subsequence(vec!["gguf", "mergekit", "4-bit", "en"], 0..4),
        )
            .prop_map(|(id, total, task, library, created, tags)| {
                let mut model = Model::minimal(id, total);
                model.pipeline_tag = task.map(Into::into);
                model.library_name = library.map(Into::into);
                model.created_at = created.and_then(HubTime::parse);
                model.tags = tags.into_iter().map(tag).collect();
                model
            })
    }

    /// Generates a filter with one criterion, of any of the ten fields.
    fn arbitrary_criterion() -> impl Strategy<Value = Filter> {
        prop_oneof![
            Just(Filter {
                task: Some("text-generation".to_string()),
                ..Filter::default()
            }),
            Just(Filter {
                library: Some("transformers".to_string()),
                ..Filter::default()
            }),
            Just(Filter {
                author: Some("QWEN".to_string()),
                ..Filter::default()
            }),
            Just(Filter {
                created_after: Some(Date::constant(2024, 1, 1)),
                ..Filter::default()
            }),
            (1u64..2_000_000_000_000).prop_map(|min| Filter {
                min_params: Some(min),
                ..Filter::default()
            }),
            (1u64..2_000_000_000_000).prop_map(|max| Filter {
                max_params: Some(max),
                ..Filter::default()
            }),
            Just(Filter {
                exclude_quantized: true,
                ..Filter::default()
            }),
            Just(Filter {
                exclude_merged: true,
                ..Filter::default()
            }),
            Just(Filter {
                exclude_gguf: true,
                ..Filter::default()
            }),
            Just(Filter {
                unknown_sizes: UnknownSizes::Exclude,
                ..Filter::default()
            }),
        ]
    }

    /// Adds the criterion of `extra` to `base` where `base` leaves that field unset, so the
    /// result is never wider than `base`.
    fn combine(mut base: Filter, extra: &Filter) -> Filter {
        base.task = base.task.or(extra.task.clone());
        base.library = base.library.or(extra.library.clone());
        base.author = base.author.or(extra.author.clone());
        base.created_after = base.created_after.or(extra.created_after);
        base.min_params = base.min_params.or(extra.min_params);
        base.max_params = base.max_params.or(extra.max_params);
        base.exclude_quantized |= extra.exclude_quantized;
        base.exclude_merged |= extra.exclude_merged;
        base.exclude_gguf |= extra.exclude_gguf;
        if extra.unknown_sizes == UnknownSizes::Exclude {
            base.unknown_sizes = UnknownSizes::Exclude;
        }
        base
    }

    proptest! {
        #[test]
        fn empty_filter_keeps_every_model(models in prop::collection::vec(arbitrary_model(), 0..30)) {
            prop_assert_eq!(Filter::default().apply(&models), models);
        }

        #[test]
        fn added_criterion_never_adds_models(
            models in prop::collection::vec(arbitrary_model(), 0..30),
            criteria in prop::collection::vec(arbitrary_criterion(), 0..4),
            extra in arbitrary_criterion(),
        ) {
            let base = criteria.iter().fold(Filter::default(), combine);
            let narrower = combine(base.clone(), &extra);
            for model in &models {
                if narrower.matches(model) {
                    prop_assert!(base.matches(model), "{} passes only the narrower filter", model.id);
                }
            }
        }
    }
}
