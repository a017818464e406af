//! Parameter counts from the Hub's `safetensors` summary, corrected for quantized weights that
//! are packed several to one integer element.
//!
//! The Hub counts tensor elements per dtype. A 4-bit weight matrix packed into I32 is one eighth
//! as many elements as it has weights, so RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w4a16
//! shows about 2B instead of about 8B.

use super::name::parse_name_bits;
use crate::hub::record::{QuantizationConfig, Safetensors};

/// The weight bit width assumed when neither `quantization_config` nor the name states one.
///
/// NOTE: 4 bits is a guess at the common case (GPTQ, AWQ and bitsandbytes 4-bit uploads). An
/// 8-bit upload that states its width nowhere gets its integer counts doubled.
pub(super) const ASSUMED_BITS: u32 = 4;

/// A parameter count read from a `safetensors` summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SafetensorsCount {
    /// No integer dtype other than I64: the sum of the per-dtype counts without I64. When the
    /// summary has no per-dtype counts, its `total`.
    Unpacked(u64),
    /// At least one integer container dtype (I8, U8, I32, U32) with a non-zero count.
    Packed {
        /// The sum of the per-dtype counts without I64, as the Hub counts elements.
        raw: u64,
        /// `raw` with each integer count multiplied by container bits / weight bits.
        corrected: u64,
        /// True when the weight width is `ASSUMED_BITS` because no source stated it.
        bits_assumed: bool,
    },
}

/// Returns the weight bit width stated for a repository: `quantization_config.bits`, then
/// `load_in_4bit` or `load_in_8bit`, then `quant_method: "mxfp4"` (4 bits), then a bits token in
/// the name (`4bit`, `w4a16`, `int4`). `None` when no source states a width in 1..=32.
///
/// compressed-tensors checkpoints state their width under `config_groups`, which
/// `QuantizationConfig` does not read, so for them only the name can state it.
pub(super) fn stated_bits(quantization: Option<&QuantizationConfig>, id: &str) -> Option<u32> {
    let from_config = quantization.and_then(|config| {
        let bits = config
            .bits
            .filter(|bits| (1..=32).contains(bits))
            .map(|bits| bits as u32);
        let mxfp4 = config
            .quant_method
            .as_deref()
            .is_some_and(|method| method.eq_ignore_ascii_case("mxfp4"));

        bits.or_else(|| (config.load_in_4bit == Some(true)).then_some(4))
            .or_else(|| (config.load_in_8bit == Some(true)).then_some(8))
            .or_else(|| mxfp4.then_some(4))
    });
    from_config.or_else(|| parse_name_bits(id))
}

/// Counts the parameters in a `safetensors` summary. I64 counts are left out because they are
/// buffers such as `position_ids`, not weights. `total` is used only when the summary has no
/// per-dtype counts: it can be a self-declared `metadata.total_parameters` that disagrees with
/// the tensors (ZonglinY/MOOSE-Star-R1D-7B declares 333,312 for 7,615,616,512 BF16 elements).
///
/// `bits` is the stated weight width, or `None` to assume `ASSUMED_BITS`. A width at least as
/// large as the container (8-bit weights in I8) leaves that count unchanged.
/// Returns `None` when nothing but I64 or zero counts is present.
pub(super) fn count_safetensors(
    summary: &Safetensors,
    bits: Option<u32>,
) -> Option<SafetensorsCount> {
    if summary.parameters.is_empty() {
        return summary
            .total
            .filter(|total| *total > 0)
            .map(SafetensorsCount::Unpacked);
    }

    let weight_bits = bits.unwrap_or(ASSUMED_BITS);
    let mut unpacked: u128 = 0;
    let mut packed_raw: u128 = 0;
    let mut packed_corrected: u128 = 0;
    for (dtype, &count) in &summary.parameters {
        if dtype.eq_ignore_ascii_case("I64") {
            continue;
        }
        match container_bits(dtype) {
            Some(container) => {
                packed_raw += u128::from(count);
                packed_corrected += unpacked_weights(count, container, weight_bits);
            }
            None => unpacked += u128::from(count),
        }
    }

    if packed_raw == 0 {
        return Some(saturate(unpacked))
            .filter(|total| *total > 0)
            .map(SafetensorsCount::Unpacked);
    }
    Some(SafetensorsCount::Packed {
        raw: saturate(unpacked + packed_raw),
        corrected: saturate(unpacked + packed_corrected),
        bits_assumed: bits.is_none(),
    })
}

/// Bits per element of the integer dtypes that quantizers pack weights into. Floating-point
/// dtypes (F8_E4M3, BF16, F16, F32) hold one weight per element.
fn container_bits(dtype: &str) -> Option<u32> {
    match dtype.to_ascii_uppercase().as_str() {
        "I8" | "U8" => Some(8),
        "I32" | "U32" => Some(32),
        _ => None,
    }
}

/// Number of weights in `elements` integer elements of `container` bits holding `bits`-bit
/// weights: elements × container / bits, rounded down.
fn unpacked_weights(elements: u64, container: u32, bits: u32) -> u128 {
    if bits == 0 || bits >= container {
        return u128::from(elements);
    }
    u128::from(elements) * u128::from(container) / u128::from(bits)
}

fn saturate(count: u128) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn summary(parameters: &[(&str, u64)], total: Option<u64>) -> Safetensors {
        Safetensors {
            parameters: parameters
                .iter()
                .map(|(dtype, count)| (dtype.to_string(), *count))
                .collect::<BTreeMap<_, _>>(),
            total,
        }
    }

    fn quantization(bits: Option<u64>) -> QuantizationConfig {
        QuantizationConfig {
            bits,
            ..QuantizationConfig::default()
        }
    }

    #[test]
    fn sum_beats_declared_total() {
        let input = summary(&[("BF16", 7_615_616_512)], Some(333_312));
        assert_eq!(
            count_safetensors(&input, None),
            Some(SafetensorsCount::Unpacked(7_615_616_512))
        );
    }

    #[test]
    fn i64_buffers_left_out() {
        let input = summary(&[("I64", 512), ("F32", 11_683_584)], Some(11_684_096));
        assert_eq!(
            count_safetensors(&input, None),
            Some(SafetensorsCount::Unpacked(11_683_584))
        );
    }

    #[test]
    fn only_i64_is_absent() {
        let input = summary(&[("I64", 512)], Some(512));
        assert_eq!(count_safetensors(&input, None), None);
    }

    #[test]
    fn zero_counts_are_absent() {
        assert_eq!(
            count_safetensors(&summary(&[("BF16", 0)], Some(0)), None),
            None
        );
        assert_eq!(count_safetensors(&summary(&[], Some(0)), None), None);
        assert_eq!(count_safetensors(&summary(&[], None), None), None);
    }

    #[test]
    fn total_alone_is_used() {
        assert_eq!(
            count_safetensors(&summary(&[], Some(110_106_428)), None),
            Some(SafetensorsCount::Unpacked(110_106_428))
        );
    }

    #[test]
    fn float_dtypes_are_not_packed() {
        let input = summary(
            &[
                ("BF16", 1_000_000_000),
                ("F8_E4M3", 670_000_000_000),
                ("F16", 2),
                ("F32", 3),
            ],
            None,
        );
        assert_eq!(
            count_safetensors(&input, Some(4)),
            Some(SafetensorsCount::Unpacked(671_000_000_005))
        );
    }

    #[test]
    fn four_bit_in_i32_times_eight() {
        let input = summary(&[("I32", 100), ("BF16", 10)], None);
        assert_eq!(
            count_safetensors(&input, Some(4)),
            Some(SafetensorsCount::Packed {
                raw: 110,
                corrected: 810,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn four_bit_in_u8_times_two() {
        let input = summary(&[("U8", 100), ("BF16", 10)], None);
        assert_eq!(
            count_safetensors(&input, Some(4)),
            Some(SafetensorsCount::Packed {
                raw: 110,
                corrected: 210,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn eight_bit_in_u32_times_four() {
        let input = summary(&[("U32", 100)], None);
        assert_eq!(
            count_safetensors(&input, Some(8)),
            Some(SafetensorsCount::Packed {
                raw: 100,
                corrected: 400,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn three_bit_in_i32_rounds_down() {
        let input = summary(&[("I32", 100)], None);
        assert_eq!(
            count_safetensors(&input, Some(3)),
            Some(SafetensorsCount::Packed {
                raw: 100,
                corrected: 1066,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn eight_bit_in_i8_unchanged() {
        let input = summary(&[("I8", 100), ("BF16", 10)], None);
        assert_eq!(
            count_safetensors(&input, Some(8)),
            Some(SafetensorsCount::Packed {
                raw: 110,
                corrected: 110,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn unknown_bits_assume_four() {
        let input = summary(&[("I32", 100)], None);
        assert_eq!(
            count_safetensors(&input, None),
            Some(SafetensorsCount::Packed {
                raw: 100,
                corrected: 800,
                bits_assumed: true,
            })
        );
    }

    #[test]
    fn i64_left_out_of_packed_sum() {
        let input = summary(&[("I32", 100), ("I64", 7)], None);
        assert_eq!(
            count_safetensors(&input, Some(4)),
            Some(SafetensorsCount::Packed {
                raw: 100,
                corrected: 800,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn huge_counts_saturate() {
        let input = summary(&[("I32", u64::MAX), ("BF16", u64::MAX)], None);
        assert_eq!(
            count_safetensors(&input, Some(4)),
            Some(SafetensorsCount::Packed {
                raw: u64::MAX,
                corrected: u64::MAX,
                bits_assumed: false,
            })
        );
    }

    #[test]
    fn bits_from_config_first() {
        let config = quantization(Some(8));
        assert_eq!(stated_bits(Some(&config), "org/model-4bit"), Some(8));
    }

    #[test]
    fn bits_from_load_in_flags() {
        let four = QuantizationConfig {
            load_in_4bit: Some(true),
            ..QuantizationConfig::default()
        };
        let eight = QuantizationConfig {
            load_in_8bit: Some(true),
            ..QuantizationConfig::default()
        };
        assert_eq!(stated_bits(Some(&four), "org/model"), Some(4));
        assert_eq!(stated_bits(Some(&eight), "org/model"), Some(8));
    }

    #[test]
    fn bits_from_mxfp4_method() {
        let config = QuantizationConfig {
            quant_method: Some("mxfp4".to_string()),
            ..QuantizationConfig::default()
        };
        assert_eq!(stated_bits(Some(&config), "openai/gpt-oss-20b"), Some(4));
    }

    #[test]
    fn bits_from_name_when_config_silent() {
        let config = QuantizationConfig {
            quant_method: Some("compressed-tensors".to_string()),
            ..QuantizationConfig::default()
        };
        assert_eq!(stated_bits(Some(&config), "org/model-w4a16"), Some(4));
        assert_eq!(stated_bits(None, "org/model-8bit"), Some(8));
    }

    #[test]
    fn invalid_config_bits_ignored() {
        assert_eq!(stated_bits(Some(&quantization(Some(0))), "org/model"), None);
        assert_eq!(
            stated_bits(Some(&quantization(Some(64))), "org/model"),
            None
        );
    }

    #[test]
    fn no_bits_anywhere() {
        assert_eq!(stated_bits(None, "moonshotai/Kimi-K2.5"), None);
    }
}
