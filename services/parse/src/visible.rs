//! Dates as the page shows them to a reader, next to the headline.
//!
//! Metadata dates are often not the date a page shows: a CMS stamps
//! `article:published_time` when the draft was created, or a site keeps the
//! original date in JSON-LD while the page says "Updated July 9, 2025". The
//! date printed in the article header is what readers (and the evaluation
//! corpora) take as the article's date, so we look for it in the visible text
//! around the headline: the first date after the headline start, else the
//! nearest one before it.

use std::sync::LazyLock;

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone};
use dom_query::Document;
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
}

/// Marks where the headline element starts in the visible text (a
/// private-use character no page shows).
pub const HEADLINE_MARK: char = '\u{E000}';

/// `text` without the marks [`shown_date`] leaves in the document.
pub fn unmark(text: &str) -> String {
    text.replace([HEADLINE_MARK, DATE_MARK], "")
}

/// Marks where a date-like element starts in the visible text.
pub const DATE_MARK: char = '\u{E001}';

/// Longest text of a date-like element read for a date.
const ELEMENT: usize = 160;

/// Date-like elements marked per page (a guard against pathological pages).
const MAX_DATE_ELEMENTS: usize = 400;

/// Characters of text searched after the headline starts.
const AFTER: usize = 900;
/// Characters of text searched before the headline.
const BEFORE: usize = 300;

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
        // 28 June 2024 · 28. Juni 2024 · 28 de junio de 2024 · 28 июня 2024
        Shape {
            re: Regex::new(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?({months})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)"
            ))
            .expect("valid regex"),
            parts: |c| Some((num(c, 3)?, month_number(&c[2])?, num(c, 1)?)),
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
        r"(?i)^[\s,|·•-]*(?:at\s+)?(\d{1,2})(?::|時\s*)(\d{2})分?(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(\(?[A-Z]{1,4}\)?)?",
    )
    .expect("valid regex")
});

/// Words that introduce a date ("Posted on", "Last updated:").
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
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

/// The date shown near the headline in `text` (the reader's text, with
/// [`HEADLINE_MARK`] and any [`DATE_MARK`]s):
/// the first date just after the headline starts, else the nearest just
/// before it; failing those, the first date in a date-like element after the
/// headline, else the last one before it. Without a headline mark, the first
/// date at the text's start, else the first date-like element's.
pub fn near_headline(text: &str, latest_year: i32) -> Option<VisibleDate> {
    let placed = |place: &'static str| move |d: VisibleDate| VisibleDate { place, ..d };
    let dated = |pos: usize| {
        let end = floor_char_boundary(text, pos + ELEMENT);
        first_date(&text[pos..end], latest_year).map(|(_, d)| d)
    };
    let mut marks: Vec<usize> = text.match_indices(DATE_MARK).map(|(i, _)| i).collect();
    marks.extend(DATE_LABEL.find_iter(text).map(|m| m.end()));
    marks.sort_unstable();
    let Some(at) = text.find(HEADLINE_MARK) else {
        let end = floor_char_boundary(text, AFTER);
        return first_date(&text[..end], latest_year)
            .map(|(_, d)| d)
            .or_else(|| marks.iter().find_map(|&m| dated(m)))
            .map(placed("top"));
    };
    let end = floor_char_boundary(text, at + AFTER);
    if let Some((_, d)) = first_date(&text[at..end], latest_year) {
        return Some(placed("after")(d));
    }
    let start = floor_char_boundary(text, at.saturating_sub(BEFORE));
    let before = &text[start..at];
    // The nearest date before the headline: the last match in the window.
    all_dates(before, latest_year)
        .last()
        .map(placed("before"))
        .or_else(|| {
            let later = marks.iter().filter(|&&m| m > at);
            later
                .clone()
                .find_map(|&m| dated(m))
                .map(placed("element-after"))
        })
        .or_else(|| {
            let earlier = marks.iter().rev().filter(|&&m| m < at);
            earlier
                .clone()
                .find_map(|&m| dated(m))
                .map(placed("element-before"))
        })
}

/// Elements whose class, id or itemprop says they hold a date.
const DATE_ELEMENTS: &str = "time, [class*=date], [class*=Date], [id*=date], [class*=publish], [class*=Publish], [class*=posted], [class*=time], [class*=meta], [class*=byline], [itemprop*=date]";

/// Removes what a reader never sees as text — scripts, styles, templates,
/// SVG, frames — from `doc`'s body.
pub fn strip_unseen(doc: &Document) {
    doc.select("body")
        .select("script, style, noscript, template, svg, iframe")
        .remove();
}

/// Each `<br>` inside a `<pre>` made a line break in the text: Readability
/// reads preformatted text as it is written and drops the `<br>`s that
/// some sites break their code with ("python3import subprocessimport").
pub fn break_preformatted(doc: &Document) {
    for br in doc.select("pre br").nodes() {
        let newline = doc.tree.new_text("\n");
        br.replace_with(&newline);
    }
}

/// The date shown near the headline of `doc` (see [`near_headline`]).
/// Removes scripts and styles from `doc` and marks it up. Date-like
/// elements are only marked when the text near the headline has no date,
/// because marking costs a fragment parse per element.
pub fn shown_date(doc: &Document, headline: &str, latest_year: i32) -> Shown {
    strip_unseen(doc);
    let body = doc.select("body");
    let probe: String = headline.chars().take(30).collect();
    let h1s = body.select("h1");
    let h1 = h1s
        .iter()
        .find(|h| !probe.is_empty() && h.text().contains(probe.trim()))
        .or_else(|| h1s.iter().next())
        // Pages without an <h1> set their headline in the first <h2>.
        .or_else(|| body.select("h2").iter().next());
    if let Some(h1) = h1 {
        h1.prepend_html(HEADLINE_MARK.to_string());
    }
    let lines = reader_lines(&body);
    let bylines = bylines_near_headline(&lines, headline, latest_year);
    let labelled_bylines = labelled_bylines(&lines);
    let text = crate::text::collapse_whitespace(&lines);
    let update = update_after_headline(&text, latest_year);
    let found = near_headline(&text, latest_year);
    if found.is_some() {
        return Shown {
            date: found,
            update,
            bylines,
            labelled_bylines,
        };
    }
    let mut marked = 0;
    for el in body.select(DATE_ELEMENTS).iter() {
        if marked == MAX_DATE_ELEMENTS {
            break;
        }
        if el.text().len() <= ELEMENT {
            el.prepend_html(DATE_MARK.to_string());
            marked += 1;
        }
    }
    let date = (marked > 0)
        .then(|| near_headline(&reader_text(&body), latest_year))
        .flatten();
    Shown {
        date,
        update,
        bylines,
        labelled_bylines,
    }
}

/// What the page shows near its headline.
#[derive(Debug, Default, Clone)]
pub struct Shown {
    /// The date shown by the headline (see [`near_headline`]).
    pub date: Option<VisibleDate>,
    /// The first date after the headline that the page labels an update
    /// ("Modified on : 2024-06-28 17:18 KST").
    pub update: Option<VisibleDate>,
    /// Byline lines shown right after the headline (see
    /// [`bylines_near_headline`]).
    pub bylines: Vec<String>,
    /// Bylines anywhere on the page under an explicit label ("Written by",
    /// "Author:", "Contributors:"), as in an author box at the article's
    /// end (see [`labelled_bylines`]).
    pub labelled_bylines: Vec<String>,
}

/// The first update-labelled date in the window after the headline mark.
fn update_after_headline(text: &str, latest_year: i32) -> Option<VisibleDate> {
    let at = text.find(HEADLINE_MARK).unwrap_or(0);
    let end = floor_char_boundary(text, at + AFTER);
    all_dates(&text[at..end], latest_year)
        .find(|d| d.is_update)
        .map(|d| VisibleDate {
            place: "after",
            ..d
        })
}

/// The text a reader sees, whitespace collapsed: indentation runs to
/// hundreds of spaces, and windows count what a reader sees. Elements are
/// kept apart except inline formatting (`<h1>…Lean</h1><p>December 15,
/// 2025` reads "Lean December 15, 2025", not "LeanDecember", where no date
/// starts; `28<sup>th</sup>` stays "28th"). dom_query's `formatted_text`
/// does the same but cost 15 % of the whole parse (bench: 147 → 120–134
/// pages/s); this walk costs what `text()` does.
fn reader_text(body: &dom_query::Selection) -> String {
    reader_lines(body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of `body` with a line break wherever an element other than
/// inline formatting starts (whitespace inside lines left as it is).
fn reader_lines(body: &dom_query::Selection) -> String {
    let mut raw = String::new();
    let is_block = |node: &dom_query::NodeRef| {
        node.qual_name_ref()
            .is_some_and(|name| !INLINE.contains(&&*name.local))
    };
    // A block ends its line where it closes too ("<p>Luke Kim</p><small>
    // December 17, 2025</small>" are two lines): an explicit stack, with
    // each block's end pushed as `None` under its children.
    let mut stack: Vec<Option<dom_query::NodeRef>> =
        body.nodes().iter().rev().map(|n| Some(*n)).collect();
    while let Some(next) = stack.pop() {
        let Some(node) = next else {
            raw.push('\n');
            continue;
        };
        if node.is_text() {
            raw.push_str(&node.text());
            continue;
        }
        if is_block(&node) {
            raw.push('\n');
            stack.push(None);
        }
        stack.extend(node.children_it(true).map(Some));
    }
    raw
}

/// "By", "Written by", "Author:" at the start of a line, and their kin in
/// the languages we meet most ("Von", "Par", "Por", "Door", "Av", "Af",
/// "Przez", "Di", "Oleh", "Autor:", "Auteur :", "Автор:", "Yazar:");
/// not "Reviewed by",
/// "Photo by" and the like, which name someone else. Only names that read
/// as a person's are kept ([`crate::authors::split_visible`]), so "Par for
/// the course" names nobody.
static BYLINE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:(?:written|posted|article|story|words|text)\s+)?by\b\s*:?|authors?(?:\(s\))?\b\s*:?|(?:von|par|por|door|av|af|przez|di|oleh)\s|(?:autor(?:in)?|auteur|автор|yazar)\s*[:：])\s*")
        .expect("valid regex")
});

/// Lines a reader sees around the headline that start with a byline lead
/// ("By Nicole Burke", "Written by" or "Author" with the name on the next
/// line), at most a few: those after the headline first, nearest first,
/// then those just before it. `lines` is `reader_lines`'s text with the
/// [`HEADLINE_MARK`].
pub fn bylines_near_headline(lines: &str, headline: &str, latest_year: i32) -> Vec<String> {
    let Some(at) = lines.find(HEADLINE_MARK) else {
        return Vec::new();
    };
    let clean = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| crate::text::collapse_whitespace(&unmark(l)))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let end = floor_char_boundary(lines, at + AFTER);
    let start = floor_char_boundary(lines, at.saturating_sub(BEFORE));
    let (after, before) = (clean(&lines[at..end]), clean(&lines[start..at]));
    let mut out = led_lines(&after);
    let mut led_before = led_lines(&before);
    led_before.reverse();
    out.extend(led_before);
    if out.is_empty() {
        // No lead: a line that is only a name, next to a line with a date
        // ("Dec 17, 2025 / Julian K. Arni", "Aaron Ricadela / Senior Writer
        // / July 2, 2025"), within a few lines of the headline.
        let date_line = |l: &str| l.len() < 60 && first_date(l, latest_year).is_some();
        let dated = |l: Option<&String>| l.is_some_and(|l| date_line(l));
        let headline = headline.to_lowercase();
        let name_line = |l: &str| {
            NAME_LINE.is_match(l) && is_listed_name(l) && !headline.contains(&l.to_lowercase())
        };
        let take = after.len().min(6);
        for (i, line) in after[..take].iter().enumerate().skip(1) {
            if name_line(line)
                && (dated(after.get(i - 1)) || dated(after.get(i + 1)) || dated(after.get(i + 2)))
            {
                out.push(line.clone());
            }
            // "Aaron Ricadela | Senior Writer | July 2, 2025" on one line.
            if let Some((name, rest)) = line.split_once(" | ") {
                if name_line(name) && rest.split(" | ").any(date_line) {
                    out.push(name.to_string());
                }
            }
        }
        let skip = before.len().saturating_sub(3);
        for (i, line) in before.iter().enumerate().skip(skip) {
            if name_line(line)
                && (dated(i.checked_sub(1).and_then(|j| before.get(j))) || dated(before.get(i + 1)))
            {
                out.push(line.clone());
            }
        }
    }
    out.truncate(3);
    out
}

/// "Written by", "Article by", "Author(s)", "Contributors:" — leads that
/// name the author wherever they stand; a bare "By" is too common in other
/// senses to trust away from the headline.
static EXPLICIT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:written|article|story|post)\s+by\b\s*:?|(?:authors?|authored by|contributors?)(?:\(s\))?\s*:?)\s*")
        .expect("valid regex")
});

/// Bylines under an explicit label anywhere in `lines` (the name on the
/// label's line or, when the label stands alone, on the next line), at
/// most three. Only names that look like a person's, or a team's, are
/// taken: an author box's label is followed by a name, a navigation
/// link's ("Authors") by anything.
pub fn labelled_bylines(lines: &str) -> Vec<String> {
    // Whole pages are read here: lines are only tidied once a label is found.
    let raw: Vec<&str> = lines
        .lines()
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == HEADLINE_MARK || c == DATE_MARK)
        })
        .filter(|l| !l.is_empty())
        .collect();
    let tidy = |l: &str| crate::text::collapse_whitespace(&unmark(l));
    let mut out = Vec::new();
    for (i, raw_line) in raw.iter().enumerate() {
        if !EXPLICIT_LEAD.is_match(raw_line) {
            continue;
        }
        let line = tidy(raw_line);
        let Some(lead) = EXPLICIT_LEAD.find(&line) else {
            continue;
        };
        let name = if lead.end() < line.len() {
            line[lead.end()..].to_string()
        } else {
            // A label standing alone heads the name, or a list of names one
            // per line ("Author(s)" over three list items).
            let following = raw[i + 1..].iter().take(6).map(|l| tidy(l));
            let names: Vec<String> = following
                .enumerate()
                .take_while(|(j, l)| *j == 0 || is_listed_name(l))
                .map(|(_, l)| l)
                .collect();
            if names.is_empty() {
                continue;
            }
            names.join("; ")
        };
        let first = name
            .split([',', ';', '|'])
            .next()
            .unwrap_or_default()
            .trim();
        let first = first.split(" and ").next().unwrap_or_default().trim();
        let signs =
            crate::authors::looks_like_person(first) || crate::authors::looks_like_team(first);
        if signs && !out.contains(&name) {
            out.push(name);
            if out.len() == 3 {
                break;
            }
        }
    }
    out
}

/// A line of a list of authors: a person's name, not a heading.
fn is_listed_name(line: &str) -> bool {
    crate::authors::looks_like_person(line)
        && !line
            .split_whitespace()
            .any(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
}

/// Words of title-case headings and page furniture that are no one's name.
const NOT_NAMES: &[&str] = &[
    "a", "all", "an", "and", "article", "best", "blog", "by", "contents", "for", "guide", "home",
    "how", "in", "insights", "latest", "menu", "more", "news", "of", "on", "our", "posts", "read",
    "related", "share", "the", "this", "to", "top", "what", "why", "with", "your",
];

/// A line that is nothing but a name: two to four capitalised words.
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|de|der|da|von|bin|la)){1,3}$")
        .expect("valid regex")
});

/// The lines of `near` that start with a byline lead, each with its name
/// (the rest of the line, or the next line when the lead stands alone).
fn led_lines(near: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, line) in near.iter().enumerate() {
        let Some(lead) = BYLINE_LEAD.find(line) else {
            continue;
        };
        if lead.end() < line.len() {
            out.push(line.clone());
        } else if let Some(next) = near.get(i + 1) {
            out.push(format!("By {next}"));
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Elements that format text inside a line rather than separate it.
const INLINE: &[&str] = &[
    "b", "strong", "i", "em", "u", "s", "sup", "sub", "small", "mark", "abbr", "font", "q", "code",
    "kbd", "var", "cite", "dfn", "bdi", "bdo", "wbr",
];

/// Every date in `text`, in order: each is the first date of the text
/// after the previous one's start.
fn all_dates(text: &str, latest_year: i32) -> impl Iterator<Item = VisibleDate> + '_ {
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
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
        ];
        for (text, want) in cases {
            assert_eq!(day(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "ISBN 2024-13-45",
            "call 2024 now",
            "20251-06-01",
            "June 2099 2099",
        ] {
            assert_eq!(day(text), None, "{text}");
        }
    }

    #[test]
    fn a_date_in_the_next_block_is_read_apart_from_the_headline() {
        // The headline's last word and the date touch in the markup.
        let html = "<body><nav>Blog</nav><div><h1>Understanding Lean</h1><p>December 15, 2025</p></div><p>When I started, I was to study physics.</p></body>";
        let doc = Document::from(html);
        let shown = shown_date(&doc, "Understanding Lean", 2030);
        let date = shown.date.expect("a date");
        assert_eq!(
            (date.normalised.as_str(), date.place),
            ("2025-12-15", "after")
        );
    }

    #[test]
    fn a_headline_in_an_h2_and_a_date_after_a_closed_block() {
        // No <h1>: the headline is the first <h2>. The date follows a
        // closed paragraph in an inline element: a line of its own, not
        // "Luke KimDecember 17, 2025".
        let nav =
            "<nav>".to_string() + &"<a href=/x>Products and pricing</a> ".repeat(40) + "</nav>";
        let html = format!("<body>{nav}<h2>Introducing Cayenne</h2><div><p>Luke Kim</p><small>December 17, 2025</small></div><p>Cayenne is the next accelerator.</p></body>");
        let doc = Document::from(html);
        let date = shown_date(&doc, "Introducing Cayenne", 2030)
            .date
            .expect("a date");
        assert_eq!(
            (date.normalised.as_str(), date.place),
            ("2025-12-17", "after")
        );
    }

    #[test]
    fn bylines_are_read_from_the_lines_around_the_headline() {
        let h = HEADLINE_MARK;
        let near = |lines: &str| bylines_near_headline(lines, "Harbor plan approved", 2030);
        // A lead and the name on one line, or the name on the next line.
        assert_eq!(
            near(&format!(
                "Menu\n{h}Harbor plan approved\nBy Nicole Burke\nThe council"
            )),
            ["By Nicole Burke"]
        );
        assert_eq!(
            near(&format!(
                "{h}Harbor plan approved\nWritten by\nMoses Kim and Kate Shokurova\n"
            )),
            ["By Moses Kim and Kate Shokurova"]
        );
        assert_eq!(
            near(&format!("{h}Harbor plan approved\nAuthor\nLisa D. Ellis\n")),
            ["By Lisa D. Ellis"]
        );
        // Just before the headline.
        assert_eq!(
            near(&format!(
                "Published August 7, 2023\nby Nicole Burke\n{h}Harbor plan approved\nText"
            )),
            ["by Nicole Burke"]
        );
        // Leads in other languages.
        for line in [
            "Von Max Mustermann",
            "Par Jean Dupont",
            "Por María García",
            "Door Jan de Vries",
            "Av Lars Larsen",
            "Przez Jan Kowalski",
            "Di Mario Rossi",
            "Autor: Jan Novák",
            "Auteur : Jean Dupont",
            "Автор: Иван Петров",
            "Oleh Budi Santoso",
            "Yazar: Ahmet Yılmaz",
        ] {
            assert_eq!(
                near(&format!("{h}Harbor plan approved\n{line}\nThe council")),
                [line],
                "{line}"
            );
        }
        // Someone else's credit is no byline.
        assert!(near(&format!(
            "{h}Harbor plan approved\nPhoto by Ann Lee\nReviewed by Bo Kim\n"
        ))
        .is_empty());
        // No lead: a name line next to a date, but not a heading or the headline.
        assert_eq!(
            near(&format!(
                "{h}Harbor plan approved\nAaron Ricadela\nSenior Writer\nJuly 2, 2025\n"
            )),
            ["Aaron Ricadela"]
        );
        // ... or on one line, between separators.
        assert_eq!(
            near(&format!(
                "{h}Harbor plan approved\nAaron Ricadela | Senior Writer | July 2, 2025\n"
            )),
            ["Aaron Ricadela"]
        );
        assert!(near(&format!(
            "{h}Harbor plan approved\nIn This Article\nJuly 2, 2025\n"
        ))
        .is_empty());
        assert!(near(&format!(
            "{h}Harbor plan approved\nHarbor Plan\nJuly 2, 2025\n"
        ))
        .is_empty());
        assert!(near(&format!(
            "{h}Harbor plan approved\nAaron Ricadela\nThe council voted\n"
        ))
        .is_empty());
    }

    #[test]
    fn the_date_after_the_headline_wins() {
        let text = "Today is Nov 28, 2026 Menu Harbor plan approved By Kim August 16, 2019 - Updated July 9, 2025 The council";
        let d = near_headline(&text.replace("Harbor", "\u{E000}Harbor"), 2030).unwrap();
        assert_eq!(d.normalised, "2019-08-16");
        let before = "Dec 1, 2024 News 3 March 2025 Harbor plan approved The council voted";
        let d = near_headline(&before.replace("Harbor", "\u{E000}Harbor"), 2030).unwrap();
        assert_eq!(d.normalised, "2025-03-03");
    }

    #[test]
    fn labelled_bylines_are_found_anywhere_and_only_for_names() {
        let found = |lines: &str| labelled_bylines(lines);
        assert_eq!(
            found("Story text\nmore text\nWritten by John Crenshaw\nShare"),
            ["John Crenshaw"]
        );
        assert_eq!(
            found("Article by\nMatias Heikkilä\nContact"),
            ["Matias Heikkilä"]
        );
        assert_eq!(
            found("Author(s)\nJohn A. Alic\nDavid C. Mowery\nRelated Program\nEnergy"),
            ["John A. Alic; David C. Mowery"]
        );
        assert_eq!(
            found("WRITTEN BY\nNETGEAR Orbi Team"),
            ["NETGEAR Orbi Team"]
        );
        // A navigation link labelled "Authors" leads to no name.
        assert!(found("Authors\nSubscribe to our newsletter\nBy the way").is_empty());
        // A bare "By" away from the headline is not trusted.
        assert!(found("Photo\nBy Jane Doe").is_empty());
    }
}
