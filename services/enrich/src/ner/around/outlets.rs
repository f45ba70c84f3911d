//! News outlets named by the words around them: a town and a newspaper's
//! word ("Hong Kong Standard", "JAKARTA POST"), a name before an outlet's
//! kind ("Britain 's Sun newspaper", "Zycie Warszawy daily said").

use super::organisations::NOT_NAMES;
use crate::ner::features;
use crate::ner::refine::{capitalised_before, is_capitalised, is_one_of, label_span, ORG};

/// Words that end a newspaper's name after its town ("Hong Kong
/// Standard", "Jakarta Post", "China Daily"), lower case.
const NEWSPAPER_WORDS: &[&str] = &[
    "chronicle",
    "daily",
    "gazette",
    "herald",
    "journal",
    "mail",
    "observer",
    "post",
    "standard",
    "star",
    "telegraph",
    "times",
    "tribune",
];

/// A place followed by a word that ends a newspaper's name is the
/// newspaper ("the Hong Kong Standard said", "JAKARTA POST"), where the
/// tagger found only the place; not before a further capitalised word
/// ("Times Square") or a number ("Jakarta Post 5").
pub fn newspapers(words: &[&str], labels: &mut [&str]) {
    if !words.iter().any(|w| is_one_of(w, NEWSPAPER_WORDS)) {
        return;
    }
    for p in 1..words.len() {
        let paper = words[p];
        let next_is_name = words
            .get(p + 1)
            .is_some_and(|w| is_capitalised(w) || w.starts_with(|c: char| c.is_ascii_digit()));
        // The word may end the place's span or stand as a name of its own
        // ("Standard" an organisation), but begins no longer one.
        let ends = labels.get(p + 1).is_none_or(|l| !l.starts_with("I-"));
        if !ends || !is_capitalised(paper) || !is_one_of(paper, NEWSPAPER_WORDS) || next_is_name {
            continue;
        }
        // The town: the place the tagger found, or capitalised words it
        // left out that the gazetteers know ("Hong Kong").
        let first = if labels[p - 1].ends_with("-LOC") {
            (0..p).rev().find(|&i| labels[i] == "B-LOC")
        } else if labels[p] != "O" && labels[p] != "B-ORG" {
            None
        } else {
            (p.saturating_sub(LONGEST_TOWN)..p).find(|&i| {
                labels[i..p].iter().all(|l| *l == "O")
                    && words[i..p].iter().all(|w| is_capitalised(w))
                    && features::is_known_place_or_country(&words[i..p])
            })
        };
        if let Some(first) = first {
            label_span(labels, first, p + 1, ORG);
        }
    }
}

/// Longest town's name read before a newspaper's word, in words.
const LONGEST_TOWN: usize = 3;

/// Lower-case words naming an outlet that follow its name ("Britain 's
/// Sun newspaper", "Zycie Warszawy daily said", "Interfax news agency").
const OUTLETS_AFTER: &[&str] = &["daily", "magazine", "newspaper", "tabloid", "weekly"];

/// Longest outlet's name read before its kind, in words.
const LONGEST_OUTLET: usize = 3;

/// Capitalised words right before an outlet's kind (`OUTLETS_AFTER`, or
/// "news agency") are the outlet, an organisation, where the tagger left
/// them out or took them for a person ("the Sun newspaper reported"). Not
/// a place or a nationality ("the Polish daily", "a New York weekly") or a
/// weekday ("the Sunday newspaper"), and only after "the", "a" or a
/// possessive ("Drink Water daily" is advice).
pub fn before_outlets(words: &[&str], labels: &mut [&str]) {
    for k in 1..words.len() {
        // "daily" and "weekly" are adverbs too ("use the Internet daily
        // ,"): an outlet's is followed by a word ("daily said").
        let adverb = matches!(words[k], "daily" | "weekly")
            && !words
                .get(k + 1)
                .is_some_and(|w| w.chars().all(|c| c.is_alphabetic() && c.is_lowercase()));
        let outlet = (OUTLETS_AFTER.contains(&words[k]) && !adverb)
            || (words[k] == "news" && words.get(k + 1) == Some(&"agency"));
        if !outlet || labels[k] != "O" {
            continue;
        }
        let start = capitalised_before(words, k, LONGEST_OUTLET, |j| {
            matches!(labels[j], "O" | "B-PER" | "I-PER")
        });
        let name = &words[start..k];
        let whole = labels[start].starts_with("B-") || labels[start] == "O";
        // An outlet is named after "the", "a" or a possessive: "Drink
        // Water daily" is advice.
        let named = start > 0 && matches!(words[start - 1], "the" | "a" | "an" | "'s" | "’s");
        if name.is_empty()
            || !whole
            || !named
            || NOT_NAMES.contains(&name[0])
            || name.iter().any(|w| crate::ner::sports::is_calendar_word(w))
            || features::is_known_place_or_country(name)
            || crate::countries::is_nationality(&name.join(" "))
        {
            continue;
        }
        label_span(labels, start, k, ORG);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn a_place_and_a_newspapers_word_are_the_newspaper() {
        let o = "O";
        check(
            newspapers,
            &[
                (
                    "the Hong Kong Standard said",
                    &[o, "B-LOC", "I-LOC", o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                ("JAKARTA POST", &["B-LOC", o], &["B-ORG", "I-ORG"]),
                (
                    "the China Daily said",
                    &[o, o, o, o],
                    &[o, "B-ORG", "I-ORG", o],
                ),
            ],
        );
        let unchanged: &[(&str, &[&'static str])] = &[
            (
                "in New York Times Square",
                &["O", "B-LOC", "I-LOC", "O", "O"],
            ),
            ("Jakarta post office", &["B-LOC", "O", "O"]),
        ];
        check_unchanged(newspapers, unchanged);
    }

    #[test]
    fn a_name_before_an_outlets_kind_is_the_outlet() {
        let o = "O";
        check(
            before_outlets,
            &[(
                "Britain 's Sun newspaper and the Globe Mail daily said",
                &["B-LOC", o, o, o, o, o, "B-PER", "I-PER", o, o],
                &["B-LOC", o, "B-ORG", o, o, o, "B-ORG", "I-ORG", o, o],
            )],
        );
        check_unchanged(
            before_outlets,
            &[
                ("the Polish daily said", &[o, "B-MISC", o, o]),
                ("a New York weekly", &[o, "B-LOC", "I-LOC", o]),
                ("the Sunday newspaper", &[o, o, o]),
                ("Drink Water daily", &[o, o, o]),
                ("use the Internet daily , and", &[o, o, o, o, o, o]),
            ],
        );
    }
}
