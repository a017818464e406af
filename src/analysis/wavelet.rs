//! A wavelet matrix over a sequence of `u32` values: the k-th smallest value of any range of
//! positions in one step per bit of the largest value, whatever the length of the range.

/// A bit vector with the count of ones before each 64-bit word, for constant-time rank.
#[derive(Debug, Clone, Default)]
struct RankBits {
    words: Vec<u64>,
    /// `ones_before[i]` is the number of ones in `words[..i]`; one more entry than `words`.
    ones_before: Vec<u32>,
}

impl RankBits {
    fn from_bits(bits: impl ExactSizeIterator<Item = bool>) -> RankBits {
        let mut words = vec![0u64; bits.len().div_ceil(64)];
        for (position, bit) in bits.enumerate() {
            if bit {
                words[position / 64] |= 1 << (position % 64);
            }
        }
        let mut ones_before = Vec::with_capacity(words.len() + 1);
        let mut running = 0u32;
        ones_before.push(0);
        for word in &words {
            running += word.count_ones();
            ones_before.push(running);
        }
        RankBits { words, ones_before }
    }

    /// Counts the ones among the first `end` bits.
    fn rank1(&self, end: usize) -> usize {
        let (word, bit) = (end / 64, end % 64);
        let before = self.ones_before[word] as usize;
        if bit == 0 {
            return before;
        }
        before + (self.words[word] & ((1u64 << bit) - 1)).count_ones() as usize
    }

    fn rank0(&self, end: usize) -> usize {
        end - self.rank1(end)
    }
}

/// A static sequence of `u32` values answering range quantile queries.
#[derive(Debug, Clone, Default)]
pub struct WaveletMatrix {
    len: usize,
    /// One level per bit of the values, the most significant first.
    levels: Vec<RankBits>,
    /// The number of zeros of each level: where the ones start in the next level's order.
    zeros: Vec<usize>,
}

impl WaveletMatrix {
    /// Builds the matrix of `values` in O(n log σ) time and n log σ bits of memory.
    pub fn new(values: &[u32]) -> WaveletMatrix {
        let max = values.iter().copied().max().unwrap_or(0);
        let depth = (u32::BITS - max.leading_zeros()).max(1) as usize;
        let mut current = values.to_vec();
        let mut next = Vec::with_capacity(current.len());
        let mut levels = Vec::with_capacity(depth);
        let mut zeros = Vec::with_capacity(depth);
        for level in 0..depth {
            let shift = depth - 1 - level;
            let bit = |value: u32| (value >> shift) & 1 == 1;
            levels.push(RankBits::from_bits(current.iter().map(|&value| bit(value))));
            next.clear();
            next.extend(current.iter().copied().filter(|&value| !bit(value)));
            zeros.push(next.len());
            next.extend(current.iter().copied().filter(|&value| bit(value)));
            std::mem::swap(&mut current, &mut next);
        }
        WaveletMatrix {
            len: values.len(),
            levels,
            zeros,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Returns the `k`-th smallest value (from 0) among positions `start..end`, or `None` when
    /// the range holds `k` values or fewer. Panics when `end` is beyond the sequence.
    pub fn kth_smallest(&self, start: usize, end: usize, k: usize) -> Option<u32> {
        assert!(
            end <= self.len,
            "range end {end} beyond {} values",
            self.len
        );
        if start >= end || k >= end - start {
            return None;
        }
        let (mut start, mut end, mut k) = (start, end, k);
        let mut value = 0u32;
        for (level, bits) in self.levels.iter().enumerate() {
            let zeros_before_start = bits.rank0(start);
            let zeros_before_end = bits.rank0(end);
            let zeros_in_range = zeros_before_end - zeros_before_start;
            value <<= 1;
            if k < zeros_in_range {
                start = zeros_before_start;
                end = zeros_before_end;
            } else {
                k -= zeros_in_range;
                value |= 1;
                start = self.zeros[level] + (start - zeros_before_start);
                end = self.zeros[level] + (end - zeros_before_end);
            }
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn empty_sequence_has_no_values() {
        let matrix = WaveletMatrix::new(&[]);
        assert!(matrix.is_empty());
        assert_eq!(matrix.kth_smallest(0, 0, 0), None);
    }

    #[test]
    fn quantiles_of_a_small_sequence() {
        let matrix = WaveletMatrix::new(&[5, 1, 4, 1, 0, 9]);
        assert_eq!(matrix.kth_smallest(0, 6, 0), Some(0));
        assert_eq!(matrix.kth_smallest(0, 6, 5), Some(9));
        assert_eq!(matrix.kth_smallest(1, 4, 1), Some(1));
        assert_eq!(matrix.kth_smallest(1, 4, 2), Some(4));
        assert_eq!(matrix.kth_smallest(1, 4, 3), None);
        assert_eq!(matrix.kth_smallest(3, 3, 0), None);
    }

    proptest! {
        #[test]
        fn kth_smallest_matches_sorting(
            values in proptest::collection::vec(0u32..5_000, 0..300),
            start in 0usize..300,
            length in 0usize..300,
        ) {
            let matrix = WaveletMatrix::new(&values);
            let start = start.min(values.len());
            let end = (start + length).min(values.len());
            let mut sorted = values[start..end].to_vec();
            sorted.sort_unstable();
            for k in 0..=sorted.len() {
                prop_assert_eq!(matrix.kth_smallest(start, end, k), sorted.get(k).copied());
            }
        }
    }
}
