//! Dates the text mentions ("on Wednesday", "on June 19", "yesterday"),
//! resolved against the article's publication day. English phrasing;
//! weekdays without "next" are taken as the most recent such day (news
//! report what happened), month-days without a year as the nearest one.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

/// A resolved mention: phrase, day, and its [start, end) in Unicode scalar
/// values of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The phrase as written.
    pub phrase: String,
    /// The day it names.
    pub date: NaiveDate,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
}

/// English month names and abbreviations, as a regex alternation.
pub(crate) const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:yesterday|today|tomorrow)(?-u:\b)").expect("valid regex")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:(last|next|this|on|since|until|by))\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
        .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:({MONTHS})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?|([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?)(?:,?\s+((?:19|20)[0-9][0-9]))?(?-u:\b)"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)[0-9][0-9])-([0-9][0-9])-([0-9][0-9])(?-u:\b)")
        .expect("valid regex")
});

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let all = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    all.iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// The mentions in `text`, in text order. Without `published`, only dates
/// that carry their year are resolved.
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<Mention> {
    let mut found: Vec<(usize, usize, NaiveDate)> = Vec::new();
    if let Some(p) = published {
        for m in RELATIVE.find_iter(text) {
            let offset = match m.as_str().to_ascii_lowercase().as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            found.push((m.start(), m.end(), p + Duration::days(offset)));
        }
        for c in WEEKDAY.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let day: Weekday = c[2].parse().expect("weekday name");
            let date = match c.get(1).map(|q| q.as_str().to_ascii_lowercase()) {
                Some(q) if q == "next" || q == "until" || q == "by" => next_after(p, day),
                Some(q) if q == "last" => last_before(p, day),
                _ => on_or_before(p, day),
            };
            found.push((whole.start(), whole.end(), date));
        }
    }
    for c in MONTH_DAY.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (m, d) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => (m.as_str(), d.as_str()),
            _ => continue,
        };
        let (Some(m), Ok(d)) = (month(m), d.parse::<u32>()) else {
            continue;
        };
        let date = match (c.get(5), published) {
            (Some(y), _) => y
                .as_str()
                .parse()
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
            (None, Some(p)) => nearest(p, m, d),
            (None, None) => None,
        };
        if let Some(date) = date {
            found.push((whole.start(), whole.end(), date));
        }
    }
    for c in ISO.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                found.push((whole.start(), whole.end(), date));
            }
        }
    }
    found.sort_by_key(|f| (f.0, std::cmp::Reverse(f.1)));
    // Overlaps ("Tuesday, June 18" also contains "June 18"): keep the first.
    let mut kept: Vec<(usize, usize, NaiveDate)> = Vec::new();
    for f in found {
        if kept.last().is_none_or(|k| f.0 >= k.1) {
            kept.push(f);
        }
    }
    let chars = CharIndex::new(text);
    kept.into_iter()
        .map(|(s, e, date)| Mention {
            phrase: text[s..e].to_string(),
            date,
            start: chars.at(s),
            end: chars.at(e),
        })
        .collect()
}

fn on_or_before(p: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (7 + p.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    p - Duration::days(i64::from(back))
}

fn last_before(p: NaiveDate, day: Weekday) -> NaiveDate {
    let d = on_or_before(p, day);
    if d == p {
        p - Duration::days(7)
    } else {
        d
    }
}

fn next_after(p: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - p.weekday().num_days_from_monday()) % 7;
    p + Duration::days(i64::from(if ahead == 0 { 7 } else { ahead }))
}

/// The month-day nearest to `p` (last, this or next year).
fn nearest(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|c| (*c - p).num_days().abs())
}

/// Byte offsets to character offsets and back.
pub(crate) struct CharIndex(Vec<usize>);

impl CharIndex {
    pub(crate) fn new(text: &str) -> Self {
        // The text's length closes the list, so that the end of the text
        // has a character offset too.
        CharIndex(
            text.char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect(),
        )
    }
    /// The character offset of a byte offset.
    pub(crate) fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|&b| b < byte)
    }
    /// The byte offset of a character offset (at most the text's length).
    pub(crate) fn byte(&self, char: usize) -> usize {
        self.0[char.min(self.0.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn phrases_resolve_against_the_publication_day() {
        // Published Friday 2024-06-28.
        let text = "The plant opened on Wednesday. On June 19 the council met; Tuesday, the 74th anniversary, was quiet. Work starts next Monday, said the mayor yesterday. The first plan dates from March 3, 2019 and the review from 2023-11-02.";
        let got: Vec<(String, String)> = find(text, Some(day("2024-06-28")))
            .into_iter()
            .map(|m| (m.phrase, m.date.to_string()))
            .collect();
        let want = [
            ("on Wednesday", "2024-06-26"),
            ("June 19", "2024-06-19"),
            ("Tuesday", "2024-06-25"),
            ("next Monday", "2024-07-01"),
            ("yesterday", "2024-06-27"),
            ("March 3, 2019", "2019-03-03"),
            ("2023-11-02", "2023-11-02"),
        ];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn offsets_count_characters_and_years_wrap() {
        let text = "Séoul — on Friday";
        let m = &find(text, Some(day("2024-06-28")))[0];
        assert_eq!(
            text.chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect::<String>(),
            "on Friday"
        );
        assert_eq!(m.date, day("2024-06-28"));
        // A December article about "January 5" means the coming one.
        assert_eq!(
            find("due January 5", Some(day("2024-12-20")))[0].date,
            day("2025-01-05")
        );
        // Without a publication day only dates with a year resolve.
        assert_eq!(find("on Friday, June 19 and June 20, 2024", None).len(), 1);
    }
}
