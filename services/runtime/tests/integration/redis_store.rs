//! The Redis store on a real Redis (the local stack's, or
//! `NEWSFLOW_TEST_REDIS`).

use std::time::Duration;

use newsflow_e2e::unique;
use newsflow_runtime::store::{RedisStore, Store, StoreError};

fn redis_url() -> String {
    std::env::var("NEWSFLOW_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

#[tokio::test]
async fn values_round_trip_and_expire() {
    let store = RedisStore::new(&redis_url(), &format!("{}:", unique("test"))).unwrap();
    store
        .set("k", b"value", Duration::from_secs(60))
        .await
        .expect("redis is up (deploy/stack.sh start)");
    assert_eq!(
        store.get("k").await.unwrap().as_deref(),
        Some(&b"value"[..])
    );
    assert_eq!(store.get("missing").await.unwrap(), None);
    store
        .set("short", b"x", Duration::from_millis(100))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while store.get("short").await.unwrap().is_some() {
        assert!(tokio::time::Instant::now() < deadline, "the entry expires");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn prefixes_keep_deployments_apart() {
    let a = RedisStore::new(&redis_url(), &format!("{}:", unique("a"))).unwrap();
    let b = RedisStore::new(&redis_url(), &format!("{}:", unique("b"))).unwrap();
    a.set("k", b"from a", Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(b.get("k").await.unwrap(), None);
}

#[tokio::test]
async fn an_unreachable_redis_is_an_error_not_a_hang() {
    // Nothing listens on port 1.
    let store = RedisStore::new("redis://127.0.0.1:1", "x:").unwrap();
    let result = tokio::time::timeout(Duration::from_secs(30), store.get("k")).await;
    assert!(
        matches!(result, Ok(Err(StoreError::Unavailable(_)))),
        "{result:?}"
    );
}
