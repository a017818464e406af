//! The threshold sweep: the SLM share at every slider step, to see where moving the line
//! changes the picture most.

use serde::Serialize;

use super::index::Index;
use super::threshold::{STEPS, format_params};

/// The split at one slider step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepStep {
    pub threshold: u64,
    pub label: String,
    pub slm: u64,
    pub llm: u64,
    /// SLMs among models of known size; `None` when no size is known.
    pub slm_share_of_known: Option<f64>,
    /// SLM downloads among downloads of models of known size; `None` when those are 0.
    pub slm_download_share_of_known: Option<f64>,
}

/// Computes the split at every step of [`STEPS`], smallest first.
pub fn sweep(index: &Index) -> Vec<SweepStep> {
    STEPS
        .iter()
        .map(|&threshold| {
            let split = index.split(threshold);
            let known_downloads = split.slm.downloads + split.llm.downloads;
            SweepStep {
                threshold,
                label: format_params(threshold),
                slm: split.slm.count,
                llm: split.llm.count,
                slm_share_of_known: split.slm_share_of_known(),
                slm_download_share_of_known: (known_downloads > 0)
                    .then(|| split.slm.downloads as f64 / known_downloads as f64),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    fn model(total: Option<u64>, downloads: u64) -> Model {
        let mut model = Model::minimal(&format!("org/m-{total:?}-{downloads}"), total);
        model.set_downloads(Some(downloads));
        model
    }

    #[test]
    fn sweep_by_hand() {
        // 300M (10 downloads), 3B (30), 13B (60), unknown (1000).
        let index = Index::build(vec![
            model(Some(300_000_000), 10),
            model(Some(3_000_000_000), 30),
            model(Some(13_000_000_000), 60),
            model(None, 1000),
        ]);
        let steps = sweep(&index);
        assert_eq!(steps.len(), STEPS.len());

        let at = |label: &str| steps.iter().find(|step| step.label == label).unwrap();
        let first = at("100M");
        assert_eq!((first.slm, first.llm), (0, 3));
        assert_eq!(first.slm_share_of_known, Some(0.0));

        let seven = at("7B");
        assert_eq!((seven.slm, seven.llm), (2, 1));
        assert_eq!(seven.slm_share_of_known, Some(2.0 / 3.0));
        assert_eq!(seven.slm_download_share_of_known, Some(40.0 / 100.0));

        // 13B itself is an LLM; 14B puts it among the SLMs.
        assert_eq!(at("13B").slm, 2);
        assert_eq!(at("14B").slm, 3);
        assert_eq!(at("1T").slm_download_share_of_known, Some(1.0));
    }

    #[test]
    fn sweep_without_known_sizes() {
        let index = Index::build(vec![model(None, 5)]);
        let steps = sweep(&index);
        assert!(steps.iter().all(|step| step.slm_share_of_known.is_none()));
        assert!(
            steps
                .iter()
                .all(|step| step.slm_download_share_of_known.is_none())
        );
    }
}
