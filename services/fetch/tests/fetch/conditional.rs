//! Conditional GET and the recently-fetched window, in both stores: the
//! in-process one and a real Redis.

use std::sync::Arc;

use newsflow_contracts::UrlRequest;
use newsflow_fetch::{FetchDeps, FetchSettings, FetchStage};
use newsflow_fixture_site::RobotsMode;
use newsflow_runtime::store::{MemoryStore, RedisStore, Store};
use newsflow_runtime::{Outcome, Stage};

use super::{loopback_settings, page, serve};

fn request(url: &str, n: i64, refetch: bool) -> UrlRequest {
    UrlRequest {
        url: url.to_string(),
        submitted_at: Some(newsflow_contracts::timestamp_from_millis(n)),
        refetch,
        ..Default::default()
    }
}

fn redis() -> Arc<dyn Store> {
    let url =
        std::env::var("NEWSFLOW_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let prefix = format!(
        "test-fetch-{}-{:?}:",
        std::process::id(),
        std::time::Instant::now()
    );
    Arc::new(RedisStore::new(&url, &prefix).unwrap())
}

fn stage_with(store: Arc<dyn Store>, settings: FetchSettings) -> FetchStage {
    let deps = FetchDeps {
        store,
        ..FetchDeps::default()
    };
    FetchStage::with_deps(settings, deps).unwrap()
}

async fn each_decision_in(store: Arc<dyn Store>) {
    let (base, _) = serve(RobotsMode::Missing).await;
    let url = format!("{base}/etag/news/4");
    let stage = stage_with(store.clone(), loopback_settings());
    let first = request(&url, 1, false);
    let p = page(stage.process(&first, 1).await);
    assert_eq!(p.headers.get("etag").map(String::as_str), Some("\"v4\""));
    // Another request inside the window: skipped before any request.
    assert!(matches!(
        stage.process(&request(&url, 2, false), 1).await,
        Outcome::Skip("recently_fetched")
    ));
    // A re-fetch asks conditionally and the server says 304.
    assert!(matches!(
        stage.process(&request(&url, 3, true), 1).await,
        Outcome::Skip("not_modified")
    ));
    // A replay of the request that wrote the record gets its page again:
    // a redelivery after a crash must not lose it.
    page(stage.process(&first, 1).await);
    // The same canonical URL spelled differently shares the record.
    assert!(matches!(
        stage
            .process(&request(&format!("{url}#comments"), 4, false), 1)
            .await,
        Outcome::Skip("recently_fetched")
    ));
    // Without a window, every request goes out conditionally.
    let no_window = FetchSettings {
        recent_window_secs: 0,
        ..loopback_settings()
    };
    let stage = stage_with(store.clone(), no_window.clone());
    assert!(matches!(
        stage.process(&request(&url, 5, false), 1).await,
        Outcome::Skip("not_modified")
    ));
    // Another replica sharing the store decides the same.
    let other = stage_with(store, no_window);
    assert!(matches!(
        other.process(&request(&url, 6, false), 1).await,
        Outcome::Skip("not_modified")
    ));
}

#[tokio::test]
async fn conditional_get_and_window_with_the_memory_store() {
    each_decision_in(Arc::new(MemoryStore::new(1000))).await;
}

#[tokio::test]
async fn conditional_get_and_window_with_redis() {
    each_decision_in(redis()).await;
}

#[tokio::test]
async fn an_unavailable_store_does_not_stop_fetching() {
    let (base, _) = serve(RobotsMode::Missing).await;
    let store: Arc<dyn Store> = Arc::new(RedisStore::new("redis://127.0.0.1:1", "x:").unwrap());
    let stage = stage_with(store, loopback_settings());
    page(
        stage
            .process(&request(&format!("{base}/etag/news/5"), 1, false), 1)
            .await,
    );
}
