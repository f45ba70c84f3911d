//! The Kafka transport on a real broker: outputs, dead letters with their
//! headers, commits that cover only acknowledged work, drain on shutdown, and
//! no loss across a restart or a rebalance. Random topics and group per test.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use newsflow_contracts::{decode, encode, UrlRequest, WireFormat};
use newsflow_e2e::{
    committed_total, create_topics, eventually, header, produce, read_until, unique,
};
use newsflow_runtime::admin::Health;
use newsflow_runtime::config::{Binding, Settings, TopicSettings};
use newsflow_runtime::{kafka, Metrics, Outcome, Stage};
use rdkafka::message::{Message, OwnedMessage};
use tokio_util::sync::CancellationToken;

/// Upper-cases URLs after `delay`; rejects "bad".
pub(crate) struct Echo {
    pub delay: Duration,
}

impl Stage for Echo {
    type Input = UrlRequest;
    type Output = UrlRequest;
    fn name(&self) -> &'static str {
        "echo"
    }
    fn outputs(&self) -> &'static [&'static str] {
        &["out"]
    }
    async fn process(&self, input: &UrlRequest, _attempt: u32) -> Outcome<UrlRequest> {
        tokio::time::sleep(self.delay).await;
        if input.url == "bad" {
            return Outcome::reject("bad_input", "the input says bad");
        }
        if input.url == "huge" {
            let out = UrlRequest {
                url: "x".repeat(5000),
                ..Default::default()
            };
            return Outcome::emit("out", None, out);
        }
        let out = UrlRequest {
            url: input.url.to_uppercase(),
            ..Default::default()
        };
        Outcome::emit("out", Some(input.url.clone()), out)
    }
}

pub(crate) struct Topology {
    pub input: String,
    pub output: String,
    pub group: String,
    pub settings: Settings,
}

pub(crate) async fn topology(partitions: i32, max_in_flight: usize) -> Topology {
    let input = unique("in");
    let output = unique("out");
    let group = unique("group");
    create_topics(&[
        (&input, partitions),
        (&output, partitions),
        (&format!("{input}.dlq"), 1),
    ])
    .await;
    let mut settings = Settings::default();
    settings.kafka.brokers = newsflow_e2e::brokers();
    settings.kafka.group_id = group.clone();
    settings.kafka.session_timeout_ms = 10_000;
    settings.kafka.statistics_interval_ms = 1_000;
    settings.runtime.max_in_flight = max_in_flight;
    settings.runtime.commit_interval_ms = 200;
    settings.runtime.drain_timeout_secs = 10;
    for (role, name) in [("in", &input), ("out", &output)] {
        settings.topics.insert(
            role.into(),
            TopicSettings {
                name: name.clone(),
                ..Default::default()
            },
        );
    }
    settings.pipeline.insert(
        "echo".into(),
        Binding {
            input: "in".into(),
            outputs: BTreeMap::from([("out".into(), "out".into())]),
        },
    );
    Topology {
        input,
        output,
        group,
        settings,
    }
}

/// One running transport instance.
pub(crate) struct Running {
    cancel: CancellationToken,
    task: tokio::task::JoinHandle<()>,
    pub metrics: Metrics,
}

impl Running {
    /// The SIGTERM path: cancel, then wait for the drain to finish.
    pub async fn stop(self) {
        self.cancel.cancel();
        tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("drains in time")
            .expect("no panic");
    }
}

pub(crate) fn start(t: &Topology, delay: Duration) -> Running {
    let cancel = CancellationToken::new();
    let metrics = Metrics::new("test");
    let (mut settings, c, m) = (t.settings.clone(), cancel.clone(), metrics.clone());
    // Two instances in one process need their own transactional ids.
    settings.kafka.transactional_id = newsflow_e2e::unique("tx");
    let task = tokio::spawn(async move {
        let stage = Arc::new(Echo { delay });
        kafka::run(stage, &settings, m, Arc::new(Health::default()), c)
            .await
            .expect("transport runs and stops cleanly");
    });
    Running {
        cancel,
        task,
        metrics,
    }
}

pub(crate) async fn produce_urls(topic: &str, urls: impl IntoIterator<Item = String>) {
    for url in urls {
        let request = UrlRequest {
            url: url.clone(),
            ..Default::default()
        };
        let value = encode(&request, WireFormat::Json);
        produce(topic, Some(&url), &value, Some("application/json")).await;
    }
}

pub(crate) fn distinct_urls(messages: &[OwnedMessage]) -> BTreeSet<String> {
    messages
        .iter()
        .filter_map(|m| {
            decode::<UrlRequest>(m.payload(), Some("application/json"), WireFormat::Json).ok()
        })
        .map(|r| r.url)
        .collect()
}

pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("blocking task")
}

/// Reads `topic` until `done` holds (or 90 s pass).
pub(crate) async fn read(
    topic: &str,
    done: impl Fn(&[OwnedMessage]) -> bool + Send + 'static,
) -> Vec<OwnedMessage> {
    let topic = topic.to_string();
    blocking(move || read_until(&topic, Duration::from_secs(90), done)).await
}

/// Polls until the group's committed offsets on the input add up to `n`.
pub(crate) async fn committed_reaches(t: &Topology, partitions: i32, n: i64) -> bool {
    let (group, input) = (t.group.clone(), t.input.clone());
    blocking(move || {
        eventually(Duration::from_secs(30), || {
            committed_total(&group, &input, partitions) == n
        })
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outputs_dead_letters_and_commits_cover_every_input() {
    let t = topology(3, 8).await;
    produce_urls(&t.input, (0..27).map(|i| format!("u{i}"))).await;
    produce_urls(&t.input, ["bad".to_string()]).await;
    produce(&t.input, Some("k"), b"not json", Some("application/json")).await;
    produce(&t.input, Some("k"), b"<url/>", Some("text/xml")).await;
    let running = start(&t, Duration::ZERO);

    let outputs = read(&t.output, |m| m.len() >= 27).await;
    assert_eq!(distinct_urls(&outputs).len(), 27);
    for m in &outputs {
        assert_eq!(
            header(m, "content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(header(m, "newsflow-stage").as_deref(), Some("echo"));
    }
    let dead = read(&format!("{}.dlq", t.input), |m| m.len() >= 3).await;
    let mut kinds: Vec<String> = dead
        .iter()
        .filter_map(|m| header(m, "newsflow-dlq-error-kind"))
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["bad_input", "decode", "decode"]);
    for m in &dead {
        assert_eq!(header(m, "newsflow-dlq-stage").as_deref(), Some("echo"));
        assert_eq!(
            header(m, "newsflow-dlq-topic").as_deref(),
            Some(t.input.as_str())
        );
        assert!(header(m, "newsflow-dlq-offset").is_some_and(|o| o.parse::<i64>().is_ok()));
        assert!(header(m, "newsflow-dlq-error-message").is_some_and(|e| !e.is_empty()));
        assert!(
            m.payload().is_some(),
            "the original payload travels with the dead letter"
        );
    }
    assert!(
        committed_reaches(&t, 3, 30).await,
        "committed offsets must cover all 30 inputs"
    );
    let text = running.metrics.render();
    assert!(
        text.contains("newsflow_messages_rejected_total{error_kind=\"decode\",stage=\"echo\"} 2"),
        "{text}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_mid_flight_commits_only_done_work_and_a_restart_finishes_the_rest() {
    let t = topology(2, 4).await;
    produce_urls(&t.input, (0..40).map(|i| format!("s{i}"))).await;
    let first = start(&t, Duration::from_millis(150));
    read(&t.output, |m| m.len() >= 8).await;
    first.stop().await;

    // Every committed input has its output: committed <= distinct outputs.
    let committed = committed_total(&t.group, &t.input, 2);
    let output = t.output.clone();
    let seen = blocking(move || read_until(&output, Duration::from_secs(3), |_| false)).await;
    let done = distinct_urls(&seen).len() as i64;
    assert!(committed > 0, "the drain commits finished work");
    assert!(
        committed <= done,
        "committed {committed} inputs but only {done} outputs exist"
    );
    assert!(done < 40, "the first run was stopped mid-way");

    let second = start(&t, Duration::from_millis(10));
    let all = read(&t.output, |m| distinct_urls(m).len() >= 40).await;
    assert_eq!(
        distinct_urls(&all).len(),
        40,
        "nothing is lost across the restart"
    );
    assert!(committed_reaches(&t, 2, 40).await);
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebalance_to_a_second_replica_loses_nothing() {
    let t = topology(4, 4).await;
    produce_urls(&t.input, (0..100).map(|i| format!("r{i}"))).await;
    // Slow enough (100 × 200 ms / 4 in flight = 5 s) that work is left when
    // the second replica has joined.
    let a = start(&t, Duration::from_millis(200));
    read(&t.output, |m| m.len() >= 8).await;
    // A second replica joins: cooperative rebalance moves partitions to it.
    let b = start(&t, Duration::from_millis(200));
    let all = read(&t.output, |m| distinct_urls(m).len() >= 100).await;
    assert_eq!(distinct_urls(&all).len(), 100);
    assert!(committed_reaches(&t, 4, 100).await);
    eprintln!(
        "rebalance: {} outputs for 100 inputs ({} duplicates)",
        all.len(),
        all.len() - 100
    );
    let text = b.metrics.render();
    assert!(
        text.contains("newsflow_messages_consumed_total{stage=\"echo\""),
        "the second replica took over some partitions: {text}"
    );
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protobuf_topics_carry_their_content_type_and_oversize_outputs_are_dead_lettered() {
    let mut t = topology(1, 4).await;
    if let Some(out) = t.settings.topics.get_mut("out") {
        out.format = WireFormat::Protobuf;
        out.max_message_bytes = 1024;
    }
    produce_urls(&t.input, ["small".to_string(), "huge".to_string()]).await;
    let running = start(&t, Duration::ZERO);
    let outputs = read(&t.output, |m| !m.is_empty()).await;
    assert_eq!(outputs.len(), 1);
    assert_eq!(
        header(&outputs[0], "content-type").as_deref(),
        Some("application/x-protobuf")
    );
    let decoded: UrlRequest =
        decode(outputs[0].payload(), None, WireFormat::Protobuf).expect("binary protobuf");
    assert_eq!(decoded.url, "SMALL");
    let dead = read(&format!("{}.dlq", t.input), |m| !m.is_empty()).await;
    assert_eq!(
        header(&dead[0], "newsflow-dlq-error-kind").as_deref(),
        Some("output_too_large")
    );
    assert!(header(&dead[0], "newsflow-dlq-error-message")
        .is_some_and(|m| m.contains("max_message_bytes")));
    running.stop().await;
}
