//! What the page shows a reader around its headline: the date, and the
//! bylines ("By …" under the headline, labelled author boxes anywhere).
//! How dates are written is [`crate::written_dates`]'s.
//!
//! Metadata dates are often not the date a page shows: a CMS stamps
//! `article:published_time` when the draft was created, or a site keeps the
//! original date in JSON-LD while the page says "Updated July 9, 2025". The
//! date printed in the article header is what readers (and the evaluation
//! corpora) take as the article's date, so we look for it in the visible text
//! around the headline: the first date after the headline start, else the
//! nearest one before it.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;

use crate::written_dates::{
    all_dates, dates_at, first_date, floor_char_boundary, VisibleDate, DATE_LABEL,
};

/// Marks where the headline element starts in the visible text (a
/// private-use character no page shows).
pub const HEADLINE_MARK: char = '\u{E000}';

/// `text` without the marks [`shown_date`] leaves in the document.
pub fn unmark(text: &str) -> String {
    // Both marks are EE 80 80 / EE 80 81 in UTF-8, and EE leads only
    // private-use characters: a byte search finds them without decoding
    // every character (`str::replace` with a char set did, ~1 % of the
    // extraction on whole pages).
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut kept_from = 0;
    for i in memchr::memchr_iter(0xEE, bytes) {
        if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x80 | 0x81)) {
            out.push_str(&text[kept_from..i]);
            kept_from = i + 3;
        }
    }
    out.push_str(&text[kept_from..]);
    out
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
    let window = &text[at..end];
    // A date inside the article's prose ("hit its 1.0 release on 30
    // October 2025") is no dateline: the date shown just before the
    // headline, if any, is taken first.
    let mut in_prose = None;
    if let Some((pos, d)) = first_date(window, latest_year) {
        if !is_in_prose(window, pos) {
            let d = if d.is_update {
                created_after_update(window, pos, latest_year).unwrap_or(d)
            } else {
                d
            };
            return Some(placed("after")(d));
        }
        in_prose = Some(d);
    }
    let start = floor_char_boundary(text, at.saturating_sub(BEFORE));
    let before = &text[start..at];
    // The nearest date before the headline: the last match in the window
    // that is not labelled an update ("DECEMBER 22, 2022 Updated: JANUARY
    // 02, 2026"), else the last.
    let (mut last, mut last_original) = (None, None);
    for d in all_dates(before, latest_year) {
        if !d.is_update {
            last_original = Some(d.clone());
        }
        last = Some(d);
    }
    last_original
        .or(last)
        .map(placed("before"))
        .or_else(|| in_prose.map(placed("after")))
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

/// Longest line that is not prose: a byline, a dateline, a standfirst.
const PROSE_LINE: usize = 200;

/// The date at `pos` of `text` stands inside a paragraph of prose: a long
/// line, well after its start (a wire dateline opens its paragraph:
/// "WASHINGTON, Dec 12 (Reuters) -").
fn is_in_prose(text: &str, pos: usize) -> bool {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    end - start > PROSE_LINE && pos - start > PROSE_LINE / 4
}

/// Bytes from an update's date within which a creation date written after
/// it is read ("Aktualisiert am 13.03.2020 | Erstellt am 12.03.2020").
const CREATED_WITHIN: usize = 120;

/// Words that say a date is the first publication ("Published", "Erstellt
/// am", "Publié le", "입력"), read in the few bytes before a date.
static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:published|posted|created|first (?:published|posted)|erstellt|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd|opublikowano|опубликовано|yayınlan\w*|diterbitkan|đăng|입력|公開|发布|發布)\W{0,12}(?:(?:am|on|le|el|il|em|op|w|dnia)\s+)?$",
    )
    .expect("valid regex")
});

/// The date labelled a publication within [`CREATED_WITHIN`] after an
/// update's date (at `pos` of `text`): the creation date that German and
/// other sites print after the update. An unlabelled date there is the
/// article's text ("Updated March 13. The council met on March 2 …").
fn created_after_update(text: &str, pos: usize, latest_year: i32) -> Option<VisibleDate> {
    let end = floor_char_boundary(text, pos + CREATED_WITHIN);
    dates_at(&text[pos..end], latest_year)
        .skip(1)
        .find(|(at, d)| {
            let at = pos + at;
            let label = &text[floor_char_boundary(text, at.saturating_sub(40))..at];
            !d.is_update && PUBLISHED_LABEL.is_match(label)
        })
        .map(|(_, d)| d)
}

/// Elements whose class, id or itemprop says they hold a date.
const DATE_ELEMENTS: &str = "time, [class*=date], [class*=Date], [id*=date], [class*=publish], [class*=Publish], [class*=posted], [class*=time], [class*=meta], [class*=byline], [itemprop*=date]";

/// Removes what a reader never sees as text — scripts, styles, templates,
/// SVG, frames — from `doc`'s body, and posts of social networks embedded
/// in the article (their embed codes' `<blockquote>`s).
pub fn strip_unseen(doc: &Document) {
    crate::text::body(doc)
        .select("script, style, noscript, template, svg, iframe")
        .remove();
    // A walk for `<blockquote>`s: the same as a selector list of the nine
    // classes, which cost ~2 % of the extraction matched against every
    // element.
    let Some(body) = doc.body() else { return };
    let embeds: Vec<_> = body
        .descendants_it()
        .filter(|n| {
            n.has_name("blockquote")
                && n.class().is_some_and(|class| {
                    class.split_ascii_whitespace().any(|c| EMBEDS.contains(&c))
                })
        })
        .collect();
    for embed in embeds {
        embed.remove_from_parent();
    }
}

/// Classes of the `<blockquote>`s that embed posts of social networks in
/// an article, as their embed codes write them before their script turns
/// them into frames: another person's words, with a name, a handle and a
/// date that are not the article's byline or date. Development corpus: the
/// text of none of the 27 such posts is in the truth.
const EMBEDS: [&str; 9] = [
    "twitter-tweet",
    "twitter-video",
    "instagram-media",
    "tiktok-embed",
    "bluesky-embed",
    "text-post-media",
    "reddit-embed-bq",
    "reddit-card",
    "fb-xfbml-parse-ignore",
];

/// Each `<br>` inside a `<pre>` made a line break in the text: Readability
/// reads preformatted text as it is written and drops the `<br>`s that
/// some sites break their code with ("python3import subprocessimport").
pub fn break_preformatted(doc: &Document) {
    // `pre br` without a selector matched against every element of the page.
    let breaks: Vec<_> = doc
        .root()
        .descendants_it()
        .filter(|n| n.has_name("br") && n.ancestors_it(None).any(|a| a.has_name("pre")))
        .collect();
    for br in breaks {
        let newline = doc.tree.new_text("\n");
        br.replace_with(&newline);
    }
}

/// The date shown near the headline of `doc` (see [`near_headline`]).
/// `doc` is read as [`strip_unseen`] leaves it, and marked up. Date-like
/// elements are only marked when the text near the headline has no date,
/// because marking costs a fragment parse per element.
pub fn shown_date(doc: &Document, headline: &str, latest_year: i32) -> Shown {
    let body = crate::text::body(doc);
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
    // A notice in a box of its own may never reach the body's text: the
    // page's lines after the headline's start (it follows the teaser) are
    // read for it.
    let after_headline = lines
        .find(HEADLINE_MARK)
        .map_or(&lines[..], |at| &lines[at..]);
    let paywall = after_headline
        .lines()
        .any(|line| crate::body::is_paywall_notice(line.trim()));
    // Lines kept: a date inside a paragraph of prose is told apart.
    let text = crate::text::collapse_lines(&lines);
    let text = crate::text::ascii_digits(&text);
    let update = update_after_headline(&text, latest_year);
    let found = near_headline(&text, latest_year);
    if found.is_some() {
        return Shown {
            date: found,
            update,
            bylines,
            labelled_bylines,
            paywall,
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
        .then(|| near_headline(&crate::text::ascii_digits(&reader_text(&body)), latest_year))
        .flatten();
    Shown {
        date,
        update,
        bylines,
        labelled_bylines,
        paywall,
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
    /// A line of the page after the headline is a paywall's notice ("This
    /// article is exclusive to subscribers").
    pub paywall: bool,
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
    crate::text::collapse_whitespace(&reader_lines(body))
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
        // A text node's contents are borrowed, not copied out first.
        let was_text = node.query_or(false, |n| match &n.data {
            dom_query::NodeData::Text { contents } => {
                raw.push_str(contents);
                true
            }
            _ => false,
        });
        if was_text {
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
/// "Przez", "Di", "Oleh", "Autor:", "Auteur :", "Автор:", "Yazar:", "作者：",
/// "記者", "文/", and in scripts without capitals "بقلم", "كتب", "به قلم",
/// "نویسنده", "מאת", "โดย", "लेखक" followed by a space or a colon);
/// not "Reviewed by",
/// "Photo by" and the like, which name someone else. Only names that read
/// as a person's are kept ([`crate::authors::split_visible`]), so "Par for
/// the course" names nobody.
static BYLINE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:(?:(?:written|posted|article|story|words|text)\s+)?by\b\s*:?|authors?(?:\(s\))?\b\s*:?|(?:von|par|por|{})(?:\s|[:：])|(?:autor(?:in)?|auteur|автор|yazar|{})\s*[:：]|(?:作者|筆者|记者|記者|撰文)\s*[:：/／]?|文\s*[:：/／]|(?:{})(?:\s*[:：]|\s|$))\s*", crate::authors::SPACED_LEADS, crate::authors::COLON_LEADS, crate::authors::CASELESS_LEADS))
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
    // Whole pages are read here: lines are only tidied once a label is
    // found, and the lines after a label are read from a copy of the
    // iterator (no list of the page's lines is made).
    let mut raw = lines
        .lines()
        .map(|l| {
            l.trim_matches(|c: char| c.is_whitespace() || c == HEADLINE_MARK || c == DATE_MARK)
        })
        .filter(|l| !l.is_empty());
    let tidy = |l: &str| crate::text::collapse_whitespace(&unmark(l));
    let mut out = Vec::new();
    while let Some(raw_line) = raw.next() {
        // Every label starts with one of these letters (in any case; "ſ"
        // is an "s" to the regex's case folding): most lines are passed
        // over without a regex search.
        let may_lead = raw_line
            .chars()
            .next()
            .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'w' | 'a' | 's' | 'p' | 'c' | 'ſ'));
        if !may_lead || !EXPLICIT_LEAD.is_match(raw_line) {
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
            let following = raw.clone().take(6).map(tidy);
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

#[cfg(test)]
mod tests {
    use super::*;

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
            "作者：王小明",
            "文/张伟",
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
        // Before the headline, an update labelled as such yields to the
        // publication date beside it, unless it is all there is.
        let before = "Health DECEMBER 22, 2022 Updated: JANUARY 02, 2026 Harbor plan approved";
        let d = near_headline(&before.replace("Harbor", "\u{E000}Harbor"), 2030).unwrap();
        assert_eq!((d.normalised.as_str(), d.is_update), ("2022-12-22", false));
        let before = "Health Updated: JANUARY 02, 2026 Harbor plan approved";
        let d = near_headline(&before.replace("Harbor", "\u{E000}Harbor"), 2030).unwrap();
        assert_eq!((d.normalised.as_str(), d.is_update), ("2026-01-02", true));
    }

    /// A date inside the first paragraph's prose gives way to the date
    /// shown just before the headline; without one it is still read, and a
    /// date opening a long paragraph (a wire dateline) is no prose.
    #[test]
    fn a_date_in_prose_gives_way_to_the_one_over_the_headline() {
        let prose = "Espressif's vendor-backed Rust SDK for embedded software development finally hit its stable release on 30 October 2025, which effectively settles the long debate over whether Rust is ready for production work.";
        let page = |over: &str, first: &str| {
            let text =
                format!("Back to blog\n{over}\n\u{E000}Why Rust for Embedded Systems?\n{first}\n");
            near_headline(&text, 2030).map(|d| (d.normalised, d.place))
        };
        assert_eq!(
            page("Dec 12, 2025", prose),
            Some(("2025-12-12".into(), "before"))
        );
        assert_eq!(
            page("4 min read", prose),
            Some(("2025-10-30".into(), "after"))
        );
        let dateline = format!("SHANGHAI, Dec 11, 2025 (Reuters) - {prose}");
        assert_eq!(
            page("Dec 12, 2025", &dateline),
            Some(("2025-12-11".into(), "after"))
        );
    }

    #[test]
    fn a_publication_date_labelled_after_the_update_is_the_date() {
        let date = |line: &str| {
            let text = format!("\u{E000}Harbor plan approved {line} The council voted.");
            near_headline(&text, 2030).map(|d| (d.normalised, d.is_update))
        };
        for line in [
            "Aktualisiert am 13.03.2020 | Erstellt am 12.03.2020",
            "Updated: March 13, 2020 | Published: March 12, 2020",
            "Mis à jour le 13 mars 2020, publié le 12 mars 2020",
        ] {
            assert_eq!(date(line), Some(("2020-03-12".into(), false)), "{line}");
        }
        // A date of the article's text after the update is no publication.
        assert_eq!(
            date("Updated March 13, 2020. The council met on March 2, 2020."),
            Some(("2020-03-13".into(), true))
        );
        // Other dates between the update and the publication are passed.
        assert_eq!(
            date("Обновлено 13 марта 2020 · 14 марта 2020 · Опубликовано 12 марта 2020"),
            Some(("2020-03-12".into(), false))
        );
    }

    #[test]
    fn unmark_drops_both_marks_and_nothing_else() {
        let marked =
            format!("{HEADLINE_MARK}Schlagzeile \u{E002}28. Juni{DATE_MARK} 기자{HEADLINE_MARK}");
        assert_eq!(unmark(&marked), "Schlagzeile \u{E002}28. Juni 기자");
        assert_eq!(unmark("no marks, 한국어"), "no marks, 한국어");
        assert_eq!(unmark(""), "");
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
