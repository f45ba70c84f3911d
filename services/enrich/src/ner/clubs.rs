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

/// The short forms of the clubs an article names whole with a prefix
/// ([`PREFIXES`]: "Real" of "Real Madrid", "Deportivo" of "Deportivo
/// Coruna"), which a sports report uses alone ("earn Real a point").
/// Read only in a report on sport: "Real" and "Standard" are everyday
/// words elsewhere.
pub(super) fn short_forms(body: &str, found: &[super::Found]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in found.iter().filter(|f| f.kind == super::Kind::Organization) {
        let name = &body[f.start..f.end];
        let Some((first, rest)) = name.split_once(' ') else {
            continue;
        };
        if !rest.is_empty() && PREFIXES.contains(&first) && !out.iter().any(|o| o == first) {
            out.push(first.to_string());
        }
    }
    out
}

/// Longest club's name read before a player's position, in words.
const LONGEST_CLUB: usize = 3;

/// A name right before a player's position and a person ("Sunderland
/// forward Niall Quinn", "former Auxerre playmaker Corentine Martins") is
/// the player's club, an organisation: a place the tagger found or
/// capitalised words it left out. Not a country or a nationality ("England
/// captain", "Brazilian midfielder": a national side is its country's
/// place), and not the sentence's first word alone, which any word may be.
pub fn before_positions(words: &[&str], labels: &mut [&str]) {
    use super::around::PLAYER_POSITIONS;
    // Most sentences name no position: checked once before the names.
    if !words.iter().any(|w| PLAYER_POSITIONS.contains(w)) {
        return;
    }
    for k in 1..words.len().saturating_sub(1) {
        // A person after the position: one the tagger found, or two
        // capitalised words written as names are ("Corentine Martins",
        // not "GPUs").
        let name_like = |w: &&str| {
            super::refine::is_capitalised(w)
                && (!w.chars().skip(1).any(char::is_uppercase)
                    || w.starts_with("Mc")
                    || w.contains('\''))
        };
        let person = labels[k + 1] == "B-PER"
            || words
                .get(k + 1..k + 3)
                .is_some_and(|w| w.iter().all(name_like));
        if labels[k] != "O" || !PLAYER_POSITIONS.contains(&words[k]) || !person {
            continue;
        }
        let start = match labels[k - 1] {
            "O" => super::refine::capitalised_before(words, k, LONGEST_CLUB, |j| labels[j] == "O"),
            "B-LOC" | "I-LOC" => (0..k).rev().find(|&j| labels[j] == "B-LOC").unwrap_or(k),
            _ => k,
        };
        let name = &words[start..k];
        if name.is_empty()
            || start == 0 && name.len() == 1 && labels[0] == "O"
            || crate::countries::is_country(&name.join(" "))
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

    #[test]
    fn a_clubs_prefix_alone_is_its_short_form() {
        use crate::ner::group::tests::found;
        let body = "Real Madrid drew at Deportivo Coruna , and Real took a point .";
        let f = vec![
            found(body, "Real Madrid", super::super::Kind::Organization),
            found(body, "Deportivo Coruna", super::super::Kind::Organization),
            found(body, "Real took", super::super::Kind::Person),
        ];
        assert_eq!(short_forms(body, &f), vec!["Real", "Deportivo"]);
    }

    #[test]
    fn a_name_before_a_players_position_is_the_club() {
        let o = "O";
        check(
            before_positions,
            &[
                (
                    "through Sunderland forward Niall Quinn and former Auxerre playmaker Corentine Martins",
                    &[o, "B-LOC", o, "B-PER", "I-PER", o, o, o, o, "B-LOC", "I-LOC"],
                    &[o, "B-ORG", o, "B-PER", "I-PER", o, o, "B-ORG", o, "B-LOC", "I-LOC"],
                ),
                // No person after the position.
                (
                    "Market : Data center GPUs rise",
                    &[o, o, o, o, o, o],
                    &[o, o, o, o, o, o],
                ),
                // A country or a nationality is the national side.
                (
                    "by England striker Alan Shearer and Brazilian midfielder Dunga",
                    &[o, "B-LOC", o, "B-PER", "I-PER", o, "B-MISC", o, "B-PER"],
                    &[o, "B-LOC", o, "B-PER", "I-PER", o, "B-MISC", o, "B-PER"],
                ),
            ],
        );
    }
}
