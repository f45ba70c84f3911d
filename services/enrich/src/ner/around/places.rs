//! Places named by the words around them: a place noun after the name
//! ("the Nowshera sector"), a dateline in capitals ("CANBERRA, March 12"),
//! a state's abbreviation after a town ("Sacramento, Calif."), a place
//! run together with a name across a possessive ("Moscow 's Central
//! Clinical Hospital"), and adjectives that are no place ("Middle Eastern").

use super::{in_capitals, is_common_word};
use crate::ner::features;
use crate::ner::refine::{is_capitalised, label_span, LOC};
use crate::ner::tokens::STATE_ABBREVIATIONS;

/// A US state as news agencies abbreviate it after a town and a comma
/// ("Sacramento, Calif.", "RALEIGH, N.C.") is a place, whatever the
/// tagger, which never saw "Calif.", made of it ("Ala." was a person).
pub fn state_abbreviations(words: &[&str], labels: &mut [&str]) {
    for i in 2..words.len() {
        if words[i - 1] == ","
            && is_capitalised(words[i - 2])
            && STATE_ABBREVIATIONS.contains(&words[i])
            && !labels.get(i + 1).is_some_and(|l| l.starts_with("I-"))
        {
            labels[i] = LOC.0;
        }
    }
}

/// Lower-case nouns after which the capitalised words before them are a
/// place: "the Nowshera sector", "Shiga prefecture", "the Udoh Nagar
/// area", "Rajouri district".
pub(in crate::ner) const PLACE_NOUNS: &[&str] = &[
    "area",
    "county",
    "district",
    "oblast",
    "prefecture",
    "province",
    "region",
    "sector",
    "township",
    "village",
];

/// Longest run of capitalised words taken for a place's name.
const LONGEST_PLACE: usize = 3;

/// Labels the capitalised words right before a place noun (`PLACE_NOUNS`)
/// as a place, when the tagger left them out or called them "other" (it
/// had "Nowshera" of "the Nowshera sector" an event). Not a nationality
/// ("the Indian state"), a name the tagger typed as a person or an
/// organisation, common English words ("the North district"), an acronym
/// ("the BFSI sector") or a sentence's first word.
pub fn before_place_noun(words: &[&str], labels: &mut [&str]) {
    for k in 1..words.len() {
        if !is_capitalised(words[k - 1]) || labels[k] != "O" || !PLACE_NOUNS.contains(&words[k]) {
            continue;
        }
        let start = (0..k)
            .rev()
            .take_while(|&j| is_capitalised(words[j]))
            .last()
            .unwrap_or(k);
        let run = &words[start..k];
        let other_or_none = labels[start..k]
            .iter()
            .all(|l| matches!(*l, "O" | "B-MISC" | "I-MISC"));
        // "the BFSI sector": an acronym before a place noun is an industry's.
        let acronym = |w: &&str| w.len() >= 2 && !w.chars().any(char::is_lowercase);
        if start == 0
            || run.len() > LONGEST_PLACE
            || run.iter().any(acronym)
            || !other_or_none
            || labels[start] == "I-MISC"
            || run.iter().any(|w| is_common_word(w))
            || crate::countries::is_nationality(&run.join(" "))
        {
            continue;
        }
        label_span(labels, start, k, LOC);
    }
}

/// Lower-case nouns of settlements and regions before "of" and their
/// name: "the city of Arbil", "the northern province of Zhejiang".
const PLACE_OF: &[&str] = &[
    "city", "town", "village", "province", "region", "district", "port", "island", "capital",
    "county", "state",
];

/// Labels the capitalised words after a place noun and "of" ("the city of
/// Arbil", "the province of Hubei") as a place, whatever the tagger made
/// of them (it had "Arbil" an organisation); not a common word ("the city
/// of Light").
pub fn after_place_noun_of(words: &[&str], labels: &mut [&str]) {
    for k in 1..words.len().saturating_sub(1) {
        if words[k] != "of" || !PLACE_OF.contains(&words[k - 1]) || labels[k - 1] != "O" {
            continue;
        }
        let start = k + 1;
        let end = (start..words.len().min(start + LONGEST_PLACE))
            .take_while(|&j| is_capitalised(words[j]))
            .last()
            .map_or(start, |j| j + 1);
        // The tagger's span must not run on past the run.
        let runs_on = labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if end == start
            || runs_on
            || labels[start].starts_with("I-")
            || words[start..end].iter().all(|w| is_common_word(w))
        {
            continue;
        }
        label_span(labels, start, end, LOC);
    }
}

/// A word in capitals of two letters or more.
fn capitals_word(word: &str) -> bool {
    word.len() >= 2 && word.chars().all(|c| c.is_uppercase())
}

/// A name in capitals the tagger typed otherwise or left out that the
/// gazetteer knows as a place in ordinary case, written as a dateline
/// ("CANBERRA, March 12 —", "ATHENS (Sputnik)"), is a place: a dateline
/// inside the text, which the tagger took for an organisation or missed.
/// Four letters at least ("WHO" is no place).
pub fn places_in_capitals(words: &[&str], labels: &mut [&str]) {
    let capitals =
        |w: &&str| w.len() >= 4 && w.as_bytes()[0].is_ascii_uppercase() && in_capitals(&[w]);
    if !words.iter().any(capitals) {
        return;
    }
    // The tagger's names, and runs of words in capitals it left out
    // ("NEW YORK, Jan. 1, 2020 /PRNewswire/").
    let mut candidates: Vec<(String, usize, usize)> = crate::ner::corpus::spans(labels);
    let mut i = 0;
    while i < words.len() {
        let end = (i..words.len())
            .find(|&j| labels[j] != "O" || !capitals_word(words[j]))
            .unwrap_or(words.len());
        if end > i {
            candidates.push((String::new(), i, end));
        }
        i = end + 1;
    }
    for (kind, first, end) in candidates {
        let name = &words[first..end];
        if kind == "LOC" || !in_capitals(name) || name.concat().len() < 4 {
            continue;
        }
        // A dateline's shape: "CANBERRA, March 12", "ATHENS (Sputnik)",
        // or a sentence's start before a dash ("BERLIN —"); not "the
        // technology was AJAX — ...".
        let next = words.get(end).copied().unwrap_or_default();
        let dateline =
            matches!(next, "," | "(") || (first == 0 && matches!(next, "—" | "–" | "-" | "--"));
        if !dateline {
            continue;
        }
        let cased: Vec<String> = name
            .iter()
            .map(|w| crate::ner::group::title_case(w))
            .collect();
        let cased: Vec<&str> = cased.iter().map(String::as_str).collect();
        if features::is_known_place(&cased) {
            label_span(labels, first, end, LOC);
        }
    }
}

/// Words of peoples, continents' peoples and faiths that are no
/// country's nationality word but name no place either ("Chechens",
/// "European"), other as nationality words are.
const PEOPLES: &[&str] = &[
    "African",
    "Arab",
    "Asian",
    "Balkan",
    "Basque",
    "Bedouin",
    "Berber",
    "Catholic",
    "Chechen",
    "Christian",
    "Druze",
    "European",
    "Hindu",
    "Hutu",
    "Jew",
    "Jewish",
    "Kosovar",
    "Kurd",
    "Kurdish",
    "Moslem",
    "Muslim",
    "Nordic",
    "Pashtun",
    "Protestant",
    "Scandinavian",
    "Shi'ite",
    "Sikh",
    "Sunni",
    "Tamil",
    "Tatar",
    "Tutsi",
    "Uighur",
    "Uyghur",
    "Zulu",
];

/// A place of two words or more ending in a nationality or a compass
/// adjective ("South American", "Middle Eastern") is an adjective, no
/// place: "other", as nationality words are; so is a nationality or
/// people's word (`PEOPLES`) or its plural the tagger took for a name
/// alone ("Bosnian" a place, "Ukrainians" a person, "Chechens" a place).
pub fn adjectival_places(words: &[&str], labels: &mut [&str]) {
    // A nationality word names no place, and its plural ("Ukrainians",
    // "Armenians") a people.
    for i in 0..words.len() {
        let alone = labels[i].starts_with("B-")
            && labels[i] != "B-MISC"
            && labels.get(i + 1).is_none_or(|l| !l.starts_with("I-"));
        if !alone {
            continue;
        }
        let word = words[i];
        let people = |w: &str| crate::countries::is_nationality(w) || PEOPLES.contains(&w);
        let nationality = people(word) || word.strip_suffix('s').is_some_and(people);
        if nationality && !crate::countries::is_country(word) {
            labels[i] = "B-MISC";
        }
    }
    if !labels.contains(&"I-LOC") {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind != "LOC" || end - first < 2 {
            continue;
        }
        let last = words[end - 1];
        if crate::countries::is_nationality(last)
            || matches!(last, "Eastern" | "Western" | "Northern" | "Southern")
        {
            label_span(labels, first, end, ("B-MISC", "I-MISC"));
        }
    }
}

/// A place and a name of its own that the tagger ran together across a
/// possessive ("Moscow 's Central Clinical Hospital", "Rangoon 's Insein
/// Prison", "Beijing's Tiananmen Square") are two names: the place, and
/// the rest as the tagger typed it. Only where the gazetteer knows the
/// part before the possessive as a place or a country.
pub fn possessive_places(words: &[&str], labels: &mut [&str]) {
    let is_possessive = |w: &str| matches!(w, "'s" | "’s");
    if !words.iter().any(|w| is_possessive(w)) {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        let Some(k) = (first + 1..end.saturating_sub(1)).find(|&k| is_possessive(words[k])) else {
            continue;
        };
        let place = &words[first..k];
        if !features::is_known_place_or_country(place) {
            continue;
        }
        label_span(labels, first, k, LOC);
        labels[k] = "O";
        label_span(labels, k + 1, end, crate::ner::refine::labels_of(&kind));
    }
}

/// A country's name the tagger took for an organisation, alone, is the
/// country: news corpora label a national side ("Ireland beat
/// Liechtenstein 5-0") and a state acting ("China said") by its place.
/// So is a home nation it left out ("Wales beat San Marino").
pub fn countries_as_places(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len() {
        let home = crate::countries::HOME_NATIONS.contains(&words[i]);
        // Not inside a longer name: "New England" ("Church of England"
        // is an organisation by now, `institutions`).
        let inside = i > 0 && is_capitalised(words[i - 1]);
        if home && labels[i] == "O" && !inside {
            labels[i] = LOC.0;
        }
    }
    if !labels.contains(&"B-ORG") {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind == "ORG" && crate::countries::is_country(&words[first..end].join(" ")) {
            label_span(labels, first, end, LOC);
        }
    }
}

/// A one-word name the tagger took for a person right before a comma and
/// a country, state or region that ends the phrase ("over Lockerbie ,
/// Scotland .", "in Jacksonville , Fla .") is a town: where a place is
/// written with its country, not a person with theirs ("Blair , Britain
/// 's prime minister" goes on).
pub fn towns_before_countries(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len().saturating_sub(2) {
        let alone = labels[i] == "B-PER" && labels[i + 1] == "O";
        if !alone || words[i + 1] != "," || labels[i + 2] != LOC.0 {
            continue;
        }
        let mut end = i + 3;
        while labels.get(end) == Some(&LOC.1) {
            end += 1;
        }
        let closes = words
            .get(end)
            .is_none_or(|w| matches!(*w, "." | "," | ";" | ")" | "on" | "in" | "at"));
        if closes && features::is_known_place_or_country(&words[i + 2..end]) {
            labels[i] = LOC.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn a_place_and_a_name_across_a_possessive_are_two() {
        let o = "O";
        check(
            possessive_places,
            &[
                (
                    "in Moscow 's Central Clinical Hospital ,",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-LOC", o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "at Beijing 's Tiananmen Square",
                    &[o, "B-LOC", "I-LOC", "I-LOC", "I-LOC"],
                    &[o, "B-LOC", o, "B-LOC", "I-LOC"],
                ),
            ],
        );
        // An organisation's own possessive, or no place before it.
        let unchanged: &[(&str, &[&'static str])] = &[
            ("McDonald 's Corp", &["B-ORG", "I-ORG", "I-ORG"]),
            (
                "Cofinec 's Global Depositary",
                &["B-ORG", "I-ORG", "I-ORG", "I-ORG"],
            ),
            ("Moscow 's", &["B-LOC", "I-LOC"]),
        ];
        check_unchanged(possessive_places, unchanged);
    }

    #[test]
    fn a_state_abbreviated_after_a_town_is_a_place() {
        let o = "O";
        check(
            state_abbreviations,
            &[
                (
                    "in Sacramento , Calif. , Tuesday",
                    &[o, "B-LOC", o, o, o, o],
                    &[o, "B-LOC", o, "B-LOC", o, o],
                ),
                ("Shorter , Ala. :", &[o, o, "B-PER", o], &[o, o, "B-LOC", o]),
                // Not without the town and the comma.
                ("the Calif. law", &[o, o, o], &[o, o, o]),
            ],
        );
    }

    #[test]
    fn a_place_noun_and_of_name_the_place_after_them() {
        let o = "O";
        check(
            after_place_noun_of,
            &[
                (
                    "the northern city of Arbil after",
                    &[o, o, o, o, "B-ORG", o],
                    &[o, o, o, o, "B-LOC", o],
                ),
                (
                    "the central province of Hubei ,",
                    &[o, o, o, o, o, o],
                    &[o, o, o, o, "B-LOC", o],
                ),
            ],
        );
        let unchanged: &[(&str, &[&'static str])] = &[
            ("the city of Light", &["O", "O", "O", "O"]),
            ("the state of emergency", &["O", "O", "O", "O"]),
            (
                "the University of Michigan",
                &["O", "B-ORG", "I-ORG", "I-ORG"],
            ),
        ];
        check_unchanged(after_place_noun_of, unchanged);
    }

    #[test]
    fn a_place_noun_names_the_place_before_it() {
        let o = "O";
        check(
            before_place_noun,
            &[
                (
                    "in the Nowshera sector 's Kalal area",
                    &[o, o, "B-MISC", o, o, "B-LOC", o],
                    &[o, o, "B-LOC", o, o, "B-LOC", o],
                ),
                (
                    "at the Udoh Nagar area",
                    &[o, o, o, o, o],
                    &[o, o, "B-LOC", "I-LOC", o],
                ),
                // A nationality, a person, common words, the first word.
                (
                    "in the Indian district",
                    &[o, o, "B-MISC", o],
                    &[o, o, "B-MISC", o],
                ),
                (
                    "near the Smith district",
                    &[o, o, "B-PER", o],
                    &[o, o, "B-PER", o],
                ),
                ("in the North district", &[o, o, o, o], &[o, o, o, o]),
                ("Nowshera district", &[o, o], &[o, o]),
                ("in the BFSI sector", &[o, o, o, o], &[o, o, o, o]),
            ],
        );
    }

    #[test]
    fn a_dateline_in_capitals_is_a_place() {
        let o = "O";
        check(
            places_in_capitals,
            &[
                (
                    "pic CANBERRA , March 12",
                    &[o, "B-ORG", o, o, o],
                    &[o, "B-LOC", o, o, o],
                ),
                (
                    "ATHENS ( Sputnik )",
                    &["B-ORG", o, "B-ORG", o],
                    &["B-LOC", o, "B-ORG", o],
                ),
                // Left out by the tagger.
                (
                    "Industry NEW YORK , Jan. 1",
                    &[o, o, o, o, o, o],
                    &[o, "B-LOC", "I-LOC", o, o, o],
                ),
                // Not in a dateline's shape, not known, too short.
                ("was AJAX — a", &[o, "B-ORG", o, o], &[o, "B-ORG", o, o]),
                ("IMPORTANT , the", &[o, o, o], &[o, o, o]),
                ("ACME , the", &["B-ORG", o, o], &["B-ORG", o, o]),
                ("WHO , the", &["B-ORG", o, o], &["B-ORG", o, o]),
            ],
        );
    }

    #[test]
    fn a_place_ending_in_an_adjective_is_other() {
        let o = "O";
        check(
            adjectival_places,
            &[
                (
                    "the Middle Eastern nation",
                    &[o, "B-LOC", "I-LOC", o],
                    &[o, "B-MISC", "I-MISC", o],
                ),
                (
                    "in South American countries",
                    &[o, "B-LOC", "I-LOC", o],
                    &[o, "B-MISC", "I-MISC", o],
                ),
                (
                    "in Eastern Europe",
                    &[o, "B-LOC", "I-LOC"],
                    &[o, "B-LOC", "I-LOC"],
                ),
                (
                    "all Russians and Ukrainians , Swiss",
                    &[o, "B-LOC", o, "B-PER", o, "B-LOC"],
                    &[o, "B-MISC", o, "B-MISC", o, "B-MISC"],
                ),
                // A people's word, and its plural.
                (
                    "Chechens and the European rules",
                    &["B-LOC", o, o, "B-LOC", o],
                    &["B-MISC", o, o, "B-MISC", o],
                ),
                // A nationality word alone, of either part of its country;
                // not one that is also the country's name.
                (
                    "the Bosnian and Herzegovinian radio in Vatican",
                    &[o, "B-LOC", o, "B-ORG", o, o, "B-LOC"],
                    &[o, "B-MISC", o, "B-MISC", o, o, "B-LOC"],
                ),
            ],
        );
    }

    #[test]
    fn a_countrys_name_is_a_place() {
        let o = "O";
        check(
            countries_as_places,
            &[
                (
                    "Ireland beat Liechtenstein 5-0 and the Bank of Ireland",
                    &["B-LOC", o, "B-ORG", o, o, o, "B-ORG", "I-ORG", "I-ORG"],
                    &["B-LOC", o, "B-LOC", o, o, o, "B-ORG", "I-ORG", "I-ORG"],
                ),
                (
                    "Wales beat San Marino 6-0",
                    &[o, o, "B-ORG", "I-ORG", o],
                    &["B-LOC", o, "B-LOC", "I-LOC", o],
                ),
                (
                    "in New England and the Princess of Wales",
                    &[o, o, o, o, o, o, o, o],
                    &[o, o, o, o, o, o, o, "B-LOC"],
                ),
            ],
        );
    }

    #[test]
    fn a_name_before_a_comma_and_its_country_is_a_town() {
        let o = "O";
        check(
            towns_before_countries,
            &[(
                "a flight over Lockerbie , Scotland .",
                &[o, o, o, "B-PER", o, "B-LOC", o],
                &[o, o, o, "B-LOC", o, "B-LOC", o],
            )],
        );
        check_unchanged(
            towns_before_countries,
            &[(
                "said Blair , Britain 's leader",
                &[o, "B-PER", o, "B-LOC", o, o],
            )],
        );
    }
}
