//! The dedup stage on a real Redis (the local stack's, or
//! `NEWSFLOW_TEST_REDIS`): replicas racing on copies of one article agree,
//! replays decide the same way, the window expires, and a Redis outage makes
//! the stage retry instead of passing anything on.

use std::sync::Arc;
use std::time::Duration;

use newsflow_contracts::v1::dedup_info::Decision;
use newsflow_contracts::Article;
use newsflow_dedup::index::{Index, IndexError};
use newsflow_dedup::redis_index::RedisIndex;
use newsflow_dedup::{DedupSettings, DedupStage};
use newsflow_e2e::unique;
use newsflow_runtime::{Outcome, Stage};

fn redis_url() -> String {
    std::env::var("NEWSFLOW_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

const TEXT: &str = "The port city opened the country's first floating solar plant on Friday, covering a third of the reservoir with more than forty thousand panels.\n\nCity officials said the plant would generate enough electricity for about twelve thousand households and cut the city's emissions by eighteen thousand tonnes a year.\n\nResidents had opposed the project for two years, arguing that the panels would harm the fish, but an environmental review found no measurable effect during the pilot phase.\n\nThe city plans to add a second array on the neighbouring reservoir by 2026, subject to a new review, the mayor told reporters at the opening ceremony on the shore.";

fn article(n: usize, body: &str) -> Article {
    let url = format!("https://site{n}.example/news/solar-{n}");
    Article {
        id: newsflow_contracts::ids::stable_id(&url),
        url,
        title: "Floating solar plant opens".into(),
        body_text: body.to_string(),
        parsed_at: Some(newsflow_contracts::timestamp_from_millis(
            1_700_000_000_000 + n as i64,
        )),
        ..Default::default()
    }
}

fn stage(prefix: &str, window_secs: u64) -> DedupStage {
    let index = RedisIndex::new(&redis_url(), prefix).unwrap();
    DedupStage::new(
        DedupSettings {
            window_secs,
            ..DedupSettings::default()
        },
        Arc::new(index),
    )
}

async fn decision(stage: &DedupStage, a: &Article) -> (String, newsflow_contracts::v1::DedupInfo) {
    match stage.process(a, 1).await {
        Outcome::Emit(mut e) => {
            let e = e.remove(0);
            (
                e.output.to_string(),
                e.message.dedup.expect("decision recorded"),
            )
        }
        other => panic!("expected an emit: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_replicas_racing_on_forty_copies_agree_on_one_original() {
    let prefix = format!("{}:", unique("dedup"));
    // Four replicas, each with its own connection.
    let replicas: Vec<Arc<DedupStage>> = (0..4).map(|_| Arc::new(stage(&prefix, 3600))).collect();
    let copies: Vec<Article> = (0..40)
        .map(|n| article(n, &format!("{TEXT}\n\nCopy {n} of the wire story.")))
        .collect();
    let tasks = copies.iter().enumerate().map(|(n, a)| {
        let replica = replicas[n % 4].clone();
        let a = a.clone();
        tokio::spawn(async move { decision(&replica, &a).await })
    });
    let results: Vec<(String, _)> = futures::future::join_all(tasks)
        .await
        .into_iter()
        .map(|r| r.expect("task"))
        .collect();
    let originals: Vec<_> = results.iter().filter(|(out, _)| out == "unique").collect();
    assert_eq!(originals.len(), 1, "exactly one original: {results:?}");
    let original_id = &copies
        .iter()
        .zip(&results)
        .find(|(_, (out, _))| out == "unique")
        .expect("one")
        .0
        .id;
    for (out, info) in &results {
        if out == "duplicates" {
            assert_eq!(info.decision, Decision::Duplicate as i32);
            assert_eq!(&info.duplicate_of, original_id);
            assert!(info.score >= 0.8, "{info:?}");
        }
    }
}

#[tokio::test]
async fn a_replay_through_redis_decides_the_same_way() {
    let prefix = format!("{}:", unique("dedup"));
    let s = stage(&prefix, 3600);
    let a = article(1, TEXT);
    let b = article(2, TEXT);
    let first_a = decision(&s, &a).await;
    let first_b = decision(&s, &b).await;
    assert_eq!(first_a.0, "unique");
    assert_eq!(first_b.0, "duplicates");
    // Another replica, after a crash: the same messages again.
    let other = stage(&prefix, 3600);
    assert_eq!(decision(&other, &b).await, first_b);
    assert_eq!(
        decision(&other, &a).await,
        first_a,
        "never a duplicate of itself"
    );
}

#[tokio::test]
async fn the_window_expires() {
    let prefix = format!("{}:", unique("dedup"));
    let index = RedisIndex::new(&redis_url(), &prefix).unwrap();
    let settings = DedupSettings::default();
    let a = newsflow_dedup::decide::entry(&article(1, TEXT), &settings);
    let b = newsflow_dedup::decide::entry(&article(2, TEXT), &settings);
    index
        .register(&a, Duration::from_millis(300))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut probe = 100;
    loop {
        // A fresh delivery each probe, so it is never a replay.
        let mut e = b.clone();
        e.member.fingerprint = format!("{}:{probe}", b.member.fingerprint);
        probe += 1;
        let seen = index.register(&e, Duration::from_millis(50)).await.unwrap();
        if seen.same_content.is_empty() && seen.near.is_empty() {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the window expires");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn redis_down_means_retry_not_a_guess() {
    // Nothing listens on port 1.
    let index = RedisIndex::new("redis://127.0.0.1:1", "x:").unwrap();
    let entry = newsflow_dedup::decide::entry(&article(1, TEXT), &DedupSettings::default());
    let result = tokio::time::timeout(
        Duration::from_secs(30),
        index.register(&entry, Duration::from_secs(60)),
    )
    .await;
    assert!(
        matches!(result, Ok(Err(IndexError::Unavailable(_)))),
        "{result:?}"
    );
    let s = DedupStage::new(DedupSettings::default(), Arc::new(index));
    assert!(s.dependencies_ok());
    match tokio::time::timeout(Duration::from_secs(30), s.process(&article(1, TEXT), 1)).await {
        Ok(Outcome::Retry(f)) => assert_eq!(f.kind, "store_unavailable"),
        other => panic!("expected a retry: {other:?}"),
    }
    assert!(!s.dependencies_ok(), "/readyz reports the store down");
}
