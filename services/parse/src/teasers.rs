//! Lists of teasers for other articles: cards of a linked headline and an
//! excerpt ("More from Lifestyle", a blog's "Recent posts" grid). Read as
//! paragraphs they look like prose, so Readability and the block finders
//! take them into the body; they are removed before either reads the page.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};
use url::Url;

use crate::text::collapse_whitespace;

/// Levels above its headline a card may reach.
const CARD_DEPTH: usize = 6;

/// Characters of excerpt (a card's text besides its headline) a card has
/// at least: a list of bare linked headings is often the article's own
/// ("1. Hybrid X5 mountain board" over each product's review).
const MIN_EXCERPT: usize = 40;

/// Characters of excerpt a card has at most: more is an article section.
const MAX_EXCERPT: usize = 600;

/// Characters of its own prose (outside the cards) with which a page
/// declared an article is one, however many teasers follow it (a short
/// press release over a dozen "More news" cards); a hub that declares
/// itself an article has next to none.
const ARTICLE_PROSE: usize = 1_000;

/// Cards side by side that make a list of teasers.
const MIN_CARDS: usize = 3;

/// What [`strip`] found on a page.
#[derive(Debug, PartialEq, Eq)]
pub enum Teasers {
    /// No list of teasers.
    None,
    /// Lists of teasers beside the article, removed: how many cards went.
    Removed(usize),
    /// The page is mostly teaser cards and was left as it is: a listing or
    /// a hub if its body is made of them. Holds the cards' headlines.
    Cards(Vec<String>),
}

/// Removes from `doc` every list of teasers: at least [`MIN_CARDS`]
/// children of one element, each holding one heading (`<h2>`–`<h6>`, or a
/// box classed as a title, see [`is_title_box`]), whose whole text is a
/// link to another page of the same site, and an excerpt of
/// [`MIN_EXCERPT`] to [`MAX_EXCERPT`] characters. Cards that hold more
/// prose than the rest of the page make it a listing, left as it is,
/// unless the page is `declared_article` with [`ARTICLE_PROSE`] of its own.
pub fn strip(doc: &Document, page: Option<&Url>, declared_article: bool) -> Teasers {
    let Some(page) = page else {
        return Teasers::None;
    };
    // One walk for what `h2, h3, h4, h5, h6` and `[class*=title],
    // [class*=headline]` select: the selector engine walked the body twice
    // (1.6 % of the extraction's instructions); the walk saves 0.3 %.
    let mut headings: Vec<NodeRef> = Vec::new();
    let mut titled: Vec<NodeRef> = Vec::new();
    for body in crate::text::body(doc).nodes() {
        for node in body.descendants_it().filter(NodeRef::is_element) {
            if node
                .node_name()
                .is_some_and(|n| matches!(&*n, "h2" | "h3" | "h4" | "h5" | "h6"))
            {
                headings.push(node);
            }
            if node
                .attr("class")
                .is_some_and(|c| c.contains("title") || c.contains("headline"))
            {
                titled.push(node);
            }
        }
    }
    headings.extend(
        titled
            .into_iter()
            .filter(|t| is_title_box(t) && links_elsewhere(t, page)),
    );
    if headings.len() < MIN_CARDS {
        return Teasers::None;
    }
    // How many headings each element near one holds.
    let mut held: HashMap<NodeId, usize> = HashMap::new();
    for h in &headings {
        for a in h.ancestors_it(Some(CARD_DEPTH)) {
            *held.entry(a.id).or_default() += 1;
        }
    }
    // Each list's cards, by parent, with their headings.
    let mut cards: HashMap<NodeId, Vec<(NodeRef, NodeRef)>> = HashMap::new();
    for h in headings.iter().filter(|h| links_elsewhere(h, page)) {
        let headline = chars(h);
        // The card is the largest element around the heading that holds
        // no other heading and not too much text.
        let mut card = None;
        for a in h.ancestors_it(Some(CARD_DEPTH)) {
            if held.get(&a.id) != Some(&1) || a.node_name().as_deref() == Some("body") {
                break;
            }
            let excerpt = chars(&a).saturating_sub(headline);
            if excerpt >= MAX_EXCERPT {
                break;
            }
            card = Some((a, excerpt));
        }
        if let Some((card, _)) = card.filter(|(_, excerpt)| *excerpt >= MIN_EXCERPT) {
            if let Some(parent) = card.parent() {
                cards.entry(parent.id).or_default().push((card, *h));
            }
        }
    }
    // A list of teasers: every child holding a heading is a card but for
    // one, the list's own title (where more are not, the linked headings
    // are sections of the page's own).
    let (cards, headings): (Vec<NodeRef>, Vec<NodeRef>) = cards
        .into_iter()
        .filter(|(_, list)| list.len() >= MIN_CARDS)
        .filter(|(parent, list)| {
            doc.tree.get(parent).is_some_and(|parent| {
                let with_heading = parent
                    .element_children()
                    .iter()
                    .filter(|c| held.contains_key(&c.id))
                    .count();
                with_heading <= list.len() + 1
            })
        })
        .flat_map(|(_, list)| list)
        .unzip();
    // A page that is mostly such cards is a listing or a hub (a course
    // catalogue, a set of webcams): its cards are its content.
    let in_cards: usize = cards.iter().map(chars).sum();
    if in_cards == 0 {
        return Teasers::None;
    }
    let outside = prose_outside(doc, &cards);
    let an_article_besides = declared_article && outside >= ARTICLE_PROSE;
    if outside < in_cards && !an_article_besides {
        let headlines = headings
            .iter()
            .map(|h| collapse_whitespace(&h.text()))
            .collect();
        return Teasers::Cards(headlines);
    }
    for card in &cards {
        card.remove_from_parent();
    }
    Teasers::Removed(cards.len())
}

/// Characters of the page's paragraphs of some length outside `cards`.
fn prose_outside(doc: &Document, cards: &[NodeRef]) -> usize {
    let inside: HashSet<NodeId> = cards.iter().map(|c| c.id).collect();
    crate::text::body(doc)
        .select("p")
        .nodes()
        .iter()
        .filter(|p| {
            !p.ancestors_it(Some(CARD_DEPTH + 2))
                .any(|a| inside.contains(&a.id))
        })
        .map(chars)
        .filter(|&n| n >= MIN_EXCERPT)
        .sum()
}

/// Characters of `node`'s text, whitespace runs counting as one.
fn chars(node: &NodeRef) -> usize {
    node.text()
        .split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum()
}

/// A card's headline set in a box rather than a heading (`<div
/// class="title"><a href=…>…</a></div>`, as many news sites' "More
/// stories" cards are): a class naming a title or headline (not a
/// subtitle), with no heading inside it or around it.
fn is_title_box(node: &NodeRef) -> bool {
    const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let is_heading = |n: &NodeRef| {
        n.node_name()
            .is_some_and(|name| HEADINGS.contains(&name.as_ref()))
    };
    let class = node.attr("class").unwrap_or_default().to_ascii_lowercase();
    class.split_ascii_whitespace().any(|c| {
        (c.ends_with("title") || c.ends_with("headline"))
            && !c.ends_with("subtitle")
            && !c.ends_with("sub-title")
    }) && !is_heading(node)
        && !node.descendants_it().any(|d| is_heading(&d))
        && !node.ancestors_it(Some(CARD_DEPTH)).any(|a| is_heading(&a))
}

/// The whole of `heading`'s text is its links', and the first goes to
/// another page of `page`'s site (not the page itself, not the home page).
fn links_elsewhere(heading: &NodeRef, page: &Url) -> bool {
    let links: Vec<NodeRef> = heading
        .descendants_it()
        .filter(|n| n.node_name().as_deref() == Some("a") && n.has_attr("href"))
        .collect();
    let Some(first) = links.first() else {
        return false;
    };
    let linked: usize = links.iter().map(chars).sum();
    if linked == 0 || linked != chars(heading) {
        return false;
    }
    let Some(target) = first.attr("href").and_then(|h| page.join(&h).ok()) else {
        return false;
    };
    let host = |u: &Url| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_lowercase())
    };
    let path = |u: &Url| u.path().trim_end_matches('/').to_string();
    host(&target) == host(page) && !path(&target).is_empty() && path(&target) != path(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(slug: &str, excerpt: &str) -> String {
        format!(
            "<div class=\"post-item\"><img src=\"/{slug}.jpg\"><h3 class=\"title\"><a href=\"/{slug}/\">Headline of {slug}</a></h3><p>{excerpt}</p></div>"
        )
    }

    fn page(cards: &str) -> Document {
        let paragraph =
            "<p>The council approved the harbour plan on Tuesday evening after a long debate.</p>";
        Document::from(format!(
            "<html><body><article><h1>Harbour plan approved</h1>{}</article><div class=\"post-list\"><h2>More from News</h2>{cards}</div></body></html>",
            paragraph.repeat(5)
        ))
    }

    const EXCERPT: &str =
        "A short summary of another story on this site, long enough to be an excerpt.";

    fn url() -> Url {
        Url::parse("https://www.example.com/news/harbour-plan/").expect("url")
    }

    #[test]
    fn a_list_of_teaser_cards_goes() {
        let cards: String = ["a", "b", "c"].map(|s| card(s, EXCERPT)).concat();
        let doc = page(&cards);
        assert_eq!(strip(&doc, Some(&url()), false), Teasers::Removed(3));
        let text = doc.select("body").text();
        assert!(!text.contains("Headline of"), "{text}");
        assert!(!text.contains("A short summary"), "{text}");
        assert!(text.contains("The council approved"), "{text}");
    }

    #[test]
    fn cards_with_their_headline_in_a_title_box_go() {
        // As a news site's "More stories": the headline in a div classed
        // "title", an empty "toptitle" and a "subtitle" beside it.
        let boxed = |slug: &str| {
            format!(
                "<article class=\"card\"><div class=\"categories\">Front Page</div><div class=\"toptitle\"></div><div class=\"title\"><a href=\"/{slug}/\">Headline of {slug}</a></div><div class=\"subtitle\"><a href=\"/{slug}/\">More</a></div><div class=\"body\">{EXCERPT}</div></article>"
            )
        };
        let cards: String = ["a", "b", "c"].map(boxed).concat();
        let doc = page(&cards);
        assert_eq!(strip(&doc, Some(&url()), false), Teasers::Removed(3));
        assert!(!doc.select("body").text().contains("A short summary"));
        // A title box with a heading inside is counted once, as the heading.
        let wrapped = ["a", "b", "c"]
            .map(|s| {
                card(s, EXCERPT)
                    .replace("<h3 class=\"title\">", "<div class=\"post-title\"><h3>")
                    .replace("</h3>", "</h3></div>")
            })
            .concat();
        assert_eq!(
            strip(&page(&wrapped), Some(&url()), false),
            Teasers::Removed(3)
        );
        // A box whose text is not wholly its link is no headline.
        let partial = ["a", "b", "c"]
            .map(|s| boxed(s).replace("<div class=\"title\">", "<div class=\"title\">Step: "))
            .concat();
        assert_eq!(strip(&page(&partial), Some(&url()), false), Teasers::None);
    }

    #[test]
    fn a_short_article_declared_as_one_loses_the_many_teasers_after_it() {
        let cards: String = ["a", "b", "c", "d", "e", "f", "g", "h"]
            .map(|s| card(s, &EXCERPT.repeat(3)))
            .concat();
        // Five paragraphs (about 400 characters) against eight cards: a
        // listing, even when declared an article.
        for declared in [false, true] {
            assert!(matches!(
                strip(&page(&cards), Some(&url()), declared),
                Teasers::Cards(_)
            ));
        }
        // Fifteen paragraphs (over 1,000 characters) make an article,
        // when the page says it is one.
        let article = |declared: bool| {
            let paragraph = "<p>The council approved the harbour plan on Tuesday evening after a long debate.</p>";
            let doc = Document::from(format!(
                "<html><body><article><h1>Harbour plan approved</h1>{}</article><div class=\"post-list\">{cards}</div></body></html>",
                paragraph.repeat(15)
            ));
            strip(&doc, Some(&url()), declared)
        };
        assert_eq!(article(true), Teasers::Removed(8));
        assert!(matches!(article(false), Teasers::Cards(_)));
    }

    #[test]
    fn what_is_not_a_list_of_teasers_stays() {
        let two: String = ["a", "b"].map(|s| card(s, EXCERPT)).concat();
        let bare: String = ["a", "b", "c"].map(|s| card(s, "")).concat();
        let long_excerpt = EXCERPT.repeat(10);
        let sections: String = ["a", "b", "c"].map(|s| card(s, &long_excerpt)).concat();
        let elsewhere = ["a", "b", "c"]
            .map(|s| card(s, EXCERPT).replace("href=\"/", "href=\"https://shop.example.org/"))
            .concat();
        for (what, cards) in [
            ("two cards", two),
            (
                "linked headings without excerpts (a listicle's items)",
                bare,
            ),
            ("article sections under linked headings", sections),
            ("links to other sites", elsewhere),
        ] {
            let doc = page(&cards);
            assert_eq!(strip(&doc, Some(&url()), false), Teasers::None, "{what}");
            assert!(
                doc.select("body").text().contains("Headline of a"),
                "{what}"
            );
        }
        // A page that is mostly cards is a listing: they are its content.
        let cards: String = ["a", "b", "c", "d", "e", "f"]
            .map(|s| card(s, EXCERPT))
            .concat();
        let listing = Document::from(format!(
            "<html><body><h1>Courses</h1><div>{cards}</div></body></html>"
        ));
        assert_eq!(
            strip(&listing, Some(&url()), false),
            Teasers::Cards(
                ["a", "b", "c", "d", "e", "f"]
                    .map(|s| format!("Headline of {s}"))
                    .to_vec()
            )
        );
        // Where other children have headings too, the linked ones are the
        // page's own sections.
        let mixed = format!(
            "{}<div><h3>Half Dome</h3><p>{EXCERPT}</p></div><div><h3>El Capitan</h3><p>{EXCERPT}</p></div>",
            ["a", "b", "c"].map(|s| card(s, EXCERPT)).concat()
        );
        assert_eq!(strip(&page(&mixed), Some(&url()), false), Teasers::None);
        // Headings that are not wholly a link are the article's own.
        let partial = ["a", "b", "c"]
            .map(|s| card(s, EXCERPT).replace("<h3 class=\"title\">", "<h3 class=\"title\">Step: "))
            .concat();
        assert_eq!(strip(&page(&partial), Some(&url()), false), Teasers::None);
        // Links back to the page itself (a table of contents) stay.
        let own = ["a", "b", "c"]
            .map(|s| {
                card(s, EXCERPT).replace(&format!("href=\"/{s}/\""), "href=\"/news/harbour-plan/\"")
            })
            .concat();
        assert_eq!(strip(&page(&own), Some(&url()), false), Teasers::None);
    }
}
