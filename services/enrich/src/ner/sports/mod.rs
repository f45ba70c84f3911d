//! Sports results in the text: teams named after their towns are
//! organisations where they play ("Barnsley 1 Sheffield United 2",
//! "Leicestershire beat Somerset"). The tagger, trained on prose, reads
//! such names as places, and a results line's scores as part of them.
//! Applied after the tagger by [`super::refine::all`].
//!
//! `lines.rs` reads a results table's lines; `names.rs` gathers the names an
//! article shows playing as teams; this module reads a sentence's prose for
//! the teams it names (a match's sides, places where only a team can be)
//! and the clubs named after places.

mod lines;
mod names;

pub(in crate::ner) use lines::{
    is_about_sport, is_calendar_word, is_results_line, is_standings_row, score_lines, scorers,
    table_line, teams_after_countries, WEEKDAYS,
};

use super::refine::{is_capitalised, is_one_of, label_span, ORG};
use super::tokens::Token;
use lines::{is_figure, line_groups};
pub(in crate::ner) use names::team_names;

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

/// Verbs of a result after one side alone: "Karlsruhe won the match".
const RESULT_AFTER: &[&str] = &["won", "lost", "drew", "beat"];

/// Words after a team's possessive: "Nice 's home defeat".
const AFTER_POSSESSIVE: &[&str] = &["home", "away", "defeat", "victory", "win", "draw"];

/// Verbs of a player's move before "for" or "to" and the club: "played
/// for Nice", "loaned to Atalanta" (not the noun "move": "the move to
/// Milan" may be a family's).
const MOVES: &[(&[&str], &str)] = &[
    (
        &["played", "plays", "playing", "signed", "signs", "signing"],
        "for",
    ),
    (
        &["moved", "moves", "loaned", "transferred", "switched"],
        "to",
    ),
];

/// Words before a club's name in a sports report: "first division side
/// Nice", "serie A club Atalanta".
const BEFORE_CLUB: &[&str] = &["side", "club"];

/// Whether the place at `words[start..end]` of a sports report is written
/// where only a team can be: before its score or total ("Glamorgan 259
/// and 207", "Kent 108-3", not a year), after "against" or "v", or before
/// a role only a team has ([`TEAM_ROLES`]) or a plural verb
/// ([`PLURAL_VERBS`]), also as the first of two before a role
/// ("the former Blackburn and Southampton skipper"), before a result
/// ([`RESULT_AFTER`]: "Karlsruhe won") or a possessive and a match's word
/// ([`AFTER_POSSESSIVE`]: "Nice 's home defeat"), or after a player's
/// move ([`MOVES`]: "played for Nice", "joined Milan", "from Torino"
/// after "joined"), after a result's noun and "over" ([`RESULT_NOUNS`]:
/// "victory over Gloucester") or after "champions". Any other place after
/// "in", "at", "near", "from" or "of" is where a match is played.
fn plays(words: &[&str], start: usize, end: usize) -> bool {
    let before = |n: usize| start.checked_sub(n).map_or("", |i| words[i]);
    // "joined Milan from Torino": the club a player left.
    let left = before(1) == "from"
        && words[start.saturating_sub(6)..start]
            .iter()
            .any(|w| is_one_of(w, &["joined", "rejoined", "signed"]));
    if left {
        return true;
    }
    if is_one_of(before(1), &["in", "at", "near", "from", "of"]) {
        return false;
    }
    // "victory over Gloucester", "56-13 winners over Orrell", "champions
    // Bath".
    let beaten = before(1) == "over" && is_one_of(before(2), RESULT_NOUNS);
    let champions = is_one_of(before(1), &["champions", "holders"]);
    let moved = is_one_of(before(1), &["joined", "rejoined"])
        || MOVES
            .iter()
            .any(|(verbs, word)| before(1) == *word && is_one_of(before(2), verbs));
    let next = words.get(end).copied().unwrap_or_default();
    let possessive = matches!(next, "'s" | "’s")
        && words
            .get(end + 1)
            .is_some_and(|w| is_one_of(w, AFTER_POSSESSIVE) || is_one_of(w, TEAM_ROLES));
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
        || is_one_of(next, RESULT_AFTER)
        || first_of_two
        || possessive
        || moved
        || beaten
        || champions
}

/// Nouns of a result before "over" and the side beaten: "victory over
/// Gloucester", "winners over Orrell".
const RESULT_NOUNS: &[&str] = &["victory", "win", "wins", "winners", "triumph", "success"];

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::check;

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
            ("Karlsruhe won the second leg", "Karlsruhe"),
            ("after Nice 's home defeat", "Nice"),
            ("who played for Nice and", "Nice"),
            ("has been loaned to Atalanta", "Atalanta"),
            ("joined Milan from Torino", "Milan"),
            ("joined Milan from Torino", "Torino"),
            ("their 75-19 victory over Gloucester .", "Gloucester"),
            ("for champions Bath , 56-13 winners over Orrell", "Bath"),
            ("for champions Bath , 56-13 winners over Orrell", "Orrell"),
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
            ("he flew from Torino", "Torino"),
            ("the move to Milan", "Milan"),
            ("Atlanta 's mayor", "Atlanta"),
            ("flew over Gloucester", "Gloucester"),
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
