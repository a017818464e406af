//! Parameter-count resolution: turns what the Hub says about a repository into one count and
//! records where it came from. Sources are tried in order: safetensors, gguf, the reference set,
//! the repository name, an imported leaderboard; otherwise the count is unknown (never 0).

pub mod moe;
mod name;
mod safetensors;

pub use moe::MoeConfig;
pub use name::{NameSize, parse_name_size};

use self::safetensors::{SafetensorsCount, count_safetensors, stated_bits};
use crate::hub::record::{QuantizationConfig, Safetensors};
use crate::model::{ParamCount, ParamSource};

/// How far a packed safetensors count may be from the name's total before it is rejected: each
/// must be at most this many times the other.
const NAME_AGREEMENT_FACTOR: u128 = 2;

/// Everything the resolver may use for one model.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParamInputs<'a> {
    /// Repository id, `owner/name`; the name part is the last-resort source.
    pub id: &'a str,
    /// The Hub's `safetensors` summary.
    pub safetensors: Option<&'a Safetensors>,
    /// The Hub's `gguf.total`, used when `safetensors` gives no count.
    pub gguf_total: Option<u64>,
    /// `config.quantization_config`, which states the bit width of packed weights.
    pub quantization: Option<&'a QuantizationConfig>,
    /// The publisher's official count from the reference set, when the model is in it.
    pub reference_total: Option<u64>,
    /// The expert layout from the repository's `config.json`, for mixture-of-experts models.
    pub moe: Option<&'a MoeConfig>,
    /// The size an imported leaderboard gives for the model, the last resort.
    pub leaderboard_total: Option<u64>,
}

/// Resolves the parameter count of one model. Counts are numbers of parameters.
///
/// The first source that gives a non-zero count wins:
/// 1. `safetensors`: the sum of the per-dtype counts without I64 buffers. When integer dtypes
///    (I8, U8, I32, U32) hold packed weights, their counts are multiplied by container bits /
///    weight bits and the result is `approximate`. If the name states a total and the corrected
///    count is more than 2× away from it, the uncorrected sum is tried instead, because the Hub
///    has counted some packed uploads already unpacked. If both are more than 2× away, the
///    `safetensors` count is skipped. A packed count whose width no source states moves to
///    step 5.
/// 2. `gguf_total`.
/// 3. `reference_total`.
/// 4. The name's total. It is `approximate` for an `8x7B` upper bound or when `safetensors`
///    showed packed weights.
/// 5. A packed `safetensors` count corrected with an assumed 4-bit width, because no source
///    stated the width. It is `approximate`.
/// 6. `leaderboard_total`, the size an imported leaderboard gives.
///
/// Otherwise the count is `ParamCount::UNKNOWN`. `total` is `None` exactly when `source` is
/// `Unknown`, and never `Some(0)`. `active` comes from the name (`A3B`, or the bare size of
/// `17B-128E`) whatever the source, and is dropped when it exceeds the resolved total. When the
/// name gives no active count, an expert layout estimates it (see [`moe`]).
pub fn resolve(inputs: &ParamInputs<'_>) -> ParamCount {
    let mut count = resolve_without_layout(inputs);
    if count.active().is_none() {
        if let (Some(total), Some(layout)) = (count.total(), inputs.moe) {
            count.set_active(layout.active_params(total));
        }
    }
    count
}

fn resolve_without_layout(inputs: &ParamInputs<'_>) -> ParamCount {
    let name = parse_name_size(inputs.id);
    let name_total = name.and_then(|size| size.total);
    let bits = stated_bits(inputs.quantization, inputs.id);
    let summary = inputs
        .safetensors
        .and_then(|summary| count_safetensors(summary, bits));

    let mut packed = false;
    let mut assumed_width_total = None;
    match summary {
        Some(SafetensorsCount::Unpacked(total)) => {
            return counted(total, ParamSource::Safetensors, false, name);
        }
        Some(SafetensorsCount::Packed {
            raw,
            corrected,
            bits_assumed,
        }) => {
            packed = true;
            if bits_assumed {
                assumed_width_total = Some(corrected);
            } else if let Some(total) = packed_total(raw, corrected, name_total) {
                return counted(total, ParamSource::Safetensors, true, name);
            }
        }
        None => {}
    }

    if let Some(total) = inputs.gguf_total.filter(|total| *total > 0) {
        return counted(total, ParamSource::Gguf, false, name);
    }
    if let Some(total) = inputs.reference_total.filter(|total| *total > 0) {
        return counted(total, ParamSource::Reference, false, name);
    }
    if let (Some(total), Some(size)) = (name_total, name) {
        return counted(total, ParamSource::Name, size.approximate || packed, name);
    }
    if let Some(total) = assumed_width_total {
        return counted(total, ParamSource::Safetensors, true, name);
    }
    if let Some(total) = inputs.leaderboard_total.filter(|total| *total > 0) {
        return counted(total, ParamSource::Leaderboard, false, name);
    }

    ParamCount::new(
        None,
        name.and_then(|size| size.active),
        ParamSource::Unknown,
        false,
    )
}

/// Chooses the count of a packed summary whose weight width is stated: the corrected count if it
/// agrees with the name's total, else the raw sum if that agrees. Without a name total the
/// corrected count is used. `None` when neither agrees.
fn packed_total(raw: u64, corrected: u64, name_total: Option<u64>) -> Option<u64> {
    let Some(name_total) = name_total else {
        return Some(corrected);
    };
    [corrected, raw]
        .into_iter()
        .find(|count| agrees_with_name(*count, name_total))
}

fn agrees_with_name(count: u64, name_total: u64) -> bool {
    let (count, name_total) = (u128::from(count), u128::from(name_total));
    count <= name_total * NAME_AGREEMENT_FACTOR && name_total <= count * NAME_AGREEMENT_FACTOR
}

fn counted(
    total: u64,
    source: ParamSource,
    approximate: bool,
    name: Option<NameSize>,
) -> ParamCount {
    let active = name
        .and_then(|size| size.active)
        .filter(|active| *active <= total);
    ParamCount::new(Some(total), active, source, approximate)
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn layout_fills_active_count() {
        let layout = MoeConfig {
            hidden_size: 4096,
            moe_intermediate_size: 14336,
            experts: 8,
            experts_per_token: 2,
            moe_layers: 32,
        };
        let safetensors = Safetensors {
            parameters: [("BF16".to_string(), 46_702_792_704)].into_iter().collect(),
            total: Some(46_702_792_704),
        };
        let count = resolve(&ParamInputs {
            id: "mistralai/Mixtral-8x7B-v0.1",
            safetensors: Some(&safetensors),
            moe: Some(&layout),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(46_702_792_704));
        assert_eq!(count.active(), Some(12_879_925_248));

        let named = resolve(&ParamInputs {
            id: "Qwen/Qwen3-30B-A3B",
            moe: Some(&layout),
            ..ParamInputs::default()
        });
        assert_eq!(
            named.active(),
            Some(3_000_000_000),
            "the publisher's A3B wins"
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    const B: u64 = 1_000_000_000;
    const M: u64 = 1_000_000;

    fn summary(parameters: &[(&str, u64)], total: Option<u64>) -> Safetensors {
        Safetensors {
            parameters: parameters
                .iter()
                .map(|(dtype, count)| (dtype.to_string(), *count))
                .collect::<BTreeMap<_, _>>(),
            total,
        }
    }

    fn method(name: &str, bits: Option<u64>) -> QuantizationConfig {
        QuantizationConfig {
            quant_method: Some(name.to_string()),
            bits,
            ..QuantizationConfig::default()
        }
    }

    fn from_name(id: &str) -> ParamCount {
        resolve(&ParamInputs {
            id,
            ..ParamInputs::default()
        })
    }

    #[test]
    fn declared_total_loses_to_sum() {
        let st = summary(&[("BF16", 7_615_616_512)], Some(333_312));
        let count = resolve(&ParamInputs {
            id: "ZonglinY/MOOSE-Star-R1D-7B",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(7_615_616_512));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(!count.approximate);
    }

    #[test]
    fn i64_buffers_excluded() {
        let st = summary(&[("I64", 512), ("F32", 11_683_584)], Some(11_684_096));
        let count = resolve(&ParamInputs {
            id: "sentence-transformers/paraphrase-albert-small-v2",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(11_683_584));
        assert_eq!(count.source, ParamSource::Safetensors);
    }

    #[test]
    fn recorded_bert_summary() {
        let st = summary(&[("F32", 110_106_428)], Some(110_106_428));
        let count = resolve(&ParamInputs {
            id: "google-bert/bert-base-uncased",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(110_106_428));
        assert_eq!(count.source, ParamSource::Safetensors);
    }

    #[test]
    fn redhat_w4a16_unpacks_i32() {
        // Llama 3.1 8B: 6,979,321,856 linear weights packed 8 to an I32 (872,415,232 elements);
        // embeddings, lm_head, norms and group-128 scales in BF16; `weight_shape` in I64.
        let st = summary(
            &[("BF16", 1_105_465_344), ("I32", 872_415_232), ("I64", 448)],
            Some(1_977_881_024),
        );
        let quantization = method("compressed-tensors", None);
        let count = resolve(&ParamInputs {
            id: "RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w4a16",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(8_084_787_200));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn kimi_packed_without_bits_assumes_four() {
        // 170B elements as the Hub counts them; about 1.06T parameters once the I32 experts are
        // unpacked. Neither the config subset nor the name states the width.
        let st = summary(
            &[("BF16", 43_000_000_000), ("I32", 127_000_000_000)],
            Some(170_000_000_000),
        );
        let quantization = method("compressed-tensors", None);
        let count = resolve(&ParamInputs {
            id: "moonshotai/Kimi-K2.5",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(1_059_000_000_000));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn telperion_gptq_checked_against_name() {
        // `total` 7.84B; 4-bit GPTQ weights in I32.
        let st = summary(
            &[("F16", 4_650_000_000), ("I32", 3_190_000_000)],
            Some(7_840_000_000),
        );
        let quantization = method("gptq", Some(4));
        let count = resolve(&ParamInputs {
            id: "TelperionAI/Qwen3.8-27B-INT4-AWQ-GPTQ",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(30_170_000_000));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn mlx_u32_bits_from_name() {
        // BF16 includes the per-group scales and biases, so the estimate runs about 3% above
        // the model's 314.6B.
        let st = summary(
            &[("BF16", 9_964_787_842), ("U32", 78_613_118_976)],
            Some(88_577_906_818),
        );
        let count = resolve(&ParamInputs {
            id: "avlp12/Motif-3-Alis-MLX-8bit",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(324_417_263_746));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn bnb_four_bit_in_u8() {
        let st = summary(&[("U8", 3_500_000_000), ("BF16", 1_050_000_000)], None);
        let quantization = QuantizationConfig {
            quant_method: Some("bitsandbytes".to_string()),
            load_in_4bit: Some(true),
            ..QuantizationConfig::default()
        };
        let count = resolve(&ParamInputs {
            id: "org/llama-3-8b-bnb",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(8_050_000_000));
        assert!(count.approximate);
    }

    #[test]
    fn int8_in_i8_counts_once() {
        let st = summary(&[("I8", 7_000_000_000), ("BF16", 1_000_000_000)], None);
        let quantization = method("bitsandbytes", Some(8));
        let count = resolve(&ParamInputs {
            id: "org/model-8b",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(8 * B));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn fp8_checkpoint_is_not_packed() {
        let st = summary(
            &[
                ("BF16", 3_900_000_000),
                ("F8_E4M3", 667_000_000_000),
                ("F32", 41_000_000),
            ],
            None,
        );
        let quantization = method("fp8", None);
        let count = resolve(&ParamInputs {
            id: "deepseek-ai/DeepSeek-V3",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(670_941_000_000));
        assert!(!count.approximate);
    }

    #[test]
    fn packed_unknown_bits_falls_back_to_name() {
        let st = summary(&[("U8", 3_000_000_000), ("BF16", 500_000_000)], None);
        let count = resolve(&ParamInputs {
            id: "org/Model-7B-quantized",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(7 * B));
        assert_eq!(count.source, ParamSource::Name);
        assert!(count.approximate);
    }

    #[test]
    fn packed_unknown_bits_below_reference() {
        let st = summary(&[("I32", 1_000_000_000)], None);
        let count = resolve(&ParamInputs {
            id: "org/model-quantized",
            safetensors: Some(&st),
            reference_total: Some(8_030_261_248),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(8_030_261_248));
        assert_eq!(count.source, ParamSource::Reference);
        assert!(!count.approximate);
    }

    #[test]
    fn packed_already_unpacked_keeps_raw() {
        // The Hub counted these U32 tensors unpacked; multiplying by 4 would give 1.2T.
        let st = summary(&[("BF16", 9 * B), ("U32", 300 * B)], None);
        let count = resolve(&ParamInputs {
            id: "org/Model-300B-MLX-8bit",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(309 * B));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(count.approximate);
    }

    #[test]
    fn packed_far_from_name_uses_name() {
        // Corrected 8.1B and raw 0.6B are both more than 2x from the name's 70B.
        let st = summary(&[("BF16", 100 * M), ("I32", 500 * M)], None);
        let quantization = method("gptq", Some(2));
        let count = resolve(&ParamInputs {
            id: "org/Model-70B-GPTQ",
            safetensors: Some(&st),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(70 * B));
        assert_eq!(count.source, ParamSource::Name);
        assert!(count.approximate);
    }

    #[test]
    fn packed_far_from_name_prefers_gguf() {
        let st = summary(&[("BF16", 100 * M), ("I32", 500 * M)], None);
        let quantization = method("gptq", Some(2));
        let count = resolve(&ParamInputs {
            id: "org/Model-70B-GPTQ",
            safetensors: Some(&st),
            gguf_total: Some(70_553_706_496),
            quantization: Some(&quantization),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(70_553_706_496));
        assert_eq!(count.source, ParamSource::Gguf);
    }

    #[test]
    fn agreement_is_within_factor_two() {
        assert!(agrees_with_name(14 * B, 7 * B));
        assert!(agrees_with_name(7 * B, 14 * B));
        assert!(!agrees_with_name(14 * B + 1, 7 * B));
        assert!(!agrees_with_name(7 * B, 14 * B + 1));
    }

    #[test]
    fn no_safetensors_falls_back_to_name() {
        let count = from_name("facebook/opt-125m");
        assert_eq!(count.total(), Some(125 * M));
        assert_eq!(count.source, ParamSource::Name);
        assert!(!count.approximate);
    }

    #[test]
    fn gguf_only_repo() {
        let count = resolve(&ParamInputs {
            id: "unsloth/DeepSeek-R1-0528-GGUF",
            gguf_total: Some(671_026_419_200),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(671_026_419_200));
        assert_eq!(count.source, ParamSource::Gguf);
        assert!(!count.approximate);
    }

    #[test]
    fn gguf_used_when_safetensors_only_i64() {
        let st = summary(&[("I64", 512)], Some(512));
        let count = resolve(&ParamInputs {
            id: "org/model-GGUF",
            safetensors: Some(&st),
            gguf_total: Some(7_241_732_096),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(7_241_732_096));
        assert_eq!(count.source, ParamSource::Gguf);
    }

    #[test]
    fn safetensors_beats_gguf() {
        let st = summary(&[("BF16", 7_241_732_096)], None);
        let count = resolve(&ParamInputs {
            id: "org/model",
            safetensors: Some(&st),
            gguf_total: Some(7 * B),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(7_241_732_096));
        assert_eq!(count.source, ParamSource::Safetensors);
    }

    #[test]
    fn gguf_beats_reference() {
        let count = resolve(&ParamInputs {
            id: "org/model",
            gguf_total: Some(7_241_732_096),
            reference_total: Some(7 * B),
            ..ParamInputs::default()
        });
        assert_eq!(count.source, ParamSource::Gguf);
    }

    #[test]
    fn reference_beats_name() {
        let count = resolve(&ParamInputs {
            id: "Qwen/Qwen2.5-1.5B",
            reference_total: Some(1_543_714_304),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(1_543_714_304));
        assert_eq!(count.source, ParamSource::Reference);
    }

    #[test]
    fn zero_totals_are_absent() {
        let st = summary(&[("BF16", 0)], Some(0));
        let count = resolve(&ParamInputs {
            id: "org/model-7b",
            safetensors: Some(&st),
            gguf_total: Some(0),
            reference_total: Some(0),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(7 * B));
        assert_eq!(count.source, ParamSource::Name);
    }

    #[test]
    fn unknown_stays_unknown() {
        assert_eq!(from_name("colbert-ir/colbertv2.0"), ParamCount::UNKNOWN);
    }

    #[test]
    fn zero_everywhere_is_unknown() {
        let st = summary(&[("BF16", 0)], Some(0));
        let count = resolve(&ParamInputs {
            id: "org/model",
            safetensors: Some(&st),
            gguf_total: Some(0),
            reference_total: Some(0),
            ..ParamInputs::default()
        });
        assert_eq!(count, ParamCount::UNKNOWN);
    }

    #[test]
    fn name_decimal_after_version() {
        let count = from_name("Qwen/Qwen2.5-1.5B");
        assert_eq!(count.total(), Some(1_500_000_000));
        assert_eq!(count.source, ParamSource::Name);
    }

    #[test]
    fn name_lowercase_b() {
        assert_eq!(from_name("google/gemma-2-2b-it").total(), Some(2 * B));
    }

    #[test]
    fn name_lowercase_m() {
        assert_eq!(from_name("google/gemma-3-270m").total(), Some(270 * M));
    }

    #[test]
    fn mixtral_api_total_beats_name() {
        let st = summary(&[("BF16", 46_702_792_704)], Some(46_702_792_704));
        let count = resolve(&ParamInputs {
            id: "mistralai/Mixtral-8x7B-v0.1",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(46_702_792_704));
        assert_eq!(count.source, ParamSource::Safetensors);
        assert!(!count.approximate);
    }

    #[test]
    fn mixtral_name_is_upper_bound() {
        let count = from_name("mistralai/Mixtral-8x7B-v0.1");
        assert_eq!(count.total(), Some(56 * B));
        assert_eq!(count.source, ParamSource::Name);
        assert!(count.approximate);
    }

    #[test]
    fn qwen_moe_active_from_name() {
        let count = from_name("Qwen/Qwen3-30B-A3B");
        assert_eq!(count.total(), Some(30 * B));
        assert_eq!(count.active(), Some(3 * B));
    }

    #[test]
    fn active_kept_with_safetensors_total() {
        let st = summary(&[("BF16", 30_532_122_624)], None);
        let count = resolve(&ParamInputs {
            id: "Qwen/Qwen3-30B-A3B",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(30_532_122_624));
        assert_eq!(count.active(), Some(3 * B));
        assert_eq!(count.source, ParamSource::Safetensors);
    }

    #[test]
    fn maverick_size_is_active_only() {
        let count = from_name("meta-llama/Llama-4-Maverick-17B-128E");
        assert_eq!(count.total(), None);
        assert_eq!(count.active(), Some(17 * B));
        assert_eq!(count.source, ParamSource::Unknown);
    }

    #[test]
    fn active_above_total_dropped() {
        let st = summary(&[("BF16", 2 * B)], None);
        let count = resolve(&ParamInputs {
            id: "org/Model-A3B",
            safetensors: Some(&st),
            ..ParamInputs::default()
        });
        assert_eq!(count.total(), Some(2 * B));
        assert_eq!(count.active(), None);
    }

    #[test]
    fn gemma_3n_effective_is_not_total() {
        assert_eq!(from_name("google/gemma-3n-E4B"), ParamCount::UNKNOWN);
    }

    #[test]
    fn hex_digest_gives_unknown() {
        let id = "org/sha256-6a0746a1ec1aef3e7ec53868f220ff6e389f15b8ef87a01d77c96807de94ca2a";
        assert_eq!(from_name(id), ParamCount::UNKNOWN);
    }

    fn any_summary() -> impl Strategy<Value = Safetensors> {
        let dtype = prop::sample::select(vec![
            "BF16", "F32", "F8_E4M3", "I64", "I32", "U32", "U8", "I8",
        ]);
        (
            prop::collection::btree_map(dtype.prop_map(str::to_string), any::<u64>(), 0..4),
            prop::option::of(any::<u64>()),
        )
            .prop_map(|(parameters, total)| Safetensors { parameters, total })
    }

    fn any_quantization() -> impl Strategy<Value = QuantizationConfig> {
        (
            prop::option::of(0u64..40),
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(bits, load_in_4bit, load_in_8bit)| QuantizationConfig {
                quant_method: None,
                bits,
                load_in_4bit,
                load_in_8bit,
            })
    }

    proptest! {
        #[test]
        fn total_absent_exactly_when_unknown(
            id in "[-a-zA-Z0-9_./]{0,24}",
            st in prop::option::of(any_summary()),
            quantization in prop::option::of(any_quantization()),
            gguf_total in prop::option::of(0u64..3),
            reference_total in prop::option::of(0u64..3),
            leaderboard_total in prop::option::of(0u64..3),
        ) {
            let count = resolve(&ParamInputs {
                id: &id,
                safetensors: st.as_ref(),
                gguf_total,
                quantization: quantization.as_ref(),
                reference_total,
                moe: None,
                leaderboard_total,
            });
            prop_assert_eq!(count.total().is_none(), count.source == ParamSource::Unknown);
            prop_assert_ne!(count.total(), Some(0));
            prop_assert_ne!(count.active(), Some(0));
        }
    }
}
