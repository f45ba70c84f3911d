//! Datelines: the place in capitals that opens a wire story ("KYIV --",
//! "BRUSSELS 1996-08-22"), found on its first lines.

use std::sync::LazyLock;

use regex::Regex;

use super::title_case;

/// Confidence given to a place found as a dateline.
pub(super) const DATELINE_CONFIDENCE: f64 = 0.9;

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
/// story opens, or the third after a byline of a name alone, "Anna
/// Kovacs"): byte start and end, and the place's name in title case
/// ("NEW DELHI" → "New Delhi").
pub(super) fn datelines(body: &str) -> Vec<(usize, usize, String)> {
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
/// words and nothing else ("Anna Kovacs", "Ravi Menon").
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::group::entities;
    use crate::ner::Kind;

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
                "Acme shares slide on results .\nAnna Kovacs\nBUDAPEST 1996-08-30\nShares fell."
            ),
            vec![(43, 51, "Budapest".to_string())]
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
        let (other, _) = crate::ner::group::entities("", "SPRINGFIELD, Ill. -- The council met.")
            .expect("model loads");
        let springfield = other
            .iter()
            .find(|e| e.name == "Springfield")
            .unwrap_or_else(|| panic!("Springfield in {other:?}"));
        assert_eq!(springfield.kind, Kind::Location);
    }
}
