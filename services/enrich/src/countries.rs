//! Countries, their capitals and nationality words in the text, each with
//! its ISO 3166-1 alpha-2 code, and the article's main countries. A
//! gazetteer (`data/countries.tsv`, from world-countries, ODbL; see
//! data/README.md), matched case-sensitively on word boundaries, longest
//! form first ("South Korean" before "South Korea" before "Korea").
//!
//! This is not named-entity recognition: only these three kinds of place
//! word are found, and a name the gazetteer leaves out as ambiguous
//! ("Georgia", "Jordan", "Chad") is not found at all.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::mentions::CharIndex;

/// One place word found, grouped: every mention of one country, capital or
/// nationality.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The country's display name, the capital, or the nationality word.
    pub name: String,
    /// "location" (country or capital) or "other" (nationality).
    pub kind: &'static str,
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// [start, end) of every mention in the body, in characters.
    pub spans: Vec<(usize, usize)>,
    /// Share of all place mentions of the body, plus 0.5 when the title
    /// names it too (capped at 1).
    pub salience: f64,
}

struct Gazetteer {
    /// Matched text → (code, kind).
    entries: BTreeMap<String, (String, &'static str)>,
    /// Code → display name.
    common: BTreeMap<String, String>,
    /// The everyday names of `common`, for lookups by name.
    common_names: std::collections::HashSet<String>,
    pattern: Regex,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut entries = BTreeMap::new();
    let mut common = BTreeMap::new();
    for line in include_str!("../data/countries.tsv").lines() {
        let mut cols = line.split('\t');
        let (Some(code), Some(kind), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        let kind = match kind {
            "common" => {
                common.insert(code.to_string(), text.to_string());
                continue;
            }
            "demonym" => "demonym",
            "capital" => "capital",
            _ => "name",
        };
        // A country of two parts has a nationality word for each, on one
        // row ("Bosnian, Herzegovinian"), as the package writes them.
        let texts = match kind {
            "demonym" => text.split(", ").collect(),
            _ => vec![text],
        };
        for text in texts {
            entries.insert(text.to_string(), (code.to_string(), kind));
        }
    }
    let mut texts: Vec<&String> = entries.keys().collect();
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alternatives: Vec<String> = texts
        .iter()
        .map(|t| {
            // ASCII word boundaries keep the search on the fast engines
            // (a Unicode \b over 1,300 alternatives was 8× slower than all
            // the rest of the enrichment).
            let end = if t.ends_with(|c: char| c.is_alphanumeric()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            format!(r"(?-u:\b){}{end}", regex::escape(t))
        })
        .collect();
    let pattern = Regex::new(&alternatives.join("|")).expect("valid gazetteer regex");
    let common_names = common.values().cloned().collect();
    Gazetteer {
        entries,
        common,
        common_names,
        pattern,
    }
});

/// "Latin American" is not about the United States.
const REGION_BEFORE: &[&str] = &["Latin", "South", "North", "Central", "African", "Native"];

/// Mentions in `text` as (matched text, code, kind, byte start, byte end).
fn matches(text: &str) -> Vec<(String, String, &'static str, usize, usize)> {
    let g = &*GAZETTEER;
    g.pattern
        .find_iter(text)
        .filter_map(|m| {
            let (code, kind) = g.entries.get(m.as_str())?;
            let previous = text[..m.start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            if m.as_str() == "American" && REGION_BEFORE.contains(&previous) {
                return None;
            }
            // The newspaper.
            let next = text[m.end()..].split_whitespace().next().unwrap_or("");
            if m.as_str() == "USA" && next.eq_ignore_ascii_case("today") {
                return None;
            }
            Some((
                m.as_str().to_string(),
                code.clone(),
                *kind,
                m.start(),
                m.end(),
            ))
        })
        .collect()
}

/// The ISO 3166-1 code of a country name or capital written as the
/// gazetteer writes it ("Kyiv", "South Korea").
pub fn code_of(name: &str) -> Option<String> {
    GAZETTEER
        .entries
        .get(name)
        .filter(|(_, kind)| *kind != "demonym")
        .map(|(code, _)| code.clone())
}

/// Whether `name` is a country's everyday name, matched in the text or
/// not: also the names the gazetteer leaves out as ambiguous ("Chad",
/// "Jordan").
pub fn is_common_name(name: &str) -> bool {
    GAZETTEER.common_names.contains(name)
}

/// Whether `word` is a nationality word as the gazetteer writes it
/// ("Japanese", "South Korean").
pub fn is_nationality(word: &str) -> bool {
    GAZETTEER
        .entries
        .get(word)
        .is_some_and(|(_, kind)| *kind == "demonym")
}

/// The United Kingdom's four home nations: no ISO countries, but they
/// field national teams ("Pakistan beat England"), which news NER corpora
/// label places as they do countries' teams.
pub const HOME_NATIONS: &[&str] = &["England", "Scotland", "Wales", "Northern Ireland"];

/// Whether `name` is a country's name (not its capital or nationality
/// word) as the gazetteer writes it, or its everyday name though the
/// gazetteer leaves that out of the text as ambiguous ("San Marino",
/// "Chad": said of a name already found, it is the country), or in
/// capitals ("JAPAN"), or one of the home nations.
pub fn is_country(name: &str) -> bool {
    let is_name = |n: &str| {
        HOME_NATIONS.contains(&n)
            || GAZETTEER
                .entries
                .get(n)
                .is_some_and(|(_, kind)| *kind == "name")
            || is_common_name(n)
    };
    is_name(name)
        || (name.chars().any(char::is_alphabetic)
            && !name.chars().any(char::is_lowercase)
            && is_name(&crate::ner::group::title_case(name)))
}

/// The place words of `body` (and whether `title` names them), and the
/// main countries: ISO codes whose mentions (title counted three times,
/// nationality words half) reach a third of the most mentioned one's and
/// at least two, at most three, most mentioned first.
pub fn find(title: &str, body: &str) -> (Vec<Place>, Vec<String>) {
    let g = &*GAZETTEER;
    let chars = CharIndex::new(body);
    let found = matches(body);
    let in_title: Vec<(String, String, &'static str)> = matches(title)
        .into_iter()
        .map(|(text, code, kind, ..)| (text, code, kind))
        .collect();
    let total = found.len().max(1) as f64;
    let mut places: BTreeMap<(String, &'static str, String), Place> = BTreeMap::new();
    // A nationality word counts half: it often names a language, a
    // cuisine or a style ("Greek letters", "Dutch oven").
    let weight = |kind: &str| if kind == "demonym" { 0.5 } else { 1.0 };
    let mut per_country: BTreeMap<String, f64> = BTreeMap::new();
    for (text, code, kind, start, end) in &found {
        *per_country.entry(code.clone()).or_default() += weight(kind);
        let (name, entity_kind) = match *kind {
            "name" => (
                g.common.get(code).cloned().unwrap_or_else(|| text.clone()),
                "location",
            ),
            "capital" => (text.clone(), "location"),
            _ => (text.clone(), "other"),
        };
        places
            .entry((code.clone(), entity_kind, name.clone()))
            .or_insert_with(|| Place {
                name,
                kind: entity_kind,
                code: code.clone(),
                spans: Vec::new(),
                salience: 0.0,
            })
            .spans
            .push((chars.at(*start), chars.at(*end)));
    }
    for (_, code, kind) in &in_title {
        *per_country.entry(code.clone()).or_default() += 3.0 * weight(kind);
    }
    let mut out: Vec<Place> = places
        .into_values()
        .map(|mut p| {
            let titled = in_title.iter().any(|(_, c, _)| *c == p.code);
            p.salience = (p.spans.len() as f64 / total + if titled { 0.5 } else { 0.0 }).min(1.0);
            p
        })
        .collect();
    out.sort_by(|a, b| b.salience.total_cmp(&a.salience).then(a.name.cmp(&b.name)));
    let mut ranked: Vec<(String, f64)> = per_country.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = ranked.first().map_or(0.0, |r| r.1);
    let main = ranked
        .into_iter()
        .filter(|(_, n)| *n >= 2.0 && 3.0 * n >= top)
        .take(3)
        .map(|(code, _)| code)
        .collect();
    (out, main)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_capitals_and_nationalities_carry_codes() {
        let body = "South Korean President Yoon Suk-yeol met U.S. officials in Seoul on Tuesday.\n\nNorth Korea fired a missile, the Russian embassy in Seoul said. Latin American markets were calm. South Korea's won rose.";
        let (places, main) = find("Seoul talks", body);
        let get = |name: &str| {
            places
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("{name}: {places:?}"))
        };
        assert_eq!(
            (get("South Korean").code.as_str(), get("South Korean").kind),
            ("KR", "other")
        );
        assert_eq!(
            (get("Seoul").code.as_str(), get("Seoul").spans.len()),
            ("KR", 2)
        );
        assert_eq!(get("United States").code, "US");
        assert_eq!(get("North Korea").code, "KP");
        assert_eq!(get("Russian").code, "RU");
        assert_eq!(get("South Korea").code, "KR");
        assert!(
            places.iter().all(|p| p.name != "American"),
            "Latin American is no US mention"
        );
        // Offsets are characters of the body.
        let chars: Vec<char> = body.chars().collect();
        let (s, e) = get("Russian").spans[0];
        assert_eq!(chars[s..e].iter().collect::<String>(), "Russian");
        // South Korea: 3 names and a half-counted nationality in the body,
        // and 3 for the title's Seoul.
        assert_eq!(main[0], "KR");
        assert!(
            !main.contains(&"RU".to_string()),
            "one mention is not a main country"
        );
    }

    /// The code and kind of the place `find` found as `name`.
    fn code_and_kind<'a>(places: &'a [Place], name: &str) -> (&'a str, &'static str) {
        places
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.code.as_str(), p.kind))
            .unwrap_or_else(|| panic!("{name}: {places:?}"))
    }

    #[test]
    fn renamed_and_former_countries_are_places_of_the_news() {
        // A 1996 wire story: a renamed country under its code today, a
        // dissolved one under the code it had (ISO 3166-3).
        let body = "Rosati will visit Yugoslavia, then Zaire and Surinam. Soviet troops left East Germany.";
        let (places, _) = find("", body);
        let code = |name: &str| code_and_kind(&places, name);
        assert_eq!(code("Yugoslavia"), ("YU", "location"));
        assert_eq!(code("DR Congo").0, "CD");
        assert_eq!(code("Suriname").0, "SR");
        assert_eq!(code("Soviet"), ("SU", "other"));
        assert_eq!(code("East Germany").0, "DD");
    }

    #[test]
    fn both_nationality_words_of_a_two_part_country_and_its_short_name_are_found() {
        let body =
            "Bosnian Serbs and Herzegovinian Croats voted in Bosnia; an Azeri envoy watched.";
        let (places, _) = find("", body);
        let code = |name: &str| code_and_kind(&places, name);
        assert_eq!(code("Bosnian"), ("BA", "other"));
        assert_eq!(code("Herzegovinian"), ("BA", "other"));
        assert_eq!(code("Bosnia and Herzegovina"), ("BA", "location"));
        assert_eq!(code("Azeri"), ("AZ", "other"));
    }

    #[test]
    fn no_places_no_main_country() {
        let (places, main) = find("Harbor plan approved", "The council voted on Tuesday.");
        assert!(places.is_empty() && main.is_empty());
    }
}
