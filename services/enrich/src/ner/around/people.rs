//! People's names as news NER corpora mark them: an office title cut
//! ("Chancellor Angela Merkel"), a player's position before a name
//! ("center Ivica Zubac"), a possessive after one ("Paul’s deputy").

use super::in_capitals;
use crate::ner::features;
use crate::ner::refine::{is_capitalised, label_span, PER};

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

/// Lower-case words that stand before a person's name in news copy
/// ("Kings guard Buddy Hield", "Formula One driver Robert Kubica").
const POSITIONS: &[&str] = &[
    "batsman",
    "bowler",
    "catcher",
    "center",
    "centre",
    "defender",
    "driver",
    "forward",
    "fullback",
    "goalkeeper",
    "guard",
    "infielder",
    "jockey",
    "keeper",
    "midfielder",
    "outfielder",
    "photographer",
    "pitcher",
    "quarterback",
    "rider",
    "shortstop",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "striker",
    "winger",
];

/// Two or three capitalised words right after a player's position or a
/// spokesperson's role (`POSITIONS`) are a person, whatever the tagger
/// typed them ("center Ivica Zubac" was an organisation), unless the
/// gazetteer knows them as a place or an organisation.
pub fn after_position(words: &[&str], labels: &mut [&str]) {
    for k in 0..words.len().saturating_sub(1) {
        if !is_capitalised(words[k + 1]) || labels[k] != "O" || !POSITIONS.contains(&words[k]) {
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
    use crate::ner::refine::tests::check;

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
}
