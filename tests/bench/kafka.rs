//! The benchmark's Kafka side: submitting URLs (in a burst or at a set
//! rate), following topics from their beginning while recording when each
//! record became visible, and the raw produce and consume rates of the same
//! messages through the same broker (the physical limit a stage is held to).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use newsflow_contracts::{encode, UrlRequest, WireFormat};
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{BaseRecord, DefaultProducerContext, Producer, ThreadedProducer};
use rdkafka::ClientConfig;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// A producer with the settings newsflow's services use (idempotent,
/// acks=all, zstd, linger 5 ms), so raw rates compare like with like.
fn producer(brokers: &str) -> ThreadedProducer<DefaultProducerContext> {
    ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("compression.type", "zstd")
        .set("linger.ms", "5")
        .set("queue.buffering.max.kbytes", "1048576")
        .set("message.max.bytes", "10485760")
        .create()
        .expect("producer")
}

/// Sends with back-pressure: waits while the local queue is full.
fn send(p: &ThreadedProducer<DefaultProducerContext>, topic: &str, key: &str, value: &[u8]) {
    let headers = OwnedHeaders::new().insert(Header {
        key: newsflow_contracts::CONTENT_TYPE_HEADER,
        value: Some("application/json"),
    });
    let mut record = BaseRecord::to(topic)
        .key(key)
        .payload(value)
        .headers(headers);
    loop {
        match p.send(record) {
            Ok(()) => return,
            Err((_, r)) => {
                record = r;
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }
}

/// Submits `urls` to `topic` as `UrlRequest`s, `per_second` apart (all at
/// once when `None`); returns each URL's submission time (epoch ms).
pub fn submit(
    brokers: &str,
    topic: &str,
    urls: &[String],
    per_second: Option<f64>,
) -> HashMap<String, i64> {
    let p = producer(brokers);
    let mut at = HashMap::with_capacity(urls.len());
    let start = Instant::now();
    for (i, url) in urls.iter().enumerate() {
        if let Some(rate) = per_second {
            let due = start + Duration::from_secs_f64(i as f64 / rate);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        let now = now_ms();
        let request = UrlRequest {
            url: url.clone(),
            submitted_at: Some(newsflow_contracts::timestamp_from_millis(now)),
            ..Default::default()
        };
        send(&p, topic, url, &encode(&request, WireFormat::Json));
        at.insert(url.clone(), now);
    }
    p.flush(Duration::from_secs(120)).expect("submit flush");
    at
}

/// One record a [`Follower`] saw.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Index of its topic in the follower's list.
    pub topic: usize,
    /// Its producer timestamp (epoch ms).
    pub created_ms: i64,
    /// When the follower read it (epoch ms).
    pub seen_ms: i64,
    /// Key plus payload bytes.
    pub bytes: usize,
    /// The article's `url`, for topics whose URLs were asked for.
    pub url: Option<String>,
}

/// Follows topics from their beginning (read_committed) on a thread of its
/// own, recording every record and keeping a sample of payloads.
pub struct Follower {
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    samples: Arc<Mutex<Vec<Vec<Vec<u8>>>>>,
    thread: Option<JoinHandle<()>>,
}

impl Follower {
    /// Follows `topics`; reads the JSON `url` field of records on topics
    /// marked in `urls`; keeps up to `keep` payloads per topic.
    pub fn start(brokers: &str, topics: Vec<String>, urls: Vec<bool>, keep: usize) -> Follower {
        let names: Vec<&str> = topics.iter().map(String::as_str).collect();
        let consumer = crate::reader_from_start(brokers, &names);
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let samples = Arc::new(Mutex::new(vec![Vec::new(); topics.len()]));
        let thread = {
            let (stop, seen, samples) = (stop.clone(), seen.clone(), samples.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let Some(Ok(m)) = consumer.poll(Duration::from_millis(20)) else {
                        continue;
                    };
                    let Some(topic) = topics.iter().position(|t| t == m.topic()) else {
                        continue;
                    };
                    let payload = m.payload().unwrap_or_default();
                    let url = urls[topic]
                        .then(|| serde_json::from_slice::<serde_json::Value>(payload).ok())
                        .flatten()
                        .and_then(|v| v.get("url")?.as_str().map(str::to_string));
                    if let Ok(mut kept) = samples.lock() {
                        if kept[topic].len() < keep {
                            kept[topic].push(payload.to_vec());
                        }
                    }
                    let record = Seen {
                        topic,
                        created_ms: m.timestamp().to_millis().unwrap_or(0),
                        seen_ms: now_ms(),
                        bytes: payload.len() + m.key().map_or(0, <[u8]>::len),
                        url,
                    };
                    if let Ok(mut s) = seen.lock() {
                        s.push(record);
                    }
                }
            })
        };
        Follower {
            stop,
            seen,
            samples,
            thread: Some(thread),
        }
    }

    /// Records seen so far on the topics with these indices.
    pub fn count(&self, topics: &[usize]) -> usize {
        self.seen
            .lock()
            .map(|s| s.iter().filter(|r| topics.contains(&r.topic)).count())
            .unwrap_or(0)
    }

    /// A copy of what was seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stops following; returns the payload samples per topic.
    pub fn stop(mut self) -> Vec<Vec<Vec<u8>>> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        std::mem::take(&mut *self.samples.lock().expect("samples"))
    }
}

/// Raw broker rates for one kind of message.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Raw {
    /// Messages sent and read.
    pub messages: usize,
    /// Their mean size in bytes.
    pub mean_bytes: f64,
    /// Produced per second (until all were acknowledged), newsflow's producer settings.
    pub produce_per_s: f64,
    /// Consumed per second by one read_committed consumer.
    pub consume_per_s: f64,
}

/// Produces `count` messages cycling through `samples` to the empty topic
/// `topic` (already created), then reads them all back; both timed.
pub fn raw_rates(brokers: &str, topic: &str, samples: &[Vec<u8>], count: usize) -> Raw {
    let p = producer(brokers);
    let started = Instant::now();
    let mut bytes = 0usize;
    for i in 0..count {
        let value = &samples[i % samples.len()];
        bytes += value.len();
        send(&p, topic, &i.to_string(), value);
    }
    p.flush(Duration::from_secs(300)).expect("raw flush");
    let produce_secs = started.elapsed().as_secs_f64();
    let reader = Follower::start(brokers, vec![topic.to_string()], vec![false], 0);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(300);
    while reader.count(&[0]) < count && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let consume_secs = started.elapsed().as_secs_f64();
    reader.stop();
    Raw {
        messages: count,
        mean_bytes: bytes as f64 / count.max(1) as f64,
        produce_per_s: count as f64 / produce_secs,
        consume_per_s: count as f64 / consume_secs,
    }
}
