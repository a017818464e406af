//! Fuzzy matching of model ids, shared by the Search pane, the A/B pane and `slmscope models
//! --query`. The panes only need to know which ids match, so they scan an [`IdTable`] with a
//! [`Query`], which finds the same ids as [`query_score`] without computing scores.

mod ids;
mod query;
mod scan;

pub use ids::IdTable;
pub use query::{Query, narrows};
pub use scan::{CANCEL_CHECK_INTERVAL, Matches, search};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Model;
use crate::sanitize::clean;

/// Builds the case-insensitive matcher that the Search pane and `slmscope models --query` share.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Scores `id` against `query`: every whitespace-separated term must fuzzy-match the id, and
/// the score is the sum of the terms' scores. Returns `None` when a term does not match. The
/// caller passes the id as displayed, already cleaned of control sequences.
pub fn query_score(matcher: &SkimMatcherV2, id: &str, query: &str) -> Option<i64> {
    query
        .split_whitespace()
        .map(|term| matcher.fuzzy_match(id, term))
        .sum()
}

/// Indices of the models whose id matches `query` (see [`query_score`]), best match first and
/// then by id. An empty or blank query matches every model, in the given order.
pub fn fuzzy_matches(models: &[Model], query: &str) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return (0..models.len()).collect();
    }
    let matcher = matcher();
    let mut scored: Vec<(i64, usize)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| {
            query_score(&matcher, &clean(&model.id), query).map(|score| (score, index))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| models[a.1].id.cmp(&models[b.1].id))
    });
    scored.into_iter().map(|(_, index)| index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(id: &str) -> Model {
        Model::minimal(id, None)
    }

    #[test]
    fn empty_query_keeps_all() {
        let models = vec![model("a/b"), model("c/d")];
        assert_eq!(fuzzy_matches(&models, "  "), vec![0, 1]);
    }

    #[test]
    fn matches_fuzzy_and_ranks_exact_first() {
        let models = vec![
            model("meta-llama/Llama-3.1-8B"),
            model("Qwen/Qwen2.5-7B"),
            model("lmsys/vicuna-7b"),
        ];
        let found = fuzzy_matches(&models, "qwen7b");
        assert_eq!(found, vec![1]);
        let found = fuzzy_matches(&models, "llama");
        assert_eq!(found.first(), Some(&0));
        assert!(fuzzy_matches(&models, "zzz").is_empty());
    }

    #[test]
    fn every_term_must_match() {
        let models = vec![
            model("Qwen/Qwen2.5-7B"),
            model("Qwen/Qwen2.5-72B"),
            model("meta/Llama-7B"),
        ];
        assert_eq!(fuzzy_matches(&models, "qwen 7b").len(), 2);
        assert_eq!(fuzzy_matches(&models, "qwen llama"), Vec::<usize>::new());
        assert_eq!(fuzzy_matches(&models, "llama 7b"), vec![2]);
    }
}
