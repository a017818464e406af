//! Histogram of log10(parameter count) over models of known size.

/// Width of one bin, in decades: four bins per factor of ten.
pub const BIN_WIDTH: f64 = 0.25;

#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// Lower edge, inclusive, as log10(parameters).
    pub lower: f64,
    /// Upper edge, exclusive, as log10(parameters).
    pub upper: f64,
    pub count: u64,
}

impl Bin {
    /// The lower edge as a parameter count.
    pub fn lower_params(&self) -> u64 {
        10f64.powf(self.lower).round() as u64
    }
}

/// Bins of [`BIN_WIDTH`] decades covering every known count; empty when no size is known.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Histogram {
    pub bins: Vec<Bin>,
}

impl Histogram {
    /// Builds the histogram from counts sorted in ascending order.
    pub fn from_sorted(sorted_totals: &[u64]) -> Histogram {
        let (Some(&first), Some(&last)) = (sorted_totals.first(), sorted_totals.last()) else {
            return Histogram::default();
        };
        let first_bin = bin_number(first);
        let last_bin = bin_number(last);
        let mut bins: Vec<Bin> = (first_bin..=last_bin)
            .map(|number| Bin {
                lower: number as f64 * BIN_WIDTH,
                upper: (number + 1) as f64 * BIN_WIDTH,
                count: 0,
            })
            .collect();
        for &total in sorted_totals {
            bins[(bin_number(total) - first_bin) as usize].count += 1;
        }
        Histogram { bins }
    }

    /// Returns the histogram of `sorted_totals[..count]`, where `self` is the histogram of
    /// `sorted_totals`, in one step per bin instead of a pass over the counts. Equals
    /// `Histogram::from_sorted(&sorted_totals[..count])`.
    pub fn of_prefix(&self, sorted_totals: &[u64], count: usize) -> Histogram {
        let (Some(&first), Some(&last)) = (sorted_totals.first(), sorted_totals[..count].last())
        else {
            return Histogram::default();
        };
        // Sorted counts fill the bins in order, so every bin before the one of the prefix's
        // last count lies wholly in the prefix, and that bin contains the rest of it.
        let last_bin = (bin_number(last) - bin_number(first)) as usize;
        let mut bins = self.bins[..=last_bin].to_vec();
        let before_last: u64 = bins[..last_bin].iter().map(|bin| bin.count).sum();
        bins[last_bin].count = count as u64 - before_last;
        Histogram { bins }
    }

    /// Index of the bin that contains `threshold`, if any bin does.
    pub fn bin_of(&self, threshold: u64) -> Option<usize> {
        let position = log10(threshold);
        self.bins
            .iter()
            .position(|bin| bin.lower <= position && position < bin.upper)
    }

    pub fn max_count(&self) -> u64 {
        self.bins.iter().map(|bin| bin.count).max().unwrap_or(0)
    }
}

fn log10(parameters: u64) -> f64 {
    (parameters.max(1) as f64).log10()
}

fn bin_number(parameters: u64) -> i64 {
    // A small epsilon keeps exact powers such as 1e9 in the bin they open despite rounding.
    ((log10(parameters) + 1e-9) / BIN_WIDTH).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_empty_histogram() {
        assert!(Histogram::from_sorted(&[]).bins.is_empty());
    }

    #[test]
    fn counts_land_in_quarter_decades() {
        // 1e9 opens [9.0, 9.25); 1.5e9 (9.176) joins it; 2e9 (9.301) opens the next; 8e9 (9.903)
        // is in [9.75, 10.0).
        let histogram =
            Histogram::from_sorted(&[1_000_000_000, 1_500_000_000, 2_000_000_000, 8_000_000_000]);
        let counts: Vec<u64> = histogram.bins.iter().map(|bin| bin.count).collect();
        assert_eq!(counts, vec![2, 1, 0, 1]);
        assert_eq!(histogram.bins[0].lower, 9.0);
        assert_eq!(histogram.bins[0].lower_params(), 1_000_000_000);
        assert_eq!(histogram.max_count(), 2);
    }

    proptest::proptest! {
        #[test]
        fn prefix_equals_a_rebuilt_histogram(
            mut totals in proptest::collection::vec(1u64..1_000_000_000_000, 0..200),
            cut in 0usize..201,
        ) {
            totals.sort_unstable();
            let count = cut.min(totals.len());
            let full = Histogram::from_sorted(&totals);
            proptest::prop_assert_eq!(
                full.of_prefix(&totals, count),
                Histogram::from_sorted(&totals[..count])
            );
        }
    }

    #[test]
    fn threshold_bin_lookup() {
        let histogram = Histogram::from_sorted(&[1_000_000_000, 8_000_000_000]);
        assert_eq!(histogram.bin_of(7_000_000_000), Some(3));
        assert_eq!(histogram.bin_of(100_000_000), None);
    }
}
