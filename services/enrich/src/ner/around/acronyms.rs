//! Organisations named in one word: a listed acronym ("into the EU"), an
//! institution's own word ("the Treasury"), an acronym an article defines
//! in parentheses after the name ("National Association of Purchasing
//! Management ( NAPM )").

use std::sync::LazyLock;

use crate::ner::features;
use crate::ner::refine::{
    is_capitalised, is_legal_form, is_one_of, INSTITUTION_HEADS, ORG, ORGANISATION_TAILS,
};
use crate::FastSet;

/// Acronyms of well-known organisations read by this rule only, not by the
/// tagger (`data/acronyms.txt`).
static ACRONYMS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| features::lines(include_str!("../../../data/acronyms.txt")).collect());

/// An acronym of the well-known organisations list ("EU", "NATO", "FIFA")
/// is an organisation whatever the tagger called it: "into the EU" reads
/// like a place to it, and news NER corpora label the EU an organisation.
/// An acronym of `data/acronyms.txt` ("BJP", "NSE", "IRS") is one even
/// where the tagger found no name at all. Only all-capital names of two
/// letters or more: "Amazon" and "Ford" of the same list are a river and
/// people as well.
pub fn known_acronyms(words: &[&str], labels: &mut [&str]) {
    for (i, word) in words.iter().enumerate() {
        // A name of one word: not continued.
        if !is_acronym(word) || labels.get(i + 1).is_some_and(|l| l.starts_with("I-")) {
            continue;
        }
        // "FDA-approved", "IRS-1": a compound, which the mention would
        // widen to whole.
        let compound = words.get(i + 1) == Some(&"-") || i > 0 && words[i - 1] == "-";
        let relabel = match labels[i] {
            "O" => !compound && ACRONYMS.contains(word),
            l => {
                l.starts_with("B-")
                    && l != ORG.0
                    && (ACRONYMS.contains(word) || features::is_known_organisation(&words[i..=i]))
            }
        };
        if relabel {
            labels[i] = ORG.0;
        }
    }
}

/// Lower-case words after an acronym that make it an organisation's:
/// its members, officers and kind ("CFDT union", "SDA officials", "ANC
/// leader").
const MEMBERS_AFTER: &[&str] = &[
    "chairman",
    "leader",
    "leaders",
    "member",
    "members",
    "official",
    "officials",
    "party",
    "spokesman",
    "spokeswoman",
    "union",
    "unions",
];

/// Acronyms of kinds of people or bodies, not of one organisation ("VIP
/// members", "NGO officials").
const GENERIC_ACRONYMS: &[&str] = &[
    "CEO", "CFO", "COO", "CTO", "LGBT", "LGBTQ", "MBA", "MEP", "MEPs", "MP", "NGO", "NGOs", "VIP",
    "VIPs",
];

/// An acronym of three letters or more that the tagger left out, right
/// before a word only an organisation's people or kind follow it with
/// (`MEMBERS_AFTER`: "Air France 's CFDT union", "SDA officials") is an
/// organisation; not a country's or a place's ("USA officials"), nor one
/// of a kind of people (`GENERIC_ACRONYMS`: "VIP members").
pub fn acronyms_before_members(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len().saturating_sub(1) {
        let word = words[i];
        if !MEMBERS_AFTER.contains(&words[i + 1]) || labels[i] != "O" {
            continue;
        }
        let letters = word.chars().filter(char::is_ascii_uppercase).count();
        if letters < 3
            || !is_acronym(word)
            || word.chars().any(|c| c.is_ascii_digit())
            || features::is_known_place_or_country(&[word])
            || GENERIC_ACRONYMS.contains(&word)
        {
            continue;
        }
        labels[i] = ORG.0;
    }
}

/// Single words that name one institution wherever they stand with a
/// capital: a country's finance ministry ("the Treasury", its bonds
/// "Treasuries") and defence ministry.
const INSTITUTION_WORDS: &[&str] = &["Pentagon", "Treasuries", "Treasury"];

/// A word of `INSTITUTION_WORDS` standing alone is the organisation,
/// whatever the tagger made of it ("a drop in Treasuries" read like a
/// place to it); inside a longer name it is left to that name ("U.S.
/// Treasury", see [`super::organisation_ends`]).
pub fn institution_words(words: &[&str], labels: &mut [&str]) {
    for i in 0..words.len() {
        let alone = labels[i] == "O"
            || (labels[i].starts_with("B-")
                && labels.get(i + 1).is_none_or(|l| !l.starts_with("I-")));
        if alone && INSTITUTION_WORDS.contains(&words[i]) {
            labels[i] = ORG.0;
        }
    }
}

/// Whether `word` is written like an acronym: two capitals or more and no
/// lower-case letter ("NAPM", "U.N.", "S&P").
fn is_acronym(word: &str) -> bool {
    word.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !word.chars().any(char::is_lowercase)
}

/// An acronym in parentheses right after an organisation's name is that
/// organisation's ("the National Association of Purchasing Management (
/// NAPM )", "World Boxing Council ( WBC )"), and a name in parentheses
/// right after an acronym is the acronym's expansion, so the acronym is
/// the organisation too ("KDP ( Kurdistan Democratic Party )"); the
/// tagger, which reads neither, often leaves the acronym out. Found once,
/// it is found again wherever the article writes it
/// ([`crate::ner::group`]). Only a name that holds an organisation's kind
/// (`is_kind`: "Council", "Party", "Inc") and starts with the acronym's
/// letter: the tagger takes many a technical term for an organisation
/// ("Domain Name System ( DNS )").
pub fn defined_acronyms(words: &[&str], labels: &mut [&str]) {
    if !words.contains(&"(") {
        return;
    }
    for (kind, first, end) in crate::ner::corpus::spans(labels) {
        let name = &words[first..end];
        if kind != "ORG" || !name.iter().any(|w| is_kind(w)) {
            continue;
        }
        let initial = |acronym: &str| {
            acronym.chars().next().map(|c| c.to_ascii_uppercase())
                == name[0].chars().next().map(|c| c.to_ascii_uppercase())
        };
        // "NAME ( ACRONYM )"
        let after = words.get(end) == Some(&"(") && words.get(end + 2) == Some(&")");
        if after
            && is_acronym(words[end + 1])
            && initial(words[end + 1])
            && labels[end + 1] != ORG.0
        {
            labels[end + 1] = ORG.0;
        }
        // "ACRONYM ( NAME )"
        let before = first >= 2 && words[first - 1] == "(" && words.get(end) == Some(&")");
        if before && is_acronym(words[first - 2]) && initial(words[first - 2]) {
            let alone = labels.get(first - 1).is_some_and(|l| !l.starts_with("I-"));
            if alone && labels[first - 2] != ORG.0 {
                labels[first - 2] = ORG.0;
            }
        }
    }
}

/// Words joining the words an acronym spells without giving it a letter
/// ("Organisation for Security and Cooperation in Europe ( OSCE )").
const UNSPELLED: &[&str] = &[
    "of", "for", "and", "&", "in", "on", "the", "de", "du", "des", "la", "le", "et", "y", "del",
    "der", "und", "für",
];

/// Kinds that name an organisation only where an acronym spells the name
/// out: "Moro National Liberation Front ( MNLF )", but "the Western Front".
const SPELLED_KINDS: &[&str] = &["front"];

/// Longest name, in words, an acronym is read as spelling.
const LONGEST_SPELLED: usize = 10;

/// An acronym of three letters or more in parentheses is the organisation
/// whose name it spells, and the whole name is that organisation: the
/// nearest run of capitalised words before the parentheses, joined by
/// `UNSPELLED` words, whose initials are the acronym's letters ("the
/// Organisation for Security and Cooperation in Europe ( OSCE )", which the
/// tagger cut at "and" and ended with a place; "Moro National Liberation
/// Front ( MNLF )"; "Guangdong Post and Telecommunications Administration (
/// GPTA )"). The name must hold an organisation's kind (see
/// [`defined_acronyms`]: "Domain Name System ( DNS )" is none) and no
/// person the tagger found.
pub fn spelled_acronyms(words: &[&str], labels: &mut [&str]) {
    if !words.contains(&"(") {
        return;
    }
    for open in 1..words.len().saturating_sub(2) {
        if words[open] != "(" || words[open + 2] != ")" || !is_acronym(words[open + 1]) {
            continue;
        }
        let letters: Vec<char> = words[open + 1]
            .chars()
            .filter(char::is_ascii_uppercase)
            .collect();
        if letters.len() < 3 {
            continue;
        }
        let Some(mut start) = spelled_by(&words[..open], &letters) else {
            continue;
        };
        let name = &words[start..open];
        // The kind ends the name or heads it before a joiner: "Cloud
        // Service Provider ( CSP )" and "Payment Service Act ( PSA )" are
        // no organisations.
        let kind = name.iter().enumerate().any(|(i, w)| {
            let heads = i + 1 == name.len() || is_one_of(name[i + 1], UNSPELLED);
            heads && (is_kind(w) || (is_capitalised(w) && is_one_of(w, SPELLED_KINDS)))
        });
        let person = labels[start..open].iter().any(|l| l.ends_with("-PER"));
        if !kind || person || crate::countries::is_country(&name.join(" ")) {
            continue;
        }
        if labels[start].starts_with("I-") {
            if is_capitalised(words[start - 1]) {
                // The tagger's name began earlier with more of it: "United
                // States Environmental Protection Agency ( EPA )".
                while start > 0 && labels[start].starts_with("I-") {
                    start -= 1;
                }
            } else {
                // Or it ran two names together: "Harvard and the
                // Massachusetts Institute of Technology ( MIT )".
                let mut joiner = start - 1;
                while joiner > 0 && is_one_of(words[joiner], UNSPELLED) {
                    labels[joiner] = "O";
                    joiner -= 1;
                }
            }
        }
        crate::ner::refine::label_span(labels, start, open, ORG);
        // A name the tagger ran on past the run's start is cut there.
        if labels.get(open).is_some_and(|l| l.starts_with("I-")) {
            labels[open] = "O";
        }
        labels[open + 1] = ORG.0;
    }
}

/// Where the nearest run of words ending right before `end` starts whose
/// capitalised words' initials are `letters`, with only `UNSPELLED` words
/// between them; the run starts and ends with a capitalised word.
fn spelled_by(words: &[&str], letters: &[char]) -> Option<usize> {
    let end = words.len();
    if end == 0 || !is_capitalised(words[end - 1]) {
        return None;
    }
    let mut spelled = Vec::new();
    for start in (end.saturating_sub(LONGEST_SPELLED)..end).rev() {
        let word = words[start];
        if is_one_of(word, UNSPELLED) && !is_capitalised(word) {
            continue;
        }
        let initial = word.chars().next().filter(|c| c.is_uppercase())?;
        spelled.insert(0, initial.to_ascii_uppercase());
        if !letters.ends_with(&spelled) {
            return None;
        }
        if spelled == letters {
            return Some(start);
        }
    }
    None
}

/// Whether `word`, capitalised, is an organisation's kind: its last word
/// ("Council", [`ORGANISATION_TAILS`]), its head before "of" ("Bank",
/// [`INSTITUTION_HEADS`]) or a legal form ("Inc").
fn is_kind(word: &str) -> bool {
    is_capitalised(word)
        && (is_one_of(word, ORGANISATION_TAILS)
            || is_one_of(word, INSTITUTION_HEADS)
            || is_legal_form(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

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
                // An acronym of the second list, found or not; the first
                // list's only where found ("EU" is no name in "EU law"
                // to the tagger, and the list's "AP" is a school course).
                (
                    "the BJP and NSE with EU law",
                    &[o, o, o, "B-PER", o, o, o],
                    &[o, "B-ORG", o, "B-ORG", o, o, o],
                ),
                // In a compound.
                ("FDA - approved", &[o, o, o], &[o, o, o]),
                // Inside a longer name, in lower case.
                (
                    "BJP Youth Wing and the bjp",
                    &["B-ORG", "I-ORG", "I-ORG", o, o, o],
                    &["B-ORG", "I-ORG", "I-ORG", o, o, o],
                ),
            ],
        );
    }

    #[test]
    fn an_institutions_own_word_is_the_organisation() {
        let o = "O";
        check(
            institution_words,
            &[
                (
                    "after the drop in Treasuries , the Pentagon said",
                    &[o, o, o, o, "B-LOC", o, o, "B-LOC", o],
                    &[o, o, o, o, "B-ORG", o, o, "B-ORG", o],
                ),
                // Inside a longer name: left to it.
                (
                    "the U.S. Treasury said",
                    &[o, "B-LOC", "I-LOC", o],
                    &[o, "B-LOC", "I-LOC", o],
                ),
            ],
        );
    }

    #[test]
    fn an_acronym_defined_in_parentheses_is_the_organisation() {
        let o = "O";
        check(
            defined_acronyms,
            &[
                (
                    "the Chicago Purchasing Association ( CPA ) index",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, o, o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, "B-ORG", o, o],
                ),
                (
                    "KDP ( Kurdistan Democratic Party ) said",
                    &["B-LOC", o, "B-ORG", "I-ORG", "I-ORG", o, o],
                    &["B-ORG", o, "B-ORG", "I-ORG", "I-ORG", o, o],
                ),
                // Not after a person or a place, a word in ordinary case,
                // a name of no organisation's kind or of another letter.
                (
                    "the Domain Name System ( DNS ) and Acme Council ( XYZ )",
                    &[
                        o, "B-ORG", "I-ORG", "I-ORG", o, o, o, o, "B-ORG", "I-ORG", o, o, o,
                    ],
                    &[
                        o, "B-ORG", "I-ORG", "I-ORG", o, o, o, o, "B-ORG", "I-ORG", o, o, o,
                    ],
                ),
                (
                    "Ms Rowe ( RN ) and Lagos ( LOS ) and the Fund ( Reuters )",
                    &[
                        o, "B-PER", o, o, o, o, "B-LOC", o, o, o, o, o, "B-ORG", o, "B-ORG", o,
                    ],
                    &[
                        o, "B-PER", o, o, o, o, "B-LOC", o, o, o, o, o, "B-ORG", o, "B-ORG", o,
                    ],
                ),
            ],
        );
    }

    #[test]
    fn an_acronym_spelling_a_name_makes_the_whole_name_the_organisation() {
        let o = "O";
        check(
            spelled_acronyms,
            &[
                // Cut at "and" and ended by a place, read whole.
                (
                    "the Organisation for Security and Cooperation in Europe ( OSCE ) said",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, o, o, "B-LOC", o, o, o, o],
                    &[
                        o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o,
                        "B-ORG", o, o,
                    ],
                ),
                // A kind that names an organisation only so spelled.
                (
                    "the Moro National Liberation Front ( MNLF )",
                    &[o, o, o, o, o, o, o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o],
                ),
                // The tagger's longer name stands; two names it ran
                // together are parted.
                (
                    "U.S. Environmental Protection Agency ( EPA )",
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o],
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o],
                ),
                (
                    "Harvard and the Massachusetts Institute of Technology ( MIT ) met",
                    &[
                        "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o, o,
                    ],
                    &[
                        "B-ORG", o, o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o, o,
                    ],
                ),
            ],
        );
    }

    #[test]
    fn an_acronym_spelling_no_organisation_is_left_alone() {
        let o = "O";
        check_unchanged(
            spelled_acronyms,
            &[
                // No kind, a kind inside the name, two letters, letters
                // the name does not spell, a person.
                (
                    "the Domain Name System ( DNS )",
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, o, o],
                ),
                ("the Payment Service Act ( PSA )", &[o, o, o, o, o, o, o]),
                ("the Acme Council ( AC )", &[o, o, o, o, o, o]),
                (
                    "the Chartered Institute of Building ( CIOB )",
                    &[o, o, o, o, o, o, o, o],
                ),
                (
                    "Ms Jane Fund Smith ( JFS )",
                    &[o, "B-PER", "I-PER", "I-PER", o, o, o],
                ),
            ],
        );
    }

    #[test]
    fn an_acronym_before_an_organisations_people_is_the_organisation() {
        let o = "O";
        check(
            acronyms_before_members,
            &[
                (
                    "a spokesman for the CFDT union and SDA officials",
                    &[o; 9],
                    &[o, o, o, o, "B-ORG", o, o, "B-ORG", o],
                ),
                // A country, a kind of people, two letters, a found name,
                // another word after it.
                (
                    "USA officials , VIP members , EU officials , NATO said",
                    &[o, o, o, o, o, o, o, o, o, "B-ORG", o],
                    &[o, o, o, o, o, o, o, o, o, "B-ORG", o],
                ),
            ],
        );
    }
}
