use std::collections::HashSet;

use foldhash::HashMap;
use unicode_segmentation::UnicodeSegmentation;

use dom_query::{NodeId, NodeRef};

use tendril::StrTendril;

use crate::glob::{MINI_ARIA_HIDDEN, MINI_FALLBACK_IMG, PHRASING_ELEMS};
use crate::matching::is_invisible_style;

pub(crate) fn text_similarity(text_a: &str, text_b: &str) -> f64 {
    if text_a.is_empty() || text_b.is_empty() {
        return 0.0;
    }

    let a = text_a.to_lowercase();
    let b = text_b.to_lowercase();

    if a.contains(&b) {
        return 1.0;
    }

    let tokens_a: HashSet<&str> = a.unicode_words().collect();
    let tokens_b: Vec<&str> = b.unicode_words().collect();

    let b_chars_total: usize = tokens_b.iter().map(|s| s.chars().count()).sum();
    if b_chars_total == 0 {
        return 0.0;
    }
    let b_chars_unique: usize = tokens_b
        .iter()
        .filter(|&&s| !tokens_a.contains(s))
        .map(|s| s.chars().count())
        .sum();

    let distance_b = b_chars_unique as f64 / b_chars_total as f64;
    1.0 - distance_b
}

pub(crate) fn is_phrasing_content(node: &NodeRef) -> bool {
    if node.is_text() {
        return true;
    }

    // only elements has a node name
    let Some(qual_name) = node.qual_name_ref() else {
        return false;
    };
    let node_name = qual_name.local.as_ref();
    if PHRASING_ELEMS.contains(node_name) {
        return true;
    }

    if matches!(node_name, "a" | "del" | "ins") {
        // There is no big sense to consider link content as phrasing content if they doesn't have children element.
        let children = node.children();
        return !children.is_empty() && children.into_iter().all(|n| is_phrasing_content(&n));
    }
    false
}

pub(crate) fn is_whitespace(node: &NodeRef) -> bool {
    if node.is_text() && !node.is_nonempty_text() {
        return true;
    }
    // only an element node has a node_name
    node.has_name("br")
}

pub(crate) fn has_ancestor<F>(node: &NodeRef, max_depth: Option<usize>, filter_fn: F) -> bool
where
    F: Fn(&NodeRef) -> bool,
{
    let max_depth = max_depth.map(|max_depth| if max_depth == 0 { 3 } else { max_depth });
    node.ancestors_it(max_depth).any(|a| filter_fn(&a))
}

pub(crate) fn normalize_spaces(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut iter = text.split_whitespace();

    if let Some(first) = iter.next() {
        result.push_str(first);
        for word in iter {
            result.push(' ');
            result.push_str(word);
        }
    }
    result
}

pub(crate) fn link_density_fn<F>(node: &NodeRef, char_count: Option<usize>, mut count_fn: F) -> f32
where
    F: FnMut(&NodeRef) -> usize,
{
    let mut link_length = 0f32;

    for a in node.find_descendants("a") {
        let href = a.attr_or("href", "");
        let coeff = if href.len() > 1 && href.starts_with('#') {
            0.3
        } else {
            1.0
        };
        link_length += count_fn(&a) as f32 * coeff;
    }

    if link_length == 0.0 {
        return 0.0;
    }

    let text_length = char_count.unwrap_or_else(|| count_fn(node)) as f32;
    if text_length == 0.0 {
        return 0.0;
    }

    link_length / text_length
}

pub(crate) fn link_density(node: &NodeRef, char_count: Option<usize>) -> f32 {
    link_density_fn(node, char_count, |n| n.normalized_char_count())
}

/// Returns the child element if the node contains exactly one element child with the given tag
/// and no non-empty text nodes.
pub(crate) fn single_child_element<'a>(node: &NodeRef<'a>, tag: &str) -> Option<NodeRef<'a>> {
    // There should be exactly 1 element child with given tag
    let children = node.element_children();
    if children.len() != 1 {
        return None;
    }

    let first = children.first()?;

    if !first.has_name(tag) {
        return None;
    }
    if node.children_it(false).any(|n| n.is_nonempty_text()) {
        return None;
    }
    Some(*first)
}

pub(crate) fn is_element_without_content(node: &NodeRef) -> bool {
    // since this function calls only for elements check `node.is_element()` is redundant
    let has_text = node.descendants_it().any(|n| n.is_nonempty_text());
    if has_text {
        return false;
    }

    let el_children_count = node.children_it(false).filter(|n| n.is_element()).count();
    if el_children_count == 0 {
        return true;
    }

    let line_breaks = node.find_descendants("br").len() + node.find_descendants("hr").len();
    el_children_count == line_breaks
}

pub(crate) fn get_dir_attr(node: &NodeRef) -> Option<String> {
    if let Some(first_child) = node.first_child() {
        if let Some(dir_attr) = first_child.attr("dir") {
            return Some(dir_attr.to_string());
        }

        let dir_attr = first_child.ancestors_it(None).find_map(|a| a.attr("dir"));
        if let Some(dir_attr) = dir_attr {
            return Some(dir_attr.to_string());
        }
    }
    None
}

pub(crate) fn node_name_in(node: &NodeRef, names: &phf::Set<&str>) -> bool {
    node.qual_name_ref()
        .is_some_and(|name| names.contains(name.local.as_ref()))
}

pub(crate) fn is_probably_visible(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return false;
    }
    if is_invisible_style(node) {
        return false;
    }
    !MINI_ARIA_HIDDEN.match_node(node) || MINI_FALLBACK_IMG.match_node(node)
}

pub(crate) fn get_node_matching_string(node: &NodeRef) -> StrTendril {
    let mut buf = StrTendril::new();
    let Some(el) = node.element_ref() else {
        return buf;
    };

    for attr in &el.attrs {
        if !matches!(attr.name.local.as_ref(), "class" | "id") {
            continue;
        }
        buf.push_tendril(&attr.value);
        buf.push_char(' ');
    }

    buf.make_ascii_lowercase();
    buf
}

pub(crate) fn next_child_or_sibling<'a>(
    node: &NodeRef<'a>,
    ignore_child: bool,
) -> Option<NodeRef<'a>> {
    if !ignore_child {
        if let Some(first_child) = node.first_element_child() {
            return Some(first_child);
        }
    }

    if let Some(sibling) = node.next_element_sibling() {
        return Some(sibling);
    }
    let mut parent = node.parent();
    while let Some(parent_node) = parent {
        if let Some(next_sibling) = parent_node.next_element_sibling() {
            return Some(next_sibling);
        }
        parent = parent_node.parent();
    }
    None
}

#[cfg(not(feature = "aho-corasick"))]
/// A lightweight byte-level pre-checker used to quickly skip patterns
/// that cannot occur in the haystack.
pub(crate) struct BytePatternCheck<'a> {
    haystack: &'a str,
    char_map: [u8; 256],
}

#[cfg(not(feature = "aho-corasick"))]
impl<'a> BytePatternCheck<'a> {
    pub(crate) fn new(haystack: &'a str) -> Self {
        let mut char_map = [0u8; 256];

        for &b in haystack.as_bytes() {
            char_map[b as usize] = 1;
        }
        Self { haystack, char_map }
    }
    #[inline]
    fn pre_check(&self, pat: &str) -> bool {
        for &b in pat.as_bytes() {
            if self.char_map[b as usize] == 0 {
                return false;
            }
        }
        true
    }
    /// Checks if the haystack contains any of the given patterns.
    /// Performs a cheap bitmap pre-check before `str::contains`.
    pub(crate) fn contains_any(&self, pats: &[&str]) -> bool {
        pats.iter()
            .any(|pat| self.pre_check(pat) && self.haystack.contains(pat))
    }
}

/// Character counts of subtrees, the same as `NodeRef::normalized_char_count`
/// (whitespace runs count as one character, leading and trailing whitespace
/// not at all), for many nodes of one unchanged tree.
///
/// newsflow patch: the cache used to hold each node's count and compute it
/// by walking the node's whole subtree, so a candidate's ancestors (up to
/// five levels, most of the page) were walked once each. It now keeps a
/// composable summary of every subtree it has seen and builds a parent's
/// from its children's, so each text node is read once per scoring pass.
#[derive(Default)]
pub(crate) struct CharCounterCache {
    inner: HashMap<NodeId, TextRun>,
}

impl CharCounterCache {
    pub(crate) fn char_count(&mut self, node: &NodeRef) -> usize {
        self.summary(node).finish()
    }

    fn summary(&mut self, node: &NodeRef) -> TextRun {
        if let Some(run) = TextRun::of_text_node(node) {
            return run;
        }
        if let Some(run) = self.inner.get(&node.id) {
            return *run;
        }
        // Post-order without recursion (page depth is the limit, not the
        // stack): each open element's run so far and its next child. Text
        // nodes are read where they stand, elements looked up once.
        let mut stack = vec![(*node, TextRun::EMPTY, node.first_child())];
        loop {
            let Some((_, _, next)) = stack.last_mut() else {
                return TextRun::EMPTY;
            };
            if let Some(child) = next.take() {
                *next = child.next_sibling();
                let known = TextRun::of_text_node(&child)
                    .or_else(|| self.inner.get(&child.id).copied());
                match known {
                    Some(run) => {
                        let top = stack.last_mut().expect("a frame");
                        top.1 = top.1.then(run);
                    }
                    None => stack.push((child, TextRun::EMPTY, child.first_child())),
                }
                continue;
            }
            let (element, run, _) = stack.pop().expect("a frame");
            self.inner.insert(element.id, run);
            match stack.last_mut() {
                Some(parent) => parent.1 = parent.1.then(run),
                None => return run,
            }
        }
    }
}

/// The text nodes of a subtree, in document order, as far as the normalised
/// character count needs them (newsflow patch, see [`CharCounterCache`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TextRun {
    /// Characters counted when the text before the run is not whitespace.
    count: usize,
    /// Whether the run has a text node at all (an empty one included).
    has_text: bool,
    /// Whether its first text node starts with whitespace.
    starts_ws: bool,
    /// Whether its last text node ends with whitespace.
    ends_ws: bool,
}

impl TextRun {
    const EMPTY: TextRun = TextRun {
        count: 0,
        has_text: false,
        starts_ws: false,
        ends_ws: false,
    };

    fn of_text_node(node: &NodeRef) -> Option<TextRun> {
        node.query(|tree_node| match &tree_node.data {
            dom_query::NodeData::Text { contents } => Some(TextRun::of_text(contents)),
            _ => None,
        })
        .flatten()
    }

    /// One text node's run: whitespace runs inside it count once.
    pub(crate) fn of_text(text: &str) -> TextRun {
        let bytes = text.as_bytes();
        let mut count = 0;
        let mut prev_ws = false;
        let mut first_ws = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (is_ws, len) = if b < 0x80 {
                (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
            } else {
                let len = match b {
                    0xF0.. => 4,
                    0xE0.. => 3,
                    _ => 2,
                };
                // Only U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000
                // are whitespace above ASCII: their lead bytes are C2, E1,
                // E2 and E3.
                let is_ws = matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                    && text[i..].chars().next().is_some_and(char::is_whitespace);
                (is_ws, len)
            };
            if !(prev_ws && is_ws) {
                count += 1;
            }
            first_ws.get_or_insert(is_ws);
            prev_ws = is_ws;
            i += len;
        }
        TextRun {
            count,
            has_text: true,
            starts_ws: first_ws.unwrap_or(false),
            ends_ws: prev_ws,
        }
    }

    /// This run followed by `next`.
    fn then(self, next: TextRun) -> TextRun {
        if !self.has_text {
            return next;
        }
        if !next.has_text {
            return self;
        }
        TextRun {
            count: self.count + next.count - usize::from(self.ends_ws && next.starts_ws),
            has_text: true,
            starts_ws: self.starts_ws,
            ends_ws: next.ends_ws,
        }
    }

    /// The count of the run on its own, as `normalized_char_count` gives it:
    /// leading and trailing whitespace dropped.
    fn finish(self) -> usize {
        if !self.has_text {
            return 0;
        }
        let count = self.count - usize::from(self.starts_ws);
        if self.ends_ws && count > 0 {
            count - 1
        } else {
            count
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    /// newsflow patch: the subtree summaries give `normalized_char_count`'s
    /// count for every node, whitespace of every kind at every edge, empty
    /// text nodes and comments included.
    #[test]
    fn char_counter_cache_counts_as_normalized_char_count() {
        let html = "<html><body>\
            <div id='a'> Lead  text\u{a0}\u{a0}here <a href='#x'> link </a>\n\t<b>bold</b>tail </div>\
            <div><p>\u{3000}全角\u{3000}\u{3000}空白</p><!-- a comment --><p>   </p><p></p>\
            <span>a</span><span> b</span><span>c </span> <em> </em>d\u{2003}\u{2009}e\u{85}f</div>\
            <section><p>Καλημέρα  κόσμε</p><p>\u{1680}x\u{2028}y\u{202f}z\u{205f}</p></section>\
            </body></html>";
        let doc = dom_query::Document::from(html);
        // An empty text node, which ends no run with whitespace.
        let p = doc.select("p").nodes()[2];
        p.append_child(&doc.tree.new_text(""));
        p.append_child(&doc.tree.new_text("  x"));
        let mut cache = CharCounterCache::default();
        let nodes: Vec<_> = doc.root().descendants_it().collect();
        assert!(nodes.len() > 30);
        // Outer nodes first, then inner ones, then outer again: the order
        // of questions must not matter.
        for node in nodes.iter().chain(nodes.iter().rev()).chain(nodes.iter()) {
            assert_eq!(
                cache.char_count(node),
                node.normalized_char_count(),
                "{:?}",
                node.text()
            );
        }
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a  b",
            "\u{a0}a\u{3000}",
            "x\u{85}\u{85}",
        ] {
            let doc = dom_query::Document::from(format!("<p>{text}</p>").as_str());
            let p = doc.select("p").nodes()[0];
            assert_eq!(
                CharCounterCache::default().char_count(&p),
                p.normalized_char_count(),
                "{text:?}"
            );
        }
    }

    const FLOAT_TOLERANCE: f64 = 0.00001;

    #[test]
    fn test_text_similarity() {
        let text_a = "The quick brown fox";
        let text_b = "The quick fox";
        let similarity = text_similarity(text_a, text_b);
        assert!(similarity > 0.75);
    }

    #[test]
    fn test_text_similarity_contains() {
        let text_a = "the quick brown fox jumps over the lazy dog";
        let text_b = "The Quick Brown Fox";
        let similarity = text_similarity(text_a, text_b);
        assert!(1.0 - similarity < FLOAT_TOLERANCE);
    }

    #[test]
    fn test_text_similarity_similar() {
        let text_a = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网";
        let text_b = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶";
        let similarity = text_similarity(text_a, text_b);
        assert!(1.0 - similarity < FLOAT_TOLERANCE);
    }

    #[test]
    fn test_text_similarity_no_words() {
        // `text_b` has no unicode words, so the char totals are zero.
        let similarity = text_similarity("Some title", "...");
        assert!(similarity < FLOAT_TOLERANCE);
    }

    #[test]
    fn test_normalize_spaces() {
        let text = "    The quick  brown  fox\n jumps over the lazy dog. ";
        let normalized_text = normalize_spaces(text);
        let expected = "The quick brown fox jumps over the lazy dog.";
        assert_eq!(expected, normalized_text);
    }

    #[test]
    #[cfg(not(feature = "aho-corasick"))]
    fn test_ascii_pattern_check() {
        let class = "article primary main äußerlich konnen";
        let check = BytePatternCheck::new(class);
        assert!(check.contains_any(&["äußerlich"]));
        assert!(check.contains_any(&["article", "post"]));
        assert!(!check.contains_any(&["können"]));
    }
}
