//! What exactly-once costs: the Kafka transport in both delivery modes on
//! the local broker, with a stage that does no work (so the transport is
//! all there is to measure).
//!
//! `cargo run --release -p newsflow-runtime --example delivery_cost -- [N] [RATE]`
//!
//! For each mode: the highest sustained rate (N messages already waiting,
//! time until all N outputs are visible to a read_committed reader), then
//! latency from produce to visible output at RATE messages/s (default:
//! half the at-least-once maximum). Needs `deploy/stack.sh start`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use newsflow_contracts::{decode, encode, UrlRequest, WireFormat};
use newsflow_e2e::{brokers, create_topics, unique};
use newsflow_runtime::admin::Health;
use newsflow_runtime::config::{Binding, DeliveryMode, Settings, TopicSettings};
use newsflow_runtime::{kafka, Metrics, Outcome, Stage};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Message, Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

const PARTITIONS: i32 = 4;

/// Passes each request through unchanged.
struct Pass;

impl Stage for Pass {
    type Input = UrlRequest;
    type Output = UrlRequest;
    fn name(&self) -> &'static str {
        "pass"
    }
    fn outputs(&self) -> &'static [&'static str] {
        &["out"]
    }
    async fn process(&self, input: &UrlRequest, _attempt: u32) -> Outcome<UrlRequest> {
        Outcome::emit("out", Some(input.url.clone()), input.clone())
    }
}

struct Topics {
    input: String,
    output: String,
    settings: Settings,
}

async fn topics(mode: DeliveryMode) -> Topics {
    let (input, output) = (unique("cost-in"), unique("cost-out"));
    create_topics(&[
        (&input, PARTITIONS),
        (&output, PARTITIONS),
        (&format!("{input}.dlq"), 1),
    ])
    .await;
    let mut settings = Settings::default();
    settings.kafka.brokers = brokers();
    settings.kafka.group_id = unique("cost");
    settings.kafka.delivery = mode;
    settings.runtime.max_in_flight = std::env::var("MIF")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
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
        "pass".into(),
        Binding {
            input: "in".into(),
            outputs: BTreeMap::from([("out".into(), "out".into())]),
        },
    );
    Topics {
        input,
        output,
        settings,
    }
}

/// Produces `n` requests, at `rate` per second (0: as fast as possible),
/// noting when each was sent.
async fn produce(topic: &str, n: usize, rate: f64, sent: Arc<Mutex<HashMap<String, Instant>>>) {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .set("linger.ms", "5")
        .create()
        .expect("producer");
    let start = tokio::time::Instant::now();
    let mut pending = Vec::new();
    for i in 0..n {
        if rate > 0.0 {
            tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / rate)).await;
        }
        let url = format!("https://cost.example/{i}");
        let value = encode(
            &UrlRequest {
                url: url.clone(),
                ..Default::default()
            },
            WireFormat::Json,
        );
        sent.lock()
            .expect("lock")
            .insert(url.clone(), Instant::now());
        let producer = producer.clone();
        let topic = topic.to_string();
        pending.push(tokio::spawn(async move {
            producer
                .send(
                    FutureRecord::to(&topic).key(&url).payload(&value),
                    Duration::from_secs(30),
                )
                .await
                .expect("produce");
        }));
    }
    for p in pending {
        p.await.expect("producer task");
    }
}

/// Reads `topic` (read_committed) until `n` distinct outputs are seen;
/// returns when the last arrived and each one's latency in ms.
fn read(
    topic: &str,
    n: usize,
    sent: &Mutex<HashMap<String, Instant>>,
    deadline: Duration,
) -> (Instant, Vec<f64>) {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers())
        .set("group.id", unique("cost-reader"))
        .set("isolation.level", "read_committed")
        .create()
        .expect("consumer");
    let mut tpl = TopicPartitionList::new();
    for p in 0..PARTITIONS {
        tpl.add_partition_offset(topic, p, Offset::Beginning)
            .expect("partition");
    }
    consumer.assign(&tpl).expect("assign");
    let until = Instant::now() + deadline;
    let mut seen = std::collections::HashSet::new();
    let mut latencies = Vec::new();
    let mut last = Instant::now();
    while seen.len() < n && Instant::now() < until {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(100)) {
            let r: UrlRequest = decode(m.payload(), None, WireFormat::Json).expect("an output");
            if seen.insert(r.url.clone()) {
                last = Instant::now();
                if let Some(at) = sent.lock().expect("lock").get(&r.url) {
                    latencies.push(at.elapsed().as_secs_f64() * 1000.0);
                }
            }
        }
    }
    assert_eq!(seen.len(), n, "every output within the deadline");
    (last, latencies)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((p / 100.0) * (v.len() - 1) as f64).round() as usize]
}

/// Runs the transport over `n` messages; returns (messages/s, latencies).
async fn measure(mode: DeliveryMode, n: usize, rate: f64) -> (f64, Vec<f64>) {
    let t = topics(mode).await;
    let sent = Arc::new(Mutex::new(HashMap::new()));
    if rate == 0.0 {
        // All waiting before the stage starts: the rate is the stage's.
        produce(&t.input, n, 0.0, sent.clone()).await;
    }
    let cancel = CancellationToken::new();
    let started = Instant::now();
    let (settings, c) = (t.settings.clone(), cancel.clone());
    let service = tokio::spawn(async move {
        kafka::run(
            Arc::new(Pass),
            &settings,
            Metrics::new("bench"),
            Arc::new(Health::default()),
            c,
        )
        .await
        .expect("transport");
    });
    let reader = {
        let (output, sent) = (t.output.clone(), sent.clone());
        tokio::task::spawn_blocking(move || read(&output, n, &sent, Duration::from_secs(600)))
    };
    if rate > 0.0 {
        produce(&t.input, n, rate, sent.clone()).await;
    }
    let (last, latencies) = reader.await.expect("reader");
    cancel.cancel();
    service.await.expect("service");
    (
        n as f64 / last.duration_since(started).as_secs_f64(),
        latencies,
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let rate: Option<f64> = args.get(2).and_then(|a| a.parse().ok());
    let modes = [
        ("at-least-once", DeliveryMode::AtLeastOnce),
        ("exactly-once", DeliveryMode::ExactlyOnce),
    ];
    let mut max = BTreeMap::new();
    for (name, mode) in modes {
        let (per_sec, _) = measure(mode, n, 0.0).await;
        eprintln!("{name}: {per_sec:.0} messages/s sustained ({n} waiting)");
        max.insert(name, per_sec);
    }
    let rate = rate.unwrap_or(max["at-least-once"] / 2.0).round();
    println!("| mode | max messages/s | latency at {rate} messages/s: p50 / p95 / p99 ms |");
    println!("|---|---|---|");
    for (name, mode) in modes {
        let (_, mut l) = measure(mode, n.min((rate * 20.0) as usize).max(1000), rate).await;
        println!(
            "| {name} | {:.0} | {:.0} / {:.0} / {:.0} |",
            max[name],
            percentile(&mut l, 50.0),
            percentile(&mut l, 95.0),
            percentile(&mut l, 99.0)
        );
    }
}
