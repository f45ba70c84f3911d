//! Sports results in the text: teams named after their towns are
//! organisations where they play ("Barnsley 1 Sheffield United 2",
//! "Leicestershire beat Somerset"). The tagger, trained on prose, reads
//! such names as places, and a results line's scores as part of them.
//! Applied after the tagger by [`super::refine::all`].
//!
//! `lines.rs` reads a results table's lines; this module reads an article's
//! prose for the teams it names (a match's sides, places where only a team
//! can be) and the clubs named after places.

mod lines;

pub(in crate::ner) use lines::{
    is_about_sport, is_calendar_word, is_results_line, is_standings_row, score_lines, scorers,
    table_line, teams_after_countries, WEEKDAYS,
};

use super::refine::{is_capitalised, is_one_of, label_span, LOC, ORG};
use super::tokens::Token;
use lines::{is_figure, line_groups};

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
        // A club's name after "side" or "club", which the tagger may not
        // have found at all ("first division side Nice").
        let after_club: Vec<usize> = sentence
            .windows(2)
            .enumerate()
            .filter(|(_, pair)| {
                // In lower case: not a headline's "CLUB FINED".
                BEFORE_CLUB.contains(&&body[pair[0].start..pair[0].end])
                    && is_capitalised(&body[pair[1].start..pair[1].end])
            })
            .map(|(i, _)| i + 1)
            .collect();
        if mentions.is_empty() && after_club.is_empty() {
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
            ranges.extend(after_club.iter().filter_map(|&s| club_name(&words, s)));
        }
        for (s, e) in ranges {
            let name = &body[sentence[s].start..sentence[e - 1].end];
            if !crate::countries::is_country(name) && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    if about_sport == Some(true) && !names.is_empty() {
        listed_with_teams(body, sentences, found, &mut names);
    }
    // In a report on sport, a listed team's town alone is the team
    // ("Brian Giles homered for Cleveland" after "the Cleveland
    // Indians"); where something happens there ("In Seattle"), the town
    // stays a place (`group::is_venue`), and so does every mention of a
    // town the article writes in an address ("58 2nd Ave, Brooklyn, NY").
    if about_sport == Some(true) {
        for f in found.iter().filter(|f| f.kind == super::Kind::Organization) {
            let town = super::teams::town(&body[f.start..f.end])
                .filter(|t| !crate::countries::is_country(t) && !in_address(body, t));
            if let Some(town) = town {
                if !names.iter().any(|n| n == town) {
                    names.push(town.to_string());
                }
            }
        }
    }
    names
}

/// Whether `body` writes `town` in a postal address, before a state's
/// two-letter code ("Brooklyn, NY").
fn in_address(body: &str, town: &str) -> bool {
    body.match_indices(town).any(|(i, _)| {
        let rest = &body.as_bytes()[i + town.len()..];
        rest.len() >= 4
            && rest[0] == b','
            && rest[1] == b' '
            && rest[2].is_ascii_uppercase()
            && rest[3].is_ascii_uppercase()
            && rest.get(4).is_none_or(|b| !b.is_ascii_alphabetic())
    })
}

/// Longest name read as an item of a list of teams, in words.
const LONGEST_ITEM: usize = 3;

/// Adds to the article's `names` of teams the names listed with one of
/// them ("title rivals Essex , Derbyshire and Surrey"): capitalised runs
/// of up to [`LONGEST_ITEM`] words joined by commas and "and", not a
/// country, a person the tagger found by a name of two words or more, or
/// a common word opening the sentence.
fn listed_with_teams(
    body: &str,
    sentences: &[Vec<Token>],
    found: &[super::Found],
    names: &mut Vec<String>,
) {
    let is_person = |from: usize, to: usize| {
        found.iter().any(|f| {
            f.kind == super::Kind::Person
                && f.start <= from
                && to <= f.end
                && body[f.start..f.end].contains(' ')
        })
    };
    for sentence in sentences {
        let words: Vec<&str> = sentence.iter().map(|t| &body[t.start..t.end]).collect();
        let mut i = 0;
        while i < words.len() {
            let mut items: Vec<(usize, usize)> = Vec::new();
            let mut j = i;
            loop {
                let end = (j..words.len().min(j + LONGEST_ITEM))
                    .take_while(|&k| is_capitalised(words[k]))
                    .last()
                    .map_or(j, |k| k + 1);
                if end == j {
                    break;
                }
                items.push((j, end));
                match words.get(end..end + 2) {
                    Some([",", "and", ..]) => j = end + 2,
                    Some([",", _, ..]) | Some(["and", _, ..]) => j = end + 1,
                    _ => break,
                }
            }
            i = items.last().map_or(i + 1, |&(_, end)| end.max(i + 1));
            if items.len() < 2 {
                continue;
            }
            let text = |(s, e): (usize, usize)| &body[sentence[s].start..sentence[e - 1].end];
            if !items
                .iter()
                .any(|&item| names.iter().any(|n| n == text(item)))
            {
                continue;
            }
            for &(s, e) in &items {
                let name = text((s, e));
                let opening = s == 0 && super::around::is_common_word(words[0]);
                if opening
                    || crate::countries::is_country(name)
                    || is_person(sentence[s].start, sentence[e - 1].end)
                    || names.iter().any(|n| n == name)
                {
                    continue;
                }
                names.push(name.to_string());
            }
        }
    }
}

/// Longest club's name read after "side" or "club", in words.
const LONGEST_CLUB: usize = 3;

/// The club's name starting at `words[start]` after "side" or "club": its
/// capitalised words ("Standard Liege"), not a title ("club Chairman
/// Jones"), a weekday or a month, nor "The".
fn club_name(words: &[&str], start: usize) -> Option<(usize, usize)> {
    let first = words[start];
    if super::features::is_title_cue(&first.to_lowercase())
        || is_calendar_word(first)
        || first == "The"
    {
        return None;
    }
    let end = (start..words.len().min(start + LONGEST_CLUB))
        .take_while(|&i| is_capitalised(words[i]))
        .last()?
        + 1;
    Some((start, end))
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
    fn a_club_named_after_side_or_club_in_a_sports_report_is_a_team() {
        // The tagger found no name there; a headline in capitals, a title
        // and any article not on sport give none.
        let report = "Dupont will manage first division side Nice from next week .\n\
            Nice have lost three league matches in a row .\n\
            The goalkeeper joined the club Chairman Tapie praised .\n\
            SOCCER - CLUB FINED .";
        let sentences = crate::ner::tokens::sentences(report);
        assert_eq!(team_names(report, &sentences, &[]), vec!["Nice"]);
        let prose = "The other side Nice , the town , was calm .";
        let sentences = crate::ner::tokens::sentences(prose);
        assert!(team_names(prose, &sentences, &[]).is_empty());
    }

    #[test]
    fn a_listed_teams_town_is_the_team_unless_written_in_an_address() {
        let body =
            "The Texas Rangers beat the Cleveland Indians 5-3 in a baseball league match .\n\
            Jim Thome homered for Cleveland , the league 's coach said .\n\
            The Brooklyn Nets play at 58 2nd Ave, Brooklyn, NY .";
        let sentences = crate::ner::tokens::sentences(body);
        let at = |name: &str| {
            let start = body.find(name).unwrap();
            super::super::Found {
                start,
                end: start + name.len(),
                kind: super::super::Kind::Organization,
                confidence: 0.9,
            }
        };
        let found = vec![
            at("Texas Rangers"),
            at("Cleveland Indians"),
            at("Brooklyn Nets"),
        ];
        let names = team_names(body, &sentences, &found);
        assert!(names.iter().any(|n| n == "Cleveland"), "{names:?}");
        assert!(names.iter().any(|n| n == "Texas"), "{names:?}");
        assert!(!names.iter().any(|n| n == "Brooklyn"), "{names:?}");
    }

    #[test]
    fn names_listed_with_a_team_are_teams() {
        // "Essex" is a team (it beat Kent); its list mates are teams, but
        // not a country, a person named whole or the sentence's opening
        // common word; a list without a team changes nothing.
        let body = "Essex beat Kent by an innings in the county championship match .\n\
            Title rivals Essex , Derbyshire and Surrey closed in , as did Mark Ilott , Essex and England .\n\
            Leeds , Hull and York are cities .";
        let sentences = crate::ner::tokens::sentences(body);
        let at = |name: &str, nth: usize, kind: super::super::Kind| {
            let start = body.match_indices(name).nth(nth).unwrap().0;
            super::super::Found {
                start,
                end: start + name.len(),
                kind,
                confidence: 0.9,
            }
        };
        let found = vec![
            at("Essex", 0, super::super::Kind::Location),
            at("Kent", 0, super::super::Kind::Location),
            at("Mark Ilott", 0, super::super::Kind::Person),
        ];
        assert_eq!(
            team_names(body, &sentences, &found),
            vec!["Essex", "Kent", "Derbyshire", "Surrey"]
        );
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
