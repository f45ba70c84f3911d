//! Sentences written all in capitals — wire-copy headlines ("TENNIS - SELES
//! BEATS GRAF TO REACH FINAL"), shouted kickers — read as the article
//! writes the same words elsewhere.
//!
//! The tagger learned from text in ordinary case, where a capital marks a
//! name; in a sentence of capitals every word looks like one, and it tagged
//! "TENNIS - SELES BEATS GRAF" as a single name. Such a sentence is tagged
//! with its words recased: as the article writes the word in its other
//! sentences ("Seles", "beat"), else as the gazetteers know it ("Saudi
//! Arabia", "FBI"), else in lower case when it is a common English word,
//! else capitalised (a rare word there is most often a name). Mentions keep
//! their offsets in the original text.

use super::features;
use super::group::title_case;
use crate::FastMap;

/// Fewest words of two or more letters, all in capitals, that make a
/// sentence "all capitals" (a dateline such as "LONDON 2024-03-02" has one
/// and is tagged as it is).
const MIN_CAPITAL_WORDS: usize = 3;

/// Share of a sentence's words of two or more letters that must be in
/// capitals ("The IMF and the EU" is ordinary text with acronyms).
const MIN_CAPITAL_SHARE: f64 = 0.8;

/// A word below this Zipf frequency that is also a given name, a surname
/// or a place is taken for a name ("GRAF"); above it, for the word
/// ("WILL", "MARK", "SURPRISE").
const COMMON_NAME_ZIPF: f32 = 4.0;

/// A word at or above this Zipf frequency is a common English word.
const COMMON_ZIPF: f32 = 3.0;

/// Longest unknown word kept in capitals, as an acronym ("UEFA") rather
/// than a name.
const ACRONYM_LETTERS: usize = 4;

/// How an article writes its words outside all-capital sentences: each
/// lower-case form's most frequent spelling, sentence starts left out (a
/// capital there says nothing).
#[derive(Debug, Default)]
pub struct Casing {
    forms: FastMap<String, FastMap<String, usize>>,
    /// The words of the names found in the article's other sentences, as
    /// written: they win over counts ("Manchester" starts a sentence only).
    names: FastMap<String, String>,
}

impl Casing {
    /// The casing of `sentences` (each a list of words), all-capital ones
    /// left out, for the words of the all-capital ones (only those are
    /// asked for).
    pub fn of<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]> + Clone) -> Casing {
        let mut forms: FastMap<String, FastMap<String, usize>> = sentences
            .clone()
            .into_iter()
            .filter(|words| is_all_capitals(words))
            .flat_map(|words| words.iter().filter(|w| is_capitals(w)))
            .map(|w| (w.to_lowercase(), FastMap::default()))
            .collect();
        for words in sentences {
            if is_all_capitals(words) {
                continue;
            }
            for word in words.iter().skip(1) {
                if !word.chars().any(char::is_uppercase) {
                    // A lower-case word is its own key: no copy to look it up.
                    if let Some(counts) = forms.get_mut(*word) {
                        *counts.entry((*word).to_string()).or_default() += 1;
                    }
                    continue;
                }
                if let Some(counts) = forms.get_mut(&word.to_lowercase()) {
                    *counts.entry((*word).to_string()).or_default() += 1;
                }
            }
        }
        Casing {
            forms,
            names: FastMap::default(),
        }
    }

    /// Takes the words of `name`, a name found in an ordinary sentence, as
    /// the article's spelling of them.
    pub fn add_name(&mut self, name: &str) {
        for word in name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
            if word.chars().any(char::is_uppercase) && !is_capitals(word) {
                self.names
                    .entry(word.to_lowercase())
                    .or_insert_with(|| word.to_string());
            }
        }
    }

    /// The spelling the article uses most for `lower`, if it uses the word.
    fn spelling(&self, lower: &str) -> Option<&str> {
        if let Some(name) = self.names.get(lower) {
            return Some(name);
        }
        self.forms
            .get(lower)?
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(form, _)| form.as_str())
    }

    /// `words` recased for tagging when they are an all-capital sentence;
    /// `None` for any other sentence.
    pub fn recase(&self, words: &[&str]) -> Option<Vec<String>> {
        if !is_recased(words) {
            return None;
        }
        let mut out: Vec<Option<String>> = vec![None; words.len()];
        // Names of two or three words the gazetteers know, whole.
        let mut i = 0;
        while i < words.len() {
            let known = (2..=3).rev().find(|&n| {
                i + n <= words.len() && {
                    let titled: Vec<String> =
                        words[i..i + n].iter().map(|w| title_case(w)).collect();
                    let titled: Vec<&str> = titled.iter().map(String::as_str).collect();
                    is_capitals(words[i]) && features::is_known_name(&titled)
                }
            });
            match known {
                Some(n) => {
                    for j in i..i + n {
                        out[j] = Some(title_case(words[j]));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        let mut recased: Vec<String> = words
            .iter()
            .zip(out)
            .map(|(word, done)| done.unwrap_or_else(|| self.word(word)))
            .collect();
        // An ordinary sentence starts with a capital.
        if let Some(first) = recased.first_mut() {
            let mut chars = first.chars();
            if let Some(c) = chars.next().filter(|c| c.is_lowercase()) {
                *first = c.to_uppercase().chain(chars).collect();
            }
        }
        Some(recased)
    }

    /// One word of an all-capital sentence, recased.
    fn word(&self, word: &str) -> String {
        if !is_capitals(word) {
            // "A", "V" (versus) and other words of one capital letter but
            // "I" are lower-case words.
            let single = word.len() == 1 && word != "I" && word.chars().all(char::is_uppercase);
            return if single {
                word.to_lowercase()
            } else {
                word.to_string()
            };
        }
        let lower = word.to_lowercase();
        if let Some(form) = self.spelling(&lower) {
            return form.to_string();
        }
        if features::is_known_name(&[word]) {
            return word.to_string();
        }
        let titled = title_case(word);
        // Countries, capitals and nationalities whatever their frequency;
        // other places and people's names only when the word is not a
        // common one ("SURPRISE" is a town in Arizona, "WILL" a name).
        if crate::countries::code_of(&titled).is_some() || crate::countries::is_nationality(&titled)
        {
            return titled;
        }
        let zipf = features::zipf(&lower);
        let rare = zipf.is_none_or(|z| z < COMMON_NAME_ZIPF);
        if rare && (features::is_person_name(&titled) || features::is_known_name(&[&titled])) {
            return titled;
        }
        if zipf.is_some_and(|z| z >= COMMON_ZIPF) {
            return lower;
        }
        if word.chars().count() <= ACRONYM_LETTERS {
            return word.to_string();
        }
        titled
    }
}

/// Whether `words` are a sentence in capitals that is read recased: not a
/// product's line.
pub fn is_recased(words: &[&str]) -> bool {
    is_recased_words(words.iter().copied())
}

/// For each of `text`'s `sentences`, whether it is read recased
/// ([`is_recased`]).
pub fn recased_sentences(text: &str, sentences: &[Vec<super::tokens::Token>]) -> Vec<bool> {
    sentences
        .iter()
        .map(|s| is_recased_words(s.iter().map(|t| &text[t.start..t.end])))
        .collect()
}

/// The byte spans of the `sentences` that are read recased (`recased`,
/// from [`recased_sentences`]): where a name may be written in capitals
/// (elsewhere a word in capitals is an acronym: "AI" is no "Ai").
pub fn capital_spans(
    sentences: &[Vec<super::tokens::Token>],
    recased: &[bool],
) -> Vec<(usize, usize)> {
    sentences
        .iter()
        .zip(recased)
        .filter(|(_, &recased)| recased)
        .filter_map(|(s, _)| Some((s.first()?.start, s.last()?.end)))
        .collect()
}

/// [`is_recased`] for words as an iterator.
pub fn is_recased_words<'a>(words: impl ExactSizeIterator<Item = &'a str> + Clone) -> bool {
    all_capitals(words.clone()) && !words.into_iter().any(is_model_number)
}

/// Letters and digits in one word ("EF12", "Z6", "1080P"): a line of
/// capitals that holds one names a product, and a product line recased
/// read as a sentence of names (development corpus: "NIKON Z6 MARK III"
/// gave a person "MARK").
fn is_model_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic)
}

/// A word's letters: fewer than two, two or more all in capitals (letters
/// of scripts without case are none: "연구" is not in capitals), or two or
/// more with one that is not.
#[derive(PartialEq)]
enum Letters {
    Few,
    Capitals,
    Other,
}

fn letters(word: &str) -> Letters {
    let (mut n, mut capitals) = (0, true);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        n += 1;
        capitals &= c.is_uppercase();
        if n >= 2 && !capitals {
            return Letters::Other;
        }
    }
    match n {
        0 | 1 => Letters::Few,
        _ if capitals => Letters::Capitals,
        _ => Letters::Other,
    }
}

/// A word of two or more letters, all capitals.
fn is_capitals(word: &str) -> bool {
    letters(word) == Letters::Capitals
}

/// Whether `words` are a sentence written in capitals: three words or
/// more of two or more capital letters, 80 % of its words. Every sentence of
/// every article is asked, so an ordinary one is told at its first few
/// words.
pub fn is_all_capitals(words: &[&str]) -> bool {
    all_capitals(words.iter().copied())
}

fn all_capitals<'a>(words: impl ExactSizeIterator<Item = &'a str>) -> bool {
    let n = words.len();
    let (mut capitals, mut others) = (0usize, 0usize);
    for (i, word) in words.enumerate() {
        match letters(word) {
            Letters::Capitals => capitals += 1,
            Letters::Other => others += 1,
            Letters::Few => {}
        }
        // Even if every word left were in capitals, too few would be.
        let best = capitals + (n - i - 1);
        if (best as f64) < MIN_CAPITAL_SHARE * (best + others) as f64 {
            return false;
        }
    }
    capitals >= MIN_CAPITAL_WORDS
        && capitals as f64 >= MIN_CAPITAL_SHARE * (capitals + others) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn only_sentences_of_capitals_are_recased() {
        let casing = Casing::default();
        assert!(casing.recase(&words("LONDON 2024-03-02")).is_none());
        assert!(casing
            .recase(&words("The IMF and the EU met in Brussels on Monday"))
            .is_none());
        assert!(casing.recase(&words("SELES BEATS GRAF")).is_some());
        assert!(casing
            .recase(&words("연구 자료 (SAM) 기반 ELISA 접근법"))
            .is_none());
        assert!(casing.recase(&words("3. NIKON Z6 MARK III")).is_none());
    }

    #[test]
    fn words_take_the_article_s_spelling_then_the_gazetteers_then_frequency() {
        let body = [
            words("Monica Seles beat Steffi Graf on Saturday to reach the final"),
            words("Seles said she was happy with her serve"),
        ];
        let casing = Casing::of(body.iter().map(Vec::as_slice));
        let got = casing
            .recase(&words(
                "TENNIS - SELES BEATS GRAF TO REACH FINAL IN SAUDI ARABIA",
            ))
            .unwrap();
        assert_eq!(
            got.join(" "),
            "Tennis - Seles beats Graf to reach final in Saudi Arabia"
        );
        // Nothing in the article: a rare word is a name, a short unknown
        // one an acronym, a known organisation keeps its capitals.
        let got = Casing::default()
            .recase(&words(
                "RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER UEFA BAN",
            ))
            .unwrap();
        assert_eq!(
            got.join(" "),
            "Rugby union - Cuttitta back for Italy after UEFA ban"
        );
    }

    #[test]
    fn names_in_a_headline_of_capitals_are_found() {
        let text = "TENNIS - SELES BEATS GRAF IN TOKYO\nMonica Seles beat Steffi Graf 6-3 6-2 on Saturday in Tokyo.\nSeles said she was pleased.";
        let (entities, _) = super::super::group::entities("", text).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut mentions: Vec<(String, super::super::Kind)> = Vec::new();
        for e in &entities {
            for &(s, end) in &e.spans {
                mentions.push((chars[s..end].iter().collect(), e.kind));
            }
        }
        use super::super::Kind::{Location, Person};
        for (name, kind) in [("SELES", Person), ("GRAF", Person), ("TOKYO", Location)] {
            assert!(
                mentions.contains(&(name.to_string(), kind)),
                "{name} in {mentions:?}"
            );
        }
        // Before: "TENNIS - SELES BEATS GRAF" was one name.
        assert!(
            !mentions.iter().any(|(n, _)| n.contains("TENNIS")),
            "{mentions:?}"
        );
    }
}
