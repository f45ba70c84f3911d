//! Single-core cost of an article's index entry (`decide::entry`: words,
//! content hash, shingles, MinHash signature, LSH bands, story signature),
//! the dedup stage's own CPU work per article, over parsed articles (JSON
//! lines `{"id","article"}` as `newsflow parse --manifest` writes them):
//!
//! ```text
//! newsflow parse --manifest M > articles.jsonl   # e.g. the development corpus
//! cargo bench -p newsflow-dedup --bench fingerprint -- articles.jsonl
//! ```
//!
//! One warm-up pass, then three timed passes. It prints a checksum of every
//! entry's hashes and bands: a change meant to be faster only must leave it
//! as it was (other replicas and the stored state depend on these values).

use std::time::Instant;

use newsflow_contracts::Article;
use newsflow_dedup::decide::entry;
use newsflow_dedup::text::hash64;
use newsflow_dedup::DedupSettings;

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| a.ends_with(".jsonl") || a.ends_with(".json"))
        .expect("usage: cargo bench -p newsflow-dedup --bench fingerprint -- ARTICLES.jsonl");
    let articles: Vec<Article> = std::fs::read_to_string(&path)
        .expect("read articles")
        .lines()
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            v.get("article")
                .map(|a| serde_json::from_value(a.clone()).expect("an Article"))
        })
        .collect();
    assert!(!articles.is_empty(), "no article in {path}");
    let settings = DedupSettings::default();
    let words: usize = articles
        .iter()
        .map(|a| a.body_text.split_whitespace().count())
        .sum();
    println!(
        "{} articles, {} words on average",
        articles.len(),
        words / articles.len()
    );
    let mut checksum = 0u64;
    for a in &articles {
        let e = entry(a, &settings);
        let m = &e.member;
        let mut fold = |bytes: &[u8]| checksum = hash64(&[&checksum.to_le_bytes(), bytes].concat());
        fold(m.content_hash.as_bytes());
        fold(e.url.as_bytes());
        fold(&m.shingles.to_le_bytes());
        for v in m.signature.iter().chain(&m.story).chain(&m.title) {
            fold(&v.to_le_bytes());
        }
        for b in e.bands.iter().chain(&e.story_bands) {
            fold(b.as_bytes());
        }
    }
    println!("checksum {checksum:016x}");
    for pass in 1..=3 {
        let start = Instant::now();
        for a in &articles {
            std::hint::black_box(entry(std::hint::black_box(a), &settings));
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "pass {pass}: {:.1} µs per article, {:.0} articles/s",
            secs * 1e6 / articles.len() as f64,
            articles.len() as f64 / secs
        );
    }
}
