//! Organisations named by their own words, where the tagger labels only
//! part of the name or none of it: an institution's kind before "of"
//! ("Institute for Fiscal Studies", "University of Oxford", "Bank of
//! England": the tagger often labels only the part after it, "Fiscal
//! Studies" an organisation, "Oxford" a place), and a kind ending a run of
//! capitalised words ("Conservative Party"); a company's legal form is
//! [`super::companies`]'s. Applied by [`super::refine::all`].

use super::refine::{is_capitalised, label_span, ORG};

/// Words that head an institution's name before "of", "for" or "on"
/// ("Ministry of Defence", "Council on Foreign Relations"), lower case.
pub(super) const INSTITUTION_HEADS: &[&str] = &[
    "academy",
    "agency",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "center",
    "centre",
    "chamber",
    "church",
    "college",
    "commission",
    "committee",
    "corporation",
    "council",
    "court",
    "department",
    "federation",
    "foundation",
    "fund",
    "institute",
    "league",
    "ministry",
    "museum",
    "office",
    "organisation",
    "organization",
    "school",
    "society",
    "union",
    "university",
];

/// Words joining an institution's kind to its name.
const JOINERS: &[&str] = &["of", "for", "on"];

/// Relabels "`<Head>` of `<name>`" as one organisation, where `<Head>` is an
/// institution's kind written with a capital (with any capitalised words
/// before it: "National Institute of Health", or a town the tagger found:
/// "Chicago Board of Trade"), `<name>` is a span the tagger found (of any
/// type) or capitalised words it left out ("National Association of
/// Purchasing Management"; not in a heading in title case), and the words
/// before the name are not already part of another kind of name. `labels`
/// are BIO labels, one per word.
pub fn institutions(words: &[&str], labels: &mut [&str]) {
    if !words.iter().any(|w| JOINERS.contains(w)) {
        return;
    }
    let mut names: Vec<(usize, usize)> = super::corpus::spans(labels)
        .into_iter()
        .map(|(_, first, last)| (first, last))
        .collect();
    let untagged = untagged_after_joiners(words, labels);
    if !untagged.is_empty() && !is_heading(words) {
        names.extend(untagged);
    }
    for (first, last) in names {
        // "of the": "Church of the Holy Sepulchre".
        let joiner_at = match first.checked_sub(1) {
            Some(j) if words[j] == "the" => j.checked_sub(1),
            other => other,
        };
        let Some(joiner_at) = joiner_at else { continue };
        if !JOINERS.contains(&words[joiner_at]) || labels[joiner_at] != "O" {
            continue;
        }
        let Some(head) = joiner_at.checked_sub(1) else {
            continue;
        };
        let head_word = words[head];
        if !is_capitalised(head_word)
            || !INSTITUTION_HEADS.contains(&head_word.to_lowercase().as_str())
        {
            continue;
        }
        // The head may already be an organisation ("[Bank]ORG of
        // [England]LOC"); anything else there is left alone.
        let head_label = labels[head];
        if head_label != "O" && !head_label.ends_with("-ORG") {
            continue;
        }
        let mut start = head;
        if head_label.ends_with("-ORG") {
            // Back to where the organisation opens: its "B-", or an "I-"
            // after a word outside it (the conlleval rule).
            while start > 0 && labels[start] == "I-ORG" && labels[start - 1].ends_with("-ORG") {
                start -= 1;
            }
        } else {
            start =
                super::refine::capitalised_before(words, start, usize::MAX, |j| labels[j] == "O");
            // Not a month before the name: "the August National
            // Association of Purchasing Management".
            while start < head && super::breaks::is_month(words[start]) {
                start += 1;
            }
            // A town the tagger found right before the head: "Chicago
            // Board of Trade". Not a country, whose ministries news
            // corpora write both ways ("U.S. Department of Energy").
            let town_ends = start == head && start > 0 && labels[start - 1].ends_with("-LOC");
            if town_ends {
                let mut town = start - 1;
                while town > 0 && labels[town] == "I-LOC" {
                    town -= 1;
                }
                if !crate::countries::is_country(&words[town..start].join(" ")) {
                    start = town;
                }
            }
        }
        // A sentence's first word is capitalised whatever it is: it joins
        // only as the head itself.
        if start == 0
            && start < head
            && !INSTITUTION_HEADS.contains(&words[0].to_lowercase().as_str())
        {
            start = 1;
        }
        label_span(labels, start, last, ORG);
    }
}

/// Longest run of capitalised words the tagger left out read as an
/// institution's name after "of" ("Purchasing Management").
const LONGEST_UNTAGGED_NAME: usize = 4;

/// The runs of capitalised words the tagger left out right after a joiner
/// ("of", "for", "on", and "the" after them), whole: up to a word in lower
/// case, a day's or month's name, punctuation or the sentence's end, and
/// no longer than
/// [`LONGEST_UNTAGGED_NAME`].
fn untagged_after_joiners(words: &[&str], labels: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for j in 0..words.len() {
        if !JOINERS.contains(&words[j]) || labels[j] != "O" {
            continue;
        }
        let first = if words.get(j + 1) == Some(&"the") {
            j + 2
        } else {
            j + 1
        };
        // A day or month after "on" or "of" is when, not a name: "the
        // National Tennis Centre on Saturday".
        let mut last = first;
        while last < words.len()
            && labels[last] == "O"
            && is_capitalised(words[last])
            && !super::breaks::is_day_or_month(words[last])
        {
            last += 1;
        }
        if last > first && last - first <= LONGEST_UNTAGGED_NAME {
            out.push((first, last));
        }
    }
    out
}

/// Whether a sentence has more capitalised words than not: a heading in
/// title case ("Best Social Media Agency for Startups"), where capitals
/// are no evidence of a name.
fn is_heading(words: &[&str]) -> bool {
    let lettered: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = lettered.iter().filter(|w| is_capitalised(w)).count();
    capitalised * 2 > lettered.len()
}

/// Last words that make a run of capitalised words an organisation's name
/// ("Conservative Party", "Harvard University"), lower case; the legal
/// forms ("Acme Holdings Inc") do too, see [`super::companies::LEGAL_FORMS`]; not
/// `EVERYDAY_TAILS`. All but `PLACE_ENDINGS` also make a name the tagger
/// took for a place the organisation
/// ([`super::around::organisation_ends`]).
pub(super) const ORGANISATION_TAILS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "battalion",
    "brigade",
    "college",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "department",
    "exchange",
    "federation",
    "foundation",
    "group",
    "hospital",
    "institute",
    "league",
    "legislature",
    "ministry",
    "movement",
    "news",
    "parliament",
    "party",
    "police",
    "regiment",
    "school",
    "service",
    "society",
    "synagogue",
    "treasury",
    "union",
    "university",
];

/// Organisation tails that end places' names too ("West Bank", "Soviet
/// Union"), lower case.
pub(super) const PLACE_ENDINGS: &[&str] = &["bank", "union"];

/// Organisation tails that end as many everyday phrases written in
/// capitals on web pages ("Breaking News", "Excellent Customer Service",
/// "Wrong Group"): they make an organisation only of a name the tagger
/// found, not of a run of capitalised words it left out.
pub(super) const EVERYDAY_TAILS: &[&str] = &["assembly", "group", "news", "service"];

/// Labels a run of two or more capitalised words that the tagger left out
/// and that ends in an organisation's kind ("Conservative Party") as an
/// organisation. A sentence's first word joins only if it is not "The" and
/// the run is longer than the kind and one word; a sentence with more
/// capitalised words than not is a heading in title case ("Best Social
/// Media Agency for Startups"), no evidence of a name, and is skipped.
/// An organisation the tagger found takes the kind it left out right
/// after it ("Federal Air Traffic Control" and "Administration").
pub fn organisation_tails(words: &[&str], labels: &mut [&str]) {
    if is_heading(words) {
        return;
    }
    let is_tail = |word: &str| {
        let word = word.to_lowercase();
        (ORGANISATION_TAILS.contains(&word.as_str()) && !EVERYDAY_TAILS.contains(&word.as_str()))
            || super::companies::LEGAL_FORMS.contains(&word.as_str())
    };
    // Most sentences have no kind right after an organisation: the spans
    // are not built then.
    let kind_after = |labels: &[&str], i: usize| {
        labels[i] == "O"
            && labels[i - 1].ends_with("-ORG")
            && is_capitalised(words[i])
            && is_tail(words[i])
    };
    if (1..words.len()).any(|i| kind_after(labels, i)) {
        for (kind, first, end) in super::corpus::spans(labels) {
            if kind == "ORG" && end < words.len() && kind_after(labels, end) {
                label_span(labels, first, end + 1, ORG);
            }
        }
    }
    let mut i = 0;
    while i < words.len() {
        if labels[i] != "O" || !is_capitalised(words[i]) {
            i += 1;
            continue;
        }
        let mut start = if i == 0 && matches!(words[0], "The" | "A" | "An") {
            1
        } else {
            i
        };
        // "and" or "&" may join capitalised words inside the run
        // ("Securities and Exchange Commission", "Procter & Gamble Co.").
        let mut end = i;
        while end < words.len() && labels[end] == "O" {
            let joins = matches!(words[end], "and" | "&")
                && end > i
                && words
                    .get(end + 1)
                    .is_some_and(|w| is_capitalised(w) && labels[end + 1] == "O");
            if !is_capitalised(words[end]) && !joins {
                break;
            }
            end += 1;
        }
        // Nor a month before it: "the September Treasury bond".
        while start < end && super::breaks::is_month(words[start]) {
            start += 1;
        }
        let run = &words[start..end];
        // A field of study, not an agency: "Master of Business
        // Administration", "a degree in Public Administration".
        let field = run
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case("administration"))
            && start > 0
            && matches!(words[start - 1], "of" | "in");
        if run.len() >= 2 && is_tail(run[run.len() - 1]) && (start > 0 || run.len() >= 3) && !field
        {
            label_span(labels, start, end, ORG);
        }
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged, Rule};

    #[test]
    fn an_institution_named_after_of_is_one_organisation() {
        let o = "O";
        check(
            institutions,
            &[
                // A name the tagger left out, a month before the head and
                // a town the tagger found.
                (
                    "a rise in the August National Association of Purchasing Management index for the area",
                    &[o, o, o, o, o, o, o, o, o, o, o, o, o, o],
                    &[o, o, o, o, o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o, o],
                ),
                (
                    "on the Chicago Board of Trade was",
                    &[o, o, "B-LOC", o, o, o, o],
                    &[o, o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
                // Not a day or month after the joiner.
                (
                    "results at the National Tennis Centre on Saturday and the Bank of March",
                    &[o; 13],
                    &[o; 13],
                ),
                // Not a country's ministry, nor a place with a word between.
                (
                    "the U.S. Department of Energy said",
                    &[o, "B-LOC", o, o, o, o],
                    &[o, "B-LOC", "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "frogs released into Kosciusko Park A University of Wollongong team said on Monday that the frogs were well",
                    &[o, o, o, "B-LOC", "I-LOC", o, o, o, o, o, o, o, o, o, o, o, o, o],
                    &[o, o, o, "B-LOC", "I-LOC", "B-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o, o, o, o, o, o, o],
                ),
                (
                    "the Institute for Fiscal Studies said",
                    &[o, o, o, "B-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "at the University of Oxford today",
                    &[o, o, o, o, "B-LOC", o],
                    &[o, o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "Bank of England rates",
                    &["B-ORG", o, "B-LOC", o],
                    &["B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "the National Institute of Mental Health",
                    &[o, o, o, o, "B-ORG", "I-ORG"],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"],
                ),
                // A sentence's first word is capitalised whatever it is.
                (
                    "The Institute for Fiscal Studies said",
                    &[o, o, o, "B-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
                // An organisation opened by "I-" stops there, not at an
                // earlier one.
                (
                    "Acme said the Bank of England",
                    &["B-ORG", o, o, "I-ORG", o, "B-LOC"],
                    &["B-ORG", o, o, "B-ORG", "I-ORG", "I-ORG"],
                ),
                (
                    "Church of the Holy Sepulchre",
                    &[o, o, o, "B-LOC", "I-LOC"],
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"],
                ),
            ],
        );
    }

    #[test]
    fn other_of_phrases_are_left_alone() {
        let unchanged: &[(&str, &[&'static str])] = &[
            // Not an institution's kind.
            ("the Duke of Edinburgh", &["O", "O", "O", "B-PER"]),
            // Lower case: a description, not a name.
            ("a university of Oxford", &["O", "O", "O", "B-LOC"]),
            // The word before "of" is part of a person's name.
            ("Tom Bank of Leeds", &["B-PER", "I-PER", "O", "B-LOC"]),
            ("Visitors of Oxford", &["O", "O", "B-LOC"]),
        ];
        check_unchanged(institutions, unchanged);
    }

    #[test]
    fn capitalised_words_ending_in_an_organisations_kind() {
        let o = "O";
        let tails: Rule = organisation_tails;
        check(
            tails,
            &[
                (
                    "the Conservative Party won the vote",
                    &[o; 6],
                    &[o, "B-ORG", "I-ORG", o, o, o],
                ),
                (
                    "The Conservative Party won the vote",
                    &[o; 6],
                    &[o, "B-ORG", "I-ORG", o, o, o],
                ),
                (
                    "the Securities and Exchange Commission said",
                    &[o; 6],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "the Food and Drug Administration said",
                    &[o; 6],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "the Federal Air Traffic Control Administration said it would close",
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o, o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", o, o, o, o],
                ),
                // An administration studied is no agency.
                (
                    "a Master of Business Administration degree",
                    &[o; 6],
                    &[o; 6],
                ),
                // Left as they are: tagged already, one word, lower case,
                // a sentence's first word with only the kind after it.
                (
                    "the Conservative Party won",
                    &[o, "B-ORG", "I-ORG", o],
                    &[o, "B-ORG", "I-ORG", o],
                ),
                ("the Party won", &[o; 3], &[o; 3]),
                ("a birthday party", &[o; 3], &[o; 3]),
                ("Conservative Party members", &[o; 3], &[o; 3]),
                (
                    "met Ana Party today",
                    &[o, "B-PER", "I-PER", o],
                    &[o, "B-PER", "I-PER", o],
                ),
            ],
        );
        // A heading in title case: a sentence of its own, as a line is.
        let words: Vec<&str> = "Best Social Media Agency".split(' ').collect();
        let mut labels = vec![o; words.len()];
        organisation_tails(&words, &mut labels);
        assert_eq!(labels, vec![o; words.len()]);
    }
}
