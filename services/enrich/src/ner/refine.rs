//! Corrections to the tagger's labels, applied to every tagged sentence
//! (and by the trainer's scorer, so the corpus figures include them), in
//! the order [`all`] gives; and the labels' helpers the rules share.
//!
//! Names cut short first ([`super::breaks`]); then organisations named by
//! their own words ([`super::institutions`]: "University of Oxford",
//! "Conservative Party"; [`super::companies`]: "Acme Holdings Inc"); places a gazetteer knows
//! whole ("Port Sudan", "Uttar Pradesh", here); listed teams and
//! companies; sports results ([`super::sports`], [`super::clubs`]); and
//! what the words around a name say ([`super::around`]).

pub(super) use super::companies::is_legal_form;
pub(super) use super::institutions::{
    EVERYDAY_TAILS, INSTITUTION_HEADS, ORGANISATION_TAILS, PLACE_ENDINGS,
};

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Where the run of capitalised words ending right before `end` starts:
/// at most `longest` words, each at an index `takes` accepts (a label the
/// caller allows). `end` when there is none.
pub(super) fn capitalised_before(
    words: &[&str],
    end: usize,
    longest: usize,
    takes: impl Fn(usize) -> bool,
) -> usize {
    let mut start = end;
    while start > 0 && end - start < longest && takes(start - 1) && is_capitalised(words[start - 1])
    {
        start -= 1;
    }
    start
}

/// Whether `word` is one of `list` (lower-case ASCII words) in any case,
/// without allocating: every word of every sentence is checked.
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The rules of this module in the order they build on one another, as
/// the service and the trainer's scorer both apply them, on one sentence
/// (which never runs past a line: see [`super::tokens::sentences`]).
pub fn all(words: &[&str], labels: &mut [&str]) {
    super::breaks::lower_case_breaks(words, labels);
    super::breaks::weekday_ends(words, labels);
    super::breaks::month_starts(words, labels);
    super::breaks::comma_breaks(words, labels);
    super::breaks::particle_edges(words, labels);
    super::institutions::institutions(words, labels);
    places(words, labels);
    super::institutions::organisation_tails(words, labels);
    super::companies::legal_forms(words, labels);
    regions(words, labels);
    super::teams::listed(words, labels);
    super::companies::listed(words, labels);
    super::sports::score_lines(words, labels);
    super::sports::scorers(words, labels);
    super::sports::teams_after_countries(words, labels);
    super::sports::named_after_places(words, labels);
    super::clubs::named_clubs(words, labels);
    super::clubs::before_positions(words, labels);
    super::sports::matches(words, labels);
    super::around::known_acronyms(words, labels);
    super::around::institution_words(words, labels);
    super::around::defined_acronyms(words, labels);
    super::around::spelled_acronyms(words, labels);
    super::around::acronyms_before_members(words, labels);
    super::around::after_kind(words, labels);
    super::around::titles(words, labels);
    super::around::doubled_names(words, labels);
    super::around::initials_and_particles(words, labels);
    super::around::places_in_capitals(words, labels);
    super::around::state_abbreviations(words, labels);
    super::around::roles_after(words, labels);
    super::around::after_position(words, labels);
    super::around::plural_subjects(words, labels);
    super::around::organisation_ends(words, labels);
    super::around::of_country(words, labels);
    super::around::newspapers(words, labels);
    super::around::before_outlets(words, labels);
    super::around::adjectival_places(words, labels);
    super::around::events(words, labels);
    super::around::indices(words, labels);
    super::around::before_place_noun(words, labels);
    super::around::after_place_noun_of(words, labels);
    super::around::possessives(words, labels);
    super::around::possessive_places(words, labels);
    super::around::countries_as_places(words, labels);
    super::around::towns_before_countries(words, labels);
    super::around::party_words(words, labels);
}

/// An organisation's, a place's and a person's labels: the first word's,
/// the others'.
pub(super) const ORG: (&str, &str) = ("B-ORG", "I-ORG");
pub(super) const LOC: (&str, &str) = ("B-LOC", "I-LOC");
pub(super) const PER: (&str, &str) = ("B-PER", "I-PER");

/// The labels of a type named as in the corpora ("PER", "MISC").
pub(super) fn labels_of(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "PER" => PER,
        "ORG" => ORG,
        "LOC" => LOC,
        _ => ("B-MISC", "I-MISC"),
    }
}

/// Labels `words[start..end]` as one name, with `(first, others)` labels.
pub(super) fn label_span(
    labels: &mut [&str],
    start: usize,
    end: usize,
    (first, others): (&'static str, &'static str),
) {
    labels[start] = first;
    for label in &mut labels[start + 1..end] {
        *label = others;
    }
}

/// States, provinces and regions of two or more words ("Uttar Pradesh",
/// "New South Wales"), as the tokenizer cuts them: `data/regions.tsv`.
static REGIONS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        super::features::lines(include_str!("../../data/regions.tsv"))
            .map(|l| super::features::words_of(l.split('\t').next().unwrap_or(l)).join(" "))
            .collect()
    });

/// A state, province or region written whole is a place: as a name the
/// tagger typed otherwise ("Uttar Pradesh" was an organisation) or as a
/// run of capitalised words it left out. The places gazetteer that the
/// tagger's features read does not hold them (adding them there and
/// retraining scored worse: docs/benchmarks.md).
pub fn regions(words: &[&str], labels: &mut [&str]) {
    let mut i = 0;
    while i < words.len() {
        // A name the tagger found, or a run of capitalised words it left.
        let tagged = labels[i].starts_with("B-");
        let mut end = i + 1;
        if tagged {
            while end < words.len() && labels[end].starts_with("I-") {
                end += 1;
            }
        } else if labels[i] == "O" && is_capitalised(words[i]) {
            while end < words.len()
                && labels[end] == "O"
                && (is_capitalised(words[end]) || matches!(words[end], "and" | "of" | "del" | "do"))
            {
                end += 1;
            }
        } else {
            i += 1;
            continue;
        }
        if end - i >= 2 && REGIONS.contains(&words[i..end].join(" ")) {
            label_span(labels, i, end, LOC);
        }
        i = end;
    }
}

/// Widens a place to the capitalised words before it when together they
/// are a place the gazetteer knows: "Port Sudan" where the tagger found
/// "Sudan", "South Sudan", "East Timor". Only places grow: a team named
/// after its city is an organisation, and stays as found.
pub fn places(words: &[&str], labels: &mut [&str]) {
    if !labels.contains(&"B-LOC") {
        return;
    }
    for (kind, first, last) in super::corpus::spans(labels) {
        if kind != "LOC" {
            continue;
        }
        let widened = (1..=2).filter_map(|n| first.checked_sub(n)).find(|&start| {
            (start..first).all(|i| labels[i] == "O" && is_capitalised(words[i]))
                && super::features::is_known_place(&words[start..last])
        });
        if let Some(start) = widened {
            label_span(labels, start, last, LOC);
        }
    }
}

#[cfg(test)]
pub(in crate::ner) mod tests {
    use super::*;

    pub(in crate::ner) type Rule = fn(&[&str], &mut [&str]);

    /// Each case: a sentence (words split at spaces), the tagger's labels
    /// and the labels after `rule`.
    pub(in crate::ner) fn check(rule: Rule, cases: &[(&str, &[&'static str], &[&'static str])]) {
        for (sentence, labels, want) in cases {
            let words: Vec<&str> = sentence.split(' ').collect();
            let mut got = labels.to_vec();
            rule(&words, &mut got);
            assert_eq!(got, *want, "{sentence}");
        }
    }

    /// Each case: a sentence and the tagger's labels, which `rule` leaves
    /// as they are.
    pub(in crate::ner) fn check_unchanged(rule: Rule, cases: &[(&str, &[&'static str])]) {
        for (sentence, labels) in cases {
            check(rule, &[(sentence, labels, labels)]);
        }
    }

    #[test]
    fn a_place_grows_to_the_place_the_gazetteer_knows() {
        let o = "O";
        check(
            places,
            &[
                (
                    "fighting in Port Sudan today",
                    &[o, o, o, "B-LOC", o],
                    &[o, o, "B-LOC", "I-LOC", o],
                ),
                // Not a known place together, or not a place to begin with.
                ("Visitors Sudan today", &[o, "B-LOC", o], &[o, "B-LOC", o]),
                (
                    "in Port Sudan today",
                    &[o, o, "B-ORG", o],
                    &[o, o, "B-ORG", o],
                ),
            ],
        );
    }

    #[test]
    fn a_region_written_whole_is_a_place() {
        let o = "O";
        check(
            regions,
            &[
                (
                    "elections in Uttar Pradesh and Bihar",
                    &[o, o, "B-ORG", "I-ORG", o, o],
                    &[o, o, "B-LOC", "I-LOC", o, o],
                ),
                (
                    "floods in West Bengal on Monday",
                    &[o, o, o, o, o, o],
                    &[o, o, "B-LOC", "I-LOC", o, o],
                ),
                // Part of a longer name, or one word: left as found.
                (
                    "the West Bengal Pollution Control Board",
                    &[o, o, o, o, o, o],
                    &[o, o, o, o, o, o],
                ),
                ("in Victoria today", &[o, "B-PER", o], &[o, "B-PER", o]),
            ],
        );
    }
}
