//! Sizes and quantization bit widths stated in repository names: `1.5B` in `Qwen2.5-1.5B`,
//! `A3B` in `Qwen3-30B-A3B`, `8x7B` in `Mixtral-8x7B`, `4bit` in `Qwen3-4B-4bit`.
//!
//! A name is split into tokens at every non-alphanumeric character, except that a `.` between
//! two ASCII digits stays inside its token as a decimal point, and so does a `_` between digits
//! when the token so far is all digits (`Qwen-1_8B` is 1.8B, but `llama2_7b` still splits into
//! `llama2` and `7b`). A size must be a whole token, so a size-like run inside a longer token
//! never counts: `15b` inside a hex digest, `1.5b` inside the version `v1.5b`, `2.5` inside
//! `Qwen2.5`.

use std::ops::Range;

use serde::Serialize;

/// The model size stated in a repository name, in parameters.
///
/// `parse_name_size` returns a value only when at least one of `total`, `active` and
/// `effective` is set. None of them is ever `Some(0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NameSize {
    /// Total parameters: the leftmost bare size (`30B` in `Qwen3-30B-A3B`), or experts × expert
    /// size for `8x7B`. `None` when the name gives only an active or effective size.
    pub total: Option<u64>,
    /// Parameters used per token: an `A` token (`A3B`), or the bare size of a name that also
    /// counts its experts (`17B` in `Llama-4-Maverick-17B-128E`).
    pub active: Option<u64>,
    /// Effective parameters, an `E` token (`E4B` in `gemma-3n-E4B`): a size the publisher gives
    /// in place of the total, so it is neither a total nor an active count.
    pub effective: Option<u64>,
    /// Number of experts, from `8x7B` or `128E`.
    pub experts: Option<u64>,
    /// True when `total` is an upper bound: `8x7B` gives 56B, but Mixtral-8x7B has
    /// 46,702,792,704 parameters because its experts share attention and embeddings.
    pub approximate: bool,
}

/// The largest integer part a size token may have (`9999B`). Together with the limit on
/// decimals it keeps every size token shorter than 12 hex digits, so a hex digest can never
/// contain one.
const MAX_INTEGER_DIGITS: usize = 4;
const MAX_FRACTION_DIGITS: usize = 3;
/// The largest expert count in `<n>x<size>` (`8x7B`, `128x3B`).
const MAX_MULTIPLIER_DIGITS: usize = 3;

/// One size token of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SizeToken {
    /// `7B`, `1.5b`, `270m`.
    Bare(u64),
    /// `A3B`: active parameters.
    Active(u64),
    /// `E4B`: effective parameters.
    Effective(u64),
    /// `8x7B`: experts and the size of one.
    Multiplied { experts: u64, size: u64 },
    /// `128E`: an expert count, not a size.
    Experts(u64),
}

/// Parses the size stated in the name part of a repository id (the text after the last `/`).
///
/// Units are `M`, `B` and `T` in any case, with up to three decimals (`1.5B`, `0.27b`, `270m`).
/// `K` is never a size because `4k` and `128k` are context lengths. When a name has several
/// bare sizes, the leftmost is the total: later ones usually name training tokens
/// (`TinyLlama-1.1B-intermediate-step-1431k-3T`), a context length (`Qwen2.5-7B-Instruct-1M`) or
/// a distillation source.
///
/// A total stated outright beats an `NxM` upper bound in the same name, and a mixture-of-experts
/// name with two bare sizes (`OLMoE-1B-7B`) has the larger as its total and the smaller as its
/// active count.
pub fn parse_name_size(id: &str) -> Option<NameSize> {
    let tokens: Vec<SizeToken> = size_tokens(repo_name(id))
        .into_iter()
        .map(|(_, token)| token)
        .collect();

    let first_active = tokens.iter().find_map(|token| match token {
        SizeToken::Active(size) => Some(*size),
        _ => None,
    });
    let effective = tokens.iter().find_map(|token| match token {
        SizeToken::Effective(size) => Some(*size),
        _ => None,
    });
    let expert_count = tokens.iter().find_map(|token| match token {
        SizeToken::Experts(count) => Some(*count),
        _ => None,
    });
    let bare_sizes: Vec<u64> = tokens
        .iter()
        .filter_map(|token| match token {
            SizeToken::Bare(size) => Some(*size),
            _ => None,
        })
        .collect();
    // A total the name states outright (`8X3B-MOE-18.4B`) beats the `8X3B` upper bound.
    let stated_over_bound = tokens
        .iter()
        .any(|token| matches!(token, SizeToken::Multiplied { .. }))
        && !bare_sizes.is_empty();
    let leftmost_total = tokens.iter().find(|token| match token {
        SizeToken::Bare(_) => true,
        SizeToken::Multiplied { .. } => !stated_over_bound,
        _ => false,
    });

    let mut size = NameSize {
        total: None,
        active: first_active,
        effective,
        experts: expert_count,
        approximate: false,
    };
    match leftmost_total {
        // `Llama-4-Maverick-17B-128E`: with an expert count and no `A` token, the bare size is
        // the active count.
        Some(SizeToken::Bare(bare)) if expert_count.is_some() && first_active.is_none() => {
            size.active = Some(*bare);
        }
        Some(SizeToken::Bare(bare)) => size.total = Some(*bare),
        Some(SizeToken::Multiplied { experts, size: one }) => {
            size.total = experts.checked_mul(*one);
            size.experts = Some(*experts);
            size.approximate = size.total.is_some();
        }
        _ => {}
    }

    // `OLMoE-1B-7B`: a mixture-of-experts name with two bare sizes writes the active count
    // first, so the larger size is the total and the smaller the active count.
    let is_moe_name = repo_name(id).to_ascii_lowercase().contains("moe");
    if is_moe_name && bare_sizes.len() >= 2 && first_active.is_none() && !stated_over_bound {
        let smallest = bare_sizes.iter().copied().min();
        let largest = bare_sizes.iter().copied().max();
        if smallest < largest {
            size.total = largest;
            size.active = smallest;
        }
    }
    if stated_over_bound {
        size.experts = size.experts.or_else(|| {
            tokens.iter().find_map(|token| match token {
                SizeToken::Multiplied { experts, .. } => Some(*experts),
                _ => None,
            })
        });
    }

    let states_a_size = size.total.is_some() || size.active.is_some() || size.effective.is_some();
    states_a_size.then_some(size)
}

/// Parses the weight bit width stated in the name part of a repository id: `4bit`, `8bits`,
/// `w4a16` (weights 4, activations 16), `int4`, `nf4`, `fp4`, `mxfp4`. The leftmost such token
/// wins, and widths outside 1..=8 are ignored.
pub(super) fn parse_name_bits(id: &str) -> Option<u32> {
    split_tokens(repo_name(id))
        .into_iter()
        .find_map(|(_, token)| bits_token(&token.to_ascii_lowercase()))
}

/// Returns the name part of a repository id: the text after the last `/`.
fn repo_name(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// Size tokens of `name` with their byte ranges, left to right.
pub(super) fn size_tokens(name: &str) -> Vec<(Range<usize>, SizeToken)> {
    let mut sizes = Vec::new();
    for (start, token) in split_tokens(name) {
        let range = start..start + token.len();
        let Some(size) = parse_size_token(token) else {
            continue;
        };
        // `2e-5` in `llama-7b-2e-5` is a learning rate in scientific notation, not 2 experts.
        if matches!(size, SizeToken::Experts(_)) && starts_exponent(&name[range.end..]) {
            continue;
        }
        sizes.push((range, size));
    }
    sizes
}

/// True when `rest` begins with a signed exponent such as `-5` or `+3`.
fn starts_exponent(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('-' | '+')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Splits `name` at non-alphanumeric characters and returns each token with its byte offset.
/// A `.` between two ASCII digits is a decimal point and stays inside the token.
fn split_tokens(name: &str) -> Vec<(usize, &str)> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut tokens = Vec::new();
    let mut start = None;

    for (index, &(offset, character)) in chars.iter().enumerate() {
        let between_digits = index > 0
            && chars[index - 1].1.is_ascii_digit()
            && chars
                .get(index + 1)
                .is_some_and(|(_, next)| next.is_ascii_digit());
        let token_is_digits = start.is_some_and(|token_start: usize| {
            name[token_start..offset]
                .bytes()
                .all(|byte| byte.is_ascii_digit())
        });
        let decimal_point =
            between_digits && (character == '.' || (character == '_' && token_is_digits));
        let inside_token = character.is_alphanumeric() || decimal_point;

        match (inside_token, start) {
            (true, None) => start = Some(offset),
            (false, Some(token_start)) => {
                tokens.push((token_start, &name[token_start..offset]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(token_start) = start {
        tokens.push((token_start, &name[token_start..]));
    }
    tokens
}

/// Parses one whole token against `[<n>x][A|E]<digits>[.<digits>](M|B|T)` or `<n>E`, ignoring
/// case. Returns `None` for anything else and for a size or count of 0.
fn parse_size_token(token: &str) -> Option<SizeToken> {
    if !token.is_ascii() {
        return None;
    }

    if let Some(count) = token.strip_suffix(['e', 'E']) {
        if is_digits(count, MAX_INTEGER_DIGITS) {
            let count: u64 = count.parse().ok()?;
            return (count > 0).then_some(SizeToken::Experts(count));
        }
    }

    let (multiplier, rest) = match token.split_once(['x', 'X']) {
        Some((experts, rest)) if is_digits(experts, MAX_MULTIPLIER_DIGITS) => {
            (Some(experts.parse::<u64>().ok()?), rest)
        }
        Some(_) => return None,
        None => (None, token),
    };

    if multiplier.is_none() {
        if let Some(size) = parse_infix_size(rest) {
            return Some(SizeToken::Bare(size));
        }
    }

    let (prefix, rest) = match rest.as_bytes().first()? {
        b'a' | b'A' => (Some(b'A'), &rest[1..]),
        b'e' | b'E' => (Some(b'E'), &rest[1..]),
        _ => (None, rest),
    };
    let unit: u64 = match rest.as_bytes().last()? {
        b'm' | b'M' => 1_000_000,
        b'b' | b'B' => 1_000_000_000,
        b't' | b'T' => 1_000_000_000_000,
        _ => return None,
    };
    let number = rest[..rest.len() - 1].replace('_', ".");
    let size = parse_scaled(&number, unit)?;
    if size == 0 {
        return None;
    }
    // A whole number of millions below 10 (`Long-VITA-1M`, `PubChem_1M`) is usually a context
    // length or a data-set size rather than a model size.
    if unit == 1_000_000 && prefix.is_none() && !number.contains('.') && size < 10 * unit {
        return None;
    }

    match (multiplier, prefix) {
        (Some(0), _) => None,
        (Some(experts), None) => Some(SizeToken::Multiplied { experts, size }),
        (Some(_), Some(_)) => None,
        (None, Some(b'A')) => Some(SizeToken::Active(size)),
        (None, Some(_)) => Some(SizeToken::Effective(size)),
        (None, None) => Some(SizeToken::Bare(size)),
    }
}

/// Parses the infix spelling `<digits><unit><digits>` that BLOOM uses (`bloom-1b7` is 1.7B,
/// `bloom-7b1` is 7.1B, `bloom-560m` has no infix).
fn parse_infix_size(token: &str) -> Option<u64> {
    let unit_index = token.find(|c: char| c.is_ascii_alphabetic())?;
    let (integer, rest) = token.split_at(unit_index);
    let (unit, fraction) = rest.split_at(1);
    if fraction.is_empty() || !is_digits(integer, MAX_INTEGER_DIGITS) {
        return None;
    }
    if !is_digits(fraction, MAX_FRACTION_DIGITS) {
        return None;
    }
    let unit = match unit {
        "m" | "M" => 1_000_000,
        "b" | "B" => 1_000_000_000,
        "t" | "T" => 1_000_000_000_000,
        _ => return None,
    };
    parse_scaled(&format!("{integer}.{fraction}"), unit).filter(|size| *size > 0)
}

/// Parses `<digits>[.<digits>]` and multiplies it by `unit` without floating point, so `1.5`
/// with unit 10^9 is exactly 1,500,000,000.
fn parse_scaled(number: &str, unit: u64) -> Option<u64> {
    let (integer, fraction) = number.split_once('.').unwrap_or((number, ""));
    if !is_digits(integer, MAX_INTEGER_DIGITS) {
        return None;
    }
    if number.contains('.') && !is_digits(fraction, MAX_FRACTION_DIGITS) {
        return None;
    }

    let integer: u64 = integer.parse().ok()?;
    let fraction_value: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let fraction_scale = 10u64.pow(fraction.len() as u32);
    let fraction_part = fraction_value.checked_mul(unit)? / fraction_scale;
    integer.checked_mul(unit)?.checked_add(fraction_part)
}

/// True when `text` is 1 to `max_len` ASCII digits.
fn is_digits(text: &str, max_len: usize) -> bool {
    (1..=max_len).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Parses one lowercase token as a weight bit width.
fn bits_token(token: &str) -> Option<u32> {
    let digits = if let Some(digits) = token
        .strip_suffix("bits")
        .or_else(|| token.strip_suffix("bit"))
    {
        digits
    } else if let Some(rest) = token.strip_prefix('w') {
        // `w4a16`: the weight width comes before `a`.
        let (weights, activations) = rest.split_once('a')?;
        if !is_digits(activations, 2) {
            return None;
        }
        weights
    } else if let Some(digits) = token.strip_prefix("int") {
        digits
    } else if matches!(token, "nf4" | "fp4" | "mxfp4") {
        "4"
    } else {
        return None;
    };

    if !is_digits(digits, 1) {
        return None;
    }
    let bits: u32 = digits.parse().ok()?;
    (1..=8).contains(&bits).then_some(bits)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const B: u64 = 1_000_000_000;
    const M: u64 = 1_000_000;

    fn total(id: &str) -> Option<u64> {
        parse_name_size(id).and_then(|size| size.total)
    }

    #[test]
    fn decimal_size_after_version() {
        assert_eq!(total("Qwen/Qwen2.5-1.5B"), Some(1_500_000_000));
    }

    #[test]
    fn version_without_unit_is_not_size() {
        assert_eq!(parse_name_size("Qwen/Qwen2.5"), None);
    }

    #[test]
    fn decimal_point_does_not_split_token() {
        // `5B` after the decimal point of `1.5B` must not count as a size of its own.
        let tokens = size_tokens("Qwen2.5-1.5B");
        assert_eq!(tokens, vec![(8..12, SizeToken::Bare(1_500_000_000))]);
    }

    #[test]
    fn underscore_decimal_point() {
        assert_eq!(total("Qwen/Qwen-1_8B"), Some(1_800_000_000));
        assert_eq!(total("Qwen/Qwen-1_8B-Chat"), Some(1_800_000_000));
        assert_eq!(total("smallcloudai/Refact-1_6B-fim"), Some(1_600_000_000));
        assert_eq!(total("apple/OpenELM-1_1B-Instruct"), Some(1_100_000_000));
        assert_eq!(total("someone/llama2_7b"), Some(7 * B));
        assert_eq!(total("someone/model_v2_7b"), Some(7 * B));
    }

    #[test]
    fn stated_total_beats_expert_bound() {
        let size = parse_name_size(
            "DavidAU/Llama-3.2-8X3B-MOE-Dark-Champion-Instruct-uncensored-abliterated-18.4B-GGUF",
        )
        .unwrap();
        assert_eq!(size.total, Some(18_400_000_000));
        assert!(!size.approximate);
        assert_eq!(size.experts, Some(8));
        assert_eq!(
            total("DavidAU/Mistral-MOE-4X7B-Dark-MultiVerse-24B-GGUF"),
            Some(24 * B)
        );
        let bound = parse_name_size("mistralai/Mixtral-8x7B-v0.1").unwrap();
        assert_eq!(bound.total, Some(56 * B));
        assert!(bound.approximate);
    }

    #[test]
    fn moe_name_active_before_total() {
        let size = parse_name_size("allenai/OLMoE-1B-7B-0924").unwrap();
        assert_eq!(size.total, Some(7 * B));
        assert_eq!(size.active, Some(B));
        assert_eq!(
            total("TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T"),
            Some(1_100_000_000)
        );
    }

    #[test]
    fn bloom_infix_sizes() {
        assert_eq!(total("bigscience/bloom-1b7"), Some(1_700_000_000));
        assert_eq!(total("bigscience/bloom-7b1"), Some(7_100_000_000));
        assert_eq!(total("bigscience/bloom-560m"), Some(560 * M));
        assert_eq!(total("bigscience/bloomz-3b"), Some(3 * B));
    }

    #[test]
    fn small_whole_millions_not_sizes() {
        assert_eq!(parse_name_size("VITA-MLLM/Long-VITA-1M"), None);
        assert_eq!(parse_name_size("DeepChem/SmilesTokenizer_PubChem_1M"), None);
        assert_eq!(total("Qwen/Qwen2.5-7B-Instruct-1M"), Some(7 * B));
        assert_eq!(total("org/tiny-1.5M"), Some(1_500_000));
        assert_eq!(total("org/small-10M"), Some(10 * M));
    }

    #[test]
    fn lowercase_billions() {
        assert_eq!(total("google/gemma-2-2b-it"), Some(2 * B));
    }

    #[test]
    fn lowercase_millions() {
        assert_eq!(total("google/gemma-3-270m"), Some(270 * M));
    }

    #[test]
    fn trillions() {
        assert_eq!(total("inclusionAI/Ling-1T"), Some(1_000_000_000_000));
    }

    #[test]
    fn context_length_k_is_not_size() {
        assert_eq!(parse_name_size("microsoft/Phi-3-mini-4k-instruct"), None);
        assert_eq!(parse_name_size("org/model-128k"), None);
        assert_eq!(parse_name_size("org/model-128K"), None);
    }

    #[test]
    fn context_length_k_beside_size() {
        assert_eq!(total("org/Llama-3-8B-Instruct-262k"), Some(8 * B));
    }

    #[test]
    fn active_token_is_not_total() {
        let size = parse_name_size("Qwen/Qwen3-30B-A3B").unwrap();
        assert_eq!(size.total, Some(30 * B));
        assert_eq!(size.active, Some(3 * B));
        assert!(!size.approximate);
    }

    #[test]
    fn active_token_with_decimals() {
        let size = parse_name_size("Qwen/Qwen1.5-MoE-A2.7B").unwrap();
        assert_eq!(size.total, None);
        assert_eq!(size.active, Some(2_700_000_000));
    }

    #[test]
    fn active_token_in_millions() {
        let size = parse_name_size("ibm-granite/granite-3.0-1b-a400m-base").unwrap();
        assert_eq!(size.total, Some(B));
        assert_eq!(size.active, Some(400 * M));
    }

    #[test]
    fn effective_token_is_not_total() {
        let size = parse_name_size("google/gemma-3n-E4B").unwrap();
        assert_eq!(size.total, None);
        assert_eq!(size.effective, Some(4 * B));
        assert_eq!(size.active, None);
    }

    #[test]
    fn experts_times_size_is_upper_bound() {
        let size = parse_name_size("mistralai/Mixtral-8x7B-v0.1").unwrap();
        assert_eq!(size.total, Some(56 * B));
        assert_eq!(size.experts, Some(8));
        assert!(size.approximate);
    }

    #[test]
    fn experts_count_makes_bare_size_active() {
        let size = parse_name_size("meta-llama/Llama-4-Maverick-17B-128E").unwrap();
        assert_eq!(size.total, None);
        assert_eq!(size.active, Some(17 * B));
        assert_eq!(size.experts, Some(128));
    }

    #[test]
    fn experts_count_with_active_token_keeps_total() {
        let size = parse_name_size("org/Model-400B-A17B-128E").unwrap();
        assert_eq!(size.total, Some(400 * B));
        assert_eq!(size.active, Some(17 * B));
    }

    #[test]
    fn learning_rate_is_not_expert_count() {
        assert_eq!(total("org/llama-7b-2e-5"), Some(7 * B));
        assert_eq!(total("org/llama-7b-lr-5e+4"), Some(7 * B));
    }

    #[test]
    fn hex_digest_is_not_size() {
        let id = "sha256-6a0746a1ec1aef3e7ec53868f220ff6e389f15b8ef87a01d77c96807de94ca2a";
        assert_eq!(parse_name_size(id), None);
    }

    #[test]
    fn hex_digest_beside_size() {
        assert_eq!(
            total("org/model-7b-sha256-0123456789abcdef15b"),
            Some(7 * B)
        );
    }

    #[test]
    fn version_prefix_is_not_size() {
        // `v1.5b` reads as a version (1.5, beta), so a letter glued to a number blocks a match.
        assert_eq!(parse_name_size("org/model-v1.5b"), None);
        assert_eq!(total("org/model-v1.5-1.5b"), Some(1_500_000_000));
    }

    #[test]
    fn leftmost_bare_size_wins() {
        let id = "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T";
        assert_eq!(total(id), Some(1_100_000_000));
        assert_eq!(total("Qwen/Qwen2.5-7B-Instruct-1M"), Some(7 * B));
    }

    #[test]
    fn only_name_part_is_read() {
        assert_eq!(parse_name_size("org-7b/model"), None);
        assert_eq!(total("bigscience/bloom-560m"), Some(560 * M));
        assert_eq!(total("opt-125m"), Some(125 * M));
    }

    #[test]
    fn underscore_and_dot_are_boundaries() {
        assert_eq!(total("org/model_7b_chat"), Some(7 * B));
        assert_eq!(total("org/model-7B.Q4_K_M"), Some(7 * B));
    }

    #[test]
    fn zero_size_is_absent() {
        assert_eq!(parse_name_size("org/model-0B"), None);
        assert_eq!(parse_name_size("org/model-0.000b"), None);
        assert_eq!(parse_name_size("org/model-A0B"), None);
        assert_eq!(parse_name_size("org/model-0x7B"), None);
        // `0E` is not an expert count, so 17B stays the total.
        assert_eq!(total("org/model-17B-0E"), Some(17 * B));
    }

    #[test]
    fn overlong_numbers_are_not_sizes() {
        assert_eq!(parse_name_size("org/model-12345B"), None);
        assert_eq!(parse_name_size("org/model-1.2345B"), None);
        assert_eq!(parse_name_size("org/model-1234x7B"), None);
    }

    #[test]
    fn three_decimals_are_exact() {
        assert_eq!(total("org/model-0.125b"), Some(125 * M));
        assert_eq!(total("org/model-1.58B"), Some(1_580_000_000));
    }

    #[test]
    fn no_size_gives_none() {
        assert_eq!(parse_name_size("moonshotai/Kimi-K2.5"), None);
        assert_eq!(parse_name_size("unsloth/DeepSeek-R1-0528-GGUF"), None);
        assert_eq!(parse_name_size(""), None);
        assert_eq!(parse_name_size("org/"), None);
    }

    #[test]
    fn bits_from_name() {
        assert_eq!(parse_name_bits("mlx-community/Qwen3-4B-4bit"), Some(4));
        assert_eq!(parse_name_bits("avlp12/Motif-3-Alis-MLX-8bit"), Some(8));
        assert_eq!(parse_name_bits("org/model-3bits"), Some(3));
        assert_eq!(
            parse_name_bits("RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w4a16"),
            Some(4)
        );
        assert_eq!(parse_name_bits("org/model-W8A8"), Some(8));
        assert_eq!(
            parse_name_bits("TelperionAI/Qwen3.8-27B-INT4-AWQ-GPTQ"),
            Some(4)
        );
        assert_eq!(parse_name_bits("unsloth/llama-3-8b-bnb-4bit"), Some(4));
        assert_eq!(parse_name_bits("org/model-nf4"), Some(4));
    }

    #[test]
    fn bits_absent_or_out_of_range() {
        assert_eq!(parse_name_bits("Qwen/Qwen2.5-1.5B"), None);
        assert_eq!(parse_name_bits("org/model-16bit"), None);
        assert_eq!(parse_name_bits("org/model-0bit"), None);
        assert_eq!(parse_name_bits("org/model-bit"), None);
        assert_eq!(parse_name_bits("org/model-int"), None);
        assert_eq!(parse_name_bits("org/model-w4"), None);
        assert_eq!(parse_name_bits("org/8bit-lab/model"), None);
    }

    /// Runs of 12 or more hex digits: random digests, and runs shaped like size tokens
    /// (`000000000001b`, `A0000000003B`, `000000000128E`) that only the digit limits reject.
    const HEX_RUN: &str =
        "[0-9a-fA-F]{12,64}|[0-9bBeEaA]{12,40}|[aAeE]?[0-9]{11,20}[bB]|[0-9]{12,20}[eE]";

    proptest! {
        #[test]
        fn never_panics(id in "\\PC*") {
            let _ = parse_name_size(&id);
            let _ = parse_name_bits(&id);
        }

        #[test]
        fn never_returns_zero(id in "\\PC*") {
            if let Some(size) = parse_name_size(&id) {
                prop_assert_ne!(size.total, Some(0));
                prop_assert_ne!(size.active, Some(0));
                prop_assert_ne!(size.effective, Some(0));
            }
        }

        #[test]
        fn never_returns_zero_for_size_shapes(
            id in "[a-z]{0,4}[-_.]((0|[0-9]{1,3})x)?[aAeE]?[0-9]{1,5}(\\.[0-9]{0,4})?[mMbBtTkK]"
        ) {
            if let Some(size) = parse_name_size(&id) {
                prop_assert_ne!(size.total, Some(0));
                prop_assert_ne!(size.active, Some(0));
                prop_assert_ne!(size.effective, Some(0));
            }
        }

        #[test]
        fn never_matches_inside_hex_run(
            prefix in "[-_. a-zA-Z0-9]{0,12}",
            hex in HEX_RUN,
            suffix in "[-_. a-zA-Z0-9]{0,12}",
        ) {
            let name = format!("{prefix}{hex}{suffix}");
            let hex_range = prefix.len()..prefix.len() + hex.len();
            for (range, token) in size_tokens(&name) {
                let overlaps = range.start < hex_range.end && hex_range.start < range.end;
                prop_assert!(!overlaps, "{token:?} at {range:?} in {name:?}");
            }
        }

        #[test]
        fn hex_digest_id_has_no_size(hex in HEX_RUN) {
            prop_assert_eq!(parse_name_size(&format!("org/{hex}")), None);
            prop_assert_eq!(parse_name_size(&format!("org/sha256-{hex}")), None);
            prop_assert_eq!(parse_name_size(&format!("org/blob.{hex}.gguf")), None);
        }
    }
}
