//! A query prepared once for matching many ids, and the rule that lets a grown query search only
//! the previous matches.

/// One whitespace-separated term of a query, ready to be tested against many ids.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// The term with ASCII letters lowercased.
    folded: String,
    /// The characters of `folded` when the term is not all ASCII. Empty for an ASCII term.
    chars: Vec<char>,
}

impl Term {
    fn new(term: &str) -> Term {
        let folded = term.to_ascii_lowercase();
        let chars = if folded.is_ascii() {
            Vec::new()
        } else {
            folded.chars().collect()
        };
        Term { folded, chars }
    }

    /// Tests whether the term's characters occur in `id` in order, ASCII letters in either case.
    /// This is exactly when the skim matcher of [`super::matcher`] returns a score: its
    /// `fuzzy_match` (fuzzy-matcher 0.3.7, `SkimMatcherV2` ignoring case) first runs this same
    /// subsequence test with `char::eq_ignore_ascii_case` and scores every id that passes.
    fn matches(&self, id: &str) -> bool {
        if self.chars.is_empty() {
            // An ASCII byte of the term can only equal an ASCII byte of the id, never a byte of
            // a multibyte character, so comparing bytes gives the same result as characters.
            is_subsequence(self.folded.as_bytes(), id.bytes())
        } else {
            is_subsequence(&self.chars, id.chars())
        }
    }
}

/// Tests whether `pattern` occurs in `haystack` in order, comparing items ASCII-lowercased.
/// `pattern` is already lowercased.
fn is_subsequence<T: Copy + PartialEq + AsciiFold>(
    pattern: &[T],
    haystack: impl Iterator<Item = T>,
) -> bool {
    let Some((&first, _)) = pattern.split_first() else {
        return true;
    };
    let mut wanted = first;
    let mut found = 0;
    for item in haystack {
        if item.fold() == wanted {
            found += 1;
            match pattern.get(found) {
                Some(&next) => wanted = next,
                None => return true,
            }
        }
    }
    false
}

trait AsciiFold {
    fn fold(self) -> Self;
}

impl AsciiFold for u8 {
    fn fold(self) -> u8 {
        self.to_ascii_lowercase()
    }
}

impl AsciiFold for char {
    fn fold(self) -> char {
        self.to_ascii_lowercase()
    }
}

/// A query split into its whitespace-separated terms. An id matches when every term matches it,
/// which gives the same ids as [`super::query_score`] returning `Some`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    terms: Vec<Term>,
}

impl Query {
    /// Prepares `text`, ignoring leading and trailing whitespace.
    pub fn new(text: &str) -> Query {
        let text = text.trim();
        Query {
            text: text.to_string(),
            terms: text.split_whitespace().map(Term::new).collect(),
        }
    }

    /// Returns the query without leading and trailing whitespace.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True for a blank query, which matches every id.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Tests whether every term matches `id`, the id as displayed (already cleaned).
    pub fn matches(&self, id: &str) -> bool {
        self.terms.iter().all(|term| term.matches(id))
    }
}

/// Tests whether every id matching `next` also matches `previous`, so that `next` can be searched
/// among the matches of `previous` alone. That holds when each term of `previous` is a prefix of
/// the term of `next` at the same position: "qw" → "qwe", "qwen 7" → "qwen 7b", "qwen" →
/// "qwen 7b". A prefix of a term matches wherever the term does, since the match is a
/// subsequence test, and the terms `next` adds only remove ids. A blank `previous` matches
/// every id, so it is the trivial case and returns true.
pub fn narrows(previous: &str, next: &str) -> bool {
    let mut next_terms = next.split_whitespace();
    previous.split_whitespace().all(|term| {
        next_terms
            .next()
            .is_some_and(|longer| longer.starts_with(term))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::search::{matcher, query_score};
    use proptest::prelude::*;

    #[test]
    fn terms_match_in_order_ignoring_ascii_case() {
        let query = Query::new("  QWEN 7b ");
        assert_eq!(query.text(), "QWEN 7b");
        assert!(query.matches("Qwen/Qwen2.5-7B-Instruct"));
        assert!(!query.matches("Qwen/Qwen2.5-0.5B"), "7 and b are missing");
        assert!(!Query::new("newq").matches("Qwen"), "order matters");
    }

    #[test]
    fn blank_query_matches_everything() {
        let query = Query::new(" \t ");
        assert!(query.is_empty());
        assert!(query.matches(""));
        assert!(query.matches("any/id"));
    }

    #[test]
    fn non_ascii_terms_match_by_character() {
        assert!(Query::new("é").matches("café"));
        assert!(!Query::new("É").matches("café"), "only ASCII letters fold");
        // The bytes of "é" (C3 A9) occur in order in "Ã©" (C3 83 C2 A9), the characters do not.
        assert!(!Query::new("é").matches("Ã©"));
    }

    #[test]
    fn narrows_when_terms_grow() {
        assert!(narrows("qw", "qwe"));
        assert!(narrows("qwen 7", "qwen 7b"));
        assert!(narrows("qwen", "qwen 7b"));
        assert!(narrows("qwen", "qwen"));
        assert!(narrows("", "anything"));
    }

    #[test]
    fn does_not_narrow_otherwise() {
        assert!(!narrows("qwe", "qw"), "a shorter term matches more ids");
        assert!(
            !narrows("qwen 7b", "qwen"),
            "a dropped term matches more ids"
        );
        assert!(!narrows("qw", "q w"), "a split term matches more ids");
        assert!(
            !narrows("ab", "xab"),
            "a term grown at the front is another term"
        );
    }

    /// Ids mixing the characters that matter: both cases, digits, separators and multibyte
    /// characters.
    fn id_strategy() -> impl Strategy<Value = String> {
        "[a-dA-D0-9/._ é€Ã©-]{0,24}"
    }

    fn term_strategy() -> impl Strategy<Value = String> {
        "[a-dA-D0-9/._é€-]{1,4}"
    }

    proptest! {
        #[test]
        fn matches_agree_with_skim(id in id_strategy(), query in "[a-dA-D0-9 é€-]{0,8}") {
            let matcher = matcher();
            let skim = query_score(&matcher, &id, &query).is_some();
            prop_assert_eq!(Query::new(&query).matches(&id), skim);
        }

        /// Every id that matches an extended query matches the query it extends: the property
        /// that lets a grown query search only the previous matches.
        #[test]
        fn extension_matches_only_previous_matches(
            id in id_strategy(),
            terms in prop::collection::vec(term_strategy(), 1..4),
            grown in term_strategy(),
            added in prop::collection::vec(term_strategy(), 0..3),
        ) {
            let previous = terms.join(" ");
            let mut next = format!("{previous}{grown}");
            for term in &added {
                next.push(' ');
                next.push_str(term);
            }
            prop_assert!(narrows(&previous, &next));
            let matcher = matcher();
            if query_score(&matcher, &id, &next).is_some() {
                prop_assert!(query_score(&matcher, &id, &previous).is_some());
            }
        }
    }
}
