//! Single-core parse throughput over a directory of pages (`*.html` or
//! `*.html.gz`), e.g. the development corpus:
//!
//! ```text
//! cargo bench -p newsflow-parse --bench parse [-- DIR]   # default: ../shared/eval/wceb-dev/html
//! ```
//!
//! Pages are read and decompressed first; only `extract` is timed, on one
//! thread. Prints pages/s, MB/s and per-page latency percentiles.

use std::io::Read;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, a)| !a.starts_with('-') && args[i - 1] != "--stage")
        .map(|(_, a)| a.clone())
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/eval/wceb-dev/html"
            )
            .to_string()
        });
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.to_string_lossy().to_string();
        let bytes = std::fs::read(&path).expect("read");
        let html = if name.ends_with(".gz") {
            let mut s = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut s)
                .expect("gunzip");
            s
        } else if name.ends_with(".html") {
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            continue;
        };
        pages.push((format!("https://bench.example/{}", pages.len()), html));
    }
    assert!(!pages.is_empty(), "no pages in {dir}");
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    // One warm-up pass, then timed passes.
    // `--stage html5ever` times the HTML parse alone and `--stage readability`
    // dom_smoothie on its own: the floors under the whole extraction.
    let stage = args
        .iter()
        .position(|a| a == "--stage")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
        .unwrap_or("extract")
        .to_string();
    let run = |html: &str, url: &str| match stage.as_str() {
        "html5ever" => {
            std::hint::black_box(dom_query::Document::from(html));
        }
        "readability" => {
            let doc = dom_query::Document::from(html);
            let r = dom_smoothie::Readability::with_document(doc, Some(url), None)
                .and_then(|mut r| r.parse());
            let _ = std::hint::black_box(r);
        }
        _ => {
            let _ = std::hint::black_box(newsflow_parse::extract(html, url));
        }
    };
    for (url, html) in &pages {
        run(html, url);
    }
    let passes = 3;
    let mut times: Vec<Duration> = Vec::with_capacity(pages.len() * passes);
    let started = Instant::now();
    for _ in 0..passes {
        for (url, html) in &pages {
            let t = Instant::now();
            run(html, url);
            times.push(t.elapsed());
        }
    }
    let total = started.elapsed().as_secs_f64();
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    let n = (pages.len() * passes) as f64;
    println!(
        "{stage}: {} pages, mean {:.0} KB: {:.0} pages/s, {:.1} MB/s on one core; per page p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pages.len(),
        bytes as f64 / pages.len() as f64 / 1024.0,
        n / total,
        bytes as f64 * passes as f64 / total / 1e6,
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}
