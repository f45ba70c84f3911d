//! The headline: which heading of the page is its headline, and what of
//! the declared titles (JSON-LD headline, og:title, `<title>`) is the
//! site's name rather than the headline.

use crate::{meta, months, text};

/// The headline as the article shows it. The metadata's title (JSON-LD
/// headline, og:title, `<title>`, without a site-name suffix)
/// says which heading is the headline: the `<h1>`/`<h2>` whose words best
/// match it, as the page shows it. A first `<h1>` that matches nothing is
/// usually the site's logo or a section name ("Blog"), so without a match the
/// metadata's title is used; without metadata, the first `<h1>`.
pub(crate) fn choose(m: &meta::Meta, site: &str, host: &str) -> String {
    let host_name = host_name(host);
    let host_name = host_name.as_deref();
    let declared = [
        m.headline.as_deref(),
        m.og_title.as_deref(),
        m.html_title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| {
        strip_site_prefix(
            &strip_site_suffix(t, site, host_name),
            site,
            host,
            host_name,
        )
    })
    .find(|t| !t.is_empty());
    let Some(declared) = declared else {
        return m.h1.clone().unwrap_or_default();
    };
    // A heading that is the declared title up to a separator ("Climate
    // Change" of "Climate Change | Economic Research Service") shows where
    // the suffix starts, whatever it names — unless the heading is the
    // site's own name, leading the title.
    let names_site = |h: &str| h.eq_ignore_ascii_case(site.trim()) || names_host(h, host_name);
    if let Some(at) = m
        .headings
        .iter()
        .filter(|h| !names_site(h))
        .find_map(|h| title_before_separator(h, &declared))
    {
        // The metadata's casing: headings are often set in capitals.
        return declared[..at].trim().to_string();
    }
    let want = words(&declared);
    let best = m
        .headings
        .iter()
        .map(|h| (title_similarity(&want, &words(h)), h))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, heading)) = best {
        return trim_heading(heading, &declared, site, host_name);
    }
    // The page's own headline may differ from its SEO title; a first <h1>
    // of a few words that is not the site's name is taken as shown.
    let site_words = words(site);
    let html_title = words(m.html_title.as_deref().unwrap_or_default());
    match m.h1.as_ref() {
        // A heading that ends in a colon introduces something else ("A
        // message from our co-founder:").
        Some(h1)
            if words(h1).len() >= 4
                && !h1.trim_end().ends_with([':', '：'])
                && title_similarity(&site_words, &words(h1)) < 0.5
                && !is_suffix_of(&html_title, &words(h1)) =>
        {
            trim_heading(h1, &declared, site, host_name)
        }
        _ => declared,
    }
}

/// The headline in `heading` without what the page prints around it: where
/// the declared title sits inside the heading after a date or a label
/// ("Dec 18 2025 …", "Blog: …") or before a date or a separated tail ("… /
/// Dec 2025"), or where the heading garbles characters the declared title
/// has ("Planning? Beginner? Guide"), the declared title; otherwise the
/// heading less a short tail after a separator ("| Top 19 Companies", "—
/// Strength Training"), as titles lose a site name. Other extra words stay:
/// "The", "My", "…, Reviewed by a Student" are the headline as shown.
fn trim_heading(heading: &str, declared: &str, site: &str, host_name: Option<&str>) -> String {
    let squash = |t: &str| text::collapse_whitespace(t).to_lowercase();
    let (h, d) = (squash(heading), squash(declared));
    if let Some(at) = h.find(&d).filter(|_| words(&d).len() >= 3) {
        let (before, after) = (h[..at].trim(), h[at + d.len()..].trim());
        let around = match (before.is_empty(), after.is_empty()) {
            (true, true) => false,
            (false, true) => is_date_words(before) || is_label(before),
            (true, false) => is_date_words(after) || is_separated_tail(after),
            (false, false) => false,
        };
        if around {
            return text::collapse_whitespace(declared);
        }
    }
    let garbled = |t: &str| {
        t.trim_end()
            .trim_end_matches('?')
            .contains(['?', '\u{FFFD}'])
    };
    if garbled(heading) && !garbled(declared) {
        return declared.to_string();
    }
    strip_site_suffix(heading, site, host_name)
}

/// "Dec 18 2025", "18. Mai 2025": two or more words, each a number or a
/// month's name.
fn is_date_words(text: &str) -> bool {
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|' | '-' | '·'))
        .filter(|w| !w.is_empty())
        .collect();
    parts.len() >= 2
        && parts.iter().all(|w| {
            w.trim_end_matches(['.', ':'])
                .chars()
                .all(|c| c.is_ascii_digit())
                || months::is_month_name(w)
        })
}

/// "Blog:", "Review:": one word and a colon before the title.
fn is_label(text: &str) -> bool {
    text.strip_suffix(':')
        .is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric))
}

/// "/ Dec 2025", "| Part 1": a title separator (or a slash), then at most
/// four words.
fn is_separated_tail(text: &str) -> bool {
    TITLE_SEPARATORS
        .iter()
        .map(|sep| sep.trim())
        .chain(["/"])
        .find_map(|sep| text.strip_prefix(sep))
        .is_some_and(|rest| (1..=4).contains(&rest.split_whitespace().count()))
}

/// `part` ends `whole` (a title's site-name suffix) without being all of it.
fn is_suffix_of(whole: &[String], part: &[String]) -> bool {
    part.len() < whole.len() && whole.ends_with(part)
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared words over the longer of the two (1.0 = same words).
fn title_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = b.iter().filter(|w| a.contains(w)).count();
    shared as f64 / a.len().max(b.len()) as f64
}

/// Separators between a title and its site name or section.
const TITLE_SEPARATORS: [&str; 9] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ",
    // Full-width, as Chinese, Japanese and Korean titles write it, with or
    // without spaces ("見出し｜NHK").
    "｜",
];

/// Separators that also join words inside a title ("snake_case"): a tail
/// after them is a site name only when it names the site or its host
/// ("标题_新浪新闻").
const WEAK_TITLE_SEPARATORS: [&str; 1] = ["_"];

/// Where `declared` ends if `heading` is it up to one of its separators.
fn title_before_separator(heading: &str, declared: &str) -> Option<usize> {
    TITLE_SEPARATORS.iter().find_map(|sep| {
        declared.match_indices(sep).map(|(at, _)| at).find(|&at| {
            at > 0 && declared[..at].trim().to_lowercase() == heading.trim().to_lowercase()
        })
    })
}

/// The name a host goes by: "newegg" for www.newegg.com, "thefocus" for
/// thefocus.ai (the label before the last, ignoring "www").
fn host_name(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let name = match labels.len() {
        0 | 1 => return None,
        // "co.uk"-style endings: the label before a two-letter country code
        // after a short second-level label.
        n if labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 && n >= 3 => labels[n - 3],
        n => labels[n - 2],
    };
    (name.len() >= 3).then(|| name.to_lowercase())
}

/// `text`, letters and digits only, contains the host's name ("Newegg.com",
/// "TheFocus.AI Labs").
fn names_host(text: &str, host_name: Option<&str>) -> bool {
    host_name.is_some_and(|name| squashed(text).contains(name))
}

/// `text` in lower case, letters and digits only ("TheFocus.AI Labs" →
/// "thefocusailabs"): how a host's name is looked for in it.
fn squashed(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// `part` (lower case) and the site's name (lower case) hold one another:
/// "the gazette" in "the gazette online", or the other way round.
fn mentions_site(part: &str, site: &str) -> bool {
    !site.is_empty() && (part.contains(site) || site.contains(part))
}

/// `title` without a leading site name: the page's host written out
/// ("davidbau.com Vibe Coding"), or a part before a separator that is the
/// site's name or its host's ("The Gazette | Council approves plan",
/// "Gazette - …" on gazette.example; not "Gazette Weekly #18 - …").
/// Unlike a suffix, a short prefix is not taken for a site name on length
/// alone: "Review: …", "Opinion | …" lead headlines too.
fn strip_site_prefix(title: &str, site: &str, host: &str, host_name: Option<&str>) -> String {
    let bare_host = host.trim_start_matches("www.");
    if bare_host.contains('.') {
        if let Some(rest) = title
            .get(..bare_host.len())
            .filter(|head| head.eq_ignore_ascii_case(bare_host))
            .and_then(|_| title[bare_host.len()..].strip_prefix(' '))
        {
            if rest.split_whitespace().count() >= 2 {
                return rest.trim().to_string();
            }
        }
    }
    let site_l = site.trim().to_lowercase();
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.split_once(sep) {
            let head_l = head.trim().to_lowercase();
            let names_site = (!site_l.is_empty() && head_l == site_l)
                || host_name == Some(squashed(&head_l).as_str());
            if names_site && tail.split_whitespace().count() >= 2 {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `title` without a trailing site name: a part after a separator that
/// names `site` or the page's `host_name` (see [`host_name`]), or is short.
fn strip_site_suffix(title: &str, site: &str, host_name: Option<&str>) -> String {
    let title = title.trim();
    // A part that is only a date ends the headline, with what follows it
    // ("Governo aprova lei - 28/06/2024 - Poder - Folha").
    for sep in TITLE_SEPARATORS {
        let mut at = 0;
        for part in title.split(sep) {
            if at > 0 && is_date_words(part.trim()) {
                return strip_site_suffix(&title[..at - sep.len()], site, host_name);
            }
            at += part.len() + sep.len();
        }
    }
    let site_l = site.trim().to_lowercase();
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_l = tail.trim().to_lowercase();
            let short = tail.split_whitespace().count() <= 4;
            let looks_like_site = mentions_site(&tail_l, &site_l)
                || (short && names_host(tail, host_name))
                || (short && head.len() > tail.len() * 2);
            if looks_like_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    for sep in WEAK_TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_l = tail.trim().to_lowercase();
            let names_site = !tail_l.is_empty() && mentions_site(&tail_l, &site_l)
                || names_host(tail, host_name);
            if names_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_loses_what_the_page_prints_around_the_headline() {
        let trim = |heading: &str, declared: &str| trim_heading(heading, declared, "", None);
        // Dates, labels and separated tails around the declared title.
        assert_eq!(
            trim(
                "Dec 18 2025 Preparing a transition in Debusine",
                "Preparing a transition in\u{a0}Debusine"
            ),
            "Preparing a transition in Debusine"
        );
        assert_eq!(
            trim(
                "Blog: Best agencies in the U.S.",
                "Best agencies in the U.S."
            ),
            "Best agencies in the U.S."
        );
        assert_eq!(
            trim(
                "Opinion: Why the harbour plan failed",
                "Why the harbour plan failed"
            ),
            "Why the harbour plan failed"
        );
        assert_eq!(
            trim(
                "AoAH Day 15: Porting a parser / Dec 2025",
                "AoAH Day 15: Porting a parser"
            ),
            "AoAH Day 15: Porting a parser"
        );
        // Characters the heading garbled.
        assert_eq!(
            trim(
                "Event Planning? Beginner? Guide",
                "Event Planning: Beginner's Guide"
            ),
            "Event Planning: Beginner's Guide"
        );
        assert_eq!(trim("Is it safe?", "Is it safe"), "Is it safe?");
        // A short tail after a separator goes, as a site name would.
        assert_eq!(
            trim(
                "Best Movers in NYC 2025 | Top 19 Companies",
                "Best Movers in NYC 2025"
            ),
            "Best Movers in NYC 2025"
        );
        // Other extra words are the headline as shown.
        for (heading, declared) in [
            (
                "The Best Home Security Cameras of 2026",
                "Best Home Security Cameras of 2026",
            ),
            (
                "2025 Software Price Guide & Rates",
                "Software Price Guide & Rates",
            ),
            (
                "Best Tutors in 2025, Reviewed by a Student",
                "Best Tutors in 2025",
            ),
            (
                "My Top 23 Herbs for the Garden",
                "Top 23 Herbs for the Garden",
            ),
        ] {
            assert_eq!(trim(heading, declared), heading);
        }
    }

    #[test]
    fn site_suffixes_and_bylines() {
        assert_eq!(
            strip_site_suffix("Council approves plan | The Gazette", "The Gazette", None),
            "Council approves plan"
        );
        assert_eq!(
            strip_site_suffix("Council approves plan - BBC News", "", None),
            "Council approves plan"
        );
        assert_eq!(strip_site_suffix("A - B", "", None), "A - B");
        // A date as a part of its own ends the headline.
        assert_eq!(
            strip_site_suffix(
                "Governo aprova nova lei - 28/06/2024 - Poder - Folha",
                "",
                None
            ),
            "Governo aprova nova lei"
        );
        assert_eq!(
            strip_site_suffix("Harbour vote | June 28, 2024 | The Gazette", "", None),
            "Harbour vote"
        );
        assert_eq!(
            strip_site_suffix("Top 10 films of 2024 - Reviews", "", None),
            "Top 10 films of 2024"
        );
        // Site names before the title.
        let strip_site_prefix = |title: &str, site: &str, host: &str| {
            strip_site_prefix(title, site, host, host_name(host).as_deref())
        };
        assert_eq!(
            strip_site_prefix("davidbau.com Vibe Coding", "", "davidbau.com"),
            "Vibe Coding"
        );
        assert_eq!(
            strip_site_prefix(
                "The Gazette | Council approves plan",
                "The Gazette",
                "gazette.example"
            ),
            "Council approves plan"
        );
        assert_eq!(
            strip_site_prefix("BBC - Council approves plan", "", "www.bbc.co.uk"),
            "Council approves plan"
        );
        for kept in [
            "Review: Council approves plan",
            "Opinion | Council approves plan",
            "Gazette Weekly #18 – Council approves plan",
        ] {
            assert_eq!(
                strip_site_prefix(kept, "The Gazette", "gazette.example"),
                kept
            );
        }
        // Full-width bars; underscores only before the site's own name.
        assert_eq!(
            strip_site_suffix("首相が会見｜NHKニュース", "NHKニュース", None),
            "首相が会見"
        );
        assert_eq!(
            strip_site_suffix("首相が会见_新浪新闻", "新浪新闻", None),
            "首相が会见"
        );
        assert_eq!(
            strip_site_suffix("Why snake_case wins", "Code Weekly", None),
            "Why snake_case wins"
        );
        // A suffix that names the page's host is the site's name.
        assert_eq!(
            strip_site_suffix(
                "GAME CHANGER | Newegg.com",
                "",
                host_name("www.newegg.com").as_deref()
            ),
            "GAME CHANGER"
        );
        assert_eq!(
            strip_site_suffix(
                "Weekend Coding Agent | TheFocus.AI Labs",
                "",
                host_name("thefocus.ai").as_deref()
            ),
            "Weekend Coding Agent"
        );
        assert_eq!(host_name("news.bbc.co.uk").as_deref(), Some("bbc"));
        assert_eq!(host_name("localhost"), None);
        // A heading that is the declared title up to a separator.
        assert_eq!(
            title_before_separator(
                "CLIMATE CHANGE",
                "Climate Change | Economic Research Service"
            ),
            Some(14)
        );
        assert_eq!(
            title_before_separator("Climate", "Climate Change | ERS"),
            None
        );
    }
}
