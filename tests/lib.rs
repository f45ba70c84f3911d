//! Helpers for tests that need the real broker: unique names, topic
//! creation, producing, reading a topic to the end with a deadline, reading
//! a group's committed offsets, and locating the service binaries.
//!
//! The broker is the local stack's (`deploy/stack.sh start`), or the one
//! named by `NEWSFLOW_TEST_BROKERS`.

pub mod bench;
pub mod chaos;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

/// Logs of the harness binaries (chaos, bench): to stderr, `RUST_LOG` or
/// info with librdkafka's chatter at warn.
pub fn init_tracing() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,rdkafka=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
}

/// The broker under test.
pub fn brokers() -> String {
    std::env::var("NEWSFLOW_TEST_BROKERS").unwrap_or_else(|_| "127.0.0.1:9092".into())
}

/// The local stack's SASL_SSL listener (deploy/stack.sh): SCRAM over TLS.
pub struct SaslSsl {
    /// Its bootstrap address (`NEWSFLOW_TEST_SASL_BROKERS`, default 127.0.0.1:9094).
    pub brokers: String,
    /// The SCRAM user and password the stack creates.
    pub username: String,
    /// See `username`.
    pub password: String,
    /// The stack's CA certificate (`NEWSFLOW_TEST_CA`, default `.stack/tls/ca.pem`).
    pub ca_file: PathBuf,
}

/// Where the local stack's SASL_SSL listener is; panics when its CA
/// certificate is missing (the stack makes it at first start).
pub fn sasl_ssl() -> SaslSsl {
    let repo = repo_root();
    let ca_file = std::env::var_os("NEWSFLOW_TEST_CA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let state = std::env::var_os("NEWSFLOW_STACK_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| repo.join(".stack"));
            state.join("tls/ca.pem")
        });
    assert!(
        ca_file.exists(),
        "{} is missing: start the stack with deploy/stack.sh start",
        ca_file.display()
    );
    SaslSsl {
        brokers: std::env::var("NEWSFLOW_TEST_SASL_BROKERS")
            .unwrap_or_else(|_| "127.0.0.1:9094".into()),
        username: "newsflow".into(),
        password: "newsflow-local-secret".into(),
        ca_file,
    }
}

/// The repository's root directory.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

/// A name no other test (or run) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!(
        "{prefix}-{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn config() -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", brokers());
    c
}

/// Creates topics (name, partitions); panics with a hint when no broker answers.
pub async fn create_topics(topics: &[(&str, i32)]) {
    let admin: AdminClient<DefaultClientContext> = config().create().expect("admin client");
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|(name, p)| NewTopic::new(name, *p, TopicReplication::Fixed(1)))
        .collect();
    let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(20)));
    let results = admin
        .create_topics(&new, &options)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "cannot create topics on {} ({e}); start the stack with deploy/stack.sh start",
                brokers()
            )
        });
    for r in results {
        r.unwrap_or_else(|(name, code)| panic!("create topic {name}: {code}"));
    }
}

/// Produces one message with an optional key and a content-type header.
pub async fn produce(topic: &str, key: Option<&str>, value: &[u8], content_type: Option<&str>) {
    let producer: FutureProducer = config().create().expect("producer");
    let mut record = FutureRecord::<str, [u8]>::to(topic).payload(value);
    if let Some(key) = key {
        record = record.key(key);
    }
    if let Some(ct) = content_type {
        record = record.headers(OwnedHeaders::new().insert(Header {
            key: "content-type",
            value: Some(ct),
        }));
    }
    producer
        .send(record, Duration::from_secs(20))
        .await
        .unwrap_or_else(|(e, _)| panic!("produce to {topic}: {e}"));
}

/// A read_committed consumer on `brokers` assigned every partition of
/// `topics` from the beginning, outside any consumer group's work (its
/// group id is unique and it commits nothing).
pub fn reader_from_start(brokers: &str, topics: &[&str]) -> BaseConsumer {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", unique("reader"))
        .set("enable.auto.commit", "false")
        .set("isolation.level", "read_committed")
        .create()
        .expect("consumer");
    let mut tpl = TopicPartitionList::new();
    for topic in topics {
        let metadata = consumer
            .fetch_metadata(Some(topic), Duration::from_secs(10))
            .expect("metadata");
        for t in metadata.topics() {
            for p in t.partitions() {
                tpl.add_partition_offset(topic, p.id(), Offset::Beginning)
                    .expect("partition");
            }
        }
    }
    consumer.assign(&tpl).expect("assign");
    consumer
}

/// Reads `topic` from the beginning, without a group, until `done` says the
/// messages so far are enough or `timeout` passes; returns what was read.
pub fn read_until(
    topic: &str,
    timeout: Duration,
    done: impl Fn(&[OwnedMessage]) -> bool,
) -> Vec<OwnedMessage> {
    let consumer = reader_from_start(&brokers(), &[topic]);
    let deadline = Instant::now() + timeout;
    let mut messages = Vec::new();
    while Instant::now() < deadline && !done(&messages) {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(200)) {
            messages.push(m.detach());
        }
    }
    messages
}

/// [`read_until`] from an async test, on a blocking thread.
pub async fn read_until_async(
    topic: &str,
    timeout: Duration,
    done: impl Fn(&[OwnedMessage]) -> bool + Send + 'static,
) -> Vec<OwnedMessage> {
    let topic = topic.to_string();
    tokio::task::spawn_blocking(move || read_until(&topic, timeout, done))
        .await
        .expect("reader thread")
}

/// A message's payload decoded by its `content-type` header (JSON when
/// absent); panics, naming the type, when it does not decode.
pub fn decoded<T: newsflow_contracts::Contract>(message: &OwnedMessage) -> T {
    newsflow_contracts::decode(
        message.payload(),
        header(message, newsflow_contracts::CONTENT_TYPE_HEADER).as_deref(),
        newsflow_contracts::WireFormat::Json,
    )
    .unwrap_or_else(|e| panic!("not a valid {}: {e}", std::any::type_name::<T>()))
}

/// The sum over partitions of the offsets `group` committed on `topic`
/// (unset counts as 0).
pub fn committed_total(group: &str, topic: &str, partitions: i32) -> i64 {
    let consumer: BaseConsumer = config()
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .create()
        .expect("consumer");
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(topic, p);
    }
    match consumer.committed_offsets(tpl, Duration::from_secs(10)) {
        Ok(list) => list
            .elements()
            .iter()
            .map(|e| match e.offset() {
                Offset::Offset(o) => o,
                _ => 0,
            })
            .sum(),
        Err(_) => 0,
    }
}

/// Polls `check` until it returns true or `timeout` passes.
pub fn eventually(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The value of a header.
pub fn header(message: &impl Message, name: &str) -> Option<String> {
    use rdkafka::message::Headers;
    message
        .headers()?
        .iter()
        .find(|h| h.key == name)
        .and_then(|h| h.value)
        .map(|v| String::from_utf8_lossy(v).into_owned())
}

/// Path of a workspace binary (built by `cargo build --workspace --bins`,
/// which `tests/run.sh` does first).
pub fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/<profile>/deps/<test> → target/<profile>/<name>
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .to_path_buf();
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --workspace --bins` first (tests/run.sh does)",
        path.display()
    );
    path
}

/// A child process killed (SIGKILL) and reaped when dropped, so a failing
/// test leaves nothing running.
pub struct Proc(pub Child);

impl Proc {
    /// The process id.
    pub fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain HTTP/1.0 GET on loopback: (status, body).
pub fn http_get(addr: SocketAddr, path_and_query: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path_and_query} HTTP/1.0\r\nHost: {addr}\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())?;
    Some((status, body))
}

/// A free TCP port on loopback (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A real Prometheus server (Debian's `prometheus`) on a free loopback port,
/// (its own minimal configuration, or the shipped one); stopped when dropped.
pub struct Prometheus {
    /// Its HTTP address.
    pub addr: SocketAddr,
    _process: Proc,
    _dir: tempfile::TempDir,
}

impl Prometheus {
    /// Starts Prometheus scraping `targets` every second (a config of its
    /// own) and waits until its API answers.
    pub fn start(targets: &[SocketAddr]) -> Prometheus {
        let dir = tempfile::tempdir().expect("temp dir");
        let targets: Vec<String> = targets.iter().map(|t| format!("'{t}'")).collect();
        let config = format!(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: newsflow\n    static_configs:\n      - targets: [{}]\n",
            targets.join(", ")
        );
        std::fs::write(dir.path().join("prometheus.yml"), config).expect("write config");
        Self::spawn(dir)
    }

    /// Starts Prometheus with the shipped configuration: deploy/prometheus's
    /// `prometheus.yml` and `alerts.yml`, copied unchanged, and a
    /// `targets/local.yml` naming each `(service, admin address)`.
    pub fn start_shipped(targets: &[(&str, SocketAddr)]) -> Prometheus {
        let dir = tempfile::tempdir().expect("temp dir");
        let shipped = repo_root().join("deploy/prometheus");
        for file in ["prometheus.yml", "alerts.yml"] {
            std::fs::copy(shipped.join(file), dir.path().join(file)).expect("copy shipped config");
        }
        std::fs::create_dir(dir.path().join("targets")).expect("targets dir");
        let list: String = targets
            .iter()
            .map(|(service, addr)| {
                format!("- targets: [\"{addr}\"]\n  labels: {{service: {service}}}\n")
            })
            .collect();
        std::fs::write(dir.path().join("targets/local.yml"), list).expect("write targets");
        Self::spawn(dir)
    }

    fn spawn(dir: tempfile::TempDir) -> Prometheus {
        let config_path = dir.path().join("prometheus.yml");
        let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let child = Command::new("prometheus")
            .arg(format!("--config.file={}", config_path.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address={addr}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("prometheus is installed (deploy/stack.sh install)");
        let process = Proc(child);
        let ready = eventually(Duration::from_secs(30), || {
            http_get(addr, "/-/ready").is_some_and(|(s, _)| s == 200)
        });
        assert!(ready, "prometheus did not become ready on {addr}");
        Prometheus {
            addr,
            _process: process,
            _dir: dir,
        }
    }

    /// A GET on the HTTP API (`/api/v1/...`), the whole JSON answer.
    pub fn api(&self, path_and_query: &str) -> serde_json::Value {
        let (_, body) = http_get(self.addr, path_and_query).unwrap_or_default();
        serde_json::from_str(&body).unwrap_or_default()
    }

    /// An instant query, the whole JSON answer (`status`, `error`, `data`).
    pub fn query_full(&self, promql: &str) -> serde_json::Value {
        let q: String = url::form_urlencoded::byte_serialize(promql.as_bytes()).collect();
        self.api(&format!("/api/v1/query?query={q}"))
    }

    /// Runs an instant query; returns the `data.result` array.
    pub fn query(&self, promql: &str) -> serde_json::Value {
        self.query_full(promql)["data"]["result"].clone()
    }

    /// The first sample's value of an instant query, as a number.
    pub fn value(&self, promql: &str) -> Option<f64> {
        self.query(promql)[0]["value"][1].as_str()?.parse().ok()
    }
}
