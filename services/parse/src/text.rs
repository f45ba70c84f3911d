//! Text as a reader sees it: whitespace and invisible characters tidied,
//! encodings a CMS broke repaired, an element's text cut into the lines a
//! browser would lay out.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use dom_query::{Document, NodeRef, Selection};
use regex::Regex;

/// The page's `<body>` as a selection (empty without one). `doc.body()`
/// steps down from the root to it; `doc.select("body")` matches the
/// selector against every element of the page to find the same one.
pub(crate) fn body(doc: &Document) -> Selection<'_> {
    doc.body().map(Selection::from).unwrap_or_default()
}

/// Words looked for inside a string all at once: one search of the string
/// (the regex crate's literal matchers) instead of one per word, which was
/// most of the cost of reading class names.
pub(crate) struct AnyOf(Regex);

impl AnyOf {
    /// The set of `words`, matched as written (no case folding).
    pub(crate) fn new(words: &[&str]) -> AnyOf {
        let alternation: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        AnyOf(Regex::new(&alternation.join("|")).expect("escaped literals form a valid regex"))
    }

    /// Whether one of the words occurs in `s`.
    pub(crate) fn found_in(&self, s: &str) -> bool {
        self.0.is_match(s)
    }
}

/// `s` with the decimal digits of other scripts written as ASCII digits:
/// Arabic-Indic ("١٢ مارس ٢٠٢٠"), Persian and Urdu, Devanagari, Bengali,
/// Thai and full-width ("２０２０年３月１２日"), as dates are read with ASCII
/// digits. Borrowed when there are none.
pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    const ZEROS: [u32; 6] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10];
    let digit = |c: char| {
        ZEROS
            .iter()
            .find(|&&zero| (zero..zero + 10).contains(&u32::from(c)))
            .map(|zero| char::from(b'0' + (u32::from(c) - zero) as u8))
    };
    // Every such digit starts with one of these bytes in UTF-8 (D9, DB,
    // E0, EF): a byte search passes over most pages, whose text has none.
    let bytes = s.as_bytes();
    let maybe =
        memchr::memchr3(0xD9, 0xDB, 0xE0, bytes).is_some() || memchr::memchr(0xEF, bytes).is_some();
    if !maybe || !s.chars().any(|c| digit(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| digit(c).unwrap_or(c)).collect())
}

/// Whitespace runs collapsed to one space, invisible characters dropped.
pub(crate) fn clean(s: &str) -> String {
    s.split_whitespace()
        .map(without_invisibles)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whitespace runs collapsed to one space, the ends trimmed (invisible
/// characters kept: see [`clean`] to drop them too).
pub(crate) fn collapse_whitespace(s: &str) -> String {
    collapse::<false>(s)
}

/// [`collapse_whitespace`], except that a run of whitespace holding a line
/// break becomes one `\n`: the same length, with the lines kept.
pub(crate) fn collapse_lines(s: &str) -> String {
    collapse::<true>(s)
}

/// Compiled twice: the plain collapse is hot, and pays nothing for lines.
fn collapse<const KEEP_LINES: bool>(s: &str) -> String {
    // `split_whitespace().join(" ")` in one pass that copies runs of
    // non-space bytes whole and decodes only non-ASCII characters: the
    // extraction collapses every text it reads, and the plain version was
    // ~4 % of its time.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut i, mut word_start) = (0, None::<usize>);
    // Whether the whitespace before the current word held a line break.
    let (mut line_break, mut word_after_break) = (false, false);
    let separator = |line_break: bool| if line_break { '\n' } else { ' ' };
    while i < bytes.len() {
        let (space, len) = if bytes[i] < 0x80 {
            // The ASCII characters `char::is_whitespace` holds.
            (matches!(bytes[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        if KEEP_LINES && space && bytes[i] == b'\n' {
            line_break = true;
        }
        match (space, word_start) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(separator(word_after_break));
                }
                out.push_str(&s[start..i]);
                word_start = None;
            }
            (false, None) => {
                word_start = Some(i);
                word_after_break = line_break;
                line_break = false;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(separator(word_after_break));
        }
        out.push_str(&s[start..]);
    }
    out
}

/// Characters that show nothing: zero-width spaces and joiners, word
/// joiner, byte-order mark, soft hyphen ("B\u{FEFF}est" is "Best").
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn without_invisibles(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains(is_invisible) {
        word.chars()
            .filter(|&c| !is_invisible(c))
            .collect::<String>()
            .into()
    } else {
        word.into()
    }
}

/// Windows-1252's characters for the bytes 0x80–0x9F (0 where undefined).
const CP1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// Text as its author wrote it when a CMS broke it on the way: UTF-8 read
/// as Latin-1 or Windows-1252 ("Investorâ€™s" is "Investor’s") and entities
/// escaped twice ("SQL &#x26; AI" is "SQL & AI"). Left as it is unless the
/// repair decodes cleanly.
pub fn repair(text: &str) -> String {
    let mut out = std::borrow::Cow::Borrowed(text);
    // A UTF-8 lead byte read as Latin-1 ('Â'..'ô'): only then can the text
    // be mis-decoded UTF-8, and it is repaired only if it decodes whole.
    if out.contains(|c: char| ('\u{C2}'..='\u{F4}').contains(&c)) {
        let bytes: Option<Vec<u8>> = out
            .chars()
            .map(|c| match c as u32 {
                0..=0xFF => Some(c as u8),
                _ => CP1252_HIGH
                    .iter()
                    .position(|&h| h == c)
                    .map(|i| 0x80 + i as u8),
            })
            .collect();
        if let Some(fixed) = bytes.and_then(|b| String::from_utf8(b).ok()) {
            if fixed.len() < out.len() {
                out = fixed.into();
            }
        }
    }
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(?:#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});").expect("valid regex")
    });
    if ENTITY.is_match(&out) {
        out = decode_entities(&out).into();
    }
    out.into_owned()
}

/// The byte Windows-1252 (or Latin-1, for what it leaves undefined) gives
/// `c`, for the characters of bytes 0x80–0xFF.
fn high_byte(c: char) -> Option<u8> {
    match c as u32 {
        0x80..=0xFF => Some(c as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// Mis-decoded UTF-8 inside text that is otherwise right, as [`repair`]
/// mends whole strings: each run of characters of bytes 0x80–0xFF that
/// starts with a UTF-8 lead byte's character ("Â", "Ã", "â", …) is decoded again
/// where its bytes are UTF-8 ("isnâ€™t" is "isn’t", "Â" and a no-break
/// space a no-break space); an "Â" left before a space or a line's end is
/// what remains of one once the space was made plain ("choices.Â"). Any
/// other run stays as it is ("café", "ROMÂNIA").
pub fn repair_runs(text: String) -> String {
    // The lead bytes of the letters and signs mojibake is made of (Latin,
    // Greek, Cyrillic, Hebrew, Arabic, punctuation, CJK, emoji), not all:
    // "ß" before a "’" is German, not an NKo letter.
    let is_lead = |c: char| matches!(c, '\u{C2}'..='\u{C3}' | '\u{C5}'..='\u{C6}' | '\u{CE}'..='\u{D1}' | '\u{D7}'..='\u{D9}' | '\u{E2}'..='\u{E9}' | '\u{EF}'..='\u{F0}');
    if !text.contains(is_lead) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(is_lead) {
        out.push_str(&rest[..at]);
        let run: &str = {
            let tail = &rest[at..];
            let len = tail
                .char_indices()
                .find(|&(_, c)| high_byte(c).is_none())
                .map_or(tail.len(), |(i, _)| i);
            &tail[..len]
        };
        let bytes: Vec<u8> = run.chars().filter_map(high_byte).collect();
        rest = &rest[at + run.len()..];
        match String::from_utf8(bytes) {
            Ok(fixed) if run.chars().count() > 1 => out.push_str(&fixed),
            _ if run == "Â" && (rest.is_empty() || rest.starts_with([' ', '\n'])) => {
                // "1.Â Â Myth": one space between words, as before.
                if out.is_empty() || out.ends_with([' ', '\n']) {
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
            }
            _ => out.push_str(run),
        }
    }
    out.push_str(rest);
    out
}

/// JSON-LD strings often carry HTML entities (`&#8211;`, `&amp;`): decode
/// them as an HTML parser would in text (the HTML5 entity table, legacy
/// entities without `;` included). Building a document for this was 7 % of
/// parse time: an articleBody is the whole article.
pub(crate) fn decode_entities(s: &str) -> String {
    htmlize::unescape(s).into_owned()
}

/// An element's class and id in lower case, space-separated: the words
/// its markup names it by ("comment-author", "sidebar").
pub(crate) fn class_and_id(node: &NodeRef) -> String {
    let mut words = node.class().map(|c| c.to_lowercase()).unwrap_or_default();
    if let Some(id) = node.id_attr() {
        words.push(' ');
        words.push_str(&id.to_lowercase());
    }
    words
}

/// Elements a browser lays out as blocks by default: their texts are
/// separate lines to a reader, though `text()` glues them ("Harry
/// Rabinowitz" + "Tech Reporter" is "Harry RabinowitzTech Reporter").
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// `node` is an element laid out as a block (one of [`BLOCKS`]).
pub(crate) fn is_block(node: &NodeRef) -> bool {
    node.qual_name_ref()
        .is_some_and(|name| BLOCKS.contains(&&*name.local))
}

/// The lines a reader sees in `node`: its text cut where a block element
/// starts or ends, whitespace collapsed, empty lines dropped.
pub(crate) fn block_lines(node: &NodeRef) -> Vec<String> {
    let mut lines = Vec::new();
    each_line(
        node,
        |_| false,
        |line| {
            lines.push(line);
            ControlFlow::Continue(())
        },
    );
    lines
}

/// The first line of [`block_lines`] that is not initials, leaving out the
/// text of elements for which `skip` holds, reading no further: an author
/// box may wrap the whole article.
pub(crate) fn first_line(node: &NodeRef, skip: impl Fn(&NodeRef) -> bool) -> Option<String> {
    let mut first = None;
    each_line(node, skip, |line| {
        if is_initials(&line) {
            return ControlFlow::Continue(());
        }
        first = Some(line);
        ControlFlow::Break(())
    });
    first
}

/// Hands each line of `node` (as [`block_lines`] cuts them, without the
/// text of elements for which `skip` holds) to `each` until it breaks.
fn each_line(
    node: &NodeRef,
    skip: impl Fn(&NodeRef) -> bool,
    mut each: impl FnMut(String) -> ControlFlow<()>,
) {
    let skipped = |text: &NodeRef| {
        let mut at = text.parent();
        while let Some(el) = at {
            if el.id == node.id {
                return false;
            }
            if skip(&el) {
                return true;
            }
            at = el.parent();
        }
        false
    };
    let mut raw = String::new();
    let mut flush = |raw: &mut String| {
        let lines = raw.lines().map(clean).filter(|l| !l.is_empty());
        let flow = lines.map(&mut each).find(|flow| flow.is_break());
        raw.clear();
        flow.unwrap_or(ControlFlow::Continue(()))
    };
    for child in node.descendants_it() {
        if child.is_text() {
            if !skipped(&child) {
                raw.push_str(&child.text());
            }
        } else if is_block(&child) && flush(&mut raw).is_break() {
            return;
        }
    }
    let _ = flush(&mut raw);
}

/// "NB", "JD": an avatar's initials standing in for a picture.
pub(crate) fn is_initials(line: &str) -> bool {
    (1..=3).contains(&line.chars().count()) && line.chars().all(char::is_uppercase)
}

/// The text of `node` as a reader sees it on one line: block elements
/// inside it are kept apart by a space.
pub(crate) fn line_text(node: &NodeRef) -> String {
    block_lines(node).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_inside_right_text_is_mended() {
        let fix = |s: &str| repair_runs(s.to_string());
        assert_eq!(fix("isnâ€™t café"), "isn’t café");
        assert_eq!(fix("weâ\u{80}\u{99}ve"), "we’ve");
        assert_eq!(
            fix("WireGuardÂ® and 1.Â Â Â Myth: endsÂ"),
            "WireGuard® and 1. Myth: ends"
        );
        assert_eq!(fix("Review: â\u{ad}\u{90}"), "Review: ⭐");
        // Right text stays: German, Romanian, a quote after an accent.
        for right in ["‘ß’", "ROMÂNIA", "PÂTE", "café’s", "plain"] {
            assert_eq!(fix(right), right);
        }
    }

    /// Lines kept are the only difference between the two collapses, and
    /// both give text of the same length.
    #[test]
    fn whitespace_collapses_with_or_without_lines() {
        let text = "  Dec 12,\t2025 \n\n  <h1>Why Rust \u{a0} for\r\nEmbedded</h1>\n";
        assert_eq!(
            collapse_whitespace(text),
            "Dec 12, 2025 <h1>Why Rust for Embedded</h1>"
        );
        assert_eq!(
            collapse_lines(text),
            "Dec 12, 2025\n<h1>Why Rust for\nEmbedded</h1>"
        );
        for s in ["", " ", "\n", "a", " a\n", "a \n b  c\n\nd"] {
            assert_eq!(
                collapse_lines(s).replace('\n', " "),
                collapse_whitespace(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn digits_of_other_scripts_are_read_as_ascii() {
        assert_eq!(ascii_digits("١٢ مارس ٢٠٢٠"), "12 مارس 2020");
        assert_eq!(
            ascii_digits("۱۴۰۳ · १२ · ১২ · ๑๒ · ２０２０"),
            "1403 · 12 · 12 · 12 · 2020"
        );
        assert!(matches!(
            ascii_digits("June 28, 2024"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            ascii_digits("Март, no digits"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn any_of_finds_each_word_as_written() {
        let set = AnyOf::new(&["-ad-", "a.b", "share"]);
        assert!(set.found_in("post-ad-slot"));
        assert!(set.found_in("x a.b y"));
        assert!(set.found_in("social-share-bar"));
        // Words are literals (no regex), matched as written.
        assert!(!set.found_in("axb"));
        assert!(!set.found_in("Share"));
        assert!(!set.found_in("-ad"));
        assert!(!set.found_in(""));
    }

    #[test]
    fn whitespace_collapses_as_split_whitespace_would() {
        let spaces = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
            "\u{2028}", "\u{202F}", "\u{3000}",
        ];
        let words = [
            "a",
            "Ünïcode",
            "\u{1C}",
            "\u{200B}",
            "한국어",
            "x\u{301}",
            "🙂",
        ];
        let mut cases = vec![String::new()];
        for (i, w) in words.iter().enumerate() {
            for (j, sp) in spaces.iter().enumerate() {
                let next = words[(i + j) % words.len()];
                cases.push(format!("{w}{sp}{next}"));
                cases.push(format!("{sp}{w}{sp}{sp}{next}{sp}"));
                cases.push(format!("{sp}{sp}"));
            }
        }
        for case in cases {
            let want = case.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(&case), want, "{case:?}");
        }
    }

    #[test]
    fn broken_encodings_are_repaired_and_sound_text_is_left_alone() {
        assert_eq!(repair("Investorâ€™s Guide"), "Investor’s Guide");
        assert_eq!(
            repair("Investor\u{e2}\u{80}\u{99}s Guide"),
            "Investor’s Guide"
        );
        assert_eq!(repair("CafÃ© culture"), "Café culture");
        assert_eq!(repair("Python, SQL &#x26; AI"), "Python, SQL & AI");
        for sound in ["Café â la carte", "Tom & Jerry", "Â is a letter", "naïve"] {
            assert_eq!(repair(sound), sound);
        }
    }

    #[test]
    fn invisible_characters_go_and_lines_stay_apart() {
        assert_eq!(clean("B\u{FEFF}est  ever\u{200B}"), "Best ever");
        let doc = dom_query::Document::from(
            "<div><span>NB</span><p>Harry Rabinowitz</p><p>Tech Reporter</p></div>",
        );
        let div = doc.select("div").nodes()[0];
        assert_eq!(
            block_lines(&div),
            ["NB", "Harry Rabinowitz", "Tech Reporter"]
        );
        assert_eq!(
            first_line(&div, |_| false).as_deref(),
            Some("Harry Rabinowitz")
        );
        assert_eq!(line_text(&div), "NB Harry Rabinowitz Tech Reporter");
    }
}
