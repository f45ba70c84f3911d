//! Names cut where the tagger ran them on past their end: a lower-case
//! word inside a name written with capitals is no part of it, nor is a
//! weekday after it. Applied first by [`super::refine::all`].

use super::refine::{is_capitalised, label_span, labels_of};

/// Lower-case words that do sit inside names ("Bank of America", "Rio de
/// Janeiro", "Ludwig van Beethoven", "Osama bin Laden").
const NAME_PARTICLES: &[&str] = &[
    "of", "for", "on", "and", "the", "de", "del", "della", "di", "da", "das", "do", "dos", "du",
    "des", "la", "le", "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el", "y", "zu",
];

/// A lower-case word inside a name written with capitals is no part of
/// it: the name ends before it, and what follows starts a name of the same
/// type (`[Liaquatabad district]` → `[Liaquatabad] district`, `[Egyptian
/// counterpart Amr Moussa]` → `[Egyptian] counterpart [Amr Moussa]`).
/// Particles stay, and so do words with a capital inside ("al-Shara",
/// "iPhone"); a name written all in lower case (social media's "texas
/// a&m") is left as the tagger found it. A piece after "in", "at" or
/// "near" that the gazetteers know as a place is that place (`[First Union
/// bank in Philadelphia]` → `[First Union] bank in [Philadelphia]`).
pub fn lower_case_breaks(words: &[&str], labels: &mut [&str]) {
    // One letter is left: web text writes "McDonald s".
    let breaks = |i: usize| {
        let word = words[i];
        word.chars().nth(1).is_some()
            && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
            && !NAME_PARTICLES.contains(&word)
    };
    // Most sentences have no such word in a name: checked before the
    // spans are built.
    if !(0..words.len()).any(|i| labels[i] != "O" && breaks(i)) {
        return;
    }
    for (kind, start, end) in super::corpus::spans(labels) {
        if !(start..end).any(|i| is_capitalised(words[i])) {
            continue;
        }
        if !(start..end).any(breaks) {
            continue;
        }
        // The pieces between the breaks, each without particles or
        // punctuation at its edges (`[of Koh]` → `of [Koh]`).
        let edge = |i: usize| {
            NAME_PARTICLES.contains(&words[i]) || !words[i].chars().any(char::is_alphanumeric)
        };
        let mut piece = start;
        for i in start..=end {
            if i < end && !breaks(i) {
                continue;
            }
            let (mut first, mut last) = (piece, i);
            while first < last && edge(first) {
                first += 1;
            }
            while last > first && edge(last - 1) {
                last -= 1;
            }
            for label in &mut labels[piece..i] {
                *label = "O";
            }
            // After "in", "at" or "near", a place the gazetteer knows is
            // that place ("First Union bank in Philadelphia").
            let located = piece > start
                && matches!(words[piece - 1], "in" | "at" | "near")
                && super::features::is_known_place_or_country(&words[first..last]);
            if first < last {
                let kind = if located { "LOC" } else { kind.as_str() };
                label_span(labels, first, last, labels_of(kind));
            }
            if i < end {
                labels[i] = "O";
            }
            piece = i + 1;
        }
    }
}

/// A weekday after a name the tagger ran on into it ("[CNBC Friday]",
/// "[Kohl Tuesday]") is no part of it; months are left alone, a surname
/// may be one ("Theresa May").
pub fn weekday_ends(words: &[&str], labels: &mut [&str]) {
    for i in 1..words.len() {
        let ends = labels.get(i + 1).is_none_or(|l| !l.starts_with("I-"));
        if ends
            && labels[i].starts_with("I-")
            && labels[i] != "I-MISC"
            && is_capitalised(words[i])
            && super::refine::is_one_of(words[i], super::sports::WEEKDAYS)
        {
            labels[i] = "O";
        }
    }
}

/// A comma inside a person's name the tagger ran on past it parts two
/// people ("[Quinn , O'Neill]" in a team's list): each piece is a person.
/// Only people: a firm's name may hold one ("Acme , Inc").
pub fn comma_breaks(words: &[&str], labels: &mut [&str]) {
    for i in 1..words.len().saturating_sub(1) {
        if words[i] == "," && labels[i] == "I-PER" && labels[i + 1] == "I-PER" {
            labels[i] = "O";
            labels[i + 1] = "B-PER";
        }
    }
}

/// Whether `word` names a day of the week or a month written whole: when
/// something happens, no name, after "on" ("the National Tennis Centre on
/// Saturday").
pub(in crate::ner) fn is_day_or_month(word: &str) -> bool {
    super::refine::is_one_of(word, super::sports::WEEKDAYS) || is_month(word)
}

/// Whether `word` is a month written whole, as it may open a name the
/// tagger found: not "May", a surname and a verb too.
pub(in crate::ner) fn is_month(word: &str) -> bool {
    // Asked of every capitalised word opening a name: the list is short
    // and matched only for words of a month's length and first letter.
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    (4..=9).contains(&word.len())
        && word.starts_with(['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D'])
        && MONTHS.contains(&word)
}

/// A month opening an organisation's or a place's name ("the [August
/// National Association]", "the [September Treasury] bond") is the date's,
/// not the name's: the name starts after it. Not "May" (a surname and a
/// verb), nor a person's name ("August Busch") or an event's ("March
/// Madness").
pub fn month_starts(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len().saturating_sub(1) {
        let opens = matches!(labels[i], "B-ORG" | "B-LOC");
        if opens && is_month(words[i]) && labels[i + 1].starts_with("I-") {
            labels[i + 1] = labels[i];
            labels[i] = "O";
        }
    }
}

/// A name never ends in a particle ("[Daniels Pharmaceuticals Inc of]
/// St. Petersburg", the tagger running on towards the place), nor opens
/// with "of", "for", "on" or "and": those are cut. Inside, they stay
/// ("Bank of America").
pub fn particle_edges(words: &[&str], labels: &mut [&str]) {
    // Most sentences have no particle inside a name: the spans are not
    // built then.
    let inside = |i: usize| labels[i] != "O" && NAME_PARTICLES.contains(&words[i]);
    if !(0..words.len()).any(inside) {
        return;
    }
    for (kind, first, end) in super::corpus::spans(labels) {
        let (mut from, mut to) = (first, end);
        while to > from + 1 && NAME_PARTICLES.contains(&words[to - 1]) {
            to -= 1;
        }
        while from + 1 < to && matches!(words[from], "of" | "for" | "on" | "and") {
            from += 1;
        }
        if (from, to) != (first, end) {
            for label in &mut labels[first..end] {
                *label = "O";
            }
            label_span(labels, from, to, labels_of(kind.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn a_comma_parts_two_people() {
        let o = "O";
        check(
            comma_breaks,
            &[(
                "Townsend , Quinn , O'Neill .",
                &["B-PER", o, "B-PER", "I-PER", "I-PER", o],
                &["B-PER", o, "B-PER", o, "B-PER", o],
            )],
        );
        check_unchanged(
            comma_breaks,
            &[("Acme , Inc said", &["B-ORG", "I-ORG", "I-ORG", o])],
        );
    }

    #[test]
    fn a_month_opens_no_organisation_or_place() {
        let o = "O";
        check(
            month_starts,
            &[
                (
                    "the August National Association index",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                    &[o, o, "B-ORG", "I-ORG", o],
                ),
                (
                    "the September Treasury bond",
                    &[o, "B-ORG", "I-ORG", o],
                    &[o, o, "B-ORG", o],
                ),
            ],
        );
        check_unchanged(
            month_starts,
            &[
                ("August Busch said", &["B-PER", "I-PER", "O"]),
                ("March Madness", &["B-MISC", "I-MISC"]),
                ("May Department Stores", &["B-ORG", "I-ORG", "I-ORG"]),
                ("in August", &["O", "B-LOC"]),
            ],
        );
    }

    #[test]
    fn a_particle_ends_or_opens_no_name() {
        let o = "O";
        check(
            particle_edges,
            &[
                (
                    "of Daniels Pharmaceuticals Inc of St. Petersburg",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "B-LOC", "I-LOC"],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, "B-LOC", "I-LOC"],
                ),
                ("of Canada", &["B-LOC", "I-LOC"], &[o, "B-LOC"]),
            ],
        );
        check_unchanged(
            particle_edges,
            &[
                ("Bank of America", &["B-ORG", "I-ORG", "I-ORG"]),
                ("Aravinda de Silva", &["B-PER", "I-PER", "I-PER"]),
                ("de Silva", &["B-PER", "I-PER"]),
            ],
        );
    }

    #[test]
    fn a_weekday_ends_no_name() {
        let o = "O";
        check(
            weekday_ends,
            &[
                (
                    "the network CNBC Friday ,",
                    &[o, o, "B-ORG", "I-ORG", o],
                    &[o, o, "B-ORG", o, o],
                ),
                // An event's day stays; a month may be a surname.
                (
                    "on Black Friday",
                    &[o, "B-MISC", "I-MISC"],
                    &[o, "B-MISC", "I-MISC"],
                ),
                (
                    "Theresa May said",
                    &["B-PER", "I-PER", o],
                    &["B-PER", "I-PER", o],
                ),
            ],
        );
    }

    #[test]
    fn a_lower_case_word_ends_a_name() {
        let o = "O";
        check(
            lower_case_breaks,
            &[
                (
                    "in the Liaquatabad district today",
                    &[o, o, "B-LOC", "I-LOC", o],
                    &[o, o, "B-LOC", o, o],
                ),
                (
                    "his Egyptian counterpart Amr Moussa",
                    &[o, "B-MISC", "I-MISC", "I-MISC", "I-MISC"],
                    &[o, "B-MISC", o, "B-MISC", "I-MISC"],
                ),
                (
                    "the Thai island of Koh Samui",
                    &[o, "B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC"],
                    &[o, "B-LOC", o, o, "B-LOC", "I-LOC"],
                ),
                // A two-letter word breaks too; after "in", a known place.
                (
                    "of First Union bank in Philadelphia said",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", o, o, "B-LOC", o],
                ),
                (
                    "Acme Widgets in Gloop said",
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &["B-ORG", "I-ORG", o, "B-ORG", o],
                ),
                (
                    "hotel : Park Hyatt",
                    &["B-LOC", "I-LOC", "I-LOC", "I-LOC"],
                    &[o, o, "B-LOC", "I-LOC"],
                ),
                (
                    "chief executive Satya Nadella said",
                    &["B-PER", "I-PER", "I-PER", "I-PER", o],
                    &[o, o, "B-PER", "I-PER", o],
                ),
            ],
        );
        let unchanged: &[(&str, &[&'static str])] = &[
            ("Bank of America", &["B-ORG", "I-ORG", "I-ORG"]),
            ("Rio de Janeiro", &["B-LOC", "I-LOC", "I-LOC"]),
            ("Farouk al-Shara", &["B-PER", "I-PER"]),
            ("texas a&m", &["B-ORG", "I-ORG"]),
            ("colorado beat", &["B-ORG", "O"]),
            ("McDonald s", &["B-ORG", "I-ORG"]),
        ];
        check_unchanged(lower_case_breaks, unchanged);
    }
}
