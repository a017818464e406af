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

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Class::Slm => "SLM",
            Class::Llm => "LLM",
            Class::Unknown => lang.pick("unknown", "inconnu"),
        }
    }
}
