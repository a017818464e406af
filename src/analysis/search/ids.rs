//! The cleaned ids of a model list, stored end to end in one buffer.

use crate::sanitize::clean;

/// Model ids cleaned of control sequences, as the terminal shows them, by model index. They sit
/// end to end in one string, so a scan over millions of ids reads memory in order and the table
/// costs one allocation instead of one per id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdTable {
    text: String,
    /// The end of each id in `text`. Id `i` starts where id `i - 1` ends.
    ends: Vec<u32>,
}

impl IdTable {
    /// Cleans every id with [`clean`] and stores them in order. Panics when there are more than
    /// `u32::MAX` ids, the most that [`super::Matches`] can index, or more than 4 GiB of text.
    pub fn from_raw<'a>(ids: impl IntoIterator<Item = &'a str, IntoIter: Clone>) -> IdTable {
        let ids = ids.into_iter();
        // Cleaning rarely changes an id, so the raw lengths size both lists in one allocation
        // each, with no spare capacity to pay for millions of ids.
        let (count, bytes) = ids
            .clone()
            .fold((0, 0), |(count, bytes), id| (count + 1, bytes + id.len()));
        let mut table = IdTable {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
        };
        for id in ids {
            table.text.push_str(&clean(id));
            let end = u32::try_from(table.text.len()).expect("model ids hold more than 4 GiB");
            table.ends.push(end);
        }
        table.text.shrink_to_fit();
        assert!(
            u32::try_from(table.ends.len()).is_ok(),
            "more than u32::MAX model ids"
        );
        table
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Returns the cleaned id of model `index`. Panics when `index` is out of range, like slice
    /// indexing.
    pub fn get(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] as usize,
        };
        &self.text[start..self.ends[index] as usize]
    }

    /// Returns the index of the first model whose cleaned id is `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&index| self.get(index) == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_cleaned_ids_in_order() {
        let table = IdTable::from_raw(["a/b", "", "evil/\u{1b}[31mred", "c/d"]);
        assert_eq!(table.len(), 4);
        assert_eq!(table.get(0), "a/b");
        assert_eq!(table.get(1), "");
        assert_eq!(table.get(2), "evil/red");
        assert_eq!(table.get(3), "c/d");
    }

    #[test]
    fn finds_an_id() {
        let table = IdTable::from_raw(["a/b", "c/d", "c/d"]);
        assert_eq!(table.position("c/d"), Some(1));
        assert_eq!(table.position("x/y"), None);
    }

    #[test]
    fn empty_table() {
        let table = IdTable::from_raw([]);
        assert!(table.is_empty());
        assert_eq!(table.position(""), None);
    }
}
