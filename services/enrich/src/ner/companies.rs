//! Companies: named with a legal form ("Acme Holdings Inc", "Edward D.
//! Jones & Co"), listed ones by name, and the short forms of one an
//! article names whole with its legal form.
//!
//! Listed companies by name (`data/companies.txt`, built from the index
//! constituents of the PyPI package pytickersymbols): "Commerzbank",
//! "Deutsche Telekom" and "Siemens" are organisations, which the tagger,
//! trained on web text and tweets, missed or took for people. A single
//! word that is common English ("Next", "Target", "Apple"), an acronym
//! ("AES" is a cipher as often) or a known place is left to the tagger.

use std::sync::LazyLock;

use super::features::{self, lines, words_of};
use super::names::NameList;
use super::refine::{is_capitalised, is_one_of, label_span, ORG};
use super::{Found, Kind};

/// Zipf frequency from which a one-word company name is an everyday word
/// ("next", "target", "visa") and left to the tagger; below it, the word
/// is taken for the company where the tagger found it as another type of
/// name ("Siemens", 3.3, a person to it). Where the tagger found no name,
/// only a word too rare for the frequency list is ("Commerzbank"; not
/// "Booking", 3.9, or "Compass", 3.7).
const COMMON_ZIPF: f32 = 4.0;

/// How a listed name may be taken.
#[derive(Clone, Copy, PartialEq)]
enum Trust {
    /// Where the tagger found it as another type of name, or found nothing.
    Always,
    /// Only where the tagger found it as another type of name.
    Tagged,
}

/// The listed names, with how far each is trusted.
static COMPANIES: LazyLock<NameList<Trust>> = LazyLock::new(|| {
    let mut companies = NameList::default();
    for line in lines(include_str!("../../data/companies.txt")) {
        let words = words_of(line);
        let trust = match words.as_slice() {
            [] => continue,
            // An acronym ("AES", "RTX", "NVR") is as often something else:
            // `data/acronyms.txt` holds those that are not.
            [word] if !word.chars().any(char::is_lowercase) => continue,
            [word] => match features::zipf(&word.to_lowercase()) {
                None => Trust::Always,
                Some(z) if z < COMMON_ZIPF => Trust::Tagged,
                Some(_) => continue,
            },
            _ => Trust::Always,
        };
        if !features::is_known_place(&words) {
            companies.insert(&words, trust);
        }
    }
    companies
});

/// Labels a listed company's name an organisation where the tagger found
/// no name there, or found exactly it as a person, a place or other: not
/// a piece of a longer capitalised name ("Siemens Energy" is another
/// company, "Philips Lighting" a part of one).
pub fn listed(words: &[&str], labels: &mut [&str]) {
    // Names start with a capital or a digit: most words are not looked up.
    let may_start =
        |w: &str| !w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_punctuation());
    let mut start = 0;
    while start < words.len() {
        let found = may_start(words[start])
            .then(|| COMPANIES.longest_at(words, start))
            .flatten();
        let Some((end, &trust)) = found else {
            start += 1;
            continue;
        };
        // "1099-NEC", "Garmin-made": a compound, which the mention would
        // widen to whole.
        let compound = words.get(end) == Some(&"-") || start > 0 && words[start - 1] == "-";
        let untagged = trust == Trust::Always
            && labels[start..end].iter().all(|l| *l == "O")
            && !words.get(end).is_some_and(|w| is_capitalised(w))
            && (start == 0 || !is_capitalised(words[start - 1]) || labels[start - 1] != "O");
        let one_name = labels[start].starts_with("B-")
            && labels[start] != ORG.0
            && labels[start + 1..end].iter().all(|l| l.starts_with("I-"))
            && !labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if !compound && (untagged || one_name) {
            label_span(labels, start, end, ORG);
        }
        start = end;
    }
}

/// Zipf frequency from which a company's first word alone is too common
/// to stand for it ("General" of "General Motors Corp", 5.5; "Jones", 4.7,
/// may).
const SHORT_FORM_ZIPF: f32 = 5.0;

/// The short forms an article may use for a company it names whole with
/// its legal form (`found`: "Jones Medical Industries Inc"): the name
/// without the form and its leading words ("Jones Medical Industries",
/// "Jones Medical", "Jones"), which the tagger, sentence by sentence,
/// takes for a person or leaves out ("Jones stock closed down 1/8").
/// A leading part never ends in a particle or "&" ("Bank of"); its first
/// word alone only where the tagger found it alone somewhere, it is no
/// everyday word, place or nationality, no person of the article bears it
/// in a whole name ("Henry Ford" and "Ford Motor Co"), and the article
/// never writes it in lower case.
pub(super) fn short_forms(body: &str, found: &[Found]) -> Vec<String> {
    let surfaces = || found.iter().map(|f| &body[f.start..f.end]);
    let mut out: Vec<String> = Vec::new();
    for f in found.iter().filter(|f| f.kind == Kind::Organization) {
        let words: Vec<&str> = body[f.start..f.end].split(' ').collect();
        let Some((form, name)) = words.split_last() else {
            continue;
        };
        if name.is_empty() || !is_legal_form(form) {
            continue;
        }
        for n in 1..=name.len() {
            let part = &name[..n];
            // "Acme Widgets, Inc": the comma is no part of the name.
            let last = part[n - 1].trim_end_matches(',');
            if !is_capitalised(last) || last == "&" {
                continue;
            }
            if n == 1 && !may_stand_alone(body, found, last, surfaces()) {
                continue;
            }
            let part = part.join(" ");
            let part = part.trim_end_matches(',');
            // A place the company is named after ("New York Life Insurance
            // Co") stays the place.
            if features::is_known_place_or_country(&words_of(part)) {
                continue;
            }
            if !out.iter().any(|o| o == part) {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// Whether a company's first word may stand for it alone ([`short_forms`]).
fn may_stand_alone<'b>(
    body: &str,
    found: &[Found],
    word: &str,
    mut surfaces: impl Iterator<Item = &'b str>,
) -> bool {
    let lower = word.to_lowercase();
    let everyday = features::zipf(&lower).is_some_and(|z| z >= SHORT_FORM_ZIPF);
    let borne = super::group::in_whole_name(body, found, word);
    word.chars().count() >= 3
        && !everyday
        && !borne
        && !features::is_known_place_or_country(&[word])
        && !crate::countries::is_nationality(word)
        && !super::group::contains_word(body, &lower)
        && surfaces.any(|s| s == word)
}

/// A company's legal form, lower case ("Co", "Corp.", "AG", "N.V.").
pub(super) const LEGAL_FORMS: &[&str] = &[
    "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "co", "co.", "ag", "gmbh", "nv",
    "n.v.", "kgaa", "oyj",
];

/// Words after "&" that end a firm's name besides its legal form
/// ("A.G. Edwards & Sons"), lower case.
const FIRM_ENDINGS: &[&str] = &["sons", "partners", "associates", "company"];

/// Whether `word` is a company's legal form written with a capital ("Inc").
pub(super) fn is_legal_form(word: &str) -> bool {
    is_capitalised(word) && LEGAL_FORMS.contains(&word.to_lowercase().as_str())
}

/// A name ending in a company's legal form is an organisation whatever
/// the tagger called it ("Sandoz AG" was a person), and so is a name and
/// "&" and a form or a firm's ending ("Edward D. Jones & Co"); two companies
/// joined by "and" after the first one's form are two ("Ford Motor Co and
/// General Motors Corp").
pub fn legal_forms(words: &[&str], labels: &mut [&str]) {
    let firm = |w: &str| is_legal_form(w) || is_one_of(w, FIRM_ENDINGS);
    if !words.iter().any(|w| firm(w)) {
        return;
    }
    // "Edward D. Jones & Co", "A.G. Edwards & Sons": the name the tagger
    // found and the firm's ending after "&" are one organisation.
    for (_, start, end) in super::corpus::spans(labels) {
        if words.get(end) == Some(&"&")
            && words
                .get(end + 1)
                .is_some_and(|w| firm(w) && is_capitalised(w))
        {
            label_span(labels, start, end + 2, ORG);
        }
    }
    for (_, start, end) in super::corpus::spans(labels) {
        let mut first = start;
        for i in start..end {
            let joins_two = matches!(words[i], "and" | "&")
                && i > start
                && is_legal_form(words[i - 1])
                && i + 1 < end;
            if joins_two {
                label_span(labels, first, i, ORG);
                labels[i] = "O";
                first = i + 1;
            }
        }
        // A form alone ("Co" of "Co-Founder", "Inc.") names no company.
        if (is_legal_form(words[end - 1]) && end - first >= 2) || first > start {
            label_span(labels, first, end, ORG);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::check;

    #[test]
    fn listed_companies_are_organisations() {
        let o = "O";
        check(
            listed,
            &[
                (
                    "Commerzbank shares rose and Siemens said",
                    &[o, o, o, o, "B-PER", o],
                    &["B-ORG", o, o, o, "B-ORG", o],
                ),
                (
                    "while Deutsche Telekom fell",
                    &[o, o, o, o],
                    &[o, "B-ORG", "I-ORG", o],
                ),
                // A longer name, a common word, a person's longer name,
                // a word of the frequency list the tagger did not take for
                // a name, a compound.
                ("Commerzbank Tower rose", &[o, o, o], &[o, o, o]),
                ("the Next step", &[o, o, o], &[o, o, o]),
                ("and Booking a table", &[o, o, o, o], &[o, o, o, o]),
                ("Garmin - made", &["B-PER", o, o], &["B-PER", o, o]),
                (
                    "Werner Siemens said",
                    &["B-PER", "I-PER", o],
                    &["B-PER", "I-PER", o],
                ),
            ],
        );
    }

    #[test]
    fn a_company_named_with_its_legal_form_goes_by_its_leading_words() {
        use crate::ner::group::tests::found;
        let body = "Jones Medical Industries Inc bought Daniels Pharmaceuticals Inc. \
            Jones stock fell. General Motors Corp and Henry Ford. Ford Motor Co rose. \
            Daniels Pharmaceuticals makes Levoxyl. New York Life Insurance Co sold.";
        let f = vec![
            found(body, "Jones Medical Industries Inc", Kind::Organization),
            found(body, "Daniels Pharmaceuticals Inc", Kind::Organization),
            found(body, "Jones", Kind::Person),
            found(body, "General Motors Corp", Kind::Organization),
            found(body, "Henry Ford", Kind::Person),
            found(body, "Ford Motor Co", Kind::Organization),
            found(body, "New York Life Insurance Co", Kind::Organization),
        ];
        assert_eq!(
            short_forms(body, &f),
            vec![
                "Jones",
                "Jones Medical",
                "Jones Medical Industries",
                "Daniels Pharmaceuticals",
                "General Motors",
                "Ford Motor",
                "New York Life",
                "New York Life Insurance",
            ]
        );
    }

    #[test]
    fn a_legal_form_makes_an_organisation() {
        let o = "O";
        check(
            legal_forms,
            &[
                (
                    "Swiss drugmaker Sandoz AG said",
                    &["B-MISC", o, "B-PER", "I-PER", o],
                    &["B-MISC", o, "B-ORG", "I-ORG", o],
                ),
                (
                    "Ford Motor Co and General Motors Corp said",
                    &[
                        "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o,
                    ],
                    &["B-ORG", "I-ORG", "I-ORG", o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                // No legal form before the "&": one name.
                (
                    "Procter & Gamble Co",
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG"],
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG"],
                ),
                ("Ana Co said", &["B-PER", o, o], &["B-PER", o, o]),
                ("Co - Founder", &["B-LOC", o, o], &["B-LOC", o, o]),
                // A name, "&" and a firm's ending.
                (
                    "brokers Edward D. Jones & Co and A.G. Edwards & Sons",
                    &[
                        o, "B-PER", "I-PER", "I-PER", o, o, o, "B-PER", "I-PER", o, o,
                    ],
                    &[
                        o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", "I-ORG",
                        "I-ORG", "I-ORG",
                    ],
                ),
                ("Smith & sons", &["B-PER", o, o], &["B-PER", o, o]),
            ],
        );
    }
}
