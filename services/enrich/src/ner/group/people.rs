//! People's names across an article: the short forms of a person's name
//! ("Yoon" for "Yoon Suk-yeol", "Van Poppel" for "Todd Van Poppel") and
//! the people named whole sure enough for their short forms to be found
//! again ([`super::repeats`]).

use std::collections::HashMap;

use super::contains_word;
use crate::ner::Found;
use crate::ner::Kind;
use crate::FastMap;

/// Particles a surname opens with ("Van Poppel", "de Boer", "Di Canio").
const SURNAME_PARTICLES: &[&str] = &[
    "Van", "van", "De", "de", "Der", "der", "Den", "den", "Di", "di", "Da", "da", "Del", "del",
    "Le", "La", "Von", "von", "Du", "du", "Dos", "dos", "Al", "al", "El", "el",
];

/// Words that never stand alone for a person.
const NOT_ALONE: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Jr", "Jr.", "Sr", "Sr.",
];

/// People's names of two or more words that the tagger found twice or
/// more, each time as a person, that start with a given name we know and
/// have no word the page also writes in lower case: the tagger's people
/// on web pages are mostly products named twice ("Coffee Maker", "Hoka
/// Tecton") of words the page uses ("a coffee maker"). A name found once
/// counts too when its first word is a first name that is no common word
/// and the others are rare words ([`is_name_word`]: "Monica Seles", "Wang
/// Donghai"; not "Mark II", "Swift Kotlin", "Cam Locks").
pub(super) fn repeated_people<'b>(body: &'b str, found: &[Found]) -> Vec<&'b str> {
    let mut counts: FastMap<&str, (usize, bool)> = FastMap::default();
    for f in found {
        let name = &body[f.start..f.end];
        if !name.contains(' ') {
            continue;
        }
        let entry = counts.entry(name).or_insert((0, true));
        entry.0 += 1;
        entry.1 &= f.kind == Kind::Person;
    }
    let mut names: Vec<&str> = counts
        .into_iter()
        .filter(|(name, (n, people))| {
            let mut words = name.split(' ');
            let named = words
                .next()
                .is_some_and(|w| is_name_word(w, NAME_WORD_ZIPF))
                && words.all(|w| is_name_word(w, RARE_WORD_ZIPF));
            *people && (*n >= 2 || named)
        })
        .map(|(name, _)| name)
        .filter(|name| {
            name.split(' ').next().is_some_and(crate::ner::features::is_person_name)
                && !name.split(' ').any(|w| contains_word(body, &w.to_lowercase()))
                // No model's number ("Kqi3", "S2e").
                && !name.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    names.sort_unstable();
    names
}

/// Zipf frequency under which a first name is no common word ("Monica",
/// "Wang"; not "Swift", "Mark").
const NAME_WORD_ZIPF: f32 = 4.2;

/// Zipf frequency under which a capitalised word is rare enough to be a
/// surname ("Seles", "Donghai"; not "Locks", "Ports").
const RARE_WORD_ZIPF: f32 = 3.5;

/// Whether `word` is written like a word of a person's name (letters, or
/// hyphens or apostrophes; a capital first and not only capitals) and is
/// rare: under [`RARE_WORD_ZIPF`] whatever it is, under `zipf` if a first
/// name or surname we know.
fn is_name_word(word: &str, zipf: f32) -> bool {
    let lettered = word
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    let frequency = crate::ner::features::zipf(&word.to_lowercase()).unwrap_or(0.0);
    lettered
        && (frequency < RARE_WORD_ZIPF
            || (frequency < zipf && crate::ner::features::is_person_name(word)))
}

/// Short forms of the people's names: the first and the last word of a
/// tagged person of two or more words, mapped to the full name (the
/// longest, when one contains another), when no other person shares it.
pub(super) fn person_names(body: &str, found: &[Found]) -> HashMap<String, String> {
    short_forms(body, found)
        .into_iter()
        .filter_map(|(alias, mut full)| (full.len() == 1).then(|| (alias, full.remove(0))))
        .collect()
}

/// Whether `alias` is a surname the `full` names share: the last word of
/// each, one of which starts with a given name we know ("Boris Yeltsin"),
/// and never written in lower case in `body`. The tagger's people on web
/// pages share words too ("Pinot Noir" and "Pinot Grigio", "Anchorage
/// Museum" and "Denver Museum"), mostly words the page also uses in lower
/// case ("a museum").
pub(super) fn is_shared_surname(body: &str, alias: &str, full: &[String]) -> bool {
    let lower = alias.to_lowercase();
    // A word, not an initial or a model ("R.", "G3"), and no common one
    // ("Pro" of "Arlo Pro" and "Cam Pro": Zipf 4.9; "Brooks" 4.0).
    alias.chars().count() >= 2
        && alias.chars().skip(1).all(char::is_lowercase)
        && crate::ner::features::zipf(&lower).is_none_or(|z| z < 4.5)
        && full.iter().all(|n| n.rsplit(' ').next() == Some(alias))
        && !contains_word(body, &lower)
        && full.iter().any(|n| {
            n.split(' ')
                .next()
                .is_some_and(crate::ner::features::is_person_name)
        })
}

/// Every short form of the people's names ([`person_names`]) with all the
/// full names it may stand for: two or more when people share it ("Kim"
/// for "Kim Jong-un" and "Kim Yo-jong").
pub(super) fn short_forms(body: &str, found: &[Found]) -> HashMap<String, Vec<String>> {
    let mut full: Vec<&str> = found
        .iter()
        .filter(|f| f.kind == Kind::Person)
        .map(|f| &body[f.start..f.end])
        .filter(|n| n.contains(' '))
        .collect();
    full.sort_by_key(|n| std::cmp::Reverse(n.len()));
    full.dedup();
    let mut alias: HashMap<String, Vec<String>> = HashMap::new();
    for name in &full {
        let words: Vec<&str> = name.split(' ').collect();
        // A surname with its particle ("Van Poppel" of "Todd Van Poppel",
        // "de Boer" of "Ronald de Boer") is how the article names the
        // person again.
        let particle = (words.len() >= 3 && SURNAME_PARTICLES.contains(&words[words.len() - 2]))
            .then(|| words[words.len() - 2..].join(" "));
        let forms = [words[0], words[words.len() - 1]]
            .into_iter()
            .filter(|w| w.chars().count() >= 2 && !NOT_ALONE.contains(w))
            .map(str::to_string)
            .chain(particle);
        for w in forms {
            let names = alias.entry(w).or_default();
            if !names.iter().any(|other| other.contains(name)) {
                names.push(name.to_string());
            }
        }
        // A shorter full name inside a longer one ("Yoon Suk-yeol" in
        // "President Yoon Suk-yeol") is the same person.
        if let Some(longer) = full
            .iter()
            .find(|l| l.len() > name.len() && l.contains(name))
        {
            alias
                .entry(name.to_string())
                .or_insert_with(|| vec![longer.to_string()]);
        }
    }
    alias
}
