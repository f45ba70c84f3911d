//! The pages the benchmark site serves: real article pages (the development
//! corpus, never committed), each served as many times as the run needs.
//!
//! Copy 0 of a page is the page as it is. Later copies shuffle the words of
//! every run of text (outside scripts, styles and comments) with a seed of
//! their own: the markup, the byte size and the vocabulary stay, so every
//! stage does the same work as on the original, but the text is new, so
//! dedup lets the copy through (a new version of its canonical URL) and
//! enrich sees as many articles as were submitted. Text without spaces
//! (Chinese, Japanese) cannot be reshuffled this way; its copies are true
//! duplicates and the report counts them.

use std::io::Read;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

/// Runs of text with fewer words are kept as they are (headlines, labels).
const MIN_WORDS: usize = 6;

/// Reads every `*.html` and `*.html.gz` file of `dir`, in name order.
pub fn load(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let name = path.to_string_lossy();
        let bytes = std::fs::read(&path)?;
        if name.ends_with(".html.gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
            pages.push(out);
        } else if name.ends_with(".html") {
            pages.push(bytes);
        }
    }
    Ok(pages)
}

/// The `copy`-th copy of `page` (see the module documentation).
pub fn variant(page: &[u8], copy: u64) -> Vec<u8> {
    if copy == 0 {
        return page.to_vec();
    }
    let mut out = Vec::with_capacity(page.len() + 64);
    let mut rng = SplitMix(copy.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut i = 0;
    while i < page.len() {
        if page[i] != b'<' {
            let end = find(page, i, b"<").unwrap_or(page.len());
            shuffle_words(&page[i..end], &mut rng, &mut out);
            i = end;
            continue;
        }
        if page[i..].starts_with(b"<!--") {
            let end = find(page, i + 4, b"-->").map_or(page.len(), |e| e + 3);
            out.extend_from_slice(&page[i..end]);
            i = end;
            continue;
        }
        let end = find(page, i, b">").map_or(page.len(), |e| e + 1);
        out.extend_from_slice(&page[i..end]);
        let name: Vec<u8> = page[i + 1..end]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        i = end;
        // Script and style bodies are not text: copy them to their end tag.
        if name == b"script" || name == b"style" {
            let close: Vec<u8> = [b"</".as_slice(), &name].concat();
            let stop = find_ignore_case(page, i, &close).unwrap_or(page.len());
            out.extend_from_slice(&page[i..stop]);
            i = stop;
        }
    }
    out
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Shuffles the whitespace-separated words of one run of text into `out`,
/// keeping its leading and trailing whitespace.
fn shuffle_words(text: &[u8], rng: &mut SplitMix, out: &mut Vec<u8>) {
    let mut words: Vec<&[u8]> = text
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < MIN_WORDS {
        out.extend_from_slice(text);
        return;
    }
    let lead = text.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = text
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    for i in (1..words.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        words.swap(i, j);
    }
    out.extend_from_slice(&text[..lead]);
    out.extend_from_slice(&words.join(&b' '));
    out.extend_from_slice(&text[text.len() - trail..]);
}

/// A small deterministic generator (SplitMix64): copies are the same on
/// every run and every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The path of URL number `n` on the site.
pub fn path(n: u64) -> String {
    format!("/p/{n}.html")
}

/// Serves URL number `n` as copy `n / pages` of page `n % pages` on a free
/// loopback port; `/robots.txt` is 404 (everything allowed).
pub async fn serve(pages: Arc<Vec<Vec<u8>>>) -> std::io::Result<SocketAddr> {
    async fn page(
        State(pages): State<Arc<Vec<Vec<u8>>>>,
        UrlPath(file): UrlPath<String>,
    ) -> axum::response::Response {
        let Some(n) = file
            .strip_suffix(".html")
            .and_then(|n| n.parse::<u64>().ok())
        else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let count = pages.len() as u64;
        let body =
            tokio::task::spawn_blocking(move || variant(&pages[(n % count) as usize], n / count))
                .await
                .unwrap_or_default();
        ([(header::CONTENT_TYPE, "text/html")], body).into_response()
    }
    let app = Router::new()
        .route("/p/{file}", get(page))
        .with_state(pages);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &[u8] = b"<html><head><title>A short title here</title>\
        <script>var a = 'one two three four five six seven';</script></head>\
        <body><!-- a b c d e f g h --><p>The quick brown fox jumps over the lazy dog again</p>\
        <p>Short line</p></body></html>";

    #[test]
    fn copy_zero_is_the_page() {
        assert_eq!(variant(PAGE, 0), PAGE);
    }

    #[test]
    fn later_copies_shuffle_only_long_text_and_keep_size() {
        let one = variant(PAGE, 1);
        let two = variant(PAGE, 2);
        assert_eq!(one.len(), PAGE.len());
        assert_ne!(one, PAGE);
        assert_ne!(one, two);
        let text = String::from_utf8(one).unwrap();
        // Markup, scripts, comments and short runs are untouched.
        assert!(text.contains("<script>var a = 'one two three four five six seven';</script>"));
        assert!(text.contains("<!-- a b c d e f g h -->"));
        assert!(text.contains("<p>Short line</p>"));
        assert!(text.contains("<title>A short title here</title>"));
        let body = text
            .split("<p>")
            .nth(1)
            .unwrap()
            .split("</p>")
            .next()
            .unwrap();
        let mut words: Vec<&str> = body.split(' ').collect();
        words.sort_unstable();
        let mut expected: Vec<&str> = "The quick brown fox jumps over the lazy dog again"
            .split(' ')
            .collect();
        expected.sort_unstable();
        assert_eq!(words, expected);
        assert_eq!(variant(PAGE, 1), variant(PAGE, 1), "deterministic");
    }
}
