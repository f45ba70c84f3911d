//! Corrections read off the words around a tagged name, as news copy
//! writes them: a company's kind before its name ("carmaker Renault"), a
//! listed organisation's acronym whatever its sentence makes it look like
//! ("into the EU"), a possessive after a name ("Paul’s deputy"). Applied
//! by [`super::refine::all`], so the trainer's scorer measures them too.

use super::features;
use super::refine::{is_capitalised, label_span, ORG};

/// Lower-case nouns that name what kind of company, outlet or club the
/// capitalised words right after them are ("the French carmaker Renault",
/// "sportswear giant Nike", "news agency Yonhap", "messaging app
/// WhatsApp"). Words that stand before people as often ("party", "team",
/// "company's founder") are not among them.
const KINDS: &[&str] = &[
    "airline",
    "app",
    "automaker",
    "bank",
    "brand",
    "brewer",
    "broadcaster",
    "carmaker",
    "chipmaker",
    "club",
    "company",
    "conglomerate",
    "drugmaker",
    "exchange",
    "firm",
    "giant",
    "group",
    "insurer",
    "label",
    "lender",
    "magazine",
    "manufacturer",
    "miner",
    "network",
    "newspaper",
    "outlet",
    "planemaker",
    "platform",
    "publisher",
    "regulator",
    "retailer",
    "startup",
    "start-up",
    "supermarket",
    "tabloid",
    "watchdog",
];

/// Acronyms of things, not of companies, that follow a kind noun ("the
/// platform AI features", "the company HR team").
const GENERIC_ACRONYMS: &[&str] = &[
    "AI", "API", "CEO", "CFO", "CRM", "GPS", "HR", "ID", "IT", "PDF", "PR", "SEO", "SMS", "TV",
    "UI", "URL", "USB", "UX", "VPN",
];

/// Zipf frequency from which a word is common English: a run of such
/// words the tagger left out ("the app Store Listing", "the platform
/// Starting") is no evidence of a name.
const COMMON_ZIPF: f32 = 4.0;

/// Capitalised words that are no company's name after a kind noun ("the
/// firm Monday said", "the bank in January").
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "I",
    "The",
    "A",
    "An",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
];

/// Longest run of capitalised words taken for a company's name.
const LONGEST_NAME: usize = 4;

/// Labels the capitalised words right after a kind noun ([`KINDS`]) as an
/// organisation: whatever the tagger made of them ("Nike" a person,
/// "Nissan" left out), "sportswear giant Nike" names a company. The run
/// is left alone if it starts with a title before a person the tagger
/// found ("the company Chairman Lee"; not "carmaker General Motors"), a
/// weekday or month, or runs longer than [`LONGEST_NAME`] words (a
/// heading in title case), or if it is only part of a longer name the
/// tagger found.
pub fn after_kind(words: &[&str], labels: &mut [&str]) {
    for k in 0..words.len().saturating_sub(1) {
        // Cheap tests first: this runs on every word of every sentence.
        if !is_capitalised(words[k + 1]) || labels[k] != "O" || !KINDS.contains(&words[k]) {
            continue;
        }
        let start = k + 1;
        let end = (start..words.len())
            .find(|&j| !is_capitalised(words[j]))
            .unwrap_or(words.len());
        let run = &words[start..end];
        // A title before a person the tagger found ("Chairman Lee"), not
        // a company's first word ("General Motors").
        let titled = features::is_title_cue(&run.first().unwrap_or(&"").to_lowercase())
            && labels[start..end].iter().any(|l| l.ends_with("-PER"));
        if run.is_empty() || run.len() > LONGEST_NAME || NOT_NAMES.contains(&run[0]) || titled {
            continue;
        }
        let found = labels[start..end].iter().any(|l| *l != "O");
        let common = |w: &&str| features::zipf(&w.to_lowercase()).is_some_and(|z| z >= COMMON_ZIPF);
        // "APIs", "ATMs": plural acronyms are things.
        let plural_acronym = |w: &&str| {
            w.len() > 2
                && w.ends_with('s')
                && w[..w.len() - 1].chars().all(|c| c.is_ascii_uppercase())
        };
        if (!found && run.iter().all(common))
            || run.iter().any(plural_acronym)
            || (run.len() == 1 && GENERIC_ACRONYMS.contains(&run[0]))
        {
            continue;
        }
        // A name the tagger found running past the capitalised words (or
        // starting before them) is a longer name: leave it be.
        let continues = labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if continues || labels[start].starts_with("I-") {
            continue;
        }
        label_span(labels, start, end, ORG);
    }
}

/// An acronym of the well-known organisations list ("EU", "NATO", "FIFA")
/// is an organisation whatever the tagger called it: "into the EU" reads
/// like a place to it, and news NER corpora label the EU an organisation.
/// Only all-capital names of two letters or more: "Amazon" and "Ford" of
/// the same list are a river and people as well.
pub fn known_acronyms(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len() {
        // A name of one word: labelled B- and not continued.
        let alone =
            labels[i].starts_with("B-") && !labels.get(i + 1).is_some_and(|l| l.starts_with("I-"));
        let acronym = words[i].chars().filter(char::is_ascii_uppercase).count() >= 2
            && !words[i].chars().any(char::is_lowercase);
        if alone && labels[i] != ORG.0 && acronym && features::is_known_organisation(&words[i..=i])
        {
            labels[i] = ORG.0;
        }
    }
}

/// Title cues that are never part of a person's name as news NER corpora
/// mark it ("Chancellor Angela Merkel" names "Angela Merkel"). Royal and
/// religious titles ("Queen Elizabeth", "Pope Francis", "Sheikh Hasina")
/// are left to the tagger: they are often taken as the name.
fn is_office_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    features::is_title_cue(&lower)
        && !matches!(
            lower.as_str(),
            "king"
                | "queen"
                | "prince"
                | "princess"
                | "pope"
                | "sheikh"
                | "lord"
                | "lady"
                | "dame"
                | "sir"
                | "emperor"
                | "crown"
                | "father"
                | "imam"
                | "rabbi"
                | "cardinal"
                | "bishop"
                | "archbishop"
                | "rev."
                | "star"
        )
}

/// Lower-case nouns after which the capitalised words before them are a
/// place: "the Nowshera sector", "Shiga prefecture", "the Udoh Nagar
/// area", "Rajouri district".
const PLACE_NOUNS: &[&str] = &[
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

/// Labels the capitalised words right before a place noun ([`PLACE_NOUNS`])
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
        let common = |w: &&str| features::zipf(&w.to_lowercase()).is_some_and(|z| z >= COMMON_ZIPF);
        // "the BFSI sector": an acronym before a place noun is an industry's.
        let acronym = |w: &&str| w.len() >= 2 && !w.chars().any(char::is_lowercase);
        if start == 0
            || run.len() > LONGEST_PLACE
            || run.iter().any(acronym)
            || !other_or_none
            || labels[start] == "I-MISC"
            || run.iter().any(common)
            || features::is_known_nationality(run)
        {
            continue;
        }
        label_span(labels, start, k, super::refine::LOC);
    }
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
                // A royal title is left to the tagger; a surname stays.
                ("Queen Elizabeth", &["B-PER", "I-PER"], &["B-PER", "I-PER"]),
                ("King said", &["B-PER", o], &["B-PER", o]),
            ],
        );
    }

    #[test]
    fn a_kind_noun_names_the_company_after_it() {
        let o = "O";
        check(
            after_kind,
            &[
                (
                    "the French carmaker Renault named",
                    &[o, "B-MISC", o, o, o],
                    &[o, "B-MISC", o, "B-ORG", o],
                ),
                (
                    "sportswear giant Nike said",
                    &[o, o, "B-PER", o],
                    &[o, o, "B-ORG", o],
                ),
                (
                    "news agency Yonhap and carmaker Hyundai Motor said",
                    &[o, o, "B-ORG", o, o, o, o, o],
                    &[o, o, "B-ORG", o, o, "B-ORG", "I-ORG", o],
                ),
                // A title that begins a company's name.
                (
                    "carmaker General Motors Co said",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                // Not a name: a weekday, a title, a longer name found,
                // common words left out, a generic or plural acronym.
                ("the firm Monday said", &[o, o, o, o], &[o, o, o, o]),
                ("the app Store Listing", &[o, o, o, o], &[o, o, o, o]),
                ("the platform APIs and company HR", &[o; 6], &[o; 6]),
                (
                    "the company Chairman Lee Jae-yong",
                    &[o, o, o, "B-PER", "I-PER"],
                    &[o, o, o, "B-PER", "I-PER"],
                ),
                (
                    "bank Sarasin Alpen Kanal Partners Group fund",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
            ],
        );
    }

    #[test]
    fn a_listed_acronym_is_an_organisation() {
        let o = "O";
        check(
            known_acronyms,
            &[
                ("into the EU for", &[o, o, "B-LOC", o], &[o, o, "B-ORG", o]),
                ("NATO said", &["B-PER", o], &["B-ORG", o]),
                // A listed name in ordinary case keeps the tagger's label.
                ("the Amazon river", &[o, "B-LOC", o], &[o, "B-LOC", o]),
                // An acronym the list does not hold, too.
                ("the US said", &[o, "B-LOC", o], &[o, "B-LOC", o]),
            ],
        );
    }
}
