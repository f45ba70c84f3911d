//! Single-core enrich throughput, whole and per annotator, over parsed
//! articles (JSON lines `{"id","article"}` as `newsflow parse --manifest`
//! writes them), each body cut to its first N words (default 800, the
//! issue's article size; `--words 0` keeps them whole):
//!
//! ```text
//! newsflow parse --manifest M > articles.jsonl   # e.g. the development corpus
//! cargo bench -p newsflow-enrich --bench enrich -- articles.jsonl [--words 800]
//! ```
//!
//! Articles shorter than N words are left out. One warm-up pass, then
//! three timed passes of `enrich` on one thread; then each annotator alone.

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use newsflow_contracts::Article;
use newsflow_enrich::{keywords, language, mentions, ner, quotes, tone};

fn cut(body: &str, words: usize) -> Option<String> {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in body.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == words {
                    return Some(body[..i].to_string());
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    (in_word && seen + 1 == words).then(|| body.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| a.ends_with(".jsonl") || a.ends_with(".json"))
        .expect(
            "usage: cargo bench -p newsflow-enrich --bench enrich -- ARTICLES.jsonl [--words N]",
        );
    let words: usize = args
        .iter()
        .position(|a| a == "--words")
        .and_then(|i| args.get(i + 1))
        .map_or(800, |n| n.parse().expect("--words N"));
    let mut articles: Vec<Article> = Vec::new();
    for line in std::fs::read_to_string(path)
        .expect("read articles")
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let Some(a) = v.get("article") else { continue };
        let mut a: Article = serde_json::from_value(a.clone()).expect("an Article");
        if words > 0 {
            match cut(&a.body_text, words) {
                Some(body) => a.body_text = body,
                None => continue,
            }
        }
        articles.push(a);
    }
    assert!(
        !articles.is_empty(),
        "no article of {words} words in {path}"
    );
    let n = articles.len() as f64;
    println!(
        "{} articles of {} words",
        articles.len(),
        if words > 0 {
            words.to_string()
        } else {
            "any".into()
        }
    );
    for a in &articles {
        std::hint::black_box(newsflow_enrich::enrich(a));
    }
    for pass in 1..=3 {
        let started = Instant::now();
        for a in &articles {
            std::hint::black_box(newsflow_enrich::enrich(a));
        }
        let s = started.elapsed().as_secs_f64();
        println!(
            "pass {pass}: {:.0} articles/s ({:.2} ms each)",
            n / s,
            1e3 * s / n
        );
    }
    let time = |name: &str, f: &dyn Fn(&Article)| {
        let started = Instant::now();
        for a in &articles {
            f(a);
        }
        println!(
            "  {name:<28} {:.3} ms each",
            1e3 * started.elapsed().as_secs_f64() / n
        );
    };
    time("language", &|a| {
        std::hint::black_box(language::detect(
            &a.body_text.chars().take(4_000).collect::<String>(),
        ));
    });
    time("keywords", &|a| {
        std::hint::black_box(keywords::extract(&a.title, &a.body_text));
    });
    time("dates", &|a| {
        std::hint::black_box(mentions::find(&a.body_text, None));
    });
    time("tone", &|a| {
        std::hint::black_box(tone::tone(&a.body_text));
    });
    time("quotations", &|a| {
        std::hint::black_box(quotes::find(&a.body_text));
    });
    time("entities (tagger only)", &|a| {
        std::hint::black_box(ner::find(&a.body_text).expect("model"));
    });
    time("entities (with countries)", &|a| {
        std::hint::black_box(ner::group::entities(&a.title, &a.body_text).expect("model"));
    });
}
