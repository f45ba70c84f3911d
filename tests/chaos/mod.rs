//! The chaos harness: the four stages, two replicas each, as separate
//! processes over the local stack and the fixture site; URLs submitted while
//! faults are injected at seeded random times — SIGKILL of stage processes,
//! broker crashes, replicas frozen past their session timeout, replicas
//! added and removed, Redis frozen, malformed messages on every input topic
//! — then a read_committed reader accounts for every URL: an enriched
//! article, a duplicate record or a dead letter, exactly once.
//!
//! `cargo run -p newsflow-e2e --release --bin newsflow-chaos -- --help`;
//! docs/guarantees.md has the figures.

mod faults;
pub mod fleet;
pub mod ledger;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsflow_contracts::{encode, UrlRequest, WireFormat};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::ClientConfig;
use serde::Serialize;

pub use faults::Fault;
use fleet::{Fleet, STAGES};
use ledger::{Carried, Exit, Finals, Ledger};

/// What one run does.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// URLs submitted.
    pub urls: usize,
    /// Seed of the fault times and targets.
    pub seed: u64,
    /// `exactly-once` or `at-least-once`.
    pub delivery: String,
    /// SIGKILLs of stage processes (each restarted 0.5–3 s later).
    pub kills: usize,
    /// Broker crashes (SIGKILL, then restart).
    pub broker_restarts: usize,
    /// Replicas frozen (SIGSTOP) past the session timeout, then resumed.
    pub pauses: usize,
    /// Replicas added, and as many removed (SIGTERM).
    pub scale_events: usize,
    /// Redis frozen for three seconds.
    pub redis_pauses: usize,
    /// Share of malformed messages injected into each input topic.
    pub junk_share: f64,
    /// Seconds over which URLs are submitted and faults injected.
    pub window_secs: u64,
    /// Seconds after the window to wait for the last outputs.
    pub drain_secs: u64,
    /// Replicas per stage at start.
    pub replicas: usize,
    /// Partitions per topic.
    pub partitions: i32,
    /// Kafka bootstrap servers.
    pub brokers: String,
    /// Static membership: each replica slot keeps a `group.instance.id`, so
    /// a restart within the session timeout causes no rebalance.
    pub static_membership: bool,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            urls: 5_000,
            seed: 1,
            delivery: "exactly-once".into(),
            kills: 32,
            broker_restarts: 2,
            pauses: 4,
            scale_events: 2,
            redis_pauses: 2,
            junk_share: 0.01,
            window_secs: 240,
            drain_secs: 240,
            replicas: 2,
            partitions: 4,
            brokers: "127.0.0.1:9092".into(),
            static_membership: false,
        }
    }
}

/// What one run found.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The plan that ran.
    pub plan: Plan,
    /// Faults injected, by kind.
    pub faults: std::collections::BTreeMap<String, usize>,
    /// Stage processes that exited on their own (restarted by the harness).
    pub crashes: Vec<String>,
    /// URLs with no output.
    pub lost: usize,
    /// Some of them, for the log.
    pub lost_examples: Vec<String>,
    /// Outputs beyond the first, over URLs and malformed messages.
    pub duplicated: usize,
    /// Malformed messages with no dead letter.
    pub lost_malformed: usize,
    /// Malformed messages injected.
    pub malformed: usize,
    /// URLs per exit.
    pub exits: std::collections::BTreeMap<Exit, usize>,
    /// Dead letters by error kind.
    pub dead_letter_kinds: std::collections::BTreeMap<String, usize>,
    /// Records that match no URL or marker of this run.
    pub strangers: usize,
    /// Dead letters for a reason the inputs do not explain (only missing
    /// pages and malformed messages should be dead-lettered: a fault that
    /// dead-letters good work, e.g. a Redis freeze using up the attempt
    /// budget, counts here).
    pub unexpected_dead_letters: usize,
    /// Seconds from the first submission until everything was accounted
    /// for (the reader then waits 10 s more for late repeats).
    pub seconds: f64,
    /// Milliseconds from a URL's submission until its first exit was
    /// visible to a read_committed reader: p50, p95, p99.
    pub latency_ms: [f64; 3],
    /// Duplicated outputs per injected fault (at-least-once mode's price).
    pub duplicates_per_fault: f64,
}

impl Report {
    /// Whether the run met its mode's promise.
    pub fn passed(&self) -> bool {
        let exact = self.plan.delivery == "exactly-once";
        self.lost == 0
            && self.lost_malformed == 0
            && self.strangers == 0
            && self.unexpected_dead_letters == 0
            && (!exact || self.duplicated == 0)
    }
}

/// Runs `plan` with the service binaries in `bin_dir` and the stack script
/// `stack`; logs go to `work_dir`.
pub async fn run(
    plan: Plan,
    bin_dir: &Path,
    stack: &Path,
    work_dir: &Path,
) -> anyhow::Result<Report> {
    std::fs::create_dir_all(work_dir)?;
    let run = crate::unique("chaos");
    let site = newsflow_fixture_site::serve(([127, 0, 0, 1], 0).into())
        .await?
        .0;
    let base = format!("http://{site}");
    let topics = Topics::new(&run);
    topics.create(plan.partitions).await;

    let config = work_dir.join("chaos.toml");
    std::fs::write(
        &config,
        format!(
            "[stages.fetch]\nallow = [\"{site}\"]\n\n[stages.fetch.politeness]\nmin_delay_ms = 0\nmax_concurrent_per_host = 64\n"
        ),
    )?;
    let mut env = topics.env();
    env.extend([
        ("NEWSFLOW_CONFIG".into(), config.display().to_string()),
        ("NEWSFLOW__KAFKA__BROKERS".into(), plan.brokers.clone()),
        ("NEWSFLOW__KAFKA__DELIVERY".into(), plan.delivery.clone()),
        // A frozen or killed replica holds its partitions this long.
        ("NEWSFLOW__KAFKA__SESSION_TIMEOUT_MS".into(), "6000".into()),
        (
            "NEWSFLOW__KAFKA__TRANSACTION_TIMEOUT_MS".into(),
            "10000".into(),
        ),
        ("NEWSFLOW__KAFKA__STATISTICS_INTERVAL_MS".into(), "0".into()),
        ("NEWSFLOW__RUNTIME__MAX_IN_FLIGHT".into(), "32".into()),
        ("NEWSFLOW__RUNTIME__COMMIT_INTERVAL_MS".into(), "200".into()),
        ("NEWSFLOW__RUNTIME__DRAIN_TIMEOUT_SECS".into(), "10".into()),
        ("NEWSFLOW__RUNTIME__BACKOFF_INITIAL_MS".into(), "100".into()),
        ("NEWSFLOW__RUNTIME__BACKOFF_MAX_MS".into(), "2000".into()),
        ("NEWSFLOW__STORE__KIND".into(), "redis".into()),
        ("NEWSFLOW__STORE__KEY_PREFIX".into(), format!("{run}:")),
        ("NEWSFLOW__LOG__FORMAT".into(), "json".into()),
        ("RUST_LOG".into(), "warn".into()),
    ]);
    let mut fleet = Fleet::new(bin_dir, work_dir, &run, env);
    fleet.static_membership = plan.static_membership;
    for (stage, _) in STAGES {
        for _ in 0..plan.replicas {
            fleet.add(stage)?;
        }
    }

    let urls = faults::urls(&base, plan.urls);
    let junk = faults::junk_markers(plan.urls, plan.junk_share);
    let submitted: ledger::Submitted = Default::default();
    let faults_done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    // The reader runs from the start, so that it sees each output when it
    // becomes visible (latency) and every repeat (duplicates).
    let reading = {
        let (brokers, finals) = (plan.brokers.clone(), topics.finals());
        let mut ledger = Ledger::expecting(&urls, &junk);
        let (submitted, faults_done) = (submitted.clone(), faults_done.clone());
        let deadline = Instant::now() + Duration::from_secs(plan.window_secs + plan.drain_secs);
        tokio::task::spawn_blocking(move || {
            let settle = Duration::from_secs(10);
            let result = ledger::read(
                &brokers,
                &finals,
                &mut ledger,
                &submitted,
                &faults_done,
                settle,
                deadline,
            );
            (ledger, result)
        })
    };
    let submitter = tokio::spawn(submit(
        plan.brokers.clone(),
        topics.clone(),
        urls.clone(),
        junk.clone(),
        submitted,
        Duration::from_secs(plan.window_secs * 3 / 4),
    ));
    let injected = faults::inject(&plan, &mut fleet, stack).await;
    submitter.await??;

    // Everything back up: what is still to be done can be done.
    for i in 0..fleet.replicas.len() {
        fleet.resume(i);
        fleet.start(i)?;
    }
    faults_done.store(true, Ordering::SeqCst);
    let injected_total: usize = injected.counts.values().sum();
    let mut crashes = injected.crashes;
    // Keep restarting whatever dies while the reader waits.
    while !reading.is_finished() {
        for (_, gone) in fleet.exited() {
            crashes.push(gone);
        }
        for i in 0..fleet.replicas.len() {
            fleet.start(i)?;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let (ledger, result) = reading.await?;
    result.map_err(anyhow::Error::msg)?;
    let seconds = ledger
        .completed_at
        .unwrap_or_else(Instant::now)
        .duration_since(started)
        .as_secs_f64();
    drop(fleet);
    let lost = ledger.lost();
    Ok(Report {
        faults: injected.counts,
        crashes,
        lost: lost.len(),
        lost_examples: lost.iter().take(10).map(|s| s.to_string()).collect(),
        duplicated: ledger.duplicated(),
        lost_malformed: ledger.lost_junk(),
        malformed: junk.len(),
        exits: ledger.by_exit(),
        dead_letter_kinds: ledger.dead_letter_kinds.clone(),
        strangers: ledger.strangers,
        unexpected_dead_letters: ledger
            .dead_letter_kinds
            .iter()
            .filter(|(kind, _)| !faults::EXPECTED_DEAD_LETTERS.contains(&kind.as_str()))
            .map(|(_, n)| n)
            .sum(),
        seconds,
        latency_ms: [
            ledger.latency_ms(50.0),
            ledger.latency_ms(95.0),
            ledger.latency_ms(99.0),
        ],
        duplicates_per_fault: ledger.duplicated() as f64 / injected_total.max(1) as f64,
        plan,
    })
}

/// A run's own topics (`<run>-<role>`, plus `.dlq` for the topics a stage reads).
#[derive(Clone)]
pub struct Topics {
    run: String,
}

/// Topic roles, with whether a stage reads them (and so has a DLQ).
const ROLES: [(&str, bool); 6] = [
    ("urls", true),
    ("pages", true),
    ("articles_parsed", true),
    ("articles_unique", true),
    ("articles_duplicates", false),
    ("articles_enriched", false),
];

impl Topics {
    /// The topics of run `run`.
    pub fn new(run: &str) -> Topics {
        Topics { run: run.into() }
    }

    /// The topic of `role` (`urls`, `pages`, `articles_parsed`, …).
    pub fn name(&self, role: &str) -> String {
        format!("{}-{role}", self.run)
    }

    /// Creates them all, `partitions` each (dead-letter topics: one).
    pub async fn create(&self, partitions: i32) {
        let mut all = Vec::new();
        for (role, read) in ROLES {
            all.push((self.name(role), partitions));
            if read {
                all.push((format!("{}.dlq", self.name(role)), 1));
            }
        }
        let refs: Vec<(&str, i32)> = all.iter().map(|(n, p)| (n.as_str(), *p)).collect();
        crate::create_topics(&refs).await;
    }

    /// The services' environment naming them.
    pub fn env(&self) -> Vec<(String, String)> {
        ROLES
            .iter()
            .map(|(role, _)| {
                (
                    format!("NEWSFLOW__TOPICS__{}__NAME", role.to_uppercase()),
                    self.name(role),
                )
            })
            .collect()
    }

    fn finals(&self) -> Finals {
        Finals {
            enriched: self.name("articles_enriched"),
            duplicates: self.name("articles_duplicates"),
            dead_letters: vec![
                (format!("{}.dlq", self.name("urls")), Carried::Request),
                (format!("{}.dlq", self.name("pages")), Carried::Page),
                (
                    format!("{}.dlq", self.name("articles_parsed")),
                    Carried::Article,
                ),
                (
                    format!("{}.dlq", self.name("articles_unique")),
                    Carried::Article,
                ),
            ],
        }
    }
}

/// Submits the URLs evenly over `over`, with the malformed messages spread
/// among them across the four input topics. The producer is idempotent, so
/// its own retries (broker restarts) add no duplicates.
async fn submit(
    brokers: String,
    topics: Topics,
    urls: Vec<String>,
    junk: Vec<String>,
    submitted: ledger::Submitted,
    over: Duration,
) -> anyhow::Result<()> {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .set("enable.idempotence", "true")
        .set("message.timeout.ms", "300000")
        .create()?;
    let inputs = ["urls", "pages", "articles_parsed", "articles_unique"];
    let every = over.div_f64(urls.len().max(1) as f64);
    let junk_every = urls.len() / junk.len().max(1) + 1;
    let start = tokio::time::Instant::now();
    let mut sends = Vec::new();
    for (i, url) in urls.iter().enumerate() {
        tokio::time::sleep_until(start + every * i as u32).await;
        let request = UrlRequest {
            url: url.clone(),
            submitted_at: Some(newsflow_contracts::timestamp_from_millis(
                newsflow_contracts::now_millis(),
            )),
            ..Default::default()
        };
        let value = encode(&request, WireFormat::Json);
        if let Ok(mut s) = submitted.lock() {
            s.insert(url.clone(), Instant::now());
        }
        sends.push(tokio::spawn(send(
            producer.clone(),
            topics.name("urls"),
            url.clone(),
            value,
        )));
        if i % junk_every == junk_every / 2 {
            if let Some(marker) = junk.get(i / junk_every) {
                let topic = topics.name(inputs[(i / junk_every) % inputs.len()]);
                let mut value = vec![0xff, 0xfe, b'{'];
                value.extend_from_slice(marker.as_bytes());
                sends.push(tokio::spawn(send(
                    producer.clone(),
                    topic,
                    marker.clone(),
                    value,
                )));
            }
        }
    }
    for s in sends {
        s.await??;
    }
    Ok(())
}

async fn send(
    producer: FutureProducer,
    topic: String,
    key: String,
    value: Vec<u8>,
) -> anyhow::Result<()> {
    let headers = rdkafka::message::OwnedHeaders::new().insert(rdkafka::message::Header {
        key: newsflow_contracts::CONTENT_TYPE_HEADER,
        value: Some("application/json"),
    });
    producer
        .send(
            FutureRecord::to(&topic)
                .key(&key)
                .payload(&value)
                .headers(headers),
            Duration::from_secs(300),
        )
        .await
        .map(|_| ())
        .map_err(|(e, _)| anyhow::anyhow!("submit to {topic}: {e}"))
}

/// Where the service binaries are: next to this executable, or one level
/// up from a test binary in `deps/`.
pub fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().expect("exe dir").to_path_buf();
    if dir.join("newsflow-fetch").exists() {
        return dir;
    }
    dir.parent().map(Path::to_path_buf).unwrap_or(dir)
}
