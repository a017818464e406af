//! The scan of an id table for one query, which a newer query can cancel, and its result.

use super::ids::IdTable;
use super::query::Query;

/// How many ids a scan tests between two calls of its staleness check. A full scan tests 20 to
/// 25 ids per microsecond on a 2-core AMD EPYC machine (`cargo bench --bench search`), so a
/// check comes about every 0.2 ms there.
pub const CANCEL_CHECK_INTERVAL: usize = 4096;

/// The ids of an [`IdTable`] that match one query: their indices in ascending order, and one
/// bit per id of the table for membership tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    indices: Vec<u32>,
    bits: Vec<u64>,
}

impl Matches {
    /// Builds the set from indices in ascending order, all below `table_len`.
    fn from_sorted(indices: Vec<u32>, table_len: usize) -> Matches {
        let mut bits = vec![0u64; table_len.div_ceil(64)];
        for &index in &indices {
            bits[index as usize / 64] |= 1 << (index % 64);
        }
        Matches { indices, bits }
    }

    /// Returns the matching indices in ascending order.
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// True when id `index` matches. False for an index beyond the table.
    pub fn contains(&self, index: usize) -> bool {
        self.bits
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// Returns the matching indices of `order` in that order, such as the matches in a table's
    /// sort order.
    pub fn in_order(&self, order: impl IntoIterator<Item = usize>) -> Vec<usize> {
        order
            .into_iter()
            .filter(|&index| self.contains(index))
            .collect()
    }
}

/// Finds the ids of `ids` that match `query`. With `candidates`, only those ids are tested: pass
/// the matches of an earlier query that `query` narrows (see [`super::narrows`]) and the result
/// is the same as a full scan. A blank query matches every id.
///
/// Calls `is_stale` every [`CANCEL_CHECK_INTERVAL`] tested ids and returns `None` as soon as it
/// returns true, so a newer query does not wait for this one to finish.
pub fn search(
    ids: &IdTable,
    query: &Query,
    candidates: Option<&Matches>,
    is_stale: impl Fn() -> bool,
) -> Option<Matches> {
    let mut found = Vec::new();
    let mut test = |index: u32| {
        if query.matches(ids.get(index as usize)) {
            found.push(index);
        }
    };
    match candidates {
        Some(candidates) => {
            for chunk in candidates.indices().chunks(CANCEL_CHECK_INTERVAL) {
                if is_stale() {
                    return None;
                }
                chunk.iter().for_each(|&index| test(index));
            }
        }
        None => {
            let len =
                u32::try_from(ids.len()).expect("IdTable::from_raw rejects more than u32::MAX ids");
            let mut start = 0;
            while start < len {
                if is_stale() {
                    return None;
                }
                let end = len.min(start.saturating_add(CANCEL_CHECK_INTERVAL as u32));
                (start..end).for_each(&mut test);
                start = end;
            }
        }
    }
    Some(Matches::from_sorted(found, ids.len()))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use proptest::prelude::*;

    use super::*;
    use crate::analysis::search::{fuzzy_matches, narrows};
    use crate::model::Model;

    fn table() -> IdTable {
        IdTable::from_raw([
            "Qwen/Qwen2.5-7B",
            "Qwen/Qwen2.5-72B",
            "meta/Llama-7B",
            "microsoft/phi-4",
        ])
    }

    fn indices(matches: &Matches) -> Vec<u32> {
        matches.indices().to_vec()
    }

    #[test]
    fn full_scan_finds_matches_in_order() {
        let found = search(&table(), &Query::new("7b"), None, || false).unwrap();
        assert_eq!(indices(&found), vec![0, 1, 2]);
        assert!(found.contains(2));
        assert!(!found.contains(3));
        assert!(!found.contains(1000), "beyond the table");
    }

    #[test]
    fn matches_follow_a_given_order() {
        let found = search(&table(), &Query::new("7b"), None, || false).unwrap();
        assert_eq!(found.in_order([3, 2, 1, 0]), vec![2, 1, 0]);
    }

    #[test]
    fn narrowed_scan_tests_only_candidates() {
        let table = table();
        let qwen = search(&table, &Query::new("qwen"), None, || false).unwrap();
        assert_eq!(indices(&qwen), vec![0, 1]);
        let narrowed = search(&table, &Query::new("qwen 72"), Some(&qwen), || false).unwrap();
        assert_eq!(indices(&narrowed), vec![1]);
    }

    #[test]
    fn blank_query_matches_every_id() {
        let found = search(&table(), &Query::new(""), None, || false).unwrap();
        assert_eq!(found.len(), 4);
    }

    proptest! {
        /// Searching only the matches of a query gives, for any query that extends it, exactly
        /// the ids that a full scan and `slmscope models --query` give.
        #[test]
        fn narrowed_scan_equals_full_scan(
            ids in prop::collection::vec("[a-dA-D0-9/._ é-]{0,16}", 0..40),
            terms in prop::collection::vec("[a-dA-D0-9é-]{1,3}", 1..3),
            grown in "[a-dA-D0-9é-]{0,3}",
            added in prop::collection::vec("[a-dA-D0-9é-]{1,3}", 0..2),
        ) {
            let table = IdTable::from_raw(ids.iter().map(String::as_str));
            let previous = terms.join(" ");
            let next = [format!("{previous}{grown}")]
                .into_iter()
                .chain(added)
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert!(narrows(&previous, &next));

            let base = search(&table, &Query::new(&previous), None, || false).unwrap();
            let narrowed = search(&table, &Query::new(&next), Some(&base), || false).unwrap();
            let full = search(&table, &Query::new(&next), None, || false).unwrap();
            prop_assert_eq!(&narrowed, &full);

            let models: Vec<Model> = ids.iter().map(|id| Model::minimal(id, None)).collect();
            let mut cli: Vec<u32> = fuzzy_matches(&models, &next)
                .into_iter()
                .map(|index| index as u32)
                .collect();
            cli.sort_unstable();
            prop_assert_eq!(full.indices(), &cli[..]);
        }
    }

    #[test]
    fn stale_scan_stops_at_a_check() {
        let ids: Vec<String> = (0..3 * CANCEL_CHECK_INTERVAL)
            .map(|i| format!("owner/model-{i}"))
            .collect();
        let table = IdTable::from_raw(ids.iter().map(String::as_str));
        let checks = Cell::new(0);
        let is_stale = || {
            checks.set(checks.get() + 1);
            checks.get() > 1
        };
        assert_eq!(search(&table, &Query::new("model"), None, is_stale), None);
        assert_eq!(checks.get(), 2, "stopped at the second check");
    }
}
