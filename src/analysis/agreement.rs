//! Agreement with publishers: how often the SLM/LLM class at a threshold matches the size word a
//! publisher gives its model (`small`, `mini`, `large`…), over the reference set.

use serde::Serialize;

use super::threshold::format_params;
use crate::model::ReferenceModel;

/// Size words that put a model on the small side.
pub const SMALL_WORDS: [&str; 9] = [
    "small",
    "mini",
    "tiny",
    "nano",
    "micro",
    "lite",
    "compact",
    "lightweight",
    "little",
];

/// Size words that put a model on the large side.
pub const LARGE_WORDS: [&str; 7] = ["large", "big", "xl", "xxl", "huge", "giant", "flagship"];

/// The highest threshold the best range reaches: 100T, the largest value a threshold can take.
pub const MAX_THRESHOLD: u64 = 100_000_000_000_000;

/// The side a size word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Small,
    Large,
}

/// Maps a size word to its side, ignoring case and surrounding spaces; `None` for words that
/// take no side (`base`, `medium`, …).
pub fn side_of(word: &str) -> Option<Side> {
    let word = word.trim().to_ascii_lowercase();
    if SMALL_WORDS.contains(&word.as_str()) {
        Some(Side::Small)
    } else if LARGE_WORDS.contains(&word.as_str()) {
        Some(Side::Large)
    } else {
        None
    }
}

/// Thresholds `from..=to`, in parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThresholdRange {
    pub from: u64,
    pub to: u64,
}

/// The agreement at one threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementAt {
    pub threshold: u64,
    pub label: String,
    /// Sided models whose class at `threshold` matches their word.
    pub agree: u64,
    /// `agree` over the sided models; `None` when no model takes a side.
    pub share: Option<f64>,
}

/// The thresholds of highest agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestAgreement {
    /// The threshold shown and moved to: the geometric midpoint of the widest best range, or
    /// the end of the range when the best range is open-ended.
    pub threshold: u64,
    pub label: String,
    pub agree: u64,
    pub share: f64,
    /// Every range of thresholds that reaches `agree`, lowest first.
    pub ranges: Vec<ThresholdRange>,
}

/// The agreement section of `slmscope report`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The size words of each side; every other word takes no side.
    pub words: Words,
    /// Reference models with a small or a large word.
    pub sided: u64,
    pub small: u64,
    pub large: u64,
    /// Reference models whose word takes no side.
    pub unsided: u64,
    /// The agreement at each reported threshold, in the given order.
    pub thresholds: Vec<AgreementAt>,
    /// Null when no reference model takes a side.
    pub best: Option<BestAgreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Words {
    pub small: &'static [&'static str],
    pub large: &'static [&'static str],
}

impl AgreementReport {
    pub fn build(reference: &[ReferenceModel], thresholds: &[u64]) -> AgreementReport {
        let publishers = Publishers::new(reference);
        AgreementReport {
            words: Words {
                small: &SMALL_WORDS,
                large: &LARGE_WORDS,
            },
            sided: publishers.sided(),
            small: publishers.small(),
            large: publishers.large(),
            unsided: publishers.unsided(),
            thresholds: thresholds
                .iter()
                .map(|&threshold| publishers.at(threshold))
                .collect(),
            best: publishers.best(),
        }
    }
}

/// Sided reference models, sorted by parameter count, for agreement at any threshold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publishers {
    /// (parameters, side), ascending.
    sided: Vec<(u64, Side)>,
    /// Reference models whose word takes no side.
    unsided: u64,
}

impl Publishers {
    pub fn new(reference: &[ReferenceModel]) -> Publishers {
        let mut sided = Vec::new();
        let mut unsided = 0;
        for model in reference {
            match side_of(&model.size_word) {
                Some(side) => sided.push((model.params, side)),
                None => unsided += 1,
            }
        }
        sided.sort_unstable_by_key(|&(params, _)| params);
        Publishers { sided, unsided }
    }

    /// Reference models with a small or large word.
    pub fn sided(&self) -> u64 {
        self.sided.len() as u64
    }

    pub fn small(&self) -> u64 {
        self.count(Side::Small)
    }

    pub fn large(&self) -> u64 {
        self.count(Side::Large)
    }

    pub fn unsided(&self) -> u64 {
        self.unsided
    }

    fn count(&self, side: Side) -> u64 {
        self.sided.iter().filter(|&&(_, s)| s == side).count() as u64
    }

    /// Counts the sided models whose class at `threshold` matches their word: a small word
    /// under the threshold, a large word at or above it.
    pub fn at(&self, threshold: u64) -> AgreementAt {
        let agree = self
            .sided
            .iter()
            .filter(|&&(params, side)| (params < threshold) == (side == Side::Small))
            .count() as u64;
        AgreementAt {
            threshold,
            label: format_params(threshold),
            agree,
            share: (!self.sided.is_empty()).then(|| agree as f64 / self.sided.len() as f64),
        }
    }

    /// Finds the thresholds of highest agreement; `None` when no model takes a side.
    ///
    /// The agreement only changes at the sided models' counts. So each range between two
    /// consecutive distinct counts `a < b` (thresholds `a + 1..=b`) is scored once. The range up
    /// to the smallest count (every model an LLM) and the range above the largest (every model
    /// an SLM) are scored too.
    pub fn best(&self) -> Option<BestAgreement> {
        let (&(lowest, _), &(highest, _)) = (self.sided.first()?, self.sided.last()?);
        let large_total = self.large();

        // (range, agree) for each range, ascending.
        let mut scored = vec![(
            ThresholdRange {
                from: 1,
                to: lowest,
            },
            large_total,
        )];
        let (mut small_under, mut large_under) = (0u64, 0u64);
        for (index, &(params, side)) in self.sided.iter().enumerate() {
            match side {
                Side::Small => small_under += 1,
                Side::Large => large_under += 1,
            }
            let next = self.sided.get(index + 1).map(|&(next, _)| next);
            if next == Some(params) {
                continue;
            }
            let to = next.unwrap_or(MAX_THRESHOLD).max(params + 1);
            scored.push((
                ThresholdRange {
                    from: params + 1,
                    to,
                },
                small_under + large_total - large_under,
            ));
        }

        let agree = scored.iter().map(|&(_, agree)| agree).max()?;
        let ranges: Vec<ThresholdRange> = scored
            .into_iter()
            .filter(|&(_, score)| score == agree)
            .map(|(range, _)| range)
            .collect();
        let threshold = shown_threshold(&ranges, lowest, highest);
        Some(BestAgreement {
            threshold,
            label: format_params(threshold),
            agree,
            share: agree as f64 / self.sided.len() as f64,
            ranges,
        })
    }
}

/// Picks the threshold to show among best ranges: the geometric midpoint of the widest range
/// (as a ratio) between two sided counts. When every best range is open-ended, it picks the
/// end nearest the models (`lowest` or `highest + 1`).
fn shown_threshold(ranges: &[ThresholdRange], lowest: u64, highest: u64) -> u64 {
    let inner = ranges
        .iter()
        .filter(|range| range.from > 1 && range.from <= highest)
        .max_by(|a, b| {
            let ratio = |range: &&ThresholdRange| range.to as f64 / (range.from - 1) as f64;
            ratio(a).total_cmp(&ratio(b)).then(b.from.cmp(&a.from))
        });
    match inner {
        Some(range) => {
            let below = range.from - 1;
            let midpoint = ((below as f64).sqrt() * (range.to as f64).sqrt()).round() as u64;
            midpoint.clamp(range.from, range.to)
        }
        None if ranges.first().is_some_and(|range| range.from == 1) => lowest,
        None => highest + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: u64 = 1_000_000;
    const B: u64 = 1_000_000_000;

    fn reference(params: u64, word: &str) -> ReferenceModel {
        ReferenceModel {
            hub_id: format!("org/{word}-{params}"),
            organisation: "Org".to_string(),
            params,
            size_word: word.to_string(),
            release_date: "2024-01-01".to_string(),
            pipeline_tag: "text-generation".to_string(),
            source: "https://example.org".to_string(),
        }
    }

    #[test]
    fn words_map_to_sides() {
        assert_eq!(side_of("small"), Some(Side::Small));
        assert_eq!(side_of(" Mini "), Some(Side::Small));
        assert_eq!(side_of("compact"), Some(Side::Small));
        assert_eq!(side_of("lightweight"), Some(Side::Small));
        assert_eq!(side_of("large"), Some(Side::Large));
        assert_eq!(side_of("XL"), Some(Side::Large));
        assert_eq!(side_of("flagship"), Some(Side::Large));
        assert_eq!(side_of("medium"), None);
        assert_eq!(side_of("base"), None);
        assert_eq!(side_of(""), None);
    }

    /// Small words at 1B, 3B and 8B; large words at 2B, 13B and 70B; one medium at 7B.
    fn publishers() -> Publishers {
        Publishers::new(&[
            reference(B, "small"),
            reference(3 * B, "mini"),
            reference(8 * B, "tiny"),
            reference(2 * B, "large"),
            reference(13 * B, "large"),
            reference(70 * B, "xl"),
            reference(7 * B, "medium"),
        ])
    }

    #[test]
    fn agreement_at_a_threshold_by_hand() {
        let publishers = publishers();
        assert_eq!(publishers.sided(), 6);
        assert_eq!((publishers.small(), publishers.large()), (3, 3));
        assert_eq!(publishers.unsided(), 1);

        // At 7B: small 1B and 3B agree, 8B does not; large 2B does not, 13B and 70B agree.
        let at_7b = publishers.at(7 * B);
        assert_eq!(at_7b.agree, 4);
        assert_eq!(at_7b.share, Some(4.0 / 6.0));
        assert_eq!(at_7b.label, "7B");

        // A model at exactly the threshold is an LLM: the small 8B disagrees at 8B.
        assert_eq!(publishers.at(8 * B).agree, 4);
        assert_eq!(publishers.at(8 * B + 1).agree, 5);
    }

    #[test]
    fn best_range_by_hand() {
        // Above 8B and up to 13B, every small word is under the threshold and only the large
        // 2B disagrees: 5 of 6.
        let best = publishers().best().unwrap();
        assert_eq!(best.agree, 5);
        assert_eq!(best.share, 5.0 / 6.0);
        assert_eq!(
            best.ranges,
            vec![ThresholdRange {
                from: 8 * B + 1,
                to: 13 * B
            }]
        );
        // sqrt(8B · 13B) = 10.198B.
        assert_eq!(best.threshold, 10_198_039_027);
        assert_eq!(best.label, "10.2B");
    }

    #[test]
    fn ties_list_every_range_and_show_the_widest() {
        // small 100M, large 1B, small 2B, large 100B: 3 of 4 agree from 100M+1 to 1B and from
        // 2B+1 to 100B; the second range is wider.
        let publishers = Publishers::new(&[
            reference(100 * M, "small"),
            reference(B, "large"),
            reference(2 * B, "small"),
            reference(100 * B, "large"),
        ]);
        let best = publishers.best().unwrap();
        assert_eq!(best.agree, 3);
        assert_eq!(
            best.ranges,
            vec![
                ThresholdRange {
                    from: 100 * M + 1,
                    to: B
                },
                ThresholdRange {
                    from: 2 * B + 1,
                    to: 100 * B
                },
            ]
        );
        // sqrt(2B · 100B) = 14.142B.
        assert_eq!(best.threshold, 14_142_135_624);
    }

    #[test]
    fn one_sided_words_pick_an_open_range() {
        let all_large = Publishers::new(&[reference(B, "large"), reference(5 * B, "large")]);
        let best = all_large.best().unwrap();
        assert_eq!(best.agree, 2);
        assert_eq!(best.ranges, vec![ThresholdRange { from: 1, to: B }]);
        assert_eq!(
            best.threshold, B,
            "the lowest count makes every model an LLM"
        );

        let all_small = Publishers::new(&[reference(B, "small"), reference(5 * B, "mini")]);
        let best = all_small.best().unwrap();
        assert_eq!(
            best.ranges,
            vec![ThresholdRange {
                from: 5 * B + 1,
                to: MAX_THRESHOLD
            }]
        );
        assert_eq!(best.threshold, 5 * B + 1);
    }

    #[test]
    fn no_sided_words() {
        let publishers = Publishers::new(&[reference(B, "medium")]);
        assert_eq!(publishers.best(), None);
        assert_eq!(publishers.at(7 * B).share, None);
        assert_eq!(Publishers::new(&[]).best(), None);
    }

    #[test]
    fn best_is_the_maximum_over_every_threshold() {
        let publishers = publishers();
        let best = publishers.best().unwrap();
        for exponent in 0..=140 {
            let threshold = 10f64.powf(7.0 + exponent as f64 * 0.05) as u64;
            assert!(publishers.at(threshold).agree <= best.agree, "{threshold}");
        }
        for range in &best.ranges {
            assert_eq!(publishers.at(range.from).agree, best.agree);
            assert_eq!(publishers.at(range.to).agree, best.agree);
        }
        assert_eq!(publishers.at(best.threshold).agree, best.agree);
    }

    #[test]
    fn shipped_reference_set_has_a_best_range() {
        let reference = crate::reference::embedded();
        let publishers = Publishers::new(&reference.models);
        assert!(publishers.small() > 10, "{}", publishers.small());
        assert!(publishers.large() > 10, "{}", publishers.large());
        let best = publishers.best().unwrap();
        assert_eq!(publishers.at(best.threshold).agree, best.agree);
    }
}
