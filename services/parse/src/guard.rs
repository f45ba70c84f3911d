//! A linear pre-scan that bounds the work a page can cause. HTML tree
//! building and Readability both grow much faster than linearly with
//! nesting depth (measured: 20,000 nested `<div>`s take 2 s to parse and
//! 93 s in Readability), so a page nested deeper than any real article is
//! refused before either runs.

/// Elements that never contain others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag is often omitted: they would inflate the estimate.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "colgroup",
];

/// Tag names longer than this are in neither list (and are not `script`
/// or `style`), so they need not be lower-cased to be classified.
const LONGEST_NAME: usize = 8;

/// An upper estimate of the element nesting depth of `html`.
pub fn max_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        // Lower-cased into a stack buffer: this loop runs for every tag.
        let mut buffer = [0u8; LONGEST_NAME];
        let name: &[u8] = if name_len <= LONGEST_NAME {
            for (b, c) in buffer
                .iter_mut()
                .zip(&rest[name_start..name_start + name_len])
            {
                *b = c.to_ascii_lowercase();
            }
            &buffer[..name_len]
        } else {
            b""
        };
        let nests = !VOID.iter().any(|v| v.as_bytes() == name)
            && !OPTIONAL_END.iter().any(|v| v.as_bytes() == name);
        if closing {
            if nests {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closing = tag_end > 0 && rest[tag_end - 1] == b'/';
        if name == b"script" || name == b"style" {
            // Their content is text: skip to the end tag.
            let content = &rest[tag_end..];
            i += end_tag(content, name).map_or(rest.len(), |e| e + tag_end);
            continue;
        }
        if !self_closing && nests {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Where `</name` (any case) starts in `hay`.
fn end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</").find(|&at| {
        hay.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    use super::max_depth;

    #[test]
    fn depth_is_estimated_without_being_fooled() {
        assert_eq!(
            max_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            max_depth(&format!("<div>{}</div>", "<p>x".repeat(10_000))),
            1,
            "unclosed paragraphs"
        );
        assert_eq!(
            max_depth("<script>if (a<b) { x = '<div><div>' }</script><div></div>"),
            1
        );
        assert_eq!(max_depth("<!-- <div><div><div> --><div/>"), 0);
        assert_eq!(max_depth(&"<div>".repeat(100_000)), 100_000);
    }
}
