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
//!   word, in which case the word names neither.
//! - A listed team's nickname alone ("the Bears") is the team wherever
//!   the article names it whole ("Chicago Bears", [`super::teams`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{tokens, Found, Kind, NerError};
use crate::countries;
use crate::mentions::CharIndex;
use crate::FastMap;

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

/// The tagged mentions of one name, while grouping.
struct Group {
    name: String,
    spans: Vec<(usize, usize)>,
    /// Mentions per [`Kind`], in its order.
    kinds: [usize; 4],
    confidence: f64,
}

/// Confidence given to a place found as a dateline.
const DATELINE_CONFIDENCE: f64 = 0.9;

/// Capitalised words that open paragraphs without being places.
const NOT_DATELINES: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "NOTE",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "LIVE",
    "OPINION",
    "ANALYSIS",
    "COMMENT",
    "REVIEW",
    "FILE",
    "CORRECTION",
    "EDITOR'S NOTE",
    "AP",
    "AFP",
    "REUTERS",
    "FAQ",
    "Q",
    "A",
    "I",
    "OK",
    "TL",
    "PS",
    "NB",
];

/// A dateline: the place in capitals that opens a news story, followed by
/// a comma, a double or long dash, an agency in brackets or a date ("KYIV
/// --", "SEOUL, June 28 (Yonhap) --", "BRUSSELS 1996-08-22"). A single
/// hyphen does not count: headlines in capitals use it ("SOCCER - JAPAN WIN").
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,3}) ?(?:,| \(| ?--| ?—| ?–| [0-9]{4}-[0-9]{2}-[0-9]{2})")
        .expect("valid dateline regex")
});

/// The datelines of `body` (looked for on its first two lines, where a
/// story opens, or the third after a byline of a name alone, "Emese
/// Bartha"): byte start and end, and the place's name in title case
/// ("NEW DELHI" → "New Delhi").
fn datelines(body: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = body
        .split('\n')
        .map(|line| {
            let at = offset;
            offset += line.len() + 1;
            (at, line)
        })
        .filter(|(_, l)| !l.trim().is_empty())
        .take(3)
        .collect();
    let opening = if lines.len() == 3 && is_byline(lines[1].1) {
        3
    } else {
        2
    };
    for &(at, line) in lines.iter().take(opening) {
        let Some(m) = DATELINE.captures(line).and_then(|c| c.get(1)) else {
            continue;
        };
        if m.as_str().chars().filter(|c| c.is_alphabetic()).count() < 3
            || NOT_DATELINES.contains(&m.as_str())
        {
            continue;
        }
        let name = title_case(m.as_str());
        out.push((at + m.start(), at + m.end(), name));
    }
    out
}

/// Whether `line` is a byline of a name alone: two to four capitalised
/// words and nothing else ("Emese Bartha", "Mishi Saran").
fn is_byline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().any(char::is_lowercase)
                && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        })
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

/// Mentions below this confidence are kept but not repeated elsewhere.
const PROPAGATE_ABOVE: f64 = 0.6;

/// Words that never stand alone for a person.
const NOT_ALONE: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Jr", "Jr.", "Sr", "Sr.",
];

/// The entities of an article and its main countries (see
/// [`countries::find`]), most salient first.
pub fn entities(title: &str, body: &str) -> Result<(Vec<Entity>, Vec<String>), NerError> {
    let chars = CharIndex::new(body);
    let (places, main) = countries::find(title, body);
    let lines = datelines(body);
    let sentences = tokens::sentences(body);
    let recased = super::truecase::recased_sentences(body, &sentences);
    let mut found = super::find_in_recased(body, &sentences, &recased)?;
    found.retain(|f| !lines.iter().any(|(s, e, _)| f.start < *e && *s < f.end));
    found = repeated(body, &sentences, &recased, found);

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
                    || super::features::is_known_place(&super::features::words_of(
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
    let capitals = super::truecase::capital_spans(&sentences, &recased);
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
            groups.push(Group {
                name,
                spans: Vec::new(),
                kinds: [0; 4],
                confidence: 0.0,
            });
            groups.len() - 1
        });
        let g = &mut groups[at];
        g.spans.push((s, e));
        g.kinds[f.kind as usize] += 1;
        g.confidence = g.confidence.max(f.confidence);
    }
    for g in groups {
        // The type most mentions have; on a tie, the first in Kind's order.
        let most = g.kinds.iter().copied().max().unwrap_or(0);
        let kind = [
            Kind::Person,
            Kind::Organization,
            Kind::Location,
            Kind::Other,
        ][g.kinds.iter().position(|&k| k == most).unwrap_or(3)];
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

/// `found` plus every other occurrence, as whole words, of a name the
/// tagger found with confidence (and, for people, of their first or last
/// name alone when no other person of the article shares it), written as
/// found or in capitals.
/// `recased` says which sentences are read recased
/// ([`super::truecase::recased_sentences`]).
fn repeated(
    body: &str,
    sentences: &[Vec<tokens::Token>],
    recased: &[bool],
    found: Vec<Found>,
) -> Vec<Found> {
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
    let nicknames: Vec<&str> = found
        .iter()
        .filter(|f| f.kind == Kind::Organization)
        .filter_map(|f| super::teams::nickname(&body[f.start..f.end]))
        .collect();
    // So are the names the article shows playing as teams ("Essex beat
    // Kent"), wherever else it names them ("Essex reached 372").
    let teams = super::sports::team_names(body, sentences, &found);
    // And the names an officer shows to be organisations ("Cofinec CEO").
    let organisations = super::officers::organisation_names(body, sentences, &found);
    for team in nicknames
        .into_iter()
        .chain(teams.iter().map(String::as_str))
        .chain(organisations.iter().map(String::as_str))
    {
        known.insert(team.to_string(), (Kind::Organization, 1.0));
        for f in found.iter_mut() {
            let surface = &body[f.start..f.end];
            if surface == team || title_case(surface) == team {
                f.kind = Kind::Organization;
            }
        }
    }
    if known.is_empty() {
        return found;
    }
    let longest = known
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    let capital_sentences = super::truecase::capital_spans(sentences, recased);
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
                if !out.iter().any(|f| start < f.end && f.start < end) {
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
    out
}

/// People's names of two or more words that the tagger found twice or
/// more, each time as a person, that start with a given name we know and
/// have no word the page also writes in lower case: the tagger's people
/// on web pages are mostly products named twice ("Coffee Maker", "Hoka
/// Tecton") of words the page uses ("a coffee maker").
fn repeated_people<'b>(body: &'b str, found: &[Found]) -> Vec<&'b str> {
    let mut counts: FastMap<&str, (usize, bool)> = FastMap::default();
    for f in found {
        let name = &body[f.start..f.end];
        if !name.contains(' ') {
            continue;
        }
        let entry = counts.entry(name).or_insert((0, true));
        entry.0 += 1;
        entry.1 &= f.kind == Kind::Person;
    }
    let mut names: Vec<&str> = counts
        .into_iter()
        .filter(|(_, (n, people))| *n >= 2 && *people)
        .map(|(name, _)| name)
        .filter(|name| {
            name.split(' ').next().is_some_and(super::features::is_person_name)
                && !name.split(' ').any(|w| contains_word(body, &w.to_lowercase()))
                // No model's number ("Kqi3", "S2e").
                && !name.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    names.sort_unstable();
    names
}

/// Short forms of the people's names: the first and the last word of a
/// tagged person of two or more words, mapped to the full name (the
/// longest, when one contains another), when no other person shares it.
fn person_names(body: &str, found: &[Found]) -> HashMap<String, String> {
    short_forms(body, found)
        .into_iter()
        .filter_map(|(alias, mut full)| (full.len() == 1).then(|| (alias, full.remove(0))))
        .collect()
}

/// Whether `alias` is a surname the `full` names share: the last word of
/// each, one of which starts with a given name we know ("Boris Yeltsin"),
/// and never written in lower case in `body`. The tagger's people on web
/// pages share words too ("Pinot Noir" and "Pinot Grigio", "Anchorage
/// Museum" and "Denver Museum"), mostly words the page also uses in lower
/// case ("a museum").
fn is_shared_surname(body: &str, alias: &str, full: &[String]) -> bool {
    let lower = alias.to_lowercase();
    // A word, not an initial or a model ("R.", "G3"), and no common one
    // ("Pro" of "Arlo Pro" and "Cam Pro": Zipf 4.9; "Brooks" 4.0).
    alias.chars().count() >= 2
        && alias.chars().skip(1).all(char::is_lowercase)
        && super::features::zipf(&lower).is_none_or(|z| z < 4.5)
        && full.iter().all(|n| n.rsplit(' ').next() == Some(alias))
        && !contains_word(body, &lower)
        && full.iter().any(|n| {
            n.split(' ')
                .next()
                .is_some_and(super::features::is_person_name)
        })
}

/// Every short form of the people's names ([`person_names`]) with all the
/// full names it may stand for: two or more when people share it ("Kim"
/// for "Kim Jong-un" and "Kim Yo-jong").
fn short_forms(body: &str, found: &[Found]) -> HashMap<String, Vec<String>> {
    let mut full: Vec<&str> = found
        .iter()
        .filter(|f| f.kind == Kind::Person)
        .map(|f| &body[f.start..f.end])
        .filter(|n| n.contains(' '))
        .collect();
    full.sort_by_key(|n| std::cmp::Reverse(n.len()));
    full.dedup();
    let mut alias: HashMap<String, Vec<String>> = HashMap::new();
    for name in &full {
        let words: Vec<&str> = name.split(' ').collect();
        for w in [words[0], words[words.len() - 1]] {
            if w.chars().count() < 2 || NOT_ALONE.contains(&w) {
                continue;
            }
            let names = alias.entry(w.to_string()).or_default();
            if !names.iter().any(|other| other.contains(name)) {
                names.push(name.to_string());
            }
        }
        // A shorter full name inside a longer one ("Yoon Suk-yeol" in
        // "President Yoon Suk-yeol") is the same person.
        if let Some(longer) = full
            .iter()
            .find(|l| l.len() > name.len() && l.contains(name))
        {
            alias
                .entry(name.to_string())
                .or_insert_with(|| vec![longer.to_string()]);
        }
    }
    alias
}

fn contains_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions [`repeated`] makes of `found` in `body`, with their types.
    fn repeated_kinds(body: &str, found: Vec<Found>) -> Vec<(&str, Kind)> {
        let sentences = tokens::sentences(body);
        repeated(body, &sentences, &vec![false; sentences.len()], found)
            .iter()
            .map(|f| (&body[f.start..f.end], f.kind))
            .collect()
    }

    fn found(body: &str, name: &str, kind: Kind) -> Found {
        let start = body.find(name).expect("name in body");
        Found {
            start,
            end: start + name.len(),
            kind,
            confidence: 0.9,
        }
    }

    #[test]
    fn datelines_are_places_and_known_capitals_get_their_code() {
        assert_eq!(
            datelines("KYIV -- Drones struck.\nNEW DELHI, June 2 (Reuters) - Rates held.\nGENEVA -- not the first two lines."),
            vec![(0, 4, "Kyiv".to_string()), (23, 32, "New Delhi".to_string())]
        );
        assert_eq!(
            datelines("SOCCER - JAPAN GET LUCKY WIN\nAL-AIN , United Arab Emirates 1996-12-06"),
            vec![(29, 35, "Al-Ain".to_string())]
        );
        // After a byline of a name alone, the third line opens the story.
        assert_eq!(
            datelines(
                "Cofinec plunges on H1 results .\nEmese Bartha\nBUDAPEST 1996-08-30\nShares fell."
            ),
            vec![(45, 53, "Budapest".to_string())]
        );
        assert!(datelines("Markets\nShares fell on Friday.\nNATO, the alliance, met.").is_empty());
        for refused in [
            "BREAKING: a fire.",
            "UPDATE -- later.",
            "The PM, in LONDON --",
            "US, UK agree.",
        ] {
            assert!(datelines(refused).is_empty(), "{refused}");
        }
        let body = "KYIV -- Drones struck Kyiv and Lviv overnight.\n\nThe mayor spoke.";
        let (entities, _) = entities("", body).expect("model loads");
        let kyiv = entities.iter().find(|e| e.name == "Kyiv").expect("Kyiv");
        assert_eq!(
            (kyiv.code.as_str(), kyiv.spans.len()),
            ("UA", 2),
            "{entities:?}"
        );
        let (other, _) =
            super::entities("", "SPRINGFIELD, Ill. -- The council met.").expect("model loads");
        let springfield = other
            .iter()
            .find(|e| e.name == "Springfield")
            .unwrap_or_else(|| panic!("Springfield in {other:?}"));
        assert_eq!(springfield.kind, Kind::Location);
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
        let all = repeated(body, &sentences, &vec![false; sentences.len()], f);
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
        // Once, uncertain: not enough.
        let once = vec![uncertain("Wang Donghai", 0, Kind::Person)];
        assert!(!repeated_kinds(body, once).iter().any(|(n, _)| *n == "Wang"));
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
            let all = repeated(
                body,
                &sentences,
                &recased,
                vec![full.clone(), short.clone()],
            );
            let texts: Vec<&str> = all.iter().map(|f| &body[f.start..f.end]).collect();
            assert_eq!(texts, ["Zaopin Z2 Mini", "Z2 Mini"]);
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
