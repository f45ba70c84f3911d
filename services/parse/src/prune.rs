//! What is taken out of the page before Readability reads it: elements it
//! may take into the article it picks. The block finders (`blocks.rs`) read
//! the page whole before, so an article a site sets inside one of them is
//! still found.

use dom_query::Document;

/// Class words of share buttons, newsletter and subscription boxes and
/// cookie notices (Readability's own list of unlikely classes has none of
/// them).
const BOX_WORDS: &[&str] = &["share", "newsletter", "cookie", "subscribe"];

/// Class words of elements that hold the article: a box whose class also
/// says one of these ("post-share-wrapper content") is left in.
const ARTICLE_WORDS: &[&str] = &["article", "body", "content", "main", "post", "story"];

/// Longest text of a box removed, bytes: a longer element with such a
/// class wraps more than the box ("has-share-buttons" on the article).
const MAX_BOX_TEXT: usize = 400;

/// Removes `<nav>` and `<footer>` elements, and short boxes whose class
/// names a share, newsletter, subscription or cookie box. Left in, they
/// ended up inside the article Readability picked on some pages ("Previous
/// … Next" links, the footer's phone numbers, "Share"). Development corpus
/// body F1 0.9474 -> 0.9478 (29 pages better, 5 worse) for the first,
/// 0.9478 -> 0.9479 (9 better, 1 worse by 0.001) for the second
/// (docs/benchmarks.md). Classes only, not ids: ids are made from heading
/// texts ("hr-shared-services").
pub(crate) fn before_readability(doc: &Document) {
    // One walk over the body's elements instead of a selector per rule (the
    // three selectors were 3 % of the extraction's time).
    let Some(body) = doc.body() else {
        return;
    };
    let (mut navigation, mut boxes) = (Vec::new(), Vec::new());
    for el in body.descendants().into_iter().filter(|n| n.is_element()) {
        let Some(name) = el.node_name() else {
            continue;
        };
        let name: &str = &name;
        if matches!(name, "nav" | "footer") {
            navigation.push(el);
        }
        let Some(class) = el.class() else {
            continue;
        };
        let raw = class;
        let class = raw.to_lowercase();
        // Readability drops an element whose class says "header" as
        // unlikely to be content: a section heading that calls itself one
        // (Substack's `<h2 class="header-anchor-post">`) went with it.
        // Development corpus: 18 pages better, 9 worse (one by 0.19: a page
        // of cards headed so, which Readability then took for the
        // article); removing every heading's class: 21 better, 10 worse,
        // one author lost.
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") && raw.contains("header") {
            el.remove_attr("class");
            continue;
        }
        // The same for a block holding the article's own prose: Hearst's
        // listicles set their introduction in `<section
        // class="listicle-header">`.
        if raw.contains("header") && holds_prose(&el) {
            el.remove_attr("class");
            continue;
        }
        let boxed = BOX_WORDS.iter().any(|w| class.contains(w))
            && !ARTICLE_WORDS.iter().any(|w| class.contains(w))
            && !matches!(name, "article" | "main");
        if boxed {
            boxes.push(el);
        }
    }
    for el in navigation {
        el.remove_from_parent();
    }
    // Boxes are measured without the navigation they held, as before.
    for el in boxes {
        if el.text().len() < MAX_BOX_TEXT {
            el.remove_from_parent();
        }
    }
}

/// Shortest paragraph that makes a header-classed block article prose.
const PROSE_PARAGRAPH: usize = 200;

/// Whether `el` holds a paragraph of prose (a page header holds a logo,
/// menus and a search box, not a 200-character `<p>`).
fn holds_prose(el: &dom_query::NodeRef) -> bool {
    el.descendants()
        .iter()
        .filter(|d| d.has_name("p"))
        .any(|p| p.text().chars().count() >= PROSE_PARAGRAPH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_called_headers_stay_in_the_article() {
        let paragraph = "<p>The cloud is a place to sync, not the place the program lives; a program that needs the network to start is a program that fails.</p>";
        let html = format!(
            r#"<html><head><title>The edge-first manifesto</title></head><body><article>
            <h1>The edge-first manifesto</h1>{paragraph}{paragraph}
            <h2 class="header-anchor-post">The cloud is not the computer<div class="header-anchor-parent"><button>Link</button></div></h2>
            {paragraph}{paragraph}
            <h2 class="header-anchor-post">Determinism over magic</h2>{paragraph}{paragraph}
            </article></body></html>"#
        );
        let article =
            crate::extract(&html, "https://example.substack.com/p/edge").expect("article");
        for heading in ["The cloud is not the computer", "Determinism over magic"] {
            assert!(
                article.body_text.contains(heading),
                "{heading} not in {}",
                article.body_text
            );
        }
    }

    #[test]
    fn a_listicle_introduction_classed_as_a_header_stays_in_the_article() {
        let intro = "So you have decided to give your home a refresh. But where to begin? Between the hundreds of paint swatches, endless furniture arrangements and the sheer number of decisions, it can all feel like a lot for one person to take on.";
        let item = |n: usize| {
            format!("<section id=\"slide-{n}\"><div><h2>Service {n}</h2><div><p>Service {n} pairs you with a designer who plans the room with you, sends a floor plan and a shopping list, and answers questions for a month.</p></div></div></section>")
        };
        let items: String = (1..=6).map(item).collect();
        // Hearst's shape: the introduction's section and the slides'
        // sections side by side.
        let html = format!(
            r#"<html><head><title>The best online design services</title></head><body>
            <header class="site-header"><a href="/">Elle Decor</a><p>Menu</p></header>
            <div class="listicle-container"><section>
            <section class="listicle-header"><div><div class="listicle-intro"><p>{intro}</p><p>{intro}</p><p>{intro}</p></div></div></section>
            {items}</section></div></body></html>"#
        );
        let article = crate::extract(&html, "https://decor.example/g1/design/").expect("article");
        assert!(
            article.body_text.starts_with("So you have decided"),
            "{}",
            article.body_text
        );
        assert!(article.body_text.contains("Service 6"));
        // A page header without prose keeps its class (and stays out).
        let doc = Document::from(
            r#"<html><body><div class="page-header"><p>Menu</p></div></body></html>"#,
        );
        before_readability(&doc);
        assert_eq!(doc.select("div.page-header").length(), 1);
    }

    #[test]
    fn navigation_footers_and_short_boxes_go_and_the_article_stays() {
        let doc = Document::from(
            r#"<html><body><nav>Home</nav>
            <div class="post-content share-wrapper"><p>Kept: the article says share.</p></div>
            <article class="share-enabled"><p>Kept: an article element.</p></article>
            <div class="social-share"><a>Share</a><a>Tweet</a></div>
            <div class="newsletter-box">Sign up for our newsletter</div>
            <div class="share-bar">Kept: long text. {LONG}</div>
            <h2 id="shared-services">Kept: HR shared services</h2>
            <footer>Call 423.602.2750</footer></body></html>"#
                .replace("{LONG}", &"word ".repeat(100)),
        );
        before_readability(&doc);
        let text = doc.select("body").text();
        for gone in ["Home", "Tweet", "Sign up", "423.602.2750"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert_eq!(text.matches("Kept:").count(), 4, "{text}");
    }
}
