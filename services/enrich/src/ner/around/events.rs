//! Events named after a place or a sponsor ("Hamburg Open", "World Cup",
//! "Cold War"), and stock indices named after an exchange or a publisher
//! ("the Nasdaq composite index", "the Dow Jones industrial average"): the
//! tagger takes them for the place or an organisation, news NER corpora
//! mark them as other names (and `other` is what the enrichment calls
//! them).

use crate::ner::refine::{is_capitalised, is_one_of, label_span};

/// Last words of events' names, lower case. Not "games" ("Epic Games" is
/// a company), "series", "tour" or "conference" (leagues' and tours'
/// organisers as often).
const EVENT_ENDS: &[&str] = &[
    "awards",
    "bowl",
    "championship",
    "championships",
    "classic",
    "cup",
    "derby",
    "festival",
    "marathon",
    "masters",
    "olympics",
    "open",
    "prix",
    "prize",
    "rally",
    "summit",
    "tournament",
    "trophy",
    "war",
];

/// Longest run of capitalised words the tagger left out after a name
/// that an event's word ends ("U.S." and "Open Tennis Championships").
const LONGEST_EVENT_TAIL: usize = 3;

/// A name of two words or more the tagger found, ending in an event's
/// word (`EVENT_ENDS`), is an event: other; so is a name it found followed
/// by capitalised words it left out that end in one, the run's last
/// capitalised word ("the U.S." and "Open": "at the U.S. Open ."); and a
/// place it ran on into "Games" ("the Atlanta Games"; a company may be
/// named so, "Epic Games", but is no place to the tagger).
pub fn events(words: &[&str], labels: &mut [&str]) {
    let is_end = |w: &str| is_capitalised(w) && is_one_of(w, EVENT_ENDS);
    // Most sentences hold no such word: the spans are not built then.
    if !words.iter().any(|w| is_end(w) || *w == "Games") {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        let tail = (end..words.len())
            .take_while(|&i| labels[i] == "O" && is_capitalised(words[i]))
            .count();
        let to = end + tail;
        if (1..=LONGEST_EVENT_TAIL).contains(&tail) && is_end(words[to - 1]) {
            label_span(labels, first, to, ("B-MISC", "I-MISC"));
        } else if kind != "MISC" && end - first >= 2 && is_end(words[end - 1])
            || kind == "LOC" && end - first >= 2 && words[end - 1] == "Games"
        {
            label_span(labels, first, end, ("B-MISC", "I-MISC"));
        }
    }
}

/// Names of stock indices, as the tagger's words split them: "Dow Jones"
/// is also a company, "Nasdaq" an exchange, "FTSE" a company; they are
/// the index before an index's word or its number.
const INDICES: &[&[&str]] = &[
    &["Dow"],
    &["Dow", "Jones"],
    &["Nasdaq"],
    &["Nikkei"],
    &["FTSE"],
    &["DAX"],
    &["CAC"],
    &["Hang", "Seng"],
    &["Stoxx"],
    &["Kospi"],
    &["Sensex"],
    &["Topix"],
];

/// Words after an index's name that make it the index ("the Nasdaq
/// composite", "the Dow Jones industrial average", "the Nikkei average").
const INDEX_WORDS: &[&str] = &[
    "average",
    "composite",
    "index",
    "indices",
    "industrial",
    "industrials",
];

/// A stock index's name (`INDICES`) before an index's word or its
/// number ("Nikkei 225", "FTSE 100") is the index: other, whatever the
/// tagger made of it ("Dow Jones" an organisation).
pub fn indices(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len() {
        // Every word of every sentence passes here: its first word is
        // matched before the names are.
        if !INDICES.iter().any(|n| n[0] == words[i]) {
            continue;
        }
        let Some(name) = INDICES
            .iter()
            .filter(|n| words[i..].starts_with(n))
            .max_by_key(|n| n.len())
        else {
            continue;
        };
        let end = i + name.len();
        let index = words
            .get(end)
            .is_some_and(|w| INDEX_WORDS.contains(w) || w.bytes().all(|b| b.is_ascii_digit()));
        let inside =
            labels[i].starts_with("I-") || labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if index && !inside {
            label_span(labels, i, end, ("B-MISC", "I-MISC"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::check;

    #[test]
    fn events_named_after_places_are_other_names() {
        let o = "O";
        check(
            events,
            &[
                (
                    "won the Hamburg Open and the World Cup",
                    &[o, o, "B-LOC", "I-LOC", o, o, "B-ORG", "I-ORG"],
                    &[o, o, "B-MISC", "I-MISC", o, o, "B-MISC", "I-MISC"],
                ),
                // The event's words the tagger left out after the name.
                (
                    "at the U.S. Open Tennis Championships and the U.S. Open .",
                    &[o, o, "B-LOC", o, o, o, o, o, "B-LOC", o, o],
                    &[
                        o, o, "B-MISC", "I-MISC", "I-MISC", "I-MISC", o, o, "B-MISC", "I-MISC", o,
                    ],
                ),
                (
                    "at the Atlanta Games and Epic Games",
                    &[o, o, "B-LOC", "I-LOC", o, "B-ORG", "I-ORG"],
                    &[o, o, "B-MISC", "I-MISC", o, "B-ORG", "I-ORG"],
                ),
                // Not when the capitalised words run on past the event's.
                (
                    "the Apple Open Source Initiative",
                    &[o, "B-ORG", o, o, o],
                    &[o, "B-ORG", o, o, o],
                ),
                // One word, lower case, or not an event's word.
                ("in Open", &[o, "B-LOC"], &[o, "B-LOC"]),
                ("Hamburg open", &["B-LOC", "I-LOC"], &["B-LOC", "I-LOC"]),
                ("Epic Games", &["B-ORG", "I-ORG"], &["B-ORG", "I-ORG"]),
            ],
        );
    }

    #[test]
    fn a_stock_index_is_other() {
        let o = "O";
        check(
            indices,
            &[(
                "the Dow Jones industrial average and the Nasdaq composite , Nikkei 225 and Dow Jones & Co",
                &[o, "B-ORG", "I-ORG", o, o, o, o, "B-ORG", o, o, "B-LOC", o, o, "B-ORG", "I-ORG", "I-ORG", "I-ORG"],
                &[o, "B-MISC", "I-MISC", o, o, o, o, "B-MISC", o, o, "B-MISC", o, o, "B-ORG", "I-ORG", "I-ORG", "I-ORG"],
            )],
        );
    }
}
