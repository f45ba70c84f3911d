//! Dates as pages write them in text: month names in the languages we
//! meet most, the date shapes (June 28, 2024 · 28. Juni 2024 · 2024-06-28 ·
//! 2024년 6월 28일 · 28.06.2024), a time and zone after them, and the words
//! that label a date. [`crate::visible`] decides which date on the page is
//! the article's.

use std::sync::LazyLock;

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
    /// The other reading of a date written with slashes whose first two
    /// numbers could each be the month ("05/06/2024": 6 May in most of the
    /// world, May 6 in the US); `day` is the month-first one.
    pub other_day: Option<NaiveDate>,
}

impl VisibleDate {
    /// The date read day first where it reads either way ("05/06/2024" as
    /// 5 June), as it is meant outside the US; the month-first reading
    /// becomes the other one.
    pub fn day_first(self) -> VisibleDate {
        let Some(other) = self.other_day else {
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
            normalised,
            ..self
        }
    }
}

/// Whether pages in `language` (a declared language tag, "en-US", "fr")
/// write numeric dates month first: American English, and pages that do
/// not say (the status quo of the web we parse, most of it American). Every
/// other language, and English outside the US ("en-GB", "en-AU", "en-IN"),
/// writes the day first.
pub fn writes_month_first(language: &str) -> bool {
    let tag = language.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let region =
        parts.find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())));
    match primary {
        "" => true,
        "en" => matches!(
            region,
            None | Some("us" | "ph" | "ca" | "um" | "as" | "gu" | "pr" | "vi")
        ),
        _ => false,
    }
}

/// Month names (lower case) in the languages we meet most, with their number.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // Spanish, Portuguese, Italian
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Swedish, Danish, Norwegian (beyond the German and English spellings)
    ("maj", 5),
    ("augusti", 8),
    ("marts", 3),
    ("desember", 12),
    // Indonesian, Malay
    ("maret", 3),
    ("agustus", 8),
    ("ogos", 8),
    ("disember", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // … as capitals lower-case them ("KASIM") and as typed without the
    // Turkish letters.
    ("subat", 2),
    ("mayis", 5),
    ("agustos", 8),
    ("eylul", 9),
    ("kasim", 11),
    ("aralik", 12),
    // Polish (genitive)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Czech (genitive)
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Ukrainian (genitive)
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Russian (genitive, as dates are written)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Hungarian (after a year: "2024. június 28.")
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Finnish (partitive, as dates are written)
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    // Slovak, Slovenian (genitive)
    ("januára", 1),
    ("februára", 2),
    ("apríla", 4),
    ("mája", 5),
    ("júna", 6),
    ("júla", 7),
    ("augusta", 8),
    ("septembra", 9),
    ("októbra", 10),
    ("novembra", 11),
    ("decembra", 12),
    ("januarja", 1),
    ("februarja", 2),
    ("marec", 3),
    ("aprila", 4),
    ("junija", 6),
    ("julija", 7),
    ("avgusta", 8),
    ("oktobra", 10),
    // Croatian (genitive; not "listopada", October here but November in Polish)
    ("siječnja", 1),
    ("veljače", 2),
    ("ožujka", 3),
    ("travnja", 4),
    ("svibnja", 5),
    ("lipnja", 6),
    ("srpnja", 7),
    ("kolovoza", 8),
    ("rujna", 9),
    ("studenoga", 11),
    ("studenog", 11),
    ("prosinca", 12),
    // Serbian (Latin and Cyrillic), Bulgarian
    ("avgust", 8),
    ("septembar", 9),
    ("oktobar", 10),
    ("novembar", 11),
    ("decembar", 12),
    ("јануар", 1),
    ("фебруар", 2),
    ("март", 3),
    ("април", 4),
    ("мај", 5),
    ("јун", 6),
    ("јул", 7),
    ("август", 8),
    ("септембар", 9),
    ("октобар", 10),
    ("новембар", 11),
    ("децембар", 12),
    ("януари", 1),
    ("февруари", 2),
    ("май", 5),
    ("юни", 6),
    ("юли", 7),
    ("септември", 9),
    ("октомври", 10),
    ("ноември", 11),
    ("декември", 12),
    // Catalan
    ("gener", 1),
    ("febrer", 2),
    ("març", 3),
    ("maig", 5),
    ("juny", 6),
    ("juliol", 7),
    ("agost", 8),
    ("setembre", 9),
    ("desembre", 12),
    // Lithuanian (genitive, after a year: "2024 m. birželio 28 d.")
    ("sausio", 1),
    ("vasario", 2),
    ("kovo", 3),
    ("balandžio", 4),
    ("gegužės", 5),
    ("birželio", 6),
    ("liepos", 7),
    ("rugpjūčio", 8),
    ("rugsėjo", 9),
    ("spalio", 10),
    ("lapkričio", 11),
    ("gruodžio", 12),
    // Greek (genitive, with and without accents, as capitals drop them)
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    ("ιανουαριου", 1),
    ("φεβρουαριου", 2),
    ("μαρτιου", 3),
    ("απριλιου", 4),
    ("μαιου", 5),
    ("ιουνιου", 6),
    ("ιουλιου", 7),
    ("αυγουστου", 8),
    ("σεπτεμβριου", 9),
    ("οκτωβριου", 10),
    ("νοεμβριου", 11),
    ("δεκεμβριου", 12),
    // Arabic (Egyptian and Gulf names, and the Levant's)
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    // Hebrew (and with the prefix "ב", "in", as dates are written: "28 ביוני 2024")
    ("ינואר", 1),
    ("פברואר", 2),
    ("מרץ", 3),
    ("מרס", 3),
    ("אפריל", 4),
    ("מאי", 5),
    ("יוני", 6),
    ("יולי", 7),
    ("אוגוסט", 8),
    ("ספטמבר", 9),
    ("אוקטובר", 10),
    ("נובמבר", 11),
    ("דצמבר", 12),
    ("בינואר", 1),
    ("בפברואר", 2),
    ("במרץ", 3),
    ("במרס", 3),
    ("באפריל", 4),
    ("במאי", 5),
    ("ביוני", 6),
    ("ביולי", 7),
    ("באוגוסט", 8),
    ("בספטמבר", 9),
    ("באוקטובר", 10),
    ("בנובמבר", 11),
    ("בדצמבר", 12),
];

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    // Longest first, so "june" wins over "jun".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

/// `word` is a month's name or its abbreviation ("Dec", "December.").
pub(crate) fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// The date shapes we read, each turned into (year, month, day) by `parts`.
struct Shape {
    re: Regex,
    parts: fn(&regex::Captures) -> Option<(i32, u32, u32)>,
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
        },
        // 28 June 2024 · 28. Juni 2024 · 28 de junio de 2024 · 28 d'abril de
        // 2024 · 28 июня 2024
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+|d['’]|of\s+)?({months})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)"
            ))
            .expect("valid regex"),
            parts: |c| Some((num(c, 3)?, month_number(&c[2])?, num(c, 1)?)),
        },
        // 2024. június 28. · 2024 m. birželio 28 d.
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)((?:19|20)\d\d)(?:\.|\s*m\.)\s*({months})\s+(\d{{1,2}})"
            ))
            .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, month_number(&c[2])?, num(c, 3)?)),
        },
        // 28 tháng 6, 2024 · ngày 28 tháng 6 năm 2024
        Shape {
            re: Regex::new(r"(?i)(?-u:\b)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,\s*|\s+năm\s+)((?:19|20)\d\d)")
                .expect("valid regex"),
            parts: |c| Some((num(c, 3)?, num(c, 2)?, num(c, 1)?)),
        },
        // 2024-06-28 · 2024/06/28 · 2024. 06. 28.
        Shape {
            re: Regex::new(r"(?-u:\b)((?:19|20)\d\d)(?:-|/|\.\s?)(\d{1,2})(?:-|/|\.\s?)(\d{1,2})")
                .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, num(c, 2)?, num(c, 3)?)),
        },
        // 2024년 6월 28일 · 2024年6月28日
        Shape {
            re: Regex::new(r"((?:19|20)\d\d)\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]?")
                .expect("valid regex"),
            parts: |c| Some((num(c, 1)?, num(c, 2)?, num(c, 3)?)),
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
        },
    ]
});

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s,.|·•-]*(?:at\s+)?(\d{1,2})(?::|時\s*)(\d{2})分?(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(\(?[A-Z]{1,4}\)?)?",
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
            let other_day = (c.get(2).is_some_and(|sep| sep.as_str() == "/")
                && c.len() == 5
                && m != d
                && d <= 12)
                .then(|| NaiveDate::from_ymd_opt(y, d, m))
                .flatten();
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
        return plain;
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
    let zone = c.get(5).map(|z| z.as_str().trim_matches(['(', ')']));
    if let Some(minutes) = zone.and_then(crate::dates::zone_offset_minutes) {
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

/// Every date in `text`, in order: each is the first date of the text
/// after the previous one's start.
pub(crate) fn all_dates(text: &str, latest_year: i32) -> impl Iterator<Item = VisibleDate> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let (pos, d) = first_date(&text[from..], latest_year)?;
        from += pos + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        Some(d)
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
    fn languages_that_write_the_month_first() {
        for month_first in ["", "en", "en-US", "EN_us", "en-PH", "en-Latn-US"] {
            assert!(writes_month_first(month_first), "{month_first}");
        }
        for day_first in [
            "en-GB",
            "en-AU",
            "en-IN",
            "fr",
            "de-DE",
            "vi",
            "pt-BR",
            "es-419",
            "zh-Hant-TW",
        ] {
            assert!(!writes_month_first(day_first), "{day_first}");
        }
    }

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
        // One reading only: a day above 12, the same number twice, dots
        // (always day first), other shapes.
        for text in [
            "05/26/2024",
            "26/05/2024",
            "06/06/2024",
            "05.06.2024",
            "2024/05/06",
            "May 6, 2024",
        ] {
            let (_, d) = first_date(text, 2030).expect(text);
            assert_eq!(d.other_day, None, "{text}");
            assert_eq!(d.clone().day_first().day, d.day, "{text}");
        }
    }

    fn day(s: &str) -> Option<String> {
        first_date(s, 2030).map(|(_, d)| d.normalised)
    }

    #[test]
    fn shapes_and_languages() {
        let cases = [
            (
                "Posted on : 2024-06-28 17:18 KST Modified",
                "2024-06-28T17:18:00+09:00",
            ),
            ("Updated on July 9, 2025", "2025-07-09"),
            ("Dec 12, 2025We’ve grown", "2025-12-12"),
            ("Published 3rd March 2024", "2024-03-03"),
            ("Veröffentlicht am 28. Juni 2024", "2024-06-28"),
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
