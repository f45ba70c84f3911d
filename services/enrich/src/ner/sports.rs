//! Sports results in the text: teams named after their towns are
//! organisations where they play ("Barnsley 1 Sheffield United 2",
//! "Leicestershire beat Somerset"). The tagger, trained on prose, reads
//! such names as places, and a results line's scores as part of them.
//! Applied after the tagger by [`super::refine::all`].

use super::refine::{is_capitalised, is_one_of, label_span, LOC, ORG, PER};
use super::tokens::Token;

/// Weekdays, which a dated line ("Friday 6 December 12") shares with a
/// results line's shape (the months are [`crate::mentions::MONTHS`]).
const WEEKDAYS: &[&str] = &[
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
pub(super) fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    is_one_of(word, WEEKDAYS)
        || crate::mentions::MONTHS
            .split('|')
            .any(|m| m.eq_ignore_ascii_case(word))
}

/// A score or a standings figure: one to three digits.
fn is_figure(word: &str) -> bool {
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

/// The shape of a line of names and figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Two or more names, each followed by one score.
    Results,
    /// One name followed by three or more figures.
    Standings,
}

/// One name of a line and its figures: name start, name end (word
/// indices), and the words of its figure run after it (figures, and a
/// standings row's "." and "-").
type Group = (usize, usize, usize);

/// The names of a results line or standings row, or `None` for any other
/// sentence (see [`score_lines`]). A standings row's figures may hold a
/// percentage and a dash (".583 -").
fn line_groups(words: &[&str]) -> Option<(Vec<Group>, Shape)> {
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
pub(super) fn is_about_sport(words: &[&str]) -> bool {
    words.iter().any(|w| is_one_of(w, SPORTS_WORDS))
}

/// Whether `words` are a standings row ("Red Star 4 4 0 0 9 3 12").
pub(super) fn is_standings_row(words: &[&str]) -> bool {
    line_groups(words).is_some_and(|(_, shape)| shape == Shape::Standings)
}

/// Words of sports reports, lower case, of which [`is_sports_report`]
/// counts how many an article uses.
const SPORTS_REPORT_WORDS: &[&str] = &[
    "cricket",
    "innings",
    "wickets",
    "soccer",
    "football",
    "rugby",
    "basketball",
    "baseball",
    "hockey",
    "halftime",
    "half-time",
    "league",
    "striker",
    "midfielder",
    "goalkeeper",
    "batsman",
    "bowler",
    "qualifier",
    "standings",
    "scorers",
    "tournament",
    "championship",
    "captain",
    "coach",
    "match",
];

/// Whether an article reports on sport: it uses three or more of the
/// [`SPORTS_REPORT_WORDS`], two of them different.
pub(super) fn is_sports_report(body: &str, sentences: &[Vec<Token>]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut count = 0;
    for token in sentences.iter().flatten() {
        // Every word of the article passes here: most are too short or
        // too long to be one of the list's (5 to 12 letters).
        if !(5..=12).contains(&(token.end - token.start)) {
            continue;
        }
        let word = &body[token.start..token.end];
        if let Some(w) = SPORTS_REPORT_WORDS
            .iter()
            .find(|w| w.eq_ignore_ascii_case(word))
        {
            count += 1;
            if !seen.contains(w) {
                seen.push(w);
            }
        }
    }
    count >= 3 && seen.len() >= 2
}

/// Words before a side in a match: "against Warwickshire", "v Durham".
const BEFORE_SIDE: &[&str] = &["against", "v", "v.", "vs", "vs."];

/// Roles after a team's name that only a team has: "Surrey captain Chris
/// Lewis", "Rotor fans".
const TEAM_ROLES: &[&str] = &[
    "captain",
    "skipper",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "bowler",
    "batsman",
    "opener",
    "fans",
    "supporters",
];

/// Plural verbs after a team's name: "Rotor are well placed" (British
/// copy agrees the verb with the players).
const PLURAL_VERBS: &[&str] = &["are", "were", "have"];

/// Whether the place at `words[start..end]` of a sports report is written
/// where only a team can be: before its score or total ("Glamorgan 259
/// and 207", "Kent 108-3", not a year), after "against" or "v", or before
/// a role only a team has ([`TEAM_ROLES`]) or a plural verb
/// ([`PLURAL_VERBS`]), also as the first of two before a role
/// ("the former Blackburn and Southampton skipper"). A place after "in",
/// "at", "near", "from" or "of" is where a match is played.
fn plays(words: &[&str], start: usize, end: usize) -> bool {
    if start > 0 && is_one_of(words[start - 1], &["in", "at", "near", "from", "of"]) {
        return false;
    }
    let next = words.get(end).copied().unwrap_or_default();
    let total = |w: &str| {
        let (runs, wickets) = w.split_once('-').unwrap_or((w, "0"));
        is_figure(runs) && !wickets.is_empty() && wickets.bytes().all(|b| b.is_ascii_digit())
    };
    let role = |i: usize| words.get(i).is_some_and(|w| is_one_of(w, TEAM_ROLES));
    // Two subjects take a plural verb whatever they are: only a role counts.
    let first_of_two =
        next == "and" && words.get(end + 1).is_some_and(|w| is_capitalised(w)) && role(end + 2);
    total(next)
        || (start > 0 && is_one_of(words[start - 1], BEFORE_SIDE))
        || role(end)
        || is_one_of(next, PLURAL_VERBS)
        || first_of_two
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

/// Verbs of a match's result between two sides, lower case.
const RESULT_VERBS: &[&str] = &[
    "beat", "beats", "defeated", "defeat", "defeats", "edged", "thrashed", "routed", "crushed",
    "overcame", "trounced", "drew", "lost",
];

/// Relabels the places on either side of a match's result ("Leicestershire
/// beat Somerset by an innings", "Leeds drew 1-1 with Hull", "Kent lost to
/// Essex") as the organisations they are there: clubs named after their
/// towns and counties. A country's name stays a place (a national side goes
/// by its country), and nothing changes unless both sides are names the
/// tagger found as places or organisations ("Sampras beat Moya": people).
pub fn matches(words: &[&str], labels: &mut [&str]) {
    for (start, end) in match_sides(words, labels) {
        label_span(labels, start, end, ORG);
    }
}

/// The sides of the match results in a sentence ([`matches`]): names the
/// tagger found as places or organisations, countries left out, as word
/// ranges.
fn match_sides(words: &[&str], labels: &[&str]) -> Vec<(usize, usize)> {
    let mut sides_found = Vec::new();
    if !words.iter().any(|w| is_one_of(w, RESULT_VERBS)) {
        return sides_found;
    }
    let spans = super::corpus::spans(labels);
    for pair in spans.windows(2) {
        let [(left_kind, left_start, left_end), (right_kind, right_start, right_end)] = pair else {
            continue;
        };
        let sides = |k: &str| k == "LOC" || k == "ORG";
        if !sides(left_kind) || !sides(right_kind) {
            continue;
        }
        // Between them: the verb, then at most a score and "with" / "to" /
        // "the" ("beat the New York Yankees").
        let between = &words[*left_end..*right_start];
        let Some((verb, rest)) = between.split_first() else {
            continue;
        };
        // "beat Spain's Carlos Moya": the side is the name after "'s".
        let possessive = words
            .get(*right_end)
            .is_some_and(|w| matches!(*w, "'s" | "’s" | "'" | "’"));
        let rest_ok = !possessive
            && rest.len() <= 3
            && rest.iter().all(|w| {
                matches!(*w, "with" | "to" | "the")
                    || w.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            });
        if !is_one_of(verb, RESULT_VERBS) || !rest_ok {
            continue;
        }
        for (start, end) in [(*left_start, *left_end), (*right_start, *right_end)] {
            if !crate::countries::is_country(&words[start..end].join(" ")) {
                sides_found.push((start, end));
            }
        }
    }
    sides_found
}

/// The names an article shows playing as teams, as it writes them: the
/// sides of its results lines and standings rows the tagger's mentions
/// (`found`) or a results table made teams, and the sides of a match's
/// result ("Leicestershire beat Somerset by an innings"), and in a report
/// on sport ([`is_sports_report`]) the places written where only a team
/// can be ([`plays`]: "Glamorgan 259 and 207", "against Warwickshire",
/// "Surrey captain Chris Lewis", "Rotor are well placed"). Countries are
/// left out: a national side goes by its country. The article's other
/// mentions of these names are the teams too ("Essex reached 372"),
/// where the tagger, sentence by sentence, took most for places.
pub(super) fn team_names(
    body: &str,
    sentences: &[Vec<Token>],
    found: &[super::Found],
) -> Vec<String> {
    let mut names = Vec::new();
    // Read once, and only for an article with a place or organisation.
    let mut about_sport: Option<bool> = None;
    let sides =
        |f: &&super::Found| matches!(f.kind, super::Kind::Organization | super::Kind::Location);
    for sentence in sentences {
        let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else {
            continue;
        };
        // `found` is in text order.
        let from = found.partition_point(|f| f.start < first.start);
        let mentions: Vec<&super::Found> = found[from..]
            .iter()
            .take_while(|f| f.end <= last.end)
            .filter(sides)
            .collect();
        if mentions.is_empty() {
            continue;
        }
        let about_sport = *about_sport.get_or_insert_with(|| is_sports_report(body, sentences));
        let words: Vec<&str> = sentence.iter().map(|t| &body[t.start..t.end]).collect();
        let mut labels = vec!["O"; words.len()];
        for f in &mentions {
            let kind = match f.kind {
                super::Kind::Organization => ORG,
                super::Kind::Location => LOC,
                _ => continue,
            };
            if let (Some(s), Some(e)) = (
                sentence.iter().position(|t| t.start == f.start),
                sentence.iter().position(|t| t.end == f.end),
            ) {
                label_span(&mut labels, s, e + 1, kind);
            }
        }
        let mut ranges = match line_groups(&words) {
            // The line's sides the mentions made organisations.
            Some((groups, _)) => groups
                .into_iter()
                .map(|(s, e, _)| (s, e))
                .filter(|&(s, e)| {
                    labels[s] == "B-ORG" && labels[s + 1..e].iter().all(|l| *l == "I-ORG")
                })
                .collect(),
            None => match_sides(&words, &labels),
        };
        if about_sport {
            ranges.extend(
                super::corpus::spans(&labels)
                    .into_iter()
                    .filter(|(kind, s, e)| kind == "LOC" && plays(&words, *s, *e))
                    .map(|(_, s, e)| (s, e)),
            );
        }
        for (s, e) in ranges {
            let name = &body[sentence[s].start..sentence[e - 1].end];
            if !crate::countries::is_country(name) && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// Grows a place followed by one or two capitalised words the tagger left
/// out, the last a plural, to an organisation: the club or company named
/// after it ("Toronto Blue Jays", "New York Yankees", "Japan Airlines",
/// "Texas Instruments"), where the tagger found only the place.
pub fn named_after_places(words: &[&str], labels: &mut [&str]) {
    if !labels.contains(&"B-LOC") || is_heading(words) {
        return;
    }
    for (kind, start, end) in super::corpus::spans(labels) {
        if kind != "LOC" {
            continue;
        }
        let tail = (1..=2).rev().find(|&n| {
            let after = end + n;
            after <= words.len()
                && (end..after).all(|i| labels[i] == "O" && is_capitalised(words[i]))
                && is_plural(words[after - 1])
                && !words
                    .get(after)
                    .is_some_and(|w| is_capitalised(w) || *w == "'s" || *w == "’s")
        });
        if let Some(n) = tail {
            label_span(labels, start, end + n, ORG);
        }
    }
}

/// Words a heading in title case keeps in lower case.
const HEADING_LOWER: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with",
];

/// A heading in title case ("Types of Oral Hygiene Products", "The
/// Eurozone Crisis"): no lower-case word but those headings keep so. Its
/// capitals say nothing of names.
fn is_heading(words: &[&str]) -> bool {
    !words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !is_one_of(w, HEADING_LOWER))
}

/// A capitalised plural: "Yankees", "Jays", "Airlines" (not a place
/// ending in "s", "Texas", "Paris").
fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && word.chars().all(char::is_alphabetic)
        && !super::features::is_known_place(&[word])
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
    fn a_place_in_a_sports_report_plays_where_only_a_team_can() {
        let plays_at = |sentence: &str, name: &str| {
            let words: Vec<&str> = sentence.split(' ').collect();
            let start = words.iter().position(|w| *w == name).unwrap();
            plays(&words, start, start + 1)
        };
        for (sentence, name) in [
            ("Glamorgan 259 and 207", "Glamorgan"),
            ("Kent 108-3 .", "Kent"),
            ("their match against Warwickshire .", "Warwickshire"),
            ("May 17 v Northampton", "Northampton"),
            ("Surrey captain Chris Lewis", "Surrey"),
            ("Rotor are well placed", "Rotor"),
            ("the former Blackburn and Southampton skipper", "Blackburn"),
        ] {
            assert!(plays_at(sentence, name), "{sentence}");
        }
        for (sentence, name) in [
            // Where a match is played, a year, two subjects of one verb,
            // a place before a noun.
            ("Practice at Headingley 14", "Headingley"),
            ("London 1996-08-30", "London"),
            ("Ilkya and Jormun have fallen", "Ilkya"),
            ("the Volgograd side", "Volgograd"),
        ] {
            assert!(!plays_at(sentence, name), "{sentence}");
        }
        let report = "Essex beat Kent . The captain called it the best match of the league .";
        let book = "A league of mages wins the tournament .";
        let is_report = |text: &str| is_sports_report(text, &crate::ner::tokens::sentences(text));
        assert!(is_report(report));
        assert!(!is_report(book));
    }

    #[test]
    fn a_place_and_a_plural_after_it_are_a_club_or_company() {
        let o = "O";
        check(
            named_after_places,
            &[
                (
                    "pitcher for the Toronto Blue Jays said",
                    &[o, o, o, "B-LOC", o, o, o],
                    &[o, o, o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "the New York Yankees won",
                    &[o, "B-LOC", "I-LOC", o, o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "flew Japan Airlines to Osaka",
                    &[o, "B-LOC", o, o, "B-LOC"],
                    &[o, "B-ORG", "I-ORG", o, "B-LOC"],
                ),
                // Not a plural, a possessive, a lower-case word, or longer.
                ("in Paris Hilton", &[o, "B-LOC", o], &[o, "B-LOC", o]),
                ("in London Heathrow", &[o, "B-LOC", o], &[o, "B-LOC", o]),
                ("Texas officials", &["B-LOC", o], &["B-LOC", o]),
                (
                    "Chicago Bulls 's coach",
                    &["B-LOC", o, o, o],
                    &["B-LOC", o, o, o],
                ),
                // A heading in title case.
                (
                    "Types of Oral Hygiene Products",
                    &[o, o, "B-LOC", o, o],
                    &[o, o, "B-LOC", o, o],
                ),
                (
                    "Boston Celtics Pride Night",
                    &["B-LOC", o, o, o],
                    &["B-LOC", o, o, o],
                ),
            ],
        );
    }

    #[test]
    fn towns_on_either_side_of_a_result_are_clubs() {
        let o = "O";
        check(
            matches,
            &[
                (
                    "Leicestershire beat Somerset by an innings",
                    &["B-LOC", o, "B-LOC", o, o, o],
                    &["B-ORG", o, "B-ORG", o, o, o],
                ),
                (
                    "Leeds drew 1-1 with Hull City",
                    &["B-ORG", o, o, o, "B-LOC", "I-LOC"],
                    &["B-ORG", o, o, o, "B-ORG", "I-ORG"],
                ),
                (
                    "Toronto beat the New York Yankees 4-2",
                    &["B-LOC", o, o, "B-ORG", "I-ORG", "I-ORG", o],
                    &["B-ORG", o, o, "B-ORG", "I-ORG", "I-ORG", o],
                ),
                (
                    "Kent lost to Essex",
                    &["B-PER", o, o, "B-LOC"],
                    &["B-PER", o, o, "B-LOC"],
                ),
                (
                    "Japan beat Syria",
                    &["B-LOC", o, "B-LOC"],
                    &["B-LOC", o, "B-LOC"],
                ),
                // A home nation's side is a place too.
                (
                    "Pakistan beat England",
                    &["B-LOC", o, "B-LOC"],
                    &["B-LOC", o, "B-LOC"],
                ),
                (
                    "Essex beat Kent in the final against Surrey",
                    &["B-LOC", o, "B-LOC", o, o, o, o, "B-LOC"],
                    &["B-ORG", o, "B-ORG", o, o, o, o, "B-LOC"],
                ),
                (
                    "Sampras beat Spain 's Carlos Moya",
                    &["B-LOC", o, "B-LOC", o, "B-PER", "I-PER"],
                    &["B-LOC", o, "B-LOC", o, "B-PER", "I-PER"],
                ),
                (
                    "Paris lost its bid to Tokyo",
                    &["B-LOC", o, o, o, o, "B-LOC"],
                    &["B-LOC", o, o, o, o, "B-LOC"],
                ),
            ],
        );
    }
}
