//! Organisations shown by their officers: "Cofinec CEO Stephen Frater",
//! "Petofi general manager Laszlo Sebesvari". A company the tagger does not
//! know it takes for a person or leaves out, sentence by sentence; one
//! officer named after it is evidence for the whole article, the way a
//! match is for a team (`sports::team_names`).

use super::refine::capitalised_before;
use super::tokens::Token;
use super::{Found, Kind};

/// Offices only an organisation has, lower case, that follow its name
/// ("Cofinec CEO"). Not "chief" or "spokesman": a person has those too
/// ("Yeltsin spokesman Sergei Yastrzhembsky").
const OFFICES: &[&[&str]] = &[
    &["ceo"],
    &["chairman"],
    &["chairwoman"],
    &["chief", "executive"],
    &["general", "manager"],
    &["managing", "director"],
];

/// Longest name taken before an office, in words.
const LONGEST_NAME: usize = 4;

/// The names an article shows as organisations by an office after them
/// ([`OFFICES`]), as it writes them: the capitalised words right before
/// the office, without a common word opening the sentence ("Former"),
/// unless they are a country, or a person the tagger found (`found`)
/// whose name we know as a person's or who is named whole elsewhere
/// ("Boris Yeltsin").
pub(super) fn organisation_names(
    body: &str,
    sentences: &[Vec<Token>],
    found: &[Found],
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for sentence in sentences {
        // Most sentences name no office: their words are not gathered.
        let has_office = sentence.iter().any(|t| {
            let word = &body[t.start..t.end];
            OFFICES
                .iter()
                .any(|office| office[0].eq_ignore_ascii_case(word))
        });
        if !has_office {
            continue;
        }
        let words: Vec<&str> = sentence.iter().map(|t| &body[t.start..t.end]).collect();
        for i in 1..words.len() {
            let office = OFFICES.iter().any(|office| {
                words.len() >= i + office.len()
                    && office
                        .iter()
                        .zip(&words[i..])
                        .all(|(o, w)| o.eq_ignore_ascii_case(w))
            });
            if !office {
                continue;
            }
            let mut start = capitalised_before(&words, i, LONGEST_NAME, |_| true);
            // A sentence's first word is capitalised whatever it is.
            if start == 0 && i > 1 && super::around::is_common_word(words[0]) {
                start = 1;
            }
            if start == i {
                continue;
            }
            let (from, to) = (sentence[start].start, sentence[i - 1].end);
            let name = &body[from..to];
            if crate::countries::is_country(name) || is_person(body, name, found) {
                continue;
            }
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// Whether the tagger found `name` as a person of the article whose name
/// we know as a person's, or who is named whole elsewhere ("Yeltsin" of
/// "Boris Yeltsin").
fn is_person(body: &str, name: &str, found: &[Found]) -> bool {
    let people = || {
        found
            .iter()
            .filter(|f| f.kind == Kind::Person)
            .map(|f| &body[f.start..f.end])
    };
    people().any(|p| p == name)
        && (name.split(' ').any(super::features::is_person_name)
            || people().any(|p| p != name && p.split(' ').any(|w| w == name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::group::tests::found;

    #[test]
    fn a_name_before_an_office_only_organisations_have_is_one() {
        let body = "Cofinec CEO Stephen Frater spoke. Former Petofi general manager \
            Laszlo Sebesvari left Petofi. Boris Yeltsin met Fed Chairman Alan Greenspan. \
            Yeltsin chairman? No: Yeltsin spokesman Sergei Yastrzhembsky. Japan CEO Forum.";
        let sentences = super::super::tokens::sentences(body);
        let f = vec![
            found(body, "Petofi", Kind::Person),
            found(body, "Boris Yeltsin", Kind::Person),
            found(body, "Yeltsin chairman", Kind::Person),
        ];
        let mut f = f;
        f[2].end = f[2].start + "Yeltsin".len();
        assert_eq!(
            organisation_names(body, &sentences, &f),
            vec!["Cofinec", "Petofi", "Fed"]
        );
    }
}
