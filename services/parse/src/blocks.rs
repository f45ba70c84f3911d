//! A second opinion on where the article text is: the element whose
//! paragraphs hold the most text. Readability sometimes settles on a footer
//! or a disclosure box; when this block holds far more text, it is the body.

use std::collections::HashMap;

use dom_query::{Document, NodeId};

/// Shortest paragraph counted, characters (a sentence, not a link label).
const MIN_PARAGRAPH: usize = 40;

/// Paragraphs looked at per page.
const MAX_PARAGRAPHS: usize = 5_000;

/// The text of the densest paragraph block: the element whose `<p>`
/// children hold the most text (a grandparent gets half credit, so sections
/// inside an article still add up), as paragraphs, headings, list items and
/// quotes in page order, one per line.
pub fn densest(doc: &Document) -> String {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    for p in doc.select("body p").nodes().iter().take(MAX_PARAGRAPHS) {
        let len = p.text().chars().count();
        if len < MIN_PARAGRAPH {
            continue;
        }
        if let Some(parent) = p.parent() {
            *score.entry(parent.id).or_default() += 2 * len;
            if let Some(grand) = parent.parent() {
                *score.entry(grand.id).or_default() += len;
            }
        }
    }
    let Some((&best, _)) = score
        .iter()
        .max_by_key(|(id, s)| (**s, std::cmp::Reverse(**id)))
    else {
        return String::new();
    };
    let Some(block) = doc.tree.get(&best) else {
        return String::new();
    };
    let mut lines = Vec::new();
    for node in block.descendants_it() {
        let name = node.node_name();
        let name = name.as_deref().unwrap_or_default();
        if matches!(name, "p" | "h2" | "h3" | "h4" | "li" | "blockquote" | "pre") {
            // A <p> inside a <li> or <blockquote> is read with its container.
            let nested = node
                .ancestors_it(None)
                .take_while(|a| a.id != best)
                .any(|a| matches!(a.node_name().as_deref(), Some("li" | "blockquote")));
            if !nested {
                lines.push(node.text().to_string());
            }
        }
    }
    lines.join("\n")
}
