//! Fixture pages written by the team for the common news-site shapes, each
//! with its exact expected Article (`tests/fixtures/<name>.html` and
//! `<name>.expected.json`): JSON-LD NewsArticle, OpenGraph-only, WordPress,
//! AMP, a live blog, a paywalled teaser, Korean, Japanese and Russian pages,
//! a page laid out like an English-language Korean daily, and a listing page
//! (flagged as not an article). Every field in the expected file must match.

use std::path::Path;

use newsflow_parse::{extract, ParseError};
use serde_json::Value;

fn fixtures() -> Vec<(String, String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let html = std::fs::read_to_string(&path).expect("html");
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(path.with_extension("expected.json")).expect("expected"),
            )
            .expect("expected JSON");
            out.push((name, html, expected));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_fixture_page_gives_exactly_its_expected_article() {
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 11);
    let mut failures = Vec::new();
    for (name, html, expected) in fixtures {
        let url = expected["url"].as_str().expect("url");
        let article = extract(&html, url).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = serde_json::to_value(&article).expect("article JSON");
        for (field, want) in expected.as_object().expect("object") {
            // The contract's JSON leaves out empty fields.
            let have = got.get(field).cloned().unwrap_or(match want {
                Value::String(_) => Value::String(String::new()),
                Value::Array(_) => Value::Array(Vec::new()),
                Value::Bool(_) => Value::Bool(false),
                Value::Number(_) => Value::from(0),
                _ => Value::Null,
            });
            if &have != want {
                failures.push(format!("{name}.{field}: expected {want}, got {have}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_korean_daily_page_has_its_two_reporters_credit_and_kst_offset() {
    let (_, html, expected) = fixtures()
        .into_iter()
        .find(|f| f.0 == "korean-daily")
        .expect("fixture");
    let a = extract(&html, expected["url"].as_str().unwrap()).unwrap();
    assert_eq!(a.published_at, "2024-06-28T17:18:00+09:00");
    assert_eq!(a.published_at_evidence.unwrap().raw, "2024-06-28 17:18 KST");
    let people: Vec<_> = a
        .authors
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("Park Ji-won", "staff reporter"),
            ("Lee Seung-hoon", "senior staff writer")
        ]
    );
    assert_eq!(a.images[0].credit, "TASS/Yonhap");
    for absent in [
        "(TASS/Yonhap)",
        "english@",
        "Related stories",
        "Most viewed",
        "original Korean",
        "By Park",
    ] {
        assert!(!a.body_text.contains(absent), "{absent:?} in the body");
        assert!(!a.body_html.contains(absent), "{absent:?} in the body HTML");
    }
}

/// Each kind of bad input and what happens to it: refused with a reason
/// (the service dead-letters it), never a panic or a hang.
#[test]
fn bad_input_is_refused_with_a_reason_or_parsed_safely() {
    let refused = [
        ("", "empty_page"),
        ("\u{0}\u{1}\u{2}\u{FFFD}".repeat(5000).as_str(), "not_text"),
        (
            format!("<html><body>{}</body></html>", "<div>".repeat(100_000)).as_str(),
            "too_deeply_nested",
        ),
    ]
    .map(|(html, kind)| (html.to_string(), kind));
    for (html, kind) in refused {
        match extract(&html, "http://x.example/") {
            Err(e) => assert_eq!(e.kind(), kind),
            Ok(_) => panic!("{kind}: accepted"),
        }
    }
    let big = "a".repeat(newsflow_parse::MAX_HTML_BYTES + 1);
    assert!(matches!(
        extract(&big, "http://x.example/"),
        Err(ParseError::TooLarge(..))
    ));

    // Malformed but parseable: an article comes out.
    let malformed = "<html><body><h1>Unclosed <b>tags<p>First paragraph of a page with broken markup, <i>unclosed italics and <div>stray blocks, long enough to read as an article body by any measure.<p>Second paragraph</table></td> with stray end tags and an unterminated <a href='x";
    let a = extract(malformed, "http://x.example/a").expect("malformed HTML still parses");
    assert!(a.body_text.contains("broken markup"), "{}", a.body_text);

    // A multi-megabyte table: parsed within the size limit, no article text.
    let rows = "<tr><td>cell</td><td>42</td></tr>".repeat(80_000);
    let table = format!("<html><body><table>{rows}</table></body></html>");
    assert!(table.len() > 2_500_000);
    let a = extract(&table, "http://x.example/t").expect("a big table parses");
    assert!(a.not_an_article || a.word_count > 0);
}
