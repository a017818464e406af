//! The models that change class between two thresholds, listed without a rescan. Sorted by
//! parameter count, the models with `lo <= total < hi` are one contiguous range. A wavelet
//! matrix over each model's rank in the list order (most downloaded first) returns the k-th
//! row of that range in O(log n). A threshold move then costs two binary searches, and drawing
//! a page of rows costs one quantile query per row. [`MatchingChanges`] does the same for the
//! models whose id matches a query.

use std::ops::Range;

use super::index::Index;
use super::search::Matches;
use super::wavelet::WaveletMatrix;

/// The list order of the models of known size, and their ranks in parameter-count order.
#[derive(Debug, Clone, Default)]
pub struct ClassChanges {
    generation: u64,
    /// The index in [`Index::models`] of each rank: the most downloaded first, unknown
    /// downloads last, ties by id, then by index.
    by_rank: Vec<u32>,
    /// The rank of each model, by index in [`Index::models`]; `u32::MAX` for unknown sizes.
    rank_of: Vec<u32>,
    /// The rank of each model of known size, in the order of [`Index::sorted_totals`].
    ranks_by_size: WaveletMatrix,
}

/// The models of known size among the matches of one query, sorted by parameter count with
/// their ranks in the list order. The changing ones are listed as [`ClassChanges`] lists every
/// changing model, with two binary searches per threshold move.
#[derive(Debug, Clone, Default)]
pub struct MatchingChanges {
    totals: Vec<u64>,
    ranks_by_size: WaveletMatrix,
}

/// Orders downloads from the most to the fewest, unknown downloads last.
fn download_key(downloads: Option<u64>) -> u64 {
    match downloads {
        Some(count) => u64::MAX - 1 - count.min(u64::MAX - 1),
        None => u64::MAX,
    }
}

impl ClassChanges {
    /// Ranks the models of known size of `index`: two sorts, paid once per index.
    pub fn build(index: &Index) -> ClassChanges {
        let models = index.models();
        // The download keys are copied out of the models, 16 bytes per model, so that
        // comparisons read contiguous memory. Ids are compared only within runs of equal
        // downloads, which are short, or already in id order when the models are.
        let mut by_list_order: Vec<(u64, u32)> = models
            .iter()
            .enumerate()
            .filter(|(_, model)| model.params.total().is_some())
            .map(|(position, model)| (download_key(model.downloads()), position as u32))
            .collect();
        by_list_order.sort_unstable();
        for run in by_list_order.chunk_by_mut(|x, y| x.0 == y.0) {
            run.sort_unstable_by(|x, y| {
                let id = |entry: &(u64, u32)| &*models[entry.1 as usize].id;
                id(x).cmp(id(y)).then(x.1.cmp(&y.1))
            });
        }
        let by_rank: Vec<u32> = by_list_order
            .into_iter()
            .map(|(_, position)| position)
            .collect();
        let mut rank_of = vec![u32::MAX; models.len()];
        for (rank, &position) in by_rank.iter().enumerate() {
            rank_of[position as usize] = rank as u32;
        }

        // Equal counts keep their list order, but any order would do: a range of counts
        // contains every model of a count or none.
        let mut by_size: Vec<(u64, u32)> = by_rank
            .iter()
            .enumerate()
            .filter_map(|(rank, &position)| {
                Some((models[position as usize].params.total()?, rank as u32))
            })
            .collect();
        by_size.sort_unstable();
        let ranks: Vec<u32> = by_size.into_iter().map(|(_, rank)| rank).collect();
        ClassChanges {
            generation: index.generation(),
            by_rank,
            rank_of,
            ranks_by_size: WaveletMatrix::new(&ranks),
        }
    }

    /// Returns the generation of the index it was built from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Returns the positions in [`Index::sorted_totals`] of the models with
    /// `lo <= total < hi`: the models that change class between thresholds `lo` and `hi`.
    pub fn range(index: &Index, lo: u64, hi: u64) -> Range<usize> {
        range_between(index.sorted_totals(), lo, hi)
    }

    /// Returns the index in [`Index::models`] of row `row` of `range` in list order, or `None`
    /// beyond its end.
    pub fn row(&self, range: &Range<usize>, row: usize) -> Option<usize> {
        let rank = self
            .ranks_by_size
            .kth_smallest(range.start, range.end, row)?;
        Some(self.by_rank[rank as usize] as usize)
    }

    /// Sorts the models of `matches` (indices in [`Index::models`] of the index this was built
    /// from) by parameter count: a sort of the matches, paid once per query result.
    pub fn matching(&self, index: &Index, matches: &Matches) -> MatchingChanges {
        let models = index.models();
        let mut pairs: Vec<(u64, u32)> = matches
            .indices()
            .iter()
            .filter_map(|&position| {
                let total = models[position as usize].params.total()?;
                Some((total, self.rank_of[position as usize]))
            })
            .collect();
        pairs.sort_unstable();
        let ranks: Vec<u32> = pairs.iter().map(|&(_, rank)| rank).collect();
        MatchingChanges {
            totals: pairs.into_iter().map(|(total, _)| total).collect(),
            ranks_by_size: WaveletMatrix::new(&ranks),
        }
    }
}

impl MatchingChanges {
    /// Returns the positions, among the sorted matches, of those with `lo <= total < hi`.
    pub fn range(&self, lo: u64, hi: u64) -> Range<usize> {
        range_between(&self.totals, lo, hi)
    }

    /// Returns the index in [`Index::models`] of row `row` of `range` in list order, or `None`
    /// beyond its end. `changes` is the [`ClassChanges`] this was built from.
    pub fn row(&self, changes: &ClassChanges, range: &Range<usize>, row: usize) -> Option<usize> {
        let rank = self
            .ranks_by_size
            .kth_smallest(range.start, range.end, row)?;
        Some(changes.by_rank[rank as usize] as usize)
    }
}

/// Returns the positions in `sorted_totals` of the counts with `lo <= total < hi`.
fn range_between(sorted_totals: &[u64], lo: u64, hi: u64) -> Range<usize> {
    let start = sorted_totals.partition_point(|&total| total < lo);
    let end = sorted_totals
        .partition_point(|&total| total < hi)
        .max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::compare::compare;
    use crate::analysis::search::{IdTable, Query, search};
    use crate::model::Model;

    fn model(id: &str, total: Option<u64>, downloads: Option<u64>) -> Model {
        let mut model = Model::minimal(id, total);
        model.set_downloads(downloads);
        model
    }

    fn arbitrary_models() -> impl Strategy<Value = Vec<Model>> {
        proptest::collection::vec(
            (
                proptest::option::weighted(0.8, 1u64..60),
                proptest::option::weighted(0.8, 0u64..8),
                0u8..4,
            ),
            0..60,
        )
        .prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (total, downloads, name))| {
                    // Repeated names make ties on downloads and id, broken by index.
                    model(&format!("org/m{}", i as u8 % 7 + name), total, downloads)
                })
                .collect()
        })
    }

    #[test]
    fn rows_of_an_empty_index() {
        let index = Index::build(Vec::new());
        let changes = ClassChanges::build(&index);
        let range = ClassChanges::range(&index, 1, 10);
        assert_eq!(range, 0..0);
        assert_eq!(changes.row(&range, 0), None);
    }

    proptest! {
        #[test]
        fn rows_equal_the_rescanned_list(
            models in arbitrary_models(),
            a in 0u64..65,
            b in 0u64..65,
        ) {
            let index = Index::build(models);
            let changes = ClassChanges::build(&index);
            let (lo, hi) = (a.min(b), a.max(b));
            let range = ClassChanges::range(&index, lo, hi);
            let listed: Vec<usize> = (0..range.len())
                .map(|row| changes.row(&range, row).expect("row in range"))
                .collect();
            let expected: Vec<usize> =
                compare(&index, a, b).models.iter().map(|moved| moved.index).collect();
            prop_assert_eq!(&listed, &expected);
            prop_assert_eq!(changes.row(&range, range.len()), None);
        }

        #[test]
        fn matching_rows_equal_the_rescanned_search(
            models in arbitrary_models(),
            a in 0u64..65,
            b in 0u64..65,
            query in "[m0-9]{1,2}",
        ) {
            let index = Index::build(models);
            let changes = ClassChanges::build(&index);
            let (lo, hi) = (a.min(b), a.max(b));
            let all_ids = IdTable::from_raw(index.models().iter().map(|model| &*model.id));
            let query = Query::new(&query);
            let matches = search(&all_ids, &query, None, || false).expect("never stale");
            let matching = changes.matching(&index, &matches);
            let range = matching.range(lo, hi);
            let rows: Vec<usize> = (0..range.len())
                .map(|row| matching.row(&changes, &range, row).expect("row in range"))
                .collect();
            prop_assert_eq!(matching.row(&changes, &range, range.len()), None);

            let moved = compare(&index, a, b).models;
            let moved_ids = IdTable::from_raw(moved.iter().map(|model| model.id.as_str()));
            let moved_matches = search(&moved_ids, &query, None, || false).expect("never stale");
            let expected: Vec<usize> = moved_matches
                .indices()
                .iter()
                .map(|&row| moved[row as usize].index)
                .collect();
            prop_assert_eq!(rows, expected);
        }
    }
}
