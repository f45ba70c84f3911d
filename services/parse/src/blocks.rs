//! Second opinions on where the article text is. Readability sometimes
//! settles on a footer or a disclosure box, or on one section of an article
//! whose sections sit in separate containers; two blocks found from the
//! page's paragraphs say where the text really is:
//!
//! - the *densest block*: the element whose `<p>` children hold the most
//!   text (a grandparent gets half credit, so sections still add up);
//! - the *content root*: the smallest element that holds most of the page's
//!   prose — paragraphs of a sentence or more, mostly not link text, outside
//!   navigation, comments, sidebars, share and newsletter boxes — however
//!   deep the sections under it are.
//!
//! When either holds far more text than Readability's choice, it is the
//! body (see `extract_with`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use dom_query::{Document, NodeId, NodeRef};

use crate::text::AnyOf;

/// Share of a page's prose that an element called an aside by its class
/// holds when the class is wrong (see `misnamed_asides`).
const MISNAMED_SHARE: f64 = 0.9;

/// Characters of prose that an element called an aside holds, at least,
/// when the class is wrong: a page with little prose is often all footer.
const MISNAMED_PROSE: usize = 2_000;

/// Shortest paragraph counted, characters (a sentence, not a link label).
const MIN_PARAGRAPH: usize = 40;

/// Paragraphs looked at per page.
const MAX_PARAGRAPHS: usize = 5_000;

/// Share of the page's prose the content root must hold. Development
/// corpus body F1 moves by under 0.001 between 0.5 and 0.8; 0.6 leaves room
/// for a comment thread or teaser list the class names do not give away.
const ROOT_SHARE: f64 = 0.6;

/// Class and id words of blocks around an article (Readability's "unlikely
/// candidates" and share, newsletter and cookie boxes) ...
const ASIDE_WORDS: &[&str] = &[
    "-ad-",
    "ad-break",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cookie",
    "disqus",
    "footer",
    "gdpr",
    "header",
    "menu",
    "newsletter",
    "pager",
    "pagination",
    "popup",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "supplemental",
];

/// ... unless a word of the article's own containers is there too
/// ("article-header", "post-content-share" stay).
const ARTICLE_WORDS: &[&str] = &[
    "article", "body", "column", "content", "main", "post", "story",
];

/// The page's paragraphs and the two blocks that may hold its article.
pub struct Blocks {
    /// The text of every `<p>` in the body, in page order (the body of last
    /// resort when Readability finds nothing).
    pub paragraphs: Vec<String>,
    /// The densest paragraph block that is not itself inside an aside,
    /// leaving out asides inside it (a comment thread in the post's block).
    pub densest: Block,
    /// The content root, leaving out asides inside it and paragraphs it
    /// repeats (pages that carry the article twice, for phones and for
    /// desktops, have their root above both).
    pub root: Block,
}

/// A block's paragraphs, headings, list items, quotes and preformatted text
/// in page order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// Their text, one per line.
    pub text: String,
    /// Their HTML, one after the other (not yet made safe).
    pub html: String,
}

/// Reads the page's paragraphs once for all [`Blocks`] fields.
pub fn read(doc: &Document) -> Blocks {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    // Paragraphs of prose (long enough, mostly not link text) and their
    // lengths in characters.
    let mut prosy: Vec<(NodeRef, usize)> = Vec::new();
    let mut aside = AsideCache::default();
    let mut paragraphs = Vec::new();
    let body = doc.body();
    let body_paragraphs = crate::text::body(doc).select("p");
    for (i, p) in body_paragraphs.nodes().iter().enumerate() {
        let text = p.text().to_string();
        let len = text.chars().count();
        paragraphs.push(text);
        if len < MIN_PARAGRAPH || i >= MAX_PARAGRAPHS {
            continue;
        }
        if let Some(parent) = p.parent() {
            *score.entry(parent.id).or_default() += 2 * len;
            if let Some(grand) = parent.parent() {
                *score.entry(grand.id).or_default() += len;
            }
        }
        if 2 * link_chars(p) <= len {
            prosy.push((*p, len));
        }
    }
    let mut prose = prose_by_ancestor(&prosy, &mut aside, body.as_ref());
    let misnamed = misnamed_asides(&prosy, &prose, &mut aside, body.as_ref());
    if !misnamed.is_empty() {
        for id in misnamed {
            aside.0.insert(id, false);
        }
        prose = prose_by_ancestor(&prosy, &mut aside, body.as_ref());
    }
    let root = body
        .and_then(|body| content_root(body, &prose))
        .map(|root| lines(&root, |n| aside.is_aside(n), true))
        .unwrap_or_default();
    let densest = score
        .iter()
        .filter_map(|(id, s)| Some((doc.tree.get(id)?, *s)))
        .filter(|(node, _)| !aside.within(node, body.as_ref()))
        .max_by_key(|(node, s)| (*s, std::cmp::Reverse(node.id)))
        .map(|(best, _)| best)
        .map(|block| lines(&block, |n| aside.is_aside(n), false))
        .unwrap_or_default();
    Blocks {
        paragraphs,
        densest,
        root,
    }
}

/// Characters of prose each element holds: the paragraphs outside asides,
/// counted for every ancestor.
fn prose_by_ancestor(
    prosy: &[(NodeRef, usize)],
    aside: &mut AsideCache,
    body: Option<&NodeRef>,
) -> HashMap<NodeId, usize> {
    let mut prose = HashMap::new();
    for (p, len) in prosy {
        if aside.within(p, body) {
            continue;
        }
        for a in p.ancestors_it(None) {
            *prose.entry(a.id).or_default() += len;
        }
    }
    prose
}

/// Elements whose class or id names a part of the layout around an article
/// ([`LAYOUT_WORDS`]) but that hold at least [`MISNAMED_SHARE`] of the
/// page's prose, and [`MISNAMED_PROSE`] characters of it: the name is wrong
/// (Resy sets a whole listicle in `<div class="page1-footer">`), as a real
/// footer, header or sidebar never holds nearly all of a page's prose.
/// Comment threads can, under a short post, and stay asides (as does
/// anything named a comment thread too); so do elements that are asides by
/// their tag (`<footer>`, `<nav>`, …).
fn misnamed_asides(
    prosy: &[(NodeRef, usize)],
    prose: &HashMap<NodeId, usize>,
    aside: &mut AsideCache,
    body: Option<&NodeRef>,
) -> Vec<NodeId> {
    let total: usize = prosy.iter().map(|(_, len)| len).sum();
    let outside = body.and_then(|b| prose.get(&b.id)).copied().unwrap_or(0);
    // Nearly all the prose inside asides, or there is nothing to look for.
    let enough =
        |held: usize| held >= MISNAMED_PROSE && held as f64 >= MISNAMED_SHARE * total as f64;
    if !enough(total - outside) {
        return Vec::new();
    }
    let mut held: HashMap<NodeId, usize> = HashMap::new();
    for (p, len) in prosy {
        let ancestors = std::iter::once(*p)
            .chain(p.ancestors_it(None))
            .take_while(|a| body.is_none_or(|b| b.id != a.id));
        for a in ancestors {
            if aside.is_aside(&a) && !is_aside_tag(&a) && names_layout(&a) {
                *held.entry(a.id).or_default() += len;
            }
        }
    }
    held.into_iter()
        .filter(|(_, n)| enough(*n))
        .map(|(id, _)| id)
        .collect()
}

/// A table of data rather than of layout: no table inside it (pages laid
/// out with tables nest them, and hold their whole text in one cell).
fn is_data_table(table: &NodeRef) -> bool {
    !table
        .descendants_it()
        .any(|n| n.node_name().as_deref() == Some("table"))
}

/// Characters of `p` inside links.
fn link_chars(p: &NodeRef) -> usize {
    p.descendants_it()
        .filter(|a| a.node_name().as_deref() == Some("a"))
        .map(|a| a.text().chars().count())
        .sum()
}

/// From `<body>` down, the child holding the most prose, while it holds at
/// least [`ROOT_SHARE`] of the page's.
fn content_root<'a>(body: NodeRef<'a>, prose: &HashMap<NodeId, usize>) -> Option<NodeRef<'a>> {
    let held = |n: &NodeRef| prose.get(&n.id).copied().unwrap_or_default();
    let total = held(&body);
    if total == 0 {
        return None;
    }
    let mut root = body;
    while let Some(best) = root.element_children().into_iter().max_by_key(held) {
        if (held(&best) as f64) < ROOT_SHARE * total as f64 {
            break;
        }
        root = best;
    }
    Some(root)
}

/// Whether elements are blocks around an article, remembered per element:
/// every paragraph asks about each of its ancestors.
#[derive(Default)]
struct AsideCache(HashMap<NodeId, bool>);

impl AsideCache {
    fn is_aside(&mut self, node: &NodeRef) -> bool {
        *self.0.entry(node.id).or_insert_with(|| is_aside(node))
    }

    /// Whether `node` or an ancestor below `top` is an aside.
    fn within(&mut self, node: &NodeRef, top: Option<&NodeRef>) -> bool {
        std::iter::once(*node)
            .chain(node.ancestors_it(None))
            .take_while(|a| top.is_none_or(|t| t.id != a.id))
            .any(|a| self.is_aside(&a))
    }
}

/// Class and id words of the layout around an article, which sites also
/// give to what holds it (see `misnamed_asides`).
const LAYOUT_WORDS: &[&str] = &["footer", "header", "sidebar"];

/// Class and id words of comment threads.
const COMMENT_WORDS: &[&str] = &["comment", "community", "disqus", "remark", "replies"];

/// Whether the class or id of `node` names a part of the layout and no
/// comment thread.
fn names_layout(node: &NodeRef) -> bool {
    static LAYOUT: LazyLock<AnyOf> = LazyLock::new(|| AnyOf::new(LAYOUT_WORDS));
    static COMMENTS: LazyLock<AnyOf> = LazyLock::new(|| AnyOf::new(COMMENT_WORDS));
    let words = crate::text::class_and_id(node);
    LAYOUT.found_in(&words) && !COMMENTS.found_in(&words)
}

/// Elements that are asides by their tag, whatever their class says.
const ASIDE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "form", "figure"];

fn is_aside_tag(node: &NodeRef) -> bool {
    node.qual_name_ref()
        .is_some_and(|name| ASIDE_TAGS.contains(&&*name.local))
}

fn is_aside(node: &NodeRef) -> bool {
    if is_aside_tag(node) {
        return true;
    }
    // What its class says is layout ("template-with-sidebar"); a comment
    // marked up as an <article> sits in a comment thread that says so.
    if node.has_name("article") || node.has_name("main") {
        return false;
    }
    static ASIDE: LazyLock<AnyOf> = LazyLock::new(|| AnyOf::new(ASIDE_WORDS));
    static ARTICLE: LazyLock<AnyOf> = LazyLock::new(|| AnyOf::new(ARTICLE_WORDS));
    let words = crate::text::class_and_id(node);
    ASIDE.found_in(&words) && !ARTICLE.found_in(&words)
}

/// `block`'s paragraphs, headings, list items, quotes and preformatted text
/// in page order; what is inside one of them (a `<p>` in a `<li>` or
/// `<blockquote>`) is read with it. Elements for which `skip` holds (or that have
/// such an ancestor inside `block`) are left out; with `unique`, a paragraph
/// already read is not read again.
fn lines(block: &NodeRef, mut skip: impl FnMut(&NodeRef) -> bool, unique: bool) -> Block {
    let mut lines = Vec::new();
    let mut html = String::new();
    let mut seen = HashSet::new();
    // Depth first, in page order, never entering a skipped element or one
    // already read whole.
    let mut stack: Vec<NodeRef> = block.element_children().into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        if skip(&node) {
            continue;
        }
        let name = node.node_name();
        let name = name.as_deref().unwrap_or_default();
        if name == "table" && is_data_table(&node) {
            // A row is a line, its cells side by side ("Manufacturing Basic
            // Best Best"): cells read one per line lose what they belong to.
            let rows = node
                .descendants_it()
                .filter(|n| n.node_name().as_deref() == Some("tr"));
            for row in rows {
                let cells: Vec<String> = row
                    .element_children()
                    .iter()
                    .map(|c| crate::text::collapse_whitespace(&c.text()))
                    .filter(|c| !c.is_empty())
                    .collect();
                if !cells.is_empty() {
                    lines.push(cells.join(" "));
                }
            }
            html.push_str(&node.html());
            continue;
        }
        if !matches!(
            name,
            "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre"
        ) {
            stack.extend(node.element_children().into_iter().rev());
            continue;
        }
        let line = text_with_breaks(&node);
        if unique {
            let key = crate::text::collapse_whitespace(&line);
            if key.chars().count() >= MIN_PARAGRAPH && !seen.insert(key) {
                continue;
            }
        }
        lines.push(line);
        html.push_str(&node.html());
    }
    Block {
        text: lines.join("\n"),
        html,
    }
}

/// The text of `node` with a line break where it has a `<br>` or a block
/// starts: code in a `<pre>` and verse in a `<p>` are broken by `<br>`s,
/// which `text()` drops ("python3import subprocessimport time").
fn text_with_breaks(node: &NodeRef) -> String {
    let mut text = String::new();
    for d in node.descendants_it() {
        if d.is_text() {
            text.push_str(&d.text());
        } else if d.has_name("br")
            || crate::text::is_block(&d) && !text.is_empty() && !text.ends_with('\n')
        {
            // A list item made of a heading and paragraphs ("<li><h2>Kia
            // PV5</h2><p>This is…</p></li>") is read a line per part, not
            // run together ("Kia PV5This is…").
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(n: usize) -> String {
        format!(
            "<div class=\"s{n}\"><div><h2>Part {n}</h2><div><p>Sentence {n} of the article, long enough to count as prose.</p><p>Another sentence of part {n}, also long enough to count.</p></div></div></div>"
        )
    }

    #[test]
    fn the_content_root_gathers_sections_however_deep() {
        let html = format!(
            "<body><nav><p>Home news sport weather, a menu long enough to count as prose.</p></nav><main><div class=\"col\">{}{}{}</div><div class=\"comments\"><p>A reader's comment, which is long enough to count as prose.</p></div></main><footer><p>Copyright and terms of use, long enough to count as prose.</p></footer></body>",
            section(1),
            section(2),
            section(3)
        );
        let blocks = read(&Document::from(html));
        assert_eq!(blocks.root.text.lines().count(), 9, "{}", blocks.root.text);
        assert!(blocks.root.text.starts_with("Part 1\nSentence 1"));
        assert!(blocks.root.html.starts_with("<h2>Part 1</h2><p>Sentence 1"));
        assert!(blocks
            .root
            .text
            .ends_with("Another sentence of part 3, also long enough to count."));
        // The densest block is one section only.
        assert_eq!(
            blocks.densest.text.lines().count(),
            2,
            "{}",
            blocks.densest.text
        );
    }

    /// A listicle set in an element whose class says "footer" is read when
    /// it holds nearly all the page's prose; a comment thread that does,
    /// under a short post, and a real footer stay out.
    #[test]
    fn an_aside_by_name_that_holds_nearly_all_the_prose_is_read() {
        let entry = |n: usize| {
            format!("<article class=\"venue\"><h3><a href=\"/venues/{n}\">Venue {n}</a></h3><div class=\"excerpt\"><p>Venue {n} serves a tasting menu worth the trip, long enough to count as prose.</p></div></article>")
        };
        let entries: String = (1..=40).map(entry).collect();
        let intro =
            "<p>The stars are back in the city, and here is every honoree you can book.</p>";
        let listicle = format!("<body><div class=\"page\">{intro}<div class=\"page-footer\"><div class=\"venues\">{entries}</div></div></div><footer><p>Copyright and terms of use, long enough to count as prose.</p></footer></body>");
        let blocks = read(&Document::from(listicle));
        assert!(
            blocks.root.text.contains("Venue 1 serves"),
            "{}",
            blocks.root.text
        );
        assert!(blocks.root.text.contains("Venue 40 serves"));
        assert!(!blocks.root.text.contains("Copyright"));

        let comment = |n: usize| {
            format!("<li><div class=\"comment-body\"><p>Reader {n} writes a comment on the post, long enough to count as prose.</p></div></li>")
        };
        let comments: String = (1..=40).map(comment).collect();
        let post = "<p>A short post of one paragraph, long enough to count as prose.</p>";
        let thread = format!("<body><div class=\"post\">{post}</div><div class=\"site-footer\"><p>About this site, in a footer long enough to count as prose.</p></div><div class=\"footer-comments\"><ol>{comments}</ol></div></body>");
        let blocks = read(&Document::from(thread));
        assert!(!blocks.root.text.contains("Reader"), "{}", blocks.root.text);
        assert!(!blocks.root.text.contains("About this site"));
    }

    #[test]
    fn comments_inside_the_densest_block_are_left_out() {
        // WordPress themes put the comment thread inside the post's own
        // block, each comment an <article>; the post is an <article> whose
        // class names the layout's sidebar.
        let comment = "<li><article class=\"comment\"><div class=\"comment-content\"><p>A reader's comment, long enough to count as prose here.</p></div></article></li>";
        let html = format!(
            "<body><article class=\"template-with-sidebar\"><div class=\"postarea\"><p>The first paragraph of the post, long enough to count.</p><p>The second paragraph of the post, long enough to count.</p><div id=\"comments\"><ol>{}</ol></div></div></article></body>",
            comment.repeat(8)
        );
        let blocks = read(&Document::from(html));
        let post = "The first paragraph of the post, long enough to count.\nThe second paragraph of the post, long enough to count.";
        assert_eq!(blocks.densest.text, post);
        assert_eq!(blocks.root.text, post);
    }

    #[test]
    fn a_data_table_is_read_a_row_to_a_line() {
        let table = "<table><tr><th>Industry</th><th>NetSuite</th><th>HubSpot</th></tr><tr><td><strong>Manufacturing</strong></td><td>Basic</td><td>Best</td></tr><tr><td>Retail</td><td>Best</td><td></td></tr></table>";
        let html = format!("<body><div><p>The first paragraph of the comparison, long enough to count.</p>{table}<p>The second paragraph of the comparison, long enough to count.</p></div></body>");
        let blocks = read(&Document::from(html));
        assert_eq!(
            blocks.densest.text.lines().collect::<Vec<_>>(),
            [
                "The first paragraph of the comparison, long enough to count.",
                "Industry NetSuite HubSpot",
                "Manufacturing Basic Best",
                "Retail Best",
                "The second paragraph of the comparison, long enough to count.",
            ]
        );
        assert!(
            blocks.densest.html.contains("<table>"),
            "{}",
            blocks.densest.html
        );
        // A table laying out the page (tables inside it) is read as before:
        // its paragraphs, not its rows.
        let layout = "<body><table><tr><td><table><tr><td>Menu</td></tr></table></td><td><p>The first paragraph of the story, long enough to count.</p><p>The second paragraph of the story, long enough to count.</p></td></tr></table></body>";
        assert_eq!(
            read(&Document::from(layout)).densest.text,
            "The first paragraph of the story, long enough to count.\nThe second paragraph of the story, long enough to count."
        );
    }

    #[test]
    fn an_article_carried_twice_is_read_once() {
        let copy = "<div><p>The one paragraph of this article, long enough to count.</p><p>And its second paragraph, which is also long enough.</p></div>";
        let html = format!("<body><div>{copy}<div class=\"share\"><p>Share this story with your friends and family today.</p></div>{copy}</div></body>");
        let blocks = read(&Document::from(html));
        assert_eq!(
            blocks.root.text,
            "The one paragraph of this article, long enough to count.\nAnd its second paragraph, which is also long enough."
        );
    }

    /// The densest block's lines for the page `html`.
    fn densest_lines(html: &str) -> Vec<String> {
        read(&Document::from(html))
            .densest
            .text
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn what_is_inside_a_heading_or_list_item_is_read_with_it_once() {
        let html = "<body><div><h2><p>What are the big three?</p></h2><p>The first paragraph of the answer is long enough to count.</p><ul><li><p>A list item with its own paragraph inside.</p></li></ul><p>The second paragraph of the answer is long enough to count.</p></div></body>";
        assert_eq!(
            densest_lines(html),
            [
                "What are the big three?",
                "The first paragraph of the answer is long enough to count.",
                "A list item with its own paragraph inside.",
                "The second paragraph of the answer is long enough to count."
            ]
        );
    }

    #[test]
    fn the_parts_of_a_list_item_are_lines_of_their_own() {
        let html = "<body><div><p>The first paragraph of the ranking is long enough to count.</p><ol><li><div><h2>Kia PV5</h2></div><div><p>This is another impressive entry, <a href=\"/pv5\">the <b>full</b> review</a> <span>says</span>.</p><p>Read the full review</p></div></li><li>A plain list item with <em>emphasis</em> inside it.</li></ol><blockquote><p>First paragraph quoted.</p><p>Second paragraph quoted.</p></blockquote><p>The second paragraph of the ranking is long enough to count.</p></div></body>";
        assert_eq!(
            densest_lines(html),
            [
                "The first paragraph of the ranking is long enough to count.",
                "Kia PV5",
                "This is another impressive entry, the full review says.",
                "Read the full review",
                "A plain list item with emphasis inside it.",
                "First paragraph quoted.",
                "Second paragraph quoted.",
                "The second paragraph of the ranking is long enough to count."
            ]
        );
    }

    #[test]
    fn link_lists_and_pages_without_prose_have_no_root() {
        let html = "<body><div><p><a href=\"/a\">A headline that links to another story on the site</a></p><p>Short.</p></div></body>";
        assert_eq!(read(&Document::from(html)).root, Block::default());
    }
}
