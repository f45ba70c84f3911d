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
//! recased first, [`truecase`]) and applies [`refine`]'s corrections
//! (names cut at a lower-case word, a weekday, a month, a comma or a
//! particle, [`breaks`]; institutions named "X of Y", capitalised names
//! ending in an organisation's kind or a legal form, [`institutions`];
//! places the gazetteer knows whole, states and provinces; listed teams,
//! [`teams`], and companies, [`companies`]; sports teams on results lines
//! and around results, scorers and riders' teams, [`sports`], and clubs
//! named after places or before a player's position, [`clubs`]; what the
//! words around a name say, [`around`]: a company's kind or a player's
//! position before it, a role, a plural verb or an outlet's kind after it,
//! an acronym defined in parentheses, a title or a possessive to cut, a
//! dateline in capitals), then labels every side of a results table as a
//! team; [`group`] merges the mentions of one entity within an article (a
//! name in a headline in capitals joins the same name found in ordinary
//! case; a listed team's nickname alone joins the team; a company's and a
//! club's short forms join it; a name on the dateline is a place).

pub mod around;
pub mod breaks;
pub mod clubs;
pub mod companies;
pub mod corpus;
pub mod crf;
pub mod features;
pub mod group;
pub mod institutions;
pub mod names;
pub mod officers;
pub mod refine;
pub mod sports;
pub mod teams;
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
    find_in_recased(
        text,
        sentences,
        &truecase::recased_sentences(text, sentences),
    )
}

/// [`find_in`], with which of the `sentences` are read recased already
/// known ([`truecase::recased_sentences`]).
pub(crate) fn find_in_recased(
    text: &str,
    sentences: &[Vec<tokens::Token>],
    recased: &[bool],
) -> Result<Vec<Found>, NerError> {
    let all: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|t| &text[t.start..t.end]).collect())
        .collect();
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
    results_table(text, sentences, &all, &mut out);
    Ok(out)
}

/// Fewest results lines that make an article's results a table.
const TABLE_LINES: usize = 2;

/// The confidence of a team named by its place in a results table, not by
/// the tagger (a dateline's place has the same).
const TABLE_CONFIDENCE: f64 = 0.9;

/// A results table ("Werder Bremen 1 Hamburg 1 / Schalke 3 Hansa Rostock
/// 1"): two or more results lines, one with a name the tagger found there
/// or in an article about sport ([`sports::is_about_sport`]: "Pohang 3
/// Ulsan 2 ( halftime 1-0 )", names the tagger never saw), has every
/// line's sides labelled as teams ([`sports::table_line`]), and so has
/// each of its standings rows ("Red Star 4 4 0 0 9 3 12"); the tagger,
/// line by line, found some and missed others. The mentions already in
/// `out` on those lines are replaced.
fn results_table(
    text: &str,
    sentences: &[Vec<tokens::Token>],
    all: &[Vec<&str>],
    out: &mut Vec<Found>,
) {
    let span = |i: usize| {
        let s = &sentences[i];
        (
            s.first().map_or(0, |t| t.start),
            s.last().map_or(0, |t| t.end),
        )
    };
    let within = |f: &Found, (start, end): (usize, usize)| start <= f.start && f.end <= end;
    let lines: Vec<usize> = (0..all.len())
        .filter(|&i| sports::is_results_line(&all[i]))
        .collect();
    let named = lines
        .iter()
        .any(|&i| out.iter().any(|f| within(f, span(i))));
    if lines.len() < TABLE_LINES || !(named || all.iter().any(|w| sports::is_about_sport(w))) {
        return;
    }
    let rows = (0..all.len()).filter(|&i| sports::is_standings_row(&all[i]));
    for i in lines.iter().copied().chain(rows) {
        out.retain(|f| !within(f, span(i)));
        let mut labels = vec!["O"; all[i].len()];
        sports::table_line(&all[i], &mut labels);
        let confidence = vec![TABLE_CONFIDENCE; labels.len()];
        out.extend(mentions(text, &sentences[i], &labels, &confidence));
    }
    out.sort_by_key(|f| f.start);
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
    let confidence: Vec<f64> = tagged.iter().map(|(_, p)| *p).collect();
    Ok(mentions(text, sentence, &labels, &confidence))
}

/// The mentions a sentence's BIO `labels` mark, each with its least
/// certain word's `confidence`.
fn mentions(
    text: &str,
    sentence: &[tokens::Token],
    labels: &[&str],
    confidence: &[f64],
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // The length of the last mention's words before widening.
    let mut previous_words = 0;
    let spans = corpus::spans(labels)
        .into_iter()
        .flat_map(|(t, first, last)| {
            dash_pieces(text, sentence, first, last).map(move |(f, l)| (t.clone(), f, l))
        });
    for (t, first, last) in spans {
        let Some(kind) = Kind::from_label(&t) else {
            continue;
        };
        let confidence = confidence[first..last].iter().copied().fold(1.0, f64::min);
        let words = sentence[last - 1].end - sentence[first].start;
        let (start, end) = whole_words(text, sentence[first].start, sentence[last - 1].end);
        // A name made an adjective ("New York-based", "U.S.-led") is no
        // name of a place or body: other, as nationality words are.
        let kind = if is_compound_adjective(&text[start..end]) {
            Kind::Other
        } else {
            kind
        };
        // A run of punctuation ("@", "[" in a list of special characters)
        // names nothing, whatever the tagger said.
        if !text[start..end].chars().any(char::is_alphanumeric) {
            continue;
        }
        // Widened to whole hyphenated words, two spans the tagger cut at a
        // hyphen ("Annegret Kramp" and "Karrenbauer") cover the same name:
        // one mention, of the type of the longer span when they differ.
        if let Some(previous) = out.last_mut().filter(|p| start < p.end) {
            previous.end = previous.end.max(end);
            if words > previous_words {
                previous.kind = kind;
                previous.confidence = confidence;
                previous_words = words;
            }
            continue;
        }
        if start < end {
            out.push(Found {
                start,
                end,
                kind,
                confidence,
            });
            previous_words = words;
        }
    }
    out
}

/// The pieces of the span `first..last` of `sentence` either side of a
/// dash standing alone between spaces ("TENNIS - EDBERG", a wire
/// headline's topic and its subject): names apart. A piece that opens the
/// sentence in capitals and holds only common words ("TENNIS", "RUGBY
/// UNION") is the headline's topic and names nothing. A hyphen inside a
/// word ("Coca-Cola", cut into three tokens) is no dash.
fn dash_pieces(
    text: &str,
    sentence: &[tokens::Token],
    first: usize,
    last: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let spaced = |i: usize| {
        let t = &sentence[i];
        matches!(&text[t.start..t.end], "-" | "–" | "—" | "--")
            && text[..t.start].ends_with(' ')
            && text[t.end..].starts_with(' ')
    };
    let dash = (first + 1..last.saturating_sub(1)).find(|&i| spaced(i));
    let pieces = match dash {
        None => [Some((first, last)), None],
        Some(k) => {
            let words = || sentence[first..k].iter().map(|t| &text[t.start..t.end]);
            let topic = first == 0
                && words().all(|w| !w.chars().any(char::is_lowercase) && around::is_common_word(w));
            [(!topic).then_some((first, k)), Some((k + 1, last))]
        }
    };
    pieces.into_iter().flatten()
}

/// Words after a hyphen that make an adjective of a name before it
/// ("London-based", "U.S.-led", "Kurdish-controlled").
const COMPOUND_ADJECTIVES: &[&str] = &[
    "based",
    "led",
    "backed",
    "born",
    "controlled",
    "registered",
    "owned",
    "made",
    "run",
    "style",
    "bound",
    "linked",
    "affiliated",
    "allied",
    "sponsored",
    "funded",
    "listed",
    "dominated",
    "held",
    "speaking",
    "era",
];

/// Whether `name` ends in a hyphen and one of the [`COMPOUND_ADJECTIVES`].
fn is_compound_adjective(name: &str) -> bool {
    name.rsplit_once('-')
        .is_some_and(|(head, tail)| !head.is_empty() && COMPOUND_ADJECTIVES.contains(&tail))
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
    fn a_dash_between_spaces_parts_names_and_a_headlines_topic_names_nothing() {
        let pieces = |text: &str, first: usize, last: usize| {
            let sentence = tokens::sentences(text).concat();
            dash_pieces(text, &sentence, first, last)
                .map(|(f, l)| {
                    sentence[f..l]
                        .iter()
                        .map(|t| &text[t.start..t.end])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(pieces("TENNIS - EDBERG REFUSES", 0, 3), ["EDBERG"]);
        assert_eq!(pieces("Leeds - Hull draw", 0, 3), ["Leeds", "Hull"]);
        assert_eq!(pieces("at Leeds - Hull", 1, 4), ["Leeds", "Hull"]);
        // A hyphen inside a word, cut into tokens, parts nothing.
        let coke = tokens::sentences("Coca-Cola said").concat().len();
        assert!(coke >= 2);
        assert_eq!(pieces("Coca-Cola said", 0, coke - 1).len(), 1);
    }

    /// The mentions [`find`] finds in `text`, with their types.
    fn found_kinds(text: &str) -> Vec<(&str, Kind)> {
        find(text)
            .unwrap()
            .iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    /// Every side of a results table is a team, those the tagger missed or
    /// took for a person too; lines of other figures are left alone.
    #[test]
    fn the_sides_of_a_results_table_are_teams() {
        let text = "Results of German first division soccer matches played on Saturday:\n\
            Bayer Leverkusen 2 Borussia Moenchengladbach 0\nWerder Bremen 1 Hamburg 1\n\
            Schalke 3 Hansa Rostock 1\nJapan 2 Syria 1";
        let names = found_kinds(text);
        let org = Kind::Organization;
        assert_eq!(
            names,
            [
                ("German", Kind::Other),
                ("Bayer Leverkusen", org),
                ("Borussia Moenchengladbach", org),
                ("Werder Bremen", org),
                ("Hamburg", org),
                ("Schalke", org),
                ("Hansa Rostock", org),
                ("Japan", Kind::Location),
                ("Syria", Kind::Location),
            ]
        );
        let recipe = "Serves 4 Prep 15\nCalories 250 Fat 12\nCarbs 30 Protein 8";
        assert!(find(recipe).unwrap().is_empty());
    }

    /// In an article about sport, a results table is one though the tagger
    /// knows none of its clubs; its standings rows are teams too, and a
    /// remark after the scores or a club's letters in brackets are no
    /// obstacle. Without a word of sport or a name the tagger found, lines
    /// of that shape are left alone.
    #[test]
    fn a_results_table_of_unknown_clubs_in_a_sports_report_is_teams() {
        let lines = "Zorvik 3 Ulmaro 2 ( halftime 1-0 )\nPelkan 2 Drosta ( Z ) 1\n\
            Zorvik 3 1 0 6 1 10\nDrosta ( Z ) 0 2 1 4 5 2";
        let text = format!("Results of league games played on Thursday .\n{lines}");
        let names = found_kinds(&text);
        let org = Kind::Organization;
        assert_eq!(
            names,
            [
                ("Zorvik", org),
                ("Ulmaro", org),
                ("Pelkan", org),
                ("Drosta ( Z )", org),
                ("Zorvik", org),
                ("Drosta ( Z )", org),
            ]
        );
        let shopping = "Eggs 2 Flour 3\nSugar 1 Butter 2";
        assert!(find(shopping).unwrap().is_empty());
    }

    #[test]
    fn punctuation_is_no_mention() {
        let text = "characters: @[\\]^_ and Ann";
        let sentence = tokens::sentences(text).remove(0);
        let mut labels = vec!["B-PER"; sentence.len()];
        labels[sentence.len() - 2] = "O";
        let found = mentions(text, &sentence, &labels, &vec![1.0; sentence.len()]);
        let names: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(names, ["characters", "Ann"]);
    }

    #[test]
    fn a_name_cut_at_its_hyphen_is_one_mention() {
        let text = "Annegret Kramp-Karrenbauer told delegates";
        let sentence = tokens::sentences(text).remove(0);
        let labels = ["B-PER", "I-PER", "O", "B-PER", "O", "O"];
        let found = mentions(text, &sentence, &labels, &[1.0; 6]);
        let names: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(names, ["Annegret Kramp-Karrenbauer"]);
    }

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
