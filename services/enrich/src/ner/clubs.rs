//! Clubs named the way European and British football clubs are: a word
//! that makes a club of the place after it ("Dinamo Zagreb", "Real
//! Madrid", "Hapoel Haifa", "AC Milan") or before it ("Manchester United",
//! "Blackburn Rovers", "Tottenham Hotspur"). The tagger, which never saw
//! a sports page, takes the place alone ("Zagreb", a place) and leaves the
//! rest out. Only where the gazetteer knows the place.

use std::sync::LazyLock;

use super::features;
use super::refine::{label_span, ORG};
use crate::FastMap;

/// Words before a place that make it a club's name.
const PREFIXES: &[&str] = &[
    "AC",
    "AEK",
    "AS",
    "Ajax",
    "Anderlecht",
    "Arminia",
    "Athletic",
    "Atletico",
    "Atlético",
    "Bayer",
    "Bayern",
    "Benfica",
    "Besiktas",
    "Borussia",
    "CSKA",
    "Celta",
    "Celtic",
    "Deportivo",
    "Dinamo",
    "Dukla",
    "Dynamo",
    "Eintracht",
    "Energie",
    "FC",
    "Fenerbahce",
    "Ferencvaros",
    "Feyenoord",
    "Fortuna",
    "Galatasaray",
    "Hansa",
    "Hapoel",
    "Hertha",
    "Inter",
    "Lazio",
    "Legia",
    "Lokomotiv",
    "Maccabi",
    "Olympiakos",
    "Olympique",
    "PAOK",
    "PSV",
    "Panathinaikos",
    "Partizan",
    "Racing",
    "Rapid",
    "Real",
    "SC",
    "SV",
    "Shakhtar",
    "Slavia",
    "Slovan",
    "Sparta",
    "Spartak",
    "Sporting",
    "Stade",
    "Standard",
    "Steaua",
    "VfB",
    "VfL",
    "Werder",
    "Zenit",
];

/// Words after a place that make it a club's name. Not "City", "Town" or
/// "County": "Mexico City" and "Orange County" are places.
const SUFFIXES: &[&str] = &[
    "AFC",
    "Albion",
    "Argyle",
    "Athletic",
    "FC",
    "Hotspur",
    "Orient",
    "Rovers",
    "United",
    "Villa",
    "Wanderers",
];

/// Which side of the place a word of `PREFIXES` or `SUFFIXES` goes
/// ("FC" is both: the first list's).
#[derive(PartialEq)]
enum Affix {
    Prefix,
    Suffix,
}

/// `PREFIXES` and `SUFFIXES` in one map: every word of every sentence is
/// looked up (a scan of the lists cost 2 % of the enrichment).
static AFFIXES: LazyLock<FastMap<&'static str, Affix>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for w in SUFFIXES {
        map.insert(*w, Affix::Suffix);
    }
    for w in PREFIXES {
        map.insert(*w, Affix::Prefix);
    }
    map
});

/// Longest place name read after a prefix or before a suffix.
const LONGEST_PLACE: usize = 3;

/// Labels a club named after a known place (`PREFIXES`, `SUFFIXES`)
/// an organisation, whatever the tagger made of its words, unless it took
/// them for a person after a prefix that is a word ("Real" and "Madrid"
/// are no one's names, but a person's name may follow "Sporting"); after
/// an acronym ("AC Milan", which the tagger takes for a person) always.
pub fn named_clubs(words: &[&str], labels: &mut [&str]) {
    // Most sentences hold neither: the gazetteer is not asked then.
    if !words.iter().any(|w| AFFIXES.contains_key(w)) {
        return;
    }
    let mut i = 0;
    while i < words.len() {
        let prefix = AFFIXES.get(words[i]) == Some(&Affix::Prefix);
        if !prefix && !super::refine::is_capitalised(words[i]) {
            i += 1;
            continue;
        }
        let place_at = |start: usize| {
            (1..=LONGEST_PLACE)
                .rev()
                .filter(|&n| start + n <= words.len())
                .find(|&n| features::is_known_place(&words[start..start + n]))
        };
        let span = if prefix {
            place_at(i + 1).map(|n| (i, i + 1 + n))
        } else {
            place_at(i).and_then(|n| {
                words
                    .get(i + n)
                    .is_some_and(|w| SUFFIXES.contains(w))
                    .then_some((i, i + n + 1))
            })
        };
        match span {
            Some((start, end))
                if (!labels[start..end].iter().any(|l| l.ends_with("-PER"))
                    || prefix && !words[i].chars().any(char::is_lowercase))
                    && !labels.get(end).is_some_and(|l| l.starts_with("I-")) =>
            {
                label_span(labels, start, end, ORG);
                i = end;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::check;

    #[test]
    fn clubs_named_after_places_are_organisations() {
        let o = "O";
        check(
            named_clubs,
            &[
                (
                    "an offer for Dinamo Zagreb 's midfielder",
                    &[o, o, o, o, "B-LOC", o, o],
                    &[o, o, o, "B-ORG", "I-ORG", o, o],
                ),
                (
                    "Manchester United beat Real Madrid",
                    &["B-LOC", o, o, o, "B-LOC"],
                    &["B-ORG", "I-ORG", o, "B-ORG", "I-ORG"],
                ),
                (
                    "Bayern Munich and Ajax Amsterdam",
                    &["B-LOC", "I-LOC", o, o, "B-LOC"],
                    &["B-ORG", "I-ORG", o, "B-ORG", "I-ORG"],
                ),
                // A person after a prefix, a place that is a city's name;
                // after an acronym, the club.
                ("Sporting Lisbon", &["B-PER", "I-PER"], &["B-PER", "I-PER"]),
                ("AC Milan", &["B-PER", "I-PER"], &["B-ORG", "I-ORG"]),
                (
                    "in Mexico City",
                    &[o, "B-LOC", "I-LOC"],
                    &[o, "B-LOC", "I-LOC"],
                ),
                ("Real Estate agents", &[o, o, o], &[o, o, o]),
            ],
        );
    }
}
