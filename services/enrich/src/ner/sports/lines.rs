//! Lines of a results table: a results line ("Barnsley 1 Sheffield United
//! 2") or a standings row ("Bolton 5 4 1 0 12 4 13"), their sides read as
//! the teams they are, whatever the tagger found on them.

use super::super::refine::{
    capitalised_before, is_capitalised, is_one_of, label_span, LOC, ORG, PER,
};
/// Weekdays, which a dated line ("Friday 6 December 12") shares with a
/// results line's shape (the months are [`crate::mentions::MONTHS`]).
pub(in crate::ner) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `word` names a weekday or a month ("Dec." too): such a line is
/// a date, no results line.
pub(in crate::ner) fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    is_one_of(word, WEEKDAYS)
        || crate::mentions::MONTHS
            .split('|')
            .any(|m| m.eq_ignore_ascii_case(word))
}

/// A score or a standings figure: one to three digits.
pub(super) fn is_figure(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Labels the names on a sports results line ("Barnsley 1 Sheffield
/// United 2") or standings row ("Bolton 5 4 1 0 12 4 13") as the teams
/// they are: organisations, a country's name a place (a national side
/// goes by its country, as the news corpora label it), a person (a golf
/// leaderboard) kept a person; the figures are no part of a name. The
/// tagger, trained on prose, reads "Bolton 3 Port Vale" as one place and
/// leaves "Rangers 2 Celtic 1" out. Only a sentence that is nothing but
/// such names and figures qualifies: two or more names each followed by
/// one score, or one name followed by three or more figures; a line with
/// a weekday or month ("Friday 6 December") is a date, not a result; and
/// one of the names must be one the tagger found as a place or an
/// organisation.
pub fn score_lines(words: &[&str], labels: &mut [&str]) {
    let Some((groups, _)) = line_groups(words) else {
        return;
    };
    // Tables of other figures ("Carrots 4 8 16", "Serves 4 Prep 15") have
    // the same shape: the tagger must have found a team's name as a place
    // or an organisation among them.
    let named = groups.iter().any(|&(start, end, _)| {
        labels[start..end]
            .iter()
            .any(|l| l.ends_with("-LOC") || l.ends_with("-ORG"))
    });
    if !named {
        return;
    }
    for (start, end, figures) in groups {
        let name = words[start..end].join(" ");
        let kind = if labels[start..end].iter().any(|l| l.ends_with("-PER")) {
            PER
        } else if crate::countries::is_country(&name) {
            LOC
        } else {
            ORG
        };
        label_span(labels, start, end, kind);
        for label in &mut labels[end..end + figures] {
            *label = "O";
        }
    }
}

/// Longest sponsor's team read after a rider's country, in words.
const LONGEST_SPONSOR: usize = 2;

/// Capitalised words right after a person's country in parentheses on a
/// results line ("1. Olaf Ludwig ( Germany ) Telekom 4 hours", "Erik
/// Breukink ( Netherlands ) Rabobank 8 seconds") are the team they ride
/// or race for, an organisation, whatever the tagger made of them (a
/// person, or nothing).
pub fn teams_after_countries(words: &[&str], labels: &mut [&str]) {
    for c in 2..words.len().saturating_sub(2) {
        let country = words[c - 1] == "(" && words[c + 1] == ")" && labels[c] == LOC.0;
        let after_person = labels[c - 2].ends_with("-PER");
        if !country || !after_person || !crate::countries::is_country(words[c]) {
            continue;
        }
        let start = c + 2;
        let mut end = start;
        while end < words.len() && end - start < LONGEST_SPONSOR && is_capitalised(words[end]) {
            end += 1;
        }
        let continues = labels.get(end).is_some_and(|l| l.starts_with("I-"));
        if end > start && !continues {
            label_span(labels, start, end, ORG);
        }
    }
}

/// Whether `word` is a minute or a place written as an ordinal ("47th",
/// "1st", "88th").
fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&word[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// Longest scorer's name read before the minutes, in words.
const LONGEST_SCORER: usize = 3;

/// A name before the minutes of its goals in parentheses ("Nir Sivilia (
/// 57th )", "Niall Quinn ( 11th , 61st )", "Jan Mueller ( 60th minute )")
/// is the scorer, a person, whatever the tagger made of it (an
/// organisation, as a team's name before a score). Not a country ("Spain
/// ( 3rd )" in a table), and capitalised words the tagger left out only
/// after a separator (",", ":", "-", ";").
pub fn scorers(words: &[&str], labels: &mut [&str]) {
    for p in 1..words.len().saturating_sub(1) {
        if words[p] != "(" || !is_ordinal(words[p + 1]) {
            continue;
        }
        let end = p;
        let start = if labels[end - 1] == "O" {
            let start = capitalised_before(words, end, LONGEST_SCORER, |j| labels[j] == "O");
            let separated = start > 0 && matches!(words[start - 1], "," | ":" | "-" | ";");
            if start == end || !separated {
                continue;
            }
            start
        } else {
            let kind = &labels[end - 1][2..];
            (0..end)
                .rev()
                .find(|&j| labels[j].strip_prefix("B-") == Some(kind))
                .unwrap_or(end - 1)
        };
        let name = words[start..end].join(" ");
        if crate::countries::is_country(&name)
            || labels[start..end].iter().all(|l| l.ends_with("-PER"))
        {
            continue;
        }
        label_span(labels, start, end, PER);
    }
}

/// The shape of a line of names and figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Two or more names, each followed by one score.
    Results,
    /// One name followed by three or more figures.
    Standings,
}

/// One name of a line and its figures: name start, name end (word
/// indices), and the words of its figure run after it (figures, and a
/// standings row's "." and "-").
pub(super) type Group = (usize, usize, usize);

/// The names of a results line or standings row, or `None` for any other
/// sentence (see [`score_lines`]). A standings row's figures may hold a
/// percentage and a dash (".583 -").
pub(super) fn line_groups(words: &[&str]) -> Option<(Vec<Group>, Shape)> {
    let mut groups: Vec<Group> = Vec::new();
    // A results line may end its sentence with a full stop.
    let words = match words.split_last() {
        Some((&".", rest)) => rest,
        _ => words,
    };
    let words = without_remark(words);
    let mut i = 0;
    // Whether a figure run held punctuation: a standings row's
    // ".583 -" (percentage, games behind), never a result's one score.
    let mut punctuated = false;
    let mut figures = Vec::new();
    while i < words.len() {
        let start = i;
        while i < words.len() {
            if is_team_word(words, i, start) {
                i += 1;
            } else if i > start && is_bracketed_letters(&words[i..]) {
                i += 3;
            } else {
                break;
            }
        }
        let figures_start = i;
        let mut count = 0;
        while i < words.len()
            && (is_figure(words[i]) || (count > 0 && matches!(words[i], "." | "-" | "/")))
        {
            if is_figure(words[i]) {
                count += 1;
            } else {
                punctuated = true;
            }
            i += 1;
        }
        if start == figures_start || count == 0 {
            return None;
        }
        groups.push((start, figures_start, i - figures_start));
        figures.push(count);
    }
    if words.iter().any(|w| is_calendar_word(w)) {
        return None;
    }
    if groups.len() >= 2 && !punctuated && figures.iter().all(|&n| n == 1) {
        Some((groups, Shape::Results))
    } else if groups.len() == 1 && figures[0] >= 3 {
        Some((groups, Shape::Standings))
    } else {
        None
    }
}

/// `words` without a remark in brackets after the last score ("Pohang 3
/// Ulsan 2 ( halftime 1-0 )").
fn without_remark<'a, 'w>(words: &'a [&'w str]) -> &'a [&'w str] {
    if words.last() != Some(&")") {
        return words;
    }
    match words.iter().rposition(|w| *w == "(") {
        Some(open) if open > 0 && is_figure(words[open - 1]) => &words[..open],
        _ => words,
    }
}

/// Whether `words` start with one to three capital letters in brackets,
/// which a club's name may hold ("Proleter ( Z )", "Mladost ( BJ )").
fn is_bracketed_letters(words: &[&str]) -> bool {
    matches!(words, ["(", letters, ")", ..]
        if (1..=3).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Words of a report on sport, lower case: an article that uses one and
/// has two or more results lines has a results table, whatever the tagger
/// found on its lines.
const SPORTS_WORDS: &[&str] = &[
    "halftime",
    "half-time",
    "standings",
    "league",
    "soccer",
    "football",
    "division",
    "scorers",
    "attendance",
    "played",
];

/// Whether a sentence uses one of the [`SPORTS_WORDS`].
pub(in crate::ner) fn is_about_sport(words: &[&str]) -> bool {
    words.iter().any(|w| is_one_of(w, SPORTS_WORDS))
}

/// Whether `words` are a standings row ("Red Star 4 4 0 0 9 3 12").
pub(in crate::ner) fn is_standings_row(words: &[&str]) -> bool {
    line_groups(words).is_some_and(|(_, shape)| shape == Shape::Standings)
}

/// Whether `words` are a results line ("Schalke 3 Hansa Rostock 1"),
/// whatever the tagger found on it.
pub fn is_results_line(words: &[&str]) -> bool {
    line_groups(words).is_some_and(|(_, shape)| shape == Shape::Results)
}

/// Labels a results line or standings row of a results table (see
/// `ner::results_table`) whatever the tagger found on it: each side is a team (a country's name a
/// place), a side the tagger took for a person too ("Bayer Leverkusen 2
/// Borussia Moenchengladbach 0": a person plays no match against a club).
pub fn table_line(words: &[&str], labels: &mut [&str]) {
    let Some((groups, _)) = line_groups(words) else {
        return;
    };
    labels.fill("O");
    for (start, end, _) in groups {
        let name = words[start..end].join(" ");
        let kind = if crate::countries::is_country(&name) {
            LOC
        } else {
            ORG
        };
        label_span(labels, start, end, kind);
    }
}

/// Whether `words[i]` continues a team's name begun at `start`: a
/// capitalised word, or "and", "&", "of", "de" between capitalised words
/// ("Brighton and Hove Albion").
fn is_team_word(words: &[&str], i: usize, start: usize) -> bool {
    let word = words[i];
    if is_capitalised(word) {
        return true;
    }
    i > start
        && matches!(word, "and" | "&" | "of" | "de")
        && words.get(i + 1).is_some_and(|w| is_capitalised(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::{check, check_unchanged};

    #[test]
    fn teams_on_results_and_standings_lines_are_organisations() {
        let o = "O";
        check(
            score_lines,
            &[
                (
                    "Barnsley 1 Sheffield United 2",
                    &["B-ORG", o, "B-LOC", "I-LOC", "I-LOC"],
                    &["B-ORG", o, "B-ORG", "I-ORG", o],
                ),
                (
                    "Bolton 3 Port Vale 1",
                    &["B-LOC", "I-LOC", "I-LOC", "I-LOC", o],
                    &["B-ORG", o, "B-ORG", "I-ORG", o],
                ),
                (
                    "Rangers 2 Celtic 1",
                    &[o, o, "B-ORG", o],
                    &["B-ORG", o, "B-ORG", o],
                ),
                (
                    "Brighton and Hove Albion 0 Norwich 0",
                    &[o, o, o, o, o, "B-LOC", o],
                    &["B-ORG", "I-ORG", "I-ORG", "I-ORG", o, "B-ORG", o],
                ),
                (
                    "Bolton 5 4 1 0 12 4 13",
                    &["B-LOC", o, o, o, o, o, o, o],
                    &["B-ORG", o, o, o, o, o, o, o],
                ),
                // Baseball's won, lost, percentage and games behind.
                (
                    "NEW YORK 74 53 . 583 -",
                    &["B-LOC", "I-LOC", o, o, o, o, o],
                    &["B-ORG", "I-ORG", o, o, o, o, o],
                ),
                // A national side keeps its country's label, a player his.
                (
                    "Japan 2 Syria 1",
                    &["B-LOC", o, "B-LOC", o],
                    &["B-LOC", o, "B-LOC", o],
                ),
                (
                    "Greg Norman 68 67 69",
                    &["B-PER", "I-PER", o, o, o],
                    &["B-PER", "I-PER", o, o, o],
                ),
            ],
        );
        let unchanged: &[(&str, &[&'static str])] = &[
            // A date, prose, a name with too few figures, a year.
            ("Friday 6 December 12", &["O", "O", "O", "O"]),
            ("Leeds beat Hull 2 1", &["B-ORG", "O", "B-LOC", "O", "O"]),
            ("Route 66", &["B-LOC", "I-LOC"]),
            ("Bolton 3 4", &["B-LOC", "O", "O"]),
            ("Leeds 2 - 1 Hull", &["B-ORG", "O", "O", "O", "B-LOC"]),
            ("Leeds 1 . Hull 2", &["B-LOC", "O", "O", "B-LOC", "O"]),
            ("Paris 2024 Rome 1960", &["B-LOC", "O", "B-LOC", "O"]),
            // A table of other figures: no name the tagger found.
            ("Carrots 4 8 16", &["O", "O", "O", "O"]),
            ("Serves 4 Prep 15", &["O", "O", "O", "O"]),
        ];
        check_unchanged(score_lines, unchanged);
        check(
            score_lines,
            &[(
                "Rangers 2 Celtic 1 .",
                &["B-ORG", o, o, o, o],
                &["B-ORG", o, "B-ORG", o, o],
            )],
        );
    }

    #[test]
    fn a_name_before_its_goals_minutes_is_the_scorer() {
        let o = "O";
        check(
            scorers,
            &[
                (
                    "Scorers : Haim Hajaj ( 47th ) , Nir Sivilia ( 57th , 88th )",
                    &[
                        o, o, "B-PER", "I-PER", o, o, o, o, "B-ORG", "I-ORG", o, o, o, o, o,
                    ],
                    &[
                        o, o, "B-PER", "I-PER", o, o, o, o, "B-PER", "I-PER", o, o, o, o, o,
                    ],
                ),
                (
                    "Slovakia - Lubomir Moravcik ( 13th )",
                    &["B-LOC", o, o, o, o, o, o],
                    &["B-LOC", o, "B-PER", "I-PER", o, o, o],
                ),
            ],
        );
        check_unchanged(
            scorers,
            &[
                // A country in a table; words not set apart as a name.
                ("Spain ( 3rd )", &["B-LOC", o, o, o]),
                ("the Grand Final ( 2nd )", &[o, o, o, o, o, o]),
            ],
        );
    }

    #[test]
    fn a_team_after_a_riders_country_is_an_organisation() {
        let o = "O";
        check(
            teams_after_countries,
            &[(
                "1. Olaf Ludwig ( Germany ) Telekom 4 hours",
                &[o, "B-PER", "I-PER", o, "B-LOC", o, "B-PER", o, o],
                &[o, "B-PER", "I-PER", o, "B-LOC", o, "B-ORG", o, o],
            )],
        );
        check_unchanged(
            teams_after_countries,
            &[
                // Figures after the country; no person before it.
                (
                    "1. Ian Woosnam ( Wales ) 70 76",
                    &[o, "B-PER", "I-PER", o, "B-LOC", o, o, o],
                ),
                ("the Cup ( Spain ) Final", &[o, "B-MISC", o, "B-LOC", o, o]),
            ],
        );
    }
}
