//! Thresholds suggested by the data alone: the natural break of log10(parameters) into two
//! classes, and the deepest valley of its kernel density estimate.

use serde::Serialize;

use super::threshold::format_params;

/// The lowest valley position the density search considers: 100M parameters, as log10.
pub const VALLEY_MIN_LOG10: f64 = 8.0;
/// The highest valley position the density search considers: 1T parameters, as log10.
pub const VALLEY_MAX_LOG10: f64 = 12.0;

/// Widest grid step of the density estimate, in decades: about 2.3% in parameters.
const MAX_GRID_STEP: f64 = 0.01;
/// Grid steps per bandwidth when the bandwidth is narrow.
const STEPS_PER_BANDWIDTH: f64 = 8.0;
/// The grid never has more points than this, so the cost of smoothing stays bounded whatever
/// the data.
const MAX_GRID_POINTS: usize = 20_000;
/// The Gaussian kernel is cut this many bandwidths from its centre.
const KERNEL_REACH: f64 = 4.0;
/// Valleys shallower than this share of the highest density are rounding noise.
const NOISE: f64 = 1e-9;

/// The reason a method gives no threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unavailable {
    /// No model has a known size.
    NoKnownSizes,
    /// Every model of known size has the same count, so there is nothing to split.
    OneSize,
    /// The density has no valley between 100M and 1T.
    NoValley,
}

impl Unavailable {
    /// Returns the spelling reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Unavailable::NoKnownSizes => "no_known_sizes",
            Unavailable::OneSize => "one_size",
            Unavailable::NoValley => "no_valley",
        }
    }
}

/// The two-class split of log10(parameters) with the least within-class variance (Jenks natural
/// breaks with two classes, which is also Otsu's threshold).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NaturalBreaks {
    /// The geometric midpoint of `below` and `above`, in parameters.
    pub threshold: u64,
    /// `threshold` as model cards write it (`2B`).
    pub label: String,
    /// The largest count of the lower class.
    pub below: u64,
    /// The smallest count of the upper class.
    pub above: u64,
    /// Models in the lower class.
    pub lower_count: u64,
    /// Models in the upper class.
    pub upper_count: u64,
}

/// The deepest valley of a Gaussian kernel density estimate of log10(parameters).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DensityValley {
    /// The valley's position, in parameters.
    pub threshold: u64,
    /// `threshold` as model cards write it.
    pub label: String,
    /// Silverman's bandwidth, in decades.
    pub bandwidth_log10: f64,
    /// The highest density peak left of the valley, in parameters.
    pub below: u64,
    /// The highest density peak right of the valley, in parameters.
    pub above: u64,
    /// The prominence as a share of the lower of the two peaks: 1 when the density falls to
    /// zero between them, near 0 for a shallow dip.
    pub depth: f64,
}

/// Both suggestions for one set of models.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestions {
    pub natural_breaks: Result<NaturalBreaks, Unavailable>,
    pub density_valley: Result<DensityValley, Unavailable>,
}

impl Suggestions {
    /// Computes both suggestions from known parameter counts sorted in ascending order.
    pub fn from_sorted(sorted_totals: &[u64]) -> Suggestions {
        Suggestions {
            natural_breaks: natural_breaks(sorted_totals),
            density_valley: density_valley(sorted_totals),
        }
    }
}

/// One suggestion as `slmscope report` writes it: the threshold, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestionReport {
    /// `natural_breaks` or `density_valley`.
    pub method: &'static str,
    pub threshold: Option<u64>,
    pub label: Option<String>,
    /// For natural breaks, the largest count of the lower class; for the density valley, the
    /// highest peak left of the valley.
    pub below: Option<u64>,
    /// For natural breaks, the smallest count of the upper class; for the density valley, the
    /// highest peak right of the valley.
    pub above: Option<u64>,
    /// `no_known_sizes`, `one_size` or `no_valley` when there is no threshold.
    pub unavailable: Option<&'static str>,
    #[serde(flatten)]
    pub details: Option<SuggestionDetails>,
}

/// The fields only one method has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SuggestionDetails {
    NaturalBreaks { lower_count: u64, upper_count: u64 },
    DensityValley { bandwidth_log10: f64, depth: f64 },
}

impl SuggestionReport {
    fn unavailable(method: &'static str, reason: Unavailable) -> SuggestionReport {
        SuggestionReport {
            method,
            threshold: None,
            label: None,
            below: None,
            above: None,
            unavailable: Some(reason.as_str()),
            details: None,
        }
    }
}

impl Suggestions {
    /// Lists both suggestions for reports, natural breaks first.
    pub fn report(&self) -> Vec<SuggestionReport> {
        let natural_breaks = match &self.natural_breaks {
            Ok(found) => SuggestionReport {
                method: "natural_breaks",
                threshold: Some(found.threshold),
                label: Some(found.label.clone()),
                below: Some(found.below),
                above: Some(found.above),
                unavailable: None,
                details: Some(SuggestionDetails::NaturalBreaks {
                    lower_count: found.lower_count,
                    upper_count: found.upper_count,
                }),
            },
            Err(reason) => SuggestionReport::unavailable("natural_breaks", *reason),
        };
        let density_valley = match &self.density_valley {
            Ok(found) => SuggestionReport {
                method: "density_valley",
                threshold: Some(found.threshold),
                label: Some(found.label.clone()),
                below: Some(found.below),
                above: Some(found.above),
                unavailable: None,
                details: Some(SuggestionDetails::DensityValley {
                    bandwidth_log10: found.bandwidth_log10,
                    depth: found.depth,
                }),
            },
            Err(reason) => SuggestionReport::unavailable("density_valley", *reason),
        };
        vec![natural_breaks, density_valley]
    }
}

fn log10(parameters: u64) -> f64 {
    (parameters.max(1) as f64).log10()
}

/// Returns the integer nearest to the geometric midpoint of `low` and `high` that still puts
/// `low` under it and `high` at or above it. Requires `low < high`.
fn geometric_midpoint(low: u64, high: u64) -> u64 {
    let midpoint = ((low as f64).sqrt() * (high as f64).sqrt()).round() as u64;
    midpoint.clamp(low + 1, high)
}

/// Splits sorted counts into the two classes of least within-class variance of log10, in
/// O(n) with a running sum.
///
/// With values centred on their mean, the between-class sum of squares of a split after `k`
/// values is `S² · n / (k · (n − k))`, where `S` is the sum of the first `k` centred values, so
/// maximising it minimises the within-class variance. Only splits between different counts
/// are candidates; ties keep the lowest split.
pub fn natural_breaks(sorted_totals: &[u64]) -> Result<NaturalBreaks, Unavailable> {
    let (Some(&first), Some(&last)) = (sorted_totals.first(), sorted_totals.last()) else {
        return Err(Unavailable::NoKnownSizes);
    };
    if first == last {
        return Err(Unavailable::OneSize);
    }
    let n = sorted_totals.len();
    let mean = sorted_totals.iter().map(|&total| log10(total)).sum::<f64>() / n as f64;

    let mut running = 0.0;
    let mut best: Option<(f64, usize)> = None;
    for k in 1..n {
        running += log10(sorted_totals[k - 1]) - mean;
        if sorted_totals[k - 1] == sorted_totals[k] {
            continue;
        }
        let between = running * running * n as f64 / (k as f64 * (n - k) as f64);
        if best.is_none_or(|(score, _)| between > score) {
            best = Some((between, k));
        }
    }
    let (_, k) = best.ok_or(Unavailable::OneSize)?;

    let (below, above) = (sorted_totals[k - 1], sorted_totals[k]);
    let threshold = geometric_midpoint(below, above);
    Ok(NaturalBreaks {
        threshold,
        label: format_params(threshold),
        below,
        above,
        lower_count: k as u64,
        upper_count: (n - k) as u64,
    })
}

/// Finds the deepest valley between 100M and 1T of a Gaussian kernel density estimate of
/// log10(parameters), with Silverman's bandwidth.
///
/// The counts are binned linearly onto a grid of at most [`MAX_GRID_POINTS`] points and the
/// bins are smoothed with the kernel, so the cost is O(n) plus grid points times kernel width.
/// "Deepest" is the largest prominence: the lower of the highest peaks on each side minus the
/// density at the valley. A flat stretch of the density counts as one valley at its middle.
pub fn density_valley(sorted_totals: &[u64]) -> Result<DensityValley, Unavailable> {
    let (Some(&first), Some(&last)) = (sorted_totals.first(), sorted_totals.last()) else {
        return Err(Unavailable::NoKnownSizes);
    };
    if first == last {
        return Err(Unavailable::OneSize);
    }
    let logs: Vec<f64> = sorted_totals.iter().map(|&total| log10(total)).collect();
    let bandwidth = silverman_bandwidth(&logs);

    let grid = Grid::new(logs[0], logs[logs.len() - 1], bandwidth);
    let density = grid.density(&logs, bandwidth);
    let highest = density.iter().copied().fold(0.0, f64::max);

    let mut best: Option<Valley> = None;
    for valley in valleys(&density) {
        let position = grid.position(valley.middle);
        if !(VALLEY_MIN_LOG10..=VALLEY_MAX_LOG10).contains(&position) {
            continue;
        }
        let (left, right) = (&density[..valley.start], &density[valley.end + 1..]);
        let left_peak = argmax(left);
        let right_peak = valley.end + 1 + argmax(right);
        let lower_peak = density[left_peak].min(density[right_peak]);
        let prominence = lower_peak - density[valley.middle];
        if prominence <= NOISE * highest {
            continue;
        }
        let candidate = Valley {
            prominence,
            depth: prominence / lower_peak,
            middle: valley.middle,
            left_peak,
            right_peak,
        };
        if best
            .as_ref()
            .is_none_or(|current| candidate.prominence > current.prominence)
        {
            best = Some(candidate);
        }
    }
    let valley = best.ok_or(Unavailable::NoValley)?;

    let threshold = 10f64.powf(grid.position(valley.middle)).round() as u64;
    Ok(DensityValley {
        threshold,
        label: format_params(threshold),
        bandwidth_log10: bandwidth,
        below: 10f64.powf(grid.position(valley.left_peak)).round() as u64,
        above: 10f64.powf(grid.position(valley.right_peak)).round() as u64,
        depth: valley.depth,
    })
}

struct Valley {
    prominence: f64,
    depth: f64,
    middle: usize,
    left_peak: usize,
    right_peak: usize,
}

/// Silverman's rule of thumb, `0.9 · min(sd, IQR / 1.34) · n^(−1/5)`, falling back to the
/// standard deviation when the interquartile range is 0. `sorted` has two different values
/// at least, so the result is positive.
fn silverman_bandwidth(sorted: &[f64]) -> f64 {
    let n = sorted.len() as f64;
    let mean = sorted.iter().sum::<f64>() / n;
    let variance = sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let sd = variance.sqrt();
    let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    let spread = if iqr > 0.0 { sd.min(iqr / 1.34) } else { sd };
    0.9 * spread * n.powf(-0.2)
}

/// Computes the `q` quantile of sorted values, interpolating linearly between neighbours.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = position.ceil() as usize;
    sorted[low] + (sorted[high] - sorted[low]) * (position - low as f64)
}

/// Evenly spaced points of log10(parameters) covering the data and the kernel's reach.
struct Grid {
    start: f64,
    step: f64,
    points: usize,
}

impl Grid {
    fn new(min: f64, max: f64, bandwidth: f64) -> Grid {
        let start = min - KERNEL_REACH * bandwidth;
        let end = max + KERNEL_REACH * bandwidth;
        let mut step = (bandwidth / STEPS_PER_BANDWIDTH).min(MAX_GRID_STEP);
        step = step.max((end - start) / (MAX_GRID_POINTS - 1) as f64);
        let points = ((end - start) / step).ceil() as usize + 1;
        Grid {
            start,
            step,
            points,
        }
    }

    fn position(&self, point: usize) -> f64 {
        self.start + point as f64 * self.step
    }

    /// Bins `values` linearly onto the grid, then smooths the bins with the Gaussian kernel.
    /// The result is proportional to the density; its scale does not matter to valleys.
    fn density(&self, values: &[f64], bandwidth: f64) -> Vec<f64> {
        let mut weights = vec![0.0; self.points];
        for &value in values {
            let offset = (value - self.start) / self.step;
            let low = (offset.floor() as usize).min(self.points - 2);
            let fraction = offset - low as f64;
            weights[low] += 1.0 - fraction;
            weights[low + 1] += fraction;
        }

        let reach = (KERNEL_REACH * bandwidth / self.step).ceil() as usize;
        let kernel: Vec<f64> = (0..=reach)
            .map(|distance| {
                let z = distance as f64 * self.step / bandwidth;
                (-0.5 * z * z).exp()
            })
            .collect();
        let mut density = vec![0.0; self.points];
        for (source, &weight) in weights.iter().enumerate() {
            if weight == 0.0 {
                continue;
            }
            let from = source.saturating_sub(reach);
            let to = (source + reach).min(self.points - 1);
            for (target, value) in density.iter_mut().enumerate().take(to + 1).skip(from) {
                *value += weight * kernel[source.abs_diff(target)];
            }
        }
        density
    }
}

/// A run of equal density values lower than both neighbours: `start..=end`, `middle` between.
struct Dip {
    start: usize,
    end: usize,
    middle: usize,
}

/// Lists the local minima of `values`, a flat run counting once.
fn valleys(values: &[f64]) -> Vec<Dip> {
    let mut dips = Vec::new();
    let mut start = 1;
    while start + 1 < values.len() {
        let mut end = start;
        while end + 1 < values.len() && values[end + 1] == values[start] {
            end += 1;
        }
        let falls_in = values[start - 1] > values[start];
        let rises_out = end + 1 < values.len() && values[end + 1] > values[end];
        if falls_in && rises_out {
            dips.push(Dip {
                start,
                end,
                middle: (start + end) / 2,
            });
        }
        start = end + 1;
    }
    dips
}

/// Index of the largest value, the first of ties; 0 for an empty slice.
fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (index, &value) in values.iter().enumerate() {
        if value > values[best] {
            best = index;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const M: u64 = 1_000_000;
    const B: u64 = 1_000_000_000;

    /// `copies` of each size, sorted.
    fn repeated(sizes: &[(u64, usize)]) -> Vec<u64> {
        let mut totals: Vec<u64> = sizes
            .iter()
            .flat_map(|&(size, copies)| std::iter::repeat_n(size, copies))
            .collect();
        totals.sort_unstable();
        totals
    }

    /// Two clusters, the second the first times 100: 100M, 200M, 400M and 10B, 20B, 40B. In
    /// log10 the set is symmetric around log10(2B).
    fn symmetric_bimodal(copies: usize) -> Vec<u64> {
        repeated(&[
            (100 * M, copies),
            (200 * M, copies),
            (400 * M, copies),
            (10 * B, copies),
            (20 * B, copies),
            (40 * B, copies),
        ])
    }

    #[test]
    fn natural_breaks_split_the_gap() {
        let breaks = natural_breaks(&symmetric_bimodal(10)).unwrap();
        // sqrt(400M · 10B) = 2B exactly.
        assert_eq!(breaks.threshold, 2 * B);
        assert_eq!(breaks.label, "2B");
        assert_eq!((breaks.below, breaks.above), (400 * M, 10 * B));
        assert_eq!((breaks.lower_count, breaks.upper_count), (30, 30));
    }

    #[test]
    fn natural_breaks_by_hand_on_four_values() {
        // log10: 9, 9, 10, 12. Splits after 2 (means 9 and 11, SS 2) and after 3 (means 9.33
        // and 12, SS 0.667) are the candidates with different counts: the second wins.
        let breaks = natural_breaks(&[B, B, 10 * B, 1_000 * B]).unwrap();
        assert_eq!((breaks.below, breaks.above), (10 * B, 1_000 * B));
        assert_eq!(breaks.threshold, 100 * B);
        assert_eq!((breaks.lower_count, breaks.upper_count), (3, 1));
    }

    #[test]
    fn threshold_separates_neighbouring_counts() {
        let breaks = natural_breaks(&[1, 2]).unwrap();
        assert_eq!(
            breaks.threshold, 2,
            "1 stays under the threshold, 2 reaches it"
        );
    }

    #[test]
    fn density_valley_of_symmetric_clusters() {
        let valley = density_valley(&symmetric_bimodal(20)).unwrap();
        let position = (valley.threshold as f64).log10();
        let expected = (2.0 * B as f64).log10();
        assert!(
            (position - expected).abs() <= MAX_GRID_STEP,
            "valley at {} ({position})",
            valley.label
        );
        assert!(valley.depth > 0.5, "a deep valley: {}", valley.depth);
        let peaks = ((valley.below as f64).log10(), (valley.above as f64).log10());
        assert!(
            (peaks.0 - 8.3).abs() < 0.1,
            "lower peak near 200M: {peaks:?}"
        );
        assert!(
            (peaks.1 - 10.3).abs() < 0.1,
            "upper peak near 20B: {peaks:?}"
        );
    }

    #[test]
    fn density_valley_moves_toward_the_lighter_cluster() {
        // Three times more models in the lower cluster push the valley above 2B, while the
        // natural break stays in the middle of the gap.
        let totals = repeated(&[
            (100 * M, 30),
            (200 * M, 30),
            (400 * M, 30),
            (10 * B, 10),
            (20 * B, 10),
            (40 * B, 10),
        ]);
        let valley = density_valley(&totals).unwrap();
        assert!(
            valley.threshold > 2 * B && valley.threshold < 10 * B,
            "{}",
            valley.label
        );
        assert_eq!(natural_breaks(&totals).unwrap().threshold, 2 * B);
    }

    #[test]
    fn unimodal_sizes_have_no_valley() {
        let totals = repeated(&[
            (B, 1),
            (2 * B, 3),
            (4 * B, 6),
            (7 * B, 10),
            (12 * B, 6),
            (25 * B, 3),
            (50 * B, 1),
        ]);
        assert_eq!(density_valley(&totals), Err(Unavailable::NoValley));
        assert!(natural_breaks(&totals).is_ok(), "two classes always exist");
    }

    #[test]
    fn valleys_outside_100m_to_1t_are_ignored() {
        // Clusters around 1M and 10M: the valley near 3M is below the search range.
        let totals = repeated(&[(M, 20), (2 * M, 20), (20 * M, 20), (40 * M, 20)]);
        assert_eq!(density_valley(&totals), Err(Unavailable::NoValley));
    }

    #[test]
    fn empty_and_single_inputs() {
        assert_eq!(natural_breaks(&[]), Err(Unavailable::NoKnownSizes));
        assert_eq!(density_valley(&[]), Err(Unavailable::NoKnownSizes));
        assert_eq!(natural_breaks(&[7 * B]), Err(Unavailable::OneSize));
        assert_eq!(density_valley(&[7 * B]), Err(Unavailable::OneSize));
        assert_eq!(natural_breaks(&[7 * B; 5]), Err(Unavailable::OneSize));
        assert_eq!(density_valley(&[7 * B; 5]), Err(Unavailable::OneSize));
    }

    #[test]
    fn two_models_give_a_break() {
        let breaks = natural_breaks(&[B, 100 * B]).unwrap();
        assert_eq!(breaks.threshold, 10 * B);
        assert_eq!(
            density_valley(&[B, 100 * B]).map(|valley| valley.threshold > B),
            Ok(true),
            "two far-apart sizes leave a valley between them"
        );
    }

    #[test]
    fn flat_runs_count_as_one_valley() {
        let dips = valleys(&[3.0, 1.0, 0.0, 0.0, 0.0, 2.0, 1.0, 4.0]);
        let found: Vec<(usize, usize, usize)> = dips
            .iter()
            .map(|dip| (dip.start, dip.end, dip.middle))
            .collect();
        assert_eq!(found, vec![(2, 4, 3), (6, 6, 6)]);
    }

    #[test]
    fn silverman_by_hand() {
        // Values 0, 1, 2, 3: sd = sqrt(5/3), IQR = 1.5 (quartiles 0.75 and 2.25), so
        // min(1.291, 1.119) = 1.119 and h = 0.9 · 1.119 · 4^(−0.2).
        let h = silverman_bandwidth(&[0.0, 1.0, 2.0, 3.0]);
        let expected = 0.9 * (1.5 / 1.34) * 4f64.powf(-0.2);
        assert!((h - expected).abs() < 1e-12, "{h} vs {expected}");
    }

    /// Within-class sum of squares of log10 when the first `k` sorted values form a class.
    fn within(totals: &[u64], k: usize) -> f64 {
        let ss = |part: &[u64]| {
            let logs: Vec<f64> = part.iter().map(|&t| log10(t)).collect();
            let mean = logs.iter().sum::<f64>() / logs.len() as f64;
            logs.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
        };
        ss(&totals[..k]) + ss(&totals[k..])
    }

    proptest! {
        #[test]
        fn natural_breaks_match_brute_force(
            mut totals in prop::collection::vec(1u64..2_000_000_000_000, 2..40)
        ) {
            totals.sort_unstable();
            let result = natural_breaks(&totals);
            let candidates: Vec<usize> =
                (1..totals.len()).filter(|&k| totals[k - 1] < totals[k]).collect();
            prop_assume!(!candidates.is_empty());
            let breaks = result.unwrap();
            let k = breaks.lower_count as usize;
            let least = candidates
                .iter()
                .map(|&candidate| within(&totals, candidate))
                .fold(f64::INFINITY, f64::min);
            prop_assert!(within(&totals, k) <= least + 1e-9 * (1.0 + least));
            prop_assert!(breaks.below < breaks.threshold && breaks.threshold <= breaks.above);
            let lower = totals.partition_point(|&total| total < breaks.threshold);
            prop_assert_eq!(lower, k, "the threshold splits where the classes split");
        }

        #[test]
        fn density_valley_lies_in_range_between_its_peaks(
            mut totals in prop::collection::vec(1_000_000u64..5_000_000_000_000, 2..60)
        ) {
            totals.sort_unstable();
            if let Ok(valley) = density_valley(&totals) {
                let position = (valley.threshold as f64).log10();
                prop_assert!((VALLEY_MIN_LOG10 - 1e-9..=VALLEY_MAX_LOG10 + 1e-9).contains(&position));
                prop_assert!(valley.below < valley.threshold && valley.threshold < valley.above);
                prop_assert!(valley.depth > 0.0 && valley.depth <= 1.0);
            }
        }
    }
}
