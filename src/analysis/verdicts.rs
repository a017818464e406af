//! Benchmark verdicts: whether an SLM can match an LLM on one benchmark at a threshold. Every
//! function reads the results of a single benchmark, where a higher score is better.
//!
//! Rules shared by every function:
//! - A model is an LLM when `params_total >= threshold` and an SLM below it. A model of unknown
//!   size is in no class and in no size-based verdict, but its score still counts for the best
//!   overall score.
//! - A NaN or infinite score is skipped by every verdict, and [`Verdicts::skipped_scores`]
//!   counts them. An infinite score would make every gap infinite or NaN.
//! - Ties between equal scores go to the smaller model, then to the model name in byte order.
//!   Input order decides only among entries with the same name, size and score.

use std::cmp::Ordering;

use serde::Serialize;

use crate::model::BenchmarkResult;

/// One model's result on the benchmark under study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub model: String,
    /// Total parameters; `None` when unknown.
    pub params_total: Option<u64>,
    /// Parameters used per token, for mixture-of-experts models when it is known.
    pub params_active: Option<u64>,
    /// The benchmark's score; higher is better.
    pub score: f64,
}

impl Entry {
    /// Returns the entry's score per billion total parameters; see [`score_per_billion`].
    pub fn score_per_billion(&self) -> Option<f64> {
        score_per_billion(self.score, self.params_total)
    }
}

/// Returns `score / (params_total / 1e9)`, from the total, not the active, parameter count.
/// Returns `None` for an unknown or zero size, whose ratio is undefined, and for a NaN or
/// infinite score.
pub fn score_per_billion(score: f64, params_total: Option<u64>) -> Option<f64> {
    let total = params_total.filter(|&total| total > 0)?;
    score.is_finite().then(|| score / (total as f64 / 1e9))
}

impl From<&BenchmarkResult> for Entry {
    fn from(result: &BenchmarkResult) -> Entry {
        Entry {
            model: result.model.clone(),
            params_total: result.size(),
            params_active: result.active(),
            score: result.score,
        }
    }
}

/// How many LLMs the best SLM beats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Beats {
    /// LLMs whose score is strictly lower than the best SLM's; an equal score is not beaten.
    pub beaten: usize,
    /// LLMs with a finite score.
    pub llms: usize,
}

/// The smallest model within a margin of the best overall score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithinMargin {
    pub entry: Entry,
    /// The best finite score of the benchmark, over models of known and unknown size.
    pub best_score: f64,
    /// Points below the best score that still count as within the margin (inclusive).
    pub margin: f64,
}

/// One row of the ranking by score per billion parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerBillion {
    #[serde(flatten)]
    pub entry: Entry,
    /// `score / (params_total / 1e9)`, from the total, not the active, parameter count.
    pub score_per_billion: f64,
}

/// Every verdict on one benchmark at one threshold and one margin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdicts {
    pub threshold: u64,
    pub margin: f64,
    /// Entries with a finite score.
    pub scored: usize,
    /// Entries whose score is NaN or infinite, left out of every verdict.
    pub skipped_scores: usize,
    /// Entries with a finite score and an unknown size.
    pub unknown_size: usize,
    pub slms: usize,
    pub llms: usize,
    pub best_slm: Option<Entry>,
    pub best_llm: Option<Entry>,
    /// Best SLM score minus best LLM score; `None` when either class is empty.
    pub gap: Option<f64>,
    /// `None` when there is no SLM.
    pub beats: Option<Beats>,
    pub smallest_within_margin: Option<WithinMargin>,
    pub per_billion: Vec<PerBillion>,
    pub frontier: Vec<Entry>,
}

/// Computes every verdict on the results of one benchmark.
pub fn verdicts(entries: &[Entry], threshold: u64, margin: f64) -> Verdicts {
    let scored: Vec<&Entry> = scored(entries).collect();
    let unknown_size = scored
        .iter()
        .filter(|entry| entry.params_total.is_none())
        .count();
    let mut computed = Verdicts {
        threshold,
        margin,
        scored: scored.len(),
        skipped_scores: entries.len() - scored.len(),
        unknown_size,
        slms: 0,
        llms: 0,
        gap: None,
        best_slm: None,
        best_llm: None,
        beats: None,
        smallest_within_margin: smallest_within_margin(entries, margin),
        per_billion: per_billion(entries),
        frontier: frontier(entries).into_iter().cloned().collect(),
    };
    computed.set_threshold(entries, threshold);
    computed
}

impl Verdicts {
    /// Recomputes the verdicts that depend on the threshold (the classes, the best SLM and LLM,
    /// the gap and the LLMs beaten) for the same `entries`, and keeps the others. This is what a
    /// threshold move costs: a few passes over the entries, with no sort.
    pub fn set_threshold(&mut self, entries: &[Entry], threshold: u64) {
        let slms = scored(entries)
            .filter(|entry| is_slm(entry, threshold))
            .count();
        let best_slm = best_slm(entries, threshold);
        let best_llm = best_llm(entries, threshold);
        self.threshold = threshold;
        self.slms = slms;
        self.llms = self.scored - self.unknown_size - slms;
        self.gap = gap(best_slm, best_llm);
        self.best_slm = best_slm.cloned();
        self.best_llm = best_llm.cloned();
        self.beats = beats(entries, threshold);
    }
}

/// Returns the SLM with the best score, or `None` when there is no SLM.
pub fn best_slm(entries: &[Entry], threshold: u64) -> Option<&Entry> {
    best(scored(entries).filter(|entry| is_slm(entry, threshold)))
}

/// Returns the LLM with the best score, or `None` when there is no LLM.
pub fn best_llm(entries: &[Entry], threshold: u64) -> Option<&Entry> {
    best(scored(entries).filter(|entry| is_llm(entry, threshold)))
}

/// Returns the best SLM score minus the best LLM score: positive when the SLM leads.
pub fn gap(best_slm: Option<&Entry>, best_llm: Option<&Entry>) -> Option<f64> {
    let difference = best_slm?.score - best_llm?.score;
    // Rounded to a millionth of a point, so 92.0 - 92.7 is -0.7 rather than -0.7000000000000028
    // in JSON and CSV. Published scores carry far fewer decimals.
    Some((difference * 1e6).round() / 1e6)
}

/// Counts the LLMs whose score is strictly below the best SLM's. Returns `None` when there is no
/// SLM.
pub fn beats(entries: &[Entry], threshold: u64) -> Option<Beats> {
    let best_slm = best_slm(entries, threshold)?;
    let mut result = Beats { beaten: 0, llms: 0 };
    for llm in scored(entries).filter(|entry| is_llm(entry, threshold)) {
        result.llms += 1;
        if llm.score < best_slm.score {
            result.beaten += 1;
        }
    }
    Some(result)
}

/// Finds the smallest model of known size whose score is at least the best overall score minus
/// `margin`.
///
/// The best overall score includes models of unknown size. Among models of the same size the
/// higher score wins. Returns `None` when no model of known size is within the margin, which is
/// always the case for a negative or NaN margin.
pub fn smallest_within_margin(entries: &[Entry], margin: f64) -> Option<WithinMargin> {
    let best_score = scored(entries).map(|entry| entry.score).reduce(f64::max)?;
    let floor = best_score - margin;
    let smallest = scored(entries)
        .filter(|entry| entry.params_total.is_some() && entry.score >= floor)
        .min_by(|a, b| by_size_then_score(a, b))?;
    Some(WithinMargin {
        entry: smallest.clone(),
        best_score,
        margin,
    })
}

/// Ranks models of known size by score per billion total parameters, largest first.
///
/// A size of 0 is left out because its ratio is undefined. Equal ratios go to the smaller
/// model, then to the model name.
pub fn per_billion(entries: &[Entry]) -> Vec<PerBillion> {
    let mut ranking: Vec<PerBillion> = scored(entries)
        .filter_map(|entry| {
            Some(PerBillion {
                score_per_billion: entry.score_per_billion()?,
                entry: entry.clone(),
            })
        })
        .collect();
    ranking.sort_by(|a, b| {
        compare_scores(b.score_per_billion, a.score_per_billion)
            .then_with(|| a.entry.params_total.cmp(&b.entry.params_total))
            .then_with(|| a.entry.model.cmp(&b.entry.model))
    });
    ranking
}

/// Returns the Pareto frontier of size against score: the best score at or below each size.
///
/// Models of known size are walked by ascending size, and a model is kept when its score is
/// strictly higher than that of every smaller model. Sizes and scores therefore both strictly
/// increase along the frontier. Tie rules:
/// - Among models of equal size, only the best score can be kept, and among equal scores of
///   that size the first model name in byte order, then the first in input order.
/// - A larger model with the same score as a smaller one is not kept, because it does not
///   improve on it.
///
/// Every model of known size then has a frontier model of smaller or equal size with a higher or
/// equal score.
pub fn frontier(entries: &[Entry]) -> Vec<&Entry> {
    let mut sized: Vec<&Entry> = scored(entries)
        .filter(|entry| entry.params_total.is_some())
        .collect();
    // A stable sort keeps input order among entries equal in size, score and name.
    sized.sort_by(|a, b| {
        a.params_total
            .cmp(&b.params_total)
            .then_with(|| compare_scores(b.score, a.score))
            .then_with(|| a.model.cmp(&b.model))
    });

    let mut on_frontier: Vec<&Entry> = Vec::new();
    for entry in sized {
        let beats_smaller = on_frontier
            .last()
            .is_none_or(|last| entry.score > last.score);
        if beats_smaller {
            on_frontier.push(entry);
        }
    }
    on_frontier
}

fn scored(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(|entry| entry.score.is_finite())
}

fn is_slm(entry: &Entry, threshold: u64) -> bool {
    entry.params_total.is_some_and(|total| total < threshold)
}

fn is_llm(entry: &Entry, threshold: u64) -> bool {
    entry.params_total.is_some_and(|total| total >= threshold)
}

/// Picks the highest score; ties go to the smaller size (unknown last), then to the name.
fn best<'a>(entries: impl Iterator<Item = &'a Entry>) -> Option<&'a Entry> {
    entries.min_by(|a, b| {
        compare_scores(b.score, a.score)
            .then_with(|| size_key(a).cmp(&size_key(b)))
            .then_with(|| a.model.cmp(&b.model))
    })
}

/// Orders by ascending size, then descending score, then name.
fn by_size_then_score(a: &Entry, b: &Entry) -> Ordering {
    size_key(a)
        .cmp(&size_key(b))
        .then_with(|| compare_scores(b.score, a.score))
        .then_with(|| a.model.cmp(&b.model))
}

/// Compares two scores that are not NaN, so `0.0` and `-0.0` are equal, unlike with
/// `f64::total_cmp`.
fn compare_scores(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// Sorts unknown sizes after every known one.
fn size_key(entry: &Entry) -> (bool, Option<u64>) {
    (entry.params_total.is_none(), entry.params_total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const B: u64 = 1_000_000_000;
    const SEVEN_B: u64 = 7 * B;

    fn entry(model: &str, params_total: Option<u64>, score: f64) -> Entry {
        Entry {
            model: model.to_string(),
            params_total,
            params_active: None,
            score,
        }
    }

    fn names(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(|entry| entry.model.clone()).collect()
    }

    /// Two SLMs, three LLMs (one exactly at 7B), one model of unknown size with the best score
    /// and one NaN score.
    fn fixture() -> Vec<Entry> {
        vec![
            entry("tiny", Some(B / 2), 40.0),
            entry("small", Some(3 * B), 62.0),
            entry("mid", Some(SEVEN_B), 60.0),
            entry("big", Some(70 * B), 75.0),
            entry("huge", Some(400 * B), 61.0),
            entry("mystery", None, 80.0),
            entry("broken", Some(B), f64::NAN),
        ]
    }

    #[test]
    fn fixture_counts() {
        let verdicts = verdicts(&fixture(), SEVEN_B, 6.0);
        assert_eq!(verdicts.scored, 6, "every entry but the NaN one");
        assert_eq!(verdicts.skipped_scores, 1, "the NaN score of broken");
        assert_eq!(verdicts.unknown_size, 1, "mystery");
        assert_eq!(verdicts.slms, 2, "tiny and small");
        assert_eq!(verdicts.llms, 3, "mid (exactly 7B), big and huge");
    }

    #[test]
    fn fixture_best_and_gap() {
        let verdicts = verdicts(&fixture(), SEVEN_B, 6.0);
        assert_eq!(verdicts.best_slm.unwrap().model, "small");
        assert_eq!(verdicts.best_llm.unwrap().model, "big");
        // small 62 minus big 75.
        assert_eq!(verdicts.gap, Some(-13.0));
    }

    #[test]
    fn fixture_beats() {
        // small (62) beats mid (60) and huge (61), not big (75).
        let expected = Beats { beaten: 2, llms: 3 };
        assert_eq!(beats(&fixture(), SEVEN_B), Some(expected));
    }

    #[test]
    fn fixture_smallest_within_margin() {
        let entries = fixture();

        // The best score is mystery's 80 although its size is unknown, so the floor is 74:
        // only big (75) of known size reaches it.
        let within = smallest_within_margin(&entries, 6.0).unwrap();
        assert_eq!(within.entry.model, "big");
        assert_eq!(within.best_score, 80.0);
        assert_eq!(within.margin, 6.0);

        // Floor 60: small (3B, 62), mid (7B, 60), big and huge reach it; small is the smallest.
        let within = smallest_within_margin(&entries, 20.0).unwrap();
        assert_eq!(within.entry.model, "small");

        // The floor is inclusive: with a margin of 18 the floor is 62, exactly small's score.
        let within = smallest_within_margin(&entries, 18.0).unwrap();
        assert_eq!(within.entry.model, "small");

        // Floor 80: only mystery reaches it, and its size is unknown.
        assert_eq!(smallest_within_margin(&entries, 0.0), None);
    }

    #[test]
    fn fixture_per_billion() {
        let ranking = per_billion(&fixture());
        let rows: Vec<(&str, f64)> = ranking
            .iter()
            .map(|row| (row.entry.model.as_str(), row.score_per_billion))
            .collect();
        // 40/0.5, 62/3, 60/7, 75/70, 61/400; mystery has no size and broken no score.
        let expected = [
            ("tiny", 80.0),
            ("small", 62.0 / 3.0),
            ("mid", 60.0 / 7.0),
            ("big", 75.0 / 70.0),
            ("huge", 61.0 / 400.0),
        ];
        assert_eq!(rows, expected);
    }

    #[test]
    fn fixture_frontier() {
        // By size: tiny 40 (kept), small 62 (kept), mid 60 and huge 61 (below 62), big 75
        // (kept). broken has no score and mystery no size.
        assert_eq!(names(&frontier(&fixture())), ["tiny", "small", "big"]);
    }

    #[test]
    fn verdicts_gathers_the_individual_functions() {
        let entries = fixture();
        let verdicts = verdicts(&entries, SEVEN_B, 6.0);
        assert_eq!(verdicts.threshold, SEVEN_B);
        assert_eq!(verdicts.beats, beats(&entries, SEVEN_B));
        assert_eq!(
            verdicts.smallest_within_margin,
            smallest_within_margin(&entries, 6.0)
        );
        assert_eq!(verdicts.per_billion, per_billion(&entries));
        let frontier: Vec<Entry> = frontier(&entries).into_iter().cloned().collect();
        assert_eq!(verdicts.frontier, frontier);
    }

    #[test]
    fn threshold_at_a_size_makes_an_llm() {
        // At 3B, small (exactly 3B) is an LLM, so tiny is the only SLM.
        let entries = fixture();
        assert_eq!(best_slm(&entries, 3 * B).unwrap().model, "tiny");
        assert_eq!(best_llm(&entries, 3 * B).unwrap().model, "big");
        // tiny (40) beats none of small, mid, big, huge.
        let expected = Beats { beaten: 0, llms: 4 };
        assert_eq!(beats(&entries, 3 * B), Some(expected));
        // One parameter more and small is an SLM again.
        assert_eq!(best_slm(&entries, 3 * B + 1).unwrap().model, "small");
    }

    #[test]
    fn empty_input() {
        let verdicts = verdicts(&[], SEVEN_B, 1.0);
        assert_eq!(verdicts.scored, 0);
        assert_eq!(verdicts.skipped_scores, 0);
        assert_eq!(verdicts.best_slm, None);
        assert_eq!(verdicts.best_llm, None);
        assert_eq!(verdicts.gap, None);
        assert_eq!(verdicts.beats, None);
        assert_eq!(verdicts.smallest_within_margin, None);
        assert!(verdicts.per_billion.is_empty());
        assert!(verdicts.frontier.is_empty());
    }

    #[test]
    fn only_slms() {
        let entries = [entry("a", Some(B), 10.0), entry("b", Some(2 * B), 20.0)];
        let verdicts = verdicts(&entries, SEVEN_B, 1.0);
        assert_eq!(verdicts.best_slm.unwrap().model, "b");
        assert_eq!(verdicts.best_llm, None);
        assert_eq!(verdicts.gap, None);
        // The best SLM exists but has no LLM to beat.
        let expected = Beats { beaten: 0, llms: 0 };
        assert_eq!(verdicts.beats, Some(expected));
    }

    #[test]
    fn only_llms() {
        let entries = [entry("a", Some(8 * B), 10.0), entry("b", Some(9 * B), 20.0)];
        let verdicts = verdicts(&entries, SEVEN_B, 1.0);
        assert_eq!(verdicts.best_slm, None);
        assert_eq!(verdicts.best_llm.unwrap().model, "b");
        assert_eq!(verdicts.gap, None);
        assert_eq!(verdicts.beats, None, "no SLM, so nothing to count");
    }

    #[test]
    fn all_sizes_unknown() {
        let entries = [entry("a", None, 10.0), entry("b", None, 20.0)];
        let verdicts = verdicts(&entries, SEVEN_B, 100.0);
        assert_eq!(verdicts.scored, 2);
        assert_eq!(verdicts.unknown_size, 2);
        assert_eq!((verdicts.slms, verdicts.llms), (0, 0));
        assert_eq!(verdicts.best_slm, None);
        assert_eq!(verdicts.best_llm, None);
        assert_eq!(verdicts.smallest_within_margin, None);
        assert!(verdicts.per_billion.is_empty());
        assert!(verdicts.frontier.is_empty());
    }

    #[test]
    fn non_finite_scores_are_skipped() {
        let entries = [
            entry("nan", Some(B), f64::NAN),
            entry("inf", Some(2 * B), f64::INFINITY),
            entry("minus-inf", Some(8 * B), f64::NEG_INFINITY),
            entry("ok", Some(3 * B), 5.0),
        ];
        let verdicts = verdicts(&entries, SEVEN_B, 0.0);
        assert_eq!(verdicts.skipped_scores, 3);
        assert_eq!(verdicts.scored, 1);
        assert_eq!(verdicts.best_slm.unwrap().model, "ok", "inf is skipped");
        assert_eq!(verdicts.best_llm, None, "minus-inf is skipped");
        assert_eq!(verdicts.smallest_within_margin.unwrap().entry.model, "ok");
        assert_eq!(verdicts.per_billion.len(), 1);
        assert_eq!(verdicts.frontier.len(), 1);
    }

    #[test]
    fn best_tie_goes_to_smaller_then_name() {
        let entries = [
            entry("a-larger", Some(2 * B), 50.0),
            entry("z-smaller", Some(B), 50.0),
            entry("c-same", Some(B), 50.0),
        ];
        // Equal scores: the 1B models win over the 2B one, and c-same precedes z-smaller.
        assert_eq!(best_slm(&entries, SEVEN_B).unwrap().model, "c-same");
        let mut reversed = entries.to_vec();
        reversed.reverse();
        assert_eq!(best_slm(&reversed, SEVEN_B).unwrap().model, "c-same");
    }

    #[test]
    fn equal_score_is_not_beaten() {
        let entries = [
            entry("slm", Some(B), 50.0),
            entry("llm-equal", Some(8 * B), 50.0),
            entry("llm-lower", Some(9 * B), 49.5),
        ];
        let expected = Beats { beaten: 1, llms: 2 };
        assert_eq!(beats(&entries, SEVEN_B), Some(expected));
        assert_eq!(gap(Some(&entries[0]), Some(&entries[1])), Some(0.0));
    }

    #[test]
    fn frontier_ties() {
        let entries = [
            entry("a", Some(B), 30.0),
            entry("b", Some(B), 50.0),
            entry("c", Some(2 * B), 50.0),
            entry("e", Some(3 * B), 55.0),
            entry("d", Some(3 * B), 55.0),
            entry("f", Some(4 * B), 56.0),
        ];
        // 1B: b beats a. 2B: c only equals b. 3B: d and e tie, d comes first by name. 4B: f.
        assert_eq!(names(&frontier(&entries)), ["b", "d", "f"]);
    }

    #[test]
    fn smallest_within_margin_ties() {
        let entries = [
            entry("best", Some(9 * B), 75.0),
            entry("lower", Some(B), 70.0),
            entry("higher", Some(B), 72.0),
        ];
        // Floor 70: both 1B models qualify, and the higher score wins between equal sizes.
        let within = smallest_within_margin(&entries, 5.0).unwrap();
        assert_eq!(within.entry.model, "higher");
    }

    #[test]
    fn smallest_within_margin_rejects_bad_margins() {
        let entries = [entry("a", Some(B), 10.0)];
        assert_eq!(smallest_within_margin(&entries, -1.0), None);
        assert_eq!(smallest_within_margin(&entries, f64::NAN), None);
        assert!(smallest_within_margin(&entries, f64::INFINITY).is_some());
    }

    #[test]
    fn per_billion_ties_and_zero_size() {
        let entries = [
            entry("b", Some(2 * B), 20.0),
            entry("a", Some(B), 10.0),
            entry("zero", Some(0), 10.0),
        ];
        // Both are 10 points per billion; the 1B model comes first. A size of 0 has no ratio.
        let ranking = per_billion(&entries);
        let models: Vec<&str> = ranking.iter().map(|row| row.entry.model.as_str()).collect();
        assert_eq!(models, ["a", "b"]);
        assert_eq!(ranking[0].score_per_billion, 10.0);
        assert_eq!(ranking[1].score_per_billion, 10.0);
    }

    #[test]
    fn score_per_billion_of_one_entry() {
        assert_eq!(
            entry("a", Some(2 * B), 30.0).score_per_billion(),
            Some(15.0)
        );
        assert_eq!(
            entry("b", Some(B / 2), 30.0).score_per_billion(),
            Some(60.0)
        );
        assert_eq!(entry("unknown", None, 30.0).score_per_billion(), None);
        assert_eq!(entry("zero", Some(0), 30.0).score_per_billion(), None);
        assert_eq!(entry("nan", Some(B), f64::NAN).score_per_billion(), None);
        assert_eq!(
            entry("inf", Some(B), f64::INFINITY).score_per_billion(),
            None
        );
    }

    #[test]
    fn set_threshold_matches_a_full_computation() {
        let entries = vec![
            entry("a", Some(B), 40.0),
            entry("b", Some(3 * B), 55.0),
            entry("c", Some(8 * B), 60.0),
            entry("d", Some(70 * B), 80.0),
            entry("e", None, 90.0),
            entry("f", Some(14 * B), f64::NAN),
        ];
        for threshold in [B / 2, 2 * B, 7 * B, 14 * B, 100 * B] {
            let mut moved = verdicts(&entries, 7 * B, 5.0);
            moved.set_threshold(&entries, threshold);
            let fresh = verdicts(&entries, threshold, 5.0);
            assert_eq!(format!("{moved:?}"), format!("{fresh:?}"), "at {threshold}");
        }
    }

    #[test]
    fn entry_from_benchmark_result() {
        let result = BenchmarkResult {
            model: "Qwen3-30B-A3B".to_string(),
            hub_id: Some("Qwen/Qwen3-30B-A3B".to_string()),
            benchmark: "HumanEval".to_string(),
            domain: "code".to_string(),
            metric: "pass@1".to_string(),
            score: 71.5,
            params_total: Some(30 * B),
            params_active: Some(3 * B),
            date: Some("2025-04".to_string()),
            source: "https://example.org".to_string(),
            origin: crate::model::ResultOrigin::Reference,
            link: None,
            model_type: None,
            linked: None,
        };
        let expected = Entry {
            model: "Qwen3-30B-A3B".to_string(),
            params_total: Some(30 * B),
            params_active: Some(3 * B),
            score: 71.5,
        };
        assert_eq!(Entry::from(&result), expected);
    }

    #[test]
    fn verdicts_serialise_to_json() {
        let json = serde_json::to_value(verdicts(&fixture(), SEVEN_B, 6.0)).unwrap();
        assert_eq!(json["gap"], -13.0);
        assert_eq!(json["beats"]["beaten"], 2);
        assert_eq!(json["smallest_within_margin"]["entry"]["model"], "big");
        // The ranking rows flatten the entry beside its ratio.
        assert_eq!(json["per_billion"][0]["model"], "tiny");
        assert_eq!(json["per_billion"][0]["score_per_billion"], 80.0);
        assert_eq!(json["frontier"][2]["params_total"], 70 * B);
    }

    /// Few sizes, names and integer scores, so ties and equal sizes are frequent.
    fn entries_strategy() -> impl Strategy<Value = Vec<Entry>> {
        let size = prop_oneof![
            1 => Just(None),
            1 => Just(Some(0)),
            6 => (1..6u64).prop_map(|billions| Some(billions * B)),
        ];
        let score = prop_oneof![
            1 => Just(f64::NAN),
            8 => (0..8i32).prop_map(f64::from),
        ];
        let one = ("[abc]", size, score).prop_map(|(model, params_total, score)| Entry {
            model,
            params_total,
            params_active: None,
            score,
        });
        prop::collection::vec(one, 0..12)
    }

    fn threshold_strategy() -> impl Strategy<Value = u64> {
        (0..7u64).prop_map(|billions| billions * B)
    }

    proptest! {
        #[test]
        fn beats_matches_linear_count(
            entries in entries_strategy(),
            threshold in threshold_strategy(),
        ) {
            let slm_scores: Vec<f64> = entries
                .iter()
                .filter(|e| e.score.is_finite() && e.params_total.is_some_and(|t| t < threshold))
                .map(|e| e.score)
                .collect();
            let llm_scores: Vec<f64> = entries
                .iter()
                .filter(|e| e.score.is_finite() && e.params_total.is_some_and(|t| t >= threshold))
                .map(|e| e.score)
                .collect();
            let best = slm_scores.iter().copied().reduce(f64::max);

            let expected = best.map(|best| Beats {
                beaten: llm_scores.iter().filter(|&&score| score < best).count(),
                llms: llm_scores.len(),
            });
            prop_assert_eq!(beats(&entries, threshold), expected);
            prop_assert_eq!(best_slm(&entries, threshold).map(|e| e.score), best);
        }

        #[test]
        fn frontier_properties(entries in entries_strategy()) {
            let frontier = frontier(&entries);

            for pair in frontier.windows(2) {
                prop_assert!(pair[0].params_total < pair[1].params_total);
                prop_assert!(pair[0].score < pair[1].score);
            }
            for entry in entries.iter().filter(|e| e.score.is_finite()) {
                let Some(size) = entry.params_total else { continue };
                let dominated = frontier
                    .iter()
                    .any(|f| f.params_total.unwrap() <= size && f.score >= entry.score);
                prop_assert!(dominated, "{:?} has no frontier model at or below it", entry);
            }
        }

        #[test]
        fn frontier_matches_brute_force(entries in entries_strategy()) {
            // Entry i is kept when no smaller model reaches its score and no model of its size
            // comes before it (better score, then name, then input order).
            let sized: Vec<(usize, &Entry)> = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.score.is_finite() && e.params_total.is_some())
                .collect();
            let expected: Vec<usize> = sized
                .iter()
                .filter(|(i, e)| {
                    !sized.iter().any(|(j, other)| {
                        let smaller = other.params_total < e.params_total
                            && other.score >= e.score;
                        let before_same_size = other.params_total == e.params_total
                            && (other.score > e.score
                                || (other.score == e.score
                                    && (other.model < e.model
                                        || (other.model == e.model && j < i))));
                        smaller || before_same_size
                    })
                })
                .map(|(i, _)| *i)
                .collect();

            let mut kept: Vec<usize> = frontier(&entries)
                .into_iter()
                .map(|f| entries.iter().position(|e| std::ptr::eq(e, f)).unwrap())
                .collect();
            kept.sort_unstable();
            prop_assert_eq!(kept, expected);
        }

        #[test]
        fn smallest_within_margin_matches_brute_force(
            entries in entries_strategy(),
            margin in 0..4i32,
        ) {
            let margin = f64::from(margin);
            let finite: Vec<&Entry> = entries.iter().filter(|e| e.score.is_finite()).collect();
            let best = finite.iter().map(|e| e.score).reduce(f64::max);
            let qualifying: Vec<&Entry> = finite
                .iter()
                .copied()
                .filter(|e| e.params_total.is_some() && best.is_some_and(|b| e.score >= b - margin))
                .collect();
            let smallest = qualifying.iter().map(|e| e.params_total).min();

            let within = smallest_within_margin(&entries, margin);
            match smallest {
                None => prop_assert_eq!(within, None),
                Some(size) => {
                    let within = within.unwrap();
                    let top_at_size = qualifying
                        .iter()
                        .filter(|e| e.params_total == size)
                        .map(|e| e.score)
                        .reduce(f64::max);
                    prop_assert_eq!(within.entry.params_total, size);
                    prop_assert_eq!(Some(within.entry.score), top_at_size);
                    prop_assert_eq!(Some(within.best_score), best);
                }
            }
        }

        #[test]
        fn per_billion_is_sorted_and_complete(entries in entries_strategy()) {
            let ranking = per_billion(&entries);
            let expected_len = entries
                .iter()
                .filter(|e| e.score.is_finite() && e.params_total.is_some_and(|t| t > 0))
                .count();
            prop_assert_eq!(ranking.len(), expected_len);
            for pair in ranking.windows(2) {
                prop_assert!(pair[0].score_per_billion >= pair[1].score_per_billion);
            }
        }

        #[test]
        fn verdicts_ignore_input_order(
            entries in entries_strategy(),
            threshold in threshold_strategy(),
        ) {
            let mut reversed = entries.clone();
            reversed.reverse();
            let forward = serde_json::to_string(&verdicts(&entries, threshold, 2.0)).unwrap();
            let backward = serde_json::to_string(&verdicts(&reversed, threshold, 2.0)).unwrap();
            prop_assert_eq!(forward, backward);
        }
    }
}
