//! People's names as news NER corpora mark them: an office title cut
//! ("Chancellor Angela Merkel"), a player's position before a name
//! ("center Ivica Zubac"), a possessive after one ("Paul’s deputy").

use super::in_capitals;
use crate::ner::features;
use crate::ner::refine::{is_capitalised, is_one_of, label_span, PER};

/// Title cues that are never part of a person's name as news NER corpora
/// mark it ("Chancellor Angela Merkel" names "Angela Merkel", "Pope
/// Francis" "Francis", "Queen Elizabeth" "Elizabeth"). British honours
/// and forms of address ("Sir Alex Ferguson", "Lady Gaga", "Father
/// Brown") are left to the tagger: they are often part of the name.
fn is_office_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    features::is_title_cue(&lower)
        && !matches!(
            lower.as_str(),
            "lord" | "lady" | "dame" | "sir" | "crown" | "father" | "rev." | "star"
        )
}

/// Zipf frequency of the commonest English words ("of", "the", "and"):
/// no name starts with one after a title.
const FUNCTION_ZIPF: f32 = 6.0;

/// Office titles at the start of a person's name are cut from it
/// ("Chancellor Angela Merkel" → "Angela Merkel", "Mr Trump" → "Trump"),
/// and a title after "the" that the tagger took for a whole name ("the
/// Chancellor’s cabinet", "the Pope said") is none; without "the" it may
/// be a surname ("King said").
pub fn titles(words: &[&str], labels: &mut [&str]) {
    let mut i = 0;
    while i < words.len() {
        if labels[i] != "B-PER" {
            i += 1;
            continue;
        }
        let end = (i + 1..words.len())
            .find(|&j| labels[j] != "I-PER")
            .unwrap_or(words.len());
        let titled = (i..end).take_while(|&j| is_office_title(words[j])).count();
        // What is left must read as a name, not a heading's "Of Ai".
        let name_left = titled < end - i
            && features::zipf(&words[i + titled].to_lowercase()).is_none_or(|z| z < FUNCTION_ZIPF);
        if titled > 0 && name_left {
            labels[i..i + titled].fill("O");
            labels[i + titled] = "B-PER";
        } else if end - i == 1
            && features::is_title_cue(&words[i].to_lowercase())
            && i > 0
            && matches!(words[i - 1], "the" | "The")
        {
            labels[i] = "O";
        }
        i = end;
    }
}

/// A name written twice in a row, which the tagger reads as one
/// ("Basant Maheshwari Basant Maheshwari": a byline against a headline or
/// a photo caption), is two mentions of it.
pub fn doubled_names(words: &[&str], labels: &mut [&str]) {
    for (_, first, end) in crate::ner::corpus::spans(labels) {
        let n = end - first;
        if n >= 4 && n % 2 == 0 && words[first..first + n / 2] == words[first + n / 2..end] {
            let half = labels[first];
            labels[first + n / 2] = half;
        }
    }
}

/// Particles of surnames, lower case ("Joost van der Westhuizen", "De la
/// Rosa", "Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "ten", "ter",
];

/// A person's initial ("D. Blenkiron", "P. Simmons 4-38") or the
/// particles of a surname ("Van der Westhuizen" at the start of a
/// mention) before a name, which the tagger cut off or typed apart
/// ("Van" a place, "D." a person of its own), is part of the name. An
/// initial stands before an uncommon capitalised word the tagger found as
/// a person, or left out but not at the line's start (a list's "E.
/// Buffet"); a known place after it is no surname ("W. Virginia").
pub fn initials_and_particles(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len().saturating_sub(1) {
        // Not a roman numeral ("Phase I. Uta explained"), nor an
        // address's point of the compass ("610 E. Roosevelt St.") or a
        // reference's author ("D'Hondt E. Determinants of").
        let before = if i > 0 { words[i - 1] } else { "" };
        let initial = matches!(words[i].as_bytes(), [b'A'..=b'Z', b'.'])
            && !matches!(words[i], "I." | "V." | "X.")
            && !is_capitalised(before)
            && !before.bytes().any(|b| b.is_ascii_digit());
        let next = words[i + 1];
        let surname = next.len() >= 3
            && is_capitalised(next)
            && next.chars().skip(1).any(char::is_lowercase)
            && next
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-');
        if !initial || !surname {
            continue;
        }
        let tagged = labels[i + 1] == "B-PER";
        // At a line's start, "E. Buffet" is more likely a list's item.
        let left_out = i > 0
            && labels[i + 1] == "O"
            && matches!(labels[i], "O" | "B-PER")
            && !super::is_common_word(next)
            && !features::is_known_place(&[next]);
        if tagged || left_out {
            let end = (i + 2..words.len())
                .find(|&j| labels[j] != "I-PER")
                .unwrap_or(words.len());
            let end = if tagged { end } else { i + 2 };
            label_span(labels, i, end, PER);
        }
    }
    let is_particle = |w: &str| is_one_of(w, PARTICLES);
    if !words.iter().any(|w| is_particle(w)) {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        if kind != "PER" || labels[first] != "B-PER" {
            continue;
        }
        let mut start = first;
        while start > 0 && is_particle(words[start - 1]) {
            start -= 1;
        }
        if start == first {
            continue;
        }
        if start > 0 && labels[start - 1].ends_with("-PER") {
            // "Joost" and "Westhuizen" either side of "van der": one name.
            let given = (0..start)
                .rev()
                .find(|&j| labels[j] == "B-PER")
                .unwrap_or(start - 1);
            label_span(labels, given, end, PER);
        } else if is_capitalised(words[start]) && (start == 0 || !is_capitalised(words[start - 1]))
        {
            label_span(labels, start, end, PER);
        }
    }
}

/// A player's positions, lower case: they stand before the player's name
/// ("Kings guard Buddy Hield") and after the club's ("Sunderland forward
/// Niall Quinn", see [`crate::ner::clubs::before_positions`]).
pub(in crate::ner) const PLAYER_POSITIONS: &[&str] = &[
    "all-rounder",
    "batsman",
    "bowler",
    "catcher",
    "center",
    "centre",
    "defender",
    "forward",
    "fullback",
    "goalkeeper",
    "guard",
    "infielder",
    "keeper",
    "opener",
    "midfielder",
    "outfielder",
    "pitcher",
    "playmaker",
    "quarterback",
    "seamer",
    "shortstop",
    "spinner",
    "striker",
    "sweeper",
    "winger",
];

/// Other lower-case words that stand before a person's name in news copy
/// ("Formula One driver Robert Kubica", "a Kremlin spokesman").
const ROLES: &[&str] = &[
    "driver",
    "jockey",
    "photographer",
    "rider",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Two or three capitalised words right after a player's position or a
/// spokesperson's role (`PLAYER_POSITIONS`, `ROLES`) are a person, whatever the tagger
/// typed them ("center Ivica Zubac" was an organisation), unless the
/// gazetteer knows them as a place or an organisation.
pub fn after_position(words: &[&str], labels: &mut [&str]) {
    for k in 0..words.len().saturating_sub(1) {
        let position = PLAYER_POSITIONS.contains(&words[k]) || ROLES.contains(&words[k]);
        if !is_capitalised(words[k + 1]) || labels[k] != "O" || !position {
            continue;
        }
        let start = k + 1;
        let end = (start..words.len())
            .find(|&j| !is_capitalised(words[j]) || labels[j] == "B-PER" && j > start)
            .unwrap_or(words.len());
        let run = &words[start..end];
        if !(2..=3).contains(&run.len())
            || labels[start..end].iter().all(|l| l.ends_with("-PER"))
            || labels.get(end).is_some_and(|l| l.starts_with("I-"))
            || labels[start].starts_with("I-")
            || features::is_known_name(run)
            || in_capitals(run)
        {
            continue;
        }
        label_span(labels, start, end, PER);
    }
}

/// A party member's word before a person's name ("Democrat Walter
/// Mondale", "Republican Bob Dole"): an affiliation, `other`, not part of
/// the name.
const PARTY_WORDS: &[&str] = &[
    "Democrat",
    "Republican",
    "Socialist",
    "Communist",
    "Conservative",
    "Liberal",
    "Nationalist",
];

/// Zipf frequency from which a first name is a common word too ("Heart",
/// "River", "Royal"), no evidence of a person after a nationality word.
const FIRST_NAME_ZIPF: f32 = 4.0;

/// A person's name the tagger opened with a party member's word
/// (`PARTY_WORDS`) starts after it; the word is `other`. So does a name of
/// any type it opened with a nationality word and a first name
/// ("second-seeded Australian Rodney Eyles" was one other name): the
/// person after the nationality.
pub fn party_words(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len().saturating_sub(2) {
        let Some(kind) = labels[i].strip_prefix("B-") else {
            continue;
        };
        let inside = ["I-", kind].concat();
        let opens = labels[i + 1] == inside && labels[i + 2] == inside;
        let party = kind == "PER" && PARTY_WORDS.contains(&words[i]);
        // A first name that is no common word ("American Heart
        // Association": "Heart" is a first name too).
        let first_name = |w: &str| {
            features::is_person_name(w)
                && features::zipf(&w.to_lowercase()).is_none_or(|z| z < FIRST_NAME_ZIPF)
        };
        let nationality = crate::countries::is_nationality(words[i]) && first_name(words[i + 1]);
        if opens && (party || nationality) {
            labels[i] = "B-MISC";
            labels[i + 1] = "B-PER";
            for label in labels[i + 2..].iter_mut().take_while(|l| **l == inside) {
                *label = "I-PER";
            }
        }
    }
}

/// A possessive ("'s", "’s") that ends a person's or a place's name is no
/// part of it: "Sergio Gor, Paul’s deputy" names Paul. The tagger learned
/// this for the straight apostrophe of its training corpora more surely
/// than for the typographic one news copy sets. An organisation keeps its
/// possessive ("McDonald's", "Chili's").
pub fn possessives(words: &[&str], labels: &mut [&str]) {
    for i in 1..words.len() {
        let ends = labels.get(i + 1).is_none_or(|next| !next.starts_with("I-"));
        if ends
            && matches!(labels[i], "I-PER" | "I-LOC")
            && matches!(words[i], "'s" | "’s" | "'S" | "’S")
        {
            labels[i] = "O";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn initials_and_surname_particles_belong_to_the_name() {
        let o = "O";
        check(
            initials_and_particles,
            &[
                (
                    "( D. Blenkiron 4-43 )",
                    &[o, "B-PER", o, o, o],
                    &[o, "B-PER", "I-PER", o, o],
                ),
                (
                    ", S. Watkin 69 ,",
                    &[o, o, o, o, o],
                    &[o, "B-PER", "I-PER", o, o],
                ),
                (
                    "allowed Van der Westhuizen to score",
                    &[o, "B-LOC", o, "B-PER", o, o],
                    &[o, "B-PER", "I-PER", "I-PER", o, o],
                ),
                (
                    "Joost van der Westhuizen was",
                    &["B-PER", o, o, "B-PER", o],
                    &["B-PER", "I-PER", "I-PER", "I-PER", o],
                ),
            ],
        );
        let unchanged: &[(&str, &[&'static str])] = &[
            // A list's item, an address, a reference, a roman numeral,
            // a place.
            ("E. Buffet", &["O", "O"]),
            ("610 E. Roosevelt St.", &["O", "O", "B-PER", "O"]),
            ("D'Hondt E. Determinants of", &["B-PER", "O", "O", "O"]),
            ("in Phase I. Uta explained", &["O", "O", "O", "B-PER", "O"]),
            ("near W. Virginia", &["O", "O", "B-LOC"]),
            ("Tour de France", &["B-MISC", "I-MISC", "I-MISC"]),
        ];
        check_unchanged(initials_and_particles, unchanged);
    }

    #[test]
    fn a_name_written_twice_in_a_row_is_two_mentions() {
        let o = "O";
        let per4 = ["B-PER", "I-PER", "I-PER", "I-PER"];
        check(
            doubled_names,
            &[
                (
                    "Basant Maheshwari Basant Maheshwari said",
                    &["B-PER", "I-PER", "I-PER", "I-PER", o],
                    &["B-PER", "I-PER", "B-PER", "I-PER", o],
                ),
                // Two different halves, or one word twice, stay.
                ("Anna Berg Bo Berg", &per4, &per4),
                ("Sirhan Sirhan", &["B-PER", "I-PER"], &["B-PER", "I-PER"]),
            ],
        );
    }

    #[test]
    fn office_titles_are_no_part_of_a_name() {
        let o = "O";
        check(
            titles,
            &[
                (
                    "Chancellor Angela Merkel declined",
                    &["B-PER", "I-PER", "I-PER", o],
                    &[o, "B-PER", "I-PER", o],
                ),
                ("Mr Trump said", &["B-PER", "I-PER", o], &[o, "B-PER", o]),
                (
                    "Vice President Mike Pence",
                    &["B-PER", "I-PER", "I-PER", "I-PER"],
                    &[o, o, "B-PER", "I-PER"],
                ),
                ("the Chancellor ’s", &[o, "B-PER", o], &[o, o, o]),
                (
                    "Vice President Of Ai",
                    &["B-PER", "I-PER", "I-PER", "I-PER"],
                    &["B-PER", "I-PER", "I-PER", "I-PER"],
                ),
                // Royal and religious titles are cut too; an honour is
                // left to the tagger; a surname stays.
                ("Queen Elizabeth", &["B-PER", "I-PER"], &[o, "B-PER"]),
                (
                    "Pope John Paul",
                    &["B-PER", "I-PER", "I-PER"],
                    &[o, "B-PER", "I-PER"],
                ),
                (
                    "Sir Alex Ferguson",
                    &["B-PER", "I-PER", "I-PER"],
                    &["B-PER", "I-PER", "I-PER"],
                ),
                ("King said", &["B-PER", o], &["B-PER", o]),
            ],
        );
    }

    #[test]
    fn a_position_names_the_player_after_it() {
        let o = "O";
        check(
            after_position,
            &[
                (
                    "Clippers center Ivica Zubac dunks",
                    &["B-ORG", o, "B-ORG", "I-ORG", o],
                    &["B-ORG", o, "B-PER", "I-PER", o],
                ),
                // A single word, a known name.
                ("the driver Mercedes", &[o, o, "B-ORG"], &[o, o, "B-ORG"]),
                (
                    "guard New York",
                    &[o, "B-LOC", "I-LOC"],
                    &[o, "B-LOC", "I-LOC"],
                ),
            ],
        );
    }

    #[test]
    fn a_possessive_ends_a_person_or_a_place_but_not_an_organisation() {
        let o = "O";
        check(
            possessives,
            &[
                (
                    "Sergio Gor , Paul ’s deputy",
                    &["B-PER", "I-PER", o, "B-PER", "I-PER", o],
                    &["B-PER", "I-PER", o, "B-PER", o, o],
                ),
                ("Germany 's", &["B-LOC", "I-LOC"], &["B-LOC", o]),
                // Inside a name it stays ("St John 's Wood").
                (
                    "St John 's Wood",
                    &["B-LOC", "I-LOC", "I-LOC", "I-LOC"],
                    &["B-LOC", "I-LOC", "I-LOC", "I-LOC"],
                ),
                ("McDonald 's", &["B-ORG", "I-ORG"], &["B-ORG", "I-ORG"]),
            ],
        );
    }

    #[test]
    fn a_party_or_nationality_word_opens_no_name() {
        let o = "O";
        check(
            party_words,
            &[
                (
                    "while Democrat Walter Mondale lost",
                    &[o, "B-PER", "I-PER", "I-PER", o],
                    &[o, "B-MISC", "B-PER", "I-PER", o],
                ),
                (
                    "plays Australian Rodney Eyles today",
                    &[o, "B-MISC", "I-MISC", "I-MISC", o],
                    &[o, "B-MISC", "B-PER", "I-PER", o],
                ),
            ],
        );
        check_unchanged(
            party_words,
            &[
                ("Republican Smith", &["B-PER", "I-PER"]),
                // A first name that is a common word too.
                (
                    "the American Heart Association",
                    &["O", "B-ORG", "I-ORG", "I-ORG"],
                ),
            ],
        );
    }
}
