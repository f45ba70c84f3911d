//! A list of names of one or more words, looked up in a sentence's words:
//! what the teams ([`super::teams`]) and companies ([`super::companies`])
//! rules find their names with.

use crate::{FastMap, FastSet};

/// Names as tokens joined by one space, each with a value.
pub struct NameList<V> {
    names: FastMap<String, V>,
    /// The first word of every name: a name can start only there.
    first: FastSet<String>,
    /// The longest name, in words.
    longest: usize,
}

impl<V> Default for NameList<V> {
    fn default() -> Self {
        NameList {
            names: FastMap::default(),
            first: FastSet::default(),
            longest: 0,
        }
    }
}

impl<V> NameList<V> {
    /// Adds the name `words` (as the tokenizer cuts them); nothing for no
    /// words.
    pub fn insert(&mut self, words: &[&str], value: V) {
        let Some(first) = words.first() else { return };
        self.first.insert(first.to_string());
        self.longest = self.longest.max(words.len());
        self.names.insert(words.join(" "), value);
    }

    /// The value of the name `words`, if listed.
    pub fn get(&self, words: &[&str]) -> Option<&V> {
        self.names.get(&words.join(" "))
    }

    /// Whether a listed name starts with `word`: a cheap test before
    /// [`NameList::longest_at`].
    pub fn may_start(&self, word: &str) -> bool {
        self.first.contains(word)
    }

    /// The longest listed name starting at `words[start]`: where it ends,
    /// and its value.
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, &V)> {
        if !self.may_start(words[start]) {
            return None;
        }
        (1..=self.longest.min(words.len() - start))
            .rev()
            .map(|n| start + n)
            .find_map(|end| Some((end, self.get(&words[start..end])?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_name_at_a_word_is_found() {
        let mut list = NameList::default();
        list.insert(&["Deutsche", "Bank"], 1);
        list.insert(&["Deutsche", "Bank", "Park"], 2);
        list.insert(&[], 3);
        let words = ["at", "Deutsche", "Bank", "Park", "and", "Deutsche", "Bahn"];
        assert_eq!(list.longest_at(&words, 1), Some((4, &2)));
        assert_eq!(list.longest_at(&words, 5), None);
        assert_eq!(list.longest_at(&words, 0), None);
        assert_eq!(list.get(&["Deutsche", "Bank"]), Some(&1));
    }
}
