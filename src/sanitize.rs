//! Neutralises untrusted Hub strings before they reach a terminal, a CSV cell or a log line.

use std::borrow::Cow;

/// Strips what could drive a terminal or reorder text: ANSI escape sequences (CSI, OSC, DCS and
/// two-byte ESC forms) with their payloads, other C0 and C1 controls, DEL, bidirectional
/// controls and zero-width characters. Tabs and newlines become spaces. Returns the input
/// unchanged, without allocating, when it is already clean.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_cleaning) {
        return Cow::Borrowed(text);
    }
    let mut output = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 introducers of CSI, OSC, DCS, SOS, PM and APC carry payloads too.
            '\u{9b}' => skip_until_final_byte(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string_payload(&mut chars),
            '\t' | '\n' | '\r' => output.push(' '),
            c if needs_cleaning(c) => {}
            c => output.push(c),
        }
    }
    Cow::Owned(output)
}

/// Cleans `text` and cuts it to at most `max_chars` characters, marking a cut with `…`.
pub fn clean_truncated(text: &str, max_chars: usize) -> String {
    let cleaned = clean(text);
    if cleaned.chars().count() <= max_chars {
        return cleaned.into_owned();
    }
    let mut cut: String = cleaned.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Cleans `text` for a CSV cell that a spreadsheet will open. After [`clean`], a cell that
/// starts with `=`, `+`, `-` or `@` gets a leading apostrophe, the usual guard against formula
/// injection, because spreadsheets read a leading apostrophe as "this cell is text". Numbers
/// that slmscope writes itself do not go through this function.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let cleaned = clean(text);
    if cleaned.starts_with(['=', '+', '-', '@']) {
        return Cow::Owned(format!("'{cleaned}"));
    }
    cleaned
}

fn needs_cleaning(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_zero_width(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{180e}'
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape_sequence(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_until_final_byte(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string_payload(chars),
        // Two-byte sequences such as ESC c or ESC 7 end with their second character; ESC with
        // intermediate bytes (ESC ( B) ends at the first byte after them.
        Some(' '..='/') => {
            while let Some(&next) = chars.peek() {
                chars.next();
                if !(' '..='/').contains(&next) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Skips CSI parameters and intermediates up to and including the final byte (0x40–0x7E).
fn skip_until_final_byte(chars: &mut Chars<'_>) {
    for next in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&next) {
            break;
        }
    }
}

/// Skips an OSC, DCS, SOS, PM or APC payload up to BEL, ST (ESC \) or the C1 ST.
fn skip_string_payload(chars: &mut Chars<'_>) {
    while let Some(next) = chars.next() {
        match next {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("meta-llama/Llama-3.1-8B"), Cow::Borrowed(_)));
        assert_eq!(
            clean("Qwen/Qwen2.5-7B • 日本語"),
            "Qwen/Qwen2.5-7B • 日本語"
        );
    }

    #[test]
    fn strips_csi_and_osc() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m"), "ared");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]52;c;aGk=\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("x\u{1b}Pq#0\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{1b}cy"), "xy");
        assert_eq!(clean("x\u{1b}(By"), "xy");
    }

    #[test]
    fn strips_controls_bidi_zero_width() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{7f}d"), "abcd");
        assert_eq!(clean("abc\u{202e}fed"), "abcfed");
        assert_eq!(clean("a\u{200b}b\u{feff}c"), "abc");
        assert_eq!(clean("line\nbreak\ttab"), "line break tab");
    }

    #[test]
    fn unterminated_sequences_drop_rest() {
        assert_eq!(clean("ok\u{1b}]0;never ends"), "ok");
        assert_eq!(clean("ok\u{1b}[12"), "ok");
        assert_eq!(clean("ok\u{1b}"), "ok");
    }

    #[test]
    fn csv_cells_guard_formulas() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_cell("+1+1"), "'+1+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Qwen/Qwen2.5-7B"), "Qwen/Qwen2.5-7B");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn csv_cells_strip_controls_first() {
        // A control character cannot hide a formula from the guard: it is removed first.
        assert_eq!(csv_cell("\u{1b}[0m=1+1"), "'=1+1");
        assert_eq!(csv_cell("\u{7}@x"), "'@x");
        assert_eq!(csv_cell("a\nb\tc"), "a b c");
        assert_eq!(csv_cell("x\u{202e}y"), "xy");
    }

    #[test]
    fn truncation_marks_cut() {
        assert_eq!(clean_truncated("abcdef", 4), "abc…");
        assert_eq!(clean_truncated("abc", 4), "abc");
        assert_eq!(clean_truncated("\u{1b}[1mabcdef", 10), "abcdef");
    }
}
