//! A second opinion on where the article text is: the element whose
//! paragraphs hold the most text. Readability sometimes settles on a footer
//! or a disclosure box; when this block holds far more text, it is the body.

use std::collections::HashMap;

use dom_query::{Document, NodeId};

/// Shortest paragraph counted, characters (a sentence, not a link label).
const MIN_PARAGRAPH: usize = 40;

/// Paragraphs looked at per page.
const MAX_PARAGRAPHS: usize = 5_000;

/// The page's paragraphs and its densest paragraph block.
pub struct Blocks {
    /// The text of every `<p>` in the body, in page order (the body of last
    /// resort when Readability finds nothing).
    pub paragraphs: Vec<String>,
    /// The text of the densest paragraph block: the element whose `<p>`
    /// children hold the most text (a grandparent gets half credit, so
    /// sections inside an article still add up), as paragraphs, headings,
    /// list items and quotes in page order, one per line.
    pub densest: String,
}

/// Reads the page's paragraphs once for both [`Blocks`] fields.
pub fn read(doc: &Document) -> Blocks {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    let mut paragraphs = Vec::new();
    for (i, p) in doc.select("body p").nodes().iter().enumerate() {
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
    }
    Blocks {
        densest: densest(doc, &score),
        paragraphs,
    }
}

fn densest(doc: &Document, score: &HashMap<NodeId, usize>) -> String {
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
