//! The bylines a page shows in its markup: byline and author elements,
//! read for names the way a reader sees them.

use dom_query::{Document, NodeId, NodeRef};

use crate::text::first_line;

/// Elements that hold the byline, most specific first. [`candidates`]
/// finds what each selects in one walk; the tests hold it to them.
#[cfg_attr(not(test), allow(dead_code))]
const BYLINE_SELECTORS: &[&str] = &[
    r#"[itemprop="author"] [itemprop="name"]"#,
    r#"[itemprop="author"]"#,
    r#"a[rel="author"]"#,
    "[class*=author-name], [class*=author__name], [class*=authorName], [class*=AuthorName]",
    "[class*=byline] a, [class*=Byline] a",
    "[class*=byline], [class*=Byline]",
    "[class*=author] a, [class*=Author] a",
];

/// Links to an author's page (`/author/jane-doe`, `/authors/…`): after the
/// byline selectors, one person's name, the first such link that reads as
/// a person's — pages also link the authors of other articles.
#[cfg_attr(not(test), allow(dead_code))]
const AUTHOR_LINKS: &str = r#"a[href*="/author/"], a[href*="/authors/"]"#;

/// Any element whose class names an author (`blog_author-text`,
/// `author-box`): the last resort, read for one person's name only, since
/// such boxes nest and also hold bios, reviewers and "About the Author".
#[cfg_attr(not(test), allow(dead_code))]
const AUTHOR_BOXES: &str = "[class*=author], [class*=Author]";

/// Levels above the first byline element within which the other bylines
/// of the same article are.
const BYLINE_BLOCK: usize = 3;

/// Longest text taken as a byline.
const MAX_BYLINE: usize = 120;

/// The elements each of [`BYLINE_SELECTORS`], [`AUTHOR_LINKS`] and
/// [`AUTHOR_BOXES`] selects, in document order, found in one walk of the
/// tree: nine selector walks over the whole page were a twelfth of the
/// extraction's time (the unit tests check the walk selects what the
/// selectors do).
#[derive(Default)]
struct Candidates<'a> {
    /// One list per entry of [`BYLINE_SELECTORS`].
    bylines: [Vec<NodeRef<'a>>; 7],
    author_links: Vec<NodeRef<'a>>,
    author_boxes: Vec<NodeRef<'a>>,
}

/// What an element passes down to its descendants.
const IN_ITEMPROP_AUTHOR: u8 = 1;
const IN_BYLINE: u8 = 2;
const IN_AUTHOR: u8 = 4;

fn candidates(doc: &Document) -> Candidates<'_> {
    let mut c = Candidates::default();
    // An explicit stack, not recursion: pages may nest up to the guard's
    // depth limit.
    let mut stack = vec![(doc.root(), 0u8)];
    while let Some((node, inherited)) = stack.pop() {
        let mut passed = inherited;
        if node.is_element() {
            let class = node.attr("class");
            let class = class.as_deref().unwrap_or_default();
            let itemprop = node.attr("itemprop");
            let itemprop = itemprop.as_deref();
            let is_link = node.has_name("a");
            // Every class word looked for below holds "yline" or "uthor":
            // most elements' classes hold neither, and are done with in two
            // searches instead of eight.
            let (some_byline, some_author) = (class.contains("yline"), class.contains("uthor"));
            let byline = some_byline && (class.contains("byline") || class.contains("Byline"));
            let author = some_author && (class.contains("author") || class.contains("Author"));
            let picks = [
                itemprop == Some("name") && inherited & IN_ITEMPROP_AUTHOR != 0,
                itemprop == Some("author"),
                // HTML reads `rel` values in any case, as the selector did.
                is_link
                    && node
                        .attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("author")),
                some_author
                    && ["author-name", "author__name", "authorName", "AuthorName"]
                        .iter()
                        .any(|w| class.contains(w)),
                is_link && inherited & IN_BYLINE != 0,
                byline,
                is_link && inherited & IN_AUTHOR != 0,
            ];
            for (list, picked) in c.bylines.iter_mut().zip(picks) {
                if picked {
                    list.push(node);
                }
            }
            if is_link
                && node
                    .attr("href")
                    .is_some_and(|h| h.contains("/author/") || h.contains("/authors/"))
            {
                c.author_links.push(node);
            }
            if author {
                c.author_boxes.push(node);
            }
            if itemprop == Some("author") {
                passed |= IN_ITEMPROP_AUTHOR;
            }
            if byline {
                passed |= IN_BYLINE;
            }
            if author {
                passed |= IN_AUTHOR;
            }
        }
        stack.extend(
            node.children_it(true)
                .filter(NodeRef::is_element)
                .map(|child| (child, passed)),
        );
    }
    c
}

/// The bylines the page shows: the texts of the first selector (in
/// [`BYLINE_SELECTORS`] order) that finds short texts.
pub(crate) fn shown(doc: &Document) -> Vec<String> {
    let candidates = candidates(doc);
    for selected in &candidates.bylines {
        let mut found: Vec<String> = Vec::new();
        let nodes: Vec<NodeRef> = selected
            .iter()
            .filter(|n| !is_tag_link(n) && !in_comments(n))
            .copied()
            .collect();
        // One article's byline sits in one place: the names taken are the
        // first and those close to it, not the authors of the teasers and
        // comments further down.
        let near: Vec<NodeId> = nodes
            .first()
            .map(|first| {
                first
                    .ancestors_it(Some(BYLINE_BLOCK))
                    .map(|a| a.id)
                    .collect()
            })
            .unwrap_or_default();
        for node in nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| {
                *i == 0
                    || n.ancestors_it(Some(BYLINE_BLOCK + 1))
                        .any(|a| near.contains(&a.id))
            })
            .map(|(_, n)| n)
            .take(8)
        {
            // A byline element often holds the name and then, as its own
            // block, a job title or a date: the name is the first line.
            // Avatar initials ("NB") come before the name in some; the job
            // title after it, in an element of its own ("expert-title").
            let text = first_line(node, |el| is_job_title_element(el) || is_tag_link(el))
                .unwrap_or_default();
            if !text.is_empty() && text.len() <= MAX_BYLINE && !found.contains(&text) {
                found.push(text);
            }
        }
        if !found.is_empty() {
            return found;
        }
    }
    // Author-page links, then author boxes: one person's name each.
    first_person(&candidates.author_links)
        .or_else(|| first_person(&candidates.author_boxes))
        .into_iter()
        .collect()
}

/// Classes of a round portrait or an author's picture.
const PORTRAIT_CLASSES: &[&str] = &[
    "avatar",
    "author",
    "profile",
    "headshot",
    "gravatar",
    "rounded-full",
    "rounded-circle",
    "img-circle",
];

/// Levels above a portrait within which its caption is.
const PORTRAIT_CAPTION: usize = 4;

/// A person pictured as the page's author, the last resort for pages
/// that sign only with a portrait and a name beside it: the first `<img>`
/// (outside comments) whose class, or its parent's, names a portrait
/// ("avatar", "rounded-full"), whose alt text (before a comma: "Juliette
/// Carreiro, Tech Writer") reads as a person's name, and whose name an
/// element near it shows as its whole text. Images named after what they
/// show ("Deco X55", "Risk Management") are not taken: products and
/// topics come with no portrait class.
pub(crate) fn portrait(doc: &Document) -> Option<String> {
    crate::text::body(doc)
        .select("img[alt]")
        .nodes()
        .iter()
        .find_map(|img| {
            let classes =
                |n: Option<NodeRef>| n.map(|n| crate::text::class_and_id(&n)).unwrap_or_default();
            let hint = format!("{} {}", classes(Some(*img)), classes(img.parent()));
            if !PORTRAIT_CLASSES.iter().any(|c| hint.contains(c)) || in_comments(img) {
                return None;
            }
            let alt = img.attr("alt")?;
            let name = crate::text::collapse_whitespace(alt.split(',').next()?);
            if !crate::authors::looks_like_person(&name)
                || name.contains(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            // The highest of those levels holds every element below the others.
            let around = img.ancestors_it(Some(PORTRAIT_CAPTION)).last()?;
            let shown = around.descendants_it().any(|d| {
                d.is_element()
                    && d.node_name().as_deref() != Some("img")
                    && crate::text::collapse_whitespace(&d.text()) == name
            });
            shown.then_some(name)
        })
}

/// The first line of the first of the `selected` elements (outside
/// comments, of the first 8) that reads as a person's name.
fn first_person(selected: &[NodeRef]) -> Option<String> {
    selected
        .iter()
        .filter(|n| !in_comments(n))
        .take(8)
        .find_map(|node| {
            let first = first_line(node, |_| false)?;
            crate::authors::looks_like_person(&first).then_some(first)
        })
}

/// Whether `el` is inside a comment thread (`class="comment-author"` names
/// a commenter, not the author). `<body>`'s own classes ("comments-open")
/// say nothing about where an element is.
fn in_comments(el: &NodeRef) -> bool {
    std::iter::once(*el)
        .chain(el.ancestors_it(None))
        .take_while(|a| !matches!(a.node_name().as_deref(), Some("body" | "html")))
        .any(|a| {
            let words = crate::text::class_and_id(&a);
            ["comment", "respond", "replies", "disqus"]
                .iter()
                .any(|w| words.contains(w))
        })
}

/// A link to a tag, category or topic page: the topic links a byline
/// block holds ("Personal finance") are not its authors.
fn is_tag_link(el: &dom_query::NodeRef) -> bool {
    el.attr("href").is_some_and(|href| {
        let href = href.to_ascii_lowercase();
        [
            "/tag/",
            "/tags/",
            "/category/",
            "/categories/",
            "/topic/",
            "/topics/",
        ]
        .iter()
        .any(|t| href.contains(t))
    })
}

/// An element that holds a person's job title or a short bio next to the
/// name: `class="expert-title"`, `"author-role"`, `"job-title"`.
fn is_job_title_element(el: &dom_query::NodeRef) -> bool {
    el.attr("class").is_some_and(|class| {
        let class = class.to_ascii_lowercase();
        // "title h3-size card-author-name" holds the name; a bare "title"
        // is too common a class word to mean a job title.
        !class.contains("name")
            && [
                "role",
                "job",
                "position",
                "expert-title",
                "author-title",
                "author__title",
            ]
            .iter()
            .any(|w| class.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_selects_what_the_selectors_do() {
        let page = r#"<html><head><meta itemprop="name" content="x"></head><body>
            <div itemprop="author"><span itemprop="name">A</span><a rel="author" href="/x">B</a>
              <div itemprop="author"><b itemprop="name">C</b></div></div>
            <span itemprop="name">not inside an author</span>
            <p class="post-byline">By <a href="/author/d">D</a> and <a href="/tag/t">T</a></p>
            <div class="BylineBox"><div><a href="/e">E</a></div></div>
            <span class="author-name">F</span><span class="c-authorName">G</span>
            <div class="entry-author"><a href="/authors/h">H</a><div class="Author"><a>I</a></div></div>
            <a class="authorlink" href="/author/j">J</a><a href="/writers/k">K</a>
            <div class="">L</div><i class="authority">M</i><a rel="AUTHOR">N</a></body></html>"#;
        let fixtures = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .map(|p| std::fs::read_to_string(p).unwrap());
        let mut pages = 0;
        for html in std::iter::once(page.to_string()).chain(fixtures) {
            let doc = Document::from(html);
            let walked = candidates(&doc);
            let selectors = BYLINE_SELECTORS
                .iter()
                .chain([&AUTHOR_LINKS, &AUTHOR_BOXES]);
            let lists = walked
                .bylines
                .iter()
                .chain([&walked.author_links, &walked.author_boxes]);
            for (sel, list) in selectors.zip(lists) {
                let want: Vec<_> = doc.select(sel).nodes().iter().map(|n| n.id).collect();
                let got: Vec<_> = list.iter().map(|n| n.id).collect();
                assert_eq!(got, want, "{sel}");
            }
            pages += 1;
        }
        assert!(pages > 5);
    }

    fn bylines(body: &str) -> Vec<String> {
        shown(&Document::from(format!("<html><body>{body}</body></html>")))
    }

    #[test]
    fn the_name_beside_a_portrait_is_the_last_resort() {
        let portrait =
            |body: &str| portrait(&Document::from(format!("<html><body>{body}</body></html>")));
        assert_eq!(
            portrait(
                r#"<div class="flex"><img class="w-16 h-16 rounded-full" alt="Christoffer Artmann" src="/me.jpg"><div><p>Christoffer Artmann</p><p>Dec 2, 2025</p></div></div>"#
            )
            .as_deref(),
            Some("Christoffer Artmann")
        );
        assert_eq!(
            portrait(
                r#"<div class="author-avatar"><img alt="Juliette Carreiro, Tech Writer" src="/j.jpg"></div><p>Juliette Carreiro</p>"#
            )
            .as_deref(),
            Some("Juliette Carreiro")
        );
        for (what, body) in [
            (
                "a product picture",
                r#"<div class="product-image"><img alt="Deco X55" src="/deco.png"></div><p>Deco X55</p>"#,
            ),
            (
                "a portrait whose name the page does not show",
                r#"<img class="avatar" alt="Jane Doe" src="/j.jpg"><p>Our team</p>"#,
            ),
            (
                "an alt text that is no name",
                r#"<img class="rounded-full" alt="Career quiz" src="/q.jpg"><p>Career quiz</p>"#,
            ),
            (
                "a commenter's avatar",
                r#"<div class="comments"><img class="avatar" alt="Jane Doe" src="/j.jpg"><p>Jane Doe</p></div>"#,
            ),
        ] {
            assert_eq!(portrait(body), None, "{what}");
        }
    }

    #[test]
    fn topic_links_in_a_byline_are_not_authors() {
        assert_eq!(
            bylines(
                r#"<div class="byline"><a href="/blog/tag/personal-finance">Personal finance</a> <a href="/author/jane-doe">Jane Doe</a></div>"#
            ),
            ["Jane Doe"]
        );
        // Read as the byline element's first line, too.
        assert_eq!(
            bylines(
                r#"<div class="post-byline"><ul><li><a href="https://a.example/category/tax">Tax</a></li></ul><span>Jane Doe</span></div>"#
            ),
            ["Jane Doe"]
        );
    }

    #[test]
    fn a_link_to_an_author_page_gives_one_person() {
        // No byline element: the first link to an author page that reads
        // as a person's name; "Articles by …" and later links are not it.
        assert_eq!(
            bylines(
                r#"<p><a href="/articles/authors/jane">Articles by Jane</a> by <a href="/articles/authors/jane-doe">Jane Doe</a></p><aside><a href="/author/john-smith">John Smith</a></aside>"#
            ),
            ["Jane Doe"]
        );
        // A byline element comes first.
        assert_eq!(
            bylines(
                r#"<a href="/author/john-smith">John Smith</a><span class="byline">Jane Doe</span>"#
            ),
            ["Jane Doe"]
        );
    }

    #[test]
    fn only_the_article_s_own_byline_and_no_commenter() {
        let page = r#"<main><article><header><div class="meta"><div class="byline"><a href="/p/jane">Jane Doe</a> and <a href="/p/li">Li Wei</a></div></div></header><p>Text.</p></article><aside><ul><li><div class="teaser"><div class="byline"><a href="/p/other">Other Writer</a></div></div></li></ul></aside></main>"#;
        assert_eq!(bylines(page), ["Jane Doe", "Li Wei"]);
        let comments = r#"<article><p>Text.</p></article><div id="comments"><div class="comment"><span class="comment-author"><a href="/author/bob">Bob Commenter</a></span></div></div>"#;
        assert!(bylines(comments).is_empty(), "{:?}", bylines(comments));
        // A class of <body> says nothing about where the byline is.
        let open = Document::from(
            r#"<html><body class="single comments-open"><span class="byline">Jane Doe</span></body></html>"#,
        );
        assert_eq!(shown(&open), ["Jane Doe"]);
    }
}
