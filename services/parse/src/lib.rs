//! The parse stage (`pages` → `articles.parsed`): a fetched page becomes an
//! [`Article`]: headline, standfirst, body text and HTML, authors, dates with
//! the source's offset, canonical URL, site, section, tags, language, images.
//!
//! The body comes from `dom_smoothie` (a port of Mozilla's Readability);
//! metadata from JSON-LD, OpenGraph, meta tags and the DOM ([`meta`]); what
//! the page shows around its headline — date, byline — from its visible
//! text ([`visible`]); the headline among the headings by `title.rs`;
//! names from bylines by [`authors`]; text tidied and
//! repaired by [`text`]. Quality is measured with `../shared/eval` and
//! recorded in `docs/benchmarks.md`.

pub mod author_notes;
pub mod authors;
mod blocks;
pub mod body;
mod bylines;
pub mod dates;
pub mod guard;
pub mod images;
pub mod meta;
pub mod months;
mod prune;
pub mod sanitize;
#[cfg(feature = "service")]
mod stage;
mod teasers;
pub mod text;
mod title;
mod unscripted;
pub mod visible;
pub mod written_dates;

use dom_query::Document;
use newsflow_contracts::ids::{canonical_form, stable_id};
use newsflow_contracts::v1::{Author, DateEvidence};
use newsflow_contracts::Article;

#[cfg(feature = "service")]
pub use stage::{ParseSettings, ParseStage, ADMIN_PORT};

/// Largest page parsed by default, bytes of HTML.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Deepest element nesting parsed by default (real articles stay far below
/// 200; at 1,000 Readability already takes 0.2 s).
pub const MAX_DEPTH: usize = 1_000;

/// Share of characters that may be control or replacement characters in a
/// page's start before it is refused as binary.
const MAX_JUNK_SHARE: f64 = 0.05;

/// Per-page guards, checked before any parsing.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest page, bytes of HTML.
    pub max_html_bytes: usize,
    /// Deepest element nesting.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_html_bytes: MAX_HTML_BYTES,
            max_depth: MAX_DEPTH,
        }
    }
}

/// Why a page yields no article. Permanent: the same page fails the same
/// way, so the caller dead-letters it rather than retrying.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The page is larger than the limit.
    #[error("page of {0} bytes exceeds the parse limit of {1} bytes")]
    TooLarge(usize, usize),
    /// The page has no text content at all.
    #[error("empty page")]
    Empty,
    /// Elements nest deeper than the limit.
    #[error("elements nest {0} deep; the parse limit is {1}")]
    TooDeep(usize, usize),
    /// The page is binary data, not text.
    #[error("{0:.0}% of the page's first characters are control or replacement characters: binary data, not HTML")]
    Binary(f64),
}

impl ParseError {
    /// The dead-letter reason.
    pub fn kind(&self) -> &'static str {
        match self {
            ParseError::TooLarge(..) => "page_too_large",
            ParseError::Empty => "empty_page",
            ParseError::TooDeep(..) => "too_deeply_nested",
            ParseError::Binary(_) => "not_text",
        }
    }
}

/// Extracts the article of one page fetched from `url`, with default
/// [`Limits`].
pub fn extract(html: &str, url: &str) -> Result<Article, ParseError> {
    extract_with(html, url, Limits::default())
}

/// Share of control (other than whitespace) and U+FFFD characters among
/// the first [`JUNK_SAMPLE`] characters.
fn junk_share(html: &str) -> f64 {
    // Counted on bytes, which is exact for UTF-8 and several times faster
    // than decoding: a character starts at every byte that is not a
    // continuation byte; the control characters (other than whitespace)
    // are the ASCII ones, U+007F and U+0080..=U+009F (C2 80..=C2 9F, less
    // NEL, C2 85); U+FFFD is EF BF BD.
    let bytes = html.as_bytes();
    let (mut junk, mut total) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if total == JUNK_SAMPLE {
            break;
        }
        total += 1;
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let is_junk = match b {
            0x00..=0x08 | 0x0E..=0x1F | 0x7F => true,
            0xC2 => (0x80..=0x9F).contains(&next) && next != 0x85,
            0xEF => next == 0xBF && bytes.get(i + 2) == Some(&0xBD),
            _ => false,
        };
        junk += usize::from(is_junk);
    }
    if total == 0 {
        0.0
    } else {
        junk as f64 / total as f64
    }
}

/// Characters of a page's start that [`junk_share`] reads.
const JUNK_SAMPLE: usize = 64 * 1024;

/// Extracts the article of one page fetched from `url`. Pages that are too
/// large, too deep, empty or binary are refused before parsing.
pub fn extract_with(html: &str, url: &str, limits: Limits) -> Result<Article, ParseError> {
    if html.len() > limits.max_html_bytes {
        return Err(ParseError::TooLarge(html.len(), limits.max_html_bytes));
    }
    if html.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let junk = junk_share(html);
    if junk > MAX_JUNK_SHARE {
        return Err(ParseError::Binary(junk * 100.0));
    }
    let depth = guard::max_depth(html);
    if depth > limits.max_depth {
        return Err(ParseError::TooDeep(depth, limits.max_depth));
    }
    // One parse serves everything: metadata, images and the shown date are
    // read first, then Readability takes the document over (it mutates it).
    let doc = Document::from(&*unscripted::without_scripts(html));
    let m = meta::read(&doc);
    let base = url::Url::parse(url).ok();
    let site_name = m.site_name.clone().unwrap_or_default();
    let host = base.as_ref().and_then(|b| b.host_str()).unwrap_or_default();
    let title = text::repair(&title::choose(&m, &site_name, host));
    let captions = images::captions(&doc);
    let images = images::read(&doc, base.as_ref(), &m.images);
    // Metadata (JSON-LD) and images (in <noscript>) are read: from here on
    // the page's text is what a reader sees (a <style> inside a heading is
    // not the heading's text).
    visible::strip_unseen(&doc);
    visible::break_preformatted(&doc);
    let teasers = teasers::strip(&doc, base.as_ref(), m.is_article_type == Some(true));
    let blocks::Blocks {
        paragraphs,
        densest,
        root,
    } = blocks::read(&doc);
    // Only needed to check a JSON-LD articleBody against the page.
    let page_text = m
        .article_body
        .as_ref()
        .map(|_| text::body(&doc).text().to_string())
        .unwrap_or_default();
    let latest_year = written_dates::latest_plausible_year();
    let mut shown = visible::shown_date(&doc, &title, latest_year);
    if !months::writes_month_first(m.language.as_deref().unwrap_or_default()) {
        shown.date = shown.date.map(written_dates::VisibleDate::day_first);
        shown.update = shown.update.map(written_dates::VisibleDate::day_first);
    }
    // The block finders have read the page whole: Readability reads it
    // without what it may take into the article it picks.
    prune::before_readability(&doc);
    let (readable, readable_doc) = readability(doc, url).unzip();
    let mut body = readable
        .as_ref()
        .map(|r| body::clean(&visible::unmark(&r.text_content), &captions))
        .unwrap_or_default();
    // Readability sometimes settles on a footer or a disclosure box, or on
    // one section of an article: when the densest paragraph block, and then
    // the content root, holds more than twice the text, it is the body
    // (development corpus body F1: densest block 0.931 -> 0.938, content
    // root 0.938 -> 0.944).
    let mut html = readable_doc.map(BodyHtml::Readable);
    for block in [densest, root] {
        if let Some(longer) = longer_body(&body, &block.text, &captions) {
            body = longer;
            html = Some(BodyHtml::Block(block.html));
        }
    }
    // JSON-LD articleBody, only when the page shows that text.
    if let Some(ld) = m.article_body.as_deref() {
        let ld = body::clean(ld, &captions);
        if ld.text.chars().count() > body.text.chars().count() * 6 / 5
            && body::shown_share(&ld.text, &page_text) >= 0.8
        {
            body = ld;
            html = None;
        }
    }
    if body.text.is_empty() {
        // Readability gives up on short or oddly built pages; the page's
        // paragraphs are better than nothing (and flagged short_body below).
        body = body::clean(&paragraphs.join("\n"), &captions);
        html = None;
    }
    let canonical = m
        .canonical
        .as_deref()
        .and_then(|c| {
            base.as_ref()
                .and_then(|b| b.join(c).ok())
                .or_else(|| url::Url::parse(c).ok())
        })
        .filter(|c| matches!(c.scheme(), "http" | "https"))
        .filter(|c| base.as_ref().is_none_or(|b| same_site(b, c)));
    let id_url = canonical
        .clone()
        .or_else(|| base.clone())
        .map(|u| canonical_form(&u))
        .unwrap_or_else(|| url.to_string());

    // Most trusted first: JSON-LD persons and author meta tags, the page's
    // byline elements, Readability's byline, a "By …" line shown under the
    // headline, a "Written by" author box anywhere, organisations named as
    // author, and last the name beside the author's portrait.
    // Readability read the page after the shown-date scan marked it up.
    let readable_byline: Vec<String> = readable
        .as_ref()
        .and_then(|r| r.byline.as_deref())
        .map(visible::unmark)
        .into_iter()
        .collect();
    type Split = fn(&[String]) -> Vec<Author>;
    let sources: [(&[String], Split); 8] = [
        (&m.authors, authors::split),
        (&m.bylines, authors::split),
        (&body.bylines, authors::split),
        (&readable_byline, authors::split),
        (&shown.bylines, authors::split_visible),
        (&shown.labelled_bylines, authors::split),
        (&m.org_authors, authors::split),
        (&m.portraits, authors::split_visible),
    ];
    // A CMS account name ("kffnirmitap", "andrew.keaveney") in the author
    // tags gives way to the first later source that names a person.
    let authors = {
        let mut found = sources
            .into_iter()
            .map(|(bylines, split)| split(bylines))
            .filter(|a| !a.is_empty());
        let first = found.next().unwrap_or_default();
        if !first.is_empty() && first.iter().all(|a| authors::looks_like_handle(&a.name)) {
            found
                .find(|a| a.iter().all(|a| authors::looks_like_person(&a.name)))
                .unwrap_or(first)
        } else {
            first
        }
    };
    let authors = without_site(authors, &site_name);
    let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
    author_notes::bylines_removed(&mut body, &names);
    author_notes::notes_removed(&mut body, &names);
    // The HTML of the text taken, or, for text that came without HTML
    // (JSON-LD, the page's bare paragraphs), its paragraphs as `<p>`s.
    let body_html = match html {
        Some(BodyHtml::Readable(doc)) => sanitize::safe_readable_html(&doc, &body.removed),
        Some(BodyHtml::Block(html)) => sanitize::safe_html(&html, &body.removed),
        None => sanitize::text_html(&body.text),
    };
    let paywall = body.paywall || shown.paywall;
    // Mojibake mended in both, the same way ("isnâ€™t" is "isn’t").
    let body_text = text::repair_runs(body.text);
    let body_html = text::repair_runs(body_html);
    let evidence = |(raw, source): &(String, &'static str)| {
        dates::normalise(raw).map(|n| {
            (
                n,
                DateEvidence {
                    raw: raw.clone(),
                    source: source.to_string(),
                },
            )
        })
    };
    let meta_published = m.published.as_ref().and_then(evidence);
    let meta_modified = m.modified.as_ref().and_then(evidence);
    let url_day = dates::url_day(url, latest_year).or_else(|| {
        canonical
            .as_ref()
            .and_then(|c| dates::url_day(c.as_str(), latest_year))
    });
    let published = choose_published(
        meta_published,
        meta_modified.as_ref(),
        shown.date,
        url_day.as_ref().map(|(day, _)| *day),
    );
    let published = with_url_day(published, url_day);
    let modified = meta_modified.or_else(|| shown.update.map(visible_evidence));
    let zone = dates::single_zone_of(m.language.as_deref().unwrap_or_default());
    let published = published.map(|(d, e)| (dates::assume_zone(d, zone), e));
    let modified = modified.map(|(d, e)| (dates::assume_zone(d, zone), e));
    let word_count = count_words(&body_text);
    let mut warnings = Vec::new();
    if title.is_empty() {
        warnings.push("no_title".to_string());
    }
    if word_count < 50 {
        warnings.push("short_body".to_string());
    }
    if published.is_none() {
        warnings.push("no_date".to_string());
    }
    // A paywall's notice in the text is the page saying its text is not
    // free to read, when its metadata says nothing, and what is left is a
    // teaser. (A metered site declares `isAccessibleForFree: false` and
    // still serves the whole article: that alone is no warning.)
    let accessible_for_free = m.accessible_for_free.or(paywall.then_some(false));
    if paywall {
        warnings.push("paywalled".to_string());
    }
    // A page declared something else than an article with little text, or
    // one whose body is mostly teaser cards for other pages (a section
    // front or hub that declares nothing).
    let listing = match &teasers {
        teasers::Teasers::Cards(headlines) => {
            let shown = headlines
                .iter()
                .filter(|h| body_text.contains(h.as_str()))
                .count();
            2 * shown > headlines.len() && word_count < 40 * headlines.len() as u32
        }
        _ => false,
    };
    let not_an_article =
        m.is_article_type == Some(false) && word_count < 150 || word_count == 0 || listing;
    let confidence = (1.0 - 0.25 * warnings.len() as f64).max(0.0);
    Ok(Article {
        id: stable_id(&id_url),
        url: url.to_string(),
        canonical_url: canonical.map(|c| c.to_string()).unwrap_or_default(),
        title,
        description: m.description.unwrap_or_default(),
        body_text,
        body_html,
        authors,
        published_at: published.as_ref().map(|p| p.0.clone()).unwrap_or_default(),
        published_at_evidence: published.map(|p| p.1),
        modified_at: modified.as_ref().map(|p| p.0.clone()).unwrap_or_default(),
        modified_at_evidence: modified.map(|p| p.1),
        site_name,
        section: m.section.unwrap_or_default(),
        tags: m.tags,
        language: m.language.unwrap_or_default(),
        images,
        accessible_for_free,
        word_count,
        confidence,
        warnings,
        not_an_article,
        ..Default::default()
    })
}

/// `block` cleaned, if it holds more than twice the text of `body` (and
/// over 500 bytes).
fn longer_body(body: &body::Body, block: &str, captions: &[String]) -> Option<body::Body> {
    // Cleaning adds at most one character per line (paragraphs are joined
    // by a blank line) and otherwise only shortens: a block that cannot
    // reach twice the body is not cleaned at all.
    let body_chars = body.text.chars().count();
    let bound = block.chars().count() + block.matches('\n').count();
    if bound <= 2 * body_chars {
        return None;
    }
    let cleaned = body::clean(block, captions);
    (cleaned.text.chars().count() > 2 * body_chars && cleaned.text.len() > 500).then_some(cleaned)
}

/// The authors without the site itself when people are named beside it:
/// Gannett's papers write "Manoj Jain and Jagpreet Chhatwal, The Commercial
/// Appeal", as the issue's "By NAME, AP Auto Writer" names the outlet.
fn without_site(mut authors: Vec<Author>, site: &str) -> Vec<Author> {
    let bare = |s: &str| {
        let s = s.trim();
        s.strip_prefix("The ").unwrap_or(s).to_lowercase()
    };
    let site = bare(site);
    if authors.len() > 1 && !site.is_empty() {
        authors.retain(|a| bare(&a.name) != site);
    }
    authors
}

/// Words of `text`: whitespace-separated runs, except that each Han, kana
/// and Thai character counts as a word (see [`newsflow_contracts::text`]).
pub fn count_words(text: &str) -> u32 {
    let (spaced, unspaced) = newsflow_contracts::text::count_words(text);
    spaced + unspaced
}

/// The publication date. The date the page shows right by its headline
/// (see [`visible`]) wins over the metadata, which CMSs often stamp with a
/// draft's creation or an import date, unless the page labels it an update
/// or found it further away; it is carried at the metadata's precision when
/// the metadata names the same day, or a moment that is the shown day in
/// some time zone (and the URL does not write the shown day). Measured on
/// the development corpus: metadata only 0.771, this rule 0.824 when it was
/// written; the time zones took it from 0.877 to 0.882 (docs/benchmarks.md).
fn choose_published(
    meta: Option<(String, DateEvidence)>,
    modified: Option<&(String, DateEvidence)>,
    shown: Option<written_dates::VisibleDate>,
    url_day: Option<chrono::NaiveDate>,
) -> Option<(String, DateEvidence)> {
    let Some(shown) = shown else { return meta };
    let near = matches!(shown.place, "after" | "before");
    if meta.is_some() && (shown.is_update || !near) {
        return meta;
    }
    // A date like "05/06/2024" reads either way: the metadata's day, when
    // it is one of the readings, says which.
    let days: Vec<String> = std::iter::once(shown.day)
        .chain(shown.other_day)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let same_day = |d: &&(String, DateEvidence)| days.iter().any(|day| d.0.starts_with(day));
    if let Some(m) = meta.as_ref().filter(same_day) {
        return Some(m.clone());
    }
    // The same moment written from another time zone: the timestamp says
    // it more precisely, unless the URL writes the shown day too (the
    // site's own calendar day, which the publication date then keeps).
    let url_agrees = url_day == Some(shown.day);
    if let Some(m) = meta
        .as_ref()
        .filter(|m| !url_agrees && same_instant(&m.0, shown.day))
    {
        return Some(m.clone());
    }
    if let Some(m) = modified.filter(same_day) {
        // The page shows the day the metadata calls the last modification:
        // an update shown without a label, so the metadata's publication
        // date stands when there is one (development corpus: +0.002).
        return meta.or_else(|| Some(m.clone()));
    }
    Some(visible_evidence(shown))
}

/// Whether `day`, a calendar day shown without a time, can be the local day
/// of the metadata's timestamp somewhere (offsets from −12 to +14 hours):
/// "December 9" on a page whose metadata says 2021-12-10T02:17:00+00:00 is
/// that moment on the US east coast, and the timestamp says it more
/// precisely. A metadata date without a time is no instant to compare.
fn same_instant(meta: &str, day: chrono::NaiveDate) -> bool {
    let instant = chrono::DateTime::parse_from_rfc3339(meta)
        .map(|t| t.naive_utc())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(meta, "%Y-%m-%dT%H:%M:%S%.f"));
    instant.is_ok_and(|t| {
        let earliest = (t - chrono::Duration::hours(12)).date();
        let latest = (t + chrono::Duration::hours(14)).date();
        (earliest..=latest).contains(&day)
    })
}

/// The day in the page's URL (or its canonical URL) is the day of first
/// publication: a date found elsewhere that is more than a day from it is
/// an update or another date on the page, and the URL's day is taken
/// instead; within a day (the page's time zone against the URL's local
/// day), the date found keeps its time. htmldate trusts a URL's day before
/// anything else the same way. Development corpus: the 36 URL days agree
/// with the truth on all 36 pages.
fn with_url_day(
    found: Option<(String, DateEvidence)>,
    url_day: Option<(chrono::NaiveDate, String)>,
) -> Option<(String, DateEvidence)> {
    let Some((day, raw)) = url_day else {
        return found;
    };
    let near = |d: &str| {
        d.get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| (d - day).num_days().abs() <= 1)
    };
    match found {
        Some(f) if near(&f.0) => Some(f),
        _ => Some((
            day.format("%Y-%m-%d").to_string(),
            DateEvidence {
                raw,
                source: "url".to_string(),
            },
        )),
    }
}

/// A shown date as a normalised date with its evidence.
fn visible_evidence(shown: written_dates::VisibleDate) -> (String, DateEvidence) {
    (
        shown.normalised,
        DateEvidence {
            raw: shown.raw,
            source: format!("visible:{}", shown.place),
        },
    )
}

/// Readability's article, and the document it leaves: the article's
/// element (`#readability-page-1`) in it is what the body HTML is written
/// from, without parsing the article's HTML again.
fn readability(doc: Document, url: &str) -> Option<(dom_smoothie::Article, Document)> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };

    let mut r = dom_smoothie::Readability::with_document(doc, Some(url), Some(config)).ok()?;
    let article = r.parse().ok()?;
    Some((article, r.doc))
}

/// Where the body HTML is written from.
enum BodyHtml {
    /// The document Readability leaves (see [`readability`]).
    Readable(Document),
    /// A block finder's HTML.
    Block(String),
}

fn same_site(a: &url::Url, b: &url::Url) -> bool {
    let strip = |h: &str| h.trim_start_matches("www.").to_ascii_lowercase();
    match (a.host_str(), b.host_str()) {
        (Some(x), Some(y)) => {
            let (x, y) = (strip(x), strip(y));
            x == y || x.ends_with(&format!(".{y}")) || y.ends_with(&format!(".{x}"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paywall_notice_says_the_page_is_not_free_and_warns() {
        let para = "<p>The harbour plan was debated at length by the council on Tuesday evening, and the vote was close.</p>".repeat(3);
        let page = |head: &str, notice: &str| {
            format!("<html><head><title>Harbour plan passes</title>{head}</head><body><article><h1>Harbour plan passes</h1>{para}<p>{notice}</p></article></body></html>")
        };
        let read = |html: String| {
            let a = extract(&html, "https://gazette.example/harbour").unwrap();
            (
                a.accessible_for_free,
                a.warnings.contains(&"paywalled".to_string()),
            )
        };
        // A notice in the text: not free, a teaser.
        let notice = "This article is exclusive to Gazette+ subscribers.";
        assert_eq!(read(page("", notice)), (Some(false), true));
        // In a box of its own after the teaser (the fixture `paywall-teaser`
        // has one that the text never holds: the page's lines are read).
        let boxed = page("", "").replace(
            "</article>",
            "<div class=\"paywall-notice\"><p>Subscribe to continue reading</p></div></article>",
        );
        assert_eq!(read(boxed), (Some(false), true));
        // A metered site's declaration alone, with the whole article: no
        // warning. WordPress.com's pop-up on a free blog: neither.
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>"#;
        assert_eq!(read(page(ld, "")), (Some(false), false));
        let popup = "Subscribe now to keep reading and get access to the full archive.";
        assert_eq!(read(page("", popup)), (None, false));
    }

    #[test]
    fn embedded_social_posts_are_not_the_article() {
        let para = "The committee met on Tuesday to discuss the proposal in detail, and its members agreed on most of the points raised by the town's residents over the summer.";
        let page = format!(
            r#"<html><head><title>Town votes on the plan</title></head><body><article>
            <h1>Town votes on the plan</h1><p>By Dana Whitfield</p><p>March 3, 2025</p>
            <p>{para}</p>
            <blockquote class="twitter-tweet"><p lang="en">Nobody asked us about the new road and we will not accept it without a vote of the whole town.</p>&mdash; Ron Ellery (@rellery) <a href="https://twitter.com/rellery/status/1">February 27, 2025</a></blockquote>
            <p>{para} The vote is expected next month after a second hearing.</p>
            <blockquote class="instagram-media"><div><p>A look at the old bridge before the works began, with the whole crew and their families on site.</p></div></blockquote>
            <p>{para} Residents can still send their comments by letter.</p>
            </article></body></html>"#
        );
        let article = extract(&page, "https://example.com/news/plan").expect("parses");
        assert!(
            article.body_text.contains("second hearing"),
            "{}",
            article.body_text
        );
        for embedded in ["Nobody asked us", "rellery", "old bridge"] {
            assert!(
                !article.body_text.contains(embedded),
                "{embedded} in {}",
                article.body_text
            );
        }
        let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Dana Whitfield"]);
        assert!(
            article.published_at.starts_with("2025-03-03"),
            "{}",
            article.published_at
        );
    }

    /// An account name in the author tags gives way to the person an
    /// author box names; alone, it stays (it is all the page says), and a
    /// control's words beside it ("No Comments") name nobody.
    #[test]
    fn an_account_name_gives_way_to_a_person() {
        let page = |author_box: &str| {
            let html = format!(
                r#"<html><head><title>Harbour vote</title><meta name="author" content="andrew.keaveney"></head><body><article><h1>Harbour vote</h1><p>The council voted on the harbour plan on Tuesday evening, and the result surprised many observers in town. Residents had asked for a delay, and the vote came after a long and heated debate that ran past midnight.</p>{author_box}</article></body></html>"#
            );
            let article = extract(&html, "https://news.example/harbour-vote").expect("parses");
            article
                .authors
                .into_iter()
                .map(|a| a.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            page("<p>Written by Denise Everheart</p>"),
            ["Denise Everheart"]
        );
        assert_eq!(page(""), ["andrew.keaveney"]);
        assert_eq!(
            page(r#"<p>Written by No Comments</p>"#),
            ["andrew.keaveney"]
        );
    }

    #[test]
    fn the_site_named_beside_its_authors_is_no_author() {
        let people = |names: &[&str]| -> Vec<Author> {
            names
                .iter()
                .map(|n| Author {
                    name: n.to_string(),
                    ..Author::default()
                })
                .collect()
        };
        let names = |authors: Vec<Author>| authors.into_iter().map(|a| a.name).collect::<Vec<_>>();
        let byline = people(&["Manoj Jain", "Jagpreet Chhatwal", "The Commercial Appeal"]);
        assert_eq!(
            names(without_site(byline, "Commercial Appeal")),
            ["Manoj Jain", "Jagpreet Chhatwal"]
        );
        // The site alone as author stays: it is all the page says.
        let alone = people(&["The Commercial Appeal"]);
        assert_eq!(
            names(without_site(alone, "The Commercial Appeal")),
            ["The Commercial Appeal"]
        );
        let other = people(&["Sergio Martínez-Beltrán", "The Texas Newsroom"]);
        assert_eq!(names(without_site(other, "KUT")).len(), 2);
    }

    #[test]
    fn junk_is_counted_on_bytes_as_on_characters() {
        // The definition, on decoded characters.
        let by_chars = |text: &str| {
            let chars: Vec<char> = text.chars().take(JUNK_SAMPLE).collect();
            let junk = chars
                .iter()
                .filter(|&&c| c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
                .count();
            junk as f64 / chars.len().max(1) as f64
        };
        let mut every_char = String::new();
        for c in (0u32..0x3000)
            .chain(0xFFF0..0x10000)
            .filter_map(char::from_u32)
        {
            every_char.push(c);
        }
        let long = "é\u{85}\u{1}€".repeat(JUNK_SAMPLE / 2);
        for text in [
            "",
            "plain text",
            "tab\tnew line\nvertical\u{b}feed\u{c}return\r",
            "\u{0}\u{7}\u{1b}\u{7f}",
            "C1 \u{80}\u{85}\u{9f}\u{a0} and \u{FFFD}\u{FFFC}\u{FFFE}",
            "한국어 日本語 русский 😀",
            &every_char,
            &long,
        ] {
            assert_eq!(
                junk_share(text),
                by_chars(text),
                "{}",
                text.chars().take(20).collect::<String>()
            );
        }
        assert!(junk_share("\u{1}\u{2}ab") == 0.5);
    }

    #[test]
    fn no_mark_of_the_shown_date_scan_reaches_the_article() {
        // The scan marks date-like elements in the document Readability
        // then reads; its byline came out as "\u{E001} Jun 2 Written By".
        let filler = "The harbour plan was debated at length by the council. ".repeat(30);
        let page = format!(
            r#"<html><head><title>Harbor plan approved</title></head><body><article>
            <h1>Harbor plan approved</h1><p>{filler}</p>
            <div id="writtenby"><span class="date">Jun 2</span> Written By Polly Barks</div>
            <p>{filler}</p><p>{filler}</p></article></body></html>"#
        );
        let article = extract(&page, "https://example.com/a").expect("parses");
        let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Polly Barks"]);
    }

    #[test]
    fn a_shown_date_that_is_the_modification_keeps_the_metadata_publication() {
        let evidence = |raw: &str, source: &str| {
            (
                raw.to_string(),
                DateEvidence {
                    raw: raw.into(),
                    source: source.into(),
                },
            )
        };
        let published = evidence("2022-01-03T16:52:00+00:00", "meta:article:published_time");
        let modified = evidence("2025-11-03T06:10:53+00:00", "meta:article:modified_time");
        let shown = |text: &str| {
            let marked = text.replace("Tips", "\u{E000}Tips");
            visible::near_headline(&marked, 2030)
        };
        // The page shows only the modification day, unlabelled.
        let got = choose_published(
            Some(published.clone()),
            Some(&modified),
            shown("Blog Tips for remote work November 3, 2025 Working from home"),
            None,
        );
        assert_eq!(got.unwrap().0, published.0);
        // Without a publication date in the metadata, the modification stands in.
        let got = choose_published(
            None,
            Some(&modified),
            shown("Blog Tips for remote work November 3, 2025 Working from home"),
            None,
        );
        assert_eq!(got.unwrap().0, modified.0);
        // A shown day of its own still beats the metadata.
        let got = choose_published(
            Some(published),
            Some(&modified),
            shown("Blog Tips for remote work March 9, 2024 Working from home"),
            None,
        );
        assert_eq!(got.unwrap().0, "2024-03-09");
    }

    #[test]
    fn a_shown_day_that_is_the_metadata_moment_elsewhere_takes_the_timestamp() {
        let meta = |raw: &str| {
            Some((
                raw.to_string(),
                DateEvidence {
                    raw: raw.into(),
                    source: "meta:article:published_time".into(),
                },
            ))
        };
        let shown = |text: &str| {
            let marked = text.replace("Tips", "\u{E000}Tips");
            visible::near_headline(&marked, 2030)
        };
        let page = "Blog Tips for bread December 9, 2021 Baking at home";
        // 02:17 UTC on the 10th is the evening of the 9th in the Americas.
        let got = choose_published(meta("2021-12-10T02:17:00+00:00"), None, shown(page), None);
        assert_eq!(got.unwrap().0, "2021-12-10T02:17:00+00:00");
        // A local time without a zone is read the same way.
        let got = choose_published(meta("2021-12-08T20:00:00"), None, shown(page), None);
        assert_eq!(got.unwrap().0, "2021-12-08T20:00:00");
        // Two days off is no time zone: the shown day wins.
        let got = choose_published(meta("2021-12-11T02:17:00+00:00"), None, shown(page), None);
        assert_eq!(got.unwrap().0, "2021-12-09");
        // 14:00 UTC on the 10th is the 10th everywhere but the far Pacific
        // west (UTC−12 makes it 02:00 on the 10th): no zone shows the 9th.
        let got = choose_published(meta("2021-12-10T14:00:00+00:00"), None, shown(page), None);
        assert_eq!(got.unwrap().0, "2021-12-09");
        // A metadata day without a time is no moment to compare.
        let got = choose_published(meta("2021-12-10"), None, shown(page), None);
        assert_eq!(got.unwrap().0, "2021-12-09");
        // The URL writes the shown day too: the site's own calendar day stands.
        let day = chrono::NaiveDate::from_ymd_opt(2021, 12, 9);
        let got = choose_published(meta("2021-12-10T02:17:00+00:00"), None, shown(page), day);
        assert_eq!(got.unwrap().0, "2021-12-09");
    }

    #[test]
    fn a_numeric_date_that_reads_either_way_is_read_as_the_page_writes_it() {
        let paragraphs = "<p>The harbour plan was debated at length by the council on Tuesday evening, and the vote was close.</p>".repeat(8);
        let page = |lang: &str, meta: &str| {
            format!(
                "<html lang=\"{lang}\"><head><title>Harbour plan passes</title>{meta}</head><body><article><h1>Harbour plan passes</h1><p class=\"date\">05/06/2024 17:18</p>{paragraphs}</article></body></html>"
            )
        };
        let published = |lang: &str, meta: &str| {
            extract(&page(lang, meta), "https://gazette.example/harbour")
                .unwrap()
                .published_at
        };
        // Outside the US the day comes first; in the US, and on pages that
        // do not say, the month.
        // (Vietnam keeps one time zone: its pages' local times get +07:00.)
        assert_eq!(published("vi", ""), "2024-06-05T17:18:00+07:00");
        assert_eq!(published("en-GB", ""), "2024-06-05T17:18:00");
        assert_eq!(published("en-US", ""), "2024-05-06T17:18:00");
        assert_eq!(published("", ""), "2024-05-06T17:18:00");
        // The metadata's day, when it is one of the readings, settles it.
        let meta =
            "<meta property=\"article:published_time\" content=\"2024-06-05T17:18:00+07:00\">";
        assert_eq!(published("en", meta), "2024-06-05T17:18:00+07:00");
        // Where the date cannot be read the other way, nothing changes.
        let unambiguous = page("fr", "").replace("05/06/2024", "05/26/2024");
        assert_eq!(
            extract(&unambiguous, "https://gazette.example/harbour")
                .unwrap()
                .published_at,
            "2024-05-26T17:18:00"
        );
    }

    #[test]
    fn an_article_in_separate_sections_is_read_whole() {
        // Each section in its own container, three levels under the common
        // one, a style sheet inside each heading, a sidebar and comments.
        let section = |n: usize, paragraphs: usize| {
            format!(
                "<div class=\"row\"><div class=\"col\"><div id=\"part-{n}\"><div><div><h2><style>.h{{color:red}}</style>Part {n} heading</h2></div></div><div><div>{}</div></div></div></div></div>",
                (1..=paragraphs)
                    .map(|k| format!("<p>Paragraph {k} of part {n} says something about the harbour plan and the vote held on Tuesday evening at city hall, and more.</p>"))
                    .collect::<String>()
            )
        };
        let html = format!(
            "<html><head><title>Harbour plan</title></head><body><nav><a href=\"/\">Home</a></nav><main><div class=\"col\">{}{}{}{}</div><div class=\"comments\"><p>A reader writes at length that the council got this one completely wrong again.</p></div></main><aside><p>Sign up for our newsletter to get the best stories in your inbox each morning.</p></aside></body></html>",
            section(1, 3), section(2, 1), section(3, 2), section(4, 1)
        );
        let a = extract(&html, "https://gazette.example/harbour").unwrap();
        for n in 1..=4 {
            assert!(
                a.body_text.contains(&format!("Part {n} heading")),
                "{}",
                a.body_text
            );
            assert!(a.body_text.contains(&format!("Paragraph 1 of part {n}")));
            assert!(
                a.body_html.contains(&format!("<h2>Part {n} heading</h2>")),
                "{}",
                a.body_html
            );
        }
        for absent in ["color:red", "A reader writes", "newsletter", "Home"] {
            assert!(!a.body_text.contains(absent), "{absent} in {}", a.body_text);
            assert!(!a.body_html.contains(absent), "{absent} in {}", a.body_html);
        }
    }

    #[test]
    fn navigation_and_footers_stay_out_unless_they_hold_the_article() {
        let para = |n: usize| {
            format!("<p>Paragraph {n} of the story tells how the harbour plan was debated at length by the council before the vote on Tuesday evening.</p>")
        };
        let story: String = (1..=6).map(para).collect();
        let nav = "<nav><a href=\"/p/225\">Previous</a><a href=\"/p/225\">In Post: The Sunshine Look #225</a><span>April 6, 2017</span><a href=\"/p/227\">Next</a><a href=\"/p/227\">In The Field: Timing Matters #227</a></nav>";
        let footer = "<footer><p>Call 423.602.2750</p><p>About us</p><p>Contact</p></footer>";
        let html = format!("<html><head><title>Harbour plan</title></head><body><div class=\"post\"><h1>Harbour plan</h1>{story}{nav}{footer}</div></body></html>");
        let a = extract(&html, "https://gazette.example/harbour").unwrap();
        assert!(
            a.body_text.contains("Paragraph 6 of the story"),
            "{}",
            a.body_text
        );
        for absent in ["Sunshine Look", "Previous", "423.602.2750"] {
            assert!(!a.body_text.contains(absent), "{absent} in {}", a.body_text);
        }
        // A site that sets its article in a <footer> keeps it (the block
        // finders read it before Readability).
        let html = format!("<html><head><title>Harbour plan</title></head><body><nav><a href=\"/\">Home</a></nav><footer><h1>Harbour plan</h1>{story}</footer></body></html>");
        let a = extract(&html, "https://gazette.example/harbour").unwrap();
        assert!(
            a.body_text.contains("Paragraph 6 of the story"),
            "{}",
            a.body_text
        );
    }

    #[test]
    fn an_h1_that_matches_no_declared_title_is_the_headline_unless_it_introduces() {
        let page = |h1: &str| {
            format!("<html><head><title>Cloud inference at scale - SiliconANGLE</title></head><body><h1>{h1}</h1><p>The story.</p></body></html>")
        };
        let title = |h1: &str| {
            extract(&page(h1), "https://siliconangle.example/x")
                .unwrap()
                .title
        };
        assert_eq!(
            title("How the cloud is shaping the inference moment"),
            "How the cloud is shaping the inference moment"
        );
        assert_eq!(
            title("A message from John Furrier, co-founder of SiliconANGLE:"),
            "Cloud inference at scale"
        );
    }

    /// Names in scripts without capitals are taken after a lead only: a
    /// Chinese "记者" and an Arabic "بقلم:" under the headline.
    #[test]
    fn a_byline_led_in_a_script_without_capitals_names_the_writer() {
        for (lang, headline, dateline, byline, para, name) in [
            ("zh", "港口计划获批", "2025年6月28日", "记者 李华", "市议会周二晚间以多数票通过了港口改造计划，工程将于明年春季开工，预计耗时三年完成。", "李华"),
            ("ar", "المجلس يقر خطة الميناء", "28 يونيو 2024", "بقلم: محمد أحمد", "أقر مجلس المدينة مساء الثلاثاء خطة تطوير الميناء بأغلبية الأصوات، ومن المقرر أن تبدأ الأعمال في الربيع المقبل وتستمر ثلاث سنوات.", "محمد أحمد"),
        ] {
            let para = format!("<p>{para}</p>").repeat(6);
            let html = format!("<html lang=\"{lang}\"><head><title>{headline}</title></head><body><h1>{headline}</h1><p>{dateline}</p><p>{byline}</p>{para}</body></html>");
            let a = extract(&html, "https://news.example/a/1").unwrap();
            let names: Vec<&str> = a.authors.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(names, [name], "{lang}");
        }
    }

    #[test]
    fn a_korean_wire_dateline_names_the_reporters_and_stays_in_the_text() {
        let lead = "(서울=연합뉴스) 김민지 이준호 기자 = 해성시가 28일 대암저수지에 국내 첫 수상 태양광 발전소를 준공했다.";
        let para = "<p>시는 이 발전소가 약 1만2천 가구가 쓸 수 있는 전력을 생산하고, 연간 탄소 배출량을 1만8천 톤가량 줄일 것이라고 밝혔다.</p>".repeat(5);
        let html = format!("<html lang=\"ko\"><head><title>수상 태양광 발전소 준공</title></head><body><article><h1>수상 태양광 발전소 준공</h1><p>{lead}</p>{para}</article></body></html>");
        let a = extract(&html, "https://news.example.kr/view/1").unwrap();
        let authors: Vec<(&str, &str)> = a
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.role.as_str()))
            .collect();
        assert_eq!(authors, [("김민지", "기자"), ("이준호", "기자")]);
        assert!(a.body_text.starts_with(lead), "{}", a.body_text);
        // Brackets that hold no city and agency are no dateline.
        let html = html.replace("(서울=연합뉴스)", "(사진)");
        let a = extract(&html, "https://news.example.kr/view/1").unwrap();
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }

    #[test]
    fn code_broken_by_br_keeps_its_lines() {
        let para = "<p>The script below opens the apps and pages of a working morning in order, so that the day starts the same way each time.</p>";
        let code = "<pre>#!/usr/bin/env python3<br><br>import subprocess<br>import time</pre>";
        for (wrap, html_of) in [("article", "Readability"), ("div", "the blocks")] {
            let html = format!(
                "<html><head><title>Morning script</title></head><body><{wrap}><h1>Morning script</h1>{para}{para}{code}<p>Poem:<br>line one<br>line two, as verse is set on sites that break it.</p>{para}</{wrap}></body></html>"
            );
            let a = extract(&html, "https://blog.example/morning").unwrap();
            assert!(
                a.body_text.contains("import subprocess\n\nimport time"),
                "{html_of}: {}",
                a.body_text
            );
            assert!(!a.body_text.contains("python3import"), "{}", a.body_text);
            assert!(!a.body_text.contains("Poem:line one"), "{}", a.body_text);
        }
    }

    #[test]
    fn a_json_ld_article_body_the_page_does_not_show_is_not_the_body() {
        // The JSON-LD sits in the body, as some CMSs put it: its own text
        // must not count as the page showing the articleBody.
        let hidden = "Subscribers read this long account of the harbour vote, with every speech from the council meeting. ".repeat(12);
        let teaser = "<p>The council voted on the harbour plan on Tuesday evening, and the result surprised many observers in town.</p><p>Subscribe to read the full story of the vote and what happens next for the harbour and the city.</p>";
        let page = |ld_body: &str, shown: &str| {
            format!(
                r#"<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>{shown}</article><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harbour vote","articleBody":"{ld_body}"}}</script></body></html>"#
            )
        };
        let a = extract(&page(&hidden, teaser), "https://gazette.example/vote").unwrap();
        assert!(
            a.body_text.starts_with("The council voted"),
            "{}",
            a.body_text
        );
        assert!(!a.body_text.contains("Subscribers read"));
        // Shown on the page (here in a block Readability also reads), it is.
        let shown = format!("{teaser}<div><p>{hidden}</p></div>");
        let a = extract(&page(&hidden, &shown), "https://gazette.example/vote").unwrap();
        assert!(a.body_text.contains("Subscribers read"), "{}", a.body_text);
    }

    #[test]
    fn a_page_of_teaser_cards_is_not_an_article() {
        let card = |n: usize| {
            format!(
                "<div class=\"card\"><h3><a href=\"/local/story-{n}\">Council story number {n} of the week</a></h3><p>A short summary of story {n}, which readers open on its own page.</p></div>"
            )
        };
        let cards: String = (1..=8).map(card).collect();
        let front = format!(
            "<html><head><title>Local news</title></head><body><h1>Local news</h1><div class=\"list\">{cards}</div></body></html>"
        );
        let a = extract(&front, "https://gazette.example/local/").unwrap();
        assert!(a.not_an_article, "{}", a.body_text);
        // An article with the same cards after it is an article, without them.
        let paragraph = "<p>The council voted on the harbour plan on Tuesday evening, and the result surprised many observers in town.</p>";
        let story = format!(
            "<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>{}</article><div class=\"more\"><h2>More local news</h2>{}</div></body></html>",
            paragraph.repeat(6),
            (1..=3).map(card).collect::<String>()
        );
        let a = extract(&story, "https://gazette.example/local/harbour-vote").unwrap();
        assert!(!a.not_an_article);
        assert!(!a.body_text.contains("Council story"), "{}", a.body_text);
    }

    #[test]
    fn the_day_in_the_url_is_the_publication_day() {
        let page = |published: &str| {
            format!(
                r#"<html><head><title>Harbour vote</title><meta property="article:published_time" content="{published}"></head><body><article><h1>Harbour vote</h1><p>The council voted on the harbour plan on Tuesday evening, and the result surprised many observers in town.</p></article></body></html>"#
            )
        };
        let url = "https://gazette.example/2021/01/18/harbour-vote/";
        // Metadata stamped with a later edit: the URL's day is taken.
        let a = extract(&page("2021-08-09T10:00:00+02:00"), url).unwrap();
        assert_eq!(a.published_at, "2021-01-18");
        let evidence = a.published_at_evidence.unwrap();
        assert_eq!(
            (evidence.raw.as_str(), evidence.source.as_str()),
            ("/2021/01/18", "url")
        );
        // Within a day of it (another time zone's day): the metadata keeps
        // its time.
        let a = extract(&page("2021-01-17T23:30:00-05:00"), url).unwrap();
        assert_eq!(a.published_at, "2021-01-17T23:30:00-05:00");
        // No date anywhere else: the URL's day.
        let a = extract(&page(""), url).unwrap();
        assert_eq!(a.published_at, "2021-01-18");
        // No day in the URL: the metadata.
        let a = extract(
            &page("2021-08-09T10:00:00+02:00"),
            "https://gazette.example/harbour-vote",
        )
        .unwrap();
        assert_eq!(a.published_at, "2021-08-09T10:00:00+02:00");
    }

    #[test]
    fn the_fixture_article_is_extracted() {
        let html = r#"<!DOCTYPE html><html lang="en"><head><title>Harbor plan approved | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<link rel="canonical" href="/news/1">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbor plan approved","author":{"@type":"Person","name":"Maria Okafor"},"datePublished":"2024-06-28 17:18 KST"}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Harbor plan approved</h1>
<p>The council voted seven to four on Tuesday to approve the long-debated harbor plan after months of consultation and hearings.</p>
<p>Work is expected to begin after the winter and to take about eighteen months, officials said at the meeting.</p>
<p>Opponents argued that the money would be better spent on repairing existing infrastructure across the city.</p>
</article><footer>Cookie settings</footer></body></html>"#;
        let a = extract(html, "https://gazette.example/news/1?utm_source=x").unwrap();
        assert_eq!(a.title, "Harbor plan approved");
        assert_eq!(a.authors[0].name, "Maria Okafor");
        assert_eq!(a.published_at, "2024-06-28T17:18:00+09:00");
        assert_eq!(a.published_at_evidence.unwrap().source, "json-ld");
        assert_eq!(a.canonical_url, "https://gazette.example/news/1");
        assert_eq!(a.id, stable_id("https://gazette.example/news/1"));
        assert_eq!(a.site_name, "The Gazette");
        assert_eq!(a.language, "en");
        assert!(a.body_text.contains("seven to four"), "{}", a.body_text);
        assert!(
            a.body_text.contains("\n\n"),
            "paragraphs are separated: {}",
            a.body_text
        );
        assert!(!a.body_text.contains("Cookie settings"));
    }

    #[test]
    fn a_page_nested_100000_deep_is_refused_at_once() {
        let html = format!(
            "<html><body>{}deep{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert!(matches!(
            extract(&html, "http://x/"),
            Err(ParseError::TooDeep(d, _)) if d >= 100_000
        ));
    }

    #[test]
    fn empty_and_oversize_pages_are_errors() {
        assert!(matches!(
            extract("   ", "http://x/"),
            Err(ParseError::Empty)
        ));
        let big = "a".repeat(MAX_HTML_BYTES + 1);
        assert!(matches!(
            extract(&big, "http://x/"),
            Err(ParseError::TooLarge(..))
        ));
    }
}
