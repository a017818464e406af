//! The cleaned ids of a model list, stored end to end in one buffer.

use std::borrow::Cow;
use std::sync::Arc;

use crate::model::{IdList, Model};
use crate::sanitize::clean;

/// Model ids cleaned of control sequences, as the terminal shows them, by model index. They sit
/// end to end in one string, so a scan over millions of ids reads memory in order and the table
/// costs one allocation instead of one per id. When no id needs cleaning, the table is the
/// models' own id list, shared instead of copied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdTable {
    list: Arc<IdList>,
}

impl IdTable {
    /// Cleans every id with [`clean`] and stores them in order. Panics when there are more than
    /// `u32::MAX` ids, the most that [`super::Matches`] can index, or more than 4 GiB of text.
    pub fn from_raw<'a>(ids: impl IntoIterator<Item = &'a str, IntoIter: Clone>) -> IdTable {
        let ids = ids.into_iter();
        // Cleaning rarely changes an id, so the raw lengths size the list with no spare
        // capacity to pay for millions of ids.
        let (count, bytes) = ids
            .clone()
            .fold((0, 0), |(count, bytes), id| (count + 1, bytes + id.len()));
        let mut list = IdList::with_capacity(count, bytes);
        for id in ids {
            list.push(&clean(id));
        }
        list.shrink_to_fit();
        IdTable {
            list: Arc::new(list),
        }
    }

    /// The ids of `models`. When the models are, in order, every entry of one id list (as the
    /// cache loads them) and no id needs cleaning, the table shares that list; otherwise it
    /// cleans a copy, as [`IdTable::from_raw`] does.
    pub fn of_models(models: &[Model]) -> IdTable {
        if let Some(first) = models.first() {
            let list = first.id.list();
            let shared = list.len() == models.len()
                && (0..models.len()).all(|index| models[index].id.is_entry_of(list, index))
                && (0..list.len()).all(|index| matches!(clean(list.get(index)), Cow::Borrowed(_)));
            if shared {
                return IdTable {
                    list: Arc::clone(list),
                };
            }
        }
        IdTable::from_raw(models.iter().map(|model| &*model.id))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Returns the cleaned id of model `index`. Panics when `index` is out of range, like slice
    /// indexing.
    pub fn get(&self, index: usize) -> &str {
        self.list.get(index)
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
    fn shares_the_list_of_loaded_models_only_when_clean() {
        let mut list = IdList::default();
        for id in ["a/b", "c/d"] {
            list.push(id);
        }
        let list = Arc::new(list);
        let mut models: Vec<Model> = (0..2)
            .map(|index| {
                let mut model = Model::new("");
                model.id = crate::model::ModelId::in_list(&list, index);
                model
            })
            .collect();
        let table = IdTable::of_models(&models);
        assert!(
            Arc::ptr_eq(&table.list, &list),
            "the models' list is shared"
        );
        assert_eq!((table.get(0), table.get(1)), ("a/b", "c/d"));

        // A subset, or ids that need cleaning, get a cleaned copy.
        assert!(!Arc::ptr_eq(&IdTable::of_models(&models[1..]).list, &list));
        models[1] = Model::new("evil/\u{1b}[31mred");
        let copied = IdTable::of_models(&models);
        assert_eq!(copied.get(1), "evil/red");
    }

    #[test]
    fn empty_table() {
        let table = IdTable::from_raw([]);
        assert!(table.is_empty());
        assert_eq!(table.position(""), None);
    }
}
