//! Events named after a place or a sponsor ("Hamburg Open", "World Cup",
//! "Cold War"): the tagger takes them for the place or an organisation,
//! news NER corpora mark them as other names (and `other` is what the
//! enrichment calls them).

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

/// A name of two words or more the tagger found, ending in an event's
/// word (`EVENT_ENDS`), is an event: other.
pub fn events(words: &[&str], labels: &mut [&str]) {
    let is_end = |w: &str| is_capitalised(w) && is_one_of(w, EVENT_ENDS);
    // Most sentences hold no such word: the spans are not built then.
    if !words
        .iter()
        .zip(labels.iter())
        .any(|(w, l)| l.starts_with("I-") && is_end(w))
    {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind != "MISC" && end - first >= 2 && is_end(words[end - 1]) {
            label_span(labels, first, end, ("B-MISC", "I-MISC"));
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
                // One word, lower case, or not an event's word.
                ("in Open", &[o, "B-LOC"], &[o, "B-LOC"]),
                ("Hamburg open", &["B-LOC", "I-LOC"], &["B-LOC", "I-LOC"]),
                ("Epic Games", &["B-ORG", "I-ORG"], &["B-ORG", "I-ORG"]),
            ],
        );
    }
}
