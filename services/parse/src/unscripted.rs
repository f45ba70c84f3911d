//! Empties scripts and style sheets before the HTML parse.
//!
//! A news page is about a fifth script and a fifth CSS by bytes (the
//! development corpus: 22 % inside `<script>`, 19 % inside `<style>`), and
//! nothing here reads either but JSON-LD: the tokenizer would read those
//! bytes one by one into text nodes that [`crate::visible::strip_unseen`]
//! removes unread. So their contents are cut from the page's text first,
//! with a byte scan that follows the tokenizer wherever it could disagree
//! about where a script ends:
//!
//! - a tag's attributes are skipped with their quotes (`<a title="<script>">`
//!   opens no script);
//! - comments, `<title>` and `<textarea>` (whose text may name a
//!   `<script>`), and the raw-text elements are skipped whole; after a
//!   `<plaintext>` nothing is touched;
//! - inside `<svg>` and `<math>` a `<script>` holds markup, so nothing is cut;
//! - a script whose text holds `<!--` is kept (the tokenizer's escaped
//!   states could end it elsewhere), and so is one without an end tag.
//!
//! JSON-LD scripts (a `type` naming `ld+json`) are kept whole.

use std::borrow::Cow;

/// Elements whose text is read raw up to their own end tag: a `<script>`
/// written inside them is text.
const RAW: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Elements whose descendants are foreign content (SVG, MathML).
const FOREIGN: &[&[u8]] = &[b"svg", b"math"];

/// `html` with the text of its scripts (JSON-LD's excepted) and style sheets
/// removed, or `html` itself when there is none to remove.
pub fn without_scripts(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Byte ranges to cut, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut foreign_depth = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        let rest = &bytes[at + 1..];
        i = at + 1;
        if rest.starts_with(b"!--") {
            i += comment_len(rest);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        if !rest.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `<!DOCTYPE`, `<?xml`, or a `<` in text.
            continue;
        }
        let name_len = rest[name_start..]
            .iter()
            .take_while(|&&b| !is_name_end(b))
            .count();
        let name = &rest[name_start..name_start + name_len];
        let tag_len = tag_len(&rest[name_start + name_len..]);
        let Some(tag_len) = tag_len else {
            // An unclosed tag: the tokenizer reads it to the end of the page.
            break;
        };
        let tag = &rest[..name_start + name_len + tag_len];
        i += tag.len();
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        if FOREIGN.iter().any(|f| is(f)) {
            if closing {
                foreign_depth = foreign_depth.saturating_sub(1);
            } else if !tag.ends_with(b"/>") {
                foreign_depth += 1;
            }
            continue;
        }
        if closing || foreign_depth > 0 {
            continue;
        }
        if is(b"plaintext") {
            break;
        }
        if let Some(raw) = RAW.iter().find(|r| is(r)) {
            match end_tag(&bytes[i..], raw) {
                Some(end) => i += end,
                None => break,
            }
            continue;
        }
        let script = is(b"script");
        if !script && !is(b"style") {
            continue;
        }
        let Some(end) = end_tag(&bytes[i..], name) else {
            break;
        };
        let content = &bytes[i..i + end];
        let keep =
            script && (names_json_ld(tag) || memchr::memmem::find(content, b"<!--").is_some());
        if !keep && end > 0 {
            cuts.push((i, i + end));
        }
        i += end;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let removed: usize = cuts.iter().map(|(s, e)| e - s).sum();
    let mut out = String::with_capacity(html.len() - removed);
    let mut from = 0;
    for (start, end) in cuts {
        // Cuts start after a `>` and end before a `<`: both are character
        // boundaries.
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Whether `b` ends a tag name.
fn is_name_end(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
}

/// Length of a comment after its `<`, `!--` included, to the end of its
/// `-->` (`<!-->` and `<!--->` end where they start; an unclosed comment
/// runs to the end).
fn comment_len(rest: &[u8]) -> usize {
    if rest.starts_with(b"!-->") {
        return 4;
    }
    if rest.starts_with(b"!--->") {
        return 5;
    }
    memchr::memmem::find(&rest[3..], b"-->").map_or(rest.len(), |e| 3 + e + 3)
}

/// Length of a tag's remainder after its name, to its `>` included, with
/// quoted attribute values skipped; `None` when the page ends first.
fn tag_len(rest: &[u8]) -> Option<usize> {
    let mut j = 0;
    while j < rest.len() {
        match rest[j] {
            b'>' => return Some(j + 1),
            b'=' => {
                j += 1;
                while rest.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                    j += 1;
                }
                if let Some(&quote @ (b'"' | b'\'')) = rest.get(j) {
                    j += 1 + memchr::memchr(quote, &rest[j + 1..])? + 1;
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// Where the end tag `</name` (any case, followed by what ends a tag name)
/// starts in `hay`.
fn end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</").find(|&at| {
        let after = at + 2 + name.len();
        hay.get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && hay.get(after).is_some_and(|&b| is_name_end(b))
    })
}

/// Whether a start tag may declare JSON-LD: "json" after "ld", in any case
/// (the `+` may be written as a character reference, `ld&#x2B;json`).
fn names_json_ld(tag: &[u8]) -> bool {
    let lower = tag.to_ascii_lowercase();
    memchr::memmem::rfind(&lower, b"json")
        .is_some_and(|at| memchr::memmem::find(&lower[..at], b"ld").is_some())
}

#[cfg(test)]
mod tests {
    use super::without_scripts;

    #[test]
    fn scripts_and_styles_are_emptied() {
        assert_eq!(
            without_scripts(
                "<head><style>p{color:red}</style><script src=a.js>var a = '<p>';</script></head><p>Text</p><SCRIPT>x()</SCRIPT >"
            ),
            "<head><style></style><script src=a.js></script></head><p>Text</p><SCRIPT></SCRIPT >"
        );
    }

    #[test]
    fn json_ld_and_pages_without_scripts_stay_as_they_are() {
        for page in [
            r#"<script type="application/ld+json">{"headline":"H"}</script><p>x</p>"#,
            r#"<script TYPE='Application/LD+JSON'>{}</script>"#,
            r#"<script type="application/ld&#x2B;json">{}</script>"#,
            "<p>a < b and <b>bold</b></p>",
            "<script></script><style></style>",
        ] {
            assert!(
                matches!(without_scripts(page), std::borrow::Cow::Borrowed(p) if p == page),
                "{page}"
            );
        }
    }

    #[test]
    fn nothing_is_cut_where_the_tokenizer_reads_no_script() {
        for page in [
            // In an attribute's value, a comment, a title, a textarea.
            r#"<a title="<script>">x</a><p>Text</p></script>"#,
            "<a title='a>b<script>'>x</a><p>Text</p></script>",
            "<!-- <script> --><p>Text</p></script>",
            "<title>On <script> tags</title><p>Text</p></script>",
            "<textarea><style></textarea><p>Text</p></style>",
            // A script holding markup (SVG), an escaped one, an unclosed one.
            "<svg><script>a</script></svg>",
            "<script><!-- document.write('<script>x</script>') --></script><p>T</p>",
            "<script>never closed <p>Text</p>",
            "<plaintext><script>x</script>",
            // `</scripts>` does not end a script, `<scripts>` is no script.
            "<scripts>x</scripts>",
        ] {
            assert_eq!(without_scripts(page), page, "{page}");
        }
        assert_eq!(
            without_scripts("<script>a = '</scripts>';</script><p>T</p>"),
            "<script></script><p>T</p>"
        );
        assert_eq!(
            without_scripts("<a b=><script>x</script>"),
            "<a b=><script></script>"
        );
        assert_eq!(
            without_scripts("<svg><style>x</style></svg><style>y</style>"),
            "<svg><style>x</style></svg><style></style>"
        );
    }
}
