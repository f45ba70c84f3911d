//! Page metadata from JSON-LD (NewsArticle and kin), OpenGraph, meta tags and
//! a few DOM conventions, gathered in order of trust.

use std::collections::HashMap;
use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;
use serde_json::Value;

use crate::text::{clean, decode_entities, line_text};

/// Article-like schema.org types.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "TechArticle",
    "Report",
];

/// Headings kept to find the one that matches the metadata's title.
pub const MAX_HEADINGS: usize = 40;

/// What the metadata says.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// schema.org headline.
    pub headline: Option<String>,
    /// og:title or twitter:title.
    pub og_title: Option<String>,
    /// The `<title>` element.
    pub html_title: Option<String>,
    /// The first substantial `<h1>`.
    pub h1: Option<String>,
    /// The texts of the page's `<h1>` and `<h2>` elements, in page order
    /// (at most [`MAX_HEADINGS`]).
    pub headings: Vec<String>,
    /// Standfirst or summary.
    pub description: Option<String>,
    /// Author names as found (not yet split into persons).
    pub authors: Vec<String>,
    /// Organisations named as author (used when no person is named).
    pub org_authors: Vec<String>,
    /// Bylines shown on the page (`rel=author`, `itemprop=author`, byline
    /// and author-name classes), as found.
    pub bylines: Vec<String>,
    /// The name beside a portrait of the author (see
    /// `bylines::portrait`): the last resort.
    pub portraits: Vec<String>,
    /// Publication date as found, with where it was found.
    pub published: Option<(String, &'static str)>,
    /// Modification date as found, with where it was found.
    pub modified: Option<(String, &'static str)>,
    /// rel=canonical or og:url, as written.
    pub canonical: Option<String>,
    /// og:site_name or the publisher.
    pub site_name: Option<String>,
    /// Section.
    pub section: Option<String>,
    /// Tags or keywords.
    pub tags: Vec<String>,
    /// Declared language.
    pub language: Option<String>,
    /// Image URLs, as written.
    pub images: Vec<String>,
    /// schema.org isAccessibleForFree.
    pub accessible_for_free: Option<bool>,
    /// schema.org articleBody.
    pub article_body: Option<String>,
    /// datePublished of a schema.org WebPage (used when no article node has one).
    pub page_published: Option<String>,
    /// dateModified of a schema.org WebPage.
    pub page_modified: Option<String>,
    /// A schema.org type was found and it is article-like.
    pub is_article_type: Option<bool>,
}

/// Headings that are not a story's headline wherever they stand: the
/// comments' heading ("15 Replies to “…”"), menu buttons and the questions
/// section ("FAQs about …", "… FAQ", "Frequently asked questions").
fn is_page_furniture(heading: &str) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\d+\s+(?:replies|responses|comments|thoughts)\s+(?:to|on)\b|^(?:open|close|toggle|main)?\s*menu\b|^faqs?\b|\bfaqs?\s*$|^frequently asked questions\b")
            .expect("valid regex")
    });
    FURNITURE.is_match(heading)
}

/// The elements [`read`] looks at, found in one walk of the page, in page
/// order. Each was a selector of its own, and a selector is matched against
/// every element of the page (seven walks were 2.5 % of the extraction).
#[derive(Default)]
struct Elements<'a> {
    /// `meta[content]`
    metas: Vec<NodeRef<'a>>,
    /// `script[type="application/ld+json"]` (the type compared as HTML
    /// selectors compare it, ASCII case ignored)
    json_ld: Vec<NodeRef<'a>>,
    /// The first `head title`.
    title: Option<NodeRef<'a>>,
    /// `h1, h2`
    headings: Vec<NodeRef<'a>>,
    /// `time[datetime]`
    times: Vec<NodeRef<'a>>,
    /// The first `link[rel="canonical"]`.
    canonical: Option<NodeRef<'a>>,
    /// The first `html`.
    html: Option<NodeRef<'a>>,
}

impl<'a> Elements<'a> {
    fn find(doc: &'a Document) -> Elements<'a> {
        let mut found = Elements::default();
        let attr_is = |node: &NodeRef, name: &str, value: &str| {
            node.attr(name)
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
        };
        for node in doc.root().descendants_it() {
            let Some(name) = node.qual_name_ref() else {
                continue;
            };
            match &*name.local {
                "meta" if node.has_attr("content") => found.metas.push(node),
                "script" if attr_is(&node, "type", "application/ld+json") => {
                    found.json_ld.push(node)
                }
                "title" if found.title.is_none() && in_head(&node) => found.title = Some(node),
                "h1" | "h2" => found.headings.push(node),
                "time" if node.has_attr("datetime") => found.times.push(node),
                "link" if found.canonical.is_none() && attr_is(&node, "rel", "canonical") => {
                    found.canonical = Some(node)
                }
                "html" if found.html.is_none() => found.html = Some(node),
                _ => {}
            }
        }
        found
    }
}

/// Whether `node` has a `<head>` among its ancestors.
fn in_head(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| a.has_name("head"))
}

/// The page's `<meta>` tags, read once: (lower-case key, content) for each
/// `property`, `name` and `itemprop`, in page order. One pass instead of a
/// selector match over the whole document per key.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(metas: &[NodeRef]) -> MetaTags {
        let mut tags = Vec::new();
        for node in metas {
            let content = clean(&node.attr("content").unwrap_or_default());
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop"] {
                if let Some(key) = node.attr(attr) {
                    tags.push((key.trim().to_lowercase(), content.clone()));
                }
            }
        }
        MetaTags(tags)
    }

    /// Contents of the tags named by `keys` ("a|b": either), in page order.
    fn all<'a>(&'a self, keys: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| keys.split('|').any(|want| want.eq_ignore_ascii_case(k)))
            .map(|(_, v)| v)
    }
}

/// "Roy, Aniruddha" as "Aniruddha Roy": one person per tag, written
/// family name first (Highwire `citation_author`). Anything else, such as
/// "Dylan Bailey, MS, RD", is left as written.
fn first_name_first(name: &str) -> String {
    match name.split_once(',') {
        Some((family, given))
            if !given.contains(',')
                && !family.trim().contains(' ')
                && given.trim().starts_with(|c: char| c.is_uppercase())
                && given.trim().chars().filter(|c| c.is_lowercase()).count() >= 2 =>
        {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.to_string(),
    }
}

/// The author a Twitter card names in a label/data pair (`twitter:label1`
/// "Written by", `twitter:data1` the name), as Yoast and others write it.
fn twitter_card_author(tags: &MetaTags) -> Option<String> {
    (1..=4).find_map(|i| {
        let (label_key, data_key) = (format!("twitter:label{i}"), format!("twitter:data{i}"));
        let label = tags.all(&label_key).next()?.to_lowercase();
        if !(label.contains("written by") || label.starts_with("author")) {
            return None;
        }
        let name = tags
            .all(&data_key)
            .next()
            .filter(|v| !v.is_empty())
            .cloned();
        name
    })
}

/// Meta tags that carry the publication date, most specific first, with the
/// evidence each gives. Beyond OpenGraph and Dublin Core, the names are those
/// htmldate knows from the web (its `DATE_ATTRIBUTES`), so that a CMS's own
/// name ("w-published-date", "rnews:datepublished", "bt:pubdate") is read too.
const PUBLISHED_META: &[(&str, &str)] = &[
    ("article:published_time", "meta:article:published_time"),
    ("og:published_time", "meta:og:published_time"),
    ("datePublished", "microdata:datePublished"),
    ("pubdate", "meta:pubdate"),
    ("publishdate", "meta:publishdate"),
    ("publish-date", "meta:publish-date"),
    ("parsely-pub-date", "meta:parsely-pub-date"),
    ("sailthru.date", "meta:sailthru.date"),
    ("dc.date|dcterms.date", "meta:dc.date"),
    ("date", "meta:date"),
    (
        "published|publish_date|published-date|published_date|publisheddate|\
         published_time|publish_time|article.published|w-published-date|\
         citation_publication_date|citation_date|publication_date|\
         dc.date.issued|dc.date.publication|dcterms.issued|rnews:datepublished|\
         date_published|datepublication|article_date_original|\
         originalpublicationdate|item-publish-date|bt:pubdate|rbpubdate|\
         twt-published-at|article:post_date|mediator_published_time|\
         vr:published_time|shareaholic:article_published_time|\
         cxenseparse:recs:publishtime|dcsext.articlefirstpublished|displaydate",
        "meta:published",
    ),
    (
        "article.created|dc.created|dc.date.created|dcterms.created|dc:created|\
         date_created|datecreated|content_create_date|created",
        "meta:created",
    ),
];

/// The first tag found, trying `keys` in order, with its evidence label.
fn meta_content(tags: &MetaTags, keys: &[(&str, &'static str)]) -> Option<(String, &'static str)> {
    keys.iter()
        .find_map(|(key, source)| tags.all(key).next().map(|v| (v.clone(), *source)))
}

/// Reads the metadata of a parsed document.
pub fn read(doc: &Document) -> Meta {
    let mut m = Meta::default();
    let found = Elements::find(doc);
    let tags = MetaTags::read(&found.metas);
    // Some frameworks ship JSON-LD in a meta tag instead of a script
    // (`<meta name="script:ld+json" content="{&quot;@type&quot;…">`).
    let texts = found
        .json_ld
        .iter()
        .map(|node| node.text().to_string())
        .chain(tags.all("script:ld+json").cloned());
    let values: Vec<Value> = texts
        .filter_map(|text| serde_json::from_str::<Value>(text.trim()).ok())
        .collect();
    let mut ids = HashMap::new();
    for value in &values {
        index_ids(value, &mut ids);
    }
    for value in &values {
        json_ld(value, &ids, &mut m);
    }
    m.og_title =
        meta_content(&tags, &[("og:title", "og"), ("twitter:title", "twitter")]).map(|v| v.0);
    m.html_title = found
        .title
        .map(|t| clean(&t.text()))
        .filter(|t| !t.is_empty());
    m.h1 = found
        .headings
        .iter()
        .filter(|h| h.has_name("h1"))
        .map(line_text)
        .find(|t| t.len() > 3 && !is_page_furniture(t));
    m.headings = found
        .headings
        .iter()
        .take(MAX_HEADINGS)
        .map(line_text)
        .filter(|t| t.len() > 3 && !is_page_furniture(t))
        .collect();
    if m.description.is_none() {
        m.description =
            meta_content(&tags, &[("og:description", ""), ("description", "")]).map(|v| v.0);
    }
    if m.authors.is_empty() {
        for key in [
            "author",
            "article:author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "citation_author",
        ] {
            for v in tags.all(key) {
                if !v.starts_with("http") {
                    m.authors.push(first_name_first(v));
                }
            }
            if !m.authors.is_empty() {
                break;
            }
        }
    }
    if m.authors.is_empty() {
        m.authors.extend(twitter_card_author(&tags));
    }
    m.bylines = crate::bylines::shown(doc);
    m.portraits = crate::bylines::portrait(doc).into_iter().collect();
    if m.published.is_none() {
        m.published = meta_content(&tags, PUBLISHED_META);
    }
    if m.published.is_none() {
        m.published = m.page_published.take().map(|d| (d, "json-ld:WebPage"));
    }
    if m.published.is_none() {
        m.published = found
            .times
            .iter()
            .find_map(|t| t.attr("datetime"))
            .map(|d| (clean(&d), "time"));
    }
    if m.modified.is_none() {
        m.modified = meta_content(
            &tags,
            &[
                ("article:modified_time", "meta:article:modified_time"),
                ("og:updated_time", "meta:og:updated_time"),
            ],
        )
        .or_else(|| m.page_modified.take().map(|d| (d, "json-ld:WebPage")));
    }
    m.canonical = found
        .canonical
        .and_then(|l| l.attr("href"))
        .map(|v| v.trim().to_string())
        .or_else(|| meta_content(&tags, &[("og:url", "")]).map(|v| v.0));
    if m.site_name.is_none() {
        m.site_name = meta_content(&tags, &[("og:site_name", "")]).map(|v| v.0);
    }
    if m.section.is_none() {
        m.section = meta_content(&tags, &[("article:section", "")]).map(|v| v.0);
    }
    if m.tags.is_empty() {
        m.tags = tags.all("article:tag").cloned().collect();
    }
    m.language = found
        .html
        .and_then(|h| h.attr("lang"))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or(m.language.take());
    if let Some((img, _)) = meta_content(&tags, &[("og:image", "")]) {
        if !m.images.contains(&img) {
            m.images.insert(0, img);
        }
    }
    m
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(clean(&decode_entities(s))).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(as_text),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(as_text),
        _ => None,
    }
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Nodes of a JSON-LD graph by their `@id`, for references to them.
type Ids<'a> = HashMap<&'a str, &'a Value>;

/// Indexes every node that has an `@id` and says more than that.
fn index_ids<'a>(v: &'a Value, ids: &mut Ids<'a>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| index_ids(i, ids)),
        Value::Object(o) => {
            if let Some(Value::String(id)) = o.get("@id") {
                if o.len() > 1 {
                    ids.entry(id.as_str()).or_insert(v);
                }
            }
            if let Some(graph) = o.get("@graph") {
                index_ids(graph, ids);
            }
        }
        _ => {}
    }
}

/// `v`, or the node it refers to when it is only a reference
/// (`{"@id": "…#/schema/person/5380…"}`, as Yoast writes an article's
/// author).
fn resolved<'a>(v: &'a Value, ids: &Ids<'a>) -> &'a Value {
    match v {
        Value::Object(o) if o.len() == 1 => o
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| ids.get(id).copied())
            .unwrap_or(v),
        _ => v,
    }
}

fn json_ld(v: &Value, ids: &Ids, m: &mut Meta) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| json_ld(i, ids, m)),
        Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                json_ld(graph, ids, m);
            }
            let t = types(v);
            let article = t.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
            if !t.is_empty() && m.is_article_type != Some(true) {
                if article {
                    m.is_article_type = Some(true);
                } else if t.iter().any(|t| {
                    matches!(
                        t.as_str(),
                        "WebPage" | "CollectionPage" | "ItemList" | "SearchResultsPage"
                    )
                }) {
                    m.is_article_type.get_or_insert(false);
                }
            }
            if !article {
                // Yoast and kin put the dates on the WebPage node of the graph.
                if t.iter().any(|t| t == "WebPage") {
                    if m.page_published.is_none() {
                        m.page_published = o.get("datePublished").and_then(as_text);
                    }
                    if m.page_modified.is_none() {
                        m.page_modified = o.get("dateModified").and_then(as_text);
                    }
                }
                if m.site_name.is_none()
                    && t.iter()
                        .any(|t| t == "WebSite" || t == "NewsMediaOrganization")
                {
                    m.site_name = o.get("name").and_then(as_text);
                }
                return;
            }
            if m.headline.is_none() {
                m.headline = o
                    .get("headline")
                    .or_else(|| o.get("name"))
                    .and_then(as_text);
            }
            if m.description.is_none() {
                m.description = o.get("description").and_then(as_text);
            }
            if m.authors.is_empty() {
                if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                    let items: Vec<&Value> = match a {
                        Value::Array(items) => items.iter().map(|i| resolved(i, ids)).collect(),
                        other => vec![resolved(other, ids)],
                    };
                    // An Organization as author is the publisher speaking;
                    // the page's byline usually names the person.
                    let (orgs, persons): (Vec<&Value>, Vec<&Value>) = items
                        .into_iter()
                        .partition(|i| types(i).iter().any(|t| t.contains("Organization")));
                    m.authors = persons.into_iter().filter_map(as_text).collect();
                    if m.org_authors.is_empty() {
                        m.org_authors = orgs.into_iter().filter_map(as_text).collect();
                    }
                }
            }
            if m.published.is_none() {
                m.published = o
                    .get("datePublished")
                    .and_then(as_text)
                    .map(|d| (d, "json-ld"));
            }
            if m.modified.is_none() {
                m.modified = o
                    .get("dateModified")
                    .and_then(as_text)
                    .map(|d| (d, "json-ld"));
            }
            if m.site_name.is_none() {
                m.site_name = o.get("publisher").and_then(as_text);
            }
            if m.section.is_none() {
                m.section = o.get("articleSection").and_then(as_text);
            }
            if m.tags.is_empty() {
                m.tags = match o.get("keywords") {
                    Some(Value::String(s)) => {
                        s.split(',').map(clean).filter(|t| !t.is_empty()).collect()
                    }
                    Some(Value::Array(a)) => a.iter().filter_map(as_text).collect(),
                    _ => Vec::new(),
                };
            }
            if m.language.is_none() {
                m.language = o.get("inLanguage").and_then(as_text);
            }
            if m.accessible_for_free.is_none() {
                m.accessible_for_free = match o.get("isAccessibleForFree") {
                    Some(Value::Bool(b)) => Some(*b),
                    Some(Value::String(s)) => Some(s.eq_ignore_ascii_case("true")),
                    _ => None,
                };
            }
            if m.article_body.is_none() {
                // Some CMSs write the body's entities ("&rsquo;") into it.
                m.article_body = o
                    .get("articleBody")
                    .and_then(|b| b.as_str())
                    .map(decode_entities);
            }
            if let Some(img) = o.get("image") {
                let url = match img {
                    Value::String(s) => Some(s.clone()),
                    Value::Array(a) => a.first().and_then(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .or_else(|| i.get("url").and_then(|u| u.as_str()).map(str::to_string))
                    }),
                    Value::Object(o) => o.get("url").and_then(|u| u.as_str()).map(str::to_string),
                    _ => None,
                };
                if let Some(url) = url {
                    if !m.images.contains(&url) {
                        m.images.push(url);
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_meta_tag_is_read() {
        let doc = Document::from(
            r#"<html><head><meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;headline&quot;:&quot;Full EV cars&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;,&quot;author&quot;:{&quot;@type&quot;:&quot;Person&quot;,&quot;name&quot;:&quot;Ana Ruiz&quot;}}">
            </head><body><p>x</p></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.headline.as_deref(), Some("Full EV cars"));
        assert_eq!(m.authors, ["Ana Ruiz"]);
        assert_eq!(
            m.published.map(|(d, _)| d).as_deref(),
            Some("2025-11-17T09:00:00-05:00")
        );
    }

    /// The one walk finds what the selectors it replaced found: the title
    /// only in `<head>` (not an SVG icon's), JSON-LD whatever the case of
    /// its type, the first canonical link, `<time datetime>` as a last
    /// resort, the first `<h1>` that is not page furniture.
    #[test]
    fn the_walk_reads_what_the_selectors_read() {
        let doc = Document::from(
            r#"<html lang="de"><head>
            <link rel="Canonical" href="https://example.org/a">
            <link rel="canonical" href="https://example.org/b">
            <script type="Application/LD+JSON">{"@type":"NewsArticle","headline":"Aus dem Skript"}</script>
            <script type="text/plain">{"@type":"NewsArticle","headline":"Kein JSON-LD"}</script>
            </head><body>
            <svg><title>Icon</title></svg>
            <h2>Vorspann</h2><h1>3 Comments on this</h1><h1>Die Schlagzeile</h1>
            <time>gestern</time><time datetime="2024-06-28T17:18:00+09:00">28. Juni</time>
            </body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.html_title, None);
        assert_eq!(m.headline.as_deref(), Some("Aus dem Skript"));
        assert_eq!(m.canonical.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            m.published,
            Some(("2024-06-28T17:18:00+09:00".to_string(), "time"))
        );
        assert_eq!(m.h1.as_deref(), Some("Die Schlagzeile"));
        assert_eq!(m.headings[0], "Vorspann");
        assert_eq!(m.language.as_deref(), Some("de"));
    }

    /// A CMS's own name for the publication date is read (htmldate's
    /// list), after the standard ones, and a creation date only when no
    /// publication date is named.
    #[test]
    fn publication_dates_under_cms_names() {
        let published = |head: &str| {
            read(&Document::from(format!(
                "<html><head>{head}</head><body><p>x</p></body></html>"
            )))
            .published
        };
        assert_eq!(
            published(r#"<meta name="w-published-date" content="2025-05-27T06:03:43.274Z">"#),
            Some(("2025-05-27T06:03:43.274Z".to_string(), "meta:published"))
        );
        assert_eq!(
            published(
                r#"<meta name="created" content="2019-09-12"><meta name="rnews:datePublished" content="2025-05-27">"#
            ),
            Some(("2025-05-27".to_string(), "meta:published"))
        );
        assert_eq!(
            published(r#"<meta name="dcterms.created" content="2019-09-12">"#),
            Some(("2019-09-12".to_string(), "meta:created"))
        );
        assert_eq!(
            published(r#"<meta name="w-page-type" content="Article">"#),
            None
        );
    }

    /// An author given as a reference to a node of the graph (Yoast) is
    /// that node's name; a reference to nothing names nobody.
    #[test]
    fn author_references_are_resolved_in_the_graph() {
        let page = |author: &str| {
            read(&Document::from(format!(
                r#"<html><head><script type="application/ld+json">{{"@graph":[{{"@type":"Article","headline":"H","author":{author}}},{{"@type":"Person","@id":"https://kff.example/#/schema/person/538","name":"Nirmita Panchal"}}]}}</script></head><body><p>x</p></body></html>"#
            )))
            .authors
        };
        assert_eq!(
            page(r#"{"@id":"https://kff.example/#/schema/person/538"}"#),
            ["Nirmita Panchal"]
        );
        assert_eq!(
            page(r#"[{"@id":"https://kff.example/#/schema/person/538"}]"#),
            ["Nirmita Panchal"]
        );
        assert!(page(r#"{"@id":"https://kff.example/#/schema/person/999"}"#).is_empty());
    }

    /// An articleBody with the page's entities in it is read as text.
    #[test]
    fn article_body_entities_are_decoded() {
        let doc = Document::from(
            r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"You&rsquo;re saving &mdash; now.\n&nbsp;"}</script></head><body><p>x</p></body></html>"#,
        );
        assert_eq!(
            read(&doc).article_body.as_deref(),
            Some("You\u{2019}re saving \u{2014} now.\n\u{a0}")
        );
    }

    #[test]
    fn authors_from_citation_tags_and_twitter_cards() {
        let doc = Document::from(
            r#"<html><head>
            <meta name="citation_author" content="Roy, Aniruddha">
            <meta name="citation_author" content="Patel, Jyoti">
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(read(&doc).authors, ["Aniruddha Roy", "Jyoti Patel"]);
        let doc = Document::from(
            r#"<html><head>
            <meta name="twitter:label1" content="Time to read">
            <meta name="twitter:data1" content="4 minutes">
            <meta name="twitter:label2" content="Written by">
            <meta name="twitter:data2" content="Nawaz Dhandala">
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(read(&doc).authors, ["Nawaz Dhandala"]);
        assert_eq!(
            first_name_first("Dylan Bailey, MS, RD"),
            "Dylan Bailey, MS, RD"
        );
        assert_eq!(first_name_first("Kaufman, Jeff T."), "Jeff T. Kaufman");
    }

    #[test]
    fn headings_and_bylines_read_as_a_reader_sees_them() {
        let doc = Document::from(
            r#"<html><head><title>Hubs</title></head><body>
            <h1>Open Menu Close Menu</h1>
            <h1>The Best Notion Alternatives<br>Top Tools</h1>
            <h2>15 Replies to “The Best Notion Alternatives”</h2>
            <h2>FAQs about Notion alternatives</h2><h2>Notion Alternatives FAQ</h2>
            <h2>Frequently asked questions</h2>
            <div class="author-name"><span>NB</span><p>Harry Rabinowitz</p><p>Tech Reporter</p></div>
            <p>B\u{FEFF}est</p></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(
            m.h1.as_deref(),
            Some("The Best Notion Alternatives Top Tools")
        );
        assert_eq!(m.headings, ["The Best Notion Alternatives Top Tools"]);
        assert_eq!(m.bylines, ["Harry Rabinowitz"]);
        // A job title in an element of its own is not part of the name.
        let doc = Document::from(
            r#"<div class="author-name">Emma Ryan <span class="author-title">Lead Writer</span></div>"#,
        );
        assert_eq!(read(&doc).bylines, ["Emma Ryan"]);
        // Failing every byline selector, an author box gives one name: its
        // first line that reads as a person's.
        let doc = Document::from(
            r#"<div class="blog_author-wrapper"><div class="blog_author-text">
            <div class="text-size-small">Lauren Vetter</div>
            <div class="blog_author-bio">Writes about search. About the Author</div>
            </div></div><div class="author-avatar">JD</div>"#,
        );
        assert_eq!(read(&doc).bylines, ["Lauren Vetter"]);
        let doc = Document::from(r#"<div class="author-box">About the Author</div>"#);
        assert!(read(&doc).bylines.is_empty());
    }
}
