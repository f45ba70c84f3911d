//! Exactly-once mode on a real broker: every input's output (or dead
//! letter) appears once to a read_committed reader, together with the
//! input's offset — across a stop in the middle of a batch, a restart and a
//! rebalance to a second replica, where at-least-once mode may repeat.

use std::time::Duration;

use newsflow_e2e::{committed_total, header, produce, read_until};
use newsflow_runtime::config::DeliveryMode;
use rdkafka::message::{Message, OwnedMessage};

use crate::kafka::{
    blocking, committed_reaches, distinct_urls, produce_urls, read, start, topology, Topology,
};

async fn exactly_once(partitions: i32, max_in_flight: usize) -> Topology {
    let mut t = topology(partitions, max_in_flight).await;
    t.settings.kafka.delivery = DeliveryMode::ExactlyOnce;
    t.settings.kafka.transaction_batch_ms = 50;
    t.settings.kafka.transaction_timeout_ms = 10_000;
    t
}

/// Everything on `topic` a read_committed reader sees within `settle`.
async fn settled(topic: &str, settle: Duration) -> Vec<OwnedMessage> {
    let topic = topic.to_string();
    blocking(move || read_until(&topic, settle, |_| false)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_once_commits_outputs_dead_letters_and_offsets_together() {
    let t = exactly_once(3, 8).await;
    produce_urls(&t.input, (0..27).map(|i| format!("x{i}"))).await;
    produce_urls(&t.input, ["bad".to_string()]).await;
    produce(&t.input, Some("k"), b"not json", Some("application/json")).await;
    let running = start(&t, Duration::ZERO);

    read(&t.output, |m| m.len() >= 27).await;
    assert!(
        committed_reaches(&t, 3, 29).await,
        "offsets of all 29 inputs"
    );
    let outputs = settled(&t.output, Duration::from_secs(2)).await;
    assert_eq!(outputs.len(), 27, "one output per good input, none twice");
    assert_eq!(distinct_urls(&outputs).len(), 27);
    let dead = settled(&format!("{}.dlq", t.input), Duration::from_secs(2)).await;
    let mut kinds: Vec<String> = dead
        .iter()
        .filter_map(|m| header(m, "newsflow-dlq-error-kind"))
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["bad_input", "decode"]);
    assert!(dead.iter().all(|m| m.payload().is_some()));
    let text = running.metrics.render();
    assert!(
        text.contains("newsflow_transactions_total{result=\"committed\",stage=\"echo\"}"),
        "{text}"
    );
    assert!(
        !text.contains("result=\"aborted\""),
        "nothing went wrong, nothing was aborted: {text}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_once_stop_mid_batch_and_restart_repeat_nothing() {
    let mut t = exactly_once(2, 4).await;
    // A batch outlives the drain deadline: the stop abandons it.
    t.settings.runtime.drain_timeout_secs = 1;
    produce_urls(&t.input, (0..40).map(|i| format!("s{i}"))).await;
    let first = start(&t, Duration::from_millis(300));
    read(&t.output, |m| m.len() >= 8).await;
    first.stop().await;
    let committed = committed_total(&t.group, &t.input, 2);
    let seen = settled(&t.output, Duration::from_secs(2)).await;
    assert_eq!(
        committed,
        seen.len() as i64,
        "committed offsets and visible outputs move together"
    );
    assert!(committed < 40, "the first run was stopped mid-way");

    let second = start(&t, Duration::from_millis(10));
    read(&t.output, |m| m.len() >= 40).await;
    assert!(committed_reaches(&t, 2, 40).await);
    let all = settled(&t.output, Duration::from_secs(3)).await;
    assert_eq!(all.len(), 40, "each input's output exactly once");
    assert_eq!(distinct_urls(&all).len(), 40);
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_once_rebalance_to_a_second_replica_repeats_nothing() {
    let t = exactly_once(4, 4).await;
    produce_urls(&t.input, (0..100).map(|i| format!("r{i}"))).await;
    let a = start(&t, Duration::from_millis(200));
    read(&t.output, |m| m.len() >= 8).await;
    let b = start(&t, Duration::from_millis(200));
    read(&t.output, |m| m.len() >= 100).await;
    assert!(committed_reaches(&t, 4, 100).await);
    let all = settled(&t.output, Duration::from_secs(3)).await;
    assert_eq!(all.len(), 100, "no output repeated across the rebalance");
    assert_eq!(distinct_urls(&all).len(), 100);
    assert!(
        b.metrics
            .render()
            .contains("newsflow_messages_consumed_total{stage=\"echo\""),
        "the second replica took over some partitions"
    );
    a.stop().await;
    b.stop().await;
}
