//! Teams of the North American major leagues by name (`data/teams.txt`,
//! written by the team): "Dallas Cowboys" is a club, not the place the
//! tagger, which never saw a sports page, takes it for; and once an
//! article names a team whole, its nickname alone ("the Cowboys") is the
//! club too ([`super::group`]). National sides known by a nickname
//! alone ("All Blacks", "Springboks") are listed without a place: the
//! nickname is the team wherever it stands. A rule with a list, not a pattern: "a
//! place and a plural" also makes "New York LLCs" and "Kusatsu Things",
//! as the development pages showed.

use std::sync::LazyLock;

use super::features::{lines, words_of};
use super::names::NameList;
use super::refine::{is_capitalised, label_span, ORG};
use super::tokens;

/// The lines of `data/teams.txt` as place and nickname ("Chicago",
/// "Bears"); a national side known by its nickname alone has no place.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    lines(include_str!("../../data/teams.txt"))
        .map(|line| line.split_once('|').unwrap_or(("", line)))
}

/// Whether a nickname is plural ("Bears", "Red Sox"), not a word as often
/// everyday as a name ("Heat", "Magic", "Wild").
fn is_plural(nick: &str) -> bool {
    nick.ends_with('s') || nick.ends_with("Sox")
}

/// The listed teams' whole names, each with the number of words its
/// nickname has ("Boston Red Sox": 2).
static TEAMS: LazyLock<NameList<usize>> = LazyLock::new(|| {
    let mut teams = NameList::default();
    for (place, nick) in entries() {
        let nick_words = words_of(nick);
        let name = [words_of(place), nick_words.clone()].concat();
        teams.insert(&name, nick_words.len());
    }
    teams
});

/// Labels every listed team's whole name in `words` an organisation,
/// whatever the tagger made of its words (a place, mostly).
pub fn listed(words: &[&str], labels: &mut [&str]) {
    let mut start = 0;
    while start < words.len() {
        // Teams' names start with a capital: most words are not looked up.
        let found = is_capitalised(words[start])
            .then(|| TEAMS.longest_at(words, start))
            .flatten();
        let Some((end, _)) = found else {
            start += 1;
            continue;
        };
        label_team(labels, start, end);
        start = end;
    }
}

/// Labels `start..end`, a listed team's whole name, an organisation.
fn label_team(labels: &mut [&str], start: usize, end: usize) {
    // The tagger's span may run on past the name: an organisation that
    // holds the team ("Chicago Bulls Foundation") stays whole; a place or
    // a person loses what follows ("Brooklyn Nets Basketball" a place).
    let continues = |labels: &[&str], i: usize| labels.get(i).is_some_and(|l| l.starts_with("I-"));
    if continues(labels, end) {
        if labels[end] == "I-ORG" {
            return;
        }
        let mut i = end;
        while continues(labels, i) {
            labels[i] = "O";
            i += 1;
        }
    }
    label_span(labels, start, end, ORG);
}

/// The listed teams' plural nicknames ("Braves", "Red Sox"), as written.
static NICKNAMES: LazyLock<crate::FastSet<String>> = LazyLock::new(|| {
    entries()
        .filter(|(place, _)| !place.is_empty())
        .map(|(_, nick)| words_of(nick).join(" "))
        .filter(|nick| is_plural(nick))
        .collect()
});

/// Whether `text` is a listed team's plural nickname ("Braves", "Red
/// Sox"): the team in a sports report, even where the article never
/// names it whole ("the Braves and Cubs shared the two games").
pub fn is_nickname(text: &str) -> bool {
    is_capitalised(text) && NICKNAMES.contains(text)
}

/// The nickname, as `name` writes it, when `name` is a listed team's
/// whole name ("Bears" of "Chicago Bears", "Red Sox" of "Boston Red
/// Sox"); only a plural one: "Heat", "Magic" or "Wild" alone are as
/// often the everyday word at a sentence's start.
pub fn nickname(name: &str) -> Option<&str> {
    let (tokens, n) = listed_team(name)?;
    let nick = &name[tokens[tokens.len() - n].start..];
    is_plural(nick).then_some(nick)
}

/// The tokens of `name` and the number of words of its nickname, if
/// `name` is a listed team written whole.
fn listed_team(name: &str) -> Option<(Vec<tokens::Token>, usize)> {
    let tokens = tokens::sentences(name).concat();
    let words: Vec<&str> = tokens.iter().map(|t| &name[t.start..t.end]).collect();
    let n = *TEAMS.get(&words)?;
    Some((tokens, n))
}

/// The town a listed team is named after ("Cleveland" of "Cleveland
/// Indians", "Miami" of "Miami Heat"), as `name` writes it.
pub fn town(name: &str) -> Option<&str> {
    let (tokens, n) = listed_team(name)?;
    (n < tokens.len()).then(|| name[..tokens[tokens.len() - n - 1].end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::refine::tests::check;

    #[test]
    fn listed_teams_are_organisations_whatever_the_tagger_said() {
        let o = "O";
        check(
            listed,
            &[
                (
                    "a loss to the Dallas Cowboys at Ford Field",
                    &[o, o, o, o, "B-LOC", "I-LOC", o, "B-LOC", "I-LOC"],
                    &[o, o, o, o, "B-ORG", "I-ORG", o, "B-LOC", "I-LOC"],
                ),
                (
                    "the Green Bay Packers and St. Louis Cardinals",
                    &[o, "B-LOC", "I-LOC", o, o, "B-LOC", "I-LOC", o],
                    &[o, "B-ORG", "I-ORG", "I-ORG", o, "B-ORG", "I-ORG", "I-ORG"],
                ),
                (
                    "Brooklyn Nets Basketball and the Chicago Bulls Foundation",
                    &["B-LOC", "I-LOC", "I-LOC", o, o, "B-ORG", "I-ORG", "I-ORG"],
                    &["B-ORG", "I-ORG", o, o, o, "B-ORG", "I-ORG", "I-ORG"],
                ),
                // A national side listed by its nickname alone.
                (
                    "the Springboks beat the All Blacks",
                    &[o, "B-PER", o, o, o, "B-MISC"],
                    &[o, "B-ORG", o, o, "B-ORG", "I-ORG"],
                ),
                // A place and a plural the list does not hold, a nickname alone.
                (
                    "New York LLCs and the Bears",
                    &["B-LOC", "I-LOC", o, o, o, o],
                    &["B-LOC", "I-LOC", o, o, o, o],
                ),
            ],
        );
    }

    #[test]
    fn nicknames_of_listed_teams_only() {
        assert_eq!(nickname("Chicago Bears"), Some("Bears"));
        assert_eq!(nickname("Boston Red Sox"), Some("Red Sox"));
        assert_eq!(nickname("St. Louis Blues"), Some("Blues"));
        assert_eq!(nickname("Miami Heat"), None);
        assert_eq!(nickname("New York LLCs"), None);
        assert_eq!(nickname("Bears"), None);
        assert_eq!(town("Cleveland Indians"), Some("Cleveland"));
        assert_eq!(town("St. Louis Blues"), Some("St. Louis"));
        assert_eq!(town("Miami Heat"), Some("Miami"));
        assert_eq!(town("Cleveland"), None);
    }
}
