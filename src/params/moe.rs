//! Active parameters of mixture-of-experts models, estimated from `config.json`.
//!
//! The Hub's API does not report active parameters, and the `config` it returns contains no
//! expert counts, so they come from the repository's `config.json`. Each MoE layer has `experts`
//! routed experts of three `hidden × moe_intermediate` projections (gate, up and down), and a
//! token uses `experts_per_token` of them, so the unused share is subtracted from the total:
//!
//! `active = total − moe_layers × 3 × hidden × moe_intermediate × (experts − experts_per_token)`
//!
//! This gives 12.9B for Mixtral-8x7B (46.7B total), 37.5B for DeepSeek-V3 (671B total, 37B
//! published) and 3.4B for Qwen3-30B-A3B (30.5B total, 3.3B published). Shared experts and
//! dense layers count as active.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The expert layout of a mixture-of-experts model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoeConfig {
    pub hidden_size: u64,
    /// Width of one routed expert's feed-forward projection.
    pub moe_intermediate_size: u64,
    /// Routed experts per MoE layer.
    pub experts: u64,
    /// Routed experts each token uses.
    pub experts_per_token: u64,
    /// Layers that hold routed experts.
    pub moe_layers: u64,
}

impl MoeConfig {
    /// Reads the layout from a `config.json`, covering the Mixtral (`num_local_experts`), Qwen
    /// MoE (`num_experts`, `moe_intermediate_size`) and DeepSeek (`n_routed_experts`,
    /// `first_k_dense_replace`) spellings. Returns `None` for a dense model or a config that
    /// lacks a field.
    pub fn from_config_json(config: &Value) -> Option<MoeConfig> {
        let field = |name: &str| config.get(name).and_then(Value::as_u64);
        let experts = field("num_local_experts")
            .or_else(|| field("n_routed_experts"))
            .or_else(|| field("num_experts"))?;
        let experts_per_token = field("num_experts_per_tok")?;
        let hidden_size = field("hidden_size")?;
        let moe_intermediate_size =
            field("moe_intermediate_size").or_else(|| field("intermediate_size"))?;
        let layers = field("num_hidden_layers")?;
        let dense_layers = field("first_k_dense_replace").unwrap_or(0);
        let layout = MoeConfig {
            hidden_size,
            moe_intermediate_size,
            experts,
            experts_per_token,
            moe_layers: layers.checked_sub(dense_layers)?,
        };
        let valid = experts > 1 && experts_per_token >= 1 && experts_per_token < experts;
        valid.then_some(layout)
    }

    /// Estimates the parameters a token uses out of `total`. Returns `None` when the layout does
    /// not fit in `total`, because the config and the count then describe different models.
    pub fn active_params(&self, total: u64) -> Option<u64> {
        let unused = u128::from(self.moe_layers)
            * 3
            * u128::from(self.hidden_size)
            * u128::from(self.moe_intermediate_size)
            * u128::from(self.experts - self.experts_per_token);
        let total = u128::from(total);
        (unused < total).then(|| (total - unused) as u64)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const B: f64 = 1e9;

    fn active_billions(config: Value, total: u64) -> f64 {
        let layout = MoeConfig::from_config_json(&config).expect("an MoE config");
        layout.active_params(total).expect("fits the total") as f64 / B
    }

    #[test]
    fn mixtral_8x7b() {
        let config = json!({"hidden_size": 4096, "intermediate_size": 14336,
            "num_hidden_layers": 32, "num_local_experts": 8, "num_experts_per_tok": 2});
        let active = active_billions(config, 46_702_792_704);
        assert!((active - 12.9).abs() < 0.05, "{active}");
    }

    #[test]
    fn deepseek_v3_dense_layers() {
        let config = json!({"hidden_size": 7168, "moe_intermediate_size": 2048,
            "intermediate_size": 18432, "num_hidden_layers": 61, "first_k_dense_replace": 3,
            "n_routed_experts": 256, "num_experts_per_tok": 8});
        let active = active_billions(config, 671_000_000_000);
        assert!((active - 37.5).abs() < 0.1, "{active}");
    }

    #[test]
    fn qwen3_30b_a3b() {
        let config = json!({"hidden_size": 2048, "moe_intermediate_size": 768,
            "intermediate_size": 6144, "num_hidden_layers": 48, "num_experts": 128,
            "num_experts_per_tok": 8});
        let active = active_billions(config, 30_532_122_624);
        assert!((active - 3.35).abs() < 0.05, "{active}");
    }

    #[test]
    fn dense_or_incomplete_configs_ignored() {
        let dense =
            json!({"hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32});
        assert_eq!(MoeConfig::from_config_json(&dense), None);
        let missing = json!({"num_local_experts": 8, "num_experts_per_tok": 2});
        assert_eq!(MoeConfig::from_config_json(&missing), None);
        let all_used = json!({"hidden_size": 8, "intermediate_size": 8, "num_hidden_layers": 1,
            "num_local_experts": 2, "num_experts_per_tok": 2});
        assert_eq!(MoeConfig::from_config_json(&all_used), None);
    }

    #[test]
    fn layout_larger_than_total_rejected() {
        let config = json!({"hidden_size": 4096, "intermediate_size": 14336,
            "num_hidden_layers": 32, "num_local_experts": 8, "num_experts_per_tok": 2});
        let layout = MoeConfig::from_config_json(&config).unwrap();
        assert_eq!(layout.active_params(7_000_000_000), None);
    }
}
