//! The `trends` section of `slmscope report`: the trends of every model at each threshold.

use serde::Serialize;

use super::{DataTime, MonthlySplits, SyncPoint, Usage, downloads_per_sync, monthly_splits, usage};
use crate::analysis::index::Index;
use crate::analysis::threshold::format_params;
use crate::model::{Provenance, SyncHistory};

/// Syncs needed before downloads over time are reported.
pub const MIN_SYNCS: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendsReport {
    /// The time the data describes, from which ages are counted; `None` when no import, sync
    /// or creation date gives one.
    pub now: Option<DataTime>,
    /// Syncs that recorded downloads. Downloads over time are reported from [`MIN_SYNCS`] on.
    pub syncs: u64,
    pub thresholds: Vec<TrendsAt>,
}

/// The trends of every model at one threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendsAt {
    pub threshold: u64,
    pub label: String,
    #[serde(flatten)]
    pub monthly: MonthlySplits,
    pub usage: Usage,
    /// `None` when fewer than [`MIN_SYNCS`] syncs recorded downloads.
    pub downloads_per_sync: Option<Vec<SyncPoint>>,
}

impl TrendsReport {
    /// Computes the trends of every model of `index` at each threshold, in the given order.
    pub fn build(
        index: &Index,
        thresholds: &[u64],
        provenance: &Provenance,
        history: &[SyncHistory],
    ) -> TrendsReport {
        let now = DataTime::of(provenance, index.models());
        let thresholds = thresholds
            .iter()
            .map(|&threshold| {
                let monthly = monthly_splits(index, threshold, None);
                let usage = usage(index, threshold, &monthly, now.as_ref());
                TrendsAt {
                    threshold,
                    label: format_params(threshold),
                    monthly,
                    usage,
                    downloads_per_sync: (history.len() >= MIN_SYNCS)
                        .then(|| downloads_per_sync(index, threshold, None, history)),
                }
            })
            .collect();
        TrendsReport {
            now,
            syncs: history.len() as u64,
            thresholds,
        }
    }
}
