//! The fetch stage against the fixture site on loopback (a real HTTP server).
//! Each kind of page and each kind of trouble, and what becomes of it. The
//! SSRF defence and robots.txt have their own modules.

mod conditional;
mod politeness;
mod robots;
mod ssrf;

use std::net::SocketAddr;
use std::time::Duration;

use newsflow_contracts::v1::CharsetSource;
use newsflow_contracts::{Page, UrlRequest};
use newsflow_fetch::{FetchSettings, FetchStage, PolitenessSettings};
use newsflow_fixture_site::{demo_urls, Expect, RobotsMode, ENCODINGS};
use newsflow_runtime::{Outcome, Stage};

/// Serves a fixture site on a free loopback port for the rest of the test
/// process; returns its base URL.
async fn serve(robots: RobotsMode) -> (String, SocketAddr) {
    let (addr, task) =
        newsflow_fixture_site::serve_with(SocketAddr::from(([127, 0, 0, 1], 0)), robots)
            .await
            .unwrap();
    std::mem::forget(task);
    (format!("http://{addr}"), addr)
}

async fn site() -> String {
    serve(RobotsMode::Standard).await.0
}

/// Settings that allow every loopback port (the SSRF defence is tested on
/// its own, with the allow-list naming only the fixture's address and port).
fn loopback_settings() -> FetchSettings {
    FetchSettings {
        allow: vec!["127.0.0.0/8".parse().unwrap()],
        // Every fixture shares one host; politeness has its own tests.
        politeness: PolitenessSettings {
            min_delay_ms: 0,
            max_concurrent_per_host: 64,
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn fetch_with(settings: FetchSettings, url: &str) -> Outcome<Page> {
    let stage = FetchStage::new(settings).unwrap();
    process(&stage, url).await
}

async fn process(stage: &FetchStage, url: &str) -> Outcome<Page> {
    let request = UrlRequest {
        url: url.to_string(),
        ..Default::default()
    };
    stage.process(&request, 1).await
}

async fn fetch(url: &str) -> Outcome<Page> {
    fetch_with(loopback_settings(), url).await
}

fn page(outcome: Outcome<Page>) -> Page {
    match outcome {
        Outcome::Emit(mut e) if e.len() == 1 => {
            assert_eq!(e[0].output, "pages");
            let emit = e.remove(0);
            assert_eq!(emit.key.as_deref(), Some(emit.message.id.as_str()));
            emit.message
        }
        other => panic!("expected one page, got {other:?}"),
    }
}

fn retry_kind(outcome: &Outcome<Page>) -> Option<(&'static str, Option<Duration>)> {
    match outcome {
        Outcome::Retry(f) => Some((f.kind, f.retry_after)),
        _ => None,
    }
}

fn reject_kind(outcome: &Outcome<Page>) -> Option<&'static str> {
    match outcome {
        Outcome::Reject(f) => Some(f.kind),
        _ => None,
    }
}

#[tokio::test]
async fn plain_article_becomes_a_page_with_headers_and_timings() {
    let base = site().await;
    let p = page(fetch(&format!("{base}/news/7")).await);
    assert_eq!(p.status, 200);
    assert_eq!(p.final_url, format!("{base}/news/7"));
    assert!(p.redirects.is_empty());
    assert_eq!(p.content_type, "text/html");
    assert_eq!(p.charset, "UTF-8");
    assert_eq!(p.charset_source, CharsetSource::Header as i32);
    assert!(p.html.contains(&newsflow_fixture_site::article_title(7)));
    assert_eq!(
        p.headers.get("content-type").map(String::as_str),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(p.body_bytes as usize, p.html.len());
    assert!(p.timings.is_some() && p.fetched_at.is_some());
    assert_eq!(p.request.unwrap().url, format!("{base}/news/7"));
}

#[tokio::test]
async fn redirect_chain_is_followed_and_recorded() {
    let base = site().await;
    let p = page(fetch(&format!("{base}/redirect/3/news/5")).await);
    assert_eq!(p.final_url, format!("{base}/news/5"));
    let hops: Vec<(String, u32)> = p
        .redirects
        .iter()
        .map(|r| (r.url.clone(), r.status))
        .collect();
    assert_eq!(
        hops,
        [
            (format!("{base}/redirect/3/news/5"), 307),
            (format!("{base}/redirect/2/news/5"), 307),
            (format!("{base}/redirect/1/news/5"), 308),
        ]
    );
    // The id is the requested URL's, so a replay gets the same id.
    let again = page(fetch(&format!("{base}/redirect/3/news/5")).await);
    assert_eq!(p.id, again.id);
}

#[tokio::test]
async fn redirect_loops_and_long_chains_are_rejected() {
    let base = site().await;
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/loop/a")).await),
        Some("redirect_loop")
    );
    let settings = FetchSettings {
        max_redirects: 2,
        ..loopback_settings()
    };
    let outcome = fetch_with(settings, &format!("{base}/redirect/5/news/1")).await;
    assert_eq!(reject_kind(&outcome), Some("too_many_redirects"));
}

#[tokio::test]
async fn statuses_map_to_reject_retry_or_skip() {
    let base = site().await;
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/status/404")).await),
        Some("http_not_found")
    );
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/status/410")).await),
        Some("http_gone")
    );
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/status/403")).await),
        Some("http_client_error")
    );
    assert_eq!(
        retry_kind(&fetch(&format!("{base}/status/429")).await),
        Some(("http_throttled", Some(Duration::from_secs(1))))
    );
    assert_eq!(
        retry_kind(&fetch(&format!("{base}/status/503")).await),
        Some(("http_server_error", Some(Duration::from_secs(1))))
    );
    assert_eq!(
        retry_kind(&fetch(&format!("{base}/status/500")).await),
        Some(("http_server_error", None))
    );
    assert!(matches!(
        fetch(&format!("{base}/status/304")).await,
        Outcome::Skip("not_modified")
    ));
    assert!(matches!(
        fetch(&format!("{base}/image.png")).await,
        Outcome::Skip("not_html")
    ));
    assert!(matches!(
        fetch(&format!("{base}/feed.json")).await,
        Outcome::Skip("not_html")
    ));
}

#[tokio::test]
async fn flaky_page_succeeds_on_a_later_attempt() {
    let base = site().await;
    let url = format!("{base}/flaky/test-flaky/2");
    assert!(retry_kind(&fetch(&url).await).is_some());
    assert!(retry_kind(&fetch(&url).await).is_some());
    page(fetch(&url).await);
}

#[tokio::test]
async fn slow_servers_time_out_as_retryable() {
    let base = site().await;
    let settings = FetchSettings {
        total_timeout_ms: 700,
        ..loopback_settings()
    };
    let outcome = fetch_with(settings.clone(), &format!("{base}/slow-headers")).await;
    assert_eq!(retry_kind(&outcome).map(|r| r.0), Some("timeout"));
    let outcome = fetch_with(settings, &format!("{base}/slow-body")).await;
    assert_eq!(retry_kind(&outcome).map(|r| r.0), Some("timeout"));
    // A byte a second is cut off by the minimum rate long before the
    // total timeout.
    let settings = FetchSettings {
        slow_grace_ms: 1_500,
        min_bytes_per_sec: 100,
        ..loopback_settings()
    };
    let outcome = fetch_with(settings, &format!("{base}/slow-body")).await;
    assert_eq!(retry_kind(&outcome).map(|r| r.0), Some("too_slow"));
}

#[tokio::test]
async fn overlong_urls_are_rejected_before_any_request() {
    let base = site().await;
    let long = format!("{base}/news/1?{}", "q".repeat(3000));
    assert_eq!(reject_kind(&fetch(&long).await), Some("url_too_long"));
}

#[tokio::test]
async fn robots_directives_from_header_and_meta_reach_the_page() {
    let base = site().await;
    let p = page(fetch(&format!("{base}/news/2")).await);
    assert!(p.robots_directives.is_empty(), "{:?}", p.robots_directives);
    let p = page(fetch(&format!("{base}/noarchive/news/2")).await);
    assert_eq!(p.robots_directives, ["noarchive", "noindex", "nofollow"]);
}

#[tokio::test]
async fn unreachable_host_is_a_retryable_connect_failure() {
    // Bind then drop a listener: nothing listens on that port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let outcome = fetch(&format!("http://127.0.0.1:{port}/")).await;
    assert_eq!(retry_kind(&outcome).map(|r| r.0), Some("connect"));
}

#[tokio::test]
async fn bodies_are_capped_while_streaming_and_after_decompression() {
    let base = site().await;
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/big")).await),
        Some("body_too_large")
    );
    // A body that never ends (a "10 GB" download) stops at the cap too.
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/endless")).await),
        Some("body_too_large")
    );
    // 100 KiB of gzip inflating to 100 MiB stops at the 5 MiB cap.
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/bomb")).await),
        Some("body_too_large")
    );
}

#[tokio::test]
async fn gzip_pages_are_decoded() {
    let base = site().await;
    let p = page(fetch(&format!("{base}/gzip/news/3")).await);
    assert!(p.html.contains(&newsflow_fixture_site::article_title(3)));
}

#[tokio::test]
async fn every_encoding_comes_out_as_utf8_whichever_way_it_is_declared() {
    let base = site().await;
    for (label, text, _) in ENCODINGS {
        let expected = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
        for (mode, source) in [
            ("header", CharsetSource::Header),
            ("meta", CharsetSource::Meta),
            ("none", CharsetSource::Detected),
        ] {
            let p = page(fetch(&format!("{base}/charset/{mode}/{label}")).await);
            // Undeclared KOI8-R is guessed as KOI8-U, its superset: the two
            // differ only in letters Russian text does not use.
            let koi8_superset = mode == "none" && *label == "koi8-r" && p.charset == "KOI8-U";
            assert!(
                p.charset == expected.name() || koi8_superset,
                "{label} by {mode}: {}",
                p.charset
            );
            assert_eq!(p.charset_source, source as i32, "{label} by {mode}");
            assert!(
                p.html.contains(text),
                "{label} by {mode}: text did not survive"
            );
            assert!(
                !p.html.contains('\u{FFFD}'),
                "{label} by {mode}: replacement characters"
            );
        }
    }
}

#[tokio::test]
async fn bad_urls_are_rejected_without_a_request() {
    for (url, kind) in [
        ("not a url", "invalid_url"),
        ("file:///etc/passwd", "forbidden_url"),
        ("http://user:secret@127.0.0.1/", "forbidden_url"),
    ] {
        assert_eq!(reject_kind(&fetch(url).await), Some(kind), "{url}");
    }
}

#[tokio::test]
async fn demo_set_expectations_hold_for_a_single_attempt_or_a_retry() {
    let base = site().await;
    let stage = FetchStage::new(loopback_settings()).unwrap();
    for demo in demo_urls(&base) {
        let request = UrlRequest {
            url: demo.url.clone(),
            ..Default::default()
        };
        let mut outcome = stage.process(&request, 1).await;
        if matches!(outcome, Outcome::Retry(_))
            && !matches!(demo.expect, Expect::DeadLetter("retries_exhausted"))
        {
            outcome = stage.process(&request, 2).await;
        }
        match (&demo.expect, outcome) {
            (
                Expect::Page {
                    final_url,
                    redirects,
                },
                Outcome::Emit(e),
            ) => {
                assert_eq!(&e[0].message.final_url, final_url, "{}", demo.url);
                assert_eq!(e[0].message.redirects.len(), *redirects, "{}", demo.url);
            }
            (Expect::Skip(reason), Outcome::Skip(got)) => assert_eq!(reason, &got, "{}", demo.url),
            (Expect::DeadLetter("retries_exhausted"), Outcome::Retry(_)) => {}
            (Expect::DeadLetter(kind), Outcome::Reject(f)) => {
                assert_eq!(kind, &f.kind, "{}", demo.url)
            }
            (expect, got) => panic!("{}: expected {expect:?}, got {got:?}", demo.url),
        }
    }
}

#[tokio::test]
async fn binary_labelled_html_mislabelled_charsets_and_huge_headers() {
    let base = site().await;
    assert!(matches!(
        fetch(&format!("{base}/binary-as-html")).await,
        Outcome::Skip("not_html")
    ));
    let p = page(fetch(&format!("{base}/mislabelled")).await);
    assert_eq!(p.charset, "windows-1251");
    assert_eq!(p.charset_source, CharsetSource::Detected as i32);
    assert!(p.html.contains("Правительство"));
    assert_eq!(
        reject_kind(&fetch(&format!("{base}/huge-headers")).await),
        Some("headers_too_large")
    );
}

#[test]
fn the_shipped_config_files_are_valid_for_fetch() {
    for file in ["newsflow.toml", "local.toml"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../deploy/config")
            .join(file);
        let args = newsflow_runtime::config::ConfigArgs {
            config: Some(path),
            overrides: vec![],
        };
        let settings = newsflow_runtime::Settings::load_with(&args, Default::default(), Vec::new())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let fetch: FetchSettings = settings
            .stage("fetch")
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(fetch.ssrf_protection, "{file}");
    }
}
