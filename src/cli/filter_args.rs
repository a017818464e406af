//! The filter flags `slmscope report` and `slmscope models` share, turned into a [`Filter`].

use anyhow::anyhow;
use clap::{Args, ValueEnum};

use crate::analysis::filter::{Filter, UnknownSizes, parse_day, parse_size};
use crate::i18n::Lang;

/// Repository kinds `--exclude` can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExcludeKind {
    Quantized,
    Merged,
    Gguf,
}

/// Values of `--unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum UnknownArg {
    #[default]
    Include,
    Exclude,
}

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Keep models of this pipeline_tag, such as text-generation
    #[arg(long, value_name = "TASK")]
    pub task: Option<String>,
    /// Keep models of this library_name, such as transformers
    #[arg(long, value_name = "LIBRARY")]
    pub library: Option<String>,
    /// Keep models whose id starts with this owner (user or organisation), in any case
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Keep models created on or after this day, YYYY-MM-DD; unknown creation dates are left out
    #[arg(long, value_name = "DATE")]
    pub created_after: Option<String>,
    /// Keep models of at least this many parameters (7B, 1.5b, 500M); unknown sizes stay
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub min_params: Option<String>,
    /// Keep models of at most this many parameters (7B, 1.5b, 500M); unknown sizes stay
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub max_params: Option<String>,
    /// Leave out repositories of these kinds, comma-separated or repeated
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub exclude: Vec<ExcludeKind>,
    /// Keep or leave out models of unknown size
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = UnknownArg::Include)]
    pub unknown: UnknownArg,
}

impl FilterArgs {
    /// Builds the filter, or an error in `lang` that names the flag, the value and the fix.
    pub fn to_filter(&self, lang: Lang) -> anyhow::Result<Filter> {
        let separator = lang.pick(": ", " : ");
        let fail = |flag: &str, message: String| anyhow!("--{flag}{separator}{message}");
        let text = |flag: &str, value: &Option<String>| -> anyhow::Result<Option<String>> {
            match value.as_deref().map(str::trim) {
                None => Ok(None),
                Some("") => Err(fail(
                    flag,
                    lang.pick(
                        "the value is empty: give a value, or leave the flag out",
                        "la valeur est vide : donnez une valeur, ou retirez l'option",
                    )
                    .to_string(),
                )),
                Some(value) => Ok(Some(value.to_string())),
            }
        };
        let size = |flag: &str, value: &Option<String>| -> anyhow::Result<Option<u64>> {
            value
                .as_deref()
                .map(|value| parse_size(value).map_err(|error| fail(flag, error.message(lang))))
                .transpose()
        };
        let filter = Filter {
            task: text("task", &self.task)?,
            library: text("library", &self.library)?,
            author: text("author", &self.author)?,
            created_after: self
                .created_after
                .as_deref()
                .map(|value| {
                    parse_day(value).map_err(|error| fail("created-after", error.message(lang)))
                })
                .transpose()?,
            min_params: size("min-params", &self.min_params)?,
            max_params: size("max-params", &self.max_params)?,
            exclude_quantized: self.exclude.contains(&ExcludeKind::Quantized),
            exclude_merged: self.exclude.contains(&ExcludeKind::Merged),
            exclude_gguf: self.exclude.contains(&ExcludeKind::Gguf),
            unknown_sizes: match self.unknown {
                UnknownArg::Include => UnknownSizes::Include,
                UnknownArg::Exclude => UnknownSizes::Exclude,
            },
        };
        filter
            .validate()
            .map_err(|error| fail("min-params", error.message(lang)))?;
        Ok(filter)
    }
}

/// Writes to stderr that the filter kept no model, so an empty output is not mistaken for an
/// empty cache.
pub fn warn_if_nothing_kept(filter: &Filter, kept: usize, cached: usize, lang: Lang) {
    if filter.is_empty() || kept > 0 || cached == 0 {
        return;
    }
    let cached_text = lang.int(cached as u64);
    match lang {
        Lang::En if cached == 1 => eprintln!(
            "note: the filters do not keep the only cached model; check the values against `slmscope models --format csv`"
        ),
        Lang::Fr if cached == 1 => eprintln!(
            "remarque : les filtres ne gardent pas le seul modèle du cache ; vérifiez les valeurs avec `slmscope models --format csv`"
        ),
        Lang::En => eprintln!(
            "note: the filters keep none of the {cached_text} cached models; check the values against `slmscope models --format csv`"
        ),
        Lang::Fr => eprintln!(
            "remarque : les filtres ne gardent aucun des {cached_text} modèles du cache ; vérifiez les valeurs avec `slmscope models --format csv`"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_sets_its_field() {
        let args = FilterArgs {
            task: Some(" text-generation ".to_string()),
            library: Some("transformers".to_string()),
            author: Some("Qwen".to_string()),
            created_after: Some("2024-01-01".to_string()),
            min_params: Some("1B".to_string()),
            max_params: Some("7B".to_string()),
            exclude: vec![ExcludeKind::Gguf, ExcludeKind::Merged],
            unknown: UnknownArg::Exclude,
        };
        let filter = args.to_filter(Lang::En).unwrap();
        assert_eq!(filter.task.as_deref(), Some("text-generation"));
        assert_eq!(filter.library.as_deref(), Some("transformers"));
        assert_eq!(filter.author.as_deref(), Some("Qwen"));
        assert_eq!(filter.created_after.unwrap().to_string(), "2024-01-01");
        assert_eq!(filter.min_params, Some(1_000_000_000));
        assert_eq!(filter.max_params, Some(7_000_000_000));
        assert!(filter.exclude_gguf);
        assert!(filter.exclude_merged);
        assert!(!filter.exclude_quantized);
        assert_eq!(filter.unknown_sizes, UnknownSizes::Exclude);
        assert!(
            FilterArgs::default()
                .to_filter(Lang::En)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn errors_name_flag_value_and_fix() {
        let bad_day = FilterArgs {
            created_after: Some("2024-13-01".to_string()),
            ..FilterArgs::default()
        };
        let message = bad_day.to_filter(Lang::En).unwrap_err().to_string();
        assert!(message.starts_with("--created-after: "), "{message}");
        assert!(message.contains("\"2024-13-01\""), "{message}");
        assert!(message.contains("no such day"), "{message}");

        let range = FilterArgs {
            min_params: Some("7B".to_string()),
            max_params: Some("1B".to_string()),
            ..FilterArgs::default()
        };
        let message = range.to_filter(Lang::Fr).unwrap_err().to_string();
        assert!(message.contains("inversez"), "{message}");

        let empty = FilterArgs {
            task: Some("  ".to_string()),
            ..FilterArgs::default()
        };
        let message = empty.to_filter(Lang::En).unwrap_err().to_string();
        assert!(
            message.starts_with("--task: the value is empty"),
            "{message}"
        );
    }
}
