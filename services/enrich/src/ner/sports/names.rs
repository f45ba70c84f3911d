//! The names an article shows playing as teams (the sides of its results
//! and matches, places written where only a team can be, names listed
//! with a team, a listed team's town), which the enrichment then takes for
//! the teams wherever the article writes them.

use super::super::refine::{is_capitalised, label_span, LOC, ORG};
use super::super::tokens::Token;
use super::{is_sports_report, line_groups, match_sides, plays, BEFORE_CLUB};
use std::cell::OnceCell;

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
/// `report` holds whether the article reports on sport, read here only if
/// it has not been already.
pub(in crate::ner) fn team_names(
    body: &str,
    sentences: &[Vec<Token>],
    found: &[crate::ner::Found],
    report: &OnceCell<bool>,
) -> Vec<String> {
    let mut names = Vec::new();
    // Read once, and only for an article with a place or organisation.
    let sides = |f: &&crate::ner::Found| {
        matches!(
            f.kind,
            crate::ner::Kind::Organization | crate::ner::Kind::Location
        )
    };
    for sentence in sentences {
        let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else {
            continue;
        };
        // `found` is in text order.
        let from = found.partition_point(|f| f.start < first.start);
        let mentions: Vec<&crate::ner::Found> = found[from..]
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
        let about_sport = *report.get_or_init(|| is_sports_report(body, sentences));
        let words: Vec<&str> = sentence.iter().map(|t| &body[t.start..t.end]).collect();
        let mut labels = vec!["O"; words.len()];
        for f in &mentions {
            let kind = match f.kind {
                crate::ner::Kind::Organization => ORG,
                crate::ner::Kind::Location => LOC,
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
                crate::ner::corpus::spans(&labels)
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
    let about_sport = report.get() == Some(&true);
    if about_sport && !names.is_empty() {
        listed_with_teams(body, sentences, found, &mut names);
    }
    // In a report on sport, a listed team's town alone is the team
    // ("Brian Giles homered for Cleveland" after "the Cleveland
    // Indians"); where something happens there ("In Seattle"), the town
    // stays a place (`group::is_venue`), and so does every mention of a
    // town the article writes in an address ("58 2nd Ave, Brooklyn, NY").
    if about_sport {
        for f in found
            .iter()
            .filter(|f| f.kind == crate::ner::Kind::Organization)
        {
            let town = crate::ner::teams::town(&body[f.start..f.end])
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
    found: &[crate::ner::Found],
    names: &mut Vec<String>,
) {
    let is_person = |from: usize, to: usize| {
        found.iter().any(|f| {
            f.kind == crate::ner::Kind::Person
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
                let opening = s == 0 && crate::ner::around::is_common_word(words[0]);
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
    if crate::ner::features::is_title_cue(&first.to_lowercase())
        || super::is_calendar_word(first)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_club_named_after_side_or_club_in_a_sports_report_is_a_team() {
        // The tagger found no name there; a headline in capitals, a title
        // and any article not on sport give none.
        let report = "Dupont will manage first division side Nice from next week .\n\
            Nice have lost three league matches in a row .\n\
            The goalkeeper joined the club Chairman Tapie praised .\n\
            SOCCER - CLUB FINED .";
        let sentences = crate::ner::tokens::sentences(report);
        assert_eq!(
            team_names(report, &sentences, &[], &OnceCell::new()),
            vec!["Nice"]
        );
        let prose = "The other side Nice , the town , was calm .";
        let sentences = crate::ner::tokens::sentences(prose);
        assert!(team_names(prose, &sentences, &[], &OnceCell::new()).is_empty());
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
            crate::ner::Found {
                start,
                end: start + name.len(),
                kind: crate::ner::Kind::Organization,
                confidence: 0.9,
            }
        };
        let found = vec![
            at("Texas Rangers"),
            at("Cleveland Indians"),
            at("Brooklyn Nets"),
        ];
        let names = team_names(body, &sentences, &found, &OnceCell::new());
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
        let at = |name: &str, nth: usize, kind: crate::ner::Kind| {
            let start = body.match_indices(name).nth(nth).unwrap().0;
            crate::ner::Found {
                start,
                end: start + name.len(),
                kind,
                confidence: 0.9,
            }
        };
        let found = vec![
            at("Essex", 0, crate::ner::Kind::Location),
            at("Kent", 0, crate::ner::Kind::Location),
            at("Mark Ilott", 0, crate::ner::Kind::Person),
        ];
        assert_eq!(
            team_names(body, &sentences, &found, &OnceCell::new()),
            vec!["Essex", "Kent", "Derbyshire", "Surrey"]
        );
    }
}
