//! Dates as pages state them, turned into RFC 3339 with the source's own
//! offset ("2024-06-28 17:18 KST" → "2024-06-28T17:18:00+09:00").

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use regex::Regex;

/// Offsets of the time-zone abbreviations news pages use. Ambiguous ones
/// (IST, CST) take their most common news meaning.
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("KST", 9 * 60),
    ("JST", 9 * 60),
    ("HKT", 8 * 60),
    ("SGT", 8 * 60),
    ("CST", -6 * 60),
    ("CDT", -5 * 60),
    ("EST", -5 * 60),
    ("EDT", -4 * 60),
    ("MST", -7 * 60),
    ("MDT", -6 * 60),
    ("PST", -8 * 60),
    ("PDT", -7 * 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 2 * 60),
    ("EET", 2 * 60),
    ("EEST", 3 * 60),
    ("MSK", 3 * 60),
    ("IST", 5 * 60 + 30),
    ("AEST", 10 * 60),
    ("AEDT", 11 * 60),
    ("AWST", 8 * 60),
    ("NZST", 12 * 60),
    ("NZDT", 13 * 60),
    ("WET", 0),
    ("WEST", 60),
    ("WAT", 60),
    ("CAT", 2 * 60),
    ("SAST", 2 * 60),
    ("EAT", 3 * 60),
    ("PKT", 5 * 60),
    ("NPT", 5 * 60 + 45),
    ("ICT", 7 * 60),
    // Indonesia's three zones, as its news sites write them.
    ("WIB", 7 * 60),
    ("WITA", 8 * 60),
    ("WIT", 9 * 60),
    ("PHT", 8 * 60),
    ("MYT", 8 * 60),
    ("BRT", -3 * 60),
    ("ART", -3 * 60),
    ("HST", -10 * 60),
    ("AKST", -9 * 60),
    ("AKDT", -8 * 60),
    // German names of the central and eastern European zones.
    ("MEZ", 60),
    ("MESZ", 2 * 60),
    ("OEZ", 2 * 60),
    ("OESZ", 3 * 60),
];

/// The offset of a US zone named without saying standard or daylight time
/// ("2:35 PM ET"), on `day`: daylight time from the second Sunday of March
/// to the first Sunday of November, as US law has it since 2007.
pub fn us_zone_offset_minutes(zone: &str, day: chrono::NaiveDate) -> Option<i32> {
    use chrono::{Datelike, Weekday};
    let standard = match zone.trim().trim_matches(['(', ')']) {
        "ET" => -5,
        "CT" => -6,
        "MT" => -7,
        "PT" => -8,
        _ => return None,
    };
    let sunday =
        |month, n| chrono::NaiveDate::from_weekday_of_month_opt(day.year(), month, Weekday::Sun, n);
    let (start, end) = (sunday(3, 2)?, sunday(11, 1)?);
    let daylight = (start..end).contains(&day);
    Some((standard + i32::from(daylight)) * 60)
}

/// An offset written after GMT or UTC: "GMT+7", "UTC+05:30", "GMT-0400",
/// "UTC−3" (a minus sign too).
static WRITTEN_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:GMT|UTC)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$").expect("valid regex")
});

/// The offset in minutes of a time-zone abbreviation ("KST" → 540) or of
/// an offset written after GMT or UTC ("GMT+7" → 420).
pub fn zone_offset_minutes(zone: &str) -> Option<i32> {
    let zone = zone.trim().trim_matches(['(', ')']);
    if let Some(c) = WRITTEN_OFFSET.captures(zone) {
        let hours: i32 = c[2].parse().ok()?;
        let minutes: i32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
        if hours > 14 || minutes > 59 {
            return None;
        }
        let sign = if &c[1] == "+" { 1 } else { -1 };
        return Some(sign * (hours * 60 + minutes));
    }
    ZONES
        .iter()
        .find(|(z, _)| z.eq_ignore_ascii_case(zone))
        .map(|(_, m)| *m)
}

/// The offset of a language spoken in one time zone only ("ko", "ja" →
/// +09:00; "zh", "ms" → +08:00; "vi", "th" → +07:00), in minutes. Used for times a page states without a zone.
pub fn single_zone_of(language: &str) -> Option<i32> {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "ko" | "ja" => Some(9 * 60),
        // Mainland China, Taiwan, Hong Kong, Macau, Singapore and Malaysia
        // all keep UTC+8 (none with summer time), as Brunei does for Malay.
        "zh" | "ms" => Some(8 * 60),
        // Vietnam and Thailand: UTC+7, no summer time.
        "vi" | "th" => Some(7 * 60),
        _ => None,
    }
}

/// Gives a zone-less local date-time (`2024-06-28T17:18:00`) the offset
/// `minutes`; dates alone and times with an offset are returned unchanged.
pub fn assume_zone(date: String, minutes: Option<i32>) -> String {
    let Some(minutes) = minutes else { return date };
    let Ok(local) = NaiveDateTime::parse_from_str(&date, "%Y-%m-%dT%H:%M:%S") else {
        return date;
    };
    FixedOffset::east_opt(minutes * 60)
        .and_then(|o| o.from_local_datetime(&local).single())
        .map_or(date, |dt| dt.to_rfc3339())
}

/// Parses a date string; returns RFC 3339 (with the stated offset; a time
/// without a zone is kept as it is written, with no offset claimed: the bare
/// ISO date-time) or, for a date alone, `YYYY-MM-DD`.
pub fn normalise(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.to_rfc3339());
        }
    }
    // "2024-06-28 17:18 KST" and the like: a trailing zone abbreviation.
    if let Some((head, zone)) = s.rsplit_once(' ') {
        if let Some(minutes) = zone_offset_minutes(zone) {
            if let Some(naive) = naive_datetime(head) {
                let offset = FixedOffset::east_opt(minutes * 60)?;
                return offset
                    .from_local_datetime(&naive)
                    .single()
                    .map(|dt| dt.to_rfc3339());
            }
        }
    }
    if let Some(naive) = naive_datetime(s) {
        return Some(naive.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    let date_part: String = s.chars().take(10).collect();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&date_part, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    for fmt in [
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%b. %d, %Y",
        // Highwire's citation_publication_date: "2023 Jan 7".
        "%Y %b %d",
        "%Y %B %d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    // A date written as in text, in any language we read ("28. Juni 2024").
    let latest = crate::written_dates::latest_plausible_year();
    crate::written_dates::first_date(&crate::text::ascii_digits(s), latest)
        .map(|(_, d)| d.normalised)
}

fn naive_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y.%m.%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt);
        }
    }
    None
}

/// The day written in a URL's path — `/2024/06/28/`, `/2024/6/28/`,
/// `/2024-06-28-slug`, `/20240628-slug` — with the text it was read from.
/// News and blog software writes the day of first publication there, and
/// never changes it when the article is updated. Years before 1995 and
/// after `latest_year` are not dates of a web page.
pub fn url_day(url: &str, latest_year: i32) -> Option<(NaiveDate, String)> {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)/((?:19|20)\d{2})(?:/(\d{1,2})/(\d{1,2})|([-_])(\d{2})[-_](\d{2})|(\d{2})(\d{2})|/([a-z]{3,9})/(\d{1,2}))(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    let path = url::Url::parse(url).ok()?.path().to_string();
    DAY.captures_iter(&path).find_map(|c| {
        let year: i32 = c[1].parse().ok()?;
        let (month, day) = match (c.get(2), c.get(5), c.get(7), c.get(9)) {
            (Some(m), ..) => (m.as_str().parse().ok()?, c.get(3)?),
            (_, Some(m), ..) => (m.as_str().parse().ok()?, c.get(6)?),
            (_, _, Some(m), _) => (m.as_str().parse().ok()?, c.get(8)?),
            // "/2023/oct/03/", "/2023/october/03/" (The Guardian's shape):
            // an English month name, so "/2025/page/2/" is no date.
            (.., Some(m)) => (url_month(m.as_str())?, c.get(10)?),
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(year, month, day.as_str().parse().ok()?)?;
        (1995..=latest_year).contains(&year).then(|| {
            (
                date,
                c[0].trim_end_matches(['/', '_', '.', '-']).to_string(),
            )
        })
    })
}

/// The number of an English month's name or three-letter abbreviation, in
/// any case ("oct", "October").
fn url_month(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == name || (name.len() == 3 && m.starts_with(&name)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::{normalise, single_zone_of, url_day, us_zone_offset_minutes};

    /// US zones named without standard or daylight time take the one in
    /// force on the day; other names are not theirs to read.
    #[test]
    fn us_zones_follow_daylight_time() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        assert_eq!(us_zone_offset_minutes("ET", day(2024, 3, 9)), Some(-300));
        assert_eq!(us_zone_offset_minutes("ET", day(2024, 3, 10)), Some(-240));
        assert_eq!(us_zone_offset_minutes("(PT)", day(2024, 11, 2)), Some(-420));
        assert_eq!(us_zone_offset_minutes("PT", day(2024, 11, 3)), Some(-480));
        assert_eq!(us_zone_offset_minutes("CT", day(2025, 7, 1)), Some(-300));
        assert_eq!(us_zone_offset_minutes("et", day(2025, 7, 1)), None);
        assert_eq!(us_zone_offset_minutes("CET", day(2025, 7, 1)), None);
    }

    #[test]
    fn days_in_urls() {
        let day = |url: &str| url_day(url, 2030).map(|(d, _)| d.to_string());
        for (url, want) in [
            (
                "https://a.example/2025/12/19/what-people-love/",
                Some("2025-12-19"),
            ),
            ("https://a.example/blog/2025/6/9/top-10", Some("2025-06-09")),
            (
                "https://a.example/sections/health/2022/11/09/1135211525/x",
                Some("2022-11-09"),
            ),
            (
                "https://a.example/blog/2025-12-17-minisgl",
                Some("2025-12-17"),
            ),
            (
                "https://a.example/pub/20230410-homelab-4/index.html",
                Some("2023-04-10"),
            ),
            (
                "https://a.example/news/2024_06_28_harbour",
                Some("2024-06-28"),
            ),
            ("https://a.example/2025/12/19", Some("2025-12-19")),
            (
                "https://a.example/world/2023/oct/03/ukraine-live",
                Some("2023-10-03"),
            ),
            (
                "https://a.example/blog/2023/October/3/how-many",
                Some("2023-10-03"),
            ),
            // A month without a day, an impossible day, an id, a year
            // outside the web's, a date in the query: no day.
            ("https://a.example/2025/12/best-games", None),
            ("https://a.example/2025/02/30/x", None),
            ("https://a.example/p/123456789/x", None),
            ("https://a.example/1889/05/06/eiffel", None),
            ("https://a.example/2031/01/01/future", None),
            ("https://a.example/search?from=2024-06-28", None),
            ("https://a.example/story/2024-0628", None),
            ("https://a.example/archive/2025/page/2/", None),
            ("https://a.example/2024/octo/03/x", None),
        ] {
            assert_eq!(day(url).as_deref(), want, "{url}");
        }
        assert_eq!(
            url_day("https://a.example/2025/12/19/x", 2030).map(|(_, raw)| raw),
            Some("/2025/12/19".to_string())
        );
    }

    #[test]
    fn offsets_are_kept_and_abbreviations_resolved() {
        let cases = [
            (
                "2024-06-28T17:18:00+09:00",
                Some("2024-06-28T17:18:00+09:00"),
            ),
            ("2024-06-28T08:18:00Z", Some("2024-06-28T08:18:00+00:00")),
            ("2024-06-28 17:18 KST", Some("2024-06-28T17:18:00+09:00")),
            (
                "2024-06-28T17:18:00.123+0200",
                Some("2024-06-28T17:18:00.123+02:00"),
            ),
            (
                "Fri, 28 Jun 2024 08:18:00 GMT",
                Some("2024-06-28T08:18:00+00:00"),
            ),
            ("2024-06-28 17:18:05", Some("2024-06-28T17:18:05")),
            ("2024-06-28", Some("2024-06-28")),
            ("June 28, 2024", Some("2024-06-28")),
            ("28 June 2024", Some("2024-06-28")),
            ("2023 Jan 7", Some("2023-01-07")),
            ("28. Juni 2024", Some("2024-06-28")),
            ("2024년 6월 28일 17:18", Some("2024-06-28T17:18:00")),
            // Offsets written after GMT or UTC, and zones of Asia's sites.
            ("2024-06-28 17:18 GMT+7", Some("2024-06-28T17:18:00+07:00")),
            (
                "2024-06-28 17:18 UTC+05:30",
                Some("2024-06-28T17:18:00+05:30"),
            ),
            (
                "2024-06-28 17:18 (GMT-0400)",
                Some("2024-06-28T17:18:00-04:00"),
            ),
            (
                "2024-06-28 17:18 UTC\u{2212}3",
                Some("2024-06-28T17:18:00-03:00"),
            ),
            ("2024-06-28 17:18 WIB", Some("2024-06-28T17:18:00+07:00")),
            // No zone is 25 hours off: the day alone is read.
            ("2024-06-28 17:18 GMT+25", Some("2024-06-28")),
            ("yesterday", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn languages_of_one_zone_give_their_offset() {
        let zone = |lang: &str| single_zone_of(lang).map(|m| m / 60);
        assert_eq!(zone("ko-KR"), Some(9));
        assert_eq!(zone("zh-CN"), Some(8));
        assert_eq!(zone("vi"), Some(7));
        // Several zones or summer time: no offset is assumed.
        for lang in ["en", "ru", "id", "de", "pt-BR"] {
            assert_eq!(zone(lang), None, "{lang}");
        }
    }
}
