//! Any bytes, read as a page (lossily decoded, as the fetcher would hand
//! them over), must give an article or a parse error: never a panic, a hang
//! or unbounded memory. Run from services/parse:
//! `cargo +nightly fuzz run extract -- -max_total_time=300 -rss_limit_mb=2048`.
//! Crashers found are kept in `tests/crashers/` and replayed by the tests.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = newsflow_parse::extract(&html, "https://fuzz.example/article");
});
