//! Per-host politeness, measured from the server's side.

use std::time::Duration;

use newsflow_fetch::{FetchSettings, FetchStage, PolitenessSettings};
use newsflow_fixture_site::RobotsMode;
use newsflow_runtime::Outcome;

use super::{loopback_settings, page, process, retry_kind, serve};

async fn server_log(base: &str) -> Vec<u64> {
    let body = reqwest_free_get(base, "/timed-log").await;
    body.lines().filter_map(|l| l.trim().parse().ok()).collect()
}

/// A GET without the fetcher (and without its politeness).
async fn reqwest_free_get(base: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn requests_to_one_host_never_come_faster_than_the_limit() {
    let (base, _) = serve(RobotsMode::Missing).await;
    let settings = FetchSettings {
        politeness: PolitenessSettings {
            max_concurrent_per_host: 1,
            min_delay_ms: 250,
            ..Default::default()
        },
        ..loopback_settings()
    };
    let stage = FetchStage::new(settings).unwrap();
    let urls: Vec<String> = (0..6).map(|n| format!("{base}/timed/{n}")).collect();
    let fetches = urls.iter().map(|url| process(&stage, url));
    for outcome in futures::future::join_all(fetches).await {
        page(outcome);
    }
    let arrivals = server_log(&base).await;
    assert_eq!(arrivals.len(), 6, "{arrivals:?}");
    // The fetcher spaces its starts by the delay; the server sees each
    // request after its own transit (the first also opens the connection),
    // which on a loaded machine varies by milliseconds: one gap may look a
    // little short, the whole run may not.
    for pair in arrivals.windows(2) {
        assert!(pair[1] - pair[0] >= 230, "requests too close: {arrivals:?}");
    }
    assert!(
        arrivals[5] - arrivals[0] >= 5 * 250 - 20,
        "six requests in less than five delays: {arrivals:?}"
    );
}

#[tokio::test]
async fn a_busy_host_hands_work_back_instead_of_holding_it() {
    let (base, _) = serve(RobotsMode::Missing).await;
    let settings = FetchSettings {
        politeness: PolitenessSettings {
            max_concurrent_per_host: 1,
            min_delay_ms: 2_000,
            max_wait_ms: 300,
            ..Default::default()
        },
        ..loopback_settings()
    };
    let stage = FetchStage::new(settings).unwrap();
    page(process(&stage, &format!("{base}/news/1")).await);
    let outcome = process(&stage, &format!("{base}/news/2")).await;
    let (kind, after) = retry_kind(&outcome).expect("a retry");
    assert_eq!(kind, "host_busy");
    assert!(
        after.is_some_and(|a| a > Duration::from_millis(1_000)),
        "{after:?}"
    );
}

#[tokio::test]
async fn a_throttling_host_is_paused_for_its_retry_after() {
    let (base, _) = serve(RobotsMode::Missing).await;
    let settings = FetchSettings {
        politeness: PolitenessSettings {
            min_delay_ms: 0,
            max_wait_ms: 200,
            ..Default::default()
        },
        ..loopback_settings()
    };
    let stage = FetchStage::new(settings).unwrap();
    // 429 with Retry-After: 1 — the host is blocked for a second.
    let outcome = process(&stage, &format!("{base}/status/429")).await;
    assert_eq!(retry_kind(&outcome).map(|r| r.0), Some("http_throttled"));
    let outcome = process(&stage, &format!("{base}/news/1")).await;
    assert!(
        matches!(outcome, Outcome::Retry(ref f) if f.kind == "host_busy"),
        "{outcome:?}"
    );
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    page(process(&stage, &format!("{base}/news/1")).await);
}
