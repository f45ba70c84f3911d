//! The body HTML: Readability's HTML as a safe subset, or the text's
//! paragraphs as `<p>`s when the text came without HTML.
//!
//! The subset is ammonia's default policy narrowed to the tags an article
//! body needs: the same tags keep the same attributes, links get
//! `rel="nofollow noopener noreferrer"`, `href`s with a scheme outside
//! ammonia's list (`javascript:`, `data:`, …) are dropped, `<script>` and
//! `<style>` go with their contents, other tags are unwrapped (their text
//! stays), comments go. It was `ammonia::Builder::clean`; this serializer
//! writes the same output from the DOM parsed once for the line removals
//! (ammonia parsed and serialized the HTML a second time: ~6 % of the
//! extraction's time). The tests hold it to ammonia's output.
//!
//! Readability's article is written from the element Readability leaves
//! in its document, not from its HTML parsed again (another ~3.5 %). Its
//! changes can set a block inside a paragraph (`<p><h2>…</h2></p>`), which
//! no parser builds: such a paragraph is unwrapped, where a second parse
//! split it into empty paragraphs around the block.

use std::collections::HashMap;

use dom_query::{Document, NodeData, NodeRef, Selection};

/// Tags the body HTML keeps: blocks (which may not stand inside a
/// paragraph) and the inline tags ([`INLINE`]); any other element is
/// unwrapped.
const BLOCKS: [&str; 21] = [
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "dl",
    "dt",
    "dd",
];

/// The inline tags the body HTML keeps (see [`BLOCKS`]).
const INLINE: [&str; 14] = [
    "br", "a", "em", "strong", "b", "i", "u", "sub", "sup", "code", "q", "cite", "abbr", "time",
];

/// Elements that go with everything inside them.
const DROPPED: [&str; 2] = ["script", "style"];

/// What links carry: search engines and the opened page get nothing from
/// the reader's page.
const LINK_REL: &str = "nofollow noopener noreferrer";

/// URL schemes a link may have (ammonia's default list); relative links
/// are kept as they are.
const URL_SCHEMES: [&str; 25] = [
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// Whether a kept `tag` keeps attribute `attr` (ammonia's defaults for
/// these tags).
fn allowed_attribute(tag: &str, attr: &str) -> bool {
    matches!(attr, "lang" | "title")
        || match tag {
            "a" => matches!(attr, "href" | "hreflang"),
            "blockquote" | "q" => attr == "cite",
            "ol" => attr == "start",
            "table" => matches!(attr, "align" | "char" | "charoff" | "summary"),
            "tbody" | "thead" | "tr" => matches!(attr, "align" | "char" | "charoff"),
            "td" => matches!(
                attr,
                "align" | "char" | "charoff" | "colspan" | "headers" | "rowspan"
            ),
            "th" => matches!(
                attr,
                "align" | "char" | "charoff" | "colspan" | "headers" | "rowspan" | "scope"
            ),
            _ => false,
        }
}

/// A link target that is relative or has an allowed scheme.
fn safe_url(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(u) => URL_SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Readability's HTML as a safe subset (see the module's documentation),
/// with the paragraphs the text cleaning removed (`removed`, as
/// [`crate::body::clean`] reports them) removed here too.
pub fn safe_html(content: &str, removed: &[String]) -> String {
    let doc = Document::fragment(content);
    if !removed.is_empty() {
        remove_lines(&doc.root().into(), removed);
    }
    let mut out = String::with_capacity(content.len() / 2);
    write_safe(doc.root().children_it(true), &mut out);
    out
}

/// [`safe_html`] of the article element of the document Readability
/// leaves (`#readability-page-1`), walked where it is instead of written
/// out by Readability and parsed again (~3.5 % of the extraction). The
/// shown-date scan's marks in its text are left out as they are written.
pub fn safe_readable_html(doc: &Document, removed: &[String]) -> String {
    let selection = doc.select_single("#readability-page-1");
    let Some(article) = selection.nodes().first().cloned() else {
        return String::new();
    };
    if !removed.is_empty() {
        remove_lines(&selection, removed);
    }
    let mut out = String::new();
    write_safe(std::iter::once(article), &mut out);
    out
}

/// As many elements go as lines went, the first in page order: a table of
/// contents' entry goes, the heading it repeats further on stays. Lists
/// left without items go too.
fn remove_lines(within: &Selection, removed: &[String]) {
    let mut left: HashMap<String, usize> = HashMap::new();
    for r in removed {
        *left.entry(normal(r)).or_default() += 1;
    }
    for el in within.select("p, h2, h3, h4, h5, h6, li").iter() {
        // A paragraph around a block is unwrapped when written: the block
        // is the line (matching both would spend two lines on one).
        if el
            .nodes()
            .first()
            .is_some_and(|n| n.has_name("p") && holds_block(n))
        {
            continue;
        }
        if let Some(n) = left.get_mut(&normal(&crate::visible::unmark(&el.text()))) {
            if *n > 0 {
                *n -= 1;
                el.remove();
            }
        }
    }
    for list in within.select("ul, ol").iter() {
        if list.children().is_empty() && list.text().trim().is_empty() {
            list.remove();
        }
    }
}

fn normal(s: &str) -> String {
    crate::text::collapse_whitespace(s).to_lowercase()
}

/// One step of the walk: a node to write, or a kept element to close.
enum Step<'a> {
    Node(NodeRef<'a>),
    Close(&'static str),
}

/// Writes the safe subset of `nodes`, given last first. An explicit stack, not
/// recursion: the guard bounds nesting, but a writer should not need it.
fn write_safe<'a>(nodes: impl Iterator<Item = NodeRef<'a>>, out: &mut String) {
    let mut stack: Vec<Step> = nodes.map(Step::Node).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Close(tag) => {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
                continue;
            }
            Step::Node(node) => node,
        };
        let kept = node.query_or(None, |n| match &n.data {
            NodeData::Text { contents } => {
                if contents.as_bytes().contains(&0xEE) {
                    escape(&crate::visible::unmark(contents), false, out);
                } else {
                    escape(contents, false, out);
                }
                None
            }
            NodeData::Element(el) => {
                // SVG and MathML hold no article text ammonia would keep.
                if &*el.name.ns != "http://www.w3.org/1999/xhtml" {
                    return None;
                }
                let local: &str = &el.name.local;
                if DROPPED.contains(&local) {
                    return None;
                }
                let Some(tag) = BLOCKS.iter().chain(&INLINE).find(|t| **t == local) else {
                    return Some(None);
                };
                // Readability wraps blocks in paragraphs ("<p><h2>…</h2></p>"),
                // which no parser builds: the paragraph is unwrapped. (A
                // parse of the HTML splits it into empty paragraphs around
                // the block instead.)
                if *tag == "p" && holds_block(&node) {
                    return Some(None);
                }
                out.push('<');
                out.push_str(tag);
                for attr in &el.attrs {
                    let name: &str = &attr.name.local;
                    if allowed_attribute(tag, name) && (name != "href" || safe_url(&attr.value)) {
                        out.push(' ');
                        out.push_str(name);
                        out.push_str("=\"");
                        escape(&attr.value, true, out);
                        out.push('"');
                    }
                }
                if *tag == "a" {
                    out.push_str(" rel=\"");
                    out.push_str(LINK_REL);
                    out.push('"');
                }
                out.push('>');
                Some(Some(*tag))
            }
            // Comments, doctypes and processing instructions go.
            _ => None,
        });
        match kept {
            // Dropped with its contents, or a leaf already written.
            None => {}
            // Unwrapped: its children take its place.
            Some(None) => stack.extend(node.children_it(true).map(Step::Node)),
            Some(Some("br")) => {}
            Some(Some(tag)) => {
                stack.push(Step::Close(tag));
                stack.extend(node.children_it(true).map(Step::Node));
            }
        }
    }
}

/// Whether a block the body HTML keeps is inside `node`.
fn holds_block(node: &NodeRef) -> bool {
    node.descendants_it()
        .any(|d| BLOCKS.iter().any(|block| d.has_name(block)))
}

/// HTML escaping as html5ever serializes: `&`, `<`, `>` and no-break
/// spaces always, `"` in attribute values.
fn escape(text: &str, attribute: bool, out: &mut String) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let with = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\u{a0}' => "&nbsp;",
            '"' if attribute => "&quot;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(with);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// Paragraphs of `text` (separated by blank lines) as escaped `<p>`s: the
/// body HTML of text that came without HTML.
pub fn text_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for p in text.split("\n\n").filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        escape(p, false, &mut out);
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_contents_leaves_the_html_and_its_headings_stay() {
        let html = "<ul><li><a href=\"#bold\">Bold Color Mixes</a></li><li><a href=\"#glass\">Mismatched Glassware</a></li></ul><h2 id=\"bold\">Bold Color Mixes</h2><p>Clashing colours are in.</p><h2 id=\"glass\">Mismatched Glassware</h2><p>No two glasses alike.</p>";
        let text = "Jump to:\nBold Color Mixes\nMismatched Glassware\nBold Color Mixes\nClashing colours are in.\nMismatched Glassware\nNo two glasses alike.";
        let body = crate::body::clean(text, &[]);
        let safe = safe_html(html, &body.removed);
        assert_eq!(
            safe,
            "<h2>Bold Color Mixes</h2><p>Clashing colours are in.</p><h2>Mismatched Glassware</h2><p>No two glasses alike.</p>"
        );
    }

    #[test]
    fn html_is_made_safe_and_loses_the_removed_paragraphs() {
        let html = r#"<div onclick="x()"><p>Kept <a href="https://a.example/" onclick="y()">link</a>.</p><script>alert(1)</script><p style="color:red">By A, staff reporter</p><iframe src="https://evil.example/"></iframe></div>"#;
        let safe = safe_html(html, &["By A, staff reporter".to_string()]);
        assert!(safe.contains("<p>Kept <a href=\"https://a.example/\" rel=\"nofollow noopener noreferrer\">link</a>.</p>"), "{safe}");
        for gone in [
            "onclick",
            "script",
            "alert",
            "style",
            "iframe",
            "staff reporter",
            "<div",
        ] {
            assert!(!safe.contains(gone), "{gone} in {safe}");
        }
    }

    #[test]
    fn readabilitys_article_is_written_where_it_is() {
        // As Readability leaves a document: its article element, the
        // shown-date scan's marks in the text, a heading wrapped in a
        // paragraph, and page furniture outside the article.
        let doc = Document::from(
            "<html><body><p>Outside the article</p><div id=\"readability-page-1\" class=\"page\">\
             <p>\u{E000}Town votes <em>today</em></p><p id=\"wrapper\"></p>\
             <p>By A, staff reporter</p><p>Fish &amp; chips.</p></div></body></html>",
        );
        // No parser puts a heading in a paragraph; Readability's changes do.
        doc.select("#wrapper")
            .append_html("<h2>What \u{E001}happened</h2>");
        assert_eq!(doc.select("p > h2").length(), 1);
        let safe = safe_readable_html(&doc, &["By A, staff reporter".to_string()]);
        assert_eq!(
            safe,
            "<p>Town votes <em>today</em></p><h2>What happened</h2><p>Fish &amp; chips.</p>"
        );
        // The same content written out and parsed again gives the same
        // text, with empty paragraphs where the heading was wrapped.
        let again = safe_html(
            &crate::visible::unmark(&doc.select_single("#readability-page-1").html()),
            &[],
        );
        assert_eq!(
            again,
            "<p>Town votes <em>today</em></p><p></p><h2>What happened</h2><p></p><p>Fish &amp; chips.</p>"
        );
    }

    #[test]
    fn text_without_html_becomes_escaped_paragraphs() {
        assert_eq!(
            text_html("Fish & chips <b>now</b>.\n\nSecond."),
            "<p>Fish &amp; chips &lt;b&gt;now&lt;/b&gt;.</p><p>Second.</p>"
        );
        assert_eq!(text_html(""), "");
    }

    /// What `ammonia` (the sanitizer this module replaced) writes for
    /// `html` under the same policy.
    fn ammonia(html: &str) -> String {
        ammonia::Builder::default()
            .tags(BLOCKS.into_iter().chain(INLINE).collect())
            .link_rel(Some(LINK_REL))
            .clean(html)
            .to_string()
    }

    #[test]
    fn writes_what_ammonia_writes() {
        let cases = [
            // Attributes: kept per tag, dropped, escaped; rel added.
            r#"<p class="x" lang="en" title='say "hi"'>A &amp; B &lt; C &gt; D&nbsp;E</p>"#,
            r#"<a href="https://a.example/?q=1&amp;r=2" hreflang="en" target="_blank" rel="me">x</a>"#,
            r#"<a href="/relative/path">rel</a><a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a><a href="mailto:a@b.example">mail</a><a href="http://[bad">bad</a><a>none</a>"#,
            r#"<ol start="3" type="a"><li value="4">x</li></ol><blockquote cite="https://c.example/">q</blockquote><q cite="u">q</q>"#,
            r#"<table align="left" summary="s" border="1"><thead><tr><th scope="col" colspan="2" abbr="a">h</th></tr></thead><tbody><tr><td rowspan="2" headers="h" width="9">d</td></tr></tbody></table>"#,
            // Unwrapped, dropped with contents, comments, void elements.
            r#"<div><section><span>text</span> <img src="x.png" alt="a"><br/>after<br></section></div>"#,
            r#"<p>a<script>alert(1)</script>b<style>p{}</style>c<!-- comment -->d</p>"#,
            r#"<h1>Title</h1><h2 id="a" onclick="x()">Heading</h2><figure><figcaption>cap</figcaption></figure>"#,
            r#"<p>math <svg><title>svg title</title><path d="M0"/></svg> and <math><mi>x</mi></math> end</p>"#,
            r#"<form action="/x"><input value="v"><button>Go</button><select><option>o</option></select><textarea>t &lt; u</textarea></form>"#,
            r#"<pre>
line one
  line two &amp; more</pre><code>x &lt; y</code><time datetime="2024">2024</time><abbr title="t">T</abbr>"#,
            "<pre>\nleading newline</pre><pre>\n\ntwo</pre>",
            // Schemes hidden by spaces, tabs, entities and case.
            "<a href=\"  javascript:alert(1)\">a</a><a href=\"java\tscript:alert(1)\">b</a><a href=\"&#106;avascript:alert(1)\">c</a><a href=\"JAVASCRIPT:alert(1)\">d</a><a href=\"vbscript:x\">e</a><a href=\"//evil.example/\">f</a>",
            r#"<iframe src="https://evil.example/">inner</iframe><object data="x"><embed src="y"></object>"#,
            r#"<ul><li>one<ul><li>nested</li></ul></li></ul><dl><dt>t</dt><dd>d</dd></dl><p>unclosed <b>bold <i>both</b> italic</i>"#,
            "<p>Korean 한국어 and emoji 🙂 and \u{a0}nbsp\u{a0}</p><p>\u{200b}zero width</p>",
        ];
        for html in cases {
            assert_eq!(safe_html(html, &[]), ammonia(html), "for {html}");
            let safe = safe_html(html, &[]).to_lowercase();
            for unsafe_part in [
                "javascript:",
                "vbscript:",
                "data:",
                "<script",
                "onclick",
                "<iframe",
                "<svg",
            ] {
                assert!(!safe.contains(unsafe_part), "{unsafe_part} in {safe}");
            }
        }
    }

    #[test]
    fn noscript_contents_are_read_as_markup() {
        // ammonia parses with scripting on, so `<noscript>` holds text and
        // its tags come out escaped; with scripting off they are elements,
        // kept or unwrapped like any other (the extraction has dropped
        // `<noscript>` before Readability in any case).
        let html = "<noscript><p>ns <img src=x onerror=alert(1)></p></noscript>";
        assert_eq!(safe_html(html, &[]), "<p>ns </p>");
        assert_eq!(
            ammonia(html),
            "&lt;p&gt;ns &lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;"
        );
    }

    #[test]
    fn deep_nesting_is_written_without_recursion() {
        let html = format!("{}deep{}", "<b>".repeat(5_000), "</b>".repeat(5_000));
        let safe = safe_html(&html, &[]);
        assert!(safe.contains("deep"));
        assert_eq!(safe.matches("<b>").count(), safe.matches("</b>").count());
    }
}
