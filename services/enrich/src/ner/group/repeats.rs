//! Names found again: every other occurrence of a name the tagger found
//! with confidence, people's short forms ("Yoon" for "Yoon Suk-yeol"), and
//! the names an article shows to be teams or organisations, whatever the
//! tagger made of each mention.

use super::people::{is_shared_surname, repeated_people, short_forms};
use super::title_case;
use crate::ner::{tokens, Found, Kind};
use crate::FastMap;

/// Mentions below this confidence are kept but not repeated elsewhere.
const PROPAGATE_ABOVE: f64 = 0.6;

/// `found` plus every other occurrence, as whole words, of a name the
/// tagger found with confidence (and, for people, of their first or last
/// name alone when no other person of the article shares it), written as
/// found or in capitals; and the names the article shows playing as teams
/// (`sports::team_names`), which may name their towns too.
/// `recased` says which sentences are read recased
/// ([`crate::ner::truecase::recased_sentences`]).
pub(super) fn repeated(
    body: &str,
    sentences: &[Vec<tokens::Token>],
    recased: &[bool],
    found: Vec<Found>,
) -> (Vec<Found>, Vec<String>) {
    let mut known: FastMap<String, (Kind, f64)> = FastMap::default();
    for f in found.iter().filter(|f| f.confidence >= PROPAGATE_ABOVE) {
        known
            .entry(body[f.start..f.end].to_string())
            .or_insert((f.kind, f.confidence));
    }
    // A person named whole twice or more, a person each time, is as sure
    // as one found confidently: the tagger hesitates over names it has
    // never seen ("Wang Donghai"), not over their being people.
    for name in repeated_people(body, &found) {
        known
            .entry(name.to_string())
            .or_insert((Kind::Person, PROPAGATE_ABOVE));
    }
    // Short forms of confidently found names only: looked up before any is
    // added, so that the outcome does not hang on the order a hash map
    // hands them out (an alias of an alias made runs differ).
    // A surname two people share ("Yeltsin" for "Boris Yeltsin" and
    // "Naina Yeltsin") is still a person, though not which one.
    let short: Vec<(String, (Kind, f64))> = short_forms(body, &found)
        .into_iter()
        .filter(|(alias, full)| full.len() == 1 || is_shared_surname(body, alias, full))
        .filter_map(|(alias, full)| {
            let value = full
                .iter()
                .filter_map(|f| known.get(f))
                .copied()
                .max_by(|a, b| a.1.total_cmp(&b.1))?;
            Some((alias, value))
        })
        .collect();
    for (alias, value) in short {
        known.entry(alias).or_insert(value);
    }
    // A person's name and a possessive the tagger took together for an
    // organisation ("Wang 's family", as "McDonald 's") is the person.
    let mut found = found;
    for f in found.iter_mut().filter(|f| f.kind != Kind::Person) {
        let text = &body[f.start..f.end];
        let name = ["'s", "’s"]
            .iter()
            .find_map(|p| text.strip_suffix(p))
            .map(str::trim_end);
        if let Some(name) = name.filter(|n| known.get(*n).is_some_and(|k| k.0 == Kind::Person)) {
            f.end = f.start + name.len();
            f.kind = Kind::Person;
        }
    }
    // A team's nickname alone ("the Bears") once the article names the
    // team whole ("Chicago Bears"), whatever the tagger made of it: the
    // list is the evidence, not the tagger's confidence.
    let mut nicknames: Vec<&str> = found
        .iter()
        .filter(|f| f.kind == Kind::Organization)
        .filter_map(|f| crate::ner::teams::nickname(&body[f.start..f.end]))
        .collect();
    // In a sports report that writes two or more listed nicknames alone,
    // each is the team too ("the Braves and Cubs shared the two games");
    // one alone may be a book's title ("The Devils").
    // Whether the article reports on sport: read once, and only when a
    // rule below needs it.
    let report = std::cell::OnceCell::new();
    let is_report =
        || *report.get_or_init(|| crate::ner::sports::is_sports_report(body, sentences));
    let alone = nicknames_alone(body, sentences);
    if alone.len() >= 2 && is_report() {
        nicknames.extend(alone);
    }
    // So are the names the article shows playing as teams ("Essex beat
    // Kent"), wherever else it names them ("Essex reached 372").
    let teams = crate::ner::sports::team_names(body, sentences, &found, &report);
    // And the names an officer shows to be organisations ("Cofinec CEO").
    let mut organisations = crate::ner::officers::organisation_names(body, sentences, &found);
    // And a company's short forms ("Jones" of "Jones Medical Industries
    // Inc").
    organisations.extend(crate::ner::companies::short_forms(body, &found));
    // And a club's ("Real" of "Real Madrid"), in a report on sport.
    let clubs = crate::ner::clubs::short_forms(body, &found);
    if !clubs.is_empty() && is_report() {
        organisations.extend(clubs);
    }
    for team in nicknames
        .into_iter()
        .chain(teams.iter().map(String::as_str))
        .chain(organisations.iter().map(String::as_str))
    {
        known.insert(team.to_string(), (Kind::Organization, 1.0));
        // A team's town where a match is played: not the team.
        let plays = teams.iter().any(|t| t == team);
        for f in found.iter_mut() {
            let surface = &body[f.start..f.end];
            let town = plays && super::kinds::is_venue(body, f.start);
            if (surface == team || title_case(surface) == team) && !town {
                f.kind = Kind::Organization;
            }
        }
    }
    if known.is_empty() {
        return (found, teams);
    }
    let longest = known
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    let capital_sentences = crate::ner::truecase::capital_spans(sentences, recased);
    let words = sentences.concat();
    let mut out = found;
    let mut i = 0;
    while i < words.len() {
        let mut step = 1;
        for n in (1..=longest.min(words.len() - i)).rev() {
            let (start, end) = (words[i].start, words[i + n - 1].end);
            let text = &body[start..end];
            // A name in capitals ("SELES" in a wire headline) is the name
            // the article writes in ordinary case.
            let in_capitals = || {
                capital_sentences
                    .iter()
                    .any(|&(s, e)| s <= start && end <= e)
            };
            let hit = known.get(text).or_else(|| {
                in_capitals()
                    .then(|| known.get(&title_case(text)))
                    .flatten()
            });
            if let Some(&(kind, confidence)) = hit {
                // A team's town where a match is played ("In Chicago , the
                // Braves"), whatever else the article makes of the name.
                let team = || {
                    let cased = title_case(text);
                    teams.iter().any(|t| t == text || *t == cased)
                };
                let venue =
                    kind == Kind::Organization && super::kinds::is_venue(body, start) && team();
                if !venue && !out.iter().any(|f| start < f.end && f.start < end) {
                    out.push(Found {
                        start,
                        end,
                        kind,
                        confidence,
                    });
                }
                step = n;
                break;
            }
        }
        i += step;
    }
    out.sort_by_key(|f| f.start);
    (out, teams)
}

/// The listed teams' plural nicknames the article writes, one or two words
/// ([`crate::ner::teams::is_nickname`]), as written.
fn nicknames_alone<'b>(body: &'b str, sentences: &[Vec<tokens::Token>]) -> Vec<&'b str> {
    let mut out: Vec<&str> = Vec::new();
    for sentence in sentences {
        for (i, token) in sentence.iter().enumerate() {
            let one = &body[token.start..token.end];
            if !one.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            // Two words apart by one space: "Red Sox", "Blue Jays".
            let two = sentence
                .get(i + 1)
                .map(|next| &body[token.start..next.end])
                .filter(|two| {
                    two.as_bytes().get(one.len()) == Some(&b' ')
                        && !two[one.len() + 1..].contains(char::is_whitespace)
                });
            for text in [Some(one), two].into_iter().flatten() {
                if crate::ner::teams::is_nickname(text) && !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::people::person_names;
    use super::*;
    use crate::ner::group::tests::found;

    /// The mentions [`repeated`] makes of `found` in `body`, with their types.
    fn repeated_kinds(body: &str, found: Vec<Found>) -> Vec<(&str, Kind)> {
        let sentences = tokens::sentences(body);
        repeated(body, &sentences, &vec![false; sentences.len()], found)
            .0
            .iter()
            .map(|f| (&body[f.start..f.end], f.kind))
            .collect()
    }

    #[test]
    fn a_surname_with_its_particle_is_a_short_form() {
        let body = "Todd Van Poppel pitched well. Van Poppel ( 3-6 ) walked two.";
        let f = vec![found(body, "Todd Van Poppel", Kind::Person)];
        let alias = short_forms(body, &f);
        assert_eq!(
            alias.get("Van Poppel"),
            Some(&vec!["Todd Van Poppel".to_string()])
        );
        assert_eq!(
            alias.get("Poppel"),
            Some(&vec!["Todd Van Poppel".to_string()])
        );
    }

    #[test]
    fn short_forms_join_the_full_name_unless_two_people_share_them() {
        let body = "Kim Jong-un met Kim Yo-jong and Moon Jae-in.";
        let f = vec![
            found(body, "Kim Jong-un", Kind::Person),
            found(body, "Kim Yo-jong", Kind::Person),
            found(body, "Moon Jae-in", Kind::Person),
        ];
        let names = person_names(body, &f);
        assert_eq!(names.get("Moon").map(String::as_str), Some("Moon Jae-in"));
        assert_eq!(names.get("Jae-in").map(String::as_str), Some("Moon Jae-in"));
        assert!(!names.contains_key("Kim"), "two people are called Kim");
    }

    #[test]
    fn repeats_of_a_confident_name_are_found_and_uncertain_ones_are_not() {
        let body = "Acme Robotics hired Dana Whitfield. Whitfield said Acme Robotics grew. Zorblat waved. Zorblat left.";
        let mut uncertain = found(body, "Zorblat", Kind::Organization);
        uncertain.confidence = 0.3;
        let f = vec![
            found(body, "Acme Robotics", Kind::Organization),
            found(body, "Dana Whitfield", Kind::Person),
            uncertain,
        ];
        let sentences = tokens::sentences(body);
        let (all, _) = repeated(body, &sentences, &vec![false; sentences.len()], f);
        let texts: Vec<&str> = all.iter().map(|f| &body[f.start..f.end]).collect();
        assert_eq!(
            texts,
            [
                "Acme Robotics",
                "Dana Whitfield",
                "Whitfield",
                "Acme Robotics",
                "Zorblat"
            ]
        );
    }

    #[test]
    fn a_surname_two_people_share_is_a_person_but_a_shared_word_is_not() {
        // "Yeltsin" stands for neither of the two alone, but is a person.
        let body = "Boris Yeltsin visited Naina Yeltsin. Yeltsin said so. \
            The Yeltsin trip ended. Pinot Noir and Pinot Grigio. Pinot is \
            a grape. Anchorage Museum and Denver Museum. Museum hours; \
            the museum opens.";
        let f = vec![
            found(body, "Boris Yeltsin", Kind::Person),
            found(body, "Naina Yeltsin", Kind::Person),
            found(body, "Pinot Noir", Kind::Person),
            found(body, "Pinot Grigio", Kind::Person),
            found(body, "Anchorage Museum", Kind::Person),
            found(body, "Denver Museum", Kind::Person),
        ];
        let kinds = repeated_kinds(body, f);
        let alone = |name: &str| {
            kinds
                .iter()
                .filter(|(n, _)| *n == name)
                .map(|(_, k)| *k)
                .collect::<Vec<_>>()
        };
        assert_eq!(alone("Yeltsin"), vec![Kind::Person, Kind::Person]);
        // A first word shared, and a last word the page writes in lower
        // case, are no surnames.
        assert!(alone("Pinot").is_empty(), "{kinds:?}");
        assert!(alone("Museum").is_empty(), "{kinds:?}");
        let names = person_names(
            body,
            &[
                found(body, "Boris Yeltsin", Kind::Person),
                found(body, "Naina Yeltsin", Kind::Person),
            ],
        );
        assert!(!names.contains_key("Yeltsin"), "which Yeltsin is not known");
    }

    #[test]
    fn a_person_named_whole_once_in_name_words_is_sure_enough_for_the_short_form() {
        // Found once, uncertainly: the surname alone is the person too
        // when both words are names that are no common words or rare
        // words; not a product whose words are common ("Cam Locks").
        let body = "Fans cheered Monica Seles. Seles won. Seles said so. \
            Buy Cam Locks today. Locks jam. Locks rust.";
        let uncertain = |name: &str| {
            let start = body.find(name).unwrap();
            Found {
                start,
                end: start + name.len(),
                kind: Kind::Person,
                confidence: 0.3,
            }
        };
        let kinds = repeated_kinds(
            body,
            vec![uncertain("Monica Seles"), uncertain("Cam Locks")],
        );
        let seles = kinds.iter().filter(|(n, _)| *n == "Seles").count();
        assert_eq!(seles, 2, "{kinds:?}");
        assert!(!kinds.iter().any(|(n, _)| *n == "Locks"), "{kinds:?}");
    }

    #[test]
    fn a_person_named_whole_twice_is_sure_enough_for_the_short_form() {
        // Found twice as a person, both times uncertainly: the surname
        // alone is the person too, and so is "Wang 's", which the tagger
        // took for an organisation; a product named twice is not.
        let body = "Police held Wang Donghai. Wang Donghai was freed. Wang said so. \
            Wang 's family wept. Coffee Maker sold. Coffee Maker broke. A coffee \
            maker. Coffee spilled.";
        let uncertain = |name: &str, nth: usize, kind: Kind| {
            let start = body.match_indices(name).nth(nth).unwrap().0;
            Found {
                start,
                end: start + name.len(),
                kind,
                confidence: 0.3,
            }
        };
        let f = vec![
            uncertain("Wang Donghai", 0, Kind::Person),
            uncertain("Wang Donghai", 1, Kind::Person),
            uncertain("Wang 's", 0, Kind::Organization),
            uncertain("Coffee Maker", 0, Kind::Person),
            uncertain("Coffee Maker", 1, Kind::Person),
        ];
        let kinds = repeated_kinds(body, f);
        let alone: Vec<Kind> = kinds
            .iter()
            .filter(|(n, _)| *n == "Wang")
            .map(|(_, k)| *k)
            .collect();
        assert_eq!(alone, vec![Kind::Person, Kind::Person], "{kinds:?}");
        assert!(!kinds.iter().any(|(n, _)| *n == "Coffee"), "{kinds:?}");
    }

    #[test]
    fn listed_nicknames_alone_are_teams_in_a_sports_report() {
        // Two listed nicknames alone in a report on a match: the teams; a
        // single one (a book's title) or any outside sport: not.
        let report = "In Chicago , the Braves and Cubs shared two games . \
            The Braves coach praised the match and the league .";
        let kinds = repeated_kinds(report, Vec::new());
        assert!(kinds.contains(&("Braves", Kind::Organization)), "{kinds:?}");
        assert!(kinds.contains(&("Cubs", Kind::Organization)), "{kinds:?}");
        let book =
            "The Devils is a romp . The Devils won the league of readers in a tournament match .";
        assert!(repeated_kinds(book, Vec::new()).is_empty());
        let prose = "The Braves and Cubs are two pet names .";
        assert!(repeated_kinds(prose, Vec::new()).is_empty());
    }

    #[test]
    fn names_playing_as_teams_are_the_teams_throughout() {
        // "Essex beat Kent" shows two teams: their other mentions, taken
        // for a place and a person, and the one the tagger missed, are the
        // teams; a country stays a place, and a place that plays no match
        // stays one.
        let body = "Essex beat Kent by an innings. Kent closed on 83 at Canterbury. \
            England beat Essex. Essex reached 372.";
        let f = vec![
            found(body, "Essex beat", Kind::Location),
            found(body, "Kent by", Kind::Location),
            found(body, "Kent closed", Kind::Person),
            found(body, "Canterbury", Kind::Location),
            found(body, "England", Kind::Location),
        ];
        let f: Vec<Found> = f
            .into_iter()
            .map(|mut m| {
                m.end = m.start + body[m.start..m.end].split(' ').next().unwrap().len();
                m
            })
            .collect();
        let texts = repeated_kinds(body, f);
        let (org, loc) = (Kind::Organization, Kind::Location);
        assert_eq!(
            texts,
            [
                ("Essex", org),
                ("Kent", org),
                ("Kent", org),
                ("Canterbury", loc),
                ("England", loc),
                ("Essex", org),
                ("Essex", org)
            ]
        );
    }

    #[test]
    fn a_listed_teams_nickname_alone_is_the_team() {
        // The uncertain "Chicago Bears" still lends its nickname (the list
        // is the evidence), a "Bears" taken for a place becomes the team,
        // and an unlisted "place and plural" lends nothing.
        let body = "Bears fans cheered. The Chicago Bears won. The Bears lead. Acme Movers grew. Movers rested.";
        let mut team = found(body, "Chicago Bears", Kind::Organization);
        team.confidence = 0.3;
        let mut f = vec![
            team,
            found(body, "Bears lead", Kind::Location),
            found(body, "Acme Movers", Kind::Organization),
        ];
        f[1].end = f[1].start + "Bears".len();
        let texts = repeated_kinds(body, f);
        let org = Kind::Organization;
        assert_eq!(
            texts,
            [
                ("Bears", org),
                ("Chicago Bears", org),
                ("Bears", org),
                ("Acme Movers", org)
            ]
        );
    }

    #[test]
    fn only_short_forms_of_confident_names_are_repeated() {
        // "Z2" is a short form of "Z2 Mini", itself only a short form of
        // the confident "Zaopin Z2 Mini": the lone "Z2" is not repeated
        // (it used to be, or not, by the order of a hash map).
        let body = "Zaopin Z2 Mini is new. Z2 Mini costs less. Z2 ships soon.";
        let full = found(body, "Zaopin Z2 Mini", Kind::Person);
        let mut short = found(body, "Z2 Mini costs", Kind::Person);
        short.end = short.start + "Z2 Mini".len();
        short.confidence = 0.3;
        let sentences = tokens::sentences(body);
        let recased = vec![false; sentences.len()];
        for _ in 0..20 {
            let (all, _) = repeated(
                body,
                &sentences,
                &recased,
                vec![full.clone(), short.clone()],
            );
            let texts: Vec<&str> = all.iter().map(|f| &body[f.start..f.end]).collect();
            assert_eq!(texts, ["Zaopin Z2 Mini", "Z2 Mini"]);
        }
    }
}
