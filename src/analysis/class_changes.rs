//! The models that change class between two thresholds, listed without a rescan. Sorted by
//! parameter count, the models with `lo <= total < hi` are one contiguous range. A wavelet
//! matrix over each model's rank in the list order (most downloaded first) returns the k-th
//! row of that range in O(log n), so a threshold move costs two binary searches and drawing
//! a page of rows costs one quantile query per row.

use std::cmp::Reverse;
use std::ops::Range;

use super::index::Index;
use super::search::Matches;
use super::wavelet::WaveletMatrix;
use crate::model::Model;

/// The list order of the models of known size, and their ranks in parameter-count order.
#[derive(Debug, Clone, Default)]
pub struct ClassChanges {
    generation: u64,
    /// The index in [`Index::models`] of each rank: the most downloaded first, unknown
    /// downloads last, ties by id, then by index.
    by_rank: Vec<u32>,
    /// The rank of each model of known size, in the order of [`Index::sorted_totals`].
    ranks_by_size: WaveletMatrix,
}

/// Orders models as the A/B list shows them: the most downloaded first, unknown downloads
/// last, ties by id.
pub fn list_order(x: &Model, y: &Model) -> std::cmp::Ordering {
    Reverse(x.downloads)
        .cmp(&Reverse(y.downloads))
        .then_with(|| x.id.cmp(&y.id))
}

impl ClassChanges {
    /// Ranks the models of known size of `index`: two sorts, paid once per index.
    pub fn build(index: &Index) -> ClassChanges {
        let models = index.models();
        let known: Vec<u32> = (0..models.len() as u32)
            .filter(|&position| models[position as usize].params.total.is_some())
            .collect();

        let mut by_rank = known.clone();
        by_rank.sort_unstable_by(|&x, &y| {
            list_order(&models[x as usize], &models[y as usize]).then(x.cmp(&y))
        });
        let mut rank_of = vec![u32::MAX; models.len()];
        for (rank, &position) in by_rank.iter().enumerate() {
            rank_of[position as usize] = rank as u32;
        }

        // Equal counts keep their list order, but any order would do: a range of counts
        // contains every model of a count or none.
        let mut by_size = known;
        by_size.sort_unstable_by_key(|&position| {
            (
                models[position as usize].params.total,
                rank_of[position as usize],
            )
        });
        let ranks: Vec<u32> = by_size
            .iter()
            .map(|&position| rank_of[position as usize])
            .collect();
        ClassChanges {
            generation: index.generation(),
            by_rank,
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
        let totals = index.sorted_totals();
        let start = totals.partition_point(|&total| total < lo);
        let end = totals.partition_point(|&total| total < hi).max(start);
        start..end
    }

    /// Returns the index in [`Index::models`] of row `row` of `range` in list order, or `None`
    /// beyond its end.
    pub fn row(&self, range: &Range<usize>, row: usize) -> Option<usize> {
        let rank = self
            .ranks_by_size
            .kth_smallest(range.start, range.end, row)?;
        Some(self.by_rank[rank as usize] as usize)
    }

    /// Lists the models of `matches` (indices in [`Index::models`]) with `lo <= total < hi`,
    /// in list order.
    // NOTE: this tests every match, so a threshold move with a query that matches most models
    // costs one pass over them; it runs once per query result and threshold pair, not per frame.
    pub fn matching_rows(index: &Index, matches: &Matches, lo: u64, hi: u64) -> Vec<u32> {
        let models = index.models();
        let mut rows: Vec<u32> = matches
            .indices()
            .iter()
            .copied()
            .filter(|&position| {
                models[position as usize]
                    .params
                    .total
                    .is_some_and(|total| lo <= total && total < hi)
            })
            .collect();
        rows.sort_unstable_by(|&x, &y| {
            list_order(&models[x as usize], &models[y as usize]).then(x.cmp(&y))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::compare::compare;
    use crate::analysis::search::{IdTable, Query, search};

    fn model(id: &str, total: Option<u64>, downloads: Option<u64>) -> Model {
        Model {
            downloads,
            ..Model::minimal(id, total)
        }
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
            let (lo, hi) = (a.min(b), a.max(b));
            let all_ids = IdTable::from_raw(index.models().iter().map(|model| model.id.as_str()));
            let query = Query::new(&query);
            let matches = search(&all_ids, &query, None, || false).expect("never stale");
            let rows: Vec<usize> = ClassChanges::matching_rows(&index, &matches, lo, hi)
                .into_iter()
                .map(|row| row as usize)
                .collect();

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
