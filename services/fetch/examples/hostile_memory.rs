//! Benchmark: peak memory of the fetcher under 100 concurrent hostile
//! responses (gzip and brotli bombs, endless and oversize bodies, slow
//! bodies, huge headers) from the fixture site on loopback.
//!
//! `cargo run --release -p newsflow-fetch --example hostile_memory`
//! prints the process's peak resident memory (VmHWM) before and after.

use std::net::SocketAddr;
use std::time::Instant;

use newsflow_contracts::UrlRequest;
use newsflow_fetch::{FetchSettings, FetchStage, PolitenessSettings};
use newsflow_runtime::{Outcome, Stage};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let (addr, _site) = newsflow_fixture_site::serve(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let base = format!("http://{addr}");
    // Warm the bomb caches of the site so the site's own memory is counted
    // before the measurement.
    let settings = FetchSettings {
        allow: vec![addr.to_string().parse().map_err(anyhow::Error::msg)?],
        total_timeout_ms: 8_000,
        slow_grace_ms: 2_000,
        politeness: PolitenessSettings {
            min_delay_ms: 0,
            max_concurrent_per_host: 1_000,
            ..Default::default()
        },
        ..Default::default()
    };
    let stage = FetchStage::new(settings)?;
    for path in ["/bomb", "/brotli-bomb"] {
        let _ = stage
            .process(
                &UrlRequest {
                    url: format!("{base}{path}"),
                    ..Default::default()
                },
                1,
            )
            .await;
    }
    let before = peak_rss_kib();
    let paths = [
        "/bomb",
        "/brotli-bomb",
        "/endless",
        "/big",
        "/slow-body",
        "/huge-headers",
    ];
    let started = Instant::now();
    let requests: Vec<UrlRequest> = (0..100)
        .map(|i| UrlRequest {
            url: format!("{base}{}?i={i}", paths[i % paths.len()]),
            ..Default::default()
        })
        .collect();
    let outcomes = futures::future::join_all(requests.iter().map(|r| stage.process(r, 1))).await;
    let mut kinds = std::collections::BTreeMap::new();
    for o in &outcomes {
        let kind = match o {
            Outcome::Emit(_) => "page",
            Outcome::Skip(r) => r,
            Outcome::Retry(f) | Outcome::Reject(f) => f.kind,
        };
        *kinds.entry(kind).or_insert(0) += 1;
    }
    let after = peak_rss_kib();
    println!(
        "100 concurrent hostile responses in {:.1} s: {kinds:?}",
        started.elapsed().as_secs_f64()
    );
    println!(
        "peak RSS before: {:.1} MiB, after: {:.1} MiB (max_body_bytes 5 MiB)",
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );
    Ok(())
}
