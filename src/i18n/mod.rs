//! User-facing language: English or French. Every string a user reads is written in both, side
//! by side at the place it is used, through [`Lang::pick`], so a missing translation is a compile
//! error rather than a blank on screen.

mod errors;

use std::fmt;

use crate::analysis::format_params;
use crate::analysis::tasks::Modality;
use crate::analysis::trends::DataTimeSource;
use crate::model::ParamSource;

pub use errors::{
    ErrorText, io_error, json_error, json_message, json_message_without_position, sqlite_error,
    toml_message,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Chooses the language: an explicit `--lang` value wins, then the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set and not empty. French when that locale starts with `fr`,
    /// English otherwise.
    pub fn detect(explicit: Option<Lang>) -> Lang {
        if let Some(lang) = explicit {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        Lang::from_locale(locale.as_deref().unwrap_or(""))
    }

    /// Maps a POSIX locale name (`fr_FR.UTF-8`, `fr`, `en_US`, `C`) to a language.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// Names a modality of the Hub's task taxonomy.
    pub fn modality(self, modality: Modality) -> &'static str {
        match modality {
            Modality::Text => self.pick("Text", "Texte"),
            Modality::Vision => "Vision",
            Modality::Audio => "Audio",
            Modality::Multimodal => self.pick("Multimodal", "Multimodal"),
            Modality::Tabular => self.pick("Tabular", "Tabulaire"),
            Modality::ReinforcementLearning => {
                self.pick("Reinforcement learning", "Apprentissage par renforcement")
            }
            Modality::Other => self.pick("Other", "Autre"),
        }
    }

    /// Names the source of a parameter count: the stored spelling in English, translated in
    /// French except for the file format names.
    pub fn param_source(self, source: ParamSource) -> &'static str {
        match source {
            ParamSource::Safetensors => "safetensors",
            ParamSource::Gguf => "gguf",
            ParamSource::Reference => self.pick("reference", "référence"),
            ParamSource::Name => self.pick("name", "nom"),
            ParamSource::Leaderboard => self.pick("leaderboard", "classement"),
            ParamSource::Unknown => self.pick("unknown", "inconnue"),
        }
    }

    /// Names the source of the time that ages are counted from.
    pub fn data_time_source(self, source: DataTimeSource) -> &'static str {
        match source {
            DataTimeSource::Sync => self.pick("newest sync", "synchro la plus récente"),
            DataTimeSource::ModelDates => {
                self.pick("newest model date", "date de modèle la plus récente")
            }
        }
    }

    /// Describes a range of thresholds that reach the best agreement: `above 4B up to 6.7B`.
    /// `from` is one parameter above a model's count, so the count itself is shown.
    pub fn agreement_range(self, from: u64, to: u64) -> String {
        let (from, to) = (format_params(from.saturating_sub(1)), format_params(to));
        match self {
            Lang::En => format!("above {from} up to {to}"),
            Lang::Fr => format!("au-delà de {from} jusqu'à {to}"),
        }
    }

    /// Names a sync status as the cache stores it (`finished`, `running`…); an unknown one is
    /// returned as stored.
    pub fn sync_status(self, status: &str) -> &str {
        match (self, status) {
            (Lang::Fr, "finished") => "terminée",
            (Lang::Fr, "running") => "en cours",
            (Lang::Fr, "failed") => "échouée",
            (Lang::Fr, "cancelled") => "arrêtée",
            _ => status,
        }
    }

    /// Returns the English or the French text.
    pub fn pick<'a>(self, english: &'a str, french: &'a str) -> &'a str {
        match self {
            Lang::En => english,
            Lang::Fr => french,
        }
    }

    /// Formats an integer with the language's thousands separator: `4,712` or `4 712`.
    pub fn int(self, value: u64) -> String {
        let digits = value.to_string();
        let separator = match self {
            Lang::En => ',',
            Lang::Fr => '\u{202f}',
        };
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// Formats a count with its noun, singular for 0 and 1 in French and for 1 in English:
    /// `1 model`, `2 models`, `1 modèle`.
    pub fn count(self, count: u64, english: (&str, &str), french: (&str, &str)) -> String {
        format!(
            "{} {}",
            self.int(count),
            self.plural(count, english, french)
        )
    }

    /// Returns the singular or the plural form that agrees with `count`: singular for 0 and 1
    /// in French, for 1 only in English. Each pair is `(singular, plural)`. Use it for words
    /// that agree with a count but do not directly follow it, such as a verb or a label.
    pub fn plural<'a>(
        self,
        count: u64,
        english: (&'a str, &'a str),
        french: (&'a str, &'a str),
    ) -> &'a str {
        let ((one, many), singular) = match self {
            Lang::En => (english, count == 1),
            Lang::Fr => (french, count <= 1),
        };
        if singular { one } else { many }
    }

    /// Formats a share in [0, 1] as a percentage with one decimal: `61.3%` or `61,3 %`.
    pub fn percent(self, share: f64) -> String {
        let text = format!("{:.1}", share * 100.0);
        match self {
            Lang::En => format!("{text}%"),
            Lang::Fr => format!("{}\u{a0}%", text.replace('.', ",")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        })
    }
}

/// Writes the French preposition "de" before `name`, elided to "d'" when the name starts with
/// a vowel: `d'ANLI`, `de HumanEval`. A leading "h" is treated as aspirated, since the names
/// this receives (benchmarks, owners, paths) are mostly English words, so `de HellaSwag`.
pub fn french_de(name: &str) -> String {
    let elides = name.chars().next().is_some_and(|first| {
        "aeiouàâäéèêëîïôöùûü".contains(first.to_lowercase().next().unwrap_or(first))
    });
    if elides {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// Formats a threshold parse error in the user's language.
pub fn threshold_error(lang: Lang, error: &crate::analysis::ThresholdError) -> String {
    use crate::analysis::ThresholdError;
    match (lang, error) {
        (Lang::En, _) => error.to_string(),
        (Lang::Fr, ThresholdError::Syntax { input }) => format!(
            "seuil invalide {input:?} : attendu un nombre suivi éventuellement de l'unité M, B, Md ou T, par exemple 7B, 7,5 Md, 1.5b, 500M ou 7000000000"
        ),
        (Lang::Fr, ThresholdError::OutOfRange { input }) => {
            format!(
                "seuil invalide {input:?} : il doit être supérieur à 0 et d'au plus 100T, avec une unité, par exemple 500M, 7B, 7,5 Md ou 1T"
            )
        }
        (Lang::Fr, ThresholdError::MissingUnit { input }) => format!(
            "seuil invalide {input:?} : un nombre sans unité compte les paramètres un par un ; ajoutez une unité, par exemple {input}B, {input} Md ou {input}M"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_range_error_names_units() {
        use crate::analysis::parse_threshold;
        let error = parse_threshold("0").unwrap_err();
        let english = threshold_error(Lang::En, &error);
        assert!(english.contains("above 0 and at most 100T"), "{english}");
        assert!(!english.contains("parameter"), "{english}");
        let french = threshold_error(Lang::Fr, &error);
        assert!(
            french.contains("supérieur à 0 et d'au plus 100T"),
            "{french}"
        );
        assert!(french.contains("7,5 Md"), "{french}");
        assert!(!french.contains("paramètre"), "{french}");
    }

    #[test]
    fn french_threshold_errors_list_md() {
        use crate::analysis::parse_threshold;
        for input in ["7x", "7"] {
            let error = parse_threshold(input).unwrap_err();
            let french = threshold_error(Lang::Fr, &error);
            assert!(french.contains("Md"), "{input}: {french}");
        }
        // The forms the French messages suggest are accepted.
        assert_eq!(parse_threshold("7,5 Md"), Ok(7_500_000_000));
        assert_eq!(parse_threshold("7 Md"), Ok(7_000_000_000));
    }

    #[test]
    fn locale_french_variants() {
        assert_eq!(Lang::from_locale("fr_FR.UTF-8"), Lang::Fr);
        assert_eq!(Lang::from_locale("fr"), Lang::Fr);
        assert_eq!(Lang::from_locale("FR_ca"), Lang::Fr);
    }

    #[test]
    fn locale_other_is_english() {
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert_eq!(Lang::from_locale("de_DE"), Lang::En);
    }

    #[test]
    fn int_grouping() {
        assert_eq!(Lang::En.int(0), "0");
        assert_eq!(Lang::En.int(999), "999");
        assert_eq!(Lang::En.int(4712), "4,712");
        assert_eq!(Lang::En.int(1_234_567), "1,234,567");
        assert_eq!(Lang::Fr.int(4712), "4\u{202f}712");
    }

    #[test]
    fn count_singular_and_plural() {
        let models = (("model", "models"), ("modèle", "modèles"));
        assert_eq!(Lang::En.count(1, models.0, models.1), "1 model");
        assert_eq!(Lang::En.count(0, models.0, models.1), "0 models");
        assert_eq!(Lang::En.count(4712, models.0, models.1), "4,712 models");
        assert_eq!(Lang::Fr.count(0, models.0, models.1), "0 modèle");
        assert_eq!(Lang::Fr.count(1, models.0, models.1), "1 modèle");
        assert_eq!(Lang::Fr.count(2, models.0, models.1), "2 modèles");
    }

    #[test]
    fn plural_forms_for_0_1_2() {
        let added = (("was added", "were added"), ("ajouté", "ajoutés"));
        assert_eq!(Lang::En.plural(0, added.0, added.1), "were added");
        assert_eq!(Lang::En.plural(1, added.0, added.1), "was added");
        assert_eq!(Lang::En.plural(2, added.0, added.1), "were added");
        assert_eq!(Lang::Fr.plural(0, added.0, added.1), "ajouté");
        assert_eq!(Lang::Fr.plural(1, added.0, added.1), "ajouté");
        assert_eq!(Lang::Fr.plural(2, added.0, added.1), "ajoutés");
    }

    #[test]
    fn french_de_elides_before_vowels() {
        assert_eq!(french_de("ANLI R1"), "d'ANLI R1");
        assert_eq!(french_de("ARC"), "d'ARC");
        assert_eq!(french_de("allenai"), "d'allenai");
        assert_eq!(french_de("Écho"), "d'Écho");
        assert_eq!(french_de("IFEval"), "d'IFEval");
        assert_eq!(french_de("HumanEval"), "de HumanEval");
        assert_eq!(french_de("MBPP"), "de MBPP");
        assert_eq!(french_de("7B"), "de 7B");
        assert_eq!(french_de(""), "de ");
    }

    #[test]
    fn percent_per_language() {
        assert_eq!(Lang::En.percent(0.6125), "61.3%");
        assert_eq!(Lang::Fr.percent(0.6125), "61,3\u{a0}%");
    }
}
