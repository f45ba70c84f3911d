//! robots.txt: each way a site can answer, and what the fetcher does.

use newsflow_fetch::{FetchSettings, FetchStage, RobotsSettings};
use newsflow_fixture_site::RobotsMode;
use newsflow_runtime::Outcome;

use super::{loopback_settings, page, process, retry_kind, serve};

async fn outcome(
    mode: RobotsMode,
    settings: FetchSettings,
    path: &str,
) -> Outcome<newsflow_contracts::Page> {
    let (base, _) = serve(mode).await;
    let stage = FetchStage::new(settings).unwrap();
    process(&stage, &format!("{base}{path}")).await
}

#[tokio::test]
async fn disallowed_paths_are_skipped_and_others_fetched() {
    let (base, _) = serve(RobotsMode::Standard).await;
    let stage = FetchStage::new(loopback_settings()).unwrap();
    assert!(matches!(
        process(&stage, &format!("{base}/private/1")).await,
        Outcome::Skip("robots_disallowed")
    ));
    page(process(&stage, &format!("{base}/news/1")).await);
    // A redirect into a disallowed path is caught on that hop.
    assert!(matches!(
        process(&stage, &format!("{base}/goto/302?to=/private/2")).await,
        Outcome::Skip("robots_disallowed")
    ));
}

#[tokio::test]
async fn disallow_all_skips_everything_unless_robots_is_off() {
    let skipped = outcome(RobotsMode::DisallowAll, loopback_settings(), "/news/1").await;
    assert!(matches!(skipped, Outcome::Skip("robots_disallowed")));
    let off = FetchSettings {
        robots: RobotsSettings {
            enabled: false,
            ..Default::default()
        },
        ..loopback_settings()
    };
    page(outcome(RobotsMode::DisallowAll, off, "/news/1").await);
}

#[tokio::test]
async fn missing_malformed_and_huge_robots_allow() {
    page(outcome(RobotsMode::Missing, loopback_settings(), "/news/1").await);
    page(outcome(RobotsMode::Malformed, loopback_settings(), "/news/1").await);
    // The Disallow lies past the 512 KiB cap: it is never read.
    page(outcome(RobotsMode::Huge, loopback_settings(), "/news/1").await);
}

#[tokio::test]
async fn unavailable_and_slow_robots_mean_try_later() {
    let o = outcome(RobotsMode::ServerError, loopback_settings(), "/news/1").await;
    assert_eq!(retry_kind(&o).map(|r| r.0), Some("robots_unavailable"));
    let quick = FetchSettings {
        robots: RobotsSettings {
            timeout_ms: 300,
            ..Default::default()
        },
        ..loopback_settings()
    };
    let o = outcome(RobotsMode::Slow, quick, "/news/1").await;
    assert_eq!(retry_kind(&o).map(|r| r.0), Some("robots_unavailable"));
}
