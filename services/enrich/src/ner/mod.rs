//! Named entities — people, organisations, places and other names — in
//! English text, by a linear-chain CRF trained with CRFsuite (the
//! `crfsuite` crate) on openly licensed corpora: Universal NER English-EWT
//! (CC BY-SA 4.0), the Broad Twitter Corpus (CC BY 4.0) and WNUT-17 (CC BY
//! 4.0), and scored in Rust ([`crf`]). The model (`data/ner.model`) is
//! compiled into the binary and rebuilt by `cargo run --release -p
//! newsflow-enrich --bin newsflow-ner-train` (data/README.md); nothing is
//! read or downloaded at run time.
//!
//! [`find`] tags the text sentence by sentence (a sentence in capitals
//! recased first, [`truecase`]) and applies [`refine`]'s
//! corrections (names cut at a lower-case word, [`breaks`]; institutions
//! named "X of Y", places the gazetteer knows whole, capitalised names
//! ending in an organisation's kind or a legal form, states and provinces;
//! sports teams, [`sports`]); [`group`] merges the mentions of one entity
//! within an article.

pub mod breaks;
pub mod corpus;
pub mod crf;
pub mod features;
pub mod group;
pub mod refine;
pub mod sports;
pub mod tokens;
pub mod truecase;

use std::cell::RefCell;
use std::sync::LazyLock;

use crf::{Crf, Tagger};

static MODEL: LazyLock<Result<Crf, String>> =
    LazyLock::new(|| Crf::parse(include_str!("../../data/ner.model")));

/// Why tagging could not run. Not retryable: the model is part of the build.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// The shipped model could not be read.
    #[error("the named-entity model cannot be read: {0}")]
    Model(String),
}

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person.
    Person,
    /// A company, institution, party, team, band, …
    Organization,
    /// A country, city, region, natural place, address, …
    Location,
    /// Other names: events, works, products, nationalities.
    Other,
}

impl Kind {
    /// The contract's name for the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::Other => "other",
        }
    }

    fn from_label(t: &str) -> Option<Kind> {
        match t {
            "PER" => Some(Kind::Person),
            "ORG" => Some(Kind::Organization),
            "LOC" => Some(Kind::Location),
            "MISC" => Some(Kind::Other),
            _ => None,
        }
    }
}

/// One mention found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Entity type.
    pub kind: Kind,
    /// The tagger's marginal probability of its least certain word's label.
    pub confidence: f64,
}

thread_local! {
    // Each thread keeps its own per-word cache.
    static TAGGER: RefCell<Option<Tagger<'static>>> = const { RefCell::new(None) };
}

/// BIO labels (and each label's marginal probability) for one sentence.
pub fn tag(words: &[&str]) -> Result<Vec<(&'static str, f64)>, NerError> {
    let model: &'static Crf = MODEL.as_ref().map_err(|e| NerError::Model(e.clone()))?;
    let tagged = TAGGER.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| Tagger::new(model))
            .tag(words)
    });
    Ok(tagged
        .into_iter()
        .map(|(l, p)| (model.labels()[l].as_str(), p))
        .collect())
}

/// The entity mentions of `text`, in text order.
pub fn find(text: &str) -> Result<Vec<Found>, NerError> {
    find_in(text, &tokens::sentences(text))
}

/// The entity mentions of `text`, already cut into `sentences`.
pub fn find_in(text: &str, sentences: &[Vec<tokens::Token>]) -> Result<Vec<Found>, NerError> {
    let all: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|t| &text[t.start..t.end]).collect())
        .collect();
    let recased: Vec<bool> = all.iter().map(|w| truecase::is_recased(w)).collect();
    let mut out = Vec::new();
    // Ordinary sentences first: the names found there are how the article
    // spells the words of its sentences in capitals.
    for (i, (sentence, words)) in sentences.iter().zip(&all).enumerate() {
        if !recased[i] {
            out.extend(find_in_sentence(text, sentence, words)?);
        }
    }
    if recased.contains(&true) {
        let mut casing = truecase::Casing::of(all.iter().map(Vec::as_slice));
        for f in &out {
            casing.add_name(&text[f.start..f.end]);
        }
        for (i, (sentence, words)) in sentences.iter().zip(&all).enumerate() {
            if let Some(words) = casing.recase(words).filter(|_| recased[i]) {
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                out.extend(find_in_sentence(text, sentence, &words)?);
            }
        }
        out.sort_by_key(|f| f.start);
    }
    Ok(out)
}

/// The mentions of one sentence, tagged as `words` (its tokens' text, or
/// that text recased).
fn find_in_sentence(
    text: &str,
    sentence: &[tokens::Token],
    words: &[&str],
) -> Result<Vec<Found>, NerError> {
    let tagged = tag(words)?;
    let mut labels: Vec<&str> = tagged.iter().map(|(l, _)| *l).collect();
    refine::all(words, &mut labels);
    let mut out = Vec::new();
    for (t, first, last) in corpus::spans(&labels) {
        let Some(kind) = Kind::from_label(&t) else {
            continue;
        };
        let confidence = tagged[first..last]
            .iter()
            .map(|(_, p)| *p)
            .fold(1.0, f64::min);
        let (start, end) = whole_words(text, sentence[first].start, sentence[last - 1].end);
        if start < end {
            out.push(Found {
                start,
                end,
                kind,
                confidence,
            });
        }
    }
    Ok(out)
}

/// A mention widened to whole hyphenated words ("Suk" of "Suk-yeol": the
/// training corpora cut hyphens apart, and a lower-case part after one
/// looks like no name) and without a leading "The" (news capitalise it
/// at the start of a sentence; the corpora leave it out of names).
fn whole_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let alnum = |i: usize| text[i..].chars().next().is_some_and(char::is_alphanumeric);
    while end + 1 < text.len() && bytes[end] == b'-' && alnum(end + 1) {
        end += 1;
        while end < text.len() && alnum(end) {
            end += text[end..].chars().next().map_or(1, char::len_utf8);
        }
    }
    while start >= 2
        && bytes[start - 1] == b'-'
        && text[..start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        start -= 1;
        while let Some(c) = text[..start]
            .chars()
            .next_back()
            .filter(|c| c.is_alphanumeric())
        {
            start -= c.len_utf8();
        }
    }
    for the in ["The ", "the "] {
        if text[start..end].starts_with(the) && end - start > the.len() {
            start += the.len();
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_cover_whole_hyphenated_words_without_the() {
        let t = "met Yoon Suk-yeol and The World Bank in Guinea-Bissau";
        let at = |s: &str| (t.find(s).unwrap(), t.find(s).unwrap() + s.len());
        assert_eq!(
            whole_words(t, at("Yoon Suk").0, at("Yoon Suk").1),
            at("Yoon Suk-yeol")
        );
        assert_eq!(
            whole_words(t, at("The World Bank").0, at("The World Bank").1),
            at("World Bank")
        );
        assert_eq!(
            whole_words(t, at("Bissau").0, at("Bissau").1),
            at("Guinea-Bissau")
        );
    }
}
