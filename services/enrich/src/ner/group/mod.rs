//! From mentions to entities: one entity per person, organisation or place
//! an article names, with every mention's offsets.
//!
//! - The country gazetteer ([`crate::countries`]) and the tagger are
//!   reconciled: a country, capital or nationality word keeps its ISO code
//!   unless it sits inside a longer name the tagger found ("Bank of Korea").
//! - A name the tagger found once is found again wherever the article
//!   repeats it (news repeat names; the tagger misses some repeats whose
//!   context gives it less to go on).
//! - A person's later short mentions ("Yoon", "Suk-yeol") join the full
//!   name ("Yoon Suk-yeol"), unless two people of the article share the
//!   word, in which case the word names neither (a shared surname,
//!   "Yeltsin", is still a person).
//! - A listed team's nickname alone ("the Bears") is the team wherever
//!   the article names it whole ("Chicago Bears", [`super::teams`]); so
//!   are names an article shows playing as teams or run by an office
//!   ("Cofinec CEO"), but a team's town where something happens (the
//!   dateline, "In Chicago") is the town, an entity apart.
//!
//! `datelines.rs` finds the dateline's place; `repeats.rs` finds names
//! again (repeats, short forms, teams and organisations shown as such);
//! `people.rs` finds people's short forms; `kinds.rs` decides a group's
//! type from its mentions; this module groups the mentions into entities.

mod datelines;
mod kinds;
mod people;
mod repeats;

use std::collections::HashMap;

use super::{tokens, Found, Kind, NerError};
use crate::countries;
use crate::mentions::CharIndex;
use datelines::{datelines, DATELINE_CONFIDENCE};
use kinds::Group;
use people::person_names;
use repeats::repeated;

/// One entity of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The name: the longest form the article uses (a person's full name),
    /// or the country's common name.
    pub name: String,
    /// Entity type.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 for countries, capitals and nationality words.
    pub code: String,
    /// [start, end) of every mention in the body, in characters, in text order.
    pub spans: Vec<(usize, usize)>,
    /// Share of all entity mentions of the body, plus 0.5 when the title
    /// names it in any form the body uses (capped at 1).
    pub salience: f64,
    /// The tagger's confidence in its best mention (1 for gazetteer matches).
    pub confidence: f64,
}

impl From<countries::Place> for Entity {
    fn from(p: countries::Place) -> Self {
        Entity {
            name: p.name,
            kind: if p.kind == "location" {
                Kind::Location
            } else {
                Kind::Other
            },
            code: p.code,
            spans: p.spans,
            salience: p.salience,
            confidence: 1.0,
        }
    }
}

/// "AL-AIN" → "Al-Ain", "NEW DELHI" → "New Delhi".
pub(crate) fn title_case(caps: &str) -> String {
    let mut out = String::with_capacity(caps.len());
    let mut start = true;
    for c in caps.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-');
    }
    out
}

/// The entities of an article and its main countries (see
/// [`countries::find`]), most salient first.
pub fn entities(title: &str, body: &str) -> Result<(Vec<Entity>, Vec<String>), NerError> {
    let chars = CharIndex::new(body);
    let (places, main) = countries::find(title, body);
    let lines = datelines(body);
    let sentences = tokens::sentences(body);
    let recased = crate::ner::truecase::recased_sentences(body, &sentences);
    let mut found = crate::ner::find_in_recased(body, &sentences, &recased)?;
    let off_datelines = |f: &Found| !lines.iter().any(|(s, e, _)| f.start < *e && *s < f.end);
    found.retain(off_datelines);
    let (mut found, teams) = repeated(body, &sentences, &recased, found);
    // The repeats may have found a name again on a dateline.
    found.retain(off_datelines);

    // Gazetteer places, minus those inside a longer tagged name that is
    // not a place, or is a place the gazetteer knows itself ("Sudan" in
    // "Port Sudan").
    let inside_longer = |s: usize, e: usize| {
        found.iter().any(|f| {
            let (fs, fe) = (chars.at(f.start), chars.at(f.end));
            fs <= s
                && e <= fe
                && fe - fs > e - s
                && (f.kind != Kind::Location
                    || crate::ner::features::is_known_place(&crate::ner::features::words_of(
                        &body[f.start..f.end],
                    )))
        })
    };
    let mut out: Vec<Entity> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for p in places {
        let mut place = Entity::from(p);
        place.spans.retain(|&(s, e)| !inside_longer(s, e));
        if place.spans.is_empty() {
            continue;
        }
        taken.extend(place.spans.iter().copied());
        out.push(place);
    }
    // Datelines: a known capital joins its entity, with its code; any
    // other place is a name like those the tagger finds.
    let mut dateline_names: Vec<(String, String)> = Vec::new();
    for (start, end, name) in &lines {
        let span = (chars.at(*start), chars.at(*end));
        match countries::code_of(name) {
            Some(code) => {
                taken.push(span);
                match out.iter_mut().find(|e| e.name == *name) {
                    Some(e) => e.spans.push(span),
                    None => out.push(Entity {
                        name: name.clone(),
                        kind: Kind::Location,
                        code,
                        spans: vec![span],
                        salience: 0.0,
                        confidence: 1.0,
                    }),
                }
            }
            None => {
                found.push(Found {
                    start: *start,
                    end: *end,
                    kind: Kind::Location,
                    confidence: DATELINE_CONFIDENCE,
                });
                dateline_names.push((body[*start..*end].to_string(), name.clone()));
            }
        }
    }
    found.sort_by_key(|f| f.start);

    // Tagged names, grouped by the name they stand for. A name in a
    // sentence in capitals ("NEWCASTLE GO TOP") stands for the name in
    // ordinary case ("Newcastle"), unless the article writes it in
    // capitals elsewhere too ("NATO").
    let mut canonical = person_names(body, &found);
    canonical.extend(dateline_names);
    let capitals = crate::ner::truecase::capital_spans(&sentences, &recased);
    let in_capitals = |f: &Found| capitals.iter().any(|&(s, e)| s <= f.start && f.end <= e);
    let written_so: std::collections::HashSet<&str> = found
        .iter()
        .filter(|f| !in_capitals(f))
        .map(|f| &body[f.start..f.end])
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for f in &found {
        let (s, e) = (chars.at(f.start), chars.at(f.end));
        if taken.iter().any(|&(ts, te)| s < te && ts < e) {
            continue;
        }
        let surface = &body[f.start..f.end];
        let key = if in_capitals(f)
            && !written_so.contains(surface)
            && !surface.chars().any(char::is_lowercase)
        {
            title_case(surface)
        } else {
            surface.to_string()
        };
        let name = canonical.get(&key).cloned().unwrap_or(key);
        let at = *index.entry(name.clone()).or_insert_with(|| {
            groups.push(Group::new(name));
            groups.len() - 1
        });
        let dateline = lines.iter().any(|(ls, _, _)| *ls == f.start);
        groups[at].add(body, f, (s, e), dateline);
    }
    for mut g in groups {
        let kind = g.kind(body, &found);
        // A team and its town share a name: where the name is a venue
        // (the dateline, "in Chicago"), it is the town, an entity apart.
        let team = teams
            .iter()
            .any(|t| *t == g.name || title_case(t) == g.name);
        if team && !g.venues.is_empty() && g.venues.len() < g.spans.len() {
            g.spans.retain(|span| !g.venues.contains(span));
            out.push(Entity {
                name: g.name.clone(),
                kind: Kind::Location,
                code: String::new(),
                spans: std::mem::take(&mut g.venues),
                salience: 0.0,
                confidence: g.confidence,
            });
        }
        // "US-based", "China-backed": the country's code, as a
        // nationality word has it.
        let code = match kind {
            Kind::Other => g
                .name
                .rsplit_once('-')
                .and_then(|(head, _)| countries::code_of(head))
                .unwrap_or_default(),
            _ => String::new(),
        };
        out.push(Entity {
            name: g.name,
            kind,
            code,
            spans: g.spans,
            salience: 0.0,
            confidence: g.confidence,
        });
    }

    let total = out.iter().map(|e| e.spans.len()).sum::<usize>().max(1) as f64;
    for e in &mut out {
        e.spans.sort_unstable();
        // The title may use any form the body uses ("Yoon" for "Yoon Suk-yeol").
        let titled = contains_word(title, &e.name)
            || e.spans
                .iter()
                .any(|&(s, end)| contains_word(title, &body[chars.byte(s)..chars.byte(end)]));
        e.salience = (e.spans.len() as f64 / total + if titled { 0.5 } else { 0.0 }).min(1.0);
    }
    out.sort_by(|a, b| {
        b.salience
            .total_cmp(&a.salience)
            .then(a.spans[0].cmp(&b.spans[0]))
    });
    Ok((out, main))
}

/// Whether a person `found` in `body` bears `word` in a name of two
/// words or more ("Michael Jordan" for "Jordan").
pub(in crate::ner) fn in_whole_name(body: &str, found: &[Found], word: &str) -> bool {
    found.iter().any(|f| {
        let name = &body[f.start..f.end];
        f.kind == Kind::Person && name.contains(' ') && name.split(' ').any(|w| w == word)
    })
}

/// Whether `name` stands in `text` as whole words.
pub(in crate::ner) fn contains_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
pub(in crate::ner) mod tests {
    use super::*;

    /// A mention of `name` (its first occurrence in `body`), as the tagger
    /// would have found it with confidence 0.9.
    pub(in crate::ner) fn found(body: &str, name: &str, kind: Kind) -> Found {
        let start = body.find(name).expect("name in body");
        Found {
            start,
            end: start + name.len(),
            kind,
            confidence: 0.9,
        }
    }

    #[test]
    fn a_name_in_a_headline_in_capitals_joins_the_same_name_in_the_text() {
        let body = "TENNIS - SELES BEATS GRAF IN FINAL AS NATO WATCHES.\nNEW YORK 1996-08-24\nMonica Seles beat Steffi Graf 6-3 6-4 on Saturday. Seles said she was happy. NATO said.";
        let (entities, _) = entities("", body).expect("model loads");
        let spans = |name: &str| {
            entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.spans.len())
        };
        assert_eq!(spans("Monica Seles"), Some(3), "{entities:?}");
        assert_eq!(spans("Steffi Graf"), Some(2), "{entities:?}");
        // An acronym the text writes in capitals too stays as written.
        assert_eq!(spans("Nato"), None, "{entities:?}");
        assert!(entities
            .iter()
            .all(|e| e.name != "SELES" && e.name != "GRAF"));
    }

    #[test]
    fn an_article_gets_one_entity_per_name_with_codes_and_offsets() {
        let body = "South Korean President Yoon Suk-yeol met officials of the Bank of Korea in Seoul on Monday. Yoon said the Bank of Korea would act.";
        let (entities, _) = entities("Yoon meets central bank", body).expect("model loads");
        let get = |name: &str| {
            entities
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name} in {entities:?}"))
        };
        let yoon = get("Yoon Suk-yeol");
        assert_eq!((yoon.kind, yoon.spans.len()), (Kind::Person, 2));
        let chars: Vec<char> = body.chars().collect();
        let (s, e) = yoon.spans[1];
        assert_eq!(chars[s..e].iter().collect::<String>(), "Yoon");
        assert!(yoon.salience > 0.5, "named in the title");
        let bank = get("Bank of Korea");
        assert_eq!((bank.kind, bank.spans.len()), (Kind::Organization, 2));
        assert_eq!(get("Seoul").code, "KR");
        assert_eq!(get("South Korean").kind, Kind::Other);
        assert!(
            !entities.iter().any(|e| e.name == "South Korea"),
            "Korea inside Bank of Korea is not a mention of the country: {entities:?}"
        );
        assert_eq!(entities[0].name, "Yoon Suk-yeol", "most salient first");
    }

    #[test]
    fn a_country_named_like_a_person_is_the_country_unless_a_person_bears_it() {
        let kinds = |body: &str| -> Vec<(String, &str, String)> {
            let (entities, _) = entities("", body).unwrap();
            entities
                .into_iter()
                .map(|e| (e.name, e.kind.as_str(), e.code))
                .collect()
        };
        let body = "Chad government closes university.\nThe government of Chad closed it.";
        assert!(
            kinds(body).contains(&("Chad".into(), "location", String::new())),
            "{:?}",
            kinds(body)
        );
        let body = "Michael Jordan scored 30 points. Jordan said the team played well.";
        assert!(
            kinds(body)
                .iter()
                .any(|(n, k, _)| n == "Michael Jordan" && *k == "person"),
            "{:?}",
            kinds(body)
        );
        assert!(
            !kinds(body).iter().any(|(_, k, _)| *k == "location"),
            "{:?}",
            kinds(body)
        );
    }

    #[test]
    fn a_name_on_the_dateline_is_a_place_though_the_tagger_saw_a_person() {
        let body = "CYCLING - FINAL RESULTS .\nLANDGRAAF , Netherlands 1996-08-31\nThe stage ran between Roermond and Landgraaf on Saturday .";
        let (entities, _) = entities("", body).unwrap();
        let landgraaf = entities.iter().find(|e| e.name == "Landgraaf");
        assert_eq!(
            landgraaf.map(|e| (e.kind, e.spans.len())),
            Some((Kind::Location, 2)),
            "{entities:?}"
        );
    }

    #[test]
    fn a_name_before_a_place_noun_is_a_place_though_the_tagger_saw_a_person() {
        // The tagger's mentions of "Nagorno-Karabakh" are a person's.
        let body =
            "The envoy sought a lasting settlement for Nagorno-Karabakh , officials said .\n\
            Talks on the disputed Nagorno-Karabakh region resumed .\n\
            The envoy sought no settlement for Nagorno-Karabakh , aides said .";
        let (entities, _) = entities("", body).unwrap();
        let place = entities.iter().find(|e| e.name == "Nagorno-Karabakh");
        assert_eq!(
            place.map(|e| (e.kind, e.spans.len())),
            Some((Kind::Location, 3)),
            "{entities:?}"
        );
    }

    #[test]
    fn a_person_named_whole_is_a_person_though_the_tagger_took_the_surname_for_a_place() {
        let body = "Outspoken Canadian Anthony Hill accused the champion of cheating on Sunday .\n\
            \" I called him a cheat , \" said Hill , whose career has been blighted by fines .\n\
            Hill won the game on the next point and said later that the champion was honest .\n\
            Hill , the veteran , lost .";
        let (entities, _) = entities("", body).unwrap();
        let hill = entities.iter().find(|e| e.name == "Anthony Hill");
        assert_eq!(
            hill.map(|e| (e.kind, e.spans.len())),
            Some((Kind::Person, 4)),
            "{entities:?}"
        );
    }

    #[test]
    fn a_teams_town_where_a_match_is_played_is_a_place_apart() {
        // "Chicago" plays (a results line, "Chicago 11 Toronto 2") and is
        // played in ("In Chicago"); the dateline is the town too.
        let body = "CHICAGO 1996-08-31\nChicago 11 Toronto 2\nDetroit 4 Boston 0\n\
            Oakland 7 Seattle 2\nIn Chicago , Chicago beat the visitors in the league match .";
        let (entities, _) = entities("", body).expect("model loads");
        let kinds: Vec<(usize, Kind)> = entities
            .iter()
            .filter(|e| e.name == "Chicago")
            .map(|e| (e.spans.len(), e.kind))
            .collect();
        assert!(kinds.contains(&(2, Kind::Organization)), "{entities:?}");
        assert!(kinds.contains(&(2, Kind::Location)), "{entities:?}");
    }

    #[test]
    fn a_name_made_an_adjective_is_other_with_its_countrys_code() {
        let body =
            "The U.S.-led coalition hired a Bergamo-based firm. Yoon Suk-yeol met Kim Jong-un.";
        let (entities, _) = entities("", body).expect("model loads");
        let get = |name: &str| {
            entities
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name} in {entities:?}"))
        };
        assert_eq!(
            (get("U.S.-led").kind, get("U.S.-led").code.as_str()),
            (Kind::Other, "US")
        );
        assert_eq!(
            (
                get("Bergamo-based").kind,
                get("Bergamo-based").code.as_str()
            ),
            (Kind::Other, "")
        );
        assert!(
            !entities.iter().any(|e| e.name == "United States"),
            "{entities:?}"
        );
        // A hyphen inside a person's name makes no adjective.
        assert_eq!(get("Yoon Suk-yeol").kind, Kind::Person);
    }

    /// A country's name inside a longer place the gazetteer knows ("Port
    /// Sudan", "New Mexico") is no mention of the country.
    #[test]
    fn a_known_place_holding_a_countrys_name_is_that_place() {
        let body = "Aid agencies have sent supplies to Port Sudan. The war in Sudan has displaced millions, and a team from Albuquerque, New Mexico, flew in.";
        let (entities, _) = entities("Aid", body).expect("model loads");
        let spans = |name: &str| {
            entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| (e.kind, e.code.clone(), e.spans.len()))
        };
        assert_eq!(
            spans("Port Sudan"),
            Some((Kind::Location, String::new(), 1))
        );
        assert_eq!(spans("Sudan"), Some((Kind::Location, "SD".to_string(), 1)));
        assert_eq!(spans("Mexico"), None, "{entities:?}");
    }
}
