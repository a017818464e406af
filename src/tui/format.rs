//! Display spellings shared by the panes: parameter cells, dates, decimals, optional counts and
//! word wrapping.

use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::model::ParamCount;
use crate::sanitize::clean;

/// `7.6B`, `~46.7B` when the count is approximate, `?` when it is unknown.
pub fn params_cell(params: &ParamCount) -> String {
    match params.total {
        Some(total) if params.approximate => format!("~{}", format_params(total)),
        Some(total) => format_params(total),
        None => "?".to_string(),
    }
}

/// `7.6B`, or `?` for an unknown count.
pub fn optional_params(total: Option<u64>) -> String {
    total.map(format_params).unwrap_or_else(|| "?".to_string())
}

/// Returns the `YYYY-MM-DD` part of an RFC 3339 timestamp, cleaned.
pub fn day(timestamp: &str) -> String {
    clean(timestamp).chars().take(10).collect()
}

/// Formats a decimal number with `places` decimals and the language's decimal separator.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}

/// Formats a count with the language's grouping, or `—` when it is missing.
pub fn optional_int(lang: Lang, value: Option<u64>) -> String {
    value
        .map(|value| lang.int(value))
        .unwrap_or_else(|| "—".to_string())
}

/// Splits `text` into lines of at most `width` characters, at spaces when it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let word_len = word.chars().count();
        let current_len = current.chars().count();
        if current_len > 0 && current_len + 1 + word_len > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        while current.chars().count() > width {
            let head: String = current.chars().take(width).collect();
            current = current.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(Lang::En, 85.25, 1), "85.2");
        assert_eq!(decimal(Lang::Fr, 0.5, 2), "0,50");
    }
}
