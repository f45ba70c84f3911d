//! Dates as pages write them in text: the date shapes (June 28, 2024 ·
//! 28. Juni 2024 · 2024-06-28 · 2024년 6월 28일 · 28.06.2024), with month
//! names from [`crate::months`], a time and zone after them, and the words
//! that label a date. [`crate::visible`] decides which date on the page is
//! the article's.

use std::sync::LazyLock;

use crate::months::{month_alternation, month_number};

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone};
use regex::Regex;

/// A date found in the visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleDate {
    /// The calendar day.
    pub day: NaiveDate,
    /// The text as written (date and any time and zone after it).
    pub raw: String,
    /// How it was found: `after` or `before` the headline, `element-after`
    /// or `element-before` (a date-like element or label further away), or
    /// `top` (no headline known).
    pub place: &'static str,
    /// The page labels it an update ("Updated on …", "Last modified:").
    pub is_update: bool,
    /// RFC 3339 when a time and zone were written, else `YYYY-MM-DD` (or a
    /// bare local date-time when a time without zone was written).
    pub normalised: String,
    /// The other reading of a date whose first two numbers could each be
    /// the month ("05/06/2024": 5 June in most of the world, May 6 in the
    /// US; "09.10.2024": 9 October, but some American sites write dots too).
    pub other_day: Option<NaiveDate>,
    /// `day` is the month-first reading, as slashes are read until
    /// [`VisibleDate::day_first`] says otherwise; dotted dates are read day
    /// first from the start.
    pub month_first: bool,
}

impl VisibleDate {
    /// The date read day first where it reads either way ("05/06/2024" as
    /// 5 June), as it is meant outside the US; the month-first reading
    /// becomes the other one.
    pub fn day_first(self) -> VisibleDate {
        let Some(other) = self.other_day.filter(|_| self.month_first) else {
            return self;
        };
        // The time and zone after the date do not depend on its day.
        let normalised = format!(
            "{}{}",
            other.format("%Y-%m-%d"),
            self.normalised.get(10..).unwrap_or_default()
        );
        VisibleDate {
            day: other,
            other_day: Some(self.day),
            month_first: false,
            normalised,
            ..self
        }
    }
}

/// The date shapes we read, each turned into (year, month, day) by `parts`.
struct Shape {
    re: Regex,
    parts: fn(&regex::Captures) -> Option<(i32, u32, u32)>,
    /// Month and day may be either way round: the date keeps its other
    /// reading (see [`VisibleDate::other_day`]). Capture 2 is the separator,
    /// and slashes are read month first.
    either_way: bool,
}

fn num<T: std::str::FromStr>(c: &regex::Captures, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

static SHAPES: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    let months = month_alternation();
    vec![
        // June 28, 2024 · Jun. 28th 2024
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)"
            ))
            .expect("valid regex"),
            parts: |c| Some((num(c, 3)?, month_number(&c[1])?, num(c, 2)?)),
            either_way: false,
        },
        // 28 June 2024 · 28. Juni 2024 · 28 de junio de 2024 · 28 d'abril de
        // 2024 · 28 июня 2024 · 28-Jun-2024 (logs, Oracle, many Indian and
        // Spanish CMSs: "04-ago-2021")
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:(?:st|nd|rd|th)?\.?\s+(?:de\s+|d['’]|of\s+)?({months})\.?,?\s+(?:de\s+)?|-({months})-)((?:19|20)\d\d)"
            ))
            .expect("valid regex"),
            parts: |c| {
                let month = c.get(2).or(c.get(3))?.as_str();
                Some((num(c, 4)?, month_number(month)?, num(c, 1)?))
            },
            either_way: false,
        },
        // 2024. június 28. · 2024 m. birželio 28 d.
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)((?:19|20)\d\d)(?:\.|\s*m\.)\s*({months})\s+(\d{{1,2}})"
            ))
            .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, month_number(&c[2])?, num(c, 3)?)),
            either_way: false,
        },
        // 28 tháng 6, 2024 · ngày 28 tháng 6 năm 2024
        Shape {
            re: Regex::new(r"(?i)(?-u:\b)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,\s*|\s+năm\s+)((?:19|20)\d\d)")
                .expect("valid regex"),
            parts: |c| Some((num(c, 3)?, num(c, 2)?, num(c, 1)?)),
            either_way: false,
        },
        // 2024-06-28 · 2024/06/28 · 2024. 06. 28.
        Shape {
            re: Regex::new(r"(?-u:\b)((?:19|20)\d\d)(?:-|/|\.\s?)(\d{1,2})(?:-|/|\.\s?)(\d{1,2})")
                .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, num(c, 2)?, num(c, 3)?)),
            either_way: false,
        },
        // 2024년 6월 28일 · 2024年6月28日
        Shape {
            re: Regex::new(r"((?:19|20)\d\d)\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]?")
                .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, num(c, 2)?, num(c, 3)?)),
            either_way: false,
        },
        // 28.06.2024 (day first) · 06/28/2024 (month first unless impossible)
        Shape {
            re: Regex::new(r"(?-u:\b)(\d{1,2})([./])(\d{1,2})[./]((?:19|20)\d\d)").expect("valid regex"),
            parts: |c| {
                let (a, b): (u32, u32) = (num(c, 1)?, num(c, 3)?);
                let year = num(c, 4)?;
                if &c[2] == "." || a > 12 {
                    Some((year, b, a))
                } else {
                    Some((year, a, b))
                }
            },
            either_way: true,
        },
    ]
});

/// A time right after a date: "14:35", "2:35 pm", "14h35" (French,
/// Portuguese), "14時35分", after a connecting word in the languages we
/// meet most ("at", "à", "a las", "alle", "om", "um", "às", "в", "saat",
/// Nordic "kl."/"klo"; their dotted "kl. 14.35" in [`nordic_time`]), and a
/// zone after it ("Uhr" passed: "14:35 Uhr MEZ").
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s,.|·•-]*(?:(?:at|à|a las|a la|alle|om|um|às|в|o|saat|kl\.?|klo)\s+)?(\d{1,2})(?::|h|時\s*)(\d{2})分?(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:uhr\s*)?(\(?(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\)?|\(?[A-Z]{1,4}\)?)?",
    )
    .expect("valid regex")
});

/// Words that introduce a date ("Posted on", "Last updated:").
pub(crate) static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:posted|published|updated|modified|written|released|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|опубликовано|обновлено)|입력|수정|公開|更新|发布",
    )
    .expect("valid regex")
});

/// Words that say a date is an update, not the publication.
static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)updated|modified|aktualisiert|mis à jour|actualizado|aggiornato|обновлено|수정|更新",
    )
    .expect("valid regex")
});

/// `text` with every date shape taken out.
pub fn without_dates(text: &str) -> String {
    let mut out = text.to_string();
    for shape in SHAPES.iter() {
        out = shape.re.replace_all(&out, " ").into_owned();
    }
    out
}

/// A word that labels a date ("Posted", "입력", "Опубликовано", "on").
pub fn is_date_label(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.is_empty()
        || DATE_LABEL.find(w).is_some_and(|m| m.len() == w.len())
        || matches!(
            w.to_lowercase().as_str(),
            "on" | "at" | "am" | "pm" | "date" | "kst" | "gmt" | "utc"
        )
}

/// The first plausible date in `text`, with where it starts (byte offset).
pub fn first_date(text: &str, latest_year: i32) -> Option<(usize, VisibleDate)> {
    let mut best: Option<(usize, VisibleDate)> = None;
    for shape in SHAPES.iter() {
        // Find with the fast engine, then capture within the match only:
        // capturing over the whole text is several times slower.
        for found in shape.re.find_iter(text) {
            let Some(c) = shape.re.captures(found.as_str()) else {
                continue;
            };
            let whole = found;
            if best.as_ref().is_some_and(|(at, _)| *at <= whole.start()) {
                break;
            }
            // "2025We" is fine; "20251" is a longer number, not a year.
            if text[whole.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let Some((y, m, d)) = (shape.parts)(&c) else {
                continue;
            };
            if !(1995..=latest_year).contains(&y) {
                continue;
            }
            let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else {
                continue;
            };
            let other_day = (shape.either_way && m != d && d <= 12)
                .then(|| NaiveDate::from_ymd_opt(y, d, m))
                .flatten();
            let month_first = other_day.is_some() && &c[2] == "/";
            let (raw_end, normalised) = with_time(text, whole.end(), day);
            best = Some((
                whole.start(),
                VisibleDate {
                    day,
                    place: "",
                    is_update: UPDATE_LABEL.is_match(
                        &text[floor_char_boundary(text, whole.start().saturating_sub(24))
                            ..whole.start()],
                    ),
                    raw: text[whole.start()..raw_end].trim().to_string(),
                    normalised,
                    other_day,
                    month_first,
                },
            ));
            break;
        }
    }
    best
}

/// Reads a time (and zone) written right after a date.
fn with_time(text: &str, from: usize, day: NaiveDate) -> (usize, String) {
    let plain = (from, day.format("%Y-%m-%d").to_string());
    let Some(c) = TIME_AFTER.captures(&text[from..]) else {
        return nordic_time(text, from, day).unwrap_or(plain);
    };
    let (Some(mut hour), Some(minute)) = (num::<u32>(&c, 1), num::<u32>(&c, 2)) else {
        return plain;
    };
    let second = num::<u32>(&c, 3).unwrap_or(0);
    if let Some(ampm) = c.get(4) {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
    }
    let Some(local) = day.and_hms_opt(hour, minute, second) else {
        return plain;
    };
    let end = from + c.get(0).expect("group 0 exists").end();
    // Zones are written in capitals: "14h35 et …" and "à 14h35 est …" are
    // French words.
    let zone = c
        .get(5)
        .map(|z| z.as_str())
        .filter(|z| !z.bytes().any(|b| b.is_ascii_lowercase()));
    if let Some(minutes) = zone.and_then(|zone| {
        crate::dates::zone_offset_minutes(zone)
            .or_else(|| crate::dates::us_zone_offset_minutes(zone, day))
    }) {
        if let Some(dt) =
            FixedOffset::east_opt(minutes * 60).and_then(|o| o.from_local_datetime(&local).single())
        {
            return (end, dt.to_rfc3339());
        }
    }
    // A time without a zone we know: keep the local time, claim no offset.
    let end = c
        .get(4)
        .or(c.get(3))
        .or(c.get(2))
        .map_or(end, |m| from + m.end());
    (end, local.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// A Nordic time after a date, with a dot after its label ("12 mars 2024
/// kl. 14.35", "12.3.2024 klo 14.35"): only after the label, where a dot
/// cannot be a decimal point. No zone is written there.
fn nordic_time(text: &str, from: usize, day: NaiveDate) -> Option<(usize, String)> {
    static NORDIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\s,]*(?:kl\.?|klo)\s*(\d{1,2})[.:](\d{2})").expect("valid regex")
    });
    let c = NORDIC.captures(&text[from..])?;
    let local = day.and_hms_opt(num(&c, 1)?, num(&c, 2)?, 0)?;
    let end = from + c.get(0)?.end();
    Some((end, local.format("%Y-%m-%dT%H:%M:%S").to_string()))
}

/// Every date in `text`, in order: each is the first date of the text
/// after the previous one's start that does not start inside a number (the
/// text after "18 Dec 2025"'s start reads "8 Dec 2025").
pub(crate) fn all_dates(text: &str, latest_year: i32) -> impl Iterator<Item = VisibleDate> + '_ {
    dates_at(text, latest_year).map(|(_, d)| d)
}

/// [`all_dates`] with each date's byte position in `text`.
pub(crate) fn dates_at(
    text: &str,
    latest_year: i32,
) -> impl Iterator<Item = (usize, VisibleDate)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (pos, d) = first_date(&text[from..], latest_year)?;
        let at = from + pos;
        from = at + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if !text[..at].ends_with(|ch: char| ch.is_ascii_digit()) {
            return Some((at, d));
        }
    })
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The latest year a page may show: next year, so a time-zone edge or a
/// preview page still passes, but "2099" does not.
pub fn latest_plausible_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).map_or(2100, |t| t.year()) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reading_either_way_keeps_both_readings() {
        let (_, d) = first_date("Posted 05/06/2024 at 17:18 KST", 2030).expect("a date");
        assert_eq!(
            (d.day.to_string(), d.normalised.as_str()),
            ("2024-05-06".to_string(), "2024-05-06T17:18:00+09:00")
        );
        let d = d.day_first();
        assert_eq!(
            (d.day.to_string(), d.normalised.as_str()),
            ("2024-06-05".to_string(), "2024-06-05T17:18:00+09:00")
        );
        assert_eq!(
            d.other_day.map(|o| o.to_string()).as_deref(),
            Some("2024-05-06")
        );
        // Dots are read day first and keep the month-first reading.
        let (_, d) = first_date("09.10.2024", 2030).expect("a date");
        let readings = |d: &VisibleDate| (d.day.to_string(), d.other_day.map(|o| o.to_string()));
        let want = ("2024-10-09".to_string(), Some("2024-09-10".to_string()));
        assert_eq!(readings(&d), want);
        assert_eq!(readings(&d.day_first()), want);
        // One reading only: a day above 12, the same number twice, other
        // shapes.
        for text in [
            "05/26/2024",
            "26/05/2024",
            "06/06/2024",
            "26.05.2024",
            "2024/05/06",
            "May 6, 2024",
        ] {
            let (_, d) = first_date(text, 2030).expect(text);
            assert_eq!(d.other_day, None, "{text}");
            assert_eq!(d.clone().day_first().day, d.day, "{text}");
        }
    }

    #[test]
    fn every_date_is_read_from_its_first_digit() {
        let days: Vec<String> = all_dates("[Submitted on 18 Dec 2025] v2: 3 Jan 2026", 2030)
            .map(|d| d.day.to_string())
            .collect();
        assert_eq!(days, ["2025-12-18", "2026-01-03"]);
    }

    /// The first date of `s`, its digits read as the callers read them
    /// (see [`crate::text::ascii_digits`]).
    fn day(s: &str) -> Option<String> {
        first_date(&crate::text::ascii_digits(s), 2030).map(|(_, d)| d.normalised)
    }

    #[test]
    fn shapes_and_languages() {
        let cases = [
            (
                "Posted on : 2024-06-28 17:18 KST Modified",
                "2024-06-28T17:18:00+09:00",
            ),
            ("Updated on July 9, 2025", "2025-07-09"),
            (
                "Thứ năm, 26/3/2020, 14:35 (GMT+7)",
                "2020-03-26T14:35:00+07:00",
            ),
            ("Kamis, 12 Mar 2020 14:35 WIB", "2020-03-12T14:35:00+07:00"),
            ("12 मार्च 2020", "2020-03-12"),
            ("१२ नवम्बर २०२०", "2020-11-12"),
            ("১২ মার্চ ২০২০", "2020-03-12"),
            ("١٢ مارس ٢٠٢٠", "2020-03-12"),
            ("12 مارچ 2020", "2020-03-12"),
            ("２０２０年３月１２日", "2020-03-12"),
            ("March 12, 2020 14:35 in Berlin", "2020-03-12T14:35:00"),
            ("Dec 12, 2025We’ve grown", "2025-12-12"),
            ("Published 3rd March 2024", "2024-03-03"),
            ("Veröffentlicht am 28. Juni 2024", "2024-06-28"),
            ("on 04-ago-2021 5:11:10", "2021-08-04T05:11:10"),
            ("Publicado em 13/03/2024 - 14h35", "2024-03-13T14:35:00"),
            ("Publié le 12 mars 2024 à 14h35", "2024-03-12T14:35:00"),
            ("12 de marzo de 2024 a las 14:35", "2024-03-12T14:35:00"),
            ("12. März 2024 um 14:35 Uhr", "2024-03-12T14:35:00"),
            ("12 марта 2024 в 14:35", "2024-03-12T14:35:00"),
            ("June 28, 2024 5h ago", "2024-06-28"),
            ("12.03.2024, 14:35 Uhr MEZ", "2024-03-12T14:35:00+01:00"),
            ("March 12, 2024 2:35 PM ET", "2024-03-12T14:35:00-04:00"),
            ("March 9, 2024 2:35 PM ET", "2024-03-09T14:35:00-05:00"),
            (
                "le 12 mars 2024 à 14h35 et mis à jour",
                "2024-03-12T14:35:00",
            ),
            ("12 mars 2024 kl. 14.35", "2024-03-12T14:35:00"),
            ("12.3.2024 klo 14.35", "2024-03-12T14:35:00"),
            ("12 March 2024. 14.35 million", "2024-03-12"),
            ("Date: 4-AUG-2021", "2021-08-04"),
            ("12. Okt. 2023", "2023-10-12"),
            ("3 janv. 2024", "2024-01-03"),
            ("5 dez 2022", "2022-12-05"),
            ("publié le 5 juin 2024", "2024-06-05"),
            ("28 de junio de 2024", "2024-06-28"),
            ("28 czerwca 2024 r.", "2024-06-28"),
            ("28. června 2024", "2024-06-28"),
            ("28 Haziran 2024", "2024-06-28"),
            ("28 Ağustos 2024", "2024-08-28"),
            ("28 KASIM 2024", "2024-11-28"),
            ("28 Agustus 2024", "2024-08-28"),
            ("28 augusti 2024", "2024-08-28"),
            ("28 серпня 2024", "2024-08-28"),
            ("Опубликовано 28 июня 2024", "2024-06-28"),
            ("입력 2024년 6월 28일", "2024-06-28"),
            ("2024年6月28日 17時", "2024-06-28"),
            ("2024年6月28日 17時18分", "2024-06-28T17:18:00"),
            ("28.06.2024", "2024-06-28"),
            ("09/25/2025", "2025-09-25"),
            ("25/09/2025", "2025-09-25"),
            ("June 28, 2024 at 5:18 pm EDT", "2024-06-28T17:18:00-04:00"),
            ("28 iunie 2024", "2024-06-28"),
            ("2024. június 28. 17:18", "2024-06-28T17:18:00"),
            ("28. kesäkuuta 2024", "2024-06-28"),
            ("28. júna 2024", "2024-06-28"),
            ("28. junija 2024", "2024-06-28"),
            ("28. lipnja 2024.", "2024-06-28"),
            ("28. јун 2024", "2024-06-28"),
            ("28 юни 2024 г.", "2024-06-28"),
            ("28 de juny de 2024", "2024-06-28"),
            ("28 d'abril de 2024", "2024-04-28"),
            ("2024 m. birželio 28 d.", "2024-06-28"),
            ("28 Ιουνίου 2024", "2024-06-28"),
            ("28 ΙΟΥΝΙΟΥ 2024", "2024-06-28"),
            ("28 يونيو 2024", "2024-06-28"),
            ("28 تشرين الأول 2024", "2024-10-28"),
            ("28 ביוני 2024", "2024-06-28"),
            ("Thứ sáu, 28 tháng 6, 2024", "2024-06-28"),
            ("ngày 28 tháng 6 năm 2024", "2024-06-28"),
        ];
        for (text, want) in cases {
            assert_eq!(day(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "ISBN 2024-13-45",
            "call 2024 now",
            "20251-06-01",
            "June 2099 2099",
            // A year before a month name is no date without the day.
            "2024. június",
            "28 tháng 13, 2024",
        ] {
            assert_eq!(day(text), None, "{text}");
        }
    }
}
