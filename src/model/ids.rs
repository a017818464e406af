//! Model ids stored end to end in shared lists. A cache can hold millions of models: one list
//! costs one allocation and the ids' bytes, where a string per id costs an allocation and its
//! header each, and the Search pane can scan the same list without a copy.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// Texts stored end to end in one string, by index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdList {
    text: String,
    /// The end of each text in `text`. Text `i` starts where text `i - 1` ends.
    ends: Vec<u32>,
}

impl IdList {
    /// Creates an empty list with room for `count` texts of `bytes` bytes in all.
    pub fn with_capacity(count: usize, bytes: usize) -> IdList {
        IdList {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
        }
    }

    /// Appends `text`. Panics when the list would hold more than `u32::MAX` texts or 4 GiB.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        let end = u32::try_from(self.text.len()).expect("model ids hold more than 4 GiB");
        assert!(
            u32::try_from(self.ends.len()).is_ok(),
            "more than u32::MAX model ids"
        );
        self.ends.push(end);
    }

    /// Drops the spare capacity left by pushes beyond the first guess.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Returns text `index`. Panics when `index` is out of range, like slice indexing.
    pub fn get(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] as usize,
        };
        &self.text[start..self.ends[index] as usize]
    }
}

/// A model's id: one entry of a shared [`IdList`]. It reads as a `&str` and compares, orders
/// and hashes as its text.
#[derive(Clone)]
pub struct ModelId {
    list: Arc<IdList>,
    index: u32,
}

impl ModelId {
    /// Entry `index` of `list`. Panics when `index` is out of range.
    pub fn in_list(list: &Arc<IdList>, index: usize) -> ModelId {
        assert!(index < list.len(), "id {index} is not in the list");
        ModelId {
            list: Arc::clone(list),
            index: index as u32,
        }
    }

    /// True when this id is entry `index` of `list` itself, not a copy of its text.
    pub fn is_entry_of(&self, list: &Arc<IdList>, index: usize) -> bool {
        Arc::ptr_eq(&self.list, list) && self.index as usize == index
    }

    /// Returns the position of this id in its list.
    pub fn index(&self) -> usize {
        self.index as usize
    }

    /// Returns the list this id is an entry of.
    pub fn list(&self) -> &Arc<IdList> {
        &self.list
    }
}

impl Deref for ModelId {
    type Target = str;

    fn deref(&self) -> &str {
        self.list.get(self.index as usize)
    }
}

impl From<&str> for ModelId {
    /// Creates an id in a list of its own.
    fn from(text: &str) -> ModelId {
        let mut list = IdList::with_capacity(1, text.len());
        list.push(text);
        ModelId::in_list(&Arc::new(list), 0)
    }
}

impl AsRef<str> for ModelId {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for ModelId {
    fn borrow(&self) -> &str {
        self
    }
}

impl PartialEq for ModelId {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for ModelId {}

impl PartialEq<str> for ModelId {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for ModelId {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialOrd for ModelId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ModelId {
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl Hash for ModelId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Debug for ModelId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(formatter)
    }
}

impl fmt::Display for ModelId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(formatter)
    }
}

impl serde::Serialize for ModelId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_texts_in_order() {
        let mut list = IdList::with_capacity(0, 0);
        for text in ["a/b", "", "c/d"] {
            list.push(text);
        }
        assert_eq!(list.len(), 3);
        assert_eq!((list.get(0), list.get(1), list.get(2)), ("a/b", "", "c/d"));
    }

    #[test]
    fn ids_share_their_list_and_compare_as_text() {
        let mut list = IdList::default();
        list.push("b/two");
        list.push("a/one");
        let list = Arc::new(list);
        let two = ModelId::in_list(&list, 0);
        let one = ModelId::in_list(&list, 1);
        assert_eq!(&*two, "b/two");
        assert!(one < two);
        assert!(two.is_entry_of(&list, 0));
        assert!(!ModelId::from("b/two").is_entry_of(&list, 0));
        assert_eq!(ModelId::from("b/two"), two);
        assert_eq!(size_of::<ModelId>(), 16);
    }
}
