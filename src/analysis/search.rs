//! Fuzzy matching of model ids, shared by the Search pane and `slmscope models --query`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Model;

/// Indices of the models whose id fuzzy-matches `query`, best match first and then by id. An
/// empty or blank query matches every model, in the given order.
pub fn fuzzy_matches(models: &[Model], query: &str) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return (0..models.len()).collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize)> = models
        .iter()
        .enumerate()
        .filter_map(|(index, model)| {
            matcher
                .fuzzy_match(&model.id, query)
                .map(|score| (score, index))
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
    use crate::model::ParamCount;

    fn model(id: &str) -> Model {
        Model {
            id: id.to_string(),
            author: None,
            pipeline_tag: None,
            pipeline_tag_inferred: false,
            library_name: None,
            created_at: None,
            created_before_tracking: false,
            last_modified: None,
            downloads: None,
            downloads_all_time: None,
            likes: None,
            trending_score: None,
            gated: None,
            params: ParamCount::UNKNOWN,
            tags: Vec::new(),
        }
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
}
