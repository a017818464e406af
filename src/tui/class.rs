//! The class of a parameter count at a threshold (SLM, LLM or unknown) and its label.

use crate::i18n::Lang;

/// SLM below the threshold, LLM at or above it, unknown when no count is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Slm,
    Llm,
    Unknown,
}

impl Class {
    /// Classifies `total` parameters at `threshold` with the rule of `Index::split`.
    pub fn of(total: Option<u64>, threshold: u64) -> Class {
        match total {
            Some(total) if total < threshold => Class::Slm,
            Some(_) => Class::Llm,
            None => Class::Unknown,
        }
    }

    /// Returns the label of one model of the class.
    pub fn label(self, lang: Lang) -> &'static str {
        self.count_label(lang, 1)
    }

    /// Returns the label beside a count of `count` models: in French the unknown class agrees
    /// in number (`0 inconnu`, `1 inconnu`, `3 inconnus`), as nouns do with counts.
    pub fn count_label(self, lang: Lang, count: u64) -> &'static str {
        match (self, lang, count) {
            (Class::Slm, _, _) => "SLM",
            (Class::Llm, _, _) => "LLM",
            (Class::Unknown, Lang::En, _) => "unknown",
            (Class::Unknown, Lang::Fr, 0 | 1) => "inconnu",
            (Class::Unknown, Lang::Fr, _) => "inconnus",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_label_agrees_in_french() {
        assert_eq!(Class::Unknown.label(Lang::Fr), "inconnu");
        assert_eq!(Class::Unknown.count_label(Lang::Fr, 0), "inconnu");
        assert_eq!(Class::Unknown.count_label(Lang::Fr, 1), "inconnu");
        assert_eq!(Class::Unknown.count_label(Lang::Fr, 2), "inconnus");
        assert_eq!(Class::Unknown.count_label(Lang::En, 2), "unknown");
        assert_eq!(Class::Slm.count_label(Lang::Fr, 2), "SLM");
    }
}
