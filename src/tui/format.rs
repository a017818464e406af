//! Display spellings shared by the panes: parameter cells, dates, decimals, optional counts,
//! sizes and shares in sentences, and word wrapping.

use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::model::ParamCount;
use crate::sanitize::clean;

/// `7.6B`, `~46.7B` when the count is approximate, `?` when it is unknown.
pub fn params_cell(params: &ParamCount) -> String {
    match params.total() {
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

/// Formats a signed difference with `places` decimals: `+6.0`, `−18.0` (U+2212 MINUS SIGN, as
/// typography wants for a number) or `0.0`. A value that rounds to zero has no sign.
pub fn signed(lang: Lang, value: f64, places: usize) -> String {
    let magnitude = decimal(lang, value.abs(), places);
    let rounds_to_zero = magnitude.chars().all(|c| matches!(c, '0' | '.' | ','));
    if rounds_to_zero {
        magnitude
    } else if value > 0.0 {
        format!("+{magnitude}")
    } else {
        format!("\u{2212}{magnitude}")
    }
}

/// Formats a count with the language's grouping, or `—` when it is missing.
pub fn optional_int(lang: Lang, value: Option<u64>) -> String {
    value
        .map(|value| lang.int(value))
        .unwrap_or_else(|| "—".to_string())
}

/// Formats a parameter count for a sentence. English writes it as tables do (`7.5B`, `500M`);
/// French writes the units of the French press after a no-break space: `7,5 Md` (milliards),
/// `500 M` (millions), `12 k` (milliers), and `1 000 Md` from a trillion, since the French
/// "billion" would be misread. Tables keep [`format_params`] in both languages.
pub fn prose_params(lang: Lang, parameters: u64) -> String {
    if lang == Lang::En {
        return format_params(parameters);
    }
    let value = parameters as f64;
    // The same unit boundaries as `format_params`: 999.96M reads as 1 Md, not 1 000 M.
    for (scale, unit) in [(1e9, "Md"), (1e6, "M"), (1e3, "k")] {
        if value >= scale * 0.9995 {
            return format!("{}\u{a0}{unit}", french_number(value / scale));
        }
    }
    parameters.to_string()
}

/// Formats a count such as downloads in a few characters: `87.9M`, `12K` in English, `87,9 M`,
/// `12 k`, `1,2 Md` in French, with the French units and decimal comma of [`prose_params`].
pub fn compact_count(lang: Lang, count: u64) -> String {
    prose_params(lang, count)
}

/// Writes a number as [`prose_params`] does in French: one decimal below 100 with a decimal
/// comma, none from 100 on with thin-space groups, and no trailing `,0`.
fn french_number(value: f64) -> String {
    if value >= 99.95 {
        return Lang::Fr.int(value.round() as u64);
    }
    let text = decimal(Lang::Fr, value, 1);
    text.strip_suffix(",0").map(str::to_string).unwrap_or(text)
}

/// Formats a share in [0, 1] as a whole percentage for a sentence: `61%` in English, `61 %` in
/// French. A share that rounds to 0 or 100 without being exactly that reads `<1%` or `>99%`, so
/// a caption never claims all or none of a class that has a few.
pub fn prose_percent(lang: Lang, share: f64) -> String {
    let rounded = (share * 100.0).round();
    let number = if share > 0.0 && rounded < 1.0 {
        lang.pick("<1", "<\u{a0}1").to_string()
    } else if share < 1.0 && rounded > 99.0 {
        lang.pick(">99", ">\u{a0}99").to_string()
    } else {
        format!("{rounded:.0}")
    };
    match lang {
        Lang::En => format!("{number}%"),
        Lang::Fr => format!("{number}\u{a0}%"),
    }
}

/// Shortens `text` to at most `width` characters by replacing its middle with `…`, keeping
/// both ends, which for a path are the root and the file name.
pub fn elide_middle(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let visible = width - 1;
    let tail = visible / 2;
    let head = visible - tail;
    let mut elided: String = chars[..head].iter().collect();
    elided.push('…');
    elided.extend(&chars[chars.len() - tail..]);
    elided
}

/// True when the last word of `name` is a size that reads as `total` does in a table: `7B` in
/// `Code Llama - Python 7B` for 7B, but not for 7.6B.
pub fn name_ends_with_size(name: &str, total: u64) -> bool {
    let last = name
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '/'))
        .next()
        .unwrap_or_default();
    crate::analysis::parse_threshold(last)
        .is_ok_and(|stated| format_params(stated) == format_params(total))
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

    #[test]
    fn signed_uses_the_minus_sign() {
        assert_eq!(signed(Lang::En, 6.0, 1), "+6.0");
        assert_eq!(signed(Lang::En, -18.0, 1), "\u{2212}18.0");
        assert_eq!(signed(Lang::Fr, -42.06, 1), "\u{2212}42,1");
        assert_eq!(signed(Lang::Fr, 0.0, 2), "0,00");
        assert_eq!(signed(Lang::En, -0.0004, 1), "0.0");
    }

    #[test]
    fn elide_middle_keeps_both_ends() {
        assert_eq!(elide_middle("abcdef", 6), "abcdef");
        assert_eq!(elide_middle("abcdefgh", 5), "ab…gh");
        assert_eq!(elide_middle("abcdefgh", 4), "ab…h");
        assert_eq!(elide_middle("abcdefgh", 1), "…");
        assert_eq!(elide_middle("abcdefgh", 0), "");
    }

    #[test]
    fn name_ends_with_its_size() {
        assert!(name_ends_with_size("Code Llama - Python 7B", 7_000_000_000));
        assert!(name_ends_with_size("Qwen2.5-Coder-1.5B", 1_500_000_000));
        assert!(name_ends_with_size("Megatron-BERT 3.9B", 3_900_000_000));
        assert!(!name_ends_with_size("Qwen2.5-Coder-7B", 7_600_000_000));
        assert!(!name_ends_with_size("UniMC (ALBERT-xxlarge)", 235_000_000));
        assert!(!name_ends_with_size("phi-4", 14_700_000_000));
    }

    #[test]
    fn compact_count_per_language() {
        assert_eq!(compact_count(Lang::En, 87_900_000), "87.9M");
        assert_eq!(compact_count(Lang::Fr, 87_900_000), "87,9\u{a0}M");
        assert_eq!(compact_count(Lang::Fr, 1_200_000_000), "1,2\u{a0}Md");
        assert_eq!(compact_count(Lang::Fr, 0), "0");
    }

    #[test]
    fn prose_params_per_language() {
        let cases = [
            (7_500_000_000, "7.5B", "7,5\u{a0}Md"),
            (7_000_000_000, "7B", "7\u{a0}Md"),
            (500_000_000, "500M", "500\u{a0}M"),
            (999_960_000, "1B", "1\u{a0}Md"),
            (1_500_000_000_000, "1.5T", "1\u{202f}500\u{a0}Md"),
            (270_000_000_000, "270B", "270\u{a0}Md"),
            (12_000, "12K", "12\u{a0}k"),
            (950, "950", "950"),
        ];
        for (parameters, english, french) in cases {
            assert_eq!(prose_params(Lang::En, parameters), english, "{parameters}");
            assert_eq!(prose_params(Lang::Fr, parameters), french, "{parameters}");
        }
    }

    #[test]
    fn prose_percent_per_language() {
        assert_eq!(prose_percent(Lang::En, 0.613), "61%");
        assert_eq!(prose_percent(Lang::Fr, 0.613), "61\u{a0}%");
        assert_eq!(prose_percent(Lang::En, 0.0), "0%");
        assert_eq!(prose_percent(Lang::En, 1.0), "100%");
        assert_eq!(prose_percent(Lang::En, 0.002), "<1%");
        assert_eq!(prose_percent(Lang::Fr, 0.998), ">\u{a0}99\u{a0}%");
    }
}
