//! Copying text to the clipboard with the OSC 52 escape sequence. The terminal, not slmscope,
//! sets the clipboard, so copying works over SSH wherever the terminal supports OSC 52.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::sanitize::clean;

/// Builds the bytes that ask the terminal to put `text` on the system clipboard:
/// `ESC ] 52 ; c ; <base64> BEL`. Only the cleaned text is encoded, so a Hub id cannot smuggle
/// escape sequences into the clipboard.
///
/// Inside tmux (`in_tmux`), the sequence is wrapped in tmux's DCS passthrough,
/// `ESC P tmux; <sequence with each ESC doubled> ESC \`, so that tmux hands it to the outer
/// terminal.
pub fn osc52(text: &str, in_tmux: bool) -> Vec<u8> {
    let encoded = STANDARD.encode(clean(text).as_bytes());
    let sequence = format!("\u{1b}]52;c;{encoded}\u{7}");
    if !in_tmux {
        return sequence.into_bytes();
    }
    let doubled = sequence.replace('\u{1b}', "\u{1b}\u{1b}");
    format!("\u{1b}Ptmux;{doubled}\u{1b}\\").into_bytes()
}

/// True when slmscope runs inside tmux, which sets `TMUX` in the environment of its panes.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_bytes_outside_tmux() {
        // "Qwen/Qwen2.5-7B" in base64 is "UXdlbi9Rd2VuMi41LTdC".
        assert_eq!(
            osc52("Qwen/Qwen2.5-7B", false),
            b"\x1b]52;c;UXdlbi9Rd2VuMi41LTdC\x07".to_vec()
        );
    }

    #[test]
    fn osc52_bytes_inside_tmux() {
        assert_eq!(
            osc52("Qwen/Qwen2.5-7B", true),
            b"\x1bPtmux;\x1b\x1b]52;c;UXdlbi9Rd2VuMi41LTdC\x07\x1b\\".to_vec()
        );
    }

    #[test]
    fn osc52_encodes_cleaned_text_only() {
        // The BEL inside the id would end the sequence early; the OSC inside it would set the
        // window title. Both are removed before encoding.
        let hostile = "evil/\u{7}x\u{1b}]0;owned\u{7}-1B";
        let bytes = osc52(hostile, false);
        assert_eq!(bytes, osc52("evil/x-1B", false));
        assert_eq!(bytes.iter().filter(|&&byte| byte == 0x1b).count(), 1);
        assert_eq!(bytes.iter().filter(|&&byte| byte == 0x07).count(), 1);
    }
}
